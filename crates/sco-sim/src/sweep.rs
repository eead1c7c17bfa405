//! Sweeps: many runs over parameter combinations and seeds, in parallel, written in chunks
//! that survive interruption, splittable across machines and mergeable afterwards.
//!
//! A [`SweepSpec`] (base scenario, grid axes and/or an experiment-design table, seed list,
//! chunk size) becomes a [`SweepPlan`]: the full, ordered list of runs. Run `r` is
//! replication `r % R` of design point `r / R`, with seed `seeds[r % R]` (the same seed list
//! for every point: common random numbers). Runs are grouped in fixed chunks of
//! `chunk_size`; each chunk is computed in parallel (rayon) and written as
//! `chunks/chunk-NNNNNN.parquet` under a temporary name, then renamed into place.
//!
//! What a sweep writes grows linearly with its runs: the plan is stored once (`plan.json`),
//! `manifest.json` (the plan's digest, the shard, its chunks) once, and each chunk carries only
//! a small record naming the plan's digest and its place in the plan. A restarted sweep keeps
//! the chunk files whose record matches its plan and computes the rest, so nothing is lost or
//! computed twice; a chunk of another plan is refused with its file named. Because chunking
//! never depends on the thread count, the merged `runs.parquet` is byte-identical however the
//! sweep was executed. [`sweep_in_memory`] runs the same chunks into a table instead of files.
//!
//! `--shard K/N` gives shard K (0-based) a contiguous block of chunks; each shard writes to
//! its own directory `shard-KKK-of-NNN` and [`merge`] joins them, checking that every chunk
//! is present exactly once and that all parts belong to the same plan.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::SimError;
use crate::params::{find_spec, ParamSet};
use crate::progress::Progress;
use crate::registry::{ModelEntry, Registry};
use crate::rng::derive_seeds;
use crate::run::{code_version, Run, RunOutcome, ENGINE};
use crate::scenario::{CollectSpec, Scenario};
use crate::stats::{summarize, Summary};
use crate::table::ColumnData;
use crate::table::{
    read_parquet, read_parquet_metadata, remove_temp_files, write_atomic, RowSink, Table,
    TableWriter,
};
use crate::value::{Column, Value};

/// Rows of an experiment-design table: one assignment of some parameters per row.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Design {
    /// Parameter names, as in the header.
    pub columns: Vec<String>,
    /// One value per column per row.
    pub rows: Vec<Vec<Value>>,
}

impl Design {
    /// Reads a CSV design table (header = parameter names, one row per design point).
    /// Errors name the file, line and column.
    pub fn from_csv_file(entry: &ModelEntry, path: &Path) -> Result<Design, SimError> {
        let text = crate::error::read_input(path)?;
        Design::from_csv_str(entry, &text, &path.display().to_string())
    }

    /// Parses CSV design text; `file` names it in errors.
    pub fn from_csv_str(entry: &ModelEntry, text: &str, file: &str) -> Result<Design, SimError> {
        let error = |line: usize, column: usize, message: String| SimError::Design {
            file: file.to_owned(),
            line,
            column,
            message,
        };
        // Lines starting with `#` are comments: a design file can say where it came from
        // (e.g. "# EMA Workbench LHS, seed 2024").
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(true)
            .comment(Some(b'#'))
            .from_reader(text.as_bytes());
        // The csv crate neither counts comment lines nor skips them in a record's position (it
        // points at the comment before the record), so lines are found from byte offsets, past
        // comment and blank lines.
        let line_starts: Vec<usize> = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        let lines: Vec<&str> = text.lines().collect();
        let line_of = |byte: u64| {
            let mut line = line_starts.partition_point(|&start| start <= byte as usize);
            while line < lines.len()
                && (lines[line - 1].starts_with('#') || lines[line - 1].trim().is_empty())
            {
                line += 1;
            }
            line
        };
        let header_line = text
            .lines()
            .position(|l| !l.starts_with('#') && !l.trim().is_empty())
            .map_or(1, |i| i + 1);
        let header = reader
            .headers()
            .map_err(|e| error(header_line, 1, e.to_string()))?
            .clone();
        let mut columns = Vec::new();
        for (i, name) in header.iter().enumerate() {
            let name = name.trim();
            find_spec(&entry.params, name).map_err(|e| error(header_line, i + 1, e.to_string()))?;
            if columns.iter().any(|c| c == name) {
                return Err(error(
                    header_line,
                    i + 1,
                    format!("column `{name}` appears twice"),
                ));
            }
            columns.push(name.to_owned());
        }
        let mut rows = Vec::new();
        for record in reader.records() {
            let record = record.map_err(|e| {
                let line = e.position().map(|p| line_of(p.byte())).unwrap_or(0);
                error(line, 1, e.to_string())
            })?;
            let line = record.position().map(|p| line_of(p.byte())).unwrap_or(0);
            let mut row = Vec::with_capacity(columns.len());
            for (i, (name, cell)) in columns.iter().zip(record.iter()).enumerate() {
                let spec = find_spec(&entry.params, name)
                    .map_err(|e| error(line, i + 1, e.to_string()))?;
                row.push(
                    spec.parse_text(cell)
                        .map_err(|e| error(line, i + 1, e.to_string()))?,
                );
            }
            rows.push(row);
        }
        if rows.is_empty() {
            return Err(error(
                1,
                1,
                "the design table has a header but no rows".to_owned(),
            ));
        }
        Ok(Design { columns, rows })
    }
}

