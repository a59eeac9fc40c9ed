//! Numbers as a manager types them, in their own locale: "1,5" is one and a half where the
//! comma is the decimal separator, "1,234" is a thousand and more where it groups digits, and
//! anything that could be read two ways is refused rather than guessed.

use std::fmt;

/// How a locale writes numbers: its decimal separator and its digit-group separator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Separators {
    /// Between the whole part and the fraction: '.' in English, ',' in German.
    pub decimal: char,
    /// Between groups of three digits: ',' in English, '.' in German, a space in French.
    pub group: char,
}

impl Separators {
    /// English, and how browsers write numbers in form controls such as sliders.
    pub const DOT: Separators = Separators {
        decimal: '.',
        group: ',',
    };
}

/// `value` with `decimals` digits after a dot, rounded half away from zero, with no grouping:
/// for files, styles and form controls, which want plain numbers. Written with integers alone,
/// so a page that formats its figures with the browser's `Intl` carries no float formatting.
///
/// Good to a whole number for values up to 9 × 10^18 / 10^decimals; a figure beyond is
/// written as the largest such.
///
/// ```
/// use frontline::number_text::fixed;
/// assert_eq!(fixed(1234.5678, 2), "1234.57");
/// assert_eq!(fixed(-0.004, 2), "0.00");
/// assert_eq!(fixed(-2.5, 0), "-3");
/// assert_eq!(fixed(0.05, 3), "0.050");
/// ```
pub fn fixed(value: f64, decimals: u8) -> String {
    let scale = 10u64.pow(u32::from(decimals));
    // Saturates beyond i64, and NaN becomes 0: no figure the planner shows comes near.
    let scaled = (value * scale as f64).round() as i64;
    let digits = scaled.unsigned_abs().to_string();
    let width = usize::from(decimals) + 1;
    let digits = format!("{digits:0>width$}");
    let (whole, fraction) = digits.split_at(digits.len() - usize::from(decimals));
    let sign = if scaled < 0 { "-" } else { "" };
    if fraction.is_empty() {
        format!("{sign}{whole}")
    } else {
        format!("{sign}{whole}.{fraction}")
    }
}

/// `value` to a millionth, without trailing zeros: `0.5`, `12`, `0.000001`.
///
/// ```
/// use frontline::number_text::plain;
/// assert_eq!(plain(0.05), "0.05");
/// assert_eq!(plain(80.0), "80");
/// assert_eq!(plain(-1.25), "-1.25");
/// ```
pub fn plain(value: f64) -> String {
    trimmed(fixed(value, 6))
}

/// A fixed-point number without the zeros that end its fraction, nor a dot left alone.
pub fn trimmed(text: String) -> String {
    if !text.contains('.') {
        return text;
    }
    text.trim_end_matches('0').trim_end_matches('.').to_owned()
}

/// Why typed text is not read as a number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NumberProblem {
    /// Nothing typed.
    Empty,
    /// Not a number at all.
    NotANumber,
    /// A separator that could be a decimal point or a group of thousands here; the two
    /// readings are given so the manager can pick.
    Ambiguous {
        /// The reading with the separator as a decimal point, written in the locale.
        as_decimal: String,
        /// The reading with the separator grouping thousands.
        as_grouped: String,
    },
    /// A percent sign on a number that is not a percentage.
    NotPercent,
    /// A currency sign or code on a number that is not money.
    NotMoney,
    /// Money in another currency than the plan's.
    OtherCurrency {
        /// The sign or code typed: "€", "EUR".
        typed: String,
        /// The plan's currency code.
        plan: String,
    },
}

