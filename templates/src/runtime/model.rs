//! The traits generated model types implement, and the per-property helpers their generated
//! methods call.
//!
//! Generated code stays small on purpose (a crate for all of Microsoft Graph has thousands of
//! types and must compile quickly): a type only lists its property names and matches an index
//! to a field; everything else is generic code in this runtime, instantiated where it is used.

use serde::de::{Deserializer, IgnoredAny, MapAccess};
use serde::ser::{SerializeMap, Serializer};

use super::additional::AdditionalProperties;
use super::nullable::Nullable;
use super::wire::{AsWire, Wire, WireSeed};

/// A generated type, and which kind of model it is. The runtime gives every `Model` its
/// [`Wire`] rules with one blanket impl, so that a generated type names its kind instead of
/// carrying two method bodies of its own (each body costs the generated crate compile time,
/// whether it is used or not).
///
/// Implemented by [`structured_serde!`](crate::runtime::structured_serde),
/// [`polymorphic_serde!`](crate::runtime::polymorphic_serde) and
/// [`enum_serde!`](crate::runtime::enum_serde).
pub trait Model: Sized {
    /// [`StructuredKind`], [`PolymorphicKind`] or [`EnumKind`].
    type Kind: ModelKind<Self>;
}

/// How values of a kind of [`Model`] are read and written: the code behind the blanket
/// [`Wire`] impl.
pub trait ModelKind<T> {
    /// Reads a value.
    fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error>;

    /// Writes a value.
    fn serialize<S: Serializer>(value: &T, serializer: S) -> Result<S::Ok, S::Error>;
}

/// The kind of a [`Structured`] type: a JSON object.
pub enum StructuredKind {}

/// The kind of a [`Polymorphic`] type: a JSON object, its variant chosen by `@odata.type`.
pub enum PolymorphicKind {}

/// The kind of an [`EnumType`]: a JSON string.
pub enum EnumKind {}

impl<T: Structured> ModelKind<T> for StructuredKind {
    #[inline]
    fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error> {
        super::object::deserialize_structured(deserializer)
    }

    #[inline]
    fn serialize<S: Serializer>(value: &T, serializer: S) -> Result<S::Ok, S::Error> {
        super::object::serialize_structured(value, serializer)
    }
}

impl<T: Polymorphic> ModelKind<T> for PolymorphicKind {
    #[inline]
    fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error> {
        super::polymorphic::deserialize_polymorphic(deserializer)
    }

    #[inline]
    fn serialize<S: Serializer>(value: &T, serializer: S) -> Result<S::Ok, S::Error> {
        super::polymorphic::serialize_polymorphic(value, serializer)
    }
}

impl<T: EnumType> ModelKind<T> for EnumKind {
    #[inline]
    fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error> {
        super::enums::deserialize_enum(deserializer)
    }

    #[inline]
    fn serialize<S: Serializer>(value: &T, serializer: S) -> Result<S::Ok, S::Error> {
        super::enums::serialize_enum(value, serializer)
    }
}

/// Every generated type's wire form is its kind's.
///
/// This blanket impl is why `Box<T>` has no `Wire` impl (`Box` is `#[fundamental]`, so the two
/// impls could overlap): a boxed field is read with [`read_boxed`] and written with
/// [`PropertyWriter::write_boxed`].
impl<T: Model> Wire for T {
    #[inline]
    fn deserialize_wire<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        T::Kind::deserialize(deserializer)
    }

    #[inline]
    fn serialize_wire<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        T::Kind::serialize(self, serializer)
    }
}

/// A generated complex or entity type: an object with declared properties.
///
/// Its `Serialize`, `Deserialize` and [`Model`] impls (hence [`Wire`]) come from
/// [`structured_serde!`](crate::runtime::structured_serde).
pub trait Structured: Default + Envelope + Sized {
    /// The qualified name, e.g. `microsoft.graph.user`.
    const TYPE_NAME: &'static str;

    /// The wire names of the declared properties, inherited ones included; a property's
    /// position here is the `index` passed to [`read_property`](Self::read_property).
    const PROPERTIES: &'static [&'static str];

    /// Reads the value of the property at `index` in [`PROPERTIES`](Self::PROPERTIES) from
    /// `map`, whose key has just been read (usually by calling [`read`]).
    fn read_property<'de, A: MapAccess<'de>>(
        &mut self,
        index: usize,
        map: &mut A,
    ) -> Result<Read, A::Error>;

    /// Writes the declared properties, one [`PropertyWriter::write`] each. Errors are kept by
    /// the writer (the first one wins), so that a generated body has no error branch per
    /// property.
    fn write_properties<M: SerializeMap>(&self, out: &mut PropertyWriter<'_, M>);
}

