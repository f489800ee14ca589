//! [`ResourcePath`]: the path part of a request URL, built segment by segment.

use std::fmt;

use super::encode::push_path_segment;
use super::literal::Literal;

/// How key values are written in URLs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum KeyStyle {
    /// `/users/42`: the key-as-segment convention (what Microsoft Graph documents). Composite
    /// keys, and values that would be taken for something else as a segment (empty, `.`, `..`,
    /// or starting with `$`), still use parentheses.
    Segment,
    /// `/users('42')`, `/items(a=1,b='x')`: the standard OData form.
    #[default]
    Parentheses,
}

/// URL conventions of the service, chosen when the crate is generated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct UrlConventions {
    /// How key values are written.
    pub key_style: KeyStyle,
    /// Whether bound actions and functions are written with their namespace
    /// (`/users/1/microsoft.graph.assign`, standard) or without (`/users/1/assign`, which
    /// Microsoft Graph accepts).
    pub qualified_operations: bool,
}

/// Standard OData: keys in parentheses, qualified operation names.
impl Default for UrlConventions {
    fn default() -> Self {
        UrlConventions {
            key_style: KeyStyle::Parentheses,
            qualified_operations: true,
        }
    }
}

/// A resource path relative to the service root, e.g. `/users/42/manager`, with every segment
/// percent-encoded, and the URL conventions to continue it with.
///
/// A function call in the path may pass values as parameter aliases (`f(x=@x)`); their values
/// belong in the query string (`?@x=…`) and travel with the path until a
/// [`Request`](super::Request) puts them there.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ResourcePath {
    /// Empty for the service root, otherwise `/`-separated segments each starting with `/`.
    path: String,
    /// Parameter aliases used in the path: name with its `@`, and value, not yet
    /// percent-encoded, in order of use.
    aliases: Vec<(String, String)>,
    conventions: UrlConventions,
}

impl ResourcePath {
    /// The service root.
    pub fn root(conventions: UrlConventions) -> Self {
        ResourcePath {
            path: String::new(),
            aliases: Vec::new(),
            conventions,
        }
    }

    /// The path as a string; `/` for the service root.
    pub fn as_str(&self) -> &str {
        if self.path.is_empty() {
            "/"
        } else {
            &self.path
        }
    }

    /// The parameter aliases the path's function calls use, with their values (JSON text),
    /// as query options to send along: `("@x", "[1,2]")`.
    pub fn aliases(&self) -> &[(String, String)] {
        &self.aliases
    }

    /// The URL conventions this path is built with.
    pub fn conventions(&self) -> UrlConventions {
        self.conventions
    }

    /// This path followed by `/name` (an entity set, singleton, property or navigation
    /// property; also `$count`, `$value`, `$ref`).
    pub fn segment(&self, name: &str) -> ResourcePath {
        let mut next = self.clone();
        next.path.push('/');
        push_path_segment(&mut next.path, name);
        next
    }

    /// This path (an entity set or collection) narrowed to the entity with the given key.
    ///
    /// `parts` pairs key property names with values; the name of a single-part key is not
    /// written and may be empty. See [`KeyStyle`] for the forms.
    pub fn key(&self, parts: &[(&str, Literal)]) -> ResourcePath {
        let mut next = self.clone();
        match parts {
            [(_, value)] if self.uses_key_segment(value) => {
                next.path.push('/');
                push_path_segment(&mut next.path, value.segment_text());
            }
            [(_, value)] => {
                next.path.push('(');
                push_literal(&mut next.path, value);
                next.path.push(')');
            }
            _ => push_named_values(&mut next.path, parts),
        }
        next
    }

    fn uses_key_segment(&self, value: &Literal) -> bool {
        self.conventions.key_style == KeyStyle::Segment
            && !Literal::is_ambiguous_segment(value.segment_text())
    }

