//! The real winset of an "anti-Western declaration", from UN General Assembly voting.
//!
//! Why: seed 004 (`004_c3854dfeaeb6a555.txt`, lines 113-129) expects India's membership to
//! make the SCO's balancing against the West "softer". Under consensus a joint declaration
//! can move away from the West only as far as its most West-leaning member accepts. UN
//! voting gives every state's position on that axis each year: the ideal points of Bailey,
//! Strezhnev and Voeten (higher = closer to the United States; `data/datasets/
//! unga_ideal_points.csv`, through `sco-data`).
//!
//! The reading, stated as assumptions:
//! - one dimension, the members' UN ideal points of the year;
//! - the status quo is the West's own position: the median ideal point of the NATO members
//!   that year (membership from `data/groupings/organizations.toml`). A text at that point
//!   says nothing the West would not say; an "anti-Western" declaration moves below it;
//! - with Euclidean preferences the unanimity winset is `(2·θmax − q, q)`, where θmax is the
//!   most West-leaning member, as long as θmax < q (it is empty if a member sits at or above
//!   the West's median: that member would rather not move away from the West at all).
//!
//! The depth `2(q − θmax)` measures how far from the West a consensus text can go; the
//! member at θmax is the binding member. Only θmax moves the bound: a new member changes it
//! only if it votes closer to the West than every old one. (A first version took the median
//! UN member as the status quo; the SCO's members vote closer to the US than that median in
//! almost every year, so the winset was empty throughout and said nothing.)

use serde::Serialize;

use crate::error::LabError;

/// How many years away a missing ideal point may be taken from.
pub const YEAR_WINDOW: i32 = 3;

/// The winset of an anti-Western declaration for one membership and one year of positions.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DeclarationWinset {
    /// The year of the ideal points.
    pub year: i32,
    /// Label of the membership (a year, or a membership id).
    pub membership: String,
    pub members: Vec<String>,
    /// Members with no ideal point within [`YEAR_WINDOW`] years (left out).
    pub missing: Vec<String>,
    /// The median NATO member's ideal point: the status quo.
    pub status_quo: f64,
    /// The most West-leaning member and its ideal point: the binding member.
    pub binding_member: String,
    pub binding_point: f64,
    /// Lowest and highest member ideal points.
    pub lowest_member: String,
    pub lowest_point: f64,
    /// `q − θmax`: positive when the winset is open.
    pub gap: f64,
    pub empty: bool,
    /// The winset `(2θmax − q, q)` when open.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub interval: Option<(f64, f64)>,
    /// `2(q − θmax)` when open, 0 otherwise.
    pub depth: f64,
    /// Share of the anti-Western range (from the lowest UN ideal point of the year up to the
    /// status quo) that passes: the probability that an anti-Western text drawn uniformly
    /// from that range passes.
    pub pass_share: f64,
}

/// The ideal point of `state` near `year`: `(year used, value)`.
fn ideal_point(state: &str, year: i32) -> Result<Option<(i32, f64)>, LabError> {
    Ok(sco_data::embedded::unga()?
        .ideal_point
        .nearest(state, year, YEAR_WINDOW))
}

fn median(mut points: Vec<f64>) -> Option<f64> {
    if points.is_empty() {
        return None;
    }
    points.sort_by(f64::total_cmp);
    let n = points.len();
    Some(if n % 2 == 1 {
        points[n / 2]
    } else {
        0.5 * (points[n / 2 - 1] + points[n / 2])
    })
}

/// The West's position (median NATO member on 31 December) and the lowest UN ideal point of `year`.
fn world(year: i32) -> Result<Option<(f64, f64)>, LabError> {
    let unga = sco_data::embedded::unga()?;
    let Some(low) = unga
        .ideal_point
        .values_in(year)
        .map(|(_, v)| v)
        .min_by(f64::total_cmp)
    else {
        return Ok(None);
    };
    let Some(date) = chrono::NaiveDate::from_ymd_opt(year, 12, 31) else {
        return Ok(None);
    };
    let nato = sco_data::embedded::groupings()?
        .organization("nato")
        .map(|o| o.members_on(date))
        .unwrap_or_default();
    let points: Vec<f64> = nato
        .iter()
        .filter_map(|c| unga.ideal_point.get(c, year))
        .collect();
    Ok(median(points).map(|q| (q, low)))
}

/// The years the UN voting data cover.
pub fn years() -> Result<std::ops::RangeInclusive<i32>, LabError> {
    Ok(sco_data::embedded::unga()?.ideal_point.years())
}

/// The winset of an anti-Western declaration for `members` with ideal points of `year`.
/// `None` when the data have no year or no member with a position.
pub fn declaration_winset(
    membership: &str,
    members: &[String],
    year: i32,
) -> Result<Option<DeclarationWinset>, LabError> {
    let Some((q, world_low)) = world(year)? else {
        return Ok(None);
    };
    let mut points = Vec::new();
    let mut missing = Vec::new();
    for m in members {
        match ideal_point(m, year)? {
            Some((_, v)) => points.push((m.clone(), v)),
            None => missing.push(m.clone()),
        }
    }
    let Some((top_state, top)) = points
        .iter()
        .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
        .cloned()
    else {
        return Ok(None);
    };
    let (low_state, low) = points
        .iter()
        .min_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)))
        .cloned()
        .unwrap_or((top_state.clone(), top));
    let gap = q - top;
    let empty = gap <= 0.0;
    let interval = (!empty).then_some((2.0 * top - q, q));
    let depth = if empty { 0.0 } else { 2.0 * gap };
    let range = q - world_low;
    let pass_share = if empty || range <= 0.0 {
        0.0
    } else {
        (q - (2.0 * top - q).max(world_low)) / range
    };
    Ok(Some(DeclarationWinset {
        year,
        membership: membership.to_string(),
        members: members.to_vec(),
        missing,
        status_quo: q,
        binding_member: top_state,
        binding_point: top,
        lowest_member: low_state,
        lowest_point: low,
        gap,
        empty,
        interval,
        depth,
        pass_share,
    }))
}

/// The members' ideal points of `year`, scaled to 0..1 by the lowest and highest UN ideal
/// point of that year (for the data-based random agendas of [`crate::expansion`]).
pub fn scaled_positions(members: &[String], year: i32) -> Result<Vec<(String, f64)>, LabError> {
    let unga = sco_data::embedded::unga()?;
    let all: Vec<f64> = unga.ideal_point.values_in(year).map(|(_, v)| v).collect();
    let (lo, hi) = all
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &v| {
            (lo.min(v), hi.max(v))
        });
    if hi.partial_cmp(&lo) != Some(std::cmp::Ordering::Greater) {
        return Ok(Vec::new());
    }
    let mut out = Vec::new();
    for m in members {
        if let Some((_, v)) = ideal_point(m, year)? {
            out.push((m.clone(), (v - lo) / (hi - lo)));
        }
    }
    Ok(out)
}
