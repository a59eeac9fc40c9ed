//! A read-only table of text: a header row, then rows each headed by a label. One component for
//! every such table, so each one added costs data, not another copy of the rendering code.

use leptos::prelude::*;

use crate::model::side_by_side::Standing;

/// A short note under a cell's text, such as how a figure stands against another.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// Class of the note, for its colour.
    pub class: &'static str,
    /// A symbol before the words, hidden from screen readers, which read the words.
    pub mark: &'static str,
    /// The words.
    pub text: String,
}

impl Note {
    /// A note that says how a figure stands against another's, in `text`: coloured by whether it
    /// is better or worse, and marked by which way it moved, ▲ up or ▼ down (`change`, the figure
    /// less the other's), or = when it stands level. A lower cost is better and marked ▼: the
    /// arrow reads as a direction at a glance, so it never stands for the judgement.
    pub fn standing(standing: Standing, change: Option<f64>, text: String) -> Self {
        let class = match standing {
            Standing::Better => "standing better",
            Standing::Worse => "standing worse",
            Standing::Same => "standing same",
        };
        let mark = match (standing, change) {
            (Standing::Same, _) => "= ",
            (_, Some(change)) if change > 0.0 => "▲ ",
            (_, Some(change)) if change < 0.0 => "▼ ",
            // A figure that exists against one that does not (no break-even): no direction.
            _ => "",
        };
        Note { class, mark, text }
    }
}

/// One cell: its text and an optional note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    /// What the cell shows.
    pub text: String,
    /// A note under it.
    pub note: Option<Note>,
}

impl From<String> for Cell {
    fn from(text: String) -> Self {
        Self { text, note: None }
    }
}

/// One row: its heading and its cells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The row's heading, in the first column.
    pub head: String,
    /// The cells after it.
    pub cells: Vec<Cell>,
}

/// What a table shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TableData {
    /// The column headings, the first over the row headings.
    pub columns: Vec<String>,
    /// The rows.
    pub rows: Vec<Row>,
    /// Shown in a single row when there are none.
    pub empty: &'static str,
}

/// A table of `data` under `caption`; its rows carry `row_id` as their test id.
#[component]
pub fn DataTable(
    /// The table's caption.
    caption: &'static str,
    /// Test id of the table.
    id: &'static str,
    /// Test id of each row.
    row_id: &'static str,
    /// What it shows.
    data: Memo<TableData>,
) -> impl IntoView {
    let head = move || {
        data.with(|d| {
            d.columns
                .iter()
                .map(|c| view! { <th scope="col">{c.clone()}</th> })
                .collect_view()
        })
    };
    let body = move || {
        data.with(|d| {
            d.rows
                .iter()
                .map(|row| {
                    view! {
                        <tr data-testid=row_id>
                            <th scope="row">{row.head.clone()}</th>
                            {row.cells.iter().map(cell).collect_view()}
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    let empty = move || data.with(|d| d.rows.is_empty().then_some(d.empty));
    view! {
        <table class="side-by-side" data-testid=id>
            <caption>{caption}</caption>
            <thead><tr>{head}</tr></thead>
            <tbody>{body}</tbody>
            <tbody hidden=move || empty().is_none()>
                <tr><td class="empty" colspan="99">{empty}</td></tr>
            </tbody>
        </table>
    }
}

fn cell(cell: &Cell) -> impl IntoView {
    let note = cell.note.clone();
    let (class, mark, text) = note.map_or(("", "", String::new()), |n| (n.class, n.mark, n.text));
    let quiet = text.is_empty();
    view! {
        <td>
            <span class="figure">{cell.text.clone()}</span>
            <span class=class data-testid=(!quiet).then_some("standing") hidden=quiet>
                <span aria-hidden="true">{mark}</span>
                {text}
            </span>
        </td>
    }
}
