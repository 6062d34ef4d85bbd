//! `update()` on the side by side and after it: marks, the gentle observations, the
//! friend's view, the finished screen, and scenario files handed to an editor.

use std::path::PathBuf;

use ratatui::crossterm::event::KeyCode;
use two_worlds::app::{App, Effect, Msg, Overlay, Question, Screen, Scrolling, Step};
use two_worlds::exercise::{self, Origin};
use two_worlds::keymap::Context;
use two_worlds::translation::Speaker;

use crate::common::app::{
    app, app_at, ask_to_finish, drawn, paste, press, press_ctrl, render, skip_translation,
    to_own_view, to_side_by_side,
};

const OWN: &str = "I asked about Friday. I meant it gently, and I felt alone.";
const THEIRS: &str = "I knew I had messed up. I needed a minute, and I was tired.";

/// Both views written, the friend's view declined: the side by side.
fn both_views_side_by_side(app: &mut App) {
    to_own_view(app);
    paste(app, OWN);
    press_ctrl(app, 'n');
    paste(app, THEIRS);
    to_side_by_side(app);
}

fn marks(app: &App) -> (String, String) {
    let marks = &app.attempt().unwrap().marks;
    (marks.own.clone(), marks.partner.clone())
}

#[test]
fn m_asks_for_a_column_then_marks_a_sentence_and_enter_on_it_again_takes_it_away() {
    let mut app = app();
    both_views_side_by_side(&mut app);
    press(&mut app, KeyCode::Char('m'));
    assert_eq!(app.context(), Context::Marking);
    assert_eq!(
        app.exercise.marking.unwrap().side,
        None,
        "both together: asks"
    );
    assert!(render(&app).contains("Mark a passage"));
    press(&mut app, KeyCode::Right);
    assert_eq!(app.exercise.marking.unwrap().side, Some(Speaker::Partner));
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Down);
    let effects = press(&mut app, KeyCode::Enter);
    assert!(
        effects.iter().any(|e| matches!(e, Effect::Save(_))),
        "a mark is saved like any change: {effects:?}"
    );
    assert_eq!(marks(&app).1, "I needed a minute, and I was tired.");
    assert_eq!(app.exercise.marking, None, "Enter marks and ends marking");
    assert_eq!(app.screen, Screen::Exercise(Step::SideBySide));
    assert!(render(&app).contains("★ marked"));
    let entry = app.attempt().unwrap().to_entry(app.now);
    assert_eq!(entry.marks.partner, "I needed a minute, and I was tired.");

    // Scrolling one column alone, `m` marks there at once.
    press(&mut app, KeyCode::Tab);
    assert_eq!(app.exercise.columns.scrolling, Scrolling::Left);
    press(&mut app, KeyCode::Char('m'));
    assert_eq!(app.exercise.marking.unwrap().side, Some(Speaker::You));
    press(&mut app, KeyCode::End);
    press(&mut app, KeyCode::Enter);
    assert_eq!(marks(&app).0, "I meant it gently, and I felt alone.");

    // `m` again starts at the mark; Enter there takes it away.
    press(&mut app, KeyCode::Char('m'));
    assert_eq!(app.exercise.marking.unwrap().sentence, 1);
    press(&mut app, KeyCode::Enter);
    assert_eq!(marks(&app).0, "");
    assert_eq!(app.flash.as_deref(), Some("Mark taken away."));
}

#[test]
fn esc_leaves_marking_but_not_the_side_by_side_and_an_empty_column_cannot_be_marked() {
    let mut app = app();
    to_own_view(&mut app);
    paste(&mut app, OWN);
    press_ctrl(&mut app, 'n');
    to_side_by_side(&mut app);
    press(&mut app, KeyCode::Char('m'));
    press(&mut app, KeyCode::Right);
    assert!(
        app.flash.as_deref().unwrap().contains("nothing written"),
        "{:?}",
        app.flash
    );
    assert_eq!(app.exercise.marking.unwrap().side, None);
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.exercise.marking, None);
    assert_eq!(app.screen, Screen::Exercise(Step::SideBySide));
    assert_eq!(marks(&app), (String::new(), String::new()));
}

