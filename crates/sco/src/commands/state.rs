//! `sco state`: one state's history with the SCO.

use std::path::Path;

use anyhow::Result;
use clap::Args;

use super::{load, today};
use crate::error::Outcome;
use crate::output::{emit, flag_cell, print, source_ids, Footnotes, Format, FormatArgs, Rows};

/// Arguments of `sco state`.
#[derive(Debug, Args)]
pub struct StateArgs {
    /// The state: ISO3 code (e.g. IND) or English name.
    pub state: String,
    #[command(flatten)]
    pub format: FormatArgs,
}

/// Runs the command.
pub fn run(ledger_dir: Option<&Path>, args: StateArgs) -> Result<Outcome> {
    use sco_documents::request::documents::{self, STATE_PARAMS};
    let (ledger, history) = load(ledger_dir)?;
    let document = super::request(
        &ledger,
        &history,
        vec![("state", Some(args.state.clone()))],
        STATE_PARAMS,
        &[("state", "")],
        documents::state,
    )?;
    let (iso3, events, officials) = (document.iso3, &document.events, &document.officials);
    let info = ledger
        .directory
        .get(iso3)
        .ok_or_else(|| crate::error::input_error(format!("unknown state `{}`", args.state)))?;
    let summits = &document.summits_chaired;
    let government_meetings = &document.government_meetings_chaired;
    let status_today = document.status_today;
    let format = args.format.format();
    let mut footnotes = Footnotes::default();
    let mut rows = Rows::new(&["date", "what", "detail", "sources", "flags"]);
    for event in events {
        rows.push(vec![
            event.date.to_string(),
            event.change.as_str().to_string(),
            event.note.clone().unwrap_or_default(),
            source_ids(&event.sources),
            flag_cell(
                &mut footnotes,
                format,
                &event.date.to_string(),
                &event.flags,
            ),
        ]);
    }
    for (what, meetings) in [
        ("chaired_summit", summits),
        ("chaired_heads_of_government", government_meetings),
    ] {
        for summit in meetings {
            rows.push(vec![
                summit.date.to_string(),
                what.into(),
                summit.city.clone().unwrap_or_else(|| "virtual".into()),
                source_ids(&summit.sources),
                flag_cell(
                    &mut footnotes,
                    format,
                    &summit.date.to_string(),
                    &summit.flags,
                ),
            ]);
        }
    }
    for official in officials {
        rows.push(vec![
            official.from.to_string(),
            official.post.as_str().to_string(),
            official.name.clone(),
            source_ids(&official.sources),
            flag_cell(&mut footnotes, format, &official.name, &official.flags),
        ]);
    }
    rows.rows.sort_by(|a, b| a[0].cmp(&b[0]));
    rows.notes = footnotes.lines();
    if format == Format::Table {
        let coverage = sco_documents::organization::coverage_notice(&ledger, today())
            .map(|notice| format!("{notice}\n"))
            .unwrap_or_default();
        print(&format!(
            "{} ({}) — {} — {}\nStatus today: {}\n{coverage}",
            info.name_en,
            iso3,
            info.name_ru,
            info.name_zh,
            status_today.unwrap_or("none")
        ))?;
        if rows.rows.is_empty() {
            print("No status, summit or official of this state in the ledger.")?;
            return Ok(Outcome::Success);
        }
    }
    emit(args.format, &rows, &document)?;
    Ok(Outcome::Success)
}
