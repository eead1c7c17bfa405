//! Exact probabilities of moving under a decision rule, for comparison with simulations.
//!
//! - Coleman's power of a collectivity to act (J. S. Coleman 1971, "Control of collectivities
//!   and the power of a collectivity to act"): the share of the 2^n yes/no vote profiles
//!   that carry a proposal. Under unanimity it is 2^-n.
//! - For ideal points drawn at random, the probability that the status quo can be moved at
//!   all under unanimity. The status quo is stuck exactly when the preference gradients at
//!   the status quo, `W_i (a_i - sq)`, contain the origin in their convex hull (see
//!   [`super::UnanimityProblem::winset`]). When the `n` ideal points are independent,
//!   continuous and symmetric about the status quo, Wendel's theorem (J. G. Wendel 1962,
//!   "A problem in geometric probability", Mathematica Scandinavica 11) gives the
//!   probability that they lie in an open half-space through it:
//!   `2^-(n-1) · Σ_{k=0}^{d-1} C(n-1, k)`.

/// Coleman's power to act: the share of the 2^n vote profiles whose "yes" weight reaches
/// `quota`. `None` for more than 30 voters (exact enumeration only).
pub fn coleman_power_to_act(weights: &[f64], quota: f64) -> Option<f64> {
    let n = weights.len();
    if n > 30 {
        return None;
    }
    let mut winning: u64 = 0;
    for mask in 0u64..(1u64 << n) {
        let yes: f64 = (0..n)
            .filter(|&i| mask >> i & 1 == 1)
            .map(|i| weights[i])
            .sum();
        if yes >= quota {
            winning += 1;
        }
    }
    Some(winning as f64 / (1u64 << n) as f64)
}

/// Coleman's power to act under unanimity of `n` members: 2^-n.
pub fn coleman_unanimity(n: usize) -> f64 {
    0.5_f64.powi(n as i32)
}

/// Probability that the status quo can be moved under unanimity when the `n` actors' ideal
/// points are independent, continuous and symmetric about the status quo in `d` dimensions
/// (Wendel's theorem). Equals 1 when `n <= d`.
pub fn sq_movable_probability(n: usize, d: usize) -> f64 {
    if n == 0 {
        return 1.0;
    }
    let m = n - 1;
    let mut sum = 0.0;
    let mut binom = 1.0_f64; // C(m, 0)
    for k in 0..d.min(n) {
        if k > 0 {
            binom = binom * (m - k + 1) as f64 / k as f64;
        }
        sum += binom;
    }
    (sum * 0.5_f64.powi(m as i32)).min(1.0)
}

/// One dimension, ideal points independent with probability `p_above` of lying above the
/// status quo: the status quo can be moved iff all lie on one side, `p^n + (1-p)^n`.
pub fn sq_movable_probability_1d(n: usize, p_above: f64) -> f64 {
    p_above.powi(n as i32) + (1.0 - p_above).powi(n as i32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn coleman_unanimity_matches_enumeration() {
        for n in 1..=8 {
            let w = vec![1.0; n];
            assert_eq!(
                coleman_power_to_act(&w, n as f64),
                Some(coleman_unanimity(n))
            );
        }
        // Simple majority of 3: 4 of 8 profiles carry.
        assert_eq!(coleman_power_to_act(&[1.0, 1.0, 1.0], 2.0), Some(0.5));
    }

    #[test]
    fn wendel_special_cases() {
        // One dimension: both sides equally likely, 2 * 2^-n.
        for n in 1..10 {
            assert!(
                (sq_movable_probability(n, 1) - sq_movable_probability_1d(n, 0.5)).abs() < 1e-15
            );
        }
        assert_eq!(sq_movable_probability(2, 2), 1.0);
        // Three points in the plane: 1 - P(origin in triangle) = 1 - 1/4.
        assert!((sq_movable_probability(3, 2) - 0.75).abs() < 1e-15);
        assert!((sq_movable_probability(4, 2) - 0.5).abs() < 1e-15);
    }
}
