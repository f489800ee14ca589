//! The wire rules of property values: how each Rust type used for a property is read from and
//! written to OData JSON.
//!
//! OData's JSON differs from what plain `serde` impls accept (Int64 may arrive as a string,
//! doubles as `"INF"`, absent and `null` mean different things), and several of the types used
//! for properties are foreign (`String`, `Option`, chrono's types), so the rules live in a trait
//! of this module rather than in `Serialize`/`Deserialize` impls.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{DeserializeSeed, Deserializer, SeqAccess, Visitor};
use serde::ser::{SerializeSeq, Serializer};
use serde::Serialize;

/// How a property type is read from and written to OData JSON.
///
/// Implemented here for the primitive, container and Edm types, and for every generated type by
/// one blanket impl over [`Model`](crate::runtime::Model).
pub trait Wire: Sized {
    /// Reads a value present in the payload (which may be `null`).
    fn deserialize_wire<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error>;

    /// Writes the value.
    fn serialize_wire<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error>;

    /// Whether the value stands for an absent property (`None`, [`Nullable::Unset`]), which
    /// [`write`](crate::runtime::write) leaves out of the object.
    ///
    /// [`Nullable::Unset`]: crate::runtime::Nullable::Unset
    fn is_unset(&self) -> bool {
        false
    }
}

/// A [`DeserializeSeed`] that reads a `T` with its [`Wire`] rules.
pub struct WireSeed<T>(PhantomData<fn() -> T>);

impl<T> WireSeed<T> {
    /// A seed for one value.
    pub fn new() -> Self {
        WireSeed(PhantomData)
    }
}

impl<T> Default for WireSeed<T> {
    fn default() -> Self {
        Self::new()
    }
}

impl<'de, T: Wire> DeserializeSeed<'de> for WireSeed<T> {
    type Value = T;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<T, D::Error> {
        T::deserialize_wire(deserializer)
    }
}

/// A [`Serialize`] view of a value that writes it with its [`Wire`] rules.
pub struct AsWire<'a, T>(pub &'a T);

impl<T: Wire> Serialize for AsWire<'_, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize_wire(serializer)
    }
}

/// A non-nullable property the server may leave out: absent or `null` both read as `None`.
impl<T: Wire> Wire for Option<T> {
    fn deserialize_wire<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_option(OptionVisitor(PhantomData))
    }

    fn serialize_wire<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Some(value) => value.serialize_wire(serializer),
            None => serializer.serialize_none(),
        }
    }

    fn is_unset(&self) -> bool {
        self.is_none()
    }
}

struct OptionVisitor<T>(PhantomData<fn() -> T>);

impl<'de, T: Wire> Visitor<'de> for OptionVisitor<T> {
    type Value = Option<T>;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("a value or null")
    }

    fn visit_none<E: serde::de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        T::deserialize_wire(deserializer).map(Some)
    }
}

/// A collection; `null` items are rejected unless the item type is an `Option`.
impl<T: Wire> Wire for Vec<T> {
    fn deserialize_wire<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // `deserialize_any`: see `text::string_instead`.
        deserializer.deserialize_any(VecVisitor(PhantomData))
    }

    fn serialize_wire<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.len()))?;
        for item in self {
            seq.serialize_element(&AsWire(item))?;
        }
        seq.end()
    }
}

struct VecVisitor<T>(PhantomData<fn() -> T>);

/// Upper bound on the capacity reserved from a size hint, so that a lying hint cannot make us
/// allocate much before the items are actually there (serde's own rule, 1 MiB).
fn cautious_capacity<T>(hint: Option<usize>) -> usize {
    const MAX_PREALLOCATED_BYTES: usize = 1024 * 1024;
    let per_item = std::mem::size_of::<T>().max(1);
    hint.unwrap_or(0).min(MAX_PREALLOCATED_BYTES / per_item)
}

impl<'de, T: Wire> Visitor<'de> for VecVisitor<T> {
    type Value = Vec<T>;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("an array")
    }

    fn visit_str<E: serde::de::Error>(self, value: &str) -> Result<Self::Value, E> {
        Err(super::text::string_instead(value, &self))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut items = Vec::with_capacity(cautious_capacity::<T>(seq.size_hint()));
        while let Some(item) = seq.next_element_seed(WireSeed::<T>::new())? {
            items.push(item);
        }
        Ok(items)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read<T: Wire>(json: &str) -> Result<T, serde_json::Error> {
        WireSeed::<T>::new().deserialize(&mut serde_json::Deserializer::from_str(json))
    }

    fn write<T: Wire>(value: &T) -> String {
        serde_json::to_string(&AsWire(value)).expect("serializes")
    }

    #[test]
    fn option_reads_null_and_values() {
        assert_eq!(read::<Option<String>>("null").unwrap(), None);
        assert_eq!(
            read::<Option<String>>(r#""a""#).unwrap().as_deref(),
            Some("a")
        );
        assert!(None::<String>.is_unset());
        assert_eq!(write(&None::<String>), "null");
    }

    #[test]
    fn vec_rejects_null_items_unless_optional() {
        assert!(read::<Vec<String>>(r#"["a", null]"#).is_err());
        let items = read::<Vec<Option<String>>>(r#"["a", null]"#).unwrap();
        assert_eq!(items, vec![Some("a".to_owned()), None]);
        assert_eq!(write(&items), r#"["a",null]"#);
        assert!(read::<Vec<String>>("null").is_err());
        assert!(read::<Vec<String>>("{}").is_err());
    }

    #[test]
    fn lying_size_hints_do_not_preallocate_much() {
        assert_eq!(cautious_capacity::<u64>(Some(usize::MAX)), 128 * 1024);
        assert_eq!(cautious_capacity::<()>(Some(3)), 3);
    }
}
