//! The SMP's model options and stopping rule, with KTAB's defaults.
//!
//! Every option KTAB's `smpc` exposes through its XML `ModelParameters` is an
//! enum here; `SmpConfig::default()` is exactly what `smpc --csv FILE` uses
//! (the values KTAB prints under "Model Paramaters to run the model").
//! Sources: KTAB `kmodel/libsrc/kmodel.h` (enum names and the
//! `Model` defaults), `examples/smp/libsrc/smp.h` (`SMPModel` defaults,
//! `posTol`) and `smp.cpp` (`configExec`: stopping rule).

use serde::{Deserialize, Serialize};

use crate::prng::KTAB_DEFAULT_SEED;

/// How a difference in utility turns into influence (KTAB `VotingRule`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum VotingRule {
    Binary,
    PropBin,
    Proportional,
    PropCbc,
    Cubic,
    ASymProsp,
}

/// How coalition strengths turn into victory odds (KTAB `VPModel`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum VictoryProbModel {
    Linear,
    Square,
    Quartic,
    Octic,
    Binary,
}

/// How pairwise victory odds become a distribution over options (KTAB `PCEModel`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PceModel {
    Conditional,
    MarkovIncentive,
    MarkovUniform,
}

/// Whether each actor adopts its most likely bargain or draws one (KTAB `StateTransMode`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum StateTransitions {
    Deterministic,
    Stochastic,
}

/// Scale of inferred risk attitudes (KTAB `BigRRange`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum BigRRange {
    /// `[0, 1]`
    Min,
    /// `[-0.5, 1]`
    Mid,
    /// `[-1, 1]`
    Max,
}

/// How far actor h's estimate of i's risk attitude is anchored on h's own (KTAB `BigRAdjust`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum BigRAdjust {
    None,
    OneThird,
    Half,
    TwoThirds,
    Full,
}

/// How far third parties commit in a hypothetical contest (KTAB `ThirdPartyCommit`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ThirdPartyCommit {
    NoCommit,
    SemiCommit,
    FullCommit,
}

/// How a bargain interpolates two positions, dimension by dimension (KTAB `InterVecBrgn`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum InterVecBargain {
    S1P1,
    S2P2,
    S2PMax,
}

/// Whose interpolations become the proposed bargains (KTAB `SMPBargnModel`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum BargainModel {
    InitOnlyInterp,
    InitRcvrInterp,
    PwCompInterp,
}

/// All options of one SMP run. `Default` is KTAB's `smpc --csv` configuration.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SmpConfig {
    pub victory_prob_model: VictoryProbModel,
    pub voting_rule: VotingRule,
    pub pce_model: PceModel,
    pub state_transitions: StateTransitions,
    pub big_r_range: BigRRange,
    pub big_r_adjust: BigRAdjust,
    pub third_party_commit: ThirdPartyCommit,
    pub inter_vec_bargain: InterVecBargain,
    pub bargain_model: BargainModel,
    /// Seed of KTAB's generator. KTAB treats 0 as "draw a random seed"; here
    /// every seed, 0 included, is used as given.
    pub seed: u64,
    /// The run never stops on the fractional-change test before this many steps.
    pub min_iterations: usize,
    /// The run always stops after this many steps.
    pub max_iterations: usize,
    /// Stop when the last step moved less than this fraction of the first step.
    pub min_delta_ratio: f64,
    /// Added to the first step's size to avoid dividing by zero.
    pub min_significant_delta: f64,
    /// Positions closer than this (Euclidean, on the internal `[0,1]` scale) are the same option.
    pub position_tolerance: f64,
}

impl Default for SmpConfig {
    fn default() -> Self {
        Self {
            victory_prob_model: VictoryProbModel::Linear,
            voting_rule: VotingRule::Proportional,
            pce_model: PceModel::Conditional,
            state_transitions: StateTransitions::Deterministic,
            big_r_range: BigRRange::Mid,
            big_r_adjust: BigRAdjust::OneThird,
            third_party_commit: ThirdPartyCommit::SemiCommit,
            inter_vec_bargain: InterVecBargain::S2P2,
            bargain_model: BargainModel::InitOnlyInterp,
            seed: KTAB_DEFAULT_SEED,
            min_iterations: 2,
            max_iterations: 100,
            min_delta_ratio: 0.02,
            min_significant_delta: 1e-4,
            position_tolerance: 1e-3,
        }
    }
}
