//! One chart on two canvases sized by device pixel ratio: grid and labels below, redrawn when the
//! axes, the size or the theme change; lines above, redrawn with every projection. Nothing is
//! drawn while the chart is out of view. The pointer or the arrow keys show a month's values.
//! While presenting, text and lines are drawn larger, in step with the page's type. The same
//! chart, with its title and legend, is drawn as a picture at twice its size for "Save PNG" and
//! for paper when the page is printed.

use leptos::html::{Canvas, Div};
use leptos::prelude::*;
use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, IntoDrawingArea};
use web_sys::HtmlCanvasElement;

use super::chart_canvas::ChartCanvas;
use super::files;
use super::format::{self, money_compact, number, number_compact};
use super::held::held_while;
use super::observe::{self, Seen};
use super::present::Presentation;
use super::what_if::TrialBand;
use super::Planner;
use crate::charts::specs::ChartKind;
use crate::charts::{
    caption_height, draw_axes, draw_data, draw_picture, Caption, Chart, ChartStyle, DrawError,
    PlotGeometry, Shape,
};
use crate::export::file_name;
use crate::number_text::{fixed, trimmed};

/// The canvases of a chart in view: their size in device pixels and how to draw on them.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Surface {
    width: u32,
    height: u32,
    /// Device pixels per CSS pixel of the canvases.
    ratio: f64,
    style: ChartStyle,
}

impl Surface {
    /// Sizes `canvas` (assigning a size clears and reallocates it, even the same size, so only
    /// when it changes), clears it, and draws on it; what went wrong goes to the console.
    fn draw(
        &self,
        canvas: &HtmlCanvasElement,
        draw: impl FnOnce(&DrawingArea<ChartCanvas, Shift>) -> Result<PlotGeometry, DrawError>,
    ) -> Option<PlotGeometry> {
        if canvas.width() != self.width || canvas.height() != self.height {
            canvas.set_width(self.width);
            canvas.set_height(self.height);
        }
        let backend = ChartCanvas::new(canvas.clone())?;
        backend.clear();
        draw(&backend.into_drawing_area())
            .inspect_err(|error| leptos::logging::warn!("{error}"))
            .ok()
    }
}

/// Where the hover readout points.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Pointer {
    /// The mouse, at this horizontal position in CSS pixels from the chart frame's left edge.
    At(f64),
    /// A month chosen with the keyboard.
    Month(u32),
}

/// Draws `chart` with `caption` on a canvas of its own, `css_width` by `css_height` CSS pixels
/// for the chart at `style`'s scale plus the caption, and returns it as a PNG data URL.
fn picture(
    chart: &Chart,
    caption: Caption<'_>,
    (css_width, css_height): (f64, f64),
    style: &ChartStyle,
    format_value: &dyn Fn(f64) -> String,
) -> Option<String> {
    use wasm_bindgen::JsCast;
    let canvas: HtmlCanvasElement = document().create_element("canvas").ok()?.unchecked_into();
    canvas.set_width((css_width * style.scale).round() as u32);
    canvas.set_height(1);
    // Measured on the canvas itself, then sized for the caption and the chart below it.
    let caption_px = {
        let measuring = ChartCanvas::new(canvas.clone())?.into_drawing_area();
        caption_height(&measuring, chart, style).ok()?
    };
    canvas.set_height(caption_px + (css_height * style.scale).round() as u32);
    {
        // Dropped before the picture is read: the last lines are stroked then.
        let backend = ChartCanvas::new(canvas.clone())?;
        draw_picture(
            &backend.into_drawing_area(),
            chart,
            caption,
            style,
            format_value,
        )
        .ok()?;
    }
    canvas.to_data_url().ok()
}

/// A series' colour for a `style:` property, as the chart draws it in the current theme: set
/// through the CSS object model, which the page's Content-Security-Policy allows, unlike a
/// `style` attribute.
fn css_color(color: plotters::style::RGBColor, dark: bool) -> String {
    let color = ChartStyle::themed(dark, 1.0).ink(color);
    format!("rgb({}, {}, {})", color.0, color.1, color.2)
}

/// A length in CSS pixels, to a tenth.
fn px(value: f64) -> String {
    format!("{}px", trimmed(fixed(value, 1)))
}

