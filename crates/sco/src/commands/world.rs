//! `sco calibrate world` and `sco evaluate world`: thin glue over `sco_scenarios::world`.
//!
//! The calibration writes its file atomically (a temporary file renamed into place); the
//! evaluation prints the library's `Evaluation` document as JSON, or a table that says in
//! words where the model fails to beat a baseline.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use clap::Args;
use sco_scenarios::world::calibrate::{calibrate, default_seed, CalibrateOptions, DEFAULT_BUDGET};
use sco_scenarios::world::evaluate::{evaluate, EvaluateOptions, Evaluation};
use sco_scenarios::world::params::Modules;
use sco_scenarios::world::Calibration;

use crate::error::{input_error, Outcome};
use crate::output::{emit, FormatArgs, Rows};
use crate::progress::RunsBar;

/// Arguments of `sco calibrate`.
#[derive(Debug, Args)]
pub struct CalibrateArgs {
    /// The scenario to calibrate (only `world` is calibrated this way).
    pub scenario: String,

    /// Forecast origin: the calibration sees data up to and including this year only.
    #[arg(long, value_name = "YEAR")]
    pub origin: i32,

    /// Number of simulations (default 100000).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..=10_000_000))]
    pub budget: Option<u64>,

    /// Master seed (default: the origin year).
    #[arg(long)]
    pub seed: Option<u64>,

    /// Switch a module off, e.g. --module finance=off (repeatable).
    #[arg(long = "module", value_name = "NAME=off")]
    pub modules: Vec<String>,

    /// Worker threads (the result is the same for any number).
    #[arg(long, value_name = "T")]
    pub threads: Option<usize>,

    /// Output file (default: data/calibrations/world/origin-YEAR.json).
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,

    #[command(flatten)]
    pub format: FormatArgs,
}

/// Arguments of `sco evaluate`.
#[derive(Debug, Args)]
pub struct EvaluateArgs {
    /// The scenario to evaluate (`world`).
    pub scenario: String,

    /// Forecast origins, e.g. --origins 2008,2012,2016,2020 (the default).
    #[arg(long, value_name = "YEAR,...", value_delimiter = ',')]
    pub origins: Vec<i32>,

    /// Horizons in years, e.g. --horizons 1,2,3,4,5 (the default).
    #[arg(long, value_name = "N,...", value_delimiter = ',')]
    pub horizons: Vec<usize>,

    /// Monte Carlo runs per origin (default 200).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(10..=100_000))]
    pub runs: Option<u64>,

    /// Master seed (default 12).
    #[arg(long)]
    pub seed: Option<u64>,

    /// Switch a module off, e.g. --module finance=off (repeatable).
    #[arg(long = "module", value_name = "NAME=off")]
    pub modules: Vec<String>,

    /// Directory of calibration files (origin-YEAR.json); default: the stored ones.
    #[arg(long, value_name = "DIR")]
    pub calibrations: Option<PathBuf>,

    /// Also hold each state out in turn: fit the parameters without it (ABC on fresh prior
    /// draws) and score its forecasts (`leave_one_state_out` in the JSON).
    #[arg(long)]
    pub leave_one_out: bool,

    /// Prior draws per origin for --leave-one-out (default 10000; a stored calibration makes
    /// 100000).
    #[arg(long, value_name = "N", requires = "leave_one_out", value_parser = clap::value_parser!(u64).range(10..=10_000_000))]
    pub loso_budget: Option<u64>,

    /// Worker threads (the result is the same for any number).
    #[arg(long, value_name = "T")]
    pub threads: Option<usize>,

    #[command(flatten)]
    pub format: FormatArgs,
}

fn check_scenario(name: &str) -> Result<()> {
    if name != sco_scenarios::world::NAME {
        return Err(input_error(format!(
            "unknown scenario `{name}`: only `world` is calibrated and evaluated this way (`norms` reports through `sco simulate norms`)"
        )));
    }
    Ok(())
}

/// Parses `--module` settings.
pub fn parse_modules(settings: &[String]) -> Result<Modules> {
    let mut modules = Modules::default();
    for s in settings {
        modules.apply(s).map_err(input_error)?;
    }
    Ok(modules)
}

/// The world scenario's inputs: from the embedded data, with the SCO statuses of the ledger in
/// `ledger_dir` when `--ledger` names one.
fn inputs(ledger_dir: Option<&Path>) -> Result<std::sync::Arc<sco_scenarios::WorldInputs>> {
    match ledger_dir {
        None => {
            sco_scenarios::world_inputs().context("cannot build the inputs of the world scenario")
        }
        Some(dir) => {
            let (_, history) = super::load(Some(dir))?;
            let inputs = sco_scenarios::WorldInputs::from_history(&history).with_context(|| {
                format!(
                    "cannot build the inputs of the world scenario from the ledger in {}",
                    dir.display()
                )
            })?;
            Ok(std::sync::Arc::new(inputs))
        }
    }
}

