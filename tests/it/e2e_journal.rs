//! End to end, the journal: what reaches the disk, and when, while the real binary
//! runs in a pseudo-terminal. Crashes and signals, resuming a draft or starting
//! fresh, completed entries, two two-worlds on one data folder, the history screen,
//! unreadable files, and nothing written when nothing was typed.
//!
//! Every check is on what a user would see on the screen or find in
//! `<data-dir>/entries/<exercise-id>/`.

use std::fs;
use std::path::{Path, PathBuf};

use crate::common::bicycle::*;
use crate::common::pty::{self, Key, Screen, Term, assert_terminal_restored, has, selected_row};
use crate::common::sandbox::{Sandbox, TZ_PLUS_14, zone_plus_14};
use crate::common::{assert_mode, names_in};

/// More own views, each with text outside ASCII and each unique on screen and disk.
const SECOND: &str = "Zweiter Versuch — Straße, 中文字, façade";
const THIRD: &str = "Tercera vez — año, 한국어, señal";

/// From the library: the bicycle exercise has a draft; continue it, back to `text`.
fn continue_draft(term: &mut Term, text: &str) {
    select_bicycle(term);
    term.press(Key::Enter);
    term.wait_for("the question whether to continue the draft", |s| {
        has(s, "Continue?") && has(s, "Enter continue the draft")
    });
    term.press(Key::Enter);
    term.wait_for("the own view with the draft's text", |s| {
        has(s, "Your view") && has(s, text) && !has(s, "Continue?")
    });
}

/// The `HH:MM:SS` of "saved HH:MM:SS" in the footer, if it is there.
fn footer_saved_time(screen: &Screen) -> Option<String> {
    let footer = pty::footer(screen);
    let time = footer.split("saved ").nth(1)?.get(..8)?;
    let digits = |part: &str| part.len() == 2 && part.chars().all(|c| c.is_ascii_digit());
    let parts: Vec<&str> = time.split(':').collect();
    (parts.len() == 3 && parts.iter().all(|p| digits(p))).then(|| time.to_string())
}

/// Goes back to the library with Esc and quits with q.
fn quit_from_editor(term: &mut Term) {
    term.press(Key::Esc);
    wait_for_library(term);
    term.type_text("q");
    let status = term.wait_exit();
    assert!(status.success(), "q should quit cleanly: {status:?}");
}

fn own_view_of(path: &Path) -> String {
    field(&read_toml(path), "own_view").to_string()
}

#[test]
fn after_kill_9_the_autosaved_draft_is_offered_and_continued() {
    let sandbox = Sandbox::new();
    let mut term = start_writing(&sandbox, OWN);
    // The autosave, two seconds after the last key, says so in the footer.
    term.wait_for("the footer to say the autosave saved", |s| {
        footer_saved_time(s).is_some()
    });
    let killed = term.kill_hard();
    assert!(
        killed.signal().is_some(),
        "it should have died of SIGKILL: {killed:?}"
    );

    let files = entry_files(&sandbox);
    assert_eq!(files.len(), 1, "one autosaved entry: {files:?}");
    let entry = &files[0];
    assert_eq!(own_view_of(entry), OWN);
    assert_eq!(field(&read_toml(entry), "status"), "draft");
    assert_private(&sandbox);
    assert_no_temp_files(&exercise_dir(&sandbox));

    let mut again = start(&sandbox);
    let row = select_bicycle(&mut again);
    assert!(row.contains("draft"), "the library row: {row:?}");
    again.press(Key::Enter);
    again.wait_for("the question whether to continue the draft", |s| {
        has(s, "Continue?") && has(s, "You have a draft of this exercise from")
    });
    again.press(Key::Enter);
    again.wait_for("the own view with the autosaved text", |s| {
        has(s, "Your view") && has(s, OWN) && has(s, " 7 words ")
    });
    again.press(Key::Ctrl('c'));
    assert!(again.wait_exit().success());
    assert_eq!(entry_files(&sandbox), files, "still the one entry");
    assert_eq!(own_view_of(entry), OWN);
    assert_no_temp_files(&exercise_dir(&sandbox));
}

