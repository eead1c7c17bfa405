//! `sco compare`: groupings side by side (the SCO against NATO, the EU, BRICS, the G7,
//! or the seeds' "Western" and "non-Western big five"), on a date or year by year.

use std::path::{Path, PathBuf};

use anyhow::Result;
use chrono::NaiveDate;
use clap::{Args, Subcommand};
use serde::Serialize;

use sco_indicators::{cohesion, weight, Cohesion, Measure, Weight, WeightOptions, YearRule};

use super::support::indicator_charts::{color, write_chart, Line, Marker, Panel};
use super::support::indicators::{
    group_spec, indicator_error, latest_core_year, parse_measures, pct, resolve, respec_at,
    rows_for, LedgerMembership,
};
use super::{parse_date, today};
use crate::error::{input_error, Outcome};
use crate::output::{emit, print, Format, FormatArgs, Rows};

/// Arguments of `sco compare`.
#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct CompareArgs {
    #[command(subcommand)]
    pub action: Option<CompareAction>,
    /// The membership date of every grouping (YYYY-MM-DD or `today`).
    #[arg(long, value_name = "DATE")]
    pub at: Option<String>,
    /// The data year (default: the year of `--at`, or `latest` without `--at`).
    #[arg(long, value_name = "YEAR")]
    pub data_year: Option<String>,
    /// Groupings, comma-separated (as in `sco weight --group`).
    #[arg(long, value_name = "LIST", default_value = "members,nato,eu,brics,g7")]
    pub groups: String,
    /// Measures, comma-separated.
    #[arg(
        long,
        value_name = "LIST",
        default_value = "population,gdp_usd,gdp_ppp,milex_usd,merch_trade,area"
    )]
    pub measures: String,
    /// Also compare cohesion: democracy, Freedom House status, UN voting, capabilities.
    #[arg(long)]
    pub cohesion: bool,
    #[command(flatten)]
    pub format: FormatArgs,
}

/// `sco compare` subcommands.
#[derive(Debug, Subcommand)]
pub enum CompareAction {
    /// One measure's share of the world for several groupings, year by year, with a chart.
    Series(CompareSeriesArgs),
}

/// Arguments of `sco compare series`.
#[derive(Debug, Args)]
pub struct CompareSeriesArgs {
    /// Groupings, comma-separated; organizations and SCO tiers are re-read each 31 December.
    #[arg(long, value_name = "LIST", default_value = "members,nato,eu,brics,g7")]
    pub groups: String,
    /// The measure.
    #[arg(long, default_value = "gdp_usd")]
    pub measure: String,
    #[arg(long, default_value_t = sco_documents::organization::FIRST_YEAR)]
    pub from: i32,
    /// Last year, or `latest`.
    #[arg(long, default_value = "latest")]
    pub to: String,
    /// Write the chart to PATH.svg and PATH.png.
    #[arg(long, value_name = "PATH")]
    pub chart: Option<PathBuf>,
    #[command(flatten)]
    pub format: FormatArgs,
}

#[derive(Serialize)]
struct Comparison {
    weights: Vec<Weight>,
    cohesion: Vec<Cohesion>,
}

fn split(list: &str) -> Vec<&str> {
    list.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect()
}

