//! Generic collective-decision models for the decision lab.
//!
//! The crate answers "where will a group of actors end up, and can they move at all?"
//! for any group: it knows actors, capabilities, positions and saliences, never a
//! particular organisation. It holds:
//!
//! - [`profile`] and [`load`]: actor/issue profiles and their readers (TOML case files,
//!   plain actor CSV, the `decide` exchange model's CSV), with errors that name file,
//!   line and field;
//! - [`compromise`]: the capability × salience weighted mean;
//! - [`nash`]: the Nash bargaining solution over the status quo;
//! - [`eum`]: Bueno de Mesquita's expected utility model as specified by Scholz, Calbert
//!   and Smith (2011), every open choice a documented switch;
//! - [`exchange`]: Stokman's exchange model (Equal Gain variant) as implemented by
//!   `decide-exchange-model`;
//! - [`consensus`]: the unanimity layer (winsets, vetoes, projection of a prediction onto
//!   what unanimity allows, reservations, Coleman and Wendel probabilities).
//!
//! Each model states its sources and assumptions in `docs/decision-lab/models.md`.

// Index loops mirror the formulas (sums over actors and dimensions).
#![allow(clippy::needless_range_loop)]

pub mod compromise;
pub mod consensus;
pub mod error;
pub mod eum;
pub mod exchange;
mod linalg;
pub mod load;
pub mod nash;
pub mod profile;

pub use error::{DecideError, LoadError, Problem};
pub use profile::{Actor, Dimension, IssueActor, Profile, Stance};
