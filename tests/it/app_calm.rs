//! Care for the person at the keyboard, through `update()` and on screen: the calm
//! check before writing and at the end, the note and the break a high number leads
//! to, the follow-up on last time's line to try, a scenario's care note and its
//! mirror, and the history's chart of the ratings.

use std::path::PathBuf;

use jiff::{SignedDuration, Timestamp};
use ratatui::crossterm::event::KeyCode;
use two_worlds::app::{App, Effect, Msg, Overlay, Question, Screen, Step};
use two_worlds::calm::{Break, Resume, When};
use two_worlds::journal::{Listed, Status, Summary};
use two_worlds::keymap::Context;

use crate::common::app::{
    NOW, app, app_on_builtin, draw, last_question_to_finish_question, partner_view_to_reflection,
    press, press_ctrl, render, scenario_to_own_view, to_own_view, type_text,
};
use crate::snapshots::snapshot_at_both_sizes;

/// From the library: the own view written ("mine"), the partner's left empty, on
/// to the first reflection question.
fn mine_then_reflection(app: &mut App) {
    to_own_view(app);
    type_text(app, "mine");
    press_ctrl(app, 'n');
    partner_view_to_reflection(app);
}

fn now() -> Timestamp {
    NOW.parse().unwrap()
}

/// From the library: the first exercise's scenario, `Enter`: the calm check.
fn at_the_calm_check(app: &mut App) {
    press(app, KeyCode::Enter);
    press(app, KeyCode::Enter);
    assert_eq!(app.context(), Context::Calm);
}

fn choice(app: &App) -> Option<u8> {
    match &app.overlay {
        Some(Overlay::Calm(check)) => check.choice,
        other => panic!("the calm check is not on screen: {other:?}"),
    }
}

#[test]
fn the_calm_check_comes_before_writing_and_its_number_is_kept() {
    let mut app = app();
    at_the_calm_check(&mut app);
    assert_eq!(choice(&app), None);
    assert_eq!(app.screen, Screen::Exercise(Step::Scenario));
    press(&mut app, KeyCode::Char('4'));
    assert_eq!(choice(&app), Some(4));
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Right);
    assert_eq!(choice(&app), Some(6));
    press(&mut app, KeyCode::Left);
    assert_eq!(choice(&app), Some(5));
    // Letters are not numbers, and nothing is typed anywhere.
    press(&mut app, KeyCode::Char('x'));
    assert_eq!(choice(&app), Some(5));
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.screen, Screen::Exercise(Step::OwnView));
    assert_eq!(app.overlay, None);
    let attempt = app.attempt().unwrap();
    assert_eq!(attempt.distress.before, Some(5));
    assert!(attempt.own_view.is_empty());
    // Back to the scenario and on again: it is not asked twice.
    press_ctrl(&mut app, 'p');
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.screen, Screen::Exercise(Step::OwnView));
}

#[test]
fn one_then_zero_quickly_is_ten_and_slowly_is_zero() {
    let mut app = app();
    at_the_calm_check(&mut app);
    press(&mut app, KeyCode::Char('1'));
    app.update(Msg::Clock(now() + SignedDuration::from_millis(400)));
    press(&mut app, KeyCode::Char('0'));
    assert_eq!(choice(&app), Some(10));
    press(&mut app, KeyCode::Char('1'));
    app.update(Msg::Clock(now() + SignedDuration::from_secs(5)));
    press(&mut app, KeyCode::Char('0'));
    assert_eq!(choice(&app), Some(0));
}

#[test]
fn enter_with_nothing_chosen_skips_and_esc_stays_on_the_scenario() {
    let mut app = app();
    at_the_calm_check(&mut app);
    press(&mut app, KeyCode::Esc);
    assert_eq!(
        (app.screen, app.overlay.clone()),
        (Screen::Exercise(Step::Scenario), None)
    );
    // Asked again, since it was not answered; skipped this time.
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.context(), Context::Calm);
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.screen, Screen::Exercise(Step::OwnView));
    assert_eq!(app.attempt().unwrap().distress.before, None);
}

