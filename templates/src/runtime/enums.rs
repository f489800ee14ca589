//! Reading and writing [`EnumType`] members as strings: the generic code behind
//! [`enum_serde!`](crate::runtime::enum_serde).

use std::fmt;
use std::marker::PhantomData;

use serde::de::{Deserializer, Error, Visitor};
use serde::ser::Serializer;

use super::model::EnumType;

/// Reads an enum member from a JSON string; unknown names become the `Other` variant, anything
/// but a string is an error.
pub fn deserialize_enum<'de, T: EnumType, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<T, D::Error> {
    deserializer.deserialize_str(EnumVisitor::<T>(PhantomData))
}

/// Writes an enum member as a JSON string.
pub fn serialize_enum<T: EnumType, S: Serializer>(
    value: &T,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(value.as_wire())
}

struct EnumVisitor<T>(PhantomData<fn() -> T>);

impl<T: EnumType> Visitor<'_> for EnumVisitor<T> {
    type Value = T;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        write!(formatter, "a member name of {}", T::TYPE_NAME)
    }

    // Every string form (borrowed, transient, owned) arrives here: `from_wire` only needs a
    // `&str` and allocates just for unknown members.
    fn visit_str<E: Error>(self, name: &str) -> Result<T, E> {
        Ok(T::from_wire(name))
    }
}
