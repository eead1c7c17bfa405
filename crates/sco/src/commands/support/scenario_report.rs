//! `sco simulate` for the SCO scenarios (crate `sco-scenarios`): the registry with the
//! scenario models, their embedded default scenarios, and the hindcast report they write
//! instead of a single run.
//!
//! `sco simulate` with no name, or `sco simulate norms`, runs the embedded `norms`
//! scenario: a Monte Carlo hindcast of the contest of norms in Central Asia from 2001 to the
//! last V-Dem year, written as tables, fan charts and a Markdown report.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::Result;
use sco_scenarios::norms::hindcast::{HindcastOptions, ALL, CENTRAL_ASIA, OTHERS};
use sco_scenarios::norms::report::{write_report, ReportOptions};
use sco_scenarios::{NormsInputs, ScenarioDataError};
use sco_sim::{Registry, Scenario};

use crate::error::{input_error, Outcome};
use crate::output::{emit, FormatArgs, Rows};
use crate::progress::RunsBar;

/// The models `sco simulate` and `sco sweep` can run, with the inputs of the SCO scenarios.
pub struct Models {
    /// The engine's reference models plus the SCO scenario models (`norms` is the default).
    pub registry: Registry,
    /// The inputs the `norms` scenario's models were built with.
    pub norms: Arc<NormsInputs>,
}

/// The models, with SCO statuses read from the ledger in `ledger_dir` (`--ledger`), or
/// from the embedded ledger.
pub fn models(ledger_dir: Option<&Path>) -> Result<Models> {
    match ledger_dir {
        None => Ok(Models {
            registry: sco_scenarios::registry().map_err(scenario_error)?,
            norms: sco_scenarios::norms_inputs().map_err(scenario_error)?,
        }),
        Some(dir) => {
            let (_, history) = crate::commands::load(Some(dir))?;
            let (registry, norms) =
                sco_scenarios::registry_for_history(&history).map_err(scenario_error)?;
            Ok(Models { registry, norms })
        }
    }
}

fn scenario_error(error: ScenarioDataError) -> anyhow::Error {
    if error.is_bad_input() {
        input_error(error.to_string())
    } else {
        anyhow::Error::new(error)
    }
}

/// The embedded default scenario when `name` is absent and the default model has one, or
/// when `name` is exactly such a model's name; `None` otherwise.
pub fn default_scenario(registry: &Registry, name: Option<&str>) -> Option<Result<Scenario>> {
    let model = name.or(registry.default_model())?;
    sco_scenarios::default_scenario(registry, model)
        .map(|loaded| loaded.map_err(|e| input_error(e.to_string())))
}

/// Whether the scenario's model writes a hindcast report rather than a single run, as its
/// registry entry says.
pub fn writes_report(registry: &Registry, scenario: &Scenario) -> bool {
    registry
        .get(&scenario.model)
        .is_some_and(|entry| entry.writes_report)
}

/// The command-line settings the report uses.
pub struct ReportArgs {
    /// Master seed of the Monte Carlo runs.
    pub seed: Option<u64>,
    /// Monte Carlo runs.
    pub runs: Option<u64>,
    /// Worker threads.
    pub threads: Option<usize>,
    /// Output directory.
    pub out: Option<PathBuf>,
    /// Output format of the summary table.
    pub format: FormatArgs,
}

/// Runs the hindcast of a scenario model and writes its report.
pub fn run(models: &Models, scenario: &Scenario, args: ReportArgs) -> Result<Outcome> {
    let seed = args
        .seed
        .or(scenario.sweep.seed)
        .or(scenario.seed)
        .unwrap_or(2001);
    if seed > sco_sim::MAX_SEED {
        return Err(input_error(format!(
            "--seed {seed} is too large: seeds go up to {}",
            sco_sim::MAX_SEED
        )));
    }
    let runs = args.runs.or(scenario.sweep.runs).unwrap_or(200);
    if runs == 0 {
        return Err(input_error("--runs must be at least 1"));
    }
    if args.threads == Some(0) {
        return Err(input_error("--threads must be at least 1"));
    }
    sco_scenarios::norms::model::NormsParams::from_set(&scenario.params)
        .map_err(|e| input_error(e.to_string()))?;
    let out = args
        .out
        .unwrap_or_else(|| PathBuf::from("out").join("simulate").join(&scenario.name));
    let options = ReportOptions {
        hindcast: HindcastOptions {
            runs,
            master_seed: seed,
            threads: args.threads,
        },
        // Ablations and the calibration grid use at most 100 and 40 runs per variant.
        ablation_runs: runs.min(100),
        calibration_runs: runs.min(40),
        ..ReportOptions::default()
    };
    eprintln!(
        "{} (model {}): {runs} Monte Carlo runs from master seed {seed}, then mechanism ablations and an out-of-sample check",
        scenario.name, scenario.model
    );
    let bar = RunsBar::new();
    let summary = write_report(
        &models.registry,
        scenario,
        &models.norms,
        options,
        &out,
        &bar,
    )
    .map_err(scenario_error)?;

    let mut rows = Rows::new(&[
        "states",
        "model RMSE",
        "persistence RMSE",
        "trend RMSE",
        "90% coverage",
    ]);
    for label in [CENTRAL_ASIA, OTHERS, ALL] {
        if let Some(e) = summary.hindcast.error(label) {
            rows.push(vec![
                label.to_owned(),
                format!("{:.3}", e.model_rmse),
                format!("{:.3}", e.persistence_rmse),
                format!("{:.3}", e.trend_rmse),
                format!("{:.0}%", 100.0 * e.coverage90),
            ]);
        }
    }
    emit(args.format, &rows, &summary.hindcast.errors)?;
    eprintln!(
        "wrote {} files in {} (report: {})",
        summary.files.len(),
        out.display(),
        out.join("report.md").display()
    );
    Ok(Outcome::Success)
}