#[test]
fn a_rating_alone_is_not_something_typed() {
    let mut app = app();
    at_the_calm_check(&mut app);
    press(&mut app, KeyCode::Char('3'));
    press(&mut app, KeyCode::Enter);
    assert!(!app.attempt().unwrap().has_text());
    let effects = press(&mut app, KeyCode::Esc);
    assert!(
        !effects.iter().any(|e| matches!(e, Effect::Save(_))),
        "{effects:?}"
    );
    assert!(!app.has_unsaved());
}

#[test]
fn seven_or_more_offers_a_break_and_the_break_keeps_the_text_and_asks_again() {
    let mut app = app();
    at_the_calm_check(&mut app);
    press(&mut app, KeyCode::Char('8'));
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.context(), Context::CalmNote);
    let note = render(&app);
    assert!(note.contains("very hard to see anyone"), "{note}");
    assert!(note.contains("b take a break"), "{note}");
    press(&mut app, KeyCode::Char('b'));
    let Some(Overlay::Break(pause)) = app.overlay.clone() else {
        panic!("a break: {:?}", app.overlay);
    };
    assert_eq!(pause, Break::starting(now(), Resume::Writing));
    assert!(render(&app).contains("20 minutes left"));
    // The program asks to be woken when the shown minute changes, not before.
    assert_eq!(app.wake_at(), Some(now() + SignedDuration::from_mins(1)));
    app.update(Msg::Clock(now() + SignedDuration::from_secs(61)));
    app.update(Msg::Tick);
    assert!(render(&app).contains("19 minutes left"));
    assert_eq!(app.wake_at(), Some(now() + SignedDuration::from_mins(2)));
    // At the end, the same question again; its number goes with the breaks.
    app.update(Msg::Clock(now() + SignedDuration::from_mins(20)));
    app.update(Msg::Tick);
    assert_eq!(app.context(), Context::Calm);
    assert_eq!(app.wake_at(), None);
    assert!(render(&app).contains("Welcome back."));
    press(&mut app, KeyCode::Char('4'));
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.screen, Screen::Exercise(Step::OwnView));
    let attempt = app.attempt().unwrap();
    assert_eq!(attempt.distress.before, Some(8));
    assert_eq!(attempt.distress.breaks, vec![4]);
}

#[test]
fn any_key_ends_a_break_but_hide_and_force_quit_keep_their_meaning() {
    let mut app = app();
    to_own_view(&mut app);
    type_text(&mut app, "kept through the break");
    // A break at the end of the exercise, as the calm check after it would offer.
    app.overlay = Some(Overlay::Break(Break::starting(now(), Resume::Finishing)));
    press_ctrl(&mut app, 'g');
    assert!(app.hidden);
    press(&mut app, KeyCode::Char('x'));
    assert!(!app.hidden);
    assert!(
        matches!(app.overlay, Some(Overlay::Break(_))),
        "still a break"
    );
    press(&mut app, KeyCode::Char('x'));
    assert_eq!(app.context(), Context::Calm);
    assert!(matches!(
        app.overlay,
        Some(Overlay::Calm(check)) if check.when == When::AfterBreak(Resume::Finishing)
    ));
    assert_eq!(
        app.attempt().unwrap().own_view.text(),
        "kept through the break"
    );
    app.overlay = Some(Overlay::Break(Break::starting(now(), Resume::Writing)));
    assert!(
        press_ctrl(&mut app, 'c')
            .iter()
            .any(|e| matches!(e, Effect::Quit | Effect::Save(_)))
    );
}

#[test]
fn below_the_threshold_there_is_no_note_and_the_threshold_is_a_remembered_choice() {
    let mut app = app();
    at_the_calm_check(&mut app);
    press(&mut app, KeyCode::Char('6'));
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.screen, Screen::Exercise(Step::OwnView));
    assert_eq!(two_worlds::app::Prefs::default().calm_threshold, 7);
    let prefs = two_worlds::app::Prefs {
        calm_threshold: 5,
        ..Default::default()
    };
    let mut app = crate::common::app::app().with_prefs(prefs);
    at_the_calm_check(&mut app);
    press(&mut app, KeyCode::Char('5'));
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.context(), Context::CalmNote);
    // Going on without a break.
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.screen, Screen::Exercise(Step::OwnView));
}

