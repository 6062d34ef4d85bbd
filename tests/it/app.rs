//! `App::update`: every screen transition and key, and the zone dates are shown in,
//! without a terminal.

use jiff::tz::{self, TimeZone};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use two_worlds::app::{App, Effect, Msg, Overlay, Question, Screen, Scrolling, Step};
use two_worlds::exercise::{self, Library, Origin};
use two_worlds::journal::{Listed, Status, Summary};
use two_worlds::keymap::Context;

use crate::common::app::{
    app, app_with, builtin_library, ctrl_msg, drawn, partner_view_to_reflection, press, render,
    scenario_to_own_view, to_own_view, to_reflection, to_side_by_side, type_text,
};

/// Opens the first exercise and goes to the own view.
fn writing_own_view() -> App {
    let mut app = app();
    to_own_view(&mut app);
    app
}

#[test]
fn starts_in_the_library_with_the_first_exercise_selected() {
    let app = app();
    assert_eq!(app.screen, Screen::Library);
    assert_eq!(app.context(), Context::Library);
    assert_eq!(app.selected_exercise().unwrap().id, "can-we-talk");
}

#[test]
fn library_moves_with_arrows_j_k_pages_home_and_end() {
    let mut app = app();
    let last = app.library.exercises.len() - 1;
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Char('j'));
    assert_eq!(app.library_screen.selected, 2);
    press(&mut app, KeyCode::Char('k'));
    press(&mut app, KeyCode::Up);
    press(&mut app, KeyCode::Up);
    assert_eq!(app.library_screen.selected, 0, "stops at the top");
    press(&mut app, KeyCode::End);
    assert_eq!(app.library_screen.selected, last);
    press(&mut app, KeyCode::Down);
    assert_eq!(app.library_screen.selected, last, "stops at the bottom");
    press(&mut app, KeyCode::Home);
    assert_eq!(app.library_screen.selected, 0);
    // A page at a time: far more than one row, never past the last.
    press(&mut app, KeyCode::PageDown);
    let paged = app.library_screen.selected;
    assert!(paged >= 10.min(last) && paged <= last, "{paged} of {last}");
    press(&mut app, KeyCode::PageUp);
    assert_eq!(app.library_screen.selected, 0);
}

#[test]
fn filter_is_live_case_insensitive_and_enter_opens_the_first_match() {
    let mut app = app();
    press(&mut app, KeyCode::Char('/'));
    assert_eq!(app.context(), Context::Filtering);
    type_text(&mut app, "MONEY");
    let shown: Vec<_> = app
        .visible()
        .iter()
        .map(|&i| app.library.exercises[i].id.clone())
        .collect();
    assert_eq!(shown, ["the-bank-notification"], "matches the tag");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.screen, Screen::Exercise(Step::Scenario));
    assert_eq!(app.attempt().unwrap().exercise.id, "the-bank-notification");
}

#[test]
fn filter_matches_title_and_id_and_letters_are_not_commands() {
    let mut app = app();
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "q?jk");
    assert_eq!(
        app.library_screen.filter, "q?jk",
        "q and ? are typed while filtering"
    );
    assert!(app.visible().is_empty());
    for _ in 0..4 {
        press(&mut app, KeyCode::Backspace);
    }
    type_text(&mut app, "lisbon");
    assert_eq!(app.selected_exercise().unwrap().id, "remember-lisbon");
    type_text(&mut app, "x");
    assert!(app.visible().is_empty(), "\"lisbonx\" matches nothing");
    press(&mut app, KeyCode::Backspace);
    assert_eq!(app.selected_exercise().unwrap().id, "remember-lisbon");
    let mut by_id = self::app();
    press(&mut by_id, KeyCode::Char('/'));
    type_text(&mut by_id, "the-offer");
    assert_eq!(by_id.selected_exercise().unwrap().id, "the-offer");
}

#[test]
fn esc_clears_the_filter() {
    let mut app = app();
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "zzz");
    press(&mut app, KeyCode::Esc);
    assert!(!app.library_screen.filtering);
    assert_eq!(app.library_screen.filter, "");
    assert_eq!(app.visible().len(), app.library.exercises.len());
}

