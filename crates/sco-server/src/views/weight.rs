//! The weight of the SCO (or any grouping) in the world: one date (`sco weight --json`) and year
//! by year (`sco weight series --json`), computed by `sco-indicators` from the embedded datasets.

use chrono::NaiveDate;
use sco_indicators::{
    weight, Group, GroupSpec, IndicatorError, Measure, MeasureFigure, MissingPolicy, ScoMembership,
    ScoTier, SourceRef, Weight, WeightOptions, WorldTotal,
};
use sco_ledger::History;
use serde::Serialize;

/// The measures `sco weight` computes when none are asked for.
pub const DEFAULT_MEASURES: &str = "population,gdp_usd,gdp_ppp,milex_usd,merch_trade,area";
/// The measures `sco weight series` computes when none are asked for.
pub const DEFAULT_SERIES_MEASURES: &str = "population,gdp_usd,gdp_ppp";
/// The measures always present in the JSON of `sco weight` (their shares are top-level fields).
pub const CORE: [Measure; 3] = [Measure::Population, Measure::GdpUsd, Measure::GdpPpp];

/// What is wrong with a weight request, in words for the client.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum WeightRequestError {
    /// A parameter value that cannot be used; the text names the parameter.
    #[error("{0}")]
    Invalid(String),
    /// The indicator library refused the grouping or failed on its data.
    #[error(transparent)]
    Indicator(#[from] IndicatorError),
}

/// The grouping and options of a request, as `sco weight` takes them.
#[derive(Debug, Clone)]
pub struct GroupRequest<'a> {
    /// `members`, `members+observers`, `nato`, `shanghai-five`, `list:CHN,RUS`, ...
    pub group: &'a str,
    /// States to add (ISO3, comma-separated).
    pub with: Option<&'a str>,
    /// States to leave out (ISO3, comma-separated).
    pub without: Option<&'a str>,
    /// `skip`, `require` or `nearest:N`.
    pub missing: &'a str,
    /// `aggregate` or `sum-of-countries`.
    pub world: &'a str,
}

impl Default for GroupRequest<'_> {
    fn default() -> Self {
        GroupRequest {
            group: "members",
            with: None,
            without: None,
            missing: "skip",
            world: "aggregate",
        }
    }
}

impl GroupRequest<'_> {
    /// The weight options asked for.
    pub fn options(&self) -> Result<WeightOptions, WeightRequestError> {
        let missing = MissingPolicy::parse(self.missing).ok_or_else(|| {
            WeightRequestError::Invalid(format!(
                "parameter `missing`: `{}` is not a missing-data policy: expected skip, require or nearest:N (N ≤ 20)",
                self.missing
            ))
        })?;
        let world = match self.world {
            "aggregate" => WorldTotal::Aggregate,
            "sum-of-countries" => WorldTotal::SumOfCountries,
            other => {
                return Err(WeightRequestError::Invalid(format!(
                    "parameter `world`: `{other}` is not a world total: expected aggregate or sum-of-countries"
                )))
            }
        };
        Ok(WeightOptions { missing, world })
    }

    /// The grouping's specification with membership read on `at`.
    pub fn spec(&self, at: NaiveDate) -> Result<GroupSpec, WeightRequestError> {
        group_spec(
            self.group,
            at,
            &parse_codes(self.with),
            &parse_codes(self.without),
        )
    }
}

/// Turns a grouping as typed into a specification, as the CLI does: SCO tiers, organizations
/// and named sets may be given bare (their date is `at`); anything with a colon is a full
/// specification.
pub fn group_spec(
    text: &str,
    at: NaiveDate,
    with: &[String],
    without: &[String],
) -> Result<GroupSpec, WeightRequestError> {
    let text = text.trim();
    let mut full = if text.contains(':') {
        text.to_string()
    } else if text == "sco" {
        format!("sco:members@{at}")
    } else if ScoTier::parse(text).is_some() {
        format!("sco:{text}@{at}")
    } else if matches!(text, "nato" | "eu" | "g7" | "brics") {
        format!("org:{text}@{at}")
    } else {
        format!("named:{text}")
    };
    if !without.is_empty() {
        full.push_str(&format!(" without {}", without.join(",")));
    }
    if !with.is_empty() {
        full.push_str(&format!(" with {}", with.join(",")));
    }
    Ok(GroupSpec::parse(&full)?)
}

