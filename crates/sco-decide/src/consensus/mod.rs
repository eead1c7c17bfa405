//! The consensus layer: what a unanimity rule lets a group do.
//!
//! Under unanimity the status quo (SQ) moves only to points that every actor prefers to it,
//! the *unanimity winset*. Actors have Euclidean or salience-weighted Euclidean (elliptical)
//! preferences around their ideal points: actor `i` prefers `x` to the SQ exactly when its
//! gain `g_i(x) = Σ_d w_id [(sq_d − a_id)² − (x_d − a_id)²]` is positive (`w_id` = 1, or the
//! salience `s_id`; 0 on a dimension where the actor takes no stance or holds a
//! reservation). So the winset is the intersection of open balls/ellipsoids centred on the
//! ideal points whose boundaries pass through the SQ. Actors with no weight anywhere are
//! indifferent and veto nothing.
//!
//! Emptiness is decided exactly (up to rounding, by a finite algorithm, no sampling): all the
//! ellipsoids touch the SQ, so their intersection is non-empty iff some direction `v`
//! improves every actor at first order, `n_i · v > 0` with `n_i = W_i (a_i − sq)` (if `v`
//! does, `sq + t v` is in the winset for small `t`; conversely `g_i(sq + v) > 0` forces
//! `n_i · v > 0`). By Gordan's theorem that fails iff convex weights combine the `n_i` to
//! zero; those weights name the actors that jointly block every move (gridlock). The test
//! is the nearest point to the origin of the convex hull of the normalised `n_i`
//! (Wolfe's algorithm).
//!
//! For a model's prediction `p` the layer reports the *binding veto* and the projection of
//! `p` onto what unanimity allows (see [`UnanimityProblem::binding_veto`] and
//! [`UnanimityProblem::project`]), and which *reservations* would let a decision pass.

mod minnorm;
pub mod probability;

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use crate::linalg::{dot, norm, solve};
use crate::profile::Profile;

/// How actors compare points.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Metric {
    /// Plain distance on every dimension the actor takes a stance on.
    Euclidean,
    /// Distance weighted by the actor's salience per dimension (elliptical indifference curves).
    SalienceWeighted,
}

/// An actor states its position on one dimension without blocking the decision: its
/// objection on that dimension is dropped from the unanimity constraint (its weight on the
/// dimension becomes zero, so only its other dimensions decide whether it agrees). Having
/// stated a reservation, the actor consents to anything that leaves it no worse off on the
/// dimensions it still weighs (indifference counts as consent); actors without reservations
/// must strictly prefer the change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reservation {
    pub actor: usize,
    pub dimension: usize,
}

/// Errors of the consensus layer.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ConsensusError {
    #[error("the profile has no status quo; give one per dimension")]
    NoStatusQuo,
    #[error("the status quo has {got} values but the profile has {want} dimensions")]
    StatusQuoLength { got: usize, want: usize },
    #[error("the prediction has {got} values but the profile has {want} dimensions")]
    PredictionLength { got: usize, want: usize },
    #[error("reservation names actor {actor} / dimension {dimension}, which do not exist")]
    BadReservation { actor: usize, dimension: usize },
}

/// A unanimity decision problem.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UnanimityProblem {
    pub actors: Vec<String>,
    pub dimensions: Vec<String>,
    /// Scale of each dimension.
    pub bounds: Vec<(f64, f64)>,
    pub status_quo: Vec<f64>,
    pub metric: Metric,
    pub reservations: Vec<Reservation>,
    /// Ideal points, one row per actor (SQ where the actor takes no stance).
    pub(crate) ideal: Vec<Vec<f64>>,
    /// Preference weights, one row per actor.
    pub(crate) weights: Vec<Vec<f64>>,
    /// Capabilities (weights of the projection metric).
    capability: Vec<f64>,
}

