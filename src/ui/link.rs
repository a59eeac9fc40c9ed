//! Links in the browser: the "Copy link" button, a link opened at start or pasted into the
//! address bar, and the banner over a shared scenario. The encoding itself is
//! [`crate::share`], pure Rust.

use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

use super::focus::focus_when_shown;
use super::Planner;
use crate::model::Scenario;
use crate::share;

/// The page's address without its fragment: where any copy of Frontline is served from.
fn page_address() -> Option<String> {
    let location = window().location();
    Some(format!(
        "{}{}{}",
        location.origin().ok()?,
        location.pathname().ok()?,
        location.search().ok()?
    ))
}

/// The link that opens `scenario` on this copy of Frontline.
pub fn link_to(scenario: &Scenario) -> Option<String> {
    Some(format!("{}#{}", page_address()?, share::encode(scenario)))
}

/// Replaces the address's fragment without a reload or a history entry.
fn replace_address(address: &str) {
    if let Ok(history) = window().history() {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(address));
    }
}

/// Keeps `scenario` in the address, so a reload shows it as edited.
pub fn show_in_address(scenario: &Scenario) {
    if let Some(link) = link_to(scenario) {
        replace_address(&link);
    }
}

/// Takes the scenario out of the address.
pub fn clear_address() {
    if let Some(address) = page_address() {
        replace_address(&address);
    }
}

/// Opens the scenario in the address, if it holds one: shown with a banner when it reads, else a
/// notice says why and the manager's own work stays open.
pub fn open_from_address(planner: Planner) {
    let Ok(fragment) = window().location().hash() else {
        return;
    };
    if !share::has_scenario(&fragment) {
        return;
    }
    match share::decode(&fragment) {
        Ok(scenario) => planner.open_shared(scenario),
        Err(error) => {
            clear_address();
            planner.notify(format!(
                "This link could not be opened: {error}. Your own scenario is shown."
            ));
        }
    }
}

/// Opens links as they arrive: at start, and when one is pasted into the address bar of this
/// tab (only the fragment changes, so the page does not reload).
pub fn follow_links(planner: Planner) {
    open_from_address(planner);
    let listener = window_event_listener(leptos::ev::hashchange, move |_| {
        open_from_address(planner);
    });
    on_cleanup(move || listener.remove());
}

/// What copying the link came to.
#[derive(Debug, Clone, PartialEq)]
enum Copied {
    /// On the clipboard.
    Done,
    /// The clipboard was refused: the link is shown to copy by hand.
    ByHand(String),
    /// The inputs need fixing first.
    NotValid,
}

fn by_hand_text(copied: RwSignal<Option<Copied>>) -> String {
    copied.with_untracked(|c| match c {
        Some(Copied::ByHand(link)) => link.clone(),
        _ => String::new(),
    })
}

/// "Copy link": the whole scenario in a link, onto the clipboard or into a field to copy.
#[component]
pub fn CopyLink() -> impl IntoView {
    let planner = expect_context::<Planner>();
    let copied = RwSignal::new(None::<Copied>);
    let field = NodeRef::<leptos::html::Input>::new();

    let copy = move |_| {
        if planner.is_stale() {
            copied.set(Some(Copied::NotValid));
            return;
        }
        let Some(link) = planner.scenario.with_untracked(link_to) else {
            return;
        };
        // Pages served over plain http have no clipboard at all.
        let clipboard = js_sys::Reflect::get(&window().navigator(), &"clipboard".into())
            .ok()
            .filter(|c| !c.is_undefined() && !c.is_null())
            .map(|c| c.unchecked_into::<web_sys::Clipboard>());
        let Some(clipboard) = clipboard else {
            copied.set(Some(Copied::ByHand(link)));
            return;
        };
        let promise = clipboard.write_text(&link);
        leptos::task::spawn_local(async move {
            let outcome = match wasm_bindgen_futures::JsFuture::from(promise).await {
                Ok(_) => Copied::Done,
                Err(_) => Copied::ByHand(link),
            };
            copied.set(Some(outcome));
        });
    };
    // The field appears selected, ready for Ctrl+C.
    Effect::new(move |_| {
        let shown = copied.with(|c| matches!(c, Some(Copied::ByHand(_))));
        if let (true, Some(input)) = (shown, field.get()) {
            input.set_value(&by_hand_text(copied));
            // Once it is unhidden: a hidden field takes no focus.
            focus_when_shown(input.clone().into(), move || input.select());
        }
    });

    // Every state's markup is built once and shown or hidden: conditional views cost far more
    // of the page's size than attributes do.
    let state =
        move |wanted: fn(&Copied) -> bool| move || !copied.with(|c| c.as_ref().is_some_and(wanted));
    view! {
        <div class="copy-link">
            <button
                type="button"
                class="ghost"
                data-testid="copy-link"
                title="A link that opens this scenario for anyone with it; nothing is sent anywhere"
                on:click=copy
                on:blur=move |_| {
                    if copied.get_untracked() == Some(Copied::Done) {
                        copied.set(None);
                    }
                }
            >
                "Copy link"
            </button>
            <span class="copy-status" role="status" data-testid="copy-status" hidden=state(|c| *c == Copied::Done)>
                "Link copied"
            </span>
            <span class="copy-status warning" role="status" data-testid="copy-invalid" hidden=state(|c| *c == Copied::NotValid)>
                "Fix the inputs marked first: a link carries only a scenario Frontline can plan with."
            </span>
            <div class="copy-by-hand" role="dialog" aria-label="Copy the link" data-testid="copy-by-hand" hidden=state(|c| matches!(c, Copied::ByHand(_)))>
                <label>
                    "The browser did not allow copying. Select the link and copy it:"
                    <input type="text" readonly node_ref=field data-testid="copy-link-field" />
                </label>
                <button type="button" class="ghost" on:click=move |_| copied.set(None)>"Close"</button>
            </div>
        </div>
    }
}

/// The banner over a scenario opened from a link.
#[component]
pub fn SharedBanner() -> impl IntoView {
    let planner = expect_context::<Planner>();
    let name = Memo::new(move |_| planner.scenario.with(|s| s.name.clone()));
    view! {
        <p class="notice shared" role="status" data-testid="shared-banner" hidden=move || !planner.is_shared()>
                <span>
                    "Shared scenario " <strong data-testid="shared-name">"\u{201c}" {name} "\u{201d}"</strong>
                    ". It is not in your scenarios: your own are unchanged."
                </span>
                <span class="notice-actions">
                    <button type="button" data-testid="save-shared" on:click=move |_| planner.save_shared()>
                        "Save to my scenarios"
                    </button>
                    <button type="button" class="ghost" data-testid="close-shared" on:click=move |_| planner.close_shared()>
                        "Close"
                    </button>
                </span>
        </p>
    }
}
