//! Rolling-origin evaluation of the `world` model against naive baselines.
//!
//! Why: a model of many mechanisms must at least forecast better than "nothing changes".
//! As forecasting systems such as ViEWS do, each origin (default 2008, 2012, 2016, 2020)
//! forecasts one to five years ahead from what was known then, with parameters calibrated on
//! data up to the origin only, and every forecast is scored per target by CRPS (the whole
//! predictive distribution), RMSE (the point forecast: the ensemble mean) and the coverage of
//! the 90 % band. The baselines are per state: persistence of the last value, the linear
//! trend of the ten years up to the origin, and an AR(1) fitted on the fifteen years up to
//! it. To compare like with like, each baseline is made probabilistic too: its point
//! forecast plus the errors it made at the same horizon from the jump-offs of the ten years
//! before the origin (pooled over states), so its CRPS rewards honest spread as the model's
//! does. Monte Carlo standard errors of the model's scores come from a jackknife over ten
//! groups of runs.

use rayon::prelude::*;
use sco_sim::{derive_seed, rng_from_seed, Progress};
use serde::Serialize;

use super::alignment::ols;
use super::calibrate::Calibration;
use super::inputs::{Target, WorldInputs, TARGETS};
use super::params::{Modules, Theta};
use super::sim::{latest, simulate, Knowledge, Overrides, Path, Prepared, Setting, StatusMode};

/// Default origins.
pub const ORIGINS: [i32; 4] = [2008, 2012, 2016, 2020];
/// Default horizons.
pub const HORIZONS: [usize; 5] = [1, 2, 3, 4, 5];
/// Jackknife groups for the Monte Carlo error.
pub const JACKKNIFE_GROUPS: usize = 10;

/// Quantile by linear interpolation (type 7) of sorted values.
pub fn quantile(sorted: &[f64], q: f64) -> f64 {
    crate::norms::hindcast::quantile(sorted, q)
}

/// CRPS of an ensemble (sorted) against an observation.
pub fn crps_sorted(sorted: &[f64], y: f64) -> f64 {
    let n = sorted.len() as f64;
    if sorted.is_empty() {
        return f64::NAN;
    }
    let mut abs = 0.0;
    let mut spread = 0.0;
    for (i, &x) in sorted.iter().enumerate() {
        abs += (x - y).abs();
        spread += x * (2.0 * (i as f64 + 1.0) - n - 1.0);
    }
    abs / n - spread / (n * n)
}

/// The baselines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Baseline {
    Persistence,
    Trend,
    Ar1,
}

/// Point forecast of a baseline for state `s`, `h` years after `origin`, from data up to it.
pub fn baseline_point(
    inputs: &WorldInputs,
    target: Target,
    s: usize,
    origin: i32,
    h: usize,
    baseline: Baseline,
) -> Option<f64> {
    let (last_year, last) = latest(inputs, target, s, origin, 3)?;
    let (lo, hi) = target.bounds();
    let ahead = (origin + h as i32 - last_year) as usize;
    let value = match baseline {
        Baseline::Persistence => last,
        Baseline::Trend => {
            let points: Vec<(f64, f64)> = ((origin - 9)..=origin)
                .filter_map(|y| inputs.obs(target, s, y).map(|v| (f64::from(y), v)))
                .collect();
            if points.len() < 3 {
                last
            } else {
                let (a, b) = ols(points.into_iter());
                a + b * f64::from(origin + h as i32)
            }
        }
        Baseline::Ar1 => {
            let pairs: Vec<(f64, f64)> = ((origin - 14)..=origin)
                .filter_map(|y| Some((inputs.obs(target, s, y - 1)?, inputs.obs(target, s, y)?)))
                .collect();
            if pairs.len() < 5 {
                last
            } else {
                let (a, b) = ols(pairs.into_iter());
                let b = b.clamp(-1.0, 1.0);
                let mut v = last;
                for _ in 0..ahead {
                    v = a + b * v;
                }
                v
            }
        }
    };
    Some(value.clamp(lo, hi))
}

