//! Trade among the members of a grouping, from COW dyadic flows (to 2014).

use serde::Serialize;

use sco_data::{sources, Datasets};

use crate::weight::SourceRef;
use crate::{Group, IndicatorError};

/// Total trade among a group's members in one year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IntraTrade {
    pub year: i32,
    /// Sum over member pairs of both directions' imports, current US$ (each flow counted
    /// once, as the importer reports it); `None` if the year is outside the data.
    pub total_usd: Option<f64>,
    /// Member pairs with at least one flow.
    pub pairs_counted: usize,
    /// Pairs ("KAZ-TJK") with a direction COW leaves blank.
    pub missing_flows: Vec<String>,
    /// Members whose dyads are not all in the extract (so pairs among them may be missing).
    pub uncovered_members: Vec<String>,
    pub source: SourceRef,
    pub note: Option<String>,
}

/// Sums the COW flows among the members.
pub fn intra_trade(
    data: &dyn Datasets,
    group: &Group,
    year: i32,
) -> Result<IntraTrade, IndicatorError> {
    let trade = data.dyadic_trade()?;
    let in_group = |c: &str| group.members.iter().any(|m| m == c);
    let uncovered_members: Vec<String> = group
        .members
        .iter()
        .filter(|m| !trade.covers(m))
        .cloned()
        .collect();
    let span = trade.year_span();
    let inside = span.is_some_and(|(a, b)| (a..=b).contains(&year));
    let mut total = 0.0;
    let mut pairs_counted = 0;
    let mut missing_flows = Vec::new();
    for dyad in trade
        .dyads(year)
        .iter()
        .filter(|d| in_group(&d.a) && in_group(&d.b))
    {
        let flows = [dyad.imports_a_from_b, dyad.imports_b_from_a];
        if flows.iter().any(Option::is_some) {
            pairs_counted += 1;
        }
        if flows.iter().any(Option::is_none) {
            missing_flows.push(format!("{}-{}", dyad.a, dyad.b));
        }
        total += flows.iter().flatten().sum::<f64>();
    }
    let note = if !inside {
        span.map(|(a, b)| format!("COW dyadic trade covers {a}-{b} only"))
    } else if !uncovered_members.is_empty() {
        Some(format!(
            "{} outside the extract's 27 states: their mutual flows are absent",
            uncovered_members.join(", ")
        ))
    } else {
        None
    };
    Ok(IntraTrade {
        year,
        total_usd: inside.then_some(total),
        pairs_counted,
        missing_flows,
        uncovered_members,
        source: SourceRef::new(sources::COW_TRADE_DYADIC, "flow1 + flow2"),
        note,
    })
}
