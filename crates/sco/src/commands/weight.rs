//! `sco weight`: the weight of the SCO (or any grouping) in the world on a date, and
//! `sco weight series`: the same year by year, with charts.

use std::path::{Path, PathBuf};

use anyhow::Result;
use clap::{Args, Subcommand};

use sco_documents::weight::{
    add_core, membership_date, weight_of, weights_by_year, GroupRequest, SeriesPoint, WeightJson,
    DEFAULT_MEASURES, DEFAULT_SERIES_MEASURES,
};
use sco_indicators::{Measure, Weight, WeightOptions, WorldTotal};

use super::support::indicator_charts::{write_chart, Line, Panel, INK};
use super::support::indicators::{
    amount, describe_group, indicator_error, latest_core_year, parse_measures, pct, rows_for,
    view_error, LedgerMembership,
};
use super::{parse_date, today};
use crate::error::{input_error, Outcome};
use crate::output::{emit, print, Format, FormatArgs, Rows};

/// Options shared by `weight` and `weight series`.
#[derive(Debug, Clone, Args)]
pub struct GroupArgs {
    /// The grouping: `members`, `members+observers`, `members+observers+dialogue-partners`,
    /// `members+partners`, `shanghai-five`, `nato`, `eu`, `g7`, `brics`, `western-big-five`,
    /// `non-western-big-five`, or a specification (`list:CHN,RUS`, `org:nato@2020-01-01`, ...).
    #[arg(long, value_name = "GROUP", default_value = "members")]
    pub group: String,
    /// Leave these states out (comma-separated ISO3), e.g. `--without IND`.
    #[arg(long, value_name = "ISO3,...")]
    pub without: Option<String>,
    /// Add these states (comma-separated ISO3).
    #[arg(long, value_name = "ISO3,...")]
    pub with: Option<String>,
    /// A member without data: `skip` (leave out and report; shares become lower bounds),
    /// `nearest:N` (nearest year within N years, reported), or `require` (no total).
    #[arg(long, value_name = "POLICY", default_value = "skip")]
    pub missing: String,
    /// World total for World Bank measures: `aggregate` (the WLD row, which excludes
    /// Taiwan) or `sum-of-countries`.
    #[arg(long, value_name = "WORLD", default_value = "aggregate")]
    pub world: String,
}

impl GroupArgs {
    /// The grouping and options as `sco-documents` takes them.
    fn request(&self) -> GroupRequest<'_> {
        GroupRequest {
            group: &self.group,
            with: self.with.as_deref(),
            without: self.without.as_deref(),
            missing: &self.missing,
            world: &self.world,
        }
    }

    fn options(&self) -> Result<WeightOptions> {
        self.request().options().map_err(view_error)
    }
}

/// Arguments of `sco weight`.
#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct WeightArgs {
    #[command(subcommand)]
    pub action: Option<WeightAction>,
    /// The membership date (YYYY-MM-DD or `today`).
    #[arg(long, value_name = "DATE")]
    pub at: Option<String>,
    /// The data year: a year or `latest`. Default: the year of `--at` (or `latest`
    /// when `--at` is not given).
    #[arg(long, value_name = "YEAR")]
    pub data_year: Option<String>,
    /// Measures, comma-separated: population, gdp_usd, gdp_ppp, milex_usd, milex_sipri,
    /// merch_trade, area, cinc.
    #[arg(long, value_name = "LIST", default_value = DEFAULT_MEASURES)]
    pub measures: String,
    /// One row per member state instead of one per measure.
    #[arg(long)]
    pub by_member: bool,
    #[command(flatten)]
    pub group: GroupArgs,
    #[command(flatten)]
    pub format: FormatArgs,
}

/// `sco weight` subcommands.
#[derive(Debug, Subcommand)]
pub enum WeightAction {
    /// Shares of the world year by year (membership re-read each year), with charts.
    Series(SeriesArgs),
}

/// Arguments of `sco weight series`.
#[derive(Debug, Args)]
pub struct SeriesArgs {
    /// First data year.
    #[arg(long, default_value_t = sco_documents::organization::FIRST_YEAR)]
    pub from: i32,
    /// Last data year, or `latest`.
    #[arg(long, default_value = "latest")]
    pub to: String,
    /// Day of each year on which membership is read (MM-DD).
    #[arg(long, value_name = "MM-DD", default_value = "12-31")]
    pub membership_day: String,
    /// Measures, comma-separated.
    #[arg(long, value_name = "LIST", default_value = DEFAULT_SERIES_MEASURES)]
    pub measures: String,
    /// Write charts of the share of the world by member: PATH-<measure>.svg and .png.
    #[arg(long, value_name = "PATH")]
    pub chart: Option<PathBuf>,
    #[command(flatten)]
    pub group: GroupArgs,
    #[command(flatten)]
    pub format: FormatArgs,
}

