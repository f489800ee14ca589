//! Requests from the links a service sends: `@odata.nextLink` (the next page) and
//! `@odata.deltaLink` (the changes since), typed like the request that got them.
//!
//! A link is followed only under the service root (same scheme, host and port, and a path
//! below the root's), so the credentials of a client go nowhere a response points to.

use std::fmt;

use super::collection::Collection;
use super::request::{Method, Request};

/// A link that leads away from the service root, or that cannot be read as a URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ForeignLink(pub String);

impl fmt::Display for ForeignLink {
    fn fmt(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        write!(formatter, "the link leaves the service root: {}", self.0)
    }
}

impl std::error::Error for ForeignLink {}

impl<R> Request<(), R> {
    /// A `GET` of `link` (absolute, or relative to `service_root`), which must lie under
    /// `service_root`: its path becomes the request's path, its query options (percent-decoded,
    /// encoded again by [`url`](Self::url)) the request's.
    pub fn from_link(service_root: &str, link: &str) -> Result<Self, ForeignLink> {
        let foreign = || ForeignLink(link.to_owned());
        let (path, query) = under_root(service_root, link).ok_or_else(foreign)?;
        let query = match query {
            Some(query) => split_query(query).ok_or_else(foreign)?,
            None => Vec::new(),
        };
        Ok(Request::from_parts(Method::Get, path, query))
    }
}

impl<T> Collection<T> {
    /// The request for the next page (`@odata.nextLink`), if there is one.
    pub fn next_request(
        &self,
        service_root: &str,
    ) -> Option<Result<Request<(), Collection<T>>, ForeignLink>> {
        let link = self.next_link.as_deref()?;
        Some(Request::from_link(service_root, link))
    }

    /// The request for the changes since this response (`@odata.deltaLink`), if there is one.
    pub fn delta_request(
        &self,
        service_root: &str,
    ) -> Option<Result<Request<(), Collection<T>>, ForeignLink>> {
        let link = self.delta_link.as_deref()?;
        Some(Request::from_link(service_root, link))
    }
}

/// The path (below the root's: empty or starting with `/`) and query of `link`, if it is
/// under `root`.
fn under_root<'a>(root: &str, link: &'a str) -> Option<(String, Option<&'a str>)> {
    let (scheme, authority, root_path) = split_absolute(root.trim_end_matches('/'))?;
    let link = link.split('#').next().unwrap_or_default();
    let (target, relative) = match split_absolute(link) {
        Some((link_scheme, link_authority, target)) => {
            let same = link_scheme.eq_ignore_ascii_case(scheme)
                && origin_authority(scheme, link_authority) == origin_authority(scheme, authority);
            (same.then_some(target)?, false)
        }
        // A network-path reference (`//host/…`) is refused: it names another host or repeats
        // the root's, and services send absolute URLs or paths.
        None if link.starts_with("//") => return None,
        None if link.starts_with('/') => (link, false),
        None => (link, true),
    };
    let (path, query) = match target.split_once('?') {
        Some((path, query)) => (path, Some(query)),
        None => (target, None),
    };
    let path = match relative {
        // Relative to the root, as the SDKs of OData services resolve them.
        true if path.is_empty() => String::new(),
        true => format!("/{path}"),
        // An absolute path must continue the root's at a segment boundary (`/beta2` is not
        // under `/beta`).
        false => match path.strip_prefix(root_path)? {
            rest if rest.is_empty() || rest.starts_with('/') => rest.to_owned(),
            _ => return None,
        },
    };
    // Dot segments would climb out of the root once the service resolves the URL.
    let dot = |segment: &str| matches!(percent_decode(segment).as_deref(), Some(".") | Some(".."));
    match path.split('/').any(dot) {
        true => None,
        false => Some((path, query)),
    }
}

/// `(scheme, authority, path and query)` of an absolute URL.
fn split_absolute(url: &str) -> Option<(&str, &str, &str)> {
    let (scheme, rest) = url.split_once("://")?;
    let valid_scheme = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    if !valid_scheme {
        return None;
    }
    let end = rest.find(['/', '?']).unwrap_or(rest.len());
    Some((scheme, &rest[..end], &rest[end..]))
}