    /// This path followed by a bound action, or a bound function without parameters list:
    /// `/name`, or `/namespace.name` with qualified operations.
    pub fn operation(&self, namespace: &str, name: &str) -> ResourcePath {
        let mut next = self.clone();
        next.path.push('/');
        if self.conventions.qualified_operations {
            push_path_segment(&mut next.path, namespace);
            next.path.push('.');
        }
        push_path_segment(&mut next.path, name);
        next
    }

    /// This path followed by a function call: `/name(p1=value,p2=value)` (qualified like
    /// [`operation`](Self::operation)); `/name()` without parameters. A value that is not a
    /// simple literal ([`Literal::Json`]: complex values, collections, entities) is passed as
    /// a parameter alias, `/name(p1=@p1)` with `@p1` kept for the query string.
    pub fn function(
        &self,
        namespace: &str,
        name: &str,
        params: &[(&str, Literal)],
    ) -> ResourcePath {
        let mut next = self.operation(namespace, name);
        next.push_arguments(params);
        next
    }

    /// This path followed by a function import's call: `/name(p1=lit,…)`, never qualified;
    /// parameters as in [`function`](Self::function).
    pub fn function_import(&self, name: &str, params: &[(&str, Literal)]) -> ResourcePath {
        let mut next = self.segment(name);
        next.push_arguments(params);
        next
    }

    /// Appends `(name=value,…)`, JSON values as aliases named after their parameter. A name
    /// an earlier call of the path (a composable function) already gave an alias is numbered
    /// (`@x2`), so no alias stands for two values.
    fn push_arguments(&mut self, params: &[(&str, Literal)]) {
        self.path.push('(');
        for (position, (name, value)) in params.iter().enumerate() {
            if position > 0 {
                self.path.push(',');
            }
            push_path_segment(&mut self.path, name);
            self.path.push('=');
            match value {
                Literal::Json(json) => {
                    let alias = self.free_alias(name);
                    push_path_segment(&mut self.path, &alias);
                    self.aliases.push((alias, json.clone()));
                }
                simple => push_literal(&mut self.path, simple),
            }
        }
        self.path.push(')');
    }

    fn free_alias(&self, name: &str) -> String {
        let taken = |alias: &str| self.aliases.iter().any(|(a, _)| a == alias);
        let plain = format!("@{name}");
        if !taken(&plain) {
            return plain;
        }
        (2..)
            .map(|n| format!("@{name}{n}"))
            .find(|alias| !taken(alias))
            .unwrap_or(plain)
    }

    /// This path followed by a type cast to a derived type: `/namespace.name` (always
    /// qualified).
    pub fn cast(&self, qualified_type_name: &str) -> ResourcePath {
        self.segment(qualified_type_name)
    }

    /// The path as an owned string (without the values of its parameter aliases; see
    /// [`aliases`](Self::aliases)).
    pub fn into_string(self) -> String {
        if self.path.is_empty() {
            "/".to_owned()
        } else {
            self.path
        }
    }
}

/// Appends `(name=value,...)`.
fn push_named_values(out: &mut String, values: &[(&str, Literal)]) {
    out.push('(');
    for (position, (name, value)) in values.iter().enumerate() {
        if position > 0 {
            out.push(',');
        }
        push_path_segment(out, name);
        out.push('=');
        push_literal(out, value);
    }
    out.push(')');
}

/// Appends a literal in its OData syntax, percent-encoded.
fn push_literal(out: &mut String, value: &Literal) {
    push_path_segment(out, &value.to_string());
}

