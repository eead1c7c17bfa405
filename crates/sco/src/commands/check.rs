//! `sco check`: the record against the rules.
//!
//! First the replay: entries the rules reject (an admission with no accession procedure before it, say)
//! are listed with their file and line, and the command exits with 1. Then the findings: where practice
//! departed from the written rule (chairs out of alphabetical order, terms not of three years). Findings
//! are not errors.

use std::path::Path;

use anyhow::{Context, Result};
use clap::Args;
use sco_ledger::{check_record, Ledger, LedgerError};
use serde::Serialize;

use crate::error::Outcome;
use crate::output::{emit, print, Format, FormatArgs, Rows};

/// Arguments of `sco check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub format: FormatArgs,
}

#[derive(Debug, Serialize)]
struct CheckJson {
    rejected: Vec<String>,
    findings: Vec<sco_ledger::Finding>,
}

/// Runs the command.
pub fn run(ledger_dir: Option<&Path>, args: CheckArgs) -> Result<Outcome> {
    let ledger = match ledger_dir {
        Some(dir) => Ledger::from_dir(dir)
            .with_context(|| format!("cannot use the ledger in {}", dir.display()))?,
        None => Ledger::embedded().context("the embedded ledger is invalid")?,
    };
    crate::provenance::record_ledger(&ledger.digest);
    let format = args.format.format();
    let history = match ledger.replay() {
        Ok(history) => history,
        Err(error) => {
            let rejected: Vec<String> = match error {
                LedgerError::Many(errors) => errors.iter().map(|e| e.to_string()).collect(),
                other => vec![other.to_string()],
            };
            if format == Format::Json {
                crate::output::print_json(&CheckJson {
                    rejected,
                    findings: Vec::new(),
                })?;
            } else {
                let mut text = format!(
                    "{} ledger entries are rejected by the Charter rules:\n",
                    rejected.len()
                );
                for line in &rejected {
                    text.push_str(&format!("  {line}\n"));
                }
                eprint!("{text}");
            }
            return Ok(Outcome::Negative);
        }
    };
    let findings = check_record(&ledger, &history);
    let mut rows = Rows::new(&["year", "kind", "finding", "rule", "entry"]);
    for finding in &findings {
        rows.push(vec![
            finding.year.to_string(),
            serde_json::to_value(finding.kind)?
                .as_str()
                .unwrap_or_default()
                .to_string(),
            finding.message.clone(),
            finding.rule.locator.to_string(),
            finding.location.to_string(),
        ]);
    }
    if format == Format::Table {
        print(&format!(
            "All {} status changes pass the Charter rules. {} departures of practice from the written rules:",
            history.timeline.len(),
            findings.len()
        ))?;
    }
    emit(
        args.format,
        &rows,
        &CheckJson {
            rejected: Vec::new(),
            findings,
        },
    )?;
    Ok(Outcome::Success)
}
