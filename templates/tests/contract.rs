//! The contract between the generator and the runtime: this file is written in exactly the shape
//! that the emitter produces for a small model, and tests the runtime's (de)serialization and path
//! building through it. If the emitter changes shape, this file changes with it.
//!
//! The runtime module is built as in a generated crate: the runtime crate re-exported, and
//! `resource.rs` compiled here, because generated code adds inherent methods to `EntityRef<…>`,
//! which only the crate that defines `EntityRef` may do.
#![allow(dead_code)]

// Like a generated crate, the tests use only part of what the runtime exports.
#[allow(unused_imports)]
#[path = "support/runtime.rs"]
pub(crate) mod runtime;

use runtime::{
    AdditionalProperties, Collection, EntityRef, Flags, KeyStyle, Method, NoContent, Nullable,
    Polymorphic, Request, Resource, ResourcePath, Structured, UrlConventions,
};
use serde_json::json;

// ---- what the emitter writes for models -------------------------------------------------------

/// Namespace aliases of the whole model, used to resolve `@odata.type` written with an alias.
pub const NAMESPACES: &[runtime::Namespace] = &[runtime::Namespace {
    name: "microsoft.graph",
    alias: Some("graph"),
}];

#[derive(Clone, PartialEq, Eq, Hash)]
pub enum AssignmentSource {
    Direct,
    PolicySets,
    /// A member this crate does not know yet, kept as sent.
    Other(String),
}

impl runtime::EnumType for AssignmentSource {
    const TYPE_NAME: &'static str = "microsoft.graph.deviceAndAppManagementAssignmentSource";
    fn from_wire(name: &str) -> Self {
        match name {
            "direct" => Self::Direct,
            "policySets" => Self::PolicySets,
            other => Self::Other(other.to_owned()),
        }
    }
    fn as_wire(&self) -> &str {
        match self {
            Self::Direct => "direct",
            Self::PolicySets => "policySets",
            Self::Other(name) => name,
        }
    }
}
runtime::enum_serde!(AssignmentSource);

#[derive(Clone, PartialEq, Eq, Hash)]
pub enum Weekday {
    Monday,
    Tuesday,
    Other(String),
}
impl runtime::EnumType for Weekday {
    const TYPE_NAME: &'static str = "microsoft.graph.weekday";
    fn from_wire(name: &str) -> Self {
        match name {
            "monday" => Self::Monday,
            "tuesday" => Self::Tuesday,
            other => Self::Other(other.to_owned()),
        }
    }
    fn as_wire(&self) -> &str {
        match self {
            Self::Monday => "monday",
            Self::Tuesday => "tuesday",
            Self::Other(name) => name,
        }
    }
}
runtime::enum_serde!(Weekday);

/// Abstract base of assignment targets.
#[derive(Clone, Default, PartialEq)]
pub struct AssignmentTarget {
    /// `@odata.type` as sent or to be sent.
    pub odata_type: Option<String>,
    pub filter_id: Nullable<String>,
    /// Unknown properties and instance annotations, kept in order.
    pub additional_properties: AdditionalProperties,
}

impl Structured for AssignmentTarget {
    const TYPE_NAME: &'static str = "microsoft.graph.assignmentTarget";
    const PROPERTIES: &'static [&'static str] = &["filterId"];
    fn read_property<'de, A: serde::de::MapAccess<'de>>(
        &mut self,
        index: usize,
        map: &mut A,
    ) -> Result<runtime::Read, A::Error> {
        match index {
            0 => runtime::read(map, &mut self.filter_id),
            _ => runtime::skip(map),
        }
    }
    fn write_properties<M: serde::ser::SerializeMap>(&self, map: &mut M) -> Result<(), M::Error> {
        runtime::write(map, "filterId", &self.filter_id)?;
        Ok(())
    }
}
runtime::structured_serde!(AssignmentTarget);

#[derive(Clone, Default, PartialEq)]
pub struct GroupAssignmentTarget {
    pub odata_type: Option<String>,
    pub filter_id: Nullable<String>,
    pub group_id: Option<String>,
    pub additional_properties: AdditionalProperties,
}

