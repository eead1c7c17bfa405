//! `sco simulate`: run one scenario of the simulation engine (`sco-sim`) with one seed and
//! write its tables (Parquet and CSV) and metadata into a directory.
//!
//! The model is named (`culture`, `schelling`, `unanimity`, or a scenario crate's model) or
//! given as a scenario TOML file; with no name the registry's default scenario runs.

use std::path::{Path, PathBuf};

use anyhow::Result;
use clap::Args;
use serde::Serialize;

use crate::commands::support::scenario_report::Models;
use crate::error::{input_error, Outcome};
use crate::output::{emit, FormatArgs, Rows};
use sco_sim::{Registry, Scenario, SimError};

/// Arguments of `sco simulate`.
#[derive(Debug, Args)]
pub struct SimulateArgs {
    /// A model name (see --list) or a scenario TOML file; default: the default scenario.
    pub name: Option<String>,

    /// Seed of the run (default: the scenario file's seed, else 1).
    #[arg(long)]
    pub seed: Option<u64>,

    /// Worker threads. A single run is sequential, so this never changes its results.
    #[arg(long, value_name = "T")]
    pub threads: Option<usize>,

    /// Directory for the results (default: out/simulate/NAME-seed-SEED).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,

    /// Set a parameter, e.g. --set traits=15 (repeatable).
    #[arg(long = "set", value_name = "KEY=VALUE")]
    pub set: Vec<String>,

    /// Monte Carlo runs of a scenario that writes a hindcast report (`norms`; default 200;
    /// at most 100000, as every run's series is kept for the bands).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..=100_000))]
    pub runs: Option<u64>,

    /// Stop after at most this many steps.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub steps: Option<u64>,

    /// Write a model-step row every N steps (0: only the first and last; default: the
    /// scenario file's, else the model's own, e.g. 10 for culture, 1 for the others).
    #[arg(long, value_name = "N")]
    pub model_every: Option<u64>,

    /// Write agent-step rows every N steps (0: no agent table).
    #[arg(long, value_name = "N")]
    pub agents_every: Option<u64>,

    /// List the models that can be run, with their parameters, and exit.
    #[arg(long)]
    pub list: bool,

    #[command(flatten)]
    pub world: super::world::WorldSimulateArgs,

    #[command(flatten)]
    pub format: FormatArgs,
}

/// The models `sco simulate` and `sco sweep` know by name: the engine's reference models
/// and the SCO scenarios of `sco-scenarios` (whose `norms` is the default), reading SCO
/// statuses from `--ledger` when given.
pub fn model_registry(ledger_dir: Option<&Path>) -> Result<Models> {
    super::support::scenario_report::models(ledger_dir)
}

/// Turns an engine error into an input error (exit 2) or an internal one (exit 3).
pub fn sim_error(error: SimError) -> anyhow::Error {
    if error.is_bad_input() {
        input_error(error.to_string())
    } else {
        anyhow::Error::new(error)
    }
}

/// Loads a scenario by model name or file (any failure is bad input).
pub fn load_scenario(registry: &Registry, name: Option<&str>) -> Result<Scenario> {
    let name = match name {
        Some(name) => name.to_owned(),
        None => registry
            .default_model()
            .ok_or_else(|| input_error("no default model is registered: name a model"))?
            .to_owned(),
    };
    Scenario::load(registry, &name).map_err(|e| match e {
        SimError::Io { path, cause } => {
            input_error(format!("cannot read {}: {cause}", path.display()))
        }
        other => input_error(other.to_string()),
    })
}

#[derive(Serialize)]
struct ModelListing<'a> {
    name: &'a str,
    summary: &'a str,
    default_max_steps: u64,
    params: Vec<ParamListing>,
}

#[derive(Serialize)]
struct ParamListing {
    name: String,
    default: serde_json::Value,
    allowed: String,
    doc: String,
    source: String,
}

