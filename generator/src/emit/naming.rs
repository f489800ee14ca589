//! Rust names for CSDL names: case conversion (heck), keywords, reserved names and collisions.
//!
//! Every rule here is deterministic and independent of input order, so a name only changes
//! when the metadata around it changes in a way that makes it collide:
//! - types and variants are `UpperCamelCase`, fields and methods `snake_case`;
//! - a leading `_` of the CSDL name is kept (`_summary` stays apart from `summary`);
//! - Rust keywords become raw identifiers (`r#type`); `self`, `super`, `crate`, `Self` and
//!   `_`, which cannot be raw, get a trailing `_`;
//! - names reserved in a scope (the prelude's types, the runtime's methods) get a suffix;
//! - names that are equal after conversion are numbered: the one whose CSDL name already
//!   *is* the Rust name keeps it, then the others in CSDL-name order get `2`, `3`, …

use std::collections::{BTreeMap, BTreeSet};

use heck::{ToKebabCase, ToSnakeCase, ToUpperCamelCase};

const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern",
    "false", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut",
    "pub", "ref", "return", "self", "Self", "static", "struct", "super", "trait", "true", "type",
    "unsafe", "use", "where", "while", "abstract", "become", "box", "do", "final", "macro",
    "override", "priv", "try", "typeof", "unsized", "virtual", "yield", "union",
];

/// Keywords that cannot be written as raw identifiers.
const NOT_RAW: &[&str] = &["self", "Self", "super", "crate", "_"];

/// Names a generated type must not take in a module: the prelude's, and those generated code
/// uses unqualified.
pub const RESERVED_TYPE_NAMES: &[&str] = &[
    "Option",
    "Some",
    "None",
    "Result",
    "Ok",
    "Err",
    "Vec",
    "String",
    "Box",
    "Default",
    "Clone",
    "Copy",
    "Debug",
    "PartialEq",
    "Eq",
    "PartialOrd",
    "Ord",
    "Hash",
    "Send",
    "Sync",
    "Sized",
    "Drop",
    "Fn",
    "FnMut",
    "FnOnce",
    "From",
    "Into",
    "Iterator",
    "IntoIterator",
    "ToString",
    "ToOwned",
    "AsRef",
    "AsMut",
    "Extend",
    "Unpin",
    "Self",
];

/// `UpperCamelCase` for types and variants.
pub fn type_name(csdl: &str) -> String {
    let converted = ascii_words(csdl).to_upper_camel_case();
    let converted = if converted.is_empty() {
        "Unnamed".to_owned()
    } else if converted.starts_with(|c: char| c.is_ascii_digit()) {
        format!("N{converted}")
    } else {
        converted
    };
    if NOT_RAW.contains(&converted.as_str()) {
        format!("{converted}_")
    } else {
        converted
    }
}

/// `snake_case` for fields, methods and modules, keeping leading underscores.
pub fn snake_name(csdl: &str) -> String {
    let underscores = csdl.len() - csdl.trim_start_matches('_').len();
    let body = ascii_words(csdl).to_snake_case();
    let mut name = format!("{}{}", "_".repeat(underscores), body);
    if name.is_empty() || name.chars().all(|c| c == '_') {
        name = format!("{name}field");
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name = format!("_{name}");
    }
    name
}

/// The package name of a crate generated into a directory when no name is given: the directory's
/// name in kebab case (`ODataService` → `o-data-service`, `v1.0-Mooncake` → `v1-0-mooncake`).
/// Cargo takes most names, but rustc's `non_snake_case` lint rejects a crate named in
/// `CamelCase`, and the crate must build without warnings; `generated` when nothing of the
/// name is usable, `odata-` before a leading digit.
pub fn package_name(directory: &str) -> String {
    let name: String = ascii_words(directory)
        .to_kebab_case()
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect();
    let name = name.trim_matches('-');
    match name.chars().next() {
        None => "generated".to_owned(),
        Some(c) if c.is_ascii_digit() => format!("odata-{name}"),
        Some(_) => name.to_owned(),
    }
}

