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
use ratatui::layout::Position;
use two_worlds::app::{App, Effect, Msg, Screen, Step, Viewport};
use two_worlds::exercise::{self, Library, Sources};
use two_worlds::keymap::Context;

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

/// The built-in exercise `id`, changed by `change`, alone in a library; an app on
/// it, 120×40, at [`NOW`].
pub fn app_on_builtin(id: &str, change: impl FnOnce(&mut exercise::Exercise)) -> App {
    let mut exercise = builtin_library().get(id).unwrap().clone();
    change(&mut exercise);
    let library = Library {
        exercises: vec![exercise],
        ..Library::default()
    };
    app_with(library, 120, 40)
}

/// How many saves `effects` ask for.
pub fn save_count(effects: &[Effect]) -> usize {
    effects
        .iter()
        .filter(|e| matches!(e, Effect::Save(_)))
        .count()
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

/// From the library: opens the selected exercise and goes on to the own view,
/// skipping the calm check (`Enter` with nothing chosen).
pub fn to_own_view(app: &mut App) {
    press(app, KeyCode::Enter);
    assert_eq!(app.screen, Screen::Exercise(Step::Scenario));
    scenario_to_own_view(app);
}

/// On the scenario: `Enter`, then `Enter` again on the calm check, which skips it.
#[track_caller]
pub fn scenario_to_own_view(app: &mut App) {
    press(app, KeyCode::Enter);
    assert_eq!(app.context(), Context::Calm, "the calm check comes first");
    press(app, KeyCode::Enter);
    assert_eq!(app.screen, Screen::Exercise(Step::OwnView));
}

/// On the line to try next time: `Ctrl+N`, which asks the calm check, skipped with
/// `Enter`; then the question whether to finish is on screen.
#[track_caller]
pub fn ask_to_finish(app: &mut App) -> Vec<Effect> {
    assert!(
        app.attempt().unwrap().on_try_next(),
        "on the line to try next time"
    );
    let effects = press_ctrl(app, 'n');
    if app.context() == Context::Calm {
        press(app, KeyCode::Enter);
    }
    effects
}

/// On the reflection's last question: `Ctrl+N` to the line to try next time, then
/// `Ctrl+N` again, which asks the calm check (skipped with `Enter`) and then
/// whether to finish (not answered). The effects of the last key.
#[track_caller]
pub fn last_question_to_finish_question(app: &mut App) -> Vec<Effect> {
    let attempt = app.attempt().unwrap();
    assert_eq!(
        attempt.question + 1,
        attempt.answers.len(),
        "on the last question"
    );
    press_ctrl(app, 'n');
    assert!(
        app.attempt().unwrap().on_try_next(),
        "the line to try next time"
    );
    press_ctrl(app, 'n');
    if app.context() == Context::Calm {
        return press(app, KeyCode::Enter);
    }
    Vec::new()
}

/// On the offer of a friend's view: declines it (`n`), which goes on to the side
/// by side.
#[track_caller]
pub fn through_friend_offer(app: &mut App) {
    assert_eq!(app.screen, Screen::Exercise(Step::Observer));
    assert_eq!(
        app.context(),
        Context::ObserverOffer,
        "the offer is on screen"
    );
    press(app, KeyCode::Char('n'));
    assert_eq!(app.screen, Screen::Exercise(Step::SideBySide));
}

/// The key that moves on from where the app is: `n` on the offer of a friend's view
/// (where `Ctrl+N` does nothing), `Enter` on the calm check (skipping it), else
/// `Ctrl+N`. The effects.
pub fn press_next(app: &mut App) -> Vec<Effect> {
    if app.context() == Context::ObserverOffer {
        press(app, KeyCode::Char('n'))
    } else if app.context() == Context::Calm {
        // The calm check: `Enter` with nothing chosen skips it.
        press(app, KeyCode::Enter)
    } else {
        press_ctrl(app, 'n')
    }
}

/// From the partner's view: next, then no to the friend's view (asked until it was
/// answered no in this attempt); on the side by side.
#[track_caller]
pub fn to_side_by_side(app: &mut App) {
    assert_eq!(app.screen, Screen::Exercise(Step::PartnerView));
    let declined = app.attempt().unwrap().observer == Some(false);
    app.update(ctrl_msg('n'));
    if declined {
        assert_eq!(
            app.screen,
            Screen::Exercise(Step::SideBySide),
            "an offer answered no is not made again"
        );
    } else {
        through_friend_offer(app);
    }
}

/// On the translation step with nothing typed in it, at its first field: one
/// `Ctrl+N` passes each empty card, one more leaves the empty cycle from its first
/// blank. On the first reflection question.
#[track_caller]
pub fn skip_translation(app: &mut App) {
    assert_eq!(app.screen, Screen::Exercise(Step::Translation));
    let attempt = app.attempt().unwrap();
    assert_eq!(attempt.field, 0, "at the translation's first field");
    for _ in 0..attempt.cards.len() + 1 {
        assert_eq!(app.screen, Screen::Exercise(Step::Translation));
        app.update(ctrl_msg('n'));
    }
    assert_eq!(app.screen, Screen::Exercise(Step::Reflection));
    assert_eq!(app.attempt().unwrap().question, 0);
}

/// From the side by side: next, then through the translation left empty; on the
/// first reflection question.
#[track_caller]
pub fn to_reflection(app: &mut App) {
    assert_eq!(app.screen, Screen::Exercise(Step::SideBySide));
    app.update(ctrl_msg('n'));
    skip_translation(app);
}

/// From the partner's view: the offer declined, the side by side, an empty
/// translation; on the first reflection question.
#[track_caller]
pub fn partner_view_to_reflection(app: &mut App) {
    to_side_by_side(app);
    to_reflection(app);
}

/// Draws the app on a `TestBackend` of its size; the cells, and what the frame had
/// room for.
fn draw_measured(app: &App) -> (Buffer, Viewport) {
    let (buffer, viewport, _) = draw_with_cursor(app);
    (buffer, viewport)
}

/// Draws the app; the cells, what it had room for, and where the terminal's own
/// cursor shows (`None` when the frame hides it).
fn draw_with_cursor(app: &App) -> (Buffer, Viewport, Option<Position>) {
    let mut terminal = Terminal::new(TestBackend::new(app.width, app.height)).unwrap();
    let mut viewport = Viewport::default();
    terminal
        .draw(|frame| viewport = two_worlds::ui::draw(app, frame))
        .unwrap();
    let backend = terminal.backend();
    let cursor = backend.cursor_visible().then(|| backend.cursor_position());
    (backend.buffer().clone(), viewport, cursor)
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

/// [`render`], and, when the terminal's own cursor shows, a last line that says
/// where: what a snapshot records.
pub fn screen_and_cursor(app: &App) -> String {
    let (buffer, _, cursor) = draw_with_cursor(app);
    let mut text = buffer_text(&buffer);
    if let Some(Position { x, y }) = cursor {
        text.push_str(&format!("[the cursor shows at column {x}, row {y}]\n"));
    }
    text
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
