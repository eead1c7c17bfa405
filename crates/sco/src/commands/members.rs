//! `sco members`: the states holding each status on a date.

use std::path::Path;

use anyhow::Result;
use clap::{Args, ValueEnum};
use sco_domain::Status;

use super::{load, parse_date};
use crate::error::Outcome;
use crate::output::{emit, flag_cell, or_dash, Footnotes, FormatArgs, Rows};

/// A status to filter on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StatusFilter {
    /// Member states.
    Member,
    /// Observer states.
    Observer,
    /// Dialogue partners.
    DialoguePartner,
    /// SCO partners.
    Partner,
}

impl StatusFilter {
    fn status(self) -> Status {
        match self {
            StatusFilter::Member => Status::Member,
            StatusFilter::Observer => Status::Observer,
            StatusFilter::DialoguePartner => Status::DialoguePartner,
            StatusFilter::Partner => Status::Partner,
        }
    }
}

/// Arguments of `sco members`.
#[derive(Debug, Args)]
pub struct MembersArgs {
    /// The date (YYYY-MM-DD or `today`).
    #[arg(long, value_name = "DATE", default_value = "today")]
    pub at: String,
    /// Only states holding this status.
    #[arg(long, value_enum)]
    pub status: Option<StatusFilter>,
    #[command(flatten)]
    pub format: FormatArgs,
}

/// Runs the command.
pub fn run(ledger_dir: Option<&Path>, args: MembersArgs) -> Result<Outcome> {
    let (ledger, history) = load(ledger_dir)?;
    let date = parse_date(&args.at)?;
    let rows = sco_documents::organization::members(
        &ledger,
        &history,
        date,
        args.status.map(StatusFilter::status),
    );
    let format = args.format.format();
    // CSV carries the COW and Gleditsch-Ward numbers for merging; the table for people does not.
    let codes = args.format.machine_rows();
    let mut headers = vec!["iso3"];
    if codes {
        headers.extend(["ccode", "gwcode"]);
    }
    headers.extend([
        "name",
        "status",
        "since",
        "accession_stage",
        "suspended",
        "framework",
        "flags",
    ]);
    let mut table = Rows::new(&headers);
    let mut footnotes = Footnotes::default();
    for row in &rows {
        let mut cells = vec![row.iso3.to_string()];
        if codes {
            cells.extend([or_dash(row.ccode), or_dash(row.gwcode)]);
        }
        cells.extend([
            row.name.clone(),
            row.status.as_str().to_string(),
            row.since.to_string(),
            or_dash(row.accession_stage.map(|s| s.as_str())),
            row.suspended.to_string(),
            match row.framework {
                sco_domain::status::Framework::ShanghaiFive => "shanghai_five".into(),
                sco_domain::status::Framework::Sco => "sco".into(),
            },
            flag_cell(&mut footnotes, format, row.iso3.as_str(), &row.flags),
        ]);
        table.push(cells);
    }
    table.notes = footnotes.lines();
    if let Some(notice) = sco_documents::organization::coverage_notice(&ledger, date) {
        if format == crate::output::Format::Table {
            table.notes.push(notice);
        } else {
            // Machine formats keep stdout clean; the caveat still reaches the person running it.
            eprintln!("note: {notice}");
        }
    }
    emit(args.format, &table, &rows)?;
    Ok(Outcome::Success)
}
