//! What a lever would have to be: the value of one lever at which the revenue center reaches a
//! goal, with "Apply" to make it the plan's.

use leptos::prelude::*;

use super::{ask_to_set, typed_number, Plan};
use crate::model::goal_seek::{seek, Goal, SeekError};
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
    /// The revenue center pays back by a month.
    PayBack,
}

/// What the revenue center reaches in `scenario`, in the goal's terms.
fn reached(plan: Plan, scenario: &Scenario, goal: Goal) -> String {
    match goal {
        Goal::Npv(_) => format!(
            "an NPV of {}",
            measure(scenario, Measure::Npv).map_or_else(
                || "—".to_owned(),
                |npv| format::money(npv, &plan.currency())
            )
        ),
        Goal::BreakEvenBy(_) => match measure(scenario, Measure::BreakEven) {
            Some(month) if month <= f64::from(scenario.baseline.horizon_months) => {
                format!("pay-back in month {month}")
            }
            _ => format!(
                "no pay-back within the {}-month horizon",
                scenario.baseline.horizon_months
            ),
        },
    }
}

/// The answer in words, and the value to apply when there is one.
fn answer(plan: Plan, scenario: &Scenario, setting: Setting, goal: Goal) -> (String, Option<f64>) {
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
    match seek(scenario, setting, goal) {
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
#[component]
pub fn GoalSeek(plan: Plan) -> impl IntoView {
    let (path, set_path) = signal(FIRST_LEVER.to_owned());
    let (aim, set_aim) = signal(Aim::Npv);
    let (amount, set_amount) = signal(0.0_f64);
    let (month, set_month) = signal(12.0_f64);
    let horizon = move || {
        plan.scenario
            .with(|s| s.as_ref().map_or(0, |s| s.baseline.horizon_months))
    };
    let goal = Memo::new(move |_| match aim.get() {
        Aim::Npv if amount.get().is_finite() => Ok(Goal::Npv(amount.get())),
        Aim::Npv => Err("Enter an amount.".to_owned()),
        Aim::PayBack => {
            let month = month.get();
            let horizon = horizon();
            if month >= 1.0 && month <= f64::from(horizon) && month.fract() == 0.0 {
                Ok(Goal::BreakEvenBy(month as u32))
            } else {
                Err(format!(
                    "Enter a whole month from 1 to {horizon}, within the horizon."
                ))
            }
        }
    });
    let result = Memo::new(move |_| {
        let setting = path.with(|p| Setting::find(p))?;
        let goal = goal.get().ok()?;
        plan.scenario.with(|s| {
            s.as_ref()
                .map(|s| (setting, answer(plan, s, setting, goal)))
        })
    });
    let options = Setting::assumptions()
        .map(|setting| {
            let path = setting.path();
            let chosen = path == FIRST_LEVER;
            view! { <option value=path selected=chosen>{setting.name()}</option> }
        })
        .collect_view();
    let apply = move |_| {
        if let Some((setting, (_, Some(value)))) = result.get_untracked() {
            plan.scenario.with_untracked(|s| {
                if let Some(s) = s {
                    ask_to_set(s, setting, value);
                }
            });
        }
    };
    let goal_problem = move || goal.with(|g| g.as_ref().err().cloned());
    view! {
        <div class="goal-seek" data-testid="goal-seek">
            <div class="what-if-controls">
                <label>
                    "Lever "
                    <select data-testid="goal-lever" on:change=move |ev| set_path.set(event_target_value(&ev))>
                        {options}
                    </select>
                </label>
                <label>
                    "Goal "
                    <select data-testid="goal-aim" on:change=move |ev| set_aim.set(if event_target_value(&ev) == "pay-back" { Aim::PayBack } else { Aim::Npv })>
                        <option value="npv">"NPV of the extra contribution reaches"</option>
                        <option value="pay-back">"The revenue center pays back by month"</option>
                    </select>
                </label>
                <label hidden=move || aim.get() != Aim::Npv>
                    <span class="visually-hidden">"Amount"</span>
                    <input type="number" step="any" value="0" data-testid="goal-amount" aria-describedby="goal-message"
                        on:input=move |ev| set_amount.set(typed_number(&ev)) />
                    <span class="unit">{move || plan.currency()}</span>
                </label>
                <label hidden=move || aim.get() != Aim::PayBack>
                    <span class="visually-hidden">"Month"</span>
                    <input type="number" min="1" step="1" value="12" data-testid="goal-month" aria-describedby="goal-message"
                        on:input=move |ev| set_month.set(typed_number(&ev)) />
                </label>
            </div>
            <p class="field-message" id="goal-message" data-testid="goal-message" aria-live="polite">{goal_problem}</p>
            <p class="what-if-sentence" data-testid="goal-answer" aria-live="polite">
                {move || result.with(|r| r.as_ref().map(|(_, (words, _))| words.clone()))}
            </p>
            <button
                class="apply"
                data-testid="goal-apply"
                hidden=move || result.with(|r| !matches!(r, Some((_, (_, Some(_))))))
                on:click=apply
            >
                "Apply this value"
            </button>
        </div>
    }
}
