//! The operators and functions of typed `$filter` expressions: comparisons, `in`, `has`,
//! `and`/`or`/`not`, string functions, arithmetic, type tests, and `any`/`all` over collections.
//!
//! Values are written as literals of the Edm type of what they are compared with, by
//! [`Literal`]: `'it''s'`, `2024-01-31T10:00:00Z`, `microsoft.graph.weekday'monday'`.
//! Operands that bind less tightly than an operator are put in parentheses, so that
//! `a.eq(1).and(b.eq(2).or(c.eq(3)))` is `a eq 1 and (b eq 2 or c eq 3)`.

use std::cell::Cell;

use super::decimal::Decimal;
use super::edm::{Date, DateTimeOffset, Duration, Guid, TimeOfDay};
use super::flags::Flags;
use super::literal::{Literal, ToLiteral};
use super::model::{EnumType, Structured};
use super::number::{Double, Int64, Single};
use super::query::{
    Expr, Filter, PathKind, Precedence, Property, ADDITIVE, AND, EQUALITY, MEMBERSHIP,
    MULTIPLICATIVE, OR, PRIMARY, RELATIONAL, UNARY,
};

/// A value that can stand as a literal of the Edm type `V`: a value of `V` itself, or of a type
/// that converts to it (`&str` for `String`, `i64` for [`Int64`], a chrono date-time for
/// [`DateTimeOffset`], ...).
pub trait IntoLiteral<V> {
    /// The literal, written as values of `V` are.
    fn into_literal(self) -> Literal;
}

/// What a comparison or arithmetic operator takes on its right: another expression of the same
/// value type (`A::CREATED.lt(A::MODIFIED)`), or a value ([`IntoLiteral`]).
pub trait Operand<O, V> {
    /// The operand as an expression.
    fn into_operand(self) -> Expr<O, V>;
}

impl<O, V, K> Operand<O, V> for Expr<O, V, K> {
    fn into_operand(self) -> Expr<O, V> {
        self.retype()
    }
}

impl<O, V, K> Operand<O, V> for &Expr<O, V, K> {
    fn into_operand(self) -> Expr<O, V> {
        self.retype()
    }
}

fn literal_expr<O, V>(literal: Literal) -> Expr<O, V> {
    Expr::with_precedence(literal.to_string(), PRIMARY)
}

impl<V: ToLiteral> IntoLiteral<V> for V {
    fn into_literal(self) -> Literal {
        self.to_literal()
    }
}

impl<V: ToLiteral> IntoLiteral<V> for &V {
    fn into_literal(self) -> Literal {
        self.to_literal()
    }
}

impl<O, V: ToLiteral> Operand<O, V> for V {
    fn into_operand(self) -> Expr<O, V> {
        literal_expr(self.to_literal())
    }
}

impl<O, V: ToLiteral> Operand<O, V> for &V {
    fn into_operand(self) -> Expr<O, V> {
        literal_expr(self.to_literal())
    }
}

/// A single member where a flags value is expected (`has`, `eq`).
impl<E: EnumType> IntoLiteral<Flags<E>> for E {
    fn into_literal(self) -> Literal {
        Literal::enum_value(&self)
    }
}

impl<O, E: EnumType> Operand<O, Flags<E>> for E {
    fn into_operand(self) -> Expr<O, Flags<E>> {
        literal_expr(Literal::enum_value(&self))
    }
}

/// Conversions from the Rust types people have at hand to the runtime's Edm types: each is an
/// [`IntoLiteral`] and an [`Operand`]. (A blanket impl over `IntoLiteral` would overlap with
/// the impls for expressions, as far as coherence can tell.)
macro_rules! converted_literals {
    ($($from:ty => $edm:ty, |$value:ident| $literal:expr;)*) => {$(
        impl IntoLiteral<$edm> for $from {
            fn into_literal(self) -> Literal {
                let $value = self;
                $literal
            }
        }
        impl<O> Operand<O, $edm> for $from {
            fn into_operand(self) -> Expr<O, $edm> {
                literal_expr(IntoLiteral::<$edm>::into_literal(self))
            }
        }
    )*};
}

