//! The fixture exercise the journal's end-to-end tests share, "The borrowed
//! bicycle", and the steps they all take with it.

use std::fs;
use std::path::{Path, PathBuf};

use super::pty::{
    Key, Screen, Term, assert_terminal_restored, cursor, find, has, row_text, selected_row,
    wait_until,
};
use super::sandbox::Sandbox;
use super::{assert_mode, names_in};

pub const ID: &str = "borrowed-bicycle";
pub const TITLE: &str = "The borrowed bicycle";
pub const SCENARIO_TEXT: &str = "The bicycle came back with a flat tyre";

/// What the user writes: text outside ASCII, each unique on the screen and on disk.
pub const OWN: &str = "Je voulais parler — café, 日本語, naïve";
pub const PARTNER: &str = "Ich wollte helfen — Noor, über, Grüße";
pub const ANSWER: &str = "Je demanderais d’abord — déjà vu";

/// The terminal the tests start in.
pub const COLS: u16 = 120;
pub const ROWS: u16 = 40;

/// `<data-dir>/entries/borrowed-bicycle`.
pub fn exercise_dir(sandbox: &Sandbox) -> PathBuf {
    sandbox.entries_dir().join(ID)
}

/// From the library: the bicycle exercise, no draft to continue, to the own view.
pub fn open_fresh_own_view(term: &mut Term) {
    select_bicycle(term);
    term.press(Key::Enter);
    term.wait_for("the scenario, with no question first", |s| {
        has(s, SCENARIO_TEXT) && !has(s, "Continue?")
    });
    skip_calm_check(term);
    wait_for_empty_own_view(term);
}

/// Words only the line to try next time shows.
pub const TRY_NEXT: &str = "Before you finish";

/// On the reflection's last question: `Ctrl+N` to the line to try next time,
/// `Ctrl+N` again, and the calm check skipped; the caller waits for the question
/// whether to finish.
pub fn ask_to_finish(term: &mut Term) {
    term.press(Key::Ctrl('n'));
    term.wait_for_text(TRY_NEXT);
    term.press(Key::Ctrl('n'));
    term.wait_for_text(CALM_QUESTION);
    term.press(Key::Enter);
    term.wait_for_no_text(CALM_QUESTION);
}

/// The question of the calm check, on screen while it is asked.
pub const CALM_QUESTION: &str = "How stirred up are you right now?";

/// On the scenario: `Enter`, then waits for the calm check and skips it (`Enter`
/// with nothing chosen). The caller waits for the own view.
pub fn skip_calm_check(term: &mut Term) {
    term.press(Key::Enter);
    term.wait_for_text(CALM_QUESTION);
    term.press(Key::Enter);
    term.wait_for_no_text(CALM_QUESTION);
}

/// The words only the offer of a friend's view shows.
pub const FRIEND_OFFER: &str = "no, go on to the side by side";

/// After `Ctrl+N` from the partner's view: waits for the offer of a friend's view,
/// declines it (`n`) and waits for the side by side.
pub fn decline_friend_offer(term: &mut Term) -> Screen {
    term.wait_for("the offer of a friend's view", |s| {
        has(s, "A friend's view") && has(s, FRIEND_OFFER)
    });
    term.press(Key::Char('n'));
    term.wait_for("the side by side, after no to the friend's view", |s| {
        !has(s, FRIEND_OFFER) && has(s, " — as you imagine it")
    })
}

/// The heading of the translation step on screen ("Translation · line 1 of 2",
/// "Translation · the cycle"), if it is on screen.
pub fn translation_heading(screen: &Screen) -> Option<String> {
    let (row, _) = find(screen, "Translation · ")?;
    Some(row_text(screen, row).trim().to_string())
}

/// After `Ctrl+N` from the side by side: waits for the translation's first line,
/// then passes every card and the cycle, all left empty, with one `Ctrl+N` each,
/// waiting for the next one to show before pressing again. The caller waits for
/// the reflection.
pub fn skip_translation(term: &mut Term) {
    let mut screen = term.wait_for("the translation's first line", |s| {
        translation_heading(s).is_some_and(|h| h.starts_with("Translation · line 1 of "))
    });
    for _ in 0..20 {
        let heading = translation_heading(&screen).expect("a translation heading");
        term.press(Key::Ctrl('n'));
        if heading == "Translation · the cycle" {
            return;
        }
        screen = term.wait_for("the translation's next line, or its cycle", |s| {
            translation_heading(s).is_some_and(|h| h != heading)
        });
    }
    panic!("the translation never reached its cycle");
}

/// From the side by side: `Ctrl+N`, then the translation left empty. The caller
/// waits for the reflection.
pub fn through_translation(term: &mut Term) {
    term.press(Key::Ctrl('n'));
    skip_translation(term);
}

/// From the library, filters to the bicycle exercise (clearing any filter left from
/// before) and waits until it is the only row, selected. Returns that row's text.
pub fn select_bicycle(term: &mut Term) -> String {
    let screen = wait_for_library(term);
    // A filter left from an earlier visit: `/` would add to it, so Esc clears it first.
    // Only then: an Esc that changes nothing on the screen gives the next key nothing to
    // wait for, and an Esc not yet read when `/` arrives reads as Alt+/.
    if has(&screen, "/ bicy") {
        term.press(Key::Esc);
        term.wait_for_no_text("/ bicy");
    }
    term.type_text("/");
    term.wait_for("the filter's cursor after \"/ \"", |s| {
        cursor(s).is_some_and(|(row, col)| {
            let before: String = row_text(s, row).chars().take(usize::from(col)).collect();
            before.trim_start() == "/ "
        })
    });
    term.type_text("bicy");
    let screen = term.wait_for("the filter to leave the bicycle alone", |s| {
        has(s, "/ bicy")
            && !has(s, "Soup on Sunday")
            && selected_row(s).is_some_and(|(_, row)| row.contains(TITLE))
    });
    selected_row(&screen).unwrap().1
}