/// A series' mark in the legend and the hover box: a line, dashed or not, or a block for bars.
#[component]
fn Swatch(color: String, shape: Shape) -> impl IntoView {
    view! {
        <span
            class="swatch"
            class:dashed=shape == Shape::Dashed
            class:dotted=matches!(shape, Shape::Dotted | Shape::DottedArea)
            class:bar=shape == Shape::Bar
            class:band=shape == Shape::Band
            style:border-top-color=color
        ></span>
    }
}

/// One of the projection's charts.
#[component]
pub fn ProjectionChart(
    /// Which chart to draw.
    kind: ChartKind,
) -> impl IntoView {
    let planner = expect_context::<Planner>();
    let trials = expect_context::<TrialBand>();
    let chart = Memo::new(move |_| {
        planner.shown.with(|s| {
            let s = s.as_ref()?;
            let chart = kind.build(&s.projection);
            // A Monte Carlo run draws trials of this chart's line: its band joins the line
            // while the plan is the one it ran on.
            let run = (kind == ChartKind::ExtraContribution)
                .then(|| trials.for_scenario(&s.scenario))
                .flatten();
            Some(match run {
                Some(run) => chart.with_trials(&run.p10, &run.p50, &run.p90),
                None => chart,
            })
        })
    });
    let currency = Memo::new(move |_| {
        planner.shown.with(|s| {
            s.as_ref()
                .map(|s| s.scenario.baseline.currency.clone())
                .unwrap_or_default()
        })
    });
    let name = Signal::derive(move || planner.scenario.with(|s| s.name.clone()));
    view! {
        <ChartPanel
            id=kind.id()
            title=kind.title()
            unit=kind.unit()
            money=kind.is_money()
            chart=chart
            currency=currency
            name=name
        />
    }
}

