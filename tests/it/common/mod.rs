//! What the test modules share.

pub mod app;
#[cfg(unix)]
pub mod bicycle;
pub mod cli;
pub mod entries;
#[cfg(unix)]
pub mod pty;
pub mod sandbox;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The compiled program under test.
pub const BIN: &str = env!("CARGO_BIN_EXE_two-worlds");

/// A stand-in for the user's editor: a shell script, run as `$VISUAL FILE`, that
/// does `body` (with `$1` the file).
#[cfg(unix)]
pub fn editor_script(sandbox: &sandbox::Sandbox, body: &str) -> PathBuf {
    let path = sandbox.root().join("editor.sh");
    std::fs::write(
        &path,
        format!("#!/bin/sh\nPATH=/usr/bin:/bin\nexport PATH\n{body}\n"),
    )
    .unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o700)).unwrap();
    }
    path
}

/// `tests/fixtures/<rel>`: scenarios and entries the tests read.
pub fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(rel)
}

/// `tests/golden/<name>`: an export or entry file as it must be, byte for byte.
pub fn golden_path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name)
}

/// A character no output and no screen may hold raw: a control character other
/// than tab and newline (C0, DEL, C1), a bidi embedding or override, or an isolate.
/// Balanced isolates would be fine in prose, but none of the texts the tests
/// write has them.
pub fn is_unsafe(c: char) -> bool {
    (c < ' ' && c != '\n' && c != '\t')
        || ('\u{7f}'..='\u{9f}').contains(&c)
        || ('\u{202a}'..='\u{202e}').contains(&c)
        || ('\u{2066}'..='\u{2069}').contains(&c)
}

/// Asserts the permission bits of a file or folder, such as `0o600`. Modes are
/// Unix's: on Windows the journal is private because it lives in the user's own
/// profile folder, and there is no mode to check.
#[track_caller]
pub fn assert_mode(path: &Path, expected: u32) {
    #[cfg(unix)]
    assert_eq!(mode(path), expected, "the mode of {}", path.display());
    #[cfg(not(unix))]
    let _ = (path, expected);
}

/// The permission bits of a file or folder, such as `0o600`.
#[cfg(unix)]
pub fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt as _;
    std::fs::metadata(path)
        .unwrap_or_else(|err| panic!("{}: {err}", path.display()))
        .permissions()
        .mode()
        & 0o777
}

/// The names in a folder, sorted; none when it does not exist. To see exactly what
/// a step left behind.
pub fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = match std::fs::read_dir(dir) {
        Ok(read) => read
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect(),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => Vec::new(),
        Err(err) => panic!("cannot list {}: {err}", dir.display()),
    };
    names.sort();
    names
}

/// Every file and folder under `dir`, files with their bytes (folders with none):
/// taken before and after a step, to prove it changed nothing. Empty when `dir`
/// does not exist.
pub fn files_under(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    fn walk(dir: &Path, into: &mut BTreeMap<PathBuf, Vec<u8>>) {
        let Ok(items) = std::fs::read_dir(dir) else {
            return;
        };
        for item in items {
            let path = item.unwrap().path();
            if path.is_dir() {
                into.insert(path.clone(), Vec::new());
                walk(&path, into);
            } else {
                into.insert(path.clone(), std::fs::read(&path).unwrap());
            }
        }
    }
    let mut files = BTreeMap::new();
    walk(dir, &mut files);
    files
}