/// The same specification with its membership date moved (series re-read membership yearly).
pub fn respec_at(spec: &GroupSpec, date: NaiveDate) -> GroupSpec {
    match spec {
        GroupSpec::Sco { tier, .. } => GroupSpec::Sco { tier: *tier, date },
        GroupSpec::Organization { id, .. } => GroupSpec::Organization {
            id: id.clone(),
            date,
        },
        GroupSpec::Modified {
            base,
            with,
            without,
        } => GroupSpec::Modified {
            base: Box::new(respec_at(base, date)),
            with: with.clone(),
            without: without.clone(),
        },
        other => other.clone(),
    }
}

/// Parses a comma-separated list of ISO3 codes (upper-cased).
pub fn parse_codes(text: Option<&str>) -> Vec<String> {
    text.map(|t| {
        t.split(',')
            .map(|c| c.trim().to_ascii_uppercase())
            .filter(|c| !c.is_empty())
            .collect()
    })
    .unwrap_or_default()
}

/// Parses a comma-separated list of measures, without repeats.
pub fn parse_measures(text: &str) -> Result<Vec<Measure>, WeightRequestError> {
    let mut out = Vec::new();
    for name in text.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        let measure = Measure::parse(name).ok_or_else(|| {
            let known: Vec<&str> = Measure::ALL.iter().map(|m| m.id()).collect();
            WeightRequestError::Invalid(format!(
                "parameter `measures`: unknown measure `{name}`: expected one of {}",
                known.join(", ")
            ))
        })?;
        if !out.contains(&measure) {
            out.push(measure);
        }
    }
    if out.is_empty() {
        return Err(WeightRequestError::Invalid(
            "parameter `measures`: no measure given".into(),
        ));
    }
    Ok(out)
}

/// The JSON object of `sco weight --json`, field for field.
#[derive(Debug, Serialize)]
pub struct WeightJson<'a> {
    pub grouping: &'a str,
    pub grouping_spec: &'a str,
    pub membership_date: Option<NaiveDate>,
    pub membership_source: &'a str,
    pub members: &'a [String],
    pub data_year: i32,
    /// Fractions of the world (0–1), `null` when not computable (see `measures`).
    pub population_share: Option<f64>,
    pub gdp_usd_share: Option<f64>,
    pub gdp_ppp_share: Option<f64>,
    pub sources: Vec<SourceRef>,
    pub missing_policy: String,
    pub world_total: WorldTotal,
    pub measures: &'a [MeasureFigure],
}

impl<'a> WeightJson<'a> {
    /// The JSON view of a computed weight.
    pub fn new(w: &'a Weight) -> Self {
        let mut sources: Vec<SourceRef> = Vec::new();
        for f in &w.measures {
            if !sources.contains(&f.source) {
                sources.push(f.source.clone());
            }
        }
        WeightJson {
            grouping: &w.group.label,
            grouping_spec: &w.group.spec,
            membership_date: w.group.membership_date,
            membership_source: &w.group.source,
            members: &w.group.members,
            data_year: w.year,
            population_share: w.share(Measure::Population),
            gdp_usd_share: w.share(Measure::GdpUsd),
            gdp_ppp_share: w.share(Measure::GdpPpp),
            sources,
            missing_policy: w.options.missing.to_string(),
            world_total: w.options.world,
            measures: &w.measures,
        }
    }
}

