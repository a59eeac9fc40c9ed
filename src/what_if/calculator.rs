//! How many agents for one queue: a staffing calculator as contact-center planners know it,
//! which can take its queue from a month and channel of the plan.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlInputElement, HtmlSelectElement};

use super::dom::{self, el, handler, option, set_children, set_state, set_text, El};
use super::Plan;
use crate::model::levers::Side;
use crate::model::queue_calculator::{
    Achieved, CalculatorError, QueueChannel, QueueInput, QueueInputs, Row, INPUTS,
    MAX_PATIENT_TRAFFIC_ERLANGS, PATIENCE,
};
use crate::model::validation::FieldIssue;
use crate::ui::format;

/// The month of the plan offered first.
const FIRST_MONTH: f64 = 12.0;

/// One number field of the calculator, and the message beside it.
struct Field {
    path: &'static str,
    input: HtmlInputElement,
    message: Element,
}

/// The staffing calculator.
pub struct Calculator {
    plan: Rc<Plan>,
    queue: RefCell<QueueInputs>,
    /// Whether the fields hold the plan's queue, which they then follow as the plan changes.
    following: Cell<bool>,
    view: Element,
    fields: Vec<Field>,
    patience: Field,
    channel: HtmlSelectElement,
    side: HtmlSelectElement,
    month: HtmlInputElement,
    taken: Element,
    problem: Element,
    answer: Element,
    figures: Element,
    head: Element,
    rows: Element,
}

/// A number field with its label, unit and message; `value` in shown units.
fn field(id: &str, name: &str, unit: &str, value: Option<f64>, placeholder: &str) -> (El, Field) {
    let input = el("input")
        .attr("id", id)
        .attr("type", "number")
        .attr("step", "any")
        .attr("data-testid", id)
        .attr("aria-describedby", &format!("{id}-message"))
        .attr("placeholder", placeholder);
    let input: HtmlInputElement = input.element().unchecked_into();
    if let Some(value) = value {
        input.set_value_as_number(value);
    }
    let message =
        dom::field_message(&format!("{id}-message")).attr("data-testid", &format!("{id}-message"));
    let field = Field {
        path: "",
        input: input.clone(),
        message: message.element(),
    };
    let row = el("div")
        .class("calculator-field")
        .child(el("label").attr("for", id).text(name))
        .child(
            el("span")
                .class("with-unit")
                .child(Element::from(input))
                .child(el("span").class("unit").text(unit)),
        )
        .child(message);
    (row, field)
}

impl Calculator {
    /// The calculator, holding Call Centre Helper's worked example until the manager changes it.
    pub fn new(plan: Rc<Plan>) -> Rc<Self> {
        let calculator = Self::build(plan);
        calculator.show();
        calculator
    }

    /// The calculator's elements, its controls ready and its answer not yet shown.
    fn build(plan: Rc<Plan>) -> Rc<Self> {
        Rc::new_cyclic(|this| {
            let queue = QueueInputs::default();
            let (rows, fields): (Vec<El>, Vec<Field>) = INPUTS
                .iter()
                .map(|input: &QueueInput| {
                    let (row, mut field) = field(
                        &format!("calc-{}", input.path.replace('_', "-")),
                        input.name,
                        input.unit,
                        Some(input.kind.shown_number((input.get)(&queue))),
                        "",
                    );
                    field.path = input.path;
                    (row, field)
                })
                .unzip();
            let (path, name, _) = PATIENCE;
            let (patience_row, mut patience) =
                field("calc-patience", name, "seconds", None, "never");
            patience.path = path;
            let channel = el("select")
                .attr("data-testid", "calc-channel")
                .attr("aria-label", "Channel")
                .child(option("phone", "Phone"))
                .child(option("chat", "Chat"));
            let side = el("select")
                .attr("data-testid", "calc-side")
                .attr("aria-label", "Strategy")
                .children(Side::BOTH.map(|side| option(side.prefix(), side.name())));
            let month = el("input")
                .attr("type", "number")
                .attr("min", "1")
                .attr("step", "1")
                .attr("data-testid", "calc-month")
                .attr("aria-label", "Month");
            let taken = el("p")
                .class("what-if-note")
                .attr("data-testid", "calc-taken");
            let from_plan = el("div")
                .class("what-if-controls")
                .text("The plan's queue: ")
                .child(channel.element())
                .child(side.element())
                .child(el("label").text("month ").child(month.element()))
                .child(
                    el("button")
                        .attr("data-testid", "calc-from-plan")
                        .text("Use it")
                        .on("click", handler(this, |t: &Self, _| t.take_from_plan())),
                );
            let problem = el("p")
                .class("field-message")
                .attr("data-testid", "calc-problem")
                .attr("aria-live", "polite");
            let answer = el("p")
                .class("what-if-sentence")
                .attr("data-testid", "calc-answer")
                .attr("aria-live", "polite");
            let figures = el("dl")
                .class("calculator-figures")
                .attr("data-testid", "calc-figures");
            let head = el("tr");
            let body = el("tbody");
            let table = el("table")
                .class("calculator-table")
                .attr("data-testid", "calc-table")
                .child(el("caption").text("Agent counts around the answer"))
                .child(el("thead").child(head.element()))
                .child(body.element());
            let view = el("div")
                .class("calculator")
                .attr("data-testid", "calculator")
                .on("input", handler(this, |t: &Self, ev| t.typed(ev)))
                .child(from_plan)
                .child(taken.element())
                .child(
                    el("div")
                        .class("calculator-fields")
                        .children(rows)
                        .child(patience_row),
                )
                .child(problem.element())
                .child(answer.element())
                .child(figures.element())
                .child(table);
            let month: HtmlInputElement = month.element().unchecked_into();
            month.set_value_as_number(FIRST_MONTH);
            Calculator {
                plan,
                queue: RefCell::new(queue),
                following: Cell::new(false),
                view: view.into(),
                fields,
                patience,
                channel: channel.element().unchecked_into(),
                side: side.element().unchecked_into(),
                month,
                taken: taken.into(),
                problem: problem.into(),
                answer: answer.into(),
                figures: figures.into(),
                head: head.into(),
                rows: body.into(),
            }
        })
    }

