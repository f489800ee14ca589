//! The macros generated code invokes once per type. Each expands to a few one-line impls that
//! call generic functions of this runtime, which keeps the generated crate quick to compile: the
//! real work is instantiated only where a type is actually (de)serialized.
//!
//! Paths go through `$crate::runtime`, which is where the generator puts this module.

/// Implements `Serialize`, `Deserialize` and [`Wire`](crate::runtime::Wire) for a type that
/// implements [`Structured`](crate::runtime::Structured).
#[macro_export]
macro_rules! structured_serde {
    ($ty:ty) => {
        impl $crate::runtime::__serde::Serialize for $ty {
            fn serialize<S: $crate::runtime::__serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                $crate::runtime::serialize_structured(self, serializer)
            }
        }
        impl<'de> $crate::runtime::__serde::Deserialize<'de> for $ty {
            fn deserialize<D: $crate::runtime::__serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<Self, D::Error> {
                $crate::runtime::deserialize_structured(deserializer)
            }
        }
        impl $crate::runtime::Wire for $ty {
            fn deserialize_wire<'de, D: $crate::runtime::__serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<Self, D::Error> {
                $crate::runtime::deserialize_structured(deserializer)
            }
            fn serialize_wire<S: $crate::runtime::__serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                $crate::runtime::serialize_structured(self, serializer)
            }
        }
    };
}

/// Implements `Serialize`, `Deserialize` and [`Wire`](crate::runtime::Wire) for a type that
/// implements [`Polymorphic`](crate::runtime::Polymorphic).
#[macro_export]
macro_rules! polymorphic_serde {
    ($ty:ty) => {
        impl $crate::runtime::__serde::Serialize for $ty {
            fn serialize<S: $crate::runtime::__serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                $crate::runtime::serialize_polymorphic(self, serializer)
            }
        }
        impl<'de> $crate::runtime::__serde::Deserialize<'de> for $ty {
            fn deserialize<D: $crate::runtime::__serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<Self, D::Error> {
                $crate::runtime::deserialize_polymorphic(deserializer)
            }
        }
        impl $crate::runtime::Wire for $ty {
            fn deserialize_wire<'de, D: $crate::runtime::__serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<Self, D::Error> {
                $crate::runtime::deserialize_polymorphic(deserializer)
            }
            fn serialize_wire<S: $crate::runtime::__serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                $crate::runtime::serialize_polymorphic(self, serializer)
            }
        }
    };
}

/// Implements `Serialize`, `Deserialize` and [`Wire`](crate::runtime::Wire) for a type that
/// implements [`EnumType`](crate::runtime::EnumType).
#[macro_export]
macro_rules! enum_serde {
    ($ty:ty) => {
        impl $crate::runtime::__serde::Serialize for $ty {
            fn serialize<S: $crate::runtime::__serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                $crate::runtime::serialize_enum(self, serializer)
            }
        }
        impl<'de> $crate::runtime::__serde::Deserialize<'de> for $ty {
            fn deserialize<D: $crate::runtime::__serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<Self, D::Error> {
                $crate::runtime::deserialize_enum(deserializer)
            }
        }
        impl $crate::runtime::Wire for $ty {
            fn deserialize_wire<'de, D: $crate::runtime::__serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<Self, D::Error> {
                $crate::runtime::deserialize_enum(deserializer)
            }
            fn serialize_wire<S: $crate::runtime::__serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                $crate::runtime::serialize_enum(self, serializer)
            }
        }
    };
}
