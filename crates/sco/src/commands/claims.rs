//! `sco claims`: the seeds' quantitative claims about the SCO's size, recomputed under
//! every plausible definition, with a verdict each; `--report` writes the Markdown report
//! and its charts.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use clap::Args;

use sco_data::{ClaimKind, Measure};
use sco_indicators::report::{render, ChartRef};
use sco_indicators::{check_claims, describe, format_value, ClaimResult, Verdict, WeightOptions};

use super::compare::{compare_series, share_lines_chart, SeriesLine};
use super::support::indicator_charts::Marker;
use super::support::indicators::{
    group_spec, indicator_error, latest_core_year, resolve, respec_at, write_atomic,
    LedgerMembership,
};
use crate::error::Outcome;
use crate::output::{emit, print, Format, FormatArgs, Rows};

/// Arguments of `sco claims`.
#[derive(Debug, Args)]
pub struct ClaimsArgs {
    /// Write the Markdown report to this file, and its charts (SVG and PNG) to a folder
    /// of the same name without `.md`.
    #[arg(long, value_name = "FILE")]
    pub report: Option<PathBuf>,
    #[command(flatten)]
    pub format: FormatArgs,
}

/// Runs `sco claims`.
pub fn run(ledger_dir: Option<&Path>, args: ClaimsArgs) -> Result<Outcome> {
    let sco = LedgerMembership::load(ledger_dir)?;
    let claims = sco_data::embedded::claims().context("the embedded claims file is invalid")?;
    let results = check_claims(&sco_data::Embedded, claims, &sco).map_err(indicator_error)?;
    let format = args.format.format();
    let rows = if args.format.machine_rows() {
        trial_rows(&results)
    } else {
        summary_rows(&results)
    };
    emit(args.format, &rows, &results)?;
    if format == Format::Table {
        let count = |v: Verdict| results.iter().filter(|r| r.verdict == v).count();
        print(&format!(
            "{} claims: {} reproduced, {} not reproduced, {} not checkable. Details: --json, --csv (one row per definition) or --report FILE.",
            results.len(),
            count(Verdict::Reproduced),
            count(Verdict::NotReproduced),
            count(Verdict::NotCheckable)
        ))?;
    }
    if let Some(path) = &args.report {
        write_report(path, &results, &sco)?;
    }
    Ok(Outcome::Success)
}

fn summary_rows(results: &[ClaimResult]) -> Rows {
    let mut rows = Rows::new(&["claim", "stated", "verdict", "nearest definition", "value"]);
    for r in results {
        let best = r.best.and_then(|i| r.trials.get(i));
        let claim = sco_data::embedded::claims()
            .ok()
            .and_then(|cs| cs.iter().find(|c| c.id == r.id));
        rows.push(vec![
            r.id.clone(),
            r.claim_text.clone(),
            r.verdict.label().to_string(),
            best.map_or("—".into(), describe),
            match (best, claim) {
                (Some(t), Some(c)) => format_value(c, t.computed),
                _ => "—".into(),
            },
        ]);
    }
    rows
}

