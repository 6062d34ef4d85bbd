//! The command line as a user meets it: the real binary, run in a sandbox.
//!
//! Every run gets a temporary `--data-dir` (or, for the tests of the fallbacks, a
//! temporary `TWO_WORLDS_DATA_DIR`, `XDG_DATA_HOME` or `HOME`), with `HOME` and
//! `XDG_DATA_HOME` pointed into the sandbox and `TWO_WORLDS_DATA_DIR` removed, so no
//! test can read or write the real home folder. Every run is also checked for
//! panics and backtraces.

use std::path::PathBuf;

#[cfg(target_os = "linux")]
use crate::common::cli::assert_no_panic;
use crate::common::cli::{Run, table_rows};
use crate::common::sandbox::Sandbox;
use crate::common::{self, assert_mode};

/// How many scenarios ship with the program.
fn builtin_count() -> usize {
    two_worlds::exercise::BUILTIN.len()
}

impl Sandbox {
    /// Writes a scenario file into the user's exercises folder.
    fn add_user_file(&self, name: &str, text: &str) -> PathBuf {
        std::fs::create_dir_all(self.user_exercises_dir()).unwrap();
        let path = self.user_exercises_dir().join(name);
        std::fs::write(&path, text).unwrap();
        path
    }
}

/// `tests/fixtures/cli/<rel>`: scenario folders the commands are pointed at.
fn cli_fixture(rel: &str) -> PathBuf {
    common::fixture("cli").join(rel)
}

/// [`cli_fixture`] as an argument.
fn cli_fixture_str(rel: &str) -> String {
    cli_fixture(rel).display().to_string()
}

fn json_list(run: &Run) -> Vec<serde_json::Value> {
    run.stdout_json().as_array().expect("a JSON array").clone()
}

const GOOD_USER_FILE: &str = r#"
title = "Dishes at midnight"
tags = ["household"]
scenario = "The sink is full again and it is your turn, or so {partner} says."
"#;

// ---------------------------------------------------------------- list

