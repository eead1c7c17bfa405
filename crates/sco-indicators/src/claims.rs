//! Checks the seeds' quantitative claims: each claim is recomputed under every definition
//! the claims file lists (groupings × measures × years × world totals), and the verdict
//! says which definitions, if any, reproduce the stated number and by how much the
//! closest one differs.

use std::collections::BTreeMap;

use serde::Serialize;

use sco_data::{Claim, ClaimKind, Comparator, Datasets, Measure};

use crate::group::{GroupSpec, ScoMembership};
use crate::trade::intra_trade;
use crate::weight::{measure_figure, world_total, MissingPolicy, WeightOptions, WorldTotal};
use crate::{Group, IndicatorError};

/// One definition under which a claim was recomputed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Trial {
    /// Grouping specification (empty for world totals).
    pub grouping: String,
    pub group_label: String,
    pub membership_date: Option<chrono::NaiveDate>,
    pub members: Vec<String>,
    pub measure: Option<Measure>,
    /// The data year (for growth: the end year).
    pub year: i32,
    /// How the world total or denominator was formed, where one is used.
    pub world: Option<String>,
    /// Source id(s) of the figure.
    pub source: String,
    pub computed: Option<f64>,
    /// computed − claimed, in the claim's unit.
    pub difference: Option<f64>,
    pub matches: Option<bool>,
    /// Members without data (left out), or why nothing was computed.
    pub note: Option<String>,
}

/// The outcome for a claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    /// At least one tested definition gives a value the wording allows.
    Reproduced,
    /// Values were computed, but none fits the wording.
    NotReproduced,
    /// The data cannot speak to the claim.
    NotCheckable,
}

impl Verdict {
    pub fn label(self) -> &'static str {
        match self {
            Verdict::Reproduced => "reproduced",
            Verdict::NotReproduced => "not reproduced",
            Verdict::NotCheckable => "not checkable",
        }
    }
}

/// A claim with its trials and verdict.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClaimResult {
    pub id: String,
    pub seed: String,
    pub location: String,
    pub quote: String,
    pub kind: ClaimKind,
    pub claimed: Option<f64>,
    pub unit: String,
    /// The claim in words ("more than 30.0% of the world").
    pub claim_text: String,
    pub verdict: Verdict,
    /// One sentence: which definition reproduces it, or how far the closest is.
    pub summary: String,
    /// Index in `trials` of the closest (or first matching) definition.
    pub best: Option<usize>,
    pub trials: Vec<Trial>,
    pub reason: Option<String>,
    pub note: Option<String>,
}

/// Checks every claim. Groupings that cannot be resolved (no ledger, unknown name) are
/// recorded as trials without a value, not as errors: the other definitions still count.
pub fn check_claims(
    data: &dyn Datasets,
    claims: &[Claim],
    sco: &dyn ScoMembership,
) -> Result<Vec<ClaimResult>, IndicatorError> {
    let mut cache: BTreeMap<String, Result<Group, String>> = BTreeMap::new();
    claims
        .iter()
        .map(|c| check_claim(data, c, sco, &mut cache))
        .collect()
}

fn resolve(
    data: &dyn Datasets,
    sco: &dyn ScoMembership,
    cache: &mut BTreeMap<String, Result<Group, String>>,
    spec: &str,
) -> Result<Group, String> {
    cache
        .entry(spec.to_string())
        .or_insert_with(|| {
            GroupSpec::parse(spec)
                .and_then(|s| s.resolve(data, sco))
                .map_err(|e| e.to_string())
        })
        .clone()
}

fn failed_trial(spec: &str, year: i32, measure: Option<Measure>, why: String) -> Trial {
    Trial {
        grouping: spec.to_string(),
        group_label: spec.to_string(),
        membership_date: None,
        members: Vec::new(),
        measure,
        year,
        world: None,
        source: String::new(),
        computed: None,
        difference: None,
        matches: None,
        note: Some(why),
    }
}

fn group_trial(group: &Group, measure: Option<Measure>, year: i32) -> Trial {
    Trial {
        grouping: group.spec.clone(),
        group_label: group.label.clone(),
        membership_date: group.membership_date,
        members: group.members.clone(),
        measure,
        year,
        world: None,
        source: measure
            .map(|m| m.source().id.to_string())
            .unwrap_or_default(),
        computed: None,
        difference: None,
        matches: None,
        note: None,
    }
}