/// Writes `text` to `path` through a temporary file renamed into place.
pub fn write_atomically(path: &Path, text: &str) -> Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = path.with_file_name(format!(".{name}.tmp"));
    std::fs::write(&tmp, text).with_context(|| format!("cannot write {}", tmp.display()))?;
    std::fs::rename(&tmp, path).with_context(|| format!("cannot write {}", path.display()))?;
    Ok(())
}

/// Runs `sco calibrate`.
pub fn run_calibrate(ledger_dir: Option<&Path>, args: CalibrateArgs) -> Result<Outcome> {
    check_scenario(&args.scenario)?;
    if args.threads == Some(0) {
        return Err(input_error("--threads must be at least 1"));
    }
    let modules = parse_modules(&args.modules)?;
    let options = CalibrateOptions {
        origin: args.origin,
        budget: args.budget.unwrap_or(DEFAULT_BUDGET),
        seed: args.seed.unwrap_or_else(|| default_seed(args.origin)),
        modules,
        threads: args.threads,
    };
    let inputs = inputs(ledger_dir)?;
    eprintln!(
        "world: calibrating at origin {} with {} simulations (seed {}), data up to {} only",
        options.origin, options.budget, options.seed, options.origin
    );
    let bar = RunsBar::new();
    let started = std::time::Instant::now();
    let calibration = calibrate(&inputs, &options, &bar).map_err(input_error)?;
    let elapsed = started.elapsed().as_secs_f64();
    let out = args.out.unwrap_or_else(|| {
        PathBuf::from("data/calibrations/world").join(format!("origin-{}.json", options.origin))
    });
    write_atomically(&out, &calibration.to_json())?;
    let mut rows = Rows::new(&[
        "parameter",
        "prior",
        "posterior mean",
        "90% interval",
        "width / prior",
    ]);
    for p in &calibration.posterior {
        rows.push(vec![
            p.name.clone(),
            format!("{}..{}", p.prior_lo, p.prior_hi),
            format!("{:.3}", p.mean),
            format!("{:.3}..{:.3}", p.q05, p.q95),
            format!("{:.2}", p.width_ratio),
        ]);
    }
    emit(args.format, &rows, &calibration.posterior)?;
    let best = calibration
        .particles
        .first()
        .map(|p| p.distance)
        .unwrap_or(f64::NAN);
    eprintln!(
        "kept {} of {} draws (best distance {best:.3}, a priori parameters {:.3}; 1 = as good as persistence in training); {elapsed:.1} s; wrote {}",
        calibration.particles.len(),
        calibration.budget,
        calibration.prior_default_distance,
        out.display()
    );
    Ok(Outcome::Success)
}

fn load_calibrations(dir: Option<&Path>) -> Result<Vec<Calibration>> {
    let Some(dir) = dir else {
        return sco_scenarios::world::stored_calibrations()
            .map_err(|e| anyhow::anyhow!("a stored calibration is invalid: {e}"));
    };
    let entries = std::fs::read_dir(dir).map_err(|e| {
        input_error(format!(
            "cannot read the calibrations in {}: {e}",
            dir.display()
        ))
    })?;
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .map(|n| n.to_string_lossy())
                .is_some_and(|n| n.starts_with("origin-") && n.ends_with(".json"))
        })
        .collect();
    paths.sort();
    let mut out = Vec::new();
    for path in paths {
        let meta = std::fs::metadata(&path)?;
        if meta.len() > 64 * 1024 * 1024 {
            return Err(input_error(format!(
                "{}: larger than 64 MiB, not a calibration",
                path.display()
            )));
        }
        let text = std::fs::read_to_string(&path)
            .map_err(|e| input_error(format!("cannot read {}: {e}", path.display())))?;
        out.push(Calibration::from_json(&path.display().to_string(), &text).map_err(input_error)?);
    }
    Ok(out)
}

