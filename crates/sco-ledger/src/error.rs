//! Errors with a place: every problem in a ledger file names the file and the line.

use std::fmt;

use thiserror::Error;

/// Where in the ledger something is.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub struct Location {
    /// File name relative to the ledger directory, e.g. `status.toml`.
    pub file: String,
    /// 1-based line number.
    pub line: usize,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.file, self.line)
    }
}

/// A ledger entry that the Charter rules reject, with the rule's reasons.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{location}: the rules reject `{change}` for {state} on {date}: {reasons}")]
pub struct Rejection {
    /// Where.
    pub location: Location,
    /// The state.
    pub state: String,
    /// The change.
    pub change: String,
    /// The date.
    pub date: String,
    /// The rule's reasons, joined.
    pub reasons: String,
}

/// What can go wrong reading or replaying a ledger.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum LedgerError {
    /// A ledger file could not be read.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The path as given.
        path: String,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// A file is not valid TOML, or an entry lacks a field or has one of the wrong type.
    #[error("{location}: {message}")]
    Syntax {
        /// Where.
        location: Location,
        /// What is wrong.
        message: String,
    },
    /// An entry is well-formed but its content is wrong (unknown state, unknown source, bad date...).
    #[error("{location}: {message}")]
    Invalid {
        /// Where.
        location: Location,
        /// What is wrong.
        message: String,
    },
    /// Several problems at once (all are listed, each with its place).
    #[error("{} problems in the ledger:\n{}", .0.len(), .0.iter().map(|e| format!("  {e}")).collect::<Vec<_>>().join("\n"))]
    Many(Vec<LedgerError>),
    /// An entry that the Charter rules reject during replay.
    #[error("{0}")]
    Rejected(Box<Rejection>),
    /// The country directory could not be parsed.
    #[error("{file}:{line}: {message}")]
    Countries {
        /// File name.
        file: String,
        /// 1-based line.
        line: usize,
        /// What is wrong.
        message: String,
    },
}

impl LedgerError {
    /// Collapses a list of errors: none is `Ok`, one is itself, more are [`LedgerError::Many`].
    pub(crate) fn collect(mut errors: Vec<LedgerError>) -> Result<(), LedgerError> {
        match errors.len() {
            0 => Ok(()),
            1 => Err(errors.remove(0)),
            _ => Err(LedgerError::Many(errors)),
        }
    }
}
