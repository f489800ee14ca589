//! Builds the AST from XML events with an explicit stack of open elements: nesting costs heap,
//! not native stack, and is bounded by [`MAX_DEPTH`].
//!
//! Opening an element reads its attributes into a new frame; closing it moves the finished
//! node into its parent frame.

use std::borrow::Cow;

use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::{BytesRef, BytesStart};

use super::attrs::Element;
use super::elements::{self, TypeKind};
use super::expressions::{is_xml_whitespace, more_than_one_value, PartialExpression};
use super::sink::{unknown_entity, Fatal, Sink};
use crate::csdl::ast::{
    Annotation, Annotations, Document, EntityContainer, EntitySet, EnumMember, EnumType,
    Expression, Include, IncludeAnnotations, Key, NavigationProperty, NavigationPropertyBinding,
    OnDelete, Operation, OperationImport, OperationKind, Parameter, Property, PropertyRef,
    PropertyValue, Reference, ReferentialConstraint, ReturnType, Schema, Singleton, StructuredType,
    Term, TypeDefinition,
};
use crate::diagnostics::{Deviation, Diagnostics, Pos};

/// The deepest element nesting accepted. Real CSDL nests fewer than 20 levels; the limit
/// stops hostile input from growing the stack (and the AST's recursive drop) without bound.
pub(super) const MAX_DEPTH: usize = 256;

pub(super) const EDM_NS: &str = "http://docs.oasis-open.org/odata/ns/edm";
pub(super) const EDMX_NS: &str = "http://docs.oasis-open.org/odata/ns/edmx";

/// Namespaces of OData V1–V3 (CSDL 1.0–3.0): an error on their own, but some services put
/// CSDL 4 content in an older EDM namespace inside an `edmx:Edmx Version="4.0"`.
const LEGACY_NS_PREFIX: &str = "http://schemas.microsoft.com/ado/";

/// An EDM (not EDMX) namespace URI of OData V1–V3, such as
/// `http://schemas.microsoft.com/ado/2009/11/edm`.
fn is_legacy_edm(uri: &str) -> bool {
    uri.strip_prefix(LEGACY_NS_PREFIX)
        .is_some_and(|rest| rest.ends_with("/edm"))
}

/// An EDMX namespace URI of OData V1–V3 (`http://schemas.microsoft.com/ado/2007/06/edmx`).
fn is_legacy_edmx(uri: &str) -> bool {
    uri.strip_prefix(LEGACY_NS_PREFIX)
        .is_some_and(|rest| rest.ends_with("/edmx"))
}

/// The `Version` attribute of a start tag, as written (for deciding before reading it).
fn version_of(start: &BytesStart) -> Option<String> {
    start
        .attributes()
        .flatten()
        .find(|a| a.key.as_ref() == "Version")
        .map(|a| a.value.into_owned())
}

/// The namespace of an element, as far as CSDL cares.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Ns<'n> {
    Edm,
    Edmx,
    Other(&'n str),
    /// The element is in no namespace.
    Unbound,
    /// The element's prefix is not declared by any `xmlns:`.
    UndeclaredPrefix,
}

impl<'n> Ns<'n> {
    pub(super) fn from_uri(uri: &'n str) -> Self {
        match uri {
            EDM_NS => Ns::Edm,
            EDMX_NS => Ns::Edmx,
            other => Ns::Other(other),
        }
    }

    fn describe(self) -> String {
        match self {
            Ns::Edm => format!("`{EDM_NS}`"),
            Ns::Edmx => format!("`{EDMX_NS}`"),
            Ns::Other(uri) => format!("`{uri}`"),
            Ns::Unbound => "no namespace".to_owned(),
            Ns::UndeclaredPrefix => "an undeclared namespace prefix".to_owned(),
        }
    }
}