/// The unanimity winset.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Winset {
    /// True when no point beats the SQ for everybody (gridlock).
    pub empty: bool,
    /// One dimension: the open interval of positions everybody prefers to the SQ, clipped to
    /// the scale.
    pub interval: Option<(f64, f64)>,
    /// A point strictly inside the winset (within the scale), when it is not empty.
    pub point: Option<Vec<f64>>,
    /// When empty: the actors whose objections jointly block every move, with Gordan weights.
    pub blocking: Vec<(String, f64)>,
    /// Distance of the origin from the hull of the normalised gradients (0 when empty).
    pub margin: f64,
}

/// The actor whose veto binds for a prediction.
///
/// Along the segment from the SQ towards the prediction `p`, actor `i` prefers
/// `sq + t (p − sq)` to the SQ exactly for `0 < t < reach_i` (its preferred-to-SQ set is
/// convex and touches the SQ). The binding veto is the actor with the smallest reach: its
/// preferred-to-SQ set is the most restrictive in the direction of the prediction. Ties go to
/// the actor whose gradient points most against the prediction, then to profile order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Veto {
    pub actor: String,
    pub index: usize,
    /// Fraction of the way from the SQ to the prediction the actor accepts (∞ if indifferent).
    pub reach: f64,
    /// True when the actor prefers the SQ to the prediction (reach ≤ 1).
    pub blocks_prediction: bool,
}

/// A prediction and what unanimity allows of it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Projection {
    pub prediction: Vec<f64>,
    /// The closest point of the (closed) winset to the prediction in the projection metric;
    /// the SQ when the winset is empty.
    pub allowed: Vec<f64>,
    /// Every actor prefers the prediction to the SQ.
    pub prediction_passes: bool,
    /// The winset is empty.
    pub gridlock: bool,
    pub veto: Option<Veto>,
    /// Distance from the prediction to the allowed point in the projection metric.
    pub distance: f64,
}

/// Which reservations would let a decision pass.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReservationReport {
    /// The goal is already met without reservations.
    pub already_passes: bool,
    /// Single reservations that each meet the goal.
    pub single: Vec<Reservation>,
    /// When no single one does: pairs that do.
    pub pairs: Vec<(Reservation, Reservation)>,
}

const TOL: f64 = 1e-9;

/// One piece of the winset (see [`UnanimityProblem::pieces`]).
struct Piece {
    /// Dimensions held at the SQ.
    fixed: Vec<bool>,
    /// Actors that must strictly gain.
    strict: Vec<usize>,
}

impl UnanimityProblem {
    /// Build from a profile and its status quo.
    pub fn from_profile(profile: &Profile, metric: Metric) -> Result<Self, ConsensusError> {
        let sq = profile
            .status_quo
            .clone()
            .ok_or(ConsensusError::NoStatusQuo)?;
        Self::with_status_quo(profile, metric, sq)
    }

    /// Build from a profile and an explicit status quo.
    pub fn with_status_quo(
        profile: &Profile,
        metric: Metric,
        status_quo: Vec<f64>,
    ) -> Result<Self, ConsensusError> {
        let dims = profile.dimensions.len();
        if status_quo.len() != dims {
            return Err(ConsensusError::StatusQuoLength {
                got: status_quo.len(),
                want: dims,
            });
        }
        let mut ideal = Vec::new();
        let mut weights = Vec::new();
        for actor in &profile.actors {
            let mut a = status_quo.clone();
            let mut w = vec![0.0; dims];
            for d in 0..dims {
                if let Some(s) = actor.stance(d) {
                    a[d] = s.position;
                    w[d] = match metric {
                        Metric::Euclidean => 1.0,
                        Metric::SalienceWeighted => s.salience,
                    };
                }
            }
            ideal.push(a);
            weights.push(w);
        }
        Ok(UnanimityProblem {
            actors: profile.actors.iter().map(|a| a.name.clone()).collect(),
            dimensions: profile.dimensions.iter().map(|d| d.name.clone()).collect(),
            bounds: profile.dimensions.iter().map(|d| (d.min, d.max)).collect(),
            status_quo,
            metric,
            reservations: Vec::new(),
            ideal,
            weights,
            capability: profile.actors.iter().map(|a| a.capability).collect(),
        })
    }

