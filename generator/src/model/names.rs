//! Name resolution: which namespace an alias stands for in a given document, and how a type
//! name as written (`graph.user`, `Collection(self.alert)`, `Edm.String`) splits up.

use std::collections::BTreeMap;

use crate::csdl::ast::Document;

/// The aliases visible in one document: those of its own schemas and of its `edmx:Include`s.
/// CSDL scopes aliases to the document that declares them, so each file gets its own scope.
#[derive(Debug, Clone, Default)]
pub struct Scope {
    aliases: BTreeMap<String, String>,
    /// The namespace of the schema the names are written in; empty for the whole document.
    home: String,
}

impl Scope {
    pub fn of_document(document: &Document) -> Scope {
        let mut aliases = BTreeMap::new();
        for reference in &document.references {
            for include in &reference.includes {
                if let Some(alias) = &include.alias {
                    aliases.insert(alias.clone(), include.namespace.clone());
                }
            }
        }
        for schema in &document.schemas {
            if let Some(alias) = &schema.alias {
                aliases.insert(alias.clone(), schema.namespace.clone());
            }
        }
        Scope {
            aliases,
            home: String::new(),
        }
    }

    /// This scope, for the names written in the schema `namespace` of its document.
    pub fn in_schema(&self, namespace: &str) -> Scope {
        Scope {
            aliases: self.aliases.clone(),
            home: namespace.to_owned(),
        }
    }

    /// The namespace of the schema the names are written in, if the scope is a schema's.
    pub fn home(&self) -> Option<&str> {
        Some(self.home.as_str()).filter(|home| !home.is_empty())
    }

    /// The namespace a qualifier stands for: an alias is replaced, a namespace stays.
    pub fn namespace_of<'a>(&'a self, qualifier: &'a str) -> &'a str {
        self.aliases
            .get(qualifier)
            .map(String::as_str)
            .unwrap_or(qualifier)
    }

    /// `alias.Name` or `namespace.Name` → `namespace.Name`; `None` without a qualifier.
    pub fn qualify(&self, name: &str) -> Option<String> {
        let (qualifier, simple) = name.rsplit_once('.')?;
        Some(format!("{}.{}", self.namespace_of(qualifier), simple))
    }
}

/// A type name as written, split into collection-ness and the item's name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrittenType<'a> {
    pub collection: bool,
    pub item: &'a str,
}

/// Splits `Collection(x)` into its parts; anything else is a single `x`.
pub fn parse_type_name(written: &str) -> WrittenType<'_> {
    let trimmed = written.trim();
    match trimmed
        .strip_prefix("Collection(")
        .and_then(|rest| rest.strip_suffix(')'))
    {
        Some(item) => WrittenType {
            collection: true,
            item: item.trim(),
        },
        None => WrittenType {
            collection: false,
            item: trimmed,
        },
    }
}

/// Whether `name` is a CSDL SimpleIdentifier: a letter or `_`, then letters, digits, combining
/// marks, connector punctuation (`_`, `‿`, `＿`…) or the joiners CSDL's format characters are
/// used for, at most 128 characters. Names outside this set could not be turned into Rust
/// names safely. Text-direction controls, also format characters, are refused: they would
/// make the document read differently from what it says.
pub fn is_simple_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    (first.is_alphabetic() || first == '_')
        && chars.all(|c| {
            c.is_alphanumeric()
                || unicode_ident::is_xid_continue(c)
                || matches!(c, '\u{ad}' | '\u{200c}' | '\u{200d}' | '\u{2060}')
        })
        && name.chars().count() <= 128
}

/// Whether `name` is simple identifiers joined by single `-` (`client-request-id`): no
/// identifier, but every part becomes one in Rust, so nothing of it reaches code unescaped.
pub fn is_hyphenated_identifier(name: &str) -> bool {
    name.contains('-') && name.chars().count() <= 128 && name.split('-').all(is_simple_identifier)
}

/// Whether `alias` can stand for a namespace although it is no simple identifier: services
/// publish dotted aliases (`Catalog.V1`) and hyphenated ones (`my-ext`). An alias is only
/// matched against the qualifier of names in its document (everything before the last `.`),
/// never turned into Rust, so any identifier-like segments joined by `.` or `-` are unambiguous.
pub fn is_lenient_alias(alias: &str) -> bool {
    alias.chars().count() <= 511
        && alias.split(['.', '-']).all(|part| {
            part.starts_with(|c: char| c.is_alphabetic() || c == '_')
                && part.chars().all(|c| c.is_alphanumeric() || c == '_')
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collection_names_split() {
        assert_eq!(
            parse_type_name("Collection(graph.user)"),
            WrittenType {
                collection: true,
                item: "graph.user"
            }
        );
        assert_eq!(
            parse_type_name(" Edm.String "),
            WrittenType {
                collection: false,
                item: "Edm.String"
            }
        );
    }

    #[test]
    fn identifiers() {
        assert!(is_simple_identifier("odata_type2"));
        assert!(is_simple_identifier("_x"));
        assert!(is_simple_identifier("größe"));
        assert!(is_simple_identifier("fahrer‿name"));
        assert!(is_simple_identifier("名前"));
        assert!(is_simple_identifier("e\u{301}tat")); // a combining accent
        assert!(!is_simple_identifier("a\u{202e}b")); // a text-direction control
        assert!(!is_simple_identifier("‿a"));
        assert!(!is_simple_identifier("2x"));
        assert!(!is_simple_identifier("a-b"));
        assert!(!is_simple_identifier("a b"));
        assert!(!is_simple_identifier(""));
        assert!(!is_simple_identifier("x\"); evil(); //"));
        assert!(!is_simple_identifier(&"a".repeat(129)));
    }

    #[test]
    fn hyphenated_identifiers() {
        assert!(is_hyphenated_identifier("client-request-id"));
        assert!(!is_hyphenated_identifier("request_id"));
        assert!(!is_hyphenated_identifier("a--b"));
        assert!(!is_hyphenated_identifier("-a"));
        assert!(!is_hyphenated_identifier("a-1"));
        assert!(!is_hyphenated_identifier("a-b c"));
    }

    #[test]
    fn lenient_aliases() {
        assert!(is_lenient_alias("Catalog.V1"));
        assert!(is_lenient_alias("my-ext"));
        assert!(is_lenient_alias("self"));
        assert!(!is_lenient_alias("a..b"));
        assert!(!is_lenient_alias(".a"));
        assert!(!is_lenient_alias("a b"));
        assert!(!is_lenient_alias("a(b)"));
        assert!(!is_lenient_alias("1x"));
        assert!(!is_lenient_alias(""));
    }
}