/// What to sweep.
#[derive(Debug, Clone)]
pub struct SweepSpec {
    /// Base scenario: model, fixed parameter values, step limit.
    pub scenario: Scenario,
    /// Parameters to vary over a full grid, each with its values.
    pub grid: Vec<(String, Vec<Value>)>,
    /// Optional design table; crossed with the grid when both are given.
    pub design: Option<Design>,
    /// Replication seeds (the same for every design point).
    pub seeds: Vec<u64>,
    /// The master seed the seeds were derived from, if they were, for the record.
    pub master_seed: Option<u64>,
    /// Runs per chunk; `None` picks about 64 chunks (at most 500 runs each).
    pub chunk_size: Option<u64>,
}

/// The complete, ordered list of runs of a sweep. Stored as `plan.json`; two sweep parts
/// belong together exactly when their plans are equal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SweepPlan {
    /// Engine that made the plan.
    pub engine: String,
    /// Code version of the engine.
    pub code_version: String,
    /// Scenario name.
    pub scenario: String,
    /// Model name.
    pub model: String,
    /// The data the model reads beyond its parameters ([`crate::ModelEntry::inputs`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inputs: Option<String>,
    /// Step limit of every run.
    pub max_steps: u64,
    /// All parameters, in the model's order.
    pub param_columns: Vec<Column>,
    /// Names of the parameters that differ between design points.
    pub varying: Vec<String>,
    /// Parameter values of each design point, aligned with `param_columns`.
    pub points: Vec<Vec<Value>>,
    /// Master seed, when the seeds were derived from one.
    pub master_seed: Option<u64>,
    /// Replication seeds. `plan.json` leaves them out when they are the ones derived from
    /// `master_seed` (then `replications` and the master seed say what they are), so that a
    /// plan file stays small however many replications a point has.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub seeds: Vec<u64>,
    /// Replications per design point (the number of seeds).
    pub replications: u64,
    /// Output columns of the model.
    pub output_columns: Vec<Column>,
    /// Runs per chunk.
    pub chunk_size: u64,
    /// Total runs: points × seeds.
    pub total_runs: u64,
    /// Number of chunks.
    pub chunks: u64,
}

impl SweepPlan {
    /// Expands a spec into its plan.
    pub fn new(registry: &Registry, spec: &SweepSpec) -> Result<SweepPlan, SimError> {
        let entry = registry.lookup(&spec.scenario.model)?;
        if spec.seeds.is_empty() {
            return Err(SimError::SweepInput(
                "a sweep needs at least one run per combination".to_owned(),
            ));
        }
        let mut varying: Vec<String> = Vec::new();
        let design_rows: Vec<Vec<(String, Value)>> = match &spec.design {
            Some(design) => {
                varying.extend(design.columns.iter().cloned());
                design
                    .rows
                    .iter()
                    .map(|row| {
                        design
                            .columns
                            .iter()
                            .cloned()
                            .zip(row.iter().cloned())
                            .collect()
                    })
                    .collect()
            }
            None => vec![Vec::new()],
        };
        for (name, values) in &spec.grid {
            find_spec(&entry.params, name)?;
            if varying.contains(name) {
                return Err(SimError::SweepInput(format!(
                    "parameter `{name}` is given both in the design table and as a list"
                )));
            }
            if values.is_empty() {
                return Err(SimError::SweepInput(format!(
                    "parameter `{name}` has an empty list of values"
                )));
            }
            varying.push(name.clone());
        }
        let mut points = Vec::new();
        for row in &design_rows {
            let mut combination = vec![0usize; spec.grid.len()];
            loop {
                let mut params = spec.scenario.params.clone();
                for (name, value) in row {
                    params.set(&entry.params, name, value.clone())?;
                }
                for ((name, values), index) in spec.grid.iter().zip(&combination) {
                    params.set(&entry.params, name, values[*index].clone())?;
                }
                points.push(params);
                // Odometer: the last axis varies fastest.
                let mut axis = spec.grid.len();
                loop {
                    if axis == 0 {
                        break;
                    }
                    axis -= 1;
                    combination[axis] += 1;
                    if combination[axis] < spec.grid[axis].1.len() {
                        break;
                    }
                    combination[axis] = 0;
                }
                if combination.iter().all(|i| *i == 0) {
                    break;
                }
            }
        }
        let param_columns: Vec<Column> = entry
            .params
            .iter()
            .map(|p| Column::new(&p.name, p.kind.value_type(), &p.doc))
            .collect();
        let point_values: Vec<Vec<Value>> = points
            .iter()
            .map(|p| {
                entry
                    .params
                    .iter()
                    .map(|s| p.get(&s.name).cloned().unwrap_or_else(|| s.default.clone()))
                    .collect()
            })
            .collect();
        // Build one model to learn its output columns (and catch inconsistent parameters early).
        let probe_scenario = point_scenario(&spec.scenario, &points[0]);
        let output_columns = Run::start(registry, &probe_scenario, spec.seeds[0])?.output_columns();
        let total_runs = points.len() as u64 * spec.seeds.len() as u64;
        let chunk_size = spec
            .chunk_size
            .unwrap_or_else(|| total_runs.div_ceil(64).clamp(1, 500))
            .max(1);
        Ok(SweepPlan {
            engine: ENGINE.to_owned(),
            code_version: code_version(),
            scenario: spec.scenario.name.clone(),
            model: entry.name.clone(),
            inputs: entry.inputs.clone(),
            max_steps: spec.scenario.max_steps,
            param_columns,
            varying: entry
                .params
                .iter()
                .map(|p| p.name.clone())
                .filter(|n| varying.contains(n))
                .collect(),
            points: point_values,
            master_seed: spec.master_seed,
            seeds: spec.seeds.clone(),
            replications: spec.seeds.len() as u64,
            output_columns,
            chunk_size,
            total_runs,
            chunks: total_runs.div_ceil(chunk_size),
        })
    }

