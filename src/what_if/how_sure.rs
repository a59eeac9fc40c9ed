//! How sure the plan is: a low and a high for each lever the manager is unsure of, kept in the
//! scenario, and a Monte Carlo run that draws them all at once.
//!
//! The run goes a slice at a time, each well under a frame, yielding to the page between
//! slices through a message channel (a timer would add its minimum delay to every slice), so
//! the page stays responsive while it runs. Any edit of the scenario starts it again.

use std::cell::{Cell, OnceCell, RefCell};
use std::rc::{Rc, Weak};

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlInputElement, HtmlSelectElement, MessageChannel, MessagePort};

use super::dom::{self, el, handler, option, set_children, set_flag, set_state, set_text, svg, El};
use super::{ask_for, percent, Plan, BAND_EVENT};
use crate::model::levers::Setting;
use crate::model::monte_carlo::{MonteCarlo, Percentiles, RunError, Summary, DEFAULT_TRIALS};
use crate::model::scenario::{Shape, Uncertain};
use crate::model::sensitivity::{low_and_high, Varied};
use crate::model::validation::Problem;
use crate::model::Scenario;
use crate::share;
use crate::ui::format;

/// How long a slice of trials runs before the page has the thread back, in milliseconds.
const SLICE_MS: f64 = 12.0;
/// Trials between looks at the clock.
const TRIALS_PER_LOOK: usize = 16;
/// How far a range reaches each way when a lever is first given one, as a share of its value.
const FIRST_SPREAD: f64 = 0.2;
/// Levers named after the first in the sentence on what drives the spread.
const MORE_DRIVERS: usize = 3;
/// The charts' drawing area, in the units of their view box.
const WIDTH: f64 = 1000.0;
const HEIGHT: f64 = 400.0;

/// One lever's range, as its row of fields shows it.
struct RangeRow {
    setting: Setting,
    row: Element,
    low: HtmlInputElement,
    high: HtmlInputElement,
    shape: HtmlSelectElement,
    likely: Element,
    message: Element,
}

/// The ranges and the Monte Carlo run over them.
pub struct HowSure {
    plan: Rc<Plan>,
    /// The panel itself, for the handlers of rows made after it.
    this: Weak<Self>,
    /// The run under way.
    run: RefCell<Option<MonteCarlo>>,
    /// The scenario the run, or the figures shown, are for.
    ran_for: RefCell<Option<Scenario>>,
    /// Whether a slice is already asked for.
    scheduled: Cell<bool>,
    /// A lever just given a range, whose low field takes the focus once its row is made.
    focus_next: Cell<Option<Setting>>,
    rows: RefCell<Vec<RangeRow>>,
    port: MessagePort,
    /// Asks for the first slice of a run: called at the next frame, so that the edit that
    /// started the run is painted before any trial runs.
    after_paint: OnceCell<js_sys::Function>,
    view: Element,
    table: Element,
    body: Element,
    add: HtmlSelectElement,
    add_button: Element,
    seed: HtmlInputElement,
    seed_message: Element,
    status: Element,
    progress: Element,
    cancel: Element,
    again: Element,
    results: Element,
    chance: Element,
    figures: Element,
    band: Element,
    band_axis: Element,
    /// The band chart's highest and lowest values, written at its top and bottom.
    band_scale: Element,
    /// The histogram's legend: zero's mark, or that every trial is on one side of it.
    zero_key: Element,
    histogram: Element,
    histogram_axis: Element,
    drivers: Element,
}

