//! The written results of a `norms` hindcast: the engine's tables for every Monte Carlo
//! run, the bands and error tables as CSV and JSON, fan charts, and a short Markdown report
//! that states plainly whether the model beats the naive baselines.
//!
//! Every file is written under a temporary name and renamed into place; `metadata.json` is
//! written last, so its presence means the directory is complete.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use sco_sim::{Progress, Registry, Scenario, TableWriter};
use serde::Serialize;

use crate::error::ScenarioDataError;
use crate::norms::hindcast::{
    ablations, out_of_sample, run_ensemble, score, AblationRow, ErrorRow, Hindcast,
    HindcastOptions, OutOfSample, ALL, CENTRAL_ASIA, OTHERS,
};
use crate::norms::inputs::NormsInputs;
use crate::norms::model::NormsParams;

/// Writes bytes to `path` atomically (temporary file in the same directory, then rename).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), ScenarioDataError> {
    sco_sim::table::write_atomic(path, bytes).map_err(ScenarioDataError::from)
}

/// What the report includes besides the hindcast itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReportOptions {
    /// Runs, master seed and threads of the hindcast.
    pub hindcast: HindcastOptions,
    /// Runs per variant of the mechanism ablations (0: skip them).
    pub ablation_runs: u64,
    /// Runs per grid point of the calibration and per test forecast (0: skip it).
    pub calibration_runs: u64,
    /// Last training year of the out-of-sample test.
    pub split_year: i32,
}

impl Default for ReportOptions {
    fn default() -> Self {
        ReportOptions {
            hindcast: HindcastOptions::default(),
            ablation_runs: 100,
            calibration_runs: 40,
            split_year: 2012,
        }
    }
}

/// What was written, with the figures.
#[derive(Debug, Clone, Serialize)]
pub struct ReportSummary {
    /// The directory.
    pub dir: PathBuf,
    /// Files written, `metadata.json` last.
    pub files: Vec<PathBuf>,
    /// The scored hindcast.
    pub hindcast: Hindcast,
    /// Mechanism ablations (empty when skipped).
    pub ablations: Vec<AblationRow>,
    /// Calibration and out-of-sample test, when run.
    pub out_of_sample: Option<OutOfSample>,
}

