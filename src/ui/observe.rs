//! What the browser reports about an element, as a signal: its size, whether it is on screen, and
//! the screen's device pixel ratio, from a `ResizeObserver`, an `IntersectionObserver` and the
//! window's `resize` event.

use leptos::html::Div;
use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{
    IntersectionObserver, IntersectionObserverEntry, ResizeObserver, ResizeObserverEntry,
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
        let on_resize: Callback = Closure::new(move |entries: js_sys::Array| {
            if let Some(entry) = last_entry::<ResizeObserverEntry>(&entries) {
                let rect = entry.content_rect();
                report(&|s| (s.width, s.height) = (rect.width(), rect.height()));
            }
        });
        let on_intersection: Callback = Closure::new(move |entries: js_sys::Array| {
            if let Some(entry) = last_entry::<IntersectionObserverEntry>(&entries) {
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