impl HowSure {
    /// The panel, its controls ready, empty until [`HowSure::refresh`].
    pub fn new(plan: Rc<Plan>) -> Rc<Self> {
        let channel = MessageChannel::new().expect_throw("a page has message channels");
        let this = Rc::new_cyclic(|this| {
            let head = column_heads(["Lever", "Low", "As planned", "High", "Spread", ""]);
            let body = el("tbody");
            let table = el("table")
                .class("ranges")
                .attr("data-testid", "ranges")
                .flag("hidden", true)
                .child(el("caption").class("visually-hidden").text("Ranges"))
                .child(head)
                .child(body.element());
            let add = el("select")
                .attr("data-testid", "range-lever")
                .attr("aria-label", "Lever to give a range");
            let add_button = el("button")
                .attr("data-testid", "range-add")
                .text("Give it a range")
                .on("click", handler(this, |t: &Self, _| t.add_range()));
            let seed = el("input")
                .attr("type", "number")
                .attr("min", "0")
                .attr("max", &u32::MAX.to_string())
                .attr("step", "1")
                .attr("data-testid", "mc-seed")
                .attr("aria-describedby", "mc-seed-message")
                .on(
                    "change",
                    handler(this, |t: &Self, ev| t.seed_typed(dom::number_of(ev))),
                );
            let seed_message = dom::field_message("mc-seed-message");
            let controls = el("div")
                .class("what-if-controls")
                .child(el("label").text("Add a lever ").child(add.element()))
                .child(add_button.element())
                .child(el("label").text("Seed ").child(seed.element()))
                .child(seed_message.element());
            let progress = el("progress")
                .attr("max", &DEFAULT_TRIALS.to_string())
                .attr("value", "0")
                .attr("aria-label", "Trials drawn");
            let cancel = el("button")
                .attr("data-testid", "mc-cancel")
                .text("Cancel")
                .on("click", handler(this, |t: &Self, _| t.cancel()));
            let again = el("button")
                .attr("data-testid", "mc-again")
                .flag("hidden", true)
                .text("Run again")
                .on("click", handler(this, |t: &Self, _| t.run_again()));
            let status = el("span").attr("data-testid", "mc-status");
            let run_line = el("p")
                .class("mc-run")
                .attr("role", "status")
                .child(status.element())
                .text(" ")
                .child(progress.element())
                .text(" ")
                .child(cancel.element())
                .child(again.element());
            let chance = el("p")
                .class("what-if-sentence")
                .attr("data-testid", "mc-chance");
            let figures = el("tbody");
            let percentiles = el("table")
                .class("mc-percentiles")
                .attr("data-testid", "mc-percentiles")
                .child(el("caption").class("visually-hidden").text("Percentiles"))
                .child(column_heads(["", "P10", "P50 (median)", "P90"]))
                .child(figures.element());
            let band = plot("mc-band");
            let band_axis = el("div").class("mc-axis");
            let histogram = plot("mc-histogram");
            let histogram_axis = el("div").class("mc-axis");
            let band_scale = el("div").class("mc-scale").attr("aria-hidden", "true");
            let zero_key = el("p").class("mc-legend");
            let drivers = el("p")
                .class("what-if-sentence")
                .attr("data-testid", "mc-drivers");
            let results = el("div")
                .class("mc-results")
                .flag("hidden", true)
                .child(chance.element())
                .child(percentiles)
                .child(
                    el("div")
                        .class("mc-charts")
                        .child(
                            el("figure")
                                .child(
                                    el("figcaption")
                                        .text("Cumulative extra contribution, month by month"),
                                )
                                .child(el("p").class("mc-legend").children([
                                    key("band", "P10 to P90"),
                                    key("median", "P50"),
                                    key("planned", "As planned"),
                                    key("zero", "Zero"),
                                ]))
                                .child(
                                    el("div")
                                        .class("mc-plot")
                                        .child(band.element())
                                        .child(band_scale.element()),
                                )
                                .child(band_axis.element()),
                        )
                        .child(
                            el("figure")
                                .child(
                                    el("figcaption")
                                        .text("NPV of the extra contribution, trials by value"),
                                )
                                .child(zero_key.element())
                                .child(el("div").class("mc-plot").child(histogram.element()))
                                .child(histogram_axis.element()),
                        ),
                )
                .child(drivers.element());
            let view = el("div")
                .class("how-sure")
                .attr("data-testid", "how-sure")
                .child(el("p").class("what-if-note").text(
                    "Give a low and a high to the levers you are unsure of. 10,000 trials draw them all at once; the plan's value is the most likely.",
                ))
                .child(table.element())
                .child(controls)
                .child(run_line)
                .child(results.element());
            let input = |el: El| el.element().unchecked_into::<HtmlInputElement>();
            HowSure {
                plan,
                this: this.clone(),
                run: RefCell::new(None),
                ran_for: RefCell::new(None),
                scheduled: Cell::new(false),
                focus_next: Cell::new(None),
                rows: RefCell::new(Vec::new()),
                port: channel.port2(),
                after_paint: OnceCell::new(),
                view: view.into(),
                table: table.into(),
                body: body.into(),
                add: add.element().unchecked_into(),
                add_button: add_button.into(),
                seed: input(seed),
                seed_message: seed_message.into(),
                status: status.into(),
                progress: progress.into(),
                cancel: cancel.into(),
                again: again.into(),
                results: results.into(),
                chance: chance.into(),
                figures: figures.into(),
                band: band.into(),
                band_axis: band_axis.into(),
                band_scale: band_scale.into(),
                zero_key: zero_key.into(),
                histogram: histogram.into(),
                histogram_axis: histogram_axis.into(),
                drivers: drivers.into(),
            }
        });
        // Each message runs one slice; the panel lives as long as the page.
        let weak = Rc::downgrade(&this);
        let slice = Closure::<dyn Fn()>::new(move || {
            if let Some(this) = weak.upgrade() {
                this.slice();
            }
        });
        channel
            .port1()
            .set_onmessage(Some(slice.as_ref().unchecked_ref()));
        slice.forget();
        let weak = Rc::downgrade(&this);
        let after_paint = Closure::<dyn Fn()>::new(move || {
            if let Some(this) = weak.upgrade() {
                this.schedule();
            }
        });
        let _ = this.after_paint.set(
            after_paint
                .as_ref()
                .unchecked_ref::<js_sys::Function>()
                .clone(),
        );
        after_paint.forget();
        this
    }

