//! The `norms` model: the contest of norms in Central Asia, stepped yearly.
//!
//! Each state holds a normative position on the V-Dem scale (0 = closed autocracy, 1 =
//! liberal democracy). Every year it is pulled toward two poles by socialisation:
//! - the SCO pole, the mean position of Russia and China, whose shared norms of
//!   sovereignty, non-interference and regime stability the SCO carries
//!   (seed 000 line 88, lines 108-112);
//! - the Western pole, the mean V-Dem value of the EU's members, standing for the
//!   OSCE's and the EU's democracy, human rights and rule of law (seed 000 lines 100-106;
//!   seed 002 lines 82-87 and 661-690).
//!
//! The pull of each pole is `rate × engagement × receptiveness × similarity`, where
//! engagement comes from SCO status (the ledger), ties (OSCE, EU strategy, bases, the
//! collective-security treaty) and trade shares; receptiveness to the SCO rises with
//! regime insecurity after colour revolutions, and receptiveness to the West falls with
//! it (seed 002 lines 565-570); similarity decays with the distance between the state and
//! the pole. The SCO's pull only ever lowers a position (its norms protect the status
//! quo, seed 000 lines 90, 108 and 122); the Western pull only ever raises it. Overthrows
//! open the regime a little; idiosyncratic annual changes, on the logit scale, are drawn
//! from a mixture estimated on the pre-sample V-Dem record. Full protocol and every
//! parameter's source: `docs/simulation/norms-odd.md`.

use std::sync::Arc;

use rand::Rng;
use sco_sim::{
    AgentRows, Column, Model, ParamError, ParamSet, ParamSpec, SimRng, StepContext, Value,
};

use crate::norms::inputs::{
    presample_changes, AgentGroup, NoiseMixture, NormsInputs, ScoStatus, VdemIndex,
};
use crate::norms::sources::EventKind;

/// Seed 000 (Anadi 2024, "New Regionalism and Norm Creation").
pub const SEED_000: &str = "000_a5a7b3bbd4876675.txt";
/// Seed 001 (ISPI 2023, "The SCO: Geopolitical Bloc, Normative Order, or Pragmatic Platform?").
pub const SEED_001: &str = "001_072b2aee968a12fd.txt";
/// Seed 002 (Stonis, "Comparative Analysis of the SCO and the EU in Central Asia").
pub const SEED_002: &str = "002_61fc8430d2336d0a.txt";

