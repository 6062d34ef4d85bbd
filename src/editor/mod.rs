//! The prose editor: the text a person writes, how keys change it, and how it is drawn.
//!
//! The rest of the app talks to [`Editor`] only. It keeps its own lines, undo history and
//! soft-wrap cache instead of wrapping ratatui-textarea's `TextArea`, because that widget
//! re-wraps the whole text on every edit: 3 ms per key and redraw with 100 KB of text and
//! 25 to 40 ms with 1 MB (the `widget_baseline` group in `benches/editor.rs` measures it),
//! where a key must cost well under 1 ms. Here an edit re-wraps only the rows it touches, and a
//! draw lays out only the rows on screen.
//!
//! Keys are mapped in one table, `BINDINGS`, which [`bindings`] turns into the help text,
//! so help and behaviour cannot disagree. No key does anything unless it is in that table
//! or types a character.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;

use ratatui::buffer::{Buffer, CellWidth as _};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::layout::{Position, Rect};
use ratatui::style::{Modifier, Style};
use unicode_segmentation::{GraphemeCursor, GraphemeIndices, UnicodeSegmentation as _};

/// Columns from one tab stop to the next.
const TAB_WIDTH: usize = 4;

/// Undo steps kept; typing is grouped by word, so this is thousands of words.
const MAX_UNDO_STEPS: usize = 10_000;

/// What the editor can be asked to do by a key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Action {
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

impl Action {
    /// What the action does, in the words the help overlay shows.
    fn describe(self) -> &'static str {
        match self {
            Action::Undo => "undo",
            Action::Redo => "redo",
            Action::Left => "move left",
            Action::Right => "move right",
            Action::Up => "move up a row",
            Action::Down => "move down a row",
            Action::WordLeft => "move to the previous word",
            Action::WordRight => "move to the end of the word",
            Action::LineStart => "move to the start of the line",
            Action::LineEnd => "move to the end of the line",
            Action::TextStart => "move to the start of the text",
            Action::TextEnd => "move to the end of the text",
            Action::PageUp => "move up a screen",
            Action::PageDown => "move down a screen",
            Action::DeleteBack => "delete the character before the cursor",
            Action::DeleteForward => "delete the character after the cursor",
            Action::DeleteWordBack => "delete the word before the cursor",
            Action::DeleteWordForward => "delete the word after the cursor",
            Action::Newline => "start a new line",
            Action::Tab => "insert a tab",
        }
    }
}

/// One key of the editor: the key as crossterm reports it (Shift ignored, except that a
/// capital letter means Shift), its label for the help overlay, and what it does.
struct Binding {
    code: KeyCode,
    modifiers: KeyModifiers,
    label: &'static str,
    action: Action,
    /// False for a second encoding of a key already listed (what some terminals send).
    in_help: bool,
}

const fn key(
    code: KeyCode,
    modifiers: KeyModifiers,
    label: &'static str,
    action: Action,
) -> Binding {
    Binding {
        code,
        modifiers,
        label,
        action,
        in_help: true,
    }
}

const NONE: KeyModifiers = KeyModifiers::NONE;
const CTRL: KeyModifiers = KeyModifiers::CONTROL;
const ALT: KeyModifiers = KeyModifiers::ALT;

/// Every key the editor uses. `handle_key` looks keys up here and `bindings` lists it.
const BINDINGS: &[Binding] = &[
    key(KeyCode::Char('z'), CTRL, "Ctrl+Z", Action::Undo),
    key(KeyCode::Char('y'), CTRL, "Ctrl+Y", Action::Redo),
    key(KeyCode::Char('Z'), CTRL, "Ctrl+Shift+Z", Action::Redo),
    key(KeyCode::Left, NONE, "←", Action::Left),
    key(KeyCode::Right, NONE, "→", Action::Right),
    key(KeyCode::Up, NONE, "↑", Action::Up),
    key(KeyCode::Down, NONE, "↓", Action::Down),
    key(KeyCode::Left, CTRL, "Ctrl+←", Action::WordLeft),
    key(KeyCode::Char('b'), ALT, "Alt+B", Action::WordLeft),
    key(KeyCode::Right, CTRL, "Ctrl+→", Action::WordRight),
    key(KeyCode::Char('f'), ALT, "Alt+F", Action::WordRight),
    key(KeyCode::Home, NONE, "Home", Action::LineStart),
    key(KeyCode::End, NONE, "End", Action::LineEnd),
    key(KeyCode::Home, CTRL, "Ctrl+Home", Action::TextStart),
    key(KeyCode::End, CTRL, "Ctrl+End", Action::TextEnd),
    key(KeyCode::PageUp, NONE, "PgUp", Action::PageUp),
    key(KeyCode::PageDown, NONE, "PgDn", Action::PageDown),
    key(KeyCode::Backspace, NONE, "Backspace", Action::DeleteBack),
    key(KeyCode::Delete, NONE, "Delete", Action::DeleteForward),
    key(
        KeyCode::Backspace,
        CTRL,
        "Ctrl+Backspace",
        Action::DeleteWordBack,
    ),
    key(KeyCode::Char('w'), CTRL, "Ctrl+W", Action::DeleteWordBack),
    key(
        KeyCode::Backspace,
        ALT,
        "Alt+Backspace",
        Action::DeleteWordBack,
    ),
    // xterm-style terminals send Ctrl+Backspace as ^H, which crossterm reports as Ctrl+H.
    Binding {
        in_help: false,
        ..key(KeyCode::Char('h'), CTRL, "Ctrl+H", Action::DeleteWordBack)
    },
    key(
        KeyCode::Delete,
        CTRL,
        "Ctrl+Delete",
        Action::DeleteWordForward,
    ),
    key(KeyCode::Char('d'), ALT, "Alt+D", Action::DeleteWordForward),
    key(KeyCode::Enter, NONE, "Enter", Action::Newline),
    key(KeyCode::Tab, NONE, "Tab", Action::Tab),
];

