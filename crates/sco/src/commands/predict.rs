//! `sco predict`: what the rules predict for the next chair, Secretary-General and RATS director.

use std::path::Path;

use anyhow::Result;
use chrono::Datelike;
use clap::Args;
use sco_domain::rules::chair_rotation::ring_successor;
use sco_domain::rules::rats_director_term;
use sco_domain::rules::secretary_general_rotation::{self, RotationPrediction};
use sco_domain::Iso3;
use sco_ledger::Post;
use serde::Serialize;

use super::{load, parse_date};
use crate::error::Outcome;
use crate::output::{emit, or_dash, FormatArgs, Rows};

/// Arguments of `sco predict`.
#[derive(Debug, Args)]
pub struct PredictArgs {
    /// Predict as of this date: only what the ledger records up to it is used.
    #[arg(long, value_name = "DATE", default_value = "today")]
    pub at: String,
    #[command(flatten)]
    pub format: FormatArgs,
}

#[derive(Debug, Serialize)]
struct Prediction {
    what: &'static str,
    after: Option<Iso3>,
    by_written_rule: Option<Iso3>,
    by_practice: Option<Iso3>,
    from_year: Option<i32>,
    rule: String,
}

/// Runs the command.
pub fn run(ledger_dir: Option<&Path>, args: PredictArgs) -> Result<Outcome> {
    let (ledger, history) = load(ledger_dir)?;
    let at = parse_date(&args.at)?;
    let members = history.snapshot(at).members();
    let mut predictions = Vec::new();
    if let Some(last) = ledger
        .sco_summits()
        .into_iter()
        .rev()
        .find(|s| s.date <= at)
    {
        let next = ring_successor(&ledger.directory, &members, last.chair);
        let recorded_next = ledger
            .sco_summits()
            .into_iter()
            .find(|s| s.date > last.date && s.date > at);
        predictions.push(Prediction {
            what: "next_chair",
            after: Some(last.chair),
            by_written_rule: next,
            // The next summit's host when recorded, else the chair announced at the last one.
            by_practice: recorded_next
                .map(|s| s.chair)
                .or_else(|| last.next_chair.as_ref().map(|n| n.state)),
            from_year: Some(last.date.year() + 1),
            rule: sco_domain::rules::chair_rotation::CITATION.to_string(),
        });
    }
    for (post, what) in [
        (Post::SecretaryGeneral, "next_secretary_general"),
        (Post::RatsDirector, "next_rats_director"),
    ] {
        let holders: Vec<_> = ledger
            .officials_of(post)
            .into_iter()
            .filter(|o| o.from.earliest() <= at)
            .collect();
        let record = sco_ledger::tenures(&history, &holders);
        let RotationPrediction {
            by_written_rule,
            by_practice,
            next_term_from_year,
        } = match post {
            Post::SecretaryGeneral => {
                secretary_general_rotation::predict(&ledger.directory, &record, &members)
            }
            Post::RatsDirector => rats_director_term::predict(&record, &members),
        };
        predictions.push(Prediction {
            what,
            after: record.last().and_then(|t| t.iso3),
            by_written_rule,
            by_practice,
            from_year: next_term_from_year,
            rule: match post {
                Post::SecretaryGeneral => secretary_general_rotation::CITATION.to_string(),
                Post::RatsDirector => rats_director_term::CITATION.to_string(),
            },
        });
    }
    let name = |iso3: Option<Iso3>| match iso3 {
        Some(code) => format!("{} ({code})", ledger.directory.name_en(code)),
        None => "—".into(),
    };
    let machine = args.format.machine_rows();
    let mut rows = if machine {
        // Codes and snake_case names for machines, with the states' COW and GW numbers.
        Rows::new(&[
            "prediction",
            "after",
            "by_written_rule",
            "by_practice",
            "from_year",
            "rule",
        ])
        .with_state_codes("after")
        .with_state_codes("by_written_rule")
        .with_state_codes("by_practice")
    } else {
        Rows::new(&[
            "prediction",
            "after",
            "by written rule",
            "by practice / ledger",
            "from year",
            "rule",
        ])
    };
    let code = |iso3: Option<Iso3>| iso3.map(|c| c.to_string()).unwrap_or_default();
    for p in &predictions {
        rows.push(if machine {
            vec![
                p.what.to_string(),
                code(p.after),
                code(p.by_written_rule),
                code(p.by_practice),
                or_dash(p.from_year),
                p.rule.clone(),
            ]
        } else {
            vec![
                p.what.replace('_', " "),
                name(p.after),
                name(p.by_written_rule),
                name(p.by_practice),
                or_dash(p.from_year),
                p.rule.clone(),
            ]
        });
    }
    emit(args.format, &rows, &predictions)?;
    Ok(Outcome::Success)
}
