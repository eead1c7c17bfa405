//! What the in-process API tests share: the embedded ledger's state on a fixed "today", and one
//! request through the router (no sockets) read back as status, content type and body.
#![allow(dead_code)]

use std::sync::OnceLock;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use chrono::NaiveDate;
use sco_server::{AppState, Clock};
use serde_json::Value;
use tower::ServiceExt;

/// "Today" for every test, so that defaults are reproducible.
pub const TODAY: &str = "2024-07-04";

/// The server's state on the embedded ledger, loaded once per test binary.
pub fn embedded_state() -> AppState {
    static STATE: OnceLock<AppState> = OnceLock::new();
    STATE
        .get_or_init(|| {
            let today = NaiveDate::parse_from_str(TODAY, "%Y-%m-%d").expect("a date");
            AppState::load(None, Clock::Fixed(today)).expect("the embedded ledger loads")
        })
        .clone()
}

/// A response: status, content type and body.
pub struct Reply {
    pub status: StatusCode,
    pub content_type: String,
    pub body: Vec<u8>,
}

impl Reply {
    /// The body as JSON (panics with the body when it is not). A successful answer must carry
    /// its `provenance`, which is checked and taken off: the object less that member, or a list's
    /// `items`.
    pub fn json(&self) -> Value {
        let mut document = self.raw_json();
        if !self.status.is_success() {
            return document;
        }
        let object = document
            .as_object_mut()
            .expect("every JSON document is an object");
        let provenance = object
            .remove("provenance")
            .expect("every JSON document carries its provenance");
        assert_eq!(provenance["version"], env!("CARGO_PKG_VERSION"));
        for digest in ["ledger_digest", "data_digest"] {
            assert!(
                provenance[digest]
                    .as_str()
                    .is_some_and(|d| d.starts_with("sha256:")),
                "{digest}: {provenance}"
            );
        }
        if object.len() == 1 {
            if let Some(items) = object.get("items").filter(|i| i.is_array()) {
                return items.clone();
            }
        }
        document
    }

    /// The body as JSON, as sent.
    pub fn raw_json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&self.body)))
    }

    /// The body as text.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// Sends one request with an empty body to the router over `state`.
pub fn send(state: &AppState, method: &str, uri: &str) -> Reply {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("a runtime");
    runtime.block_on(async {
        let request = Request::builder()
            .method(method)
            .uri(uri)
            .body(Body::empty())
            .expect("a request");
        let response = sco_server::router(state.clone())
            .oneshot(request)
            .await
            .expect("the router answers");
        let status = response.status();
        let content_type = response
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_string();
        let body = axum::body::to_bytes(response.into_body(), usize::MAX)
            .await
            .expect("a body")
            .to_vec();
        Reply {
            status,
            content_type,
            body,
        }
    })
}