/// The parameters of the model, with their sources. `last_year` is the last year of the
/// data (the default end of the hindcast).
pub fn param_specs(last_year: i32) -> Vec<ParamSpec> {
    let last = i64::from(last_year);
    vec![
        ParamSpec::int(
            "start_year",
            1995,
            last - 1,
            2001,
            "first simulated year; positions start at the observed V-Dem values of this year",
            "SCO founded 15 June 2001: seed 002_61fc8430d2336d0a.txt lines 21-24; seed 000_a5a7b3bbd4876675.txt line 86",
        ),
        ParamSpec::int(
            "end_year",
            1996,
            last,
            last,
            "last simulated year (default: the last V-Dem year)",
            "data: last year of data/datasets/vdem_democracy_indices.csv",
        ),
        ParamSpec::choice(
            "index",
            &["libdem", "polyarchy"],
            "libdem",
            "V-Dem index measuring the normative position: liberal democracy (v2x_libdem) or electoral democracy (v2x_polyarchy)",
            "the contested Western norms are democracy plus rule of law and human rights: seed 002_61fc8430d2336d0a.txt lines 82-84 and 253-254; the choice of the liberal index is an assumption",
        ),
        ParamSpec::float(
            "socialisation_rate",
            0.0,
            1.0,
            0.10,
            "share of the gap to a pole closed in one year at full engagement, receptiveness and similarity",
            "continuous socialisation (\"the setting of norms is a continuous and perpetual practice\"): seed 000_a5a7b3bbd4876675.txt line 100; the value is an assumption",
        ),
        ParamSpec::float(
            "similarity_width",
            0.01,
            10.0,
            0.25,
            "distance on the V-Dem scale over which a pole's influence falls by a factor e (influence × exp(-distance / width))",
            "norms fitting the elites' interests are absorbed, distant ones are not: seed 000_a5a7b3bbd4876675.txt lines 106-108; seed 002_61fc8430d2336d0a.txt lines 229-235 and 716-721; functional form and value are assumptions",
        ),
        ParamSpec::float(
            "observer_weight",
            0.0,
            1.0,
            0.5,
            "SCO engagement of an observer relative to a member (1)",
            "observers and dialogue partners as graded engagement: seed 001_072b2aee968a12fd.txt line 133; value an assumption",
        ),
        ParamSpec::float(
            "dialogue_partner_weight",
            0.0,
            1.0,
            0.25,
            "SCO engagement of a dialogue partner relative to a member (1)",
            "seed 001_072b2aee968a12fd.txt line 133; value an assumption",
        ),
        ParamSpec::float(
            "trade_weight",
            0.0,
            10.0,
            0.5,
            "weight of the trade share with each camp in its engagement",
            "economic ties as engagement: seed 000_a5a7b3bbd4876675.txt line 108; seed 002_61fc8430d2336d0a.txt lines 389-400 and 578-582; value an assumption",
        ),
        ParamSpec::float(
            "security_weight",
            0.0,
            10.0,
            0.5,
            "weight of a security tie (US base for the West; the Russia-led collective-security treaty for the SCO camp)",
            "soft balancing against an outside power's military presence: seed 000_a5a7b3bbd4876675.txt line 92; security reassurance by Russia and China: seed 002_61fc8430d2336d0a.txt lines 521-527; value an assumption",
        ),
        ParamSpec::float(
            "osce_weight",
            0.0,
            10.0,
            0.5,
            "weight of OSCE participation in Western engagement",
            "the OSCE's democratisation toolkit in Central Asia: seed 000_a5a7b3bbd4876675.txt lines 102-106; value an assumption",
        ),
        ParamSpec::float(
            "eu_strategy_weight",
            0.0,
            10.0,
            0.5,
            "weight of coverage by the EU's Central Asia strategy (2007, 2019) in Western engagement",
            "seed 002_61fc8430d2336d0a.txt lines 72-87 and 186-195; value an assumption",
        ),
        ParamSpec::float(
            "insecurity_gain",
            0.0,
            20.0,
            2.0,
            "receptiveness to the SCO pole is multiplied by (1 + gain × insecurity)",
            "regimes fearing colour revolutions turn to the SCO: seed 000_a5a7b3bbd4876675.txt line 110; seed 001_072b2aee968a12fd.txt line 175; value an assumption",
        ),
        ParamSpec::float(
            "insecurity_backlash",
            0.0,
            20.0,
            1.0,
            "receptiveness to the Western pole is multiplied by max(0, 1 - backlash × insecurity)",
            "elites see democracy promotion as a threat and turn to Russia and China: seed 002_61fc8430d2336d0a.txt lines 565-570 and 705-707; value an assumption",
        ),
        ParamSpec::float(
            "insecurity_half_life",
            0.1,
            50.0,
            3.0,
            "years after which the insecurity from an event has halved",
            "assumption",
        ),
        ParamSpec::float(
            "regional_contagion",
            0.0,
            1.0,
            0.5,
            "insecurity a colour revolution elsewhere in the former Soviet Union causes, relative to one at home (1)",
            "regional democratic trends worry the post-Soviet regimes: seed 000_a5a7b3bbd4876675.txt line 110; value an assumption",
        ),
        ParamSpec::float(
            "revolution_opening",
            -1.0,
            1.0,
            0.05,
            "immediate change of a state's position in the year its incumbent is overthrown",
            "colour revolutions as democratic trends, Kyrgyzstan the exception that absorbed liberal norms: seed 000_a5a7b3bbd4876675.txt lines 106 and 110; value an assumption",
        ),
        ParamSpec::float(
            "noise_scale",
            0.0,
            10.0,
            1.0,
            "multiplier of the idiosyncratic annual changes (logit scale), whose mixture is estimated on the ten pre-sample years",
            "data: year-on-year V-Dem changes of the agents over the ten years up to start_year",
        ),
        ParamSpec::float(
            "parameter_spread",
            0.0,
            0.95,
            0.5,
            "each run draws the rate, width, gain, backlash, contagion and opening from uniform(1 - spread, 1 + spread) × value",
            "assumption (parameter uncertainty of the Monte Carlo)",
        ),
        ParamSpec::bool(
            "sco_socialisation",
            true,
            "switch: the pull of the SCO pole",
            "seed 000_a5a7b3bbd4876675.txt lines 108-112",
        ),
        ParamSpec::bool(
            "western_socialisation",
            true,
            "switch: the pull of the Western pole",
            "seed 000_a5a7b3bbd4876675.txt lines 100-106; seed 002_61fc8430d2336d0a.txt section 2",
        ),
        ParamSpec::bool(
            "insecurity",
            true,
            "switch: regime insecurity from colour revolutions and uprisings",
            "seed 000_a5a7b3bbd4876675.txt line 110",
        ),
        ParamSpec::bool(
            "trade_engagement",
            true,
            "switch: trade shares count as engagement",
            "seed 002_61fc8430d2336d0a.txt lines 389-400",
        ),
        ParamSpec::bool(
            "security_ties",
            true,
            "switch: bases and the collective-security treaty count as engagement",
            "seed 000_a5a7b3bbd4876675.txt line 92",
        ),
    ]
}

