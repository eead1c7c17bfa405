//! The core of the `world` model: a state of the world, one year's step through the
//! modules, and a simulation from a jump-off year.
//!
//! Why a plain core beside the engine's `Model` trait: the calibration runs hundreds of
//! thousands of simulations, so the step works on flat vectors without the engine's tables;
//! the registry's model ([`super::model`]) drives this same step, so `sco simulate` and the
//! calibration run one model.
//!
//! What the model knows is set by [`Knowledge`]: a forecast from an origin knows the data
//! up to the origin and nothing after (events after it are drawn at the pre-origin rate,
//! ties and sanctions in force stay in force, no new ones come); a hindcast knows the
//! sourced events, ties and sanctions of every year.

use rand::Rng;
use sco_sim::SimRng;

use super::inputs::{at, Role, SanctionKind, Target, WorldInputs, FIRST_YEAR, LAST_YEAR, TARGETS};
use super::params::{Modules, Theta, P};
use super::{alignment, cohesion, division_of_labour, expansion, finance, layering};
use super::{multi_vector, regime_security};

/// How statuses evolve.
#[derive(Debug, Clone, PartialEq)]
pub enum StatusMode {
    /// The expansion module decides (the forecast and the default hindcast).
    Endogenous,
    /// Statuses follow a given path (the ledger's, or a counterfactual's), state-major.
    Fixed(Vec<f64>),
}

/// Changes to the world a counterfactual makes (all off in the baseline).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Overrides {
    /// US bases stay where they were in 2005 (Uzbekistan, Kyrgyzstan).
    pub us_bases_kept: bool,
    /// An SCO Development Bank lends from 2010 (doubles the finance channel for members).
    pub development_bank_from: Option<i32>,
    /// No western sanctions on Russia.
    pub no_russia_sanctions: bool,
}

/// What the model may know of the drivers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Knowledge {
    /// Forecast: data up to and including this year.
    Through(i32),
    /// Hindcast: every year's sourced drivers.
    All,
}

impl Knowledge {
    /// The last year whose drivers are known.
    pub fn last(self) -> i32 {
        match self {
            Knowledge::Through(y) => y,
            Knowledge::All => LAST_YEAR,
        }
    }
}

/// Constants estimated once from the data up to an estimation year.
#[derive(Debug, Clone)]
pub struct Prepared<'a> {
    /// The tables.
    pub inputs: &'a WorldInputs,
    /// The last year of data used for the estimates.
    pub estimated_through: i32,
    /// Agreement links (intercept, slope on distance, residual persistence), per pole.
    pub links: [alignment::Link; 3],
    /// SD of yearly ideal-point changes per state.
    pub noise_sd: Vec<f64>,
    /// Yearly drift of the log-odds of the trade shares (China, Russia, West).
    pub trade_drift: [f64; 3],
    /// Status dynamics estimated from the ledger.
    pub status: expansion::BaseRates,
    /// Post-Soviet overthrows per year.
    pub overthrow_rate: f64,
}

