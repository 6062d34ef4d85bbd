//! Untrusted text on every screen of the full-screen program: a hand-edited entry,
//! a scenario built with hostile fields, a hostile file name in a message. No cell
//! may hold a control character or a bidi embedding or override, and what they were
//! is shown as a visible escape, never silently dropped.

use std::path::PathBuf;

use jiff::Timestamp;
use ratatui::crossterm::event::KeyCode;
use two_worlds::app::{App, Msg, Screen};
use two_worlds::exercise::own::DRAFT_ID;
use two_worlds::exercise::{Exercise, Library, Origin, ViewPrompt};
use two_worlds::journal::{Answer, Entry, Listed, Status, Step, Summary};
use two_worlds::translation::{Card, Cycle, Speaker};

use crate::common::app::{app_with, buffer_text, draw, press, press_ctrl};
use crate::common::is_unsafe;

/// Every attack from the issue: OSC 52, a clear screen, OSC 0 / OSC 8, BEL, NUL, C1
/// CSI, DEL, a right-to-left override and an embedding.
const HOSTILE: &str = "A\u{1b}]52;c;aGVsbG8=\u{7}B\u{1b}[2J\u{1b}]0;owned\u{7}\u{1b}]8;;x\u{7}\u{0}\u{9b}\u{7f}\u{202e}Z\u{202a}";

/// Draws the app and checks every cell; returns the screen as text.
fn screen(app: &App) -> String {
    let buffer = draw(app);
    for y in 0..buffer.area.height {
        for x in 0..buffer.area.width {
            let symbol = buffer[(x, y)].symbol();
            assert!(
                !symbol.chars().any(is_unsafe),
                "cell ({x},{y}) holds {symbol:?} on {:?}",
                app.screen
            );
        }
    }
    buffer_text(&buffer)
}

fn hostile_exercise() -> Exercise {
    Exercise {
        id: "hostile".into(),
        title: format!("T{HOSTILE}"),
        summary: format!("S{HOSTILE}"),
        scenario: format!("Scenario {HOSTILE}\n\nMore {HOSTILE}"),
        tags: vec![format!("tag{HOSTILE}")],
        partner: format!("P{HOSTILE}"),
        own_view: ViewPrompt {
            prompt: format!("Prompt {HOSTILE}"),
            hints: vec![format!("Hint {HOSTILE}")],
        },
        partner_view: ViewPrompt {
            prompt: format!("Prompt {HOSTILE}"),
            hints: vec![format!("Hint {HOSTILE}")],
        },
        reflection: vec![format!("Question {HOSTILE}")],
        moments: Vec::new(),
        lenses: Vec::new(),
        care: None,
        mirror: None,
        origin: Origin::File(PathBuf::from(format!("/x/{HOSTILE}.toml"))),
    }
}

fn hostile_entry() -> Entry {
    let started: Timestamp = "2026-11-28T09:00:00Z".parse().unwrap();
    let mut entry = Entry::new(
        "hostile",
        &format!("T{HOSTILE}"),
        &format!("P{HOSTILE}"),
        &format!("Scenario {HOSTILE}"),
        started,
    );
    entry.own_view = format!("Own {HOSTILE}");
    entry.partner_view = format!("Partner {HOSTILE}");
    entry.reflection = vec![Answer {
        question: format!("Question {HOSTILE}"),
        answer: format!("Answer {HOSTILE}"),
    }];
    entry.status = Status::Complete;
    entry.step = Step::Finished;
    entry
}

/// On the translation step: checks the screen at every field, typing a letter into
/// each so that no card or cycle is passed whole; on the reflection.
fn through_every_translation_field(app: &mut App) {
    assert_eq!(app.screen, Screen::Exercise(Step::Translation));
    let fields = app.attempt().unwrap().fields().len();
    for field in 0..fields {
        assert_eq!(app.attempt().unwrap().field, field);
        press(app, KeyCode::Char('x'));
        screen(app);
        press_ctrl(app, 'n');
    }
}

/// An app whose only exercise is [`hostile_exercise`].
fn hostile_app(width: u16, height: u16) -> App {
    let library = Library {
        exercises: vec![hostile_exercise()],
        problems: Vec::new(),
        files_checked: 1,
        ..Library::default()
    };
    app_with(library, width, height)
}

