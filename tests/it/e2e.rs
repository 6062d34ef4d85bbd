//! End to end: the real binary in a real (pseudo-)terminal, driven by keys and read
//! back from the screen, as a user would. Scenarios come from `tests/fixtures/e2e`.

use std::io::Read as _;
use std::os::unix::fs::OpenOptionsExt as _;
use std::process::{Command, Stdio};
use std::time::Instant;

use crate::common::BIN;
use crate::common::bicycle::{
    OWN, SCENARIO_TEXT, TITLE, decline_friend_offer, open_fresh_own_view, wait_for_library,
};
use crate::common::pty::{
    self, Key, Screen, Term, assert_terminal_restored, band, find, has, selected_row,
};
use crate::common::sandbox::Sandbox;

/// What the user writes as their partner's view (their own is [`OWN`]).
const PARTNER: &str = "Ich wollte Ruhe — Straße, 中文字, façade";

/// Writes both views and goes on to the side-by-side screen.
fn reach_side_by_side(term: &mut Term, own: &str, partner: &str) {
    open_fresh_own_view(term);
    term.type_text(own);
    term.wait_for_text(own);
    term.press(Key::Ctrl('n'));
    term.wait_for("the partner's view", |s| {
        has(s, "Noor's view") && has(s, "As Noor")
    });
    term.type_text(partner);
    term.wait_for_text(partner);
    term.press(Key::Ctrl('n'));
    decline_friend_offer(term);
    term.wait_for("the side-by-side screen", |s| {
        has(s, "Noor — as you imagine it") && has(s, own) && has(s, partner)
    });
}

/// Whether `text` is on some row of the columns `[start, start + width)`.
fn in_band(screen: &Screen, start: u16, width: u16, text: &str) -> bool {
    band(screen, start, width)
        .iter()
        .any(|row| row.contains(text))
}

