//! How the winset and the probability of agreement change as the SCO grows.
//!
//! Why: seed 003 (`003_ea27687f7455865c.txt`, section 4.3, lines 85-93) names the
//! "transformation of the cooperation pattern after expansion" as a challenge: every new
//! member holds a veto. This module measures it, membership by membership (the Shanghai Five,
//! 2001, 2017, 2023, 2024 and a counterfactual with candidates, see [`crate::membership`]):
//!
//! - for a case ([`case_expansion`]): with the positions the case codes held fixed, whether
//!   the winset of the status quo is empty, its share of the issue space (the probability
//!   that a proposal drawn uniformly over the space passes), who keeps it closed, whether
//!   each proposal of the case passes and who blocks it, and where the compromise lands;
//! - for random agendas ([`random_agendas`]), with documented assumptions:
//!   - `uniform`: each member's ideal point, the status quo and the proposal are drawn
//!     independently and uniformly over the unit interval or square, Euclidean preferences
//!     with equal weights; the result is a Monte Carlo estimate from an explicit seed;
//!   - `unga`: one dimension, the members' UN General Assembly ideal points of a year scaled
//!     to 0..1 by that year's lowest and highest point; status quo and proposal uniform. The
//!     probability is then an integral over the status quo, computed on a fine grid;
//!   - Coleman's a-priori probability 2^-n (each member says yes with probability ½).
//!
//! Exact facts that check the Monte Carlo: in one dimension the winset is empty exactly when
//! the status quo lies between the lowest and highest ideal point, which for n + 1
//! independent uniform draws happens with probability (n − 1)/(n + 1).

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::Serialize;

use crate::analysis::{self, Model};
use crate::case::ScoCase;
use crate::consensus::{self, Winset};
use crate::error::LabError;
use crate::membership::Membership;
use crate::unga;

/// A case proposal's fate under one membership.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProposalFate {
    pub name: String,
    pub passes: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub binding_veto: Option<String>,
    pub passes_with_reservations: bool,
}

/// One membership's row for a case.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CaseExpansionRow {
    pub membership: String,
    pub label: String,
    pub date: chrono::NaiveDate,
    pub members: Vec<String>,
    /// Members the case does not code: the row is not computed when any is missing.
    pub uncoded: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub winset: Option<Winset>,
    pub gridlock_vetoes: Vec<Vec<String>>,
    pub coleman: f64,
    pub proposals: Vec<ProposalFate>,
    /// The compromise model's prediction, its projection onto what consensus allows, and the
    /// member that blocks it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub compromise: Option<Vec<f64>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub compromise_projected: Option<Vec<f64>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub compromise_blocked_by: Option<String>,
}

/// The case under every membership, positions held fixed.
pub fn case_expansion(
    case: &ScoCase,
    memberships: &[Membership],
) -> Result<Vec<CaseExpansionRow>, LabError> {
    memberships
        .iter()
        .map(|m| {
            let uncoded = analysis::uncoded(case, &m.members);
            let mut row = CaseExpansionRow {
                membership: m.id.clone(),
                label: m.label.clone(),
                date: m.date,
                members: m.members.clone(),
                uncoded: uncoded.clone(),
                winset: None,
                gridlock_vetoes: Vec::new(),
                coleman: consensus::coleman_unanimity(m.members.len()),
                proposals: Vec::new(),
                compromise: None,
                compromise_projected: None,
                compromise_blocked_by: None,
            };
            if !uncoded.is_empty() {
                return Ok(row);
            }
            let run = analysis::run_case(case, &m.members, &m.label, &[Model::Compromise])?;
            row.winset = Some(run.winset);
            row.gridlock_vetoes = run.gridlock_vetoes;
            row.proposals = run
                .proposals
                .iter()
                .map(|p| ProposalFate {
                    name: p.name.clone(),
                    passes: p.judgement.passes,
                    binding_veto: p.judgement.binding_veto.clone(),
                    passes_with_reservations: p.judgement.passes_with_reservations,
                })
                .collect();
            if let Some(c) = run.models.first() {
                row.compromise = Some(c.prediction.clone());
                row.compromise_projected = Some(c.projection.point.clone());
                row.compromise_blocked_by = c.judgement.binding_veto.clone();
            }
            Ok(row)
        })
        .collect()
}

