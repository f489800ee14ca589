//! What the query options `$select`, `$expand`, `$orderby` and `$filter` take, typed by what a
//! request answers: the property constants of its type ([`Queryable`]), alone, in tuples (as
//! diesel takes columns), arrays or `Vec`s, and [`Expand`] with nested options. Text is accepted
//! too, as given, for what the typed forms do not cover.

use std::borrow::Cow;
use std::marker::PhantomData;

use super::query::{Expandable, Expr, NavigationPath, PathKind, Queryable};

/// What `select` takes for a request whose response is `R`: property paths of
/// `R`'s [`Queryable::Structure`] (`(User::ID, User::DISPLAY_NAME)`), or text as given
/// (`"id,displayName"`, `&["id", "displayName"]`).
pub trait SelectList<R> {
    /// Appends the items, each as OData writes it.
    fn push_items(&self, items: &mut Vec<String>);
}

/// What `expand` takes for a request whose response is `R`: navigation properties of `R`'s
/// structure (`User::MANAGER`), [`Expand`]s with nested options
/// (`User::DIRECT_REPORTS.select(User::ID)`), or text as given.
pub trait ExpandList<R> {
    /// Appends the items, each as OData writes it.
    fn push_items(&self, items: &mut Vec<String>);
}

/// What `order_by` takes for a request whose response is `R`: expressions over `R`'s structure
/// (ascending), [`OrderItem`]s (`User::DISPLAY_NAME.desc()`), or text as given (`"name desc"`).
pub trait OrderList<R> {
    /// Appends the items, each as OData writes it.
    fn push_items(&self, items: &mut Vec<String>);
}

/// What `filter` takes for a request whose response is `R`: a Boolean expression over `R`'s
/// structure, or text as given.
pub trait FilterArg<R> {
    /// The expression as OData writes it.
    fn filter_text(&self) -> String;
}

/// An `$orderby` item: an expression and its direction.
pub struct OrderItem<O> {
    text: String,
    marker: PhantomData<fn() -> O>,
}

impl<O, V, K> Expr<O, V, K> {
    /// Ascending order by this expression (`… asc`).
    pub fn asc(&self) -> OrderItem<O> {
        OrderItem {
            text: format!("{} asc", self.as_str()),
            marker: PhantomData,
        }
    }

    /// Descending order by this expression (`… desc`).
    pub fn desc(&self) -> OrderItem<O> {
        OrderItem {
            text: format!("{} desc", self.as_str()),
            marker: PhantomData,
        }
    }
}

impl<R: Queryable<Structure = O>, O, V, K: PathKind> SelectList<R> for Expr<O, V, K> {
    fn push_items(&self, items: &mut Vec<String>) {
        items.push(self.as_str().to_owned());
    }
}

impl<R: Queryable<Structure = O>, O, V: Expandable> ExpandList<R> for Expr<O, V, NavigationPath> {
    fn push_items(&self, items: &mut Vec<String>) {
        items.push(self.as_str().to_owned());
    }
}

impl<R: Queryable<Structure = O>, O, T> ExpandList<R> for Expand<O, T> {
    fn push_items(&self, items: &mut Vec<String>) {
        items.push(self.to_text());
    }
}

impl<R: Queryable<Structure = O>, O, V, K> OrderList<R> for Expr<O, V, K> {
    fn push_items(&self, items: &mut Vec<String>) {
        items.push(self.as_str().to_owned());
    }
}

impl<R: Queryable<Structure = O>, O> OrderList<R> for OrderItem<O> {
    fn push_items(&self, items: &mut Vec<String>) {
        items.push(self.text.clone());
    }
}

impl<R: Queryable<Structure = O>, O, K> FilterArg<R> for Expr<O, bool, K> {
    fn filter_text(&self) -> String {
        self.as_str().to_owned()
    }
}

impl<R> FilterArg<R> for str {
    fn filter_text(&self) -> String {
        self.to_owned()
    }
}

impl<R> FilterArg<R> for String {
    fn filter_text(&self) -> String {
        self.clone()
    }
}

impl<R, T: FilterArg<R> + ?Sized> FilterArg<R> for &T {
    fn filter_text(&self) -> String {
        (**self).filter_text()
    }
}

