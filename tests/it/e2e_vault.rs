//! End to end, the locked journal (issue 14): the door before the library, three
//! wrong passphrases and out, autosave and a SIGTERM while locked (nothing plain on
//! disk, the text whole when read back), and the quick hide that forgets the key.

use std::path::Path;

use crate::cli_vault::{PASSPHRASE, WORK_FACTOR, lock, phrase_file};
use crate::common::bicycle::*;
use crate::common::files_under;
use crate::common::pty::{self, Key, Term, has};
use crate::common::sandbox::Sandbox;

const DOOR: &str = "Your journal is locked";

fn start_locked(sandbox: &Sandbox) -> Term {
    let mut term = Term::start_in_env(
        sandbox,
        COLS,
        ROWS,
        &[],
        &[("TWO_WORLDS_TEST_WORK_FACTOR", WORK_FACTOR)],
    );
    term.wait_for("the door, and nothing of the journal", |s| {
        has(s, DOOR) && !has(s, "Library") && !has(s, TITLE)
    });
    term
}

fn open_door(term: &mut Term) {
    term.type_text(PASSPHRASE);
    // Never shown as it is typed.
    term.wait_for("a dot for each character", |s| {
        has(s, &"•".repeat(PASSPHRASE.chars().count()))
    });
    assert!(!has(&term.screen(), PASSPHRASE));
    term.press(Key::Enter);
    wait_for_library(term);
}

/// A locked journal, opened at the door, with [`OWN`] written in a fresh attempt.
fn writing_while_locked(sandbox: &Sandbox) -> Term {
    lock(sandbox);
    let mut term = start_locked(sandbox);
    open_door(&mut term);
    open_fresh_own_view(&mut term);
    type_until_shown(&mut term, OWN);
    term
}

/// Whether any file under the data folder holds `text` as it was typed.
fn plain_on_disk(data_dir: &Path, text: &str) -> Vec<String> {
    files_under(data_dir)
        .into_iter()
        .filter(|(_, bytes)| String::from_utf8_lossy(bytes).contains(text))
        .map(|(path, _)| path.display().to_string())
        .collect()
}

/// The one entry's text, read back through the program with the passphrase.
fn exported(sandbox: &Sandbox) -> String {
    let file = phrase_file(sandbox, "read.txt", PASSPHRASE);
    let mut cmd = sandbox.command();
    cmd.env("TWO_WORLDS_TEST_WORK_FACTOR", WORK_FACTOR).args([
        "--passphrase-file",
        file.to_str().unwrap(),
        "export",
        "--all",
        "--unencrypted",
    ]);
    let run = sandbox.run_command(cmd);
    run.assert_code(0);
    run.stdout
}

fn sealed_entries(sandbox: &Sandbox) -> Vec<String> {
    files_under(&sandbox.entries_dir())
        .into_keys()
        .map(|p| p.display().to_string())
        .filter(|p| p.ends_with(".toml.age"))
        .collect()
}

#[test]
fn a_locked_journal_opens_at_the_door_and_three_wrong_passphrases_close_it() {
    let sandbox = Sandbox::new();
    lock(&sandbox);
    let mut term = start_locked(&sandbox);
    for n in 1..=2 {
        term.type_text("not the passphrase");
        term.press(Key::Enter);
        term.wait_for("the door says the passphrase did not open it", |s| {
            has(s, DOOR)
                && has(s, "does not open your journal")
                && has(
                    s,
                    if n == 1 {
                        "two more tries"
                    } else {
                        "one more try"
                    },
                )
        });
    }
    term.type_text("still not it");
    term.press(Key::Enter);
    let status = term.wait_exit();
    assert!(!status.success(), "three wrong tries end it: {status:?}");
    let said = pty::output_after_restoring(&term);
    assert!(said.contains("stays locked"), "{said:?}");
}

#[test]
fn while_locked_the_autosave_and_a_sigterm_save_encrypted_and_read_back_whole() {
    let sandbox = Sandbox::new();
    let mut term = writing_while_locked(&sandbox);
    term.wait_for("the footer to say the autosave saved", |s| {
        pty::footer(s).contains("saved ")
    });
    assert_eq!(sealed_entries(&sandbox).len(), 1);
    assert_eq!(
        plain_on_disk(&sandbox.data_dir(), "voulais"),
        Vec::<String>::new()
    );
    assert!(
        !files_under(&sandbox.entries_dir())
            .keys()
            .any(|p| p.to_string_lossy().contains(ID))
    );

    // More text, then a SIGTERM before the autosave: saved on the way out, locked.
    term.type_text(" encore");
    term.wait_for_text("naïve encore");
    term.signal(libc::SIGTERM);
    let status = term.wait_exit();
    assert!(status.success(), "{status:?}");
    assert_eq!(sealed_entries(&sandbox).len(), 1);
    assert_eq!(
        plain_on_disk(&sandbox.data_dir(), "encore"),
        Vec::<String>::new()
    );
    assert_eq!(
        plain_on_disk(&sandbox.data_dir(), "voulais"),
        Vec::<String>::new()
    );
    let text = exported(&sandbox);
    assert!(text.contains(&format!("{OWN} encore")), "{text}");
}

#[test]
fn the_quick_hide_forgets_the_key_and_coming_back_asks_for_it_again() {
    let sandbox = Sandbox::new();
    let mut term = writing_while_locked(&sandbox);
    term.press(Key::Ctrl('g'));
    term.wait_for("the paused screen", |s| {
        has(s, "two-worlds · paused") && !has(s, OWN)
    });
    // What was written is saved behind the blank screen, locked.
    pty::wait_until("the text saved, locked", || {
        sealed_entries(&sandbox).len() == 1
    });
    term.type_text("x");
    term.wait_for("the door, and nothing of the text", |s| {
        has(s, DOOR) && !has(s, OWN) && !has(s, "Your view")
    });
    // The key is asked for again, and checked again.
    term.type_text("not the passphrase");
    term.press(Key::Enter);
    term.wait_for("a wrong passphrase refused", |s| {
        has(s, "does not open your journal") && !has(s, OWN)
    });
    term.type_text(PASSPHRASE);
    term.press(Key::Enter);
    term.wait_for("the text again, as it was", |s| {
        has(s, "Your view") && has(s, OWN)
    });
    term.press(Key::Ctrl('c'));
    assert!(term.wait_exit().success());
    assert!(exported(&sandbox).contains(OWN));
}
