//! Typed references to entities and collections, and the requests every entity supports.
//!
//! The generic methods here are available on every generated path type. The generator must not
//! emit methods with these names on `EntityRef`/`CollectionRef`: `new`, `path`, `get`, `update`,
//! `replace`, `delete`, `cast`, `by_id`, `list`, `create`, `count`, `reference`, `references`,
//! `property`. (`media` is generated, for media entities only.)
//!
//! Generated path builders are inherent methods on `EntityRef<models::X>` and
//! `CollectionRef<models::X>`, which Rust allows only in the crate that defines the type. So
//! this file is the part of the runtime that every generated crate compiles itself (the
//! generator embeds it as `src/runtime/resource.rs`; everything else comes from the
//! `odata-codegen-runtime` crate). It names the rest of the runtime only through its parent
//! module (`super::…`), which is this crate's `runtime` module here and the generated crate's
//! `runtime` module (re-exporting this crate) there. Whatever refers to `EntityRef` or
//! `CollectionRef` belongs in this file.

use std::fmt;
use std::marker::PhantomData;

use serde::de::DeserializeOwned;
use serde::Serialize;

use super::{
    Binary, Collection, Date, DateTimeOffset, Decimal, Double, Duration, Guid, Int64, Literal,
    Method, NoContent, PropertyRef, ReferenceRef, ReferenceTarget, ReferencesRef, Request,
    ResourcePath, Single, TimeOfDay, ToLiteral,
};

/// An entity type (or singleton type) as something that can be addressed and requested.
pub trait Resource {
    /// What a GET returns and a POST, PUT or PATCH sends: the generated type, or its
    /// polymorphic `Any…` enum when the type has derived types.
    type Value: Serialize + DeserializeOwned;
    /// The key: a single value, or a generated struct for composite keys.
    type Key: KeyValue;
}

/// The key of an entity type without one (a singleton's type): it cannot be constructed, so
/// `by_id` cannot be called on collections of such types.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoKey {}

impl KeyValue for NoKey {
    fn key_parts(&self) -> Vec<(&'static str, Literal)> {
        match *self {}
    }
}

/// A key value that can be written into a URL.
pub trait KeyValue {
    /// The key's parts: property name and value, in key order. A single-part key may leave the
    /// name empty (it is not written).
    fn key_parts(&self) -> Vec<(&'static str, Literal)>;
}

/// A single-part key of every primitive type OData allows as a key, written as its literal.
macro_rules! key_value_via_literal {
    ($($ty:ty),*) => {$(
        impl KeyValue for $ty {
            fn key_parts(&self) -> Vec<(&'static str, Literal)> {
                vec![("", self.to_literal())]
            }
        }
    )*};
}

key_value_via_literal!(
    String,
    bool,
    u8,
    i8,
    i16,
    i32,
    i64,
    f32,
    f64,
    Double,
    Single,
    Int64,
    Decimal,
    Guid,
    Date,
    TimeOfDay,
    DateTimeOffset,
    Duration,
    Binary
);

/// A reference to one entity: its path, and the type of entity it is.
pub struct EntityRef<T> {
    path: ResourcePath,
    target: PhantomData<fn() -> T>,
}

impl<T> EntityRef<T> {
    /// A reference to the entity at `path`.
    pub fn new(path: ResourcePath) -> Self {
        EntityRef {
            path,
            target: PhantomData,
        }
    }

    /// The entity's path.
    pub fn path(&self) -> &ResourcePath {
        &self.path
    }

    /// The entity seen as the derived type `U`, named by its qualified name.
    pub fn cast<U>(&self, qualified_type_name: &str) -> EntityRef<U> {
        EntityRef::new(self.path.cast(qualified_type_name))
    }

    /// The reference to this entity (`…/$ref`), for an entity reached through navigation:
    /// `…/manager/$ref` reads, sets or removes the link of a single-valued navigation
    /// property, `…/members/{id}/$ref` removes one link of a collection.
    pub fn reference(&self) -> ReferenceRef<T> {
        ReferenceRef::new(self.path.segment("$ref"))
    }

    /// The property `name` of the entity (the name as in the metadata), read and written as
    /// `V`; see [`PropertyRef`].
    pub fn property<V>(&self, name: &str) -> PropertyRef<V> {
        PropertyRef::new(self.path.segment(name))
    }
}

/// The entity's path, after the service root.
impl<T> ReferenceTarget<T> for EntityRef<T> {
    fn reference_url(&self, service_root: &str) -> String {
        format!(
            "{}{}",
            service_root.trim_end_matches('/'),
            self.path.as_str()
        )
    }
}

impl<T: Resource> EntityRef<T> {
    /// Reads the entity.
    pub fn get(&self) -> Request<(), T::Value> {
        Request::new(Method::Get, self.path.clone(), None)
    }

    /// Updates the properties set in `body` (PATCH); unset properties keep their values.
    pub fn update(&self, body: impl Into<T::Value>) -> Request<T::Value, NoContent> {
        Request::new(Method::Patch, self.path.clone(), Some(body.into()))
    }

    /// Replaces the entity (PUT); properties not in `body` get their default values.
    pub fn replace(&self, body: impl Into<T::Value>) -> Request<T::Value, NoContent> {
        Request::new(Method::Put, self.path.clone(), Some(body.into()))
    }

    /// Deletes the entity.
    pub fn delete(&self) -> Request<(), NoContent> {
        Request::new(Method::Delete, self.path.clone(), None)
    }
}

/// A reference to a collection of entities (an entity set or a collection-valued navigation
/// property): its path, and the type of its entities.
pub struct CollectionRef<T> {
    path: ResourcePath,
    target: PhantomData<fn() -> T>,
}

impl<T> CollectionRef<T> {
    /// A reference to the collection at `path`.
    pub fn new(path: ResourcePath) -> Self {
        CollectionRef {
            path,
            target: PhantomData,
        }
    }

