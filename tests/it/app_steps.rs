//! `App::update` through the steps issue 9 added before the side by side: the form
//! of a moment of one's own and the offer of a friend's view, without a terminal.
//! The translation is `app_translation`.

use std::path::{Path, PathBuf};

use ratatui::crossterm::event::KeyCode;
use two_worlds::app::{App, Effect, Msg, Overlay, Prefs, Question, Screen, Step};
use two_worlds::exercise::own::{DRAFT_ID, moment_toml};
use two_worlds::exercise::{self, Exercise, Origin};
use two_worlds::journal::{Entry, Listed, Summary};
use two_worlds::keymap::Context;
use two_worlds::translation::Lens;

use crate::common::app::{
    app, app_on_builtin, press, press_ctrl, save_count, to_own_view, type_text,
};

/// From the library: the first exercise, both views written, on the offer.
fn on_the_offer(app: &mut App) {
    to_own_view(app);
    type_text(app, "mine");
    press_ctrl(app, 'n');
    type_text(app, "theirs");
    press_ctrl(app, 'n');
    assert_eq!(app.screen, Screen::Exercise(Step::Observer));
    assert_eq!(app.context(), Context::ObserverOffer);
}

fn prefs_remembered(effects: &[Effect]) -> Vec<&Prefs> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::RememberPrefs(prefs) => Some(prefs),
            _ => None,
        })
        .collect()
}

// ------------------------------------------------------------ a moment of your own

/// The form's three fields, as typed.
fn form_texts(app: &App) -> [String; 3] {
    let form = app.attempt().unwrap().form.as_ref().expect("the form");
    form.editors().map(|e| e.text())
}

fn form_field(app: &App) -> usize {
    app.attempt().unwrap().form.as_ref().unwrap().field
}

#[test]
fn n_starts_the_form_offering_the_partner_name_used_last() {
    let mut app = app().with_prefs(Prefs {
        partner_name: "Sam".into(),
        ..Prefs::default()
    });
    press(&mut app, KeyCode::Char('n'));
    assert_eq!(app.screen, Screen::Exercise(Step::Moment));
    assert_eq!(app.context(), Context::MOMENT);
    assert_eq!(app.exercise.current.as_deref(), Some(DRAFT_ID));
    assert_eq!(form_texts(&app), ["Sam", "", ""]);
    assert_eq!(form_field(&app), 0, "the name first");
    // Without a name remembered, the field is empty.
    let mut app = self::app();
    press(&mut app, KeyCode::Char('n'));
    assert_eq!(form_texts(&app), ["", "", ""]);
}

#[test]
fn the_form_moves_field_by_field_and_typed_text_lands_in_its_field() {
    let mut app = app();
    press(&mut app, KeyCode::Char('n'));
    type_text(&mut app, "Sam");
    press_ctrl(&mut app, 'n');
    assert_eq!(form_field(&app), 1);
    press_ctrl(&mut app, 'p');
    assert_eq!(form_field(&app), 0);
    press_ctrl(&mut app, 'p');
    assert_eq!(
        form_field(&app),
        0,
        "the first field is as far back as it goes"
    );
    assert_eq!(app.screen, Screen::Exercise(Step::Moment));
    // The name and the title are one line: Enter moves on.
    press(&mut app, KeyCode::Enter);
    assert_eq!(form_field(&app), 1);
    type_text(&mut app, "The pan");
    press(&mut app, KeyCode::Enter);
    assert_eq!(form_field(&app), 2);
    // What happened takes lines: Enter is a line break there.
    type_text(&mut app, "Sunday.");
    press(&mut app, KeyCode::Enter);
    type_text(&mut app, "I said it.");
    assert_eq!(form_field(&app), 2);
    assert_eq!(form_texts(&app), ["Sam", "The pan", "Sunday.\nI said it."]);
    press_ctrl(&mut app, 'p');
    press_ctrl(&mut app, 'p');
    assert_eq!(form_field(&app), 0);
    // The form lives in the draft: its entry holds the three fields.
    let entry = app.attempt().unwrap().to_entry(app.now);
    assert_eq!(entry.exercise_id, DRAFT_ID);
    assert_eq!(entry.step, Step::Moment);
    assert_eq!(
        (
            entry.partner.as_str(),
            entry.exercise_title.as_str(),
            entry.scenario.as_str()
        ),
        ("Sam", "The pan", "Sunday.\nI said it.")
    );
}

