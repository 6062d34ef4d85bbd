//! Random edits, moves, pastes, undo/redo and draws at random sizes: the editor must not
//! panic, must draw only inside its area, and undoing everything must give back the text
//! it started with.

use proptest::prelude::*;
use proptest::test_runner::Config;
use ratatui::buffer::{Buffer, CellWidth as _};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use two_worlds::editor::Editor;
use two_worlds::keymap::{self, Command, Context};

/// Characters that are hard to lay out: wide, combining, joiners, emoji, flags, tabs.
const CHARS: &[char] = &[
    'a', 'b', 'Z', ' ', ' ', '.', '-', '\'', 'é', 'ß', '日', '本', '\u{301}', '\u{200d}',
    '\u{fe0f}', '😀', '🇺', '🇸', '\u{a0}', 'ｶ', 'ﾞ', '\t', '\n',
];

/// Text as it may arrive from a file or a paste: also carriage returns and controls.
fn raw_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        8 => prop::sample::select(CHARS).prop_map(String::from),
        1 => Just("\r\n".to_owned()),
        1 => Just("\r".to_owned()),
        1 => Just("\u{1b}[2J".to_owned()),
        1 => Just("word ".to_owned()),
    ];
    prop::collection::vec(piece, 0..40).prop_map(|pieces| pieces.concat())
}

/// A key press, as crossterm reports it.
fn key_event(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
    KeyEvent::new(code, modifiers)
}

/// Rows on a page for the page keys, as if the editor showed ten.
const PAGE_ROWS: usize = 10;

/// A key as the app hands it on while writing: the edit it means in the key table, or
/// the character it types. Says whether the editor got anything.
fn edit_with_key(editor: &mut Editor, key: KeyEvent) -> bool {
    match keymap::Keymap::default().command_for(Context::OWN_VIEW, &key) {
        Some(Command::Edit(action)) => editor.apply(action, PAGE_ROWS),
        Some(_) => return false,
        None => match keymap::typed_char(&key) {
            Some(c) => editor.type_char(c),
            None => return false,
        },
    }
    true
}

fn editing_key() -> impl Strategy<Value = KeyEvent> {
    let none = KeyModifiers::NONE;
    let ctrl = KeyModifiers::CONTROL;
    let alt = KeyModifiers::ALT;
    prop::sample::select(vec![
        key_event(KeyCode::Left, none),
        key_event(KeyCode::Right, none),
        key_event(KeyCode::Up, none),
        key_event(KeyCode::Down, none),
        key_event(KeyCode::Left, ctrl),
        key_event(KeyCode::Right, ctrl),
        key_event(KeyCode::Char('b'), alt),
        key_event(KeyCode::Char('f'), alt),
        key_event(KeyCode::Home, none),
        key_event(KeyCode::End, none),
        key_event(KeyCode::Home, ctrl),
        key_event(KeyCode::End, ctrl),
        key_event(KeyCode::PageUp, none),
        key_event(KeyCode::PageDown, none),
        key_event(KeyCode::Backspace, none),
        key_event(KeyCode::Delete, none),
        key_event(KeyCode::Char('w'), ctrl),
        key_event(KeyCode::Char('h'), ctrl),
        key_event(KeyCode::Backspace, ctrl),
        key_event(KeyCode::Backspace, alt),
        key_event(KeyCode::Char('d'), alt),
        key_event(KeyCode::Delete, ctrl),
        key_event(KeyCode::Enter, none),
        key_event(KeyCode::Tab, none),
        key_event(KeyCode::Char('z'), ctrl),
        key_event(KeyCode::Char('y'), ctrl),
        key_event(KeyCode::Char('v'), ctrl),
        key_event(KeyCode::Esc, none),
    ])
}

#[derive(Clone, Debug)]
enum Op {
    Type(char),
    Key(KeyEvent),
    Paste(String),
    Undo,
    Redo,
    Draw { width: u16, height: u16 },
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        6 => prop::sample::select(CHARS)
            .prop_filter("typed as keys", |c| *c != '\n' && *c != '\t')
            .prop_map(Op::Type),
        4 => editing_key().prop_map(Op::Key),
        1 => raw_text().prop_map(Op::Paste),
        1 => Just(Op::Undo),
        1 => Just(Op::Redo),
        2 => (1u16..=120, 1u16..=30).prop_map(|(width, height)| Op::Draw { width, height }),
    ]
}

