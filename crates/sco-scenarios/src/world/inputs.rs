//! Everything the `world` model reads, gathered once into state-year tables.
//!
//! Why a separate step: the model runs hundreds of thousands of times in a calibration, so
//! the data work happens once, here. The observables (the targets the model forecasts and is
//! scored on) come from the project's datasets: UN General Assembly ideal points and
//! agreement rates with China, Russia and the United States (to 2023), the shares of each
//! state's trade with China, Russia and the West (COW trade, to 2014), and the SCO status
//! from the replayed ledger (to 2025). The drivers are the sourced ties and
//! regime-insecurity events of the `norms` scenario, Russia-led organisations from the COW
//! IGO data (to 2014) and the sanctions file `data/scenarios/world/sanctions.toml`.
//! Gaps are never filled silently: [`WorldInputs::gaps`] lists each, and the model
//! simulates what the data lack instead of carrying figures forward.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::error::ScenarioDataError;
use crate::norms::inputs::{mid_year, POST_SOVIET};
use crate::norms::sources::{Camp, EventKind, TieKind};

/// The sanctions file, embedded.
pub const SANCTIONS_FILE: &str = "data/scenarios/world/sanctions.toml";
const SANCTIONS_TEXT: &str = include_str!("../../../../data/scenarios/world/sanctions.toml");

/// First year of the tables.
pub const FIRST_YEAR: i32 = 1992;
/// Last year of the tables (the ledger's statuses reach 2025).
pub const LAST_YEAR: i32 = 2025;

/// The role of a state in the model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// China, Russia or the United States: the poles others align with.
    Pole,
    /// Kazakhstan, Kyrgyzstan, Tajikistan, Turkmenistan, Uzbekistan.
    CentralAsia,
    /// Every other state of the SCO's orbit.
    Other,
}

/// The states simulated: the three poles, the five Central Asian states, then every other
/// state that held or sought an SCO status (the 27 states the COW trade extract was cut
/// around, `sco_data::trade::EXTRACT_SET`, plus Turkmenistan).
pub const STATES: [(&str, Role); 29] = [
    ("CHN", Role::Pole),
    ("RUS", Role::Pole),
    ("USA", Role::Pole),
    ("KAZ", Role::CentralAsia),
    ("KGZ", Role::CentralAsia),
    ("TJK", Role::CentralAsia),
    ("TKM", Role::CentralAsia),
    ("UZB", Role::CentralAsia),
    ("IND", Role::Other),
    ("PAK", Role::Other),
    ("IRN", Role::Other),
    ("BLR", Role::Other),
    ("MNG", Role::Other),
    ("AFG", Role::Other),
    ("LKA", Role::Other),
    ("TUR", Role::Other),
    ("KHM", Role::Other),
    ("AZE", Role::Other),
    ("ARM", Role::Other),
    ("NPL", Role::Other),
    ("EGY", Role::Other),
    ("QAT", Role::Other),
    ("SAU", Role::Other),
    ("KWT", Role::Other),
    ("ARE", Role::Other),
    ("BHR", Role::Other),
    ("MDV", Role::Other),
    ("MMR", Role::Other),
    ("LAO", Role::Other),
];

/// Index of China, Russia and the United States in [`STATES`].
pub const CHN: usize = 0;
/// Russia.
pub const RUS: usize = 1;
/// The United States.
pub const USA: usize = 2;

/// An observable the model forecasts and is scored on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Target {
    /// UNGA ideal point (Bailey, Strezhnev and Voeten; higher = closer to the US).
    IdealPoint,
    /// Share of UNGA votes agreeing with China.
    AgreeChn,
    /// Share agreeing with Russia.
    AgreeRus,
    /// Share agreeing with the United States.
    AgreeUsa,
    /// Share of the state's trade (imports plus exports) with China.
    TradeShareChn,
    /// Share with Russia.
    TradeShareRus,
    /// Share with the West (G7 and EU members of the year).
    TradeShareWest,
    /// SCO status level: 0 none, 1 dialogue partner or partner, 2 observer, 3 in accession, 4 member.
    ScoStatus,
}

/// Every target, in table order.
pub const TARGETS: [Target; 8] = [
    Target::IdealPoint,
    Target::AgreeChn,
    Target::AgreeRus,
    Target::AgreeUsa,
    Target::TradeShareChn,
    Target::TradeShareRus,
    Target::TradeShareWest,
    Target::ScoStatus,
];

