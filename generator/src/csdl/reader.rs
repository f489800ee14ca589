//! CSDL XML bytes → [`ast::Document`], in one streaming pass over quick-xml events.
//!
//! The input is checked to be UTF-8 up front and then read with quick-xml's namespace-aware
//! slice reader, which borrows names and values from it: only what ends up in the AST is copied.
//! Nothing outside the given bytes is ever read: DTDs are refused, so no entity can point
//! elsewhere.

mod attrs;
mod builder;
mod elements;
mod expressions;
mod lines;
mod sink;

use std::sync::Arc;

use quick_xml::events::{BytesDecl, BytesStart, Event};
use quick_xml::name::ResolveResult;
use quick_xml::NsReader;

use self::builder::{Builder, Ns};
use self::sink::{Fatal, Sink};
use super::ast;
use crate::diagnostics::Diagnostics;

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";
const UTF16_LE_BOM: &[u8] = b"\xFF\xFE";
const UTF16_BE_BOM: &[u8] = b"\xFE\xFF";

/// Parses one CSDL XML document (`edmx:Edmx` root, or a bare `Schema`).
///
/// Every problem is added to `diags`, positioned in `file`. Returns `None` when the input is
/// not well-formed XML (or is too deeply nested, or has a DTD); otherwise the document, which
/// is only trustworthy if no errors were added.
pub fn parse_document(
    file: Arc<str>,
    bytes: &[u8],
    diags: &mut Diagnostics,
) -> Option<ast::Document> {
    let bytes = bytes.strip_prefix(UTF8_BOM).unwrap_or(bytes);
    let text = match decode(bytes) {
        Ok(text) => text,
        Err(problem) => {
            diags.extend(problem.into_diagnostics(file, bytes));
            return None;
        }
    };
    let mut builder = Builder::new(Sink::new(file, text));
    let (document, found) = match read_events(text, &mut builder) {
        Ok(end) => builder.finish(end),
        Err(Fatal) => (None, builder.abandon()),
    };
    diags.extend(found);
    document
}

/// Why the bytes are not text this reader accepts, and where.
struct EncodingProblem {
    offset: usize,
    message: &'static str,
}

impl EncodingProblem {
    fn into_diagnostics(self, file: Arc<str>, bytes: &[u8]) -> Diagnostics {
        // The bytes before the problem are valid UTF-8, so they give its line and column.
        let before = bytes
            .get(..self.offset)
            .and_then(|valid| std::str::from_utf8(valid).ok())
            .unwrap_or("");
        let mut sink = Sink::new(file, before);
        sink.error(self.offset, self.message);
        sink.into_diagnostics()
    }
}

/// The bytes as UTF-8 text (the byte-order mark already removed).
fn decode(bytes: &[u8]) -> Result<&str, EncodingProblem> {
    if bytes.starts_with(UTF16_LE_BOM) || bytes.starts_with(UTF16_BE_BOM) {
        return Err(EncodingProblem {
            offset: 0,
            message: "the file is UTF-16; CSDL XML is read as UTF-8 only",
        });
    }
    let text = std::str::from_utf8(bytes).map_err(|err| EncodingProblem {
        offset: err.valid_up_to(),
        message: "the file is not valid UTF-8",
    })?;
    // XML has no NUL character; finding one means binary data or UTF-16 without a BOM.
    if let Some(offset) = text.find('\0') {
        return Err(EncodingProblem {
            offset,
            message: "NUL character: this is not an XML text file",
        });
    }
    Ok(text)
}

/// Feeds every XML event of `text` to `builder`; returns the offset of the end of input.
fn read_events(text: &str, builder: &mut Builder) -> Result<usize, Fatal> {
    let mut reader = NsReader::from_str(text);
    loop {
        // Before an element, the reader stands on its `<`: text is always a separate event.
        let offset = to_usize(reader.buffer_position());
        let event = match reader.read_event() {
            Ok(event) => event,
            Err(err) => {
                let at = to_usize(reader.error_position());
                builder.sink().error(at, format!("malformed XML: {err}"));
                return Err(Fatal);
            }
        };
        match event {
            Event::Start(start) => builder.open(&start, namespace(&reader, &start), offset)?,
            Event::Empty(start) => {
                builder.open(&start, namespace(&reader, &start), offset)?;
                builder.close();
            }
            Event::End(_) => builder.close(),
            Event::Text(raw) => builder.text(&raw, || raw.xml10_content(), offset),
            Event::CData(raw) => builder.text(&raw, || raw.xml10_content(), offset),
            Event::GeneralRef(reference) => builder.reference(&reference, offset),
            Event::Decl(decl) => check_declaration(&decl, builder.sink(), offset),
            Event::DocType(doctype) => {
                let html = doctype
                    .trim_start()
                    .get(..4)
                    .is_some_and(|name| name.eq_ignore_ascii_case("html"));
                let message = if html {
                    "this is an HTML page (a sign-in or error page?), not CSDL metadata"
                } else {
                    "DTDs are not allowed in CSDL; `<!DOCTYPE …>` is refused and nothing in it is read"
                };
                builder.sink().error(offset, message);
                return Err(Fatal);
            }
            Event::Comment(_) | Event::PI(_) => {}
            Event::Eof => return Ok(offset),
        }
    }
}

fn namespace<'r, R>(reader: &'r NsReader<R>, start: &BytesStart) -> Ns<'r> {
    match reader.resolver().resolve_element(start.name()).0 {
        ResolveResult::Bound(namespace) => Ns::from_uri(namespace.0),
        ResolveResult::Unbound => Ns::Unbound,
        ResolveResult::Unknown(_) => Ns::UndeclaredPrefix,
    }
}

/// Warns when `<?xml … encoding="…"?>` names another encoding: the bytes were valid UTF-8,
/// so they are read as such, but the producer may have meant something else.
fn check_declaration(decl: &BytesDecl, sink: &mut Sink, offset: usize) {
    let Some(Ok(encoding)) = decl.encoding() else {
        return;
    };
    let utf8 = ["utf-8", "utf8", "us-ascii"]
        .iter()
        .any(|name| encoding.eq_ignore_ascii_case(name));
    if !utf8 {
        let message =
            format!("the XML declaration says encoding `{encoding}`; the file is read as UTF-8");
        sink.warning(offset, message);
    }
}

/// quick-xml counts in `u64`; offsets into an in-memory `&str` always fit in `usize`.
fn to_usize(offset: u64) -> usize {
    usize::try_from(offset).unwrap_or(usize::MAX)
}