#[test]
fn at_the_end_the_line_to_try_then_the_calm_check_then_the_finish_question() {
    let mut app = app();
    mine_then_reflection(&mut app);
    let questions = app.attempt().unwrap().answers.len();
    for _ in 1..questions {
        press_ctrl(&mut app, 'n');
    }
    press_ctrl(&mut app, 'n');
    assert!(app.attempt().unwrap().on_try_next());
    assert!(render(&app).contains("One thing I'll try next time"));
    type_text(&mut app, "Say I need ten minutes, and come back.");
    // Enter on the one line finishes too (asking first), after the calm check.
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.context(), Context::Calm);
    press(&mut app, KeyCode::Char('2'));
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.overlay, Some(Overlay::Ask(Question::Finish)));
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.screen, Screen::Exercise(Step::Finished));
    let entry = app.attempt().unwrap().to_entry(now());
    assert_eq!(entry.try_next, "Say I need ten minutes, and come back.");
    assert_eq!(entry.distress_after, Some(2));
    assert!(render(&app).contains("Say I need ten minutes"));
}

#[test]
fn a_high_number_at_the_end_offers_a_break_before_finishing() {
    let mut app = app();
    mine_then_reflection(&mut app);
    while !app.on_last_question() {
        press_ctrl(&mut app, 'n');
    }
    press_ctrl(&mut app, 'n');
    press(&mut app, KeyCode::Char('9'));
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.context(), Context::CalmNote);
    press(&mut app, KeyCode::Char('b'));
    press(&mut app, KeyCode::Char(' '));
    press(&mut app, KeyCode::Char('3'));
    press(&mut app, KeyCode::Enter);
    // The finish question, after the break: nothing was finished meanwhile.
    assert_eq!(app.overlay, Some(Overlay::Ask(Question::Finish)));
    let attempt = app.attempt().unwrap();
    assert!(!attempt.complete);
    assert_eq!(
        (attempt.distress.after, attempt.distress.breaks.clone()),
        (Some(9), vec![3])
    );
}

/// A finished entry of `exercise_id`, finished at `at`, with `try_next`.
fn finished(exercise_id: &str, at: &str, try_next: &str) -> Listed {
    let at: Timestamp = at.parse().unwrap();
    Listed::Entry(Summary {
        path: PathBuf::from(format!("/journal/{exercise_id}/{at}.toml")),
        exercise_id: exercise_id.into(),
        exercise_title: format!("Title of {exercise_id}"),
        partner: "Karim".into(),
        started: at,
        saved: at,
        completed: Some(at),
        status: Status::Complete,
        step: Step::Finished,
        words: 12,
        distress_before: Some(7),
        distress_after: Some(4),
        try_next: try_next.into(),
    })
}

#[test]
fn last_times_line_is_asked_about_once_before_the_next_scenario() {
    let mut app = app();
    app.update(Msg::Journal(vec![finished(
        "the-offer",
        "2026-11-20T20:00:00Z",
        "Ask before I assume.",
    )]));
    let effects = press(&mut app, KeyCode::Enter);
    assert_eq!(app.screen, Screen::Exercise(Step::FollowUp));
    let shown = render(&app);
    assert!(shown.contains("Last time you wrote:"), "{shown}");
    assert!(shown.contains("“Ask before I assume.”"), "{shown}");
    assert!(shown.contains("How did it go?"), "{shown}");
    // Remembered at once, so it is shown once, even if the program stops now.
    let remembered = effects.iter().find_map(|e| match e {
        Effect::RememberPrefs(prefs) => prefs.follow_up_asked,
        _ => None,
    });
    assert_eq!(remembered, Some("2026-11-20T20:00:00Z".parse().unwrap()));
    type_text(&mut app, "Better the second time.");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.screen, Screen::Exercise(Step::Scenario));
    let entry = app.attempt().unwrap().to_entry(now());
    let follow_up = entry.follow_up.unwrap();
    assert_eq!(follow_up.tried, "Ask before I assume.");
    assert_eq!(follow_up.answer, "Better the second time.");
    // A new attempt at another exercise: not asked again.
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.screen, Screen::Exercise(Step::Scenario));
}

