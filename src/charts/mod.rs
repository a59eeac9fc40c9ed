//! Charts of a projection, drawn with plotters on any backend.
//!
//! The drawing functions are generic over [`DrawingBackend`]: the app draws on a canvas, the
//! tests on SVG. The legend is HTML next to the canvas, so it stays crisp, selectable and read by
//! screen readers; hover mapping uses the [`PlotGeometry`] a drawing returns.

pub mod specs;

use plotters::coord::ranged1d::{KeyPointHint, NoDefaultFormatting, ValueFormatter};
use plotters::coord::types::RangedCoordf64;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// How a series is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// A solid line: the revenue center, a scenario.
    Line,
    /// A dashed line: the cost center, told apart by more than colour.
    Dashed,
    /// A dotted line: a third strategy, told apart from the other two by more than colour.
    Dotted,
    /// A solid line with the area between it and zero shaded, in the line's colour above zero
    /// and as a loss below: an investment's J-curve.
    Area,
    /// An [`Shape::Area`] whose line is dotted: a third strategy's, shaded when it is the best.
    DottedArea,
    /// Bars stacked month by month with the chart's other bar series: positive parts upwards
    /// from zero, negative parts downwards.
    Bar,
    /// One edge of a shaded band: the band fills between two such series, the first and the
    /// second, the third and the fourth…, and neither edge is drawn as a line.
    Band,
}

impl Shape {
    /// A broken line's dash and gap, in pixels at the chart's own scale; `None` for a line
    /// drawn whole.
    fn dashes(self) -> Option<(f64, f64)> {
        match self {
            Shape::Dashed => Some((8.0, 5.0)),
            Shape::Dotted | Shape::DottedArea => Some((2.0, 4.0)),
            _ => None,
        }
    }

    /// Whether the area between the line and zero is shaded.
    pub fn is_area(self) -> bool {
        matches!(self, Shape::Area | Shape::DottedArea)
    }

    /// Whether the series is drawn as a line: all but bars and a band's edges.
    pub fn is_line(self) -> bool {
        !matches!(self, Shape::Bar | Shape::Band)
    }
}

/// One series: a value per month, from month 1.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    /// Name shown in the legend and the hover box.
    pub label: String,
    /// Line or bar colour.
    pub color: RGBColor,
    /// How it is drawn.
    pub shape: Shape,
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

/// The shading under an [`Shape::Area`] series below zero.
const LOSS: RGBColor = RGBColor(220, 38, 38);
/// Half a bar's width, in months.
const HALF_BAR: f64 = 0.36;

/// Everything needed to draw one chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    /// The series, bars first, then areas and lines in order.
    pub series: Vec<Series>,
    /// An optional vertical marker.
    pub marker: Option<Marker>,
    /// The name of each shaded band, in the order of its pair of [`Shape::Band`] edges: the
    /// legend shows a band once, by this name, where the hover box reads each edge by its own.
    pub bands: Vec<String>,
}

/// One entry of a chart's legend.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LegendEntry<'a> {
    /// What it is called.
    pub label: &'a str,
    /// Its colour, before the theme's lift.
    pub color: RGBColor,
    /// How it is drawn.
    pub shape: Shape,
}

