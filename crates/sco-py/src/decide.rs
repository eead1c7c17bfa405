//! The decision models on a profile or a KTAB scenario, given as a file or as text that Python
//! wrote: the documents of `sco decide smp | eum | exchange | compromise | nash --json`.

use std::path::PathBuf;

use pyo3::prelude::*;
use sco_decide::consensus::Metric;
use sco_decide::eum::{EumConfig, EumRun};
use sco_decide::exchange::ExchangeConfig;
use sco_decide::nash::BargainingPower;
use sco_decide::Profile;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{Map, Value};

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

/// `preset` with `(name, value)` switches applied. Names are the configuration's fields
/// (`voting-rule` or `voting_rule`); an enum value matches its variant without regard to
/// case, dashes or underscores (`prop-cbc` is `PropCbc`); only the fields in `numbers` take
/// a number, within their range.
fn apply_switches<T: Serialize + DeserializeOwned>(
    preset: &T,
    switches: &[(String, String)],
    numbers: &[(&str, f64, f64)],
) -> PyResult<T> {
    let Ok(Value::Object(mut object)) = serde_json::to_value(preset) else {
        return Err(pyo3::exceptions::PyRuntimeError::new_err(
            "a model configuration is not a serde struct",
        ));
    };
    let switchable: Vec<String> = object
        .iter()
        .filter(|(field, value)| value.is_string() || numbers.iter().any(|(n, _, _)| n == field))
        .map(|(field, _)| field.clone())
        .collect();
    for (name, value) in switches {
        let field = name.trim().replace('-', "_");
        if !switchable.contains(&field) {
            return Err(bad_input(format!(
                "no switch `{name}`; the switches are {}",
                switchable.join(", ")
            )));
        }
        let new_value = if let Some((_, low, high)) = numbers.iter().find(|(n, _, _)| *n == field) {
            let number: f64 = value.trim().parse().map_err(|_| {
                bad_input(format!(
                    "switch `{name}`: `{value}` is not a number (it takes one in {low}..={high})"
                ))
            })?;
            if !(*low..=*high).contains(&number) {
                return Err(bad_input(format!(
                    "switch `{name}`: {number} is outside {low}..={high}"
                )));
            }
            Value::from(number)
        } else {
            Value::from(variant_of::<T>(&object, &field, name, value)?)
        };
        object.insert(field, new_value);
    }
    serde_json::from_value(Value::Object(object)).map_err(|e| bad_input(format!("switches: {e}")))
}

/// The variant of the enum field `field` that `value` names. The variants are the ones serde
/// lists when it refuses a value that names none of them.
fn variant_of<T: DeserializeOwned>(
    object: &Map<String, Value>,
    field: &str,
    name: &str,
    value: &str,
) -> PyResult<String> {
    let squash = |s: &str| s.replace(['-', '_'], "").to_ascii_lowercase();
    let mut probe = object.clone();
    probe.insert(field.to_owned(), Value::from("\u{1}"));
    let refusal = match serde_json::from_value::<T>(Value::Object(probe)) {
        Err(e) => e.to_string(),
        Ok(_) => String::new(),
    };
    let variants: Vec<&str> = refusal
        .split_once("expected one of ")
        .map(|(_, list)| {
            list.split(", ")
                .map(|v| v.trim_matches('`'))
                .map(|v| v.split('`').next().unwrap_or(v))
                .collect()
        })
        .unwrap_or_default();
    variants
        .iter()
        .find(|v| squash(v) == squash(value))
        .map(|v| (*v).to_owned())
        .ok_or_else(|| {
            bad_input(format!(
                "switch `{name}`: `{value}` is not one of its values: {}",
                variants.join(", ")
            ))
        })
}

/// The JSON of `sco decide smp --json`: the run's settings and its history, actors by name.
#[derive(Serialize)]
struct SmpDocument<'a> {
    model: &'static str,
    scenario: &'a str,
    description: &'a str,
    dimensions: &'a [String],
    seed: u64,
    steps: usize,
    stop_reason: sco_smp::StopReason,
    config: &'a sco_smp::SmpConfig,
    history: Vec<SmpStep<'a>>,
}

