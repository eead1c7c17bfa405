//! One file per subcommand. Each exposes an `Args` struct (in `cli.rs`'s table) and a `run` function.

pub mod admission;
pub mod charter;
pub mod check;
pub mod claims;
pub mod cohesion;
pub mod compare;
pub mod completions;
pub mod decide;
pub mod members;
pub mod officials;
pub mod organs;
pub mod overview;
pub mod panel;
pub mod predict;
pub mod rules;
pub mod serve;
pub mod simulate;
pub mod sources;
pub mod state;
pub mod summits;
pub mod support;
pub mod sweep;
pub mod timeline;
pub mod version;
pub mod weight;
pub mod world;

use std::path::Path;

use anyhow::{Context, Result};
use chrono::NaiveDate;
use sco_ledger::{History, Ledger};

use crate::cli::{Cli, Command};
use crate::error::{input_error, Outcome};

/// Runs the command the user chose (the overview when none).
pub fn run(cli: Cli) -> Result<Outcome> {
    let ledger_dir = cli.ledger.as_deref();
    crate::provenance::configure(ledger_dir);
    match cli.command {
        None => overview::run(ledger_dir, overview::OverviewArgs::default()),
        Some(Command::Overview(args)) => overview::run(ledger_dir, args),
        Some(Command::Members(args)) => members::run(ledger_dir, args),
        Some(Command::Panel(args)) => panel::run(ledger_dir, args),
        Some(Command::State(args)) => state::run(ledger_dir, args),
        Some(Command::Timeline(args)) => timeline::run(ledger_dir, args),
        Some(Command::Summits(args)) => summits::run(ledger_dir, args),
        Some(Command::Officials(args)) => officials::run(ledger_dir, args),
        Some(Command::Check(args)) => check::run(ledger_dir, args),
        Some(Command::Predict(args)) => predict::run(ledger_dir, args),
        Some(Command::Rules(args)) => rules::run(args),
        Some(Command::Simulate(args)) => simulate::run(ledger_dir, args),
        Some(Command::Sweep(args)) => sweep::run(ledger_dir, args),
        Some(Command::Calibrate(args)) => world::run_calibrate(ledger_dir, args),
        Some(Command::Evaluate(args)) => world::run_evaluate(ledger_dir, args),
        Some(Command::Charter(args)) => charter::run(args),
        Some(Command::Admission(args)) => admission::run(ledger_dir, args),
        Some(Command::Organs(args)) => organs::run(args),
        Some(Command::Sources(args)) => sources::run(ledger_dir, args),
        Some(Command::Decide(args)) => decide::run(ledger_dir, args),
        Some(Command::Weight(args)) => weight::run(ledger_dir, args),
        Some(Command::Cohesion(args)) => cohesion::run(ledger_dir, args),
        Some(Command::Compare(args)) => compare::run(ledger_dir, args),
        Some(Command::Claims(args)) => claims::run(ledger_dir, args),
        Some(Command::Serve(args)) => serve::run(ledger_dir, args),
        Some(Command::Completions(args)) => completions::run(args),
        Some(Command::Man) => completions::man(),
        Some(Command::Version(args)) => version::run(ledger_dir, args),
    }
}

/// Builds a request-layer document from the command line: `pairs` are the command's arguments
/// under the document's parameter names; `flags` maps those names back to the command's own
/// (`("date", "--at")`; an empty flag for a positional argument), so that an error names what the
/// user typed.
pub fn request<'a, T>(
    ledger: &'a Ledger,
    history: &'a History,
    pairs: Vec<(&str, Option<String>)>,
    known: &[&str],
    flags: &[(&str, &str)],
    build: impl FnOnce(
        &sco_documents::request::Context<'a>,
        &sco_documents::request::Query,
    ) -> Result<T, sco_documents::request::RequestError>,
) -> Result<T> {
    use sco_documents::request::{Context, Query, RequestError};
    let in_cli_terms = |mut e: RequestError| {
        for (name, flag) in flags {
            e.message = if flag.is_empty() {
                e.message
                    .replace(&format!("parameter `{name}`: "), "")
                    .replace(
                        &format!("parameter `{name}` is required: "),
                        &format!("no {name} given: "),
                    )
            } else {
                e.message
                    .replace(&format!("parameter `{name}`"), &format!("`{flag}`"))
            };
        }
        e
    };
    let pairs = pairs
        .into_iter()
        .filter_map(|(name, value)| value.map(|v| (name.to_string(), v)))
        .collect();
    let query = Query::parse(pairs, known).map_err(in_cli_terms)?;
    let ctx = Context {
        ledger,
        history,
        today: today(),
        max_draws: *sco_documents::lab::DRAWS.end(),
    };
    Ok(build(&ctx, &query).map_err(in_cli_terms)?)
}

/// Loads the ledger (embedded, or from `dir`) and replays it.
pub fn load(dir: Option<&Path>) -> Result<(Ledger, History)> {
    let ledger = match dir {
        Some(dir) => Ledger::from_dir(dir)
            .with_context(|| format!("cannot use the ledger in {}", dir.display()))?,
        None => Ledger::embedded().context("the embedded ledger is invalid")?,
    };
    crate::provenance::record_ledger(&ledger.digest);
    let history = ledger
        .replay()
        .context("the ledger's status changes break the Charter rules")?;
    Ok((ledger, history))
}

/// Parses a `YYYY-MM-DD` date or `today`.
pub fn parse_date(text: &str) -> Result<NaiveDate> {
    if text.eq_ignore_ascii_case("today") {
        return Ok(today());
    }
    sco_domain::date::parse_exact_date(text).map_err(|_| {
        input_error(format!(
            "`{text}` is not a date: expected YYYY-MM-DD (e.g. 2017-06-09) or `today`"
        ))
    })
}

/// Today's date from the system clock (the domain has no clock; the CLI does).
pub fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}
