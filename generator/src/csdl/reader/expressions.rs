//! CSDL expressions, the values of annotations: attribute shorthands (`String="…"`) and
//! expression elements (`<String>…</String>`, `<Collection>`, `<Record>`, `<Apply>`, …).

use super::attrs::{Attr, Attrs, Element};
use super::sink::Sink;
use crate::csdl::ast::{Expression, PropertyValue};
use crate::diagnostics::Deviation;

const CONSTANT_KINDS: &[&str] = &[
    "String",
    "Bool",
    "Int",
    "Decimal",
    "Float",
    "Date",
    "DateTimeOffset",
    "Duration",
    "Guid",
    "TimeOfDay",
    "Binary",
    "EnumMember",
];

const PATH_KINDS: &[&str] = &[
    "Path",
    "PropertyPath",
    "NavigationPropertyPath",
    "AnnotationPath",
    "ModelElementPath",
];

/// A constant or path expression kind: the names that work both as attribute shorthand and as
/// an element with text content.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum ValueKind {
    Constant(&'static str),
    Path(&'static str),
}

impl ValueKind {
    pub(super) fn from_name(name: &str) -> Option<Self> {
        let known = |kinds: &[&'static str]| kinds.iter().copied().find(|kind| *kind == name);
        known(CONSTANT_KINDS)
            .map(ValueKind::Constant)
            .or_else(|| known(PATH_KINDS).map(ValueKind::Path))
    }

    fn expression(self, value: String) -> Expression {
        match self {
            ValueKind::Constant(kind) => Expression::Constant {
                kind: kind.to_owned(),
                value,
            },
            ValueKind::Path(kind) => Expression::Path {
                kind: kind.to_owned(),
                value,
            },
        }
    }

    /// Element text as the value: only strings keep their surrounding whitespace, which for
    /// numbers, dates or paths is just indentation.
    fn expression_from_text(self, text: String) -> Expression {
        match self {
            ValueKind::Constant("String") => self.expression(text),
            _ => {
                let trimmed = text.trim_matches(is_xml_whitespace);
                if trimmed.len() == text.len() {
                    self.expression(text)
                } else {
                    self.expression(trimmed.to_owned())
                }
            }
        }
    }
}

pub(super) fn is_xml_whitespace(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r')
}

/// Stores `attr` in `value` when it is a value shorthand such as `String="…"`, or reports it
/// as unknown. Used by `Annotation` and `PropertyValue`.
pub(super) fn shorthand_or_unknown(attrs: &mut Attrs, attr: Attr, value: &mut Option<Expression>) {
    match ValueKind::from_name(attr.name) {
        Some(_) if value.is_some() => {
            let message = more_than_one_value(attrs.element_name());
            attrs.deviation(Deviation::AnnotationValues, message)
        }
        Some(kind) => *value = Some(kind.expression(attr.into_string())),
        None => attrs.unknown(&attr),
    }
}

/// Only documentation terms change the generated code, and no annotation's meaning is
/// guessed: the first value is kept, the others are ignored.
pub(super) fn more_than_one_value(element: &str) -> String {
    format!("`{element}` has more than one value; the first is kept")
}

/// An expression element whose children are still being read.
#[derive(Debug)]
pub(super) enum PartialExpression {
    /// A constant or path element; its text arrives in pieces (text, references, CDATA).
    Value {
        kind: ValueKind,
        text: String,
    },
    Collection(Vec<Expression>),
    Record {
        type_name: Option<String>,
        properties: Vec<PropertyValue>,
    },
    Null,
    Other {
        element: String,
        attributes: Vec<(String, String)>,
        children: Vec<Expression>,
    },
}

impl PartialExpression {
    /// Starts reading the expression element `el`.
    pub(super) fn open(el: &Element, sink: &mut Sink) -> Self {
        let mut attrs = Attrs::new(el, sink);
        match el.name {
            "Collection" => {
                attrs.expect_none();
                PartialExpression::Collection(Vec::new())
            }
            "Null" => {
                attrs.expect_none();
                PartialExpression::Null
            }
            "Record" => {
                let mut type_name = None;
                while let Some(attr) = attrs.next_attr() {
                    match attr.name {
                        "Type" => type_name = Some(attr.into_string()),
                        _ => attrs.unknown(&attr),
                    }
                }
                PartialExpression::Record {
                    type_name,
                    properties: Vec::new(),
                }
            }
            name => match ValueKind::from_name(name) {
                Some(kind) => {
                    attrs.expect_none();
                    PartialExpression::Value {
                        kind,
                        text: String::new(),
                    }
                }
                None => {
                    let mut attributes = Vec::new();
                    while let Some(attr) = attrs.next_attr() {
                        attributes.push((attr.name.to_owned(), attr.into_string()));
                    }
                    PartialExpression::Other {
                        element: name.to_owned(),
                        attributes,
                        children: Vec::new(),
                    }
                }
            },
        }
    }

    /// Whether child elements are expressions (items of a collection, operands of a dynamic
    /// expression).
    pub(super) fn takes_children(&self) -> bool {
        matches!(
            self,
            PartialExpression::Collection(_) | PartialExpression::Other { .. }
        )
    }

    /// Where a child expression element goes, if this expression takes any.
    pub(super) fn children_mut(&mut self) -> Option<&mut Vec<Expression>> {
        match self {
            PartialExpression::Collection(items) => Some(items),
            PartialExpression::Other { children, .. } => Some(children),
            _ => None,
        }
    }

    /// The text buffer of a constant or path element.
    pub(super) fn text_mut(&mut self) -> Option<&mut String> {
        match self {
            PartialExpression::Value { text, .. } => Some(text),
            _ => None,
        }
    }

    pub(super) fn element_name(&self) -> &str {
        match self {
            PartialExpression::Value {
                kind: ValueKind::Constant(name) | ValueKind::Path(name),
                ..
            } => name,
            PartialExpression::Collection(_) => "Collection",
            PartialExpression::Record { .. } => "Record",
            PartialExpression::Null => "Null",
            PartialExpression::Other { element, .. } => element,
        }
    }

    pub(super) fn finish(self) -> Expression {
        match self {
            PartialExpression::Value { kind, text } => kind.expression_from_text(text),
            PartialExpression::Collection(items) => Expression::Collection(items),
            PartialExpression::Record {
                type_name,
                properties,
            } => Expression::Record {
                type_name,
                properties,
            },
            PartialExpression::Null => Expression::Null,
            PartialExpression::Other {
                element,
                attributes,
                children,
            } => Expression::Other {
                element,
                attributes,
                children,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::ValueKind;

    #[test]
    fn value_kinds_are_recognized_by_exact_name() {
        assert_eq!(
            ValueKind::from_name("Bool"),
            Some(ValueKind::Constant("Bool"))
        );
        assert_eq!(
            ValueKind::from_name("AnnotationPath"),
            Some(ValueKind::Path("AnnotationPath"))
        );
        assert_eq!(ValueKind::from_name("bool"), None);
        assert_eq!(ValueKind::from_name("Apply"), None);
    }
}
