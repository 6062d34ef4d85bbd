//! Drawing the editor into a buffer: the rows in view, and the cursor.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};

use super::Editor;
use crate::text::{grapheme_width, graphemes};

impl Editor {
    /// Draw the text into `area`, soft-wrapped, scrolled so the cursor is in view. Every cell
    /// of `area` is drawn (blank where there is no text) and nothing outside it; styles
    /// already in the buffer are kept, so a caller may set a background first. Returns
    /// where the cursor is, for the caller to show the terminal's own cursor there
    /// (input methods, screen readers and magnifiers follow that one), or `None` when
    /// nothing of the editor shows.
    pub fn render(&self, area: Rect, buf: &mut Buffer) -> Option<Position> {
        let area = area.intersection(buf.area);
        if area.is_empty() {
            return None;
        }
        let top = self.scroll_top(area);
        self.top.set(top);
        let mut row = Some(top);
        for y in area.top()..area.bottom() {
            let text = row.map_or("", |row| {
                let (start, end) = self.row_range(row);
                &self.lines[row.0][start..end]
            });
            draw_row(buf, area, y, text);
            row = row.and_then(|row| self.next_row(row));
        }
        self.cursor_below(top, area)
    }

    /// Where the cursor is when the editor is drawn into `area`. `None` if `area` is empty.
    pub fn cursor_position(&self, area: Rect) -> Option<Position> {
        if area.is_empty() {
            return None;
        }
        self.cursor_below(self.scroll_top(area), area)
    }

    /// Where the cursor is in `area` when its first row shows `top`: a walk of at most
    /// the area's rows, so a frame of unfocused editors costs nothing more.
    fn cursor_below(&self, top: super::layout::Row, area: Rect) -> Option<Position> {
        let cursor_row = self.row_of(self.cursor);
        let mut row = top;
        let mut y = 0;
        while row != cursor_row {
            row = self.next_row(row)?;
            y += 1;
            if y >= area.height {
                return None;
            }
        }
        let col = self
            .col_in_row(self.cursor)
            .min(usize::from(area.width - 1));
        Some(Position::new(area.x + col as u16, area.y + y))
    }
}

/// Draw one row of text at row `y` of `area`, blank to the right edge: tabs as spaces, wide
/// characters over two cells, nothing past the edge (a character wider than the whole area
/// is left out).
fn draw_row(buf: &mut Buffer, area: Rect, y: u16, text: &str) {
    let width = usize::from(area.width);
    let mut col = 0;
    for (_, grapheme) in graphemes(text, text.is_ascii()) {
        let cells = grapheme_width(grapheme, col);
        if cells == 0 {
            continue;
        }
        if col + cells > width {
            break;
        }
        let x = area.x + col as u16;
        let symbol = if grapheme.chars().all(char::is_whitespace) {
            " "
        } else if grapheme.contains(char::is_control) {
            "\u{fffd}"
        } else {
            grapheme
        };
        if symbol == " " {
            for dx in 0..cells as u16 {
                put(&mut buf[(x + dx, y)], " ");
            }
        } else {
            put(&mut buf[(x, y)], symbol);
            // The cells a wide character covers, as ratatui's own text drawing leaves them.
            for dx in 1..cells as u16 {
                buf[(x + dx, y)].reset();
            }
        }
        col += cells;
    }
    for x in area.x + col as u16..area.right() {
        put(&mut buf[(x, y)], " ");
    }
}

/// Set a cell's symbol unless it already has it: most of a redraw lands on blank cells.
fn put(cell: &mut ratatui::buffer::Cell, symbol: &str) {
    if cell.symbol() != symbol {
        cell.set_symbol(symbol);
    }
}

#[cfg(test)]
mod tests {
    use ratatui::{Terminal, TerminalOptions, Viewport};

    use crate::tui::lean::Lean;

    use super::super::EditAction;
    use super::super::testing::{PAGE, draw, numbered_lines, reversed_cells, rows, typed};
    use super::*;

    #[test]
    fn tabs_stay_in_the_text_and_show_as_spaces_to_the_next_stop() {
        let editor = typed("a\tb\n\tc");
        assert_eq!(editor.text(), "a\tb\n\tc");
        let buf = draw(&editor, 20, 3, false);
        assert_eq!(rows(&buf), ["a   b", "    c", ""]);
        assert_eq!(buf[(4, 0)].symbol(), "b");
    }

    #[test]
    fn wide_characters_and_combining_accents_render_in_their_cells() {
        let editor = Editor::from_text("日本語 cafe\u{301}!");
        let buf = draw(&editor, 20, 1, false);
        assert_eq!(buf[(0, 0)].symbol(), "日");
        assert_eq!(buf[(2, 0)].symbol(), "本");
        assert_eq!(buf[(4, 0)].symbol(), "語");
        assert_eq!(buf[(10, 0)].symbol(), "e\u{301}");
        assert_eq!(buf[(11, 0)].symbol(), "!");
        assert_eq!(rows(&buf), ["日本語 cafe\u{301}!"]);
    }

    #[test]
    fn a_character_wider_than_the_area_is_left_out() {
        let editor = Editor::from_text("日a");
        let buf = draw(&editor, 1, 3, false);
        assert_eq!(rows(&buf), ["", "a", ""]);
    }