/// The weight of a grouping on `date` in data year `year`; the core measures are always added,
/// as `sco weight --json` adds them.
pub fn weight_on(
    sco: &dyn ScoMembership,
    request: &GroupRequest<'_>,
    date: NaiveDate,
    year: i32,
    measures: &str,
) -> Result<Weight, WeightRequestError> {
    let options = request.options()?;
    let mut measures = parse_measures(measures)?;
    for m in CORE {
        if !measures.contains(&m) {
            measures.push(m);
        }
    }
    let group = resolve(&request.spec(date)?, sco)?;
    Ok(weight(
        &sco_data::Embedded,
        &group,
        year,
        &measures,
        &options,
    )?)
}

fn resolve(spec: &GroupSpec, sco: &dyn ScoMembership) -> Result<Group, IndicatorError> {
    spec.resolve(&sco_data::Embedded, sco)
}

/// One year of a series, as `sco weight series --json` prints it.
#[derive(Debug, Clone, Serialize)]
pub struct SeriesPoint {
    pub year: i32,
    pub membership_date: Option<NaiveDate>,
    pub members: Vec<String>,
    /// `[measure, share]` pairs.
    pub shares: Vec<(Measure, Option<f64>)>,
    /// `[measure, [states without data]]` pairs, for measures with gaps.
    pub missing: Vec<(Measure, Vec<String>)>,
}

/// The shares of the world year by year, membership read on `membership_day` (MM-DD) of each
/// year; years in which the grouping has no member are left out.
pub fn series(
    sco: &dyn ScoMembership,
    request: &GroupRequest<'_>,
    from: i32,
    to: i32,
    membership_day: &str,
    measures: &str,
) -> Result<Vec<SeriesPoint>, WeightRequestError> {
    if to < from {
        return Err(WeightRequestError::Invalid(format!(
            "parameter `to`: {to} is before `from` {from}"
        )));
    }
    let options = request.options()?;
    let measures = parse_measures(measures)?;
    let spec = request.spec(membership_date(from, membership_day)?)?;
    let mut points = Vec::new();
    for year in from..=to {
        let group = resolve(
            &respec_at(&spec, membership_date(year, membership_day)?),
            sco,
        )?;
        if group.members.is_empty() {
            continue;
        }
        let w = weight(&sco_data::Embedded, &group, year, &measures, &options)?;
        points.push(SeriesPoint {
            year: w.year,
            membership_date: w.group.membership_date,
            members: w.group.members.clone(),
            shares: w.measures.iter().map(|f| (f.measure, f.share)).collect(),
            missing: w
                .measures
                .iter()
                .filter(|f| !f.missing.is_empty())
                .map(|f| (f.measure, f.missing.clone()))
                .collect(),
        });
    }
    Ok(points)
}

/// The date `MM-DD` of `year`.
fn membership_date(year: i32, day: &str) -> Result<NaiveDate, WeightRequestError> {
    NaiveDate::parse_from_str(&format!("{year}-{day}"), "%Y-%m-%d").map_err(|_| {
        WeightRequestError::Invalid(format!(
            "parameter `membership_day`: `{day}` is not a day of the year (MM-DD) in {year}"
        ))
    })
}

/// SCO membership for `sco-indicators`, answered from the state's replayed ledger.
pub struct HistoryMembership<'a>(pub &'a History);

impl ScoMembership for HistoryMembership<'_> {
    fn states(&self, tier: ScoTier, date: NaiveDate) -> Result<Vec<String>, String> {
        let snapshot = self.0.snapshot(date);
        let mut states = snapshot.members();
        if matches!(
            tier,
            ScoTier::MembersObservers | ScoTier::MembersObserversDialoguePartners
        ) {
            states.extend(snapshot.observers());
        }
        if tier == ScoTier::MembersObserversDialoguePartners {
            states.extend(snapshot.dialogue_partners());
        }
        if tier == ScoTier::MembersPartners {
            states.extend(snapshot.partners());
        }
        let mut codes: Vec<String> = states.iter().map(|s| s.to_string()).collect();
        codes.sort();
        codes.dedup();
        Ok(codes)
    }

    fn source(&self) -> String {
        // The same citation as the CLI's, so that `membership_source` is identical.
        "SCO history ledger (data/ledger/), replayed to the date".to_string()
    }
}
