//! What users see from `sco decide eum | exchange | compromise | nash | winset`: tables,
//! tidy CSV, JSON, and the error for a profile without a status quo (exit code 2).

mod common;

use std::path::PathBuf;
use std::process::Output;

use common::{stdout, Sco};

fn fixtures() -> PathBuf {
    common::fixtures("sco-decide")
}

/// Runs `sco` in the fixtures folder (so file names in messages stay relative).
fn sco(args: &[&str]) -> Output {
    Sco::new(args).current_dir(&fixtures()).output()
}

#[test]
fn eum_table_of_the_eu_emissions_example() {
    let out = sco(&["decide", "eum", "eum/eu-emissions-1994.csv"]);
    assert_eq!(out.status.code(), Some(0));
    insta::assert_snapshot!(stdout(&out));
}

#[test]
fn eum_switches_are_listed_with_their_values() {
    let out = sco(&["decide", "eum", "--list-switches"]);
    assert_eq!(out.status.code(), Some(0));
    insta::assert_snapshot!(stdout(&out));
}

#[test]
fn eum_against_scholz_table_2() {
    let out = sco(&[
        "decide",
        "eum",
        "eum/eu-emissions-1994.csv",
        "--target",
        "eum/scholz-2011-table2.csv",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    assert!(
        text.contains("14 of 18 values agree when the model's are cut"),
        "{text}"
    );
    insta::assert_snapshot!(text);
}

#[test]
fn eum_switch_changes_the_run_and_its_json_records_it() {
    let json = |extra: &[&str]| -> serde_json::Value {
        let mut args = vec!["decide", "eum", "eum/eu-emissions-1994.csv", "--json"];
        args.extend_from_slice(extra);
        let out = sco(&args);
        assert_eq!(out.status.code(), Some(0));
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let preset = json(&[]);
    let pairwise = json(&["--switch", "probability=pairwise"]);
    assert_eq!(preset["config"]["probability"], "AllPairs");
    assert_eq!(pairwise["config"]["probability"], "Pairwise");
    assert_ne!(preset["run"]["rounds"], pairwise["run"]["rounds"]);
}

#[test]
fn eum_search_ranks_switch_combinations_against_the_table() {
    let mut args = vec![
        "decide",
        "eum",
        "eum/eu-emissions-1994.csv",
        "--target",
        "eum/scholz-2011-table2.csv",
        "--search",
        "--top",
        "5",
    ];
    // Vary only compromise, capitulation and median (12 combinations) to keep the test fast.
    for fixed in [
        "probability=all-pairs",
        "vote-risk=current",
        "challenge-view=receiver",
        "reference=median",
        "offers=receiver-classifies",
        "update=simultaneous",
        "risk-scope=across-actors",
        "risk-start=neutral",
        "scale=initial",
        "mean=capability-salience",
    ] {
        args.extend(["--switch", fixed]);
    }
    let out = sco(&args);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    assert!(text.contains("12 combinations of 3 switches"), "{text}");
    assert!(text.contains("Best agreement: 14 of 18 values"), "{text}");
    insta::assert_snapshot!(text);
}

#[test]
fn eum_bad_switches_are_bad_input() {
    for (switch, says) in [
        (
            "probability=sometimes",
            "expected one of all-pairs, pairwise, net-pairwise",
        ),
        ("colour=red", "no switch `colour`"),
        ("q=1.5", "outside 0..=1"),
        ("probability", "expected NAME=VALUE"),
    ] {
        let out = sco(&[
            "decide",
            "eum",
            "eum/eu-emissions-1994.csv",
            "--switch",
            switch,
        ]);
        assert_eq!(out.status.code(), Some(2), "{switch}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(says), "{switch}: {stderr}");
    }
}

#[test]
fn exchange_csv_of_two_cop21_rounds() {
    let out = sco(&[
        "decide",
        "exchange",
        "exchange/cop21.csv",
        "--rounds",
        "2",
        "--csv",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    assert_eq!(text.lines().count(), 1 + 2 * 13);
    insta::assert_snapshot!(text);
}

#[test]
fn compromise_csv() {
    let out = sco(&["decide", "compromise", "cases/three-actors.toml", "--csv"]);
    assert_eq!(out.status.code(), Some(0));
    insta::assert_snapshot!(stdout(&out));
}

#[test]
fn nash_table() {
    let out = sco(&["decide", "nash", "cases/three-actors.toml"]);
    assert_eq!(out.status.code(), Some(0));
    insta::assert_snapshot!(stdout(&out));
}

#[test]
fn winset_table_with_veto_and_reservation() {
    let out = sco(&["decide", "winset", "cases/three-actors.toml"]);
    assert_eq!(out.status.code(), Some(0));
    insta::assert_snapshot!(stdout(&out));
}

#[test]
fn winset_json_for_a_given_prediction() {
    let out = sco(&[
        "decide",
        "winset",
        "cases/three-actors.toml",
        "--metric",
        "euclidean",
        "--prediction",
        "6,6",
        "--json",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        json["projection"]["prediction"],
        serde_json::json!([6.0, 6.0])
    );
    assert_eq!(json["winset"]["empty"], serde_json::json!(false));
}

#[test]
fn winset_without_status_quo_is_bad_input() {
    let out = sco(&["decide", "winset", "eum/eu-emissions-1994.csv"]);
    assert_eq!(out.status.code(), Some(2));
    insta::assert_snapshot!(String::from_utf8(out.stderr).unwrap());
}
