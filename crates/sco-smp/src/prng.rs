//! KTAB's pseudo-random generator, reproduced bit for bit.
//!
//! KTAB (`kutils/libsrc/prng.cpp`) draws 64-bit words from the standard
//! `mt19937_64` Mersenne Twister (the full-range `uniform_int_distribution`
//! of libstdc++ returns the engine's raw output), then passes each word
//! through a bijective quadratic scramble ("qTrans"). Doubles on `[a, b]` are
//! `a + (b - a) * (word / 2^64)`. With KTAB's default settings the SMP never
//! draws a random number (state transitions are deterministic); the
//! generator matters for the stochastic transition mode.

/// KTAB's default seed, `KBase::dSeed` (printed by `smpc` as 15455440707583219804).
pub const KTAB_DEFAULT_SEED: u64 = 0xD67C_C16F_E69C_185C;

const NN: usize = 312;
const MM: usize = 156;
const MATRIX_A: u64 = 0xB502_6F5A_A966_19E9;
const UPPER_MASK: u64 = 0xFFFF_FFFF_8000_0000;
const LOWER_MASK: u64 = 0x7FFF_FFFF;

/// The 64-bit Mersenne Twister as specified by C++11 `std::mt19937_64`.
#[derive(Clone, Debug)]
pub struct Mt19937_64 {
    state: Box<[u64; NN]>,
    index: usize,
}

impl Mt19937_64 {
    /// Seeds the engine the way `std::mt19937_64::seed(s)` does.
    pub fn new(seed: u64) -> Self {
        let mut state = Box::new([0u64; NN]);
        state[0] = seed;
        for i in 1..NN {
            let prev = state[i - 1];
            state[i] = 6_364_136_223_846_793_005u64
                .wrapping_mul(prev ^ (prev >> 62))
                .wrapping_add(i as u64);
        }
        Self { state, index: NN }
    }

    fn refill(&mut self) {
        let mt = &mut self.state;
        for i in 0..NN {
            let x = (mt[i] & UPPER_MASK) | (mt[(i + 1) % NN] & LOWER_MASK);
            let mut next = x >> 1;
            if x & 1 == 1 {
                next ^= MATRIX_A;
            }
            mt[i] = mt[(i + MM) % NN] ^ next;
        }
        self.index = 0;
    }

    /// Next raw 64-bit output.
    pub fn next_u64(&mut self) -> u64 {
        if self.index >= NN {
            self.refill();
        }
        let mut y = self.state[self.index];
        self.index += 1;
        y ^= (y >> 29) & 0x5555_5555_5555_5555;
        y ^= (y << 17) & 0x71D6_7FFF_EDA6_0000;
        y ^= (y << 37) & 0xFFF7_EEE0_0000_0000;
        y ^= y >> 43;
        y
    }
}

/// KTAB's bijective scramble of a 64-bit word: `(s + a) * (2 s + 3) mod 2^64`.
fn q_trans(s: u64) -> u64 {
    const A: u64 = 0xE08C_1D66_8B75_6F83;
    s.wrapping_add(A)
        .wrapping_mul(s.wrapping_mul(2).wrapping_add(3))
}

/// KTAB's `KBase::PRNG`.
#[derive(Clone, Debug)]
pub struct KtabPrng {
    engine: Mt19937_64,
}

impl KtabPrng {
    /// A generator seeded like `PRNG::setSeed(seed)` for a non-zero seed.
    pub fn new(seed: u64) -> Self {
        Self {
            engine: Mt19937_64::new(seed),
        }
    }

    /// `PRNG::uniform()`: a scrambled 64-bit word.
    pub fn next_word(&mut self) -> u64 {
        q_trans(self.engine.next_u64())
    }

    /// `PRNG::uniform(a, b)`.
    pub fn uniform(&mut self, a: f64, b: f64) -> f64 {
        let x = self.next_word() as f64 / u64::MAX as f64;
        a + (b - a) * x
    }

    /// `PRNG::probSel`: index drawn from a probability column.
    pub fn prob_select(&mut self, probs: &[f64]) -> usize {
        let p = self.uniform(0.0, 1.0);
        let mut sum = 0.0;
        for (i, pi) in probs.iter().enumerate() {
            sum += pi;
            if p <= sum {
                return i;
            }
        }
        probs.len().saturating_sub(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mt19937_64_matches_the_cpp_standard_check_value() {
        // C++11 [rand.predef]: the 10000th output of a default-constructed
        // mt19937_64 (seed 5489) is 9981545732273789042.
        let mut mt = Mt19937_64::new(5489);
        let mut last = 0;
        for _ in 0..10_000 {
            last = mt.next_u64();
        }
        assert_eq!(last, 9_981_545_732_273_789_042);
    }

    #[test]
    fn uniform_stays_in_range_and_is_reproducible() {
        let mut a = KtabPrng::new(KTAB_DEFAULT_SEED);
        let mut b = KtabPrng::new(KTAB_DEFAULT_SEED);
        for _ in 0..1000 {
            let x = a.uniform(10.0, 200.0);
            assert!((10.0..=200.0).contains(&x));
            assert_eq!(x.to_bits(), b.uniform(10.0, 200.0).to_bits());
        }
    }

    #[test]
    fn q_trans_is_not_the_identity() {
        assert_ne!(q_trans(0), 0);
        assert_eq!(q_trans(0), 0xE08C_1D66_8B75_6F83u64.wrapping_mul(3));
    }
}
