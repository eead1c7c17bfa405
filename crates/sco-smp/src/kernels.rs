//! The numerical building blocks KTAB's models share: voting, coalitions,
//! victory probabilities, probabilistic Condorcet elections, risk attitudes
//! and the spatial utility function.
//!
//! Each function follows the arithmetic of its KTAB counterpart in
//! `kmodel/libsrc/kmodel.cpp` and `examples/smp/libsrc/smp.cpp` operation by
//! operation (same order of additions and multiplications), because the SMP
//! picks maxima and the reproduction must be exact, not merely close.
//! Matrices are flat row-major `Vec<f64>`.

use rayon::prelude::*;

use crate::config::{BigRAdjust, BigRRange, PceModel, VictoryProbModel, VotingRule};

/// Influence actor with weight `w` puts behind option j over option k,
/// given its utilities `u_j`, `u_k` (KTAB `Model::vote`). `w` must be positive.
pub fn vote(rule: VotingRule, w: f64, u_j: f64, u_k: f64) -> f64 {
    let du = u_j - u_k;
    match rule {
        VotingRule::Proportional => w * du,
        VotingRule::Binary => w * binary_response(du),
        VotingRule::PropBin => {
            let rbp = 0.2;
            w * ((1.0 - rbp) * du + rbp * binary_response(du))
        }
        VotingRule::PropCbc => {
            let rpc = 0.5;
            w * ((1.0 - rpc) * du + rpc * (du * du * du))
        }
        VotingRule::Cubic => w * (du * du * du),
        VotingRule::ASymProsp => {
            if du < 0.0 {
                w * du
            } else if du > 0.0 {
                (2.0 * w * du) / 3.0
            } else {
                0.0
            }
        }
    }
}

fn binary_response(du: f64) -> f64 {
    (du / 1e-8).clamp(-1.0, 1.0)
}

/// Coalition strengths: `c[i][j]` is the total influence for option i over
/// option j, starting from 1e-8 (KTAB `Model::coalitions`). `votes(k, i, j)`
/// is actor k's vote for i over j. Each pair sums its voters in order 0..n,
/// so the result does not depend on the thread count.
pub fn coalitions<F>(votes: F, num_act: usize, num_opt: usize) -> Vec<f64>
where
    F: Fn(usize, usize, usize) -> f64 + Sync,
{
    const MIN_C: f64 = 1e-8;
    let rows: Vec<Vec<(f64, f64)>> = (0..num_opt)
        .into_par_iter()
        .map(|i| {
            (0..i)
                .map(|j| {
                    let mut cij = MIN_C;
                    let mut cji = MIN_C;
                    for k in 0..num_act {
                        let v = votes(k, i, j);
                        if v > 0.0 {
                            cij += v;
                        }
                        if v < 0.0 {
                            cji -= v;
                        }
                    }
                    (cij, cji)
                })
                .collect()
        })
        .collect();
    let mut c = vec![0.0; num_opt * num_opt];
    for (i, row) in rows.into_iter().enumerate() {
        for (j, (cij, cji)) in row.into_iter().enumerate() {
            c[i * num_opt + j] = cij;
            c[j * num_opt + i] = cji;
        }
        c[i * num_opt + i] = MIN_C;
    }
    c
}

fn sqr(x: f64) -> f64 {
    x * x
}

fn qrtc(x: f64) -> f64 {
    sqr(sqr(x))
}

/// Victory probabilities of two coalitions of strengths `s1`, `s2` (KTAB `Model::vProb`).
pub fn victory_pair(model: VictoryProbModel, s1: f64, s2: f64) -> (f64, f64) {
    let (x1, x2) = match model {
        VictoryProbModel::Linear => (s1, s2),
        VictoryProbModel::Square => (sqr(s1), sqr(s2)),
        VictoryProbModel::Quartic => (qrtc(s1), qrtc(s2)),
        VictoryProbModel::Octic => (sqr(qrtc(s1)), sqr(qrtc(s2))),
        VictoryProbModel::Binary => {
            let thresh = 1.10;
            let min_x = 1e-6;
            if s1 >= thresh * s2 {
                (1.0, min_x)
            } else if s2 >= thresh * s1 {
                (min_x, 1.0)
            } else {
                let r12 = s1 / (s1 + s2);
                let p12 = (r12 * (thresh + 1.0) - 1.0) / (thresh - 1.0);
                (p12, 1.0 - p12)
            }
        }
    };
    (x1 / (x1 + x2), x2 / (x1 + x2))
}

/// Square matrix of P[i beats j] from coalition strengths; diagonal 0.5.
pub fn victory_matrix(model: VictoryProbModel, c: &[f64], n: usize) -> Vec<f64> {
    let mut p = vec![0.0; n * n];
    for i in 0..n {
        for j in 0..i {
            let (pij, pji) = victory_pair(model, c[i * n + j], c[j * n + i]);
            p[i * n + j] = pij;
            p[j * n + i] = pji;
        }
        p[i * n + i] = 0.5;
    }
    p
}

