//! The default hindcast of the `world` model, its counterfactual histories and the
//! ablation of its modules by pattern.
//!
//! Why: the rolling-origin evaluation ([`super::evaluate`]) says how well the model
//! forecasts; the hindcast shows the whole path from 2001 against what happened (fan charts),
//! the counterfactuals ask what the model says would have changed had history gone another
//! way, and the ablation says which modules each observed pattern needs. The hindcast uses
//! the latest stored calibration (origin 2020), so up to 2020 it is in sample: it is an
//! illustration, not a test; the test is the evaluation.
//!
//! Counterfactuals hold the statuses on a path (the ledger's, or the counterfactual's edit
//! of it) so that the comparison isolates the change; both arms use the same seeds and
//! parameter draws, and the report gives the paired difference with its 90 % interval.

use rayon::prelude::*;
use sco_sim::{derive_seed, rng_from_seed, Progress};
use serde::Serialize;

use super::cohesion::spread;
use super::inputs::{at, Role, Target, WorldInputs, LAST_YEAR, TARGETS, WIDTH};
use super::params::{Modules, Theta};
use super::sim::{initialise, observe, step, Knowledge, Overrides, Prepared, Setting, StatusMode};

/// The default jump-off year of the hindcast.
pub const START_YEAR: i32 = 2001;

/// A counterfactual history.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Counterfactual {
    /// Name for `--counterfactual`.
    pub name: &'static str,
    /// What changes.
    pub description: &'static str,
    /// The seed passage or assumption behind it.
    pub source: &'static str,
}

/// The counterfactuals.
pub const COUNTERFACTUALS: [Counterfactual; 5] = [
    Counterfactual { name: "no-india-pakistan-2017", description: "India and Pakistan stay observers: no accession in 2015, no membership in 2017", source: "seed 004 lines 15 and 119-129 (the expansion and its effect on the SCO's identity); seed 003 line 87" },
    Counterfactual { name: "iran-admitted-2008", description: "Iran's application of 2008 is accepted: member from 2008", source: "seed 002 lines 39-48 (Iran applied in 2008)" },
    Counterfactual { name: "us-bases-kept", description: "the US bases in Uzbekistan (closed 2005) and Kyrgyzstan (closed 2014) stay to 2025", source: "data/scenarios/norms/ties.toml (the bases and their closures); seed 000 line 110" },
    Counterfactual { name: "development-bank-2010", description: "an SCO Development Bank lends from 2010: the finance channel doubles for members", source: "seed 002 lines 470-473 and seed 004 line 91 (the bank proposed, never realised); the doubling is an assumption" },
    Counterfactual { name: "russia-no-sanctions", description: "no western sanctions on Russia in 2014 and 2022", source: "seed 004 lines 101-103; data/scenarios/world/sanctions.toml" },
];

/// Looks a counterfactual up by name.
pub fn counterfactual(name: &str) -> Option<Counterfactual> {
    COUNTERFACTUALS.iter().copied().find(|c| c.name == name)
}

/// The status path and overrides of a counterfactual (`None`: the baseline).
pub fn counterfactual_setting(
    inputs: &WorldInputs,
    cf: Option<&Counterfactual>,
) -> (StatusMode, Overrides) {
    let n = inputs.states.len();
    let mut path: Vec<f64> = (0..n * WIDTH)
        .map(|i| inputs.observed[Target::ScoStatus.slot()][i].unwrap_or(0.0))
        .collect();
    let mut overrides = Overrides::default();
    match cf.map(|c| c.name) {
        Some("no-india-pakistan-2017") => {
            for code in ["IND", "PAK"] {
                if let Some(s) = inputs.index(code) {
                    for year in 2015..=LAST_YEAR {
                        path[at(s, year)] = path[at(s, year)].min(2.0);
                    }
                }
            }
        }
        Some("iran-admitted-2008") => {
            if let Some(s) = inputs.index("IRN") {
                for year in 2008..=LAST_YEAR {
                    path[at(s, year)] = 4.0;
                }
            }
        }
        Some("us-bases-kept") => overrides.us_bases_kept = true,
        Some("development-bank-2010") => overrides.development_bank_from = Some(2010),
        Some("russia-no-sanctions") => overrides.no_russia_sanctions = true,
        _ => {}
    }
    (StatusMode::Fixed(path), overrides)
}

/// Settings of a hindcast.
#[derive(Debug, Clone)]
pub struct HindcastOptions {
    pub runs: u64,
    pub master_seed: u64,
    pub threads: Option<usize>,
    pub modules: Modules,
    pub start_year: i32,
}

impl Default for HindcastOptions {
    fn default() -> Self {
        HindcastOptions {
            runs: 200,
            master_seed: 2001,
            threads: None,
            modules: Modules::default(),
            start_year: START_YEAR,
        }
    }
}

