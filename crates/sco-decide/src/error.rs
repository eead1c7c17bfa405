//! Errors of this crate.
//!
//! Bad input is reported as a [`LoadError`] that names the file, the line (when there is
//! one), the field and what is wrong, so a person can fix the file without reading code.
//! A model that answers "no" (an empty winset, no exchange left) is a result, not an error.

use std::fmt;

/// What is wrong with one place of an input file.
#[derive(Debug, Clone, PartialEq)]
pub enum Problem {
    /// A required column or key is absent.
    MissingColumn { column: String },
    /// A value that must be a number is not one.
    NotANumber { value: String },
    /// A number is NaN or infinite.
    NotFinite { value: f64 },
    /// Salience must lie in 0..=1.
    SalienceOutOfRange { value: f64 },
    /// Capability must be finite and not negative.
    NegativeCapability { value: f64 },
    /// A position lies outside the declared scale of its dimension.
    PositionOutOfRange { value: f64, min: f64, max: f64 },
    /// The same actor appears twice.
    DuplicateActor { name: String, first_line: usize },
    /// The same dimension appears twice.
    DuplicateDimension { name: String },
    /// An actor's stance on the same dimension appears twice.
    DuplicateStance { actor: String, dimension: String },
    /// A row refers to an actor that was never declared.
    UnknownActor { name: String },
    /// A row refers to a dimension that was never declared.
    UnknownDimension { name: String },
    /// A row has too few fields.
    TooFewFields { expected: usize, found: usize },
    /// A row kind (decide's `#A`, `#P`, ...) this reader does not know.
    UnknownRowKind { kind: String },
    /// A dimension's scale is empty or reversed.
    BadScale { min: f64, max: f64 },
    /// The file declares no actor or no dimension.
    Empty { what: &'static str },
    /// The file is not valid TOML or CSV.
    Syntax { message: String },
    /// More actors or dimensions than the models accept.
    TooMany {
        what: &'static str,
        count: usize,
        max: usize,
    },
    /// Any other rule of the format.
    Other { message: String },
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::MissingColumn { column } => write!(f, "missing column `{column}`"),
            Problem::NotANumber { value } => write!(f, "`{value}` is not a number"),
            Problem::NotFinite { value } => write!(f, "{value} is not a finite number"),
            Problem::SalienceOutOfRange { value } => {
                write!(f, "salience {value} is outside 0..=1")
            }
            Problem::NegativeCapability { value } => {
                write!(f, "capability {value} is negative")
            }
            Problem::PositionOutOfRange { value, min, max } => {
                write!(f, "position {value} is outside the scale {min}..={max}")
            }
            Problem::DuplicateActor { name, first_line } => {
                write!(
                    f,
                    "actor `{name}` appears twice (first on line {first_line})"
                )
            }
            Problem::DuplicateDimension { name } => write!(f, "dimension `{name}` appears twice"),
            Problem::DuplicateStance { actor, dimension } => {
                write!(f, "actor `{actor}` has two stances on `{dimension}`")
            }
            Problem::UnknownActor { name } => write!(f, "unknown actor `{name}`"),
            Problem::UnknownDimension { name } => write!(f, "unknown dimension `{name}`"),
            Problem::TooFewFields { expected, found } => {
                write!(f, "expected at least {expected} fields, found {found}")
            }
            Problem::UnknownRowKind { kind } => write!(f, "unknown row kind `{kind}`"),
            Problem::BadScale { min, max } => write!(f, "scale {min}..={max} is empty or reversed"),
            Problem::Empty { what } => write!(f, "no {what} declared"),
            Problem::Syntax { message } => write!(f, "syntax error: {message}"),
            Problem::TooMany { what, count, max } => {
                write!(f, "{count} {what}: the models accept at most {max}")
            }
            Problem::Other { message } => f.write_str(message),
        }
    }
}

/// A problem at a place of an input file.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub struct LoadError {
    /// The file (or the label given for an in-memory text).
    pub file: String,
    /// 1-based line, when the problem has one.
    pub line: Option<usize>,
    /// The column or key concerned, when known.
    pub field: Option<String>,
    /// What is wrong.
    pub problem: Problem,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        if let Some(field) = &self.field {
            write!(f, ": field `{field}`")?;
        }
        write!(f, ": {}", self.problem)
    }
}

impl LoadError {
    pub(crate) fn new(
        file: &str,
        line: Option<usize>,
        field: Option<&str>,
        problem: Problem,
    ) -> Self {
        LoadError {
            file: file.to_string(),
            line,
            field: field.map(str::to_string),
            problem,
        }
    }
}

/// Errors of the crate's entry points.
#[derive(Debug, thiserror::Error)]
pub enum DecideError {
    /// The input file could not be read.
    #[error("{file}: cannot read: {source}")]
    Read {
        file: String,
        #[source]
        source: std::io::Error,
    },
    /// The input file is malformed or violates a rule.
    #[error(transparent)]
    Load(#[from] LoadError),
    /// A model was asked something the profile cannot answer (e.g. a dimension index out of range).
    #[error("{0}")]
    Usage(String),
}