/// The impls every list trait has: text as given (`str`, `String`), references, slices,
/// arrays, `Vec`s and tuples of items.
macro_rules! list_impls {
    ($list:ident) => {
        impl<R> $list<R> for str {
            fn push_items(&self, items: &mut Vec<String>) {
                items.push(self.to_owned());
            }
        }
        impl<R> $list<R> for String {
            fn push_items(&self, items: &mut Vec<String>) {
                items.push(self.clone());
            }
        }
        impl<R, T: $list<R> + ?Sized> $list<R> for &T {
            fn push_items(&self, items: &mut Vec<String>) {
                (**self).push_items(items);
            }
        }
        impl<R, T: $list<R>> $list<R> for [T] {
            fn push_items(&self, items: &mut Vec<String>) {
                for item in self {
                    item.push_items(items);
                }
            }
        }
        impl<R, T: $list<R>, const N: usize> $list<R> for [T; N] {
            fn push_items(&self, items: &mut Vec<String>) {
                self.as_slice().push_items(items);
            }
        }
        impl<R, T: $list<R>> $list<R> for Vec<T> {
            fn push_items(&self, items: &mut Vec<String>) {
                self.as_slice().push_items(items);
            }
        }
        list_impls!(@tuples $list; A B C D E F G H I J K L);
    };
    (@tuples $list:ident; $first:ident $($rest:ident)*) => {
        impl<R, $first: $list<R>, $($rest: $list<R>),*> $list<R> for ($first, $($rest,)*) {
            #[allow(non_snake_case)]
            fn push_items(&self, items: &mut Vec<String>) {
                let ($first, $($rest,)*) = self;
                $first.push_items(items);
                $( $rest.push_items(items); )*
            }
        }
        list_impls!(@tuples $list; $($rest)*);
    };
    (@tuples $list:ident;) => {};
}

list_impls!(SelectList);
list_impls!(ExpandList);
list_impls!(OrderList);

/// A navigation property of `O` to expand, with options that apply to its entities (of the
/// generated type `T`): `$select`, `$expand`, `$filter`, `$orderby`, `$top`, `$skip`,
/// `$count`, `$search`, `$levels`. Start one from a navigation constant:
/// `DeviceConfiguration::ASSIGNMENTS.select((Assignment::ID, Assignment::TARGET))` is
/// `assignments($select=id,target)`.
pub struct Expand<O, T> {
    path: Cow<'static, str>,
    /// Name and value of each option, in the order first set.
    options: Vec<(&'static str, String)>,
    marker: PhantomData<fn() -> (O, T)>,
}

impl<O, T> Expand<O, T> {
    fn option(mut self, name: &'static str, value: String) -> Self {
        match self.options.iter_mut().find(|(key, _)| *key == name) {
            Some((_, existing)) => *existing = value,
            None => self.options.push((name, value)),
        }
        self
    }

    /// Nested `$select` (replacing an earlier one).
    pub fn select(self, properties: impl SelectList<T>) -> Self {
        self.option("$select", joined(&properties, SelectList::push_items))
    }

    /// Nested `$expand`.
    pub fn expand(self, items: impl ExpandList<T>) -> Self {
        self.option("$expand", joined(&items, ExpandList::push_items))
    }

    /// Nested `$filter`.
    pub fn filter(self, condition: impl FilterArg<T>) -> Self {
        self.option("$filter", condition.filter_text())
    }

    /// Nested `$orderby`.
    pub fn order_by(self, items: impl OrderList<T>) -> Self {
        self.option("$orderby", joined(&items, OrderList::push_items))
    }

    /// Nested `$top`.
    pub fn top(self, count: u64) -> Self {
        self.option("$top", count.to_string())
    }

    /// Nested `$skip`.
    pub fn skip(self, count: u64) -> Self {
        self.option("$skip", count.to_string())
    }

    /// Nested `$count=true`.
    pub fn with_count(self) -> Self {
        self.option("$count", "true".to_owned())
    }

    /// Nested `$search`.
    pub fn search(self, expression: &str) -> Self {
        self.option("$search", expression.to_owned())
    }

    /// `$levels`: expand this (recursive) navigation property that many levels deep.
    pub fn levels(self, levels: u32) -> Self {
        self.option("$levels", levels.to_string())
    }

