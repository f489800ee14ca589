//! Reading and writing [`Structured`] values as JSON objects: the generic code behind
//! [`structured_serde!`](crate::runtime::structured_serde).

use std::fmt;
use std::marker::PhantomData;

use serde::de::{DeserializeSeed, Deserializer, Error, MapAccess, Visitor};
use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;

use super::additional::AdditionalProperties;
use super::model::{PropertyWriter, Read, Structured};

/// The key of the control information that names an object's type.
pub(super) const ODATA_TYPE: &str = "@odata.type";

/// Reads a [`Structured`] value from a JSON object.
///
/// Declared properties go through the type's `read_property`; `@odata.type` is kept verbatim;
/// everything else (unknown properties, instance and property annotations) is appended to the
/// additional properties in order. Anything but an object is an error.
pub fn deserialize_structured<'de, T: Structured, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<T, D::Error> {
    // `deserialize_any`: see `text::string_instead`.
    deserializer.deserialize_any(StructuredVisitor::<T>(PhantomData))
}

/// Reads the rest of an object as a `T` whose `@odata.type`, the object's first key, has
/// already been read.
pub fn read_rest<'de, A: MapAccess<'de>, T: Structured>(
    odata_type: Option<String>,
    map: &mut A,
) -> Result<Box<T>, A::Error> {
    let mut value = Box::<T>::default();
    value.set_odata_type(odata_type);
    read_entries(&mut *value, map)?;
    Ok(value)
}

/// Writes a [`Structured`] value as a JSON object.
///
/// Order: `@odata.type` (if set), the instance annotations among the additional properties
/// (keys starting with `@`, e.g. `@odata.context`), the declared properties, then the other
/// additional properties (unknown properties and property annotations such as
/// `tags@odata.count`).
pub fn serialize_structured<T: Structured, S: Serializer>(
    value: &T,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    write_object(value, None, serializer)
}

/// Writes a [`Structured`] value as a JSON object; if it carries no `@odata.type`, and
/// `implied_type` is given, writes `"@odata.type": "#<implied_type>"` first so that the receiver
/// knows which derived type it is.
pub(super) fn write_object<T: Structured, S: Serializer>(
    value: &T,
    implied_type: Option<&str>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    let mut map = serializer.serialize_map(None)?;
    match (value.odata_type(), implied_type) {
        (Some(odata_type), _) => map.serialize_entry(ODATA_TYPE, odata_type)?,
        (None, Some(type_name)) => map.serialize_entry(ODATA_TYPE, &TypeReference(type_name))?,
        (None, None) => {}
    }
    write_additional(
        &mut map,
        value.additional_properties(),
        Part::InstanceAnnotations,
    )?;
    let mut properties = PropertyWriter::new(&mut map);
    value.write_properties(&mut properties);
    properties.finish()?;
    let additional = value.additional_properties();
    if additional.has_null_for_any(T::PROPERTIES) {
        // A `null` received for a non-nullable property is written back unless the program
        // has set the property since (it is then written with its value above).
        let written = written_properties(value);
        for (name, entry) in additional.entries() {
            let shadowed = entry.is_null() && written.iter().any(|w| w == name);
            if !name.starts_with('@') && !shadowed {
                map.serialize_entry(name, entry)?;
            }
        }
    } else {
        write_additional(&mut map, additional, Part::Rest)?;
    }
    map.end()
}

/// The names of the declared properties `value` writes (those set).
fn written_properties<T: Structured>(value: &T) -> Vec<String> {
    let mut probe = NameProbe(Vec::new());
    // The probe never fails.
    value.write_properties(&mut PropertyWriter::new(&mut probe));
    probe.0
}

/// A map that only records its keys.
struct NameProbe(Vec<String>);

impl SerializeMap for NameProbe {
    type Ok = ();
    type Error = serde_json::Error;

    fn serialize_key<K: Serialize + ?Sized>(&mut self, key: &K) -> Result<(), Self::Error> {
        if let serde_json::Value::String(name) = serde_json::to_value(key)? {
            self.0.push(name);
        }
        Ok(())
    }

    fn serialize_value<V: Serialize + ?Sized>(&mut self, _value: &V) -> Result<(), Self::Error> {
        Ok(())
    }

    fn end(self) -> Result<(), Self::Error> {
        Ok(())
    }
}

/// Which additional properties to write: those that go before the declared properties or the
/// others.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Part {
    /// Annotations of the object itself (`@odata.context`, `@odata.etag`, ...): first, as OData
    /// wants control information before the data.
    InstanceAnnotations,
    /// Unknown properties and property annotations (`name@annotation`).
    Rest,
}