impl Structured for GroupAssignmentTarget {
    const TYPE_NAME: &'static str = "microsoft.graph.groupAssignmentTarget";
    const PROPERTIES: &'static [&'static str] = &["filterId", "groupId"];
    fn read_property<'de, A: serde::de::MapAccess<'de>>(
        &mut self,
        index: usize,
        map: &mut A,
    ) -> Result<runtime::Read, A::Error> {
        match index {
            0 => runtime::read(map, &mut self.filter_id),
            1 => runtime::read(map, &mut self.group_id),
            _ => runtime::skip(map),
        }
    }
    fn write_properties<M: serde::ser::SerializeMap>(&self, map: &mut M) -> Result<(), M::Error> {
        runtime::write(map, "filterId", &self.filter_id)?;
        runtime::write(map, "groupId", &self.group_id)?;
        Ok(())
    }
}
runtime::structured_serde!(GroupAssignmentTarget);

/// A value declared as `assignmentTarget`: the declared type or any type derived from it.
#[derive(Clone, PartialEq)]
pub enum AnyAssignmentTarget {
    AssignmentTarget(Box<AssignmentTarget>),
    GroupAssignmentTarget(Box<GroupAssignmentTarget>),
}

impl Polymorphic for AnyAssignmentTarget {
    const NAMESPACES: &'static [runtime::Namespace] = NAMESPACES;
    /// Qualified names, index = variant order; index 0 is always the declared (base) type.
    const VARIANTS: &'static [&'static str] = &[
        "microsoft.graph.assignmentTarget",
        "microsoft.graph.groupAssignmentTarget",
    ];
    fn read_variant<'de, A: serde::de::MapAccess<'de>>(
        index: usize,
        odata_type: Option<String>,
        map: &mut A,
    ) -> Result<Self, A::Error> {
        Ok(match index {
            1 => Self::GroupAssignmentTarget(runtime::read_rest(odata_type, map)?),
            _ => Self::AssignmentTarget(runtime::read_rest(odata_type, map)?),
        })
    }
    fn write_variant<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::AssignmentTarget(value) => runtime::write_variant(&**value, false, serializer),
            Self::GroupAssignmentTarget(value) => {
                runtime::write_variant(&**value, true, serializer)
            }
        }
    }
}
runtime::polymorphic_serde!(AnyAssignmentTarget);

impl From<AssignmentTarget> for AnyAssignmentTarget {
    fn from(value: AssignmentTarget) -> Self {
        Self::AssignmentTarget(Box::new(value))
    }
}
impl From<GroupAssignmentTarget> for AnyAssignmentTarget {
    fn from(value: GroupAssignmentTarget) -> Self {
        Self::GroupAssignmentTarget(Box::new(value))
    }
}

/// An entity with every kind of property the emitter produces.
#[derive(Clone, Default, PartialEq)]
pub struct Assignment {
    pub odata_type: Option<String>,
    pub id: Option<String>,
    pub source: Option<AssignmentSource>,
    pub source_id: Nullable<String>,
    pub target: Nullable<AnyAssignmentTarget>,
    pub days: Nullable<Flags<Weekday>>,
    pub tags: Option<Vec<String>>,
    pub count: Option<runtime::Int64>,
    pub ratio: Nullable<runtime::Double>,
    pub more_targets: Option<Vec<AnyAssignmentTarget>>,
    pub additional_properties: AdditionalProperties,
}

