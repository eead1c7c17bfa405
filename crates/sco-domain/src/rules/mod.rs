//! The Charter's rules as code, one rule per file.
//!
//! Every file opens with the same doc template: what the rule does, the provision it encodes (article
//! and document), and how practice has treated it. Each returns a [`crate::Verdict`] (or a richer
//! outcome holding one) so a "no" carries its reasons; tests of the "yes" and the "no" sit beside it.

pub mod admission_criteria;
pub mod admission_procedure;
pub mod chair_rotation;
pub mod consensus;
pub mod consensus_minus_one;
pub mod rats_director_term;
pub mod secretary_general_rotation;
pub mod status_changes;
pub mod withdrawal;

use crate::Citation;

/// A rule's identity, for listings and reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct RuleInfo {
    /// Short machine name, e.g. `consensus`.
    pub id: &'static str,
    /// One sentence saying what the rule decides.
    pub summary: &'static str,
    /// The provision it encodes.
    pub citation: Citation,
}

/// Every rule, for `sco rules` and the documentation.
pub fn catalogue() -> Vec<RuleInfo> {
    vec![
        consensus::INFO,
        consensus_minus_one::INFO,
        withdrawal::INFO,
        admission_criteria::INFO,
        admission_procedure::INFO,
        status_changes::INFO,
        chair_rotation::INFO,
        secretary_general_rotation::INFO,
        rats_director_term::INFO,
    ]
}
