//! `App::update` and the trust rules: an attempt that is not on disk is never
//! replaced, dropped or counted; finishing is deliberate; keys do nothing unseen;
//! the quick hide; the safety note on the first run.

use std::path::PathBuf;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use two_worlds::app::{App, Effect, Msg, Overlay, Question, Screen};
use two_worlds::exercise::{self, Sources};
use two_worlds::journal::{Listed, Status, Step, Summary};
use two_worlds::keymap::{self, Context};

fn app() -> App {
    let library = exercise::load(&Sources {
        builtin: true,
        ..Sources::default()
    });
    let mut app = App::new(library, 120, 40);
    app.now = "2026-11-28T14:02:11Z".parse().unwrap();
    app
}

fn key(app: &mut App, code: KeyCode) -> Vec<Effect> {
    app.update(Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)))
}

fn ctrl(app: &mut App, c: char) -> Vec<Effect> {
    app.update(Msg::Key(KeyEvent::new(
        KeyCode::Char(c),
        KeyModifiers::CONTROL,
    )))
}

fn typed(app: &mut App, text: &str) {
    for c in text.chars() {
        key(app, KeyCode::Char(c));
    }
}

/// Answers every save among `effects` with `result`, as the event loop would.
fn answer(app: &mut App, effects: &[Effect], result: Result<PathBuf, String>) -> Vec<Effect> {
    let mut next = Vec::new();
    for effect in effects {
        if let Effect::Save(job) = effect {
            next.extend(app.update(Msg::Saved {
                id: job.id.clone(),
                revision: job.revision,
                result: result.clone(),
            }));
        }
    }
    next
}

fn saves(effects: &[Effect]) -> usize {
    effects
        .iter()
        .filter(|e| matches!(e, Effect::Save(_)))
        .count()
}

const FULL: &str = "cannot write entries/can-we-talk: no space left on device";

/// Opens the first exercise, writes the own view, and steps to the last question.
fn to_last_question(app: &mut App, text: &str) {
    key(app, KeyCode::Enter);
    key(app, KeyCode::Enter);
    assert_eq!(app.screen, Screen::OwnView);
    typed(app, text);
    // Each step saves; the journal takes it.
    let mut steps = 0;
    while !app.on_last_question() {
        let effects = ctrl(app, 'n');
        answer(app, &effects, Ok("/j/can-we-talk/a.toml".into()));
        steps += 1;
        assert!(steps < 20, "never reached the last question");
    }
}

#[test]
fn an_attempt_whose_save_failed_is_never_counted_replaced_or_dropped() {
    let mut app = app();
    to_last_question(&mut app, "mine");
    ctrl(&mut app, 'n');
    let effects = key(&mut app, KeyCode::Enter);
    assert_eq!(app.screen, Screen::Finished);
    assert_eq!(saves(&effects), 1, "finishing saves");
    answer(&mut app, &effects, Err(FULL.into()));
    assert!(app.message().unwrap().starts_with("not saved: "));

    // Back in the library the save is tried again, and fails again.
    let effects = key(&mut app, KeyCode::Enter);
    assert_eq!(app.screen, Screen::Library);
    answer(&mut app, &effects, Err(FULL.into()));
    assert_eq!(
        app.status_label("can-we-talk"),
        "not saved",
        "nothing is in the journal: no `done ×1`"
    );

    // Opening the exercise again continues it: the finished text is still there.
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.screen, Screen::Finished);
    assert_eq!(app.attempt().unwrap().own_view.text(), "mine");
    assert!(app.message().unwrap().contains("not saved"));

    // Quitting asks while it is not on disk.
    let effects = key(&mut app, KeyCode::Enter);
    let effects = answer(&mut app, &effects, Err(FULL.into()));
    assert!(effects.is_empty());
    let effects = key(&mut app, KeyCode::Char('q'));
    assert_eq!(saves(&effects), 1, "quitting tries once more");
    let after = answer(&mut app, &effects, Err(FULL.into()));
    assert!(!after.contains(&Effect::Quit));
    assert!(matches!(
        app.overlay,
        Some(Overlay::Ask(Question::QuitAnyway { .. }))
    ));

    // Once a save works, it counts, and a new attempt can start.
    let effects = key(&mut app, KeyCode::Enter);
    let after = answer(&mut app, &effects, Ok("/j/can-we-talk/a.toml".into()));
    assert_eq!(after, vec![Effect::Quit]);
    assert!(app.status_label("can-we-talk").starts_with("done ×1 "));
}