impl Chart {
    /// The legend's entries, in series order: one per series, but one per band, by the band's
    /// name, in the place of its first edge.
    pub fn legend(&self) -> Vec<LegendEntry<'_>> {
        let mut edges = 0;
        self.series
            .iter()
            .filter_map(|series| {
                let mut label = series.label.as_str();
                if series.shape == Shape::Band {
                    edges += 1;
                    if edges % 2 == 0 {
                        return None;
                    }
                    label = self.bands.get(edges / 2).map_or(label, String::as_str);
                }
                Some(LegendEntry {
                    label,
                    color: series.color,
                    shape: series.shape,
                })
            })
            .collect()
    }

    /// Number of months on the time axis.
    pub fn months(&self) -> usize {
        self.series
            .iter()
            .map(|s| s.values.len())
            .max()
            .unwrap_or(0)
    }

    fn has_bars(&self) -> bool {
        self.series.iter().any(|s| s.shape == Shape::Bar)
    }

    /// Each piece of the bars as stacked: its series, its 0-based month, and the values it spans
    /// (from, to). Each month's stack grows away from zero, positive parts upwards, negative
    /// parts downwards, in series order.
    fn bar_pieces(&self) -> Vec<(&Series, usize, f64, f64)> {
        let mut stacks = vec![(0.0, 0.0); self.months()];
        let mut pieces = Vec::new();
        for series in self.series.iter().filter(|s| s.shape == Shape::Bar) {
            for (month, (value, (below, above))) in
                series.values.iter().zip(stacks.iter_mut()).enumerate()
            {
                if !value.is_finite() {
                    continue;
                }
                let end = if *value < 0.0 { below } else { above };
                pieces.push((series, month, *end, *end + value));
                *end += value;
            }
        }
        pieces
    }

    /// The bottom and top of each month's stack of bars.
    fn stacks(&self) -> Vec<(f64, f64)> {
        let mut stacks = vec![(0.0_f64, 0.0_f64); self.months()];
        for (_, month, from, to) in self.bar_pieces() {
            let stack = &mut stacks[month];
            *stack = (stack.0.min(from.min(to)), stack.1.max(from.max(to)));
        }
        stacks
    }

    /// The axes this chart is drawn on.
    pub fn axes(&self) -> Axes {
        let lines = self
            .series
            .iter()
            .filter(|s| s.shape != Shape::Bar)
            .flat_map(|s| s.values.iter().copied());
        let bars = self.stacks().into_iter().flat_map(|(lo, hi)| [lo, hi]);
        let (lo, hi) = lines
            .chain(bars)
            .filter(|v| v.is_finite())
            .fold((0.0_f64, 0.0_f64), |(lo, hi), v| (lo.min(v), hi.max(v)));
        Axes {
            months: self.months().max(1) as u32,
            bars: self.has_bars(),
            values: rounded_range(lo, hi),
        }
    }

    /// The axes this chart is drawn on after `previous`: the same axes while the lines still fit
    /// them and fill at least half their height, so a lever moved live moves the lines against a
    /// grid that holds still, rather than relabelling it at every step; this chart's own
    /// [`Chart::axes`] otherwise.
    ///
    /// # Examples
    ///
    /// ```
    /// use frontline::charts::{Chart, Series, Shape};
    /// use plotters::style::RGBColor;
    /// let chart = |top: f64| Chart {
    ///     series: vec![Series {
    ///         label: "a".into(),
    ///         color: RGBColor(0, 0, 0),
    ///         shape: Shape::Line,
    ///         values: vec![0.0, top],
    ///     }],
    ///     marker: None,
    ///     bands: Vec::new(),
    /// };
    /// let first = chart(101e6).axes();
    /// assert_eq!(first.values, (0.0, 110e6));
    /// // A line a little lower keeps the grid it was drawn on.
    /// assert_eq!(chart(93e6).axes_after(Some(&first)), first);
    /// // One that no longer fits, or fills less than half of it, gets axes of its own.
    /// assert_eq!(chart(120e6).axes_after(Some(&first)).values, (0.0, 130e6));
    /// assert_eq!(chart(40e6).axes_after(Some(&first)).values, (0.0, 42e6));
    /// ```
    pub fn axes_after(&self, previous: Option<&Axes>) -> Axes {
        let own = self.axes();
        let Some(&previous) = previous else {
            return own;
        };
        let ((lo, hi), (bottom, top)) = (own.values, previous.values);
        let fits = lo >= bottom && hi <= top;
        let fills = hi - lo >= 0.5 * (top - bottom);
        if (own.months, own.bars) == (previous.months, previous.bars) && fits && fills {
            previous
        } else {
            own
        }
    }
}

/// What a chart's grid and labels depend on. Lines that move within the same axes are redrawn
/// without them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Axes {
    /// Months on the time axis.
    pub months: u32,
    /// Whether bars stand on the months, so the axis gives each half a month of room.
    pub bars: bool,
    /// The value range shown.
    pub values: (f64, f64),
}

impl Axes {
    /// The time axis, in months: from month 1 to the last for lines, half a month more on each
    /// side for bars (and for a single month).
    fn x_range(&self) -> std::ops::Range<f64> {
        let months = f64::from(self.months);
        if self.months == 1 || self.bars {
            0.5..months + 0.5
        } else {
            1.0..months
        }
    }
}

