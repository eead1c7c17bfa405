//! Calibration of the `world` model at a forecast origin, by approximate Bayesian
//! computation (rejection sampling).
//!
//! Why this method: the model has no likelihood, seventeen parameters and cheap runs, so
//! simulation-based calibration fits. Each simulation draws a parameter vector from the
//! uniform priors of [`super::params::PARAMS`], simulates the model from each of the eight
//! years before the origin (up to five years ahead, never past the origin), and measures
//! the distance to the observed patterns: for every target, the fair CRPS of four seeded
//! paths divided by persistence's mean absolute error over the same state-years, averaged
//! over targets (so every pattern counts, whatever its units, and a draw gains nothing by
//! pretending to a certainty it does not have). The closest draws are kept as the posterior
//! sample; forecasts draw their parameters from it. No data after the origin enter: the
//! constants are estimated on data up to the origin, and every jump-off and target year lies
//! at or before it.
//!
//! Determinism: draw `i` uses the seed `derive_seed(seed, i)` and nothing else, draws run
//! in parallel but are ranked by (distance, index), so the stored file is the same bytes for
//! any thread count.

use rand::Rng;
use rayon::prelude::*;
use sco_sim::{derive_seed, rng_from_seed, Progress};
use serde::{Deserialize, Serialize};

use super::inputs::{Target, WorldInputs, TARGETS};
use super::params::{Modules, Theta, PARAMS};
use super::sim::{latest, simulate, Knowledge, Overrides, Prepared, Setting, StatusMode};

/// Version of the calibration file format.
pub const FORMAT: u32 = 1;
/// Years before the origin used as jump-offs.
pub const TRAINING_JUMP_OFFS: i32 = 8;
/// Longest horizon simulated in training.
pub const TRAINING_HORIZON: i32 = 5;
/// Paths per draw and jump-off (the small ensemble the distance scores).
pub const REPLICATES: usize = 4;
/// Share of draws kept.
pub const ACCEPT_SHARE: f64 = 0.005;
/// Default number of simulations.
pub const DEFAULT_BUDGET: u64 = 100_000;

/// A kept draw.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Particle {
    /// Distance to the observed patterns (1 = as good as persistence).
    pub distance: f64,
    /// Parameters, in [`PARAMS`] order.
    pub theta: Vec<f64>,
}

/// Summary of one parameter's posterior.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Posterior {
    pub name: String,
    pub prior_lo: f64,
    pub prior_hi: f64,
    pub mean: f64,
    pub q05: f64,
    pub q95: f64,
    /// Width of the 90 % posterior interval over the prior's width: near 1, the data say
    /// little about the parameter (not identified by these patterns).
    pub width_ratio: f64,
}

/// A stored calibration.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Calibration {
    /// Always `world`.
    pub model: String,
    /// File format version.
    pub format: u32,
    /// The origin: data up to and including this year were used, none after.
    pub origin: i32,
    /// Digest of the observables up to the origin (the data the calibration saw).
    pub data_digest: String,
    /// How it was made.
    pub method: String,
    /// Master seed.
    pub seed: u64,
    /// Simulations run.
    pub budget: u64,
    /// Modules switched off.
    pub modules_off: Vec<String>,
    /// The command that reproduces it.
    pub command: String,
    /// Distance of the a priori parameters (same seed as draw 0), for comparison.
    pub prior_default_distance: f64,
    /// Per-parameter posterior summaries.
    pub posterior: Vec<Posterior>,
    /// The kept draws, closest first.
    pub particles: Vec<Particle>,
}

impl Calibration {
    /// The parameter vectors.
    pub fn thetas(&self) -> Vec<Theta> {
        self.particles
            .iter()
            .map(|p| {
                let mut theta = [0.0; PARAMS.len()];
                for (t, v) in theta.iter_mut().zip(&p.theta) {
                    *t = *v;
                }
                theta
            })
            .collect()
    }

