//! Charts of the decision lab, written as SVG and PNG with plotters.
//!
//! Four figures: a case's positions over the rounds of a model (one panel per dimension,
//! with the status quo and the winset), a case's winset under each membership, the
//! probability of agreement on random agendas by membership, and the winset of an
//! anti-Western declaration from UN voting. The PNG uses the DejaVu Sans font embedded in
//! the binary (`data/fonts/`), so it renders the same on a machine without fonts.

use std::path::{Path, PathBuf};
use std::sync::Once;

use anyhow::{anyhow, Result};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::FontStyle;

use sco_lab::analysis::{CaseRun, Model};
use sco_lab::case::ScoCase;
use sco_lab::expansion::{Agenda, AgendaRow, CaseExpansionRow};
use sco_lab::membership::Membership;
use sco_lab::unga::DeclarationWinset;

use crate::commands::support::indicator_charts::color;
use crate::commands::support::indicators::write_chart_files;

use crate::commands::support::FONT;
const WIDTH: u32 = 1000;
const PANEL_HEIGHT: u32 = 420;
const GREY: RGBColor = RGBColor(110, 110, 110);
const BAND: RGBColor = RGBColor(0, 158, 115);

fn ensure_font() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let registered = plotters::style::register_font("sans-serif", FontStyle::Normal, FONT);
        debug_assert!(registered.is_ok(), "embedded font rejected");
    });
}

/// A line in a panel.
struct Series {
    label: String,
    points: Vec<(f64, f64)>,
    color: RGBColor,
    dashed: bool,
    width: u32,
}

/// A horizontal band (a winset's range on the panel's dimension).
struct Band {
    label: String,
    lo: f64,
    hi: f64,
}

/// A labelled point.
struct Mark {
    x: f64,
    y: f64,
    label: String,
}

struct Panel {
    title: String,
    x_label: String,
    y_label: String,
    x_range: (f64, f64),
    y_range: (f64, f64),
    /// Labels of integer x positions (categorical axes), if any.
    x_names: Vec<String>,
    bands: Vec<Band>,
    series: Vec<Series>,
    marks: Vec<Mark>,
}

/// Draws the panels stacked under a title and writes `stem.svg` and `stem.png`.
fn write(stem: &Path, title: &str, caption: &str, panels: &[Panel]) -> Result<Vec<PathBuf>> {
    ensure_font();
    let svg_path = stem.with_extension("svg");
    let png_path = stem.with_extension("png");
    let height = 80 + PANEL_HEIGHT * panels.len().max(1) as u32;
    write_chart_files(
        &svg_path,
        &png_path,
        (WIDTH, height),
        |root| draw(root, title, caption, panels).map_err(|e| anyhow!("{e}")),
        |root| draw(root, title, caption, panels).map_err(|e| anyhow!("{e}")),
    )?;
    Ok(vec![svg_path, png_path])
}

fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    title: &str,
    caption: &str,
    panels: &[Panel],
) -> std::result::Result<(), String>
where
    DB::ErrorType: 'static,
{
    draw_inner(root, title, caption, panels).map_err(|e| format!("{e:?}"))
}

type DrawResult<DB> =
    std::result::Result<(), DrawingAreaErrorKind<<DB as DrawingBackend>::ErrorType>>;

fn draw_inner<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    title: &str,
    caption: &str,
    panels: &[Panel],
) -> DrawResult<DB>
where
    DB::ErrorType: 'static,
{
    root.fill(&WHITE)?;
    let (_, height) = root.dim_in_pixel();
    let root = root.margin(10, 8, 14, 14);
    let lines = caption.lines().count().max(1) as i32;
    let (body, footer) = root.split_vertically(height as i32 - 24 - 17 * lines);
    let body = body.titled(title, ("sans-serif", 21).into_font())?;
    for (i, line) in caption.lines().enumerate() {
        footer.draw(&Text::new(
            line.to_string(),
            (0, 4 + 17 * i as i32),
            ("sans-serif", 13).into_font().color(&RGBColor(80, 80, 80)),
        ))?;
    }
    for (area, panel) in body
        .split_evenly((panels.len().max(1), 1))
        .iter()
        .zip(panels)
    {
        draw_panel(area, panel)?;
    }
    Ok(())
}

