//! The canvas backend the charts draw on.
//!
//! A live edit redraws every chart in view, so drawing must take a small part of a frame.
//! plotters-canvas's backend formats and sets the stroke colour and strokes once for every
//! segment (a dashed line is dozens of them), and measures text by adding a `<span>` to the page,
//! which lays out the whole page for every axis label. This backend instead:
//! - gathers consecutive lines and paths of one style into a single path, stroked once when the
//!   style changes or the drawing is presented;
//! - sets colours, widths, fonts and text alignment only when they change;
//! - measures text with the canvas's own `measureText`.
//!
//! It draws what the charts use: lines, paths, rectangles, circles, polygons and level text.
//! Rotated text and bitmaps, which they do not use, are refused as errors.

use std::cell::RefCell;

use plotters::prelude::DrawingBackend;
use plotters_backend::text_anchor::{HPos, VPos};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind, FontTransform,
};
use wasm_bindgen::{JsCast, JsValue};

use crate::number_text::plain;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

/// Why the canvas refused to draw.
#[derive(Debug, thiserror::Error)]
#[error("the canvas could not draw: {0}")]
pub struct ChartCanvasError(String);

type DrawResult = Result<(), DrawingErrorKind<ChartCanvasError>>;

fn js_error(error: JsValue) -> DrawingErrorKind<ChartCanvasError> {
    DrawingErrorKind::DrawingError(ChartCanvasError(format!("{error:?}")))
}

/// What this backend does not draw, because the charts never ask for it.
fn not_drawn(what: &str) -> DrawResult {
    let error = ChartCanvasError(format!("{what} is not drawn on this canvas"));
    Err(DrawingErrorKind::DrawingError(error))
}

/// A colour as the canvas reads it, and as a key to skip setting it again.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Rgba {
    rgb: (u8, u8, u8),
    alpha: f64,
}

impl From<BackendColor> for Rgba {
    fn from(color: BackendColor) -> Self {
        Self {
            rgb: color.rgb,
            alpha: color.alpha,
        }
    }
}

impl Rgba {
    fn css(self) -> String {
        let (r, g, b) = self.rgb;
        format!("rgba({r},{g},{b},{})", plain(self.alpha))
    }
}

/// A stroke style: lines with the same one share a path.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Stroke {
    color: Rgba,
    width: u32,
}

/// What the 2D context is known to hold, so unchanged settings are not sent again.
/// `None` (or an empty font) means unknown.
#[derive(Debug, Default)]
struct Settings {
    stroke: Option<Stroke>,
    fill: Option<Rgba>,
    /// In a cell because measuring text, which borrows the backend shared, sets the font too.
    font: RefCell<String>,
    align: Option<&'static str>,
    baseline: Option<&'static str>,
}

/// A plotters backend on an HTML canvas, built for redrawing often; see the module docs.
pub struct ChartCanvas {
    canvas: HtmlCanvasElement,
    context: CanvasRenderingContext2d,
    settings: Settings,
    /// The style of the path being gathered, if one is open.
    open_path: Option<Stroke>,
}

impl ChartCanvas {
    /// Draws on `canvas`, or `None` when it has no 2D context.
    pub fn new(canvas: HtmlCanvasElement) -> Option<Self> {
        let context = canvas.get_context("2d").ok()??.dyn_into().ok()?;
        Some(Self {
            canvas,
            context,
            settings: Settings::default(),
            open_path: None,
        })
    }

    /// Clears the whole canvas to transparent.
    pub fn clear(&self) {
        let (width, height) = self.get_size();
        self.context
            .clear_rect(0.0, 0.0, f64::from(width), f64::from(height));
    }

    /// Strokes the path gathered so far.
    fn stroke_open_path(&mut self) {
        if self.open_path.take().is_some() {
            self.context.stroke();
        }
    }

    /// Makes sure a path with `stroke` is open, stroking any other first.
    fn path_with(&mut self, stroke: Stroke) {
        if self.open_path == Some(stroke) {
            return;
        }
        self.stroke_open_path();
        if self.settings.stroke != Some(stroke) {
            self.context.set_stroke_style_str(&stroke.color.css());
            self.context.set_line_width(f64::from(stroke.width));
            self.settings.stroke = Some(stroke);
        }
        self.context.begin_path();
        self.open_path = Some(stroke);
    }

    fn set_fill(&mut self, color: Rgba) {
        if self.settings.fill != Some(color) {
            self.context.set_fill_style_str(&color.css());
            self.settings.fill = Some(color);
        }
    }

    fn set_font<T: BackendTextStyle>(&self, style: &T) {
        let font = format!(
            "{} {}px {}",
            style.style().as_str(),
            plain(style.size()),
            style.family().as_str()
        );
        let mut current = self.settings.font.borrow_mut();
        if *current != font {
            self.context.set_font(&font);
            *current = font;
        }
    }

    /// Fills the shape `trace` outlines in `color`, apart from any path being gathered.
    fn fill_shape(&mut self, color: Rgba, trace: impl FnOnce(&CanvasRenderingContext2d)) {
        self.stroke_open_path();
        self.set_fill(color);
        self.context.begin_path();
        trace(&self.context);
        self.context.fill();
    }
}

impl Drop for ChartCanvas {
    fn drop(&mut self) {
        self.stroke_open_path();
    }
}