converted_literals! {
    &str => String, |value| Literal::string(value);
    i64 => Int64, |value| Literal::integer(value);
    f64 => Double, |value| Literal::double(value);
    f32 => Single, |value| Literal::double(f64::from(value));
    i64 => Decimal, |value| Literal::integer(value);
    uuid::Uuid => Guid, |value| Literal::guid(&Guid::from(value));
    chrono::NaiveDate => Date, |value| Literal::date(&Date::from(value));
    chrono::NaiveTime => TimeOfDay, |value| Literal::time_of_day(&TimeOfDay::from(value));
    chrono::DateTime<chrono::Utc> => DateTimeOffset, |value| {
        Literal::date_time_offset(&DateTimeOffset::from(value))
    };
    chrono::DateTime<chrono::FixedOffset> => DateTimeOffset, |value| {
        Literal::date_time_offset(&DateTimeOffset::from(value))
    };
    std::time::Duration => Duration, |value| Literal::duration(&Duration::from(value));
}

/// Value types that OData's arithmetic operators apply to.
pub trait Numeric {}

macro_rules! numeric {
    ($($ty:ty),*) => {$( impl Numeric for $ty {} )*};
}
numeric!(u8, i8, i16, i32, i64, f32, f64, Int64, Double, Single, Decimal);

/// `left op right`, each side in parentheses where it binds less tightly than the operator. The
/// right side of an operator that is not associative is put in parentheses at equal precedence
/// too (`a sub (b sub c)`).
fn binary<O, V, W, X, K, K2>(
    left: &Expr<O, V, K>,
    operator: &str,
    right: &Expr<O, W, K2>,
    precedence: Precedence,
    associative: bool,
) -> Expr<O, X> {
    let right_needs = if associative {
        precedence
    } else {
        precedence + 1
    };
    Expr::with_precedence(
        format!(
            "{} {operator} {}",
            left.operand_text(precedence),
            right.operand_text(right_needs)
        ),
        precedence,
    )
}

/// `name(argument,…)`: a function call, which binds as tightly as a path.
fn call<O, X>(name: &str, arguments: &[&str]) -> Expr<O, X> {
    Expr::with_precedence(format!("{name}({})", arguments.join(",")), PRIMARY)
}

impl<O, V, K> Expr<O, V, K> {
    fn compare(
        &self,
        operator: &str,
        other: impl Operand<O, V>,
        precedence: Precedence,
    ) -> Filter<O> {
        binary(self, operator, &other.into_operand(), precedence, false)
    }

    /// `eq`: equal to a value or another expression of the same type.
    pub fn eq(&self, other: impl Operand<O, V>) -> Filter<O> {
        self.compare("eq", other, EQUALITY)
    }

    /// `ne`: not equal.
    pub fn ne(&self, other: impl Operand<O, V>) -> Filter<O> {
        self.compare("ne", other, EQUALITY)
    }

    /// `gt`: greater than.
    pub fn gt(&self, other: impl Operand<O, V>) -> Filter<O> {
        self.compare("gt", other, RELATIONAL)
    }

    /// `ge`: greater than or equal.
    pub fn ge(&self, other: impl Operand<O, V>) -> Filter<O> {
        self.compare("ge", other, RELATIONAL)
    }

    /// `lt`: less than.
    pub fn lt(&self, other: impl Operand<O, V>) -> Filter<O> {
        self.compare("lt", other, RELATIONAL)
    }

    /// `le`: less than or equal.
    pub fn le(&self, other: impl Operand<O, V>) -> Filter<O> {
        self.compare("le", other, RELATIONAL)
    }

    /// `eq null`.
    pub fn is_null(&self) -> Filter<O> {
        binary(
            self,
            "eq",
            &Expr::<O, V>::with_precedence("null", PRIMARY),
            EQUALITY,
            false,
        )
    }

    /// `ne null`.
    pub fn is_not_null(&self) -> Filter<O> {
        binary(
            self,
            "ne",
            &Expr::<O, V>::with_precedence("null", PRIMARY),
            EQUALITY,
            false,
        )
    }

    /// `in (…)`: equal to one of the values, e.g. `A::ID.is_in(["a", "b"])` is
    /// `id in ('a','b')`.
    pub fn is_in<T: IntoLiteral<V>>(&self, values: impl IntoIterator<Item = T>) -> Filter<O> {
        let items: Vec<String> = values
            .into_iter()
            .map(|value| value.into_literal().to_string())
            .collect();
        Expr::with_precedence(
            format!("{} in ({})", self.operand_text(PRIMARY), items.join(",")),
            MEMBERSHIP,
        )
    }

