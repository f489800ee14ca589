//! [`Expr`]: typed OData expressions over the properties of a generated type, the building block
//! of typed `$select`, `$expand`, `$orderby` and `$filter`.
//!
//! Every generated entity and complex type has an associated constant per property, e.g.
//! `DeviceConfigurationAssignment::TARGET: Property<DeviceConfigurationAssignment,
//! AnyDeviceAndAppManagementAssignmentTarget>`: its wire name, the type it belongs to (so a
//! property of another type is a compile error where a request of this type is queried) and the
//! type of its value (so a comparison with a value of another type is one too). Constants cost
//! the generated crate little to compile (no functions, no trait impls); everything else is
//! generic code here.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use super::collection::Collection;
use super::model::Structured;

/// How tightly an expression binds, after OData's operator precedence (URL conventions,
/// "Operator Precedence"): an operand that binds less tightly than its operator is put in
/// parentheses. Higher binds tighter.
pub(super) type Precedence = u8;

/// Text given verbatim ([`Expr::raw`]): always parenthesized when combined, since nothing is
/// known about it.
pub(super) const RAW: Precedence = 0;
pub(super) const OR: Precedence = 1;
pub(super) const AND: Precedence = 2;
/// The results of `has` and `in`. OData 4.01 binds them as tightly as paths, but parsers
/// differ; written as binding less tightly than `eq`, they are parenthesized wherever they are
/// an operand of anything but `and`, `or`, so every parser reads them alike.
pub(super) const MEMBERSHIP: Precedence = 3;
/// `eq`, `ne`.
pub(super) const EQUALITY: Precedence = 4;
/// `lt`, `le`, `gt`, `ge`.
pub(super) const RELATIONAL: Precedence = 5;
pub(super) const ADDITIVE: Precedence = 6;
pub(super) const MULTIPLICATIVE: Precedence = 7;
/// `not`, `-`.
pub(super) const UNARY: Precedence = 8;
/// Paths, literals, function calls, lambdas, parenthesized expressions.
pub(super) const PRIMARY: Precedence = 9;

/// An expression of OData's URL syntax over the properties of `O` whose value is of type `V`:
/// a property path ([`Property`], [`Navigation`]), a comparison ([`Filter`]), an arithmetic or
/// string function of them, or raw text.
///
/// `K` says what the expression is: a path to a structural property ([`PropertyPath`]), a path
/// to a navigation property ([`NavigationPath`]; these can be expanded), or anything else
/// ([`Computed`]). `$select` takes paths, `$expand` navigation paths, `$orderby` any
/// expression and `$filter` any Boolean one.
///
/// [`Display`](fmt::Display) gives the expression as OData writes it, before percent-encoding.
pub struct Expr<O, V, K = Computed> {
    text: Cow<'static, str>,
    precedence: Precedence,
    // `fn() -> …`: the expression holds no value of these types, so it is `Send`, `Sync` and
    // covariant whatever they are.
    #[allow(clippy::type_complexity)]
    marker: PhantomData<fn() -> (O, V, K)>,
}

/// A structural property of `O` (or a path through complex properties to one) whose value is
/// of type `V`. Generated types have one constant per property, e.g. `User::DISPLAY_NAME`.
pub type Property<O, V> = Expr<O, V, PropertyPath>;

/// A navigation property of `O` whose value is `V` (an entity, or a `Vec` of them). Generated
/// entity types have one constant per navigation property, e.g. `User::MANAGER`.
pub type Navigation<O, V> = Expr<O, V, NavigationPath>;

/// A Boolean expression over the properties of `O`: what `$filter` takes.
pub type Filter<O> = Expr<O, bool>;

/// The kind of an [`Expr`] that is no property path: `$orderby` and `$filter` take it,
/// `$select` and `$expand` do not.
#[derive(Debug)]
pub enum Computed {}

/// The kind of an [`Expr`] that is the path of a structural property.
#[derive(Debug)]
pub enum PropertyPath {}

/// The kind of an [`Expr`] that is the path of a navigation property.
#[derive(Debug)]
pub enum NavigationPath {}

mod sealed {
    pub trait Sealed {}
    impl Sealed for super::PropertyPath {}
    impl Sealed for super::NavigationPath {}
}

/// [`PropertyPath`] or [`NavigationPath`]: the kinds of expressions that are paths.
pub trait PathKind: sealed::Sealed {}
impl PathKind for PropertyPath {}
impl PathKind for NavigationPath {}

/// A value with properties that can be queried: a generated entity or complex type, its
/// polymorphic `Any…` enum (the properties of the declared type), or a [`Collection`] of
/// either. `Structure` is the generated struct whose constants name the properties, so a request
/// whose response is `Collection<AnyDeviceConfiguration>` takes the constants of
/// `DeviceConfiguration`.
pub trait Queryable {
    /// The generated struct whose property constants apply.
    type Structure;
}

impl<T: Structured> Queryable for T {
    type Structure = T;
}

impl<T: Queryable> Queryable for Collection<T> {
    type Structure = T::Structure;
}