impl Target {
    /// The name in tables and JSON.
    pub fn name(self) -> &'static str {
        match self {
            Target::IdealPoint => "ideal_point",
            Target::AgreeChn => "agree_chn",
            Target::AgreeRus => "agree_rus",
            Target::AgreeUsa => "agree_usa",
            Target::TradeShareChn => "trade_share_chn",
            Target::TradeShareRus => "trade_share_rus",
            Target::TradeShareWest => "trade_share_west",
            Target::ScoStatus => "sco_status",
        }
    }

    /// Position in [`TARGETS`].
    pub fn slot(self) -> usize {
        self as usize
    }

    /// Where the observed values come from.
    pub fn source(self) -> &'static str {
        match self {
            Target::IdealPoint | Target::AgreeChn | Target::AgreeRus | Target::AgreeUsa => {
                "UNGA voting (Bailey, Strezhnev and Voeten), data/datasets/unga_ideal_points.csv, to 2023"
            }
            Target::TradeShareChn | Target::TradeShareRus | Target::TradeShareWest => {
                "COW Trade v4 dyadic and national flows, data/datasets/cow_trade_*.csv, to 2014"
            }
            Target::ScoStatus => "the history ledger, data/ledger/status.toml, status on 1 July",
        }
    }

    /// Values a forecast is clamped to.
    pub fn bounds(self) -> (f64, f64) {
        match self {
            Target::IdealPoint => (f64::NEG_INFINITY, f64::INFINITY),
            Target::ScoStatus => (0.0, 4.0),
            _ => (0.0, 1.0),
        }
    }
}

/// A state of the model.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WorldState {
    /// ISO3 code.
    pub iso3: String,
    /// English name.
    pub name: String,
    /// Role.
    pub role: Role,
    /// Former Soviet republic (exposed to colour-revolution contagion, seed 000 line 110).
    pub post_soviet: bool,
}

/// Kind of a sanction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SanctionKind {
    /// UN Security Council sanctions (a bar to SCO membership).
    Un,
    /// Sectoral sanctions of the EU and the United States.
    Western,
}

/// One sanctions regime.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sanction {
    /// Identifier.
    pub id: String,
    /// ISO3 code of the sanctioned state.
    pub target: String,
    /// UN or Western.
    pub kind: SanctionKind,
    /// First day in force.
    pub from: NaiveDate,
    /// Day it ended, if it did.
    #[serde(default)]
    pub until: Option<NaiveDate>,
    /// Title and address of the document.
    pub source: String,
}

impl Sanction {
    /// In force on 1 July of `year`.
    pub fn in_force(&self, year: i32) -> bool {
        let day = mid_year(year);
        self.from <= day && self.until.is_none_or(|u| day < u)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SanctionsFile {
    sanction: Vec<Sanction>,
}

/// Parses a sanctions file; errors name the file and the line.
pub fn parse_sanctions(file: &str, text: &str) -> Result<Vec<Sanction>, ScenarioDataError> {
    let parsed: SanctionsFile = toml::from_str(text).map_err(|e| {
        let (line, column) = e
            .span()
            .map(|span| {
                let before = &text[..span.start.min(text.len())];
                let line = before.matches('\n').count() + 1;
                let column = before.len() - before.rfind('\n').map(|i| i + 1).unwrap_or(0) + 1;
                (line, column)
            })
            .unwrap_or((1, 1));
        ScenarioDataError::Entry {
            file: file.to_owned(),
            line,
            column,
            field: "sanction".into(),
            message: e.message().to_owned(),
        }
    })?;
    for s in &parsed.sanction {
        if !STATES.iter().any(|(code, _)| *code == s.target) {
            return Err(ScenarioDataError::Missing(format!(
                "{file}: sanction `{}`: target `{}` is not a state of the world model",
                s.id, s.target
            )));
        }
    }
    Ok(parsed.sanction)
}

/// A regime-insecurity event in a year (from the `norms` scenario's sourced events).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InsecurityEvent {
    /// Where it happened.
    pub iso3: String,
    /// Year.
    pub year: i32,
    /// The incumbent fell (a colour revolution) rather than survived.
    pub overthrow: bool,
    /// In a former Soviet republic.
    pub post_soviet: bool,
}

/// The state-year tables. Indexing is state-major, then year offset from [`FIRST_YEAR`].
#[derive(Debug, Clone)]
pub struct WorldInputs {
    /// The states, in [`STATES`] order.
    pub states: Vec<WorldState>,
    /// Observed values per target (in [`TARGETS`] order), state-major then year.
    pub observed: Vec<Vec<Option<f64>>>,
    /// Member of the Russia-led collective-security treaty (sourced ties of `norms`).
    pub csto: Vec<bool>,
    /// A US military base on the state's soil (sourced ties of `norms`).
    pub us_base: Vec<bool>,
    /// Memberships in Russia-led organisations (CIS, CSTO, EurAsEC), COW IGO, to 2014.
    pub layering: Vec<Option<f64>>,
    /// Regime-insecurity events.
    pub events: Vec<InsecurityEvent>,
    /// Sanctions.
    pub sanctions: Vec<Sanction>,
    /// Last year with UNGA data.
    pub unga_last_year: i32,
    /// Last year with COW trade data.
    pub trade_last_year: i32,
    /// Last year with COW IGO data.
    pub igo_last_year: i32,
    /// Gaps in the data, in words.
    pub gaps: Vec<String>,
}

/// Number of years in the tables.
pub const WIDTH: usize = (LAST_YEAR - FIRST_YEAR + 1) as usize;

/// Index of state `s` in year `year` (which must lie in the tables).
pub fn at(s: usize, year: i32) -> usize {
    s * WIDTH + (year - FIRST_YEAR) as usize
}

/// Status level of a standing.
fn level(standing: Option<&sco_domain::Standing>) -> f64 {
    use sco_domain::Status;
    let Some(standing) = standing else {
        return 0.0;
    };
    match standing.status {
        Some(Status::Member) => 4.0,
        _ if standing.accession.is_some() => 3.0,
        Some(Status::Observer) => 2.0,
        Some(Status::DialoguePartner) | Some(Status::Partner) => 1.0,
        None => 0.0,
    }
}

impl WorldInputs {
    /// Builds the tables from the embedded datasets and ledger.
    pub fn embedded() -> Result<WorldInputs, ScenarioDataError> {
        let history = sco_ledger::Ledger::embedded()?.replay()?;
        WorldInputs::from_history(&history)
    }