    /// The same problem with extra reservations.
    pub fn with_reservations(&self, reservations: &[Reservation]) -> Result<Self, ConsensusError> {
        let mut out = self.clone();
        for r in reservations {
            if r.actor >= out.actors.len() || r.dimension >= out.dimensions.len() {
                return Err(ConsensusError::BadReservation {
                    actor: r.actor,
                    dimension: r.dimension,
                });
            }
            out.weights[r.actor][r.dimension] = 0.0;
            out.reservations.push(*r);
        }
        Ok(out)
    }

    fn dims(&self) -> usize {
        self.status_quo.len()
    }

    /// Actors with weight on some dimension (the others are indifferent and veto nothing).
    pub(crate) fn stakeholders(&self) -> Vec<usize> {
        (0..self.actors.len())
            .filter(|&i| self.weights[i].iter().any(|&w| w > 0.0))
            .collect()
    }

    /// Actor `i`'s gain of `x` over the SQ (positive: prefers `x`).
    pub fn gain(&self, i: usize, x: &[f64]) -> f64 {
        let (a, w, sq) = (&self.ideal[i], &self.weights[i], &self.status_quo);
        (0..self.dims())
            .map(|d| w[d] * ((sq[d] - a[d]).powi(2) - (x[d] - a[d]).powi(2)))
            .sum()
    }

    fn has_reservation(&self, i: usize) -> bool {
        self.reservations.iter().any(|r| r.actor == i)
    }

    /// True when `x` differs from the SQ and every actor with a stake consents: strictly
    /// prefers `x`, or (having stated a reservation) is not worse off.
    pub fn passes(&self, x: &[f64]) -> bool {
        let stake = self.stakeholders();
        x != self.status_quo.as_slice()
            && !stake.is_empty()
            && stake.iter().all(|&i| {
                let g = self.gain(i, x);
                g > 0.0 || (g == 0.0 && self.has_reservation(i))
            })
    }

    /// The ways the winset can be reached: each piece fixes the dimensions weighed by a set
    /// `held` of reservation holders at the SQ (they stay exactly as well off) and asks the
    /// other stakeholders for strict improvement. Without reservations there is one piece.
    fn pieces(&self) -> Vec<Piece> {
        let stake = self.stakeholders();
        let holders: Vec<usize> = stake
            .iter()
            .copied()
            .filter(|&i| self.has_reservation(i))
            .collect();
        let count = holders.len().min(12);
        let mut subsets: Vec<u32> = (0..(1u32 << count)).collect();
        subsets.sort_by_key(|m| m.count_ones());
        subsets
            .into_iter()
            .map(|mask| {
                let held: Vec<usize> = (0..count)
                    .filter(|k| mask >> k & 1 == 1)
                    .map(|k| holders[k])
                    .collect();
                let fixed: Vec<bool> = (0..self.dims())
                    .map(|d| held.iter().any(|&i| self.weights[i][d] > 0.0))
                    .collect();
                let strict = stake
                    .iter()
                    .copied()
                    .filter(|i| !held.contains(i))
                    .collect();
                Piece { fixed, strict }
            })
            .collect()
    }

