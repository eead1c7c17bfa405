//! The written report of `sco simulate world`: the hindcast's fan charts per target, the
//! rolling-origin skill table, the ablation by pattern and any counterfactual, as Markdown
//! with its JSON and CSV beside it.
//!
//! Charts are drawn with plotters as PNG (with the embedded DejaVu Sans font, registered
//! by the `norms` chart module's helper) and SVG, each written through a temporary file.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use plotters::coord::Shift;
use plotters::prelude::*;
use serde::Serialize;

use super::evaluate::Evaluation;
use super::hindcast::{Band, CounterfactualResult};
use crate::error::ScenarioDataError;

const COLUMNS: usize = 4;
const PANEL_W: u32 = 330;
const PANEL_H: u32 = 230;
const TITLE_H: u32 = 60;

type DrawResult = Result<(), String>;

fn draw<DB: DrawingBackend>(
    title: &str,
    bands: &[Band],
    root: &DrawingArea<DB, Shift>,
) -> DrawResult
where
    DB::ErrorType: 'static,
{
    root.fill(&WHITE).map_err(|e| e.to_string())?;
    let (title_area, body) = root.split_vertically(TITLE_H);
    title_area
        .draw(&Text::new(
            title.to_owned(),
            (12, 8),
            ("sans-serif", 19).into_font().color(&BLACK),
        ))
        .map_err(|e| e.to_string())?;
    title_area
        .draw(&Text::new(
            "band: 5-95% and 25-75% of runs   blue: median   black: observed".to_owned(),
            (12, 36),
            ("sans-serif", 13).into_font().color(&RGBColor(80, 80, 80)),
        ))
        .map_err(|e| e.to_string())?;
    let rows = bands.len().div_ceil(COLUMNS).max(1);
    let panels = body.split_evenly((rows, COLUMNS));
    for (band, area) in bands.iter().zip(panels.iter()) {
        let first = *band.years.first().unwrap_or(&2001);
        let last = *band.years.last().unwrap_or(&first);
        let values = band
            .q05
            .iter()
            .chain(&band.q95)
            .chain(band.observed.iter().flatten())
            .copied()
            .filter(|v| v.is_finite());
        let (lo, hi) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| {
            (a.min(v), b.max(v))
        });
        let (lo, hi) = if lo.is_finite() && hi > lo {
            (lo, hi)
        } else {
            (0.0, 1.0)
        };
        let pad = (hi - lo) * 0.05;
        let mut chart = ChartBuilder::on(area)
            .caption(format!("{} ({})", band.name, band.iso3), ("sans-serif", 14))
            .margin(6)
            .x_label_area_size(22)
            .y_label_area_size(40)
            .build_cartesian_2d(first..last, (lo - pad)..(hi + pad))
            .map_err(|e| e.to_string())?;
        chart
            .configure_mesh()
            .x_labels(5)
            .y_labels(5)
            .x_label_formatter(&|y| y.to_string())
            .y_label_formatter(&|v| format!("{v:.2}"))
            .label_style(("sans-serif", 11))
            .light_line_style(WHITE.mix(0.0))
            .draw()
            .map_err(|e| e.to_string())?;
        let polygon = |low: &[f64], up: &[f64]| -> Vec<(i32, f64)> {
            let mut p: Vec<(i32, f64)> = band
                .years
                .iter()
                .copied()
                .zip(up.iter().copied())
                .filter(|p| p.1.is_finite())
                .collect();
            p.extend(
                band.years
                    .iter()
                    .copied()
                    .zip(low.iter().copied())
                    .filter(|p| p.1.is_finite())
                    .rev(),
            );
            p
        };
        for (low, up, color) in [
            (&band.q05, &band.q95, RGBColor(198, 219, 239)),
            (&band.q25, &band.q75, RGBColor(107, 174, 214)),
        ] {
            chart
                .draw_series(std::iter::once(Polygon::new(
                    polygon(low, up),
                    color.filled(),
                )))
                .map_err(|e| e.to_string())?;
        }
        chart
            .draw_series(LineSeries::new(
                band.years
                    .iter()
                    .copied()
                    .zip(band.median.iter().copied())
                    .filter(|p| p.1.is_finite()),
                RGBColor(8, 81, 156).stroke_width(2),
            ))
            .map_err(|e| e.to_string())?;
        let observed: Vec<(i32, f64)> = band
            .years
            .iter()
            .zip(&band.observed)
            .filter_map(|(y, v)| v.map(|v| (*y, v)))
            .collect();
        chart
            .draw_series(LineSeries::new(
                observed.iter().copied(),
                BLACK.stroke_width(2),
            ))
            .map_err(|e| e.to_string())?;
    }
    Ok(())
}

