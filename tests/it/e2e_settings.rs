//! End to end: the settings file, `--plain` and the mouse, in a real terminal.

use crate::common::bicycle::{self, open_fresh_own_view, select_bicycle, wait_for_library};
use crate::common::pty::{self, Key, Term, find, footer, has};
use crate::common::sandbox::Sandbox;

/// Writes the settings where the program looks for them by default.
fn settings(sandbox: &Sandbox, text: &str) {
    let dir = sandbox.home().join(".config/two-worlds");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("config.toml"), text).unwrap();
}

const BOX: [char; 6] = ['─', '│', '┌', '┐', '└', '┘'];

#[test]
fn the_settings_file_sets_the_theme_rebinds_a_key_and_reports_its_mistake_by_line() {
    let sandbox = Sandbox::new();
    settings(
        &sandbox,
        "theme = \"light\"\n\n[keys]\nnext = \"Ctrl+J\"\nmouse = 3\n",
    );
    let mut term = bicycle::start(&sandbox);
    let library = wait_for_library(&mut term);
    // The light theme's titles are blue, never yellow.
    let (row, col) = find(&library, "two-worlds").expect("the header");
    let title = library.cell(row, col).unwrap();
    assert_eq!(title.fgcolor(), vt100::Color::Idx(4), "a blue title");
    assert!(title.bold());
    // The mistake is listed with the scenario files' problems, by line and column.
    term.type_text("!");
    term.wait_for("the settings' problem, by line and column", |s| {
        has(s, "Problems in your settings") && has(s, "config.toml:5:1: error: no command")
    });
    term.press(Key::Esc);
    wait_for_library(&mut term);
    // Ctrl+J is "next" everywhere now, and the footer says so.
    select_bicycle(&mut term);
    term.press(Key::Enter);
    term.wait_for_text(bicycle::SCENARIO_TEXT);
    term.press(Key::Ctrl('j'));
    term.wait_for_text(bicycle::CALM_QUESTION);
    term.press(Key::Enter);
    let own = bicycle::wait_for_empty_own_view(&mut term);
    assert!(footer(&own).contains("Ctrl+J next"), "{}", footer(&own));
    assert!(!footer(&own).contains("Ctrl+N"), "{}", footer(&own));
    term.type_text("mine");
    term.wait_for_text("mine");
    term.press(Key::Ctrl('n'));
    term.press(Key::Ctrl('j'));
    term.wait_for("the partner's view, reached with Ctrl+J", |s| {
        has(s, "Noor's view") && has(s, "As Noor")
    });
    term.press(Key::Ctrl('c'));
    term.wait_exit();
}

#[test]
fn plain_screens_have_no_box_drawing_and_show_the_cursor() {
    let sandbox = Sandbox::new();
    let mut term = Term::start_in(&sandbox, bicycle::COLS, bicycle::ROWS, &["--plain"]);
    let library = wait_for_library(&mut term);
    assert!(
        !pty::dump(&library).contains(BOX),
        "{}",
        pty::dump(&library)
    );
    open_fresh_own_view(&mut term);
    term.type_text("plain words");
    let screen = term.wait_for_text("plain words");
    let dump = pty::dump(&screen);
    assert!(!dump.contains(BOX), "{dump}");
    let (row, col) = pty::cursor(&screen).expect("the cursor shows");
    let (text_row, text_col) = find(&screen, "plain words").unwrap();
    assert_eq!((row, col), (text_row, text_col + 11), "{dump}");
    term.press(Key::Ctrl('c'));
    term.wait_exit();
}

/// SGR mouse reports, as terminals send them once the program asks for them.
fn wheel_down(col: u16, row: u16) -> String {
    format!("\x1b[<65;{};{}M", col + 1, row + 1)
}

fn click(col: u16, row: u16) -> String {
    format!("\x1b[<0;{0};{1}M\x1b[<0;{0};{1}m", col + 1, row + 1)
}

#[test]
fn with_the_mouse_on_the_wheel_moves_and_a_click_picks_and_opens() {
    let sandbox = Sandbox::new();
    settings(&sandbox, "mouse = true\n");
    let mut term = bicycle::start(&sandbox);
    let library = wait_for_library(&mut term);
    assert!(
        pty::find_bytes(&term.raw(), b"\x1b[?1000h").is_some(),
        "the program asks for the mouse"
    );
    let (first, _) = pty::selected_row(&library).unwrap();
    term.send(wheel_down(10, first));
    let moved = term.wait_for("the selection three rows down", |s| {
        pty::selected_row(s).is_some_and(|(row, _)| row == first + 3)
    });
    let (row, _) = pty::selected_row(&moved).unwrap();
    // A click on the row above picks it; a second click opens it.
    term.send(click(10, row - 1));
    term.wait_for("the row above picked", |s| {
        pty::selected_row(s).is_some_and(|(r, _)| r == row - 1)
    });
    term.send(click(10, row - 1));
    term.wait_for("the exercise opened", |s| !has(s, "Library"));
    term.press(Key::Ctrl('c'));
    term.wait_exit();
    assert!(
        pty::find_bytes(&term.raw(), b"\x1b[?1000l").is_some(),
        "the mouse is given back"
    );
}

#[test]
fn without_the_setting_the_mouse_stays_the_terminals() {
    let sandbox = Sandbox::new();
    let mut term = bicycle::start(&sandbox);
    wait_for_library(&mut term);
    assert!(pty::find_bytes(&term.raw(), b"\x1b[?1000h").is_none());
    term.press(Key::Ctrl('c'));
    term.wait_exit();
}