#[test]
fn q_quits_from_the_library_and_ctrl_c_from_anywhere() {
    let mut app = app();
    assert_eq!(press(&mut app, KeyCode::Char('q')), vec![Effect::Quit]);
    let mut app = writing_own_view();
    assert_eq!(app.update(ctrl_msg('c')), vec![Effect::Quit]);
}

#[test]
fn q_in_an_editor_is_text_not_quit() {
    let mut app = writing_own_view();
    assert_eq!(press(&mut app, KeyCode::Char('q')), vec![]);
    assert_eq!(app.attempt().unwrap().own_view.text(), "q");
}

#[test]
fn help_opens_with_question_mark_or_f1_and_closes_with_esc() {
    let mut app = app();
    press(&mut app, KeyCode::Char('?'));
    assert_eq!(app.overlay, Some(Overlay::Help));
    assert_eq!(app.context(), Context::Overlay);
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.overlay, None);
    let mut app = writing_own_view();
    press(&mut app, KeyCode::F(1));
    assert_eq!(app.overlay, Some(Overlay::Help));
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.overlay, None);
    assert_eq!(
        app.screen,
        Screen::Exercise(Step::OwnView),
        "Esc closed help, not the screen"
    );
}

#[test]
fn problems_overlay_only_when_there_are_problems() {
    let mut app = app();
    press(&mut app, KeyCode::Char('!'));
    assert_eq!(app.overlay, None);
    let mut library = builtin_library();
    library.problems.push(exercise::Problem {
        file: "x.toml".into(),
        position: Some((1, 1)),
        severity: exercise::Severity::Error,
        message: "bad".into(),
    });
    let mut app = app_with(library, 120, 40);
    press(&mut app, KeyCode::Char('!'));
    assert_eq!(app.overlay, Some(Overlay::Problems));
}

#[test]
fn the_whole_exercise_forward_and_back() {
    let mut app = app();
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.screen, Screen::Exercise(Step::Scenario));
    app.update(ctrl_msg('n'));
    // The calm check first; Enter with nothing chosen skips it.
    assert_eq!(app.context(), Context::Calm);
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.screen, Screen::Exercise(Step::OwnView));
    type_text(&mut app, "mine");
    app.update(ctrl_msg('n'));
    assert_eq!(app.screen, Screen::Exercise(Step::PartnerView));
    type_text(&mut app, "theirs");
    app.update(ctrl_msg('p'));
    assert_eq!(app.screen, Screen::Exercise(Step::OwnView));
    app.update(ctrl_msg('n'));
    to_side_by_side(&mut app);
    to_reflection(&mut app);
    let questions = app.attempt().unwrap().answers.len();
    assert!(questions >= 2);
    type_text(&mut app, "answer one");
    app.update(ctrl_msg('n'));
    assert_eq!(app.attempt().unwrap().question, 1);
    app.update(ctrl_msg('p'));
    assert_eq!(app.attempt().unwrap().question, 0);
    assert_eq!(app.attempt().unwrap().answers[0].text(), "answer one");
    // Back from the first question: every field of the translation, then the side
    // by side, which goes back to the partner's view (no friend's view was chosen).
    app.update(ctrl_msg('p'));
    assert_eq!(app.screen, Screen::Exercise(Step::Translation));
    let fields = app.attempt().unwrap().fields().len();
    assert_eq!(
        app.attempt().unwrap().field,
        fields - 1,
        "the cycle's last blank"
    );
    for _ in 0..fields {
        app.update(ctrl_msg('p'));
    }
    assert_eq!(app.screen, Screen::Exercise(Step::SideBySide));
    app.update(ctrl_msg('p'));
    assert_eq!(app.screen, Screen::Exercise(Step::PartnerView));
    to_side_by_side(&mut app);
    to_reflection(&mut app);
    for _ in 1..questions {
        app.update(ctrl_msg('n'));
    }
    assert_eq!(
        app.screen,
        Screen::Exercise(Step::Reflection),
        "the last question is left by finishing"
    );
    // After the questions, the line to try next time; then the calm check, once.
    app.update(ctrl_msg('n'));
    assert!(app.attempt().unwrap().on_try_next());
    type_text(&mut app, "ask first");
    app.update(ctrl_msg('n'));
    assert_eq!(app.context(), Context::Calm);
    press(&mut app, KeyCode::Char('3'));
    // Finishing asks once; Esc keeps writing.
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.overlay, Some(Overlay::Ask(Question::Finish)));
    press(&mut app, KeyCode::Esc);
    assert_eq!(
        (app.screen, app.overlay.clone()),
        (Screen::Exercise(Step::Reflection), None)
    );
    app.update(ctrl_msg('n'));
    let effects = press(&mut app, KeyCode::Enter);
    assert_eq!(app.screen, Screen::Exercise(Step::Finished));
    let attempt = app.attempt().unwrap();
    assert!(attempt.complete);
    assert_eq!(attempt.own_view.text(), "mine");
    assert_eq!(attempt.partner_view.text(), "theirs");
    let entry = attempt.to_entry(app.now);
    assert_eq!(entry.try_next, "ask first");
    assert_eq!(
        (entry.distress_before, entry.distress_after),
        (None, Some(3))
    );
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.screen, Screen::Library);
    // Until the journal holds it, it is not counted.
    assert_eq!(
        two_worlds::ui::library::status_text(&app, "can-we-talk"),
        "not saved"
    );
    saved(&mut app, &effects);
    assert!(two_worlds::ui::library::status_text(&app, "can-we-talk").starts_with("done ×1 "));
}