/// A baseline's errors at horizon `h` from the jump-offs of the ten years up to `origin`
/// (target years at or before it), pooled over states.
pub(super) fn baseline_errors(
    inputs: &WorldInputs,
    target: Target,
    origin: i32,
    h: usize,
    baseline: Baseline,
) -> Vec<f64> {
    let mut errors = Vec::new();
    for s0 in (origin - 10)..=(origin - h as i32) {
        for s in 0..inputs.states.len() {
            let (Some(f), Some(y)) = (
                baseline_point(inputs, target, s, s0, h, baseline),
                inputs.obs(target, s, s0 + h as i32),
            ) else {
                continue;
            };
            errors.push(y - f);
        }
    }
    errors
}

/// Scores of one forecaster on one target.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Score {
    /// Mean CRPS.
    pub crps: f64,
    /// RMSE of the point forecast.
    pub rmse: f64,
}

/// The four forecasters' scores.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Scores {
    pub model: Score,
    pub persistence: Score,
    pub trend: Score,
    pub ar1: Score,
}

/// Monte Carlo standard errors of the model's scores.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct McSe {
    pub crps: f64,
    pub rmse: f64,
    pub coverage90: f64,
}

/// One horizon's CRPS.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct HorizonRow {
    pub horizon: usize,
    pub n: usize,
    pub model_crps: f64,
    pub persistence_crps: f64,
    pub ar1_crps: f64,
}

/// The verdict on a target.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TargetScore {
    /// Target name.
    pub name: String,
    /// Where the observations come from.
    pub source: String,
    /// State-years scored (over origins and horizons).
    pub n: usize,
    /// Scores.
    pub scores: Scores,
    /// Share of observations inside the model's 90 % band.
    pub coverage90: f64,
    /// Monte Carlo standard errors of the model's scores.
    pub mc_se: McSe,
    /// The model's CRPS is lower than persistence's by more than twice its MC error.
    pub beats_persistence: bool,
    /// The same against AR(1).
    pub beats_ar1: bool,
    /// The same against the trend.
    pub beats_trend: bool,
    /// Per horizon.
    pub by_horizon: Vec<HorizonRow>,
}

/// Which calibration an origin used.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CalibrationUse {
    /// The forecast origin.
    pub origin: i32,
    /// The origin of the calibration used (`None`: the a priori parameters).
    pub calibration_origin: Option<i32>,
    /// Its budget.
    pub budget: Option<u64>,
    /// In words.
    pub note: String,
}

/// The evaluation document (`sco evaluate world --json`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evaluation {
    pub scenario: String,
    pub origins: Vec<i32>,
    pub horizons: Vec<usize>,
    pub runs: u64,
    pub master_seed: u64,
    pub modules_off: Vec<String>,
    pub calibrations: Vec<CalibrationUse>,
    pub targets: Vec<TargetScore>,
    /// Plain statements of where the model fails to beat a baseline.
    pub failures: Vec<String>,
    /// Gaps in the data.
    pub gaps: Vec<String>,
    /// The leave-one-state-out evaluation, when asked for (`--leave-one-out`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub leave_one_state_out: Option<super::loso::Loso>,
}

/// Settings of an evaluation.
#[derive(Debug, Clone)]
pub struct EvaluateOptions {
    pub origins: Vec<i32>,
    pub horizons: Vec<usize>,
    pub runs: u64,
    pub master_seed: u64,
    pub modules: Modules,
    pub threads: Option<usize>,
}

impl Default for EvaluateOptions {
    fn default() -> Self {
        EvaluateOptions {
            origins: ORIGINS.to_vec(),
            horizons: HORIZONS.to_vec(),
            runs: 200,
            master_seed: 12,
            modules: Modules::default(),
            threads: None,
        }
    }
}

/// The calibration an origin uses: its own, else the latest made at an earlier origin.
pub fn choose_calibration(
    calibrations: &[Calibration],
    origin: i32,
) -> (Option<&Calibration>, String) {
    if let Some(c) = calibrations.iter().find(|c| c.origin == origin) {
        return (
            Some(c),
            format!("calibrated at {origin} ({} simulations)", c.budget),
        );
    }
    match calibrations.iter().filter(|c| c.origin < origin).max_by_key(|c| c.origin) {
        Some(c) => (
            Some(c),
            format!(
                "no calibration at {origin}: used the latest made on earlier data, at {} ({} simulations)",
                c.origin, c.budget
            ),
        ),
        None => (
            None,
            format!("no calibration at or before {origin}: used the a priori parameters (uncalibrated)"),
        ),
    }
}

