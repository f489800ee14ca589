//! A small HTTP handler of the tests' own that answers from a script: what odatapy cannot be
//! made to do on cue (throttle with `429` and `Retry-After`, serve a delta round). Each request
//! goes to the script with its number (from 0) and the service root; the script returns the
//! answer. Std only (`TcpListener`), one connection per request.

#![allow(dead_code)] // each test file uses part of it

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Instant;

/// One request as the handler saw it.
#[derive(Debug, Clone)]
pub struct Seen {
    pub method: String,
    /// The path and query, as sent.
    pub target: String,
    /// Header names lower-case, values as sent.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// When it arrived.
    pub at: Instant,
}

impl Seen {
    pub fn header(&self, name: &str) -> Option<&str> {
        let name = name.to_ascii_lowercase();
        self.headers
            .iter()
            .find(|(key, _)| *key == name)
            .map(|(_, value)| value.as_str())
    }
}

/// What the script answers.
pub struct Answer {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Answer {
    /// `status` without a body.
    pub fn empty(status: u16) -> Answer {
        Answer {
            status,
            headers: Vec::new(),
            body: Vec::new(),
        }
    }

    /// `status` with a JSON body.
    pub fn json(status: u16, body: serde_json::Value) -> Answer {
        Answer {
            status,
            headers: vec![("Content-Type".into(), "application/json".into())],
            body: body.to_string().into_bytes(),
        }
    }

    pub fn header(mut self, name: &str, value: &str) -> Answer {
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }
}

type Script = dyn Fn(&Seen, usize, &str) -> Answer + Send + Sync;

/// The running handler, stopped on drop.
pub struct ScriptedServer {
    address: SocketAddr,
    seen: Arc<Mutex<Vec<Seen>>>,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl ScriptedServer {
    pub fn start(
        script: impl Fn(&Seen, usize, &str) -> Answer + Send + Sync + 'static,
    ) -> ScriptedServer {
        let listener = TcpListener::bind("127.0.0.1:0").expect("a free port on 127.0.0.1");
        let address = listener.local_addr().expect("the bound address");
        let seen = Arc::new(Mutex::new(Vec::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let thread = {
            let (seen, stop) = (Arc::clone(&seen), Arc::clone(&stop));
            let script: Box<Script> = Box::new(script);
            let root = format!("http://{address}");
            std::thread::spawn(move || {
                for connection in listener.incoming() {
                    if stop.load(Ordering::SeqCst) {
                        break;
                    }
                    // A broken connection only fails the request on it, which the test sees.
                    if let Ok(connection) = connection {
                        let _ = serve(connection, &seen, &*script, &root);
                    }
                }
            })
        };
        ScriptedServer {
            address,
            seen,
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
        self.seen.lock().map(|s| s.clone()).unwrap_or_default()
    }
}

impl Drop for ScriptedServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wakes the blocking `accept` so that the thread sees the flag.
        let _ = TcpStream::connect(self.address);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn serve(
    connection: TcpStream,
    seen: &Mutex<Vec<Seen>>,
    script: &Script,
    root: &str,
) -> std::io::Result<()> {
    let mut reader = BufReader::new(connection.try_clone()?);
    let mut line = String::new();
    reader.read_line(&mut line)?;
    let mut parts = line.split_whitespace();
    let (method, target) = match (parts.next(), parts.next()) {
        (Some(method), Some(target)) => (method.to_owned(), target.to_owned()),
        _ => return Ok(()),
    };
    let mut headers = Vec::new();
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header)? == 0 || header.trim().is_empty() {
            break;
        }
        if let Some((name, value)) = header.split_once(':') {
            headers.push((name.trim().to_ascii_lowercase(), value.trim().to_owned()));
        }
    }
    let length: u64 = headers
        .iter()
        .find(|(name, _)| name == "content-length")
        .and_then(|(_, l)| l.parse().ok())
        .unwrap_or(0);
    let mut body = Vec::new();
    reader.take(length).read_to_end(&mut body)?;
    let request = Seen {
        method,
        target,
        headers,
        body,
        at: Instant::now(),
    };
    let answer = {
        let mut seen = seen
            .lock()
            .map_err(|_| std::io::Error::other("state poisoned"))?;
        let answer = script(&request, seen.len(), root);
        seen.push(request);
        answer
    };
    let mut out = connection;
    write!(
        out,
        "HTTP/1.1 {} Scripted\r\nContent-Length: {}\r\nConnection: close\r\n",
        answer.status,
        answer.body.len()
    )?;
    for (name, value) in &answer.headers {
        write!(out, "{name}: {value}\r\n")?;
    }
    out.write_all(b"\r\n")?;
    out.write_all(&answer.body)?;
    out.flush()
}
