//! `sco-scenarios`: the SCO scenarios of the world simulator.
//!
//! Why it exists: the simulation engine (`sco-sim`) is generic and knows nothing of the
//! SCO; the scenarios here do. They read the history ledger (statuses on any date), the
//! real datasets (V-Dem, COW trade) and sourced event files, formalize mechanisms the seed
//! texts describe, and register their models into the engine's [`Registry`] by name, so
//! `sco simulate norms` runs them like any other model. Each scenario also knows how to
//! test itself against history (a hindcast) and write a report.
//!
//! Scenarios:
//! - [`norms`]: the contest of norms in Central Asia (seeds 000 and 002), hindcast
//!   against V-Dem from 2001.
//! - [`world`]: the SCO world model (seeds 000-004): UNGA alignment, trade shares and SCO
//!   statuses from switchable modules, calibrated per origin and scored out of sample.

pub mod error;
pub mod norms;
pub mod world;

use std::sync::{Arc, OnceLock};

use sco_sim::{Registry, Scenario, SimError};

pub use error::ScenarioDataError;
pub use norms::NormsInputs;
pub use world::WorldInputs;

/// The inputs of the `world` scenario from the embedded data, built once per process.
pub fn world_inputs() -> Result<Arc<WorldInputs>, ScenarioDataError> {
    static CELL: OnceLock<Result<Arc<WorldInputs>, String>> = OnceLock::new();
    CELL.get_or_init(|| {
        WorldInputs::embedded()
            .map(Arc::new)
            .map_err(|e| e.to_string())
    })
    .clone()
    .map_err(ScenarioDataError::Missing)
}

/// The inputs of the `norms` scenario from the embedded data, built once per process.
pub fn norms_inputs() -> Result<Arc<NormsInputs>, ScenarioDataError> {
    static CELL: OnceLock<Result<Arc<NormsInputs>, String>> = OnceLock::new();
    CELL.get_or_init(|| {
        NormsInputs::embedded()
            .map(Arc::new)
            .map_err(|e| e.to_string())
    })
    .clone()
    .map_err(ScenarioDataError::Missing)
}

/// Adds every SCO scenario model to a registry.
pub fn register(registry: &mut Registry) -> Result<(), ScenarioDataError> {
    registry.register(norms::entry(norms_inputs()?))?;
    registry.register(world::entry(world_inputs()?))?;
    Ok(())
}

/// The engine's reference models plus the SCO scenarios, with `norms` as the default
/// model (what `sco simulate` runs with no arguments).
pub fn registry() -> Result<Registry, ScenarioDataError> {
    let mut registry = Registry::with_builtin_models();
    register(&mut registry)?;
    registry.set_default(norms::NAME)?;
    Ok(registry)
}

/// Like [`registry`], but the scenarios read SCO statuses from `history` (a ledger other
/// than the embedded one), so a user can ask how an edited history changes a run.
pub fn registry_for_history(
    history: &sco_ledger::History,
) -> Result<(Registry, Arc<NormsInputs>), ScenarioDataError> {
    let inputs = Arc::new(NormsInputs::from_history(history)?);
    let mut registry = Registry::with_builtin_models();
    registry.register(norms::entry(Arc::clone(&inputs)))?;
    registry.register(world::entry(Arc::new(WorldInputs::from_history(history)?)))?;
    registry.set_default(norms::NAME)?;
    Ok((registry, inputs))
}

/// The embedded default scenario of a scenario model (`norms`: the 2001 hindcast), or
/// `None` for a model without one.
pub fn default_scenario(registry: &Registry, model: &str) -> Option<Result<Scenario, SimError>> {
    (model == norms::NAME).then(|| {
        Scenario::from_toml_str(
            registry,
            norms::DEFAULT_SCENARIO,
            norms::DEFAULT_SCENARIO_FILE,
            "norms-hindcast",
        )
    })
}
