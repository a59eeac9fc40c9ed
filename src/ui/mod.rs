//! The planner in the browser: inputs on the left, headline figures, charts and the monthly table
//! on the right, all driven by one projection [`Memo`].

pub mod chart_canvas;
mod chart_panel;
mod fields;
mod files;
pub mod format;
mod headline;
mod inputs_panel;
mod link;
mod monthly_table;
mod notices;
mod number_input;
mod planner;
mod scenario_menu;
mod top_bar;

use leptos::prelude::*;

use leptos_use::signal_debounced;

use crate::charts::specs::ChartKind;
use crate::model::Scenario;
use crate::storage;

pub use number_input::NumberInput;
pub use planner::{Planner, Shown};

/// How long editing must pause before the scenario is saved, in milliseconds.
const SAVE_AFTER_MS: f64 = 300.0;

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
    let planner = Planner::provide(loaded, dark);
    link::follow_links(planner);

    // Save once editing pauses, and before the page goes away. Only an edit made here is
    // written, so a tab that is merely closed never overwrites another tab's newer save.
    let settled: Signal<Scenario> = signal_debounced(planner.scenario, SAVE_AFTER_MS);
    Effect::watch(
        move || settled.track(),
        move |_, _, _| planner.save(),
        false,
    );
    let flush = window_event_listener(leptos::ev::pagehide, move |_| planner.save());
    on_cleanup(move || flush.remove());
    // Another tab of this origin saved something.
    let other_tab = window_event_listener(leptos::ev::storage, move |ev| {
        if let Some(key) = ev.key() {
            planner.stored_elsewhere(&key, ev.new_value().as_deref());
        }
    });
    on_cleanup(move || other_tab.remove());

    // The theme lives on <html> so the whole page, scrollbars included, follows it.
    Effect::new(move |_| {
        let theme = if planner.dark.get() { "dark" } else { "light" };
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("data-theme", theme);
        }
    });

    view! {
        <top_bar::TopBar />
        <link::SharedBanner />
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
