//! [`AdditionalProperties`]: what an object carried beyond its declared properties.

use serde_json::Value;

/// Unknown properties and instance annotations (`@odata.context`, `tags@odata.count`, ...) of an
/// object, kept in the order they arrived so that they can be written back unchanged.
///
/// A small vector rather than a map: objects carry few of these, and order matters. Reading a
/// payload appends every entry as sent, duplicates included (so even a payload with repeated
/// names is written back as it came); [`get`](Self::get) then sees the last one, like a JSON
/// reader that lets the last duplicate win.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AdditionalProperties(Vec<(String, Value)>);

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

    /// The value of the last entry named `name`.
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.0
            .iter()
            .rev()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value)
    }

    /// The value of the last entry named `name`, mutably.
    pub fn get_mut(&mut self, name: &str) -> Option<&mut Value> {
        self.0
            .iter_mut()
            .rev()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value)
    }

    /// Sets `name` to `value`: replaces the last entry of that name in place (returning its old
    /// value), or appends a new entry.
    pub fn insert(&mut self, name: impl Into<String>, value: Value) -> Option<Value> {
        let name = name.into();
        if let Some(existing) = self.get_mut(&name) {
            return Some(std::mem::replace(existing, value));
        }
        self.0.push((name, value));
        None
    }

    /// Appends an entry without looking for one of the same name (what reading a payload does:
    /// it keeps duplicates and takes linear time).
    pub fn push(&mut self, name: impl Into<String>, value: Value) {
        self.0.push((name.into(), value));
    }

    /// Removes every entry named `name`, returning the value of the last one.
    pub fn remove(&mut self, name: &str) -> Option<Value> {
        let mut removed = None;
        self.0.retain_mut(|(key, value)| {
            if key == name {
                removed = Some(std::mem::take(value));
                false
            } else {
                true
            }
        });
        removed
    }

    /// The entries in order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Value)> + '_ {
        self.0.iter().map(|(name, value)| (name.as_str(), value))
    }
}

impl<K: Into<String>> FromIterator<(K, Value)> for AdditionalProperties {
    fn from_iter<I: IntoIterator<Item = (K, Value)>>(entries: I) -> Self {
        AdditionalProperties(
            entries
                .into_iter()
                .map(|(name, value)| (name.into(), value))
                .collect(),
        )
    }
}

impl IntoIterator for AdditionalProperties {
    type Item = (String, Value);
    type IntoIter = std::vec::IntoIter<(String, Value)>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
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
