//! [`Literal`]: a value written into a URL (key values, function parameters).

use std::borrow::Cow;
use std::fmt;

use super::decimal::Decimal;
use super::edm::{Binary, Date, DateTimeOffset, Duration, Guid, TimeOfDay};
use super::model::{EnumType, Structured};
use super::number::{Number, NumberValue};

/// A value in OData's URL literal syntax, e.g. `'it''s'`, `42`, `2024-01-31`,
/// `microsoft.graph.weekday'monday'`.
///
/// [`Display`](fmt::Display) gives the literal as OData writes it, before percent-encoding, which
/// also suits building `$filter` expressions. Build one with the constructors, which pick the
/// right syntax for each Edm type.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Literal {
    /// A string: `'text'` with `'` doubled; the text alone as a key segment.
    String(String),
    /// A value written the same way everywhere: numbers, booleans, GUIDs, dates, `null`, and
    /// text given verbatim.
    Plain(String),
    /// An enum member: `Namespace.Type'member'`; the member alone as a key segment.
    EnumMember {
        /// The qualified name of the enum type.
        type_name: String,
        /// The member's name.
        member: String,
    },
    /// A complex value, collection or entity as its JSON text. OData URLs carry such values
    /// as JSON; as function parameters they are written as parameter aliases
    /// (`f(x=@x)?@x=<JSON>`), since JSON in a path segment is fragile (slashes, and servers
    /// that split or decode paths before parsing them).
    Json(String),
}

impl Literal {
    /// An Edm.String.
    pub fn string(value: impl Into<String>) -> Self {
        Literal::String(value.into())
    }

    /// An integer of any Edm integer type.
    pub fn integer(value: impl Into<i64>) -> Self {
        Literal::Plain(value.into().to_string())
    }

    /// An Edm.Boolean.
    pub fn boolean(value: bool) -> Self {
        Literal::Plain(value.to_string())
    }

    /// An Edm.Double or Edm.Single (`INF`, `-INF` and `NaN` for the non-finite values).
    pub fn double(value: f64) -> Self {
        let text = if value.is_nan() {
            "NaN".to_owned()
        } else if value.is_infinite() {
            if value > 0.0 { "INF" } else { "-INF" }.to_owned()
        } else {
            value.to_string()
        };
        Literal::Plain(text)
    }

    /// An Edm.Decimal.
    pub fn decimal(value: &Decimal) -> Self {
        Literal::Plain(value.to_string())
    }

    /// An Edm.Double, Edm.Single or Edm.Int64 as received or built: the text it was sent as,
    /// if any.
    pub fn number<T: NumberValue>(value: &Number<T>) -> Self {
        Literal::Plain(value.to_string())
    }

    /// An Edm.Guid (unquoted), as received or built.
    pub fn guid(value: &Guid) -> Self {
        Literal::Plain(value.as_str().to_owned())
    }

    /// An Edm.Date (unquoted).
    pub fn date(value: &Date) -> Self {
        Literal::Plain(value.as_str().to_owned())
    }

    /// An Edm.TimeOfDay (unquoted).
    pub fn time_of_day(value: &TimeOfDay) -> Self {
        Literal::Plain(value.as_str().to_owned())
    }

    /// An Edm.DateTimeOffset (unquoted, RFC 3339; `+` is percent-encoded in URLs). A value
    /// received without an offset, which OData's literal syntax does not allow, is written in
    /// UTC, as it reads.
    pub fn date_time_offset(value: &DateTimeOffset) -> Self {
        if value.has_offset() {
            Literal::Plain(value.as_str().to_owned())
        } else {
            Literal::Plain(DateTimeOffset::from(value.to_utc()).as_str().to_owned())
        }
    }

    /// An Edm.Duration: `duration'P1D'`.
    pub fn duration(value: &Duration) -> Self {
        Literal::Plain(format!("duration'{value}'"))
    }

    /// An Edm.Binary: `binary'…'` (in the value's alphabet; base64url when built in code).
    pub fn binary(value: &Binary) -> Self {
        Literal::Plain(format!("binary'{value}'"))
    }

    /// A member of an enum type given by name.
    pub fn enum_member(type_name: impl Into<String>, member: impl Into<String>) -> Self {
        Literal::EnumMember {
            type_name: type_name.into(),
            member: member.into(),
        }
    }

    /// A member of a generated enum type.
    pub fn enum_value<E: EnumType>(value: &E) -> Self {
        Literal::enum_member(E::TYPE_NAME, value.as_wire())
    }

    /// `null`.
    pub fn null() -> Self {
        Literal::Plain("null".to_owned())
    }

    /// Text written as given (still percent-encoded in URLs), for syntax not covered here, such as
    /// parameter aliases (`@p1`) or spatial literals.
    pub fn raw(text: impl Into<String>) -> Self {
        Literal::Plain(text.into())
    }

    /// The value as a key segment (key-as-segment convention): strings and enum members
    /// without quotes or type name, everything else as its literal.
    pub(super) fn segment_text(&self) -> &str {
        match self {
            Literal::String(text) | Literal::Plain(text) | Literal::Json(text) => text,
            Literal::EnumMember { member, .. } => member,
        }
    }

