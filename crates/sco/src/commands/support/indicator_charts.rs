//! Charts of the indicators, written as SVG and PNG with plotters.
//!
//! The PNG is drawn with the DejaVu Sans font embedded in the binary (`data/fonts/`,
//! Bitstream Vera licence), so charts render the same on a machine with no fonts
//! installed; the SVG names the `sans-serif` family and lets the viewer pick.

use std::path::{Path, PathBuf};
use std::sync::Once;

use anyhow::{anyhow, Result};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::FontStyle;

use crate::commands::support::indicators::write_chart_files;

use crate::commands::support::FONT;
const WIDTH: u32 = 1000;
const HEIGHT: u32 = 580;

/// Distinct, colour-blind-friendly colours (Okabe–Ito, then Tableau 10 extras).
const PALETTE: [RGBColor; 14] = [
    RGBColor(0, 114, 178),
    RGBColor(213, 94, 0),
    RGBColor(0, 158, 115),
    RGBColor(204, 121, 167),
    RGBColor(230, 159, 0),
    RGBColor(86, 180, 233),
    RGBColor(240, 228, 66),
    RGBColor(102, 51, 153),
    RGBColor(140, 86, 75),
    RGBColor(127, 127, 127),
    RGBColor(188, 189, 34),
    RGBColor(23, 190, 207),
    RGBColor(148, 103, 189),
    RGBColor(255, 152, 150),
];

pub fn color(i: usize) -> RGBColor {
    PALETTE[i % PALETTE.len()]
}

/// Black, for totals drawn over coloured areas.
pub const INK: RGBColor = RGBColor(20, 20, 20);

fn ensure_font() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        // The font is embedded; if it could not be read, text would be missing, so fail loudly in tests.
        let registered = plotters::style::register_font("sans-serif", FontStyle::Normal, FONT);
        debug_assert!(registered.is_ok(), "embedded font rejected");
    });
}

/// A line of a line chart.
pub struct Line {
    pub label: String,
    pub points: Vec<(i32, f64)>,
    pub dashed: bool,
    pub color: RGBColor,
}

/// A labelled point (a claim, say) drawn over the lines.
pub struct Marker {
    pub year: i32,
    pub value: f64,
    pub label: String,
}

/// A band between a low and a high line.
pub struct Band {
    pub label: String,
    pub points: Vec<(i32, f64, f64)>,
    pub color: RGBColor,
}

/// One panel: a frame's axes with bands, lines and markers.
pub struct Panel {
    pub y_label: String,
    pub y_range: (f64, f64),
    pub percent: bool,
    pub bands: Vec<Band>,
    pub lines: Vec<Line>,
    pub markers: Vec<Marker>,
    pub stacked: Vec<(String, Vec<(i32, f64)>)>,
    /// Put the legend in the lower left corner instead of the upper left.
    pub legend_low: bool,
}

/// Draws panels stacked vertically under one title and writes `stem.svg` and `stem.png`.
pub fn write_chart(
    stem: &Path,
    title: &str,
    caption: &str,
    years: (i32, i32),
    panels: &[Panel],
) -> Result<Vec<PathBuf>> {
    ensure_font();
    let svg_path = stem.with_extension("svg");
    let png_path = stem.with_extension("png");
    let height = HEIGHT + (panels.len().saturating_sub(1) as u32) * 300;

    write_chart_files(
        &svg_path,
        &png_path,
        (WIDTH, height),
        |root| draw(root, title, caption, years, panels).map_err(|e| anyhow!("{e}")),
        |root| draw(root, title, caption, years, panels).map_err(|e| anyhow!("{e}")),
    )?;
    Ok(vec![svg_path, png_path])
}

type DrawResult<DB> =
    std::result::Result<(), DrawingAreaErrorKind<<DB as DrawingBackend>::ErrorType>>;

fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    title: &str,
    caption: &str,
    years: (i32, i32),
    panels: &[Panel],
) -> std::result::Result<(), String>
where
    DB::ErrorType: 'static,
{
    draw_inner(root, title, caption, years, panels).map_err(|e| format!("{e:?}"))
}

fn draw_inner<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    title: &str,
    caption: &str,
    years: (i32, i32),
    panels: &[Panel],
) -> DrawResult<DB>
where
    DB::ErrorType: 'static,
{
    root.fill(&WHITE)?;
    let (_, height) = root.dim_in_pixel();
    let root = root.margin(12, 8, 16, 16);
    let (body, footer) =
        root.split_vertically(height as i32 - 20 - 18 * caption.lines().count().max(1) as i32);
    let body = body.titled(title, ("sans-serif", 22).into_font())?;
    for (i, line) in caption.lines().enumerate() {
        footer.draw(&Text::new(
            line.to_string(),
            (0, 4 + 17 * i as i32),
            ("sans-serif", 13).into_font().color(&RGBColor(80, 80, 80)),
        ))?;
    }
    let areas = body.split_evenly((panels.len().max(1), 1));
    for (area, panel) in areas.iter().zip(panels) {
        draw_panel(area, years, panel)?;
    }
    Ok(())
}

