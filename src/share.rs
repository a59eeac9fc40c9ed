//! A scenario in a link: the whole scenario packed into the URL fragment, so a link to any
//! static copy of Frontline opens the same plan, and nothing is sent anywhere.
//!
//! The fragment reads `s=2.<data>`: `s` names the scenario parameter (others may sit beside it,
//! separated by `&`), `2` is the scenario schema the data follows, and the data is base64url
//! without padding, so mail clients and chat apps leave it whole. The data lists every value of
//! the scenario in a fixed order, each number as a decimal (digits and a power of ten, a couple
//! of bytes for the round figures a manager types, turned back into a number by one exact
//! floating-point operation) or, when no such decimal gives back the very same bits, as its
//! eight raw bytes; a checksum closes it. Each lever with a range adds its path and its low and
//! high. The example's link is about 300 characters; with a range on every assumption a link
//! stays under 6,000. A link of an earlier schema opens too: the fields a later schema added
//! come at the end and take their defaults.
//!
//! A link is untrusted input: [`decode`] never panics, refuses anything longer than
//! [`MAX_FRAGMENT_CHARS`], checks the checksum, and validates the scenario it finds.
//!
//! ```
//! use frontline::model::Scenario;
//! use frontline::share::{decode, encode};
//! let fragment = encode(&Scenario::default());
//! assert!(fragment.starts_with("s=2."));
//! assert_eq!(decode(&fragment).unwrap(), Scenario::default());
//! ```

use thiserror::Error;

use crate::model::levers::Setting;
use crate::model::scenario::{
    Baseline, ChannelMix, LiveChannels, Scenario, Shape, Strategy, Transition, Uncertain,
    Uncertainty, SCENARIO_VERSION,
};
use crate::model::ValidationErrors;

/// The fragment parameter that holds a scenario.
pub const PARAMETER: &str = "s";
/// Longest fragment [`decode`] reads; a valid scenario's is well under 2,000 characters.
pub const MAX_FRAGMENT_CHARS: usize = 8_000;
pub use crate::model::scenario::MAX_NAME_CHARS;
/// Longest currency code a link may carry, in bytes; validation then wants exactly three letters.
const MAX_CURRENCY_BYTES: usize = 8;

/// Why a link does not open a scenario.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum LinkError {
    /// No scenario in it at all.
    #[error("the link holds no scenario")]
    NoScenario,
    /// Longer than any scenario's link.
    #[error("the link is far too long to be a scenario ({chars} characters)")]
    TooLong {
        /// Its length in characters.
        chars: usize,
    },
    /// Written for a scenario schema this version of Frontline does not read.
    #[error("the link was made by a newer version of Frontline (scenario version {found}; this one reads up to {SCENARIO_VERSION})")]
    NewerVersion {
        /// The version the link names.
        found: String,
    },
    /// Characters, length or checksum do not match what Frontline writes.
    #[error(
        "the link is damaged: it may have been cut short or changed on the way. Ask for it again"
    )]
    Damaged,
    /// A name longer than the name field allows.
    #[error("the scenario's name is longer than {MAX_NAME_CHARS} characters")]
    NameTooLong,
    /// Well formed, but some values are out of range.
    #[error("the scenario has values Frontline cannot plan with: {0}")]
    Invalid(ValidationErrors),
}

/// The fragment (without `#`) that opens `scenario` in Frontline.
pub fn encode(scenario: &Scenario) -> String {
    let mut bytes = Vec::with_capacity(256);
    scenario.write(&mut bytes);
    let sum = checksum(&bytes);
    bytes.extend_from_slice(&sum.to_le_bytes());
    format!(
        "{PARAMETER}={SCENARIO_VERSION}.{}",
        base64url::encode(&bytes)
    )
}

