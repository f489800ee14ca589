//! From raw documents to the type graph: register every name, then resolve every reference,
//! reporting each problem with its position and carrying on, so that one run reports them all.

use std::collections::BTreeMap;

use crate::csdl::ast::{self, OperationKind as AstOperationKind};
use crate::csdl::{Loaded, LoadedFile};
use crate::diagnostics::{Deviation, Diagnostics, Pos};

use super::names::{parse_type_name, Scope};
use super::*;

/// Builds and validates the model of all loaded files. Problems go to `diags`; the returned
/// model is only fit for emission when no error was reported.
pub fn build(loaded: &Loaded, diags: &mut Diagnostics) -> Model {
    let mut builder = Builder {
        model: Model::default(),
        diags,
        missing_namespaces: BTreeMap::new(),
        needed_missing: std::collections::BTreeSet::new(),
    };
    for unresolved in &loaded.unresolved {
        for namespace in &unresolved.namespaces {
            builder
                .missing_namespaces
                .insert(namespace.clone(), unresolved.clone());
        }
    }
    // One scope per schema of each file: aliases are the document's, unqualified names the
    // schema's (a deviation).
    let scopes: Vec<Vec<Scope>> = loaded
        .files
        .iter()
        .map(|f| {
            let document = Scope::of_document(&f.document);
            let schemas = &f.document.schemas;
            schemas
                .iter()
                .map(|s| document.in_schema(&s.namespace))
                .collect()
        })
        .collect();

    builder.register_namespaces(&loaded.files);
    let pending = builder.register_types(&loaded.files);
    builder.resolve_types(&loaded.files, &scopes, pending);
    builder.resolve_operations(&loaded.files, &scopes);
    builder.resolve_containers(&loaded.files, &scopes);
    builder.apply_out_of_line_docs(&loaded.files, &scopes);
    builder.index();
    builder.warn_unread_vocabularies(loaded);
    super::validate::validate(&builder.model, builder.diags);
    builder.model
}

struct Builder<'d> {
    model: Model,
    diags: &'d mut Diagnostics,
    /// Namespaces promised by references that were not read, for better messages.
    missing_namespaces: BTreeMap<String, crate::csdl::UnresolvedReference>,
    /// Namespaces of unread references that a type name needed (each already an error).
    needed_missing: std::collections::BTreeSet<String>,
}

