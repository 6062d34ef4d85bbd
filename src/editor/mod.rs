//! The prose editor: the text a person writes, the edits made to it, and how it is drawn.
//!
//! The rest of the app talks to [`Editor`] only. It keeps its own lines, undo history and
//! soft-wrap cache instead of wrapping ratatui-textarea's `TextArea`, because that widget
//! re-wraps the whole text on every edit: 3 ms per key and redraw with 100 KB of text and
//! 25 to 40 ms with 1 MB (the `widget_baseline` group in `benches/editor.rs` measures it),
//! where a key must cost well under 1 ms. Here an edit re-wraps only the rows it touches, and a
//! draw lays out only the rows on screen.
//!
//! The editor never sees a key: the key table ([`crate::keymap`]) turns keys into an
//! [`EditAction`] or a typed character, and the app hands those on.
//!
//! - `undo`: places in the text, edits and the undo history;
//! - `cursor`: where each move takes the cursor;
//! - `layout`: the soft-wrap cache, screen rows and scrolling;
//! - `render`: drawing into a buffer.

mod cursor;
mod layout;
mod render;
mod undo;

use std::cell::{Cell, RefCell};

use layout::{Caches, LineCache, Row};
use undo::{Edit, History, Merge, Pos, end_of};

/// What an editing key asks the editor to do. The key table binds keys to these as
/// `Command::Edit`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum EditAction {
    Undo,
    Redo,
    Left,
    Right,
    Up,
    Down,
    WordLeft,
    WordRight,
    LineStart,
    LineEnd,
    TextStart,
    TextEnd,
    PageUp,
    PageDown,
    DeleteBack,
    DeleteForward,
    DeleteWordBack,
    DeleteWordForward,
    Newline,
    Tab,
}

impl EditAction {
    /// Every action.
    pub const ALL: [EditAction; 20] = [
        EditAction::Undo,
        EditAction::Redo,
        EditAction::Left,
        EditAction::Right,
        EditAction::Up,
        EditAction::Down,
        EditAction::WordLeft,
        EditAction::WordRight,
        EditAction::LineStart,
        EditAction::LineEnd,
        EditAction::TextStart,
        EditAction::TextEnd,
        EditAction::PageUp,
        EditAction::PageDown,
        EditAction::DeleteBack,
        EditAction::DeleteForward,
        EditAction::DeleteWordBack,
        EditAction::DeleteWordForward,
        EditAction::Newline,
        EditAction::Tab,
    ];
}

/// Line endings made `\n`, and control characters other than tab and newline dropped:
/// they cannot be drawn, and an escape character could upset the terminal.
fn lf_without_controls(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                chars.next_if_eq(&'\n');
                out.push('\n');
            }
            '\n' | '\t' => out.push(c),
            c if crate::safe::can_be_typed(c) => out.push(c),
            _ => {}
        }
    }
    out
}

/// The prose editor. See the module documentation.
pub struct Editor {
    /// The text, one entry per line; never empty.
    lines: Vec<String>,
    cursor: Pos,
    /// The column up and down aim for, kept across a run of vertical moves.
    goal_col: Option<usize>,
    history: History,
    revision: u64,
    caches: RefCell<Caches>,
    /// The row drawn at the top, as last drawn.
    top: Cell<Row>,
    /// Word count and the revision it was counted at.
    word_count: Cell<Option<(u64, usize)>>,
}

/// Shows the shape of the text, never the text: it is private, and debug output ends up in
/// logs.
impl std::fmt::Debug for Editor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Editor")
            .field("lines", &self.lines.len())
            .field("cursor", &self.cursor)
            .field("revision", &self.revision)
            .field("undo_steps", &self.history.steps())
            .finish_non_exhaustive()
    }
}

impl Default for Editor {
    fn default() -> Self {
        Self::new()
    }
}

impl Editor {
    /// An empty editor.
    pub fn new() -> Self {
        Self::from_text("")
    }

