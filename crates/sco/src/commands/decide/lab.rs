//! `sco decide case | cases | expansion | anti-western`: the SCO layer of the decision lab.
//!
//! `case` runs the bargaining models on a sourced SCO case (crate `sco-lab`) and sets each
//! prediction beside what consensus under the Charter lets pass; `expansion` shows how the
//! winset and the probability of agreement change from the Shanghai Five to the 2024 members
//! and a counterfactual with candidates; `anti-western` computes the winset of an
//! anti-Western declaration from the members' UN General Assembly voting; `cases` lists the
//! shipped cases. Tables for people, `--json` and `--csv` for machines, `--chart STEM` writes
//! `STEM.svg` and `STEM.png`.

use std::path::PathBuf;

use anyhow::Result;
use clap::{Args, ValueEnum};

use sco_documents::lab::{self as views, LabDocumentError};
use sco_lab::analysis::{self, CaseRun, Model, ModelResult};
use sco_lab::case::ScoCase;
use sco_lab::expansion::{Agenda, AgendaSettings, CaseExpansionRow};
use sco_lab::LabError;

use crate::commands::decide::lab_charts;
use crate::error::{input_error, Outcome};
use crate::output::{print, print_json, Format, FormatArgs, Rows};

/// How many moves per model the table shows (all are in `--json`).
const MOVES_SHOWN: usize = 12;

/// Maps lab errors: bad files, names and options are the user's input (exit 2).
fn lab(e: LabError) -> anyhow::Error {
    match e {
        LabError::Case(_)
        | LabError::Read { .. }
        | LabError::UnknownCase { .. }
        | LabError::Uncoded { .. }
        | LabError::NoCapability { .. }
        | LabError::Usage(_) => input_error(e.to_string()),
        other => anyhow::Error::new(other),
    }
}

/// Maps the errors of the expansion and anti-Western documents: a year without positions or
/// draws out of range are the user's input (exit 2), as are the lab's input errors.
fn lab_document(e: LabDocumentError) -> anyhow::Error {
    match e {
        LabDocumentError::Lab(e) => lab(e),
        e @ (LabDocumentError::Draws { .. } | LabDocumentError::NoPositions { .. }) => {
            input_error(e.to_string())
        }
    }
}

/// The model choice of `sco decide case`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ModelChoice {
    Compromise,
    Nash,
    Eum,
    Smp,
    All,
}

impl ModelChoice {
    fn models(self) -> Vec<Model> {
        match self {
            ModelChoice::Compromise => vec![Model::Compromise],
            ModelChoice::Nash => vec![Model::Nash],
            ModelChoice::Eum => vec![Model::Eum],
            ModelChoice::Smp => vec![Model::Smp],
            ModelChoice::All => Model::ALL.to_vec(),
        }
    }
}

/// Arguments of `sco decide case`.
#[derive(Debug, Args)]
pub struct CaseArgs {
    /// A shipped case (see `sco decide cases`) or a case file in the TOML case format.
    pub case: String,

    /// The model(s) to run.
    #[arg(long, value_enum, default_value_t = ModelChoice::All)]
    pub model: ModelChoice,

    /// Run with another membership: a membership id of `sco decide expansion` (e.g. sco-2001)
    /// or a date (YYYY-MM-DD). Default: the members on the case's date.
    #[arg(long, value_name = "ID|DATE")]
    pub membership: Option<String>,

    /// Write a chart of positions over rounds to STEM.svg and STEM.png (SMP if run, else EUM).
    #[arg(long, value_name = "STEM")]
    pub chart: Option<PathBuf>,

    /// Print the case's coding instead: every value with its justification and sources.
    #[arg(long, conflicts_with_all = ["model", "membership", "chart"])]
    pub coding: bool,

    #[command(flatten)]
    pub format: FormatArgs,
}

/// Arguments of `sco decide cases`.
#[derive(Debug, Args)]
pub struct CasesArgs {
    #[command(flatten)]
    pub format: FormatArgs,
}

/// The random agendas of `sco decide expansion`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AgendaChoice {
    /// Ideal points, status quo and proposal uniform on a line.
    Uniform1,
    /// The same on a square.
    Uniform2,
    /// Members at their UN General Assembly ideal points of `--year`.
    Unga,
    /// All three.
    All,
}

