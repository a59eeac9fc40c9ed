//! JSON, the form scenarios take in storage and in files: a value, a reader and a compact
//! writer, small enough that the page does not load a general serialization framework for
//! them.
//!
//! Text from a file or another profile is untrusted: [`Json::parse`] never panics, refuses
//! nesting deeper than [`MAX_DEPTH`] (so no input can exhaust the stack), and says where the
//! text stops being JSON. Numbers are read correctly rounded ([`nearest_double`]) and written
//! in the shortest form that reads back to the same bits, so a value survives any number of
//! saves unchanged.
//!
//! ```
//! use frontline::json::Json;
//! let value = Json::parse(r#"{"name": "Budget", "months": [1, 2.5]}"#).unwrap();
//! assert_eq!(value.get("name").and_then(Json::as_text), Some("Budget"));
//! assert_eq!(value.to_text(), r#"{"name":"Budget","months":[1,2.5]}"#);
//! ```

use std::fmt;

/// Deepest nesting of arrays and objects [`Json::parse`] reads; a scenario nests four deep.
pub const MAX_DEPTH: usize = 32;

/// A JSON value. An object keeps its members in the order they were read or set.
#[derive(Debug, Clone, PartialEq)]
pub enum Json {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A finite number.
    Number(f64),
    /// A string.
    Text(String),
    /// An array.
    Array(Vec<Json>),
    /// An object: its members, in order.
    Object(Vec<(String, Json)>),
}

/// The shortest digits that read back to the same bits of `n`, a finite number.
///
/// In the browser, JavaScript's own `Number.prototype.toString` writes them, so the page
/// carries no float formatting of its own; it may write an exponent (`1e-7`, `1e+21`), which
/// JSON reads as well.
#[cfg(target_arch = "wasm32")]
fn shortest(n: f64) -> String {
    js_sys::Number::from(n)
        .to_string_with_radix(10)
        .map(String::from)
        .unwrap_or_default()
}

/// The shortest digits that read back to the same bits of `n`, a finite number.
#[cfg(not(target_arch = "wasm32"))]
fn shortest(n: f64) -> String {
    n.to_string()
}

/// Where a text stops being JSON, and what was expected there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonError {
    /// The character the reading stopped at, from 1.
    pub at: usize,
    /// What should have come there.
    pub expected: &'static str,
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "expected {} at character {}", self.expected, self.at)
    }
}

impl std::error::Error for JsonError {}

impl Json {
    /// Reads `text`, which must hold one JSON value and nothing else but white space.
    ///
    /// # Errors
    ///
    /// [`JsonError`] at the first character that does not fit, or past [`MAX_DEPTH`].
    pub fn parse(text: &str) -> Result<Json, JsonError> {
        let mut reader = Reader { text, at: 0 };
        let value = reader.value(0)?;
        reader.space();
        if reader.at < text.len() {
            return Err(reader.error("the end of the text"));
        }
        Ok(value)
    }