#[test]
fn list_shows_the_13_built_ins_under_a_header() {
    let sandbox = Sandbox::first_run();
    let run = sandbox.run(&["list"]);
    run.assert_code(0);
    assert_eq!(run.stderr, "");

    let rows = table_rows(&run.stdout);
    assert_eq!(rows[0], ["ID", "TITLE", "TAGS", "SOURCE"]);
    assert_eq!(rows.len(), 1 + builtin_count(), "{}", run.stdout);
    assert_eq!(
        rows[1],
        [
            "can-we-talk",
            "Can we talk about it?",
            "communication, silence",
            "built-in"
        ]
    );
    assert!(
        rows[1..]
            .iter()
            .all(|row| row.last().unwrap() == "built-in"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.lines().all(|line| line == line.trim_end()),
        "no trailing spaces"
    );
}

#[test]
fn list_exercises_flag_adds_a_file_shown_with_its_path() {
    let sandbox = Sandbox::first_run();
    let good = cli_fixture_str("mixed/good.toml");
    let run = sandbox.run(&["list", "--exercises", &good]);
    run.assert_code(0);
    assert_eq!(run.stderr, "");

    let rows = table_rows(&run.stdout);
    assert_eq!(rows.len(), 1 + builtin_count() + 1, "{}", run.stdout);
    assert_eq!(
        rows.last().unwrap(),
        &[
            "porch-light",
            "The porch light",
            "home, waiting",
            good.as_str()
        ]
    );
}

#[test]
fn list_exercises_flag_also_works_before_the_subcommand_and_on_a_folder() {
    let sandbox = Sandbox::first_run();
    let mut cmd = sandbox.bare();
    cmd.arg("--exercises")
        .arg(cli_fixture("warning"))
        .arg("--data-dir")
        .arg(sandbox.data_dir())
        .arg("list");
    let run = sandbox.run_command(cmd);
    run.assert_code(0);
    let last = run.stdout_lines().last().unwrap().to_string();
    assert!(last.starts_with("placeholder "), "{}", run.stdout);
    assert!(
        last.ends_with(&cli_fixture_str("warning/placeholder.toml")),
        "{last}"
    );
    // A warning is still shown, on stderr, with its line.
    assert_eq!(
        run.stderr_lines(),
        [format!(
            "{}:4:1: warning: unknown placeholder `{{partnr}}` will be shown as it is; did you mean `{{partner}}`?",
            cli_fixture_str("warning/placeholder.toml")
        )]
    );
}

#[test]
fn list_reports_a_bad_file_on_stderr_with_its_line_and_still_succeeds() {
    let sandbox = Sandbox::first_run();
    let bad = cli_fixture_str("mixed/bad.toml");
    let run = sandbox.run(&["list", "--exercises", &bad]);
    run.assert_code(0);
    assert_eq!(
        run.stderr_lines(),
        [format!(
            "{bad}:3:1: error: unknown key `sumary`; did you mean `summary`?"
        )]
    );
    // The problem is not mixed into the table, and the built-ins are all there.
    assert!(!run.stdout.contains("sumary"), "{}", run.stdout);
    assert_eq!(run.stdout_lines().len(), 1 + builtin_count());
}

#[test]
fn list_reports_a_missing_exercises_path_and_still_succeeds() {
    let sandbox = Sandbox::first_run();
    let missing = sandbox.root().join("no-such.toml");
    let run = sandbox.run(&["list", "--exercises", missing.to_str().unwrap()]);
    run.assert_code(0);
    assert_eq!(
        run.stderr_lines(),
        [format!(
            "{}: error: cannot read: no such file or folder",
            missing.display()
        )]
    );
    assert_eq!(run.stdout_lines().len(), 1 + builtin_count());
}

#[test]
fn list_data_dir_after_the_subcommand_finds_the_user_folder() {
    let sandbox = Sandbox::first_run();
    let user_file = sandbox.add_user_file("dishes.toml", GOOD_USER_FILE);

    let mut cmd = sandbox.bare();
    cmd.arg("list").arg("--data-dir").arg(sandbox.data_dir());
    let run = sandbox.run_command(cmd);
    run.assert_code(0);
    assert_eq!(run.stderr, "");
    let rows = table_rows(&run.stdout);
    assert_eq!(rows.len(), 1 + builtin_count() + 1, "{}", run.stdout);
    assert_eq!(
        rows.last().unwrap(),
        &[
            "dishes",
            "Dishes at midnight",
            "household",
            &user_file.display().to_string()
        ]
    );
}

#[test]
fn list_uses_the_two_worlds_data_dir_variable() {
    let sandbox = Sandbox::first_run();
    sandbox.add_user_file("dishes.toml", GOOD_USER_FILE);

    let mut cmd = sandbox.bare();
    cmd.env("TWO_WORLDS_DATA_DIR", sandbox.data_dir())
        .arg("list");
    let run = sandbox.run_command(cmd);
    run.assert_code(0);
    let last = run.stdout_lines().last().unwrap().to_string();
    assert!(last.starts_with("dishes "), "{}", run.stdout);
    assert!(
        last.ends_with(
            &sandbox
                .user_exercises_dir()
                .join("dishes.toml")
                .display()
                .to_string()
        ),
        "{last}"
    );
}

#[test]
fn data_dir_flag_wins_over_the_variable() {
    let sandbox = Sandbox::first_run();
    sandbox.add_user_file("dishes.toml", GOOD_USER_FILE);
    let other = sandbox.root().join("other-data");

    let mut cmd = sandbox.bare();
    cmd.env("TWO_WORLDS_DATA_DIR", &other)
        .arg("list")
        .arg("--data-dir")
        .arg(sandbox.data_dir());
    let run = sandbox.run_command(cmd);
    run.assert_code(0);
    assert!(run.stdout.contains("\ndishes "), "{}", run.stdout);
    assert!(!other.exists());
}

// ---------------------------------------------------------------- list --json

#[test]
fn list_json_is_valid_json_with_every_field() {
    let sandbox = Sandbox::first_run();
    let good = cli_fixture_str("mixed/good.toml");
    let run = sandbox.run(&["list", "--json", "--exercises", &good]);
    run.assert_code(0);
    assert_eq!(run.stderr, "");

    let items = json_list(&run);
    assert_eq!(items.len(), builtin_count() + 1);
    for item in &items {
        let object = item.as_object().expect("each item is an object");
        let mut keys: Vec<_> = object.keys().map(String::as_str).collect();
        keys.sort_unstable();
        assert_eq!(
            keys,
            ["id", "partner", "source", "summary", "tags", "title"],
            "{item}"
        );
        for key in ["id", "title", "summary", "partner"] {
            assert!(
                object[key].as_str().is_some_and(|s| !s.is_empty()),
                "{key} is a non-empty string: {item}"
            );
        }
        assert!(
            object["tags"]
                .as_array()
                .unwrap()
                .iter()
                .all(serde_json::Value::is_string),
            "{item}"
        );
    }

    let first = &items[0];
    assert_eq!(first["id"], "can-we-talk");
    assert_eq!(first["title"], "Can we talk about it?");
    assert_eq!(
        first["summary"],
        "You want to talk it through; he goes quiet and leaves the room."
    );
    assert_eq!(
        first["tags"],
        serde_json::json!(["communication", "silence"])
    );
    assert_eq!(first["partner"], "Karim");
    assert_eq!(first["source"], serde_json::json!({ "kind": "built-in" }));

    let last = items.last().unwrap();
    assert_eq!(last["id"], "porch-light");
    assert_eq!(
        last["source"],
        serde_json::json!({ "kind": "file", "path": good.as_str() })
    );
    assert_eq!(last["partner"], "Sam");
    // No summary in the file: the first sentence of the scenario, with {partner} filled in.
    assert_eq!(last["summary"], "It is past midnight.");
}

#[test]
fn list_json_keeps_problems_out_of_stdout() {
    let sandbox = Sandbox::first_run();
    let run = sandbox.run(&["list", "--json", "--exercises", &cli_fixture_str("mixed")]);
    run.assert_code(0);
    assert_eq!(json_list(&run).len(), builtin_count() + 1);
    assert_eq!(run.stderr_lines().len(), 1, "{run:#?}");
    assert!(run.stderr.contains("bad.toml:3:1: error:"), "{run:#?}");
}

// ---------------------------------------------------------------- check

#[test]
fn check_a_folder_reports_only_the_bad_file_with_its_line() {
    let sandbox = Sandbox::first_run();
    let folder = cli_fixture_str("mixed");
    let run = sandbox.run(&["check", &folder]);
    run.assert_code(1);
    assert_eq!(
        run.stdout_lines(),
        [
            format!("{folder}/bad.toml:3:1: error: unknown key `sumary`; did you mean `summary`?"),
            "2 files checked, 1 error, 0 warnings".to_string(),
        ]
    );
    assert!(!run.stdout.contains("good.toml"));
    assert_eq!(run.stderr, "");
}

#[test]
fn check_the_built_in_folder_of_the_repository_is_clean() {
    let sandbox = Sandbox::first_run();
    let mut cmd = sandbox.bare();
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
        .arg("--data-dir")
        .arg(sandbox.data_dir())
        .args(["check", "exercises/"]);
    let run = sandbox.run_command(cmd);
    run.assert_code(0);
    assert_eq!(
        run.stdout,
        format!("{} files checked, 0 errors, 0 warnings\n", builtin_count())
    );
    assert_eq!(run.stderr, "");
}

#[test]
fn check_without_paths_checks_the_built_ins_and_the_user_folder() {
    let sandbox = Sandbox::first_run();

    // Nothing of the user's yet: just the built-ins.
    let run = sandbox.run(&["check"]);
    run.assert_code(0);
    assert_eq!(
        run.stdout,
        format!("{} files checked, 0 errors, 0 warnings\n", builtin_count())
    );

    // A good file in the user folder is counted.
    sandbox.add_user_file("dishes.toml", GOOD_USER_FILE);
    let run = sandbox.run(&["check"]);
    run.assert_code(0);
    assert_eq!(
        run.stdout,
        format!(
            "{} files checked, 0 errors, 0 warnings\n",
            builtin_count() + 1
        )
    );

    // A bad one is reported with its path and line, and fails the check.
    let bad = sandbox.add_user_file(
        "broken.toml",
        "title = \"Broken\"\nscenario = \"A moment.\"\ntags = \"not-a-list\"\n",
    );
    let run = sandbox.run(&["check"]);
    run.assert_code(1);
    assert_eq!(
        run.stdout_lines(),
        [
            format!(
                "{}:3:8: error: `tags` must be a list of strings such as [\"one\", \"two\"], not a string",
                bad.display()
            ),
            format!("{} files checked, 1 error, 0 warnings", builtin_count() + 2),
        ]
    );
}

#[test]
fn check_without_paths_includes_every_exercises_flag() {
    let sandbox = Sandbox::first_run();
    let run = sandbox.run(&[
        "check",
        "--exercises",
        &cli_fixture_str("mixed"),
        "--exercises",
        &cli_fixture_str("warning/placeholder.toml"),
    ]);
    run.assert_code(1);
    assert_eq!(
        run.stdout_lines().last().copied(),
        Some(format!("{} files checked, 1 error, 1 warning", builtin_count() + 3).as_str())
    );
}

#[test]
fn check_a_warning_only_file_succeeds_and_shows_the_warning() {
    let sandbox = Sandbox::first_run();
    let file = cli_fixture_str("warning/placeholder.toml");
    let run = sandbox.run(&["check", &file]);
    run.assert_code(0);
    assert_eq!(
        run.stdout_lines(),
        [
            format!(
                "{file}:4:1: warning: unknown placeholder `{{partnr}}` will be shown as it is; did you mean `{{partner}}`?"
            ),
            "1 file checked, 0 errors, 1 warning".to_string(),
        ]
    );
}

#[test]
fn check_a_missing_path_is_an_error_without_a_line() {
    let sandbox = Sandbox::first_run();
    let run = sandbox.run(&["check", "nowhere.toml"]);
    run.assert_code(1);
    assert_eq!(
        run.stdout_lines(),
        [
            "nowhere.toml: error: cannot read: no such file or folder",
            "0 files checked, 1 error, 0 warnings",
        ]
    );
}

// ---------------------------------------------------------------- new

#[test]
fn new_writes_a_private_template_that_passes_check() {
    let sandbox = Sandbox::first_run();
    let run = sandbox.run(&["new", "dishes-at-midnight"]);
    run.assert_code(0);
    let path = sandbox.user_exercises_dir().join("dishes-at-midnight.toml");
    assert_eq!(run.stdout, format!("{}\n", path.display()));
    // The hint on stderr is for a person; stdout stays just the path, for scripts.
    assert!(run.stderr.contains("two-worlds check"), "{run:#?}");

    assert!(path.is_file());
    assert_mode(&path, 0o600);
    assert_mode(&sandbox.user_exercises_dir(), 0o700);
    assert_mode(&sandbox.data_dir(), 0o700);

    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("id = \"dishes-at-midnight\""), "{text}");
    assert!(text.contains("title = \"Dishes at midnight\""), "{text}");

    // It loads; only the template's two example texts are left to replace.
    let run = sandbox.run(&["check", path.to_str().unwrap()]);
    run.assert_code(0);
    assert_eq!(
        run.stdout.lines().last(),
        Some("1 file checked, 0 errors, 2 warnings")
    );
    assert_eq!(
        run.stdout
            .matches("still holds the template's example text")
            .count(),
        2
    );

    // And with everything else, nothing clashes.
    let run = sandbox.run(&["check"]);
    run.assert_code(0);
    assert_eq!(
        run.stdout.lines().last().unwrap(),
        format!(
            "{} files checked, 0 errors, 2 warnings",
            builtin_count() + 1
        )
    );
}

