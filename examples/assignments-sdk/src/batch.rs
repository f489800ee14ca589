//! Sending a [`Batch`] (`POST $batch`, JSON format): as one request, or as several when it has
//! more requests than the client's maximum (Graph accepts 20).
//!
//! A split keeps together what the format links: an atomicity group, and a request with every
//! request or group it depends on (`dependsOn` cannot name a request of another batch). Such a
//! set larger than the maximum cannot be sent, and is refused before anything is sent
//! ([`Error::BatchTooLarge`]). Each part keeps the order of the requests.

use graph_assignments::runtime::{Batch, BatchRequest, BatchResponses, Method, JSON_CONTENT_TYPE};
use serde::Serialize;

use crate::client::{Body, Client};
use crate::error::Error;

/// Asks the service to run every request of a batch even after one fails (OData 4.0 and
/// 4.01 spell it so; Graph does so anyway), so each request gets its own answer.
const CONTINUE_ON_ERROR: (&str, &str) = ("Prefer", "odata.continue-on-error");

impl Client {
    /// Sends `batch` (split in parts of at most [`max_batch_size`](Client::max_batch_size)
    /// requests, one `POST $batch` each, in order) and returns every response; read each with
    /// the handle its request got ([`BatchResponses::get`]).
    ///
    /// ```no_run
    /// use assignments_sdk::{Client, Error};
    /// use graph_assignments::runtime::Batch;
    /// use graph_assignments::GraphService;
    ///
    /// let client = Client::new("https://graph.microsoft.com/beta").with_token("eyJ0…");
    /// let configurations = GraphService::new().device_management().device_configurations();
    /// let mut batch = Batch::new();
    /// let first = batch.add(&configurations.by_id("c1").get())?;
    /// let second = batch.add(&configurations.by_id("c2").assignments().list())?;
    /// let responses = client.send_batch(&batch)?;
    /// let configuration = responses.get(&first)?; // AnyDeviceConfiguration
    /// let assignments = responses.get(&second)?.value; // Vec<DeviceConfigurationAssignment>
    /// # Ok::<(), Error>(())
    /// ```
    pub fn send_batch(&self, batch: &Batch) -> Result<BatchResponses, Error> {
        let url = batch_url(self.service_root());
        let mut responses = BatchResponses::default();
        for part in parts(batch, self.max_batch_size())? {
            responses.extend(self.execute(Method::Post, &url, Some(part))?);
        }
        Ok(responses)
    }
}

/// `<service root>/$batch`.
pub(crate) fn batch_url(service_root: &str) -> String {
    format!("{service_root}/$batch")
}

/// The bodies of the `POST $batch` requests that send `batch` with at most `max` requests
/// each.
pub(crate) fn parts(batch: &Batch, max: usize) -> Result<Vec<Body>, Error> {
    #[derive(Serialize)]
    struct Part<'a> {
        requests: Vec<&'a BatchRequest>,
    }
    split(batch.requests(), max)?
        .into_iter()
        .map(|requests| {
            Ok(Body {
                content_type: JSON_CONTENT_TYPE.to_owned(),
                data: serde_json::to_vec(&Part { requests }).map_err(Error::Body)?,
                headers: vec![(CONTINUE_ON_ERROR.0, CONTINUE_ON_ERROR.1.to_owned())],
            })
        })
        .collect()
}

