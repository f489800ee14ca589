//! Response envelopes: [`Collection`] (`{"value": [...], "@odata.nextLink": ...}`),
//! [`ValueResponse`] (`{"value": ...}`) and [`NoContent`].

use std::fmt;
use std::marker::PhantomData;

use serde::de::{DeserializeSeed, Deserializer, Error, IgnoredAny, MapAccess, Visitor};
use serde::ser::{SerializeMap, Serializer};
use serde::{Deserialize, Serialize};

use super::additional::AdditionalProperties;
use super::model::write;
use super::object::{property_index, write_additional, Part};
use super::wire::{AsWire, Wire, WireSeed};

/// One page of a collection: what a GET of an entity set, a collection-valued navigation
/// property or a collection-returning function answers.
#[derive(Debug, Clone, PartialEq)]
pub struct Collection<T> {
    /// The items of this page.
    pub value: Vec<T>,
    /// `@odata.nextLink`: the URL of the next page, if there is one.
    pub next_link: Option<String>,
    /// `@odata.deltaLink`: the URL that returns the changes since this response (delta queries).
    pub delta_link: Option<String>,
    /// `@odata.count`: the number of items in all pages (when `$count=true` was asked).
    pub count: Option<i64>,
    /// Other annotations (`@odata.context`, ...) and unknown properties, in order.
    pub additional_properties: AdditionalProperties,
}

// Hand-written so that `Collection<T>: Default` does not require `T: Default`.
impl<T> Default for Collection<T> {
    fn default() -> Self {
        Collection {
            value: Vec::new(),
            next_link: None,
            delta_link: None,
            count: None,
            additional_properties: AdditionalProperties::default(),
        }
    }
}

const COLLECTION_KEYS: &[&str] = &[
    "value",
    "@odata.nextLink",
    "@odata.deltaLink",
    "@odata.count",
];

impl<'de, T: Wire> Deserialize<'de> for Collection<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // `deserialize_any`: see `text::string_instead`.
        deserializer.deserialize_any(EnvelopeVisitor::<Self>(PhantomData))
    }
}

impl<T: Wire> Envelope for Collection<T> {
    /// The page without its items, and the items once read.
    type Partial = (Collection<T>, Option<Vec<T>>);
    const KEYS: &'static [&'static str] = COLLECTION_KEYS;

    fn read_key<'de, A: MapAccess<'de>>(
        (page, items): &mut Self::Partial,
        index: usize,
        map: &mut A,
    ) -> Result<(), A::Error> {
        match index {
            0 => *items = Some(map.next_value_seed(WireSeed::new())?),
            1 => page.next_link = map.next_value()?,
            2 => page.delta_link = map.next_value()?,
            _ => page.count = map.next_value_seed(WireSeed::new())?,
        }
        Ok(())
    }

    fn additional_properties_mut((page, _): &mut Self::Partial) -> &mut AdditionalProperties {
        &mut page.additional_properties
    }

    fn finish((page, items): Self::Partial) -> Option<Self> {
        Some(Collection {
            value: items?,
            ..page
        })
    }
}

impl<T: Wire> Serialize for Collection<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        write_additional(
            &mut map,
            &self.additional_properties,
            Part::InstanceAnnotations,
        )?;
        write(&mut map, "@odata.count", &self.count)?;
        map.serialize_entry("value", &AsWire(&self.value))?;
        write(&mut map, "@odata.nextLink", &self.next_link)?;
        write(&mut map, "@odata.deltaLink", &self.delta_link)?;
        write_additional(&mut map, &self.additional_properties, Part::Rest)?;
        map.end()
    }
}

/// The answer of a function or action returning a single primitive or enum value (or a
/// collection of them): `{"value": ...}`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ValueResponse<T> {
    /// The returned value.
    pub value: T,
    /// Annotations (`@odata.context`, ...) and unknown properties, in order.
    pub additional_properties: AdditionalProperties,
}

impl<T> ValueResponse<T> {
    /// The returned value, without the annotations.
    pub fn into_value(self) -> T {
        self.value
    }
}

impl<'de, T: Wire> Deserialize<'de> for ValueResponse<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // `deserialize_any`: see `text::string_instead`.
        deserializer.deserialize_any(EnvelopeVisitor::<Self>(PhantomData))
    }
}

impl<T: Wire> Envelope for ValueResponse<T> {
    /// The value once read, and the rest.
    type Partial = (Option<T>, AdditionalProperties);
    const KEYS: &'static [&'static str] = &["value"];

    fn read_key<'de, A: MapAccess<'de>>(
        (value, _): &mut Self::Partial,
        _index: usize,
        map: &mut A,
    ) -> Result<(), A::Error> {
        *value = Some(map.next_value_seed(WireSeed::new())?);
        Ok(())
    }

    fn additional_properties_mut((_, rest): &mut Self::Partial) -> &mut AdditionalProperties {
        rest
    }

    fn finish((value, additional_properties): Self::Partial) -> Option<Self> {
        Some(ValueResponse {
            value: value?,
            additional_properties,
        })
    }
}

impl<T: Wire> Serialize for ValueResponse<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        write_additional(
            &mut map,
            &self.additional_properties,
            Part::InstanceAnnotations,
        )?;
        map.serialize_entry("value", &AsWire(&self.value))?;
        write_additional(&mut map, &self.additional_properties, Part::Rest)?;
        map.end()
    }
}