impl fmt::Display for ResourcePath {
    fn fmt(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn root(key_style: KeyStyle, qualified_operations: bool) -> ResourcePath {
        ResourcePath::root(UrlConventions {
            key_style,
            qualified_operations,
        })
    }

    #[test]
    fn root_and_segments() {
        let service = ResourcePath::root(UrlConventions::default());
        assert_eq!(service.as_str(), "/");
        assert_eq!(service.to_string(), "/");
        assert_eq!(service.clone().into_string(), "/");
        let users = service.segment("users");
        assert_eq!(users.as_str(), "/users");
        assert_eq!(users.segment("$count").into_string(), "/users/$count");
        assert_eq!(service.segment("a b/c").as_str(), "/a%20b%2Fc");
    }

    #[test]
    fn keys_as_segments() {
        let users = root(KeyStyle::Segment, false).segment("users");
        let key = |value: Literal| users.key(&[("id", value)]).into_string();
        assert_eq!(
            key(Literal::string("a'b/c?d#e%f g")),
            "/users/a'b%2Fc%3Fd%23e%25f%20g"
        );
        assert_eq!(key(Literal::string("ü")), "/users/%C3%BC");
        assert_eq!(key(Literal::from(5i32)), "/users/5");
        assert_eq!(key(Literal::enum_member("ns.t", "m")), "/users/m");
        assert_eq!(key(Literal::string("..")), "/users('..')");
        assert_eq!(key(Literal::string("")), "/users('')");
        assert_eq!(key(Literal::string("$count")), "/users('$count')");
        assert_eq!(
            users
                .key(&[("a", Literal::from(1i32)), ("b", Literal::string("x"))])
                .as_str(),
            "/users(a=1,b='x')"
        );
    }

    #[test]
    fn keys_in_parentheses() {
        let users = root(KeyStyle::Parentheses, true).segment("users");
        assert_eq!(
            users.key(&[("id", Literal::string("it's"))]).as_str(),
            "/users('it''s')"
        );
        assert_eq!(
            users.key(&[("", Literal::from(7i64))]).as_str(),
            "/users(7)"
        );
        assert_eq!(
            users
                .key(&[
                    ("k 1", Literal::string("a,b")),
                    ("k2", Literal::enum_member("ns.t", "m"))
                ])
                .as_str(),
            "/users(k%201='a,b',k2=ns.t'm')"
        );
        assert_eq!(users.key(&[]).as_str(), "/users()");
    }

    #[test]
    fn operations_functions_and_casts() {
        for (qualified, action, function) in [
            (true, "/me/ns.assign", "/me/ns.report(day='it''s',n=1)"),
            (false, "/me/assign", "/me/report(day='it''s',n=1)"),
        ] {
            let me = root(KeyStyle::Segment, qualified).segment("me");
            assert_eq!(me.operation("ns", "assign").as_str(), action);
            let params = [("day", Literal::string("it's")), ("n", Literal::from(1i32))];
            assert_eq!(me.function("ns", "report", &params).as_str(), function);
            assert_eq!(me.cast("ns.user").as_str(), "/me/ns.user");
        }
        let me = root(KeyStyle::Segment, false).segment("me");
        assert_eq!(me.function("ns", "delta", &[]).as_str(), "/me/delta()");
    }

    #[test]
    fn json_parameters_become_aliases() {
        for (qualified, expected) in [
            (true, "/me/ns.f(ids=@ids,n=1,where=@where)/ns.g(ids=@ids2)"),
            (false, "/me/f(ids=@ids,n=1,where=@where)/g(ids=@ids2)"),
        ] {
            let me = root(KeyStyle::Parentheses, qualified).segment("me");
            assert!(me.aliases().is_empty());
            let params = [
                ("ids", Literal::json(&[1, 2])),
                ("n", Literal::from(1i32)),
                ("where", Literal::json(&serde_json::json!({"city": "a/b"}))),
            ];
            let composed = me.function("ns", "f", &params).function(
                "ns",
                "g",
                &[("ids", Literal::json(&["x"]))],
            );
            assert_eq!(composed.as_str(), expected);
            assert_eq!(
                composed.aliases(),
                [
                    ("@ids".to_owned(), "[1,2]".to_owned()),
                    ("@where".to_owned(), r#"{"city":"a/b"}"#.to_owned()),
                    ("@ids2".to_owned(), r#"["x"]"#.to_owned()),
                ]
            );
            assert_eq!(composed.segment("x").aliases().len(), 3);
        }
        let root = root(KeyStyle::Segment, false);
        let import = root.function_import("top", &[("filter", Literal::json(&[true]))]);
        assert_eq!(import.as_str(), "/top(filter=@filter)");
        assert_eq!(import.aliases()[0].1, "[true]");
    }
}
