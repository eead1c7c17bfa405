//! Errors raised while reading the embedded datasets. Every variant names the file, and
//! where it can the line and the column, so a broken data file can be fixed without guessing.

/// A problem found while parsing one of the data files.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum DataError {
    /// A value in one field could not be read.
    #[error("{file}:{line}: column `{field}`: {message}")]
    Field {
        file: String,
        line: u64,
        field: String,
        message: String,
    },
    /// A whole row is wrong (wrong number of fields, duplicate key, ...).
    #[error("{file}:{line}: {message}")]
    Row {
        file: String,
        line: u64,
        message: String,
    },
    /// The header lacks a column the loader needs.
    #[error("{file}:1: the header has no column `{column}`")]
    MissingColumn { file: String, column: String },
    /// The file as a whole cannot be read (bad encoding, bad JSON/TOML, ...).
    #[error("{file}: {message}")]
    File { file: String, message: String },
}

impl DataError {
    pub(crate) fn file(file: &str, message: impl Into<String>) -> Self {
        DataError::File {
            file: file.to_string(),
            message: message.into(),
        }
    }

    pub(crate) fn row(file: &str, line: u64, message: impl Into<String>) -> Self {
        DataError::Row {
            file: file.to_string(),
            line,
            message: message.into(),
        }
    }
}
