//! Errors of the server: what goes wrong at start-up, and how a request's failure becomes an
//! HTTP status with a JSON body.
//!
//! A request that cannot be answered gets `{"error": "..."}` with a message that names the
//! parameter and what is wrong with it. The library crates' typed errors are mapped here: the
//! caller's mistakes (a bad date, an unknown grouping or case) are 400 or 404, broken embedded
//! data is 500. Nothing a client sends can make a handler panic.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use sco_indicators::IndicatorError;
use sco_lab::LabError;
use serde::Serialize;

/// Why the server could not start.
#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    /// The history ledger could not be read or replayed.
    #[error(transparent)]
    Ledger(#[from] sco_ledger::LedgerError),
    /// An embedded case file or the lab's membership file is invalid.
    #[error("the decision lab's files are invalid: {0}")]
    Lab(#[from] LabError),
    /// The shipped decision-lab cases are invalid.
    #[error("{0}")]
    Cases(sco_documents::request::RequestError),
    /// An embedded dataset is invalid.
    #[error("the embedded datasets are invalid: {0}")]
    Data(#[from] IndicatorError),
    /// The address could not be bound (in use, not local, no permission).
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        addr: std::net::SocketAddr,
        #[source]
        source: std::io::Error,
    },
    /// The server stopped on an I/O error, or its runtime could not start.
    #[error("the server stopped: {0}")]
    Io(#[from] std::io::Error),
}

/// A request that cannot be answered: an HTTP status and a message for the client.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    /// 400, 404, 405 or 500.
    pub status: StatusCode,
    /// What is wrong, for people.
    pub message: String,
}

/// The JSON body of every error response.
#[derive(Debug, Serialize)]
struct ErrorBody<'a> {
    error: &'a str,
}

impl ApiError {
    /// The client's input is wrong (400).
    pub fn bad_request(message: impl Into<String>) -> Self {
        ApiError {
            status: StatusCode::BAD_REQUEST,
            message: message.into(),
        }
    }

    /// Nothing at this address (404).
    pub fn not_found(message: impl Into<String>) -> Self {
        ApiError {
            status: StatusCode::NOT_FOUND,
            message: message.into(),
        }
    }

    /// The server's own data or code failed (500).
    pub fn internal(message: impl Into<String>) -> Self {
        ApiError {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            message: message.into(),
        }
    }
}

/// What a client reads of an internal fault: the details go to the server's standard error.
pub const INTERNAL_MESSAGE: &str =
    "the server could not answer this request (an internal fault, logged by the server)";

impl From<sco_documents::request::RequestError> for ApiError {
    /// The request layer's kinds as statuses: bad input 400, not found 404, internal 500 (whose
    /// text the response replaces, as for every internal error).
    fn from(error: sco_documents::request::RequestError) -> Self {
        use sco_documents::request::ErrorKind;
        match error.kind {
            ErrorKind::BadInput => ApiError::bad_request(error.message),
            ErrorKind::NotFound => ApiError::not_found(error.message),
            ErrorKind::Internal => ApiError::internal(error.message),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let message =
            if self.status.is_server_error() && self.status != StatusCode::SERVICE_UNAVAILABLE {
                eprintln!(
                    "sco serve: internal fault ({}): {}",
                    self.status.as_u16(),
                    self.message
                );
                INTERNAL_MESSAGE
            } else {
                &self.message
            };
        (self.status, Json(ErrorBody { error: message })).into_response()
    }
}

impl From<IndicatorError> for ApiError {
    fn from(error: IndicatorError) -> Self {
        sco_documents::request::RequestError::from(error).into()
    }
}

impl From<LabError> for ApiError {
    fn from(error: LabError) -> Self {
        sco_documents::request::RequestError::from(error).into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_internal_fault_shows_no_internal_text() {
        let response =
            ApiError::internal("/home/someone/secret.toml: line 3 broke").into_response();
        assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .expect("a runtime");
        let body = runtime
            .block_on(axum::body::to_bytes(response.into_body(), usize::MAX))
            .expect("a body");
        let text = String::from_utf8_lossy(&body);
        assert!(!text.contains("secret"), "{text}");
        assert!(text.contains(INTERNAL_MESSAGE), "{text}");
    }

    #[test]
    fn a_client_error_keeps_its_message() {
        let response = ApiError::bad_request("parameter `date`: no").into_response();
        assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    }
}
