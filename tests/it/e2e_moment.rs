//! End to end: a moment of one's own, from `n` in the library to a scenario file that
//! passes `check`, and `e` handing a scenario file to the user's editor and back.

use std::path::{Path, PathBuf};

use crate::common::mode;
use crate::common::pty::{self, Key, Term, has};
use crate::common::sandbox::Sandbox;

const NAME: &str = "Sam";
/// A title with what a file must escape: quotes and a backslash.
const TITLE: &str = r#"The "pan" \ on Sunday"#;

/// The library, drawn, with a row selected (the fixture exercises may be below
/// the fold: the built-in library is longer than the screen).
fn wait_for_library_screen(term: &mut Term) -> crate::common::pty::Screen {
    term.wait_for("the library, one row selected", |s| {
        has(s, "two-worlds  ·  Library") && crate::common::pty::selected_row(s).is_some()
    })
}
const HAPPENED: &str = "Sunday evening in the kitchen. I said: you left the pan again.";
const OWN: &str = "Je voulais de l'aide — naïve";
const THEIRS: &str = "Ich wollte es später tun";

/// The scenario files in the user's own folder.
fn own_files(sandbox: &Sandbox) -> Vec<PathBuf> {
    let dir = sandbox.data_dir().join("exercises");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|read| read.map(|e| e.unwrap().path()).collect())
        .unwrap_or_default();
    files.sort();
    files
}

/// `two-worlds check FILE` in the sandbox: its exit code and what it said.
fn check(sandbox: &Sandbox, file: &Path) -> (i32, String) {
    let run = sandbox.run(&["check", file.to_str().unwrap()]);
    (run.code, format!("{}{}", run.stdout, run.stderr))
}

/// Fills the form of a moment of one's own and completes it.
fn describe_moment(term: &mut Term) {
    term.press(Key::Char('n'));
    term.wait_for("the form", |s| {
        has(s, "A moment of your own") && has(s, "Your partner's name")
    });
    term.type_text(NAME);
    term.wait_for_text(NAME);
    term.press(Key::Enter);
    term.wait_for("the title field", |s| has(s, "▸ A title for this moment"));
    term.type_text(TITLE);
    term.wait_for_text(TITLE);
    term.press(Key::Ctrl('n'));
    term.wait_for("the last field", |s| has(s, "▸ What happened"));
    term.paste(HAPPENED);
    term.wait_for_text("you left the pan again.");
    term.press(Key::Ctrl('n'));
}

#[test]
fn a_moment_of_your_own_becomes_a_scenario_file_that_passes_check_and_goes_through_every_step() {
    let sandbox = Sandbox::new();
    let mut term = Term::start_in(&sandbox, 100, 30, &[]);
    wait_for_library_screen(&mut term);
    describe_moment(&mut term);
    term.wait_for("the own view of the new moment", |s| {
        has(s, "Your view") && has(s, TITLE) && has(s, "[Your view]")
    });

    let files = own_files(&sandbox);
    assert_eq!(files.len(), 1, "{files:?}");
    let file = &files[0];
    assert_eq!(
        file.file_name().unwrap(),
        "the-pan-on-sunday.toml",
        "an id made from the title"
    );
    assert_eq!(mode(file) & 0o777, 0o600);
    let (code, said) = check(&sandbox, file);
    assert_eq!(code, 0, "{said}");
    assert!(said.contains("0 errors, 0 warnings"), "{said}");
    let text = std::fs::read_to_string(file).unwrap();
    assert!(text.contains("format = 2"), "{text}");
    assert!(text.contains(HAPPENED), "{text}");

    // The usual steps follow, with the friend's view offered and declined.
    term.type_text(OWN);
    term.wait_for_text(OWN);
    term.press(Key::Ctrl('n'));
    term.wait_for("Sam's view", |s| has(s, "Sam's view"));
    term.type_text(THEIRS);
    term.wait_for_text(THEIRS);
    term.press(Key::Ctrl('n'));
    term.wait_for("the offer of a friend's view", |s| {
        has(s, "A friend's view") && has(s, "y yes")
    });
    term.press(Key::Enter);
    term.press(Key::Char('n'));
    term.wait_for("the side by side, the offer untouched by Enter", |s| {
        has(s, "The same moment, two worlds") && has(s, OWN) && has(s, THEIRS)
    });
    term.press(Key::Ctrl('n'));
    term.wait_for("the translation", |s| has(s, "Something Sam said or did"));
    term.press(Key::Ctrl('n'));
    term.wait_for("the second card", |s| has(s, "Something you said or did"));
    term.press(Key::Ctrl('n'));
    term.wait_for("the cycle", |s| {
        has(s, "When I ___, Sam ___, and then I ___.")
    });
    term.press(Key::Ctrl('n'));
    term.wait_for("the reflection", |s| has(s, "Reflection · question 1"));
    term.press(Key::Esc);
    let library = term.wait_for("the library with the moment in it", |s| {
        has(s, "Library") && has(s, TITLE)
    });
    assert!(has(&library, "draft"), "{}", library.contents());
    term.press(Key::Char('q'));
    term.wait_exit();

    // The entry names the new scenario; the name is offered next time.
    let entries = std::fs::read_dir(sandbox.entries_dir()).unwrap();
    let mut found = false;
    for dir in entries {
        for entry in std::fs::read_dir(dir.unwrap().path()).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            found |= text.contains("exercise_id = \"the-pan-on-sunday\"") && text.contains(OWN);
        }
    }
    assert!(found, "an entry of the new scenario with the own view");
    let mut term = Term::start_in(&sandbox, 100, 30, &[]);
    term.wait_for("the library", |s| has(s, "n your own"));
    term.press(Key::Char('n'));
    term.wait_for("the form, the name offered again", |s| {
        has(s, "▸ Your partner's name") && has(s, NAME)
    });
}

