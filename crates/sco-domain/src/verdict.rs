//! The answer of a rule: yes or no, with the reasons and the articles behind them.

use serde::Serialize;

use crate::Citation;

/// One reason behind a verdict.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reason {
    /// What holds or fails, in a sentence.
    pub message: String,
    /// The provision that makes it matter.
    pub citation: Citation,
}

/// The answer of a rule. `allowed == false` is a normal answer, not an error.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Verdict {
    /// Whether the rule allows what was asked.
    pub allowed: bool,
    /// Why: for a "no", every failing condition; for a "yes", the conditions that were met.
    pub reasons: Vec<Reason>,
}

impl Verdict {
    /// A "yes" with the reasons it holds.
    pub fn yes(reasons: Vec<Reason>) -> Self {
        Self {
            allowed: true,
            reasons,
        }
    }

    /// A "no" with the reasons it fails.
    pub fn no(reasons: Vec<Reason>) -> Self {
        Self {
            allowed: false,
            reasons,
        }
    }

    /// Builds a verdict from a list of conditions: allowed when every one holds. The reasons of a "no"
    /// are the failing conditions only.
    pub fn from_conditions(conditions: Vec<(bool, Reason)>) -> Self {
        let failing: Vec<Reason> = conditions
            .iter()
            .filter(|(holds, _)| !holds)
            .map(|(_, reason)| reason.clone())
            .collect();
        if failing.is_empty() {
            Self::yes(conditions.into_iter().map(|(_, reason)| reason).collect())
        } else {
            Self::no(failing)
        }
    }
}

impl Reason {
    /// A reason with its citation.
    pub fn new(message: impl Into<String>, citation: Citation) -> Self {
        Self {
            message: message.into(),
            citation,
        }
    }
}
