//! The hindcast of the `norms` scenario: many seeded runs from the start year to the last
//! V-Dem year, summarised as Monte Carlo bands and scored against the observed paths and
//! against naive baselines that know only the data up to the start year.
//!
//! Why these baselines: a model of slow socialisation must at least beat "nothing changes"
//! (persistence of the start-year value) to be worth its assumptions, and should beat the
//! extrapolated trend of the ten pre-sample years. The scores use the Monte Carlo median
//! as the point forecast; the bands are judged by how often they hold the observed value.
//!
//! Every run goes through the engine ([`sco_sim::Run`]) with the run's seed from
//! [`sco_sim::derive_seeds`]; runs execute in parallel, but results are put in seed order,
//! so the summaries are identical for any number of threads.

use rayon::prelude::*;
use sco_sim::{derive_seeds, ColumnData, Progress, Registry, Run, Scenario, Table, Value};
use serde::Serialize;

use crate::error::ScenarioDataError;
use crate::norms::inputs::{Agent, AgentGroup, NormsInputs, VdemIndex};
use crate::norms::model::NormsParams;

/// How many runs, from which master seed, on how many threads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HindcastOptions {
    /// Monte Carlo runs.
    pub runs: u64,
    /// Master seed of the run seeds.
    pub master_seed: u64,
    /// Worker threads (`None`: all cores).
    pub threads: Option<usize>,
}

impl Default for HindcastOptions {
    fn default() -> Self {
        HindcastOptions {
            runs: 200,
            master_seed: 2001,
            threads: None,
        }
    }
}

/// The runs of one scenario: simulated paths and, if kept, the engine's tables.
#[derive(Debug, Clone)]
pub struct Ensemble {
    /// Seeds in run order.
    pub seeds: Vec<u64>,
    /// Years from the start year to the end year.
    pub years: Vec<i32>,
    /// Agents in model order.
    pub agents: Vec<Agent>,
    /// Positions of each run, agent-major then year.
    pub paths: Vec<Vec<f64>>,
    /// Model-step rows of all runs, in seed order (when kept).
    pub model_steps: Option<Table>,
    /// Agent-step rows of all runs, in seed order (when kept).
    pub agent_steps: Option<Table>,
}

impl Ensemble {
    /// Position of run `run`, agent `agent`, year offset `t`.
    pub fn at(&self, run: usize, agent: usize, t: usize) -> f64 {
        self.paths[run][agent * self.years.len() + t]
    }
}

/// One run's path (agent-major, then year) and its model-step and agent-step tables.
type RunOutput = (Vec<f64>, Table, Table);

/// Runs a scenario under many seeds through the engine and collects the paths.
pub fn run_ensemble(
    registry: &Registry,
    scenario: &Scenario,
    inputs: &NormsInputs,
    options: HindcastOptions,
    keep_tables: bool,
    progress: &dyn Progress,
) -> Result<Ensemble, ScenarioDataError> {
    let params = NormsParams::from_set(&scenario.params).map_err(sco_sim::SimError::from)?;
    let mut scenario = scenario.clone();
    scenario.collect.agents_every = 1;
    scenario.collect.model_every = 1;
    scenario.max_steps = scenario
        .max_steps
        .max((params.end_year - params.start_year) as u64);
    let years: Vec<i32> = (params.start_year..=params.end_year).collect();
    let seeds = derive_seeds(options.master_seed, options.runs.max(1));
    let agent_count = inputs.agents.len();
    let width = years.len();

    let run_one = |seed: u64| -> Result<RunOutput, ScenarioDataError> {
        let run = Run::start(registry, &scenario, seed)?;
        let mut model_table = Table::new(run.model_step_columns());
        let agent_columns = run.agent_step_columns().ok_or_else(|| {
            ScenarioDataError::Missing("the norms model reported no agent columns".into())
        })?;
        let mut agent_table = Table::new(agent_columns);
        run.execute(Some(&mut model_table), Some(&mut agent_table))?;
        let mut path = vec![f64::NAN; agent_count * width];
        let (step_col, id_col, position_col) = (1, 2, 5);
        if let (ColumnData::Int(steps), ColumnData::Int(ids), ColumnData::Float(positions)) = (
            agent_table.column(step_col),
            agent_table.column(id_col),
            agent_table.column(position_col),
        ) {
            for ((&step, &id), &position) in steps.iter().zip(ids).zip(positions) {
                let (step, id) = (step as usize, id as usize);
                if step < width && id < agent_count {
                    path[id * width + step] = position;
                }
            }
        }
        progress.advance(1);
        Ok((path, model_table, agent_table))
    };

    progress.start(seeds.len() as u64, 0);
    let results: Vec<Result<RunOutput, ScenarioDataError>> = match options.threads {
        Some(threads) => rayon::ThreadPoolBuilder::new()
            .num_threads(threads.max(1))
            .build()
            .map_err(|e| {
                ScenarioDataError::Missing(format!("cannot start {threads} worker threads: {e}"))
            })?
            .install(|| seeds.par_iter().map(|&s| run_one(s)).collect()),
        None => seeds.par_iter().map(|&s| run_one(s)).collect(),
    };
    progress.finish();

    let mut paths = Vec::with_capacity(results.len());
    let mut model_steps: Option<Table> = None;
    let mut agent_steps: Option<Table> = None;
    for result in results {
        let (path, model_table, agent_table) = result?;
        paths.push(path);
        if keep_tables {
            match model_steps.as_mut() {
                Some(all) => all.append(&model_table)?,
                None => model_steps = Some(model_table),
            }
            match agent_steps.as_mut() {
                Some(all) => all.append(&agent_table)?,
                None => agent_steps = Some(agent_table),
            }
        }
    }
    Ok(Ensemble {
        seeds,
        years,
        agents: inputs.agents.clone(),
        paths,
        model_steps,
        agent_steps,
    })
}