    /// The panel's element.
    pub fn view(&self) -> Element {
        self.view.clone()
    }

    /// Shows the plan's ranges and, when the plan changed, runs the trials again.
    pub fn refresh(&self) {
        let scenario = self.plan.with(Clone::clone);
        if *self.ran_for.borrow() == scenario {
            return;
        }
        if let Some(scenario) = &scenario {
            self.show_ranges(scenario);
        }
        *self.ran_for.borrow_mut() = scenario;
        self.start();
    }

    /// Makes the rows of the plan's ranges match it, keeping the rows that stay (and the focus
    /// in them), and offers the levers without a range.
    fn show_ranges(&self, scenario: &Scenario) {
        let ranges = &scenario.uncertainty.ranges;
        let mut rows = self.rows.borrow_mut();
        rows.retain(|row| {
            let kept = ranges.iter().any(|r| r.setting == row.setting);
            if !kept {
                row.row.remove();
            }
            kept
        });
        // Shown before a new row takes the focus: nothing hidden can have it.
        set_flag(&self.table, "hidden", ranges.is_empty());
        for range in ranges {
            if !rows.iter().any(|row| row.setting == range.setting) {
                let row = self.range_row(range.setting);
                let _ = self.body.append_child(&row.row);
                if self.focus_next.get() == Some(range.setting) {
                    self.focus_next.set(None);
                    let _ = row.low.focus();
                }
                rows.push(row);
            }
            let row = rows.iter().find(|row| row.setting == range.setting);
            if let Some(row) = row {
                let kind = range.setting.kind();
                for (input, value) in [(&row.low, range.low), (&row.high, range.high)] {
                    let shown = kind.shown_number(value);
                    // A field is only rewritten when it says something else, so that typing
                    // in it is never undone.
                    if input.value_as_number() != shown {
                        input.set_value(&format::exact(shown).replace(',', ""));
                    }
                }
                row.shape.set_value(range.shape.key());
                set_text(
                    &row.likely,
                    &self.plan.shown(range.setting, range.setting.get(scenario)),
                );
            }
        }
        drop(rows);
        let free: Vec<El> = Setting::assumptions()
            .filter(|setting| scenario.uncertainty.range_of(*setting).is_none())
            .map(|setting| option(&setting.path(), &setting.name()))
            .collect();
        set_flag(&self.add_button, "disabled", free.is_empty());
        set_children(&self.add, free);
        let seed = f64::from(scenario.uncertainty.seed);
        if self.seed.value_as_number() != seed {
            self.seed.set_value(&scenario.uncertainty.seed.to_string());
        }
    }

