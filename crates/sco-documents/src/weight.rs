//! The weight of the SCO (or any grouping) in the world: one date (`sco weight --json`) and year
//! by year (`sco weight series --json`), computed by `sco-indicators` from the embedded datasets.
//!
//! The request's text (grouping, measures, policies) is parsed here so that the CLI and the API
//! accept the same words; errors name the parameter, and each front end words the name its own
//! way (`--missing` or `missing`).

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
    /// A parameter value that cannot be used: which parameter, and what is wrong with its value.
    #[error("parameter `{parameter}`: {message}")]
    Invalid {
        /// The parameter's name as the API spells it (`missing`, `measures`, ...).
        parameter: &'static str,
        /// What is wrong, without the parameter's name.
        message: String,
    },
    /// The membership day (`MM-DD`) does not exist in `year`.
    #[error("parameter `membership_day`: `{day}` is not a day of the year (MM-DD) in {year}")]
    NotADay { day: String, year: i32 },
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
            invalid(
                "missing",
                format!(
                    "`{}` is not a missing-data policy: expected skip, require or nearest:N (N ≤ 20)",
                    self.missing
                ),
            )
        })?;
        let world = match self.world {
            "aggregate" => WorldTotal::Aggregate,
            "sum-of-countries" => WorldTotal::SumOfCountries,
            other => {
                return Err(invalid(
                    "world",
                    format!(
                        "`{other}` is not a world total: expected aggregate or sum-of-countries"
                    ),
                ))
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
            invalid(
                "measures",
                format!(
                    "unknown measure `{name}`: expected one of {}",
                    known.join(", ")
                ),
            )
        })?;
        if !out.contains(&measure) {
            out.push(measure);
        }
    }
    if out.is_empty() {
        return Err(invalid("measures", "no measure given".into()));
    }
    Ok(out)
}

/// A state's ISO3 code with its COW and Gleditsch-Ward numbers, for merging by either.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StateCodes {
    pub iso3: String,
    /// COW state number, if any (`data/datasets/country_codes.csv`).
    pub ccode: Option<u16>,
    /// Gleditsch-Ward state number, if any.
    pub gwcode: Option<u16>,
}

impl StateCodes {
    /// The numbers of `iso3` from the embedded code list (none for a code it does not know).
    pub fn of(iso3: &str) -> Self {
        let (ccode, gwcode) = crate::organization::state_numbers(iso3);
        StateCodes {
            iso3: iso3.to_string(),
            ccode,
            gwcode,
        }
    }
}

/// The JSON object of `sco weight --json`, field for field.
#[derive(Debug, Serialize)]
pub struct WeightJson<'a> {
    pub grouping: &'a str,
    pub grouping_spec: &'a str,
    pub membership_date: Option<NaiveDate>,
    pub membership_source: &'a str,
    pub members: &'a [String],
    /// The members with their COW and Gleditsch-Ward numbers, in the order of `members`.
    pub member_codes: Vec<StateCodes>,
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
            member_codes: w.group.members.iter().map(|m| StateCodes::of(m)).collect(),
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

/// The data year of a weight: `text` (a year, or `latest`) when given; otherwise the year of the
/// membership date when one was given, and the latest year with data when none was (so that
/// "the SCO's weight today" uses data that exist). `latest` is asked for only when needed. The
/// command line, the API and Python all decide the year here.
pub fn data_year(
    text: Option<&str>,
    date: Option<NaiveDate>,
    latest: impl FnOnce() -> Option<i32>,
) -> Result<i32, WeightRequestError> {
    let latest = || {
        latest().ok_or_else(|| {
            invalid(
                "data_year",
                "the datasets share no year with data for population, GDP and PPP".into(),
            )
        })
    };
    match (text, date) {
        (Some("latest"), _) | (None, None) => latest(),
        (Some(year), _) => year
            .trim()
            .parse::<i32>()
            .ok()
            .filter(|y| (1900..=2100).contains(y))
            .ok_or_else(|| {
                invalid(
                    "data_year",
                    format!("`{year}` is not a year: expected e.g. 2019 or `latest`"),
                )
            }),
        (None, Some(date)) => Ok(chrono::Datelike::year(&date)),
    }
}

/// The latest year with world totals for population, GDP and PPP GDP in the embedded data
/// (what `latest` means for a data year), computed once.
pub fn latest_core_year() -> Option<i32> {
    static LATEST: std::sync::OnceLock<Option<i32>> = std::sync::OnceLock::new();
    *LATEST.get_or_init(|| {
        sco_indicators::latest_year(
            &sco_data::Embedded,
            &[Measure::Population, Measure::GdpUsd, Measure::GdpPpp],
        )
        .ok()
        .flatten()
    })
}

