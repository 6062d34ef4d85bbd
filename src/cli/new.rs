//! `new`: a commented scenario template, ready to edit, that passes `check`.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, bail};

use super::note;
use crate::exercise;
use crate::safe;
use crate::wording::capitalised;

/// `new`: writes the template, prints its path, and says what to do next.
pub(super) fn create(dir: &Path, id: &str, title: Option<&str>) -> anyhow::Result<ExitCode> {
    let path = new_scenario(dir, id, title)?;
    writeln!(std::io::stdout().lock(), "{}", safe::path(&path))?;
    if exercise::BUILTIN.iter().any(|(_, text)| {
        exercise::parse(text.as_bytes(), exercise::Origin::BuiltIn(String::new()))
            .exercise
            .is_some_and(|e| e.id == id)
    }) {
        note(&format!(
            "Note: `{id}` is the id of a built-in exercise; your file replaces it in the library."
        ));
    }
    note(&format!(
        "Wrote a template. Edit it, then run: two-worlds check {}",
        safe::path(&path)
    ));
    Ok(ExitCode::SUCCESS)
}

/// Writes a commented template to `DIR/ID.toml`, refusing to overwrite.
pub fn new_scenario(dir: &Path, id: &str, title: Option<&str>) -> anyhow::Result<PathBuf> {
    if let Some(why) = exercise::id_problem(id) {
        bail!("the id \"{id}\" {why}; try \"{}\"", exercise::slug(id));
    }
    let title = title
        .map(title_line)
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| title_from_id(id));
    crate::files::create_private_dir_all(dir)?;
    let path = dir.join(format!("{id}.toml"));
    let text = template(id, &title);
    let mut file = crate::files::private_new_file(&path).map_err(|err| match err.kind() {
        std::io::ErrorKind::AlreadyExists => anyhow::anyhow!(
            "{} already exists; choose another id or edit that file",
            path.display()
        ),
        _ => anyhow::anyhow!(
            "cannot write {}: {}",
            path.display(),
            crate::wording::io_reason(&err)
        ),
    })?;
    file.write_all(text.as_bytes())
        .and_then(|()| file.sync_all())
        .with_context(|| format!("cannot write {}", path.display()))?;
    Ok(path)
}

