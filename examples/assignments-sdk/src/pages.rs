//! [`Pages`]: a collection read page by page through `@odata.nextLink`.

use graph_assignments::runtime::Collection;
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
    /// The URL of the next page to read, or `None` when done.
    next: Option<String>,
    _items: std::marker::PhantomData<fn() -> T>,
}

impl<'a, T> Pages<'a, T> {
    pub(crate) fn new(client: &'a Client, first: String) -> Self {
        Pages {
            client,
            next: Some(first),
            _items: std::marker::PhantomData,
        }
    }
}

impl<T> Iterator for Pages<'_, T>
where
    Collection<T>: DeserializeOwned,
{
    type Item = Result<Collection<T>, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        let url = self.next.take()?;
        let page = match self.client.page::<T>(&url) {
            Ok(page) => page,
            Err(error) => return Some(Err(error)),
        };
        if let Some(link) = &page.next_link {
            match self.client.resolve_next_link(link) {
                Ok(next) => self.next = Some(next),
                Err(error) => return Some(Err(error)),
            }
        }
        Some(Ok(page))
    }
}
