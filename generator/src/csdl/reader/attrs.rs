//! Reading the attributes of one element: unescaping, typed values, and the diagnostics for
//! malformed, unknown, invalid or missing attributes.

use std::borrow::Cow;

use quick_xml::escape::EscapeError;
use quick_xml::events::attributes::{AttrError, Attributes};
use quick_xml::events::BytesStart;
use quick_xml::XmlVersion;

use super::sink::{unknown_entity, Sink};
use crate::csdl::ast::Facets;
use crate::diagnostics::{Deviation, Pos};

/// More attributes than this on one element are an error: no CSDL element has more than a
/// dozen, and quick-xml's duplicate check is quadratic in their number.
const MAX_ATTRIBUTES: usize = 64;

/// An element whose start tag is being read.
pub(super) struct Element<'e> {
    pub(super) start: &'e BytesStart<'e>,
    /// The local name, without prefix.
    pub(super) name: &'e str,
    pub(super) pos: Pos,
    /// Byte offset of the `<`.
    pub(super) offset: usize,
}

/// One unprefixed attribute, its value unescaped and normalized as XML requires.
pub(super) struct Attr<'e> {
    pub(super) name: &'e str,
    pub(super) value: Cow<'e, str>,
    offset: usize,
}

impl Attr<'_> {
    pub(super) fn into_string(self) -> String {
        self.value.into_owned()
    }
}

/// Whether `Nullable` is one of the facets an element may carry.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Nullable {
    Allowed,
    NotAllowed,
}

/// Walks the attributes of an element, reporting problems as it goes.
///
/// Not an `Iterator`: callers interleave `next_attr` with the checking methods, which need the
/// sink too.
pub(super) struct Attrs<'e, 's, 't> {
    iter: Attributes<'e>,
    element: &'e Element<'e>,
    sink: &'s mut Sink<'t>,
    seen: usize,
    /// Attributes present but with a value that could not be read (already reported), so
    /// that they are not reported as missing too.
    unreadable: Vec<&'e str>,
}

impl<'e, 's, 't> Attrs<'e, 's, 't> {
    pub(super) fn new(element: &'e Element<'e>, sink: &'s mut Sink<'t>) -> Self {
        Attrs {
            iter: element.start.attributes(),
            element,
            sink,
            seen: 0,
            unreadable: Vec::new(),
        }
    }