/// An element being read, holding its node until the element closes.
enum Frame {
    /// Below the root element; never popped.
    Document,
    Edmx {
        pos: Pos,
        data_services: usize,
    },
    Reference(Reference),
    Include(Include),
    IncludeAnnotations(IncludeAnnotations),
    DataServices,
    Schema(Schema),
    EntityType(StructuredType),
    ComplexType(StructuredType),
    Key(Key),
    PropertyRef(PropertyRef),
    Property(Property),
    NavigationProperty(NavigationProperty),
    OnDelete(OnDelete),
    ReferentialConstraint(ReferentialConstraint),
    EnumType(EnumType),
    Member(EnumMember),
    TypeDefinition(TypeDefinition),
    Operation(Operation),
    Parameter(Parameter),
    ReturnType(ReturnType),
    Term(Term),
    EntityContainer(EntityContainer),
    EntitySet(EntitySet),
    Singleton(Singleton),
    NavigationPropertyBinding(NavigationPropertyBinding),
    ActionImport(OperationImport),
    FunctionImport(OperationImport),
    Annotations(Annotations),
    Annotation(Annotation),
    PropertyValue {
        pos: Pos,
        property: String,
        value: Option<Expression>,
    },
    Expression {
        pos: Pos,
        expression: PartialExpression,
    },
    /// An element CSDL does not define here (reported already, or a vendor extension): it and
    /// everything inside it are ignored.
    Skip,
}

impl Frame {
    /// The element name, for messages.
    fn name(&self) -> &str {
        match self {
            Frame::Document => "the document",
            Frame::Edmx { .. } => "edmx:Edmx",
            Frame::Reference(_) => "edmx:Reference",
            Frame::Include(_) => "edmx:Include",
            Frame::IncludeAnnotations(_) => "edmx:IncludeAnnotations",
            Frame::DataServices => "edmx:DataServices",
            Frame::Schema(_) => "Schema",
            Frame::EntityType(_) => "EntityType",
            Frame::ComplexType(_) => "ComplexType",
            Frame::Key(_) => "Key",
            Frame::PropertyRef(_) => "PropertyRef",
            Frame::Property(_) => "Property",
            Frame::NavigationProperty(_) => "NavigationProperty",
            Frame::OnDelete(_) => "OnDelete",
            Frame::ReferentialConstraint(_) => "ReferentialConstraint",
            Frame::EnumType(_) => "EnumType",
            Frame::Member(_) => "Member",
            Frame::TypeDefinition(_) => "TypeDefinition",
            Frame::Operation(op) => match op.kind {
                OperationKind::Action => "Action",
                OperationKind::Function => "Function",
            },
            Frame::Parameter(_) => "Parameter",
            Frame::ReturnType(_) => "ReturnType",
            Frame::Term(_) => "Term",
            Frame::EntityContainer(_) => "EntityContainer",
            Frame::EntitySet(_) => "EntitySet",
            Frame::Singleton(_) => "Singleton",
            Frame::NavigationPropertyBinding(_) => "NavigationPropertyBinding",
            Frame::ActionImport(_) => "ActionImport",
            Frame::FunctionImport(_) => "FunctionImport",
            Frame::Annotations(_) => "Annotations",
            Frame::Annotation(_) => "Annotation",
            Frame::PropertyValue { .. } => "PropertyValue",
            Frame::Expression { expression, .. } => expression.element_name(),
            Frame::Skip => "an ignored element",
        }
    }

    /// Whether an `Annotation` child is read here. It is read even where the AST has no slot
    /// for it (then dropped on close), so that its own errors are still reported.
    fn takes_annotations(&self) -> bool {
        !matches!(
            self,
            Frame::Document | Frame::Edmx { .. } | Frame::DataServices | Frame::Skip
        )
    }

    /// Where a closed `Annotation` child goes; `None` where the AST does not keep them.
    fn annotations_mut(&mut self) -> Option<&mut Vec<Annotation>> {
        match self {
            Frame::Schema(node) => Some(&mut node.annotations),
            Frame::EntityType(node) | Frame::ComplexType(node) => Some(&mut node.annotations),
            Frame::Property(node) => Some(&mut node.annotations),
            Frame::NavigationProperty(node) => Some(&mut node.annotations),
            Frame::EnumType(node) => Some(&mut node.annotations),
            Frame::Member(node) => Some(&mut node.annotations),
            Frame::TypeDefinition(node) => Some(&mut node.annotations),
            Frame::Operation(node) => Some(&mut node.annotations),
            Frame::Parameter(node) => Some(&mut node.annotations),
            Frame::Term(node) => Some(&mut node.annotations),
            Frame::EntityContainer(node) => Some(&mut node.annotations),
            Frame::EntitySet(node) => Some(&mut node.annotations),
            Frame::Singleton(node) => Some(&mut node.annotations),
            Frame::ActionImport(node) | Frame::FunctionImport(node) => Some(&mut node.annotations),
            Frame::Annotations(node) => Some(&mut node.annotations),
            Frame::Annotation(node) => Some(&mut node.annotations),
            _ => None,
        }
    }

