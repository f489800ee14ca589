//! The files of a model: the inputs, then every local file they pull in through
//! `edmx:Reference`, transitively, each file once.
//!
//! Metadata documents come from servers and are not trusted: nothing is fetched from the
//! network, and no file outside the folders of the inputs is read, whatever a `Uri` says.

use std::collections::{HashMap, HashSet, VecDeque};
use std::fs::File;
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::ast;
use super::reader::parse_document;
use crate::diagnostics::{Diagnostics, Pos};

/// The largest file read: far above real metadata (Microsoft Graph's is 3.4 MB), and a bound
/// on the memory one input can take.
const MAX_FILE_SIZE: u64 = 256 * 1024 * 1024;

/// Why a referenced file that was read is not used.
const HAS_ERRORS: &str = "it is not valid CSDL; see its errors";

/// Every document read, and the references that were not followed.
#[derive(Debug, Clone, Default)]
pub struct Loaded {
    /// The inputs first, in the order given, then referenced files in the order found.
    pub files: Vec<LoadedFile>,
    pub unresolved: Vec<UnresolvedReference>,
}

#[derive(Debug, Clone)]
pub struct LoadedFile {
    /// As the user gave it, or as the referencing file's folder joined with the `Uri`.
    pub path: PathBuf,
    pub document: ast::Document,
}

/// An `edmx:Reference` whose document was not read. Whether that matters is for the model
/// layer to decide: references to the standard vocabularies (`Org.OData.Core.V1`, …) are
/// usually remote and harmless.
#[derive(Debug, Clone)]
pub struct UnresolvedReference {
    pub pos: Pos,
    pub uri: String,
    /// The namespaces the reference includes.
    pub namespaces: Vec<String>,
    pub reason: String,
}

/// Reads and parses `inputs` and the local files they reference. Unreadable or malformed
/// files are reported in `diags` and left out of the result.
pub fn load(inputs: &[PathBuf], diags: &mut Diagnostics) -> Loaded {
    load_with_limit(inputs, MAX_FILE_SIZE, diags)
}

fn load_with_limit(inputs: &[PathBuf], max_file_size: u64, diags: &mut Diagnostics) -> Loaded {
    let mut loader = Loader {
        roots: input_folders(inputs),
        max_file_size,
        seen: HashSet::new(),
        queue: VecDeque::new(),
        waiting: HashMap::new(),
        failed: HashSet::new(),
        loaded: Loaded::default(),
    };
    for input in inputs {
        match input.canonicalize() {
            Ok(canonical) => loader.enqueue(input.clone(), canonical),
            Err(err) => cannot_read(input, &err, diags),
        }
    }
    while let Some((path, canonical)) = loader.queue.pop_front() {
        loader.load_file(path, &canonical, diags);
    }
    loader.loaded
}

/// The canonical folders of the inputs: the only places references may lead to.
fn input_folders(inputs: &[PathBuf]) -> Vec<PathBuf> {
    inputs
        .iter()
        .filter_map(|input| {
            let folder = match input.parent() {
                Some(parent) if !parent.as_os_str().is_empty() => parent,
                _ => Path::new("."),
            };
            folder.canonicalize().ok()
        })
        .collect()
}

struct Loader {
    roots: Vec<PathBuf>,
    max_file_size: u64,
    /// Canonical paths of every file queued so far, so each is read once (cycles included).
    seen: HashSet<PathBuf>,
    /// Files to read: the path to show, and the canonical path to read.
    queue: VecDeque<(PathBuf, PathBuf)>,
    /// The references that led to each queued file, to be reported as unresolved if it turns
    /// out unreadable or malformed.
    waiting: HashMap<PathBuf, Vec<UnresolvedReference>>,
    /// Canonical paths of files that could not be read or parsed (errors reported).
    failed: HashSet<PathBuf>,
    loaded: Loaded,
}

impl Loader {
    fn enqueue(&mut self, path: PathBuf, canonical: PathBuf) {
        if self.seen.insert(canonical.clone()) {
            self.queue.push_back((path, canonical));
        }
    }

    fn load_file(&mut self, path: PathBuf, canonical: &Path, diags: &mut Diagnostics) {
        let loaded = self.read_and_parse(path, canonical, diags);
        let referrers = self.waiting.remove(canonical).unwrap_or_default();
        if !loaded {
            self.failed.insert(canonical.to_owned());
            self.loaded.unresolved.extend(referrers);
        }
    }

