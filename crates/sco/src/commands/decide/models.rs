//! `sco decide eum | exchange | compromise | nash | winset FILE`: the generic models of
//! `sco-decide` on a profile file (our TOML case, an actor CSV, or decide's CSV).
//!
//! Tables for people, `--json` for the whole result, `--csv` for tidy rows. A model that
//! answers "no" (gridlock, no agreement) still exits 0: the answer is in the output.

use std::path::{Path, PathBuf};

use anyhow::Result;
use clap::{Args, ValueEnum};
use serde::Serialize;

use sco_decide::consensus::{Metric, UnanimityProblem};
use sco_decide::eum::MoveKind;
use sco_decide::exchange::ExchangeConfig;
use sco_decide::nash::BargainingPower;
use sco_decide::Profile;

use sco_documents::decide::{compare, eum_switchboard, EumComparison, EumDocument, TargetRound};

use crate::commands::decide::{eum_switches, switches};
use crate::error::{input_error, Outcome};
use crate::output::{emit, print, print_json, Format, FormatArgs, Rows};

fn load(file: &Path) -> Result<Profile> {
    sco_decide::load::load_path(file).map_err(|e| input_error(e.to_string()))
}

/// Arguments of `sco decide eum`.
#[derive(Debug, Args)]
pub struct EumArgs {
    /// Profile file (TOML case, actor CSV or decide CSV); try
    /// `examples/development-bank-2015.toml --dimension china_share`.
    #[arg(required_unless_present = "list_switches")]
    pub file: Option<PathBuf>,
    /// Dimension to run on (default: the first).
    #[arg(long)]
    pub dimension: Option<String>,
    /// Number of rounds (1 to 10000).
    #[arg(long, default_value_t = 8, value_parser = rounds)]
    pub rounds: usize,
    /// Set an open choice of the model, e.g. `--switch probability=pairwise` (repeatable;
    /// the others keep the values of Scholz's code).
    #[arg(long = "switch", value_name = "NAME=VALUE")]
    pub switches: Vec<String>,
    /// List the switches, their values and the Scholz-code setting, and exit.
    #[arg(long)]
    pub list_switches: bool,
    /// Compare the medians and means with a published table: a CSV with columns
    /// `round,median,mean`, values as printed (their decimals set the precision).
    #[arg(long, value_name = "CSV")]
    pub target: Option<PathBuf>,
    /// With --target: run every combination of the switches not fixed by --switch and rank
    /// them by agreement with the table (numbers such as q keep their value).
    #[arg(long, requires = "target")]
    pub search: bool,
    /// With --search: how many of the best combinations to print.
    #[arg(long, default_value_t = 10, value_name = "N")]
    pub top: usize,
    #[command(flatten)]
    pub format: FormatArgs,
}

fn list_switches(format: &FormatArgs) -> Result<Outcome> {
    let (rows, switches) = switches::rows(&eum_switchboard(8), "Scholz's code");
    emit(*format, &rows, &switches)?;
    Ok(Outcome::Success)
}

