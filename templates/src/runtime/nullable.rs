//! [`Nullable`]: a property that can be absent, `null`, or hold a value.

use std::ops::Deref;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::wire::Wire;

/// The value of a nullable property.
///
/// OData distinguishes a property left out of a payload from one explicitly set to `null`: in a
/// PATCH, leaving it out keeps the stored value, `null` clears it. `Option` cannot say both.
///
/// (`Default` is `Unset` and, being derived for a unit variant, does not require `T: Default`.)
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Nullable<T> {
    /// Absent from the payload; not written when serializing.
    #[default]
    Unset,
    /// Explicitly `null`.
    Null,
    /// A value.
    Value(T),
}

impl<T> Nullable<T> {
    /// Whether the property is absent.
    pub fn is_unset(&self) -> bool {
        matches!(self, Nullable::Unset)
    }

    /// Whether the property is explicitly `null`.
    pub fn is_null(&self) -> bool {
        matches!(self, Nullable::Null)
    }

    /// Whether the property holds a value.
    pub fn is_value(&self) -> bool {
        matches!(self, Nullable::Value(_))
    }

    /// The value, if there is one.
    pub fn value(&self) -> Option<&T> {
        match self {
            Nullable::Value(value) => Some(value),
            _ => None,
        }
    }

    /// Borrows the value.
    pub fn as_ref(&self) -> Nullable<&T> {
        match self {
            Nullable::Unset => Nullable::Unset,
            Nullable::Null => Nullable::Null,
            Nullable::Value(value) => Nullable::Value(value),
        }
    }

    /// Borrows the value mutably.
    pub fn as_mut(&mut self) -> Nullable<&mut T> {
        match self {
            Nullable::Unset => Nullable::Unset,
            Nullable::Null => Nullable::Null,
            Nullable::Value(value) => Nullable::Value(value),
        }
    }

    /// Borrows the value through `Deref`, e.g. `Nullable<String>` as `Nullable<&str>`.
    pub fn as_deref(&self) -> Nullable<&T::Target>
    where
        T: Deref,
    {
        self.as_ref().map(|value| &**value)
    }

    /// Maps the value, keeping `Unset` and `Null`.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Nullable<U> {
        match self {
            Nullable::Unset => Nullable::Unset,
            Nullable::Null => Nullable::Null,
            Nullable::Value(value) => Nullable::Value(f(value)),
        }
    }

    /// The value, if there is one; `Unset` and `Null` both become `None`.
    pub fn into_option(self) -> Option<T> {
        match self {
            Nullable::Value(value) => Some(value),
            _ => None,
        }
    }
}

impl<T> From<T> for Nullable<T> {
    fn from(value: T) -> Self {
        Nullable::Value(value)
    }
}

/// `None` becomes `Null` (an explicit `null`, not an absent property).
impl<T> From<Option<T>> for Nullable<T> {
    fn from(value: Option<T>) -> Self {
        value.map_or(Nullable::Null, Nullable::Value)
    }
}

impl<T: Wire> Wire for Nullable<T> {
    fn deserialize_wire<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // A property that is present is never `Unset`: `null` is `Null`.
        Option::<T>::deserialize_wire(deserializer).map(Nullable::from)
    }

    fn serialize_wire<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Nullable::Value(value) => value.serialize_wire(serializer),
            // `Unset` only reaches here outside an object (it is left out of objects): the
            // closest JSON can come is `null`.
            Nullable::Unset | Nullable::Null => serializer.serialize_none(),
        }
    }

    fn is_unset(&self) -> bool {
        Nullable::is_unset(self)
    }
}

impl<T: Wire> Serialize for Nullable<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.serialize_wire(serializer)
    }
}

impl<'de, T: Wire> Deserialize<'de> for Nullable<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Self::deserialize_wire(deserializer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn helpers() {
        let value = Nullable::Value("a".to_owned());
        assert_eq!(value.as_deref(), Nullable::Value("a"));
        assert_eq!(value.value().map(String::as_str), Some("a"));
        assert_eq!(value.clone().map(|s| s.len()), Nullable::Value(1));
        assert_eq!(value.into_option().as_deref(), Some("a"));
        assert!(Nullable::<u8>::default().is_unset());
        assert!(Nullable::<u8>::from(None).is_null());
        assert_eq!(Nullable::from(Some(1)), Nullable::Value(1));
        assert_eq!(Nullable::<u8>::Null.into_option(), None);
        let mut number = Nullable::Value(1);
        if let Nullable::Value(n) = number.as_mut() {
            *n = 2;
        }
        assert_eq!(number, Nullable::Value(2));
    }

    #[test]
    fn serde_forms() {
        let null: Nullable<i64> = serde_json::from_str("null").unwrap();
        assert!(null.is_null());
        let value: Nullable<i64> = serde_json::from_str(r#""7""#).unwrap();
        assert_eq!(value, Nullable::Value(7));
        assert_eq!(serde_json::to_string(&value).unwrap(), "7");
        assert_eq!(
            serde_json::to_string(&Nullable::<i64>::Unset).unwrap(),
            "null"
        );
        assert!(Wire::is_unset(&Nullable::<i64>::Unset));
        assert!(!Wire::is_unset(&Nullable::<i64>::Null));
    }
}