/// Validated parameter values of one run, after the run's uncertainty draws.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct NormsParams {
    pub start_year: i32,
    pub end_year: i32,
    pub index: VdemIndex,
    pub socialisation_rate: f64,
    pub similarity_width: f64,
    pub observer_weight: f64,
    pub dialogue_partner_weight: f64,
    pub trade_weight: f64,
    pub security_weight: f64,
    pub osce_weight: f64,
    pub eu_strategy_weight: f64,
    pub insecurity_gain: f64,
    pub insecurity_backlash: f64,
    pub insecurity_half_life: f64,
    pub regional_contagion: f64,
    pub revolution_opening: f64,
    pub noise_scale: f64,
    pub parameter_spread: f64,
    pub sco_socialisation: bool,
    pub western_socialisation: bool,
    pub insecurity: bool,
    pub trade_engagement: bool,
    pub security_ties: bool,
}

impl NormsParams {
    /// Reads the values of a validated set.
    pub fn from_set(params: &ParamSet) -> Result<NormsParams, ParamError> {
        let index_word = params.text("index")?;
        let index = VdemIndex::from_word(index_word).ok_or_else(|| ParamError::BadValue {
            name: "index".into(),
            value: index_word.into(),
            expected: "libdem or polyarchy".into(),
        })?;
        let values = NormsParams {
            start_year: params.int("start_year")? as i32,
            end_year: params.int("end_year")? as i32,
            index,
            socialisation_rate: params.float("socialisation_rate")?,
            similarity_width: params.float("similarity_width")?,
            observer_weight: params.float("observer_weight")?,
            dialogue_partner_weight: params.float("dialogue_partner_weight")?,
            trade_weight: params.float("trade_weight")?,
            security_weight: params.float("security_weight")?,
            osce_weight: params.float("osce_weight")?,
            eu_strategy_weight: params.float("eu_strategy_weight")?,
            insecurity_gain: params.float("insecurity_gain")?,
            insecurity_backlash: params.float("insecurity_backlash")?,
            insecurity_half_life: params.float("insecurity_half_life")?,
            regional_contagion: params.float("regional_contagion")?,
            revolution_opening: params.float("revolution_opening")?,
            noise_scale: params.float("noise_scale")?,
            parameter_spread: params.float("parameter_spread")?,
            sco_socialisation: params.bool("sco_socialisation")?,
            western_socialisation: params.bool("western_socialisation")?,
            insecurity: params.bool("insecurity")?,
            trade_engagement: params.bool("trade_engagement")?,
            security_ties: params.bool("security_ties")?,
        };
        if values.end_year <= values.start_year {
            return Err(ParamError::Inconsistent(format!(
                "end_year ({}) must come after start_year ({})",
                values.end_year, values.start_year
            )));
        }
        Ok(values)
    }
}

/// The model: positions of the states and what drives them.
pub struct NormsModel {
    inputs: Arc<NormsInputs>,
    params: NormsParams,
    noise: NoiseMixture,
    /// Current year (the start year at step 0).
    year: i32,
    positions: Vec<f64>,
    /// Drivers of the last step, per agent, for the agent table.
    sco_engagement: Vec<f64>,
    west_engagement: Vec<f64>,
    insecurity: Vec<f64>,
    sco_pole: f64,
    west_pole: f64,
    norm_makers: Vec<usize>,
    central_asia: Vec<usize>,
    /// Squared and absolute errors against the observed values, summed over steps >= 1.
    errors: ErrorSums,
}

