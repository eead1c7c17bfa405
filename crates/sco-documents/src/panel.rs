//! The SCO as researchers merge it: a state-year panel (`sco panel --json`), dyad-years of joint
//! membership (`sco panel dyads --json`) and the comparison with the Correlates of War IGO data.
//!
//! Each row's status is the ledger's replay on one stated day of the year (31 December unless
//! asked otherwise), so the panel says exactly what `sco members --at YEAR-MM-DD` says. The state
//! system (which states have a row in a year) comes from the country-code list: see
//! [`StateSystem`] and `docs/panel.md`.

use std::collections::BTreeMap;
use std::fmt;

use chrono::NaiveDate;
use sco_data::{DataError, Datasets, Measure, SCO_IONUM};
use sco_domain::status::Framework;
use sco_domain::{Iso3, Status};
use sco_ledger::{History, Ledger, MembershipRow};
use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

/// The panel starts with the record ([`crate::organization::FIRST_YEAR`]).
pub use crate::organization::FIRST_YEAR;

/// The longest panel one request may ask for, in years.
pub const MAX_YEARS: i32 = 200;

/// How our statuses become the COW IGO codes (`igo_code`), in words, printed in the metadata.
pub const IGO_CODE_RULE: &str = "igo_code follows the COW IGO v3 coding: 0 no status, 1 full member (member; Shanghai Five participants 1996-2001 included, as COW codes them), 3 observer (observer, dialogue_partner and partner). COW's 2 (associate member) is never used: no SCO status is a form of membership with partial rights; dialogue partners and partners attend some meetings without a vote, like observers. The status column keeps the finer distinction.";

/// Which states have a row in a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StateSystem {
    /// Correlates of War state system: states with a COW code.
    Cow,
    /// Gleditsch and Ward's list of independent states: states with a GW code.
    Gw,
    /// Every sovereign state with an ISO 3166 code (the list's `is_independent` is `Yes`), or
    /// with a COW or GW code (Kosovo).
    Iso3,
}

impl StateSystem {
    /// Parses `cow`, `gw` or `iso3`.
    pub fn parse(text: &str) -> Option<StateSystem> {
        match text {
            "cow" => Some(StateSystem::Cow),
            "gw" => Some(StateSystem::Gw),
            "iso3" => Some(StateSystem::Iso3),
            _ => None,
        }
    }

    /// The name as parsed.
    pub fn as_str(self) -> &'static str {
        match self {
            StateSystem::Cow => "cow",
            StateSystem::Gw => "gw",
            StateSystem::Iso3 => "iso3",
        }
    }

    fn rule(self) -> &'static str {
        match self {
            StateSystem::Cow => "every state with a COW state number (cow_code) in data/datasets/country_codes.csv",
            StateSystem::Gw => "every state with a Gleditsch-Ward number (gw_code) in data/datasets/country_codes.csv",
            StateSystem::Iso3 => "every state marked independent, or with a COW or GW number, in data/datasets/country_codes.csv",
        }
    }
}

/// States that entered the state systems after 1 January 1996, with the day they did (COW
/// `states2016` and Gleditsch-Ward agree on these days); each has rows from its first
/// observation day on or after this date. The code list records no membership years, so every
/// other state is in the system for every year of the panel.
pub const ENTRIES_SINCE_1996: [(&str, (i32, u32, u32)); 4] = [
    ("TLS", (2002, 5, 20)),
    ("MNE", (2006, 6, 3)),
    ("XKX", (2008, 2, 17)),
    ("SSD", (2011, 7, 9)),
];

/// The day of the year on which statuses are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DayOfYear {
    pub month: u32,
    pub day: u32,
}

impl Default for DayOfYear {
    fn default() -> Self {
        DayOfYear { month: 12, day: 31 }
    }
}

impl DayOfYear {
    /// Parses `MM-DD`. 29 February is refused: most years do not have it.
    pub fn parse(text: &str) -> Option<DayOfYear> {
        let (month, day) = text.split_once('-')?;
        if month.len() != 2 || day.len() != 2 {
            return None;
        }
        let day = DayOfYear {
            month: month.parse().ok()?,
            day: day.parse().ok()?,
        };
        // 2001 is not a leap year: a day valid in it is valid in every year.
        NaiveDate::from_ymd_opt(2001, day.month, day.day).map(|_| day)
    }

    /// The day in `year`.
    pub fn in_year(self, year: i32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(year, self.month, self.day)
    }
}

impl fmt::Display for DayOfYear {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}-{:02}", self.month, self.day)
    }
}

