//! Everything the `norms` model reads from the world, gathered once into plain tables.
//!
//! Why a separate step: the model must be a pure function of its parameters and seed, and
//! fast to build thousands of times in a Monte Carlo run. So the data work happens here,
//! once: V-Dem paths of the agents, the European pole, SCO statuses by year (as plain lists
//! of codes: only [`NormsInputs::embedded`] asks the ledger for them), ties in force,
//! trade shares with SCO members and EU states, and the sourced events. Tests build the
//! same tables from hand-made [`InputParts`].

use std::collections::BTreeMap;

use chrono::NaiveDate;
use sco_data::{DyadicTrade, NationalTrade, Panel};

use crate::error::ScenarioDataError;
use crate::norms::sources::{Camp, Event, Tie, TieKind};

/// The states simulated, in a fixed order: the five Central Asian states, the SCO's two
/// norm-makers, then the other members and observers. Afghanistan is left out: its path
/// is driven by war and occupation, not by socialisation.
pub const AGENTS: [(&str, AgentGroup, bool); 12] = [
    ("KAZ", AgentGroup::CentralAsia, true),
    ("KGZ", AgentGroup::CentralAsia, true),
    ("TJK", AgentGroup::CentralAsia, true),
    ("TKM", AgentGroup::CentralAsia, true),
    ("UZB", AgentGroup::CentralAsia, true),
    ("CHN", AgentGroup::NormMaker, false),
    ("RUS", AgentGroup::NormMaker, true),
    ("IND", AgentGroup::Other, false),
    ("PAK", AgentGroup::Other, false),
    ("IRN", AgentGroup::Other, false),
    ("BLR", AgentGroup::Other, true),
    ("MNG", AgentGroup::Other, false),
];

/// Former Soviet republics (the space of the colour revolutions, seed 000 line 110).
pub const POST_SOVIET: [&str; 15] = [
    "ARM", "AZE", "BLR", "EST", "GEO", "KAZ", "KGZ", "LTU", "LVA", "MDA", "RUS", "TJK", "TKM",
    "UKR", "UZB",
];

/// The role of an agent in the scenario.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AgentGroup {
    /// Kazakhstan, Kyrgyzstan, Tajikistan, Turkmenistan, Uzbekistan.
    CentralAsia,
    /// Russia and China, whose shared norms define the SCO's pole (seed 000 line 88).
    NormMaker,
    /// Other SCO members and observers.
    Other,
}

/// A state of the scenario.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Agent {
    /// ISO3 code.
    pub iso3: String,
    /// English name.
    pub name: String,
    /// Role.
    pub group: AgentGroup,
    /// Former Soviet republic (exposed to colour-revolution contagion).
    pub post_soviet: bool,
}

/// Which V-Dem index measures the normative position.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum VdemIndex {
    /// `v2x_libdem`, liberal democracy (electoral democracy plus rule of law, civil
    /// liberties, checks on the executive).
    Libdem,
    /// `v2x_polyarchy`, electoral democracy.
    Polyarchy,
}

impl VdemIndex {
    /// The parameter word.
    pub fn word(self) -> &'static str {
        match self {
            VdemIndex::Libdem => "libdem",
            VdemIndex::Polyarchy => "polyarchy",
        }
    }

    /// The V-Dem variable.
    pub fn variable(self) -> &'static str {
        match self {
            VdemIndex::Libdem => "v2x_libdem",
            VdemIndex::Polyarchy => "v2x_polyarchy",
        }
    }

    /// From the parameter word.
    pub fn from_word(word: &str) -> Option<Self> {
        match word {
            "libdem" => Some(VdemIndex::Libdem),
            "polyarchy" => Some(VdemIndex::Polyarchy),
            _ => None,
        }
    }

    fn slot(self) -> usize {
        match self {
            VdemIndex::Libdem => 0,
            VdemIndex::Polyarchy => 1,
        }
    }
}

/// A state's standing with the SCO in a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ScoStatus {
    /// Full member (the Shanghai Five counts for the founders before 2001).
    Member,
    /// Observer.
    Observer,
    /// Dialogue partner (or the "SCO partner" status of 2025).
    DialoguePartner,
    /// No status.
    None,
}

impl ScoStatus {
    /// The word used in tables.
    pub fn word(self) -> &'static str {
        match self {
            ScoStatus::Member => "member",
            ScoStatus::Observer => "observer",
            ScoStatus::DialoguePartner => "dialogue_partner",
            ScoStatus::None => "none",
        }
    }
}

