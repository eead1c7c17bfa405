//! `sco version`: what a result was computed with, in the form a paper cites.
//!
//! Why: "SCO Twin" alone does not say which ledger and data produced a number; the version and
//! the two digests do (the same ones every Parquet file and every HTTP response carries).

use std::path::Path;

use anyhow::Result;
use serde::Serialize;

use super::load;
use crate::error::Outcome;
use crate::output::{print, print_json, JsonArgs};

/// The version, the ledger and the data, identified.
#[derive(Debug, Serialize)]
pub struct VersionDocument {
    /// The version of SCO Twin.
    pub version: &'static str,
    /// Where the ledger was read from: `embedded` or the directory given.
    pub ledger: String,
    /// SHA-256 over the ledger's files and the country directory (`sha256:...`).
    pub ledger_digest: String,
    /// The latest date the ledger records.
    pub ledger_through: Option<chrono::NaiveDate>,
    /// SHA-256 over every embedded dataset (`sha256:...`).
    pub data_digest: &'static str,
}

/// Prints the version and the digests.
pub fn run(ledger_dir: Option<&Path>, args: JsonArgs) -> Result<Outcome> {
    let (ledger, _) = load(ledger_dir)?;
    let document = VersionDocument {
        version: env!("CARGO_PKG_VERSION"),
        ledger: ledger_dir.map_or_else(|| "embedded".to_string(), |d| d.display().to_string()),
        ledger_digest: ledger.digest.clone(),
        ledger_through: ledger.recorded_through(),
        data_digest: sco_data::embedded::digest(),
    };
    if args.json {
        print_json(&document)?;
    } else {
        print(&format!(
            "sco {}\nledger: {} ({}, events through {})\ndata: {}",
            document.version,
            document.ledger,
            document.ledger_digest,
            document
                .ledger_through
                .map_or_else(|| "—".to_string(), |d| d.to_string()),
            document.data_digest
        ))?;
    }
    Ok(Outcome::Success)
}
