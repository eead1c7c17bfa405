//! Seeds and the random number generator of a run.
//!
//! A run draws every random number from one [`SimRng`] built from its seed, so a seed fully
//! determines a run. Replication seeds are derived from a master seed by a fixed mixing
//! function, so `--seed S --runs R` always means the same seed list on every machine.

use rand::{RngCore, SeedableRng};

/// The generator every model uses: ChaCha with 8 rounds, portable and value-stable across
/// platforms (rand_chacha documents its output as reproducible).
pub type SimRng = rand_chacha::ChaCha8Rng;

/// The largest seed accepted: seeds are stored in signed 64-bit Parquet and CSV columns.
pub const MAX_SEED: u64 = i64::MAX as u64;

/// Builds the generator of a run from its seed.
pub fn rng_from_seed(seed: u64) -> SimRng {
    SimRng::seed_from_u64(seed)
}

/// A uniform integer in `0..n` (`n > 0`) by Lemire's multiply-and-reject method ("Fast
/// Random Integer Generation in an Interval", ACM TOMACS 29(1), 2019): one 32-bit draw in
/// almost every case, no division on the fast path, exactly uniform. Hot model loops use it
/// instead of `random_range`, whose generic path is not inlined.
#[inline]
pub fn uniform_below(rng: &mut SimRng, n: u32) -> u32 {
    debug_assert!(n > 0);
    let mut product = u64::from(rng.next_u32()) * u64::from(n);
    let mut low = product as u32;
    if low < n {
        let threshold = n.wrapping_neg() % n;
        while low < threshold {
            product = u64::from(rng.next_u32()) * u64::from(n);
            low = product as u32;
        }
    }
    (product >> 32) as u32
}

/// SplitMix64 finaliser (Steele, Lea and Flood 2014): a bijective mixer of 64-bit words.
fn splitmix64(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// The seed of replication `index` under master seed `master` (always at most [`MAX_SEED`]).
pub fn derive_seed(master: u64, index: u64) -> u64 {
    splitmix64(master ^ splitmix64(index)) >> 1
}

/// The seed list of `count` replications under a master seed.
pub fn derive_seeds(master: u64, count: u64) -> Vec<u64> {
    (0..count).map(|i| derive_seed(master, i)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derived_seeds_are_fixed_distinct_and_in_range() {
        let seeds = derive_seeds(42, 1000);
        let mut sorted = seeds.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), 1000);
        assert!(seeds.iter().all(|s| *s <= MAX_SEED));
        assert_eq!(seeds[..3], derive_seeds(42, 3)[..]);
        assert_ne!(derive_seeds(43, 3), derive_seeds(42, 3));
    }

    #[test]
    fn uniform_below_is_in_range_and_uniform() {
        let mut rng = rng_from_seed(4);
        let mut counts = [0u32; 7];
        for _ in 0..70_000 {
            counts[uniform_below(&mut rng, 7) as usize] += 1;
        }
        // Each count is binomial(70000, 1/7): mean 10000, sd about 92; allow 5 sd.
        assert!(
            counts.iter().all(|c| c.abs_diff(10_000) < 460),
            "{counts:?}"
        );
        assert_eq!(uniform_below(&mut rng, 1), 0);
    }
}