/// One state's Monte Carlo band, observed path and baselines, year by year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StateBand {
    /// ISO3 code.
    pub iso3: String,
    /// Name.
    pub name: String,
    /// Role.
    pub group: AgentGroup,
    /// Years, start to end.
    pub years: Vec<i32>,
    /// Observed V-Dem values (`None` when missing).
    pub observed: Vec<Option<f64>>,
    /// Monte Carlo quantiles 5, 25, 50, 75, 95 %.
    pub q05: Vec<f64>,
    pub q25: Vec<f64>,
    pub median: Vec<f64>,
    pub q75: Vec<f64>,
    pub q95: Vec<f64>,
    /// Monte Carlo mean.
    pub mean: Vec<f64>,
    /// Persistence baseline: the start-year value.
    pub persistence: Vec<f64>,
    /// Trend baseline: least-squares line over the ten pre-sample years, clamped to [0, 1].
    pub trend: Vec<f64>,
}

/// Errors of the model and the baselines over a set of state-years.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ErrorRow {
    /// A state's code or a group name.
    pub label: String,
    /// State-years scored.
    pub n: usize,
    /// Root mean square error of the Monte Carlo median.
    pub model_rmse: f64,
    /// Mean absolute error of the median.
    pub model_mae: f64,
    /// RMSE of persistence.
    pub persistence_rmse: f64,
    /// MAE of persistence.
    pub persistence_mae: f64,
    /// RMSE of the pre-sample trend.
    pub trend_rmse: f64,
    /// MAE of the trend.
    pub trend_mae: f64,
    /// Share of observed values inside the 90 % band.
    pub coverage90: f64,
    /// Share inside the 50 % band.
    pub coverage50: f64,
    /// Mean width of the 90 % band.
    pub width90: f64,
    /// Skill against persistence: 1 - model RMSE / persistence RMSE (> 0: the model is better).
    pub skill_vs_persistence: f64,
}

/// Change from the start year to the end year: observed against simulated.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChangeRow {
    pub iso3: String,
    pub observed_change: Option<f64>,
    pub median_change: f64,
    pub q05_change: f64,
    pub q95_change: f64,
}

/// A scored hindcast.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hindcast {
    /// V-Dem index used.
    pub index: VdemIndex,
    /// First and last simulated year.
    pub start_year: i32,
    pub end_year: i32,
    /// Runs and master seed.
    pub runs: usize,
    pub master_seed: u64,
    /// Bands per state.
    pub bands: Vec<StateBand>,
    /// Errors per state, then per group (Central Asia, other states, all).
    pub errors: Vec<ErrorRow>,
    /// Changes start to end per state.
    pub changes: Vec<ChangeRow>,
}

impl Hindcast {
    /// The error row of a state or group label.
    pub fn error(&self, label: &str) -> Option<&ErrorRow> {
        self.errors.iter().find(|e| e.label == label)
    }
}

/// Group labels of the error table.
pub const CENTRAL_ASIA: &str = "Central Asia (5)";
/// The other states.
pub const OTHERS: &str = "Other members and observers (7)";
/// All states.
pub const ALL: &str = "All 12 states";

