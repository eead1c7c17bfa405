//! How alike the members of a grouping are: regime type (V-Dem, Freedom House), alignment
//! in the UN General Assembly (ideal points, agreement with the US, Russia, China and
//! India) and the balance of material capabilities (COW CINC).
//!
//! Each component comes from a dataset with its own last year (V-Dem and Freedom House
//! 2024, UNGA 2023, CINC 2022). Under [`YearRule::Exact`] a component beyond its dataset's
//! range is empty and says so; under [`YearRule::LatestAvailable`] it uses the dataset's
//! last year and reports which.

use serde::Serialize;

use sco_data::{sources, Datasets, FhStatus, Panel};

use crate::stats::{summarise, Extreme, Summary};
use crate::weight::{MemberValue, SourceRef};
use crate::{Group, IndicatorError};

/// Which year a component uses when the requested one is past its data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum YearRule {
    Exact,
    LatestAvailable,
}

/// The spread of one indicator across the members.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IndicatorSpread {
    pub indicator: &'static str,
    pub label: &'static str,
    /// The data year used (`None` if the dataset has nothing for the request).
    pub year: Option<i32>,
    pub source: SourceRef,
    pub summary: Summary,
    pub values: Vec<MemberValue>,
    pub missing: Vec<String>,
    pub note: Option<String>,
}

/// Population share of the group under one Freedom House status.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RegimeShare {
    pub status: &'static str,
    pub label: &'static str,
    pub members: Vec<String>,
    pub population: f64,
    pub share_of_group_population: f64,
}

/// The group's population by Freedom House status.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RegimeShares {
    pub year: Option<i32>,
    pub source: SourceRef,
    pub shares: Vec<RegimeShare>,
    /// Members without a status or without population, left out of the shares.
    pub missing: Vec<String>,
    pub note: Option<String>,
}

/// The balance of material capabilities.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CapabilityBalance {
    pub year: Option<i32>,
    pub source: SourceRef,
    /// Sum of the members' CINC: the group's share of the state system's capabilities.
    pub group_cinc: Option<f64>,
    pub largest: Option<Extreme>,
    pub second: Option<Extreme>,
    /// Largest CINC over the second largest.
    pub largest_to_second: Option<f64>,
    /// Largest CINC over the group's total.
    pub largest_share_of_group: Option<f64>,
    pub values: Vec<MemberValue>,
    pub missing: Vec<String>,
    pub note: Option<String>,
}

/// Cohesion and heterogeneity of one group.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cohesion {
    pub group: Group,
    pub requested_year: i32,
    pub year_rule: YearRule,
    pub polyarchy: IndicatorSpread,
    pub libdem: IndicatorSpread,
    pub freedom_house: RegimeShares,
    pub unga_ideal_point: IndicatorSpread,
    /// Agreement with USA, RUS, CHN, IND (that state itself left out of its own row).
    pub unga_agreement: Vec<IndicatorSpread>,
    pub capabilities: CapabilityBalance,
}

fn pick_year<T: Copy>(
    panel: &Panel<T>,
    requested: i32,
    rule: YearRule,
) -> (Option<i32>, Option<String>) {
    let years = panel.years();
    if years.contains(&requested) {
        return (Some(requested), None);
    }
    match rule {
        YearRule::LatestAvailable if requested > *years.end() => (
            Some(*years.end()),
            Some(format!(
                "data end in {}; {} used for {requested}",
                years.end(),
                years.end()
            )),
        ),
        _ => (
            None,
            Some(format!(
                "data cover {}-{} only; nothing for {requested}",
                years.start(),
                years.end()
            )),
        ),
    }
}

#[allow(clippy::too_many_arguments)]
fn spread(
    data: &dyn Datasets,
    panel: &Panel<f64>,
    group: &Group,
    requested: i32,
    rule: YearRule,
    indicator: &'static str,
    label: &'static str,
    source: SourceRef,
    leave_out: Option<&str>,
) -> Result<IndicatorSpread, IndicatorError> {
    let population = &data.world_bank()?.population;
    let (year, note) = pick_year(panel, requested, rule);
    let mut triples = Vec::new();
    let mut values = Vec::new();
    let mut missing = Vec::new();
    for code in group
        .members
        .iter()
        .filter(|c| Some(c.as_str()) != leave_out)
    {
        let value = year.and_then(|y| panel.get(code, y));
        match (value, year) {
            (Some(v), Some(y)) => triples.push((code.clone(), v, population.get(code, y))),
            _ => missing.push(code.clone()),
        }
        values.push(MemberValue::new(code.clone(), value, value.and(year), None));
    }
    Ok(IndicatorSpread {
        indicator,
        label,
        year,
        source,
        summary: summarise(&triples),
        values,
        missing,
        note,
    })
}

