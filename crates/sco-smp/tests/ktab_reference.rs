//! Pins the SMP to KTAB's own log of `smpc --logmin --csv SOE-Pol-Comp.csv`
//! (`tests/fixtures/20170530_ref-SOE-Pol-Comp.txt`, from KTAB's repository):
//! every position and winning probability of every step, the per-step
//! "Fractional change" values, and the first step's challenges and bargains,
//! each to the precision KTAB printed.

mod common;

use common::{fixture, history_block, matches_printed};
use sco_smp::{run, Scenario, SmpConfig, SmpRun};

fn reference_log() -> String {
    std::fs::read_to_string(fixture("20170530_ref-SOE-Pol-Comp.txt")).unwrap()
}

fn soe_run() -> SmpRun {
    let scenario = Scenario::from_csv_path(fixture("SOE-Pol-Comp.csv")).unwrap();
    run(&scenario, &SmpConfig::default()).unwrap()
}

fn run_fixture(csv: &str) -> SmpRun {
    let scenario = Scenario::from_csv_path(fixture(csv)).unwrap();
    run(&scenario, &SmpConfig::default()).unwrap()
}

/// Compares every position and winning probability of `run` with KTAB's
/// printed history blocks; returns the mismatches.
fn compare_history(log: &str, run: &SmpRun) -> Vec<String> {
    let na = run.history[0].actors.len();
    let nd = run.dimensions.len();
    let positions = history_block(log, "History of actor positions over time", ":");
    let probs = history_block(log, "History of actors' winning probabilities", ", prob :");
    assert_eq!(positions.len(), na * nd, "position rows");
    assert_eq!(probs.len(), na, "probability rows");
    let mut mismatches = Vec::new();
    for (r, (label, values)) in positions.iter().enumerate() {
        let (actor, dim) = (r / nd, r % nd);
        assert!(label.starts_with(&format!("{},", run.history[0].actors[actor].name)));
        assert_eq!(values.len(), run.history.len(), "{label}: number of states");
        for (t, &printed) in values.iter().enumerate() {
            let mine = run.history[t].actors[actor].position[dim];
            if !matches_printed(mine, printed, 1) {
                mismatches.push(format!("{label} step {t}: KTAB {printed}, ours {mine:.4}"));
            }
        }
    }
    for (actor, (label, values)) in probs.iter().enumerate() {
        assert_eq!(label, &run.history[0].actors[actor].name);
        assert_eq!(values.len(), run.history.len(), "{label}: number of states");
        for (t, &printed) in values.iter().enumerate() {
            let mine = run.history[t].actors[actor].prob;
            if !matches_printed(mine, printed, 4) {
                mismatches.push(format!(
                    "{label} prob step {t}: KTAB {printed}, ours {mine:.6}"
                ));
            }
        }
    }
    mismatches
}

#[test]
fn soe_pol_comp_stops_after_27_steps_like_ktab() {
    let log = reference_log();
    let run = soe_run();
    assert!(log.contains("There were 28 states, with 27 steps between them"));
    assert_eq!(run.history.len(), 28);
    assert_eq!(run.stop_reason, sco_smp::StopReason::Converged);
}

#[test]
fn soe_pol_comp_every_position_and_probability_of_every_step_matches_ktab() {
    let mismatches = compare_history(&reference_log(), &soe_run());
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
}

#[test]
fn dummy_3dim_every_position_and_probability_of_every_step_matches_ktab() {
    // Excerpt of KTAB's 20170530_ref-dummyData_3Dim.txt (its closing history blocks).
    let log = std::fs::read_to_string(fixture("20170530_ref-dummyData_3Dim-excerpt.txt")).unwrap();
    let run = run_fixture("dummyData_3Dim.csv");
    assert!(log.contains("There were 11 states, with 10 steps between them"));
    assert_eq!(run.history.len(), 11);
    // KTAB's last line: "Fractional change compared to first step: 0.0045"
    let last = run.final_step().fractional_change.unwrap();
    assert!(matches_printed(last, 0.0045, 4), "{last}");
    let mismatches = compare_history(&log, &run);
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
}