/// The screen's text as one line of words, for messages that may wrap.
fn words_of(screen: &Screen) -> String {
    screen
        .contents()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Own view wholly in the left half, the partner's wholly in the right half.
fn side_by_side(screen: &Screen) -> bool {
    let (_, cols) = screen.size();
    let half = cols.get() / 2;
    in_band(screen, 0, half, OWN)
        && in_band(screen, half, half, PARTNER)
        && !in_band(screen, half, half, OWN)
        && !in_band(screen, 0, half, PARTNER)
}

#[test]
fn walk_through_from_library_to_side_by_side() {
    let mut term = Term::start(120, 40);
    reach_side_by_side(&mut term, OWN, PARTNER);
    term.wait_for(
        "the own view in the left half, Noor's in the right, under the step's name",
        |s| side_by_side(s) && has(s, "[Side by side]"),
    );

    term.press(Key::Ctrl('c'));
    let status = term.wait_exit();
    assert!(status.success(), "Ctrl+C should quit cleanly: {status:?}");
    assert_terminal_restored(&term);
    let home: Vec<_> = std::fs::read_dir(term.sandbox().home())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert!(home.is_empty(), "nothing is written to HOME: {home:?}");
}

#[test]
fn a_100_kb_paste_is_taken_whole_and_the_program_stays_responsive() {
    const LINES: usize = 2400;
    let line = |n: usize| format!("l{n:05} alpha beta gamma delta zeta eta theta");
    // Terminals send pasted line breaks as carriage returns.
    let text = (1..=LINES).map(line).collect::<Vec<_>>().join("\r");
    assert!(text.len() >= 100 * 1024, "{} bytes", text.len());
    let words = LINES * 8;

    let mut term = Term::start(120, 40);
    open_fresh_own_view(&mut term);
    let start = Instant::now();
    term.paste(&text);
    term.wait_for_text(&format!(" {words} words "));
    // A key after the paste is still taken, and counted.
    term.type_text(" omega");
    let all = format!(" {} words ", words + 1);
    term.wait_for_text(&all);
    let took = start.elapsed();

    term.press(Key::Ctrl('n'));
    term.wait_for_text("Noor's view");
    term.type_text("short");
    term.wait_for_text("short");
    term.press(Key::Ctrl('n'));
    decline_friend_offer(&mut term);
    term.press(Key::End);
    // The end of the text, whatever became of the line breaks (see the next test). The
    // side by side has no word counts: counted side by side, texts invite a contest.
    term.wait_for("the end of the pasted text", |s| {
        in_band(s, 0, 60, "theta omega") && !has(s, &all)
    });
    eprintln!("100 KB paste and one word: {took:?}");

    term.press(Key::Ctrl('c'));
    assert!(term.wait_exit().success());
}

#[test]
fn pasted_line_breaks_stay_line_breaks() {
    let mut term = Term::start(120, 40);
    open_fresh_own_view(&mut term);
    term.paste("first line\rsecond line\r\rafter a blank line");
    term.wait_for(
        "each pasted line on a row of its own, the blank line kept",
        |s| {
            let Some((row, col)) = find(s, "first line") else {
                return false;
            };
            find(s, "second line") == Some((row + 1, col))
                && find(s, "after a blank line") == Some((row + 3, col))
                && has(s, " 8 words ")
        },
    );

    term.press(Key::Ctrl('c'));
    assert!(term.wait_exit().success());
}

#[test]
fn resizing_stacks_the_columns_warns_when_too_small_and_recovers() {
    let mut term = Term::start(120, 40);
    reach_side_by_side(&mut term, OWN, PARTNER);

    term.resize(50, 20);
    term.wait_for("at 50×20, the own view above Noor's", |s| {
        match (find(s, OWN), find(s, PARTNER)) {
            (Some((own_row, _)), Some((partner_row, _))) => own_row < partner_row,
            _ => false,
        }
    });

    term.resize(30, 10);
    // The message may wrap at 30 columns; a user reads it across rows.
    term.wait_for("at 30×10, the smallest size and the size now", |s| {
        words_of(s).contains("at least 40×12") && has(s, "(now 30×10)")
    });

    term.resize(120, 40);
    term.wait_for("side by side again at 120×40", |s| {
        side_by_side(s) && !words_of(s).contains("40×12")
    });

    term.press(Key::Ctrl('c'));
    assert!(term.wait_exit().success());
}

#[test]
fn library_keys_move_the_selection_show_help_and_quit() {
    let mut term = Term::start(120, 40);
    let screen = wait_for_library(&mut term);
    let (first, _) = selected_row(&screen).expect("one row is selected at start");

    let moves = [
        (Key::Char('j'), first + 1),
        (Key::Down, first + 2),
        (Key::Char('k'), first + 1),
        (Key::Up, first),
        (Key::Up, first), // already at the top
    ];
    for (key, row) in moves {
        term.press(key);
        term.wait_for(&format!("the marker on row {row} after {key:?}"), |s| {
            // The marker sits on a row that names an exercise.
            selected_row(s).is_some_and(|(r, text)| r == row && text.len() > 6)
        });
    }

    term.type_text("?");
    term.wait_for("help listing the library's keys", |s| {
        has(s, " Keys ")
            && has(s, "filter by title, id or tag")
            && has(s, "open the selected exercise")
            && has(s, "move down")
    });
    term.press(Key::Esc);
    term.wait_for_no_text(" Keys ");

    term.type_text("q");
    let status = term.wait_exit();
    assert!(status.success(), "q should quit cleanly: {status:?}");
    assert_terminal_restored(&term);
}

/// Runs the binary with stdout into a pipe, killing it if it does not end by itself.
fn run_without_terminal(stdin: Stdio) -> (Option<i32>, Vec<u8>, Vec<u8>) {
    let sandbox = Sandbox::new();
    let mut child = Command::new(BIN)
        .args(sandbox.e2e_args())
        .env_clear()
        .envs(sandbox.env())
        .env("TERM", pty::TERM)
        .current_dir(sandbox.cwd())
        .stdin(stdin)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start two-worlds");
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > pty::TIMEOUT {
            child.kill().unwrap();
            child.wait().unwrap();
            panic!(
                "two-worlds without a terminal did not exit within {:?}",
                pty::TIMEOUT
            );
        }
        std::thread::sleep(pty::POLL);
    };
    let mut stdout = Vec::new();
    let mut stderr = Vec::new();
    child
        .stdout
        .take()
        .unwrap()
        .read_to_end(&mut stdout)
        .unwrap();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_end(&mut stderr)
        .unwrap();
    (status.code(), stdout, stderr)
}