/// The scenario a fragment (or a whole link) holds, validated.
///
/// Whatever precedes a `#` is ignored, so a whole address can be given; other `&`-separated
/// parameters beside the scenario are ignored too.
///
/// # Errors
///
/// [`LinkError`] says what is wrong, in words a manager can act on.
pub fn decode(text: &str) -> Result<Scenario, LinkError> {
    let chars = text.chars().count();
    if chars > MAX_FRAGMENT_CHARS {
        return Err(LinkError::TooLong { chars });
    }
    let value = scenario_parameter(text).ok_or(LinkError::NoScenario)?;
    let (version, data) = value.split_once('.').ok_or(LinkError::Damaged)?;
    // Digits only, so "+2" or "02" is not read as 2.
    let version = match version.parse::<u32>() {
        Ok(found) if found.to_string() == version => found,
        _ => return Err(LinkError::Damaged),
    };
    if version > SCENARIO_VERSION {
        return Err(LinkError::NewerVersion {
            found: version.to_string(),
        });
    }
    if version == 0 {
        return Err(LinkError::Damaged);
    }
    let bytes = base64url::decode(data).ok_or(LinkError::Damaged)?;
    let (payload, sum) = bytes.split_last_chunk::<4>().ok_or(LinkError::Damaged)?;
    if checksum(payload) != u32::from_le_bytes(*sum) {
        return Err(LinkError::Damaged);
    }
    let mut reader = Reader {
        bytes: payload,
        version,
    };
    let scenario = Scenario::read(&mut reader)?;
    if !reader.bytes.is_empty() {
        return Err(LinkError::Damaged);
    }
    scenario.validate().map_err(LinkError::Invalid)?;
    Ok(scenario)
}

/// Whether `fragment` (with or without `#`) carries a scenario parameter at all.
pub fn has_scenario(fragment: &str) -> bool {
    scenario_parameter(fragment).is_some()
}

/// The value of the scenario parameter in `text`, after any `#`.
fn scenario_parameter(text: &str) -> Option<&str> {
    parameter(text, PARAMETER).filter(|value| !value.is_empty())
}

/// The value of parameter `name` in a fragment such as `#s=2.…&present=1`, after any `#`.
fn parameter<'a>(text: &'a str, name: &str) -> Option<&'a str> {
    let fragment = text.split_once('#').map_or(text, |(_, after)| after);
    fragment
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value.trim())
}

/// The fragment parameter that asks for presentation mode: `#present=1`, alone or after a
/// scenario (`#s=2.…&present=1`).
pub const PRESENT: &str = "present=1";

/// Whether the fragment `text` asks to open in presentation mode.
///
/// # Examples
///
/// ```
/// use frontline::share::asks_to_present;
/// assert!(asks_to_present("#s=2.abc&present=1"));
/// assert!(asks_to_present("present=1"));
/// assert!(!asks_to_present("#s=2.abc"));
/// ```
pub fn asks_to_present(text: &str) -> bool {
    parameter(text, "present") == Some("1")
}

/// FNV-1a over the payload: enough to tell a link cut short or changed by hand.
///
/// # Formula
///
/// ```text
/// h = 2166136261;  for each byte b:  h = (h XOR b) × 16777619  (mod 2^32)
/// ```
fn checksum(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0x811c_9dc5, |hash: u32, &byte| {
        (hash ^ u32::from(byte)).wrapping_mul(0x0100_0193)
    })
}

/// Tag of a number written as its eight raw bytes.
const RAW: u8 = 0xff;
/// Tag of an optional number that is not set.
const NONE: u8 = 0xfe;
/// Decimal tags 0..=127 stand for 10^(tag - 64); [`from_decimal`] reads 10^-22 to 10^22.
const EXPONENT_BIAS: i32 = 64;

/// The next bytes of a link's data.
struct Reader<'a> {
    bytes: &'a [u8],
    /// The scenario schema the data follows: a later one added fields at the end.
    version: u32,
}

