//! Text helpers with one home: the soft wrap every screen and the editor share (and
//! its hanging form for list items), how wide a grapheme is drawn, tab stops, word
//! counts, and a field cut to a width. Prose for display is made safe first (through
//! [`crate::safe`]), so characters that could upset the terminal show as escapes.

use std::borrow::Cow;

use ratatui::buffer::CellWidth as _;
use unicode_segmentation::{GraphemeIndices, UnicodeSegmentation as _};
use unicode_truncate::UnicodeTruncateStr as _;
use unicode_width::UnicodeWidthStr as _;

/// Columns from one tab stop to the next.
pub const TAB_WIDTH: usize = 4;

/// The graphemes of `text` with their byte offsets. With `ascii` (the caller knows the
/// text is ASCII and holds no carriage return) each byte is one, which is far quicker
/// than segmenting.
pub fn graphemes(text: &str, ascii: bool) -> Graphemes<'_> {
    if ascii {
        Graphemes::Ascii { text, next: 0 }
    } else {
        Graphemes::Unicode(text.grapheme_indices(true))
    }
}

/// See [`graphemes`].
pub enum Graphemes<'a> {
    Ascii { text: &'a str, next: usize },
    Unicode(GraphemeIndices<'a>),
}

impl<'a> Iterator for Graphemes<'a> {
    type Item = (usize, &'a str);

    fn next(&mut self) -> Option<Self::Item> {
        match self {
            Graphemes::Ascii { text, next } => {
                let at = *next;
                let grapheme = text.get(at..at + 1)?;
                *next += 1;
                Some((at, grapheme))
            }
            Graphemes::Unicode(indices) => indices.next(),
        }
    }
}

/// The width in cells of a grapheme that starts `col` cells into its row: a tab reaches
/// the next tab stop, a control character is drawn as U+FFFD.
pub fn grapheme_width(grapheme: &str, col: usize) -> usize {
    // One byte, the usual case: ASCII is one cell wide, control characters included.
    if let &[byte] = grapheme.as_bytes() {
        return if byte == b'\t' {
            TAB_WIDTH - col % TAB_WIDTH
        } else {
            1
        };
    }
    if grapheme.contains(char::is_control) {
        1
    } else {
        usize::from(grapheme.cell_width())
    }
}

/// Whitespace a row may break after. It may hang past the right edge, where it is not
/// drawn, as in any word processor. No-break spaces do not count.
pub fn is_breaking_space(grapheme: &str) -> bool {
    // One byte, the usual case: ASCII whitespace, as `char::is_whitespace` has it.
    if let &[byte] = grapheme.as_bytes() {
        return matches!(byte, b' ' | b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r');
    }
    grapheme
        .chars()
        .next()
        .is_some_and(|c| c.is_whitespace() && !matches!(c, '\u{a0}' | '\u{2007}' | '\u{202f}'))
}

/// The soft wrap, for the editor and every screen: the rows of one line (no `\n`) from
/// the row starting at byte `from`, `capacity` columns wide. Calls `row_start` with the
/// start of each following row until it returns false or the line ends. Rows break
/// after whitespace (which hangs past the edge); a word longer than a row is broken
/// between graphemes; widths are cells, tabs reach the next tab stop of their row.
pub fn wrap_from(
    text: &str,
    capacity: usize,
    from: usize,
    mut row_start: impl FnMut(usize) -> bool,
) {
    let ascii = text.is_ascii();
    let mut start = from;
    'rows: loop {
        let mut col = 0;
        let mut after_space = None;
        for (offset, grapheme) in graphemes(&text[start..], ascii) {
            let at = start + offset;
            let width = grapheme_width(grapheme, col);
            if is_breaking_space(grapheme) {
                col += width;
                after_space = Some(at + grapheme.len());
            } else if col + width <= capacity || at == start {
                col += width;
            } else {
                // `at > start` here and `after_space > start`, so every row holds something.
                let next = after_space.unwrap_or(at);
                if !row_start(next) {
                    return;
                }
                start = next;
                continue 'rows;
            }
        }
        return;
    }
}

/// The start byte of every row of one line (no `\n`), `capacity` columns wide.
pub fn row_starts(line: &str, capacity: usize) -> Vec<usize> {
    let mut rows = vec![0];
    wrap_from(line, capacity, 0, |start| {
        rows.push(start);
        true
    });
    rows
}

/// Prose wrapped to `width` columns for display, by the same rules as the editor:
/// the whitespace a row breaks at is left out, tabs become spaces to the next stop
/// (never dropped), control and bidi characters become visible escapes, empty lines
/// are kept. Always at least one row.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut rows = Vec::new();
    for line in crate::safe::prose(text).split('\n') {
        let starts = row_starts(line, width);
        for (i, &start) in starts.iter().enumerate() {
            let last = i + 1 == starts.len();
            let end = starts.get(i + 1).copied().unwrap_or(line.len());
            rows.push(shown_row(&line[start..end], width, last));
        }
    }
    rows
}

/// Like [`wrap`] for text already made safe (with [`crate::safe::prose`]), with the
/// byte range in `safe` each row is drawn from (before the whitespace it breaks at
/// is left out), so a passage can be found on screen.
pub fn wrap_ranges(safe: &str, width: usize) -> Vec<(std::ops::Range<usize>, String)> {
    let width = width.max(1);
    let mut rows = Vec::new();
    let mut line_start = 0;
    for line in safe.split('\n') {
        let starts = row_starts(line, width);
        for (i, &start) in starts.iter().enumerate() {
            let last = i + 1 == starts.len();
            let end = starts.get(i + 1).copied().unwrap_or(line.len());
            let shown = shown_row(&line[start..end], width, last);
            rows.push((line_start + start..line_start + end, shown));
        }
        line_start += line.len() + 1;
    }
    rows
}

/// The sentences of `text`, as byte ranges without the whitespace around them: a
/// sentence ends after `.`, `!`, `?` or `…` (and any closing quotes or brackets)
/// followed by whitespace, and at every line break.
pub fn sentences(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut ended = false;
    let mut push = |from: usize, to: usize| {
        let piece = &text[from..to];
        let lead = piece.len() - piece.trim_start().len();
        let trimmed = piece.trim();
        if !trimmed.is_empty() {
            out.push(from + lead..from + lead + trimmed.len());
        }
    };
    for (at, c) in text.char_indices() {
        if c == '\n' || (ended && c.is_whitespace()) {
            push(start, at);
            start = at;
            ended = false;
        } else if matches!(c, '.' | '!' | '?' | '…') {
            ended = true;
        } else if !matches!(c, '"' | '\'' | '”' | '’' | ')' | ']' | '»') {
            ended = false;
        }
    }
    push(start, text.len());
    out
}

/// Prose wrapped as a list item: the first row starts with `first` (a bullet such as
/// `"• "`), the rows after it with `rest` (usually as many spaces), so they hang under
/// the first. Each row, prefix included, is at most `width` cells wide (when the
/// prefixes leave room). Always at least one row.
pub fn wrap_hanging(text: &str, width: usize, first: &str, rest: &str) -> Vec<String> {
    let room = width.saturating_sub(first.width().max(rest.width()));
    wrap(text, room)
        .into_iter()
        .enumerate()
        .map(|(i, row)| format!("{}{row}", if i == 0 { first } else { rest }))
        .collect()
}

/// One row of `wrap`: tabs as spaces and no whitespace past `width`; a row that breaks
/// (not the `last` of its line) loses the whitespace it breaks at. The row comes from
/// [`crate::safe::prose`], so it holds no carriage return.
fn shown_row(row: &str, width: usize, last: bool) -> String {
    let row = if last {
        row
    } else {
        row.trim_end_matches(|c: char| is_breaking_space(c.encode_utf8(&mut [0; 4])))
    };
    let ascii = row.is_ascii();
    if ascii && row.len() <= width && !row.contains('\t') {
        return row.to_owned();
    }
    let mut out = String::with_capacity(row.len() + 8);
    let mut col = 0;
    for (_, grapheme) in graphemes(row, ascii) {
        let cells = grapheme_width(grapheme, col);
        if col + cells > width && is_breaking_space(grapheme) {
            break;
        }
        if grapheme == "\t" {
            out.extend(std::iter::repeat_n(' ', cells));
        } else {
            out.push_str(grapheme);
        }
        col += cells;
    }
    out
}

/// Tabs become spaces to the next stop, so they can never vanish on screen.
pub fn expand_tabs(line: &str) -> Cow<'_, str> {
    if !line.contains('\t') {
        return line.into();
    }
    let mut out = String::with_capacity(line.len() + 8);
    let mut col = 0;
    for (_, grapheme) in graphemes(line, false) {
        let cells = grapheme_width(grapheme, col);
        if grapheme == "\t" {
            out.extend(std::iter::repeat_n(' ', cells));
        } else {
            out.push_str(grapheme);
        }
        col += cells;
    }
    out.into()
}

