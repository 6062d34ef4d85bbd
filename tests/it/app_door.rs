//! The locked journal's door in `update` and on screen: what a key does there,
//! what the quick hide asks of the outside, and an export's question.

use ratatui::crossterm::event::KeyCode;
use two_worlds::app::{App, Effect, Msg, Overlay, Question, UnlockResult};

use crate::common::app::*;

fn locked_app() -> App {
    app().with_locked_journal()
}

fn knock(app: &mut App, phrase: &str) -> Vec<Effect> {
    type_text(app, phrase);
    press(app, KeyCode::Enter)
}

#[test]
fn the_door_lets_nothing_through_but_the_passphrase() {
    let mut app = locked_app();
    assert!(app.door_shut());
    // Esc, help, moving: nothing moves; a letter is only typed.
    for code in [
        KeyCode::Esc,
        KeyCode::F(1),
        KeyCode::Down,
        KeyCode::PageDown,
        KeyCode::Tab,
    ] {
        let effects = press(&mut app, code);
        assert!(app.door_shut(), "{code:?}");
        assert_eq!(app.overlay, Some(Overlay::Prompt), "{code:?}");
        assert!(effects.is_empty(), "{code:?}: {effects:?}");
    }
    press_ctrl(&mut app, 'h');
    assert_eq!(app.overlay, Some(Overlay::Prompt));
    let text = render(&app);
    assert!(text.contains("Your journal is locked"), "{text}");
    assert!(!text.contains("Library"), "{text}");
    // An empty Enter tries nothing.
    assert!(press(&mut app, KeyCode::Enter).is_empty());
    let effects = knock(&mut app, "a kettle by the window");
    let [Effect::Unlock(phrase)] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    assert_eq!(
        phrase,
        &two_worlds::exchange::phrase::Phrase::new("a kettle by the window".into())
    );
    assert!(!format!("{effects:?}").contains("kettle"), "never in Debug");
    assert!(!render(&app).contains("kettle"));
    assert!(render(&app).contains("Opening your journal"));
    let effects = app.update(Msg::Unlocked(UnlockResult::Opened));
    assert!(!app.door_shut());
    assert!(effects.contains(&Effect::ListJournal), "{effects:?}");
    assert!(render(&app).contains("Library"));
}

#[test]
fn three_wrong_passphrases_and_the_program_leaves() {
    let mut app = locked_app();
    for left in ["two more tries", "one more try"] {
        knock(&mut app, "wrong");
        let effects = app.update(Msg::Unlocked(UnlockResult::WrongPassphrase));
        assert!(effects.is_empty());
        assert!(render(&app).contains(left), "{}", render(&app));
        assert!(!app.leaving_locked);
    }
    knock(&mut app, "wrong");
    let effects = app.update(Msg::Unlocked(UnlockResult::WrongPassphrase));
    assert_eq!(effects, [Effect::Quit]);
    assert!(app.leaving_locked);
}

#[test]
fn a_damaged_key_file_is_said_at_the_door() {
    let mut app = locked_app();
    knock(&mut app, "a kettle by the window");
    app.update(Msg::Unlocked(UnlockResult::Failed(
        "the journal's key cannot be read".into(),
    )));
    assert!(app.door_shut());
    assert!(render(&app).contains("the journal's key cannot be read"));
}

#[test]
fn the_quick_hide_of_a_locked_journal_forgets_the_key_and_shuts_the_door() {
    let mut app = locked_app();
    knock(&mut app, "a kettle by the window");
    app.update(Msg::Unlocked(UnlockResult::Opened));
    to_own_view(&mut app);
    type_text(&mut app, "what I meant");
    let effects = press_ctrl(&mut app, 'g');
    assert!(effects.contains(&Effect::ForgetKey), "{effects:?}");
    assert_eq!(save_count(&effects), 1, "the text is saved as it hides");
    assert!(app.hidden);
    // The next key brings back the door, not the text.
    press(&mut app, KeyCode::Char('x'));
    assert!(app.door_shut());
    assert!(!render(&app).contains("what I meant"));
    knock(&mut app, "a kettle by the window");
    app.update(Msg::Unlocked(UnlockResult::Opened));
    assert!(render(&app).contains("what I meant"));

    // A journal that is not locked only hides.
    let mut open = app_at(120, 40);
    to_own_view(&mut open);
    type_text(&mut open, "what I meant");
    let effects = press_ctrl(&mut open, 'g');
    assert!(!effects.contains(&Effect::ForgetKey));
    press(&mut open, KeyCode::Char('x'));
    assert!(!open.door_shut());
}

#[test]
fn an_export_from_a_locked_journal_asks_first() {
    use crate::common::entries::golden_entry;
    use two_worlds::journal::{Listed, Summary};
    let mut app = locked_app();
    app.update(Msg::Unlocked(UnlockResult::Opened));
    let entry = golden_entry();
    let summary = Summary {
        path: "/j/entries/x/20250301T201507Z.toml.age".into(),
        exercise_id: entry.exercise_id.clone(),
        exercise_title: entry.exercise_title.clone(),
        partner: entry.partner.clone(),
        started: entry.started,
        saved: entry.saved,
        completed: entry.completed,
        status: entry.status,
        step: entry.step,
        words: 10,
        distress_before: None,
        distress_after: None,
        try_next: String::new(),
    };
    app.update(Msg::Journal(vec![Listed::Entry(summary.clone())]));
    press(&mut app, KeyCode::Char('h'));
    let effects = press(&mut app, KeyCode::Char('x'));
    assert!(effects.is_empty(), "{effects:?}");
    assert_eq!(
        app.overlay,
        Some(Overlay::Ask(Question::ExportPlain {
            path: summary.path.clone()
        }))
    );
    assert!(render(&app).contains("plain text"), "{}", render(&app));
    let effects = press(&mut app, KeyCode::Esc);
    assert!(effects.is_empty());
    assert_eq!(app.overlay, None, "kept locked");
    press(&mut app, KeyCode::Char('x'));
    let effects = press(&mut app, KeyCode::Enter);
    assert_eq!(effects, [Effect::Export(summary.path)]);
}

#[test]
fn door_snapshot() {
    crate::snapshots::snapshot_at_both_sizes("door", |app| {
        *app = std::mem::replace(app, app_at(1, 1)).with_locked_journal();
    });
    crate::snapshots::snapshot_at_both_sizes("door_wrong", |app| {
        *app = std::mem::replace(app, app_at(1, 1)).with_locked_journal();
        knock(app, "wrong");
        app.update(Msg::Unlocked(UnlockResult::WrongPassphrase));
        type_text(app, "secret");
    });
}

#[test]
fn on_a_first_run_the_safety_note_waits_behind_the_door_and_says_what_the_hide_does() {
    let mut app = app().with_safety_note().with_locked_journal();
    assert!(!render(&app).contains("Before you begin"));
    knock(&mut app, "a kettle by the window");
    app.update(Msg::Unlocked(UnlockResult::Opened));
    let screen = render(&app);
    assert!(screen.contains("Before you begin"), "{screen}");
    let joined = screen.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        joined.contains("any key brings back the passphrase, and then the screen"),
        "{screen}"
    );
}