#[test]
fn without_a_terminal_it_says_so_and_exits_2() {
    // A terminal on stdin (`two-worlds > file` at a prompt) and none at all (CI).
    let pty = portable_pty::native_pty_system()
        .openpty(portable_pty::PtySize::default())
        .expect("open a pty");
    let tty_name = pty.master.tty_name().expect("the pty has a name");
    // O_NOCTTY: the test process must not adopt the terminal as its own.
    let tty = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .custom_flags(libc::O_NOCTTY)
        .open(&tty_name)
        .expect("open the pty's terminal side");
    for (stdin, what) in [(Stdio::from(tty), "a terminal"), (Stdio::null(), "nothing")] {
        let (code, stdout, stderr) = run_without_terminal(stdin);
        let stderr = String::from_utf8_lossy(&stderr);
        assert_eq!(code, Some(2), "stdin {what}; stderr: {stderr}");
        assert!(
            !stdout.contains(&0x1b),
            "stdin {what}: no escape sequences on stdout: {:?}",
            String::from_utf8_lossy(&stdout)
        );
        assert_eq!(
            stderr.lines().count(),
            1,
            "stdin {what}: one line: {stderr:?}"
        );
        assert!(
            stderr.contains("terminal") && !stderr.contains('\x1b'),
            "stdin {what}: {stderr:?}"
        );
    }
}

#[test]
fn f1_in_the_editor_shows_help_and_esc_keeps_the_text() {
    let mut term = Term::start(120, 40);
    open_fresh_own_view(&mut term);
    term.type_text(OWN);
    term.wait_for("the own view typed and counted", |s| {
        has(s, OWN) && has(s, " 7 words ")
    });

    term.press(Key::F1);
    term.wait_for("help listing the writing keys", |s| {
        has(s, " Keys ") && has(s, "Ctrl+N") && has(s, "next step")
    });

    term.press(Key::Esc);
    term.wait_for("help closed, the own view as it was", |s| {
        !has(s, " Keys ") && has(s, "Your view") && has(s, OWN) && has(s, " 7 words ")
    });
    // The editor has the keys again.
    term.type_text(" encore");
    term.wait_for_text(" 8 words ");

    term.press(Key::Ctrl('c'));
    assert!(term.wait_exit().success());
}

#[test]
fn esc_goes_to_the_library_and_enter_comes_back_to_the_text() {
    let mut term = Term::start(120, 40);
    open_fresh_own_view(&mut term);
    term.type_text(OWN);
    term.wait_for_text(OWN);

    term.press(Key::Esc);
    term.wait_for(
        "the library, the exercise still selected, as a draft",
        |s| {
            has(s, "Library")
                && !has(s, "Your view")
                && selected_row(s)
                    .is_some_and(|(_, row)| row.contains(TITLE) && row.contains("draft"))
        },
    );

    term.press(Key::Enter);
    term.wait_for("the own view again, with its text", |s| {
        has(s, "Your view") && has(s, OWN) && !has(s, SCENARIO_TEXT)
    });

    term.press(Key::Ctrl('c'));
    assert!(term.wait_exit().success());
}

