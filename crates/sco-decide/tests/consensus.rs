//! The unanimity layer: winsets (yes/no), binding vetoes, projection, reservations, and the
//! Nash bargaining solution that lives inside the winset.

use sco_decide::consensus::probability::{coleman_unanimity, sq_movable_probability};
use sco_decide::consensus::{Metric, Reservation, UnanimityProblem};
use sco_decide::nash::{nash_bargaining, BargainingPower};
use sco_decide::{Actor, Dimension, Profile, Stance};

/// A profile from (name, capability, positions, saliences) rows on dimensions scaled 0..=10.
fn profile(rows: &[(&str, f64, &[f64], &[f64])], sq: &[f64]) -> Profile {
    let dims = sq.len();
    Profile {
        name: "test".into(),
        dimensions: (0..dims)
            .map(|d| Dimension {
                name: format!("d{d}"),
                min: 0.0,
                max: 10.0,
            })
            .collect(),
        actors: rows
            .iter()
            .map(|(name, c, x, s)| Actor {
                name: name.to_string(),
                capability: *c,
                stances: (0..dims)
                    .map(|d| {
                        Some(Stance {
                            position: x[d],
                            salience: s[d],
                            capability: None,
                        })
                    })
                    .collect(),
            })
            .collect(),
        status_quo: Some(sq.to_vec()),
        source: None,
    }
}

fn problem(rows: &[(&str, f64, &[f64], &[f64])], sq: &[f64], metric: Metric) -> UnanimityProblem {
    UnanimityProblem::from_profile(&profile(rows, sq), metric).unwrap()
}

#[test]
fn one_dimension_interval_veto_and_projection() {
    let p = problem(
        &[
            ("A", 1.0, &[6.0], &[1.0]),
            ("B", 1.0, &[8.0], &[1.0]),
            ("C", 1.0, &[9.0], &[1.0]),
        ],
        &[4.0],
        Metric::Euclidean,
    );
    let w = p.winset();
    assert!(!w.empty);
    // Everybody prefers (4, 2·6 − 4) = (4, 8): A's mirror image of the SQ bounds it.
    assert_eq!(w.interval, Some((4.0, 8.0)));
    assert!(p.passes(&w.point.clone().unwrap()));
    // Prediction 9: A accepts 80 % of the way (reach 0.8), so A's veto binds and blocks it.
    let veto = p.binding_veto(&[9.0]).unwrap().unwrap();
    assert_eq!(veto.actor, "A");
    assert!((veto.reach - 0.8).abs() < 1e-12);
    assert!(veto.blocks_prediction);
    let proj = p.project(&[9.0]).unwrap();
    assert!(!proj.prediction_passes && !proj.gridlock);
    assert_eq!(proj.allowed, vec![8.0]);
    assert!((proj.distance - 1.0).abs() < 1e-12);
    // A prediction inside passes unchanged.
    let inside = p.project(&[5.0]).unwrap();
    assert!(inside.prediction_passes);
    assert_eq!(inside.allowed, vec![5.0]);
    // Share of the 0..=10 scale on which a random proposal passes.
    assert!((p.pass_probability_1d().unwrap() - 0.4).abs() < 1e-12);
}

#[test]
fn one_dimension_gridlock_names_both_sides() {
    let p = problem(
        &[("Low", 1.0, &[2.0], &[1.0]), ("High", 1.0, &[7.0], &[1.0])],
        &[4.0],
        Metric::Euclidean,
    );
    let w = p.winset();
    assert!(w.empty);
    let names: Vec<&str> = w.blocking.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names.len(), 2);
    assert!(names.contains(&"Low") && names.contains(&"High"));
    let proj = p.project(&[6.0]).unwrap();
    assert!(proj.gridlock);
    assert_eq!(proj.allowed, vec![4.0], "gridlock keeps the status quo");
    // Towards 6, Low accepts nothing (reach 0): its veto binds.
    let veto = proj.veto.unwrap();
    assert_eq!(veto.actor, "Low");
    assert_eq!(veto.reach, 0.0);
}

#[test]
fn ideal_point_at_the_status_quo_blocks_everything() {
    let p = problem(
        &[
            ("Keeper", 1.0, &[5.0, 5.0], &[1.0, 1.0]),
            ("Mover", 1.0, &[8.0, 8.0], &[1.0, 1.0]),
        ],
        &[5.0, 5.0],
        Metric::Euclidean,
    );
    let w = p.winset();
    assert!(w.empty);
    assert_eq!(w.blocking, vec![("Keeper".to_string(), 1.0)]);
}