/// Quantile by linear interpolation between order statistics (type 7) of sorted values.
pub fn quantile(sorted: &[f64], q: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let h = (sorted.len() - 1) as f64 * q.clamp(0.0, 1.0);
    let lo = h.floor() as usize;
    let hi = h.ceil() as usize;
    sorted[lo] + (h - lo as f64) * (sorted[hi] - sorted[lo])
}

/// Least-squares line through `(year, value)` points, evaluated at `year`.
fn trend_at(points: &[(f64, f64)], year: f64) -> Option<f64> {
    if points.len() < 2 {
        return None;
    }
    let n = points.len() as f64;
    let mx = points.iter().map(|p| p.0).sum::<f64>() / n;
    let my = points.iter().map(|p| p.1).sum::<f64>() / n;
    let sxx: f64 = points.iter().map(|p| (p.0 - mx).powi(2)).sum();
    let sxy: f64 = points.iter().map(|p| (p.0 - mx) * (p.1 - my)).sum();
    let slope = if sxx > 0.0 { sxy / sxx } else { 0.0 };
    Some(my + slope * (year - mx))
}

/// Summarises an ensemble against the observed paths.
pub fn score(
    ensemble: &Ensemble,
    inputs: &NormsInputs,
    index: VdemIndex,
    master_seed: u64,
) -> Hindcast {
    let years = &ensemble.years;
    let start = years[0];
    let runs = ensemble.paths.len();
    let mut bands = Vec::with_capacity(ensemble.agents.len());
    for (a, agent) in ensemble.agents.iter().enumerate() {
        let mut band = StateBand {
            iso3: agent.iso3.clone(),
            name: agent.name.clone(),
            group: agent.group,
            years: years.clone(),
            observed: years
                .iter()
                .map(|&y| inputs.observed(index, a, y))
                .collect(),
            q05: Vec::new(),
            q25: Vec::new(),
            median: Vec::new(),
            q75: Vec::new(),
            q95: Vec::new(),
            mean: Vec::new(),
            persistence: Vec::new(),
            trend: Vec::new(),
        };
        let start_value = inputs.observed(index, a, start).unwrap_or(f64::NAN);
        let presample: Vec<(f64, f64)> = ((start - 9)..=start)
            .filter_map(|y| inputs.observed(index, a, y).map(|v| (f64::from(y), v)))
            .collect();
        for (t, &year) in years.iter().enumerate() {
            let mut values: Vec<f64> = (0..runs).map(|r| ensemble.at(r, a, t)).collect();
            values.sort_by(f64::total_cmp);
            band.q05.push(quantile(&values, 0.05));
            band.q25.push(quantile(&values, 0.25));
            band.median.push(quantile(&values, 0.5));
            band.q75.push(quantile(&values, 0.75));
            band.q95.push(quantile(&values, 0.95));
            band.mean
                .push(values.iter().sum::<f64>() / values.len().max(1) as f64);
            band.persistence.push(start_value);
            band.trend.push(
                trend_at(&presample, f64::from(year))
                    .unwrap_or(start_value)
                    .clamp(0.0, 1.0),
            );
        }
        bands.push(band);
    }

    let mut errors: Vec<ErrorRow> = bands.iter().map(|b| error_row(&b.iso3, &[b])).collect();
    let ca: Vec<&StateBand> = bands
        .iter()
        .filter(|b| b.group == AgentGroup::CentralAsia)
        .collect();
    let others: Vec<&StateBand> = bands
        .iter()
        .filter(|b| b.group != AgentGroup::CentralAsia)
        .collect();
    let all: Vec<&StateBand> = bands.iter().collect();
    errors.push(error_row(CENTRAL_ASIA, &ca));
    errors.push(error_row(OTHERS, &others));
    errors.push(error_row(ALL, &all));

    let last = years.len() - 1;
    let changes = bands
        .iter()
        .enumerate()
        .map(|(a, b)| {
            let start_value = b.observed[0].unwrap_or(f64::NAN);
            let mut change: Vec<f64> = (0..runs)
                .map(|r| ensemble.at(r, a, last) - start_value)
                .collect();
            change.sort_by(f64::total_cmp);
            ChangeRow {
                iso3: b.iso3.clone(),
                observed_change: b.observed[last].map(|v| v - start_value),
                median_change: quantile(&change, 0.5),
                q05_change: quantile(&change, 0.05),
                q95_change: quantile(&change, 0.95),
            }
        })
        .collect();
    Hindcast {
        index,
        start_year: start,
        end_year: *years.last().unwrap_or(&start),
        runs,
        master_seed,
        bands,
        errors,
        changes,
    }
}

