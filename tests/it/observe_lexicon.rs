//! The user's own word lists, `<data folder>/lexicon.toml`: extending and replacing
//! the built-in lists, every problem named with its line and column and what to do,
//! and files that are not files (a pipe, a device, a huge file) refused at once.
//! Whatever is wrong, the program goes on with the built-in lists.

use std::fs;
#[cfg(unix)]
use std::os::unix::fs::symlink;
#[cfg(unix)]
use std::path::Path;

use two_worlds::exercise::{Problem, Severity};
use two_worlds::observe::{self, Lexicon, WordKind};
use two_worlds::text_position::line_col;

use crate::common::is_unsafe;
#[cfg(unix)]
use crate::untrusted_fs::{mkfifo, within_deadline};

/// The lexicon and problems for a data folder holding `text` as its lexicon file.
fn load(text: &str) -> (Lexicon, Vec<Problem>, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = observe::lexicon_path(dir.path());
    fs::write(&path, text).unwrap();
    let (lexicon, problems) = Lexicon::load(dir.path());
    (lexicon, problems, path.display().to_string())
}

/// The base words found in `text`, with their kinds.
fn found(lexicon: &Lexicon, text: &str) -> Vec<(WordKind, String)> {
    observe::find(text, lexicon)
        .into_iter()
        .map(|f| (f.kind, f.word))
        .collect()
}

/// Where the `nth` (from 0) `needle` stands in `text`, as problems name it.
fn position_of(text: &str, needle: &str, nth: usize) -> Option<(usize, usize)> {
    let (at, _) = text.match_indices(needle).nth(nth).expect("the needle");
    Some(line_col(text, at))
}

/// The lexicon is the built-in one: it finds its words and none of the file's.
fn assert_builtin(lexicon: &Lexicon) {
    assert_eq!(lexicon.language(), "en");
    let words = found(lexicon, "hurt, peckish, always");
    assert_eq!(
        words,
        [
            (WordKind::Feeling, "hurt".into()),
            (WordKind::Absolute, "always".into())
        ]
    );
}

/// One error and, after it, the note that the built-in lists are used.
fn only_error(problems: &[Problem]) -> &Problem {
    match problems {
        [error, note] if error.severity == Severity::Error && note.severity == Severity::Note => {
            assert!(note.message.contains("built-in word lists"), "{note}");
            error
        }
        other => panic!("expected one error and a note: {other:#?}"),
    }
}

#[test]
fn without_a_file_the_builtin_lists_are_used_without_a_word() {
    let dir = tempfile::tempdir().unwrap();
    let (lexicon, problems) = Lexicon::load(dir.path());
    assert_eq!(problems, []);
    assert_builtin(&lexicon);
    // Not even the data folder yet, or a file where the folder should be.
    let (lexicon, problems) = Lexicon::load(&dir.path().join("not-yet"));
    assert_eq!(problems, []);
    assert_builtin(&lexicon);
    let file = dir.path().join("a-file");
    fs::write(&file, "").unwrap();
    assert_eq!(Lexicon::load(&file).1, []);
}

#[test]
fn a_file_adds_to_the_builtin_lists_by_default() {
    let (lexicon, problems, _) = load(
        "format = 1\nlanguage = \"en-GB\"\n\n[feelings]\nwords = [\"peckish\", \"Knackered\"]\n\n\
         [needs]\nwords = [\"a cup of tea\"]\n",
    );
    assert_eq!(problems, []);
    assert_eq!(lexicon.language(), "en-GB");
    assert_eq!(
        found(
            &lexicon,
            "Knackered and peckish, hurt, and I wanted a cup of tea."
        ),
        [
            (WordKind::Feeling, "knackered".into()),
            (WordKind::Feeling, "peckish".into()),
            (WordKind::Feeling, "hurt".into()),
            (WordKind::Need, "a cup of tea".into()),
        ]
    );
    assert!(lexicon.words(WordKind::Feeling).any(|w| w == "peckish"));
}

#[test]
fn a_file_in_replace_mode_holds_the_only_lists() {
    let text = "language = \"fr\"\nmode = \"replace\"\n\n[feelings]\nwords = [\"triste\", \"épuisé\"]\n\n\
                [voice]\nfirst_person = [\"je\", \"moi\"]\nthird_person = [\"il\", \"elle\"]\n";
    let (lexicon, problems, file) = load(text);
    assert_eq!(lexicon.language(), "fr");
    // What the file leaves out is named, as a note.
    let [note] = &problems[..] else {
        panic!("{problems:#?}")
    };
    assert_eq!(note.severity, Severity::Note);
    assert_eq!(note.file, file);
    assert!(note.message.contains("[needs], [absolutes]"), "{note}");
    // No English endings in French, and no English words at all.
    assert_eq!(
        found(&lexicon, "Triste, ÉPUISÉ, tristes, hurt, always."),
        [
            (WordKind::Feeling, "triste".into()),
            (WordKind::Feeling, "épuisé".into())
        ]
    );
    let seen = observe::observe(
        "",
        "Il est parti. Elle aussi.",
        "votre partenaire",
        &lexicon,
    );
    assert!(seen.voice.is_some());
    let seen = observe::observe("", "Je suis partie, moi.", "Sam", &lexicon);
    assert!(seen.voice.is_none());
}

