//! Module `division_of_labour`: security from Russia, money from China ("Russia the gun,
//! China the money"). The collective-security treaty engages a state with Russia, a US base
//! with the United States; money (trade) engages with China through the alignment module.
//!
//! Seed 001 lines 131-132: China's economic power could overshadow Russia's in Central Asia;
//! seed 001 line 193: security as the Central Asian states' reason to take part. Ties come
//! from the sourced ties file of the `norms` scenario.

use super::params::{Modules, P};

/// Adds the security engagement.
pub fn security(p: &P<'_>, modules: Modules, csto: bool, us_base: bool, engagement: &mut [f64; 3]) {
    if !modules.division_of_labour {
        return;
    }
    if csto {
        engagement[1] += p.security_gain();
    }
    if us_base {
        engagement[2] += p.security_gain();
    }
}
