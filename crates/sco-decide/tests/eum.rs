//! The expected utility model on the 1994 EU car-emissions example.
//!
//! 1. With the switches of Scholz's code ([`EumConfig::scholz_code`]) the model reproduces the
//!    public implementation jmckib/bdm-scholz-expected-utility-model to 1e-12, every round.
//! 2. Against Scholz, Calbert & Smith (2011), Table 2: no combination of the switches
//!    reproduces all 16 published values (the example `eum_switches` tries 39,936). The
//!    closest, the Scholz-code switches, agrees on 13 of 16 when the model's values are cut
//!    (not rounded) to one decimal; the test pins exactly which agree.

use std::path::{Path, PathBuf};

use sco_decide::eum::*;
use sco_decide::load::load_path;
use sco_decide::IssueActor;

/// Scholz, Calbert & Smith (2011), Table 2: median and mean after rounds 1–8.
const TABLE2_MEDIAN: [f64; 8] = [8.4, 9.9, 9.9, 9.9, 9.9, 7.4, 8.8, 9.6];
const TABLE2_MEAN: [f64; 8] = [7.4, 7.5, 7.6, 7.3, 7.3, 7.4, 7.5, 7.6];

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/eum")
        .join(name)
}

fn emissions() -> Vec<IssueActor> {
    load_path(&fixture("eu-emissions-1994.csv"))
        .expect("fixture loads")
        .issue(0)
}

fn cut(v: f64) -> f64 {
    (v * 10.0 + 1e-9).floor() / 10.0
}

#[test]
fn round_zero_is_the_input() {
    let run = run(&emissions(), &EumConfig::scholz_code(0)).unwrap();
    assert_eq!(run.rounds.len(), 1);
    assert_eq!(run.rounds[0].median, 7.0);
    assert!((run.rounds[0].mean - 7.38996).abs() < 5e-6);
}

#[test]
fn scholz_code_switches_reproduce_jmckib_every_round() {
    let actors = emissions();
    let run = run(&actors, &EumConfig::scholz_code(10)).unwrap();
    let index = |name: &str| actors.iter().position(|a| a.name == name).unwrap();
    let (be, lu, ie) = (index("Belgium"), index("Luxembourg"), index("Ireland"));
    let text = std::fs::read_to_string(fixture("bdm-scholz-reference.csv")).unwrap();
    for line in text.lines().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        let round: usize = f[0].parse().unwrap();
        let r = &run.rounds[round];
        let expect = |i: usize| -> f64 { f[i].parse().unwrap() };
        assert!(
            (r.mean - expect(1)).abs() < 1e-12,
            "round {round} mean {}",
            r.mean
        );
        assert!(
            (r.positions[be] - expect(2)).abs() < 1e-12,
            "round {round} Belgium"
        );
        assert!(
            (r.positions[lu] - expect(3)).abs() < 1e-12,
            "round {round} Luxembourg"
        );
        assert!(
            (r.positions[ie] - expect(4)).abs() < 1e-12,
            "round {round} Ireland"
        );
        if round > 0 {
            let belgium = r
                .moves
                .iter()
                .find(|m| m.actor == be)
                .expect("Belgium moves");
            assert_eq!(belgium.kind, MoveKind::Compromise);
            assert_eq!(actors[belgium.partner].name, f[5]);
            // Only Belgium, Luxembourg and Ireland move in this example.
            assert!(r.moves.iter().all(|m| [be, lu, ie].contains(&m.actor)));
        }
    }
}

#[test]
fn table2_agreement_with_the_scholz_code_switches_is_pinned() {
    let run = run(&emissions(), &EumConfig::scholz_code(8)).unwrap();
    let mut median_agrees = Vec::new();
    let mut mean_agrees = Vec::new();
    for k in 0..8 {
        let r = &run.rounds[k + 1];
        median_agrees.push(cut(r.median) == TABLE2_MEDIAN[k]);
        mean_agrees.push(cut(r.mean) == TABLE2_MEAN[k]);
        // Even where the first decimal differs, the model stays close to the table.
        assert!(
            (r.median - TABLE2_MEDIAN[k]).abs() < 0.3,
            "round {} median {}",
            k + 1,
            r.median
        );
        assert!(
            (r.mean - TABLE2_MEAN[k]).abs() < 0.07,
            "round {} mean {}",
            k + 1,
            r.mean
        );
    }
    // Rounds 1..=8: the median misses in round 2 (9.61 against 9.9), the mean in rounds 3
    // (7.590 against 7.6) and 8 (7.572 against 7.6). Everything else agrees.
    assert_eq!(
        median_agrees,
        [true, false, true, true, true, true, true, true]
    );
    assert_eq!(
        mean_agrees,
        [true, true, false, true, true, true, true, false]
    );
    let agree = median_agrees
        .iter()
        .chain(&mean_agrees)
        .filter(|&&a| a)
        .count();
    assert_eq!(agree, 13);
}

#[test]
fn the_median_rules_agree_with_linear_votes() {
    // With linear utilities the pairwise-vote winner is the weighted median.
    let mut cfg = EumConfig::scholz_code(8);
    let a = run(&emissions(), &cfg).unwrap();
    cfg.median = MedianRule::WeightedMedian;
    let b = run(&emissions(), &cfg).unwrap();
    for (x, y) in a.rounds.iter().zip(&b.rounds) {
        assert_eq!(x.median, y.median);
    }
}

#[test]
fn switches_change_the_dynamics() {
    let base = run(&emissions(), &EumConfig::scholz_code(4)).unwrap();
    let mut cfg = EumConfig::scholz_code(4);
    cfg.probability = ProbabilityRule::Pairwise;
    let pairwise = run(&emissions(), &cfg).unwrap();
    assert_ne!(base.rounds[1].positions, pairwise.rounds[1].positions);
    let mut cfg = EumConfig::scholz_code(4);
    cfg.offers = OfferProtocol::ChallengerSends;
    let challenged = run(&emissions(), &cfg).unwrap();
    assert_ne!(base.rounds[1].positions, challenged.rounds[1].positions);
    // Risk exponents lie in 0.5..=2 by construction.
    for r in base.rounds.iter().chain(&pairwise.rounds) {
        assert!(r
            .risk
            .iter()
            .all(|&x| (0.5 - 1e-12..=2.0 + 1e-12).contains(&x)));
    }
}

#[test]
fn mean_weights_switch() {
    let actors = emissions();
    let x: Vec<f64> = actors.iter().map(|a| a.position).collect();
    let c: Vec<f64> = actors.iter().map(|a| a.capability).collect();
    let s: Vec<f64> = actors.iter().map(|a| a.salience).collect();
    assert!(
        (mean_of(&x, &c, &s, MeanWeights::CapabilitySalience) - 7.389955686853767).abs() < 1e-12
    );
    assert!((mean_of(&x, &c, &s, MeanWeights::Capability) - 7.475247524752475).abs() < 1e-12);
    assert!((mean_of(&x, &c, &s, MeanWeights::Equal) - 6.7).abs() < 1e-12);
}

#[test]
fn too_few_actors_is_an_error_not_a_panic() {
    let one = vec![IssueActor {
        name: "A".into(),
        capability: 1.0,
        position: 1.0,
        salience: 1.0,
    }];
    assert_eq!(
        run(&one, &EumConfig::scholz_code(3)),
        Err(EumError::TooFewActors(1))
    );
}