    /// Whether `text` could be mistaken for something else as a path segment, so the
    /// key-as-segment convention cannot be used for it: an empty segment, a dot segment
    /// (removed by URL normalization), or a system segment such as `$count`.
    pub(super) fn is_ambiguous_segment(text: &str) -> bool {
        matches!(text, "" | "." | "..") || text.starts_with('$')
    }
}

/// The literal as OData writes it, before percent-encoding.
impl fmt::Display for Literal {
    fn fmt(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        match self {
            Literal::String(text) => write!(formatter, "'{}'", quoted(text)),
            Literal::Plain(text) | Literal::Json(text) => formatter.write_str(text),
            Literal::EnumMember { type_name, member } => {
                write!(formatter, "{type_name}'{}'", quoted(member))
            }
        }
    }
}

/// `text` with `'` doubled, as inside an OData string literal.
fn quoted(text: &str) -> Cow<'_, str> {
    if text.contains('\'') {
        Cow::Owned(text.replace('\'', "''"))
    } else {
        Cow::Borrowed(text)
    }
}

impl From<String> for Literal {
    fn from(value: String) -> Self {
        Literal::String(value)
    }
}

impl From<&str> for Literal {
    fn from(value: &str) -> Self {
        Literal::string(value)
    }
}

impl From<&String> for Literal {
    fn from(value: &String) -> Self {
        Literal::string(value.as_str())
    }
}

macro_rules! literal_from_integer {
    ($($ty:ty),*) => {$(
        impl From<$ty> for Literal {
            fn from(value: $ty) -> Self {
                Literal::integer(value)
            }
        }
    )*};
}

literal_from_integer!(i8, i16, i32, i64, u8);

impl From<bool> for Literal {
    fn from(value: bool) -> Self {
        Literal::boolean(value)
    }
}

impl From<Guid> for Literal {
    fn from(value: Guid) -> Self {
        Literal::guid(&value)
    }
}