    /// Gordan's test on one piece: the nearest point to the origin of the hull of the strict
    /// actors' normalised gradients on the free dimensions.
    fn piece_direction(&self, piece: &Piece) -> Result<Vec<f64>, Vec<(usize, f64)>> {
        if piece.fixed.iter().all(|&f| f) {
            return Err(Vec::new());
        }
        if piece.strict.is_empty() {
            // Only reservation holders: move along a free dimension; they stay as well off.
            let mut v = vec![0.0; self.dims()];
            if let Some(d) = piece.fixed.iter().position(|&f| !f) {
                v[d] = 1.0;
            }
            return Ok(v);
        }
        let grads: Vec<Vec<f64>> = piece
            .strict
            .iter()
            .map(|&i| {
                let mut g = self.gradient_at_sq(i);
                for (d, gd) in g.iter_mut().enumerate() {
                    if piece.fixed[d] {
                        *gd = 0.0;
                    }
                }
                g
            })
            .collect();
        if let Some(k) = grads
            .iter()
            .position(|g| norm(g) <= TOL * (1.0 + norm(&self.status_quo)))
        {
            return Err(vec![(piece.strict[k], 1.0)]);
        }
        let unit: Vec<Vec<f64>> = grads
            .iter()
            .map(|g| g.iter().map(|v| v / norm(g)).collect())
            .collect();
        let nearest = minnorm::min_norm_point(&unit);
        if norm(&nearest.point) <= TOL {
            Err(piece
                .strict
                .iter()
                .zip(&nearest.weights)
                .filter(|(_, &w)| w > TOL)
                .map(|(&i, &w)| (i, w))
                .collect())
        } else {
            Ok(nearest.point)
        }
    }

    fn gradient_at_sq(&self, i: usize) -> Vec<f64> {
        (0..self.dims())
            .map(|d| self.weights[i][d] * (self.ideal[i][d] - self.status_quo[d]))
            .collect()
    }

    /// Compute the winset.
    pub fn winset(&self) -> Winset {
        let stake = self.stakeholders();
        let empty = |blocking: Vec<(String, f64)>| Winset {
            empty: true,
            interval: None,
            point: None,
            blocking,
            margin: 0.0,
        };
        if stake.is_empty() {
            return empty(Vec::new());
        }
        let mut certificate = None;
        for piece in self.pieces() {
            match self.piece_direction(&piece) {
                Ok(v) => {
                    let margin = norm(&v);
                    if self.dims() == 1 {
                        let (lo, hi) = self.interval_1d(&stake);
                        if lo >= hi {
                            return empty(Vec::new());
                        }
                        return Winset {
                            empty: false,
                            interval: Some((lo, hi)),
                            point: Some(vec![(lo + hi) / 2.0]),
                            blocking: Vec::new(),
                            margin,
                        };
                    }
                    let point = self.inner_point(&piece, &v);
                    return Winset {
                        empty: false,
                        interval: None,
                        point: Some(point),
                        blocking: Vec::new(),
                        margin,
                    };
                }
                Err(weights) => {
                    if certificate.is_none() {
                        certificate = Some(weights);
                    }
                }
            }
        }
        let blocking = certificate
            .unwrap_or_default()
            .into_iter()
            .map(|(i, w)| (self.actors[i].clone(), w))
            .collect();
        empty(blocking)
    }

    fn interval_1d(&self, stake: &[usize]) -> (f64, f64) {
        let sq = self.status_quo[0];
        let (mut lo, mut hi) = (f64::NEG_INFINITY, f64::INFINITY);
        for &i in stake {
            let a = self.ideal[i][0];
            let far = 2.0 * a - sq;
            if a > sq {
                lo = lo.max(sq);
                hi = hi.min(far);
            } else {
                lo = lo.max(far);
                hi = hi.min(sq);
            }
        }
        (lo.max(self.bounds[0].0), hi.min(self.bounds[0].1))
    }

