//! The list of saved scenarios, opened from the top bar: switch, new, duplicate, delete.

use leptos::prelude::*;
use wasm_bindgen::JsValue;

use super::focus::focus_when_shown;
use super::planner::MOST_COMPARED;
use super::{files, Planner};

/// When a scenario last changed, in the browser's own words for dates and times.
fn changed_text(millis: f64) -> String {
    let date = js_sys::Date::new(&JsValue::from_f64(millis));
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"dateStyle".into(), &"medium".into());
    let _ = js_sys::Reflect::set(&options, &"timeStyle".into(), &"short".into());
    date.to_locale_string("default", &options)
        .as_string()
        .unwrap_or_default()
}

/// The scenario menu: a button with the number of saved scenarios, and the list it opens.
#[component]
pub fn ScenarioMenu() -> impl IntoView {
    let planner = expect_context::<Planner>();
    let open = RwSignal::new(false);
    let panel = NodeRef::<leptos::html::Div>::new();
    let menu = NodeRef::<leptos::html::Div>::new();
    let toggle = NodeRef::<leptos::html::Button>::new();

    let close = move || {
        open.set(false);
        if let Some(button) = toggle.get_untracked() {
            let _ = button.focus();
        }
    };
    // Focus moves into the list when it opens (once unhidden), so the keyboard follows.
    Effect::new(move |_| {
        if let (true, Some(panel)) = (open.get(), panel.get()) {
            if let Ok(Some(first)) = panel.query_selector("button") {
                use wasm_bindgen::JsCast;
                focus_when_shown(first.unchecked_into(), || {});
            }
        }
    });

    // A press anywhere outside the menu closes it, as menus do.
    let outside = window_event_listener(leptos::ev::pointerdown, move |ev| {
        use wasm_bindgen::JsCast;
        let inside = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Node>().ok())
            .zip(menu.get_untracked())
            .is_some_and(|(target, menu)| menu.contains(Some(&target)));
        if !inside && open.get_untracked() {
            open.set(false);
        }
    });
    on_cleanup(move || outside.remove());

    // Scenarios ticked for comparing, in the order ticked.
    let ticked = RwSignal::new(Vec::<String>::new());
    let tick = move |id: String, on: bool| {
        ticked.update(|t| {
            t.retain(|x| *x != id);
            if on {
                t.push(id);
            }
        });
    };

    let current_saved = move || {
        let id = planner.current_id.get();
        planner.saved.with(|s| s.iter().any(|e| e.id == id))
    };
    let rows = move || {
        let current = planner.current_id.get();
        let shared = planner.is_shared();
        planner
            .saved
            .get()
            .into_iter()
            .map(|entry| {
                let is_open = entry.id == current && !shared;
                let id = entry.id.clone();
                let delete_id = entry.id.clone();
                let delete_label = format!("Delete \u{201c}{}\u{201d}", entry.name);
                let compare_label = format!("Compare \u{201c}{}\u{201d}", entry.name);
                let tick_id = entry.id.clone();
                let is_ticked = {
                    let id = entry.id.clone();
                    move || ticked.with(|t| t.contains(&id))
                };
                let full = {
                    let is_ticked = is_ticked.clone();
                    move || !is_ticked() && ticked.with(Vec::len) >= MOST_COMPARED
                };
                view! {
                    <li class:open=is_open data-testid="scenario-entry">
                        <input
                            type="checkbox"
                            class="entry-tick"
                            aria-label=compare_label
                            data-testid="scenario-tick"
                            prop:checked=is_ticked
                            disabled=full
                            on:change=move |ev| tick(tick_id.clone(), event_target_checked(&ev))
                        />
                        <button
                            type="button"
                            class="ghost entry-open"
                            aria-current=if is_open { Some("true") } else { None }
                            data-testid="scenario-open"
                            on:click=move |_| {
                                planner.switch(&id);
                                close();
                            }
                        >
                            <span class="entry-name">{entry.name.clone()}</span>
                            <span class="entry-changed">{format!("Changed {}", changed_text(entry.changed))}</span>
                        </button>
                        <button
                            type="button"
                            class="ghost entry-delete"
                            aria-label=delete_label
                            data-testid="scenario-delete"
                            on:click=move |_| {
                                // Closed, so the notice with its "Undo" is in view.
                                planner.delete(&delete_id);
                                close();
                            }
                        >
                            "Delete"
                        </button>
                    </li>
                }
            })
            .collect_view()
    };

    view! {
        <div class="scenario-menu" node_ref=menu>
            <button
                type="button"
                class="ghost"
                node_ref=toggle
                aria-expanded=move || open.get().to_string()
                aria-controls="scenario-list"
                data-testid="scenarios"
                on:click=move |_| open.update(|o| *o = !*o)
            >
                "My scenarios"
                <span class="count" data-testid="scenario-count">{move || planner.saved.with(Vec::len)}</span>
            </button>
            <div
                    class="scenario-panel"
                    hidden=move || !open.get()
                    id="scenario-list"
                    role="dialog"
                    aria-label="My scenarios"
                    node_ref=panel
                    data-testid="scenario-panel"
                    on:keydown=move |ev| {
                        if ev.key() == "Escape" {
                            ev.prevent_default();
                            close();
                        }
                    }
                >
                    <div class="panel-actions">
                        <button type="button" data-testid="scenario-new" on:click=move |_| {
                            planner.create();
                            close();
                        }>
                            "New from example"
                        </button>
                        <button type="button" data-testid="scenario-blank" on:click=move |_| {
                            planner.create_blank();
                            close();
                        }>
                            "New blank"
                        </button>
                        <button type="button" data-testid="scenario-duplicate" on:click=move |_| {
                            planner.duplicate();
                            close();
                        }>
                            "Duplicate"
                        </button>
                        <button type="button" class="ghost" on:click=move |_| close()>"Close"</button>
                    </div>
                    <files::FileActions />
                    <p class="hint" data-testid="unsaved-hint" hidden=move || current_saved() || planner.is_shared()>
                        "The scenario open now is saved here as soon as you change it."
                    </p>
                    <ul class="scenario-list">{rows}</ul>
                    <div class="panel-actions compare-actions">
                        <button
                            type="button"
                            data-testid="scenario-compare"
                            disabled=move || ticked.with(Vec::len) < 2
                            on:click=move |_| {
                                planner.compare(&ticked.get_untracked());
                                ticked.set(Vec::new());
                                open.set(false);
                            }
                        >
                            "Compare ticked"
                        </button>
                        <span class="hint">"Tick two or three scenarios to see them side by side."</span>
                    </div>
                </div>
        </div>
    }
}
