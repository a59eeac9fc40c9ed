//! Parts of the page built when they are first needed rather than at start-up: the fields behind
//! "More levers", the presenter's live levers and the comparison of scenarios, when first opened;
//! the inputs and everything below the first chart, just after the first frame. A first visit
//! waits for everything built before its first frame, so that frame holds only the headline
//! figures and the first chart.

use std::time::Duration;

use leptos::prelude::*;
use leptos::tachys::view::{Mountable, Render};
use wasm_bindgen::JsCast;
use web_sys::Element;

/// True from just after the page's first frame has been painted, and from then on. A page
/// opened in a background tab paints, and so turns true, when it is first shown.
pub fn after_first_frame() -> ReadSignal<bool> {
    let (painted, set_painted) = signal(false);
    // A timeout set in an animation frame's callback runs once that frame has been painted.
    request_animation_frame(move || set_timeout(move || set_painted.set(true), Duration::ZERO));
    painted
}

/// Builds `part` at the end of `host` the first time `needed` is true, and never again.
///
/// The part is built under a child of the calling component's owner, so it reads the same
/// context, and its reactive parts are disposed of with that owner. Its elements and event
/// handlers are kept as long as the page: call this only from components that stay until the
/// page closes (a test's app let go leaves them behind, inert). Unlike a view that shows or hides
/// a part on a condition, this needs no code to rebuild or drop the part, only to build it.
pub fn build_when<E, V>(
    host: NodeRef<E>,
    needed: impl Fn() -> bool + 'static,
    part: impl FnOnce() -> V + 'static,
) where
    E: leptos::html::ElementType,
    E::Output: JsCast + Clone + 'static,
    V: IntoView + 'static,
{
    build_once(
        Box::new(move || host.get().map(JsCast::unchecked_into)),
        Box::new(needed),
        Box::new(move |host| {
            let mut built = part().into_view().build();
            built.mount(host, None);
            // Dropping it would only unmount it; the code to do so would add 3 KB to the first load.
            std::mem::forget(built);
        }),
    );
}

/// The part of [`build_when`] that does not depend on the part's type, so that one effect serves
/// every part.
fn build_once(
    host: Box<dyn Fn() -> Option<Element>>,
    needed: Box<dyn Fn() -> bool>,
    build: Box<dyn FnOnce(&Element)>,
) {
    // Held weakly: the effect lives in the owner, and a strong hold would keep both alive after
    // the page's owner is let go (a view unmounted, a test's app dropped).
    let owner = Owner::current()
        .expect("build_when is called while a component is created")
        .downgrade();
    let mut build = Some(build);
    // The part's owner, kept by the effect and so let go with it. The part's event handlers hold
    // their owner: this child, so they do not keep the calling owner alive.
    let mut kept: Option<Owner> = None;
    Effect::new(move |_| {
        // Once built, the effect reads nothing, so nothing wakes it again.
        if kept.is_some() || !needed() {
            return;
        }
        let (Some(host), Some(owner)) = (host(), owner.upgrade()) else {
            return;
        };
        if let Some(build) = build.take() {
            let part = owner.child();
            // The part's own reads belong to its own effects, not to this one.
            untrack(|| part.with(|| build(&host)));
            kept = Some(part);
        }
    });
}