impl From<WeightRequestError> for crate::request::RequestError {
    /// A weight request's refusals are the caller's; the grouping's name the parameters they
    /// come from. Only a fault of the embedded data is internal.
    fn from(error: WeightRequestError) -> Self {
        use crate::request::RequestError;
        match error {
            WeightRequestError::Invalid { .. } | WeightRequestError::NotADay { .. } => {
                RequestError::bad_input(error.to_string())
            }
            WeightRequestError::Indicator(e @ IndicatorError::UnknownGrouping(_)) => {
                RequestError::bad_input(format!("parameter `group`: {e}"))
            }
            WeightRequestError::Indicator(
                e @ (IndicatorError::BadSpec { .. } | IndicatorError::UnknownCode(_)),
            ) => RequestError::bad_input(format!("parameter `group`, `with` or `without`: {e}")),
            WeightRequestError::Indicator(e) => e.into(),
        }
    }
}

impl From<IndicatorError> for crate::request::RequestError {
    /// A bad grouping is the caller's; a fault of the embedded data or of the membership is ours.
    fn from(error: IndicatorError) -> Self {
        use crate::request::RequestError;
        match error {
            IndicatorError::BadSpec { .. }
            | IndicatorError::UnknownGrouping(_)
            | IndicatorError::UnknownCode(_) => RequestError::bad_input(error.to_string()),
            IndicatorError::Data(e) => {
                RequestError::internal(format!("an embedded data file is invalid: {e}"))
            }
            IndicatorError::Membership(m) => RequestError::internal(format!("SCO membership: {m}")),
        }
    }
}

/// A parameter's value that cannot be used.
fn invalid(parameter: &'static str, message: String) -> WeightRequestError {
    WeightRequestError::Invalid { parameter, message }
}

