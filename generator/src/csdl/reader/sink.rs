//! Where the reader turns byte offsets into positions and records its diagnostics.

use std::sync::Arc;

use super::lines::LineIndex;
use crate::diagnostics::{Deviation, Diagnostics, Pos};

/// Parsing stopped: the input cannot be read further in a meaningful way. The reason has
/// already been recorded as an error.
#[derive(Debug)]
pub(super) struct Fatal;

pub(super) struct Sink<'t> {
    file: Arc<str>,
    text: &'t str,
    lines: LineIndex<'t>,
    diags: Diagnostics,
}

impl<'t> Sink<'t> {
    pub(super) fn new(file: Arc<str>, text: &'t str) -> Self {
        Sink {
            file,
            text,
            lines: LineIndex::new(text),
            diags: Diagnostics::new(),
        }
    }

    pub(super) fn pos(&mut self, offset: usize) -> Pos {
        let (line, column) = self.lines.line_column(offset);
        Pos::new(Arc::clone(&self.file), line, column)
    }

    /// The byte offset of `part` in the text, if `part` is a slice of it. quick-xml's slice
    /// reader hands out names and values borrowed from the input, which lets an attribute
    /// problem point at the attribute itself rather than at its element.
    pub(super) fn offset_of(&self, part: &str) -> Option<usize> {
        let start = self.text.as_ptr() as usize;
        let offset = (part.as_ptr() as usize).checked_sub(start)?;
        (offset + part.len() <= self.text.len()).then_some(offset)
    }

    pub(super) fn error(&mut self, offset: usize, message: impl Into<String>) {
        let pos = self.pos(offset);
        self.diags.error(&pos, message);
    }

    pub(super) fn warning(&mut self, offset: usize, message: impl Into<String>) {
        let pos = self.pos(offset);
        self.diags.warning(&pos, message);
    }

    /// A tolerated deviation from CSDL's rules (a warning, or an error under `--strict`).
    pub(super) fn deviation(&mut self, offset: usize, kind: Deviation, message: impl Into<String>) {
        let pos = self.pos(offset);
        self.diags.deviation(&pos, kind, message);
    }

    pub(super) fn deviation_at(&mut self, pos: &Pos, kind: Deviation, message: impl Into<String>) {
        self.diags.deviation(pos, kind, message);
    }

    pub(super) fn error_at(&mut self, pos: &Pos, message: impl Into<String>) {
        self.diags.error(pos, message);
    }

    pub(super) fn warning_at(&mut self, pos: &Pos, message: impl Into<String>) {
        self.diags.warning(pos, message);
    }

    pub(super) fn into_diagnostics(self) -> Diagnostics {
        self.diags
    }
}

/// The message for `&name;` in text or in an attribute value.
pub(super) fn unknown_entity(name: &str) -> String {
    format!(
        "unknown entity `&{name};`: only `&lt;`, `&gt;`, `&amp;`, `&apos;`, `&quot;` and \
         character references are allowed (CSDL documents have no DTD to declare more)"
    )
}