/// How random agendas are drawn.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Agenda {
    /// Ideal points, status quo and proposal uniform on the unit interval (1) or square (2).
    Uniform { dims: usize },
    /// Members at their UN ideal points of `year`; status quo and proposal uniform.
    Unga { year: i32 },
}

/// Settings of the random-agenda estimate.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct AgendaSettings {
    /// Monte Carlo draws (uniform agendas).
    pub draws: usize,
    pub seed: u64,
}

impl Default for AgendaSettings {
    fn default() -> Self {
        AgendaSettings {
            draws: 20_000,
            seed: 2001,
        }
    }
}

/// One membership's row for random agendas.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AgendaRow {
    pub membership: String,
    pub label: String,
    pub date: chrono::NaiveDate,
    /// Members counted (for `unga`, those with an ideal point).
    pub members: usize,
    pub agenda: Agenda,
    /// Probability that a random proposal passes against a random status quo.
    pub p_pass: f64,
    /// Its Monte Carlo standard error (0 for exact computations).
    pub p_pass_se: f64,
    /// Probability that the winset of a random status quo is empty (gridlock).
    pub p_empty: f64,
    /// Coleman's 2^-n.
    pub coleman: f64,
    /// Members left out for lack of data.
    pub missing: Vec<String>,
}

/// Random agendas for every membership.
pub fn random_agendas(
    memberships: &[Membership],
    agenda: Agenda,
    settings: AgendaSettings,
) -> Result<Vec<AgendaRow>, LabError> {
    memberships
        .iter()
        .enumerate()
        .map(|(k, m)| {
            let base = AgendaRow {
                membership: m.id.clone(),
                label: m.label.clone(),
                date: m.date,
                members: m.members.len(),
                agenda,
                p_pass: 0.0,
                p_pass_se: 0.0,
                p_empty: 0.0,
                coleman: consensus::coleman_unanimity(m.members.len()),
                missing: Vec::new(),
            };
            match agenda {
                Agenda::Uniform { dims } => {
                    if !(1..=2).contains(&dims) {
                        return Err(LabError::Usage(format!(
                            "uniform agendas are drawn in 1 or 2 dimensions, not {dims}"
                        )));
                    }
                    // One stream per membership, so rows do not depend on each other.
                    let seed = settings.seed.wrapping_add(k as u64);
                    let (p, se, empty) =
                        uniform_estimate(m.members.len(), dims, settings.draws, seed);
                    Ok(AgendaRow {
                        p_pass: p,
                        p_pass_se: se,
                        p_empty: empty,
                        ..base
                    })
                }
                Agenda::Unga { year } => {
                    let positions = unga::scaled_positions(&m.members, year)?;
                    let missing: Vec<String> = m
                        .members
                        .iter()
                        .filter(|s| !positions.iter().any(|(p, _)| p == *s))
                        .cloned()
                        .collect();
                    let x: Vec<f64> = positions.iter().map(|(_, v)| *v).collect();
                    let (p, empty) = line_exact(&x);
                    Ok(AgendaRow {
                        members: x.len(),
                        p_pass: p,
                        p_empty: empty,
                        coleman: consensus::coleman_unanimity(x.len()),
                        missing,
                        ..base
                    })
                }
            }
        })
        .collect()
}

/// Monte Carlo over uniform agendas: (P(pass), its standard error, P(empty)).
pub fn uniform_estimate(members: usize, dims: usize, draws: usize, seed: u64) -> (f64, f64, f64) {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut passes = 0usize;
    let mut empties = 0usize;
    let mut ideals = vec![[0.0f64; 2]; members];
    for _ in 0..draws {
        for x in ideals.iter_mut() {
            for v in x.iter_mut().take(dims) {
                *v = rng.random::<f64>();
            }
        }
        let mut q = [0.0f64; 2];
        let mut y = [0.0f64; 2];
        for v in q.iter_mut().take(dims) {
            *v = rng.random::<f64>();
        }
        for v in y.iter_mut().take(dims) {
            *v = rng.random::<f64>();
        }
        let d2 = |a: &[f64; 2], b: &[f64; 2]| (0..dims).map(|d| (a[d] - b[d]).powi(2)).sum::<f64>();
        if ideals.iter().all(|x| d2(x, &y) <= d2(x, &q)) {
            passes += 1;
        }
        if winset_is_empty(&ideals, &q, dims) {
            empties += 1;
        }
    }
    let n = draws.max(1) as f64;
    let p = passes as f64 / n;
    (p, (p * (1.0 - p) / n).sqrt(), empties as f64 / n)
}

