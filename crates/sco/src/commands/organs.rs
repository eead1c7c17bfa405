//! `sco organs`: the organs, official languages, budget and principles of the SCO.

use anyhow::Result;
use clap::Args;
use sco_domain::{organs, principles};

use crate::error::Outcome;
use crate::output::{emit, print, Format, FormatArgs, Rows};

/// Arguments of `sco organs`.
#[derive(Debug, Args)]
pub struct OrgansArgs {
    #[command(flatten)]
    pub format: FormatArgs,
}

/// Runs the command.
pub fn run(args: OrgansArgs) -> Result<Outcome> {
    let mut rows = Rows::new(&[
        "organ",
        "meets",
        "chaired or headed by",
        "seat",
        "provision",
    ]);
    for organ in &organs::ORGANS {
        rows.push(vec![
            organ.name.to_string(),
            organ.meets.to_string(),
            organ.chair.to_string(),
            organ.seat.unwrap_or("—").to_string(),
            organ.citation.locator.to_string(),
        ]);
    }
    let format = args.format.format();
    emit(
        args.format,
        &rows,
        &sco_documents::request::documents::organs(),
    )?;
    if format == Format::Table {
        let mut text = format!(
            "\nOfficial languages: {} ({}).\nBudget: {}\n",
            organs::OFFICIAL_LANGUAGES.join(" and "),
            organs::LANGUAGES_CITATION,
            organs::BUDGET
        );
        for (name, norms) in principles::all() {
            let list: Vec<&str> = norms.iter().map(|n| n.name).collect();
            text.push_str(&format!(
                "\n{}: {}.\n  ({})\n",
                name.replace('_', " "),
                list.join("; "),
                norms[0].citation
            ));
        }
        print(&text)?;
    }
    Ok(Outcome::Success)
}