    /// Parses a stored file; `Err` says what is wrong.
    pub fn from_json(file: &str, text: &str) -> Result<Calibration, String> {
        let c: Calibration = serde_json::from_str(text)
            .map_err(|e| format!("{file}: line {}, column {}: {e}", e.line(), e.column()))?;
        if c.model != "world" || c.format != FORMAT {
            return Err(format!(
                "{file}: not a `world` calibration of format {FORMAT}"
            ));
        }
        if c.particles.is_empty() || c.particles.iter().any(|p| p.theta.len() != PARAMS.len()) {
            return Err(format!(
                "{file}: every particle must have {} parameters",
                PARAMS.len()
            ));
        }
        Ok(c)
    }

    /// The file as stored (pretty JSON with a final newline).
    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).unwrap_or_default();
        text.push('\n');
        text
    }
}

/// The observed patterns of the training window, and persistence's errors on them.
pub(super) struct Training<'a> {
    prep: Prepared<'a>,
    jump_offs: Vec<(i32, usize)>,
    persistence_mae: [f64; TARGETS.len()],
    /// Persistence's absolute errors per state and target, as (sum, count): the normaliser of
    /// a distance that leaves a state out ([`super::loso`]).
    persistence_by_state: Vec<[(f64, usize); TARGETS.len()]>,
}

/// One simulation's fair CRPS per state and target, as (sum, count) over the training window.
pub(super) type Contributions = Vec<[(f64, usize); TARGETS.len()]>;