/// Errors over the simulated years (the start year itself is excluded: there every
/// forecast equals the observation).
fn error_row(label: &str, bands: &[&StateBand]) -> ErrorRow {
    let mut n = 0usize;
    let (mut m2, mut m1, mut p2, mut p1, mut t2, mut t1) = (0.0, 0.0, 0.0, 0.0, 0.0, 0.0);
    let (mut in90, mut in50, mut width) = (0usize, 0usize, 0.0);
    for band in bands {
        for t in 1..band.years.len() {
            let Some(observed) = band.observed[t] else {
                continue;
            };
            n += 1;
            let em = band.median[t] - observed;
            let ep = band.persistence[t] - observed;
            let et = band.trend[t] - observed;
            m2 += em * em;
            m1 += em.abs();
            p2 += ep * ep;
            p1 += ep.abs();
            t2 += et * et;
            t1 += et.abs();
            // A small tolerance so that a band collapsed on the observed value counts.
            let eps = 1e-12;
            in90 += usize::from(band.q05[t] - eps <= observed && observed <= band.q95[t] + eps);
            in50 += usize::from(band.q25[t] - eps <= observed && observed <= band.q75[t] + eps);
            width += band.q95[t] - band.q05[t];
        }
    }
    let k = n.max(1) as f64;
    let model_rmse = (m2 / k).sqrt();
    let persistence_rmse = (p2 / k).sqrt();
    ErrorRow {
        label: label.to_owned(),
        n,
        model_rmse,
        model_mae: m1 / k,
        persistence_rmse,
        persistence_mae: p1 / k,
        trend_rmse: (t2 / k).sqrt(),
        trend_mae: t1 / k,
        coverage90: in90 as f64 / k,
        coverage50: in50 as f64 / k,
        width90: width / k,
        skill_vs_persistence: if persistence_rmse > 0.0 {
            1.0 - model_rmse / persistence_rmse
        } else {
            f64::NAN
        },
    }
}

/// Runs and scores a scenario.
pub fn hindcast(
    registry: &Registry,
    scenario: &Scenario,
    inputs: &NormsInputs,
    options: HindcastOptions,
    progress: &dyn Progress,
) -> Result<(Hindcast, Ensemble), ScenarioDataError> {
    let params = NormsParams::from_set(&scenario.params).map_err(sco_sim::SimError::from)?;
    let ensemble = run_ensemble(registry, scenario, inputs, options, false, progress)?;
    Ok((
        score(&ensemble, inputs, params.index, options.master_seed),
        ensemble,
    ))
}

/// The result of switching one mechanism off.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AblationRow {
    /// What was switched off (`none` for the full model).
    pub switched_off: String,
    /// RMSE of the median, Central Asia.
    pub rmse_central_asia: f64,
    /// RMSE of the median, all states.
    pub rmse_all: f64,
    /// 90 % coverage, all states.
    pub coverage90_all: f64,
}

/// The mechanism switches of the model.
pub const SWITCHES: [&str; 5] = [
    "sco_socialisation",
    "western_socialisation",
    "insecurity",
    "trade_engagement",
    "security_ties",
];

fn set_param(
    registry: &Registry,
    scenario: &mut Scenario,
    name: &str,
    value: Value,
) -> Result<(), ScenarioDataError> {
    let entry = registry.lookup(&scenario.model)?;
    scenario
        .params
        .set(&entry.params, name, value)
        .map_err(sco_sim::SimError::from)?;
    Ok(())
}

/// The full model and the model with each mechanism switched off in turn, same seeds.
pub fn ablations(
    registry: &Registry,
    scenario: &Scenario,
    inputs: &NormsInputs,
    options: HindcastOptions,
) -> Result<Vec<AblationRow>, ScenarioDataError> {
    let mut rows = Vec::new();
    for switch in std::iter::once("none").chain(SWITCHES) {
        let mut variant = scenario.clone();
        if switch != "none" {
            set_param(registry, &mut variant, switch, Value::Bool(false))?;
        }
        let (scored, _) = hindcast(registry, &variant, inputs, options, &sco_sim::NoProgress)?;
        let ca = scored.error(CENTRAL_ASIA).cloned();
        let all = scored.error(ALL).cloned();
        rows.push(AblationRow {
            switched_off: switch.to_owned(),
            rmse_central_asia: ca.map(|e| e.model_rmse).unwrap_or(f64::NAN),
            rmse_all: all.as_ref().map(|e| e.model_rmse).unwrap_or(f64::NAN),
            coverage90_all: all.map(|e| e.coverage90).unwrap_or(f64::NAN),
        });
    }
    Ok(rows)
}