/// One-step conditional Condorcet probabilities (KTAB `Model::condPCE`).
pub fn conditional_pce(pv: &[f64], n: usize) -> Vec<f64> {
    let mut p: Vec<f64> = (0..n)
        .map(|i| {
            let mut pi = 1.0;
            for j in 0..n {
                pi *= pv[i * n + j];
            }
            pi
        })
        .collect();
    let total = sum(&p);
    for x in &mut p {
        *x /= total;
    }
    p
}

/// Markov chain with uniform challenges (KTAB `Model::markovUniformPCE`).
pub fn markov_uniform_pce(pv: &[f64], n: usize) -> Vec<f64> {
    let tol = 1e-6;
    let mut p = vec![1.0 / n as f64; n];
    let mut q = p.clone();
    let mut change = 1.0;
    let mut iter = 0;
    while tol < change && iter < 10_000 {
        change = 0.0;
        for i in 0..n {
            let mut pi = 0.0;
            for j in 0..n {
                pi += pv[i * n + j] * (p[i] + p[j]);
            }
            q[i] = pi / n as f64;
            let c = (q[i] - p[i]).abs();
            change = if c > change { c } else { change };
        }
        for i in 0..n {
            p[i] = (p[i] + q[i]) / 2.0;
        }
        iter += 1;
    }
    p
}

/// Markov chain with challenges proportional to incentive (KTAB `Model::markovIncentivePCE`).
pub fn markov_incentive_pce(c: &[f64], pv: &[f64], n: usize) -> Vec<f64> {
    let tol = 1e-8;
    let incentive: Vec<f64> = (0..n * n)
        .map(|ij| {
            let (i, j) = (ij / n, ij % n);
            let mut x = c[ij] * pv[ij];
            if i == j {
                x += 1e-10;
            }
            x
        })
        .collect();
    let challenge: Vec<f64> = (0..n * n)
        .map(|ij| {
            let j = ij % n;
            let mut s = 0.0;
            for k in 0..n {
                s += incentive[k * n + j];
            }
            incentive[ij] / s
        })
        .collect();
    let mut p = vec![1.0 / n as f64; n];
    let mut q = p.clone();
    let mut change = 1.0;
    let mut iter = 0;
    while tol < change && iter < 10_000 {
        let mut ct = vec![0.0; n * n];
        for i in 0..n {
            for j in 0..n {
                ct[i * n + j] = p[i] * challenge[j * n + i];
            }
        }
        change = 0.0;
        for i in 0..n {
            let mut qi = 0.0;
            for j in 0..n {
                qi += pv[i * n + j] * (ct[i * n + j] + ct[j * n + i]);
            }
            q[i] = qi;
            let d = (q[i] - p[i]).abs();
            change = if d > change { d } else { change };
        }
        for i in 0..n {
            p[i] = (p[i] + q[i]) / 2.0;
        }
        iter += 1;
    }
    p
}

/// Option probabilities and the victory matrix from coalitions (KTAB `Model::probCE2`).
pub fn prob_ce(pce: PceModel, vpm: VictoryProbModel, c: &[f64], n: usize) -> (Vec<f64>, Vec<f64>) {
    let pv = victory_matrix(vpm, c, n);
    let p = match pce {
        PceModel::Conditional => conditional_pce(&pv, n),
        PceModel::MarkovIncentive => markov_incentive_pce(c, &pv, n),
        PceModel::MarkovUniform => markov_uniform_pce(&pv, n),
    };
    (p, pv)
}

/// Probability of each option when actors with weights `w` vote on utilities
/// `u` (`num_act` rows, `num_opt` columns) (KTAB `Model::scalarPCE`).
pub fn scalar_pce(
    w: &[f64],
    u: &[f64],
    num_act: usize,
    num_opt: usize,
    rule: VotingRule,
    vpm: VictoryProbModel,
    pce: PceModel,
) -> Vec<f64> {
    let c = coalitions(
        |k, i, j| vote(rule, w[k], u[k * num_opt + i], u[k * num_opt + j]),
        num_act,
        num_opt,
    );
    prob_ce(pce, vpm, &c, num_opt).0
}

/// Sum in index order, as KTAB's `KBase::sum`.
pub fn sum(xs: &[f64]) -> f64 {
    let mut s = 0.0;
    for x in xs {
        s += x;
    }
    s
}

/// Risk attitudes inferred from position probabilities (KTAB `Model::bigRfromProb`).
///
/// KTAB divides by the spread of the probabilities; when every probability
/// is equal it produces NaN. Here that degenerate case yields risk-neutral
/// attitudes (all zero) instead.
pub fn big_r_from_prob(p: &[f64], range: BigRRange) -> Vec<f64> {
    let mut p_min = 1.0_f64;
    let mut p_max = 0.0_f64;
    for &pi in p {
        p_min = if pi < p_min { pi } else { p_min };
        p_max = if pi > p_max { pi } else { p_max };
    }
    if p_max - p_min == 0.0 {
        return vec![0.0; p.len()];
    }
    p.iter()
        .map(|&pi| match range {
            BigRRange::Min => (pi - p_min) / (p_max - p_min),
            BigRRange::Mid => (3.0 * pi - (p_max + 2.0 * p_min)) / (2.0 * (p_max - p_min)),
            BigRRange::Max => (2.0 * pi - (p_max + p_min)) / (p_max - p_min),
        })
        .collect()
}

