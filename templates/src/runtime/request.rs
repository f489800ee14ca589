//! [`Request`]: everything needed to send one request, independent of any HTTP client.

use std::fmt;
use std::marker::PhantomData;

use super::body::{BodyKind, RequestBody, ResponseBody};
use super::encode::{push_query_name, push_query_value};
use super::options::{
    expand_text, order_text, select_text, ExpandList, FilterArg, OrderList, SelectList,
};
use super::path::ResourcePath;

/// An HTTP method used by OData requests.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Method {
    /// `GET`: read.
    Get,
    /// `POST`: create, or invoke an action.
    Post,
    /// `PUT`: replace.
    Put,
    /// `PATCH`: update the properties sent.
    Patch,
    /// `DELETE`: delete.
    Delete,
}

impl Method {
    /// The method's name, e.g. `GET`.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
        }
    }
}

impl fmt::Display for Method {
    fn fmt(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str(self.as_str())
    }
}

/// A request to send: method, path, query options and body (of type `B`), and the type `R` its
/// response body reads as.
///
/// Sending it is left to the HTTP client of the caller's choice: [`url`](Self::url) gives the
/// address; [`body_kind`](Self::body_kind) says whether the body is JSON, raw bytes
/// ([`Bytes`](super::Bytes), with their content type) or absent, and
/// [`RequestBody`] gives its bytes and content type; [`response_kind`](Self::response_kind)
/// says whether the response is read as JSON or taken raw ([`ResponseBody`]). A response of
/// [`NoContent`](super::NoContent) has nothing to read.
pub struct Request<B, R> {
    /// The HTTP method.
    pub method: Method,
    /// The resource path relative to the service root, percent-encoded, starting with `/`.
    pub path: String,
    /// Query options as name and value, not yet percent-encoded, in order.
    pub query: Vec<(String, String)>,
    /// The body to send, if any.
    pub body: Option<B>,
    response: PhantomData<fn() -> R>,
}

impl<B, R> Request<B, R> {
    /// A request for `path`; its query options are the values of the path's parameter
    /// aliases, if any (`?@x=[1,2]`).
    pub fn new(method: Method, path: ResourcePath, body: Option<B>) -> Self {
        Request {
            method,
            query: path.aliases().to_vec(),
            path: path.into_string(),
            body,
            response: PhantomData,
        }
    }

    /// A request for `path` (percent-encoded, relative to the service root) with `query`:
    /// for URLs the service sent, which no builder made.
    pub(super) fn from_parts(method: Method, path: String, query: Vec<(String, String)>) -> Self {
        Request {
            method,
            path,
            query,
            body: None,
            response: PhantomData,
        }
    }

    /// How the body goes on the wire: [`BodyKind::None`] without one, else JSON or raw bytes
    /// by its type.
    pub fn body_kind(&self) -> BodyKind
    where
        B: RequestBody,
    {
        match self.body {
            Some(_) => B::KIND,
            None => BodyKind::None,
        }
    }

    /// How the response body is read: as JSON, or raw ([`Bytes`](super::Bytes)).
    pub fn response_kind(&self) -> BodyKind
    where
        R: ResponseBody,
    {
        R::KIND
    }

    /// Adds a query option (kept in addition to any of the same name).
    pub fn query(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.query.push((name.into(), value.into()));
        self
    }

    /// Sets a system query option, replacing an earlier value.
    fn set_option(mut self, name: &str, value: String) -> Self {
        match self.query.iter_mut().find(|(key, _)| key == name) {
            Some((_, existing)) => *existing = value,
            None => self.query.push((name.to_owned(), value)),
        }
        self
    }

    /// `$top`: at most `count` items.
    pub fn top(self, count: u64) -> Self {
        self.set_option("$top", count.to_string())
    }

    /// `$skip`: leave out the first `count` items.
    pub fn skip(self, count: u64) -> Self {
        self.set_option("$skip", count.to_string())
    }

    /// `$select`: only these properties. Takes the property constants of the response's type
    /// (`Assignment::ID`, a tuple `(Assignment::ID, Assignment::TARGET)`, an array), or text as
    /// given (`&["id", "target"]`); replaces an earlier `$select`.
    pub fn select(self, properties: impl SelectList<R>) -> Self {
        let value = select_text(&properties);
        self.set_option("$select", value)
    }

    /// `$expand`: include these navigation properties: their constants
    /// (`Configuration::ASSIGNMENTS`), with nested options
    /// (`Configuration::ASSIGNMENTS.select(Assignment::TARGET)`), tuples of them, or text as
    /// given (`&["assignments($select=target)"]`).
    pub fn expand(self, items: impl ExpandList<R>) -> Self {
        let value = expand_text(&items);
        self.set_option("$expand", value)
    }

    /// `$filter`: only items for which the condition is true: a [`Filter`](super::Filter) built
    /// from the property constants of the response's type
    /// (`Assignment::SOURCE_ID.starts_with("p")`), or text as given.
    pub fn filter(self, condition: impl FilterArg<R>) -> Self {
        let value = condition.filter_text();
        self.set_option("$filter", value)
    }

