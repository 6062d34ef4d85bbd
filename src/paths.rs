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

/// `$XDG_DATA_HOME/two-worlds`, else `~/.local/share/two-worlds` (on macOS,
/// `~/Library/Application Support/two-worlds`).
pub fn platform_data_dir(env: impl Fn(&str) -> Option<PathBuf>) -> anyhow::Result<PathBuf> {
    if cfg!(target_os = "macos") {
        if let Some(home) = env("HOME") {
            return Ok(home.join("Library/Application Support/two-worlds"));
        }
    } else if let Some(xdg) = env("XDG_DATA_HOME").filter(|p| p.is_absolute()) {
        return Ok(xdg.join("two-worlds"));
    } else if let Some(home) = env("HOME") {
        return Ok(home.join(".local/share/two-worlds"));
    }
    bail!("cannot find a home folder for the data; pass --data-dir DIR or set TWO_WORLDS_DATA_DIR")
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
