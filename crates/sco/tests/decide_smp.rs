//! What users see from `sco decide smp`: the summary table, tidy CSV, the
//! JSON history, and the error for a broken scenario (exit code 2).

mod common;

use std::path::PathBuf;
use std::process::Output;

use common::{stdout, Sco};

fn fixtures() -> PathBuf {
    common::fixtures("sco-smp")
}

/// Runs `sco` in `dir` (so file names in messages stay relative).
fn sco(dir: &std::path::Path, args: &[&str]) -> Output {
    Sco::new(args).current_dir(dir).output()
}

#[test]
fn smp_summary_table_of_the_ktab_reference_scenario() {
    let out = sco(&fixtures(), &["decide", "smp", "SOE-Pol-Comp.csv"]);
    assert_eq!(out.status.code(), Some(0));
    insta::assert_snapshot!(stdout(&out));
}

#[test]
fn smp_tidy_csv_rows() {
    let out = sco(
        &fixtures(),
        &[
            "decide",
            "smp",
            "dummyData_3Dim.csv",
            "--csv",
            "--max-steps",
            "2",
        ],
    );
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    // 3 states x 7 actors x 3 dimensions, plus the header
    assert_eq!(text.lines().count(), 1 + 3 * 7 * 3);
    insta::assert_snapshot!(text);
}

#[test]
fn smp_json_history_of_one_step() {
    let out = sco(
        &fixtures(),
        &[
            "decide",
            "smp",
            "dummyData_3Dim.csv",
            "--json",
            "--max-steps",
            "1",
        ],
    );
    assert_eq!(out.status.code(), Some(0));
    insta::assert_snapshot!(common::redact_digests(&stdout(&out)));
}

#[test]
fn smp_json_has_one_history_entry_per_state_with_actors_in_input_order() {
    let out = sco(
        &fixtures(),
        &["decide", "smp", "SOE-Pol-Comp.csv", "--json"],
    );
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let history = v["history"].as_array().unwrap();
    // KTAB's reference log: 28 states
    assert_eq!(history.len(), 28);
    let names: Vec<&str> = history[0]["actors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["name"].as_str().unwrap())
        .collect();
    assert_eq!(names[..3], ["XJ", "LK", "ZG"]);
    assert_eq!(names.len(), 13);
    let last = &history[27]["actors"][0];
    assert_eq!(last["position"].as_array().unwrap().len(), 2);
    // KTAB: XJ's final position 43.2 / 43.3, winning probability 0.2299
    assert!((last["position"][0].as_f64().unwrap() - 43.2).abs() <= 0.05);
    assert!((last["prob"].as_f64().unwrap() - 0.2299).abs() <= 0.00005);
}

#[test]
fn smp_rejects_a_broken_scenario_with_file_line_and_field() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("broken.csv"),
        "Broken,Salience too high,3,1,\nActor,Desc,Power,Pos,Sal,\nA,a,10,20,50,\nB,b,20,40,160,\nC,c,30,80,70,\n",
    )
    .unwrap();
    let out = sco(dir.path(), &["decide", "smp", "broken.csv"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    insta::assert_snapshot!(String::from_utf8(out.stderr).unwrap());
}

#[test]
fn smp_missing_file_is_bad_input() {
    let dir = tempfile::tempdir().unwrap();
    let out = sco(dir.path(), &["decide", "smp", "no-such-file.csv"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn smp_options_are_listed_with_ktab_defaults() {
    let out = sco(&fixtures(), &["decide", "smp", "--list-switches"]);
    assert_eq!(out.status.code(), Some(0));
    insta::assert_snapshot!(stdout(&out));
}

#[test]
fn smp_switch_changes_the_run_and_is_recorded() {
    let run = |extra: &[&str]| -> serde_json::Value {
        let mut args = vec![
            "decide",
            "smp",
            "SOE-Pol-Comp.csv",
            "--json",
            "--max-steps",
            "3",
        ];
        args.extend_from_slice(extra);
        let out = sco(&fixtures(), &args);
        assert_eq!(out.status.code(), Some(0));
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let default = run(&[]);
    let cubic = run(&["--switch", "victory-prob-model=quartic"]);
    assert_eq!(default["config"]["victory_prob_model"], "Linear");
    assert_eq!(cubic["config"]["victory_prob_model"], "Quartic");
    assert_ne!(default["history"], cubic["history"]);
    let out = sco(
        &fixtures(),
        &[
            "decide",
            "smp",
            "SOE-Pol-Comp.csv",
            "--switch",
            "voting-rule=loud",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("prop-cbc"));
}
