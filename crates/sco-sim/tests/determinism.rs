//! Same scenario and seed => byte-identical files, whatever the thread count.
//!
//! Every registered model is simulated twice into separate directories (all tables,
//! including agent-step rows) and swept on one thread and on two threads; every file of
//! each pair of directories must be byte-for-byte equal.

use std::collections::BTreeMap;
use std::path::Path;

use sco_sim::{
    derive_seeds, run_sweep, simulate_to_dir, NoProgress, Registry, Scenario, Shard, SweepSpec,
    Value,
};

/// Small settings per model so the test stays fast in debug builds.
fn small_scenario(registry: &Registry, model: &str) -> Scenario {
    let mut scenario = Scenario::for_model(registry, model).unwrap();
    let sets: &[&str] = match model {
        "culture" => &["width=5", "height=5", "traits=4"],
        "schelling" => &["width=10", "height=10"],
        "unanimity" => &["members_end=6", "trials=300"],
        _ => &[],
    };
    scenario
        .apply_sets(
            registry,
            &sets.iter().map(|s| s.to_string()).collect::<Vec<_>>(),
        )
        .unwrap();
    scenario.max_steps = scenario.max_steps.min(300);
    scenario.collect.agents_every = 3;
    scenario
}

/// A grid axis with two values of some integer parameter of the model.
fn small_grid(model: &str) -> Vec<(String, Vec<Value>)> {
    match model {
        "culture" => vec![("traits".into(), vec![Value::Int(3), Value::Int(6)])],
        "schelling" => vec![("radius".into(), vec![Value::Int(1), Value::Int(2)])],
        "unanimity" => vec![("members_start".into(), vec![Value::Int(1), Value::Int(3)])],
        _ => vec![],
    }
}

fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let name = path.strip_prefix(dir).unwrap().display().to_string();
                out.insert(name, std::fs::read(&path).unwrap());
            }
        }
    }
    out
}

fn assert_same_files(a: &Path, b: &Path) {
    let (fa, fb) = (files(a), files(b));
    assert_eq!(fa.keys().collect::<Vec<_>>(), fb.keys().collect::<Vec<_>>());
    for (name, bytes) in &fa {
        assert!(
            bytes == &fb[name],
            "{name} differs between {} and {}",
            a.display(),
            b.display()
        );
    }
}

#[test]
fn every_model_gives_identical_bytes_twice_and_on_one_or_two_threads() {
    let registry = Registry::with_builtin_models();
    let tmp = tempfile::tempdir().unwrap();
    assert_eq!(registry.names(), ["culture", "schelling", "unanimity"]);
    for name in registry.names() {
        let scenario = small_scenario(&registry, name);
        let first = tmp.path().join(format!("{name}-run-1"));
        let second = tmp.path().join(format!("{name}-run-2"));
        let report = simulate_to_dir(&registry, &scenario, 11, &first).unwrap();
        simulate_to_dir(&registry, &scenario, 11, &second).unwrap();
        assert!(
            report.model_rows >= 2,
            "{name}: initial and final rows at least"
        );
        assert_same_files(&first, &second);
        let other_seed = tmp.path().join(format!("{name}-run-seed-12"));
        simulate_to_dir(&registry, &scenario, 12, &other_seed).unwrap();
        assert_ne!(
            std::fs::read(first.join("model_steps.csv")).unwrap(),
            std::fs::read(other_seed.join("model_steps.csv")).unwrap(),
            "{name}: another seed should give another history"
        );

        let spec = SweepSpec {
            scenario: scenario.clone(),
            grid: small_grid(name),
            design: None,
            seeds: derive_seeds(5, 4),
            master_seed: Some(5),
            chunk_size: Some(3),
        };
        let one = tmp.path().join(format!("{name}-sweep-1-thread"));
        let two = tmp.path().join(format!("{name}-sweep-2-threads"));
        let a = run_sweep(&registry, &spec, Shard::WHOLE, &one, Some(1), &NoProgress).unwrap();
        let b = run_sweep(&registry, &spec, Shard::WHOLE, &two, Some(2), &NoProgress).unwrap();
        assert_eq!(a.runs, 8);
        assert_eq!(a.summary, b.summary);
        assert_same_files(&one, &two);
    }
}
