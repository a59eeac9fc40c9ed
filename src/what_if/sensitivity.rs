//! Which lever matters most: a tornado of every lever moved alone to its low and its high.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::{Element, Event};

use super::dom::{el, field_message, handler, set_children, set_flag, set_style, set_text, El};
use super::{go_to_field, hundredths, percent, spread_field, spread_of, Plan};
use crate::model::levers::Setting;
use crate::model::sensitivity::{self, tornado, Bar, Measure, Varied};
use crate::model::Scenario;
use crate::ui::format;

/// How many bars show before "Show all".
const FIRST_BARS: usize = 10;

/// A measured value in words: money for the NPV, a month for break-even.
fn measured(plan: &Plan, what: Measure, value: f64, horizon: u32) -> String {
    match what {
        Measure::Npv => format::money_compact(value, &plan.currency()),
        Measure::BreakEven if value > f64::from(horizon) => "no pay-back".to_owned(),
        Measure::BreakEven => format!("month {}", value as u32),
    }
}

/// The spread each lever moves by when the panel opens: ±20%.
const FIRST_SPREAD: f64 = 0.2;

/// Whether `value` is better for the best challenger than `base`.
fn is_better(what: Measure, value: f64, base: f64) -> bool {
    match what {
        Measure::Npv => value > base,
        Measure::BreakEven => value < base,
    }
}

/// The tornado's figures for one plan.
#[derive(Clone, PartialEq)]
struct Figures {
    base: f64,
    horizon: u32,
    bars: Vec<Bar>,
    /// Levers left out because their low and high give the same figure.
    flat: usize,
    /// The lowest and highest figure of every bar and the base: the chart's scale.
    scale: (f64, f64),
}

impl Figures {
    /// Where `value` falls on the chart, from 0 (its left end) to 1.
    fn at(&self, value: f64) -> f64 {
        let (low, high) = self.scale;
        if high > low {
            (value - low) / (high - low)
        } else {
            0.5
        }
    }
}

fn figures(scenario: &Scenario, spread: f64, what: Measure) -> Option<Figures> {
    let base = sensitivity::measure(scenario, what)?;
    let varied: Vec<Varied> = Setting::assumptions()
        .map(|setting| Varied {
            setting,
            // The manager's own range where given.
            range: scenario
                .uncertainty
                .range_of(setting)
                .map(|range| (range.low, range.high)),
        })
        .collect();
    let (bars, flat): (Vec<Bar>, Vec<Bar>) = tornado(scenario, &varied, spread, what)
        .into_iter()
        .partition(|bar| bar.swing > 0.0);
    let scale = bars.iter().fold((base, base), |(low, high), bar| {
        let (a, b) = bar.measured;
        (low.min(a).min(b), high.max(a).max(b))
    });
    Some(Figures {
        base,
        horizon: scenario.baseline.horizon_months,
        bars,
        flat: flat.len(),
        scale,
    })
}

/// The tornado chart of the NPV of the extra contribution, or of the break-even month.
pub struct Tornado {
    plan: Rc<Plan>,
    what: Cell<Measure>,
    /// The last valid spread: while the field holds no valid share the chart keeps it.
    spread: Cell<f64>,
    show_all: Cell<bool>,
    found: RefCell<Option<Figures>>,
    view: Element,
    spread_message: Element,
    sentence: Element,
    chart: Element,
    base_label: Element,
    rows: Element,
    ends: (Element, Element),
    more: Element,
    flat: Element,
}

