//! A scenario in a link: the whole scenario packed into the URL fragment, so a link to any
//! static copy of Frontline opens the same plan, and nothing is sent anywhere.
//!
//! The fragment reads `s=4.<data>`: `s` names the scenario parameter (others may sit beside it,
//! separated by `&`), `4` is the scenario schema the data follows, and the data is base64url
//! without padding, so mail clients and chat apps leave it whole. The data gives every value of
//! the scenario after its lever's tag in the registry, so the registry alone lays it out, and
//! each number as a decimal (digits and a power of ten, a couple of bytes for the round figures
//! a manager types, turned back into a number by one exact floating-point operation) or, when
//! no such decimal gives back the very same bits, as its eight raw bytes; a checksum closes it.
//! Each lever with a range adds its tag, low and high; each segment its name, whether the
//! differentiated strategy moves it, and its values by tag. The example's link is about 340
//! characters, and each segment adds about 60; with a range on every assumption about 1,500.
//! Links of schema 3, with no segments, open as they were, and so do those of schemas 1 and 2,
//! which listed the values in a fixed order.
//!
//! A link is untrusted input: [`decode`] never panics, refuses anything longer than
//! [`MAX_FRAGMENT_CHARS`], checks the checksum, and validates the scenario it finds.
//!
//! ```
//! use frontline::model::Scenario;
//! use frontline::share::{decode, encode};
//! let fragment = encode(&Scenario::default());
//! assert!(fragment.starts_with("s=4."));
//! assert_eq!(decode(&fragment).unwrap(), Scenario::default());
//! ```

use thiserror::Error;

use crate::model::levers::Setting;
use crate::model::scenario::{Scenario, Shape, Uncertain, SCENARIO_VERSION};
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
    let mut bytes = Vec::with_capacity(512);
    tagged::write_scenario(&mut bytes, scenario);
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
    decode_with(text, |reader| {
        if reader.version >= 3 {
            tagged::read_scenario(reader)
        } else {
            fixed_order::read_scenario(reader)
        }
    })
}

/// The scenario a fragment of this build's own schema holds, validated; a link of an earlier
/// schema is [`LinkError::Damaged`]. For text this build wrote itself, such as the scenario the
/// page hands the analyses, which then need no reader for older links.
///
/// # Errors
///
/// As [`decode`].
pub fn decode_current(text: &str) -> Result<Scenario, LinkError> {
    decode_with(text, |reader| {
        if reader.version == SCENARIO_VERSION {
            tagged::read_scenario(reader)
        } else {
            Err(LinkError::Damaged)
        }
    })
}

/// Checks the fragment's length, version and checksum, reads its data with `read`, and
/// validates the scenario.
fn decode_with(
    text: &str,
    read: impl FnOnce(&mut Reader) -> Result<Scenario, LinkError>,
) -> Result<Scenario, LinkError> {
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
    let scenario = read(&mut reader)?;
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

/// The value of parameter `name` in a fragment such as `#s=3.…&present=1`, after any `#`.
fn parameter<'a>(text: &'a str, name: &str) -> Option<&'a str> {
    let fragment = text.split_once('#').map_or(text, |(_, after)| after);
    fragment
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value.trim())
}

/// The fragment parameter that asks for presentation mode: `#present=1`, alone or after a
/// scenario (`#s=3.…&present=1`).
pub const PRESENT: &str = "present=1";

/// Whether the fragment `text` asks to open in presentation mode.
///
/// # Examples
///
/// ```
/// use frontline::share::asks_to_present;
/// assert!(asks_to_present("#s=3.abc&present=1"));
/// assert!(asks_to_present("present=1"));
/// assert!(!asks_to_present("#s=3.abc"));
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
    /// The scenario schema the data follows.
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

/// A scenario's name, no longer than the name field takes.
fn read_name(input: &mut Reader) -> Result<String, LinkError> {
    // Four bytes per character at most in UTF-8.
    let name = read_text(input, MAX_NAME_CHARS * 4, LinkError::NameTooLong)?;
    if name.chars().count() > MAX_NAME_CHARS {
        return Err(LinkError::NameTooLong);
    }
    Ok(name)
}

fn write_optional(out: &mut Vec<u8>, value: Option<f64>) {
    match value {
        Some(value) => write_number(out, value),
        None => out.push(NONE),
    }
}