    /// A new row of fields for the range of `setting`.
    fn range_row(&self, setting: Setting) -> RangeRow {
        let path = setting.path();
        let message_id = format!("range-message-{path}");
        let unit = setting.unit().replace('¤', &self.plan.currency());
        let this = self.weak();
        let end = |end: &str| {
            el("input")
                .attr("type", "number")
                .attr("step", "any")
                .attr("data-testid", &format!("range-{end}"))
                .attr("aria-label", &format!("{end} of {}", setting.name()))
                .attr("aria-describedby", &message_id)
                .on(
                    "change",
                    handler(&this, move |t: &Self, _| t.range_typed(setting)),
                )
        };
        let (low, high) = (end("low"), end("high"));
        let shape = el("select")
            .attr("data-testid", "range-shape")
            .attr("aria-label", &format!("Spread of {}", setting.name()))
            .child(option(Shape::Pert.key(), "PERT"))
            .child(option(Shape::Triangular.key(), "Triangular"))
            .on(
                "change",
                handler(&this, move |t: &Self, _| t.range_typed(setting)),
            );
        let likely = el("td").class("likely").attr("data-label", "As planned");
        let message = el("p").class("field-message").attr("id", &message_id);
        let with_unit = |field: &El, label: &str| {
            el("td")
                .attr("data-label", label)
                .child(field.element())
                .text(&format!(" {unit}"))
        };
        let row = el("tr")
            .attr("data-testid", "range-row")
            .attr("data-path", &path)
            .child(
                el("th")
                    .attr("scope", "row")
                    .text(&setting.name())
                    .child(message.element()),
            )
            .child(with_unit(&low, "Low"))
            .child(likely.element())
            .child(with_unit(&high, "High"))
            .child(el("td").child(shape.element()))
            .child(
                el("td").child(
                    el("button")
                        .attr("data-testid", "range-remove")
                        .attr(
                            "aria-label",
                            &format!("Remove the range of {}", setting.name()),
                        )
                        .text("Remove")
                        .on(
                            "click",
                            handler(&this, move |t: &Self, _| t.remove_range(setting)),
                        ),
                ),
            );
        RangeRow {
            setting,
            row: row.into(),
            low: low.element().unchecked_into(),
            high: high.element().unchecked_into(),
            shape: shape.element().unchecked_into(),
            likely: likely.into(),
            message: message.into(),
        }
    }

    fn weak(&self) -> Weak<Self> {
        self.this.clone()
    }

    /// Asks the page for the plan with its ranges changed by `change`.
    fn edit_ranges(&self, change: impl FnOnce(&mut Vec<Uncertain>)) {
        if let Some(mut edited) = self.plan.with(Clone::clone) {
            change(&mut edited.uncertainty.ranges);
            ask_for(&edited);
        }
    }

    /// Gives the lever chosen a range of ±20% of its value, within its valid range.
    fn add_range(&self) {
        let Some(setting) = Setting::find(&self.add.value()) else {
            return;
        };
        let Some((low, high)) = self.plan.with(|s| {
            low_and_high(
                s,
                &Varied {
                    setting,
                    range: None,
                },
                FIRST_SPREAD,
            )
        }) else {
            return;
        };
        self.focus_next.set(Some(setting));
        self.edit_ranges(|ranges| {
            ranges.push(Uncertain {
                setting,
                low,
                high,
                shape: Shape::Pert,
            });
        });
    }

    fn remove_range(&self, setting: Setting) {
        self.edit_ranges(|ranges| ranges.retain(|r| r.setting != setting));
        // The focus would be lost with the row: the lever list takes it.
        let _ = self.add.focus();
    }

    /// Reads a row's fields: a valid range is asked for, a wrong one said at the row.
    fn range_typed(&self, setting: Setting) {
        let read = {
            let rows = self.rows.borrow();
            let Some(row) = rows.iter().find(|row| row.setting == setting) else {
                return;
            };
            let range = read_range(setting, &row.low, &row.high, &row.shape);
            set_text(
                &row.message,
                range.as_ref().err().map_or("", String::as_str),
            );
            for input in [&row.low, &row.high] {
                set_state(input, "aria-invalid", range.is_err());
            }
            range
        };
        match read {
            Ok(range) => self.edit_ranges(|ranges| {
                if let Some(old) = ranges.iter_mut().find(|r| r.setting == setting) {
                    *old = range;
                }
            }),
            Err(_) => self.hold(setting),
        }
    }

