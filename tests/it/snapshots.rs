//! Every screen drawn on ratatui's `TestBackend`, at 120×40 and 60×20, checked
//! against the committed snapshots in `tests/snapshots/`.

use std::path::PathBuf;

use jiff::Timestamp;
use ratatui::crossterm::event::KeyCode;
use two_worlds::app::{App, Msg};
use two_worlds::exercise::{Problem, Severity};
use two_worlds::journal::{Entry, Listed, Status, Step, Summary};

use crate::common::app::{
    app_at, builtin_library, paste, press, press_ctrl, render, screen_and_cursor, skip_translation,
    to_own_view, to_reflection, to_side_by_side,
};

const SIZES: [(u16, u16); 2] = [(120, 40), (60, 20)];

/// Where the snapshots are, named without the module's path.
pub(crate) fn snapshot_settings() -> insta::Settings {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("../snapshots");
    settings.set_prepend_module_to_snapshot(false);
    settings
}

/// Checks one screen at both sizes; `setup` drives a fresh app to it.
pub(crate) fn snapshot_at_both_sizes(name: &str, setup: impl Fn(&mut App)) {
    for (width, height) in SIZES {
        let mut app = app_at(width, height);
        setup(&mut app);
        let mut settings = snapshot_settings();
        // Dates and times stand in for themselves: a snapshot is about the layout.
        // Which zone they are shown in is `app::dates_and_times_are_shown_in_the_zone_the_app_is_told`.
        settings.add_filter(r"[A-Z][a-z]{2} \d{1,2}, \d{2}:\d{2}", "[date time]");
        settings.add_filter(r"\d{2}:\d{2}:\d{2}", "[time]");
        settings.bind(|| {
            insta::assert_snapshot!(format!("{name}_{width}x{height}"), screen_and_cursor(&app));
        });
    }
}

const OWN: &str = "I asked if we could talk about Friday, and I meant it gently. When he went quiet I felt the old panic: that I am too much, that he is already gone.\n\nJe voulais seulement comprendre — 日本語 too.";
const THEIRS: &str = "I knew I had messed up with my brother before she said a word. Every answer I tried sounded wrong in my head, so I said the only true thing: I need a minute.";

pub(crate) fn both_views(app: &mut App) {
    to_own_view(app);
    paste(app, OWN);
    press_ctrl(app, 'n');
    paste(app, THEIRS);
    to_side_by_side(app);
}

#[test]
fn library_screen() {
    snapshot_at_both_sizes("library", |_| {});
}

#[test]
fn library_filtering() {
    snapshot_at_both_sizes("library_filtering", |app| {
        press(app, KeyCode::Char('/'));
        for c in "tal".chars() {
            press(app, KeyCode::Char(c));
        }
    });
}

#[test]
fn library_with_problems_and_the_problem_list() {
    let with_problems = |app: &mut App| {
        app.library.problems.push(Problem {
            file: "my-scenarios/late.toml".into(),
            position: Some((3, 1)),
            severity: Severity::Error,
            message: "unknown key `sumary`; did you mean `summary`?".into(),
        });
    };
    snapshot_at_both_sizes("library_problems", with_problems);
    snapshot_at_both_sizes("problems_overlay", |app| {
        with_problems(app);
        press(app, KeyCode::Char('!'));
    });
}

#[test]
fn scenario() {
    snapshot_at_both_sizes("scenario", |app| {
        press(app, KeyCode::Enter);
    });
}

#[test]
fn own_view() {
    snapshot_at_both_sizes("own_view", |app| {
        to_own_view(app);
        paste(app, OWN);
    });
}

#[test]
fn own_view_hints_hidden() {
    snapshot_at_both_sizes("own_view_hints_hidden", |app| {
        to_own_view(app);
        press_ctrl(app, 't');
    });
}

#[test]
fn partner_view_and_peek() {
    let partner = |app: &mut App| {
        to_own_view(app);
        paste(app, OWN);
        press_ctrl(app, 'n');
        paste(app, THEIRS);
    };
    snapshot_at_both_sizes("partner_view", partner);
    snapshot_at_both_sizes("peek", |app| {
        partner(app);
        press_ctrl(app, 'o');
    });
}

#[test]
fn side_by_side() {
    snapshot_at_both_sizes("side_by_side", both_views);
    snapshot_at_both_sizes("side_by_side_one_column", |app| {
        both_views(app);
        press(app, KeyCode::Tab);
    });
}

#[test]
fn reflection_and_finished() {
    snapshot_at_both_sizes("reflection", |app| {
        both_views(app);
        to_reflection(app);
        paste(app, "Someone who stays in the room a little longer.");
    });
    snapshot_at_both_sizes("finished", |app| {
        both_views(app);
        to_reflection(app);
        paste(app, "Someone who stays.");
        while app.screen == two_worlds::app::Screen::Exercise(Step::Reflection) {
            press_ctrl(app, 'n');
            if app.overlay.is_some() {
                press(app, KeyCode::Enter);
            }
        }
    });
}