/// A title is one line: newlines, tabs and other control characters become
/// spaces, every run of whitespace one space, and text-direction controls go, so the
/// template passes `check`. Unlike [`safe::one_line`], which shows what it cannot
/// keep as escapes, this writes a file: an escape would become part of the title.
fn title_line(text: &str) -> String {
    text.chars()
        .filter(|&c| !(safe::is_embedding(c) || safe::is_isolate(c)))
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn title_from_id(id: &str) -> String {
    capitalised(&id.replace('-', " "))
}

/// The note on who two-worlds is for, as comments for the template: authors hand
/// these files to clients, and the note goes with them.
fn safety_comment() -> String {
    let mut out = format!(
        "# {}: who this exercise is for.\n#\n",
        crate::care::SAFETY_TITLE
    );
    // A helpline's wrapped lines hang under its first, so each reads as one item.
    let mut paragraph = |text: &str, first: &str, rest: &str| {
        for row in crate::text::wrap_hanging(text, 76, first, rest) {
            out.push_str(format!("# {row}").trim_end());
            out.push('\n');
        }
    };
    for text in crate::care::SAFETY_NOTE {
        paragraph(text, "", "");
        paragraph("", "", "");
    }
    for line in crate::care::HELPLINES {
        paragraph(line, "- ", "  ");
    }
    out.push_str("#\n");
    out
}

fn template(id: &str, title: &str) -> String {
    let title = title.replace('\\', "\\\\").replace('"', "\\\"");
    let note = safety_comment();
    format!(
        r#"{note}# A two-worlds scenario. Lines starting with # are notes for you, the author;
# delete them when you like. Check the file at any time with:
#     two-worlds check {id}.toml
# The full reference is in two-worlds' README, "Writing your own scenario".

# The format version. Leave it at 2.
format = 2

# Lowercase letters, digits and dashes. Journal entries are filed under it,
# so keep it once the scenario is in use. Without it, the file name is used.
id = "{id}"

# Shown in the library. Required.
title = "{title}"

# One line for the library. Without it, the scenario's first sentence is used.
# `two-worlds check` warns while a text still begins "Replace this with".
summary = "Replace this with one line that says what the moment is about."

# Words to find the scenario by when filtering the library.
tags = ["example"]

# How the prompts name the other person: a first name, or a word such as
# "your wife". Without it: "your partner". Write {{partner}} in any text
# below and it is replaced by this.
partner = "your partner"

# Other ways of telling the moment. "observer": the reader also tells it as a
# neutral friend who cares about you both would (without this line, two-worlds
# offers it and the reader chooses). Keep it above the [sections].
# lenses = ["observer"]

# A note shown before the scenario, with a choice to go on or go back. Use it
# when the moment touches something heavy (an affair, a loss, an illness): say
# what it touches, and that it is fine to stop.
# care = "This one is about a loss. Stop whenever you need to; it will keep."

# The id of a scenario that tells the same moment from the other side. After
# finishing one, the reader is offered the other. Name this one back in it.
# mirror = "the-other-side"

# The moment of conflict, told to the reader as "you". Required.
# Make it concrete: a place, a time of day, the words each person said.
# Stop at the point where it hurts, before anything is resolved.
# Write each paragraph as you like, wrapped or on one line: the lines of a
# paragraph are joined, and a blank line starts a new paragraph.
scenario = """
Replace this with the moment itself. Where are you, what time is it, what did you say, and what did {{partner}} say back?

A blank line starts the next paragraph.
"""

# The first writing step: the reader's own side of it.
[own_view]
prompt = "Tell what happened as you lived it. Write as \"I\"."
hints = [
    "What were you hoping for just before it went wrong?",
    "What did you need from {{partner}} in that moment?",
]

# The second step: the same moment, in {{partner}}'s voice.
[partner_view]
prompt = "Now tell the same moment as {{partner}} lived it, writing as \"I\"."
hints = [
    "What had {{partner}}'s day been like?",
    "What might {{partner}} have been afraid of?",
]

# Questions for after the two views are side by side.
[reflection]
questions = [
    "What did you see from {{partner}}'s side that you had not seen before?",
    "Who do you want to be the next time this happens?",
]


# The lines where meaning got lost, for the translation step: copy each quote
# exactly from the scenario above; `by` says who said it, "you" or "partner".
# Without any, the reader names two lines themselves. Remove the # to use them.
# [[moments]]
# quote = "the exact words from the scenario"
# by = "partner"
"#
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_template_is_format_2_and_its_commented_examples_pass_check_when_used() {
        let text = template("my-scene", "A talk");
        assert!(text.contains("\nformat = 2\n"));
        let used = text
            .replace("# lenses = [", "lenses = [")
            .replace("# care = \"", "care = \"")
            .replace("# mirror = \"the-other-side\"", "mirror = \"my-scene\"")
            .replace("# [[moments]]", "[[moments]]")
            .replace(
                "# quote = \"the exact words from the scenario\"",
                "quote = \"what did you say\"",
            )
            .replace("# by = \"partner\"", "by = \"partner\"");
        let parsed =
            crate::exercise::parse(used.as_bytes(), exercise::Origin::BuiltIn(String::new()));
        assert_eq!(
            placeholder_lines(&parsed.problems),
            template_text_lines(&used),
            "only the example texts are warned about"
        );
        let exercise = parsed.exercise.unwrap();
        assert_eq!(exercise.moments.len(), 1);
        assert_eq!(exercise.lenses, vec![crate::translation::Lens::Observer]);
        assert!(
            exercise
                .care
                .unwrap()
                .starts_with("This one is about a loss.")
        );
        assert_eq!(exercise.mirror.as_deref(), Some("my-scene"));
        // With the example texts replaced, nothing at all.
        let done = used
            .replace("Replace this with one line", "One line")
            .replace("Replace this with the moment itself.", "The moment itself.");
        let parsed =
            crate::exercise::parse(done.as_bytes(), exercise::Origin::BuiltIn(String::new()));
        assert_eq!(parsed.problems, vec![]);
    }

    /// The lines of the problems that are about the template's example text.
    fn placeholder_lines(problems: &[exercise::Problem]) -> Vec<usize> {
        problems
            .iter()
            .filter(|p| p.message.contains("template's example text"))
            .filter_map(|p| p.position.map(|(line, _)| line))
            .collect()
    }

    /// The lines where a value holding the example text starts: the summary's, and
    /// the scenario's opening `"""`.
    fn template_text_lines(text: &str) -> Vec<usize> {
        text.lines()
            .enumerate()
            .filter(|(_, line)| {
                line.starts_with("summary = \"Replace") || line.starts_with("scenario = \"\"\"")
            })
            .map(|(n, _)| n + 1)
            .collect()
    }

    #[test]
    fn title_comes_from_the_id() {
        assert_eq!(title_from_id("dishes-at-midnight"), "Dishes at midnight");
    }

    #[test]
    fn a_title_is_one_line_without_direction_controls() {
        assert_eq!(
            title_line(" a\u{202e}b\tc\n\u{1b}d\u{2066}e\u{a0} "),
            "ab c de"
        );
    }

    #[test]
    fn the_template_carries_the_safety_note() {
        let text = template("my-scene", "A talk");
        for helpline in crate::care::HELPLINES {
            let first_words: String = helpline.chars().take(30).collect();
            assert!(text.contains(&first_words), "{first_words}");
        }
        assert!(text.contains("1-800-799-7233") && text.contains("0808 2000 247"));
    }

    #[test]
    fn template_parses_cleanly_with_quotes_in_the_title() {
        let text = template("my-scene", "The \"big\" talk");
        let parsed = exercise::parse(
            text.as_bytes(),
            exercise::Origin::File("my-scene.toml".into()),
        );
        assert_eq!(
            placeholder_lines(&parsed.problems),
            template_text_lines(&text)
        );
        assert_eq!(parsed.problems.len(), 2, "{:?}", parsed.problems);
        let exercise = parsed.exercise.unwrap();
        assert_eq!(exercise.title, "The \"big\" talk");
        assert_eq!(exercise.id, "my-scene");
    }
}
