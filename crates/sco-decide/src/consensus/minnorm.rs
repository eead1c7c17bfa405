//! The point of smallest norm in the convex hull of finitely many points (Wolfe's
//! algorithm, P. Wolfe 1976, "Finding the nearest point in a polytope", Mathematical
//! Programming 11). It decides Gordan's alternative exactly up to rounding: either the hull
//! avoids the origin (and the nearest point is a direction that has a positive product with
//! every point), or convex weights combine the points to zero (a certificate).

use crate::linalg::{dot, solve};

/// Result: the nearest point and its convex weights over the input points.
pub(crate) struct MinNorm {
    pub point: Vec<f64>,
    pub weights: Vec<f64>,
}

pub(crate) fn min_norm_point(points: &[Vec<f64>]) -> MinNorm {
    let dim = points.first().map_or(0, Vec::len);
    let n = points.len();
    let combine = |set: &[usize], w: &[f64]| -> Vec<f64> {
        let mut x = vec![0.0; dim];
        for (k, &j) in set.iter().enumerate() {
            for (xd, pd) in x.iter_mut().zip(&points[j]) {
                *xd += w[k] * pd;
            }
        }
        x
    };
    let start = (0..n)
        .min_by(|&a, &b| dot(&points[a], &points[a]).total_cmp(&dot(&points[b], &points[b])))
        .unwrap_or(0);
    let mut set = vec![start];
    let mut w = vec![1.0];
    let mut x = points[start].clone();
    let scale = points
        .iter()
        .map(|p| dot(p, p))
        .fold(0.0_f64, f64::max)
        .max(f64::MIN_POSITIVE);
    for _ in 0..(50 * (n + dim + 1)) {
        let xx = dot(&x, &x);
        if xx <= 1e-24 * scale {
            break;
        }
        let (j, xp) = (0..n)
            .map(|j| (j, dot(&x, &points[j])))
            .min_by(|a, b| a.1.total_cmp(&b.1))
            .unwrap_or((0, xx));
        if xx - xp <= 1e-13 * scale || set.contains(&j) {
            break;
        }
        set.push(j);
        w.push(0.0);
        loop {
            let m = set.len();
            let mut a = vec![vec![0.0; m + 1]; m + 1];
            for r in 0..m {
                for c in 0..m {
                    a[r][c] = dot(&points[set[r]], &points[set[c]]);
                }
                a[r][m] = 1.0;
                a[m][r] = 1.0;
            }
            let mut b = vec![0.0; m + 1];
            b[m] = 1.0;
            let Some(sol) = solve(a, b) else {
                // Affinely dependent set (rounding): drop the newest point and stop here.
                set.pop();
                w.pop();
                return finish(points, &set, &w, combine(&set, &w), n);
            };
            let mu = &sol[..m];
            if mu.iter().all(|&v| v > 1e-14) {
                w = mu.to_vec();
                x = combine(&set, &w);
                break;
            }
            let theta = (0..m)
                .filter(|&k| mu[k] <= 1e-14)
                .map(|k| w[k] / (w[k] - mu[k]))
                .fold(1.0_f64, f64::min);
            for k in 0..m {
                w[k] = (1.0 - theta) * w[k] + theta * mu[k];
            }
            let mut k = 0;
            while k < set.len() {
                if w[k] <= 1e-14 {
                    set.remove(k);
                    w.remove(k);
                } else {
                    k += 1;
                }
            }
            let total: f64 = w.iter().sum();
            w.iter_mut().for_each(|v| *v /= total);
            x = combine(&set, &w);
            if set.len() <= 1 {
                break;
            }
        }
    }
    finish(points, &set, &w, x, n)
}

fn finish(_points: &[Vec<f64>], set: &[usize], w: &[f64], point: Vec<f64>, n: usize) -> MinNorm {
    let mut weights = vec![0.0; n];
    for (k, &j) in set.iter().enumerate() {
        weights[j] = w[k];
    }
    MinNorm { point, weights }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origin_outside_a_segment() {
        let r = min_norm_point(&[vec![1.0, 1.0], vec![1.0, -1.0]]);
        assert!((r.point[0] - 1.0).abs() < 1e-12 && r.point[1].abs() < 1e-12);
    }

    #[test]
    fn origin_inside_a_triangle() {
        let r = min_norm_point(&[vec![1.0, 0.0], vec![-1.0, 1.0], vec![-1.0, -1.0]]);
        assert!(dot(&r.point, &r.point) < 1e-20);
        assert!((r.weights.iter().sum::<f64>() - 1.0).abs() < 1e-12);
        assert!(r.weights.iter().all(|&v| v > 0.0));
    }
}
