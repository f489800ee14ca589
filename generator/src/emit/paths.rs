//! URL path builders: a root struct per entity container, and inherent methods on the runtime's
//! `EntityRef<T>` / `CollectionRef<T>` for each entity type: navigation properties, bound
//! actions and functions (inherited ones included, the nearest overload winning), and type
//! casts to derived types. Builders are created lazily, so navigation cycles stay finite.

use std::collections::BTreeMap;

use proc_macro2::TokenStream;
use quote::quote;

use crate::model::{
    Container, EntitySet, NavigationProperty, OperationDef, OperationId, OperationImport,
    OperationKind, Primitive, Property, Singleton, Target, TypeId, TypeKind, TypeRef,
};

use super::docs;
use super::models::{ident, tokens};
use super::naming::{ident_text, snake_name, type_name, Scope, RESERVED_TYPE_NAMES};
use super::plan::{Module, Plan, MEDIA_METHOD, RUNTIME_METHODS};

/// How the generated root builds URLs unless the caller chooses otherwise.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UrlDefaults {
    /// Graph's `/items/{id}` rather than OData's standard `/items('id')`.
    pub key_as_segment: bool,
    /// `/namespace.action` rather than `/action` for bound operations.
    pub qualified_operations: bool,
}

/// A piece of the paths module, formatted on its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Piece {
    Imports,
    /// The root struct of the container at this index.
    Root(usize),
    /// The navigation, operations and casts of one entity type.
    Builders(TypeId),
}

/// The pieces of the paths module, in order: none for a schema without an entity container
/// (shared types, published for other documents to reference), whose crate has no paths.
pub fn pieces(plan: &Plan) -> Vec<Piece> {
    if plan.model.containers.is_empty() {
        return Vec::new();
    }
    let mut pieces = vec![Piece::Imports];
    pieces.extend((0..plan.model.containers.len()).map(Piece::Root));
    pieces.extend(addressable_types(plan).into_iter().map(Piece::Builders));
    pieces
}

pub fn piece_tokens(plan: &Plan, defaults: UrlDefaults, piece: Piece) -> TokenStream {
    let module = Module {
        path: vec!["paths".to_owned()],
    };
    match piece {
        // A container can hold nothing that names a model (only imports of functions that
        // return primitives, say), so `models` may go unused.
        Piece::Imports => quote!(
            #[allow(unused_imports)]
            use super::models;
            use super::runtime;
        ),
        Piece::Root(index) => {
            let several = plan.model.containers.len() > 1;
            container_root(
                plan,
                &plan.model.containers[index],
                &module,
                defaults,
                several,
            )
        }
        Piece::Builders(id) => entity_builders(plan, id, &module),
    }
}

