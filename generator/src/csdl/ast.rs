//! The raw CSDL document as written in one XML file: names are still unresolved strings
//! (qualified, alias-qualified or `Collection(...)`), and every element keeps its position.
//!
//! Nothing here knows about Rust or about other files; resolution happens in `crate::model`.

use crate::diagnostics::Pos;

/// One CSDL XML file (`edmx:Edmx`, or a bare `Schema` root).
#[derive(Debug, Clone, Default)]
pub struct Document {
    /// The `Version` attribute of `edmx:Edmx` (`4.0`, `4.01`); `None` for a bare `Schema` root.
    pub version: Option<String>,
    pub references: Vec<Reference>,
    pub schemas: Vec<Schema>,
}

/// `edmx:Reference Uri="…"` with its includes.
#[derive(Debug, Clone)]
pub struct Reference {
    pub pos: Pos,
    pub uri: String,
    pub includes: Vec<Include>,
    pub include_annotations: Vec<IncludeAnnotations>,
}

#[derive(Debug, Clone)]
pub struct Include {
    pub pos: Pos,
    pub namespace: String,
    pub alias: Option<String>,
}

#[derive(Debug, Clone)]
pub struct IncludeAnnotations {
    pub pos: Pos,
    pub term_namespace: String,
    pub qualifier: Option<String>,
    pub target_namespace: Option<String>,
}

#[derive(Debug, Clone, Default)]
pub struct Schema {
    pub pos: Pos,
    pub namespace: String,
    pub alias: Option<String>,
    pub entity_types: Vec<StructuredType>,
    pub complex_types: Vec<StructuredType>,
    pub enum_types: Vec<EnumType>,
    pub type_definitions: Vec<TypeDefinition>,
    pub actions: Vec<Operation>,
    pub functions: Vec<Operation>,
    pub terms: Vec<Term>,
    pub entity_containers: Vec<EntityContainer>,
    /// Out-of-line `<Annotations Target="…">` blocks.
    pub annotation_groups: Vec<Annotations>,
    /// Inline annotations on the schema element itself.
    pub annotations: Vec<Annotation>,
}

/// `EntityType` or `ComplexType`; `key` is only ever set on entity types.
#[derive(Debug, Clone, Default)]
pub struct StructuredType {
    pub pos: Pos,
    pub name: String,
    pub base_type: Option<String>,
    pub is_abstract: bool,
    pub open_type: bool,
    pub has_stream: bool,
    /// `None` when the type has no `Key` element (inherited, or keyless singleton type).
    pub key: Option<Key>,
    pub properties: Vec<Property>,
    pub navigation_properties: Vec<NavigationProperty>,
    pub annotations: Vec<Annotation>,
}

#[derive(Debug, Clone, Default)]
pub struct Key {
    pub pos: Pos,
    pub property_refs: Vec<PropertyRef>,
}

/// `PropertyRef Name="a/b" Alias="x"`; `name` may be a path into complex properties.
#[derive(Debug, Clone)]
pub struct PropertyRef {
    pub pos: Pos,
    pub name: String,
    pub alias: Option<String>,
}

/// Facets shared by properties, parameters, return types, terms and type definitions.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facets {
    /// `None` when the attribute is absent (the CSDL default then applies).
    pub nullable: Option<bool>,
    /// `max` is kept as the string `"max"`.
    pub max_length: Option<String>,
    pub precision: Option<u32>,
    /// A number or `variable`/`floating`.
    pub scale: Option<String>,
    pub srid: Option<String>,
    pub unicode: Option<bool>,
}

#[derive(Debug, Clone, Default)]
pub struct Property {
    pub pos: Pos,
    pub name: String,
    /// As written: `Edm.String`, `graph.foo`, `Collection(microsoft.graph.bar)`.
    pub type_name: String,
    pub facets: Facets,
    pub default_value: Option<String>,
    pub annotations: Vec<Annotation>,
}

#[derive(Debug, Clone, Default)]
pub struct NavigationProperty {
    pub pos: Pos,
    pub name: String,
    pub type_name: String,
    pub nullable: Option<bool>,
    pub partner: Option<String>,
    pub contains_target: bool,
    pub on_delete: Option<OnDelete>,
    pub referential_constraints: Vec<ReferentialConstraint>,
    pub annotations: Vec<Annotation>,
}

#[derive(Debug, Clone)]
pub struct OnDelete {
    pub pos: Pos,
    /// `Cascade`, `None`, `SetNull`, `SetDefault`.
    pub action: String,
}

#[derive(Debug, Clone)]
pub struct ReferentialConstraint {
    pub pos: Pos,
    pub property: String,
    pub referenced_property: String,
}

#[derive(Debug, Clone, Default)]
pub struct EnumType {
    pub pos: Pos,
    pub name: String,
    pub is_flags: bool,
    /// `Edm.Byte`, `Edm.SByte`, `Edm.Int16`, `Edm.Int32` (default) or `Edm.Int64`.
    pub underlying_type: Option<String>,
    pub members: Vec<EnumMember>,
    pub annotations: Vec<Annotation>,
}