impl fmt::Display for NumberProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NumberProblem::Empty => write!(f, "Enter a number."),
            NumberProblem::NotANumber => write!(f, "This is not a number."),
            NumberProblem::Ambiguous {
                as_decimal,
                as_grouped,
            } => write!(
                f,
                "This could be read two ways: write {as_decimal} or {as_grouped}."
            ),
            NumberProblem::NotPercent => write!(f, "This is not a percentage: leave out the %."),
            NumberProblem::NotMoney => write!(f, "This is not money: leave out the currency."),
            NumberProblem::OtherCurrency { typed, plan } => write!(
                f,
                "The plan is in {plan}, not {typed}: enter the amount in {plan}."
            ),
        }
    }
}

/// What a field's number measures, so that a sign typed with it can be checked against it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Measure<'a> {
    /// A share, typed as a percentage: a percent sign may follow it.
    Percent,
    /// Money in the plan's currency, an ISO 4217 code: its sign or its code may go with it.
    Money(&'a str),
    /// Anything else (customers, months, seconds): a number alone.
    Plain,
}

/// Currency signs a manager may type before or after an amount, and the currencies each is the
/// sign of. The dollar sign is shared by the dollars and pesos that write it alone.
const CURRENCY_SIGNS: &[(char, &[&str])] = &[
    (
        '$',
        &[
            "USD", "CAD", "AUD", "NZD", "SGD", "HKD", "TWD", "MXN", "ARS", "CLP", "COP", "UYU",
        ],
    ),
    ('€', &["EUR"]),
    ('£', &["GBP"]),
    ('¥', &["JPY", "CNY"]),
    ('₹', &["INR"]),
    ('₩', &["KRW"]),
    ('₪', &["ILS"]),
    ('₺', &["TRY"]),
    ('₽', &["RUB"]),
    ('฿', &["THB"]),
    ('₫', &["VND"]),
    ('₦', &["NGN"]),
];

fn is_currency_sign(c: char) -> bool {
    CURRENCY_SIGNS.iter().any(|(sign, _)| *sign == c)
}

/// Reads `text` as a number written with `separators` that measures `measure`. Spaces,
/// apostrophes and underscores between digit groups are allowed, and a minus may be typed as
/// "−". A percent sign may follow a percentage, and money may carry the plan's currency sign or
/// code, before or after it; any other sign is refused rather than dropped, so that "30 EUR"
/// is never read as 30 dollars.
///
/// # Errors
///
/// [`NumberProblem`] when nothing is typed, the text is not a number, it could be read two
/// ways, or a sign typed with it says it is something else than `measure`.
///
/// # Examples
///
/// ```
/// use frontline::number_text::{read_number, Measure, NumberProblem, Separators};
/// let german = Separators { decimal: ',', group: '.' };
/// let (dollars, euros) = (Measure::Money("USD"), Measure::Money("EUR"));
/// assert_eq!(read_number("1,5", german, Measure::Plain), Ok(1.5));
/// assert_eq!(read_number("1.234,5 €", german, euros), Ok(1234.5));
/// assert_eq!(read_number("$30", Separators::DOT, dollars), Ok(30.0));
/// assert_eq!(read_number("1,234", Separators::DOT, Measure::Plain), Ok(1234.0));
/// assert!(matches!(read_number("30 EUR", Separators::DOT, dollars), Err(NumberProblem::OtherCurrency { .. })));
/// assert!(matches!(read_number("1,5", Separators::DOT, Measure::Plain), Err(NumberProblem::Ambiguous { .. })));
/// ```
pub fn read_number(
    text: &str,
    separators: Separators,
    measure: Measure,
) -> Result<f64, NumberProblem> {
    let mut rest = text.trim();
    if rest.is_empty() {
        return Err(NumberProblem::Empty);
    }
    let percent = rest.ends_with('%');
    rest = rest.trim_end_matches('%').trim();
    // A minus may come before the currency: "-$5".
    let minus = match without_minus(rest) {
        Some(unsigned) => {
            rest = unsigned.trim_start();
            true
        }
        None => false,
    };
    let (amount, currency) = strip_currency(rest);
    if minus && amount.starts_with(['-', '\u{2212}', '+']) {
        return Err(NumberProblem::NotANumber);
    }
    // The number is read first: text that is no number at all is told so, whatever it carries.
    let value = read_digits(amount, separators)?;
    let value = if minus { -value } else { value };
    if percent && measure != Measure::Percent {
        return Err(NumberProblem::NotPercent);
    }
    if let Some(mark) = currency {
        match measure {
            Measure::Money(plan) if mark.is_of(plan) => {}
            Measure::Money(plan) => {
                return Err(NumberProblem::OtherCurrency {
                    typed: mark.written(),
                    plan: plan.to_owned(),
                })
            }
            Measure::Percent | Measure::Plain => return Err(NumberProblem::NotMoney),
        }
    }
    Ok(value)
}