/// Runs `sco weight`.
pub fn run(ledger_dir: Option<&Path>, args: WeightArgs) -> Result<Outcome> {
    if let Some(WeightAction::Series(series)) = args.action {
        return run_series(ledger_dir, series);
    }
    let at = args.at.as_deref().map(parse_date).transpose()?;
    let date = at.unwrap_or_else(today);
    let year = sco_documents::weight::data_year(args.data_year.as_deref(), at, || {
        latest_core_year().ok().flatten()
    })
    .map_err(view_error)?;
    let options = args.group.options()?;
    let mut measures = parse_measures(&args.measures)?;
    if args.format.format() == Format::Json {
        add_core(&mut measures);
    }
    let sco = LedgerMembership::load(ledger_dir)?;
    let spec = args.group.request().spec(date).map_err(view_error)?;
    let result = weight_of(&sco, &spec, year, &measures, &options).map_err(indicator_error)?;
    let group = &result.group;

    let format = args.format.format();
    let membership = group
        .membership_date
        .map(|d| d.to_string())
        .unwrap_or_default();
    let raw = args.format.machine_rows();
    let rows = if args.by_member {
        member_rows(&result, &membership, raw)
    } else {
        measure_rows(&result, &membership, raw)
    };
    if format == Format::Table {
        print(&format!(
            "{}\nData year {}; world = {}; missing data: {}.",
            describe_group(group),
            year,
            match options.world {
                WorldTotal::Aggregate =>
                    "World Bank WLD aggregate (excludes Taiwan) for World Bank measures",
                WorldTotal::SumOfCountries => "sum of countries reported, for World Bank measures",
            },
            options.missing
        ))?;
    }
    let rows = rows_for(format, rows, &["membership_date"]);
    emit(args.format, &rows, &WeightJson::new(&result))?;
    if format == Format::Table {
        let mut notes: Vec<String> = result
            .measures
            .iter()
            .filter_map(|f| {
                f.note
                    .as_ref()
                    .map(|n| format!("note: {}: {n}", f.measure.id()))
            })
            .collect();
        notes.extend(source_lines(&result));
        if !notes.is_empty() {
            print(&notes.join("\n"))?;
        }
        if result.measures.iter().all(|f| f.world_total.is_none()) && args.data_year.is_none() {
            if let Some(latest) = latest_core_year()? {
                eprintln!(
                    "hint: the data have nothing for {year}; try --data-year {latest} (or latest)"
                );
            }
        }
    }
    Ok(Outcome::Success)
}

/// "source: gdp_usd = World Bank, World Development Indicators, NY.GDP.MKTP.CD (edition)".
pub fn source_lines(w: &Weight) -> Vec<String> {
    w.measures
        .iter()
        .map(|f| {
            format!(
                "source: {} = {} [{}], {}; {}",
                f.measure.id(),
                f.source.citation,
                f.source.series,
                f.source.edition,
                f.source.file
            )
        })
        .collect()
}

