//! The top bar: product name, the scenario's name and the list of scenarios, link, theme, reset.

use leptos::prelude::*;

use super::fields::name_limit;
use super::link::CopyLink;
use super::present::PresentButton;
use super::scenario_menu::ScenarioMenu;
use super::Planner;
use crate::model::Scenario;

/// The bar across the top of the page.
#[component]
pub fn TopBar() -> impl IntoView {
    let planner = expect_context::<Planner>();
    // Built once, not on every edit.
    let example = Scenario::default();
    // The example's figures under any name.
    let is_example = move || {
        planner.scenario.with(|s| {
            s.baseline == example.baseline
                && s.cost_center == example.cost_center
                && s.revenue_center == example.revenue_center
                && s.transition == example.transition
                // Segments split the base the example does not: its figures no longer.
                && s.segmentation.segments.is_empty()
        })
    };
    // A memo, so editing a lever does not write the name field again.
    let name = Memo::new(move |_| planner.scenario.with(|s| s.name.clone()));
    let limit_message = move || name.with(|n| name_limit(n));
    // Ctrl+Z undoes the plan's last edit, Ctrl+Shift+Z and Ctrl+Y make it again, wherever
    // the focus is: the fields show the plan, so the plan's history is the one to step through.
    let keys = window_event_listener(leptos::ev::keydown, move |ev| {
        if !(ev.ctrl_key() || ev.meta_key()) || ev.alt_key() {
            return;
        }
        // While scenarios are compared the fields are out of sight: nothing to undo there.
        if planner.is_comparing() {
            return;
        }
        match ev.key().to_ascii_lowercase().as_str() {
            "z" if ev.shift_key() => planner.redo(),
            "z" => planner.undo(),
            "y" => planner.redo(),
            _ => return,
        }
        ev.prevent_default();
    });
    on_cleanup(move || keys.remove());
    // What the name was before the manager began to type it, to go back to if left empty.
    let name_before = StoredValue::new(String::new());
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
                    on:focus=move |_| name_before.set_value(planner.scenario.with_untracked(|s| s.name.clone()))
                    on:input=move |ev| planner.edit(|s| s.name = event_target_value(&ev))
                    on:change=move |_| {
                        name_before.with_value(|before| planner.settle_name(before));
                        name_before.set_value(planner.scenario.with_untracked(|s| s.name.clone()));
                    }
                    aria-describedby="scenario-name-limit"
                />
                <span class="name-limit" id="scenario-name-limit" data-testid="scenario-name-limit" aria-live="polite">{limit_message}</span>
            </label>
            <span class="example-badge" data-testid="example-badge" hidden=move || !is_example() title="The starting figures are an illustrative example, not benchmarks: replace them with your own.">
                "Illustrative example figures"
            </span>
            <ScenarioMenu />
            <div class="actions">
                <PresentButton />
                <CopyLink />
                <button type="button" class="ghost" data-testid="theme-toggle" aria-pressed=move || planner.dark.get().to_string() on:click=move |_| planner.toggle_theme()>
                    {move || if planner.dark.get() { "Light theme" } else { "Dark theme" }}
                </button>
                <button type="button" class="ghost" data-testid="undo" aria-keyshortcuts="Control+Z" title="Undo (Ctrl+Z)" disabled=move || !planner.undo_state.get().can_undo on:click=move |_| planner.undo()>"Undo"</button>
                <button type="button" class="ghost" data-testid="redo" aria-keyshortcuts="Control+Shift+Z Control+Y" title="Redo (Ctrl+Shift+Z)" disabled=move || !planner.undo_state.get().can_redo on:click=move |_| planner.redo()>"Redo"</button>
                <button type="button" class="ghost" data-testid="reset" title="Put the example's figures back; Undo brings yours back" on:click=move |_| planner.reset_to_example()>"Reset to example"</button>
            </div>
        </header>
    }
}
