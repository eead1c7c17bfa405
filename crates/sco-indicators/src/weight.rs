//! The weight of a grouping in the world: for each measure, the group's total, the world
//! total and the share, with every member's value and every gap reported.
//!
//! Missing values are never counted as zero. Under [`MissingPolicy::Skip`] (the default) a
//! member without a value is left out of the sum and named in `missing`, and the share
//! is flagged incomplete: it is then a lower bound. [`MissingPolicy::Nearest`] borrows the
//! closest year's value within a window and names it in `imputed`;
//! [`MissingPolicy::Require`] gives no total at all when any member lacks a value.

use serde::Serialize;

use sco_data::{Datasets, Measure, Panel, SourceInfo, WORLD};

use crate::{Group, IndicatorError};

/// What to do when a member has no value for the year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum MissingPolicy {
    /// Leave it out and say so; the share is a lower bound.
    Skip,
    /// Use the nearest year within `max_years`, and say so.
    Nearest { max_years: i32 },
    /// No total unless every member has a value.
    Require,
}

impl MissingPolicy {
    /// Parses `skip`, `require` or `nearest:N`.
    pub fn parse(text: &str) -> Option<MissingPolicy> {
        match text {
            "skip" => Some(MissingPolicy::Skip),
            "require" => Some(MissingPolicy::Require),
            _ => {
                let n = text.strip_prefix("nearest:")?.parse::<i32>().ok()?;
                (0..=20)
                    .contains(&n)
                    .then_some(MissingPolicy::Nearest { max_years: n })
            }
        }
    }
}

impl std::fmt::Display for MissingPolicy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            MissingPolicy::Skip => write!(f, "skip"),
            MissingPolicy::Nearest { max_years } => write!(f, "nearest:{max_years}"),
            MissingPolicy::Require => write!(f, "require"),
        }
    }
}

/// Which world total a share divides by (World Bank measures only; the others have one
/// definition each, see [`Measure::world_definition`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum WorldTotal {
    /// The World Bank's `WLD` aggregate (excludes Taiwan).
    Aggregate,
    /// The sum of every country the World Bank reports a value for in that year.
    SumOfCountries,
}

/// Options of a weight computation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct WeightOptions {
    pub missing: MissingPolicy,
    pub world: WorldTotal,
}

impl Default for WeightOptions {
    fn default() -> Self {
        WeightOptions {
            missing: MissingPolicy::Skip,
            world: WorldTotal::Aggregate,
        }
    }
}

/// A source as printed next to a figure.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SourceRef {
    pub id: &'static str,
    pub citation: &'static str,
    pub edition: &'static str,
    pub file: &'static str,
    /// The dataset's series code or column.
    pub series: &'static str,
}

impl SourceRef {
    pub fn new(info: SourceInfo, series: &'static str) -> Self {
        SourceRef {
            id: info.id,
            citation: info.citation,
            edition: info.edition,
            file: info.file,
            series,
        }
    }

    pub fn of(measure: Measure) -> Self {
        SourceRef::new(measure.source(), measure.series())
    }
}

/// One member's value.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MemberValue {
    pub iso3: String,
    /// COW state number, if any.
    pub ccode: Option<u16>,
    /// Gleditsch-Ward state number, if any.
    pub gwcode: Option<u16>,
    pub value: Option<f64>,
    /// The year the value is from (differs from the requested year when imputed;
    /// `None` for area, which has no year).
    pub year: Option<i32>,
    pub share_of_world: Option<f64>,
}

impl MemberValue {
    /// A member's value, with its state numbers looked up.
    pub fn new(
        iso3: String,
        value: Option<f64>,
        year: Option<i32>,
        share_of_world: Option<f64>,
    ) -> Self {
        let (ccode, gwcode) = crate::stats::state_numbers(&iso3);
        MemberValue {
            iso3,
            ccode,
            gwcode,
            value,
            year,
            share_of_world,
        }
    }
}