/// Writes a fan chart as `stem.png` and `stem.svg`.
pub fn write_fan_chart(
    title: &str,
    bands: &[Band],
    dir: &Path,
    stem: &str,
) -> Result<Vec<PathBuf>, ScenarioDataError> {
    crate::norms::chart::ensure_font();
    let rows = bands.len().div_ceil(COLUMNS).max(1) as u32;
    let size = (PANEL_W * COLUMNS as u32, TITLE_H + PANEL_H * rows);
    let png = dir.join(format!("{stem}.png"));
    let png_tmp = dir.join(format!(".{stem}.tmp.png"));
    {
        let root = BitMapBackend::new(&png_tmp, size).into_drawing_area();
        draw(title, bands, &root).map_err(|e| ScenarioDataError::write(&png, e))?;
        root.present()
            .map_err(|e| ScenarioDataError::write(&png, e))?;
    }
    std::fs::rename(&png_tmp, &png).map_err(|e| ScenarioDataError::write(&png, e))?;
    let svg = dir.join(format!("{stem}.svg"));
    let mut text = String::new();
    {
        let root = SVGBackend::with_string(&mut text, size).into_drawing_area();
        draw(title, bands, &root).map_err(|e| ScenarioDataError::write(&svg, e))?;
        root.present()
            .map_err(|e| ScenarioDataError::write(&svg, e))?;
    }
    write_file(&svg, &text)?;
    Ok(vec![png, svg])
}

/// Writes a file through a temporary file renamed into place.
pub fn write_file(path: &Path, text: &str) -> Result<(), ScenarioDataError> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = path.with_file_name(format!(".{name}.tmp"));
    std::fs::write(&tmp, text).map_err(|e| ScenarioDataError::write(&tmp, e))?;
    std::fs::rename(&tmp, path).map_err(|e| ScenarioDataError::write(path, e))
}

/// One row of the ablation: a module switched off, CRPS per target relative to the full model.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AblationRow {
    /// The module switched off (`none`: the full model).
    pub switched_off: String,
    /// CRPS per target, in target order.
    pub crps: Vec<f64>,
}

/// Everything the report shows.
#[derive(Debug, Clone, Serialize)]
pub struct ReportData<'a> {
    pub runs: u64,
    pub master_seed: u64,
    pub calibration: String,
    pub evaluation: &'a Evaluation,
    pub ablation: &'a [AblationRow],
    pub counterfactual: Option<&'a CounterfactualResult>,
    pub charts: Vec<(String, String)>,
}

