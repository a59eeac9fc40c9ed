//! Where the money comes from, segment by segment: what each part of the customer base
//! contributes under each strategy over the plan, and how that stands against the cost center.

use leptos::prelude::*;

use super::data_table::{Cell, DataTable, Note, Row, TableData};
use super::format::{money_column, signed_money};
use super::headline::shown_figures;
use super::Shown;
use crate::model::side_by_side::{Better, Standing};

/// Each segment's contribution under each strategy, the others last; nothing without segments.
fn contributions(shown: &Shown) -> TableData {
    let segmentation = &shown.scenario.segmentation;
    if segmentation.segments.is_empty() {
        return TableData::default();
    }
    let runs = &shown.projection.runs;
    let currency = &shown.scenario.baseline.currency;
    // The parts run in the order: the others, then each segment.
    let names = segmentation.segments.iter().map(|s| &s.name);
    let parts = (1..runs[0].part_contributions.len()).chain([0]);
    TableData {
        columns: std::iter::once("Segment")
            .chain(runs.iter().map(|run| run.plan.kind.name()))
            .map(str::to_owned)
            .collect(),
        rows: names
            .chain([&segmentation.others_name])
            .zip(parts)
            .map(|(name, part)| {
                let reference = runs[0].part_contributions[part];
                Row {
                    head: name.clone(),
                    cells: runs
                        .iter()
                        .map(|run| {
                            let own = run.part_contributions[part];
                            Cell {
                                text: money_column(own, currency),
                                note: (run.plan.kind != runs[0].plan.kind).then(|| {
                                    Note::standing(
                                        Standing::of(Some(reference), Some(own), Better::Higher),
                                        Some(own - reference),
                                        signed_money(own - reference, currency),
                                    )
                                }),
                            }
                        })
                        .collect(),
                }
            })
            .collect(),
        empty: "",
    }
}

/// The table of each segment's contribution under each strategy, shown while the scenario has
/// segments.
#[component]
pub fn SegmentContributions() -> impl IntoView {
    let shown = shown_figures();
    let data =
        Memo::new(move |_| shown.with(|s| s.as_deref().map(contributions).unwrap_or_default()));
    view! {
        <div class="segment-contributions" hidden=move || data.with(|d| d.rows.is_empty())>
            <DataTable
                caption="Where the money comes from: each segment's contribution over the plan, against the cost center"
                id="segment-contributions"
                row_id="segment-contribution"
                data=data
            />
            <p class="hint pooled-note">
                "Each channel has one queue for all customers, held to the strictest promise of the service they get: the highest service level goal, the shortest target. So the differentiated strategy answers the customers it serves as the cost center as fast as those it moves, and they share that cost."
            </p>
        </div>
    }
}
