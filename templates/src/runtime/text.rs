//! Reading values whose JSON form is a string in some grammar (dates, GUIDs, base64, ...).

use std::fmt;

use serde::de::{Deserializer, Error, Expected, Unexpected, Visitor};

/// Reads a JSON string and parses it with `parse`; a string `parse` rejects, or anything but a
/// string, is an error mentioning `expecting`.
pub(super) fn deserialize_text<'de, T, D: Deserializer<'de>>(
    deserializer: D,
    expecting: &'static str,
    parse: fn(&str) -> Option<T>,
) -> Result<T, D::Error> {
    deserializer.deserialize_str(TextVisitor { expecting, parse })
}

/// The error for a string that is not in the expected grammar. Quotes at most the start of it,
/// so that a hostile megabyte string does not end up in an error message.
pub(super) fn invalid_text<E: Error>(text: &str, expecting: &str) -> E {
    const QUOTED_CHARS: usize = 40;
    match text.char_indices().nth(QUOTED_CHARS) {
        Some((cut, _)) => E::custom(format_args!("invalid {expecting}: {:?}...", &text[..cut])),
        None => E::custom(format_args!("invalid {expecting}: {text:?}")),
    }
}

/// The error for a string where something else was expected: serde's own message would quote
/// all of it (a megabyte string, a megabyte message); this one quotes the start. The runtime's
/// visitors call it from `visit_str`, and they are driven with `deserialize_any`: given
/// `deserialize_map`, `deserialize_seq` or `deserialize_i32`, serde_json writes the type error
/// itself, with the whole string, without asking the visitor.
pub(super) fn string_instead<E: Error>(text: &str, expected: &dyn Expected) -> E {
    const QUOTED_CHARS: usize = 40;
    match text.char_indices().nth(QUOTED_CHARS) {
        Some((cut, _)) => E::invalid_type(
            Unexpected::Other(&format!("string {:?}...", &text[..cut])),
            expected,
        ),
        None => E::invalid_type(Unexpected::Str(text), expected),
    }
}

struct TextVisitor<T> {
    expecting: &'static str,
    parse: fn(&str) -> Option<T>,
}

impl<T> Visitor<'_> for TextVisitor<T> {
    type Value = T;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        write!(formatter, "a string holding {}", self.expecting)
    }

    fn visit_str<E: Error>(self, text: &str) -> Result<T, E> {
        (self.parse)(text).ok_or_else(|| invalid_text(text, self.expecting))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_texts_are_cut_in_messages() {
        let long = "é".repeat(1000);
        let message = invalid_text::<serde_json::Error>(&long, "a date").to_string();
        assert!(message.len() < 120, "{message}");
        assert!(message.starts_with("invalid a date: \"éé"));
        let short = invalid_text::<serde_json::Error>("x", "a date").to_string();
        assert_eq!(short, r#"invalid a date: "x""#);
    }

    #[test]
    fn parses_strings_only() {
        let parse = |json: &str| {
            deserialize_text(
                &mut serde_json::Deserializer::from_str(json),
                "a digit",
                |text| text.parse::<u8>().ok(),
            )
        };
        assert_eq!(parse(r#""7""#).unwrap(), 7);
        assert!(parse("7").is_err());
        assert!(parse(r#""x""#).is_err());
    }
}