    /// The panel's element.
    pub fn view(&self) -> Element {
        self.view.clone()
    }

    /// Follows the plan: its horizon bounds the month, and a queue taken from it is taken anew.
    pub fn refresh(&self) {
        let horizon = self.plan.with(|s| s.baseline.horizon_months);
        let _ = self
            .month
            .set_attribute("max", &horizon.unwrap_or(1).to_string());
        // A queue of the manager's own does not depend on the plan: nothing to staff again.
        if self.following.get() {
            self.take_from_plan();
        }
    }

    /// A field changed: its number goes into the queue, and the queue is the manager's now.
    fn typed(&self, event: &web_sys::Event) {
        let Some(target) = event.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
            return;
        };
        let mut queue = self.queue.borrow_mut();
        if self.patience.input.is_same_node(Some(&target)) {
            let value = self.patience.input.value_as_number();
            // An empty field means callers who never hang up; anything else typed is checked.
            queue.patience_seconds =
                (!(value.is_nan() && self.patience.input.value().is_empty())).then_some(value);
        } else if let Some((input, field)) = INPUTS
            .iter()
            .zip(&self.fields)
            .find(|(_, field)| field.input.is_same_node(Some(&target)))
        {
            (input.set)(
                &mut queue,
                input.kind.stored_number(field.input.value_as_number()),
            );
        } else {
            return;
        }
        drop(queue);
        self.following.set(false);
        set_text(&self.taken, "");
        self.show();
    }

    /// Fills the fields with the queue of the chosen month and channel of the plan.
    fn take_from_plan(&self) {
        let month = self.month.value_as_number();
        let channel = if self.channel.value() == "chat" {
            QueueChannel::Chat
        } else {
            QueueChannel::Phone
        };
        let side = Side::BOTH
            .into_iter()
            .find(|side| side.prefix() == self.side.value())
            .unwrap_or(Side::Cost);
        let taken = self.plan.with(|s| {
            let horizon = s.baseline.horizon_months;
            let whole = month.fract() == 0.0 && month >= 1.0 && month <= f64::from(horizon);
            whole
                .then(|| QueueInputs::from_plan(s, side, month as u32, channel))
                .flatten()
                .ok_or(horizon)
        });
        match taken {
            Some(Ok(taken)) => {
                let mut queue = self.queue.borrow_mut();
                *queue = QueueInputs {
                    patience_seconds: queue.patience_seconds,
                    ..taken
                };
                for (input, field) in INPUTS.iter().zip(&self.fields) {
                    // The field shows the plan's figure to a hundredth; the queue keeps it whole.
                    let value = input.kind.shown_number((input.get)(&queue));
                    field
                        .input
                        .set_value_as_number((value * 100.0).round() / 100.0);
                }
                drop(queue);
                self.following.set(true);
                let channel = if channel == QueueChannel::Chat {
                    "chat"
                } else {
                    "phone"
                };
                set_text(
                    &self.taken,
                    &format!(
                        "The plan's {channel} queue under the {} in month {}, in half-hour intervals: it follows the plan until a field is changed.",
                        side.name(),
                        month as u32
                    ),
                );
            }
            Some(Err(horizon)) => {
                self.following.set(false);
                set_text(
                    &self.taken,
                    &format!("Enter a whole month from 1 to {horizon}, within the horizon."),
                );
            }
            None => {
                self.following.set(false);
                set_text(
                    &self.taken,
                    "The plan has inputs out of range: fix them to take a queue from it.",
                );
            }
        }
        self.show();
    }

    /// Staffs the queue the fields hold, and shows the answer or what to fix.
    fn show(&self) {
        let queue = *self.queue.borrow();
        let staffed = queue.staff();
        let issues: &[FieldIssue] = match &staffed {
            Err(CalculatorError::Invalid(issues)) => issues,
            _ => &[],
        };
        for field in self.fields.iter().chain([&self.patience]) {
            let issue = issues.iter().find(|issue| issue.path == field.path);
            let message = issue.map(|issue| issue.problem.sentence(&format::in_sentence));
            set_text(&field.message, message.as_deref().unwrap_or_default());
            set_state(&field.input, "aria-invalid", issue.is_some());
        }
        let problem = match &staffed {
            Err(CalculatorError::TooMuchTraffic { traffic }) => format!(
                "These calls make {} Erlangs of traffic, more than any single queue carries. Check the calls, the interval and the handle time.",
                format::number(*traffic, 0)
            ),
            Err(CalculatorError::TooMuchForPatience { traffic }) => format!(
                "These calls make {} Erlangs of traffic. With callers who hang up the calculator staffs queues up to {} Erlangs; leave the patience empty to staff this one.",
                format::number(*traffic, 0),
                format::number(MAX_PATIENT_TRAFFIC_ERLANGS, 0)
            ),
            _ => String::new(),
        };
        set_text(&self.problem, &problem);
        let Ok(staffed) = staffed else {
            set_text(&self.answer, "");
            set_children(&self.figures, []);
            set_children(&self.rows, []);
            return;
        };
        let n = staffed.needed;
        set_text(
            &self.answer,
            &format!(
                "{} Erlangs of traffic need {} agents on the queue: {} answered within {} seconds. With {} shrinkage, schedule {}.",
                format::number(staffed.traffic, 1),
                format::number(f64::from(n.agents), 0),
                format::percent(n.service_level, 1),
                format::exact(queue.target_seconds),
                format::percent(queue.shrinkage, 0),
                format::number(f64::from(staffed.scheduled), 0),
            ),
        );
        let figure = |name: &str, value: String| [el("dt").text(name), el("dd").text(&value)];
        let mut figures = vec![
            figure("Agents needed", format::number(f64::from(n.agents), 0)),
            figure(
                "Agents scheduled",
                format::number(f64::from(staffed.scheduled), 0),
            ),
            figure("Answered in target", format::percent(n.service_level, 1)),
            figure(
                "Mean wait of those answered",
                format::seconds(n.asa_seconds),
            ),
            figure("Occupancy", format::percent(n.occupancy, 1)),
            figure("Chance of waiting", format::percent(n.prob_wait, 1)),
        ];
        if let Some(abandon) = n.prob_abandon {
            figures.push(figure("Hang up", format::percent(abandon, 1)));
        }
        set_children(
            &self.figures,
            figures
                .into_iter()
                .map(|[dt, dd]| el("div").child(dt).child(dd)),
        );
        // Callers who never hang up need no column for it.
        let columns = [
            "Agents",
            "Answered in target",
            "Mean wait",
            "Occupancy",
            "Waits",
            "Hang up",
        ];
        let columns = if n.prob_abandon.is_some() {
            &columns[..]
        } else {
            &columns[..5]
        };
        set_children(
            &self.head,
            columns
                .iter()
                .map(|name| el("th").attr("scope", "col").text(name)),
        );
        set_children(
            &self.rows,
            staffed
                .around
                .iter()
                .map(|row| table_row(row, n.agents, columns.len())),
        );
    }
}

/// A row of the table around the answer, `columns` wide; the answer's row is marked.
fn table_row(row: &Row, needed: u32, columns: usize) -> El {
    let agents = row.agents();
    let chosen = agents == needed;
    let mut name = format::number(f64::from(agents), 0);
    if chosen {
        name.push_str(" ◀ needed");
    }
    let tr = el("tr")
        .attr("data-testid", "calc-row")
        .flag("data-chosen", chosen)
        .child(el("th").attr("scope", "row").text(&name));
    match row {
        Row::Steady(Achieved {
            service_level,
            asa_seconds,
            occupancy,
            prob_wait,
            prob_abandon,
            ..
        }) => tr.children(
            [
                format::percent(*service_level, 1),
                format::seconds(*asa_seconds),
                format::percent(*occupancy, 1),
                format::percent(*prob_wait, 1),
            ]
            .into_iter()
            .chain(prob_abandon.map(|p| format::percent(p, 1)))
            .map(|text| el("td").text(&text)),
        ),
        Row::Overloaded { .. } => tr.child(el("td").attr("colspan", &(columns - 1).to_string()).text(
            "Overloaded: calls come faster than these agents answer them, and the queue grows without end.",
        )),
    }
}
