//! `sco summits`: the meetings of the Council of Heads of State, or with `--council government` of
//! the Council of Heads of Government.

use std::path::Path;

use anyhow::Result;
use clap::{Args, ValueEnum};
use sco_documents::organization::Council;
use sco_ledger::SummitBody;

use super::load;
use crate::error::Outcome;
use crate::output::{emit, flag_cell, or_dash, source_ids, Footnotes, FormatArgs, Rows};

/// Which council's meetings to list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum CouncilChoice {
    /// The Council of Heads of State (the summits).
    #[default]
    State,
    /// The Council of Heads of Government (prime ministers; the budget body).
    Government,
}

/// Arguments of `sco summits`.
#[derive(Debug, Args)]
pub struct SummitsArgs {
    /// Which council's meetings to list.
    #[arg(long, value_enum, default_value_t = CouncilChoice::State)]
    pub council: CouncilChoice,
    /// Also list the Shanghai Five heads-of-state meetings of 1996–2000.
    #[arg(long, conflicts_with = "council")]
    pub include_shanghai_five: bool,
    #[command(flatten)]
    pub format: FormatArgs,
}

/// Runs the command.
pub fn run(ledger_dir: Option<&Path>, args: SummitsArgs) -> Result<Outcome> {
    let (ledger, _) = load(ledger_dir)?;
    let council = match args.council {
        CouncilChoice::State => Council::State,
        CouncilChoice::Government => Council::Government,
    };
    let summits =
        sco_documents::organization::council_meetings(&ledger, council, args.include_shanghai_five);
    let format = args.format.format();
    let mut footnotes = Footnotes::default();
    let mut rows = Rows::new(&[
        "date", "end_date", "city", "chair", "format", "body", "number", "sources", "flags",
    ])
    .with_state_codes("chair");
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
                SummitBody::HeadsOfGovernment => "heads_of_government".into(),
            },
            or_dash(summit.number),
            source_ids(&summit.sources),
            flag_cell(
                &mut footnotes,
                format,
                &summit.date.to_string(),
                &summit.flags,
            ),
        ]);
    }
    rows.notes = footnotes.lines();
    if let Some(next) = summits.last().and_then(|s| s.next_chair.as_ref()) {
        rows.notes.push(format!(
            "Next chair (announced): {} ({}), sources: {}",
            ledger.directory.name_en(next.state),
            next.state,
            source_ids(&next.sources)
        ));
    }
    emit(args.format, &rows, &summits)?;
    Ok(Outcome::Success)
}
