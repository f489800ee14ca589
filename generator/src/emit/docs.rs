//! Doc comments from metadata descriptions.
//!
//! Descriptions are untrusted text. They are emitted as `#[doc = "…"]` string literals (quote
//! escapes them, so no text can end the comment and become code), and made safe for rustdoc:
//! no line starts indented (it would become a code block, and then a doctest), fences and
//! brackets are escaped (no doctests, no broken intra-doc links), and HTML-like text is escaped.

use proc_macro2::TokenStream;
use quote::quote;

use crate::model::Docs;

/// `#[doc]` attributes for an element's docs, plus `#[deprecated]` where the metadata says so.
pub fn attributes(docs: &Docs) -> TokenStream {
    let mut lines: Vec<String> = Vec::new();
    if let Some(description) = &docs.description {
        lines.extend(markdown_lines(description));
    }
    if let Some(long) = &docs.long_description {
        if !lines.is_empty() {
            lines.push(String::new());
        }
        lines.extend(markdown_lines(long));
    }
    let doc_attrs = lines.iter().map(|line| {
        let text = format!(" {line}");
        let text = if line.is_empty() { String::new() } else { text };
        quote!(#[doc = #text])
    });
    let deprecated = docs.deprecated.as_ref().map(|note| {
        let note = one_line(note);
        quote!(#[deprecated(note = #note)])
    });
    quote!(#(#doc_attrs)* #deprecated)
}

/// A single doc line written by the generator itself (already safe text).
pub fn line(text: &str) -> TokenStream {
    let text = format!(" {text}");
    quote!(#[doc = #text])
}

fn markdown_lines(text: &str) -> Vec<String> {
    let normalized = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut lines: Vec<String> = normalized
        .lines()
        .map(|line| escape_markdown(line.trim()))
        .collect();
    while lines.last().is_some_and(String::is_empty) {
        lines.pop();
    }
    while lines.first().is_some_and(String::is_empty) {
        lines.remove(0);
    }
    lines
}

fn escape_markdown(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    for c in line.chars() {
        match c {
            '[' | ']' | '`' | '<' | '>' | '*' | '_' | '#' | '|' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => out.push(' '),
            // Shown as `\u{…}` (the backslash escaped for Markdown).
            c if changes_text_direction(c) => out.push_str(&format!("\\\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

/// A deprecation note on one line, without characters rustc refuses in a literal.
fn one_line(text: &str) -> String {
    let visible: String = text
        .chars()
        .map(|c| {
            if changes_text_direction(c) {
                format!("\\u{{{:x}}}", c as u32)
            } else {
                c.to_string()
            }
        })
        .collect();
    visible.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The Unicode controls that reorder how text is displayed ("Trojan Source"). rustc denies them
/// in comments and string literals (`text_direction_codepoint_in_comment`/`_in_literal`), so
/// text from metadata carrying one would stop the generated crate from compiling.
fn changes_text_direction(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_text_stays_text() {
        let docs = Docs {
            description: Some(
                "ends */ here \"quoted\" # ] ` \n    indented\n```rust\nfn x(){}".into(),
            ),
            long_description: None,
            deprecated: Some("use \"y\"\ninstead".into()),
        };
        let tokens = attributes(&docs).to_string();
        let file: syn::File = syn::parse_str(&format!("{tokens} struct S;")).expect("parses");
        let attrs = &file.items.len();
        assert_eq!(*attrs, 1, "only the struct, no injected items");
        assert!(
            !tokens.contains("\"    indented"),
            "no indented line: {tokens}"
        );
        assert!(
            tokens.contains("\\\\`\\\\`\\\\`rust"),
            "fence escaped: {tokens}"
        );
    }

    #[test]
    fn text_direction_controls_become_visible_escapes() {
        let docs = Docs {
            description: Some("a\u{202E}b\u{2066}c".into()),
            long_description: None,
            deprecated: Some("old\u{200F}".into()),
        };
        let tokens = attributes(&docs).to_string();
        assert!(!tokens.chars().any(changes_text_direction), "{tokens}");
        assert!(tokens.contains(r#"a\\\\u{202e}b\\\\u{2066}c"#), "{tokens}");
        assert!(tokens.contains(r#"old\\u{200f}"#), "{tokens}");
    }
}