/// Runs `sco decide eum`.
pub fn run_eum(args: EumArgs) -> Result<Outcome> {
    if args.list_switches {
        return list_switches(&args.format);
    }
    let Some(file) = args.file.as_deref() else {
        return Err(input_error("sco decide eum needs a profile FILE"));
    };
    let config = eum_switches::config(args.rounds, &args.switches)?;
    let profile = load(file)?;
    let d = match &args.dimension {
        Some(name) => profile
            .dimension_index(name)
            .ok_or_else(|| input_error(format!("{}: no dimension `{name}`", file.display())))?,
        None => 0,
    };
    let target = match &args.target {
        Some(path) => Some(eum_switches::read_target(path)?),
        None => None,
    };
    if args.search {
        let target = target.unwrap_or_default();
        return search_switches(&args, &profile, d, &target);
    }
    let run =
        sco_decide::eum::run(&profile.issue(d), &config).map_err(|e| input_error(e.to_string()))?;
    let compared = target
        .as_ref()
        .map(|t| compare(&run, t))
        .unwrap_or_default();
    let agree_cut = compared.iter().filter(|c| c.agrees_cut).count();
    let agree_rounded = compared.iter().filter(|c| c.agrees_rounded).count();
    let switches_text = if args.switches.is_empty() {
        "switches of Scholz's code".to_owned()
    } else {
        format!(
            "switches of Scholz's code except {}",
            args.switches.join(", ")
        )
    };
    let dimension = &profile.dimensions[d].name;
    args.format.write_parquet_of(|| eum_rows(&run))?;
    match args.format.format() {
        Format::Json => print_json(&EumDocument::new(
            &profile.name,
            dimension,
            &config,
            &run,
            args.target
                .as_ref()
                .map(|path| EumComparison::new(path.display().to_string(), &compared)),
        )),
        Format::Csv => print(&eum_rows(&run).csv()?),
        Format::Table => {
            let mut rows = Rows::new(&["round", "median", "mean", "moves"]);
            for r in &run.rounds {
                let moves: Vec<String> = r
                    .moves
                    .iter()
                    .map(|m| {
                        let verb = match m.kind {
                            MoveKind::LostConfrontation => "loses to",
                            MoveKind::Compromise => "compromises with",
                            MoveKind::Capitulation => "gives in to",
                        };
                        format!(
                            "{} {verb} {} ({:.2} → {:.2})",
                            run.actors[m.actor], run.actors[m.partner], m.from, m.to
                        )
                    })
                    .collect();
                rows.push(vec![
                    r.round.to_string(),
                    format!("{:.3}", r.median),
                    format!("{:.3}", r.mean),
                    moves.join("; "),
                ]);
            }
            let mut text = format!(
                "Expected utility model (Scholz et al. 2011, {switches_text}): {}, dimension {dimension}\n{}",
                profile.name,
                rows.table()
            );
            if let Some(path) = &args.target {
                let mark = |ok: bool| if ok { "yes" } else { "no" }.to_owned();
                let mut table = Rows::new(&[
                    "round",
                    "statistic",
                    "model",
                    "table",
                    "agrees cut",
                    "agrees rounded",
                ]);
                for c in &compared {
                    table.push(vec![
                        c.round.to_string(),
                        c.statistic.to_owned(),
                        format!("{:.3}", c.model),
                        format!("{:.*}", c.decimals, c.table),
                        mark(c.agrees_cut),
                        mark(c.agrees_rounded),
                    ]);
                }
                text.push_str(&format!(
                    "\nAgainst {}: {agree_cut} of {n} values agree when the model's are cut to the table's decimals, {agree_rounded} of {n} when rounded\n{}",
                    path.display(),
                    table.table(),
                    n = compared.len(),
                ));
            }
            print(&text)
        }
    }?;
    Ok(Outcome::Success)
}

#[derive(Serialize)]
struct SearchJson<'a> {
    profile: &'a str,
    dimension: &'a str,
    target: String,
    fixed: &'a [String],
    #[serde(flatten)]
    outcome: &'a eum_switches::SearchOutcome,
}

/// `sco decide eum FILE --target CSV --search`: which combinations of switches reproduce a
/// published table.
fn search_switches(
    args: &EumArgs,
    profile: &Profile,
    d: usize,
    target: &[TargetRound],
) -> Result<Outcome> {
    let bar = crate::progress::RunsBar::new();
    let outcome =
        eum_switches::search(&profile.issue(d), args.rounds, &args.switches, target, &bar)?;
    let target_path = args
        .target
        .as_ref()
        .map(|p| p.display().to_string())
        .unwrap_or_default();
    let dimension = &profile.dimensions[d].name;
    if args.format.format() == Format::Json {
        print_json(&SearchJson {
            profile: &profile.name,
            dimension,
            target: target_path,
            fixed: &args.switches,
            outcome: &outcome,
        })?;
        return Ok(Outcome::Success);
    }
    let best = outcome.hits.first().map_or(0, |h| h.score);
    let best_hits: Vec<&eum_switches::Hit> =
        outcome.hits.iter().filter(|h| h.score == best).collect();
    let mut rows = Rows::new(&[
        "rank",
        "agree cut",
        "agree rounded",
        "switches changed from Scholz's code",
    ]);
    for (rank, hit) in outcome.hits.iter().take(args.top).enumerate() {
        rows.push(vec![
            (rank + 1).to_string(),
            format!("{}/{}", hit.agree_cut, outcome.compared),
            format!("{}/{}", hit.agree_rounded, outcome.compared),
            if hit.changed.is_empty() {
                "none".to_owned()
            } else {
                hit.changed.join(", ")
            },
        ]);
    }
    let mut text = format!(
        "Expected utility model: {} combinations of {} switches on {}, dimension {dimension}, against {target_path}\nBest agreement: {best} of {} values, reached by {} combination(s){}\n{}",
        outcome.combinations,
        outcome.varied.len(),
        profile.name,
        outcome.compared,
        best_hits.len(),
        if best == outcome.compared { " (the table is reproduced)" } else { " (no combination reproduces the table)" },
        rows.table()
    );
    // Which switches the best combinations agree on.
    let mut settled = Vec::new();
    let mut free = Vec::new();
    for switch in &outcome.varied {
        let values: std::collections::BTreeSet<String> = best_hits
            .iter()
            .map(|h| {
                h.changed
                    .iter()
                    .find_map(|c| {
                        c.strip_prefix(&format!("{}=", switch.name))
                            .map(str::to_owned)
                    })
                    .unwrap_or_else(|| switch.preset.clone())
            })
            .collect();
        let values: Vec<String> = values.into_iter().collect();
        if values.len() == 1 {
            settled.push(format!("{}={}", switch.name, values[0]));
        } else {
            free.push(format!("{} ({})", switch.name, values.join(", ")));
        }
    }
    text.push_str(&format!(
        "\nAll best combinations share: {}\nThey differ in: {}\n",
        if settled.is_empty() {
            "nothing".to_owned()
        } else {
            settled.join(", ")
        },
        if free.is_empty() {
            "nothing".to_owned()
        } else {
            free.join("; ")
        },
    ));
    print(&text)?;
    Ok(Outcome::Success)
}

