//! The expected utility model's open choices on the command line (`--switch`,
//! `--list-switches`, through the generic [`Switchboard`]), and the comparison of a run with
//! a published table of medians and means (`--target`, `--search`).

use std::path::Path;

use anyhow::Result;
use serde::Serialize;

use sco_decide::eum::{EumConfig, EumRun};

use crate::commands::switches::{SwitchInfo, Switchboard};
use crate::error::input_error;

/// The model's switches around the preset of Scholz's code; Q and T are probabilities.
pub fn board(rounds: usize) -> Switchboard {
    Switchboard::new(
        &EumConfig::scholz_code(rounds),
        &[("q", 0.0, 1.0), ("t", 0.0, 1.0)],
    )
}

/// The Scholz-code preset with the user's `NAME=VALUE` switches applied.
pub fn config(rounds: usize, switches: &[String]) -> Result<EumConfig> {
    board(rounds).apply(switches)
}

/// One round of a published table: its median and mean as printed, with their decimals.
#[derive(Debug, Clone)]
pub struct TargetRound {
    pub round: usize,
    pub median: Option<(f64, usize)>,
    pub mean: Option<(f64, usize)>,
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

/// A model value cut (truncated) to `decimals`, as a printed table might show it.
pub fn cut(value: f64, decimals: usize) -> f64 {
    let scale = 10f64.powi(decimals as i32);
    ((value * scale) + 1e-9).floor() / scale
}

/// A model value rounded to `decimals`.
pub fn rounded(value: f64, decimals: usize) -> f64 {
    let scale = 10f64.powi(decimals as i32);
    (value * scale).round() / scale
}

fn same(a: f64, b: f64, decimals: usize) -> bool {
    (a - b).abs() < 0.5 * 10f64.powi(-(decimals as i32)) * 1e-3
}

/// One compared value.
#[derive(Debug, Clone, Serialize)]
pub struct Compared {
    pub round: usize,
    pub statistic: &'static str,
    pub model: f64,
    pub table: f64,
    /// Decimals the table prints.
    pub decimals: usize,
    pub agrees_cut: bool,
    pub agrees_rounded: bool,
}

/// Compares a run with a target table, value by value (rounds the run does not have are
/// skipped).
pub fn compare(run: &EumRun, target: &[TargetRound]) -> Vec<Compared> {
    let mut out = Vec::new();
    for t in target {
        let Some(r) = run.rounds.iter().find(|r| r.round == t.round) else {
            continue;
        };
        for (statistic, wanted, model) in [("median", t.median, r.median), ("mean", t.mean, r.mean)]
        {
            if let Some((table, decimals)) = wanted {
                out.push(Compared {
                    round: t.round,
                    statistic,
                    model,
                    table,
                    decimals,
                    agrees_cut: same(cut(model, decimals), table, decimals),
                    agrees_rounded: same(rounded(model, decimals), table, decimals),
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_eum_switches_follow_the_config() {
        let switches = board(8).list();
        let names: Vec<&str> = switches.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names.first(), Some(&"probability"));
        assert_eq!(names.last(), Some(&"mean"));
        assert!(!names.contains(&"rounds"));
        let probability = &switches[0];
        assert_eq!(
            probability.values,
            ["all-pairs", "pairwise", "net-pairwise"]
        );
        assert_eq!(probability.preset, "all-pairs");
        for switch in switches.iter().filter(|s| s.range.is_none()) {
            assert!(switch.values.len() >= 2, "{switch:?}");
            assert!(switch.values.contains(&switch.preset), "{switch:?}");
        }
    }

    #[test]
    fn switches_change_the_preset_and_bad_ones_are_refused() {
        let config = config(8, &["probability=pairwise".into(), "q=0.5".into()]).unwrap();
        assert_eq!(
            config.probability,
            sco_decide::eum::ProbabilityRule::Pairwise
        );
        assert_eq!(config.q, 0.5);
        let error = super::config(8, &["probability=sometimes".into()]).unwrap_err();
        assert!(error
            .to_string()
            .contains("all-pairs, pairwise, net-pairwise"));
        assert!(super::config(8, &["q=2".into()]).is_err());
    }

    #[test]
    fn cut_and_round_differ_where_they_should() {
        assert_eq!(cut(9.671, 1), 9.6);
        assert_eq!(rounded(9.671, 1), 9.7);
        assert_eq!(cut(7.4, 1), 7.4);
    }
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

    let board = board(rounds);
    // Refuse bad fixed switches before running anything.
    board.apply::<EumConfig>(fixed)?;
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
