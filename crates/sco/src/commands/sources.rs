//! `sco sources`: the documents the ledger cites.

use std::path::Path;

use anyhow::Result;
use clap::Args;

use super::load;
use crate::error::Outcome;
use crate::output::{emit, FormatArgs, Rows};

/// Arguments of `sco sources`.
#[derive(Debug, Args)]
pub struct SourcesArgs {
    #[command(flatten)]
    pub format: FormatArgs,
}

/// Runs the command.
pub fn run(ledger_dir: Option<&Path>, args: SourcesArgs) -> Result<Outcome> {
    let (ledger, _) = load(ledger_dir)?;
    let sources = sco_documents::organization::sources(&ledger);
    let mut rows = Rows::new(&["id", "title", "where"]);
    for source in sources {
        rows.push(vec![
            source.id.clone(),
            source.title.clone(),
            source
                .url
                .clone()
                .or_else(|| source.file.as_ref().map(|f| format!("seed {f}")))
                .unwrap_or_default(),
        ]);
    }
    emit(args.format, &rows, sources)?;
    Ok(Outcome::Success)
}
