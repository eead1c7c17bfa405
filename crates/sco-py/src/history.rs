//! The organization from the ledger, its weight in the world and the lab's SCO layer: the
//! documents of `sco members | overview | summits | officials | timeline | weight | decide
//! case(s) | expansion | anti-western --json`, built by `sco-documents`.

use std::path::PathBuf;
use std::sync::OnceLock;

use pyo3::prelude::*;
use sco_documents::lab;
use sco_ledger::{History, Ledger};

use crate::{bad_input, to_json};

pub(crate) fn register(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add_function(wrap_pyfunction!(provenance_json, module)?)?;
    module.add_function(wrap_pyfunction!(document_json, module)?)?;
    module.add_function(wrap_pyfunction!(catalogue_json, module)?)?;
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