    /// The collection's path.
    pub fn path(&self) -> &ResourcePath {
        &self.path
    }

    /// The entities of the derived type `U` in the collection, named by its qualified name.
    pub fn cast<U>(&self, qualified_type_name: &str) -> CollectionRef<U> {
        CollectionRef::new(self.path.cast(qualified_type_name))
    }

    /// The references of a collection-valued navigation property (`…/$ref`): list, add and
    /// remove links without touching the entities.
    pub fn references(&self) -> ReferencesRef<T> {
        ReferencesRef::new(self.path.segment("$ref"))
    }
}

impl<T: Resource> CollectionRef<T> {
    /// The entity with the given key.
    pub fn by_id(&self, key: impl Into<T::Key>) -> EntityRef<T> {
        EntityRef::new(self.path.key(&key.into().key_parts()))
    }

    /// Reads the first page of the collection (the others through `next_link`).
    pub fn list(&self) -> Request<(), Collection<T::Value>> {
        Request::new(Method::Get, self.path.clone(), None)
    }

    /// Creates an entity in the collection (POST); the response is the entity as created.
    pub fn create(&self, body: impl Into<T::Value>) -> Request<T::Value, T::Value> {
        Request::new(Method::Post, self.path.clone(), Some(body.into()))
    }

    /// Counts the entities (`/$count`; the response body is a bare number).
    pub fn count(&self) -> Request<(), i64> {
        Request::new(Method::Get, self.path.segment("$count"), None)
    }
}

// Hand-written: deriving would require `T: Clone`/`T: Debug` for the marker type.
impl<T> Clone for EntityRef<T> {
    fn clone(&self) -> Self {
        EntityRef::new(self.path.clone())
    }
}

impl<T> fmt::Debug for EntityRef<T> {
    fn fmt(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter
            .debug_tuple("EntityRef")
            .field(&self.path.as_str())
            .finish()
    }
}

impl<T> Clone for CollectionRef<T> {
    fn clone(&self) -> Self {
        CollectionRef::new(self.path.clone())
    }
}

impl<T> fmt::Debug for CollectionRef<T> {
    fn fmt(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter
            .debug_tuple("CollectionRef")
            .field(&self.path.as_str())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::super::{KeyStyle, UrlConventions};
    use super::*;

    /// A composite key, as the generator writes one.
    struct OrderLineKey {
        order: i32,
        line: String,
    }

    impl KeyValue for OrderLineKey {
        fn key_parts(&self) -> Vec<(&'static str, Literal)> {
            vec![("order", self.order.into()), ("line", (&self.line).into())]
        }
    }

    struct OrderLine;

    impl Resource for OrderLine {
        type Value = serde_json::Value;
        type Key = OrderLineKey;
    }

    struct Device;

    impl Resource for Device {
        type Value = serde_json::Value;
        type Key = Guid;
    }

    fn collection<T>(key_style: KeyStyle) -> CollectionRef<T> {
        let conventions = UrlConventions {
            key_style,
            qualified_operations: true,
        };
        CollectionRef::new(ResourcePath::root(conventions).segment("items"))
    }

    #[test]
    fn composite_keys_are_named_in_every_style() {
        for style in [KeyStyle::Segment, KeyStyle::Parentheses] {
            let key = OrderLineKey {
                order: 7,
                line: "a b".to_owned(),
            };
            let line = collection::<OrderLine>(style).by_id(key);
            assert_eq!(line.path().as_str(), "/items(order=7,line='a%20b')");
        }
    }

    #[test]
    fn guid_keys_are_bare() {
        let device = collection::<Device>(KeyStyle::Parentheses).by_id(Guid::nil());
        assert_eq!(
            device.path().as_str(),
            "/items(00000000-0000-0000-0000-000000000000)"
        );
    }

    #[test]
    fn generic_requests() {
        let items = collection::<Device>(KeyStyle::Segment);
        let count = items.count();
        assert_eq!(
            (count.method, count.path.as_str()),
            (Method::Get, "/items/$count")
        );
        let list = items.list();
        assert_eq!((list.method, list.path.as_str()), (Method::Get, "/items"));
        let item = items.by_id(Guid::nil());
        let replace = item.replace(serde_json::json!({}));
        assert_eq!(
            (replace.method, replace.body),
            (Method::Put, Some(serde_json::json!({})))
        );
        let cast = item.cast::<OrderLine>("ns.special");
        assert!(cast.path().as_str().ends_with("/ns.special"));
        let derived = items.clone().cast::<OrderLine>("ns.special");
        assert_eq!(
            format!("{derived:?}"),
            r#"CollectionRef("/items/ns.special")"#
        );
        assert_eq!(
            format!("{:?}", item.clone()),
            r#"EntityRef("/items/00000000-0000-0000-0000-000000000000")"#
        );
    }

    #[test]
    fn references_and_counts_of_casts() {
        for (style, item) in [
            (
                KeyStyle::Segment,
                "/items/00000000-0000-0000-0000-000000000000",
            ),
            (
                KeyStyle::Parentheses,
                "/items(00000000-0000-0000-0000-000000000000)",
            ),
        ] {
            let items = collection::<Device>(style);
            assert_eq!(items.references().path().as_str(), "/items/$ref");
            let one = items.by_id(Guid::nil());
            assert_eq!(one.reference().path().as_str(), format!("{item}/$ref"));
            let derived = items.cast::<Device>("ns.special");
            assert_eq!(derived.count().path, "/items/ns.special/$count");
            assert_eq!(
                derived.references().path().as_str(),
                "/items/ns.special/$ref"
            );
        }
    }
}
