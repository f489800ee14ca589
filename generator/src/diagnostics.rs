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

/// A way real metadata breaks CSDL's rules that still allows a sound crate: a warning with a
/// documented degradation by default, an error under `--strict` ([`Diagnostics::make_strict`]).
/// Its name shows in the message (`warning[facet-case]: …`) and groups repeated warnings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Deviation {
    /// A facet or boolean value in another case (`Scale="Variable"`, `IsBound="True"`): read
    /// as the value it spells.
    ValueCase,
    /// Overloads that break CSDL's overload rules: each still generated, under a distinct name.
    OverloadRules,
    /// A type the documents never define: the property, parameter or return becomes untyped
    /// JSON kept as sent; a navigation property to it is left out.
    UndefinedType,
    /// A type from a reference that was not loaded (a remote vocabulary): as `UndefinedType`.
    UnloadedReference,
    /// An entity type without a key where it must have one: addressable as a collection only.
    MissingKey,
    /// Enum members sharing a value, or flags members without one.
    EnumMembers,
    /// An import naming an operation of the wrong kind or a bound one: left out.
    ImportTarget,
    /// `Extends` naming a container that is not there: ignored.
    ContainerExtends,
    /// A navigation property without `Type`: left out.
    NavigationType,
    /// A key property of a type CSDL does not allow in keys: written as a literal of its type
    /// where it has one (`Edm.Double`, `Edm.Binary`), else the key is dropped and the type is
    /// addressable as a collection only.
    KeyType,
    /// An older EDM namespace URI on CSDL 4 content: read as CSDL 4.0.
    LegacyNamespace,
    /// A `Schema` in no XML namespace inside a CSDL 4 `edmx:Edmx`: read as CSDL 4.0.
    NoNamespace,
    /// A derived type declaring again a member of a base type (same type), or a key when a
    /// base type has one: the base type's declaration is used.
    Redeclared,
    /// A schema alias that is no simple identifier (`Catalog.V1`, `my-ext`): used as written
    /// to resolve names of its document (aliases never become Rust names).
    AliasSyntax,
    /// An annotation with more than one value: the first is kept. A property value with none:
    /// left out of its record.
    AnnotationValues,
    /// An `Annotations` element without `Target`: left out, with the annotations it holds.
    AnnotationsTarget,
    /// A member named like an HTTP header (`client-request-id`): a Rust name from its parts,
    /// the wire name kept.
    IdentifierSyntax,
    /// A schema namespace that is no dotted identifier (`my-app.annotations`) on a schema that
    /// holds only annotations, which never become Rust names: its annotations apply as written.
    NamespaceSyntax,
    /// A type defined twice with the same kind: the first definition is used.
    DuplicateType,
    /// A function without a `ReturnType`: generated as returning nothing.
    ReturnType,
    /// A primitive type name without `Edm.` or an OData v3 name (`Edm.DateTime`): read as the
    /// v4 primitive it names. A schema type named without its namespace: read as the type of
    /// that name in the schema where the name is written.
    TypeName,
    /// A complex type deriving from an entity type, or the reverse (Graph v1.0 of 2020): the
    /// base type is left out.
    BaseKind,
}

impl Deviation {
    /// The short name shown in messages and accepted by documentation searches.
    pub fn name(self) -> &'static str {
        match self {
            Deviation::ValueCase => "value-case",
            Deviation::OverloadRules => "overload-rules",
            Deviation::UndefinedType => "undefined-type",
            Deviation::UnloadedReference => "unloaded-reference",
            Deviation::MissingKey => "missing-key",
            Deviation::EnumMembers => "enum-members",
            Deviation::ImportTarget => "import-target",
            Deviation::ContainerExtends => "container-extends",
            Deviation::NavigationType => "navigation-type",
            Deviation::KeyType => "key-type",
            Deviation::LegacyNamespace => "legacy-namespace",
            Deviation::NoNamespace => "no-namespace",
            Deviation::Redeclared => "redeclared",
            Deviation::AliasSyntax => "alias-syntax",
            Deviation::NamespaceSyntax => "namespace-syntax",
            Deviation::AnnotationValues => "annotation-values",
            Deviation::AnnotationsTarget => "annotations-target",
            Deviation::IdentifierSyntax => "identifier-syntax",
            Deviation::DuplicateType => "duplicate-type",
            Deviation::TypeName => "type-name",
            Deviation::ReturnType => "return-type",
            Deviation::BaseKind => "base-kind",
        }
    }
}

/// One problem found in the input, with where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub pos: Pos,
    pub message: String,
    /// Set for deviations from CSDL's rules that were tolerated (or, strict, refused).
    pub deviation: Option<Deviation>,
}