fn draw_panel<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, panel: &Panel) -> DrawResult<DB>
where
    DB::ErrorType: 'static,
{
    let (x0, x1) = panel.x_range;
    let (y0, y1) = panel.y_range;
    let mut chart = ChartBuilder::on(area)
        .caption(panel.title.as_str(), ("sans-serif", 16))
        .margin(6)
        .x_label_area_size(44)
        .y_label_area_size(60)
        .build_cartesian_2d(x0..x1, y0..y1)?;
    let names = panel.x_names.clone();
    let x_fmt = move |x: &f64| {
        if names.is_empty() {
            format!("{x:.0}")
        } else {
            let k = x.round();
            if (x - k).abs() < 1e-6 && k >= 0.0 && (k as usize) < names.len() {
                names[k as usize].clone()
            } else {
                String::new()
            }
        }
    };
    let x_labels = if panel.x_names.is_empty() {
        12
    } else {
        panel.x_names.len() * 2 + 1
    };
    chart
        .configure_mesh()
        .x_desc(panel.x_label.as_str())
        .y_desc(panel.y_label.as_str())
        .x_labels(x_labels)
        .y_labels(8)
        .x_label_formatter(&x_fmt)
        .y_label_formatter(&|v| format!("{v:.2}"))
        .light_line_style(RGBColor(235, 235, 235))
        .label_style(("sans-serif", 13))
        .axis_desc_style(("sans-serif", 14))
        .draw()?;
    for band in &panel.bands {
        chart
            .draw_series(std::iter::once(Rectangle::new(
                [(x0, band.lo), (x1, band.hi)],
                BAND.mix(0.15).filled(),
            )))?
            .label(band.label.as_str())
            .legend(|(x, y)| Rectangle::new([(x, y - 6), (x + 14, y + 6)], BAND.mix(0.3).filled()));
    }
    for s in &panel.series {
        let style = ShapeStyle::from(&s.color).stroke_width(s.width);
        let c = s.color;
        let w = s.width;
        let drawn = if s.dashed {
            chart.draw_series(DashedLineSeries::new(s.points.clone(), 8, 5, style))?
        } else {
            chart.draw_series(LineSeries::new(s.points.clone(), style))?
        };
        drawn
            .label(s.label.as_str())
            .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 16, y)], c.stroke_width(w)));
        if s.points.len() <= 14 && !s.dashed {
            chart.draw_series(s.points.iter().map(|&p| Circle::new(p, 3, c.filled())))?;
        }
    }
    let middle = 0.5 * (x0 + x1);
    for (k, m) in panel.marks.iter().enumerate() {
        // Labels sit beside the cross, on the side with room, alternating above and below.
        let (dx, anchor) = if m.x > middle {
            (-10, HPos::Right)
        } else {
            (10, HPos::Left)
        };
        let dy = if k % 2 == 0 { -10 } else { 10 };
        let style = ("sans-serif", 13)
            .into_font()
            .color(&RED)
            .pos(Pos::new(anchor, VPos::Center));
        chart.draw_series(std::iter::once(
            EmptyElement::at((m.x, m.y))
                + Cross::new((0, 0), 7, RED.stroke_width(2))
                + Text::new(m.label.clone(), (dx, dy), style),
        ))?;
    }
    if !panel.series.is_empty() || !panel.bands.is_empty() {
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::UpperRight)
            .background_style(WHITE.mix(0.85))
            .border_style(RGBColor(200, 200, 200))
            .label_font(("sans-serif", 12))
            .draw()?;
    }
    Ok(())
}

