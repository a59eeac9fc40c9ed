//! What a lever would have to be: the value of one lever at which the best challenger reaches a
//! goal, with "Apply" to make it the plan's.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use web_sys::Element;

use super::dom::{self, el, handler, option, set_flag, set_text};
use super::{ask_to_set, assumption_options, Plan};
use crate::model::goal_seek::{seek_round, Goal, SeekError};
use crate::model::levers::Setting;
use crate::model::sensitivity::{measure, Measure};
use crate::model::Scenario;
use crate::ui::format;

/// The lever chosen when the panel opens: the one most plans turn on.
const FIRST_LEVER: &str = "revenue_center.monthly_churn";

/// Which goal the manager picked.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Aim {
    /// The NPV of the extra contribution reaches an amount.
    Npv,
    /// The best challenger pays back by a month.
    PayBack,
}

/// What the best challenger reaches in `scenario`, in the goal's terms.
fn reached(plan: &Plan, scenario: &Scenario, goal: Goal) -> String {
    match goal {
        Goal::Npv(_) => format!(
            "an NPV of {}",
            measure(scenario, Measure::Npv).map_or_else(
                || "—".to_owned(),
                |npv| format::money(npv, &plan.currency())
            )
        ),
        Goal::BreakEvenBy(_) => match measure(scenario, Measure::BreakEven) {
            // A whole month, written as one.
            Some(month) if month <= f64::from(scenario.baseline.horizon_months) => {
                format!("pay-back in month {}", month as u32)
            }
            _ => format!(
                "no pay-back within the {}-month horizon",
                scenario.baseline.horizon_months
            ),
        },
    }
}

/// The answer in words, and the value to apply when there is one.
fn answer(plan: &Plan, scenario: &Scenario, setting: Setting, goal: Goal) -> (String, Option<f64>) {
    let name = setting.name();
    let now = plan.shown(setting, setting.get(scenario));
    let (low, high) = setting.range().ends();
    let range = format!(
        "from {} to {}",
        plan.shown(setting, low),
        plan.shown(setting, high)
    );
    let wanted = match goal {
        Goal::Npv(amount) => format!("an NPV of {}", format::money(amount, &plan.currency())),
        Goal::BreakEvenBy(month) => format!("pay-back by month {month}"),
    };
    match seek_round(scenario, setting, goal) {
        Ok(found) => {
            let applied = setting.applied(scenario, found.value);
            (
                format!(
                    "{name} at {} (now {now}) gives {}.",
                    plan.shown(setting, found.value),
                    reached(plan, &applied, goal)
                ),
                Some(found.value),
            )
        }
        Err(SeekError::MetThroughout) => (
            format!(
                "Every value of {name} {range} reaches {wanted}: it does not decide this goal."
            ),
            None,
        ),
        Err(SeekError::Unreachable { value, .. }) => {
            let best = setting.applied(scenario, value);
            (
                format!(
                    "No value of {name} {range} reaches {wanted}. The closest, {}, gives {}.",
                    plan.shown(setting, value),
                    reached(plan, &best, goal)
                ),
                None,
            )
        }
        Err(SeekError::Invalid) => (
            "The plan cannot be projected at any value of this lever.".to_owned(),
            None,
        ),
    }
}

/// Goal seek: pick a lever and a goal; the value that reaches it, and "Apply".
pub struct GoalSeek {
    plan: Rc<Plan>,
    setting: Cell<Option<Setting>>,
    aim: Cell<Aim>,
    amount: Cell<f64>,
    month: Cell<f64>,
    /// The value found for the goal, to apply.
    found: RefCell<Option<(Setting, f64)>>,
    view: Element,
    amount_field: Element,
    currency: Element,
    month_field: Element,
    message: Element,
    answer: Element,
    apply: Element,
}

