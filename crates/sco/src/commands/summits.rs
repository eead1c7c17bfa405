//! `sco summits`: the meetings of the Council of Heads of State.

use std::path::Path;

use anyhow::Result;
use clap::Args;
use sco_ledger::SummitBody;

use super::load;
use crate::error::Outcome;
use crate::output::{emit, or_dash, source_ids, FormatArgs, Rows};

/// Arguments of `sco summits`.
#[derive(Debug, Args)]
pub struct SummitsArgs {
    /// Also list the Shanghai Five heads-of-state meetings of 1996–2000.
    #[arg(long)]
    pub include_shanghai_five: bool,
    #[command(flatten)]
    pub format: FormatArgs,
}

/// Runs the command.
pub fn run(ledger_dir: Option<&Path>, args: SummitsArgs) -> Result<Outcome> {
    let (ledger, _) = load(ledger_dir)?;
    let summits = sco_views::organization::summits(&ledger, args.include_shanghai_five);
    let mut rows = Rows::new(&[
        "date", "end_date", "city", "chair", "format", "body", "sources",
    ]);
    for summit in &summits {
        rows.push(vec![
            summit.date.to_string(),
            or_dash(summit.end_date),
            or_dash(summit.city.as_deref()),
            summit.chair.to_string(),
            summit.format.as_str().to_string(),
            match summit.body {
                SummitBody::Sco => "sco".into(),
                SummitBody::ShanghaiFive => "shanghai_five".into(),
            },
            source_ids(&summit.sources),
        ]);
    }
    emit(args.format.format(), &rows, &summits)?;
    Ok(Outcome::Success)
}