impl AgendaChoice {
    fn choice(self) -> views::AgendaChoice {
        match self {
            AgendaChoice::Uniform1 => views::AgendaChoice::Uniform1,
            AgendaChoice::Uniform2 => views::AgendaChoice::Uniform2,
            AgendaChoice::Unga => views::AgendaChoice::Unga,
            AgendaChoice::All => views::AgendaChoice::All,
        }
    }
}

/// Arguments of `sco decide expansion`.
#[derive(Debug, Args)]
pub struct ExpansionArgs {
    /// A case to hold fixed while membership changes; without it, random agendas.
    pub case: Option<String>,

    /// The random agendas (without a case).
    #[arg(long, value_enum, default_value_t = AgendaChoice::All)]
    pub agenda: AgendaChoice,

    /// Monte Carlo draws for uniform agendas.
    #[arg(long, default_value_t = AgendaSettings::default().draws as u32, value_parser = clap::value_parser!(u32).range(*views::DRAWS.start() as i64..=*views::DRAWS.end() as i64))]
    pub draws: u32,

    /// Seed of the random agendas.
    #[arg(long, default_value_t = AgendaSettings::default().seed)]
    pub seed: u64,

    /// Year of the UN ideal points for `--agenda unga`.
    #[arg(long, default_value_t = views::DEFAULT_AGENDA_YEAR)]
    pub year: i32,

    /// Write a chart to STEM.svg and STEM.png.
    #[arg(long, value_name = "STEM")]
    pub chart: Option<PathBuf>,

    #[command(flatten)]
    pub format: FormatArgs,
}

/// Arguments of `sco decide anti-western`.
#[derive(Debug, Args)]
pub struct AntiWesternArgs {
    /// Hold positions at this year and vary the membership, instead of following members and
    /// positions year by year.
    #[arg(long)]
    pub positions: Option<i32>,

    /// Write a chart to STEM.svg and STEM.png.
    #[arg(long, value_name = "STEM")]
    pub chart: Option<PathBuf>,

    #[command(flatten)]
    pub format: FormatArgs,
}

// ------------------------------------------------------------------------------------------
// Formatting.

fn num(x: f64) -> String {
    let r = (x * 10.0).round() / 10.0;
    if r == 0.0 {
        "0".into()
    } else {
        format!("{r:.1}")
    }
}

fn point(p: &[f64]) -> String {
    p.iter().map(|&x| num(x)).collect::<Vec<_>>().join(" / ")
}

fn pct(x: f64) -> String {
    if x > 0.0 && x < 0.001 {
        format!("{:.3}%", x * 100.0)
    } else {
        format!("{:.1}%", x * 100.0)
    }
}

fn list(items: &[String]) -> String {
    if items.is_empty() {
        "—".into()
    } else {
        items.join(", ")
    }
}

fn yes(b: bool) -> String {
    if b { "yes" } else { "no" }.into()
}

fn groups(g: &[Vec<String>], empty_winset: bool) -> String {
    if g.is_empty() {
        if empty_winset {
            "three or more members".into()
        } else {
            "—".into()
        }
    } else {
        g.iter()
            .map(|x| x.join("+"))
            .collect::<Vec<_>>()
            .join(" or ")
    }
}

fn winset_text(w: &sco_lab::consensus::Winset) -> String {
    if w.empty {
        return "empty (only the status quo)".into();
    }
    match (&w.interval, &w.bounds) {
        (Some((lo, hi)), _) => format!("{} to {}", num(*lo), num(*hi)),
        (None, Some(b)) => b
            .iter()
            .map(|(lo, hi)| format!("{}–{}", num(*lo), num(*hi)))
            .collect::<Vec<_>>()
            .join(" × "),
        _ => "open".into(),
    }
}

// ------------------------------------------------------------------------------------------
// sco decide cases

/// Runs `sco decide cases`.
pub fn run_cases(args: CasesArgs) -> Result<Outcome> {
    let cases = sco_lab::case::all_shipped().map_err(lab)?;
    let listing = views::case_listing(&cases);
    let mut rows = Rows::new(&["id", "date", "dimensions", "states coded", "question"]);
    for l in &listing {
        rows.push(vec![
            l.id.clone(),
            l.date.clone(),
            l.dimensions.join(", "),
            l.actors.to_string(),
            l.question.clone(),
        ]);
    }
    args.format.write_parquet(&rows)?;
    match args.format.format() {
        Format::Json => print_json(&listing)?,
        Format::Csv => print(&rows.csv()?)?,
        Format::Table => print(&rows.table())?,
    }
    Ok(Outcome::Success)
}