#[test]
fn new_keeps_a_title_with_quotes_and_backslashes() {
    let sandbox = Sandbox::first_run();
    let title = r#"The "big" talk \ part 2"#;
    let run = sandbox.run(&["new", "big-talk", "--title", title]);
    run.assert_code(0);
    let path = run.stdout.trim_end().to_string();

    let run = sandbox.run(&["check", &path]);
    run.assert_code(0);
    assert_eq!(
        run.stdout.lines().last(),
        Some("1 file checked, 0 errors, 2 warnings")
    );

    let items = json_list(sandbox.run(&["list", "--json"]).assert_code(0));
    let item = items.iter().find(|i| i["id"] == "big-talk").unwrap();
    assert_eq!(item["title"], title);
}

#[test]
fn new_refuses_to_overwrite_and_leaves_the_file_alone() {
    let sandbox = Sandbox::first_run();
    let run = sandbox.run(&["new", "late-dinner"]);
    run.assert_code(0);
    let path = sandbox.user_exercises_dir().join("late-dinner.toml");

    // The author has started editing it.
    let edited = "title = \"Mine\"\nscenario = \"My own words.\"\n";
    std::fs::write(&path, edited).unwrap();

    let run = sandbox.run(&["new", "late-dinner", "--title", "Other"]);
    let line = run.assert_one_line_error();
    assert!(line.contains(&path.display().to_string()), "{line}");
    assert!(line.contains("already exists"), "{line}");
    assert_eq!(run.stdout, "");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), edited);
}

