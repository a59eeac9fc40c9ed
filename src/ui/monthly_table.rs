//! The projection month by month for both strategies, in a table opened on demand.

use leptos::prelude::*;

use super::format::{money, number};
use super::Planner;
use crate::model::Month;

/// Writes one cell: a strategy's month, in the scenario's currency.
type Cell = fn(&Month, &str) -> String;

/// Columns: heading, and the cell of one strategy's month.
const COLUMNS: [(&str, Cell); 7] = [
    ("Customers", |m, _| number(m.customers.start, 0)),
    ("Contacts handled", |m, _| number(m.contacts.total(), 0)),
    ("Agents", |m, _| number(m.full_time_agents, 1)),
    ("Service cost", |m, c| money(m.cost.total, c)),
    ("Sales + premium revenue", |m, c| {
        money(m.revenue.sales + m.revenue.premium, c)
    }),
    ("Contribution", |m, c| money(m.contribution, c)),
    ("Cumulative", |m, c| money(m.cumulative_contribution, c)),
];

/// The monthly table; rows are rendered only while it is open, so live edits stay fast.
#[component]
pub fn MonthlyTable() -> impl IntoView {
    let planner = expect_context::<Planner>();
    let open = RwSignal::new(false);
    let rows = move || {
        if !open.get() {
            return None;
        }
        planner.shown.with(|shown| {
            let shown = shown.as_ref()?;
            let currency = shown.scenario.baseline.currency.as_str();
            let p = &shown.projection;
            Some(
                p.cost_center
                    .months
                    .iter()
                    .zip(&p.revenue_center.months)
                    .map(|(cc, rc)| {
                        view! {
                            <tr>
                                <th scope="row">{cc.month}</th>
                                {COLUMNS
                                    .iter()
                                    .map(|(_, cell)| view! {
                                        <td class="cc">{cell(cc, currency)}</td>
                                        <td class="rc">{cell(rc, currency)}</td>
                                    })
                                    .collect_view()}
                            </tr>
                        }
                    })
                    .collect_view(),
            )
        })
    };
    view! {
        <details
            class="monthly"
            data-testid="monthly-table"
            on:toggle=move |ev| {
                use wasm_bindgen::JsCast;
                let element = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlDetailsElement>().ok());
                open.set(element.is_some_and(|d| d.open()));
            }
        >
            <summary>"Monthly table"</summary>
            <div class="table-scroll" tabindex="0" role="region" aria-label="Monthly projection table">
                <table>
                    <thead>
                        <tr>
                            <th scope="col" rowspan="2">"Month"</th>
                            {COLUMNS.iter().map(|(head, _)| view! { <th scope="colgroup" colspan="2">{*head}</th> }).collect_view()}
                        </tr>
                        <tr>
                            {COLUMNS
                                .iter()
                                .map(|_| view! {
                                    <th scope="col" class="cc">"Cost"</th>
                                    <th scope="col" class="rc">"Revenue"</th>
                                })
                                .collect_view()}
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </details>
    }
}
