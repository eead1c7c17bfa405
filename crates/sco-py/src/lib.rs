//! The native half of the `sco_twin` Python package: SCO Twin's documents as JSON text.
//!
//! Why so thin: the Python package promises the same content as `sco ... --json`. So every
//! function here parses its arguments, calls the library crate that computes the answer
//! (`sco-documents` for the documents the CLI and the HTTP API share, `sco-smp` and `sco-decide`
//! for the models) and returns the serde document serialized to JSON; Python only decodes it
//! and shapes it into DataFrames. This crate knows Python and nothing else: no rule, indicator
//! or model is worked out here. Bad input raises `sco_twin.ScoError` (a `ValueError`) with the
//! library's message, which names the file, the line and what is wrong.

mod decide;
mod history;
mod simulate;

use pyo3::create_exception;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

create_exception!(
    sco_twin,
    ScoError,
    PyValueError,
    "Bad input to SCO Twin: an impossible date, an unknown state, a malformed file (the message names the file and the line)."
);

create_exception!(
    sco_twin,
    NotFoundError,
    ScoError,
    "Something named does not exist: an unknown state, an article not paraphrased, a case not shipped."
);

/// A refusal of the request layer as the Python exception of its kind: bad input `ScoError`,
/// something unknown `NotFoundError` (a `ScoError` too), our own fault `RuntimeError`.
pub(crate) fn request_error(error: sco_documents::request::RequestError) -> PyErr {
    use sco_documents::request::ErrorKind;
    match error.kind {
        ErrorKind::BadInput => ScoError::new_err(error.message),
        ErrorKind::NotFound => NotFoundError::new_err(error.message),
        ErrorKind::Internal => pyo3::exceptions::PyRuntimeError::new_err(error.message),
    }
}

/// Bad input, as the Python exception.
pub(crate) fn bad_input(message: impl std::fmt::Display) -> PyErr {
    ScoError::new_err(message.to_string())
}

/// A document as JSON text (serde's own failures are internal errors, not bad input).
pub(crate) fn to_json<T: serde::Serialize + ?Sized>(document: &T) -> PyResult<String> {
    serde_json::to_string(document).map_err(|e| {
        pyo3::exceptions::PyRuntimeError::new_err(format!("cannot write the result as JSON: {e}"))
    })
}

/// The module `sco_twin._native`.
#[pymodule]
fn _native(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add("ScoError", module.py().get_type::<ScoError>())?;
    module.add("NotFoundError", module.py().get_type::<NotFoundError>())?;
    module.add("__version__", env!("CARGO_PKG_VERSION"))?;
    history::register(module)?;
    decide::register(module)?;
    simulate::register(module)?;
    Ok(())
}
