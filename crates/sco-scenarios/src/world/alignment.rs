//! Module `alignment`: each state's position in UN General Assembly voting moves with its
//! engagement with China, Russia and the United States, and with shocks.
//!
//! Why: the seeds' claims about the SCO are about what states do internationally; UNGA
//! voting is the one yearly, comparable record of it (seeds 001 lines 151-152 and 004 line
//! 47: the leading members try to cement consensus on their positions; the multi-vector
//! policies of seeds 001 and 002). The ideal point moves toward each pole in proportion to
//! the state's engagement with it; agreement with a pole follows from the distance of the
//! ideal points through a link fitted on the data before the origin, plus the state's own
//! residual at the jump-off, which decays at the rate the pre-origin residuals did.

use super::inputs::{Target, WorldInputs, CHN, RUS, USA};
use super::params::{Modules, P};

/// The poles, in agreement-target order.
pub const POLES: [usize; 3] = [CHN, RUS, USA];

/// Agreement with a pole as a line in the distance of ideal points.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Link {
    /// Agreement at distance 0.
    pub intercept: f64,
    /// Change per unit of distance.
    pub slope: f64,
    /// Yearly persistence of a state's residual.
    pub persistence: f64,
}

impl Link {
    /// Predicted agreement.
    pub fn predict(&self, x: f64, pole: f64) -> f64 {
        self.intercept + self.slope * (x - pole).abs()
    }
}

/// Fits the links on the fifteen years up to `year`, pooled over states.
pub fn fit_links(inputs: &WorldInputs, year: i32) -> [Link; 3] {
    let targets = [Target::AgreeChn, Target::AgreeRus, Target::AgreeUsa];
    let mut links = [Link {
        intercept: 0.5,
        slope: 0.0,
        persistence: 0.0,
    }; 3];
    for (k, target) in targets.into_iter().enumerate() {
        let pole = POLES[k];
        let mut points = Vec::new();
        for s in 0..inputs.states.len() {
            for y in (year - 14)..=year {
                let (Some(a), Some(x), Some(xp)) = (
                    inputs.obs(target, s, y),
                    inputs.obs(Target::IdealPoint, s, y),
                    inputs.obs(Target::IdealPoint, pole, y),
                ) else {
                    continue;
                };
                points.push((s, y, (x - xp).abs(), a));
            }
        }
        let (intercept, slope) = ols(points.iter().map(|p| (p.2, p.3)));
        let link = Link {
            intercept,
            slope,
            persistence: 0.0,
        };
        // Residual persistence: slope through the origin of next year's residual on this year's.
        let resid = |s: usize, y: i32| {
            points
                .iter()
                .find(|p| p.0 == s && p.1 == y)
                .map(|p| p.3 - (intercept + slope * p.2))
        };
        let (mut sxy, mut sxx) = (0.0, 0.0);
        for p in &points {
            if let (Some(r0), Some(r1)) = (resid(p.0, p.1), resid(p.0, p.1 + 1)) {
                sxy += r0 * r1;
                sxx += r0 * r0;
            }
        }
        let persistence = if sxx > 0.0 {
            (sxy / sxx).clamp(0.0, 1.0)
        } else {
            0.0
        };
        links[k] = Link {
            persistence,
            ..link
        };
    }
    links
}

/// Least-squares intercept and slope.
pub fn ols(points: impl Iterator<Item = (f64, f64)>) -> (f64, f64) {
    let points: Vec<(f64, f64)> = points.collect();
    if points.is_empty() {
        return (0.0, 0.0);
    }
    let n = points.len() as f64;
    let mx = points.iter().map(|p| p.0).sum::<f64>() / n;
    let my = points.iter().map(|p| p.1).sum::<f64>() / n;
    let sxx: f64 = points.iter().map(|p| (p.0 - mx).powi(2)).sum();
    let sxy: f64 = points.iter().map(|p| (p.0 - mx) * (p.1 - my)).sum();
    let slope = if sxx > 0.0 { sxy / sxx } else { 0.0 };
    (my - slope * mx, slope)
}

/// SD of each state's yearly ideal-point changes over the ten years up to `year` (the
/// median of the states' SDs for a state with fewer than three changes; at least 0.02).
pub fn noise_sds(inputs: &WorldInputs, year: i32) -> Vec<f64> {
    let raw: Vec<Option<f64>> = (0..inputs.states.len())
        .map(|s| {
            let diffs: Vec<f64> = ((year - 9)..=year)
                .filter_map(|y| {
                    Some(
                        inputs.obs(Target::IdealPoint, s, y)?
                            - inputs.obs(Target::IdealPoint, s, y - 1)?,
                    )
                })
                .collect();
            (diffs.len() >= 3).then(|| {
                let m = diffs.iter().sum::<f64>() / diffs.len() as f64;
                (diffs.iter().map(|d| (d - m).powi(2)).sum::<f64>() / (diffs.len() - 1) as f64)
                    .sqrt()
            })
        })
        .collect();
    let mut known: Vec<f64> = raw.iter().flatten().copied().collect();
    known.sort_by(f64::total_cmp);
    let median = known.get(known.len() / 2).copied().unwrap_or(0.1);
    raw.into_iter()
        .map(|v| v.unwrap_or(median).max(0.02))
        .collect()
}

/// Engagement with China, Russia and the West from trade shares and SCO status.
pub fn engagement(p: &P<'_>, modules: Modules, level: f64, shares: [f64; 3]) -> [f64; 3] {
    if !modules.alignment {
        return [0.0; 3];
    }
    let status = p.w_status() * level / 4.0 * 0.5;
    [
        p.w_trade() * shares[0] + status,
        p.w_trade() * shares[1] + status,
        p.w_trade() * shares[2],
    ]
}

/// The year's move toward the poles: `pull` times the engagement-weighted distance,
/// normalised so that no engagement can overshoot a pole.
pub fn pull(p: &P<'_>, engagement: &[f64; 3], x: f64, poles: [f64; 3]) -> f64 {
    let total: f64 = engagement.iter().map(|e| e.max(0.0)).sum();
    let mut dx = 0.0;
    for k in 0..3 {
        if !poles[k].is_nan() {
            dx += engagement[k].max(0.0) * (poles[k] - x);
        }
    }
    p.pull() * dx / (1.0 + total)
}