/// Runs the hindcast of `scenario` (plus ablations and the out-of-sample test) and writes
/// everything into `dir`.
pub fn write_report(
    registry: &Registry,
    scenario: &Scenario,
    inputs: &NormsInputs,
    options: ReportOptions,
    dir: &Path,
    progress: &dyn Progress,
) -> Result<ReportSummary, ScenarioDataError> {
    std::fs::create_dir_all(dir).map_err(|e| ScenarioDataError::write(dir, e))?;
    let metadata_path = dir.join("metadata.json");
    if metadata_path.exists() {
        std::fs::remove_file(&metadata_path)
            .map_err(|e| ScenarioDataError::write(&metadata_path, e))?;
    }
    let params = NormsParams::from_set(&scenario.params).map_err(sco_sim::SimError::from)?;
    let ensemble = run_ensemble(registry, scenario, inputs, options.hindcast, true, progress)?;
    let hindcast = score(
        &ensemble,
        inputs,
        params.index,
        options.hindcast.master_seed,
    );
    let small = |runs: u64| HindcastOptions {
        runs,
        ..options.hindcast
    };
    let ablation_rows = if options.ablation_runs > 0 {
        ablations(registry, scenario, inputs, small(options.ablation_runs))?
    } else {
        Vec::new()
    };
    let oos = if options.calibration_runs > 0
        && options.split_year > params.start_year
        && options.split_year < params.end_year
    {
        Some(out_of_sample(
            registry,
            scenario,
            inputs,
            small(options.calibration_runs),
            options.split_year,
        )?)
    } else {
        None
    };

    let metadata = serde_json::json!({
        "engine": sco_sim::run::ENGINE,
        "code_version": sco_sim::run::code_version(),
        "scenario": {
            "name": scenario.name,
            "description": scenario.description,
            "model": scenario.model,
            "params": scenario.params.to_json(),
        },
        "inputs": inputs.label(),
        "hindcast": {
            "runs": options.hindcast.runs,
            "master_seed": options.hindcast.master_seed,
            "seeds": ensemble.seeds,
            "index": params.index.variable(),
            "start_year": params.start_year,
            "end_year": params.end_year,
        },
        "ablation_runs": options.ablation_runs,
        "calibration_runs": options.calibration_runs,
        "split_year": options.split_year,
    });
    let metadata_text = serde_json::to_string_pretty(&metadata)
        .map_err(|e| ScenarioDataError::write(&metadata_path, e))?;

    let mut files = Vec::new();
    for (stem, table) in [
        ("model_steps", &ensemble.model_steps),
        ("agent_steps", &ensemble.agent_steps),
    ] {
        let Some(table) = table else { continue };
        let mut writer = TableWriter::create(dir, stem, &scenario.model, table.columns.clone())?;
        writer.push_table(table)?;
        let written = writer.finish(&metadata_text)?;
        files.push(written.parquet);
        files.extend(written.csv);
    }

    let paths_csv = dir.join("hindcast_paths.csv");
    write_atomic(&paths_csv, bands_csv(&hindcast).as_bytes())?;
    files.push(paths_csv);
    let errors_csv = dir.join("hindcast_errors.csv");
    write_atomic(&errors_csv, errors_csv_text(&hindcast.errors).as_bytes())?;
    files.push(errors_csv);
    if !ablation_rows.is_empty() {
        let path = dir.join("ablations.csv");
        let mut text = String::from("switched_off,rmse_central_asia,rmse_all,coverage90_all\n");
        for row in &ablation_rows {
            let _ = writeln!(
                text,
                "{},{:.6},{:.6},{:.4}",
                row.switched_off, row.rmse_central_asia, row.rmse_all, row.coverage90_all
            );
        }
        write_atomic(&path, text.as_bytes())?;
        files.push(path);
    }
    if let Some(oos) = &oos {
        let path = dir.join("calibration_grid.csv");
        let mut text =
            String::from("socialisation_rate,similarity_width,insecurity_gain,train_rmse\n");
        for p in &oos.grid {
            let _ = writeln!(
                text,
                "{},{},{},{:.6}",
                p.socialisation_rate, p.similarity_width, p.insecurity_gain, p.train_rmse
            );
        }
        write_atomic(&path, text.as_bytes())?;
        files.push(path);
    }
    crate::norms::chart::write_fan_charts(&hindcast, dir, "fan_chart")?;
    files.extend([dir.join("fan_chart.png"), dir.join("fan_chart.svg")]);

    let summary_path = dir.join("summary.json");
    let summary_json = serde_json::json!({
        "hindcast": &hindcast,
        "ablations": &ablation_rows,
        "out_of_sample": &oos,
    });
    let summary_text = serde_json::to_string_pretty(&summary_json)
        .map_err(|e| ScenarioDataError::write(&summary_path, e))?;
    write_atomic(&summary_path, format!("{summary_text}\n").as_bytes())?;
    files.push(summary_path);

    let report_path = dir.join("report.md");
    write_atomic(
        &report_path,
        markdown(
            scenario,
            registry,
            &params,
            &hindcast,
            &ablation_rows,
            oos.as_ref(),
            &options,
        )
        .as_bytes(),
    )?;
    files.push(report_path);

    write_atomic(&metadata_path, format!("{metadata_text}\n").as_bytes())?;
    files.push(metadata_path);
    Ok(ReportSummary {
        dir: dir.to_path_buf(),
        files,
        hindcast,
        ablations: ablation_rows,
        out_of_sample: oos,
    })
}

fn bands_csv(hindcast: &Hindcast) -> String {
    let mut text =
        String::from("iso3,year,observed,median,mean,q05,q25,q75,q95,persistence,trend\n");
    for band in &hindcast.bands {
        for t in 0..band.years.len() {
            let observed = band.observed[t]
                .map(|v| format!("{v:.6}"))
                .unwrap_or_default();
            let _ = writeln!(
                text,
                "{},{},{},{:.6},{:.6},{:.6},{:.6},{:.6},{:.6},{:.6},{:.6}",
                band.iso3,
                band.years[t],
                observed,
                band.median[t],
                band.mean[t],
                band.q05[t],
                band.q25[t],
                band.q75[t],
                band.q95[t],
                band.persistence[t],
                band.trend[t]
            );
        }
    }
    text
}