    /// Reads and parses one file; whether it became a document.
    fn read_and_parse(&mut self, path: PathBuf, canonical: &Path, diags: &mut Diagnostics) -> bool {
        let bytes = match read_capped(canonical, self.max_file_size) {
            Ok(bytes) => bytes,
            Err(ReadError::Io(err)) => {
                cannot_read(&path, &err, diags);
                return false;
            }
            Err(ReadError::TooLarge) => {
                let message = format!(
                    "{} is larger than {}; not read",
                    path.display(),
                    describe_size(self.max_file_size)
                );
                diags.error(&whole_file(&path), message);
                return false;
            }
        };
        let label: Arc<str> = Arc::from(path.display().to_string());
        let Some(document) = parse_document(label, &bytes, diags) else {
            return false;
        };
        for reference in &document.references {
            self.follow(&path, reference);
        }
        self.loaded.files.push(LoadedFile { path, document });
        true
    }

    /// Queues the file `reference` names, or records why it is not read.
    fn follow(&mut self, referrer: &Path, reference: &ast::Reference) {
        let unresolved = |reason: String| UnresolvedReference {
            pos: reference.pos.clone(),
            uri: reference.uri.clone(),
            namespaces: reference
                .includes
                .iter()
                .map(|include| include.namespace.clone())
                .collect(),
            reason,
        };
        let path = match local_path(&reference.uri) {
            Ok(LocalPath::Relative(relative)) => folder_of(referrer).join(relative),
            Ok(LocalPath::Absolute(absolute)) => absolute,
            Err(reason) => return self.loaded.unresolved.push(unresolved(reason.to_owned())),
        };
        let reason = match path.canonicalize() {
            Err(_) => format!("file not found: {}", path.display()),
            Ok(canonical) if !self.roots.iter().any(|root| canonical.starts_with(root)) => {
                "outside the input folders".to_owned()
            }
            Ok(canonical) if !canonical.is_file() => format!("not a file: {}", path.display()),
            Ok(canonical) if self.failed.contains(&canonical) => HAS_ERRORS.to_owned(),
            Ok(canonical) => {
                let if_it_fails = unresolved(HAS_ERRORS.to_owned());
                self.waiting
                    .entry(canonical.clone())
                    .or_default()
                    .push(if_it_fails);
                return self.enqueue(path, canonical);
            }
        };
        self.loaded.unresolved.push(unresolved(reason));
    }
}

fn folder_of(path: &Path) -> &Path {
    path.parent().unwrap_or(Path::new(""))
}

/// Where a problem with a whole file is reported.
fn whole_file(path: &Path) -> Pos {
    Pos::new(Arc::from(path.display().to_string()), 1, 1)
}

fn cannot_read(path: &Path, err: &io::Error, diags: &mut Diagnostics) {
    let message = format!("cannot read {}: {err}", path.display());
    diags.error(&whole_file(path), message);
}

fn describe_size(bytes: u64) -> String {
    const MIB: u64 = 1024 * 1024;
    if bytes.is_multiple_of(MIB) {
        format!("{} MiB", bytes / MIB)
    } else {
        format!("{bytes} bytes")
    }
}

enum ReadError {
    Io(io::Error),
    TooLarge,
}

/// The whole file, unless it is larger than `max` bytes. The size is checked while reading
/// too, as pipes and special files report none.
fn read_capped(path: &Path, max: u64) -> Result<Vec<u8>, ReadError> {
    let file = File::open(path).map_err(ReadError::Io)?;
    let announced = file.metadata().map(|meta| meta.len()).unwrap_or(0);
    if announced > max {
        return Err(ReadError::TooLarge);
    }
    let mut bytes = Vec::with_capacity(usize::try_from(announced).unwrap_or(0));
    file.take(max.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    if u64::try_from(bytes.len()).map_or(true, |len| len > max) {
        return Err(ReadError::TooLarge);
    }
    Ok(bytes)
}

/// A reference `Uri` that names a file on this machine.
#[derive(Debug, PartialEq, Eq)]
enum LocalPath {
    /// To be resolved against the referencing file's folder.
    Relative(PathBuf),
    Absolute(PathBuf),
}

/// The file a reference `Uri` names, or why it names none that may be read.
fn local_path(uri: &str) -> Result<LocalPath, &'static str> {
    // A query or fragment means nothing to a file.
    let uri = uri.split(['?', '#']).next().unwrap_or_default();
    // `//host/path` (a network-path reference) and `\\host\share` (a Windows UNC path)
    // name other machines.
    if uri.starts_with("//") || uri.starts_with("\\\\") {
        return Err("remote references are not fetched");
    }
    match split_scheme(uri) {
        None => {
            let path = PathBuf::from(percent_decode(uri)?);
            Ok(if path.has_root() {
                LocalPath::Absolute(path)
            } else {
                LocalPath::Relative(path)
            })
        }
        Some((scheme, rest)) if scheme.eq_ignore_ascii_case("file") => file_uri_path(rest),
        Some(_) => Err("remote references are not fetched"),
    }
}