fn padded(lo: f64, hi: f64) -> (f64, f64) {
    let pad = ((hi - lo) * 0.05).max(1e-6);
    (lo - pad, hi + pad)
}

/// Positions over the rounds of SMP (or EUM), one panel per dimension.
pub fn case_chart(stem: &Path, case: &ScoCase, run: &CaseRun) -> Result<Vec<PathBuf>> {
    let model = run
        .models
        .iter()
        .find(|m| m.model == Model::Smp && !m.rounds.is_empty())
        .or_else(|| run.models.iter().find(|m| !m.rounds.is_empty()))
        .ok_or_else(|| {
            crate::error::input_error(
                "a chart of rounds needs a model with rounds: run with --model smp, eum or all",
            )
        })?;
    let last = model.rounds.last().map_or(0, |r| r.round) as f64;
    let panels = run
        .dimensions
        .iter()
        .enumerate()
        .map(|(d, dim)| {
            let mut series: Vec<Series> = run
                .members
                .iter()
                .enumerate()
                .map(|(i, state)| Series {
                    label: state.clone(),
                    points: model
                        .rounds
                        .iter()
                        .map(|r| (r.round as f64, r.positions[i][d]))
                        .collect(),
                    color: color(i),
                    dashed: false,
                    width: 2,
                })
                .collect();
            series.push(Series {
                label: "status quo".into(),
                points: vec![(0.0, dim.status_quo), (last.max(1.0), dim.status_quo)],
                color: GREY,
                dashed: true,
                width: 2,
            });
            let bands = match (&run.winset.bounds, run.winset.empty) {
                (Some(b), false) => vec![Band {
                    label: if run.dimensions.len() == 1 {
                        "winset (consensus)".into()
                    } else {
                        "range of the winset".into()
                    },
                    lo: b[d].0,
                    hi: b[d].1,
                }],
                _ => Vec::new(),
            };
            Panel {
                title: format!("{} ({})", dim.name, model.model.label()),
                x_label: "round".into(),
                y_label: dim.name.clone(),
                x_range: (0.0, last.max(1.0)),
                y_range: padded(dim.min, dim.max),
                x_names: Vec::new(),
                bands,
                series,
                marks: {
                    let mut marks = vec![
                        Mark {
                            x: last.max(1.0),
                            y: model.prediction[d],
                            label: "prediction".into(),
                        },
                        Mark {
                            x: last.max(1.0),
                            y: model.projection.point[d],
                            label: "passes".into(),
                        },
                    ];
                    if let (Some(p), true) = (
                        &model.with_reservations,
                        model.judgement.passes_with_reservations,
                    ) {
                        marks.push(Mark {
                            x: last.max(1.0) * 0.8,
                            y: p.point[d],
                            label: "passes with reservations".into(),
                        });
                    }
                    marks
                },
            }
        })
        .collect::<Vec<_>>();
    let caption = format!(
        "Model: {}, {}. Members ({}): {}.\nShaded: what the unanimity winset of the status quo (dashed) spans. Crosses: the prediction and the nearest point consensus allows.\nCase file cases/{}.toml; capabilities: {} ({}).",
        model.model.label(),
        model.reading,
        run.membership,
        run.members.join(", "),
        case.id,
        case.capability.measure.label(),
        case.capability.year
    );
    write(stem, &run.name, &caption, &panels)
}

/// Short axis labels: the label before any parenthesis, cut at a comma (the counterfactual's
/// long list of candidates becomes "2024 + Mongolia…").
fn membership_names(labels: &[&str]) -> Vec<String> {
    labels
        .iter()
        .map(|l| {
            let head = l.split(" (").next().unwrap_or(l);
            match head.split_once(',') {
                Some((first, _)) => format!("{first}…"),
                None => head.to_string(),
            }
        })
        .collect()
}

