//! Untrusted text never reaches the terminal raw: scenario files, entry files
//! (hand-edited or damaged) and file and folder names may hold terminal
//! commands (OSC 52 writes the clipboard, OSC 0 the window title, OSC 8 makes
//! links, `ESC [2J` clears the screen), BEL, NUL, C1 controls and bidi
//! overrides. `check` reports each one with its line and column; every command
//! shows them as visible escapes such as `\u{1b}`; JSON keeps the exact text
//! with JSON escapes.
//!
//! The real binary, in a sandbox (see `common::sandbox`), with `TZ=UTC`.

use std::path::PathBuf;

use crate::common::cli::Run;
use crate::common::is_unsafe;
use crate::common::sandbox::Sandbox;

/// Every attack the issue names, as the characters they are.
const ATTACKS: &[(&str, &str)] = &[
    ("OSC 52", "\u{1b}]52;c;aGVsbG8=\u{7}"),
    ("clear screen", "\u{1b}[2J"),
    ("OSC 0", "\u{1b}]0;owned\u{7}"),
    (
        "OSC 8",
        "\u{1b}]8;;https://example.com\u{1b}\\link\u{1b}]8;;\u{1b}\\",
    ),
    ("BEL", "\u{7}"),
    ("NUL", "\0"),
    ("C1 CSI", "\u{9b}31m"),
    ("right-to-left override", "\u{202e}reversed"),
];

/// All the attacks in one string.
fn attacks() -> String {
    ATTACKS
        .iter()
        .map(|(name, attack)| format!("{name}: {attack}"))
        .collect::<Vec<_>>()
        .join(" / ")
}

#[track_caller]
fn assert_nothing_raw(what: &str, text: &str) {
    if let Some(c) = text.chars().find(|&c| is_unsafe(c)) {
        panic!(
            "{what} holds U+{:04X} raw:\n{}",
            u32::from(c),
            text.escape_debug()
        );
    }
}

#[track_caller]
fn assert_run_shows_nothing_raw(what: &str, run: &Run) {
    assert_nothing_raw(&format!("{what}: stdout"), &run.stdout);
    assert_nothing_raw(&format!("{what}: stderr"), &run.stderr);
}

