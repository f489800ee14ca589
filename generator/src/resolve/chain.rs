//! A walked URL as the Rust builder chain that produces it, named exactly as the emitter names
//! the generated methods (`crate::emit::paths::{root_methods, builder_methods}`), with the
//! request and response types of the chosen HTTP method.

use crate::emit::models::key_fields;
use crate::emit::naming::{ident_text, snake_name};
use crate::emit::paths::{
    builder_methods, plan_path, response_type, root_methods, root_name, Member, RootMember,
};
use crate::emit::plan::{Module, Plan};
use crate::model::{OperationKind, Primitive, Target, TypeId, TypeKind, TypeRef};

use super::url::{unquote, Value};
use super::walk::{At, Step, StepKind, Walked};

/// A variable the chain uses for a value the URL gives as a placeholder, or whose literal the
/// chain cannot write inline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    /// The Rust variable name.
    pub name: String,
    /// Its Rust type, as the builder method takes it.
    pub rust_type: String,
    /// The value as written in the URL (a literal or a parameter alias's value), if any.
    pub value: Option<String>,
}

/// The builder chain and its types.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chain {
    /// `GraphService::new().users().by_id(user_id).get()`.
    pub text: String,
    pub bindings: Vec<Binding>,
    /// The Rust type of the request body, for methods that send one.
    pub request: Option<String>,
    /// The Rust type the response body reads as.
    pub response: String,
}

/// The HTTP methods OData allows where a URL leads.
pub fn methods(plan: &Plan, at: At) -> &'static [&'static str] {
    match at {
        At::Root => &[],
        At::Collection { .. } => &["GET", "POST"],
        At::Entity {
            singleton: true, ..
        } => &["GET", "PATCH", "PUT"],
        At::Entity { .. } => &["GET", "PATCH", "PUT", "DELETE"],
        At::Operation(op) => match plan.model.operation(op).kind {
            OperationKind::Action => &["POST"],
            OperationKind::Function => &["GET"],
        },
        At::Count => &["GET"],
        At::References { collection: true } => &["GET", "POST", "DELETE"],
        At::References { collection: false } => &["GET", "PUT", "DELETE"],
        At::Media | At::Stream | At::RawValue => &["GET", "PUT"],
        At::Property(_) => &["GET", "PUT", "PATCH", "DELETE"],
    }
}

/// Writes the chain for `walked` and `method` (one of [`methods`]). Errors say why no builder
/// produces the URL.
pub fn chain(
    plan: &Plan,
    walked: &Walked,
    method: &str,
    query: &[(String, String)],
) -> Result<Chain, String> {
    let root_module = Module { path: Vec::new() };
    let mut writer = Writer {
        plan,
        module: &root_module,
        text: String::new(),
        bindings: Vec::new(),
        query,
    };
    let mut at = At::Root;
    for step in &walked.steps {
        writer.step(at, step)?;
        at = step.at;
    }
    let (request, response) = writer.terminal(at, method)?;
    Ok(Chain {
        text: writer.text,
        bindings: writer.bindings,
        request,
        response,
    })
}

struct Writer<'p, 'm> {
    plan: &'p Plan<'m>,
    module: &'p Module,
    text: String,
    bindings: Vec<Binding>,
    query: &'p [(String, String)],
}

impl Writer<'_, '_> {
    fn call(&mut self, method: &str, args: &[String]) {
        self.open_call(method);
        self.text.push_str(&args.join(", "));
        self.text.push(')');
    }

    /// `.method(`, left open: an action's call takes its body, which `terminal` writes.
    fn open_call(&mut self, method: &str) {
        self.text.push('.');
        self.text.push_str(&ident_text(method));
        self.text.push('(');
    }

    fn value_type(&self, ty: TypeId) -> String {
        self.plan.value_type(Target::Named(ty), self.module)
    }