#[derive(Debug, Clone, Default)]
pub struct EnumMember {
    pub pos: Pos,
    pub name: String,
    /// The `Value` attribute as written; `None` means "previous + 1" (or 0).
    pub value: Option<String>,
    pub annotations: Vec<Annotation>,
}

#[derive(Debug, Clone, Default)]
pub struct TypeDefinition {
    pub pos: Pos,
    pub name: String,
    pub underlying_type: String,
    pub facets: Facets,
    pub annotations: Vec<Annotation>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum OperationKind {
    Action,
    Function,
}

/// `Action` or `Function`.
#[derive(Debug, Clone)]
pub struct Operation {
    pub pos: Pos,
    pub kind: OperationKind,
    pub name: String,
    pub is_bound: bool,
    /// Functions only.
    pub is_composable: bool,
    pub entity_set_path: Option<String>,
    pub parameters: Vec<Parameter>,
    pub return_type: Option<ReturnType>,
    pub annotations: Vec<Annotation>,
}

#[derive(Debug, Clone, Default)]
pub struct Parameter {
    pub pos: Pos,
    pub name: String,
    pub type_name: String,
    pub facets: Facets,
    pub annotations: Vec<Annotation>,
}

#[derive(Debug, Clone, Default)]
pub struct ReturnType {
    pub pos: Pos,
    pub type_name: String,
    pub facets: Facets,
}

#[derive(Debug, Clone, Default)]
pub struct Term {
    pub pos: Pos,
    pub name: String,
    pub type_name: String,
    pub base_term: Option<String>,
    pub applies_to: Option<String>,
    pub default_value: Option<String>,
    pub facets: Facets,
    pub annotations: Vec<Annotation>,
}

#[derive(Debug, Clone, Default)]
pub struct EntityContainer {
    pub pos: Pos,
    pub name: String,
    pub extends: Option<String>,
    pub entity_sets: Vec<EntitySet>,
    pub singletons: Vec<Singleton>,
    pub action_imports: Vec<OperationImport>,
    pub function_imports: Vec<OperationImport>,
    pub annotations: Vec<Annotation>,
}

#[derive(Debug, Clone, Default)]
pub struct EntitySet {
    pub pos: Pos,
    pub name: String,
    pub entity_type: String,
    pub include_in_service_document: Option<bool>,
    pub navigation_bindings: Vec<NavigationPropertyBinding>,
    pub annotations: Vec<Annotation>,
}

#[derive(Debug, Clone, Default)]
pub struct Singleton {
    pub pos: Pos,
    pub name: String,
    /// The `Type` attribute (CSDL also allows `EntityType` on old documents; both land here).
    pub type_name: String,
    pub nullable: Option<bool>,
    pub navigation_bindings: Vec<NavigationPropertyBinding>,
    pub annotations: Vec<Annotation>,
}

#[derive(Debug, Clone)]
pub struct NavigationPropertyBinding {
    pub pos: Pos,
    pub path: String,
    pub target: String,
}

/// `ActionImport Action="…"` or `FunctionImport Function="…"`.
#[derive(Debug, Clone)]
pub struct OperationImport {
    pub pos: Pos,
    pub name: String,
    /// The qualified action or function name.
    pub operation: String,
    pub entity_set: Option<String>,
    pub include_in_service_document: Option<bool>,
    pub annotations: Vec<Annotation>,
}

/// `<Annotations Target="…" Qualifier="…">`.
#[derive(Debug, Clone, Default)]
pub struct Annotations {
    pub pos: Pos,
    pub target: String,
    pub qualifier: Option<String>,
    pub annotations: Vec<Annotation>,
}

/// `<Annotation Term="…" Qualifier="…">` with its value: an attribute shorthand
/// (`String="…"`, `Bool="true"`, …) or a child expression.
#[derive(Debug, Clone)]
pub struct Annotation {
    pub pos: Pos,
    pub term: String,
    pub qualifier: Option<String>,
    pub value: Option<Expression>,
    /// Annotations of the annotation.
    pub annotations: Vec<Annotation>,
}

/// A constant or dynamic CSDL expression.
#[derive(Debug, Clone, PartialEq)]
pub enum Expression {
    /// A constant expression: `kind` is the element or attribute name (`String`, `Bool`, `Int`,
    /// `Decimal`, `Float`, `Date`, `DateTimeOffset`, `Duration`, `Guid`, `TimeOfDay`, `Binary`,
    /// `EnumMember`), `value` its text.
    Constant {
        kind: String,
        value: String,
    },
    /// `Path`, `PropertyPath`, `NavigationPropertyPath`, `AnnotationPath`, `ModelElementPath`.
    Path {
        kind: String,
        value: String,
    },
    Collection(Vec<Expression>),
    Record {
        type_name: Option<String>,
        properties: Vec<PropertyValue>,
    },
    Null,
    /// Any other dynamic expression (`Apply`, `If`, `Eq`, `Cast`, `LabeledElement`, `UrlRef`, …),
    /// kept by element name with its attributes and child expressions.
    Other {
        element: String,
        attributes: Vec<(String, String)>,
        children: Vec<Expression>,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct PropertyValue {
    pub property: String,
    pub value: Expression,
}
