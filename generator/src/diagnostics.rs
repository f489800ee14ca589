//! Positions and diagnostics shared by every phase.
//!
//! Every phase collects *all* its problems before giving up, so that a user fixing a metadata
//! document sees every error of one run at once (as serde_derive and cxx do).

use std::fmt;
use std::sync::Arc;

/// A place in an input file: 1-based line and column (columns count characters).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Pos {
    /// The file as the user named it (shared by every position of that file).
    pub file: Arc<str>,
    pub line: u32,
    pub column: u32,
}

impl Pos {
    pub fn new(file: Arc<str>, line: u32, column: u32) -> Self {
        Pos { file, line, column }
    }
}

impl fmt::Display for Pos {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.file, self.line, self.column)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
}

/// One problem found in the input, with where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub pos: Pos,
    pub message: String,
}

impl Diagnostic {
    pub fn error(pos: &Pos, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            pos: pos.clone(),
            message: one_short_line(message.into()),
        }
    }

    pub fn warning(pos: &Pos, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            pos: pos.clone(),
            message: one_short_line(message.into()),
        }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    /// `file:line:col: error: message`, the format editors and CI logs understand.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{}: {}: {}", self.pos, level, self.message)
    }
}

/// The longest run of quoted input text a message shows.
const MAX_QUOTED_CHARS: usize = 80;

/// Messages quote names and values from the input between backticks. The input is untrusted:
/// a value with a line break would forge a second diagnostic line, control characters could
/// reach the terminal, and a megabyte-long name would fill it. So control characters are
/// escaped and each quoted part is clipped, with its length said.
fn one_short_line(message: String) -> String {
    let needs_work = message.chars().any(char::is_control)
        || message
            .split('`')
            .skip(1)
            .step_by(2)
            .any(|quoted| quoted.len() > MAX_QUOTED_CHARS);
    if !needs_work {
        return message;
    }
    let mut out = String::with_capacity(message.len().min(1024));
    for (index, part) in message.split('`').enumerate() {
        if index > 0 {
            out.push('`');
        }
        let quoted = index % 2 == 1;
        let length = part.chars().count();
        let shown = if quoted && length > MAX_QUOTED_CHARS {
            MAX_QUOTED_CHARS
        } else {
            length
        };
        for c in part.chars().take(shown) {
            if c.is_control() {
                out.extend(c.escape_default());
            } else {
                out.push(c);
            }
        }
        if shown < length {
            out.push_str(&format!("… ({length} characters)"));
        }
    }
    out
}

/// A growing list of diagnostics, kept in the order they were found.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn error(&mut self, pos: &Pos, message: impl Into<String>) {
        self.items.push(Diagnostic::error(pos, message));
    }

    pub fn warning(&mut self, pos: &Pos, message: impl Into<String>) {
        self.items.push(Diagnostic::warning(pos, message));
    }

    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter().filter(|d| d.is_error())
    }

    pub fn warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter().filter(|d| !d.is_error())
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn into_vec(self) -> Vec<Diagnostic> {
        self.items
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(text: &str) -> String {
        Diagnostic::error(&Pos::default(), text).message
    }

    #[test]
    fn line_breaks_and_control_characters_are_escaped() {
        assert_eq!(
            message("name `a\nfile.xml:1:1: error: forged` is bad"),
            "name `a\\nfile.xml:1:1: error: forged` is bad"
        );
        assert_eq!(message("`\u{1b}[31m`"), "`\\u{1b}[31m`");
    }

    #[test]
    fn long_quoted_text_is_clipped_with_its_length() {
        let long = "x".repeat(1000);
        let shown = message(&format!("type `{long}` is not defined"));
        assert_eq!(
            shown,
            format!(
                "type `{}… (1000 characters)` is not defined",
                "x".repeat(80)
            )
        );
    }

    #[test]
    fn ordinary_messages_are_unchanged() {
        let text = "key property `id` is not a property of `ns.t`";
        assert_eq!(message(text), text);
    }
}