    /// A point inside the winset piece, along direction `v` from the SQ, pulled into the box
    /// spanned by the stakeholders' ideal points on the free dimensions (which weakly
    /// improves everybody).
    fn inner_point(&self, piece: &Piece, v: &[f64]) -> Vec<f64> {
        let mut t = f64::INFINITY;
        for &i in &piece.strict {
            let n = self.gradient_at_sq(i);
            let curvature: f64 = (0..self.dims())
                .map(|d| self.weights[i][d] * v[d] * v[d])
                .sum();
            if curvature > 0.0 {
                t = t.min(dot(&n, v) / curvature);
            }
        }
        if !t.is_finite() {
            t = 1.0;
        }
        let stake = self.stakeholders();
        let mut x: Vec<f64> = (0..self.dims())
            .map(|d| self.status_quo[d] + t * v[d])
            .collect();
        for (d, xd) in x.iter_mut().enumerate() {
            if piece.fixed[d] {
                continue;
            }
            let weighted: Vec<f64> = stake
                .iter()
                .filter(|&&i| self.weights[i][d] > 0.0)
                .map(|&i| self.ideal[i][d])
                .collect();
            if weighted.is_empty() {
                *xd = xd.clamp(self.bounds[d].0, self.bounds[d].1);
            } else {
                let lo = weighted.iter().copied().fold(f64::INFINITY, f64::min);
                let hi = weighted.iter().copied().fold(f64::NEG_INFINITY, f64::max);
                *xd = xd.clamp(lo, hi);
            }
        }
        x
    }

    /// The binding veto for `prediction` (see [`Veto`]); `None` when the prediction is the SQ
    /// or nobody has a stake.
    pub fn binding_veto(&self, prediction: &[f64]) -> Result<Option<Veto>, ConsensusError> {
        self.check_len(prediction)?;
        let delta: Vec<f64> = (0..self.dims())
            .map(|d| prediction[d] - self.status_quo[d])
            .collect();
        if norm(&delta) == 0.0 {
            return Ok(None);
        }
        let mut best: Option<(usize, f64, f64)> = None;
        for i in self.stakeholders() {
            let n = self.gradient_at_sq(i);
            let along = dot(&n, &delta);
            let curvature: f64 = (0..self.dims())
                .map(|d| self.weights[i][d] * delta[d] * delta[d])
                .sum();
            let reach = if curvature <= 0.0 {
                f64::INFINITY
            } else if along <= 0.0 {
                0.0
            } else {
                2.0 * along / curvature
            };
            let cosine = along / (norm(&n) * curvature.sqrt()).max(f64::MIN_POSITIVE);
            let better = match best {
                None => true,
                Some((_, r, c)) => reach < r || (reach == r && cosine < c),
            };
            if better {
                best = Some((i, reach, cosine));
            }
        }
        Ok(best.map(|(i, reach, _)| Veto {
            actor: self.actors[i].clone(),
            index: i,
            reach,
            blocks_prediction: reach <= 1.0,
        }))
    }

    fn check_len(&self, x: &[f64]) -> Result<(), ConsensusError> {
        if x.len() == self.dims() {
            Ok(())
        } else {
            Err(ConsensusError::PredictionLength {
                got: x.len(),
                want: self.dims(),
            })
        }
    }

    /// The diagonal of the projection metric: 1 (Euclidean), or the capability-weighted mean
    /// salience per dimension (salience-weighted), floored at 1e-6 of its largest entry.
    pub fn projection_metric(&self) -> Vec<f64> {
        match self.metric {
            Metric::Euclidean => vec![1.0; self.dims()],
            Metric::SalienceWeighted => {
                let total: f64 = self.capability.iter().sum::<f64>().max(f64::MIN_POSITIVE);
                let mean: Vec<f64> = (0..self.dims())
                    .map(|d| {
                        (0..self.actors.len())
                            .map(|i| self.capability[i] * self.weights[i][d])
                            .sum::<f64>()
                            / total
                    })
                    .collect();
                let top = mean.iter().copied().fold(0.0_f64, f64::max);
                let floor = if top > 0.0 { top * 1e-6 } else { 1.0 };
                mean.iter().map(|&m| m.max(floor)).collect()
            }
        }
    }

