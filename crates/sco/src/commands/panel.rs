//! `sco panel`: the SCO as a state-year panel (and `sco panel dyads`, `sco panel cow-igo`), for
//! merging with other data by state and year. The documents come from `sco_documents::panel`.

use std::path::Path;

use anyhow::{Context, Result};
use chrono::Datelike;
use clap::{Args, Subcommand, ValueEnum};
use sco_documents::panel::{
    cow_igo_disagreements, DayOfYear, PanelDocument, PanelError, PanelRequest, StateSystem,
};

use super::{load, today};
use crate::error::{input_error, Outcome};
use crate::output::{emit, FormatArgs, Rows};

/// The state system whose states get rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SystemArg {
    /// Correlates of War: states with a COW code.
    Cow,
    /// Gleditsch and Ward: states with a GW code.
    Gw,
    /// Every independent state with an ISO 3166 code.
    Iso3,
}

impl SystemArg {
    fn system(self) -> StateSystem {
        match self {
            SystemArg::Cow => StateSystem::Cow,
            SystemArg::Gw => StateSystem::Gw,
            SystemArg::Iso3 => StateSystem::Iso3,
        }
    }
}

/// The years, state system and day shared by `sco panel` and `sco panel dyads`.
#[derive(Debug, Clone, Args)]
pub struct PanelScope {
    /// First year (1996 at the earliest).
    #[arg(long, value_name = "YEAR", default_value_t = sco_documents::panel::FIRST_YEAR)]
    pub from: i32,
    /// Last year (default: the current year).
    #[arg(long, value_name = "YEAR")]
    pub to: Option<i32>,
    /// Which states have a row: COW, Gleditsch-Ward or ISO3 (see docs/panel.md).
    #[arg(long, value_enum, default_value = "cow")]
    pub system: SystemArg,
    /// The day of each year on which the status is read, MM-DD.
    #[arg(long, value_name = "MM-DD", default_value = "12-31")]
    pub day: String,
}

impl PanelScope {
    fn request(&self) -> Result<PanelRequest> {
        let day = DayOfYear::parse(&self.day)
            .ok_or_else(|| input_error(PanelError::Day(self.day.clone()).to_string()))?;
        Ok(PanelRequest {
            from: self.from,
            to: self.to.unwrap_or_else(|| today().year()),
            system: self.system.system(),
            day,
            with: Vec::new(),
        })
    }
}

/// Arguments of `sco panel`.
#[derive(Debug, Args)]
#[command(
    after_long_help = "Each row's status is the one the ledger's replay gives on the --day of that year (31 December by default, after that day's changes): the same as `sco members --at YEAR-12-31`. status is none, member, observer, dialogue_partner or partner; igo_code follows COW IGO v3 (0 none, 1 member, 3 observer, dialogue partner or partner; 2 is never used). The rule, the state system and the ledger's coverage are in the --json metadata. Missing values are empty cells in CSV and null in JSON and Parquet. Method and the comparison with the COW IGO data: docs/panel.md."
)]
pub struct PanelArgs {
    #[command(subcommand)]
    pub command: Option<PanelCommand>,
    #[command(flatten)]
    pub scope: PanelScope,
    /// Join indicators to each row, comma-separated: population, gdp_usd, gdp_ppp, milex_usd,
    /// milex_sipri, merch_trade, area, cinc.
    #[arg(long, value_name = "LIST")]
    pub with: Option<String>,
    #[command(flatten)]
    pub format: FormatArgs,
}

/// `sco panel`'s subcommands.
#[derive(Debug, Subcommand)]
pub enum PanelCommand {
    /// Undirected dyad-years with joint membership, for every pair in which one side holds a status.
    Dyads(DyadArgs),
    /// The state-years on which the panel and the COW IGO data (v3, to 2014) code the SCO differently.
    CowIgo(CowIgoArgs),
}

/// Arguments of `sco panel dyads`.
#[derive(Debug, Args)]
pub struct DyadArgs {
    #[command(flatten)]
    pub scope: PanelScope,
    #[command(flatten)]
    pub format: FormatArgs,
}

/// Arguments of `sco panel cow-igo`.
#[derive(Debug, Args)]
pub struct CowIgoArgs {
    /// Print the Markdown table of docs/panel.md.
    #[arg(long, conflicts_with_all = ["json", "csv"])]
    pub markdown: bool,
    #[command(flatten)]
    pub format: FormatArgs,
}

