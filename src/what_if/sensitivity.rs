//! Which lever matters most: a tornado of every lever moved alone to its low and its high.

use leptos::prelude::*;

use super::{go_to_field, typed_number, Plan};
use crate::model::levers::Setting;
use crate::model::sensitivity::{self, tornado, Bar, Measure, Varied};
use crate::model::Scenario;
use crate::ui::format;

/// How many bars show before "Show all".
const FIRST_BARS: usize = 10;

/// A measured value in words: money for the NPV, a month for break-even.
fn measured(plan: Plan, what: Measure, value: f64, horizon: u32) -> String {
    match what {
        Measure::Npv => format::money_compact(value, &plan.currency()),
        Measure::BreakEven if value > f64::from(horizon) => "no pay-back".to_owned(),
        Measure::BreakEven => format!("month {}", value as u32),
    }
}

/// `value` to a hundredth, for CSS: "12.34". Written with whole numbers, which keeps the
/// module free of float formatting.
fn hundredths(value: f64) -> String {
    let hundredths = (value * 100.0).round() as i64;
    let sign = if hundredths < 0 { "-" } else { "" };
    let hundredths = hundredths.abs();
    format!("{sign}{}.{:02}", hundredths / 100, hundredths % 100)
}

/// A CSS percentage to a hundredth: "12.34%".
fn percent(value: f64) -> String {
    hundredths(value) + "%"
}

/// Whether `value` is better for the revenue center than `base`.
fn is_better(what: Measure, value: f64, base: f64) -> bool {
    match what {
        Measure::Npv => value > base,
        Measure::BreakEven => value < base,
    }
}

/// The tornado's figures for one plan.
#[derive(Clone, PartialEq)]
struct Figures {
    base: f64,
    horizon: u32,
    bars: Vec<Bar>,
    /// Levers left out because their low and high give the same figure.
    flat: usize,
    /// The lowest and highest figure of every bar and the base: the chart's scale.
    scale: (f64, f64),
}

impl Figures {
    /// Where `value` falls on the chart, from 0 (its left end) to 1.
    fn at(&self, value: f64) -> f64 {
        let (low, high) = self.scale;
        if high > low {
            (value - low) / (high - low)
        } else {
            0.5
        }
    }
}

fn figures(scenario: &Scenario, spread: f64, what: Measure) -> Option<Figures> {
    let base = sensitivity::measure(scenario, what)?;
    let varied: Vec<Varied> = Setting::assumptions()
        .map(|setting| Varied {
            setting,
            range: None,
        })
        .collect();
    let (bars, flat): (Vec<Bar>, Vec<Bar>) = tornado(scenario, &varied, spread, what)
        .into_iter()
        .partition(|bar| bar.swing > 0.0);
    let scale = bars.iter().fold((base, base), |(low, high), bar| {
        let (a, b) = bar.measured;
        (low.min(a).min(b), high.max(a).max(b))
    });
    Some(Figures {
        base,
        horizon: scenario.baseline.horizon_months,
        bars,
        flat: flat.len(),
        scale,
    })
}