fn read_optional(input: &mut Reader) -> Result<Option<f64>, LinkError> {
    match input.byte()? {
        NONE => Ok(None),
        tag => input.number_tagged(tag).map(Some),
    }
}

fn read_number(input: &mut Reader) -> Result<f64, LinkError> {
    let tag = input.byte()?;
    input.number_tagged(tag)
}

fn shape_byte(shape: Shape) -> u8 {
    match shape {
        Shape::Pert => 0,
        Shape::Triangular => 1,
    }
}

fn read_shape(input: &mut Reader) -> Result<Shape, LinkError> {
    match input.byte()? {
        0 => Ok(Shape::Pert),
        1 => Ok(Shape::Triangular),
        _ => Err(LinkError::Damaged),
    }
}

/// Closes a list of tagged values; no lever has tag 0.
const END: u8 = 0;

/// The links of schema 3 on: each value follows its lever's tag from the registry
/// ([`Lever::tag`](crate::model::levers::Lever::tag)), so the layout is the registry's and a
/// lever added later takes no other's place.
///
/// The data: the name and the currency; the scenario's numbers; the cost center's values, then
/// the revenue center's, each a list of tag and value closed by tag 0; the seed, and each range
/// as the lever's section (0 the scenario, 1 the cost center, 2 the revenue center) and tag,
/// low, high and shape. From schema 4: the other customers' name and choice (1 when the
/// differentiated strategy moves them), then each segment's name, choice and values by tag,
/// closed by tag 0.
mod tagged {
    use super::*;
    use crate::model::levers::{
        scenario_levers, strategy_levers, ChannelCost, Kind, Side, CHANNEL_COSTS, SEGMENT_LEVERS,
    };
    use crate::model::scenario::{Strategy, Uncertainty};
    use crate::model::segments::{Segment, Segmentation};

    /// The data's sections in order: the scenario's numbers, then each strategy's values.
    const SECTIONS: [Option<Side>; 3] = [None, Some(Side::Cost), Some(Side::Revenue)];

    /// Where a tagged value goes.
    enum Place {
        /// A lever's value.
        Setting(Setting),
        /// A strategy's cost per contact on a channel, which may be left to staffing.
        Cost(Side, &'static ChannelCost),
    }

    /// The place of `tag` in `section`, if it has one.
    fn place(section: Option<Side>, tag: u8) -> Option<Place> {
        let Some(side) = section else {
            return scenario_levers()
                .find(|lever| lever.tag == tag)
                .map(|lever| Place::Setting(Setting::Scenario(lever)));
        };
        if let Some(lever) = strategy_levers().find(|lever| lever.tag == tag) {
            return Some(Place::Setting(Setting::Strategy(side, lever)));
        }
        CHANNEL_COSTS
            .iter()
            .find(|cost| cost.tag == tag)
            .map(|cost| Place::Cost(side, cost))
    }

    /// How many values `section` holds.
    fn values_in(section: Option<Side>) -> usize {
        match section {
            None => scenario_levers().count(),
            Some(_) => strategy_levers().count() + CHANNEL_COSTS.len(),
        }
    }

    /// A setting's section and tag.
    fn key(setting: Setting) -> [u8; 2] {
        match setting {
            Setting::Scenario(lever) => [0, lever.tag],
            Setting::Strategy(Side::Cost, lever) => [1, lever.tag],
            Setting::Strategy(Side::Revenue, lever) => [2, lever.tag],
        }
    }

    pub(super) fn write_scenario(out: &mut Vec<u8>, scenario: &Scenario) {
        write_text(out, &scenario.name);
        write_text(out, &scenario.baseline.currency);
        for lever in scenario_levers() {
            out.push(lever.tag);
            write_number(out, (lever.get)(scenario));
        }
        out.push(END);
        for side in Side::BOTH {
            write_strategy(out, side.of(scenario));
        }
        write_uncertainty(out, &scenario.uncertainty);
        write_segmentation(out, &scenario.segmentation);
    }

    fn write_segmentation(out: &mut Vec<u8>, segmentation: &Segmentation) {
        write_text(out, &segmentation.others_name);
        out.push(u8::from(segmentation.others_differentiated));
        write_varint(out, segmentation.segments.len() as u64);
        for segment in &segmentation.segments {
            write_text(out, &segment.name);
            out.push(u8::from(segment.differentiated));
            for lever in &SEGMENT_LEVERS {
                out.push(lever.tag);
                write_number(out, (lever.get)(segment));
            }
            out.push(END);
        }
    }