/// The Markdown report.
pub fn markdown(data: &ReportData<'_>) -> String {
    let e = data.evaluation;
    let mut md = String::new();
    let _ = writeln!(
        md,
        "# The SCO world model: hindcast, skill and counterfactuals\n"
    );
    let _ = writeln!(md, "Written by `sco simulate world`: {} Monte Carlo runs from master seed {}; parameters from {}. The ODD+D description is `docs/simulation/world-odd.md`.\n", data.runs, data.master_seed, data.calibration);
    let _ = writeln!(
        md,
        "## Out-of-sample skill (rolling origins {:?}, horizons {:?}, {} runs each)\n",
        e.origins, e.horizons, e.runs
    );
    for c in &e.calibrations {
        let _ = writeln!(md, "- origin {}: {}", c.origin, c.note);
    }
    let _ = writeln!(md, "\n| target | n | CRPS model (± MC) | persistence | trend | AR(1) | RMSE model | persistence | trend | AR(1) | 90 % coverage |\n|---|---|---|---|---|---|---|---|---|---|---|");
    for t in &e.targets {
        let s = &t.scores;
        let _ = writeln!(md, "| {} | {} | {:.4} ± {:.4} | {:.4} | {:.4} | {:.4} | {:.4} | {:.4} | {:.4} | {:.4} | {:.0} % |", t.name, t.n, s.model.crps, t.mc_se.crps, s.persistence.crps, s.trend.crps, s.ar1.crps, s.model.rmse, s.persistence.rmse, s.trend.rmse, s.ar1.rmse, 100.0 * t.coverage90);
    }
    let _ = writeln!(md, "\n**Where the model fails to beat a baseline** (CRPS lower by more than twice its Monte Carlo error counts as beating):\n");
    if e.failures.is_empty() {
        let _ = writeln!(md, "- nowhere.");
    }
    for f in &e.failures {
        let _ = writeln!(md, "- {f}");
    }
    if !data.ablation.is_empty() {
        let _ = writeln!(
            md,
            "\n## Ablation by pattern (CRPS with one module off; lower is better)\n"
        );
        let mut header = String::from("| module off |");
        let mut rule = String::from("|---|");
        for t in &e.targets {
            header.push_str(&format!(" {} |", t.name));
            rule.push_str("---|");
        }
        let _ = writeln!(md, "{header}\n{rule}");
        for row in data.ablation {
            let cells: Vec<String> = row.crps.iter().map(|c| format!("{c:.4}")).collect();
            let _ = writeln!(md, "| {} | {} |", row.switched_off, cells.join(" | "));
        }
        let _ = writeln!(md, "\nA module a pattern needs raises that target's CRPS when switched off; one that lowers it hurts the forecast of that pattern.");
    }
    if let Some(cf) = data.counterfactual {
        let _ = writeln!(md, "\n## Counterfactual `{}`\n\n{} (source: {}). Statuses follow the ledger's path in the baseline and the counterfactual's edit of it; both arms share seeds and parameter draws ({} runs). Differences are counterfactual minus baseline, median and 90 % interval.\n", cf.counterfactual.name, cf.counterfactual.description, cf.counterfactual.source, cf.runs);
        let _ = writeln!(md, "| measure | year | baseline median | difference | 90 % interval |\n|---|---|---|---|---|");
        for d in &cf.differences {
            let _ = writeln!(
                md,
                "| {} | {} | {:.4} | {:+.4} | {:+.4} .. {:+.4} |",
                d.measure,
                d.year,
                d.baseline_median,
                d.difference_median,
                d.difference_q05,
                d.difference_q95
            );
        }
    }
    let _ = writeln!(md, "\n## Hindcast fan charts\n\nIn sample up to the calibration's origin: an illustration, not a test.\n");
    for (title, file) in &data.charts {
        let _ = writeln!(md, "![{title}]({file})\n");
    }
    let _ = writeln!(md, "## Gaps in the data\n");
    for g in &e.gaps {
        let _ = writeln!(md, "- {g}");
    }
    md
}

/// Settings of `sco simulate world`.
#[derive(Debug, Clone)]
pub struct SimulateOptions {
    /// Hindcast settings (runs, seed, threads, modules).
    pub hindcast: super::hindcast::HindcastOptions,
    /// Runs per origin of the skill table.
    pub evaluation_runs: u64,
    /// Runs per origin of each ablation (0: no ablation).
    pub ablation_runs: u64,
    /// A counterfactual to run against the baseline.
    pub counterfactual: Option<super::hindcast::Counterfactual>,
}

/// What `sco simulate world` wrote.
#[derive(Debug, Clone, Serialize)]
pub struct SimulateSummary {
    pub evaluation: Evaluation,
    pub ablation: Vec<AblationRow>,
    pub counterfactual: Option<CounterfactualResult>,
    pub files: Vec<PathBuf>,
}