    /// A range typed wrong is not asked for, so the plan keeps the range last run: any run
    /// under way stops, and the last figures stay, marked as not those of the ranges on screen.
    fn hold(&self, setting: Setting) {
        *self.run.borrow_mut() = None;
        set_flag(&self.again, "hidden", true);
        set_state(&self.results, "aria-busy", false);
        set_flag(&self.results, "data-stale", true);
        self.stopped(&format!(
            "The figures below are from the last run. Fix the range of {} to run the trials again.",
            setting.name()
        ));
    }

    fn seed_typed(&self, seed: f64) {
        let valid = seed >= 0.0 && seed <= f64::from(u32::MAX) && seed.fract() == 0.0;
        let message = format!(
            "Enter a whole number from 0 to {}.",
            format::number(f64::from(u32::MAX), 0)
        );
        set_text(&self.seed_message, if valid { "" } else { &message });
        set_state(&self.seed, "aria-invalid", !valid);
        if let (true, Some(mut edited)) = (valid, self.plan.with(Clone::clone)) {
            edited.uncertainty.seed = seed as u32;
            ask_for(&edited);
        }
    }

    /// Starts the trials on the plan as it now is, stopping any run under way.
    fn start(&self) {
        *self.run.borrow_mut() = None;
        set_flag(&self.again, "hidden", true);
        set_flag(&self.results, "data-stale", false);
        let scenario = self.ran_for.borrow();
        let Some(scenario) = scenario.as_ref() else {
            self.stopped("");
            return;
        };
        match self.new_run(scenario) {
            Ok(run) => {
                *self.run.borrow_mut() = Some(run);
                // The last figures stay, dimmed, until the new ones are ready.
                set_state(&self.results, "aria-busy", true);
                set_flag(&self.cancel, "hidden", false);
                set_flag(&self.progress, "hidden", false);
                self.progressed(0);
                let window = web_sys::window().expect_throw("the analyses run in a page");
                if let Some(after_paint) = self.after_paint.get() {
                    let _ = window.request_animation_frame(after_paint);
                }
            }
            Err(words) => {
                set_flag(&self.results, "hidden", true);
                self.stopped(&words);
            }
        }
    }

    /// A run over the ranges of `scenario`, or why there can be none, in words.
    fn new_run(&self, scenario: &Scenario) -> Result<MonteCarlo, String> {
        let ranges = &scenario.uncertainty.ranges;
        if ranges.is_empty() {
            return Err("Give a lever a range to see how sure the plan is.".to_owned());
        }
        let seed = u64::from(scenario.uncertainty.seed);
        MonteCarlo::new(scenario, ranges, DEFAULT_TRIALS, seed).map_err(|error| match error {
            RunError::Range(setting) => format!(
                "The range of {} must hold the plan's {}, and the plan must project at both its ends. Change the range to run the trials.",
                setting.name(),
                self.plan.shown(setting, setting.get(scenario))
            ),
            RunError::Plan | RunError::NoTrials => {
                "The plan does not project as it is: its figures say why.".to_owned()
            }
        })
    }

    /// Says `words` where the run's progress shows, with no run under way.
    fn stopped(&self, words: &str) {
        set_text(&self.status, words);
        set_flag(&self.progress, "hidden", true);
        set_flag(&self.cancel, "hidden", true);
    }

    fn progressed(&self, done: usize) {
        let _ = self.progress.set_attribute("value", &done.to_string());
        set_text(
            &self.status,
            &format!(
                "Drawing trials: {} of {}.",
                format::number(done as f64, 0),
                format::number(f64::from(DEFAULT_TRIALS), 0)
            ),
        );
    }

    /// Asks for a slice of trials once the page has had the thread.
    fn schedule(&self) {
        if !self.scheduled.replace(true) {
            let _ = self.port.post_message(&JsValue::NULL);
        }
    }