/// Types and, without waiting for the autosave, sends `signal`.
fn signal_right_after_typing(signal: libc::c_int) {
    let sandbox = Sandbox::new();
    let mut term = start_writing(&sandbox, OWN);
    let modes = term.line_modes();
    assert!(
        !modes.canonical && !modes.echo,
        "raw mode while running: {modes:?}"
    );
    term.signal(signal);
    let status = term.wait_exit();
    assert!(
        status.success(),
        "signal {signal} should end it with status 0: {status:?}"
    );
    assert_saved_cleanly(&term, OWN);
}

#[test]
fn sigterm_right_after_typing_saves_restores_the_terminal_and_exits_0() {
    signal_right_after_typing(libc::SIGTERM);
}

#[test]
fn sighup_right_after_typing_saves_restores_the_terminal_and_exits_0() {
    signal_right_after_typing(libc::SIGHUP);
}

/// From the library: a fresh attempt, [`OWN`] written, on to the partner's view.
fn write_the_own_view_and_move_on(term: &mut Term) {
    open_fresh_own_view(term);
    type_until_shown(term, OWN);
    term.press(Key::Ctrl('n'));
    term.wait_for("the partner's view", |s| {
        has(s, "Noor's view") && has(s, " 0 words ")
    });
}

/// Writes the own view, moves on, types the partner's view and leaves with `leave`.
/// Returns the one entry file as TOML, less the fields that say when it was written.
fn entry_left_by(leave: impl FnOnce(&mut Term)) -> toml::Table {
    let sandbox = Sandbox::new();
    let mut term = start(&sandbox);
    write_the_own_view_and_move_on(&mut term);
    type_until_shown(&mut term, PARTNER);
    leave(&mut term);
    let status = term.wait_exit();
    assert!(status.success(), "it should end with status 0: {status:?}");
    let files = entry_files(&sandbox);
    assert_eq!(files.len(), 1, "one entry: {files:?}");
    let mut entry = read_toml(&files[0]);
    for when in ["started", "saved", "checksum"] {
        assert!(entry.remove(when).is_some(), "no {when} in {entry:#?}");
    }
    entry
}

#[test]
fn a_signal_saves_exactly_what_quitting_saves() {
    let quit = entry_left_by(|term| {
        term.press(Key::Esc);
        wait_for_library(term);
        term.type_text("q");
    });
    assert_eq!(field(&quit, "own_view"), OWN);
    assert_eq!(field(&quit, "partner_view"), PARTNER);
    let ctrl_c = entry_left_by(|term| term.press(Key::Ctrl('c')));
    assert_eq!(ctrl_c, quit, "Ctrl+C from the editor");
    let sigterm = entry_left_by(|term| term.signal(libc::SIGTERM));
    assert_eq!(sigterm, quit, "SIGTERM");
}

#[test]
// The trigger is compiled into debug builds only; this test's build and the binary's
// share the profile, so a release `cargo test` has no way to make it panic.
#[cfg_attr(
    not(debug_assertions),
    ignore = "the test panic (F12 with TWO_WORLDS_TEST_PANIC) exists only in debug builds"
)]
fn a_panic_restores_the_terminal_and_saves_what_it_can() {
    let sandbox = Sandbox::new();
    // Debug builds panic on F12 when this is set (see `to_msg` in src/tui.rs).
    let mut term = Term::start_in_env(&sandbox, COLS, ROWS, &[], &[("TWO_WORLDS_TEST_PANIC", "1")]);
    open_fresh_own_view(&mut term);
    type_until_shown(&mut term, OWN);
    term.send(b"\x1b[24~");
    let status = term.wait_exit();
    assert!(!status.success(), "a panic is a failure: {status:?}");
    let files = entry_files(&sandbox);
    assert_eq!(
        files.len(),
        1,
        "the text was saved on the way out: {files:?}"
    );
    assert_eq!(own_view_of(&files[0]), OWN);
    assert_terminal_restored(&term);
    let raw = String::from_utf8_lossy(&term.raw()).into_owned();
    let message = &raw[raw.find("panicked").expect("the panic message is shown")..];
    assert!(message.contains("a test panic"), "{message:?}");
    let typed: String = OWN.chars().take(12).collect();
    assert!(
        !message.contains(&typed),
        "no user text after the panic: {message:?}"
    );
}

