//! Running one scenario with one seed: the engine's core loop and its two front doors.
//!
//! [`run`] is a pure function, `(scenario, seed) -> results` held in memory, meant for tests
//! and for bindings (e.g. Python, for the EMA Workbench). [`simulate_to_dir`] runs the same
//! loop but streams the tables to Parquet and CSV files and writes a metadata JSON beside
//! them. Both use [`Run`], which sweeps use too, so every path shares one definition of a
//! step.

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::error::SimError;
use crate::model::{AgentRows, Model, StepContext};
use crate::registry::Registry;
use crate::rng::{rng_from_seed, SimRng, MAX_SEED};
use crate::scenario::{CollectSpec, Scenario};
use crate::table::{remove_temp_files, write_atomic, RowSink, Table, TableWriter};
use crate::value::{Column, Value};

/// The engine's name and version, recorded in every output.
pub const ENGINE: &str = concat!("sco-sim ", env!("CARGO_PKG_VERSION"));

/// The code version recorded in outputs: the package version, plus the commit when the
/// build sets `SCO_GIT_COMMIT`.
pub fn code_version() -> String {
    match option_env!("SCO_GIT_COMMIT") {
        Some(commit) if !commit.is_empty() => format!("{} ({commit})", env!("CARGO_PKG_VERSION")),
        _ => env!("CARGO_PKG_VERSION").to_owned(),
    }
}

/// How a run ended and what it produced.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RunOutcome {
    /// The run's seed.
    pub seed: u64,
    /// Steps executed.
    pub steps: u64,
    /// True when the model reached its end condition, false when the step limit stopped it.
    pub stopped_by_model: bool,
    /// Output columns.
    pub output_columns: Vec<Column>,
    /// Output values, one per column.
    pub outputs: Vec<Value>,
}

impl RunOutcome {
    /// An output by name.
    pub fn output(&self, name: &str) -> Option<&Value> {
        self.output_columns
            .iter()
            .position(|c| c.name == name)
            .map(|i| &self.outputs[i])
    }

    /// The outputs as a JSON object.
    pub fn outputs_json(&self) -> serde_json::Value {
        serde_json::Value::Object(
            self.output_columns
                .iter()
                .zip(&self.outputs)
                .map(|(c, v)| (c.name.clone(), v.to_json()))
                .collect(),
        )
    }
}

/// A model built for one seed, ready to execute.
pub struct Run {
    model_name: String,
    model: Box<dyn Model>,
    rng: SimRng,
    seed: u64,
    max_steps: u64,
    collect: CollectSpec,
}

impl Run {
    /// Builds the scenario's model in its initial state for `seed`.
    pub fn start(registry: &Registry, scenario: &Scenario, seed: u64) -> Result<Run, SimError> {
        if seed > MAX_SEED {
            return Err(SimError::SweepInput(format!(
                "seed {seed} is too large: seeds go up to {MAX_SEED}"
            )));
        }
        let entry = registry.lookup(&scenario.model)?;
        let mut rng = rng_from_seed(seed);
        let model = (entry.build)(&scenario.params, &mut rng)?;
        Ok(Run {
            model_name: entry.name.clone(),
            model,
            rng,
            seed,
            max_steps: scenario.max_steps,
            collect: scenario.collect,
        })
    }

    /// Columns of the model-step table: `seed`, `step`, then the model's.
    pub fn model_step_columns(&self) -> Vec<Column> {
        let mut columns = vec![
            Column::int("seed", "seed of the run"),
            Column::int("step", "step number (0 = initial state)"),
        ];
        columns.extend(self.model.model_columns());
        columns
    }

    /// Columns of the agent-step table, or `None` when the model reports no agent data or
    /// the scenario does not collect it.
    pub fn agent_step_columns(&self) -> Option<Vec<Column>> {
        let own = self.model.agent_columns();
        if own.is_empty() || self.collect.agents_every == 0 {
            return None;
        }
        let mut columns = vec![
            Column::int("seed", "seed of the run"),
            Column::int("step", "step number (0 = initial state)"),
            Column::int("agent_id", "agent identifier, stable within a run"),
        ];
        columns.extend(own);
        Some(columns)
    }

    /// Columns of the final outputs.
    pub fn output_columns(&self) -> Vec<Column> {
        self.model.output_columns()
    }