/// Runs `sco compare`.
pub fn run(ledger_dir: Option<&Path>, args: CompareArgs) -> Result<Outcome> {
    if let Some(CompareAction::Series(series)) = args.action {
        return run_series(ledger_dir, series);
    }
    let at = args.at.as_deref().map(parse_date).transpose()?;
    let date = at.unwrap_or_else(today);
    let year = sco_documents::weight::data_year(args.data_year.as_deref(), at, || {
        latest_core_year().ok().flatten()
    })
    .map_err(super::support::indicators::view_error)?;
    let measures = parse_measures(&args.measures)?;
    let sco = LedgerMembership::load(ledger_dir)?;
    let mut weights = Vec::new();
    let mut cohesions = Vec::new();
    for name in split(&args.groups) {
        let group = resolve(&group_spec(name, date, &[], &[])?, &sco)?;
        weights.push(
            weight(
                &sco_data::Embedded,
                &group,
                year,
                &measures,
                &WeightOptions::default(),
            )
            .map_err(indicator_error)?,
        );
        if args.cohesion {
            cohesions.push(
                cohesion(&sco_data::Embedded, &group, year, YearRule::LatestAvailable)
                    .map_err(indicator_error)?,
            );
        }
    }
    let format = args.format.format();
    let machine = args.format.machine_rows();
    let mut headers = vec![
        "group".to_string(),
        "membership_date".into(),
        "year".into(),
        "members".into(),
    ];
    headers.extend(measures.iter().map(|m| m.id().to_string()));
    if machine {
        // The table's "*" becomes a column: the measures some members have no data for.
        headers.push("incomplete".into());
    }
    let mut rows = Rows {
        headers,
        rows: Vec::new(),
        notes: Vec::new(),
        state_columns: Vec::new(),
    };
    for w in &weights {
        let mut row = vec![
            w.group.label.clone(),
            w.group
                .membership_date
                .map(|d| d.to_string())
                .unwrap_or_default(),
            w.year.to_string(),
            w.group.members.len().to_string(),
        ];
        row.extend(w.measures.iter().map(|f| {
            if machine {
                crate::commands::support::indicators::raw(f.share)
            } else if f.complete {
                pct(f.share)
            } else {
                format!("{}*", pct(f.share))
            }
        }));
        if machine {
            let incomplete: Vec<&str> = w
                .measures
                .iter()
                .filter(|f| !f.complete)
                .map(|f| f.measure.id())
                .collect();
            row.push(incomplete.join(" "));
        }
        rows.push(row);
    }
    if format == Format::Table {
        print(&format!("Share of the world, data year {year}, memberships on {date}. * = some members without data (lower bound; see --json)."))?;
    }
    let json = Comparison {
        weights,
        cohesion: cohesions,
    };
    emit(
        args.format,
        &rows_for(format, rows, &["membership_date", "year"]),
        &json,
    )?;
    if format == Format::Table && !json.cohesion.is_empty() {
        let mut table = Rows::new(&[
            "group",
            "polyarchy_mean",
            "polyarchy_range",
            "not_free_pop",
            "ideal_point_sd",
            "agree_usa",
            "cinc_1st/2nd",
        ]);
        for c in &json.cohesion {
            let nf = c
                .freedom_house
                .shares
                .iter()
                .find(|s| s.status == "NF")
                .map(|s| s.share_of_group_population);
            let f3 = |v: Option<f64>| v.map_or("—".into(), |v| format!("{v:.3}"));
            table.push(vec![
                c.group.label.clone(),
                f3(c.polyarchy.summary.mean),
                f3(c.polyarchy.summary.range),
                pct(nf),
                f3(c.unga_ideal_point.summary.sd),
                f3(c.unga_agreement.first().and_then(|a| a.summary.mean)),
                c.capabilities
                    .largest_to_second
                    .map_or("—".into(), |r| format!("{r:.2}")),
            ]);
        }
        print(&table.table())?;
        let c = &json.cohesion[0];
        print(&format!(
            "Years used: V-Dem {}, Freedom House {}, UNGA {}, CINC {} (each dataset's last year if {year} is past it).",
            c.polyarchy.year.map_or("—".into(), |y| y.to_string()),
            c.freedom_house.year.map_or("—".into(), |y| y.to_string()),
            c.unga_ideal_point.year.map_or("—".into(), |y| y.to_string()),
            c.capabilities.year.map_or("—".into(), |y| y.to_string()),
        ))?;
    }
    if format == Format::Table {
        if let Some(w) = json.weights.first() {
            print(&super::weight::source_lines(w).join("\n"))?;
        }
    }
    Ok(Outcome::Success)
}

/// Shares of the world by grouping and year.
#[derive(Debug, Serialize)]
pub struct SeriesLine {
    pub group: String,
    pub spec: String,
    pub points: Vec<(i32, Option<NaiveDate>, Option<f64>)>,
}