#[test]
fn o_shows_what_the_words_say_and_is_remembered() {
    let mut app = app();
    both_views_side_by_side(&mut app);
    assert!(app.exercise.observations.is_empty(), "off until turned on");
    let effects = press(&mut app, KeyCode::Char('o'));
    assert!(app.prefs.observations);
    assert!(effects.contains(&Effect::RememberPrefs(app.prefs.clone())));
    let said = app.exercise.observations.join("\n");
    assert!(said.contains("alone"), "{said}");
    assert!(said.contains("tired"), "{said}");
    assert!(
        !said.chars().any(|c| c.is_ascii_digit()),
        "no numbers: {said}"
    );
    assert!(render(&app).contains("What the words say"));
    press(&mut app, KeyCode::Char('o'));
    assert!(!app.prefs.observations);
    assert!(!render(&app).contains("What the words say"));
}

/// Both views and the friend's view written: the side by side.
fn with_friend(width: u16) -> App {
    let mut app = app_at(width, 45);
    to_own_view(&mut app);
    paste(&mut app, OWN);
    press_ctrl(&mut app, 'n');
    paste(&mut app, THEIRS);
    press_ctrl(&mut app, 'n');
    press(&mut app, KeyCode::Char('y'));
    paste(
        &mut app,
        "Two tired people who both wanted the weekend back.",
    );
    press_ctrl(&mut app, 'n');
    assert_eq!(app.screen, Screen::Exercise(Step::SideBySide));
    app
}

#[test]
fn the_friends_view_is_a_third_column_when_wide_and_one_key_away_when_not() {
    let mut app = with_friend(160);
    assert!(app.three_columns());
    assert!(render(&app).contains("Two tired people"));
    for expected in [
        Scrolling::Left,
        Scrolling::Right,
        Scrolling::Third,
        Scrolling::Together,
    ] {
        press(&mut app, KeyCode::Tab);
        assert_eq!(app.exercise.columns.scrolling, expected);
    }

    let mut app = with_friend(120);
    assert!(!app.three_columns());
    assert!(!render(&app).contains("Two tired people"));
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    assert_eq!(
        app.exercise.columns.scrolling,
        Scrolling::Together,
        "two stops only"
    );
    press(&mut app, KeyCode::Char('f'));
    assert_eq!(app.overlay, Some(Overlay::Friend));
    assert!(render(&app).contains("Two tired people"));
}

#[test]
fn both_views_are_one_key_away_while_answering_and_the_finished_screen_scrolls() {
    let mut app = app_at(80, 24);
    both_views_side_by_side(&mut app);
    press_ctrl(&mut app, 'n');
    assert_eq!(app.screen, Screen::Exercise(Step::Translation));
    press_ctrl(&mut app, 'o');
    assert_eq!(app.overlay, Some(Overlay::Peek));
    let shown = render(&app);
    assert!(shown.contains("I asked about Friday") && shown.contains("I knew I had"));
    press(&mut app, KeyCode::Esc);
    skip_translation(&mut app);
    let questions = app.attempt().unwrap().answers.len();
    for n in 0..questions {
        paste(
            &mut app,
            &format!("Answer {n}.\n{}", "A line of thought.\n".repeat(12)),
        );
        press_ctrl(&mut app, 'n');
    }
    paste(&mut app, "Ask before I guess.");
    ask_to_finish(&mut app);
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.screen, Screen::Exercise(Step::Finished));
    drawn(&mut app);
    assert_eq!(app.exercise.scroll, 0);
    press(&mut app, KeyCode::End);
    assert!(app.exercise.scroll > 0, "a long finished screen scrolls");
    drawn(&mut app);
    assert!(render(&app).contains("How close did I get?"));
}