impl Reader<'_> {
    fn byte(&mut self) -> Result<u8, LinkError> {
        let (&first, rest) = self.bytes.split_first().ok_or(LinkError::Damaged)?;
        self.bytes = rest;
        Ok(first)
    }

    fn take(&mut self, count: usize) -> Result<&[u8], LinkError> {
        if count > self.bytes.len() {
            return Err(LinkError::Damaged);
        }
        let (taken, rest) = self.bytes.split_at(count);
        self.bytes = rest;
        Ok(taken)
    }

    /// An unsigned LEB128 number of at most 64 bits.
    fn varint(&mut self) -> Result<u64, LinkError> {
        let mut value = 0u64;
        for shift in (0..64).step_by(7) {
            let byte = self.byte()?;
            value |= u64::from(byte & 0x7f) << shift;
            if byte & 0x80 == 0 {
                return Ok(value);
            }
        }
        Err(LinkError::Damaged)
    }

    /// A number after its tag: a decimal, or raw bytes.
    fn number_tagged(&mut self, tag: u8) -> Result<f64, LinkError> {
        match tag {
            RAW => {
                let raw = self.take(8)?;
                Ok(f64::from_le_bytes(
                    raw.try_into().map_err(|_| LinkError::Damaged)?,
                ))
            }
            0..=127 => {
                let exponent = i32::from(tag) - EXPONENT_BIAS;
                from_decimal(unzigzag(self.varint()?), exponent).ok_or(LinkError::Damaged)
            }
            _ => Err(LinkError::Damaged),
        }
    }
}

