//! The reference models against published or exact results.
//!
//! Tolerances are sampling error, not fudge: each check states the standard error it uses.
//! Seeds are fixed, so each test is deterministic; a tolerance of three or four standard
//! errors means a correct model would fail such a check with probability below about 0.3%
//! (or 0.01%) for a fresh seed, while the model errors these tests target (wrapped grid,
//! wrong interaction rule, off-by-one in the vote) shift the results by many standard errors.

use sco_sim::{
    derive_seeds, run, run_sweep, NoProgress, Registry, Scenario, Shard, Summary, SweepSpec, Value,
};

fn culture_sweep(
    cells: &[(i64, i64)],
    side: i64,
    runs: u64,
    seed: u64,
) -> Vec<(i64, i64, Summary)> {
    let registry = Registry::with_builtin_models();
    let mut scenario = Scenario::for_model(&registry, "culture").unwrap();
    scenario
        .apply_sets(
            &registry,
            &[format!("width={side}"), format!("height={side}")],
        )
        .unwrap();
    let spec = SweepSpec {
        scenario,
        grid: vec![],
        design: Some(sco_sim::Design {
            columns: vec!["features".into(), "traits".into()],
            rows: cells
                .iter()
                .map(|(f, q)| vec![Value::Int(*f), Value::Int(*q)])
                .collect(),
        }),
        seeds: derive_seeds(seed, runs),
        master_seed: Some(seed),
        chunk_size: None,
    };
    let dir = tempfile::tempdir().unwrap();
    let outcome = run_sweep(
        &registry,
        &spec,
        Shard::WHOLE,
        dir.path(),
        None,
        &NoProgress,
    )
    .unwrap();
    outcome
        .summary
        .iter()
        .zip(cells)
        .map(|(point, (f, q))| {
            let regions = point
                .outputs
                .iter()
                .find(|o| o.output == "regions")
                .unwrap()
                .summary;
            let absorbed = point
                .outputs
                .iter()
                .find(|o| o.output == "absorbed")
                .unwrap()
                .summary;
            assert_eq!(
                absorbed.mean, 1.0,
                "every run must reach the absorbing state"
            );
            (*f, *q, regions)
        })
        .collect()
}

/// A few cells of Axelrod's (1997) Table 1 (10 × 10 grid, mean of 10 runs each).
///
/// Axelrod's figure is itself a mean of 10 runs, so it carries a standard error of about
/// sd/√10, where sd is the per-run spread (estimated by ours: same model, same
/// distribution). Our mean of n runs has sd/√n. Under the hypothesis that both estimate the
/// same expectation, their difference has standard error sd·√(1/n + 1/10); we accept
/// differences up to three of those, plus 0.05 because Axelrod rounded to one decimal.
#[test]
fn axelrod_table_1_cells_agree_within_sampling_error() {
    let axelrod = [
        ((5, 5), 1.0),
        ((5, 15), 20.0),
        ((10, 10), 1.0),
        ((10, 15), 1.4),
    ];
    let cells: Vec<(i64, i64)> = axelrod.iter().map(|(c, _)| *c).collect();
    let runs = 100;
    let results = culture_sweep(&cells, 10, runs, 2024);
    for ((f, q, ours), (_, published)) in results.iter().zip(axelrod) {
        let se = ours.sd * (1.0 / runs as f64 + 1.0 / 10.0).sqrt();
        let tolerance = 3.0 * se + 0.05;
        assert!(
            (ours.mean - published).abs() <= tolerance,
            "features {f}, traits {q}: {:.2} vs Axelrod's {published} (tolerance {tolerance:.2})",
            ours.mean
        );
    }
    // The qualitative result of the table: more traits, more regions; more features, fewer.
    let five_five = results[0].2.mean;
    let five_fifteen = results[1].2;
    assert!(five_fifteen.ci_low > 10.0 * five_five, "{five_fifteen:?}");
    assert!(results[3].2.mean < five_fifteen.ci_low / 5.0);
}