    /// Whether EDM child elements (other than `Annotation`) are expressions here.
    fn takes_expressions(&self) -> bool {
        match self {
            Frame::Annotation(_) | Frame::PropertyValue { .. } => true,
            Frame::Expression { expression, .. } => expression.takes_children(),
            _ => false,
        }
    }
}

pub(super) struct Builder<'t> {
    sink: Sink<'t>,
    stack: Vec<Frame>,
    document: Document,
    has_root: bool,
    /// The root is an `edmx:Edmx` of CSDL version 4.0 or 4.01, so an older EDM namespace URI
    /// inside it is read as CSDL 4's (with one warning, `legacy_warned`).
    csdl4: bool,
    legacy_warned: bool,
    /// The depth of a `Schema` in no namespace that is read as CSDL 4's (a deviation), while
    /// it is open: the elements inside it, in no namespace as well, are CSDL too.
    unbound_schema: Option<usize>,
    unbound_warned: bool,
}

impl<'t> Builder<'t> {
    pub(super) fn new(sink: Sink<'t>) -> Self {
        Builder {
            sink,
            stack: vec![Frame::Document],
            document: Document::default(),
            has_root: false,
            csdl4: false,
            legacy_warned: false,
            unbound_schema: None,
            unbound_warned: false,
        }
    }

