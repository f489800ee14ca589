//! Entity references (`$ref`): reading, adding, replacing and removing the links of a
//! navigation property without touching the entities linked.
//!
//! A reference names its entity by URL, `{"@odata.id": "<url>"}`. The methods that send one
//! take a [`ReferenceTarget`]: a typed [`EntityRef`] of the navigation's entity type (so a
//! wrong type is a compile error), or an [`EntityReference`] as a service listed it (any URL).
//! They send the **absolute** URL, made from the service root they are given: OData JSON 4.01
//! allows a relative `@odata.id`, but resolves it against the *request* URL
//! (`…/members/$ref`), which servers implement differently (some resolve it against the
//! service root); an absolute URL means the same to every server, and is what Microsoft Graph
//! documents.
//!
//! An `EntityRef` is written in the key style it was built with. Graph documents
//! `…/directoryObjects/{id}`; a service that accepts only canonical entity ids
//! (`…/directoryObjects('id')`) needs the target built with [`KeyStyle::Parentheses`].
//!
//! [`KeyStyle::Parentheses`]: super::KeyStyle::Parentheses

use std::fmt;
use std::marker::PhantomData;

use serde::de::{Deserializer, MapAccess};
use serde::ser::{SerializeMap, Serializer};
use serde::{Deserialize, Serialize};

use super::additional::AdditionalProperties;
use super::collection::{Collection, NoContent};
use super::model::{read, Envelope, Read, Structured};
use super::object::{deserialize_structured, serialize_structured};
use super::path::ResourcePath;
use super::request::{Method, Request};
use super::wire::Wire;

/// `{"@odata.id": "<url>"}`: a reference to an entity, as `$ref` requests send and answer.
#[derive(Clone, Default, PartialEq)]
pub struct EntityReference {
    /// `@odata.id`: the entity's URL (absolute, or relative as the service sent it).
    pub id: String,
    /// Annotations (`@odata.context`, …) and unknown members, kept as received.
    pub additional_properties: AdditionalProperties,
}

impl EntityReference {
    /// A reference to the entity at `url`.
    pub fn new(url: impl Into<String>) -> Self {
        EntityReference {
            id: url.into(),
            additional_properties: AdditionalProperties::new(),
        }
    }

    /// A reference to `entity` of the service at `service_root` (a trailing `/` is ignored):
    /// its absolute URL.
    pub fn to<T>(entity: &impl ReferenceTarget<T>, service_root: &str) -> Self {
        EntityReference::new(entity.reference_url(service_root))
    }
}

/// What a reference can point at: an entity, as its absolute URL.
pub trait ReferenceTarget<T> {
    /// The URL to send as `@odata.id` (and `$id`), for the service at `service_root`.
    fn reference_url(&self, service_root: &str) -> String;
}

/// The reference's URL as it is (a service's entity ids are absolute), for any entity type:
/// what `list` answered, or an entity whose type is derived from the navigation's (a user
/// among `directoryObject` members).
impl<T> ReferenceTarget<T> for EntityReference {
    fn reference_url(&self, _service_root: &str) -> String {
        self.id.clone()
    }
}

/// The only declared member; everything else goes to the additional properties.
const ODATA_ID: &str = "@odata.id";

impl Envelope for EntityReference {
    // A reference has no type of its own: `@odata.type` would be an unknown member.
    fn odata_type(&self) -> Option<&str> {
        None
    }

    fn set_odata_type(&mut self, value: Option<String>) {
        if let Some(odata_type) = value {
            self.additional_properties
                .push("@odata.type", serde_json::Value::String(odata_type));
        }
    }

    fn additional_properties(&self) -> &AdditionalProperties {
        &self.additional_properties
    }

    fn additional_properties_mut(&mut self) -> &mut AdditionalProperties {
        &mut self.additional_properties
    }
}

impl Structured for EntityReference {
    const TYPE_NAME: &'static str = "EntityReference";
    const PROPERTIES: &'static [&'static str] = &[ODATA_ID];

    fn read_property<'de, A: MapAccess<'de>>(
        &mut self,
        _index: usize,
        map: &mut A,
    ) -> Result<Read, A::Error> {
        read(map, &mut self.id)
    }

    fn write_properties<M: SerializeMap>(&self, map: &mut M) -> Result<(), M::Error> {
        map.serialize_entry(ODATA_ID, &self.id)
    }
}