/// A number as CSV wants it (empty when missing).
fn raw_number(v: Option<f64>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

fn measure_rows(w: &Weight, membership: &str, raw: bool) -> Rows {
    let mut headers = vec![
        "measure",
        "year",
        "membership_date",
        "group_total",
        "world_total",
        "share",
        "missing",
        "source",
    ];
    if raw {
        headers.insert(5, "unit");
    }
    let mut rows = Rows::new(&headers);
    for f in &w.measures {
        let mut missing = f.missing.join(" ");
        if !f.imputed.is_empty() {
            missing = [missing, format!("imputed: {}", f.imputed.join(", "))]
                .join(" ")
                .trim()
                .to_string();
        }
        let mut row = vec![
            f.measure.id().to_string(),
            if f.measure == Measure::Area {
                "—".into()
            } else {
                f.year.to_string()
            },
            membership.to_string(),
        ];
        if raw {
            row.extend([
                raw_number(f.total),
                raw_number(f.world_total),
                f.unit.to_string(),
                raw_number(f.share),
                missing,
            ]);
        } else {
            row.extend([
                amount(f.total, f.measure),
                amount(f.world_total, f.measure),
                pct(f.share),
                if missing.is_empty() {
                    "—".into()
                } else {
                    missing
                },
            ]);
        }
        row.push(f.source.id.to_string());
        rows.push(row);
    }
    rows
}

fn member_rows(w: &Weight, membership: &str, raw: bool) -> Rows {
    let mut headers = vec![
        "iso3".to_string(),
        "membership_date".to_string(),
        "year".to_string(),
    ];
    headers.extend(
        w.measures
            .iter()
            .map(|f| format!("{}_share", f.measure.id())),
    );
    let mut rows = Rows {
        headers,
        rows: Vec::new(),
        notes: Vec::new(),
        state_columns: Vec::new(),
    };
    rows.state_columns.push("iso3".to_string());
    for (i, code) in w.group.members.iter().enumerate() {
        let mut row = vec![code.clone(), membership.to_string(), w.year.to_string()];
        row.extend(w.measures.iter().map(|f| {
            let share = f.members.get(i).and_then(|m| m.share_of_world);
            if raw {
                raw_number(share)
            } else {
                pct(share)
            }
        }));
        rows.push(row);
    }
    rows
}

fn run_series(ledger_dir: Option<&Path>, args: SeriesArgs) -> Result<Outcome> {
    let to = match args.to.as_str() {
        "latest" => latest_core_year()?.unwrap_or(args.from),
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
    let options = args.group.options()?;
    let format = args.format.format();
    let measures = parse_measures(&args.measures)?;
    let sco = LedgerMembership::load(ledger_dir)?;
    let first = membership_date(args.from, &args.membership_day).map_err(view_error)?;
    let spec = args.group.request().spec(first).map_err(view_error)?;
    let weights = weights_by_year(
        &sco,
        &spec,
        args.from,
        to,
        &args.membership_day,
        &measures,
        &options,
    )
    .map_err(view_error)?;
    let points: Vec<SeriesPoint> = weights.iter().map(SeriesPoint::new).collect();
    let mut headers = vec![
        "year".to_string(),
        "membership_date".to_string(),
        "members".to_string(),
    ];
    headers.extend(measures.iter().map(|m| format!("{}_share", m.id())));
    headers.push("missing".into());
    let mut rows = Rows {
        headers,
        rows: Vec::new(),
        notes: Vec::new(),
        state_columns: Vec::new(),
    };
    for w in &weights {
        let mut row = vec![
            w.year.to_string(),
            w.group
                .membership_date
                .map(|d| d.to_string())
                .unwrap_or_default(),
            w.group.members.len().to_string(),
        ];
        row.extend(w.measures.iter().map(|f| {
            if args.format.machine_rows() {
                raw_number(f.share)
            } else {
                pct(f.share)
            }
        }));
        let missing: Vec<String> = w
            .measures
            .iter()
            .filter(|f| !f.missing.is_empty())
            .map(|f| format!("{}: {}", f.measure.id(), f.missing.join(" ")))
            .collect();
        row.push(if missing.is_empty() {
            "—".into()
        } else {
            missing.join("; ")
        });
        rows.push(row);
    }
    if format == Format::Table {
        if let Some(w) = weights.first() {
            print(&format!(
                "{} (membership on {} of each year, from the ledger); world = {}.",
                w.group.label, args.membership_day, w.measures[0].world
            ))?;
        }
    }
    emit(args.format, &rows, &points)?;
    if format == Format::Table {
        if let Some(w) = weights.first() {
            print(&source_lines(w).join("\n"))?;
        }
    }
    if let Some(stem) = &args.chart {
        for &m in &measures {
            let path = PathBuf::from(format!("{}-{}", stem.display(), m.id()));
            let written = share_by_member_chart(&path, &weights, m)?;
            for p in written {
                eprintln!("wrote {}", p.display());
            }
        }
    }
    Ok(Outcome::Success)
}

/// A stacked chart of each member's share of the world, year by year.
pub fn share_by_member_chart(
    stem: &Path,
    weights: &[Weight],
    measure: Measure,
) -> Result<Vec<PathBuf>> {
    let Some(first) = weights.first() else {
        return Ok(Vec::new());
    };
    let last = weights.last().map_or(first.year, |w| w.year);
    let mut states: Vec<String> = Vec::new();
    for w in weights {
        for m in &w.group.members {
            if !states.contains(m) {
                states.push(m.clone());
            }
        }
    }
    // Largest contributors at the bottom.
    let share_of = |w: &Weight, code: &str| {
        w.figure(measure)
            .and_then(|f| f.members.iter().find(|m| m.iso3 == code))
            .and_then(|m| m.share_of_world)
            .unwrap_or(0.0)
    };
    states.sort_by(|a, b| {
        let total = |c: &str| weights.iter().map(|w| share_of(w, c)).sum::<f64>();
        total(b).total_cmp(&total(a))
    });
    let stacked: Vec<(String, Vec<(i32, f64)>)> = states
        .iter()
        .map(|c| {
            (
                c.clone(),
                weights.iter().map(|w| (w.year, share_of(w, c))).collect(),
            )
        })
        .collect();
    let total_line = Line {
        label: "group total".into(),
        points: weights
            .iter()
            .filter_map(|w| w.share(measure).map(|s| (w.year, s)))
            .collect(),
        dashed: false,
        color: INK,
    };
    let top = weights
        .iter()
        .filter_map(|w| w.share(measure))
        .fold(0.0f64, f64::max);
    let y_max = (((top + 0.12) * 10.0).ceil() / 10.0).min(1.0);
    let source = first
        .figure(measure)
        .map(|f| {
            format!(
                "{} ({}), {}",
                f.source.citation, f.source.series, f.source.edition
            )
        })
        .unwrap_or_default();
    let caption = format!(
        "Membership read on each year's membership day from the SCO history ledger; a state counts only in years it belongs.\nSource: {source}. World = {}.",
        first.figure(measure).map(|f| f.world.clone()).unwrap_or_default()
    );
    write_chart(
        stem,
        &format!(
            "{}: share of world {}, {}-{}",
            first.group.label,
            measure.label(),
            first.year,
            last
        ),
        &caption,
        (first.year, last),
        &[Panel {
            y_label: format!("share of world {}", measure.id()),
            y_range: (0.0, y_max),
            percent: true,
            bands: Vec::new(),
            lines: vec![total_line],
            markers: Vec::new(),
            stacked,
            legend_low: false,
        }],
    )
}
