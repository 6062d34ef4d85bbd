//! The calm check, the break and the follow-up, in the real binary in a
//! pseudo-terminal: what the screen shows and what lands in the files.

use std::fs;

use crate::common::bicycle::*;
use crate::common::pty::{Key, has};
use crate::common::sandbox::Sandbox;

/// From the library: the bicycle's scenario, then `Enter`: the calm check.
fn open_to_the_calm_check(term: &mut crate::common::pty::Term) {
    select_bicycle(term);
    term.press(Key::Enter);
    term.wait_for_text(SCENARIO_TEXT);
    term.press(Key::Enter);
    term.wait_for_text(CALM_QUESTION);
}

#[test]
fn a_high_number_offers_a_break_and_every_number_lands_in_the_entry() {
    let sandbox = Sandbox::new();
    let mut term = start(&sandbox);
    open_to_the_calm_check(&mut term);
    term.type_text("1");
    term.wait_for_text("[1]");
    // `1` then `0` at once is 10.
    term.type_text("0");
    term.wait_for_text("[10]");
    term.press(Key::Left);
    term.press(Key::Left);
    term.press(Key::Left);
    term.wait_for_text("[7]");
    term.press(Key::Right);
    term.wait_for_text("[8]");
    term.press(Key::Enter);
    term.wait_for("the note and its offer", |s| {
        has(s, "A pause may help") && has(s, "b take a break")
    });
    term.type_text("b");
    let screen = term.wait_for("the quiet break", |s| {
        has(s, "A quiet break") && has(s, "20 minutes left")
    });
    assert!(!has(&screen, "Ctrl+N"), "no footer on the break");
    // Any key ends it, and the question comes again.
    term.type_text("x");
    term.wait_for("the calm check after the break", |s| {
        has(s, CALM_QUESTION) && has(s, "Welcome back.")
    });
    term.type_text("4");
    term.wait_for_text("[4]");
    term.press(Key::Enter);
    wait_for_empty_own_view(&mut term);
    type_until_shown(&mut term, OWN);
    term.press(Key::Esc);
    wait_for_library(&mut term);
    let entry = read_toml(&wait_for_entry_with(&sandbox, OWN));
    assert_eq!(entry["format"].as_integer(), Some(4));
    assert_eq!(entry["distress_before"].as_integer(), Some(8));
    assert_eq!(
        entry["distress_breaks"].as_array().unwrap()[0].as_integer(),
        Some(4)
    );
    assert!(entry.get("distress_after").is_none());
    term.type_text("q");
    assert!(term.wait_exit().success());
}

#[test]
fn the_line_to_try_is_asked_about_once_on_the_next_run() {
    let sandbox = Sandbox::new();
    let mut term = start(&sandbox);
    open_to_the_calm_check(&mut term);
    term.press(Key::Enter);
    wait_for_empty_own_view(&mut term);
    type_until_shown(&mut term, OWN);
    term.press(Key::Ctrl('n'));
    term.wait_for_text("Noor's view");
    term.press(Key::Ctrl('n'));
    decline_friend_offer(&mut term);
    through_translation(&mut term);
    term.wait_for_text("question 1 of 1");
    term.press(Key::Ctrl('n'));
    term.wait_for_text(TRY_NEXT);
    type_until_shown(&mut term, "Ask Noor first");
    term.press(Key::Ctrl('n'));
    term.wait_for_text(CALM_QUESTION);
    term.type_text("3");
    term.wait_for_text("[3]");
    term.press(Key::Enter);
    term.wait_for_text("can no longer be changed");
    term.press(Key::Enter);
    term.wait_for("the finished screen with the line", |s| {
        has(s, "Finished: ") && has(s, "Ask Noor first")
    });
    term.press(Key::Ctrl('c'));
    assert!(term.wait_exit().success());

    // The next run: asked once, before the scenario.
    let mut term = start(&sandbox);
    select_bicycle(&mut term);
    term.press(Key::Enter);
    term.wait_for("the follow-up", |s| {
        has(s, "Last time you wrote:") && has(s, "“Ask Noor first”")
    });
    type_until_shown(&mut term, "It went well");
    term.press(Key::Enter);
    term.wait_for_text(SCENARIO_TEXT);
    term.press(Key::Esc);
    wait_for_library(&mut term);
    term.type_text("q");
    assert!(term.wait_exit().success());
    let state = fs::read_to_string(sandbox.data_dir().join("state.toml")).unwrap();
    assert!(state.contains("follow_up_asked = "), "{state}");
    let drafts: Vec<_> = entry_files(&sandbox)
        .into_iter()
        .map(|path| read_toml(&path))
        .filter(|entry| field(entry, "status") == "draft")
        .collect();
    assert_eq!(drafts.len(), 1, "the answer alone is kept");
    let follow_up = drafts[0]["follow_up"].as_table().unwrap();
    assert_eq!(follow_up["tried"].as_str(), Some("Ask Noor first"));
    assert_eq!(follow_up["answer"].as_str(), Some("It went well"));

    // And the run after: not asked again.
    let mut term = start(&sandbox);
    select_bicycle(&mut term);
    term.press(Key::Enter);
    let screen = term.wait_for("the draft or the scenario, not the follow-up", |s| {
        has(s, "Continue?") || has(s, SCENARIO_TEXT)
    });
    assert!(!has(&screen, "Last time you wrote:"));
    term.press(Key::Char('n'));
    let screen = term.wait_for_text(SCENARIO_TEXT);
    assert!(!has(&screen, "Last time you wrote:"));
    term.press(Key::Ctrl('c'));
    assert!(term.wait_exit().success());
}