#[derive(Serialize)]
struct SmpStep<'a> {
    step: usize,
    actors: &'a [sco_smp::ActorStep],
    fractional_change: Option<f64>,
    bargains: Vec<SmpBargain<'a>>,
    adopted: Vec<SmpAdoption<'a>>,
}

#[derive(Serialize)]
struct SmpBargain<'a> {
    initiator: &'a str,
    receiver: &'a str,
    initiator_win_prob: f64,
    initiator_expected_gain: f64,
    receiver_win_prob_estimate: f64,
    receiver_expected_gain: f64,
    initiator_adopts: &'a [f64],
    receiver_adopts: &'a [f64],
}

#[derive(Serialize)]
struct SmpAdoption<'a> {
    actor: &'a str,
    bargain: [&'a str; 2],
    prob: f64,
    options: usize,
}

impl<'a> SmpDocument<'a> {
    fn new(run: &'a sco_smp::SmpRun, scenario: &'a sco_smp::Scenario) -> Self {
        let name = |i: usize| scenario.actors[i].name.as_str();
        let history = run
            .history
            .iter()
            .map(|step| SmpStep {
                step: step.step,
                actors: &step.actors,
                fractional_change: step.fractional_change,
                bargains: step
                    .bargains
                    .iter()
                    .map(|b| SmpBargain {
                        initiator: name(b.initiator),
                        receiver: name(b.receiver),
                        initiator_win_prob: b.init_win_prob,
                        initiator_expected_gain: b.init_expected_gain,
                        receiver_win_prob_estimate: b.rcvr_win_prob,
                        receiver_expected_gain: b.rcvr_expected_gain,
                        initiator_adopts: &b.init_adopts,
                        receiver_adopts: &b.rcvr_adopts,
                    })
                    .collect(),
                adopted: step
                    .adoptions
                    .iter()
                    .map(|a| SmpAdoption {
                        actor: name(a.actor),
                        bargain: [name(a.initiator), name(a.receiver)],
                        prob: a.prob,
                        options: a.options,
                    })
                    .collect(),
            })
            .collect();
        SmpDocument {
            model: "KTAB Spatial Model of Politics",
            scenario: &scenario.name,
            description: &scenario.description,
            dimensions: &run.dimensions,
            seed: run.config.seed,
            steps: run.steps(),
            stop_reason: run.stop_reason,
            config: &run.config,
            history,
        }
    }
}

fn smp_preset(seed: Option<u64>, max_steps: usize) -> sco_smp::SmpConfig {
    sco_smp::SmpConfig {
        seed: seed.unwrap_or(sco_smp::KTAB_DEFAULT_SEED),
        max_iterations: max_steps,
        ..sco_smp::SmpConfig::default()
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
    let config = apply_switches(&smp_preset(seed, max_steps), &switches, &[])?;
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
    to_json(&smp_preset(None, 100))
}

/// The JSON of `sco decide eum --json` (without a target table).
#[derive(Serialize)]
struct EumDocument<'a> {
    model: &'static str,
    profile: &'a str,
    dimension: &'a str,
    config: &'a EumConfig,
    run: &'a EumRun,
}

/// The EUM's numeric switches (probabilities).
const EUM_NUMBERS: [(&str, f64, f64); 2] = [("q", 0.0, 1.0), ("t", 0.0, 1.0)];

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
    let config = apply_switches(&EumConfig::scholz_code(rounds), &switches, &EUM_NUMBERS)?;
    let (profile, label) = profile(path, text)?;
    let d = match dimension {
        Some(name) => profile
            .dimension_index(name)
            .ok_or_else(|| bad_input(format!("{label}: no dimension `{name}`")))?,
        None => 0,
    };
    let run = sco_decide::eum::run(&profile.issue(d), &config).map_err(bad_input)?;
    to_json(&EumDocument {
        model: "expected utility model (Scholz et al. 2011)",
        profile: &profile.name,
        dimension: &profile.dimensions[d].name,
        config: &config,
        run: &run,
    })
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
