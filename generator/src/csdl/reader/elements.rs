//! One function per CSDL element: its attributes → its AST node (children come later, from
//! the builder).

use super::attrs::{Attrs, Element, Nullable};
use super::expressions::shorthand_or_unknown;
use super::sink::Sink;
use crate::csdl::ast::{
    Annotation, Annotations, EntityContainer, EntitySet, EnumMember, EnumType, Expression, Include,
    IncludeAnnotations, Key, NavigationProperty, NavigationPropertyBinding, OnDelete, Operation,
    OperationImport, OperationKind, Parameter, Property, PropertyRef, Reference,
    ReferentialConstraint, ReturnType, Schema, Singleton, StructuredType, Term, TypeDefinition,
};
use crate::diagnostics::Deviation;

pub(super) const SUPPORTED_VERSIONS: [&str; 2] = ["4.0", "4.01"];

/// The `Version` of `edmx:Edmx`, which must be a CSDL version this reader understands.
pub(super) fn edmx_version(el: &Element, sink: &mut Sink) -> Option<String> {
    let mut attrs = Attrs::new(el, sink);
    let mut version = None;
    while let Some(attr) = attrs.next_attr() {
        match attr.name {
            "Version" => version = Some(attr.into_string()),
            _ => attrs.unknown(&attr),
        }
    }
    let version = attrs.required(version, "Version");
    if version.is_empty() {
        return None;
    }
    if !SUPPORTED_VERSIONS.contains(&version.as_str()) {
        attrs.error(format!(
            "unsupported CSDL version `{version}`; expected `4.0` or `4.01`"
        ));
    }
    Some(version)
}

pub(super) fn reference(el: &Element, sink: &mut Sink) -> Reference {
    let mut attrs = Attrs::new(el, sink);
    let mut uri = None;
    while let Some(attr) = attrs.next_attr() {
        match attr.name {
            "Uri" => uri = Some(attr.into_string()),
            _ => attrs.unknown(&attr),
        }
    }
    Reference {
        pos: el.pos.clone(),
        uri: attrs.required(uri, "Uri"),
        includes: Vec::new(),
        include_annotations: Vec::new(),
    }
}

pub(super) fn include(el: &Element, sink: &mut Sink) -> Include {
    let mut attrs = Attrs::new(el, sink);
    let (mut namespace, mut alias) = (None, None);
    while let Some(attr) = attrs.next_attr() {
        match attr.name {
            "Namespace" => namespace = Some(attr.into_string()),
            "Alias" => alias = Some(attr.into_string()),
            _ => attrs.unknown(&attr),
        }
    }
    Include {
        pos: el.pos.clone(),
        namespace: attrs.required(namespace, "Namespace"),
        alias,
    }
}

pub(super) fn include_annotations(el: &Element, sink: &mut Sink) -> IncludeAnnotations {
    let mut attrs = Attrs::new(el, sink);
    let (mut term_namespace, mut qualifier, mut target_namespace) = (None, None, None);
    while let Some(attr) = attrs.next_attr() {
        match attr.name {
            "TermNamespace" => term_namespace = Some(attr.into_string()),
            "Qualifier" => qualifier = Some(attr.into_string()),
            "TargetNamespace" => target_namespace = Some(attr.into_string()),
            _ => attrs.unknown(&attr),
        }
    }
    IncludeAnnotations {
        pos: el.pos.clone(),
        term_namespace: attrs.required(term_namespace, "TermNamespace"),
        qualifier,
        target_namespace,
    }
}

pub(super) fn schema(el: &Element, sink: &mut Sink) -> Schema {
    let mut node = Schema {
        pos: el.pos.clone(),
        ..Schema::default()
    };
    let mut attrs = Attrs::new(el, sink);
    let mut namespace = None;
    while let Some(attr) = attrs.next_attr() {
        match attr.name {
            "Namespace" => namespace = Some(attr.into_string()),
            "Alias" => node.alias = Some(attr.into_string()),
            _ => attrs.unknown(&attr),
        }
    }
    node.namespace = attrs.required(namespace, "Namespace");
    node
}

/// Whether a structured type is an `EntityType` (which alone may have a key and a stream).
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum TypeKind {
    Entity,
    Complex,
}

