//! The type graph: every schema element of all input files with names resolved (namespaces and
//! aliases), inheritance linked both ways, navigation and operation bindings indexed, and the
//! whole validated before anything is emitted.
//!
//! Elements are stored in vectors and referred to by id; every map is ordered, so any iteration
//! over the graph is deterministic. The graph is built once ([`Model::build`]) and then only read.

mod build;
mod docs;
mod names;
mod validate;
pub mod walk;

use std::collections::{BTreeMap, BTreeSet};

use crate::diagnostics::Pos;

pub use build::build;
pub use docs::Docs;

/// Index of a type in [`Model::types`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TypeId(pub u32);

/// Index of an operation in [`Model::operations`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct OperationId(pub u32);

/// The resolved, validated model of one or more CSDL documents.
#[derive(Debug, Default)]
pub struct Model {
    pub namespaces: Vec<Namespace>,
    pub types: Vec<TypeDef>,
    pub operations: Vec<OperationDef>,
    /// Entity containers, with `Extends` already merged in.
    pub containers: Vec<Container>,
    /// Qualified name (`namespace.name`) → type.
    pub type_names: BTreeMap<String, TypeId>,
    /// Qualified name → every overload.
    pub operation_names: BTreeMap<String, Vec<OperationId>>,
    /// Direct derived types of each type (indexed like `types`), sorted by qualified name.
    pub derived: Vec<Vec<TypeId>>,
    /// Operations bound to each type (single and collection binding), indexed like `types`.
    pub bound_operations: Vec<Vec<OperationId>>,
    /// Entity types whose declared key was dropped because no URL can carry it (a `key-type`
    /// deviation): they and their derived types are addressable as collections only.
    pub unusable_keys: BTreeSet<TypeId>,
}

#[derive(Debug, Clone)]
pub struct Namespace {
    pub name: String,
    pub alias: Option<String>,
    pub pos: Pos,
}

#[derive(Debug, Clone)]
pub struct TypeDef {
    pub namespace: String,
    pub name: String,
    pub pos: Pos,
    pub docs: Docs,
    pub kind: TypeKind,
}

impl TypeDef {
    pub fn qualified_name(&self) -> String {
        format!("{}.{}", self.namespace, self.name)
    }

    pub fn structured(&self) -> Option<&StructuredType> {
        match &self.kind {
            TypeKind::Entity(s) | TypeKind::Complex(s) => Some(s),
            _ => None,
        }
    }

    pub fn structured_mut(&mut self) -> Option<&mut StructuredType> {
        match &mut self.kind {
            TypeKind::Entity(s) | TypeKind::Complex(s) => Some(s),
            _ => None,
        }
    }

    pub fn is_entity(&self) -> bool {
        matches!(self.kind, TypeKind::Entity(_))
    }
}

#[derive(Debug, Clone)]
pub enum TypeKind {
    Entity(StructuredType),
    Complex(StructuredType),
    Enum(EnumType),
    Definition(TypeDefinition),
}

#[derive(Debug, Clone, Default)]
pub struct StructuredType {
    pub base: Option<TypeId>,
    pub is_abstract: bool,
    pub open_type: bool,
    pub has_stream: bool,
    /// The key declared on this type itself (entity types only); see [`Model::key`].
    pub key: Option<Vec<KeyPart>>,
    /// Properties declared on this type itself; see [`Model::all_properties`].
    pub properties: Vec<Property>,
    pub navigation: Vec<NavigationProperty>,
    /// Docs that annotations targeting `ThisType/inheritedMember` give an inherited member.
    pub member_docs: BTreeMap<String, Docs>,
}

#[derive(Debug, Clone)]
pub struct KeyPart {
    pub pos: Pos,
    /// Property path from the entity type (`id`, or `address/city`).
    pub path: Vec<String>,
    /// The name used in the URL: the alias, or the property name.
    pub name: String,
    /// The type of the key property (primitive, enum or type definition).
    pub ty: TypeRef,
}

#[derive(Debug, Clone)]
pub struct Property {
    pub name: String,
    pub pos: Pos,
    pub ty: TypeRef,
    /// For a collection, whether its *items* may be null, and only when stated explicitly:
    /// Graph omits `Nullable` on nearly every collection and never sends null items.
    pub nullable: bool,
    pub default_value: Option<String>,
    pub facets: crate::csdl::ast::Facets,
    pub docs: Docs,
}

#[derive(Debug, Clone)]
pub struct NavigationProperty {
    pub name: String,
    pub pos: Pos,
    pub target: TypeId,
    pub collection: bool,
    pub nullable: bool,
    pub contains_target: bool,
    pub partner: Option<String>,
    pub docs: Docs,
}

/// A resolved type reference: `Collection(…)` or single, of a primitive or named type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TypeRef {
    pub collection: bool,
    pub target: Target,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Target {
    Primitive(Primitive),
    Named(TypeId),
}

