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

/// The largest input file the readers accept (16 MiB): far above any real case, and small
/// enough that a wrong path (`/dev/zero`, a disk image) fails at once instead of filling memory.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// The most actors a profile may have: the models hold actor × actor tables.
pub const MAX_ACTORS: usize = 2_000;

/// The most dimensions a profile may have.
pub const MAX_DIMENSIONS: usize = 200;

/// Reads a UTF-8 text file of at most `limit` bytes; a longer file (or an endless one such as
/// `/dev/zero`) is an error of kind `FileTooLarge` after reading `limit + 1` bytes, no more.
pub fn read_text_bounded(path: &Path, limit: u64) -> std::io::Result<String> {
    use std::io::Read;
    let file = std::fs::File::open(path)?;
    let mut bytes = Vec::new();
    file.take(limit.saturating_add(1)).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(std::io::Error::new(
            std::io::ErrorKind::FileTooLarge,
            format!(
                "the file is larger than {} MiB, the most this reader accepts",
                limit / (1024 * 1024)
            ),
        ));
    }
    String::from_utf8(bytes).map_err(|e| {
        std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!(
                "the file is not UTF-8 text (invalid byte at offset {})",
                e.utf8_error().valid_up_to()
            ),
        )
    })
}

/// Line numbers of byte offsets (the workspace's one helper, re-exported for the readers here).
pub use sco_location::LineIndex;

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
/// The profile must have at most [`MAX_ACTORS`] actors and [`MAX_DIMENSIONS`] dimensions.
pub fn parse_str(text: &str, label: &str, format: Format) -> Result<Profile, LoadError> {
    let profile = match format {
        Format::Toml => parse_toml_case(text, label),
        Format::ActorCsv => parse_actor_csv(text, label),
        Format::DecideCsv => parse_decide_csv(text, label),
    }?;
    check_size(&profile, label)?;
    Ok(profile)
}

/// Refuses a profile too large for the models' actor × actor tables.
pub fn check_size(profile: &Profile, label: &str) -> Result<(), LoadError> {
    let too_many = |what: &'static str, count: usize, max: usize| {
        LoadError::new(label, None, None, Problem::TooMany { what, count, max })
    };
    if profile.actors.len() > MAX_ACTORS {
        return Err(too_many("actors", profile.actors.len(), MAX_ACTORS));
    }
    if profile.dimensions.len() > MAX_DIMENSIONS {
        return Err(too_many(
            "dimensions",
            profile.dimensions.len(),
            MAX_DIMENSIONS,
        ));
    }
    Ok(())
}

/// Read and parse a file, detecting its format.
pub fn load_path(path: &Path) -> Result<Profile, DecideError> {
    let label = path.display().to_string();
    let text = read_text_bounded(path, MAX_FILE_BYTES).map_err(|source| DecideError::Read {
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