/// SCO statuses on one date, as plain code lists.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct StatusLists {
    /// Member states.
    pub members: Vec<String>,
    /// Observers.
    pub observers: Vec<String>,
    /// Dialogue partners (and partners).
    pub dialogue_partners: Vec<String>,
}

/// Ties of one agent in one year.
#[derive(Debug, Clone, Copy, Default, PartialEq, serde::Serialize)]
pub struct AgentTies {
    /// OSCE participating State.
    pub osce: bool,
    /// Covered by the EU Central Asia strategy.
    pub eu_strategy: bool,
    /// A security tie with the West (a US base).
    pub west_security: bool,
    /// A security tie with the SCO's norm-makers (the Russia-led collective-security treaty).
    pub sco_security: bool,
}

/// Trade shares of one agent in one year.
#[derive(Debug, Clone, Copy, Default, PartialEq, serde::Serialize)]
pub struct TradeShares {
    /// Share of the state's trade with the other SCO members of that year.
    pub sco: f64,
    /// Share with the EU's members of that year.
    pub eu: f64,
    /// The shares of the last year with data, carried forward (COW trade ends in 2014).
    pub carried_forward: bool,
    /// The EU share is the Central Asian average (no EU flows for this state in the data).
    pub eu_imputed: bool,
}

/// The raw material [`NormsInputs::build`] turns into tables.
pub struct InputParts<'a> {
    /// The agents (code, role, post-Soviet) and their names.
    pub agents: Vec<Agent>,
    /// First and last year of the tables.
    pub years: (i32, i32),
    /// V-Dem liberal democracy.
    pub libdem: &'a Panel<f64>,
    /// V-Dem electoral democracy.
    pub polyarchy: &'a Panel<f64>,
    /// SCO statuses on 1 July of each year.
    pub statuses: BTreeMap<i32, StatusLists>,
    /// EU members on 1 July of each year.
    pub eu_members: BTreeMap<i32, Vec<String>>,
    /// COW dyadic trade.
    pub dyadic: &'a DyadicTrade,
    /// COW national totals.
    pub national: &'a NationalTrade,
    /// Sourced events.
    pub events: Vec<Event>,
    /// Sourced ties.
    pub ties: Vec<Tie>,
}

/// The tables the model reads. Indexing is agent-major, then year offset.
#[derive(Debug, Clone)]
pub struct NormsInputs {
    /// The agents, in model order.
    pub agents: Vec<Agent>,
    /// First year of the tables.
    pub first_year: i32,
    /// Last year of the tables (the last V-Dem year).
    pub last_year: i32,
    /// Last year of the COW trade data.
    pub trade_last_year: i32,
    observed: [Vec<Option<f64>>; 2],
    west_pole: [Vec<Option<f64>>; 2],
    statuses: Vec<ScoStatus>,
    ties: Vec<AgentTies>,
    trade: Vec<Option<TradeShares>>,
    /// The sourced events, by date.
    pub events: Vec<Event>,
    /// The sourced ties (kept for the report).
    pub tie_sources: Vec<Tie>,
}

/// 1 July of a year: the date on which statuses and ties are read for that year.
pub fn mid_year(year: i32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, 7, 1).unwrap_or(NaiveDate::MIN)
}

impl NormsInputs {
    /// Builds the tables from the embedded datasets, the embedded ledger and the embedded
    /// event and tie files.
    pub fn embedded() -> Result<NormsInputs, ScenarioDataError> {
        let history = sco_ledger::Ledger::embedded()?.replay()?;
        NormsInputs::from_history(&history)
    }