    /// `isof(…, D)`: whether the value is of the type `D` (or one derived from it). On
    /// [`it`](super::it), whether the instance itself is: `isof(D)`.
    pub fn is_of<D: Structured>(&self) -> Filter<O> {
        if self.as_str() == "$it" {
            call("isof", &[D::TYPE_NAME])
        } else {
            call("isof", &[self.as_str(), D::TYPE_NAME])
        }
    }
}

impl<O, K> Expr<O, bool, K> {
    /// `and`: both are true.
    pub fn and<K2>(&self, other: Expr<O, bool, K2>) -> Filter<O> {
        binary(self, "and", &other, AND, true)
    }

    /// `or`: either is true.
    pub fn or<K2>(&self, other: Expr<O, bool, K2>) -> Filter<O> {
        binary(self, "or", &other, OR, true)
    }

    /// `not`: it is false.
    #[allow(clippy::should_implement_trait)] // an expression, not a negated bool
    pub fn not(&self) -> Filter<O> {
        Expr::with_precedence(format!("not {}", self.operand_text(UNARY)), UNARY)
    }
}

impl<O, K> Expr<O, String, K> {
    fn string_test(&self, function: &str, other: impl Operand<O, String>) -> Filter<O> {
        call(function, &[self.as_str(), other.into_operand().as_str()])
    }

    /// `contains(…, …)`: the text contains `other`.
    pub fn contains(&self, other: impl Operand<O, String>) -> Filter<O> {
        self.string_test("contains", other)
    }

    /// `startswith(…, …)`: the text starts with `other`.
    pub fn starts_with(&self, other: impl Operand<O, String>) -> Filter<O> {
        self.string_test("startswith", other)
    }

    /// `endswith(…, …)`: the text ends with `other`.
    pub fn ends_with(&self, other: impl Operand<O, String>) -> Filter<O> {
        self.string_test("endswith", other)
    }

    /// `tolower(…)`.
    pub fn to_lower(&self) -> Expr<O, String> {
        call("tolower", &[self.as_str()])
    }

    /// `toupper(…)`.
    pub fn to_upper(&self) -> Expr<O, String> {
        call("toupper", &[self.as_str()])
    }

    /// `length(…)`: the number of characters.
    pub fn length(&self) -> Expr<O, i32> {
        call("length", &[self.as_str()])
    }
}

impl<O, V: Numeric, K> Expr<O, V, K> {
    fn arithmetic(
        &self,
        operator: &str,
        other: impl Operand<O, V>,
        precedence: Precedence,
        associative: bool,
    ) -> Expr<O, V> {
        binary(
            self,
            operator,
            &other.into_operand(),
            precedence,
            associative,
        )
    }

    /// `add`.
    #[allow(clippy::should_implement_trait)] // builds an expression; `+` would read as Rust's
    pub fn add(&self, other: impl Operand<O, V>) -> Expr<O, V> {
        self.arithmetic("add", other, ADDITIVE, true)
    }

    /// `sub`.
    #[allow(clippy::should_implement_trait)]
    pub fn sub(&self, other: impl Operand<O, V>) -> Expr<O, V> {
        self.arithmetic("sub", other, ADDITIVE, false)
    }

    /// `mul`.
    #[allow(clippy::should_implement_trait)]
    pub fn mul(&self, other: impl Operand<O, V>) -> Expr<O, V> {
        self.arithmetic("mul", other, MULTIPLICATIVE, true)
    }

    /// `div` (integer division for integer types).
    #[allow(clippy::should_implement_trait)]
    pub fn div(&self, other: impl Operand<O, V>) -> Expr<O, V> {
        self.arithmetic("div", other, MULTIPLICATIVE, false)
    }

    /// `mod`: the remainder.
    pub fn modulo(&self, other: impl Operand<O, V>) -> Expr<O, V> {
        self.arithmetic("mod", other, MULTIPLICATIVE, false)
    }
}

impl<O, E: EnumType, K> Expr<O, Flags<E>, K> {
    /// `has`: the flags include `member`, e.g. `days has microsoft.graph.weekday'monday'`.
    pub fn has(&self, member: E) -> Filter<O> {
        Expr::with_precedence(
            format!(
                "{} has {}",
                self.operand_text(PRIMARY),
                Literal::enum_value(&member)
            ),
            MEMBERSHIP,
        )
    }
}