#[test]
fn two_dimensions_euclidean_triangle_around_the_sq_is_gridlock() {
    let p = problem(
        &[
            ("E", 1.0, &[8.0, 5.0], &[1.0, 1.0]),
            ("NW", 1.0, &[3.0, 8.0], &[1.0, 1.0]),
            ("SW", 1.0, &[3.0, 2.0], &[1.0, 1.0]),
        ],
        &[5.0, 5.0],
        Metric::Euclidean,
    );
    let w = p.winset();
    assert!(w.empty);
    assert_eq!(w.blocking.len(), 3);
    let total: f64 = w.blocking.iter().map(|(_, x)| x).sum();
    assert!((total - 1.0).abs() < 1e-9);
    assert!(p.sample(50, 7).is_empty());
}

#[test]
fn two_dimensions_nonempty_witness_projection_and_samples() {
    let p = problem(
        &[
            ("A", 1.0, &[8.0, 6.0], &[1.0, 1.0]),
            ("B", 1.0, &[7.0, 9.0], &[1.0, 1.0]),
        ],
        &[5.0, 5.0],
        Metric::Euclidean,
    );
    let w = p.winset();
    assert!(!w.empty);
    let inside = w.point.unwrap();
    assert!(p.passes(&inside));
    let prediction = [9.0, 2.0];
    let proj = p.project(&prediction).unwrap();
    assert!(!proj.prediction_passes);
    // The projection lies on the closed winset (gains >= 0 up to the solver's tolerance)...
    for i in 0..2 {
        assert!(p.gain(i, &proj.allowed) > -1e-6);
    }
    // ...and no sampled winset point is closer to the prediction.
    let samples = p.sample(400, 42);
    assert!(samples.len() > 300);
    for x in &samples {
        assert!(p.passes(x));
        let d = ((x[0] - prediction[0]).powi(2) + (x[1] - prediction[1]).powi(2)).sqrt();
        assert!(
            d >= proj.distance - 1e-6,
            "sample {x:?} is closer than the projection"
        );
    }
    // Same seed, same samples.
    assert_eq!(p.sample(20, 42), p.sample(20, 42));
}

#[test]
fn salience_weighting_can_open_a_winset_that_euclidean_closes() {
    // Opposite ideal points: with circles only the SQ is in both; with ellipses the lens opens.
    let rows: &[(&str, f64, &[f64], &[f64])] = &[
        ("A", 1.0, &[6.0, 6.0], &[1.0, 0.5]),
        ("B", 1.0, &[4.0, 4.0], &[1.0, 1.0]),
    ];
    assert!(problem(rows, &[5.0, 5.0], Metric::Euclidean).winset().empty);
    let weighted = problem(rows, &[5.0, 5.0], Metric::SalienceWeighted);
    let w = weighted.winset();
    assert!(!w.empty);
    assert!(weighted.passes(&w.point.unwrap()));
}

#[test]
fn reservations_that_let_a_decision_pass() {
    // 1D gridlock: either side stating a reservation frees the decision.
    let p = problem(
        &[("Low", 1.0, &[2.0], &[1.0]), ("High", 1.0, &[7.0], &[1.0])],
        &[4.0],
        Metric::Euclidean,
    );
    let report = p.reservations_that_pass(None).unwrap();
    assert!(!report.already_passes);
    assert_eq!(report.single.len(), 2);

    // 2D: A wants d0 up, B wants d0 down and d1 up. Gridlock on the package? B's objection on
    // d0 is what blocks A; with B's reservation on d0 the winset opens.
    let rows: &[(&str, f64, &[f64], &[f64])] = &[
        ("A", 1.0, &[8.0, 5.0], &[1.0, 1.0]),
        ("B", 1.0, &[2.0, 5.0], &[1.0, 1.0]),
    ];
    let p = problem(rows, &[5.0, 5.0], Metric::Euclidean);
    assert!(p.winset().empty);
    let report = p.reservations_that_pass(None).unwrap();
    assert!(report.single.contains(&Reservation {
        actor: 1,
        dimension: 0
    }));
    assert!(report.single.contains(&Reservation {
        actor: 0,
        dimension: 0
    }));
    assert!(
        !report.single.contains(&Reservation {
            actor: 0,
            dimension: 1
        }),
        "A's d1 is not the problem"
    );
    let freed = p
        .with_reservations(&[Reservation {
            actor: 1,
            dimension: 0,
        }])
        .unwrap();
    let w = freed.winset();
    assert!(!w.empty);
    let x = w.point.unwrap();
    assert!(
        x[0] > 5.0 && (x[1] - 5.0).abs() < 1e-12,
        "moves d0 towards A, leaves B's d1 alone: {x:?}"
    );
    // A prediction of (8, 5) passes once B holds its reservation on d0.
    assert!(!p.passes(&[8.0, 5.0]));
    assert!(freed.passes(&[8.0, 5.0]));
    let for_prediction = p.reservations_that_pass(Some(&[8.0, 5.0])).unwrap();
    assert_eq!(
        for_prediction.single,
        vec![Reservation {
            actor: 1,
            dimension: 0
        }]
    );
}