/// The value of a navigation property, single or a `Vec`: what `$expand` options apply to.
pub trait Expandable {
    /// The generated struct whose property constants the expand's options take.
    type Structure;
}

impl<T: Queryable> Expandable for T {
    type Structure = T::Structure;
}

impl<T: Queryable> Expandable for Vec<T> {
    type Structure = T::Structure;
}

impl<O, V, K> Expr<O, V, K> {
    pub(super) fn with_precedence(
        text: impl Into<Cow<'static, str>>,
        precedence: Precedence,
    ) -> Self {
        Expr {
            text: text.into(),
            precedence,
            marker: PhantomData,
        }
    }

    /// The same expression seen as another kind or value type (operands, results).
    pub(super) fn retype<V2, K2>(&self) -> Expr<O, V2, K2> {
        Expr::with_precedence(self.text.clone(), self.precedence)
    }

    /// The expression as OData writes it, before percent-encoding.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The text, in parentheses unless it binds at least as tightly as `precedence`.
    pub(super) fn operand_text(&self, precedence: Precedence) -> Cow<'_, str> {
        if self.precedence >= precedence {
            Cow::Borrowed(&self.text)
        } else {
            Cow::Owned(format!("({})", self.text))
        }
    }
}

impl<O, V> Expr<O, V> {
    /// Text written as given (still percent-encoded in URLs), for what the typed builders do
    /// not cover, e.g. `Filter::raw("geo.distance(location,geography'POINT(0 0)') lt 10")`. It
    /// is put in parentheses when combined with other expressions.
    pub fn raw(text: impl Into<String>) -> Self {
        Expr::with_precedence(text.into(), RAW)
    }
}

/// The property (or navigation property) of `O` with this wire name: what each generated
/// constant calls. [`Property::new`] without its `K: PathKind` bound, which would cost every
/// one of the thousands of constants of a generated crate a trait obligation to prove while
/// the crate compiles: 2 % of the instructions of a crate's build (`bench/ANALYSIS.md`).
#[doc(hidden)]
pub const fn __path<O, V, K>(name: &'static str) -> Expr<O, V, K> {
    Expr {
        text: Cow::Borrowed(name),
        precedence: PRIMARY,
        marker: PhantomData,
    }
}

impl<O, V, K: PathKind> Expr<O, V, K> {
    /// The property of `O` with this wire name. Generated constants call this; a name that is
    /// no property of `O` is an error of the server's, not the compiler's.
    pub const fn new(name: &'static str) -> Self {
        Expr {
            text: Cow::Borrowed(name),
            precedence: PRIMARY,
            marker: PhantomData,
        }
    }

    /// A property of this complex (or single-valued navigation) property's value:
    /// `User::ADDRESS.then(Address::CITY)` is `address/city`.
    pub fn then<W, K2: PathKind>(&self, next: Expr<V::Structure, W, K2>) -> Expr<O, W, K2>
    where
        V: Queryable,
    {
        Expr::with_precedence(format!("{}/{}", self.text, next.text), PRIMARY)
    }

    /// This property's value seen as the derived type `D` (a type-cast segment):
    /// `Assignment::TARGET.cast::<GroupAssignmentTarget>().then(GroupAssignmentTarget::GROUP_ID)`
    /// is `target/microsoft.graph.groupAssignmentTarget/groupId`.
    pub fn cast<D: Structured>(&self) -> Expr<O, D, K>
    where
        V: Queryable,
    {
        Expr::with_precedence(format!("{}/{}", self.text, D::TYPE_NAME), PRIMARY)
    }

    /// This property of `O`, a type derived from `B`, as seen from `B` (a type-cast segment
    /// first): `Windows10GeneralConfiguration::PASSWORD_REQUIRED.for_base::<DeviceConfiguration>()`
    /// is `microsoft.graph.windows10GeneralConfiguration/passwordRequired`, which a query of
    /// device configurations can select, order by or filter on.
    pub fn for_base<B>(&self) -> Expr<B, V, K>
    where
        O: Structured,
    {
        Expr::with_precedence(format!("{}/{}", O::TYPE_NAME, self.text), PRIMARY)
    }
}

/// `$it`: the instance a `$filter` or `$orderby` is evaluated on, e.g. for
/// `it::<DirectoryObject>().is_of::<User>()` (`isof(microsoft.graph.user)`), or to name the
/// outer instance inside a lambda.
pub fn it<O>() -> Expr<O, O> {
    Expr::with_precedence("$it", PRIMARY)
}

// Hand-written: deriving would require `O: Clone`, `V: Clone`, `K: Clone` of the markers.
impl<O, V, K> Clone for Expr<O, V, K> {
    fn clone(&self) -> Self {
        self.retype()
    }
}

impl<O, V, K> fmt::Debug for Expr<O, V, K> {
    fn fmt(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.debug_tuple("Expr").field(&self.text).finish()
    }
}

impl<O, V, K> fmt::Display for Expr<O, V, K> {
    fn fmt(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str(&self.text)
    }
}

impl<O, V, K> PartialEq for Expr<O, V, K> {
    fn eq(&self, other: &Self) -> bool {
        self.text == other.text
    }
}