    /// Builds the tables with SCO statuses from `history`.
    pub fn from_history(history: &sco_ledger::History) -> Result<WorldInputs, ScenarioDataError> {
        let countries = sco_data::embedded::countries()?;
        let unga = sco_data::embedded::unga()?;
        let dyadic = sco_data::embedded::dyadic_trade()?;
        let national = sco_data::embedded::national_trade()?;
        let igo = sco_data::embedded::cow_igo()?;
        let groupings = sco_data::embedded::groupings()?;
        let organization = |id: &str| {
            groupings.organization(id).ok_or_else(|| {
                ScenarioDataError::Missing(format!("the groupings file has no `{id}` organization"))
            })
        };
        let (eu, g7) = (organization("eu")?, organization("g7")?);
        let states: Vec<WorldState> = STATES
            .iter()
            .map(|(code, role)| WorldState {
                iso3: (*code).to_owned(),
                name: countries.name(code).to_owned(),
                role: *role,
                post_soviet: POST_SOVIET.contains(code),
            })
            .collect();
        let n = states.len();
        let mut observed = vec![vec![None; n * WIDTH]; TARGETS.len()];
        let unga_last_year = *unga.ideal_point.years().end();
        let (_, trade_last_year) = dyadic.year_span().ok_or_else(|| {
            ScenarioDataError::Missing("the COW dyadic trade file is empty".into())
        })?;

        // UNGA.
        for (s, state) in states.iter().enumerate() {
            for year in FIRST_YEAR..=LAST_YEAR {
                let i = at(s, year);
                let code = state.iso3.as_str();
                observed[Target::IdealPoint.slot()][i] = unga.ideal_point.get(code, year);
                if s != CHN {
                    observed[Target::AgreeChn.slot()][i] = unga.agree_china.get(code, year);
                }
                if s != RUS {
                    observed[Target::AgreeRus.slot()][i] = unga.agree_russia.get(code, year);
                }
                if s != USA {
                    observed[Target::AgreeUsa.slot()][i] = unga.agree_usa.get(code, year);
                }
            }
        }

        // Trade shares: flows with each partner over the state's total trade.
        for year in FIRST_YEAR..=trade_last_year.min(LAST_YEAR) {
            let day = mid_year(year);
            let mut west: Vec<String> = eu.members_on(day);
            west.extend(g7.members_on(day));
            let mut flows: BTreeMap<&str, [f64; 3]> = BTreeMap::new();
            for dyad in dyadic.dyads(year) {
                let total =
                    dyad.imports_a_from_b.unwrap_or(0.0) + dyad.imports_b_from_a.unwrap_or(0.0);
                if dyad.imports_a_from_b.is_none() && dyad.imports_b_from_a.is_none() {
                    continue;
                }
                for (me, other) in [(&dyad.a, &dyad.b), (&dyad.b, &dyad.a)] {
                    let slot = if other == "CHN" {
                        Some(0)
                    } else if other == "RUS" {
                        Some(1)
                    } else if west.iter().any(|w| w == other) {
                        Some(2)
                    } else {
                        None
                    };
                    if let Some(slot) = slot {
                        flows.entry(me.as_str()).or_insert([0.0; 3])[slot] += total;
                    }
                }
            }
            for (s, state) in states.iter().enumerate() {
                let code = state.iso3.as_str();
                let total = match (
                    national.imports_usd.get(code, year),
                    national.exports_usd.get(code, year),
                ) {
                    (Some(m), Some(x)) if m + x > 0.0 => m + x,
                    _ => continue,
                };
                let Some(f) = flows.get(code) else { continue };
                let i = at(s, year);
                let covered = dyadic.covers(code);
                if s != CHN {
                    observed[Target::TradeShareChn.slot()][i] = Some((f[0] / total).min(1.0));
                }
                if s != RUS {
                    observed[Target::TradeShareRus.slot()][i] = Some((f[1] / total).min(1.0));
                }
                // Flows with the West are in the extract only for the states it was cut
                // around; for the others (Turkmenistan, the United States) they are absent.
                if covered && s != USA {
                    observed[Target::TradeShareWest.slot()][i] = Some((f[2] / total).min(1.0));
                }
            }
        }

        // SCO status.
        for year in FIRST_YEAR..=LAST_YEAR {
            let snapshot = history.snapshot(mid_year(year));
            for (s, state) in states.iter().enumerate() {
                let iso3: sco_ledger::Iso3 = state.iso3.parse().map_err(|_| {
                    ScenarioDataError::Missing(format!("`{}` is not an ISO3 code", state.iso3))
                })?;
                observed[Target::ScoStatus.slot()][at(s, year)] =
                    Some(level(snapshot.organization.standing(iso3)));
            }
        }

        // Ties: the collective-security treaty and US bases.
        let ties = crate::norms::sources::embedded_ties()?;
        let mut csto = vec![false; n * WIDTH];
        let mut us_base = vec![false; n * WIDTH];
        for tie in ties.iter().filter(|t| t.kind == TieKind::Security) {
            for (s, state) in states.iter().enumerate() {
                if !tie.states.contains(&state.iso3) {
                    continue;
                }
                for year in FIRST_YEAR..=LAST_YEAR {
                    if tie.in_force(mid_year(year)) {
                        match tie.camp {
                            Camp::Sco => csto[at(s, year)] = true,
                            Camp::West => us_base[at(s, year)] = true,
                        }
                    }
                }
            }
        }

        // Layering: CIS (1230), CSTO (1125), EurAsEC (1545), full memberships.
        let igo_last_year = igo.rows.iter().map(|r| r.year).max().unwrap_or(FIRST_YEAR);
        let mut layering = vec![None; n * WIDTH];
        for s in 0..n {
            for year in FIRST_YEAR..=igo_last_year.min(LAST_YEAR) {
                layering[at(s, year)] = Some(0.0);
            }
        }
        for row in &igo.rows {
            if ![1230, 1125, 1545].contains(&row.ionum) || row.status_code != 1 {
                continue;
            }
            if !(FIRST_YEAR..=LAST_YEAR).contains(&row.year) {
                continue;
            }
            if let Some(s) = states.iter().position(|st| st.iso3 == row.iso3) {
                if let Some(v) = layering[at(s, row.year)].as_mut() {
                    *v += 1.0;
                }
            }
        }

        let events = crate::norms::sources::embedded_events()?
            .into_iter()
            .map(|e| InsecurityEvent {
                post_soviet: POST_SOVIET.contains(&e.state.as_str()),
                iso3: e.state,
                year: chrono::Datelike::year(&e.date),
                overthrow: e.kind == EventKind::Overthrow,
            })
            .collect();
        let sanctions = parse_sanctions(SANCTIONS_FILE, SANCTIONS_TEXT)?;
        let gaps = vec![
            format!("UNGA ideal points and agreement end in {unga_last_year}: the UNGA targets are scored to {unga_last_year} only."),
            format!("COW trade ends in {trade_last_year}: trade shares after {trade_last_year} are simulated by the model, never carried forward, and scored to {trade_last_year} only (origins after {trade_last_year} have no trade targets)."),
            "COW trade has no flows between Turkmenistan and the West (the extract holds only dyads with a side in the SCO-related set): its Western share is missing.".to_owned(),
            format!("COW IGO memberships end in {igo_last_year}: after {igo_last_year} the layering module holds each state's {igo_last_year} count (the EAEU of 2015 is not yet in the data)."),
            "The collective-security treaty and US bases come from the sourced ties of the norms scenario (data/scenarios/norms/ties.toml).".to_owned(),
        ];
        Ok(WorldInputs {
            states,
            observed,
            csto,
            us_base,
            layering,
            events,
            sanctions,
            unga_last_year,
            trade_last_year,
            igo_last_year,
            gaps,
        })
    }