fn write_varint(out: &mut Vec<u8>, mut value: u64) {
    while value >= 0x80 {
        out.push((value as u8 & 0x7f) | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

fn zigzag(value: i64) -> u64 {
    ((value << 1) ^ (value >> 63)) as u64
}

fn unzigzag(value: u64) -> i64 {
    ((value >> 1) as i64) ^ -((value & 1) as i64)
}

/// Writes `value` as digits × 10^exponent when that gives back the same bits, else raw.
fn write_number(out: &mut Vec<u8>, value: f64) {
    if let Some((digits, exponent)) = short_decimal(value) {
        out.push((exponent + EXPONENT_BIAS) as u8);
        write_varint(out, zigzag(digits));
    } else {
        out.push(RAW);
        out.extend_from_slice(&value.to_le_bytes());
    }
}

/// Powers of ten that are exact in an `f64`.
const POWERS_OF_TEN: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];
/// Largest digits an `f64` holds exactly: 2^53.
const MAX_EXACT_DIGITS: i64 = 1 << 53;

/// `digits × 10^exponent`, computed with one correctly rounded operation on exact operands, so
/// every machine gets the same bits; `None` outside that exact range.
///
/// # Formula
///
/// ```text
/// value = digits × 10^exponent   for exponent ≥ 0
/// value = digits ÷ 10^-exponent  for exponent < 0,   |digits| ≤ 2^53, |exponent| ≤ 22
/// ```
fn from_decimal(digits: i64, exponent: i32) -> Option<f64> {
    if digits.abs() > MAX_EXACT_DIGITS {
        return None;
    }
    let power = *POWERS_OF_TEN.get(exponent.unsigned_abs() as usize)?;
    let digits = digits as f64;
    Some(if exponent >= 0 {
        digits * power
    } else {
        digits / power
    })
}

/// The decimal with the fewest digits that [`from_decimal`] turns back into exactly `value`.
fn short_decimal(value: f64) -> Option<(i64, i32)> {
    if !value.is_finite() || value.to_bits() == (-0.0f64).to_bits() {
        return None;
    }
    // Fewest decimal places first: 0.016 is found as 16 × 10^-3.
    let (mut digits, mut exponent) = (0..POWERS_OF_TEN.len() as i32).find_map(|places| {
        let digits = (value * POWERS_OF_TEN[places as usize]).round();
        if digits.abs() > MAX_EXACT_DIGITS as f64 {
            return None;
        }
        let digits = digits as i64;
        from_decimal(digits, -places)
            .filter(|back| back.to_bits() == value.to_bits())
            .map(|_| (digits, -places))
    })?;
    // Trailing zeros of a whole number go into the exponent: 100,000 is 1 × 10^5.
    while digits != 0 && digits % 10 == 0 && exponent < 22 {
        digits /= 10;
        exponent += 1;
    }
    Some((digits, exponent))
}

/// A value with its place in a link's data.
trait LinkValue: Sized {
    fn write(&self, out: &mut Vec<u8>);
    fn read(input: &mut Reader) -> Result<Self, LinkError>;
}

impl LinkValue for f64 {
    fn write(&self, out: &mut Vec<u8>) {
        write_number(out, *self);
    }

    fn read(input: &mut Reader) -> Result<Self, LinkError> {
        let tag = input.byte()?;
        input.number_tagged(tag)
    }
}

impl LinkValue for Option<f64> {
    fn write(&self, out: &mut Vec<u8>) {
        match self {
            Some(value) => write_number(out, *value),
            None => out.push(NONE),
        }
    }

    fn read(input: &mut Reader) -> Result<Self, LinkError> {
        match input.byte()? {
            NONE => Ok(None),
            tag => input.number_tagged(tag).map(Some),
        }
    }
}

impl LinkValue for u32 {
    fn write(&self, out: &mut Vec<u8>) {
        write_varint(out, u64::from(*self));
    }

    fn read(input: &mut Reader) -> Result<Self, LinkError> {
        u32::try_from(input.varint()?).map_err(|_| LinkError::Damaged)
    }
}

/// Text with its length in bytes first; no text in a scenario is long.
fn write_text(out: &mut Vec<u8>, text: &str) {
    write_varint(out, text.len() as u64);
    out.extend_from_slice(text.as_bytes());
}

fn read_text(
    input: &mut Reader,
    max_bytes: usize,
    too_long: LinkError,
) -> Result<String, LinkError> {
    let length = usize::try_from(input.varint()?).map_err(|_| LinkError::Damaged)?;
    if length > max_bytes {
        return Err(too_long);
    }
    let bytes = input.take(length)?;
    String::from_utf8(bytes.to_vec()).map_err(|_| LinkError::Damaged)
}

impl<T: LinkValue> LinkValue for LiveChannels<T> {
    fn write(&self, out: &mut Vec<u8>) {
        self.phone.write(out);
        self.chat.write(out);
        self.email.write(out);
    }

    fn read(input: &mut Reader) -> Result<Self, LinkError> {
        Ok(LiveChannels {
            phone: T::read(input)?,
            chat: T::read(input)?,
            email: T::read(input)?,
        })
    }
}

/// A struct's fields in link order. The struct literal in `read` names every field, so a field
/// added to the scenario without a place in links does not compile.
macro_rules! link_fields {
    ($type:ident { $($field:ident),* $(,)? }) => {
        impl LinkValue for $type {
            fn write(&self, out: &mut Vec<u8>) {
                $(self.$field.write(out);)*
            }

            fn read(input: &mut Reader) -> Result<Self, LinkError> {
                Ok($type { $($field: LinkValue::read(input)?,)* })
            }
        }
    };
}

link_fields!(ChannelMix {
    phone,
    chat,
    email,
    self_service
});

link_fields!(Strategy {
    agent_cost_per_hour,
    training_per_agent_per_month,
    fixed_cost_per_month,
    handle_time_seconds,
    chat_concurrency,
    service_level_goal,
    service_level_seconds,
    max_occupancy,
    shrinkage,
    first_contact_resolution,
    deflection,
    self_service_resolution,
    self_service_cost_per_contact,
    monthly_churn,
    offer_rate,
    offer_talk_seconds,
    offer_conversion,
    order_value,
    order_margin,
    referral_rate,
    premium_uptake,
    premium_price_per_month,
    premium_margin,
    cost_per_contact,
});

link_fields!(Transition {
    one_off_investment,
    ramp_months
});

impl LinkValue for Baseline {
    fn write(&self, out: &mut Vec<u8>) {
        self.customers_at_start.write(out);
        self.new_customers_per_month.write(out);
        self.revenue_per_customer_per_month.write(out);
        self.gross_margin.write(out);
        self.first_contacts_per_month.write(out);
        self.channel_mix.write(out);
        self.open_hours_per_month.write(out);
        self.paid_hours_per_agent_per_month.write(out);
        self.horizon_months.write(out);
        self.yearly_discount_rate.write(out);
        write_text(out, &self.currency);
    }

    fn read(input: &mut Reader) -> Result<Self, LinkError> {
        Ok(Baseline {
            customers_at_start: LinkValue::read(input)?,
            new_customers_per_month: LinkValue::read(input)?,
            revenue_per_customer_per_month: LinkValue::read(input)?,
            gross_margin: LinkValue::read(input)?,
            first_contacts_per_month: LinkValue::read(input)?,
            channel_mix: LinkValue::read(input)?,
            open_hours_per_month: LinkValue::read(input)?,
            paid_hours_per_agent_per_month: LinkValue::read(input)?,
            horizon_months: LinkValue::read(input)?,
            yearly_discount_rate: LinkValue::read(input)?,
            currency: read_text(input, MAX_CURRENCY_BYTES, LinkError::Damaged)?,
        })
    }
}

impl LinkValue for Scenario {
    fn write(&self, out: &mut Vec<u8>) {
        write_text(out, &self.name);
        self.baseline.write(out);
        self.cost_center.write(out);
        self.revenue_center.write(out);
        self.transition.write(out);
        self.uncertainty.write(out);
    }

    fn read(input: &mut Reader) -> Result<Self, LinkError> {
        // Four bytes per character at most in UTF-8.
        let name = read_text(input, MAX_NAME_CHARS * 4, LinkError::NameTooLong)?;
        if name.chars().count() > MAX_NAME_CHARS {
            return Err(LinkError::NameTooLong);
        }
        Ok(Scenario {
            version: SCENARIO_VERSION,
            name,
            baseline: LinkValue::read(input)?,
            cost_center: LinkValue::read(input)?,
            revenue_center: LinkValue::read(input)?,
            transition: LinkValue::read(input)?,
            // Version 1 had no ranges.
            uncertainty: if input.version >= 2 {
                LinkValue::read(input)?
            } else {
                Uncertainty::default()
            },
        })
    }
}

impl LinkValue for Uncertainty {
    fn write(&self, out: &mut Vec<u8>) {
        self.seed.write(out);
        write_varint(out, self.ranges.len() as u64);
        for range in &self.ranges {
            range.write(out);
        }
    }

    fn read(input: &mut Reader) -> Result<Self, LinkError> {
        let seed = LinkValue::read(input)?;
        let count = input.varint()?;
        // One range per lever at most; validation then says which is repeated.
        if count > Setting::all().count() as u64 {
            return Err(LinkError::Damaged);
        }
        let ranges = (0..count)
            .map(|_| Uncertain::read(input))
            .collect::<Result<_, _>>()?;
        Ok(Uncertainty { seed, ranges })
    }
}

/// Longest path of a lever a link may carry, in bytes.
const MAX_PATH_BYTES: usize = 64;

impl LinkValue for Uncertain {
    fn write(&self, out: &mut Vec<u8>) {
        // The lever by its path, so that a lever added to the registry moves no other.
        write_text(out, &self.setting.path());
        self.low.write(out);
        self.high.write(out);
        out.push(match self.shape {
            Shape::Pert => 0,
            Shape::Triangular => 1,
        });
    }

    fn read(input: &mut Reader) -> Result<Self, LinkError> {
        let path = read_text(input, MAX_PATH_BYTES, LinkError::Damaged)?;
        Ok(Uncertain {
            setting: Setting::find(&path).ok_or(LinkError::Damaged)?,
            low: LinkValue::read(input)?,
            high: LinkValue::read(input)?,
            shape: match input.byte()? {
                0 => Shape::Pert,
                1 => Shape::Triangular,
                _ => return Err(LinkError::Damaged),
            },
        })
    }
}

/// Base64 with the URL-safe alphabet and no padding (RFC 4648, section 5).
mod base64url {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    pub fn encode(bytes: &[u8]) -> String {
        let mut text = String::with_capacity(bytes.len().div_ceil(3) * 4);
        for chunk in bytes.chunks(3) {
            let group = chunk
                .iter()
                .enumerate()
                .fold(0u32, |group, (i, &b)| group | u32::from(b) << (16 - 8 * i));
            // Three bytes make four characters; one byte two, two bytes three.
            for i in 0..=chunk.len() {
                text.push(char::from(
                    ALPHABET[(group >> (18 - 6 * i) & 0x3f) as usize],
                ));
            }
        }
        text
    }

    /// The bytes `text` stands for, or `None` for a character outside the alphabet, a length no
    /// encoding gives, or unused bits set in the last character (so each text has one reading).
    pub fn decode(text: &str) -> Option<Vec<u8>> {
        if text.len() % 4 == 1 {
            return None;
        }
        let mut bytes = Vec::with_capacity(text.len() * 3 / 4);
        for chunk in text.as_bytes().chunks(4) {
            let mut group = 0u32;
            for (i, &c) in chunk.iter().enumerate() {
                let value = ALPHABET.iter().position(|&a| a == c)? as u32;
                group |= value << (18 - 6 * i);
            }
            // Two or three characters leave 4 or 2 bits over; a canonical text leaves them 0.
            let spare_bits = chunk.len() * 6 % 8;
            if (group >> (24 - 6 * chunk.len())) & ((1 << spare_bits) - 1) != 0 {
                return None;
            }
            for i in 0..chunk.len() - 1 {
                bytes.push((group >> (16 - 8 * i)) as u8);
            }
        }
        Some(bytes)
    }

    #[cfg(test)]
    mod tests {
        #[test]
        fn matches_the_rfc_test_vectors_without_padding() {
            let vectors = [
                ("", ""),
                ("f", "Zg"),
                ("fo", "Zm8"),
                ("foo", "Zm9v"),
                ("foob", "Zm9vYg"),
                ("fooba", "Zm9vYmE"),
                ("foobar", "Zm9vYmFy"),
            ];
            for (plain, encoded) in vectors {
                assert_eq!(super::encode(plain.as_bytes()), encoded);
                assert_eq!(super::decode(encoded).unwrap(), plain.as_bytes());
            }
            assert_eq!(super::encode(&[0xfb, 0xff]), "-_8");
            assert_eq!(super::decode("Zm9v+"), None);
            assert_eq!(super::decode("Zm9vY"), None);
            assert_eq!(super::decode("Zh"), None, "unused bits set");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_example_round_trips_in_a_short_link() {
        let example = Scenario::default();
        let fragment = encode(&example);
        assert!(fragment.len() < 1_000, "{} characters", fragment.len());
        assert!(fragment
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_.=".contains(&b)));
        assert_eq!(decode(&fragment).unwrap(), example);
    }

    #[test]
    fn round_figures_take_two_bytes() {
        for value in [0.016, 100_000.0, 0.35, 420.0, 0.0, 1.0, 2.5] {
            let mut out = Vec::new();
            write_number(&mut out, value);
            assert_eq!(out.len(), 2, "{value}");
            let mut reader = Reader {
                bytes: &out,
                version: SCENARIO_VERSION,
            };
            assert_eq!(f64::read(&mut reader).unwrap().to_bits(), value.to_bits());
        }
    }

    #[test]
    fn awkward_numbers_keep_their_exact_bits() {
        for value in [
            0.1 + 0.2,
            -0.0,
            1e308,
            f64::MIN_POSITIVE,
            5e-324,
            f64::NAN,
            f64::INFINITY,
            -123.456e-70,
        ] {
            let mut out = Vec::new();
            write_number(&mut out, value);
            let mut reader = Reader {
                bytes: &out,
                version: SCENARIO_VERSION,
            };
            assert_eq!(f64::read(&mut reader).unwrap().to_bits(), value.to_bits());
            assert!(reader.bytes.is_empty());
        }
    }

    #[test]
    fn a_whole_address_and_other_parameters_are_read_past() {
        let scenario = Scenario {
            name: "Budget 2027, aggressive self-service".into(),
            ..Scenario::default()
        };
        let link = format!(
            "https://intranet.example/tools/frontline/#present&{}&x=1",
            encode(&scenario)
        );
        assert_eq!(decode(&link).unwrap(), scenario);
        assert!(has_scenario(&link));
        assert!(!has_scenario("#present"));
    }

    #[test]
    fn a_cut_or_changed_link_is_damaged() {
        let fragment = encode(&Scenario::default());
        for cut in [
            fragment.len() - 1,
            fragment.len() - 4,
            fragment.len() / 2,
            5,
        ] {
            assert_eq!(
                decode(&fragment[..cut]),
                Err(LinkError::Damaged),
                "cut at {cut}"
            );
        }
        let mut changed = fragment.into_bytes();
        let middle = changed.len() / 2;
        changed[middle] = if changed[middle] == b'A' { b'B' } else { b'A' };
        assert_eq!(
            decode(std::str::from_utf8(&changed).unwrap()),
            Err(LinkError::Damaged)
        );
    }

    #[test]
    fn other_versions_and_foreign_text_are_refused() {
        let fragment = encode(&Scenario::default());
        let newer = fragment.replacen("s=2.", "s=7.", 1);
        assert!(matches!(decode(&newer), Err(LinkError::NewerVersion { found }) if found == "7"));
        assert_eq!(
            decode(&fragment.replacen("s=2.", "s=0.", 1)),
            Err(LinkError::Damaged)
        );
        assert_eq!(decode(""), Err(LinkError::NoScenario));
        assert_eq!(decode("#s="), Err(LinkError::NoScenario));
        assert_eq!(decode("s=hello"), Err(LinkError::Damaged));
        assert_eq!(decode("s=2.<script>"), Err(LinkError::Damaged));
        let huge = format!("s=2.{}", "A".repeat(100_000));
        assert_eq!(decode(&huge), Err(LinkError::TooLong { chars: 100_004 }));
    }

    /// Packs any scenario, valid or not, the way `encode` does.
    fn hostile(scenario: &Scenario) -> String {
        let mut bytes = Vec::new();
        scenario.write(&mut bytes);
        bytes.extend_from_slice(&checksum(&bytes).to_le_bytes());
        format!("s=2.{}", base64url::encode(&bytes))
    }

    #[test]
    fn hostile_values_are_refused_with_what_is_wrong() {
        let mut absurd = Scenario::default();
        absurd.baseline.customers_at_start = 1e308;
        absurd.cost_center.monthly_churn = f64::NAN;
        absurd.baseline.channel_mix.phone = 3.0;
        absurd.baseline.new_customers_per_month = -5.0;
        let Err(LinkError::Invalid(problems)) = decode(&hostile(&absurd)) else {
            panic!("absurd values accepted");
        };
        let paths: Vec<&str> = problems.0.iter().map(|p| p.path.as_str()).collect();
        for path in [
            "baseline.customers_at_start",
            "cost_center.monthly_churn",
            "baseline.channel_mix",
            "baseline.new_customers_per_month",
        ] {
            assert!(paths.contains(&path), "{path} in {paths:?}");
        }

        let mut long_name = Scenario {
            name: "x".repeat(1_000),
            ..Scenario::default()
        };
        assert_eq!(decode(&hostile(&long_name)), Err(LinkError::NameTooLong));
        long_name.name = "x".repeat(10_000);
        assert!(matches!(
            decode(&hostile(&long_name)),
            Err(LinkError::TooLong { .. })
        ));

        let markup = Scenario {
            name: "<img src=x onerror=alert(1)>".into(),
            ..Scenario::default()
        };
        assert_eq!(decode(&hostile(&markup)).unwrap().name, markup.name);
    }
}