pub fn start(sandbox: &Sandbox) -> Term {
    Term::start_in(sandbox, COLS, ROWS, &[])
}

/// Starts the program on `sandbox` and writes `text` in the own view of a fresh
/// attempt at the bicycle exercise.
pub fn start_writing(sandbox: &Sandbox, text: &str) -> Term {
    let mut term = start(sandbox);
    open_fresh_own_view(&mut term);
    type_until_shown(&mut term, text);
    term
}

/// The own view's editor, empty.
pub fn wait_for_empty_own_view(term: &mut Term) -> Screen {
    term.wait_for("the own view's editor, empty", |s| {
        has(s, "Your view") && has(s, " You ") && has(s, " 0 words ")
    })
}

/// From the library: opens the history (`h`) and waits until the bicycle's draft is
/// the selected row. That screen.
pub fn open_history_at_the_draft(term: &mut Term) -> Screen {
    wait_for_library(term);
    term.type_text("h");
    term.wait_for("the journal with the draft selected", |s| {
        has(s, "Your journal")
            && selected_row(s).is_some_and(|(_, row)| row.contains(TITLE) && row.contains("draft"))
    })
}

pub fn wait_for_library(term: &mut Term) -> Screen {
    term.wait_for("the library, one row selected", |s| {
        has(s, "Library") && has(s, TITLE) && selected_row(s).is_some()
    })
}

/// Types into the editor on screen and waits until the text is drawn: by then the
/// program has taken every key.
pub fn type_until_shown(term: &mut Term, text: &str) {
    term.type_text(text);
    term.wait_for_text(text);
}

/// A file as TOML, read without two-worlds' own reader.
pub fn read_toml(path: &Path) -> toml::Table {
    let text = fs::read_to_string(path)
        .unwrap_or_else(|err| panic!("cannot read {}: {err}", path.display()));
    text.parse()
        .unwrap_or_else(|err| panic!("{} is not valid TOML: {err}\n{text}", path.display()))
}

pub fn field<'a>(entry: &'a toml::Table, key: &str) -> &'a str {
    entry
        .get(key)
        .and_then(toml::Value::as_str)
        .unwrap_or_else(|| panic!("no text field {key:?} in {entry:#?}"))
}

/// The entry files of the bicycle exercise, oldest name first.
pub fn entry_files(sandbox: &Sandbox) -> Vec<PathBuf> {
    let dir = exercise_dir(sandbox);
    if !dir.is_dir() {
        return Vec::new();
    }
    names_in(&dir)
        .into_iter()
        .filter(|name| !name.starts_with('.') && name.ends_with(".toml"))
        .map(|name| dir.join(name))
        .collect()
}

pub fn assert_no_temp_files(dir: &Path) {
    let names = names_in(dir);
    let temp: Vec<_> = names
        .iter()
        .filter(|n| n.starts_with('.') || n.ends_with(".tmp"))
        .collect();
    assert!(
        temp.is_empty(),
        "temporary files left in {}: {names:?}",
        dir.display()
    );
}

/// Entry files 0600, their folders 0700.
pub fn assert_private(sandbox: &Sandbox) {
    for dir in [sandbox.entries_dir(), exercise_dir(sandbox)] {
        assert_mode(&dir, 0o700);
    }
    for file in entry_files(sandbox) {
        assert_mode(&file, 0o600);
    }
}

/// After the program ended: `own_view` was saved cleanly. It is in the one entry of
/// the bicycle exercise, which is private with no temporary file beside it, and the
/// terminal is as the program found it.
#[track_caller]
pub fn assert_saved_cleanly(term: &Term, own_view: &str) {
    let sandbox = term.sandbox();
    let files = entry_files(sandbox);
    assert_eq!(files.len(), 1, "one entry: {files:?}");
    assert_eq!(field(&read_toml(&files[0]), "own_view"), own_view);
    assert_private(sandbox);
    assert_no_temp_files(&exercise_dir(sandbox));
    assert_terminal_restored(term);
}

/// The one entry of the bicycle exercise, once there is exactly one holding `own_view`.
#[track_caller]
pub fn wait_for_entry_with(sandbox: &Sandbox, own_view: &str) -> PathBuf {
    wait_until(&format!("one entry holding {own_view:?}"), || {
        let files = entry_files(sandbox);
        files.len() == 1
            && fs::read_to_string(&files[0])
                .ok()
                .and_then(|t| t.parse::<toml::Table>().ok())
                .is_some_and(|e| e.get("own_view").and_then(|v| v.as_str()) == Some(own_view))
    });
    entry_files(sandbox).remove(0)
}

/// Writes a draft of the bicycle exercise in a run of its own, quit with Ctrl+C.
/// Returns the entry file.
pub fn write_a_draft(sandbox: &Sandbox, text: &str) -> PathBuf {
    let mut term = start_writing(sandbox, text);
    term.press(Key::Ctrl('c'));
    let status = term.wait_exit();
    assert!(status.success(), "Ctrl+C should quit cleanly: {status:?}");
    wait_for_entry_with(sandbox, text)
}