/// What a panel request asks for.
#[derive(Debug, Clone, PartialEq)]
pub struct PanelRequest {
    pub from: i32,
    pub to: i32,
    pub system: StateSystem,
    pub day: DayOfYear,
    /// Indicators joined to each row (`--with`), in the order asked.
    pub with: Vec<Measure>,
}

impl PanelRequest {
    /// 1996 to `to`, COW system, 31 December, no indicators.
    pub fn new(to: i32) -> Self {
        PanelRequest {
            from: FIRST_YEAR,
            to,
            system: StateSystem::Cow,
            day: DayOfYear::default(),
            with: Vec::new(),
        }
    }
}

/// Why a panel cannot be built. Each front end words the parameter's name.
#[derive(Debug, thiserror::Error)]
pub enum PanelError {
    #[error("`{0}` is not a state system: expected cow, gw or iso3")]
    System(String),
    #[error("`{0}` is not a day of the year: expected MM-DD such as 12-31 (02-29 is refused: most years lack it)")]
    Day(String),
    #[error("the panel starts in {FIRST_YEAR}, the Shanghai Five's first summit; {0} is earlier")]
    TooEarly(i32),
    #[error("the years run backwards: {from} is after {to}")]
    Backwards { from: i32, to: i32 },
    #[error("{0} years is too long a panel: at most {MAX_YEARS}")]
    TooLong(i32),
    #[error("`{0}` is not an indicator: expected one of population, gdp_usd, gdp_ppp, milex_usd, milex_sipri, merch_trade, area, cinc")]
    Indicator(String),
    #[error(transparent)]
    Data(#[from] DataError),
}

/// Parses a comma-separated `--with` list (empty items are ignored, repeats refused as such).
pub fn parse_indicators(text: &str) -> Result<Vec<Measure>, PanelError> {
    let mut measures = Vec::new();
    for item in text.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        let measure = Measure::parse(item).ok_or_else(|| PanelError::Indicator(item.into()))?;
        if !measures.contains(&measure) {
            measures.push(measure);
        }
    }
    Ok(measures)
}

/// One state in one year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PanelRow {
    pub year: i32,
    pub iso3: String,
    /// COW state number.
    pub ccode: Option<u16>,
    /// Gleditsch-Ward state number.
    pub gwcode: Option<u16>,
    /// `none`, `member`, `observer`, `dialogue_partner` or `partner`.
    pub status: &'static str,
    /// The COW-IGO-style code of the status (see [`IGO_CODE_RULE`]).
    pub igo_code: u8,
    /// `shanghai_five` or `sco` for a status holder.
    pub framework: Option<&'static str>,
    /// The stage of an ongoing accession.
    pub accession_stage: Option<&'static str>,
    pub suspended: bool,
    /// The ledger's uncertainty flags on the status, kinds joined by `;` (empty when none).
    pub flags: String,
    /// Indicators asked for with `--with`, `null` when the dataset has no value.
    #[serde(flatten)]
    pub indicators: Indicators,
}

/// Indicator values of a row, serialized as fields of the row in the order asked.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Indicators(pub Vec<(Measure, Option<f64>)>);

impl Serialize for Indicators {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (measure, value) in &self.0 {
            map.serialize_entry(measure.id(), value)?;
        }
        map.end()
    }
}

/// An indicator joined to the panel, with its source.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IndicatorInfo {
    pub id: &'static str,
    pub label: &'static str,
    pub unit: &'static str,
    pub series: &'static str,
    pub source: &'static str,
}

/// How the panel was made, for the reader of `--json`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PanelMetadata {
    /// `state-year`.
    pub unit: &'static str,
    pub from: i32,
    pub to: i32,
    pub system: StateSystem,
    /// The day of the year the status is read on (`MM-DD`).
    pub day: String,
    /// The rule, in words.
    pub status_rule: String,
    /// Which states have rows, in words.
    pub states_rule: String,
    pub igo_code_rule: &'static str,
    /// The last date the ledger records an event on.
    pub ledger_through: Option<NaiveDate>,
    /// Years whose observation day falls after `ledger_through` (their statuses may miss events).
    pub years_after_coverage: Vec<i32>,
    pub indicators: Vec<IndicatorInfo>,
    pub row_count: usize,
}

/// The state-year panel.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PanelDocument {
    pub metadata: PanelMetadata,
    pub rows: Vec<PanelRow>,
}

/// The codes of one state in the system.
#[derive(Debug, Clone, PartialEq, Eq)]
struct StateCodes {
    iso3: String,
    ccode: Option<u16>,
    gwcode: Option<u16>,
    entered: Option<NaiveDate>,
}