    /// `$orderby`: sort by these expressions: property constants (ascending), their
    /// `.asc()`/`.desc()`, tuples of them, or text as given (`"name desc,id"`).
    pub fn order_by(self, items: impl OrderList<R>) -> Self {
        let value = order_text(&items);
        self.set_option("$orderby", value)
    }

    /// `$search`: only items matching the search expression.
    pub fn search(self, expression: &str) -> Self {
        self.set_option("$search", expression.to_owned())
    }

    /// `$count=true`: ask for the total number of items along with the page.
    pub fn with_count(self) -> Self {
        self.set_option("$count", "true".to_owned())
    }

    /// The full URL: `service_root` (a trailing `/` is ignored), the path, and the query options
    /// percent-encoded.
    pub fn url(&self, service_root: &str) -> String {
        let mut url = String::with_capacity(service_root.len() + self.path.len() + 16);
        url.push_str(service_root.trim_end_matches('/'));
        url.push_str(&self.path);
        for (position, (name, value)) in self.query.iter().enumerate() {
            url.push(if position == 0 { '?' } else { '&' });
            push_query_name(&mut url, name);
            url.push('=');
            push_query_value(&mut url, value);
        }
        url
    }
}

// Hand-written: deriving would require `R: Clone`/`R: Debug` for the marker type.
impl<B: Clone, R> Clone for Request<B, R> {
    fn clone(&self) -> Self {
        Request {
            method: self.method,
            path: self.path.clone(),
            query: self.query.clone(),
            body: self.body.clone(),
            response: PhantomData,
        }
    }
}

impl<B: fmt::Debug, R> fmt::Debug for Request<B, R> {
    fn fmt(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter
            .debug_struct("Request")
            .field("method", &self.method)
            .field("path", &self.path)
            .field("query", &self.query)
            .field("body", &self.body)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::super::body::Bytes;
    use super::super::collection::NoContent;
    use super::super::literal::Literal;
    use super::super::path::UrlConventions;
    use super::*;

    fn users() -> Request<(), ()> {
        let path = ResourcePath::root(UrlConventions::default()).segment("users");
        Request::new(Method::Get, path, None)
    }

    #[test]
    fn urls_encode_query_values_but_keep_odata_syntax() {
        let request = users()
            .filter("startswith(name,'a&b') and x eq 1+1")
            .order_by("name desc")
            .with_count()
            .query("custom", "a=b#");
        assert_eq!(
            request.url("https://example/v1.0/"),
            "https://example/v1.0/users?$filter=startswith(name,'a%26b')%20and%20x%20eq%201%2B1\
             &$orderby=name%20desc&$count=true&custom=a=b%23"
        );
    }

    #[test]
    fn system_options_replace_earlier_values() {
        let request = users()
            .top(1)
            .skip(2)
            .top(3)
            .expand(["manager($select=id)"]);
        assert_eq!(
            request.query,
            [
                ("$top".to_owned(), "3".to_owned()),
                ("$skip".to_owned(), "2".to_owned()),
                ("$expand".to_owned(), "manager($select=id)".to_owned()),
            ]
        );
        assert_eq!(
            users().search("\"a b\"").url("x"),
            "x/users?$search=%22a%20b%22"
        );
        assert_eq!(users().url("x"), "x/users");
    }

    #[test]
    fn aliases_of_the_path_come_first_in_the_query() {
        let path = ResourcePath::root(UrlConventions::default()).function(
            "ns",
            "near",
            &[("to", Literal::json(&serde_json::json!({"a": "x&y"})))],
        );
        let request: Request<(), ()> = Request::new(Method::Get, path, None).top(2);
        assert_eq!(
            request.url("r"),
            "r/ns.near(to=@to)?@to=%7B%22a%22:%22x%26y%22%7D&$top=2"
        );
    }

    #[test]
    fn body_and_response_kinds() {
        assert_eq!(users().body_kind(), BodyKind::None);
        assert_eq!(users().response_kind(), BodyKind::Json);
        let path = ResourcePath::root(UrlConventions::default()).segment("f");
        let upload: Request<Bytes, NoContent> = Request::new(
            Method::Put,
            path.clone(),
            Some(Bytes::new(*b"x", "text/plain")),
        );
        assert_eq!(upload.body_kind(), BodyKind::Bytes);
        let download: Request<(), Bytes> = Request::new(Method::Get, path.clone(), None);
        assert_eq!(download.response_kind(), BodyKind::Bytes);
        let json: Request<serde_json::Value, NoContent> =
            Request::new(Method::Post, path, Some(serde_json::json!({})));
        assert_eq!(json.body_kind(), BodyKind::Json);
    }

    #[test]
    fn methods_and_debug() {
        assert_eq!(Method::Patch.as_str(), "PATCH");
        assert_eq!(Method::Delete.to_string(), "DELETE");
        let request = users().clone();
        assert!(format!("{request:?}").contains("\"/users\""));
    }
}