// ------------------------------------------------------------------------------------------
// sco decide case

/// Runs `sco decide case`.
pub fn run_case(ledger_dir: Option<&std::path::Path>, args: CaseArgs) -> Result<Outcome> {
    let case = sco_lab::case::load(&args.case).map_err(lab)?;
    if args.coding {
        let rows = coding_rows(&case);
        args.format.write_parquet(&rows)?;
        match args.format.format() {
            Format::Json => print_json(&case)?,
            Format::Csv => print(&rows.csv()?)?,
            Format::Table => {
                let mut out = format!("{}: coding ({})\n", case.name, case.file);
                out.push_str(&rows.table());
                out.push_str("\n\nSources\n");
                let mut sources = Rows::new(&["id", "source"]);
                for s in &case.sources {
                    sources.push(vec![s.id.clone(), s.describe()]);
                }
                out.push_str(&sources.table());
                print(&out)?;
            }
        }
        return Ok(Outcome::Success);
    }
    let (_, history) = crate::commands::load(ledger_dir)?;
    let (members, label) =
        views::choose_membership(&history, &case, args.membership.as_deref()).map_err(lab)?;
    let run = analysis::run_case(&case, &members, &label, &args.model.models()).map_err(lab)?;
    if let Some(stem) = &args.chart {
        let written = lab_charts::case_chart(stem, &case, &run)?;
        for path in written {
            eprintln!("wrote {}", path.display());
        }
    }
    args.format.write_parquet_of(|| case_csv(&run))?;
    match args.format.format() {
        Format::Json => print_json(&views::CaseJson { coding: &case, run })?,
        Format::Csv => print(&case_csv(&run).csv()?)?,
        Format::Table => print(&case_tables(&case, &run))?,
    }
    Ok(Outcome::Success)
}

