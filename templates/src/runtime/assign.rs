//! [`Assign`]: how the crate's `model!` macro stores a value in a field, so that a model reads
//! like a struct literal whatever wraps the field (`Option` for a non-nullable property,
//! [`Nullable`] for a nullable one) and whatever converts into its type.

use super::nullable::Nullable;

/// Stores `value` in a field as a value that was set: `Some` for an `Option`,
/// [`Nullable::Value`] for a [`Nullable`], converted with `Into` (`&str` into `String`, a
/// derived type into its `Any…` enum, an array into a `Vec`).
///
/// One blanket impl per wrapper, in the runtime: building a model costs no generated code per
/// field, and only the fields a program sets are compiled, in the program.
pub trait Assign<V> {
    /// Stores `value` as set.
    fn assign(&mut self, value: V);
}

impl<T, V: Into<T>> Assign<V> for Option<T> {
    #[inline]
    fn assign(&mut self, value: V) {
        *self = Some(value.into());
    }
}

impl<T, V: Into<T>> Assign<V> for Nullable<T> {
    #[inline]
    fn assign(&mut self, value: V) {
        *self = Nullable::Value(value.into());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_is_converted_and_wrapped() {
        let mut name: Option<String> = None;
        name.assign("ada");
        assert_eq!(name.as_deref(), Some("ada"));
        let mut nick: Nullable<String> = Nullable::Unset;
        nick.assign("a");
        assert_eq!(nick, Nullable::Value("a".to_owned()));
        let mut tags: Option<Vec<String>> = None;
        tags.assign(["x".to_owned()]);
        assert_eq!(tags, Some(vec!["x".to_owned()]));
        let mut boxed: Option<Box<u8>> = None;
        boxed.assign(1u8);
        assert_eq!(boxed, Some(Box::new(1)));
    }
}
