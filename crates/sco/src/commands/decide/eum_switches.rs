//! The expected utility model's open choices on the command line (`--switch`,
//! `--list-switches`, through the shared [`sco_documents::decide::eum_switchboard`]), and the
//! comparison of a run with a published table of medians and means read from a file
//! (`--target`, `--search`; the comparison itself is [`sco_documents::decide::compare`]).

use std::path::Path;

use anyhow::Result;
use serde::Serialize;

use sco_decide::eum::EumConfig;
use sco_documents::decide::{compare, eum_switchboard, TargetRound};
use sco_documents::switches::SwitchInfo;

use crate::commands::decide::switches::refused;
use crate::error::input_error;

/// The Scholz-code preset with the user's `NAME=VALUE` switches applied.
pub fn config(rounds: usize, switches: &[String]) -> Result<EumConfig> {
    eum_switchboard(rounds).apply(switches).map_err(refused)
}

/// Reads a target table: CSV with a header `round,median,mean` (either value may be empty).
pub fn read_target(path: &Path) -> Result<Vec<TargetRound>> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| input_error(format!("{}: cannot read: {e}", path.display())))?;
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| input_error(format!("{}:1: {e}", path.display())))?
        .clone();
    let column = |name: &str| headers.iter().position(|h| h == name);
    let (Some(round_at), median_at, mean_at) = (column("round"), column("median"), column("mean"))
    else {
        return Err(input_error(format!(
            "{}:1: the header needs a `round` column and `median` and/or `mean`",
            path.display()
        )));
    };
    if median_at.is_none() && mean_at.is_none() {
        return Err(input_error(format!(
            "{}:1: the header needs a `median` or a `mean` column",
            path.display()
        )));
    }
    let mut rounds = Vec::new();
    for (index, record) in reader.records().enumerate() {
        let line = index + 2;
        let record = record.map_err(|e| input_error(format!("{}:{line}: {e}", path.display())))?;
        let field = |at: Option<usize>, name: &str| -> Result<Option<(f64, usize)>> {
            let Some(text) = at.and_then(|i| record.get(i)).filter(|t| !t.is_empty()) else {
                return Ok(None);
            };
            let value: f64 = text.parse().map_err(|_| {
                input_error(format!(
                    "{}:{line}: field `{name}`: `{text}` is not a number",
                    path.display()
                ))
            })?;
            let decimals = text.split_once('.').map_or(0, |(_, d)| d.len());
            Ok(Some((value, decimals)))
        };
        let round_text = record.get(round_at).unwrap_or("");
        let round: usize = round_text.parse().map_err(|_| {
            input_error(format!(
                "{}:{line}: field `round`: `{round_text}` is not a round number",
                path.display()
            ))
        })?;
        rounds.push(TargetRound {
            round,
            median: field(median_at, "median")?,
            mean: field(mean_at, "mean")?,
        });
    }
    Ok(rounds)
}

/// One combination of switches tried by [`search`].
#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    /// The switches that differ from Scholz's code, as `name=value`.
    pub changed: Vec<String>,
    /// Values that agree with the table when the model's are cut / rounded.
    pub agree_cut: usize,
    pub agree_rounded: usize,
    /// The larger of the two.
    pub score: usize,
}

/// What [`search`] found.
#[derive(Debug, Clone, Serialize)]
pub struct SearchOutcome {
    /// Combinations run.
    pub combinations: usize,
    /// Values compared per combination.
    pub compared: usize,
    /// The switches varied, with their values.
    pub varied: Vec<SwitchInfo>,
    /// Every combination, best first (ties: fewer changes first, then generation order).
    pub hits: Vec<Hit>,
}

/// Runs the model under every combination of the enum switches the user did not fix with
/// `--switch` (numbers keep their value) and scores each against the target table.
/// Combinations the model refuses are skipped. The order of the result does not depend on
/// the number of threads.
pub fn search(
    actors: &[sco_decide::IssueActor],
    rounds: usize,
    fixed: &[String],
    target: &[TargetRound],
    progress: &dyn sco_sim::Progress,
) -> Result<SearchOutcome> {
    use rayon::prelude::*;

    let board = eum_switchboard(rounds);
    // Refuse bad fixed switches before running anything.
    board.apply::<EumConfig>(fixed).map_err(refused)?;
    let (varied, combinations) = board.combinations(fixed);
    progress.start(combinations.len() as u64, 0);
    let results: Vec<Option<Hit>> = combinations
        .par_iter()
        .map(|combo| {
            let mut all = fixed.to_vec();
            all.extend(combo.iter().cloned());
            let hit = board.apply::<EumConfig>(&all).ok().and_then(|cfg| {
                let run = sco_decide::eum::run(actors, &cfg).ok()?;
                let compared = compare(&run, target);
                let agree_cut = compared.iter().filter(|c| c.agrees_cut).count();
                let agree_rounded = compared.iter().filter(|c| c.agrees_rounded).count();
                let changed = board.changes(&cfg);
                Some(Hit {
                    changed,
                    agree_cut,
                    agree_rounded,
                    score: agree_cut.max(agree_rounded),
                })
            });
            progress.advance(1);
            hit
        })
        .collect();
    progress.finish();
    let mut hits: Vec<Hit> = results.into_iter().flatten().collect();
    // Best score first; among equals, fewer changes from Scholz's code first; the stable
    // sort keeps generation order after that.
    hits.sort_by(|a, b| {
        b.score
            .cmp(&a.score)
            .then(a.changed.len().cmp(&b.changed.len()))
    });
    Ok(SearchOutcome {
        combinations: combinations.len(),
        compared: compare_len(target),
        varied,
        hits,
    })
}

fn compare_len(target: &[TargetRound]) -> usize {
    target
        .iter()
        .map(|t| usize::from(t.median.is_some()) + usize::from(t.mean.is_some()))
        .sum()
}
