//! `sco serve`: the HTTP API and the web dashboard (crate `sco-server`) on a local address.
//!
//! The ledger (embedded, or `--ledger DIR`) is loaded and replayed once, like any other command's,
//! then handed to the server; the URL is printed on stderr and Ctrl-C (or SIGTERM) stops the server
//! after the requests in flight are answered, waiting at most a few seconds. The server answers only
//! requests whose `Host` is a loopback name or the address it is bound to, plus `--allow-host`
//! names (`docs/security.md`).

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
    /// Also answer requests whose `Host` is NAME (repeatable; `*` answers any name, which
    /// gives up the protection against DNS rebinding). Loopback names are always answered.
    #[arg(long = "allow-host", value_name = "NAME")]
    pub allow_hosts: Vec<String>,
    /// Seconds a client may take to send a request's headers, and an idle connection stays open.
    #[arg(long, value_name = "SECS", default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub header_timeout: u64,
    /// Seconds a request may take to be answered (503 after it).
    #[arg(long, value_name = "SECS", default_value_t = 30, value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub request_timeout: u64,
    /// Connections open at once (lowered to fit the limit on open files).
    #[arg(long, value_name = "N", default_value_t = 256, value_parser = clap::value_parser!(u64).range(1..=65_536))]
    pub max_connections: u64,
    /// Expensive computations (case runs, expansions, series) at once; more get 503.
    #[arg(long, value_name = "N", default_value_t = 2, value_parser = clap::value_parser!(u64).range(1..=256))]
    pub max_expensive: u64,
    /// The largest `draws` of /api/expansion.
    #[arg(long, value_name = "N", default_value_t = 200_000, value_parser = clap::value_parser!(u64).range(100..=10_000_000))]
    pub max_draws: u64,
    /// Seconds the requests in flight may take to finish after SIGINT or SIGTERM.
    #[arg(long, value_name = "SECS", default_value_t = 5, value_parser = clap::value_parser!(u64).range(0..=600))]
    pub shutdown_grace: u64,
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
    let seconds = std::time::Duration::from_secs;
    let mut limits = sco_server::Limits {
        header_read_timeout: seconds(args.header_timeout),
        request_timeout: seconds(args.request_timeout),
        max_connections: usize::try_from(args.max_connections).unwrap_or(usize::MAX),
        max_expensive: usize::try_from(args.max_expensive).unwrap_or(usize::MAX),
        max_draws: usize::try_from(args.max_draws).unwrap_or(usize::MAX),
        shutdown_grace: seconds(args.shutdown_grace),
        ..sco_server::Limits::default()
    };
    for name in &args.allow_hosts {
        let name = name.trim();
        if name.is_empty() || name.contains(['/', ' ', '@']) {
            return Err(input_error(format!(
                "--allow-host: `{name}` is not a host name (e.g. twin.lan or 192.168.1.5)"
            )));
        }
        limits.allowed_hosts.push(name.to_ascii_lowercase());
    }
    let state = state.with_limits(limits);
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