fn opt<T: ToString>(value: Option<T>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

fn panel_error(error: PanelError) -> anyhow::Error {
    match error {
        PanelError::Data(e) => anyhow::Error::new(e).context("cannot read the datasets"),
        other => input_error(other.to_string()),
    }
}

/// Runs the command.
pub fn run(ledger_dir: Option<&Path>, args: PanelArgs) -> Result<Outcome> {
    match args.command {
        Some(PanelCommand::Dyads(dyad_args)) => return run_dyads(ledger_dir, dyad_args),
        Some(PanelCommand::CowIgo(cow_args)) => return run_cow(ledger_dir, cow_args),
        None => {}
    }
    let (ledger, history) = load(ledger_dir)?;
    let mut request = args.scope.request()?;
    if let Some(with) = &args.with {
        request.with = sco_documents::panel::parse_indicators(with).map_err(panel_error)?;
    }
    let document = sco_documents::panel::panel(&ledger, &history, &sco_data::Embedded, &request)
        .map_err(panel_error)?;
    // The panel's Parquet file has a schema of its own (int32 codes, nullability declared per
    // column, the metadata under `sco_panel`), not the one read off the CSV's cells.
    if let Some(path) = args.format.parquet {
        write_parquet(path, &document)
            .with_context(|| format!("cannot write {}", path.display()))?;
    }
    let format = FormatArgs {
        parquet: None,
        ..args.format
    };
    let mut headers = vec![
        "year",
        "iso3",
        "ccode",
        "gwcode",
        "status",
        "igo_code",
        "framework",
        "accession_stage",
        "suspended",
        "flags",
    ];
    headers.extend(request.with.iter().map(|m| m.id()));
    let mut table = Rows::new(&headers);
    for row in &document.rows {
        let mut cells = vec![
            row.year.to_string(),
            row.iso3.clone(),
            opt(row.ccode),
            opt(row.gwcode),
            row.status.to_string(),
            row.igo_code.to_string(),
            opt(row.framework),
            opt(row.accession_stage),
            row.suspended.to_string(),
            row.flags.clone(),
        ];
        cells.extend(row.indicators.0.iter().map(|(_, v)| opt(*v)));
        table.push(cells);
    }
    table.notes.push(document.metadata.status_rule.clone());
    emit(format, &table, &document)?;
    Ok(Outcome::Success)
}

fn run_dyads(ledger_dir: Option<&Path>, args: DyadArgs) -> Result<Outcome> {
    let (ledger, history) = load(ledger_dir)?;
    let request = args.scope.request()?;
    let document = sco_documents::panel::dyads(&ledger, &history, &sco_data::Embedded, &request)
        .map_err(panel_error)?;
    let mut table = Rows::new(&[
        "year",
        "iso3_a",
        "iso3_b",
        "ccode_a",
        "ccode_b",
        "gwcode_a",
        "gwcode_b",
        "status_a",
        "status_b",
        "joint_member",
        "joint_status",
    ]);
    for row in &document.rows {
        table.push(vec![
            row.year.to_string(),
            row.iso3_a.clone(),
            row.iso3_b.clone(),
            opt(row.ccode_a),
            opt(row.ccode_b),
            opt(row.gwcode_a),
            opt(row.gwcode_b),
            row.status_a.to_string(),
            row.status_b.to_string(),
            row.joint_member.to_string(),
            row.joint_status.to_string(),
        ]);
    }
    table.notes.push(document.metadata.dyads_rule.to_string());
    emit(args.format, &table, &document)?;
    Ok(Outcome::Success)
}

fn run_cow(ledger_dir: Option<&Path>, args: CowIgoArgs) -> Result<Outcome> {
    let (ledger, history) = load(ledger_dir)?;
    let cow = sco_data::embedded::cow_igo().context("cannot read the COW IGO data")?;
    let runs =
        cow_igo_disagreements(&ledger, &history, &sco_data::Embedded, cow).map_err(panel_error)?;
    if args.markdown {
        crate::output::print(&sco_documents::panel::disagreements_markdown(&runs))?;
        return Ok(Outcome::Success);
    }
    let mut table = Rows::new(&[
        "iso3",
        "ccode",
        "from",
        "to",
        "ours",
        "ours_igo_code",
        "cow_igo_code",
    ]);
    for run in &runs {
        table.push(vec![
            run.iso3.clone(),
            opt(run.ccode),
            run.from.to_string(),
            run.to.to_string(),
            run.ours.to_string(),
            run.ours_igo_code.to_string(),
            run.cow_igo_code.to_string(),
        ]);
    }
    emit(args.format, &table, &runs)?;
    Ok(Outcome::Success)
}

/// Writes the panel as Parquet: year int32, codes int32 (null when absent), strings, a boolean
/// and float64 indicators (null when missing); the metadata JSON under the key `sco_panel`. The
/// file is written with the parquet crate's column writers (no Arrow; see `sco_sim::table`).
pub fn write_parquet(path: &Path, document: &PanelDocument) -> Result<()> {
    use crate::tabular::{Column, NamedColumn};
    let rows = &document.rows;
    let int = |f: &dyn Fn(&sco_documents::panel::PanelRow) -> Option<i32>| {
        Column::Int32(rows.iter().map(f).collect())
    };
    let text = |f: &dyn Fn(&sco_documents::panel::PanelRow) -> Option<String>| {
        Column::Text(rows.iter().map(f).collect())
    };
    let mut columns = vec![
        NamedColumn::required("year", int(&|r| Some(r.year))),
        NamedColumn::required("iso3", text(&|r| Some(r.iso3.clone()))),
        NamedColumn::optional("ccode", int(&|r| r.ccode.map(i32::from))),
        NamedColumn::optional("gwcode", int(&|r| r.gwcode.map(i32::from))),
        NamedColumn::required("status", text(&|r| Some(r.status.to_string()))),
        NamedColumn::required("igo_code", int(&|r| Some(i32::from(r.igo_code)))),
        NamedColumn::optional("framework", text(&|r| r.framework.map(str::to_string))),
        NamedColumn::optional(
            "accession_stage",
            text(&|r| r.accession_stage.map(str::to_string)),
        ),
        NamedColumn::required(
            "suspended",
            Column::Bool(rows.iter().map(|r| Some(r.suspended)).collect()),
        ),
        NamedColumn::required("flags", text(&|r| Some(r.flags.clone()))),
    ];
    for (index, info) in document.metadata.indicators.iter().enumerate() {
        columns.push(NamedColumn::optional(
            info.id.to_string(),
            Column::Double(
                rows.iter()
                    .map(|r| r.indicators.0.get(index).and_then(|(_, v)| *v))
                    .collect(),
            ),
        ));
    }
    crate::tabular::write_columns(
        path,
        &columns,
        &[("sco_panel", serde_json::to_string(&document.metadata)?)],
    )
}
