//! The segments of the customer base: a button for each, one editor for the chosen one (its
//! figures and whether the differentiated strategy moves it), and what the segments leave the
//! other customers.

use leptos::prelude::*;

use super::fields::name_limit;
use super::format::{money_cents, number, percent};
use super::help::Help;
use super::inputs_panel::{field_value, unit_text};
use super::{NumberInput, Planner};
use crate::model::levers::{segment_path, SegmentLever, SEGMENT_LEVERS};
use crate::model::segments::{self, Segment, MOST_SEGMENTS};
use crate::model::validation::OTHERS;

/// One number of the chosen segment.
#[component]
fn SegmentInput(lever: SegmentLever, chosen: ReadSignal<usize>) -> impl IntoView {
    let planner = expect_context::<Planner>();
    let value = field_value(
        move |s| s.segmentation.segments.get(chosen.get()).map(lever.get),
        false,
    );
    let on_change = Callback::new(move |v: Option<f64>| {
        if let Some(v) = v {
            planner.edit_segment(chosen.get_untracked(), |segment| (lever.set)(segment, v));
        }
    });
    // One field serves every segment: its id names the lever, its messages the segment chosen.
    let path = format!("segment.{}", lever.path);
    let message_at = Signal::derive(move || segment_path(chosen.get(), lever.path));
    view! {
        <div class="row">
            <span class="field-label">
                <label for=path.clone()>{lever.name} " " <span class="unit">{unit_text(lever.unit)}</span></label>
                <Help label=format!("What {} means", lever.name) text=lever.help />
            </span>
            <NumberInput path=path label=lever.name kind=lever.kind unit=lever.unit step=lever.step value=value on_change=on_change message_at=message_at />
        </div>
    }
}

/// A check box for whether the differentiated strategy moves a part of the base.
#[component]
fn MovedChoice(
    test_id: &'static str,
    #[prop(into)] checked: Signal<bool>,
    on_change: Callback<bool>,
) -> impl IntoView {
    view! {
        <label class="choice">
            <input type="checkbox" data-testid=test_id prop:checked=checked on:change=move |ev| on_change.run(event_target_checked(&ev)) />
            " Served as the revenue center in the differentiated strategy"
        </label>
    }
}

/// A name field, with its message.
#[component]
fn NameRow(
    id: &'static str,
    #[prop(into)] value: Signal<String>,
    on_input: Callback<String>,
    /// Called once the manager has finished typing the name.
    on_change: Callback<()>,
    #[prop(into)] message: Signal<Option<String>>,
) -> impl IntoView {
    view! {
        <div class="row">
            <span class="field-label">
                <label for=id>"Name"</label>
                <Help label="What a segment's name means".to_owned() text="What the segment is called on its button and in messages about its figures." />
            </span>
            <div class="number-input">
                <input type="text" id=id data-testid=id maxlength="80" prop:value=value on:input=move |ev| on_input.run(event_target_value(&ev)) on:change=move |_| on_change.run(()) />
                <p class="field-message" data-testid=format!("{id}-message") aria-live="polite">{move || message.get()}</p>
            </div>
        </div>
    }
}

/// What the segments leave the other customers, in words.
fn others_text(planner: Planner) -> String {
    planner.scenario.with(|s| {
        let others = segments::others(s);
        let currency = &s.baseline.currency;
        format!(
            "{} of the customers; per customer {} a month and {} contacts a month; {} lost a month under the cost center, {} under the revenue center.",
            percent(others.share, 1),
            money_cents(others.revenue_per_customer_per_month, currency),
            number(others.contacts_per_customer, 2),
            percent(others.churn.cost_center, 2),
            percent(others.churn.revenue_center, 2),
        )
    })
}