/// Computes every cohesion component for a group.
pub fn cohesion(
    data: &dyn Datasets,
    group: &Group,
    year: i32,
    rule: YearRule,
) -> Result<Cohesion, IndicatorError> {
    let vdem = data.vdem()?;
    let unga = data.unga()?;
    let vdem_src = |series| SourceRef::new(sources::VDEM, series);
    let unga_src = |series| SourceRef::new(sources::UNGA, series);
    let polyarchy = spread(
        data,
        &vdem.polyarchy,
        group,
        year,
        rule,
        "v2x_polyarchy",
        "V-Dem electoral democracy index (0-1)",
        vdem_src("v2x_polyarchy"),
        None,
    )?;
    let libdem = spread(
        data,
        &vdem.libdem,
        group,
        year,
        rule,
        "v2x_libdem",
        "V-Dem liberal democracy index (0-1)",
        vdem_src("v2x_libdem"),
        None,
    )?;
    let unga_ideal_point = spread(
        data,
        &unga.ideal_point,
        group,
        year,
        rule,
        "ideal_point",
        "UNGA ideal point (higher = closer to the US)",
        unga_src("IdealPointAll"),
        None,
    )?;
    let unga_agreement = vec![
        spread(
            data,
            &unga.agree_usa,
            group,
            year,
            rule,
            "agree_usa",
            "share of UNGA votes agreeing with the United States",
            unga_src("agree.usa"),
            Some("USA"),
        )?,
        spread(
            data,
            &unga.agree_russia,
            group,
            year,
            rule,
            "agree_russia",
            "share of UNGA votes agreeing with Russia",
            unga_src("agree.russia"),
            Some("RUS"),
        )?,
        spread(
            data,
            &unga.agree_china,
            group,
            year,
            rule,
            "agree_china",
            "share of UNGA votes agreeing with China",
            unga_src("agree.china"),
            Some("CHN"),
        )?,
        spread(
            data,
            &unga.agree_india,
            group,
            year,
            rule,
            "agree_india",
            "share of UNGA votes agreeing with India",
            unga_src("agree.india"),
            Some("IND"),
        )?,
    ];
    Ok(Cohesion {
        group: group.clone(),
        requested_year: year,
        year_rule: rule,
        polyarchy,
        libdem,
        freedom_house: regime_shares(data, group, year, rule)?,
        unga_ideal_point,
        unga_agreement,
        capabilities: capability_balance(data, group, year, rule)?,
    })
}

/// The group's population by Freedom House status.
pub fn regime_shares(
    data: &dyn Datasets,
    group: &Group,
    requested: i32,
    rule: YearRule,
) -> Result<RegimeShares, IndicatorError> {
    let fh = data.freedom_house()?;
    let population = &data.world_bank()?.population;
    let (year, mut note) = pick_year(&fh.status, requested, rule);
    let mut missing = Vec::new();
    let mut by_status: Vec<(FhStatus, Vec<String>, f64)> = FhStatus::ALL
        .iter()
        .map(|s| (*s, Vec::new(), 0.0))
        .collect();
    for code in &group.members {
        let status = year.and_then(|y| fh.status.get(code, y));
        let pop = year.and_then(|y| population.get(code, y));
        match (status, pop) {
            (Some(s), Some(p)) => {
                if let Some(entry) = by_status.iter_mut().find(|e| e.0 == s) {
                    entry.1.push(code.clone());
                    entry.2 += p;
                }
            }
            _ => missing.push(code.clone()),
        }
    }
    let total: f64 = by_status.iter().map(|e| e.2).sum();
    let shares = if total > 0.0 {
        by_status
            .into_iter()
            .map(|(s, members, p)| RegimeShare {
                status: s.code(),
                label: s.label(),
                members,
                population: p,
                share_of_group_population: p / total,
            })
            .collect()
    } else {
        Vec::new()
    };
    if !missing.is_empty() {
        let gap = format!(
            "{} left out (no status or no population)",
            missing.join(", ")
        );
        note = Some(note.map_or(gap.clone(), |n| format!("{n}; {gap}")));
    }
    Ok(RegimeShares {
        year,
        source: SourceRef::new(
            sources::FREEDOM_HOUSE,
            "status (F/PF/NF), weighted by SP.POP.TOTL",
        ),
        shares,
        missing,
        note,
    })
}

/// CINC of the members and the balance between the two most capable.
pub fn capability_balance(
    data: &dyn Datasets,
    group: &Group,
    requested: i32,
    rule: YearRule,
) -> Result<CapabilityBalance, IndicatorError> {
    let cinc = &data.nmc()?.cinc;
    let (year, note) = pick_year(cinc, requested, rule);
    let mut present: Vec<(String, f64)> = Vec::new();
    let mut values = Vec::new();
    let mut missing = Vec::new();
    for code in &group.members {
        let value = year.and_then(|y| cinc.get(code, y));
        match value {
            Some(v) => present.push((code.clone(), v)),
            None => missing.push(code.clone()),
        }
        values.push(MemberValue::new(
            code.clone(),
            value,
            value.and(year),
            value,
        ));
    }
    present.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let group_cinc = (!present.is_empty()).then(|| present.iter().map(|p| p.1).sum::<f64>());
    let top = |i: usize| present.get(i).map(|p| Extreme::new(p.0.clone(), p.1));
    let largest = top(0);
    let second = top(1);
    let largest_to_second = match (&largest, &second) {
        (Some(a), Some(b)) if b.value > 0.0 => Some(a.value / b.value),
        _ => None,
    };
    let largest_share_of_group = match (&largest, group_cinc) {
        (Some(a), Some(t)) if t > 0.0 => Some(a.value / t),
        _ => None,
    };
    Ok(CapabilityBalance {
        year,
        source: SourceRef::new(sources::COW_NMC, "cinc"),
        group_cinc,
        largest,
        second,
        largest_to_second,
        largest_share_of_group,
        values,
        missing,
        note,
    })
}
