//! The user's own scenarios: a moment of their own becomes a scenario file in
//! `<data folder>/exercises/`, written once, never over another file.

use std::path::Path;

use super::{Exercise, MAX_ID_LEN, Origin, parse, slug};
use crate::files::{create_private_dir_all, write_new_file};

/// The exercise id of a moment of one's own while its form is being filled: no
/// scenario file can have it (scenario ids have no `_`), and the journal can use it
/// as a folder name.
pub const DRAFT_ID: &str = "_moment";

/// TOML string syntax for any text (a basic string: quotes, backslashes and control
/// characters escaped).
fn toml_string(text: &str) -> String {
    toml::Value::String(text.to_owned()).to_string()
}

/// The scenario file for a moment of one's own: what the user wrote, and prompts,
/// hints and questions written for a real moment, all theirs to change.
/// Each line break typed in the form stays one: a paragraph of its own (in a
/// scenario file, lines next to each other are joined into one paragraph).
fn keep_line_breaks(text: &str) -> String {
    text.lines()
        .map(str::trim_end)
        .filter(|line| !line.trim().is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

pub fn moment_toml(id: &str, partner: &str, title: &str, happened: &str) -> String {
    let mut out = String::from(
        "# A moment of your own, written in two-worlds. This file is yours: change any\n\
         # line in a text editor (or press e on it in the library), and\n\
         # `two-worlds check` says if something needs fixing.\n\n",
    );
    out.push_str("format = 2\n");
    out.push_str(&format!("id = {}\n", toml_string(id)));
    out.push_str(&format!("title = {}\n", toml_string(title)));
    if !partner.is_empty() {
        out.push_str(&format!("partner = {}\n", toml_string(partner)));
    }
    out.push_str(&format!(
        "\n# What happened, as a camera would have seen it. A blank line starts a\n# paragraph; lines next to each other are joined into one.\nscenario = {}\n",
        toml_string(&keep_line_breaks(happened))
    ));
    out.push_str(MOMENT_PROMPTS);
    out
}

/// The prompts, hints and questions of a moment of one's own (`{partner}` is filled
/// when the file is read).
const MOMENT_PROMPTS: &str = r#"
[own_view]
prompt = "Tell this moment as you lived it. Write as 'I': what you saw and heard, what you felt, what you needed."
hints = [
    "What were you hoping for just before it went wrong?",
    "What did you feel in your body, and what did you do with it?",
    "What did you need from {partner} right then?",
]

[partner_view]
prompt = "Now tell the same moment as {partner} lived it, in {partner}'s voice. Write as 'I', as if you were {partner}."
hints = [
    "What was {partner} carrying into this moment: the day, the week, an old hurt?",
    "What might {partner} have heard in your words, or in your tone?",
    "What was {partner} afraid of, and what did {partner} need from you?",
]

[reflection]
questions = [
    "What did you see from {partner}'s side that you had not seen before?",
    "What was your part in how this moment went?",
    "What is one thing you could do next time, and one thing you would ask of {partner}?",
]

# The lines where meaning got lost, for the translation step: copy a line exactly
# from the scenario above, and say who said it ("you" or "partner"). Without any,
# you name two lines yourself each time.
# [[moments]]
# quote = "the exact words"
# by = "partner"
"#;

/// Writes a moment of one's own as `dir/<id>.toml` (0600; the folder 0700), with an
/// id made from the title that no exercise in `taken` has and no file in `dir` uses.
/// Returns the exercise as the file gives it.
pub fn write_moment(
    dir: &Path,
    seal: Option<&crate::vault::Seal>,
    taken: &[String],
    partner: &str,
    title: &str,
    happened: &str,
) -> anyhow::Result<Exercise> {
    create_private_dir_all(dir)?;
    // What a scenario file may not hold (control characters, bidi overrides) cannot
    // be typed, but could be pasted or come from a hand-edited draft: left out.
    let keep = |text: &str, lines: bool| -> String {
        text.chars()
            .filter(|&c| crate::safe::can_be_typed(c) || (lines && matches!(c, '\n' | '\t')))
            .collect()
    };
    let (partner, title, happened) = (
        keep(partner, false),
        keep(title, false),
        keep(happened, true),
    );
    let (partner, title, happened) = (partner.trim(), title.trim(), happened.as_str());
    let base = slug(title);
    for n in 1u32..10_000 {
        let id = if n == 1 {
            base.clone()
        } else {
            let suffix = format!("-{n}");
            let room = MAX_ID_LEN - suffix.len();
            let stem: String = base.chars().take(room).collect();
            format!("{}{suffix}", stem.trim_end_matches('-'))
        };
        if taken.contains(&id) {
            continue;
        }
        let path = own_path(dir, seal, &id);
        let text = moment_toml(&id, partner, title, happened);
        let parsed = parse(text.as_bytes(), Origin::Own(path.clone()));
        let Some(exercise) = parsed.exercise else {
            anyhow::bail!("the moment could not be made into a scenario");
        };
        match write_new_file(&path, &for_disk(seal, &text)?) {
            Ok(()) => return Ok(exercise),
            Err(_) if path.symlink_metadata().is_ok() => continue,
            Err(err) => return Err(err),
        }
    }
    anyhow::bail!(
        "no free name for the scenario file in {}",
        crate::safe::path(dir)
    )
}

/// Copies a built-in scenario (`text`, its file) into `dir` under a new id
/// (`<id>-mine`, `-mine-2`…) that no exercise in `taken` has, so the user can change
/// it while the built-in stays as it is. Returns the new id and the path (0600, never
/// over an existing file).
pub fn copy_builtin(
    dir: &Path,
    seal: Option<&crate::vault::Seal>,
    taken: &[String],
    text: &str,
    builtin_id: &str,
) -> anyhow::Result<(String, std::path::PathBuf)> {
    create_private_dir_all(dir)?;
    let base: String = format!("{builtin_id}-mine")
        .chars()
        .take(MAX_ID_LEN)
        .collect();
    for n in 1u32..10_000 {
        let id = if n == 1 {
            base.clone()
        } else {
            let suffix = format!("-{n}");
            let stem: String = base.chars().take(MAX_ID_LEN - suffix.len()).collect();
            format!("{}{suffix}", stem.trim_end_matches('-'))
        };
        if taken.contains(&id) {
            continue;
        }
        let path = own_path(dir, seal, &id);
        let copy = with_id(text, &id, builtin_id);
        if parse(copy.as_bytes(), Origin::Own(path.clone()))
            .exercise
            .is_none()
        {
            anyhow::bail!("the copy of `{builtin_id}` could not be made");
        }
        match write_new_file(&path, &for_disk(seal, &copy)?) {
            Ok(()) => return Ok((id, path)),
            Err(_) if path.symlink_metadata().is_ok() => continue,
            Err(err) => return Err(err),
        }
    }
    anyhow::bail!("no free name for the copy in {}", crate::safe::path(dir))
}

/// Where the scenario `id` is kept: `<id>.toml`, or in a locked journal a locked
/// file whose name says nothing of the title.
pub fn own_path(dir: &Path, seal: Option<&crate::vault::Seal>, id: &str) -> std::path::PathBuf {
    match seal {
        Some(seal) => dir.join(format!(
            "{}.toml.age",
            seal.opaque(&format!("scenario {id}"))
        )),
        None => dir.join(format!("{id}.toml")),
    }
}

fn for_disk(seal: Option<&crate::vault::Seal>, text: &str) -> anyhow::Result<Vec<u8>> {
    match seal {
        Some(seal) => seal.seal(text.as_bytes()),
        None => Ok(text.as_bytes().to_vec()),
    }
}

/// A scenario file's text with its `id` set to `id` (the value replaced where the
/// file has one, a line added at the top where it has none), under a comment that
/// says where it came from.
fn with_id(text: &str, id: &str, builtin_id: &str) -> String {
    let span = toml::de::DeTable::parse(text)
        .ok()
        .and_then(|root| root.get_ref().get("id").map(|value| value.span()));
    let body = match span {
        Some(span) => format!(
            "{}{}{}",
            &text[..span.start],
            toml_string(id),
            &text[span.end..]
        ),
        None => format!("id = {}\n{text}", toml_string(id)),
    };
    format!(
        "# Your copy of the built-in scenario `{builtin_id}`, to change as you like. The\n\
         # built-in stays as it is in the library.\n{body}"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn taken() -> Vec<String> {
        vec!["can-we-talk".into(), "the-pan".into()]
    }

    #[test]
    fn a_moment_with_any_title_and_text_becomes_a_file_that_passes_check() {
        let dir = tempfile::tempdir().unwrap();
        let hostile = "Quote \" back\\slash\nnew line \u{1b}[31m and a tab\t";
        let long = "t".repeat(10_000);
        for title in [hostile, long.as_str(), "?!?", "Can we talk"] {
            let exercise = write_moment(dir.path(), None, &taken(), "Sam \"S\"", title, hostile)
                .unwrap_or_else(|err| panic!("{title:?}: {err:#}"));
            assert!(
                super::super::id_problem(&exercise.id).is_none(),
                "{}",
                exercise.id
            );
            assert!(!taken().contains(&exercise.id));
            let path = dir.path().join(format!("{}.toml", exercise.id));
            let parsed = parse(&std::fs::read(&path).unwrap(), Origin::Own(path.clone()));
            let errors: Vec<_> = parsed
                .problems
                .iter()
                .filter(|p| p.severity != super::super::Severity::Note)
                .collect();
            assert!(errors.is_empty(), "{title:?}: {errors:?}");
            assert_eq!(parsed.exercise.unwrap().partner, "Sam \"S\"");
        }
        // `can-we-talk-2.toml` was written above: a file already there keeps its name.
        let again = write_moment(dir.path(), None, &taken(), "", "Can we talk", "x").unwrap();
        assert_eq!(again.id, "can-we-talk-3");
    }

    #[test]
    fn a_copy_of_a_built_in_has_a_new_id_and_passes_check() {
        let dir = tempfile::tempdir().unwrap();
        let (name, text) = super::super::BUILTIN[0];
        let builtin = parse(text.as_bytes(), Origin::BuiltIn(name.into()))
            .exercise
            .unwrap();
        let (id, path) = copy_builtin(dir.path(), None, &taken(), text, &builtin.id).unwrap();
        assert_eq!(id, format!("{}-mine", builtin.id));
        let copy = parse(&std::fs::read(&path).unwrap(), Origin::Own(path.clone()));
        assert!(copy.problems.is_empty(), "{:?}", copy.problems);
        let copy = copy.exercise.unwrap();
        assert_eq!(copy.id, id);
        assert_eq!(
            (copy.title, copy.scenario),
            (builtin.title, builtin.scenario)
        );
        let (second, _) = copy_builtin(dir.path(), None, &taken(), text, &builtin.id).unwrap();
        assert_eq!(
            second,
            format!("{}-mine-2", builtin.id),
            "never over the first copy"
        );
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
    }
}