#[test]
fn e_offers_a_copy_of_a_built_in_and_opens_the_users_own_file() {
    let mut app = app();
    assert!(press(&mut app, KeyCode::Char('e')).is_empty());
    let Some(Overlay::Ask(Question::CopyBuiltin { id, file, .. })) = app.overlay.clone() else {
        panic!("a question first: {:?}", app.overlay);
    };
    assert_eq!(id, app.library.exercises[0].id);
    let effects = press(&mut app, KeyCode::Enter);
    let [
        Effect::CopyBuiltin {
            id: copied,
            file: from,
            taken,
        },
    ] = effects.as_slice()
    else {
        panic!("{effects:?}");
    };
    assert_eq!((copied, from), (&id, &file));
    assert_eq!(taken.len(), app.library.exercises.len());

    let mut app = app_with_own_scenario();
    press(&mut app, KeyCode::End);
    let effects = press(&mut app, KeyCode::Char('e'));
    assert_eq!(
        effects,
        vec![Effect::EditScenario {
            origin: Origin::Own(own_path()),
            path: own_path(),
        }]
    );
}

fn own_path() -> PathBuf {
    PathBuf::from("/data/exercises/mine.toml")
}

fn own_file(id_line: &str) -> exercise::Parsed {
    let text = format!("{id_line}\ntitle = \"Mine\"\nscenario = \"What happened.\"\n");
    exercise::parse(text.as_bytes(), Origin::Own(own_path()))
}

fn app_with_own_scenario() -> App {
    let mut app = app();
    let parsed = own_file("id = \"mine\"");
    app.library.reload_file(&Origin::Own(own_path()), parsed);
    assert!(app.library.get("mine").is_some());
    app
}

#[test]
fn a_file_back_from_the_editor_is_checked_and_reloaded_in_place() {
    let mut app = app_with_own_scenario();
    let before = app.library.exercises.len();
    let edited = own_file("id = \"mine\"\nsummary = \"Changed by hand.\"");
    app.update(Msg::ScenarioEdited {
        origin: Origin::Own(own_path()),
        editor: Ok(()),
        parsed: Some(edited),
    });
    assert_eq!(app.library.exercises.len(), before);
    assert_eq!(app.library.get("mine").unwrap().summary, "Changed by hand.");
    assert!(app.flash.as_deref().unwrap().contains("no problems"));
    assert_eq!(app.overlay, None);

    let broken = own_file("id = 3");
    app.update(Msg::ScenarioEdited {
        origin: Origin::Own(own_path()),
        editor: Ok(()),
        parsed: Some(broken),
    });
    assert!(app.library.get("mine").is_none(), "left out until fixed");
    assert_eq!(app.overlay, Some(Overlay::Problems), "the problems at once");
    assert!(
        app.library
            .problems
            .iter()
            .any(|p| p.file.ends_with("mine.toml") && p.position.is_some())
    );

    app.overlay = None;
    app.update(Msg::ScenarioEdited {
        origin: Origin::Own(own_path()),
        editor: Err("the editor did not start: no such file or folder".into()),
        parsed: None,
    });
    assert_eq!(
        app.flash.as_deref(),
        Some("not edited: the editor did not start: no such file or folder")
    );
    assert_eq!(app.overlay, None);
}

#[test]
fn the_users_word_lists_are_asked_for_once_when_first_needed_and_their_problems_shown() {
    let mut app = app().with_user_lexicon();
    both_views_side_by_side(&mut app);
    let effects = press(&mut app, KeyCode::Char('o'));
    assert!(effects.contains(&Effect::LoadLexicon), "{effects:?}");
    assert!(
        app.exercise.observations.is_empty(),
        "nothing until the lists are read"
    );
    let problem = exercise::Problem {
        file: "lexicon.toml".into(),
        position: Some((3, 1)),
        severity: exercise::Severity::Warning,
        message: "“sad” is listed twice".into(),
    };
    app.update(Msg::Lexicon {
        lexicon: two_worlds::observe::Lexicon::builtin(),
        problems: vec![problem.clone()],
    });
    assert!(app.exercise.observations.join(" ").contains("tired"));
    assert!(app.library.problems.contains(&problem));
    assert!(
        app.flash
            .as_deref()
            .unwrap()
            .contains("word lists have 1 problem")
    );
    press(&mut app, KeyCode::Char('o'));
    let effects = press(&mut app, KeyCode::Char('o'));
    assert!(!effects.contains(&Effect::LoadLexicon), "read once");
}