    pub(super) fn sink(&mut self) -> &mut Sink<'t> {
        &mut self.sink
    }

    /// A start tag (or the start of an empty-element tag) at byte `offset`.
    pub(super) fn open(&mut self, start: &BytesStart, ns: Ns, offset: usize) -> Result<(), Fatal> {
        // The document frame is not an element, so `len()` is the depth of the new element.
        if self.stack.len() > MAX_DEPTH {
            let message = format!(
                "`{}` is nested more than {MAX_DEPTH} elements deep; CSDL is never this deep",
                start.name().as_ref()
            );
            self.sink.error(offset, message);
            return Err(Fatal);
        }
        let el = Element {
            start,
            name: start.local_name().into_inner(),
            pos: self.sink.pos(offset),
            offset,
        };
        // Some services put CSDL 4 content in the namespaces of OData V1-V3 (one warning).
        let root_version = (self.stack.len() == 1)
            .then(|| version_of(start))
            .flatten()
            .filter(|v| elements::SUPPORTED_VERSIONS.contains(&v.as_str()));
        let ns = match ns {
            Ns::Other(uri)
                if (self.csdl4 || root_version.is_some())
                    && (is_legacy_edm(uri) || is_legacy_edmx(uri)) =>
            {
                let (read_as, modern) = if is_legacy_edm(uri) {
                    (Ns::Edm, EDM_NS)
                } else {
                    (Ns::Edmx, EDMX_NS)
                };
                if !self.legacy_warned {
                    self.legacy_warned = true;
                    let version = root_version
                        .as_deref()
                        .or(self.document.version.as_deref())
                        .unwrap_or("4.0");
                    let message = format!(
                        "`{}` is in the OData V1-V3 namespace `{uri}` inside a CSDL {version} document; read as `{modern}`",
                        start.name().as_ref(),
                    );
                    self.sink
                        .deviation_at(&el.pos, Deviation::LegacyNamespace, message);
                }
                read_as
            }
            Ns::Unbound if self.unbound_schema.is_some() => Ns::Edm,
            Ns::Unbound
                if self.csdl4
                    && el.name == "Schema"
                    && matches!(self.stack.last(), Some(Frame::DataServices)) =>
            {
                // SAP's Cloud SDK samples and Business Central extensions leave out the
                // `xmlns` of their schemas; every other client reads them as CSDL.
                if !self.unbound_warned {
                    self.unbound_warned = true;
                    let message = format!(
                        "`Schema` is in no namespace inside a CSDL 4 document; read as `{EDM_NS}`"
                    );
                    self.sink
                        .deviation_at(&el.pos, Deviation::NoNamespace, message);
                }
                self.unbound_schema = Some(self.stack.len());
                Ns::Edm
            }
            ns => ns,
        };
        let frame = if self.stack.len() == 1 {
            self.root(&el, ns)?
        } else {
            self.child(&el, ns)
        };
        self.stack.push(frame);
        Ok(())
    }

    fn root(&mut self, el: &Element, ns: Ns) -> Result<Frame, Fatal> {
        if self.has_root {
            self.sink
                .error_at(&el.pos, "a document has exactly one root element");
            return Err(Fatal);
        }
        self.has_root = true;
        match (ns, el.name) {
            (Ns::Edmx, "Edmx") => {
                self.document.version = elements::edmx_version(el, &mut self.sink);
                self.csdl4 = self
                    .document
                    .version
                    .as_deref()
                    .is_some_and(|v| elements::SUPPORTED_VERSIONS.contains(&v));
                Ok(Frame::Edmx {
                    pos: el.pos.clone(),
                    data_services: 0,
                })
            }
            (Ns::Edm, "Schema") => Ok(Frame::Schema(elements::schema(el, &mut self.sink))),
            (_, "Edmx") => {
                self.wrong_namespace(el, ns, EDMX_NS);
                Err(Fatal)
            }
            (_, "Schema") => {
                self.wrong_namespace(el, ns, EDM_NS);
                Err(Fatal)
            }
            _ => {
                let message = format!(
                    "the root element must be `edmx:Edmx` or `Schema`, found `{}`",
                    el.start.name().as_ref()
                );
                self.sink.error_at(&el.pos, message);
                Err(Fatal)
            }
        }
    }

    fn wrong_namespace(&mut self, el: &Element, ns: Ns, expected: &str) {
        let mut message = format!(
            "`{}` must be in the namespace `{expected}`, but it is in {}",
            el.start.name().as_ref(),
            ns.describe()
        );
        if matches!(ns, Ns::Other(uri) if uri.starts_with(LEGACY_NS_PREFIX)) {
            message.push_str(" (an OData V1-V3 namespace; only CSDL 4.0 and 4.01 are supported)");
        }
        self.sink.error_at(&el.pos, message);
    }

    fn child(&mut self, el: &Element, ns: Ns) -> Frame {
        let Some(parent) = self.stack.last() else {
            return Frame::Skip;
        };
        if matches!(parent, Frame::Skip) {
            return Frame::Skip;
        }
        match ns {
            Ns::Edm | Ns::Edmx => {}
            Ns::Other(_) | Ns::Unbound
                if el.name == "Schema" && matches!(parent, Frame::DataServices) =>
            {
                self.wrong_namespace(el, ns, EDM_NS);
                return Frame::Skip;
            }
            // Vendor extensions: ignored without a word, as CSDL asks.
            Ns::Other(_) => return Frame::Skip,
            Ns::Unbound => {
                let message = format!(
                    "element `{}` is in no namespace, so it is not CSDL; skipped",
                    el.name
                );
                self.sink.warning_at(&el.pos, message);
                return Frame::Skip;
            }
            Ns::UndeclaredPrefix => {
                let message = format!(
                    "the prefix of `{}` is not declared by any `xmlns`",
                    el.start.name().as_ref()
                );
                self.sink.error_at(&el.pos, message);
                return Frame::Skip;
            }
        }
        match child_frame(parent, el, ns, &mut self.sink) {
            Some(frame) => frame,
            None => {
                let message = format!(
                    "unexpected element `{}` inside `{}`; skipped",
                    el.start.name().as_ref(),
                    parent.name()
                );
                self.sink.warning_at(&el.pos, message);
                Frame::Skip
            }
        }
    }

    /// An end tag (or the end of an empty-element tag).
    pub(super) fn close(&mut self) {
        // quick-xml rejects end tags without a start tag, so the document frame stays.
        if self.stack.len() <= 1 {
            return;
        }
        if let Some(frame) = self.stack.pop() {
            if self.unbound_schema == Some(self.stack.len()) {
                self.unbound_schema = None;
            }
            self.attach(frame);
        }
    }

    fn attach(&mut self, frame: Frame) {
        let Builder {
            stack,
            sink,
            document,
            ..
        } = self;
        let Some(parent) = stack.last_mut() else {
            return;
        };
        match frame {
            Frame::Edmx { pos, data_services } if data_services != 1 => {
                let message = format!(
                    "`edmx:Edmx` must contain exactly one `edmx:DataServices`, found {data_services}"
                );
                sink.error_at(&pos, message);
            }
            Frame::Reference(node) => document.references.push(node),
            Frame::Schema(node) => document.schemas.push(node),
            Frame::Annotation(node) => {
                // Where the AST has no slot (records, expressions, references…) it is dropped.
                if let Some(annotations) = parent.annotations_mut() {
                    annotations.push(node);
                }
            }
            Frame::Expression { pos, expression } => {
                attach_expression(parent, &pos, expression.finish(), sink);
            }
            frame => attach_element(parent, frame, sink),
        }
    }

    /// Character data: kept inside constant and path expression elements, ignored between
    /// elements, an error outside the root element. `normalize` gives the text with XML
    /// line-end normalization, computed only when the text is kept.
    pub(super) fn text<'a>(
        &mut self,
        raw: &str,
        normalize: impl FnOnce() -> Cow<'a, str>,
        offset: usize,
    ) {
        match self.stack.last_mut() {
            Some(Frame::Expression { expression, .. }) => {
                if let Some(text) = expression.text_mut() {
                    text.push_str(&normalize());
                }
            }
            Some(Frame::Document) if !raw.trim_matches(is_xml_whitespace).is_empty() => {
                self.sink.error(
                    offset,
                    "text outside the root element; this is not a CSDL XML document",
                );
            }
            _ => {}
        }
    }

    /// `&name;` or `&#…;` in text: only the five predefined entities and character references
    /// exist, because DTDs (which could declare more) are refused.
    pub(super) fn reference(&mut self, reference: &BytesRef, offset: usize) {
        let name: &str = reference;
        let mut buffer = [0; 4];
        let resolved = match reference.resolve_char_ref() {
            Ok(Some(c)) => Some(&*c.encode_utf8(&mut buffer)),
            Ok(None) => resolve_predefined_entity(name),
            Err(_) => {
                let message = format!("invalid character reference `&{name};`");
                self.sink.error(offset, message);
                return;
            }
        };
        let Some(resolved) = resolved else {
            self.sink.error(offset, unknown_entity(name));
            return;
        };
        if let Some(Frame::Expression { expression, .. }) = self.stack.last_mut() {
            if let Some(text) = expression.text_mut() {
                text.push_str(resolved);
            }
        }
    }

    /// The end of the input at byte `offset`: the document, unless the XML was incomplete.
    pub(super) fn finish(mut self, offset: usize) -> (Option<Document>, Diagnostics) {
        let unclosed = self
            .stack
            .last()
            .filter(|top| !matches!(top, Frame::Document));
        let complete = if let Some(open) = unclosed {
            let message = format!("unexpected end of input: `{}` is not closed", open.name());
            self.sink.error(offset, message);
            false
        } else if !self.has_root {
            let message = "no root element: expected `edmx:Edmx` or a CSDL `Schema`";
            self.sink.error(offset, message);
            false
        } else {
            true
        };
        let diagnostics = self.sink.into_diagnostics();
        (complete.then_some(self.document), diagnostics)
    }

    /// Gives up on the document after a fatal problem (already reported).
    pub(super) fn abandon(self) -> Diagnostics {
        self.sink.into_diagnostics()
    }
}