#[test]
fn each_error_is_named_at_its_line_and_column_and_the_builtin_lists_go_on() {
    let en = "language = \"en\"\n";
    let cases: Vec<(String, &str, &str)> = vec![
        // (file, where the problem is, what the message says)
        (
            format!("{en}format = 2\n"),
            "2\n",
            "format 2 needs a newer two-worlds (this one reads format 1)",
        ),
        (
            format!("{en}format = \"1\"\n"),
            "\"1\"",
            "`format` must be a whole number (1), not a string",
        ),
        (format!("{en}format = 0\n"), "0\n", "`format` must be 1"),
        (
            format!("{en}mood = \"extend\"\n"),
            "mood",
            "unknown key `mood`; did you mean `mode`?",
        ),
        (
            format!("{en}mode = \"extnd\"\n"),
            "\"extnd\"",
            "not \"extnd\"; did you mean \"extend\"?",
        ),
        (
            format!("{en}mode = true\n"),
            "true",
            "or \"replace\" (use only this file's lists), not true/false",
        ),
        (
            format!("{en}[feelings]\nword = [\"sad\"]\n"),
            "word ",
            "unknown key `word` in [feelings]; did you mean `words`?",
        ),
        (
            format!("{en}[voice]\nfirst_persons = [\"i\"]\n"),
            "first_persons",
            "did you mean `first_person`?",
        ),
        (
            format!("{en}[feelings]\nwords = \"sad\"\n"),
            "\"sad\"",
            "`feelings.words` must be a list of words such as [\"tired\", \"left out\"], not a string",
        ),
        (
            format!("{en}feelings = [\"sad\"]\n"),
            "[\"sad\"]",
            "`feelings` must be a table (a `[feelings]` section), not a list",
        ),
        (
            format!("{en}[needs]\nwords = [\"naps\", 3]\n"),
            "3",
            "every entry of `needs.words` must be a string, not a number",
        ),
        (
            format!("{en}[needs]\nwords = [\"naps\", \" \"]\n"),
            "\" \"",
            "`needs.words` has an empty entry; remove it or write a word",
        ),
        (
            format!("{en}[feelings]\nwords = [\"sad\\u001b[2J\"]\n"),
            "\"sad",
            "an entry of `feelings.words` holds U+001B (escape, a control character); remove that character",
        ),
        (
            format!("{en}[voice]\nthird_person = [\"he\\u202e\"]\n"),
            "\"he",
            "holds U+202E (right-to-left override, a text-direction control)",
        ),
        (
            "language = \"fr\"\n".into(),
            "\"fr\"",
            "`language` is \"fr\", but the built-in word lists it would extend are \"en\"; add `mode = \"replace\"`",
        ),
        (
            "language = \"e n\"\n".into(),
            "\"e n\"",
            "`language` must name a language such as \"en\" or \"pt-BR\", not \"e n\"",
        ),
        (
            "language = 1\n".into(),
            "1",
            "`language` must be a string such as \"en\", not a number",
        ),
        (
            format!("{en}[feelings]\nwords = [\"sad\"\n"),
            "\n",
            "TOML syntax",
        ),
    ];
    for (text, at, says) in &cases {
        let (lexicon, problems, file) = load(text);
        assert_builtin(&lexicon);
        let error = only_error(&problems);
        assert!(error.message.contains(says), "{text:?}: {error}");
        assert_eq!(error.file, file);
        if *says != "TOML syntax" {
            assert_eq!(
                error.position,
                position_of(text, at, 0),
                "{text:?}: {error}"
            );
            let (line, col) = error.position.unwrap();
            assert!(
                error
                    .to_string()
                    .starts_with(&format!("{file}:{line}:{col}: error: "))
            );
        } else {
            assert!(error.position.is_some(), "{error}");
        }
    }
}

#[test]
fn a_missing_language_and_text_that_is_not_utf8_are_errors_too() {
    let (lexicon, problems, _) = load("format = 1\n[feelings]\nwords = [\"peckish\"]\n");
    assert_builtin(&lexicon);
    let error = only_error(&problems);
    assert_eq!(error.position, None);
    assert!(
        error
            .message
            .contains("add a line such as `language = \"en\"`"),
        "{error}"
    );

    let dir = tempfile::tempdir().unwrap();
    let path = observe::lexicon_path(dir.path());
    fs::write(
        &path,
        b"language = \"en\"\n[feelings]\nwords = [\"caf\xe9\"]\n",
    )
    .unwrap();
    let (lexicon, problems) = Lexicon::load(dir.path());
    assert_builtin(&lexicon);
    let error = only_error(&problems);
    assert_eq!(error.position, Some((3, 14)));
    assert!(error.message.contains("not UTF-8"), "{error}");
}