/// An authority compared as an origin: lower-case, without the scheme's default port. One
/// with user information (`host@elsewhere`) matches no service root.
fn origin_authority(scheme: &str, authority: &str) -> Option<String> {
    if authority.contains('@') {
        return None;
    }
    let authority = authority.to_ascii_lowercase();
    let default_port = match scheme.to_ascii_lowercase().as_str() {
        "https" => ":443",
        "http" => ":80",
        _ => "",
    };
    match authority.strip_suffix(default_port) {
        Some(host) if !default_port.is_empty() => Some(host.to_owned()),
        _ => Some(authority),
    }
}

/// `name=value&…` as decoded pairs; `None` for malformed percent-encoding.
fn split_query(query: &str) -> Option<Vec<(String, String)>> {
    query
        .split('&')
        .filter(|part| !part.is_empty())
        .map(|part| {
            let (name, value) = part.split_once('=').unwrap_or((part, ""));
            Some((percent_decode(name)?, percent_decode(value)?))
        })
        .collect()
}

/// `%XX` escapes decoded; `None` for a malformed escape or bytes that are no UTF-8 (which a
/// query option's value cannot hold).
fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        if bytes[index] == b'%' {
            let hex = text.get(index + 1..index + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            index += 3;
        } else {
            out.push(bytes[index]);
            index += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    const ROOT: &str = "https://graph.example/beta/";

    fn follow(link: &str) -> Option<String> {
        let request: Request<(), Collection<i64>> = Request::from_link(ROOT, link).ok()?;
        assert_eq!(request.method, Method::Get);
        Some(request.url("R"))
    }

    #[test]
    fn links_under_the_service_root_become_requests() {
        for (link, url) in [
            (
                "https://graph.example/beta/users?$skiptoken=a%2Bb%3D",
                // `=` is allowed in a query value (OData's ABNF), so it is written as is.
                "R/users?$skiptoken=a%2Bb=",
            ),
            (
                "HTTPS://Graph.Example:443/beta/users/delta()?$deltatoken=x",
                "R/users/delta()?$deltatoken=x",
            ),
            ("users?$skip=5&$top=5", "R/users?$skip=5&$top=5"),
            ("/beta/users#fragment", "R/users"),
            ("https://graph.example/beta?$top=1", "R?$top=1"),
            (
                "https://graph.example/beta/users?$filter=a%20eq%20'x%26y'",
                "R/users?$filter=a%20eq%20'x%26y'",
            ),
        ] {
            assert_eq!(follow(link).as_deref(), Some(url), "{link}");
        }
    }

    #[test]
    fn links_elsewhere_are_refused() {
        for link in [
            "https://evil.example/beta/users",
            "http://graph.example/beta/users",
            "https://graph.example:8443/beta/users",
            "https://graph.example@evil.example/beta/users",
            "https://graph.example/v1.0/users",
            "https://graph.example/beta2/users",
            "//evil.example/beta/users",
            "/v1.0/users",
            "../v1.0/users",
            "users/%2E%2E/../x",
            "users?$skiptoken=%zz",
            "users?$skiptoken=%FF",
        ] {
            assert_eq!(follow(link), None, "{link}");
        }
        let error = Request::<(), i64>::from_link(ROOT, "https://evil.example/").unwrap_err();
        assert_eq!(
            error.to_string(),
            "the link leaves the service root: https://evil.example/"
        );
    }

    #[test]
    fn pages_give_the_requests_of_their_links() {
        let mut page: Collection<i64> = Collection::default();
        assert!(page.next_request(ROOT).is_none() && page.delta_request(ROOT).is_none());
        page.next_link = Some("https://graph.example/beta/users?$skiptoken=2".to_owned());
        page.delta_link = Some("https://evil.example/beta/users?$deltatoken=3".to_owned());
        let next = page.next_request(ROOT).unwrap().unwrap();
        assert_eq!(next.path, "/users");
        assert_eq!(next.query, [("$skiptoken".to_owned(), "2".to_owned())]);
        assert!(page.delta_request(ROOT).unwrap().is_err());
    }
}
