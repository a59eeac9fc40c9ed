//! Presentation mode, for a projector in a meeting: one view at a time filling the screen, type
//! sized for the back of the room, stepped with the keys a presenter's clicker sends, and a row of
//! live levers whose edits are ordinary edits of the scenario.
//!
//! Which view shows is an attribute on `<html>` (`data-slide`); the stylesheet does the rest, so
//! the page's components stay as they are and nothing is built twice.

use std::sync::Arc;

use leptos::html::Div;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::held::held_while_compared;
use super::inputs_panel::{unit_text, LeverInput};
use super::on_demand::build_when;
use super::planner::projection_changed;
use super::{Planner, Shown};
use crate::charts::specs::ChartKind;
use crate::model::levers::Side;
use crate::model::levers::{strategy_levers, StrategyLever};

/// One view of the presentation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slide {
    /// The headline figures.
    Headline,
    /// The strategies' measures side by side: a view of its own, so that every strategy's row
    /// shows whole on a small projector, under the live levers.
    Strategies,
    /// Each segment's contribution under each strategy, for a scenario with segments.
    Segments,
    /// One chart.
    Chart(ChartKind),
    /// The saved scenarios side by side.
    Comparison,
}

impl Slide {
    /// The value of `data-slide` on `<html>` while it shows.
    pub fn id(self) -> &'static str {
        match self {
            Slide::Headline => "headline",
            Slide::Strategies => "strategies",
            Slide::Segments => "segments",
            Slide::Chart(ChartKind::ExtraContribution) => "chart-extra",
            Slide::Chart(ChartKind::Sources) => "chart-sources",
            Slide::Chart(ChartKind::CumulativeContribution) => "chart-cumulative",
            Slide::Chart(ChartKind::Customers) => "chart-customers",
            Slide::Chart(ChartKind::Agents) => "chart-agents",
            Slide::Comparison => "comparison",
        }
    }

    /// What it is called, announced as it shows.
    pub fn title(self) -> &'static str {
        match self {
            Slide::Headline => "Headline figures",
            Slide::Strategies => "The strategies side by side",
            Slide::Segments => "Where the money comes from, by segment",
            Slide::Chart(kind) => kind.title(),
            Slide::Comparison => "Scenarios side by side",
        }
    }
}

/// The views, in order: the headline and the strategies, the segments when the scenario has
/// some, the charts, and the comparison last while scenarios are compared.
fn slides(segmented: bool, comparing: bool) -> Vec<Slide> {
    let mut slides = vec![Slide::Headline, Slide::Strategies];
    if segmented {
        slides.push(Slide::Segments);
    }
    slides.extend(ChartKind::ALL.map(Slide::Chart));
    if comparing {
        slides.push(Slide::Comparison);
    }
    slides
}

/// Levers shown live when presenting starts, all the revenue center's: the ones a director asks
/// about. The presenter can show any of the others too, or hide these.
const LIVE_LEVER_PATHS: [&str; 5] = [
    "monthly_churn",
    "offer_conversion",
    "offer_rate",
    "agent_cost_per_hour",
    "handle_time_seconds.phone",
];

/// Presentation mode's state, shared through context.
#[derive(Clone, Copy)]
pub struct Presentation {
    /// The view shown, by position; `None` when not presenting.
    at: RwSignal<Option<usize>>,
    /// The screen is blanked (B or "."), as a presenter does to draw eyes to the room.
    blank: RwSignal<bool>,
    /// The levers shown live, by path inside a strategy.
    live: RwSignal<Vec<&'static str>>,
    planner: Planner,
    /// What the views of figures (the headline, the strategies, the segments) show: the
    /// projection, held still while a chart or the comparison fills the screen and hides them,
    /// so that a live edit there recomputes only what is seen.
    pub figures: Memo<Option<Arc<Shown>>>,
}

/// The views there are now, for `planner`'s scenario and comparison.
fn current_slides(planner: Planner) -> Vec<Slide> {
    let segmented = planner
        .scenario
        .with(|s| !s.segmentation.segments.is_empty());
    slides(segmented, planner.is_comparing())
}

/// The view shown at `at`, kept within the views there are now.
fn slide_at(at: Option<usize>, planner: Planner) -> Option<Slide> {
    // Not presenting, nothing of the scenario is read, so an edit does not wake the readers.
    let at = at?;
    let slides = current_slides(planner);
    Some(slides[at.min(slides.len() - 1)])
}

