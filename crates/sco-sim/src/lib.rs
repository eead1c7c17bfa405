//! `sco-sim`: a generic agent-based simulation engine. It knows nothing of the SCO.
//!
//! Why it exists: the SCO Twin's scenario models need seeded, reproducible runs, tidy
//! output that analysis tools can read (Parquet and CSV), and sweeps over parameters and
//! seeds that use every core, resume after interruption and split across cluster jobs.
//! This crate provides that machinery once, proved on published reference models.
//!
//! The pieces, in the order a run uses them:
//! - [`Model`] (in [`model`]): a model steps through ordered phases and reports model-level
//!   rows, agent-level rows and final outputs. [`Activation`] / [`Scheduler`] give explicit
//!   activation orders.
//! - [`Registry`] / [`ModelEntry`]: models by name, with typed [`ParamSpec`]s. The
//!   reference models `culture` (Axelrod 1997), `schelling` (Schelling 1971, Mesa's rules)
//!   and `unanimity` (exact consensus probabilities) are built in.
//! - [`Scenario`]: model + parameters + step limit + what to collect, from defaults or a
//!   TOML file with errors that name file, line and field.
//! - [`run()`]: the pure function `(scenario, seed) -> results`; [`simulate_to_dir`] streams
//!   the same run to Parquet/CSV plus `metadata.json`.
//! - [`run_sweep`] / [`merge`]: grids and design tables × seed lists, in parallel, in
//!   atomic chunks with a manifest, resumable, shardable.
//!
//! Determinism: every random draw comes from the run's [`SimRng`] seeded by the run's
//! seed; replication seeds come from [`derive_seeds`]; chunking never depends on the thread
//! count. So the same scenario and seeds give byte-identical files on any number of threads.
//! See `docs/simulation/engine.md` for the design, schemas and guarantees.

pub mod error;
pub mod model;
pub mod models;
pub mod params;
pub mod progress;
pub mod registry;
pub mod rng;
pub mod run;
pub mod scenario;
pub mod schedule;
pub mod stats;
pub mod sweep;
pub mod table;
pub mod value;

pub use error::{ScenarioError, SimError};
pub use model::{AgentRows, Model, StepContext};
pub use params::{ParamError, ParamKind, ParamSet, ParamSpec};
pub use progress::{NoProgress, Progress};
pub use registry::{ModelEntry, Registry, RegistryError};
pub use rng::{derive_seed, derive_seeds, rng_from_seed, SimRng, MAX_SEED};
pub use run::{run, simulate_to_dir, Run, RunOutcome, RunReport, RunResults};
pub use scenario::{CollectSpec, Scenario};
pub use schedule::{Activation, Scheduler};
pub use stats::{summarize, Summary};
pub use sweep::{
    merge, run_sweep, sweep_in_memory, Design, PointSummary, Shard, SweepOutcome, SweepPlan,
    SweepSpec,
};
pub use table::{ColumnData, RowSink, Table, TableWriter};
pub use value::{Column, Value, ValueType};
