//! `sco calibrate world`, `sco evaluate world` and `sco simulate world` as users see them.

mod common;

use common::Sco;

#[test]
fn evaluate_prints_the_documented_json_shape() {
    let doc = Sco::new(&[
        "evaluate",
        "world",
        "--json",
        "--origins",
        "2012,2016",
        "--horizons",
        "1,2",
        "--runs",
        "10",
    ])
    .json();
    let targets = doc["targets"].as_array().unwrap();
    assert_eq!(targets.len(), 8);
    for t in targets {
        assert!(t["name"].is_string());
        assert!(t["n"].is_u64());
        for forecaster in ["model", "persistence", "trend", "ar1"] {
            assert!(t["scores"][forecaster]["crps"].is_number(), "{t}");
            assert!(t["scores"][forecaster]["rmse"].is_number(), "{t}");
        }
        assert!(t["coverage90"].is_number());
        assert!(t["mc_se"]["crps"].is_number());
    }
    assert_eq!(doc["origins"], serde_json::json!([2012, 2016]));
    assert_eq!(doc["calibrations"][0]["calibration_origin"], 2012);
}

#[test]
fn evaluate_table_says_where_the_model_fails() {
    let out = Sco::new(&[
        "evaluate",
        "world",
        "--origins",
        "2012",
        "--horizons",
        "1",
        "--runs",
        "10",
    ])
    .output();
    assert!(out.status.success());
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stdout.contains("ideal_point") && stdout.contains("AR(1)"),
        "{stdout}"
    );
    assert!(
        stderr.contains("origin 2012: calibrated at 2012"),
        "{stderr}"
    );
    assert!(
        stderr.contains("fails to beat a baseline")
            || stderr.contains("beats persistence, the trend and AR(1)"),
        "{stderr}"
    );
}

#[test]
fn leave_one_out_holds_each_state_out_and_reports_it() {
    let args = [
        "evaluate",
        "world",
        "--origins",
        "2012",
        "--horizons",
        "1",
        "--runs",
        "10",
        "--leave-one-out",
        "--loso-budget",
        "40",
    ];
    let mut json_args = args.to_vec();
    json_args.push("--json");
    let doc = Sco::new(&json_args).json();
    let loso = &doc["leave_one_state_out"];
    assert_eq!(loso["budget"], 40);
    assert_eq!(loso["kept"], 10);
    assert!(loso["scope"]
        .as_str()
        .unwrap()
        .contains("never see the held-out state"));
    let targets = loso["targets"].as_array().unwrap();
    assert_eq!(targets.len(), 8);
    for t in targets {
        for forecaster in ["held_out", "with_state", "persistence", "trend", "ar1"] {
            assert!(t[forecaster]["crps"].is_number(), "{t}");
        }
    }
    assert!(loso["states"].as_array().unwrap().len() > 20);
    // Without the flag, no such member.
    let plain = Sco::new(&[
        "evaluate",
        "world",
        "--origins",
        "2012",
        "--horizons",
        "1",
        "--runs",
        "10",
        "--json",
    ])
    .json();
    assert!(plain.get("leave_one_state_out").is_none());
    // People get a second table and the failures in words.
    let out = Sco::new(&args).output();
    assert!(out.status.success());
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("Leave one state out (40 draws per origin, 10 kept)"),
        "{stdout}"
    );
    assert!(stdout.contains("CRPS held out"), "{stdout}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("fitted without the state it forecasts")
            || stderr.contains("With each state held out"),
        "{stderr}"
    );
    // The budget needs the flag.
    let out = Sco::new(&["evaluate", "world", "--loso-budget", "40"]).output();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn world_commands_read_the_ledger_given() {
    // Uzbekistan withdraws in 2010 in this ledger: its SCO status after 2010 is scored against
    // that history, and the stored calibrations (made on the embedded ledger) are flagged.
    let ledger = common::ledger_where_uzbekistan_withdraws_in_2010();
    let args = [
        "evaluate",
        "world",
        "--origins",
        "2012",
        "--horizons",
        "1",
        "--runs",
        "10",
        "--json",
    ];
    let embedded = Sco::new(&args).json();
    let out = Sco::new(&args).ledger(ledger.path()).output();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("made on other data than these"), "{stderr}");
    let edited = common::without_provenance(serde_json::from_slice(&out.stdout).expect("JSON"));
    let status = |doc: &serde_json::Value| {
        doc["targets"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["name"] == "sco_status")
            .expect("sco_status")["scores"]["persistence"]["crps"]
            .clone()
    };
    assert_ne!(
        status(&embedded),
        status(&edited),
        "the edited statuses are scored"
    );
    // A ledger that cannot be read is bad input, as for every other command.
    let out = Sco::new(&["evaluate", "world", "--runs", "10"])
        .ledger(std::path::Path::new("/nonexistent-ledger"))
        .output();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn calibrate_writes_the_same_bytes_on_any_thread_count_and_evaluate_uses_it() {
    let dir = tempfile::tempdir().unwrap();
    let one = dir.path().join("one/origin-2012.json");
    let two = dir.path().join("two/origin-2012.json");
    for (file, threads) in [(&one, "1"), (&two, "2")] {
        let status = std::process::Command::new(env!("CARGO_BIN_EXE_sco"))
            .args([
                "calibrate",
                "world",
                "--origin",
                "2012",
                "--budget",
                "30",
                "--threads",
                threads,
                "--out",
            ])
            .arg(file)
            .output()
            .unwrap();
        assert!(
            status.status.success(),
            "{}",
            String::from_utf8_lossy(&status.stderr)
        );
    }
    assert_eq!(std::fs::read(&one).unwrap(), std::fs::read(&two).unwrap());
    let text = std::fs::read_to_string(&one).unwrap();
    assert!(
        text.contains("\"budget\": 30")
            && text.contains("sco calibrate world --origin 2012 --budget 30 --seed 2012")
    );
    // An origin without its own calibration uses the latest earlier one, and says so.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_sco"))
        .args([
            "evaluate",
            "world",
            "--origins",
            "2016",
            "--horizons",
            "1",
            "--runs",
            "10",
            "--calibrations",
        ])
        .arg(one.parent().unwrap())
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr)
        .contains("no calibration at 2016: used the latest made on earlier data, at 2012"));
}