/// The value range shown for data from `lo` to `hi`: rounded out to a round quantum, so the
/// axis holds still while a lever moves the lines a little, with room above and below so lines
/// do not touch the frame. The range always holds zero.
///
/// # Formula
///
/// ```text
/// quantum = 1, 2, 2.5, 5 or 10 × 10^k, the smallest at least span / 20
/// top     = ceil(hi / quantum) × quantum, one quantum more when within 4% of the span of hi
/// bottom  = the same, downwards (0 when no value is negative)
/// ```
///
/// # Examples
///
/// ```
/// use frontline::charts::rounded_range;
/// // A span of 101M rounds to 10M.
/// assert_eq!(rounded_range(0.0, 101e6), (0.0, 110e6));
/// // A line almost at a boundary gets one more quantum of room (a span of 99M rounds to 5M).
/// assert_eq!(rounded_range(0.0, 99e6), (0.0, 105e6));
/// assert_eq!(rounded_range(-2e6, 101e6), (-10e6, 110e6));
/// // Nothing but zeros (a blank scenario): one unit, not a span made of rounding.
/// assert_eq!(rounded_range(0.0, 0.0), (0.0, 1.0));
/// ```
pub fn rounded_range(lo: f64, hi: f64) -> (f64, f64) {
    let (lo, hi) = (lo.min(0.0), hi.max(0.0));
    if lo == 0.0 && hi == 0.0 {
        return (0.0, 1.0);
    }
    let span = (hi - lo).max(hi.abs().max(1.0) * 0.1);
    let quantum = nice_step(span / 20.0);
    let room = span * 0.04;
    let mut top = (hi / quantum).ceil() * quantum;
    if top - hi < room {
        top += quantum;
    }
    let bottom = if lo >= 0.0 {
        0.0
    } else {
        let mut bottom = (lo / quantum).floor() * quantum;
        if lo - bottom < room {
            bottom -= quantum;
        }
        bottom
    };
    (bottom, top)
}

/// The smallest of 1, 2, 2.5, 5 and 10 × 10^k that is at least `raw` (positive).
fn nice_step(raw: f64) -> f64 {
    let magnitude = 10f64.powi(raw.log10().floor() as i32);
    [1.0, 2.0, 2.5, 5.0, 10.0]
        .into_iter()
        .map(|m| m * magnitude)
        .find(|step| *step >= raw * (1.0 - 1e-9))
        .unwrap_or(10.0 * magnitude)
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
    /// How far each series' colour is moved towards white (0 to 1): the deep colours that read
    /// well on a white background are too dim on a dark one.
    pub lift: f64,
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
            lift: 0.0,
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
            lift: 0.35,
        }
    }

    /// The dark theme when `dark`, else the light one, at `scale` device pixels per CSS pixel.
    pub fn themed(dark: bool, scale: f64) -> Self {
        if dark {
            Self::dark(scale)
        } else {
            Self::light(scale)
        }
    }

    /// A series' colour as drawn on this background, in the chart and in its legend alike.
    ///
    /// # Formula
    /// Each channel `c` becomes `c + (255 − c) · lift`, rounded.
    ///
    /// ```
    /// use frontline::charts::ChartStyle;
    /// use plotters::style::RGBColor;
    ///
    /// let indigo = RGBColor(79, 70, 229);
    /// assert_eq!(ChartStyle::light(1.0).ink(indigo), indigo);
    /// // 79 + 176 × 0.35 = 140.6, 70 + 185 × 0.35 = 134.75, 229 + 26 × 0.35 = 238.1
    /// assert_eq!(ChartStyle::dark(1.0).ink(indigo), RGBColor(141, 135, 238));
    /// ```
    pub fn ink(&self, color: RGBColor) -> RGBColor {
        let lifted = |c: u8| (f64::from(c) + (255.0 - f64::from(c)) * self.lift).round() as u8;
        RGBColor(lifted(color.0), lifted(color.1), lifted(color.2))
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

fn draw_error<E: std::fmt::Display>(error: E) -> DrawError {
    DrawError(error.to_string())
}

/// Draws `chart` on `root`, axes and data; `format_value` writes the value axis labels.
///
/// # Errors
///
/// [`DrawError`] when the backend fails.
pub fn draw_chart<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    chart: &Chart,
    style: &ChartStyle,
    format_value: &dyn Fn(f64) -> String,
) -> Result<PlotGeometry, DrawError> {
    let axes = chart.axes();
    draw_axes(root, &axes, style, format_value)?;
    draw_data(root, chart, &axes, style, format_value)
}

/// A chart's axis: plotters' own for numbers, but with no labels of its own. The charts always
/// write their labels, and plotters' default ones, never shown, would carry Rust's float
/// formatting into the page.
#[derive(Clone)]
struct Axis(RangedCoordf64);

impl Ranged for Axis {
    type FormatOption = NoDefaultFormatting;
    type ValueType = f64;