/// Checks a request's years.
pub fn check_years(from: i32, to: i32) -> Result<(), PanelError> {
    if from < FIRST_YEAR {
        return Err(PanelError::TooEarly(from));
    }
    if to < from {
        return Err(PanelError::Backwards { from, to });
    }
    if to - from + 1 > MAX_YEARS {
        return Err(PanelError::TooLong(to - from + 1));
    }
    Ok(())
}

fn system_states(
    data: &dyn Datasets,
    history: &History,
    system: StateSystem,
) -> Result<Vec<StateCodes>, PanelError> {
    let countries = data.countries()?;
    let entered = |iso3: &str| {
        ENTRIES_SINCE_1996
            .iter()
            .find(|(code, _)| *code == iso3)
            .and_then(|(_, (y, m, d))| NaiveDate::from_ymd_opt(*y, *m, *d))
    };
    let mut states: BTreeMap<String, StateCodes> = countries
        .iter()
        .filter(|c| match system {
            StateSystem::Cow => c.cow_code.is_some(),
            StateSystem::Gw => c.gw_code.is_some(),
            StateSystem::Iso3 => c.independent || c.cow_code.is_some() || c.gw_code.is_some(),
        })
        .map(|c| {
            (
                c.iso3.clone(),
                StateCodes {
                    iso3: c.iso3.clone(),
                    ccode: c.cow_code,
                    gwcode: c.gw_code,
                    entered: entered(&c.iso3),
                },
            )
        })
        .collect();
    // A state the ledger gives a status always has rows, whatever the list says.
    for entry in &history.timeline {
        let iso3 = entry.event.state.as_str().to_string();
        states.entry(iso3.clone()).or_insert_with(|| {
            let country = countries.get(&iso3);
            StateCodes {
                iso3: iso3.clone(),
                ccode: country.and_then(|c| c.cow_code),
                gwcode: country.and_then(|c| c.gw_code),
                entered: entered(&iso3),
            }
        });
    }
    Ok(states.into_values().collect())
}

/// The COW-IGO-style code of a status.
pub fn igo_code(status: Option<Status>) -> u8 {
    match status {
        None => 0,
        Some(Status::Member) => 1,
        Some(Status::Observer | Status::DialoguePartner | Status::Partner) => 3,
    }
}

fn framework_name(framework: Framework) -> &'static str {
    match framework {
        Framework::ShanghaiFive => "shanghai_five",
        Framework::Sco => "sco",
    }
}

fn indicator_value(
    data: &dyn Datasets,
    measure: Measure,
    iso3: &str,
    year: i32,
) -> Result<Option<f64>, DataError> {
    Ok(match measure {
        Measure::Population => data.world_bank()?.population.get(iso3, year),
        Measure::GdpUsd => data.world_bank()?.gdp_usd.get(iso3, year),
        Measure::GdpPpp => data.world_bank()?.gdp_ppp.get(iso3, year),
        Measure::MilexUsd => data.world_bank()?.milex_usd.get(iso3, year),
        Measure::MilexSipri => data.sipri()?.milex_usd.get(iso3, year),
        Measure::MerchTrade => {
            let wb = data.world_bank()?;
            match (
                wb.merch_exports.get(iso3, year),
                wb.merch_imports.get(iso3, year),
            ) {
                (Some(x), Some(m)) => Some(x + m),
                _ => None,
            }
        }
        Measure::Area => data.areas()?.get(iso3),
        Measure::Cinc => data.nmc()?.cinc.get(iso3, year),
    })
}

