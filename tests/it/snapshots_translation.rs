//! The screens of a moment of one's own and of the translation, drawn on ratatui's
//! `TestBackend` at 120×40 and 60×20 (the three columns at 160×45), checked against
//! the committed snapshots in `tests/snapshots/`.

use jiff::Timestamp;
use ratatui::crossterm::event::KeyCode;
use two_worlds::app::{App, Field, Msg};
use two_worlds::journal::{Entry, Status, Step};

use two_worlds::translation::{Card, Cycle, Marks, Speaker};

use crate::common::app::{
    app_at, ask_to_finish, paste, press, press_ctrl, screen_and_cursor, skip_translation,
    to_own_view, type_text,
};
use crate::snapshots::{both_views, snapshot_at_both_sizes, snapshot_settings};

const FRIEND: &str = "Two people who both wanted the weekend back: she wanted to be asked, he wanted to get one thing right.";

#[test]
fn the_form_of_a_moment_of_your_own() {
    snapshot_at_both_sizes("moment_form", |app| {
        press(app, KeyCode::Char('n'));
        type_text(app, "Sam");
        press(app, KeyCode::Enter);
        type_text(app, "The pan on Sunday");
        press_ctrl(app, 'n');
        paste(
            app,
            "Sunday evening in the kitchen. I said: you left the pan again.",
        );
    });
}

#[test]
fn the_offer_of_a_friends_view_and_writing_it() {
    let to_offer = |app: &mut App| {
        to_own_view(app);
        paste(app, "Mine.");
        press_ctrl(app, 'n');
        paste(app, "Theirs.");
        press_ctrl(app, 'n');
    };
    snapshot_at_both_sizes("friend_offer", to_offer);
    snapshot_at_both_sizes("friend_view", |app| {
        to_offer(app);
        press(app, KeyCode::Char('y'));
        paste(app, FRIEND);
    });
}

#[test]
fn the_side_by_side_with_marks_marking_and_observations() {
    let marked = |app: &mut App| {
        both_views(app);
        press(app, KeyCode::Char('m'));
        press(app, KeyCode::Left);
        press(app, KeyCode::Down);
        press(app, KeyCode::Enter);
    };
    snapshot_at_both_sizes("side_by_side_marked", marked);
    snapshot_at_both_sizes("side_by_side_marking", |app| {
        marked(app);
        press(app, KeyCode::Char('m'));
        press(app, KeyCode::Right);
    });
    snapshot_at_both_sizes("side_by_side_choosing_a_column", |app| {
        both_views(app);
        press(app, KeyCode::Char('m'));
    });
    snapshot_at_both_sizes("side_by_side_observations", |app| {
        both_views(app);
        press(app, KeyCode::Char('o'));
    });
}

#[test]
fn three_columns_at_160x45() {
    let mut app = app_at(160, 45);
    to_own_view(&mut app);
    paste(&mut app, "I asked about Friday. I meant it gently.");
    press_ctrl(&mut app, 'n');
    paste(&mut app, "I knew I had messed up. I needed a minute.");
    press_ctrl(&mut app, 'n');
    press(&mut app, KeyCode::Char('y'));
    paste(&mut app, FRIEND);
    press_ctrl(&mut app, 'n');
    snapshot_settings().bind(|| {
        insta::assert_snapshot!("side_by_side_three_columns_160x45", screen_and_cursor(&app));
    });
}

/// The side by side, then on to the translation.
fn to_translation(app: &mut App) {
    both_views(app);
    press_ctrl(app, 'n');
}

#[test]
fn the_translation_cards_and_the_cycle() {
    // A line the scenario gives, then a line the user names (a scenario without
    // `[[moments]]`).
    snapshot_at_both_sizes("translation_card", |app| {
        to_translation(app);
        type_text(app, "That nothing I say reaches him.");
        press_ctrl(app, 'n');
        paste(app, "That he is afraid of making it worse.");
    });
    snapshot_at_both_sizes("translation_card_own_line", |app| {
        app.library.exercises[0].moments.clear();
        to_translation(app);
        type_text(app, "You always need a minute.");
        press_ctrl(app, 'n');
        paste(app, "That I am too much for him.");
    });
    snapshot_at_both_sizes("translation_cycle", |app| {
        to_translation(app);
        // Each empty card is passed with one key.
        for _ in 0..app.attempt().unwrap().cards.len() {
            press_ctrl(app, 'n');
        }
        assert_eq!(
            app.attempt().unwrap().current_field(),
            Some(Field::Cycle(0))
        );
        type_text(app, "push to talk");
        press(app, KeyCode::Enter);
        type_text(app, "goes quiet");
    });
    snapshot_at_both_sizes("reflection_both_views", |app| {
        to_translation(app);
        skip_translation(app);
        press_ctrl(app, 'o');
    });
}

/// An entry with everything issue 9 added, read back or finished.
fn full_entry() -> Entry {
    let started: Timestamp = "2026-11-28T13:00:00Z".parse().unwrap();
    let mut entry = Entry::new(
        "can-we-talk",
        "Can we talk about it?",
        "Karim",
        "You bring it up while he is drying the last pan.",
        started,
    );
    entry.status = Status::Complete;
    entry.step = Step::Finished;
    entry.completed = Some(started);
    entry.own_view = "I asked about Friday. I meant it gently.".into();
    entry.partner_view = "I knew I had messed up. I needed a minute.".into();
    entry.observer_lens = Some(true);
    entry.observer_view = FRIEND.into();
    entry.marks = Marks {
        own: "I meant it gently.".into(),
        partner: "I needed a minute.".into(),
    };
    entry.cards = vec![Card {
        by: Speaker::Partner,
        quote: "I need a minute.".into(),
        given: true,
        meant: "I want to get this right.".into(),
        heard: "You do not care.".into(),
    }];
    entry.cycle = Cycle {
        when_i: "push to talk".into(),
        partner: "goes quiet".into(),
        then_i: "push harder".into(),
    };
    entry
}

#[test]
fn the_finished_screen_and_the_reading_view_show_the_translation() {
    snapshot_at_both_sizes("finished_with_translation", |app| {
        both_views(app);
        press(app, KeyCode::Char('m'));
        press(app, KeyCode::Left);
        press(app, KeyCode::Enter);
        press_ctrl(app, 'n');
        type_text(app, "That I am too much.");
        press_ctrl(app, 'n');
        type_text(app, "That he is afraid.");
        // Bounded, so a step that stops moving fails rather than hangs.
        let on_last = |app: &App| {
            app.attempt()
                .is_some_and(|a| a.question + 1 == a.answers.len())
        };
        for _ in 0..20 {
            if on_last(app) {
                break;
            }
            press_ctrl(app, 'n');
        }
        assert!(on_last(app));
        type_text(app, "Someone who waits.");
        press_ctrl(app, 'n');
        type_text(app, "Wait one minute before I follow him.");
        ask_to_finish(app);
        press(app, KeyCode::Enter);
    });
    snapshot_at_both_sizes("reading_with_translation", |app| {
        app.update(Msg::EntryRead(Ok(full_entry())));
    });
}
