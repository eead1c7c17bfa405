//! The simulator from Python: one run (`sco simulate`) and a sweep (`sco sweep`) of any model
//! the CLI knows (the engine's reference models and the SCO scenarios), returned as typed
//! columns that the Python side turns into pandas DataFrames, as Mesa's `batch_run` does.
//!
//! Why here: the EMA Workbench and SALib drive models from Python, so researchers need the
//! simulator as a Python function. The runs themselves are `sco-sim`'s (`run`,
//! `sweep_in_memory`): the same plan gives the same rows as `sco sweep`'s `runs.parquet`.
//! The GIL is released while models run; a sweep runs on a worker thread while the calling
//! thread waits without the GIL and checks for Ctrl-C every twentieth of a second, so
//! `KeyboardInterrupt` stops the sweep within one run per thread. Progress is an indicatif bar
//! on stderr when the caller asks for it (the Python side asks when stderr is a terminal).

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::OnceLock;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use pyo3::prelude::*;
use pyo3::types::PyDict;
use sco_sim::params::parse_assignment_list;
use sco_sim::{
    derive_seeds, ColumnData, Design, Progress, Registry, Scenario, SimError, SweepSpec, Table,
    MAX_SEED,
};

use crate::bad_input;

pub(crate) fn register(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add_function(wrap_pyfunction!(simulate_columns, module)?)?;
    module.add_function(wrap_pyfunction!(sweep_columns, module)?)?;
    module.add_function(wrap_pyfunction!(simulation_models_json, module)?)?;
    Ok(())
}

/// The models `sco simulate` knows, built once per process (the SCO scenarios read their
/// embedded data when registered).
fn registry() -> PyResult<&'static Registry> {
    static REGISTRY: OnceLock<Result<Registry, String>> = OnceLock::new();
    REGISTRY
        .get_or_init(|| sco_scenarios::registry().map_err(|e| e.to_string()))
        .as_ref()
        .map_err(|e| pyo3::exceptions::PyRuntimeError::new_err(e.clone()))
}

/// A scenario by model name or TOML file, as `sco simulate NAME` loads it (the default scenario
/// of a model that embeds one).
fn scenario(registry: &Registry, name: &str) -> PyResult<Scenario> {
    match sco_scenarios::default_scenario(registry, name) {
        Some(loaded) => loaded.map_err(bad_input),
        None => Scenario::load(registry, name).map_err(bad_input),
    }
}

fn sim_error(error: SimError) -> PyErr {
    match error {
        SimError::Cancelled => pyo3::exceptions::PyKeyboardInterrupt::new_err(error.to_string()),
        error if error.is_bad_input() => bad_input(error),
        error => pyo3::exceptions::PyRuntimeError::new_err(error.to_string()),
    }
}

/// A table as a dict of column name to Python list, with the names in order under `"order"`.
fn table_dict<'py>(py: Python<'py>, table: &Table) -> PyResult<Bound<'py, PyDict>> {
    let columns = PyDict::new(py);
    for (index, column) in table.columns.iter().enumerate() {
        match table.column(index) {
            ColumnData::Int(v) => columns.set_item(&column.name, v)?,
            ColumnData::Float(v) => columns.set_item(&column.name, v)?,
            ColumnData::Bool(v) => columns.set_item(&column.name, v)?,
            ColumnData::Text(v) => columns.set_item(&column.name, v)?,
        }
    }
    let result = PyDict::new(py);
    result.set_item("columns", columns)?;
    let order: Vec<&str> = table.columns.iter().map(|c| c.name.as_str()).collect();
    result.set_item("order", order)?;
    Ok(result)
}

