//! Leave-one-state-out evaluation of the `world` model: can parameters fitted without a state
//! forecast that state?
//!
//! Why: the rolling-origin evaluation ([`super::evaluate`]) holds out the future, but every
//! state's past entered the calibration, so a model could score well by fitting each state's
//! own history into shared parameters. Here, at each origin, the same prior draws as a
//! calibration are scored twice: over all states, and over all states but one. For each state
//! the draws closest without it become its posterior, the model forecasts one to five years
//! ahead from the origin with those parameters, and only that state's observations are scored,
//! by CRPS, against persistence, the trend and AR(1) (the same probabilistic baselines as the
//! rolling-origin evaluation) and against the model whose parameters did see the state
//! (`with_state`: same draws, same seeds). Monte Carlo errors come from a jackknife over ten
//! groups of runs.
//!
//! What is held out and what is not, plainly: the ABC-calibrated parameters never see the
//! held-out state. The constants estimated from the data at the origin (the alignment links,
//! noise levels, trade drifts and the base rates of status changes, [`super::sim::Prepared`])
//! are pooled over all states and still include the held-out state's past, as do its own
//! starting values, which every forecaster (persistence included) uses. The budget is smaller
//! than a stored calibration's, so the posterior is coarser; `with_state` uses the same budget,
//! so the comparison between the two is like with like.

use rayon::prelude::*;
use sco_sim::{derive_seed, rng_from_seed, Progress};
use serde::Serialize;

use super::calibrate::{accepted_for, draw_prior, Contributions, Training};
use super::evaluate::{
    baseline_errors, baseline_point, crps_sorted, model_scores, Baseline, Case, Score,
    JACKKNIFE_GROUPS,
};
use super::inputs::{Target, WorldInputs, LAST_YEAR, TARGETS};
use super::params::{Modules, Theta};
use super::sim::{simulate, Knowledge, Overrides, Path, Prepared, Setting, StatusMode};

/// Default ABC draws per origin (a stored calibration makes 100,000).
pub const DEFAULT_BUDGET: u64 = 10_000;

/// Settings of a leave-one-state-out evaluation.
#[derive(Debug, Clone)]
pub struct LosoOptions {
    pub origins: Vec<i32>,
    pub horizons: Vec<usize>,
    /// Prior draws per origin (the closest 0.5 % are kept, as in a calibration).
    pub budget: u64,
    /// Forecast runs per state and origin.
    pub runs: u64,
    /// Seed of the forecasts (the prior draws use each origin's calibration seed).
    pub master_seed: u64,
    pub modules: Modules,
    pub threads: Option<usize>,
}

/// Scores on one target, over the held-out states' observations.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LosoTarget {
    pub name: String,
    /// State-years scored.
    pub n: usize,
    /// The model with parameters fitted without the state.
    pub held_out: Score,
    /// The model with parameters fitted with every state (same draws and seeds).
    pub with_state: Score,
    pub persistence: Score,
    pub trend: Score,
    pub ar1: Score,
    /// Share of observations inside the held-out model's 90 % band.
    pub coverage90: f64,
    /// Monte Carlo standard error of the held-out model's CRPS.
    pub mc_se_crps: f64,
    /// The held-out model's CRPS is lower than persistence's by more than twice its MC error.
    pub beats_persistence: bool,
    /// The same against AR(1).
    pub beats_ar1: bool,
}

/// The held-out model's CRPS per state, summed over targets as ratios to persistence.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LosoState {
    pub iso3: String,
    /// State-years scored, over targets.
    pub n: usize,
    /// Mean over targets of the held-out model's CRPS over persistence's (below 1: better).
    pub crps_ratio_to_persistence: f64,
    /// The same for the model that saw the state.
    pub with_state_ratio_to_persistence: f64,
}

/// The leave-one-state-out evaluation (`sco evaluate world --leave-one-out`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Loso {
    pub origins: Vec<i32>,
    pub horizons: Vec<usize>,
    pub budget: u64,
    /// Draws kept per posterior.
    pub kept: usize,
    pub runs: u64,
    pub master_seed: u64,
    /// What is held out and what is not.
    pub scope: String,
    pub targets: Vec<LosoTarget>,
    pub states: Vec<LosoState>,
    /// Plain statements of where the held-out model fails to beat a baseline.
    pub failures: Vec<String>,
}

const SCOPE: &str = "The ABC-calibrated parameters never see the held-out state; the constants estimated at the origin (alignment links, noise levels, trade drifts, base rates of status changes) are pooled over all states and include its past, and every forecaster starts from its own last observations.";

