//! Shared moments in `update`: the seal (both worlds only on a finished entry), the
//! pairs, the feedback, and the prompts that share and bring in; and both worlds as
//! it is drawn.

use std::collections::HashMap;
use std::path::PathBuf;

use jiff::Timestamp;
use ratatui::crossterm::event::KeyCode;
use two_worlds::app::{App, Effect, Msg, Overlay, Pair, Screen};
use two_worlds::exchange::{BothRead, Closeness, Exchange, Feedback, Ids, Sharing};
use two_worlds::journal::{Listed, Status, Summary};
use two_worlds::step::Step;

use crate::common::app::{app, app_at, press, press_ctrl, render, type_text};
use crate::common::entries::golden_entry;

const THEIR_OWN: &str = "I came home and the sink was the last straw of a long day.";
const THEIR_GUESS: &str = "She was tired too, and wanted me to notice.";
/// Pieces of the two that fit on one row, whatever the wrapping.
const OWN_PIECE: &str = "last straw";
const GUESS_PIECE: &str = "wanted me";

fn summary(status: Status) -> Listed {
    let at: Timestamp = "2026-11-27T20:00:00Z".parse().unwrap();
    Listed::Entry(Summary {
        path: PathBuf::from("/j/the-dishes/20261127T200000Z.toml"),
        exercise_id: "the-dishes".into(),
        exercise_title: "La vaisselle".into(),
        partner: "Camille".into(),
        started: at,
        saved: at,
        status,
        step: Step::Finished,
        words: 12,
        completed: None,
        distress_before: None,
        distress_after: None,
        try_next: String::new(),
    })
}

fn theirs() -> Exchange {
    let mut entry = golden_entry();
    entry.own_view = THEIR_OWN.into();
    entry.partner_view = THEIR_GUESS.into();
    let ids = Ids {
        exchange: "0123456789abcdef0123456789abcdef".into(),
        author: "fedcba9876543210fedcba9876543210".into(),
        told_by: "11111111111111111111111111111111".into(),
    };
    Exchange::from_entry(
        &entry,
        &ids,
        "Camille",
        "2026-12-01T10:00:00Z".parse().unwrap(),
    )
}

/// The journal with one entry, in the state given, whose partner's side has come.
fn journal_with(app: &mut App, status: Status) {
    app.update(Msg::Key(ratatui::crossterm::event::KeyEvent::from(
        KeyCode::Char('h'),
    )));
    app.update(Msg::Journal(vec![summary(status)]));
    let Listed::Entry(s) = summary(status) else {
        unreachable!()
    };
    app.update(Msg::Sharing(HashMap::from([(
        s.path,
        Sharing {
            sent: true,
            theirs: Some("Camille".into()),
        },
    )])));
}

fn both_worlds_open(app: &mut App) {
    journal_with(app, Status::Complete);
    let effects = press(app, KeyCode::Char('b'));
    assert!(
        matches!(effects.as_slice(), [Effect::ReadBothWorlds(_)]),
        "{effects:?}"
    );
    app.update(Msg::BothWorldsRead(Ok(Box::new(BothRead {
        entry: golden_entry(),
        theirs: theirs(),
        mine: None,
    }))));
    assert_eq!(app.screen, Screen::Reading);
}

#[test]
fn the_seal_keeps_both_worlds_shut_until_ones_own_side_is_finished() {
    let mut app = app();
    journal_with(&mut app, Status::Draft);
    let effects = press(&mut app, KeyCode::Char('b'));
    assert!(effects.is_empty(), "nothing is read: {effects:?}");
    let said = app.flash.clone().unwrap_or_default();
    assert!(said.contains("finish your side first"), "{said}");
    assert!(!render(&app).contains(OWN_PIECE));
}

#[test]
fn both_worlds_shows_a_pair_at_a_time_and_says_whose_words_are_whose() {
    let mut app = app_at(120, 40);
    both_worlds_open(&mut app);
    let screen = render(&app);
    assert!(screen.contains("Your guess of Camille"), "{screen}");
    assert!(screen.contains("Camille, in their own words"), "{screen}");
    assert!(screen.contains(OWN_PIECE), "{screen}");
    assert!(!screen.contains(GUESS_PIECE), "one pair at a time");
    press_ctrl(&mut app, 'n');
    let screen = render(&app);
    assert!(screen.contains("Camille's guess of you"), "{screen}");
    assert!(screen.contains("You, in your own words"), "{screen}");
    assert!(screen.contains(GUESS_PIECE), "{screen}");
    assert!(
        screen.contains("Does Camille's guess sound like you?"),
        "{screen}"
    );
    press_ctrl(&mut app, 'p');
    assert!(render(&app).contains(OWN_PIECE));
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.screen, Screen::History);
}