/// With equal-weight Euclidean preferences, the winset of q is empty exactly when q lies in
/// the convex hull of the ideal points, i.e. when no open half-plane through q holds them all.
fn winset_is_empty(ideals: &[[f64; 2]], q: &[f64; 2], dims: usize) -> bool {
    if ideals.is_empty() {
        return false;
    }
    if dims == 1 {
        let lo = ideals.iter().map(|x| x[0]).fold(f64::INFINITY, f64::min);
        let hi = ideals
            .iter()
            .map(|x| x[0])
            .fold(f64::NEG_INFINITY, f64::max);
        return lo <= q[0] && q[0] <= hi;
    }
    let mut angles: Vec<f64> = ideals
        .iter()
        .map(|x| (x[1] - q[1]).atan2(x[0] - q[0]))
        .collect();
    angles.sort_by(f64::total_cmp);
    let mut largest_gap = angles[0] + 2.0 * std::f64::consts::PI - angles[angles.len() - 1];
    for w in angles.windows(2) {
        largest_gap = largest_gap.max(w[1] - w[0]);
    }
    largest_gap <= std::f64::consts::PI
}

/// Exact one-dimensional probabilities for fixed ideal points on 0..1 and a uniform status
/// quo and proposal: (P(pass), P(empty)).
pub fn line_exact(x: &[f64]) -> (f64, f64) {
    if x.is_empty() {
        return (1.0, 0.0);
    }
    let lo = x.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = x.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    // Winset length for status quo q: below the lowest point (q, min(2·lo − q, 1)); above the
    // highest point (max(2·hi − q, 0), q); nothing in between. Midpoint rule on a fine grid.
    const STEPS: usize = 100_000;
    let mut total = 0.0;
    for k in 0..STEPS {
        let q = (k as f64 + 0.5) / STEPS as f64;
        let length = if q < lo {
            (2.0 * lo - q).min(1.0) - q
        } else if q > hi {
            q - (2.0 * hi - q).max(0.0)
        } else {
            0.0
        };
        total += length;
    }
    (total / STEPS as f64, hi - lo)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uniform_gridlock_in_one_dimension_matches_the_exact_fraction() {
        // P(empty) = (n − 1)/(n + 1) for n uniform ideal points and a uniform status quo.
        for n in [2usize, 5, 9] {
            let (_, _, empty) = uniform_estimate(n, 1, 40_000, 7);
            let exact = (n as f64 - 1.0) / (n as f64 + 1.0);
            assert!((empty - exact).abs() < 0.01, "n={n}: {empty} vs {exact}");
        }
    }

    #[test]
    fn a_single_member_accepts_half_of_all_proposals_on_a_line() {
        // One voter: a uniform proposal beats a uniform status quo with probability 1/2.
        let (p, se, empty) = uniform_estimate(1, 1, 40_000, 11);
        assert!((p - 0.5).abs() < 4.0 * se + 1e-3, "{p}");
        assert_eq!(empty, 0.0);
    }

    #[test]
    fn same_seed_same_estimate() {
        assert_eq!(
            uniform_estimate(6, 2, 2_000, 3),
            uniform_estimate(6, 2, 2_000, 3)
        );
    }

    #[test]
    fn exact_line_probability_shrinks_as_members_spread() {
        let (p_close, e_close) = line_exact(&[0.49, 0.51]);
        let (p_wide, e_wide) = line_exact(&[0.1, 0.9]);
        assert!(p_close > p_wide);
        assert!((e_close - 0.02).abs() < 1e-12 && (e_wide - 0.8).abs() < 1e-12);
        // One member at 0.5: P(pass) = ∫ |q − 0.5| · 2 dq clipped... equals 0.5 by symmetry
        // of the single-voter case.
        let (p_one, _) = line_exact(&[0.5]);
        assert!((p_one - 0.5).abs() < 1e-6, "{p_one}");
    }
}