    /// Project `prediction` onto what unanimity allows.
    pub fn project(&self, prediction: &[f64]) -> Result<Projection, ConsensusError> {
        self.check_len(prediction)?;
        let veto = self.binding_veto(prediction)?;
        let winset = self.winset();
        let m = self.projection_metric();
        let dist = |x: &[f64]| {
            (0..self.dims())
                .map(|d| m[d] * (x[d] - prediction[d]).powi(2))
                .sum::<f64>()
                .sqrt()
        };
        let passes = self.passes(prediction);
        let allowed = if winset.empty {
            self.status_quo.clone()
        } else if passes {
            prediction.to_vec()
        } else if let Some((lo, hi)) = winset.interval {
            vec![prediction[0].clamp(lo, hi)]
        } else {
            let mut best: Option<(f64, Vec<f64>)> = None;
            for piece in self.pieces() {
                let Ok(v) = self.piece_direction(&piece) else {
                    continue;
                };
                let start = self.inner_point(&piece, &v);
                let x = self.barrier_projection(prediction, &m, start, &piece);
                let dx = dist(&x);
                if best.as_ref().is_none_or(|(b, _)| dx < *b) {
                    best = Some((dx, x));
                }
            }
            best.map_or_else(|| self.status_quo.clone(), |(_, x)| x)
        };
        Ok(Projection {
            prediction: prediction.to_vec(),
            distance: dist(&allowed),
            allowed,
            prediction_passes: passes,
            gridlock: winset.empty,
            veto,
        })
    }

    /// min (x−p)ᵀM(x−p) subject to every stakeholder's gain ≥ 0, by a log-barrier Newton
    /// method started inside the winset.
    fn barrier_projection(&self, p: &[f64], m: &[f64], start: Vec<f64>, piece: &Piece) -> Vec<f64> {
        let stake = &piece.strict;
        let dims = self.dims();
        let objective = |x: &[f64]| (0..dims).map(|d| m[d] * (x[d] - p[d]).powi(2)).sum::<f64>();
        let barrier = |x: &[f64], mu: f64| -> Option<f64> {
            let mut total = objective(x);
            for &i in stake {
                let g = self.gain(i, x);
                if g <= 0.0 {
                    return None;
                }
                total -= mu * g.ln();
            }
            Some(total)
        };
        let mut x = start;
        let mut mu = objective(&x).max(1e-6) / stake.len().max(1) as f64;
        for _ in 0..40 {
            for _ in 0..60 {
                let mut grad: Vec<f64> = (0..dims).map(|d| 2.0 * m[d] * (x[d] - p[d])).collect();
                let mut hess = vec![vec![0.0; dims]; dims];
                for (d, row) in hess.iter_mut().enumerate() {
                    row[d] = 2.0 * m[d];
                }
                for &i in stake {
                    let g = self.gain(i, &x);
                    let dg: Vec<f64> = (0..dims)
                        .map(|d| -2.0 * self.weights[i][d] * (x[d] - self.ideal[i][d]))
                        .collect();
                    for d in 0..dims {
                        grad[d] -= mu * dg[d] / g;
                        hess[d][d] += mu * 2.0 * self.weights[i][d] / g;
                        for e in 0..dims {
                            hess[d][e] += mu * dg[d] * dg[e] / (g * g);
                        }
                    }
                }
                for d in (0..dims).filter(|&d| piece.fixed[d]) {
                    grad[d] = 0.0;
                    for e in 0..dims {
                        hess[d][e] = 0.0;
                        hess[e][d] = 0.0;
                    }
                    hess[d][d] = 1.0;
                }
                let Some(step) = solve(hess, grad.iter().map(|v| -v).collect()) else {
                    break;
                };
                let decrement = -dot(&grad, &step);
                if decrement < 1e-14 * (1.0 + objective(&x)) {
                    break;
                }
                let current = barrier(&x, mu).unwrap_or(f64::INFINITY);
                let mut alpha = 1.0;
                let mut moved = false;
                for _ in 0..60 {
                    let trial: Vec<f64> = (0..dims).map(|d| x[d] + alpha * step[d]).collect();
                    if let Some(v) = barrier(&trial, mu) {
                        if v <= current - 0.25 * alpha * decrement {
                            x = trial;
                            moved = true;
                            break;
                        }
                    }
                    alpha *= 0.5;
                }
                if !moved {
                    break;
                }
            }
            mu *= 0.2;
            if mu * (stake.len() as f64) < 1e-13 * (1.0 + objective(&x)) {
                break;
            }
        }
        x
    }

