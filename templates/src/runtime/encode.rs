//! Percent-encoding (RFC 3986) of path segments and query components.

/// Appends `text` to `out` as (part of) a path segment: every byte that is not a `pchar` of
/// RFC 3986 (unreserved, sub-delims, `:`, `@`) is percent-encoded, including `/`, `?`, `#`,
/// `%`, space and every byte of a non-ASCII character. OData's literal syntax (`'`, `(`, `)`,
/// `=`, `,`) thus stays readable.
pub(super) fn push_path_segment(out: &mut String, text: &str) {
    push_encoded(out, text, is_path_char);
}

/// Appends `text` to `out` as a query parameter name: like a path segment, except that the
/// characters with a meaning in a query string (`&`, `=`, `+`, `;`, `#`, ...) are encoded, while
/// those OData query options are written with (`$`, `,`, `'`, `(`, `)`, `/`, `:`, `@`) stay
/// readable.
pub(super) fn push_query_name(out: &mut String, text: &str) {
    push_encoded(out, text, is_query_char);
}

/// Appends `text` to `out` as a query parameter value: as a name, except that `=` stays. A
/// value ends at the next `&`, so its `=` are no separators, and OData's ABNF wants them
/// verbatim in nested options (`$expand=assignments($select=id)`: `EQ = "="`, while `;`,
/// `(`, `,` and `'` may also be percent-encoded).
pub(super) fn push_query_value(out: &mut String, text: &str) {
    push_encoded(out, text, |byte| byte == b'=' || is_query_char(byte));
}

fn push_encoded(out: &mut String, text: &str, keep: fn(u8) -> bool) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    out.reserve(text.len());
    for byte in text.bytes() {
        if keep(byte) {
            out.push(char::from(byte));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(byte >> 4)]));
            out.push(char::from(HEX[usize::from(byte & 0x0f)]));
        }
    }
}

fn is_unreserved(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~')
}

fn is_path_char(byte: u8) -> bool {
    is_unreserved(byte)
        || matches!(
            byte,
            b'!' | b'$'
                | b'&'
                | b'\''
                | b'('
                | b')'
                | b'*'
                | b'+'
                | b','
                | b';'
                | b'='
                | b':'
                | b'@'
        )
}

fn is_query_char(byte: u8) -> bool {
    is_unreserved(byte) || matches!(byte, b'$' | b',' | b'\'' | b'(' | b')' | b'/' | b':' | b'@')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn segment(text: &str) -> String {
        let mut out = String::new();
        push_path_segment(&mut out, text);
        out
    }

    fn query(text: &str) -> String {
        let mut out = String::new();
        push_query_name(&mut out, text);
        out
    }

    fn value(text: &str) -> String {
        let mut out = String::new();
        push_query_value(&mut out, text);
        out
    }

    #[test]
    fn path_segments_keep_pchars_only() {
        assert_eq!(
            segment("a'b(c)=d,e:f@g$h+i;j!k*l&m"),
            "a'b(c)=d,e:f@g$h+i;j!k*l&m"
        );
        assert_eq!(segment("a/b?c#d%e f"), "a%2Fb%3Fc%23d%25e%20f");
        assert_eq!(segment("é\u{0}\u{7f}[]"), "%C3%A9%00%7F%5B%5D");
        assert_eq!(segment("AZaz09-._~"), "AZaz09-._~");
    }

    #[test]
    fn query_components_keep_odata_syntax_readable() {
        assert_eq!(query("name eq 'a&b=c+d'"), "name%20eq%20'a%26b%3Dc%2Bd'");
        assert_eq!(query("$select=id,a/b:c@d()"), "$select%3Did,a/b:c@d()");
        assert_eq!(query("#;?%\"ü"), "%23%3B%3F%25%22%C3%BC");
    }

    #[test]
    fn query_values_keep_equals_signs_of_nested_options() {
        assert_eq!(value("a($select=b;$top=1)"), "a($select=b%3B$top=1)");
        assert_eq!(value("x eq 'a&b=c+d#'"), "x%20eq%20'a%26b=c%2Bd%23'");
        assert_eq!(query("a=b"), "a%3Db");
    }
}
