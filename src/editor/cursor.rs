//! Where each move takes the cursor: by grapheme, by word, by screen row and by page.

use unicode_segmentation::GraphemeCursor;

use super::Editor;
use super::undo::Pos;

fn is_word(grapheme: &str) -> bool {
    grapheme
        .chars()
        .next()
        .is_some_and(|c| c.is_alphanumeric() || matches!(c, '_' | '\'' | '’'))
}

impl Editor {
    pub(super) fn move_to(&mut self, pos: Pos) {
        self.cursor = pos;
        self.goal_col = None;
        self.history.seal();
    }

    /// After undo or redo the cursor may be anywhere: forget the column up and down aimed
    /// for and start a new undo step.
    pub(super) fn after_jump(&mut self) {
        self.goal_col = None;
        self.history.seal();
    }

    pub(super) fn text_end(&self) -> Pos {
        let line = self.lines.len() - 1;
        Pos {
            line,
            byte: self.lines[line].len(),
        }
    }

    /// One grapheme back, or to the end of the line before.
    pub(super) fn pos_before(&self, pos: Pos) -> Pos {
        if pos.byte > 0 {
            let line = &self.lines[pos.line];
            let byte = GraphemeCursor::new(pos.byte, line.len(), true)
                .prev_boundary(line, 0)
                .ok()
                .flatten()
                .unwrap_or(0);
            Pos { byte, ..pos }
        } else if pos.line > 0 {
            Pos {
                line: pos.line - 1,
                byte: self.lines[pos.line - 1].len(),
            }
        } else {
            pos
        }
    }

    /// One grapheme on, or to the start of the next line.
    pub(super) fn pos_after(&self, pos: Pos) -> Pos {
        let line = &self.lines[pos.line];
        if pos.byte < line.len() {
            let byte = GraphemeCursor::new(pos.byte, line.len(), true)
                .next_boundary(line, 0)
                .ok()
                .flatten()
                .unwrap_or(line.len());
            Pos { byte, ..pos }
        } else if pos.line + 1 < self.lines.len() {
            Pos {
                line: pos.line + 1,
                byte: 0,
            }
        } else {
            pos
        }
    }

    /// The start of the word before `pos`, past any spaces and punctuation; at the start
    /// of a line, the end of the line before.
    pub(super) fn word_start_before(&self, pos: Pos) -> Pos {
        if pos.byte == 0 {
            return self.pos_before(pos);
        }
        let line = &self.lines[pos.line];
        let mut byte = pos.byte;
        let mut seen_word = false;
        while byte > 0 {
            let before = self.pos_before(Pos { byte, ..pos }).byte;
            let word = is_word(&line[before..byte]);
            if seen_word && !word {
                break;
            }
            seen_word |= word;
            byte = before;
        }
        Pos { byte, ..pos }
    }

    /// The end of the word after `pos`, past any spaces and punctuation; at the end of a
    /// line, the start of the next.
    pub(super) fn word_end_after(&self, pos: Pos) -> Pos {
        let line = &self.lines[pos.line];
        if pos.byte == line.len() {
            return self.pos_after(pos);
        }
        let mut byte = pos.byte;
        let mut seen_word = false;
        while byte < line.len() {
            let after = self.pos_after(Pos { byte, ..pos }).byte;
            let word = is_word(&line[byte..after]);
            if seen_word && !word {
                break;
            }
            seen_word |= word;
            byte = after;
        }
        Pos { byte, ..pos }
    }

    /// Move `count` screen rows up or down, keeping the column; the view moves with the
    /// cursor. Past the first or last row, go to the start or end of the text.
    pub(super) fn move_rows(&mut self, count: usize, down: bool) {
        let goal = self
            .goal_col
            .unwrap_or_else(|| self.col_in_row(self.cursor));
        let step = |row| {
            if down {
                self.next_row(row)
            } else {
                self.prev_row(row)
            }
        };
        let mut row = self.row_of(self.cursor);
        let mut top = self.clamp_row(self.top.get());
        let mut moved = 0;
        while moved < count {
            let Some(next) = step(row) else { break };
            row = next;
            top = step(top).unwrap_or(top);
            moved += 1;
        }
        let target = if moved == 0 {
            if down {
                self.text_end()
            } else {
                Pos::default()
            }
        } else {
            self.pos_at_col(row, goal)
        };
        if count > 1 {
            self.top.set(top);
        }
        self.move_to(target);
        self.goal_col = Some(goal);
    }
}

#[cfg(test)]
mod tests {
    use super::super::EditAction;
    use super::super::testing::{PAGE, draw, numbered_lines, reversed_cells, rows, type_text};
    use super::*;

