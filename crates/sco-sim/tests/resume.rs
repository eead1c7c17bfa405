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

/// Chunks in place: a chunk file appears (by rename) only once complete.
fn completed_chunks(dir: &Path) -> usize {
    std::fs::read_dir(dir.join("chunks"))
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .filter(|e| e.file_name().to_string_lossy().ends_with(".parquet"))
                .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
                .count()
        })
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

#[test]
fn the_plan_is_stored_once_and_every_chunk_carries_its_digest() {
    let registry = Registry::with_builtin_models();
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("sweep");
    let outcome = run_sweep(&registry, &spec(), Shard::WHOLE, &dir, Some(2), &NoProgress).unwrap();
    let plan_text = std::fs::read_to_string(dir.join("plan.json")).unwrap();
    // Derived seeds are not written out: the master seed and the count say what they are.
    let plan_json: serde_json::Value = serde_json::from_str(&plan_text).unwrap();
    assert!(plan_json.get("seeds").is_none(), "{plan_text}");
    assert_eq!(plan_json["replications"], 40);
    assert_eq!(plan_json["master_seed"], 99);
    let read_back = sco_sim::SweepPlan::from_json(&plan_text).unwrap();
    assert_eq!(read_back, outcome.plan);
    assert_eq!(read_back.seeds, derive_seeds(99, 40));

    let digest = sco_sim::sweep::plan_digest(&plan_text);
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("manifest.json")).unwrap()).unwrap();
    assert_eq!(manifest["plan_digest"], digest.as_str());
    for chunk in 0..outcome.plan.chunks {
        let path = dir.join("chunks").join(format!("chunk-{chunk:06}.parquet"));
        let record: serde_json::Value = serde_json::from_str(
            &sco_sim::table::read_parquet_metadata(&path)
                .unwrap()
                .unwrap(),
        )
        .unwrap();
        assert_eq!(record["plan_digest"], digest.as_str());
        assert_eq!(record["chunk"], chunk);
        assert!(record.get("points").is_none());
    }
    // No chunk CSVs: people read the merged runs.csv.
    assert_eq!(
        completed_chunks(&dir) as u64,
        outcome.plan.chunks,
        "one Parquet file per chunk"
    );
    assert!(std::fs::read_dir(dir.join("chunks")).unwrap().all(|e| !e
        .unwrap()
        .file_name()
        .to_string_lossy()
        .ends_with(".csv")));
    // The merged Parquet file describes its plan by digest, without the points and seeds.
    let header: serde_json::Value = serde_json::from_str(
        &sco_sim::table::read_parquet_metadata(&dir.join("runs.parquet"))
            .unwrap()
            .unwrap(),
    )
    .unwrap();
    assert_eq!(header["plan_digest"], digest.as_str());
    assert_eq!(header["total_runs"], 120);
    assert!(header.get("points").is_none() && header.get("seeds").is_none());
}

#[test]
fn a_chunk_of_another_sweep_is_refused_on_resume_and_merge() {
    let registry = Registry::with_builtin_models();
    let tmp = tempfile::tempdir().unwrap();
    let mine = tmp.path().join("mine");
    run_sweep(
        &registry,
        &spec(),
        Shard::WHOLE,
        &mine,
        Some(2),
        &NoProgress,
    )
    .unwrap();
    let mut other_spec = spec();
    other_spec.seeds = derive_seeds(100, 40);
    other_spec.master_seed = Some(100);
    let theirs = tmp.path().join("theirs");
    run_sweep(
        &registry,
        &other_spec,
        Shard::WHOLE,
        &theirs,
        Some(2),
        &NoProgress,
    )
    .unwrap();

    // A chunk copied in from another sweep (same layout, other seeds).
    let stray = mine.join("chunks").join("chunk-000005.parquet");
    std::fs::copy(theirs.join("chunks").join("chunk-000005.parquet"), &stray).unwrap();
    let err = run_sweep(
        &registry,
        &spec(),
        Shard::WHOLE,
        &mine,
        Some(1),
        &NoProgress,
    )
    .unwrap_err();
    let message = err.to_string();
    assert!(err.is_bad_input());
    assert!(
        message.contains("chunk-000005.parquet") && message.contains("written for plan digest"),
        "{message}"
    );
    let err = sco_sim::merge(std::slice::from_ref(&mine), &tmp.path().join("merged")).unwrap_err();
    assert!(
        err.to_string().starts_with("cannot merge: ")
            && err.to_string().contains("chunk-000005.parquet"),
        "{err}"
    );

    // Once the stray chunk is removed, the resume recomputes just that chunk, and the result
    // is the same as before.
    let before = std::fs::read(mine.join("runs.parquet")).unwrap();
    std::fs::remove_file(&stray).unwrap();
    let resumed = run_sweep(
        &registry,
        &spec(),
        Shard::WHOLE,
        &mine,
        Some(1),
        &NoProgress,
    )
    .unwrap();
    assert_eq!(resumed.computed_runs, 3);
    assert!(std::fs::read(mine.join("runs.parquet")).unwrap() == before);
}

