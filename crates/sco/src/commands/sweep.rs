//! `sco sweep`: many runs of a model over parameter values and seeds, in parallel, written
//! in resumable chunks, summarised per parameter combination (mean and 95% interval of each
//! final output). `sco sweep merge DIR...` joins the parts written by `--shard K/N` jobs.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::Result;
use clap::{Args, Subcommand};

use crate::commands::simulate::{load_scenario, model_registry, sim_error};
use crate::error::{input_error, Outcome};
use crate::output::{emit, FormatArgs, Rows};
use crate::progress::RunsBar;
use sco_sim::params::parse_assignment_list;
use sco_sim::{
    derive_seeds, Design, PointSummary, Registry, Scenario, Shard, SweepOutcome, SweepSpec,
    MAX_SEED,
};

/// The most replications per combination: the seeds and the plan are held in memory, so the
/// limit bounds what a sweep takes before its first run.
pub const MAX_RUNS: u64 = 1_000_000;

/// Arguments of `sco sweep`.
#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
pub struct SweepArgs {
    /// Merge sweep parts instead of running a sweep.
    #[command(subcommand)]
    pub action: Option<SweepAction>,

    /// A model name or a scenario TOML file.
    #[arg(required = true)]
    pub name: Option<String>,

    /// Set or vary a parameter: --set traits=15 fixes it, --set traits=5,10,15 sweeps it.
    #[arg(long = "set", value_name = "KEY=VALUE[,VALUE...]")]
    pub set: Vec<String>,

    /// Replications per parameter combination (default: the scenario file's, else 10; at
    /// most 1000000).
    #[arg(long, value_name = "R", value_parser = clap::value_parser!(u64).range(1..=MAX_RUNS))]
    pub runs: Option<u64>,

    /// Master seed the replication seeds are derived from (default: the scenario file's, else 1).
    #[arg(long, value_name = "S")]
    pub seed: Option<u64>,

    /// Explicit replication seeds instead of derived ones, e.g. --seeds 1,2,3.
    #[arg(long, value_name = "LIST", value_delimiter = ',', conflicts_with_all = ["runs", "seed"])]
    pub seeds: Vec<u64>,

    /// Output directory (default: out/sweep/NAME). An interrupted sweep resumes from it.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,

    /// Run only shard K of N (0-based), writing DIR/shard-KKK-of-NNN; join with `sco sweep merge`.
    #[arg(long, value_name = "K/N")]
    pub shard: Option<String>,

    /// Experiment-design table: CSV with parameter names as header, one row per combination.
    #[arg(long, value_name = "FILE.csv")]
    pub design: Option<PathBuf>,

    /// Worker threads (default: all cores). Results do not depend on it.
    #[arg(long, value_name = "T", value_parser = clap::value_parser!(u64).range(1..))]
    pub threads: Option<u64>,

    /// Runs per output chunk (default: about 64 chunks in all).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub chunk_size: Option<u64>,

    /// Stop every run after at most this many steps.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub steps: Option<u64>,

    #[command(flatten)]
    pub format: FormatArgs,
}

/// Sweep subcommands.
#[derive(Debug, Subcommand)]
pub enum SweepAction {
    /// Merge sweep parts (shard directories, or directories holding them) into one result.
    Merge(MergeArgs),
}

/// Arguments of `sco sweep merge`.
#[derive(Debug, Args)]
pub struct MergeArgs {
    /// Sweep directories: shard parts, or directories holding shard-* parts.
    #[arg(required = true)]
    pub dirs: Vec<PathBuf>,

    /// Where to write the merged files (default: the first directory).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,

    #[command(flatten)]
    pub format: FormatArgs,
}