/// The `Edm` primitive and abstract types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Primitive {
    Binary,
    Boolean,
    Byte,
    Date,
    DateTimeOffset,
    Decimal,
    Double,
    Duration,
    Guid,
    Int16,
    Int32,
    Int64,
    SByte,
    Single,
    Stream,
    String,
    TimeOfDay,
    /// Any `Edm.Geography*` or `Edm.Geometry*` type (GeoJSON on the wire).
    Spatial,
    /// `Edm.Untyped`, `Edm.PrimitiveType`, `Edm.ComplexType`, `Edm.EntityType`, paths: any JSON.
    Untyped,
}

impl Primitive {
    /// The primitive for an `Edm.*` name, without the `Edm.` prefix.
    pub fn from_edm_name(name: &str) -> Option<Primitive> {
        use Primitive::*;
        Some(match name {
            "Binary" => Binary,
            "Boolean" => Boolean,
            "Byte" => Byte,
            "Date" => Date,
            "DateTimeOffset" => DateTimeOffset,
            "Decimal" => Decimal,
            "Double" => Double,
            "Duration" => Duration,
            "Guid" => Guid,
            "Int16" => Int16,
            "Int32" => Int32,
            "Int64" => Int64,
            "SByte" => SByte,
            "Single" => Single,
            "Stream" => Stream,
            "String" => String,
            "TimeOfDay" => TimeOfDay,
            "Untyped"
            | "PrimitiveType"
            | "ComplexType"
            | "EntityType"
            | "AnnotationPath"
            | "PropertyPath"
            | "NavigationPropertyPath"
            | "AnyPropertyPath"
            | "ModelElementPath" => Untyped,
            spatial if spatial.starts_with("Geography") || spatial.starts_with("Geometry") => {
                Spatial
            }
            _ => return None,
        })
    }

    /// Whether a value of this type can be a key property.
    pub fn is_keyable(self) -> bool {
        use Primitive::*;
        matches!(
            self,
            Boolean
                | Byte
                | Date
                | DateTimeOffset
                | Decimal
                | Duration
                | Guid
                | Int16
                | Int32
                | Int64
                | SByte
                | String
                | TimeOfDay
        )
    }
}

#[derive(Debug, Clone)]
pub struct EnumType {
    pub is_flags: bool,
    pub underlying: Primitive,
    pub members: Vec<EnumMember>,
}

#[derive(Debug, Clone)]
pub struct EnumMember {
    pub name: String,
    pub value: i64,
    pub pos: Pos,
    pub docs: Docs,
}

#[derive(Debug, Clone)]
pub struct TypeDefinition {
    pub underlying: Primitive,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum OperationKind {
    Action,
    Function,
}

#[derive(Debug, Clone)]
pub struct OperationDef {
    pub kind: OperationKind,
    pub namespace: String,
    pub name: String,
    pub pos: Pos,
    pub binding: Option<Binding>,
    /// The parameters after the binding parameter.
    pub parameters: Vec<Parameter>,
    pub return_type: Option<ReturnType>,
    pub is_composable: bool,
    pub entity_set_path: Option<String>,
    pub docs: Docs,
}

impl OperationDef {
    pub fn qualified_name(&self) -> String {
        format!("{}.{}", self.namespace, self.name)
    }
}

#[derive(Debug, Clone)]
pub struct Binding {
    pub parameter: String,
    /// The binding type: an entity type, or (rarely) a complex type.
    pub ty: TypeId,
    pub collection: bool,
}

#[derive(Debug, Clone)]
pub struct Parameter {
    pub name: String,
    pub pos: Pos,
    pub ty: TypeRef,
    pub nullable: bool,
    pub docs: Docs,
}

#[derive(Debug, Clone)]
pub struct ReturnType {
    pub ty: TypeRef,
    pub nullable: bool,
}

#[derive(Debug, Clone)]
pub struct Container {
    pub namespace: String,
    pub name: String,
    pub pos: Pos,
    pub entity_sets: Vec<EntitySet>,
    pub singletons: Vec<Singleton>,
    pub operation_imports: Vec<OperationImport>,
    pub docs: Docs,
}

#[derive(Debug, Clone)]
pub struct EntitySet {
    pub name: String,
    pub pos: Pos,
    pub entity_type: TypeId,
    pub docs: Docs,
}

#[derive(Debug, Clone)]
pub struct Singleton {
    pub name: String,
    pub pos: Pos,
    pub entity_type: TypeId,
    pub docs: Docs,
}

#[derive(Debug, Clone)]
pub struct OperationImport {
    pub name: String,
    pub pos: Pos,
    pub kind: OperationKind,
    /// Every unbound overload of the imported operation.
    pub operations: Vec<OperationId>,
    pub docs: Docs,
}

impl Model {
    pub fn ty(&self, id: TypeId) -> &TypeDef {
        &self.types[id.0 as usize]
    }

    pub fn operation(&self, id: OperationId) -> &OperationDef {
        &self.operations[id.0 as usize]
    }

    pub fn type_ids(&self) -> impl Iterator<Item = TypeId> {
        (0..self.types.len() as u32).map(TypeId)
    }

    pub fn operation_ids(&self) -> impl Iterator<Item = OperationId> {
        (0..self.operations.len() as u32).map(OperationId)
    }

    pub fn structured(&self, id: TypeId) -> Option<&StructuredType> {
        self.ty(id).structured()
    }