impl GoalSeek {
    /// The panel, its controls ready, empty until [`GoalSeek::refresh`].
    pub fn new(plan: Rc<Plan>) -> Rc<Self> {
        Rc::new_cyclic(|this| {
            let currency = el("span").class("unit");
            let amount_field = el("label")
                .child(el("span").class("visually-hidden").text("Amount"))
                .child(
                    el("input")
                        .attr("type", "number")
                        .attr("step", "any")
                        .attr("value", "0")
                        .attr("data-testid", "goal-amount")
                        .attr("aria-describedby", "goal-message")
                        .on(
                            "input",
                            handler(this, |t: &Self, ev| {
                                t.amount.set(dom::number_of(ev));
                                t.refresh();
                            }),
                        ),
                )
                .child(currency.element());
            let month_field = el("label")
                .flag("hidden", true)
                .child(el("span").class("visually-hidden").text("Month"))
                .child(
                    el("input")
                        .attr("type", "number")
                        .attr("min", "1")
                        .attr("step", "1")
                        .attr("value", "12")
                        .attr("data-testid", "goal-month")
                        .attr("aria-describedby", "goal-message")
                        .on(
                            "input",
                            handler(this, |t: &Self, ev| {
                                t.month.set(dom::number_of(ev));
                                t.refresh();
                            }),
                        ),
                );
            let controls = el("div")
                .class("what-if-controls")
                .child(
                    el("label").text("Lever ").child(
                        el("select")
                            .attr("data-testid", "goal-lever")
                            .children(assumption_options(FIRST_LEVER))
                            .on(
                                "change",
                                handler(this, |t: &Self, ev| {
                                    t.setting.set(Setting::find(&dom::value_of(ev)));
                                    t.refresh();
                                }),
                            ),
                    ),
                )
                .child(
                    el("label").text("Goal ").child(
                        el("select")
                            .attr("data-testid", "goal-aim")
                            .child(option("npv", "NPV of the extra contribution reaches"))
                            .child(option("pay-back", "It pays back by month"))
                            .on(
                                "change",
                                handler(this, |t: &Self, ev| {
                                    let pay_back = dom::value_of(ev) == "pay-back";
                                    t.aim.set(if pay_back { Aim::PayBack } else { Aim::Npv });
                                    t.refresh();
                                }),
                            ),
                    ),
                )
                .child(amount_field.element())
                .child(month_field.element());
            let message = dom::field_message("goal-message").attr("data-testid", "goal-message");
            let answer = el("p")
                .class("what-if-sentence")
                .attr("data-testid", "goal-answer")
                .attr("aria-live", "polite");
            let apply = el("button")
                .class("apply")
                .attr("data-testid", "goal-apply")
                .flag("hidden", true)
                .text("Apply this value")
                .on("click", handler(this, |t: &Self, _| t.apply()));
            let view = el("div")
                .class("goal-seek")
                .attr("data-testid", "goal-seek")
                .child(controls)
                .child(message.element())
                .child(answer.element())
                .child(apply.element());
            GoalSeek {
                plan,
                setting: Cell::new(Setting::find(FIRST_LEVER)),
                aim: Cell::new(Aim::Npv),
                amount: Cell::new(0.0),
                month: Cell::new(12.0),
                found: RefCell::new(None),
                view: view.into(),
                amount_field: amount_field.into(),
                currency: currency.into(),
                month_field: month_field.into(),
                message: message.into(),
                answer: answer.into(),
                apply: apply.into(),
            }
        })
    }

    /// The panel's element.
    pub fn view(&self) -> Element {
        self.view.clone()
    }

    /// The goal the fields describe, or what to fix in them.
    fn goal(&self, horizon: u32) -> Result<Goal, String> {
        match self.aim.get() {
            Aim::Npv if self.amount.get().is_finite() => Ok(Goal::Npv(self.amount.get())),
            Aim::Npv => Err("Enter an amount.".to_owned()),
            Aim::PayBack => {
                let month = self.month.get();
                if month >= 1.0 && month <= f64::from(horizon) && month.fract() == 0.0 {
                    Ok(Goal::BreakEvenBy(month as u32))
                } else {
                    Err(format!(
                        "Enter a whole month from 1 to {horizon}, within the horizon."
                    ))
                }
            }
        }
    }

    /// Seeks the goal on the plan as it now is, and shows the answer.
    pub fn refresh(&self) {
        let plan = &*self.plan;
        let aim = self.aim.get();
        set_flag(&self.amount_field, "hidden", aim != Aim::Npv);
        set_flag(&self.month_field, "hidden", aim != Aim::PayBack);
        set_text(&self.currency, &plan.currency());
        let horizon = plan.with(|s| s.baseline.horizon_months).unwrap_or(0);
        let goal = self.goal(horizon);
        set_text(
            &self.message,
            goal.as_ref().err().map_or("", String::as_str),
        );
        let result = match (self.setting.get(), goal) {
            (Some(setting), Ok(goal)) => plan.with(|s| (setting, answer(plan, s, setting, goal))),
            _ => None,
        };
        set_text(
            &self.answer,
            result.as_ref().map_or("", |(_, (words, _))| words.as_str()),
        );
        let found = result.and_then(|(setting, (_, value))| Some((setting, value?)));
        set_flag(&self.apply, "hidden", found.is_none());
        *self.found.borrow_mut() = found;
    }

    fn apply(&self) {
        if let Some((setting, value)) = *self.found.borrow() {
            self.plan.with(|s| ask_to_set(s, setting, value));
        }
    }
}
