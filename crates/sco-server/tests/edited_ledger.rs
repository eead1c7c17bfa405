//! The server answers from the ledger it is given (`sco --ledger DIR serve`), not the embedded one.

use std::path::Path;

mod common;

use axum::http::StatusCode;
use sco_server::{AppState, Clock};
use serde_json::Value;

/// A copy of the repository's ledger in which Uzbekistan leaves on 1 January 2010 (a
/// counterfactual that no embedded answer could give).
fn ledger_where_uzbekistan_withdraws_in_2010() -> tempfile::TempDir {
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/ledger");
    let dir = tempfile::tempdir().expect("a temporary directory");
    for name in sco_ledger::LEDGER_FILE_NAMES {
        std::fs::copy(source.join(name), dir.path().join(name)).expect("ledger file copied");
    }
    let status = dir.path().join("status.toml");
    let mut text = std::fs::read_to_string(&status).expect("status.toml");
    text.push_str("\n[[status]]\ndate = \"2010-01-01\"\nstate = \"UZB\"\nchange = \"withdrawn\"\nsources = [{ id = \"seed-003\", at = \"counterfactual for a test\" }]\n");
    std::fs::write(&status, text).expect("status.toml written");
    dir
}

fn get(state: &AppState, uri: &str) -> Value {
    let reply = common::send(state, "GET", uri);
    assert_eq!(reply.status, StatusCode::OK, "{uri}");
    reply.json()
}

fn member_codes(rows: &Value) -> Vec<String> {
    rows.as_array()
        .expect("an array")
        .iter()
        .filter(|r| r["status"] == "member")
        .map(|r| r["iso3"].as_str().expect("a code").to_string())
        .collect()
}

#[test]
fn an_edited_ledger_is_served() {
    let dir = ledger_where_uzbekistan_withdraws_in_2010();
    let today = chrono::NaiveDate::from_ymd_opt(2024, 7, 4).expect("a date");
    let state = AppState::load(Some(dir.path()), Clock::Fixed(today)).expect("the copy loads");
    let before = member_codes(&get(&state, "/api/members?date=2009-12-31"));
    let after = member_codes(&get(&state, "/api/members?date=2010-01-01"));
    assert!(before.contains(&"UZB".to_string()), "{before:?}");
    assert!(!after.contains(&"UZB".to_string()), "{after:?}");
    let series = get(&state, "/api/members/series?from=2009&to=2010");
    assert_eq!(series[0]["members"], 6);
    assert_eq!(series[1]["members"], 5);
    // The weight's SCO membership comes from the same ledger.
    let weight = get(&state, "/api/weight?date=2012-01-01&measures=population");
    assert!(!weight["members"]
        .as_array()
        .expect("members")
        .iter()
        .any(|c| c == "UZB"));
    // And so does a case's membership given as a date.
    let case = get(
        &state,
        "/api/cases/foreign-bases-2005?model=compromise&membership=2012-01-01",
    );
    let members = case["run"]["members"].as_array().expect("members");
    assert!(!members.iter().any(|c| c == "UZB"), "{members:?}");
}