/// `requests` in parts of at most `max`, each linked set (an atomicity group, a request and
/// what it depends on) whole in one part, requests in their order.
fn split(requests: &[BatchRequest], max: usize) -> Result<Vec<Vec<&BatchRequest>>, Error> {
    // Union-find over request indices: the sets that must travel together.
    let mut parent: Vec<usize> = (0..requests.len()).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    let first_of = |name: &str| {
        requests.iter().position(|r| r.id == name).or_else(|| {
            requests
                .iter()
                .position(|r| r.atomicity_group.as_deref() == Some(name))
        })
    };
    for (index, request) in requests.iter().enumerate() {
        let linked = request
            .atomicity_group
            .iter()
            .chain(&request.depends_on)
            .filter_map(|name| first_of(name));
        for other in linked.collect::<Vec<_>>() {
            let (a, b) = (root(&mut parent, index), root(&mut parent, other));
            // The smaller index stays the root, so a set is named by its first request.
            parent[a.max(b)] = a.min(b);
        }
    }
    let mut sets: Vec<Vec<usize>> = Vec::new();
    let mut set_of_root = vec![usize::MAX; requests.len()];
    for index in 0..requests.len() {
        let r = root(&mut parent, index);
        if set_of_root[r] == usize::MAX {
            set_of_root[r] = sets.len();
            sets.push(Vec::new());
        }
        sets[set_of_root[r]].push(index);
    }
    let mut parts: Vec<Vec<usize>> = Vec::new();
    for set in sets {
        if set.len() > max {
            let ids = set.iter().map(|&i| requests[i].id.clone()).collect();
            return Err(Error::BatchTooLarge { ids, max });
        }
        match parts.last_mut() {
            Some(part) if part.len() + set.len() <= max => part.extend(set),
            _ => parts.push(set),
        }
    }
    Ok(parts
        .into_iter()
        .map(|mut part| {
            part.sort_unstable();
            part.into_iter().map(|i| &requests[i]).collect()
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use graph_assignments::runtime::{BatchOptions, Request};
    use graph_assignments::GraphService;

    fn ids<'a>(parts: &[Vec<&'a BatchRequest>]) -> Vec<Vec<&'a str>> {
        parts
            .iter()
            .map(|part| part.iter().map(|r| r.id.as_str()).collect())
            .collect()
    }

    fn get() -> Request<(), graph_assignments::models::User> {
        GraphService::new().users().by_id("u1").get()
    }

    #[test]
    fn linked_requests_stay_in_one_part_in_order() {
        let mut batch = Batch::new();
        for _ in 0..3 {
            batch.add(&get()).unwrap(); // 1, 2, 3
        }
        let group = || BatchOptions::new().atomicity_group("g");
        batch.add_with(&get(), group()).unwrap(); // 4
        batch.add_with(&get(), group().depends_on("1")).unwrap(); // 5
        batch
            .add_with(&get(), BatchOptions::new().depends_on("2"))
            .unwrap(); // 6
        batch
            .add_with(&get(), BatchOptions::new().depends_on("g"))
            .unwrap(); // 7
        batch.add(&get()).unwrap(); // 8
        let parts = split(batch.requests(), 4).unwrap();
        // {1,4,5,7} {2,6} {3} {8}
        assert_eq!(
            ids(&parts),
            [vec!["1", "4", "5", "7"], vec!["2", "3", "6", "8"]]
        );
        let parts = split(batch.requests(), 20).unwrap();
        assert_eq!(parts.len(), 1);
        assert_eq!(parts[0].len(), 8);
        let error = split(batch.requests(), 3).unwrap_err();
        assert!(
            matches!(&error, Error::BatchTooLarge { ids, max: 3 } if ids == &["1", "4", "5", "7"]),
            "{error:?}"
        );
        assert_eq!(
            error.to_string(),
            "requests 1, 4, 5, 7 must go in one batch (atomicity group or dependsOn), \
             more than the maximum of 3"
        );
    }

    #[test]
    fn unlinked_requests_fill_parts_up_to_the_maximum() {
        let mut batch = Batch::new();
        for _ in 0..45 {
            batch.add(&get()).unwrap();
        }
        let sizes: Vec<usize> = split(batch.requests(), 20)
            .unwrap()
            .iter()
            .map(Vec::len)
            .collect();
        assert_eq!(sizes, [20, 20, 5]);
        let bodies = parts(&batch, 20).unwrap();
        let first: serde_json::Value = serde_json::from_slice(&bodies[2].data).unwrap();
        assert_eq!(first["requests"][0]["id"], "41");
        assert_eq!(first["requests"][0]["url"], "users/u1");
        assert!(split(&[], 20).unwrap().is_empty());
    }
}