#[test]
fn new_with_an_invalid_id_suggests_a_valid_one_and_writes_nothing() {
    let sandbox = Sandbox::first_run();
    // A wrong argument: a usage error, as clap gives for any other.
    let run = sandbox.run(&["new", "Dishes At Midnight!"]);
    run.assert_code(2);
    let line = run.stderr.lines().next().unwrap_or_default();
    assert!(
        line.starts_with("error: invalid value 'Dishes At Midnight!' for '<ID>'")
            && line.contains("lowercase letters, digits and dashes"),
        "{}",
        run.stderr
    );
    assert!(line.contains("try \"dishes-at-midnight\""), "{line}");
    assert_eq!(run.stdout, "");
    assert!(!sandbox.data_dir().exists(), "nothing is created");

    // The suggestion works.
    sandbox.run(&["new", "dishes-at-midnight"]).assert_code(0);
}

#[test]
fn new_with_an_empty_id_suggests_one() {
    let sandbox = Sandbox::first_run();
    let run = sandbox.run(&["new", ""]);
    run.assert_code(2);
    assert!(run.stderr.contains("try \"my-scenario\""), "{}", run.stderr);
    assert!(!sandbox.data_dir().exists());
}

#[test]
fn new_then_list_shows_it_from_the_user_folder() {
    let sandbox = Sandbox::first_run();
    sandbox
        .run(&["new", "porch-light", "--title", "The porch light"])
        .assert_code(0);
    let path = sandbox.user_exercises_dir().join("porch-light.toml");

    let run = sandbox.run(&["list"]);
    run.assert_code(0);
    // The file is listed; what is left to write in it is said, not hidden.
    assert_eq!(
        run.stderr
            .matches("still holds the template's example text")
            .count(),
        2,
        "{}",
        run.stderr
    );
    let rows = table_rows(&run.stdout);
    assert_eq!(rows.len(), 1 + builtin_count() + 1);
    assert_eq!(
        rows.last().unwrap(),
        &[
            "porch-light",
            "The porch light",
            "example",
            &path.display().to_string()
        ]
    );

    let items = json_list(sandbox.run(&["list", "--json"]).assert_code(0));
    assert_eq!(
        items.last().unwrap()["source"],
        serde_json::json!({ "kind": "own", "path": path.display().to_string() })
    );
}