impl Builder<'_> {
    /// An unread reference nothing needed a type from only provided vocabulary terms: the
    /// annotations using them are kept uninterpreted, which is worth a warning, except for the
    /// standard OASIS vocabularies (`Org.OData.*`), whose terms this generator knows by name.
    fn warn_unread_vocabularies(&mut self, loaded: &Loaded) {
        for reference in &loaded.unresolved {
            let needed = reference
                .namespaces
                .iter()
                .any(|n| self.needed_missing.contains(n));
            let standard = reference
                .namespaces
                .iter()
                .all(|n| n.starts_with("Org.OData."));
            if !needed && !standard {
                self.diags.warning(
                    &reference.pos,
                    format!(
                        "the reference `{}` was not read ({}); no type of {} is used, and annotations with its terms are kept uninterpreted",
                        reference.uri,
                        reference.reason,
                        reference
                            .namespaces
                            .iter()
                            .map(|n| format!("`{n}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                );
            }
        }
    }
}

/// Where the raw definition of a registered type lives: (file, schema, kind, index).
type Pending = Vec<(usize, usize, RawKind, usize)>;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RawKind {
    Entity,
    Complex,
    Enum,
    Definition,
}

impl Builder<'_> {
    /// A namespace that is no dotted identifier: an error, unless it is dotted parts with
    /// hyphens and the schema holds only annotations (SAP Fiori apps name their annotation
    /// files' schemas after the app, `teched-ovp.annotations`), which apply to their targets as
    /// written and name nothing in Rust. Returns whether the schema's namespace is to be left
    /// out of the model's namespaces (which name the generated modules).
    fn invalid_namespace(&mut self, schema: &crate::csdl::ast::Schema) -> bool {
        let only_annotations = schema.entity_types.is_empty()
            && schema.complex_types.is_empty()
            && schema.enum_types.is_empty()
            && schema.type_definitions.is_empty()
            && schema.actions.is_empty()
            && schema.functions.is_empty()
            && schema.terms.is_empty()
            && schema.entity_containers.is_empty();
        let namespace = &schema.namespace;
        // Dotted parts joined by hyphens, as aliases may be; whitespace and the like stay errors.
        if only_annotations && super::names::is_lenient_alias(namespace) {
            self.diags.deviation(
                &schema.pos,
                Deviation::NamespaceSyntax,
                format!(
                    "`{namespace}` is not a valid schema namespace; the schema holds only annotations, applied as written"
                ),
            );
            true
        } else {
            self.diags.error(
                &schema.pos,
                format!("`{namespace}` is not a valid schema namespace"),
            );
            false
        }
    }

    fn register_namespaces(&mut self, files: &[LoadedFile]) {
        for file in files {
            // Aliases are scoped to their document: a clash matters only within one file.
            let mut aliases: BTreeMap<&str, &Pos> = BTreeMap::new();
            for schema in &file.document.schemas {
                let left_out = !is_namespace(&schema.namespace) && self.invalid_namespace(schema);
                if let Some(alias) = &schema.alias {
                    if ["Edm", "odata", "System", "Transient"].contains(&alias.as_str())
                        || !super::names::is_lenient_alias(alias)
                    {
                        self.diags
                            .error(&schema.pos, format!("`{alias}` cannot be a schema alias"));
                    } else if !super::names::is_simple_identifier(alias) {
                        self.diags.deviation(
                            &schema.pos,
                            Deviation::AliasSyntax,
                            format!(
                                "alias `{alias}` is not a simple identifier; names qualified with it are resolved as written"
                            ),
                        );
                    }
                    if let Some(first) = aliases.insert(alias, &schema.pos) {
                        self.diags.error(
                            &schema.pos,
                            format!("alias `{alias}` is already declared at {first}"),
                        );
                    }
                }
                if schema.namespace == "Edm" {
                    self.diags.error(
                        &schema.pos,
                        "the namespace `Edm` is reserved for built-in types",
                    );
                }
                if !left_out
                    && !self
                        .model
                        .namespaces
                        .iter()
                        .any(|n| n.name == schema.namespace)
                {
                    self.model.namespaces.push(Namespace {
                        name: schema.namespace.clone(),
                        alias: schema.alias.clone(),
                        pos: schema.pos.clone(),
                    });
                }
            }
        }
    }

    /// Gives every type an id first, so that references can be resolved in any order.
    fn register_types(&mut self, files: &[LoadedFile]) -> Pending {
        let mut pending: Pending = Vec::new();
        for (f, file) in files.iter().enumerate() {
            for (s, schema) in file.document.schemas.iter().enumerate() {
                let named = schema
                    .entity_types
                    .iter()
                    .enumerate()
                    .map(|(i, t)| (RawKind::Entity, i, &t.name, &t.pos))
                    .chain(
                        schema
                            .complex_types
                            .iter()
                            .enumerate()
                            .map(|(i, t)| (RawKind::Complex, i, &t.name, &t.pos)),
                    )
                    .chain(
                        schema
                            .enum_types
                            .iter()
                            .enumerate()
                            .map(|(i, t)| (RawKind::Enum, i, &t.name, &t.pos)),
                    )
                    .chain(
                        schema
                            .type_definitions
                            .iter()
                            .enumerate()
                            .map(|(i, t)| (RawKind::Definition, i, &t.name, &t.pos)),
                    );
                for (kind, index, name, pos) in named {
                    let qualified = format!("{}.{}", schema.namespace, name);
                    if let Some(existing) = self.model.type_names.get(&qualified) {
                        // Kinds register one after the other; the later one in the document
                        // is the duplicate.
                        let registered = &self.model.types[existing.0 as usize].pos;
                        let (first, again) = if registered < pos {
                            (registered, pos)
                        } else {
                            (pos, registered)
                        };
                        if pending[existing.0 as usize].2 == kind {
                            // Published metadata does this (OneDrive's of 2016, twice the same
                            // complex type); one definition is as sound as the other.
                            self.diags.deviation(
                                again,
                                Deviation::DuplicateType,
                                format!("type `{qualified}` is already defined at {first}; the first definition is used"),
                            );
                        } else {
                            self.diags.error(
                                again,
                                format!("type `{qualified}` is already defined at {first}"),
                            );
                        }
                        continue;
                    }
                    let id = TypeId(self.model.types.len() as u32);
                    self.model.type_names.insert(qualified, id);
                    self.model.types.push(TypeDef {
                        namespace: schema.namespace.clone(),
                        name: name.clone(),
                        pos: pos.clone(),
                        docs: Docs::default(),
                        // Placeholder until `resolve_types` fills it in.
                        kind: TypeKind::Definition(TypeDefinition {
                            underlying: Primitive::Untyped,
                        }),
                    });
                    pending.push((f, s, kind, index));
                }
            }
        }
        pending
    }

    fn resolve_types(&mut self, files: &[LoadedFile], scopes: &[Vec<Scope>], pending: Pending) {
        for (id, (f, s, kind, index)) in pending.into_iter().enumerate() {
            let schema = &files[f].document.schemas[s];
            let scope = &scopes[f][s];
            let (kind, docs) = match kind {
                RawKind::Entity => {
                    let raw = &schema.entity_types[index];
                    let structured = self.structured(raw, scope, true);
                    (
                        TypeKind::Entity(structured),
                        self.docs(&raw.annotations, scope),
                    )
                }
                RawKind::Complex => {
                    let raw = &schema.complex_types[index];
                    if let Some(key) = &raw.key {
                        self.diags
                            .error(&key.pos, "a complex type cannot have a key");
                    }
                    let structured = self.structured(raw, scope, false);
                    (
                        TypeKind::Complex(structured),
                        self.docs(&raw.annotations, scope),
                    )
                }
                RawKind::Enum => {
                    let raw = &schema.enum_types[index];
                    (
                        TypeKind::Enum(self.enum_type(raw, scope)),
                        self.docs(&raw.annotations, scope),
                    )
                }
                RawKind::Definition => {
                    let raw = &schema.type_definitions[index];
                    let underlying = self.primitive_underlying(&raw.underlying_type, &raw.pos);
                    (
                        TypeKind::Definition(TypeDefinition { underlying }),
                        self.docs(&raw.annotations, scope),
                    )
                }
            };
            let ty = &mut self.model.types[id];
            ty.kind = kind;
            ty.docs = docs;
        }
        // Keys can only be resolved once every type's properties are known.
        self.resolve_keys(files);
        self.drop_bases_of_another_kind();
        self.drop_redeclared();
    }

    /// A complex type deriving from an entity type, or an entity type from a complex type
    /// (Graph v1.0 of 2020: the complex `chatMessageMention` from the entity `entity`, which it
    /// then declares `id` again). No Rust value can be both (an entity's struct has a key and
    /// URLs, a complex one neither), so the base type is left out: the type has its own
    /// members, and what a payload carries of the base's is kept among its additional
    /// properties.
    fn drop_bases_of_another_kind(&mut self) {
        for index in 0..self.model.types.len() {
            let id = TypeId(index as u32);
            let Some(base) = self.model.base(id) else {
                continue;
            };
            let base_ty = self.model.ty(base);
            if base_ty.structured().is_none()
                || base_ty.is_entity() == self.model.ty(id).is_entity()
            {
                continue; // a base that is no structured type stays an error (validation)
            }
            let (base_name, base_kind) = (
                base_ty.qualified_name(),
                if base_ty.is_entity() {
                    "entity"
                } else {
                    "complex"
                },
            );
            let ty = &mut self.model.types[index];
            let (name, kind) = (
                ty.qualified_name(),
                if ty.is_entity() { "entity" } else { "complex" },
            );
            let pos = ty.pos.clone();
            if let Some(own) = ty.structured_mut() {
                own.base = None;
            }
            self.diags.deviation(
                &pos,
                Deviation::BaseKind,
                format!(
                    "the {kind} type `{name}` derives from the {base_kind} type `{base_name}`; generated without that base type"
                ),
            );
        }
    }

    /// A derived type declaring again a member of a base type with the same type (SAP's
    /// vocabularies, Graph beta of 2019), or a key when a base type has one (Graph beta of
    /// 2017): the base's declaration is the one CSDL means, so the derived one is dropped (its
    /// docs kept for the inherited member), with a warning. A member redeclared with another
    /// type stays an error (`validate::members`).
    fn drop_redeclared(&mut self) {
        for index in 0..self.model.types.len() {
            let id = TypeId(index as u32);
            let Some(base) = self.model.base(id) else {
                continue;
            };
            if self.model.ancestors_and_self(base).contains(&id) {
                continue; // an inheritance cycle, reported by validation
            }
            let inherited: BTreeMap<String, TypeRef> = self
                .model
                .all_properties(base)
                .into_iter()
                .map(|p| (p.name.clone(), p.ty))
                .collect();
            let inherited_navigation: BTreeMap<String, (TypeId, bool)> = self
                .model
                .all_navigation(base)
                .into_iter()
                .map(|n| (n.name.clone(), (n.target, n.collection)))
                .collect();
            let base_has_key = self.model.key(base).is_some();
            let base_name = self.model.ty(base).qualified_name();
            let type_name = self.model.ty(id).qualified_name();
            let Some(own) = self.model.types[index].structured_mut() else {
                continue;
            };
            let mut dropped = Vec::new();
            own.properties.retain(|p| {
                let same = inherited.get(&p.name) == Some(&p.ty);
                if same {
                    dropped.push((p.pos.clone(), p.name.clone(), p.docs.clone()));
                }
                !same
            });
            own.navigation.retain(|n| {
                let same = inherited_navigation.get(&n.name) == Some(&(n.target, n.collection));
                if same {
                    dropped.push((n.pos.clone(), n.name.clone(), n.docs.clone()));
                }
                !same
            });
            for (_, name, docs) in &dropped {
                if !docs.is_empty() {
                    own.member_docs
                        .entry(name.clone())
                        .or_insert_with(|| docs.clone());
                }
            }
            let key = if base_has_key { own.key.take() } else { None };
            for (pos, name, _) in dropped {
                self.diags.deviation(
                    &pos,
                    Deviation::Redeclared,
                    format!(
                        "`{type_name}` declares `{name}` again, with the type it has in its base type `{base_name}`; one member kept"
                    ),
                );
            }
            if let Some(first) = key.as_ref().and_then(|k| k.first()) {
                self.diags.deviation(
                    &first.pos,
                    Deviation::Redeclared,
                    format!(
                        "`{type_name}` declares a key but its base type `{base_name}` already has one; the base type's key is used"
                    ),
                );
            }
        }
    }

    fn structured(
        &mut self,
        raw: &ast::StructuredType,
        scope: &Scope,
        is_entity: bool,
    ) -> StructuredType {
        let base = raw
            .base_type
            .as_ref()
            .and_then(|name| {
                self.named_type(
                    name,
                    scope,
                    &raw.pos,
                    &format!(
                        "`{}` is generated without a base type (the base's properties are kept as additional properties)",
                        raw.name
                    ),
                )
            });
        let mut properties: Vec<Property> = raw
            .properties
            .iter()
            .filter_map(|p| {
                let ty = self.type_ref(&p.type_name, scope, &p.pos)?;
                Some(Property {
                    name: p.name.clone(),
                    pos: p.pos.clone(),
                    ty,
                    nullable: if ty.collection {
                        p.facets.nullable == Some(true)
                    } else {
                        p.facets.nullable.unwrap_or(true)
                    },
                    default_value: p.default_value.clone(),
                    facets: p.facets.clone(),
                    docs: self.docs(&p.annotations, scope),
                })
            })
            .collect();
        let navigation = raw
            .navigation_properties
            .iter()
            .filter_map(|n| {
                let written = parse_type_name(&n.type_name);
                if written.item == "Edm.EntityType" {
                    // Any entity: no type to build paths or a struct field from, so an expanded
                    // value is kept as the JSON sent, like a property of `Edm.EntityType`.
                    let mut docs = self.docs(&n.annotations, scope);
                    if docs.description.is_none() {
                        docs.description = Some(
                            "Navigation property to any entity (Edm.EntityType): present when expanded, kept as sent."
                                .to_owned(),
                        );
                    }
                    properties.push(Property {
                        name: n.name.clone(),
                        pos: n.pos.clone(),
                        ty: TypeRef {
                            collection: written.collection,
                            target: Target::Primitive(Primitive::Untyped),
                        },
                        nullable: !written.collection && n.nullable.unwrap_or(true),
                        default_value: None,
                        facets: Default::default(),
                        docs,
                    });
                    return None;
                }
                if written.item.starts_with("Edm.") {
                    self.diags.error(
                        &n.pos,
                        format!(
                            "navigation property `{}` must target an entity type, not the primitive `{}`",
                            n.name, written.item
                        ),
                    );
                    return None;
                }
                let target = self.named_type(
                    written.item,
                    scope,
                    &n.pos,
                    &format!("navigation property `{}` is left out", n.name),
                )?;
                Some(NavigationProperty {
                    name: n.name.clone(),
                    pos: n.pos.clone(),
                    target,
                    collection: written.collection,
                    nullable: n.nullable.unwrap_or(true),
                    contains_target: n.contains_target,
                    partner: n.partner.clone(),
                    docs: self.docs(&n.annotations, scope),
                })
            })
            .collect();
        StructuredType {
            member_docs: BTreeMap::new(),
            base,
            is_abstract: raw.is_abstract,
            open_type: raw.open_type,
            has_stream: raw.has_stream && is_entity,
            key: None,
            properties,
            navigation,
        }
    }

    fn resolve_keys(&mut self, files: &[LoadedFile]) {
        for file in files {
            for schema in &file.document.schemas {
                for raw in &schema.entity_types {
                    let Some(key) = &raw.key else { continue };
                    let qualified = format!("{}.{}", schema.namespace, raw.name);
                    let Some(&id) = self.model.type_names.get(&qualified) else {
                        continue;
                    };
                    if self.model.ty(id).pos != raw.pos {
                        continue; // a duplicate definition, already reported
                    }
                    let mut parts = Vec::new();
                    let mut unusable = false;
                    for r in &key.property_refs {
                        match self.key_part(id, r) {
                            Ok(part) => parts.push(part),
                            Err(KeyProblem::Reported) => {}
                            Err(KeyProblem::Unusable) => unusable = true,
                        }
                    }
                    if let TypeKind::Entity(s) = &mut self.model.types[id.0 as usize].kind {
                        // A key part that no URL can carry: the type has no usable key, so it
                        // is addressable as a collection only (no `by_id`).
                        s.key = (!unusable).then_some(parts);
                    }
                    if unusable {
                        self.model.unusable_keys.insert(id);
                    }
                }
            }
        }
    }

    /// Resolves one `PropertyRef` (a property path, possibly through complex properties).
    fn key_part(&mut self, entity: TypeId, r: &ast::PropertyRef) -> Result<KeyPart, KeyProblem> {
        if r.name.is_empty() {
            return Err(KeyProblem::Reported); // a missing or empty attribute, reported by the reader
        }
        let path: Vec<String> = r.name.split('/').map(str::to_owned).collect();
        let mut current = entity;
        let mut ty = None;
        for (i, segment) in path.iter().enumerate() {
            let property = self
                .model
                .all_properties(current)
                .into_iter()
                .find(|p| &p.name == segment)
                .cloned();
            let Some(property) = property else {
                // Published sample services do this (a key `Id` beside a property
                // `StudentId`); without the property there is no value to put in a URL.
                let owner = self.model.ty(current).qualified_name();
                self.diags.deviation(
                    &r.pos,
                    Deviation::MissingKey,
                    format!(
                        "key property `{}` is not a property of `{owner}`; `{}` is addressable as a collection only",
                        r.name,
                        self.model.ty(entity).qualified_name()
                    ),
                );
                return Err(KeyProblem::Unusable);
            };
            if property.ty.collection {
                self.diags.deviation(
                    &r.pos,
                    Deviation::KeyType,
                    format!(
                        "key property `{}` is a collection; `{}` is addressable as a collection only",
                        r.name,
                        self.model.ty(entity).qualified_name()
                    ),
                );
                return Err(KeyProblem::Unusable);
            }
            if i + 1 < path.len() {
                match property.ty.target {
                    Target::Named(next) if self.model.ty(next).structured().is_some() => {
                        current = next
                    }
                    _ => {
                        self.diags.error(
                            &r.pos,
                            format!("key path `{}` goes through a non-complex property", r.name),
                        );
                        return Err(KeyProblem::Reported);
                    }
                }
            } else {
                ty = Some(property.ty);
            }
        }
        let ty = ty.ok_or(KeyProblem::Reported)?;
        if !self.is_keyable(ty) {
            if self.has_key_literal(ty) {
                // `Edm.Double`, `Edm.Single`, `Edm.Binary`: the URL conventions give them a
                // literal, so the key is kept and written as one.
                self.diags.deviation(
                    &r.pos,
                    Deviation::KeyType,
                    format!(
                        "key property `{}` is of `{}`, which CSDL does not allow in keys; written as a literal of its type",
                        r.name,
                        self.type_ref_name(ty),
                    ),
                );
            } else {
                self.diags.deviation(
                    &r.pos,
                    Deviation::KeyType,
                    format!(
                        "key property `{}` is of `{}`, which CSDL does not allow in keys; `{}` is addressable as a collection only",
                        r.name,
                        self.type_ref_name(ty),
                        self.model.ty(entity).qualified_name()
                    ),
                );
                return Err(KeyProblem::Unusable);
            }
        }
        if path.len() > 1 && r.alias.is_none() {
            self.diags.error(
                &r.pos,
                format!("key property path `{}` needs an Alias", r.name),
            );
        }
        Ok(KeyPart {
            pos: r.pos.clone(),
            name: r.alias.clone().unwrap_or_else(|| r.name.clone()),
            path,
            ty,
        })
    }

    /// A type as CSDL writes it, for messages.
    fn type_ref_name(&self, ty: TypeRef) -> String {
        match ty.target {
            Target::Primitive(p) => format!("Edm.{p:?}"),
            Target::Named(id) => self.model.ty(id).qualified_name(),
        }
    }

    /// Whether a key value of `ty` (not allowed in keys by CSDL) still has a URL literal.
    fn has_key_literal(&self, ty: TypeRef) -> bool {
        let literal =
            |p: Primitive| matches!(p, Primitive::Double | Primitive::Single | Primitive::Binary);
        match ty.target {
            Target::Primitive(p) => literal(p),
            Target::Named(id) => match &self.model.ty(id).kind {
                TypeKind::Definition(d) => literal(d.underlying),
                _ => false,
            },
        }
    }

    fn is_keyable(&self, ty: TypeRef) -> bool {
        match ty.target {
            Target::Primitive(p) => p.is_keyable(),
            Target::Named(id) => match &self.model.ty(id).kind {
                TypeKind::Enum(_) => true,
                TypeKind::Definition(d) => d.underlying.is_keyable(),
                _ => false,
            },
        }
    }

    fn enum_type(&mut self, raw: &ast::EnumType, scope: &Scope) -> EnumType {
        let underlying = match raw.underlying_type.as_deref() {
            None => Primitive::Int32,
            Some(written) => {
                let p = self.primitive_underlying(written, &raw.pos);
                if !matches!(
                    p,
                    Primitive::Byte
                        | Primitive::SByte
                        | Primitive::Int16
                        | Primitive::Int32
                        | Primitive::Int64
                ) {
                    self.diags.error(
                        &raw.pos,
                        format!("`{written}` cannot be the underlying type of an enum: use Edm.Byte, Edm.SByte, Edm.Int16, Edm.Int32 or Edm.Int64"),
                    );
                }
                p
            }
        };
        let (min, max) = integer_range(underlying);
        let mut members: Vec<EnumMember> = Vec::new();
        let mut next = 0i64;
        // CSDL: members either all have a `Value` or none has (then they count from 0); a
        // member without one among members with one is a deviation (see below).
        let explicit_values = raw.members.iter().any(|m| m.value.is_some());
        for m in &raw.members {
            let value = match m.value.as_deref() {
                Some(text) => match text.trim().parse::<i64>() {
                    Ok(v) => v,
                    Err(_) => {
                        let digits = text.trim().strip_prefix('-').unwrap_or(text.trim());
                        let message = if !digits.is_empty()
                            && digits.bytes().all(|b| b.is_ascii_digit())
                        {
                            format!(
                                "enum member `{}` has value {}, outside the range of {underlying:?} ({min} to {max})",
                                m.name,
                                text.trim()
                            )
                        } else {
                            format!(
                                "enum member `{}` has value `{text}`, which is not an integer",
                                m.name
                            )
                        };
                        self.diags.error(&m.pos, message);
                        continue;
                    }
                },
                None if raw.is_flags => {
                    // The lowest single bit no member uses (declared values first, then those
                    // assigned here in declaration order), so that the value is a flag of its own.
                    let used = |bit: i64| {
                        raw.members.iter().any(|o| {
                            o.value
                                .as_deref()
                                .and_then(|t| t.trim().parse::<i64>().ok())
                                == Some(bit)
                        }) || members.iter().any(|o| o.value == bit)
                    };
                    let free = (0..63)
                        .map(|shift| 1i64 << shift)
                        .take_while(|&bit| bit <= max)
                        .find(|&bit| !used(bit));
                    let Some(bit) = free else {
                        self.diags.error(
                            &m.pos,
                            format!(
                                "member `{}` of a flags enum has no Value and no bit of {underlying:?} is free for it",
                                m.name
                            ),
                        );
                        continue;
                    };
                    self.diags.deviation(
                        &m.pos,
                        Deviation::EnumMembers,
                        format!(
                            "member `{}` of the flags enum `{}` has no Value; given {bit}, the lowest free bit",
                            m.name, raw.name
                        ),
                    );
                    bit
                }
                None if explicit_values => {
                    // As .NET assigns them: the previous member's value plus one.
                    self.diags.deviation(
                        &m.pos,
                        Deviation::EnumMembers,
                        format!(
                            "member `{}` has no Value, but other members of `{}` have one; given {next}, the previous member's plus one",
                            m.name, raw.name
                        ),
                    );
                    next
                }
                None => next,
            };
            if value < min || value > max {
                self.diags.error(
                    &m.pos,
                    format!(
                        "enum member `{}` has value {value}, outside the range of {underlying:?} ({min} to {max})",
                        m.name
                    ),
                );
            }
            next = value.saturating_add(1);
            members.push(EnumMember {
                name: m.name.clone(),
                value,
                pos: m.pos.clone(),
                docs: self.docs(&m.annotations, scope),
            });
        }
        EnumType {
            is_flags: raw.is_flags,
            underlying,
            members,
        }
    }

    fn primitive_underlying(&mut self, written: &str, pos: &Pos) -> Primitive {
        match written
            .trim()
            .strip_prefix("Edm.")
            .and_then(Primitive::from_edm_name)
        {
            Some(p) => p,
            None => {
                self.diags.error(
                    pos,
                    format!("`{written}` is not a primitive type (expected `Edm.…`)"),
                );
                Primitive::Untyped
            }
        }
    }

    fn resolve_operations(&mut self, files: &[LoadedFile], scopes: &[Vec<Scope>]) {
        for (f, file) in files.iter().enumerate() {
            for (schema, scope) in file.document.schemas.iter().zip(&scopes[f]) {
                for raw in schema.actions.iter().chain(&schema.functions) {
                    if let Some(op) = self.operation(raw, &schema.namespace, scope) {
                        let id = OperationId(self.model.operations.len() as u32);
                        self.model
                            .operation_names
                            .entry(op.qualified_name())
                            .or_default()
                            .push(id);
                        self.model.operations.push(op);
                    }
                }
            }
        }
    }

    fn operation(
        &mut self,
        raw: &ast::Operation,
        namespace: &str,
        scope: &Scope,
    ) -> Option<OperationDef> {
        let kind = match raw.kind {
            AstOperationKind::Action => OperationKind::Action,
            AstOperationKind::Function => OperationKind::Function,
        };
        let mut raw_parameters = raw.parameters.iter();
        let binding = if raw.is_bound {
            let Some(first) = raw_parameters.next() else {
                self.diags.error(
                    &raw.pos,
                    format!("bound operation `{}` has no binding parameter", raw.name),
                );
                return None;
            };
            let written = parse_type_name(&first.type_name);
            if written.item.starts_with("Edm.") {
                // Valid CSDL (bound to any entity, say), but no URL addresses an abstract type.
                self.diags.warning(
                    &first.pos,
                    format!(
                        "`{}` is bound to `{}`, which no URL addresses: it is left out",
                        raw.name, first.type_name
                    ),
                );
                return None;
            }
            let ty = self.named_type(
                written.item,
                scope,
                &first.pos,
                &format!("the bound operation `{}` is left out", raw.name),
            )?;
            Some(Binding {
                parameter: first.name.clone(),
                ty,
                collection: written.collection,
            })
        } else {
            None
        };
        let mut parameters = Vec::new();
        let mut ok = true;
        for p in raw_parameters {
            match self.type_ref(&p.type_name, scope, &p.pos) {
                Some(ty) => parameters.push(Parameter {
                    name: p.name.clone(),
                    pos: p.pos.clone(),
                    ty,
                    nullable: p.facets.nullable.unwrap_or(true),
                    docs: self.docs(&p.annotations, scope),
                }),
                None => ok = false,
            }
        }
        let return_type = match &raw.return_type {
            Some(r) => Some(ReturnType {
                ty: self.type_ref(&r.type_name, scope, &r.pos)?,
                nullable: r.facets.nullable.unwrap_or(true),
            }),
            None => None,
        };
        if kind == OperationKind::Function && return_type.is_none() {
            // Sound to call: the response is read as no content, as an action's without one.
            self.diags.deviation(
                &raw.pos,
                Deviation::ReturnType,
                format!(
                    "function `{}` has no ReturnType; generated as returning nothing",
                    raw.name
                ),
            );
        }
        ok.then(|| OperationDef {
            kind,
            namespace: namespace.to_owned(),
            name: raw.name.clone(),
            pos: raw.pos.clone(),
            binding,
            parameters,
            return_type,
            is_composable: raw.is_composable,
            entity_set_path: raw.entity_set_path.clone(),
            docs: self.docs(&raw.annotations, scope),
        })
    }

    fn resolve_containers(&mut self, files: &[LoadedFile], scopes: &[Vec<Scope>]) {
        let mut extends: Vec<(usize, String, Pos)> = Vec::new();
        for (f, file) in files.iter().enumerate() {
            for (schema, scope) in file.document.schemas.iter().zip(&scopes[f]) {
                for raw in &schema.entity_containers {
                    let container = self.container(raw, &schema.namespace, scope);
                    if let Some(base) = &raw.extends {
                        let qualified = scope.qualify(base).unwrap_or_else(|| base.clone());
                        extends.push((self.model.containers.len(), qualified, raw.pos.clone()));
                    }
                    self.model.containers.push(container);
                }
            }
        }
        for (index, base, pos) in extends {
            let found = self
                .model
                .containers
                .iter()
                .position(|c| format!("{}.{}", c.namespace, c.name) == base);
            match found {
                Some(b) if b != index => {
                    let inherited = self.model.containers[b].clone();
                    let container = &mut self.model.containers[index];
                    merge_missing(&mut container.entity_sets, inherited.entity_sets, |s| {
                        &s.name
                    });
                    merge_missing(&mut container.singletons, inherited.singletons, |s| &s.name);
                    merge_missing(
                        &mut container.operation_imports,
                        inherited.operation_imports,
                        |s| &s.name,
                    );
                }
                // Nothing to inherit from: the container is generated with its own children.
                _ => self.diags.deviation(
                    &pos,
                    Deviation::ContainerExtends,
                    format!(
                        "the extended entity container `{base}` is not defined; `Extends` ignored"
                    ),
                ),
            }
        }
    }

    fn container(
        &mut self,
        raw: &ast::EntityContainer,
        namespace: &str,
        scope: &Scope,
    ) -> Container {
        let entity_sets = raw
            .entity_sets
            .iter()
            .filter_map(|s| {
                Some(EntitySet {
                    name: s.name.clone(),
                    pos: s.pos.clone(),
                    entity_type: self.named_type(
                        &s.entity_type,
                        scope,
                        &s.pos,
                        &format!("entity set `{}` is left out", s.name),
                    )?,
                    docs: self.docs(&s.annotations, scope),
                })
            })
            .collect();
        let singletons = raw
            .singletons
            .iter()
            .filter_map(|s| {
                Some(Singleton {
                    name: s.name.clone(),
                    pos: s.pos.clone(),
                    entity_type: self.named_type(
                        &s.type_name,
                        scope,
                        &s.pos,
                        &format!("singleton `{}` is left out", s.name),
                    )?,
                    docs: self.docs(&s.annotations, scope),
                })
            })
            .collect();
        let imports = raw
            .action_imports
            .iter()
            .map(|i| (OperationKind::Action, i))
            .chain(
                raw.function_imports
                    .iter()
                    .map(|i| (OperationKind::Function, i)),
            );
        let mut operation_imports = Vec::new();
        for (kind, import) in imports {
            let qualified = scope
                .qualify(&import.operation)
                .unwrap_or_else(|| import.operation.clone());
            let operations: Vec<OperationId> = self
                .model
                .operation_names
                .get(&qualified)
                .map(|ids| {
                    ids.iter()
                        .copied()
                        .filter(|&id| {
                            let op = self.model.operation(id);
                            op.kind == kind && op.binding.is_none()
                        })
                        .collect()
                })
                .unwrap_or_default();
            if operations.is_empty() {
                let what = match kind {
                    OperationKind::Action => "unbound action",
                    OperationKind::Function => "unbound function",
                };
                let message = format!(
                    "import `{}` names `{qualified}`, which is not an {what}",
                    import.name
                );
                // The import cannot call what it names as declared: an operation of the other
                // kind or a bound one (still generated where it is bound), or nothing (an
                // example fragment, a vendor's leftover). Nothing else depends on an import.
                let why = if self.model.operation_names.contains_key(&qualified) {
                    ""
                } else {
                    " (nothing of that name is defined)"
                };
                if !import.operation.is_empty() {
                    self.diags.deviation(
                        &import.pos,
                        Deviation::ImportTarget,
                        format!("{message}{why}; import left out"),
                    );
                }
                continue;
            }
            operation_imports.push(OperationImport {
                name: import.name.clone(),
                pos: import.pos.clone(),
                kind,
                operations,
                docs: self.docs(&import.annotations, scope),
            });
        }
        Container {
            namespace: namespace.to_owned(),
            name: raw.name.clone(),
            pos: raw.pos.clone(),
            entity_sets,
            singletons,
            operation_imports,
            docs: self.docs(&raw.annotations, scope),
        }
    }

    /// Applies `<Annotations Target="…">` blocks to the elements they name. Targets the
    /// generator has no use for (or that name nothing) are ignored: real documents such as
    /// Microsoft Graph's carry thousands of capability annotations.
    fn apply_out_of_line_docs(&mut self, files: &[LoadedFile], scopes: &[Vec<Scope>]) {
        for (f, file) in files.iter().enumerate() {
            for (schema, scope) in file.document.schemas.iter().zip(&scopes[f]) {
                for group in &schema.annotation_groups {
                    if group.qualifier.is_some() {
                        continue;
                    }
                    if let Some(docs) = self.target_docs(&group.target, scope) {
                        docs.apply(&group.annotations, scope);
                    }
                }
            }
        }
    }

    /// The docs slot of the element an annotation target path names, if any.
    fn target_docs(&mut self, target: &str, scope: &Scope) -> Option<&mut Docs> {
        let (head, member) = match target.split_once('/') {
            Some((head, member)) => (head, Some(member)),
            None => (target, None),
        };
        // `ns.op(ns.bindingType)` targets one overload; we document all overloads alike.
        let head = head.split('(').next().unwrap_or(head);
        let qualified = scope.qualify(head)?;
        if let Some(&id) = self.model.type_names.get(&qualified) {
            let Some(member) = member else {
                return Some(&mut self.model.types[id.0 as usize].docs);
            };
            let inherited = self
                .model
                .all_properties(id)
                .iter()
                .map(|p| p.name.as_str())
                .chain(
                    self.model
                        .all_navigation(id)
                        .iter()
                        .map(|n| n.name.as_str()),
                )
                .any(|name| name == member);
            let ty = &mut self.model.types[id.0 as usize];
            return match &mut ty.kind {
                TypeKind::Entity(s) | TypeKind::Complex(s) => {
                    if let Some(p) = s.properties.iter_mut().find(|p| p.name == member) {
                        Some(&mut p.docs)
                    } else if let Some(n) = s.navigation.iter_mut().find(|n| n.name == member) {
                        Some(&mut n.docs)
                    } else if inherited {
                        // Documents an inherited member as seen from this type.
                        Some(s.member_docs.entry(member.to_owned()).or_default())
                    } else {
                        None
                    }
                }
                TypeKind::Enum(e) => e
                    .members
                    .iter_mut()
                    .find(|m| m.name == member)
                    .map(|m| &mut m.docs),
                TypeKind::Definition(_) => None,
            };
        }
        if let Some(ids) = self.model.operation_names.get(&qualified) {
            // Only the first overload's docs slot is returned; copy to the others afterwards
            // would need two borrows, so operations share docs through `sync_overload_docs`.
            let id = *ids.first()?;
            if member.is_some() {
                return None;
            }
            return Some(&mut self.model.operations[id.0 as usize].docs);
        }
        let container = self
            .model
            .containers
            .iter_mut()
            .find(|c| format!("{}.{}", c.namespace, c.name) == qualified)?;
        match member {
            None => Some(&mut container.docs),
            Some(member) => {
                if let Some(s) = container.entity_sets.iter_mut().find(|s| s.name == member) {
                    Some(&mut s.docs)
                } else if let Some(s) = container.singletons.iter_mut().find(|s| s.name == member) {
                    Some(&mut s.docs)
                } else {
                    container
                        .operation_imports
                        .iter_mut()
                        .find(|s| s.name == member)
                        .map(|s| &mut s.docs)
                }
            }
        }
    }

    /// Derived-type and bound-operation indexes.
    fn index(&mut self) {
        let count = self.model.types.len();
        self.model.derived = vec![Vec::new(); count];
        self.model.bound_operations = vec![Vec::new(); count];
        for id in self.model.type_ids() {
            if let Some(base) = self.model.base(id) {
                if base != id {
                    self.model.derived[base.0 as usize].push(id);
                }
            }
        }
        let names: Vec<String> = self
            .model
            .types
            .iter()
            .map(TypeDef::qualified_name)
            .collect();
        for derived in &mut self.model.derived {
            derived.sort_by(|a, b| names[a.0 as usize].cmp(&names[b.0 as usize]));
        }
        for id in self.model.operation_ids() {
            if let Some(bound_to) = self.model.operation(id).binding.as_ref().map(|b| b.ty) {
                self.model.bound_operations[bound_to.0 as usize].push(id);
            }
        }
        // Operations share the docs of the first overload an annotation targeted.
        for ids in self.model.operation_names.values() {
            let docs = ids
                .iter()
                .map(|id| &self.model.operations[id.0 as usize].docs)
                .find(|d| !d.is_empty())
                .cloned();
            if let Some(docs) = docs {
                for id in ids {
                    let op = &mut self.model.operations[id.0 as usize];
                    if op.docs.is_empty() {
                        op.docs = docs.clone();
                    }
                }
            }
        }
    }

    fn docs(&self, annotations: &[ast::Annotation], scope: &Scope) -> Docs {
        let mut docs = Docs::default();
        docs.apply(annotations, scope);
        docs
    }

    /// An Edm primitive by its name after `Edm.`; the OData v3 names that v4 replaced
    /// (`DateTime`, `Time`), still found in v4 documents, are read as their v4 successors.
    fn primitive_leniently(&mut self, edm: &str, pos: &Pos) -> Option<Primitive> {
        if let Some(primitive) = Primitive::from_edm_name(edm) {
            return Some(primitive);
        }
        let (successor, primitive) = match edm {
            "DateTime" => ("Edm.DateTimeOffset", Primitive::DateTimeOffset),
            "Time" => ("Edm.Duration", Primitive::Duration),
            _ => return None,
        };
        self.diags.deviation(
            pos,
            Deviation::TypeName,
            format!("`Edm.{edm}` is an OData v3 type; read as `{successor}`, values kept as sent"),
        );
        Some(primitive)
    }

    /// A primitive named without `Edm.` (`Int32`, in OData.NET test models): no schema type can
    /// have an unqualified name, so it can only mean the primitive.
    fn unqualified_primitive(&mut self, item: &str, pos: &Pos) -> Option<Primitive> {
        let primitive = Primitive::from_edm_name(item).filter(|_| !item.contains('.'))?;
        self.diags.deviation(
            pos,
            Deviation::TypeName,
            format!(
                "`{item}` is read as `Edm.{item}`: primitive type names take the `Edm.` prefix"
            ),
        );
        Some(primitive)
    }

    /// Resolves a written type name (possibly `Collection(…)`) to a [`TypeRef`].
    fn type_ref(&mut self, written: &str, scope: &Scope, pos: &Pos) -> Option<TypeRef> {
        if written.is_empty() {
            return None; // a missing or empty attribute, reported by the reader
        }
        let parsed = parse_type_name(written);
        if parsed.item.contains(['(', ')']) {
            self.malformed_type_name(written, pos);
            return None;
        }
        let target = match parsed.item.strip_prefix("Edm.") {
            Some(edm) => match self.primitive_leniently(edm, pos) {
                Some(p) => Target::Primitive(p),
                // A test service of a vendor's SDK declares `Edm.SomethingTheSDKDoesNotSupport`:
                // as for any type the documents do not define, its values are kept as sent.
                None => {
                    self.diags.deviation(
                        pos,
                        Deviation::UndefinedType,
                        format!(
                            "`{}` is not an Edm primitive type; read as untyped JSON",
                            parsed.item
                        ),
                    );
                    Target::Primitive(Primitive::Untyped)
                }
            },
            None => match self.unqualified_primitive(parsed.item, pos) {
                Some(p) => Target::Primitive(p),
                None => match self.lookup(parsed.item, scope, pos)? {
                    Ok(id) => Target::Named(id),
                    Err(undefined) => {
                        self.undefined(undefined, pos, "read as untyped JSON");
                        Target::Primitive(Primitive::Untyped)
                    }
                },
            },
        };
        Some(TypeRef {
            collection: parsed.collection,
            target,
        })
    }

    /// Resolves a qualified (or alias-qualified) name of a schema type. A name the documents
    /// do not define is a tolerated deviation (see [`Builder::undefined`]): `then` says what
    /// becomes of the element that uses it, which is left out (`None`).
    fn named_type(
        &mut self,
        written: &str,
        scope: &Scope,
        pos: &Pos,
        then: &str,
    ) -> Option<TypeId> {
        match self.lookup(written, scope, pos)? {
            Ok(id) => Some(id),
            Err(undefined) => {
                self.undefined(undefined, pos, then);
                None
            }
        }
    }

    /// `Some(Ok(id))` for a defined type, `Some(Err(..))` for a well-formed name the documents
    /// do not define, `None` after reporting a malformed or unqualified name (an error).
    fn lookup(
        &mut self,
        written: &str,
        scope: &Scope,
        pos: &Pos,
    ) -> Option<Result<TypeId, Undefined>> {
        let written = written.trim();
        if written.is_empty() {
            return None; // a missing or empty attribute, reported by the reader
        }
        if written.contains(['(', ')']) {
            self.malformed_type_name(written, pos);
            return None;
        }
        let Some(qualified) = scope.qualify(written) else {
            return self.unqualified(written, scope, pos);
        };
        if let Some(&id) = self.model.type_names.get(&qualified) {
            return Some(Ok(id));
        }
        let namespace = qualified.rsplit_once('.').map(|(n, _)| n).unwrap_or("");
        Some(Err(Undefined {
            written: written.to_owned(),
            namespace: namespace.to_owned(),
        }))
    }

    /// A schema type named without a namespace or alias (`Type="Hierarchy_Type"`, in SAP's
    /// vocabulary examples), which CSDL forbids: it can only mean the type of that name in
    /// the schema where it is written, if that schema has one (a deviation); else an error.
    fn unqualified(
        &mut self,
        written: &str,
        scope: &Scope,
        pos: &Pos,
    ) -> Option<Result<TypeId, Undefined>> {
        let found = scope.home().and_then(|home| {
            let qualified = format!("{home}.{written}");
            let id = *self.model.type_names.get(&qualified)?;
            Some((qualified, id))
        });
        let Some((qualified, id)) = found else {
            self.diags.error(
                pos,
                format!("type name `{written}` must be qualified with a namespace or alias"),
            );
            return None;
        };
        self.diags.deviation(
            pos,
            Deviation::TypeName,
            format!(
                "`{written}` is read as `{qualified}`, the type of that name in its schema: type names are qualified with a namespace or alias"
            ),
        );
        Some(Ok(id))
    }

    /// A type the documents never define, or one from a reference that was not loaded (a
    /// remote vocabulary): a deviation, positioned where the name is used, saying what was
    /// done instead (`then`) and, for an unloaded reference, naming its URI.
    fn undefined(&mut self, undefined: Undefined, pos: &Pos, then: &str) {
        let Undefined { written, namespace } = undefined;
        match self.missing_namespaces.get(&namespace) {
            Some(reference) => {
                let message = format!(
                    "type `{written}` is not defined: its namespace `{namespace}` comes from the reference `{}`, which was not loaded ({}); {then}",
                    reference.uri, reference.reason
                );
                self.needed_missing.insert(namespace);
                self.diags
                    .deviation(pos, Deviation::UnloadedReference, message);
            }
            None => self.diags.deviation(
                pos,
                Deviation::UndefinedType,
                format!("type `{written}` is not defined; {then}"),
            ),
        }
    }
}

/// A well-formed type name that names nothing the documents define.
struct Undefined {
    written: String,
    namespace: String,
}

impl Builder<'_> {
    /// A type name with parentheses other than one `Collection(…)` around a name.
    fn malformed_type_name(&mut self, written: &str, pos: &Pos) {
        let parsed = parse_type_name(written);
        let nested = parsed.collection && parsed.item.starts_with("Collection(");
        let message = if nested {
            format!("`{written}`: a collection of collections is not a CSDL type")
        } else {
            format!("`{written}` is not a type name: expected `namespace.Name`, `Edm.Name` or `Collection(…)` of one")
        };
        self.diags.error(pos, message);
    }
}

/// Adds the items of `inherited` whose names `into` does not have yet.
fn merge_missing<T>(into: &mut Vec<T>, inherited: Vec<T>, name: impl Fn(&T) -> &String) {
    for item in inherited {
        if !into.iter().any(|existing| name(existing) == name(&item)) {
            into.push(item);
        }
    }
}

fn is_namespace(name: &str) -> bool {
    !name.is_empty() && name.split('.').all(super::names::is_simple_identifier)
}

/// The value range of an enum's underlying integer type.
fn integer_range(underlying: Primitive) -> (i64, i64) {
    match underlying {
        Primitive::Byte => (0, u8::MAX as i64),
        Primitive::SByte => (i8::MIN as i64, i8::MAX as i64),
        Primitive::Int16 => (i16::MIN as i64, i16::MAX as i64),
        Primitive::Int64 => (i64::MIN, i64::MAX),
        _ => (i32::MIN as i64, i32::MAX as i64),
    }
}

/// Why a key part was not resolved.
enum KeyProblem {
    /// An error, already reported.
    Reported,
    /// A tolerated deviation (already reported): the key cannot be used in URLs.
    Unusable,
}