/// The frame for a CSDL child element of `parent`, or `None` when CSDL puts no such element
/// there.
fn child_frame(parent: &Frame, el: &Element, ns: Ns, sink: &mut Sink) -> Option<Frame> {
    let edm = ns == Ns::Edm;
    if edm && el.name == "Annotation" && parent.takes_annotations() {
        return Some(Frame::Annotation(elements::annotation(el, sink)));
    }
    if edm && parent.takes_expressions() {
        return Some(Frame::Expression {
            pos: el.pos.clone(),
            expression: PartialExpression::open(el, sink),
        });
    }
    let frame = match (parent, ns, el.name) {
        (Frame::Edmx { .. }, Ns::Edmx, "Reference") => {
            Frame::Reference(elements::reference(el, sink))
        }
        (Frame::Edmx { .. }, Ns::Edmx, "DataServices") => {
            elements::no_attributes(el, sink);
            Frame::DataServices
        }
        (Frame::Reference(_), Ns::Edmx, "Include") => Frame::Include(elements::include(el, sink)),
        (Frame::Reference(_), Ns::Edmx, "IncludeAnnotations") => {
            Frame::IncludeAnnotations(elements::include_annotations(el, sink))
        }
        (Frame::DataServices, Ns::Edm, "Schema") => Frame::Schema(elements::schema(el, sink)),
        (Frame::Schema(_), Ns::Edm, name) => schema_child(name, el, sink)?,
        (Frame::EntityType(_), Ns::Edm, "Key") => Frame::Key(elements::key(el, sink)),
        (Frame::EntityType(_) | Frame::ComplexType(_), Ns::Edm, "Property") => {
            Frame::Property(elements::property(el, sink))
        }
        (Frame::EntityType(_) | Frame::ComplexType(_), Ns::Edm, "NavigationProperty") => {
            Frame::NavigationProperty(elements::navigation_property(el, sink))
        }
        (Frame::Key(_), Ns::Edm, "PropertyRef") => {
            Frame::PropertyRef(elements::property_ref(el, sink))
        }
        (Frame::NavigationProperty(_), Ns::Edm, "OnDelete") => {
            Frame::OnDelete(elements::on_delete(el, sink))
        }
        (Frame::NavigationProperty(_), Ns::Edm, "ReferentialConstraint") => {
            Frame::ReferentialConstraint(elements::referential_constraint(el, sink))
        }
        (Frame::EnumType(_), Ns::Edm, "Member") => Frame::Member(elements::enum_member(el, sink)),
        (Frame::Operation(_), Ns::Edm, "Parameter") => {
            Frame::Parameter(elements::parameter(el, sink))
        }
        (Frame::Operation(_), Ns::Edm, "ReturnType") => {
            Frame::ReturnType(elements::return_type(el, sink))
        }
        (Frame::EntityContainer(_), Ns::Edm, name) => container_child(name, el, sink)?,
        (Frame::EntitySet(_) | Frame::Singleton(_), Ns::Edm, "NavigationPropertyBinding") => {
            Frame::NavigationPropertyBinding(elements::navigation_property_binding(el, sink))
        }
        (
            Frame::Expression {
                expression: PartialExpression::Record { .. },
                ..
            },
            Ns::Edm,
            "PropertyValue",
        ) => {
            let (property, value) = elements::property_value(el, sink);
            Frame::PropertyValue {
                pos: el.pos.clone(),
                property,
                value,
            }
        }
        _ => return None,
    };
    Some(frame)
}