fn draw_panel<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    years: (i32, i32),
    panel: &Panel,
) -> DrawResult<DB>
where
    DB::ErrorType: 'static,
{
    let (y0, y1) = panel.y_range;
    let mut chart = ChartBuilder::on(area)
        .margin(6)
        .x_label_area_size(44)
        .y_label_area_size(62)
        .build_cartesian_2d(years.0..years.1, y0..y1)?;
    let percent = panel.percent;
    let y_fmt = move |v: &f64| {
        if percent {
            format!("{:.0}%", v * 100.0)
        } else {
            format!("{v:.2}")
        }
    };
    chart
        .configure_mesh()
        .x_desc("year")
        .y_desc(panel.y_label.as_str())
        .x_labels(12)
        .y_labels(8)
        .x_label_formatter(&|y| y.to_string())
        .y_label_formatter(&y_fmt)
        .light_line_style(RGBColor(235, 235, 235))
        .label_style(("sans-serif", 14))
        .axis_desc_style(("sans-serif", 15))
        .draw()?;

    // Stacked areas, bottom first.
    let mut base: Vec<(i32, f64)> = panel
        .stacked
        .first()
        .map(|(_, pts)| pts.iter().map(|(x, _)| (*x, 0.0)).collect())
        .unwrap_or_default();
    for (i, (label, points)) in panel.stacked.iter().enumerate() {
        let top: Vec<(i32, f64)> = base
            .iter()
            .zip(points)
            .map(|((x, b), (_, v))| (*x, b + v))
            .collect();
        let mut outline = top.clone();
        outline.extend(base.iter().rev().copied());
        let c = color(i);
        chart
            .draw_series(std::iter::once(Polygon::new(outline, c.mix(0.85).filled())))?
            .label(label.as_str())
            .legend(move |(x, y)| Rectangle::new([(x, y - 6), (x + 14, y + 6)], c.filled()));
        base = top;
    }
    for band in &panel.bands {
        let c = band.color;
        let mut outline: Vec<(i32, f64)> = band.points.iter().map(|(x, _, hi)| (*x, *hi)).collect();
        outline.extend(band.points.iter().rev().map(|(x, lo, _)| (*x, *lo)));
        chart
            .draw_series(std::iter::once(Polygon::new(outline, c.mix(0.18).filled())))?
            .label(band.label.as_str())
            .legend(move |(x, y)| {
                Rectangle::new([(x, y - 6), (x + 14, y + 6)], c.mix(0.3).filled())
            });
    }
    for line in &panel.lines {
        let style = ShapeStyle::from(&line.color).stroke_width(2);
        let c = line.color;
        let series = if line.dashed {
            chart.draw_series(DashedLineSeries::new(line.points.clone(), 8, 5, style))?
        } else {
            chart.draw_series(LineSeries::new(line.points.clone(), style))?
        };
        series
            .label(line.label.as_str())
            .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 16, y)], c.stroke_width(2)));
    }
    let middle = (years.0 + years.1) / 2;
    for marker in &panel.markers {
        // Labels sit beside the cross, on the side with room.
        let (dx, anchor) = if marker.year > middle {
            (-10, HPos::Right)
        } else {
            (10, HPos::Left)
        };
        let label_style = ("sans-serif", 13)
            .into_font()
            .color(&RED)
            .pos(Pos::new(anchor, VPos::Center));
        chart.draw_series(std::iter::once(
            EmptyElement::at((marker.year, marker.value))
                + Cross::new((0, 0), 7, RED.stroke_width(2))
                + Text::new(marker.label.clone(), (dx, 0), label_style),
        ))?;
    }
    if !panel.stacked.is_empty() || !panel.lines.is_empty() || !panel.bands.is_empty() {
        chart
            .configure_series_labels()
            .position(if panel.legend_low {
                SeriesLabelPosition::LowerLeft
            } else {
                SeriesLabelPosition::UpperLeft
            })
            .background_style(WHITE.mix(0.85))
            .border_style(RGBColor(200, 200, 200))
            .label_font(("sans-serif", 13))
            .draw()?;
    }
    Ok(())
}
