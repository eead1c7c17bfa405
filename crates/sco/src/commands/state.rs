//! `sco state`: one state's history with the SCO.

use std::path::Path;

use anyhow::Result;
use clap::Args;
use serde::Serialize;

use super::{load, resolve_state, today};
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

#[derive(Debug, Serialize)]
struct StateJson<'a> {
    iso3: sco_domain::Iso3,
    /// COW and Gleditsch-Ward state numbers (every event below is of this state).
    ccode: Option<u16>,
    gwcode: Option<u16>,
    name_en: &'a str,
    name_ru: &'a str,
    name_zh: &'a str,
    status_today: Option<&'static str>,
    events: Vec<&'a sco_ledger::StatusEvent>,
    summits_chaired: Vec<sco_documents::organization::SummitRow<'a>>,
    government_meetings_chaired: Vec<sco_documents::organization::SummitRow<'a>>,
    officials: Vec<&'a sco_ledger::Official>,
}

/// Runs the command.
pub fn run(ledger_dir: Option<&Path>, args: StateArgs) -> Result<Outcome> {
    let (ledger, history) = load(ledger_dir)?;
    let iso3 = resolve_state(&ledger, &args.state)?;
    let info = ledger
        .directory
        .get(iso3)
        .ok_or_else(|| crate::error::input_error(format!("unknown state `{}`", args.state)))?;
    let events = history.of_state(iso3);
    let summits: Vec<_> = ledger.summits.iter().filter(|s| s.chair == iso3).collect();
    let government_meetings: Vec<_> = ledger
        .government_meetings
        .iter()
        .filter(|s| s.chair == iso3)
        .collect();
    // An official whose nationality is unconfirmed is listed under the reported state, flagged.
    let officials: Vec<_> = ledger
        .officials
        .iter()
        .filter(|o| o.iso3.or(o.iso3_unconfirmed) == Some(iso3))
        .collect();
    let format = args.format.format();
    let mut footnotes = Footnotes::default();
    let status_today = history
        .snapshot(today())
        .organization
        .status(iso3)
        .map(|s| s.as_str());
    let mut rows = Rows::new(&["date", "what", "detail", "sources", "flags"]);
    for event in &events {
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
        ("chaired_summit", &summits),
        ("chaired_heads_of_government", &government_meetings),
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
    for official in &officials {
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
    emit(
        args.format,
        &rows,
        &StateJson {
            iso3,
            ccode: sco_documents::organization::state_numbers(iso3.as_str()).0,
            gwcode: sco_documents::organization::state_numbers(iso3.as_str()).1,
            name_en: &info.name_en,
            name_ru: &info.name_ru,
            name_zh: &info.name_zh,
            status_today,
            events,
            summits_chaired: summits
                .iter()
                .map(|s| sco_documents::organization::SummitRow::new(s))
                .collect(),
            government_meetings_chaired: government_meetings
                .iter()
                .map(|s| sco_documents::organization::SummitRow::new(s))
                .collect(),
            officials,
        },
    )?;
    Ok(Outcome::Success)
}
