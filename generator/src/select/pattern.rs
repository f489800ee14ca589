//! `--include`/`--exclude` patterns: qualified names with `*` wildcards
//! (`microsoft.graph.*Assignment`), or URL path prefixes (`/deviceManagement/deviceConfigurations`).

use crate::model::walk::is_key_segment;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pattern {
    /// A namespace- or alias-qualified name, `*` matching any run of characters.
    Name(String),
    /// A URL path prefix: every URL starting with it.
    Path(Vec<PathSegment>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathSegment {
    /// An entity set, singleton, navigation property, cast or operation name.
    Literal(String),
    /// `*`, `{anything}` or a parenthesized key: matches any one segment.
    Any,
}

/// How far a URL matches a path pattern.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathMatch {
    /// The URL is not on the way to the prefix, nor below it.
    No,
    /// The URL leads towards the prefix (the prefix is longer).
    Towards,
    /// The URL starts with the prefix.
    Under,
}

impl Pattern {
    pub fn parse(text: &str) -> Result<Pattern, String> {
        let text = text.trim();
        if text.is_empty() {
            return Err("an empty pattern matches nothing".to_owned());
        }
        if !text.starts_with('/') {
            if text.contains(char::is_whitespace) || text.contains('/') {
                return Err(format!(
                    "`{text}` is neither a qualified name (`namespace.Name`, `*` wildcards) nor a URL path (starting with `/`)"
                ));
            }
            return Ok(Pattern::Name(text.to_owned()));
        }
        let mut segments = Vec::new();
        for raw in text.split('/').filter(|s| !s.is_empty()) {
            // `deviceConfigurations('id')` or `deviceConfigurations({id})`: a key in parentheses.
            let (name, key) = match raw.find('(') {
                Some(open) if raw.ends_with(')') => (&raw[..open], true),
                Some(_) => return Err(format!("unbalanced parenthesis in path segment `{raw}`")),
                None => (raw, false),
            };
            if name == "*" || is_key_segment(name) {
                segments.push(PathSegment::Any);
            } else if !name.is_empty() {
                segments.push(PathSegment::Literal(name.to_owned()));
            }
            if key {
                segments.push(PathSegment::Any);
            }
        }
        Ok(Pattern::Path(segments))
    }

    /// Whether a name pattern matches `qualified` (`namespace.Name`) or its alias-qualified
    /// form. Path patterns match no names.
    pub fn matches_name(&self, namespace: &str, alias: Option<&str>, name: &str) -> bool {
        let Pattern::Name(glob) = self else {
            return false;
        };
        let qualified = format!("{namespace}.{name}");
        glob_matches(glob, &qualified)
            || alias.is_some_and(|a| glob_matches(glob, &format!("{a}.{name}")))
    }
}

/// How the URL `segments` relate to the path prefix `pattern`. Key segments of the URL may be
/// left out of the pattern (`/users/messages` means `/users/{userId}/messages`).
pub fn match_path(pattern: &[PathSegment], segments: &[String]) -> PathMatch {
    // The pattern positions reachable after the segments seen so far.
    let mut positions = vec![0usize];
    for segment in segments {
        let mut next = Vec::new();
        for &p in &positions {
            match pattern.get(p) {
                None => next.push(p),
                Some(PathSegment::Any) => next.push(p + 1),
                Some(PathSegment::Literal(name)) => {
                    // A function's segment carries its parameters: `range(address={address})`.
                    let called = segment
                        .strip_prefix(name.as_str())
                        .is_some_and(|rest| rest.starts_with('('));
                    if name == segment || called {
                        next.push(p + 1);
                    }
                    if is_key_segment(segment) {
                        next.push(p);
                    }
                }
            }
        }
        next.sort_unstable();
        next.dedup();
        if next.is_empty() {
            return PathMatch::No;
        }
        positions = next;
    }
    if positions.contains(&pattern.len()) {
        PathMatch::Under
    } else {
        PathMatch::Towards
    }
}

/// `*` matches any run of characters (dots included); everything else matches itself.
pub fn glob_matches(glob: &str, text: &str) -> bool {
    let parts: Vec<&str> = glob.split('*').collect();
    if parts.len() == 1 {
        return glob == text;
    }
    let (first, last) = (parts[0], parts[parts.len() - 1]);
    if text.len() < first.len() + last.len() || !text.starts_with(first) || !text.ends_with(last) {
        return false;
    }
    let mut rest = &text[first.len()..text.len() - last.len()];
    for middle in &parts[1..parts.len() - 1] {
        match rest.find(middle) {
            Some(at) => rest = &rest[at + middle.len()..],
            None => return false,
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn segments(path: &str) -> Vec<String> {
        path.split('/')
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect()
    }

    fn path(text: &str) -> Vec<PathSegment> {
        match Pattern::parse(text).unwrap() {
            Pattern::Path(p) => p,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn globs() {
        assert!(glob_matches("a.b", "a.b"));
        assert!(!glob_matches("a.b", "a.bc"));
        assert!(glob_matches(
            "microsoft.graph.*Assignment",
            "microsoft.graph.fooAssignment"
        ));
        assert!(glob_matches("*", ""));
        assert!(glob_matches("a*b*c", "abc"));
        assert!(glob_matches("a*b*c", "axxbyyc"));
        assert!(!glob_matches("a*b*c", "axxcyyb"));
        assert!(!glob_matches("ab*ba", "aba"));
        assert!(glob_matches(
            "microsoft.graph.*",
            "microsoft.graph.security.alert"
        ));
    }

    #[test]
    fn names_match_namespace_or_alias() {
        let p = Pattern::parse("graph.user").unwrap();
        assert!(p.matches_name("microsoft.graph", Some("graph"), "user"));
        assert!(!p.matches_name("microsoft.graph", None, "user"));
        assert!(Pattern::parse("microsoft.graph.user")
            .unwrap()
            .matches_name("microsoft.graph", Some("graph"), "user"));
    }

    #[test]
    fn paths_parse_keys_in_every_spelling() {
        let any = PathSegment::Any;
        let lit = |s: &str| PathSegment::Literal(s.to_owned());
        assert_eq!(
            path("/users/{id}/messages"),
            [lit("users"), any.clone(), lit("messages")]
        );
        assert_eq!(
            path("/users/*/messages/"),
            [lit("users"), any.clone(), lit("messages")]
        );
        assert_eq!(
            path("/users('a')/messages"),
            [lit("users"), any.clone(), lit("messages")]
        );
        assert!(Pattern::parse("/users('a'/x").is_err());
        assert!(Pattern::parse("a b").is_err());
        assert!(Pattern::parse("").is_err());
        assert_eq!(path("/"), []);
    }

    #[test]
    fn path_prefixes() {
        let p = path("/deviceManagement/deviceConfigurations");
        let m = |s: &str| match_path(&p, &segments(s));
        assert_eq!(m("/deviceManagement"), PathMatch::Towards);
        assert_eq!(
            m("/deviceManagement/deviceConfigurations"),
            PathMatch::Under
        );
        assert_eq!(
            m("/deviceManagement/deviceConfigurations/{deviceConfigurationId}/assignments"),
            PathMatch::Under
        );
        assert_eq!(m("/deviceManagement/managedDevices"), PathMatch::No);
        assert_eq!(m("/users"), PathMatch::No);
    }

    #[test]
    fn keys_may_be_left_out_or_given() {
        let url = "/users/{userId}/messages/{messageId}";
        for pattern in [
            "/users/messages",
            "/users/{id}/messages",
            "/users/*/messages",
        ] {
            assert_eq!(
                match_path(&path(pattern), &segments(url)),
                PathMatch::Under,
                "{pattern}"
            );
        }
        assert_eq!(
            match_path(&path("/users/{id}"), &segments("/users")),
            PathMatch::Towards
        );
        assert_eq!(
            match_path(&path("/"), &segments("/anything")),
            PathMatch::Under
        );
    }
}