    /// The plan as the exact JSON text stored in `plan.json` (seeds derived from the master
    /// seed are left out).
    pub fn to_json(&self) -> String {
        let derived = self
            .master_seed
            .is_some_and(|master| derive_seeds(master, self.replications) == self.seeds);
        // Serializing plain data to a string cannot fail.
        if derived {
            let mut short = self.clone();
            short.seeds.clear();
            serde_json::to_string_pretty(&short).unwrap_or_default() + "\n"
        } else {
            serde_json::to_string_pretty(self).unwrap_or_default() + "\n"
        }
    }

    /// Reads a plan from the text of a `plan.json`, filling in derived seeds.
    pub fn from_json(text: &str) -> Result<SweepPlan, serde_json::Error> {
        let mut plan: SweepPlan = serde_json::from_str(text)?;
        if plan.seeds.is_empty() {
            if let Some(master) = plan.master_seed {
                plan.seeds = derive_seeds(master, plan.replications);
            }
        }
        if plan.seeds.len() as u64 != plan.replications {
            return Err(serde::de::Error::custom(format!(
                "{} seeds for {} replications",
                plan.seeds.len(),
                plan.replications
            )));
        }
        Ok(plan)
    }

    /// What the merged `runs.parquet` stores about its plan: everything but the design
    /// points and seeds (which are columns of the table itself), and the plan's digest.
    pub fn header_json(&self, digest: &str) -> String {
        let mut short = self.clone();
        short.seeds.clear();
        short.points.clear();
        let mut value = serde_json::to_value(short).unwrap_or_default();
        if let Some(object) = value.as_object_mut() {
            object.remove("points");
            object.insert("plan_digest".to_owned(), digest.into());
            object.insert("plan_file".to_owned(), "plan.json".into());
        }
        serde_json::to_string_pretty(&value).unwrap_or_default()
    }

    /// Columns of the runs table.
    pub fn run_columns(&self) -> Vec<Column> {
        let mut columns = vec![
            Column::int(
                "run",
                "run index in the sweep (point × replications + replication)",
            ),
            Column::int("point", "design point (parameter combination) index"),
            Column::int("replication", "replication index within the point"),
            Column::int("seed", "seed of the run"),
        ];
        columns.extend(self.param_columns.iter().cloned());
        columns.push(Column::int("steps", "steps executed"));
        columns.push(Column::bool(
            "stopped_by_model",
            "true when the model ended itself, false at the step limit",
        ));
        columns.extend(self.output_columns.iter().cloned());
        columns
    }

    /// The parameter set of design point `point`.
    pub fn point_params(&self, point: usize) -> ParamSet {
        let mut params = ParamSet::default();
        for (column, value) in self.param_columns.iter().zip(&self.points[point]) {
            params.insert_unchecked(&column.name, value.clone());
        }
        params
    }

    /// Runs `[start, end)` of chunk `chunk`.
    pub fn chunk_runs(&self, chunk: u64) -> (u64, u64) {
        let start = chunk * self.chunk_size;
        (start, (start + self.chunk_size).min(self.total_runs))
    }
}

fn point_scenario(base: &Scenario, params: &ParamSet) -> Scenario {
    Scenario {
        params: params.clone(),
        collect: CollectSpec {
            model_every: 0,
            agents_every: 0,
        },
        ..base.clone()
    }
}

/// Which part of a sweep this process runs: shard `index` of `count` (0-based).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shard {
    /// 0-based shard index.
    pub index: u64,
    /// Number of shards.
    pub count: u64,
}

impl Shard {
    /// The whole sweep.
    pub const WHOLE: Shard = Shard { index: 0, count: 1 };

    /// Parses `K/N` (0 ≤ K < N).
    pub fn parse(text: &str) -> Result<Shard, SimError> {
        let bad = || {
            SimError::SweepInput(format!(
                "`{text}` is not a shard: write K/N with 0 <= K < N, e.g. 0/4 (shards count from 0, like Slurm array and Kubernetes job indexes)"
            ))
        };
        let (k, n) = text.split_once('/').ok_or_else(bad)?;
        let (index, count) = (
            k.trim().parse::<u64>().map_err(|_| bad())?,
            n.trim().parse::<u64>().map_err(|_| bad())?,
        );
        if count == 0 || index >= count {
            return Err(bad());
        }
        Ok(Shard { index, count })
    }

    /// Chunks `[first, end)` of this shard.
    pub fn chunk_range(&self, chunks: u64) -> (u64, u64) {
        (
            self.index * chunks / self.count,
            (self.index + 1) * chunks / self.count,
        )
    }

