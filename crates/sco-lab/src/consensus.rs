//! Consensus under the SCO Charter, applied with the unanimity layer of `sco-decide`.
//!
//! Why here: the SCO decides by consensus (Charter, Article 16): a proposal passes when no
//! member objects. `sco-decide`'s consensus layer gives the generic geometry of unanimity
//! (the winset of the status quo, exact emptiness with the jointly blocking actors, the
//! binding veto, the projection of a prediction onto what unanimity allows, reservations).
//! This module adds what the Charter says and what the SCO analysis needs on top of it:
//!
//! - [`judge`]: does a proposal pass, which members object (the loss each would suffer),
//!   the binding veto, and whether it passes once the objecting members state a
//!   reservation on the case's *separable* aspects (Article 16: a member may set out its
//!   view on particular aspects without blocking the decision as a whole);
//! - [`winset`]: emptiness, the interval (one dimension) or the range of each dimension, and
//!   the share of the issue space in the winset: the probability that a proposal drawn
//!   uniformly over the space passes (counted on a grid in two or more dimensions);
//! - [`project`]: the point consensus allows nearest to a prediction, with or without the
//!   reservations;
//! - [`gridlock_vetoes`]: the smallest groups of members (one, else two) whose standing
//!   aside would open an empty winset.
//!
//! Preferences are those of `sco-decide` with `Metric::SalienceWeighted`: member i's gain
//! from x over the status quo is `Σ_d s_id [(sq_d − a_id)² − (x_d − a_id)²]`. Under the
//! Charter a member that is no worse off does not object (silence is not an objection), so a
//! proposal passes when no gain is negative: the closed winset, on whose boundary the
//! projections of `sco-decide` land.
//!
//! The rule for reservations is an assumption, since the Charter does not spell out when a
//! member uses one: a blocking member states a reservation on the separable aspects when
//! that removes its objection (it gains nothing on the remaining aspects but loses nothing
//! either); a decision passes with reservations when every remaining member consents and
//! fewer than half of the members have put reservations on record (beyond that there is no
//! common decision to speak of).

use serde::Serialize;

use sco_decide::consensus::{Metric, Reservation, UnanimityProblem};

use crate::error::LabError;

/// A consensus problem: the members' preferences, the status quo, and which aspects are
/// separable.
#[derive(Debug, Clone)]
pub struct Problem {
    inner: UnanimityProblem,
    separable: Vec<bool>,
}

impl Problem {
    /// The problem of `profile` (actors = members, with the status quo set).
    pub fn new(profile: &sco_decide::Profile, separable: Vec<bool>) -> Result<Self, LabError> {
        let inner =
            UnanimityProblem::from_profile(profile, Metric::SalienceWeighted).map_err(|e| {
                LabError::Model {
                    model: "consensus".into(),
                    message: e.to_string(),
                }
            })?;
        Ok(Problem { inner, separable })
    }

    /// The generic unanimity problem of `sco-decide`.
    pub fn unanimity(&self) -> &UnanimityProblem {
        &self.inner
    }

    fn members(&self) -> &[String] {
        &self.inner.actors
    }

    fn dims(&self) -> usize {
        self.inner.status_quo.len()
    }

    fn is_status_quo(&self, x: &[f64]) -> bool {
        x.iter()
            .zip(&self.inner.status_quo)
            .all(|(a, b)| (a - b).abs() < 1e-9)
    }

    /// Reservations of member `i` on every separable aspect it weighs.
    fn reservations_of(&self, i: usize) -> Vec<Reservation> {
        (0..self.dims())
            .filter(|&d| self.separable[d])
            .map(|dimension| Reservation {
                actor: i,
                dimension,
            })
            .collect()
    }

    fn relaxed(&self, states: &[String]) -> Result<UnanimityProblem, LabError> {
        let reservations: Vec<Reservation> = self
            .members()
            .iter()
            .enumerate()
            .filter(|(_, s)| states.contains(s))
            .flat_map(|(i, _)| self.reservations_of(i))
            .collect();
        self.inner
            .with_reservations(&reservations)
            .map_err(model_error)
    }

    /// The same problem without some members (they are made indifferent: no veto).
    fn without(&self, out: &[usize]) -> Result<UnanimityProblem, LabError> {
        let reservations: Vec<Reservation> = out
            .iter()
            .flat_map(|&actor| {
                (0..self.dims()).map(move |dimension| Reservation { actor, dimension })
            })
            .collect();
        self.inner
            .with_reservations(&reservations)
            .map_err(model_error)
    }
}

fn model_error(e: sco_decide::consensus::ConsensusError) -> LabError {
    LabError::Model {
        model: "consensus".into(),
        message: e.to_string(),
    }
}

