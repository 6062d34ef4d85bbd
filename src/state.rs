//! The program's own memory between runs: `<data folder>/state.toml`. It is not a
//! settings file (the user never needs to edit it) and it only remembers choices,
//! such as having read the safety note. Keys this version does not know (written
//! by a newer two-worlds) are kept as they are when it is saved again.

use std::path::{Path, PathBuf};

use crate::files::{create_private_dir_all, read_regular, write_atomic};
use crate::format::{Format, Version};

/// The state file format this version writes. Older files are read as they are; a
/// newer one is read for the keys this version knows, its other keys are kept, and
/// so is its number, so the newer two-worlds still reads it as its own.
pub const STATE_FORMAT: Format = Format {
    oldest: 1,
    current: 1,
};

/// What two-worlds remembers between runs.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct State {
    table: toml::Table,
}

impl State {
    /// Whether the safety note was read on an earlier run.
    pub fn safety_note_seen(&self) -> bool {
        self.table
            .get("safety_note_seen")
            .and_then(toml::Value::as_bool)
            .unwrap_or(false)
    }

    pub fn set_safety_note_seen(&mut self) {
        self.table
            .insert("safety_note_seen".into(), toml::Value::Boolean(true));
    }

    /// The choices remembered; a value of the wrong type is as if it were not there.
    pub fn prefs(&self) -> Prefs {
        let text = |key: &str| self.table.get(key).and_then(toml::Value::as_str);
        let flag = |key: &str| self.table.get(key).and_then(toml::Value::as_bool);
        Prefs {
            partner_name: text(PARTNER_NAME)
                .map(crate::safe::line)
                .map(|name| name.chars().take(MAX_NAME_CHARS).collect())
                .unwrap_or_default(),
            observer: flag(OBSERVER_LENS),
            observations: flag(OBSERVATIONS).unwrap_or(false),
            calm_threshold: self
                .table
                .get(CALM_THRESHOLD)
                .and_then(toml::Value::as_integer)
                .and_then(|n| u8::try_from(n).ok())
                .filter(|n| (1..=crate::calm::MAX).contains(n))
                .unwrap_or(crate::calm::DEFAULT_THRESHOLD),
            follow_up_asked: text(FOLLOW_UP_ASKED).and_then(|t| t.parse().ok()),
        }
    }

    pub fn set_prefs(&mut self, prefs: &Prefs) {
        let table = &mut self.table;
        if prefs.partner_name.is_empty() {
            table.remove(PARTNER_NAME);
        } else {
            table.insert(PARTNER_NAME.into(), prefs.partner_name.clone().into());
        }
        match prefs.observer {
            Some(yes) => table.insert(OBSERVER_LENS.into(), yes.into()),
            None => table.remove(OBSERVER_LENS),
        };
        table.insert(OBSERVATIONS.into(), prefs.observations.into());
        table.insert(
            CALM_THRESHOLD.into(),
            i64::from(prefs.calm_threshold).into(),
        );
        match prefs.follow_up_asked {
            Some(at) => table.insert(FOLLOW_UP_ASKED.into(), at.to_string().into()),
            None => table.remove(FOLLOW_UP_ASKED),
        };
    }
}

impl State {
    /// This data folder's author id for shared moments, if one was made.
    pub fn author(&self) -> Option<String> {
        self.table
            .get(AUTHOR)
            .and_then(toml::Value::as_str)
            .filter(|id| crate::exchange::is_id(id))
            .map(str::to_owned)
    }

    pub fn set_author(&mut self, id: &str) {
        self.table.insert(AUTHOR.into(), id.into());
    }

    /// The name the user shares moments under, as their partner knows them.
    pub fn share_name(&self) -> Option<String> {
        self.table
            .get(SHARE_NAME)
            .and_then(toml::Value::as_str)
            .filter(|name| crate::exchange::check_share_name(name).is_ok())
            .map(str::to_owned)
    }

    pub fn set_share_name(&mut self, name: &str) {
        self.table.insert(SHARE_NAME.into(), name.into());
    }
}

/// The author id of `data_dir`, made and remembered the first time it is asked for.
pub fn author_id(data_dir: &Path) -> anyhow::Result<String> {
    let mut state = load(data_dir);
    if let Some(id) = state.author() {
        return Ok(id);
    }
    let id = crate::exchange::new_id();
    state.set_author(&id);
    save(data_dir, &state)?;
    Ok(id)
}

const AUTHOR: &str = "exchange_author";
const SHARE_NAME: &str = "share_name";
const PARTNER_NAME: &str = "partner_name";
const OBSERVER_LENS: &str = "observer_lens";
const OBSERVATIONS: &str = "observations";
const CALM_THRESHOLD: &str = "calm_threshold";
const FOLLOW_UP_ASKED: &str = "follow_up_asked";
/// A name offered back longer than this is cut: it came from a file anyone can edit.
const MAX_NAME_CHARS: usize = 100;

/// Choices remembered between runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prefs {
    /// The partner's name given last for a moment of one's own, offered next time.
    pub partner_name: String,
    /// The last answer to the offer of the third lens.
    pub observer: Option<bool>,
    /// Whether the side by side shows the gentle observations.
    pub observations: bool,
    /// From this rating of the calm check on, a break is offered (1 to 10; until a
    /// settings file exists, it is changed in the state file).
    pub calm_threshold: u8,
    /// When the entry whose line to try was last asked about was finished: each
    /// line is asked about once.
    pub follow_up_asked: Option<jiff::Timestamp>,
}

