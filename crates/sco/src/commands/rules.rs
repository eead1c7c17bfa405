//! `sco rules`: the Charter's rules as encoded, with the provisions they cite.

use anyhow::Result;
use clap::Args;

use crate::error::Outcome;
use crate::output::{emit, FormatArgs, Rows};

/// Arguments of `sco rules`.
#[derive(Debug, Args)]
pub struct RulesArgs {
    #[command(flatten)]
    pub format: FormatArgs,
}

/// Runs the command.
pub fn run(args: RulesArgs) -> Result<Outcome> {
    let catalogue = sco_domain::rules::catalogue();
    let mut rows = Rows::new(&["rule", "what it decides", "provision"]);
    for rule in &catalogue {
        rows.push(vec![
            rule.id.to_string(),
            rule.summary.to_string(),
            rule.citation.to_string(),
        ]);
    }
    emit(args.format, &rows, &catalogue)?;
    Ok(Outcome::Success)
}
