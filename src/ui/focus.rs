//! Moving the keyboard to what has just appeared.

use leptos::prelude::*;
use web_sys::HtmlElement;

/// Focuses `target` once the browser has drawn it (a hidden element takes no focus), then runs
/// `then` on it, unless the focus has moved in the meantime: the manager may have tabbed or
/// clicked on before the frame came, and the keyboard goes where they put it.
pub fn focus_when_shown(target: HtmlElement, then: impl FnOnce() + 'static) {
    let before = document().active_element();
    request_animation_frame(move || {
        let now = document().active_element();
        // An element hidden while focused leaves the focus on the body.
        let moved = now != before && now.as_ref() != document().body().as_deref();
        if !moved {
            let _ = target.focus();
            then();
        }
    });
}
