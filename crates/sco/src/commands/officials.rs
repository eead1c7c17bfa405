//! `sco officials`: Secretaries-General and directors of the RATS Executive Committee.

use std::path::Path;

use anyhow::Result;
use clap::{Args, ValueEnum};
use sco_ledger::Post;

use super::load;
use crate::error::Outcome;
use crate::output::{emit, flag_cell, or_dash, source_ids, Footnotes, FormatArgs, Rows};

/// A post to filter on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PostFilter {
    /// Secretary-General.
    SecretaryGeneral,
    /// Director of the RATS Executive Committee.
    RatsDirector,
}

/// Arguments of `sco officials`.
#[derive(Debug, Args)]
pub struct OfficialsArgs {
    /// Only this post.
    #[arg(long, value_enum)]
    pub post: Option<PostFilter>,
    #[command(flatten)]
    pub format: FormatArgs,
}

/// Runs the command.
pub fn run(ledger_dir: Option<&Path>, args: OfficialsArgs) -> Result<Outcome> {
    let (ledger, _) = load(ledger_dir)?;
    let post = args.post.map(|p| match p {
        PostFilter::SecretaryGeneral => Post::SecretaryGeneral,
        PostFilter::RatsDirector => Post::RatsDirector,
    });
    let officials = sco_documents::organization::officials(&ledger, post);
    let format = args.format.format();
    let mut footnotes = Footnotes::default();
    let mut rows = Rows::new(&[
        "post",
        "name",
        "iso3",
        "iso3_unconfirmed",
        "from",
        "to",
        "sources",
        "flags",
    ])
    .with_state_codes("iso3");
    for official in &officials {
        rows.push(vec![
            official.post.as_str().to_string(),
            official.name.clone(),
            or_dash(official.iso3),
            or_dash(official.iso3_unconfirmed),
            official.from.to_string(),
            or_dash(official.to),
            source_ids(&official.sources),
            flag_cell(&mut footnotes, format, &official.name, &official.flags),
        ]);
    }
    rows.notes = footnotes.lines();
    emit(args.format, &rows, &officials)?;
    Ok(Outcome::Success)
}
