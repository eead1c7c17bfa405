//! The compromise model: on every dimension the outcome is the mean of the positions
//! weighted by capability × salience (Achen's compromise model; the "Nash bargaining
//! solution" of Stokman's exchange model is the same formula).
//!
//! Actors without a stance on a dimension do not count there. A dimension on which the
//! total weight is zero has no compromise (`None`).

use serde::Serialize;

use crate::profile::Profile;

/// The compromise position of one dimension.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CompromiseDimension {
    pub dimension: String,
    /// Σ c·s·x / Σ c·s, or `None` when Σ c·s = 0.
    pub position: Option<f64>,
    /// Σ c·s over the actors with a stance.
    pub total_weight: f64,
}

/// The weighted mean of `(weight, position)` pairs, `None` when the weights add to zero.
pub fn weighted_mean(pairs: impl IntoIterator<Item = (f64, f64)>) -> Option<f64> {
    let (sum_w, sum_wx) = pairs.into_iter().fold((0.0, 0.0), |(w, wx), (weight, x)| {
        (w + weight, wx + weight * x)
    });
    (sum_w > 0.0).then(|| sum_wx / sum_w)
}

/// The compromise position on every dimension of `profile`.
pub fn compromise(profile: &Profile) -> Vec<CompromiseDimension> {
    (0..profile.dimensions.len())
        .map(|d| {
            let issue = profile.issue(d);
            let total_weight = issue.iter().map(|a| a.capability * a.salience).sum();
            CompromiseDimension {
                dimension: profile.dimensions[d].name.clone(),
                position: weighted_mean(
                    issue
                        .iter()
                        .map(|a| (a.capability * a.salience, a.position)),
                ),
                total_weight,
            }
        })
        .collect()
}