fn check_claim(
    data: &dyn Datasets,
    claim: &Claim,
    sco: &dyn ScoMembership,
    cache: &mut BTreeMap<String, Result<Group, String>>,
) -> Result<ClaimResult, IndicatorError> {
    let options = WeightOptions {
        missing: MissingPolicy::Skip,
        world: WorldTotal::Aggregate,
    };
    let mut trials = Vec::new();
    match claim.kind {
        ClaimKind::NotCheckable => {}
        ClaimKind::WorldShare | ClaimKind::GroupTotal => {
            for spec in &claim.groupings {
                for &measure in &claim.measures {
                    for &year in &claim.years {
                        let group = match resolve(data, sco, cache, spec) {
                            Ok(g) => g,
                            Err(e) => {
                                trials.push(failed_trial(spec, year, Some(measure), e));
                                continue;
                            }
                        };
                        let figure = measure_figure(data, &group, measure, year, &options)?;
                        let mut trial = group_trial(&group, Some(measure), year);
                        trial.computed = if claim.kind == ClaimKind::WorldShare {
                            trial.world = Some(figure.world.clone());
                            figure.share
                        } else {
                            figure.total
                        };
                        trial.note = figure.note.clone();
                        trials.push(trial);
                    }
                }
            }
        }
        ClaimKind::WorldTotal | ClaimKind::WorldGrowth => {
            for &measure in &claim.measures {
                for &year in &claim.years {
                    for world in [WorldTotal::Aggregate, WorldTotal::SumOfCountries] {
                        let (end, definition) = world_total(data, measure, year, world)?;
                        let computed = if claim.kind == ClaimKind::WorldGrowth {
                            let base_year = claim.base_year.unwrap_or(year);
                            let (base, _) = world_total(data, measure, base_year, world)?;
                            end.zip(base).map(|(e, b)| e / b - 1.0)
                        } else {
                            end
                        };
                        trials.push(Trial {
                            grouping: String::new(),
                            group_label: "world".into(),
                            membership_date: None,
                            members: Vec::new(),
                            measure: Some(measure),
                            year,
                            world: Some(definition),
                            source: measure.source().id.to_string(),
                            computed,
                            difference: None,
                            matches: None,
                            note: None,
                        });
                    }
                }
            }
        }
        ClaimKind::IntraTrade => {
            for spec in &claim.groupings {
                for &year in &claim.years {
                    let group = match resolve(data, sco, cache, spec) {
                        Ok(g) => g,
                        Err(e) => {
                            trials.push(failed_trial(spec, year, None, e));
                            continue;
                        }
                    };
                    let trade = intra_trade(data, &group, year)?;
                    let mut trial = group_trial(&group, None, year);
                    trial.source = trade.source.id.to_string();
                    trial.computed = trade.total_usd;
                    trial.note = trade.note;
                    trials.push(trial);
                }
            }
        }
        ClaimKind::AreaShare => {
            let (denominator, definition) = region_area(data, claim.denominator.as_deref())?;
            for spec in &claim.groupings {
                let year = claim.years.first().copied().unwrap_or_default();
                let group = match resolve(data, sco, cache, spec) {
                    Ok(g) => g,
                    Err(e) => {
                        trials.push(failed_trial(spec, year, Some(Measure::Area), e));
                        continue;
                    }
                };
                let figure = measure_figure(data, &group, Measure::Area, year, &options)?;
                let mut trial = group_trial(&group, Some(Measure::Area), year);
                trial.world = Some(definition.clone());
                trial.computed = figure.total.zip(denominator).map(|(t, d)| t / d);
                trial.note = figure.note;
                trials.push(trial);
            }
        }
        ClaimKind::MemberCount => {
            for spec in &claim.groupings {
                match resolve(data, sco, cache, spec) {
                    Ok(group) => {
                        let year = group
                            .membership_date
                            .map_or(0, |d| chrono::Datelike::year(&d));
                        let mut trial = group_trial(&group, None, year);
                        trial.source = group.source.clone();
                        trial.computed = Some(group.members.len() as f64);
                        trials.push(trial);
                    }
                    Err(e) => trials.push(failed_trial(spec, 0, None, e)),
                }
            }
        }
        ClaimKind::Largest => {
            for spec in &claim.groupings {
                for &measure in &claim.measures {
                    for &year in &claim.years {
                        let group = match resolve(data, sco, cache, spec) {
                            Ok(g) => g,
                            Err(e) => {
                                trials.push(failed_trial(spec, year, Some(measure), e));
                                continue;
                            }
                        };
                        let own = measure_figure(data, &group, measure, year, &options)?.total;
                        let mut best_rival: Option<(String, f64)> = None;
                        let mut gaps = Vec::new();
                        for rival in &claim.rivals {
                            match resolve(data, sco, cache, rival) {
                                Ok(r) => {
                                    let f = measure_figure(data, &r, measure, year, &options)?;
                                    if let Some(t) = f.total {
                                        if best_rival.as_ref().is_none_or(|b| t > b.1) {
                                            best_rival = Some((r.label.clone(), t));
                                        }
                                    }
                                }
                                Err(e) => gaps.push(e),
                            }
                        }
                        let mut trial = group_trial(&group, Some(measure), year);
                        trial.computed = own.zip(best_rival.as_ref()).map(|(o, r)| o / r.1);
                        trial.world = best_rival.map(|r| format!("largest rival: {}", r.0));
                        trial.note = (!gaps.is_empty()).then(|| gaps.join("; "));
                        trials.push(trial);
                    }
                }
            }
        }
    }
    for trial in &mut trials {
        if let (Some(v), Some(c)) = (trial.computed, claim.claimed) {
            trial.difference = Some(v - c);
            trial.matches = Some(fits(claim, v));
        }
    }
    Ok(conclude(claim, trials))
}