    /// A choice written as one byte: 0 or 1.
    fn read_choice(input: &mut Reader) -> Result<bool, LinkError> {
        match input.byte()? {
            0 => Ok(false),
            1 => Ok(true),
            _ => Err(LinkError::Damaged),
        }
    }

    /// Reads a list of tagged values closed by [`END`], handing each tag to `take`, which
    /// reads its value. A tag that comes twice is damage, and so is a list without all
    /// `expected` values: each tag read had a place and came once, so as many is all.
    fn read_tagged(
        input: &mut Reader,
        expected: usize,
        mut take: impl FnMut(&mut Reader, u8) -> Result<(), LinkError>,
    ) -> Result<(), LinkError> {
        let mut seen = 0u128;
        loop {
            let tag = input.byte()?;
            if tag == END {
                break;
            }
            let bit = 1u128
                .checked_shl(u32::from(tag))
                .ok_or(LinkError::Damaged)?;
            if seen & bit != 0 {
                return Err(LinkError::Damaged);
            }
            seen |= bit;
            take(input, tag)?;
        }
        if seen.count_ones() as usize == expected {
            Ok(())
        } else {
            Err(LinkError::Damaged)
        }
    }

    fn read_segmentation(input: &mut Reader) -> Result<Segmentation, LinkError> {
        let others_name = read_name(input)?;
        let others_differentiated = read_choice(input)?;
        let count = input.varint()?;
        // Each segment takes bytes, so the data bounds the count; validation says how many
        // a plan may have.
        let mut segments = Vec::new();
        for _ in 0..count {
            let mut segment = Segment::key_accounts();
            segment.name = read_name(input)?;
            segment.differentiated = read_choice(input)?;
            read_tagged(input, SEGMENT_LEVERS.len(), |input, tag| {
                let lever = SEGMENT_LEVERS.iter().find(|lever| lever.tag == tag);
                let lever = lever.ok_or(LinkError::Damaged)?;
                (lever.set)(&mut segment, read_number(input)?);
                Ok(())
            })?;
            segments.push(segment);
        }
        Ok(Segmentation {
            segments,
            others_name,
            others_differentiated,
        })
    }

    fn write_strategy(out: &mut Vec<u8>, strategy: &Strategy) {
        for lever in strategy_levers() {
            out.push(lever.tag);
            write_number(out, (lever.get)(strategy));
        }
        for cost in CHANNEL_COSTS {
            out.push(cost.tag);
            write_optional(out, cost.get(&strategy.cost_per_contact));
        }
        out.push(END);
    }

    fn write_uncertainty(out: &mut Vec<u8>, uncertainty: &Uncertainty) {
        write_varint(out, u64::from(uncertainty.seed));
        write_varint(out, uncertainty.ranges.len() as u64);
        for range in &uncertainty.ranges {
            out.extend(key(range.setting));
            write_number(out, range.low);
            write_number(out, range.high);
            out.push(shape_byte(range.shape));
        }
    }