/// The whole paths module as one token stream (for the single-file output).
pub fn paths_module(plan: &Plan, defaults: UrlDefaults) -> TokenStream {
    let pieces = pieces(plan)
        .into_iter()
        .map(|piece| piece_tokens(plan, defaults, piece));
    quote!(#(#pieces)*)
}

/// Entity types a URL can reach: those of entity sets and singletons, then along navigation
/// and type casts. Builders for other entity types would be dead code.
fn addressable_types(plan: &Plan) -> std::collections::BTreeSet<TypeId> {
    let model = plan.model;
    let mut reached = std::collections::BTreeSet::new();
    let mut stack: Vec<TypeId> = model
        .containers
        .iter()
        .flat_map(|c| {
            c.entity_sets
                .iter()
                .map(|s| s.entity_type)
                .chain(c.singletons.iter().map(|s| s.entity_type))
        })
        .collect();
    while let Some(id) = stack.pop() {
        if !plan.is_selected(id) || !reached.insert(id) {
            continue;
        }
        stack.extend(model.all_navigation(id).iter().map(|n| n.target));
        stack.extend(plan.selected_derived(id));
    }
    reached
}

/// The name of a container's root struct (the container name, e.g. `GraphService`). A name
/// the generated code uses unqualified (a container called `Default`, as in an OASIS example)
/// gets `Container` appended, so `impl Default for …` still means the trait.
pub fn root_name(container: &Container, several: bool) -> String {
    let name = if several {
        type_name(&format!(
            "{}_{}",
            container.namespace.replace('.', "_"),
            container.name
        ))
    } else {
        type_name(&container.name)
    };
    if RESERVED_TYPE_NAMES.contains(&name.as_str()) {
        format!("{name}Container")
    } else {
        name
    }
}

/// What a method of a container's root struct addresses.
#[derive(Debug, Clone, Copy)]
pub enum RootMember<'m> {
    EntitySet(&'m EntitySet),
    Singleton(&'m Singleton),
    /// One overload of an operation import.
    Import(&'m OperationImport, OperationId),
}

/// The methods of a container's root struct, each with its Rust name, in declaration order
/// (entity sets, singletons, imports): what the emitter writes and the resolver names.
pub fn root_methods<'m>(
    plan: &Plan<'m>,
    container: &'m Container,
) -> Vec<(RootMember<'m>, String)> {
    let mut scope = Scope::snake();
    scope.reserve(["new", "with_conventions", "root"]);
    for s in &container.entity_sets {
        scope.want(&s.name, &snake_name(&s.name));
    }
    for s in &container.singletons {
        scope.want(&s.name, &snake_name(&s.name));
    }
    for i in &container.operation_imports {
        scope.want(&i.name, &snake_name(&i.name));
    }
    let names = scope.resolve();
    let mut methods = Vec::new();
    let kept = |name: &str| !plan.selection.excluded_roots.contains(name);
    for s in &container.entity_sets {
        if plan.is_selected(s.entity_type) && kept(&s.name) {
            methods.push((RootMember::EntitySet(s), names[&s.name].clone()));
        }
    }
    for s in &container.singletons {
        if plan.is_selected(s.entity_type) && kept(&s.name) {
            methods.push((RootMember::Singleton(s), names[&s.name].clone()));
        }
    }
    for import in container.operation_imports.iter().filter(|i| kept(&i.name)) {
        // Overloaded function imports: the overload with the fewest parameters gets the
        // import's name; see `overload_names` for the others.
        let ops: Vec<OperationId> = import
            .operations
            .iter()
            .copied()
            .filter(|o| plan.selection.operations.contains(o))
            .collect();
        for (op_id, method_name) in overload_names(plan, ops, &names[&import.name]) {
            methods.push((RootMember::Import(import, op_id), method_name));
        }
    }
    methods
}

fn container_root(
    plan: &Plan,
    container: &Container,
    module: &Module,
    defaults: UrlDefaults,
    several: bool,
) -> TokenStream {
    let name = ident(&root_name(container, several));
    let mut methods = Vec::new();
    for (member, method_name) in root_methods(plan, container) {
        let m = ident(&ident_text(&method_name));
        methods.push(match member {
            RootMember::EntitySet(s) => {
                let t =
                    tokens(&plan.path_to(s.entity_type, &plan.type_names[&s.entity_type], module));
                let segment = &s.name;
                let doc = doc_or(&s.docs, &format!("The entity set `{}`.", s.name));
                let cfg = plan.root_cfg(&s.name);
                quote! {
                    #doc
                    #cfg
                    #[inline]
                    pub fn #m(&self) -> runtime::CollectionRef<#t> {
                        runtime::CollectionRef::new(self.root.segment(#segment))
                    }
                }
            }
            RootMember::Singleton(s) => {
                let t =
                    tokens(&plan.path_to(s.entity_type, &plan.type_names[&s.entity_type], module));
                let segment = &s.name;
                let doc = doc_or(&s.docs, &format!("The singleton `{}`.", s.name));
                let cfg = plan.root_cfg(&s.name);
                quote! {
                    #doc
                    #cfg
                    #[inline]
                    pub fn #m(&self) -> runtime::EntityRef<#t> {
                        runtime::EntityRef::new(self.root.segment(#segment))
                    }
                }
            }
            RootMember::Import(import, op_id) => {
                let cfg = plan.operation_cfg(op_id);
                let method = operation_method(
                    plan,
                    op_id,
                    &method_name,
                    OperationTarget::Import(&import.name),
                    module,
                );
                quote!(#cfg #method)
            }
        });
    }
    let key_style = if defaults.key_as_segment {
        quote!(runtime::KeyStyle::Segment)
    } else {
        quote!(runtime::KeyStyle::Parentheses)
    };
    let qualified = defaults.qualified_operations;
    let doc = doc_or(
        &container.docs,
        &format!(
            "The entity container `{}.{}`: every URL starts here.",
            container.namespace, container.name
        ),
    );
    // A container whose every child was left out (their types undefined, or outside a slice)
    // still gets its root, which then reads no path.
    let unread =
        (methods.is_empty() || plan.features.is_some()).then(|| quote!(#[allow(dead_code)]));
    quote! {
        #doc
        #[derive(Debug, Clone)]
        pub struct #name {
            #unread
            root: runtime::ResourcePath,
        }

        impl ::core::default::Default for #name {
            fn default() -> Self {
                Self::new()
            }
        }

        impl #name {
            /// Builds URLs with the conventions chosen at generation time.
            #[inline]
            pub fn new() -> Self {
                Self::with_conventions(runtime::UrlConventions {
                    key_style: #key_style,
                    qualified_operations: #qualified,
                })
            }

            /// Builds URLs with other conventions (e.g. standard OData `('key')` keys).
            #[inline]
            pub fn with_conventions(conventions: runtime::UrlConventions) -> Self {
                Self {
                    root: runtime::ResourcePath::root(conventions),
                }
            }

            #(#methods)*
        }
    }
}

fn doc_or(docs: &crate::model::Docs, fallback: &str) -> TokenStream {
    if docs.description.is_some() {
        docs::attributes(docs)
    } else {
        let line = docs::line(fallback);
        let rest = docs::attributes(docs);
        quote!(#line #rest)
    }
}

/// What an operation is called on.
#[derive(Clone, Copy)]
enum OperationTarget<'a> {
    /// A bound operation, on the builder's own path.
    Bound,
    /// An operation import, on the service root.
    Import(&'a str),
}

/// A generated method of a path builder (`EntityRef<T>` or `CollectionRef<T>`), before it is
/// named.
#[derive(Debug, Clone, Copy)]
pub enum Member<'m> {
    /// A navigation property (on single entities only).
    Navigation(&'m NavigationProperty),
    /// A bound action or function.
    Operation(OperationId),
    /// A cast to this derived type.
    Cast(TypeId),
    /// The media resource of a media entity (`HasStream`): `…/$value`.
    Media,
    /// An `Edm.Stream` property: `…/<name>`.
    Stream(&'m Property),
}

/// The generated methods of `EntityRef<T>` (or, with `collection`, of `CollectionRef<T>`) for
/// entity type `id`, each with its Rust name, sorted by name: what the emitter writes and the
/// resolver names. They are named together, so that they never collide with each other or
/// with the runtime's generic methods.
pub fn builder_methods<'m>(
    plan: &Plan<'m>,
    id: TypeId,
    collection: bool,
) -> Vec<(Member<'m>, String)> {
    let model = plan.model;
    let mut members: Vec<(String, Member<'m>)> = Vec::new();
    let mut scope = Scope::snake();
    scope.reserve(RUNTIME_METHODS.iter().copied());
    let mut add = |key: String, wanted: &str, member: Member<'m>| {
        scope.want(&key, wanted);
        members.push((key, member));
    };
    if !collection {
        for n in model.all_navigation(id) {
            if plan.is_selected(n.target) {
                add(
                    format!("nav {}", n.name),
                    &snake_name(&n.name),
                    Member::Navigation(n),
                );
            }
        }
        add_streams(plan, id, &mut add);
    }
    // Overloads of one name on the same binding: see `overload_names`.
    let mut by_name: BTreeMap<(OperationKind, String), Vec<OperationId>> = BTreeMap::new();
    for op in model.operations_on(id, collection) {
        if plan.selection.operations.contains(&op) {
            let o = model.operation(op);
            by_name
                .entry((o.kind, o.qualified_name()))
                .or_default()
                .push(op);
        }
    }
    for ((kind, qualified), ops) in by_name {
        let base = snake_name(&model.operation(ops[0]).name);
        for (i, (op_id, wanted)) in overload_names(plan, ops, &base).into_iter().enumerate() {
            // Keys in signature order, so that clashes with other methods resolve the same way
            // whatever the order of the input.
            add(
                format!("op {kind:?} {qualified} {i:06}"),
                &wanted,
                Member::Operation(op_id),
            );
        }
    }
    for d in plan.selected_derived(id) {
        let ty = model.ty(d);
        add(
            format!("cast {}", ty.qualified_name()),
            &format!("as_{}", snake_name(&ty.name)),
            Member::Cast(d),
        );
    }
    let names = scope.resolve();
    let mut named: Vec<(Member<'m>, String)> = members
        .into_iter()
        .map(|(key, member)| (member, names[&key].clone()))
        .collect();
    named.sort_by(|a, b| a.1.cmp(&b.1));
    named
}

/// `media` for a media entity (`HasStream`, declared on the type or a base type; its key is
/// its own name, so it keeps the name against a navigation property that wants it), and a
/// method per `Edm.Stream` property, inherited ones included.
fn add_streams<'m>(plan: &Plan<'m>, id: TypeId, add: &mut impl FnMut(String, &str, Member<'m>)) {
    let model = plan.model;
    let media = model
        .ancestors_and_self(id)
        .into_iter()
        .any(|t| model.structured(t).is_some_and(|s| s.has_stream));
    if media {
        add(MEDIA_METHOD.to_owned(), MEDIA_METHOD, Member::Media);
    }
    let stream = TypeRef {
        collection: false,
        target: Target::Primitive(Primitive::Stream),
    };
    for property in model.all_properties(id) {
        if property.ty == stream {
            add(
                format!("stream {}", property.name),
                &snake_name(&property.name),
                Member::Stream(property),
            );
        }
    }
}

/// The `impl EntityRef<T>` and `impl CollectionRef<T>` blocks of one entity type.
fn entity_builders(plan: &Plan, id: TypeId, module: &Module) -> TokenStream {
    let t = tokens(&plan.path_to(id, &plan.type_names[&id], module));
    let block = |collection: bool| {
        let kind = if collection {
            quote!(runtime::CollectionRef)
        } else {
            quote!(runtime::EntityRef)
        };
        let methods: Vec<TokenStream> = builder_methods(plan, id, collection)
            .into_iter()
            .map(|(member, name)| {
                let cfg = match member {
                    Member::Navigation(n) => plan.inner_type_cfg(id, n.target),
                    Member::Operation(op) => plan.inner_operation_cfg(id, op),
                    Member::Cast(d) => plan.inner_type_cfg(id, d),
                    Member::Media | Member::Stream(_) => TokenStream::new(),
                };
                let method = member_method(plan, member, &name, module, &kind);
                quote!(#cfg #method)
            })
            .collect();
        (!methods.is_empty()).then(|| {
            quote! {
                impl #kind<#t> {
                    #(#methods)*
                }
            }
        })
    };
    let single = block(false);
    let collection = block(true);
    quote!(#single #collection)
}

/// One builder method; `kind` is the builder it is on (`runtime::EntityRef`, or
/// `runtime::CollectionRef`), which casts keep.
fn member_method(
    plan: &Plan,
    member: Member,
    name: &str,
    module: &Module,
    kind: &TokenStream,
) -> TokenStream {
    let m = ident(&ident_text(name));
    match member {
        Member::Navigation(n) => {
            let target = tokens(&plan.path_to(n.target, &plan.type_names[&n.target], module));
            let segment = &n.name;
            let doc = doc_or(&n.docs, &format!("Navigation property `{}`.", n.name));
            let (kind, ctor) = if n.collection {
                (
                    quote!(runtime::CollectionRef),
                    quote!(runtime::CollectionRef::new),
                )
            } else {
                (quote!(runtime::EntityRef), quote!(runtime::EntityRef::new))
            };
            quote! {
                #doc
                #[inline]
                pub fn #m(&self) -> #kind<#target> {
                    #ctor(self.path().segment(#segment))
                }
            }
        }
        Member::Operation(op_id) => {
            operation_method(plan, op_id, name, OperationTarget::Bound, module)
        }
        Member::Media => {
            let doc = docs::line("The media resource of this media entity (`$value`): its bytes.");
            quote! {
                #doc
                #[inline]
                pub fn #m(&self) -> runtime::StreamRef {
                    runtime::StreamRef::new(self.path().segment("$value"))
                }
            }
        }
        Member::Stream(property) => {
            let segment = &property.name;
            let doc = doc_or(
                &property.docs,
                &format!("Stream property `{}`: its bytes.", property.name),
            );
            quote! {
                #doc
                #[inline]
                pub fn #m(&self) -> runtime::StreamRef {
                    runtime::StreamRef::new(self.path().segment(#segment))
                }
            }
        }
        Member::Cast(d) => {
            let qualified = plan.model.ty(d).qualified_name();
            let target = tokens(&plan.path_to(d, &plan.type_names[&d], module));
            let doc = docs::line(&format!("Type cast to `{qualified}`."));
            quote! {
                #doc
                #[inline]
                pub fn #m(&self) -> #kind<#target> {
                    self.cast(#qualified)
                }
            }
        }
    }
}

/// Method names for the overloads of one operation on one target (a binding, or an import),
/// from `base`. The overloads are put in signature order — parameter count, parameter names,
/// parameter types, return type, then place in the documents — which does not depend on the
/// order of the input. The first takes `base`, each other `base_with_<parameter names>`. Where
/// two still want one name, which CSDL's overload rules forbid but real documents do
/// (the same parameter names with other types or another return type; actions overloaded on
/// one binding), the later in signature order get `_2`, `_3`, … after it.
pub fn overload_names(
    plan: &Plan,
    mut ops: Vec<OperationId>,
    base: &str,
) -> Vec<(OperationId, String)> {
    let model = plan.model;
    let type_text = |ty: TypeRef| {
        let item = match ty.target {
            Target::Primitive(p) => format!("Edm.{p:?}"),
            Target::Named(id) => model.ty(id).qualified_name(),
        };
        if ty.collection {
            format!("Collection({item})")
        } else {
            item
        }
    };
    ops.sort_by_cached_key(|&o| {
        let op = model.operation(o);
        (
            op.parameters.len(),
            parameter_suffix(op),
            op.parameters
                .iter()
                .map(|p| type_text(p.ty))
                .collect::<Vec<_>>(),
            op.return_type.as_ref().map(|r| type_text(r.ty)),
            op.pos.clone(),
        )
    });
    let wanted: Vec<String> = ops
        .iter()
        .enumerate()
        .map(|(i, &o)| {
            let op = model.operation(o);
            if i == 0 || op.parameters.is_empty() {
                base.to_owned()
            } else {
                format!("{base}_with_{}", parameter_suffix(op))
            }
        })
        .collect();
    let mut taken: std::collections::BTreeSet<String> = wanted.iter().cloned().collect();
    let mut given: std::collections::BTreeSet<String> = std::collections::BTreeSet::new();
    let mut names = Vec::with_capacity(ops.len());
    for (op, name) in ops.into_iter().zip(wanted) {
        let name = if given.insert(name.clone()) {
            name
        } else {
            let unique = (2..)
                .map(|n| format!("{name}_{n}"))
                .find(|candidate| !taken.contains(candidate))
                .unwrap_or_default();
            taken.insert(unique.clone());
            given.insert(unique.clone());
            unique
        };
        names.push((op, name));
    }
    names
}

fn parameter_suffix(op: &OperationDef) -> String {
    op.parameters
        .iter()
        .map(|p| snake_name(&p.name))
        .collect::<Vec<_>>()
        .join("_and_")
}

/// One method that yields the request of an operation call.
fn operation_method(
    plan: &Plan,
    op_id: OperationId,
    method_name: &str,
    target: OperationTarget,
    module: &Module,
) -> TokenStream {
    let op = plan.model.operation(op_id);
    let m = ident(&ident_text(method_name));
    let response = tokens(&response_type(plan, op, module));
    let doc = doc_or(
        &op.docs,
        &match op.kind {
            OperationKind::Action => format!("Action `{}`.", op.qualified_name()),
            OperationKind::Function => format!("Function `{}`.", op.qualified_name()),
        },
    );
    let namespace = &op.namespace;
    let name = &op.name;
    let base = match target {
        OperationTarget::Bound => quote!(self.path()),
        OperationTarget::Import(_) => quote!(self.root),
    };
    match op.kind {
        OperationKind::Action => {
            let path = match target {
                OperationTarget::Bound => quote!(#base.operation(#namespace, #name)),
                OperationTarget::Import(import) => quote!(#base.segment(#import)),
            };
            match plan.parameter_structs.get(&op_id) {
                Some(body) => {
                    let body = tokens(&plan_path(plan, op, body, module));
                    quote! {
                        #doc
                        #[inline]
                        pub fn #m(&self, body: #body) -> runtime::Request<#body, #response> {
                            runtime::Request::new(runtime::Method::Post, #path, Some(body))
                        }
                    }
                }
                None => quote! {
                    #doc
                    #[inline]
                    pub fn #m(&self) -> runtime::Request<(), #response> {
                        runtime::Request::new(runtime::Method::Post, #path, None)
                    }
                },
            }
        }
        OperationKind::Function => {
            let mut scope = Scope::snake();
            scope.reserve(["self", "params"]);
            for p in &op.parameters {
                scope.want(&p.name, &snake_name(&p.name));
            }
            let names = scope.resolve();
            let args: Vec<proc_macro2::Ident> = op
                .parameters
                .iter()
                .map(|p| ident(&ident_text(&names[&p.name])))
                .collect();
            let arg_types = op.parameters.iter().map(|p| {
                let value = plan.value_type(p.ty.target, module);
                let value = if value == "String" && !p.ty.collection {
                    "str".to_owned()
                } else {
                    value
                };
                let value = if p.ty.collection {
                    format!("&[{value}]")
                } else {
                    format!("&{value}")
                };
                tokens(&value)
            });
            let wire: Vec<&str> = op.parameters.iter().map(|p| p.name.as_str()).collect();
            let function_name = match target {
                OperationTarget::Bound => None,
                OperationTarget::Import(import) => Some(import),
            };
            let path = match function_name {
                None => quote!(#base.function(#namespace, #name, &params)),
                Some(import) => quote!(#base.function_import(#import, &params)),
            };
            // A composable function that returns entities addresses them: a builder, so that
            // URLs go on from it (`range(address='A1')/format`) and `get()` reads them.
            let composed = plan
                .model
                .composable_entity_result(op_id)
                .filter(|(t, _)| plan.is_selected(*t));
            if let Some((target, collection)) = composed {
                let t = tokens(&plan.path_to(target, &plan.type_names[&target], module));
                let kind = if collection {
                    quote!(runtime::CollectionRef)
                } else {
                    quote!(runtime::EntityRef)
                };
                return quote! {
                    #doc
                    #[inline]
                    pub fn #m(&self #(, #args: #arg_types)*) -> #kind<#t> {
                        let params = [#( (#wire, runtime::Literal::of(#args)) ),*];
                        #kind::new(#path)
                    }
                };
            }
            quote! {
                #doc
                #[inline]
                pub fn #m(&self #(, #args: #arg_types)*) -> runtime::Request<(), #response> {
                    let params = [#( (#wire, runtime::Literal::of(#args)) ),*];
                    runtime::Request::new(runtime::Method::Get, #path, None)
                }
            }
        }
    }
}

/// The path of `name` (an action's parameter struct) in the module of `op`'s namespace, as
/// seen from `module`.
pub(crate) fn plan_path(plan: &Plan, op: &OperationDef, name: &str, module: &Module) -> String {
    let to = &plan.modules[&op.namespace];
    let prefix = super::plan::relative_prefix(&module.path, &to.path);
    format!(
        "{}{name}",
        prefix.strip_prefix("super::").unwrap_or(&prefix)
    )
}

/// What a successful call returns, as source text: the entity or complex value itself, a
/// `Collection` page for collections, a `ValueResponse` wrapper for primitives and enums,
/// `NoContent` for none.
pub(crate) fn response_type(plan: &Plan, op: &OperationDef, module: &Module) -> String {
    let Some(ret) = &op.return_type else {
        return "runtime::NoContent".to_owned();
    };
    let TypeRef { collection, target } = ret.ty;
    let value = plan.value_type(target, module);
    let structured = matches!(target, Target::Named(t)
        if matches!(plan.model.ty(t).kind, TypeKind::Entity(_) | TypeKind::Complex(_)));
    match (collection, structured) {
        (true, _) => format!("runtime::Collection<{value}>"),
        (false, true) => value,
        (false, false) => format!("runtime::ValueResponse<{value}>"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn root_names() {
        let c = Container {
            namespace: "microsoft.graph".into(),
            name: "GraphService".into(),
            pos: Default::default(),
            entity_sets: vec![],
            singletons: vec![],
            operation_imports: vec![],
            docs: Default::default(),
        };
        assert_eq!(root_name(&c, false), "GraphService");
        assert_eq!(root_name(&c, true), "MicrosoftGraphGraphService");
        let default = Container {
            name: "Default".into(),
            ..c
        };
        assert_eq!(root_name(&default, false), "DefaultContainer");
    }
}
