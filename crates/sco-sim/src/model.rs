//! The [`Model`] trait: what a simulation model provides to the engine.
//!
//! Vocabulary follows Mesa (`Model.step`, `running`, model and agent reporters of a
//! `DataCollector`) and krABMaga (`State::update`, `end_condition`), as plain Rust: a model
//! owns its agents and organisations as ordinary fields, the engine calls its phases in
//! order once per step, and asks it to report rows. The engine owns time, seeds and output.

use crate::rng::SimRng;
use crate::value::{Column, Value};

/// What a phase sees besides the model: the step number and the run's generator.
pub struct StepContext<'a> {
    /// The step being executed, starting at 1 (step 0 is the initial state).
    pub step: u64,
    /// The run's only source of randomness.
    pub rng: &'a mut SimRng,
}

/// Agent-level rows reported by a model at one step: one `(agent_id, values)` per agent.
#[derive(Debug, Default)]
pub struct AgentRows {
    pub(crate) ids: Vec<i64>,
    pub(crate) cells: Vec<Value>,
}

impl AgentRows {
    /// Adds the row of one agent; `values` follow [`Model::agent_columns`].
    pub fn push(&mut self, agent_id: i64, values: impl IntoIterator<Item = Value>) {
        self.ids.push(agent_id);
        self.cells.extend(values);
    }

    /// Number of rows reported.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// True when no agent reported.
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    pub(crate) fn clear(&mut self) {
        self.ids.clear();
        self.cells.clear();
    }
}

/// A simulation model stepped in discrete time.
///
/// One step runs every phase in [`Model::phases`] order. The engine collects the initial
/// state as step 0, then calls the phases of steps 1, 2, ... while [`Model::running`] is
/// true and the step limit is not reached, collecting rows as the scenario asks, and finally
/// reads [`Model::outputs`].
///
/// Models must draw all randomness from `ctx.rng` and must not depend on hash-map iteration
/// order, wall-clock time or threads: then a seed fully determines a run.
pub trait Model: Send {
    /// Names of the phases of one step, in execution order (e.g. `["decide", "apply"]` for
    /// simultaneous updating). Default: a single phase called `step`.
    fn phases(&self) -> &[&'static str] {
        &["step"]
    }

    /// Runs phase number `phase` (an index into [`Model::phases`]) of step `ctx.step`.
    fn run_phase(&mut self, phase: usize, ctx: &mut StepContext<'_>);

    /// False once the model reached its end condition (Mesa's `running`).
    fn running(&self) -> bool {
        true
    }

    /// Columns of the model-step table (the engine adds `seed` and `step` in front).
    fn model_columns(&self) -> Vec<Column>;

    /// Pushes one value per [`Model::model_columns`] entry describing the current state.
    fn report_model(&self, row: &mut Vec<Value>);

    /// Columns of the agent-step table (the engine adds `seed`, `step`, `agent_id`); empty
    /// when the model has no agent-level data.
    fn agent_columns(&self) -> Vec<Column> {
        Vec::new()
    }

    /// Reports one row per agent describing the current state.
    fn report_agents(&self, _rows: &mut AgentRows) {}

    /// Columns of the final outputs of a run (what sweeps summarise).
    fn output_columns(&self) -> Vec<Column>;

    /// Pushes one value per [`Model::output_columns`] entry, read after the last step.
    fn outputs(&self, row: &mut Vec<Value>);
}