/// The state-year panel: one row per state of the system and year, the status read on the
/// request's day of each year.
pub fn panel(
    ledger: &Ledger,
    history: &History,
    data: &dyn Datasets,
    request: &PanelRequest,
) -> Result<PanelDocument, PanelError> {
    check_years(request.from, request.to)?;
    let states = system_states(data, history, request.system)?;
    let through = ledger.recorded_through();
    let mut rows = Vec::new();
    let mut years_after_coverage = Vec::new();
    for year in request.from..=request.to {
        let Some(date) = request.day.in_year(year) else {
            continue;
        };
        if through.is_some_and(|t| date > t) {
            years_after_coverage.push(year);
        }
        let snapshot = history.snapshot(date);
        let holders: BTreeMap<String, MembershipRow> = snapshot
            .rows(ledger)
            .into_iter()
            .map(|r| (r.iso3.as_str().to_string(), r))
            .collect();
        for state in states
            .iter()
            .filter(|s| s.entered.is_none_or(|e| e <= date))
        {
            let holder = holders.get(&state.iso3);
            let accession = holder.and_then(|h| h.accession_stage).or_else(|| {
                Iso3::parse(&state.iso3)
                    .ok()
                    .and_then(|iso3| snapshot.organization.standing(iso3))
                    .and_then(|s| s.accession)
            });
            let mut indicators = Vec::with_capacity(request.with.len());
            for measure in &request.with {
                indicators.push((
                    *measure,
                    indicator_value(data, *measure, &state.iso3, year)?,
                ));
            }
            rows.push(PanelRow {
                year,
                iso3: state.iso3.clone(),
                ccode: state.ccode,
                gwcode: state.gwcode,
                status: holder.map_or("none", |h| h.status.as_str()),
                igo_code: igo_code(holder.map(|h| h.status)),
                framework: holder.map(|h| framework_name(h.framework)),
                accession_stage: accession.map(|a| a.as_str()),
                suspended: holder.is_some_and(|h| h.suspended),
                flags: holder.map_or_else(String::new, |h| {
                    h.flags
                        .iter()
                        .map(|f| f.kind.as_str())
                        .collect::<Vec<_>>()
                        .join(";")
                }),
                indicators: Indicators(indicators),
            });
        }
    }
    let metadata = PanelMetadata {
        unit: "state-year",
        from: request.from,
        to: request.to,
        system: request.system,
        day: request.day.to_string(),
        status_rule: format!(
            "status held on YEAR-{} of each year (after that day's changes), replayed from the SCO Twin ledger (data/ledger); none when the state held no SCO status that day",
            request.day
        ),
        states_rule: format!(
            "{}; states that entered the system after 1 January 1996 (TLS 2002-05-20, MNE 2006-06-03, XKX 2008-02-17, SSD 2011-07-09) have rows from the first observation day after their entry; every other state has a row in every year (the code list records no membership years); a state the ledger gives a status always has rows",
            request.system.rule()
        ),
        igo_code_rule: IGO_CODE_RULE,
        ledger_through: through,
        years_after_coverage,
        indicators: request
            .with
            .iter()
            .map(|m| IndicatorInfo {
                id: m.id(),
                label: m.label(),
                unit: m.unit(),
                series: m.series(),
                source: m.source().citation,
            })
            .collect(),
        row_count: rows.len(),
    };
    Ok(PanelDocument { metadata, rows })
}

/// One undirected dyad in one year (`iso3_a` sorts before `iso3_b`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DyadRow {
    pub year: i32,
    pub iso3_a: String,
    pub iso3_b: String,
    pub ccode_a: Option<u16>,
    pub ccode_b: Option<u16>,
    pub gwcode_a: Option<u16>,
    pub gwcode_b: Option<u16>,
    pub status_a: &'static str,
    pub status_b: &'static str,
    /// Both are members.
    pub joint_member: bool,
    /// Both hold some SCO status (member, observer, dialogue partner or partner).
    pub joint_status: bool,
}

/// How the dyads were made.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DyadMetadata {
    /// `dyad-year`.
    pub unit: &'static str,
    /// `undirected`.
    pub direction: &'static str,
    pub from: i32,
    pub to: i32,
    pub system: StateSystem,
    pub day: String,
    /// Which dyads are listed, in words.
    pub dyads_rule: &'static str,
    pub row_count: usize,
}

/// Dyad-years of joint membership.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DyadDocument {
    pub metadata: DyadMetadata,
    pub rows: Vec<DyadRow>,
}

/// The dyads of a year from the panel rows: every pair of states of the system in which at
/// least one side holds an SCO status, each pair once.
pub fn dyads(
    ledger: &Ledger,
    history: &History,
    data: &dyn Datasets,
    request: &PanelRequest,
) -> Result<DyadDocument, PanelError> {
    let plain = PanelRequest {
        with: Vec::new(),
        ..request.clone()
    };
    let panel = panel(ledger, history, data, &plain)?;
    let mut rows = Vec::new();
    let mut start = 0;
    while start < panel.rows.len() {
        let year = panel.rows[start].year;
        let end = start + panel.rows[start..].partition_point(|r| r.year == year);
        let states = &panel.rows[start..end];
        for (i, a) in states.iter().enumerate() {
            for b in &states[i + 1..] {
                if a.status == "none" && b.status == "none" {
                    continue;
                }
                rows.push(DyadRow {
                    year,
                    iso3_a: a.iso3.clone(),
                    iso3_b: b.iso3.clone(),
                    ccode_a: a.ccode,
                    ccode_b: b.ccode,
                    gwcode_a: a.gwcode,
                    gwcode_b: b.gwcode,
                    status_a: a.status,
                    status_b: b.status,
                    joint_member: a.status == "member" && b.status == "member",
                    joint_status: a.status != "none" && b.status != "none",
                });
            }
        }
        start = end;
    }
    Ok(DyadDocument {
        metadata: DyadMetadata {
            unit: "dyad-year",
            direction: "undirected",
            from: request.from,
            to: request.to,
            system: request.system,
            day: request.day.to_string(),
            dyads_rule: "each unordered pair of states of the system once (iso3_a sorts before iso3_b), in the years in which at least one of the two holds an SCO status on the day; a pair not listed has joint_member false",
            row_count: rows.len(),
        },
        rows,
    })
}