fn errors_csv_text(rows: &[ErrorRow]) -> String {
    let mut text = String::from(
        "label,n,model_rmse,model_mae,persistence_rmse,persistence_mae,trend_rmse,trend_mae,coverage90,coverage50,width90,skill_vs_persistence\n",
    );
    for r in rows {
        let _ = writeln!(
            text,
            "\"{}\",{},{:.6},{:.6},{:.6},{:.6},{:.6},{:.6},{:.4},{:.4},{:.6},{:.4}",
            r.label,
            r.n,
            r.model_rmse,
            r.model_mae,
            r.persistence_rmse,
            r.persistence_mae,
            r.trend_rmse,
            r.trend_mae,
            r.coverage90,
            r.coverage50,
            r.width90,
            r.skill_vs_persistence
        );
    }
    text
}

fn error_table(rows: &[ErrorRow]) -> String {
    let mut text = String::from(
        "| states | n | model RMSE | persistence RMSE | trend RMSE | model MAE | persistence MAE | 90% coverage | 50% coverage | 90% band width |\n|---|---|---|---|---|---|---|---|---|---|\n",
    );
    for r in rows {
        let _ = writeln!(
            text,
            "| {} | {} | {:.3} | {:.3} | {:.3} | {:.3} | {:.3} | {:.0}% | {:.0}% | {:.3} |",
            r.label,
            r.n,
            r.model_rmse,
            r.persistence_rmse,
            r.trend_rmse,
            r.model_mae,
            r.persistence_mae,
            100.0 * r.coverage90,
            100.0 * r.coverage50,
            r.width90
        );
    }
    text
}

/// A plain-language verdict on a row: better, worse or level with persistence.
fn verdict(row: &ErrorRow) -> &'static str {
    let ratio = row.model_rmse / row.persistence_rmse;
    if !ratio.is_finite() {
        "cannot be compared with"
    } else if ratio < 0.95 {
        "beats"
    } else if ratio <= 1.05 {
        "is level with"
    } else {
        "does worse than"
    }
}

