//! `sco` / `sco overview`: the organization on a date, in one screen.

use std::path::Path;

use anyhow::Result;
use clap::Args;
use sco_documents::organization::{nationality_label, overview, Overview};

use super::{load, parse_date, today};
use crate::error::Outcome;
use crate::output::{print, print_json, Footnotes, Format, JsonArgs};

/// Arguments of `sco overview`.
#[derive(Debug, Default, Args)]
pub struct OverviewArgs {
    /// The date (YYYY-MM-DD or `today`).
    #[arg(long, value_name = "DATE", default_value = "today")]
    pub at: Option<String>,
    #[command(flatten)]
    pub format: JsonArgs,
}

/// Runs the command.
pub fn run(ledger_dir: Option<&Path>, args: OverviewArgs) -> Result<Outcome> {
    let (ledger, history) = load(ledger_dir)?;
    let date = match args.at.as_deref() {
        Some(text) => parse_date(text)?,
        None => today(),
    };
    let document = overview(&ledger, &history, date);
    if args.format.format() == Format::Json {
        print_json(&document)?;
        return Ok(Outcome::Success);
    }
    print(&overview_text(&document))?;
    Ok(Outcome::Success)
}

/// The overview for people.
fn overview_text(document: &Overview<'_>) -> String {
    let Overview {
        date,
        framework,
        states: rows,
        chair,
        secretary_general,
        rats_director,
        last_summit,
        ledger_through,
        after_coverage,
    } = document;
    let mut footnotes = Footnotes::default();
    let mut text = String::new();
    let title = match framework {
        Some("shanghai_five") => "The Shanghai Five",
        Some(_) => "The Shanghai Cooperation Organisation",
        None => "No SCO yet",
    };
    text.push_str(&format!("{title} on {date}\n"));
    if rows.is_empty() {
        text.push_str(
            "\nNo state holds any status on this date (the ledger starts on 1996-04-26).\n",
        );
        return text;
    }
    let mut group = |status: sco_domain::Status| -> Vec<String> {
        rows.iter()
            .filter(|r| r.status == status)
            .map(|r| {
                let mut label = format!("{} ({})", r.name, r.iso3);
                if let Some(stage) = r.accession_stage {
                    label.push_str(&format!(
                        " [accession: {}]",
                        stage.as_str().replace('_', " ")
                    ));
                }
                if r.suspended {
                    label.push_str(" [suspended]");
                }
                let marks = footnotes.mark(r.iso3.as_str(), &r.flags);
                if !marks.is_empty() {
                    label.push_str(&format!(" ({marks})"));
                }
                label
            })
            .collect::<Vec<_>>()
    };
    for (label, status) in [
        ("Member states", sco_domain::Status::Member),
        ("Observer states", sco_domain::Status::Observer),
        ("Dialogue partners", sco_domain::Status::DialoguePartner),
        ("SCO partners", sco_domain::Status::Partner),
    ] {
        let names = group(status);
        if !names.is_empty() {
            text.push_str(&format!("\n{label} ({}):\n", names.len()));
            for name in names {
                text.push_str(&format!("  {name}\n"));
            }
        }
    }
    text.push('\n');
    if let Some(chair) = chair {
        let since = chair
            .since
            .map(|d| format!("since {d}, "))
            .unwrap_or_default();
        let basis = match (chair.until_summit, chair.basis) {
            (Some(summit), _) => format!("{since}hosts the summit of {summit}"),
            (None, "announced") => format!(
                "{since}announced as next host (sources: {}); next summit not yet in the ledger",
                chair
                    .sources
                    .iter()
                    .map(|s| s.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            (None, _) => format!(
                "{since}predicted by the alphabetical rotation; no source names the next host"
            ),
        };
        text.push_str(&format!(
            "Chair:               {} ({})\n",
            chair.name, basis
        ));
    }
    if let Some(sg) = secretary_general {
        text.push_str(&format!(
            "Secretary-General:   {} ({}), since {}\n",
            sg.name,
            nationality_label(sg),
            sg.from
        ));
    }
    if let Some(director) = rats_director {
        text.push_str(&format!(
            "RATS director:       {} ({}), since {}{}\n",
            director.name,
            nationality_label(director),
            director.from,
            {
                let marks = footnotes.mark(&director.name, &director.flags);
                if marks.is_empty() {
                    String::new()
                } else {
                    format!(" ({marks})")
                }
            }
        ));
    }
    if let Some(summit) = last_summit {
        text.push_str(&format!(
            "Last summit:         {} {} (chair {}, {})\n",
            summit.date,
            summit.city.as_deref().unwrap_or("virtual"),
            summit.chair,
            summit.format.as_str().replace('_', " ")
        ));
    }
    if let Some(through) = ledger_through {
        text.push_str(&format!("Ledger records events through {through}"));
        if *after_coverage {
            text.push_str(": anything decided after that date is not recorded");
        }
        text.push_str(".\n");
    }
    let notes = footnotes.lines();
    if !notes.is_empty() {
        text.push('\n');
        for note in notes {
            text.push_str(&note);
            text.push('\n');
        }
    }
    text
}