/// Computes one measure's share for each grouping, year by year.
pub fn compare_series(
    sco: &LedgerMembership,
    groups: &[&str],
    measure: Measure,
    from: i32,
    to: i32,
) -> Result<Vec<SeriesLine>> {
    let day = |y: i32| NaiveDate::from_ymd_opt(y, 12, 31).unwrap_or_default();
    let mut lines = Vec::new();
    for name in groups {
        let spec = group_spec(name, day(from), &[], &[])?;
        let mut line = SeriesLine {
            group: String::new(),
            spec: spec.to_string(),
            points: Vec::new(),
        };
        for year in from..=to {
            let group = resolve(&respec_at(&spec, day(year)), sco)?;
            if line.group.is_empty() {
                line.group = group.label.clone();
            }
            let share = if group.members.is_empty() {
                None
            } else {
                weight(
                    &sco_data::Embedded,
                    &group,
                    year,
                    &[measure],
                    &WeightOptions::default(),
                )
                .map_err(indicator_error)?
                .share(measure)
            };
            line.points.push((year, group.membership_date, share));
        }
        lines.push(line);
    }
    Ok(lines)
}

fn run_series(ledger_dir: Option<&Path>, args: CompareSeriesArgs) -> Result<Outcome> {
    let measure = parse_measures(&args.measure)?[0];
    let to = match args.to.as_str() {
        "latest" => sco_indicators::latest_year(&sco_data::Embedded, &[measure])
            .map_err(indicator_error)?
            .unwrap_or(args.from),
        text => text
            .parse::<i32>()
            .map_err(|_| input_error(format!("`{text}` is not a year or `latest`")))?,
    };
    if to < args.from {
        return Err(input_error(format!(
            "--to {to} is before --from {}",
            args.from
        )));
    }
    let sco = LedgerMembership::load(ledger_dir)?;
    let groups = split(&args.groups);
    let lines = compare_series(&sco, &groups, measure, args.from, to)?;
    let mut headers = vec!["year".to_string()];
    headers.extend(lines.iter().map(|l| l.group.clone()));
    let mut rows = Rows {
        headers,
        rows: Vec::new(),
        notes: Vec::new(),
        state_columns: Vec::new(),
    };
    for (i, year) in (args.from..=to).enumerate() {
        let mut row = vec![year.to_string()];
        row.extend(lines.iter().map(|l| {
            crate::commands::support::indicators::share(
                l.points.get(i).and_then(|p| p.2),
                args.format.machine_rows(),
            )
        }));
        rows.push(row);
    }
    let format = args.format.format();
    if format == Format::Table {
        print(&format!(
            "Share of world {} ({}, {}); memberships on 31 December of each year.",
            measure.label(),
            measure.source().citation,
            measure.series()
        ))?;
    }
    emit(args.format, &rows, &lines)?;
    if let Some(stem) = &args.chart {
        let title = format!("Share of world {}, {}-{to}", measure.label(), args.from);
        for p in share_lines_chart(stem, &title, &lines, measure, (args.from, to), Vec::new())? {
            eprintln!("wrote {}", p.display());
        }
    }
    Ok(Outcome::Success)
}

/// A line chart of groupings' shares, with optional claim markers.
pub fn share_lines_chart(
    stem: &Path,
    title: &str,
    lines: &[SeriesLine],
    measure: Measure,
    years: (i32, i32),
    markers: Vec<Marker>,
) -> Result<Vec<PathBuf>> {
    let top = lines
        .iter()
        .flat_map(|l| l.points.iter().filter_map(|p| p.2))
        .chain(markers.iter().map(|m| m.value))
        .fold(0.0f64, f64::max);
    let caption = format!(
        "Memberships on 31 December of each year (data/groupings/organizations.toml; the SCO's from its history ledger).\nSource: {}, {}; world = {}.",
        measure.source().citation,
        measure.label(),
        if measure.source() == sco_data::sources::WORLD_BANK { "World Bank WLD aggregate (excludes Taiwan)" } else { measure.world_definition() }
    );
    write_chart(
        stem,
        title,
        &caption,
        years,
        &[Panel {
            y_label: format!("share of world {}", measure.id()),
            y_range: (0.0, (((top + 0.15) * 10.0).ceil() / 10.0).min(1.0)),
            percent: true,
            bands: Vec::new(),
            lines: lines
                .iter()
                .enumerate()
                .map(|(i, l)| Line {
                    label: l.group.clone(),
                    points: l
                        .points
                        .iter()
                        .filter_map(|p| p.2.map(|v| (p.0, v)))
                        .collect(),
                    dashed: false,
                    color: color(i),
                })
                .collect(),
            markers,
            stacked: Vec::new(),
            legend_low: false,
        }],
    )
}
