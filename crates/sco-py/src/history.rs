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
        max_draws: *lab::DRAWS.end(),
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