#[test]
fn fractional_change_of_every_step_matches_ktab() {
    let log = reference_log();
    let printed: Vec<f64> = log
        .lines()
        .filter_map(|l| l.strip_prefix("Fractional change compared to first step: "))
        .map(|rest| rest.split_whitespace().next().unwrap().parse().unwrap())
        .collect();
    let run = soe_run();
    assert_eq!(printed.len(), run.steps());
    for (t, &p) in printed.iter().enumerate() {
        let mine = run.history[t + 1].fractional_change.unwrap();
        assert!(
            matches_printed(mine, p, 4),
            "step {}: KTAB {p}, ours {mine:.6}",
            t + 1
        );
    }
}

#[test]
fn first_step_challenges_and_bargains_match_ktab() {
    // Lines of the form "Est by  0 of prob 0.7676 that [ 0>10], with expected gain to  0 of +0.0456"
    // and "   0 proposes 0 adopt:  34.830  22.500" for turn 0.
    let log = reference_log();
    let turn0: Vec<&str> = log
        .lines()
        .skip_while(|l| !l.starts_with("Starting Model::run iteration 1"))
        .take_while(|l| !l.starts_with("Starting Model::run iteration 2"))
        .collect();
    let run = soe_run();
    let proposals = &run.history[1].bargains;
    let mut checked = 0;
    for (n, line) in turn0.iter().enumerate() {
        let Some(rest) = line.strip_prefix("In turn 0 actor ") else {
            continue;
        };
        let words: Vec<&str> = rest.split_whitespace().collect();
        let i: usize = words[0].parse().unwrap();
        let j: usize = words[5].parse().unwrap();
        let p = proposals
            .iter()
            .find(|p| p.initiator == i)
            .unwrap_or_else(|| panic!("KTAB has a bargain by actor {i}, we have none"));
        assert_eq!(p.receiver, j, "target of actor {i}");
        let est = |k: usize| -> (f64, f64) {
            let l = turn0[n + k];
            let after_prob: Vec<&str> = l
                .split("of prob ")
                .nth(1)
                .unwrap()
                .split_whitespace()
                .collect();
            let gain: f64 = l.rsplit(" of ").next().unwrap().trim().parse().unwrap();
            (after_prob[0].parse().unwrap(), gain)
        };
        // some lines carry an extra "turn ..., piiJ" warning first
        let offset = if turn0[n + 1].starts_with("turn ") {
            2
        } else {
            1
        };
        let (p_ii, g_ii) = est(offset);
        let (_, g_ij) = est(offset + 1);
        let (p_ji, g_ji) = est(offset + 2);
        let (_, g_jj) = est(offset + 3);
        assert!(
            matches_printed(p.init_win_prob, p_ii, 4),
            "actor {i}: {p:?}"
        );
        assert!(
            matches_printed(p.init_expected_gain, g_ii, 4),
            "actor {i}: {p:?}"
        );
        assert!(
            matches_printed(p.init_estimate_receiver_gain, g_ij, 4),
            "actor {i}: {p:?}"
        );
        assert!(
            matches_printed(p.rcvr_win_prob, p_ji, 4),
            "actor {i}: {p:?}"
        );
        assert!(
            matches_printed(p.rcvr_estimate_init_gain, g_ji, 4),
            "actor {i}: {p:?}"
        );
        assert!(
            matches_printed(p.rcvr_expected_gain, g_jj, 4),
            "actor {i}: {p:?}"
        );
        // the bargain from i's perspective follows a blank line
        let adopt = |k: usize| -> Vec<f64> {
            turn0[n + offset + k]
                .split("adopt:")
                .nth(1)
                .unwrap()
                .split_whitespace()
                .map(|x| x.parse().unwrap())
                .collect()
        };
        let (init_adopts, rcvr_adopts) = (adopt(6), adopt(7));
        for d in 0..2 {
            assert!(
                matches_printed(p.init_adopts[d], init_adopts[d], 3),
                "actor {i}: {p:?}"
            );
            assert!(
                matches_printed(p.rcvr_adopts[d], rcvr_adopts[d], 3),
                "actor {i}: {p:?}"
            );
        }
        checked += 1;
    }
    assert_eq!(checked, proposals.len());
    assert!(checked >= 10);
}
