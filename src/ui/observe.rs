//! What the browser reports about an element, as a signal: its size, whether it is on screen, and
//! the screen's device pixel ratio, from a `ResizeObserver`, an `IntersectionObserver` and the
//! window's `resize` event.

use std::cell::Cell;
use std::rc::Rc;

use leptos::html::Div;
use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{
    Element, IntersectionObserver, IntersectionObserverEntry, ResizeObserver, ResizeObserverEntry,
};

/// An element as the browser last reported it.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Seen {
    /// Content-box width in CSS pixels.
    pub width: f64,
    /// Content-box height in CSS pixels.
    pub height: f64,
    /// Whether any of it is within the viewport.
    pub visible: bool,
    /// Device pixels per CSS pixel.
    pub pixel_ratio: f64,
}

type Callback = Closure<dyn Fn(js_sys::Array)>;

/// The observers of one element, disconnected when dropped, before their callbacks are.
struct Observers {
    resize: ResizeObserver,
    intersection: IntersectionObserver,
    _callbacks: (Callback, Callback),
}

impl Drop for Observers {
    fn drop(&mut self) {
        self.resize.disconnect();
        self.intersection.disconnect();
    }
}

/// Whether any of `element` is within the viewport, as an intersection observer would say.
fn in_viewport(element: &Element) -> bool {
    let Some(root) = document().document_element() else {
        return false;
    };
    let rect = element.get_bounding_client_rect();
    rect.width() > 0.0
        && rect.height() > 0.0
        && rect.right() > 0.0
        && rect.bottom() > 0.0
        && rect.left() < f64::from(root.client_width())
        && rect.top() < f64::from(root.client_height())
}

/// The last entry of an observer's report, as `T`.
fn last_entry<T: JsCast>(entries: &js_sys::Array) -> Option<T> {
    entries.at(-1).dyn_into().ok()
}

/// Watches `target` once it is mounted, for as long as the calling component lives. The
/// signal changes only when something reported differs.
pub fn watch(target: NodeRef<Div>) -> ReadSignal<Seen> {
    let (seen, set_seen) = signal(Seen {
        pixel_ratio: window().device_pixel_ratio(),
        ..Seen::default()
    });
    let report = move |change: &dyn Fn(&mut Seen)| {
        let mut next = seen.get_untracked();
        change(&mut next);
        next.pixel_ratio = window().device_pixel_ratio();
        if next != seen.get_untracked() {
            set_seen.set(next);
        }
    };
    let observers = StoredValue::new_local(None::<Observers>);
    Effect::new(move |_| {
        let Some(element) = target.get() else {
            return;
        };
        // The intersection observer's first report comes in a task after the first frame, behind
        // whatever else that frame set going. Until then the element's place tells: layout is up
        // to date when a resize observer calls back, so an element in view is seen as such in the
        // frame that first lays it out, and a chart there is drawn in that frame.
        let intersection_known = Rc::new(Cell::new(false));
        let known = Rc::clone(&intersection_known);
        let on_resize: Callback = Closure::new(move |entries: js_sys::Array| {
            if let Some(entry) = last_entry::<ResizeObserverEntry>(&entries) {
                let rect = entry.content_rect();
                let in_view = (!known.get()).then(|| in_viewport(&entry.target()));
                report(&|s| {
                    (s.width, s.height) = (rect.width(), rect.height());
                    s.visible = in_view.unwrap_or(s.visible);
                });
            }
        });
        let on_intersection: Callback = Closure::new(move |entries: js_sys::Array| {
            if let Some(entry) = last_entry::<IntersectionObserverEntry>(&entries) {
                intersection_known.set(true);
                report(&|s| s.visible = entry.is_intersecting());
            }
        });
        let (Ok(resize), Ok(intersection)) = (
            ResizeObserver::new(on_resize.as_ref().unchecked_ref()),
            IntersectionObserver::new(on_intersection.as_ref().unchecked_ref()),
        ) else {
            return;
        };
        resize.observe(&element);
        intersection.observe(&element);
        observers.set_value(Some(Observers {
            resize,
            intersection,
            _callbacks: (on_resize, on_intersection),
        }));
    });
    // Zooming or moving to another screen can change the pixel ratio; the window hears of it.
    let zoom = window_event_listener(leptos::ev::resize, move |_| report(&|_| {}));
    on_cleanup(move || zoom.remove());
    seen
}