#[test]
fn ctrl_c_right_after_typing_saves_at_once_and_exits_0() {
    let sandbox = Sandbox::new();
    let mut term = start_writing(&sandbox, OWN);
    term.press(Key::Ctrl('c'));
    let status = term.wait_exit();
    assert!(status.success(), "Ctrl+C should quit cleanly: {status:?}");
    assert_saved_cleanly(&term, OWN);
}

#[test]
fn starting_fresh_leaves_the_draft_as_it_was_and_makes_a_second_entry() {
    let sandbox = Sandbox::new();
    let draft = write_a_draft(&sandbox, OWN);
    let before = fs::read(&draft).unwrap();

    let mut term = start(&sandbox);
    select_bicycle(&mut term);
    term.press(Key::Enter);
    term.wait_for_text("Continue?");
    term.type_text("n");
    term.wait_for("a fresh attempt, at the scenario", |s| {
        has(s, SCENARIO_TEXT) && !has(s, "Continue?")
    });
    skip_calm_check(&mut term);
    let screen = wait_for_empty_own_view(&mut term);
    assert!(!has(&screen, OWN), "the fresh editor shows the draft");
    type_until_shown(&mut term, SECOND);
    term.press(Key::Ctrl('s'));
    term.wait_for("the footer to say when it saved", |s| {
        footer_saved_time(s).is_some()
    });
    let files = entry_files(&sandbox);
    assert_eq!(files.len(), 2, "Ctrl+S saved the fresh entry: {files:?}");
    quit_from_editor(&mut term);

    let files = entry_files(&sandbox);
    assert_eq!(files.len(), 2, "the draft and the fresh entry: {files:?}");
    assert_eq!(
        fs::read(&draft).unwrap(),
        before,
        "the draft was changed: {}",
        fs::read_to_string(&draft).unwrap()
    );
    let fresh = files.iter().find(|f| **f != draft).unwrap();
    assert_eq!(own_view_of(fresh), SECOND);
    assert_private(&sandbox);
    assert_no_temp_files(&exercise_dir(&sandbox));
}

