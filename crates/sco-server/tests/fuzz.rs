//! Property tests of the query parameters: any value of any known parameter (and unknown,
//! repeated or undecodable ones) gets 200 or a client error whose JSON names the parameter or
//! the query, never a 500 or a panic. Few cases by default; set `PROPTEST_CASES` for more.

use std::sync::OnceLock;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use chrono::NaiveDate;
use proptest::prelude::*;
use sco_server::{AppState, Clock};
use tower::ServiceExt;

fn state() -> AppState {
    static STATE: OnceLock<AppState> = OnceLock::new();
    STATE
        .get_or_init(|| {
            let today = NaiveDate::from_ymd_opt(2024, 7, 4).expect("a date");
            AppState::load(None, Clock::Fixed(today)).expect("the embedded ledger loads")
        })
        .clone()
}

fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(64);
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Endpoints and the parameters they know (the cheap ones: models and Monte Carlo excluded).
const ENDPOINTS: &[(&str, &[&str])] = &[
    ("/api/snapshot", &["date"]),
    ("/api/members", &["date", "status"]),
    ("/api/members/series", &["from", "to", "day"]),
    ("/api/timeline", &["state", "kind", "from", "to"]),
    ("/api/summits", &["include_shanghai_five"]),
    ("/api/officials", &["post"]),
    (
        "/api/weight",
        &[
            "date",
            "data_year",
            "measures",
            "group",
            "with",
            "without",
            "missing",
            "world",
        ],
    ),
    ("/api/anti-western", &["positions"]),
];

/// Values near the valid ones: dates, years, codes, words, numbers, junk and escapes.
fn value() -> impl Strategy<Value = String> {
    prop_oneof![
        "(19|20|21)[0-9]{2}-[0-1][0-9]-[0-3][0-9]",
        "-?[0-9]{1,12}",
        "[A-Z]{0,4}(,[A-Z]{3}){0,3}",
        "(today|latest|member|observer|true|no|sco|all|nato|population|gdp_usd)",
        "(sco:members@2017-06-09|org:nato@2020-01-01|list:IND,CHN)( without [A-Z]{3})?( with [A-Z]{3})?",
        "[ -~]{0,16}",
        "%[0-9A-Fa-f]{2}|%|%zz|%ff%fe",
    ]
}

fn get(uri: &str) -> (StatusCode, Vec<u8>) {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("a runtime");
    runtime.block_on(async {
        let request = Request::builder()
            .uri(uri)
            .body(Body::empty())
            .expect("a request");
        let response = sco_server::router(state())
            .oneshot(request)
            .await
            .expect("the router answers");
        let status = response.status();
        let body = axum::body::to_bytes(response.into_body(), usize::MAX)
            .await
            .expect("a body");
        (status, body.to_vec())
    })
}

/// Percent-encodes everything but unreserved characters, so any value makes a valid URI.
fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn parameters_get_an_answer_or_a_located_client_error(
        endpoint in 0..ENDPOINTS.len(),
        picks in proptest::collection::vec((0usize..12, value(), any::<bool>()), 0..4),
    ) {
        let (path, known) = ENDPOINTS[endpoint];
        let mut names = Vec::new();
        let query: Vec<String> = picks
            .iter()
            .map(|(which, value, raw)| {
                let name = known.get(*which).copied().unwrap_or("bogus");
                names.push(name);
                let uri_safe = value.bytes().all(|b| {
                    b.is_ascii_alphanumeric() || b"-._~:@,%+=!$'()*;/?".contains(&b)
                });
                let value = if *raw && uri_safe {
                    value.clone()
                } else {
                    encode(value)
                };
                format!("{name}={value}")
            })
            .collect();
        let uri = format!("{path}?{}", query.join("&"));
        let (status, body) = get(&uri);
        prop_assert!(status != StatusCode::INTERNAL_SERVER_ERROR, "{} → 500: {}", uri, String::from_utf8_lossy(&body));
        if status != StatusCode::OK {
            prop_assert!(status.is_client_error(), "{} → {}", uri, status);
            let json: serde_json::Value = serde_json::from_slice(&body).expect("a JSON error");
            let message = json["error"].as_str().unwrap_or_default().to_string();
            let located = message.contains("query")
                || names.iter().any(|n| message.contains(&format!("`{n}`")));
            prop_assert!(located, "{} → {}: {}", uri, status, message);
        }
    }
}