/// Runs `sco evaluate`.
pub fn run_evaluate(ledger_dir: Option<&Path>, args: EvaluateArgs) -> Result<Outcome> {
    check_scenario(&args.scenario)?;
    if args.threads == Some(0) {
        return Err(input_error("--threads must be at least 1"));
    }
    let mut options = EvaluateOptions {
        modules: parse_modules(&args.modules)?,
        threads: args.threads,
        ..EvaluateOptions::default()
    };
    if !args.origins.is_empty() {
        options.origins = args.origins.clone();
    }
    if !args.horizons.is_empty() {
        options.horizons = args.horizons.clone();
    }
    if let Some(runs) = args.runs {
        options.runs = runs;
    }
    if let Some(seed) = args.seed {
        options.master_seed = seed;
    }
    let calibrations = load_calibrations(args.calibrations.as_deref())?;
    let inputs = inputs(ledger_dir)?;
    let bar = RunsBar::new();
    let mut evaluation = evaluate(&inputs, &calibrations, &options, &bar).map_err(input_error)?;
    for use_ in &evaluation.calibrations {
        eprintln!("origin {}: {}", use_.origin, use_.note);
    }
    if args.leave_one_out {
        use sco_scenarios::world::loso::{leave_one_state_out, LosoOptions, DEFAULT_BUDGET};
        let loso_options = LosoOptions {
            origins: options.origins.clone(),
            horizons: options.horizons.clone(),
            budget: args.loso_budget.unwrap_or(DEFAULT_BUDGET),
            runs: options.runs,
            master_seed: options.master_seed,
            modules: options.modules,
            threads: options.threads,
        };
        eprintln!(
            "leave one state out: {} prior draws per origin, each state held out in turn",
            loso_options.budget
        );
        let bar = RunsBar::new();
        evaluation.leave_one_state_out =
            Some(leave_one_state_out(&inputs, &loso_options, &bar).map_err(input_error)?);
    }
    let rows = table(&evaluation);
    emit(args.format, &rows, &evaluation)?;
    if let (Some(loso), false, false) = (
        &evaluation.leave_one_state_out,
        args.format.json,
        args.format.csv,
    ) {
        crate::output::print(&format!(
            "\nLeave one state out ({} draws per origin, {} kept): {}\n{}",
            loso.budget,
            loso.kept,
            loso.scope,
            loso_table(loso).table()
        ))?;
    }
    if !args.format.json && !args.format.csv {
        eprintln!();
        if evaluation.failures.is_empty() {
            eprintln!("The model beats persistence, the trend and AR(1) in CRPS on every target (by more than twice its Monte Carlo error).");
        } else {
            eprintln!("CRPS and RMSE of the model, persistence (pers.), the trend and AR(1); ±MC: Monte Carlo error of the model's CRPS; cov90: share inside the model's 90% band.");
            eprintln!("Where the model fails to beat a baseline (CRPS, out of sample):");
            for f in &evaluation.failures {
                eprintln!("  - {f}");
            }
        }
        if let Some(loso) = &evaluation.leave_one_state_out {
            if loso.failures.is_empty() {
                eprintln!("With each state held out, the model still beats persistence and AR(1) on every target.");
            } else {
                eprintln!("Where the model, fitted without the state it forecasts, fails to beat a baseline:");
                for f in &loso.failures {
                    eprintln!("  - {f}");
                }
            }
        }
    }
    Ok(Outcome::Success)
}

/// The human table of a leave-one-state-out evaluation.
pub fn loso_table(loso: &sco_scenarios::world::loso::Loso) -> Rows {
    let mut rows = Rows::new(&[
        "target",
        "n",
        "CRPS held out",
        "±MC",
        "CRPS with state",
        "pers.",
        "trend",
        "AR(1)",
        "cov90",
        "beats p/AR",
    ]);
    for t in &loso.targets {
        let yes = |b: bool| if b { "yes" } else { "NO" };
        rows.push(vec![
            t.name.clone(),
            t.n.to_string(),
            format!("{:.4}", t.held_out.crps),
            format!("{:.4}", t.mc_se_crps),
            format!("{:.4}", t.with_state.crps),
            format!("{:.4}", t.persistence.crps),
            format!("{:.4}", t.trend.crps),
            format!("{:.4}", t.ar1.crps),
            format!("{:.0}%", 100.0 * t.coverage90),
            if t.n == 0 {
                "no data".into()
            } else {
                format!("{}/{}", yes(t.beats_persistence), yes(t.beats_ar1))
            },
        ]);
    }
    rows
}

/// The human table of an evaluation.
pub fn table(evaluation: &Evaluation) -> Rows {
    let mut rows = Rows::new(&[
        "target",
        "n",
        "CRPS",
        "±MC",
        "pers.",
        "trend",
        "AR(1)",
        "RMSE",
        "pers.",
        "AR(1)",
        "cov90",
        "beats p/AR",
    ]);
    for t in &evaluation.targets {
        let s = &t.scores;
        let yes = |b: bool| if b { "yes" } else { "NO" };
        rows.push(vec![
            t.name.clone(),
            t.n.to_string(),
            format!("{:.4}", s.model.crps),
            format!("{:.4}", t.mc_se.crps),
            format!("{:.4}", s.persistence.crps),
            format!("{:.4}", s.trend.crps),
            format!("{:.4}", s.ar1.crps),
            format!("{:.4}", s.model.rmse),
            format!("{:.4}", s.persistence.rmse),
            format!("{:.4}", s.ar1.rmse),
            format!("{:.0}%", 100.0 * t.coverage90),
            if t.n == 0 {
                "no data".into()
            } else {
                format!("{}/{}", yes(t.beats_persistence), yes(t.beats_ar1))
            },
        ]);
    }
    rows
}