/// Answers the saves among `effects` as the event loop would after a good save.
fn saved(app: &mut App, effects: &[Effect]) {
    for effect in effects {
        if let Effect::Save(job) = effect {
            app.update(Msg::Saved {
                id: job.id.clone(),
                revision: job.revision,
                result: Ok(format!("/journal/{}.toml", job.attempt).into()),
            });
        }
    }
}

/// Steps to the end of the exercise, finishing it; the effects of finishing.
fn finish(app: &mut App) -> Vec<Effect> {
    while app.screen == Screen::Exercise(Step::Reflection) && app.overlay.is_none() {
        app.update(ctrl_msg('n'));
    }
    if app.context() == Context::Calm {
        press(app, KeyCode::Enter);
    }
    assert_eq!(app.overlay, Some(Overlay::Ask(Question::Finish)));
    press(app, KeyCode::Enter)
}

#[test]
fn a_finished_exercise_opens_fresh() {
    let mut app = writing_own_view();
    type_text(&mut app, "first time");
    app.update(ctrl_msg('n'));
    partner_view_to_reflection(&mut app);
    let effects = finish(&mut app);
    saved(&mut app, &effects);
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.screen, Screen::Exercise(Step::Scenario));
    assert!(app.attempt().unwrap().own_view.is_empty());
}

#[test]
fn scenario_enter_begins_and_esc_goes_back() {
    let mut app = app();
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.screen, Screen::Library);
    press(&mut app, KeyCode::Enter);
    scenario_to_own_view(&mut app);
}

#[test]
fn esc_never_destroys_text_and_reopening_continues() {
    let mut app = writing_own_view();
    type_text(&mut app, "kept");
    let effects = press(&mut app, KeyCode::Esc);
    assert_eq!(app.screen, Screen::Library);
    assert_eq!(
        two_worlds::ui::library::status_text(&app, "can-we-talk"),
        "not saved"
    );
    saved(&mut app, &effects);
    assert_eq!(
        two_worlds::ui::library::status_text(&app, "can-we-talk"),
        "draft"
    );
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Enter);
    assert_eq!(
        app.screen,
        Screen::Exercise(Step::Scenario),
        "another exercise starts at its scenario"
    );
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Up);
    press(&mut app, KeyCode::Enter);
    assert_eq!(
        app.screen,
        Screen::Exercise(Step::OwnView),
        "back where it was left"
    );
    assert_eq!(app.attempt().unwrap().own_view.text(), "kept");
}

#[test]
fn ctrl_t_hides_hints_and_ctrl_o_peeks_only_in_the_partner_view() {
    let mut app = writing_own_view();
    assert!(app.show_hints());
    app.update(ctrl_msg('t'));
    assert!(!app.show_hints());
    app.update(ctrl_msg('o'));
    assert_eq!(
        app.overlay, None,
        "no peek at your own view while writing it"
    );
    app.update(ctrl_msg('n'));
    app.update(ctrl_msg('o'));
    assert_eq!(app.overlay, Some(Overlay::Peek));
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.overlay, None);
    assert_eq!(app.screen, Screen::Exercise(Step::PartnerView));
}