#[test]
fn quitting_asks_while_any_attempt_is_unsaved_even_after_another_saved() {
    let mut app = app();
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Enter);
    typed(&mut app, "first");
    let effects = key(&mut app, KeyCode::Esc);
    answer(&mut app, &effects, Err(FULL.into()));
    // A second exercise saves fine afterwards.
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Enter);
    typed(&mut app, "second");
    let effects = key(&mut app, KeyCode::Esc);
    answer(&mut app, &effects, Ok("/j/five/a.toml".into()));
    let effects = key(&mut app, KeyCode::Char('q'));
    let after = answer(&mut app, &effects, Err(FULL.into()));
    assert!(!after.contains(&Effect::Quit), "{after:?}");
    assert!(matches!(
        app.overlay,
        Some(Overlay::Ask(Question::QuitAnyway { .. }))
    ));
}

#[test]
fn stepping_through_with_nothing_typed_keeps_nothing_and_counts_nothing() {
    let mut app = app();
    key(&mut app, KeyCode::Enter);
    let mut effects = Vec::new();
    while app.screen != Screen::Library {
        effects.extend(ctrl(&mut app, 'n'));
        assert!(effects.len() < 20);
    }
    assert_eq!(app.screen, Screen::Library, "finishing an empty attempt");
    assert_eq!(saves(&effects), 0);
    assert_eq!(
        app.message().as_deref(),
        Some("Nothing was written in this exercise, so nothing was kept.")
    );
    assert_eq!(app.status_label("can-we-talk"), "new");
}

#[test]
fn an_attempt_emptied_again_is_not_finished_and_its_file_goes() {
    let mut app = app();
    to_last_question(&mut app, "x");
    // Its file exists; then everything typed is deleted again.
    app.attempts.get_mut("can-we-talk").unwrap().path = Some("/j/can-we-talk/a.toml".into());
    app.attempts.get_mut("can-we-talk").unwrap().own_view = two_worlds::editor::Editor::new();
    let effects = ctrl(&mut app, 'n');
    assert_eq!(
        effects,
        vec![Effect::Discard("/j/can-we-talk/a.toml".into())]
    );
    assert_eq!(app.screen, Screen::Library);
}

#[test]
fn finishing_asks_once_and_esc_keeps_writing() {
    let mut app = app();
    to_last_question(&mut app, "mine");
    assert_eq!(app.context(), Context::LastQuestion);
    assert!(keymap::footer_for(Context::LastQuestion).contains(&("Ctrl+N", "finish")));
    assert!(keymap::footer_for(Context::Answering).contains(&("Ctrl+N", "next")));
    let effects = ctrl(&mut app, 'n');
    assert!(effects.is_empty(), "nothing is finished before the answer");
    assert_eq!(app.overlay, Some(Overlay::Ask(Question::Finish)));
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.screen, Screen::Reflection);
    assert!(!app.attempt().unwrap().complete);
    typed(&mut app, "still writing");
    ctrl(&mut app, 'n');
    let effects = key(&mut app, KeyCode::Enter);
    assert_eq!(app.screen, Screen::Finished);
    assert!(app.attempt().unwrap().complete);
    assert_eq!(saves(&effects), 1);
}

fn journal_entry() -> Listed {
    let started = "2026-11-20T20:30:00Z".parse().unwrap();
    Listed::Ok(Summary {
        path: "/j/can-we-talk/20261120T203000Z.toml".into(),
        exercise_id: "can-we-talk".into(),
        exercise_title: "Can we talk about it?".into(),
        partner: "Karim".into(),
        started,
        saved: started,
        status: Status::Complete,
        step: Step::Finished,
        words: 12,
    })
}