impl Diagnostic {
    pub fn error(pos: &Pos, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            pos: pos.clone(),
            message: one_short_line(message.into()),
            deviation: None,
        }
    }

    pub fn warning(pos: &Pos, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            pos: pos.clone(),
            message: one_short_line(message.into()),
            deviation: None,
        }
    }

    /// A tolerated deviation: a warning until [`Diagnostics::make_strict`].
    pub fn deviation(pos: &Pos, kind: Deviation, message: impl Into<String>) -> Self {
        Diagnostic {
            deviation: Some(kind),
            ..Diagnostic::warning(pos, message)
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
        match self.deviation {
            Some(kind) => write!(
                f,
                "{}: {level}[{}]: {}",
                self.pos,
                kind.name(),
                self.message
            ),
            None => write!(f, "{}: {level}: {}", self.pos, self.message),
        }
    }
}

/// How many warnings of one kind in one file are shown before the rest are counted.
pub const SHOWN_PER_GROUP: usize = 3;

/// Warnings for people: the first [`SHOWN_PER_GROUP`] of each kind in each file, in order,
/// then one line counting the rest. Graph beta of 2021 has 105 `Scale="Variable"`; a user
/// needs to see that it happens and where, not 105 lines.
pub fn grouped(warnings: &[Diagnostic]) -> Vec<String> {
    use std::collections::BTreeMap;
    let mut counts: BTreeMap<(&str, Option<Deviation>), usize> = BTreeMap::new();
    let mut lines = Vec::new();
    for warning in warnings {
        let count = counts
            .entry((&warning.pos.file, warning.deviation))
            .or_default();
        *count += 1;
        if *count <= SHOWN_PER_GROUP {
            lines.push(warning.to_string());
        }
    }
    for ((file, deviation), count) in counts {
        if count > SHOWN_PER_GROUP {
            let kind = deviation.map_or(String::new(), |d| format!("[{}]", d.name()));
            let more = count - SHOWN_PER_GROUP;
            lines.push(format!(
                "{file}: warning{kind}: … and {more} more like these"
            ));
        }
    }
    lines
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

    /// A deviation from CSDL's rules that is tolerated, with its degradation in `message`.
    pub fn deviation(&mut self, pos: &Pos, kind: Deviation, message: impl Into<String>) {
        self.items.push(Diagnostic::deviation(pos, kind, message));
    }

    /// `--strict`: every tolerated deviation becomes an error.
    pub fn make_strict(&mut self) {
        for item in &mut self.items {
            if item.deviation.is_some() {
                item.severity = Severity::Error;
            }
        }
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
    fn deviations_name_their_kind_and_become_errors_when_strict() {
        let pos = Pos::new("a.xml".into(), 3, 7);
        let mut diags = Diagnostics::new();
        diags.deviation(&pos, Deviation::ValueCase, "`Variable` read as `variable`");
        diags.warning(&pos, "unknown element");
        assert!(!diags.has_errors());
        assert_eq!(
            diags.iter().next().unwrap().to_string(),
            "a.xml:3:7: warning[value-case]: `Variable` read as `variable`"
        );
        diags.make_strict();
        assert_eq!(diags.errors().count(), 1);
        assert_eq!(
            diags.errors().next().unwrap().to_string(),
            "a.xml:3:7: error[value-case]: `Variable` read as `variable`"
        );
    }

    #[test]
    fn warnings_are_grouped_per_kind_and_file() {
        let pos = |file: &str, line| Pos::new(file.into(), line, 1);
        let mut warnings = Vec::new();
        for line in 1..=5 {
            warnings.push(Diagnostic::deviation(
                &pos("a.xml", line),
                Deviation::ValueCase,
                "x",
            ));
        }
        warnings.push(Diagnostic::deviation(
            &pos("b.xml", 9),
            Deviation::ValueCase,
            "x",
        ));
        warnings.push(Diagnostic::warning(&pos("a.xml", 6), "unknown element"));
        assert_eq!(
            grouped(&warnings),
            [
                "a.xml:1:1: warning[value-case]: x",
                "a.xml:2:1: warning[value-case]: x",
                "a.xml:3:1: warning[value-case]: x",
                "b.xml:9:1: warning[value-case]: x",
                "a.xml:6:1: warning: unknown element",
                "a.xml: warning[value-case]: … and 2 more like these",
            ]
        );
    }

    #[test]
    fn ordinary_messages_are_unchanged() {
        let text = "key property `id` is not a property of `ns.t`";
        assert_eq!(message(text), text);
    }
}