#[test]
fn new_with_dir_writes_there_and_creates_the_folder_privately() {
    let sandbox = Sandbox::first_run();
    let dir = sandbox.root().join("drafts/2025");
    let run = sandbox.run(&["new", "draft-one", "--dir", dir.to_str().unwrap()]);
    run.assert_code(0);
    let path = dir.join("draft-one.toml");
    assert_eq!(run.stdout, format!("{}\n", path.display()));
    assert_mode(&path, 0o600);
    assert_mode(&dir, 0o700);
    assert_mode(&sandbox.root().join("drafts"), 0o700);
    assert!(
        !sandbox.data_dir().exists(),
        "the data folder is untouched when --dir is given"
    );
    sandbox
        .run(&["check", path.to_str().unwrap()])
        .assert_code(0);
}

#[test]
fn new_into_a_folder_that_cannot_be_made_is_a_one_line_error() {
    let sandbox = Sandbox::first_run();
    let file = sandbox.root().join("a-file");
    std::fs::write(&file, "").unwrap();
    let dir = file.join("sub");
    let run = sandbox.run(&["new", "x", "--dir", dir.to_str().unwrap()]);
    let line = run.assert_one_line_error();
    assert!(line.to_lowercase().contains("create folder"), "{line}");
    assert_eq!(run.stdout, "");
}

// ---------------------------------------------------------------- paths

#[test]
fn paths_shows_every_folder_and_creates_nothing() {
    let sandbox = Sandbox::first_run();
    let data = sandbox.data_dir();
    let run = sandbox.run(&["paths"]);
    run.assert_code(0);
    assert_eq!(run.stderr, "");
    assert_eq!(
        run.stdout_lines(),
        [
            format!("data folder:  {}", data.display()),
            format!("exercises:    built-in ({} files)", builtin_count()),
            format!(
                "              {} (not created yet)",
                data.join("exercises").display()
            ),
            format!("entries:      {}", data.join("entries").display()),
            format!("exports:      {}", data.join("exports").display()),
            format!(
                "rescue:       {}  (copies written when a save failed as two-worlds was stopped)",
                data.join("rescue").display()
            ),
            format!(
                "settings:     {}  (not there: every setting is its default)",
                sandbox
                    .home()
                    .join(".config/two-worlds/config.toml")
                    .display()
            ),
            format!("state:        {}", data.join("state.toml").display()),
            format!(
                "privacy:      {}",
                two_worlds::paths::privacy_on(two_worlds::paths::Platform::CURRENT)
            ),
            "              Anyone who can use this computer account can read the journal."
                .to_string(),
            "locked:       no (`two-worlds lock` encrypts everything you write with a passphrase)"
                .to_string(),
        ]
    );
    assert!(!data.exists(), "paths must not create the data folder");
}

#[test]
fn paths_lists_exercises_flags_and_drops_not_created_once_it_exists() {
    let sandbox = Sandbox::first_run();
    sandbox.add_user_file("dishes.toml", GOOD_USER_FILE);
    let extra = cli_fixture_str("mixed");
    let run = sandbox.run(&["paths", "--exercises", &extra]);
    run.assert_code(0);
    assert!(!run.stdout.contains("not created yet"), "{}", run.stdout);
    assert!(
        run.stdout_lines()
            .contains(&format!("              {extra}").as_str()),
        "{}",
        run.stdout
    );
}

#[test]
fn paths_makes_a_relative_data_dir_absolute() {
    let sandbox = Sandbox::first_run();
    let mut cmd = sandbox.bare();
    cmd.args(["paths", "--data-dir", "rel-data"]);
    let run = sandbox.run_command(cmd);
    run.assert_code(0);
    let expected = sandbox.root().join("cwd/rel-data");
    assert_eq!(
        run.stdout_lines()[0],
        format!("data folder:  {}", expected.display())
    );
    assert!(!expected.exists());
}

