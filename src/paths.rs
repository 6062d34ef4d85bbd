//! Where two-worlds keeps things: the data folder and what lies in it.

use std::path::{Path, PathBuf};

use anyhow::bail;

/// Why an empty `--data-dir` is refused: it names no folder.
pub const EMPTY_DATA_DIR: &str =
    "the data folder cannot be empty; name a folder, or leave --data-dir out";

/// The folders two-worlds reads and writes. Nothing here is created until
/// something is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paths {
    pub data_dir: PathBuf,
}

impl Paths {
    pub fn new(data_dir: impl Into<PathBuf>) -> Self {
        Paths {
            data_dir: data_dir.into(),
        }
    }

    /// `--data-dir`, else `TWO_WORLDS_DATA_DIR` (an empty variable counts as
    /// unset), else the platform's data folder. An empty `--data-dir` is
    /// refused by the command line before this is reached.
    pub fn resolve(data_dir: Option<&Path>) -> anyhow::Result<Self> {
        let env = |name: &str| {
            std::env::var_os(name)
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
        };
        match data_dir {
            Some(dir) if dir.as_os_str().is_empty() => {
                bail!(EMPTY_DATA_DIR)
            }
            Some(dir) => Ok(Paths::new(absolute(dir)?)),
            None => match env("TWO_WORLDS_DATA_DIR") {
                Some(dir) => Ok(Paths::new(absolute(&dir)?)),
                None => Ok(Paths::new(platform_data_dir(env)?)),
            },
        }
    }

    /// The user's own scenarios. The journal names its own folders in the data
    /// folder ([`crate::journal::Journal::entries_dir`] and the others).
    pub fn exercises_dir(&self) -> PathBuf {
        self.data_dir.join(EXERCISES_DIR)
    }
}

/// The user's own scenarios' folder, inside the data folder.
pub const EXERCISES_DIR: &str = "exercises";

fn absolute(dir: &Path) -> anyhow::Result<PathBuf> {
    std::path::absolute(dir).map_err(|err| {
        anyhow::anyhow!(
            "cannot use the data folder {}: {}",
            dir.display(),
            crate::wording::io_reason(&err)
        )
    })
}

/// The systems whose folders two-worlds knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Platform {
    /// Linux and the other Unix systems: the XDG folders.
    Unix,
    MacOs,
    Windows,
}

impl Platform {
    /// The system this two-worlds was built for.
    pub const CURRENT: Platform = if cfg!(windows) {
        Platform::Windows
    } else if cfg!(target_os = "macos") {
        Platform::MacOs
    } else {
        Platform::Unix
    };

    /// Whether `path` is absolute on this platform (told apart by its text, so a
    /// test on one system can check another's).
    fn is_absolute(self, path: &Path) -> bool {
        match self {
            Platform::Windows => {
                let text = path.to_string_lossy();
                let bytes = text.as_bytes();
                text.starts_with(r"\\")
                    || (bytes.len() >= 3
                        && bytes[0].is_ascii_alphabetic()
                        && bytes[1] == b':'
                        && matches!(bytes[2], b'\\' | b'/'))
            }
            _ => path.is_absolute(),
        }
    }
}

/// The data folder when none is named: [`data_dir_on`] this system.
pub fn platform_data_dir(env: impl Fn(&str) -> Option<PathBuf>) -> anyhow::Result<PathBuf> {
    data_dir_on(Platform::CURRENT, env)
}

/// The data folder on `platform`:
/// - Unix: `$XDG_DATA_HOME/two-worlds`, else `~/.local/share/two-worlds`;
/// - macOS: `~/Library/Application Support/two-worlds`;
/// - Windows: `%LOCALAPPDATA%\two-worlds`, the user's own local profile (never the
///   roaming one, which can be copied to servers), which other standard users
///   cannot read.
pub fn data_dir_on(
    platform: Platform,
    env: impl Fn(&str) -> Option<PathBuf>,
) -> anyhow::Result<PathBuf> {
    match folder_on(
        platform,
        env,
        "XDG_DATA_HOME",
        ".local/share",
        "LOCALAPPDATA",
    ) {
        Some(dir) => Ok(dir),
        None => bail!(
            "cannot find a home folder for the data; pass --data-dir DIR or set TWO_WORLDS_DATA_DIR"
        ),
    }
}