/// A run of years in which our panel and COW's IGO data code a state differently.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CowDisagreement {
    pub iso3: String,
    pub ccode: Option<u16>,
    pub from: i32,
    pub to: i32,
    /// Our status on 31 December.
    pub ours: &'static str,
    /// Our status as a COW code.
    pub ours_igo_code: u8,
    /// COW's code (0 when COW does not list the state).
    pub cow_igo_code: u8,
}

/// Every state-year of 1996 to COW's last year (2014) on which the panel's `igo_code` (31
/// December, COW system) differs from the SCO's row in the COW IGO data, grouped into runs of
/// consecutive years with the same pair of codes, by state then year.
pub fn cow_igo_disagreements(
    ledger: &Ledger,
    history: &History,
    data: &dyn Datasets,
    cow: &sco_data::CowIgo,
) -> Result<Vec<CowDisagreement>, PanelError> {
    let Some((first, last)) = cow.years_of(SCO_IONUM) else {
        return Ok(Vec::new());
    };
    let mut request = PanelRequest::new(last);
    request.from = first.max(FIRST_YEAR);
    let panel = panel(ledger, history, data, &request)?;
    let mut cow_codes: BTreeMap<(String, i32), u8> = BTreeMap::new();
    for row in cow.of(SCO_IONUM) {
        cow_codes.insert((row.iso3.clone(), row.year), row.status_code);
    }
    // Per state: (year, our status, our code, COW's code, ccode).
    type Disagreeing = (i32, &'static str, u8, u8, Option<u16>);
    let mut by_state: BTreeMap<String, Vec<Disagreeing>> = BTreeMap::new();
    for row in &panel.rows {
        let theirs = cow_codes.remove(&(row.iso3.clone(), row.year)).unwrap_or(0);
        if theirs != row.igo_code {
            by_state.entry(row.iso3.clone()).or_default().push((
                row.year,
                row.status,
                row.igo_code,
                theirs,
                row.ccode,
            ));
        }
    }
    // COW rows for states outside our system (none today) disagree with our "no row".
    for ((iso3, year), code) in cow_codes {
        by_state
            .entry(iso3)
            .or_default()
            .push((year, "none", 0, code, None));
    }
    let mut runs = Vec::new();
    for (iso3, mut years) in by_state {
        years.sort();
        for (year, ours, ours_code, cow_code, ccode) in years {
            match runs.last_mut() {
                Some(CowDisagreement {
                    iso3: run_iso3,
                    to,
                    ours: run_ours,
                    cow_igo_code,
                    ..
                }) if *run_iso3 == iso3
                    && *to + 1 == year
                    && *run_ours == ours
                    && *cow_igo_code == cow_code =>
                {
                    *to = year;
                }
                _ => runs.push(CowDisagreement {
                    iso3: iso3.clone(),
                    ccode,
                    from: year,
                    to: year,
                    ours,
                    ours_igo_code: ours_code,
                    cow_igo_code: cow_code,
                }),
            }
        }
    }
    Ok(runs)
}

/// The disagreements as the Markdown table of `docs/panel.md`.
pub fn disagreements_markdown(runs: &[CowDisagreement]) -> String {
    let mut text = String::from(
        "| state | ccode | years | ours (31 Dec) | ours as igo_code | COW IGO v3 |\n|---|---|---|---|---|---|\n",
    );
    for run in runs {
        let years = if run.from == run.to {
            run.from.to_string()
        } else {
            format!("{}–{}", run.from, run.to)
        };
        text.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} |\n",
            run.iso3,
            run.ccode.map_or(String::new(), |c| c.to_string()),
            years,
            run.ours,
            run.ours_igo_code,
            match run.cow_igo_code {
                0 => "not listed (0)",
                1 => "full member (1)",
                2 => "associate (2)",
                _ => "observer (3)",
            }
        ));
    }
    text
}
