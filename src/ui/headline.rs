//! The headline figures, each with how it is computed: the key figures of the comparison, then
//! every strategy side by side.

use std::sync::Arc;

use leptos::prelude::*;

use super::format::{money, money_cents, money_compact, number, number_short, percent, seconds};
use super::help::Help;
use super::present::Presentation;
use super::segment_contributions::SegmentContributions;
use super::verdict::VerdictLine;
use super::Shown;
use crate::model::projection::StrategyKind;
use crate::model::{Comparison, Strategy, StrategySummary};

/// What the views of figures show: the projection, held still while presenting hides them.
pub(super) fn shown_figures() -> Memo<Option<Arc<Shown>>> {
    expect_context::<Presentation>().figures
}

/// A figure of what is shown, as text that follows it; a dash while nothing is shown.
pub(super) fn figure(f: fn(&Shown) -> String) -> Signal<String> {
    let shown = shown_figures();
    Signal::derive(move || shown.with(|s| s.as_deref().map(f).unwrap_or_else(|| "—".into())))
}

/// The comparison the headline makes the case with: the best challenger's against the cost
/// center, the revenue center's unless a differentiated strategy earns more.
fn best(shown: &Shown) -> &Comparison {
    shown.projection.best_challenger().1
}

/// The best challenger's name within a sentence.
fn best_name(shown: &Shown) -> &'static str {
    shown.projection.best_challenger().0.plan.kind.in_sentence()
}

/// A yes-or-no fact of the best challenger's comparison shown; no while nothing is shown.
pub(super) fn fact(f: fn(&Comparison) -> bool) -> Signal<bool> {
    let shown = shown_figures();
    Signal::derive(move || shown.with(|s| s.as_deref().is_some_and(|s| f(best(s)))))
}

/// The text of `signal`, as a view: one kind of text node for every figure.
pub(super) fn text(signal: Signal<String>) -> impl IntoView {
    move || signal.get()
}

/// One headline figure.
#[component]
fn Card(
    /// Test id and element id stem.
    id: &'static str,
    /// What the figure is.
    title: &'static str,
    /// The figure, from what is shown.
    value: Signal<String>,
    /// A second line: the figure per strategy or its context.
    detail: Signal<String>,
    /// How it is computed, naming its inputs.
    explain: &'static str,
    /// Whether the figure says the revenue center loses: marked by more than colour.
    loss: Signal<bool>,
) -> impl IntoView {
    view! {
        <article class="card" class:loss=loss data-testid=format!("headline-{id}")>
            <h3>{title}</h3>
            <p class="value" data-testid=format!("headline-{id}-value")>{text(value)}</p>
            <p class="detail" data-testid=format!("headline-{id}-detail")>{text(detail)}</p>
            <Help label=format!("How {title} is computed") text=explain />
        </article>
    }
}

/// One row of the comparison table: a measure per strategy.
struct Measure {
    id: &'static str,
    title: &'static str,
    explain: &'static str,
    value: fn(&Shown, &StrategySummary, &Strategy) -> String,
}

const MEASURES: [Measure; 7] = [
    Measure {
        id: "sales-per-dollar",
        title: "Sales per $ of service cost",
        explain: "How much service sells for each dollar it costs: (sales on service contacts + premium support revenue) ÷ service cost, over the plan.",
        value: |s, x, _| x.sales_per_service_dollar.map_or("— no service cost".into(), |v| money_cents(v, &s.scenario.baseline.currency)),
    },
    Measure {
        id: "cost-per-contact",
        title: "Cost per contact",
        explain: "What one contact costs on average: service cost (agents, training, self-service, fixed costs, the investment) ÷ every contact handled, self-service included, over the plan.",
        value: |s, x, _| x.cost_per_contact.map_or("— no contacts".into(), |v| money_cents(v, &s.scenario.baseline.currency)),
    },
    Measure {
        id: "agents",
        title: "Agents needed",
        explain: "Full-time agents needed in the last month: enough to meet the service level goal on phone and chat within the occupancy cap (Erlang C), plus email work, grossed up for shrinkage.",
        value: |_, x, _| number(x.full_time_agents, 0),
    },
    Measure {
        id: "service-level",
        title: "Phone service level",
        explain: "Share of calls answered within the target time in the last month. Often above the goal, because agents come whole (Erlang C).",
        value: |_, x, levers| {
            x.phone.map_or("not staffed".into(), |q| {
                format!("{} in {}\u{a0}s", percent(q.service_level, 0), number(levers.service_level_seconds, 0))
            })
        },
    },
    Measure {
        id: "asa",
        title: "Phone ASA",
        explain: "How long a caller waits for an agent on average, over all calls, in the last month. Erlang C: probability of waiting × handle time ÷ (agents − traffic).",
        value: |_, x, _| x.phone.map_or("— not staffed".into(), |q| seconds(q.asa_seconds)),
    },
    Measure {
        id: "customers",
        title: "Customers at the end",
        explain: "Customers after the last month: each month keeps (1 − churn) of them and adds marketing's new customers and referrals.",
        value: |_, x, _| number(x.customers_at_horizon, 0),
    },
    Measure {
        id: "lifetime-value",
        title: "Customer lifetime value",
        explain: "What a customer is worth in margin over their life with you: revenue per customer × gross margin ÷ monthly churn, with each strategy's own churn.",
        value: |s, x, _| x.lifetime_value.map_or("no churn".into(), |v| money(v, &s.scenario.baseline.currency)),
    },
];

