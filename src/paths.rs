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