#[test]
fn paste_goes_to_the_editor_in_one_piece() {
    let mut app = writing_own_view();
    app.update(Msg::Paste("one\r\ntwo\rthree".into()));
    assert_eq!(app.attempt().unwrap().own_view.text(), "one\ntwo\nthree");
}

#[test]
fn paste_into_the_filter_takes_the_first_line() {
    let mut app = app();
    press(&mut app, KeyCode::Char('/'));
    app.update(Msg::Paste("offer\nrest".into()));
    assert_eq!(app.library_screen.filter, "offer");
}

#[test]
fn key_releases_are_ignored() {
    let mut app = writing_own_view();
    app.update(Msg::Key(KeyEvent::new_with_kind(
        KeyCode::Char('x'),
        KeyModifiers::NONE,
        KeyEventKind::Release,
    )));
    assert!(app.attempt().unwrap().own_view.is_empty());
}

fn side_by_side_with_long_texts() -> App {
    let mut app = writing_own_view();
    let long = (0..200)
        .map(|i| format!("line {i}"))
        .collect::<Vec<_>>()
        .join("\n");
    app.update(Msg::Paste(long.clone()));
    app.update(ctrl_msg('n'));
    app.update(Msg::Paste(format!("{long}\n{long}")));
    to_side_by_side(&mut app);
    app
}

#[test]
fn side_by_side_scrolls_together_then_one_column_alone() {
    let mut app = side_by_side_with_long_texts();
    drawn(&mut app);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Down);
    assert_eq!(
        (app.exercise.columns.left, app.exercise.columns.right),
        (2, 2)
    );
    press(&mut app, KeyCode::Tab);
    assert_eq!(app.exercise.columns.scrolling, Scrolling::Left);
    press(&mut app, KeyCode::Down);
    assert_eq!(
        (app.exercise.columns.left, app.exercise.columns.right),
        (3, 2)
    );
    press(&mut app, KeyCode::Tab);
    assert_eq!(app.exercise.columns.scrolling, Scrolling::Right);
    press(&mut app, KeyCode::End);
    drawn(&mut app);
    assert!(
        app.exercise.columns.right > 200,
        "the longer column reaches its end"
    );
    press(&mut app, KeyCode::Tab);
    assert_eq!(app.exercise.columns.scrolling, Scrolling::Together);
    press(&mut app, KeyCode::Home);
    assert_eq!(
        (app.exercise.columns.left, app.exercise.columns.right),
        (0, 0)
    );
    press(&mut app, KeyCode::End);
    drawn(&mut app);
    let (left, right) = (app.exercise.columns.left, app.exercise.columns.right);
    assert!(
        left < right,
        "each column stops at its own end: {left} {right}"
    );
    press(&mut app, KeyCode::Down);
    assert_eq!(
        (app.exercise.columns.left, app.exercise.columns.right),
        (left, right)
    );
}

#[test]
fn scrolling_stops_at_the_limits_of_the_last_frame_of_the_same_view() {
    let mut app = side_by_side_with_long_texts();
    // No frame yet shows the side by side: End goes as far as it can, and the
    // frame shows the end.
    press(&mut app, KeyCode::End);
    assert_eq!(app.exercise.columns.left, usize::MAX);
    drawn(&mut app);
    let (left, right) = app.viewport.columns;
    assert!(0 < left && left < right, "{left} {right}");
    assert_eq!(
        (app.exercise.columns.left, app.exercise.columns.right),
        (left, right),
        "the frame's limits bring the scroll back within them"
    );
    press(&mut app, KeyCode::Up);
    assert_eq!(
        app.exercise.columns.left,
        left - 1,
        "one key up moves one row"
    );
    // A frame of another view says nothing about this one.
    let mut other = app.viewport;
    other.view.as_mut().unwrap().screen = Screen::Library;
    other.columns = (0, 0);
    app.update(Msg::Viewport(other));
    assert_eq!(app.exercise.columns.left, left - 1);
}