/// The most rounds `--rounds` accepts: each round keeps its results, so the limit bounds the
/// memory a run takes (real runs need a few dozen).
pub const MAX_ROUNDS: usize = 10_000;

/// Parses `--rounds`: a whole number from 1 to [`MAX_ROUNDS`].
fn rounds(text: &str) -> Result<usize, String> {
    match text.trim().parse::<usize>() {
        Ok(n) if (1..=MAX_ROUNDS).contains(&n) => Ok(n),
        Ok(n) => Err(format!("{n} is outside 1..={MAX_ROUNDS}")),
        Err(_) => Err(format!(
            "`{text}` is not a whole number from 1 to {MAX_ROUNDS}"
        )),
    }
}

/// Arguments of `sco decide exchange`.
#[derive(Debug, Args)]
pub struct ExchangeArgs {
    /// Profile file (decide CSV, TOML case or actor CSV) with two or more dimensions; try
    /// `examples/development-bank-2015.toml`.
    pub file: PathBuf,
    /// Number of rounds (decide's `--iterations`; 1 to 10000).
    #[arg(long, default_value_t = 10, value_parser = rounds)]
    pub rounds: usize,
    #[command(flatten)]
    pub format: FormatArgs,
}

/// Runs `sco decide exchange`.
pub fn run_exchange(args: ExchangeArgs) -> Result<Outcome> {
    let profile = load(&args.file)?;
    if profile.dimensions.len() < 2 {
        return Err(input_error(format!(
            "{}: the exchange model needs at least two dimensions",
            args.file.display()
        )));
    }
    let config = ExchangeConfig {
        rounds: args.rounds,
        ..ExchangeConfig::default()
    };
    let run = sco_decide::exchange::run(&profile, &config);
    args.format.write_parquet_of(|| exchange_rows(&run))?;
    match args.format.format() {
        Format::Json => print_json(&run),
        Format::Csv => print(&exchange_rows(&run).csv()?),
        Format::Table => {
            let last = run.rounds.last();
            let mut rows = Rows::new(&["issue", "mean, start", "mean, last round (voting)"]);
            for (k, issue) in run.issues.iter().enumerate() {
                rows.push(vec![
                    issue.clone(),
                    run.rounds
                        .first()
                        .map_or("—".into(), |r| format!("{:.2}", r.issues[k].start_mean)),
                    last.map_or("—".into(), |r| format!("{:.2}", r.issues[k].voting_mean)),
                ]);
            }
            let exchanges: Vec<String> = run
                .rounds
                .iter()
                .map(|r| r.exchanges.len().to_string())
                .collect();
            print(&format!(
                "Exchange model (Stokman, Equal Gain as in decide): {}, {} rounds\nExchanges per round: {}\n{}",
                profile.name,
                run.rounds.len(),
                exchanges.join(", "),
                rows.table()
            ))
        }
    }?;
    Ok(Outcome::Success)
}