/// A member that objects to a proposal.
#[derive(Debug, Clone, PartialEq)]
pub struct Blocker {
    pub state: String,
    /// How much it would lose against the status quo (salience-weighted squared distance).
    pub loss: f64,
    /// Whether a reservation on the separable aspects would remove its objection.
    pub can_reserve: bool,
}

/// Whether a proposal passes under consensus.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Judgement {
    /// The proposal is the status quo itself (nothing to decide).
    pub status_quo: bool,
    /// No member objects.
    pub passes: bool,
    /// The objecting members, largest loss first.
    pub blockers: Vec<Blocker>,
    /// The binding veto (`sco-decide`): the member whose preferred-to-status-quo set is the
    /// most restrictive in the direction of the proposal, when it blocks the proposal.
    pub binding_veto: Option<String>,
    /// Members that would state a reservation instead of blocking.
    pub reservations: Vec<String>,
    /// Passes once those reservations are on record (every remaining member consents, and
    /// reservations come from fewer than half of the members).
    pub passes_with_reservations: bool,
}

/// Gains this close to zero (in squared scale units) count as indifference.
const INDIFFERENT: f64 = 1e-7;

/// No member of `inner` loses from `x`.
fn nobody_loses(inner: &UnanimityProblem, x: &[f64]) -> bool {
    (0..inner.actors.len()).all(|i| inner.gain(i, x) >= -INDIFFERENT)
}

/// Judges `proposal` against the status quo.
pub fn judge(problem: &Problem, proposal: &[f64]) -> Result<Judgement, LabError> {
    let inner = &problem.inner;
    if problem.is_status_quo(proposal) {
        return Ok(Judgement {
            status_quo: true,
            passes: true,
            blockers: Vec::new(),
            binding_veto: None,
            reservations: Vec::new(),
            passes_with_reservations: true,
        });
    }
    let mut blockers = Vec::new();
    for (i, state) in problem.members().iter().enumerate() {
        let gain = inner.gain(i, proposal);
        if gain >= -INDIFFERENT {
            continue;
        }
        let own = problem.reservations_of(i);
        let can_reserve = !own.is_empty()
            && inner
                .with_reservations(&own)
                .map_err(model_error)?
                .gain(i, proposal)
                >= -INDIFFERENT;
        blockers.push(Blocker {
            state: state.clone(),
            loss: -gain,
            can_reserve,
        });
    }
    blockers.sort_by(|a, b| b.loss.total_cmp(&a.loss).then(a.state.cmp(&b.state)));
    let passes = blockers.is_empty();
    let binding_veto = inner
        .binding_veto(proposal)
        .map_err(model_error)?
        .filter(|v| v.blocks_prediction && !passes)
        .map(|v| v.actor);
    let reservations: Vec<String> = blockers
        .iter()
        .filter(|b| b.can_reserve)
        .map(|b| b.state.clone())
        .collect();
    let minority = 2 * reservations.len() < problem.members().len();
    let passes_with_reservations = passes
        || (!blockers.is_empty()
            && blockers.iter().all(|b| b.can_reserve)
            && minority
            && nobody_loses(&problem.relaxed(&reservations)?, proposal));
    Ok(Judgement {
        status_quo: false,
        passes,
        blockers,
        binding_veto,
        reservations,
        passes_with_reservations,
    })
}

/// The unanimity winset of the status quo.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Winset {
    /// Nothing but the status quo passes.
    pub empty: bool,
    /// Share of the issue space in the winset: the probability that a proposal drawn
    /// uniformly over the space passes.
    pub share: f64,
    /// In one dimension, the winset's interval.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub interval: Option<(f64, f64)>,
    /// Per dimension, the range the winset spans (its bounding box), if not empty.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bounds: Option<Vec<(f64, f64)>>,
    /// When empty: the members whose objections jointly block every move, with their weights
    /// in `sco-decide`'s certificate (Gordan's theorem).
    pub blocking: Vec<(String, f64)>,
}

/// Grid points per dimension used to measure winsets in two or more dimensions.
fn grid_side(dims: usize) -> usize {
    match dims {
        0 | 1 => 1,
        2 => 200,
        3 => 36,
        _ => 10,
    }
}