    pub fn base(&self, id: TypeId) -> Option<TypeId> {
        self.structured(id).and_then(|s| s.base)
    }

    /// The type itself and its base types, most derived first. Stops on a cycle, which
    /// validation has already reported.
    pub fn ancestors_and_self(&self, id: TypeId) -> Vec<TypeId> {
        let mut chain = vec![id];
        let mut current = id;
        while let Some(base) = self.base(current) {
            if chain.contains(&base) {
                break;
            }
            chain.push(base);
            current = base;
        }
        chain
    }

    /// Whether `ty` is `ancestor` or derives from it.
    pub fn is_a(&self, ty: TypeId, ancestor: TypeId) -> bool {
        self.ancestors_and_self(ty).contains(&ancestor)
    }

    /// All properties, inherited first (base-most type's first), in declaration order.
    pub fn all_properties(&self, id: TypeId) -> Vec<&Property> {
        let mut chain = self.ancestors_and_self(id);
        chain.reverse();
        chain
            .into_iter()
            .filter_map(|t| self.structured(t))
            .flat_map(|s| s.properties.iter())
            .collect()
    }

    /// All navigation properties, inherited first.
    pub fn all_navigation(&self, id: TypeId) -> Vec<&NavigationProperty> {
        let mut chain = self.ancestors_and_self(id);
        chain.reverse();
        chain
            .into_iter()
            .filter_map(|t| self.structured(t))
            .flat_map(|s| s.navigation.iter())
            .collect()
    }

    /// The key of an entity type, declared on it or inherited.
    pub fn key(&self, id: TypeId) -> Option<&[KeyPart]> {
        self.ancestors_and_self(id)
            .into_iter()
            .find_map(|t| self.structured(t).and_then(|s| s.key.as_deref()))
    }

    /// Every type derived from `id`, directly or not, sorted by qualified name.
    pub fn all_derived(&self, id: TypeId) -> Vec<TypeId> {
        let mut found = Vec::new();
        let mut stack = vec![id];
        while let Some(t) = stack.pop() {
            for &d in &self.derived[t.0 as usize] {
                if d != id && !found.contains(&d) {
                    found.push(d);
                    stack.push(d);
                }
            }
        }
        found.sort_by_key(|t| self.ty(*t).qualified_name());
        found
    }

    /// Whether values declared as `id` may be of another type at run time.
    pub fn is_polymorphic(&self, id: TypeId) -> bool {
        self.derived
            .get(id.0 as usize)
            .is_some_and(|d| !d.is_empty())
    }

    /// The operations callable on a single entity (or a collection, with `collection`) of type
    /// `id`: those bound to it or to a base type. Where the same name is bound at several levels
    /// of the hierarchy, the overload bound nearest to `id` wins, as in OData's overload
    /// resolution; function overloads that differ by parameters on the same level are all kept.
    pub fn operations_on(&self, id: TypeId, collection: bool) -> Vec<OperationId> {
        let mut chosen: BTreeMap<(OperationKind, &str, &str), (usize, Vec<OperationId>)> =
            BTreeMap::new();
        for (depth, t) in self.ancestors_and_self(id).into_iter().enumerate() {
            for &op_id in &self.bound_operations[t.0 as usize] {
                let op = self.operation(op_id);
                let Some(binding) = &op.binding else { continue };
                if binding.collection != collection {
                    continue;
                }
                let entry = chosen
                    .entry((op.kind, op.namespace.as_str(), op.name.as_str()))
                    .or_insert((depth, Vec::new()));
                if entry.0 == depth {
                    entry.1.push(op_id);
                }
            }
        }
        chosen.into_values().flat_map(|(_, ops)| ops).collect()
    }

    /// The docs of member `name` as seen from type `id`: an override targeted at `id` or the
    /// nearest base that has one, else `declared` (the docs at the declaration).
    pub fn member_docs<'a>(&'a self, id: TypeId, name: &str, declared: &'a Docs) -> &'a Docs {
        self.ancestors_and_self(id)
            .into_iter()
            .find_map(|t| self.structured(t)?.member_docs.get(name))
            .unwrap_or(declared)
    }

    /// The entity type a composable function returns, and whether a collection of it: its
    /// result is a resource that URLs go on from (`…/range(address='A1')/format`), so the
    /// path builders return a builder for it rather than a request.
    pub fn composable_entity_result(&self, op: OperationId) -> Option<(TypeId, bool)> {
        let o = self.operation(op);
        let ret = o.return_type.as_ref()?;
        match ret.ty.target {
            Target::Named(t) if o.kind == OperationKind::Function && o.is_composable => {
                self.ty(t).is_entity().then_some((t, ret.ty.collection))
            }
            _ => None,
        }
    }

    /// Looks up a type by its namespace-qualified name.
    pub fn type_by_name(&self, qualified: &str) -> Option<TypeId> {
        self.type_names.get(qualified).copied()
    }

    /// The alias-qualified or namespace-qualified name of a type's namespace, for messages.
    pub fn namespace(&self, name: &str) -> Option<&Namespace> {
        self.namespaces.iter().find(|n| n.name == name)
    }
}
