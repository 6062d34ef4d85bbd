//! The soft-wrap cache and screen rows: which bytes of a line each row shows, kept in
//! step with every edit, and which row is at the top of the view.

use ratatui::layout::Rect;

use super::Editor;
use super::undo::Pos;
use crate::text::{self, grapheme_width, graphemes};

/// How many columns of text a row holds in an area `width` cells wide. The last column is
/// kept free so the cursor at the end of a full row, or on the space after it, is seen.
fn row_capacity(width: u16) -> usize {
    usize::from(width.saturating_sub(1).max(1))
}

/// The start byte of every row of a line; a line is one row until the width is known.
fn wrap(line: &str, capacity: Option<usize>) -> Vec<usize> {
    match capacity {
        Some(capacity) => text::row_starts(line, capacity),
        None => vec![0],
    }
}

/// The rows of a line after `removed` bytes at `at` were replaced by `inserted` bytes,
/// given its rows before (`old`). Only rows near the edit are wrapped again: a row's break
/// depends on text at most two rows further on, and once a new row starts where an old one
/// did past the edit, the rest is the old layout shifted.
fn rewrap(
    line: &str,
    capacity: usize,
    old: &[usize],
    at: usize,
    removed: usize,
    inserted: usize,
) -> Vec<usize> {
    let edited_row = old.partition_point(|&start| start < at).saturating_sub(1);
    let first = edited_row.saturating_sub(2);
    let mut rows = old[..=first].to_vec();
    let shifted = |start: usize| start + inserted - removed;
    let after = &old[old.partition_point(|&start| start < at + removed)..];
    let mut next_old = 0;
    let mut resync = None;
    text::wrap_from(line, capacity, old[first], |start| {
        while next_old < after.len() && shifted(after[next_old]) < start {
            next_old += 1;
        }
        if next_old < after.len() && shifted(after[next_old]) == start {
            resync = Some(next_old);
            return false;
        }
        rows.push(start);
        true
    });
    if let Some(index) = resync {
        rows.extend(after[index..].iter().map(|&start| shifted(start)));
    }
    rows
}

/// What is known about one line, worked out when first needed.
#[derive(Clone, Debug, Default)]
pub(super) struct LineCache {
    rows: Option<Vec<usize>>,
    words: Option<usize>,
}

/// Per-line layout and word counts, kept in step with the lines by every edit.
#[derive(Debug, Default)]
pub(super) struct Caches {
    /// Row capacity of the last drawn width; `None` before the first draw.
    pub capacity: Option<usize>,
    pub lines: Vec<LineCache>,
}

impl Caches {
    pub(super) fn set_width(&mut self, width: u16) {
        let capacity = Some(row_capacity(width));
        if self.capacity != capacity {
            self.capacity = capacity;
            for line in &mut self.lines {
                line.rows = None;
            }
        }
    }

    pub(super) fn rows(&mut self, lines: &[String], line: usize) -> &[usize] {
        let capacity = self.capacity;
        self.lines[line]
            .rows
            .get_or_insert_with(|| wrap(&lines[line], capacity))
    }

    pub(super) fn words(&mut self, lines: &[String], line: usize) -> usize {
        *self.lines[line]
            .words
            .get_or_insert_with(|| text::word_count(&lines[line]))
    }

    /// Line `index` (now `line`) had `removed` bytes at `at` replaced by `inserted` bytes.
    pub(super) fn line_edited(
        &mut self,
        line: &str,
        index: usize,
        at: usize,
        removed: usize,
        inserted: usize,
    ) {
        let cache = &mut self.lines[index];
        cache.words = None;
        cache.rows = match (cache.rows.take(), self.capacity) {
            (Some(old), Some(capacity)) => {
                Some(rewrap(line, capacity, &old, at, removed, inserted))
            }
            _ => None,
        };
    }