/// Whether a computed value fits the claim's wording.
pub fn fits(claim: &Claim, value: f64) -> bool {
    let Some(claimed) = claim.claimed else {
        return false;
    };
    let tolerance = claim
        .tolerance
        .unwrap_or(0.0)
        .max(claim.relative_tolerance.unwrap_or(0.0) * claimed.abs());
    match claim.comparator {
        Some(Comparator::About) => (value - claimed).abs() <= tolerance,
        Some(Comparator::MoreThan) => value > claimed,
        Some(Comparator::LessThan) => value < claimed,
        Some(Comparator::Almost) => value <= claimed && value >= claimed - tolerance,
        Some(Comparator::Between) => claim
            .upper
            .is_some_and(|upper| (claimed..=upper).contains(&value)),
        None => false,
    }
}

/// The Eurasian land area: all states the UN M49 list puts in Europe or Asia.
fn region_area(
    data: &dyn Datasets,
    region: Option<&str>,
) -> Result<(Option<f64>, String), IndicatorError> {
    match region {
        Some("eurasia") => {
            let countries = data.countries()?;
            let areas = data.areas()?;
            let (sum, n) = countries
                .iter()
                .filter(|c| c.un_region == "Europe" || c.un_region == "Asia")
                .filter_map(|c| areas.get(&c.iso3))
                .fold((0.0, 0), |acc, a| (acc.0 + a, acc.1 + 1));
            Ok((
                Some(sum),
                format!("Eurasia = land area of the {n} states and territories UN M49 places in Europe or Asia (Natural Earth shapes)"),
            ))
        }
        other => Ok((None, format!("unknown denominator region {other:?}"))),
    }
}

fn conclude(claim: &Claim, trials: Vec<Trial>) -> ClaimResult {
    let claim_text = claim_text(claim);
    let computed: Vec<usize> = trials
        .iter()
        .enumerate()
        .filter(|(_, t)| t.computed.is_some())
        .map(|(i, _)| i)
        .collect();
    let matching: Vec<usize> = computed
        .iter()
        .copied()
        .filter(|&i| trials[i].matches == Some(true))
        .collect();
    let closest = computed.iter().copied().min_by(|&a, &b| {
        let d = |i: usize| trials[i].difference.map_or(f64::INFINITY, f64::abs);
        d(a).total_cmp(&d(b))
    });
    let (verdict, best) = if claim.kind == ClaimKind::NotCheckable || computed.is_empty() {
        (Verdict::NotCheckable, None)
    } else if !matching.is_empty() {
        // Of the matching definitions, the one nearest the stated number.
        let best = matching.iter().copied().min_by(|&a, &b| {
            let d = |i: usize| trials[i].difference.map_or(f64::INFINITY, f64::abs);
            d(a).total_cmp(&d(b))
        });
        (Verdict::Reproduced, best)
    } else {
        (Verdict::NotReproduced, closest)
    };
    let summary = match (verdict, best) {
        (Verdict::Reproduced, Some(i)) => format!(
            "Reproduced by {} of {} definitions tested; nearest: {} = {} ({} from the stated number).",
            matching.len(),
            computed.len(),
            describe(&trials[i]),
            format_value(claim, trials[i].computed),
            format_difference(claim, trials[i].difference),
        ),
        (Verdict::NotReproduced, Some(i)) => format!(
            "None of {} definitions fits; closest: {} = {} ({} from the stated number).",
            computed.len(),
            describe(&trials[i]),
            format_value(claim, trials[i].computed),
            format_difference(claim, trials[i].difference),
        ),
        _ => match (&claim.reason, trials.iter().find_map(|t| t.note.clone())) {
            (Some(reason), _) => format!("Not checkable: {reason}"),
            (None, Some(note)) => format!("Not checkable: {note}"),
            (None, None) => "Not checkable.".to_string(),
        },
    };
    ClaimResult {
        id: claim.id.clone(),
        seed: claim.seed.clone(),
        location: claim.location.clone(),
        quote: claim.quote.clone(),
        kind: claim.kind,
        claimed: claim.claimed,
        unit: claim.unit.clone(),
        claim_text,
        verdict,
        summary,
        best,
        trials,
        reason: claim.reason.clone(),
        note: claim.note.clone(),
    }
}

