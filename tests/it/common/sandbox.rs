//! The one sandbox of every test that runs the real binary, on the command line
//! (`common::cli`) or in a pseudo-terminal (`common::pty`): `HOME`,
//! `XDG_DATA_HOME`, the data folder and the working folder all point into one
//! temporary folder, so no test reads or writes the real home folder, and `TZ` is
//! pinned to [`TZ`], whatever the machine's zone.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use tempfile::TempDir;

/// The time zone every run gets: local times the program shows are in UTC, on any
/// machine, and no zone database is needed to read it. A test about another zone
/// sets `TZ` again on its command.
pub const TZ: &str = "UTC";

/// Kiritimati's UTC+14, for a test about the zone to set as `TZ` on its command:
/// fourteen hours from UTC, so a date shown in the wrong zone is often the wrong
/// day. Written as a POSIX rule so no zone database is needed (a zone name the
/// machine cannot find would quietly mean UTC).
pub const TZ_PLUS_14: &str = "<+14>-14";

/// [`TZ_PLUS_14`] as the program reads it, for the local times a test expects to see.
#[cfg(unix)]
pub fn zone_plus_14() -> jiff::tz::TimeZone {
    jiff::tz::TimeZone::posix(TZ_PLUS_14).expect("a POSIX rule jiff reads")
}

/// A private home, XDG folder, data folder and working folder for one test. Clones
/// share the same folders, so a second two-worlds can run on the same data; the
/// folders go away with the last clone.
#[derive(Clone)]
pub struct Sandbox {
    dir: Arc<TempDir>,
}

impl Sandbox {
    /// Two-worlds ran here before: the data folder exists, private as two-worlds
    /// makes it, and the state file says the safety note was read. As most
    /// full-screen tests want.
    pub fn new() -> Self {
        let sandbox = Sandbox::first_run();
        let data = sandbox.data_dir();
        std::fs::create_dir(&data).expect("create the data folder");
        // Private, as two-worlds makes it: no warning about loose permissions in the footer.
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            std::fs::set_permissions(&data, std::fs::Permissions::from_mode(0o700))
                .expect("make the data folder private");
        }
        std::fs::write(
            data.join("state.toml"),
            "format = 1\nsafety_note_seen = true\n",
        )
        .expect("write the state file");
        sandbox
    }

    /// As on a new computer: nothing written yet, not even the data folder, and
    /// the safety note not read.
    pub fn first_run() -> Self {
        let dir = tempfile::Builder::new()
            .prefix("two-worlds-test-")
            .tempdir()
            .expect("create a temporary folder");
        for sub in ["home", "xdg", "cwd"] {
            std::fs::create_dir(dir.path().join(sub)).expect("create a sandbox folder");
        }
        Sandbox { dir: Arc::new(dir) }
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn home(&self) -> PathBuf {
        self.root().join("home")
    }

    pub fn xdg_data_home(&self) -> PathBuf {
        self.root().join("xdg")
    }

    /// The working folder of every run.
    pub fn cwd(&self) -> PathBuf {
        self.root().join("cwd")
    }

    /// The data folder every run is given with `--data-dir`.
    pub fn data_dir(&self) -> PathBuf {
        self.root().join("data")
    }

    /// `<data-dir>/entries`, where the journal keeps one folder per exercise.
    pub fn entries_dir(&self) -> PathBuf {
        self.data_dir().join("entries")
    }

    /// An entry's reference, as `history` shows it and `export` and `share` take it:
    /// its path under the entries folder.
    pub fn reference(&self, entry: &Path) -> String {
        entry
            .strip_prefix(self.entries_dir())
            .expect("an entry of this sandbox")
            .to_str()
            .expect("a reference is text")
            .to_owned()
    }

    /// `<data-dir>/exercises`, the user's own scenarios.
    pub fn user_exercises_dir(&self) -> PathBuf {
        self.data_dir().join("exercises")
    }

    /// What every run's environment holds from the sandbox: the home folders and
    /// [`TZ`].
    pub fn env(&self) -> [(&'static str, PathBuf); 3] {
        [
            ("HOME", self.home()),
            ("XDG_DATA_HOME", self.xdg_data_home()),
            ("TZ", TZ.into()),
        ]
    }
}