/// `sco simulate --list --json`: every model with its parameters.
#[pyfunction]
fn simulation_models_json() -> PyResult<String> {
    let registry = registry()?;
    let models: Vec<serde_json::Value> = registry
        .entries()
        .iter()
        .map(|entry| {
            serde_json::json!({
                "name": entry.name,
                "summary": entry.summary,
                "default_max_steps": entry.default_max_steps,
                "params": entry.params.iter().map(|p| serde_json::json!({
                    "name": p.name,
                    "default": p.default.to_json(),
                    "allowed": p.kind.describe(),
                    "doc": p.doc,
                    "source": p.source,
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    crate::to_json(&models)
}

/// One run: `sco simulate NAME --set K=V... --seed S`, returned in memory as
/// `{"model_steps": table, "agent_steps": table or None, "outputs": {...}, "metadata": json}`.
#[pyfunction]
#[pyo3(signature = (name, sets=vec![], seed=1, steps=None, model_every=None, agents_every=None))]
fn simulate_columns<'py>(
    py: Python<'py>,
    name: &str,
    sets: Vec<String>,
    seed: u64,
    steps: Option<u64>,
    model_every: Option<u64>,
    agents_every: Option<u64>,
) -> PyResult<Bound<'py, PyDict>> {
    let registry = registry()?;
    let mut scenario = scenario(registry, name)?;
    scenario.apply_sets(registry, &sets).map_err(sim_error)?;
    if let Some(steps) = steps {
        if steps == 0 {
            return Err(bad_input("steps: must be at least 1"));
        }
        scenario.max_steps = steps;
    }
    if let Some(every) = model_every {
        scenario.collect.model_every = every;
    }
    if let Some(every) = agents_every {
        scenario.collect.agents_every = every;
    }
    if seed > MAX_SEED {
        return Err(bad_input(format!(
            "seed {seed} is too large: seeds go up to {MAX_SEED}"
        )));
    }
    let results = py
        .detach(|| sco_sim::run(registry, &scenario, seed))
        .map_err(sim_error)?;
    let result = PyDict::new(py);
    result.set_item("model_steps", table_dict(py, &results.model_steps)?)?;
    match &results.agent_steps {
        Some(table) => result.set_item("agent_steps", table_dict(py, table)?)?,
        None => result.set_item("agent_steps", py.None())?,
    }
    result.set_item("outputs", results.outcome.outputs_json().to_string())?;
    result.set_item("metadata", results.metadata.to_string())?;
    Ok(result)
}

/// Progress of a sweep run from Python: a bar on stderr (when asked) and the Ctrl-C flag.
struct PyProgress {
    bar: Option<ProgressBar>,
    cancel: AtomicBool,
}

impl Progress for PyProgress {
    fn start(&self, total: u64, done: u64) {
        if let Some(bar) = &self.bar {
            bar.set_length(total);
            bar.set_position(done);
        }
    }
    fn advance(&self, runs: u64) {
        if let Some(bar) = &self.bar {
            bar.inc(runs);
        }
    }
    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
    fn cancelled(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }
}

/// A sweep: `sco sweep NAME --set K=V... --set K=A,B,C... [--design] --runs R --seed S`, in
/// memory. `sets` fix parameters (`k=v`) or vary them (`k=a,b,c`), `design_csv` is the text of
/// a design table (header = parameter names). Returns `{"runs": table, "plan": json}`.
#[pyfunction]
#[pyo3(signature = (name, sets=vec![], design_csv=None, runs=10, seed=1, threads=None, steps=None, progress=false))]
#[allow(clippy::too_many_arguments)]
fn sweep_columns<'py>(
    py: Python<'py>,
    name: &str,
    sets: Vec<String>,
    design_csv: Option<String>,
    runs: u64,
    seed: u64,
    threads: Option<usize>,
    steps: Option<u64>,
    progress: bool,
) -> PyResult<Bound<'py, PyDict>> {
    let registry = registry()?;
    let mut scenario = scenario(registry, name)?;
    let entry = registry.lookup(&scenario.model).map_err(bad_input)?.clone();
    let mut grid = Vec::new();
    for text in &sets {
        let (name, values) = parse_assignment_list(&entry.params, text).map_err(bad_input)?;
        grid.retain(|(n, _): &(String, _)| *n != name);
        if let [single] = values.as_slice() {
            scenario
                .params
                .set(&entry.params, &name, single.clone())
                .map_err(bad_input)?;
        } else {
            grid.push((name, values));
        }
    }
    grid.sort_by_key(|(name, _)| entry.params.iter().position(|p| &p.name == name));
    if let Some(steps) = steps {
        if steps == 0 {
            return Err(bad_input("steps: must be at least 1"));
        }
        scenario.max_steps = steps;
    }
    if runs == 0 || runs > 1_000_000 {
        return Err(bad_input(format!(
            "runs: {runs} replications per combination; give 1 to 1000000"
        )));
    }
    if seed > MAX_SEED {
        return Err(bad_input(format!(
            "seed {seed} is too large: seeds go up to {MAX_SEED}"
        )));
    }
    if threads == Some(0) {
        return Err(bad_input("threads: must be at least 1"));
    }
    let design = match &design_csv {
        Some(text) => Some(Design::from_csv_str(&entry, text, "<design>").map_err(sim_error)?),
        None => None,
    };
    let spec = SweepSpec {
        scenario,
        grid,
        design,
        seeds: derive_seeds(seed, runs),
        master_seed: Some(seed),
        chunk_size: None,
    };
    let bar = progress.then(|| {
        let bar = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::stderr());
        if let Ok(style) =
            ProgressStyle::with_template("{bar:40} {pos}/{len} runs, {per_sec}, {eta} left")
        {
            bar.set_style(style);
        }
        bar
    });
    let progress = PyProgress {
        bar,
        cancel: AtomicBool::new(false),
    };
    let outcome = std::thread::scope(|scope| -> PyResult<_> {
        let worker = scope.spawn(|| sco_sim::sweep_in_memory(registry, &spec, threads, &progress));
        while !worker.is_finished() {
            py.detach(|| std::thread::sleep(Duration::from_millis(50)));
            if let Err(interrupt) = py.check_signals() {
                progress.cancel.store(true, Ordering::Relaxed);
                let _ = py.detach(|| worker.join());
                if let Some(bar) = &progress.bar {
                    bar.abandon();
                }
                return Err(interrupt);
            }
        }
        py.detach(|| worker.join())
            .map_err(|_| pyo3::exceptions::PyRuntimeError::new_err("the sweep's thread panicked"))
    })?;
    let (plan, table) = outcome.map_err(sim_error)?;
    let result = PyDict::new(py);
    result.set_item("runs", table_dict(py, &table)?)?;
    result.set_item("plan", plan.to_json())?;
    Ok(result)
}