    /// An editor holding `text` (a restored draft), with the cursor at its end and nothing
    /// to undo. Line endings become `\n` and control characters other than tab are dropped.
    pub fn from_text(text: &str) -> Self {
        let lines: Vec<String> = lf_without_controls(text)
            .split('\n')
            .map(str::to_owned)
            .collect();
        let last = lines.len() - 1;
        let cursor = Pos {
            line: last,
            byte: lines[last].len(),
        };
        let caches = Caches {
            capacity: None,
            lines: vec![LineCache::default(); lines.len()],
        };
        Self {
            lines,
            cursor,
            goal_col: None,
            history: History::default(),
            revision: 0,
            caches: RefCell::new(caches),
            top: Cell::new((0, 0)),
            word_count: Cell::new(None),
        }
    }

    /// The text, lines joined with `\n`.
    pub fn text(&self) -> String {
        self.lines.join("\n")
    }

    /// True when there is nothing but whitespace.
    pub fn is_empty(&self) -> bool {
        self.lines.iter().all(|line| line.trim().is_empty())
    }

    /// How many whitespace-separated words there are; counted once per revision, and per
    /// line only for the lines that changed.
    pub fn word_count(&self) -> usize {
        if let Some((revision, count)) = self.word_count.get()
            && revision == self.revision
        {
            return count;
        }
        let mut caches = self.caches.borrow_mut();
        let count = (0..self.lines.len())
            .map(|line| caches.words(&self.lines, line))
            .sum();
        self.word_count.set(Some((self.revision, count)));
        count
    }

    /// A number that grows with every change of the text (not with cursor moves), for
    /// deciding when to save.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// Do what an editing key asks. `page_rows` is how many rows the editor shows: a page
    /// key moves that many less one, kept for context.
    pub fn apply(&mut self, action: EditAction, page_rows: usize) {
        let cursor = self.cursor;
        let page = page_rows.saturating_sub(1).max(1);
        match action {
            EditAction::Undo => {
                self.undo();
            }
            EditAction::Redo => {
                self.redo();
            }
            EditAction::Left => self.move_to(self.pos_before(cursor)),
            EditAction::Right => self.move_to(self.pos_after(cursor)),
            EditAction::Up => self.move_rows(1, false),
            EditAction::Down => self.move_rows(1, true),
            EditAction::WordLeft => self.move_to(self.word_start_before(cursor)),
            EditAction::WordRight => self.move_to(self.word_end_after(cursor)),
            EditAction::LineStart => self.move_to(Pos { byte: 0, ..cursor }),
            EditAction::LineEnd => self.move_to(Pos {
                byte: self.lines[cursor.line].len(),
                ..cursor
            }),
            EditAction::TextStart => self.move_to(Pos::default()),
            EditAction::TextEnd => self.move_to(self.text_end()),
            EditAction::PageUp => self.move_rows(page, false),
            EditAction::PageDown => self.move_rows(page, true),
            EditAction::DeleteBack => {
                self.edit(self.pos_before(cursor), cursor, "", Merge::Erasing);
            }
            EditAction::DeleteForward => {
                self.edit(cursor, self.pos_after(cursor), "", Merge::Never);
            }
            EditAction::DeleteWordBack => {
                self.edit(self.word_start_before(cursor), cursor, "", Merge::Never);
            }
            EditAction::DeleteWordForward => {
                self.edit(cursor, self.word_end_after(cursor), "", Merge::Never);
            }
            EditAction::Newline => self.type_text("\n", Merge::Typing),
            EditAction::Tab => self.type_text("\t", Merge::Typing),
        }
    }

    /// Type one character at the cursor; typing is undone a word at a time. A control
    /// character other than newline and tab, or a bidi embedding, is not typed.
    /// Whether the cursor is at the end of its line: a letter typed there moves
    /// nothing else on the line.
    pub fn cursor_at_line_end(&self) -> bool {
        self.lines
            .get(self.cursor.line)
            .is_some_and(|line| self.cursor.byte == line.len())
    }

    pub fn type_char(&mut self, c: char) {
        if crate::safe::can_be_typed(c) {
            self.type_text(c.encode_utf8(&mut [0; 4]), Merge::Typing);
        }
    }

    /// Insert pasted text at the cursor as one undo step.
    pub fn paste(&mut self, text: &str) {
        let text = lf_without_controls(text);
        self.history.seal();
        self.type_text(&text, Merge::Never);
    }

