//! Driving `App` without a terminal: apps on the built-in library at a known time,
//! keys and pastes as the event loop would send them, and the screen drawn on
//! ratatui's `TestBackend`.
//!
//! Keys have two kinds of helper: `key_msg` and `ctrl_msg` only build the message,
//! `press` and `press_ctrl` run `update` with it and return the effects.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use two_worlds::app::{App, Effect, Msg, Screen, Step, Viewport};
use two_worlds::exercise::{self, Library, Sources};

/// The time every app here starts at, so what it stamps and shows is known.
pub const NOW: &str = "2026-11-28T14:02:11Z";

/// The exercises that ship with the program, and no others.
pub fn builtin_library() -> Library {
    exercise::load(&Sources {
        builtin: true,
        ..Sources::default()
    })
}

/// An app on `library`, `width`×`height`, at [`NOW`].
pub fn app_with(library: Library, width: u16, height: u16) -> App {
    let mut app = App::new(library, width, height);
    app.update(Msg::Clock(NOW.parse().unwrap()));
    app
}

/// An app on the built-in library, `width`×`height`, at [`NOW`].
pub fn app_at(width: u16, height: u16) -> App {
    app_with(builtin_library(), width, height)
}

/// An app on the built-in library, 120×40, at [`NOW`].
pub fn app() -> App {
    app_at(120, 40)
}

/// A key without modifiers, as a message.
pub fn key_msg(code: KeyCode) -> Msg {
    Msg::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

/// Ctrl with a letter, as a message.
pub fn ctrl_msg(c: char) -> Msg {
    Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
}

/// Presses a key without modifiers; the effects.
pub fn press(app: &mut App, code: KeyCode) -> Vec<Effect> {
    app.update(key_msg(code))
}

/// Presses Ctrl with a letter; the effects.
pub fn press_ctrl(app: &mut App, c: char) -> Vec<Effect> {
    app.update(ctrl_msg(c))
}

/// Types `text` one key at a time, as a user at the keyboard.
pub fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        press(app, KeyCode::Char(c));
    }
}

/// Pastes `text` in one piece, as a terminal with bracketed paste sends it.
pub fn paste(app: &mut App, text: &str) {
    app.update(Msg::Paste(text.to_string()));
}

/// From the library: opens the selected exercise and goes on to the own view.
pub fn to_own_view(app: &mut App) {
    press(app, KeyCode::Enter);
    press(app, KeyCode::Enter);
    assert_eq!(app.screen, Screen::Exercise(Step::OwnView));
}

/// Draws the app on a `TestBackend` of its size; the cells, and what the frame had
/// room for.
fn draw_measured(app: &App) -> (Buffer, Viewport) {
    let mut terminal = Terminal::new(TestBackend::new(app.width, app.height)).unwrap();
    let mut viewport = Viewport::default();
    terminal
        .draw(|frame| viewport = two_worlds::ui::draw(app, frame))
        .unwrap();
    (terminal.backend().buffer().clone(), viewport)
}

/// Draws the app on a `TestBackend` of its size; the cells.
pub fn draw(app: &App) -> Buffer {
    draw_measured(app).0
}

/// Draws a frame, as the program does after each burst of keys, and tells the app
/// what it had room for: scrolling stops at the limits of the last frame.
pub fn drawn(app: &mut App) {
    let viewport = draw_measured(app).1;
    app.update(Msg::Viewport(viewport));
}

/// The screen as text: [`draw`], then [`buffer_text`].
pub fn render(app: &App) -> String {
    buffer_text(&draw(app))
}

/// Cells as text, one row a line, each row's trailing blanks trimmed. A wide
/// character takes one place, not two.
pub fn buffer_text(buffer: &Buffer) -> String {
    let mut out = String::new();
    for y in 0..buffer.area.height {
        let mut row = String::new();
        let mut skip = 0;
        for x in 0..buffer.area.width {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let symbol = buffer[(x, y)].symbol();
            skip = unicode_width::UnicodeWidthStr::width(symbol).saturating_sub(1);
            row.push_str(symbol);
        }
        out.push_str(row.trim_end());
        out.push('\n');
    }
    out
}
