//! Small words shown to people, each made in one place: counts with their
//! noun, the name of an entry's status, a capital at the start, an I/O error
//! in plain words.

use crate::journal::Status;

/// A count with its noun: "1 entry", "3 entries", "0 files".
pub fn plural(n: usize, one: &str, many: &str) -> String {
    let noun = if n == 1 { one } else { many };
    format!("{n} {noun}")
}

/// A word count, as every screen shows it: "1 word", "12 words".
pub fn words(n: usize) -> String {
    plural(n, "word", "words")
}

/// `text` with its first character in capitals: "your partner" → "Your partner".
pub fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// An entry's status as lists show it: "draft" or "done".
pub fn status_label(status: Status) -> &'static str {
    match status {
        Status::Draft => "draft",
        Status::Complete => "done",
    }
}

/// An I/O error in plain words, without Rust's `(os error N)` noise.
pub fn io_reason(err: &std::io::Error) -> String {
    use std::io::ErrorKind;
    match err.kind() {
        ErrorKind::NotFound => "no such file or folder".into(),
        ErrorKind::PermissionDenied => "permission denied".into(),
        _ => {
            let text = err.to_string();
            match text.find(" (os error") {
                Some(cut) => text[..cut].to_string(),
                None => text,
            }
        }
    }
}

/// A path as messages show it: whole, with `~` for the home folder, and safe to
/// show (never relative to a folder the user does not know).
pub fn shown_path(path: &std::path::Path) -> String {
    let home = std::env::var_os("HOME").filter(|home| !home.is_empty());
    shown_path_from(path, home.as_deref().map(std::path::Path::new))
}

/// [`shown_path`] with the home folder given.
pub fn shown_path_from(path: &std::path::Path, home: Option<&std::path::Path>) -> String {
    let short = match home.and_then(|home| path.strip_prefix(home).ok()) {
        Some(rest) if !rest.as_os_str().is_empty() => std::path::Path::new("~").join(rest),
        _ => path.to_path_buf(),
    };
    crate::safe::path(&short)
}

#[cfg(test)]
mod tests {

    #[test]
    fn paths_are_shown_whole_with_a_tilde_for_home() {
        use std::path::Path;
        let home = Some(Path::new("/home/ana"));
        assert_eq!(
            shown_path_from(
                Path::new("/home/ana/.local/share/two-worlds/exports/x.md"),
                home
            ),
            "~/.local/share/two-worlds/exports/x.md"
        );
        assert_eq!(
            shown_path_from(Path::new("/home/anabel/x.md"), home),
            "/home/anabel/x.md"
        );
        assert_eq!(shown_path_from(Path::new("/home/ana"), home), "/home/ana");
        assert_eq!(shown_path_from(Path::new("/data/x.md"), None), "/data/x.md");
        assert_eq!(
            shown_path_from(Path::new("/d/\u{1b}[2J.md"), None),
            "/d/\\u{1b}[2J.md"
        );
    }

    use super::*;

    #[test]
    fn one_takes_the_singular_and_every_other_count_the_plural() {
        assert_eq!(plural(1, "entry", "entries"), "1 entry");
        assert_eq!(plural(0, "entry", "entries"), "0 entries");
        assert_eq!(plural(2, "file", "files"), "2 files");
        assert_eq!(words(1), "1 word");
        assert_eq!(words(0), "0 words");
    }

    #[test]
    fn only_the_first_character_is_capitalised() {
        assert_eq!(capitalised("your partner"), "Your partner");
        assert_eq!(capitalised("ßig ideas"), "SSig ideas");
        assert_eq!(capitalised("élan Vital"), "Élan Vital");
        assert_eq!(capitalised(""), "");
    }

    #[test]
    fn a_complete_entry_is_done() {
        assert_eq!(status_label(Status::Draft), "draft");
        assert_eq!(status_label(Status::Complete), "done");
    }
}