#[test]
fn feedback_is_words_kept_with_the_moment_never_a_number() {
    let mut app = app_at(120, 40);
    both_worlds_open(&mut app);
    // On their world the keys show the pair the answer is about first.
    assert!(press(&mut app, KeyCode::Char('2')).is_empty());
    let reading = app.history.reading.as_ref().unwrap();
    assert_eq!(reading.both.as_ref().unwrap().pair, Pair::Yours);
    let effects = press(&mut app, KeyCode::Char('2'));
    assert_eq!(
        effects,
        vec![Effect::KeepFeedback {
            exchange: theirs().exchange,
            feedback: Feedback {
                closeness: Closeness::Partly,
                missed: String::new(),
            },
        }]
    );
    press(&mut app, KeyCode::Char('w'));
    assert_eq!(app.overlay, Some(Overlay::Prompt));
    type_text(&mut app, "That I was scared, not angry.");
    let effects = press(&mut app, KeyCode::Enter);
    let [Effect::KeepFeedback { feedback, .. }] = effects.as_slice() else {
        panic!("{effects:?}");
    };
    assert_eq!(feedback.closeness, Closeness::Partly);
    assert_eq!(feedback.missed, "That I was scared, not angry.");
    app.update(Msg::FeedbackKept(Ok(())));
    let screen = render(&app);
    assert!(screen.contains("You said: partly"), "{screen}");
    assert!(!screen.contains('%'), "no percentage: {screen}");
}

#[test]
fn sharing_shows_what_goes_and_asks_the_name_before_writing() {
    let mut app = app();
    journal_with(&mut app, Status::Complete);
    let effects = press(&mut app, KeyCode::Char('s'));
    let [Effect::PrepareShare(path)] = effects.as_slice() else {
        panic!("{effects:?}");
    };
    app.update(Msg::ShareReady(Ok(two_worlds::app::ShareReady {
        path: path.clone(),
        name: String::new(),
        summary: theirs().summary(),
    })));
    assert_eq!(app.overlay, Some(Overlay::Prompt));
    assert!(render(&app).contains("never carries your reflection answers"));
    // An empty name is not one: nothing is written, the prompt stays.
    assert!(press(&mut app, KeyCode::Enter).is_empty());
    assert_eq!(app.overlay, Some(Overlay::Prompt));
    type_text(&mut app, "Ana");
    let effects = press(&mut app, KeyCode::Enter);
    assert_eq!(
        effects,
        vec![Effect::Share {
            path: path.clone(),
            name: "Ana".into()
        }]
    );
    assert_eq!(app.overlay, None);
    // Esc in the prompt writes nothing.
    press(&mut app, KeyCode::Char('s'));
    app.update(Msg::ShareReady(Ok(two_worlds::app::ShareReady {
        path: path.clone(),
        name: "Ana".into(),
        summary: Vec::new(),
    })));
    assert!(press(&mut app, KeyCode::Esc).is_empty());
    assert_eq!(app.overlay, None);
}

#[test]
fn a_draft_is_not_shared_and_i_asks_for_a_file() {
    let mut app = app();
    journal_with(&mut app, Status::Draft);
    assert!(press(&mut app, KeyCode::Char('s')).is_empty());
    assert!(app.flash.clone().unwrap_or_default().contains("finished"));
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.screen, Screen::Library);
    press(&mut app, KeyCode::Char('i'));
    assert_eq!(app.overlay, Some(Overlay::Prompt));
    type_text(&mut app, "~/from-camille.twx");
    let effects = press(&mut app, KeyCode::Enter);
    assert_eq!(
        effects,
        vec![Effect::Import {
            path: PathBuf::from("~/from-camille.twx"),
            phrase: None
        }]
    );
    // A locked file: the phrase is asked for, and never shown as it is typed.
    app.update(Msg::ImportNeedsPhrase(PathBuf::from("/h/from-camille.twx")));
    assert_eq!(app.overlay, Some(Overlay::Prompt));
    type_text(&mut app, "blue kettle");
    let screen = render(&app);
    assert!(!screen.contains("blue kettle"), "{screen}");
    assert!(screen.contains("•••••••••••"), "{screen}");
    let effects = press(&mut app, KeyCode::Enter);
    let [
        Effect::Import {
            path,
            phrase: Some(phrase),
        },
    ] = effects.as_slice()
    else {
        panic!("{effects:?}");
    };
    assert_eq!(path, &PathBuf::from("/h/from-camille.twx"));
    assert_eq!(
        phrase,
        &two_worlds::exchange::phrase::Phrase::new("blue kettle".into())
    );
    assert!(!format!("{effects:?}").contains("kettle"), "never in Debug");
}

#[test]
fn both_worlds_snapshot() {
    crate::snapshots::snapshot_at_both_sizes("both_worlds", |app| {
        both_worlds_open(app);
    });
    crate::snapshots::snapshot_at_both_sizes("both_worlds_yours", |app| {
        both_worlds_open(app);
        press_ctrl(app, 'n');
        press(app, KeyCode::Char('3'));
        app.update(Msg::FeedbackKept(Ok(())));
    });
}
