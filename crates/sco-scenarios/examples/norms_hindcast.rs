//! Runs the default `norms` hindcast and writes its report: the same work as
//! `sco simulate norms`, without the command line. Used for timing (docs/benchmarks.md).
//!
//! Usage: `cargo run --release -p sco-scenarios --example norms_hindcast -- OUT_DIR [RUNS] [THREADS]`

use std::time::Instant;

use sco_scenarios::norms::hindcast::HindcastOptions;
use sco_scenarios::norms::report::{write_report, ReportOptions};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let out = args.next().unwrap_or_else(|| "norms-out".to_owned());
    let runs: u64 = args.next().map(|r| r.parse()).transpose()?.unwrap_or(200);
    let threads: Option<usize> = args.next().map(|t| t.parse()).transpose()?;
    let started = Instant::now();
    let registry = sco_scenarios::registry()?;
    let inputs = sco_scenarios::norms_inputs()?;
    let scenario =
        sco_scenarios::default_scenario(&registry, "norms").ok_or("no default scenario")??;
    let loaded = started.elapsed();
    let options = ReportOptions {
        hindcast: HindcastOptions {
            runs,
            master_seed: scenario.sweep.seed.unwrap_or(2001),
            threads,
        },
        ..ReportOptions::default()
    };
    let summary = write_report(
        &registry,
        &scenario,
        &inputs,
        options,
        std::path::Path::new(&out),
        &sco_sim::NoProgress,
    )?;
    println!(
        "inputs loaded in {:.3} s; report in {:.3} s",
        loaded.as_secs_f64(),
        started.elapsed().as_secs_f64()
    );
    for row in &summary.hindcast.errors {
        println!(
            "{:<34} n={:>3} model RMSE {:.4} MAE {:.4} | persistence RMSE {:.4} MAE {:.4} | trend RMSE {:.4} | cov90 {:.2} cov50 {:.2}",
            row.label, row.n, row.model_rmse, row.model_mae, row.persistence_rmse, row.persistence_mae, row.trend_rmse, row.coverage90, row.coverage50
        );
    }
    for c in &summary.hindcast.changes {
        println!(
            "{} observed {:?} median {:+.3} [{:+.3}, {:+.3}]",
            c.iso3,
            c.observed_change.map(|v| (v * 1000.0).round() / 1000.0),
            c.median_change,
            c.q05_change,
            c.q95_change
        );
    }
    for a in &summary.ablations {
        println!(
            "ablation {:<22} rmse CA {:.4} all {:.4} cov90 {:.2}",
            a.switched_off, a.rmse_central_asia, a.rmse_all, a.coverage90_all
        );
    }
    if let Some(oos) = &summary.out_of_sample {
        println!("calibrated: {:?}", oos.best);
        for (label, rows) in [("a priori", &oos.a_priori), ("calibrated", &oos.calibrated)] {
            for r in rows.iter().filter(|r| r.label.len() > 3) {
                println!(
                    "oos {label:<10} {:<34} model {:.4} persistence {:.4} trend {:.4} cov90 {:.2}",
                    r.label, r.model_rmse, r.persistence_rmse, r.trend_rmse, r.coverage90
                );
            }
        }
    }
    Ok(())
}