/// The scheme of an absolute URI (RFC 3986: a letter, then letters, digits, `+`, `-` or `.`,
/// then `:`) and the rest after the `:`; `None` for a relative reference.
fn split_scheme(uri: &str) -> Option<(&str, &str)> {
    let (scheme, rest) = uri.split_once(':')?;
    let mut chars = scheme.chars();
    let valid = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    valid.then_some((scheme, rest))
}

/// The path of a `file:` URI (given without `file:`): `///path`, `//localhost/path`, `/path`.
fn file_uri_path(rest: &str) -> Result<LocalPath, &'static str> {
    let path = match rest.strip_prefix("//") {
        Some(authority_and_path) => {
            let (host, path) = authority_and_path
                .find('/')
                .map_or((authority_and_path, ""), |at| {
                    authority_and_path.split_at(at)
                });
            if !host.is_empty() && !host.eq_ignore_ascii_case("localhost") {
                return Err("remote references are not fetched");
            }
            path
        }
        None => rest,
    };
    let path = PathBuf::from(percent_decode(path)?);
    if path.has_root() {
        Ok(LocalPath::Absolute(path))
    } else {
        Err("a `file:` URI must name an absolute path")
    }
}

/// Decodes `%XX` escapes; the result must be UTF-8.
fn percent_decode(text: &str) -> Result<String, &'static str> {
    const MALFORMED: &str = "malformed percent-encoding in the URI";
    if !text.contains('%') {
        return Ok(text.to_owned());
    }
    let mut bytes = Vec::with_capacity(text.len());
    let mut rest = text.as_bytes();
    while let Some((&byte, tail)) = rest.split_first() {
        if byte == b'%' {
            let (hex, after) = tail.split_at_checked(2).ok_or(MALFORMED)?;
            let hex = std::str::from_utf8(hex).map_err(|_| MALFORMED)?;
            bytes.push(u8::from_str_radix(hex, 16).map_err(|_| MALFORMED)?);
            rest = after;
        } else {
            bytes.push(byte);
            rest = tail;
        }
    }
    String::from_utf8(bytes).map_err(|_| "the URI does not decode to UTF-8")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_uris_are_local_relative_paths() {
        assert_eq!(
            local_path("vocab/core.xml"),
            Ok(LocalPath::Relative("vocab/core.xml".into()))
        );
        assert_eq!(
            local_path("My%20File.xml#frag"),
            Ok(LocalPath::Relative("My File.xml".into()))
        );
        assert_eq!(
            local_path("../up.xml"),
            Ok(LocalPath::Relative("../up.xml".into()))
        );
    }

    #[test]
    fn uris_with_a_scheme_are_remote() {
        for uri in [
            "http://example.com/$metadata",
            "https://oasis-tcs.github.io/odata-vocabularies/vocabularies/Org.OData.Core.V1.xml",
            "ftp://x/y.xml",
            "urn:x-vendor:vocab",
            "file://server/share/x.xml",
            "//server/x.xml",
            "\\\\server\\share\\x.xml",
        ] {
            assert_eq!(
                local_path(uri),
                Err("remote references are not fetched"),
                "{uri}"
            );
        }
    }

    #[test]
    fn file_uris_and_absolute_paths_are_absolute() {
        assert_eq!(
            local_path("file:///tmp/a%20b.xml"),
            Ok(LocalPath::Absolute("/tmp/a b.xml".into()))
        );
        assert_eq!(
            local_path("file://localhost/tmp/a.xml"),
            Ok(LocalPath::Absolute("/tmp/a.xml".into()))
        );
        assert_eq!(
            local_path("FILE:/tmp/a.xml"),
            Ok(LocalPath::Absolute("/tmp/a.xml".into()))
        );
        assert_eq!(
            local_path("/etc/passwd"),
            Ok(LocalPath::Absolute("/etc/passwd".into()))
        );
        assert!(local_path("file:relative.xml").is_err());
    }

    #[test]
    fn colons_after_a_slash_are_not_schemes() {
        assert_eq!(
            local_path("dir/a:b.xml"),
            Ok(LocalPath::Relative("dir/a:b.xml".into()))
        );
    }

    #[test]
    fn bad_percent_encoding_is_rejected() {
        assert!(local_path("a%2.xml").is_err());
        assert!(local_path("a%zz.xml").is_err());
        assert!(local_path("a%FF.xml").is_err());
    }

    #[test]
    fn files_over_the_limit_are_not_read() {
        let dir = std::env::temp_dir().join(format!("odata-codegen-limit-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("big.xml");
        std::fs::write(&path, vec![b' '; 100]).unwrap();
        let mut diags = Diagnostics::new();
        let loaded = load_with_limit(std::slice::from_ref(&path), 99, &mut diags);
        std::fs::remove_dir_all(&dir).unwrap();
        assert!(loaded.files.is_empty());
        let error = diags.errors().next().unwrap();
        assert!(error.message.contains("larger than"), "{error}");
        assert_eq!((error.pos.line, error.pos.column), (1, 1));
    }
}