    /// `$levels=max`.
    pub fn all_levels(self) -> Self {
        self.option("$levels", "max".to_owned())
    }

    /// The item as OData writes it: `path(option;option)`.
    pub fn to_text(&self) -> String {
        if self.options.is_empty() {
            return self.path.to_string();
        }
        let options: Vec<String> = self
            .options
            .iter()
            .map(|(name, value)| format!("{name}={value}"))
            .collect();
        format!("{}({})", self.path, options.join(";"))
    }
}

/// The items of a list, comma-separated.
fn joined<L: ?Sized>(list: &L, push: fn(&L, &mut Vec<String>)) -> String {
    let mut items = Vec::new();
    push(list, &mut items);
    items.join(",")
}

pub(super) fn select_text<R>(list: &(impl SelectList<R> + ?Sized)) -> String {
    joined(list, SelectList::push_items)
}

pub(super) fn expand_text<R>(list: &(impl ExpandList<R> + ?Sized)) -> String {
    joined(list, ExpandList::push_items)
}

pub(super) fn order_text<R>(list: &(impl OrderList<R> + ?Sized)) -> String {
    joined(list, OrderList::push_items)
}

/// The options of an expanded navigation property start from its constant.
impl<O, V: Expandable> Expr<O, V, NavigationPath> {
    fn expansion(&self) -> Expand<O, V::Structure> {
        Expand {
            path: Cow::Owned(self.as_str().to_owned()),
            options: Vec::new(),
            marker: PhantomData,
        }
    }

    /// Expands this navigation property with a nested `$select`.
    pub fn select(&self, properties: impl SelectList<V::Structure>) -> Expand<O, V::Structure> {
        self.expansion().select(properties)
    }

    /// Expands this navigation property with a nested `$expand`.
    pub fn expand(&self, items: impl ExpandList<V::Structure>) -> Expand<O, V::Structure> {
        self.expansion().expand(items)
    }

    /// Expands this navigation property with a nested `$filter`.
    pub fn filter(&self, condition: impl FilterArg<V::Structure>) -> Expand<O, V::Structure> {
        self.expansion().filter(condition)
    }

    /// Expands this navigation property with a nested `$orderby`.
    pub fn order_by(&self, items: impl OrderList<V::Structure>) -> Expand<O, V::Structure> {
        self.expansion().order_by(items)
    }

    /// Expands this navigation property with a nested `$top`.
    pub fn top(&self, count: u64) -> Expand<O, V::Structure> {
        self.expansion().top(count)
    }

    /// Expands this navigation property with a nested `$skip`.
    pub fn skip(&self, count: u64) -> Expand<O, V::Structure> {
        self.expansion().skip(count)
    }

    /// Expands this navigation property with a nested `$count=true`.
    pub fn with_count(&self) -> Expand<O, V::Structure> {
        self.expansion().with_count()
    }

    /// Expands this navigation property with a nested `$search`.
    pub fn search(&self, expression: &str) -> Expand<O, V::Structure> {
        self.expansion().search(expression)
    }

    /// Expands this navigation property `levels` deep.
    pub fn levels(&self, levels: u32) -> Expand<O, V::Structure> {
        self.expansion().levels(levels)
    }
}

// Hand-written: deriving would require the marker types to implement the traits.
impl<O, T> Clone for Expand<O, T> {
    fn clone(&self) -> Self {
        Expand {
            path: self.path.clone(),
            options: self.options.clone(),
            marker: PhantomData,
        }
    }
}

impl<O, T> std::fmt::Debug for Expand<O, T> {
    fn fmt(&self, formatter: &mut std::fmt::Formatter) -> std::fmt::Result {
        formatter
            .debug_tuple("Expand")
            .field(&self.to_text())
            .finish()
    }
}

impl<O> Clone for OrderItem<O> {
    fn clone(&self) -> Self {
        OrderItem {
            text: self.text.clone(),
            marker: PhantomData,
        }
    }
}

impl<O> std::fmt::Debug for OrderItem<O> {
    fn fmt(&self, formatter: &mut std::fmt::Formatter) -> std::fmt::Result {
        formatter
            .debug_tuple("OrderItem")
            .field(&self.text)
            .finish()
    }
}
