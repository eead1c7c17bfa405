//! Reference models embedded in the engine and run by name: Axelrod's culture model,
//! Schelling's segregation model and the unanimity (consensus under expansion) model.

pub mod culture;
pub mod schelling;
pub mod unanimity;

use crate::registry::ModelEntry;

/// Registry entries of every reference model.
pub fn builtin_entries() -> Vec<ModelEntry> {
    vec![culture::entry(), schelling::entry(), unanimity::entry()]
}