/// Axelrod's finding that a larger territory can end with fewer regions: with 5 features and
/// 10 traits, a 20 × 20 grid ends with fewer stable regions than a 10 × 10 grid. Checked as
/// a difference of means larger than three standard errors of the difference.
#[test]
fn larger_territory_ends_with_fewer_regions() {
    let runs = 40;
    let small = culture_sweep(&[(5, 10)], 10, runs, 7)[0].2;
    let large = culture_sweep(&[(5, 10)], 20, runs, 8)[0].2;
    let se = (small.sd.powi(2) / runs as f64 + large.sd.powi(2) / runs as f64).sqrt();
    assert!(
        small.mean - large.mean > 3.0 * se,
        "10x10: {:.2}, 20x20: {:.2}, se of difference {se:.2}",
        small.mean,
        large.mean
    );
}

/// Simulated frequencies of the unanimity model against the exact 2^-n and 2/(n+1).
///
/// With `trials` independent decisions at each size, the simulated share is binomial with
/// standard error √(p(1−p)/trials). Each of the 2 × 12 shares must lie within four standard
/// errors (a fresh seed would fail one of 24 such checks with probability about 0.15%), and
/// together they must pass a chi-square goodness-of-fit bound: Σ z² over the 23 random
/// comparisons stays below 49.7, the 99.9% quantile of χ² with 23 degrees of freedom.
#[test]
fn unanimity_frequencies_converge_to_the_exact_probabilities() {
    let registry = Registry::with_builtin_models();
    let mut scenario = Scenario::for_model(&registry, "unanimity").unwrap();
    let trials = 40_000;
    scenario
        .apply_sets(
            &registry,
            &[
                "members_start=1".into(),
                "members_end=12".into(),
                format!("trials={trials}"),
            ],
        )
        .unwrap();
    let results = run(&registry, &scenario, 31).unwrap();
    let table = &results.model_steps;
    assert_eq!(table.len(), 12, "one row per size from 1 to 12 members");
    let col = |name: &str| table.column_index(name).unwrap();
    let float = |v: &Value| match v {
        Value::Float(x) => *x,
        other => panic!("not a float: {other:?}"),
    };
    let mut chi_square = 0.0;
    let mut comparisons = 0;
    for row in table.rows() {
        let Value::Int(n) = row[col("members")] else {
            panic!("members")
        };
        for (rate, exact, formula) in [
            ("pass_rate", "pass_exact", 0.5f64.powi(n as i32)),
            ("movable_rate", "movable_exact", 2.0 / (n as f64 + 1.0)),
        ] {
            let (simulated, p) = (float(&row[col(rate)]), float(&row[col(exact)]));
            assert!((p - formula).abs() < 1e-12, "{exact} at n={n}");
            let se = (p * (1.0 - p) / trials as f64).sqrt();
            if se == 0.0 {
                assert_eq!(simulated, p, "{rate} at n={n} must be exact");
                continue;
            }
            let z = (simulated - p) / se;
            assert!(
                z.abs() < 4.0,
                "{rate} at n={n}: {simulated} vs {p} (z = {z:.2})"
            );
            chi_square += z * z;
            comparisons += 1;
        }
    }
    assert_eq!(
        comparisons, 23,
        "n = 1 makes the status quo movable for sure"
    );
    assert!(
        chi_square < 49.7,
        "chi-square {chi_square:.1} over {comparisons} comparisons"
    );
}

/// The error of the simulated frequency shrinks like 1/√trials: with 100 times more trials
/// the mean absolute error over sizes 2..10 falls by a factor of several.
#[test]
fn unanimity_error_shrinks_with_more_trials() {
    let registry = Registry::with_builtin_models();
    let error_at = |trials: u64| {
        let mut scenario = Scenario::for_model(&registry, "unanimity").unwrap();
        scenario
            .apply_sets(
                &registry,
                &[
                    "members_start=2".into(),
                    "members_end=10".into(),
                    format!("trials={trials}"),
                ],
            )
            .unwrap();
        let results = run(&registry, &scenario, 5).unwrap();
        let t = &results.model_steps;
        let (r, e) = (
            t.column_index("movable_rate").unwrap(),
            t.column_index("movable_exact").unwrap(),
        );
        t.rows()
            .map(|row| match (&row[r], &row[e]) {
                (Value::Float(a), Value::Float(b)) => (a - b).abs(),
                _ => f64::NAN,
            })
            .sum::<f64>()
            / t.len() as f64
    };
    let (coarse, fine) = (error_at(300), error_at(30_000));
    assert!(
        fine < coarse / 3.0,
        "error with 300 trials {coarse:.4}, with 30000 {fine:.4}"
    );
}
