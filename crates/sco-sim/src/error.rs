//! Errors of the engine, with enough context (file, line, field) to fix bad input.

use std::path::PathBuf;

use crate::params::ParamError;
use crate::registry::RegistryError;

/// An invalid scenario file: where, which field, and what is wrong.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{file}:{line}:{column}: {}{message}", field.as_deref().map(|f| format!("field `{f}`: ")).unwrap_or_default())]
pub struct ScenarioError {
    /// The file as named by the user (or `<string>`).
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column (in characters).
    pub column: usize,
    /// Dotted path of the offending field, when known (e.g. `params.traits`).
    pub field: Option<String>,
    /// What is wrong.
    pub message: String,
}

/// Everything that can go wrong running models and sweeps.
#[derive(Debug, thiserror::Error)]
pub enum SimError {
    /// Invalid scenario file.
    #[error(transparent)]
    Scenario(#[from] ScenarioError),
    /// Invalid parameter name or value.
    #[error(transparent)]
    Param(#[from] ParamError),
    /// Unknown model name.
    #[error(transparent)]
    Registry(#[from] RegistryError),
    /// Invalid experiment-design table.
    #[error("{file}:{line}:{column}: {message}")]
    Design {
        /// The design file.
        file: String,
        /// 1-based line.
        line: usize,
        /// 1-based column (field number).
        column: usize,
        /// What is wrong.
        message: String,
    },
    /// Invalid sweep request (shard, seeds, an output directory holding another sweep).
    #[error("{0}")]
    SweepInput(String),
    /// Sweep parts that cannot be merged (missing or duplicated chunks, different plans).
    #[error("cannot merge: {0}")]
    Merge(String),
    /// Reading or writing a file failed.
    #[error("{}: {cause}", path.display())]
    Io {
        /// The file or directory.
        path: PathBuf,
        /// The cause (shown in the message, so not also reported as a source).
        cause: std::io::Error,
    },
    /// Writing or reading Parquet, Arrow or CSV data failed.
    #[error("{}: {message}", path.display())]
    Format {
        /// The file.
        path: PathBuf,
        /// The cause.
        message: String,
    },
    /// A failure of the machine or the engine itself (e.g. no thread pool).
    #[error("internal error: {0}")]
    Internal(String),
    /// A model reported rows that do not match its declared columns (a bug in the model).
    #[error("model `{model}` reported a row that does not match its columns: {message}")]
    Schema {
        /// The model.
        model: String,
        /// What did not match.
        message: String,
    },
}

impl SimError {
    /// True when the error is caused by the user's input (exit code 2 in the CLI) rather
    /// than by the machine or a bug.
    pub fn is_bad_input(&self) -> bool {
        matches!(
            self,
            SimError::Scenario(_)
                | SimError::Param(_)
                | SimError::Registry(_)
                | SimError::Design { .. }
                | SimError::SweepInput(_)
                | SimError::Merge(_)
        )
    }

    pub(crate) fn io(path: impl Into<PathBuf>, cause: std::io::Error) -> Self {
        SimError::Io {
            path: path.into(),
            cause,
        }
    }

    pub(crate) fn format(path: impl Into<PathBuf>, message: impl ToString) -> Self {
        SimError::Format {
            path: path.into(),
            message: message.to_string(),
        }
    }
}
