//! Line charts of a projection, drawn with plotters on any backend.
//!
//! The drawing functions are generic over [`DrawingBackend`]: the app draws on a canvas, the
//! tests on SVG. The legend is HTML next to the canvas, so it stays crisp, selectable and read by
//! screen readers; hover mapping uses the [`PlotGeometry`] a drawing returns.

pub mod specs;

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// One line: a value per month, from month 1.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    /// Name shown in the legend and the hover box.
    pub label: String,
    /// Line colour.
    pub color: RGBColor,
    /// Dashed lines mark the cost center, solid ones the revenue center.
    pub dashed: bool,
    /// Values for months 1, 2, ….
    pub values: Vec<f64>,
}

/// A vertical marker at one month, such as the break-even month.
#[derive(Debug, Clone, PartialEq)]
pub struct Marker {
    /// 1-based month.
    pub month: u32,
    /// Text beside the marker.
    pub label: String,
}

/// How the value axis is scaled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scale {
    /// Linear, including zero.
    Linear,
    /// Logarithmic, for lines of very different sizes; zero and negative values are left out.
    Log,
}

/// Everything needed to draw one chart.
#[derive(Debug, Clone, PartialEq)]
pub struct LineChart {
    /// The lines, drawn in order.
    pub series: Vec<Series>,
    /// Scale of the value axis.
    pub scale: Scale,
    /// An optional vertical marker.
    pub marker: Option<Marker>,
}

impl LineChart {
    /// Number of months on the time axis.
    pub fn months(&self) -> usize {
        self.series
            .iter()
            .map(|s| s.values.len())
            .max()
            .unwrap_or(0)
    }

    /// The value range to show, padded so lines do not touch the frame.
    fn value_range(&self) -> (f64, f64) {
        let values = self.series.iter().flat_map(|s| s.values.iter().copied());
        let (lo, hi) = match self.scale {
            Scale::Linear => values
                .filter(|v| v.is_finite())
                .fold((0.0_f64, 0.0_f64), |(lo, hi), v| (lo.min(v), hi.max(v))),
            Scale::Log => values
                .filter(|v| v.is_finite() && *v > 0.0)
                .map(f64::log10)
                .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
                    (lo.min(v), hi.max(v))
                }),
        };
        if !lo.is_finite() || !hi.is_finite() {
            return (0.0, 1.0);
        }
        let span = (hi - lo).max(if self.scale == Scale::Log {
            0.5
        } else {
            hi.abs().max(1.0) * 0.1
        });
        let pad = span * 0.06;
        match self.scale {
            // Keep zero on the axis when all values are positive: bars of money read from zero.
            Scale::Linear if lo >= 0.0 => (0.0, hi + pad),
            _ => (lo - pad, hi + pad),
        }
    }

    /// The point drawn for `value`, in axis units.
    fn plotted(&self, value: f64) -> Option<f64> {
        match self.scale {
            Scale::Linear => value.is_finite().then_some(value),
            Scale::Log => (value.is_finite() && value > 0.0).then(|| value.log10()),
        }
    }
}

/// Colours and sizes; `scale` is the device pixel ratio, so text and lines stay crisp.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ChartStyle {
    /// Device pixels per CSS pixel.
    pub scale: f64,
    /// Background fill.
    pub background: RGBColor,
    /// Axis labels and marker text.
    pub text: RGBColor,
    /// Grid lines.
    pub grid: RGBColor,
    /// Marker line.
    pub marker: RGBColor,
}

impl ChartStyle {
    /// The light theme at `scale` device pixels per CSS pixel.
    pub fn light(scale: f64) -> Self {
        Self {
            scale,
            background: RGBColor(255, 255, 255),
            text: RGBColor(71, 85, 105),
            grid: RGBColor(226, 232, 240),
            marker: RGBColor(15, 23, 42),
        }
    }

    /// The dark theme at `scale` device pixels per CSS pixel.
    pub fn dark(scale: f64) -> Self {
        Self {
            scale,
            background: RGBColor(22, 27, 38),
            text: RGBColor(176, 188, 204),
            grid: RGBColor(48, 56, 72),
            marker: RGBColor(236, 240, 245),
        }
    }

    fn px(&self, css_pixels: f64) -> u32 {
        (css_pixels * self.scale).round().max(1.0) as u32
    }
}

/// Where the plot area landed, in backend pixels, to map the pointer back to a month.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PlotGeometry {
    /// Left edge of the plot area (month 1).
    pub left: f64,
    /// Right edge (the last month).
    pub right: f64,
    /// Top edge.
    pub top: f64,
    /// Bottom edge.
    pub bottom: f64,
    /// Months on the axis.
    pub months: u32,
}