    /// Builds the tables from the embedded datasets and event and tie files, with SCO
    /// statuses read from `history` (a replayed ledger, e.g. one the user edited).
    pub fn from_history(history: &sco_ledger::History) -> Result<NormsInputs, ScenarioDataError> {
        let vdem = sco_data::embedded::vdem()?;
        let countries = sco_data::embedded::countries()?;
        let groupings = sco_data::embedded::groupings()?;
        let eu = groupings.organization("eu").ok_or_else(|| {
            ScenarioDataError::Missing("the groupings file has no `eu` organization".into())
        })?;
        let last_year = *vdem.libdem.years().end();
        let first_year = *vdem.libdem.years().start();
        let codes = |list: Vec<sco_ledger::Iso3>| {
            list.iter()
                .map(|c| c.as_str().to_owned())
                .collect::<Vec<_>>()
        };
        let mut statuses = BTreeMap::new();
        let mut eu_members = BTreeMap::new();
        for year in first_year..=last_year {
            let snapshot = history.snapshot(mid_year(year));
            let mut dialogue_partners = codes(snapshot.dialogue_partners());
            dialogue_partners.extend(codes(snapshot.partners()));
            statuses.insert(
                year,
                StatusLists {
                    members: codes(snapshot.members()),
                    observers: codes(snapshot.observers()),
                    dialogue_partners,
                },
            );
            eu_members.insert(year, eu.members_on(mid_year(year)));
        }
        let agents = AGENTS
            .iter()
            .map(|(code, group, post_soviet)| Agent {
                iso3: (*code).to_owned(),
                name: countries.name(code).to_owned(),
                group: *group,
                post_soviet: *post_soviet,
            })
            .collect();
        NormsInputs::build(InputParts {
            agents,
            years: (first_year, last_year),
            libdem: &vdem.libdem,
            polyarchy: &vdem.polyarchy,
            statuses,
            eu_members,
            dyadic: sco_data::embedded::dyadic_trade()?,
            national: sco_data::embedded::national_trade()?,
            events: crate::norms::sources::embedded_events()?,
            ties: crate::norms::sources::embedded_ties()?,
        })
    }

    /// A short label of the data the model reads that a user can change: the SCO statuses
    /// (from `--ledger`), as a digest of every agent's status in every year.
    pub fn label(&self) -> String {
        let mut text = String::new();
        for (agent, row) in self
            .agents
            .iter()
            .zip(self.statuses.chunks(self.years_len()))
        {
            text.push_str(&agent.iso3);
            for status in row {
                text.push_str(&format!(" {status:?}"));
            }
            text.push('\n');
        }
        format!("SCO statuses {}", sco_sim::sweep::fnv1a(&text))
    }

    fn years_len(&self) -> usize {
        (self.last_year - self.first_year + 1).max(1) as usize
    }

    /// Builds the tables from parts.
    pub fn build(parts: InputParts<'_>) -> Result<NormsInputs, ScenarioDataError> {
        let (first_year, last_year) = parts.years;
        if last_year < first_year {
            return Err(ScenarioDataError::Missing(format!(
                "no years: {first_year}..{last_year}"
            )));
        }
        let width = (last_year - first_year + 1) as usize;
        let agents = parts.agents.clone();
        let mut observed = [Vec::new(), Vec::new()];
        for (slot, panel) in [parts.libdem, parts.polyarchy].into_iter().enumerate() {
            observed[slot] = agents
                .iter()
                .flat_map(|a| (first_year..=last_year).map(move |y| panel.get(&a.iso3, y)))
                .collect();
        }
        let mut west_pole = [vec![None; width], vec![None; width]];
        for (slot, panel) in [parts.libdem, parts.polyarchy].into_iter().enumerate() {
            for (offset, year) in (first_year..=last_year).enumerate() {
                let members = parts
                    .eu_members
                    .get(&year)
                    .map(Vec::as_slice)
                    .unwrap_or(&[]);
                let values: Vec<f64> = members.iter().filter_map(|m| panel.get(m, year)).collect();
                if !values.is_empty() {
                    west_pole[slot][offset] =
                        Some(values.iter().sum::<f64>() / values.len() as f64);
                }
            }
        }
        let mut statuses = Vec::with_capacity(agents.len() * width);
        let mut ties = Vec::with_capacity(agents.len() * width);
        for agent in &agents {
            for year in first_year..=last_year {
                let lists = parts.statuses.get(&year).cloned().unwrap_or_default();
                let has = |list: &[String]| list.contains(&agent.iso3);
                statuses.push(if has(&lists.members) {
                    ScoStatus::Member
                } else if has(&lists.observers) {
                    ScoStatus::Observer
                } else if has(&lists.dialogue_partners) {
                    ScoStatus::DialoguePartner
                } else {
                    ScoStatus::None
                });
                let date = mid_year(year);
                let mut held = AgentTies::default();
                for tie in parts
                    .ties
                    .iter()
                    .filter(|t| t.in_force(date) && t.states.contains(&agent.iso3))
                {
                    match (tie.kind, tie.camp) {
                        (TieKind::Osce, _) => held.osce = true,
                        (TieKind::EuStrategy, _) => held.eu_strategy = true,
                        (TieKind::Security, Camp::West) => held.west_security = true,
                        (TieKind::Security, Camp::Sco) => held.sco_security = true,
                    }
                }
                ties.push(held);
            }
        }
        let (trade, trade_last_year) = trade_shares(&agents, first_year, last_year, &parts)?;
        Ok(NormsInputs {
            agents,
            first_year,
            last_year,
            trade_last_year,
            observed,
            west_pole,
            statuses,
            ties,
            trade,
            events: parts.events,
            tie_sources: parts.ties,
        })
    }

