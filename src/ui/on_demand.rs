//! Parts of the page built when they are first needed rather than at start-up: the fields behind
//! "More levers" and the presenter's live levers. Together they are a third of the page's
//! elements, and a first visit waits for every element built before its first frame.

use leptos::prelude::*;
use leptos::tachys::view::{Mountable, Render};
use wasm_bindgen::JsCast;
use web_sys::Element;

/// Builds `part` at the end of `host` the first time `needed` is true, and never again.
///
/// The part is built under the calling component's owner, so it reads the same context. Once
/// built it stays as long as the page: call this only from components that are never unmounted
/// before the page closes. Unlike a view that shows or hides a part on a condition, this needs
/// no code to rebuild the part, only to build it.
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
            // Its reactive parts live in the built state: kept, as the page is, until it closes.
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
    Effect::new(move |_| {
        // Once built, the effect reads nothing, so nothing wakes it again.
        if build.is_none() || !needed() {
            return;
        }
        let (Some(host), Some(owner)) = (host(), owner.upgrade()) else {
            return;
        };
        if let Some(build) = build.take() {
            // The part's own reads belong to its own effects, not to this one.
            untrack(|| owner.with(|| build(&host)));
        }
    });
}
