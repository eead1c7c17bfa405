//! Errors of the SCO decision lab.
//!
//! A case file that cannot be used is a [`CaseError`] naming the file, the line, the field and
//! what is wrong, so that its author can fix it without reading code. An empty winset or a
//! proposal that fails is a result, never an error.

use std::fmt;

/// What is wrong at one place of a case file.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub struct CaseError {
    /// The file (or the label of an in-memory text).
    pub file: String,
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// The key concerned (`actors[2].position.bank`), when known.
    pub field: Option<String>,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for CaseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        if let Some(field) = &self.field {
            write!(f, ": field `{field}`")?;
        }
        write!(f, ": {}", self.message)
    }
}

impl CaseError {
    pub(crate) fn new(
        file: &str,
        line: Option<usize>,
        field: Option<&str>,
        message: impl Into<String>,
    ) -> Self {
        CaseError {
            file: file.to_string(),
            line,
            field: field.map(str::to_string),
            message: message.into(),
        }
    }
}

/// Errors of the lab's entry points.
#[derive(Debug, thiserror::Error)]
pub enum LabError {
    /// A case file is malformed or breaks a rule of the format.
    #[error(transparent)]
    Case(#[from] CaseError),
    /// A file could not be read.
    #[error("{file}: cannot read: {source}")]
    Read {
        file: String,
        #[source]
        source: std::io::Error,
    },
    /// Neither a file nor a shipped case of that name.
    #[error("no case file or shipped case named `{name}` (shipped cases: {known})")]
    UnknownCase { name: String, known: String },
    /// The members on the case's date include states the case does not code.
    #[error("{file}: the members on {date} include {missing}, for which the case codes no actor")]
    Uncoded {
        file: String,
        date: String,
        missing: String,
    },
    /// The history ledger could not be read or replayed.
    #[error(transparent)]
    Ledger(#[from] sco_ledger::LedgerError),
    /// A dataset could not be read.
    #[error(transparent)]
    Data(#[from] sco_data::DataError),
    /// No capability value for a state in the chosen dataset near the chosen year.
    #[error("{file}: no {measure} value for {state} within {window} years of {year}; give `capability` for this actor with a `why.capability`")]
    NoCapability {
        file: String,
        measure: String,
        state: String,
        year: i32,
        window: i32,
    },
    /// A model could not run on the profile (too few actors, no spread, ...).
    #[error("{model}: {message}")]
    Model { model: String, message: String },
    /// A request the lab cannot answer (an unknown membership id, a bad option).
    #[error("{0}")]
    Usage(String),
}