/// The bicycle's own view, fresh, with `OWN` typed, in a program whose `$VISUAL`
/// is `visual`.
fn writing_with_editor(sandbox: &Sandbox, visual: &str) -> crate::common::pty::Term {
    let mut term =
        crate::common::pty::Term::start_in_env(sandbox, COLS, ROWS, &[], &[("VISUAL", visual)]);
    open_fresh_own_view(&mut term);
    type_until_shown(&mut term, OWN);
    term
}

#[test]
fn ctrl_e_writes_the_text_in_the_users_editor_and_takes_it_back() {
    let sandbox = Sandbox::new();
    // The editor sees the text (it copies it aside), adds a line, and saves the way
    // vim does, with a newline at the end. Its file is private and in the data folder.
    let seen = sandbox.root().join("seen.txt");
    let script = crate::common::editor_script(
        &sandbox,
        &format!(
            "cp \"$1\" '{}'\nstat -c %a \"$1\" >> '{}'\nprintf '\\nand a line from my editor\\n' >> \"$1\"",
            seen.display(),
            seen.display()
        ),
    );
    let mut term = writing_with_editor(&sandbox, script.to_str().unwrap());
    term.press(Key::Ctrl('e'));
    term.wait_for("the text back, with the editor's line", |s| {
        has(s, "and a line from my editor") && has(s, "back from your editor")
    });
    let seen = fs::read_to_string(&seen).unwrap();
    assert_eq!(seen, format!("{OWN}600\n"), "the text, in a 0600 file");
    let editing = sandbox.data_dir().join("editing");
    assert_eq!(
        fs::read_dir(&editing).unwrap().count(),
        0,
        "the file is gone"
    );
    // One Ctrl+Z takes the whole change back.
    term.press(Key::Ctrl('z'));
    term.wait_for_no_text("and a line from my editor");
    term.press(Key::Ctrl('c'));
    assert!(term.wait_exit().success());
}

#[test]
fn an_editor_that_fails_or_is_missing_changes_nothing_and_says_so() {
    let sandbox = Sandbox::new();
    let script = crate::common::editor_script(&sandbox, "printf 'ruined' > \"$1\"\nexit 3");
    let mut term = writing_with_editor(&sandbox, script.to_str().unwrap());
    term.press(Key::Ctrl('e'));
    let screen = term.wait_for_text("nothing changed: the editor exited with code 3");
    assert!(has(&screen, OWN) && !has(&screen, "ruined"));
    term.press(Key::Ctrl('c'));
    assert!(term.wait_exit().success());

    let sandbox = Sandbox::new();
    let mut term = writing_with_editor(&sandbox, "/nonexistent/editor --wait");
    term.press(Key::Ctrl('e'));
    term.wait_for_text("nothing changed: the editor did not start");
    term.press(Key::Ctrl('c'));
    assert!(term.wait_exit().success());
}

#[test]
fn r_in_the_library_reads_a_changed_scenario_file_again() {
    let sandbox = Sandbox::new();
    let dir = sandbox.root().join("mine");
    fs::create_dir_all(&dir).unwrap();
    let file = dir.join("porch.toml");
    fs::write(&file, "title = \"The porch light\"\nscenario = \"S.\"\n").unwrap();
    let mut term = crate::common::pty::Term::start_in(
        &sandbox,
        COLS,
        ROWS,
        &["--exercises", dir.to_str().unwrap()],
    );
    // The library, drawn: the file's row is on screen, below the built-ins.
    term.wait_for("the library with the file's row", |s| {
        has(s, "two-worlds  ·  Library") && has(s, "The porch light")
    });
    fs::write(
        &file,
        "title = \"The porch light, again\"\nscenario = \"S.\"\n",
    )
    .unwrap();
    term.press(Key::Char('r'));
    term.wait_for("the library read again", |s| {
        has(s, "read again: ") && has(s, "The porch light, again")
    });
    term.type_text("q");
    assert!(term.wait_exit().success());
}

#[test]
fn a_long_entry_is_read_back_to_its_last_word() {
    let sandbox = Sandbox::new();
    let mut term = start(&sandbox);
    open_fresh_own_view(&mut term);
    let long: String = (1..=640).map(|n| format!("word{n} ")).collect();
    term.paste(&format!("{long}THE-LAST-WORD"));
    term.wait_for_text("THE-LAST-WORD");
    term.press(Key::Esc);
    wait_for_library(&mut term);
    open_history_at_the_draft(&mut term);
    term.press(Key::Enter);
    let screen = term.wait_for("the entry, from the top", |s| {
        has(s, "word1 ") && has(s, "Tab next part")
    });
    assert!(!has(&screen, "THE-LAST-WORD"), "cut at first");
    term.press(Key::End);
    term.wait_for_text("THE-LAST-WORD");
    term.press(Key::Ctrl('c'));
    assert!(term.wait_exit().success());
}
