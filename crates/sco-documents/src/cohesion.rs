//! A grouping's cohesion year by year, as one compact row per year: what the dashboard charts
//! and offers as CSV (`GET /api/cohesion/series`).
//!
//! Why a document of its own: `sco cohesion series --json` prints every component with every
//! member's value, which is far more than a chart needs. This keeps the figures the CLI's table
//! shows (democracy means and extremes, the Freedom House "not free" share, the spread of UN
//! voting, the balance of capabilities) with the data year each came from, so that a reader sees
//! where a dataset ends (UNGA 2023, CINC 2022) instead of a line that stops without a reason.

use serde::Serialize;

use sco_indicators::{cohesion, Cohesion, IndicatorSpread, ScoMembership, YearRule};

use crate::weight::{membership_date, resolve, respec_at, GroupRequest, WeightRequestError};

/// One year of a grouping's cohesion.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CohesionPoint {
    pub year: i32,
    /// The day membership was read (31 December of the year for the SCO tiers).
    pub membership_date: Option<chrono::NaiveDate>,
    pub members: Vec<String>,
    /// V-Dem electoral democracy index (0-1): mean, minimum and maximum over the members.
    pub polyarchy_mean: Option<f64>,
    pub polyarchy_min: Option<f64>,
    pub polyarchy_max: Option<f64>,
    /// V-Dem liberal democracy index (0-1), mean over the members.
    pub libdem_mean: Option<f64>,
    /// Share of the members' population in states Freedom House rates "not free".
    pub not_free_population_share: Option<f64>,
    /// Spread of the members' UN General Assembly ideal points (standard deviation, range).
    pub ideal_point_sd: Option<f64>,
    pub ideal_point_range: Option<f64>,
    /// Largest member's COW CINC over the second largest's.
    pub cinc_largest_to_second: Option<f64>,
    /// Members without a value, per indicator (`[indicator, [ISO3...]]`), where any is missing.
    pub missing: Vec<(&'static str, Vec<String>)>,
}

impl CohesionPoint {
    /// The row of one year's cohesion.
    pub fn new(c: &Cohesion) -> Self {
        let spreads: [&IndicatorSpread; 3] = [&c.polyarchy, &c.libdem, &c.unga_ideal_point];
        let mut missing: Vec<(&'static str, Vec<String>)> = spreads
            .iter()
            .filter(|s| !s.missing.is_empty())
            .map(|s| (s.indicator, s.missing.clone()))
            .collect();
        if !c.freedom_house.missing.is_empty() {
            missing.push(("freedom_house", c.freedom_house.missing.clone()));
        }
        if !c.capabilities.missing.is_empty() {
            missing.push(("cinc", c.capabilities.missing.clone()));
        }
        let summary = &c.polyarchy.summary;
        CohesionPoint {
            year: c.requested_year,
            membership_date: c.group.membership_date,
            members: c.group.members.clone(),
            polyarchy_mean: summary.mean,
            polyarchy_min: summary.min.as_ref().map(|e| e.value),
            polyarchy_max: summary.max.as_ref().map(|e| e.value),
            libdem_mean: c.libdem.summary.mean,
            not_free_population_share: c.freedom_house.year.map(|_| {
                c.freedom_house
                    .shares
                    .iter()
                    .find(|s| s.status == "NF")
                    .map_or(0.0, |s| s.share_of_group_population)
            }),
            ideal_point_sd: c.unga_ideal_point.summary.sd,
            ideal_point_range: c.unga_ideal_point.summary.range,
            cinc_largest_to_second: c.capabilities.largest_to_second,
            missing,
        }
    }
}

/// The cohesion of the grouping `request` from `from` to `to`, membership re-read on
/// `membership_day` (MM-DD) of each year; each dataset contributes only its own years (a year
/// past its end gives no value, never the last one repeated); years in which the grouping has
/// no member are left out.
pub fn series(
    sco: &dyn ScoMembership,
    request: &GroupRequest<'_>,
    from: i32,
    to: i32,
    membership_day: &str,
) -> Result<Vec<CohesionPoint>, WeightRequestError> {
    if to < from {
        return Err(WeightRequestError::Invalid {
            parameter: "to",
            message: format!("{to} is before `from` {from}"),
        });
    }
    let spec = request.spec(membership_date(from, membership_day)?)?;
    let mut points = Vec::new();
    for year in from..=to {
        let at = membership_date(year, membership_day)?;
        let group = resolve(&respec_at(&spec, at), sco)?;
        if group.members.is_empty() {
            continue;
        }
        let result = cohesion(&sco_data::Embedded, &group, year, YearRule::Exact)?;
        points.push(CohesionPoint::new(&result));
    }
    Ok(points)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::weight::HistoryMembership;

    fn history() -> sco_ledger::History {
        sco_ledger::Ledger::embedded()
            .expect("the embedded ledger")
            .replay()
            .expect("a replay")
    }

    #[test]
    fn members_grow_and_each_dataset_stops_at_its_own_end() {
        let history = history();
        let sco = HistoryMembership(&history);
        let points = series(&sco, &GroupRequest::default(), 2000, 2024, "12-31").unwrap();
        let year = |y: i32| points.iter().find(|p| p.year == y).unwrap();
        assert_eq!(year(2000).members.len(), 5, "the Shanghai Five");
        assert_eq!(
            year(2017).members.len(),
            8,
            "India and Pakistan joined in 2017"
        );
        // V-Dem has 2024; the UN ideal points end in 2023 and CINC in 2022 (data/PROVENANCE.md).
        assert!(year(2024).polyarchy_mean.is_some());
        assert!(year(2023).ideal_point_sd.is_some());
        assert!(year(2024).ideal_point_sd.is_none());
        assert!(year(2022).cinc_largest_to_second.is_some());
        assert!(year(2023).cinc_largest_to_second.is_none());
        let p = year(2010);
        let (lo, mean, hi) = (
            p.polyarchy_min.unwrap(),
            p.polyarchy_mean.unwrap(),
            p.polyarchy_max.unwrap(),
        );
        assert!(lo <= mean && mean <= hi && (0.0..=1.0).contains(&lo) && hi <= 1.0);
        let not_free = p.not_free_population_share.unwrap();
        assert!(
            not_free > 0.5,
            "China and Russia alone hold most of the members' people: {not_free}"
        );
    }

    #[test]
    fn a_reversed_range_is_refused() {
        let history = history();
        let error = series(
            &HistoryMembership(&history),
            &GroupRequest::default(),
            2010,
            2005,
            "12-31",
        )
        .unwrap_err();
        assert!(error.to_string().contains("before"), "{error}");
    }
}
