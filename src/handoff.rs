//! Handing a file to the user's own editor: which editor (`$VISUAL`, else `$EDITOR`,
//! split as a shell would split it), and running it on one file. The terminal is
//! given back to the shell's state around the run by the caller (see
//! `tui::hand_off`), so this module never touches the screen.
//!
//! Scenario files are edited this way (`e` in the library); the text being written
//! can use the same hand-off later.

use std::ffi::OsStr;
use std::path::Path;
use std::process::Command;

/// Why the editor could not be used; each says what to do, and none quotes a file's
/// contents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HandOffError {
    /// Neither variable is set.
    NoEditor,
    /// The variable cannot be split into words (an unclosed quote) or is not text.
    Unreadable(&'static str),
    /// The editor could not be started.
    NotStarted(String),
    /// The editor ended with an error.
    Failed(String),
}

impl std::fmt::Display for HandOffError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            HandOffError::NoEditor => {
                f.write_str("no editor is set (set VISUAL or EDITOR, e.g. EDITOR=nano)")
            }
            HandOffError::Unreadable(name) => {
                write!(f, "{name} cannot be read as a command (check its quotes)")
            }
            HandOffError::NotStarted(reason) => write!(f, "the editor did not start: {reason}"),
            HandOffError::Failed(how) => write!(f, "the editor {how}"),
        }
    }
}

/// The editor's command line as words: `$VISUAL` if set and not empty, else `$EDITOR`.
pub fn editor_command(
    visual: Option<&OsStr>,
    editor: Option<&OsStr>,
) -> Result<Vec<String>, HandOffError> {
    let chosen = [("VISUAL", visual), ("EDITOR", editor)]
        .into_iter()
        .find_map(|(name, value)| Some((name, value.filter(|v| !v.is_empty())?)));
    let Some((name, value)) = chosen else {
        return Err(HandOffError::NoEditor);
    };
    let words = value
        .to_str()
        .and_then(shlex::split)
        .filter(|words| !words.is_empty())
        .ok_or(HandOffError::Unreadable(name))?;
    Ok(words)
}

/// The editor the settings name (`editor = "code --wait"`), else the environment's.
pub fn editor_from(setting: Option<&str>) -> Result<Vec<String>, HandOffError> {
    match setting {
        Some(command) => shlex::split(command)
            .filter(|words| !words.is_empty())
            .ok_or(HandOffError::Unreadable("the editor setting")),
        None => editor_from_env(),
    }
}

/// The editor the environment names.
pub fn editor_from_env() -> Result<Vec<String>, HandOffError> {
    editor_command(
        std::env::var_os("VISUAL").as_deref(),
        std::env::var_os("EDITOR").as_deref(),
    )
}

/// Runs `command` with `file` as its last argument and waits for it. An editor that
/// cannot start, is killed or exits non-zero is an error.
pub fn run(command: &[String], file: &Path) -> Result<(), HandOffError> {
    let Some((program, args)) = command.split_first() else {
        return Err(HandOffError::NoEditor);
    };
    // `code` is `code.cmd` on Windows: found as the Windows shell finds it.
    #[cfg(windows)]
    let program = &windows_program(
        program,
        &std::env::var_os("PATH").unwrap_or_default(),
        &std::env::var("PATHEXT").unwrap_or_else(|_| ".COM;.EXE;.BAT;.CMD".into()),
        |path| path.is_file(),
    )
    .map_or_else(
        || program.clone(),
        |found| found.to_string_lossy().into_owned(),
    );
    let status = Command::new(program)
        .args(args)
        .arg(file)
        .status()
        .map_err(|err| HandOffError::NotStarted(crate::wording::io_reason(&err)))?;
    match status.code() {
        Some(0) => Ok(()),
        Some(code) => Err(HandOffError::Failed(format!("exited with code {code}"))),
        None => Err(HandOffError::Failed("was stopped by a signal".into())),
    }
}

/// How the Windows shell finds a command named without its extension: each folder
/// of `path` in turn, the name with each extension of `pathext` (`.COM;.EXE;.BAT;.CMD`),
/// the first that `exists`. A name with a folder or an extension is left as it is
/// (`None`). Pure, so it is tested on every system.
#[cfg_attr(not(windows), allow(dead_code))]
pub fn windows_program(
    name: &str,
    path: &OsStr,
    pathext: &str,
    exists: impl Fn(&std::path::Path) -> bool,
) -> Option<std::path::PathBuf> {
    let has_folder = name.contains(['/', '\\']);
    let has_extension = std::path::Path::new(name).extension().is_some();
    if has_folder || has_extension {
        return None;
    }
    let path = path.to_string_lossy();
    path.split(';')
        .filter(|folder| !folder.is_empty())
        .flat_map(|folder| {
            pathext
                .split(';')
                .filter(|ext| !ext.is_empty())
                .map(move |ext| {
                    std::path::Path::new(folder).join(format!("{name}{}", ext.to_ascii_lowercase()))
                })
        })
        .find(|candidate| exists(candidate))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn os(text: &str) -> Option<&OsStr> {
        Some(OsStr::new(text))
    }

    #[test]
    fn visual_comes_first_then_editor_and_words_split_as_a_shell_would() {
        assert_eq!(
            editor_command(os("code --wait"), os("nano")),
            Ok(vec!["code".into(), "--wait".into()])
        );
        assert_eq!(editor_command(os(""), os("nano")), Ok(vec!["nano".into()]));
        assert_eq!(
            editor_command(None, os("'/opt/my editor/bin/ed' -q \"a b\"")),
            Ok(vec![
                "/opt/my editor/bin/ed".into(),
                "-q".into(),
                "a b".into()
            ])
        );
        assert_eq!(editor_command(None, None), Err(HandOffError::NoEditor));
        assert_eq!(
            editor_command(os("vim 'unclosed"), None),
            Err(HandOffError::Unreadable("VISUAL"))
        );
    }

    #[test]
    fn a_failing_or_missing_editor_is_an_error() {
        let file = Path::new("/dev/null");
        assert_eq!(run(&["true".into()], file), Ok(()));
        assert!(matches!(
            run(&["false".into()], file),
            Err(HandOffError::Failed(_))
        ));
        assert!(matches!(
            run(&["/nonexistent/editor".into()], file),
            Err(HandOffError::NotStarted(_))
        ));
    }

    #[test]
    fn a_bare_windows_command_is_found_with_its_extension_as_the_shell_finds_it() {
        let path = OsStr::new(r"C:\\Tools;C:\\Users\\a\\AppData\\Local\\Programs\\VS Code\\bin");
        let there = |p: &std::path::Path| p.to_string_lossy().ends_with(r"VS Code\\bin/code.cmd");
        let found = windows_program("code", path, ".COM;.EXE;.BAT;.CMD", there).unwrap();
        assert!(
            found.to_string_lossy().ends_with("code.cmd"),
            "{}",
            found.display()
        );
        assert_eq!(
            windows_program("code.exe", path, ".EXE", |_| true),
            None,
            "an extension: as given"
        );
        assert_eq!(
            windows_program(r"C:\\x\\vim", path, ".EXE", |_| true),
            None,
            "a folder: as given"
        );
        assert_eq!(
            windows_program("nano", path, ".EXE", |_| false),
            None,
            "not found: as given"
        );
    }
}
