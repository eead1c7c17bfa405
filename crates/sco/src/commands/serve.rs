//! `sco serve`: the HTTP API and the web dashboard (crate `sco-server`) on a local address.
//!
//! The ledger (embedded, or `--ledger DIR`) is loaded and replayed once, like any other command's,
//! then handed to the server; the URL is printed on stderr and Ctrl-C stops the server after the
//! requests in flight are answered.

use std::net::SocketAddr;
use std::path::Path;

use anyhow::Result;
use clap::Args;
use sco_server::{AppState, Clock, ServerError};

use super::load;
use crate::error::{input_error, Outcome};

/// Arguments of `sco serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The address to listen on (port 0 picks a free port).
    #[arg(long, value_name = "IP:PORT", default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,
}

/// Runs the command.
pub fn run(ledger_dir: Option<&Path>, args: ServeArgs) -> Result<Outcome> {
    let (ledger, history) = load(ledger_dir)?;
    let state = AppState::new(ledger, history, Clock::System).map_err(|e| match e {
        ServerError::Lab(_) | ServerError::Data(_) => {
            anyhow::Error::new(e).context("the embedded data is invalid")
        }
        other => anyhow::Error::new(other),
    })?;
    sco_server::serve_blocking(args.addr, state, |bound| {
        eprintln!("SCO Twin dashboard on http://{bound}/ (API under /api; Ctrl-C stops)");
    })
    .map_err(|e| match e {
        ServerError::Bind { .. } => input_error(e.to_string()),
        other => anyhow::Error::new(other),
    })?;
    eprintln!("stopped");
    Ok(Outcome::Success)
}