/// `text` without the minus it starts with, typed as "-" or "−", when it starts with one.
fn without_minus(text: &str) -> Option<&str> {
    text.strip_prefix(['-', '\u{2212}'])
}

/// Reads a signed number with no unit around it.
fn read_digits(text: &str, separators: Separators) -> Result<f64, NumberProblem> {
    let (negative, rest) = match without_minus(text) {
        Some(unsigned) => (true, unsigned),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    // Spaces of every width, apostrophes and underscores only ever group digits.
    let digits: String = rest
        .chars()
        .filter(|c| !(c.is_whitespace() || matches!(c, '\'' | '\u{2019}' | '_')))
        .collect();
    if digits.is_empty()
        || !digits
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
    {
        return Err(NumberProblem::NotANumber);
    }
    let plain = plain_decimal(&digits, separators)?;
    let value = decimal_value(&plain).ok_or(NumberProblem::NotANumber)?;
    if !value.is_finite() {
        return Err(NumberProblem::NotANumber);
    }
    Ok(if negative { -value } else { value })
}

/// The value of plain decimal digits with at most one point (`"1234.5"`, `".5"`, `"7."`).
///
/// Up to 15 significant digits and 22 decimals (anything a manager types) the value is exact:
/// both the digits and the power of ten are exact doubles, so their quotient is correctly
/// rounded. Longer numbers are read by [`crate::json::nearest_double`]: the browser's own
/// parser there, rather than the standard library's and its tables, which would add a tenth of
/// the page's weight for digits nobody types.
///
/// # Formula
///
/// ```text
/// value = digits without the point / 10^(digits after the point)
/// ```
fn decimal_value(plain: &str) -> Option<f64> {
    let (whole, fraction) = plain.split_once('.').unwrap_or((plain, ""));
    if whole.is_empty() && fraction.is_empty()
        || !(whole.bytes().chain(fraction.bytes())).all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let digits = format!("{whole}{fraction}");
    let digits = digits.trim_start_matches('0');
    let decimals = i32::try_from(fraction.len()).ok()?;
    if digits.len() <= 15 && decimals <= 22 {
        let significand = digits
            .bytes()
            .fold(0u64, |n, b| n * 10 + u64::from(b - b'0'));
        return Some(significand as f64 / 10f64.powi(decimals));
    }
    let digits = if digits.is_empty() { "0" } else { digits };
    crate::json::nearest_double(&format!("{digits}e-{decimals}"))
}

/// A currency as typed beside an amount.
#[derive(Debug, Clone, Copy)]
enum CurrencyMark<'a> {
    /// Its sign: "$", "€".
    Sign(char),
    /// Its three-letter code, in any case: "EUR", "eur".
    Code(&'a str),
}

impl CurrencyMark<'_> {
    /// Whether this is the mark of `plan`, a currency code.
    fn is_of(self, plan: &str) -> bool {
        match self {
            CurrencyMark::Sign(c) => CURRENCY_SIGNS
                .iter()
                .any(|(sign, codes)| *sign == c && codes.contains(&plan)),
            CurrencyMark::Code(code) => code.eq_ignore_ascii_case(plan),
        }
    }

    /// The mark as a message names it.
    fn written(self) -> String {
        match self {
            CurrencyMark::Sign(c) => String::from(c),
            CurrencyMark::Code(code) => code.to_ascii_uppercase(),
        }
    }
}