    /// Runs trials for up to [`SLICE_MS`], then shows the progress, or the figures once done.
    fn slice(&self) {
        self.scheduled.set(false);
        let start = js_sys::Date::now();
        let mut run = self.run.borrow_mut();
        let Some(mc) = run.as_mut() else {
            return;
        };
        let before = mc.done();
        while mc.done() < mc.trials() && js_sys::Date::now() - start < SLICE_MS {
            mc.advance(TRIALS_PER_LOOK);
        }
        let done = mc.done();
        // Summing up the trials and drawing them takes a task of its own: after the slice that
        // drew the last trials, the two together would hold the page up too long.
        if done < mc.trials() || done > before {
            drop(run);
            self.progressed(done);
            self.schedule();
            return;
        }
        let summary = mc.summary();
        *run = None;
        drop(run);
        // The seed the run drew with, not what the seed field holds now, which may be wrong.
        let seed = self
            .ran_for
            .borrow()
            .as_ref()
            .map_or(0, |s| s.uncertainty.seed);
        set_text(
            &self.status,
            &format!("{} trials, seed {seed}.", format::number(done as f64, 0)),
        );
        set_flag(&self.progress, "hidden", true);
        set_flag(&self.cancel, "hidden", true);
        self.show(summary);
    }

    /// Stops the run, and shows what the trials drawn so far found.
    fn cancel(&self) {
        let Some(run) = self.run.borrow_mut().take() else {
            return;
        };
        self.stopped(&format!(
            "Stopped after {} of {} trials: the figures below are theirs.",
            format::number(run.done() as f64, 0),
            format::number(run.trials() as f64, 0)
        ));
        set_flag(&self.again, "hidden", false);
        let _ = self.again.unchecked_ref::<web_sys::HtmlElement>().focus();
        self.show(run.summary());
    }

    fn run_again(&self) {
        self.start();
        let _ = self.cancel.unchecked_ref::<web_sys::HtmlElement>().focus();
    }

    /// Shows a run's figures.
    fn show(&self, summary: Option<Summary>) {
        set_state(&self.results, "aria-busy", false);
        let Some(summary) = summary else {
            set_flag(&self.results, "hidden", true);
            return;
        };
        set_flag(&self.results, "hidden", false);
        let plan = &*self.plan;
        let money = |value: f64| format::money_compact(value, &plan.currency());
        let horizon = summary.cumulative_extra.len();
        set_text(
            &self.chance,
            &format!(
                "{} beats the cost center over {horizon} months in {} of {} trials.",
                plan.challengers(),
                format::percent(summary.chance_cost_center_beaten, 0),
                format::number(summary.trials as f64, 0)
            ),
        );
        let row = |words: &str, p: Percentiles| {
            el("tr")
                .child(el("th").attr("scope", "row").text(words))
                .children([p.p10, p.p50, p.p90].map(|v| el("td").text(&money(v))))
        };
        set_children(
            &self.figures,
            [
                row(
                    &format!("Extra contribution over {horizon} months"),
                    summary.extra_contribution,
                ),
                row("Its net present value", summary.extra_contribution_npv),
            ],
        );
        self.draw_band(&summary, &money);
        self.tell_page(&summary);
        self.draw_histogram(&summary, &money);
        set_text(
            &self.drivers,
            &drivers_sentence(&summary, summary.unprojected),
        );
    }

    /// Gives the page's cumulative extra contribution chart the run's band and median.
    fn tell_page(&self, summary: &Summary) {
        let Some(scenario) = self.ran_for.borrow().as_ref().map(share::encode) else {
            return;
        };
        let months = &summary.cumulative_extra;
        let edges: [fn(&Percentiles) -> f64; 3] = [|p| p.p10, |p| p.p50, |p| p.p90];
        let values: Vec<f64> = edges
            .iter()
            .flat_map(|edge| months.iter().map(edge))
            .collect();
        let detail = js_sys::Array::of2(
            &scenario.into(),
            &js_sys::Float64Array::from(values.as_slice()),
        );
        super::tell_page(BAND_EVENT, &detail);
    }