/// Runs of a hindcast: per run, the years after the jump-off, target-major per year, plus
/// the members' spread of ideal points per year.
#[derive(Debug, Clone)]
pub struct Ensemble {
    pub start_year: i32,
    pub years: usize,
    pub states: usize,
    pub values: Vec<Vec<f64>>,
    pub member_spread: Vec<Vec<f64>>,
}

impl Ensemble {
    /// Value of run `r` for `target`, state `s`, `h` years after the start (h ≥ 1).
    pub fn get(&self, r: usize, target: Target, s: usize, h: usize) -> f64 {
        let per_year = TARGETS.len() * self.states;
        self.values[r][(h - 1) * per_year + target.slot() * self.states + s]
    }
}

/// Runs the hindcast (with status endogenous) or an arm of a counterfactual comparison.
pub fn run(
    inputs: &WorldInputs,
    thetas: &[Theta],
    options: &HindcastOptions,
    status: StatusMode,
    overrides: Overrides,
    progress: &dyn Progress,
) -> Result<Ensemble, String> {
    if thetas.is_empty() {
        return Err("no parameter vectors".into());
    }
    let start = options.start_year;
    let years = (LAST_YEAR - start).max(1) as usize;
    let prep = Prepared::new(inputs, start);
    progress.start(options.runs, 0);
    let work = || -> Vec<(Vec<f64>, Vec<f64>)> {
        (0..options.runs)
            .into_par_iter()
            .map(|r| {
                let setting = Setting {
                    theta: thetas[(r as usize) % thetas.len()],
                    modules: options.modules,
                    knowledge: Knowledge::All,
                    status: status.clone(),
                    overrides,
                };
                let mut rng = rng_from_seed(derive_seed(options.master_seed, r));
                let mut now = initialise(&prep, &setting, start, &mut rng);
                let mut values = Vec::new();
                let mut spreads = Vec::new();
                for _ in 0..years {
                    step(&prep, &setting, &mut now, &mut rng);
                    observe(&prep, &now, &mut values);
                    let members: Vec<usize> = (0..now.x.len())
                        .filter(|&s| now.level[s] >= 4.0 && !now.x[s].is_nan())
                        .collect();
                    spreads.push(spread(&now.x, &members));
                }
                progress.advance(1);
                (values, spreads)
            })
            .collect()
    };
    let results = match options.threads {
        Some(t) => rayon::ThreadPoolBuilder::new()
            .num_threads(t.max(1))
            .build()
            .map_err(|e| format!("cannot start {t} worker threads: {e}"))?
            .install(work),
        None => work(),
    };
    progress.finish();
    let (values, member_spread) = results.into_iter().unzip();
    Ok(Ensemble {
        start_year: start,
        years,
        states: inputs.states.len(),
        values,
        member_spread,
    })
}

/// A band over runs.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Band {
    pub target: String,
    pub iso3: String,
    pub name: String,
    pub years: Vec<i32>,
    pub observed: Vec<Option<f64>>,
    pub q05: Vec<f64>,
    pub q25: Vec<f64>,
    pub median: Vec<f64>,
    pub q75: Vec<f64>,
    pub q95: Vec<f64>,
}

/// Bands of one target for the given states (from the start year, observed there).
pub fn bands(
    inputs: &WorldInputs,
    ensemble: &Ensemble,
    target: Target,
    states: &[usize],
) -> Vec<Band> {
    let q = super::evaluate::quantile;
    states
        .iter()
        .map(|&s| {
            let years: Vec<i32> =
                (ensemble.start_year..=ensemble.start_year + ensemble.years as i32).collect();
            let mut band = Band {
                target: target.name().into(),
                iso3: inputs.states[s].iso3.clone(),
                name: inputs.states[s].name.clone(),
                observed: years.iter().map(|&y| inputs.obs(target, s, y)).collect(),
                years,
                q05: Vec::new(),
                q25: Vec::new(),
                median: Vec::new(),
                q75: Vec::new(),
                q95: Vec::new(),
            };
            let start = inputs
                .obs(target, s, ensemble.start_year)
                .unwrap_or(f64::NAN);
            for field in [
                &mut band.q05,
                &mut band.q25,
                &mut band.median,
                &mut band.q75,
                &mut band.q95,
            ] {
                field.push(start);
            }
            for h in 1..=ensemble.years {
                let mut v: Vec<f64> = (0..ensemble.values.len())
                    .map(|r| ensemble.get(r, target, s, h))
                    .filter(|x| !x.is_nan())
                    .collect();
                v.sort_by(f64::total_cmp);
                band.q05.push(q(&v, 0.05));
                band.q25.push(q(&v, 0.25));
                band.median.push(q(&v, 0.5));
                band.q75.push(q(&v, 0.75));
                band.q95.push(q(&v, 0.95));
            }
            band
        })
        .collect()
}

/// A paired difference between a counterfactual and the baseline.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Difference {
    /// What is compared.
    pub measure: String,
    /// Year.
    pub year: i32,
    /// Baseline median.
    pub baseline_median: f64,
    /// Median of the paired differences (counterfactual minus baseline).
    pub difference_median: f64,
    /// 5 % quantile of the differences.
    pub difference_q05: f64,
    /// 95 % quantile.
    pub difference_q95: f64,
}