/// Turns a name into an identifier token text: raw for keywords, `_`-suffixed where raw is
/// impossible.
pub fn ident_text(name: &str) -> String {
    if NOT_RAW.contains(&name) {
        format!("{name}_")
    } else if KEYWORDS.contains(&name) {
        format!("r#{name}")
    } else {
        name.to_owned()
    }
}

/// Rust names are ASCII: CSDL allows letters, digits and marks of every script, but such
/// identifiers trip rustc's lints (`non_snake_case` for capitals of other scripts,
/// `uncommon_codepoints`, `mixed_script_confusables`) and cannot be typed everywhere. So a
/// name is transliterated before its case is converted (deunicode: `größe` → `grosse`,
/// `Färbung` → `Farbung`, `型号` → `xing_hao`), which reads far better than code points; a
/// character deunicode has no spelling for becomes `u` + its code point in hex. Connector
/// punctuation separates words; combining marks are dropped. Any collision this makes (`grün` beside `grun`) is
/// numbered like every other; the wire name is kept exactly.
fn ascii_words(name: &str) -> std::borrow::Cow<'_, str> {
    if name.is_ascii() {
        return name.into();
    }
    let mut out = String::with_capacity(name.len() + 8);
    for c in name.chars() {
        if c.is_ascii() {
            out.push(c);
        } else if let Some(spelled) =
            deunicode::deunicode_char(c).filter(|s| s.chars().any(|c| c.is_ascii_alphanumeric()))
        {
            // CJK syllables come with a trailing space, so they stay words of their own.
            out.extend(
                spelled
                    .chars()
                    .filter(|c| c.is_ascii_alphanumeric() || *c == ' '),
            );
        } else if c.is_alphanumeric() {
            out.push_str(&format!(" u{:04x} ", c as u32));
        } else if CONNECTOR_PUNCTUATION.contains(&c) {
            out.push(' ');
        } // combining marks belong to the letter before them
    }
    out.into()
}

/// Unicode's connector punctuation (general category Pc) beyond `_`: word separators.
const CONNECTOR_PUNCTUATION: &[char] = &[
    '\u{203f}', '\u{2040}', '\u{2054}', '\u{fe33}', '\u{fe34}', '\u{fe4d}', '\u{fe4e}', '\u{fe4f}',
    '\u{ff3f}',
];

/// Assigns unique names within one scope (a module's types, a struct's fields, a builder's
/// methods). Build it with every candidate first, then read the results: the outcome does not
/// depend on the order in which candidates were added.
#[derive(Debug, Default)]
pub struct Scope {
    /// `snake_case` scopes number as `name_2`, others as `Name2`.
    snake: bool,
    reserved: BTreeSet<String>,
    /// Converted name → the CSDL names (or other keys) that want it.
    wanted: BTreeMap<String, BTreeSet<String>>,
}

impl Scope {
    /// A scope of `UpperCamelCase` names (types, variants).
    pub fn new() -> Self {
        Self::default()
    }

    /// A scope of `snake_case` names (fields, methods, modules).
    pub fn snake() -> Self {
        Scope {
            snake: true,
            ..Self::default()
        }
    }

