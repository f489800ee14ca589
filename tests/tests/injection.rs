//! Descriptions are untrusted text: `tests/golden/injection.csdl.xml` carries descriptions that
//! try to close a comment, a string literal or an attribute, open a code fence or a doctest,
//! inject HTML or reorder text with Unicode controls. Its golden output
//! (`tests/golden/injection.rs`) is compiled as a module of this crate (`src/lib.rs`), so it
//! builds without errors or warnings; here it is parsed to show that every description arrived
//! as doc text, intact, and that nothing else was generated from it.

use odata_codegen::model::{Docs, TypeKind};
use odata_codegen::Config;
use odata_codegen_tests::workspace;

/// Every description and long description of the injection metadata, as the model read them.
fn descriptions() -> Vec<String> {
    let mut config = Config::new();
    config.input(workspace().join("tests/golden/injection.csdl.xml"));
    let model = config
        .load()
        .expect("the injection metadata is valid")
        .model;
    let mut docs: Vec<&Docs> = Vec::new();
    for ty in &model.types {
        docs.push(&ty.docs);
        match &ty.kind {
            TypeKind::Entity(s) | TypeKind::Complex(s) => {
                docs.extend(s.properties.iter().map(|p| &p.docs));
                docs.extend(s.navigation.iter().map(|n| &n.docs));
            }
            TypeKind::Enum(e) => docs.extend(e.members.iter().map(|m| &m.docs)),
            TypeKind::Definition(_) => {}
        }
    }
    docs.extend(model.operations.iter().map(|o| &o.docs));
    for container in &model.containers {
        docs.extend(container.entity_sets.iter().map(|s| &s.docs));
    }
    let texts: Vec<String> = docs
        .iter()
        .flat_map(|d| [d.description.clone(), d.long_description.clone()])
        .flatten()
        .collect();
    assert!(texts.len() >= 12, "descriptions are missing: {texts:?}");
    texts
}

/// What a reader of the rendered docs sees of a description: its lines trimmed, blank lines at
/// the ends dropped, control characters as spaces, text-direction controls as `\u{…}` escapes.
fn as_rendered(description: &str) -> String {
    let normalized = description.replace("\r\n", "\n").replace('\r', "\n");
    let lines: Vec<String> = normalized
        .lines()
        .map(|line| {
            line.trim()
                .chars()
                .map(|c| match c {
                    '\u{061C}'
                    | '\u{200E}'
                    | '\u{200F}'
                    | '\u{202A}'..='\u{202E}'
                    | '\u{2066}'..='\u{2069}' => format!("\\u{{{:x}}}", c as u32),
                    c if c.is_control() => " ".to_owned(),
                    c => c.to_string(),
                })
                .collect()
        })
        .collect();
    lines.join("\n").trim_matches('\n').to_owned()
}

/// The text rustdoc renders from one Markdown line of ours: backslash escapes removed.
fn unescape(line: &str) -> String {
    let mut out = String::new();
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            if let Some(next) = chars.next() {
                out.push(next);
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// The doc text of every item, field and variant of the file, each as one string, and the
/// names of every item (functions, types, modules, impl items) it declares.
#[derive(Default)]
struct Collected {
    docs: Vec<String>,
    names: Vec<String>,
}

impl Collected {
    fn attrs(&mut self, attrs: &[syn::Attribute]) {
        let lines: Vec<String> = attrs
            .iter()
            .filter(|a| a.path().is_ident("doc"))
            .map(|a| match &a.meta {
                syn::Meta::NameValue(syn::MetaNameValue {
                    value:
                        syn::Expr::Lit(syn::ExprLit {
                            lit: syn::Lit::Str(text),
                            ..
                        }),
                    ..
                }) => unescape(text.value().strip_prefix(' ').unwrap_or(&text.value())),
                _ => panic!("a doc attribute that is not a string literal"),
            })
            .collect();
        if !lines.is_empty() {
            self.docs.push(lines.join("\n"));
        }
    }

    fn items(&mut self, items: &[syn::Item]) {
        for item in items {
            match item {
                syn::Item::Struct(s) => {
                    self.attrs(&s.attrs);
                    self.names.push(s.ident.to_string());
                    for field in &s.fields {
                        self.attrs(&field.attrs);
                        if let Some(ident) = &field.ident {
                            self.names.push(ident.to_string());
                        }
                    }
                }
                syn::Item::Enum(e) => {
                    self.attrs(&e.attrs);
                    self.names.push(e.ident.to_string());
                    for variant in &e.variants {
                        self.attrs(&variant.attrs);
                        self.names.push(variant.ident.to_string());
                    }
                }
                syn::Item::Mod(m) => {
                    self.attrs(&m.attrs);
                    self.names.push(m.ident.to_string());
                    if let Some((_, inner)) = &m.content {
                        self.items(inner);
                    }
                }
                syn::Item::Fn(f) => {
                    self.attrs(&f.attrs);
                    self.names.push(f.sig.ident.to_string());
                }
                syn::Item::Impl(i) => {
                    for member in &i.items {
                        if let syn::ImplItem::Fn(f) = member {
                            self.attrs(&f.attrs);
                            self.names.push(f.sig.ident.to_string());
                        }
                    }
                }
                syn::Item::Const(c) => self.names.push(c.ident.to_string()),
                syn::Item::Type(t) => self.names.push(t.ident.to_string()),
                syn::Item::Trait(t) => self.names.push(t.ident.to_string()),
                _ => {}
            }
        }
    }
}

fn golden() -> Collected {
    let path = workspace().join("tests/golden/injection.rs");
    let source = std::fs::read_to_string(&path).expect("the golden file");
    let file = syn::parse_file(&source).expect("the golden file parses");
    let mut collected = Collected::default();
    collected.items(&file.items);
    collected
}

#[test]
fn every_description_arrives_intact_as_doc_text() {
    let collected = golden();
    for description in descriptions() {
        let expected = as_rendered(&description);
        assert!(
            collected.docs.iter().any(|doc| doc.contains(&expected)),
            "no doc comment holds\n{expected}\n(from {description:?})"
        );
    }
}

#[test]
fn descriptions_generate_no_code() {
    let collected = golden();
    assert!(!collected.names.is_empty());
    for name in &collected.names {
        assert!(
            !name.contains("evil"),
            "`{name}` was generated from a description"
        );
    }
    // The doctest a description tried to start is not one: no line of any doc opens a fence
    // or is indented into a code block.
    for doc in &collected.docs {
        for line in doc.lines() {
            assert!(
                !line.starts_with("    "),
                "indented (a code block): {line:?}"
            );
        }
    }
    let source = std::fs::read_to_string(workspace().join("tests/golden/injection.rs")).unwrap();
    assert!(!source.contains("\n    /// ```") && !source.contains("/// ```rust"));
}
