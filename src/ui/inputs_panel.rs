//! The inputs, grouped the way a manager thinks: customers and revenue; contacts and channels;
//! then the strategy levers, cost center and revenue center side by side.

use leptos::html::Details;
use leptos::prelude::*;

use super::format;
use super::held::held_while;
use super::help::Help;
use super::on_demand::build_when;
use super::present::Presentation;
use super::segments_panel::SegmentsGroup;
use super::{NumberInput, Planner};
use crate::model::levers::{self, ChannelCost, Kind, ScenarioLever, Side, StrategyLever};
use crate::model::scenario::Scenario;

/// A field's value, as `read` finds it in the scenario.
///
/// While presenting, the inputs panel is hidden, and a live edit would otherwise wake each of its
/// hundred or so fields: unless `live`, the value holds still then, and catches up as the panel
/// shows again. A presenter's live lever is `live`.
pub(super) fn field_value(
    read: impl Fn(&Scenario) -> Option<f64> + Send + Sync + 'static,
    live: bool,
) -> Memo<Option<f64>> {
    let planner = expect_context::<Planner>();
    let presentation = expect_context::<Presentation>();
    held_while(
        move || !live && presentation.is_on(),
        move || planner.scenario.with(&read),
    )
}

/// The unit text, with `¤` standing for the scenario's currency.
pub(super) fn unit_text(unit: &'static str) -> impl Fn() -> String {
    let planner = expect_context::<Planner>();
    move || {
        if unit.contains('¤') {
            planner.currency.with(|code| unit.replace('¤', code))
        } else {
            unit.to_owned()
        }
    }
}

#[component]
fn ScenarioInput(field: ScenarioLever) -> impl IntoView {
    let planner = expect_context::<Planner>();
    let value = field_value(move |s| Some((field.get)(s)), false);
    let on_change = Callback::new(move |v: Option<f64>| {
        if let Some(v) = v {
            planner.edit(|s| (field.set)(s, v));
        }
    });
    view! {
        <div class="row">
            <span class="field-label">
                <label for=field.path>
                    {field.name} " " <span class="unit">{unit_text(field.unit)}</span>
                </label>
                <Help label=format!("What {} means", field.name) text=field.help />
            </span>
            <NumberInput
                path=field.path
                label=field.name
                kind=field.kind
                unit=field.unit
                step=field.step
                value=value
                on_change=on_change
            />
        </div>
    }
}

/// The field (and slider, for a key lever) of one strategy's lever.
#[component]
pub fn LeverInput(
    /// The lever.
    lever: StrategyLever,
    /// Whose lever.
    side: Side,
    /// Put before the path in the element ids, for a second field of the same lever elsewhere.
    #[prop(optional)]
    id_prefix: &'static str,
    /// The field alone, as in the folded-away list, which sliders would make twice as long.
    #[prop(optional)]
    without_slider: bool,
    /// Follows every edit, even while presenting: a presenter's live lever.
    #[prop(optional)]
    live: bool,
) -> impl IntoView {
    let planner = expect_context::<Planner>();
    let value = field_value(move |s| Some((lever.get)(side.of(s))), live);
    let on_change = Callback::new(move |v: Option<f64>| {
        if let Some(v) = v {
            planner.edit(|s| (lever.set)(side.of_mut(s), v));
        }
    });
    view! {
        <NumberInput
            path=side.path(lever.path)
            label=format!("{}, {}", lever.name, side.name())
            kind=lever.kind
            unit=lever.unit
            step=lever.step
            value=value
            on_change=on_change
            slider=lever.slider.filter(|_| !without_slider)
            id_prefix=id_prefix
        />
    }
}