    /// The directory of this shard's part under the sweep output directory.
    pub fn part_dir(&self, out: &Path) -> PathBuf {
        if self.count == 1 {
            out.to_path_buf()
        } else {
            out.join(format!("shard-{:03}-of-{:03}", self.index, self.count))
        }
    }
}

/// The record of a sweep part, written once when the part starts: which plan (by digest) and
/// which block of chunks it runs. Which chunks are done is read from the chunk files
/// themselves (each is renamed into place only when complete and carries the plan's digest),
/// so nothing is rewritten per chunk and the bookkeeping grows linearly with the runs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    /// Digest of `plan.json` ([`plan_digest`]), tying the part to its plan.
    pub plan_digest: String,
    /// The shard this part runs.
    pub shard: Shard,
    /// Chunks `[first, end)` assigned to the part.
    pub chunk_range: (u64, u64),
}

/// What each chunk file stores in its Parquet metadata: a few hundred bytes, not the plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChunkRecord {
    /// Engine that wrote the chunk.
    pub engine: String,
    /// Digest of the plan the chunk belongs to.
    pub plan_digest: String,
    /// Chunk index.
    pub chunk: u64,
    /// First run.
    pub first_run: u64,
    /// One past the last run.
    pub end_run: u64,
}

/// The 64-bit FNV-1a hash of a text, as 16 hex digits: a cheap, stable fingerprint.
pub fn fnv1a(text: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in text.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{hash:016x}")
}

/// The digest of a plan's `plan.json` text: `fnv1a-` and its 64-bit FNV-1a hash. It tells
/// apart the plans of different sweeps that could meet in one directory (it is not meant to
/// resist someone forging a plan on purpose).
pub fn plan_digest(plan_json: &str) -> String {
    format!("fnv1a-{}", fnv1a(plan_json))
}

fn chunk_stem(chunk: u64) -> String {
    format!("chunk-{chunk:06}")
}

fn chunk_path(chunks_dir: &Path, chunk: u64) -> PathBuf {
    chunks_dir.join(format!("{}.parquet", chunk_stem(chunk)))
}

/// Reads the record a chunk file carries and checks it against the plan's digest and the
/// chunk's place in the plan. `Ok(None)` when the file does not exist, or when it has no
/// readable Parquet footer and `drop_unreadable` is set (a chunk cut short by a power failure:
/// it is removed, and recomputed).
fn chunk_record(
    plan: &SweepPlan,
    digest: &str,
    chunks_dir: &Path,
    chunk: u64,
    drop_unreadable: bool,
) -> Result<Option<ChunkRecord>, SimError> {
    let path = chunk_path(chunks_dir, chunk);
    if !path.is_file() {
        return Ok(None);
    }
    let metadata = match read_parquet_metadata(&path) {
        Err(SimError::Format { .. }) if drop_unreadable => {
            std::fs::remove_file(&path).map_err(|e| SimError::io(&path, e))?;
            return Ok(None);
        }
        other => other?,
    };
    let mismatch = |what: String| {
        SimError::SweepInput(format!(
            "{}: {what}; this chunk does not belong to the sweep of {} (plan digest {digest}). Use another --out directory, or delete the stray chunk",
            path.display(),
            chunks_dir.parent().unwrap_or(chunks_dir).join("plan.json").display()
        ))
    };
    let text = metadata.ok_or_else(|| mismatch("no chunk record in its metadata".to_owned()))?;
    let record: ChunkRecord = serde_json::from_str(&text)
        .map_err(|e| mismatch(format!("unreadable chunk record ({e})")))?;
    if record.plan_digest != digest {
        return Err(mismatch(format!(
            "written for plan digest {}",
            record.plan_digest
        )));
    }
    let (first, end) = plan.chunk_runs(chunk);
    if record.chunk != chunk || record.first_run != first || record.end_run != end {
        return Err(mismatch(format!(
            "it records chunk {} (runs {}..{}), expected chunk {chunk} (runs {first}..{end})",
            record.chunk, record.first_run, record.end_run
        )));
    }
    Ok(Some(record))
}

/// Summary of one output at one design point.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OutputSummary {
    /// Output name.
    pub output: String,
    /// Mean and 95% interval.
    #[serde(flatten)]
    pub summary: Summary,
}

/// Summaries of every numeric output at one design point.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PointSummary {
    /// Design point index.
    pub point: u64,
    /// Values of the varying parameters.
    pub params: BTreeMap<String, Value>,
    /// One summary per numeric output (booleans as shares).
    pub outputs: Vec<OutputSummary>,
}

/// What a sweep or merge produced.
#[derive(Debug, Clone, PartialEq)]
pub struct SweepOutcome {
    /// The plan.
    pub plan: SweepPlan,
    /// Directory holding the merged files.
    pub dir: PathBuf,
    /// Runs covered by the merged files.
    pub runs: u64,
    /// Runs computed by this call (0 for a merge; less than `runs` after a resume).
    pub computed_runs: u64,
    /// Per-point summaries.
    pub summary: Vec<PointSummary>,
}