    /// Replace the whole text with `text` as one undoable step (what came back from
    /// the user's own editor), the cursor at its end. Line endings become `\n` and
    /// control characters go, as in a paste. `false` when nothing changed.
    pub fn replace_all(&mut self, text: &str) -> bool {
        let text = lf_without_controls(text);
        if text == self.text() {
            return false;
        }
        let last = self.lines.len() - 1;
        let end = Pos {
            line: last,
            byte: self.lines[last].len(),
        };
        self.history.seal();
        self.edit(Pos { line: 0, byte: 0 }, end, &text, Merge::Never);
        self.history.seal();
        self.after_jump();
        true
    }

    /// Undo the last step; false if there was none.
    pub fn undo(&mut self) -> bool {
        let Some(edit) = self.history.take_undo() else {
            return false;
        };
        self.replace(edit.at, end_of(edit.at, &edit.inserted), &edit.removed);
        self.cursor = edit.cursor_before;
        self.history.undone(edit);
        self.after_jump();
        true
    }

    /// Redo the last undone step; false if there was none.
    pub fn redo(&mut self) -> bool {
        let Some(edit) = self.history.take_redo() else {
            return false;
        };
        self.replace(edit.at, end_of(edit.at, &edit.removed), &edit.inserted);
        self.cursor = edit.cursor_after;
        self.history.redone(edit);
        self.after_jump();
        true
    }

    fn type_text(&mut self, text: &str, merge: Merge) {
        self.edit(self.cursor, self.cursor, text, merge);
    }

    /// Replace the text between `start` and `end` with `text` as an undoable step, leaving
    /// the cursor after it.
    fn edit(&mut self, start: Pos, end: Pos, text: &str, merge: Merge) {
        if start == end && text.is_empty() {
            return;
        }
        let cursor_before = self.cursor;
        let removed = self.replace(start, end, text);
        self.cursor = end_of(start, text);
        self.goal_col = None;
        self.history.record(Edit {
            at: start,
            removed,
            inserted: text.to_owned(),
            cursor_before,
            cursor_after: self.cursor,
            merge,
        });
    }

    /// The one place the text changes: replace `start..end` with `text` and return what
    /// was there.
    fn replace(&mut self, start: Pos, end: Pos, text: &str) -> String {
        let removed = self.slice(start, end);
        let caches = self.caches.get_mut();
        if start.line == end.line && !text.contains('\n') {
            let line = &mut self.lines[start.line];
            line.replace_range(start.byte..end.byte, text);
            caches.line_edited(
                line,
                start.line,
                start.byte,
                end.byte - start.byte,
                text.len(),
            );
        } else {
            let tail = self.lines[end.line][end.byte..].to_owned();
            let mut parts = text.split('\n');
            let first = &mut self.lines[start.line];
            first.truncate(start.byte);
            first.push_str(parts.next().unwrap_or_default());
            let mut added: Vec<String> = parts.map(str::to_owned).collect();
            match added.last_mut() {
                Some(last) => last.push_str(&tail),
                None => self.lines[start.line].push_str(&tail),
            }
            let added_count = added.len();
            self.lines.splice(start.line + 1..=end.line, added);
            caches.lines_replaced(start.line, end.line - start.line + 1, added_count + 1);
        }
        self.revision += 1;
        removed
    }

    fn slice(&self, start: Pos, end: Pos) -> String {
        if start.line == end.line {
            return self.lines[start.line][start.byte..end.byte].to_owned();
        }
        let mut text = self.lines[start.line][start.byte..].to_owned();
        for line in &self.lines[start.line + 1..end.line] {
            text.push('\n');
            text.push_str(line);
        }
        text.push('\n');
        text.push_str(&self.lines[end.line][..end.byte]);
        text
    }
}

/// Helpers the tests of every part of the editor share.
#[cfg(test)]
mod testing {
    use super::{EditAction, Editor};
    use ratatui::buffer::{Buffer, CellWidth as _};
    use ratatui::layout::Rect;
    use ratatui::style::Modifier;

    /// Rows on a page for the page keys in tests that do not care.
    pub const PAGE: usize = 10;

    /// Type `text` character by character, newlines and tabs as their keys would.
    pub fn type_text(editor: &mut Editor, text: &str) {
        for c in text.chars() {
            match c {
                '\n' => editor.apply(EditAction::Newline, PAGE),
                '\t' => editor.apply(EditAction::Tab, PAGE),
                c => editor.type_char(c),
            }
        }
    }

    pub fn typed(text: &str) -> Editor {
        let mut editor = Editor::new();
        type_text(&mut editor, text);
        editor
    }

