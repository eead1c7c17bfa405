//! `sco cohesion`: how alike a grouping's members are (regime type, UN voting, balance
//! of capabilities) in a year, and `sco cohesion series`: the same over time, with a chart.

use std::path::{Path, PathBuf};

use anyhow::Result;
use clap::{Args, Subcommand};

use sco_indicators::{cohesion, Cohesion, IndicatorSpread, YearRule};

use super::support::indicator_charts::{color, write_chart, Band, Line, Panel, INK};
use super::support::indicators::{
    describe_group, group_spec, indicator_error, parse_codes, pct, raw, resolve, respec_at,
    rows_for, share, LedgerMembership,
};
use super::{parse_date, today};
use crate::error::{input_error, Outcome};
use crate::output::{emit, or_dash, print, Format, FormatArgs, Rows};

/// Arguments of `sco cohesion`.
#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct CohesionArgs {
    #[command(subcommand)]
    pub action: Option<CohesionAction>,
    /// The membership date (YYYY-MM-DD or `today`).
    #[arg(long, value_name = "DATE", default_value = "today")]
    pub at: String,
    /// The data year (default: the year of `--at`).
    #[arg(long, value_name = "YEAR")]
    pub data_year: Option<String>,
    /// The grouping (as in `sco weight --group`).
    #[arg(long, value_name = "GROUP", default_value = "members")]
    pub group: String,
    /// Leave these states out (comma-separated ISO3).
    #[arg(long, value_name = "ISO3,...")]
    pub without: Option<String>,
    /// Add these states (comma-separated ISO3).
    #[arg(long, value_name = "ISO3,...")]
    pub with: Option<String>,
    /// Use only data of the data year; by default a dataset that ends earlier (UNGA 2023,
    /// CINC 2022) contributes its last year, and says so.
    #[arg(long)]
    pub exact_year: bool,
    #[command(flatten)]
    pub format: FormatArgs,
}

/// `sco cohesion` subcommands.
#[derive(Debug, Subcommand)]
pub enum CohesionAction {
    /// Heterogeneity year by year (membership re-read each 31 December), with a chart.
    Series(CohesionSeriesArgs),
}

/// Arguments of `sco cohesion series`.
#[derive(Debug, Args)]
pub struct CohesionSeriesArgs {
    #[arg(long, default_value_t = 1996)]
    pub from: i32,
    #[arg(long, default_value_t = 2024)]
    pub to: i32,
    /// The grouping (as in `sco weight --group`).
    #[arg(long, value_name = "GROUP", default_value = "members")]
    pub group: String,
    /// Write the chart to PATH.svg and PATH.png.
    #[arg(long, value_name = "PATH")]
    pub chart: Option<PathBuf>,
    #[command(flatten)]
    pub format: FormatArgs,
}

/// Runs `sco cohesion`.
pub fn run(ledger_dir: Option<&Path>, args: CohesionArgs) -> Result<Outcome> {
    if let Some(CohesionAction::Series(series)) = args.action {
        return run_series(ledger_dir, series);
    }
    let date = if args.at == "today" {
        today()
    } else {
        parse_date(&args.at)?
    };
    // `latest` for cohesion: 2024, the last year of V-Dem v15 and of the UN votes it reads.
    let year =
        sco_documents::weight::data_year(args.data_year.as_deref(), Some(date), || Some(2024))
            .map_err(super::support::indicators::view_error)?;
    let rule = if args.exact_year {
        YearRule::Exact
    } else {
        YearRule::LatestAvailable
    };
    let sco = LedgerMembership::load(ledger_dir)?;
    let spec = group_spec(
        &args.group,
        date,
        &parse_codes(args.with.as_deref()),
        &parse_codes(args.without.as_deref()),
    )?;
    let group = resolve(&spec, &sco)?;
    let result = cohesion(&sco_data::Embedded, &group, year, rule).map_err(indicator_error)?;
    let rows = spread_rows(&result);
    let format = args.format.format();
    if format == Format::Table {
        print(&format!(
            "{}\nRequested data year {year}.",
            describe_group(&group)
        ))?;
    }
    let rows = rows_for(format, rows, &["membership_date", "source"]);
    emit(args.format, &rows, &result)?;
    if format == Format::Table {
        print(&details(&result))?;
    }
    Ok(Outcome::Success)
}

fn spreads(c: &Cohesion) -> Vec<&IndicatorSpread> {
    let mut all = vec![&c.polyarchy, &c.libdem, &c.unga_ideal_point];
    all.extend(c.unga_agreement.iter());
    all
}

fn num(v: Option<f64>) -> String {
    v.map_or_else(|| "—".into(), |v| format!("{v:.3}"))
}

