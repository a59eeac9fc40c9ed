//! The projection month by month for every strategy, in a table opened on demand.

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
    // Head and rows alike follow the strategies shown, and are built only while open.
    let table = move || {
        if !open.get() {
            return None;
        }
        planner.shown.with(|shown| {
            let shown = shown.as_ref()?;
            let currency = shown.scenario.baseline.currency.as_str();
            let p = &shown.projection;
            let span = p.runs.len().to_string();
            // Under every column, each strategy by the first word of its name.
            let strategies = || {
                p.runs.iter().map(|run| {
                    let short = run.plan.kind.name().split(' ').next().unwrap_or_default();
                    view! { <th scope="col" class=run.plan.kind.key()>{short}</th> }
                })
            };
            let rows = (0..p.reference().months.len()).map(|i| {
                view! {
                    <tr>
                        <th scope="row">{i + 1}</th>
                        {COLUMNS
                            .iter()
                            .flat_map(|(_, cell)| {
                                p.runs.iter().map(move |run| view! { <td class=run.plan.kind.key()>{cell(&run.months[i], currency)}</td> })
                            })
                            .collect_view()}
                    </tr>
                }
            });
            Some(view! {
                <thead>
                    <tr>
                        <th scope="col" rowspan="2">"Month"</th>
                        {COLUMNS.iter().map(|(head, _)| view! { <th scope="colgroup" colspan=span.clone()>{*head}</th> }).collect_view()}
                    </tr>
                    <tr>{COLUMNS.iter().flat_map(|_| strategies()).collect_view()}</tr>
                </thead>
                <tbody>{rows.collect_view()}</tbody>
            })
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
                <table>{table}</table>
            </div>
        </details>
    }
}