/// A group's total, world total and share for one measure and year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MeasureFigure {
    pub measure: Measure,
    pub label: &'static str,
    pub unit: &'static str,
    pub year: i32,
    pub total: Option<f64>,
    pub world_total: Option<f64>,
    pub share: Option<f64>,
    /// True when every member had a value of the requested year.
    pub complete: bool,
    /// Members without a value (left out of the total).
    pub missing: Vec<String>,
    /// Members whose value comes from another year ("UZB from 2018").
    pub imputed: Vec<String>,
    /// How the world total is formed.
    pub world: String,
    pub source: SourceRef,
    pub members: Vec<MemberValue>,
    /// A warning a reader must see next to the figure, if any.
    pub note: Option<String>,
}

/// The weight of one group in one year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Weight {
    pub group: Group,
    pub year: i32,
    pub options: WeightOptions,
    pub measures: Vec<MeasureFigure>,
}

impl Weight {
    pub fn figure(&self, measure: Measure) -> Option<&MeasureFigure> {
        self.measures.iter().find(|f| f.measure == measure)
    }

    pub fn share(&self, measure: Measure) -> Option<f64> {
        self.figure(measure).and_then(|f| f.share)
    }
}

/// Where a measure's values come from.
enum Values<'a> {
    Panel(&'a Panel<f64>),
    Sum(&'a Panel<f64>, &'a Panel<f64>),
    Area(&'a sco_data::Areas),
}

impl Values<'_> {
    fn get(&self, code: &str, year: i32) -> Option<f64> {
        match self {
            Values::Panel(p) => p.get(code, year),
            Values::Sum(a, b) => Some(a.get(code, year)? + b.get(code, year)?),
            Values::Area(areas) => areas.get(code),
        }
    }

    fn nearest(&self, code: &str, year: i32, max_years: i32) -> Option<(i32, f64)> {
        (0..=max_years).find_map(|d| {
            let try_year = |y: i32| self.get(code, y).map(|v| (y, v));
            try_year(year - d).or_else(|| try_year(year + d))
        })
    }

    /// Whether the dataset covers the year at all.
    fn has_year(&self, year: i32) -> bool {
        match self {
            Values::Panel(p) => p.years().contains(&year),
            Values::Sum(a, _) => a.years().contains(&year),
            Values::Area(_) => true,
        }
    }
}

fn values_of(data: &dyn Datasets, measure: Measure) -> Result<Values<'_>, IndicatorError> {
    Ok(match measure {
        Measure::Population => Values::Panel(&data.world_bank()?.population),
        Measure::GdpUsd => Values::Panel(&data.world_bank()?.gdp_usd),
        Measure::GdpPpp => Values::Panel(&data.world_bank()?.gdp_ppp),
        Measure::MilexUsd => Values::Panel(&data.world_bank()?.milex_usd),
        Measure::MerchTrade => {
            let wb = data.world_bank()?;
            Values::Sum(&wb.merch_exports, &wb.merch_imports)
        }
        Measure::MilexSipri => Values::Panel(&data.sipri()?.milex_usd),
        Measure::Area => Values::Area(data.areas()?),
        Measure::Cinc => Values::Panel(&data.nmc()?.cinc),
    })
}

/// The world total of a measure in a year, and how it was formed.
pub fn world_total(
    data: &dyn Datasets,
    measure: Measure,
    year: i32,
    world: WorldTotal,
) -> Result<(Option<f64>, String), IndicatorError> {
    let values = values_of(data, measure)?;
    let is_wb = measure.source() == sco_data::sources::WORLD_BANK;
    if is_wb {
        return Ok(match world {
            WorldTotal::Aggregate => (
                values.get(WORLD, year),
                measure.world_definition().to_string(),
            ),
            WorldTotal::SumOfCountries => {
                let wb = data.world_bank()?;
                let mut n = 0;
                let mut sum = 0.0;
                for code in wb.country_codes() {
                    if let Some(v) = values.get(code, year) {
                        sum += v;
                        n += 1;
                    }
                }
                let total = (n > 0).then_some(sum);
                (total, format!("sum of the {n} countries and territories the World Bank reports for {year} (Taiwan not among them)"))
            }
        });
    }
    let definition = measure.world_definition().to_string();
    let total = match (&values, measure) {
        (Values::Area(areas), _) => Some(areas.total_km2),
        (Values::Panel(panel), _) => {
            let sum: Vec<f64> = panel.values_in(year).map(|(_, v)| v).collect();
            (!sum.is_empty()).then(|| sum.iter().sum())
        }
        (Values::Sum(..), _) => None,
    };
    Ok((total, definition))
}