fn schema_child(name: &str, el: &Element, sink: &mut Sink) -> Option<Frame> {
    Some(match name {
        "EntityType" => Frame::EntityType(elements::structured_type(el, TypeKind::Entity, sink)),
        "ComplexType" => Frame::ComplexType(elements::structured_type(el, TypeKind::Complex, sink)),
        "EnumType" => Frame::EnumType(elements::enum_type(el, sink)),
        "TypeDefinition" => Frame::TypeDefinition(elements::type_definition(el, sink)),
        "Action" => Frame::Operation(elements::operation(el, OperationKind::Action, sink)),
        "Function" => Frame::Operation(elements::operation(el, OperationKind::Function, sink)),
        "Term" => Frame::Term(elements::term(el, sink)),
        "EntityContainer" => Frame::EntityContainer(elements::entity_container(el, sink)),
        "Annotations" => Frame::Annotations(elements::annotation_group(el, sink)),
        _ => return None,
    })
}

fn container_child(name: &str, el: &Element, sink: &mut Sink) -> Option<Frame> {
    Some(match name {
        "EntitySet" => Frame::EntitySet(elements::entity_set(el, sink)),
        "Singleton" => Frame::Singleton(elements::singleton(el, sink)),
        "ActionImport" => {
            Frame::ActionImport(elements::operation_import(el, OperationKind::Action, sink))
        }
        "FunctionImport" => Frame::FunctionImport(elements::operation_import(
            el,
            OperationKind::Function,
            sink,
        )),
        _ => return None,
    })
}