#[test]
fn a_completed_entry_is_never_written_again() {
    let sandbox = Sandbox::new();
    let mut term = start(&sandbox);
    write_the_own_view_and_move_on(&mut term);
    // Moving on saved the own view at once, long before the autosave.
    let files = entry_files(&sandbox);
    assert_eq!(files.len(), 1, "saved on the step change: {files:?}");
    let entry = read_toml(&files[0]);
    assert_eq!(field(&entry, "own_view"), OWN);
    assert_eq!(field(&entry, "step"), "partner-view");
    type_until_shown(&mut term, PARTNER);
    term.press(Key::Ctrl('n'));
    decline_friend_offer(&mut term);
    term.wait_for("the side-by-side screen", |s| {
        has(s, "Noor — as you imagine it") && has(s, OWN) && has(s, PARTNER)
    });
    through_translation(&mut term);
    term.wait_for("the one reflection question", |s| {
        has(s, "question 1 of 1") && has(s, "before lending it next time?")
    });
    type_until_shown(&mut term, ANSWER);
    ask_to_finish(&mut term);
    // Finishing asks once.
    term.wait_for_text("can no longer be changed");
    term.press(Key::Enter);
    term.wait_for_text("Finished: ");
    term.press(Key::Enter);
    wait_for_library(&mut term);
    let files = entry_files(&sandbox);
    assert_eq!(files.len(), 1, "the completed entry: {files:?}");
    let completed = files[0].clone();
    let before = fs::read(&completed).unwrap();
    let entry = read_toml(&completed);
    assert_eq!(field(&entry, "status"), "complete");
    assert_eq!(field(&entry, "own_view"), OWN);
    assert_eq!(field(&entry, "partner_view"), PARTNER);
    let answer = entry
        .get("reflection")
        .and_then(|r| r.get(0))
        .and_then(|a| a.get("answer"))
        .and_then(toml::Value::as_str);
    assert_eq!(answer, Some(ANSWER), "the reflection answer");

    let row = select_bicycle(&mut term);
    assert!(row.contains("done ×1"), "the library row: {row:?}");
    term.press(Key::Enter);
    term.wait_for("a fresh attempt at the scenario, no question", |s| {
        has(s, SCENARIO_TEXT) && !has(s, "Continue?")
    });
    skip_calm_check(&mut term);
    let screen = wait_for_empty_own_view(&mut term);
    assert!(
        !has(&screen, OWN),
        "the fresh editor shows the completed text"
    );
    type_until_shown(&mut term, THIRD);
    term.press(Key::Esc);
    wait_for_library(&mut term);
    // Esc to the library saved the new attempt, beside the completed one.
    let files = entry_files(&sandbox);
    assert_eq!(files.len(), 2, "saved on Esc: {files:?}");
    term.press(Key::Esc);
    term.wait_for_no_text("/ bicy");
    term.type_text("q");
    assert!(term.wait_exit().success());

    let files = entry_files(&sandbox);
    assert_eq!(
        files.len(),
        2,
        "the completed entry and a new one: {files:?}"
    );
    assert_eq!(
        fs::read(&completed).unwrap(),
        before,
        "the completed entry was rewritten"
    );
    let fresh = files.iter().find(|f| **f != completed).unwrap();
    let entry = read_toml(fresh);
    assert_eq!(field(&entry, "own_view"), THIRD);
    assert_eq!(field(&entry, "status"), "draft");
    assert_private(&sandbox);
    assert_no_temp_files(&exercise_dir(&sandbox));
}

#[test]
fn a_second_two_worlds_never_writes_the_draft_the_first_has_open() {
    let sandbox = Sandbox::new();
    let draft = write_a_draft(&sandbox, OWN);
    let lock = PathBuf::from(format!("{}.lock", draft.display()));

    let mut a = start(&sandbox);
    continue_draft(&mut a, OWN);
    assert_eq!(
        fs::read_to_string(&lock).ok().map(|t| t.trim().to_string()),
        Some(a.pid().to_string()),
        "the lock file names the instance that has the draft open"
    );

    let mut b = start(&sandbox);
    let row = select_bicycle(&mut b);
    assert!(row.contains("draft"), "B's library row: {row:?}");
    b.press(Key::Enter);
    b.wait_for_text("Continue?");
    b.press(Key::Enter);
    b.wait_for("B on a fresh attempt, told why", |s| {
        has(s, "open in another two-worlds") && has(s, SCENARIO_TEXT) && !has(s, OWN)
    });
    skip_calm_check(&mut b);
    wait_for_empty_own_view(&mut b);

    type_until_shown(&mut a, SECOND);
    type_until_shown(&mut b, THIRD);

    // Nor can B delete it from its history while A has it open.
    b.press(Key::Esc);
    wait_for_library(&mut b);
    b.press(Key::Esc);
    b.wait_for_no_text("/ bicy");
    b.type_text("h");
    let screen = b.wait_for("B's journal: B's entry, then A's older draft", |s| {
        has(s, "Your journal") && pty::find_all(s, TITLE).len() == 2
    });
    let (newest, _) = selected_row(&screen).expect("a selected row");
    b.type_text("j");
    b.wait_for("A's draft selected", |s| {
        selected_row(s).is_some_and(|(row, _)| row == newest + 1)
    });
    b.type_text("d");
    b.wait_for_text("Delete?");
    b.press(Key::Enter);
    b.wait_for_text("Could not delete");
    assert!(draft.exists(), "B deleted the draft A has open");
    b.press(Key::Esc);
    wait_for_library(&mut b);
    b.type_text("q");
    assert!(b.wait_exit().success());
    quit_from_editor(&mut a);

    let files = entry_files(&sandbox);
    assert_eq!(files.len(), 2, "A's draft and B's fresh entry: {files:?}");
    // Where the new words go in the old text is the editor's business; both are kept.
    let a_text = own_view_of(&draft);
    assert!(
        a_text.contains(OWN) && a_text.contains(SECOND),
        "A's text: {a_text:?}"
    );
    let fresh = files.iter().find(|f| **f != draft).unwrap();
    assert_eq!(own_view_of(fresh), THIRD, "B's text");
    assert_no_temp_files(&exercise_dir(&sandbox));
}