/// A case's winset share under each membership.
pub fn case_expansion_chart(
    stem: &Path,
    case: &ScoCase,
    rows: &[CaseExpansionRow],
) -> Result<Vec<PathBuf>> {
    let names = membership_names(&rows.iter().map(|r| r.label.as_str()).collect::<Vec<_>>());
    let share: Vec<(f64, f64)> = rows
        .iter()
        .enumerate()
        .filter_map(|(k, r)| r.winset.as_ref().map(|w| (k as f64, w.share)))
        .collect();
    let coleman: Vec<(f64, f64)> = rows
        .iter()
        .enumerate()
        .map(|(k, r)| (k as f64, r.coleman))
        .collect();
    let top = share
        .iter()
        .chain(&coleman)
        .map(|p| p.1)
        .fold(0.05f64, f64::max);
    let marks = rows
        .iter()
        .enumerate()
        .filter_map(|(k, r)| {
            let who = r
                .compromise_blocked_by
                .clone()
                .or_else(|| r.gridlock_vetoes.first().map(|g| g.join("+")))?;
            let y = r.winset.as_ref().map_or(0.0, |w| w.share);
            Some(Mark {
                x: k as f64,
                y,
                label: who,
            })
        })
        .collect();
    let panel = Panel {
        title: "share of the issue space that passes consensus".into(),
        x_label: "membership".into(),
        y_label: "share".into(),
        x_range: (-0.5, rows.len() as f64 - 0.5),
        y_range: (0.0, top * 1.15),
        x_names: names,
        bands: Vec::new(),
        series: vec![
            Series {
                label: "winset share (case positions)".into(),
                points: share,
                color: color(0),
                dashed: false,
                width: 3,
            },
            Series {
                label: "Coleman 2^-n".into(),
                points: coleman,
                color: GREY,
                dashed: true,
                width: 2,
            },
        ],
        marks,
    };
    let caption = format!(
        "{}: positions coded for {} held fixed, members from the history ledger.\nRed labels: the member blocking the compromise model's prediction (or keeping the winset empty).",
        case.name, case.date
    );
    write(
        stem,
        &format!("{}: expansion", case.name),
        &caption,
        &[panel],
    )
}

/// P(random proposal passes) by membership for each agenda.
pub fn agenda_chart(
    stem: &Path,
    memberships: &[Membership],
    rows: &[AgendaRow],
) -> Result<Vec<PathBuf>> {
    let names = membership_names(
        &memberships
            .iter()
            .map(|m| m.label.as_str())
            .collect::<Vec<_>>(),
    );
    let mut agendas: Vec<Agenda> = Vec::new();
    for r in rows {
        if !agendas.contains(&r.agenda) {
            agendas.push(r.agenda);
        }
    }
    let index = |id: &str| memberships.iter().position(|m| m.id == id).unwrap_or(0) as f64;
    let mut series: Vec<Series> = agendas
        .iter()
        .enumerate()
        .map(|(k, a)| Series {
            label: match a {
                Agenda::Uniform { dims } => format!("P(pass), uniform {dims}-D"),
                Agenda::Unga { year } => format!("P(pass), UN ideal points {year}"),
            },
            points: rows
                .iter()
                .filter(|r| r.agenda == *a)
                .map(|r| (index(&r.membership), r.p_pass))
                .collect(),
            color: color(k),
            dashed: false,
            width: 3,
        })
        .collect();
    let coleman: Vec<(f64, f64)> = memberships
        .iter()
        .enumerate()
        .map(|(k, m)| {
            (
                k as f64,
                sco_lab::consensus::coleman_unanimity(m.members.len()),
            )
        })
        .collect();
    series.push(Series {
        label: "Coleman 2^-n".into(),
        points: coleman,
        color: GREY,
        dashed: true,
        width: 2,
    });
    let top = rows.iter().map(|r| r.p_pass).fold(0.05f64, f64::max);
    let panel = Panel {
        title: "probability that a random proposal passes unanimity".into(),
        x_label: "membership".into(),
        y_label: "probability".into(),
        x_range: (-0.5, memberships.len() as f64 - 0.5),
        y_range: (0.0, top * 1.15),
        x_names: names,
        bands: Vec::new(),
        series,
        marks: Vec::new(),
    };
    let caption = "Uniform: ideal points, status quo and proposal drawn uniformly (Monte Carlo, fixed seed). UN ideal points: members placed at their\nUN General Assembly positions (scaled 0–1), status quo and proposal uniform (exact). Members from the history ledger.";
    write(stem, "Agreement by membership", caption, &[panel])
}

