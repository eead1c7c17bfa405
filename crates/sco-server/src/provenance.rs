//! The `provenance` member of every JSON document the API answers with: the version and the
//! digests of the ledger and data the server loaded (`sco_documents::provenance`).
//!
//! Why a layer and not each handler: every successful JSON answer must carry it, including those
//! of handlers written later, and it must be the same member the command line and Python add, so
//! that a document saved from any front end says what computed it. Errors do not carry it: they
//! are not documents. The `sco-*` headers (`guard`) say the same for clients that keep headers.

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use sco_documents::provenance::{attach, Layout, Provenance};

use crate::{ApiError, AppState};

/// Adds the `provenance` member to a successful `application/json` answer.
pub(crate) async fn add_provenance(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let response = next.run(request).await;
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|t| t.as_bytes().starts_with(b"application/json"));
    if !response.status().is_success() || !is_json {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    // The body is a document this server just serialised, so its size is already bounded by
    // the handlers' own limits.
    let bytes = match axum::body::to_bytes(body, usize::MAX).await {
        Ok(bytes) => bytes,
        Err(error) => {
            return ApiError::internal(format!("cannot read a JSON answer: {error}"))
                .into_response()
        }
    };
    let Ok(text) = std::str::from_utf8(&bytes) else {
        return ApiError::internal("a JSON answer is not UTF-8".to_string()).into_response();
    };
    let provenance = Provenance::new(Some(state.ledger().digest.clone()));
    let document = attach(text, &provenance, Layout::Compact);
    parts.headers.remove(header::CONTENT_LENGTH);
    parts.headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    Response::from_parts(parts, Body::from(document))
}