#[test]
fn repeated_words_and_stray_punctuation_are_warnings_and_the_file_is_used() {
    let text = "language = \"en\"\n[feelings]\nwords = [\"peckish\", \"peckish\", \"hurt\", \"hurting\", \"Glum!\"]\n\
                [needs]\nwords = [\"Peckish\", \"the rest\"]\n[except]\nwords = [\"the rest\"]\n";
    let (lexicon, problems, _) = load(text);
    let warnings: Vec<(Option<(usize, usize)>, &str)> = problems
        .iter()
        .map(|p| {
            assert_eq!(p.severity, Severity::Warning, "{p}");
            (p.position, p.message.as_str())
        })
        .collect();
    assert_eq!(
        warnings,
        [
            (
                position_of(text, "\"peckish\"", 1),
                "`peckish` is listed twice in [feelings]; remove one"
            ),
            (
                position_of(text, "\"hurt\"", 0),
                "`hurt` is already in the built-in [feelings]; remove it here"
            ),
            (
                position_of(text, "\"hurting\"", 0),
                "`hurting` is already found as a form of `hurt` in the built-in [feelings]; remove it here"
            ),
            (
                position_of(text, "\"Glum!\"", 0),
                "the punctuation in `Glum!` is not part of a word and is left out: it is found as `glum`"
            ),
            (
                position_of(text, "\"Peckish\"", 0),
                "`peckish` is already in [feelings]; remove it here"
            ),
            (
                position_of(text, "\"the rest\"", 1),
                "`the rest` is already in the built-in [except]; remove it here"
            ),
        ]
    );
    // A need and an except phrase may hold the same words: they live apart.
    assert_eq!(
        found(&lexicon, "Peckish and glum, hurting."),
        [
            (WordKind::Feeling, "peckish".into()),
            (WordKind::Feeling, "glum".into()),
            (WordKind::Feeling, "hurt".into()),
        ]
    );
}

#[test]
fn nothing_from_the_file_reaches_a_terminal_raw() {
    let text =
        "language = \"en\"\n\"\\u001b]0;owned\\u0007\" = 1\n[feelings]\nwords = [\"\\u009b2J\"]\n";
    let (lexicon, problems, _) = load(text);
    assert_builtin(&lexicon);
    assert_eq!(problems.len(), 3, "{problems:#?}");
    for problem in &problems {
        let shown = problem.to_string();
        assert!(!shown.contains(is_unsafe), "{shown:?}");
    }
}

#[cfg(unix)]
#[test]
fn a_pipe_a_device_a_folder_or_a_huge_file_is_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_path_buf();
    let path = observe::lexicon_path(&data);
    let load = |data: &Path| {
        let data = data.to_path_buf();
        within_deadline(move || Lexicon::load(&data))
    };

    mkfifo(&path);
    let (lexicon, problems) = load(&data);
    assert_builtin(&lexicon);
    let error = only_error(&problems);
    assert_eq!(error.file, path.display().to_string());
    assert!(
        error.message.contains("a named pipe, not a regular file"),
        "{error}"
    );
    fs::remove_file(&path).unwrap();

    symlink("/dev/zero", &path).unwrap();
    let (lexicon, problems) = load(&data);
    assert_builtin(&lexicon);
    assert!(
        only_error(&problems).message.contains("a device"),
        "{problems:#?}"
    );
    fs::remove_file(&path).unwrap();

    fs::create_dir(&path).unwrap();
    let (_, problems) = load(&data);
    assert!(
        only_error(&problems).message.contains("a folder"),
        "{problems:#?}"
    );
    fs::remove_dir(&path).unwrap();

    // Sparse: 64 GiB on paper, nothing on disk.
    let huge = fs::File::create(&path).unwrap();
    huge.set_len(64 << 30).unwrap();
    let (lexicon, problems) = load(&data);
    assert_builtin(&lexicon);
    let error = only_error(&problems);
    assert!(
        error.message.contains("64 GiB, larger than the 64 KiB"),
        "{error}"
    );

    // Just over the limit, in real bytes.
    let mut text = String::from("language = \"en\"\n");
    while text.len() as u64 <= observe::MAX_LEXICON_BYTES {
        text.push_str("# a comment to make the file long\n");
    }
    fs::write(&path, text).unwrap();
    let (_, problems) = load(&data);
    assert!(
        only_error(&problems).message.contains("larger than"),
        "{problems:#?}"
    );
}

#[test]
fn the_example_in_the_readme_reads_without_a_problem() {
    let readme = fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let section = readme
        .split("\n## Your own word lists\n")
        .nth(1)
        .expect("a section on your own word lists");
    let example = section
        .split("```toml\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("an example lexicon file");
    let (lexicon, problems) = Lexicon::read(example, "README.md");
    assert_eq!(problems, []);
    assert_eq!(
        found(
            &lexicon,
            "Knackered, rest assured; every blessed time I wanted a cup of tea."
        ),
        [
            (WordKind::Feeling, "knackered".into()),
            (WordKind::Absolute, "every blessed time".into()),
            (WordKind::Need, "a cup of tea".into()),
        ]
    );
}
