//! Module `finance`: hub-and-spoke Chinese finance and the backlash to it.
//!
//! Seed 002 lines 396-401: the SCO is "similar to a hub (Beijing) and spokes" arrangement, and
//! China's reliance on loans makes Central Asian states financially dependent on it. The trade
//! shares move in log-odds with the drift of the five years before the estimation year, a
//! yearly boost of the China share for SCO members and observers (the hub), sanctions that cut
//! trade with the West (module `regime_security`) and shocks. Above a China share of 0.25 (an
//! assumption), dependence reduces the state's engagement with China (the backlash).

use sco_sim::SimRng;

use super::inputs::{Target, WorldInputs};
use super::params::{Modules, P};
use super::regime_security;
use super::sim::{logit, normal, Prepared, Setting};

/// Pooled mean yearly change of the log-odds of each share over the five years up to
/// `year` (or to the last trade year).
pub fn drifts(inputs: &WorldInputs, year: i32) -> [f64; 3] {
    let last = year.min(inputs.trade_last_year);
    let targets = [
        Target::TradeShareChn,
        Target::TradeShareRus,
        Target::TradeShareWest,
    ];
    let mut out = [0.0; 3];
    for (k, target) in targets.into_iter().enumerate() {
        let mut changes = Vec::new();
        for s in 0..inputs.states.len() {
            for y in (last - 4)..=last {
                if let (Some(a), Some(b)) = (inputs.obs(target, s, y - 1), inputs.obs(target, s, y))
                {
                    if a > 0.0 && b > 0.0 {
                        changes.push(logit(b) - logit(a));
                    }
                }
            }
        }
        // The median, so one state's collapse of trade does not set everyone's drift.
        changes.sort_by(f64::total_cmp);
        out[k] = changes.get(changes.len() / 2).copied().unwrap_or(0.0);
    }
    out
}

/// Moves every state's trade log-odds by one year.
pub fn step(
    prep: &Prepared<'_>,
    setting: &Setting,
    p: &P<'_>,
    z: &mut [[f64; 3]],
    levels: &[f64],
    year: i32,
    rng: &mut SimRng,
) {
    let modules = setting.modules;
    let inputs = prep.inputs;
    for (s, shares) in z.iter_mut().enumerate() {
        for (k, zk) in shares.iter_mut().enumerate() {
            if zk.is_nan() {
                continue;
            }
            let mut dz = prep.trade_drift[k] + p.trade_noise() * normal(rng);
            if k == 0 && modules.finance && levels[s] >= 2.0 {
                dz += p.finance_boost();
                if setting
                    .overrides
                    .development_bank_from
                    .is_some_and(|from| year >= from)
                    && levels[s] >= 4.0
                {
                    dz += p.finance_boost();
                }
            }
            if k == 2 && regime_security::sanctions_start(inputs, setting, s, year) {
                dz -= p.sanction_shock();
            }
            *zk += dz;
        }
    }
}

/// Dependence on China above 0.25 of trade reduces engagement with China.
pub fn backlash(p: &P<'_>, modules: Modules, china_share: f64, engagement: &mut [f64; 3]) {
    if modules.finance {
        engagement[0] = (engagement[0] - p.backlash() * (china_share - 0.25).max(0.0)).max(0.0);
    }
}
