//! Byte offset → 1-based line and column (columns count characters, not bytes).

/// The start offset of every line of a text, so that an offset finds its line by binary search
/// instead of by rescanning the text.
pub(super) struct LineIndex<'t> {
    text: &'t str,
    /// `line_starts[i]` is the byte offset where line `i + 1` starts; `line_starts[0] == 0`.
    line_starts: Vec<usize>,
    /// The last position computed. The reader asks for positions in increasing order, so
    /// counting characters onwards from here keeps a minified one-line file linear overall
    /// instead of quadratic.
    last: Cursor,
}

#[derive(Clone, Copy)]
struct Cursor {
    offset: usize,
    line_index: usize,
    column: usize,
}

impl<'t> LineIndex<'t> {
    pub(super) fn new(text: &'t str) -> Self {
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(at, _)| at + 1))
            .collect();
        LineIndex {
            text,
            line_starts,
            last: Cursor {
                offset: 0,
                line_index: 0,
                column: 1,
            },
        }
    }

    /// The line and column of the character starting at byte `offset` (clamped to the text).
    pub(super) fn line_column(&mut self, offset: usize) -> (u32, u32) {
        let offset = offset.min(self.text.len());
        let line_index = self.line_index_of(offset);
        let (from, column) = if self.last.line_index == line_index && self.last.offset <= offset {
            (self.last.offset, self.last.column)
        } else {
            (self.line_starts.get(line_index).copied().unwrap_or(0), 1)
        };
        let column = column
            + self
                .text
                .as_bytes()
                .get(from..offset)
                .map_or(0, count_chars);
        self.last = Cursor {
            offset,
            line_index,
            column,
        };
        (saturate(line_index + 1), saturate(column))
    }
}

impl LineIndex<'_> {
    /// The 0-based index of the line holding `offset`: the last line starting at or before it.
    fn line_index_of(&self, offset: usize) -> usize {
        // Positions come in order, mostly a line or two apart: a short look ahead of the last
        // one avoids bisecting the whole table (and its cache misses) for every element.
        let from = if offset >= self.last.offset {
            self.last.line_index
        } else {
            0
        };
        // `ahead[k]` is the start of line `from + 1 + k`; line `from` starts at or before
        // `offset`, so the answer is `from` plus the number of these starting at or before it.
        let ahead = self.line_starts.get(from + 1..).unwrap_or_default();
        let near = ahead.iter().take(4).position(|&start| start > offset);
        from + near.unwrap_or_else(|| ahead.partition_point(|&start| start <= offset))
    }
}

/// Characters in a UTF-8 byte range: every byte that is not a continuation byte starts one.
/// Works on bytes so that an offset inside a character can never panic.
fn count_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count()
}

fn saturate(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::LineIndex;

    #[test]
    fn first_character_is_line_1_column_1() {
        assert_eq!(LineIndex::new("<a/>").line_column(0), (1, 1));
        assert_eq!(LineIndex::new("").line_column(0), (1, 1));
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        let text = "<a>\n  é€𝄞<b/>";
        let at = text.find("<b").unwrap();
        assert_eq!(LineIndex::new(text).line_column(at), (2, 6));
    }

    #[test]
    fn newline_belongs_to_the_line_it_ends() {
        let mut lines = LineIndex::new("ab\ncd\r\nef");
        assert_eq!(lines.line_column(2), (1, 3));
        assert_eq!(lines.line_column(3), (2, 1));
        assert_eq!(lines.line_column(7), (3, 1));
    }

    #[test]
    fn out_of_order_queries_are_still_correct() {
        let mut lines = LineIndex::new("abcdef\nxyz");
        assert_eq!(lines.line_column(5), (1, 6));
        assert_eq!(lines.line_column(2), (1, 3));
        assert_eq!(lines.line_column(8), (2, 2));
        assert_eq!(lines.line_column(1), (1, 2));
    }

    #[test]
    fn far_jumps_forward_find_the_right_line() {
        let text = "a\n".repeat(100);
        let mut lines = LineIndex::new(&text);
        assert_eq!(lines.line_column(2), (2, 1));
        assert_eq!(lines.line_column(5), (3, 2));
        assert_eq!(lines.line_column(150), (76, 1));
        assert_eq!(lines.line_column(199), (100, 2));
        assert_eq!(lines.line_column(200), (101, 1));
    }

    #[test]
    fn offsets_past_the_end_or_inside_a_character_do_not_panic() {
        let mut lines = LineIndex::new("é");
        assert_eq!(lines.line_column(1), (1, 2));
        assert_eq!(lines.line_column(99), (1, 2));
    }
}
