//! Wall-clock timings of the reference examples (release build):
//! `cargo bench -p sco-decide`. A plain harness (no criterion) keeps the workspace's build
//! light; each case runs repeatedly and the median and minimum are printed.

use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use sco_decide::consensus::{Metric, UnanimityProblem};
use sco_decide::eum::{run as run_eum, EumConfig};
use sco_decide::exchange::{run as run_exchange, ExchangeConfig};
use sco_decide::load::load_path;

fn time(name: &str, repeats: usize, mut f: impl FnMut()) {
    f();
    let mut samples: Vec<Duration> = (0..repeats)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    samples.sort();
    println!(
        "{name:<52} median {:>10.3} ms   min {:>10.3} ms   ({repeats} runs)",
        samples[repeats / 2].as_secs_f64() * 1e3,
        samples[0].as_secs_f64() * 1e3
    );
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let emissions = load_path(&root.join("eum/eu-emissions-1994.csv")).expect("fixture");
    let cop21 = load_path(&root.join("exchange/cop21.csv")).expect("fixture");
    let actors = emissions.issue(0);

    time(
        "EUM, EU emissions 1994, 8 rounds (Scholz-code switches)",
        200,
        || {
            black_box(run_eum(black_box(&actors), &EumConfig::scholz_code(8)).unwrap());
        },
    );
    time("exchange model, COP21, 10 rounds (Equal Gain)", 20, || {
        black_box(run_exchange(black_box(&cop21), &ExchangeConfig::default()));
    });
    let mut with_sq = cop21.clone();
    with_sq.status_quo = Some(vec![50.0; cop21.dimensions.len()]);
    let complete: Vec<usize> = (0..with_sq.actors.len()).collect();
    let problem = UnanimityProblem::from_profile(&with_sq, Metric::SalienceWeighted).expect("sq");
    let prediction: Vec<f64> = sco_decide::compromise::compromise(&with_sq)
        .iter()
        .map(|c| c.position.unwrap_or(50.0))
        .collect();
    time("winset, COP21 actors, 13 dimensions, SQ = 50", 200, || {
        black_box(problem.winset());
    });
    time(
        "projection of the compromise, COP21, 13 dimensions",
        50,
        || {
            black_box(problem.project(&prediction).unwrap());
        },
    );
    black_box(complete);
}