/// Moves a horizontal or vertical line onto the middle of a pixel row or column, so a 1-pixel
/// line is one pixel wide rather than two half-tone ones.
fn on_pixel_centres(from: BackendCoord, to: BackendCoord) -> ((f64, f64), (f64, f64)) {
    let (mut from, mut to) = (
        (f64::from(from.0), f64::from(from.1)),
        (f64::from(to.0), f64::from(to.1)),
    );
    if from.0 == to.0 {
        from.0 -= 0.5;
        to.0 -= 0.5;
    }
    if from.1 == to.1 {
        from.1 -= 0.5;
        to.1 -= 0.5;
    }
    (from, to)
}

impl DrawingBackend for ChartCanvas {
    type ErrorType = ChartCanvasError;

    fn get_size(&self) -> (u32, u32) {
        (self.canvas.width(), self.canvas.height())
    }

    fn ensure_prepared(&mut self) -> DrawResult {
        Ok(())
    }

    fn present(&mut self) -> DrawResult {
        self.stroke_open_path();
        Ok(())
    }

    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> DrawResult {
        let (x, y) = (f64::from(point.0), f64::from(point.1));
        self.fill_shape(color.into(), |context| context.rect(x, y, 1.0, 1.0));
        Ok(())
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> DrawResult {
        if style.color().alpha == 0.0 {
            return Ok(());
        }
        self.path_with(Stroke {
            color: style.color().into(),
            width: style.stroke_width(),
        });
        let (from, to) = on_pixel_centres(from, to);
        self.context.move_to(from.0, from.1);
        self.context.line_to(to.0, to.1);
        Ok(())
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> DrawResult {
        if style.color().alpha == 0.0 {
            return Ok(());
        }
        if !fill {
            self.path_with(Stroke {
                color: style.color().into(),
                width: style.stroke_width(),
            });
            let ((left, top), (right, bottom)) = on_pixel_centres(upper_left, bottom_right);
            self.context.rect(left, top, right - left, bottom - top);
            return Ok(());
        }
        self.stroke_open_path();
        self.set_fill(style.color().into());
        self.context.fill_rect(
            f64::from(upper_left.0),
            f64::from(upper_left.1),
            f64::from(bottom_right.0 - upper_left.0),
            f64::from(bottom_right.1 - upper_left.1),
        );
        Ok(())
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> DrawResult {
        if style.color().alpha == 0.0 {
            return Ok(());
        }
        let mut points = path.into_iter();
        let Some(start) = points.next() else {
            return Ok(());
        };
        self.path_with(Stroke {
            color: style.color().into(),
            width: style.stroke_width(),
        });
        self.context.move_to(f64::from(start.0), f64::from(start.1));
        for (x, y) in points {
            self.context.line_to(f64::from(x), f64::from(y));
        }
        Ok(())
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> DrawResult {
        if style.color().alpha == 0.0 {
            return Ok(());
        }
        let (x, y, r) = (f64::from(center.0), f64::from(center.1), f64::from(radius));
        if fill {
            self.fill_shape(style.color().into(), |context| {
                let _ = context.arc(x, y, r, 0.0, std::f64::consts::TAU);
            });
        } else {
            self.path_with(Stroke {
                color: style.color().into(),
                width: style.stroke_width(),
            });
            self.context.move_to(x + r, y);
            let _ = self.context.arc(x, y, r, 0.0, std::f64::consts::TAU);
        }
        Ok(())
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vertices: I,
        style: &S,
    ) -> DrawResult {
        if style.color().alpha == 0.0 {
            return Ok(());
        }
        self.fill_shape(style.color().into(), |context| {
            for (x, y) in vertices {
                context.line_to(f64::from(x), f64::from(y));
            }
            context.close_path();
        });
        Ok(())
    }

    fn draw_text<T: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &T,
        pos: BackendCoord,
    ) -> DrawResult {
        if style.color().alpha == 0.0 {
            return Ok(());
        }
        if !matches!(style.transform(), FontTransform::None) {
            return not_drawn("Rotated text");
        }
        self.stroke_open_path();
        let anchor = style.anchor();
        let baseline = match anchor.v_pos {
            VPos::Top => "top",
            VPos::Center => "middle",
            VPos::Bottom => "bottom",
        };
        if self.settings.baseline != Some(baseline) {
            self.context.set_text_baseline(baseline);
            self.settings.baseline = Some(baseline);
        }
        let align = match anchor.h_pos {
            HPos::Left => "start",
            HPos::Right => "end",
            HPos::Center => "center",
        };
        if self.settings.align != Some(align) {
            self.context.set_text_align(align);
            self.settings.align = Some(align);
        }
        self.set_fill(style.color().into());
        self.set_font(style);
        self.context
            .fill_text(text, f64::from(pos.0), f64::from(pos.1))
            .map_err(js_error)
    }

    fn estimate_text_size<T: BackendTextStyle>(
        &self,
        text: &str,
        style: &T,
    ) -> Result<(u32, u32), DrawingErrorKind<ChartCanvasError>> {
        self.set_font(style);
        let metrics = self.context.measure_text(text).map_err(js_error)?;
        // A line of text is about 1.2 font sizes tall, as a span's box would be.
        Ok((
            metrics.width().ceil() as u32,
            (style.size() * 1.2).ceil() as u32,
        ))
    }

    fn blit_bitmap(&mut self, _: BackendCoord, _: (u32, u32), _: &[u8]) -> DrawResult {
        not_drawn("A bitmap")
    }
}