#[test]
fn no_screen_shows_a_control_or_bidi_character_and_each_is_shown_escaped() {
    for (width, height) in [(120, 40), (60, 20)] {
        let mut app = hostile_app(width, height);
        let library = screen(&app);
        assert!(library.contains("\\u{1b}"), "{library}");
        assert!(library.contains("\\u{202e}"), "{library}");
        // The scenario, both writing steps with the hostile prompts, the side by side.
        press(&mut app, KeyCode::Enter);
        assert_eq!(app.screen, Screen::Exercise(Step::Scenario));
        assert!(screen(&app).contains("\\u{9b}"));
        // The views, the offer of a friend's view and the friend's view itself.
        for step in [Step::OwnView, Step::PartnerView, Step::Observer] {
            press_ctrl(&mut app, 'n');
            if step == Step::OwnView {
                // The calm check, drawn over the hostile scenario, then skipped.
                screen(&app);
                press(&mut app, KeyCode::Enter);
            }
            assert_eq!(app.screen, Screen::Exercise(step));
            screen(&app);
        }
        press(&mut app, KeyCode::Char('y'));
        assert_eq!(app.screen, Screen::Exercise(Step::Observer));
        screen(&app);
        press_ctrl(&mut app, 'n');
        assert_eq!(app.screen, Screen::Exercise(Step::SideBySide));
        screen(&app);
        // Every field of the translation, each labelled with the partner's name.
        press_ctrl(&mut app, 'n');
        through_every_translation_field(&mut app);
        assert_eq!(app.screen, Screen::Exercise(Step::Reflection));
        screen(&app);
        // A resumed hand-edited draft: its texts go into the editors.
        app.update(Msg::DraftLoaded {
            id: "hostile".into(),
            result: Ok((PathBuf::from("/j/hostile/x.toml"), {
                let mut draft = hostile_entry();
                draft.status = Status::Draft;
                draft.step = Step::SideBySide;
                draft.cards = vec![
                    Card {
                        by: Speaker::Partner,
                        quote: format!("Given {HOSTILE}"),
                        given: true,
                        meant: format!("Meant {HOSTILE}"),
                        heard: format!("Heard {HOSTILE}"),
                    },
                    Card {
                        by: Speaker::You,
                        quote: format!("Mine {HOSTILE}"),
                        given: false,
                        meant: format!("Meant {HOSTILE}"),
                        heard: format!("Heard {HOSTILE}"),
                    },
                ];
                draft.cycle = Cycle {
                    when_i: format!("When {HOSTILE}"),
                    partner: format!("They {HOSTILE}"),
                    then_i: format!("Then {HOSTILE}"),
                };
                draft
            })),
        });
        assert_eq!(app.screen, Screen::Exercise(Step::SideBySide));
        screen(&app);
        // Its hand-edited cards and cycle.
        press_ctrl(&mut app, 'n');
        let translation = screen(&app);
        assert!(translation.contains("\\u{1b}"), "{translation}");
        through_every_translation_field(&mut app);
        assert_eq!(app.screen, Screen::Exercise(Step::Reflection));
        // A hand-edited draft of a moment of one's own: its texts go into the form.
        app.update(Msg::DraftLoaded {
            id: DRAFT_ID.into(),
            result: Ok((PathBuf::from("/j/_moment/x.toml"), {
                let mut draft = Entry::new(
                    DRAFT_ID,
                    &format!("T{HOSTILE}"),
                    &format!("P{HOSTILE}"),
                    &format!("Happened {HOSTILE}"),
                    app.now,
                );
                draft.step = Step::Moment;
                draft
            })),
        });
        assert_eq!(app.screen, Screen::Exercise(Step::Moment));
        for _ in 0..3 {
            let form = screen(&app);
            assert!(form.contains("\\u{1b}"), "{form}");
            press_ctrl(&mut app, 'n');
        }
        // The history and an entry read from it.
        let listed = vec![
            Listed::Entry(Summary {
                path: PathBuf::from(format!("/j/hostile/{HOSTILE}.toml")),
                exercise_id: format!("id{HOSTILE}"),
                exercise_title: format!("T{HOSTILE}"),
                partner: format!("P{HOSTILE}"),
                started: app.now,
                saved: app.now,
                status: Status::Complete,
                step: Step::Finished,
                words: 3,
                completed: None,
                distress_before: None,
                distress_after: None,
                try_next: String::new(),
            }),
            Listed::Unreadable {
                path: PathBuf::from(format!("/j/hostile/{HOSTILE}.toml")),
                reason: format!("reason {HOSTILE}"),
            },
        ];
        press(&mut app, KeyCode::Esc);
        press(&mut app, KeyCode::Char('h'));
        app.update(Msg::Journal(listed));
        assert_eq!(app.screen, Screen::History);
        let history = screen(&app);
        assert!(history.contains("\\u{1b}"), "{history}");
        app.update(Msg::EntryRead(Ok(hostile_entry())));
        assert_eq!(app.screen, Screen::Reading);
        let reading = screen(&app);
        // "Own" and the word too long for a row: that word starts a row of its own.
        assert!(
            reading.contains("│Own  ") && reading.contains("│A\\u{1b}]52"),
            "{reading}"
        );
        // Messages built from file names and reasons.
        app.update(Msg::Exported(Err(format!("cannot write {HOSTILE}"))));
        let footer = screen(&app);
        assert!(footer.contains("\\u{7}"), "{footer}");
    }
}

#[test]
fn the_problems_overlay_shows_hostile_file_names_escaped() {
    let mut app = hostile_app(120, 40);
    app.library.problems.push(two_worlds::exercise::Problem {
        file: format!("/x/{HOSTILE}.toml"),
        position: Some((1, 1)),
        severity: two_worlds::exercise::Severity::Error,
        message: format!("unknown key `{HOSTILE}`"),
    });
    let library = screen(&app);
    assert!(library.contains("problem"), "{library}");
    press(&mut app, KeyCode::Char('!'));
    let problems = screen(&app);
    assert!(problems.contains("\\u{1b}"), "{problems}");
}