pub(super) fn structured_type(el: &Element, kind: TypeKind, sink: &mut Sink) -> StructuredType {
    let mut node = StructuredType {
        pos: el.pos.clone(),
        ..StructuredType::default()
    };
    let mut attrs = Attrs::new(el, sink);
    let mut name = None;
    while let Some(attr) = attrs.next_attr() {
        match attr.name {
            "Name" => name = Some(attr.into_string()),
            "BaseType" => node.base_type = Some(attr.into_string()),
            "Abstract" => node.is_abstract = attrs.bool(&attr).unwrap_or(false),
            "OpenType" => node.open_type = attrs.bool(&attr).unwrap_or(false),
            "HasStream" if kind == TypeKind::Entity => {
                node.has_stream = attrs.bool(&attr).unwrap_or(false);
            }
            _ => attrs.unknown(&attr),
        }
    }
    node.name = attrs.required(name, "Name");
    node
}

pub(super) fn key(el: &Element, sink: &mut Sink) -> Key {
    Attrs::new(el, sink).expect_none();
    Key {
        pos: el.pos.clone(),
        property_refs: Vec::new(),
    }
}

pub(super) fn property_ref(el: &Element, sink: &mut Sink) -> PropertyRef {
    let mut attrs = Attrs::new(el, sink);
    let (mut name, mut alias) = (None, None);
    while let Some(attr) = attrs.next_attr() {
        match attr.name {
            "Name" => name = Some(attr.into_string()),
            "Alias" => alias = Some(attr.into_string()),
            _ => attrs.unknown(&attr),
        }
    }
    PropertyRef {
        pos: el.pos.clone(),
        name: attrs.required(name, "Name"),
        alias,
    }
}

pub(super) fn property(el: &Element, sink: &mut Sink) -> Property {
    let mut node = Property {
        pos: el.pos.clone(),
        ..Property::default()
    };
    let mut attrs = Attrs::new(el, sink);
    let (mut name, mut type_name) = (None, None);
    while let Some(attr) = attrs.next_attr() {
        match attr.name {
            "Name" => name = Some(attr.into_string()),
            "Type" => type_name = Some(attr.into_string()),
            "DefaultValue" => node.default_value = Some(attr.into_string()),
            _ => attrs.facet_or_unknown(attr, &mut node.facets, Nullable::Allowed),
        }
    }
    node.name = attrs.required(name, "Name");
    node.type_name = attrs.required(type_name, "Type");
    node
}

pub(super) fn navigation_property(el: &Element, sink: &mut Sink) -> NavigationProperty {
    let mut node = NavigationProperty {
        pos: el.pos.clone(),
        ..NavigationProperty::default()
    };
    let mut attrs = Attrs::new(el, sink);
    let (mut name, mut type_name) = (None, None);
    while let Some(attr) = attrs.next_attr() {
        match attr.name {
            "Name" => name = Some(attr.into_string()),
            "Type" => type_name = Some(attr.into_string()),
            "Nullable" => node.nullable = attrs.bool(&attr),
            "Partner" => node.partner = Some(attr.into_string()),
            "ContainsTarget" => node.contains_target = attrs.bool(&attr).unwrap_or(false),
            _ => attrs.unknown(&attr),
        }
    }
    node.name = attrs.required(name, "Name");
    node.type_name = match type_name {
        // Some services leave `Type` out: nothing says what the property leads to, so the
        // model leaves it out (an empty type name is taken as already reported).
        None => {
            let message = format!(
                "navigation property `{}` has no `Type`; left out",
                node.name
            );
            attrs.deviation(Deviation::NavigationType, message);
            String::new()
        }
        written => attrs.required(written, "Type"),
    };
    node
}

pub(super) fn on_delete(el: &Element, sink: &mut Sink) -> OnDelete {
    let mut attrs = Attrs::new(el, sink);
    let mut action = None;
    while let Some(attr) = attrs.next_attr() {
        match attr.name {
            "Action" => action = Some(attr.into_string()),
            _ => attrs.unknown(&attr),
        }
    }
    OnDelete {
        pos: el.pos.clone(),
        action: attrs.required(action, "Action"),
    }
}