/// A form with `title` and `happened` typed, on its last field.
fn form_filled(title: &str, happened: &str) -> App {
    let mut app = app().with_prefs(Prefs {
        partner_name: "Sam".into(),
        ..Prefs::default()
    });
    press(&mut app, KeyCode::Char('n'));
    press_ctrl(&mut app, 'n');
    type_text(&mut app, title);
    press_ctrl(&mut app, 'n');
    type_text(&mut app, happened);
    assert_eq!(form_field(&app), 2);
    app
}

#[test]
fn a_form_without_a_title_or_without_what_happened_is_not_completed() {
    let mut app = form_filled("   ", "Sunday, in the kitchen.");
    assert!(press_ctrl(&mut app, 'n').is_empty());
    assert_eq!(app.screen, Screen::Exercise(Step::Moment));
    assert_eq!(form_field(&app), 1, "back to the title");
    let message = app.footer_message().unwrap_or_default();
    assert!(message.contains("title"), "{message}");

    let mut app = form_filled("The pan", " \n ");
    assert!(press_ctrl(&mut app, 'n').is_empty());
    assert_eq!(app.screen, Screen::Exercise(Step::Moment));
    assert_eq!(form_field(&app), 2);
    let message = app.footer_message().unwrap_or_default();
    assert!(message.contains("what happened"), "{message}");
    assert_eq!(form_texts(&app)[1], "The pan", "nothing typed is lost");
}

#[test]
fn completing_the_form_asks_for_its_scenario_file() {
    let mut app = form_filled("  The   pan ", "Sunday, in the kitchen.\n");
    let taken: Vec<String> = app.library.exercises.iter().map(|e| e.id.clone()).collect();
    let serial = app.attempt().unwrap().serial;
    let effects = press_ctrl(&mut app, 'n');
    assert_eq!(
        effects,
        vec![Effect::WriteMoment {
            serial,
            partner: "Sam".into(),
            title: "The pan".into(),
            happened: "Sunday, in the kitchen.".into(),
            taken,
        }]
    );
    assert_eq!(
        app.screen,
        Screen::Exercise(Step::Moment),
        "until the file is written"
    );
}

/// The exercise a scenario file written for this moment gives.
fn written(id: &str, partner: &str, title: &str, happened: &str) -> Exercise {
    let path = PathBuf::from(format!("/data/exercises/{id}.toml"));
    let text = moment_toml(id, partner, title, happened);
    let parsed = exercise::parse(text.as_bytes(), Origin::Own(path));
    parsed.exercise.expect("the moment's file loads")
}

#[test]
fn the_written_moment_joins_the_library_and_the_own_view_follows() {
    let mut app = form_filled("The pan", "Sunday, in the kitchen.");
    let serial = app.attempt().unwrap().serial;
    assert!(!press_ctrl(&mut app, 'n').is_empty());
    let exercise = written("the-pan", "Noa", "The pan", "Sunday, in the kitchen.");
    let effects = app.update(Msg::MomentWritten {
        serial,
        result: Ok(exercise.clone()),
    });
    assert_eq!(app.screen, Screen::Exercise(Step::OwnView));
    assert_eq!(app.exercise.current.as_deref(), Some("the-pan"));
    assert!(!app.exercise.attempts.contains_key(DRAFT_ID));
    let attempt = app.attempt().unwrap();
    assert!(attempt.form.is_none());
    assert_eq!(attempt.exercise, exercise);
    assert!(matches!(attempt.exercise.origin, Origin::Own(_)));
    assert_eq!(app.library.get("the-pan"), Some(&exercise));
    // The name the file gives is the one remembered.
    assert_eq!(app.prefs.partner_name, "Noa");
    assert_eq!(
        prefs_remembered(&effects),
        [&Prefs {
            partner_name: "Noa".into(),
            ..Prefs::default()
        }]
    );
    // Typing goes to the own view now.
    type_text(&mut app, "mine");
    assert_eq!(app.attempt().unwrap().own_view.text(), "mine");
}