#[test]
fn nash_solution_lies_in_the_winset_and_is_symmetric() {
    // Two symmetric actors: the symmetric Nash solution is on the symmetry axis.
    let pr = profile(
        &[
            ("A", 1.0, &[8.0, 6.0], &[1.0, 1.0]),
            ("B", 1.0, &[6.0, 8.0], &[1.0, 1.0]),
        ],
        &[5.0, 5.0],
    );
    let nash = nash_bargaining(&pr, Metric::Euclidean, BargainingPower::Equal).unwrap();
    assert!(nash.agreement);
    assert!((nash.point[0] - nash.point[1]).abs() < 1e-6);
    assert!(nash.gains.iter().all(|(_, g)| *g > 0.0));
    // Equal gains for symmetric actors.
    assert!((nash.gains[0].1 - nash.gains[1].1).abs() < 1e-6);
    // More power to A pulls the solution towards A.
    let mut strong_a = pr.clone();
    strong_a.actors[0].capability = 3.0;
    let weighted =
        nash_bargaining(&strong_a, Metric::Euclidean, BargainingPower::Capability).unwrap();
    assert!(weighted.point[0] > nash.point[0] + 1e-3);
    // 1D: gains (16 − (x−9)²)(4 − (x−7)²)... the maximiser solves a cubic; check optimality.
    let one = profile(
        &[("A", 1.0, &[9.0], &[1.0]), ("B", 1.0, &[7.0], &[1.0])],
        &[5.0],
    );
    let n1 = nash_bargaining(&one, Metric::Euclidean, BargainingPower::Equal).unwrap();
    let f = |x: f64| ((16.0 - (x - 9.0).powi(2)) * (4.0 - (x - 7.0).powi(2))).ln();
    let x = n1.point[0];
    assert!(x > 5.0 && x < 9.0);
    assert!(f(x) >= f(x + 1e-4) && f(x) >= f(x - 1e-4));
}

#[test]
fn nash_without_agreement_returns_the_status_quo() {
    let pr = profile(
        &[("Low", 1.0, &[2.0], &[1.0]), ("High", 1.0, &[7.0], &[1.0])],
        &[4.0],
    );
    let nash = nash_bargaining(&pr, Metric::Euclidean, BargainingPower::Equal).unwrap();
    assert!(!nash.agreement);
    assert_eq!(nash.point, vec![4.0]);
}

#[test]
fn wendel_agrees_with_the_exact_gridlock_test_on_random_ideal_points() {
    // Ideal points uniform on a square centred on the SQ (symmetric): the share of draws with
    // a non-empty winset approaches Wendel's formula. 4 actors in 2D: 1/2.
    use rand::{Rng, SeedableRng};
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(1);
    let trials = 2000;
    let mut movable = 0;
    for _ in 0..trials {
        let rows: Vec<(String, Vec<f64>)> = (0..4)
            .map(|k| {
                (
                    format!("a{k}"),
                    vec![rng.random_range(0.0..10.0), rng.random_range(0.0..10.0)],
                )
            })
            .collect();
        let table: Vec<(&str, f64, &[f64], &[f64])> = rows
            .iter()
            .map(|(n, x)| (n.as_str(), 1.0, x.as_slice(), &[1.0, 1.0][..]))
            .collect();
        if !problem(&table, &[5.0, 5.0], Metric::Euclidean)
            .winset()
            .empty
        {
            movable += 1;
        }
    }
    let share = movable as f64 / trials as f64;
    assert!(
        (share - sq_movable_probability(4, 2)).abs() < 0.04,
        "share {share}"
    );
    assert_eq!(coleman_unanimity(4), 1.0 / 16.0);
}