/// Paragraphs as people write them: the lines of a paragraph are joined with one
/// space (editors wrap at 80 columns, and those breaks mean nothing), and a blank
/// line, or one of spaces only, starts a new paragraph. Paragraphs are separated by
/// one blank line; none comes first or last. Words are never changed or lost.
pub fn join_paragraphs(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_paragraph = false;
    let mut blank_before = false;
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() {
            blank_before = in_paragraph || blank_before;
            continue;
        }
        if in_paragraph && !blank_before {
            out.push(' ');
        } else if blank_before {
            out.push_str("\n\n");
        }
        out.push_str(line);
        in_paragraph = true;
        blank_before = false;
    }
    out
}

/// How many whitespace-separated words `text` holds.
pub fn word_count(text: &str) -> usize {
    text.split_whitespace().count()
}

/// Pads or cuts a one-line field to exactly `width` columns (with a space kept at the
/// end; a cut shows as `…`); control and bidi characters become visible escapes.
pub fn fit(text: &str, width: usize) -> String {
    let text = crate::safe::line(text);
    let room = width.saturating_sub(1);
    let mut out = if text.width() <= room {
        text.into_owned()
    } else if room == 0 {
        String::new()
    } else {
        let (kept, _) = text.unicode_truncate(room - 1);
        format!("{kept}…")
    };
    let pad = width.saturating_sub(out.width());
    out.extend(std::iter::repeat_n(' ', pad));
    out
}

