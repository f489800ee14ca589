//! [`Pages`]: a collection read page by page through `@odata.nextLink`.

use graph_assignments::runtime::{Collection, Request};
use serde::de::DeserializeOwned;

use crate::client::Client;
use crate::error::Error;

/// The pages of a collection, read one at a time as the iterator advances. Made by
/// [`Client::pages`].
///
/// It ends after the page without `@odata.nextLink`, or after the first error.
#[derive(Debug)]
pub struct Pages<'a, T> {
    client: &'a Client,
    /// The request of the next page, or `None` when done.
    next: Option<Request<(), Collection<T>>>,
}

impl<'a, T> Pages<'a, T> {
    pub(crate) fn new(client: &'a Client, first: Request<(), Collection<T>>) -> Self {
        Pages {
            client,
            next: Some(first),
        }
    }
}

impl<T> Iterator for Pages<'_, T>
where
    Collection<T>: DeserializeOwned,
{
    type Item = Result<Collection<T>, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        let request = self.next.take()?;
        let page = match self.client.send(&request) {
            Ok(page) => page,
            Err(error) => return Some(Err(error)),
        };
        // Only links under the service root are followed (the runtime checks), so the token
        // goes nowhere else.
        match page.next_request(self.client.service_root()) {
            Some(Ok(next)) => self.next = Some(next),
            Some(Err(foreign)) => return Some(Err(foreign.into())),
            None => {}
        }
        Some(Ok(page))
    }
}