    fn map(&self, value: &f64, limit: (i32, i32)) -> i32 {
        self.0.map(value, limit)
    }

    fn key_points<Hint: KeyPointHint>(&self, hint: Hint) -> Vec<f64> {
        self.0.key_points(hint)
    }

    fn range(&self) -> std::ops::Range<f64> {
        self.0.range()
    }

    fn axis_pixel_range(&self, limit: (i32, i32)) -> std::ops::Range<i32> {
        self.0.axis_pixel_range(limit)
    }
}

impl ValueFormatter<f64> for Axis {
    fn format(_: &f64) -> String {
        String::new()
    }
}

/// The coordinates of a chart's plot area.
type Plot<'a, DB> = ChartContext<'a, DB, Cartesian2d<Axis, Axis>>;

/// The plot area for `axes` on `root`; the same pixels whichever layer is drawn.
fn plot_area<'a, DB: DrawingBackend>(
    root: &'a DrawingArea<DB, Shift>,
    axes: &Axes,
    style: &ChartStyle,
) -> Result<Plot<'a, DB>, DrawError> {
    let (lo, hi) = axes.values;
    ChartBuilder::on(root)
        .margin_top(style.px(10.0))
        .margin_right(style.px(16.0))
        .margin_left(style.px(4.0))
        .x_label_area_size(style.px(26.0))
        .y_label_area_size(style.px(62.0))
        .build_cartesian_2d(
            Axis(axes.x_range().into()),
            Axis(RangedCoordf64::from(lo..hi)),
        )
        .map_err(draw_error)
}

fn geometry<DB: DrawingBackend>(plot: &Plot<'_, DB>, axes: &Axes) -> PlotGeometry {
    let (x_pixels, y_pixels) = plot.plotting_area().get_pixel_range();
    // Month 1 and the last month: the plot's edges for lines, half a bar in for bars.
    let x_of = |month: u32| f64::from(plot.backend_coord(&(f64::from(month), 0.0)).0);
    let (left, right) = if axes.months > 1 {
        (x_of(1), x_of(axes.months))
    } else {
        (f64::from(x_pixels.start), f64::from(x_pixels.end))
    };
    PlotGeometry {
        left,
        right,
        top: f64::from(y_pixels.start),
        bottom: f64::from(y_pixels.end),
        months: axes.months,
    }
}

fn label_font(style: &ChartStyle) -> TextStyle<'static> {
    ("sans-serif", f64::from(style.px(12.0)))
        .into_font()
        .color(&style.text)
}

/// Draws the background, grid and axis labels of `axes` on `root`; `format_value` writes the
/// value axis labels.
///
/// # Errors
///
/// [`DrawError`] when the backend fails.
pub fn draw_axes<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    axes: &Axes,
    style: &ChartStyle,
    format_value: &dyn Fn(f64) -> String,
) -> Result<PlotGeometry, DrawError> {
    root.fill(&style.background).map_err(draw_error)?;
    let mut plot = plot_area(root, axes, style)?;
    let y_label = |v: &f64| format_value(*v);
    // Months are whole: written as integers, which needs no float formatting.
    let x_label = |m: &f64| (m.round() as i64).to_string();
    plot.configure_mesh()
        .disable_x_mesh()
        .max_light_lines(0)
        .bold_line_style(style.grid.stroke_width(style.px(1.0)))
        .axis_style(style.grid.stroke_width(style.px(1.0)))
        .x_labels(12.min(axes.months as usize).max(2))
        .y_labels(6)
        .x_label_formatter(&x_label)
        .y_label_formatter(&y_label)
        .label_style(label_font(style))
        .set_all_tick_mark_size(style.px(3.0))
        .draw()
        .map_err(draw_error)?;
    root.present().map_err(draw_error)?;
    Ok(geometry(&plot, axes))
}

/// The parts of a line above and below zero, each closed along the zero line where the line
/// crosses it: `(outline, above zero)`.
fn areas(points: &[(f64, f64)]) -> Vec<(Vec<(f64, f64)>, bool)> {
    let Some(&(x0, y0)) = points.first() else {
        return Vec::new();
    };
    let mut areas = Vec::new();
    let mut above = y0 >= 0.0;
    let mut outline = vec![(x0, 0.0)];
    let mut previous = (x0, y0);
    for &(x, y) in points {
        if (y >= 0.0) != above {
            let (px, py) = previous;
            let crossing = (px + (x - px) * py / (py - y), 0.0);
            outline.push(crossing);
            areas.push((std::mem::replace(&mut outline, vec![crossing]), above));
            above = !above;
        }
        outline.push((x, y));
        previous = (x, y);
    }
    outline.push((previous.0, 0.0));
    areas.push((outline, above));
    areas
}