/// Arguments of `sco decide compromise`.
#[derive(Debug, Args)]
pub struct CompromiseArgs {
    /// Profile file (TOML case, actor CSV or decide CSV); try
    /// `examples/development-bank-2015.toml`.
    pub file: PathBuf,
    #[command(flatten)]
    pub format: FormatArgs,
}

/// Runs `sco decide compromise`.
pub fn run_compromise(args: CompromiseArgs) -> Result<Outcome> {
    let profile = load(&args.file)?;
    let dims = sco_decide::compromise::compromise(&profile);
    let mut rows = Rows::new(&["dimension", "compromise", "weight"]);
    for d in &dims {
        rows.push(vec![
            d.dimension.clone(),
            d.position.map_or("—".into(), |x| format!("{x:.4}")),
            format!("{:.4}", d.total_weight),
        ]);
    }
    emit(args.format, &rows, &dims)?;
    Ok(Outcome::Success)
}

/// Preference metric on the command line.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum MetricArg {
    /// Plain distance.
    Euclidean,
    /// Distance weighted by each actor's salience (elliptical preferences).
    Salience,
}

impl From<MetricArg> for Metric {
    fn from(m: MetricArg) -> Self {
        match m {
            MetricArg::Euclidean => Metric::Euclidean,
            MetricArg::Salience => Metric::SalienceWeighted,
        }
    }
}

/// Bargaining power on the command line.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum PowerArg {
    /// Symmetric Nash solution.
    Equal,
    /// Weights = capability.
    Capability,
}

/// Arguments of `sco decide nash`.
#[derive(Debug, Args)]
pub struct NashArgs {
    /// Profile file with a status quo (TOML case: `status_quo` on every dimension); try
    /// `examples/development-bank-2015.toml`.
    pub file: PathBuf,
    #[arg(long, value_enum, default_value_t = MetricArg::Salience)]
    pub metric: MetricArg,
    #[arg(long, value_enum, default_value_t = PowerArg::Equal)]
    pub power: PowerArg,
    #[command(flatten)]
    pub format: FormatArgs,
}

/// Runs `sco decide nash`.
pub fn run_nash(args: NashArgs) -> Result<Outcome> {
    let profile = load(&args.file)?;
    let power = match args.power {
        PowerArg::Equal => BargainingPower::Equal,
        PowerArg::Capability => BargainingPower::Capability,
    };
    let solution = sco_decide::nash::nash_bargaining(&profile, args.metric.into(), power)
        .map_err(|e| input_error(format!("{}: {e}", args.file.display())))?;
    let mut rows = Rows::new(&["dimension", "status quo", "nash"]);
    let sq = profile.status_quo.clone().unwrap_or_default();
    for (d, dim) in profile.dimensions.iter().enumerate() {
        rows.push(vec![
            dim.name.clone(),
            format!("{:.4}", sq[d]),
            format!("{:.4}", solution.point[d]),
        ]);
    }
    args.format.write_parquet(&rows)?;
    match args.format.format() {
        Format::Json => print_json(&solution),
        Format::Csv => print(&rows.csv()?),
        Format::Table => print(&format!(
            "Nash bargaining over the status quo: {}\n{}\n{}",
            profile.name,
            if solution.agreement {
                "An agreement improves on the status quo for everybody."
            } else {
                "No agreement: nothing improves on the status quo for everybody."
            },
            rows.table()
        )),
    }?;
    Ok(Outcome::Success)
}

/// Arguments of `sco decide winset`.
#[derive(Debug, Args)]
pub struct WinsetArgs {
    /// Profile file with a status quo (TOML case: `status_quo` on every dimension); try
    /// `examples/development-bank-2015.toml`.
    pub file: PathBuf,
    #[arg(long, value_enum, default_value_t = MetricArg::Salience)]
    pub metric: MetricArg,
    /// The prediction to test, one value per dimension, comma-separated (default: the compromise).
    #[arg(long, value_delimiter = ',')]
    pub prediction: Option<Vec<f64>>,
    #[command(flatten)]
    pub format: FormatArgs,
}

#[derive(Serialize)]
struct WinsetJson {
    status_quo: Vec<f64>,
    winset: sco_decide::consensus::Winset,
    projection: sco_decide::consensus::Projection,
    reservations: sco_decide::consensus::ReservationReport,
}

