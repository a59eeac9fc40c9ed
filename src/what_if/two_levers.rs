//! Two levers at once: the NPV of the extra contribution over a grid of their values, shaded,
//! with a thick line where the best challenger turns from losing to paying back.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use web_sys::Element;

use super::dom::{self, el, handler, option, set_children, set_flag, set_text};
use super::{assumption_options, spread_field, spread_of, Plan};
use crate::model::levers::Setting;
use crate::model::sensitivity::{grid, Grid, Varied};
use crate::ui::format;

/// The levers down and across when the panel opens: the revenue center's trade, better paid
/// agents against customers kept.
const FIRST_LEVERS: (&str, &str) = (
    "revenue_center.monthly_churn",
    "revenue_center.agent_cost_per_hour",
);

/// How far each lever moves when the panel opens, as a share of its value: wide enough to show
/// where the plan stops paying back.
const FIRST_SPREAD: f64 = 0.5;

/// The grid sizes offered.
const SIZES: [usize; 3] = [5, FIRST_SIZE, 21];

/// The grid size when the panel opens: 11 × 11, a spreadsheet's usual data table.
const FIRST_SIZE: usize = 11;

/// The two-lever table.
pub struct TwoLevers {
    plan: Rc<Plan>,
    levers: Cell<(Option<Setting>, Option<Setting>)>,
    /// The last valid spread: while the field holds no valid share the table keeps it.
    spread: Cell<f64>,
    size: Cell<usize>,
    found: RefCell<Option<Grid>>,
    view: Element,
    message: Element,
    sentence: Element,
    /// The table in its frame, hidden while there is no grid: its caption alone would stand in
    /// a column one word wide.
    frame: Element,
    head: Element,
    body: Element,
}