#[test]
fn bad_input_exits_2_with_a_reason() {
    for (args, needle) in [
        (vec!["evaluate", "norms"], "only `world`"),
        (
            vec!["evaluate", "world", "--module", "gravity=off"],
            "unknown module `gravity`",
        ),
        (
            vec!["evaluate", "world", "--origins", "1990"],
            "origin 1990",
        ),
        (
            vec![
                "calibrate",
                "world",
                "--origin",
                "1999",
                "--budget",
                "5",
                "--out",
                "/nonexistent/x.json",
            ],
            "origin 1999",
        ),
        (
            vec!["simulate", "world", "--counterfactual", "nope"],
            "unknown counterfactual `nope`",
        ),
    ] {
        let out = Sco::new(&args).output();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(needle), "{args:?}: {stderr}");
    }
}

#[test]
fn simulate_lists_counterfactuals_and_writes_a_report() {
    let list = Sco::new(&["simulate", "world", "--list-counterfactuals", "--json"]).json();
    let names: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "no-india-pakistan-2017",
            "iran-admitted-2008",
            "us-bases-kept",
            "development-bank-2010",
            "russia-no-sanctions"
        ]
    );
    let dir = tempfile::tempdir().unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_sco"))
        .args([
            "simulate",
            "world",
            "--runs",
            "10",
            "--counterfactual",
            "iran-admitted-2008",
            "--json",
            "--out",
        ])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(!doc["differences"].as_array().unwrap().is_empty());
    for file in [
        "report.md",
        "evaluation.json",
        "counterfactual.json",
        "fan-ideal_point.png",
        "fan-sco_status.svg",
    ] {
        assert!(dir.path().join(file).is_file(), "{file} missing");
    }
    let report = std::fs::read_to_string(dir.path().join("report.md")).unwrap();
    assert!(report.contains("Where the model fails to beat a baseline"));
    assert!(report.contains("Ablation by pattern"));
}