/// The amount without a currency sign or a three-letter code before or after it, and the
/// currency so taken off.
fn strip_currency(text: &str) -> (&str, Option<CurrencyMark<'_>>) {
    let sign = (text.chars().next())
        .filter(|c| is_currency_sign(*c))
        .or_else(|| text.chars().next_back().filter(|c| is_currency_sign(*c)));
    if let Some(sign) = sign {
        let amount = text
            .trim_start_matches(is_currency_sign)
            .trim_end_matches(is_currency_sign);
        return (amount.trim(), Some(CurrencyMark::Sign(sign)));
    }
    let is_code = |word: &str| word.len() == 3 && word.chars().all(|c| c.is_ascii_alphabetic());
    if let Some((code, amount)) = text.split_once(char::is_whitespace) {
        if is_code(code) {
            return (amount.trim(), Some(CurrencyMark::Code(code)));
        }
    }
    if let Some((amount, code)) = text.rsplit_once(char::is_whitespace) {
        if is_code(code) {
            return (amount.trim(), Some(CurrencyMark::Code(code)));
        }
    }
    if text.len() > 3 && text.is_char_boundary(3) && is_code(&text[..3]) {
        return (text[3..].trim(), Some(CurrencyMark::Code(&text[..3])));
    }
    if text.len() > 3 && text.is_char_boundary(text.len() - 3) && is_code(&text[text.len() - 3..]) {
        return (
            text[..text.len() - 3].trim(),
            Some(CurrencyMark::Code(&text[text.len() - 3..])),
        );
    }
    (text, None)
}

/// Digits with '.' and ',' rewritten with a '.' decimal point and no grouping.
fn plain_decimal(digits: &str, separators: Separators) -> Result<String, NumberProblem> {
    let last_dot = digits.rfind('.');
    let last_comma = digits.rfind(',');
    let (decimal, group) = match (last_dot, last_comma) {
        (None, None) => return Ok(digits.to_owned()),
        // Both present: the last one is the decimal point, the other groups digits.
        (Some(dot), Some(comma)) => {
            if dot > comma {
                ('.', ',')
            } else {
                (',', '.')
            }
        }
        (Some(_), None) | (None, Some(_)) => {
            let mark = if last_dot.is_some() { '.' } else { ',' };
            let count = digits.matches(mark).count();
            let (whole, fraction) = digits.rsplit_once(mark).unwrap_or((digits, ""));
            let groups_of_three = fraction.len() == 3 && valid_groups(whole, mark);
            if count > 1 {
                // Several: only grouping writes a mark more than once.
                return if valid_groups(digits, mark) {
                    Ok(digits.replace(mark, ""))
                } else {
                    Err(NumberProblem::NotANumber)
                };
            }
            if mark == separators.decimal {
                (mark, '\0')
            } else if mark == separators.group && groups_of_three {
                return Ok(digits.replace(mark, ""));
            } else if !groups_of_three && mark == '.' && separators.group != '.' {
                // "1.5" where '.' groups nothing: the point read the world over.
                ('.', '\0')
            } else {
                let as_decimal = format!("{whole}{}{fraction}", separators.decimal);
                let as_grouped = format!("{whole}{fraction}");
                return Err(NumberProblem::Ambiguous {
                    as_decimal,
                    as_grouped,
                });
            }
        }
    };
    let (whole, fraction) = digits
        .rsplit_once(decimal)
        .ok_or(NumberProblem::NotANumber)?;
    if fraction.contains(group) || (group != '\0' && !valid_groups(whole, group)) {
        return Err(NumberProblem::NotANumber);
    }
    Ok(format!("{}.{fraction}", whole.replace(group, "")))
}