    pub(super) fn read_scenario(input: &mut Reader) -> Result<Scenario, LinkError> {
        let mut scenario = Scenario {
            name: read_name(input)?,
            ..Scenario::default()
        };
        scenario.baseline.currency = read_text(input, MAX_CURRENCY_BYTES, LinkError::Damaged)?;
        for section in SECTIONS {
            read_tagged(input, values_in(section), |input, tag| {
                let value = read_optional(input)?;
                match (place(section, tag), value) {
                    // A whole number is stored as one: a fraction or a negative is not rounded.
                    (Some(Place::Setting(setting)), Some(value))
                        if setting.kind() != Kind::Whole
                            || (value.fract() == 0.0
                                && (0.0..=f64::from(u32::MAX)).contains(&value)) =>
                    {
                        setting.set(&mut scenario, value);
                    }
                    (Some(Place::Cost(side, cost)), value) => {
                        *(cost.slot)(&mut side.of_mut(&mut scenario).cost_per_contact) = value;
                    }
                    _ => return Err(LinkError::Damaged),
                }
                Ok(())
            })?;
        }
        scenario.uncertainty.seed =
            u32::try_from(input.varint()?).map_err(|_| LinkError::Damaged)?;
        // Each range takes bytes, so the data bounds the count; validation says which repeat.
        for _ in 0..input.varint()? {
            let section = *SECTIONS
                .get(usize::from(input.byte()?))
                .ok_or(LinkError::Damaged)?;
            let Some(Place::Setting(setting)) = place(section, input.byte()?) else {
                return Err(LinkError::Damaged);
            };
            scenario.uncertainty.ranges.push(Uncertain {
                setting,
                low: read_number(input)?,
                high: read_number(input)?,
                shape: read_shape(input)?,
            });
        }
        if input.version >= 4 {
            scenario.segmentation = read_segmentation(input)?;
        }
        Ok(scenario)
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        /// The example's link with `values` as the scenario's numbers, in the order given.
        fn link(values: &[(u8, Option<f64>)]) -> String {
            let example = Scenario::default();
            let mut out = Vec::new();
            write_text(&mut out, &example.name);
            write_text(&mut out, &example.baseline.currency);
            for &(tag, value) in values {
                out.push(tag);
                write_optional(&mut out, value);
            }
            out.push(END);
            write_strategy(&mut out, &example.cost_center);
            write_strategy(&mut out, &example.revenue_center);
            write_uncertainty(&mut out, &example.uncertainty);
            write_segmentation(&mut out, &example.segmentation);
            out.extend_from_slice(&checksum(&out).to_le_bytes());
            format!("s={SCENARIO_VERSION}.{}", base64url::encode(&out))
        }

        fn example_values() -> Vec<(u8, Option<f64>)> {
            let example = Scenario::default();
            scenario_levers()
                .map(|lever| (lever.tag, Some((lever.get)(&example))))
                .collect()
        }

        #[test]
        fn values_are_found_by_tag_in_any_order() {
            let mut values = example_values();
            assert_eq!(decode(&link(&values)), Ok(Scenario::default()));
            values.reverse();
            assert_eq!(decode(&link(&values)), Ok(Scenario::default()));
        }

        #[test]
        fn a_missing_repeated_or_unknown_value_is_damage() {
            let values = example_values();
            let missing = &values[1..];
            let repeated = [&values[..], &values[..1]].concat();
            let unknown = [&values[..], &[(120, Some(1.0))]].concat();
            let empty = [&values[1..], &[(values[0].0, None)]].concat();
            for damaged in [missing, &repeated, &unknown, &empty] {
                assert_eq!(decode(&link(damaged)), Err(LinkError::Damaged));
            }
        }

        #[test]
        fn a_whole_number_that_is_not_whole_is_damage() {
            let horizon = scenario_levers()
                .find(|lever| lever.path == "baseline.horizon_months")
                .unwrap()
                .tag;
            for wrong in [24.5, -1.0, 1e12] {
                let values: Vec<_> = example_values()
                    .into_iter()
                    .map(|(tag, value)| (tag, if tag == horizon { Some(wrong) } else { value }))
                    .collect();
                assert_eq!(decode(&link(&values)), Err(LinkError::Damaged), "{wrong}");
            }
        }
    }
}

/// The links of schemas 1 and 2: every value in a fixed order, which these readers keep.
mod fixed_order {
    use super::*;
    use crate::model::scenario::{
        Baseline, ChannelMix, LiveChannels, Strategy, Transition, Uncertainty,
    };
    use crate::model::segments::Segmentation;

    /// A value read from its place in the fixed order.
    pub(super) trait Read: Sized {
        fn read(input: &mut Reader) -> Result<Self, LinkError>;
    }

    impl Read for f64 {
        fn read(input: &mut Reader) -> Result<Self, LinkError> {
            read_number(input)
        }
    }

    impl Read for Option<f64> {
        fn read(input: &mut Reader) -> Result<Self, LinkError> {
            read_optional(input)
        }
    }

    impl Read for u32 {
        fn read(input: &mut Reader) -> Result<Self, LinkError> {
            u32::try_from(input.varint()?).map_err(|_| LinkError::Damaged)
        }
    }

    impl<T: Read> Read for LiveChannels<T> {
        fn read(input: &mut Reader) -> Result<Self, LinkError> {
            Ok(LiveChannels {
                phone: T::read(input)?,
                chat: T::read(input)?,
                email: T::read(input)?,
            })
        }
    }