fn list(registry: &Registry, format: FormatArgs) -> Result<Outcome> {
    let mut rows = Rows::new(&["model", "parameter", "default", "allowed", "meaning"]);
    let mut listing = Vec::new();
    for entry in registry.entries() {
        let mut params = Vec::new();
        for spec in &entry.params {
            rows.push(vec![
                entry.name.clone(),
                spec.name.clone(),
                spec.default.to_string(),
                spec.kind.describe(),
                spec.doc.clone(),
            ]);
            params.push(ParamListing {
                name: spec.name.clone(),
                default: spec.default.to_json(),
                allowed: spec.kind.describe(),
                doc: spec.doc.clone(),
                source: spec.source.clone(),
            });
        }
        listing.push(ModelListing {
            name: &entry.name,
            summary: &entry.summary,
            default_max_steps: entry.default_max_steps,
            params,
        });
    }
    emit(format, &rows, &listing)?;
    Ok(Outcome::Success)
}

/// Runs `sco simulate`.
pub fn run(ledger_dir: Option<&Path>, args: SimulateArgs) -> Result<Outcome> {
    if args.name.as_deref() == Some(sco_scenarios::world::NAME) {
        return super::world::run_simulate(
            ledger_dir,
            args.world,
            args.seed,
            args.runs,
            args.threads,
            args.out,
            args.format,
        );
    }
    let models = model_registry(ledger_dir)?;
    let registry = &models.registry;
    if args.list {
        return list(registry, args.format);
    }
    let mut scenario =
        match super::support::scenario_report::default_scenario(registry, args.name.as_deref()) {
            Some(embedded) => embedded?,
            None => load_scenario(registry, args.name.as_deref())?,
        };
    scenario
        .apply_sets(registry, &args.set)
        .map_err(sim_error)?;
    if super::support::scenario_report::writes_report(registry, &scenario) {
        let report = super::support::scenario_report::ReportArgs {
            seed: args.seed,
            runs: args.runs,
            threads: args.threads,
            out: args.out,
            format: args.format,
        };
        return super::support::scenario_report::run(&models, &scenario, report);
    }
    if let Some(steps) = args.steps {
        scenario.max_steps = steps;
    }
    if let Some(every) = args.model_every {
        scenario.collect.model_every = every;
    }
    if let Some(every) = args.agents_every {
        scenario.collect.agents_every = every;
    }
    let seed = args.seed.or(scenario.seed).unwrap_or(1);
    if seed > sco_sim::MAX_SEED {
        return Err(input_error(format!(
            "--seed {seed} is too large: seeds go up to {}",
            sco_sim::MAX_SEED
        )));
    }
    let out = args.out.unwrap_or_else(|| {
        PathBuf::from("out")
            .join("simulate")
            .join(format!("{}-seed-{seed}", scenario.name))
    });
    let report = sco_sim::simulate_to_dir(registry, &scenario, seed, &out).map_err(sim_error)?;

    let outcome = &report.outcome;
    let mut rows = Rows::new(&["output", "value"]);
    for (column, value) in outcome.output_columns.iter().zip(&outcome.outputs) {
        rows.push(vec![column.name.clone(), value.to_string()]);
    }
    let ended = if outcome.stopped_by_model {
        "the model ended itself"
    } else {
        "step limit reached"
    };
    eprintln!(
        "{} (model {}), seed {seed}: {} steps, {ended}",
        scenario.name, scenario.model, outcome.steps
    );
    let metadata: serde_json::Value = std::fs::read_to_string(out.join("metadata.json"))
        .ok()
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or(serde_json::Value::Null);
    emit(args.format, &rows, &metadata)?;
    let written = report
        .files
        .iter()
        .filter_map(|f| f.file_name().map(|n| n.to_string_lossy().into_owned()))
        .collect::<Vec<_>>()
        .join(", ");
    eprintln!("wrote {written} in {}", out.display());
    Ok(Outcome::Success)
}