/// Draws the series and the marker of `chart` on `root`, over axes drawn by [`draw_axes`]
/// (on the same area, or on a transparent layer above it); `format_value` writes the low point
/// of an area that dips below zero.
///
/// # Errors
///
/// [`DrawError`] when the backend fails.
pub fn draw_data<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    chart: &Chart,
    axes: &Axes,
    style: &ChartStyle,
    format_value: &dyn Fn(f64) -> String,
) -> Result<PlotGeometry, DrawError> {
    let mut plot = plot_area(root, axes, style)?;
    let (lo, hi) = axes.values;

    // Bars first, so lines stay on top.
    plot.draw_series(
        chart
            .bar_pieces()
            .into_iter()
            .map(|(series, month, from, to)| {
                let x = month as f64 + 1.0;
                Rectangle::new(
                    [(x - HALF_BAR, from), (x + HALF_BAR, to)],
                    style.ink(series.color).filled(),
                )
            }),
    )
    .map_err(draw_error)?;

    let points = |series: &Series| -> Vec<(f64, f64)> {
        series
            .values
            .iter()
            .enumerate()
            .filter(|(_, v)| v.is_finite())
            .map(|(i, v)| (i as f64 + 1.0, *v))
            .collect()
    };
    let edges: Vec<&Series> = chart
        .series
        .iter()
        .filter(|s| s.shape == Shape::Band)
        .collect();
    for pair in edges.chunks_exact(2) {
        // Along one edge, then back along the other.
        let mut outline = points(pair[0]);
        outline.extend(points(pair[1]).into_iter().rev());
        plot.draw_series(std::iter::once(Polygon::new(
            outline,
            style.ink(pair[0].color).mix(0.2).filled(),
        )))
        .map_err(draw_error)?;
    }
    for series in chart.series.iter().filter(|s| s.shape.is_area()) {
        plot.draw_series(areas(&points(series)).into_iter().map(|(outline, above)| {
            let tint = if above { style.ink(series.color) } else { LOSS };
            Polygon::new(outline, tint.mix(0.16).filled())
        }))
        .map_err(draw_error)?;
    }
    // Zero, where gains and losses meet, stands out from the grid.
    if lo < 0.0 {
        let months = axes.x_range();
        plot.draw_series(LineSeries::new(
            [(months.start, 0.0), (months.end, 0.0)],
            style.text.stroke_width(style.px(1.0)),
        ))
        .map_err(draw_error)?;
    }
    // The marker's line before the labels, which it would otherwise cross.
    if let Some(marker) = &chart.marker {
        let x = f64::from(marker.month);
        plot.draw_series(DashedLineSeries::new(
            [(x, lo), (x, hi)],
            style.px(3.0),
            style.px(3.0),
            style.marker.stroke_width(style.px(1.0)),
        ))
        .map_err(draw_error)?;
    }
    // An investment's dip can be small beside what it earns later: its low point is written out,
    // so the dip reads even when it is a pixel deep. The words go on a plate of the background,
    // drawn before the lines so that the grid and the marker stop at the words, and the words
    // after them, so that a line passing by does not strike them through.
    let mut low_points = Vec::new();
    for series in chart.series.iter().filter(|s| s.shape.is_area()) {
        let low = series
            .values
            .iter()
            .enumerate()
            .filter(|(_, v)| v.is_finite())
            .min_by(|a, b| a.1.total_cmp(b.1));
        if let Some((i, &value)) = low.filter(|(_, v)| **v < 0.0) {
            let month = i as f64 + 1.0;
            let offset = style.px(6.0) as i32;
            let (dx, anchor) = if month > f64::from(axes.months) * 0.6 {
                (-offset, HPos::Right)
            } else {
                (offset, HPos::Left)
            };
            // Above the point (nothing is plotted below a series' lowest value), and above
            // every line over the words' width, as far as the top of the plot allows.
            let label = format!("Low point: {} in month {}", format_value(value), i + 1);
            let font = label_font(style).pos(Pos::new(anchor, VPos::Bottom));
            let (width, height) = plot
                .plotting_area()
                .estimate_text_size(&label, &font)
                .map_err(draw_error)?;
            let (width, height, pad) = (width as i32, height as i32, style.px(2.0) as i32);
            let left = if matches!(anchor, HPos::Right) {
                dx - width
            } else {
                dx
            };
            let (x, y) = plot.backend_coord(&(month, value));
            let a_month = plot.backend_coord(&(month + 1.0, value)).0 - x;
            let (from, to) = (x + left - pad - a_month, x + left + width + pad + a_month);
            let above = chart
                .series
                .iter()
                .filter(|s| s.shape.is_line())
                .flat_map(|s| points(s).into_iter())
                .map(|point| plot.backend_coord(&point))
                .filter(|(px, _)| (from..=to).contains(px))
                .map(|(_, py)| y - py)
                .max()
                .unwrap_or(0);
            let room = y - plot.backend_coord(&(month, hi)).1 - offset - height - 2 * pad;
            let lift = above.clamp(0, room.max(0));
            let bottom = -offset - lift;
            let plate = Rectangle::new(
                [
                    (left - pad, bottom - height - pad),
                    (left + width + pad, bottom + pad),
                ],
                style.background.filled(),
            );
            plot.draw_series(std::iter::once(EmptyElement::at((month, value)) + plate))
                .map_err(draw_error)?;
            low_points.push(((month, value), Text::new(label, (dx, bottom), font)));
        }
    }
    for series in chart.series.iter().filter(|s| s.shape.is_line()) {
        let line = style.ink(series.color).stroke_width(style.px(2.0));
        if let Some((dash, gap)) = series.shape.dashes() {
            plot.draw_series(DashedLineSeries::new(
                points(series),
                style.px(dash),
                style.px(gap),
                line,
            ))
            .map_err(draw_error)?;
        } else {
            plot.draw_series(LineSeries::new(points(series), line))
                .map_err(draw_error)?;
        }
    }
    for (at, text) in low_points {
        let dot = Circle::new((0, 0), style.px(3.5), style.marker.filled());
        plot.draw_series(std::iter::once(EmptyElement::at(at) + dot + text))
            .map_err(draw_error)?;
    }
    if let Some(marker) = &chart.marker {
        let x = f64::from(marker.month);
        // Put the label on the side of the marker with more room.
        let right_half = x > f64::from(axes.months) * 0.6;
        let offset = style.px(6.0) as i32;
        let (dx, anchor) = if right_half {
            (-offset, HPos::Right)
        } else {
            (offset, HPos::Left)
        };
        let text = Text::new(
            marker.label.clone(),
            (dx, offset),
            label_font(style).pos(Pos::new(anchor, VPos::Top)),
        );
        plot.draw_series(std::iter::once(EmptyElement::at((x, hi)) + text))
            .map_err(draw_error)?;
    }

    root.present().map_err(draw_error)?;
    Ok(geometry(&plot, axes))
}