impl From<Date> for Literal {
    fn from(value: Date) -> Self {
        Literal::date(&value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn structured_values_are_json_and_untyped_scalars_plain() {
        let value = serde_json::json!({"a": [1]});
        assert_eq!(
            Literal::of(&value),
            Literal::Json(r#"{"a":[1]}"#.to_owned())
        );
        assert_eq!(Literal::of(&[1, 2][..]), Literal::Json("[1,2]".to_owned()));
        let text = serde_json::json!("it's");
        assert_eq!(Literal::of(&text), Literal::Plain(r#""it's""#.to_owned()));
        assert_eq!(Literal::of(&serde_json::Value::Null).to_string(), "null");
        assert_eq!(Literal::json(&[true]).to_string(), "[true]");
    }

    #[test]
    fn odata_syntax() {
        let cases = [
            (Literal::string("it's"), "'it''s'"),
            (Literal::from(-5i32), "-5"),
            (Literal::from(u8::MAX), "255"),
            (Literal::boolean(true), "true"),
            (Literal::double(1.5), "1.5"),
            (Literal::double(f64::NEG_INFINITY), "-INF"),
            (Literal::double(f64::NAN), "NaN"),
            (
                Literal::guid(&Guid::nil()),
                "00000000-0000-0000-0000-000000000000",
            ),
            (
                Literal::guid(&"0F8FAD5B-D9CB-469F-A165-70867728950E".parse().unwrap()),
                "0F8FAD5B-D9CB-469F-A165-70867728950E",
            ),
            (Literal::date(&"2024-01-31".parse().unwrap()), "2024-01-31"),
            (
                Literal::time_of_day(&"07:05:00.0000000".parse().unwrap()),
                "07:05:00.0000000",
            ),
            (Literal::number(&Number::from(12.0)), "12"),
            (
                Literal::number(&super::super::number::Single::from(f32::NAN)),
                "NaN",
            ),
            (
                Literal::duration(&"PT1H".parse().unwrap()),
                "duration'PT1H'",
            ),
            (Literal::binary(&Binary::from(vec![1, 2])), "binary'AQI='"),
            (
                Literal::binary(&Binary::from_base64("+/8").unwrap()),
                "binary'+/8'",
            ),
            (Literal::decimal(&"1.50".parse().unwrap()), "1.50"),
            (Literal::enum_member("ns.color", "r'd"), "ns.color'r''d'"),
            (Literal::null(), "null"),
            (Literal::raw("@p1"), "@p1"),
        ];
        for (literal, expected) in cases {
            assert_eq!(literal.to_string(), expected);
        }
        let offset: DateTimeOffset = "2024-01-31T10:00:00.50+01:00".parse().unwrap();
        assert_eq!(
            Literal::date_time_offset(&offset).to_string(),
            "2024-01-31T10:00:00.50+01:00"
        );
        let without_offset: DateTimeOffset = "2020-02-04T07:00:00.0000000".parse().unwrap();
        assert_eq!(
            Literal::date_time_offset(&without_offset).to_string(),
            "2020-02-04T07:00:00Z"
        );
    }

    #[test]
    fn segment_forms_drop_quotes() {
        assert_eq!(Literal::string("it's").segment_text(), "it's");
        assert_eq!(
            Literal::enum_member("ns.color", "red").segment_text(),
            "red"
        );
        assert_eq!(Literal::from(7i64).segment_text(), "7");
        for ambiguous in ["", ".", "..", "$count", "$ref"] {
            assert!(Literal::is_ambiguous_segment(ambiguous), "{ambiguous}");
        }
        assert!(!Literal::is_ambiguous_segment("a.b"));
    }
}

/// A value that can be written as a URL literal: function parameters and keys.
///
/// Implemented for the Edm primitive types and for every [`Structured`] type here (its JSON, as
/// OData allows for complex and collection parameters), and by the generator's macros for enums
/// (`Namespace.Type'member'`) and `Any…` enums (their JSON).
pub trait ToLiteral {
    /// The value as a literal.
    fn to_literal(&self) -> Literal;
}

impl Literal {
    /// The literal of any value that has one.
    pub fn of<T: ToLiteral + ?Sized>(value: &T) -> Literal {
        value.to_literal()
    }

    /// A value written as its JSON text (complex and collection parameters), see
    /// [`Literal::Json`].
    pub fn json<T: serde::Serialize + ?Sized>(value: &T) -> Literal {
        // Serializing generated types into a string cannot fail: their maps have string keys.
        Literal::Json(serde_json::to_string(value).unwrap_or_else(|_| "null".to_owned()))
    }
}

impl ToLiteral for str {
    fn to_literal(&self) -> Literal {
        Literal::string(self)
    }
}

impl ToLiteral for String {
    fn to_literal(&self) -> Literal {
        Literal::string(self.as_str())
    }
}

impl ToLiteral for bool {
    fn to_literal(&self) -> Literal {
        Literal::boolean(*self)
    }
}

macro_rules! to_literal_integer {
    ($($ty:ty),*) => {$(
        impl ToLiteral for $ty {
            fn to_literal(&self) -> Literal {
                Literal::integer(*self)
            }
        }
    )*};
}
to_literal_integer!(i8, i16, i32, i64, u8);

impl<T: NumberValue> ToLiteral for Number<T> {
    fn to_literal(&self) -> Literal {
        Literal::number(self)
    }
}

impl ToLiteral for f64 {
    fn to_literal(&self) -> Literal {
        Literal::double(*self)
    }
}

impl ToLiteral for f32 {
    fn to_literal(&self) -> Literal {
        Literal::double(f64::from(*self))
    }
}

impl ToLiteral for Guid {
    fn to_literal(&self) -> Literal {
        Literal::guid(self)
    }
}

impl ToLiteral for Date {
    fn to_literal(&self) -> Literal {
        Literal::date(self)
    }
}

impl ToLiteral for TimeOfDay {
    fn to_literal(&self) -> Literal {
        Literal::time_of_day(self)
    }
}

impl ToLiteral for DateTimeOffset {
    fn to_literal(&self) -> Literal {
        Literal::date_time_offset(self)
    }
}

impl ToLiteral for Duration {
    fn to_literal(&self) -> Literal {
        Literal::duration(self)
    }
}

impl ToLiteral for Decimal {
    fn to_literal(&self) -> Literal {
        Literal::decimal(self)
    }
}

impl ToLiteral for Binary {
    fn to_literal(&self) -> Literal {
        Literal::binary(self)
    }
}

/// Untyped JSON: an object or array is [`Literal::Json`] (a parameter alias in a function
/// call); a scalar stays inline as its JSON text (`"text"`, `1`, `true`, `null`), as OData 4.01
/// allows in URLs.
impl ToLiteral for serde_json::Value {
    fn to_literal(&self) -> Literal {
        match self {
            serde_json::Value::Object(_) | serde_json::Value::Array(_) => Literal::json(self),
            scalar => Literal::Plain(scalar.to_string()),
        }
    }
}

impl<T: ToLiteral> ToLiteral for Option<T> {
    fn to_literal(&self) -> Literal {
        match self {
            Some(value) => value.to_literal(),
            None => Literal::null(),
        }
    }
}

/// A complex or entity value: its JSON object. One impl for every generated struct rather than
/// one per struct, which the crate would type-check whether it is used or not.
impl<T: Structured + serde::Serialize> ToLiteral for T {
    fn to_literal(&self) -> Literal {
        Literal::json(self)
    }
}

/// A collection parameter: its JSON array.
impl<T: serde::Serialize> ToLiteral for [T] {
    fn to_literal(&self) -> Literal {
        Literal::json(self)
    }
}

impl<E: EnumType> ToLiteral for super::flags::Flags<E> {
    fn to_literal(&self) -> Literal {
        let members: Vec<&str> = self.0.iter().map(EnumType::as_wire).collect();
        Literal::enum_member(E::TYPE_NAME, members.join(","))
    }
}