#[derive(Debug, Clone, Copy, Default)]
struct ErrorSums {
    ca_squared: f64,
    ca_absolute: f64,
    ca_count: u64,
    all_squared: f64,
    all_absolute: f64,
    all_count: u64,
}

impl NormsModel {
    /// The model in its start year, positions equal to the observed V-Dem values.
    pub fn new(
        inputs: Arc<NormsInputs>,
        params: &ParamSet,
        rng: &mut SimRng,
    ) -> Result<NormsModel, ParamError> {
        let mut values = NormsParams::from_set(params)?;
        if values.end_year > inputs.last_year {
            return Err(ParamError::Inconsistent(format!(
                "end_year ({}) is after the last year of the data ({})",
                values.end_year, inputs.last_year
            )));
        }
        let spread = values.parameter_spread;
        for value in [
            &mut values.socialisation_rate,
            &mut values.similarity_width,
            &mut values.insecurity_gain,
            &mut values.insecurity_backlash,
            &mut values.regional_contagion,
            &mut values.revolution_opening,
        ] {
            if spread > 0.0 {
                *value *= rng.random_range((1.0 - spread)..(1.0 + spread));
            }
        }
        values.socialisation_rate = values.socialisation_rate.min(1.0);
        values.regional_contagion = values.regional_contagion.min(1.0);
        let mut positions = Vec::with_capacity(inputs.agents.len());
        for (i, agent) in inputs.agents.iter().enumerate() {
            let start = inputs
                .observed(values.index, i, values.start_year)
                .ok_or_else(|| {
                    ParamError::Inconsistent(format!(
                        "V-Dem has no {} value for {} in {}",
                        values.index.variable(),
                        agent.iso3,
                        values.start_year
                    ))
                })?;
            positions.push(start);
        }
        let norm_makers: Vec<usize> = (0..inputs.agents.len())
            .filter(|&i| inputs.agents[i].group == AgentGroup::NormMaker)
            .collect();
        if norm_makers.is_empty() {
            return Err(ParamError::Inconsistent(
                "the scenario has no norm-maker (Russia or China) to define the SCO pole".into(),
            ));
        }
        let central_asia = (0..inputs.agents.len())
            .filter(|&i| inputs.agents[i].group == AgentGroup::CentralAsia)
            .collect();
        let noise =
            NoiseMixture::estimate(&presample_changes(&inputs, values.index, values.start_year));
        let n = positions.len();
        let mut model = NormsModel {
            year: values.start_year,
            noise,
            positions,
            sco_engagement: vec![0.0; n],
            west_engagement: vec![0.0; n],
            insecurity: vec![0.0; n],
            sco_pole: 0.0,
            west_pole: 0.0,
            norm_makers,
            central_asia,
            errors: ErrorSums::default(),
            params: values,
            inputs,
        };
        model.refresh_drivers(model.year);
        Ok(model)
    }

    /// The run's parameter values after its uncertainty draws.
    pub fn params(&self) -> &NormsParams {
        &self.params
    }

    /// The noise mixture of the run.
    pub fn noise(&self) -> NoiseMixture {
        self.noise
    }

    /// Current positions, in agent order.
    pub fn positions(&self) -> &[f64] {
        &self.positions
    }

    /// The current year.
    pub fn year(&self) -> i32 {
        self.year
    }

    /// Engagement with the SCO camp of an agent in a year, in [0, 1].
    fn sco_engagement_of(&self, agent: usize, year: i32) -> f64 {
        let p = &self.params;
        let status = match self.inputs.status(agent, year) {
            ScoStatus::Member => 1.0,
            ScoStatus::Observer => p.observer_weight,
            ScoStatus::DialoguePartner => p.dialogue_partner_weight,
            ScoStatus::None => 0.0,
        };
        let ties = self.inputs.ties(agent, year);
        let mut sum = status;
        let mut weight = 1.0;
        if p.security_ties {
            sum += p.security_weight * f64::from(u8::from(ties.sco_security));
            weight += p.security_weight;
        }
        if p.trade_engagement {
            sum += p.trade_weight * self.inputs.trade(agent, year).map(|t| t.sco).unwrap_or(0.0);
            weight += p.trade_weight;
        }
        if weight > 0.0 {
            sum / weight
        } else {
            0.0
        }
    }