/// The `kept` draws closest by `distance`, ties broken by index.
fn closest(
    draws: &[(u64, Theta, f64, Vec<f64>)],
    kept: usize,
    distance: impl Fn(&(u64, Theta, f64, Vec<f64>)) -> f64,
) -> Vec<Theta> {
    let mut order: Vec<(f64, u64, usize)> = draws
        .iter()
        .enumerate()
        .map(|(k, d)| (distance(d), d.0, k))
        .collect();
    order.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    order
        .iter()
        .take(kept)
        .map(|&(_, _, k)| draws[k].1)
        .collect()
}

/// Forecast paths from `origin` with parameters drawn in turn from `thetas`.
fn paths(prep: &Prepared<'_>, options: &LosoOptions, origin: i32, thetas: &[Theta]) -> Vec<Path> {
    let max_h = options.horizons.iter().copied().max().unwrap_or(1);
    (0..options.runs)
        .into_par_iter()
        .map(|r| {
            let setting = Setting {
                theta: thetas[(r as usize) % thetas.len()],
                modules: options.modules,
                knowledge: Knowledge::Through(origin),
                status: StatusMode::Endogenous,
                overrides: Overrides::default(),
            };
            let mut rng =
                rng_from_seed(derive_seed(options.master_seed ^ (origin as u64) << 20, r));
            simulate(prep, &setting, origin, max_h, &mut rng)
        })
        .collect()
}

/// The model's summed CRPS over persistence's on the cases `idx`, the model's ensemble of case
/// `i` being `values(i)`.
fn ratio_to_persistence<'a>(
    cases: &[Case],
    idx: &[usize],
    values: impl Fn(usize) -> &'a [f64],
) -> f64 {
    let mut model = 0.0;
    let mut persistence = 0.0;
    for &i in idx {
        let mut v: Vec<f64> = values(i).iter().copied().filter(|x| !x.is_nan()).collect();
        v.sort_by(f64::total_cmp);
        model += crps_sorted(&v, cases[i].y);
        persistence += crps_sorted(&cases[i].baselines[0].1, cases[i].y);
    }
    if persistence > 0.0 {
        model / persistence
    } else {
        f64::NAN
    }
}

