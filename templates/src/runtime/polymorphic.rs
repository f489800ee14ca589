//! Reading and writing [`Polymorphic`] values: choosing the variant by `@odata.type`. The
//! generic code behind [`polymorphic_serde!`](crate::runtime::polymorphic_serde).

use std::fmt;
use std::marker::PhantomData;

use serde::de::value::MapDeserializer;
use serde::de::{DeserializeSeed, Deserializer, Error, MapAccess, Unexpected, Visitor};
use serde::ser::Serializer;
use serde_json::{Map, Value};

use super::model::{Namespace, Polymorphic, Structured};
use super::object::{write_object, ODATA_TYPE};

/// Reads a [`Polymorphic`] value from a JSON object.
///
/// Conforming payloads put `@odata.type` first; then the variant is chosen from it and the rest
/// of the object is streamed into that variant. Otherwise the object is buffered first and
/// searched for `@odata.type`. Without one, or with a type name not among the variants, the
/// value is read as the declared type (variant 0), keeping the `@odata.type` verbatim so that
/// writing the value back loses nothing.
pub fn deserialize_polymorphic<'de, T: Polymorphic, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<T, D::Error> {
    // `deserialize_any`: see `text::string_instead`.
    deserializer.deserialize_any(PolymorphicVisitor::<T>(PhantomData))
}

/// Writes a [`Polymorphic`] value (through its `write_variant`).
pub fn serialize_polymorphic<T: Polymorphic, S: Serializer>(
    value: &T,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    value.write_variant(serializer)
}

/// Writes one variant of a [`Polymorphic`] value like
/// [`serialize_structured`](crate::runtime::serialize_structured); a value of a derived type
/// (`is_derived`) that carries no `@odata.type` gets `"@odata.type": "#<TYPE_NAME>"`, without
/// which the receiver would take it for the declared type.
pub fn write_variant<T: Structured, S: Serializer>(
    value: &T,
    is_derived: bool,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    write_object(value, is_derived.then_some(T::TYPE_NAME), serializer)
}

/// The index in `variants` of the type named by an `@odata.type` value (`#ns.name`, `ns.name`,
/// `#alias.name` or `alias.name`), if it is one of them.
///
/// Variant tables can have a thousand entries (everything derived from Graph's `entity`), so
/// this compares lengths and simple names before namespaces, and allocates nothing.
pub fn variant_index(
    odata_type: &str,
    variants: &[&str],
    namespaces: &[Namespace],
) -> Option<usize> {
    let qualified = odata_type.strip_prefix('#').unwrap_or(odata_type);
    let (namespace, simple) = qualified.rsplit_once('.')?;
    let namespace = namespaces
        .iter()
        .find(|candidate| candidate.alias == Some(namespace))
        .map_or(namespace, |candidate| candidate.name);
    variants
        .iter()
        .position(|variant| is_qualified_name(variant, namespace, simple))
}

/// Whether `candidate` is `namespace.simple`.
fn is_qualified_name(candidate: &str, namespace: &str, simple: &str) -> bool {
    candidate.len() == namespace.len() + 1 + simple.len()
        && candidate.ends_with(simple)
        && candidate.starts_with(namespace)
        && candidate.as_bytes().get(namespace.len()) == Some(&b'.')
}

fn variant_of<T: Polymorphic>(odata_type: &str) -> usize {
    variant_index(odata_type, T::VARIANTS, T::NAMESPACES).unwrap_or(0)
}

struct PolymorphicVisitor<T>(PhantomData<fn() -> T>);

impl<'de, T: Polymorphic> Visitor<'de> for PolymorphicVisitor<T> {
    type Value = T;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        write!(
            formatter,
            "an object of type {}",
            T::VARIANTS.first().unwrap_or(&"?")
        )
    }

    fn visit_str<E: serde::de::Error>(self, value: &str) -> Result<Self::Value, E> {
        Err(super::text::string_instead(value, &self))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
        match map.next_key_seed(FirstKeySeed)? {
            Some(FirstKey::OdataType) => {
                let odata_type: String = map.next_value()?;
                T::read_variant(variant_of::<T>(&odata_type), Some(odata_type), &mut map)
            }
            Some(FirstKey::Other(name)) => read_buffered(name, map),
            None => T::read_variant(0, None, &mut empty_map::<A::Error>()),
        }
    }
}

/// A map with no entries, for reading `{}` (rather than asking the finished map for more).
fn empty_map<'de, E: Error>() -> MapDeserializer<'de, std::iter::Empty<(String, String)>, E> {
    MapDeserializer::new(std::iter::empty())
}

