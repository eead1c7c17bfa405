//! Runs the expected utility model on the 1994 EU car-emissions example under every
//! combination of the open choices and prints the combinations closest to Scholz,
//! Calbert and Smith (2011), Table 2.
//!
//! `cargo run -p sco-decide --example eum_switches --release`

use std::path::Path;

use sco_decide::eum::*;
use sco_decide::load::load_path;

const MEDIAN: [f64; 8] = [8.4, 9.9, 9.9, 9.9, 9.9, 7.4, 8.8, 9.6];
const MEAN: [f64; 8] = [7.4, 7.5, 7.6, 7.3, 7.3, 7.4, 7.5, 7.6];

fn agreement(run: &EumRun, f: fn(f64) -> f64) -> usize {
    run.rounds[1..=8]
        .iter()
        .enumerate()
        .map(|(k, r)| usize::from(f(r.median) == MEDIAN[k]) + usize::from(f(r.mean) == MEAN[k]))
        .sum()
}

fn round1(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

fn trunc1(v: f64) -> f64 {
    ((v * 10.0) + 1e-9).floor() / 10.0
}

fn main() {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/eum/eu-emissions-1994.csv");
    let profile = load_path(&path).expect("fixture loads");
    let actors = profile.issue(0);
    let mut results = Vec::new();
    for probability in [
        ProbabilityRule::AllPairs,
        ProbabilityRule::Pairwise,
        ProbabilityRule::NetPairwise,
    ] {
        for vote_risk in [VoteRisk::Current, VoteRisk::Neutral] {
            for challenge_view in [ChallengeView::Receiver, ChallengeView::Challenger] {
                for (q, t) in [
                    (1.0, 1.0),
                    (0.5, 1.0),
                    (0.5, 0.5),
                    (0.5, 0.0),
                    (0.9, 1.0),
                    (0.0, 1.0),
                    (0.0, 0.5),
                ] {
                    for reference in [Reference::Median, Reference::Mean] {
                        if q >= 1.0 && reference == Reference::Mean {
                            continue;
                        }
                        for offers in [
                            OfferProtocol::ReceiverClassifies,
                            OfferProtocol::ChallengerSends,
                        ] {
                            for compromise in [
                                CompromiseChoice::WeightedPosition,
                                CompromiseChoice::SmallestMove,
                                CompromiseChoice::StrongestChallenger,
                            ] {
                                if offers == OfferProtocol::ChallengerSends
                                    && compromise != CompromiseChoice::WeightedPosition
                                {
                                    continue;
                                }
                                for capitulation in
                                    [CapitulationRule::Never, CapitulationRule::AsPublished]
                                {
                                    for update in
                                        [PositionUpdate::Simultaneous, PositionUpdate::Sequential]
                                    {
                                        for risk_scope in
                                            [RiskScope::AcrossActors, RiskScope::OwnPositions]
                                        {
                                            for risk_start in
                                                [RiskStart::Neutral, RiskStart::CarryOver]
                                            {
                                                for scale in
                                                    [ScaleRange::Initial, ScaleRange::Current]
                                                {
                                                    for median in [
                                                        MedianRule::PairwiseVote,
                                                        MedianRule::WeightedMedian,
                                                    ] {
                                                        let cfg = EumConfig {
                                                            rounds: 8,
                                                            probability,
                                                            vote_risk,
                                                            challenge_view,
                                                            q,
                                                            t,
                                                            reference,
                                                            offers,
                                                            compromise,
                                                            capitulation,
                                                            update,
                                                            risk_scope,
                                                            risk_start,
                                                            scale,
                                                            median,
                                                            mean: MeanWeights::CapabilitySalience,
                                                        };
                                                        let Ok(run) = run(&actors, &cfg) else {
                                                            continue;
                                                        };
                                                        let score = agreement(&run, round1)
                                                            .max(agreement(&run, trunc1));
                                                        results.push((
                                                            score,
                                                            agreement(&run, round1),
                                                            agreement(&run, trunc1),
                                                            cfg,
                                                            run,
                                                        ));
                                                    }
                                                }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
    results.sort_by_key(|r| std::cmp::Reverse(r.0));
    println!(
        "{} combinations; best agreement with Table 2 (of 16 values):",
        results.len()
    );
    for (score, rounded, truncated, cfg, run) in results.iter().take(25) {
        let med: Vec<String> = run.rounds[1..]
            .iter()
            .map(|r| format!("{:.3}", r.median))
            .collect();
        let mean: Vec<String> = run.rounds[1..]
            .iter()
            .map(|r| format!("{:.3}", r.mean))
            .collect();
        println!("{score} (rounded {rounded}, truncated {truncated}) {cfg:?}\n   median {}\n   mean   {}", med.join(" "), mean.join(" "));
    }
}