/// The unanimity winset of the status quo.
pub fn winset(problem: &Problem) -> Winset {
    let inner = &problem.inner;
    let exact = inner.winset();
    if exact.empty {
        return Winset {
            empty: true,
            share: 0.0,
            interval: None,
            bounds: None,
            blocking: exact.blocking,
        };
    }
    if let Some((lo, hi)) = exact.interval {
        let (a, b) = inner.bounds[0];
        return Winset {
            empty: false,
            share: (hi - lo) / (b - a),
            interval: Some((lo, hi)),
            bounds: Some(vec![(lo, hi)]),
            blocking: Vec::new(),
        };
    }
    let dims = problem.dims();
    let side = grid_side(dims);
    let total = side.pow(dims as u32);
    let mut inside = 0usize;
    let mut bounds = vec![(f64::INFINITY, f64::NEG_INFINITY); dims];
    let mut point = vec![0.0; dims];
    let cell = |d: usize| (inner.bounds[d].1 - inner.bounds[d].0) / side as f64;
    for index in 0..total {
        let mut rest = index;
        for (d, p) in point.iter_mut().enumerate() {
            *p = inner.bounds[d].0 + (rest % side) as f64 * cell(d) + 0.5 * cell(d);
            rest /= side;
        }
        if inner.passes(&point) {
            inside += 1;
            for (b, &p) in bounds.iter_mut().zip(&point) {
                *b = (b.0.min(p), b.1.max(p));
            }
        }
    }
    // Grid points are cell centres: widen the range by half a cell, within the scale.
    for (d, b) in bounds.iter_mut().enumerate() {
        *b = (
            (b.0 - 0.5 * cell(d)).max(inner.bounds[d].0),
            (b.1 + 0.5 * cell(d)).min(inner.bounds[d].1),
        );
    }
    Winset {
        // The winset is open but may be thinner than a grid cell.
        empty: false,
        share: inside as f64 / total as f64,
        interval: None,
        bounds: (inside > 0).then_some(bounds),
        blocking: Vec::new(),
    }
}

/// The point of what consensus allows nearest to a prediction.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Projection {
    pub point: Vec<f64>,
    /// The member whose objection binds at the point (the binding veto of the prediction),
    /// when the prediction does not pass and the winset is open.
    pub binding: Vec<String>,
    /// Whether the prediction itself was allowed (then `point` is the prediction).
    pub unchanged: bool,
}

/// Projects `prediction` onto what consensus allows (`sco-decide`'s projection), with
/// `reserving` members holding reservations on the separable aspects.
pub fn project(
    problem: &Problem,
    prediction: &[f64],
    reserving: &[String],
) -> Result<Projection, LabError> {
    let relaxed;
    let inner = if reserving.is_empty() {
        &problem.inner
    } else {
        relaxed = problem.relaxed(reserving)?;
        &relaxed
    };
    if problem.is_status_quo(prediction) || nobody_loses(inner, prediction) {
        return Ok(Projection {
            point: prediction.to_vec(),
            binding: Vec::new(),
            unchanged: true,
        });
    }
    let p = inner.project(prediction).map_err(model_error)?;
    let binding = match (&p.veto, p.prediction_passes, p.gridlock) {
        (Some(v), false, false) => vec![v.actor.clone()],
        _ => Vec::new(),
    };
    Ok(Projection {
        unchanged: p.prediction_passes,
        point: p.allowed,
        binding,
    })
}

/// The smallest groups of members (one member, else two) whose standing aside would open an
/// empty winset: who keeps the organisation in gridlock. Empty when the winset is open, or
/// when no group of one or two suffices.
pub fn gridlock_vetoes(problem: &Problem) -> Result<Vec<Vec<String>>, LabError> {
    if !problem.inner.winset().empty {
        return Ok(Vec::new());
    }
    let names = problem.members();
    let opens =
        |out: &[usize]| -> Result<bool, LabError> { Ok(!problem.without(out)?.winset().empty) };
    let mut singles = Vec::new();
    for (i, name) in names.iter().enumerate() {
        if opens(&[i])? {
            singles.push(vec![name.clone()]);
        }
    }
    if !singles.is_empty() {
        return Ok(singles);
    }
    let mut pairs = Vec::new();
    for i in 0..names.len() {
        for j in i + 1..names.len() {
            if opens(&[i, j])? {
                pairs.push(vec![names[i].clone(), names[j].clone()]);
            }
        }
    }
    Ok(pairs)
}

/// Coleman's "power of a collectivity to act" under unanimity, 2^-n (`sco-decide`).
pub fn coleman_unanimity(members: usize) -> f64 {
    sco_decide::consensus::probability::coleman_unanimity(members)
}

impl serde::Serialize for Blocker {
    /// The fields in order, with the state's COW and Gleditsch-Ward numbers after `state`.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let (ccode, gwcode) = crate::state_numbers(&self.state);
        let mut out = serializer.serialize_struct("Blocker", 5)?;
        out.serialize_field("state", &self.state)?;
        out.serialize_field("ccode", &ccode)?;
        out.serialize_field("gwcode", &gwcode)?;
        out.serialize_field("loss", &self.loss)?;
        out.serialize_field("can_reserve", &self.can_reserve)?;
        out.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sco_decide::{Actor, Dimension, Profile, Stance};

