//! What the indicator commands (`weight`, `compare`, `cohesion`, `claims`) share: SCO
//! membership from the ledger, grouping shorthands, data-year choice, number formatting
//! and atomic file writes.

use std::path::Path;

use anyhow::{Context, Result};
use chrono::{Datelike, NaiveDate};
use sco_indicators::{Group, GroupSpec, IndicatorError, Measure, ScoMembership, ScoTier};
use sco_ledger::History;

use super::load;
use crate::error::input_error;
use crate::output::Rows;

/// SCO membership answered from the replayed ledger.
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
        let snapshot = self.history.snapshot(date);
        let mut states = snapshot.members();
        if matches!(
            tier,
            ScoTier::MembersObservers | ScoTier::MembersObserversDialoguePartners
        ) {
            states.extend(snapshot.observers());
        }
        if tier == ScoTier::MembersObserversDialoguePartners {
            states.extend(snapshot.dialogue_partners());
        }
        if tier == ScoTier::MembersPartners {
            states.extend(snapshot.partners());
        }
        let mut codes: Vec<String> = states.iter().map(|s| s.to_string()).collect();
        codes.sort();
        codes.dedup();
        Ok(codes)
    }

    fn source(&self) -> String {
        "SCO history ledger (data/ledger/), replayed to the date".to_string()
    }
}

/// Turns a grouping as typed into a specification: the SCO tiers (`members`,
/// `members+observers`, ...), organizations (`nato`, `eu`, `g7`, `brics`) and named sets
/// (`shanghai-five`, ...) may be given bare and take the date from `--at`; anything with a
/// colon is a full specification.
pub fn group_spec(
    text: &str,
    at: NaiveDate,
    with: &[String],
    without: &[String],
) -> Result<GroupSpec> {
    let text = text.trim();
    let core = if text.contains(':') {
        text.to_string()
    } else if text == "sco" {
        format!("sco:members@{at}")
    } else if ScoTier::parse(text).is_some() {
        format!("sco:{text}@{at}")
    } else if matches!(text, "nato" | "eu" | "g7" | "brics") {
        format!("org:{text}@{at}")
    } else {
        format!("named:{text}")
    };
    let mut full = core;
    if !without.is_empty() {
        full.push_str(&format!(" without {}", without.join(",")));
    }
    if !with.is_empty() {
        full.push_str(&format!(" with {}", with.join(",")));
    }
    GroupSpec::parse(&full).map_err(indicator_error)
}

/// The same specification with its date moved (for series: membership year by year).
pub fn respec_at(spec: &GroupSpec, date: NaiveDate) -> GroupSpec {
    match spec {
        GroupSpec::Sco { tier, .. } => GroupSpec::Sco { tier: *tier, date },
        GroupSpec::Organization { id, .. } => GroupSpec::Organization {
            id: id.clone(),
            date,
        },
        GroupSpec::Modified {
            base,
            with,
            without,
        } => GroupSpec::Modified {
            base: Box::new(respec_at(base, date)),
            with: with.clone(),
            without: without.clone(),
        },
        other => other.clone(),
    }
}

/// Resolves a specification against the embedded data and the ledger.
pub fn resolve(spec: &GroupSpec, sco: &LedgerMembership) -> Result<Group> {
    spec.resolve(&sco_data::Embedded, sco)
        .map_err(indicator_error)
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

/// Parses `--measures`.
pub fn parse_measures(text: &str) -> Result<Vec<Measure>> {
    let mut out = Vec::new();
    for name in text.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        let measure = Measure::parse(name).ok_or_else(|| {
            let known: Vec<&str> = Measure::ALL.iter().map(|m| m.id()).collect();
            input_error(format!(
                "unknown measure `{name}`: expected one of {}",
                known.join(", ")
            ))
        })?;
        if !out.contains(&measure) {
            out.push(measure);
        }
    }
    if out.is_empty() {
        return Err(input_error("no measure given"));
    }
    Ok(out)
}

/// Parses a comma-separated list of ISO3 codes.
pub fn parse_codes(text: Option<&str>) -> Vec<String> {
    text.map(|t| {
        t.split(',')
            .map(|c| c.trim().to_ascii_uppercase())
            .filter(|c| !c.is_empty())
            .collect()
    })
    .unwrap_or_default()
}

/// The data year: a number, `latest`, or (when absent) the year of the membership date.
pub fn data_year(
    text: Option<&str>,
    at: NaiveDate,
    latest: impl FnOnce() -> Result<Option<i32>>,
) -> Result<i32> {
    match text {
        None => Ok(at.year()),
        Some("latest") => {
            latest()?.context("the datasets share no year with data for every measure")
        }
        Some(year) => year
            .parse::<i32>()
            .ok()
            .filter(|y| (1900..=2100).contains(y))
            .ok_or_else(|| {
                input_error(format!(
                    "`{year}` is not a year: expected e.g. 2019 or `latest`"
                ))
            }),
    }
}

/// The latest year with world totals for population, GDP and PPP GDP.
pub fn latest_core_year() -> Result<Option<i32>> {
    sco_indicators::latest_year(
        &sco_data::Embedded,
        &[Measure::Population, Measure::GdpUsd, Measure::GdpPpp],
    )
    .map_err(indicator_error)
}

/// "42.1%".
pub fn pct(value: Option<f64>) -> String {
    value.map_or_else(|| "—".into(), |v| format!("{:.1}%", v * 100.0))
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
    std::fs::write(&tmp, bytes).with_context(|| format!("cannot write {}", tmp.display()))?;
    std::fs::rename(&tmp, path).with_context(|| format!("cannot write {}", path.display()))?;
    Ok(())
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
