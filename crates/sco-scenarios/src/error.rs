//! Errors of the scenario crate: bad scenario data files (with file, line and field),
//! failures of the datasets and the ledger underneath, and engine errors.

use std::path::PathBuf;

/// Everything that can go wrong building, running or reporting a scenario.
#[derive(Debug, thiserror::Error)]
pub enum ScenarioDataError {
    /// An entry of a scenario data file is invalid.
    #[error("{file}:{line}:{column}: field `{field}`: {message}")]
    Entry {
        /// The file (relative to the repository).
        file: String,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// The offending field.
        field: String,
        /// What is wrong.
        message: String,
    },
    /// A dataset could not be read.
    #[error("dataset: {0}")]
    Data(#[from] sco_data::DataError),
    /// The ledger could not be read or replayed.
    #[error("history ledger: {0}")]
    Ledger(#[from] sco_ledger::LedgerError),
    /// The data lack something the scenario needs (e.g. no V-Dem value in the start year).
    #[error("{0}")]
    Missing(String),
    /// The simulation engine failed.
    #[error(transparent)]
    Sim(#[from] sco_sim::SimError),
    /// The registry refused a model.
    #[error(transparent)]
    Registry(#[from] sco_sim::RegistryError),
    /// Writing a result file failed.
    #[error("{}: {message}", path.display())]
    Write {
        /// The file or directory.
        path: PathBuf,
        /// The cause.
        message: String,
    },
}

impl ScenarioDataError {
    /// True when the error comes from the user's input (a scenario file, a parameter).
    pub fn is_bad_input(&self) -> bool {
        match self {
            ScenarioDataError::Sim(e) => e.is_bad_input(),
            ScenarioDataError::Registry(_) => true,
            _ => false,
        }
    }

    pub(crate) fn write(path: impl Into<PathBuf>, message: impl ToString) -> Self {
        ScenarioDataError::Write {
            path: path.into(),
            message: message.to_string(),
        }
    }
}