/// The tornado chart of the NPV of the extra contribution, or of the break-even month.
#[component]
pub fn Tornado(plan: Plan) -> impl IntoView {
    let (what, set_what) = signal(Measure::Npv);
    let (spread_typed, set_spread_typed) = signal(20.0_f64);
    let spread = Memo::new(move |_| {
        let percent = spread_typed.get();
        if percent > 0.0 && percent <= 100.0 {
            Ok(percent / 100.0)
        } else {
            Err("Enter a share above 0% and up to 100%.")
        }
    });
    let (show_all, set_show_all) = signal(false);
    // While the spread field holds no valid share, the chart keeps the last one it had.
    let spread_used = Memo::new(move |last: Option<&f64>| {
        spread
            .get()
            .unwrap_or_else(|_| last.copied().unwrap_or(0.2))
    });
    let found = Memo::new(move |_| {
        let spread = spread_used.get();
        let what = what.get();
        plan.scenario
            .with(|s| s.as_ref().and_then(|s| figures(s, spread, what)))
    });
    let sentence = move || {
        let what = what.get();
        found.with(|f| {
            let f = f.as_ref()?;
            let top = f.bars.first()?;
            let name = top.setting.name();
            let (low, high) = top.values;
            let (at_low, at_high) = top.measured;
            let figure = match what {
                Measure::Npv => "the NPV of the extra contribution",
                Measure::BreakEven => "the break-even month",
            };
            Some(format!(
                "{} matters most: between {} and {} {figure} moves from {} to {}.",
                name,
                plan.shown(top.setting, low),
                plan.shown(top.setting, high),
                measured(plan, what, at_low, f.horizon),
                measured(plan, what, at_high, f.horizon),
            ))
        })
    };
    let rows = move || {
        let what = what.get();
        found.with(|f| {
            let Some(f) = f else { return Vec::new() };
            let at = |value: f64| f.at(value) * 100.0;
            let shown = if show_all.get() { f.bars.len() } else { FIRST_BARS };
            f.bars
                .iter()
                .take(shown)
                .map(|bar| {
                    let setting = bar.setting;
                    let side = |value: f64, result: f64, end: &'static str| {
                        let better = is_better(what, result, f.base);
                        let (from, to) = (at(f.base.min(result)), at(f.base.max(result)));
                        let mark = if better { "▲" } else { "▼" };
                        let words = format!("{end} {} {mark}", plan.shown(setting, value));
                        let figure = format!(": {}", measured(plan, what, result, f.horizon));
                        let (swing, label) = match (better, result < f.base) {
                            (true, false) => ("swing better", "swing-label"),
                            (true, true) => ("swing better", "swing-label to-left"),
                            (false, false) => ("swing worse", "swing-label"),
                            (false, true) => ("swing worse", "swing-label to-left"),
                        };
                        let label_at = if result < f.base { from } else { to };
                        view! {
                            <span
                                class=swing
                                style:left=percent(from)
                                style:width=percent((to - from).max(0.4))
                            ></span>
                            <span class=label style:left=percent(label_at)>
                                {words}
                                <span class="visually-hidden">{figure}</span>
                            </span>
                        }
                    };
                    view! {
                        <li class="tornado-row" data-testid="tornado-row">
                            <button class="lever-name" on:click=move |_| go_to_field(setting) title="Go to this input">
                                {setting.name()}
                            </button>
                            <div class="track">
                                <div class="scale">
                                    {side(bar.values.0, bar.measured.0, "low")}
                                    {side(bar.values.1, bar.measured.1, "high")}
                                </div>
                            </div>
                        </li>
                    }
                })
                .collect::<Vec<_>>()
        })
    };
    let base_line = move || found.with(|f| f.as_ref().map(|f| hundredths(f.at(f.base) * 100.0)));
    let base_words = move || {
        let what = what.get();
        found.with(|f| {
            f.as_ref()
                .map(|f| format!("As planned: {}", measured(plan, what, f.base, f.horizon)))
        })
    };
    // The scale's two ends, written under it.
    let ends = move || {
        let what = what.get();
        found.with(|f| {
            f.as_ref().map(|f| {
                (
                    measured(plan, what, f.scale.0, f.horizon),
                    measured(plan, what, f.scale.1, f.horizon),
                )
            })
        })
    };
    let more = move || {
        found.with(|f| {
            f.as_ref()
                .map_or(0, |f| f.bars.len().saturating_sub(FIRST_BARS))
        })
    };
    let flat = move || {
        found.with(|f| match f.as_ref().map_or(0, |f| f.flat) {
            0 => String::new(),
            1 => "One lever makes no difference over its range and is left out.".to_owned(),
            n => format!("{n} levers make no difference over their range and are left out."),
        })
    };
    view! {
        <div class="tornado" data-testid="tornado">
            <div class="what-if-controls">
                <fieldset class="choice">
                    <legend>"Measure"</legend>
                    <label>
                        <input type="radio" name="tornado-measure" checked=move || what.get() == Measure::Npv on:change=move |_| set_what.set(Measure::Npv) />
                        "NPV of the extra contribution"
                    </label>
                    <label>
                        <input type="radio" name="tornado-measure" data-testid="measure-break-even" checked=move || what.get() == Measure::BreakEven on:change=move |_| set_what.set(Measure::BreakEven) />
                        "Break-even month"
                    </label>
                </fieldset>
                <label class="spread">
                    "Each lever ± "
                    <input
                        type="number"
                        min="1"
                        max="100"
                        step="any"
                        value="20"
                        data-testid="tornado-spread"
                        aria-describedby="tornado-spread-message"
                        on:input=move |ev| set_spread_typed.set(typed_number(&ev))
                    />
                    " %"
                </label>
                <p class="field-message" id="tornado-spread-message" aria-live="polite">
                    {move || spread.get().err()}
                </p>
            </div>
            <p class="what-if-sentence" data-testid="tornado-sentence" aria-live="polite">{sentence}</p>
            <div class="tornado-chart" style:--base=base_line>
                <p class="base-label">{base_words}</p>
                <span class="base-line" aria-hidden="true"></span>
                <ol class="tornado-rows" aria-label="Levers, the one that matters most first">
                    {rows}
                </ol>
                <p class="tornado-axis" aria-hidden="true">
                    <span>{move || ends().map(|e| e.0)}</span>
                    <span>{move || ends().map(|e| e.1)}</span>
                </p>
            </div>
            <p class="what-if-note">
                <button hidden=move || show_all.get() || more() == 0 on:click=move |_| set_show_all.set(true)>
                    {move || format!("Show {} more", more())}
                </button>
                " " {flat}
            </p>
        </div>
    }
}
