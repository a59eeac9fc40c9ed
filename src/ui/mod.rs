//! The planner in the browser: inputs on the left, headline figures, charts and the monthly table
//! on the right, all driven by one projection [`Memo`].

pub mod chart_canvas;
mod chart_panel;
mod compare;
mod data_table;
pub mod fields;
mod files;
mod focus;
pub mod format;
mod headline;
mod held;
mod help;
mod inputs_panel;
mod link;
mod monthly_table;
mod notices;
mod number_input;
mod observe;
mod on_demand;
mod planner;
mod present;
mod print;
mod scenario_menu;
mod segment_contributions;
mod segments_panel;
mod small_map;
mod top_bar;
mod verdict;
mod what_if;

use std::time::Duration;

use leptos::prelude::*;

use crate::charts::specs::ChartKind;
use crate::storage;

pub use number_input::NumberInput;
pub use planner::{Planner, Shown};

/// How long editing must pause before the scenario is saved.
const SAVE_AFTER: Duration = Duration::from_millis(300);

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
    print::Printing::provide();
    what_if::TrialBand::provide();
    let presentation = present::Presentation::provide(planner);
    link::follow_links(planner);
    if !planner.is_shared() {
        planner.restore_draft();
    }
    // A link may ask to open presenting: `#present=1`, with or without a scenario.
    if window()
        .location()
        .hash()
        .is_ok_and(|fragment| crate::share::asks_to_present(&fragment))
    {
        presentation.start();
    }

    // Save once editing pauses, and before the page goes away. Only an edit made here is
    // written, so a tab that is merely closed never overwrites another tab's newer save.
    let pending = StoredValue::new(None::<TimeoutHandle>);
    Effect::watch(
        move || planner.scenario.track(),
        move |_, _, _| {
            if let Some(earlier) = pending.get_value() {
                earlier.clear();
            }
            let save = move || planner.save();
            pending.set_value(set_timeout_with_handle(save, SAVE_AFTER).ok());
        },
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

    help::close_explanations_when_left();

    // The theme lives on <html> so the whole page, scrollbars included, follows it.
    Effect::new(move |_| {
        let theme = if planner.dark.get() { "dark" } else { "light" };
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("data-theme", theme);
        }
    });

    // The first frame shows the headline figures and the first chart; the rest is built just
    // after it, each part at the end of its place in the page.
    let painted = on_demand::after_first_frame();
    let (inputs, charts) = (NodeRef::new(), NodeRef::new());
    let results = NodeRef::<leptos::html::Main>::new();
    // The comparison of scenarios, the first time some are compared.
    let comparison = NodeRef::new();
    on_demand::build_when(
        comparison,
        move || planner.is_comparing(),
        || view! { <compare::CompareView /> },
    );
    on_demand::build_when(
        inputs,
        move || painted.get(),
        || view! { <inputs_panel::InputsPanel /> },
    );
    on_demand::build_when(
        charts,
        move || painted.get(),
        || {
            ChartKind::ALL[1..]
                .iter()
                .map(|&kind| view! { <chart_panel::ProjectionChart kind=kind /> })
                .collect_view()
        },
    );
    on_demand::build_when(
        results,
        move || painted.get(),
        || {
            view! {
                <headline::StrategiesTable />
                <what_if::WhatIfSection />
                <monthly_table::MonthlyTable />
                <print::Assumptions />
            }
        },
    );

    view! {
        // The keyboard's way past the top bar and the inputs, to the figures. The address's
        // fragment holds shared scenarios, so the link moves the focus itself.
        <a
            class="skip-link"
            href="#results"
            data-testid="skip-link"
            on:click=move |ev| {
                ev.prevent_default();
                if let Some(results) = results.get() {
                    let _ = results.focus();
                }
            }
        >
            "Skip to the results"
        </a>
        <top_bar::TopBar />
        <link::SharedBanner />
        <notices::Notices />
        <div class="compare-place" node_ref=comparison></div>
        <div class="layout" hidden=move || planner.is_comparing() && !presentation.is_on()>
            <aside class="inputs" aria-label="Scenario inputs" node_ref=inputs></aside>
            <main
                id="results"
                tabindex="-1"
                class="results"
                class:stale=move || planner.is_stale()
                data-testid="results"
                node_ref=results
            >
                <print::PrintHeader />
                <headline::Headline />
                <section class="charts" aria-label="Charts" node_ref=charts>
                    <chart_panel::ProjectionChart kind=ChartKind::ALL[0] />
                </section>
            </main>
        </div>
        <present::PresentBar />
    }
}
