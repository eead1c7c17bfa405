//! Module `regime_security`: colour revolutions and sanctions change what regimes do abroad.
//!
//! Seed 000 line 110: the post-Soviet authoritarian regimes, alarmed by the colour
//! revolutions, turned to Russia and the SCO "to discredit the concept of facilitating
//! regime changes". An overthrow anywhere in the former Soviet Union raises the insecurity of
//! every post-Soviet regime by one, a suppressed uprising that of its own state by a half,
//! and insecurity halves every year (both assumptions); insecurity engages the regime with
//! Russia and China. Seed 004 lines 101-103: under western sanctions Russia pivoted to the
//! East; sanctions cut a state's trade with the West the year they start and engage it with
//! China while they last. The events are the sourced events of the `norms` scenario; a
//! forecast knows those up to its origin and draws later ones at the pre-origin rate.

use rand::Rng;
use sco_sim::SimRng;

use super::inputs::{SanctionKind, WorldInputs, FIRST_YEAR};
use super::params::{Modules, P};
use super::sim::{sanction_known, Setting};

/// Yearly decay of insecurity (an assumption: half-life of one year).
pub const DECAY: f64 = 0.5;

/// Post-Soviet overthrows per year from 1992 to `year`.
pub fn overthrow_rate(inputs: &WorldInputs, year: i32) -> f64 {
    let count = inputs
        .events
        .iter()
        .filter(|e| e.overthrow && e.post_soviet && e.year <= year)
        .count();
    count as f64 / f64::from((year - FIRST_YEAR + 1).max(1))
}

fn apply_events(inputs: &WorldInputs, insecurity: &mut [f64], year: i32) {
    for e in inputs.events.iter().filter(|e| e.year == year) {
        if e.overthrow && e.post_soviet {
            for (s, state) in inputs.states.iter().enumerate() {
                if state.post_soviet {
                    insecurity[s] += 1.0;
                }
            }
        } else if let Some(s) = inputs.index(&e.iso3) {
            insecurity[s] += 0.5;
        }
    }
}

/// Insecurity at the jump-off from the events up to it.
pub fn initial(inputs: &WorldInputs, jump_off: i32, on: bool) -> Vec<f64> {
    let mut insecurity = vec![0.0; inputs.states.len()];
    if !on {
        return insecurity;
    }
    for year in FIRST_YEAR..=jump_off {
        insecurity.iter_mut().for_each(|i| *i *= DECAY);
        apply_events(inputs, &mut insecurity, year);
    }
    insecurity
}

/// One year of insecurity: decay, then the year's events (drawn after what the setting knows).
pub fn update_insecurity(
    inputs: &WorldInputs,
    rate: f64,
    setting: &Setting,
    insecurity: &mut [f64],
    year: i32,
    rng: &mut SimRng,
) {
    // Draw always, so that switching the module off leaves the other draws in place.
    let u: f64 = rng.random();
    if !setting.modules.regime_security {
        return;
    }
    insecurity.iter_mut().for_each(|i| *i *= DECAY);
    if year <= setting.knowledge.last() {
        apply_events(inputs, insecurity, year);
    } else if u < rate {
        for (s, state) in inputs.states.iter().enumerate() {
            if state.post_soviet {
                insecurity[s] += 1.0;
            }
        }
    }
}

/// Insecurity engages the regime with Russia and China.
pub fn engagement(p: &P<'_>, modules: Modules, insecurity: f64, engagement: &mut [f64; 3]) {
    if modules.regime_security {
        engagement[0] += 0.5 * p.insecurity_gain() * insecurity;
        engagement[1] += 0.5 * p.insecurity_gain() * insecurity;
    }
}

/// Whether western sanctions are in force on `s` in `year`, as the setting knows them.
pub fn western_sanctions(inputs: &WorldInputs, setting: &Setting, s: usize, year: i32) -> bool {
    setting.modules.regime_security
        && sanction_known(inputs, setting, s, SanctionKind::Western, year)
}

/// Whether western sanctions on `s` start in `year` (and the setting knows it).
pub fn sanctions_start(inputs: &WorldInputs, setting: &Setting, s: usize, year: i32) -> bool {
    setting.modules.regime_security
        && year <= setting.knowledge.last()
        && !(setting.overrides.no_russia_sanctions && inputs.states[s].iso3 == "RUS")
        && inputs.sanction_starts(s, year)
}

/// Under sanctions, engagement with China grows (the pivot to the East).
pub fn pivot(p: &P<'_>, modules: Modules, sanctioned: bool, engagement: &mut [f64; 3]) {
    if modules.regime_security && sanctioned {
        engagement[0] += p.sanction_shock();
    }
}
