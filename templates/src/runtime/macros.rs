//! The macros generated code invokes once per type. Each expands to a few one-line impls that
//! call generic functions of this runtime, which keeps the generated crate quick to compile: the
//! real work is instantiated only where a type is actually (de)serialized, and every method is
//! `#[inline]`, so that rustc generates machine code for it only in a crate that calls it (a
//! crate for all of Microsoft Graph otherwise spends most of its build generating code for
//! thousands of impls no program uses).
//!
//! Paths in the expansions are relative: `runtime::…` resolves where the macro is invoked, and
//! every generated module that invokes them imports the runtime as `runtime`. So the generated
//! modules work wherever they are placed (their own crate, or a module a build script
//! `include!`s), and `runtime::KeyValue` is the generated crate's own (see `resource.rs`),
//! which `$crate` paths would not allow. The macros are exported at the root of the runtime
//! crate (`#[macro_export]`) and reach generated code through its `runtime` module's re-export.

/// Implements `Serialize`, `Deserialize`, [`Model`](crate::Model) (hence
/// [`Wire`](crate::Wire)), `Debug` and [`Envelope`](crate::Envelope) (from the fields `odata_type` and `additional_properties`;
/// `, without_odata_type` for a struct without the former) for a type that implements
/// [`Structured`](crate::Structured). Its [`ToLiteral`](crate::ToLiteral) impl is the
/// runtime's, for every such type.
#[macro_export]
macro_rules! structured_serde {
    ($ty:ty) => {
        runtime::structured_serde!(@impls $ty);
        impl runtime::Envelope for $ty {
            #[inline]
            fn envelope(
                &self,
            ) -> (::core::option::Option<&str>, &runtime::AdditionalProperties) {
                (self.odata_type.as_deref(), &self.additional_properties)
            }
            #[inline]
            fn envelope_mut(
                &mut self,
            ) -> (
                ::core::option::Option<&mut ::core::option::Option<::std::string::String>>,
                &mut runtime::AdditionalProperties,
            ) {
                (
                    ::core::option::Option::Some(&mut self.odata_type),
                    &mut self.additional_properties,
                )
            }
        }
    };
    // Action parameters: a body that never names its type.
    ($ty:ty, without_odata_type) => {
        runtime::structured_serde!(@impls $ty);
        impl runtime::Envelope for $ty {
            #[inline]
            fn envelope(
                &self,
            ) -> (::core::option::Option<&str>, &runtime::AdditionalProperties) {
                (::core::option::Option::None, &self.additional_properties)
            }
            #[inline]
            fn envelope_mut(
                &mut self,
            ) -> (
                ::core::option::Option<&mut ::core::option::Option<::std::string::String>>,
                &mut runtime::AdditionalProperties,
            ) {
                (::core::option::Option::None, &mut self.additional_properties)
            }
        }
    };
    (@impls $ty:ty) => {
        impl runtime::__serde::Serialize for $ty {
            #[inline]
            fn serialize<S: runtime::__serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                runtime::serialize_structured(self, serializer)
            }
        }
        impl<'de> runtime::__serde::Deserialize<'de> for $ty {
            #[inline]
            fn deserialize<D: runtime::__serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<Self, D::Error> {
                runtime::deserialize_structured(deserializer)
            }
        }
        impl runtime::Model for $ty {
            type Kind = runtime::StructuredKind;
        }
        impl ::core::fmt::Debug for $ty {
            #[inline]
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                runtime::debug_json(self, f)
            }
        }
    };
}

/// Implements `Serialize`, `Deserialize`, [`Model`](crate::Model) (hence
/// [`Wire`](crate::Wire)), `Debug` and [`ToLiteral`](crate::ToLiteral) for a type that
/// implements [`Polymorphic`](crate::Polymorphic).
#[macro_export]
macro_rules! polymorphic_serde {
    ($ty:ty) => {
        impl runtime::__serde::Serialize for $ty {
            #[inline]
            fn serialize<S: runtime::__serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                runtime::serialize_polymorphic(self, serializer)
            }
        }
        impl<'de> runtime::__serde::Deserialize<'de> for $ty {
            #[inline]
            fn deserialize<D: runtime::__serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<Self, D::Error> {
                runtime::deserialize_polymorphic(deserializer)
            }
        }
        impl runtime::Model for $ty {
            type Kind = runtime::PolymorphicKind;
        }
        impl ::core::fmt::Debug for $ty {
            #[inline]
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                runtime::debug_json(self, f)
            }
        }
        impl runtime::ToLiteral for $ty {
            #[inline]
            fn to_literal(&self) -> runtime::Literal {
                runtime::Literal::json(self)
            }
        }
    };
}

/// Implements `Serialize`, `Deserialize`, [`Model`](crate::Model) (hence
/// [`Wire`](crate::Wire)), `Debug` and [`ToLiteral`](crate::ToLiteral) for a type that
/// implements [`EnumType`](crate::EnumType).
#[macro_export]
macro_rules! enum_serde {
    ($ty:ty) => {
        impl runtime::__serde::Serialize for $ty {
            #[inline]
            fn serialize<S: runtime::__serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                runtime::serialize_enum(self, serializer)
            }
        }
        impl<'de> runtime::__serde::Deserialize<'de> for $ty {
            #[inline]
            fn deserialize<D: runtime::__serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<Self, D::Error> {
                runtime::deserialize_enum(deserializer)
            }
        }
        impl runtime::Model for $ty {
            type Kind = runtime::EnumKind;
        }
        impl ::core::fmt::Debug for $ty {
            #[inline]
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                runtime::debug_json(self, f)
            }
        }
        impl runtime::ToLiteral for $ty {
            #[inline]
            fn to_literal(&self) -> runtime::Literal {
                runtime::Literal::enum_value(self)
            }
        }
        impl runtime::KeyValue for $ty {
            #[inline]
            fn key_parts(&self) -> ::std::vec::Vec<(&'static str, runtime::Literal)> {
                ::std::vec![("", runtime::Literal::enum_value(self))]
            }
        }
    };
}

/// Implements [`Wire`](crate::Wire) and [`ToLiteral`](crate::ToLiteral) for
/// a user's type that replaces a schema type (`--map-type`), from its own `serde` impls: its
/// value is read and written as the JSON sent, and a function parameter of it is written as
/// that JSON. The type must implement `Serialize` and `DeserializeOwned`.
#[macro_export]
macro_rules! mapped_type {
    ($ty:ty) => {
        impl runtime::Wire for $ty {
            #[inline]
            fn deserialize_wire<'de, D: runtime::__serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<Self, D::Error> {
                <$ty as runtime::__serde::Deserialize>::deserialize(deserializer)
            }
            #[inline]
            fn serialize_wire<S: runtime::__serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                runtime::__serde::Serialize::serialize(self, serializer)
            }
        }
        impl runtime::ToLiteral for $ty {
            #[inline]
            fn to_literal(&self) -> runtime::Literal {
                runtime::Literal::json(self)
            }
        }
    };
}