    /// Engagement with the Western camp of an agent in a year, in [0, 1].
    fn west_engagement_of(&self, agent: usize, year: i32) -> f64 {
        let p = &self.params;
        let ties = self.inputs.ties(agent, year);
        let mut sum = p.osce_weight * f64::from(u8::from(ties.osce))
            + p.eu_strategy_weight * f64::from(u8::from(ties.eu_strategy));
        let mut weight = p.osce_weight + p.eu_strategy_weight;
        if p.security_ties {
            sum += p.security_weight * f64::from(u8::from(ties.west_security));
            weight += p.security_weight;
        }
        if p.trade_engagement {
            sum += p.trade_weight * self.inputs.trade(agent, year).map(|t| t.eu).unwrap_or(0.0);
            weight += p.trade_weight;
        }
        if weight > 0.0 {
            sum / weight
        } else {
            0.0
        }
    }

    /// Regime insecurity of an agent in a year, in [0, 1]: decaying shocks from events at
    /// home (weight 1) and colour revolutions elsewhere in the former Soviet Union.
    fn insecurity_of(&self, agent: usize, year: i32) -> f64 {
        if !self.params.insecurity {
            return 0.0;
        }
        let me = &self.inputs.agents[agent];
        let mut total = 0.0;
        for event in &self.inputs.events {
            let event_year = chrono::Datelike::year(&event.date);
            if event_year > year {
                break;
            }
            let weight = if event.state == me.iso3 {
                1.0
            } else if me.post_soviet
                && event.kind == EventKind::Overthrow
                && crate::norms::inputs::POST_SOVIET.contains(&event.state.as_str())
            {
                self.params.regional_contagion
            } else {
                0.0
            };
            if weight > 0.0 {
                let age = f64::from(year - event_year);
                total += weight * 0.5f64.powf(age / self.params.insecurity_half_life);
            }
        }
        total.min(1.0)
    }

    fn refresh_drivers(&mut self, year: i32) {
        for agent in 0..self.positions.len() {
            self.sco_engagement[agent] = self.sco_engagement_of(agent, year);
            self.west_engagement[agent] = self.west_engagement_of(agent, year);
            self.insecurity[agent] = self.insecurity_of(agent, year);
        }
        self.sco_pole = self
            .norm_makers
            .iter()
            .map(|&i| self.positions[i])
            .sum::<f64>()
            / self.norm_makers.len() as f64;
        self.west_pole = self
            .inputs
            .west_pole(self.params.index, year)
            .unwrap_or(self.west_pole);
    }

    fn draw_noise(&self, rng: &mut SimRng) -> f64 {
        let sd = if rng.random::<f64>() < self.noise.jump_probability {
            self.noise.jump_sd
        } else {
            self.noise.small_sd
        };
        sd * self.params.noise_scale * standard_normal(rng)
    }

    /// One year: drivers of the new year, socialisation from last year's positions
    /// (simultaneous update), overthrow openings, noise, clamping to [0, 1].
    fn advance(&mut self, rng: &mut SimRng) {
        let year = self.year + 1;
        // The SCO pole is read from last year's positions, before they change.
        self.refresh_drivers(year);
        let p = self.params.clone();
        let old = self.positions.clone();
        for (agent, &x) in old.iter().enumerate() {
            let insecurity = self.insecurity[agent];
            let similarity = |pole: f64| (-(pole - x).abs() / p.similarity_width).exp();
            let mut g_sco = if p.sco_socialisation {
                p.socialisation_rate
                    * self.sco_engagement[agent]
                    * (1.0 + p.insecurity_gain * insecurity)
                    * similarity(self.sco_pole)
            } else {
                0.0
            };
            let mut g_west = if p.western_socialisation {
                p.socialisation_rate
                    * self.west_engagement[agent]
                    * (1.0 - p.insecurity_backlash * insecurity).max(0.0)
                    * similarity(self.west_pole)
            } else {
                0.0
            };
            let total = g_sco + g_west;
            if total > 1.0 {
                g_sco /= total;
                g_west /= total;
            }
            // One-sided pulls: the SCO's norms protect the status quo and never push a
            // state toward more democracy; the Western norms never push toward less.
            let mut next =
                x + g_sco * (self.sco_pole - x).min(0.0) + g_west * (self.west_pole - x).max(0.0);
            for event in &self.inputs.events {
                if event.kind == EventKind::Overthrow
                    && event.state == self.inputs.agents[agent].iso3
                    && chrono::Datelike::year(&event.date) == year
                {
                    next += p.revolution_opening;
                }
            }
            // Idiosyncratic change on the logit scale, so that states near the floor of the
            // index are not pushed up by a reflecting boundary.
            let shock = self.draw_noise(rng);
            self.positions[agent] = if shock == 0.0 {
                next.clamp(0.0, 1.0)
            } else {
                logistic(logit(next) + shock)
            };
        }
        self.year = year;
        // Poles and drivers reported for the new year describe the state after the update.
        self.sco_pole = self
            .norm_makers
            .iter()
            .map(|&i| self.positions[i])
            .sum::<f64>()
            / self.norm_makers.len() as f64;
        self.record_errors();
    }

