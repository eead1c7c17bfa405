//! Activation orders: in which order the agents of a model act within a phase.
//!
//! Mesa's schedulers (`shuffle_do`, `do`, staged activation) and krABMaga's `Schedule` make
//! this a property of the model; here it is an explicit [`Activation`] value and a reusable
//! [`Scheduler`] buffer, so a model states its order in one line and the order is drawn from
//! the run's generator.

use rand::seq::SliceRandom;
use rand::Rng;
use serde::{Deserialize, Serialize};

use crate::rng::SimRng;

/// How agents are ordered within one phase of a step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Activation {
    /// Agents act in index order, every step.
    Sequential,
    /// Each agent acts once per step, in a fresh random order (Mesa's `shuffle_do`).
    Random,
    /// As many activations as agents, each picking an agent uniformly at random, so some act
    /// twice and some not at all (Axelrod's event-by-event updating).
    RandomWithReplacement,
    /// Every agent decides from the same frozen state; the model applies all decisions in a
    /// later phase. The order returned is index order because it cannot matter.
    Simultaneous,
}

/// A reusable buffer producing activation orders without allocating every step.
#[derive(Debug, Clone, Default)]
pub struct Scheduler {
    order: Vec<usize>,
}

impl Scheduler {
    /// An empty scheduler.
    pub fn new() -> Self {
        Scheduler::default()
    }

    /// The order in which `agents` agents act under `activation`, drawn from `rng`.
    pub fn order(&mut self, agents: usize, activation: Activation, rng: &mut SimRng) -> &[usize] {
        self.order.clear();
        match activation {
            Activation::Sequential | Activation::Simultaneous => self.order.extend(0..agents),
            Activation::Random => {
                self.order.extend(0..agents);
                self.order.shuffle(rng);
            }
            Activation::RandomWithReplacement => {
                if agents > 0 {
                    self.order
                        .extend((0..agents).map(|_| rng.random_range(0..agents)));
                }
            }
        }
        &self.order
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rng::rng_from_seed;

    #[test]
    fn random_order_is_a_permutation_and_seeded() {
        let mut s = Scheduler::new();
        let a = s
            .order(50, Activation::Random, &mut rng_from_seed(1))
            .to_vec();
        let b = s
            .order(50, Activation::Random, &mut rng_from_seed(1))
            .to_vec();
        assert_eq!(a, b);
        let mut sorted = a.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, (0..50).collect::<Vec<_>>());
        assert_ne!(a, sorted);
        let w = s
            .order(50, Activation::RandomWithReplacement, &mut rng_from_seed(2))
            .to_vec();
        assert_eq!(w.len(), 50);
        assert!(w.iter().all(|i| *i < 50));
        assert_eq!(
            s.order(3, Activation::Sequential, &mut rng_from_seed(2)),
            &[0, 1, 2]
        );
    }
}
