//! [`AdditionalProperties`]: what an object carried beyond its declared properties.

use std::fmt;
use std::sync::OnceLock;

use serde::{Serialize, Serializer};
use serde_json::value::RawValue;
use serde_json::Value;

/// Unknown properties and instance annotations (`@odata.context`, `tags@odata.count`, ...) of an
/// object, kept in the order they arrived so that they can be written back unchanged.
///
/// A small vector rather than a map: objects carry few of these, and order matters. Reading a
/// payload appends every entry as sent, duplicates included (so even a payload with repeated
/// names is written back as it came); [`get`](Self::get) then sees the last one, like a JSON
/// reader that lets the last duplicate win.
///
/// Entries read from a payload keep their JSON text ([`raw`](Self::raw)) and are written back
/// from it, byte for byte, until changed: reading one costs a copy instead of a tree of
/// [`Value`]s, and numbers no `Value` can hold exactly (integers beyond 64 bits) survive. The
/// `Value` is parsed on first access.
#[derive(Clone, Default)]
pub struct AdditionalProperties(Vec<(String, Entry)>);

/// One value: the JSON text as received, the parsed value, or both.
#[derive(Clone)]
pub(super) struct Entry {
    /// The text as received; `None` once the value was set or changed in code.
    raw: Option<Box<RawValue>>,
    /// The parsed value, made on first access to an entry read from a payload.
    value: OnceLock<Value>,
}

impl Entry {
    fn parsed(value: Value) -> Self {
        Entry {
            raw: None,
            value: OnceLock::from(value),
        }
    }

    fn value(&self) -> &Value {
        self.value.get_or_init(|| match &self.raw {
            // The text is JSON a parser accepted; only a number beyond `f64` (`1e400`) has no
            // `Value`: it reads as null here and is still written back from its text.
            Some(raw) => serde_json::from_str(raw.get()).unwrap_or(Value::Null),
            None => Value::Null,
        })
    }

    fn value_mut(&mut self) -> &mut Value {
        self.value();
        self.raw = None;
        self.value.get_mut().expect("initialised by value()")
    }

    /// Whether the value is `null`.
    pub(super) fn is_null(&self) -> bool {
        match &self.raw {
            Some(raw) => raw.get() == "null",
            None => self.value().is_null(),
        }
    }

    fn into_value(mut self) -> Value {
        std::mem::take(self.value_mut())
    }
}

impl Serialize for Entry {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match &self.raw {
            Some(raw) => raw.serialize(serializer),
            None => self.value().serialize(serializer),
        }
    }
}

impl AdditionalProperties {
    /// No properties.
    pub fn new() -> Self {
        Self::default()
    }

    /// The number of entries.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are no entries.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    fn last(&self, name: &str) -> Option<&Entry> {
        self.0
            .iter()
            .rev()
            .find(|(key, _)| key == name)
            .map(|(_, entry)| entry)
    }

    /// The value of the last entry named `name`.
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.last(name).map(Entry::value)
    }

    /// The JSON text of the last entry named `name` as it was received, if it was read from a
    /// payload and not changed since: exact where a [`Value`] is not (`12345678901234567890123`).
    pub fn raw(&self, name: &str) -> Option<&str> {
        self.last(name)
            .and_then(|entry| entry.raw.as_deref())
            .map(RawValue::get)
    }

    /// The value of the last entry named `name`, mutably (it is then written from the value).
    pub fn get_mut(&mut self, name: &str) -> Option<&mut Value> {
        self.0
            .iter_mut()
            .rev()
            .find(|(key, _)| key == name)
            .map(|(_, entry)| entry.value_mut())
    }

    /// Sets `name` to `value`: replaces the last entry of that name in place (returning its old
    /// value), or appends a new entry.
    pub fn insert(&mut self, name: impl Into<String>, value: Value) -> Option<Value> {
        let name = name.into();
        if let Some(existing) = self.get_mut(&name) {
            return Some(std::mem::replace(existing, value));
        }
        self.0.push((name, Entry::parsed(value)));
        None
    }

    /// Appends an entry without looking for one of the same name (what reading a payload does:
    /// it keeps duplicates and takes linear time).
    pub fn push(&mut self, name: impl Into<String>, value: Value) {
        self.0.push((name.into(), Entry::parsed(value)));
    }

    /// Appends an entry as received, its JSON text kept.
    pub(super) fn push_raw(&mut self, name: String, raw: Box<RawValue>) {
        self.0.push((
            name,
            Entry {
                raw: Some(raw),
                value: OnceLock::new(),
            },
        ));
    }

    /// Removes every entry named `name`, returning the value of the last one.
    pub fn remove(&mut self, name: &str) -> Option<Value> {
        let mut removed = None;
        let mut kept = Vec::with_capacity(self.0.len());
        for (key, entry) in std::mem::take(&mut self.0) {
            if key == name {
                removed = Some(entry);
            } else {
                kept.push((key, entry));
            }
        }
        self.0 = kept;
        removed.map(Entry::into_value)
    }

    /// The entries in order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Value)> + '_ {
        self.0
            .iter()
            .map(|(name, entry)| (name.as_str(), entry.value()))
    }

    /// Whether an entry named like one of `names` is `null` (a `null` received for a
    /// non-nullable declared property).
    pub(super) fn has_null_for_any(&self, names: &[&str]) -> bool {
        self.0
            .iter()
            .any(|(name, entry)| entry.is_null() && names.contains(&name.as_str()))
    }

    /// The entries in order, as they are written.
    pub(super) fn entries(&self) -> impl Iterator<Item = (&str, &Entry)> + '_ {
        self.0.iter().map(|(name, entry)| (name.as_str(), entry))
    }
}