#[test]
fn history_reads_exports_and_deletes_an_entry() {
    let sandbox = Sandbox::new();
    let draft = write_a_draft(&sandbox, OWN);

    // In the zone `TZ` names, fourteen hours from UTC: every date shown is in it.
    let tz = [("TZ", TZ_PLUS_14)];
    let mut term = Term::start_in_env(&sandbox, COLS, ROWS, &[], &tz);
    let screen = open_history_at_the_draft(&mut term);
    assert!(has(&screen, "7 words"), "the row counts the words");
    // When it started, at UTC+14, and not at UTC.
    let started: jiff::Timestamp = field(&read_toml(&draft), "started")
        .parse()
        .expect("`started` is a timestamp");
    let at = |zone, pattern| {
        started
            .to_zoned_datetime(zone)
            .strftime(pattern)
            .to_string()
    };
    let (shown, utc) = (
        at(zone_plus_14(), "%b %-d, %H:%M"),
        at(jiff::tz::TimeZone::UTC, "%b %-d, %H:%M"),
    );
    let (_, row) = selected_row(&screen).expect("a selected row");
    assert!(
        row.contains(&shown) && !row.contains(&utc),
        "the row shows the start at UTC+14, {shown:?}: {row:?}"
    );

    term.press(Key::Enter);
    term.wait_for("the entry, read only", |s| {
        has(s, "Journal  ·  The borrowed bicycle") && has(s, OWN)
    });
    term.press(Key::Esc);
    term.wait_for("the journal again", |s| {
        has(s, "Your journal") && !has(s, OWN)
    });

    term.type_text("x");
    term.wait_for_text("exported to");
    let exports = sandbox.data_dir().join("exports");
    let exported = names_in(&exports);
    assert_eq!(exported.len(), 1, "one export: {exported:?}");
    let export = exports.join(&exported[0]);
    assert!(export.extension().is_some_and(|e| e == "md"), "{export:?}");
    assert_mode(&export, 0o600);
    assert_mode(&exports, 0o700);
    let markdown = fs::read_to_string(&export).unwrap();
    assert!(
        markdown.contains(OWN),
        "the export holds the text:\n{markdown}"
    );
    let started_at = format!("Started {}", at(zone_plus_14(), "%A %-d %B %Y, %H:%M %Z"));
    assert!(
        markdown.contains(&started_at),
        "the export dates the entry at UTC+14, {started_at:?}:\n{markdown}"
    );

    term.type_text("d");
    term.wait_for("the question whether to delete", |s| {
        has(s, "Delete?") && has(s, "for good?")
    });
    assert!(draft.exists(), "deleted before the answer");
    term.press(Key::Enter);
    // The entry is gone; its export is asked about, and kept with `n`.
    let export_name = export.file_name().unwrap().to_string_lossy().into_owned();
    term.wait_for("the question about its export", |s| {
        has(s, "Its exports too?") && has(s, &export_name)
    });
    assert!(!draft.exists(), "the entry file is still there");
    term.press(Key::Char('n'));
    term.wait_for("the journal, empty", |s| {
        has(s, "its exports are kept") && has(s, "Nothing here yet") && !has(s, TITLE)
    });

    term.press(Key::Esc);
    let row = select_bicycle(&mut term);
    assert!(
        row.contains("new"),
        "the library row after deleting: {row:?}"
    );
    term.press(Key::Esc);
    term.wait_for_no_text("/ bicy");
    term.type_text("q");
    assert!(term.wait_exit().success());
    assert_eq!(
        entry_files(&sandbox),
        Vec::<PathBuf>::new(),
        "nothing came back"
    );
    assert!(export.exists(), "the export stays");
}