#[test]
#[cfg(target_os = "linux")]
fn without_a_data_dir_the_xdg_then_home_folder_is_used() {
    let sandbox = Sandbox::first_run();

    // XDG_DATA_HOME first, then HOME. (The sandbox forbids writes there; paths
    // writes nothing.)
    for (removed, data_folder) in [
        (None, sandbox.xdg_data_home().join("two-worlds")),
        (
            Some("XDG_DATA_HOME"),
            sandbox.home().join(".local/share/two-worlds"),
        ),
    ] {
        let mut cmd = sandbox.bare();
        if let Some(var) = removed {
            cmd.env_remove(var);
        }
        cmd.arg("paths");
        let run = sandbox.run_command(cmd);
        run.assert_code(0);
        assert_eq!(
            run.stdout_lines()[0],
            format!("data folder:  {}", data_folder.display())
        );
    }

    // Neither: a clear error that says what to do.
    let mut cmd = sandbox.bare();
    cmd.env_remove("XDG_DATA_HOME")
        .env_remove("HOME")
        .arg("list");
    let run = sandbox.run_command(cmd);
    let line = run.assert_one_line_error();
    assert!(line.contains("--data-dir"), "{line}");
    assert!(line.contains("TWO_WORLDS_DATA_DIR"), "{line}");
}

#[test]
fn list_check_and_paths_never_create_the_data_folder() {
    let sandbox = Sandbox::first_run();
    let extra = cli_fixture_str("mixed");
    for args in [
        &["list"][..],
        &["list", "--json"],
        &["list", "--exercises", &extra],
        &["check"],
        &["check", &extra],
        &["paths"],
        &["--help"],
        &["--version"],
    ] {
        sandbox.run(args);
        assert!(
            !sandbox.data_dir().exists(),
            "`two-worlds {}` created the data folder",
            args.join(" ")
        );
    }
}

// ---------------------------------------------------------------- usage

#[test]
fn usage_errors_exit_2() {
    let sandbox = Sandbox::first_run();
    for args in [
        &["bogus"][..],
        &["--bogus"],
        &["list", "--bogus"],
        &["check", "--bogus"],
        &["paths", "extra-argument"],
        &["new"],
        &["new", "a", "b"],
        &["new", "x", "--title"],
        &["list", "--data-dir"],
    ] {
        let run = sandbox.run(args);
        assert_eq!(run.code, 2, "`two-worlds {}`: {run:#?}", args.join(" "));
        assert!(
            run.stderr.contains("error:"),
            "`two-worlds {}`: {run:#?}",
            args.join(" ")
        );
        assert!(
            run.stderr.contains("Usage:") || run.stderr.contains("--help"),
            "a usage error points to the help: {run:#?}"
        );
        assert_eq!(run.stdout, "");
    }
    assert!(!sandbox.data_dir().exists());
}

#[test]
fn help_exits_0_for_the_program_and_every_subcommand() {
    let sandbox = Sandbox::first_run();
    for (args, usage) in [
        (&["--help"][..], "Usage: two-worlds [OPTIONS] [COMMAND]"),
        (&["-h"], "Usage: two-worlds"),
        (&["help"], "Usage: two-worlds"),
        (&["list", "--help"], "Usage: two-worlds list"),
        (&["check", "--help"], "Usage: two-worlds check"),
        (&["new", "--help"], "Usage: two-worlds new"),
        (&["paths", "--help"], "Usage: two-worlds paths"),
        (&["help", "new"], "Usage: two-worlds new"),
    ] {
        let run = sandbox.run(args);
        assert_eq!(run.code, 0, "`two-worlds {}`: {run:#?}", args.join(" "));
        assert!(
            run.stdout.contains(usage),
            "`two-worlds {}`: {run:#?}",
            args.join(" ")
        );
        assert!(run.stdout.contains("--data-dir"), "global flags are listed");
        assert_eq!(run.stderr, "");
    }
    let top = sandbox.run(&["--help"]);
    for word in ["list", "check", "new", "paths", "Exit codes"] {
        assert!(top.stdout.contains(word), "{word}: {}", top.stdout);
    }
}

#[test]
fn version_exits_0_for_the_program() {
    let sandbox = Sandbox::first_run();
    for flag in ["--version", "-V"] {
        let run = sandbox.run(&[flag]);
        run.assert_code(0);
        assert_eq!(
            run.stdout,
            format!("two-worlds {}\n", env!("CARGO_PKG_VERSION"))
        );
    }
}

#[test]
fn version_exits_0_for_every_subcommand() {
    let sandbox = Sandbox::first_run();
    for command in ["list", "check", "new", "paths"] {
        let run = sandbox.run(&[command, "--version"]);
        assert_eq!(run.code, 0, "`two-worlds {command} --version`: {run:#?}");
        assert!(run.stdout.contains(env!("CARGO_PKG_VERSION")), "{run:#?}");
    }
}

// ---------------------------------------------------------------- known bugs

#[test]
fn new_with_a_multi_line_title_still_passes_check() {
    let sandbox = Sandbox::first_run();
    for (id, title) in [("two-lines", "Two\nlines"), ("bell", "Bell\u{7}")] {
        let run = sandbox.run(&["new", id, "--title", title]);
        if run.code == 0 {
            let path = run.stdout.trim_end().to_string();
            let run = sandbox.run(&["check", &path]);
            assert_eq!(run.code, 0, "--title {title:?}: {run:#?}");
        } else {
            // Refusing the title is also fine, as long as it is a clear one-line error.
            run.assert_one_line_error();
        }
    }
}