/// Equal when the names and values are, in order (however each was read or set).
impl PartialEq for AdditionalProperties {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && self.iter().eq(other.iter())
    }
}

impl fmt::Debug for AdditionalProperties {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

impl<K: Into<String>> FromIterator<(K, Value)> for AdditionalProperties {
    fn from_iter<I: IntoIterator<Item = (K, Value)>>(entries: I) -> Self {
        AdditionalProperties(
            entries
                .into_iter()
                .map(|(name, value)| (name.into(), Entry::parsed(value)))
                .collect(),
        )
    }
}

impl IntoIterator for AdditionalProperties {
    type Item = (String, Value);
    type IntoIter = IntoIter;

    fn into_iter(self) -> IntoIter {
        IntoIter(self.0.into_iter())
    }
}

/// The entries of [`AdditionalProperties`] by value, in order.
pub struct IntoIter(std::vec::IntoIter<(String, Entry)>);

impl Iterator for IntoIter {
    type Item = (String, Value);

    fn next(&mut self) -> Option<(String, Value)> {
        self.0
            .next()
            .map(|(name, entry)| (name, entry.into_value()))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.0.size_hint()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn keeps_order_and_replaces_in_place() {
        let mut props = AdditionalProperties::new();
        assert!(props.is_empty());
        assert_eq!(props.insert("b", json!(1)), None);
        props.insert("a", json!(2));
        assert_eq!(props.insert("b", json!(3)), Some(json!(1)));
        let names: Vec<_> = props.iter().map(|(name, _)| name).collect();
        assert_eq!(names, ["b", "a"]);
        assert_eq!(props.get("b"), Some(&json!(3)));
        *props.get_mut("a").unwrap() = json!("x");
        assert_eq!(props.get("a"), Some(&json!("x")));
    }

    #[test]
    fn entries_read_from_a_payload_keep_their_text_until_changed() {
        let text = r#"{"big":12345678901234567890123,"x":{"a" : 1}}"#;
        let raw: std::collections::BTreeMap<String, Box<RawValue>> =
            serde_json::from_str(text).unwrap();
        let mut props = AdditionalProperties::new();
        for (name, value) in raw {
            props.push_raw(name, value);
        }
        assert_eq!(props.raw("big"), Some("12345678901234567890123"));
        assert_eq!(props.get("x"), Some(&json!({"a": 1})));
        let written: Vec<String> = props
            .entries()
            .map(|(_, entry)| serde_json::to_string(entry).unwrap())
            .collect();
        assert_eq!(written, ["12345678901234567890123", r#"{"a" : 1}"#]);
        props.get_mut("x").unwrap()["a"] = json!(2);
        assert_eq!(props.raw("x"), None);
        assert_eq!(
            serde_json::to_string(props.entries().nth(1).unwrap().1).unwrap(),
            r#"{"a":2}"#
        );
        assert_eq!(props, props.clone());
    }

    #[test]
    fn duplicates_are_kept_and_the_last_one_wins() {
        let mut props: AdditionalProperties =
            [("x", json!(1)), ("y", json!(2))].into_iter().collect();
        props.push("x", json!(3));
        assert_eq!(props.len(), 3);
        assert_eq!(props.get("x"), Some(&json!(3)));
        assert_eq!(props.remove("x"), Some(json!(3)));
        assert_eq!(props.len(), 1);
        assert_eq!(props.remove("x"), None);
        assert_eq!(
            props.into_iter().collect::<Vec<_>>(),
            vec![("y".to_owned(), json!(2))]
        );
    }
}
