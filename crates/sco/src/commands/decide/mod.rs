//! `sco decide`: run a decision model on a scenario file.
//!
//! Each model is a subcommand. `sco decide smp FILE` runs KTAB's Spatial
//! Model of Politics (crate `sco-smp`) on a scenario in KTAB's CSV format with
//! KTAB's default settings and seed, and prints the final state (table), the
//! whole history (`--json`) or tidy rows (`--csv`).

pub mod eum_switches;
pub mod lab;
pub mod lab_charts;
pub mod models;
pub mod switches;

use std::path::PathBuf;

use anyhow::Result;
use clap::{Args, Subcommand};
use sco_documents::decide::{smp_preset, smp_switchboard, SmpDocument};

use self::switches::refused;
use crate::error::{input_error, Outcome};
use crate::output::{emit, print, print_json, Format, FormatArgs, Rows};

/// Arguments of `sco decide`.
#[derive(Debug, Args)]
pub struct DecideArgs {
    /// The decision model to run.
    #[command(subcommand)]
    pub model: DecideCommand,
}

/// The decision models.
#[derive(Debug, Subcommand)]
pub enum DecideCommand {
    /// KTAB's Spatial Model of Politics on a scenario in KTAB's CSV format.
    Smp(SmpArgs),
    /// An SCO case: each model's prediction beside what consensus under the Charter lets pass.
    Case(crate::commands::decide::lab::CaseArgs),
    /// The SCO cases shipped with the program.
    Cases(crate::commands::decide::lab::CasesArgs),
    /// The winset and the probability of agreement by membership (a case, or random agendas).
    Expansion(crate::commands::decide::lab::ExpansionArgs),
    /// The winset of an anti-Western declaration from the members' UN votes.
    AntiWestern(crate::commands::decide::lab::AntiWesternArgs),
    /// Bueno de Mesquita's expected utility model (Scholz et al. 2011) on one dimension of a profile.
    Eum(crate::commands::decide::models::EumArgs),
    /// Stokman's exchange model (Equal Gain, as in decide) on a profile (decide's CSV format reads as it is).
    Exchange(crate::commands::decide::models::ExchangeArgs),
    /// The compromise (capability x salience weighted mean) of a profile.
    Compromise(crate::commands::decide::models::CompromiseArgs),
    /// The Nash bargaining solution over a profile's status quo.
    Nash(crate::commands::decide::models::NashArgs),
    /// The unanimity winset of a profile, the binding veto and what consensus allows of a prediction.
    Winset(crate::commands::decide::models::WinsetArgs),
}

/// Arguments of `sco decide smp`.
#[derive(Debug, Args)]
pub struct SmpArgs {
    /// Scenario in KTAB's CSV format (first line: name, description, actors, dimensions;
    /// a header; one row per actor: name, description, influence, then position and
    /// salience per dimension, on a 0–100 scale); try `examples/development-bank-2015-ktab.csv`.
    #[arg(required_unless_present = "list_switches")]
    pub file: Option<PathBuf>,

    /// Set one of KTAB's model options, e.g. `--switch voting-rule=prop-cbc` (repeatable;
    /// the others keep KTAB's `smpc --csv` defaults).
    #[arg(long = "switch", value_name = "NAME=VALUE")]
    pub switches: Vec<String>,

    /// List KTAB's model options, their values and KTAB's defaults, and exit.
    #[arg(long)]
    pub list_switches: bool,

    /// Seed of KTAB's random generator (only stochastic transitions draw from it).
    #[arg(long, default_value_t = sco_smp::KTAB_DEFAULT_SEED)]
    pub seed: u64,

    /// Stop after at most this many steps (KTAB: 100).
    #[arg(long, default_value_t = 100, value_parser = clap::value_parser!(u32).range(1..))]
    pub max_steps: u32,

    #[command(flatten)]
    pub format: FormatArgs,
}

/// Runs `sco decide`.
pub fn run(ledger_dir: Option<&std::path::Path>, args: DecideArgs) -> Result<Outcome> {
    match args.model {
        DecideCommand::Smp(args) => run_smp(args),
        DecideCommand::Case(args) => crate::commands::decide::lab::run_case(ledger_dir, args),
        DecideCommand::Cases(args) => crate::commands::decide::lab::run_cases(args),
        DecideCommand::Expansion(args) => {
            crate::commands::decide::lab::run_expansion(ledger_dir, args)
        }
        DecideCommand::AntiWestern(args) => {
            crate::commands::decide::lab::run_anti_western(ledger_dir, args)
        }
        DecideCommand::Eum(args) => crate::commands::decide::models::run_eum(args),
        DecideCommand::Exchange(args) => crate::commands::decide::models::run_exchange(args),
        DecideCommand::Compromise(args) => crate::commands::decide::models::run_compromise(args),
        DecideCommand::Nash(args) => crate::commands::decide::models::run_nash(args),
        DecideCommand::Winset(args) => crate::commands::decide::models::run_winset(args),
    }
}