/// The segments group of the inputs.
#[component]
pub fn SegmentsGroup() -> impl IntoView {
    let planner = expect_context::<Planner>();
    let count = Memo::new(move |_| planner.scenario.with(|s| s.segmentation.segments.len()));
    let (chosen, choose) = signal(0usize);
    let segment = move |read: fn(&Segment) -> String| {
        move || {
            let index = chosen.get();
            planner.scenario.with(|s| {
                s.segmentation
                    .segments
                    .get(index)
                    .map(read)
                    .unwrap_or_default()
            })
        }
    };
    // A tab for each segment there may be, hidden while there is none: built once, where
    // tabs made again on every change of the list would cost the page far more code.
    let tabs = (0..MOST_SEGMENTS)
        .map(|index| {
            let name = move || {
                planner
                    .scenario
                    .with(|s| s.segmentation.segments.get(index).map(|s| s.name.clone()))
                    .unwrap_or_else(|| format!("Segment {}", index + 1))
            };
            view! {
                <button
                    type="button"
                    class="ghost"
                    data-testid="segment-tab"
                    hidden=move || { index >= count.get() }
                    aria-pressed=move || (chosen.get() == index).to_string()
                    on:click=move |_| choose.set(index)
                >
                    {name}
                </button>
            }
        })
        .collect_view();
    let add = move |_| {
        planner.add_segment();
        choose.set(count.get_untracked().saturating_sub(1));
    };
    let remove = move |_| {
        let index = chosen.get_untracked();
        choose.set(index.saturating_sub(1));
        planner.remove_segment(index);
    };
    let name_message = move || {
        let index = chosen.get();
        planner
            .message_for(&segment_path(index, "name"))
            .or_else(|| {
                planner.scenario.with(|s| {
                    let segment = s.segmentation.segments.get(index)?;
                    name_limit(&segment.name)
                })
            })
    };
    let mix_message = move || planner.message_for(&segment_path(chosen.get(), "channel_mix"));
    view! {
        <h2 id="group-segments">"Segments"</h2>
        <p class="hint">
            "Split off customers who differ, such as key accounts, with figures of their own. The other customers make up the rest, so the totals above stay as entered. With a segment, a third strategy appears: Differentiated, which serves the segments you choose as the revenue center and the rest as the cost center."
        </p>
        <div class="segment-tabs" role="group" aria-label="Segments: choose one to edit">
            {tabs}
            <button type="button" data-testid="segment-add" disabled=move || { count.get() >= MOST_SEGMENTS } aria-describedby="segment-add-why" on:click=add>"Add a segment"</button>
        </div>
        <p class="hint" id="segment-add-why" data-testid="segment-add-why" hidden=move || { count.get() < MOST_SEGMENTS }>
            "Five segments at most: remove one to add another."
        </p>
        <fieldset class="segment" data-testid="segment" hidden=move || count.get() == 0>
            <NameRow
                id="segment.name"
                value=Signal::derive(segment(|s| s.name.clone()))
                on_input=Callback::new(move |name| planner.edit_segment(chosen.get_untracked(), |s| s.name = name))
                on_change=Callback::new(move |()| planner.settle_segment_name(chosen.get_untracked()))
                message=Signal::derive(name_message)
            />
            <MovedChoice
                test_id="segment.differentiated"
                checked=Signal::derive(move || {
                    let index = chosen.get();
                    planner.scenario.with(|s| s.segmentation.segments.get(index).is_some_and(|s| s.differentiated))
                })
                on_change=Callback::new(move |on| planner.edit_segment(chosen.get_untracked(), |s| s.differentiated = on))
            />
            {SEGMENT_LEVERS.into_iter().map(|lever| view! { <SegmentInput lever=lever chosen=chosen /> }).collect_view()}
            <p class="field-message" data-testid="segment.channel_mix-message" aria-live="polite">{mix_message}</p>
            <button type="button" class="ghost" data-testid="segment-remove" on:click=remove>"Remove this segment"</button>
        </fieldset>
        <p class="hint" data-testid="others-figures" hidden=move || count.get() == 0>
            "The other customers: " {move || others_text(planner)}
        </p>
        <p class="field-message" data-testid="segmentation.others-message" aria-live="polite">{move || planner.message_for(OTHERS)}</p>
    }
}