    /// Observed value of `target` for state `s` in `year` (`None` outside the tables).
    pub fn obs(&self, target: Target, s: usize, year: i32) -> Option<f64> {
        if !(FIRST_YEAR..=LAST_YEAR).contains(&year) {
            return None;
        }
        self.observed[target.slot()][at(s, year)]
    }

    /// Layering count in `year`, the last COW IGO year's value after it.
    pub fn layering_at(&self, s: usize, year: i32) -> f64 {
        let y = year.clamp(FIRST_YEAR, self.igo_last_year.min(LAST_YEAR));
        self.layering[at(s, y)].unwrap_or(0.0)
    }

    /// Whether a sanction of `kind` is in force on state `s` in `year`.
    pub fn sanctioned(&self, s: usize, kind: SanctionKind, year: i32) -> bool {
        let code = &self.states[s].iso3;
        self.sanctions
            .iter()
            .any(|x| x.kind == kind && &x.target == code && x.in_force(year))
    }

    /// Whether western sanctions on `s` started in `year`.
    pub fn sanction_starts(&self, s: usize, year: i32) -> bool {
        let code = &self.states[s].iso3;
        self.sanctions.iter().any(|x| {
            x.kind == SanctionKind::Western
                && &x.target == code
                && chrono::Datelike::year(&x.from) == year
        })
    }