/// Whether `digits` groups its digits by three with `mark`: "1,234,567", not "12,34".
fn valid_groups(digits: &str, mark: char) -> bool {
    let mut groups = digits.split(mark);
    let first = groups.next().unwrap_or("");
    (1..=3).contains(&first.len()) && groups.all(|g| g.len() == 3)
}

#[cfg(test)]
mod tests {

    #[test]
    fn fixed_point_text_reads_back_within_half_its_last_digit() {
        for value in [0.0, 1e-9, 0.005, 2.675, -17.45, 123_456.789, 9.99e9, -1e12] {
            for decimals in 0..=6u8 {
                let text = fixed(value, decimals);
                let back: f64 = text.parse().unwrap();
                let half = 0.5 / 10f64.powi(i32::from(decimals));
                assert!(
                    (back - value).abs() <= half * (1.0 + 1e-9),
                    "{value} {decimals}: {text}"
                );
                let fraction = text.split_once('.').map_or(0, |(_, f)| f.len());
                assert_eq!(fraction, usize::from(decimals), "{text}");
            }
        }
        assert_eq!(plain(0.1 + 0.2), "0.3");
    }
    use super::*;

    #[test]
    fn decimals_read_exactly_as_the_standard_parser_does() {
        for text in [
            "0",
            "000",
            "7",
            "7.",
            ".5",
            "0.035",
            "1234.5",
            "0.1",
            "0.3",
            "2.675",
            "123456789012345",
            "1.00000000000001",
            "0.0000000000000000000001",
            "99999999999999.9",
        ] {
            assert_eq!(decimal_value(text), text.parse::<f64>().ok(), "{text}");
        }
        // Past 15 digits the JSON reader answers, within a unit in the last place.
        for text in [
            "12345678901234567890",
            "0.12345678901234567890123",
            "3.14159265358979323846",
            "999999999999999.9",
        ] {
            let read = decimal_value(text).unwrap();
            let exact: f64 = text.parse().unwrap();
            assert!(
                (read - exact).abs() <= exact * f64::EPSILON,
                "{text}: {read} {exact}"
            );
        }
        for text in ["", ".", "1.2.3", "1e5", "-1", "abc"] {
            assert_eq!(decimal_value(text), None, "{text}");
        }
    }

    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        #[test]
        fn up_to_fifteen_digits_read_exactly(whole in 0u64..=999_999_999, fraction in 0u64..=999_999, places in 0usize..=6) {
            let text = format!("{whole}.{:0places$}", fraction % 10u64.pow(places as u32));
            proptest::prop_assert_eq!(decimal_value(&text), text.parse::<f64>().ok(), "{}", text);
        }
    }

    const ENGLISH: Separators = Separators::DOT;
    const GERMAN: Separators = Separators {
        decimal: ',',
        group: '.',
    };
    const FRENCH: Separators = Separators {
        decimal: ',',
        group: '\u{202f}',
    };

    /// Reads a number that is no percentage and no money.
    fn read(text: &str, separators: Separators) -> Result<f64, NumberProblem> {
        read_number(text, separators, Measure::Plain)
    }

    #[test]
    fn english_reads_points_and_groups_with_commas() {
        for (text, value) in [
            ("1.5", 1.5),
            ("1,234", 1234.0),
            ("1,234.5", 1234.5),
            ("1,234,567", 1_234_567.0),
            ("-2.5", -2.5),
            ("\u{2212}2.5", -2.5),
            ("1 234", 1234.0),
            ("0.016", 0.016),
            (".5", 0.5),
        ] {
            assert_eq!(read(text, ENGLISH), Ok(value), "{text}");
        }
    }

    #[test]
    fn a_percentage_and_the_plans_money_keep_their_signs() {
        let dollars = Measure::Money("USD");
        for (text, measure, value) in [
            ("25 %", Measure::Percent, 25.0),
            ("2.5%", Measure::Percent, 2.5),
            ("$30", dollars, 30.0),
            ("30$", dollars, 30.0),
            ("USD 1,200", dollars, 1200.0),
            ("1,200usd", dollars, 1200.0),
            ("-$5", dollars, -5.0),
            ("€30", Measure::Money("EUR"), 30.0),
            ("¥500", Measure::Money("JPY"), 500.0),
        ] {
            assert_eq!(read_number(text, ENGLISH, measure), Ok(value), "{text}");
        }
    }

    #[test]
    fn a_sign_that_says_something_else_is_refused_not_dropped() {
        let dollars = Measure::Money("USD");
        let other = |typed: &str| NumberProblem::OtherCurrency {
            typed: typed.into(),
            plan: "USD".into(),
        };
        assert_eq!(read_number("30 EUR", ENGLISH, dollars), Err(other("EUR")));
        assert_eq!(read_number("eur30", ENGLISH, dollars), Err(other("EUR")));
        assert_eq!(read_number("€30", ENGLISH, dollars), Err(other("€")));
        assert_eq!(read_number("£30", ENGLISH, dollars), Err(other("£")));
        assert_eq!(
            read_number("$30", ENGLISH, Measure::Money("CHF")),
            Err(NumberProblem::OtherCurrency {
                typed: "$".into(),
                plan: "CHF".into()
            })
        );
        assert_eq!(read("$30", ENGLISH), Err(NumberProblem::NotMoney));
        assert_eq!(
            read_number("30 USD", ENGLISH, Measure::Percent),
            Err(NumberProblem::NotMoney)
        );
        assert_eq!(read("5%", ENGLISH), Err(NumberProblem::NotPercent));
        assert_eq!(
            read_number("5%", ENGLISH, dollars),
            Err(NumberProblem::NotPercent)
        );
        // Text that is no number is told so first, whatever it carries.
        assert_eq!(read("abc%", ENGLISH), Err(NumberProblem::NotANumber));
    }

    #[test]
    fn german_reads_commas_and_groups_with_points() {
        for (text, value) in [
            ("1,5", 1.5),
            ("1.234", 1234.0),
            ("1.234,5", 1234.5),
            ("1.234.567", 1_234_567.0),
            ("1,234", 1.234),
        ] {
            assert_eq!(read(text, GERMAN), Ok(value), "{text}");
        }
        assert_eq!(read_number("30 €", GERMAN, Measure::Money("EUR")), Ok(30.0));
    }

    #[test]
    fn french_groups_with_narrow_spaces() {
        assert_eq!(read("1\u{202f}234,5", FRENCH), Ok(1234.5));
        assert_eq!(read("1,5", FRENCH), Ok(1.5));
        assert_eq!(read("1.5", FRENCH), Ok(1.5));
    }

    #[test]
    fn what_could_be_read_two_ways_is_refused_not_guessed() {
        assert_eq!(
            read("1,5", ENGLISH),
            Err(NumberProblem::Ambiguous {
                as_decimal: "1.5".into(),
                as_grouped: "15".into()
            })
        );
        assert!(matches!(
            read("1.5", GERMAN),
            Err(NumberProblem::Ambiguous { .. })
        ));
        // A point before three digits, in a locale where the point neither groups nor
        // separates decimals.
        assert!(matches!(
            read("1.234", FRENCH),
            Err(NumberProblem::Ambiguous { .. })
        ));
    }

    #[test]
    fn nonsense_is_not_a_number() {
        for text in [
            "abc",
            "1,2,3",
            "12,34,567",
            "1.2.3,4.5",
            "1e5",
            "NaN",
            "inf",
            "--1",
            "1.234,5,6",
        ] {
            assert!(read(text, ENGLISH).is_err(), "{text}");
        }
        assert_eq!(read("  ", ENGLISH), Err(NumberProblem::Empty));
        assert_eq!(read("%", ENGLISH), Err(NumberProblem::NotANumber));
    }
}