/// A counterfactual's result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CounterfactualResult {
    pub counterfactual: Counterfactual,
    pub runs: u64,
    pub differences: Vec<Difference>,
}

fn group_mean(
    inputs: &WorldInputs,
    e: &Ensemble,
    r: usize,
    target: Target,
    h: usize,
    keep: &dyn Fn(usize) -> bool,
) -> f64 {
    let v: Vec<f64> = (0..e.states)
        .filter(|&s| keep(s))
        .map(|s| e.get(r, target, s, h))
        .filter(|x| !x.is_nan())
        .collect();
    let _ = inputs;
    if v.is_empty() {
        f64::NAN
    } else {
        v.iter().sum::<f64>() / v.len() as f64
    }
}

/// Runs a counterfactual against the baseline (statuses held on their paths) and compares
/// the measures the seeds care about in 2017, 2020 and 2025.
pub fn compare(
    inputs: &WorldInputs,
    thetas: &[Theta],
    options: &HindcastOptions,
    cf: &Counterfactual,
    progress: &dyn Progress,
) -> Result<CounterfactualResult, String> {
    let (base, alt) = arms(inputs, thetas, options, cf, progress)?;
    Ok(CounterfactualResult {
        counterfactual: *cf,
        runs: options.runs,
        differences: differences(inputs, &base, &alt),
    })
}

/// The two arms of a counterfactual comparison, same seeds and draws: the baseline with the
/// statuses held on the ledger's path, and the counterfactual.
pub fn arms(
    inputs: &WorldInputs,
    thetas: &[Theta],
    options: &HindcastOptions,
    cf: &Counterfactual,
    progress: &dyn Progress,
) -> Result<(Ensemble, Ensemble), String> {
    let (base_status, base_over) = counterfactual_setting(inputs, None);
    let (cf_status, cf_over) = counterfactual_setting(inputs, Some(cf));
    let base = run(inputs, thetas, options, base_status, base_over, progress)?;
    let alt = run(inputs, thetas, options, cf_status, cf_over, progress)?;
    Ok((base, alt))
}

/// The paired differences (counterfactual minus baseline) of the measures the seeds care about,
/// in 2010, 2017, 2020 and the last year, with their 90 % intervals.
pub fn differences(inputs: &WorldInputs, base: &Ensemble, alt: &Ensemble) -> Vec<Difference> {
    let ca = |s: usize| inputs.states[s].role == Role::CentralAsia;
    let code = |c: &'static str| move |s: usize| inputs.states[s].iso3 == c;
    type Measure<'a> = (String, Box<dyn Fn(&Ensemble, usize, usize) -> f64 + 'a>);
    let mut measures: Vec<Measure<'_>> = vec![(
        "spread of the members' UNGA ideal points (SD)".into(),
        Box::new(|e: &Ensemble, r: usize, h: usize| e.member_spread[r][h - 1]),
    )];
    for target in [
        Target::AgreeChn,
        Target::AgreeRus,
        Target::AgreeUsa,
        Target::TradeShareChn,
        Target::TradeShareWest,
    ] {
        measures.push((
            format!("{}, Central Asia mean", target.name()),
            Box::new(move |e: &Ensemble, r: usize, h: usize| {
                group_mean(inputs, e, r, target, h, &ca)
            }),
        ));
    }
    for (c, target) in [
        ("IND", Target::AgreeRus),
        ("IRN", Target::AgreeChn),
        ("RUS", Target::TradeShareWest),
        ("RUS", Target::TradeShareChn),
    ] {
        let keep = code(c);
        measures.push((
            format!("{}, {c}", target.name()),
            Box::new(move |e: &Ensemble, r: usize, h: usize| {
                group_mean(inputs, e, r, target, h, &keep)
            }),
        ));
    }
    let q = super::evaluate::quantile;
    let mut differences = Vec::new();
    for (name, f) in &measures {
        for year in [2010, 2017, 2020, LAST_YEAR] {
            let h = (year - base.start_year) as usize;
            if h == 0 || h > base.years {
                continue;
            }
            let mut d: Vec<f64> = (0..base.values.len())
                .map(|r| f(alt, r, h) - f(base, r, h))
                .filter(|x| !x.is_nan())
                .collect();
            let mut b: Vec<f64> = (0..base.values.len())
                .map(|r| f(base, r, h))
                .filter(|x| !x.is_nan())
                .collect();
            if d.is_empty() {
                continue;
            }
            d.sort_by(f64::total_cmp);
            b.sort_by(f64::total_cmp);
            differences.push(Difference {
                measure: name.clone(),
                year,
                baseline_median: q(&b, 0.5),
                difference_median: q(&d, 0.5),
                difference_q05: q(&d, 0.05),
                difference_q95: q(&d, 0.95),
            });
        }
    }
    differences
}
