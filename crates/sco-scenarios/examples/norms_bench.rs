//! Benchmark and cross-check helper for the Mesa port of the `norms` model
//! (`bench/mesa/norms_mesa.py`, driven by `bench/mesa/norms_compare.py`).
//!
//! - `norms_bench export FILE`: writes the prepared inputs (V-Dem paths, EU pole, ledger
//!   statuses, ties, trade shares, events) as JSON, so that the Mesa model reads exactly the
//!   data this crate reads.
//! - `norms_bench run RUNS THREADS [KEY=VALUE ...]`: runs the default scenario's Monte Carlo
//!   ensemble through the engine (agent tables collected every step) and prints one JSON
//!   line: wall time, RMSE of the median against V-Dem, and the median paths.

use std::time::Instant;

use sco_scenarios::norms::hindcast::{run_ensemble, score, HindcastOptions, ALL, CENTRAL_ASIA};
use sco_scenarios::norms::inputs::VdemIndex;
use sco_sim::NoProgress;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let inputs = sco_scenarios::norms_inputs()?;
    match args.first().map(String::as_str) {
        Some("export") => {
            let file = args.get(1).ok_or("export needs a file name")?;
            let years: Vec<i32> = (inputs.first_year..=inputs.last_year).collect();
            let agents: Vec<serde_json::Value> = inputs
                .agents
                .iter()
                .enumerate()
                .map(|(i, a)| {
                    serde_json::json!({
                        "iso3": a.iso3,
                        "name": a.name,
                        "group": a.group,
                        "post_soviet": a.post_soviet,
                        "observed": years.iter().map(|&y| inputs.observed(VdemIndex::Libdem, i, y)).collect::<Vec<_>>(),
                        "status": years.iter().map(|&y| inputs.status(i, y).word()).collect::<Vec<_>>(),
                        "ties": years.iter().map(|&y| inputs.ties(i, y)).collect::<Vec<_>>(),
                        "trade": years.iter().map(|&y| inputs.trade(i, y)).collect::<Vec<_>>(),
                    })
                })
                .collect();
            let json = serde_json::json!({
                "index": "v2x_libdem",
                "years": years,
                "west_pole": years.iter().map(|&y| inputs.west_pole(VdemIndex::Libdem, y)).collect::<Vec<_>>(),
                "agents": agents,
                "events": inputs.events,
            });
            std::fs::write(file, serde_json::to_string(&json)?)?;
            eprintln!("wrote {file}");
        }
        Some("run") => {
            let runs: u64 = args.get(1).ok_or("run needs RUNS")?.parse()?;
            let threads: usize = args.get(2).ok_or("run needs THREADS")?.parse()?;
            let registry = sco_scenarios::registry()?;
            let mut scenario = sco_scenarios::default_scenario(&registry, "norms")
                .ok_or("no default scenario")??;
            scenario.apply_sets(&registry, &args[3..])?;
            let options = HindcastOptions {
                runs,
                master_seed: 2001,
                threads: Some(threads),
            };
            let started = Instant::now();
            let ensemble =
                run_ensemble(&registry, &scenario, &inputs, options, false, &NoProgress)?;
            let seconds = started.elapsed().as_secs_f64();
            let scored = score(&ensemble, &inputs, VdemIndex::Libdem, 2001);
            let medians: serde_json::Map<String, serde_json::Value> = scored
                .bands
                .iter()
                .map(|b| (b.iso3.clone(), serde_json::json!(b.median)))
                .collect();
            let last: serde_json::Map<String, serde_json::Value> = scored
                .bands
                .iter()
                .map(|b| {
                    let t = b.years.len() - 1;
                    (
                        b.iso3.clone(),
                        serde_json::json!([
                            b.q05[t],
                            b.q25[t],
                            b.median[t],
                            b.q75[t],
                            b.q95[t],
                            b.mean[t]
                        ]),
                    )
                })
                .collect();
            let noise = sco_scenarios::norms::inputs::NoiseMixture::estimate(
                &sco_scenarios::norms::inputs::presample_changes(&inputs, VdemIndex::Libdem, 2001),
            );
            let line = serde_json::json!({
                "noise": noise,
                "last_year_quantiles": last,
                "engine": "sco-sim (Rust)",
                "runs": runs,
                "threads": threads,
                "seconds": seconds,
                "rmse_all": scored.error(ALL).map(|e| e.model_rmse),
                "rmse_central_asia": scored.error(CENTRAL_ASIA).map(|e| e.model_rmse),
                "coverage90_all": scored.error(ALL).map(|e| e.coverage90),
                "median": medians,
            });
            println!("{line}");
        }
        _ => {
            return Err(
                "usage: norms_bench export FILE | norms_bench run RUNS THREADS [KEY=VALUE ...]"
                    .into(),
            )
        }
    }
    Ok(())
}
