//! An interrupted sweep resumes where it stopped, with no chunk lost or duplicated.
//!
//! The test re-runs its own test binary as a child process that performs a sweep (slowed
//! down by its progress callback so it is still running when killed), kills it with SIGKILL
//! after some chunks are recorded, resumes the sweep in-process, and checks that every
//! resulting file is byte-identical to an uninterrupted sweep's.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use sco_sim::{
    derive_seeds, run_sweep, NoProgress, Progress, Registry, Scenario, Shard, SweepSpec, Value,
};

const CHILD_DIR: &str = "SCO_SIM_RESUME_CHILD_DIR";

fn spec() -> SweepSpec {
    let registry = Registry::with_builtin_models();
    let mut scenario = Scenario::for_model(&registry, "culture").unwrap();
    scenario
        .apply_sets(&registry, &["width=6".into(), "height=6".into()])
        .unwrap();
    SweepSpec {
        scenario,
        grid: vec![(
            "traits".into(),
            vec![Value::Int(5), Value::Int(10), Value::Int(15)],
        )],
        design: None,
        seeds: derive_seeds(99, 40),
        master_seed: Some(99),
        chunk_size: Some(3),
    }
}

/// Slows the child down so that it is reliably killed mid-sweep.
struct Slow;
impl Progress for Slow {
    fn advance(&self, _runs: u64) {
        std::thread::sleep(Duration::from_millis(25));
    }
}

/// Not a test: the child process of `killed_sweep_resumes_to_identical_files`.
#[test]
#[ignore = "helper process spawned by killed_sweep_resumes_to_identical_files"]
fn child_sweep_process() {
    let dir = std::env::var(CHILD_DIR).expect("run by the resume test only");
    let registry = Registry::with_builtin_models();
    run_sweep(
        &registry,
        &spec(),
        Shard::WHOLE,
        Path::new(&dir),
        Some(2),
        &Slow,
    )
    .unwrap();
}

fn completed_chunks(dir: &Path) -> usize {
    std::fs::read_to_string(dir.join("manifest.json"))
        .ok()
        .and_then(|t| serde_json::from_str::<serde_json::Value>(&t).ok())
        .and_then(|m| m["completed"].as_array().map(|a| a.len()))
        .unwrap_or(0)
}

fn all_files(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    for sub in [dir.to_path_buf(), dir.join("chunks")] {
        let mut names: Vec<PathBuf> = std::fs::read_dir(&sub)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.is_file())
            .collect();
        names.sort();
        for path in names {
            let bytes = std::fs::read(&path).unwrap();
            out.push((path.strip_prefix(dir).unwrap().to_path_buf(), bytes));
        }
    }
    out
}

#[test]
fn killed_sweep_resumes_to_identical_files() {
    let registry = Registry::with_builtin_models();
    let tmp = tempfile::tempdir().unwrap();
    let whole = tmp.path().join("uninterrupted");
    let reference = run_sweep(
        &registry,
        &spec(),
        Shard::WHOLE,
        &whole,
        Some(2),
        &NoProgress,
    )
    .unwrap();
    let total_chunks = reference.plan.chunks as usize;
    assert_eq!(reference.runs, 120);
    assert_eq!(total_chunks, 40);

    let killed = tmp.path().join("killed");
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args([
            "--ignored",
            "--exact",
            "child_sweep_process",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CHILD_DIR, &killed)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while completed_chunks(&killed) < 3 {
        assert!(
            started.elapsed() < Duration::from_secs(120),
            "child made no progress"
        );
        assert!(
            child.try_wait().unwrap().is_none(),
            "child ended before it could be killed"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    let done_at_kill = completed_chunks(&killed);
    assert!(
        done_at_kill < total_chunks,
        "the child finished before it was killed"
    );
    assert!(!killed.join("runs.parquet").exists());

    let resumed = run_sweep(
        &registry,
        &spec(),
        Shard::WHOLE,
        &killed,
        Some(2),
        &NoProgress,
    )
    .unwrap();
    assert_eq!(resumed.runs, 120);
    assert!(resumed.computed_runs < 120, "resume recomputed everything");
    assert!(resumed.computed_runs >= 120 - 3 * done_at_kill as u64);
    assert_eq!(completed_chunks(&killed), total_chunks);

    let (a, b) = (all_files(&whole), all_files(&killed));
    assert_eq!(
        a.iter().map(|f| &f.0).collect::<Vec<_>>(),
        b.iter().map(|f| &f.0).collect::<Vec<_>>()
    );
    for ((name, x), (_, y)) in a.iter().zip(&b) {
        assert!(x == y, "{} differs after resume", name.display());
    }
    // Run indices 0..120 each appear exactly once.
    let csv = std::fs::read_to_string(killed.join("runs.csv")).unwrap();
    let runs: Vec<usize> = csv
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap().parse().unwrap())
        .collect();
    assert_eq!(runs, (0..120).collect::<Vec<_>>());
}

#[test]
fn shards_merge_into_the_unsharded_result() {
    let registry = Registry::with_builtin_models();
    let tmp = tempfile::tempdir().unwrap();
    let whole = tmp.path().join("whole");
    run_sweep(
        &registry,
        &spec(),
        Shard::WHOLE,
        &whole,
        Some(2),
        &NoProgress,
    )
    .unwrap();
    let sharded = tmp.path().join("sharded");
    for index in 0..3 {
        let part = run_sweep(
            &registry,
            &spec(),
            Shard { index, count: 3 },
            &sharded,
            Some(1),
            &NoProgress,
        )
        .unwrap();
        assert!(part.dir.ends_with(format!("shard-{index:03}-of-003")));
    }
    // Merging before all shards exist is refused with the missing chunks named.
    let partial = sco_sim::merge(
        &[sharded.join("shard-000-of-003")],
        &tmp.path().join("partial"),
    );
    assert!(partial.is_ok(), "a lone shard merges its own range");
    let missing = sco_sim::merge(
        &[
            sharded.join("shard-000-of-003"),
            sharded.join("shard-002-of-003"),
        ],
        &tmp.path().join("missing"),
    )
    .unwrap_err();
    assert!(
        missing
            .to_string()
            .contains("chunks are missing (first: 13"),
        "{missing}"
    );

    let merged = sco_sim::merge(std::slice::from_ref(&sharded), &sharded).unwrap();
    assert_eq!(merged.runs, 120);
    for name in [
        "runs.parquet",
        "runs.csv",
        "summary.json",
        "summary.csv",
        "plan.json",
    ] {
        assert!(
            std::fs::read(whole.join(name)).unwrap() == std::fs::read(sharded.join(name)).unwrap(),
            "{name} differs between the sharded and the whole sweep"
        );
    }
    // A different sweep in the same directory is refused.
    let mut other = spec();
    other.seeds = derive_seeds(100, 40);
    let err = run_sweep(
        &registry,
        &other,
        Shard::WHOLE,
        &whole,
        Some(1),
        &NoProgress,
    )
    .unwrap_err();
    assert!(
        err.to_string().contains("belongs to a different sweep"),
        "{err}"
    );
}