impl<'a> Prepared<'a> {
    /// Estimates the constants from the data up to and including `year`.
    pub fn new(inputs: &'a WorldInputs, year: i32) -> Prepared<'a> {
        let links = alignment::fit_links(inputs, year);
        let noise_sd = alignment::noise_sds(inputs, year);
        let trade_drift = finance::drifts(inputs, year);
        let status = expansion::BaseRates::estimate(inputs, year, &links);
        let overthrow_rate = regime_security::overthrow_rate(inputs, year);
        Prepared {
            inputs,
            estimated_through: year,
            links,
            noise_sd,
            trade_drift,
            status,
            overthrow_rate,
        }
    }
}

/// The state of the world in one year.
#[derive(Debug, Clone)]
pub struct WorldNow {
    /// Year.
    pub year: i32,
    /// Ideal points (`NaN` for a state without UNGA data at the jump-off).
    pub x: Vec<f64>,
    /// Log-odds of the trade shares with China, Russia and the West (`NaN`: no data).
    pub z: Vec<[f64; 3]>,
    /// Status levels.
    pub level: Vec<f64>,
    /// Regime insecurity.
    pub insecurity: Vec<f64>,
    /// Agreement residuals at the jump-off (observed minus link), per pole.
    pub resid: Vec<[f64; 3]>,
    /// Ten-year mean ideal point before the jump-off (the multi-vector anchor).
    pub anchor: Vec<f64>,
    /// Jump-off year.
    pub jump_off: i32,
}

/// One simulation's settings.
#[derive(Debug, Clone)]
pub struct Setting {
    /// Parameters.
    pub theta: Theta,
    /// Modules on.
    pub modules: Modules,
    /// What the model knows of the drivers.
    pub knowledge: Knowledge,
    /// Status dynamics.
    pub status: StatusMode,
    /// Counterfactual changes.
    pub overrides: Overrides,
}

/// A standard normal draw (Box-Muller), as in the `norms` model.
pub fn normal(rng: &mut SimRng) -> f64 {
    let u1: f64 = 1.0 - rng.random::<f64>();
    let u2: f64 = rng.random::<f64>();
    (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
}

/// The logistic function.
pub fn logistic(z: f64) -> f64 {
    1.0 / (1.0 + (-z).exp())
}

/// The log-odds of a share, kept off 0 and 1.
pub fn logit(p: f64) -> f64 {
    let p = p.clamp(1e-4, 1.0 - 1e-4);
    (p / (1.0 - p)).ln()
}

/// The latest observed value at or before `year`, at most `back` years earlier.
pub fn latest(
    inputs: &WorldInputs,
    target: Target,
    s: usize,
    year: i32,
    back: i32,
) -> Option<(i32, f64)> {
    (0..=back).find_map(|d| inputs.obs(target, s, year - d).map(|v| (year - d, v)))
}

/// Initialises the world from the observations of `jump_off`; the trade shares, where the
/// trade data end before it, are simulated from their last observed year up to it.
pub fn initialise(
    prep: &Prepared<'_>,
    setting: &Setting,
    jump_off: i32,
    rng: &mut SimRng,
) -> WorldNow {
    let inputs = prep.inputs;
    let n = inputs.states.len();
    let mut now = WorldNow {
        year: jump_off,
        x: vec![f64::NAN; n],
        z: vec![[f64::NAN; 3]; n],
        level: vec![0.0; n],
        insecurity: vec![0.0; n],
        resid: vec![[0.0; 3]; n],
        anchor: vec![f64::NAN; n],
        jump_off,
    };
    for s in 0..n {
        if let Some((_, x)) = latest(inputs, Target::IdealPoint, s, jump_off, 3) {
            now.x[s] = x;
            let past: Vec<f64> = ((jump_off - 9)..=jump_off)
                .filter_map(|y| inputs.obs(Target::IdealPoint, s, y))
                .collect();
            now.anchor[s] = past.iter().sum::<f64>() / past.len().max(1) as f64;
        }
        now.level[s] = inputs.obs(Target::ScoStatus, s, jump_off).unwrap_or(0.0);
    }
    for s in 0..n {
        for (k, target) in [Target::AgreeChn, Target::AgreeRus, Target::AgreeUsa]
            .into_iter()
            .enumerate()
        {
            if let (Some((_, a)), false) =
                (latest(inputs, target, s, jump_off, 3), now.x[s].is_nan())
            {
                let pole = alignment::POLES[k];
                if !now.x[pole].is_nan() {
                    now.resid[s][k] = a - prep.links[k].predict(now.x[s], now.x[pole]);
                }
            }
        }
    }
    now.insecurity = regime_security::initial(inputs, jump_off, setting.modules.regime_security);
    // Trade: from the last observed year at or before the jump-off, simulated up to it.
    let trade_year = jump_off.min(inputs.trade_last_year);
    for s in 0..n {
        for (k, target) in [
            Target::TradeShareChn,
            Target::TradeShareRus,
            Target::TradeShareWest,
        ]
        .into_iter()
        .enumerate()
        {
            if let Some((_, v)) = latest(inputs, target, s, trade_year, 3) {
                now.z[s][k] = logit(v);
            }
        }
    }
    let p = P(&setting.theta);
    for year in (trade_year + 1)..=jump_off {
        let levels: Vec<f64> = (0..n)
            .map(|s| inputs.obs(Target::ScoStatus, s, year).unwrap_or(0.0))
            .collect();
        finance::step(prep, setting, &p, &mut now.z, &levels, year, rng);
    }
    now
}

/// Advances the world by one year.
pub fn step(prep: &Prepared<'_>, setting: &Setting, now: &mut WorldNow, rng: &mut SimRng) {
    let inputs = prep.inputs;
    let p = P(&setting.theta);
    let year = now.year + 1;
    let known = setting.knowledge.last();
    let driver_year = year.min(known).clamp(FIRST_YEAR, LAST_YEAR);
    let modules = setting.modules;

    regime_security::update_insecurity(
        inputs,
        prep.overthrow_rate,
        setting,
        &mut now.insecurity,
        year,
        rng,
    );
    finance::step(prep, setting, &p, &mut now.z, &now.level, year, rng);

    // Alignment: every state's engagement with each pole, then the pull toward the poles.
    let n = inputs.states.len();
    let common = p.common_sd() * normal(rng);
    let old_x = now.x.clone();
    let members: Vec<usize> = (0..n)
        .filter(|&s| now.level[s] >= 4.0 && !old_x[s].is_nan())
        .collect();
    for s in 0..n {
        if old_x[s].is_nan() {
            continue;
        }
        let shock = common + p.noise_scale() * prep.noise_sd[s] * normal(rng);
        let mut dx = 0.0;
        if inputs.states[s].role != Role::Pole {
            let share = |k: usize| {
                let z = now.z[s][k];
                if z.is_nan() {
                    0.0
                } else {
                    logistic(z)
                }
            };
            let shares = [share(0), share(1), share(2)];
            let mut engagement = alignment::engagement(&p, modules, now.level[s], shares);
            finance::backlash(&p, modules, shares[0], &mut engagement);
            let us_base = inputs.us_base[at(s, driver_year)]
                || (setting.overrides.us_bases_kept && inputs.us_base[at(s, 2005)] && year > 2005);
            division_of_labour::security(
                &p,
                modules,
                inputs.csto[at(s, driver_year)],
                us_base,
                &mut engagement,
            );
            layering::engagement(
                &p,
                modules,
                inputs.layering_at(s, driver_year),
                &mut engagement,
            );
            regime_security::engagement(&p, modules, now.insecurity[s], &mut engagement);
            let sanctioned = regime_security::western_sanctions(inputs, setting, s, year);
            regime_security::pivot(&p, modules, sanctioned, &mut engagement);
            if modules.alignment {
                dx += alignment::pull(&p, &engagement, old_x[s], [old_x[0], old_x[1], old_x[2]]);
            }
            if inputs.states[s].role == Role::CentralAsia {
                dx += multi_vector::reversion(&p, modules, old_x[s], now.anchor[s]);
            }
            if now.level[s] >= 4.0 {
                dx += cohesion::socialisation(&p, modules, s, &old_x, &members);
            }
        } else if inputs.states[s].iso3 == "RUS" {
            // Russia's own pivot to the East under sanctions (seed 004 lines 101-103).
            let sanctioned = regime_security::western_sanctions(inputs, setting, s, year);
            let mut engagement = [0.0; 3];
            regime_security::pivot(&p, modules, sanctioned, &mut engagement);
            if modules.alignment {
                dx += alignment::pull(&p, &engagement, old_x[s], [old_x[0], old_x[1], old_x[2]]);
            }
        }
        now.x[s] = old_x[s] + dx + shock;
    }

    // Status.
    match &setting.status {
        StatusMode::Fixed(path) => {
            if (FIRST_YEAR..=LAST_YEAR).contains(&year) {
                for s in 0..n {
                    now.level[s] = path[at(s, year)];
                }
            }
        }
        StatusMode::Endogenous => {
            if modules.expansion {
                expansion::step(prep, setting, &p, now, year, rng);
            }
        }
    }
    now.year = year;
}

/// The values of every target for every state in the current year, target-major
/// (`NaN` where the model has no value).
pub fn observe(prep: &Prepared<'_>, now: &WorldNow, out: &mut Vec<f64>) {
    let n = now.x.len();
    let h = now.year - now.jump_off;
    for target in TARGETS {
        for s in 0..n {
            let value = match target {
                Target::IdealPoint => now.x[s],
                Target::AgreeChn | Target::AgreeRus | Target::AgreeUsa => {
                    let k = target.slot() - Target::AgreeChn.slot();
                    let pole = alignment::POLES[k];
                    if s == pole || now.x[s].is_nan() || now.x[pole].is_nan() {
                        f64::NAN
                    } else {
                        let link = &prep.links[k];
                        (link.predict(now.x[s], now.x[pole])
                            + now.resid[s][k] * link.persistence.powi(h))
                        .clamp(0.0, 1.0)
                    }
                }
                Target::TradeShareChn | Target::TradeShareRus | Target::TradeShareWest => {
                    let z = now.z[s][target.slot() - Target::TradeShareChn.slot()];
                    if z.is_nan() {
                        f64::NAN
                    } else {
                        logistic(z)
                    }
                }
                Target::ScoStatus => now.level[s],
            };
            out.push(value);
        }
    }
}

/// A simulated path: for each year after the jump-off, every target of every state
/// (target-major), flattened year by year.
#[derive(Debug, Clone)]
pub struct Path {
    /// Jump-off year.
    pub jump_off: i32,
    /// Years simulated after it.
    pub years: usize,
    /// Number of states.
    pub states: usize,
    /// Values.
    pub values: Vec<f64>,
}

impl Path {
    /// The value of `target` for state `s`, `h` years after the jump-off (`h` ≥ 1).
    pub fn get(&self, target: Target, s: usize, h: usize) -> f64 {
        let per_year = TARGETS.len() * self.states;
        self.values[(h - 1) * per_year + target.slot() * self.states + s]
    }
}

/// Simulates `years` years from `jump_off`.
pub fn simulate(
    prep: &Prepared<'_>,
    setting: &Setting,
    jump_off: i32,
    years: usize,
    rng: &mut SimRng,
) -> Path {
    let mut now = initialise(prep, setting, jump_off, rng);
    let n = now.x.len();
    let mut values = Vec::with_capacity(years * n * TARGETS.len());
    for _ in 0..years {
        step(prep, setting, &mut now, rng);
        observe(prep, &now, &mut values);
    }
    Path {
        jump_off,
        years,
        states: n,
        values,
    }
}

/// Whether state `s` is under a sanction of `kind` in `year`, as far as the setting knows:
/// a forecast knows the sanctions that started by its origin, and an end only if it came
/// by then (a sanction in force at the origin stays in force).
pub fn sanction_known(
    inputs: &WorldInputs,
    setting: &Setting,
    s: usize,
    kind: SanctionKind,
    year: i32,
) -> bool {
    use chrono::Datelike;
    let known = setting.knowledge.last();
    let day = super::super::norms::inputs::mid_year(year.min(LAST_YEAR + 10));
    inputs.sanctions.iter().any(|x| {
        let ended = x.until.filter(|u| u.year() <= known);
        x.kind == kind
            && x.target == inputs.states[s].iso3
            && x.from.year() <= known
            && x.from <= day
            && ended.is_none_or(|u| day < u)
            && !(setting.overrides.no_russia_sanctions
                && x.target == "RUS"
                && kind == SanctionKind::Western)
    })
}
