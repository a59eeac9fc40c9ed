//! How the page types and shows the registry's numbers, and which of them differ between
//! scenarios. What each input is lives in [`crate::model::levers`].

use super::format::number_up_to;
use crate::model::levers::{scenario_levers, strategy_levers, Kind, Lever, Side, CHANNEL_COSTS};
use crate::model::scenario::MAX_NAME_CHARS;
use crate::model::Scenario;
use crate::number_text::{fixed, read_number, trimmed, Measure, NumberProblem, Separators};

// The registry says what a number is; the page adds how it is typed and shown in a locale.
impl Kind {
    /// The text a field shows for `value`, with the locale's decimal separator and no grouping,
    /// so it reads back as the same number.
    pub fn show(self, value: f64, separators: Separators) -> String {
        let text = trimmed(fixed(self.shown_number(value), 4));
        if separators.decimal == '.' {
            text
        } else {
            text.replace('.', &separators.decimal.to_string())
        }
    }

    /// What a field of this kind, shown with `unit` (`¤` for the plan's `currency`), measures:
    /// the signs that may be typed with its number.
    pub fn measure<'a>(self, unit: &str, currency: &'a str) -> Measure<'a> {
        match self {
            Kind::Percent => Measure::Percent,
            Kind::Number | Kind::Whole if unit.contains('¤') => Measure::Money(currency),
            Kind::Number | Kind::Whole => Measure::Plain,
        }
    }

    /// Reads what was typed in the manager's locale: separators and spaces are allowed, and a
    /// percent sign or the plan's currency where `measure` has one; text that could be read two
    /// ways is refused.
    ///
    /// # Errors
    ///
    /// A sentence for the field when the text is not a number of this kind.
    pub fn parse(
        self,
        text: &str,
        separators: Separators,
        measure: Measure,
    ) -> Result<f64, String> {
        let value = read_number(text, separators, measure).map_err(|problem| match problem {
            NumberProblem::NotANumber => format!("\"{}\" is not a number.", text.trim()),
            other => other.to_string(),
        })?;
        if self == Kind::Whole && value.fract() != 0.0 {
            return Err("Enter a whole number.".into());
        }
        Ok(self.stored_number(value))
    }
}

/// The value of `lever` in `of` to be read, with its unit (`¤` read as `currency`).
pub fn shown<T>(lever: &Lever<T>, of: &T, currency: &str) -> String {
    shown_value(lever.kind, (lever.get)(of), lever.unit, currency)
}

/// `value` of a field of `kind` to be read, grouped in the manager's locale as a field is not
/// ("100,000"), followed by its `unit` (`¤` read as `currency`) on the same line.
pub fn shown_value(kind: Kind, value: f64, unit: &str, currency: &str) -> String {
    let unit = unit.replace('¤', currency);
    format!("{}\u{a0}{unit}", number_up_to(kind.shown_number(value), 4))
        .trim_end()
        .to_owned()
}

/// An input that differs between scenarios: its label, and its value in each, as a field shows
/// it with its unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Difference {
    /// The field's label, with the strategy for a lever.
    pub label: String,
    /// The value in each scenario, in their order.
    pub values: Vec<String>,
}

/// Every input whose value is not the same, to the bit, in all of `scenarios`, in page order.
pub fn differing_inputs(scenarios: &[&Scenario]) -> Vec<Difference> {
    let mut found = Vec::new();
    let mut compare =
        |label: String, read: &dyn Fn(&Scenario) -> Option<f64>, kind: Kind, unit: &str| {
            let values: Vec<Option<f64>> = scenarios.iter().map(|s| read(s)).collect();
            let bits = |v: &Option<f64>| v.map(f64::to_bits);
            if values
                .windows(2)
                .all(|pair| bits(&pair[0]) == bits(&pair[1]))
            {
                return;
            }
            let values = values
                .iter()
                .zip(scenarios)
                .map(|(value, s)| match value {
                    Some(value) => shown_value(kind, *value, unit, &s.baseline.currency),
                    None => "from staffing".to_owned(),
                })
                .collect();
            found.push(Difference { label, values });
        };
    for lever in scenario_levers() {
        compare(
            lever.name.into(),
            &|s| Some((lever.get)(s)),
            lever.kind,
            lever.unit,
        );
    }
    for side in Side::BOTH {
        for lever in strategy_levers() {
            let label = side.named(lever.name);
            compare(
                label,
                &|s| Some((lever.get)(side.of(s))),
                lever.kind,
                lever.unit,
            );
        }
        for cost in CHANNEL_COSTS {
            let label = side.named(cost.name);
            let read = |s: &Scenario| cost.get(&side.of(s).cost_per_contact);
            compare(label, &read, Kind::Number, "¤");
        }
    }
    let currencies: Vec<String> = scenarios
        .iter()
        .map(|s| s.baseline.currency.clone())
        .collect();
    if currencies.windows(2).any(|pair| pair[0] != pair[1]) {
        found.push(Difference {
            label: "Currency".into(),
            values: currencies,
        });
    }
    found
}