/// The winset of an anti-Western declaration from UN votes, by year or by membership.
pub fn anti_western_chart(
    stem: &Path,
    view: &str,
    rows: &[DeclarationWinset],
) -> Result<Vec<PathBuf>> {
    let by_year = view == "year";
    let x = |k: usize, r: &DeclarationWinset| if by_year { r.year as f64 } else { k as f64 };
    let lows: Vec<f64> = rows
        .iter()
        .map(|r| r.interval.map_or(r.binding_point, |(lo, _)| lo))
        .chain(rows.iter().map(|r| r.lowest_point))
        .collect();
    let highs: Vec<f64> = rows
        .iter()
        .map(|r| r.status_quo.max(r.binding_point))
        .collect();
    let y0 = lows.iter().copied().fold(f64::INFINITY, f64::min);
    let y1 = highs.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let line = |f: &dyn Fn(&DeclarationWinset) -> f64| -> Vec<(f64, f64)> {
        rows.iter()
            .enumerate()
            .map(|(k, r)| (x(k, r), f(r)))
            .collect()
    };
    let mut marks = Vec::new();
    let mut previous = String::new();
    for (k, r) in rows.iter().enumerate() {
        if r.binding_member != previous {
            marks.push(Mark {
                x: x(k, r),
                y: r.binding_point,
                label: r.binding_member.clone(),
            });
            previous = r.binding_member.clone();
        }
    }
    let (x0, x1) = if by_year {
        (
            rows.first().map_or(0.0, |r| r.year as f64) - 0.5,
            rows.last().map_or(1.0, |r| r.year as f64) + 0.5,
        )
    } else {
        (-0.5, rows.len() as f64 - 0.5)
    };
    let panel = Panel {
        title: "UN General Assembly ideal points (higher = closer to the US)".into(),
        x_label: if by_year {
            "year".into()
        } else {
            "membership".into()
        },
        y_label: "ideal point".into(),
        x_range: (x0, x1),
        y_range: padded(y0, y1),
        x_names: if by_year {
            Vec::new()
        } else {
            membership_names(
                &rows
                    .iter()
                    .map(|r| r.membership.as_str())
                    .collect::<Vec<_>>(),
            )
        },
        bands: Vec::new(),
        series: vec![
            Series {
                label: "status quo: NATO median".into(),
                points: line(&|r| r.status_quo),
                color: GREY,
                dashed: true,
                width: 2,
            },
            Series {
                label: "most West-leaning member (binding)".into(),
                points: line(&|r| r.binding_point),
                color: color(0),
                dashed: false,
                width: 3,
            },
            Series {
                label: "most anti-Western text that passes".into(),
                points: line(&|r| r.interval.map_or(r.status_quo, |(lo, _)| lo)),
                color: color(1),
                dashed: false,
                width: 3,
            },
            Series {
                label: "hardest-line member".into(),
                points: line(&|r| r.lowest_point),
                color: color(2),
                dashed: true,
                width: 2,
            },
        ],
        marks,
    };
    let caption = if by_year {
        "Members on 31 December of each year (history ledger); positions of the same year. Red labels: the binding member when it changes."
    } else {
        "Positions of one year held fixed; members of each membership (history ledger, last one counterfactual). Red labels: the binding member."
    };
    write(
        stem,
        "How anti-Western can an SCO declaration be?",
        caption,
        &[panel],
    )
}
