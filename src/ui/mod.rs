//! The planner in the browser: inputs on the left, headline figures, charts and the monthly table
//! on the right, all driven by one projection [`Memo`].

pub mod chart_canvas;
mod chart_panel;
mod fields;
pub mod format;
mod headline;
mod inputs_panel;
mod monthly_table;
mod notices;
mod number_input;
mod top_bar;

use std::collections::BTreeMap;
use std::sync::Arc;

use leptos::prelude::*;

use leptos_use::signal_debounced;

use crate::charts::specs::ChartKind;
use crate::model::{project, Projection, ProjectionError, Scenario};
use crate::storage;

pub use number_input::NumberInput;

/// How long editing must pause before the scenario is saved, in milliseconds.
const SAVE_AFTER_MS: f64 = 300.0;

/// A projection the page shows, with the scenario it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Shown {
    /// The scenario projected.
    pub scenario: Scenario,
    /// Its projection.
    pub projection: Projection,
}

/// The app's state, shared through context.
#[derive(Clone, Copy)]
pub struct Planner {
    /// The scenario as edited; may be invalid while the manager types.
    pub scenario: RwSignal<Scenario>,
    /// Fields whose text is not a number yet, by path, with their message.
    pub unreadable: RwSignal<BTreeMap<String, String>>,
    /// Why the current scenario cannot be projected, if it cannot. Unchanged from one valid edit
    /// to the next, so field messages and notices do not re-run on every projection.
    pub error: Memo<Option<ProjectionError>>,
    /// The last valid projection, kept while the inputs are being fixed.
    pub shown: Memo<Option<Arc<Shown>>>,
    /// Messages about storage.
    pub notices: RwSignal<Vec<String>>,
    /// Dark theme on.
    pub dark: RwSignal<bool>,
    /// The currency code as typed, for unit labels.
    pub currency: Memo<String>,
}

impl Planner {
    /// Creates the state around `scenario` and provides it as context.
    pub fn provide(scenario: Scenario, notices: Vec<String>, dark: bool) -> Self {
        let scenario = RwSignal::new(scenario);
        let result = Memo::new(move |_| {
            scenario.with(|s| {
                project(s).map(|projection| {
                    Arc::new(Shown {
                        scenario: s.clone(),
                        projection,
                    })
                })
            })
        });
        let shown = Memo::new(move |previous: Option<&Option<Arc<Shown>>>| {
            result.with(|r| match r {
                Ok(shown) => Some(Arc::clone(shown)),
                Err(_) => previous.cloned().flatten(),
            })
        });
        let error = Memo::new(move |_| result.with(|r| r.as_ref().err().cloned()));
        let planner = Self {
            scenario,
            unreadable: RwSignal::new(BTreeMap::new()),
            error,
            shown,
            notices: RwSignal::new(notices),
            dark: RwSignal::new(dark),
            currency: Memo::new(move |_| scenario.with(|s| s.baseline.currency.clone())),
        };
        provide_context(planner);
        planner
    }

    /// Whether what is shown lags behind the inputs.
    pub fn is_stale(&self) -> bool {
        self.error.with(Option::is_some) || self.unreadable.with(|u| !u.is_empty())
    }

    /// The message to show next to the field at `path`, if any.
    pub fn message_for(&self, path: &str) -> Option<String> {
        self.unreadable.with(|u| u.get(path).cloned()).or_else(|| {
            self.error.with(|e| match e {
                Some(ProjectionError::Invalid(errors)) => {
                    errors.message_for(path).map(str::to_owned)
                }
                _ => None,
            })
        })
    }
}

/// Whether the system asks for a dark theme, read once at start-up.
fn prefers_dark() -> bool {
    window()
        .match_media("(prefers-color-scheme: dark)")
        .ok()
        .flatten()
        .is_some_and(|query| query.matches())
}

/// The whole page.
#[component]
pub fn App() -> impl IntoView {
    let loaded = storage::load();
    let dark = match storage::load_theme().as_deref() {
        Some("dark") => true,
        Some("light") => false,
        _ => prefers_dark(),
    };
    let planner = Planner::provide(loaded.scenario, loaded.notice.into_iter().collect(), dark);

    // Save valid changes once editing pauses, and before the page goes away. Only a change made
    // here is written, so a tab that is merely closed never overwrites another tab's newer save.
    let unsaved = StoredValue::new(false);
    Effect::watch(
        move || planner.scenario.track(),
        move |_, _, _| unsaved.set_value(true),
        false,
    );
    let save = move || {
        if !unsaved.get_value() || untrack(|| planner.is_stale()) {
            return;
        }
        unsaved.set_value(false);
        let result = planner.scenario.with_untracked(storage::save);
        // Unavailable storage was reported at start-up; say nothing more on every edit.
        if let Err(error @ storage::SaveError::Refused(_)) = result {
            let message = format!("Not saved: {error}.");
            planner.notices.update(|n| {
                if !n.contains(&message) {
                    n.push(message);
                }
            });
        }
    };
    let settled: Signal<Scenario> = signal_debounced(planner.scenario, SAVE_AFTER_MS);
    Effect::watch(move || settled.track(), move |_, _, _| save(), false);
    let flush = window_event_listener(leptos::ev::pagehide, move |_| save());
    on_cleanup(move || flush.remove());

    // The theme lives on <html> so the whole page, scrollbars included, follows it.
    Effect::new(move |_| {
        let theme = if planner.dark.get() { "dark" } else { "light" };
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("data-theme", theme);
        }
    });

    view! {
        <top_bar::TopBar />
        <notices::Notices />
        <div class="layout">
            <aside class="inputs" aria-label="Scenario inputs">
                <inputs_panel::InputsPanel />
            </aside>
            <main class="results" class:stale=move || planner.is_stale() data-testid="results">
                <headline::Headline />
                <section class="charts" aria-label="Charts">
                    {ChartKind::ALL
                        .into_iter()
                        .map(|kind| view! { <chart_panel::ChartPanel kind=kind /> })
                        .collect_view()}
                </section>
                <monthly_table::MonthlyTable />
            </main>
        </div>
    }
}
