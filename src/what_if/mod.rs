//! What-if analyses on the plan being edited: which lever matters most (sensitivity), two levers
//! at once (a data table), what a lever would have to be to reach a goal (goal seek), how sure
//! the plan is (a Monte Carlo run over the manager's ranges), and how many agents a queue needs
//! (a staffing calculator).
//!
//! They are a module of their own (`src/bin/what_if.rs`), loaded on first use into the panel
//! the page prepares (see `ui::what_if`). The two share no memory: the page writes the scenario,
//! as a link's text, into the panel's `data-scenario` attribute, and this module asks for an
//! edit with an [`EDIT_EVENT`] holding the edited scenario, in the same form, which the page
//! checks as any link and applies as an ordinary, undoable edit.

mod calculator;
mod dom;
mod goal_seek;
mod how_sure;
mod sensitivity;
mod two_levers;

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{CustomEvent, CustomEventInit, HtmlElement, MutationObserver, MutationObserverInit};

use self::dom::{el, set_flag, El};
use crate::model::levers::Setting;
use crate::model::Scenario;
use crate::share;
use crate::ui::format;

/// The id of the element the analyses are mounted into.
pub const PANEL_ID: &str = "what-if-panel";
/// The event that asks the page to make an edit: its detail is the edited scenario as a link's
/// text.
pub const EDIT_EVENT: &str = "frontline:edit";
/// The event by which a Monte Carlo run tells the page what its trials found, for the page's
/// cumulative extra contribution chart: its detail is an array of the scenario run, as a link's
/// text, and a `Float64Array` of each month's P10, then each month's P50, then each month's P90.
pub const BAND_EVENT: &str = "frontline:band";
/// The panel's attribute that holds the scenario, as a link's text.
pub const SCENARIO_ATTRIBUTE: &str = "data-scenario";

/// The plan being analysed: what every analysis reads.
#[derive(Default)]
struct Plan {
    /// The scenario as the page last wrote it, when it can be analysed.
    scenario: RefCell<Option<Scenario>>,
}

impl Plan {
    /// Calls `f` with the scenario, when there is one to analyse.
    fn with<T>(&self, f: impl FnOnce(&Scenario) -> T) -> Option<T> {
        self.scenario.borrow().as_ref().map(f)
    }

    /// What the analyses measure against the cost center, as a sentence's subject: the revenue
    /// center, or with segments whichever of it and the differentiated strategy earns more.
    fn challengers(&self) -> &'static str {
        match self.with(|s| s.segmentation.segments.is_empty()) {
            Some(false) => "The revenue center or the differentiated strategy",
            _ => "The revenue center",
        }
    }

    /// The currency of the plan; US dollars until there is one.
    fn currency(&self) -> String {
        self.with(|s| s.baseline.currency.clone())
            .unwrap_or_else(|| "USD".to_owned())
    }

    /// `value` of `setting` in the manager's locale, with its unit, as its field shows it:
    /// "1.6 % a month".
    fn shown(&self, setting: Setting, value: f64) -> String {
        let unit = setting.unit().replace('¤', &self.currency());
        // The unit of a share starts with its "%".
        let number = format::exact(setting.kind().shown_number(value));
        format!("{number} {unit}").trim_end().to_owned()
    }
}

/// Asks the page to set `setting` to `value` in `scenario`.
fn ask_to_set(scenario: &Scenario, setting: Setting, value: f64) {
    ask_for(&setting.applied(scenario, value));
}

/// `value` to a hundredth, for CSS: "12.34". Written with whole numbers, which keeps the
/// module free of float formatting.
pub(crate) fn hundredths(value: f64) -> String {
    let hundredths = (value * 100.0).round() as i64;
    let sign = if hundredths < 0 { "-" } else { "" };
    let hundredths = hundredths.abs();
    format!("{sign}{}.{:02}", hundredths / 100, hundredths % 100)
}

/// A CSS percentage to a hundredth: "12.34%".
pub(crate) fn percent(value: f64) -> String {
    hundredths(value) + "%"
}

/// Asks the page to make `edited` the plan, as an ordinary, undoable edit.
fn ask_for(edited: &Scenario) {
    tell_page(EDIT_EVENT, &share::encode(edited).into());
}

/// Sends the page `event` with `detail`.
fn tell_page(event: &str, detail: &JsValue) {
    let init = CustomEventInit::new();
    init.set_detail(detail);
    if let (Some(window), Ok(event)) = (
        web_sys::window(),
        CustomEvent::new_with_event_init_dict(event, &init),
    ) {
        let _ = window.dispatch_event(&event);
    }
}

/// An option for every assumption, by name, `first` chosen: the choices of a lever select.
fn assumption_options(first: &'static str) -> impl Iterator<Item = El> {
    Setting::assumptions().map(move |setting| {
        let path = setting.path();
        dom::option(&path, &setting.name()).flag("selected", path == first)
    })
}