/// The headline: the verdict and the key figures.
#[component]
pub fn Headline() -> impl IntoView {
    view! {
        <section class="headline" aria-label="Headline figures">
            <VerdictLine />
            <div class="key-figures">
                <Card
                    id="extra-contribution"
                    title="Extra contribution"
                    value=figure(|s| money_compact(best(s).extra_contribution, &s.scenario.baseline.currency))
                    detail=figure(|s| format!("{} minus cost center, {}\u{a0}months", best_name(s), s.scenario.baseline.horizon_months))
                    explain="How much more the strategy named below earns than the cost center over the whole plan, after service costs; of several, the one that earns the most. Each month, contribution = customers × revenue per customer × gross margin + sales margin + premium margin − service cost; this adds up that strategy's minus the cost center's."
                    loss=fact(|c| c.extra_contribution < 0.0)
                />
                <Card
                    id="npv"
                    title="Net present value"
                    value=figure(|s| money_compact(best(s).extra_contribution_npv, &s.scenario.baseline.currency))
                    detail=figure(|s| format!("of the extra, discounted at {} a\u{a0}year", percent(s.scenario.baseline.yearly_discount_rate, 1)))
                    explain="What the extra contribution is worth today: money later is worth less than money now. Each month's extra contribution divided by (1 + i)^month, with the monthly rate i = (1 + yearly discount rate)^(1/12) − 1."
                    loss=fact(|c| c.extra_contribution_npv < 0.0)
                />
                <Card
                    id="break-even"
                    title="Break-even"
                    value=figure(|s| match best(s).break_even_month {
                        _ if best(s).makes_no_difference() => "No difference".to_owned(),
                        Some(m) => format!("Month {m}"),
                        None => format!("Not in {}\u{a0}months", s.scenario.baseline.horizon_months),
                    })
                    detail=figure(|s| {
                        // What the strategy invests: its share of the one-off investment, for the customers it moves.
                        let invested = s.projection.best_challenger().0.months[0].cost.investment;
                        format!("{} invested, {}-month ramp", money_compact(invested, &s.scenario.baseline.currency), s.scenario.transition.ramp_months)
                    })
                    explain="The month from which the strategy that earns the most is ahead of the cost center for good: its extra contribution, added up from month 1, stays at or above zero to the end of the plan."
                    loss=fact(|c| c.break_even_month.is_none())
                />
                <Card
                    id="return"
                    title="Return on extra spend"
                    value=figure(|s| best(s).return_on_extra_service_spend.map_or("—".into(), |r| format!("{} ×", number_short(r, 2, 1e4))))
                    detail=figure(|s| {
                        let c = best(s);
                        match c.return_on_extra_service_spend {
                            Some(_) => format!("on {} more service cost", money_compact(c.extra_service_cost, &s.scenario.baseline.currency)),
                            None => format!("none: the {} costs no more", best_name(s)),
                        }
                    })
                    explain="What each extra dollar spent on service brings back. Extra contribution ÷ the extra service cost of the strategy that earns the most over the plan; none when it costs no more."
                    loss=fact(|c| c.return_on_extra_service_spend.is_some_and(|r| r < 0.0))
                />
                <Card
                    id="customers-kept"
                    title="Customers kept"
                    value=figure(|s| format!("{}{}", if best(s).customers_kept >= 0.0 { "+" } else { "" }, number_short(best(s).customers_kept, 0, 1e6)))
                    detail=figure(|s| {
                        let more = best(s).customers_kept >= 0.0;
                        format!("{} customers after {}\u{a0}months", if more { "more" } else { "fewer" }, s.scenario.baseline.horizon_months)
                    })
                    explain="How many more customers the strategy that earns the most has at the end of the plan, because fewer leave and more are referred."
                    loss=fact(|c| c.customers_kept < 0.0)
                />
            </div>
            <SegmentContributions />
        </section>
    }
}

/// Every strategy side by side, measure by measure.
#[component]
pub fn StrategiesTable() -> impl IntoView {
    let shown = shown_figures();
    view! {
        <section class="strategies" aria-label="The strategies side by side">
            <table class="comparison" data-testid="comparison">
                <thead>
                    <tr>
                        <th scope="col"><span class="visually-hidden">"Strategy"</span></th>
                        {MEASURES
                            .iter()
                            .map(|m| view! {
                                <th scope="col">
                                    <span>{m.title}</span>
                                    <Help label=format!("How {} is computed", m.title) text=m.explain />
                                </th>
                            })
                            .collect_view()}
                    </tr>
                </thead>
                <tbody>{StrategyKind::ALL.into_iter().map(|kind| strategy_row(shown, kind)).collect_view()}</tbody>
            </table>
        </section>
    }
}

/// The row of strategy `kind`, hidden while the scenario does not have it: its name and its
/// measures.
fn strategy_row(shown: Memo<Option<Arc<Shown>>>, kind: StrategyKind) -> impl IntoView {
    let key = kind.key();
    let cell = move |measure: &'static Measure| {
        move || {
            shown.with(|s| {
                s.as_deref()
                    .and_then(|s| {
                        let index = s.projection.index_of(kind)?;
                        let summary = s.projection.summary(index)?;
                        let levers = s.projection.runs[index].plan.end_levers(&s.scenario);
                        Some((measure.value)(s, summary, levers))
                    })
                    .unwrap_or_else(|| "—".into())
            })
        }
    };
    let absent = move || {
        shown.with(|s| {
            s.as_deref()
                .is_some_and(|s| s.projection.index_of(kind).is_none())
        })
    };
    view! {
        <tr class=key hidden=absent>
            <th scope="row">{kind.name()}</th>
            {MEASURES.iter().map(|m| view! { <td data-testid=format!("{key}-{}", m.id)>{cell(m)}</td> }).collect_view()}
        </tr>
    }
}