/// Runs (or resumes) shard `shard` of a sweep into `out`, on `threads` threads (`None`: all
/// cores), then writes the part's `runs.{parquet,csv}` and `summary.{json,csv}`.
pub fn run_sweep(
    registry: &Registry,
    spec: &SweepSpec,
    shard: Shard,
    out: &Path,
    threads: Option<usize>,
    progress: &dyn Progress,
) -> Result<SweepOutcome, SimError> {
    let plan = SweepPlan::new(registry, spec)?;
    let plan_text = plan.to_json();
    let digest = plan_digest(&plan_text);
    let part = shard.part_dir(out);
    let chunks_dir = part.join("chunks");
    std::fs::create_dir_all(&chunks_dir).map_err(|e| SimError::io(&chunks_dir, e))?;
    remove_temp_files(&part)?;
    remove_temp_files(&chunks_dir)?;

    let plan_path = part.join("plan.json");
    match std::fs::read_to_string(&plan_path) {
        Ok(existing) if existing != plan_text => {
            return Err(SimError::SweepInput(format!(
                "{} belongs to a different sweep (its plan.json has digest {}, this sweep's plan has {digest}); use another --out directory",
                part.display(),
                plan_digest(&existing)
            )))
        }
        Ok(_) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => write_atomic(&plan_path, plan_text.as_bytes())?,
        Err(e) => return Err(SimError::io(&plan_path, e)),
    }

    let chunk_range = shard.chunk_range(plan.chunks);
    let manifest_path = part.join("manifest.json");
    match std::fs::read_to_string(&manifest_path) {
        Ok(text) => {
            let manifest: Manifest =
                serde_json::from_str(&text).map_err(|e| SimError::format(&manifest_path, e))?;
            if manifest.plan_digest != digest || manifest.shard != shard {
                return Err(SimError::SweepInput(format!(
                    "{} records another sweep or shard (plan digest {}, shard {}/{}); use another --out directory",
                    manifest_path.display(),
                    manifest.plan_digest,
                    manifest.shard.index,
                    manifest.shard.count
                )));
            }
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let manifest = Manifest {
                plan_digest: digest.clone(),
                shard,
                chunk_range,
            };
            write_atomic(&manifest_path, manifest_json(&manifest).as_bytes())?;
        }
        Err(e) => return Err(SimError::io(&manifest_path, e)),
    }

    // A chunk is done when its file is in place (files are renamed only when complete) and
    // carries this plan's digest; a chunk of another plan is an error, not silently redone.
    let mut pending = Vec::new();
    for chunk in chunk_range.0..chunk_range.1 {
        if chunk_record(&plan, &digest, &chunks_dir, chunk, true)?.is_none() {
            pending.push(chunk);
        }
    }
    let part_start = plan.chunk_runs(chunk_range.0).0;
    let part_end = if chunk_range.1 > chunk_range.0 {
        plan.chunk_runs(chunk_range.1 - 1).1
    } else {
        part_start
    };
    let pending_runs: u64 = pending
        .iter()
        .map(|c| plan.chunk_runs(*c))
        .map(|(a, b)| b - a)
        .sum();
    let part_total = part_end - part_start;
    progress.start(part_total, part_total - pending_runs);

    let scenarios: Vec<Scenario> = (0..plan.points.len())
        .map(|p| point_scenario(&spec.scenario, &plan.point_params(p)))
        .collect();
    let columns = plan.run_columns();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads.unwrap_or(0))
        .build()
        .map_err(|e| SimError::Internal(format!("cannot start worker threads: {e}")))?;
    pool.install(|| {
        pending
            .par_iter()
            .try_for_each(|&chunk| -> Result<(), SimError> {
                let (first, end) = plan.chunk_runs(chunk);
                let outcomes = (first..end)
                    .into_par_iter()
                    .map(|run| {
                        if progress.cancelled() {
                            return Err(SimError::Cancelled);
                        }
                        let outcome = run_one(registry, &plan, &scenarios, run);
                        progress.advance(1);
                        outcome
                    })
                    .collect::<Result<Vec<_>, _>>()?;
                let mut table = Table::new(columns.clone());
                let mut row = Vec::with_capacity(columns.len());
                for (run, outcome) in (first..end).zip(outcomes) {
                    run_row(&plan, run, outcome, &mut row);
                    table.push_row(&row)?;
                }
                let mut writer = TableWriter::create_parquet(
                    &chunks_dir,
                    &chunk_stem(chunk),
                    &plan.model,
                    columns.clone(),
                )?;
                writer.push_table(&table)?;
                let record = ChunkRecord {
                    engine: ENGINE.to_owned(),
                    plan_digest: digest.clone(),
                    chunk,
                    first_run: first,
                    end_run: end,
                };
                let record = serde_json::to_string(&record)
                    .map_err(|e| SimError::Internal(e.to_string()))?;
                writer.finish(&record)?;
                Ok(())
            })
    })?;

    let outcome = merge(std::slice::from_ref(&part), &part)?;
    progress.finish();
    Ok(SweepOutcome {
        computed_runs: pending_runs,
        ..outcome
    })
}