#[test]
fn esc_skips_the_follow_up_and_old_or_empty_lines_are_not_asked_about() {
    let mut app = app();
    app.update(Msg::Journal(vec![finished(
        "the-offer",
        "2026-11-20T20:00:00Z",
        "Ask first.",
    )]));
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.screen, Screen::Exercise(Step::FollowUp));
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.screen, Screen::Exercise(Step::Scenario));
    assert!(!app.attempt().unwrap().has_text());
    // Finished more than 30 days ago.
    let mut app = crate::common::app::app();
    app.update(Msg::Journal(vec![finished(
        "the-offer",
        "2026-10-20T20:00:00Z",
        "Ask first.",
    )]));
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.screen, Screen::Exercise(Step::Scenario));
    // The newest finished entry has no line: an older one's is not dug up.
    let mut app = crate::common::app::app();
    app.update(Msg::Journal(vec![
        finished("the-offer", "2026-11-27T20:00:00Z", ""),
        finished("late-again", "2026-11-20T20:00:00Z", "Ask first."),
    ]));
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.screen, Screen::Exercise(Step::Scenario));
    // Already asked about, on an earlier run.
    let prefs = two_worlds::app::Prefs {
        follow_up_asked: Some("2026-11-20T20:00:00Z".parse().unwrap()),
        ..Default::default()
    };
    let mut app = crate::common::app::app().with_prefs(prefs);
    app.update(Msg::Journal(vec![finished(
        "the-offer",
        "2026-11-20T20:00:00Z",
        "Ask first.",
    )]));
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.screen, Screen::Exercise(Step::Scenario));
}

#[test]
fn a_care_note_comes_first_and_going_back_starts_nothing() {
    let mut app = app_on_builtin("can-we-talk", |e| {
        e.care = Some("This one touches a loss. Stop whenever you need to.".into());
    });
    press(&mut app, KeyCode::Enter);
    assert!(matches!(
        app.overlay,
        Some(Overlay::Ask(Question::Care { .. }))
    ));
    let shown = render(&app);
    assert!(shown.contains("This one touches a loss."), "{shown}");
    assert!(shown.contains("Enter go on"), "{shown}");
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.screen, Screen::Library);
    assert!(app.exercise.attempts.is_empty(), "nothing was started");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('n'));
    assert_eq!(app.screen, Screen::Library);
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.screen, Screen::Exercise(Step::Scenario));
    scenario_to_own_view(&mut app);
}

#[test]
fn a_mirror_is_offered_when_finished_and_o_opens_it() {
    let library = crate::common::app::builtin_library();
    let mut first = library.get("can-we-talk").unwrap().clone();
    let mut second = library.get("five-minutes").unwrap().clone();
    first.mirror = Some(second.id.clone());
    second.mirror = Some(first.id.clone());
    let library = two_worlds::exercise::Library {
        exercises: vec![first, second],
        ..Default::default()
    };
    let mut app = crate::common::app::app_with(library, 120, 40);
    mine_then_reflection(&mut app);
    last_question_to_finish_question_from_anywhere(&mut app);
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.screen, Screen::Exercise(Step::Finished));
    let shown = render(&app);
    assert!(shown.contains("Now from the other side"), "{shown}");
    assert!(shown.contains("o other side"), "{shown}");
    press(&mut app, KeyCode::Char('o'));
    assert_eq!(app.screen, Screen::Exercise(Step::Scenario));
    assert_eq!(app.attempt().unwrap().exercise.id, "five-minutes");
}

/// From any reflection question: on to the last field and the finish question.
fn last_question_to_finish_question_from_anywhere(app: &mut App) {
    while app
        .attempt()
        .is_some_and(|a| a.question + 1 < a.answers.len())
    {
        press_ctrl(app, 'n');
    }
    last_question_to_finish_question(app);
    assert_eq!(app.overlay, Some(Overlay::Ask(Question::Finish)));
}

#[test]
fn without_a_mirror_the_finished_screen_does_not_offer_one() {
    let mut app = app_on_builtin("five-minutes", |e| assert_eq!(e.mirror, None));
    mine_then_reflection(&mut app);
    last_question_to_finish_question_from_anywhere(&mut app);
    press(&mut app, KeyCode::Enter);
    let shown = render(&app);
    assert!(!shown.contains("other side"), "{shown}");
    press(&mut app, KeyCode::Char('o'));
    assert_eq!(app.screen, Screen::Exercise(Step::Finished));
}

