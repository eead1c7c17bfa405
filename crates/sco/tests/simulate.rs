//! `sco simulate` and `sco sweep` as users see them: help, a small run, a small sweep, errors.

mod common;

use std::path::Path;

use common::Sco;

/// Runs `sco` in `dir` and returns exit code, stdout and stderr, with `dir` shown as `[OUT]`.
fn sco(args: &[&str], dir: &Path) -> String {
    Sco::new(args).in_temp_dir(dir).transcript()
}

#[test]
fn simulate_help() {
    let dir = tempfile::tempdir().unwrap();
    insta::assert_snapshot!(sco(&["simulate", "--help"], dir.path()));
}

#[test]
fn sweep_help() {
    let dir = tempfile::tempdir().unwrap();
    insta::assert_snapshot!(sco(&["sweep", "--help"], dir.path()));
}

#[test]
fn simulate_a_small_culture_grid() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("run");
    let out_text = out.display().to_string();
    let args = [
        "simulate", "culture", "--seed", "3", "--set", "width=5", "--set", "height=5", "--out",
        &out_text,
    ];
    insta::assert_snapshot!(sco(&args, dir.path()));
    for file in ["model_steps.parquet", "model_steps.csv", "metadata.json"] {
        assert!(out.join(file).is_file(), "{file}");
    }
    let metadata: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("metadata.json")).unwrap()).unwrap();
    assert_eq!(metadata["seed"], 3);
    assert_eq!(metadata["scenario"]["params"]["width"], 5);
}

#[test]
fn list_names_the_reference_models_and_their_parameters() {
    let dir = tempfile::tempdir().unwrap();
    let listing = Sco::new(&["simulate", "--list", "--json"]).json();
    let names: Vec<&str> = listing
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|m| m["name"].as_str())
        .collect();
    for model in ["culture", "schelling", "unanimity"] {
        assert!(names.contains(&model), "{names:?}");
    }
    let culture = listing
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["name"] == "culture")
        .unwrap();
    let params: Vec<&str> = culture["params"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|p| p["name"].as_str())
        .collect();
    assert_eq!(params, ["features", "traits", "width", "height"]);
    drop(dir);
}

#[test]
fn sweep_prints_mean_and_interval_per_combination() {
    let dir = tempfile::tempdir().unwrap();
    let args = [
        "sweep",
        "culture",
        "--set",
        "width=5",
        "--set",
        "height=5",
        "--set",
        "traits=3,12",
        "--runs",
        "8",
        "--seed",
        "2",
        "--out",
        "sweep",
        "--threads",
        "2",
    ];
    insta::assert_snapshot!(sco(&args, dir.path()));
    // The same sweep again is already complete: nothing is recomputed and the answer is the same.
    let again = sco(&args, dir.path());
    assert!(
        again.contains("resumed: 16 of 16 runs were already done"),
        "{again}"
    );
}

#[test]
fn sweep_shards_merge() {
    let dir = tempfile::tempdir().unwrap();
    let base = [
        "sweep",
        "unanimity",
        "--set",
        "trials=200",
        "--set",
        "members_end=4",
        "--runs",
        "6",
        "--chunk-size",
        "2",
    ];
    for shard in ["0/2", "1/2"] {
        let mut args = base.to_vec();
        args.extend(["--shard", shard, "--out", "sharded", "--json"]);
        let transcript = sco(&args, dir.path());
        assert!(transcript.starts_with("exit: 0"), "{transcript}");
    }
    let merged = sco(&["sweep", "merge", "sharded", "--json"], dir.path());
    assert!(merged.starts_with("exit: 0"), "{merged}");
    let mut whole = base.to_vec();
    whole.extend(["--out", "whole", "--json"]);
    sco(&whole, dir.path());
    assert_eq!(
        std::fs::read(dir.path().join("sharded/runs.parquet")).unwrap(),
        std::fs::read(dir.path().join("whole/runs.parquet")).unwrap()
    );
}

#[test]
fn errors_name_the_problem() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("bad.toml"),
        "model = \"culture\"\n[params]\nfeatures = 5\ntraits = \"ten\"\n",
    )
    .unwrap();
    let transcript = [
        sco(&["simulate", "culture", "--set", "traits=1"], dir.path()),
        sco(&["simulate", "bad.toml"], dir.path()),
        sco(&["simulate", "nosuchmodel"], dir.path()),
        sco(&["sweep", "culture", "--shard", "3/3"], dir.path()),
    ]
    .join("\n");
    insta::assert_snapshot!(transcript);
}

#[test]
fn design_files_with_comments_run_and_bad_cells_are_located() {
    let dir = tempfile::tempdir().unwrap();
    // What an EMA Workbench or SALib script writes (docs/simulation/engine.md), with provenance.
    std::fs::write(
        dir.path().join("design.csv"),
        "# EMA Workbench LHS, 2 scenarios\nfeatures,traits\n3,5\n# traits rounded from SALib\n5,12\n",
    )
    .unwrap();
    let good = sco(
        &[
            "sweep",
            "culture",
            "--design",
            "design.csv",
            "--set",
            "width=5",
            "--set",
            "height=5",
            "--runs",
            "3",
            "--out",
            "d",
            "--json",
        ],
        dir.path(),
    );
    assert!(good.starts_with("exit: 0\n"), "{good}");
    let runs = std::fs::read_to_string(dir.path().join("d").join("runs.csv")).unwrap();
    assert_eq!(runs.lines().count(), 1 + 2 * 3);
    std::fs::write(
        dir.path().join("bad.csv"),
        "# a comment\nfeatures,traits\n3,5\n\n5,12.5\n",
    )
    .unwrap();
    let bad = sco(&["sweep", "culture", "--design", "bad.csv"], dir.path());
    assert!(bad.starts_with("exit: 2\n"), "{bad}");
    assert!(
        bad.contains(
            "error: bad.csv:5:2: parameter `traits`: `12.5` is not valid, expected an integer"
        ),
        "{bad}"
    );
}