#[cfg(test)]
mod sentence_tests {
    use super::*;

    fn pieces(text: &str) -> Vec<&str> {
        sentences(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn sentences_end_at_stops_followed_by_space_and_at_line_breaks() {
        assert_eq!(
            pieces("I waited. You said \"fine.\" Then nothing!\nWhy… no idea 3.5 times"),
            vec![
                "I waited.",
                "You said \"fine.\"",
                "Then nothing!",
                "Why…",
                "no idea 3.5 times"
            ]
        );
        assert!(sentences("  \n \n").is_empty());
        assert_eq!(pieces("one"), vec!["one"]);
    }

    #[test]
    fn wrapped_ranges_point_at_what_each_row_shows() {
        let text = "Hello there world\nsecond line";
        let rows = wrap_ranges(text, 8);
        for (range, shown) in &rows {
            assert!(text[range.clone()].starts_with(shown.as_str()), "{shown:?}");
        }
        assert_eq!(rows.len(), 5);
        assert_eq!(&text[rows[3].0.clone()], "second ");
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The proptest settings of the text layout properties, here and in the editor:
    /// 2,000 cases each, and no file of failures written.
    pub(crate) fn many_cases() -> ProptestConfig {
        ProptestConfig {
            cases: 2000,
            failure_persistence: None,
            ..ProptestConfig::default()
        }
    }

    #[test]
    fn wraps_at_spaces() {
        assert_eq!(wrap("one two three four", 9), ["one two", "three", "four"]);
    }

    #[test]
    fn breaks_words_longer_than_a_row() {
        assert_eq!(wrap("abcdefghij", 4), ["abcd", "efgh", "ij"]);
    }

    #[test]
    fn keeps_empty_lines_and_expands_tabs() {
        assert_eq!(wrap("a\n\n\tb", 10), ["a", "", "    b"]);
    }

    #[test]
    fn counts_wide_characters_as_two_columns() {
        assert_eq!(wrap("日本語 です", 6), ["日本語", "です"]);
    }

    #[test]
    fn no_break_spaces_keep_words_together() {
        assert_eq!(wrap("one two\u{a0}three", 9), ["one", "two\u{a0}three"]);
    }

    #[test]
    fn a_combining_accent_is_not_split_from_its_letter() {
        assert_eq!(wrap("cafe\u{301}s", 4), ["cafe\u{301}", "s"]);
    }

    #[test]
    fn no_row_is_wider_than_asked() {
        let text = "Ça va? 日本語の文章 and a verylongwordthatgoesonandon\twith tabs   ";
        for width in 2..30 {
            for row in wrap(text, width) {
                assert!(
                    row.width() <= width,
                    "{row:?} is {} wide at {width}",
                    row.width()
                );
            }
        }
    }

    #[test]
    fn wrapped_rows_hang_under_the_first() {
        assert_eq!(
            wrap_hanging("one two three", 9, "• ", "  "),
            ["• one two", "  three"]
        );
        assert_eq!(wrap_hanging("", 9, "- ", "  "), ["- "]);
        // The prefix is measured in cells: a wide bullet leaves less room.
        assert_eq!(
            wrap_hanging("one two three", 9, "※ ", "   "),
            ["※ one", "   two", "   three"]
        );
    }

    #[test]
    fn fit_pads_and_cuts_to_the_width() {
        assert_eq!(fit("abc", 6), "abc   ");
        assert_eq!(fit("abcdefgh", 6), "abcd… ");
        assert_eq!(fit("日本語です", 6), "日本… ");
        assert_eq!(fit("abcde", 6), "abcde ");
        assert_eq!(fit("abc", 1), " ");
    }

    proptest! {
        #![proptest_config(many_cases())]

        #[test]
        fn ascii_is_split_the_same_as_unicode_text(text in "[ -~\t\n]{0,80}") {
            let quick: Vec<_> = graphemes(&text, true).collect();
            let segmented: Vec<_> = graphemes(&text, false).collect();
            prop_assert_eq!(quick, segmented);
        }
    }
}