/// Runs the hindcast, the skill table, the ablation and the counterfactual, and writes the
/// report into `dir` (created if needed).
pub fn simulate_report(
    inputs: &super::WorldInputs,
    calibrations: &[super::Calibration],
    options: &SimulateOptions,
    dir: &Path,
    progress: &dyn sco_sim::Progress,
) -> Result<SimulateSummary, ScenarioDataError> {
    use super::evaluate::{evaluate, EvaluateOptions};
    use super::hindcast::{bands, compare, counterfactual_setting, run};
    use super::inputs::{Target, TARGETS};
    std::fs::create_dir_all(dir).map_err(|e| ScenarioDataError::write(dir, e))?;
    let missing = |e: String| ScenarioDataError::Missing(e);
    let latest = calibrations.iter().max_by_key(|c| c.origin);
    let thetas = latest
        .map(|c| c.thetas())
        .unwrap_or_else(|| vec![super::params::defaults()]);
    let calibration = latest
        .map(|c| {
            format!(
                "the calibration at origin {} ({} simulations, seed {})",
                c.origin, c.budget, c.seed
            )
        })
        .unwrap_or_else(|| "the a priori values (no calibration)".into());
    let h = &options.hindcast;
    let eval_options = EvaluateOptions {
        runs: options.evaluation_runs,
        modules: h.modules,
        threads: h.threads,
        ..EvaluateOptions::default()
    };
    let evaluation = evaluate(inputs, calibrations, &eval_options, progress).map_err(missing)?;
    let mut ablation = Vec::new();
    if options.ablation_runs > 0 {
        let mut variants = vec![("none".to_owned(), h.modules)];
        for (name, _) in super::params::MODULES {
            let mut m = h.modules;
            m.set(name, false).map_err(missing)?;
            if m != h.modules {
                variants.push((name.to_owned(), m));
            }
        }
        for (name, modules) in variants {
            let o = EvaluateOptions {
                runs: options.ablation_runs,
                modules,
                threads: h.threads,
                ..EvaluateOptions::default()
            };
            let e = evaluate(inputs, calibrations, &o, &sco_sim::NoProgress).map_err(missing)?;
            ablation.push(AblationRow {
                switched_off: name,
                crps: e.targets.iter().map(|t| t.scores.model.crps).collect(),
            });
        }
    }
    let counterfactual = match &options.counterfactual {
        Some(cf) => Some(compare(inputs, &thetas, h, cf, progress).map_err(missing)?),
        None => None,
    };
    // The hindcast itself: statuses endogenous, or the counterfactual's path.
    let (status, overrides) = match &options.counterfactual {
        Some(cf) => counterfactual_setting(inputs, Some(cf)),
        None => (
            super::sim::StatusMode::Endogenous,
            super::sim::Overrides::default(),
        ),
    };
    let ensemble = run(inputs, &thetas, h, status, overrides, progress).map_err(missing)?;
    let shown = super::view::shown_states(inputs);
    let mut files = Vec::new();
    let mut charts = Vec::new();
    let mut all_bands = Vec::new();
    for target in TARGETS {
        let b = bands(inputs, &ensemble, target, &shown);
        let title = format!(
            "world model hindcast: {} ({} runs, from {})",
            target.name(),
            h.runs,
            h.start_year
        );
        files.extend(write_fan_chart(
            &title,
            &b,
            dir,
            &format!("fan-{}", target.name()),
        )?);
        charts.push((
            target.name().to_owned(),
            format!("fan-{}.png", target.name()),
        ));
        all_bands.extend(b);
    }
    let _ = Target::IdealPoint;
    let data = ReportData {
        runs: h.runs,
        master_seed: h.master_seed,
        calibration,
        evaluation: &evaluation,
        ablation: &ablation,
        counterfactual: counterfactual.as_ref(),
        charts,
    };
    let report = dir.join("report.md");
    write_file(&report, &markdown(&data))?;
    files.push(report);
    let json = dir.join("evaluation.json");
    write_file(
        &json,
        &(serde_json::to_string_pretty(&evaluation).unwrap_or_default() + "\n"),
    )?;
    files.push(json);
    let bands_file = dir.join("bands.json");
    write_file(
        &bands_file,
        &(serde_json::to_string(&all_bands).unwrap_or_default() + "\n"),
    )?;
    files.push(bands_file);
    if let Some(cf) = &counterfactual {
        let f = dir.join("counterfactual.json");
        write_file(
            &f,
            &(serde_json::to_string_pretty(cf).unwrap_or_default() + "\n"),
        )?;
        files.push(f);
    }
    Ok(SimulateSummary {
        evaluation,
        ablation,
        counterfactual,
        files,
    })
}