/// What a picture of a chart says above it: its title and the unit of its values. The legend
/// comes from the chart's series.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Caption<'a> {
    /// The chart's title.
    pub title: &'a str,
    /// The unit line under the title.
    pub unit: &'a str,
}

/// Where the caption's parts go, in backend pixels.
struct CaptionLayout {
    /// Top of the unit line.
    unit_y: i32,
    /// Each legend entry's top-left corner.
    entries: Vec<(i32, i32)>,
    /// Height of the whole caption.
    height: u32,
}

fn title_font(style: &ChartStyle) -> TextStyle<'static> {
    ("sans-serif", f64::from(style.px(18.0)))
        .into_font()
        .style(FontStyle::Bold)
        .color(&style.marker)
}

/// Lays the legend entries out in rows that wrap at the area's width.
fn caption_layout<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    chart: &Chart,
    style: &ChartStyle,
) -> Result<CaptionLayout, DrawError> {
    let pad = style.px(16.0) as i32;
    let swatch = style.px(30.0) as i32;
    let gap = style.px(16.0) as i32;
    let row = style.px(20.0) as i32;
    let width = root.dim_in_pixel().0 as i32;
    let unit_y = pad + style.px(26.0) as i32;
    let first_row = unit_y + style.px(24.0) as i32;
    let font = label_font(style);
    let (mut x, mut y) = (pad, first_row);
    let legend = chart.legend();
    let mut entries = Vec::with_capacity(legend.len());
    for entry in &legend {
        let (text_width, _) = root
            .estimate_text_size(entry.label, &font)
            .map_err(draw_error)?;
        let entry = swatch + text_width as i32;
        if x > pad && x + entry > width - pad {
            x = pad;
            y += row;
        }
        entries.push((x, y));
        x += entry + gap;
    }
    let rows_end = if entries.is_empty() {
        first_row
    } else {
        y + row
    };
    Ok(CaptionLayout {
        unit_y,
        entries,
        height: (rows_end + pad / 2) as u32,
    })
}