/// The settings' folder on `platform`: `$XDG_CONFIG_HOME/two-worlds`, else
/// `~/.config/two-worlds` on Unix; `~/Library/Application Support/two-worlds` on
/// macOS; `%APPDATA%\two-worlds` on Windows (settings may roam with the user; the
/// journal never does).
pub fn config_dir_on(platform: Platform, env: impl Fn(&str) -> Option<PathBuf>) -> Option<PathBuf> {
    folder_on(platform, env, "XDG_CONFIG_HOME", ".config", "APPDATA")
}

/// How the journal is kept from the other users of a computer on `platform`: said by
/// `paths` and the README, beside [`crate::care::WHO_CAN_READ`].
pub fn privacy_on(platform: Platform) -> &'static str {
    match platform {
        Platform::Unix | Platform::MacOs => {
            "Its folders are 0700 and its files 0600: no other user of this computer can open them."
        }
        Platform::Windows => {
            "It lives in your own profile, which other standard users of this computer cannot \
             open; two-worlds sets no permissions of its own."
        }
    }
}

/// On Windows, the one line for a data folder outside the user's profile
/// (`%USERPROFILE%`): there, its privacy is up to that folder. Nothing on the other
/// systems, where two-worlds makes its folders private wherever they are, nor for a
/// folder inside the profile, nor when the profile is unknown. Compared part by part
/// and without regard to case, as Windows compares names.
pub fn outside_profile_note(
    platform: Platform,
    data_dir: &Path,
    env: impl Fn(&str) -> Option<PathBuf>,
) -> Option<String> {
    if platform != Platform::Windows {
        return None;
    }
    let profile = env("USERPROFILE").filter(|p| platform.is_absolute(p))?;
    let parts = |path: &Path| -> Vec<String> {
        path.to_string_lossy()
            .split(['\\', '/'])
            .filter(|part| !part.is_empty() && *part != ".")
            .map(str::to_lowercase)
            .collect()
    };
    if parts(data_dir).starts_with(&parts(&profile)) {
        return None;
    }
    Some(format!(
        "Your journal folder {} is outside your profile, so who can read it is up to \
         that folder's own permissions.",
        crate::safe::path(data_dir)
    ))
}

