//! Building the analyses' elements with the browser's own DOM.
//!
//! The analyses load on first use with a budget of their own, and a view library's runtime
//! would take a third of it, so they build their elements with these few helpers instead: a
//! panel's controls are made once, and its results are rebuilt whole when they change. Styles
//! go through the CSS object model, never a `style` attribute, which the page's
//! Content-Security-Policy forbids.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, Event, HtmlElement};

/// The page's document. The analyses only ever run in a page.
pub fn document() -> Document {
    web_sys::window()
        .and_then(|window| window.document())
        .expect_throw("the analyses run in a page")
}

/// An element being built: `el("p").class("note").text("…")`.
pub struct El(Element);

/// A new `tag` element.
pub fn el(tag: &str) -> El {
    El(document()
        .create_element(tag)
        .expect_throw("a known element name"))
}

/// A new SVG `tag` element.
pub fn svg(tag: &str) -> El {
    El(document()
        .create_element_ns(Some("http://www.w3.org/2000/svg"), tag)
        .expect_throw("a known element name"))
}

/// The message under a field, with `id` for the field's `aria-describedby`; read aloud when it
/// changes.
pub fn field_message(id: &str) -> El {
    el("p")
        .class("field-message")
        .attr("id", id)
        .attr("aria-live", "polite")
}

/// An `option` of a select: its `value`, and the `words` it shows.
pub fn option(value: &str, words: &str) -> El {
    el("option").attr("value", value).text(words)
}

impl El {
    /// Adds the space-separated class `names`.
    #[must_use]
    pub fn class(self, names: &str) -> Self {
        self.attr("class", names)
    }

    /// Sets attribute `name` to `value`.
    #[must_use]
    pub fn attr(self, name: &str, value: &str) -> Self {
        let _ = self.0.set_attribute(name, value);
        self
    }

    /// Sets boolean attribute `name` when `on` holds.
    #[must_use]
    pub fn flag(self, name: &str, on: bool) -> Self {
        set_flag(&self.0, name, on);
        self
    }

    /// Appends `text`.
    #[must_use]
    pub fn text(self, text: &str) -> Self {
        let _ = self.0.append_with_str_1(text);
        self
    }

    /// Appends `child`.
    #[must_use]
    pub fn child(self, child: impl Into<Element>) -> Self {
        let _ = self.0.append_child(&child.into());
        self
    }

    /// Appends every one of `children`.
    #[must_use]
    pub fn children(self, children: impl IntoIterator<Item = El>) -> Self {
        for child in children {
            let _ = self.0.append_child(&child.0);
        }
        self
    }

    /// Sets the CSS `property` (a custom property too) to `value`.
    #[must_use]
    pub fn style(self, property: &str, value: &str) -> Self {
        set_style(&self.0, property, value);
        self
    }

    /// Calls `handler` on every `event` on this element or inside it, for as long as the page
    /// lives: for the controls, made once.
    #[must_use]
    pub fn on(self, event: &str, handler: impl FnMut(Event) + 'static) -> Self {
        let handler = Closure::<dyn FnMut(Event)>::new(handler);
        let _ = self
            .0
            .add_event_listener_with_callback(event, handler.as_ref().unchecked_ref());
        handler.forget();
        self
    }

    /// The element itself, kept to update later.
    pub fn element(&self) -> Element {
        self.0.clone()
    }
}

impl From<El> for Element {
    fn from(el: El) -> Element {
        el.0
    }
}

/// Sets or removes boolean attribute `name`.
pub fn set_flag(element: &Element, name: &str, on: bool) {
    let _ = if on {
        element.set_attribute(name, "")
    } else {
        element.remove_attribute(name)
    };
}

/// Sets ARIA state `name` (`aria-invalid`, `aria-busy`) to "true", or removes it. Unlike an
/// HTML flag, an ARIA state present but empty means false: assistive technology would not
/// hear of it.
pub fn set_state(element: &Element, name: &str, on: bool) {
    let _ = if on {
        element.set_attribute(name, "true")
    } else {
        element.remove_attribute(name)
    };
}

/// Sets the CSS `property` of `element` to `value`.
pub fn set_style(element: &Element, property: &str, value: &str) {
    if let Some(element) = element.dyn_ref::<HtmlElement>() {
        let _ = element.style().set_property(property, value);
    }
}

/// Makes `text` all that `element` holds.
pub fn set_text(element: &Element, text: &str) {
    element.set_text_content(Some(text));
}

/// Makes `children` all that `element` holds.
pub fn set_children(element: &Element, children: impl IntoIterator<Item = El>) {
    element.set_text_content(None);
    for child in children {
        let _ = element.append_child(&child.0);
    }
}

/// The value of the form control an event came from.
pub fn value_of(event: &Event) -> String {
    let target = event.target();
    if let Some(input) = target
        .as_ref()
        .and_then(|t| t.dyn_ref::<web_sys::HtmlInputElement>())
    {
        input.value()
    } else if let Some(select) = target
        .as_ref()
        .and_then(|t| t.dyn_ref::<web_sys::HtmlSelectElement>())
    {
        select.value()
    } else {
        String::new()
    }
}

/// The number in the number field an event came from, as the browser read it in the manager's
/// locale; NaN when the field does not hold one.
pub fn number_of(event: &Event) -> f64 {
    event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        .map_or(f64::NAN, |input| input.value_as_number())
}

/// An event handler that calls `f` with the panel `this` points to, while it lives: for a
/// panel's controls, made while the panel itself is (see [`std::rc::Rc::new_cyclic`]).
pub fn handler<T: 'static>(
    this: &std::rc::Weak<T>,
    f: impl Fn(&T, &Event) + 'static,
) -> impl FnMut(Event) + 'static {
    let this = this.clone();
    move |event| {
        if let Some(this) = this.upgrade() {
            f(&this, &event);
        }
    }
}