impl Serialize for EntityReference {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serialize_structured(self, serializer)
    }
}

impl<'de> Deserialize<'de> for EntityReference {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserialize_structured(deserializer)
    }
}

impl Wire for EntityReference {
    fn deserialize_wire<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserialize_structured(deserializer)
    }

    fn serialize_wire<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serialize_structured(self, serializer)
    }
}

impl fmt::Debug for EntityReference {
    fn fmt(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        super::debug::debug_json(self, formatter)
    }
}

/// The references of a collection-valued navigation property: `…/members/$ref`.
pub struct ReferencesRef<T> {
    /// The path of `$ref` itself.
    path: ResourcePath,
    target: PhantomData<fn() -> T>,
}

impl<T> ReferencesRef<T> {
    /// The references at `path` (ending in `/$ref`).
    pub fn new(path: ResourcePath) -> Self {
        ReferencesRef {
            path,
            target: PhantomData,
        }
    }

    /// The path of `$ref`.
    pub fn path(&self) -> &ResourcePath {
        &self.path
    }

    /// Reads the references (GET `…/$ref`): one page of `{"@odata.id": …}`.
    pub fn list(&self) -> Request<(), Collection<EntityReference>> {
        Request::new(Method::Get, self.path.clone(), None)
    }

    /// Adds a link to `target` (POST `…/$ref` with `{"@odata.id": "<absolute URL>"}`);
    /// `service_root` makes the URL absolute (see the module's documentation).
    pub fn add(
        &self,
        target: &impl ReferenceTarget<T>,
        service_root: &str,
    ) -> Request<EntityReference, NoContent> {
        let body = EntityReference::new(target.reference_url(service_root));
        Request::new(Method::Post, self.path.clone(), Some(body))
    }

    /// Removes the link to `target` (DELETE `…/$ref?$id=<absolute URL>`); the entity itself
    /// stays.
    pub fn remove(
        &self,
        target: &impl ReferenceTarget<T>,
        service_root: &str,
    ) -> Request<(), NoContent> {
        Request::new(Method::Delete, self.path.clone(), None)
            .query("$id", target.reference_url(service_root))
    }
}

/// The reference of a single entity reached through navigation: `…/manager/$ref`, or
/// `…/members/{id}/$ref` for one link of a collection.
pub struct ReferenceRef<T> {
    /// The path of `$ref` itself.
    path: ResourcePath,
    target: PhantomData<fn() -> T>,
}

impl<T> ReferenceRef<T> {
    /// The reference at `path` (ending in `/$ref`).
    pub fn new(path: ResourcePath) -> Self {
        ReferenceRef {
            path,
            target: PhantomData,
        }
    }

    /// The path of `$ref`.
    pub fn path(&self) -> &ResourcePath {
        &self.path
    }

    /// Reads the reference (GET `…/$ref`): `{"@odata.id": …}`.
    pub fn get(&self) -> Request<(), EntityReference> {
        Request::new(Method::Get, self.path.clone(), None)
    }

    /// Links a single-valued navigation property to `target` (PUT `…/$ref` with
    /// `{"@odata.id": "<absolute URL>"}`).
    pub fn set(
        &self,
        target: &impl ReferenceTarget<T>,
        service_root: &str,
    ) -> Request<EntityReference, NoContent> {
        let body = EntityReference::new(target.reference_url(service_root));
        Request::new(Method::Put, self.path.clone(), Some(body))
    }

    /// Removes the link (DELETE `…/$ref`); the entity itself stays.
    pub fn delete(&self) -> Request<(), NoContent> {
        Request::new(Method::Delete, self.path.clone(), None)
    }
}

// Hand-written: deriving would require `T: Clone`/`T: Debug` for the marker type.
impl<T> Clone for ReferencesRef<T> {
    fn clone(&self) -> Self {
        ReferencesRef::new(self.path.clone())
    }
}

impl<T> fmt::Debug for ReferencesRef<T> {
    fn fmt(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter
            .debug_tuple("ReferencesRef")
            .field(&self.path.as_str())
            .finish()
    }
}