    fn at(&self, agent: usize, year: i32) -> Option<usize> {
        if year < self.first_year || year > self.last_year || agent >= self.agents.len() {
            return None;
        }
        let width = (self.last_year - self.first_year + 1) as usize;
        Some(agent * width + (year - self.first_year) as usize)
    }

    /// The observed V-Dem value of an agent in a year.
    pub fn observed(&self, index: VdemIndex, agent: usize, year: i32) -> Option<f64> {
        self.at(agent, year)
            .and_then(|i| self.observed[index.slot()][i])
    }

    /// The European pole: the mean V-Dem value of the EU's members in a year.
    pub fn west_pole(&self, index: VdemIndex, year: i32) -> Option<f64> {
        if year < self.first_year || year > self.last_year {
            return None;
        }
        self.west_pole[index.slot()][(year - self.first_year) as usize]
    }

    /// SCO status of an agent in a year (on 1 July).
    pub fn status(&self, agent: usize, year: i32) -> ScoStatus {
        self.at(agent, year)
            .map(|i| self.statuses[i])
            .unwrap_or(ScoStatus::None)
    }

    /// Ties of an agent in a year (on 1 July).
    pub fn ties(&self, agent: usize, year: i32) -> AgentTies {
        self.at(agent, year)
            .map(|i| self.ties[i])
            .unwrap_or_default()
    }

    /// Trade shares of an agent in a year (carried forward after the last trade year).
    pub fn trade(&self, agent: usize, year: i32) -> Option<TradeShares> {
        self.at(agent, year).and_then(|i| self.trade[i])
    }

    /// The position of an agent in the agent list.
    pub fn agent_index(&self, iso3: &str) -> Option<usize> {
        self.agents.iter().position(|a| a.iso3 == iso3)
    }
}

/// Trade of `agent` with each partner in `year` (both directions, US$), and its total.
fn partner_trade(
    agent: &str,
    year: i32,
    parts: &InputParts<'_>,
) -> Option<(BTreeMap<String, f64>, f64)> {
    let mut partners: BTreeMap<String, f64> = BTreeMap::new();
    for dyad in parts.dyadic.dyads(year) {
        let flow = dyad.imports_a_from_b.unwrap_or(0.0).max(0.0)
            + dyad.imports_b_from_a.unwrap_or(0.0).max(0.0);
        if dyad.a == agent {
            *partners.entry(dyad.b.clone()).or_default() += flow;
        } else if dyad.b == agent {
            *partners.entry(dyad.a.clone()).or_default() += flow;
        }
    }
    let dyad_total: f64 = partners.values().sum();
    // Every dyad of a state in the extract set is in the file, so the dyad sum is its total;
    // for other states only the national total counts all partners.
    let total = if parts.dyadic.covers(agent) {
        dyad_total
    } else {
        let imports = parts.national.imports_usd.get(agent, year)?;
        let exports = parts.national.exports_usd.get(agent, year)?;
        (imports + exports).max(dyad_total)
    };
    (total > 0.0).then_some((partners, total))
}

