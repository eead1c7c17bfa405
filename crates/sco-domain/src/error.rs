//! Errors for input the domain cannot make sense of.
//!
//! A rule that answers "no" is not an error (see [`crate::Verdict`]); these are for malformed input:
//! a code that is not ISO alpha-3, a date that does not exist, a vote by a state that has no vote.

use thiserror::Error;

/// Input the domain cannot interpret.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum DomainError {
    /// A state code that is not three ASCII letters.
    #[error("`{0}` is not an ISO 3166 alpha-3 code (three letters, e.g. KAZ)")]
    InvalidIso3(String),
    /// A state code that is well-formed but unknown to the directory in use.
    #[error("unknown state `{0}`")]
    UnknownState(String),
    /// A date string that is not `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, or names a day that does not exist.
    #[error("`{0}` is not a valid date (expected YYYY-MM-DD, YYYY-MM or YYYY)")]
    InvalidDate(String),
    /// A position was given for a state that takes no part in the decision.
    #[error("{state} is not a member state on this question and has no say in it")]
    NotAParticipant {
        /// The state that has no say.
        state: String,
    },
}