    pub(super) fn element_name(&self) -> &'e str {
        self.element.name
    }

    /// The next attribute without a prefix. Prefixed attributes are namespace declarations,
    /// `xml:*` or vendor extensions, none of which CSDL gives a meaning to.
    pub(super) fn next_attr(&mut self) -> Option<Attr<'e>> {
        loop {
            let next = self.iter.next()?;
            // Malformed attributes count too, so that junk cannot produce an error each.
            self.seen += 1;
            if self.seen > MAX_ATTRIBUTES {
                let message = format!(
                    "`{}` has more than {MAX_ATTRIBUTES} attributes",
                    self.element.name
                );
                self.sink.error(self.element.offset, message);
                // Read no more: an element this odd is not worth reading further.
                self.iter = Attributes::new("", 0);
                return None;
            }
            let raw = match next {
                Ok(raw) => raw,
                Err(err) => {
                    self.malformed(&err);
                    continue;
                }
            };
            let name = raw.key.0;
            if name == "xmlns" || raw.key.prefix().is_some() {
                continue;
            }
            let offset = self.sink.offset_of(name).unwrap_or(self.element.offset);
            match raw.normalized_value(XmlVersion::Implicit1_0) {
                Ok(value) => {
                    return Some(Attr {
                        name,
                        value,
                        offset,
                    })
                }
                Err(quick_xml::Error::Escape(EscapeError::UnrecognizedEntity(_, entity))) => {
                    self.sink.error(offset, unknown_entity(&entity));
                    self.unreadable.push(name);
                }
                Err(err) => {
                    let message = format!("invalid value of attribute `{name}`: {err}");
                    self.sink.error(offset, message);
                    self.unreadable.push(name);
                }
            }
        }
    }

    fn malformed(&mut self, err: &AttrError) {
        let (at, what) = match *err {
            AttrError::ExpectedEq(at) => (at, "an attribute name must be followed by `=`"),
            AttrError::ExpectedValue(at) => (at, "`=` must be followed by a quoted value"),
            AttrError::UnquotedValue(at) => (at, "attribute values must be quoted"),
            AttrError::ExpectedQuote(at, _) => (at, "attribute value has no closing quote"),
            AttrError::Duplicated(at, _) => (at, "duplicate attribute"),
        };
        // Positions in `AttrError` count from the character after `<`.
        let offset = self.element.offset + 1 + at;
        self.sink.error(offset, format!("malformed XML: {what}"));
    }

    /// `true` or `false`; the same words in another case (`True`, `FALSE`, as some services
    /// write them) are read as what they spell, with a [`Deviation::ValueCase`] warning;
    /// anything else is an error (CSDL does not allow `1`/`0`).
    pub(super) fn bool(&mut self, attr: &Attr) -> Option<bool> {
        match attr.value.as_ref() {
            "true" => return Some(true),
            "false" => return Some(false),
            _ => {}
        }
        let value = attr.value.as_ref();
        let spelled = if value.eq_ignore_ascii_case("true") {
            Some(true)
        } else if value.eq_ignore_ascii_case("false") {
            Some(false)
        } else {
            None
        };
        if let Some(spelled) = spelled {
            self.value_case(attr, &spelled.to_string());
            return Some(spelled);
        }
        let message = format!(
            "attribute `{}` must be `true` or `false`, found `{value}`",
            attr.name
        );
        self.sink.error(attr.offset, message);
        None
    }

    /// Warns that `attr` was read as `canonical`, the value its text spells in another case.
    fn value_case(&mut self, attr: &Attr, canonical: &str) {
        let message = format!(
            "attribute `{}` is `{}`; read as `{canonical}` (CSDL values are case-sensitive)",
            attr.name, attr.value
        );
        self.sink
            .deviation(attr.offset, Deviation::ValueCase, message);
    }

    fn u32(&mut self, attr: &Attr) -> Option<u32> {
        // `parse` alone would accept a leading `+`, which XML Schema integers do not mean here.
        let digits = !attr.value.is_empty() && attr.value.bytes().all(|b| b.is_ascii_digit());
        if let Some(n) = digits.then(|| attr.value.parse().ok()).flatten() {
            return Some(n);
        }
        let message = format!(
            "attribute `{}` must be an integer from 0 to {}, found `{}`",
            attr.name,
            u32::MAX,
            attr.value
        );
        self.sink.error(attr.offset, message);
        None
    }

    /// A facet value that is a non-negative integer or one of `words`, kept as written.
    fn u32_or(&mut self, attr: Attr, words: &[&str]) -> Option<String> {
        let value = attr.value.as_ref();
        let number = !value.is_empty()
            && value.bytes().all(|b| b.is_ascii_digit())
            && value.parse::<u32>().is_ok();
        if number || words.contains(&value) {
            return Some(attr.into_string());
        }
        if let Some(word) = words.iter().find(|w| w.eq_ignore_ascii_case(value)) {
            self.value_case(&attr, word);
            return Some((*word).to_owned());
        }
        let words: Vec<String> = words.iter().map(|w| format!("`{w}`")).collect();
        let message = format!(
            "attribute `{}` must be an integer from 0 to {} or {}, found `{value}`",
            attr.name,
            u32::MAX,
            words.join(" or ")
        );
        self.sink.error(attr.offset, message);
        None
    }

    /// Stores `attr` in `facets` if it is a facet, or reports it as unknown.
    pub(super) fn facet_or_unknown(&mut self, attr: Attr, facets: &mut Facets, nullable: Nullable) {
        match attr.name {
            "Nullable" if nullable == Nullable::Allowed => facets.nullable = self.bool(&attr),
            "MaxLength" => facets.max_length = self.u32_or(attr, &["max"]),
            "Precision" => facets.precision = self.u32(&attr),
            "Scale" => facets.scale = self.u32_or(attr, &["variable", "floating"]),
            "SRID" => facets.srid = self.u32_or(attr, &["variable"]),
            "Unicode" => facets.unicode = self.bool(&attr),
            _ => self.unknown(&attr),
        }
    }

    /// A warning: unknown attributes are ignored so that newer CSDL still reads.
    pub(super) fn unknown(&mut self, attr: &Attr) {
        let message = format!(
            "unknown attribute `{}` on `{}`; ignored",
            attr.name, self.element.name
        );
        self.sink.warning(attr.offset, message);
    }

    /// The value of a required attribute, or an error and an empty string when it is missing or
    /// empty (the caller keeps going so that one run reports every problem; later phases take
    /// an empty value as already reported).
    pub(super) fn required(&mut self, value: Option<String>, name: &str) -> String {
        let message = match value {
            Some(value) if !value.is_empty() => return value,
            Some(_) => format!(
                "attribute `{name}` of `{}` must not be empty",
                self.element.name
            ),
            None if self.unreadable.contains(&name) => return String::new(),
            None => format!(
                "`{}` is missing the required attribute `{name}`",
                self.element.name
            ),
        };
        self.sink.error_at(&self.element.pos, message);
        String::new()
    }

    /// Reports an element-level problem found while reading attributes.
    pub(super) fn error(&mut self, message: impl Into<String>) {
        self.sink.error_at(&self.element.pos, message);
    }

    /// A tolerated deviation from CSDL's rules, at the element.
    pub(super) fn deviation(&mut self, kind: Deviation, message: impl Into<String>) {
        self.sink.deviation_at(&self.element.pos, kind, message);
    }

    /// Reports every attribute as unknown, for elements that take none.
    pub(super) fn expect_none(mut self) {
        while let Some(attr) = self.next_attr() {
            self.unknown(&attr);
        }
    }
}
