//! The Nash bargaining solution over the status quo.
//!
//! Utilities: actor `i` values a point `x` by the (salience-weighted) quadratic loss
//! `u_i(x) = −Σ_d w_id (x_d − a_id)²`, with `a_i` its ideal point and `w_id` = 1 (Euclidean)
//! or its salience `s_id` (the same preferences as the consensus layer). The disagreement
//! point is the status quo, so actor `i`'s gain is `u_i(x) − u_i(sq)`. The solution maximises
//! the product of the gains, `Π g_i(x)^β_i`, over the points every actor prefers to the
//! status quo (the unanimity winset): `β_i = 1` (symmetric Nash) or `β_i` = capability
//! (asymmetric Nash, bargaining power = capability). Actors without any stake are left out.
//! When the winset is empty there is no bargain better than the status quo for all, and the
//! solution is the status quo.
//!
//! The logarithm of the product is strictly concave on the winset, so a damped Newton method
//! started inside it converges to the unique maximum.

use serde::{Deserialize, Serialize};

use crate::consensus::{ConsensusError, Metric, UnanimityProblem};
use crate::linalg::{dot, solve};
use crate::profile::Profile;

/// Bargaining weights β_i.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum BargainingPower {
    /// β_i = 1: the symmetric Nash solution.
    Equal,
    /// β_i = capability.
    Capability,
}

/// The solution.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NashSolution {
    /// False when no point improves on the status quo for everybody (the solution is the SQ).
    pub agreement: bool,
    pub point: Vec<f64>,
    /// Each actor's utility gain over the status quo at the solution.
    pub gains: Vec<(String, f64)>,
}

/// Compute the Nash bargaining solution of `profile` over its status quo.
pub fn nash_bargaining(
    profile: &Profile,
    metric: Metric,
    power: BargainingPower,
) -> Result<NashSolution, ConsensusError> {
    let problem = UnanimityProblem::from_profile(profile, metric)?;
    let beta: Vec<f64> = profile
        .actors
        .iter()
        .map(|a| match power {
            BargainingPower::Equal => 1.0,
            BargainingPower::Capability => a.capability,
        })
        .collect();
    Ok(solve_nash(&problem, &beta))
}

pub(crate) fn solve_nash(problem: &UnanimityProblem, beta: &[f64]) -> NashSolution {
    let winset = problem.winset();
    let stake: Vec<usize> = problem
        .stakeholders()
        .into_iter()
        .filter(|&i| beta[i] > 0.0)
        .collect();
    let report = |x: Vec<f64>, agreement: bool| NashSolution {
        gains: (0..problem.actors.len())
            .map(|i| (problem.actors[i].clone(), problem.gain(i, &x)))
            .collect(),
        point: x,
        agreement,
    };
    let Some(mut x) = winset
        .point
        .clone()
        .filter(|_| !winset.empty && !stake.is_empty())
    else {
        return report(problem.status_quo.clone(), false);
    };
    let dims = x.len();
    let value = |x: &[f64]| -> Option<f64> {
        let mut total = 0.0;
        for &i in &stake {
            let g = problem.gain(i, x);
            if g <= 0.0 {
                return None;
            }
            total += beta[i] * g.ln();
        }
        Some(total)
    };
    for _ in 0..200 {
        let mut grad = vec![0.0; dims];
        let mut hess = vec![vec![0.0; dims]; dims];
        for &i in &stake {
            let g = problem.gain(i, &x);
            let w = &problem.weights[i];
            let dg: Vec<f64> = (0..dims)
                .map(|d| -2.0 * w[d] * (x[d] - problem.ideal[i][d]))
                .collect();
            for d in 0..dims {
                grad[d] += beta[i] * dg[d] / g;
                hess[d][d] += beta[i] * 2.0 * w[d] / g;
                for e in 0..dims {
                    hess[d][e] += beta[i] * dg[d] * dg[e] / (g * g);
                }
            }
        }
        // Dimensions nobody weighs stay where they are.
        for (d, row) in hess.iter_mut().enumerate() {
            if row[d] == 0.0 {
                row[d] = 1.0;
            }
        }
        let Some(step) = solve(hess, grad.clone()) else {
            break;
        };
        let increment = dot(&grad, &step);
        if increment < 1e-15 {
            break;
        }
        let current = value(&x).unwrap_or(f64::NEG_INFINITY);
        let mut alpha = 1.0;
        let mut moved = false;
        for _ in 0..60 {
            let trial: Vec<f64> = (0..dims).map(|d| x[d] + alpha * step[d]).collect();
            if let Some(v) = value(&trial) {
                if v >= current + 0.25 * alpha * increment {
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
    report(x, true)
}