impl Structured for Assignment {
    const TYPE_NAME: &'static str = "microsoft.graph.assignment";
    const PROPERTIES: &'static [&'static str] = &[
        "id",
        "source",
        "sourceId",
        "target",
        "days",
        "tags",
        "count",
        "ratio",
        "moreTargets",
    ];
    fn read_property<'de, A: serde::de::MapAccess<'de>>(
        &mut self,
        index: usize,
        map: &mut A,
    ) -> Result<runtime::Read, A::Error> {
        match index {
            0 => runtime::read(map, &mut self.id),
            1 => runtime::read(map, &mut self.source),
            2 => runtime::read(map, &mut self.source_id),
            3 => runtime::read(map, &mut self.target),
            4 => runtime::read(map, &mut self.days),
            5 => runtime::read(map, &mut self.tags),
            6 => runtime::read(map, &mut self.count),
            7 => runtime::read(map, &mut self.ratio),
            8 => runtime::read(map, &mut self.more_targets),
            _ => runtime::skip(map),
        }
    }
    fn write_properties<M: serde::ser::SerializeMap>(&self, map: &mut M) -> Result<(), M::Error> {
        runtime::write(map, "id", &self.id)?;
        runtime::write(map, "source", &self.source)?;
        runtime::write(map, "sourceId", &self.source_id)?;
        runtime::write(map, "target", &self.target)?;
        runtime::write(map, "days", &self.days)?;
        runtime::write(map, "tags", &self.tags)?;
        runtime::write(map, "count", &self.count)?;
        runtime::write(map, "ratio", &self.ratio)?;
        runtime::write(map, "moreTargets", &self.more_targets)?;
        Ok(())
    }
}
runtime::structured_serde!(Assignment);

// An entity type: how it is addressed.
impl Resource for Assignment {
    /// What a GET returns and a POST/PATCH sends: `Self`, or the `Any…` enum when the entity
    /// type has derived types.
    type Value = Assignment;
    /// The key: a single value, or a generated struct for composite keys.
    type Key = String;
}

#[derive(Clone, Default, PartialEq)]
pub struct AssignParameters {
    pub assignments: Option<Vec<Assignment>>,
    pub additional_properties: AdditionalProperties,
}
impl Structured for AssignParameters {
    const TYPE_NAME: &'static str = "microsoft.graph.assign";
    const PROPERTIES: &'static [&'static str] = &["assignments"];
    fn read_property<'de, A: serde::de::MapAccess<'de>>(
        &mut self,
        index: usize,
        map: &mut A,
    ) -> Result<runtime::Read, A::Error> {
        match index {
            0 => runtime::read(map, &mut self.assignments),
            _ => runtime::skip(map),
        }
    }
    fn write_properties<M: serde::ser::SerializeMap>(&self, map: &mut M) -> Result<(), M::Error> {
        runtime::write(map, "assignments", &self.assignments)?;
        Ok(())
    }
}
runtime::structured_serde!(AssignParameters, without_odata_type);

// ---- what the emitter writes for paths --------------------------------------------------------

/// The entity container: where every URL starts.
#[derive(Debug, Clone)]
pub struct Service {
    root: ResourcePath,
}

impl Service {
    /// The URL conventions chosen at generation time (here Graph's: key segments, unqualified
    /// bound operations).
    pub fn new() -> Self {
        Self::with_conventions(UrlConventions {
            key_style: KeyStyle::Segment,
            qualified_operations: false,
        })
    }
    pub fn with_conventions(conventions: UrlConventions) -> Self {
        Service {
            root: ResourcePath::root(conventions),
        }
    }
    pub fn assignments(&self) -> runtime::CollectionRef<Assignment> {
        runtime::CollectionRef::new(self.root.segment("assignments"))
    }
}

// Clippy's `new_without_default` asks for this next to a public `new()`.
impl Default for Service {
    fn default() -> Self {
        Self::new()
    }
}

impl EntityRef<Assignment> {
    /// Bound action `assign`.
    pub fn assign(
        &self,
        body: AssignParameters,
    ) -> Request<AssignParameters, Collection<Assignment>> {
        Request::new(
            Method::Post,
            self.path().operation("microsoft.graph", "assign"),
            Some(body),
        )
    }
    /// A bound function with a parameter: parameters go into the URL.
    pub fn report(&self, day: &str) -> Request<(), runtime::ValueResponse<String>> {
        let params = [("day", runtime::Literal::string(day))];
        Request::new(
            Method::Get,
            self.path().function("microsoft.graph", "report", &params),
            None,
        )
    }
}

// ---- tests of the runtime through the contract ------------------------------------------------

