//! The world model as one document for readers: the hindcast's fan charts per target and state,
//! and a counterfactual history side by side with its baseline (the dashboard's world view,
//! `GET /api/scenarios/world/hindcast`).
//!
//! Why a document of its own: `sco simulate world` writes a report to disk with charts and skill
//! tables; a reader in a browser needs the same bands as data, a bounded number of runs so that a
//! public server stays responsive, and the counterfactual's arms with the same seeds so that the
//! difference shown is the counterfactual's and not Monte Carlo noise. The hindcast uses the
//! latest stored calibration, so up to its origin it is in sample: an illustration of what the
//! model does, not a test of it. The out-of-sample test is `sco evaluate world`.

use std::ops::RangeInclusive;

use serde::Serialize;

use super::hindcast::{
    arms, bands, counterfactual, differences, run, Band, Counterfactual, Difference,
    HindcastOptions, COUNTERFACTUALS,
};
use super::inputs::{Role, WorldInputs, LAST_YEAR, TARGETS};
use super::sim::{Overrides, StatusMode};
use super::Calibration;

/// The runs a reader may ask for (`sco simulate world --runs` allows any number).
pub const VIEW_RUNS: RangeInclusive<u64> = 10..=200;

/// The runs when none are asked for.
pub const DEFAULT_VIEW_RUNS: u64 = 50;

/// The states outside Central Asia whose bands the view and the report show: every state that
/// held or sought an SCO status in the model and is not a pole.
pub const SHOWN_OUTSIDE_CENTRAL_ASIA: [&str; 7] = ["IND", "PAK", "IRN", "BLR", "MNG", "TUR", "AFG"];

/// The states shown: Central Asia and [`SHOWN_OUTSIDE_CENTRAL_ASIA`], in the model's order.
pub fn shown_states(inputs: &WorldInputs) -> Vec<usize> {
    (0..inputs.states.len())
        .filter(|&s| {
            inputs.states[s].role == Role::CentralAsia
                || SHOWN_OUTSIDE_CENTRAL_ASIA.contains(&inputs.states[s].iso3.as_str())
        })
        .collect()
}

/// What a reader asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ViewRequest {
    /// Monte Carlo runs, within [`VIEW_RUNS`].
    pub runs: u64,
    /// Master seed of the runs.
    pub master_seed: u64,
    /// A counterfactual by name ([`COUNTERFACTUALS`]), or the plain hindcast.
    pub counterfactual: Option<String>,
}

impl Default for ViewRequest {
    fn default() -> Self {
        ViewRequest {
            runs: DEFAULT_VIEW_RUNS,
            master_seed: HindcastOptions::default().master_seed,
            counterfactual: None,
        }
    }
}

/// Why a request cannot be answered: the reader's mistake, or the model's failure.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ViewError {
    /// Runs outside [`VIEW_RUNS`].
    #[error("parameter `runs`: {0} is outside {lo}..={hi} (`sco simulate world --runs` allows more)", lo = VIEW_RUNS.start(), hi = VIEW_RUNS.end())]
    Runs(u64),
    /// No counterfactual of that name.
    #[error("no counterfactual named `{name}`: the counterfactuals are {known}")]
    UnknownCounterfactual { name: String, known: String },
    /// The simulation failed.
    #[error("the world model failed: {0}")]
    Model(String),
}

/// A target as the view labels it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TargetInfo {
    /// The name in bands (`agree_chn`, ...).
    pub name: &'static str,
    /// Where its observed values come from.
    pub source: &'static str,
    /// The last year with an observed value for any state.
    pub observed_through: Option<i32>,
}

/// A state shown, with its place in the model.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StateInfo {
    pub iso3: String,
    pub name: String,
    pub role: Role,
}

/// A counterfactual beside its baseline.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CounterfactualView {
    pub counterfactual: Counterfactual,
    /// The counterfactual's bands, same states and targets as `baseline`.
    pub bands: Vec<Band>,
    /// Paired differences (counterfactual minus baseline) of the seeds' measures, with 90 %
    /// intervals.
    pub differences: Vec<Difference>,
}

