//! Reproduces Axelrod's (1997) Table 1 (mean number of stable regions on a 10 × 10 grid for
//! 5, 10, 15 features × 5, 10, 15 traits) and his territory-size finding, with many runs per
//! cell and 95% confidence intervals, printing Markdown for `docs/simulation/axelrod.md`.
//!
//! Run with: `cargo run --release -p sco-sim --example axelrod_table -- [RUNS] [SEED]`
//! (defaults: 2000 runs per cell, seed 1997). Output files go to a temporary directory.

use std::time::Instant;

use sco_sim::{derive_seeds, run_sweep, NoProgress, Registry, Scenario, Shard, SweepSpec, Value};

/// Axelrod (1997), Table 1: mean stable regions over 10 runs, 10 × 10 territory.
const AXELROD_TABLE_1: [(i64, i64, f64); 9] = [
    (5, 5, 1.0),
    (5, 10, 3.2),
    (5, 15, 20.0),
    (10, 5, 1.0),
    (10, 10, 1.0),
    (10, 15, 1.4),
    (15, 5, 1.0),
    (15, 10, 1.0),
    (15, 15, 1.2),
];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let runs: u64 = args.get(1).map(|a| a.parse()).transpose()?.unwrap_or(2000);
    let seed: u64 = args.get(2).map(|a| a.parse()).transpose()?.unwrap_or(1997);
    let sizes: Vec<i64> = match args.get(3) {
        Some(list) => list
            .split(',')
            .map(|s| s.parse())
            .collect::<Result<_, _>>()?,
        None => vec![6, 8, 10, 12, 16, 20, 30, 40],
    };
    let registry = Registry::with_builtin_models();
    let dir = tempfile_dir()?;

    let started = Instant::now();
    let spec = SweepSpec {
        scenario: Scenario::for_model(&registry, "culture")?,
        grid: vec![
            (
                "features".into(),
                vec![Value::Int(5), Value::Int(10), Value::Int(15)],
            ),
            (
                "traits".into(),
                vec![Value::Int(5), Value::Int(10), Value::Int(15)],
            ),
        ],
        design: None,
        seeds: derive_seeds(seed, runs),
        master_seed: Some(seed),
        chunk_size: None,
    };
    let table = run_sweep(
        &registry,
        &spec,
        Shard::WHOLE,
        &dir.join("table1"),
        None,
        &NoProgress,
    )?;
    println!("## Table 1: 10 x 10 territory, {runs} runs per cell (master seed {seed})\n");
    println!("| features | traits | Axelrod (10 runs) | this engine: mean | 95% CI | sd | runs | absorbed | mean events |");
    println!("|---:|---:|---:|---:|---|---:|---:|---:|---:|");
    for point in &table.summary {
        let f = int(&point.params["features"]);
        let q = int(&point.params["traits"]);
        let axelrod = AXELROD_TABLE_1
            .iter()
            .find(|(a, b, _)| *a == f && *b == q)
            .map(|c| c.2)
            .unwrap_or(f64::NAN);
        let get = |name: &str| {
            point
                .outputs
                .iter()
                .find(|o| o.output == name)
                .map(|o| o.summary)
        };
        let (Some(regions), Some(absorbed), Some(events)) =
            (get("regions"), get("absorbed"), get("events"))
        else {
            continue;
        };
        println!(
            "| {f} | {q} | {axelrod:.1} | {:.2} | {:.2} – {:.2} | {:.2} | {} | {:.0}% | {:.0} |",
            regions.mean,
            regions.ci_low,
            regions.ci_high,
            regions.sd,
            regions.n,
            absorbed.mean * 100.0,
            events.mean
        );
    }
    eprintln!("table 1: {:.1} s", started.elapsed().as_secs_f64());

    let started = Instant::now();
    let size_runs = (runs / 4).max(10);
    for (features, traits) in [(5i64, 15i64), (5, 10)] {
        let mut scenario = Scenario::for_model(&registry, "culture")?;
        scenario.apply_sets(
            &registry,
            &[format!("features={features}"), format!("traits={traits}")],
        )?;
        let spec = SweepSpec {
            scenario,
            grid: vec![],
            design: Some(sco_sim::Design {
                columns: vec!["width".into(), "height".into()],
                rows: sizes
                    .iter()
                    .map(|s| vec![Value::Int(*s), Value::Int(*s)])
                    .collect(),
            }),
            seeds: derive_seeds(seed + 1, size_runs),
            master_seed: Some(seed + 1),
            chunk_size: None,
        };
        let outcome = run_sweep(
            &registry,
            &spec,
            Shard::WHOLE,
            &dir.join(format!("territory-{features}-{traits}")),
            None,
            &NoProgress,
        )?;
        println!("\n## Territory size: {features} features, {traits} traits, {size_runs} runs per size\n");
        println!("| territory | mean stable regions | 95% CI | absorbed | mean events |");
        println!("|---|---:|---|---:|---:|");
        for point in &outcome.summary {
            let side = int(&point.params["width"]);
            let get = |name: &str| {
                point
                    .outputs
                    .iter()
                    .find(|o| o.output == name)
                    .map(|o| o.summary)
            };
            let (Some(regions), Some(absorbed), Some(events)) =
                (get("regions"), get("absorbed"), get("events"))
            else {
                continue;
            };
            println!(
                "| {side} x {side} | {:.2} | {:.2} – {:.2} | {:.0}% | {:.0} |",
                regions.mean,
                regions.ci_low,
                regions.ci_high,
                absorbed.mean * 100.0,
                events.mean
            );
        }
    }
    eprintln!("territory sizes: {:.1} s", started.elapsed().as_secs_f64());
    std::fs::remove_dir_all(&dir)?;
    Ok(())
}

fn int(value: &Value) -> i64 {
    match value {
        Value::Int(v) => *v,
        _ => 0,
    }
}

fn tempfile_dir() -> std::io::Result<std::path::PathBuf> {
    let dir = std::env::temp_dir().join(format!("axelrod-table-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    Ok(dir)
}
