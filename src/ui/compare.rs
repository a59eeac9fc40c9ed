//! Saved scenarios side by side: the headline figures, each against the first scenario's in
//! words and colour, their extra contribution on one chart, and the inputs that differ.

use std::sync::Arc;

use leptos::html::H2;
use leptos::prelude::*;

use super::chart_panel::ChartPanel;
use super::data_table::{Cell, DataTable, Note, Row, TableData};
use super::fields::differing_inputs;
use super::focus::focus_when_shown;
use super::format::{money_column, number, signed_money};
use super::present::Presentation;
use super::Planner;
use crate::charts::specs::{extra_contribution_by_scenario, BY_SCENARIO_TITLE, BY_SCENARIO_UNIT};
use crate::model::side_by_side::{Better, Standing};
use crate::model::{project, Comparison, Projection, Scenario};

/// A scenario compared, with its projection.
#[derive(Debug, PartialEq)]
struct Side {
    scenario: Scenario,
    projection: Projection,
}

/// One figure compared across scenarios.
struct Figure {
    title: &'static str,
    better: Better,
    /// The figure, if it exists (a break-even month may not).
    value: fn(&Comparison) -> Option<f64>,
    /// The figure as shown, in the currency given.
    show: fn(Option<f64>, &str) -> String,
    /// A difference from the reference scenario's figure, in words.
    change: fn(f64, &str) -> String,
}

fn money_or_dash(value: Option<f64>, currency: &str) -> String {
    value.map_or("—".into(), |v| money_column(v, currency))
}

const FIGURES: [Figure; 7] = [
    Figure {
        title: "Extra contribution",
        better: Better::Higher,
        value: |c| Some(c.extra_contribution),
        show: money_or_dash,
        change: signed_money,
    },
    Figure {
        title: "Net present value of it",
        better: Better::Higher,
        value: |c| Some(c.extra_contribution_npv),
        show: money_or_dash,
        change: signed_money,
    },
    Figure {
        title: "Break-even",
        better: Better::Lower,
        value: |c| c.break_even_month.map(f64::from),
        // Months are whole: written as integers.
        show: |v, _| {
            v.map_or("Not within horizon".into(), |m| {
                format!("Month {}", m as u32)
            })
        },
        change: |d, _| {
            let months = d.abs() as u32;
            let unit = if months == 1 { "month" } else { "months" };
            format!(
                "{months} {unit} {}",
                if d < 0.0 { "sooner" } else { "later" }
            )
        },
    },
    Figure {
        title: "Return on extra service spend",
        better: Better::Higher,
        value: |c| c.return_on_extra_service_spend,
        show: |v, _| v.map_or("—".into(), |r| format!("{} ×", number(r, 2))),
        change: |d, _| format!("{}{} ×", if d > 0.0 { "+" } else { "" }, number(d, 2)),
    },
    Figure {
        title: "Customers kept",
        better: Better::Higher,
        value: |c| Some(c.customers_kept),
        show: |v, _| v.map_or("—".into(), |v| number(v, 0)),
        change: |d, _| format!("{}{}", if d > 0.0 { "+" } else { "" }, number(d, 0)),
    },
    Figure {
        title: "Its contribution",
        better: Better::Higher,
        value: |c| Some(c.strategy.contribution),
        show: money_or_dash,
        change: signed_money,
    },
    Figure {
        title: "Its service cost",
        better: Better::Lower,
        value: |c| Some(c.strategy.service_cost),
        show: money_or_dash,
        change: signed_money,
    },
];

/// One scenario's cell of a figure: the figure, and how it stands against the reference's.
fn figure_cell(figure: &Figure, reference: Option<&Side>, side: &Side) -> Cell {
    let currency = &side.scenario.baseline.currency;
    let own = (figure.value)(side.projection.best_challenger().1);
    let text = (figure.show)(own, currency);
    let note = reference.map(|reference| {
        let theirs = (figure.value)(reference.projection.best_challenger().1);
        let standing = Standing::of(theirs, own, figure.better);
        let difference = theirs.zip(own).map(|(theirs, own)| own - theirs);
        let change = match (difference, standing) {
            (Some(difference), Standing::Better | Standing::Worse) => {
                format!("{} · ", (figure.change)(difference, currency))
            }
            _ => String::new(),
        };
        Note::standing(standing, difference, format!("{change}{}", standing.word()))
    });
    Cell { text, note }
}

/// The column headings: what the rows are, then each scenario's name.
fn columns(first: &str, sides: &[Arc<Side>]) -> Vec<String> {
    std::iter::once(first.to_owned())
        .chain(sides.iter().enumerate().map(|(i, s)| {
            let name = s.scenario.name.clone();
            if i == 0 {
                format!("{name} · reference")
            } else {
                name
            }
        }))
        .collect()
}

