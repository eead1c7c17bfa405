//! Reading profiles from files: our TOML case format, a plain actor CSV (the layout of
//! the 1994 EU car-emissions example) and the CSV format of the `decide` exchange model.
//!
//! Every reader checks what the models rely on (finite numbers, salience in 0..=1, no
//! negative capability, unique actors and dimensions, positions on their scale) and reports
//! the first problem with file, line and field.

mod actor_csv;
mod decide_csv;
mod toml_case;

use std::path::Path;

use crate::error::{DecideError, LoadError, Problem};
use crate::profile::Profile;

pub use actor_csv::parse_actor_csv;
pub use decide_csv::parse_decide_csv;
pub use toml_case::parse_toml_case;

/// The input formats this crate reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Our TOML case format (see `docs/decision-lab/models.md`).
    Toml,
    /// Header `Actor,Capability,Position,Salience` (one dimension), or with
    /// `Position:<dim>`/`Salience:<dim>` column pairs for several dimensions.
    ActorCsv,
    /// The `decide` exchange model's rows `#A`, `#P`, `#M`, `#D`.
    DecideCsv,
}

/// Guess the format from the file name and the first non-empty line.
pub fn detect_format(path: &Path, text: &str) -> Format {
    let is_toml = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("toml"));
    if is_toml {
        return Format::Toml;
    }
    let first = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("");
    let first = first.trim_start_matches(['\'', '"']);
    if first.starts_with('#') {
        Format::DecideCsv
    } else {
        Format::ActorCsv
    }
}

/// Parse `text` in the given format; `label` names the source in error messages.
pub fn parse_str(text: &str, label: &str, format: Format) -> Result<Profile, LoadError> {
    match format {
        Format::Toml => parse_toml_case(text, label),
        Format::ActorCsv => parse_actor_csv(text, label),
        Format::DecideCsv => parse_decide_csv(text, label),
    }
}

/// Read and parse a file, detecting its format.
pub fn load_path(path: &Path) -> Result<Profile, DecideError> {
    let label = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|source| DecideError::Read {
        file: label.clone(),
        source,
    })?;
    let format = detect_format(path, &text);
    Ok(parse_str(&text, &label, format)?)
}

/// Parse a number field, naming the place on failure.
pub(crate) fn parse_number(
    raw: &str,
    file: &str,
    line: usize,
    field: &str,
) -> Result<f64, LoadError> {
    let value: f64 = raw.trim().parse().map_err(|_| {
        LoadError::new(
            file,
            Some(line),
            Some(field),
            Problem::NotANumber {
                value: raw.trim().to_string(),
            },
        )
    })?;
    if !value.is_finite() {
        return Err(LoadError::new(
            file,
            Some(line),
            Some(field),
            Problem::NotFinite { value },
        ));
    }
    Ok(value)
}

pub(crate) fn check_salience(
    value: f64,
    file: &str,
    line: usize,
    field: &str,
) -> Result<(), LoadError> {
    if (0.0..=1.0).contains(&value) {
        Ok(())
    } else {
        Err(LoadError::new(
            file,
            Some(line),
            Some(field),
            Problem::SalienceOutOfRange { value },
        ))
    }
}

pub(crate) fn check_capability(
    value: f64,
    file: &str,
    line: usize,
    field: &str,
) -> Result<(), LoadError> {
    if value >= 0.0 {
        Ok(())
    } else {
        Err(LoadError::new(
            file,
            Some(line),
            Some(field),
            Problem::NegativeCapability { value },
        ))
    }
}