impl PlotGeometry {
    /// The month under horizontal position `x` (backend pixels), if inside the plot area.
    ///
    /// # Formula
    ///
    /// ```text
    /// month = round(1 + (x - left) / (right - left) × (months - 1))
    /// ```
    ///
    /// # Examples
    ///
    /// ```
    /// use frontline::charts::PlotGeometry;
    /// let g = PlotGeometry { left: 100.0, right: 450.0, top: 0.0, bottom: 200.0, months: 36 };
    /// assert_eq!(g.month_at(100.0), Some(1));
    /// assert_eq!(g.month_at(450.0), Some(36));
    /// assert_eq!(g.month_at(20.0), None);
    /// ```
    pub fn month_at(&self, x: f64) -> Option<u32> {
        let slack = 6.0;
        if self.months == 0 || x < self.left - slack || x > self.right + slack {
            return None;
        }
        if self.months == 1 {
            return Some(1);
        }
        let share = ((x - self.left) / (self.right - self.left)).clamp(0.0, 1.0);
        Some((1.0 + share * f64::from(self.months - 1)).round() as u32)
    }

    /// Horizontal position of `month` (backend pixels).
    pub fn x_of(&self, month: u32) -> f64 {
        if self.months <= 1 {
            return (self.left + self.right) / 2.0;
        }
        self.left + (f64::from(month) - 1.0) / f64::from(self.months - 1) * (self.right - self.left)
    }
}

/// Why a chart could not be drawn.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("chart could not be drawn: {0}")]
pub struct DrawError(pub String);

fn draw_error<E: std::fmt::Debug>(error: E) -> DrawError {
    DrawError(format!("{error:?}"))
}

/// Draws `chart` on `root`; `format_value` writes the value axis labels (in axis units for a
/// linear scale, in real units for a log one).
///
/// # Errors
///
/// [`DrawError`] when the backend fails.
pub fn draw_line_chart<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    chart: &LineChart,
    style: &ChartStyle,
    format_value: &dyn Fn(f64) -> String,
) -> Result<PlotGeometry, DrawError> {
    root.fill(&style.background).map_err(draw_error)?;
    let months = chart.months().max(1) as u32;
    let x_range = if months == 1 {
        0.5..1.5
    } else {
        1.0..f64::from(months)
    };
    let (lo, hi) = chart.value_range();
    let font_size = f64::from(style.px(12.0));
    let label_font = ("sans-serif", font_size).into_font().color(&style.text);

    let mut plot = ChartBuilder::on(root)
        .margin_top(style.px(10.0))
        .margin_right(style.px(16.0))
        .margin_left(style.px(4.0))
        .x_label_area_size(style.px(26.0))
        .y_label_area_size(style.px(62.0))
        .build_cartesian_2d(x_range, lo..hi)
        .map_err(draw_error)?;

    let log = chart.scale == Scale::Log;
    let y_label = |v: &f64| format_value(if log { 10f64.powf(*v) } else { *v });
    let x_label = |m: &f64| format!("{m:.0}");
    plot.configure_mesh()
        .disable_x_mesh()
        .max_light_lines(0)
        .bold_line_style(style.grid.stroke_width(style.px(1.0)))
        .axis_style(style.grid.stroke_width(style.px(1.0)))
        .x_labels(12.min(months as usize).max(2))
        .y_labels(6)
        .x_label_formatter(&x_label)
        .y_label_formatter(&y_label)
        .label_style(label_font.clone())
        .set_all_tick_mark_size(style.px(3.0))
        .draw()
        .map_err(draw_error)?;

    for series in &chart.series {
        let points: Vec<(f64, f64)> = series
            .values
            .iter()
            .enumerate()
            .filter_map(|(i, v)| chart.plotted(*v).map(|y| (i as f64 + 1.0, y)))
            .collect();
        let line = series.color.stroke_width(style.px(2.0));
        if series.dashed {
            plot.draw_series(DashedLineSeries::new(
                points,
                style.px(8.0),
                style.px(5.0),
                line,
            ))
            .map_err(draw_error)?;
        } else {
            plot.draw_series(LineSeries::new(points, line))
                .map_err(draw_error)?;
        }
    }

    if let Some(marker) = &chart.marker {
        let x = f64::from(marker.month);
        let line = style.marker.stroke_width(style.px(1.0));
        plot.draw_series(DashedLineSeries::new(
            [(x, lo), (x, hi)],
            style.px(3.0),
            style.px(3.0),
            line,
        ))
        .map_err(draw_error)?;
        // Put the label on the side of the marker with more room.
        let right_half = x > f64::from(months) * 0.6;
        let offset = style.px(6.0) as i32;
        let (dx, anchor) = if right_half {
            (-offset, HPos::Right)
        } else {
            (offset, HPos::Left)
        };
        let text = Text::new(
            marker.label.clone(),
            (dx, offset),
            label_font.clone().pos(Pos::new(anchor, VPos::Top)),
        );
        plot.draw_series(std::iter::once(EmptyElement::at((x, hi)) + text))
            .map_err(draw_error)?;
    }

    root.present().map_err(draw_error)?;
    let (x_pixels, y_pixels) = plot.plotting_area().get_pixel_range();
    Ok(PlotGeometry {
        left: f64::from(x_pixels.start),
        right: f64::from(x_pixels.end),
        top: f64::from(y_pixels.start),
        bottom: f64::from(y_pixels.end),
        months,
    })
}