// Screens.

#[test]
fn screens_of_the_calm_check_the_note_and_the_break() {
    snapshot_at_both_sizes("calm_check_before", at_the_calm_check);
    snapshot_at_both_sizes("calm_check_chosen", |app| {
        at_the_calm_check(app);
        press(app, KeyCode::Char('8'));
    });
    snapshot_at_both_sizes("calm_note", |app| {
        at_the_calm_check(app);
        press(app, KeyCode::Char('8'));
        press(app, KeyCode::Enter);
    });
    snapshot_at_both_sizes("calm_break", |app| {
        at_the_calm_check(app);
        press(app, KeyCode::Char('8'));
        press(app, KeyCode::Enter);
        press(app, KeyCode::Char('b'));
        app.update(Msg::Clock(now() + SignedDuration::from_secs(7 * 60 + 5)));
    });
    snapshot_at_both_sizes("calm_after_break", |app| {
        at_the_calm_check(app);
        press(app, KeyCode::Char('8'));
        press(app, KeyCode::Enter);
        press(app, KeyCode::Char('b'));
        press(app, KeyCode::Char(' '));
    });
}

#[test]
fn screens_of_the_follow_up_and_the_line_to_try() {
    snapshot_at_both_sizes("follow_up", |app| {
        app.update(Msg::Journal(vec![finished(
            "the-offer",
            "2026-11-20T20:00:00Z",
            "Tell him when I need a minute, instead of walking out.",
        )]));
        press(app, KeyCode::Enter);
        type_text(app, "I did it once. It helped.");
    });
    snapshot_at_both_sizes("try_next", |app| {
        mine_then_reflection(app);
        while !app.on_last_question() {
            press_ctrl(app, 'n');
        }
        type_text(app, "Ask what he needs before I follow him.");
    });
}

/// Entries with ratings, newest first as the journal lists them.
fn rated_journal() -> Vec<Listed> {
    let ratings = [
        (Some(9), Some(6)),
        (Some(8), Some(8)),
        (Some(7), None),
        (None, Some(3)),
        (Some(6), Some(2)),
        (Some(10), Some(5)),
    ];
    let mut listed: Vec<Listed> = ratings
        .iter()
        .enumerate()
        .map(|(day, (before, after))| {
            let at: Timestamp = format!("2026-11-{:02}T20:00:00Z", day + 10)
                .parse()
                .unwrap();
            Listed::Entry(Summary {
                path: PathBuf::from(format!("/journal/x/{day}.toml")),
                exercise_id: "can-we-talk".into(),
                exercise_title: "Can we talk about it?".into(),
                partner: "Karim".into(),
                started: at,
                saved: at,
                completed: Some(at),
                status: Status::Complete,
                step: Step::Finished,
                words: 100 + day,
                distress_before: *before,
                distress_after: *after,
                try_next: String::new(),
            })
        })
        .collect();
    listed.reverse();
    listed
}

#[test]
fn the_history_shows_both_numbers_and_a_chart_that_reads_without_colour() {
    snapshot_at_both_sizes("history_with_ratings", |app| {
        press(app, KeyCode::Char('h'));
        app.update(Msg::Journal(rated_journal()));
    });
    // Without colour: the same characters, and no cell coloured.
    let mut app = crate::common::app::app().with_color(false);
    press(&mut app, KeyCode::Char('h'));
    app.update(Msg::Journal(rated_journal()));
    let buffer = draw(&app);
    assert!(
        buffer
            .content()
            .iter()
            .all(|cell| cell.fg == ratatui::style::Color::Reset
                && cell.bg == ratatui::style::Color::Reset),
        "no colour under NO_COLOR"
    );
    let shown = render(&app);
    assert!(shown.contains("10 → 5"), "{shown}");
    assert!(shown.contains("7 → ·"), "{shown}");
    assert!(shown.contains("before, after"), "{shown}");
    assert!(shown.contains('█'), "{shown}");
}