/// Runs a whole sweep in memory, on `threads` threads (`None`: all cores), and returns its plan
/// and its runs table: the rows and columns of `runs.parquet`, in run order, with no file
/// written (what the Python `sweep` returns as a DataFrame). The same plan gives the same
/// table on any thread count. [`Progress::cancelled`] stops it with [`SimError::Cancelled`].
pub fn sweep_in_memory(
    registry: &Registry,
    spec: &SweepSpec,
    threads: Option<usize>,
    progress: &dyn Progress,
) -> Result<(SweepPlan, Table), SimError> {
    let plan = SweepPlan::new(registry, spec)?;
    let scenarios: Vec<Scenario> = (0..plan.points.len())
        .map(|p| point_scenario(&spec.scenario, &plan.point_params(p)))
        .collect();
    let columns = plan.run_columns();
    progress.start(plan.total_runs, 0);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads.unwrap_or(0))
        .build()
        .map_err(|e| SimError::Internal(format!("cannot start worker threads: {e}")))?;
    let chunks: Vec<Table> = pool.install(|| {
        (0..plan.chunks)
            .into_par_iter()
            .map(|chunk| -> Result<Table, SimError> {
                let (first, end) = plan.chunk_runs(chunk);
                let outcomes = (first..end)
                    .into_par_iter()
                    .map(|run| {
                        if progress.cancelled() {
                            return Err(SimError::Cancelled);
                        }
                        let outcome = run_one(registry, &plan, &scenarios, run);
                        progress.advance(1);
                        outcome
                    })
                    .collect::<Result<Vec<_>, _>>()?;
                let mut table = Table::new(columns.clone());
                let mut row = Vec::with_capacity(columns.len());
                for (run, outcome) in (first..end).zip(outcomes) {
                    run_row(&plan, run, outcome, &mut row);
                    table.push_row(&row)?;
                }
                Ok(table)
            })
            .collect::<Result<Vec<_>, _>>()
    })?;
    let mut table = Table::new(columns);
    for chunk in &chunks {
        table.append(chunk)?;
    }
    progress.finish();
    Ok((plan, table))
}

fn manifest_json(manifest: &Manifest) -> String {
    serde_json::to_string_pretty(manifest).unwrap_or_default() + "\n"
}

fn run_one(
    registry: &Registry,
    plan: &SweepPlan,
    scenarios: &[Scenario],
    run: u64,
) -> Result<RunOutcome, SimError> {
    let replications = plan.seeds.len() as u64;
    let (point, replication) = (run / replications, run % replications);
    let seed = plan.seeds[replication as usize];
    Run::start(registry, &scenarios[point as usize], seed)?.execute(None, None)
}

/// Fills `row` with the runs-table row of run `run`.
fn run_row(plan: &SweepPlan, run: u64, outcome: RunOutcome, row: &mut Vec<Value>) {
    let replications = plan.seeds.len() as u64;
    let (point, replication) = (run / replications, run % replications);
    row.clear();
    row.extend([
        Value::Int(run as i64),
        Value::Int(point as i64),
        Value::Int(replication as i64),
        Value::Int(outcome.seed as i64),
    ]);
    row.extend(plan.points[point as usize].iter().cloned());
    row.push(Value::Int(outcome.steps as i64));
    row.push(Value::Bool(outcome.stopped_by_model));
    row.extend(outcome.outputs);
}

/// The sweep parts found in `dir`: the directory itself if it has a manifest, and any
/// `shard-*` subdirectories that have one.
fn find_parts(dir: &Path) -> Result<Vec<PathBuf>, SimError> {
    let mut parts = Vec::new();
    if dir.join("manifest.json").is_file() {
        parts.push(dir.to_path_buf());
    }
    let entries = std::fs::read_dir(dir).map_err(|e| SimError::io(dir, e))?;
    let mut shards: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("shard-"))
                && p.join("manifest.json").is_file()
        })
        .collect();
    shards.sort();
    parts.extend(shards);
    Ok(parts)
}

