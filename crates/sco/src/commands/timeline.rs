//! `sco timeline`: every event in the ledger in date order, filterable by state, kind and period.

use std::path::Path;

use anyhow::Result;
use clap::Args;
use sco_documents::request::documents::{self, TIMELINE_PARAMS};

use super::load;
use crate::error::Outcome;
use crate::output::{emit, or_dash, source_ids, FormatArgs, Rows};

/// Arguments of `sco timeline`.
#[derive(Debug, Args)]
pub struct TimelineArgs {
    /// Only events concerning this state (code or English name).
    #[arg(long)]
    pub state: Option<String>,
    /// Only events of this kind: status, summit, official, milestone, or a status change such as
    /// admitted, observer, accession_started, memorandum_signed.
    #[arg(long)]
    pub kind: Option<String>,
    /// From this date (YYYY-MM-DD), inclusive.
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// Up to this date (YYYY-MM-DD), inclusive.
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
    #[command(flatten)]
    pub format: FormatArgs,
}

/// Runs the command.
pub fn run(ledger_dir: Option<&Path>, args: TimelineArgs) -> Result<Outcome> {
    let (ledger, history) = load(ledger_dir)?;
    let items = super::request(
        &ledger,
        &history,
        vec![
            ("state", args.state.clone()),
            ("kind", args.kind.clone()),
            ("from", args.from.clone()),
            ("to", args.to.clone()),
        ],
        TIMELINE_PARAMS,
        &[
            ("state", "--state"),
            ("kind", "--kind"),
            ("from", "--from"),
            ("to", "--to"),
        ],
        documents::timeline,
    )?;
    let mut rows = Rows::new(&[
        "date",
        "category",
        "kind",
        "state",
        "description",
        "sources",
    ])
    .with_state_codes("state");
    for item in &items {
        rows.push(vec![
            item.date.to_string(),
            item.category.to_string(),
            item.kind.clone(),
            or_dash(item.state),
            item.description.clone(),
            source_ids(&item.sources),
        ]);
    }
    emit(args.format, &rows, &items)?;
    Ok(Outcome::Success)
}