#[test]
fn time_and_serials_come_from_messages_not_from_the_machine() {
    let at = |t: &str| t.parse::<jiff::Timestamp>().unwrap();
    let mut first = app();
    let mut second = app();
    for app in [&mut first, &mut second] {
        app.update(Msg::Clock(at("2026-03-01T08:00:00Z")));
        to_own_view(app);
        type_text(app, "hello");
        app.update(Msg::Clock(at("2026-03-01T08:05:00Z")));
    }
    let job = |app: &mut App| match first_save(app.update(Msg::AutosaveDue)) {
        Some(job) => job,
        None => panic!("nothing to save"),
    };
    let (a, b) = (job(&mut first), job(&mut second));
    assert_eq!(a.entry.started, at("2026-03-01T08:00:00Z"));
    assert_eq!(a.entry.saved, at("2026-03-01T08:05:00Z"));
    // Serials are unique within one app, and each app counts its own.
    assert_eq!((a.attempt, b.attempt), (1, 1));
}

/// A finished entry or a draft of `exercise_id`, started and last saved at `at`.
fn listed(exercise_id: &str, status: Status, at: &str) -> Listed {
    let at: jiff::Timestamp = at.parse().unwrap();
    Listed::Entry(Summary {
        path: format!("/journal/{exercise_id}/{at}.toml").into(),
        exercise_id: exercise_id.into(),
        exercise_title: format!("Title of {exercise_id}"),
        partner: "Karim".into(),
        started: at,
        saved: at,
        status,
        step: Step::PartnerView,
        words: 3,
        completed: None,
        distress_before: None,
        distress_after: None,
        try_next: String::new(),
    })
}

/// The screen shows `at_14`, as at UTC+14, and not `at_utc`, the same time at UTC.
#[track_caller]
fn shown(app: &App, at_14: &str, at_utc: &str) {
    let screen = render(app);
    assert!(screen.contains(at_14), "{at_14:?} at UTC+14:\n{screen}");
    assert!(!screen.contains(at_utc), "{at_utc:?} is UTC:\n{screen}");
}

#[test]
fn dates_and_times_are_shown_in_the_zone_the_app_is_told() {
    // Kiritimati's UTC+14: fourteen hours ahead, so most dates there are the next
    // day's. The program tells the app the zone before the journal, as here.
    let mut app = app();
    app.update(Msg::Zone(TimeZone::fixed(tz::offset(14))));
    app.update(Msg::Journal(vec![
        listed("can-we-talk", Status::Draft, "2026-11-27T20:00:00Z"),
        listed("the-offer", Status::Complete, "2026-11-20T12:00:00Z"),
    ]));
    // The library's status column: the day the exercise was last finished.
    shown(&app, "done ×1 Nov 21", "done ×1 Nov 20");
    // The question whether to continue the draft: when it was saved.
    assert_eq!(app.selected_exercise().unwrap().id, "can-we-talk");
    press(&mut app, KeyCode::Enter);
    shown(&app, "Nov 28, 10:00", "Nov 27, 20:00");
    // "saved" in the footer, at the app's clock (14:02:11 UTC).
    press(&mut app, KeyCode::Char('n'));
    scenario_to_own_view(&mut app);
    type_text(&mut app, "mine");
    let effects = app.update(ctrl_msg('s'));
    saved(&mut app, &effects);
    shown(&app, "saved 04:02:11", "saved 14:02:11");
    // An exercise finished in this run: the day it was finished, here the next day.
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "offer");
    press(&mut app, KeyCode::Enter);
    scenario_to_own_view(&mut app);
    type_text(&mut app, "mine");
    app.update(ctrl_msg('n'));
    partner_view_to_reflection(&mut app);
    let effects = finish(&mut app);
    saved(&mut app, &effects);
    press(&mut app, KeyCode::Enter);
    shown(&app, "done ×2 Nov 29", "done ×2 Nov 28");
    // The history: when each entry was started, and which one a delete would remove.
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('h'));
    app.update(Msg::Journal(vec![
        listed("can-we-talk", Status::Draft, "2026-11-27T20:00:00Z"),
        listed("the-offer", Status::Complete, "2026-11-20T12:00:00Z"),
    ]));
    assert_eq!(app.screen, Screen::History);
    shown(&app, "Nov 28, 10:00", "Nov 27, 20:00");
    shown(&app, "Nov 21, 02:00", "Nov 20, 12:00");
    press(&mut app, KeyCode::Char('d'));
    shown(&app, "— Nov 28, 10:00", "— Nov 27, 20:00");
}

fn first_save(effects: Vec<Effect>) -> Option<two_worlds::app::SaveJob> {
    effects.into_iter().find_map(|effect| match effect {
        Effect::Save(job) => Some(*job),
        _ => None,
    })
}