fn roundtrip<T: serde::Serialize + serde::de::DeserializeOwned>(
    input: serde_json::Value,
) -> serde_json::Value {
    let value: T = serde_json::from_value(input).expect("deserializes");
    serde_json::to_value(&value).expect("serializes")
}

#[test]
fn unset_null_and_value_are_distinct() {
    let a: Assignment = serde_json::from_value(json!({"id": "1", "sourceId": null})).unwrap();
    assert_eq!(a.id.as_deref(), Some("1"));
    assert_eq!(a.source_id, Nullable::Null);
    assert_eq!(a.target, Nullable::Unset);
    assert_eq!(
        serde_json::to_value(&a).unwrap(),
        json!({"id": "1", "sourceId": null})
    );
}

#[test]
fn polymorphic_values_dispatch_on_odata_type_in_every_spelling() {
    for spelling in [
        "#microsoft.graph.groupAssignmentTarget",
        "microsoft.graph.groupAssignmentTarget",
        "#graph.groupAssignmentTarget",
        "graph.groupAssignmentTarget",
    ] {
        let t: AnyAssignmentTarget =
            serde_json::from_value(json!({"@odata.type": spelling, "groupId": "g"})).unwrap();
        match &t {
            AnyAssignmentTarget::GroupAssignmentTarget(g) => {
                assert_eq!(g.group_id.as_deref(), Some("g"));
                assert_eq!(g.odata_type.as_deref(), Some(spelling), "kept verbatim");
            }
            other => panic!("{spelling}: {other:?}"),
        }
        assert_eq!(
            serde_json::to_value(&t).unwrap(),
            json!({"@odata.type": spelling, "groupId": "g"})
        );
    }
}

#[test]
fn odata_type_later_in_the_object_still_dispatches() {
    // From text: a `serde_json::Value` object (without `preserve_order`) sorts `@odata.type`
    // first, which would not exercise this path.
    let t: AnyAssignmentTarget = serde_json::from_str(
        r##"{"groupId": "g", "@odata.type": "#microsoft.graph.groupAssignmentTarget"}"##,
    )
    .unwrap();
    assert!(matches!(t, AnyAssignmentTarget::GroupAssignmentTarget(_)));
}

#[test]
fn missing_odata_type_means_the_declared_type() {
    let t: AnyAssignmentTarget = serde_json::from_value(json!({"filterId": "f"})).unwrap();
    assert!(matches!(t, AnyAssignmentTarget::AssignmentTarget(_)));
}

#[test]
fn unknown_derived_type_falls_back_to_declared_type_losslessly() {
    let input =
        json!({"@odata.type": "#microsoft.graph.futureTarget", "filterId": "f", "newProp": [1, 2]});
    let t: AnyAssignmentTarget = serde_json::from_value(input.clone()).unwrap();
    assert!(matches!(t, AnyAssignmentTarget::AssignmentTarget(_)));
    assert_eq!(serde_json::to_value(&t).unwrap(), input);
}

#[test]
fn derived_values_built_in_code_get_their_odata_type() {
    let t: AnyAssignmentTarget = GroupAssignmentTarget {
        group_id: Some("g".into()),
        ..Default::default()
    }
    .into();
    assert_eq!(
        serde_json::to_value(&t).unwrap(),
        json!({"@odata.type": "#microsoft.graph.groupAssignmentTarget", "groupId": "g"})
    );
}

#[test]
fn unknown_members_properties_and_annotations_round_trip() {
    let input = json!({
        "@odata.context": "https://example/$metadata#assignments/$entity",
        "@odata.etag": "W/\"1\"",
        "id": "1",
        "source": "someFutureSource",
        "days": "monday,someday",
        "notInTheModel": {"deep": [true, null]},
        "tags@odata.count": 2,
        "tags": ["a", "b"],
        "moreTargets": [{"@odata.type": "#graph.groupAssignmentTarget", "groupId": "x"}, {}],
    });
    let a: Assignment = serde_json::from_value(input.clone()).unwrap();
    assert_eq!(
        a.source,
        Some(AssignmentSource::Other("someFutureSource".into()))
    );
    assert_eq!(
        a.days,
        Nullable::Value(Flags(vec![
            Weekday::Monday,
            Weekday::Other("someday".into())
        ]))
    );
    assert_eq!(roundtrip::<Assignment>(input.clone()), input);
}