/// The answer of a request that returns nothing (`204 No Content`); reading it accepts and
/// ignores any JSON value, so a service that does return a body is no error.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct NoContent;

impl<'de> Deserialize<'de> for NoContent {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_ignored_any(IgnoredAny)?;
        Ok(NoContent)
    }
}

impl Serialize for NoContent {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_unit()
    }
}

/// A response object with a few known keys, of which `value` is required.
///
/// It is read into a `Partial` first, since the envelope cannot exist before its `value` has
/// been read (and `T` need not have a default to stand in for it).
trait Envelope: Sized {
    /// What has been read so far.
    type Partial: Default;

    /// The known keys.
    const KEYS: &'static [&'static str];

    /// Reads the value of the known key at `index`.
    fn read_key<'de, A: MapAccess<'de>>(
        partial: &mut Self::Partial,
        index: usize,
        map: &mut A,
    ) -> Result<(), A::Error>;

    /// Where everything else goes.
    fn additional_properties_mut(partial: &mut Self::Partial) -> &mut AdditionalProperties;

    /// The envelope, or `None` if `value` was missing.
    fn finish(partial: Self::Partial) -> Option<Self>;
}

struct EnvelopeVisitor<T>(PhantomData<fn() -> T>);

impl<'de, T: Envelope> Visitor<'de> for EnvelopeVisitor<T> {
    type Value = T;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str(r#"an object with a "value""#)
    }

    fn visit_str<E: serde::de::Error>(self, value: &str) -> Result<Self::Value, E> {
        Err(super::text::string_instead(value, &self))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
        let mut partial = T::Partial::default();
        while let Some(key) = map.next_key_seed(KnownKeySeed(T::KEYS))? {
            match key {
                Ok(index) => T::read_key(&mut partial, index, &mut map)?,
                Err(name) => {
                    let value = map.next_value()?;
                    T::additional_properties_mut(&mut partial).push_raw(name, value);
                }
            }
        }
        T::finish(partial).ok_or_else(|| A::Error::missing_field("value"))
    }
}

/// Reads a key as its index among known names, or as an owned name (only unknown keys are
/// copied).
struct KnownKeySeed(&'static [&'static str]);

impl<'de> DeserializeSeed<'de> for KnownKeySeed {
    type Value = Result<usize, String>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl Visitor<'_> for KnownKeySeed {
    type Value = Result<usize, String>;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("a property name")
    }

    fn visit_str<E: Error>(self, name: &str) -> Result<Self::Value, E> {
        Ok(property_index(self.0, 0, name).ok_or_else(|| name.to_owned()))
    }

    fn visit_string<E: Error>(self, name: String) -> Result<Self::Value, E> {
        Ok(property_index(self.0, 0, &name).ok_or(name))
    }
}

#[cfg(test)]
mod tests {
    use super::super::decimal::Decimal;
    use super::*;
    use serde_json::json;

    #[test]
    fn collections_keep_paging_links_and_annotations() {
        let input = json!({
            "@odata.context": "c",
            "@odata.count": "3",
            "value": [1, "2"],
            "@odata.deltaLink": "d",
            "extra": true,
        });
        let page: Collection<i64> = serde_json::from_value(input).unwrap();
        assert_eq!(page.value, [1, 2]);
        assert_eq!(
            (page.count, page.delta_link.as_deref()),
            (Some(3), Some("d"))
        );
        assert_eq!(page.additional_properties.len(), 2);
        assert_eq!(
            serde_json::to_string(&page).unwrap(),
            r#"{"@odata.context":"c","@odata.count":3,"value":[1,2],"@odata.deltaLink":"d","extra":true}"#
        );
    }

    #[test]
    fn collections_need_a_value_array() {
        for bad in [
            json!({}),
            json!({"value": null}),
            json!({"value": {}}),
            json!([]),
            json!(null),
        ] {
            assert!(
                serde_json::from_value::<Collection<i64>>(bad.clone()).is_err(),
                "{bad}"
            );
        }
    }

    #[test]
    fn value_responses() {
        let answer: ValueResponse<Option<String>> =
            serde_json::from_str(r#"{"@odata.context":"c","value":null}"#).unwrap();
        assert_eq!(answer.value, None);
        assert_eq!(
            serde_json::to_string(&answer).unwrap(),
            r#"{"@odata.context":"c","value":null}"#
        );
        let answer: ValueResponse<i64> = serde_json::from_str(r#"{"value":"5"}"#).unwrap();
        assert_eq!(answer.into_value(), 5);
        // No `Default` needed for the value type.
        let answer: ValueResponse<Decimal> = serde_json::from_str(r#"{"value":"1.50"}"#).unwrap();
        assert_eq!(answer.value.as_str(), "1.50");
        assert!(serde_json::from_str::<ValueResponse<i64>>("{}").is_err());
    }

    #[test]
    fn no_content_ignores_any_body() {
        assert_eq!(
            serde_json::from_str::<NoContent>(r#"{"a":[1]}"#).unwrap(),
            NoContent
        );
        assert_eq!(serde_json::to_string(&NoContent).unwrap(), "null");
    }
}