/// How tall the caption of a picture of `chart` is on `root`, in backend pixels, for sizing the
/// picture before drawing it with [`draw_picture`].
///
/// # Errors
///
/// [`DrawError`] when the backend cannot measure text.
pub fn caption_height<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    chart: &Chart,
    style: &ChartStyle,
) -> Result<u32, DrawError> {
    caption_layout(root, chart, style).map(|layout| layout.height)
}

/// Draws `chart` as a picture to keep: `caption` and the legend on top, then the chart, all on
/// `root` at `style`'s scale; `format_value` writes the value axis labels.
///
/// # Errors
///
/// [`DrawError`] when the backend fails.
pub fn draw_picture<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    chart: &Chart,
    caption: Caption<'_>,
    style: &ChartStyle,
    format_value: &dyn Fn(f64) -> String,
) -> Result<PlotGeometry, DrawError> {
    root.fill(&style.background).map_err(draw_error)?;
    let layout = caption_layout(root, chart, style)?;
    let pad = style.px(16.0) as i32;
    root.draw_text(caption.title, &title_font(style), (pad, pad))
        .map_err(draw_error)?;
    root.draw_text(caption.unit, &label_font(style), (pad, layout.unit_y))
        .map_err(draw_error)?;
    let swatch = style.px(24.0) as i32;
    let middle = style.px(8.0) as i32;
    for (series, (x, y)) in chart.legend().iter().zip(&layout.entries) {
        let line = style.ink(series.color).stroke_width(style.px(3.0));
        let (start, end) = ((*x, y + middle), (x + swatch, y + middle));
        if !series.shape.is_line() {
            let half = style.px(6.0) as i32;
            let tint = if series.shape == Shape::Band {
                0.35
            } else {
                1.0
            };
            root.draw(&Rectangle::new(
                [
                    (start.0, start.1 - half),
                    (start.0 + 2 * half, start.1 + half),
                ],
                style.ink(series.color).mix(tint).filled(),
            ))
            .map_err(draw_error)?;
        } else if let Some((dash, gap)) = series.shape.dashes() {
            let (dash, gap) = (style.px(dash) as i32, style.px(gap) as i32);
            let mut from = start.0;
            while from < end.0 {
                let to = (from + dash).min(end.0);
                root.draw(&PathElement::new([(from, start.1), (to, start.1)], line))
                    .map_err(draw_error)?;
                from += dash + gap;
            }
        } else {
            root.draw(&PathElement::new([start, end], line))
                .map_err(draw_error)?;
        }
        root.draw_text(
            series.label,
            &label_font(style),
            (x + style.px(30.0) as i32, *y),
        )
        .map_err(draw_error)?;
    }
    let (_, plot) = root.split_vertically(layout.height);
    draw_chart(&plot, chart, style, format_value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_range_holds_still_while_the_data_moves_within_a_quantum() {
        let ranges: Vec<_> = [100.5e6, 101.0e6, 102.5e6, 104.0e6, 105.0e6]
            .into_iter()
            .map(|hi| rounded_range(0.0, hi))
            .collect();
        assert!(ranges.iter().all(|r| *r == (0.0, 110e6)), "{ranges:?}");
    }

    #[test]
    fn the_range_keeps_room_around_the_data() {
        for (lo, hi) in [
            (0.0, 1.0),
            (0.0, 41.0),
            (-3.2e5, 8.7e6),
            (-7.0, -2.0),
            (0.0, 0.0),
        ] {
            let (bottom, top) = rounded_range(lo, hi);
            let span = top - bottom;
            assert!(
                bottom <= lo.min(0.0) && top > hi.max(0.0),
                "{lo} {hi}: {bottom} {top}"
            );
            assert!(
                top - hi >= span * 0.03,
                "room above {lo} {hi}: {bottom} {top}"
            );
            if lo < 0.0 {
                assert!(
                    lo - bottom >= span * 0.03,
                    "room below {lo} {hi}: {bottom} {top}"
                );
            }
        }
    }

    #[test]
    fn areas_split_where_the_line_crosses_zero() {
        let parts = areas(&[(1.0, -2.0), (2.0, 2.0), (3.0, 4.0)]);
        assert_eq!(parts.len(), 2);
        assert_eq!(parts[0], (vec![(1.0, 0.0), (1.0, -2.0), (1.5, 0.0)], false));
        assert_eq!(
            parts[1],
            (vec![(1.5, 0.0), (2.0, 2.0), (3.0, 4.0), (3.0, 0.0)], true)
        );
        assert!(areas(&[]).is_empty());
    }

    #[test]
    fn bars_stack_away_from_zero_and_the_axis_covers_the_stacks() {
        let bar = |values: Vec<f64>| Series {
            label: "b".into(),
            color: RGBColor(0, 0, 0),
            shape: Shape::Bar,
            values,
        };
        let chart = Chart {
            series: vec![
                bar(vec![3.0, -1.0]),
                bar(vec![4.0, -5.0]),
                bar(vec![-2.0, 1.0]),
            ],
            marker: None,
            bands: Vec::new(),
        };
        assert_eq!(chart.stacks(), [(-2.0, 7.0), (-6.0, 1.0)]);
        let axes = chart.axes();
        assert!(
            axes.bars && axes.values.0 < -6.0 && axes.values.1 > 7.0,
            "{axes:?}"
        );
        // Month 1 stands half a bar in from the plot's edge, and the pointer still finds it.
        let geometry = |chart: &Chart| {
            let mut out = String::new();
            let root = SVGBackend::with_string(&mut out, (400, 200)).into_drawing_area();
            draw_chart(&root, chart, &ChartStyle::light(1.0), &|v| {
                format!("{v:.0}")
            })
            .unwrap()
        };
        let bars = geometry(&chart);
        let mut lines = chart.clone();
        lines.series.iter_mut().for_each(|s| s.shape = Shape::Line);
        let lines = geometry(&lines);
        assert!(bars.left > lines.left + 40.0, "{bars:?} {lines:?}");
        assert!(bars.right < lines.right - 40.0, "{bars:?} {lines:?}");
        assert_eq!(bars.month_at(bars.left), Some(1));
        assert_eq!(bars.month_at(bars.right), Some(2));
    }

    fn three_lines() -> Chart {
        let line = |label: &str, shape| Series {
            label: label.into(),
            color: RGBColor(13, 148, 136),
            shape,
            values: vec![-60e3, -20e3, 40e3, 120e3],
        };
        Chart {
            series: vec![
                line("Budget 2027", Shape::Line),
                line("Budget 2027, aggressive self-service", Shape::Dashed),
                line("Premium tier", Shape::Area),
            ],
            marker: None,
            bands: Vec::new(),
        }
    }

    fn picture(width: u32, scale: f64) -> (String, PlotGeometry) {
        let mut out = String::new();
        let caption = Caption {
            title: "Extra contribution by scenario",
            unit: "money summed from month 1",
        };
        let geometry = {
            let root = SVGBackend::with_string(&mut out, (width, 400)).into_drawing_area();
            draw_picture(
                &root,
                &three_lines(),
                caption,
                &ChartStyle::light(scale),
                &|v| format!("{v:.0}"),
            )
            .unwrap()
        };
        (out, geometry)
    }

    #[test]
    fn a_picture_carries_its_title_unit_and_legend_above_the_chart() {
        let (svg, geometry) = picture(1200, 2.0);
        for text in [
            "Extra contribution by scenario",
            "money summed from month 1",
            "Budget 2027",
            "Budget 2027, aggressive self-service",
            "Premium tier",
        ] {
            assert!(svg.contains(text), "{text} missing");
        }
        // The plot starts below the caption: title, unit and one legend row at twice the size.
        assert!(geometry.top > 2.0 * 80.0, "{geometry:?}");
    }

    #[test]
    fn a_narrow_picture_wraps_its_legend_into_more_rows() {
        let (_, wide) = picture(1200, 1.0);
        let (_, narrow) = picture(260, 1.0);
        assert!(narrow.top > wide.top, "{wide:?} {narrow:?}");
    }

    #[test]
    fn axes_cover_every_plotted_value() {
        let chart = Chart {
            series: vec![Series {
                label: "a".into(),
                color: RGBColor(0, 0, 0),
                shape: Shape::Line,
                values: vec![0.0, 12.0, f64::NAN, 470.0, -5.0],
            }],
            marker: None,
            bands: Vec::new(),
        };
        let axes = chart.axes();
        assert_eq!(axes.months, 5);
        assert!(axes.values.0 < -5.0 && axes.values.1 > 470.0, "{axes:?}");
    }
}