    /// The member `key` of an object.
    pub fn get(&self, key: &str) -> Option<&Json> {
        match self {
            Json::Object(members) => members.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The value at a dotted `path` of nested objects: `baseline.channel_mix.phone`.
    pub fn at_path(&self, path: &str) -> Option<&Json> {
        path.split('.').try_fold(self, |value, key| value.get(key))
    }

    /// Sets the member `key` of an object, replacing one of that name or adding it at the
    /// end; a value that is not an object becomes one first.
    pub fn set(&mut self, key: &str, value: Json) {
        if !matches!(self, Json::Object(_)) {
            *self = Json::Object(Vec::new());
        }
        if let Json::Object(members) = self {
            match members.iter_mut().find(|(k, _)| k == key) {
                Some((_, old)) => *old = value,
                None => members.push((key.to_owned(), value)),
            }
        }
    }

    /// Sets the value at a dotted `path`, making the objects on the way.
    pub fn set_path(&mut self, path: &str, value: Json) {
        match path.split_once('.') {
            None => self.set(path, value),
            Some((key, rest)) => {
                if self.get(key).is_none() {
                    self.set(key, Json::Object(Vec::new()));
                }
                if let Json::Object(members) = self {
                    if let Some((_, inner)) = members.iter_mut().find(|(k, _)| k == key) {
                        inner.set_path(rest, value);
                    }
                }
            }
        }
    }

    /// Takes the member `key` out of an object.
    pub fn remove(&mut self, key: &str) -> Option<Json> {
        let Json::Object(members) = self else {
            return None;
        };
        let index = members.iter().position(|(k, _)| k == key)?;
        Some(members.remove(index).1)
    }

    /// The number, if this is one.
    pub fn as_number(&self) -> Option<f64> {
        match self {
            Json::Number(n) => Some(*n),
            _ => None,
        }
    }

    /// The number, if this is a whole one that fits in a `u32`.
    ///
    /// ```
    /// use frontline::json::Json;
    /// assert_eq!(Json::Number(36.0).as_whole(), Some(36));
    /// assert_eq!(Json::Number(36.5).as_whole(), None);
    /// assert_eq!(Json::Number(-1.0).as_whole(), None);
    /// ```
    pub fn as_whole(&self) -> Option<u32> {
        self.as_number()
            .filter(|n| n.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(n))
            .map(|n| n as u32)
    }

    /// The string, if this is one.
    pub fn as_text(&self) -> Option<&str> {
        match self {
            Json::Text(text) => Some(text),
            _ => None,
        }
    }

    /// The items, if this is an array.
    pub fn as_array(&self) -> Option<&[Json]> {
        match self {
            Json::Array(items) => Some(items),
            _ => None,
        }
    }

    /// The value as compact JSON text. A number that is not finite, which JSON cannot hold,
    /// is written as `null`.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        self.write(&mut out);
        out
    }

    fn write(&self, out: &mut String) {
        match self {
            Json::Null => out.push_str("null"),
            Json::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Json::Number(n) if n.is_finite() => out.push_str(&shortest(*n)),
            Json::Number(_) => out.push_str("null"),
            Json::Text(text) => write_text(text, out),
            Json::Array(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    item.write(out);
                }
                out.push(']');
            }
            Json::Object(members) => {
                out.push('{');
                for (i, (key, value)) in members.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    write_text(key, out);
                    out.push(':');
                    value.write(out);
                }
                out.push('}');
            }
        }
    }
}

impl From<f64> for Json {
    fn from(n: f64) -> Self {
        Json::Number(n)
    }
}

impl From<&str> for Json {
    fn from(text: &str) -> Self {
        Json::Text(text.to_owned())
    }
}

/// The double nearest to the decimal number `text` (digits, a point, an exponent), rounded as
/// IEEE 754 says; `None` for text that is not such a number.
///
/// In the browser the browser's own parser does this, so the page carries no tables of powers
/// for it; elsewhere Rust's parser, which rounds the same way.
///
/// ```
/// assert_eq!(frontline::json::nearest_double("0.30000000000000004"), Some(0.1 + 0.2));
/// ```
pub fn nearest_double(text: &str) -> Option<f64> {
    #[cfg(target_arch = "wasm32")]
    {
        let n = js_sys::Number::parse_float(text);
        (!n.is_nan()).then_some(n)
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        text.parse().ok()
    }
}

/// `text` as a JSON string: quotes, backslashes and control characters escaped.
fn write_text(text: &str, out: &mut String) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if u32::from(c) < 0x20 => out.push_str(&format!("\\u{:04x}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
}

/// The rest of a text being read.
struct Reader<'a> {
    text: &'a str,
    /// Byte offset of the next character.
    at: usize,
}

