//! A number field with its message, and a slider for key levers.

use leptos::prelude::*;

use super::Planner;
use crate::model::levers::{Kind, Slider};
use crate::number_text::{plain, Separators};

/// Reads `text`, typed with `separators` in a field of `kind` shown in `unit`, as the plan's
/// currency has it. One function for every field and each of its uses.
fn read(
    planner: Planner,
    kind: Kind,
    unit: &str,
    text: &str,
    separators: Separators,
) -> Result<f64, String> {
    planner
        .scenario
        .with_untracked(|s| kind.parse(text, separators, kind.measure(unit, &s.baseline.currency)))
}

/// A number field bound to one value of the scenario.
///
/// What the manager types stays as typed; when it is not a number, the field says so and the
/// scenario keeps its last value. Validation messages for the field's path appear beneath it.
#[component]
pub fn NumberInput(
    /// Path of the value in the scenario; also the element id and the test id.
    #[prop(into)]
    path: String,
    /// Accessible name of the field.
    #[prop(into)]
    label: String,
    /// How the value is typed and shown.
    kind: Kind,
    /// Its unit, as the registry writes it (`¤` for the plan's currency): says which signs may
    /// be typed with the number.
    unit: &'static str,
    /// Arrow step, in shown units.
    step: f64,
    /// The current value; `None` shows an empty field (only for optional fields).
    #[prop(into)]
    value: Signal<Option<f64>>,
    /// Called with each new value the manager types.
    on_change: Callback<Option<f64>>,
    /// An empty field means "not set" rather than a mistake.
    #[prop(optional)]
    optional: bool,
    /// A slider beside the field.
    #[prop(default = None)]
    slider: Option<Slider>,
    /// Placeholder text for an empty field.
    #[prop(optional, into)]
    placeholder: Option<String>,
    /// Put before the path in the element ids, for a second field of the same value elsewhere.
    #[prop(optional)]
    id_prefix: &'static str,
    /// Where validation says what is wrong with the value, when that is not `path`: for a field
    /// of whichever segment is chosen, whose path in the scenario moves with the choice.
    #[prop(optional, into)]
    message_at: Option<Signal<String>>,
) -> impl IntoView {
    let planner = expect_context::<Planner>();
    // Typed and shown in the manager's locale; sliders speak with a dot whatever the locale.
    let locale = super::format::separators();
    // The text as typed, so "12." or "1,000" are not rewritten under the caret.
    let typed = StoredValue::new(None::<String>);
    let parse =
        move |text: &str, separators: Separators| read(planner, kind, unit, text, separators);
    let shown = move || {
        // A scenario replaced whole (reset, switch, a link) rewrites the text, even where the
        // value stayed the same.
        planner.generation.track();
        let current = value.get();
        let as_typed = typed.get_value();
        match (current, as_typed) {
            (Some(v), Some(text)) if parse(&text, locale) == Ok(v) => text,
            (None, Some(text)) if text.trim().is_empty() => text,
            (Some(v), _) => kind.show(v, locale),
            (None, _) => String::new(),
        }
    };
    let id = format!("{id_prefix}{path}");
    let message_id = format!("{id}-message");
    let message = {
        let path = path.clone();
        Memo::new(move |_| match message_at {
            Some(at) => at.with(|at| planner.message_for(at)),
            None => planner.message_for(&path),
        })
    };

    let accept = {
        let path = path.clone();
        move |text: String, separators: Separators| {
            typed.set_value(Some(text.clone()));
            let parsed = if optional && text.trim().is_empty() {
                Ok(None)
            } else {
                parse(&text, separators).map(Some)
            };
            match parsed {
                Ok(v) => {
                    planner.set_field_problem(&path, None);
                    on_change.run(v);
                }
                Err(problem) => planner.set_field_problem(&path, Some(problem)),
            }
        }
    };
    let accept_typed = accept.clone();
    let key_path = path.clone();

    let slider_view = slider.map(|s| {
        let slider_label = format!("{label} (slider)");
        let slider_value = move || {
            value
                .get()
                .map(|v| kind.show(v, Separators::DOT))
                .unwrap_or_default()
        };
        view! {
            <input
                type="range"
                class="slider"
                min=plain(s.min)
                max=plain(s.max)
                step=plain(s.step)
                aria-label=slider_label
                data-testid=format!("{id}-slider")
                prop:value=slider_value
                on:input=move |ev| {
                    typed.set_value(None);
                    accept(event_target_value(&ev), Separators::DOT);
                }
            />
        }
    });

    view! {
        <div class="number-input">
            <input
                type="text"
                inputmode="decimal"
                autocomplete="off"
                spellcheck="false"
                id=id.clone()
                data-testid=id.clone()
                data-step=plain(step)
                aria-label=label.clone()
                aria-invalid=move || if message.get().is_some() { "true" } else { "false" }
                aria-describedby=message_id.clone()
                placeholder=placeholder
                prop:value=shown
                on:input=move |ev| accept_typed(event_target_value(&ev), locale)
                on:keydown=move |ev| {
                    // Arrow keys step the value, as in a native number field.
                    let direction = match ev.key().as_str() {
                        "ArrowUp" => 1.0,
                        "ArrowDown" => -1.0,
                        _ => return,
                    };
                    ev.prevent_default();
                    let Some(current) = value.get_untracked() else { return };
                    let shown_value = parse(&kind.show(current, locale), locale).unwrap_or(current);
                    let factor = if kind == Kind::Percent { 0.01 } else { 1.0 };
                    let next = shown_value + direction * step * factor;
                    typed.set_value(None);
                    planner.set_field_problem(&key_path, None);
                    on_change.run(Some(round_to_step(next, step * factor)));
                }
            />
            {slider_view}
            <p class="field-message" id=message_id.clone() data-testid=message_id aria-live="polite">
                {move || message.get()}
            </p>
        </div>
    }
}

/// Rounds away float dust from stepping: 0.1 + 0.2 becomes 0.3.
fn round_to_step(value: f64, step: f64) -> f64 {
    if step <= 0.0 {
        return value;
    }
    let decimals = (-step.log10()).ceil().max(0.0) as i32 + 2;
    let factor = 10f64.powi(decimals);
    (value * factor).round() / factor
}