/// Moves a closed CSDL element into its parent. `child_frame` opens elements only where they
/// belong, so the pairs not listed cannot occur (or, like `Skip`, have nothing to keep).
fn attach_element(parent: &mut Frame, frame: Frame, sink: &mut Sink) {
    match (parent, frame) {
        (Frame::Edmx { data_services, .. }, Frame::DataServices) => *data_services += 1,
        (Frame::Reference(parent), Frame::Include(node)) => parent.includes.push(node),
        (Frame::Reference(parent), Frame::IncludeAnnotations(node)) => {
            parent.include_annotations.push(node);
        }
        (Frame::Schema(schema), frame) => attach_to_schema(schema, frame),
        (Frame::EntityType(parent) | Frame::ComplexType(parent), frame) => {
            attach_to_type(parent, frame, sink);
        }
        (Frame::Key(parent), Frame::PropertyRef(node)) => parent.property_refs.push(node),
        (Frame::NavigationProperty(parent), Frame::OnDelete(node)) => {
            if parent.on_delete.is_some() {
                sink.error_at(
                    &node.pos,
                    "a navigation property has at most one `OnDelete`",
                );
            } else {
                parent.on_delete = Some(node);
            }
        }
        (Frame::NavigationProperty(parent), Frame::ReferentialConstraint(node)) => {
            parent.referential_constraints.push(node);
        }
        (Frame::EnumType(parent), Frame::Member(node)) => parent.members.push(node),
        (Frame::Operation(parent), Frame::Parameter(node)) => parent.parameters.push(node),
        (Frame::Operation(parent), Frame::ReturnType(node)) => {
            if parent.return_type.is_some() {
                sink.error_at(&node.pos, "an operation has at most one `ReturnType`");
            } else {
                parent.return_type = Some(node);
            }
        }
        (Frame::EntityContainer(container), frame) => attach_to_container(container, frame),
        (
            Frame::EntitySet(EntitySet {
                navigation_bindings,
                ..
            })
            | Frame::Singleton(Singleton {
                navigation_bindings,
                ..
            }),
            Frame::NavigationPropertyBinding(node),
        ) => navigation_bindings.push(node),
        (
            Frame::Expression {
                expression: PartialExpression::Record { properties, .. },
                ..
            },
            Frame::PropertyValue {
                pos,
                property,
                value,
            },
        ) => match value {
            Some(value) => properties.push(PropertyValue { property, value }),
            // Annotations change only documentation, and the record still reads without it.
            None => sink.deviation_at(
                &pos,
                Deviation::AnnotationValues,
                format!("`PropertyValue` `{property}` has no value; left out of its record"),
            ),
        },
        _ => {}
    }
}

fn attach_to_type(parent: &mut StructuredType, frame: Frame, sink: &mut Sink) {
    match frame {
        Frame::Key(node) => {
            if parent.key.is_some() {
                sink.error_at(&node.pos, "an entity type has at most one `Key`");
            } else if node.property_refs.is_empty() {
                // Found by fuzzing: an empty key reached emission and panicked there.
                sink.error_at(
                    &node.pos,
                    "`Key` has no `PropertyRef`: a key names at least one property",
                );
            } else {
                parent.key = Some(node);
            }
        }
        Frame::Property(node) => parent.properties.push(node),
        Frame::NavigationProperty(node) => parent.navigation_properties.push(node),
        _ => {}
    }
}

fn attach_to_schema(schema: &mut Schema, frame: Frame) {
    match frame {
        Frame::EntityType(node) => schema.entity_types.push(node),
        Frame::ComplexType(node) => schema.complex_types.push(node),
        Frame::EnumType(node) => schema.enum_types.push(node),
        Frame::TypeDefinition(node) => schema.type_definitions.push(node),
        Frame::Operation(node) => match node.kind {
            OperationKind::Action => schema.actions.push(node),
            OperationKind::Function => schema.functions.push(node),
        },
        Frame::Term(node) => schema.terms.push(node),
        Frame::EntityContainer(node) => schema.entity_containers.push(node),
        // Without a `Target` (a deviation, reported when it was read) it annotates nothing.
        Frame::Annotations(node) if !node.target.is_empty() => schema.annotation_groups.push(node),
        _ => {}
    }
}

fn attach_to_container(container: &mut EntityContainer, frame: Frame) {
    match frame {
        Frame::EntitySet(node) => container.entity_sets.push(node),
        Frame::Singleton(node) => container.singletons.push(node),
        Frame::ActionImport(node) => container.action_imports.push(node),
        Frame::FunctionImport(node) => container.function_imports.push(node),
        _ => {}
    }
}

/// Stores a closed expression element in its parent: the single value of an annotation or a
/// property value, or one more item of a collection or dynamic expression.
fn attach_expression(parent: &mut Frame, pos: &Pos, expression: Expression, sink: &mut Sink) {
    let (owner, slot) = match parent {
        Frame::Annotation(node) => ("Annotation", &mut node.value),
        Frame::PropertyValue { value, .. } => ("PropertyValue", value),
        Frame::Expression {
            expression: partial,
            ..
        } => {
            if let Some(children) = partial.children_mut() {
                children.push(expression);
            }
            return;
        }
        _ => return,
    };
    if slot.is_some() {
        sink.deviation_at(pos, Deviation::AnnotationValues, more_than_one_value(owner));
    } else {
        *slot = Some(expression);
    }
}