#[test]
fn an_unreadable_entry_is_listed_and_left_exactly_as_it_is() {
    let sandbox = Sandbox::new();
    let dir = exercise_dir(&sandbox);
    fs::create_dir_all(&dir).unwrap();
    let damaged = dir.join("20260101T000000Z.toml");
    let words_inside = "zanzibar quetzal";
    let bytes = format!(
        "format = 1\nexercise_id = \"{ID}\"\nexercise_title = \"{TITLE}\"\n\
         partner = \"Noor\"\nstarted = \"2026-01-01T00:00:00Z\"\n\
         saved = \"2026-01-01T00:05:00Z\"\nstatus = \"draft\"\nstep = \"own-view\"\n\
         words = 4\nscenario = \"\"\"\nThe bicycle.\n\"\"\"\nown_view = \"\"\"\n{words_inside} and mo"
    )
    .into_bytes();
    fs::write(&damaged, &bytes).unwrap();

    let mut term = start(&sandbox);
    let row = select_bicycle(&mut term);
    assert!(
        row.contains("new"),
        "an unreadable file is no draft: {row:?}"
    );
    term.press(Key::Esc);
    term.wait_for_no_text("/ bicy");
    term.type_text("h");
    let screen = term.wait_for("the journal listing the file as unreadable", |s| {
        has(s, "Your journal")
            && selected_row(s).is_some_and(|(_, row)| {
                row.contains("20260101T000000Z.toml") && row.contains("unreadable")
            })
    });
    assert!(
        !has(&screen, "zanzibar"),
        "the reason quotes the file's text:\n{}",
        pty::dump(&screen)
    );
    // Reading it says why not; the delete key asks nothing about a file it cannot read.
    term.press(Key::Enter);
    term.wait_for_text("cannot read this entry");
    term.type_text("d");
    // Help opens only if no question took the keys.
    term.type_text("?");
    term.wait_for("help over the journal, no question asked", |s| {
        has(s, " Keys ") && has(s, "read the selected entry") && !has(s, "Delete?")
    });
    term.press(Key::Esc);
    term.wait_for_no_text(" Keys ");
    term.press(Key::Esc);
    wait_for_library(&mut term);

    // A fresh attempt at the same exercise gets a file of its own.
    open_fresh_own_view(&mut term);
    type_until_shown(&mut term, OWN);
    quit_from_editor(&mut term);

    assert_eq!(
        fs::read(&damaged).unwrap(),
        bytes,
        "the unreadable file was changed"
    );
    let files = entry_files(&sandbox);
    assert_eq!(files.len(), 2, "{files:?}");
    let fresh = files.iter().find(|f| **f != damaged).unwrap();
    assert_eq!(own_view_of(fresh), OWN);
}

#[test]
fn nothing_typed_nothing_written() {
    let sandbox = Sandbox::new();
    let mut term = start(&sandbox);
    open_fresh_own_view(&mut term);
    // Saving by hand and moving between steps with nothing written writes nothing either.
    term.press(Key::Ctrl('s'));
    term.press(Key::Ctrl('n'));
    term.wait_for("the partner's view", |s| {
        has(s, "Noor's view") && has(s, " 0 words ")
    });
    term.press(Key::Ctrl('p'));
    wait_for_empty_own_view(&mut term);
    quit_from_editor(&mut term);
    assert_eq!(
        names_in(&sandbox.data_dir()),
        // The lock every running two-worlds holds on its data folder: an empty file.
        ["journal.lock", "state.toml"],
        "the data folder should hold only the state the sandbox put there"
    );

    // Ctrl+C from the editor, the same.
    let mut term = start(&sandbox);
    open_fresh_own_view(&mut term);
    term.press(Key::Ctrl('c'));
    assert!(term.wait_exit().success());
    assert_eq!(
        names_in(&sandbox.data_dir()),
        ["journal.lock", "state.toml"]
    );
}

// Bugs these tests found, fixed since: locks on a clean quit, stale locks naming a
// reused pid, SIGINT, and a second export of one entry.