/// What an object carries besides its declared properties: its `@odata.type` and the
/// properties and annotations its type does not declare. Implemented by
/// [`structured_serde!`](crate::runtime::structured_serde) from the fields every generated
/// struct has (`odata_type`, `additional_properties`).
pub trait Envelope {
    /// The `@odata.type` the value arrived with or is to be sent with, verbatim, and the
    /// properties and annotations not declared by the type.
    fn envelope(&self) -> (Option<&str>, &AdditionalProperties);

    /// The field that holds the `@odata.type` (`None` for a type that cannot carry one), and the
    /// properties and annotations not declared by the type, mutably.
    ///
    /// Two accessors rather than one per part: each generated struct implements them, and
    /// every method body costs the crate compile time whether it is used or not.
    fn envelope_mut(&mut self) -> (Option<&mut Option<String>>, &mut AdditionalProperties);

    /// The `@odata.type` the value arrived with or is to be sent with, verbatim.
    #[inline]
    fn odata_type(&self) -> Option<&str> {
        self.envelope().0
    }

    /// Sets the `@odata.type`; types that cannot carry one ignore it.
    #[inline]
    fn set_odata_type(&mut self, value: Option<String>) {
        if let (Some(slot), _) = self.envelope_mut() {
            *slot = value;
        }
    }

    /// Properties and annotations not declared by the type.
    #[inline]
    fn additional_properties(&self) -> &AdditionalProperties {
        self.envelope().1
    }

    /// Properties and annotations not declared by the type, mutably.
    #[inline]
    fn additional_properties_mut(&mut self) -> &mut AdditionalProperties {
        self.envelope_mut().1
    }
}

/// A namespace of the model and its alias, used to resolve `@odata.type` values written with
/// the alias (`#graph.user` for `microsoft.graph.user`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Namespace {
    /// The namespace, e.g. `microsoft.graph`.
    pub name: &'static str,
    /// Its alias, e.g. `graph`.
    pub alias: Option<&'static str>,
}

/// A generated enum over a structured type and the types derived from it, chosen by the
/// `@odata.type` of the payload.
///
/// Its `Serialize`, `Deserialize` and [`Model`] impls (hence [`Wire`]) come from
/// [`polymorphic_serde!`](crate::runtime::polymorphic_serde).
pub trait Polymorphic: Sized {
    /// The namespaces of the model, with their aliases.
    const NAMESPACES: &'static [Namespace];

    /// The qualified names of the variants; the variant's position is its index, and index 0 is
    /// the declared (base) type, used when `@odata.type` is absent or unknown.
    const VARIANTS: &'static [&'static str];

    /// Reads the rest of an object as the variant at `index` (usually by calling [`read_rest`]),
    /// `odata_type` being the `@odata.type` already read from it, verbatim.
    ///
    /// [`read_rest`]: crate::runtime::read_rest
    fn read_variant<'de, A: MapAccess<'de>>(
        index: usize,
        odata_type: Option<String>,
        map: &mut A,
    ) -> Result<Self, A::Error>;

    /// Writes the value (usually by calling [`write_variant`]).
    ///
    /// [`write_variant`]: crate::runtime::write_variant
    fn write_variant<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error>;
}

/// A generated enum type: named members with an `Other` variant for members unknown to the
/// crate, which keeps them as sent.
///
/// Its `Serialize`, `Deserialize` and [`Model`] impls (hence [`Wire`]) come from
/// [`enum_serde!`](crate::runtime::enum_serde).
pub trait EnumType: Sized {
    /// The qualified name, e.g. `microsoft.graph.weekday`.
    const TYPE_NAME: &'static str;

    /// The member of that name; never fails (an unknown name becomes the `Other` variant).
    fn from_wire(name: &str) -> Self;

    /// The member's name on the wire.
    fn as_wire(&self) -> &str;
}

/// What reading a declared property found.
#[derive(Debug)]
pub enum Read {
    /// A value the field holds (`null` included, for a [`Nullable`](crate::runtime::Nullable)
    /// field).
    Value,
    /// An explicit `null` for a non-nullable property, whose `Option` field reads it as `None`
    /// (absent): the caller keeps the `null` among the additional properties so that it is
    /// written back.
    Null,
    /// The JSON text of a property this build does not have a field for (a navigation
    /// property whose target type an area feature left out): the caller keeps it among the
    /// additional properties under the property's name, so that it is written back as sent.
    Kept(Box<serde_json::value::RawValue>),
}