#[test]
fn help_overlays() {
    snapshot_at_both_sizes("help_library", |app| {
        press(app, KeyCode::Char('?'));
    });
    snapshot_at_both_sizes("help_writing", |app| {
        to_own_view(app);
        press(app, KeyCode::F(1));
    });
}

fn summary(id: &str, title: &str, started: &str, status: Status, words: usize) -> Listed {
    let started: Timestamp = started.parse().unwrap();
    Listed::Entry(Summary {
        path: PathBuf::from(format!("/journal/entries/{id}/x.toml")),
        exercise_id: id.into(),
        exercise_title: title.into(),
        partner: "Karim".into(),
        started,
        saved: started,
        status,
        step: Step::Reflection,
        words,
        completed: None,
        distress_before: None,
        distress_after: None,
        try_next: String::new(),
    })
}

fn journal() -> Vec<Listed> {
    vec![
        summary(
            "can-we-talk",
            "Can we talk about it?",
            "2026-11-28T09:00:00Z",
            Status::Draft,
            120,
        ),
        summary(
            "the-offer",
            "The offer",
            "2026-11-20T20:30:00Z",
            Status::Complete,
            845,
        ),
        Listed::Unreadable {
            path: PathBuf::from("/journal/entries/late-again/20261101T100000Z.toml"),
            reason: "the file ends in the middle (line 12)".into(),
        },
    ]
}

#[test]
fn library_status_column_and_resume_question() {
    snapshot_at_both_sizes("library_with_journal", |app| {
        app.update(Msg::Journal(journal()));
    });
    snapshot_at_both_sizes("resume_question", |app| {
        app.update(Msg::Journal(journal()));
        press(app, KeyCode::Enter);
    });
}

#[test]
fn history_and_reading() {
    snapshot_at_both_sizes("history", |app| {
        press(app, KeyCode::Char('h'));
        app.update(Msg::Journal(journal()));
    });
    snapshot_at_both_sizes("reading", |app| {
        press(app, KeyCode::Char('h'));
        app.update(Msg::Journal(journal()));
        let library = builtin_library();
        let exercise = library.get("can-we-talk").unwrap();
        let mut entry = Entry::new(
            &exercise.id,
            &exercise.title,
            &exercise.partner,
            &exercise.scenario,
            app.now,
        );
        entry.own_view = OWN.into();
        entry.partner_view = THEIRS.into();
        entry.reflection = vec![two_worlds::journal::Answer {
            question: exercise.reflection[0].clone(),
            answer: "That it was fear, not coldness.".into(),
        }];
        app.update(Msg::EntryRead(Ok(entry)));
    });
    snapshot_at_both_sizes("delete_question", |app| {
        press(app, KeyCode::Char('h'));
        app.update(Msg::Journal(journal()));
        press(app, KeyCode::Char('d'));
    });
}

#[test]
fn too_small() {
    let mut app = app_at(30, 10);
    app.update(Msg::Resize(30, 10));
    snapshot_settings()
        .bind(|| insta::assert_snapshot!("too_small_30x10", screen_and_cursor(&app)));
}

/// The header's trail at 120×40, the size the screens are made for: on every step of
/// every built-in exercise, it names the step on screen.
#[test]
#[ignore = "bug: src/ui/mod.rs draw_header drops the whole trail when it does not fit; \
            with \"Friend's view\" and \"Translation\" the trail takes 99 columns, so at \
            120 columns it is gone from the scenario, both views and the offer of every \
            built-in exercise (title over 5 characters), and from the later steps of \
            those with a title over 21"]
fn the_trail_names_the_step_on_screen_at_120_columns() {
    use two_worlds::app::Screen;
    let mut missing = Vec::new();
    for (index, exercise) in builtin_library().exercises.iter().enumerate() {
        let mut app = app_at(120, 40);
        app.library_screen.selected = index;
        let mut check = |app: &App, name: &str| {
            let screen = render(app);
            let header = screen.lines().next().unwrap_or_default();
            if !header.contains(&format!("[{name}]")) {
                missing.push(format!("{} · {name}: {header:?}", exercise.id));
            }
        };
        press(&mut app, KeyCode::Enter);
        assert_eq!(app.attempt().unwrap().exercise.id, exercise.id);
        check(&app, "Scenario");
        press(&mut app, KeyCode::Enter);
        check(&app, "Your view");
        press_ctrl(&mut app, 'n');
        check(&app, "Their view");
        press_ctrl(&mut app, 'n');
        check(&app, "Friend's view");
        press(&mut app, KeyCode::Char('n'));
        check(&app, "Side by side");
        press_ctrl(&mut app, 'n');
        check(&app, "Translation");
        skip_translation(&mut app);
        assert_eq!(app.screen, Screen::Exercise(Step::Reflection));
        check(&app, "Reflection");
    }
    assert!(missing.is_empty(), "no trail:\n{}", missing.join("\n"));
}