#[test]
fn keys_and_pastes_do_nothing_on_the_too_small_screen() {
    let mut app = app();
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Enter);
    typed(&mut app, "kept");
    app.update(Msg::Resize(30, 10));
    assert!(app.too_small());
    typed(&mut app, "unseen");
    app.update(Msg::Paste("pasted unseen".into()));
    ctrl(&mut app, 'z');
    ctrl(&mut app, 'w');
    assert!(ctrl(&mut app, 'n').is_empty());
    assert!(key(&mut app, KeyCode::Esc).is_empty());
    app.update(Msg::Resize(120, 40));
    assert_eq!(app.screen, Screen::OwnView);
    assert_eq!(app.attempt().unwrap().own_view.text(), "kept");

    // In the history, `d` then Enter would delete an entry for good, unseen.
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Char('h'));
    app.update(Msg::Journal(vec![journal_entry()]));
    app.update(Msg::Resize(30, 10));
    key(&mut app, KeyCode::Char('d'));
    let effects = key(&mut app, KeyCode::Enter);
    assert!(effects.is_empty(), "{effects:?}");
    assert_eq!(app.overlay, None);
    assert_eq!(app.screen, Screen::History);

    // Ctrl+G hides and Ctrl+C saves and quits, even here.
    ctrl(&mut app, 'g');
    assert!(app.hidden);
    key(&mut app, KeyCode::Char('x'));
    assert!(!app.hidden);
    let effects = ctrl(&mut app, 'c');
    assert!(
        saves(&effects) == 1 || effects.contains(&Effect::Quit),
        "{effects:?}"
    );
}

#[test]
fn the_quick_hide_saves_hides_and_any_key_only_brings_the_screen_back() {
    let mut app = app();
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Enter);
    typed(&mut app, "private");
    let effects = ctrl(&mut app, 'g');
    assert!(app.hidden);
    assert_eq!(saves(&effects), 1, "hiding saves");
    answer(&mut app, &effects, Ok("/j/can-we-talk/a.toml".into()));
    assert!(app.hidden, "a save's answer does not bring the screen back");
    app.update(Msg::Paste("pasted while hidden".into()));
    let effects = key(&mut app, KeyCode::Char('x'));
    assert!(effects.is_empty());
    assert!(!app.hidden);
    assert_eq!(app.attempt().unwrap().own_view.text(), "private");

    // Inside a question, the question is still there afterwards.
    to_last_question(&mut app, "");
    ctrl(&mut app, 'n');
    assert_eq!(app.overlay, Some(Overlay::Ask(Question::Finish)));
    ctrl(&mut app, 'g');
    assert!(app.hidden);
    key(&mut app, KeyCode::Enter);
    assert!(!app.hidden);
    assert_eq!(app.overlay, Some(Overlay::Ask(Question::Finish)));
    assert_eq!(app.screen, Screen::Reflection, "Enter only came back");

    // The same key everywhere, shown in help.
    for context in [
        Context::Library,
        Context::Filtering,
        Context::Scenario,
        Context::OwnView,
        Context::PartnerView,
        Context::Answering,
        Context::LastQuestion,
        Context::SideBySide,
        Context::Finished,
        Context::History,
        Context::Reading,
        Context::Overlay,
        Context::Question,
        Context::Note,
    ] {
        let g = KeyEvent::new(KeyCode::Char('g'), KeyModifiers::CONTROL);
        assert_eq!(
            keymap::command_for(context, &g),
            Some(keymap::Command::Hide),
            "{context:?}"
        );
        assert!(
            keymap::help_rows(context)
                .iter()
                .any(|(keys, _)| keys == "Ctrl+G"),
            "{context:?}"
        );
    }
}

#[test]
fn the_safety_note_comes_first_and_any_key_remembers_it() {
    let mut app = app();
    app.overlay = Some(Overlay::SafetyNote);
    assert_eq!(app.context(), Context::Note);
    let effects = key(&mut app, KeyCode::Char('j'));
    assert_eq!(effects, vec![Effect::RememberNoteSeen]);
    assert_eq!(app.overlay, None);
    assert_eq!(app.screen, Screen::Library);
    assert_eq!(app.selected, 0, "the key only continued");

    // Ctrl+C leaves without remembering: the note shows again next time.
    let mut app = self::app();
    app.overlay = Some(Overlay::SafetyNote);
    assert_eq!(ctrl(&mut app, 'c'), vec![Effect::Quit]);
    // Ctrl+G hides it like anything else.
    let mut app = self::app();
    app.overlay = Some(Overlay::SafetyNote);
    ctrl(&mut app, 'g');
    assert!(app.hidden);
    key(&mut app, KeyCode::Char('x'));
    assert_eq!(app.overlay, Some(Overlay::SafetyNote));
}