    fn step(&mut self, before: At, step: &Step) -> Result<(), String> {
        let plan = self.plan;
        let model = plan.model;
        match &step.kind {
            StepKind::EntitySet(_) | StepKind::Singleton(_) | StepKind::Import { .. } => {
                let several = model.containers.len() > 1;
                let (container, name) = model
                    .containers
                    .iter()
                    .find_map(|c| {
                        root_methods(plan, c)
                            .into_iter()
                            .find(|(member, _)| root_member_is(member, &step.kind))
                            .map(|(_, name)| (c, name))
                    })
                    .ok_or("the generated root has no method for it (outside the slice)")?;
                self.text = format!("{}::new()", root_name(container, several));
                match &step.kind {
                    StepKind::Import { op, .. }
                        if model.operation(*op).kind == OperationKind::Action =>
                    {
                        self.open_call(&name);
                    }
                    StepKind::Import { op, args, .. } => {
                        let args = self.function_args(*op, args)?;
                        self.call(&name, &args);
                    }
                    _ => self.call(&name, &[]),
                }
            }
            StepKind::Key(parts) => {
                let ty = entity_type_of(before).ok_or("a key must follow a collection")?;
                let key = self.key(ty, parts)?;
                self.call("by_id", &[key]);
            }
            StepKind::Navigation(n) => {
                let ty = entity_type_of(before).ok_or("navigation must follow an entity")?;
                let name = self.member(
                    ty,
                    false,
                    |m| matches!(m, Member::Navigation(x) if x.name == n.name),
                )?;
                self.call(&name, &[]);
            }
            StepKind::Cast { to } => {
                let (ty, collection) = builder_of(before).ok_or("a cast must follow an entity")?;
                let name =
                    self.member(ty, collection, |m| matches!(m, Member::Cast(d) if d == *to))?;
                self.call(&name, &[]);
            }
            StepKind::Operation { op, args } => {
                let (ty, collection) =
                    builder_of(before).ok_or("an operation must follow an entity")?;
                let name = self.member(
                    ty,
                    collection,
                    |m| matches!(m, Member::Operation(o) if o == *op),
                )?;
                match model.operation(*op).kind {
                    OperationKind::Function => {
                        let args = self.function_args(*op, args)?;
                        self.call(&name, &args);
                    }
                    OperationKind::Action => self.open_call(&name),
                }
            }
            StepKind::Count => {}
            StepKind::Ref => match before {
                At::Collection { .. } => self.call("references", &[]),
                _ => self.call("reference", &[]),
            },
            StepKind::Value => match before {
                At::Entity { ty, .. } => {
                    let name = self.member(ty, false, |m| matches!(m, Member::Media)).map_err(|_| {
                        format!(
                            "{} is not a media entity (no HasStream), so its builder has no `media()`",
                            model.ty(ty).qualified_name()
                        )
                    })?;
                    self.call(&name, &[]);
                }
                _ => self.call("raw_value", &[]),
            },
            StepKind::Property(p) if p.ty.target == Target::Primitive(Primitive::Stream) => {
                let ty = entity_type_of(before).ok_or("a stream property must follow an entity")?;
                let name = self.stream_member(ty, &p.name)?;
                self.call(&name, &[]);
            }
            StepKind::Property(p) => {
                // Generic, typed by the caller: see the runtime's `PropertyRef`.
                let value = property_value_type(plan, p.ty, self.module);
                self.text
                    .push_str(&format!(".property::<{value}>({:?})", p.name));
            }
        }
        Ok(())
    }

    /// The name of the generated method of `ty`'s builder that `is` picks.
    fn member(
        &self,
        ty: TypeId,
        collection: bool,
        is: impl Fn(Member) -> bool,
    ) -> Result<String, String> {
        builder_methods(self.plan, ty, collection)
            .into_iter()
            .find(|(m, _)| is(*m))
            .map(|(_, name)| name)
            .ok_or_else(|| {
                format!(
                    "the builder of {} has no such method (outside the slice)",
                    self.plan.model.ty(ty).qualified_name()
                )
            })
    }

    fn stream_member(&self, ty: TypeId, property: &str) -> Result<String, String> {
        self.member(
            ty,
            false,
            |m| matches!(m, Member::Stream(p) if p.name == property),
        )
    }