    /// Index of a state by code.
    pub fn index(&self, iso3: &str) -> Option<usize> {
        self.states.iter().position(|s| s.iso3 == iso3)
    }

    /// A digest of the observables up to `year`: the provenance of a calibration.
    pub fn digest_through(&self, year: i32) -> String {
        let mut text = String::new();
        for target in TARGETS {
            for s in 0..self.states.len() {
                for y in FIRST_YEAR..=year.min(LAST_YEAR) {
                    if let Some(v) = self.obs(target, s, y) {
                        text.push_str(&format!("{}{s}{y}{v:.6};", target.slot()));
                    }
                }
            }
        }
        sco_sim::sweep::fnv1a(&text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sanctions_file_parses_and_bad_fields_name_the_line() {
        let parsed = parse_sanctions(SANCTIONS_FILE, SANCTIONS_TEXT).unwrap();
        assert!(parsed.iter().any(|s| s.target == "IRN" && s.in_force(2010)));
        assert!(!parsed.iter().any(|s| s.target == "IRN" && s.in_force(2017)));
        let bad = "[[sanction]]\nid = \"x\"\ntarget = \"RUS\"\nkind = \"un\"\nfrom = \"2014-07-31\"\nsource = \"s\"\ncolour = 1\n";
        let err = parse_sanctions("f.toml", bad).unwrap_err().to_string();
        assert!(err.starts_with("f.toml:"), "{err}");
    }

    #[test]
    fn embedded_inputs_hold_the_known_facts() {
        let inputs = WorldInputs::embedded().unwrap();
        let ind = inputs.index("IND").unwrap();
        assert_eq!(inputs.obs(Target::ScoStatus, ind, 2016), Some(3.0));
        assert_eq!(inputs.obs(Target::ScoStatus, ind, 2017), Some(4.0));
        assert_eq!(inputs.obs(Target::ScoStatus, ind, 2004), Some(0.0));
        assert_eq!(inputs.obs(Target::ScoStatus, ind, 2006), Some(2.0));
        let kaz = inputs.index("KAZ").unwrap();
        let share = inputs.obs(Target::TradeShareChn, kaz, 2010).unwrap();
        assert!(share > 0.05 && share < 0.6, "{share}");
        assert!(inputs.obs(Target::TradeShareChn, kaz, 2015).is_none());
        assert!(inputs.obs(Target::AgreeChn, CHN, 2010).is_none());
        assert!(inputs.obs(Target::IdealPoint, kaz, 2020).is_some());
        assert!(inputs.csto[at(kaz, 2010)]);
        let uzb = inputs.index("UZB").unwrap();
        assert!(inputs.us_base[at(uzb, 2003)] && !inputs.us_base[at(uzb, 2007)]);
    }
}