/// Runs `sco sweep`.
pub fn run(ledger_dir: Option<&Path>, args: SweepArgs) -> Result<Outcome> {
    if let Some(SweepAction::Merge(merge)) = args.action {
        return run_merge(merge);
    }
    // The engine's own models need none of the SCO data: loading it (about 0.1 s of parsing)
    // would be serial time before every sweep of them, a sizeable share of a short parallel
    // sweep (docs/benchmarks.md).
    let builtin = Registry::with_builtin_models();
    let models;
    let registry = match args.name.as_deref() {
        Some(name) if Scenario::load(&builtin, name).is_ok() => &builtin,
        _ => {
            models = model_registry(ledger_dir)?;
            &models.registry
        }
    };
    let mut scenario = load_scenario(registry, args.name.as_deref())?;
    let entry = registry
        .lookup(&scenario.model)
        .map_err(|e| input_error(e.to_string()))?
        .clone();
    let mut grid = scenario.sweep.grid.clone();
    for text in &args.set {
        let (name, values) =
            parse_assignment_list(&entry.params, text).map_err(|e| input_error(e.to_string()))?;
        grid.retain(|(n, _)| *n != name);
        if let [single] = values.as_slice() {
            scenario
                .params
                .set(&entry.params, &name, single.clone())
                .map_err(|e| input_error(e.to_string()))?;
        } else {
            grid.push((name, values));
        }
    }
    grid.sort_by_key(|(name, _)| entry.params.iter().position(|p| &p.name == name));
    if let Some(steps) = args.steps {
        scenario.max_steps = steps;
    }
    let design = match &args.design {
        Some(path) => Some(Design::from_csv_file(&entry, path).map_err(|e| match e {
            sco_sim::SimError::Io { path, cause } => {
                input_error(format!("cannot read {}: {cause}", path.display()))
            }
            other => sim_error(other),
        })?),
        None => None,
    };
    let (seeds, master_seed) = if args.seeds.is_empty() {
        let master = args.seed.or(scenario.sweep.seed).unwrap_or(1);
        if master > MAX_SEED {
            return Err(input_error(format!(
                "--seed {master} is too large: seeds go up to {MAX_SEED}"
            )));
        }
        let runs = args.runs.or(scenario.sweep.runs).unwrap_or(10);
        if runs > MAX_RUNS {
            return Err(input_error(format!(
                "runs: {runs} replications per combination; a sweep runs at most {MAX_RUNS}"
            )));
        }
        (derive_seeds(master, runs), Some(master))
    } else {
        if let Some(seed) = args.seeds.iter().find(|s| **s > MAX_SEED) {
            return Err(input_error(format!(
                "seed {seed} is too large: seeds go up to {MAX_SEED}"
            )));
        }
        (args.seeds.clone(), None)
    };
    let shard = match &args.shard {
        Some(text) => Shard::parse(text).map_err(sim_error)?,
        None => Shard::WHOLE,
    };
    let out = args
        .out
        .clone()
        .unwrap_or_else(|| PathBuf::from("out").join("sweep").join(&scenario.name));
    let spec = SweepSpec {
        chunk_size: args.chunk_size.or(scenario.sweep.chunk_size),
        scenario,
        grid,
        design,
        seeds,
        master_seed,
    };
    let bar = RunsBar::new();
    let outcome = sco_sim::run_sweep(
        registry,
        &spec,
        shard,
        &out,
        args.threads.map(|t| t as usize),
        &bar,
    )
    .map_err(sim_error)?;
    if outcome.computed_runs < outcome.runs {
        eprintln!(
            "resumed: {} of {} runs were already done",
            outcome.runs - outcome.computed_runs,
            outcome.runs
        );
    }
    report(&outcome, args.format)
}

fn run_merge(args: MergeArgs) -> Result<Outcome> {
    let out = args.out.clone().unwrap_or_else(|| args.dirs[0].clone());
    let outcome = sco_sim::merge(&args.dirs, &out).map_err(sim_error)?;
    report(&outcome, args.format)
}

fn report(outcome: &SweepOutcome, format: FormatArgs) -> Result<Outcome> {
    let plan = &outcome.plan;
    let mut headers: Vec<&str> = vec!["point"];
    headers.extend(plan.varying.iter().map(String::as_str));
    headers.extend(["output", "runs", "mean", "ci_low", "ci_high"]);
    let mut rows = Rows::new(&headers);
    for point in &outcome.summary {
        for output in &point.outputs {
            let s = output.summary;
            let mut row = vec![point.point.to_string()];
            row.extend(plan.varying.iter().map(|v| {
                point
                    .params
                    .get(v)
                    .map(|x| x.to_string())
                    .unwrap_or_default()
            }));
            row.extend([
                output.output.clone(),
                s.n.to_string(),
                format!("{:.4}", s.mean),
                format!("{:.4}", s.ci_low),
                format!("{:.4}", s.ci_high),
            ]);
            rows.push(row);
        }
    }
    let json = serde_json::json!({
        "scenario": plan.scenario,
        "model": plan.model,
        "runs": outcome.runs,
        "runs_per_point": plan.seeds.len(),
        "master_seed": plan.master_seed,
        "dir": outcome.dir.display().to_string(),
        "points": outcome.summary.iter().map(point_json).collect::<Vec<_>>(),
    });
    emit(format, &rows, &json)?;
    eprintln!(
        "{} runs of {} ({} per combination; ci: 95% Student-t interval of the mean) in {}: runs.parquet, runs.csv, summary.json, summary.csv",
        outcome.runs,
        plan.model,
        plan.seeds.len(),
        outcome.dir.display()
    );
    Ok(Outcome::Success)
}

fn point_json(point: &PointSummary) -> serde_json::Value {
    let params: BTreeMap<&str, serde_json::Value> = point
        .params
        .iter()
        .map(|(k, v)| (k.as_str(), v.to_json()))
        .collect();
    let outputs: BTreeMap<&str, serde_json::Value> = point
        .outputs
        .iter()
        .map(|o| {
            (
                o.output.as_str(),
                serde_json::json!({
                    "n": o.summary.n,
                    "mean": o.summary.mean,
                    "sd": o.summary.sd,
                    "ci_low": o.summary.ci_low,
                    "ci_high": o.summary.ci_high,
                }),
            )
        })
        .collect();
    serde_json::json!({ "point": point.point, "params": params, "outputs": outputs })
}