#[test]
fn numbers_accept_strings_and_special_floats() {
    let a: Assignment =
        serde_json::from_value(json!({"count": "9007199254740993", "ratio": "NaN"})).unwrap();
    assert_eq!(a.count.as_ref().map(|c| c.value()), Some(9007199254740993));
    assert!(matches!(&a.ratio, Nullable::Value(r) if r.value().is_nan()));
    assert_eq!(
        serde_json::to_value(&a).unwrap(),
        json!({"count": "9007199254740993", "ratio": "NaN"})
    );
    let inf: Assignment = serde_json::from_value(json!({"ratio": "-INF"})).unwrap();
    assert_eq!(
        serde_json::to_value(&inf).unwrap(),
        json!({"ratio": "-INF"})
    );
}

#[test]
fn wrong_types_are_errors_not_panics() {
    for bad in [
        json!({"id": 5}),
        json!({"tags": "x"}),
        json!({"count": "x"}),
        json!({"target": 3}),
        json!([1]),
        json!("s"),
    ] {
        assert!(
            serde_json::from_value::<Assignment>(bad.clone()).is_err(),
            "{bad}"
        );
    }
}

#[test]
fn collections_and_paging() {
    let page: Collection<Assignment> = serde_json::from_value(json!({
        "@odata.context": "x",
        "@odata.nextLink": "https://example/assignments?$skiptoken=2",
        "@odata.count": 10,
        "value": [{"id": "1"}, {"id": "2"}]
    }))
    .unwrap();
    assert_eq!(page.value.len(), 2);
    assert_eq!(
        page.next_link.as_deref(),
        Some("https://example/assignments?$skiptoken=2")
    );
    assert_eq!(page.count, Some(10));
}

#[test]
fn paths_keys_and_requests() {
    let service = Service::new();
    let item = service.assignments().by_id("a'b/c");
    assert_eq!(item.path().as_str(), "/assignments/a'b%2Fc");
    let item = Service::with_conventions(UrlConventions {
        key_style: KeyStyle::Parentheses,
        qualified_operations: true,
    })
    .assignments()
    .by_id("a'b/c");
    assert_eq!(item.path().as_str(), "/assignments('a''b%2Fc')");

    let create = service.assignments().create(Assignment::default());
    assert_eq!(create.method, Method::Post);
    assert_eq!(create.path, "/assignments");

    let get = service.assignments().by_id("1").get();
    assert_eq!(
        (get.method, get.path.as_str()),
        (Method::Get, "/assignments/1")
    );
    let patch = service
        .assignments()
        .by_id("1")
        .update(Assignment::default());
    assert_eq!(patch.method, Method::Patch);
    let delete: Request<(), NoContent> = service.assignments().by_id("1").delete();
    assert_eq!(delete.method, Method::Delete);
    let list = service.assignments().list().top(5).select(["id", "target"]);
    assert_eq!(
        list.url("https://example/v1.0"),
        "https://example/v1.0/assignments?$top=5&$select=id,target"
    );

    let assign = service
        .assignments()
        .by_id("1")
        .assign(AssignParameters::default());
    assert_eq!(assign.path, "/assignments/1/assign");
    let report = service.assignments().by_id("1").report("it's");
    assert_eq!(report.path, "/assignments/1/report(day='it''s')");
    let qualified = Service::with_conventions(UrlConventions {
        key_style: KeyStyle::Parentheses,
        qualified_operations: true,
    });
    let assign = qualified
        .assignments()
        .by_id("1")
        .assign(AssignParameters::default());
    assert_eq!(assign.path, "/assignments('1')/microsoft.graph.assign");
    let cast = qualified
        .assignments()
        .cast::<Assignment>("microsoft.graph.specialAssignment");
    assert_eq!(
        cast.path().as_str(),
        "/assignments/microsoft.graph.specialAssignment"
    );
}