/// One origin's ensemble.
struct OriginRuns {
    origin: i32,
    paths: Vec<Path>,
}

/// Runs the model from each origin.
fn forecast(
    inputs: &WorldInputs,
    options: &EvaluateOptions,
    thetas: &[(i32, Vec<Theta>)],
    progress: &dyn Progress,
) -> Vec<OriginRuns> {
    let max_h = options.horizons.iter().copied().max().unwrap_or(1);
    progress.start(options.runs * options.origins.len() as u64, 0);
    let out = options
        .origins
        .iter()
        .zip(thetas)
        .map(|(&origin, (_, particles))| {
            let prep = Prepared::new(inputs, origin);
            let paths: Vec<Path> = (0..options.runs)
                .into_par_iter()
                .map(|r| {
                    let theta = particles[(r as usize) % particles.len()];
                    let setting = Setting {
                        theta,
                        modules: options.modules,
                        knowledge: Knowledge::Through(origin),
                        status: StatusMode::Endogenous,
                        overrides: Overrides::default(),
                    };
                    let seed = derive_seed(options.master_seed ^ (origin as u64) << 20, r);
                    let mut rng = rng_from_seed(seed);
                    let path = simulate(&prep, &setting, origin, max_h, &mut rng);
                    progress.advance(1);
                    path
                })
                .collect();
            OriginRuns { origin, paths }
        })
        .collect();
    progress.finish();
    out
}

/// One scored observation: the model's ensemble and the baselines' ensembles and points.
pub(super) struct Case {
    pub(super) group_values: Vec<f64>,
    pub(super) y: f64,
    pub(super) horizon: usize,
    pub(super) baselines: [(f64, Vec<f64>); 3],
}

/// The model's mean CRPS, RMSE of the ensemble mean and 90 % coverage over `cases`, leaving out
/// the runs of jackknife group `skip_group` if given.
pub(super) fn model_scores(
    cases: &[Case],
    skip_group: Option<usize>,
    runs: usize,
) -> (f64, f64, f64) {
    let (mut crps, mut se, mut cover) = (0.0, 0.0, 0.0);
    let mut n = 0.0;
    for case in cases {
        let mut v: Vec<f64> = case
            .group_values
            .iter()
            .enumerate()
            .filter(|(r, x)| skip_group.is_none_or(|g| r % JACKKNIFE_GROUPS != g) && !x.is_nan())
            .map(|(_, x)| *x)
            .collect();
        if v.is_empty() {
            continue;
        }
        v.sort_by(f64::total_cmp);
        let mean = v.iter().sum::<f64>() / v.len() as f64;
        crps += crps_sorted(&v, case.y);
        se += (mean - case.y).powi(2);
        let eps = 1e-9;
        if quantile(&v, 0.05) - eps <= case.y && case.y <= quantile(&v, 0.95) + eps {
            cover += 1.0;
        }
        n += 1.0;
    }
    let _ = runs;
    let n = f64::max(n, 1.0);
    (crps / n, (se / n).sqrt(), cover / n)
}