    /// Up to `n` points drawn uniformly from the winset within the scale (for plotting),
    /// reproducible from `seed`. Empty when the winset is.
    pub fn sample(&self, n: usize, seed: u64) -> Vec<Vec<f64>> {
        let stake = self.stakeholders();
        if self.winset().empty || stake.is_empty() {
            return Vec::new();
        }
        let dims = self.dims();
        let mut lo: Vec<f64> = self.bounds.iter().map(|b| b.0).collect();
        let mut hi: Vec<f64> = self.bounds.iter().map(|b| b.1).collect();
        for &i in &stake {
            let radius2: f64 = (0..dims)
                .map(|d| self.weights[i][d] * (self.status_quo[d] - self.ideal[i][d]).powi(2))
                .sum();
            for d in 0..dims {
                if self.weights[i][d] > 0.0 {
                    let half = (radius2 / self.weights[i][d]).sqrt();
                    lo[d] = lo[d].max(self.ideal[i][d] - half);
                    hi[d] = hi[d].min(self.ideal[i][d] + half);
                }
            }
        }
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let mut out = Vec::with_capacity(n);
        let mut attempts = 0usize;
        while out.len() < n && attempts < n.saturating_mul(500).max(1000) {
            attempts += 1;
            let x: Vec<f64> = (0..dims)
                .map(|d| {
                    if hi[d] > lo[d] {
                        rng.random_range(lo[d]..hi[d])
                    } else {
                        lo[d]
                    }
                })
                .collect();
            if self.passes(&x) {
                out.push(x);
            }
        }
        out
    }

    /// Share of the scale (one dimension) on which a uniformly drawn proposal passes.
    pub fn pass_probability_1d(&self) -> Option<f64> {
        if self.dims() != 1 {
            return None;
        }
        let (lo, hi) = self.bounds[0];
        let w = self.winset();
        Some(match w.interval {
            Some((a, b)) if !w.empty && hi > lo => (b - a) / (hi - lo),
            _ => 0.0,
        })
    }

    /// Which reservations would let a decision pass: a non-empty winset (`target` `None`) or
    /// the given prediction passing.
    pub fn reservations_that_pass(
        &self,
        target: Option<&[f64]>,
    ) -> Result<ReservationReport, ConsensusError> {
        if let Some(t) = target {
            self.check_len(t)?;
        }
        let meets = |p: &UnanimityProblem| match target {
            Some(t) => p.passes(t),
            None => !p.winset().empty,
        };
        if meets(self) {
            return Ok(ReservationReport {
                already_passes: true,
                single: Vec::new(),
                pairs: Vec::new(),
            });
        }
        let candidates: Vec<Reservation> = (0..self.actors.len())
            .flat_map(|actor| {
                (0..self.dims()).map(move |dimension| Reservation { actor, dimension })
            })
            .filter(|r| self.weights[r.actor][r.dimension] > 0.0)
            .collect();
        let mut single = Vec::new();
        for r in &candidates {
            if meets(&self.with_reservations(&[*r])?) {
                single.push(*r);
            }
        }
        let mut pairs = Vec::new();
        if single.is_empty() && candidates.len() <= 80 {
            for (k, a) in candidates.iter().enumerate() {
                for b in &candidates[k + 1..] {
                    if meets(&self.with_reservations(&[*a, *b])?) {
                        pairs.push((*a, *b));
                    }
                }
            }
        }
        Ok(ReservationReport {
            already_passes: false,
            single,
            pairs,
        })
    }
}