/// Runs `sco decide winset`.
pub fn run_winset(args: WinsetArgs) -> Result<Outcome> {
    let profile = load(&args.file)?;
    let at = |e: sco_decide::consensus::ConsensusError| {
        input_error(format!("{}: {e}", args.file.display()))
    };
    let problem = UnanimityProblem::from_profile(&profile, args.metric.into()).map_err(at)?;
    let prediction = match args.prediction {
        Some(p) => p,
        None => sco_decide::compromise::compromise(&profile)
            .iter()
            .zip(&problem.status_quo)
            .map(|(c, &sq)| c.position.unwrap_or(sq))
            .collect(),
    };
    let winset = problem.winset();
    let projection = problem.project(&prediction).map_err(at)?;
    let reservations = problem
        .reservations_that_pass(Some(&prediction))
        .map_err(at)?;
    let mut rows = Rows::new(&["dimension", "status quo", "prediction", "allowed"]);
    for (d, name) in problem.dimensions.iter().enumerate() {
        rows.push(vec![
            name.clone(),
            format!("{:.4}", problem.status_quo[d]),
            format!("{:.4}", prediction[d]),
            format!("{:.4}", projection.allowed[d]),
        ]);
    }
    args.format.write_parquet(&rows)?;
    match args.format.format() {
        Format::Json => print_json(&WinsetJson {
            status_quo: problem.status_quo.clone(),
            winset,
            projection,
            reservations,
        }),
        Format::Csv => print(&rows.csv()?),
        Format::Table => {
            let mut text = format!("Unanimity winset: {}\n", profile.name);
            if winset.empty {
                let who: Vec<String> = winset
                    .blocking
                    .iter()
                    .map(|(n, w)| format!("{n} ({w:.2})"))
                    .collect();
                text.push_str(&format!("Gridlock: no point beats the status quo for everybody. Jointly blocking: {}.\n", who.join(", ")));
            } else if let Some((lo, hi)) = winset.interval {
                text.push_str(&format!("Everybody prefers any point strictly between {lo:.4} and {hi:.4} to the status quo.\n"));
            } else {
                text.push_str("Some points beat the status quo for everybody.\n");
            }
            if let Some(v) = &projection.veto {
                let reach = if v.reach.is_finite() {
                    format!("{:.0}%", 100.0 * v.reach.min(9.99))
                } else {
                    "all".into()
                };
                text.push_str(&format!(
                    "Binding veto: {} (accepts {} of the way from the status quo to the prediction){}.\n",
                    v.actor,
                    reach,
                    if v.blocks_prediction { " and blocks it" } else { "" }
                ));
            }
            text.push_str(if projection.prediction_passes {
                "The prediction passes.\n"
            } else {
                "The prediction does not pass; allowed: the closest point everybody accepts.\n"
            });
            if !reservations.already_passes {
                let single: Vec<String> = reservations
                    .single
                    .iter()
                    .map(|r| {
                        format!(
                            "{} on {}",
                            problem.actors[r.actor], problem.dimensions[r.dimension]
                        )
                    })
                    .collect();
                if !single.is_empty() {
                    text.push_str(&format!(
                        "A reservation by any one of these would let it pass: {}.\n",
                        single.join("; ")
                    ));
                }
            }
            text.push_str(&rows.table());
            print(&text)
        }
    }?;
    Ok(Outcome::Success)
}

/// The EUM run for machines: one row per round and actor.
fn eum_rows(run: &sco_decide::eum::EumRun) -> Rows {
    let mut rows = Rows::new(&["round", "actor", "position", "risk"]);
    for r in &run.rounds {
        for (i, name) in run.actors.iter().enumerate() {
            rows.push(vec![
                r.round.to_string(),
                name.clone(),
                format!("{:.6}", r.positions[i]),
                format!("{:.6}", r.risk[i]),
            ]);
        }
    }
    rows
}

/// The exchange run for machines: one row per round and issue.
fn exchange_rows(run: &sco_decide::exchange::ExchangeRun) -> Rows {
    let mut rows = Rows::new(&["round", "issue", "start_mean", "voting_mean"]);
    for r in &run.rounds {
        for (k, issue) in run.issues.iter().enumerate() {
            rows.push(vec![
                r.round.to_string(),
                issue.clone(),
                format!("{:.6}", r.issues[k].start_mean),
                format!("{:.6}", r.issues[k].voting_mean),
            ]);
        }
    }
    rows
}