fn trial_rows(results: &[ClaimResult]) -> Rows {
    let mut rows = Rows::new(&[
        "claim",
        "seed",
        "verdict",
        "claimed",
        "grouping",
        "membership_date",
        "members",
        "measure",
        "year",
        "computed",
        "difference",
        "fits",
        "source",
        "note",
    ]);
    for r in results {
        if r.trials.is_empty() {
            rows.push(vec![
                r.id.clone(),
                r.seed.clone(),
                r.verdict.label().into(),
                r.claimed.map(|c| c.to_string()).unwrap_or_default(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                r.reason.clone().unwrap_or_default(),
            ]);
        }
        for t in &r.trials {
            rows.push(vec![
                r.id.clone(),
                r.seed.clone(),
                r.verdict.label().into(),
                r.claimed.map(|c| c.to_string()).unwrap_or_default(),
                t.grouping.clone(),
                t.membership_date.map(|d| d.to_string()).unwrap_or_default(),
                t.members.join(" "),
                t.measure.map(|m| m.id().to_string()).unwrap_or_default(),
                t.year.to_string(),
                t.computed.map(|v| v.to_string()).unwrap_or_default(),
                t.difference.map(|v| v.to_string()).unwrap_or_default(),
                t.matches.map(|m| m.to_string()).unwrap_or_default(),
                t.source.clone(),
                t.note.clone().unwrap_or_default(),
            ]);
        }
    }
    rows
}

/// Claim markers for a chart: the stated value at the last year tested, for claims of
/// `kind` on `measure` whose groupings include `grouping_prefix`.
fn markers(results: &[ClaimResult], measure: Measure, grouping_prefix: &str) -> Vec<Marker> {
    let claims = sco_data::embedded::claims()
        .map(|c| c.as_slice())
        .unwrap_or_default();
    let mut out: Vec<Marker> = Vec::new();
    for r in results.iter().filter(|r| r.kind == ClaimKind::WorldShare) {
        let Some(claim) = claims.iter().find(|c| c.id == r.id) else {
            continue;
        };
        if !claim.measures.contains(&measure)
            || !claim
                .groupings
                .iter()
                .any(|g| g.starts_with(grouping_prefix))
        {
            continue;
        }
        let (Some(value), Some(&year)) = (claim.claimed, claim.years.last()) else {
            continue;
        };
        // Whether some definition with this measure fits, not the claim's overall verdict.
        let fits = r
            .trials
            .iter()
            .any(|t| t.measure == Some(measure) && t.matches == Some(true));
        let label = format!("{}: {}", &r.id[..3], if fits { "fits" } else { "no fit" });
        match out
            .iter_mut()
            .find(|m| m.year == year && (m.value - value).abs() < 1e-9)
        {
            Some(m) if !m.label.contains(&label) => m.label.push_str(&format!(", {label}")),
            Some(_) => {}
            None => out.push(Marker { year, value, label }),
        }
    }
    out
}

fn write_report(path: &Path, results: &[ClaimResult], sco: &LedgerMembership) -> Result<()> {
    let stem = path.with_extension("");
    let folder_name = stem
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("claims-report")
        .to_string();
    let latest = latest_core_year()?.unwrap_or(2024);
    let mut charts = Vec::new();
    let mut written = Vec::new();

    // 1. The SCO's shares over time, members and members + observers, with the claims.
    for (measure, file) in [
        (Measure::GdpUsd, "sco-gdp-usd-share"),
        (Measure::GdpPpp, "sco-gdp-ppp-share"),
        (Measure::Population, "sco-population-share"),
    ] {
        let lines: Vec<SeriesLine> = compare_series(
            sco,
            &[
                "members",
                "members+observers",
                "members+observers+dialogue-partners",
            ],
            measure,
            1996,
            latest,
        )?;
        let title = format!(
            "The SCO's share of world {}, 1996-{latest}, and the seeds' claims",
            measure.label()
        );
        written.extend(share_lines_chart(
            &stem.join(file),
            &title,
            &lines,
            measure,
            (1996, latest),
            markers(results, measure, "sco:"),
        )?);
        charts.push(ChartRef {
            path: format!("{folder_name}/{file}.png"),
            alt: format!("The SCO's share of world {}", measure.label()),
            caption: format!(
                "Share of world {} of the SCO's members, members and observers, and members, observers and dialogue partners (membership on 31 December of each year); red crosses: the seeds' stated figures at the last data year tested, marked 'fits' if some tested definition with this measure reproduces them. SVG: {folder_name}/{file}.svg.",
                measure.label()
            ),
        });
    }

    // 2. The seed 004 note 3 comparison.
    let lines = compare_series(
        sco,
        &[
            "western-big-five",
            "non-western-big-five",
            "g7",
            "list:BRA,RUS,IND,CHN,ZAF",
        ],
        Measure::GdpUsd,
        1990,
        latest,
    )?;
    let marks: Vec<Marker> = results
        .iter()
        .filter(|r| r.id.starts_with("004-") && r.id.contains("big-five"))
        .filter_map(|r| {
            let claim = sco_data::embedded::claims()
                .ok()?
                .iter()
                .find(|c| c.id == r.id)?;
            Some(Marker {
                year: *claim.years.first()?,
                value: claim.claimed?,
                label: format!("note 3: {:.1}%", claim.claimed? * 100.0),
            })
        })
        .collect();
    written.extend(share_lines_chart(
        &stem.join("big-five"),
        &format!(
            "Western and non-Western big five, share of world GDP (current US$), 1990-{latest}"
        ),
        &lines,
        Measure::GdpUsd,
        (1990, latest),
        marks,
    )?);
    charts.push(ChartRef {
        path: format!("{folder_name}/big-five.png"),
        alt: "Western and non-Western big five, share of world GDP".into(),
        caption: "Seed 004, note 3: the 'Western big five' (USA, DEU, GBR, FRA, ITA) and 'non-Western big five' (CHN, JPN, IND, BRA, RUS) as inferred here, with the G7 and the BRICS five for comparison; red crosses: the note's figures. SVG: big-five.svg.".replace("big-five.svg", &format!("{folder_name}/big-five.svg")),
    });

    // 3. Who makes up the SCO's weight: share of world GDP (PPP) by member.
    let spec = group_spec(
        "members",
        chrono::NaiveDate::from_ymd_opt(1996, 12, 31).unwrap_or_default(),
        &[],
        &[],
    )?;
    let mut weights = Vec::new();
    for year in 1996..=latest {
        let day = chrono::NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or_default();
        let group = resolve(&respec_at(&spec, day), sco)?;
        weights.push(
            sco_indicators::weight(
                &sco_data::Embedded,
                &group,
                year,
                &[Measure::GdpPpp],
                &WeightOptions::default(),
            )
            .map_err(indicator_error)?,
        );
    }
    written.extend(super::weight::share_by_member_chart(
        &stem.join("sco-gdp-ppp-by-member"),
        &weights,
        Measure::GdpPpp,
    )?);
    charts.push(ChartRef {
        path: format!("{folder_name}/sco-gdp-ppp-by-member.png"),
        alt: "Share of world GDP at PPP by SCO member".into(),
        caption: format!("Share of world GDP at PPP by SCO member, membership on 31 December of each year. SVG: {folder_name}/sco-gdp-ppp-by-member.svg."),
    });

    let command = format!("sco claims --report {}", path.display());
    write_atomic(path, render(results, &charts, &command).as_bytes())?;
    for p in written.iter().chain(std::iter::once(&path.to_path_buf())) {
        eprintln!("wrote {}", p.display());
    }
    Ok(())
}