/// Actor h's estimate of actor i's risk attitude (KTAB `Model::estNRA`).
pub fn estimate_risk(rh: f64, ri: f64, adjust: BigRAdjust) -> f64 {
    match adjust {
        BigRAdjust::Full => ri,
        BigRAdjust::TwoThirds => (rh + (2.0 * ri)) / 3.0,
        BigRAdjust::Half => (rh + ri) / 2.0,
        BigRAdjust::OneThird => ((2.0 * rh) + ri) / 3.0,
        BigRAdjust::None => rh,
    }
}

/// Utility of a salience-weighted distance `sd` in `[0,1]` for risk attitude `r` (KTAB `SMPModel::bsUtil`).
#[inline]
pub fn bs_util(sd: f64, r: f64) -> f64 {
    if sd <= 1.0 {
        (1.0 - sd) * (1.0 + sd * r)
    } else {
        (1.0 - sd) * (1.0 + r)
    }
}

/// Salience-weighted distance between `a` and `b` (KTAB `SMPModel::bvDiff` of `a - b`).
#[inline]
pub fn bv_diff(a: &[f64], b: &[f64], sal: &[f64]) -> f64 {
    let mut ds_sqr = 0.0;
    let mut ss_sqr = 0.0;
    for k in 0..a.len() {
        let d = a[k] - b[k];
        let ds = d * sal[k];
        ds_sqr += ds * ds;
        ss_sqr += sal[k] * sal[k];
    }
    (ds_sqr / ss_sqr).sqrt()
}

/// Euclidean norm of `a - b` (KTAB `norm` of a `KMatrix` difference).
#[inline]
pub fn distance(a: &[f64], b: &[f64]) -> f64 {
    let mut s = 0.0;
    for k in 0..a.len() {
        let d = a[k] - b[k];
        s += d * d;
    }
    s.sqrt()
}

/// Index of the first largest absolute value (KTAB `ndxMaxAbs` on a column).
pub fn index_of_max_abs(xs: &[f64]) -> usize {
    let mut best = -1.0;
    let mut at = 0;
    for (i, x) in xs.iter().enumerate() {
        let a = x.abs();
        if best < a {
            best = a;
            at = i;
        }
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn linear_victory_is_the_strength_ratio() {
        let (p1, p2) = victory_pair(VictoryProbModel::Linear, 2.0, 1.0);
        assert!((p1 - 2.0 / 3.0).abs() < 1e-15);
        assert!((p2 - 1.0 / 3.0).abs() < 1e-15);
        let (q1, _) = victory_pair(VictoryProbModel::Square, 2.0, 1.0);
        assert!((q1 - 0.8).abs() < 1e-15);
    }

    #[test]
    fn conditional_pce_favours_the_condorcet_winner() {
        // option 0 beats both others with 0.8; 1 beats 2 with 0.6
        let pv = vec![0.5, 0.8, 0.8, 0.2, 0.5, 0.6, 0.2, 0.4, 0.5];
        let p = conditional_pce(&pv, 3);
        assert!((sum(&p) - 1.0).abs() < 1e-12);
        assert!(p[0] > p[1] && p[1] > p[2]);
    }

    #[test]
    fn big_r_mid_spans_minus_half_to_one() {
        let r = big_r_from_prob(&[0.1, 0.3, 0.6], BigRRange::Mid);
        assert!((r[0] + 0.5).abs() < 1e-12);
        assert!((r[2] - 1.0).abs() < 1e-12);
        assert_eq!(big_r_from_prob(&[0.5, 0.5], BigRRange::Mid), vec![0.0, 0.0]);
    }

    #[test]
    fn utility_is_one_at_zero_distance_and_zero_at_full_distance() {
        for r in [-0.5, 0.0, 1.0] {
            assert_eq!(bs_util(0.0, r), 1.0);
            assert_eq!(bs_util(1.0, r), 0.0);
        }
        // risk-averse actors (R > 0) value a half-way position more
        assert!(bs_util(0.5, 1.0) > bs_util(0.5, 0.0));
    }

    #[test]
    fn coalitions_add_votes_to_the_favoured_side() {
        // two voters, two options; voter 0 prefers option 0 by 0.5 with weight 2,
        // voter 1 prefers option 1 by 0.25 with weight 1
        let u = [1.0, 0.5, 0.25, 0.5];
        let w = [2.0, 1.0];
        let c = coalitions(
            |k, i, j| vote(VotingRule::Proportional, w[k], u[k * 2 + i], u[k * 2 + j]),
            2,
            2,
        );
        assert!((c[2] - (1e-8 + 0.25)).abs() < 1e-15); // c(1,0)
        assert!((c[1] - (1e-8 + 1.0)).abs() < 1e-15); // c(0,1)
    }

    #[test]
    fn first_maximum_wins_ties() {
        assert_eq!(index_of_max_abs(&[0.2, 0.4, 0.4]), 1);
    }
}