#[test]
fn the_form_keeps_what_was_typed_as_a_draft_and_asks_before_making_a_file() {
    let sandbox = Sandbox::new();
    let mut term = Term::start_in(&sandbox, 100, 30, &[]);
    wait_for_library_screen(&mut term);
    term.press(Key::Char('n'));
    term.wait_for("the form", |s| has(s, "▸ Your partner's name"));
    term.press(Key::Ctrl('n'));
    term.wait_for("the title field", |s| has(s, "▸ A title for this moment"));
    term.type_text("Half a title");
    term.wait_for_text("Half a title");
    term.press(Key::Ctrl('n'));
    term.press(Key::Ctrl('n'));
    term.wait_for("asked for what happened", |s| {
        has(s, "Write what happened first")
    });
    assert!(
        own_files(&sandbox).is_empty(),
        "no file before the form is done"
    );
    term.press(Key::Esc);
    wait_for_library_screen(&mut term);
    term.press(Key::Char('q'));
    term.wait_exit();

    let mut term = Term::start_in(&sandbox, 100, 30, &[]);
    wait_for_library_screen(&mut term);
    term.press(Key::Char('n'));
    term.wait_for("the draft offered", |s| has(s, "Continue?"));
    term.press(Key::Enter);
    term.wait_for("the form as it was left", |s| {
        has(s, "A moment of your own") && has(s, "Half a title")
    });
}

/// Makes a moment of one's own with the title `TITLE`, and goes back to the library
/// with it selected.
fn own_scenario_selected(sandbox: &Sandbox, term: &mut Term) {
    wait_for_library_screen(term);
    describe_moment(term);
    term.wait_for("the own view", |s| has(s, "[Your view]"));
    term.press(Key::Esc);
    term.wait_for("the library", |s| has(s, "Library") && has(s, TITLE));
    assert_eq!(own_files(sandbox).len(), 1);
}

#[test]
fn e_hands_the_file_to_the_editor_then_checks_and_reloads_it() {
    let sandbox = Sandbox::new();
    let script = crate::common::editor_script(
        &sandbox,
        r#"sed -i 's/^title = .*/title = "Edited by hand"/' "$1""#,
    );
    let visual = script.to_str().unwrap();
    let mut term = Term::start_in_env(&sandbox, 100, 30, &[], &[("VISUAL", visual)]);
    own_scenario_selected(&sandbox, &mut term);
    term.press(Key::Char('e'));
    let screen = term.wait_for("the library, reloaded", |s| {
        has(s, "Edited by hand")
            && pty::message_and_footer(s).contains("checked and reloaded: no problems")
    });
    assert!(!has(&screen, TITLE), "the old title is gone");
}

#[test]
fn an_edit_that_breaks_the_file_shows_where_and_a_missing_editor_changes_nothing() {
    let sandbox = Sandbox::new();
    let script = crate::common::editor_script(&sandbox, r#"sed -i 's/^id = .*/id = 3/' "$1""#);
    let visual = script.to_str().unwrap();
    let mut term = Term::start_in_env(&sandbox, 100, 30, &[], &[("VISUAL", visual)]);
    own_scenario_selected(&sandbox, &mut term);
    term.press(Key::Char('e'));
    let screen = term.wait_for("the problems, at once", |s| {
        has(s, "Problems in scenario files") && has(s, "the-pan-on-sunday.toml:")
    });
    assert!(has(&screen, "id"), "{}", screen.contents());

    let sandbox = Sandbox::new();
    let mut term = Term::start_in_env(
        &sandbox,
        100,
        30,
        &[],
        &[("VISUAL", "/nonexistent/editor --wait")],
    );
    own_scenario_selected(&sandbox, &mut term);
    let before = std::fs::read(&own_files(&sandbox)[0]).unwrap();
    term.press(Key::Char('e'));
    term.wait_for("a message, the library still there", |s| {
        has(s, "not edited: the editor did not start") && has(s, TITLE)
    });
    assert_eq!(std::fs::read(&own_files(&sandbox)[0]).unwrap(), before);
}