fn spread_rows(c: &Cohesion) -> Rows {
    let membership = c
        .group
        .membership_date
        .map(|d| d.to_string())
        .unwrap_or_default();
    let mut rows = Rows::new(&[
        "indicator",
        "year",
        "membership_date",
        "n",
        "mean",
        "pop_weighted_mean",
        "sd",
        "min",
        "max",
        "range",
        "missing",
        "source",
    ]);
    for s in spreads(c) {
        let m = &s.summary;
        rows.push(vec![
            s.indicator.to_string(),
            or_dash(s.year),
            membership.clone(),
            m.n.to_string(),
            num(m.mean),
            num(m.population_weighted_mean),
            num(m.sd),
            m.min
                .as_ref()
                .map_or("—".into(), |e| format!("{} {:.3}", e.iso3, e.value)),
            m.max
                .as_ref()
                .map_or("—".into(), |e| format!("{} {:.3}", e.iso3, e.value)),
            num(m.range),
            if s.missing.is_empty() {
                "—".into()
            } else {
                s.missing.join(" ")
            },
            s.source.id.to_string(),
        ]);
    }
    rows
}

fn details(c: &Cohesion) -> String {
    let mut out = Vec::new();
    let fh = &c.freedom_house;
    let shares: Vec<String> = fh
        .shares
        .iter()
        .map(|s| {
            format!(
                "{} {} ({})",
                s.label,
                pct(Some(s.share_of_group_population)),
                if s.members.is_empty() {
                    "none".into()
                } else {
                    s.members.join(" ")
                }
            )
        })
        .collect();
    out.push(format!(
        "Freedom House status, share of the group's population ({}): {}",
        or_dash(fh.year),
        if shares.is_empty() {
            "—".into()
        } else {
            shares.join("; ")
        }
    ));
    if let Some(n) = &fh.note {
        out.push(format!("note: freedom_house: {n}"));
    }
    let cap = &c.capabilities;
    out.push(format!(
        "Capabilities (COW CINC, {}): group {} of the state system; largest {} {}, second {} {}; ratio {}; largest holds {} of the group's total",
        or_dash(cap.year),
        pct(cap.group_cinc),
        cap.largest.as_ref().map_or("—", |e| e.iso3.as_str()),
        num(cap.largest.as_ref().map(|e| e.value)),
        cap.second.as_ref().map_or("—", |e| e.iso3.as_str()),
        num(cap.second.as_ref().map(|e| e.value)),
        cap.largest_to_second.map_or("—".into(), |r| format!("{r:.2}")),
        pct(cap.largest_share_of_group),
    ));
    if let Some(n) = &cap.note {
        out.push(format!("note: cinc: {n}"));
    }
    for s in spreads(c) {
        if let Some(n) = &s.note {
            out.push(format!("note: {}: {n}", s.indicator));
        }
    }
    out.push(format!(
        "sources: vdem-v15 = {} ({}); fh-fiw = {}; unga-ideal-points = {}; cow-nmc-v7 = {}",
        c.polyarchy.source.citation,
        c.polyarchy.source.edition,
        fh.source.citation,
        c.unga_ideal_point.source.citation,
        cap.source.citation
    ));
    out.join("\n")
}

fn run_series(ledger_dir: Option<&Path>, args: CohesionSeriesArgs) -> Result<Outcome> {
    if args.to < args.from {
        return Err(input_error(format!(
            "--to {} is before --from {}",
            args.to, args.from
        )));
    }
    let sco = LedgerMembership::load(ledger_dir)?;
    let day = |y: i32| chrono::NaiveDate::from_ymd_opt(y, 12, 31).unwrap_or_default();
    let spec = group_spec(&args.group, day(args.from), &[], &[])?;
    let mut results = Vec::new();
    for year in args.from..=args.to {
        let group = resolve(&respec_at(&spec, day(year)), &sco)?;
        if group.members.is_empty() {
            continue;
        }
        results.push(
            cohesion(&sco_data::Embedded, &group, year, YearRule::Exact)
                .map_err(indicator_error)?,
        );
    }
    let mut rows = Rows::new(&[
        "year",
        "membership_date",
        "members",
        "polyarchy_mean",
        "polyarchy_min",
        "polyarchy_max",
        "libdem_mean",
        "not_free_population",
        "ideal_point_sd",
        "ideal_point_range",
        "cinc_largest_to_second",
    ]);
    // Machines get full precision; people get three decimals and percentages.
    let machine = args.format.machine_rows();
    let number = |v: Option<f64>| if machine { raw(v) } else { num(v) };
    for c in &results {
        let not_free = c
            .freedom_house
            .shares
            .iter()
            .find(|s| s.status == "NF")
            .map(|s| s.share_of_group_population);
        rows.push(vec![
            c.requested_year.to_string(),
            c.group
                .membership_date
                .map(|d| d.to_string())
                .unwrap_or_default(),
            c.group.members.len().to_string(),
            number(c.polyarchy.summary.mean),
            number(c.polyarchy.summary.min.as_ref().map(|e| e.value)),
            number(c.polyarchy.summary.max.as_ref().map(|e| e.value)),
            number(c.libdem.summary.mean),
            share(not_free, machine),
            number(c.unga_ideal_point.summary.sd),
            number(c.unga_ideal_point.summary.range),
            if machine {
                raw(c.capabilities.largest_to_second)
            } else {
                c.capabilities
                    .largest_to_second
                    .map_or("—".into(), |r| format!("{r:.2}"))
            },
        ]);
    }
    let format = args.format.format();
    if format == Format::Table {
        if let Some(c) = results.first() {
            print(&format!("{} (membership on 31 December of each year, from the ledger). Sources: V-Dem v15, Freedom House FIW, UNGA ideal points (Bailey, Strezhnev & Voeten), COW NMC v7; a dash means the dataset has no value for that year.", c.group.label))?;
        }
    }
    let rows = rows_for(format, rows, &["membership_date"]);
    emit(args.format, &rows, &results)?;
    if let Some(stem) = &args.chart {
        for p in heterogeneity_chart(stem, &results)? {
            eprintln!("wrote {}", p.display());
        }
    }
    Ok(Outcome::Success)
}