/// `two-worlds` in the platform's folder: `$xdg` (absolute), else `~/under_home` on
/// Unix; `~/Library/Application Support` on macOS; `%windows%` (absolute) on Windows.
fn folder_on(
    platform: Platform,
    env: impl Fn(&str) -> Option<PathBuf>,
    xdg: &str,
    under_home: &str,
    windows: &str,
) -> Option<PathBuf> {
    let absolute = |name: &str| env(name).filter(|p| platform.is_absolute(p));
    let base = match platform {
        Platform::MacOs => absolute("HOME").map(|home| home.join("Library/Application Support")),
        Platform::Windows => absolute(windows),
        Platform::Unix => absolute(xdg).or_else(|| env("HOME").map(|home| home.join(under_home))),
    };
    base.map(|base| base.join("two-worlds"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env_of<'a>(vars: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<PathBuf> + 'a {
        move |name| {
            vars.iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| PathBuf::from(v))
        }
    }

    #[test]
    #[cfg(not(target_os = "macos"))]
    fn xdg_data_home_wins_over_home() {
        let dir = platform_data_dir(env_of(&[("XDG_DATA_HOME", "/x/data"), ("HOME", "/home/a")]));
        assert_eq!(dir.unwrap(), PathBuf::from("/x/data/two-worlds"));
    }

    #[test]
    #[cfg(not(target_os = "macos"))]
    fn home_is_the_fallback_and_relative_xdg_is_ignored() {
        let dir = platform_data_dir(env_of(&[("XDG_DATA_HOME", "rel"), ("HOME", "/home/a")]));
        assert_eq!(
            dir.unwrap(),
            PathBuf::from("/home/a/.local/share/two-worlds")
        );
    }

    #[test]
    fn each_platform_has_its_own_folders() {
        let unix = env_of(&[
            ("XDG_DATA_HOME", "/x/data"),
            ("XDG_CONFIG_HOME", "/x/config"),
            ("HOME", "/home/a"),
        ]);
        assert_eq!(
            data_dir_on(Platform::Unix, &unix).unwrap(),
            PathBuf::from("/x/data/two-worlds")
        );
        assert_eq!(
            config_dir_on(Platform::Unix, &unix),
            Some(PathBuf::from("/x/config/two-worlds"))
        );
        let mac = env_of(&[("HOME", "/Users/a"), ("XDG_DATA_HOME", "/x/data")]);
        assert_eq!(
            data_dir_on(Platform::MacOs, &mac).unwrap(),
            PathBuf::from("/Users/a/Library/Application Support/two-worlds")
        );
        assert_eq!(
            config_dir_on(Platform::MacOs, &mac),
            Some(PathBuf::from(
                "/Users/a/Library/Application Support/two-worlds"
            ))
        );
        let windows = env_of(&[
            ("LOCALAPPDATA", r"C:\Users\a\AppData\Local"),
            ("APPDATA", r"C:\Users\a\AppData\Roaming"),
            ("HOME", "/home/a"),
        ]);
        let data = data_dir_on(Platform::Windows, &windows).unwrap();
        assert!(
            data.starts_with(r"C:\Users\a\AppData\Local"),
            "{}",
            data.display()
        );
        assert!(
            data.ends_with("two-worlds"),
            "the local profile, never the roaming one"
        );
        let config = config_dir_on(Platform::Windows, &windows).unwrap();
        assert!(
            config.starts_with(r"C:\Users\a\AppData\Roaming"),
            "{}",
            config.display()
        );
        // A relative LOCALAPPDATA is no place for a journal; XDG means nothing on Windows.
        let relative = env_of(&[("LOCALAPPDATA", r"AppData\Local"), ("XDG_DATA_HOME", "/x")]);
        assert!(data_dir_on(Platform::Windows, &relative).is_err());
    }

    #[test]
    fn a_windows_data_folder_outside_the_profile_gets_one_line() {
        let env = env_of(&[("USERPROFILE", r"C:\Users\Ana")]);
        let note = |dir: &str| outside_profile_note(Platform::Windows, Path::new(dir), &env);
        // The default place, and anywhere else in the profile, whatever the case.
        assert_eq!(note(r"C:\Users\Ana\AppData\Local\two-worlds"), None);
        assert_eq!(note(r"c:\users\ana\Documents\journal"), None);
        // Elsewhere: a second disk, a shared folder, another user's profile, a name
        // that only begins like the profile's.
        for dir in [
            r"D:\journal",
            r"\\server\share\journal",
            r"C:\Users\Public\journal",
            r"C:\Users\Ana2\journal",
        ] {
            let line = note(dir).unwrap_or_else(|| panic!("{dir}: no note"));
            assert!(line.contains(dir) && line.contains("up to"), "{line}");
            assert!(!line.contains('\n'), "one line: {line}");
        }
        // Unix and macOS make their folders private wherever they are; an unknown
        // profile is no reason to worry anyone.
        for platform in [Platform::Unix, Platform::MacOs] {
            assert_eq!(
                outside_profile_note(platform, Path::new("/mnt/j"), &env),
                None
            );
        }
        assert_eq!(
            outside_profile_note(Platform::Windows, Path::new(r"D:\j"), env_of(&[])),
            None
        );
    }

    #[test]
    fn each_platform_says_how_its_journal_is_kept_private() {
        assert!(privacy_on(Platform::Unix).contains("0700"));
        assert_eq!(privacy_on(Platform::Unix), privacy_on(Platform::MacOs));
        let windows = privacy_on(Platform::Windows);
        assert!(
            windows.contains("profile") && !windows.contains("0700"),
            "{windows}"
        );
    }

    #[test]
    fn no_home_is_a_clear_error() {
        let err = platform_data_dir(env_of(&[])).unwrap_err().to_string();
        assert!(err.contains("--data-dir"), "{err}");
    }

    #[test]
    fn explicit_folder_is_made_absolute_and_names_its_parts() {
        let paths = Paths::resolve(Some(Path::new("some/dir"))).unwrap();
        assert!(paths.data_dir.is_absolute());
        assert!(paths.exercises_dir().ends_with("some/dir/exercises"));
    }
}