const OUTSIDE: &str = "#";

/// Draw into an area with a margin of marked cells around it, and check that the marks
/// are untouched, that nothing wide overhangs the right edge (unless one character is
/// wider than the whole area), that the editor draws no cursor of its own, and that the
/// cursor it hands back for the terminal is inside the area, where `cursor_position` says.
fn draw_and_check(editor: &Editor, width: u16, height: u16) -> Result<(), TestCaseError> {
    let area = Rect::new(2, 1, width, height);
    let mut buf = Buffer::empty(Rect::new(0, 0, width + 4, height + 2));
    for cell in &mut buf.content {
        cell.set_symbol(OUTSIDE);
    }
    let shown = editor.render(area, &mut buf);
    let mut reversed = Vec::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            let cell = &buf[(x, y)];
            let inside = area.contains((x, y).into());
            if !inside {
                prop_assert_eq!(
                    cell.symbol(),
                    OUTSIDE,
                    "drawn outside the area at {:?}",
                    (x, y)
                );
                continue;
            }
            let right = x + cell.symbol().cell_width();
            let alone_and_too_wide = width == 1 && cell.symbol().trim().chars().count() == 1;
            prop_assert!(
                right <= area.right() || alone_and_too_wide,
                "{:?} at {:?} overhangs the area {:?}",
                cell.symbol(),
                (x, y),
                area
            );
            if cell.modifier.contains(Modifier::REVERSED) {
                reversed.push((x, y));
            }
        }
    }
    let cursor = editor.cursor_position(area).expect("the cursor is in view");
    prop_assert_eq!(shown, Some(cursor));
    prop_assert!(area.contains(cursor), "{:?} outside {:?}", cursor, area);
    prop_assert_eq!(reversed, Vec::<(u16, u16)>::new());
    Ok(())
}

fn apply(editor: &mut Editor, op: &Op) -> Result<(), TestCaseError> {
    match op {
        Op::Type(c) => {
            prop_assert!(edit_with_key(
                editor,
                key_event(KeyCode::Char(*c), KeyModifiers::NONE)
            ));
        }
        Op::Key(key) => {
            edit_with_key(editor, *key);
        }
        Op::Paste(text) => editor.paste(text),
        Op::Undo => {
            editor.undo();
        }
        Op::Redo => {
            editor.redo();
        }
        Op::Draw { width, height } => draw_and_check(editor, *width, *height)?,
    }
    Ok(())
}

fn config() -> Config {
    Config {
        cases: 300,
        failure_persistence: None,
        ..Config::default()
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn undoing_everything_restores_the_restored_draft(
        draft in raw_text(),
        ops in prop::collection::vec(op(), 0..80),
    ) {
        let mut editor = Editor::from_text(&draft);
        let original = editor.text();
        for op in &ops {
            apply(&mut editor, op)?;
        }
        while editor.redo() {}
        let latest = editor.text();
        while editor.undo() {}
        prop_assert_eq!(editor.text(), original);
        while editor.redo() {}
        prop_assert_eq!(editor.text(), latest);
    }

    #[test]
    fn revision_word_count_and_emptiness_follow_the_text(
        draft in raw_text(),
        ops in prop::collection::vec(op(), 0..80),
    ) {
        let mut editor = Editor::from_text(&draft);
        for op in &ops {
            let (text, revision) = (editor.text(), editor.revision());
            apply(&mut editor, op)?;
            let changed = editor.text() != text;
            prop_assert!(editor.revision() >= revision);
            prop_assert_eq!(editor.revision() != revision, changed, "after {:?}", op);
            let now = editor.text();
            prop_assert_eq!(editor.word_count(), now.split_whitespace().count());
            prop_assert_eq!(editor.is_empty(), now.trim().is_empty());
            prop_assert!(!now.contains('\r'));
        }
    }

    #[test]
    fn any_text_draws_inside_any_area(
        draft in raw_text(),
        ops in prop::collection::vec(op(), 0..30),
        width in 1u16..=120,
        height in 1u16..=30,
    ) {
        let mut editor = Editor::from_text(&draft);
        draw_and_check(&editor, width, height)?;
        for op in &ops {
            apply(&mut editor, op)?;
            draw_and_check(&editor, width, height)?;
        }
    }
}