/// Computes one measure for a group.
pub fn measure_figure(
    data: &dyn Datasets,
    group: &Group,
    measure: Measure,
    year: i32,
    options: &WeightOptions,
) -> Result<MeasureFigure, IndicatorError> {
    let values = values_of(data, measure)?;
    let (world_total, world) = world_total(data, measure, year, options.world)?;
    let timeless = matches!(measure, Measure::Area);
    let mut members = Vec::with_capacity(group.members.len());
    let mut missing = Vec::new();
    let mut imputed = Vec::new();
    let mut sum = 0.0;
    for code in &group.members {
        let found = match values.get(code, year) {
            Some(v) => Some((year, v)),
            None => match options.missing {
                MissingPolicy::Nearest { max_years } if !timeless => {
                    let near = values.nearest(code, year, max_years);
                    if let Some((y, _)) = near {
                        imputed.push(format!("{code} from {y}"));
                    }
                    near
                }
                _ => None,
            },
        };
        match found {
            Some((y, v)) => {
                sum += v;
                members.push(MemberValue::new(
                    code.clone(),
                    Some(v),
                    (!timeless).then_some(y),
                    world_total.map(|w| v / w),
                ));
            }
            None => {
                missing.push(code.clone());
                members.push(MemberValue::new(code.clone(), None, None, None));
            }
        }
    }
    let complete = missing.is_empty() && imputed.is_empty();
    let any = members.iter().any(|m| m.value.is_some());
    let total = match options.missing {
        MissingPolicy::Require if !missing.is_empty() => None,
        _ if !any => None,
        _ => Some(sum),
    };
    let share = match (total, world_total) {
        (Some(t), Some(w)) if w > 0.0 => Some(t / w),
        _ => None,
    };
    let mut notes = Vec::new();
    if !values.has_year(year) {
        notes.push(format!(
            "{} has no data for {year}",
            measure.source().citation
        ));
    } else if world_total.is_none() {
        notes.push(format!("no world total for {year}"));
    }
    if !missing.is_empty() && total.is_some() {
        notes.push(format!(
            "{} without a value, left out: the total and share are lower bounds",
            missing.join(", ")
        ));
    }
    if !missing.is_empty() && total.is_none() && any {
        notes.push(format!(
            "{} without a value; no total under --missing require",
            missing.join(", ")
        ));
    }
    Ok(MeasureFigure {
        measure,
        label: measure.label(),
        unit: measure.unit(),
        year,
        total,
        world_total,
        share,
        complete,
        missing,
        imputed,
        world,
        source: SourceRef::of(measure),
        members,
        note: (!notes.is_empty()).then(|| notes.join("; ")),
    })
}

/// Computes every requested measure for a group in a year.
pub fn weight(
    data: &dyn Datasets,
    group: &Group,
    year: i32,
    measures: &[Measure],
    options: &WeightOptions,
) -> Result<Weight, IndicatorError> {
    let measures = measures
        .iter()
        .map(|&m| measure_figure(data, group, m, year, options))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Weight {
        group: group.clone(),
        year,
        options: *options,
        measures,
    })
}

/// The last year in which every given measure has a world total (area has no year and
/// is ignored). `None` if the measures share no such year.
pub fn latest_year(
    data: &dyn Datasets,
    measures: &[Measure],
) -> Result<Option<i32>, IndicatorError> {
    let mut latest: Option<i32> = None;
    for &m in measures.iter().filter(|m| **m != Measure::Area) {
        let values = values_of(data, m)?;
        let last = match &values {
            Values::Panel(p) if m.source() == sco_data::sources::WORLD_BANK => {
                p.last_year_for(WORLD)
            }
            Values::Panel(p) => Some(*p.years().end()),
            Values::Sum(a, b) => a
                .last_year_for(WORLD)
                .zip(b.last_year_for(WORLD))
                .map(|(x, y)| x.min(y)),
            Values::Area(_) => None,
        };
        let Some(last) = last else { return Ok(None) };
        latest = Some(latest.map_or(last, |l: i32| l.min(last)));
    }
    Ok(latest)
}