impl Tornado {
    /// The panel, its controls ready, empty until [`Tornado::refresh`].
    pub fn new(plan: Rc<Plan>) -> Rc<Self> {
        Rc::new_cyclic(|this| {
            let measure = |what: Measure, words: &str, test_id: &str| {
                el("label")
                    .child(
                        el("input")
                            .attr("type", "radio")
                            .attr("name", "tornado-measure")
                            .attr("data-testid", test_id)
                            .flag("checked", what == Measure::Npv)
                            .on(
                                "change",
                                handler(this, move |t: &Self, _| t.measure_by(what)),
                            ),
                    )
                    .text(words)
            };
            let spread_message = field_message("tornado-spread-message");
            let controls = el("div")
                .class("what-if-controls")
                .child(
                    el("fieldset")
                        .class("choice")
                        .child(el("legend").text("Measure"))
                        .child(measure(
                            Measure::Npv,
                            "NPV of the extra contribution",
                            "measure-npv",
                        ))
                        .child(measure(
                            Measure::BreakEven,
                            "Break-even month",
                            "measure-break-even",
                        )),
                )
                .child(spread_field(
                    "Each lever ± ",
                    "tornado-spread",
                    "tornado-spread-message",
                    FIRST_SPREAD,
                    handler(this, |t: &Self, ev| t.spread_typed(spread_of(ev))),
                ))
                .child(spread_message.element());
            let sentence = el("p")
                .class("what-if-sentence")
                .attr("data-testid", "tornado-sentence")
                .attr("aria-live", "polite");
            let base_label = el("p").class("base-label");
            let rows = el("ol")
                .class("tornado-rows")
                .attr("aria-label", "Levers, the one that matters most first")
                .on("click", |ev: Event| {
                    // A lever's name takes the manager to its input.
                    let path = ev
                        .target()
                        .and_then(|t| t.dyn_into::<Element>().ok())
                        .and_then(|t| t.closest("[data-path]").ok().flatten())
                        .and_then(|button| button.get_attribute("data-path"));
                    if let Some(setting) = path.as_deref().and_then(Setting::find) {
                        go_to_field(setting);
                    }
                });
            let ends = (el("span"), el("span"));
            let chart = el("div")
                .class("tornado-chart")
                .child(base_label.element())
                .child(el("span").class("base-line").attr("aria-hidden", "true"))
                .child(rows.element())
                .child(
                    el("p")
                        .class("tornado-axis")
                        .attr("aria-hidden", "true")
                        .child(ends.0.element())
                        .child(ends.1.element()),
                );
            let more = el("button")
                .flag("hidden", true)
                .on("click", handler(this, |t: &Self, _| t.show_all()));
            let flat = el("span");
            let view = el("div")
                .class("tornado")
                .attr("data-testid", "tornado")
                .child(controls)
                .child(sentence.element())
                .child(chart.element())
                .child(
                    el("p")
                        .class("what-if-note")
                        .child(more.element())
                        .text(" ")
                        .child(flat.element()),
                );
            Tornado {
                plan,
                what: Cell::new(Measure::Npv),
                spread: Cell::new(FIRST_SPREAD),
                show_all: Cell::new(false),
                found: RefCell::new(None),
                view: view.into(),
                spread_message: spread_message.into(),
                sentence: sentence.into(),
                chart: chart.into(),
                base_label: base_label.into(),
                rows: rows.into(),
                ends: (ends.0.into(), ends.1.into()),
                more: more.into(),
                flat: flat.into(),
            }
        })
    }

    /// The panel's element.
    pub fn view(&self) -> Element {
        self.view.clone()
    }

    /// Measures the plan anew and shows it.
    pub fn refresh(&self) {
        let found = self
            .plan
            .with(|s| figures(s, self.spread.get(), self.what.get()))
            .flatten();
        *self.found.borrow_mut() = found;
        self.show();
    }

    fn measure_by(&self, what: Measure) {
        self.what.set(what);
        self.refresh();
    }

    fn spread_typed(&self, spread: Result<f64, &str>) {
        set_text(&self.spread_message, spread.err().unwrap_or_default());
        if let Ok(spread) = spread {
            self.spread.set(spread);
            self.refresh();
        }
    }

    fn show_all(&self) {
        self.show_all.set(true);
        self.show();
    }

