//! Explanations behind a "?": a disclosure that screen readers announce as expanded or
//! collapsed, closed by Escape, or when focus or a click goes elsewhere.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{HtmlDetailsElement, HtmlElement, Node};

/// A "?" that opens an explanation: what an input means, or how a figure is computed.
#[component]
pub fn Help(
    /// The "?"'s name, read by screen readers: "What Shrinkage means".
    label: String,
    /// The explanation.
    text: &'static str,
) -> impl IntoView {
    view! {
        <details class="explain">
            <summary aria-label=label>"?"</summary>
            <p>{text}</p>
        </details>
    }
}

/// Every explanation open on the page (figures' and inputs').
fn open_explanations() -> Vec<HtmlDetailsElement> {
    let Ok(found) = document().query_selector_all("details.explain[open]") else {
        return Vec::new();
    };
    (0..found.length())
        .filter_map(|i| found.item(i)?.dyn_into().ok())
        .collect()
}

/// Closes open explanations when Escape is pressed (focus goes back to the "?"), and when focus
/// or a click lands outside them, as a popover does. One set of listeners serves them all.
pub fn close_explanations_when_left() {
    let close_unless_within = |target: Option<Node>| {
        for details in open_explanations() {
            if !details.contains(target.as_ref()) {
                details.set_open(false);
            }
        }
    };
    let target = |ev: &web_sys::Event| ev.target().and_then(|t| t.dyn_into::<Node>().ok());
    let focus = window_event_listener(leptos::ev::focusin, move |ev| {
        close_unless_within(target(&ev));
    });
    let pointer = window_event_listener(leptos::ev::pointerdown, move |ev| {
        close_unless_within(target(&ev));
    });
    let escape = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.key() != "Escape" {
            return;
        }
        let focused: Option<Node> = document().active_element().map(Into::into);
        for details in open_explanations() {
            let had_focus = details.contains(focused.as_ref());
            details.set_open(false);
            if had_focus {
                if let Some(summary) = details
                    .query_selector("summary")
                    .ok()
                    .flatten()
                    .and_then(|s| s.dyn_into::<HtmlElement>().ok())
                {
                    let _ = summary.focus();
                }
            }
        }
    });
    on_cleanup(move || {
        focus.remove();
        pointer.remove();
        escape.remove();
    });
}
