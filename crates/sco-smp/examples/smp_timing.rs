//! Times full SMP runs on KTAB CSV scenarios: `cargo run --release -p sco-smp
//! --example smp_timing -- FILE...`. Prints steps, stop reason and wall time
//! (the figures in docs/benchmarks.md come from here).

use std::time::Instant;

fn main() {
    let mut files: Vec<String> = std::env::args().skip(1).collect();
    let dump = files.first().is_some_and(|a| a == "--dump");
    if dump {
        files.remove(0);
    }
    if files.is_empty() {
        eprintln!("usage: smp_timing FILE...");
        std::process::exit(2);
    }
    for f in files {
        let scenario = match sco_smp::Scenario::from_csv_path(&f) {
            Ok(s) => s,
            Err(e) => {
                eprintln!("{e}");
                std::process::exit(2);
            }
        };
        let start = Instant::now();
        let run = match sco_smp::run(&scenario, &sco_smp::SmpConfig::default()) {
            Ok(r) => r,
            Err(e) => {
                eprintln!("{e}");
                std::process::exit(3);
            }
        };
        let secs = start.elapsed().as_secs_f64();
        println!(
            "{f}: {} actors, {} dims, {} steps ({:?}), {secs:.3} s, threads {}",
            scenario.num_actors(),
            scenario.num_dimensions(),
            run.steps(),
            run.stop_reason,
            rayon::current_num_threads()
        );
        if dump {
            for (i, a) in scenario.actors.iter().enumerate() {
                let row: Vec<String> = run
                    .history
                    .iter()
                    .map(|s| format!("{:5.1}", s.actors[i].position[0]))
                    .collect();
                println!("{}, {}", a.name, row.join(", "));
            }
        }
    }
}