impl Presentation {
    /// Sets up presentation mode and its keys, and provides it as context.
    pub fn provide(planner: Planner) -> Self {
        let at = RwSignal::new(None);
        let hides_figures = move || {
            slide_at(at.get(), planner)
                .is_some_and(|slide| matches!(slide, Slide::Chart(_) | Slide::Comparison))
        };
        let figures = held_while_compared(
            hides_figures,
            move || planner.shown.get(),
            projection_changed,
        );
        let presentation = Self {
            at,
            blank: RwSignal::new(false),
            live: RwSignal::new(LIVE_LEVER_PATHS.to_vec()),
            planner,
            figures,
        };
        provide_context(presentation);
        // The stylesheet shows the view named on <html>.
        Effect::new(move |_| {
            let Some(root) = document().document_element() else {
                return;
            };
            let _ = match presentation.slide() {
                Some(slide) => root.set_attribute("data-slide", slide.id()),
                None => root.remove_attribute("data-slide"),
            };
        });
        let keys = window_event_listener(leptos::ev::keydown, move |ev| presentation.key(&ev));
        on_cleanup(move || keys.remove());
        presentation
    }

    /// Whether the page is presenting.
    pub fn is_on(&self) -> bool {
        self.at.with(Option::is_some)
    }

    /// How much larger chart text and lines are drawn: while presenting, in step with the type,
    /// which grows with the screen's width (twice at 1920 pixels wide) from a floor of 16 px,
    /// four thirds of the chart's 12 px.
    pub fn chart_zoom(&self) -> f64 {
        if self.is_on() {
            let width = window()
                .inner_width()
                .ok()
                .and_then(|w| w.as_f64())
                .unwrap_or(960.0);
            (width / 960.0).max(4.0 / 3.0)
        } else {
            1.0
        }
    }

    /// The view shown, when presenting.
    pub fn slide(&self) -> Option<Slide> {
        slide_at(self.at.get(), self.planner)
    }

    /// How many views there are, for the progress shown.
    fn count(&self) -> usize {
        current_slides(self.planner).len()
    }

    /// Starts presenting, at the first view (the comparison, when scenarios are compared).
    pub fn start(&self) {
        let first = if self.planner.is_comparing() {
            self.count() - 1
        } else {
            0
        };
        self.at.set(Some(first));
    }

    /// Leaves presentation mode, and full screen with it.
    pub fn stop(&self) {
        self.at.set(None);
        self.blank.set(false);
        if document().fullscreen_element().is_some() {
            document().exit_fullscreen();
        }
    }

    /// Shows view `at`, kept within the views there are.
    fn go(&self, at: isize) {
        let last = self.count() as isize - 1;
        self.blank.set(false);
        self.at.set(Some(at.clamp(0, last) as usize));
    }

    fn step(&self, by: isize) {
        if let Some(at) = self.at.get_untracked() {
            self.go(at as isize + by);
        }
    }

    /// Full screen on or off; browsers allow it only from a key press or a click.
    fn toggle_full_screen(&self) {
        if document().fullscreen_element().is_some() {
            document().exit_fullscreen();
        } else if let Some(root) = document().document_element() {
            let _ = root.request_fullscreen();
        }
    }

    /// Escape steps back one level: it closes the list of levers if open, else leaves the field
    /// the presenter is in, else leaves presenting.
    fn escape(&self, in_field: bool) {
        let chooser = document()
            .query_selector(".present-choose[open]")
            .ok()
            .flatten()
            .and_then(|el| el.dyn_into::<web_sys::HtmlDetailsElement>().ok());
        if let Some(chooser) = chooser {
            chooser.set_open(false);
            if let Some(summary) = chooser
                .query_selector("summary")
                .ok()
                .flatten()
                .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
            {
                let _ = summary.focus();
            }
        } else if in_field {
            if let Some(field) = document()
                .active_element()
                .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
            {
                let _ = field.blur();
            }
        } else {
            self.stop();
        }
    }