#[test]
fn the_chart_draws_each_number_at_its_height_and_keeps_the_newest_that_fit() {
    use two_worlds::ui::history::chart;
    let lines = chart(&[(Some(10), Some(0)), (None, Some(5))], 80);
    // Caption, five rows of bars, the baseline, the legend.
    assert_eq!(lines.len(), 8, "{lines:#?}");
    let bars: Vec<Vec<char>> = lines[1..6]
        .iter()
        .map(|l| format!("{l:<12}").chars().skip(4).collect())
        .collect();
    // 10 fills every row of its column; 0 leaves its column empty.
    assert!(bars.iter().all(|row| row[0] == '█'), "{lines:#?}");
    assert!(bars.iter().all(|row| row.get(1).is_none_or(|c| *c == ' ')));
    // 5 fills two and a half rows; a skipped number is a dot on the baseline.
    let fifth: Vec<char> = bars.iter().map(|row| row[4]).collect();
    assert_eq!(fifth, [' ', ' ', '▄', '█', '█'], "{lines:#?}");
    assert_eq!(bars[4][3], '·');
    // Narrow: only the newest pairs that fit.
    let many: Vec<_> = (0..50).map(|n| (Some(n % 11), Some(1))).collect();
    let narrow = chart(&many, 40);
    assert!(
        narrow
            .iter()
            .all(|l| unicode_width::UnicodeWidthStr::width(l.as_str()) <= 40)
    );
    assert!(narrow.last().unwrap().contains("newest"));
}

#[test]
fn the_break_is_quiet_and_a_resize_or_tiny_terminal_keeps_it() {
    let mut app = app();
    at_the_calm_check(&mut app);
    press(&mut app, KeyCode::Char('9'));
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('b'));
    app.update(Msg::Resize(30, 10));
    assert!(render(&app).contains("needs more room"));
    // A key on a tiny screen does nothing, not even ending the break.
    press(&mut app, KeyCode::Char('x'));
    assert!(matches!(app.overlay, Some(Overlay::Break(_))));
    app.update(Msg::Resize(80, 24));
    let shown = render(&app);
    assert!(shown.contains("A quiet break"), "{shown}");
    assert!(!shown.contains("Ctrl+N"), "no footer: {shown}");
}

#[test]
fn the_preview_of_a_scenario_with_care_shows_the_note_is_coming_not_the_text() {
    let mut app = app_on_builtin("can-we-talk", |e| {
        e.care = Some("A loss.".into());
    });
    let shown = render(&app);
    assert!(
        shown.contains("This one touches something tender."),
        "{shown}"
    );
    assert!(!shown.contains("It is Sunday"), "{shown}");
    let mut plain = app_on_builtin("can-we-talk", |_| {});
    assert!(render(&plain).contains("It is Sunday"));
    // Opening it shows the note, not the scenario.
    press(&mut app, KeyCode::Enter);
    assert!(!render(&app).contains("It is Sunday"));
    press(&mut plain, KeyCode::Enter);
    assert!(render(&plain).contains("It is Sunday"));
}

#[test]
fn esc_leaves_the_finished_screen_and_ctrl_o_closes_the_peek_it_opened() {
    let mut app = app();
    mine_then_reflection(&mut app);
    press_ctrl(&mut app, 'o');
    assert_eq!(app.overlay, Some(Overlay::Peek));
    press_ctrl(&mut app, 'o');
    assert_eq!(app.overlay, None);
    last_question_to_finish_question_from_anywhere(&mut app);
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.screen, Screen::Exercise(Step::Finished));
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.screen, Screen::Library);
}