pub(super) fn referential_constraint(el: &Element, sink: &mut Sink) -> ReferentialConstraint {
    let mut attrs = Attrs::new(el, sink);
    let (mut property, mut referenced_property) = (None, None);
    while let Some(attr) = attrs.next_attr() {
        match attr.name {
            "Property" => property = Some(attr.into_string()),
            "ReferencedProperty" => referenced_property = Some(attr.into_string()),
            _ => attrs.unknown(&attr),
        }
    }
    ReferentialConstraint {
        pos: el.pos.clone(),
        property: attrs.required(property, "Property"),
        referenced_property: attrs.required(referenced_property, "ReferencedProperty"),
    }
}

pub(super) fn enum_type(el: &Element, sink: &mut Sink) -> EnumType {
    let mut node = EnumType {
        pos: el.pos.clone(),
        ..EnumType::default()
    };
    let mut attrs = Attrs::new(el, sink);
    let mut name = None;
    while let Some(attr) = attrs.next_attr() {
        match attr.name {
            "Name" => name = Some(attr.into_string()),
            "IsFlags" => node.is_flags = attrs.bool(&attr).unwrap_or(false),
            "UnderlyingType" => node.underlying_type = Some(attr.into_string()),
            _ => attrs.unknown(&attr),
        }
    }
    node.name = attrs.required(name, "Name");
    node
}

pub(super) fn enum_member(el: &Element, sink: &mut Sink) -> EnumMember {
    let mut node = EnumMember {
        pos: el.pos.clone(),
        ..EnumMember::default()
    };
    let mut attrs = Attrs::new(el, sink);
    let mut name = None;
    while let Some(attr) = attrs.next_attr() {
        match attr.name {
            "Name" => name = Some(attr.into_string()),
            "Value" => node.value = Some(attr.into_string()),
            _ => attrs.unknown(&attr),
        }
    }
    node.name = attrs.required(name, "Name");
    node
}

pub(super) fn type_definition(el: &Element, sink: &mut Sink) -> TypeDefinition {
    let mut node = TypeDefinition {
        pos: el.pos.clone(),
        ..TypeDefinition::default()
    };
    let mut attrs = Attrs::new(el, sink);
    let (mut name, mut underlying_type) = (None, None);
    while let Some(attr) = attrs.next_attr() {
        match attr.name {
            "Name" => name = Some(attr.into_string()),
            "UnderlyingType" => underlying_type = Some(attr.into_string()),
            _ => attrs.facet_or_unknown(attr, &mut node.facets, Nullable::NotAllowed),
        }
    }
    node.name = attrs.required(name, "Name");
    node.underlying_type = attrs.required(underlying_type, "UnderlyingType");
    node
}

pub(super) fn operation(el: &Element, kind: OperationKind, sink: &mut Sink) -> Operation {
    let mut attrs = Attrs::new(el, sink);
    let mut name = None;
    let (mut is_bound, mut is_composable, mut entity_set_path) = (false, false, None);
    while let Some(attr) = attrs.next_attr() {
        match attr.name {
            "Name" => name = Some(attr.into_string()),
            "IsBound" => is_bound = attrs.bool(&attr).unwrap_or(false),
            "IsComposable" if kind == OperationKind::Function => {
                is_composable = attrs.bool(&attr).unwrap_or(false);
            }
            "EntitySetPath" => entity_set_path = Some(attr.into_string()),
            _ => attrs.unknown(&attr),
        }
    }
    Operation {
        pos: el.pos.clone(),
        kind,
        name: attrs.required(name, "Name"),
        is_bound,
        is_composable,
        entity_set_path,
        parameters: Vec::new(),
        return_type: None,
        annotations: Vec::new(),
    }
}

pub(super) fn parameter(el: &Element, sink: &mut Sink) -> Parameter {
    let mut node = Parameter {
        pos: el.pos.clone(),
        ..Parameter::default()
    };
    let mut attrs = Attrs::new(el, sink);
    let (mut name, mut type_name) = (None, None);
    while let Some(attr) = attrs.next_attr() {
        match attr.name {
            "Name" => name = Some(attr.into_string()),
            "Type" => type_name = Some(attr.into_string()),
            _ => attrs.facet_or_unknown(attr, &mut node.facets, Nullable::Allowed),
        }
    }
    node.name = attrs.required(name, "Name");
    node.type_name = match type_name {
        // An OData.NET test model leaves it out: any JSON the caller gives is sent as it is.
        None => {
            let message = format!(
                "parameter `{}` has no `Type`; read as `Edm.Untyped` (any JSON)",
                node.name
            );
            attrs.deviation(Deviation::UndefinedType, message);
            "Edm.Untyped".to_owned()
        }
        written => attrs.required(written, "Type"),
    };
    node
}