    /// The argument of `by_id`: a value, a variable, or a composite key struct.
    fn key(&mut self, ty: TypeId, parts: &[(String, Value)]) -> Result<String, String> {
        let model = self.plan.model;
        let key = model.key(ty).ok_or("the type has no key")?;
        if let [part] = key {
            return Ok(self.argument(&parts[0].1, part.ty, &part.name, false));
        }
        let fields: Vec<String> = key
            .iter()
            .zip(parts)
            .zip(key_fields(key))
            .map(|((p, (_, value)), field)| {
                let value = self.argument(value, p.ty, &p.name, false);
                // The key struct owns its strings; the value is a literal or a `&str`.
                let value = if is_string(p.ty) {
                    format!("{value}.to_owned()")
                } else {
                    value
                };
                format!("{field}: {value}")
            })
            .collect();
        let owner = self.key_owner(ty);
        let name = self
            .plan
            .key_structs
            .get(&owner)
            .ok_or("the composite key has no generated key struct (outside the slice)")?;
        // The key struct lives in the module of the type that declares the key.
        let key_struct = self.plan.path_to(owner, name, self.module);
        Ok(format!("{key_struct} {{ {} }}", fields.join(", ")))
    }

    /// The type whose key struct names the key of `ty` (the key is declared on a base).
    fn key_owner(&self, ty: TypeId) -> TypeId {
        self.plan
            .model
            .ancestors_and_self(ty)
            .into_iter()
            .find(|t| self.plan.key_structs.contains_key(t))
            .unwrap_or(ty)
    }

    /// Function arguments in parameter order, as the generated method takes them.
    fn function_args(
        &mut self,
        op: crate::model::OperationId,
        args: &[(String, Value)],
    ) -> Result<Vec<String>, String> {
        let model = self.plan.model;
        let params = &model.operation(op).parameters;
        let mut written = Vec::new();
        for p in params {
            let value = args
                .iter()
                .find(|(name, _)| *name == p.name)
                .map(|(_, v)| v.clone())
                // A nullable parameter left out of the URL is still an argument of the method.
                .unwrap_or_else(|| Value::Placeholder(p.name.clone()));
            written.push(self.argument(&value, p.ty, &p.name, true));
        }
        Ok(written)
    }

    /// One argument: a Rust literal where the URL's literal maps to one simply (strings,
    /// integers, booleans), else a variable bound to the value. Function parameters are taken
    /// by reference (`&T`, `&str`, `&[T]`).
    fn argument(&mut self, value: &Value, ty: TypeRef, name: &str, by_ref: bool) -> String {
        if let Some(inline) = inline_literal(value, ty) {
            // Function parameters are references: `&str` takes the string literal as it is.
            let string = inline.starts_with('"');
            return if by_ref && !string {
                format!("&{inline}")
            } else {
                inline
            };
        }
        let (binding_name, written) = match value {
            Value::Placeholder(p) => (placeholder_name(p), Some(format!("{{{p}}}"))),
            Value::Alias(a) => (
                snake_name(a),
                self.query
                    .iter()
                    .find(|(k, _)| k.strip_prefix('@') == Some(a.as_str()))
                    .map(|(_, v)| v.clone()),
            ),
            Value::Literal(l) | Value::Segment(l) => (snake_name(name), Some(l.clone())),
        };
        let binding_name = self.unique(&binding_name);
        let item = self.plan.value_type(ty.target, self.module);
        let rust_type = if ty.collection {
            format!("Vec<{item}>")
        } else if item == "String" {
            "&str".to_owned()
        } else {
            item
        };
        let reference = by_ref && rust_type != "&str";
        self.bindings.push(Binding {
            name: binding_name.clone(),
            rust_type,
            value: written,
        });
        if reference {
            format!("&{binding_name}")
        } else {
            binding_name
        }
    }

    fn unique(&self, wanted: &str) -> String {
        let wanted = ident_text(if wanted.is_empty() { "value" } else { wanted });
        let taken = |n: &str| self.bindings.iter().any(|b| b.name == n);
        if !taken(&wanted) {
            return wanted;
        }
        (2..)
            .map(|i| format!("{wanted}_{i}"))
            .find(|n| !taken(n))
            .unwrap_or(wanted)
    }

