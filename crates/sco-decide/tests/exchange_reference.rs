//! Stokman's exchange model against the reference implementation decide-exchange-model
//! (PyPI 2022.1.28) on its COP21 example: the mean position of every issue in every round,
//! and every actor's position, must agree to 1e-6. How the reference numbers were made is
//! in `tests/fixtures/exchange/README.md`.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use sco_decide::exchange::{run, ExchangeConfig, ExchangeRun};
use sco_decide::load::load_path;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/exchange")
        .join(name)
}

fn cop21_run() -> &'static ExchangeRun {
    static RUN: OnceLock<ExchangeRun> = OnceLock::new();
    RUN.get_or_init(|| {
        let profile = load_path(&fixture("cop21.csv")).expect("cop21.csv loads as it is");
        run(&profile, &ExchangeConfig::default())
    })
}

fn read_rows(name: &str) -> Vec<Vec<String>> {
    let text = std::fs::read_to_string(fixture(name)).expect("reference file");
    text.lines()
        .skip(1)
        .map(|l| l.split(',').map(str::to_string).collect())
        .collect()
}

#[test]
fn mean_position_per_issue_per_round_matches_decide_to_1e_6() {
    let run = cop21_run();
    let issue_index: HashMap<&str, usize> = run
        .issues
        .iter()
        .enumerate()
        .map(|(i, n)| (n.as_str(), i))
        .collect();
    let rows = read_rows("cop21-equal-gain-means.csv");
    assert_eq!(
        rows.len(),
        10 * 13 * 2,
        "10 rounds x 13 issues x (start, voting)"
    );
    let mut worst: f64 = 0.0;
    for row in &rows {
        let round: usize = row[0].parse().unwrap();
        let issue = issue_index[row[2].as_str()];
        let expected: f64 = row[3].parse().unwrap();
        let state = &run.rounds[round].issues[issue];
        let got = match row[1].as_str() {
            "preference" => state.start_mean,
            "voting" => state.voting_mean,
            other => panic!("unknown kind {other}"),
        };
        let diff = (got - expected).abs();
        worst = worst.max(diff);
        assert!(
            diff < 1e-6,
            "round {round} issue {} ({}): got {got}, decide {expected}",
            row[2],
            row[1]
        );
    }
    eprintln!("largest difference in a mean: {worst:e}");
}

#[test]
fn every_actor_position_matches_decide_to_1e_6() {
    let run = cop21_run();
    let issue_index: HashMap<&str, usize> = run
        .issues
        .iter()
        .enumerate()
        .map(|(i, n)| (n.as_str(), i))
        .collect();
    let actor_index: HashMap<&str, usize> = run
        .actors
        .iter()
        .enumerate()
        .map(|(i, n)| (n.as_str(), i))
        .collect();
    let rows = read_rows("cop21-equal-gain-positions.csv");
    assert!(rows.len() > 3000);
    for row in &rows {
        let round: usize = row[0].parse().unwrap();
        let issue = issue_index[row[2].as_str()];
        let actor = actor_index[row[3].as_str()];
        let expected: f64 = row[4].parse().unwrap();
        let state = &run.rounds[round].issues[issue];
        let got = match row[1].as_str() {
            "preference" => state.start_positions[actor],
            _ => state.voting_positions[actor],
        }
        .expect("actor has a stance");
        assert!(
            (got - expected).abs() < 1e-6,
            "round {round} {} {} ({}): got {got}, decide {expected}",
            row[2],
            row[3],
            row[1]
        );
    }
}

#[test]
fn exchanges_happen_and_shift_the_outcome() {
    let run = cop21_run();
    assert_eq!(run.rounds.len(), 10);
    // decide executed 127 exchanges in the first round of this run.
    assert_eq!(run.rounds[0].exchanges.len(), 127);
    for e in &run.rounds[0].exchanges {
        assert!(e.gain > 0.0);
    }
}
