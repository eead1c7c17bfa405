//! Scenario `norms`: the contest of norms in Central Asia (seeds 000 and 002).
//!
//! The SCO and the OSCE/EU compete to shape the norms of the Central Asian states:
//! sovereignty, non-interference and regime stability against democracy, human rights and
//! the rule of law. This module holds the model ([`model`]), the data it reads
//! ([`inputs`], [`sources`]), the hindcast against V-Dem with Monte Carlo intervals and
//! baselines ([`hindcast`]) and the written report with fan charts ([`report`], [`chart`]).
//! The ODD protocol is `docs/simulation/norms-odd.md`; results are discussed in
//! `docs/simulation/norms-hindcast.md`.

pub mod chart;
pub mod hindcast;
pub mod inputs;
pub mod model;
pub mod report;
pub mod sources;

use std::sync::Arc;

use sco_sim::ModelEntry;

pub use inputs::NormsInputs;
pub use model::NormsModel;

/// The model's name in the registry.
pub const NAME: &str = "norms";

/// The default scenario file, embedded: the hindcast from 2001 to the last V-Dem year.
pub const DEFAULT_SCENARIO: &str = include_str!("../../../../data/scenarios/norms/norms.toml");
/// Its path in the repository, for error messages.
pub const DEFAULT_SCENARIO_FILE: &str = "data/scenarios/norms/norms.toml";

/// The registry entry of the model, reading the given inputs.
pub fn entry(inputs: Arc<NormsInputs>) -> ModelEntry {
    let specs = model::param_specs(inputs.last_year);
    let steps = (inputs.last_year - inputs.first_year).max(1) as u64;
    let label = inputs.label();
    ModelEntry::new(
        NAME,
        "Contest of norms in Central Asia: V-Dem positions pulled toward the SCO (Russia-China) and Western (EU) poles by engagement, regime insecurity raising the SCO's appeal (seeds 000, 002)",
        specs,
        steps,
        move |params, rng| Ok(Box::new(NormsModel::new(Arc::clone(&inputs), params, rng)?)),
    )
    .with_inputs(label)
    .with_report()
}
