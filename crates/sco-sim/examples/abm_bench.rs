//! Times the engine's `culture` and `schelling` models on one thread, with the same
//! arguments and JSON output as `bench/mesa_models.py` and `bench/krabmaga-bench`, for
//! `bench/run_abm_bench.sh`. Runs use seeds 0..RUNS and record no tables (as the others).
//!
//! Usage: `abm_bench culture RUNS SIDE FEATURES TRAITS` or
//!        `abm_bench schelling RUNS SIDE STEPS HOMOPHILY`

use std::time::Instant;

use sco_sim::{Registry, Run, Scenario, Value};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 6 {
        return Err("usage: abm_bench culture RUNS SIDE FEATURES TRAITS | schelling RUNS SIDE STEPS HOMOPHILY".into());
    }
    let (model, runs, side) = (args[1].as_str(), args[2].parse::<u64>()?, args[3].as_str());
    let registry = Registry::with_builtin_models();
    let mut scenario = Scenario::for_model(&registry, model)?;
    let mut sets = vec![format!("width={side}"), format!("height={side}")];
    match model {
        "culture" => sets.extend([
            format!("features={}", args[4]),
            format!("traits={}", args[5]),
        ]),
        _ => {
            scenario.max_steps = args[4].parse()?;
            sets.push(format!("homophily={}", args[5]));
        }
    }
    scenario.apply_sets(&registry, &sets)?;
    scenario.collect.model_every = 0;

    let started = Instant::now();
    let (mut steps, mut events, mut total_output) = (0u64, 0u64, 0.0);
    for seed in 0..runs {
        let run = Run::start(&registry, &scenario, seed)?;
        let outcome = run.execute(None, None)?;
        steps += outcome.steps;
        let output = |name: &str| {
            outcome
                .output(name)
                .and_then(Value::as_f64)
                .unwrap_or(f64::NAN)
        };
        if model == "culture" {
            events += output("events") as u64;
            total_output += output("regions");
        } else {
            events += outcome.steps * output("population") as u64;
            total_output += output("pct_happy") / 100.0;
        }
    }
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "{{\"engine\": \"sco-sim {}\", \"model\": \"{model}\", \"runs\": {runs}, \"seconds\": {seconds}, \"steps\": {steps}, \"events\": {events}, \"mean_output\": {}}}",
        env!("CARGO_PKG_VERSION"),
        total_output / runs as f64
    );
    Ok(())
}
