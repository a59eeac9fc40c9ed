//! The page's side of the what-if analyses. Their code loads on first use, as a module of its
//! own (see [`crate::what_if`]), so the page a visitor first loads stays small.
//!
//! The two share no memory: the page writes the scenario being planned, as a link's text, into
//! the panel's `data-scenario` attribute, and the analyses ask for an edit with an
//! [`EDIT_EVENT`](crate::what_if::EDIT_EVENT) holding the edited scenario, as a link's text,
//! which the page applies as an ordinary, undoable edit.

use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::Planner;
use crate::model::Scenario;
use crate::share;
use crate::what_if::{BAND_EVENT, EDIT_EVENT, PANEL_ID, SCENARIO_ATTRIBUTE};

/// What a Monte Carlo run found month by month, for the scenario it ran on.
#[derive(Debug, Clone, PartialEq)]
pub struct RunBand {
    /// The scenario run, as a link's text.
    scenario: String,
    /// Each month's P10, P50 and P90 of the cumulative extra contribution.
    pub p10: Vec<f64>,
    /// See `p10`.
    pub p50: Vec<f64>,
    /// See `p10`.
    pub p90: Vec<f64>,
}

impl RunBand {
    /// A band from a [`BAND_EVENT`]'s detail; `None` unless it is whole and finite.
    fn from_detail(detail: &wasm_bindgen::JsValue) -> Option<Self> {
        let detail = detail.dyn_ref::<js_sys::Array>()?;
        let scenario = detail.get(0).as_string()?;
        let values = detail
            .get(1)
            .dyn_into::<js_sys::Float64Array>()
            .ok()?
            .to_vec();
        if values.is_empty() || values.len() % 3 != 0 || !values.iter().all(|v| v.is_finite()) {
            return None;
        }
        let months = values.len() / 3;
        Some(Self {
            scenario,
            p10: values[..months].to_vec(),
            p50: values[months..2 * months].to_vec(),
            p90: values[2 * months..].to_vec(),
        })
    }
}

/// The last Monte Carlo run's band, as context: the cumulative extra contribution chart draws
/// it while the plan is the one it ran on.
#[derive(Debug, Clone, Copy)]
pub struct TrialBand(RwSignal<Option<Arc<RunBand>>>);

impl TrialBand {
    /// Listens for the analyses' runs, and provides the band as context.
    pub fn provide() -> Self {
        let band = Self(RwSignal::new(None));
        provide_context(band);
        let listener = window_event_listener_untyped(BAND_EVENT, move |ev| {
            let run = ev
                .dyn_ref::<web_sys::CustomEvent>()
                .and_then(|ev| RunBand::from_detail(&ev.detail()));
            band.0.set(run.map(Arc::new));
        });
        on_cleanup(move || listener.remove());
        band
    }

    /// The band of the last run, when it ran on `scenario` as it is.
    pub fn for_scenario(self, scenario: &Scenario) -> Option<Arc<RunBand>> {
        self.0.with(|band| {
            band.as_ref()
                .filter(|band| band.scenario == share::encode(scenario))
                .cloned()
        })
    }
}

/// Adds the analyses' loader to the page, with this build's version so that a browser cache
/// never mixes two builds' files.
fn load_analyses() {
    let document = document();
    let version = document
        .query_selector("meta[name=frontline-what-if]")
        .ok()
        .flatten()
        .and_then(|meta| meta.get_attribute("content"))
        .unwrap_or_default();
    let Ok(script) = document.create_element("script") else {
        return;
    };
    let _ = script.set_attribute("type", "module");
    let _ = script.set_attribute("src", &format!("what-if.js?{version}"));
    if let Some(head) = document.head() {
        let _ = head.append_child(&script);
    }
}

/// Applies the edit the analyses ask for, checked as any link is.
fn apply(planner: Planner, event: web_sys::Event) {
    let edited = event
        .dyn_ref::<web_sys::CustomEvent>()
        .and_then(|event| event.detail().as_string())
        .and_then(|text| share::decode(&text).ok());
    if let Some(edited) = edited {
        planner.edit(|s| *s = edited);
    }
}

/// The what-if section: a short promise and a button, replaced by the analyses once opened.
#[component]
pub fn WhatIfSection() -> impl IntoView {
    let planner = expect_context::<Planner>();
    let opened = RwSignal::new(false);
    // Once opened, the panel carries the scenario for the analyses, written before they load so
    // they find it when they start, and rewritten on every edit.
    Effect::new(move |_| {
        if !opened.get() {
            return;
        }
        let text = planner.scenario.with(share::encode);
        if let Some(panel) = document().get_element_by_id(PANEL_ID) {
            let _ = panel.set_attribute(SCENARIO_ATTRIBUTE, &text);
        }
    });
    let listener = window_event_listener_untyped(EDIT_EVENT, move |ev| apply(planner, ev));
    on_cleanup(move || listener.remove());
    let open = move |_| {
        if !opened.get_untracked() {
            opened.set(true);
            load_analyses();
        }
    };
    view! {
        <section class="what-if" aria-labelledby="what-if-title" data-testid="what-if">
            <h2 id="what-if-title">"What if"</h2>
            <p>
                "Which assumption matters most, and what a lever would have to be to pay back."
            </p>
            <button on:click=open data-testid="what-if-open">"Open what-if analysis"</button>
            <div id=PANEL_ID></div>
        </section>
    }
}