/// The headline figures of each scenario, each against the first's: those of the strategy
/// that earns the most besides the cost center, which the first row names.
fn figures_table(sides: &[Arc<Side>]) -> TableData {
    let reference = sides.first().map(Arc::as_ref);
    let best = Row {
        head: "Strategy against the cost center".to_owned(),
        cells: sides
            .iter()
            .map(|side| {
                Cell::from(
                    side.projection
                        .best_challenger()
                        .0
                        .plan
                        .kind
                        .name()
                        .to_owned(),
                )
            })
            .collect(),
    };
    TableData {
        columns: columns("Figure", sides),
        rows: std::iter::once(best)
            .chain(FIGURES.iter().map(|figure| {
                Row {
                    head: figure.title.to_owned(),
                    cells: sides
                        .iter()
                        .enumerate()
                        .map(|(i, side)| figure_cell(figure, reference.filter(|_| i > 0), side))
                        .collect(),
                }
            }))
            .collect(),
        empty: "",
    }
}

/// The inputs that differ between the scenarios, with each one's value.
fn inputs_table(sides: &[Arc<Side>]) -> TableData {
    let scenarios: Vec<&Scenario> = sides.iter().map(|s| &s.scenario).collect();
    TableData {
        columns: columns("Input", sides),
        rows: differing_inputs(&scenarios)
            .into_iter()
            .map(|d| Row {
                head: d.label,
                cells: d.values.into_iter().map(Cell::from).collect(),
            })
            .collect(),
        empty: "Every input is the same.",
    }
}

/// The comparison of saved scenarios, in place of the planner while it is open.
#[component]
pub fn CompareView() -> impl IntoView {
    let planner = expect_context::<Planner>();
    let presentation = expect_context::<Presentation>();
    let heading = NodeRef::<H2>::new();

    let sides = Memo::new(move |_| {
        planner.compared.with(|compared| {
            compared
                .iter()
                .filter_map(|scenario| {
                    let projection = project(scenario).ok()?;
                    Some(Arc::new(Side {
                        scenario: scenario.clone(),
                        projection,
                    }))
                })
                .collect::<Vec<_>>()
        })
    });
    let chart = Memo::new(move |_| {
        sides.with(|sides| {
            (!sides.is_empty()).then(|| {
                extra_contribution_by_scenario(
                    sides
                        .iter()
                        .map(|s| (s.scenario.name.as_str(), &s.projection)),
                )
            })
        })
    });
    let currency = Memo::new(move |_| {
        sides.with(|sides| {
            sides
                .first()
                .map(|s| s.scenario.baseline.currency.clone())
                .unwrap_or_default()
        })
    });

    // The keyboard follows the view: into its heading when it opens.
    Effect::new(move |_| {
        if let (true, Some(heading)) = (planner.is_comparing(), heading.get()) {
            focus_when_shown(heading.into(), || {});
        }
    });

    let names = move || {
        sides.with(|sides| {
            sides
                .iter()
                .map(|s| format!("\u{201c}{}\u{201d}", s.scenario.name))
                .collect::<Vec<_>>()
                .join(", ")
        })
    };
    let figures = Memo::new(move |_| sides.with(|s| figures_table(s)));
    let inputs = Memo::new(move |_| sides.with(|s| inputs_table(s)));
    let mixed_currencies = move || {
        sides.with(|sides| {
            sides
                .windows(2)
                .any(|w| w[0].scenario.baseline.currency != w[1].scenario.baseline.currency)
        })
    };

    let mixed_horizons = move || {
        sides.with(|sides| {
            sides.windows(2).any(|w| {
                w[0].scenario.baseline.horizon_months != w[1].scenario.baseline.horizon_months
            })
        })
    };

    view! {
        <section
            class="compare"
            aria-labelledby="compare-heading"
            hidden=move || !planner.is_comparing()
            data-testid="compare"
            on:keydown=move |ev| {
                // While presenting, Escape belongs to the presentation: it leaves that alone.
                if ev.key() == "Escape" && !presentation.is_on() {
                    ev.prevent_default();
                    planner.close_compare();
                }
            }
        >
            <header class="compare-head">
                <h2 id="compare-heading" tabindex="-1" node_ref=heading>
                    "Comparing " {names}
                </h2>
                <button type="button" data-testid="compare-close" on:click=move |_| planner.close_compare()>
                    "Back to planning"
                </button>
            </header>
            <p class="notice warning" hidden=move || !mixed_currencies()>
                "These scenarios are in different currencies; differences in money are not converted."
            </p>
            <p class="notice warning" hidden=move || !mixed_horizons() data-testid="compare-horizons">
                "These scenarios look ahead over different horizons (see Horizon below): figures over the horizon are not like for like."
            </p>
            <DataTable
                caption="Headline figures, each against the reference, the first scenario"
                id="compare-figures"
                row_id="compare-figure"
                data=figures
            />
            <ChartPanel
                id="by-scenario"
                title=BY_SCENARIO_TITLE
                unit=BY_SCENARIO_UNIT
                money=true
                chart=chart
                currency=currency
                name="Comparison"
            />
            <DataTable caption="Inputs that differ" id="compare-inputs" row_id="differing-input" data=inputs />
        </section>
    }
}