#[component]
fn LeverRow(
    lever: StrategyLever,
    /// The fields alone, without their sliders.
    #[prop(optional)]
    without_sliders: bool,
) -> impl IntoView {
    let id = format!("lever-{}", lever.path.replace('.', "-"));
    let labelled_by = id.clone();
    view! {
        <div class="lever" role="group" aria-labelledby=labelled_by>
            <div class="lever-head">
                <div class="lever-label" id=id>
                    {lever.name} " " <span class="unit">{unit_text(lever.unit)}</span>
                </div>
                <Help label=format!("What {} means", lever.name) text=lever.help />
            </div>
            <div class="pair">
                <LeverInput lever=lever side=Side::Cost without_slider=without_sliders />
                <LeverInput lever=lever side=Side::Revenue without_slider=without_sliders />
            </div>
        </div>
    }
}

/// Column heads over the pairs.
#[component]
fn PairHeads() -> impl IntoView {
    view! {
        <div class="pair pair-heads" aria-hidden="true">
            <span class="cc">"Cost center"</span>
            <span class="rc">"Revenue center"</span>
        </div>
    }
}

#[component]
fn ChannelMix() -> impl IntoView {
    let planner = expect_context::<Planner>();
    let total = move || planner.scenario.with(|s| s.baseline.channel_mix.total());
    let message = move || planner.message_for("baseline.channel_mix");
    view! {
        <fieldset class="mix" class:invalid=move || message().is_some()>
            <legend>"Channel mix of first contacts " <span class="unit">"% of first contacts"</span></legend>
            <div class="mix-grid">
                {levers::CHANNEL_MIX.into_iter().map(|field| view! { <ScenarioInput field=field /> }).collect_view()}
            </div>
            <p class="mix-total">
                "Total: " <strong data-testid="mix-total">{move || format::percent(total(), 1)}</strong>
            </p>
            <p class="field-message" data-testid="baseline.channel_mix-message" aria-live="polite">{message}</p>
        </fieldset>
    }
}

#[component]
fn CurrencyInput() -> impl IntoView {
    let planner = expect_context::<Planner>();
    let message = move || planner.message_for("baseline.currency");
    view! {
        <div class="row">
            <span class="field-label">
                <label for="baseline.currency">"Currency " <span class="unit">"ISO code"</span></label>
                <Help label="What Currency means".to_owned() text="The ISO 4217 code of the money in this plan, such as USD, EUR or GBP. Amounts are shown in it, never converted." />
            </span>
            <div class="number-input">
                <input
                    type="text"
                    id="baseline.currency"
                    data-testid="baseline.currency"
                    maxlength="3"
                    autocomplete="off"
                    aria-invalid=move || if message().is_some() { "true" } else { "false" }
                    aria-describedby="baseline.currency-message"
                    prop:value=planner.currency
                    on:input=move |ev| {
                        let code = event_target_value(&ev).trim().to_ascii_uppercase();
                        // Three letters the browser does not know as a currency are not a typo
                        // to plan with: said here, the plan keeps its last currency.
                        if code.len() == 3 && !format::is_currency(&code) {
                            planner.set_field_problem(
                                "baseline.currency",
                                Some(format!("\"{code}\" is not a currency code; use an ISO 4217 code such as USD, EUR or GBP.")),
                            );
                            return;
                        }
                        planner.set_field_problem("baseline.currency", None);
                        planner.edit(|s| s.baseline.currency = code);
                    }
                />
                <p class="field-message" id="baseline.currency-message" data-testid="baseline.currency-message" aria-live="polite">{message}</p>
            </div>
        </div>
    }
}