/// Merges sweep parts (directories holding `manifest.json`, or directories of `shard-*`
/// parts) into `out`: `plan.json`, `runs.{parquet,csv}` sorted by run, `summary.{json,csv}`.
/// Fails unless all parts share one plan and together hold every chunk of that plan
/// exactly once (a chunk held twice must be byte-identical), and every chunk carries the
/// plan's digest.
pub fn merge(dirs: &[PathBuf], out: &Path) -> Result<SweepOutcome, SimError> {
    let mut parts = Vec::new();
    for dir in dirs {
        if !dir.is_dir() {
            return Err(SimError::Merge(format!(
                "{} is not a directory",
                dir.display()
            )));
        }
        let found = find_parts(dir)?;
        if found.is_empty() {
            return Err(SimError::Merge(format!(
                "{} holds no sweep (no manifest.json)",
                dir.display()
            )));
        }
        parts.extend(found);
    }
    parts.dedup();
    let mut plan_text: Option<String> = None;
    let mut plan: Option<SweepPlan> = None;
    let mut digest = String::new();
    let mut chunk_files: BTreeMap<u64, PathBuf> = BTreeMap::new();
    let mut expected: Vec<(u64, u64)> = Vec::new();
    for part in &parts {
        let path = part.join("plan.json");
        let text = std::fs::read_to_string(&path).map_err(|e| SimError::io(&path, e))?;
        match &plan_text {
            Some(first) if *first != text => {
                return Err(SimError::Merge(format!(
                    "{} belongs to a different sweep than {} (plan digests {} and {digest})",
                    part.display(),
                    parts[0].display(),
                    plan_digest(&text)
                )))
            }
            Some(_) => {}
            None => {
                digest = plan_digest(&text);
                plan = Some(SweepPlan::from_json(&text).map_err(|e| SimError::format(&path, e))?);
                plan_text = Some(text);
            }
        }
        let plan = plan
            .as_ref()
            .ok_or_else(|| SimError::Internal("no plan".to_owned()))?;
        let manifest_path = part.join("manifest.json");
        let manifest_text =
            std::fs::read_to_string(&manifest_path).map_err(|e| SimError::io(&manifest_path, e))?;
        let manifest: Manifest = serde_json::from_str(&manifest_text)
            .map_err(|e| SimError::format(&manifest_path, e))?;
        if manifest.plan_digest != digest {
            return Err(SimError::Merge(format!(
                "{} records plan digest {}, but {} has digest {digest}",
                manifest_path.display(),
                manifest.plan_digest,
                path.display()
            )));
        }
        expected.push(manifest.chunk_range);
        let chunks_dir = part.join("chunks");
        for chunk in manifest.chunk_range.0..manifest.chunk_range.1.min(plan.chunks) {
            let record =
                chunk_record(plan, &digest, &chunks_dir, chunk, false).map_err(|e| match e {
                    SimError::SweepInput(message) => SimError::Merge(message),
                    other => other,
                })?;
            if record.is_none() {
                continue;
            }
            let file = chunk_path(&chunks_dir, chunk);
            if let Some(previous) = chunk_files.get(&chunk) {
                let same = std::fs::read(previous).ok() == std::fs::read(&file).ok();
                if !same {
                    return Err(SimError::Merge(format!(
                        "chunk {chunk} is present in {} and {} with different contents",
                        previous.display(),
                        file.display()
                    )));
                }
                continue;
            }
            chunk_files.insert(chunk, file);
        }
    }
    let plan_text = plan_text.unwrap_or_default();
    let plan = plan.ok_or_else(|| SimError::Merge("no sweep part was given".to_owned()))?;

    // Parts of a whole sweep must cover every chunk; a lone shard must cover its own range.
    let (first, end) = if parts.len() == 1 {
        expected[0]
    } else {
        (0, plan.chunks)
    };
    let missing: Vec<u64> = (first..end)
        .filter(|c| !chunk_files.contains_key(c))
        .collect();
    if !missing.is_empty() {
        let shown: Vec<String> = missing.iter().take(5).map(|c| c.to_string()).collect();
        return Err(SimError::Merge(format!(
            "{} of {} chunks are missing (first: {}); run the missing shards (or resume the sweep) first",
            missing.len(),
            end - first,
            shown.join(", ")
        )));
    }

    std::fs::create_dir_all(out).map_err(|e| SimError::io(out, e))?;
    remove_temp_files(out)?;
    let plan_out = out.join("plan.json");
    if std::fs::read_to_string(&plan_out).ok().as_deref() != Some(plan_text.as_str()) {
        write_atomic(&plan_out, plan_text.as_bytes())?;
    }
    let columns = plan.run_columns();
    let output_offset = columns.len() - plan.output_columns.len();
    let mut per_point: BTreeMap<u64, Vec<Vec<f64>>> = BTreeMap::new();
    let mut writer = TableWriter::create(out, "runs", &plan.model, columns.clone())?;
    let mut next_run = plan.chunk_runs(first).0;
    for chunk in first..end {
        let path = &chunk_files[&chunk];
        let table = read_parquet(path, &columns).map_err(|e| {
            SimError::Merge(format!(
                "{} does not have the plan's columns: {e}",
                path.display()
            ))
        })?;
        let (ColumnData::Int(runs), ColumnData::Int(points)) = (table.column(0), table.column(1))
        else {
            return Err(SimError::Merge(format!(
                "{}: the run and point columns are not integers",
                path.display()
            )));
        };
        for (row, (&run, &point)) in runs.iter().zip(points).enumerate() {
            if run != next_run as i64 {
                return Err(SimError::Merge(format!(
                    "{}: expected run {next_run}, found {run}",
                    path.display()
                )));
            }
            next_run += 1;
            let sums = per_point
                .entry(point as u64)
                .or_insert_with(|| vec![Vec::new(); plan.output_columns.len()]);
            for (k, values) in sums.iter_mut().enumerate() {
                if let Some(x) = table.column(output_offset + k).f64_at(row) {
                    values.push(x);
                }
            }
        }
        writer.push_table(&table)?;
    }
    let runs = writer.rows();
    writer.finish(&plan.header_json(&digest))?;

    let summary: Vec<PointSummary> = per_point
        .iter()
        .map(|(point, values)| PointSummary {
            point: *point,
            params: plan
                .param_columns
                .iter()
                .zip(&plan.points[*point as usize])
                .filter(|(c, _)| plan.varying.contains(&c.name))
                .map(|(c, v)| (c.name.clone(), v.clone()))
                .collect(),
            outputs: plan
                .output_columns
                .iter()
                .zip(values)
                .filter_map(|(c, v)| {
                    summarize(v).map(|summary| OutputSummary {
                        output: c.name.clone(),
                        summary,
                    })
                })
                .collect(),
        })
        .collect();
    write_summary(out, &plan, &summary)?;
    Ok(SweepOutcome {
        plan,
        dir: out.to_path_buf(),
        runs,
        computed_runs: 0,
        summary,
    })
}

