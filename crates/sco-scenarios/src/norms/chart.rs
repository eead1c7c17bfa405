//! Fan charts of the hindcast: one small panel per state with the Monte Carlo bands
//! (5-95 % and 25-75 %), the median, the observed V-Dem path and the persistence baseline.
//!
//! Drawn with plotters as PNG (with the DejaVu Sans font embedded from `data/fonts/`, so
//! the chart renders the same on a machine without fonts) and as SVG.

use std::path::Path;
use std::sync::Once;

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::FontStyle;

use crate::error::ScenarioDataError;
use crate::norms::hindcast::{Hindcast, StateBand};

const FONT: &[u8] = include_bytes!("../../../../data/fonts/DejaVuSans.ttf");
const COLUMNS: usize = 4;
const PANEL_W: u32 = 330;
const PANEL_H: u32 = 250;
const TITLE_H: u32 = 70;

const BAND_OUTER: RGBColor = RGBColor(198, 219, 239);
const BAND_INNER: RGBColor = RGBColor(107, 174, 214);
const MEDIAN: RGBColor = RGBColor(8, 81, 156);
const OBSERVED: RGBColor = RGBColor(20, 20, 20);
const PERSISTENCE: RGBColor = RGBColor(213, 94, 0);

pub(crate) fn ensure_font() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let registered = plotters::style::register_font("sans-serif", FontStyle::Normal, FONT);
        debug_assert!(registered.is_ok(), "embedded font rejected");
    });
}

/// Size of the chart in pixels.
pub fn size(hindcast: &Hindcast) -> (u32, u32) {
    let rows = hindcast.bands.len().div_ceil(COLUMNS).max(1) as u32;
    (PANEL_W * COLUMNS as u32, TITLE_H + PANEL_H * rows)
}

/// Writes the fan chart as PNG and SVG next to each other (`stem.png`, `stem.svg`),
/// each through a temporary file renamed into place.
pub fn write_fan_charts(
    hindcast: &Hindcast,
    dir: &Path,
    stem: &str,
) -> Result<(), ScenarioDataError> {
    ensure_font();
    let (w, h) = size(hindcast);
    let png = dir.join(format!("{stem}.png"));
    let png_tmp = dir.join(format!(".{stem}.tmp.png"));
    {
        let root = BitMapBackend::new(&png_tmp, (w, h)).into_drawing_area();
        draw(hindcast, &root).map_err(|e| ScenarioDataError::write(&png, e))?;
        root.present()
            .map_err(|e| ScenarioDataError::write(&png, e))?;
    }
    std::fs::rename(&png_tmp, &png).map_err(|e| ScenarioDataError::write(&png, e))?;

    let svg = dir.join(format!("{stem}.svg"));
    let mut text = String::new();
    {
        let root = SVGBackend::with_string(&mut text, (w, h)).into_drawing_area();
        draw(hindcast, &root).map_err(|e| ScenarioDataError::write(&svg, e))?;
        root.present()
            .map_err(|e| ScenarioDataError::write(&svg, e))?;
    }
    crate::norms::report::write_atomic(&svg, text.as_bytes())
}

type DrawResult = Result<(), Box<dyn std::error::Error + Send + Sync>>;

fn draw<DB: DrawingBackend>(hindcast: &Hindcast, root: &DrawingArea<DB, Shift>) -> DrawResult
where
    DB::ErrorType: 'static,
{
    root.fill(&WHITE).map_err(|e| e.to_string())?;
    let (title_area, body) = root.split_vertically(TITLE_H);
    let title = format!(
        "Contest of norms: simulated V-Dem {} ({} runs) against observed, {}-{}",
        hindcast.index.variable(),
        hindcast.runs,
        hindcast.start_year,
        hindcast.end_year
    );
    title_area
        .draw(&Text::new(
            title,
            (12, 8),
            ("sans-serif", 20).into_font().color(&OBSERVED),
        ))
        .map_err(|e| e.to_string())?;
    let legend = "band: 5-95% and 25-75% of runs   blue line: median   black: observed V-Dem   orange dashed: persistence of the start-year value";
    title_area
        .draw(&Text::new(
            legend,
            (12, 40),
            ("sans-serif", 13).into_font().color(&RGBColor(80, 80, 80)),
        ))
        .map_err(|e| e.to_string())?;
    let rows = hindcast.bands.len().div_ceil(COLUMNS).max(1);
    let panels = body.split_evenly((rows, COLUMNS));
    for (band, area) in hindcast.bands.iter().zip(panels.iter()) {
        draw_panel(band, area)?;
    }
    Ok(())
}

fn draw_panel<DB: DrawingBackend>(band: &StateBand, area: &DrawingArea<DB, Shift>) -> DrawResult
where
    DB::ErrorType: 'static,
{
    let first = *band.years.first().unwrap_or(&2001);
    let last = *band.years.last().unwrap_or(&first);
    let high = band
        .q95
        .iter()
        .copied()
        .chain(band.observed.iter().flatten().copied())
        .fold(0.0f64, f64::max);
    let y_max = ((high + 0.05) * 10.0).ceil() / 10.0;
    let mut chart = ChartBuilder::on(area)
        .caption(format!("{} ({})", band.name, band.iso3), ("sans-serif", 15))
        .margin(6)
        .x_label_area_size(22)
        .y_label_area_size(36)
        .build_cartesian_2d(first..last, 0.0..y_max.min(1.0))
        .map_err(|e| e.to_string())?;
    chart
        .configure_mesh()
        .x_labels(5)
        .y_labels(5)
        .x_label_formatter(&|y| y.to_string())
        .y_label_formatter(&|v| format!("{v:.2}"))
        .label_style(("sans-serif", 11))
        .light_line_style(WHITE.mix(0.0))
        .draw()
        .map_err(|e| e.to_string())?;
    let polygon = |low: &[f64], up: &[f64]| -> Vec<(i32, f64)> {
        let mut points: Vec<(i32, f64)> =
            band.years.iter().copied().zip(up.iter().copied()).collect();
        points.extend(band.years.iter().copied().zip(low.iter().copied()).rev());
        points
    };
    chart
        .draw_series(std::iter::once(Polygon::new(
            polygon(&band.q05, &band.q95),
            BAND_OUTER.filled(),
        )))
        .map_err(|e| e.to_string())?;
    chart
        .draw_series(std::iter::once(Polygon::new(
            polygon(&band.q25, &band.q75),
            BAND_INNER.filled(),
        )))
        .map_err(|e| e.to_string())?;
    chart
        .draw_series(LineSeries::new(
            band.years.iter().copied().zip(band.median.iter().copied()),
            MEDIAN.stroke_width(2),
        ))
        .map_err(|e| e.to_string())?;
    chart
        .draw_series(DashedLineSeries::new(
            band.years
                .iter()
                .copied()
                .zip(band.persistence.iter().copied()),
            5,
            4,
            PERSISTENCE.stroke_width(1),
        ))
        .map_err(|e| e.to_string())?;
    let observed: Vec<(i32, f64)> = band
        .years
        .iter()
        .zip(&band.observed)
        .filter_map(|(y, v)| v.map(|v| (*y, v)))
        .collect();
    chart
        .draw_series(LineSeries::new(
            observed.iter().copied(),
            OBSERVED.stroke_width(2),
        ))
        .map_err(|e| e.to_string())?;
    chart
        .draw_series(
            observed
                .iter()
                .map(|&p| Circle::new(p, 2, OBSERVED.filled())),
        )
        .map_err(|e| e.to_string())?;
    Ok(())
}
