//! The names the journal gives its files: entries
//! (`<started UTC %Y%m%dT%H%M%SZ>.toml`), exports (`<exercise id>-<entry name>.md`)
//! and rescue copies (`<exercise id>-<saved>.toml`). A name already taken gets
//! `-2`, `-3`… before its extension ([`candidates`]); whatever in a name comes
//! from a file anyone can edit goes through [`file_name_part`].

use std::path::{Path, PathBuf};

use jiff::Timestamp;

/// How an entry's file name encodes the time it was started (always UTC); rescue
/// copies use it for the time they were saved.
const FILE_NAME_TIME: &str = "%Y%m%dT%H%M%SZ";
pub(super) const ENTRY_EXTENSION: &str = "toml";
/// A locked journal's entries: `<started>.toml.age`.
pub(super) const SEALED_ENTRY_EXTENSION: &str = "toml.age";
const EXPORT_EXTENSION: &str = "md";
/// The longest [`file_name_part`], in characters.
const MAX_PART_CHARS: usize = 64;

/// `dir/<stem>.<extension>`, then `dir/<stem>-2.<extension>`, `-3`, … without end:
/// the caller takes the first that is free.
pub(super) fn candidates<'a>(
    dir: &'a Path,
    stem: &'a str,
    extension: &'a str,
) -> impl Iterator<Item = PathBuf> + 'a {
    (1u64..).map(move |n| {
        let name = if n == 1 {
            format!("{stem}.{extension}")
        } else {
            format!("{stem}-{n}.{extension}")
        };
        dir.join(name)
    })
}

/// Up to 64 characters of `text` fit for a file name, or `None` if nothing is
/// left: ASCII letters, digits and `_` are kept, any run of other characters
/// becomes one `-`, never at the start or the end. So no `/`, no `..`, no control
/// character, whatever the text.
pub(super) fn file_name_part(text: &str) -> Option<String> {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() || c == '_' {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let out: String = out.chars().take(MAX_PART_CHARS).collect();
    let out = out.trim_end_matches('-');
    (!out.is_empty()).then(|| out.to_owned())
}

/// The first name for an entry started at `started`: `<stamp>.toml`.
pub(super) fn entry_stem(started: Timestamp) -> String {
    started.strftime(FILE_NAME_TIME).to_string()
}

/// The first name for a rescue copy of an entry of `exercise_id`, saved at `saved`.
pub(super) fn rescue_stem(exercise_id: &str, saved: Timestamp) -> String {
    let id = file_name_part(exercise_id).unwrap_or_else(|| "entry".to_owned());
    format!("{id}-{}", saved.strftime(FILE_NAME_TIME))
}

/// Where the Markdown of the entry at `entry_path` goes:
/// `<exercise id>-<entry file stem>.md` directly in `exports_dir`, with `-2`,
/// `-3`… before `.md` when that name is taken (by anything, a dangling link
/// included), so nothing is ever replaced. The path is always inside
/// `exports_dir`, whatever the id and the entry's name.
pub(super) fn export_path(exports_dir: &Path, exercise_id: &str, entry_path: &Path) -> PathBuf {
    new_path_beside_exports(exports_dir, exercise_id, entry_path, EXPORT_EXTENSION)
}

/// The same name as [`export_path`], with `extension`: `<id>-<stem>.<extension>`,
/// then `-2` and on, never a name already taken.
pub(super) fn new_path_beside_exports(
    exports_dir: &Path,
    exercise_id: &str,
    entry_path: &Path,
    extension: &str,
) -> PathBuf {
    let id = file_name_part(exercise_id).unwrap_or_else(|| "entry".to_owned());
    let stem = entry_file_stem(entry_path).and_then(|stem| file_name_part(&stem));
    let stem = match stem {
        Some(stem) => format!("{id}-{stem}"),
        None => id,
    };
    let path = candidates(exports_dir, &stem, extension)
        // Anything there, even a dangling link, takes the name. Any error ends
        // the search too (a folder we cannot look into): the write then says why.
        .find(|path| std::fs::symlink_metadata(path).is_err())
        .expect("the names never run out");
    assert_eq!(
        path.parent(),
        Some(exports_dir),
        "an export name left its folder"
    );
    path
}

/// An entry file's name without `.toml` (or a locked one's `.toml.age`).
fn entry_file_stem(entry_path: &Path) -> Option<String> {
    let name = entry_path.file_name()?.to_string_lossy().into_owned();
    let stem = name
        .strip_suffix(".toml.age")
        .or_else(|| name.strip_suffix(".toml"))
        .map(str::to_owned);
    stem.or_else(|| {
        entry_path
            .file_stem()
            .map(|stem| stem.to_string_lossy().into_owned())
    })
}

/// The exports `export_path` gave the entry at `entry_path` in `exports_dir`:
/// `<id>-<stem>.md`, then `<id>-<stem>-2.md` and on, whichever are there (regular
/// files only, never links). The id is the entry's exercise id (`exercise_id`), or
/// else its folder, as the export names it.
pub(super) fn exports_of(
    exports_dir: &Path,
    entry_path: &Path,
    exercise_id: Option<&str>,
) -> Vec<PathBuf> {
    let id = exercise_id
        .map(str::to_owned)
        .or_else(|| {
            entry_path
                .parent()
                .and_then(Path::file_name)
                .map(|name| name.to_string_lossy().into_owned())
        })
        .and_then(|name| file_name_part(&name))
        .unwrap_or_else(|| "entry".to_owned());
    let Some(stem) = entry_file_stem(entry_path).and_then(|stem| file_name_part(&stem)) else {
        return Vec::new();
    };
    let base = format!("{id}-{stem}");
    let Ok(items) = std::fs::read_dir(exports_dir) else {
        return Vec::new();
    };
    let mut found: Vec<PathBuf> = items
        .flatten()
        .filter(|item| item.file_type().is_ok_and(|t| t.is_file()))
        .map(|item| item.path())
        .filter(|path| {
            let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
                return false;
            };
            let Some(rest) = name.strip_suffix(&format!(".{EXPORT_EXTENSION}")) else {
                return false;
            };
            rest == base
                || rest
                    .strip_prefix(&base)
                    .and_then(|n| n.strip_prefix('-'))
                    .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
        })
        .collect();
    found.sort();
    found
}