fn write_summary(out: &Path, plan: &SweepPlan, summary: &[PointSummary]) -> Result<(), SimError> {
    let json_path = out.join("summary.json");
    let json = serde_json::to_string_pretty(&serde_json::json!({
        "scenario": plan.scenario,
        "model": plan.model,
        "runs_per_point": plan.seeds.len(),
        "interval": "95% Student-t confidence interval of the mean",
        "points": summary,
    }))
    .map_err(|e| SimError::format(&json_path, e))?;
    write_atomic(&json_path, format!("{json}\n").as_bytes())?;

    let csv_path = out.join("summary.csv");
    let mut csv = csv::Writer::from_writer(Vec::new());
    let mut header: Vec<String> = vec!["point".to_owned()];
    header.extend(plan.varying.iter().cloned());
    header.extend(["output", "n", "mean", "sd", "ci_low", "ci_high"].map(String::from));
    csv.write_record(&header)
        .map_err(|e| SimError::format(&csv_path, e))?;
    for point in summary {
        for output in &point.outputs {
            let mut record = vec![point.point.to_string()];
            record.extend(plan.varying.iter().map(|v| {
                point
                    .params
                    .get(v)
                    .map(|x| x.to_string())
                    .unwrap_or_default()
            }));
            let s = output.summary;
            record.extend([
                output.output.clone(),
                s.n.to_string(),
                s.mean.to_string(),
                s.sd.to_string(),
                s.ci_low.to_string(),
                s.ci_high.to_string(),
            ]);
            csv.write_record(&record)
                .map_err(|e| SimError::format(&csv_path, e))?;
        }
    }
    let bytes = csv
        .into_inner()
        .map_err(|e| SimError::format(&csv_path, e.to_string()))?;
    write_atomic(&csv_path, &bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rng::derive_seeds;

    fn spec(grid: Vec<(String, Vec<Value>)>, runs: u64) -> SweepSpec {
        let registry = Registry::with_builtin_models();
        let mut scenario = Scenario::for_model(&registry, "culture").unwrap();
        scenario
            .apply_sets(&registry, &["width=4".to_owned(), "height=4".to_owned()])
            .unwrap();
        SweepSpec {
            scenario,
            grid,
            design: None,
            seeds: derive_seeds(1, runs),
            master_seed: Some(1),
            chunk_size: Some(3),
        }
    }

    #[test]
    fn grid_expands_with_the_last_axis_fastest() {
        let registry = Registry::with_builtin_models();
        let grid = vec![
            ("features".to_owned(), vec![Value::Int(2), Value::Int(3)]),
            (
                "traits".to_owned(),
                vec![Value::Int(5), Value::Int(10), Value::Int(15)],
            ),
        ];
        let plan = SweepPlan::new(&registry, &spec(grid, 2)).unwrap();
        assert_eq!(plan.points.len(), 6);
        assert_eq!(plan.total_runs, 12);
        assert_eq!(plan.chunks, 4);
        assert_eq!(plan.varying, ["features", "traits"]);
        let pairs: Vec<(i64, i64)> = (0..6)
            .map(|p| {
                let params = plan.point_params(p);
                (
                    params.int("features").unwrap(),
                    params.int("traits").unwrap(),
                )
            })
            .collect();
        assert_eq!(pairs, [(2, 5), (2, 10), (2, 15), (3, 5), (3, 10), (3, 15)]);
        assert_eq!(plan.point_params(0).int("width").unwrap(), 4);
    }

    #[test]
    fn shards_partition_the_chunks() {
        for chunks in [0u64, 1, 5, 17] {
            for count in 1..6 {
                let mut covered = Vec::new();
                for index in 0..count {
                    let (a, b) = Shard { index, count }.chunk_range(chunks);
                    covered.extend(a..b);
                }
                assert_eq!(covered, (0..chunks).collect::<Vec<_>>());
            }
        }
        assert_eq!(Shard::parse("2/4").unwrap(), Shard { index: 2, count: 4 });
        assert!(Shard::parse("4/4").is_err());
        assert!(Shard::parse("x").is_err());
    }

    #[test]
    fn design_tables_are_checked_cell_by_cell() {
        let entry = crate::models::culture::entry();
        let design =
            Design::from_csv_str(&entry, "features,traits\n5,10\n10,15\n", "d.csv").unwrap();
        assert_eq!(design.rows.len(), 2);
        let err =
            Design::from_csv_str(&entry, "features,traits\n5,10\n10,x\n", "d.csv").unwrap_err();
        assert_eq!(
            err.to_string(),
            "d.csv:3:2: parameter `traits`: `x` is not valid, expected an integer from 2 to 1000"
        );
        // Comment lines (provenance) are skipped, and errors still name the file's own line.
        let err = Design::from_csv_str(
            &entry,
            "# EMA Workbench LHS, seed 2024\nfeatures,traits\n5,10\n# a note\n10,1.5\n",
            "d.csv",
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "d.csv:5:2: parameter `traits`: `1.5` is not valid, expected an integer from 2 to 1000"
        );
        let err = Design::from_csv_str(&entry, "features,colour\n5,10\n", "d.csv").unwrap_err();
        assert!(
            err.to_string()
                .starts_with("d.csv:1:2: unknown parameter `colour`"),
            "{err}"
        );
    }
}