fn markdown(
    scenario: &Scenario,
    registry: &Registry,
    params: &NormsParams,
    hindcast: &Hindcast,
    ablation_rows: &[AblationRow],
    oos: Option<&OutOfSample>,
    options: &ReportOptions,
) -> String {
    let mut md = String::new();
    let _ = writeln!(
        md,
        "# Contest of norms in Central Asia: hindcast {}-{}\n",
        hindcast.start_year, hindcast.end_year
    );
    let _ = writeln!(
        md,
        "Scenario `{}` (model `{}`), {} Monte Carlo runs from master seed {}; positions on the V-Dem `{}` scale, started at the observed {} values. Model and parameters: `docs/simulation/norms-odd.md`.\n",
        scenario.name,
        scenario.model,
        hindcast.runs,
        hindcast.master_seed,
        hindcast.index.variable(),
        hindcast.start_year
    );
    let _ = writeln!(md, "## Verdict\n");
    for label in [CENTRAL_ASIA, OTHERS, ALL] {
        if let Some(row) = hindcast.error(label) {
            let _ = writeln!(
                md,
                "- {}: the model {} persistence (RMSE {:.3} against {:.3}; trend baseline {:.3}); the 90% band holds {:.0}% of the observed values.",
                label,
                verdict(row),
                row.model_rmse,
                row.persistence_rmse,
                row.trend_rmse,
                100.0 * row.coverage90
            );
        }
    }
    let states: Vec<&ErrorRow> = hindcast
        .errors
        .iter()
        .filter(|e| e.label.len() == 3)
        .collect();
    let better = states
        .iter()
        .filter(|e| e.model_rmse < e.persistence_rmse)
        .count();
    let _ = writeln!(
        md,
        "- The median path is closer than persistence for {better} of {} states.\n",
        states.len()
    );
    let _ = writeln!(md, "![Fan charts](fan_chart.png)\n");
    let _ = writeln!(
        md,
        "## Errors by state (years {}-{})\n",
        hindcast.start_year + 1,
        hindcast.end_year
    );
    let _ = writeln!(
        md,
        "Point forecast: the Monte Carlo median. Persistence: the {} value held constant. Trend: least-squares line over {}-{} extrapolated (clamped to 0-1).\n",
        hindcast.start_year,
        hindcast.start_year - 9,
        hindcast.start_year
    );
    md.push_str(&error_table(&hindcast.errors));
    let _ = writeln!(
        md,
        "\n## Change {}-{}\n",
        hindcast.start_year, hindcast.end_year
    );
    md.push_str("| state | observed change | simulated median change | 90% range of simulated change |\n|---|---|---|---|\n");
    for c in &hindcast.changes {
        let observed = c
            .observed_change
            .map(|v| format!("{v:+.3}"))
            .unwrap_or_else(|| "n/a".into());
        let _ = writeln!(
            md,
            "| {} | {} | {:+.3} | {:+.3} to {:+.3} |",
            c.iso3, observed, c.median_change, c.q05_change, c.q95_change
        );
    }
    if !ablation_rows.is_empty() {
        let _ = writeln!(
            md,
            "\n## Mechanisms switched off one at a time ({} runs each, same seeds)\n\n| switched off | RMSE Central Asia | RMSE all | 90% coverage, all |\n|---|---|---|---|",
            options.ablation_runs
        );
        for r in ablation_rows {
            let _ = writeln!(
                md,
                "| {} | {:.3} | {:.3} | {:.0}% |",
                r.switched_off,
                r.rmse_central_asia,
                r.rmse_all,
                100.0 * r.coverage90_all
            );
        }
    }
    if let Some(oos) = oos {
        let _ = writeln!(
            md,
            "\n## Out of sample: calibrated on {}-{}, forecast {}-{}\n",
            hindcast.start_year,
            oos.split_year,
            oos.split_year + 1,
            hindcast.end_year
        );
        let _ = writeln!(
            md,
            "Grid search ({} points, {} runs each) on the training years chose socialisation_rate = {}, similarity_width = {}, insecurity_gain = {} (training RMSE {:.3}). Both parameter sets then forecast from the observed {} values ({} runs each); persistence holds the {} value.\n",
            oos.grid.len(),
            options.calibration_runs,
            oos.best.socialisation_rate,
            oos.best.similarity_width,
            oos.best.insecurity_gain,
            oos.best.train_rmse,
            oos.split_year,
            options.calibration_runs,
            oos.split_year
        );
        md.push_str("| parameters | states | model RMSE | persistence RMSE | trend RMSE | 90% coverage |\n|---|---|---|---|---|---|\n");
        for (label, rows) in [("a priori", &oos.a_priori), ("calibrated", &oos.calibrated)] {
            for group in [CENTRAL_ASIA, ALL] {
                if let Some(r) = rows.iter().find(|r| r.label == group) {
                    let _ = writeln!(
                        md,
                        "| {label} | {group} | {:.3} | {:.3} | {:.3} | {:.0}% |",
                        r.model_rmse,
                        r.persistence_rmse,
                        r.trend_rmse,
                        100.0 * r.coverage90
                    );
                }
            }
        }
    }
    md.push_str("\n## Parameters\n\n| parameter | value | source |\n|---|---|---|\n");
    if let Ok(entry) = registry.lookup(&scenario.model) {
        for spec in &entry.params {
            let value = scenario
                .params
                .get(&spec.name)
                .map(|v| v.to_string())
                .unwrap_or_default();
            let _ = writeln!(
                md,
                "| `{}` | {} | {} |",
                spec.name,
                value,
                spec.source.replace('|', "/")
            );
        }
    }
    let _ = writeln!(
        md,
        "\nIndex: {}; noise from the pre-sample years {}-{}. Files: `hindcast_paths.csv` (bands), `hindcast_errors.csv`, `agent_steps.*` and `model_steps.*` (every run), `summary.json`.",
        params.index.variable(),
        params.start_year - 9,
        params.start_year
    );
    md
}