/// Stops after a few runs, as Python's Ctrl-C does.
struct CancelAfter(std::sync::atomic::AtomicU64);
impl Progress for CancelAfter {
    fn advance(&self, runs: u64) {
        self.0.fetch_add(runs, std::sync::atomic::Ordering::SeqCst);
    }
    fn cancelled(&self) -> bool {
        self.0.load(std::sync::atomic::Ordering::SeqCst) >= 10
    }
}

#[test]
fn a_cancelled_sweep_stops_and_resumes_to_the_same_files() {
    let registry = Registry::with_builtin_models();
    let tmp = tempfile::tempdir().unwrap();
    let whole = tmp.path().join("whole");
    run_sweep(
        &registry,
        &spec(),
        Shard::WHOLE,
        &whole,
        Some(1),
        &NoProgress,
    )
    .unwrap();
    let cut = tmp.path().join("cut");
    let err = run_sweep(
        &registry,
        &spec(),
        Shard::WHOLE,
        &cut,
        Some(1),
        &CancelAfter(0.into()),
    )
    .unwrap_err();
    assert!(matches!(err, sco_sim::SimError::Cancelled), "{err}");
    assert!(completed_chunks(&cut) < 40);
    assert!(!cut.join("runs.parquet").exists());
    run_sweep(&registry, &spec(), Shard::WHOLE, &cut, Some(2), &NoProgress).unwrap();
    let (a, b) = (all_files(&whole), all_files(&cut));
    assert_eq!(a.len(), b.len());
    for ((name, x), (_, y)) in a.iter().zip(&b) {
        assert!(
            x == y,
            "{} differs after a cancelled sweep resumed",
            name.display()
        );
    }
}

#[test]
fn the_in_memory_sweep_has_the_rows_of_the_written_one() {
    let registry = Registry::with_builtin_models();
    let tmp = tempfile::tempdir().unwrap();
    let written = run_sweep(
        &registry,
        &spec(),
        Shard::WHOLE,
        tmp.path(),
        Some(2),
        &NoProgress,
    )
    .unwrap();
    let columns = written.plan.run_columns();
    let on_disk = sco_sim::table::read_parquet(&tmp.path().join("runs.parquet"), &columns).unwrap();
    for threads in [1, 2] {
        let (plan, table) =
            sco_sim::sweep_in_memory(&registry, &spec(), Some(threads), &NoProgress).unwrap();
        assert_eq!(plan, written.plan);
        assert_eq!(table.len(), 120);
        assert_eq!(table, on_disk, "on {threads} threads");
    }
}

#[test]
fn a_truncated_chunk_is_recomputed_on_resume() {
    let registry = Registry::with_builtin_models();
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("sweep");
    run_sweep(&registry, &spec(), Shard::WHOLE, &dir, Some(2), &NoProgress).unwrap();
    let before = all_files(&dir);
    // What a power failure can leave of a chunk written without waiting for the disk.
    let chunk = dir.join("chunks").join("chunk-000007.parquet");
    let bytes = std::fs::read(&chunk).unwrap();
    std::fs::write(&chunk, &bytes[..bytes.len() / 2]).unwrap();
    let err = sco_sim::merge(std::slice::from_ref(&dir), &tmp.path().join("m")).unwrap_err();
    assert!(err.to_string().contains("chunk-000007.parquet"), "{err}");
    let resumed = run_sweep(&registry, &spec(), Shard::WHOLE, &dir, Some(1), &NoProgress).unwrap();
    assert_eq!(resumed.computed_runs, 3);
    assert!(all_files(&dir) == before, "the resumed sweep differs");
}