fn run_smp(args: SmpArgs) -> Result<Outcome> {
    let board = smp_switchboard(&smp_preset(args.seed, args.max_steps as usize));
    if args.list_switches {
        let (rows, switches) = switches::rows(&board, "KTAB default");
        emit(args.format, &rows, &switches)?;
        return Ok(Outcome::Success);
    }
    let config: sco_smp::SmpConfig = board.apply(&args.switches).map_err(refused)?;
    let changed = board.changes(&config);
    let Some(file) = args.file.as_deref() else {
        return Err(input_error("sco decide smp needs a scenario FILE"));
    };
    let scenario =
        sco_smp::Scenario::from_csv_path(file).map_err(|e| input_error(e.to_string()))?;
    let run = sco_smp::run(&scenario, &config).map_err(|e| input_error(e.to_string()))?;
    args.format.write_parquet_of(|| tidy_rows(&run))?;
    match args.format.format() {
        Format::Json => print_json(&SmpDocument::new(&run, &scenario)),
        Format::Csv => print(&tidy_rows(&run).csv()?),
        Format::Table => print(&summary(&run, &changed)),
    }?;
    Ok(Outcome::Success)
}

/// One row per step, actor and dimension.
fn tidy_rows(run: &sco_smp::SmpRun) -> Rows {
    let mut rows = Rows::new(&["step", "actor", "dimension", "position", "prob"]);
    for step in &run.history {
        for actor in &step.actors {
            for (d, dim) in run.dimensions.iter().enumerate() {
                rows.push(vec![
                    step.step.to_string(),
                    actor.name.clone(),
                    dim.clone(),
                    format!("{:.4}", actor.position[d]),
                    format!("{:.6}", actor.prob),
                ]);
            }
        }
    }
    rows
}

/// The final state as a table, with who prevails.
fn summary(run: &sco_smp::SmpRun, changed: &[String]) -> String {
    let last = run.final_step();
    let mut headers: Vec<&str> = vec!["actor"];
    headers.extend(run.dimensions.iter().map(String::as_str));
    headers.push("prob");
    let mut rows = Rows::new(&headers);
    for a in &last.actors {
        let mut row = vec![a.name.clone()];
        row.extend(a.position.iter().map(|x| format!("{x:.1}")));
        row.push(format!("{:.4}", a.prob));
        rows.push(row);
    }
    let stop = match run.stop_reason {
        sco_smp::StopReason::Converged => format!(
            "converged: the last step moved {:.2}% of the first",
            100.0 * last.fractional_change.unwrap_or(0.0)
        ),
        sco_smp::StopReason::MaxIterations => "stopped at the step limit".to_string(),
    };
    // the most probable distinct position and the actors holding it
    let best = last
        .distinct_positions
        .iter()
        .copied()
        .max_by(|&a, &b| last.actors[a].prob.total_cmp(&last.actors[b].prob))
        .unwrap_or(0);
    let best_p = last.actors[best].prob;
    let holders: Vec<&str> = last
        .actors
        .iter()
        .filter(|a| {
            let d: f64 = a
                .position
                .iter()
                .zip(&last.actors[best].position)
                .map(|(x, y)| (x - y) * (x - y))
                .sum();
            a.prob == best_p && d.sqrt() < 0.15
        })
        .map(|a| a.name.as_str())
        .collect();
    let position: Vec<String> = last.actors[best]
        .position
        .iter()
        .map(|x| format!("{x:.1}"))
        .collect();
    format!(
        "Spatial Model of Politics ({options}, seed {seed}): {name}\n\
         {na} actors, {nd} dimension(s); {steps} steps, {stop}.\n\
         Final step {steps}:\n{table}\n\
         Prevails: position ({position}) held by {holders}, probability {best_p:.4}.\n",
        options = if changed.is_empty() {
            "KTAB defaults".to_owned()
        } else {
            format!("KTAB defaults except {}", changed.join(", "))
        },
        seed = run.config.seed,
        name = run.scenario,
        na = last.actors.len(),
        nd = run.dimensions.len(),
        steps = run.steps(),
        table = rows.table(),
        position = position.join(", "),
        holders = holders.join(", "),
    )
}
