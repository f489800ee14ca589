//! URL text as people write it — on API pages, in logs, by hand — split into path segments and
//! query options, before anything is looked up in the model.
//!
//! Accepted: absolute URLs (`https://host/v1.0/users`) and relative ones (`/users`, `users`),
//! keys in parentheses (`('x')`, `(42)`, `(k1=1,k2='a')`, `({id})`) or as segments (`/x`,
//! `/{id}`, Graph's `{id | userPrincipalName}`), function parameters (`f(a=1,b=@p)`), percent-
//! encoding, a query string and a fragment. Nothing here knows the service.

/// A URL split into segments and query options.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Url {
    /// Whether the text started with a scheme and host (`https://…`).
    pub absolute: bool,
    pub segments: Vec<Segment>,
    /// Query options, percent-decoded, in order.
    pub query: Vec<(String, String)>,
}

/// One path segment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    /// The segment as written, percent-decoded.
    pub text: String,
    /// The part before any parentheses: a name, `$ref`, a key value or a `{placeholder}`.
    pub name: String,
    /// What the parentheses held: a key or function parameters (`Some(vec![])` for `()`).
    pub args: Option<Vec<Arg>>,
}

/// One item in parentheses: `value` (a single-part key) or `name=value`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Arg {
    pub name: Option<String>,
    pub value: Value,
}

/// A value in a key or a parameter list, or a key segment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    /// `{id}`, `'{id}'` or `{id | userPrincipalName}`: a placeholder, by its text inside the
    /// braces.
    Placeholder(String),
    /// `@p`: a parameter alias, whose value is in the query string.
    Alias(String),
    /// A literal as written: `'it''s'`, `42`, `true`, `ns.Color'Red'`.
    Literal(String),
    /// A key written as a segment (`/users/a'b`): the value's text itself, not a literal.
    Segment(String),
}

impl Segment {
    /// Whether the whole segment is a `{placeholder}` (a key as a segment).
    pub fn is_placeholder(&self) -> bool {
        self.args.is_none() && is_braced(&self.name)
    }
}

impl Value {
    fn parse(text: &str) -> Value {
        let text = text.trim();
        let unquoted = text
            .strip_prefix('\'')
            .and_then(|t| t.strip_suffix('\''))
            .filter(|t| is_braced(t));
        if let Some(inner) = unquoted.or_else(|| is_braced(text).then_some(text)) {
            return Value::Placeholder(inner[1..inner.len() - 1].trim().to_owned());
        }
        match text.strip_prefix('@') {
            Some(alias) if !alias.is_empty() => Value::Alias(alias.to_owned()),
            _ => Value::Literal(text.to_owned()),
        }
    }

    /// The value as it would be written in a URL.
    pub fn text(&self) -> String {
        match self {
            Value::Placeholder(p) => format!("{{{p}}}"),
            Value::Alias(a) => format!("@{a}"),
            Value::Literal(l) | Value::Segment(l) => l.clone(),
        }
    }
}

/// A string literal's text: `'it''s'` → `it's`; `None` when not a quoted string.
pub fn unquote(literal: &str) -> Option<String> {
    let inner = literal.strip_prefix('\'')?.strip_suffix('\'')?;
    Some(inner.replace("''", "'"))
}

fn is_braced(text: &str) -> bool {
    text.len() >= 2 && text.starts_with('{') && text.ends_with('}')
}

/// Splits `text`. Errors say what is malformed, with the 1-based column.
pub fn parse(text: &str) -> Result<Url, String> {
    let text = text.trim();
    let text = text.split_once('#').map_or(text, |(before, _)| before);
    let (absolute, rest) = match scheme_end(text) {
        Some(end) => {
            let after = &text[end..];
            let path_start = after.find(['/', '?']).unwrap_or(after.len());
            (true, &after[path_start..])
        }
        None => (false, text),
    };
    let offset = text.len() - rest.len();
    let (path, query) = split_query(rest);
    let mut segments = Vec::new();
    for (start, raw) in split_path(path) {
        let decoded = percent_decode(raw);
        let column = offset + start + 1;
        segments.push(segment(&decoded).map_err(|why| format!("column {column}: {why}"))?);
    }
    let query = query.map(parse_query).unwrap_or_default();
    Ok(Url {
        absolute,
        segments,
        query,
    })
}