#[test]
fn a_moment_that_could_not_be_written_stays_on_the_form_with_a_message() {
    let mut app = form_filled("The pan", "Sunday, in the kitchen.");
    let serial = app.attempt().unwrap().serial;
    press_ctrl(&mut app, 'n');
    let effects = app.update(Msg::MomentWritten {
        serial,
        result: Err("no space left on device".into()),
    });
    assert!(effects.is_empty(), "{effects:?}");
    assert_eq!(app.screen, Screen::Exercise(Step::Moment));
    assert_eq!(
        app.footer_message().as_deref(),
        Some("not written: no space left on device")
    );
    assert_eq!(
        form_texts(&app),
        ["Sam", "The pan", "Sunday, in the kitchen."]
    );
    assert_eq!(app.library.get("the-pan"), None);
    assert_eq!(app.prefs.partner_name, "Sam", "nothing new to remember");
}

/// A form saved as a draft: what its entry file holds.
fn form_draft() -> Entry {
    let started = "2026-11-27T20:00:00Z".parse().unwrap();
    let mut entry = Entry::new(
        DRAFT_ID,
        "The pan",
        "Sam",
        "Sunday, in the kitchen.",
        started,
    );
    entry.step = Step::Moment;
    entry
}

/// `draft` as the journal lists it, saved at `path`.
fn listed(draft: &Entry, path: &Path) -> Listed {
    Listed::Entry(Summary {
        path: path.to_path_buf(),
        exercise_id: draft.exercise_id.clone(),
        exercise_title: draft.exercise_title.clone(),
        partner: draft.partner.clone(),
        started: draft.started,
        saved: draft.started,
        status: draft.status,
        step: draft.step,
        words: 4,
        completed: None,
        distress_before: None,
        distress_after: None,
        try_next: String::new(),
    })
}

#[test]
fn a_form_saved_as_a_draft_is_offered_and_resumes_with_its_fields() {
    let mut app = app();
    let path = PathBuf::from("/j/_moment/20261127T200000Z.toml");
    let draft = form_draft();
    app.update(Msg::Journal(vec![listed(&draft, &path)]));
    press(&mut app, KeyCode::Char('n'));
    assert!(matches!(
        &app.overlay,
        Some(Overlay::Ask(Question::Resume { id, .. })) if id == DRAFT_ID
    ));
    let effects = press(&mut app, KeyCode::Enter);
    assert_eq!(
        effects,
        vec![Effect::LoadDraft {
            id: DRAFT_ID.into(),
            path: path.clone()
        }]
    );
    app.update(Msg::DraftLoaded {
        id: DRAFT_ID.into(),
        result: Ok((path.clone(), draft)),
    });
    assert_eq!(app.screen, Screen::Exercise(Step::Moment));
    assert_eq!(
        form_texts(&app),
        ["Sam", "The pan", "Sunday, in the kitchen."]
    );
    assert_eq!(app.attempt().unwrap().path, Some(path));
    // Completing it asks for the file, as a fresh form does.
    press_ctrl(&mut app, 'n');
    press_ctrl(&mut app, 'n');
    let effects = press_ctrl(&mut app, 'n');
    assert!(
        matches!(&effects[..], [Effect::WriteMoment { title, .. }] if title == "The pan"),
        "{effects:?}"
    );
}

#[test]
fn no_to_the_draft_of_a_form_starts_an_empty_one() {
    let mut app = app().with_prefs(Prefs {
        partner_name: "Sam".into(),
        ..Prefs::default()
    });
    let path = PathBuf::from("/j/_moment/a.toml");
    app.update(Msg::Journal(vec![listed(&form_draft(), &path)]));
    press(&mut app, KeyCode::Char('n'));
    assert!(press(&mut app, KeyCode::Char('n')).is_empty());
    assert_eq!(app.screen, Screen::Exercise(Step::Moment));
    assert_eq!(form_texts(&app), ["Sam", "", ""]);
}

// ------------------------------------------------------------ a friend's view

