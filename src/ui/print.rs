//! What a printed handout adds to the page: the scenario's name and the date on top, and its key
//! assumptions at the end. Both are filled in when the browser is about to print, so editing
//! never pays for them; the print stylesheet hides the rest of what is only for the screen.

use leptos::prelude::*;

use super::data_table::{DataTable, Row, TableData};
use super::fields::shown;
use super::Planner;
use crate::model::levers::{scenario_levers, KEY_LEVERS, SEGMENT_LEVERS};
use crate::model::projection::StrategyKind;

/// Fields of the shared baseline a handout's reader needs to follow the figures.
const SHARED: [&str; 7] = [
    "baseline.customers_at_start",
    "baseline.revenue_per_customer_per_month",
    "baseline.gross_margin",
    "baseline.first_contacts_per_month",
    "baseline.horizon_months",
    "transition.one_off_investment",
    "transition.ramp_months",
];

/// Today's date in the manager's own words.
fn today() -> String {
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"dateStyle".into(), &"long".into());
    js_sys::Date::new_0()
        .to_locale_date_string("default", &options)
        .as_string()
        .unwrap_or_default()
}

/// The handout's heading: scenario name and date. Only printed.
#[component]
pub fn PrintHeader() -> impl IntoView {
    let planner = expect_context::<Planner>();
    let printing = expect_context::<Printing>().0;
    let date = Memo::new(move |_| printing.get().then(today).unwrap_or_default());
    view! {
        <header class="print-only print-header">
            <h1>{move || planner.scenario.with(|s| s.name.clone())}</h1>
            <p>{move || format!("Frontline service strategy plan · {}", date.get())}</p>
        </header>
    }
}

/// The key assumptions of the scenario, shared and per strategy. Only printed.
#[component]
pub fn Assumptions() -> impl IntoView {
    let planner = expect_context::<Planner>();
    let printing = expect_context::<Printing>().0;
    let shared = Memo::new(move |_| {
        if !printing.get() {
            return TableData::default();
        }
        planner.scenario.with(|s| {
            let currency = &s.baseline.currency;
            let every = if s.segmentation.segments.is_empty() {
                "Both strategies"
            } else {
                "Every strategy"
            };
            TableData {
                columns: vec!["Assumption".into(), every.into()],
                rows: scenario_levers()
                    .filter(|f| SHARED.contains(&f.path))
                    .map(|f| Row {
                        head: f.name.to_owned(),
                        cells: vec![shown(f, s, currency).into()],
                    })
                    .collect(),
                empty: "",
            }
        })
    });
    let levers = Memo::new(move |_| {
        if !printing.get() {
            return TableData::default();
        }
        planner.scenario.with(|s| {
            let currency = &s.baseline.currency;
            TableData {
                columns: vec![
                    "Lever".into(),
                    "Cost center".into(),
                    "Revenue center".into(),
                ],
                rows: KEY_LEVERS
                    .iter()
                    .map(|lever| Row {
                        head: lever.name.to_owned(),
                        cells: vec![
                            shown(lever, &s.cost_center, currency).into(),
                            shown(lever, &s.revenue_center, currency).into(),
                        ],
                    })
                    .collect(),
                empty: "",
            }
        })
    });
    // The segments' own figures, without which a reader could not follow the differentiated
    // strategy's; the other customers are the rest of the base.
    let segments = Memo::new(move |_| {
        if !printing.get() {
            return TableData::default();
        }
        planner.scenario.with(|s| {
            let currency = &s.baseline.currency;
            let segments = &s.segmentation.segments;
            if segments.is_empty() {
                return TableData::default();
            }
            let mut rows: Vec<Row> = SEGMENT_LEVERS
                .iter()
                .map(|lever| Row {
                    head: lever.name.to_owned(),
                    cells: segments
                        .iter()
                        .map(|segment| shown(lever, segment, currency).into())
                        .collect(),
                })
                .collect();
            rows.push(Row {
                head: "Differentiated strategy serves it as".to_owned(),
                cells: segments
                    .iter()
                    .map(|segment| served_as(segment.differentiated).name().to_owned().into())
                    .collect(),
            });
            TableData {
                columns: std::iter::once("Segment".to_owned())
                    .chain(segments.iter().map(|segment| segment.name.clone()))
                    .collect(),
                rows,
                empty: "",
            }
        })
    });
    let others_served = move || {
        if !printing.get() {
            return String::new();
        }
        planner.scenario.with(|s| {
            format!(
                "The other customers are the rest of the customer base. The differentiated strategy serves them as the {}.",
                served_as(s.segmentation.others_differentiated).in_sentence()
            )
        })
    };
    let segmented = move || {
        planner
            .scenario
            .with(|s| !s.segmentation.segments.is_empty())
    };
    view! {
        <section class="print-only assumptions" aria-hidden="true">
            <DataTable caption="Key assumptions" id="print-shared" row_id="print-assumption" data=shared />
            <DataTable caption="Strategy levers" id="print-levers" row_id="print-lever" data=levers />
            <div class="print-segments" hidden=move || !segmented()>
                <DataTable caption="Segments" id="print-segments" row_id="print-segment-lever" data=segments />
                <p class="print-note">{others_served}</p>
            </div>
        </section>
    }
}

/// Whose service the differentiated strategy gives a part of the customer base it `moved` or
/// not.
fn served_as(moved: bool) -> StrategyKind {
    if moved {
        StrategyKind::RevenueCenter
    } else {
        StrategyKind::CostCenter
    }
}

/// Whether the browser is printing, from its `beforeprint` and `afterprint` events; shared
/// through context.
#[derive(Clone, Copy)]
pub struct Printing(pub ReadSignal<bool>);

impl Printing {
    /// Follows the browser's print events for as long as the calling component lives.
    pub fn provide() -> Self {
        let (printing, set_printing) = signal(false);
        let before =
            window_event_listener(leptos::ev::beforeprint, move |_| set_printing.set(true));
        let after = window_event_listener(leptos::ev::afterprint, move |_| set_printing.set(false));
        on_cleanup(move || {
            before.remove();
            after.remove();
        });
        let printing = Self(printing);
        provide_context(printing);
        printing
    }
}