#[test]
#[cfg(target_os = "linux")]
fn a_failing_stdout_is_a_one_line_error_not_a_panic() {
    let sandbox = Sandbox::first_run();
    let runs: Vec<Run> = [&["list"][..], &["check"], &["paths"], &["new", "full-disk"]]
        .iter()
        .map(|args| {
            let mut cmd = sandbox.bare();
            cmd.arg("--data-dir")
                .arg(sandbox.data_dir())
                .args(*args)
                .stdout(std::fs::File::create("/dev/full").unwrap());
            let output = cmd.output().unwrap();
            Run {
                code: output.status.code().unwrap_or(-1),
                stdout: String::new(),
                stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
            }
        })
        .collect();
    // First the panics (check, paths, new), then the wording (list).
    for run in &runs {
        assert_no_panic(run);
    }
    for run in &runs {
        run.assert_one_line_error();
    }
}

#[cfg(unix)]
#[test]
fn paths_warns_about_a_data_folder_others_can_read_and_leaves_it_alone() {
    use std::os::unix::fs::PermissionsExt as _;
    let sandbox = Sandbox::first_run();
    let data = sandbox.data_dir();
    std::fs::create_dir_all(&data).unwrap();
    std::fs::set_permissions(&data, std::fs::Permissions::from_mode(0o755)).unwrap();
    let run = sandbox.run(&["paths"]);
    run.assert_code(0);
    let warning = run
        .stdout_lines()
        .into_iter()
        .find(|l| l.starts_with("warning:"))
        .unwrap_or_else(|| panic!("no warning: {run:#?}"))
        .to_string();
    assert!(warning.contains("chmod 700"), "{warning}");
    assert_mode(&data, 0o755);
    std::fs::set_permissions(&data, std::fs::Permissions::from_mode(0o700)).unwrap();
    let run = sandbox.run(&["paths"]);
    assert!(!run.stdout.contains("warning:"), "{run:#?}");
}

