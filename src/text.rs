//! Prose for display: soft-wrapping, tabs made visible, and characters that could
//! upset the terminal shown as escapes (through [`crate::safe`]).

use unicode_width::UnicodeWidthChar;

const TAB_WIDTH: usize = 4;

/// Wraps text to `width` columns at spaces; words longer than a row are broken; tabs
/// become spaces (never dropped); control and bidi characters become visible escapes;
/// empty lines are kept. Always at least one row.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut rows = Vec::new();
    for line in crate::safe::prose(text).split('\n') {
        wrap_line(&expand_tabs(line), width, &mut rows);
    }
    rows
}

/// The number of rows `wrap` would give, without keeping them.
pub fn wrapped_height(text: &str, width: usize) -> usize {
    wrap(text, width).len()
}

/// Tabs become spaces to the next stop, so they can never vanish on screen.
pub fn expand_tabs(line: &str) -> std::borrow::Cow<'_, str> {
    if !line.contains('\t') {
        return line.into();
    }
    let mut out = String::with_capacity(line.len() + 8);
    let mut column = 0;
    for c in line.chars() {
        if c == '\t' {
            let spaces = TAB_WIDTH - column % TAB_WIDTH;
            out.extend(std::iter::repeat_n(' ', spaces));
            column += spaces;
        } else {
            out.push(c);
            column += c.width().unwrap_or(0);
        }
    }
    out.into()
}

fn wrap_line(line: &str, width: usize, rows: &mut Vec<String>) {
    let mut row = String::new();
    let mut row_width = 0;
    // A word is a run of non-spaces with the spaces before it.
    let mut rest = line;
    while !rest.is_empty() {
        let spaces = rest.len() - rest.trim_start_matches(' ').len();
        let after = &rest[spaces..];
        let word_len = after.find(' ').unwrap_or(after.len());
        let word = &after[..word_len];
        let word_width: usize = word.chars().map(|c| c.width().unwrap_or(0)).sum();
        if row_width + spaces + word_width <= width {
            row.push_str(&rest[..spaces + word_len]);
            row_width += spaces + word_width;
        } else if word_width <= width && row_width > 0 {
            rows.push(std::mem::take(&mut row));
            row.push_str(word);
            row_width = word_width;
        } else {
            // Too long for any row: break it, filling the current row first.
            for c in rest[..spaces + word_len].chars() {
                let w = c.width().unwrap_or(0);
                if row_width + w > width && row_width > 0 {
                    rows.push(std::mem::take(&mut row));
                    row_width = 0;
                    if c == ' ' {
                        continue;
                    }
                }
                row.push(c);
                row_width += w;
            }
        }
        rest = &after[word_len..];
    }
    rows.push(row);
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn no_row_is_wider_than_asked() {
        let text = "Ça va? 日本語の文章 and a verylongwordthatgoesonandon\twith tabs";
        for width in 2..30 {
            for row in wrap(text, width) {
                let w: usize = row.chars().map(|c| c.width().unwrap_or(0)).sum();
                assert!(w <= width, "{row:?} is {w} wide at {width}");
            }
        }
    }
}
