//! The `world` scenario: no look-ahead, determinism across thread counts, module switches,
//! counterfactuals and the stored calibrations' provenance.

use sco_scenarios::world::calibrate::{calibrate, CalibrateOptions};
use sco_scenarios::world::evaluate::{evaluate, EvaluateOptions};
use sco_scenarios::world::hindcast::{
    compare, counterfactual, counterfactual_setting, HindcastOptions, COUNTERFACTUALS,
};
use sco_scenarios::world::inputs::{at, Target, WorldInputs, LAST_YEAR, TARGETS};
use sco_scenarios::world::params::{defaults, Modules};
use sco_scenarios::world::sim::{simulate, Knowledge, Overrides, Prepared, Setting, StatusMode};
use sco_sim::{rng_from_seed, NoProgress};

fn inputs() -> std::sync::Arc<WorldInputs> {
    sco_scenarios::world_inputs().unwrap()
}

fn forecast_setting(origin: i32, modules: Modules) -> Setting {
    Setting {
        theta: defaults(),
        modules,
        knowledge: Knowledge::Through(origin),
        status: StatusMode::Endogenous,
        overrides: Overrides::default(),
    }
}

/// Every observation after `year` replaced by nonsense.
fn with_future_garbled(inputs: &WorldInputs, year: i32) -> WorldInputs {
    let mut garbled = inputs.clone();
    for target in TARGETS {
        for s in 0..garbled.states.len() {
            for y in (year + 1)..=LAST_YEAR {
                if let Some(v) = garbled.observed[target.slot()][at(s, y)].as_mut() {
                    *v = 3.0 - *v * 0.5;
                }
            }
        }
    }
    garbled
}

#[test]
fn forecasts_and_calibrations_use_no_data_after_the_origin() {
    let inputs = inputs();
    let garbled = with_future_garbled(&inputs, 2012);
    let setting = forecast_setting(2012, Modules::default());
    let a = simulate(
        &Prepared::new(&inputs, 2012),
        &setting,
        2012,
        5,
        &mut rng_from_seed(7),
    );
    let b = simulate(
        &Prepared::new(&garbled, 2012),
        &setting,
        2012,
        5,
        &mut rng_from_seed(7),
    );
    assert_eq!(a.values.len(), b.values.len());
    assert!(a
        .values
        .iter()
        .zip(&b.values)
        .all(|(x, y)| x.to_bits() == y.to_bits()));

    let options = CalibrateOptions {
        origin: 2012,
        budget: 40,
        seed: 3,
        modules: Modules::default(),
        threads: Some(1),
    };
    let ca = calibrate(&inputs, &options, &NoProgress).unwrap();
    let cb = calibrate(&garbled, &options, &NoProgress).unwrap();
    assert_eq!(ca.particles, cb.particles);
    // ...but the data before the origin matter.
    let early = with_future_garbled(&inputs, 2009);
    let cc = calibrate(&early, &options, &NoProgress).unwrap();
    assert_ne!(ca.particles, cc.particles);
}

#[test]
fn same_seed_same_bytes_whatever_the_thread_count() {
    let inputs = inputs();
    let run = |threads| {
        let options = CalibrateOptions {
            origin: 2008,
            budget: 30,
            seed: 11,
            modules: Modules::default(),
            threads: Some(threads),
        };
        let calibration = calibrate(&inputs, &options, &NoProgress).unwrap();
        let eval = EvaluateOptions {
            origins: vec![2008, 2012],
            horizons: vec![1, 3],
            runs: 20,
            threads: Some(threads),
            ..EvaluateOptions::default()
        };
        let evaluation = evaluate(
            &inputs,
            std::slice::from_ref(&calibration),
            &eval,
            &NoProgress,
        )
        .unwrap();
        (
            calibration.to_json(),
            serde_json::to_string(&evaluation).unwrap(),
        )
    };
    assert_eq!(run(1), run(2));
}