pub(super) fn return_type(el: &Element, sink: &mut Sink) -> ReturnType {
    let mut node = ReturnType {
        pos: el.pos.clone(),
        ..ReturnType::default()
    };
    let mut attrs = Attrs::new(el, sink);
    let mut type_name = None;
    while let Some(attr) = attrs.next_attr() {
        match attr.name {
            "Type" => type_name = Some(attr.into_string()),
            _ => attrs.facet_or_unknown(attr, &mut node.facets, Nullable::Allowed),
        }
    }
    node.type_name = attrs.required(type_name, "Type");
    node
}

pub(super) fn term(el: &Element, sink: &mut Sink) -> Term {
    let mut node = Term {
        pos: el.pos.clone(),
        ..Term::default()
    };
    let mut attrs = Attrs::new(el, sink);
    let (mut name, mut type_name) = (None, None);
    while let Some(attr) = attrs.next_attr() {
        match attr.name {
            "Name" => name = Some(attr.into_string()),
            "Type" => type_name = Some(attr.into_string()),
            "BaseTerm" => node.base_term = Some(attr.into_string()),
            "AppliesTo" => node.applies_to = Some(attr.into_string()),
            "DefaultValue" => node.default_value = Some(attr.into_string()),
            _ => attrs.facet_or_unknown(attr, &mut node.facets, Nullable::Allowed),
        }
    }
    node.name = attrs.required(name, "Name");
    node.type_name = attrs.required(type_name, "Type");
    node
}

pub(super) fn entity_container(el: &Element, sink: &mut Sink) -> EntityContainer {
    let mut node = EntityContainer {
        pos: el.pos.clone(),
        ..EntityContainer::default()
    };
    let mut attrs = Attrs::new(el, sink);
    let mut name = None;
    while let Some(attr) = attrs.next_attr() {
        match attr.name {
            "Name" => name = Some(attr.into_string()),
            "Extends" => node.extends = Some(attr.into_string()),
            _ => attrs.unknown(&attr),
        }
    }
    node.name = attrs.required(name, "Name");
    node
}

pub(super) fn entity_set(el: &Element, sink: &mut Sink) -> EntitySet {
    let mut node = EntitySet {
        pos: el.pos.clone(),
        ..EntitySet::default()
    };
    let mut attrs = Attrs::new(el, sink);
    let (mut name, mut entity_type) = (None, None);
    while let Some(attr) = attrs.next_attr() {
        match attr.name {
            "Name" => name = Some(attr.into_string()),
            "EntityType" => entity_type = Some(attr.into_string()),
            "IncludeInServiceDocument" => node.include_in_service_document = attrs.bool(&attr),
            _ => attrs.unknown(&attr),
        }
    }
    node.name = attrs.required(name, "Name");
    node.entity_type = attrs.required(entity_type, "EntityType");
    node
}

pub(super) fn singleton(el: &Element, sink: &mut Sink) -> Singleton {
    let mut node = Singleton {
        pos: el.pos.clone(),
        ..Singleton::default()
    };
    let mut attrs = Attrs::new(el, sink);
    let (mut name, mut type_name) = (None, None);
    while let Some(attr) = attrs.next_attr() {
        match attr.name {
            "Name" => name = Some(attr.into_string()),
            // Some producers write `EntityType` as on entity sets; both name the type.
            "Type" | "EntityType" => type_name = Some(attr.into_string()),
            "Nullable" => node.nullable = attrs.bool(&attr),
            _ => attrs.unknown(&attr),
        }
    }
    node.name = attrs.required(name, "Name");
    node.type_name = attrs.required(type_name, "Type");
    node
}

pub(super) fn navigation_property_binding(
    el: &Element,
    sink: &mut Sink,
) -> NavigationPropertyBinding {
    let mut attrs = Attrs::new(el, sink);
    let (mut path, mut target) = (None, None);
    while let Some(attr) = attrs.next_attr() {
        match attr.name {
            "Path" => path = Some(attr.into_string()),
            "Target" => target = Some(attr.into_string()),
            _ => attrs.unknown(&attr),
        }
    }
    NavigationPropertyBinding {
        pos: el.pos.clone(),
        path: attrs.required(path, "Path"),
        target: attrs.required(target, "Target"),
    }
}