#[test]
fn ctrl_e_hands_the_text_out_and_what_comes_back_is_one_undoable_change() {
    let mut app = app();
    to_own_view(&mut app);
    type_text(&mut app, "first words");
    let effects = press_ctrl(&mut app, 'e');
    let [Effect::EditText { view, text }] = effects.as_slice() else {
        panic!("{effects:?}");
    };
    assert_eq!(text, "first words");
    let view = *view;
    app.update(Msg::TextEdited {
        view,
        result: Ok("first words,\nthen more from vim".into()),
    });
    assert_eq!(
        app.attempt().unwrap().own_view.text(),
        "first words,\nthen more from vim"
    );
    assert!(app.footer_message().unwrap().contains("Ctrl+Z undoes it"));
    press_ctrl(&mut app, 'z');
    assert_eq!(app.attempt().unwrap().own_view.text(), "first words");
    // A failed editor, or a screen that moved on, changes nothing.
    app.update(Msg::TextEdited {
        view,
        result: Err("the editor exited with code 3".into()),
    });
    assert_eq!(app.attempt().unwrap().own_view.text(), "first words");
    assert_eq!(
        app.footer_message().as_deref(),
        Some("nothing changed: the editor exited with code 3")
    );
    press_ctrl(&mut app, 'n');
    app.update(Msg::TextEdited {
        view,
        result: Ok("elsewhere".into()),
    });
    assert!(app.attempt().unwrap().partner_view.is_empty());
    assert_eq!(app.attempt().unwrap().own_view.text(), "first words");
    // Where nothing is being written, Ctrl+E does nothing.
    press(&mut app, KeyCode::Esc);
    assert!(press_ctrl(&mut app, 'e').is_empty());
}

#[test]
fn the_filter_puts_title_matches_before_tag_matches() {
    let library = crate::common::app::builtin_library();
    let mut tagged = library.get("can-we-talk").unwrap().clone();
    tagged.tags.push("soup".into());
    let mut titled = library.get("five-minutes").unwrap().clone();
    titled.title = "Soup on Sunday".into();
    let library = two_worlds::exercise::Library {
        exercises: vec![tagged, titled],
        ..Default::default()
    };
    let mut app = crate::common::app::app_with(library, 120, 40);
    assert_eq!(app.visible(), vec![0, 1], "no filter: library order");
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "SOUP");
    assert_eq!(app.visible(), vec![1, 0], "the title match first");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.attempt().unwrap().exercise.title, "Soup on Sunday");
}

#[test]
fn r_reads_the_scenario_files_again_and_keeps_the_row() {
    use two_worlds::exercise::{self, Sources};
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("mine.toml");
    std::fs::write(&file, "title = \"Before\"\nscenario = \"S.\"\n").unwrap();
    let sources = Sources {
        builtin: true,
        user_dir: None,
        extra: vec![dir.path().to_path_buf()],
    };
    let mut app = crate::common::app::app_with(exercise::load(&sources), 120, 40)
        .with_sources(sources.clone());
    press(&mut app, KeyCode::End);
    assert_eq!(app.selected_exercise().unwrap().title, "Before");
    std::fs::write(&file, "title = \"After\"\nscenario = \"S.\"\n").unwrap();
    let effects = press(&mut app, KeyCode::Char('r'));
    assert_eq!(effects, vec![Effect::ReloadLibrary(sources.clone())]);
    app.update(Msg::LibraryReloaded(exercise::load(&sources)));
    assert_eq!(app.selected_exercise().unwrap().title, "After");
    assert!(
        app.footer_message().unwrap().starts_with("read again: "),
        "{:?}",
        app.footer_message()
    );
    // Without sources (a library given whole), `r` does nothing.
    let mut plain = crate::common::app::app();
    assert!(press(&mut plain, KeyCode::Char('r')).is_empty());
}

#[test]
fn hints_hidden_in_one_exercise_stay_shown_in_the_others() {
    let mut app = app();
    to_own_view(&mut app);
    press_ctrl(&mut app, 't');
    assert!(!app.show_hints());
    assert!(render(&app).contains("hints hidden"));
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Down);
    to_own_view(&mut app);
    assert!(app.show_hints(), "another exercise: hints shown");
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Up);
    press(&mut app, KeyCode::Enter);
    assert!(!app.show_hints(), "the first: still hidden");
    press_ctrl(&mut app, 't');
    assert!(app.show_hints());
}