/// Keys typed ahead into a window no frame has shown yet still stop at its limits:
/// `?`, End and Up arrive in one read; Up must move one row back from the end, so
/// the help shows there is more below.
#[test]
fn keys_typed_ahead_into_a_new_window_scroll_within_its_limits() {
    let mut term = Term::start(60, 14);
    term.wait_for("the library", |s| {
        has(s, "Library") && selected_row(s).is_some()
    });
    term.send("?\x1b[F\x1b[A");
    term.wait_for("the help, one row above its end", |s| {
        has(s, "Keys") && has(s, "PgDn more") && !has(s, "brings it back.")
    });
    // And End alone shows the end: the last line, nothing more below.
    term.send("\x1b[F");
    term.wait_for("the end of the help", |s| {
        has(s, "brings it back.") && !has(s, "PgDn more")
    });
}

/// The keys a Mac sends with its default settings reach the editor: Option+← as
/// iTerm2 sends it (`ESC ESC [ D`, which must not be read as Esc, leaving the
/// screen, then two letters), Option+→ as Terminal.app sends it (`ESC f`), and
/// Ctrl+A for the start of the line.
#[test]
fn option_arrows_and_ctrl_a_move_as_on_a_mac() {
    let sandbox = Sandbox::new();
    let mut term = crate::common::bicycle::start_writing(&sandbox, "one two three");
    let screen = term.screen();
    let (row, end) = pty::cursor(&screen).expect("the cursor shows while writing");
    let at = |term: &mut Term, col: u16, what: &str| {
        term.wait_for(what, |s| pty::cursor(s) == Some((row, col)));
    };
    term.send(b"\x1b\x1b[D");
    at(
        &mut term,
        end - 5,
        "iTerm2's Option+←: the start of \"three\"",
    );
    term.send(b"\x1b\x1b[D");
    at(&mut term, end - 9, "again: the start of \"two\"");
    term.send(b"\x01");
    at(&mut term, end - 13, "Ctrl+A: the start of the line");
    term.send(b"\x1bf");
    at(
        &mut term,
        end - 10,
        "Terminal.app's Option+→: the end of \"one\"",
    );
    // Still writing, and those keys typed nothing.
    term.type_text("!");
    let screen = term.wait_for_text("one! two three");
    assert!(pty::has(&screen, "Your view"), "{}", pty::dump(&screen));
    term.press(Key::Ctrl('q'));
}

/// The terminal's own cursor is where the next letter goes, after wide and
/// combined characters too, so input methods and screen readers follow it; it is
/// hidden where nothing is typed.
#[test]
fn the_terminal_cursor_follows_the_text_through_wide_characters() {
    let sandbox = Sandbox::new();
    let mut term = crate::common::bicycle::start(&sandbox);
    let library = wait_for_library(&mut term);
    assert_eq!(pty::cursor(&library), None, "no cursor in the library list");
    open_fresh_own_view(&mut term);
    // Typed in pieces: each piece is on screen before the next goes.
    for (piece, columns) in [("日本語", 6), ("ab", 2), ("e\u{301}", 1), ("中文", 4)] {
        let before = term.screen();
        let (row, col) = pty::cursor(&before).expect("the cursor shows while writing");
        term.type_text(piece);
        let screen = term.wait_for("the cursor to move past what was typed", |s| {
            pty::cursor(s) == Some((row, col + columns))
        });
        let typed: String = pty::row_text(&screen, row)
            .chars()
            .skip_while(|c| *c == ' ' || *c == '│')
            .collect();
        assert!(
            typed.contains(piece),
            "{piece:?} on the cursor's row: {typed:?}"
        );
    }
    // The cursor is at the end of the text, which ends the row.
    let screen = term.screen();
    let (row, col) = pty::cursor(&screen).unwrap();
    let cell = screen.cell(row, col - 2).unwrap();
    assert_eq!(
        cell.contents(),
        "文",
        "the last wide character is just before the cursor"
    );
    term.press(Key::Ctrl('q'));
}
