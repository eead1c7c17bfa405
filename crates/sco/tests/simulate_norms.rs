//! `sco simulate` on the SCO scenario `norms` as users see it: the default scenario with no
//! name, a small hindcast written as a report, and errors in a norms scenario file.

use std::path::Path;
use std::process::Command;

/// Runs `sco` in `dir` and returns exit code, stdout and stderr, with `dir` shown as `[OUT]`.
fn sco(args: &[&str], dir: &Path) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_sco"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("sco runs");
    let text = format!(
        "exit: {}\n--- stdout\n{}--- stderr\n{}",
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    text.replace(&dir.display().to_string(), "[OUT]")
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