/// `ActionImport` (`kind` = action) or `FunctionImport`.
pub(super) fn operation_import(
    el: &Element,
    kind: OperationKind,
    sink: &mut Sink,
) -> OperationImport {
    let operation_attribute = match kind {
        OperationKind::Action => "Action",
        OperationKind::Function => "Function",
    };
    let mut attrs = Attrs::new(el, sink);
    let (mut name, mut operation, mut entity_set) = (None, None, None);
    let mut include_in_service_document = None;
    while let Some(attr) = attrs.next_attr() {
        match attr.name {
            "Name" => name = Some(attr.into_string()),
            "EntitySet" => entity_set = Some(attr.into_string()),
            "IncludeInServiceDocument" if kind == OperationKind::Function => {
                include_in_service_document = attrs.bool(&attr);
            }
            other if other == operation_attribute => operation = Some(attr.into_string()),
            _ => attrs.unknown(&attr),
        }
    }
    let name = attrs.required(name, "Name");
    let operation = match operation {
        // The OData V3 form (`ReturnType` and `Parameter`s on the import itself), in some
        // test models: nothing to call through; the model leaves an empty name out.
        None => {
            let message = format!(
                "`{}` `{name}` has no `{operation_attribute}` attribute (the OData V3 form?); import left out",
                el.name
            );
            attrs.deviation(Deviation::ImportTarget, message);
            String::new()
        }
        written => attrs.required(written, operation_attribute),
    };
    OperationImport {
        pos: el.pos.clone(),
        name,
        operation,
        entity_set,
        include_in_service_document,
        annotations: Vec::new(),
    }
}

/// Out-of-line `<Annotations Target="…">`.
pub(super) fn annotation_group(el: &Element, sink: &mut Sink) -> Annotations {
    let mut node = Annotations {
        pos: el.pos.clone(),
        ..Annotations::default()
    };
    let mut attrs = Attrs::new(el, sink);
    let mut target = None;
    while let Some(attr) = attrs.next_attr() {
        match attr.name {
            "Target" => target = Some(attr.into_string()),
            "Qualifier" => node.qualifier = Some(attr.into_string()),
            _ => attrs.unknown(&attr),
        }
    }
    match target {
        // SAP Web IDE's annotation modeler writes empty `<Annotations/>`: it annotates nothing,
        // so it is left out (see `attach_to_schema`).
        None => attrs.deviation(
            Deviation::AnnotationsTarget,
            "`Annotations` has no `Target`; left out with the annotations it holds",
        ),
        target => node.target = attrs.required(target, "Target"),
    }
    node
}

/// `<Annotation Term="…">`, with its value when given as an attribute shorthand.
pub(super) fn annotation(el: &Element, sink: &mut Sink) -> Annotation {
    let mut attrs = Attrs::new(el, sink);
    let (mut term, mut qualifier, mut value) = (None, None, None);
    while let Some(attr) = attrs.next_attr() {
        match attr.name {
            "Term" => term = Some(attr.into_string()),
            "Qualifier" => qualifier = Some(attr.into_string()),
            _ => shorthand_or_unknown(&mut attrs, attr, &mut value),
        }
    }
    Annotation {
        pos: el.pos.clone(),
        term: attrs.required(term, "Term"),
        qualifier,
        value,
        annotations: Vec::new(),
    }
}

/// `<PropertyValue Property="…">` of a record: the property name and, when given as an
/// attribute shorthand, its value.
pub(super) fn property_value(el: &Element, sink: &mut Sink) -> (String, Option<Expression>) {
    let mut attrs = Attrs::new(el, sink);
    let (mut property, mut value) = (None, None);
    while let Some(attr) = attrs.next_attr() {
        match attr.name {
            "Property" => property = Some(attr.into_string()),
            _ => shorthand_or_unknown(&mut attrs, attr, &mut value),
        }
    }
    (attrs.required(property, "Property"), value)
}

/// For elements that carry no attributes (`edmx:DataServices`, `Key`).
pub(super) fn no_attributes(el: &Element, sink: &mut Sink) {
    Attrs::new(el, sink).expect_none();
}