impl Reader<'_> {
    fn error(&self, expected: &'static str) -> JsonError {
        JsonError {
            at: self.text[..self.at].chars().count() + 1,
            expected,
        }
    }

    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.at).copied()
    }

    fn space(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    /// Reads `word` (`true`, `false`, `null`) whole.
    fn word(&mut self, word: &'static str, value: Json) -> Result<Json, JsonError> {
        if self.text[self.at..].starts_with(word) {
            self.at += word.len();
            Ok(value)
        } else {
            Err(self.error(word))
        }
    }

    fn value(&mut self, depth: usize) -> Result<Json, JsonError> {
        self.space();
        match self.peek() {
            Some(b'{') => self.object(depth + 1),
            Some(b'[') => self.array(depth + 1),
            Some(b'"') => self.string().map(Json::Text),
            Some(b't') => self.word("true", Json::Bool(true)),
            Some(b'f') => self.word("false", Json::Bool(false)),
            Some(b'n') => self.word("null", Json::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            _ => Err(self.error("a value")),
        }
    }

    /// Reads `[` … `]` or `{` … `}` at `depth`, each item by `item`, separated by commas.
    fn items(
        &mut self,
        depth: usize,
        close: u8,
        mut item: impl FnMut(&mut Self) -> Result<(), JsonError>,
    ) -> Result<(), JsonError> {
        if depth > MAX_DEPTH {
            return Err(self.error("less deeply nested data"));
        }
        self.at += 1;
        self.space();
        if self.peek() == Some(close) {
            self.at += 1;
            return Ok(());
        }
        loop {
            item(self)?;
            self.space();
            match self.peek() {
                Some(b',') => self.at += 1,
                Some(c) if c == close => {
                    self.at += 1;
                    return Ok(());
                }
                _ => {
                    return Err(self.error(if close == b']' {
                        "',' or ']'"
                    } else {
                        "',' or '}'"
                    }))
                }
            }
        }
    }

    fn array(&mut self, depth: usize) -> Result<Json, JsonError> {
        let mut items = Vec::new();
        self.items(depth, b']', |reader| {
            items.push(reader.value(depth)?);
            Ok(())
        })?;
        Ok(Json::Array(items))
    }

    fn object(&mut self, depth: usize) -> Result<Json, JsonError> {
        let mut members = Vec::new();
        self.items(depth, b'}', |reader| {
            reader.space();
            if reader.peek() != Some(b'"') {
                return Err(reader.error("a member's name in quotes"));
            }
            let key = reader.string()?;
            reader.space();
            if reader.peek() != Some(b':') {
                return Err(reader.error("':'"));
            }
            reader.at += 1;
            members.push((key, reader.value(depth)?));
            Ok(())
        })?;
        Ok(Json::Object(members))
    }

    /// Reads a string from its opening quote.
    fn string(&mut self) -> Result<String, JsonError> {
        self.at += 1;
        let mut out = String::new();
        loop {
            let rest = &self.text[self.at..];
            let Some(c) = rest.chars().next() else {
                return Err(self.error("'\"'"));
            };
            match c {
                '"' => {
                    self.at += 1;
                    return Ok(out);
                }
                '\\' => {
                    self.at += 1;
                    out.push(self.escape()?);
                }
                c if u32::from(c) < 0x20 => return Err(self.error("no control character")),
                c => {
                    out.push(c);
                    self.at += c.len_utf8();
                }
            }
        }
    }

    /// Reads what follows a backslash.
    fn escape(&mut self) -> Result<char, JsonError> {
        let c = match self.peek() {
            Some(b'"') => '"',
            Some(b'\\') => '\\',
            Some(b'/') => '/',
            Some(b'b') => '\u{8}',
            Some(b'f') => '\u{c}',
            Some(b'n') => '\n',
            Some(b'r') => '\r',
            Some(b't') => '\t',
            Some(b'u') => {
                self.at += 1;
                let first = self.hex4()?;
                // A character beyond the first plane comes as a pair of surrogates.
                let code = if (0xd800..0xdc00).contains(&first) {
                    if !self.text[self.at..].starts_with("\\u") {
                        return Err(self.error("the second half of a surrogate pair"));
                    }
                    self.at += 2;
                    let second = self.hex4()?;
                    if !(0xdc00..0xe000).contains(&second) {
                        return Err(self.error("the second half of a surrogate pair"));
                    }
                    0x10000 + ((first - 0xd800) << 10) + (second - 0xdc00)
                } else {
                    first
                };
                return char::from_u32(code).ok_or_else(|| self.error("a character code"));
            }
            _ => return Err(self.error("an escape such as \\n or \\u00e9")),
        };
        self.at += 1;
        Ok(c)
    }

    fn hex4(&mut self) -> Result<u32, JsonError> {
        let digits = self
            .text
            .get(self.at..self.at + 4)
            .filter(|d| d.bytes().all(|b| b.is_ascii_hexdigit()))
            .ok_or_else(|| self.error("four hexadecimal digits"))?;
        self.at += 4;
        u32::from_str_radix(digits, 16).map_err(|_| self.error("four hexadecimal digits"))
    }

    /// Reads a number as JSON writes it: `-`, digits without a leading zero, a fraction, an
    /// exponent.
    fn number(&mut self) -> Result<Json, JsonError> {
        let start = self.at;
        let bytes = self.text.as_bytes();
        let digits = |at: &mut usize| {
            let from = *at;
            while bytes.get(*at).is_some_and(u8::is_ascii_digit) {
                *at += 1;
            }
            *at > from
        };
        let mut at = self.at;
        if bytes.get(at) == Some(&b'-') {
            at += 1;
        }
        let leading_zero = bytes.get(at) == Some(&b'0');
        let whole_start = at;
        let mut valid = digits(&mut at) && !(leading_zero && at - whole_start > 1);
        if valid && bytes.get(at) == Some(&b'.') {
            at += 1;
            valid = digits(&mut at);
        }
        if valid && matches!(bytes.get(at), Some(b'e' | b'E')) {
            at += 1;
            if matches!(bytes.get(at), Some(b'+' | b'-')) {
                at += 1;
            }
            valid = digits(&mut at);
        }
        self.at = at;
        let number = nearest_double(&self.text[start..at]);
        match number {
            Some(n) if valid && n.is_finite() => Ok(Json::Number(n)),
            _ => {
                self.at = start;
                Err(self.error("a number JSON can hold"))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_kind_of_value() {
        let value = Json::parse(
            " { \"a\" : [1, -2.5e3, 0.0, true, false, null], \"b\": {\"c\": \"\\u00e9\\n\\ud83d\\ude00\"} } ",
        )
        .unwrap();
        assert_eq!(
            value.get("a").and_then(Json::as_array).unwrap(),
            [
                Json::Number(1.0),
                Json::Number(-2500.0),
                Json::Number(0.0),
                Json::Bool(true),
                Json::Bool(false),
                Json::Null
            ]
        );
        assert_eq!(value.at_path("b.c").and_then(Json::as_text), Some("é\n😀"));
        assert_eq!(value.at_path("b.d"), None);
    }

    #[test]
    fn numbers_and_text_come_back_as_they_were() {
        for n in [
            0.1 + 0.2,
            -0.0,
            1e308,
            5e-324,
            250_000.0,
            0.016,
            -123.456e-70,
        ] {
            let text = Json::Number(n).to_text();
            let back = Json::parse(&text).unwrap().as_number().unwrap();
            assert_eq!(back.to_bits(), n.to_bits(), "{text}");
        }
        let awkward = "quote \" backslash \\ tab \t bell \u{7} <b>é</b> 😀";
        let text = Json::from(awkward).to_text();
        assert_eq!(Json::parse(&text).unwrap().as_text(), Some(awkward));
        assert_eq!(Json::Number(f64::NAN).to_text(), "null");
    }

    #[test]
    fn paths_build_and_edit_nested_objects() {
        let mut value = Json::Null;
        value.set_path("baseline.channel_mix.phone", 0.5.into());
        value.set_path("baseline.currency", "EUR".into());
        value.set_path("baseline.channel_mix.phone", 0.6.into());
        assert_eq!(
            value.to_text(),
            r#"{"baseline":{"channel_mix":{"phone":0.6},"currency":"EUR"}}"#
        );
        assert_eq!(
            value.remove("baseline").map(|b| b.to_text()).as_deref(),
            Some(r#"{"channel_mix":{"phone":0.6},"currency":"EUR"}"#)
        );
        assert_eq!(value.to_text(), "{}");
    }

    #[test]
    fn says_where_the_text_stops_being_json() {
        let at = |text: &str| Json::parse(text).unwrap_err().at;
        assert_eq!(at(""), 1);
        assert_eq!(at("{\"a\": 1,}"), 9);
        assert_eq!(at("[1 2]"), 4);
        assert_eq!(at("{\"é\": tru}"), 7);
        assert_eq!(at("01"), 1);
        assert_eq!(at("1."), 1);
        assert_eq!(at("1e999"), 1);
        assert_eq!(at("\"a\nb\""), 3);
        assert_eq!(at("\"\\ud83d\""), 8);
        assert_eq!(at("{} x"), 4);
        assert_eq!(
            Json::parse("nul").unwrap_err().to_string(),
            "expected null at character 1"
        );
    }

    #[test]
    fn deep_nesting_is_refused_not_overflowed() {
        let deep = "[".repeat(100_000);
        assert_eq!(
            Json::parse(&deep).unwrap_err().expected,
            "less deeply nested data"
        );
        let fine = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert!(Json::parse(&fine).is_ok());
    }
}