/// The end of `scheme://` if the text starts with one.
fn scheme_end(text: &str) -> Option<usize> {
    let colon = text.find("://")?;
    let scheme = &text[..colon];
    let valid = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c));
    valid.then_some(colon + 3)
}

/// The path and the query string (after the first `?` outside quotes).
fn split_query(text: &str) -> (&str, Option<&str>) {
    let mut quoted = false;
    for (i, c) in text.char_indices() {
        match c {
            '\'' => quoted = !quoted,
            '?' if !quoted => return (&text[..i], Some(&text[i + 1..])),
            _ => {}
        }
    }
    (text, None)
}

/// Path segments with their byte offsets: split at `/` outside quotes, parentheses and
/// braces (a key may hold a `/`); empty segments are dropped.
fn split_path(path: &str) -> Vec<(usize, &str)> {
    let mut segments = Vec::new();
    let (mut depth, mut quoted, mut start) = (0i32, false, 0);
    for (i, c) in path.char_indices() {
        match c {
            '\'' => quoted = !quoted,
            '(' | '{' if !quoted => depth += 1,
            ')' | '}' if !quoted => depth -= 1,
            '/' if !quoted && depth <= 0 => {
                segments.push((start, &path[start..i]));
                start = i + 1;
            }
            _ => {}
        }
    }
    segments.push((start, &path[start..]));
    segments.retain(|(_, s)| !s.trim().is_empty());
    segments
}

fn segment(text: &str) -> Result<Segment, String> {
    let trimmed = text.trim();
    if is_braced(trimmed) {
        return Ok(Segment {
            text: trimmed.to_owned(),
            name: trimmed.to_owned(),
            args: None,
        });
    }
    let Some(open) = find_outside_quotes(trimmed, '(') else {
        return Ok(Segment {
            text: trimmed.to_owned(),
            name: trimmed.to_owned(),
            args: None,
        });
    };
    if !trimmed.ends_with(')') {
        return Err(format!(
            "`{trimmed}`: unbalanced parenthesis (a key or parameter list ends with `)`)"
        ));
    }
    let inner = &trimmed[open + 1..trimmed.len() - 1];
    Ok(Segment {
        text: trimmed.to_owned(),
        name: trimmed[..open].to_owned(),
        args: Some(parse_args(inner)?),
    })
}

fn find_outside_quotes(text: &str, wanted: char) -> Option<usize> {
    let mut quoted = false;
    for (i, c) in text.char_indices() {
        if c == '\'' {
            quoted = !quoted;
        } else if c == wanted && !quoted {
            return Some(i);
        }
    }
    None
}

