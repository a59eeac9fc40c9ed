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
        }
    }
}

/// Currency signs a manager may type before or after an amount.
const CURRENCY_SIGNS: &[char] = &['$', '€', '£', '¥', '₹', '₩', '₪', '₺', '₽', '฿', '₫', '₦'];

/// Reads `text` as a number written with `separators`. A percent sign, a currency sign or a
/// three-letter currency code around the number, spaces, apostrophes and underscores between
/// digit groups are allowed; a minus may be typed as "−".
///
/// # Errors
///
/// [`NumberProblem`] when nothing is typed, the text is not a number, or it could be read two
/// ways.
///
/// # Examples
///
/// ```
/// use frontline::number_text::{read_number, NumberProblem, Separators};
/// let german = Separators { decimal: ',', group: '.' };
/// assert_eq!(read_number("1,5", german), Ok(1.5));
/// assert_eq!(read_number("1.234,5 €", german), Ok(1234.5));
/// assert_eq!(read_number("$30", Separators::DOT), Ok(30.0));
/// assert_eq!(read_number("1,234", Separators::DOT), Ok(1234.0));
/// assert!(matches!(read_number("1,5", Separators::DOT), Err(NumberProblem::Ambiguous { .. })));
/// ```
pub fn read_number(text: &str, separators: Separators) -> Result<f64, NumberProblem> {
    let mut rest = text.trim();
    if rest.is_empty() {
        return Err(NumberProblem::Empty);
    }
    rest = rest.trim_end_matches('%').trim();
    rest = strip_currency(rest);
    let negative = rest.starts_with(['-', '\u{2212}']);
    if negative || rest.starts_with('+') {
        rest = &rest[rest.chars().next().map_or(0, char::len_utf8)..];
    }
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

/// The text without a currency sign or a three-letter code before or after the amount.
fn strip_currency(text: &str) -> &str {
    let text = text
        .trim_start_matches(CURRENCY_SIGNS)
        .trim_end_matches(CURRENCY_SIGNS)
        .trim();
    let is_code = |word: &str| word.len() == 3 && word.chars().all(|c| c.is_ascii_alphabetic());
    if let Some((code, amount)) = text.split_once(char::is_whitespace) {
        if is_code(code) {
            return amount.trim();
        }
    }
    if let Some((amount, code)) = text.rsplit_once(char::is_whitespace) {
        if is_code(code) {
            return amount.trim();
        }
    }
    if text.len() > 3 && text.is_char_boundary(3) && is_code(&text[..3]) {
        return text[3..].trim();
    }
    if text.len() > 3 && text.is_char_boundary(text.len() - 3) && is_code(&text[text.len() - 3..]) {
        return text[..text.len() - 3].trim();
    }
    text
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

    #[test]
    fn english_reads_points_and_groups_with_commas() {
        for (text, value) in [
            ("1.5", 1.5),
            ("1,234", 1234.0),
            ("1,234.5", 1234.5),
            ("1,234,567", 1_234_567.0),
            ("-2.5", -2.5),
            ("\u{2212}2.5", -2.5),
            ("25 %", 25.0),
            ("$30", 30.0),
            ("30 EUR", 30.0),
            ("USD 1,200", 1200.0),
            ("1 234", 1234.0),
            ("0.016", 0.016),
            (".5", 0.5),
        ] {
            assert_eq!(read_number(text, ENGLISH), Ok(value), "{text}");
        }
    }

    #[test]
    fn german_reads_commas_and_groups_with_points() {
        for (text, value) in [
            ("1,5", 1.5),
            ("1.234", 1234.0),
            ("1.234,5", 1234.5),
            ("1.234.567", 1_234_567.0),
            ("30 €", 30.0),
            ("1,234", 1.234),
        ] {
            assert_eq!(read_number(text, GERMAN), Ok(value), "{text}");
        }
    }

    #[test]
    fn french_groups_with_narrow_spaces() {
        assert_eq!(read_number("1\u{202f}234,5", FRENCH), Ok(1234.5));
        assert_eq!(read_number("1,5", FRENCH), Ok(1.5));
        assert_eq!(read_number("1.5", FRENCH), Ok(1.5));
    }

    #[test]
    fn what_could_be_read_two_ways_is_refused_not_guessed() {
        assert_eq!(
            read_number("1,5", ENGLISH),
            Err(NumberProblem::Ambiguous {
                as_decimal: "1.5".into(),
                as_grouped: "15".into()
            })
        );
        assert!(matches!(
            read_number("1.5", GERMAN),
            Err(NumberProblem::Ambiguous { .. })
        ));
        // A point before three digits, in a locale where the point neither groups nor
        // separates decimals.
        assert!(matches!(
            read_number("1.234", FRENCH),
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
            assert!(read_number(text, ENGLISH).is_err(), "{text}");
        }
        assert_eq!(read_number("  ", ENGLISH), Err(NumberProblem::Empty));
        assert_eq!(read_number("%", ENGLISH), Err(NumberProblem::NotANumber));
    }
}