/// Trade shares of every agent and year; years after the last trade year reuse the
/// partner shares of that year with the memberships of the later year.
fn trade_shares(
    agents: &[Agent],
    first_year: i32,
    last_year: i32,
    parts: &InputParts<'_>,
) -> Result<(Vec<Option<TradeShares>>, i32), ScenarioDataError> {
    let trade_last_year = parts
        .dyadic
        .year_span()
        .map(|(_, last)| last)
        .ok_or_else(|| ScenarioDataError::Missing("the dyadic trade file has no rows".into()))?;
    let width = (last_year - first_year + 1) as usize;
    let mut shares: Vec<Option<TradeShares>> = vec![None; agents.len() * width];
    for (a, agent) in agents.iter().enumerate() {
        for (offset, year) in (first_year..=last_year).enumerate() {
            let data_year = year.min(trade_last_year);
            let Some((partners, total)) = partner_trade(&agent.iso3, data_year, parts) else {
                continue;
            };
            let members = parts
                .statuses
                .get(&year)
                .map(|s| s.members.as_slice())
                .unwrap_or(&[]);
            let eu = parts
                .eu_members
                .get(&year)
                .map(Vec::as_slice)
                .unwrap_or(&[]);
            let sum_over = |set: &[String]| -> f64 {
                set.iter()
                    .filter(|c| **c != agent.iso3)
                    .filter_map(|c| partners.get(c))
                    .sum::<f64>()
                    / total
            };
            shares[a * width + offset] = Some(TradeShares {
                sco: sum_over(members).min(1.0),
                eu: sum_over(eu).min(1.0),
                carried_forward: year > trade_last_year,
                eu_imputed: !parts.dyadic.covers(&agent.iso3),
            });
        }
    }
    // EU flows of states outside the extract set are absent: use the Central Asian mean.
    for offset in 0..width {
        let covered: Vec<f64> = agents
            .iter()
            .enumerate()
            .filter(|(_, a)| a.group == AgentGroup::CentralAsia && parts.dyadic.covers(&a.iso3))
            .filter_map(|(i, _)| shares[i * width + offset].map(|s| s.eu))
            .collect();
        if covered.is_empty() {
            continue;
        }
        let mean = covered.iter().sum::<f64>() / covered.len() as f64;
        for (a, _) in agents
            .iter()
            .enumerate()
            .filter(|(_, a)| !parts.dyadic.covers(&a.iso3))
        {
            if let Some(share) = shares[a * width + offset].as_mut() {
                share.eu = mean;
            }
        }
    }
    Ok((shares, trade_last_year))
}

/// Year-on-year changes of the logit of the agents' V-Dem values over the ten years up to
/// `start_year`: the pre-sample record from which the model's noise is estimated.
pub fn presample_changes(inputs: &NormsInputs, index: VdemIndex, start_year: i32) -> Vec<f64> {
    use crate::norms::model::logit;
    let mut changes = Vec::new();
    for agent in 0..inputs.agents.len() {
        for year in (start_year - 9)..=start_year {
            if let (Some(now), Some(before)) = (
                inputs.observed(index, agent, year),
                inputs.observed(index, agent, year - 1),
            ) {
                changes.push(logit(now) - logit(before));
            }
        }
    }
    changes
}

/// A two-part normal mixture for annual changes: small drift most years, occasional jumps.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct NoiseMixture {
    /// Standard deviation of ordinary years.
    pub small_sd: f64,
    /// Probability of a jump year.
    pub jump_probability: f64,
    /// Standard deviation of jump years.
    pub jump_sd: f64,
}

impl NoiseMixture {
    /// Estimates the mixture: changes beyond three robust standard deviations
    /// (1.4826 × median absolute deviation) are jumps; each part's spread is its root mean
    /// square.
    pub fn estimate(changes: &[f64]) -> NoiseMixture {
        if changes.is_empty() {
            return NoiseMixture {
                small_sd: 0.0,
                jump_probability: 0.0,
                jump_sd: 0.0,
            };
        }
        let median = median(changes);
        let deviations: Vec<f64> = changes.iter().map(|c| (c - median).abs()).collect();
        let robust_sd = 1.4826 * median_of(deviations);
        let threshold = 3.0 * robust_sd;
        let rms = |xs: &[f64]| {
            if xs.is_empty() {
                0.0
            } else {
                (xs.iter().map(|x| x * x).sum::<f64>() / xs.len() as f64).sqrt()
            }
        };
        let (jumps, small): (Vec<f64>, Vec<f64>) =
            changes.iter().partition(|c| c.abs() > threshold);
        NoiseMixture {
            small_sd: rms(&small),
            jump_probability: jumps.len() as f64 / changes.len() as f64,
            jump_sd: rms(&jumps),
        }
    }
}

fn median(values: &[f64]) -> f64 {
    median_of(values.to_vec())
}

fn median_of(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    let n = values.len();
    if n == 0 {
        0.0
    } else if n % 2 == 1 {
        values[n / 2]
    } else {
        (values[n / 2 - 1] + values[n / 2]) / 2.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mixture_separates_jumps_from_drift() {
        let mut changes = vec![
            0.001, -0.002, 0.0, 0.003, -0.001, 0.002, -0.003, 0.001, 0.0, 0.002,
        ];
        changes.push(0.2);
        let noise = NoiseMixture::estimate(&changes);
        assert!((noise.jump_probability - 1.0 / 11.0).abs() < 1e-12);
        assert!((noise.jump_sd - 0.2).abs() < 1e-12);
        assert!(noise.small_sd > 0.0 && noise.small_sd < 0.003);
    }
}