    /// Executes the run to its end, writing model-step rows to `model_sink` and agent-step
    /// rows to `agent_sink` (either may be `None` to record nothing).
    pub fn execute(
        mut self,
        mut model_sink: Option<&mut dyn RowSink>,
        mut agent_sink: Option<&mut dyn RowSink>,
    ) -> Result<RunOutcome, SimError> {
        let seed = self.seed as i64;
        let mut row: Vec<Value> = Vec::new();
        let mut agents = AgentRows::default();
        let agents_every = if agent_sink.is_some() {
            self.collect.agents_every
        } else {
            0
        };
        let model_every = self.collect.model_every;

        let mut collect = |model: &dyn Model,
                           step: u64,
                           want_model: bool,
                           want_agents: bool,
                           model_sink: &mut Option<&mut dyn RowSink>,
                           agent_sink: &mut Option<&mut dyn RowSink>|
         -> Result<(), SimError> {
            if want_model {
                if let Some(sink) = model_sink.as_deref_mut() {
                    row.clear();
                    row.push(Value::Int(seed));
                    row.push(Value::Int(step as i64));
                    model.report_model(&mut row);
                    sink.push_row(&row)?;
                }
            }
            if want_agents {
                if let Some(sink) = agent_sink.as_deref_mut() {
                    agents.clear();
                    model.report_agents(&mut agents);
                    let width = if agents.ids.is_empty() {
                        0
                    } else {
                        agents.cells.len() / agents.ids.len()
                    };
                    for (i, id) in agents.ids.iter().enumerate() {
                        row.clear();
                        row.extend([Value::Int(seed), Value::Int(step as i64), Value::Int(*id)]);
                        row.extend_from_slice(&agents.cells[i * width..(i + 1) * width]);
                        sink.push_row(&row)?;
                    }
                }
            }
            Ok(())
        };

        collect(
            self.model.as_ref(),
            0,
            true,
            agents_every > 0,
            &mut model_sink,
            &mut agent_sink,
        )?;
        let (mut last_model, mut last_agents) = (0u64, 0u64);
        let phases = self.model.phases().len();
        let mut step = 0u64;
        while step < self.max_steps && self.model.running() {
            step += 1;
            let mut ctx = StepContext {
                step,
                rng: &mut self.rng,
            };
            for phase in 0..phases {
                self.model.run_phase(phase, &mut ctx);
            }
            let want_model = model_every > 0 && step.is_multiple_of(model_every);
            let want_agents = agents_every > 0 && step.is_multiple_of(agents_every);
            if want_model || want_agents {
                collect(
                    self.model.as_ref(),
                    step,
                    want_model,
                    want_agents,
                    &mut model_sink,
                    &mut agent_sink,
                )?;
                if want_model {
                    last_model = step;
                }
                if want_agents {
                    last_agents = step;
                }
            }
        }
        let final_model = last_model != step;
        let final_agents = agents_every > 0 && last_agents != step;
        if final_model || final_agents {
            collect(
                self.model.as_ref(),
                step,
                final_model,
                final_agents,
                &mut model_sink,
                &mut agent_sink,
            )?;
        }

        let output_columns = self.model.output_columns();
        let mut outputs = Vec::with_capacity(output_columns.len());
        self.model.outputs(&mut outputs);
        let mut check = Table::new(output_columns.clone());
        check.push_row(&outputs).map_err(|e| SimError::Schema {
            model: self.model_name.clone(),
            message: format!("outputs: {e}"),
        })?;
        Ok(RunOutcome {
            seed: self.seed,
            steps: step,
            stopped_by_model: !self.model.running(),
            output_columns,
            outputs,
        })
    }
}

/// Everything one run produced, in memory.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RunResults {
    /// The metadata that [`simulate_to_dir`] writes as `metadata.json`.
    pub metadata: serde_json::Value,
    /// Model-step table.
    pub model_steps: Table,
    /// Agent-step table, when collected.
    pub agent_steps: Option<Table>,
    /// Final outputs.
    pub outcome: RunOutcome,
}

/// Runs a scenario with a seed and returns all results in memory. Pure: the same scenario
/// and seed always give equal results, and nothing is read or written.
pub fn run(registry: &Registry, scenario: &Scenario, seed: u64) -> Result<RunResults, SimError> {
    let run = Run::start(registry, scenario, seed)?;
    let mut model_steps = Table::new(run.model_step_columns());
    let mut agent_steps = run.agent_step_columns().map(Table::new);
    let outcome = run.execute(
        Some(&mut model_steps),
        agent_steps.as_mut().map(|t| t as &mut dyn RowSink),
    )?;
    let tables = vec![(
        "model_steps",
        &model_steps.columns,
        model_steps.len() as u64,
    )]
    .into_iter()
    .chain(
        agent_steps
            .as_ref()
            .map(|t| ("agent_steps", &t.columns, t.len() as u64)),
    )
    .collect::<Vec<_>>();
    let metadata = run_metadata(
        registry.lookup(&scenario.model)?.inputs.as_deref(),
        scenario,
        &outcome,
        &tables,
    );
    Ok(RunResults {
        metadata,
        model_steps,
        agent_steps,
        outcome,
    })
}