/// Reads a non-conforming object whose `@odata.type`, if any, is not its first entry: buffers
/// the object, then reads the variant it names from the buffer.
fn read_buffered<'de, T: Polymorphic, A: MapAccess<'de>>(
    first_key: String,
    mut map: A,
) -> Result<T, A::Error> {
    let mut object = Map::new();
    object.insert(first_key, map.next_value()?);
    while let Some((name, value)) = map.next_entry::<String, Value>()? {
        object.insert(name, value);
    }
    let odata_type = match object.remove(ODATA_TYPE) {
        None => None,
        Some(Value::String(odata_type)) => Some(odata_type),
        Some(other) => return Err(A::Error::invalid_type(unexpected(&other), &"a type name")),
    };
    let index = odata_type.as_deref().map_or(0, variant_of::<T>);
    VariantSeed::<T> {
        index,
        odata_type,
        target: PhantomData,
    }
    .deserialize(Value::Object(object))
    .map_err(A::Error::custom)
}

fn unexpected(value: &Value) -> Unexpected<'_> {
    match value {
        Value::Null => Unexpected::Unit,
        Value::Bool(value) => Unexpected::Bool(*value),
        Value::Number(_) => Unexpected::Other("a number"),
        Value::String(value) => Unexpected::Str(value),
        Value::Array(_) => Unexpected::Seq,
        Value::Object(_) => Unexpected::Map,
    }
}

/// Reads an object as the variant at `index`.
struct VariantSeed<T> {
    index: usize,
    odata_type: Option<String>,
    target: PhantomData<fn() -> T>,
}

impl<'de, T: Polymorphic> DeserializeSeed<'de> for VariantSeed<T> {
    type Value = T;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<T, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de, T: Polymorphic> Visitor<'de> for VariantSeed<T> {
    type Value = T;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("an object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
        T::read_variant(self.index, self.odata_type, &mut map)
    }
}

/// The first key of a polymorphic object: `@odata.type` or something else.
enum FirstKey {
    OdataType,
    Other(String),
}

struct FirstKeySeed;

impl<'de> DeserializeSeed<'de> for FirstKeySeed {
    type Value = FirstKey;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<FirstKey, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl Visitor<'_> for FirstKeySeed {
    type Value = FirstKey;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("a property name")
    }

    fn visit_str<E: Error>(self, name: &str) -> Result<FirstKey, E> {
        Ok(if name == ODATA_TYPE {
            FirstKey::OdataType
        } else {
            FirstKey::Other(name.to_owned())
        })
    }

    fn visit_string<E: Error>(self, name: String) -> Result<FirstKey, E> {
        Ok(if name == ODATA_TYPE {
            FirstKey::OdataType
        } else {
            FirstKey::Other(name)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NAMESPACES: &[Namespace] = &[
        Namespace {
            name: "microsoft.graph",
            alias: Some("graph"),
        },
        Namespace {
            name: "microsoft.graph.callRecords",
            alias: None,
        },
    ];
    const VARIANTS: &[&str] = &[
        "microsoft.graph.entity",
        "microsoft.graph.user",
        "microsoft.graph.callRecords.user",
    ];

    #[test]
    fn resolves_every_spelling() {
        for (spelling, index) in [
            ("#microsoft.graph.user", Some(1)),
            ("microsoft.graph.user", Some(1)),
            ("#graph.user", Some(1)),
            ("graph.user", Some(1)),
            ("#microsoft.graph.callRecords.user", Some(2)),
            ("#microsoft.graph.entity", Some(0)),
        ] {
            assert_eq!(
                variant_index(spelling, VARIANTS, NAMESPACES),
                index,
                "{spelling}"
            );
        }
    }

    #[test]
    fn rejects_near_misses() {
        for spelling in [
            "",
            "#",
            "user",
            "#user",
            ".user",
            "microsoft.graph.",
            "#microsoft.graph.User",
            "microsoft.graphxuser",
            "other.user",
            "##microsoft.graph.user",
            "graph.callRecords.user",
            "microsoft.graph.user ",
            "#microsoft.graph.usér",
        ] {
            assert_eq!(
                variant_index(spelling, VARIANTS, NAMESPACES),
                None,
                "{spelling}"
            );
        }
    }

    #[test]
    fn multi_byte_names_do_not_split_characters() {
        assert_eq!(variant_index("é.é", &["éé.é", "é.é"], &[]), Some(1));
        assert_eq!(variant_index("ns.ü", &["nsü.", "ns.ü"], &[]), Some(1));
    }
}