    /// The editor drawn at `width`×`height`; when `focused`, the cell where the
    /// terminal's cursor shows is marked reversed, so tests can see it in the buffer.
    pub fn draw(editor: &Editor, width: u16, height: u16, focused: bool) -> Buffer {
        let area = Rect::new(0, 0, width, height);
        let mut buf = Buffer::empty(area);
        let cursor = editor.render(area, &mut buf);
        if focused && let Some(cursor) = cursor {
            buf[cursor].modifier.insert(Modifier::REVERSED);
        }
        buf
    }

    /// The rows as a person reads them: wide characters once, trailing blanks trimmed.
    pub fn rows(buf: &Buffer) -> Vec<String> {
        let area = buf.area;
        (area.top()..area.bottom())
            .map(|y| {
                let mut row = String::new();
                let mut x = area.left();
                while x < area.right() {
                    let symbol = buf[(x, y)].symbol();
                    row.push_str(symbol);
                    x += symbol.cell_width().max(1);
                }
                row.trim_end().to_owned()
            })
            .collect()
    }

    pub fn reversed_cells(buf: &Buffer) -> Vec<(u16, u16)> {
        let area = buf.area;
        let mut cells = Vec::new();
        for y in area.top()..area.bottom() {
            for x in area.left()..area.right() {
                if buf[(x, y)].modifier.contains(Modifier::REVERSED) {
                    cells.push((x, y));
                }
            }
        }
        cells
    }

    pub fn numbered_lines(count: usize) -> String {
        (0..count)
            .map(|i| format!("line {i}"))
            .collect::<Vec<_>>()
            .join("\n")
    }
}

#[cfg(test)]
mod tests {
    use super::testing::{PAGE, draw, type_text, typed};
    use super::*;

    #[test]
    fn typing_builds_the_text() {
        let editor = typed("Hello, wörld 日本 ✨");
        assert_eq!(editor.text(), "Hello, wörld 日本 ✨");
    }

    #[test]
    fn control_characters_and_embeddings_are_not_typed() {
        let mut editor = Editor::new();
        for c in ['a', '\u{1b}', '\u{7}', '\u{202e}', '\r', 'b'] {
            editor.type_char(c);
        }
        assert_eq!(editor.text(), "ab");
    }

    #[test]
    fn enter_starts_a_line_and_tab_is_kept_as_a_tab() {
        let editor = typed("a\nb\tc");
        assert_eq!(editor.text(), "a\nb\tc");
    }

    #[test]
    fn paste_makes_line_endings_lf_and_drops_control_characters() {
        let mut editor = Editor::new();
        editor.paste("one\r\ntwo\rthree\n\tfour\u{1b}[31m\u{7}");
        assert_eq!(editor.text(), "one\ntwo\nthree\n\tfour[31m");
    }

    #[test]
    fn one_undo_removes_a_whole_paste() {
        let mut editor = typed("Before ");
        editor.paste("a pasted\nparagraph\r\nor two");
        assert_eq!(editor.text(), "Before a pasted\nparagraph\nor two");
        assert!(editor.undo());
        assert_eq!(editor.text(), "Before ");
        assert!(editor.redo());
        assert_eq!(editor.text(), "Before a pasted\nparagraph\nor two");
    }

    #[test]
    fn typing_after_a_paste_is_a_separate_step() {
        let mut editor = Editor::new();
        editor.paste("pasted");
        type_text(&mut editor, "typed");
        assert!(editor.undo());
        assert_eq!(editor.text(), "pasted");
    }

    #[test]
    fn typing_is_undone_a_word_at_a_time() {
        let mut editor = typed("hello world");
        editor.apply(EditAction::Undo, PAGE);
        assert_eq!(editor.text(), "hello ");
        editor.apply(EditAction::Undo, PAGE);
        assert_eq!(editor.text(), "");
        editor.apply(EditAction::Redo, PAGE);
        assert_eq!(editor.text(), "hello ");
        editor.apply(EditAction::Redo, PAGE);
        assert_eq!(editor.text(), "hello world");
    }