fn case_tables(case: &ScoCase, run: &CaseRun) -> String {
    let dims: Vec<&str> = run.dimensions.iter().map(|d| d.name.as_str()).collect();
    let mut out = String::new();
    out.push_str(&format!("{}\n{}\n", run.name, run.question));
    out.push_str(&format!(
        "Decision of {} ({}); {} with a veto ({}): {}\n",
        run.date,
        case.body.as_deref().unwrap_or("SCO"),
        run.membership,
        run.members.len(),
        run.members.join(", ")
    ));
    if !run.not_members.is_empty() {
        out.push_str(&format!(
            "Coded but not members here (left out): {}\n",
            run.not_members.join(", ")
        ));
    }
    out.push_str(&format!(
        "Capabilities: {} ({}), as shares of the members' total. Dimensions: {}; status quo {}.\n",
        case.capability.measure.label(),
        case.capability.year,
        run.dimensions
            .iter()
            .map(|d| format!(
                "{} {}–{}{}",
                d.name,
                num(d.min),
                num(d.max),
                if d.separable { " (separable)" } else { "" }
            ))
            .collect::<Vec<_>>()
            .join(", "),
        point(
            &run.dimensions
                .iter()
                .map(|d| d.status_quo)
                .collect::<Vec<_>>()
        )
    ));

    out.push_str("\nMembers\n");
    let mut header = vec!["state", "capability", "data year"];
    let pos_headers: Vec<String> = dims.iter().map(|d| format!("position {d}")).collect();
    let sal_headers: Vec<String> = dims.iter().map(|d| format!("salience {d}")).collect();
    header.extend(pos_headers.iter().map(String::as_str));
    header.extend(sal_headers.iter().map(String::as_str));
    let mut rows = Rows::new(&header);
    for (i, state) in run.members.iter().enumerate() {
        let cap = &run.capabilities[i];
        let actor = case.actor(state);
        let mut row = vec![
            state.clone(),
            pct(cap.share),
            cap.year.map_or("by hand".into(), |y| y.to_string()),
        ];
        for d in 0..dims.len() {
            row.push(num(run.ideals[i][d]));
        }
        for d in 0..dims.len() {
            row.push(
                actor
                    .and_then(|a| a.salience[d])
                    .map_or("—".into(), |s| format!("{s:.2}")),
            );
        }
        rows.push(row);
    }
    out.push_str(&rows.table());

    out.push_str("\n\nWhat consensus allows (Charter, Article 16)\n");
    let mut rows = Rows::new(&["quantity", "value"]);
    rows.push(vec![
        format!("unanimity winset ({})", dims.join(" × ")),
        winset_text(&run.winset),
    ]);
    rows.push(vec![
        "share of the issue space that passes".into(),
        pct(run.winset.share),
    ]);
    rows.push(vec![
        "gridlock kept by".into(),
        groups(&run.gridlock_vetoes, run.winset.empty),
    ]);
    rows.push(vec!["Coleman a priori (2^-n)".into(), pct(run.coleman)]);
    out.push_str(&rows.table());

    out.push_str("\n\nModels: prediction and what the Charter lets pass\n");
    let mut rows = Rows::new(&[
        "model",
        "predicts",
        "passes",
        "blocked by (largest loss first)",
        "what passes (projection)",
        "binding there",
        "with reservations",
    ]);
    for m in &run.models {
        rows.push(vec![
            m.model.label().into(),
            point(&m.prediction),
            passes_text(&m.judgement),
            list(
                &m.judgement
                    .blockers
                    .iter()
                    .map(|b| b.state.clone())
                    .collect::<Vec<_>>(),
            ),
            point(&m.projection.point),
            list(&m.projection.binding),
            reservation_text(m, run.members.len()),
        ]);
    }
    out.push_str(&rows.table());

    if !run.proposals.is_empty() || run.outcome.is_some() {
        out.push_str("\n\nProposals and the actual outcome under consensus\n");
        let mut rows = Rows::new(&[
            "proposal",
            "by",
            "position",
            "passes",
            "binding veto",
            "with reservations",
        ]);
        for p in run.proposals.iter().chain(run.outcome.iter()) {
            rows.push(vec![
                p.name.clone(),
                p.by.clone().unwrap_or_else(|| "—".into()),
                point(&p.position),
                passes_text(&p.judgement),
                p.judgement
                    .binding_veto
                    .clone()
                    .unwrap_or_else(|| "—".into()),
                if p.judgement.passes {
                    "—".into()
                } else if p.judgement.passes_with_reservations {
                    format!("passes ({} on record)", list(&p.judgement.reservations))
                } else {
                    "no".into()
                },
            ]);
        }
        out.push_str(&rows.table());
    }

    for m in run.models.iter().filter(|m| !m.rounds.is_empty()) {
        out.push_str(&format!(
            "\n\n{}: positions over rounds ({})\n",
            m.model.label(),
            m.reading
        ));
        let mut header = vec!["round".to_string(), "outcome".to_string()];
        header.extend(run.members.iter().cloned());
        let header: Vec<&str> = header.iter().map(String::as_str).collect();
        let mut rows = Rows::new(&header);
        for r in &m.rounds {
            let mut row = vec![r.round.to_string(), point(&r.outcome)];
            row.extend(r.positions.iter().map(|p| point(p)));
            rows.push(row);
        }
        out.push_str(&rows.table());
        if !m.moves.is_empty() {
            out.push_str(&format!("\nWho moved and why ({} moves", m.moves.len()));
            if m.moves.len() > MOVES_SHOWN {
                out.push_str(&format!(", the first {MOVES_SHOWN} shown; all in --json"));
            }
            out.push_str(")\n");
            let mut rows = Rows::new(&["round", "state", "dimension", "from", "to", "why"]);
            for mv in m.moves.iter().take(MOVES_SHOWN) {
                rows.push(vec![
                    mv.round.to_string(),
                    mv.state.clone(),
                    mv.dimension.clone(),
                    num(mv.from),
                    num(mv.to),
                    mv.why.clone(),
                ]);
            }
            out.push_str(&rows.table());
        }
    }

    out.push_str(&format!(
        "\n\nWhat happened ({}): {}\n",
        case.outcome.date, case.outcome.summary
    ));
    out
}