/// The document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WorldView {
    pub scenario: &'static str,
    pub what: &'static str,
    /// Which stored calibration the parameter draws come from.
    pub calibration: String,
    pub runs: u64,
    pub master_seed: u64,
    pub start_year: i32,
    pub end_year: i32,
    pub targets: Vec<TargetInfo>,
    pub states: Vec<StateInfo>,
    pub counterfactuals: &'static [Counterfactual],
    /// How the baseline's statuses are set: `endogenous` (the expansion module decides them) for
    /// the plain hindcast, `ledger` (held on the ledger's path) beside a counterfactual, so that
    /// the comparison isolates the change.
    pub baseline_statuses: &'static str,
    /// Bands per target and state.
    pub baseline: Vec<Band>,
    pub counterfactual: Option<CounterfactualView>,
}

const WHAT: &str = "The SCO world model (seeds 000-004): UN General Assembly alignment, trade shares and SCO statuses of the states around the SCO, simulated from 2001 with parameters drawn from the latest stored calibration. Up to that calibration's origin the hindcast is in sample, an illustration rather than a test; the out-of-sample skill against persistence, trend and AR(1) is `sco evaluate world` (docs/simulation/world.md), which also says on which targets the model fails to beat them.";

/// Builds the view: the hindcast, or a counterfactual and its baseline with the same seeds.
pub fn world_view(
    inputs: &WorldInputs,
    calibrations: &[Calibration],
    request: &ViewRequest,
) -> Result<WorldView, ViewError> {
    if !VIEW_RUNS.contains(&request.runs) {
        return Err(ViewError::Runs(request.runs));
    }
    let cf = match request.counterfactual.as_deref() {
        None => None,
        Some(name) => Some(counterfactual(name).ok_or_else(|| {
            ViewError::UnknownCounterfactual {
                name: name.to_string(),
                known: COUNTERFACTUALS
                    .iter()
                    .map(|c| c.name)
                    .collect::<Vec<_>>()
                    .join(", "),
            }
        })?),
    };
    let latest = calibrations.iter().max_by_key(|c| c.origin);
    let thetas = latest
        .map(Calibration::thetas)
        .unwrap_or_else(|| vec![super::params::defaults()]);
    let calibration = latest.map_or_else(
        || "the a priori values (no stored calibration)".to_string(),
        |c| {
            format!(
                "the calibration at origin {} ({} simulations, seed {}): in sample up to {}",
                c.origin, c.budget, c.seed, c.origin
            )
        },
    );
    let options = HindcastOptions {
        runs: request.runs,
        master_seed: request.master_seed,
        // One thread: a server answers many readers, and the bands do not depend on it.
        threads: Some(1),
        ..HindcastOptions::default()
    };
    let shown = shown_states(inputs);
    let all_bands = |ensemble| {
        TARGETS
            .iter()
            .flat_map(|&t| bands(inputs, ensemble, t, &shown))
            .collect::<Vec<_>>()
    };
    let progress = sco_sim::NoProgress;
    let (baseline, counterfactual, baseline_statuses) = match cf {
        None => {
            let ensemble = run(
                inputs,
                &thetas,
                &options,
                StatusMode::Endogenous,
                Overrides::default(),
                &progress,
            )
            .map_err(ViewError::Model)?;
            (all_bands(&ensemble), None, "endogenous")
        }
        Some(cf) => {
            let (base, alt) =
                arms(inputs, &thetas, &options, &cf, &progress).map_err(ViewError::Model)?;
            let view = CounterfactualView {
                counterfactual: cf,
                bands: all_bands(&alt),
                differences: differences(inputs, &base, &alt),
            };
            (all_bands(&base), Some(view), "ledger")
        }
    };
    Ok(WorldView {
        scenario: super::NAME,
        what: WHAT,
        calibration,
        runs: request.runs,
        master_seed: request.master_seed,
        start_year: options.start_year,
        end_year: LAST_YEAR,
        targets: TARGETS
            .iter()
            .map(|&t| TargetInfo {
                name: t.name(),
                source: t.source(),
                observed_through: (options.start_year..=LAST_YEAR)
                    .rev()
                    .find(|&y| (0..inputs.states.len()).any(|s| inputs.obs(t, s, y).is_some())),
            })
            .collect(),
        states: shown
            .iter()
            .map(|&s| StateInfo {
                iso3: inputs.states[s].iso3.clone(),
                name: inputs.states[s].name.clone(),
                role: inputs.states[s].role,
            })
            .collect(),
        counterfactuals: &COUNTERFACTUALS,
        baseline_statuses,
        baseline,
        counterfactual,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inputs() -> std::sync::Arc<WorldInputs> {
        crate::world_inputs().expect("the world inputs build")
    }

    #[test]
    fn the_hindcast_has_a_band_per_target_and_shown_state() {
        let inputs = inputs();
        let calibrations = super::super::stored_calibrations().expect("stored calibrations");
        let request = ViewRequest {
            runs: 10,
            ..ViewRequest::default()
        };
        let view = world_view(&inputs, &calibrations, &request).expect("a view");
        assert_eq!(
            view.states.len(),
            12,
            "five Central Asian states and seven others"
        );
        assert_eq!(view.baseline.len(), TARGETS.len() * view.states.len());
        assert!(view.counterfactual.is_none());
        assert_eq!(view.baseline_statuses, "endogenous");
        assert!(
            view.calibration.contains("origin 2020"),
            "{}",
            view.calibration
        );
        let kaz = view
            .baseline
            .iter()
            .find(|b| b.iso3 == "KAZ" && b.target == "agree_chn")
            .expect("Kazakhstan's agreement with China");
        assert_eq!(kaz.years.first(), Some(&2001));
        assert_eq!(kaz.years.last(), Some(&LAST_YEAR));
        for i in 1..kaz.years.len() {
            assert!(kaz.q05[i] <= kaz.median[i] && kaz.median[i] <= kaz.q95[i]);
        }
        // Same request, same document (compared as JSON: a band before a state's first
        // observation holds NaN, which is not equal to itself).
        let json = |v: &WorldView| serde_json::to_string(v).expect("JSON");
        let again = world_view(&inputs, &calibrations, &request).expect("a view");
        assert!(
            json(&again) == json(&view),
            "the same request gave another document"
        );
    }

    #[test]
    fn a_counterfactual_comes_beside_its_baseline_with_the_same_seeds() {
        let inputs = inputs();
        let calibrations = super::super::stored_calibrations().expect("stored calibrations");
        let request = ViewRequest {
            runs: 10,
            counterfactual: Some("iran-admitted-2008".into()),
            ..ViewRequest::default()
        };
        let view = world_view(&inputs, &calibrations, &request).expect("a view");
        assert_eq!(view.baseline_statuses, "ledger");
        let cf = view.counterfactual.expect("the counterfactual");
        assert_eq!(cf.counterfactual.name, "iran-admitted-2008");
        assert_eq!(cf.bands.len(), view.baseline.len());
        let status = |bands: &[Band]| {
            bands
                .iter()
                .find(|b| b.iso3 == "IRN" && b.target == "sco_status")
                .map(|b| b.median[(2010 - 2001) as usize])
                .expect("Iran's status band")
        };
        assert_eq!(status(&cf.bands), 4.0, "a member from 2008");
        assert!(status(&view.baseline) < 4.0, "an observer in 2010");
        assert!(!cf.differences.is_empty());
    }

    #[test]
    fn bad_requests_are_named() {
        let inputs = inputs();
        let calibrations = Vec::new();
        let too_many = ViewRequest {
            runs: 100_000,
            ..ViewRequest::default()
        };
        assert_eq!(
            world_view(&inputs, &calibrations, &too_many),
            Err(ViewError::Runs(100_000))
        );
        let unknown = ViewRequest {
            counterfactual: Some("no-such-history".into()),
            ..ViewRequest::default()
        };
        let error = world_view(&inputs, &calibrations, &unknown).unwrap_err();
        assert!(error.to_string().contains("iran-admitted-2008"), "{error}");
    }
}