/// What a name field says once `name` is as long as the field lets it be: the field takes no
/// more, and cuts a pasted name there, which the manager must not have to notice alone. A
/// field's `maxlength` counts UTF-16 units, as here.
pub fn name_limit(name: &str) -> Option<String> {
    (name.encode_utf16().count() >= MAX_NAME_CHARS)
        .then(|| format!("Names stop at {MAX_NAME_CHARS} characters."))
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOT: Separators = Separators::DOT;

    #[test]
    fn a_name_as_long_as_the_field_allows_says_so() {
        assert_eq!(name_limit(&"a".repeat(79)), None);
        assert_eq!(
            name_limit(&"a".repeat(80)).as_deref(),
            Some("Names stop at 80 characters.")
        );
        // 40 faces are 80 UTF-16 units: as far as the field goes.
        assert!(name_limit(&"\u{1F600}".repeat(40)).is_some());
    }

    #[test]
    fn percent_fields_round_trip() {
        let german = Separators {
            decimal: ',',
            group: '.',
        };
        assert_eq!(Kind::Percent.show(0.55, DOT), "55");
        assert_eq!(Kind::Percent.show(0.016, DOT), "1.6");
        assert_eq!(Kind::Percent.show(0.016, german), "1,6");
        assert_eq!(Kind::Percent.parse("1.6", DOT, Measure::Percent), Ok(0.016));
        assert_eq!(
            Kind::Percent.parse("1,6", german, Measure::Percent),
            Ok(0.016)
        );
        assert_eq!(Kind::Percent.parse("55 %", DOT, Measure::Percent), Ok(0.55));
    }

    #[test]
    fn typing_mistakes_get_sentences() {
        assert_eq!(
            Kind::Number.parse("", DOT, Measure::Plain),
            Err("Enter a number.".into())
        );
        assert_eq!(
            Kind::Number.parse("abc", DOT, Measure::Plain),
            Err("\"abc\" is not a number.".into())
        );
        assert_eq!(
            Kind::Number.parse("1,000,000", DOT, Measure::Plain),
            Ok(1e6)
        );
        assert_eq!(
            Kind::Whole.parse("12.5", DOT, Measure::Plain),
            Err("Enter a whole number.".into())
        );
        assert_eq!(
            Kind::Number.parse("NaN", DOT, Measure::Plain),
            Err("\"NaN\" is not a number.".into())
        );
        assert_eq!(
            Kind::Number.parse("1,5", DOT, Measure::Plain),
            Err("This could be read two ways: write 1.5 or 15.".into())
        );
        let dollars = Kind::Number.measure("¤ per month", "USD");
        assert_eq!(Kind::Number.parse("$30", DOT, dollars), Ok(30.0));
        assert_eq!(
            Kind::Number.parse("30 EUR", DOT, dollars),
            Err("The plan is in USD, not EUR: enter the amount in USD.".into())
        );
        let customers = Kind::Number.measure("customers", "USD");
        assert_eq!(
            Kind::Number.parse("$30", DOT, customers),
            Err("This is not money: leave out the currency.".into())
        );
        assert_eq!(
            Kind::Number.parse("30%", DOT, customers),
            Err("This is not a percentage: leave out the %.".into())
        );
        let share = Kind::Percent.measure("%", "USD");
        assert_eq!(Kind::Percent.parse("30%", DOT, share), Ok(0.3));
    }
}