impl TwoLevers {
    /// The panel, its controls ready, empty until [`TwoLevers::refresh`].
    pub fn new(plan: Rc<Plan>) -> Rc<Self> {
        Rc::new_cyclic(|this| {
            let lever_choice = |test_id: &str, words: &str, first: &'static str, down: bool| {
                el("label").text(words).child(
                    el("select")
                        .attr("data-testid", test_id)
                        .children(assumption_options(first))
                        .on(
                            "change",
                            handler(this, move |t: &Self, ev| {
                                let chosen = Setting::find(&dom::value_of(ev));
                                let (rows, columns) = t.levers.get();
                                t.levers.set(if down {
                                    (chosen, columns)
                                } else {
                                    (rows, chosen)
                                });
                                t.refresh();
                            }),
                        ),
                )
            };
            let sizes = SIZES.map(|size| {
                option(&size.to_string(), &format!("{size} × {size}"))
                    .flag("selected", size == FIRST_SIZE)
            });
            let message =
                dom::field_message("two-levers-message").attr("data-testid", "two-levers-message");
            let controls = el("div")
                .class("what-if-controls")
                .child(lever_choice(
                    "two-levers-rows",
                    "Down ",
                    FIRST_LEVERS.0,
                    true,
                ))
                .child(lever_choice(
                    "two-levers-columns",
                    "Across ",
                    FIRST_LEVERS.1,
                    false,
                ))
                .child(spread_field(
                    "Each ± ",
                    "two-levers-spread",
                    "two-levers-message",
                    FIRST_SPREAD,
                    handler(this, |t: &Self, ev| t.spread_typed(spread_of(ev))),
                ))
                .child(
                    el("label").text("Grid ").child(
                        el("select")
                            .attr("data-testid", "two-levers-size")
                            .children(sizes)
                            .on(
                                "change",
                                handler(this, |t: &Self, ev| {
                                    let chosen = dom::value_of(ev);
                                    let size =
                                        SIZES.into_iter().find(|size| size.to_string() == chosen);
                                    t.size.set(size.unwrap_or(FIRST_SIZE));
                                    t.refresh();
                                }),
                            ),
                    ),
                );
            let sentence = el("p")
                .class("what-if-sentence")
                .attr("data-testid", "two-levers-sentence")
                .attr("aria-live", "polite");
            let head = el("thead");
            let body = el("tbody");
            // The frame shades an edge the table runs on past, where it scrolls.
            let frame = el("div").class("two-levers-frame").child(
                el("div").class("two-levers-scroll").child(
                    el("table")
                        .class("two-levers-table")
                        .attr("data-testid", "two-levers-table")
                        .child(el("caption").text(
                            "NPV of the extra contribution; a thick line marks where it turns from below zero to above",
                        ))
                        .child(head.element())
                        .child(body.element()),
                ),
            );
            let view = el("div")
                .class("two-levers")
                .attr("data-testid", "two-levers")
                .child(controls)
                .child(message.element())
                .child(sentence.element())
                .child(frame.element());
            TwoLevers {
                plan,
                levers: Cell::new((Setting::find(FIRST_LEVERS.0), Setting::find(FIRST_LEVERS.1))),
                spread: Cell::new(FIRST_SPREAD),
                size: Cell::new(FIRST_SIZE),
                found: RefCell::new(None),
                view: view.into(),
                message: message.into(),
                sentence: sentence.into(),
                frame: frame.into(),
                head: head.into(),
                body: body.into(),
            }
        })
    }

    /// The panel's element.
    pub fn view(&self) -> Element {
        self.view.clone()
    }

    fn spread_typed(&self, spread: Result<f64, &str>) {
        set_text(&self.message, spread.err().unwrap_or_default());
        if let Ok(spread) = spread {
            self.spread.set(spread);
            self.refresh();
        }
    }

    /// Computes the table for the plan as it now is, and shows it.
    pub fn refresh(&self) {
        let (rows, columns) = self.levers.get();
        let same = rows.is_some() && rows == columns;
        let found = match (rows, columns) {
            (Some(rows), Some(columns)) if !same => self.plan.with(|s| {
                let varied = |setting| Varied {
                    setting,
                    range: None,
                };
                grid(
                    s,
                    varied(rows),
                    varied(columns),
                    self.spread.get(),
                    self.size.get(),
                )
            }),
            _ => None,
        };
        if same {
            set_text(&self.message, "Pick two different levers.");
        } else if self.message.text_content().as_deref() == Some("Pick two different levers.") {
            set_text(&self.message, "");
        }
        *self.found.borrow_mut() = found;
        self.show();
    }

    fn show(&self) {
        let plan = &*self.plan;
        let found = self.found.borrow();
        let shown = found
            .as_ref()
            .zip(self.levers.get().0.zip(self.levers.get().1));
        set_flag(&self.frame, "hidden", shown.is_none());
        let Some((table, (rows, columns))) = shown else {
            set_text(&self.sentence, "");
            set_children(&self.head, []);
            set_children(&self.body, []);
            return;
        };
        let currency = plan.currency();
        let value = |setting: Setting, v: f64| format::in_sentence(setting.kind(), v);
        // The cell nearest the plan's own values is marked.
        let nearest = |values: &[f64], planned: f64| {
            (0..values.len()).min_by(|&a, &b| {
                (values[a] - planned)
                    .abs()
                    .total_cmp(&(values[b] - planned).abs())
            })
        };
        let planned = plan
            .with(|s| {
                (
                    nearest(&table.rows, rows.get(s)),
                    nearest(&table.columns, columns.get(s)),
                )
            })
            .unwrap_or((None, None));
        let largest = table
            .npv
            .iter()
            .flatten()
            .fold(0.0_f64, |m, v| m.max(v.abs()));
        set_children(
            &self.head,
            [
                el("tr").child(el("td")).child(
                    el("th")
                        .attr("scope", "colgroup")
                        .attr("colspan", &table.columns.len().to_string())
                        .class("across")
                        .text(&format!("{} →", columns.name())),
                ),
                el("tr")
                    .child(
                        el("th")
                            .attr("scope", "col")
                            .class("down")
                            .text(&format!("{} ↓", rows.name())),
                    )
                    .children(
                        table
                            .columns
                            .iter()
                            .map(|&v| el("th").attr("scope", "col").text(&value(columns, v))),
                    ),
            ],
        );
        let sign = |row: usize, column: usize| table.at(row, column).map(|npv| npv > 0.0);
        set_children(
            &self.body,
            table.rows.iter().enumerate().map(|(r, &row_value)| {
                el("tr")
                    .child(el("th").attr("scope", "row").text(&value(rows, row_value)))
                    .children((0..table.columns.len()).map(|c| {
                        let Some(npv) = table.at(r, c) else {
                            return el("td").text("—");
                        };
                        let turns = |other: Option<bool>| other.is_some_and(|o| o != (npv > 0.0));
                        let mut class = String::from(if npv > 0.0 { "gain" } else { "loss" });
                        if turns(sign(r, c + 1)) {
                            class.push_str(" turns-right");
                        }
                        if turns(sign(r + 1, c)) {
                            class.push_str(" turns-below");
                        }
                        let as_planned = planned == (Some(r), Some(c));
                        if as_planned {
                            class.push_str(" planned");
                        }
                        let strength = if largest > 0.0 {
                            npv.abs() / largest
                        } else {
                            0.0
                        };
                        let cell = el("td")
                            .class(&class)
                            .style(
                                "--strength",
                                &format!("{}%", (strength * 55.0).round() as u32),
                            )
                            .text(&format::money_column(npv, &currency));
                        if as_planned {
                            cell.attr("title", "As planned")
                        } else {
                            cell
                        }
                    }))
            }),
        );
        // In words: the ends of the table, and how much of it pays back.
        let cells = || {
            table.rows.iter().enumerate().flat_map(move |(r, &rv)| {
                table
                    .columns
                    .iter()
                    .enumerate()
                    .filter_map(move |(c, &cv)| table.at(r, c).map(|npv| (npv, rv, cv)))
            })
        };
        let at = |(npv, rv, cv): (f64, f64, f64)| {
            format!(
                "{} ({} {}, {} {})",
                format::money_compact(npv, &currency),
                rows.name(),
                value(rows, rv),
                columns.name(),
                value(columns, cv)
            )
        };
        let lowest = cells().min_by(|a, b| a.0.total_cmp(&b.0));
        let highest = cells().max_by(|a, b| a.0.total_cmp(&b.0));
        let paying = cells().filter(|cell| cell.0 > 0.0).count();
        let sentence = match (lowest, highest) {
            (Some(lowest), Some(highest)) => format!(
                "The NPV runs from {} to {}; {} of these {} pairs of values give an NPV above zero.",
                at(lowest),
                at(highest),
                paying,
                cells().count()
            ),
            _ => String::new(),
        };
        set_text(&self.sentence, &sentence);
    }
}