    /// Lines `first..first + old_count` were replaced by `new_count` lines.
    pub(super) fn lines_replaced(&mut self, first: usize, old_count: usize, new_count: usize) {
        self.lines.splice(
            first..first + old_count,
            std::iter::repeat_n(LineCache::default(), new_count),
        );
    }
}

/// A screen row: a line and the index of the row within it.
pub(super) type Row = (usize, usize);

impl Editor {
    pub(super) fn row_count(&self, line: usize) -> usize {
        self.caches.borrow_mut().rows(&self.lines, line).len()
    }

    /// The bytes of a line a row covers.
    pub(super) fn row_range(&self, (line, index): Row) -> (usize, usize) {
        let mut caches = self.caches.borrow_mut();
        let rows = caches.rows(&self.lines, line);
        let end = rows
            .get(index + 1)
            .copied()
            .unwrap_or(self.lines[line].len());
        (rows[index], end)
    }

    /// The row a position is drawn on. A position where a row breaks belongs to the row
    /// after the break.
    pub(super) fn row_of(&self, pos: Pos) -> Row {
        let mut caches = self.caches.borrow_mut();
        let rows = caches.rows(&self.lines, pos.line);
        (
            pos.line,
            rows.partition_point(|&start| start <= pos.byte) - 1,
        )
    }

    pub(super) fn next_row(&self, (line, index): Row) -> Option<Row> {
        if index + 1 < self.row_count(line) {
            Some((line, index + 1))
        } else if line + 1 < self.lines.len() {
            Some((line + 1, 0))
        } else {
            None
        }
    }

    pub(super) fn prev_row(&self, (line, index): Row) -> Option<Row> {
        if index > 0 {
            Some((line, index - 1))
        } else if line > 0 {
            Some((line - 1, self.row_count(line - 1) - 1))
        } else {
            None
        }
    }

    /// The row `count` rows before `row`, or the first row.
    pub(super) fn rows_back(&self, mut row: Row, count: usize) -> Row {
        for _ in 0..count {
            match self.prev_row(row) {
                Some(prev) => row = prev,
                None => break,
            }
        }
        row
    }

    /// A row still in the text: the stored top row can be left behind by an edit.
    pub(super) fn clamp_row(&self, (line, index): Row) -> Row {
        let line = line.min(self.lines.len() - 1);
        (line, index.min(self.row_count(line) - 1))
    }

    /// The column a position is drawn at, counted from the start of its row; a position
    /// inside a grapheme is drawn on that grapheme.
    pub(super) fn col_in_row(&self, pos: Pos) -> usize {
        let (start, end) = self.row_range(self.row_of(pos));
        let row = &self.lines[pos.line][start..end];
        let mut col = 0;
        for (offset, grapheme) in graphemes(row, row.is_ascii()) {
            if start + offset + grapheme.len() > pos.byte {
                break;
            }
            col += grapheme_width(grapheme, col);
        }
        col
    }

    /// The position in a row drawn at `goal` columns from its start, or the row's last
    /// position if it is shorter.
    pub(super) fn pos_at_col(&self, row: Row, goal: usize) -> Pos {
        let (start, end) = self.row_range(row);
        let line = &self.lines[row.0];
        let last_row = row.1 + 1 == self.row_count(row.0);
        let mut col = 0;
        let mut last_start = start;
        let text = &line[start..end];
        for (offset, grapheme) in graphemes(text, text.is_ascii()) {
            let width = grapheme_width(grapheme, col);
            if col + width > goal {
                return Pos {
                    line: row.0,
                    byte: start + offset,
                };
            }
            col += width;
            last_start = start + offset;
        }
        // The end of a row that is not the last of its line is drawn on the next row.
        let byte = if last_row { end } else { last_start };
        Pos { line: row.0, byte }
    }