    /// Names nothing in this scope may take.
    pub fn reserve<'a>(&mut self, names: impl IntoIterator<Item = &'a str>) {
        self.reserved.extend(names.into_iter().map(str::to_owned));
    }

    /// Registers `key` (unique in this scope, e.g. the CSDL name) as wanting `converted`.
    pub fn want(&mut self, key: &str, converted: &str) {
        self.wanted
            .entry(converted.to_owned())
            .or_default()
            .insert(key.to_owned());
    }

    /// The final name of every key.
    pub fn resolve(self) -> BTreeMap<String, String> {
        let mut taken: BTreeSet<String> = self.reserved.clone();
        taken.extend(self.wanted.keys().cloned());
        let mut result = BTreeMap::new();
        for (converted, keys) in &self.wanted {
            // The key that already is the converted name keeps it; then CSDL-name order.
            let mut ordered: Vec<&String> = keys.iter().collect();
            ordered.sort_by_key(|k| (*k != converted, (*k).clone()));
            let mut first_free = !self.reserved.contains(converted);
            for key in ordered {
                if first_free {
                    result.insert(key.clone(), converted.clone());
                    first_free = false;
                    continue;
                }
                let separator = if self.snake || converted.ends_with(|c: char| c.is_ascii_digit()) {
                    "_"
                } else {
                    ""
                };
                let unique = (2..)
                    .map(|n| format!("{converted}{separator}{n}"))
                    .find(|candidate| !taken.contains(candidate))
                    .unwrap_or_else(|| converted.clone());
                taken.insert(unique.clone());
                result.insert(key.clone(), unique);
            }
        }
        result
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_names() {
        assert_eq!(type_name("groupAssignmentTarget"), "GroupAssignmentTarget");
        assert_eq!(type_name("self"), "Self_");
        assert_eq!(type_name("3dModel"), "N3dModel");
        assert_eq!(type_name("größe"), "Grosse");
    }

    #[test]
    fn package_names_from_directories() {
        assert_eq!(package_name("ODataServiceCsdl"), "o-data-service-csdl");
        assert_eq!(package_name("v1.0-Mooncake"), "v1-0-mooncake");
        assert_eq!(package_name("graph_assignments"), "graph-assignments");
        assert_eq!(package_name("generated"), "generated");
        assert_eq!(package_name("2024 export"), "odata-2024-export");
        assert_eq!(package_name("Größe"), "grosse");
        assert_eq!(package_name("..."), "generated");
    }

    #[test]
    fn snake_names() {
        assert_eq!(snake_name("queryString"), "query_string");
        assert_eq!(snake_name("_summary"), "_summary");
        assert_eq!(snake_name("summary"), "summary");
        assert_eq!(snake_name("windows10Setting"), "windows10_setting");
        assert_eq!(snake_name("_"), "_field");
        assert_eq!(snake_name("1st"), "_1st");
    }

    #[test]
    fn names_beyond_ascii_are_spelled_in_ascii() {
        assert_eq!(snake_name("größe"), "grosse");
        assert_eq!(snake_name("型号"), "xing_hao");
        assert_eq!(snake_name("fahrer‿name"), "fahrer_name");
        assert_eq!(snake_name("имя"), "imia");
        assert_eq!(type_name("Färbung"), "Farbung");
        assert_eq!(type_name("黑色"), "HeiSe");
        assert_eq!(type_name("e\u{301}tat"), "Etat");
    }

    #[test]
    fn keywords() {
        for k in [
            "type", "enum", "box", "final", "if", "loop", "match", "gen", "async",
        ] {
            assert_eq!(ident_text(k), format!("r#{k}"));
            assert!(syn::parse_str::<syn::Ident>(&ident_text(k)).is_ok(), "{k}");
        }
        for k in ["self", "super", "crate", "Self"] {
            assert_eq!(ident_text(k), format!("{k}_"));
            assert!(syn::parse_str::<syn::Ident>(&ident_text(k)).is_ok(), "{k}");
        }
    }

    #[test]
    fn collisions_are_numbered_independently_of_order() {
        let names = |order: &[&str]| {
            let mut scope = Scope::new();
            for n in order {
                scope.want(n, &type_name(n));
            }
            scope.resolve()
        };
        let a = names(&["dictionary", "Dictionary", "dictionary2"]);
        let b = names(&["Dictionary", "dictionary2", "dictionary"]);
        assert_eq!(a, b);
        assert_eq!(a["Dictionary"], "Dictionary");
        assert_eq!(a["dictionary"], "Dictionary3");
        assert_eq!(a["dictionary2"], "Dictionary2");
    }

    #[test]
    fn reserved_names_are_avoided() {
        let mut scope = Scope::new();
        scope.reserve(["Option"]);
        scope.want("option", "Option");
        assert_eq!(scope.resolve()["option"], "Option2");
    }
}
