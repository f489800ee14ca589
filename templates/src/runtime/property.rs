//! [`PropertyRef`]: one property of an entity (`/me/mailboxSettings`), read and written on its
//! own rather than with the whole entity.
//!
//! Generic rather than generated: a method per property of every entity type would cost
//! compile time for what most programs never do, while `property::<V>(name)` costs nothing
//! until used. `odata-codegen resolve` prints the call with its type for any property URL.

use std::fmt;
use std::marker::PhantomData;

use super::collection::NoContent;
use super::path::ResourcePath;
use super::request::{Method, Request};
use super::stream::StreamRef;

/// A property of an entity, whose value reads and writes as `V`: the complex type itself for
/// complex properties (`models::MailboxSettings`), [`ValueResponse`](super::ValueResponse) of
/// the value for primitive and collection properties, whose JSON is `{"value": …}`.
pub struct PropertyRef<V> {
    path: ResourcePath,
    value: PhantomData<fn() -> V>,
}

impl<V> PropertyRef<V> {
    /// The property at `path`.
    pub fn new(path: ResourcePath) -> Self {
        PropertyRef {
            path,
            value: PhantomData,
        }
    }

    /// The property's path.
    pub fn path(&self) -> &ResourcePath {
        &self.path
    }

    /// A property of this (complex) property: `…/mailboxSettings/automaticRepliesSetting`.
    pub fn property<W>(&self, name: &str) -> PropertyRef<W> {
        PropertyRef::new(self.path.segment(name))
    }

    /// The raw value of this primitive property (`…/displayName/$value`): its text as bytes.
    pub fn raw_value(&self) -> StreamRef {
        StreamRef::new(self.path.segment("$value"))
    }

    /// Reads the property.
    pub fn get(&self) -> Request<(), V> {
        Request::new(Method::Get, self.path.clone(), None)
    }

    /// Updates the parts of a complex property set in `body` (PATCH).
    pub fn update(&self, body: V) -> Request<V, NoContent> {
        Request::new(Method::Patch, self.path.clone(), Some(body))
    }

    /// Replaces the property's value (PUT).
    pub fn replace(&self, body: V) -> Request<V, NoContent> {
        Request::new(Method::Put, self.path.clone(), Some(body))
    }

    /// Sets the property to `null` (DELETE), where it is nullable.
    pub fn delete(&self) -> Request<(), NoContent> {
        Request::new(Method::Delete, self.path.clone(), None)
    }
}

// Hand-written: deriving would require `V: Clone`/`V: Debug` for the marker type.
impl<V> Clone for PropertyRef<V> {
    fn clone(&self) -> Self {
        PropertyRef::new(self.path.clone())
    }
}

impl<V> fmt::Debug for PropertyRef<V> {
    fn fmt(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter
            .debug_tuple("PropertyRef")
            .field(&self.path.as_str())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::super::body::BodyKind;
    use super::super::collection::ValueResponse;
    use super::super::path::UrlConventions;
    use super::super::resource::EntityRef;
    use super::*;

    #[test]
    fn properties_of_an_entity() {
        let me: EntityRef<()> =
            EntityRef::new(ResourcePath::root(UrlConventions::default()).segment("me"));
        let settings = me.property::<serde_json::Value>("mailboxSettings");
        let get = settings.get();
        assert_eq!(
            (get.method, get.path.as_str()),
            (Method::Get, "/me/mailboxSettings")
        );
        let patch = settings.update(serde_json::json!({"timeZone": "UTC"}));
        assert_eq!(
            (patch.method, patch.body_kind()),
            (Method::Patch, BodyKind::Json)
        );
        assert_eq!(settings.replace(serde_json::json!({})).method, Method::Put);
        assert_eq!(settings.delete().method, Method::Delete);
        let nested = settings.property::<serde_json::Value>("automaticRepliesSetting");
        assert_eq!(
            nested.path().as_str(),
            "/me/mailboxSettings/automaticRepliesSetting"
        );
        let name = me.property::<ValueResponse<String>>("displayName");
        let raw = name.raw_value().get();
        assert_eq!(raw.path.as_str(), "/me/displayName/$value");
        assert_eq!(raw.response_kind(), BodyKind::Bytes);
        assert_eq!(
            format!("{:?}", name.clone()),
            r#"PropertyRef("/me/displayName")"#
        );
    }
}