thread_local! {
    /// How many lambdas are being built on this thread, one inside the other: the variable of
    /// each is named after its depth, so an inner lambda never shadows an outer one's.
    static LAMBDA_DEPTH: Cell<usize> = const { Cell::new(0) };
}

/// Counts a lambda as being built until dropped (also when its closure panics).
struct LambdaScope;

impl LambdaScope {
    fn enter() -> (LambdaScope, String) {
        let depth = LAMBDA_DEPTH.with(|d| {
            let depth = d.get();
            d.set(depth + 1);
            depth
        });
        (LambdaScope, format!("x{depth}"))
    }
}

impl Drop for LambdaScope {
    fn drop(&mut self) {
        LAMBDA_DEPTH.with(|d| d.set(d.get().saturating_sub(1)));
    }
}

impl<O, T, K: PathKind> Expr<O, Vec<T>, K> {
    fn lambda<K2>(
        &self,
        operator: &str,
        predicate: impl FnOnce(Property<O, T>) -> Expr<O, bool, K2>,
    ) -> Filter<O> {
        let (_scope, variable) = LambdaScope::enter();
        let body = predicate(Expr::with_precedence(variable.clone(), PRIMARY));
        Expr::with_precedence(
            format!("{}/{operator}({variable}:{})", self.as_str(), body.as_str()),
            PRIMARY,
        )
    }

    /// `any`: some item satisfies the predicate, which gets the item as a lambda variable
    /// (named `x0`, `x1` inside that, …): `A::ASSIGNMENTS.any(|a| a.then(Assignment::ID).eq("1"))`
    /// is `assignments/any(x0:x0/id eq '1')`.
    pub fn any<K2>(
        &self,
        predicate: impl FnOnce(Property<O, T>) -> Expr<O, bool, K2>,
    ) -> Filter<O> {
        self.lambda("any", predicate)
    }

    /// `all`: every item satisfies the predicate (see [`any`](Self::any)).
    pub fn all<K2>(
        &self,
        predicate: impl FnOnce(Property<O, T>) -> Expr<O, bool, K2>,
    ) -> Filter<O> {
        self.lambda("all", predicate)
    }

    /// `any()`: the collection has at least one item.
    pub fn is_not_empty(&self) -> Filter<O> {
        Expr::with_precedence(format!("{}/any()", self.as_str()), PRIMARY)
    }

    /// `/$count`: the number of items.
    pub fn count(&self) -> Expr<O, Int64> {
        Expr::with_precedence(format!("{}/$count", self.as_str()), PRIMARY)
    }
}

#[cfg(test)]
mod tests {
    use super::super::query::{Property, PropertyPath};
    use super::*;

    /// A stand-in owner type: the runtime's expressions need no generated type to render.
    struct Owner;

    fn tags() -> Expr<Owner, Vec<String>, PropertyPath> {
        Property::new("tags")
    }

    #[test]
    fn lambda_variables_are_numbered_by_depth_and_freed_after_a_panic() {
        let nested = tags().any(|outer| tags().all(|inner| inner.eq(&outer).and(outer.ne("x"))));
        assert_eq!(
            nested.to_string(),
            "tags/any(x0:tags/all(x1:x1 eq x0 and x0 ne 'x'))"
        );
        let panicked = std::panic::catch_unwind(|| {
            tags().any(|_| -> Filter<Owner> { panic!("a predicate that fails") })
        });
        assert!(panicked.is_err());
        // The depth the panicking lambda took is given back.
        assert_eq!(
            tags().any(|t| t.eq("a")).to_string(),
            "tags/any(x0:x0 eq 'a')"
        );
    }

    #[test]
    fn raw_text_and_literals_in_lists() {
        let raw = Filter::<Owner>::raw("a or b");
        assert_eq!(raw.not().to_string(), "not (a or b)");
        assert_eq!(
            tags().is_not_empty().or(raw).to_string(),
            "tags/any() or (a or b)"
        );
        let size: Property<Owner, Int64> = Property::new("size");
        assert_eq!(size.is_in([1i64, -2]).to_string(), "size in (1,-2)");
        assert_eq!(tags().count().gt(2).to_string(), "tags/$count gt 2");
    }
}