    /// The P10 to P90 band of the cumulative extra contribution, its P50 and the plan's own.
    fn draw_band(&self, summary: &Summary, money: &dyn Fn(f64) -> String) {
        let planned = &summary.planned_cumulative_extra;
        let months = summary.cumulative_extra.len();
        let values = summary
            .cumulative_extra
            .iter()
            .flat_map(|p| [p.p10, p.p90])
            .chain(planned.iter().copied())
            .chain([0.0]);
        let (low, high) = values.fold((f64::MAX, f64::MIN), |(lo, hi), v| (lo.min(v), hi.max(v)));
        let high = if high > low { high } else { low + 1.0 };
        let x = |month: usize| {
            if months > 1 {
                month as f64 * WIDTH / (months - 1) as f64
            } else {
                WIDTH / 2.0
            }
        };
        let y = |value: f64| HEIGHT - (value - low) / (high - low) * HEIGHT;
        let points = |values: &mut dyn Iterator<Item = (usize, f64)>| {
            values
                .map(|(month, value)| point(x(month), y(value)))
                .collect::<Vec<_>>()
                .join(" ")
        };
        let p = &summary.cumulative_extra;
        let band = points(
            &mut p
                .iter()
                .map(|p| p.p90)
                .enumerate()
                .chain(p.iter().map(|p| p.p10).enumerate().rev()),
        );
        let last = p.last().copied();
        set_children(
            &self.band,
            [
                svg("polygon").class("band").attr("points", &band),
                line(0.0, y(0.0), WIDTH, y(0.0)).class("zero"),
                svg("polyline")
                    .class("median")
                    .attr("points", &points(&mut p.iter().map(|p| p.p50).enumerate())),
                // Last, so that its dashes show where it runs along the median.
                svg("polyline")
                    .class("planned")
                    .attr("points", &points(&mut planned.iter().copied().enumerate())),
            ],
        );
        if let Some(last) = last {
            let _ = self.band.set_attribute(
                "aria-label",
                &format!(
                    "Cumulative extra contribution by month {months}: P10 {}, P50 {}, P90 {}.",
                    money(last.p10),
                    money(last.p50),
                    money(last.p90)
                ),
            );
        }
        set_children(
            &self.band_scale,
            [
                el("span").class("top").text(&money(high)),
                el("span").class("bottom").text(&money(low)),
            ],
        );
        set_children(
            &self.band_axis,
            [
                el("span").text("Month 1"),
                el("span").text(&format!("Month {months}")),
            ],
        );
    }

    /// The NPV's histogram, with zero marked where it falls.
    fn draw_histogram(&self, summary: &Summary, money: &dyn Fn(f64) -> String) {
        let histogram = &summary.histogram;
        let bars = histogram.counts.len().max(1);
        let most = histogram.counts.iter().copied().max().unwrap_or(0).max(1);
        let width = WIDTH / bars as f64;
        let mut shapes: Vec<El> = histogram
            .counts
            .iter()
            .enumerate()
            .map(|(i, &count)| {
                let height = f64::from(count) / f64::from(most) * HEIGHT;
                svg("rect")
                    .class("bar")
                    .attr("x", &whole(i as f64 * width + 2.0))
                    .attr("y", &whole(HEIGHT - height))
                    .attr("width", &whole(width - 4.0))
                    .attr("height", &whole(height))
            })
            .collect();
        let span = histogram.high - histogram.low;
        let zero_at = (span > 0.0 && histogram.low < 0.0 && histogram.high > 0.0)
            .then(|| -histogram.low / span);
        if let Some(at) = zero_at {
            shapes.push(line(at * WIDTH, 0.0, at * WIDTH, HEIGHT).class("zero"));
        }
        set_children(&self.histogram, shapes);
        let below = summary.chance_npv_below_zero;
        let _ = self.histogram.set_attribute(
            "aria-label",
            &format!(
                "NPV over {} trials: from {} to {}; {} below zero.",
                format::number(summary.trials as f64, 0),
                money(histogram.low),
                money(histogram.high),
                format::percent(below, 0)
            ),
        );
        let mut axis = vec![el("span").text(&money(histogram.low))];
        if let Some(at) = zero_at {
            axis.push(
                el("span")
                    .class("zero-label")
                    .style("left", &percent(at * 100.0))
                    .text("0"),
            );
        }
        axis.push(el("span").text(&money(histogram.high)));
        set_children(&self.histogram_axis, axis);
        let zero = match zero_at {
            Some(_) => key("zero", "Zero"),
            None if histogram.low >= 0.0 => el("span").text("Every trial is at or above zero."),
            None => el("span").text("Every trial is below zero."),
        };
        set_children(&self.zero_key, [zero]);
    }
}