    /// The keys of a keyboard and of a presenter's clicker.
    fn key(&self, ev: &web_sys::KeyboardEvent) {
        if ev.ctrl_key() || ev.meta_key() || ev.alt_key() {
            return;
        }
        // A field or slider keeps its own keys; Escape leaves it, and then presenting.
        let in_field = ev
            .target()
            .is_some_and(|t| t.dyn_ref::<web_sys::HtmlInputElement>().is_some());
        let key = ev.key();
        if !self.at.with_untracked(Option::is_some) {
            if !in_field && (key == "p" || key == "P") {
                ev.prevent_default();
                self.start();
            }
            return;
        }
        match key.as_str() {
            "Escape" => self.escape(in_field),
            // A clicker's start button sends F5: it must not reload the page.
            "F5" => {}
            _ if in_field => return,
            "ArrowRight" | "ArrowDown" | " " | "PageDown" => self.step(1),
            "ArrowLeft" | "ArrowUp" | "PageUp" => self.step(-1),
            "Home" => self.go(0),
            "End" => self.go(isize::MAX / 2),
            "b" | "B" | "." => self.blank.update(|b| *b = !*b),
            "f" | "F" => self.toggle_full_screen(),
            _ => return,
        }
        ev.prevent_default();
    }
}

/// The presenter's bar: which view of how many, previous and next, leave, and the live levers;
/// and the blank screen.
#[component]
pub fn PresentBar() -> impl IntoView {
    let presentation = expect_context::<Presentation>();
    let progress = move || {
        let at = presentation.at.get().unwrap_or(0);
        let title = presentation.slide().map_or("", Slide::title);
        format!("{title} · {} of {}", at + 1, presentation.count())
    };
    // The live levers are built when presenting first starts. Every lever's live field is on the
    // bar then, shown when chosen: choosing one shows a field that is already there, rather than
    // building one in the middle of a meeting.
    let levers = NodeRef::<Div>::new();
    build_when(
        levers,
        move || presentation.is_on(),
        move || {
            let shows =
                move |path: &'static str| presentation.live.with(|live| live.contains(&path));
            let levers_shown = strategy_levers()
                .map(|lever: &'static StrategyLever| {
                    view! {
                        <div class="present-lever" hidden=move || !shows(lever.path)>
                            <span class="present-lever-label">
                                {lever.name} " " <span class="unit">{unit_text(lever.unit)}</span>
                            </span>
                            <LeverInput lever=*lever side=Side::Revenue id_prefix="present." live=true />
                        </div>
                    }
                })
                .collect_view();
            let choices = strategy_levers()
                .map(|lever: &'static StrategyLever| {
                    let choose = move |ev: leptos::ev::Event| {
                        let on = event_target_checked(&ev);
                        presentation.live.update(|live| {
                            live.retain(|path| *path != lever.path);
                            if on {
                                live.push(lever.path);
                            }
                        });
                    };
                    view! {
                        <label>
                            <input type="checkbox" checked=LIVE_LEVER_PATHS.contains(&lever.path) on:change=choose />
                            {lever.name}
                        </label>
                    }
                })
                .collect_view();
            view! {
                {levers_shown}
                <details class="present-choose" data-testid="present-choose">
                    <summary>"Levers…"</summary>
                    <fieldset>
                        <legend>"Levers shown live (the revenue center's)"</legend>
                        {choices}
                    </fieldset>
                </details>
            }
        },
    );
    view! {
        <div class="present-bar" role="region" aria-label="Presentation" hidden=move || !presentation.is_on() data-testid="present-bar">
            <div class="present-levers" node_ref=levers></div>
            <div class="present-nav">
                <button type="button" class="ghost" aria-label="Previous view" on:click=move |_| presentation.step(-1)>"‹"</button>
                <button type="button" class="ghost" aria-label="Next view" on:click=move |_| presentation.step(1)>"›"</button>
                <span class="present-progress" aria-live="polite" data-testid="present-progress">{progress}</span>
                // Whose the live levers are, for the room: the list's heading says it only when open.
                <span class="present-whose" data-testid="present-whose">"Levers: the revenue center's"</span>
                <button type="button" class="ghost leave" data-testid="present-leave" on:click=move |_| presentation.stop()>"Leave"</button>
            </div>
        </div>
        <div class="blank-screen" hidden=move || !presentation.blank.get() data-testid="present-blank"></div>
    }
}

/// The top bar's button that starts presenting.
#[component]
pub fn PresentButton() -> impl IntoView {
    let presentation = expect_context::<Presentation>();
    view! {
        <button type="button" class="ghost" data-testid="present" aria-keyshortcuts="P" title="Present (P)" on:click=move |_| presentation.start()>
            "Present"
        </button>
    }
}