/// Entry files end in `.toml` (`.toml.age` when locked); hidden files (our
/// temporary files start with a dot) and lock files (`.toml.lock`) are not entries.
pub(super) fn is_entry_file_name(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    !name.starts_with('.') && (name.ends_with(".toml") || name.ends_with(".toml.age"))
}

/// An entry's name that is not valid UTF-8: it still ends in `.toml` and is not hidden.
pub(super) fn looks_like_an_entry_in_bytes(path: &Path) -> bool {
    let Some(name) = path.file_name() else {
        return false;
    };
    let bytes = name.as_encoded_bytes();
    name.to_str().is_none()
        && !bytes.starts_with(b".")
        && (bytes.ends_with(b".toml") || bytes.ends_with(b".toml.age"))
}

/// When the entry was started, as its file name says.
pub(super) fn started_from_file_name(path: &Path) -> Option<Timestamp> {
    let name = path.file_name()?.to_str()?;
    let stamp = name.get(..16)?;
    jiff::fmt::strtime::parse(FILE_NAME_TIME, stamp)
        .ok()?
        .to_datetime()
        .ok()?
        .to_zoned_datetime(jiff::tz::TimeZone::UTC)
        .ok()
        .map(|zoned| zoned.timestamp())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn taken_names_get_a_number_before_the_extension() {
        let names: Vec<_> = candidates(Path::new("d"), "a-b", "md").take(3).collect();
        assert_eq!(
            names,
            ["d/a-b.md", "d/a-b-2.md", "d/a-b-3.md"].map(PathBuf::from)
        );
    }

    #[test]
    fn file_name_parts_keep_only_safe_characters() {
        assert_eq!(file_name_part("the-dishes").as_deref(), Some("the-dishes"));
        assert_eq!(
            file_name_part("../../etc/passwd").as_deref(),
            Some("etc-passwd")
        );
        assert_eq!(
            file_name_part("Dishes_2\u{1b}[31m").as_deref(),
            Some("Dishes_2-31m")
        );
        assert_eq!(file_name_part(".."), None);
        assert_eq!(
            file_name_part(&"long-".repeat(100)).map(|p| p.len()),
            Some(64)
        );
    }
}
