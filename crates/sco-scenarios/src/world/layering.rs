//! Module `layering`: membership of the Russia-led organisations (the CIS, the collective
//! security treaty, the Eurasian Economic Community) engages a state with Russia.
//!
//! Seed 002 lines 55-57: the SCO stands beside the EAEU and other organisations; seed 001
//! line 205 (Allison: the SCO and the CSTO as "protective integration"). The count comes from
//! the COW IGO data (to 2014, held at its 2014 value after, as `WorldInputs::gaps` says).

use super::params::{Modules, P};

/// Adds the engagement with Russia that `count` memberships (out of three) bring.
pub fn engagement(p: &P<'_>, modules: Modules, count: f64, engagement: &mut [f64; 3]) {
    if modules.layering {
        engagement[1] += p.layering_gain() * count / 3.0;
    }
}
