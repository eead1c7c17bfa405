//! Every example input under `examples/` runs through the command its comments and `--help` name,
//! and gives the answer the README describes: a newcomer's first try must work.

mod common;

use std::path::{Path, PathBuf};

use common::Sco;

fn repository() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Runs `sco` from the repository root, as the README's commands are written, and reads its JSON.
fn json(args: &[&str]) -> serde_json::Value {
    Sco::new(args).current_dir(&repository()).json()
}

const PROFILE: &str = "examples/development-bank-2015.toml";
const KTAB: &str = "examples/development-bank-2015-ktab.csv";

#[test]
fn the_compromise_leans_to_china_on_both_dimensions() {
    let value = json(&["decide", "compromise", PROFILE, "--json"]);
    let rows = value.as_array().expect("one row per dimension");
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0]["dimension"], "institution");
    let institution = rows[0]["position"].as_f64().unwrap();
    let share = rows[1]["position"].as_f64().unwrap();
    assert!((institution - 96.618).abs() < 0.01, "{institution}");
    assert!((share - 62.795).abs() < 0.01, "{share}");
}

#[test]
fn russia_holds_the_binding_veto_on_the_compromise() {
    let value = json(&["decide", "winset", PROFILE, "--json"]);
    assert_eq!(value["winset"]["empty"], false);
    let projection = &value["projection"];
    assert_eq!(projection["prediction_passes"], false);
    assert_eq!(projection["veto"]["actor"], "RUS");
    let allowed = projection["allowed"].as_array().unwrap();
    // What consensus lets pass keeps China's share well below the compromise.
    assert!(allowed[1].as_f64().unwrap() < 50.0, "{allowed:?}");
}

#[test]
fn nash_bargaining_finds_an_agreement_over_the_status_quo() {
    let value = json(&["decide", "nash", PROFILE, "--json"]);
    assert_eq!(value["agreement"], true);
    let point = value["point"].as_array().unwrap();
    assert!(point[0].as_f64().unwrap() > 0.0, "a common body beats none");
}

#[test]
fn the_exchange_model_runs_its_ten_rounds() {
    let value = json(&["decide", "exchange", PROFILE, "--json"]);
    assert_eq!(value["rounds"].as_array().unwrap().len(), 10);
    assert_eq!(value["issues"].as_array().unwrap().len(), 2);
}

#[test]
fn the_expected_utility_model_runs_on_one_dimension() {
    let value = json(&[
        "decide",
        "eum",
        PROFILE,
        "--dimension",
        "china_share",
        "--json",
    ]);
    assert_eq!(value["dimension"], "china_share");
    assert!(value["run"].is_object() || value["run"].is_array());
}

#[test]
fn ktabs_model_converges_on_the_ktab_version_of_the_example() {
    let value = json(&["decide", "smp", KTAB, "--json"]);
    assert_eq!(value["stop_reason"], "Converged");
    assert_eq!(value["dimensions"].as_array().unwrap().len(), 2);
}