/// Runs the evaluation.
pub fn evaluate(
    inputs: &WorldInputs,
    calibrations: &[Calibration],
    options: &EvaluateOptions,
    progress: &dyn Progress,
) -> Result<Evaluation, String> {
    if options.origins.is_empty() || options.horizons.is_empty() {
        return Err("give at least one origin and one horizon".into());
    }
    for &o in &options.origins {
        if !(2004..=super::inputs::LAST_YEAR - 1).contains(&o) {
            return Err(format!(
                "origin {o}: origins run from 2004 to {}",
                super::inputs::LAST_YEAR - 1
            ));
        }
    }
    if let Some(&h) = options.horizons.iter().find(|&&h| h == 0 || h > 10) {
        return Err(format!("horizon {h}: horizons run from 1 to 10 years"));
    }
    if options.runs < JACKKNIFE_GROUPS as u64 {
        return Err(format!(
            "at least {JACKKNIFE_GROUPS} runs are needed (for the Monte Carlo error)"
        ));
    }
    let mut uses = Vec::new();
    let mut thetas = Vec::new();
    for &origin in &options.origins {
        let (chosen, mut note) = choose_calibration(calibrations, origin);
        if let Some(c) = chosen.filter(|c| c.data_digest != inputs.digest_through(c.origin)) {
            note.push_str(&format!(
                "; made on other data than these (digest up to {} differs: another ledger or dataset), so its parameters were not fitted to what is scored here",
                c.origin
            ));
        }
        uses.push(CalibrationUse {
            origin,
            calibration_origin: chosen.map(|c| c.origin),
            budget: chosen.map(|c| c.budget),
            note,
        });
        thetas.push((
            origin,
            chosen
                .map(|c| c.thetas())
                .unwrap_or_else(|| vec![super::params::defaults()]),
        ));
    }
    let run_work = || forecast(inputs, options, &thetas, progress);
    let origin_runs = match options.threads {
        Some(t) => rayon::ThreadPoolBuilder::new()
            .num_threads(t.max(1))
            .build()
            .map_err(|e| format!("cannot start {t} worker threads: {e}"))?
            .install(run_work),
        None => run_work(),
    };

    let runs = options.runs as usize;
    let mut targets = Vec::new();
    let mut failures = Vec::new();
    for target in TARGETS {
        let mut cases = Vec::new();
        for or in &origin_runs {
            for &h in &options.horizons {
                let errors: Vec<Vec<f64>> = [Baseline::Persistence, Baseline::Trend, Baseline::Ar1]
                    .into_iter()
                    .map(|b| {
                        let e = baseline_errors(inputs, target, or.origin, h, b);
                        let stride = e.len().div_ceil(400).max(1);
                        e.into_iter().step_by(stride).collect()
                    })
                    .collect();
                for s in 0..inputs.states.len() {
                    let Some(y) = inputs.obs(target, s, or.origin + h as i32) else {
                        continue;
                    };
                    let points = [Baseline::Persistence, Baseline::Trend, Baseline::Ar1]
                        .map(|b| baseline_point(inputs, target, s, or.origin, h, b));
                    let [Some(p), Some(t), Some(a)] = points else {
                        continue;
                    };
                    let values: Vec<f64> =
                        or.paths.iter().map(|path| path.get(target, s, h)).collect();
                    if values.iter().all(|v| v.is_nan()) {
                        continue;
                    }
                    let (lo, hi) = target.bounds();
                    let ens = |point: f64, e: &[f64]| -> Vec<f64> {
                        let mut v: Vec<f64> = if e.is_empty() {
                            vec![point]
                        } else {
                            e.iter().map(|x| (point + x).clamp(lo, hi)).collect()
                        };
                        v.sort_by(f64::total_cmp);
                        v
                    };
                    cases.push(Case {
                        group_values: values,
                        y,
                        horizon: h,
                        baselines: [
                            (p, ens(p, &errors[0])),
                            (t, ens(t, &errors[1])),
                            (a, ens(a, &errors[2])),
                        ],
                    });
                }
            }
        }
        let n = cases.len();
        let baseline_score = |k: usize, subset: &dyn Fn(&Case) -> bool| -> Score {
            let (mut c, mut s, mut m) = (0.0, 0.0, 0.0);
            for case in cases.iter().filter(|c| subset(c)) {
                let (point, ens) = &case.baselines[k];
                c += crps_sorted(ens, case.y);
                s += (point - case.y).powi(2);
                m += 1.0;
            }
            let m = f64::max(m, 1.0);
            Score {
                crps: c / m,
                rmse: (s / m).sqrt(),
            }
        };
        let (crps, rmse, coverage90) = model_scores(&cases, None, runs);
        // Jackknife over groups of runs.
        let groups: Vec<(f64, f64, f64)> = (0..JACKKNIFE_GROUPS)
            .map(|g| model_scores(&cases, Some(g), runs))
            .collect();
        let jk = |f: &dyn Fn(&(f64, f64, f64)) -> f64| {
            let g = JACKKNIFE_GROUPS as f64;
            let mean = groups.iter().map(f).sum::<f64>() / g;
            ((g - 1.0) / g * groups.iter().map(|x| (f(x) - mean).powi(2)).sum::<f64>()).sqrt()
        };
        let mc_se = McSe {
            crps: jk(&|x| x.0),
            rmse: jk(&|x| x.1),
            coverage90: jk(&|x| x.2),
        };
        let all = |_: &Case| true;
        let scores = Scores {
            model: Score { crps, rmse },
            persistence: baseline_score(0, &all),
            trend: baseline_score(1, &all),
            ar1: baseline_score(2, &all),
        };
        let by_horizon = options
            .horizons
            .iter()
            .map(|&h| {
                let subset: Vec<&Case> = cases.iter().filter(|c| c.horizon == h).collect();
                let only = |c: &Case| c.horizon == h;
                let model: f64 = subset
                    .iter()
                    .map(|c| {
                        let mut v: Vec<f64> = c
                            .group_values
                            .iter()
                            .copied()
                            .filter(|x| !x.is_nan())
                            .collect();
                        v.sort_by(f64::total_cmp);
                        crps_sorted(&v, c.y)
                    })
                    .sum::<f64>()
                    / subset.len().max(1) as f64;
                HorizonRow {
                    horizon: h,
                    n: subset.len(),
                    model_crps: model,
                    persistence_crps: baseline_score(0, &only).crps,
                    ar1_crps: baseline_score(2, &only).crps,
                }
            })
            .collect();
        let margin = 2.0 * mc_se.crps;
        let beats = |b: Score| crps + margin < b.crps;
        let result = TargetScore {
            name: target.name().to_owned(),
            source: target.source().to_owned(),
            n,
            scores,
            coverage90,
            mc_se,
            beats_persistence: n > 0 && beats(scores.persistence),
            beats_ar1: n > 0 && beats(scores.ar1),
            beats_trend: n > 0 && beats(scores.trend),
            by_horizon,
        };
        if n == 0 {
            failures.push(format!(
                "{}: nothing to score (no observations at these origins and horizons)",
                target.name()
            ));
        } else {
            for (name, b, beaten) in [
                ("persistence", scores.persistence, result.beats_persistence),
                ("AR(1)", scores.ar1, result.beats_ar1),
                ("the trend", scores.trend, result.beats_trend),
            ] {
                if !beaten {
                    failures.push(format!(
                        "{}: the model does not beat {name} (CRPS {:.4} ± {:.4} against {:.4})",
                        target.name(),
                        crps,
                        mc_se.crps,
                        b.crps
                    ));
                }
            }
        }
        targets.push(result);
    }
    Ok(Evaluation {
        scenario: "world".into(),
        origins: options.origins.clone(),
        horizons: options.horizons.clone(),
        runs: options.runs,
        master_seed: options.master_seed,
        modules_off: options
            .modules
            .off()
            .iter()
            .map(|s| s.to_string())
            .collect(),
        calibrations: uses,
        targets,
        failures,
        gaps: inputs.gaps.clone(),
        leave_one_state_out: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crps_of_a_point_is_the_absolute_error_and_spread_helps_when_wrong() {
        assert!((crps_sorted(&[1.0], 3.0) - 2.0).abs() < 1e-12);
        let wide = crps_sorted(&[1.0, 2.0, 3.0, 4.0, 5.0], 3.0);
        assert!(wide > 0.0 && wide < 1.0);
        // Against a far observation, a spread ensemble centred on the point does better.
        let point = crps_sorted(&[0.0], 1.0);
        let spread = crps_sorted(&[-1.0, 0.0, 1.0], 1.0);
        assert!(spread < point);
    }

    #[test]
    fn baselines_use_no_data_after_the_origin() {
        let inputs = WorldInputs::embedded().unwrap();
        let kaz = inputs.index("KAZ").unwrap();
        let p = baseline_point(
            &inputs,
            Target::IdealPoint,
            kaz,
            2012,
            3,
            Baseline::Persistence,
        )
        .unwrap();
        assert_eq!(Some(p), inputs.obs(Target::IdealPoint, kaz, 2012));
        let errors = baseline_errors(&inputs, Target::IdealPoint, 2012, 2, Baseline::Ar1);
        assert!(!errors.is_empty());
    }
}