    /// The last call, for the HTTP method, with the request and response types.
    fn terminal(&mut self, at: At, method: &str) -> Result<(Option<String>, String), String> {
        let plan = self.plan;
        let allowed = methods(plan, at);
        if !allowed.contains(&method) {
            return Err(format!(
                "{method} is not allowed here; allowed: {}",
                allowed.join(" ")
            ));
        }
        let body = |w: &mut Self, ty: &str| {
            w.bindings.push(Binding {
                name: "body".to_owned(),
                rust_type: ty.to_owned(),
                value: None,
            });
        };
        Ok(match at {
            At::Collection { ty, .. } => {
                let value = self.value_type(ty);
                if method == "GET" {
                    self.call("list", &[]);
                    (None, format!("runtime::Collection<{value}>"))
                } else {
                    self.call("create", &["body".to_owned()]);
                    body(self, &value);
                    (Some(value.clone()), value)
                }
            }
            At::Entity { ty, .. } => {
                let value = self.value_type(ty);
                let (call, request) = match method {
                    "GET" => ("get", None),
                    "PATCH" => ("update", Some(value.clone())),
                    "PUT" => ("replace", Some(value.clone())),
                    _ => ("delete", None),
                };
                if let Some(request) = &request {
                    self.call(call, &["body".to_owned()]);
                    body(self, request);
                    (Some(request.clone()), "runtime::NoContent".to_owned())
                } else {
                    self.call(call, &[]);
                    let response = if call == "get" {
                        value
                    } else {
                        "runtime::NoContent".to_owned()
                    };
                    (None, response)
                }
            }
            At::Operation(op) => {
                let o = plan.model.operation(op);
                let response = response_type(plan, plan.model.operation(op), self.module);
                match o.kind {
                    OperationKind::Function => (None, response),
                    OperationKind::Action => match params_path(plan, op, self.module) {
                        Some(params) => {
                            self.text.push_str("body)");
                            body(self, &params);
                            (Some(params), response)
                        }
                        None => {
                            self.text.push(')');
                            (None, response)
                        }
                    },
                }
            }
            At::Count => {
                self.call("count", &[]);
                (None, "i64".to_owned())
            }
            At::References { collection } => {
                let call = match (collection, method) {
                    (true, "GET") => "list",
                    (true, "POST") => "add",
                    (true, _) => "remove",
                    (false, "GET") => "get",
                    (false, "PUT") => "set",
                    (false, _) => "delete",
                };
                match call {
                    // The runtime takes the target (an `EntityRef` of the navigation's type,
                    // or an `EntityReference` naming any URL) and the service root that makes
                    // its URL absolute.
                    "add" | "set" | "remove" => {
                        let target = self.query_value("$id");
                        self.bindings.push(Binding {
                            name: "target".to_owned(),
                            rust_type: "runtime::EntityReference".to_owned(),
                            value: target,
                        });
                        self.bindings.push(Binding {
                            name: "service_root".to_owned(),
                            rust_type: "&str".to_owned(),
                            value: None,
                        });
                        self.call(call, &["&target".to_owned(), "service_root".to_owned()]);
                    }
                    _ => self.call(call, &[]),
                }
                let response = match call {
                    "list" => "runtime::Collection<runtime::EntityReference>",
                    "get" => "runtime::EntityReference",
                    _ => "runtime::NoContent",
                };
                let request =
                    matches!(call, "add" | "set").then(|| "runtime::EntityReference".to_owned());
                (request, response.to_owned())
            }
            At::Media | At::Stream | At::RawValue => {
                if method == "GET" {
                    self.call("get", &[]);
                    (None, "runtime::Bytes".to_owned())
                } else {
                    self.call("put", &["bytes".to_owned(), "content_type".to_owned()]);
                    self.bindings.push(Binding {
                        name: "bytes".to_owned(),
                        rust_type: "Vec<u8>".to_owned(),
                        value: None,
                    });
                    self.bindings.push(Binding {
                        name: "content_type".to_owned(),
                        rust_type: "&str".to_owned(),
                        value: None,
                    });
                    (
                        Some("runtime::Bytes".to_owned()),
                        "runtime::NoContent".to_owned(),
                    )
                }
            }
            At::Property(ty) => {
                let value = property_value_type(plan, ty, self.module);
                let (call, request) = match method {
                    "GET" => ("get", None),
                    "PATCH" => ("update", Some(value.clone())),
                    "PUT" => ("replace", Some(value.clone())),
                    _ => ("delete", None),
                };
                match &request {
                    Some(request) => {
                        self.call(call, &["body".to_owned()]);
                        body(self, request);
                    }
                    None => self.call(call, &[]),
                }
                let response = if call == "get" {
                    value
                } else {
                    "runtime::NoContent".to_owned()
                };
                (request, response)
            }
            At::Root => return Err("the service root has no builder".to_owned()),
        })
    }

