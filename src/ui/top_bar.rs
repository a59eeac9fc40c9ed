//! The top bar: product name, the scenario's name, theme and reset.

use leptos::prelude::*;

use super::Planner;
use crate::model::Scenario;
use crate::storage;

/// The bar across the top of the page.
#[component]
pub fn TopBar() -> impl IntoView {
    let planner = expect_context::<Planner>();
    // Built once, not on every edit.
    let example = Scenario::default();
    let is_example = move || planner.scenario.with(|s| *s == example);
    // A memo, so editing a lever does not write the name field again.
    let name = Memo::new(move |_| planner.scenario.with(|s| s.name.clone()));
    let toggle_theme = move |_| {
        planner.dark.update(|dark| *dark = !*dark);
        storage::save_theme(if planner.dark.get_untracked() {
            "dark"
        } else {
            "light"
        });
    };
    let reset = move |_| {
        let confirmed = window()
            .confirm_with_message(
                "Replace the current scenario with the example? Your figures will be lost.",
            )
            .unwrap_or(false);
        if confirmed {
            planner.unreadable.set(Default::default());
            planner.scenario.set(Scenario::default());
        }
    };
    view! {
        <header class="top-bar">
            <div class="brand">
                <span class="logo" aria-hidden="true"></span>
                <h1>"Frontline"</h1>
                <span class="tagline">"Service as a cost center or a revenue center"</span>
            </div>
            <label class="scenario-name">
                <span class="visually-hidden">"Scenario name"</span>
                <input
                    type="text"
                    data-testid="scenario-name"
                    maxlength="80"
                    prop:value=name
                    on:input=move |ev| planner.scenario.update(|s| s.name = event_target_value(&ev))
                />
            </label>
            <Show when=is_example>
                <span class="example-badge" data-testid="example-badge" title="The starting figures are an illustrative example, not benchmarks: replace them with your own.">
                    "Illustrative example figures"
                </span>
            </Show>
            <div class="actions">
                <button type="button" class="ghost" data-testid="theme-toggle" aria-pressed=move || planner.dark.get().to_string() on:click=toggle_theme>
                    {move || if planner.dark.get() { "Light theme" } else { "Dark theme" }}
                </button>
                <button type="button" class="ghost" data-testid="reset" on:click=reset>"Reset to example"</button>
            </div>
        </header>
    }
}
