//! `sco predict`: what the rules predict for the next chair, Secretary-General and RATS director.

use std::path::Path;

use anyhow::Result;
use clap::Args;
use sco_domain::Iso3;

use super::load;
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

/// Runs the command.
pub fn run(ledger_dir: Option<&Path>, args: PredictArgs) -> Result<Outcome> {
    use sco_documents::request::documents::{self, PREDICT_PARAMS};
    let (ledger, history) = load(ledger_dir)?;
    let predictions = super::request(
        &ledger,
        &history,
        vec![("date", Some(args.at.clone()))],
        PREDICT_PARAMS,
        &[("date", "--at")],
        documents::predict,
    )?;
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
