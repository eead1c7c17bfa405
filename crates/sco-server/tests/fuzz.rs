//! Property tests of the query parameters: any value of any known parameter (and unknown,
//! repeated or undecodable ones) gets 200 or a client error whose JSON names the parameter or
//! the query, never a 500 or a panic. Few cases by default; set `PROPTEST_CASES` for more.

mod common;

use std::sync::OnceLock;

use axum::http::StatusCode;
use common::{embedded_state, send};
use proptest::prelude::*;

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

/// Endpoints whose every parameter the test draws: the server's own catalogue (`GET /api`), so a
/// parameter added to an endpoint is fuzzed at once. Left out: paths with a placeholder, and the
/// Monte Carlo and series endpoints, whose cost the load test covers.
fn endpoints() -> &'static [(String, Vec<String>)] {
    static ENDPOINTS: OnceLock<Vec<(String, Vec<String>)>> = OnceLock::new();
    ENDPOINTS.get_or_init(|| {
        let catalogue = send(&embedded_state(), "GET", "/api").json();
        catalogue
            .as_array()
            .expect("the catalogue is an array")
            .iter()
            .map(|e| {
                let path = e["path"].as_str().expect("a path").to_string();
                let known = e["parameters"]
                    .as_array()
                    .expect("parameters")
                    .iter()
                    .map(|p| p.as_str().expect("a name").to_string())
                    .collect();
                (path, known)
            })
            .filter(|(path, _)| {
                !path.contains('{')
                    && ![
                        "/api/expansion",
                        "/api/weight/series",
                        "/api/cohesion/series",
                        "/api/scenarios/norms/hindcast",
                        "/api/scenarios/world/hindcast",
                    ]
                    .contains(&path.as_str())
            })
            .collect()
    })
}

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
        endpoint in 0..endpoints().len(),
        picks in proptest::collection::vec((0usize..12, value(), any::<bool>()), 0..4),
    ) {
        let (path, known) = &endpoints()[endpoint];
        let mut names = Vec::new();
        let query: Vec<String> = picks
            .iter()
            .map(|(which, value, raw)| {
                let name = known.get(*which).map_or("bogus", String::as_str);
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
        let reply = send(&embedded_state(), "GET", &uri);
        let (status, body) = (reply.status, reply.body);
        prop_assert!(status != StatusCode::INTERNAL_SERVER_ERROR, "{} → 500: {}", uri, String::from_utf8_lossy(&body));
        if status != StatusCode::OK {
            prop_assert!(status.is_client_error(), "{} → {}", uri, status);
            let json: serde_json::Value = serde_json::from_slice(&body).expect("a JSON error");
            let message = json["error"].as_str().unwrap_or_default().to_string();
            // Names the query, a parameter given, or one the endpoint requires.
            let located = message.contains("query")
                || names.iter().any(|n| message.contains(&format!("`{n}`")))
                || known.iter().any(|n| message.contains(&format!("`{n}`")));
            prop_assert!(located, "{} → {}: {}", uri, status, message);
        }
    }
}