/// `a=1,b='x,y'` or `'x'`: items split at commas outside quotes, braces and brackets.
fn parse_args(inner: &str) -> Result<Vec<Arg>, String> {
    if inner.trim().is_empty() {
        return Ok(Vec::new());
    }
    let mut items = Vec::new();
    let (mut depth, mut quoted, mut start) = (0i32, false, 0);
    for (i, c) in inner.char_indices() {
        match c {
            '\'' => quoted = !quoted,
            '(' | '{' | '[' if !quoted => depth += 1,
            ')' | '}' | ']' if !quoted => depth -= 1,
            ',' if !quoted && depth <= 0 => {
                items.push(&inner[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    if quoted {
        return Err(format!("`({inner})`: a string literal is not closed"));
    }
    items.push(&inner[start..]);
    Ok(items.into_iter().map(arg).collect())
}

fn arg(item: &str) -> Arg {
    let item = item.trim();
    // `name=value`, where the name comes before any quote or brace.
    let name_end = item.find('=').filter(|&eq| {
        let name = &item[..eq];
        !name.is_empty() && !name.contains(['\'', '{', '(', '['])
    });
    match name_end {
        Some(eq) => Arg {
            name: Some(item[..eq].trim().to_owned()),
            value: Value::parse(&item[eq + 1..]),
        },
        None => Arg {
            name: None,
            value: Value::parse(item),
        },
    }
}

fn parse_query(query: &str) -> Vec<(String, String)> {
    query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            (percent_decode(name), percent_decode(value))
        })
        .collect()
}

/// `%XX` escapes decoded; invalid escapes and invalid UTF-8 kept as written.
pub fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| text.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(url: &str) -> Vec<String> {
        parse(url)
            .unwrap()
            .segments
            .into_iter()
            .map(|s| s.name)
            .collect()
    }

    #[test]
    fn absolute_relative_and_query() {
        let url =
            parse("https://graph.microsoft.com/v1.0/users/42/manager/$ref?$select=id&x=a%20b#top")
                .unwrap();
        assert!(url.absolute);
        assert_eq!(
            names("https://graph.microsoft.com/v1.0/users/42/manager/$ref"),
            ["v1.0", "users", "42", "manager", "$ref"]
        );
        assert_eq!(
            url.query,
            [
                ("$select".to_owned(), "id".to_owned()),
                ("x".to_owned(), "a b".to_owned())
            ]
        );
        assert!(!parse("users").unwrap().absolute);
        assert_eq!(names("users//messages/"), ["users", "messages"]);
        assert_eq!(names("https://host"), Vec::<String>::new());
        assert_eq!(names("https://host?x=1"), Vec::<String>::new());
    }

    #[test]
    fn keys_in_every_spelling() {
        let url =
            parse("/users('a/b')/x(k1=1,k2='a,b')/y({id})/{id | userPrincipalName}/z(42)").unwrap();
        let s = &url.segments;
        assert_eq!(s.len(), 5);
        assert_eq!(
            s[0].args,
            Some(vec![Arg {
                name: None,
                value: Value::Literal("'a/b'".into())
            }])
        );
        assert_eq!(
            s[1].args.as_ref().unwrap()[1],
            Arg {
                name: Some("k2".into()),
                value: Value::Literal("'a,b'".into())
            }
        );
        assert_eq!(
            s[2].args.as_ref().unwrap()[0].value,
            Value::Placeholder("id".into())
        );
        assert!(s[3].is_placeholder());
        assert_eq!(s[3].name, "{id | userPrincipalName}");
        assert_eq!(
            s[4].args.as_ref().unwrap()[0].value,
            Value::Literal("42".into())
        );
    }

    #[test]
    fn functions_and_aliases() {
        let url = parse("/me/f(a='{x}',b=@p,c=ns.Color'Red')?@p=[1,2]").unwrap();
        let args = url.segments[1].args.clone().unwrap();
        assert_eq!(args[0].value, Value::Placeholder("x".into()));
        assert_eq!(args[1].value, Value::Alias("p".into()));
        assert_eq!(args[2].value, Value::Literal("ns.Color'Red'".into()));
        assert_eq!(url.query, [("@p".to_owned(), "[1,2]".to_owned())]);
        assert_eq!(parse("/me/f()").unwrap().segments[1].args, Some(vec![]));
    }

    #[test]
    fn percent_encoding_and_errors() {
        assert_eq!(names("/users/a%2Fb/x%20y"), ["users", "a/b", "x y"]);
        assert_eq!(percent_decode("%zz%4"), "%zz%4");
        assert_eq!(percent_decode("%C3%BC"), "ü");
        let error = parse("/users('a'/x").unwrap_err();
        assert!(error.contains("column 2"), "{error}");
        assert!(parse("/f(a='x)").is_err());
    }
}
