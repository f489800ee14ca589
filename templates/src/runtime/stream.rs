//! [`StreamRef`]: the bytes of a media entity (`…/$value`) or of a stream property
//! (`…/content`), read and written raw rather than as JSON.

use std::fmt;

use super::body::Bytes;
use super::collection::NoContent;
use super::path::ResourcePath;
use super::request::{Method, Request};

/// A stream: a media entity's media resource or a stream property's value.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct StreamRef {
    path: ResourcePath,
}

impl StreamRef {
    /// The stream at `path`.
    pub fn new(path: ResourcePath) -> Self {
        StreamRef { path }
    }

    /// The stream's path.
    pub fn path(&self) -> &ResourcePath {
        &self.path
    }

    /// Downloads the bytes (GET), with the content type the service sends.
    pub fn get(&self) -> Request<(), Bytes> {
        Request::new(Method::Get, self.path.clone(), None)
    }

    /// Uploads `data` of the media type `content_type` (PUT), replacing the stream.
    ///
    /// Services answer an upload with `204 No Content` or with the entity (Microsoft Graph
    /// answers a `driveItem`); [`NoContent`] reads either and discards the entity.
    pub fn put(
        &self,
        data: impl Into<Vec<u8>>,
        content_type: impl Into<String>,
    ) -> Request<Bytes, NoContent> {
        let body = Bytes::new(data, content_type);
        Request::new(Method::Put, self.path.clone(), Some(body))
    }
}

impl fmt::Debug for StreamRef {
    fn fmt(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter
            .debug_tuple("StreamRef")
            .field(&self.path.as_str())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::super::body::BodyKind;
    use super::super::path::UrlConventions;
    use super::*;

    #[test]
    fn download_and_upload() {
        let photo = ResourcePath::root(UrlConventions::default())
            .segment("photos")
            .key(&[("", 1i32.into())])
            .segment("$value");
        let stream = StreamRef::new(photo);
        let get = stream.get();
        assert_eq!(
            (get.method, get.path.as_str()),
            (Method::Get, "/photos(1)/$value")
        );
        assert_eq!(get.response_kind(), BodyKind::Bytes);
        let put = stream.put(*b"\x89PNG", "image/png");
        assert_eq!(
            (put.method, put.body_kind()),
            (Method::Put, BodyKind::Bytes)
        );
        assert_eq!(put.body, Some(Bytes::new(*b"\x89PNG", "image/png")));
        assert_eq!(
            format!("{:?}", stream.clone()),
            r#"StreamRef("/photos(1)/$value")"#
        );
        assert_eq!(stream.path().as_str(), "/photos(1)/$value");
    }
}
