//! The decision models' documents and options: what `sco decide smp | eum --json` and the
//! Python functions `smp` and `eum` return, and the switches both accept.
//!
//! Why here: the CLI and the Python bindings promise the same documents and the same
//! switches (names, values, presets, refusals). The runs come in already computed; nothing
//! here reads a file or prints.

use serde::Serialize;

use sco_decide::eum::{EumConfig, EumRun};

use crate::switches::Switchboard;

/// KTAB's default options (`smpc --csv`) with this seed and step limit: the preset that the
/// SMP's switches change.
pub fn smp_preset(seed: u64, max_steps: usize) -> sco_smp::SmpConfig {
    sco_smp::SmpConfig {
        seed,
        max_iterations: max_steps,
        ..sco_smp::SmpConfig::default()
    }
}

/// The SMP's switches around `preset` (every option is an enum; no numeric switch).
pub fn smp_switchboard(preset: &sco_smp::SmpConfig) -> Switchboard {
    Switchboard::new(preset, &[])
}

/// The expected utility model's switches around the preset of Scholz's code; Q and T are
/// probabilities.
pub fn eum_switchboard(rounds: usize) -> Switchboard {
    Switchboard::new(
        &EumConfig::scholz_code(rounds),
        &[("q", 0.0, 1.0), ("t", 0.0, 1.0)],
    )
}

/// The document of `sco decide smp --json`: the run's settings and its history, actors by
/// name.
#[derive(Debug, Serialize)]
pub struct SmpDocument<'a> {
    pub model: &'static str,
    pub scenario: &'a str,
    pub description: &'a str,
    pub dimensions: &'a [String],
    pub seed: u64,
    pub steps: usize,
    pub stop_reason: sco_smp::StopReason,
    pub config: &'a sco_smp::SmpConfig,
    pub history: Vec<SmpStep<'a>>,
}

/// One step of an SMP run.
#[derive(Debug, Serialize)]
pub struct SmpStep<'a> {
    pub step: usize,
    pub actors: &'a [sco_smp::ActorStep],
    pub fractional_change: Option<f64>,
    pub bargains: Vec<SmpBargain<'a>>,
    pub adopted: Vec<SmpAdoption<'a>>,
}

/// One bargain proposed in a step, actors by name.
#[derive(Debug, Serialize)]
pub struct SmpBargain<'a> {
    pub initiator: &'a str,
    pub receiver: &'a str,
    pub initiator_win_prob: f64,
    pub initiator_expected_gain: f64,
    pub receiver_win_prob_estimate: f64,
    pub receiver_expected_gain: f64,
    pub initiator_adopts: &'a [f64],
    pub receiver_adopts: &'a [f64],
}

/// The bargain an actor adopted in a step.
#[derive(Debug, Serialize)]
pub struct SmpAdoption<'a> {
    pub actor: &'a str,
    pub bargain: [&'a str; 2],
    pub prob: f64,
    pub options: usize,
}

impl<'a> SmpDocument<'a> {
    /// The document of `run` on `scenario`.
    pub fn new(run: &'a sco_smp::SmpRun, scenario: &'a sco_smp::Scenario) -> Self {
        let name = |i: usize| scenario.actors[i].name.as_str();
        let history = run
            .history
            .iter()
            .map(|step| SmpStep {
                step: step.step,
                actors: &step.actors,
                fractional_change: step.fractional_change,
                bargains: step
                    .bargains
                    .iter()
                    .map(|b| SmpBargain {
                        initiator: name(b.initiator),
                        receiver: name(b.receiver),
                        initiator_win_prob: b.init_win_prob,
                        initiator_expected_gain: b.init_expected_gain,
                        receiver_win_prob_estimate: b.rcvr_win_prob,
                        receiver_expected_gain: b.rcvr_expected_gain,
                        initiator_adopts: &b.init_adopts,
                        receiver_adopts: &b.rcvr_adopts,
                    })
                    .collect(),
                adopted: step
                    .adoptions
                    .iter()
                    .map(|a| SmpAdoption {
                        actor: name(a.actor),
                        bargain: [name(a.initiator), name(a.receiver)],
                        prob: a.prob,
                        options: a.options,
                    })
                    .collect(),
            })
            .collect();
        SmpDocument {
            model: "KTAB Spatial Model of Politics",
            scenario: &scenario.name,
            description: &scenario.description,
            dimensions: &run.dimensions,
            seed: run.config.seed,
            steps: run.steps(),
            stop_reason: run.stop_reason,
            config: &run.config,
            history,
        }
    }
}

