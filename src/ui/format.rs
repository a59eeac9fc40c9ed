//! Numbers for people: money in the scenario's currency through the browser's own locale
//! formatting (`Intl.NumberFormat`), counts, percentages and seconds.

use std::cell::RefCell;

use js_sys::{Object, Reflect};
use wasm_bindgen::prelude::*;

use super::small_map::SmallMap;
use crate::model::levers::Kind;
use crate::number_text::Separators;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = Intl, js_name = NumberFormat)]
    type NumberFormat;

    #[wasm_bindgen(constructor, js_namespace = Intl, js_class = "NumberFormat", catch)]
    fn new(locales: &JsValue, options: &JsValue) -> Result<NumberFormat, JsValue>;

    #[wasm_bindgen(method, js_name = format)]
    fn format(this: &NumberFormat, value: f64) -> String;
}

/// Whether the browser knows `code` as a currency (an ISO 4217 code such as USD or EUR).
pub fn is_currency(code: &str) -> bool {
    js_sys::Intl::supported_values_of(js_sys::Intl::SupportedValuesKey::Currency)
        .includes(&js_sys::JsString::from(code), 0)
}

/// How a number is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Style {
    /// Whole units of currency: $1,234,567.
    Money,
    /// Money with cents: $5.95.
    MoneyCents,
    /// Short money for axes and headline cards: $5.9M.
    MoneyCompact,
    /// Short money with three significant digits, trailing zeros kept: $10.0M.
    MoneyColumn,
    /// A plain number with `digits` decimals: 1,234.5.
    Number { digits: u8 },
    /// A plain number with up to `digits` decimals, as many as it has: 1,234.5, 100,000.
    NumberUpTo { digits: u8 },
    /// Short number: 148K.
    NumberCompact,
}

thread_local! {
    static SEPARATORS: Separators = read_separators();
}

/// The browser locale's decimal and digit-group separators, read once.
pub fn separators() -> Separators {
    SEPARATORS.with(|s| *s)
}

/// Reads the separators from how `Intl.NumberFormat` writes 12345.6: "12,345.6", "12.345,6",
/// "12 345,6", or "12345,6" in locales that group only from five digits.
fn read_separators() -> Separators {
    let Ok(format) = NumberFormat::new(&JsValue::UNDEFINED, &JsValue::UNDEFINED) else {
        return Separators::DOT;
    };
    let marks: Vec<char> = format
        .format(12345.6)
        .chars()
        .filter(|c| !c.is_ascii_digit())
        .collect();
    match marks.as_slice() {
        [group, decimal] => Separators {
            decimal: *decimal,
            group: *group,
        },
        [decimal] if *decimal == ',' => Separators {
            decimal: ',',
            group: '.',
        },
        _ => Separators::DOT,
    }
}

thread_local! {
    // Building an Intl.NumberFormat is slow; formatting with one is fast. Keep one per style.
    static FORMATS: RefCell<SmallMap<(Style, String), Option<NumberFormat>>> = const { RefCell::new(SmallMap::new()) };
}

fn options(style: Style, currency: &str) -> JsValue {
    let options = Object::new();
    let set = |key: &str, value: JsValue| {
        let _ = Reflect::set(&options, &key.into(), &value);
    };
    match style {
        Style::Money | Style::MoneyCents | Style::MoneyCompact | Style::MoneyColumn => {
            set("style", "currency".into());
            set("currency", currency.into());
        }
        Style::Number { .. } | Style::NumberUpTo { .. } | Style::NumberCompact => {}
    }
    match style {
        Style::Money => set("maximumFractionDigits", 0.into()),
        Style::MoneyCents => {
            set("minimumFractionDigits", 2.into());
            set("maximumFractionDigits", 2.into());
        }
        Style::MoneyCompact | Style::NumberCompact => {
            set("notation", "compact".into());
            set("maximumSignificantDigits", 3.into());
        }
        Style::MoneyColumn => {
            set("notation", "compact".into());
            set("minimumSignificantDigits", 3.into());
            set("maximumSignificantDigits", 3.into());
        }
        Style::Number { digits } => {
            set("minimumFractionDigits", digits.into());
            set("maximumFractionDigits", digits.into());
        }
        Style::NumberUpTo { digits } => set("maximumFractionDigits", digits.into()),
    }
    options.into()
}

