//! One chart on a canvas sized by device pixel ratio, redrawn when the projection, the size or
//! the theme changes while it is in view; the pointer or the arrow keys show a month's values.

use leptos::html::{Canvas, Div};
use leptos::prelude::*;
use leptos_use::{
    use_device_pixel_ratio, use_element_size, use_element_visibility, UseElementSizeReturn,
};
use plotters::prelude::IntoDrawingArea;

use super::chart_canvas::ChartCanvas;
use super::format::{money, money_compact, number, number_compact};
use super::Planner;
use crate::charts::specs::ChartKind;
use crate::charts::{draw_line_chart, ChartStyle, LineChart, PlotGeometry};

fn css_color(color: plotters::style::RGBColor) -> String {
    format!("rgb({}, {}, {})", color.0, color.1, color.2)
}

/// A chart with its title, legend and hover readout.
#[component]
pub fn ChartPanel(
    /// Which chart to draw.
    kind: ChartKind,
) -> impl IntoView {
    let planner = expect_context::<Planner>();
    let frame = NodeRef::<Div>::new();
    let canvas = NodeRef::<Canvas>::new();
    let UseElementSizeReturn { width, height } = use_element_size(frame);
    let pixel_ratio = use_device_pixel_ratio();
    // A chart scrolled out of view is redrawn when it comes back, not on every edit.
    let visible = use_element_visibility(frame);

    let chart = Memo::new(move |_| {
        planner
            .shown
            .with(|s| s.as_ref().map(|s| kind.build(&s.projection)))
    });
    let currency = Memo::new(move |_| {
        planner.shown.with(|s| {
            s.as_ref()
                .map(|s| s.scenario.baseline.currency.clone())
                .unwrap_or_default()
        })
    });
    // Where the last drawing put its plot area, in CSS pixels. Not a signal: the drawing is the
    // outside world here, and only the hover handlers read it.
    let geometry = StoredValue::new(None::<PlotGeometry>);
    let hovered = RwSignal::new(None::<u32>);

    Effect::new(move |_| {
        let Some(element) = canvas.get() else { return };
        if !visible.get() {
            return;
        }
        let (w, h, ratio) = (width.get(), height.get(), pixel_ratio.get().max(1.0));
        if w < 20.0 || h < 20.0 {
            return;
        }
        // Assigning a canvas's size clears and reallocates it, even to the same size.
        let (backing_width, backing_height) =
            ((w * ratio).round() as u32, (h * ratio).round() as u32);
        if element.width() != backing_width || element.height() != backing_height {
            element.set_width(backing_width);
            element.set_height(backing_height);
        }
        let style = if planner.dark.get() {
            ChartStyle::dark(ratio)
        } else {
            ChartStyle::light(ratio)
        };
        let currency = currency.get();
        let format_value = move |v: f64| {
            if kind.is_money() {
                money_compact(v, &currency)
            } else {
                number_compact(v)
            }
        };
        chart.with(|chart| {
            let Some(chart) = chart else { return };
            let Some(backend) = ChartCanvas::new(element.clone()) else {
                return;
            };
            let root = backend.into_drawing_area();
            match draw_line_chart(&root, chart, &style, &format_value) {
                Ok(g) => geometry.set_value(Some(PlotGeometry {
                    left: g.left / ratio,
                    right: g.right / ratio,
                    top: g.top / ratio,
                    bottom: g.bottom / ratio,
                    months: g.months,
                })),
                Err(error) => leptos::logging::warn!("{error}"),
            }
        });
    });

    let on_move = move |ev: leptos::ev::MouseEvent| {
        let month = geometry.with_value(|g| g.and_then(|g| g.month_at(f64::from(ev.offset_x()))));
        hovered.set(month);
    };
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let months = geometry.with_value(|g| g.map_or(0, |g| g.months));
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
                hovered.set(None);
                return;
            }
            _ => return,
        };
        ev.prevent_default();
        hovered.set(Some(next));
    };

    // A value in full, for the hover box and the description read by screen readers.
    let exact = move |value: f64, currency: &str| {
        if kind.is_money() {
            money(value, currency)
        } else {
            number(value, 0)
        }
    };

    let readout = move || {
        let month = hovered.get()?;
        let g = geometry.get_value()?;
        let currency = currency.get();
        let rows = chart.with(|c| {
            c.as_ref().map(|c: &LineChart| {
                c.series
                    .iter()
                    .filter_map(|s| {
                        let v = *s.values.get(month as usize - 1)?;
                        Some((
                            s.label.clone(),
                            css_color(s.color),
                            s.dashed,
                            exact(v, &currency),
                        ))
                    })
                    .collect::<Vec<_>>()
            })
        })?;
        let x = g.x_of(month);
        let flip = x > (g.left + g.right) / 2.0;
        Some(view! {
            <div class="hover-line" style=format!("left: {x}px; top: {}px; height: {}px", g.top, g.bottom - g.top)></div>
            <div
                class="hover-box"
                class:flip=flip
                style=format!("left: {x}px; top: {}px", g.top)
                data-testid=format!("chart-{}-hover", kind.id())
            >
                <strong>{format!("Month {month}")}</strong>
                <ul>
                    {rows
                        .into_iter()
                        .map(|(label, color, dashed, value)| {
                            view! {
                                <li>
                                    <span class="swatch" class:dashed=dashed style=format!("--swatch: {color}")></span>
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

    // The legend follows the set of lines, not their values, so an edit does not rebuild it.
    let legend_entries = Memo::new(move |_| {
        chart.with(|c| {
            c.iter()
                .flat_map(|c| &c.series)
                .map(|s| (s.label.clone(), css_color(s.color), s.dashed))
                .collect::<Vec<_>>()
        })
    });
    let legend = move || {
        legend_entries
            .get()
            .into_iter()
            .map(|(label, color, dashed)| {
                view! {
                    <li>
                        <span class="swatch" class:dashed=dashed style=format!("--swatch: {color}")></span>
                        {label}
                    </li>
                }
            })
            .collect_view()
    };

    let description = move || {
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
                    kind.title(),
                    ends.join("; ")
                )
            })
        })
    };

    view! {
        <figure class="chart" data-testid=format!("chart-{}", kind.id())>
            <figcaption>
                <h3>{kind.title()}</h3>
                <span class="unit">{kind.unit()}</span>
            </figcaption>
            <ul class="legend">{legend}</ul>
            <div
                class="chart-frame"
                node_ref=frame
                tabindex="0"
                role="img"
                aria-label=description
                on:mousemove=on_move
                on:mouseleave=move |_| hovered.set(None)
                on:keydown=on_key
                on:blur=move |_| hovered.set(None)
            >
                <canvas node_ref=canvas data-testid=format!("chart-{}-canvas", kind.id())></canvas>
                {readout}
            </div>
        </figure>
    }
}
