//! What-if analyses on the plan being edited: which lever matters most (sensitivity), and what
//! a lever would have to be to reach a goal (goal seek).
//!
//! They are a module of their own (`src/bin/what_if.rs`), loaded on first use into the panel
//! the page prepares (see `ui::what_if`). The two share no memory: the page writes the scenario,
//! as a link's text, into the panel's `data-scenario` attribute, and this module asks for an
//! edit with an [`EDIT_EVENT`] holding the edited scenario, in the same form, which the page
//! checks as any link and applies as an ordinary, undoable edit.

mod goal_seek;
mod sensitivity;

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{CustomEvent, CustomEventInit, HtmlElement, MutationObserver, MutationObserverInit};

use crate::model::levers::{Kind, Setting};
use crate::model::Scenario;
use crate::share::{self, LinkError};
use crate::ui::format;

/// The id of the element the analyses are mounted into.
pub const PANEL_ID: &str = "what-if-panel";
/// The event that asks the page to make an edit: its detail is the edited scenario as a link's
/// text.
pub const EDIT_EVENT: &str = "frontline:edit";
/// The panel's attribute that holds the scenario, as a link's text.
pub const SCENARIO_ATTRIBUTE: &str = "data-scenario";

/// The plan as the page last wrote it: `None` before the page has written one.
type Written = Option<Result<Scenario, LinkError>>;

/// What every analysis reads: the plan, when it can be analysed, and how to show numbers.
#[derive(Clone, Copy)]
struct Plan {
    scenario: Memo<Option<Scenario>>,
}

impl Plan {
    /// The currency of the plan; US dollars until there is one.
    fn currency(self) -> String {
        self.scenario.with(|s| {
            s.as_ref()
                .map_or_else(|| "USD".to_owned(), |s| s.baseline.currency.clone())
        })
    }

    /// `value` of `setting` in the manager's locale, with its unit, as its field shows it:
    /// "1.6 % a month".
    fn shown(self, setting: Setting, value: f64) -> String {
        let unit = setting.unit().replace('¤', &self.currency());
        let number = match setting.kind() {
            // The unit of a share starts with its "%".
            Kind::Percent => format::exact(value * 100.0),
            Kind::Number | Kind::Whole => format::exact(value),
        };
        format!("{number} {unit}").trim_end().to_owned()
    }
}

/// Asks the page to set `setting` to `value` in `scenario`.
fn ask_to_set(scenario: &Scenario, setting: Setting, value: f64) {
    let init = CustomEventInit::new();
    init.set_detail(&share::encode(&setting.applied(scenario, value)).into());
    if let Ok(event) = CustomEvent::new_with_event_init_dict(EDIT_EVENT, &init) {
        let _ = window().dispatch_event(&event);
    }
}

/// The number in a number field, as the browser read it in the manager's locale; NaN when the
/// field does not hold one.
fn typed_number(event: &leptos::ev::Event) -> f64 {
    event_target::<web_sys::HtmlInputElement>(event).value_as_number()
}

/// Takes the manager to the field of `setting`, unfolding the group it is folded away in.
fn go_to_field(setting: Setting) {
    let Some(field) = document().get_element_by_id(&setting.path()) else {
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
    let Some(panel) = document().get_element_by_id(PANEL_ID) else {
        return;
    };
    let read = {
        let panel = panel.clone();
        move || -> Written {
            panel
                .get_attribute(SCENARIO_ATTRIBUTE)
                .map(|text| share::decode(&text))
        }
    };
    let written = RwSignal::new(read());
    let follow = Closure::<dyn Fn()>::new(move || written.set(read()));
    if let Ok(observer) = MutationObserver::new(follow.as_ref().unchecked_ref()) {
        // The scenario is the only attribute of the panel that changes.
        let options = MutationObserverInit::new();
        options.set_attributes(true);
        let _ = observer.observe_with_options(&panel, &options);
    }
    // The panel lives as long as the page.
    follow.forget();
    let panel: HtmlElement = panel.unchecked_into();
    leptos::mount::mount_to(panel, move || view! { <WhatIf written=written /> }).forget();
}

#[component]
fn WhatIf(written: RwSignal<Written>) -> impl IntoView {
    let scenario = Memo::new(move |_| written.with(|w| w.as_ref().and_then(|r| r.clone().ok())));
    let plan = Plan { scenario };
    let problem = move || {
        written.with(|w| match w {
            Some(Err(_)) => Some(
                "Some inputs are out of range: the fields say how to fix them. The analyses follow once they are.",
            ),
            _ => None,
        })
    };
    view! {
        <div class="what-if-body" data-testid="what-if-ready">
            <p class="what-if-problem" role="status" hidden=move || problem().is_none()>{problem}</p>
            <section aria-labelledby="sensitivity-title">
                <h3 id="sensitivity-title">"Which lever matters most"</h3>
                <sensitivity::Tornado plan=plan />
            </section>
            <section aria-labelledby="goal-seek-title">
                <h3 id="goal-seek-title">"What it would take"</h3>
                <goal_seek::GoalSeek plan=plan />
            </section>
        </div>
    }
}