#[test]
fn an_entry_read_back_scrolls_its_columns_to_the_last_word_and_tab_cycles() {
    use two_worlds::journal::Entry;
    let mut app = crate::common::app::app_at(80, 24);
    press(&mut app, KeyCode::Char('h'));
    let mut entry = Entry::new("can-we-talk", "Can we talk?", "Karim", "S.", now());
    let long: String = (1..=640).map(|n| format!("w{n} ")).collect();
    entry.own_view = format!("{long}LASTWORD");
    entry.partner_view = "Short.".into();
    app.update(Msg::EntryRead(Ok(entry)));
    crate::common::app::drawn(&mut app);
    assert!(
        !render(&app).contains("LASTWORD"),
        "a long view is cut at first"
    );
    press(&mut app, KeyCode::End);
    crate::common::app::drawn(&mut app);
    assert!(render(&app).contains("LASTWORD"), "{}", render(&app));
    let reading = |app: &App| {
        let r = app.history.reading.as_ref().unwrap();
        (r.columns.scrolling, r.on_reflection)
    };
    use two_worlds::app::Scrolling;
    assert_eq!(reading(&app), (Scrolling::Together, false));
    press(&mut app, KeyCode::Tab);
    assert_eq!(reading(&app), (Scrolling::Left, false));
    press(&mut app, KeyCode::Tab);
    assert_eq!(reading(&app), (Scrolling::Right, false));
    press(&mut app, KeyCode::Tab);
    assert!(reading(&app).1);
    assert!(render(&app).contains("(scrolling)"));
    press(&mut app, KeyCode::Tab);
    assert_eq!(reading(&app), (Scrolling::Together, false));
}

#[test]
fn cut_text_says_there_is_more_and_where() {
    let mut app = crate::common::app::app_at(80, 24);
    to_own_view(&mut app);
    let long: String = (1..=400).map(|n| format!("w{n} ")).collect();
    crate::common::app::paste(&mut app, &long);
    press_ctrl(&mut app, 'n');
    crate::common::app::paste(&mut app, "Short.");
    crate::common::app::to_side_by_side(&mut app);
    crate::common::app::drawn(&mut app);
    let shown = render(&app);
    assert_eq!(shown.matches("↓ more below").count(), 1, "{shown}");
    press(&mut app, KeyCode::End);
    crate::common::app::drawn(&mut app);
    let shown = render(&app);
    assert!(
        shown.contains("↑ more above") && !shown.contains("↓ more below"),
        "{shown}"
    );
    press(&mut app, KeyCode::Up);
    crate::common::app::drawn(&mut app);
    assert!(render(&app).contains("↑↓ more above and below"));
}

#[test]
fn the_problems_window_names_the_check_that_sees_what_the_program_loaded() {
    use two_worlds::exercise::Sources;
    let app = crate::common::app::app();
    assert_eq!(app.check_command(), "two-worlds check");
    let app = crate::common::app::app().with_sources(Sources {
        builtin: true,
        user_dir: None,
        extra: vec!["my scenarios".into(), "one.toml".into()],
    });
    assert_eq!(
        app.check_command(),
        "two-worlds check --exercises 'my scenarios' --exercises one.toml"
    );
}

#[test]
fn deleting_an_entry_then_asks_about_the_exports_two_worlds_wrote_of_it() {
    use std::path::PathBuf;
    let mut app = app();
    press(&mut app, KeyCode::Char('h'));
    let export = PathBuf::from("/data/exports/can-we-talk-20261128T140211Z.md");
    app.update(Msg::Deleted(Ok((
        PathBuf::from("/data/entries/can-we-talk/20261128T140211Z.toml"),
        vec![export.clone()],
    ))));
    assert_eq!(
        app.overlay,
        Some(Overlay::Ask(Question::DeleteExports {
            files: vec![export.clone()]
        }))
    );
    let shown = render(&app);
    assert!(shown.contains("can-we-talk-20261128T140211Z.md"), "{shown}");
    assert_eq!(
        press(&mut app, KeyCode::Enter),
        vec![Effect::DeleteExports(vec![export.clone()])]
    );
    app.update(Msg::ExportsDeleted(Ok(1)));
    assert_eq!(
        app.footer_message().as_deref(),
        Some("entry deleted, and 1 export")
    );
    // No exports: no second question; `n` keeps them.
    app.update(Msg::Deleted(Ok((PathBuf::from("/x.toml"), Vec::new()))));
    assert_eq!(app.overlay, None);
    app.update(Msg::Deleted(Ok((PathBuf::from("/x.toml"), vec![export]))));
    assert!(press(&mut app, KeyCode::Char('n')).is_empty());
    assert_eq!(
        app.footer_message().as_deref(),
        Some("entry deleted; its exports are kept")
    );
}