/// Writes the additional properties of one [`Part`], in order.
pub(super) fn write_additional<M: SerializeMap>(
    map: &mut M,
    additional: &AdditionalProperties,
    part: Part,
) -> Result<(), M::Error> {
    let wanted = part == Part::InstanceAnnotations;
    for (name, value) in additional.entries() {
        if name.starts_with('@') == wanted {
            map.serialize_entry(name, value)?;
        }
    }
    Ok(())
}

/// `#` followed by a qualified type name, written without building the string first.
struct TypeReference<'a>(&'a str);

impl Serialize for TypeReference<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&format_args!("#{}", self.0))
    }
}

struct StructuredVisitor<T>(PhantomData<fn() -> T>);

impl<'de, T: Structured> Visitor<'de> for StructuredVisitor<T> {
    type Value = T;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        write!(formatter, "an object of type {}", T::TYPE_NAME)
    }

    fn visit_str<E: serde::de::Error>(self, value: &str) -> Result<Self::Value, E> {
        Err(super::text::string_instead(value, &self))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
        let mut value = T::default();
        read_entries(&mut value, &mut map)?;
        Ok(value)
    }
}

/// Reads the remaining entries of an object into `value`.
fn read_entries<'de, T: Structured, A: MapAccess<'de>>(
    value: &mut T,
    map: &mut A,
) -> Result<(), A::Error> {
    // Services write properties in declaration order, so the property after the last one read
    // is the first candidate for the next key.
    let mut expected = 0;
    while let Some(key) = map.next_key_seed(KeySeed {
        properties: T::PROPERTIES,
        expected,
    })? {
        match key {
            Key::OdataType => {
                let odata_type: String = map.next_value()?;
                if value.odata_type().is_none() {
                    value.set_odata_type(Some(odata_type));
                } else {
                    // A repeated `@odata.type`: the first chose the type; keep the others as sent
                    // rather than let a later one silently change what is written back.
                    value
                        .additional_properties_mut()
                        .push(ODATA_TYPE, serde_json::Value::String(odata_type));
                }
            }
            Key::Property(index) => {
                expected = index + 1;
                match value.read_property(index, map)? {
                    Read::Value => {}
                    // `null` for a non-nullable property: its field cannot hold it, so keep it
                    // here, to be written back.
                    Read::Null => {
                        if let Some(name) = T::PROPERTIES.get(index) {
                            value
                                .additional_properties_mut()
                                .push(*name, serde_json::Value::Null);
                        }
                    }
                    // A property without a field in this build, kept as sent.
                    Read::Kept(raw) => {
                        if let Some(name) = T::PROPERTIES.get(index) {
                            value
                                .additional_properties_mut()
                                .push_raw((*name).to_owned(), raw);
                        }
                    }
                }
            }
            Key::Other(name) => {
                // Kept as JSON text: a copy, not a tree, and exact whatever it holds.
                let entry = map.next_value()?;
                value.additional_properties_mut().push_raw(name, entry);
            }
        }
    }
    Ok(())
}

/// What a key of a structured object refers to.
enum Key {
    OdataType,
    /// A declared property, by index.
    Property(usize),
    /// Anything else, by name.
    Other(String),
}

/// Classifies a key while the deserializer still holds it, so that keys of declared
/// properties are never copied.
struct KeySeed {
    properties: &'static [&'static str],
    /// The index of the property most likely to come next.
    expected: usize,
}

impl KeySeed {
    fn classify(&self, name: &str) -> Option<Key> {
        if name == ODATA_TYPE {
            return Some(Key::OdataType);
        }
        property_index(self.properties, self.expected, name).map(Key::Property)
    }
}

/// The position of `name` in `properties`, trying `expected` first.
pub(super) fn property_index(properties: &[&str], expected: usize, name: &str) -> Option<usize> {
    if properties.get(expected) == Some(&name) {
        return Some(expected);
    }
    properties.iter().position(|property| *property == name)
}

impl<'de> DeserializeSeed<'de> for KeySeed {
    type Value = Key;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Key, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl Visitor<'_> for KeySeed {
    type Value = Key;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("a property name")
    }

    fn visit_str<E: Error>(self, name: &str) -> Result<Key, E> {
        Ok(self
            .classify(name)
            .unwrap_or_else(|| Key::Other(name.to_owned())))
    }

    fn visit_string<E: Error>(self, name: String) -> Result<Key, E> {
        Ok(self.classify(&name).unwrap_or(Key::Other(name)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn property_lookup_tries_the_expected_index_first() {
        let properties = ["a", "bb", "cc"];
        assert_eq!(property_index(&properties, 1, "bb"), Some(1));
        assert_eq!(property_index(&properties, 1, "cc"), Some(2));
        assert_eq!(property_index(&properties, 3, "a"), Some(0));
        assert_eq!(property_index(&properties, 0, "d"), None);
        assert_eq!(property_index(&[], 0, ""), None);
    }
}
