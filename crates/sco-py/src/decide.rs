//! The decision models on a profile or a KTAB scenario, given as a file or as text that Python
//! wrote: the documents of `sco decide smp | eum | exchange | compromise | nash --json`.

use std::path::PathBuf;

use pyo3::prelude::*;
use sco_decide::consensus::Metric;
use sco_decide::eum::EumConfig;
use sco_decide::exchange::ExchangeConfig;
use sco_decide::nash::BargainingPower;
use sco_decide::Profile;
use sco_documents::decide::{
    eum_switchboard, smp_preset, smp_switchboard, EumDocument, SmpDocument,
};

use crate::{bad_input, to_json};

pub(crate) fn register(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add_function(wrap_pyfunction!(smp_json, module)?)?;
    module.add_function(wrap_pyfunction!(smp_preset_json, module)?)?;
    module.add_function(wrap_pyfunction!(eum_json, module)?)?;
    module.add_function(wrap_pyfunction!(eum_preset_json, module)?)?;
    module.add_function(wrap_pyfunction!(exchange_json, module)?)?;
    module.add_function(wrap_pyfunction!(compromise_json, module)?)?;
    module.add_function(wrap_pyfunction!(nash_json, module)?)?;
    Ok(())
}

/// A profile from a file (format by name and first line) or from actor-CSV text.
fn profile(path: Option<PathBuf>, text: Option<&str>) -> PyResult<(Profile, String)> {
    match (path, text) {
        (Some(path), None) => {
            let profile = sco_decide::load::load_path(&path).map_err(bad_input)?;
            Ok((profile, path.display().to_string()))
        }
        (None, Some(text)) => {
            let label = "<actors>";
            let format = sco_decide::load::Format::ActorCsv;
            let profile = sco_decide::load::parse_str(text, label, format).map_err(bad_input)?;
            Ok((profile, label.to_owned()))
        }
        _ => Err(bad_input("give a profile file or actors, not both")),
    }
}

/// `sco decide smp FILE [--seed] [--max-steps] [--switch NAME=VALUE]... --json`, on a KTAB CSV
/// scenario given as a file or as its text.
#[pyfunction]
#[pyo3(signature = (path=None, text=None, seed=None, max_steps=100, switches=vec![]))]
fn smp_json(
    path: Option<PathBuf>,
    text: Option<&str>,
    seed: Option<u64>,
    max_steps: usize,
    switches: Vec<(String, String)>,
) -> PyResult<String> {
    if max_steps == 0 {
        return Err(bad_input("max_steps: must be at least 1"));
    }
    let preset = smp_preset(seed.unwrap_or(sco_smp::KTAB_DEFAULT_SEED), max_steps);
    let config: sco_smp::SmpConfig = smp_switchboard(&preset)
        .apply_pairs(&switches)
        .map_err(bad_input)?;
    let scenario = match (path, text) {
        (Some(path), None) => sco_smp::Scenario::from_csv_path(&path).map_err(bad_input)?,
        (None, Some(text)) => sco_smp::Scenario::from_csv_str(text).map_err(bad_input)?,
        _ => return Err(bad_input("give a scenario file or its text, not both")),
    };
    let run = sco_smp::run(&scenario, &config).map_err(bad_input)?;
    to_json(&SmpDocument::new(&run, &scenario))
}

/// KTAB's default options (`smpc --csv`), the preset the switches change.
#[pyfunction]
fn smp_preset_json() -> PyResult<String> {
    to_json(&smp_preset(sco_smp::KTAB_DEFAULT_SEED, 100))
}

/// `sco decide eum FILE [--dimension] [--rounds] [--switch NAME=VALUE]... --json`.
#[pyfunction]
#[pyo3(signature = (path=None, text=None, dimension=None, rounds=8, switches=vec![]))]
fn eum_json(
    path: Option<PathBuf>,
    text: Option<&str>,
    dimension: Option<&str>,
    rounds: usize,
    switches: Vec<(String, String)>,
) -> PyResult<String> {
    let config: EumConfig = eum_switchboard(rounds)
        .apply_pairs(&switches)
        .map_err(bad_input)?;
    let (profile, label) = profile(path, text)?;
    let d = match dimension {
        Some(name) => profile
            .dimension_index(name)
            .ok_or_else(|| bad_input(format!("{label}: no dimension `{name}`")))?,
        None => 0,
    };
    let run = sco_decide::eum::run(&profile.issue(d), &config).map_err(bad_input)?;
    to_json(&EumDocument::new(
        &profile.name,
        &profile.dimensions[d].name,
        &config,
        &run,
        None,
    ))
}

/// The switches of Scholz's code, the EUM's preset.
#[pyfunction]
#[pyo3(signature = (rounds=8))]
fn eum_preset_json(rounds: usize) -> PyResult<String> {
    to_json(&EumConfig::scholz_code(rounds))
}

/// `sco decide exchange FILE [--rounds] --json`.
#[pyfunction]
#[pyo3(signature = (path=None, text=None, rounds=10))]
fn exchange_json(path: Option<PathBuf>, text: Option<&str>, rounds: usize) -> PyResult<String> {
    let (profile, label) = profile(path, text)?;
    if profile.dimensions.len() < 2 {
        return Err(bad_input(format!(
            "{label}: the exchange model needs at least two dimensions"
        )));
    }
    let config = ExchangeConfig {
        rounds,
        ..ExchangeConfig::default()
    };
    to_json(&sco_decide::exchange::run(&profile, &config))
}

/// `sco decide compromise FILE --json`.
#[pyfunction]
#[pyo3(signature = (path=None, text=None))]
fn compromise_json(path: Option<PathBuf>, text: Option<&str>) -> PyResult<String> {
    let (profile, _) = profile(path, text)?;
    to_json(&sco_decide::compromise::compromise(&profile))
}

/// `sco decide nash FILE [--metric] [--power] --json`.
#[pyfunction]
#[pyo3(signature = (path=None, text=None, metric="salience", power="equal"))]
fn nash_json(
    path: Option<PathBuf>,
    text: Option<&str>,
    metric: &str,
    power: &str,
) -> PyResult<String> {
    let metric = match metric {
        "euclidean" => Metric::Euclidean,
        "salience" => Metric::SalienceWeighted,
        other => {
            return Err(bad_input(format!(
                "metric: `{other}` is not a metric: expected euclidean or salience"
            )))
        }
    };
    let power = match power {
        "equal" => BargainingPower::Equal,
        "capability" => BargainingPower::Capability,
        other => {
            return Err(bad_input(format!(
                "power: `{other}` is not a bargaining power: expected equal or capability"
            )))
        }
    };
    let (profile, label) = profile(path, text)?;
    let solution = sco_decide::nash::nash_bargaining(&profile, metric, power)
        .map_err(|e| bad_input(format!("{label}: {e}")))?;
    to_json(&solution)
}