#[component]
fn CostPerContactRow(cost: ChannelCost) -> impl IntoView {
    let planner = expect_context::<Planner>();
    let input = move |side: Side| {
        let value = field_value(move |s| cost.get(&side.of(s).cost_per_contact), false);
        let on_change = Callback::new(move |v: Option<f64>| {
            planner.edit(|s| *(cost.slot)(&mut side.of_mut(s).cost_per_contact) = v)
        });
        view! {
            <NumberInput
                path=format!("{}.cost_per_contact.{}", side.prefix(), cost.channel)
                label=format!("{}, {}", cost.name, side.name())
                kind=Kind::Number
                unit="¤"
                step=0.1
                value=value
                on_change=on_change
                optional=true
                placeholder="from staffing"
            />
        }
    };
    let id = format!("cost-per-contact-{}", cost.channel);
    let labelled_by = id.clone();
    view! {
        <div class="lever" role="group" aria-labelledby=labelled_by>
            <div class="lever-head">
                <div class="lever-label" id=id>{cost.name} " " <span class="unit">{unit_text("¤")}</span></div>
                <Help label="What a cost per contact means".to_owned() text="What one contact on this channel costs, from your finance reports. Filled in, it replaces staffing for this channel; left empty, the cost comes from agents, handle times and service levels." />
            </div>
            <div class="pair">{input(Side::Cost)} {input(Side::Revenue)}</div>
        </div>
    }
}

/// The levers changed less often, behind a summary. They are built the first time they are
/// opened, or as soon as the scenario has a problem, so that "Show me" finds the field that has it.
#[component]
fn MoreLevers() -> impl IntoView {
    let planner = expect_context::<Planner>();
    let section = NodeRef::<Details>::new();
    let (opened, open) = signal(false);
    build_when(
        section,
        move || opened.get() || planner.is_stale(),
        || {
            view! {
                <PairHeads />
                {levers::MORE_LEVERS.into_iter().map(|lever| view! { <LeverRow lever=lever without_sliders=true /> }).collect_view()}
                <h3>"Simple mode"</h3>
                <p class="hint">
                    "Enter a channel's cost per contact from your finance reports to use it instead of staffing. Leave it empty to derive the cost from agents, handle times and service levels."
                </p>
                {levers::CHANNEL_COSTS.into_iter().map(|cost| view! { <CostPerContactRow cost=cost /> }).collect_view()}
            }
        },
    );
    view! {
        <details class="more" data-testid="more-levers" node_ref=section on:toggle=move |_| open.set(true)>
            <summary>"More levers: costs, handling, sales, premium support"</summary>
        </details>
    }
}

/// Every input of the scenario.
#[component]
pub fn InputsPanel() -> impl IntoView {
    view! {
        // The panel scrolls on its own: the groups, the levers above all, are a click away.
        <nav class="jump" aria-label="Input groups">
            <a href="#group-customers">"Customers"</a>
            <a href="#group-contacts">"Contacts"</a>
            <a href="#group-segments">"Segments"</a>
            <a href="#group-levers">"Strategy levers"</a>
            <a href="#group-transition">"Transition"</a>
        </nav>
        <section class="group" aria-labelledby="group-customers">
            <h2 id="group-customers">"Customers and revenue"</h2>
            {levers::CUSTOMERS.into_iter().map(|field| view! { <ScenarioInput field=field /> }).collect_view()}
            <CurrencyInput />
            {levers::PLANNING.into_iter().map(|field| view! { <ScenarioInput field=field /> }).collect_view()}
        </section>
        <section class="group" aria-labelledby="group-contacts">
            <h2 id="group-contacts">"Contacts and channels"</h2>
            {levers::CONTACTS.into_iter().map(|field| view! { <ScenarioInput field=field /> }).collect_view()}
            <ChannelMix />
        </section>
        <section class="group" aria-labelledby="group-segments">
            <SegmentsGroup />
        </section>
        <section class="group" aria-labelledby="group-levers">
            <h2 id="group-levers">"Strategy levers"</h2>
            <PairHeads />
            {levers::KEY_LEVERS.into_iter().map(|lever| view! { <LeverRow lever=lever /> }).collect_view()}
            <MoreLevers />
        </section>
        <section class="group" aria-labelledby="group-transition">
            <h2 id="group-transition">"Becoming a revenue center"</h2>
            {levers::TRANSITION.into_iter().map(|field| view! { <ScenarioInput field=field /> }).collect_view()}
        </section>
    }
}
