//! What the user can type: the `sco` command line, defined with clap.
//!
//! Only definitions live here; running a command is in `commands/`. Each subcommand's arguments are a
//! struct in its own command file, so this enum stays a table of contents.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::commands;

/// SCO Twin: an executable, sourced model of the Shanghai Cooperation Organisation.
///
/// With no command, shows the organization today from the embedded ledger.
#[derive(Debug, Parser)]
#[command(name = "sco", version, about, long_about = None, max_term_width = 100)]
pub struct Cli {
    /// Read the history ledger from this directory instead of the embedded one.
    #[arg(long, global = true, env = "SCO_LEDGER", value_name = "DIR")]
    pub ledger: Option<PathBuf>,

    /// The command to run.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// The organization on a date: members, observers, partners, accessions, chair and officials.
    Overview(commands::overview::OverviewArgs),
    /// The states holding each status on a date.
    Members(commands::members::MembersArgs),
    /// A state-year panel of SCO status, 1996 to now, with COW and Gleditsch-Ward codes (and dyads).
    Panel(commands::panel::PanelArgs),
    /// One state's history with the SCO.
    State(commands::state::StateArgs),
    /// The timeline of events, filterable by state, kind and period.
    Timeline(commands::timeline::TimelineArgs),
    /// Every meeting of the Council of Heads of State (and of the Shanghai Five).
    Summits(commands::summits::SummitsArgs),
    /// Secretaries-General and directors of the RATS Executive Committee.
    Officials(commands::officials::OfficialsArgs),
    /// Replay the ledger through the rules; report rejected entries and departures from the rules.
    Check(commands::check::CheckArgs),
    /// What the rules predict: the next chair, Secretary-General and RATS director.
    Predict(commands::predict::PredictArgs),
    /// The Charter's rules as encoded, with the articles they cite.
    Rules(commands::rules::RulesArgs),
    /// The Charter's articles and the regulations, paraphrased, with sources.
    Charter(commands::charter::CharterArgs),
    /// Whether a state can take its next step towards membership, with the reasons.
    Admission(commands::admission::AdmissionArgs),
    /// The organs of the SCO, the principles and the official languages.
    Organs(commands::organs::OrgansArgs),
    /// The sources the ledger cites.
    Sources(commands::sources::SourcesArgs),
    /// Run a decision model on a scenario file (e.g. `decide smp FILE`: KTAB's Spatial Model of Politics).
    Decide(commands::decide::DecideArgs),
    /// The SCO's (or any grouping's) share of the world: population, GDP, PPP, military spending, trade, area.
    Weight(commands::weight::WeightArgs),
    /// How alike a grouping's members are: democracy scores, UN voting, balance of capabilities.
    Cohesion(commands::cohesion::CohesionArgs),
    /// Groupings side by side: the SCO against NATO, the EU, BRICS, the G7, or any others.
    Compare(commands::compare::CompareArgs),
    /// The seeds' claims about the SCO's size, recomputed under each plausible definition, with verdicts.
    Claims(commands::claims::ClaimsArgs),
    /// Run a simulation model (`sco-sim`) with one seed; write its tables and metadata.
    Simulate(commands::simulate::SimulateArgs),
    /// Run a model over parameter values and seeds in parallel; summarise each combination.
    Sweep(commands::sweep::SweepArgs),
    /// Calibrate a scenario at a forecast origin on the data before it (`calibrate world --origin 2016`).
    Calibrate(commands::world::CalibrateArgs),
    /// Score a scenario's out-of-sample forecasts against persistence, trend and AR(1) (`evaluate world`).
    Evaluate(commands::world::EvaluateArgs),
    /// Serve the HTTP API and the web dashboard (read-only JSON, the same as `--json`).
    Serve(commands::serve::ServeArgs),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions(commands::completions::CompletionsArgs),
    /// Print the manual page (roff; `sco man | man -l -`).
    Man,
    /// The version and the digests of the ledger and data, to cite what produced a result.
    Version(crate::output::JsonArgs),
}