fn cites(c: &[sco_lab::case::Cite]) -> String {
    c.iter()
        .map(|c| match &c.at {
            Some(at) => format!("{} ({at})", c.id),
            None => c.id.clone(),
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// One row per coded value: what, value, why, sources.
fn coding_rows(case: &ScoCase) -> Rows {
    let mut rows = Rows::new(&["item", "value", "why", "sources"]);
    rows.push(vec![
        "capability".into(),
        format!(
            "{} ({})",
            case.capability.measure.label(),
            case.capability.year
        ),
        case.capability.why.clone(),
        cites(&case.capability.cite),
    ]);
    for d in &case.dimensions {
        rows.push(vec![
            format!("status quo: {}", d.name),
            num(d.status_quo),
            format!("{} Scale: {}", d.why, d.scale.join("; ")),
            cites(&d.cite),
        ]);
        if let Some(why) = &d.separable_why {
            rows.push(vec![
                format!("separable: {}", d.name),
                "yes".into(),
                why.clone(),
                String::new(),
            ]);
        }
    }
    for a in &case.actors {
        let value = |v: &[Option<f64>], digits: usize| {
            case.dimensions
                .iter()
                .zip(v)
                .filter_map(|(d, x)| x.map(|x| format!("{} {x:.digits$}", d.name)))
                .collect::<Vec<_>>()
                .join(", ")
        };
        rows.push(vec![
            format!("{} position", a.state),
            value(&a.position, 0),
            a.why.position.clone(),
            cites(&a.cite),
        ]);
        rows.push(vec![
            format!("{} salience", a.state),
            value(&a.salience, 2),
            a.why.salience.clone(),
            String::new(),
        ]);
        if let (Some(c), Some(why)) = (a.capability, &a.why.capability) {
            rows.push(vec![
                format!("{} capability", a.state),
                c.to_string(),
                why.clone(),
                String::new(),
            ]);
        }
    }
    for p in &case.proposals {
        rows.push(vec![
            format!("proposal: {}", p.name),
            point(&p.position),
            p.why.clone(),
            cites(&p.cite),
        ]);
    }
    rows.push(vec![
        format!("outcome ({})", case.outcome.date),
        case.outcome
            .position
            .as_ref()
            .map_or("—".into(), |p| point(p)),
        format!("{} {}", case.outcome.summary, case.outcome.why),
        cites(&case.outcome.cite),
    ]);
    rows
}

fn reservation_text(m: &ModelResult, members: usize) -> String {
    let j = &m.judgement;
    if j.passes {
        return "—".into();
    }
    if j.passes_with_reservations {
        return format!("passes ({} on record)", list(&j.reservations));
    }
    if j.reservations.is_empty() {
        return "no reservation helps".into();
    }
    if 2 * j.reservations.len() >= members {
        return format!(
            "would need {} reservations of {}: no common decision",
            j.reservations.len(),
            members
        );
    }
    let still: Vec<String> = j
        .blockers
        .iter()
        .filter(|b| !b.can_reserve)
        .map(|b| b.state.clone())
        .collect();
    match &m.with_reservations {
        Some(p) => format!(
            "{} reserve; {} still block; passes at {}",
            list(&j.reservations),
            list(&still),
            point(&p.point)
        ),
        None => format!("{} still block", list(&still)),
    }
}

fn passes_text(j: &sco_lab::consensus::Judgement) -> String {
    if j.status_quo {
        "status quo".into()
    } else {
        yes(j.passes)
    }
}

/// Tidy rows: one value per row.
fn case_csv(run: &CaseRun) -> Rows {
    let mut rows = Rows::new(&[
        "case",
        "model",
        "kind",
        "round",
        "state",
        "dimension",
        "value",
    ]);
    let mut push = |model: &str, kind: &str, round: String, state: &str, d: usize, value: f64| {
        rows.push(vec![
            run.case.clone(),
            model.to_string(),
            kind.to_string(),
            round,
            state.to_string(),
            run.dimensions[d].name.clone(),
            format!("{value}"),
        ]);
    };
    for (d, dim) in run.dimensions.iter().enumerate() {
        push("", "status_quo", String::new(), "", d, dim.status_quo);
    }
    for m in &run.models {
        let id = m.model.id();
        for d in 0..run.dimensions.len() {
            push(id, "prediction", String::new(), "", d, m.prediction[d]);
            push(
                id,
                "projection",
                String::new(),
                "",
                d,
                m.projection.point[d],
            );
        }
        for r in &m.rounds {
            for d in 0..run.dimensions.len() {
                push(
                    id,
                    "round_outcome",
                    r.round.to_string(),
                    "",
                    d,
                    r.outcome[d],
                );
                for (state, p) in run.members.iter().zip(&r.positions) {
                    push(id, "position", r.round.to_string(), state, d, p[d]);
                }
            }
        }
    }
    rows
}

// ------------------------------------------------------------------------------------------
// sco decide expansion

/// Runs `sco decide expansion`.
pub fn run_expansion(ledger_dir: Option<&std::path::Path>, args: ExpansionArgs) -> Result<Outcome> {
    let (_, history) = crate::commands::load(ledger_dir)?;
    if let Some(name) = &args.case {
        let case = sco_lab::case::load(name).map_err(lab)?;
        let document = views::case_expansion(&history, &case).map_err(lab)?;
        let rows = &document.rows;
        if let Some(stem) = &args.chart {
            for path in lab_charts::case_expansion_chart(stem, &case, rows)? {
                eprintln!("wrote {}", path.display());
            }
        }
        args.format
            .write_parquet_of(|| case_expansion_rows(&case, rows, true))?;
        match args.format.format() {
            Format::Json => print_json(&document)?,
            Format::Csv => print(&case_expansion_rows(&case, rows, true).csv()?)?,
            Format::Table => {
                let mut out = format!(
                    "{}: the same positions under each membership (positions held at {})\n",
                    case.name, case.date
                );
                out.push_str(&case_expansion_rows(&case, rows, false).table());
                print(&out)?;
            }
        }
        return Ok(Outcome::Success);
    }
    let settings = AgendaSettings {
        draws: args.draws as usize,
        seed: args.seed,
    };
    let agendas = args.agenda.choice().agendas(args.year);
    let document = views::agenda_expansion(&history, &agendas, settings).map_err(lab_document)?;
    if let Some(stem) = &args.chart {
        for path in lab_charts::agenda_chart(stem, &document.memberships, &document.rows)? {
            eprintln!("wrote {}", path.display());
        }
    }
    if args.format.machine_rows() {
        // Machines: snake_case names and probabilities as fractions in full precision.
        let mut data = Rows::new(&[
            "membership",
            "date",
            "members",
            "agenda",
            "p_pass",
            "p_pass_se",
            "p_empty",
            "coleman",
        ]);
        for r in &document.rows {
            data.push(vec![
                r.label.clone(),
                r.date.to_string(),
                r.members.to_string(),
                agenda_label(r.agenda),
                r.p_pass.to_string(),
                r.p_pass_se.to_string(),
                r.p_empty.to_string(),
                r.coleman.to_string(),
            ]);
        }
        args.format.write_parquet(&data)?;
        if args.format.format() == Format::Csv {
            print(&data.csv()?)?;
            return Ok(Outcome::Success);
        }
    }
    let mut rows = Rows::new(&[
        "membership",
        "date",
        "members",
        "agenda",
        "P(random proposal passes)",
        "± s.e.",
        "P(winset empty)",
        "Coleman 2^-n",
    ]);
    for r in &document.rows {
        rows.push(vec![
            r.label.clone(),
            r.date.to_string(),
            r.members.to_string(),
            agenda_label(r.agenda),
            pct(r.p_pass),
            if r.p_pass_se > 0.0 {
                pct(r.p_pass_se)
            } else {
                "exact".into()
            },
            pct(r.p_empty),
            pct(r.coleman),
        ]);
    }
    match args.format.format() {
        Format::Json => print_json(&document)?,
        Format::Csv => print(&rows.csv()?)?,
        Format::Table => print(&format!(
            "Random agendas by membership ({} draws, seed {})\n{}",
            settings.draws,
            settings.seed,
            rows.table()
        ))?,
    }
    Ok(Outcome::Success)
}

fn agenda_label(a: Agenda) -> String {
    match a {
        Agenda::Uniform { dims } => format!("uniform {dims}-D"),
        Agenda::Unga { year } => format!("UN votes {year}"),
    }
}

/// The rows of a case's expansion; `machine` gives shares as fractions in full precision.
fn case_expansion_rows(case: &ScoCase, rows: &[CaseExpansionRow], machine: bool) -> Rows {
    let mut header = vec![
        "membership".to_string(),
        "members".to_string(),
        "winset".to_string(),
        "share passing".to_string(),
        "gridlock kept by".to_string(),
        "compromise → what passes".to_string(),
        "blocked by".to_string(),
    ];
    header.extend(case.proposals.iter().map(|p| p.name.clone()));
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    let mut table = Rows::new(&header);
    for r in rows {
        let mut row = vec![r.label.clone(), r.members.len().to_string()];
        match &r.winset {
            None => {
                row.push(format!("not coded: {}", r.uncoded.join(", ")));
                row.extend(std::iter::repeat_n("—".to_string(), 4));
                row.extend(case.proposals.iter().map(|_| "—".to_string()));
            }
            Some(w) => {
                row.push(winset_text(w));
                row.push(if machine {
                    w.share.to_string()
                } else {
                    pct(w.share)
                });
                row.push(groups(&r.gridlock_vetoes, w.empty));
                row.push(match (&r.compromise, &r.compromise_projected) {
                    (Some(c), Some(p)) => format!("{} → {}", point(c), point(p)),
                    _ => "—".into(),
                });
                row.push(
                    r.compromise_blocked_by
                        .clone()
                        .unwrap_or_else(|| "—".into()),
                );
                for p in &r.proposals {
                    row.push(if p.passes {
                        "passes".into()
                    } else if p.passes_with_reservations {
                        "with reservations".into()
                    } else {
                        format!("blocked ({})", p.binding_veto.clone().unwrap_or_default())
                    });
                }
            }
        }
        table.push(row);
    }
    table
}

// ------------------------------------------------------------------------------------------
// sco decide anti-western

/// Runs `sco decide anti-western`.
pub fn run_anti_western(
    ledger_dir: Option<&std::path::Path>,
    args: AntiWesternArgs,
) -> Result<Outcome> {
    let (_, history) = crate::commands::load(ledger_dir)?;
    let document = views::anti_western(&history, args.positions).map_err(lab_document)?;
    let view = document.view.as_str();
    let rows = &document.rows;
    if let Some(stem) = &args.chart {
        for path in lab_charts::anti_western_chart(stem, view, rows)? {
            eprintln!("wrote {}", path.display());
        }
    }
    if args.format.machine_rows() {
        // Machines: snake_case names, numbers in full precision, members as codes.
        let mut data = Rows::new(&[
            if view == "year" { "year" } else { "membership" },
            "members",
            "west_status_quo",
            "binding_member",
            "binding_point",
            "most_anti_western_passing",
            "depth",
            "pass_share",
            "lowest_member",
            "lowest_point",
        ])
        .with_state_codes("binding_member")
        .with_state_codes("lowest_member");
        for r in rows {
            data.push(vec![
                if view == "year" {
                    r.year.to_string()
                } else {
                    r.membership.clone()
                },
                r.members.len().to_string(),
                r.status_quo.to_string(),
                r.binding_member.clone(),
                r.binding_point.to_string(),
                r.interval.map_or(String::new(), |(lo, _)| lo.to_string()),
                r.depth.to_string(),
                r.pass_share.to_string(),
                r.lowest_member.clone(),
                r.lowest_point.to_string(),
            ]);
        }
        args.format.write_parquet(&data)?;
        if args.format.format() == Format::Csv {
            print(&data.csv()?)?;
            return Ok(Outcome::Success);
        }
    }
    let mut table = Rows::new(&[
        if view == "year" { "year" } else { "membership" },
        "members",
        "West (NATO median)",
        "binding member",
        "its ideal point",
        "most anti-Western text that passes",
        "depth 2(q − θmax)",
        "share of the anti-Western range",
        "hardest-line member",
    ]);
    for r in rows {
        table.push(vec![
            if view == "year" {
                r.year.to_string()
            } else {
                r.membership.clone()
            },
            r.members.len().to_string(),
            format!("{:.2}", r.status_quo),
            r.binding_member.clone(),
            format!("{:.2}", r.binding_point),
            r.interval
                .map_or("— (empty)".into(), |(lo, _)| format!("{lo:.2}")),
            format!("{:.2}", r.depth),
            pct(r.pass_share),
            format!("{} ({:.2})", r.lowest_member, r.lowest_point),
        ]);
    }
    match args.format.format() {
        Format::Json => print_json(&document)?,
        Format::Csv => print(&table.csv()?)?,
        Format::Table => {
            let when = if view == "year" {
                "Members on 31 December of each year, positions of the same year.".to_string()
            } else {
                format!(
                    "Positions of {} held fixed; members of each membership.",
                    rows.first().map_or(0, |r| r.year)
                )
            };
            print(&format!(
                "{} {when}\n{}",
                document.assumptions,
                table.table()
            ))?
        }
    }
    Ok(Outcome::Success)
}