/// "SCO members on 2022-09-16, GDP, PPP, 2021".
pub fn describe(trial: &Trial) -> String {
    let mut parts = vec![match trial.membership_date {
        Some(d) => format!("{} on {d}", trial.group_label),
        None => trial.group_label.clone(),
    }];
    if let Some(m) = trial.measure {
        parts.push(m.label().to_string());
    }
    parts.push(trial.year.to_string());
    if trial.group_label == "world" {
        if let Some(w) = &trial.world {
            parts.push(if w.starts_with("World Bank") {
                "WLD aggregate".into()
            } else {
                "sum of countries".into()
            });
        }
    }
    parts.join(", ")
}

fn is_fraction(claim: &Claim) -> bool {
    matches!(
        claim.kind,
        ClaimKind::WorldShare | ClaimKind::AreaShare | ClaimKind::WorldGrowth
    )
}

/// A value in the claim's unit, readable.
pub fn format_value(claim: &Claim, value: Option<f64>) -> String {
    let Some(v) = value else { return "n/a".into() };
    if is_fraction(claim) {
        format!("{:.1}%", v * 100.0)
    } else if claim.kind == ClaimKind::Largest {
        format!("{v:.2}x the largest rival")
    } else if claim.kind == ClaimKind::MemberCount {
        format!("{v:.0} states")
    } else if claim.unit.contains("US$") || claim.unit.contains("$") {
        format!("US${:.1} billion", v / 1e9)
    } else if claim.unit.contains("person") {
        format!("{:.2} billion", v / 1e9)
    } else {
        format!("{v:.3}")
    }
}

fn format_difference(claim: &Claim, difference: Option<f64>) -> String {
    let Some(d) = difference else {
        return "n/a".into();
    };
    if is_fraction(claim) {
        format!("{:+.1} points", d * 100.0)
    } else if claim.kind == ClaimKind::Largest {
        format!("{d:+.2}")
    } else if claim.kind == ClaimKind::MemberCount {
        format!("{d:+.0} states")
    } else {
        let base = claim.claimed.unwrap_or(1.0);
        format!("{:+.1}%", d / base * 100.0)
    }
}

/// The claim in words: "about 50.0% (±5.0 points)".
pub fn claim_text(claim: &Claim) -> String {
    if claim.kind == ClaimKind::NotCheckable {
        return "—".into();
    }
    let stated = format_value(claim, claim.claimed);
    let tolerance = match (claim.tolerance, claim.relative_tolerance) {
        (Some(t), _) if is_fraction(claim) => format!("{:.1} points", t * 100.0),
        (Some(t), _) => format_value(claim, Some(t)),
        (None, Some(r)) => format!("{:.0}%", r * 100.0),
        (None, None) => String::new(),
    };
    match claim.comparator {
        Some(Comparator::About) => format!("about {stated} (±{tolerance})"),
        Some(Comparator::MoreThan) => format!("more than {stated}"),
        Some(Comparator::LessThan) => format!("less than {stated}"),
        Some(Comparator::Almost) => {
            format!("almost {stated} (at most, and within {tolerance} below)")
        }
        Some(Comparator::Between) => {
            format!("between {stated} and {}", format_value(claim, claim.upper))
        }
        None => stated,
    }
}