/// The metadata of a run: scenario, parameters, the model's data (`inputs`), seed, code
/// version, outputs, table schemas.
pub fn run_metadata(
    inputs: Option<&str>,
    scenario: &Scenario,
    outcome: &RunOutcome,
    tables: &[(&str, &Vec<Column>, u64)],
) -> serde_json::Value {
    serde_json::json!({
        "engine": ENGINE,
        "code_version": code_version(),
        "scenario": {
            "name": scenario.name,
            "description": scenario.description,
            "model": scenario.model,
            "params": scenario.params.to_json(),
            "max_steps": scenario.max_steps,
            "collect": scenario.collect,
        },
        "inputs": inputs,
        "seed": outcome.seed,
        "steps": outcome.steps,
        "stopped_by_model": outcome.stopped_by_model,
        "outputs": outcome.outputs_json(),
        "tables": tables.iter().map(|(name, columns, rows)| serde_json::json!({
            "name": name,
            "files": [format!("{name}.parquet"), format!("{name}.csv")],
            "rows": rows,
            "columns": columns,
        })).collect::<Vec<_>>(),
    })
}

/// What [`simulate_to_dir`] wrote.
#[derive(Debug, Clone, PartialEq)]
pub struct RunReport {
    /// How the run ended.
    pub outcome: RunOutcome,
    /// Files written, metadata last.
    pub files: Vec<PathBuf>,
    /// Rows of the model-step table.
    pub model_rows: u64,
    /// Rows of the agent-step table (0 when not collected).
    pub agent_rows: u64,
}

/// Runs a scenario with a seed, streaming `model_steps` and `agent_steps` tables (Parquet
/// and CSV) into `dir` and writing `metadata.json` last. Every file is written under a
/// temporary name and renamed when complete, so a present `metadata.json` means a complete
/// run.
pub fn simulate_to_dir(
    registry: &Registry,
    scenario: &Scenario,
    seed: u64,
    dir: &Path,
) -> Result<RunReport, SimError> {
    std::fs::create_dir_all(dir).map_err(|e| SimError::io(dir, e))?;
    remove_temp_files(dir)?;
    let metadata_path = dir.join("metadata.json");
    if metadata_path.exists() {
        // A stale metadata file must not vouch for tables being rewritten.
        std::fs::remove_file(&metadata_path).map_err(|e| SimError::io(&metadata_path, e))?;
    }
    let run = Run::start(registry, scenario, seed)?;
    let model_columns = run.model_step_columns();
    let agent_columns = run.agent_step_columns();
    let mut model_writer =
        TableWriter::create(dir, "model_steps", &scenario.model, model_columns.clone())?;
    let mut agent_writer = match &agent_columns {
        Some(columns) => Some(TableWriter::create(
            dir,
            "agent_steps",
            &scenario.model,
            columns.clone(),
        )?),
        None => None,
    };
    let outcome = run.execute(
        Some(&mut model_writer),
        agent_writer.as_mut().map(|w| w as &mut dyn RowSink),
    )?;
    let model_rows = model_writer.rows();
    let agent_rows = agent_writer.as_ref().map(|w| w.rows()).unwrap_or(0);
    let mut tables = vec![("model_steps", &model_columns, model_rows)];
    if let Some(columns) = &agent_columns {
        tables.push(("agent_steps", columns, agent_rows));
    }
    let metadata = run_metadata(
        registry.lookup(&scenario.model)?.inputs.as_deref(),
        scenario,
        &outcome,
        &tables,
    );
    let metadata_text =
        serde_json::to_string_pretty(&metadata).map_err(|e| SimError::format(&metadata_path, e))?;
    let mut files = Vec::new();
    let model_files = model_writer.finish(&metadata_text)?;
    files.push(model_files.parquet);
    files.extend(model_files.csv);
    if let Some(writer) = agent_writer {
        let agent_files = writer.finish(&metadata_text)?;
        files.push(agent_files.parquet);
        files.extend(agent_files.csv);
    }
    write_atomic(&metadata_path, format!("{metadata_text}\n").as_bytes())?;
    files.push(metadata_path);
    Ok(RunReport {
        outcome,
        files,
        model_rows,
        agent_rows,
    })
}
