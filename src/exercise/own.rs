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

/// The scenario file for a moment of one's own.
pub fn moment_toml(id: &str, partner: &str, title: &str, happened: &str) -> String {
    let mut out = String::new();
    out.push_str("# A moment of your own, written in two-worlds. You can edit this file in\n");
    out.push_str("# any text editor; `two-worlds check` tells you if something is wrong.\n");
    out.push_str("format = 2\n");
    out.push_str(&format!("id = {}\n", toml_string(id)));
    out.push_str(&format!("title = {}\n", toml_string(title)));
    if !partner.is_empty() {
        out.push_str(&format!("partner = {}\n", toml_string(partner)));
    }
    out.push_str(&format!("scenario = {}\n", toml_string(happened)));
    out
}

/// Writes a moment of one's own as `dir/<id>.toml` (0600; the folder 0700), with an
/// id made from the title that no exercise in `taken` has and no file in `dir` uses.
/// Returns the exercise as the file gives it.
pub fn write_moment(
    dir: &Path,
    taken: &[String],
    partner: &str,
    title: &str,
    happened: &str,
) -> anyhow::Result<Exercise> {
    create_private_dir_all(dir)?;
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
        let path = dir.join(format!("{id}.toml"));
        let text = moment_toml(&id, partner, title, happened);
        let parsed = parse(text.as_bytes(), Origin::Own(path.clone()));
        let Some(exercise) = parsed.exercise else {
            anyhow::bail!("the moment could not be made into a scenario");
        };
        match write_new_file(&path, text.as_bytes()) {
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

/// Copies a built-in scenario (`text`, its file) into `dir` under a new id, so the
/// user can change it while the built-in stays as it is. Returns the new id and path.
pub fn copy_builtin(
    dir: &Path,
    taken: &[String],
    text: &str,
    builtin_id: &str,
) -> anyhow::Result<(String, std::path::PathBuf)> {
    let _ = (dir, taken, text, builtin_id);
    anyhow::bail!("copies of built-in scenarios are not made yet")
}
