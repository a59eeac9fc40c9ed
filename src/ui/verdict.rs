//! The verdict above the figures: one or two sentences a director understands without the
//! charts, worded from [`Verdict`].

use leptos::prelude::*;

use super::format::{money_compact, percent};
use super::headline::{figure, shown_figures, text};
use super::Shown;
use crate::model::projection::StrategyKind;
use crate::model::verdict::Verdict;
use crate::model::Source;

/// A yes-or-no fact of the verdict on what is shown; no while nothing is shown.
fn verdict_is(f: fn(&Verdict) -> bool) -> Signal<bool> {
    let shown = shown_figures();
    Signal::derive(move || {
        shown.with(|s| s.as_deref().is_some_and(|s| f(&Verdict::of(&s.projection))))
    })
}

/// What most of the leading strategy's gain is, after "Most of the gain comes from".
fn gain(source: Source) -> &'static str {
    match source {
        Source::Retention => "the customers it keeps: their recurring margin",
        Source::Sales => "sales made on service contacts",
        Source::Premium => "premium support",
        Source::ServiceCost | Source::Investment => "lower service cost",
    }
}

/// Why the best of the other strategies loses to the cost center, after "The main reason:".
fn loss(source: Source) -> &'static str {
    match source {
        Source::Retention => "it keeps fewer customers.",
        Source::Sales => "it sells less on service contacts.",
        Source::Premium => "it earns less from premium support.",
        Source::ServiceCost => "its extra service cost outweighs what it brings in.",
        Source::Investment => "the one-off investment is not earned back.",
    }
}

/// The verdict in words.
struct Worded {
    /// ▲, ▼ or =: the verdict is marked by more than colour.
    mark: &'static str,
    headline: String,
    detail: String,
}

/// The verdict on what is shown, in words.
fn worded(shown: &Shown) -> Worded {
    let verdict = Verdict::of(&shown.projection);
    let baseline = &shown.scenario.baseline;
    let money = |v: f64| money_compact(v, &baseline.currency);
    let months = baseline.horizon_months;
    let (leader, runner_up) = (
        verdict.leader.in_sentence(),
        verdict.runner_up.in_sentence(),
    );
    let npv = format!(
        "{} in today's money at {} a year",
        money(verdict.npv),
        percent(baseline.yearly_discount_rate, 1)
    );
    if verdict.even {
        return Worded {
            mark: "=",
            headline: format!(
                "The {leader} and the {runner_up} come out even over {months} months."
            ),
            detail: "Neither earns more contribution than the other.".to_owned(),
        };
    }
    if verdict.reference_leads() {
        return Worded {
            mark: "▼",
            headline: format!(
                "The {leader} comes out ahead: the {runner_up} earns {} less over {months} months.",
                money(verdict.by)
            ),
            detail: format!(
                "{npv}, and it does not pay back within the horizon. The main reason: {}",
                loss(verdict.reason)
            ),
        };
    }
    let investment = shown.scenario.transition.one_off_investment;
    let pays_back = match verdict.break_even_month {
        Some(1) => "It is ahead from the first month".to_owned(),
        Some(month) if investment > 0.0 => {
            format!("It pays back its investment in month {month}")
        }
        Some(month) => format!("It stays ahead from month {month}"),
        None => "It is not ahead to stay within the horizon".to_owned(),
    };
    let discounted = if verdict.npv < 0.0 {
        " Discounted, it does not pay."
    } else {
        ""
    };
    // Ahead of the reference alone, or of another challenger too, which the lead is over.
    let headline = if verdict.runner_up == StrategyKind::CostCenter {
        format!(
            "The {leader} comes out ahead by {} over {months} months.",
            money(verdict.by)
        )
    } else {
        format!(
            "The {leader} comes out ahead over {months} months: {} more than the {runner_up}, {} more than the cost center.",
            money(verdict.by),
            money(verdict.over_reference)
        )
    };
    Worded {
        mark: "▲",
        headline,
        detail: format!(
            "{npv}.{discounted} {pays_back}; most of the gain comes from {}.",
            gain(verdict.reason)
        ),
    }
}

/// The verdict: who comes out ahead, by how much and why, with a mark that is not only colour.
///
/// Its parts are read through the headline figures' own kinds of signal, so the verdict adds
/// words, not another set of reactive types to the page. Each part words the verdict again: a
/// few comparisons and formatted amounts per edit, far less than a memo's code would weigh.
#[component]
pub fn VerdictLine() -> impl IntoView {
    view! {
        <p class="verdict" class:gain=verdict_is(Verdict::challenger_leads) class:loss=verdict_is(Verdict::reference_leads) data-testid="verdict">
            <span class="mark" aria-hidden="true">{text(figure(|s| worded(s).mark.to_owned()))}</span>
            <strong data-testid="verdict-headline">{text(figure(|s| worded(s).headline))}</strong>
            " "
            <span data-testid="verdict-detail">{text(figure(|s| worded(s).detail))}</span>
        </p>
    }
}