impl<'a> Training<'a> {
    pub(super) fn new(inputs: &'a WorldInputs, origin: i32) -> Training<'a> {
        let prep = Prepared::new(inputs, origin);
        let jump_offs: Vec<(i32, usize)> = ((origin - TRAINING_JUMP_OFFS)..origin)
            .map(|s| (s, TRAINING_HORIZON.min(origin - s) as usize))
            .collect();
        let mut sums = [(0.0, 0usize); TARGETS.len()];
        let mut persistence_by_state = vec![[(0.0, 0usize); TARGETS.len()]; inputs.states.len()];
        for &(s, years) in &jump_offs {
            for target in TARGETS {
                for (st, by_state) in persistence_by_state.iter_mut().enumerate() {
                    let Some((_, base)) = latest(inputs, target, st, s, 3) else {
                        continue;
                    };
                    for h in 1..=years {
                        if let Some(y) = inputs.obs(target, st, s + h as i32) {
                            sums[target.slot()].0 += (y - base).abs();
                            sums[target.slot()].1 += 1;
                            by_state[target.slot()].0 += (y - base).abs();
                            by_state[target.slot()].1 += 1;
                        }
                    }
                }
            }
        }
        let mut persistence_mae = [0.0; TARGETS.len()];
        for (m, (sum, n)) in persistence_mae.iter_mut().zip(sums) {
            *m = if n > 0 { sum / n as f64 } else { 0.0 };
        }
        Training {
            prep,
            jump_offs,
            persistence_mae,
            persistence_by_state,
        }
    }

    /// Simulates [`REPLICATES`] seeded paths with `theta` from each jump-off and hands every
    /// scored state-year to `visit` as (target, state, fair CRPS of the small ensemble), in the
    /// order jump-off, target, state, horizon.
    fn visit(
        &self,
        theta: Theta,
        modules: Modules,
        seed: u64,
        mut visit: impl FnMut(Target, usize, f64),
    ) {
        let inputs = self.prep.inputs;
        let setting = Setting {
            theta,
            modules,
            knowledge: Knowledge::Through(self.prep.estimated_through),
            status: StatusMode::Endogenous,
            overrides: Overrides::default(),
        };
        let mut rng = rng_from_seed(seed);
        let m = REPLICATES as f64;
        for &(s, years) in &self.jump_offs {
            let paths: Vec<_> = (0..REPLICATES)
                .map(|_| simulate(&self.prep, &setting, s, years, &mut rng))
                .collect();
            for target in TARGETS {
                for st in 0..inputs.states.len() {
                    if latest(inputs, target, st, s, 3).is_none() {
                        continue;
                    }
                    for h in 1..=years {
                        let Some(y) = inputs.obs(target, st, s + h as i32) else {
                            continue;
                        };
                        let v: Vec<f64> = paths.iter().map(|p| p.get(target, st, h)).collect();
                        if v.iter().any(|x| x.is_nan()) {
                            continue;
                        }
                        let abs: f64 = v.iter().map(|x| (x - y).abs()).sum::<f64>() / m;
                        let mut pair = 0.0;
                        for i in 0..v.len() {
                            for j in 0..v.len() {
                                pair += (v[i] - v[j]).abs();
                            }
                        }
                        visit(target, st, abs - pair / (2.0 * m * (m - 1.0)));
                    }
                }
            }
        }
    }

    /// Distance of one simulation with `theta`: [`REPLICATES`] seeded paths from each
    /// jump-off, scored by the fair CRPS of that small ensemble, per target over
    /// persistence's mean absolute error on the same state-years, averaged over targets.
    fn distance(&self, theta: Theta, modules: Modules, seed: u64) -> f64 {
        let mut sums = [(0.0, 0usize); TARGETS.len()];
        self.visit(theta, modules, seed, |target, _, crps| {
            sums[target.slot()].0 += crps;
            sums[target.slot()].1 += 1;
        });
        mean_ratio(&sums, &self.persistence_mae)
    }

    /// One simulation's contributions per state, for distances that leave a state out.
    pub(super) fn contributions(&self, theta: Theta, modules: Modules, seed: u64) -> Contributions {
        let mut by_state = vec![[(0.0, 0usize); TARGETS.len()]; self.prep.inputs.states.len()];
        self.visit(theta, modules, seed, |target, st, crps| {
            by_state[st][target.slot()].0 += crps;
            by_state[st][target.slot()].1 += 1;
        });
        by_state
    }

    /// The distance of [`Training::contributions`] over every state but `left_out` (all states
    /// when `None`), normalised by persistence's errors on the same states.
    pub(super) fn distance_without(
        &self,
        contributions: &Contributions,
        left_out: Option<usize>,
    ) -> f64 {
        let mut sums = [(0.0, 0usize); TARGETS.len()];
        let mut persistence = [(0.0, 0usize); TARGETS.len()];
        for (st, (c, p)) in contributions
            .iter()
            .zip(&self.persistence_by_state)
            .enumerate()
        {
            if Some(st) == left_out {
                continue;
            }
            for k in 0..TARGETS.len() {
                sums[k].0 += c[k].0;
                sums[k].1 += c[k].1;
                persistence[k].0 += p[k].0;
                persistence[k].1 += p[k].1;
            }
        }
        let mae = persistence.map(|(sum, n)| if n > 0 { sum / n as f64 } else { 0.0 });
        mean_ratio(&sums, &mae)
    }
}

/// The mean over targets of (mean CRPS / persistence's MAE), over targets with both.
fn mean_ratio(sums: &[(f64, usize); TARGETS.len()], persistence_mae: &[f64; TARGETS.len()]) -> f64 {
    let mut total = 0.0;
    let mut count = 0.0;
    for (k, &(sum, n)) in sums.iter().enumerate() {
        if n > 0 && persistence_mae[k] > 0.0 {
            total += sum / n as f64 / persistence_mae[k];
            count += 1.0;
        }
    }
    if count > 0.0 {
        total / count
    } else {
        f64::INFINITY
    }
}

/// Draws a parameter vector from the uniform priors.
pub fn draw_prior(seed: u64) -> Theta {
    let mut rng = rng_from_seed(seed);
    let mut theta = [0.0; PARAMS.len()];
    for (t, def) in theta.iter_mut().zip(PARAMS.iter()) {
        *t = def.lo + (def.hi - def.lo) * rng.random::<f64>();
    }
    theta
}

/// Settings of a calibration.
#[derive(Debug, Clone)]
pub struct CalibrateOptions {
    /// The origin.
    pub origin: i32,
    /// Simulations.
    pub budget: u64,
    /// Master seed.
    pub seed: u64,
    /// Modules.
    pub modules: Modules,
    /// Worker threads (`None`: all cores).
    pub threads: Option<usize>,
}

/// Draws kept for a budget.
pub fn accepted_for(budget: u64) -> usize {
    ((budget as f64 * ACCEPT_SHARE).round() as usize)
        .clamp(10.min(budget as usize), budget as usize)
}

/// Runs the calibration.
pub fn calibrate(
    inputs: &WorldInputs,
    options: &CalibrateOptions,
    progress: &dyn Progress,
) -> Result<Calibration, String> {
    let origin = options.origin;
    if !(2004..=super::inputs::LAST_YEAR).contains(&origin) {
        return Err(format!(
            "origin {origin}: the model can be calibrated at origins from 2004 to {}",
            super::inputs::LAST_YEAR
        ));
    }
    if options.budget == 0 {
        return Err("the budget must be at least one simulation".into());
    }
    let training = Training::new(inputs, origin);
    let chunk = 1000u64;
    let chunks = options.budget.div_ceil(chunk);
    progress.start(options.budget, 0);
    let work = || -> Vec<(f64, u64)> {
        (0..chunks)
            .into_par_iter()
            .flat_map_iter(|c| {
                let from = c * chunk;
                let to = ((c + 1) * chunk).min(options.budget);
                let out: Vec<(f64, u64)> = (from..to)
                    .map(|i| {
                        let seed = derive_seed(options.seed, i);
                        let theta = draw_prior(seed);
                        (
                            training.distance(theta, options.modules, derive_seed(seed, 1)),
                            i,
                        )
                    })
                    .collect();
                progress.advance(to - from);
                out
            })
            .collect()
    };
    let mut scored = match options.threads {
        Some(t) => rayon::ThreadPoolBuilder::new()
            .num_threads(t.max(1))
            .build()
            .map_err(|e| format!("cannot start {t} worker threads: {e}"))?
            .install(work),
        None => work(),
    };
    progress.finish();
    scored.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    let keep = accepted_for(options.budget);
    let particles: Vec<Particle> = scored[..keep.min(scored.len())]
        .iter()
        .map(|&(distance, i)| Particle {
            distance,
            theta: draw_prior(derive_seed(options.seed, i)).to_vec(),
        })
        .collect();
    let posterior = PARAMS
        .iter()
        .enumerate()
        .map(|(k, def)| {
            let mut v: Vec<f64> = particles.iter().map(|p| p.theta[k]).collect();
            v.sort_by(f64::total_cmp);
            let q = |p: f64| super::evaluate::quantile(&v, p);
            Posterior {
                name: def.name.to_owned(),
                prior_lo: def.lo,
                prior_hi: def.hi,
                mean: v.iter().sum::<f64>() / v.len().max(1) as f64,
                q05: q(0.05),
                q95: q(0.95),
                width_ratio: (q(0.95) - q(0.05)) / (def.hi - def.lo),
            }
        })
        .collect();
    let prior_default_distance = training.distance(
        super::params::defaults(),
        options.modules,
        derive_seed(derive_seed(options.seed, 0), 1),
    );
    let modules_off: Vec<String> = options
        .modules
        .off()
        .iter()
        .map(|s| s.to_string())
        .collect();
    let mut command = format!(
        "sco calibrate world --origin {origin} --budget {} --seed {}",
        options.budget, options.seed
    );
    for m in &modules_off {
        command.push_str(&format!(" --module {m}=off"));
    }
    Ok(Calibration {
        model: "world".into(),
        format: FORMAT,
        origin,
        data_digest: inputs.digest_through(origin),
        method: format!(
            "ABC rejection: {} draws from the uniform priors, each simulating the {} jump-offs {}-{} up to {} years ahead (never past the origin); distance = mean over targets of the fair CRPS of {} paths / persistence MAE; the closest {:.1} % kept",
            options.budget,
            TRAINING_JUMP_OFFS,
            origin - TRAINING_JUMP_OFFS,
            origin - 1,
            TRAINING_HORIZON,
            REPLICATES,
            ACCEPT_SHARE * 100.0
        ),
        seed: options.seed,
        budget: options.budget,
        modules_off,
        command,
        prior_default_distance,
        posterior,
        particles,
    })
}

/// The default seed of the calibration at an origin (the origin year itself).
pub fn default_seed(origin: i32) -> u64 {
    origin as u64
}

/// Which targets the training window observes (for messages).
pub fn observed_targets(inputs: &WorldInputs, origin: i32) -> Vec<Target> {
    TARGETS
        .into_iter()
        .filter(|&t| (0..inputs.states.len()).any(|s| inputs.obs(t, s, origin - 1).is_some()))
        .collect()
}