    fn query_value(&self, name: &str) -> Option<String> {
        self.query
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
    }
}

/// What a property reads and writes as on its own: a complex value as its type, anything else
/// in OData's `{"value": …}` wrapper.
fn property_value_type(plan: &Plan, ty: TypeRef, from: &Module) -> String {
    let value = plan.value_type(ty.target, from);
    let complex = matches!(ty.target, Target::Named(t) if matches!(plan.model.ty(t).kind, TypeKind::Complex(_)));
    if ty.collection {
        format!("runtime::ValueResponse<Vec<{value}>>")
    } else if complex {
        value
    } else {
        format!("runtime::ValueResponse<{value}>")
    }
}

/// The path of an action's parameter struct, from the crate root.
fn params_path(plan: &Plan, op: crate::model::OperationId, from: &Module) -> Option<String> {
    let name = plan.parameter_structs.get(&op)?;
    Some(plan_path(plan, plan.model.operation(op), name, from))
}

fn root_member_is(member: &RootMember, kind: &StepKind) -> bool {
    match (member, kind) {
        (RootMember::EntitySet(a), StepKind::EntitySet(b)) => std::ptr::eq(*a, *b),
        (RootMember::Singleton(a), StepKind::Singleton(b)) => std::ptr::eq(*a, *b),
        (RootMember::Import(_, a), StepKind::Import { op, .. }) => a == op,
        _ => false,
    }
}

/// The entity type of a collection or an entity.
fn entity_type_of(at: At) -> Option<TypeId> {
    match at {
        At::Collection { ty, .. } | At::Entity { ty, .. } => Some(ty),
        _ => None,
    }
}

/// The builder at a point of the walk: the entity type, and whether it is a `CollectionRef`.
fn builder_of(at: At) -> Option<(TypeId, bool)> {
    match at {
        At::Collection { ty, .. } => Some((ty, true)),
        At::Entity { ty, .. } => Some((ty, false)),
        _ => None,
    }
}

fn is_string(ty: TypeRef) -> bool {
    !ty.collection && ty.target == Target::Primitive(Primitive::String)
}

/// A Rust literal for a URL value of a simple type: strings (`'it''s'` → `"it's"`, a key
/// segment as its text), `i32`-and-smaller integers and booleans.
fn inline_literal(value: &Value, ty: TypeRef) -> Option<String> {
    if ty.collection {
        return None;
    }
    let Target::Primitive(p) = ty.target else {
        return None;
    };
    let text = match value {
        Value::Literal(l) => match p {
            Primitive::String => unquote(l)?,
            _ => l.clone(),
        },
        Value::Segment(s) => s.clone(),
        Value::Placeholder(_) | Value::Alias(_) => return None,
    };
    match p {
        Primitive::String => Some(format!("{text:?}")),
        Primitive::Boolean if text == "true" || text == "false" => Some(text),
        Primitive::Int32 | Primitive::Int16 | Primitive::Byte | Primitive::SByte => {
            let valid = match p {
                Primitive::Int32 => text.parse::<i32>().is_ok(),
                Primitive::Int16 => text.parse::<i16>().is_ok(),
                Primitive::Byte => text.parse::<u8>().is_ok(),
                _ => text.parse::<i8>().is_ok(),
            };
            valid.then_some(text)
        }
        _ => None,
    }
}

/// `{deviceConfigurationId}` → `device_configuration_id`; Graph's `{id | userPrincipalName}`
/// → `id`.
fn placeholder_name(placeholder: &str) -> String {
    let first = placeholder
        .split(['|', ' '])
        .find(|p| !p.trim().is_empty())
        .unwrap_or("id");
    snake_name(first.trim())
}