#[test]
fn completions_for_every_shell_name_the_commands_and_need_no_data_folder() {
    let sandbox = Sandbox::first_run();
    for (shell, marker) in [
        ("bash", "complete -F"),
        ("zsh", "#compdef two-worlds"),
        ("fish", "complete -c two-worlds"),
        ("elvish", "edit:completion:arg-completer[two-worlds]"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        // No HOME and no XDG folders: nothing is looked up.
        let mut cmd = sandbox.bare();
        cmd.env_remove("HOME")
            .env_remove("XDG_DATA_HOME")
            .args(["completions", shell]);
        let run = sandbox.run_command(cmd);
        run.assert_code(0);
        assert!(run.stdout.contains(marker), "{shell}: {}", run.stdout);
        for command in ["check", "export", "history", "completions"] {
            assert!(run.stdout.contains(command), "{shell} lacks {command}");
        }
        assert_eq!(run.stderr, "");
    }
    let run = sandbox.run(&["completions", "tcsh"]);
    run.assert_code(2);
    assert!(run.stderr.contains("possible values"), "{}", run.stderr);
    assert!(!sandbox.data_dir().exists(), "no data folder was made");
}

#[test]
fn man_prints_a_manual_page_with_every_command() {
    let sandbox = Sandbox::first_run();
    let run = sandbox.run(&["man"]);
    run.assert_code(0);
    assert!(run.stdout.contains(".TH two-worlds 1"), "{}", run.stdout);
    assert!(run.stdout.contains(".SH SYNOPSIS"));
    for command in [
        "list",
        "check",
        "new",
        "paths",
        "history",
        "export",
        "completions",
        "man",
    ] {
        assert!(
            run.stdout.contains(&format!("two\\-worlds\\-{command}"))
                || run.stdout.contains(&format!("\\fB{command}\\fR")),
            "{command} is not in the manual"
        );
    }
    // Pipe-friendly: a reader that stops early is not an error.
    let mut cmd = sandbox.command();
    cmd.arg("man").stdout(std::process::Stdio::piped());
    let mut child = cmd.spawn().unwrap();
    drop(child.stdout.take());
    assert!(child.wait().unwrap().success());
}

#[test]
fn a_wrong_argument_is_never_echoed_raw() {
    let sandbox = Sandbox::first_run();
    for args in [
        &["new", "a\u{1b}[31mb\u{9b}2J"][..],
        &["export", "--all", "--format", "\u{1b}]0;pwned\u{7}"],
        &["completions", "\u{202e}bash"],
    ] {
        let run = sandbox.run(args);
        run.assert_code(2);
        assert!(run.stderr.starts_with("error: "), "{}", run.stderr);
        assert!(
            !run.stderr.chars().any(crate::common::is_unsafe),
            "{args:?}: {:?}",
            run.stderr
        );
    }
}

#[test]
fn list_json_problems_gives_each_problem_with_file_line_and_column() {
    let sandbox = Sandbox::first_run();
    let bad = sandbox.add_user_file(
        "broken.toml",
        "title = \"Broken\"\nscenario = \"A moment.\"\ntags = \"not-a-list\"\n",
    );
    let run = sandbox.run(&["list", "--json", "--problems"]);
    run.assert_code(0);
    let value = run.stdout_json();
    assert_eq!(
        value["exercises"].as_array().unwrap().len(),
        builtin_count(),
        "the broken file is left out"
    );
    assert_eq!(
        value["problems"],
        serde_json::json!([{
            "file": bad.display().to_string(),
            "line": 3,
            "column": 8,
            "severity": "error",
            "message": "`tags` must be a list of strings such as [\"one\", \"two\"], not a string",
        }])
    );
    // Without --json it is a usage error.
    sandbox.run(&["list", "--problems"]).assert_code(2);
}

#[test]
fn exercises_is_an_option_only_where_scenarios_are_read() {
    let sandbox = Sandbox::first_run();
    let good = common::fixture("scenarios")
        .join("good")
        .display()
        .to_string();
    for args in [
        &["list", "--exercises", &good][..],
        &["check", "--exercises", &good],
        &["paths", "--exercises", &good],
        &["--exercises", &good, "list"],
    ] {
        sandbox.run(args).assert_code(0);
    }
    for command in ["history", "export", "new"] {
        let run = sandbox.run(&[command, "--exercises", &good]);
        run.assert_code(2);
        assert!(
            run.stderr.contains("unexpected argument '--exercises'"),
            "{command}: {}",
            run.stderr
        );
        let help = sandbox.run(&[command, "--help"]);
        assert!(
            !help.stdout.contains("--exercises"),
            "{command}: {}",
            help.stdout
        );
    }
}

#[test]
fn config_prints_the_settings_in_effect_and_checks_the_file() {
    let sandbox = Sandbox::new();
    // No file: every default, and where it would be.
    let run = sandbox.run(&["config"]);
    run.assert_code(0);
    let expected = sandbox.home().join(".config/two-worlds/config.toml");
    assert!(
        run.stdout.contains(&format!(
            "# settings file: {} (not there",
            expected.display()
        )),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("theme = \"auto\"\n"), "{}", run.stdout);
    // A file given with --config: its settings, its mistakes by line, exit 1.
    let file = sandbox.root().join("mine.toml");
    std::fs::write(
        &file,
        "theme = \"dark\"\nplian = true\n[keys]\nnext = \"Ctrl+J\"\n",
    )
    .unwrap();
    let path = file.to_str().unwrap();
    let run = sandbox.run(&["config", "--config", path]);
    run.assert_code(1);
    assert!(run.stdout.contains("theme = \"dark\"\n"), "{}", run.stdout);
    assert!(run.stdout.contains("next = \"Ctrl+J\"\n"), "{}", run.stdout);
    assert_eq!(
        run.stderr,
        format!(
            "{path}:2:1: error: unknown setting `plian`; did you mean `plain`?\n1 problem; each keeps its default\n"
        )
    );
    // The same file through the environment, and before the command.
    let mut cmd = sandbox.command();
    cmd.env("TWO_WORLDS_CONFIG", path).arg("config");
    sandbox.run_command(cmd).assert_code(1);
    sandbox.run(&["--config", path, "config"]).assert_code(1);
    // `paths` names it.
    let run = sandbox.run(&["paths", "--config", path]);
    assert!(
        run.stdout.contains(&format!("settings:     {path}\n")),
        "{}",
        run.stdout
    );
}

#[test]
fn config_default_is_a_commented_file_that_reads_back_cleanly() {
    let sandbox = Sandbox::new();
    let run = sandbox.run(&["config", "--default"]);
    run.assert_code(0);
    assert!(run.stdout.contains("# theme = \"auto\""), "{}", run.stdout);
    assert!(
        run.stdout.contains("# \"edit.undo\" = \"Ctrl+Z\""),
        "{}",
        run.stdout
    );
    let file = sandbox.root().join("config.toml");
    std::fs::write(&file, &run.stdout).unwrap();
    let run = sandbox.run(&["config", "--config", file.to_str().unwrap()]);
    run.assert_code(0);
    assert_eq!(run.stderr, "");
}

#[test]
fn options_for_the_program_are_refused_before_commands_they_mean_nothing_to() {
    let sandbox = Sandbox::new();
    for args in [
        &["--plain", "history"][..],
        &["--config", "x.toml", "list"],
        &["--exercises", ".", "export", "--all"],
    ] {
        let run = sandbox.run(args);
        run.assert_code(2);
        assert!(
            run.stderr.contains("means nothing to"),
            "{args:?}: {}",
            run.stderr
        );
    }
}
