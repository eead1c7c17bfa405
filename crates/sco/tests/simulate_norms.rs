//! `sco simulate` on the SCO scenario `norms` as users see it: the default scenario with no
//! name, a small hindcast written as a report, and errors in a norms scenario file.

mod common;

use std::path::Path;

use common::Sco;

/// Runs `sco` in `dir` and returns exit code, stdout and stderr, with `dir` shown as `[OUT]`.
fn sco(args: &[&str], dir: &Path) -> String {
    Sco::new(args).in_temp_dir(dir).transcript()
}

#[test]
fn simulate_with_no_name_runs_the_norms_hindcast() {
    let dir = tempfile::tempdir().unwrap();
    insta::assert_snapshot!(sco(
        &["simulate", "--runs", "4", "--threads", "2"],
        dir.path()
    ));
    let out = dir.path().join("out/simulate/norms-hindcast");
    for file in [
        "report.md",
        "fan_chart.png",
        "fan_chart.svg",
        "hindcast_errors.csv",
        "agent_steps.parquet",
        "metadata.json",
    ] {
        assert!(out.join(file).is_file(), "{file} missing");
    }
    // The same command on one thread writes the same bytes.
    let again = dir.path().join("again");
    let again_text = again.display().to_string();
    sco(
        &[
            "simulate",
            "norms",
            "--runs",
            "4",
            "--threads",
            "1",
            "--out",
            &again_text,
        ],
        dir.path(),
    );
    for file in [
        "hindcast_paths.csv",
        "agent_steps.parquet",
        "report.md",
        "fan_chart.svg",
    ] {
        assert_eq!(
            std::fs::read(out.join(file)).unwrap(),
            std::fs::read(again.join(file)).unwrap(),
            "{file}"
        );
    }
}

#[test]
fn norms_scenario_errors_name_file_line_and_field() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("bad.toml"),
        "model = \"norms\"\n[params]\nsimilarity_width = -1\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("late.toml"),
        "model = \"norms\"\n[params]\nstart_year = 2020\nend_year = 2010\n",
    )
    .unwrap();
    let transcript = [
        sco(&["simulate", "bad.toml"], dir.path()),
        sco(&["simulate", "late.toml", "--runs", "2"], dir.path()),
        sco(&["simulate", "norms", "--set", "index=freedom"], dir.path()),
    ]
    .join("\n");
    insta::assert_snapshot!(transcript);
}

/// Runs `sco simulate norms` (2 runs) into `work/name`, with the ledger in `ledger` when
/// given, and returns the report's metadata and the hindcast paths it wrote.
fn norms_run(work: &Path, name: &str, ledger: Option<&Path>) -> (serde_json::Value, String) {
    let out = work.join(name);
    let out_text = out.display().to_string();
    let mut sco = Sco::new(&["simulate", "norms", "--runs", "2", "--out", &out_text]);
    if let Some(ledger) = ledger {
        sco = sco.ledger(ledger);
    }
    let output = sco.current_dir(work).output();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let metadata = std::fs::read_to_string(out.join("metadata.json")).unwrap();
    let paths = std::fs::read_to_string(out.join("hindcast_paths.csv")).unwrap();
    (serde_json::from_str(&metadata).unwrap(), paths)
}

#[test]
fn simulate_norms_reads_statuses_from_the_ledger_in_use() {
    let work = tempfile::tempdir().unwrap();
    let copy = common::copy_ledger();
    let edited = common::ledger_where_uzbekistan_withdraws_in_2010();
    let (embedded_meta, embedded_paths) = norms_run(work.path(), "embedded", None);
    let (copy_meta, copy_paths) = norms_run(work.path(), "copy", Some(copy.path()));
    let (edited_meta, edited_paths) = norms_run(work.path(), "edited", Some(edited.path()));

    // The same statuses from a ledger directory: the same label and the same bytes.
    assert!(embedded_meta["inputs"]
        .as_str()
        .unwrap()
        .starts_with("SCO statuses "));
    assert_eq!(embedded_meta["inputs"], copy_meta["inputs"]);
    assert_eq!(embedded_paths, copy_paths);
    // Uzbekistan out of the SCO from 2010: another label and other paths.
    assert_ne!(embedded_meta["inputs"], edited_meta["inputs"]);
    assert_ne!(embedded_paths, edited_paths);
}

#[test]
fn a_sweep_plan_records_the_statuses_it_read() {
    let work = tempfile::tempdir().unwrap();
    let edited = common::ledger_where_uzbekistan_withdraws_in_2010();
    let plan = |name: &str, ledger: Option<&Path>| -> serde_json::Value {
        let out = work.path().join(name);
        let out_text = out.display().to_string();
        let mut sco = Sco::new(&["sweep", "norms", "--runs", "2", "--out", &out_text]);
        if let Some(ledger) = ledger {
            sco = sco.ledger(ledger);
        }
        let output = sco.current_dir(work.path()).output();
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        serde_json::from_str(&std::fs::read_to_string(out.join("plan.json")).unwrap()).unwrap()
    };
    let embedded = plan("embedded", None);
    let edited = plan("edited", Some(edited.path()));
    assert!(embedded["inputs"].is_string());
    assert_ne!(embedded["inputs"], edited["inputs"]);
}