#[test]
fn evaluation_scores_every_target_and_says_which_calibration_it_used() {
    let inputs = inputs();
    let options = CalibrateOptions {
        origin: 2008,
        budget: 20,
        seed: 1,
        modules: Modules::default(),
        threads: None,
    };
    let calibration = calibrate(&inputs, &options, &NoProgress).unwrap();
    let eval = EvaluateOptions {
        origins: vec![2008, 2016],
        horizons: vec![1, 2],
        runs: 20,
        ..EvaluateOptions::default()
    };
    let e = evaluate(&inputs, &[calibration], &eval, &NoProgress).unwrap();
    assert_eq!(e.targets.len(), TARGETS.len());
    assert_eq!(e.calibrations[0].calibration_origin, Some(2008));
    assert_eq!(e.calibrations[1].calibration_origin, Some(2008));
    assert!(
        e.calibrations[1]
            .note
            .contains("latest made on earlier data"),
        "{}",
        e.calibrations[1].note
    );
    let ideal = &e.targets[0];
    assert_eq!(ideal.name, "ideal_point");
    assert!(ideal.n > 0 && ideal.scores.model.crps.is_finite() && ideal.mc_se.crps >= 0.0);
    // Trade data end in 2014: from 2016 there is nothing to score, so only 2008 counts.
    let trade = e
        .targets
        .iter()
        .find(|t| t.name == "trade_share_chn")
        .unwrap();
    assert!(trade.n > 0);
    // With no calibration at all, the a priori parameters are used and the output says so.
    let bare = evaluate(&inputs, &[], &eval, &NoProgress).unwrap();
    assert!(bare.calibrations[0].note.contains("a priori"));
    assert!(evaluate(
        &inputs,
        &[],
        &EvaluateOptions {
            origins: vec![1990],
            ..eval
        },
        &NoProgress
    )
    .is_err());
}

#[test]
fn switching_expansion_off_freezes_statuses_and_other_modules_change_paths() {
    let inputs = inputs();
    let prep = Prepared::new(&inputs, 2012);
    let mut off = Modules::default();
    off.set("expansion", false).unwrap();
    let path = simulate(
        &prep,
        &forecast_setting(2012, off),
        2012,
        5,
        &mut rng_from_seed(5),
    );
    for s in 0..inputs.states.len() {
        assert_eq!(
            path.get(Target::ScoStatus, s, 5),
            inputs.obs(Target::ScoStatus, s, 2012).unwrap()
        );
    }
    let full = simulate(
        &prep,
        &forecast_setting(2012, Modules::default()),
        2012,
        5,
        &mut rng_from_seed(5),
    );
    for (name, _) in sco_scenarios::world::params::MODULES {
        let mut m = Modules::default();
        m.set(name, false).unwrap();
        let p = simulate(
            &prep,
            &forecast_setting(2012, m),
            2012,
            5,
            &mut rng_from_seed(5),
        );
        assert_ne!(
            p.values, full.values,
            "switching {name} off changed nothing"
        );
    }
}

#[test]
fn counterfactuals_change_what_they_say_and_report_paired_intervals() {
    let inputs = inputs();
    let irn = inputs.index("IRN").unwrap();
    let (base, _) = counterfactual_setting(&inputs, None);
    let (cf, _) = counterfactual_setting(&inputs, counterfactual("iran-admitted-2008").as_ref());
    let (StatusMode::Fixed(base), StatusMode::Fixed(cf)) = (base, cf) else {
        panic!("fixed paths expected")
    };
    assert_eq!(base[at(irn, 2010)], 2.0);
    assert_eq!(cf[at(irn, 2010)], 4.0);
    assert_eq!(COUNTERFACTUALS.len(), 5);
    let options = HindcastOptions {
        runs: 12,
        ..HindcastOptions::default()
    };
    let result = compare(
        &inputs,
        &[defaults()],
        &options,
        &counterfactual("no-india-pakistan-2017").unwrap(),
        &NoProgress,
    )
    .unwrap();
    let spread = result
        .differences
        .iter()
        .find(|d| d.measure.starts_with("spread") && d.year == 2020)
        .unwrap();
    // Without India and Pakistan the members differ, so their spread of positions does too.
    assert!(spread.difference_median != 0.0);
    assert!(
        spread.difference_q05 <= spread.difference_median
            && spread.difference_median <= spread.difference_q95
    );
    let before = result
        .differences
        .iter()
        .find(|d| d.measure.starts_with("spread") && d.year == 2010)
        .unwrap();
    assert_eq!(before.difference_median, 0.0, "nothing differs before 2015");
}

#[test]
fn stored_calibrations_carry_their_provenance() {
    let inputs = inputs();
    let stored = sco_scenarios::world::stored_calibrations().unwrap();
    assert_eq!(stored.len(), 4);
    for c in &stored {
        assert_eq!(
            c.data_digest,
            inputs.digest_through(c.origin),
            "origin {}: data changed since the calibration",
            c.origin
        );
        assert!(
            c.budget >= 100_000,
            "origin {}: budget {}",
            c.origin,
            c.budget
        );
        assert!(c.command.contains(&format!("--origin {}", c.origin)));
        assert!(c
            .particles
            .windows(2)
            .all(|w| w[0].distance <= w[1].distance));
    }
}
