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
    /// The caller asked the sweep to stop (Ctrl-C in Python, through [`crate::Progress::cancelled`]);
    /// the chunks finished so far are kept and a rerun resumes from them.
    #[error(
        "interrupted: the sweep was cancelled; rerun it with the same output directory to resume"
    )]
    Cancelled,
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

/// The largest scenario or design file read (16 MiB); a longer one, or an endless stream such as
/// `/dev/zero`, is refused after reading that much rather than filling memory.
pub const MAX_INPUT_BYTES: u64 = 16 * 1024 * 1024;

/// Reads a UTF-8 text file of at most [`MAX_INPUT_BYTES`]; more is an error naming the file.
pub(crate) fn read_input(path: &std::path::Path) -> Result<String, SimError> {
    use std::io::Read;
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|file| file.take(MAX_INPUT_BYTES + 1).read_to_end(&mut bytes))
        .map_err(|e| SimError::io(path, e))?;
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        let too_large = std::io::Error::new(
            std::io::ErrorKind::FileTooLarge,
            format!(
                "the file is larger than {} MiB, the most an input file may have",
                MAX_INPUT_BYTES / (1024 * 1024)
            ),
        );
        return Err(SimError::io(path, too_large));
    }
    String::from_utf8(bytes).map_err(|e| {
        let message = format!(
            "the file is not UTF-8 text (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        );
        SimError::io(
            path,
            std::io::Error::new(std::io::ErrorKind::InvalidData, message),
        )
    })
}
