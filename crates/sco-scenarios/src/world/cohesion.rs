//! Module `cohesion`: members socialise toward the members' mean position, and the more
//! members there are, the weaker the pull.
//!
//! Seed 003 lines 89-93: before 2017 the SCO was a "2 + 4" pattern led by China and Russia;
//! after the expansion "its internal power structure has undergone" change and the pattern
//! of major powers leading is "put to the test". The division of the rate by the number of
//! members over six is an assumption.

use super::params::{Modules, P};

/// The year's move of member `s` toward the members' mean.
pub fn socialisation(p: &P<'_>, modules: Modules, s: usize, x: &[f64], members: &[usize]) -> f64 {
    if !modules.cohesion || members.len() < 2 {
        return 0.0;
    }
    let mean = members.iter().map(|&m| x[m]).sum::<f64>() / members.len() as f64;
    p.cohesion_rate() * 6.0 / members.len() as f64 * (mean - x[s])
}

/// Standard deviation of the members' ideal points (the cohesion the reports show).
pub fn spread(x: &[f64], members: &[usize]) -> f64 {
    if members.len() < 2 {
        return 0.0;
    }
    let n = members.len() as f64;
    let mean = members.iter().map(|&m| x[m]).sum::<f64>() / n;
    (members.iter().map(|&m| (x[m] - mean).powi(2)).sum::<f64>() / (n - 1.0)).sqrt()
}
