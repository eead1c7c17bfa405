//! What the indicator commands (`weight`, `compare`, `cohesion`, `claims`) share: SCO
//! membership from the ledger, grouping shorthands, data-year choice, number formatting
//! and atomic file writes.

use std::path::Path;

use anyhow::{Context, Result};
use chrono::NaiveDate;
use plotters::coord::Shift;
use plotters::prelude::{BitMapBackend, DrawingArea, IntoDrawingArea, SVGBackend};
use sco_documents::weight::{HistoryMembership, WeightRequestError};
use sco_indicators::{Group, GroupSpec, IndicatorError, Measure, ScoMembership, ScoTier};
use sco_ledger::History;

use crate::commands::load;
use crate::error::input_error;
use crate::output::Rows;

pub use sco_documents::weight::{parse_codes, respec_at};

/// SCO membership answered from the replayed ledger (owned; `sco-documents` answers it).
pub struct LedgerMembership {
    history: History,
}

impl LedgerMembership {
    pub fn load(ledger_dir: Option<&Path>) -> Result<Self> {
        let (_, history) = load(ledger_dir)?;
        Ok(LedgerMembership { history })
    }
}

impl ScoMembership for LedgerMembership {
    fn states(&self, tier: ScoTier, date: NaiveDate) -> std::result::Result<Vec<String>, String> {
        HistoryMembership(&self.history).states(tier, date)
    }

    fn source(&self) -> String {
        HistoryMembership(&self.history).source()
    }
}

/// Turns a grouping as typed into a specification (`sco-documents` parses it): the SCO tiers (`members`,
/// `members+observers`, ...), organizations (`nato`, `eu`, `g7`, `brics`) and named sets
/// (`shanghai-five`, ...) may be given bare and take the date from `--at`; anything with a
/// colon is a full specification.
pub fn group_spec(
    text: &str,
    at: NaiveDate,
    with: &[String],
    without: &[String],
) -> Result<GroupSpec> {
    sco_documents::weight::group_spec(text, at, with, without).map_err(view_error)
}

/// Resolves a specification against the embedded data and the ledger.
pub fn resolve(spec: &GroupSpec, sco: &LedgerMembership) -> Result<Group> {
    sco_documents::weight::resolve(spec, sco).map_err(indicator_error)
}

/// Maps library errors: the user's mistakes to exit code 2, broken data to 3.
pub fn indicator_error(error: IndicatorError) -> anyhow::Error {
    match error {
        IndicatorError::BadSpec { .. }
        | IndicatorError::UnknownGrouping(_)
        | IndicatorError::UnknownCode(_) => input_error(error.to_string()),
        IndicatorError::Data(e) => {
            anyhow::Error::new(e).context("an embedded data file is invalid")
        }
        IndicatorError::Membership(m) => anyhow::anyhow!("SCO membership: {m}"),
    }
}

/// Maps the errors of `sco-documents`' weight requests: a bad value is exit code 2, worded without
/// the API's parameter name.
pub fn view_error(error: WeightRequestError) -> anyhow::Error {
    match error {
        WeightRequestError::Invalid { message, .. } => input_error(message),
        WeightRequestError::NotADay { day, .. } => {
            input_error(format!("`{day}` is not a day of the year (MM-DD)"))
        }
        WeightRequestError::Indicator(e) => indicator_error(e),
    }
}

/// Parses `--measures`.
pub fn parse_measures(text: &str) -> Result<Vec<Measure>> {
    sco_documents::weight::parse_measures(text).map_err(view_error)
}

/// The latest year with world totals for population, GDP and PPP GDP.
pub fn latest_core_year() -> Result<Option<i32>> {
    Ok(sco_documents::weight::latest_core_year())
}

/// "42.1%".
pub fn pct(value: Option<f64>) -> String {
    value.map_or_else(|| "—".into(), |v| format!("{:.1}%", v * 100.0))
}