/// A chart with its title, legend, hover readout, and a button that saves it as a picture.
#[component]
pub fn ChartPanel(
    /// Test hooks and element ids.
    id: &'static str,
    /// The title above the chart.
    title: &'static str,
    /// The unit of its values, under the title.
    unit: &'static str,
    /// Whether its values are money, in `currency`.
    money: bool,
    /// What to draw; nothing while `None`.
    chart: Memo<Option<Chart>>,
    /// The currency of money values.
    currency: Memo<String>,
    /// What the picture's file is named after: the scenario, or the comparison.
    #[prop(into)]
    name: Signal<String>,
) -> impl IntoView {
    let planner = expect_context::<Planner>();
    let presentation = expect_context::<Presentation>();
    let frame = NodeRef::<Div>::new();
    let axes_canvas = NodeRef::<Canvas>::new();
    let lines_canvas = NodeRef::<Canvas>::new();
    // A chart scrolled out of view is redrawn when it comes back, not on every edit.
    let seen = observe::watch(frame);

    let axis_label = move |v: f64, currency: &str| {
        if money {
            money_compact(v, currency)
        } else {
            number_compact(v)
        }
    };
    // Where the last drawing put its plot area, in CSS pixels: the drawing reports it, as a size
    // observer reports a size, so a pointer that arrived before the first drawing gets its
    // readout as soon as the chart is drawn.
    let geometry = RwSignal::new(None::<PlotGeometry>);
    // What the manager points at: kept as a position, not a month, until the chart is measured.
    let pointer = RwSignal::new(None::<Pointer>);
    let hovered = Memo::new(move |_| match pointer.get()? {
        Pointer::At(x) => geometry.with(|g| g.and_then(|g| g.month_at(x))),
        Pointer::Month(month) => Some(month),
    });

    // The canvases' size in device pixels and the drawing style, while the chart is in view.
    let surface = Memo::new(move |_| {
        let Seen {
            width: w,
            height: h,
            visible,
            pixel_ratio,
        } = seen.get();
        let ratio = pixel_ratio.max(1.0);
        if !visible {
            return None;
        }
        if w < 20.0 || h < 20.0 {
            return None;
        }
        // Text and lines grow with the type while presenting; the canvas keeps its pixels.
        let scale = ratio * presentation.chart_zoom();
        let style = ChartStyle::themed(planner.dark.get(), scale);
        Some(Surface {
            width: (w * ratio).round() as u32,
            height: (h * ratio).round() as u32,
            ratio,
            style,
        })
    });
    // The axes hold still while a lever moves the lines within them, so an edit usually redraws
    // only the lines, on a transparent canvas above the grid and labels.
    let axes = Memo::new(move |previous: Option<&Option<_>>| {
        let previous = previous.and_then(Option::as_ref);
        chart.with(|c| c.as_ref().map(|c| c.axes_after(previous)))
    });

    // The surface first: a chart out of view reads neither its axes nor its chart.
    Effect::new(move |_| {
        let Some(surface) = surface.get() else { return };
        let (Some(element), Some(axes)) = (axes_canvas.get(), axes.get()) else {
            return;
        };
        let currency = currency.get();
        surface.draw(&element, |root| {
            draw_axes(root, &axes, &surface.style, &|v| axis_label(v, &currency))
        });
    });

    Effect::new(move |_| {
        let Some(surface) = surface.get() else { return };
        let (Some(element), Some(axes)) = (lines_canvas.get(), axes.get()) else {
            return;
        };
        let currency = currency.get();
        chart.with(|chart| {
            let Some(chart) = chart else { return };
            let drawn = surface.draw(&element, |root| {
                draw_data(root, chart, &axes, &surface.style, &|v| {
                    axis_label(v, &currency)
                })
            });
            if let Some(g) = drawn {
                let ratio = surface.ratio;
                let measured = Some(PlotGeometry {
                    left: g.left / ratio,
                    right: g.right / ratio,
                    top: g.top / ratio,
                    bottom: g.bottom / ratio,
                    months: g.months,
                });
                // Most redraws keep the plot area: only a real change wakes the readout.
                if geometry.with_untracked(|g| *g != measured) {
                    geometry.set(measured);
                }
            }
        });
    });

    let on_move = move |ev: leptos::ev::MouseEvent| {
        pointer.set(Some(Pointer::At(f64::from(ev.offset_x()))));
    };
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let months = geometry.with_untracked(|g| g.map_or(0, |g| g.months));
        if months == 0 {
            return;
        }
        let current = hovered.get_untracked();
        let next = match ev.key().as_str() {
            "ArrowRight" => current.map_or(1, |m| (m + 1).min(months)),
            "ArrowLeft" => current.map_or(months, |m| m.saturating_sub(1).max(1)),
            "Home" => 1,
            "End" => months,
            "Escape" => {
                pointer.set(None);
                return;
            }
            _ => return,
        };
        ev.prevent_default();
        pointer.set(Some(Pointer::Month(next)));
    };

    // A value in full, for the hover box and the description read by screen readers.
    let exact = move |value: f64, currency: &str| {
        if money {
            format::money(value, currency)
        } else {
            number(value, 0)
        }
    };

    // The chart with its caption and legend, at twice its size on screen so it stays sharp on
    // a slide or on paper; none while the chart is not laid out (hidden).
    let picture_url = move |style: ChartStyle| {
        let frame = frame.get_untracked()?;
        let size = (
            f64::from(frame.client_width()),
            f64::from(frame.client_height()),
        );
        if size.0 < 1.0 || size.1 < 1.0 {
            return None;
        }
        let currency = currency.get_untracked();
        chart.with_untracked(|chart| {
            picture(
                chart.as_ref()?,
                Caption { title, unit },
                size,
                &style,
                &|v| axis_label(v, &currency),
            )
        })
    };
    let save_picture = move |_| {
        let style = ChartStyle::themed(planner.dark.get_untracked(), 2.0);
        let file = file_name(
            &format!("{} {title}", name.get_untracked()),
            &files::today(),
            "png",
        );
        if picture_url(style).is_none_or(|url| files::offer(&file, &url).is_err()) {
            planner.notify("The chart could not be saved as a picture.".into());
        }
    };
    // Paper gets the picture, in the light theme, in place of the canvases.
    let printed = NodeRef::<leptos::html::Img>::new();
    let before_print = window_event_listener(leptos::ev::beforeprint, move |_| {
        if let (Some(img), Some(url)) =
            (printed.get_untracked(), picture_url(ChartStyle::light(2.0)))
        {
            img.set_src(&url);
        }
    });
    on_cleanup(move || before_print.remove());

    let readout = move || {
        let month = hovered.get()?;
        let g = geometry.get()?;
        let currency = currency.get();
        let dark = planner.dark.get();
        let rows = chart.with(|c| {
            c.as_ref().map(|c: &Chart| {
                c.series
                    .iter()
                    .filter_map(|s| {
                        let v = *s.values.get(month as usize - 1)?;
                        Some((
                            s.label.clone(),
                            css_color(s.color, dark),
                            s.shape,
                            exact(v, &currency),
                        ))
                    })
                    .collect::<Vec<_>>()
            })
        })?;
        let x = g.x_of(month);
        let flip = x > (g.left + g.right) / 2.0;
        Some(view! {
            <div
                class="hover-line"
                style:left=px(x)
                style:top=px(g.top)
                style:height=px(g.bottom - g.top)
            ></div>
            <div
                class="hover-box"
                class:flip=flip
                style:left=px(x)
                style:top=px(g.top)
                data-testid=format!("chart-{id}-hover")
            >
                <strong>{format!("Month {month}")}</strong>
                <ul>
                    {rows
                        .into_iter()
                        .map(|(label, color, shape, value)| {
                            view! {
                                <li>
                                    <Swatch color=color shape=shape />
                                    <span class="label">{label}</span>
                                    <span class="num">{value}</span>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </div>
        })
    };

    // A chart hidden by another view filling the screen while presenting is not laid out: its
    // legend and description hold still then, unseen and unheard, and catch up as it shows.
    let laid_out = move || seen.with(|s| s.width > 0.0 && s.height > 0.0);
    // The legend follows the set of lines and the theme, not their values, so an edit does not
    // rebuild it.
    let legend_entries = held_while(
        move || !laid_out(),
        move || {
            let dark = planner.dark.get();
            chart.with(|c| {
                c.iter()
                    .flat_map(Chart::legend)
                    .map(|e| (e.label.to_owned(), css_color(e.color, dark), e.shape))
                    .collect::<Vec<_>>()
            })
        },
    );
    let legend = move || {
        legend_entries
            .get()
            .into_iter()
            .map(|(label, color, shape)| {
                view! {
                    <li>
                        <Swatch color=color shape=shape />
                        {label}
                    </li>
                }
            })
            .collect_view()
    };

    let description = held_while(
        move || !laid_out(),
        move || {
            let currency = currency.get();
            chart.with(|c| {
                c.as_ref().map_or_else(String::new, |c| {
                    let ends: Vec<String> = c
                        .series
                        .iter()
                        .filter_map(|s| {
                            let last = s.values.last()?;
                            Some(format!("{} ends at {}", s.label, exact(*last, &currency)))
                        })
                        .collect();
                    format!(
                        "{}. {}. Use the arrow keys to read each month.",
                        title,
                        ends.join("; ")
                    )
                })
            })
        },
    );

    view! {
        <figure class="chart" data-testid=format!("chart-{id}")>
            <figcaption>
                <h3>{title}</h3>
                <span class="unit">{unit}</span>
                <button
                    type="button"
                    class="ghost save-picture"
                    aria-label=format!("Save PNG: {title}, at twice its size")
                    data-testid=format!("chart-{id}-save")
                    on:click=save_picture
                >
                    "Save PNG"
                </button>
            </figcaption>
            <ul class="legend">{legend}</ul>
            <div
                class="chart-frame"
                node_ref=frame
                tabindex="0"
                role="img"
                aria-label=description
                on:mousemove=on_move
                on:mouseleave=move |_| pointer.set(None)
                on:keydown=on_key
                on:blur=move |_| pointer.set(None)
            >
                <canvas node_ref=axes_canvas data-testid=format!("chart-{id}-axes")></canvas>
                <canvas node_ref=lines_canvas data-testid=format!("chart-{id}-canvas")></canvas>
                {readout}
            </div>
            <img class="print-only chart-print" node_ref=printed alt=title data-testid=format!("chart-{id}-print") />
        </figure>
    }
}