    fn record_errors(&mut self) {
        for agent in 0..self.positions.len() {
            if let Some(observed) = self.inputs.observed(self.params.index, agent, self.year) {
                let e = self.positions[agent] - observed;
                self.errors.all_squared += e * e;
                self.errors.all_absolute += e.abs();
                self.errors.all_count += 1;
                if self.central_asia.contains(&agent) {
                    self.errors.ca_squared += e * e;
                    self.errors.ca_absolute += e.abs();
                    self.errors.ca_count += 1;
                }
            }
        }
    }

    fn mean_over(&self, agents: &[usize], values: impl Fn(usize) -> Option<f64>) -> f64 {
        let known: Vec<f64> = agents.iter().filter_map(|&i| values(i)).collect();
        if known.is_empty() {
            f64::NAN
        } else {
            known.iter().sum::<f64>() / known.len() as f64
        }
    }
}

/// Positions are kept inside this margin of the ends of the scale, where the logit is finite.
pub const SCALE_MARGIN: f64 = 0.005;

/// The log-odds of a position (clamped to the margin).
pub fn logit(x: f64) -> f64 {
    let x = x.clamp(SCALE_MARGIN, 1.0 - SCALE_MARGIN);
    (x / (1.0 - x)).ln()
}

/// The inverse of [`logit`], clamped to the margin.
pub fn logistic(z: f64) -> f64 {
    (1.0 / (1.0 + (-z).exp())).clamp(SCALE_MARGIN, 1.0 - SCALE_MARGIN)
}