impl Default for Prefs {
    fn default() -> Self {
        Prefs {
            partner_name: String::new(),
            observer: None,
            observations: false,
            calm_threshold: crate::calm::DEFAULT_THRESHOLD,
            follow_up_asked: None,
        }
    }
}

pub fn state_path(data_dir: &Path) -> PathBuf {
    data_dir.join("state.toml")
}

/// The largest state file read; a real one is a few lines.
const MAX_STATE_BYTES: u64 = 64 * 1024;

/// The state kept in `data_dir`. A missing, unreadable or damaged file is an empty
/// state: at worst the note is shown once more, and nothing else depends on it. Only
/// a regular file is read, and no more of it than the limit: a pipe or a device put
/// there must not hang the start or fill the memory.
pub fn load(data_dir: &Path) -> State {
    let table = read_regular(&state_path(data_dir), MAX_STATE_BYTES)
        .ok()
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .and_then(|text| text.parse::<toml::Table>().ok())
        .unwrap_or_default();
    State { table }
}

/// Remembers that the safety note was read, keeping whatever else the file holds.
pub fn remember_safety_note_seen(data_dir: &Path) -> anyhow::Result<()> {
    let mut state = load(data_dir);
    state.set_safety_note_seen();
    save(data_dir, &state)
}

/// Remembers these choices, keeping whatever else the file holds.
pub fn remember_prefs(data_dir: &Path, prefs: &Prefs) -> anyhow::Result<()> {
    let mut state = load(data_dir);
    state.set_prefs(prefs);
    save(data_dir, &state)
}

/// Writes the state atomically, readable by the user only.
pub fn save(data_dir: &Path, state: &State) -> anyhow::Result<()> {
    create_private_dir_all(data_dir)?;
    let mut table = state.table.clone();
    let found = table.get("format").and_then(toml::Value::as_integer);
    if !matches!(STATE_FORMAT.check(found), Version::Newer(_)) {
        let current = i64::from(STATE_FORMAT.current);
        table.insert("format".into(), toml::Value::Integer(current));
    }
    let mut text = String::from(
        "# two-worlds remembers a few choices here between runs. Deleting this file is safe.\n",
    );
    text.push_str(&toml::to_string(&table)?);
    write_atomic(&state_path(data_dir), text.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remembers_the_note_and_keeps_unknown_keys() {
        let dir = tempfile::tempdir().unwrap();
        assert!(!load(dir.path()).safety_note_seen());
        std::fs::write(
            state_path(dir.path()),
            "format = 7\nfrom_the_future = \"kept\"\n",
        )
        .unwrap();
        let mut state = load(dir.path());
        state.set_safety_note_seen();
        save(dir.path(), &state).unwrap();
        let again = load(dir.path());
        assert!(again.safety_note_seen());
        let text = std::fs::read_to_string(state_path(dir.path())).unwrap();
        assert!(text.contains("from_the_future = \"kept\""), "{text}");
        assert!(text.contains("format = 7"), "{text}");
    }

    #[test]
    fn a_pipe_a_device_or_a_huge_file_is_an_empty_state_at_once() {
        let dir = tempfile::tempdir().unwrap();
        let path = state_path(dir.path());
        #[cfg(unix)]
        {
            let made = std::process::Command::new("mkfifo").arg(&path).status();
            assert!(made.unwrap().success(), "mkfifo");
            assert!(!load(dir.path()).safety_note_seen());
            std::fs::remove_file(&path).unwrap();
            std::os::unix::fs::symlink("/dev/zero", &path).unwrap();
            assert!(!load(dir.path()).safety_note_seen());
            std::fs::remove_file(&path).unwrap();
        }
        let big = format!("safety_note_seen = true\n# {}\n", "x".repeat(100_000));
        std::fs::write(&path, big).unwrap();
        assert!(
            !load(dir.path()).safety_note_seen(),
            "over the limit: not read"
        );
    }

    #[test]
    fn remembers_the_choices_and_ignores_wrong_types() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(load(dir.path()).prefs(), Prefs::default());
        let prefs = Prefs {
            partner_name: "Sam".into(),
            observer: Some(false),
            observations: true,
            calm_threshold: 5,
            follow_up_asked: Some("2026-11-30T10:00:00Z".parse().unwrap()),
        };
        remember_prefs(dir.path(), &prefs).unwrap();
        assert_eq!(load(dir.path()).prefs(), prefs);
        std::fs::write(
            state_path(dir.path()),
            "partner_name = 3\nobserver_lens = \"yes\"\nobservations = true\n",
        )
        .unwrap();
        let read = load(dir.path()).prefs();
        assert_eq!(read.partner_name, "");
        assert_eq!(read.observer, None);
        assert!(read.observations);
    }

    #[test]
    fn a_threshold_out_of_range_or_of_the_wrong_type_is_the_default() {
        let dir = tempfile::tempdir().unwrap();
        for bad in ["0", "11", "-3", "\"7\"", "7.5", "300"] {
            std::fs::write(state_path(dir.path()), format!("calm_threshold = {bad}\n")).unwrap();
            assert_eq!(load(dir.path()).prefs().calm_threshold, 7, "{bad}");
        }
        std::fs::write(state_path(dir.path()), "calm_threshold = 9\n").unwrap();
        assert_eq!(load(dir.path()).prefs().calm_threshold, 9);
        std::fs::write(state_path(dir.path()), "follow_up_asked = \"never\"\n").unwrap();
        assert_eq!(load(dir.path()).prefs().follow_up_asked, None);
    }

    #[test]
    fn a_damaged_file_is_an_empty_state() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(state_path(dir.path()), "not = [toml").unwrap();
        assert!(!load(dir.path()).safety_note_seen());
    }
}