/// The `world` options of `sco simulate`.
#[derive(Debug, Clone, Default, Args)]
pub struct WorldSimulateArgs {
    /// `world` only: run a counterfactual history against the baseline (see --list-counterfactuals).
    #[arg(long, value_name = "NAME")]
    pub counterfactual: Option<String>,

    /// `world` only: list the counterfactual histories and exit.
    #[arg(long)]
    pub list_counterfactuals: bool,

    /// `world` only: switch a module off, e.g. --module finance=off (repeatable).
    #[arg(long = "module", value_name = "NAME=off")]
    pub modules: Vec<String>,
}

/// Runs `sco simulate world`: the hindcast report.
pub fn run_simulate(
    ledger_dir: Option<&Path>,
    world: WorldSimulateArgs,
    seed: Option<u64>,
    runs: Option<u64>,
    threads: Option<usize>,
    out: Option<PathBuf>,
    format: FormatArgs,
) -> Result<Outcome> {
    use sco_scenarios::world::hindcast::{counterfactual, HindcastOptions, COUNTERFACTUALS};
    use sco_scenarios::world::report::{simulate_report, SimulateOptions};
    if world.list_counterfactuals {
        let mut rows = Rows::new(&["counterfactual", "what changes", "source"]);
        for c in COUNTERFACTUALS {
            rows.push(vec![c.name.into(), c.description.into(), c.source.into()]);
        }
        emit(format, &rows, &COUNTERFACTUALS)?;
        return Ok(Outcome::Success);
    }
    if threads == Some(0) {
        return Err(input_error("--threads must be at least 1"));
    }
    let cf = match world.counterfactual.as_deref() {
        Some(name) => Some(counterfactual(name).ok_or_else(|| {
            let names: Vec<&str> = COUNTERFACTUALS.iter().map(|c| c.name).collect();
            input_error(format!(
                "unknown counterfactual `{name}`: the counterfactuals are {}",
                names.join(", ")
            ))
        })?),
        None => None,
    };
    let modules = parse_modules(&world.modules)?;
    let runs = runs.unwrap_or(200);
    let options = SimulateOptions {
        hindcast: HindcastOptions {
            runs,
            master_seed: seed.unwrap_or(2001),
            threads,
            modules,
            ..HindcastOptions::default()
        },
        evaluation_runs: runs.clamp(10, 200),
        ablation_runs: runs.clamp(10, 100),
        counterfactual: cf,
    };
    let out = out.unwrap_or_else(|| {
        let mut dir = PathBuf::from("out").join("simulate").join("world");
        if let Some(c) = &cf {
            dir = dir.join(c.name);
        }
        dir
    });
    let calibrations = load_calibrations(None)?;
    let inputs = inputs(ledger_dir)?;
    eprintln!(
        "world: hindcast from 2001 ({runs} runs), rolling-origin skill, ablation by module{}",
        if cf.is_some() { ", counterfactual" } else { "" }
    );
    let bar = RunsBar::new();
    let summary = simulate_report(&inputs, &calibrations, &options, &out, &bar)
        .map_err(|e| anyhow::anyhow!(e))?;
    if let Some(result) = &summary.counterfactual {
        let mut rows = Rows::new(&[
            "measure",
            "year",
            "baseline median",
            "difference",
            "90% interval",
        ]);
        for d in &result.differences {
            rows.push(vec![
                d.measure.clone(),
                d.year.to_string(),
                format!("{:.4}", d.baseline_median),
                format!("{:+.4}", d.difference_median),
                format!("{:+.4} .. {:+.4}", d.difference_q05, d.difference_q95),
            ]);
        }
        emit(format, &rows, result)?;
    } else {
        emit(format, &table(&summary.evaluation), &summary.evaluation)?;
    }
    if !format.json && !format.csv {
        for f in &summary.evaluation.failures {
            eprintln!("  - {f}");
        }
    }
    eprintln!(
        "wrote {} files in {} (report: {})",
        summary.files.len(),
        out.display(),
        out.join("report.md").display()
    );
    Ok(Outcome::Success)
}