    #[test]
    fn word_moves_skip_spaces_and_punctuation() {
        let mut editor = Editor::from_text("one two, don't");
        editor.apply(EditAction::WordLeft, PAGE);
        type_text(&mut editor, "|");
        assert_eq!(editor.text(), "one two, |don't");
        editor.undo();
        editor.apply(EditAction::WordLeft, PAGE);
        type_text(&mut editor, "|");
        assert_eq!(editor.text(), "one |two, don't");
        editor.undo();
        editor.apply(EditAction::WordRight, PAGE);
        type_text(&mut editor, "|");
        assert_eq!(editor.text(), "one two|, don't");
        editor.undo();
        editor.apply(EditAction::WordRight, PAGE);
        type_text(&mut editor, "|");
        assert_eq!(editor.text(), "one two, don't|");
    }

    #[test]
    fn word_moves_cross_line_ends() {
        let mut editor = Editor::from_text("one\ntwo");
        editor.apply(EditAction::LineStart, PAGE);
        editor.apply(EditAction::WordLeft, PAGE);
        assert_eq!(editor.cursor, Pos { line: 0, byte: 3 });
        editor.apply(EditAction::WordRight, PAGE);
        assert_eq!(editor.cursor, Pos { line: 1, byte: 0 });
    }

    #[test]
    fn up_and_down_move_by_screen_row_and_keep_the_column() {
        let mut editor = Editor::from_text("aaaa bbbb cccc\nxy");
        draw(&editor, 6, 5, true);
        editor.apply(EditAction::TextStart, PAGE);
        editor.apply(EditAction::Right, PAGE);
        editor.apply(EditAction::Right, PAGE);
        editor.apply(EditAction::Down, PAGE);
        assert_eq!(editor.cursor, Pos { line: 0, byte: 7 });
        editor.apply(EditAction::Down, PAGE);
        assert_eq!(editor.cursor, Pos { line: 0, byte: 12 });
        editor.apply(EditAction::Down, PAGE);
        assert_eq!(
            editor.cursor,
            Pos { line: 1, byte: 2 },
            "end of a short row"
        );
        editor.apply(EditAction::Up, PAGE);
        assert_eq!(editor.cursor, Pos { line: 0, byte: 12 }, "column kept");
        editor.apply(EditAction::Down, PAGE);
        editor.apply(EditAction::Down, PAGE);
        assert_eq!(
            editor.cursor,
            Pos { line: 1, byte: 2 },
            "last row: to the end"
        );
        let buf = draw(&editor, 6, 5, true);
        assert_eq!(reversed_cells(&buf), [(2, 3)]);
    }

    #[test]
    fn up_on_the_first_row_goes_to_the_start() {
        let mut editor = Editor::from_text("abc");
        editor.apply(EditAction::Up, PAGE);
        assert_eq!(editor.cursor, Pos::default());
        editor.apply(EditAction::Down, PAGE);
        assert_eq!(editor.cursor, Pos { line: 0, byte: 3 });
    }

    #[test]
    fn home_end_go_to_the_line_and_ctrl_home_end_to_the_text() {
        let mut editor = Editor::from_text("first\nsecond\nthird");
        editor.apply(EditAction::Up, PAGE);
        editor.apply(EditAction::LineStart, PAGE);
        assert_eq!(editor.cursor, Pos { line: 1, byte: 0 });
        editor.apply(EditAction::LineEnd, PAGE);
        assert_eq!(editor.cursor, Pos { line: 1, byte: 6 });
        editor.apply(EditAction::TextStart, PAGE);
        assert_eq!(editor.cursor, Pos { line: 0, byte: 0 });
        editor.apply(EditAction::TextEnd, PAGE);
        assert_eq!(editor.cursor, Pos { line: 2, byte: 5 });
    }

    #[test]
    fn page_keys_move_a_page_less_one_row_and_the_view_follows() {
        let mut editor = Editor::from_text(&numbered_lines(100));
        editor.apply(EditAction::TextStart, PAGE);
        draw(&editor, 20, 10, true);
        editor.apply(EditAction::PageDown, 10);
        assert_eq!(editor.cursor.line, 9);
        let buf = draw(&editor, 20, 10, true);
        assert_eq!(rows(&buf)[0], "line 9");
        assert_eq!(reversed_cells(&buf), [(0, 0)]);
        editor.apply(EditAction::PageUp, 10);
        assert_eq!(editor.cursor.line, 0);
        assert_eq!(rows(&draw(&editor, 20, 10, true))[0], "line 0");
        editor.apply(EditAction::PageDown, 4);
        assert_eq!(editor.cursor.line, 3, "the page size is the caller's");
        editor.apply(EditAction::PageDown, 0);
        assert_eq!(editor.cursor.line, 4, "a page is at least a row");
    }
}
