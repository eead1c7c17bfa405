//! `sco` / `sco overview`: the organization on a date, in one screen.

use std::path::Path;

use anyhow::Result;
use chrono::NaiveDate;
use clap::Args;
use sco_domain::rules::chair_rotation::ring_successor;
use sco_domain::Iso3;
use sco_ledger::{History, Ledger, MembershipRow, Official, Post, Summit};
use serde::Serialize;

use super::{load, parse_date, today};
use crate::error::Outcome;
use crate::output::{print, print_json, Format, FormatArgs};

/// Arguments of `sco overview`.
#[derive(Debug, Default, Args)]
pub struct OverviewArgs {
    /// The date (YYYY-MM-DD or `today`).
    #[arg(long, value_name = "DATE", default_value = "today")]
    pub at: Option<String>,
    #[command(flatten)]
    pub format: FormatArgs,
}

/// Who chairs on a date: the host of the next summit, recorded or predicted.
#[derive(Debug, Serialize)]
pub struct Chairmanship {
    /// The chairing state.
    pub iso3: Iso3,
    /// Its English name.
    pub name: String,
    /// `ledger` when the next summit is recorded, `predicted` when it comes from the rotation rule.
    pub basis: &'static str,
    /// The summit that ends the chairmanship, when recorded.
    pub until_summit: Option<NaiveDate>,
}

/// The overview as JSON.
#[derive(Debug, Serialize)]
struct OverviewJson<'a> {
    date: NaiveDate,
    framework: Option<&'static str>,
    states: Vec<MembershipRow>,
    chair: Option<Chairmanship>,
    secretary_general: Option<&'a Official>,
    rats_director: Option<&'a Official>,
    last_summit: Option<&'a Summit>,
}

/// The chair on `date`: the host of the first SCO summit not yet over, or the rule's prediction.
pub fn chair_on(ledger: &Ledger, history: &History, date: NaiveDate) -> Option<Chairmanship> {
    if let Some(next) = ledger
        .summits
        .iter()
        .find(|s| s.end_date.unwrap_or(s.date) >= date)
    {
        return Some(Chairmanship {
            iso3: next.chair,
            name: ledger.directory.name_en(next.chair),
            basis: "ledger",
            until_summit: Some(next.date),
        });
    }
    let last = ledger.summits.last()?;
    let members = history.snapshot(date).members();
    let predicted = ring_successor(&ledger.directory, &members, last.chair)?;
    Some(Chairmanship {
        iso3: predicted,
        name: ledger.directory.name_en(predicted),
        basis: "predicted",
        until_summit: None,
    })
}

/// The holder of a post on a date.
pub fn holder_on(ledger: &Ledger, post: Post, date: NaiveDate) -> Option<&Official> {
    ledger
        .officials_of(post)
        .into_iter()
        .rev()
        .find(|o| o.from.earliest() <= date && o.to.is_none_or(|to| to.latest() >= date))
}

/// Runs the command.
pub fn run(ledger_dir: Option<&Path>, args: OverviewArgs) -> Result<Outcome> {
    let (ledger, history) = load(ledger_dir)?;
    let date = match args.at.as_deref() {
        Some(text) => parse_date(text)?,
        None => today(),
    };
    let snapshot = history.snapshot(date);
    let rows = snapshot.rows(&ledger);
    let chair = if snapshot.members().is_empty() {
        None
    } else {
        chair_on(&ledger, &history, date)
    };
    let secretary_general = holder_on(&ledger, Post::SecretaryGeneral, date);
    let rats_director = holder_on(&ledger, Post::RatsDirector, date);
    let last_summit = ledger.summits.iter().rev().find(|s| s.date <= date);
    let framework = snapshot.organization.framework().map(|f| match f {
        sco_domain::status::Framework::ShanghaiFive => "shanghai_five",
        sco_domain::status::Framework::Sco => "sco",
    });
    let format = args.format.format();
    if format == Format::Json {
        print_json(&OverviewJson {
            date,
            framework,
            states: rows,
            chair,
            secretary_general,
            rats_director,
            last_summit,
        })?;
        return Ok(Outcome::Success);
    }
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
        print(&text)?;
        return Ok(Outcome::Success);
    }
    let group = |status: sco_domain::Status| -> Vec<String> {
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
                label
            })
            .collect()
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
    if let Some(chair) = &chair {
        let basis = match chair.until_summit {
            Some(summit) => format!("hosts the summit of {summit}"),
            None => "predicted by the alphabetical rotation; next summit not in the ledger".into(),
        };
        text.push_str(&format!(
            "Chair:               {} ({})\n",
            chair.name, basis
        ));
    }
    if let Some(sg) = secretary_general {
        text.push_str(&format!(
            "Secretary-General:   {} ({}), since {}\n",
            sg.name, sg.iso3, sg.from
        ));
    }
    if let Some(director) = rats_director {
        text.push_str(&format!(
            "RATS director:       {} ({}), since {}\n",
            director.name, director.iso3, director.from
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
    print(&text)?;
    Ok(Outcome::Success)
}