/// Reads the value of the entry whose key has just been read from `map` into `slot`, with the
/// [`Wire`] rules of the slot's type. A repeated property overwrites the earlier value.
///
/// `#[inline]`: called once per property from each type's `read_property` `match`; kept out of
/// line, the call costs more than the function.
#[inline]
pub fn read<'de, A: MapAccess<'de>, T: Wire>(map: &mut A, slot: &mut T) -> Result<Read, A::Error> {
    *slot = map.next_value_seed(WireSeed::<T>::new())?;
    // A value that was present but stands for an absent one can only be a `null` in an
    // `Option`.
    Ok(if slot.is_unset() {
        Read::Null
    } else {
        Read::Value
    })
}

/// A field whose value is boxed (generated code boxes a property whose type would otherwise
/// contain itself): `Option<Box<T>>` or [`Nullable<Box<T>>`](Nullable). Read with
/// [`read_boxed`], written with [`PropertyWriter::write_boxed`], by the wire rules of `T`.
pub trait Boxed<T> {
    /// `None` when the property is absent, `Some(None)` when it is `null`.
    fn get(&self) -> Option<Option<&T>>;

    /// Stores a value that was present in the payload (`None`: it was `null`).
    fn set(&mut self, value: Option<T>);
}

impl<T> Boxed<T> for Option<Box<T>> {
    #[inline]
    fn get(&self) -> Option<Option<&T>> {
        self.as_deref().map(Some)
    }

    /// A `null` reads as absent, as it does for any `Option` field.
    #[inline]
    fn set(&mut self, value: Option<T>) {
        *self = value.map(Box::new);
    }
}

impl<T> Boxed<T> for Nullable<Box<T>> {
    #[inline]
    fn get(&self) -> Option<Option<&T>> {
        match self {
            Nullable::Unset => None,
            Nullable::Null => Some(None),
            Nullable::Value(value) => Some(Some(value)),
        }
    }

    #[inline]
    fn set(&mut self, value: Option<T>) {
        *self = value.map_or(Nullable::Null, |value| Nullable::Value(Box::new(value)));
    }
}

/// [`read`] for a [`Boxed`] field.
#[inline]
pub fn read_boxed<'de, A: MapAccess<'de>, T: Wire, F: Boxed<T>>(
    map: &mut A,
    slot: &mut F,
) -> Result<Read, A::Error> {
    slot.set(map.next_value_seed(WireSeed::<Option<T>>::new())?);
    // As in `read`: a present value that reads as absent can only be a `null` in an `Option`.
    Ok(if slot.get().is_none() {
        Read::Null
    } else {
        Read::Value
    })
}

/// Reads and drops the value of the entry whose key has just been read from `map`.
pub fn skip<'de, A: MapAccess<'de>>(map: &mut A) -> Result<Read, A::Error> {
    map.next_value::<IgnoredAny>()?;
    Ok(Read::Value)
}

/// Reads the value of the entry whose key has just been read from `map` as JSON text, for the
/// caller to keep (see [`Read::Kept`]).
pub fn keep<'de, A: MapAccess<'de>>(map: &mut A) -> Result<Read, A::Error> {
    Ok(Read::Kept(map.next_value()?))
}

/// The map a [`Structured`] value writes its declared properties into.
///
/// It keeps the first error and skips every entry after it, so that each type's
/// `write_properties` is a plain list of calls, without a `?` (a branch and an early return to
/// type-check, per property and per serializer) after each.
pub struct PropertyWriter<'a, M: SerializeMap> {
    map: &'a mut M,
    error: Option<M::Error>,
}

impl<'a, M: SerializeMap> PropertyWriter<'a, M> {
    /// A writer into `map`.
    pub fn new(map: &'a mut M) -> Self {
        PropertyWriter { map, error: None }
    }

    /// Writes the entry `name: value` as [`write`](fn@write) does, unless an earlier entry failed.
    pub fn write<T: Wire>(&mut self, name: &str, value: &T) {
        if self.error.is_none() {
            if let Err(error) = write(self.map, name, value) {
                self.error = Some(error);
            }
        }
    }

    /// Writes a [`Boxed`] field as [`write`](Self::write) writes others.
    pub fn write_boxed<T: Wire, F: Boxed<T>>(&mut self, name: &str, value: &F) {
        match value.get() {
            None => {}
            Some(None) => self.write(name, &Nullable::<T>::Null),
            Some(Some(value)) => self.write(name, value),
        }
    }

    /// The first error, if an entry failed.
    pub fn finish(self) -> Result<(), M::Error> {
        match self.error {
            None => Ok(()),
            Some(error) => Err(error),
        }
    }
}

/// Writes the entry `name: value` with the [`Wire`] rules of the value's type, unless the value
/// stands for an absent property (`None`, [`Nullable::Unset`](crate::runtime::Nullable::Unset)).
pub fn write<M: SerializeMap, T: Wire>(map: &mut M, name: &str, value: &T) -> Result<(), M::Error> {
    if value.is_unset() {
        return Ok(());
    }
    map.serialize_entry(name, &AsWire(value))
}
