//! The Spatial Model of Politics (SMP) of KAPSARC's KTAB toolkit, in Rust.
//!
//! Actors hold positions on one or more policy dimensions, with a capability
//! (how much influence they can bring) and a salience per dimension (how much
//! they care). In each step every actor looks for the rival it can most
//! profitably challenge, proposes a compromise bargain, and every actor then
//! adopts the bargain that the whole group is most likely to back. The run
//! ends when positions stop moving. For every step the model reports each
//! actor's position and the probability that its position prevails.
//!
//! This crate knows nothing of any particular application: it reads KTAB's
//! CSV scenarios and reproduces KTAB (repository KAPSARC/KTAB, mirrored as
//! lsyaseen/KTAB; MIT licence) step by step with KTAB's default settings and
//! seed — the configuration of `smpc --logmin --csv FILE`. See
//! `docs/decision-lab/smp.md` for what is reproduced and how it is checked.
//!
//! ```
//! let csv = "Demo,Three actors,3,1\nActor,Desc,Power,Pos,Sal\n\
//!            A,a,100,10,80\nB,b,60,50,60\nC,c,40,90,70\n";
//! let scenario = sco_smp::Scenario::from_csv_str(csv).unwrap();
//! let run = sco_smp::run(&scenario, &sco_smp::SmpConfig::default()).unwrap();
//! assert!(run.steps() >= 2);
//! assert_eq!(run.final_step().actors.len(), 3);
//! ```

pub mod config;
pub mod engine;
pub mod kernels;
pub mod prng;
pub mod scenario;

pub use config::{
    BargainModel, BigRAdjust, BigRRange, InterVecBargain, PceModel, SmpConfig, StateTransitions,
    ThirdPartyCommit, VictoryProbModel, VotingRule,
};
pub use engine::{
    run, run_with_progress, ActorStep, Adoption, BargainProposal, SmpError, SmpRun, Step,
    StopReason,
};
pub use prng::{KtabPrng, KTAB_DEFAULT_SEED};
pub use scenario::{ActorSpec, InputLocation, ProblemKind, Scenario, ScenarioError};