/// The document of `sco decide eum --json`: the run with its settings and, with a target
/// table, the comparison.
#[derive(Debug, Serialize)]
pub struct EumDocument<'a> {
    pub model: &'static str,
    pub profile: &'a str,
    pub dimension: &'a str,
    pub config: &'a EumConfig,
    pub run: &'a EumRun,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub comparison: Option<EumComparison<'a>>,
}

impl<'a> EumDocument<'a> {
    /// The document of `run` on the dimension `dimension` of the profile `profile`.
    pub fn new(
        profile: &'a str,
        dimension: &'a str,
        config: &'a EumConfig,
        run: &'a EumRun,
        comparison: Option<EumComparison<'a>>,
    ) -> Self {
        EumDocument {
            model: "expected utility model (Scholz et al. 2011)",
            profile,
            dimension,
            config,
            run,
            comparison,
        }
    }
}

/// A run compared with a published table.
#[derive(Debug, Serialize)]
pub struct EumComparison<'a> {
    /// Where the table came from (a file name).
    pub target: String,
    pub values: &'a [Compared],
    /// Values that agree when the model's are cut / rounded to the table's decimals.
    pub agree_cut: usize,
    pub agree_rounded: usize,
}

impl<'a> EumComparison<'a> {
    /// The comparison with the table `target`, from its compared values.
    pub fn new(target: String, values: &'a [Compared]) -> Self {
        EumComparison {
            target,
            values,
            agree_cut: values.iter().filter(|c| c.agrees_cut).count(),
            agree_rounded: values.iter().filter(|c| c.agrees_rounded).count(),
        }
    }
}

/// One round of a published table: its median and mean as printed, with their decimals.
#[derive(Debug, Clone)]
pub struct TargetRound {
    pub round: usize,
    pub median: Option<(f64, usize)>,
    pub mean: Option<(f64, usize)>,
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
        let switches = eum_switchboard(8).list();
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
        let board = eum_switchboard(8);
        let config: EumConfig = board
            .apply(&["probability=pairwise".into(), "q=0.5".into()])
            .unwrap();
        assert_eq!(
            config.probability,
            sco_decide::eum::ProbabilityRule::Pairwise
        );
        assert_eq!(config.q, 0.5);
        let error = board
            .apply::<EumConfig>(&["probability=sometimes".into()])
            .unwrap_err();
        assert!(error
            .to_string()
            .contains("all-pairs, pairwise, net-pairwise"));
        assert!(board.apply::<EumConfig>(&["q=2".into()]).is_err());
    }

    #[test]
    fn the_smp_switches_take_kebab_snake_or_pascal_values() {
        let board = smp_switchboard(&smp_preset(7, 5));
        for value in ["prop-cbc", "prop_cbc", "PropCbc"] {
            let config: sco_smp::SmpConfig = board
                .apply_pairs(&[("voting_rule".into(), value.into())])
                .unwrap();
            assert_eq!(board.changes(&config), ["voting-rule=prop-cbc"], "{value}");
            assert_eq!((config.seed, config.max_iterations), (7, 5));
        }
    }

    #[test]
    fn cut_and_round_differ_where_they_should() {
        assert_eq!(cut(9.671, 1), 9.6);
        assert_eq!(rounded(9.671, 1), 9.7);
        assert_eq!(cut(7.4, 1), 7.4);
    }
}