#[test]
fn resize_is_remembered_and_too_small_is_known() {
    let mut app = app();
    app.update(Msg::Resize(39, 20));
    assert!(app.too_small());
    app.update(Msg::Resize(40, 12));
    assert!(!app.too_small());
}

#[test]
fn a_user_exercise_without_partner_uses_your_partner() {
    let parsed = exercise::parse(
        b"title = \"T\"\nscenario = \"S.\"\n",
        Origin::File("t.toml".into()),
    );
    let library = Library {
        exercises: vec![parsed.exercise.unwrap()],
        ..Library::default()
    };
    let mut app = app_with(library, 80, 24);
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.attempt().unwrap().exercise.partner, "your partner");
}

#[test]
fn keys_rebound_as_data_change_what_a_key_does_and_what_the_footer_says() {
    use two_worlds::keymap::{Command, Key, Keymap};
    // What a settings file would hold: a command's name and a key's name.
    let mut keys = Keymap::default();
    let command: Command = "next".parse().unwrap();
    let key: Key = "Ctrl+J".parse().unwrap();
    keys.rebind(command, key).unwrap();
    let mut app = app().with_keys(keys);
    press(&mut app, KeyCode::Enter);
    app.update(ctrl_msg('j'));
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.screen, Screen::Exercise(Step::OwnView));
    type_text(&mut app, "mine");
    app.update(ctrl_msg('n'));
    assert_eq!(
        app.screen,
        Screen::Exercise(Step::OwnView),
        "Ctrl+N is free now"
    );
    app.update(ctrl_msg('j'));
    assert_eq!(app.screen, Screen::Exercise(Step::PartnerView));
    let footer = render(&app);
    let footer = footer.lines().rev().find(|l| !l.is_empty()).unwrap();
    assert!(footer.contains("Ctrl+J next"), "{footer}");
    assert!(!footer.contains("Ctrl+N"), "{footer}");
}

#[test]
fn a_page_is_what_the_last_frame_showed_less_one_row() {
    // An entry's reflection at 80×24: a box of a few rows, far fewer than the
    // terminal's height less the frame, which pages used to move by.
    let mut app = app_with(builtin_library(), 80, 24);
    let mut entry = two_worlds::journal::Entry::new(
        "can-we-talk",
        "Can we talk about it?",
        "Karim",
        "…",
        app.now,
    );
    entry.reflection = (0..40)
        .map(|i| two_worlds::journal::Answer {
            question: format!("Question {i}?"),
            answer: "An answer.".into(),
        })
        .collect();
    app.update(Msg::EntryRead(Ok(entry)));
    // `Tab` past the two columns to the reflection, which the page keys then move.
    for _ in 0..3 {
        press(&mut app, KeyCode::Tab);
    }
    assert!(app.history.reading.as_ref().unwrap().on_reflection);
    drawn(&mut app);
    let rows = app.viewport.page_rows;
    assert!(
        rows > 1 && rows + 5 < usize::from(app.height),
        "{:?}",
        app.viewport
    );
    let scroll = |app: &App| app.history.reading.as_ref().unwrap().scroll;
    press(&mut app, KeyCode::PageDown);
    assert_eq!(scroll(&app), rows - 1, "one row stays in view");
    press(&mut app, KeyCode::PageUp);
    assert_eq!(scroll(&app), 0);
}

#[test]
fn a_letter_is_echoed_ahead_only_at_the_end_of_a_line_with_nothing_over_the_editor() {
    use ratatui::crossterm::event::KeyEvent;
    let key = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
    let mut app = app();
    assert_eq!(app.echo_of(&key('a')), None, "the library types nothing");
    to_own_view(&mut app);
    assert_eq!(app.echo_of(&key('a')), Some('a'));
    assert_eq!(app.echo_of(&key(' ')), Some(' '));
    assert_eq!(app.echo_of(&key('é')), None, "ASCII only");
    type_text(&mut app, "ab");
    press(&mut app, KeyCode::Left);
    assert_eq!(app.echo_of(&key('x')), None, "not in the middle of a line");
    press(&mut app, KeyCode::End);
    assert_eq!(app.echo_of(&key('x')), Some('x'));
    press(&mut app, KeyCode::F(1));
    assert_eq!(app.echo_of(&key('x')), None, "not under a window");
}
