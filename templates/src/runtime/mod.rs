//! The runtime of a generated OData client crate: the wire rules of OData JSON, and typed
//! request building.
//!
//! Generated code is deliberately thin. For each structured type it lists the property names
//! and maps an index to a field ([`Structured`]); for each type with derived types, an enum of
//! the variants ([`Polymorphic`]); for each enum type, the member names ([`EnumType`]). One macro
//! call per type then implements `serde`'s traits by calling the generic functions here, which
//! are compiled only for the types a program actually uses.
//!
//! What the wire rules guarantee:
//! - nothing is lost: unknown properties, annotations, unknown enum members and unknown derived
//!   types are kept and written back;
//! - absent and `null` stay distinct ([`Nullable`]);
//! - invalid input is an error, never a panic; serde_json's nesting limit stays in force.
//!
//! Paths start at a [`ResourcePath`] root and continue through [`CollectionRef`] and
//! [`EntityRef`], whose generic methods produce [`Request`]s for any HTTP client to send;
//! [`ReferencesRef`]/[`ReferenceRef`] address entity references (`$ref`), [`StreamRef`] media
//! and stream properties, whose bodies are raw [`Bytes`] rather than JSON ([`BodyKind`]), and
//! [`PropertyRef`] single properties. Their query options are typed by the constants generated
//! for every property ([`Property`], [`Navigation`]): [`Filter`] expressions, [`Expand`] with
//! nested options, [`OrderItem`]s. A [`Batch`] sends many requests as one (JSON batch);
//! [`Request::from_link`] follows a next or delta link.

mod additional;
mod assign;
mod batch;
mod body;
mod collection;
mod debug;
mod decimal;
mod duration;
mod edm;
mod encode;
mod enums;
mod error;
mod filter;
mod flags;
mod link;
mod literal;
mod macros;
mod model;
mod nullable;
mod number;
mod object;
mod options;
mod path;
mod polymorphic;
mod primitive;
mod property;
mod query;
mod reference;
mod request;
mod resource;
mod stream;
mod text;
mod wire;

pub use additional::AdditionalProperties;
pub use assign::Assign;
pub use batch::{
    Batch, BatchError, BatchHandle, BatchItemError, BatchOptions, BatchRequest, BatchResponse,
    BatchResponses,
};
pub use body::{BodyKind, Bytes, RequestBody, ResponseBody, JSON_CONTENT_TYPE, OCTET_STREAM};
pub use collection::{Collection, NoContent, ValueResponse};
pub use debug::debug_json;
pub use decimal::{Decimal, ParseDecimalError};
pub use duration::{DurationParts, ParseDurationError};
pub use edm::{
    Base64Form, Binary, Date, DateTimeOffset, Duration, Guid, ParseEdmError, TimeOfDay, Untyped,
};
pub use enums::{deserialize_enum, serialize_enum};
pub use error::{ODataError, ODataErrorDetail};
pub use filter::{IntoLiteral, Numeric, Operand};
pub use flags::Flags;
pub use link::ForeignLink;
pub use literal::{Literal, ToLiteral};
pub use model::{
    keep, read, read_boxed, skip, write, Boxed, EnumKind, EnumType, Envelope, Model, ModelKind,
    Namespace, Polymorphic, PolymorphicKind, PropertyWriter, Read, Structured, StructuredKind,
};
pub use nullable::Nullable;
pub use number::{Double, Int64, Number, NumberValue, Single};
pub use object::{deserialize_structured, read_rest, serialize_structured};
pub use options::{Expand, ExpandList, FilterArg, OrderItem, OrderList, SelectList};
pub use path::{KeyStyle, ResourcePath, UrlConventions};
pub use polymorphic::{
    deserialize_polymorphic, serialize_polymorphic, variant_index, write_variant,
};
pub use property::PropertyRef;
pub use query::{
    __path, it, Computed, Expandable, Expr, Filter, Navigation, NavigationPath, PathKind, Property,
    PropertyPath, Queryable,
};
pub use reference::{EntityReference, ReferenceRef, ReferenceTarget, ReferencesRef};
pub use request::{Method, Request};
pub use resource::{CollectionRef, EntityRef, KeyValue, NoKey, Resource};
pub use stream::StreamRef;
pub use wire::{AsWire, Wire, WireSeed};

// Exported at the crate root (`#[macro_export]`); here too, so that `runtime::…!` names them
// where this module is included on its own (the throughput test).
#[allow(unused_imports)]
pub use crate::{enum_serde, mapped_type, polymorphic_serde, structured_serde};

/// `serde`, for the macros, which must not depend on how the invoking crate names it.
#[doc(hidden)]
pub use serde as __serde;