    fn profile(sq: &[f64], actors: &[(&str, &[f64], &[f64])]) -> Profile {
        Profile {
            name: "test".into(),
            dimensions: (0..sq.len())
                .map(|d| Dimension {
                    name: format!("d{d}"),
                    min: 0.0,
                    max: 100.0,
                })
                .collect(),
            actors: actors
                .iter()
                .map(|(name, ideal, sal)| Actor {
                    name: name.to_string(),
                    capability: 1.0,
                    stances: ideal
                        .iter()
                        .zip(sal.iter())
                        .map(|(&position, &salience)| {
                            Some(Stance {
                                position,
                                salience,
                                capability: None,
                            })
                        })
                        .collect(),
                })
                .collect(),
            status_quo: Some(sq.to_vec()),
            source: None,
        }
    }

    fn names(g: &[&str]) -> Vec<String> {
        g.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn the_member_nearest_the_status_quo_bounds_a_line() {
        let p = Problem::new(
            &profile(&[0.0], &[("A", &[30.0], &[1.0]), ("B", &[60.0], &[0.5])]),
            vec![false],
        )
        .expect("problem");
        let w = winset(&p);
        assert_eq!(w.interval, Some((0.0, 60.0)));
        assert!((w.share - 0.6).abs() < 1e-12);
        let j = judge(&p, &[70.0]).expect("judged");
        assert!(!j.passes && j.binding_veto.as_deref() == Some("A"));
        let q = project(&p, &[70.0], &[]).expect("projected");
        assert!((q.point[0] - 60.0).abs() < 1e-6 && q.binding == names(&["A"]));
        // The status quo itself is nothing to decide.
        assert!(judge(&p, &[0.0]).expect("judged").status_quo);
    }

    #[test]
    fn gridlock_names_who_must_stand_aside() {
        let p = Problem::new(
            &profile(
                &[25.0],
                &[
                    ("A", &[10.0], &[1.0]),
                    ("B", &[15.0], &[1.0]),
                    ("C", &[70.0], &[1.0]),
                    ("D", &[80.0], &[1.0]),
                ],
            ),
            vec![false],
        )
        .expect("problem");
        assert!(winset(&p).empty);
        assert_eq!(
            gridlock_vetoes(&p).expect("computed"),
            vec![names(&["A", "B"]), names(&["C", "D"])]
        );
        let alone = Problem::new(
            &profile(
                &[25.0],
                &[
                    ("A", &[10.0], &[1.0]),
                    ("C", &[70.0], &[1.0]),
                    ("D", &[80.0], &[1.0]),
                ],
            ),
            vec![false],
        )
        .expect("problem");
        assert_eq!(
            gridlock_vetoes(&alone).expect("computed"),
            vec![names(&["A"])]
        );
    }

    #[test]
    fn a_reservation_on_a_separable_aspect_lifts_a_lone_objection() {
        let p = Problem::new(
            &profile(
                &[0.0, 0.0],
                &[
                    ("A", &[40.0, 100.0], &[0.5, 0.9]),
                    ("B", &[30.0, 90.0], &[0.5, 0.5]),
                    ("C", &[20.0, 0.0], &[0.5, 0.9]),
                ],
            ),
            vec![false, true],
        )
        .expect("problem");
        let j = judge(&p, &[25.0, 100.0]).expect("judged");
        assert!(!j.passes);
        assert_eq!(j.reservations, names(&["C"]));
        assert!(j.passes_with_reservations);
        // Without reservations the second aspect can barely move.
        let b = winset(&p).bounds.expect("open");
        assert!(b[1].1 < 16.0, "{b:?}");
        // A proposal C objects to on the first aspect is not saved by a reservation.
        let j = judge(&p, &[60.0, 100.0]).expect("judged");
        assert!(!j.passes_with_reservations);
    }

    #[test]
    fn reservations_need_a_minority() {
        // Three of four members would have to reserve: no common decision.
        let p = Problem::new(
            &profile(
                &[0.0],
                &[
                    ("A", &[100.0], &[1.0]),
                    ("B", &[0.0], &[1.0]),
                    ("C", &[0.0], &[1.0]),
                    ("D", &[0.0], &[1.0]),
                ],
            ),
            vec![true],
        )
        .expect("problem");
        let j = judge(&p, &[100.0]).expect("judged");
        assert_eq!(j.reservations.len(), 3);
        assert!(!j.passes_with_reservations);
    }
}