/// The field of how far an analysis moves each lever, as a share of its value: "Each lever ±
/// [20] %", described by the message with id `message_id`; `on_input` reads it with
/// [`spread_of`].
fn spread_field(
    words: &str,
    test_id: &str,
    message_id: &str,
    first: f64,
    on_input: impl FnMut(web_sys::Event) + 'static,
) -> El {
    el("label")
        .class("spread")
        .text(words)
        .child(
            el("input")
                .attr("type", "number")
                .attr("min", "1")
                .attr("max", "100")
                .attr("step", "any")
                .attr("value", &((first * 100.0).round() as u32).to_string())
                .attr("data-testid", test_id)
                .attr("aria-describedby", message_id)
                .on("input", on_input),
        )
        .text(" %")
}

/// The share a spread field holds, or what to fix in it.
fn spread_of(event: &web_sys::Event) -> Result<f64, &'static str> {
    let percent = dom::number_of(event);
    if percent > 0.0 && percent <= 100.0 {
        Ok(percent / 100.0)
    } else {
        Err("Enter a share above 0% and up to 100%.")
    }
}

/// Takes the manager to the field of `setting`, unfolding the group it is folded away in.
fn go_to_field(setting: Setting) {
    let Some(field) = dom::document().get_element_by_id(&setting.path()) else {
        return;
    };
    if let Ok(Some(folded)) = field.closest("details") {
        let _ = folded.set_attribute("open", "");
    }
    // Focus brings the field into view.
    if let Ok(field) = field.dyn_into::<HtmlElement>() {
        let _ = field.focus();
    }
}

/// Mounts the analyses into the panel the page prepared, and follows the page's edits.
pub fn mount() {
    let Some(panel) = dom::document().get_element_by_id(PANEL_ID) else {
        return;
    };
    let plan = Rc::new(Plan::default());
    let problem = el("p")
        .class("what-if-problem")
        .attr("role", "status")
        .flag("hidden", true)
        .text("Some inputs are out of range: the fields say how to fix them. The analyses follow once they are.");
    let problem_shown = problem.element();
    let tornado = sensitivity::Tornado::new(Rc::clone(&plan));
    let two_levers = two_levers::TwoLevers::new(Rc::clone(&plan));
    let goal_seek = goal_seek::GoalSeek::new(Rc::clone(&plan));
    let how_sure = how_sure::HowSure::new(Rc::clone(&plan));
    let calculator = calculator::Calculator::new(Rc::clone(&plan));
    let section = |id: &str, title: &str, body: web_sys::Element| -> El {
        el("section")
            .attr("aria-labelledby", id)
            .child(el("h3").attr("id", id).text(title))
            .child(body)
    };
    let body = el("div")
        .class("what-if-body")
        .attr("data-testid", "what-if-ready")
        .child(problem)
        .child(section(
            "sensitivity-title",
            "Which lever matters most",
            tornado.view(),
        ))
        .child(section(
            "two-levers-title",
            "Two levers at once",
            two_levers.view(),
        ))
        .child(section(
            "goal-seek-title",
            "What it would take",
            goal_seek.view(),
        ))
        .child(section(
            "how-sure-title",
            "How sure we are",
            how_sure.view(),
        ))
        .child(section(
            "calculator-title",
            "Agents for one queue",
            calculator.view(),
        ));
    // Reads the scenario the page wrote, and brings every analysis up to date with it.
    let follow = {
        let panel = panel.clone();
        move || {
            let written = panel
                .get_attribute(SCENARIO_ATTRIBUTE)
                .map(|t| share::decode_current(&t));
            set_flag(&problem_shown, "hidden", !matches!(written, Some(Err(_))));
            let written = written.and_then(Result::ok);
            // A new range or seed changes only what reads them: the tornado the ranges, the
            // Monte Carlo run both.
            let (plan_same, ranges_same) = plan
                .with(|old| {
                    written.as_ref().map_or((false, false), |new| {
                        let plan_same = *old
                            == Scenario {
                                uncertainty: old.uncertainty.clone(),
                                ..new.clone()
                            };
                        (plan_same, old.uncertainty.ranges == new.uncertainty.ranges)
                    })
                })
                .unwrap_or((false, false));
            *plan.scenario.borrow_mut() = written;
            if !(plan_same && ranges_same) {
                tornado.refresh();
            }
            how_sure.refresh();
            if !plan_same {
                two_levers.refresh();
                goal_seek.refresh();
                calculator.refresh();
            }
        }
    };
    follow();
    let _ = panel.append_child(&body.element());
    let follow = Closure::<dyn Fn()>::new(follow);
    if let Ok(observer) = MutationObserver::new(follow.as_ref().unchecked_ref()) {
        // The scenario is the only attribute of the panel that changes.
        let options = MutationObserverInit::new();
        options.set_attributes(true);
        let _ = observer.observe_with_options(&panel, &options);
    }
    // The panel lives as long as the page.
    follow.forget();
}