/// One point of the calibration grid.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CalibrationPoint {
    pub socialisation_rate: f64,
    pub similarity_width: f64,
    pub insecurity_gain: f64,
    /// RMSE of the median over the training years, all states.
    pub train_rmse: f64,
}

/// Calibration on the years up to `split_year` and a forecast test after it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OutOfSample {
    /// Last training year; the test forecasts start from the observed values of this year.
    pub split_year: i32,
    /// Every grid point with its training error.
    pub grid: Vec<CalibrationPoint>,
    /// The best point.
    pub best: CalibrationPoint,
    /// The a priori model, started at the split year: errors over the test years.
    pub a_priori: Vec<ErrorRow>,
    /// The calibrated model, started at the split year: errors over the test years.
    pub calibrated: Vec<ErrorRow>,
}

/// The calibration grid (values around the a priori ones, an order of magnitude wide).
pub const GRID_RATE: [f64; 5] = [0.02, 0.05, 0.1, 0.2, 0.4];
/// Similarity widths of the grid.
pub const GRID_WIDTH: [f64; 4] = [0.1, 0.25, 0.5, 1.0];
/// Insecurity gains of the grid.
pub const GRID_GAIN: [f64; 3] = [0.0, 2.0, 5.0];

/// Fits rate, similarity width and insecurity gain on the years from the start year to
/// `split_year` (grid search on the RMSE of the median, all states), then forecasts the
/// years after `split_year` from the observed values of `split_year`, with the a priori and
/// the calibrated parameters, scored against persistence of the `split_year` value.
pub fn out_of_sample(
    registry: &Registry,
    scenario: &Scenario,
    inputs: &NormsInputs,
    options: HindcastOptions,
    split_year: i32,
) -> Result<OutOfSample, ScenarioDataError> {
    let mut training = scenario.clone();
    set_param(
        registry,
        &mut training,
        "end_year",
        Value::Int(i64::from(split_year)),
    )?;
    let params = NormsParams::from_set(&training.params).map_err(sco_sim::SimError::from)?;
    let mut grid = Vec::new();
    for &rate in &GRID_RATE {
        for &width in &GRID_WIDTH {
            for &gain in &GRID_GAIN {
                let mut point = training.clone();
                set_param(
                    registry,
                    &mut point,
                    "socialisation_rate",
                    Value::Float(rate),
                )?;
                set_param(
                    registry,
                    &mut point,
                    "similarity_width",
                    Value::Float(width),
                )?;
                set_param(registry, &mut point, "insecurity_gain", Value::Float(gain))?;
                let ensemble = run_ensemble(
                    registry,
                    &point,
                    inputs,
                    options,
                    false,
                    &sco_sim::NoProgress,
                )?;
                let scored = score(&ensemble, inputs, params.index, options.master_seed);
                grid.push(CalibrationPoint {
                    socialisation_rate: rate,
                    similarity_width: width,
                    insecurity_gain: gain,
                    train_rmse: scored.error(ALL).map(|e| e.model_rmse).unwrap_or(f64::NAN),
                });
            }
        }
    }
    let best = grid
        .iter()
        .min_by(|a, b| a.train_rmse.total_cmp(&b.train_rmse))
        .cloned()
        .ok_or_else(|| ScenarioDataError::Missing("empty calibration grid".into()))?;

    let mut test = scenario.clone();
    set_param(
        registry,
        &mut test,
        "start_year",
        Value::Int(i64::from(split_year)),
    )?;
    let (a_priori, _) = hindcast(registry, &test, inputs, options, &sco_sim::NoProgress)?;
    set_param(
        registry,
        &mut test,
        "socialisation_rate",
        Value::Float(best.socialisation_rate),
    )?;
    set_param(
        registry,
        &mut test,
        "similarity_width",
        Value::Float(best.similarity_width),
    )?;
    set_param(
        registry,
        &mut test,
        "insecurity_gain",
        Value::Float(best.insecurity_gain),
    )?;
    let (calibrated, _) = hindcast(registry, &test, inputs, options, &sco_sim::NoProgress)?;
    Ok(OutOfSample {
        split_year,
        grid,
        best,
        a_priori: a_priori.errors,
        calibrated: calibrated.errors,
    })
}