/// The editor's keys for the help overlay, as (key, what it does), read from the same
/// table that [`Editor::handle_key`] uses.
pub fn bindings() -> Vec<(&'static str, &'static str)> {
    BINDINGS
        .iter()
        .filter(|binding| binding.in_help)
        .map(|binding| (binding.label, binding.action.describe()))
        .collect()
}

/// The key as the table spells it: Shift dropped, except as the case of a letter.
fn normalized(key: &KeyEvent) -> (KeyCode, KeyModifiers) {
    let mut modifiers = key.modifiers;
    let code = match key.code {
        KeyCode::Char(c) if c.is_ascii_alphabetic() => {
            let shifted = modifiers.contains(KeyModifiers::SHIFT) || c.is_ascii_uppercase();
            modifiers.remove(KeyModifiers::SHIFT);
            KeyCode::Char(if shifted { c.to_ascii_uppercase() } else { c })
        }
        KeyCode::Char(c) => KeyCode::Char(c),
        other => {
            modifiers.remove(KeyModifiers::SHIFT);
            other
        }
    };
    (code, modifiers)
}

fn action_for(key: &KeyEvent) -> Option<Action> {
    let (code, modifiers) = normalized(key);
    BINDINGS
        .iter()
        .find(|binding| binding.code == code && binding.modifiers == modifiers)
        .map(|binding| binding.action)
}

/// The character a key types, if it types one: plain or shifted, or with Ctrl+Alt, which
/// is how AltGr arrives from some keyboards.
fn typed_char(key: &KeyEvent) -> Option<char> {
    let KeyCode::Char(c) = key.code else {
        return None;
    };
    let modifiers = key.modifiers - KeyModifiers::SHIFT;
    let typing = modifiers.is_empty() || modifiers == KeyModifiers::CONTROL | KeyModifiers::ALT;
    (typing && !c.is_control() && !crate::safe::is_embedding(c)).then_some(c)
}

/// A place in the text: a line (paragraph) and a byte offset into it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
struct Pos {
    line: usize,
    byte: usize,
}

/// Where text ends up after `text` is inserted at `at`.
fn end_of(at: Pos, text: &str) -> Pos {
    match text.rfind('\n') {
        None => Pos {
            line: at.line,
            byte: at.byte + text.len(),
        },
        Some(last) => Pos {
            line: at.line + text.matches('\n').count(),
            byte: text.len() - last - 1,
        },
    }
}

/// Line endings made `\n`, and control characters other than tab and newline dropped:
/// they cannot be drawn, and an escape character could upset the terminal.
fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                chars.next_if_eq(&'\n');
                out.push('\n');
            }
            '\n' | '\t' => out.push(c),
            // Bidi embeddings and overrides would reorder what is shown around them.
            c if c.is_control() || crate::safe::is_embedding(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// How an edit may merge with the one before it into a single undo step.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Merge {
    /// Typed characters join while they continue one word and the spaces after it.
    Typing,
    /// Backspaces join the same way, backwards.
    Erasing,
    /// A step of its own (paste, word delete, ...).
    Never,
}

/// One undo step: `removed` was replaced by `inserted` at `at`.
#[derive(Debug)]
struct Edit {
    at: Pos,
    removed: String,
    inserted: String,
    cursor_before: Pos,
    cursor_after: Pos,
    merge: Merge,
}

fn is_space(text: &str) -> bool {
    text.chars().all(char::is_whitespace)
}

impl Edit {
    /// Take `next` into this step if it continues it; says whether it did.
    fn absorb(&mut self, next: &Edit) -> bool {
        let single_line = |e: &Edit| !e.removed.contains('\n') && !e.inserted.contains('\n');
        if self.merge != next.merge || !single_line(self) || !single_line(next) {
            return false;
        }
        match self.merge {
            Merge::Typing => {
                let continues = self.removed.is_empty()
                    && next.removed.is_empty()
                    && next.at == end_of(self.at, &self.inserted);
                // A word and the spaces after it are one step; the next word starts another.
                let new_word =
                    self.inserted.ends_with(char::is_whitespace) && !is_space(&next.inserted);
                if !continues || new_word {
                    return false;
                }
                self.inserted.push_str(&next.inserted);
            }
            Merge::Erasing => {
                let continues = self.inserted.is_empty()
                    && next.inserted.is_empty()
                    && end_of(next.at, &next.removed) == self.at;
                let new_word =
                    self.removed.starts_with(char::is_whitespace) && !is_space(&next.removed);
                if !continues || new_word {
                    return false;
                }
                self.removed.insert_str(0, &next.removed);
                self.at = next.at;
            }
            Merge::Never => return false,
        }
        self.cursor_after = next.cursor_after;
        true
    }
}

#[derive(Debug, Default)]
struct History {
    done: VecDeque<Edit>,
    undone: Vec<Edit>,
    /// The last step is closed: the next edit starts a new one.
    sealed: bool,
}

impl History {
    fn record(&mut self, edit: Edit) {
        self.undone.clear();
        if !self.sealed
            && let Some(last) = self.done.back_mut()
            && last.absorb(&edit)
        {
            return;
        }
        if self.done.len() == MAX_UNDO_STEPS {
            self.done.pop_front();
        }
        self.sealed = edit.merge == Merge::Never;
        self.done.push_back(edit);
    }

    fn seal(&mut self) {
        self.sealed = true;
    }
}

/// The graphemes of `text` with their byte offsets. In ASCII text, the usual case, each
/// byte is one (the text holds no carriage returns), which is far quicker than segmenting.
fn graphemes(text: &str, ascii: bool) -> Graphemes<'_> {
    if ascii {
        Graphemes::Ascii { text, next: 0 }
    } else {
        Graphemes::Unicode(text.grapheme_indices(true))
    }
}

enum Graphemes<'a> {
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

