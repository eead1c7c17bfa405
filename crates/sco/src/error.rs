//! How errors become exit codes.
//!
//! Library errors arrive wrapped in `anyhow` with context. Anything that is the user's input being wrong
//! (a bad date, an unknown state, a malformed file) is exit code 2; the rest is 3.

use std::process::ExitCode;

use thiserror::Error;

/// The outcome of a command that ran to the end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Success.
    Success,
    /// The command ran, and its answer is negative.
    Negative,
}

impl From<Outcome> for ExitCode {
    fn from(outcome: Outcome) -> Self {
        match outcome {
            Outcome::Success => ExitCode::SUCCESS,
            Outcome::Negative => ExitCode::from(1),
        }
    }
}

/// Input that cannot be used: a bad value, an unknown name, a malformed file.
#[derive(Debug, Error)]
#[error("{0}")]
pub struct InputError(pub String);

/// Builds an input error from a message.
pub fn input_error(message: impl Into<String>) -> anyhow::Error {
    InputError(message.into()).into()
}

/// Returns the exit code for an error, and whether it is a closed pipe.
pub fn classify(error: &anyhow::Error) -> (u8, bool) {
    for cause in error.chain() {
        if let Some(io) = cause.downcast_ref::<std::io::Error>() {
            if io.kind() == std::io::ErrorKind::BrokenPipe {
                return (0, true);
            }
        }
    }
    let is_input = error.chain().any(|cause| {
        cause.is::<InputError>()
            || cause.is::<sco_ledger::LedgerError>()
            || cause.is::<sco_domain::DomainError>()
            || cause
                .downcast_ref::<sco_documents::request::RequestError>()
                .is_some_and(|e| e.kind != sco_documents::request::ErrorKind::Internal)
    });
    (if is_input { 2 } else { 3 }, false)
}
