//! The organization from the ledger, its weight in the world and the lab's SCO layer: the
//! documents of `sco members | overview | summits | officials | timeline | weight | decide
//! case(s) | expansion | anti-western --json`, built by `sco-documents`.

use std::path::PathBuf;
use std::sync::OnceLock;

use pyo3::prelude::*;
use sco_documents::{lab, weight};
use sco_ledger::{History, Ledger};

use crate::{bad_input, to_json};

pub(crate) fn register(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add_function(wrap_pyfunction!(provenance_json, module)?)?;
    module.add_function(wrap_pyfunction!(document_json, module)?)?;
    module.add_function(wrap_pyfunction!(catalogue_json, module)?)?;
    module.add_function(wrap_pyfunction!(weight_series_json, module)?)?;
    module.add_function(wrap_pyfunction!(expansion_json, module)?)?;
    module.add_function(wrap_pyfunction!(case_expansion_json, module)?)?;
    module.add_function(wrap_pyfunction!(anti_western_json, module)?)?;
    Ok(())
}

/// A ledger and its replay: the embedded one (parsed once per process) or one read from a
/// directory (read on every call, so edits show at once).
enum Loaded {
    Embedded(&'static (Ledger, History)),
    Dir(Box<(Ledger, History)>),
}

impl Loaded {
    fn get(&self) -> (&Ledger, &History) {
        let pair = match self {
            Loaded::Embedded(pair) => *pair,
            Loaded::Dir(pair) => pair,
        };
        (&pair.0, &pair.1)
    }
}

fn replay(ledger: Ledger) -> PyResult<(Ledger, History)> {
    let history = ledger.replay().map_err(|e| {
        bad_input(format!(
            "the ledger's status changes break the Charter rules: {e}"
        ))
    })?;
    Ok((ledger, history))
}

fn load(dir: Option<PathBuf>) -> PyResult<Loaded> {
    static EMBEDDED: OnceLock<(Ledger, History)> = OnceLock::new();
    match dir {
        Some(dir) => {
            let ledger = Ledger::from_dir(&dir).map_err(|e| {
                bad_input(format!("cannot use the ledger in {}: {e}", dir.display()))
            })?;
            Ok(Loaded::Dir(Box::new(replay(ledger)?)))
        }
        None => {
            if let Some(pair) = EMBEDDED.get() {
                return Ok(Loaded::Embedded(pair));
            }
            let ledger = Ledger::embedded().map_err(|e| {
                pyo3::exceptions::PyRuntimeError::new_err(format!(
                    "the embedded ledger is invalid: {e}"
                ))
            })?;
            let pair = replay(ledger)?;
            Ok(Loaded::Embedded(EMBEDDED.get_or_init(|| pair)))
        }
    }
}

/// A document of the request layer's catalogue by name, from `(name, value)` pairs: the same
/// parser and builder as `sco ... --json` and the HTTP API.
#[pyfunction]
#[pyo3(signature = (name, pairs, ledger=None))]
fn document_json(
    py: Python<'_>,
    name: &str,
    pairs: Vec<(String, String)>,
    ledger: Option<PathBuf>,
) -> PyResult<String> {
    let entry = sco_documents::request::catalogue::entry(name)
        .ok_or_else(|| bad_input(format!("no document named `{name}`")))?;
    let loaded = load(ledger)?;
    let (ledger, history) = loaded.get();
    let ctx = sco_documents::request::Context {
        ledger,
        history,
        today: chrono::Local::now().date_naive(),
    };
    py.detach(|| entry.run(&ctx, pairs))
        .map_err(crate::request_error)
}

/// The request layer's catalogue: each document's name, path, CLI command, Python function and
/// parameters (what the package's tests check `__all__` against).
#[pyfunction]
fn catalogue_json() -> PyResult<String> {
    to_json(sco_documents::request::catalogue::CATALOGUE)
}

/// The `provenance` member of `sco ... --json` and of the API's documents: the version and the
/// digests of the ledger (embedded, or the one in `ledger`) and of the embedded data.
#[pyfunction]
#[pyo3(signature = (ledger=None))]
fn provenance_json(ledger: Option<PathBuf>) -> PyResult<String> {
    let loaded = load(ledger)?;
    let (ledger, _) = loaded.get();
    to_json(&sco_documents::provenance::Provenance::new(Some(
        ledger.digest.clone(),
    )))
}

fn latest_data_year() -> PyResult<i32> {
    let latest = sco_indicators::latest_year(&sco_data::Embedded, &weight::CORE)
        .map_err(|e| pyo3::exceptions::PyRuntimeError::new_err(e.to_string()))?;
    latest.ok_or_else(|| {
        pyo3::exceptions::PyRuntimeError::new_err(
            "the datasets share no year with data for population, GDP and PPP",
        )
    })
}

/// The Python-side grouping options, owning the comma-joined code lists the request borrows.
struct Grouping<'a> {
    group: &'a str,
    with: Option<String>,
    without: Option<String>,
    missing: &'a str,
    world: &'a str,
}