#[test]
fn y_on_the_offer_writes_the_friends_view_and_back_comes_to_it() {
    let mut app = app();
    on_the_offer(&mut app);
    let effects = press(&mut app, KeyCode::Char('y'));
    assert_eq!(app.screen, Screen::Exercise(Step::Observer));
    assert_eq!(app.context(), Context::OBSERVER, "writing now");
    assert_eq!(app.prefs.observer, Some(true));
    assert_eq!(
        prefs_remembered(&effects),
        [&Prefs {
            observer: Some(true),
            ..Prefs::default()
        }]
    );
    type_text(&mut app, "they both");
    let attempt = app.attempt().unwrap();
    assert_eq!(attempt.observer_view.text(), "they both");
    assert_eq!(attempt.own_view.text(), "mine");
    assert_eq!(attempt.partner_view.text(), "theirs");
    press_ctrl(&mut app, 'n');
    assert_eq!(app.screen, Screen::Exercise(Step::SideBySide));
    press_ctrl(&mut app, 'p');
    assert_eq!(
        (app.screen, app.context()),
        (Screen::Exercise(Step::Observer), Context::OBSERVER)
    );
    press_ctrl(&mut app, 'p');
    assert_eq!(app.screen, Screen::Exercise(Step::PartnerView));
    press_ctrl(&mut app, 'n');
    assert_eq!(
        app.context(),
        Context::OBSERVER,
        "chosen once, not asked again"
    );
    let entry = app.attempt().unwrap().to_entry(app.now);
    assert_eq!(entry.observer_lens, Some(true));
    assert_eq!(entry.observer_view, "they both");
}

#[test]
fn n_on_the_offer_goes_on_to_the_side_by_side_and_is_remembered() {
    let mut app = app();
    on_the_offer(&mut app);
    let effects = press(&mut app, KeyCode::Char('n'));
    assert_eq!(app.screen, Screen::Exercise(Step::SideBySide));
    assert_eq!(
        prefs_remembered(&effects),
        [&Prefs {
            observer: Some(false),
            ..Prefs::default()
        }]
    );
    assert_eq!(save_count(&effects), 1, "the answer is part of the entry");
    // Back skips the friend's view, and so does next.
    press_ctrl(&mut app, 'p');
    assert_eq!(app.screen, Screen::Exercise(Step::PartnerView));
    press_ctrl(&mut app, 'n');
    assert_eq!(app.screen, Screen::Exercise(Step::SideBySide));
    let entry = app.attempt().unwrap().to_entry(app.now);
    assert_eq!(entry.observer_lens, Some(false));
}

#[test]
fn enter_and_ctrl_n_do_nothing_on_the_offer_and_nothing_typed_lands() {
    let mut app = app();
    on_the_offer(&mut app);
    let revision = app.revision();
    assert!(press(&mut app, KeyCode::Enter).is_empty());
    assert!(press_ctrl(&mut app, 'n').is_empty());
    type_text(&mut app, "x");
    assert_eq!(app.screen, Screen::Exercise(Step::Observer));
    assert_eq!(app.context(), Context::ObserverOffer);
    let attempt = app.attempt().unwrap();
    assert_eq!(attempt.observer, None, "not answered");
    assert!(attempt.observer_view.is_empty());
    assert_eq!(app.revision(), revision);
    assert_eq!(app.prefs.observer, None);
    // Back is still there.
    press_ctrl(&mut app, 'p');
    assert_eq!(app.screen, Screen::Exercise(Step::PartnerView));
}

#[test]
fn a_scenario_asking_for_the_friends_view_has_no_offer() {
    let mut app = app_on_builtin("can-we-talk", |e| e.lenses = vec![Lens::Observer]);
    to_own_view(&mut app);
    press_ctrl(&mut app, 'n');
    press_ctrl(&mut app, 'n');
    assert_eq!(
        (app.screen, app.context()),
        (Screen::Exercise(Step::Observer), Context::OBSERVER)
    );
    type_text(&mut app, "a friend");
    assert_eq!(app.attempt().unwrap().observer_view.text(), "a friend");
    assert_eq!(app.prefs.observer, None, "no answer to remember");
}