    #[test]
    fn the_cursor_stays_in_view_when_it_moves_far() {
        let mut editor = Editor::from_text(&numbered_lines(100));
        editor.apply(EditAction::TextStart, PAGE);
        let area = Rect::new(3, 2, 20, 5);
        let mut buf = Buffer::empty(Rect::new(0, 0, 30, 10));
        editor.render(area, &mut buf);
        editor.apply(EditAction::TextEnd, PAGE);
        let mut buf = Buffer::empty(Rect::new(0, 0, 30, 10));
        let cursor = editor.render(area, &mut buf);
        assert_eq!(buf[(3, 6)].symbol(), "l", "line 99 on the last row");
        assert_eq!(cursor, Some(Position::new(10, 6)));
        assert_eq!(
            reversed_cells(&buf),
            [],
            "the editor draws no cursor of its own"
        );
        assert_eq!(editor.cursor_position(area), Some(Position::new(10, 6)));
        for _ in 0..10 {
            editor.apply(EditAction::Up, PAGE);
        }
        let mut buf = Buffer::empty(Rect::new(0, 0, 30, 10));
        assert_eq!(editor.render(area, &mut buf), Some(Position::new(10, 2)));
        assert_eq!(buf[(8, 2)].symbol(), "8", "line 89 on the top row");
    }

    #[test]
    fn undoing_a_long_paste_at_the_end_brings_the_text_back_into_view() {
        let mut editor = Editor::from_text("one\ntwo\n");
        draw(&editor, 20, 5, true);
        editor.paste(&numbered_lines(50));
        assert_eq!(rows(&draw(&editor, 20, 5, true))[4], "line 49");
        editor.undo();
        assert_eq!(
            rows(&draw(&editor, 20, 5, true)),
            ["one", "two", "", "", ""]
        );
    }

    #[test]
    fn the_cursor_is_shown_only_when_focused() {
        let editor = typed("hi");
        assert_eq!(reversed_cells(&draw(&editor, 10, 2, true)), [(2, 0)]);
        assert_eq!(reversed_cells(&draw(&editor, 10, 2, false)), []);
        assert_eq!(
            editor.cursor_position(Rect::new(0, 0, 10, 2)),
            Some(Position::new(2, 0))
        );
        assert_eq!(editor.cursor_position(Rect::new(0, 0, 0, 2)), None);
    }

    #[test]
    fn an_empty_editor_draws_blank_rows_and_the_cursor() {
        let editor = Editor::new();
        let buf = draw(&editor, 12, 3, true);
        assert_eq!(rows(&buf), ["", "", ""]);
        assert_eq!(reversed_cells(&buf), [(0, 0)]);
    }

    #[test]
    fn the_cursor_at_the_end_of_a_full_row_is_still_in_the_area() {
        let editor = Editor::from_text("abcd efgh");
        let buf = draw(&editor, 5, 3, true);
        assert_eq!(rows(&buf), ["abcd", "efgh", ""]);
        assert_eq!(reversed_cells(&buf), [(4, 1)]);
    }

    #[test]
    fn nothing_is_styled_but_the_cursor() {
        let editor = Editor::from_text("plain words");
        let buf = draw(&editor, 20, 2, true);
        for (i, cell) in buf.content().iter().enumerate() {
            if i != 11 {
                assert_eq!(
                    cell.style(),
                    ratatui::buffer::Cell::EMPTY.style(),
                    "cell {i}"
                );
            }
        }
    }

    /// Bytes written for each frame after typing each of `keys`, through the
    /// program's backend, with the terminal's cursor at the insertion point.
    fn bytes_per_key(editor: &mut Editor, keys: &str) -> Vec<usize> {
        let area = Rect::new(0, 0, 100, 40);
        let options = TerminalOptions {
            viewport: Viewport::Fixed(area),
        };
        let mut terminal =
            Terminal::with_options(Lean::new(Vec::new(), area.width), options).unwrap();
        let mut frame = |editor: &Editor| {
            terminal
                .draw(|frame| {
                    let area = frame.area();
                    if let Some(cursor) = editor.render(area, frame.buffer_mut()) {
                        frame.set_cursor_position(cursor);
                    }
                })
                .unwrap();
            std::mem::take(terminal.backend_mut().written_mut()).len()
        };
        frame(editor);
        keys.chars()
            .map(|c| {
                editor.type_char(c);
                frame(editor)
            })
            .collect()
    }

    #[test]
    fn a_typed_key_writes_two_bytes_at_most_on_average_and_never_more_than_40() {
        let prose = "We argued about the dishes again, but it was never about the dishes. ";
        let draft = format!("{}\n\n{}", prose.repeat(8), prose.repeat(3));
        // Long enough that one word wraps onto the next row.
        let keys = "and I wish I had said so, instead of talking about the plates and the cups for an hour on a Sunday night";
        let mut editor = Editor::from_text(&draft);
        let bytes = bytes_per_key(&mut editor, keys);
        let average = bytes.iter().sum::<usize>() as f64 / bytes.len() as f64;
        assert!(average <= 2.0, "{average:.2} bytes per key: {bytes:?}");
        // The key that wraps a word onto the next row moves the word and the cursor.
        let most = bytes.iter().max().copied().unwrap_or(0);
        assert!(most <= 40, "a key wrote {most} bytes: {bytes:?}");
        // A letter at the end of the text is the letter.
        assert_eq!(bytes[0], 1);
    }
}