/// Adds the [`CORE`] measures that are not there yet (the JSON of `sco weight` always has them).
pub fn add_core(measures: &mut Vec<Measure>) {
    for m in CORE {
        if !measures.contains(&m) {
            measures.push(m);
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
    add_core(&mut measures);
    Ok(weight_of(
        sco,
        &request.spec(date)?,
        year,
        &measures,
        &options,
    )?)
}

/// The weight of the grouping `spec` in data year `year`, from the embedded datasets.
pub fn weight_of(
    sco: &dyn ScoMembership,
    spec: &GroupSpec,
    year: i32,
    measures: &[Measure],
    options: &WeightOptions,
) -> Result<Weight, IndicatorError> {
    let group = resolve(spec, sco)?;
    weight(&sco_data::Embedded, &group, year, measures, options)
}

/// The grouping `spec` resolved against the embedded datasets and SCO membership.
pub fn resolve(spec: &GroupSpec, sco: &dyn ScoMembership) -> Result<Group, IndicatorError> {
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

impl SeriesPoint {
    /// The point of one year's weight.
    pub fn new(w: &Weight) -> Self {
        SeriesPoint {
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
        }
    }
}

/// The weights of `spec` year by year from `from` to `to`, membership re-read on
/// `membership_day` (MM-DD) of each year; years in which the grouping has no member are left out.
pub fn weights_by_year(
    sco: &dyn ScoMembership,
    spec: &GroupSpec,
    from: i32,
    to: i32,
    membership_day: &str,
    measures: &[Measure],
    options: &WeightOptions,
) -> Result<Vec<Weight>, WeightRequestError> {
    let mut weights = Vec::new();
    for year in from..=to {
        let group = resolve(
            &respec_at(spec, membership_date(year, membership_day)?),
            sco,
        )?;
        if group.members.is_empty() {
            continue;
        }
        weights.push(weight(
            &sco_data::Embedded,
            &group,
            year,
            measures,
            options,
        )?);
    }
    Ok(weights)
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
        return Err(invalid("to", format!("{to} is before `from` {from}")));
    }
    let options = request.options()?;
    let measures = parse_measures(measures)?;
    let spec = request.spec(membership_date(from, membership_day)?)?;
    let weights = weights_by_year(sco, &spec, from, to, membership_day, &measures, &options)?;
    Ok(weights.iter().map(SeriesPoint::new).collect())
}

/// The date `MM-DD` of `year`.
pub fn membership_date(year: i32, day: &str) -> Result<NaiveDate, WeightRequestError> {
    NaiveDate::parse_from_str(&format!("{year}-{day}"), "%Y-%m-%d").map_err(|_| {
        WeightRequestError::NotADay {
            day: day.to_string(),
            year,
        }
    })
}

/// SCO membership for `sco-indicators`, answered from a replayed ledger.
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
        "SCO history ledger (data/ledger/), replayed to the date".to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn history() -> History {
        let ledger = sco_ledger::Ledger::embedded().expect("the embedded ledger parses");
        ledger.replay().expect("the embedded ledger replays")
    }

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("a date")
    }

    fn parameter_of(error: WeightRequestError) -> &'static str {
        match error {
            WeightRequestError::Invalid { parameter, .. } => parameter,
            WeightRequestError::NotADay { .. } => "membership_day",
            WeightRequestError::Indicator(e) => panic!("not a parameter error: {e}"),
        }
    }

    #[test]
    fn measures_parse_without_repeats_and_name_the_parameter() {
        assert_eq!(
            parse_measures(" gdp_usd, population,gdp_usd ").expect("measures"),
            vec![Measure::GdpUsd, Measure::Population]
        );
        let error = parse_measures("happiness").expect_err("unknown");
        assert!(error
            .to_string()
            .starts_with("parameter `measures`: unknown measure `happiness`"));
        assert_eq!(
            parameter_of(parse_measures(" , ").expect_err("empty")),
            "measures"
        );
        let mut with_core = vec![Measure::Area, Measure::GdpUsd];
        add_core(&mut with_core);
        assert_eq!(
            with_core,
            [
                Measure::Area,
                Measure::GdpUsd,
                Measure::Population,
                Measure::GdpPpp
            ]
        );
    }

    #[test]
    fn codes_are_trimmed_and_upper_cased() {
        assert_eq!(parse_codes(Some(" ind, pak,,")), ["IND", "PAK"]);
        assert!(parse_codes(None).is_empty());
    }

    #[test]
    fn groupings_take_the_date_and_modifiers() {
        let at = day("2020-01-01");
        assert_eq!(
            group_spec("members", at, &[], &[]).expect("a tier"),
            GroupSpec::Sco {
                tier: ScoTier::Members,
                date: at
            }
        );
        assert_eq!(
            group_spec("nato", at, &[], &[]).expect("an organization"),
            GroupSpec::Organization {
                id: "nato".into(),
                date: at
            }
        );
        let modified = group_spec("sco", at, &["TUR".into()], &["IND".into()]).expect("modified");
        let later = day("2010-06-30");
        match respec_at(&modified, later) {
            GroupSpec::Modified {
                base,
                with,
                without,
            } => {
                assert_eq!(
                    *base,
                    GroupSpec::Sco {
                        tier: ScoTier::Members,
                        date: later
                    }
                );
                assert_eq!((with, without), (vec!["TUR".into()], vec!["IND".into()]));
            }
            other => panic!("expected a modified grouping, got {other:?}"),
        }
        assert!(matches!(
            group_spec("sco:members@someday", at, &[], &[]),
            Err(WeightRequestError::Indicator(_))
        ));
    }

    #[test]
    fn bad_options_name_their_parameter() {
        let request = GroupRequest {
            missing: "guess",
            ..GroupRequest::default()
        };
        assert_eq!(parameter_of(request.options().expect_err("bad")), "missing");
        let request = GroupRequest {
            world: "mars",
            ..GroupRequest::default()
        };
        assert_eq!(parameter_of(request.options().expect_err("bad")), "world");
        let options = GroupRequest::default().options().expect("the defaults");
        assert_eq!(options.world, WorldTotal::Aggregate);
        assert!(membership_date(2000, "02-29").is_ok());
        assert_eq!(
            membership_date(2001, "02-29").expect_err("no such day"),
            WeightRequestError::NotADay {
                day: "02-29".into(),
                year: 2001
            }
        );
    }

    #[test]
    fn membership_tiers_nest_and_are_sorted() {
        let history = history();
        let sco = HistoryMembership(&history);
        let date = day("2024-07-04");
        let members = sco.states(ScoTier::Members, date).expect("members");
        let wider = sco
            .states(ScoTier::MembersObserversDialoguePartners, date)
            .expect("wider");
        assert_eq!(members.len(), 10);
        assert!(members.iter().all(|m| wider.contains(m)));
        assert!(wider.len() > members.len());
        assert!(wider.windows(2).all(|w| w[0] < w[1]), "sorted, no repeats");
    }

    #[test]
    fn the_weight_document_always_has_the_core_shares() {
        let history = history();
        let sco = HistoryMembership(&history);
        let w = weight_on(
            &sco,
            &GroupRequest::default(),
            day("2024-07-04"),
            2020,
            "area",
        )
        .expect("a weight");
        let measures: Vec<Measure> = w.measures.iter().map(|f| f.measure).collect();
        assert_eq!(measures[0], Measure::Area);
        assert!(CORE.iter().all(|m| measures.contains(m)));
        let json = WeightJson::new(&w);
        assert_eq!(json.members.len(), 10);
        assert_eq!(json.data_year, 2020);
        let population = json.population_share.expect("a population share");
        assert!((0.3..0.5).contains(&population), "{population}");
        assert!(!json.sources.is_empty());
        let distinct = json
            .sources
            .iter()
            .enumerate()
            .all(|(i, s)| !json.sources[..i].contains(s));
        assert!(distinct, "each source once");
    }

    #[test]
    fn a_series_skips_years_without_members_and_checks_its_range() {
        let history = history();
        let sco = HistoryMembership(&history);
        let request = GroupRequest::default();
        let points = series(&sco, &request, 1994, 1997, "12-31", "population").expect("a series");
        // The Shanghai Five (sco:members) first exist at the end of 1996.
        assert_eq!(
            points.iter().map(|p| p.year).collect::<Vec<_>>(),
            [1996, 1997]
        );
        assert!(points.iter().all(|p| p.members.len() == 5));
        assert_eq!(points[0].shares.len(), 1);
        assert_eq!(
            parameter_of(
                series(&sco, &request, 2010, 2000, "12-31", "population").expect_err("range")
            ),
            "to"
        );
        assert_eq!(
            parameter_of(
                series(&sco, &request, 2001, 2001, "02-29", "population").expect_err("day")
            ),
            "membership_day"
        );
    }
}