    /// Shows the figures last measured.
    fn show(&self) {
        let plan = &*self.plan;
        let what = self.what.get();
        let found = self.found.borrow();
        let Some(f) = found.as_ref() else {
            for element in [
                &self.sentence,
                &self.base_label,
                &self.ends.0,
                &self.ends.1,
                &self.flat,
            ] {
                set_text(element, "");
            }
            set_children(&self.rows, []);
            set_flag(&self.more, "hidden", true);
            return;
        };
        let measured = |value: f64| measured(plan, what, value, f.horizon);
        let sentence = f.bars.first().map(|top| {
            let figure = match what {
                Measure::Npv => "the NPV of the extra contribution",
                Measure::BreakEven => "the break-even month",
            };
            format!(
                "{} matters most: between {} and {} {figure} moves from {} to {}.",
                top.setting.name(),
                plan.shown(top.setting, top.values.0),
                plan.shown(top.setting, top.values.1),
                measured(top.measured.0),
                measured(top.measured.1),
            )
        });
        set_text(&self.sentence, sentence.as_deref().unwrap_or_default());
        set_style(&self.chart, "--base", &hundredths(f.at(f.base) * 100.0));
        set_text(
            &self.base_label,
            &format!("As planned: {}", measured(f.base)),
        );
        let shown = if self.show_all.get() {
            f.bars.len()
        } else {
            FIRST_BARS
        };
        set_children(
            &self.rows,
            f.bars.iter().take(shown).map(|bar| row(plan, what, f, bar)),
        );
        set_text(&self.ends.0, &measured(f.scale.0));
        set_text(&self.ends.1, &measured(f.scale.1));
        let more = f.bars.len().saturating_sub(FIRST_BARS);
        set_flag(&self.more, "hidden", self.show_all.get() || more == 0);
        set_text(&self.more, &format!("Show {more} more"));
        let mut flat = match f.flat {
            0 => String::new(),
            1 => "One lever makes no difference over its range and is left out. ".to_owned(),
            n => format!("{n} levers make no difference over their range and are left out. "),
        };
        let ranged = plan.with(|s| s.uncertainty.ranges.len()).unwrap_or(0);
        if ranged > 0 {
            flat += "A lever with a range of its own (under \"How sure we are\") moves over it.";
        }
        set_text(&self.flat, &flat);
    }
}

/// One lever's row: its name, which takes the manager to its input, and its two bars, each with
/// the lever's value written at its end.
fn row(plan: &Plan, what: Measure, f: &Figures, bar: &Bar) -> El {
    let at = |value: f64| f.at(value) * 100.0;
    let setting = bar.setting;
    let side = |value: f64, result: f64, end: &str| {
        let better = is_better(what, result, f.base);
        let (from, to) = (at(f.base.min(result)), at(f.base.max(result)));
        let mark = if better { "▲" } else { "▼" };
        let swing = if better {
            "swing better"
        } else {
            "swing worse"
        };
        let (label, label_at) = if result < f.base {
            ("swing-label to-left", from)
        } else {
            ("swing-label", to)
        };
        [
            el("span")
                .class(swing)
                .style("left", &percent(from))
                .style("width", &percent((to - from).max(0.4))),
            el("span")
                .class(label)
                .style("left", &percent(label_at))
                .text(&format!("{end} {} {mark}", plan.shown(setting, value)))
                .child(
                    el("span")
                        .class("visually-hidden")
                        .text(&format!(": {}", measured(plan, what, result, f.horizon))),
                ),
        ]
    };
    el("li")
        .class("tornado-row")
        .attr("data-testid", "tornado-row")
        .child(
            el("button")
                .class("lever-name")
                .attr("data-path", &setting.path())
                .attr("title", "Go to this input")
                .text(&setting.name()),
        )
        .child(
            el("div").class("track").child(
                el("div")
                    .class("scale")
                    .children(side(bar.values.0, bar.measured.0, "low"))
                    .children(side(bar.values.1, bar.measured.1, "high")),
            ),
        )
}
