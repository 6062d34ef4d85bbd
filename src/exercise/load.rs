//! Reading scenario files from the built-in library, the user's folder and
//! every `--exercises` path.

use std::path::{Path, PathBuf};

use super::{BUILTIN, Library, MAX_FILE_BYTES, Origin, Parsed, Problem, Severity, Sources, parse};
use crate::wording::io_reason;

/// Loads every source. Never fails: problems are collected in the library.
pub fn load(sources: &Sources) -> Library {
    let mut library = Library::default();
    let mut seen = std::collections::HashSet::new();
    if sources.builtin {
        for parsed in parse_builtins() {
            library.add(parsed);
        }
    }
    if let Some(dir) = &sources.user_dir
        && dir.is_dir()
    {
        load_path(&mut library, &mut seen, dir, true);
    }
    for path in &sources.extra {
        load_path(&mut library, &mut seen, path, false);
    }
    super::authoring::check_mirrors(&mut library);
    library
}

/// Every built-in scenario parsed, in order.
fn parse_builtins() -> impl Iterator<Item = Parsed> {
    BUILTIN
        .iter()
        .map(|(name, text)| parse(text.as_bytes(), Origin::BuiltIn((*name).to_string())))
}

/// Loads one file, or every `*.toml` below a folder (sorted, hidden files skipped).
/// `seen` holds the files already read, so a file named twice (directly, or through
/// a folder) loads once instead of clashing with itself. `own`: the user's own
/// exercises folder, whose files are marked as theirs.
fn load_path(
    library: &mut Library,
    seen: &mut std::collections::HashSet<PathBuf>,
    path: &Path,
    own: bool,
) {
    let mut first_time =
        |file: &Path| seen.insert(file.canonicalize().unwrap_or_else(|_| file.to_path_buf()));
    let file_problem = |message: String| Problem {
        file: path.display().to_string(),
        position: None,
        severity: Severity::Error,
        message,
    };
    let meta = match std::fs::metadata(path) {
        Ok(meta) => meta,
        Err(err) => {
            library
                .problems
                .push(file_problem(format!("cannot read: {}", io_reason(&err))));
            return;
        }
    };
    if meta.is_file() {
        if first_time(path) {
            library.add(read_and_parse(path, own));
        }
        return;
    }
    if !meta.is_dir() {
        let what = crate::files::kind_of(meta.file_type());
        library
            .problems
            .push(file_problem(not_a_file_message(what)));
        return;
    }
    let files = toml_files_below(path, &mut library.problems);
    for file in files.iter().filter(|f| first_time(f)) {
        library.add(read_and_parse(file, own));
    }
}

/// A file over [`MAX_FILE_BYTES`], however its size was learnt.
pub(super) fn too_large_message(size: u64) -> String {
    format!(
        "the file is {} KiB, larger than the 256 KiB a scenario may be; shorten it or split it into several exercises",
        size.div_ceil(1024)
    )
}

/// "it is a named pipe, not a scenario file; two-worlds skipped it"
fn not_a_file_message(what: &str) -> String {
    format!("it is {what}, not a scenario file; two-worlds skipped it")
}

/// Every `*.toml` regular file below `dir`, sorted. Links are followed, but each
/// folder is entered once, however many names lead to it, so links that loop
/// back (`a -> .`) cannot make the walk go on forever. A `*.toml` that is not a
/// regular file (a named pipe, a device) is never opened: it becomes a problem
/// with its path, as does a folder that cannot be read.
fn toml_files_below(dir: &Path, problems: &mut Vec<Problem>) -> Vec<PathBuf> {
    let problem = |path: &Path, severity, message: String| Problem {
        file: path.display().to_string(),
        position: None,
        severity,
        message,
    };
    let mut found = Vec::new();
    let mut visited = std::collections::HashSet::new();
    if let Some(id) = std::fs::metadata(dir)
        .ok()
        .and_then(|meta| crate::files::identity(dir, &meta))
    {
        visited.insert(id);
    }
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        let items = match std::fs::read_dir(&dir) {
            Ok(items) => items,
            Err(err) => {
                problems.push(problem(
                    &dir,
                    Severity::Error,
                    format!("cannot read the folder: {}", io_reason(&err)),
                ));
                continue;
            }
        };
        // Sorted, so which name of a linked folder is used does not depend on
        // the file system's order.
        let mut items: Vec<_> = items.flatten().collect();
        items.sort_by_key(|item| item.file_name());
        let mut subfolders = Vec::new();
        for item in items {
            let path = item.path();
            let name = item.file_name();
            if name.as_encoded_bytes().starts_with(b".") {
                continue;
            }
            let is_toml = path.extension().is_some_and(|ext| ext == "toml")
                || crate::vault::is_sealed_scenario(&path);
            let Ok(own_type) = item.file_type() else {
                continue;
            };
            let meta = if own_type.is_symlink() {
                std::fs::metadata(&path)
            } else {
                item.metadata()
            };
            let meta = match meta {
                Ok(meta) => meta,
                Err(err) => {
                    if is_toml {
                        problems.push(problem(
                            &path,
                            Severity::Error,
                            format!("cannot read: {}", io_reason(&err)),
                        ));
                    }
                    continue;
                }
            };
            if meta.is_dir() {
                if crate::files::identity(&path, &meta).is_none_or(|id| visited.insert(id)) {
                    subfolders.push(path);
                } else {
                    problems.push(problem(
                        &path,
                        Severity::Note,
                        "skipped: a link to a folder already read".into(),
                    ));
                }
            } else if is_toml && meta.is_file() {
                found.push(path);
            } else if is_toml {
                let what = crate::files::kind_of(meta.file_type());
                problems.push(problem(&path, Severity::Error, not_a_file_message(what)));
            }
        }
        // Popped in name order.
        pending.extend(subfolders.into_iter().rev());
    }
    found.sort();
    found
}

fn read_and_parse(path: &Path, own: bool) -> Parsed {
    let origin = if own {
        Origin::Own(path.to_path_buf())
    } else {
        Origin::File(path.to_path_buf())
    };
    reload(path, origin)
}

/// One scenario file read and checked as the library reads it, with `origin` (for
/// example again, after the user edited it).
pub fn reload(path: &Path, origin: Origin) -> Parsed {
    use crate::files::ReadError;
    use crate::vault::ReadError as Sealed;
    let message = match crate::vault::read(path, MAX_FILE_BYTES as u64) {
        Ok(bytes) => return parse(&bytes, origin),
        Err(Sealed::File(ReadError::TooLarge { size, .. })) => too_large_message(size),
        Err(Sealed::File(ReadError::NotAFile { what })) => not_a_file_message(what),
        Err(Sealed::File(ReadError::Io(err))) => format!("cannot read: {}", io_reason(&err)),
        Err(Sealed::Locked(err)) => format!("this scenario is locked with your journal: {err}"),
    };
    Parsed {
        exercise: None,
        id_position: None,
        mirror_position: None,
        problems: vec![Problem {
            file: path.display().to_string(),
            position: None,
            severity: Severity::Error,
            message,
        }],
    }
}