    #[test]
    fn backspaces_are_undone_a_word_at_a_time() {
        let mut editor = Editor::from_text("hello world");
        for _ in 0.."hello world".len() {
            editor.apply(EditAction::DeleteBack, PAGE);
        }
        assert_eq!(editor.text(), "");
        assert!(editor.undo());
        assert_eq!(editor.text(), "hello");
        assert!(editor.undo());
        assert_eq!(editor.text(), "hello world");
        assert!(!editor.undo(), "a restored draft has no history before it");
    }

    #[test]
    fn more_than_a_thousand_steps_can_be_undone() {
        let mut editor = Editor::new();
        for _ in 0..1500 {
            type_text(&mut editor, "w ");
        }
        let mut steps = 0;
        while editor.undo() {
            steps += 1;
        }
        assert_eq!(steps, 1500);
        assert_eq!(editor.text(), "");
    }

    #[test]
    fn a_new_edit_clears_redo() {
        let mut editor = typed("one ");
        editor.undo();
        type_text(&mut editor, "two");
        assert!(!editor.redo());
        assert_eq!(editor.text(), "two");
    }

    #[test]
    fn every_word_delete_deletes_the_word_before() {
        let mut editor = Editor::from_text("keep this, word");
        editor.apply(EditAction::DeleteWordBack, PAGE);
        assert_eq!(editor.text(), "keep this, ");
        editor.apply(EditAction::DeleteWordBack, PAGE);
        assert_eq!(editor.text(), "keep ");
    }

    #[test]
    fn word_delete_forward_deletes_the_word_after() {
        let mut editor = Editor::from_text("one two");
        editor.apply(EditAction::TextStart, PAGE);
        editor.apply(EditAction::DeleteWordForward, PAGE);
        assert_eq!(editor.text(), " two");
        editor.apply(EditAction::DeleteWordForward, PAGE);
        assert_eq!(editor.text(), "");
    }

    #[test]
    fn backspace_and_delete_remove_whole_graphemes_and_join_lines() {
        let mut editor = Editor::from_text("e\u{301}\nb");
        editor.apply(EditAction::Up, PAGE);
        editor.apply(EditAction::LineEnd, PAGE);
        editor.apply(EditAction::DeleteForward, PAGE);
        assert_eq!(editor.text(), "e\u{301}b");
        editor.apply(EditAction::DeleteBack, PAGE);
        assert_eq!(editor.text(), "b");
    }

    #[test]
    fn debug_output_does_not_show_the_text() {
        let editor = Editor::from_text("a private sentence");
        let debug = format!("{editor:?}");
        assert!(!debug.contains("private"), "{debug}");
        assert!(debug.contains("revision"), "{debug}");
    }

    #[test]
    fn revision_changes_with_the_text_only() {
        let mut editor = Editor::from_text("ab");
        assert_eq!(editor.revision(), 0);
        editor.type_char('c');
        let typed = editor.revision();
        assert!(typed > 0);
        editor.apply(EditAction::Left, PAGE);
        editor.apply(EditAction::TextStart, PAGE);
        editor.apply(EditAction::DeleteBack, PAGE);
        editor.type_char('\u{16}');
        draw(&editor, 10, 3, true);
        assert_eq!(editor.revision(), typed, "moves and no-ops");
        editor.undo();
        assert!(editor.revision() > typed, "undo changes the text");
        let undone = editor.revision();
        editor.paste("");
        assert_eq!(editor.revision(), undone, "an empty paste");
    }

    #[test]
    fn words_are_counted_by_whitespace() {
        let mut editor = Editor::from_text("  one two\n\tthree-four  \n\n日本語 ");
        assert_eq!(editor.word_count(), 4);
        type_text(&mut editor, "five six");
        assert_eq!(editor.word_count(), 6);
        editor.undo();
        assert_eq!(editor.word_count(), 5);
        assert_eq!(Editor::new().word_count(), 0);
    }

    #[test]
    fn whitespace_only_is_empty() {
        assert!(Editor::new().is_empty());
        assert!(Editor::from_text(" \n\t\n").is_empty());
        assert!(!Editor::from_text(" \n.\n").is_empty());
    }

    #[test]
    fn a_restored_draft_has_the_cursor_at_its_end_and_crlf_made_lf() {
        let mut editor = Editor::from_text("one\r\ntwo");
        assert_eq!(editor.text(), "one\ntwo");
        type_text(&mut editor, "!");
        assert_eq!(editor.text(), "one\ntwo!");
    }
}