/// The lock files beside the bicycle entries.
fn lock_files(sandbox: &Sandbox) -> Vec<String> {
    names_in(&exercise_dir(sandbox))
        .into_iter()
        .filter(|name| name.ends_with(".lock"))
        .collect()
}

#[test]
fn a_clean_quit_leaves_no_lock_file() {
    let sandbox = Sandbox::new();
    write_a_draft(&sandbox, OWN);
    assert_eq!(lock_files(&sandbox), Vec::<String>::new(), "after Ctrl+C");

    let mut term = start(&sandbox);
    continue_draft(&mut term, OWN);
    type_until_shown(&mut term, SECOND);
    quit_from_editor(&mut term);
    assert_eq!(lock_files(&sandbox), Vec::<String>::new(), "after q");
}

#[test]
fn a_left_behind_lock_whose_pid_was_reused_does_not_block_the_draft() {
    let sandbox = Sandbox::new();
    let draft = write_a_draft(&sandbox, OWN);
    // The lock a crash (or, today, any quit) left, once its pid belongs to another program.
    let mut other = std::process::Command::new("sleep")
        .arg("60")
        .spawn()
        .expect("start sleep");
    fs::write(
        format!("{}.lock", draft.display()),
        format!("{}\n", other.id()),
    )
    .unwrap();
    let mut term = start(&sandbox);
    let opened = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        continue_draft(&mut term, OWN);
    }));
    other.kill().unwrap();
    other.wait().unwrap();
    if let Err(panic) = opened {
        std::panic::resume_unwind(panic);
    }
}

#[test]
fn sigint_right_after_typing_saves_restores_the_terminal_and_exits_0() {
    signal_right_after_typing(libc::SIGINT);
}

#[test]
fn exporting_an_entry_twice_works_both_times() {
    let sandbox = Sandbox::new();
    write_a_draft(&sandbox, OWN);
    let mut term = start(&sandbox);
    open_history_at_the_draft(&mut term);
    for (round, name_end) in [("first", "Z.md"), ("second", "Z-2.md")] {
        term.type_text("x");
        let screen = term.wait_for("the export message", |s| {
            pty::message_and_footer(s).contains(name_end)
        });
        let footer = pty::message_and_footer(&screen);
        // The whole path, not one relative to a folder the user does not know.
        let whole = format!("exported to {}/exports/", sandbox.data_dir().display());
        assert!(
            footer.contains(&whole),
            "the {round} export failed; the footer: {footer:?}"
        );
    }
    let exports = sandbox.data_dir().join("exports");
    for name in names_in(&exports) {
        let markdown = fs::read_to_string(exports.join(&name)).unwrap();
        assert!(markdown.contains(OWN), "{name} holds the text");
    }
}

#[test]
fn an_export_stays_in_the_exports_folder_whatever_the_entry_says_its_id_is() {
    let sandbox = Sandbox::new();
    let dir = exercise_dir(&sandbox);
    fs::create_dir_all(&dir).unwrap();
    // An entry file edited by hand (or put there) to name an id that climbs out.
    let started: jiff::Timestamp = "2026-01-01T00:00:00Z".parse().unwrap();
    let mut entry = two_worlds::journal::Entry::new("../x", TITLE, "Noor", SCENARIO_TEXT, started);
    entry.own_view = OWN.to_owned();
    let path = dir.join("20260101T000000Z.toml");
    two_worlds::journal::Journal::new(&sandbox.data_dir())
        .save(&path, &entry)
        .unwrap();

    let mut term = start(&sandbox);
    open_history_at_the_draft(&mut term);
    term.type_text("x");
    term.wait_for_text("exported to");
    term.press(Key::Esc);
    wait_for_library(&mut term);
    term.type_text("q");
    assert!(term.wait_exit().success());

    let exports = sandbox.data_dir().join("exports");
    assert_eq!(names_in(&exports), ["x-20260101T000000Z.md"]);
    assert_eq!(
        names_in(&sandbox.data_dir()),
        ["entries", "exports", "journal.lock", "state.toml"],
        "nothing written beside the exports folder (the state file is the sandbox's)"
    );
}
