//! Notices above the results: stale figures, storage problems, a new version ready.

use leptos::prelude::*;

use super::Planner;
use crate::model::ProjectionError;

/// Opens the section holding the first field that needs a fix, scrolls it and its message into
/// view and focuses it.
fn focus_first_problem() {
    use wasm_bindgen::JsCast;
    let Ok(Some(field)) = document().query_selector("input[aria-invalid=\"true\"]") else {
        return;
    };
    if let Ok(Some(section)) = field.closest("details") {
        let _ = section.set_attribute("open", "");
    }
    // The field's block holds its message too: bring both into view.
    if let Ok(Some(block)) = field.closest(".number-input") {
        block.scroll_into_view_with_bool(false);
    }
    if let Ok(field) = field.dyn_into::<web_sys::HtmlElement>() {
        let _ = field.focus();
    }
}

/// What the manager should know before reading the figures.
#[component]
pub fn Notices() -> impl IntoView {
    let planner = expect_context::<Planner>();
    let stale = move || {
        if !planner.is_stale() {
            return None;
        }
        let problems = planner.unreadable.with(|u| u.len())
            + planner.error.with(|e| match e {
                Some(ProjectionError::Invalid(errors)) => errors.0.len(),
                _ => 0,
            });
        let text = planner.error.with(|e| match e {
            Some(error @ ProjectionError::Staffing { .. }) if problems == 0 => {
                format!("These inputs cannot be projected: {error}. The figures below are from the last inputs that could.")
            }
            _ => format!(
                "{problems} {} fixing. The figures below are from the last valid inputs and do not show your latest change.",
                if problems == 1 { "input needs" } else { "inputs need" }
            ),
        });
        let has_field = problems > 0;
        Some(view! {
            <p class="notice warning" role="status" data-testid="stale-notice">
                <span>{text}</span>
                <button type="button" class="ghost" data-testid="show-problem" hidden=!has_field on:click=move |_| focus_first_problem()>
                    "Show me"
                </button>
            </p>
        })
    };
    // A newer build is installed and waits for the manager (public/offline.js says so, by an
    // attribute if it knew before this component, by an event after).
    let update_ready = RwSignal::new(
        document()
            .document_element()
            .and_then(|html| html.get_attribute("data-update"))
            .is_some_and(|state| state == "ready"),
    );
    let listener = window_event_listener_untyped("frontline:update-ready", move |_| {
        update_ready.set(true);
    });
    on_cleanup(move || listener.remove());
    let reload = move |_| {
        planner.save();
        if let Ok(event) = web_sys::Event::new("frontline:update-now") {
            let _ = window().dispatch_event(&event);
        }
    };
    let deleted_name = move || {
        planner
            .deleted
            .with(|d| d.as_ref().map(|d| d.entry.name.clone()).unwrap_or_default())
    };
    view! {
        <div class="notices" aria-live="polite">
            {stale}
            <p class="notice warning" role="alert" data-testid="other-tab-notice" hidden=move || planner.theirs.with(Option::is_none)>
                <span>"This scenario was saved in another tab while you were editing it here. Your edits here are not saved yet."</span>
                <span class="notice-actions">
                    <button type="button" data-testid="load-theirs" on:click=move |_| planner.load_theirs()>"Load theirs"</button>
                    <button type="button" data-testid="keep-mine" on:click=move |_| planner.keep_mine_as_copy()>"Keep mine as a copy"</button>
                </span>
            </p>
            <p class="notice info" role="status" data-testid="update-notice" hidden=move || !update_ready.get()>
                <span>"A new version of Frontline is ready."</span>
                <span class="notice-actions">
                    <button type="button" data-testid="update-reload" on:click=reload>"Reload"</button>
                </span>
            </p>
            <p class="notice info" role="status" data-testid="deleted-notice" hidden=move || planner.deleted.with(Option::is_none)>
                <span>"Deleted \u{201c}" {deleted_name} "\u{201d}."</span>
                <span class="notice-actions">
                    <button type="button" data-testid="undo-delete" on:click=move |_| planner.undo_delete()>"Undo"</button>
                    <button type="button" class="ghost" on:click=move |_| planner.deleted.set(None)>"Dismiss"</button>
                </span>
            </p>
            {move || {
                planner
                    .notices
                    .get()
                    .into_iter()
                    .enumerate()
                    .map(|(index, text)| {
                        view! {
                            <p class="notice info" data-testid="storage-notice">
                                <span>{text}</span>
                                <button type="button" class="ghost" on:click=move |_| planner.dismiss(index)>"Dismiss"</button>
                            </p>
                        }
                    })
                    .collect_view()
            }}
        </div>
    }
}
