//! A stream store on the scripted handler (`scripted/`), for what odatapy 5.3.0 cannot serve:
//! stream properties (`…/policyPayload`), whose PUT odatapy refuses with `415` and whose GET it
//! answers with `204`. One stream per path: `PUT` stores the body with its content type and
//! answers `204`; `GET` answers the stored bytes with their content type, or an OData error
//! `404`. Anything else is a `405`.

use std::collections::BTreeMap;
use std::sync::Mutex;

use super::scripted::{Answer, ScriptedServer};

pub fn start() -> ScriptedServer {
    // Path → (content type, bytes).
    let streams: Mutex<BTreeMap<String, (String, Vec<u8>)>> = Mutex::default();
    ScriptedServer::start(move |seen, _, _| {
        let mut streams = streams.lock().expect("not poisoned");
        match seen.method.as_str() {
            "PUT" => {
                let content_type = seen.header("content-type").unwrap_or_default();
                streams.insert(
                    seen.target.clone(),
                    (content_type.to_owned(), seen.body.clone()),
                );
                Answer::empty(204)
            }
            "GET" => match streams.get(&seen.target) {
                Some((content_type, bytes)) => Answer {
                    status: 200,
                    headers: vec![("Content-Type".into(), content_type.clone())],
                    body: bytes.clone(),
                },
                None => Answer::json(
                    404,
                    serde_json::json!({"error": {"code": "itemNotFound", "message": "no stream here"}}),
                ),
            },
            _ => Answer::empty(405),
        }
    })
}
