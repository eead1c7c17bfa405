//! Scenario `world`: the SCO world model. The seeds' mechanisms as switchable modules,
//! calibrated at each forecast origin on the data before it, and judged out of sample
//! against persistence, a linear trend and an AR(1) per state.
//!
//! Why it exists: the `norms` scenario models one mechanism on a democracy index that
//! hardly moves, and its own hindcast rejects it. The seeds' claims are about what states do
//! internationally: how they vote, whom they trade with, which statuses they seek. This
//! scenario forecasts exactly those observables (UNGA ideal points and agreement with
//! China, Russia and the United States; trade shares with China, Russia and the West; SCO
//! status) for the 29 states of the SCO's orbit.
//!
//! The parts: [`inputs`] (the state-year tables), [`params`] (parameters with their seed
//! passages, module switches), [`sim`] (the yearly step) and one file per module:
//! [`alignment`], [`expansion`], [`regime_security`], [`finance`], [`division_of_labour`],
//! [`multi_vector`], [`layering`], [`cohesion`]. Then [`calibrate`] (approximate Bayesian
//! computation at an origin), [`evaluate`] (rolling-origin scores against baselines),
//! [`hindcast`] (the default hindcast, ablations and counterfactuals), [`report`] (the written
//! report with fan charts) and [`model`] (the engine's model). The ODD+D description is
//! `docs/simulation/world-odd.md`; results are in `docs/simulation/world.md`.

pub mod alignment;
pub mod calibrate;
pub mod cohesion;
pub mod division_of_labour;
pub mod evaluate;
pub mod expansion;
pub mod finance;
pub mod hindcast;
pub mod inputs;
pub mod layering;
pub mod loso;
pub mod model;
pub mod multi_vector;
pub mod params;
pub mod regime_security;
pub mod report;
pub mod sim;
pub mod view;

use std::sync::Arc;

use sco_sim::ModelEntry;

pub use calibrate::Calibration;
pub use inputs::WorldInputs;

/// The model's name in the registry.
pub const NAME: &str = "world";

/// The stored calibrations, embedded: (file name, text).
pub const STORED_CALIBRATIONS: [(&str, &str); 4] = [
    (
        "data/calibrations/world/origin-2008.json",
        include_str!("../../../../data/calibrations/world/origin-2008.json"),
    ),
    (
        "data/calibrations/world/origin-2012.json",
        include_str!("../../../../data/calibrations/world/origin-2012.json"),
    ),
    (
        "data/calibrations/world/origin-2016.json",
        include_str!("../../../../data/calibrations/world/origin-2016.json"),
    ),
    (
        "data/calibrations/world/origin-2020.json",
        include_str!("../../../../data/calibrations/world/origin-2020.json"),
    ),
];

/// The stored calibrations, parsed.
pub fn stored_calibrations() -> Result<Vec<Calibration>, String> {
    STORED_CALIBRATIONS
        .iter()
        .map(|(file, text)| Calibration::from_json(file, text))
        .collect()
}

/// The registry entry of the model.
pub fn entry(inputs: Arc<WorldInputs>) -> ModelEntry {
    ModelEntry::new(
        NAME,
        "The SCO world model: UNGA alignment, trade shares and SCO statuses of 29 states from switchable modules (alignment, expansion, regime security, finance, division of labour, multi-vector, layering, cohesion), seeds 000-004",
        model::param_specs(),
        (inputs::LAST_YEAR - 2001) as u64,
        move |params, rng| Ok(Box::new(model::WorldModel::new(Arc::clone(&inputs), params, rng)?)),
    )
}