impl<T> Clone for ReferenceRef<T> {
    fn clone(&self) -> Self {
        ReferenceRef::new(self.path.clone())
    }
}

impl<T> fmt::Debug for ReferenceRef<T> {
    fn fmt(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter
            .debug_tuple("ReferenceRef")
            .field(&self.path.as_str())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::super::path::{KeyStyle, UrlConventions};
    use super::super::resource::{CollectionRef, EntityRef};
    use super::*;

    struct User;

    fn users(key_style: KeyStyle) -> CollectionRef<User> {
        let conventions = UrlConventions {
            key_style,
            qualified_operations: true,
        };
        CollectionRef::new(ResourcePath::root(conventions).segment("users"))
    }

    #[test]
    fn references_keep_unknown_members() {
        let text = r#"{"@odata.context":"c","@odata.id":"https://x/users('1')","extra":[1]}"#;
        let reference: EntityReference = serde_json::from_str(text).unwrap();
        assert_eq!(reference.id, "https://x/users('1')");
        assert_eq!(reference.additional_properties.len(), 2);
        assert_eq!(serde_json::to_string(&reference).unwrap(), text);
        let typed: EntityReference =
            serde_json::from_str(r##"{"@odata.type":"#x.y","@odata.id":"u"}"##).unwrap();
        assert_eq!(
            serde_json::to_string(&typed).unwrap(),
            r##"{"@odata.type":"#x.y","@odata.id":"u"}"##
        );
        assert!(serde_json::from_str::<EntityReference>(r#"{"@odata.id":5}"#).is_err());
        assert_eq!(
            format!("{:?}", EntityReference::new("u")),
            r#"EntityReference {"@odata.id":"u"}"#
        );
    }

    #[test]
    fn reference_requests() {
        for (style, member) in [
            (KeyStyle::Segment, "/users/2"),
            (KeyStyle::Parentheses, "/users('2')"),
        ] {
            let members = ResourcePath::root(UrlConventions::default()).segment("members");
            let refs = ReferencesRef::<User>::new(members.segment("$ref"));
            let member_ref = EntityRef::<User>::new(users(style).path().key(&[("", "2".into())]));
            assert_eq!(member_ref.path().as_str(), member);
            let list = refs.list();
            assert_eq!(
                (list.method, list.path.as_str()),
                (Method::Get, "/members/$ref")
            );
            let add = refs.add(&member_ref, "https://svc/v1/");
            assert_eq!(add.method, Method::Post);
            assert_eq!(
                serde_json::to_string(&add.body).unwrap(),
                format!(r#"{{"@odata.id":"https://svc/v1{member}"}}"#)
            );
            let listed = EntityReference::new("https://elsewhere/users(9)");
            let remove_listed = refs.remove(&listed, "https://svc/v1");
            assert_eq!(remove_listed.query[0].1, "https://elsewhere/users(9)");
            assert_eq!(
                EntityReference::to(&member_ref, "https://svc/").id,
                format!("https://svc{member}")
            );
            let remove = refs.remove(&member_ref, "https://svc/v1");
            assert_eq!(remove.method, Method::Delete);
            assert_eq!(
                remove.url("https://svc/v1"),
                format!("https://svc/v1/members/$ref?$id=https://svc/v1{member}")
            );

            let manager = ReferenceRef::<User>::new(
                ResourcePath::root(UrlConventions::default())
                    .segment("manager")
                    .segment("$ref"),
            );
            assert_eq!(manager.get().method, Method::Get);
            let set = manager.set(&member_ref, "https://svc/v1");
            assert_eq!(
                (set.method, set.path.as_str()),
                (Method::Put, "/manager/$ref")
            );
            assert_eq!(set.body.unwrap().id, format!("https://svc/v1{member}"));
            assert_eq!(manager.delete().method, Method::Delete);
            assert_eq!(
                format!("{:?}", manager.clone()),
                r#"ReferenceRef("/manager/$ref")"#
            );
            assert_eq!(
                format!("{:?}", refs.clone()),
                r#"ReferencesRef("/members/$ref")"#
            );
        }
    }
}