/// A number for machines: full precision, empty when missing (CSV and Parquet).
pub fn raw(value: Option<f64>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

/// A share as a person reads it ("42.1%") or, for machines, the fraction in full precision.
pub fn share(value: Option<f64>, machine: bool) -> String {
    if machine {
        raw(value)
    } else {
        pct(value)
    }
}

/// A total in its unit, readable: "3.27 bn persons", "US$ 21.35 tn", "34.4 M km2".
pub fn amount(value: Option<f64>, measure: Measure) -> String {
    let Some(v) = value else { return "—".into() };
    let scaled = |v: f64| {
        if v.abs() >= 1e12 {
            format!("{:.2} tn", v / 1e12)
        } else if v.abs() >= 1e9 {
            format!("{:.2} bn", v / 1e9)
        } else if v.abs() >= 1e6 {
            format!("{:.2} M", v / 1e6)
        } else {
            format!("{v:.0}")
        }
    };
    match measure {
        Measure::Population => format!("{} persons", scaled(v)),
        Measure::GdpPpp => format!("intl$ {}", scaled(v)),
        Measure::Area => format!("{} km2", scaled(v)),
        Measure::Cinc => format!("{v:.4}"),
        _ => format!("US$ {}", scaled(v)),
    }
}

/// Writes a file atomically: a temporary file in the same directory, then a rename.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("out");
    let tmp = dir.join(format!(".{name}.tmp"));
    let written = std::fs::write(&tmp, bytes)
        .with_context(|| format!("cannot write {}", tmp.display()))
        .and_then(|()| {
            std::fs::rename(&tmp, path).with_context(|| format!("cannot write {}", path.display()))
        });
    if written.is_err() {
        // A failed write leaves no hidden half-file behind.
        let _ = std::fs::remove_file(&tmp);
    }
    written
}

/// "SCO members on 2024-07-04 (10: BLR, CHN, ...)".
pub fn describe_group(group: &Group) -> String {
    let when = group
        .membership_date
        .map(|d| format!(" on {d}"))
        .unwrap_or_default();
    format!(
        "{}{when} ({}: {})",
        group.label,
        group.members.len(),
        group.members.join(", ")
    )
}

/// The same rows without some columns (tables for people drop what the header line says).
pub fn drop_columns(rows: &Rows, drop: &[&str]) -> Rows {
    let keep: Vec<usize> = (0..rows.headers.len())
        .filter(|&i| !drop.contains(&rows.headers[i].as_str()))
        .collect();
    Rows {
        headers: keep.iter().map(|&i| rows.headers[i].clone()).collect(),
        rows: rows
            .rows
            .iter()
            .map(|r| keep.iter().map(|&i| r[i].clone()).collect())
            .collect(),
        notes: rows.notes.clone(),
        state_columns: rows.state_columns.clone(),
    }
}

/// The rows for the chosen format: CSV keeps every column, the table drops `drop`.
pub fn rows_for(format: crate::output::Format, rows: Rows, drop: &[&str]) -> Rows {
    if format == crate::output::Format::Table {
        drop_columns(&rows, drop)
    } else {
        rows
    }
}

/// Writes a chart as `svg_path` and `png_path`, both atomically: `draw_svg` and `draw_png` draw the
/// same picture on each backend (the chart modules pass their one generic drawing function). The
/// bitmap backend saves to a path when presented, so the PNG is drawn to a hidden temporary file
/// and renamed; a failed chart leaves no half-file behind.
pub fn write_chart_files(
    svg_path: &Path,
    png_path: &Path,
    size: (u32, u32),
    draw_svg: impl FnOnce(&DrawingArea<SVGBackend<'_>, Shift>) -> Result<()>,
    draw_png: impl FnOnce(&DrawingArea<BitMapBackend<'_>, Shift>) -> Result<()>,
) -> Result<()> {
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, size).into_drawing_area();
        draw_svg(&root).with_context(|| format!("cannot draw {}", svg_path.display()))?;
        root.present()
            .map_err(|e| anyhow::anyhow!("cannot draw {}: {e:?}", svg_path.display()))?;
    }
    write_atomic(svg_path, svg.as_bytes())?;

    let dir = png_path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let name = png_path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("chart.png");
    let tmp = dir.join(format!(".{name}.tmp.png"));
    let drawn = (|| -> Result<()> {
        let root = BitMapBackend::new(&tmp, size).into_drawing_area();
        draw_png(&root).with_context(|| format!("cannot draw {}", png_path.display()))?;
        root.present()
            .map_err(|e| anyhow::anyhow!("cannot write {}: {e:?}", png_path.display()))?;
        drop(root);
        std::fs::rename(&tmp, png_path)?;
        Ok(())
    })();
    if drawn.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    drawn
}