    /// The top row for drawing into `area`: the last one, moved as little as needed to
    /// show the cursor, and not leaving blank rows at the bottom while text is above.
    pub(super) fn scroll_top(&self, area: Rect) -> Row {
        self.caches.borrow_mut().set_width(area.width);
        let height = usize::from(area.height);
        let cursor = self.row_of(self.cursor);
        let mut top = self.clamp_row(self.top.get());
        if cursor < top {
            top = cursor;
        } else {
            let mut row = top;
            for _ in 1..height {
                if row == cursor {
                    break;
                }
                match self.next_row(row) {
                    Some(next) => row = next,
                    None => break,
                }
            }
            if row != cursor {
                top = self.rows_back(cursor, height - 1);
            }
        }
        let mut shown = 1;
        let mut row = top;
        while shown < height {
            match self.next_row(row) {
                Some(next) => row = next,
                None => break,
            }
            shown += 1;
        }
        self.rows_back(top, height - shown)
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{draw, rows};
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn wide_characters_wrap_before_the_edge() {
        let editor = Editor::from_text("日本語日本語");
        let buf = draw(&editor, 7, 3, false);
        assert_eq!(rows(&buf), ["日本語", "日本語", ""]);
    }

    #[test]
    fn lines_wrap_at_spaces_and_long_words_are_broken() {
        let editor = Editor::from_text("the quick brown fox\nabcdefghijklmnop");
        let buf = draw(&editor, 11, 6, false);
        assert_eq!(
            rows(&buf),
            ["the quick", "brown fox", "abcdefghij", "klmnop", "", ""]
        );
    }

    #[test]
    fn punctuation_stays_with_its_word_when_wrapping() {
        let editor = Editor::from_text("one two, three.");
        let buf = draw(&editor, 8, 3, false);
        assert_eq!(rows(&buf), ["one", "two,", "three."]);
    }

    #[test]
    fn the_editor_wraps_as_the_screens_do_one_column_narrower() {
        let line =
            "We argued\tabout the dishes again, 日本語 and ca\u{301}fe, a\u{a0}b verylongword";
        for width in 2..40u16 {
            let editor = Editor::from_text(line);
            let drawn = rows(&draw(&editor, width, 200, false));
            let shown: Vec<String> = drawn.into_iter().filter(|row| !row.is_empty()).collect();
            let wrapped: Vec<String> = text::wrap(line, usize::from(width - 1))
                .iter()
                // The editor draws every space as a plain one.
                .map(|row| row.trim_end().replace('\u{a0}', " "))
                .filter(|row| !row.is_empty())
                .collect();
            assert_eq!(shown, wrapped, "at width {width}");
        }
    }

    fn line_strategy() -> impl Strategy<Value = String> {
        let pieces = prop::sample::select(vec![
            "a", "bc", " ", " ", "  ", "\t", "-", "日", "e\u{301}", "\u{301}", "😀", "\u{fe0f}",
            "\u{200d}", "🇺", "\u{a0}", "ｶﾞ", "x",
        ]);
        prop::collection::vec(pieces, 0..60).prop_map(|pieces| pieces.concat())
    }

    proptest! {
        #![proptest_config(crate::text::tests::many_cases())]

        #[test]
        fn rewrapping_after_an_edit_matches_wrapping_from_scratch(
            start in line_strategy(),
            edits in prop::collection::vec(
                (any::<prop::sample::Index>(), 0usize..6, line_strategy()),
                1..12,
            ),
            capacity in 1usize..16,
        ) {
            let mut line = start;
            let mut rows = wrap(&line, Some(capacity));
            for (at, remove, insert) in edits {
                let boundaries: Vec<usize> =
                    line.char_indices().map(|(i, _)| i).chain([line.len()]).collect();
                let first = at.index(boundaries.len());
                let last = (first + remove).min(boundaries.len() - 1);
                let (from, to) = (boundaries[first], boundaries[last]);
                let insert: String = insert.chars().take(6).collect();
                line.replace_range(from..to, &insert);
                rows = rewrap(&line, capacity, &rows, from, to - from, insert.len());
                prop_assert_eq!(&rows, &wrap(&line, Some(capacity)), "line {:?}", line);
            }
        }
    }
}