/// A chart's drawing, named `name` (its class and test id), stretched to its box: its lines keep
/// their width (see the style sheet) and its words are written beside it.
fn plot(name: &str) -> El {
    svg("svg")
        .class(name)
        .attr("data-testid", name)
        .attr("role", "img")
        .attr(
            "viewBox",
            &format!("0 0 {} {}", whole(WIDTH), whole(HEIGHT)),
        )
        .attr("preserveAspectRatio", "none")
}

/// A table's head: a row of column headers.
fn column_heads<const N: usize>(names: [&str; N]) -> El {
    el("thead").child(el("tr").children(names.map(|name| el("th").attr("scope", "col").text(name))))
}

/// A legend's entry: the mark of `class` and its `words`.
fn key(class: &str, words: &str) -> El {
    el("span")
        .child(
            el("i")
                .class(&format!("key {class}"))
                .attr("aria-hidden", "true"),
        )
        .text(words)
}

/// A point of an SVG shape, to a whole unit of the view box.
fn point(x: f64, y: f64) -> String {
    format!("{},{}", whole(x), whole(y))
}

/// `value` rounded to a whole number, as an attribute holds it. Whole numbers keep the module
/// free of float formatting.
fn whole(value: f64) -> String {
    (value.round() as i64).to_string()
}

/// An SVG line from (x1, y1) to (x2, y2).
fn line(x1: f64, y1: f64, x2: f64, y2: f64) -> El {
    svg("line")
        .attr("x1", &whole(x1))
        .attr("y1", &whole(y1))
        .attr("x2", &whole(x2))
        .attr("y2", &whole(y2))
}

/// The range a row's fields describe, or what to fix in them, in a sentence.
fn read_range(
    setting: Setting,
    low: &HtmlInputElement,
    high: &HtmlInputElement,
    shape: &HtmlSelectElement,
) -> Result<Uncertain, String> {
    let kind = setting.kind();
    let end = |input: &HtmlInputElement, which: &str| {
        let value = kind.stored_number(input.value_as_number());
        match Problem::out_of_range(|| format!("The {which}"), kind, setting.range(), value) {
            Some(problem) => Err(problem.sentence(&format::in_sentence)),
            None => Ok(value),
        }
    };
    let (low, high) = (end(low, "low")?, end(high, "high")?);
    if low > high {
        return Err("The low must not be above the high.".to_owned());
    }
    let shape = Shape::from_key(&shape.value()).unwrap_or(Shape::Pert);
    Ok(Uncertain {
        setting,
        low,
        high,
        shape,
    })
}

/// Which levers drive the spread of the NPV, in words.
fn drivers_sentence(summary: &Summary, unprojected: usize) -> String {
    let rho = |r: f64| format::number(r, 2);
    let mut words =
        match summary.drivers.first() {
            Some(top) => format!(
            "{} drives the spread most (rank correlation {}): the {} it is, the higher the NPV.",
            top.setting.name(),
            rho(top.correlation),
            if top.correlation < 0.0 { "lower" } else { "higher" }
        ),
            None => String::new(),
        };
    let more: Vec<String> = summary
        .drivers
        .iter()
        .skip(1)
        .take(MORE_DRIVERS)
        .map(|d| format!("{} at {}", d.setting.name(), rho(d.correlation)))
        .collect();
    if let Some((last, first)) = more.split_last() {
        let list = if first.is_empty() {
            last.clone()
        } else {
            format!("{} and {last}", first.join(", "))
        };
        words += &format!(" Then {list}.");
    }
    if unprojected > 0 {
        words += &format!(
            " {} trials drew a queue beyond what can be staffed and are left out.",
            format::number(unprojected as f64, 0)
        );
    }
    words
}
