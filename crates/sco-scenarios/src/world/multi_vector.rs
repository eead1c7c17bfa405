//! Module `multi_vector`: the Central Asian states balance among the powers, so their UNGA
//! positions return toward their own recent mean rather than drift to any pole.
//!
//! Seed 000 line 108: the SCO "helps maintain political balance between China and Russia";
//! seed 002 line 273: a balanced dual track of bilateral and regional cooperation. The
//! anchor is the state's mean ideal point over the ten years before the jump-off.

use super::params::{Modules, P};

/// The year's move back toward the anchor.
pub fn reversion(p: &P<'_>, modules: Modules, x: f64, anchor: f64) -> f64 {
    if !modules.multi_vector || anchor.is_nan() {
        return 0.0;
    }
    p.mv_rate() * (anchor - x)
}