/// The width in cells of a grapheme that starts `col` cells into its row.
fn grapheme_width(grapheme: &str, col: usize) -> usize {
    if grapheme == "\t" {
        TAB_WIDTH - col % TAB_WIDTH
    } else if grapheme.contains(char::is_control) {
        1 // drawn as U+FFFD
    } else {
        usize::from(grapheme.cell_width())
    }
}

/// Whitespace a row may break after. It may hang past the right edge, where it is not
/// drawn, as in any word processor. No-break spaces do not count.
fn is_breaking_space(grapheme: &str) -> bool {
    grapheme
        .chars()
        .next()
        .is_some_and(|c| c.is_whitespace() && !matches!(c, '\u{a0}' | '\u{2007}' | '\u{202f}'))
}

fn is_word(grapheme: &str) -> bool {
    grapheme
        .chars()
        .next()
        .is_some_and(|c| c.is_alphanumeric() || matches!(c, '_' | '\'' | '’'))
}

/// How many columns of text a row holds in an area `width` cells wide. The last column is
/// kept free so the cursor at the end of a full row, or on the space after it, is seen.
fn row_capacity(width: u16) -> usize {
    usize::from(width.saturating_sub(1).max(1))
}

/// Soft-wraps `text` from the row starting at byte `from`: calls `row_start` with the start
/// of each following row until it returns false or the text ends. Rows break after
/// whitespace; a word longer than a row is broken between graphemes.
fn wrap_from(text: &str, capacity: usize, from: usize, mut row_start: impl FnMut(usize) -> bool) {
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

/// The start byte of every row of a line; a line is one row until the width is known.
fn wrap(text: &str, capacity: Option<usize>) -> Vec<usize> {
    let mut rows = vec![0];
    if let Some(capacity) = capacity {
        wrap_from(text, capacity, 0, |start| {
            rows.push(start);
            true
        });
    }
    rows
}

/// The rows of a line after `removed` bytes at `at` were replaced by `inserted` bytes,
/// given its rows before (`old`). Only rows near the edit are wrapped again: a row's break
/// depends on text at most two rows further on, and once a new row starts where an old one
/// did past the edit, the rest is the old layout shifted.
fn rewrap(
    text: &str,
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
    wrap_from(text, capacity, old[first], |start| {
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
struct LineCache {
    rows: Option<Vec<usize>>,
    words: Option<usize>,
}

/// Per-line layout and word counts, kept in step with the lines by every edit.
#[derive(Debug, Default)]
struct Caches {
    /// Row capacity of the last drawn width; `None` before the first draw.
    capacity: Option<usize>,
    lines: Vec<LineCache>,
}

impl Caches {
    fn set_width(&mut self, width: u16) {
        let capacity = Some(row_capacity(width));
        if self.capacity != capacity {
            self.capacity = capacity;
            for line in &mut self.lines {
                line.rows = None;
            }
        }
    }

    fn rows(&mut self, lines: &[String], line: usize) -> &[usize] {
        let capacity = self.capacity;
        self.lines[line]
            .rows
            .get_or_insert_with(|| wrap(&lines[line], capacity))
    }

    fn words(&mut self, lines: &[String], line: usize) -> usize {
        *self.lines[line]
            .words
            .get_or_insert_with(|| lines[line].split_whitespace().count())
    }

    /// Line `line` (now `text`) had `removed` bytes at `at` replaced by `inserted` bytes.
    fn line_edited(&mut self, text: &str, line: usize, at: usize, removed: usize, inserted: usize) {
        let cache = &mut self.lines[line];
        cache.words = None;
        cache.rows = match (cache.rows.take(), self.capacity) {
            (Some(old), Some(capacity)) => {
                Some(rewrap(text, capacity, &old, at, removed, inserted))
            }
            _ => None,
        };
    }

    /// Lines `first..first + old_count` were replaced by `new_count` lines.
    fn lines_replaced(&mut self, first: usize, old_count: usize, new_count: usize) {
        self.lines.splice(
            first..first + old_count,
            std::iter::repeat_n(LineCache::default(), new_count),
        );
    }
}

/// A screen row: a line and the index of the row within it.
type Row = (usize, usize);

/// The prose editor. See the module documentation.
pub struct Editor {
    /// The text, one entry per line; never empty.
    lines: Vec<String>,
    cursor: Pos,
    /// The column up and down aim for, kept across a run of vertical moves.
    goal_col: Option<usize>,
    history: History,
    revision: u64,
    placeholder: String,
    caches: RefCell<Caches>,
    /// The row drawn at the top, as last drawn.
    top: Cell<Row>,
    /// The area last drawn into; its height is the page size.
    area: Cell<Rect>,
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
            .field("undo_steps", &self.history.done.len())
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
        let lines: Vec<String> = normalize(text).split('\n').map(str::to_owned).collect();
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
            placeholder: String::new(),
            caches: RefCell::new(caches),
            top: Cell::new((0, 0)),
            area: Cell::new(Rect::default()),
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

    /// How many whitespace-separated words there are.
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

    /// Text shown dimmed while the editor is empty.
    pub fn set_placeholder(&mut self, text: &str) {
        self.placeholder = normalize(text);
    }

    /// Handle a key press. Returns true if the key is one of the editor's: it edits or
    /// moves the cursor, or would have if there were room (Backspace at the very start is
    /// still the editor's, so the app must not act on it). Returns false, changing nothing,
    /// for keys left to the app. Key releases are ignored.
    pub fn handle_key(&mut self, key: KeyEvent) -> bool {
        if key.kind == KeyEventKind::Release {
            return false;
        }
        if let Some(action) = action_for(&key) {
            self.apply(action);
            true
        } else if let Some(c) = typed_char(&key) {
            self.type_text(c.encode_utf8(&mut [0; 4]), Merge::Typing);
            true
        } else {
            false
        }
    }

    /// Insert pasted text at the cursor as one undo step.
    pub fn paste(&mut self, text: &str) {
        let text = normalize(text);
        self.history.seal();
        self.type_text(&text, Merge::Never);
    }

    /// Undo the last step; false if there was none.
    pub fn undo(&mut self) -> bool {
        let Some(edit) = self.history.done.pop_back() else {
            return false;
        };
        self.replace(edit.at, end_of(edit.at, &edit.inserted), &edit.removed);
        self.cursor = edit.cursor_before;
        self.history.undone.push(edit);
        self.after_jump();
        true
    }

    /// Redo the last undone step; false if there was none.
    pub fn redo(&mut self) -> bool {
        let Some(edit) = self.history.undone.pop() else {
            return false;
        };
        self.replace(edit.at, end_of(edit.at, &edit.removed), &edit.inserted);
        self.cursor = edit.cursor_after;
        self.history.done.push_back(edit);
        self.after_jump();
        true
    }

    /// Draw the text into `area`, soft-wrapped, scrolled so the cursor is in view. Every cell
    /// of `area` is drawn (blank where there is no text) and nothing outside it; styles
    /// already in the buffer are kept, so a caller may set a background first. When
    /// `focused`, the cursor is drawn as a reversed cell: through ratatui's crossterm
    /// backend that costs 39 bytes per typed key, against 42 for the terminal's cursor.
    pub fn render(&self, area: Rect, buf: &mut Buffer, focused: bool) {
        let area = area.intersection(buf.area);
        self.area.set(area);
        if area.is_empty() {
            return;
        }
        if self.lines.len() == 1 && self.lines[0].is_empty() {
            self.draw_placeholder(area, buf);
        } else {
            let top = self.scroll_top(area);
            self.top.set(top);
            let mut row = Some(top);
            for y in area.top()..area.bottom() {
                let text = row.map_or("", |row| {
                    let (start, end) = self.row_range(row);
                    &self.lines[row.0][start..end]
                });
                draw_row(buf, area, y, text, Style::new());
                row = row.and_then(|row| self.next_row(row));
            }
        }
        if focused && let Some(cursor) = self.cursor_position(area) {
            buf[cursor].set_style(Style::new().add_modifier(Modifier::REVERSED));
        }
    }

    /// Where the cursor is when the editor is drawn into `area`, for a caller that shows
    /// the terminal's own cursor there instead (and renders with `focused` false). `None`
    /// if `area` is empty.
    pub fn cursor_position(&self, area: Rect) -> Option<Position> {
        if area.is_empty() {
            return None;
        }
        let top = self.scroll_top(area);
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

    fn draw_placeholder(&self, area: Rect, buf: &mut Buffer) {
        let capacity = Some(row_capacity(area.width));
        let dim = Style::new().add_modifier(Modifier::DIM);
        let mut rows = self.placeholder.split('\n').flat_map(|line| {
            let starts = wrap(line, capacity);
            let ends = starts.clone().into_iter().skip(1).chain([line.len()]);
            starts
                .into_iter()
                .zip(ends)
                .map(|(start, end)| &line[start..end])
        });
        for y in area.top()..area.bottom() {
            draw_row(buf, area, y, rows.next().unwrap_or(""), dim);
        }
    }

    fn apply(&mut self, action: Action) {
        let cursor = self.cursor;
        match action {
            Action::Undo => {
                self.undo();
            }
            Action::Redo => {
                self.redo();
            }
            Action::Left => self.move_to(self.pos_before(cursor)),
            Action::Right => self.move_to(self.pos_after(cursor)),
            Action::Up => self.move_rows(1, false),
            Action::Down => self.move_rows(1, true),
            Action::WordLeft => self.move_to(self.word_start_before(cursor)),
            Action::WordRight => self.move_to(self.word_end_after(cursor)),
            Action::LineStart => self.move_to(Pos { byte: 0, ..cursor }),
            Action::LineEnd => self.move_to(Pos {
                byte: self.lines[cursor.line].len(),
                ..cursor
            }),
            Action::TextStart => self.move_to(Pos::default()),
            Action::TextEnd => self.move_to(self.text_end()),
            Action::PageUp => self.move_rows(self.page_rows(), false),
            Action::PageDown => self.move_rows(self.page_rows(), true),
            Action::DeleteBack => self.edit(self.pos_before(cursor), cursor, "", Merge::Erasing),
            Action::DeleteForward => self.edit(cursor, self.pos_after(cursor), "", Merge::Never),
            Action::DeleteWordBack => {
                self.edit(self.word_start_before(cursor), cursor, "", Merge::Never);
            }
            Action::DeleteWordForward => {
                self.edit(cursor, self.word_end_after(cursor), "", Merge::Never);
            }
            Action::Newline => self.type_text("\n", Merge::Typing),
            Action::Tab => self.type_text("\t", Merge::Typing),
        }
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

    fn move_to(&mut self, pos: Pos) {
        self.cursor = pos;
        self.goal_col = None;
        self.history.seal();
    }

    /// After undo or redo the cursor may be anywhere: forget the column up and down aimed
    /// for and start a new undo step.
    fn after_jump(&mut self) {
        self.goal_col = None;
        self.history.seal();
    }

    fn text_end(&self) -> Pos {
        let line = self.lines.len() - 1;
        Pos {
            line,
            byte: self.lines[line].len(),
        }
    }

    /// One grapheme back, or to the end of the line before.
    fn pos_before(&self, pos: Pos) -> Pos {
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
    fn pos_after(&self, pos: Pos) -> Pos {
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
    fn word_start_before(&self, pos: Pos) -> Pos {
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
    fn word_end_after(&self, pos: Pos) -> Pos {
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

    fn row_count(&self, line: usize) -> usize {
        self.caches.borrow_mut().rows(&self.lines, line).len()
    }

    /// The bytes of a line a row covers.
    fn row_range(&self, (line, index): Row) -> (usize, usize) {
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
    fn row_of(&self, pos: Pos) -> Row {
        let mut caches = self.caches.borrow_mut();
        let rows = caches.rows(&self.lines, pos.line);
        (
            pos.line,
            rows.partition_point(|&start| start <= pos.byte) - 1,
        )
    }

    fn next_row(&self, (line, index): Row) -> Option<Row> {
        if index + 1 < self.row_count(line) {
            Some((line, index + 1))
        } else if line + 1 < self.lines.len() {
            Some((line + 1, 0))
        } else {
            None
        }
    }

    fn prev_row(&self, (line, index): Row) -> Option<Row> {
        if index > 0 {
            Some((line, index - 1))
        } else if line > 0 {
            Some((line - 1, self.row_count(line - 1) - 1))
        } else {
            None
        }
    }

    /// The row `count` rows before `row`, or the first row.
    fn rows_back(&self, mut row: Row, count: usize) -> Row {
        for _ in 0..count {
            match self.prev_row(row) {
                Some(prev) => row = prev,
                None => break,
            }
        }
        row
    }

    /// A row still in the text: the stored top row can be left behind by an edit.
    fn clamp_row(&self, (line, index): Row) -> Row {
        let line = line.min(self.lines.len() - 1);
        (line, index.min(self.row_count(line) - 1))
    }

    /// The column a position is drawn at, counted from the start of its row; a position
    /// inside a grapheme is drawn on that grapheme.
    fn col_in_row(&self, pos: Pos) -> usize {
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
    fn pos_at_col(&self, row: Row, goal: usize) -> Pos {
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

    /// Move `count` screen rows up or down, keeping the column; the view moves with the
    /// cursor. Past the first or last row, go to the start or end of the text.
    fn move_rows(&mut self, count: usize, down: bool) {
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

    /// Rows a page key moves: a screenful, less one row kept for context.
    fn page_rows(&self) -> usize {
        usize::from(self.area.get().height.saturating_sub(1)).max(1)
    }

    /// The top row for drawing into `area`: the last one, moved as little as needed to
    /// show the cursor, and not leaving blank rows at the bottom while text is above.
    fn scroll_top(&self, area: Rect) -> Row {
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

/// Draw one row of text at row `y` of `area`, blank to the right edge: tabs as spaces, wide
/// characters over two cells, nothing past the edge (a character wider than the whole area
/// is left out).
fn draw_row(buf: &mut Buffer, area: Rect, y: u16, text: &str, style: Style) {
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
                put(&mut buf[(x + dx, y)], " ").set_style(style);
            }
        } else {
            put(&mut buf[(x, y)], symbol).set_style(style);
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
fn put<'a>(cell: &'a mut ratatui::buffer::Cell, symbol: &str) -> &'a mut ratatui::buffer::Cell {
    if cell.symbol() != symbol {
        cell.set_symbol(symbol);
    }
    cell
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use ratatui::backend::CrosstermBackend;
    use ratatui::crossterm::event::KeyEventState;
    use ratatui::{Terminal, TerminalOptions, Viewport};

    fn press(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    fn ch(c: char) -> KeyEvent {
        press(KeyCode::Char(c), KeyModifiers::NONE)
    }

    fn ctrl(c: char) -> KeyEvent {
        press(KeyCode::Char(c), KeyModifiers::CONTROL)
    }

    fn alt(c: char) -> KeyEvent {
        press(KeyCode::Char(c), KeyModifiers::ALT)
    }

    fn plain(code: KeyCode) -> KeyEvent {
        press(code, KeyModifiers::NONE)
    }

    /// Type `text` key by key, newlines as Enter and tabs as Tab.
    fn type_keys(editor: &mut Editor, text: &str) {
        for c in text.chars() {
            let key = match c {
                '\n' => plain(KeyCode::Enter),
                '\t' => plain(KeyCode::Tab),
                c => ch(c),
            };
            assert!(editor.handle_key(key), "{c:?} was not typed");
        }
    }

    fn typed(text: &str) -> Editor {
        let mut editor = Editor::new();
        type_keys(&mut editor, text);
        editor
    }

    fn draw(editor: &Editor, width: u16, height: u16, focused: bool) -> Buffer {
        let area = Rect::new(0, 0, width, height);
        let mut buf = Buffer::empty(area);
        editor.render(area, &mut buf, focused);
        buf
    }

    /// The rows as a person reads them: wide characters once, trailing blanks trimmed.
    fn rows(buf: &Buffer) -> Vec<String> {
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

    fn reversed_cells(buf: &Buffer) -> Vec<(u16, u16)> {
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

    #[test]
    fn typing_builds_the_text() {
        let editor = typed("Hello, wörld 日本 ✨");
        assert_eq!(editor.text(), "Hello, wörld 日本 ✨");
    }

    #[test]
    fn shifted_characters_are_typed_as_given() {
        let mut editor = Editor::new();
        assert!(editor.handle_key(press(KeyCode::Char('A'), KeyModifiers::SHIFT)));
        assert!(editor.handle_key(press(KeyCode::Char('!'), KeyModifiers::SHIFT)));
        assert_eq!(editor.text(), "A!");
    }

    #[test]
    fn enter_starts_a_line_and_tab_is_kept_as_a_tab() {
        let editor = typed("a\nb\tc");
        assert_eq!(editor.text(), "a\nb\tc");
    }

    #[test]
    fn paste_normalises_line_endings_and_drops_control_characters() {
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
        type_keys(&mut editor, "typed");
        assert!(editor.undo());
        assert_eq!(editor.text(), "pasted");
    }

    #[test]
    fn typing_is_undone_a_word_at_a_time() {
        let mut editor = typed("hello world");
        assert!(editor.handle_key(ctrl('z')));
        assert_eq!(editor.text(), "hello ");
        assert!(editor.handle_key(ctrl('z')));
        assert_eq!(editor.text(), "");
        assert!(editor.handle_key(ctrl('y')));
        assert_eq!(editor.text(), "hello ");
        assert!(editor.handle_key(press(
            KeyCode::Char('Z'),
            KeyModifiers::CONTROL | KeyModifiers::SHIFT
        )));
        assert_eq!(editor.text(), "hello world");
    }

    #[test]
    fn backspaces_are_undone_a_word_at_a_time() {
        let mut editor = Editor::from_text("hello world");
        for _ in 0.."hello world".len() {
            editor.handle_key(plain(KeyCode::Backspace));
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
            type_keys(&mut editor, "w ");
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
        type_keys(&mut editor, "two");
        assert!(!editor.redo());
        assert_eq!(editor.text(), "two");
    }

    #[test]
    fn word_moves_skip_spaces_and_punctuation() {
        let mut editor = Editor::from_text("one two, don't");
        editor.handle_key(press(KeyCode::Left, KeyModifiers::CONTROL));
        type_keys(&mut editor, "|");
        assert_eq!(editor.text(), "one two, |don't");
        editor.undo();
        editor.handle_key(alt('b'));
        type_keys(&mut editor, "|");
        assert_eq!(editor.text(), "one |two, don't");
        editor.undo();
        editor.handle_key(press(KeyCode::Right, KeyModifiers::CONTROL));
        type_keys(&mut editor, "|");
        assert_eq!(editor.text(), "one two|, don't");
        editor.undo();
        editor.handle_key(alt('f'));
        type_keys(&mut editor, "|");
        assert_eq!(editor.text(), "one two, don't|");
    }

    #[test]
    fn word_moves_cross_line_ends() {
        let mut editor = Editor::from_text("one\ntwo");
        editor.handle_key(press(KeyCode::Home, KeyModifiers::NONE));
        editor.handle_key(press(KeyCode::Left, KeyModifiers::CONTROL));
        assert_eq!(editor.cursor, Pos { line: 0, byte: 3 });
        editor.handle_key(press(KeyCode::Right, KeyModifiers::CONTROL));
        assert_eq!(editor.cursor, Pos { line: 1, byte: 0 });
    }

    #[test]
    fn every_word_delete_key_deletes_the_word_before() {
        let keys = [
            ctrl('w'),
            ctrl('h'),
            press(KeyCode::Backspace, KeyModifiers::CONTROL),
            press(KeyCode::Backspace, KeyModifiers::ALT),
        ];
        for key in keys {
            let mut editor = Editor::from_text("keep this, word");
            assert!(editor.handle_key(key), "{key:?}");
            assert_eq!(editor.text(), "keep this, ", "{key:?}");
            editor.handle_key(key);
            assert_eq!(editor.text(), "keep ", "{key:?}");
        }
    }

    #[test]
    fn word_delete_forward_deletes_the_word_after() {
        for key in [alt('d'), press(KeyCode::Delete, KeyModifiers::CONTROL)] {
            let mut editor = Editor::from_text("one two");
            editor.handle_key(press(KeyCode::Home, KeyModifiers::CONTROL));
            assert!(editor.handle_key(key));
            assert_eq!(editor.text(), " two", "{key:?}");
            editor.handle_key(key);
            assert_eq!(editor.text(), "", "{key:?}");
        }
    }

    #[test]
    fn backspace_and_delete_remove_whole_graphemes_and_join_lines() {
        let mut editor = Editor::from_text("e\u{301}\nb");
        editor.handle_key(plain(KeyCode::Up));
        editor.handle_key(plain(KeyCode::End));
        editor.handle_key(plain(KeyCode::Delete));
        assert_eq!(editor.text(), "e\u{301}b");
        editor.handle_key(plain(KeyCode::Backspace));
        assert_eq!(editor.text(), "b");
    }

    #[test]
    fn keys_the_app_owns_do_nothing() {
        let app_keys = [
            ctrl('v'),
            ctrl('k'),
            ctrl('n'),
            ctrl('p'),
            ctrl('o'),
            ctrl('s'),
            ctrl('t'),
            ctrl('c'),
            ctrl('a'),
            ctrl('e'),
            ctrl('d'),
            ctrl('j'),
            ctrl('u'),
            alt('x'),
            plain(KeyCode::Esc),
            plain(KeyCode::F(1)),
            plain(KeyCode::BackTab),
            press(KeyCode::Char('s'), KeyModifiers::SUPER),
        ];
        let mut editor = Editor::from_text("first line\nsecond line that is long enough to wrap");
        draw(&editor, 12, 5, true);
        editor.handle_key(plain(KeyCode::Up));
        let before = draw(&editor, 12, 5, true);
        let (text, cursor, revision) = (editor.text(), editor.cursor, editor.revision());
        for key in app_keys {
            assert!(!editor.handle_key(key), "{key:?} was taken");
            assert_eq!(editor.text(), text, "{key:?}");
            assert_eq!(editor.cursor, cursor, "{key:?}");
            assert_eq!(editor.revision(), revision, "{key:?}");
            assert_eq!(draw(&editor, 12, 5, true), before, "{key:?}");
        }
    }

    #[test]
    fn ctrl_alt_with_a_character_types_it() {
        let altgr = KeyModifiers::CONTROL | KeyModifiers::ALT;
        let mut editor = Editor::new();
        assert!(editor.handle_key(press(KeyCode::Char('@'), altgr)));
        assert!(editor.handle_key(press(KeyCode::Char('e'), altgr)));
        assert!(editor.handle_key(press(KeyCode::Char('€'), altgr | KeyModifiers::SHIFT)));
        assert_eq!(editor.text(), "@e€");
    }

    #[test]
    fn key_releases_are_ignored() {
        let mut editor = Editor::new();
        let mut release = ch('a');
        release.kind = KeyEventKind::Release;
        assert!(!editor.handle_key(release));
        let mut backspace = plain(KeyCode::Backspace);
        backspace.kind = KeyEventKind::Release;
        assert!(!editor.handle_key(backspace));
        assert_eq!(editor.text(), "");
        let repeat = KeyEvent::new_with_kind_and_state(
            KeyCode::Char('a'),
            KeyModifiers::NONE,
            KeyEventKind::Repeat,
            KeyEventState::NONE,
        );
        assert!(editor.handle_key(repeat));
        assert_eq!(editor.text(), "a");
    }

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
    fn wide_characters_wrap_before_the_edge() {
        let editor = Editor::from_text("日本語日本語");
        let buf = draw(&editor, 7, 3, false);
        assert_eq!(rows(&buf), ["日本語", "日本語", ""]);
    }

    #[test]
    fn a_character_wider_than_the_area_is_left_out() {
        let editor = Editor::from_text("日a");
        let buf = draw(&editor, 1, 3, false);
        assert_eq!(rows(&buf), ["", "a", ""]);
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
    fn up_and_down_move_by_screen_row_and_keep_the_column() {
        let mut editor = Editor::from_text("aaaa bbbb cccc\nxy");
        draw(&editor, 6, 5, true);
        editor.handle_key(press(KeyCode::Home, KeyModifiers::CONTROL));
        editor.handle_key(plain(KeyCode::Right));
        editor.handle_key(plain(KeyCode::Right));
        editor.handle_key(plain(KeyCode::Down));
        assert_eq!(editor.cursor, Pos { line: 0, byte: 7 });
        editor.handle_key(plain(KeyCode::Down));
        assert_eq!(editor.cursor, Pos { line: 0, byte: 12 });
        editor.handle_key(plain(KeyCode::Down));
        assert_eq!(
            editor.cursor,
            Pos { line: 1, byte: 2 },
            "end of a short row"
        );
        editor.handle_key(plain(KeyCode::Up));
        assert_eq!(editor.cursor, Pos { line: 0, byte: 12 }, "column kept");
        editor.handle_key(plain(KeyCode::Down));
        editor.handle_key(plain(KeyCode::Down));
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
        editor.handle_key(plain(KeyCode::Up));
        assert_eq!(editor.cursor, Pos::default());
        editor.handle_key(plain(KeyCode::Down));
        assert_eq!(editor.cursor, Pos { line: 0, byte: 3 });
    }

    #[test]
    fn home_end_go_to_the_line_and_ctrl_home_end_to_the_text() {
        let mut editor = Editor::from_text("first\nsecond\nthird");
        editor.handle_key(plain(KeyCode::Up));
        editor.handle_key(plain(KeyCode::Home));
        assert_eq!(editor.cursor, Pos { line: 1, byte: 0 });
        editor.handle_key(plain(KeyCode::End));
        assert_eq!(editor.cursor, Pos { line: 1, byte: 6 });
        editor.handle_key(press(KeyCode::Home, KeyModifiers::CONTROL));
        assert_eq!(editor.cursor, Pos { line: 0, byte: 0 });
        editor.handle_key(press(KeyCode::End, KeyModifiers::CONTROL));
        assert_eq!(editor.cursor, Pos { line: 2, byte: 5 });
    }

    fn numbered_lines(count: usize) -> String {
        (0..count)
            .map(|i| format!("line {i}"))
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn page_keys_move_a_screen_and_the_view_follows() {
        let mut editor = Editor::from_text(&numbered_lines(100));
        editor.handle_key(press(KeyCode::Home, KeyModifiers::CONTROL));
        draw(&editor, 20, 10, true);
        editor.handle_key(plain(KeyCode::PageDown));
        assert_eq!(editor.cursor.line, 9);
        let buf = draw(&editor, 20, 10, true);
        assert_eq!(rows(&buf)[0], "line 9");
        assert_eq!(reversed_cells(&buf), [(0, 0)]);
        editor.handle_key(plain(KeyCode::PageUp));
        assert_eq!(editor.cursor.line, 0);
        assert_eq!(rows(&draw(&editor, 20, 10, true))[0], "line 0");
    }

    #[test]
    fn the_cursor_stays_in_view_when_it_moves_far() {
        let mut editor = Editor::from_text(&numbered_lines(100));
        editor.handle_key(press(KeyCode::Home, KeyModifiers::CONTROL));
        let area = Rect::new(3, 2, 20, 5);
        let mut buf = Buffer::empty(Rect::new(0, 0, 30, 10));
        editor.render(area, &mut buf, true);
        editor.handle_key(press(KeyCode::End, KeyModifiers::CONTROL));
        let mut buf = Buffer::empty(Rect::new(0, 0, 30, 10));
        editor.render(area, &mut buf, true);
        assert_eq!(buf[(3, 6)].symbol(), "l", "line 99 on the last row");
        assert_eq!(reversed_cells(&buf), [(10, 6)]);
        assert_eq!(editor.cursor_position(area), Some(Position::new(10, 6)));
        for _ in 0..10 {
            editor.handle_key(plain(KeyCode::Up));
        }
        let mut buf = Buffer::empty(Rect::new(0, 0, 30, 10));
        editor.render(area, &mut buf, true);
        assert_eq!(editor.cursor_position(area), Some(Position::new(10, 2)));
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
    fn debug_output_does_not_show_the_text() {
        let editor = Editor::from_text("a private sentence");
        let debug = format!("{editor:?}");
        assert!(!debug.contains("private"), "{debug}");
        assert!(debug.contains("revision"), "{debug}");
    }

    #[test]
    fn the_cursor_is_reversed_only_when_focused() {
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

    #[test]
    fn the_placeholder_shows_dimmed_while_empty() {
        let mut editor = Editor::new();
        editor.set_placeholder("Write what happened");
        let buf = draw(&editor, 12, 3, true);
        assert_eq!(rows(&buf), ["Write what", "happened", ""]);
        assert!(buf[(1, 0)].modifier.contains(Modifier::DIM));
        assert_eq!(reversed_cells(&buf), [(0, 0)]);
        assert_eq!(editor.text(), "");
        type_keys(&mut editor, "x");
        assert_eq!(rows(&draw(&editor, 12, 3, true)), ["x", "", ""]);
    }

    #[test]
    fn revision_changes_with_the_text_only() {
        let mut editor = Editor::from_text("ab");
        assert_eq!(editor.revision(), 0);
        editor.handle_key(ch('c'));
        let typed = editor.revision();
        assert!(typed > 0);
        editor.handle_key(plain(KeyCode::Left));
        editor.handle_key(press(KeyCode::Home, KeyModifiers::CONTROL));
        editor.handle_key(plain(KeyCode::Backspace));
        editor.handle_key(ctrl('v'));
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
        type_keys(&mut editor, "five six");
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
        type_keys(&mut editor, "!");
        assert_eq!(editor.text(), "one\ntwo!");
    }

    fn key_name(code: KeyCode, modifiers: KeyModifiers) -> String {
        let mut name = String::new();
        if modifiers.contains(KeyModifiers::CONTROL) {
            name.push_str("Ctrl+");
        }
        if modifiers.contains(KeyModifiers::ALT) {
            name.push_str("Alt+");
        }
        let key = match code {
            KeyCode::Char(c) if c.is_ascii_uppercase() => format!("Shift+{c}"),
            KeyCode::Char(c) => c.to_ascii_uppercase().to_string(),
            KeyCode::Left => "←".into(),
            KeyCode::Right => "→".into(),
            KeyCode::Up => "↑".into(),
            KeyCode::Down => "↓".into(),
            KeyCode::PageUp => "PgUp".into(),
            KeyCode::PageDown => "PgDn".into(),
            KeyCode::Delete => "Delete".into(),
            other => other.to_string(),
        };
        name + &key
    }

    #[test]
    fn every_binding_is_labelled_with_its_key_and_handled() {
        for binding in BINDINGS {
            assert_eq!(binding.label, key_name(binding.code, binding.modifiers));
            let mut editor = Editor::from_text("some text\nmore");
            assert!(editor.handle_key(press(binding.code, binding.modifiers)));
            assert_eq!(
                action_for(&press(binding.code, binding.modifiers)),
                Some(binding.action)
            );
        }
        let help = bindings();
        assert!(help.contains(&("Ctrl+Z", "undo")));
        assert!(help.contains(&("Ctrl+W", "delete the word before the cursor")));
        assert!(!help.iter().any(|(label, _)| *label == "Ctrl+H"));
    }

    /// Everything written to it, kept where the test can read it.
    #[derive(Clone, Default)]
    struct Written(std::rc::Rc<RefCell<Vec<u8>>>);

    impl std::io::Write for Written {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            self.0.borrow_mut().extend_from_slice(bytes);
            Ok(bytes.len())
        }

        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    /// Bytes the crossterm backend writes for each frame after typing each of `keys`.
    fn bytes_per_key(editor: &mut Editor, keys: &str, terminal_cursor: bool) -> Vec<usize> {
        let area = Rect::new(0, 0, 100, 40);
        let written = Written::default();
        let options = TerminalOptions {
            viewport: Viewport::Fixed(area),
        };
        let mut terminal =
            Terminal::with_options(CrosstermBackend::new(written.clone()), options).unwrap();
        let mut frame = |editor: &Editor| {
            written.0.borrow_mut().clear();
            terminal
                .draw(|frame| {
                    let area = frame.area();
                    editor.render(area, frame.buffer_mut(), !terminal_cursor);
                    if terminal_cursor && let Some(position) = editor.cursor_position(area) {
                        frame.set_cursor_position(position);
                    }
                })
                .unwrap();
            written.0.borrow().len()
        };
        frame(editor);
        keys.chars()
            .map(|c| {
                editor.handle_key(ch(c));
                frame(editor)
            })
            .collect()
    }

    #[test]
    fn a_typed_key_writes_at_most_40_bytes_on_average_and_never_more_than_64() {
        let prose = "We argued about the dishes again, but it was never about the dishes. ";
        let draft = format!("{}\n\n{}", prose.repeat(8), prose.repeat(3));
        // Long enough that one word wraps onto the next row.
        let keys = "and I wish I had said so, instead of talking about the plates and the cups for an hour on a Sunday night";
        let mut editor = Editor::from_text(&draft);
        let reversed = bytes_per_key(&mut editor, keys, false);
        let mut editor = Editor::from_text(&draft);
        let terminal = bytes_per_key(&mut editor, keys, true);
        let average = |bytes: &[usize]| bytes.iter().sum::<usize>() / bytes.len();
        eprintln!("reversed cell: {reversed:?}\nterminal cursor: {terminal:?}");
        assert!(average(&reversed) <= 40, "reversed cell: {reversed:?}");
        // The key that wraps a word onto the next row redraws both rows (48 bytes here).
        let most = reversed.iter().max().copied().unwrap_or(0);
        assert!(most <= 64, "a key wrote {most} bytes: {reversed:?}");
    }

    fn line_strategy() -> impl Strategy<Value = String> {
        let pieces = prop::sample::select(vec![
            "a", "bc", " ", " ", "  ", "\t", "-", "日", "e\u{301}", "\u{301}", "😀", "\u{fe0f}",
            "\u{200d}", "🇺", "\u{a0}", "ｶﾞ", "x",
        ]);
        prop::collection::vec(pieces, 0..60).prop_map(|pieces| pieces.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig {
            cases: 2000,
            failure_persistence: None,
            ..ProptestConfig::default()
        })]

        #[test]
        fn ascii_is_split_the_same_as_unicode_text(text in "[ -~\t\n]{0,80}") {
            let quick: Vec<_> = graphemes(&text, true).collect();
            let segmented: Vec<_> = graphemes(&text, false).collect();
            prop_assert_eq!(quick, segmented);
        }

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
