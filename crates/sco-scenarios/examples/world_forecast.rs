//! An example of the `world` scenario that is also a test (`cargo test -p sco-scenarios
//! --example world_forecast`, and run by `cargo test --workspace`): calibrate the model at
//! the 2012 origin on a small budget, forecast 2013-2014 from it, and score the forecasts
//! against persistence, the trend and AR(1).
//!
//! Run it as a program with `cargo run -p sco-scenarios --example world_forecast --release`.

use sco_scenarios::world::calibrate::{calibrate, CalibrateOptions};
use sco_scenarios::world::evaluate::{evaluate, EvaluateOptions, Evaluation};
use sco_scenarios::world::params::Modules;

/// Calibrates at 2012 with `budget` simulations and evaluates `runs` runs at horizons 1 and 2.
fn forecast_2012(budget: u64, runs: u64) -> Evaluation {
    let inputs = sco_scenarios::world_inputs().expect("the embedded data are valid");
    let options = CalibrateOptions {
        origin: 2012,
        budget,
        seed: 2012,
        modules: Modules::default(),
        threads: None,
    };
    let calibration = calibrate(&inputs, &options, &sco_sim::NoProgress).expect("calibration");
    let eval = EvaluateOptions {
        origins: vec![2012],
        horizons: vec![1, 2],
        runs,
        ..EvaluateOptions::default()
    };
    evaluate(&inputs, &[calibration], &eval, &sco_sim::NoProgress).expect("evaluation")
}

fn main() {
    let evaluation = forecast_2012(2_000, 200);
    println!(
        "{:<18} {:>5} {:>10} {:>12} {:>10} {:>10}",
        "target", "n", "CRPS", "persistence", "trend", "AR(1)"
    );
    for t in &evaluation.targets {
        let s = &t.scores;
        println!(
            "{:<18} {:>5} {:>10.4} {:>12.4} {:>10.4} {:>10.4}",
            t.name, t.n, s.model.crps, s.persistence.crps, s.trend.crps, s.ar1.crps
        );
    }
    for f in &evaluation.failures {
        println!("- {f}");
    }
}

#[test]
fn the_2012_forecast_scores_every_observable_target() {
    let evaluation = forecast_2012(40, 20);
    for t in &evaluation.targets {
        // Every target is observed in 2013 (UNGA to 2023, trade to 2014, ledger to 2025).
        assert!(t.n > 0, "{} has nothing to score", t.name);
        assert!(t.scores.model.crps.is_finite() && t.scores.persistence.crps.is_finite());
        assert!((0.0..=1.0).contains(&t.coverage90));
    }
    // The verdicts are stated, one way or the other.
    let judged = evaluation
        .targets
        .iter()
        .filter(|t| t.beats_persistence)
        .count()
        + evaluation.failures.len();
    assert!(judged > 0);
}