/// Two panels: the V-Dem electoral democracy range and means; the UNGA ideal-point range
/// and standard deviation.
pub fn heterogeneity_chart(stem: &Path, results: &[Cohesion]) -> Result<Vec<PathBuf>> {
    let (Some(first), Some(last)) = (results.first(), results.last()) else {
        return Ok(Vec::new());
    };
    let band = |f: &dyn Fn(&Cohesion) -> &IndicatorSpread| -> Vec<(i32, f64, f64)> {
        results
            .iter()
            .filter_map(|c| {
                let s = &f(c).summary;
                Some((
                    c.requested_year,
                    s.min.as_ref()?.value,
                    s.max.as_ref()?.value,
                ))
            })
            .collect()
    };
    let line = |f: &dyn Fn(&Cohesion) -> Option<f64>| -> Vec<(i32, f64)> {
        results
            .iter()
            .filter_map(|c| f(c).map(|v| (c.requested_year, v)))
            .collect()
    };
    let ip_band = band(&|c| &c.unga_ideal_point);
    let ip_max = ip_band.iter().map(|p| p.2).fold(1.0f64, f64::max).ceil();
    let ip_min = ip_band.iter().map(|p| p.1).fold(-1.0f64, f64::min).floor();
    let caption = "Membership on 31 December of each year from the SCO history ledger. Shaded: range between the least and the most democratic (or aligned) member.\nSources: V-Dem v15 (v2x_polyarchy), UNGA ideal points (Bailey, Strezhnev & Voeten, June 2024; ends 2023).";
    write_chart(
        stem,
        &format!(
            "{}: heterogeneity, {}-{}",
            first.group.label, first.requested_year, last.requested_year
        ),
        caption,
        (first.requested_year, last.requested_year),
        &[
            Panel {
                y_label: "V-Dem electoral democracy (0-1)".into(),
                y_range: (0.0, 1.0),
                percent: false,
                bands: vec![Band {
                    label: "member range".into(),
                    points: band(&|c| &c.polyarchy),
                    color: color(0),
                }],
                lines: vec![
                    Line {
                        label: "mean of members".into(),
                        points: line(&|c| c.polyarchy.summary.mean),
                        dashed: false,
                        color: color(0),
                    },
                    Line {
                        label: "population-weighted mean".into(),
                        points: line(&|c| c.polyarchy.summary.population_weighted_mean),
                        dashed: true,
                        color: color(1),
                    },
                    Line {
                        label: "liberal democracy, mean".into(),
                        points: line(&|c| c.libdem.summary.mean),
                        dashed: false,
                        color: color(2),
                    },
                ],
                markers: Vec::new(),
                stacked: Vec::new(),
                legend_low: false,
            },
            Panel {
                y_label: "UNGA ideal point".into(),
                y_range: (ip_min, ip_max),
                percent: false,
                bands: vec![Band {
                    label: "member range".into(),
                    points: ip_band,
                    color: color(3),
                }],
                lines: vec![
                    Line {
                        label: "mean of members".into(),
                        points: line(&|c| c.unga_ideal_point.summary.mean),
                        dashed: false,
                        color: color(3),
                    },
                    Line {
                        label: "standard deviation".into(),
                        points: line(&|c| c.unga_ideal_point.summary.sd),
                        dashed: true,
                        color: INK,
                    },
                ],
                markers: Vec::new(),
                stacked: Vec::new(),
                legend_low: true,
            },
        ],
    )
}