/// A TOML basic string (quotes included) with every unsafe character written
/// as a `\uXXXX` escape.
fn toml_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if is_unsafe(c) => out.push_str(&format!("\\u{:04x}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Line, column (in characters) and code point of every `\uXXXX` escape in TOML
/// written by `toml_string` (or a multi-line string written the same way).
fn escapes_in(source: &str) -> Vec<(usize, usize, u32)> {
    let mut found = Vec::new();
    for (index, line) in source.lines().enumerate() {
        let chars: Vec<char> = line.chars().collect();
        let mut i = 0;
        while i < chars.len() {
            if chars[i] == '\\' {
                if chars.get(i + 1) == Some(&'u') {
                    let hex: String = chars[i + 2..i + 6].iter().collect();
                    found.push((index + 1, i + 1, u32::from_str_radix(&hex, 16).unwrap()));
                    i += 6;
                } else {
                    i += 2;
                }
            } else {
                i += 1;
            }
        }
    }
    found
}

/// A scenario holding every attack in its title, tags, partner, summary and
/// scenario, all written as TOML escapes.
fn attack_scenario() -> String {
    let a = attacks();
    format!(
        "format = 1\nid = \"attacks\"\ntitle = {}\ntags = [{}, \"plain\"]\npartner = {}\nsummary = {}\nscenario = \"\"\"\n{}\nand a second line\n\"\"\"\n",
        toml_string(&format!("Title {a}")),
        toml_string(&a),
        toml_string(&format!("Sam {a}")),
        toml_string(&format!("Summary {a}")),
        toml_string(&format!("Scenario {a}")).trim_matches('"'),
    )
}

// ---------------------------------------------------------------- check

#[test]
fn check_reports_every_attack_in_a_scenario_file_at_its_line_and_column() {
    let sandbox = Sandbox::first_run();
    let path = sandbox.root().join("attacks.toml");
    let source = attack_scenario();
    std::fs::write(&path, &source).unwrap();

    let run = sandbox.run(&["check", &path.display().to_string()]);
    run.assert_code(1);
    assert_run_shows_nothing_raw("check", &run);

    let expected = escapes_in(&source);
    // 13 escapes in each of the five fields.
    assert_eq!(expected.len(), 13 * 5, "{source}");
    for (line, col, code) in &expected {
        let at = format!("{}:{line}:{col}: error: ", path.display());
        let reported = run
            .stdout_lines()
            .into_iter()
            .find(|l| l.starts_with(&at))
            .unwrap_or_else(|| panic!("nothing reported at {at}:\n{}", run.stdout));
        assert!(reported.contains(&format!("U+{code:04X}")), "{reported}");
        assert!(reported.contains("cannot be shown safely"), "{reported}");
    }
    assert!(
        run.stdout
            .ends_with("1 file checked, 65 errors, 0 warnings\n"),
        "{}",
        run.stdout
    );
}

#[test]
fn check_names_the_field_and_the_escape_as_written() {
    let sandbox = Sandbox::first_run();
    let path = sandbox.root().join("osc.toml");
    std::fs::write(
        &path,
        "title = \"Hi \\e]0;x\\x07 there\"\nscenario = \"Fine.\"\n[own_view]\nhints = [\"ok\", \"\\U0000202E\"]\n",
    )
    .unwrap();
    let run = sandbox.run(&["check", &path.display().to_string()]);
    run.assert_code(1);
    let shown = path.display();
    assert_eq!(
        run.stdout_lines(),
        [
            format!(
                "{shown}:1:13: error: `title` holds U+001B (escape, a control character), written `\\e`, which cannot be shown safely; remove it"
            ),
            format!(
                "{shown}:1:19: error: `title` holds U+0007 (bell, a control character), written `\\x07`, which cannot be shown safely; remove it"
            ),
            format!(
                "{shown}:4:17: error: `own_view.hints` holds U+202E (right-to-left override, a text-direction control), written `\\U0000202E`, which cannot be shown safely; remove it"
            ),
            "1 file checked, 3 errors, 0 warnings".to_string(),
        ]
    );
}

#[test]
fn check_reports_raw_c1_and_override_characters_and_raw_controls() {
    let sandbox = Sandbox::first_run();
    let raw = sandbox.root().join("raw.toml");
    // TOML lets C1 controls and overrides stand raw in a string, and in comments.
    std::fs::write(
        &raw,
        "# note \u{202e}x\ntitle = \"ab\u{9b}2J cd\u{202e}ef\"\nscenario = \"x\"\n",
    )
    .unwrap();
    // TOML refuses a raw ESC: it is still named plainly, where it stands.
    let esc = sandbox.root().join("esc.toml");
    std::fs::write(&esc, "title = \"a\u{1b}[2Jb\"\nscenario = \"x\"\n").unwrap();

    let run = sandbox.run(&[
        "check",
        &raw.display().to_string(),
        &esc.display().to_string(),
    ]);
    run.assert_code(1);
    assert_run_shows_nothing_raw("check", &run);
    let lines = run.stdout_lines();
    let (raw, esc) = (raw.display(), esc.display());
    assert!(
        lines[0].starts_with(&format!("{raw}:1:8: error: ")),
        "{lines:#?}"
    );
    assert!(lines[0].contains("U+202E"), "{lines:#?}");
    assert!(
        lines[1].starts_with(&format!("{raw}:2:12: error: `title` holds U+009B")),
        "{lines:#?}"
    );
    assert!(
        lines[2].starts_with(&format!("{raw}:2:18: error: `title` holds U+202E")),
        "{lines:#?}"
    );
    assert!(
        lines[3].starts_with(&format!("{esc}:1:11: error: ")) && lines[3].contains("U+001B"),
        "{lines:#?}"
    );
    assert_eq!(lines.len(), 5, "{lines:#?}");
}

#[test]
fn check_reports_isolates_only_when_unbalanced_within_a_line() {
    let sandbox = Sandbox::first_run();
    let path = sandbox.root().join("isolates.toml");
    std::fs::write(
        &path,
        "title = \"Open \u{2067}here\"\nscenario = \"\"\"\nClosed \u{2067}שלום\u{2069} fine.\nStray \\u2069 close.\n\"\"\"\n",
    )
    .unwrap();
    let run = sandbox.run(&["check", &path.display().to_string()]);
    run.assert_code(1);
    assert_run_shows_nothing_raw("check", &run);
    let shown = path.display();
    let lines = run.stdout_lines();
    assert!(
        lines[0].starts_with(&format!("{shown}:1:15: error: `title` holds U+2067")),
        "{lines:#?}"
    );
    assert!(
        lines[1].starts_with(&format!("{shown}:4:7: error: `scenario` holds U+2069")),
        "{lines:#?}"
    );
    assert_eq!(lines.len(), 3, "{lines:#?}");
}

#[test]
fn right_to_left_prose_with_balanced_isolates_and_emoji_passes_check() {
    let sandbox = Sandbox::first_run();
    let path = sandbox.root().join("hebrew.toml");
    std::fs::write(
        &path,
        "title = \"שיחה על הכלים 👩\u{200d}❤\u{fe0f}\u{200d}👨\"\ntags = [\"עברית\", \"عربي\"]\npartner = \"דנה\"\nscenario = \"\"\"\nאמרת \u{2067}\"לא עכשיו\"\u{2069} ויצאת.\nقلت \u{2068}نعم\u{2069} e\u{301} \u{2066}OK\u{2069}\n\"\"\"\n",
    )
    .unwrap();
    let run = sandbox.run(&["check", &path.display().to_string()]);
    run.assert_code(0);
    assert_eq!(run.stdout, "1 file checked, 0 errors, 0 warnings\n");
}

// ---------------------------------------------------------------- list

#[test]
fn list_and_check_never_show_an_attack_raw() {
    let sandbox = Sandbox::first_run();
    std::fs::create_dir_all(sandbox.user_exercises_dir()).unwrap();
    std::fs::write(
        sandbox.user_exercises_dir().join("attacks.toml"),
        attack_scenario(),
    )
    .unwrap();
    for args in [&["list"][..], &["list", "--json"], &["check"]] {
        let run = sandbox.run(args);
        assert_run_shows_nothing_raw(&args.join(" "), &run);
        // The file does not load: it is not in the library.
        assert!(!run.stdout.contains("attacks\n"), "{run:#?}");
        assert!(!run.stdout.contains("Title"), "{run:#?}");
    }
    sandbox.run(&["check"]).assert_code(1);
}

#[test]
fn new_with_a_direction_control_in_the_title_writes_a_file_that_passes_check() {
    let sandbox = Sandbox::first_run();
    let dir = sandbox.root().join("mine");
    let new = sandbox.run(&[
        "new",
        "fresh",
        "--title",
        "Dishes \u{202e}at\u{2066} midnight\u{1b}[2J",
        "--dir",
        &dir.display().to_string(),
    ]);
    new.assert_code(0);
    let file = dir.join("fresh.toml");
    let check = sandbox.run(&["check", &file.display().to_string()]);
    check.assert_code(0);
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(
        text.contains("title = \"Dishes at midnight [2J\""),
        "{text}"
    );
}

// ---------------------------------------------------------------- file names

/// A file or folder name with a terminal command and an override in it.
const EVIL_NAME: &str = "evil\u{1b}]0;owned\u{7}\u{202e}lmth";
const EVIL_SHOWN: &str = "evil\\u{1b}]0;owned\\u{7}\\u{202e}lmth";

#[test]
fn a_file_name_with_controls_is_shown_escaped_by_every_command() {
    let sandbox = Sandbox::first_run();
    std::fs::create_dir_all(sandbox.user_exercises_dir()).unwrap();
    let file = sandbox
        .user_exercises_dir()
        .join(format!("{EVIL_NAME}.toml"));
    // Loads, with a warning that names the file.
    std::fs::write(
        &file,
        "id = \"evil-name\"\ntitle = \"Evil name\"\nscenario = \"Hello {frend}.\"\n",
    )
    .unwrap();
    let file_arg = file.display().to_string();
    let shown = format!("{EVIL_SHOWN}.toml");

    let check = sandbox.run(&["check"]);
    check.assert_code(0);
    assert_run_shows_nothing_raw("check", &check);
    assert!(
        check.stdout.contains(&format!("{shown}:3:19: warning")),
        "{check:#?}"
    );

    let named = sandbox.run(&["check", &file_arg]);
    assert_run_shows_nothing_raw("check FILE", &named);
    assert!(named.stdout.contains(&shown), "{named:#?}");

    let list = sandbox.run(&["list"]);
    list.assert_code(0);
    assert_run_shows_nothing_raw("list", &list);
    assert!(list.stdout.contains(&shown), "{list:#?}");
    assert!(list.stderr.contains(&shown), "{list:#?}");

    let json = sandbox.run(&["list", "--json"]);
    assert_run_shows_nothing_raw("list --json", &json);
    let items = json.stdout_json();
    let ours = items
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == "evil-name")
        .expect("listed");
    assert_eq!(ours["source"]["path"], file_arg.as_str(), "the exact path");

    let paths = sandbox.run(&["--exercises", &file_arg, "paths"]);
    assert_run_shows_nothing_raw("paths", &paths);
    assert!(paths.stdout.contains(&shown), "{paths:#?}");

    let missing = sandbox.root().join(format!("{EVIL_NAME}-missing.toml"));
    let missing = sandbox.run(&["check", &missing.display().to_string()]);
    missing.assert_code(1);
    assert_run_shows_nothing_raw("check MISSING", &missing);
    assert!(
        missing
            .stdout
            .contains(&format!("{EVIL_SHOWN}-missing.toml: error: cannot read")),
        "{missing:#?}"
    );
}

#[test]
fn a_folder_name_with_controls_is_shown_escaped_by_new_paths_and_errors() {
    let sandbox = Sandbox::first_run();
    let dir = sandbox.root().join(EVIL_NAME);

    let new = sandbox.run(&["new", "fresh", "--dir", &dir.display().to_string()]);
    new.assert_code(0);
    assert_run_shows_nothing_raw("new", &new);
    assert!(
        new.stdout.contains(&format!("{EVIL_SHOWN}/fresh.toml")),
        "{new:#?}"
    );
    assert!(new.stderr.contains(EVIL_SHOWN), "{new:#?}");

    // The same file again: the error names it, escaped.
    let again = sandbox.run(&["new", "fresh", "--dir", &dir.display().to_string()]);
    let line = again.assert_one_line_error();
    assert_nothing_raw("new again", &again.stderr);
    assert!(line.contains(EVIL_SHOWN), "{again:#?}");

    let mut paths = sandbox.bare();
    paths.arg("--data-dir").arg(&dir).arg("paths");
    let paths = sandbox.run_command(paths);
    paths.assert_code(0);
    assert_run_shows_nothing_raw("paths", &paths);
    assert!(paths.stdout.contains(EVIL_SHOWN), "{paths:#?}");

    let export = sandbox.run(&["export", &format!("{EVIL_NAME}/x")]);
    let line = export.assert_one_line_error();
    assert_nothing_raw("export", &export.stderr);
    assert!(line.contains(EVIL_SHOWN), "{export:#?}");

    let out = sandbox.root().join(format!("{EVIL_NAME}.md"));
    std::fs::write(&out, "already here").unwrap();
    let refused = sandbox.run(&["export", "--all", "-o", &out.display().to_string()]);
    let line = refused.assert_one_line_error();
    assert_nothing_raw("export -o", &refused.stderr);
    assert!(line.contains(EVIL_SHOWN), "{refused:#?}");
}

// ---------------------------------------------------------------- entries

/// The fields of the hand-edited entry, with every attack in each.
struct Attacked {
    title: String,
    partner: String,
    scenario: String,
    own_view: String,
    partner_view: String,
    question: String,
    answer: String,
}

fn attacked() -> Attacked {
    let a = attacks();
    Attacked {
        title: format!("Title {a}"),
        partner: format!("Sam {a}"),
        scenario: format!("Scenario {a}\nsecond line"),
        own_view: format!("Mine {a}\n\n## not a heading {a}"),
        partner_view: format!("Theirs {a}"),
        question: format!("Question {a}?"),
        answer: format!("Answer {a}"),
    }
}

/// An entry file as a person might have edited it by hand.
fn write_attacked_entry(sandbox: &Sandbox, exercise_id: &str, file_name: &str) -> PathBuf {
    let a = attacked();
    let text = format!(
        "format = 1\nexercise_id = {}\nexercise_title = {}\npartner = {}\nstarted = \"2024-01-05T19:00:00Z\"\nsaved = \"2024-01-05T19:20:00Z\"\ncompleted = \"2024-01-05T19:20:00Z\"\nstatus = \"complete\"\nstep = \"finished\"\nwords = 3\nscenario = {}\nown_view = {}\npartner_view = {}\n\n[[reflection]]\nquestion = {}\nanswer = {}\n",
        toml_string(exercise_id),
        toml_string(&a.title),
        toml_string(&a.partner),
        toml_string(&a.scenario),
        toml_string(&a.own_view),
        toml_string(&a.partner_view),
        toml_string(&a.question),
        toml_string(&a.answer),
    );
    let dir = sandbox.entries_dir().join(exercise_id);
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(file_name);
    std::fs::write(&path, text).unwrap();
    path
}

#[track_caller]
fn assert_exact_entry(entry: &serde_json::Value) {
    let a = attacked();
    assert_eq!(entry["exercise_title"], a.title.as_str());
    assert_eq!(entry["partner"], a.partner.as_str());
    assert_eq!(entry["scenario"], a.scenario.as_str());
    assert_eq!(entry["own_view"], a.own_view.as_str());
    assert_eq!(entry["partner_view"], a.partner_view.as_str());
    assert_eq!(entry["reflection"][0]["question"], a.question.as_str());
    assert_eq!(entry["reflection"][0]["answer"], a.answer.as_str());
}

#[test]
fn history_never_shows_an_edited_entry_raw() {
    let sandbox = Sandbox::first_run();
    write_attacked_entry(&sandbox, "the-dishes", "20240105T190000Z.toml");

    let table = sandbox.run(&["history"]);
    table.assert_code(0);
    assert_run_shows_nothing_raw("history", &table);
    assert!(
        table
            .stdout
            .contains("Title OSC 52: \\u{1b}]52;c;aGVsbG8=\\u{7}"),
        "{table:#?}"
    );

    let json = sandbox.run(&["history", "--json"]);
    json.assert_code(0);
    assert_run_shows_nothing_raw("history --json", &json);
    let items = json.stdout_json();
    assert_eq!(items[0]["title"], attacked().title.as_str(), "exact");
}

#[test]
fn export_shows_an_edited_entry_escaped_in_markdown_and_exact_in_json() {
    let sandbox = Sandbox::first_run();
    write_attacked_entry(&sandbox, "the-dishes", "20240105T190000Z.toml");
    let entry = "the-dishes/20240105T190000Z";

    for args in [&["export", entry][..], &["export", "--all"]] {
        let md = sandbox.run(args);
        md.assert_code(0);
        assert_run_shows_nothing_raw(&args.join(" "), &md);
        for visible in [
            "# Title OSC 52: \\u{1b}]52;c;aGVsbG8=\\u{7}",
            "## Sam OSC 52: \\u{1b}]52;",
            // Markdown's `[` and `]` escaped too, so no link can form.
            "Scenario OSC 52: \\u{1b}\\]52;c;aGVsbG8=\\u{7} / clear screen: \\u{1b}\\[2J",
            "NUL: \\u{0} / C1 CSI: \\u{9b}31m / right-to-left override: \\u{202e}reversed",
            "### Question OSC 52",
            "Answer OSC 52",
            "\\## not a heading",
        ] {
            assert!(md.stdout.contains(visible), "{visible}:\n{}", md.stdout);
        }
    }

    let json = sandbox.run(&["export", entry, "--format", "json"]);
    json.assert_code(0);
    assert_run_shows_nothing_raw("export --format json", &json);
    assert!(
        json.stdout.contains("\\u001b]52;c;aGVsbG8=\\u0007"),
        "{}",
        json.stdout
    );
    assert!(json.stdout.contains("\\u009b31m"), "{}", json.stdout);
    assert!(json.stdout.contains("\\u202ereversed"), "{}", json.stdout);
    assert_exact_entry(&json.stdout_json());

    let all = sandbox.run(&["export", "--all", "--format", "json"]);
    assert_run_shows_nothing_raw("export --all --format json", &all);
    let all = all.stdout_json();
    assert_exact_entry(&all[0]);
}

#[test]
fn export_to_a_file_writes_the_same_safe_text() {
    let sandbox = Sandbox::first_run();
    write_attacked_entry(&sandbox, "the-dishes", "20240105T190000Z.toml");
    let entry = "the-dishes/20240105T190000Z";

    let md = sandbox.root().join("out.md");
    let run = sandbox.run(&["export", entry, "-o", &md.display().to_string()]);
    run.assert_code(0);
    assert_run_shows_nothing_raw("export -o md", &run);
    let text = std::fs::read_to_string(&md).unwrap();
    assert_nothing_raw("the exported Markdown file", &text);
    assert!(text.contains("\\u{1b}]52;c;aGVsbG8=\\u{7}"), "{text}");

    let json = sandbox.root().join("out.json");
    let run = sandbox.run(&[
        "export",
        entry,
        "--format",
        "json",
        "-o",
        &json.display().to_string(),
    ]);
    run.assert_code(0);
    let text = std::fs::read_to_string(&json).unwrap();
    assert_nothing_raw("the exported JSON file", &text);
    assert_exact_entry(&serde_json::from_str(&text).unwrap());
}

#[test]
fn entry_file_and_folder_names_with_controls_are_shown_escaped() {
    let sandbox = Sandbox::first_run();
    // A well-formed entry in a folder and under a file name no one should trust.
    let path = write_attacked_entry(&sandbox, EVIL_NAME, &format!("{EVIL_NAME}.toml"));
    // And one that cannot be read, so its name is given with a reason.
    std::fs::write(path.with_file_name(format!("{EVIL_NAME}-2.toml")), "oops").unwrap();

    for args in [
        &["history"][..],
        &["history", "--json"],
        &["export", "--all"],
        &["export", "--all", "--format", "json"],
    ] {
        let run = sandbox.run(args);
        // `export --all` says with its exit code that an entry was left out.
        run.assert_code(if args[0] == "export" { 1 } else { 0 });
        assert_run_shows_nothing_raw(&args.join(" "), &run);
        assert!(run.stderr.contains(EVIL_SHOWN), "{args:?}: {run:#?}");
    }
    let table = sandbox.run(&["history"]);
    assert!(
        table
            .stdout
            .contains(&format!("{EVIL_SHOWN}/{EVIL_SHOWN}.toml")),
        "{table:#?}"
    );
    // JSON gives the reference back exactly, for `export` to take.
    let json = sandbox.run(&["history", "--json"]);
    let items = json.stdout_json();
    let reference = format!("{EVIL_NAME}/{EVIL_NAME}.toml");
    assert!(
        items
            .as_array()
            .unwrap()
            .iter()
            .any(|item| item["entry"] == reference.as_str()),
        "{}",
        json.stdout
    );
    let export = sandbox.run(&["export", &reference]);
    export.assert_code(0);
    assert_run_shows_nothing_raw("export REFERENCE", &export);
}

#[test]
fn export_keeps_balanced_isolates_and_joiners_in_prose() {
    let sandbox = Sandbox::first_run();
    let dir = sandbox.entries_dir().join("hebrew");
    std::fs::create_dir_all(&dir).unwrap();
    let own = "אמרת \u{2067}\"לא עכשיו\"\u{2069} 👩\u{200d}👩\u{200d}👧 e\u{301}";
    std::fs::write(
        dir.join("20240105T190000Z.toml"),
        format!(
            "format = 1\nexercise_id = \"hebrew\"\nexercise_title = \"שיחה\"\npartner = \"דנה\"\nstarted = \"2024-01-05T19:00:00Z\"\nsaved = \"2024-01-05T19:20:00Z\"\nstatus = \"draft\"\nstep = \"own-view\"\nwords = 3\nscenario = \"x\"\nown_view = \"{}\"\npartner_view = \"\"\n",
            own.replace('"', "\\\"")
        ),
    )
    .unwrap();
    let run = sandbox.run(&["export", "hebrew/20240105T190000Z"]);
    run.assert_code(0);
    assert!(run.stdout.contains(own), "{}", run.stdout.escape_debug());
    assert!(run.stdout.starts_with("# שיחה\n"), "{}", run.stdout);
}