fn with_format(style: Style, currency: &str, value: f64) -> String {
    if !value.is_finite() {
        return "—".into();
    }
    let formatted = FORMATS.with(|formats| {
        let mut formats = formats.borrow_mut();
        formats
            .get_or_insert_with((style, currency.to_owned()), || {
                NumberFormat::new(&JsValue::UNDEFINED, &options(style, currency)).ok()
            })
            .as_ref()
            .map(|f| f.format(value))
    });
    // Intl refuses an unknown currency code; show the number with the code instead. Plain
    // numbers it always formats.
    formatted.unwrap_or_else(|| match style {
        Style::Money | Style::MoneyCompact | Style::MoneyColumn => {
            format!("{} {currency}", number(value, 0))
        }
        Style::MoneyCents => format!("{} {currency}", number(value, 2)),
        Style::Number { .. } | Style::NumberUpTo { .. } | Style::NumberCompact => "—".into(),
    })
}

/// Whole units of money: "$1,234,567".
pub fn money(value: f64, currency: &str) -> String {
    with_format(Style::Money, currency, value)
}

/// Money with cents: "$5.95".
pub fn money_cents(value: f64, currency: &str) -> String {
    with_format(Style::MoneyCents, currency, value)
}

/// Short money: "$5.86M".
pub fn money_compact(value: f64, currency: &str) -> String {
    with_format(Style::MoneyCompact, currency, value)
}

/// Short money for a column of figures, read down it: three significant digits each, so "$10.0M"
/// stands beside "$10.1M" rather than "$10M". Nothing is written as "$0.00".
pub fn money_column(value: f64, currency: &str) -> String {
    if value == 0.0 {
        return money_compact(value, currency);
    }
    with_format(Style::MoneyColumn, currency, value)
}

/// A difference in money, compact, with its sign: "+$1.2M", "-$300K".
pub fn signed_money(difference: f64, currency: &str) -> String {
    let sign = if difference > 0.0 { "+" } else { "" };
    format!("{sign}{}", money_compact(difference, currency))
}

/// A number with `digits` decimals, grouped: "1,234.5".
pub fn number(value: f64, digits: u8) -> String {
    with_format(Style::Number { digits }, "", value)
}

/// A number with the decimals it needs to be shown exactly, up to four, grouped:
/// "100,000,000", "1.6".
pub fn exact(value: f64) -> String {
    let needs = |digits: u8| {
        let scaled = value * 10f64.powi(digits.into());
        (scaled - scaled.round()).abs() <= 1e-9 * scaled.abs().max(1.0)
    };
    number(value, (0..4).find(|&digits| needs(digits)).unwrap_or(4))
}

/// A number of `kind` as a sentence about a field shows it: "95%", "100,000,000".
pub fn in_sentence(kind: Kind, value: f64) -> String {
    let number = exact(kind.shown_number(value));
    if kind == Kind::Percent {
        number + "%"
    } else {
        number
    }
}

/// A short number: "148K".
pub fn number_compact(value: f64) -> String {
    with_format(Style::NumberCompact, "", value)
}

/// A number with as many decimals as it has, up to `digits`, grouped to be read: "100,000",
/// "1.6".
pub fn number_up_to(value: f64, digits: u8) -> String {
    with_format(Style::NumberUpTo { digits }, "", value)
}

/// A number for a card, where a long one would run out of it: `digits` decimals while it stays
/// short ("1.13", "19,270"), compact from `compact_from` on ("116M").
pub fn number_short(value: f64, digits: u8, compact_from: f64) -> String {
    if value.abs() >= compact_from {
        number_compact(value)
    } else {
        number(value, digits)
    }
}

/// A fraction as a percentage: 0.8023 → "80.2%".
pub fn percent(fraction: f64, digits: u8) -> String {
    if !fraction.is_finite() {
        return "—".into();
    }
    format!("{}%", number(fraction * 100.0, digits))
}

/// Seconds: "26.0 s", the number kept on the line of its unit.
pub fn seconds(value: f64) -> String {
    format!("{}\u{a0}s", number(value, 1))
}