/// A standard normal draw (Box-Muller), from two uniforms of the run's generator.
fn standard_normal(rng: &mut SimRng) -> f64 {
    let u1: f64 = 1.0 - rng.random::<f64>(); // in (0, 1]
    let u2: f64 = rng.random::<f64>();
    (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
}

impl Model for NormsModel {
    fn phases(&self) -> &[&'static str] {
        &["socialise"]
    }

    fn run_phase(&mut self, _phase: usize, ctx: &mut StepContext<'_>) {
        if self.running() {
            self.advance(ctx.rng);
        }
    }

    fn running(&self) -> bool {
        self.year < self.params.end_year
    }

    fn model_columns(&self) -> Vec<Column> {
        vec![
            Column::int("year", "calendar year of the state"),
            Column::float(
                "sco_pole",
                "SCO pole: mean simulated position of Russia and China",
            ),
            Column::float(
                "west_pole",
                "Western pole: mean observed V-Dem value of the EU members",
            ),
            Column::float(
                "central_asia_simulated",
                "mean simulated position of the five Central Asian states",
            ),
            Column::float(
                "central_asia_observed",
                "mean observed V-Dem value of the five Central Asian states",
            ),
            Column::float(
                "mean_abs_error",
                "mean |simulated - observed| over the agents this year",
            ),
        ]
    }

    fn report_model(&self, row: &mut Vec<Value>) {
        let index = self.params.index;
        let all: Vec<usize> = (0..self.positions.len()).collect();
        row.push(Value::Int(i64::from(self.year)));
        row.push(Value::Float(self.sco_pole));
        row.push(Value::Float(self.west_pole));
        row.push(Value::Float(
            self.mean_over(&self.central_asia, |i| Some(self.positions[i])),
        ));
        row.push(Value::Float(self.mean_over(&self.central_asia, |i| {
            self.inputs.observed(index, i, self.year)
        })));
        row.push(Value::Float(self.mean_over(&all, |i| {
            self.inputs
                .observed(index, i, self.year)
                .map(|o| (self.positions[i] - o).abs())
        })));
    }

    fn agent_columns(&self) -> Vec<Column> {
        vec![
            Column::text("iso3", "ISO 3166-1 alpha-3 code of the state"),
            Column::int("year", "calendar year"),
            Column::float(
                "position",
                "simulated normative position (V-Dem scale, 0-1)",
            ),
            Column::float("observed", "observed V-Dem value (NaN when missing)"),
            Column::text("sco_status", "SCO status on 1 July (ledger)"),
            Column::float("sco_engagement", "engagement with the SCO camp (0-1)"),
            Column::float("west_engagement", "engagement with the Western camp (0-1)"),
            Column::float("insecurity", "regime insecurity (0-1)"),
        ]
    }

    fn report_agents(&self, rows: &mut AgentRows) {
        for (i, agent) in self.inputs.agents.iter().enumerate() {
            rows.push(
                i as i64,
                [
                    Value::Text(agent.iso3.clone()),
                    Value::Int(i64::from(self.year)),
                    Value::Float(self.positions[i]),
                    Value::Float(
                        self.inputs
                            .observed(self.params.index, i, self.year)
                            .unwrap_or(f64::NAN),
                    ),
                    Value::Text(self.inputs.status(i, self.year).word().to_owned()),
                    Value::Float(self.sco_engagement[i]),
                    Value::Float(self.west_engagement[i]),
                    Value::Float(self.insecurity[i]),
                ],
            );
        }
    }

    fn output_columns(&self) -> Vec<Column> {
        let mut columns = vec![
            Column::float(
                "rmse_central_asia",
                "root mean square error against V-Dem, Central Asian states, all simulated years",
            ),
            Column::float(
                "mae_central_asia",
                "mean absolute error, Central Asian states",
            ),
            Column::float("rmse_all", "root mean square error, all states"),
            Column::float("mae_all", "mean absolute error, all states"),
            Column::float(
                "central_asia_final",
                "mean simulated position of the Central Asian states in the last year",
            ),
        ];
        for agent in &self.inputs.agents {
            columns.push(Column::float(
                &format!("final_{}", agent.iso3.to_lowercase()),
                "simulated position in the last year",
            ));
        }
        columns
    }

    fn outputs(&self, row: &mut Vec<Value>) {
        let e = self.errors;
        let ratio = |sum: f64, count: u64| {
            if count == 0 {
                f64::NAN
            } else {
                sum / count as f64
            }
        };
        row.push(Value::Float(ratio(e.ca_squared, e.ca_count).sqrt()));
        row.push(Value::Float(ratio(e.ca_absolute, e.ca_count)));
        row.push(Value::Float(ratio(e.all_squared, e.all_count).sqrt()));
        row.push(Value::Float(ratio(e.all_absolute, e.all_count)));
        row.push(Value::Float(
            self.mean_over(&self.central_asia, |i| Some(self.positions[i])),
        ));
        for &position in &self.positions {
            row.push(Value::Float(position));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normal_draws_have_unit_variance_and_zero_mean() {
        let mut rng = sco_sim::rng_from_seed(5);
        let n = 200_000;
        let draws: Vec<f64> = (0..n).map(|_| standard_normal(&mut rng)).collect();
        let mean = draws.iter().sum::<f64>() / n as f64;
        let var = draws.iter().map(|d| (d - mean).powi(2)).sum::<f64>() / n as f64;
        let tail = draws.iter().filter(|d| **d > 1.6448536).count() as f64 / n as f64;
        assert!(mean.abs() < 0.01, "{mean}");
        assert!((var - 1.0).abs() < 0.015, "{var}");
        assert!((tail - 0.05).abs() < 0.002, "{tail}");
    }

    #[test]
    fn logit_and_logistic_are_inverse_inside_the_margin() {
        for x in [0.005, 0.01, 0.2, 0.5, 0.93, 0.995] {
            assert!((logistic(logit(x)) - x).abs() < 1e-12);
        }
        assert_eq!(logit(0.0), logit(SCALE_MARGIN));
        assert_eq!(logistic(50.0), 1.0 - SCALE_MARGIN);
    }
}
