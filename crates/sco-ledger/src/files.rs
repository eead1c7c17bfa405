//! Where ledger texts come from: embedded in the binary, or read from a directory.

use std::path::Path;

use sco_domain::StateDirectory;

use crate::model::Ledger;
use crate::{parse, parse_country_codes, LedgerError};

/// The ledger's file names, in the order they are read.
pub const LEDGER_FILE_NAMES: [&str; 6] = [
    "sources.toml",
    "status.toml",
    "summits.toml",
    "heads_of_government.toml",
    "officials.toml",
    "milestones.toml",
];

const COUNTRY_CODES_NAME: &str = "country_codes.csv";
const COUNTRY_CODES: &str = include_str!("../../../data/datasets/country_codes.csv");

const EMBEDDED: [(&str, &str); 6] = [
    (
        "sources.toml",
        include_str!("../../../data/ledger/sources.toml"),
    ),
    (
        "status.toml",
        include_str!("../../../data/ledger/status.toml"),
    ),
    (
        "summits.toml",
        include_str!("../../../data/ledger/summits.toml"),
    ),
    (
        "heads_of_government.toml",
        include_str!("../../../data/ledger/heads_of_government.toml"),
    ),
    (
        "officials.toml",
        include_str!("../../../data/ledger/officials.toml"),
    ),
    (
        "milestones.toml",
        include_str!("../../../data/ledger/milestones.toml"),
    ),
];

/// The largest ledger file accepted from a directory (the embedded files are about 0.2 MB together).
pub const MAX_LEDGER_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// The texts of a ledger, by file name.
#[derive(Debug, Clone)]
pub struct LedgerFiles {
    /// `(file name, text)` for each of [`LEDGER_FILE_NAMES`].
    pub files: Vec<(String, String)>,
}

impl LedgerFiles {
    /// The ledger shipped with the program.
    pub fn embedded() -> Self {
        Self {
            files: EMBEDDED
                .iter()
                .map(|(name, text)| (name.to_string(), text.to_string()))
                .collect(),
        }
    }

    /// Reads the ledger files from a directory (all of [`LEDGER_FILE_NAMES`] must be there). A file
    /// larger than [`MAX_LEDGER_FILE_BYTES`] is refused before it is read, and one that is not UTF-8
    /// is reported at the line of its first bad byte.
    pub fn from_dir(dir: &Path) -> Result<Self, LedgerError> {
        let mut files = Vec::new();
        for name in LEDGER_FILE_NAMES {
            let path = dir.join(name);
            let io_error = |source| LedgerError::Io {
                path: path.display().to_string(),
                source,
            };
            let size = std::fs::metadata(&path).map_err(io_error)?.len();
            if size > MAX_LEDGER_FILE_BYTES {
                return Err(LedgerError::Invalid {
                    location: crate::Location {
                        file: name.to_string(),
                        line: 1,
                    },
                    message: format!(
                        "the file has {size} bytes; a ledger file may have at most {MAX_LEDGER_FILE_BYTES}"
                    ),
                });
            }
            let bytes = std::fs::read(&path).map_err(io_error)?;
            let text = String::from_utf8(bytes).map_err(|error| {
                let bytes = error.as_bytes();
                let valid = error.utf8_error().valid_up_to();
                let line = bytes[..valid].iter().filter(|b| **b == b'\n').count() + 1;
                LedgerError::Invalid {
                    location: crate::Location {
                        file: name.to_string(),
                        line,
                    },
                    message: format!(
                        "the file is not valid UTF-8 (byte {} of the file)",
                        valid + 1
                    ),
                }
            })?;
            files.push((name.to_string(), text));
        }
        Ok(Self { files })
    }

    /// SHA-256 over the ledger's files and the country directory, as `sha256:` and 64 hex
    /// digits: for each file in [`LEDGER_FILE_NAMES`] order, then `country_codes.csv`, its
    /// name, a NUL byte, its length in bytes in decimal, a NUL byte and its text.
    pub fn digest(&self) -> String {
        use sha2::{Digest, Sha256};
        let mut hasher = Sha256::new();
        let files = self
            .files
            .iter()
            .map(|(name, text)| (name.as_str(), text.as_str()))
            .chain([(COUNTRY_CODES_NAME, COUNTRY_CODES)]);
        for (name, text) in files {
            hasher.update(name.as_bytes());
            hasher.update([0]);
            hasher.update(text.len().to_string().as_bytes());
            hasher.update([0]);
            hasher.update(text.as_bytes());
        }
        let hex: String = hasher
            .finalize()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        format!("sha256:{hex}")
    }

    fn text(&self, name: &str) -> &str {
        self.files
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, t)| t.as_str())
            .unwrap_or("")
    }

    /// Parses and cross-checks the files. Every problem in every file is reported, each with its place.
    pub fn parse(&self) -> Result<Ledger, LedgerError> {
        let directory = embedded_directory()?;
        let sources = parse::sources("sources.toml", self.text("sources.toml"))?;
        let mut errors = Vec::new();
        let status = parse::status(
            "status.toml",
            self.text("status.toml"),
            &directory,
            &sources,
        )
        .map_err(|e| errors.push(e))
        .ok();
        let summits = parse::summits(
            "summits.toml",
            self.text("summits.toml"),
            &directory,
            &sources,
        )
        .map_err(|e| errors.push(e))
        .ok();
        let government_meetings = parse::government_meetings(
            "heads_of_government.toml",
            self.text("heads_of_government.toml"),
            &directory,
            &sources,
        )
        .map_err(|e| errors.push(e))
        .ok();
        let officials = parse::officials(
            "officials.toml",
            self.text("officials.toml"),
            &directory,
            &sources,
        )
        .map_err(|e| errors.push(e))
        .ok();
        let milestones =
            parse::milestones("milestones.toml", self.text("milestones.toml"), &sources)
                .map_err(|e| errors.push(e))
                .ok();
        let flattened: Vec<LedgerError> = errors
            .into_iter()
            .flat_map(|e| match e {
                LedgerError::Many(inner) => inner,
                other => vec![other],
            })
            .collect();
        LedgerError::collect(flattened)?;
        Ok(Ledger {
            sources,
            status: status.unwrap_or_default(),
            summits: summits.unwrap_or_default(),
            government_meetings: government_meetings.unwrap_or_default(),
            officials: officials.unwrap_or_default(),
            milestones: milestones.unwrap_or_default(),
            directory,
            digest: self.digest(),
        })
    }
}

/// The country directory shipped with the program.
pub fn embedded_directory() -> Result<StateDirectory, LedgerError> {
    parse_country_codes(COUNTRY_CODES_NAME, COUNTRY_CODES)
}

impl Ledger {
    /// The ledger shipped with the program, parsed.
    pub fn embedded() -> Result<Ledger, LedgerError> {
        LedgerFiles::embedded().parse()
    }

    /// A ledger read from a directory holding the ledger's files.
    pub fn from_dir(dir: &Path) -> Result<Ledger, LedgerError> {
        LedgerFiles::from_dir(dir)?.parse()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_digest_names_the_texts_read() {
        let embedded = LedgerFiles::embedded();
        let digest = embedded.digest();
        assert!(
            digest.starts_with("sha256:") && digest.len() == 71,
            "{digest}"
        );
        assert_eq!(Ledger::embedded().unwrap().digest, digest);
        // One changed byte anywhere gives another digest.
        let mut edited = embedded.clone();
        edited.files[1].1.push('\n');
        assert_ne!(edited.digest(), digest);
    }
}
