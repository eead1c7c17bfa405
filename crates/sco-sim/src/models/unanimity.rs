//! Consensus under expansion (model `unanimity`): how the chance of agreement falls as a
//! body that decides by unanimity admits members. Both quantities have exact answers, so
//! the model checks the engine's randomness and statistics against them.
//!
//! Each step admits one member (from `members_start` to `members_end`) and simulates
//! `trials` independent decisions at the current size:
//!
//! * **Coleman's passage probability.** A random proposal, each member voting yes with
//!   probability 1/2 independently, passes under unanimity with probability `2^-n`
//!   (J. S. Coleman, "Control of Collectivities and the Power of a Collectivity to Act",
//!   in Lieberman (ed.), *Social Choice*, 1971).
//! * **Movable status quo in one dimension.** Members have ideal points uniform on [0, 1]
//!   and symmetric single-peaked preferences; the status quo `q` is uniform on [0, 1]. Under
//!   unanimity `q` can be replaced iff some `x` is closer than `q` to every ideal point. If
//!   `q` lies below the smallest ideal point, moving it slightly up brings it closer to all;
//!   likewise above the largest; if `q` lies between the smallest and largest ideal points,
//!   any move away from `q` moves it away from the ideal points on one side, so `q` is in
//!   the Pareto set and stays. Hence `q` is movable iff it is the smallest or the largest of
//!   the `n + 1` independent uniform points `{q, p_1..p_n}`; by symmetry each of the `n + 1`
//!   is equally likely to be either, so P(movable) = 2 / (n + 1) (= 1 for n = 1).

use rand::{Rng, RngCore};

use crate::model::{Model, StepContext};
use crate::params::{ParamError, ParamSet, ParamSpec};
use crate::registry::ModelEntry;
use crate::rng::SimRng;
use crate::value::{Column, Value};

/// The registry entry of the unanimity model.
pub fn entry() -> ModelEntry {
    ModelEntry::new(
        "unanimity",
        "Consensus under expansion: simulated vs exact chance of agreement under unanimity as members join",
        vec![
            ParamSpec::int("members_start", 1, 500, 2, "members before the first admission", "assumption"),
            ParamSpec::int("members_end", 1, 500, 12, "members after the last admission", "assumption"),
            ParamSpec::int("trials", 1, 100_000_000, 20_000, "simulated decisions per membership size", "assumption"),
        ],
        1000,
        |params, rng| Ok(Box::new(Unanimity::new(params, rng)?)),
    )
}

/// Simulated and exact agreement frequencies at the current membership size.
#[derive(Debug, Clone)]
pub struct Unanimity {
    members: u64,
    members_end: u64,
    trials: u64,
    passed: u64,
    movable: u64,
}

impl Unanimity {
    /// Starts at `members_start` members, with the trials of that size already run.
    pub fn new(params: &ParamSet, rng: &mut SimRng) -> Result<Self, ParamError> {
        let start = params.int("members_start")? as u64;
        let end = params.int("members_end")? as u64;
        if end < start {
            return Err(ParamError::Inconsistent(format!(
                "members_end ({end}) must be at least members_start ({start})"
            )));
        }
        let mut model = Unanimity {
            members: start,
            members_end: end,
            trials: params.int("trials")? as u64,
            passed: 0,
            movable: 0,
        };
        model.simulate(rng);
        Ok(model)
    }

    fn proposal_passes(&self, rng: &mut SimRng) -> bool {
        let mut left = self.members;
        while left > 0 {
            let take = left.min(64);
            let mask = if take == 64 {
                u64::MAX
            } else {
                (1u64 << take) - 1
            };
            if rng.next_u64() & mask != mask {
                return false;
            }
            left -= take;
        }
        true
    }

    fn status_quo_movable(&self, rng: &mut SimRng) -> bool {
        let (mut low, mut high) = (f64::INFINITY, f64::NEG_INFINITY);
        for _ in 0..self.members {
            let p: f64 = rng.random();
            low = low.min(p);
            high = high.max(p);
        }
        let q: f64 = rng.random();
        q < low || q > high
    }

    fn simulate(&mut self, rng: &mut SimRng) {
        self.passed = 0;
        self.movable = 0;
        for _ in 0..self.trials {
            self.passed += u64::from(self.proposal_passes(rng));
            self.movable += u64::from(self.status_quo_movable(rng));
        }
    }

    /// Coleman's exact passage probability 2^-n.
    pub fn pass_exact(members: u64) -> f64 {
        0.5f64.powi(members as i32)
    }

    /// Exact probability that a uniform status quo is movable: 2 / (n + 1).
    pub fn movable_exact(members: u64) -> f64 {
        2.0 / (members as f64 + 1.0)
    }

    fn row(&self) -> [Value; 6] {
        let t = self.trials as f64;
        [
            Value::Int(self.members as i64),
            Value::Int(self.trials as i64),
            Value::Float(self.passed as f64 / t),
            Value::Float(Self::pass_exact(self.members)),
            Value::Float(self.movable as f64 / t),
            Value::Float(Self::movable_exact(self.members)),
        ]
    }
}

impl Model for Unanimity {
    fn phases(&self) -> &[&'static str] {
        &["admit", "decide"]
    }

    fn run_phase(&mut self, phase: usize, ctx: &mut StepContext<'_>) {
        match phase {
            0 => self.members += 1,
            _ => self.simulate(ctx.rng),
        }
    }

    fn running(&self) -> bool {
        self.members < self.members_end
    }

    fn model_columns(&self) -> Vec<Column> {
        self.output_columns()
    }

    fn report_model(&self, row: &mut Vec<Value>) {
        row.extend(self.row());
    }

    fn output_columns(&self) -> Vec<Column> {
        vec![
            Column::int("members", "members deciding"),
            Column::int("trials", "simulated decisions at this size"),
            Column::float("pass_rate", "share of random proposals passed unanimously"),
            Column::float(
                "pass_exact",
                "Coleman's exact passage probability, 2^-members",
            ),
            Column::float(
                "movable_rate",
                "share of uniform status quos that could be moved (1-D)",
            ),
            Column::float(
                "movable_exact",
                "exact probability the status quo is movable, 2/(members+1)",
            ),
        ]
    }

    fn outputs(&self, row: &mut Vec<Value>) {
        row.extend(self.row());
    }
}
