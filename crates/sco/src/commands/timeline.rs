//! `sco timeline`: every event in the ledger in date order, filterable by state, kind and period.

use std::path::Path;

use anyhow::Result;
use clap::Args;
use sco_domain::{Iso3, PartialDate};
use sco_ledger::{Location, SourceRef};
use serde::Serialize;

use super::{load, parse_date, resolve_state};
use crate::error::{input_error, Outcome};
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

/// One event of any kind.
#[derive(Debug, Serialize)]
struct Item {
    date: PartialDate,
    category: &'static str,
    kind: String,
    state: Option<Iso3>,
    description: String,
    sources: Vec<SourceRef>,
    location: Location,
}

const CATEGORIES: [&str; 4] = ["status", "summit", "official", "milestone"];

/// Runs the command.
pub fn run(ledger_dir: Option<&Path>, args: TimelineArgs) -> Result<Outcome> {
    let (ledger, history) = load(ledger_dir)?;
    let state = args
        .state
        .as_deref()
        .map(|s| resolve_state(&ledger, s))
        .transpose()?;
    let from = args.from.as_deref().map(parse_date).transpose()?;
    let to = args.to.as_deref().map(parse_date).transpose()?;
    if let (Some(from), Some(to)) = (from, to) {
        if from > to {
            return Err(input_error(format!("--from {from} is after --to {to}")));
        }
    }
    if let Some(kind) = &args.kind {
        let known =
            CATEGORIES.contains(&kind.as_str()) || sco_domain::StatusChange::parse(kind).is_some();
        if !known {
            let changes: Vec<&str> = sco_domain::StatusChange::ALL
                .iter()
                .map(|c| c.as_str())
                .collect();
            return Err(input_error(format!(
                "unknown kind `{kind}`: use one of {} or a status change ({})",
                CATEGORIES.join(", "),
                changes.join(", ")
            )));
        }
    }
    let mut items = Vec::new();
    for entry in &history.timeline {
        let event = &entry.event;
        items.push(Item {
            date: PartialDate::from_date(event.date),
            category: "status",
            kind: event.change.as_str().to_string(),
            state: Some(event.state),
            description: format!(
                "{}: {}",
                ledger.directory.name_en(event.state),
                event.change.as_str().replace('_', " ")
            ),
            sources: event.sources.clone(),
            location: event.location.clone(),
        });
    }
    for summit in &ledger.summits {
        let body = match summit.body {
            sco_ledger::SummitBody::Sco => "SCO Council of Heads of State",
            sco_ledger::SummitBody::ShanghaiFive => "Shanghai Five summit",
        };
        items.push(Item {
            date: PartialDate::from_date(summit.date),
            category: "summit",
            kind: "summit".into(),
            state: Some(summit.chair),
            description: format!(
                "{body}, {} (chair {}, {})",
                summit.city.as_deref().unwrap_or("virtual"),
                summit.chair,
                summit.format.as_str().replace('_', " ")
            ),
            sources: summit.sources.clone(),
            location: summit.location.clone(),
        });
    }
    for official in &ledger.officials {
        let post = match official.post {
            sco_ledger::Post::SecretaryGeneral => "Secretary-General",
            sco_ledger::Post::RatsDirector => "RATS director",
        };
        items.push(Item {
            date: official.from,
            category: "official",
            kind: official.post.as_str().to_string(),
            state: Some(official.iso3),
            description: format!(
                "{} ({}) becomes {post}, until {}",
                official.name,
                official.iso3,
                or_dash(official.to)
            ),
            sources: official.sources.clone(),
            location: official.location.clone(),
        });
    }
    for milestone in &ledger.milestones {
        items.push(Item {
            date: milestone.date,
            category: "milestone",
            kind: match milestone.kind {
                sco_ledger::MilestoneKind::Document => "document".into(),
                sco_ledger::MilestoneKind::Institution => "institution".into(),
            },
            state: None,
            description: match &milestone.place {
                Some(place) => format!("{} ({place})", milestone.name),
                None => milestone.name.clone(),
            },
            sources: milestone.sources.clone(),
            location: milestone.location.clone(),
        });
    }
    items.retain(|item| {
        state.is_none_or(|s| item.state == Some(s))
            && from.is_none_or(|f| item.date.latest() >= f)
            && to.is_none_or(|t| item.date.earliest() <= t)
            && args
                .kind
                .as_deref()
                .is_none_or(|k| item.category == k || item.kind == k)
    });
    items.sort_by(|a, b| {
        (a.date.earliest(), a.category, &a.kind).cmp(&(b.date.earliest(), b.category, &b.kind))
    });
    let mut rows = Rows::new(&[
        "date",
        "category",
        "kind",
        "state",
        "description",
        "sources",
    ]);
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
    emit(args.format.format(), &rows, &items)?;
    Ok(Outcome::Success)
}