impl<'a> Grouping<'a> {
    fn new(
        group: &'a str,
        with: &[String],
        without: &[String],
        missing: &'a str,
        world: &'a str,
    ) -> Self {
        let joined = |codes: &[String]| (!codes.is_empty()).then(|| codes.join(","));
        Grouping {
            group,
            with: joined(with),
            without: joined(without),
            missing,
            world,
        }
    }

    fn request(&self) -> weight::GroupRequest<'_> {
        weight::GroupRequest {
            group: self.group,
            with: self.with.as_deref(),
            without: self.without.as_deref(),
            missing: self.missing,
            world: self.world,
        }
    }
}

/// `sco weight series --json`: shares year by year, membership re-read on `membership_day`.
#[pyfunction]
#[pyo3(signature = (group="members", start=1996, end=None, membership_day="12-31",
    measures=None, with_=vec![], without=vec![], missing="skip", world="aggregate", ledger=None))]
#[allow(clippy::too_many_arguments)]
fn weight_series_json(
    group: &str,
    start: i32,
    end: Option<i32>,
    membership_day: &str,
    measures: Option<&str>,
    with_: Vec<String>,
    without: Vec<String>,
    missing: &str,
    world: &str,
    ledger: Option<PathBuf>,
) -> PyResult<String> {
    let loaded = load(ledger)?;
    let (_, history) = loaded.get();
    let end = match end {
        Some(year) => year,
        None => latest_data_year()?,
    };
    let grouping = Grouping::new(group, &with_, &without, missing, world);
    let request = grouping.request();
    let measures = measures.unwrap_or(weight::DEFAULT_SERIES_MEASURES);
    let sco = weight::HistoryMembership(history);
    let points =
        weight::series(&sco, &request, start, end, membership_day, measures).map_err(bad_input)?;
    to_json(&points)
}

/// `sco decide expansion [--agenda A] [--draws N] [--seed S] [--year Y] --json`.
#[pyfunction]
#[pyo3(signature = (agenda="all", draws=None, seed=None, year=None, ledger=None))]
fn expansion_json(
    agenda: &str,
    draws: Option<i64>,
    seed: Option<u64>,
    year: Option<i32>,
    ledger: Option<PathBuf>,
) -> PyResult<String> {
    let choice = lab::AgendaChoice::parse(agenda).ok_or_else(|| {
        bad_input(format!(
            "agenda: `{agenda}` is not an agenda: expected {}",
            lab::AgendaChoice::NAMES.join(", ")
        ))
    })?;
    let defaults = sco_lab::expansion::AgendaSettings::default();
    let draws = match draws {
        None => defaults.draws,
        Some(n) => usize::try_from(n).map_err(|_| {
            bad_input(format!(
                "draws: {n} is outside {}..={}",
                lab::DRAWS.start(),
                lab::DRAWS.end()
            ))
        })?,
    };
    let settings = sco_lab::expansion::AgendaSettings {
        draws,
        seed: seed.unwrap_or(defaults.seed),
    };
    let agendas = choice.agendas(year.unwrap_or(lab::DEFAULT_AGENDA_YEAR));
    let loaded = load(ledger)?;
    let (_, history) = loaded.get();
    let document = lab::agenda_expansion(history, &agendas, settings).map_err(bad_input)?;
    to_json(&document)
}

/// `sco decide expansion CASE --json`.
#[pyfunction]
#[pyo3(signature = (id, ledger=None))]
fn case_expansion_json(id: &str, ledger: Option<PathBuf>) -> PyResult<String> {
    let case = lab::shipped_case(id).map_err(crate::request_error)?;
    let loaded = load(ledger)?;
    let (_, history) = loaded.get();
    let document = lab::case_expansion(history, case).map_err(bad_input)?;
    to_json(&document)
}

/// `sco decide anti-western [--positions YEAR] --json`.
#[pyfunction]
#[pyo3(signature = (positions=None, ledger=None))]
fn anti_western_json(positions: Option<i32>, ledger: Option<PathBuf>) -> PyResult<String> {
    let loaded = load(ledger)?;
    let (_, history) = loaded.get();
    let document = lab::anti_western(history, positions).map_err(bad_input)?;
    to_json(&document)
}