    /// A struct's fields in their order in links of schemas 1 and 2.
    macro_rules! fields_in_order {
        ($type:ident { $($field:ident),* $(,)? }) => {
            impl Read for $type {
                fn read(input: &mut Reader) -> Result<Self, LinkError> {
                    Ok($type { $($field: Read::read(input)?,)* })
                }
            }
        };
    }

    fields_in_order!(ChannelMix {
        phone,
        chat,
        email,
        self_service
    });

    fields_in_order!(Strategy {
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

    fields_in_order!(Transition {
        one_off_investment,
        ramp_months
    });

    impl Read for Baseline {
        fn read(input: &mut Reader) -> Result<Self, LinkError> {
            Ok(Baseline {
                customers_at_start: Read::read(input)?,
                new_customers_per_month: Read::read(input)?,
                revenue_per_customer_per_month: Read::read(input)?,
                gross_margin: Read::read(input)?,
                first_contacts_per_month: Read::read(input)?,
                channel_mix: Read::read(input)?,
                open_hours_per_month: Read::read(input)?,
                paid_hours_per_agent_per_month: Read::read(input)?,
                horizon_months: Read::read(input)?,
                yearly_discount_rate: Read::read(input)?,
                currency: read_text(input, MAX_CURRENCY_BYTES, LinkError::Damaged)?,
            })
        }
    }

    pub(super) fn read_scenario(input: &mut Reader) -> Result<Scenario, LinkError> {
        Ok(Scenario {
            version: SCENARIO_VERSION,
            name: read_name(input)?,
            baseline: Read::read(input)?,
            cost_center: Read::read(input)?,
            revenue_center: Read::read(input)?,
            transition: Read::read(input)?,
            segmentation: Segmentation::default(),
            // Version 1 had no ranges.
            uncertainty: if input.version >= 2 {
                Read::read(input)?
            } else {
                Uncertainty::default()
            },
        })
    }

    impl Read for Uncertainty {
        fn read(input: &mut Reader) -> Result<Self, LinkError> {
            let seed = Read::read(input)?;
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

    impl Read for Uncertain {
        fn read(input: &mut Reader) -> Result<Self, LinkError> {
            let path = read_text(input, MAX_PATH_BYTES, LinkError::Damaged)?;
            Ok(Uncertain {
                setting: Setting::find(&path).ok_or(LinkError::Damaged)?,
                low: read_number(input)?,
                high: read_number(input)?,
                shape: read_shape(input)?,
            })
        }
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
            assert_eq!(read_number(&mut reader).unwrap().to_bits(), value.to_bits());
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
            assert_eq!(read_number(&mut reader).unwrap().to_bits(), value.to_bits());
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
    fn only_the_current_schema_is_read_as_current() {
        let fragment = encode(&Scenario::default());
        assert_eq!(decode_current(&fragment), Ok(Scenario::default()));
        let older = include_str!("../tests/fixtures/links-v2.txt")
            .lines()
            .find_map(|line| line.strip_prefix("example\t"))
            .unwrap();
        assert_eq!(decode(older), Ok(Scenario::default()));
        assert_eq!(decode_current(older), Err(LinkError::Damaged));
    }

    #[test]
    fn other_versions_and_foreign_text_are_refused() {
        let fragment = encode(&Scenario::default());
        let newer = fragment.replacen("s=4.", "s=7.", 1);
        assert!(matches!(decode(&newer), Err(LinkError::NewerVersion { found }) if found == "7"));
        assert_eq!(
            decode(&fragment.replacen("s=4.", "s=0.", 1)),
            Err(LinkError::Damaged)
        );
        assert_eq!(decode(""), Err(LinkError::NoScenario));
        assert_eq!(decode("#s="), Err(LinkError::NoScenario));
        assert_eq!(decode("s=hello"), Err(LinkError::Damaged));
        assert_eq!(decode("s=3.<script>"), Err(LinkError::Damaged));
        let huge = format!("s=3.{}", "A".repeat(100_000));
        assert_eq!(decode(&huge), Err(LinkError::TooLong { chars: 100_004 }));
    }

    /// Packs any scenario, valid or not, the way `encode` does.
    fn hostile(scenario: &Scenario) -> String {
        let mut bytes = Vec::new();
        tagged::write_scenario(&mut bytes, scenario);
        bytes.extend_from_slice(&checksum(&bytes).to_le_bytes());
        format!("s={SCENARIO_VERSION}.{}", base64url::encode(&bytes))
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