/// Runs the leave-one-state-out evaluation.
pub fn leave_one_state_out(
    inputs: &WorldInputs,
    options: &LosoOptions,
    progress: &dyn Progress,
) -> Result<Loso, String> {
    if options.origins.is_empty() || options.horizons.is_empty() {
        return Err("give at least one origin and one horizon".into());
    }
    if let Some(&o) = options
        .origins
        .iter()
        .find(|&&o| !(2004..=LAST_YEAR - 1).contains(&o))
    {
        return Err(format!(
            "origin {o}: origins run from 2004 to {}",
            LAST_YEAR - 1
        ));
    }
    if let Some(&h) = options.horizons.iter().find(|&&h| h == 0 || h > 10) {
        return Err(format!("horizon {h}: horizons run from 1 to 10 years"));
    }
    if options.runs < JACKKNIFE_GROUPS as u64 {
        return Err(format!(
            "at least {JACKKNIFE_GROUPS} runs are needed (for the Monte Carlo error)"
        ));
    }
    if options.budget < 10 {
        return Err("the budget must be at least 10 draws per origin".into());
    }
    let n_states = inputs.states.len();
    let kept = accepted_for(options.budget);
    // Per target: cases of the held-out model, and the same cases with the all-state model.
    let mut held: Vec<Vec<Case>> = (0..TARGETS.len()).map(|_| Vec::new()).collect();
    let mut with: Vec<Vec<Vec<f64>>> = (0..TARGETS.len()).map(|_| Vec::new()).collect();
    let mut state_of: Vec<Vec<usize>> = (0..TARGETS.len()).map(|_| Vec::new()).collect();
    progress.start(options.budget * options.origins.len() as u64, 0);
    let mut work = || -> Result<(), String> {
        for &origin in &options.origins {
            let training = Training::new(inputs, origin);
            let seed = super::calibrate::default_seed(origin);
            // Every draw scored over all states and over all states but each one.
            let draws: Vec<(u64, Theta, f64, Vec<f64>)> = (0..options.budget)
                .into_par_iter()
                .map(|i| {
                    let draw_seed = derive_seed(seed, i);
                    let theta = draw_prior(draw_seed);
                    let c: Contributions =
                        training.contributions(theta, options.modules, derive_seed(draw_seed, 1));
                    let all = training.distance_without(&c, None);
                    let without: Vec<f64> = (0..n_states)
                        .map(|s| training.distance_without(&c, Some(s)))
                        .collect();
                    progress.advance(1);
                    (i, theta, all, without)
                })
                .collect();
            let prep = Prepared::new(inputs, origin);
            let with_state = paths(&prep, options, origin, &closest(&draws, kept, |d| d.2));
            for s in 0..n_states {
                let observed: Vec<(Target, usize, f64)> = TARGETS
                    .iter()
                    .flat_map(|&t| {
                        options.horizons.iter().filter_map(move |&h| {
                            inputs.obs(t, s, origin + h as i32).map(|y| (t, h, y))
                        })
                    })
                    .collect();
                if observed.is_empty() {
                    continue;
                }
                let held_out = paths(&prep, options, origin, &closest(&draws, kept, |d| d.3[s]));
                for (target, h, y) in observed {
                    let points = [Baseline::Persistence, Baseline::Trend, Baseline::Ar1]
                        .map(|b| baseline_point(inputs, target, s, origin, h, b));
                    let [Some(p), Some(t), Some(a)] = points else {
                        continue;
                    };
                    let values: Vec<f64> = held_out.iter().map(|x| x.get(target, s, h)).collect();
                    let seen: Vec<f64> = with_state.iter().map(|x| x.get(target, s, h)).collect();
                    if values.iter().all(|v| v.is_nan()) || seen.iter().all(|v| v.is_nan()) {
                        continue;
                    }
                    let (lo, hi) = target.bounds();
                    let ens = |point: f64, b: Baseline| -> Vec<f64> {
                        let e = baseline_errors(inputs, target, origin, h, b);
                        let stride = e.len().div_ceil(400).max(1);
                        let mut v: Vec<f64> = if e.is_empty() {
                            vec![point]
                        } else {
                            e.iter()
                                .step_by(stride)
                                .map(|x| (point + x).clamp(lo, hi))
                                .collect()
                        };
                        v.sort_by(f64::total_cmp);
                        v
                    };
                    held[target.slot()].push(Case {
                        group_values: values,
                        y,
                        horizon: h,
                        baselines: [
                            (p, ens(p, Baseline::Persistence)),
                            (t, ens(t, Baseline::Trend)),
                            (a, ens(a, Baseline::Ar1)),
                        ],
                    });
                    with[target.slot()].push(seen);
                    state_of[target.slot()].push(s);
                }
            }
        }
        Ok(())
    };
    match options.threads {
        Some(t) => rayon::ThreadPoolBuilder::new()
            .num_threads(t.max(1))
            .build()
            .map_err(|e| format!("cannot start {t} worker threads: {e}"))?
            .install(work)?,
        None => work()?,
    }
    progress.finish();

    let runs = options.runs as usize;
    let mut targets = Vec::new();
    let mut failures = Vec::new();
    // Per state: (sum of held-out/persistence ratios, sum of with-state ratios, targets, n).
    let mut per_state = vec![(0.0, 0.0, 0usize, 0usize); n_states];
    for target in TARGETS {
        let k = target.slot();
        let cases = &held[k];
        let n = cases.len();
        let baseline = |b: usize| -> Score {
            let (mut c, mut e, mut m) = (0.0, 0.0, 0.0);
            for case in cases {
                let (point, ens) = &case.baselines[b];
                c += crps_sorted(ens, case.y);
                e += (point - case.y).powi(2);
                m += 1.0;
            }
            let m = f64::max(m, 1.0);
            Score {
                crps: c / m,
                rmse: (e / m).sqrt(),
            }
        };
        let (crps, rmse, coverage90) = model_scores(cases, None, runs);
        let seen_cases: Vec<Case> = cases
            .iter()
            .zip(&with[k])
            .map(|(c, v)| Case {
                group_values: v.clone(),
                y: c.y,
                horizon: c.horizon,
                baselines: c.baselines.clone(),
            })
            .collect();
        let (seen_crps, seen_rmse, _) = model_scores(&seen_cases, None, runs);
        let groups: Vec<f64> = (0..JACKKNIFE_GROUPS)
            .map(|g| model_scores(cases, Some(g), runs).0)
            .collect();
        let g = JACKKNIFE_GROUPS as f64;
        let mean = groups.iter().sum::<f64>() / g;
        let mc_se_crps =
            ((g - 1.0) / g * groups.iter().map(|x| (x - mean).powi(2)).sum::<f64>()).sqrt();
        let persistence = baseline(0);
        let ar1 = baseline(2);
        let beats = |b: Score| n > 0 && crps + 2.0 * mc_se_crps < b.crps;
        let row = LosoTarget {
            name: target.name().to_string(),
            n,
            held_out: Score { crps, rmse },
            with_state: Score {
                crps: seen_crps,
                rmse: seen_rmse,
            },
            persistence,
            trend: baseline(1),
            ar1,
            coverage90,
            mc_se_crps,
            beats_persistence: beats(persistence),
            beats_ar1: beats(ar1),
        };
        if n == 0 {
            failures.push(format!(
                "{}: nothing to score with a state held out",
                target.name()
            ));
        } else {
            for (name, b, beaten) in [
                ("persistence", persistence, row.beats_persistence),
                ("AR(1)", ar1, row.beats_ar1),
            ] {
                if !beaten {
                    failures.push(format!(
                        "{}, state held out: the model does not beat {name} (CRPS {:.4} ± {:.4} against {:.4})",
                        target.name(),
                        crps,
                        mc_se_crps,
                        b.crps
                    ));
                }
            }
        }
        // Per-state ratios to persistence on this target.
        for (s, e) in per_state.iter_mut().enumerate() {
            let idx: Vec<usize> = (0..n).filter(|&i| state_of[k][i] == s).collect();
            if idx.is_empty() {
                continue;
            }
            let held_ratio = ratio_to_persistence(cases, &idx, |i| &cases[i].group_values);
            let seen_ratio = ratio_to_persistence(cases, &idx, |i| &with[k][i]);
            if held_ratio.is_finite() && seen_ratio.is_finite() {
                e.0 += held_ratio;
                e.1 += seen_ratio;
                e.2 += 1;
                e.3 += idx.len();
            }
        }
        targets.push(row);
    }
    let states = per_state
        .iter()
        .enumerate()
        .filter(|(_, e)| e.2 > 0)
        .map(|(s, e)| LosoState {
            iso3: inputs.states[s].iso3.clone(),
            n: e.3,
            crps_ratio_to_persistence: e.0 / e.2 as f64,
            with_state_ratio_to_persistence: e.1 / e.2 as f64,
        })
        .collect();
    Ok(Loso {
        origins: options.origins.clone(),
        horizons: options.horizons.clone(),
        budget: options.budget,
        kept,
        runs: options.runs,
        master_seed: options.master_seed,
        scope: SCOPE.to_string(),
        targets,
        states,
        failures,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options(budget: u64) -> LosoOptions {
        LosoOptions {
            origins: vec![2012],
            horizons: vec![1, 2],
            budget,
            runs: 20,
            master_seed: 12,
            modules: Modules::default(),
            threads: Some(1),
        }
    }

    #[test]
    fn every_state_is_held_out_and_the_result_does_not_depend_on_threads() {
        let inputs = WorldInputs::embedded().expect("inputs");
        let one = leave_one_state_out(&inputs, &options(40), &sco_sim::NoProgress).expect("a run");
        assert_eq!(one.targets.len(), TARGETS.len());
        assert_eq!(one.kept, 10);
        let agree = one
            .targets
            .iter()
            .find(|t| t.name == "agree_chn")
            .expect("agree_chn");
        assert!(agree.n > 20, "two horizons of most states: {}", agree.n);
        assert!(agree.held_out.crps > 0.0 && agree.persistence.crps > 0.0);
        assert!(one.states.iter().any(|s| s.iso3 == "KAZ"));
        let mut two = options(40);
        two.threads = Some(2);
        let two = leave_one_state_out(&inputs, &two, &sco_sim::NoProgress).expect("a run");
        let json = |l: &Loso| serde_json::to_string(l).expect("JSON");
        assert!(
            json(&one) == json(&two),
            "the thread count changed the result"
        );
    }

    #[test]
    fn bad_settings_are_refused() {
        let inputs = WorldInputs::embedded().expect("inputs");
        let mut o = options(5);
        assert!(leave_one_state_out(&inputs, &o, &sco_sim::NoProgress)
            .unwrap_err()
            .contains("budget"));
        o.budget = 40;
        o.origins = vec![2030];
        assert!(leave_one_state_out(&inputs, &o, &sco_sim::NoProgress)
            .unwrap_err()
            .contains("origin 2030"));
    }
}
