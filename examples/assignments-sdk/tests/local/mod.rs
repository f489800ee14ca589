//! A small HTTP handler of the tests' own, for what odatapy 5.3.0 cannot serve: stream
//! properties (`…/policyPayload`), whose PUT odatapy refuses with `415` and whose GET it answers
//! with `204`. It keeps one stream per path: `PUT` stores the body with its content type and
//! answers `204`; `GET` answers the stored bytes with their content type, or an OData error
//! `404`. Anything else is a `405`. Std only (`TcpListener`), one connection per request.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

/// One request as the handler saw it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seen {
    pub method: String,
    /// The path and query, as sent.
    pub target: String,
    /// `Content-Type`, empty without one.
    pub content_type: String,
    /// `Accept`, empty without one.
    pub accept: String,
    pub body: Vec<u8>,
}

#[derive(Default)]
struct State {
    /// Path → (content type, bytes).
    streams: BTreeMap<String, (String, Vec<u8>)>,
    seen: Vec<Seen>,
}

/// The running handler, stopped on drop.
pub struct StreamServer {
    address: SocketAddr,
    state: Arc<Mutex<State>>,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl StreamServer {
    pub fn start() -> StreamServer {
        let listener = TcpListener::bind("127.0.0.1:0").expect("a free port on 127.0.0.1");
        let address = listener.local_addr().expect("the bound address");
        let state = Arc::new(Mutex::new(State::default()));
        let stop = Arc::new(AtomicBool::new(false));
        let thread = {
            let (state, stop) = (Arc::clone(&state), Arc::clone(&stop));
            std::thread::spawn(move || {
                for connection in listener.incoming() {
                    if stop.load(Ordering::SeqCst) {
                        break;
                    }
                    // A broken connection only fails the request on it, which the test sees.
                    if let Ok(connection) = connection {
                        let _ = serve(connection, &state);
                    }
                }
            })
        };
        StreamServer {
            address,
            state,
            stop,
            thread: Some(thread),
        }
    }

    /// The service root.
    pub fn root(&self) -> String {
        format!("http://{}", self.address)
    }

    /// Every request so far, in order.
    pub fn seen(&self) -> Vec<Seen> {
        self.state
            .lock()
            .map(|s| s.seen.clone())
            .unwrap_or_default()
    }
}

impl Drop for StreamServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wakes the blocking `accept` so that the thread sees the flag.
        let _ = TcpStream::connect(self.address);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn serve(connection: TcpStream, state: &Mutex<State>) -> std::io::Result<()> {
    let mut reader = BufReader::new(connection.try_clone()?);
    let mut line = String::new();
    reader.read_line(&mut line)?;
    let mut parts = line.split_whitespace();
    let (method, target) = match (parts.next(), parts.next()) {
        (Some(method), Some(target)) => (method.to_owned(), target.to_owned()),
        _ => return Ok(()),
    };
    let mut headers = BTreeMap::new();
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header)? == 0 || header.trim().is_empty() {
            break;
        }
        if let Some((name, value)) = header.split_once(':') {
            headers.insert(name.trim().to_ascii_lowercase(), value.trim().to_owned());
        }
    }
    let length: u64 = headers
        .get("content-length")
        .and_then(|l| l.parse().ok())
        .unwrap_or(0);
    let mut body = Vec::new();
    reader.take(length).read_to_end(&mut body)?;
    let header = |name: &str| headers.get(name).cloned().unwrap_or_default();
    let seen = Seen {
        method: method.clone(),
        target: target.clone(),
        content_type: header("content-type"),
        accept: header("accept"),
        body: body.clone(),
    };
    let (status, content_type, answer) = {
        let mut state = state
            .lock()
            .map_err(|_| std::io::Error::other("state poisoned"))?;
        state.seen.push(seen);
        match method.as_str() {
            "PUT" => {
                state.streams.insert(target, (header("content-type"), body));
                ("204 No Content", String::new(), Vec::new())
            }
            "GET" => match state.streams.get(&target) {
                Some((content_type, bytes)) => ("200 OK", content_type.clone(), bytes.clone()),
                None => (
                    "404 Not Found",
                    "application/json".to_owned(),
                    br#"{"error":{"code":"itemNotFound","message":"no stream here"}}"#.to_vec(),
                ),
            },
            _ => ("405 Method Not Allowed", String::new(), Vec::new()),
        }
    };
    let mut out = connection;
    write!(
        out,
        "HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n",
        answer.len()
    )?;
    if !content_type.is_empty() {
        write!(out, "Content-Type: {content_type}\r\n")?;
    }
    out.write_all(b"\r\n")?;
    out.write_all(&answer)?;
    out.flush()
}
