//! One writer per entry: `<entry>.lock` holds the pid of the two-worlds that
//! has the entry open, so a second instance never saves over its text.
//!
//! The lock file is created with `create_new`, which is atomic. A lock left by
//! a process that has died (or a file that holds no pid) is stale and is taken
//! over. Checking and taking over happen while holding `flock` on the entry's
//! folder, so two instances finding the same stale lock cannot both take it.

use std::fmt;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

use rustix::fs::{FlockOperation, flock};
use rustix::process::{Pid, test_kill_process};

/// The right to write one entry. Dropping it removes the lock file.
#[derive(Debug)]
pub struct EntryLock {
    path: PathBuf,
}

impl EntryLock {
    /// The lock file, `<entry>.lock`.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for EntryLock {
    fn drop(&mut self) {
        // Only our own lock: never one another instance took over meanwhile.
        if read_pid(&self.path) == Some(std::process::id()) {
            let _ = fs::remove_file(&self.path);
        }
    }
}

#[derive(Debug)]
pub enum LockError {
    /// Another running two-worlds has this entry open.
    Held {
        pid: u32,
    },
    Io {
        path: PathBuf,
        source: io::Error,
    },
}

impl fmt::Display for LockError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LockError::Held { pid } => write!(
                f,
                "This entry is open in another two-worlds (process {pid}); \
                 close it there first"
            ),
            LockError::Io { path, source } => {
                write!(f, "Could not lock {}: {source}", path.display())
            }
        }
    }
}

impl std::error::Error for LockError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            LockError::Held { .. } => None,
            LockError::Io { source, .. } => Some(source),
        }
    }
}

/// `<entry>.lock` beside the entry file.
pub(crate) fn lock_path(entry: &Path) -> PathBuf {
    let mut name = entry.as_os_str().to_owned();
    name.push(".lock");
    PathBuf::from(name)
}

/// Takes the lock on `entry` (which need not exist yet).
pub fn lock_entry(entry: &Path) -> Result<EntryLock, LockError> {
    let path = lock_path(entry);
    let io_error = |source| LockError::Io {
        path: path.clone(),
        source,
    };
    let folder = File::open(super::files::folder_of(entry)).map_err(io_error)?;
    flock(&folder, FlockOperation::LockExclusive).map_err(|errno| io_error(errno.into()))?;
    // The flock is released when `folder` is closed, at the end of this call.

    let me = std::process::id();
    // Each round either succeeds, finds a live holder, or clears a stale file;
    // only something outside two-worlds could keep recreating one.
    for _ in 0..5 {
        match OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&path)
        {
            Ok(mut file) => {
                if let Err(err) = writeln!(file, "{me}") {
                    let _ = fs::remove_file(&path);
                    return Err(io_error(err));
                }
                return Ok(EntryLock { path });
            }
            Err(err) if err.kind() == io::ErrorKind::AlreadyExists => {
                match read_pid(&path) {
                    Some(pid) if pid != me && is_alive(pid) => {
                        return Err(LockError::Held { pid });
                    }
                    // Stale: its process is gone, or it holds no pid.
                    _ => match fs::remove_file(&path) {
                        Ok(()) => {}
                        Err(err) if err.kind() == io::ErrorKind::NotFound => {}
                        Err(err) => return Err(io_error(err)),
                    },
                }
            }
            Err(err) => return Err(io_error(err)),
        }
    }
    Err(io_error(io::Error::other(
        "a lock file keeps reappearing; is something else writing there?",
    )))
}

/// The pid of another live two-worlds holding `entry`'s lock, if any.
pub(crate) fn held_by_other(entry: &Path) -> Option<u32> {
    let pid = read_pid(&lock_path(entry))?;
    (pid != std::process::id() && is_alive(pid)).then_some(pid)
}

fn read_pid(lock: &Path) -> Option<u32> {
    let text = fs::read_to_string(lock).ok()?;
    text.trim().parse().ok()
}

fn is_alive(pid: u32) -> bool {
    let Some(pid) = i32::try_from(pid).ok().and_then(Pid::from_raw) else {
        return false;
    };
    match test_kill_process(pid) {
        Ok(()) => true,
        // It exists but belongs to another user: alive all the same.
        Err(errno) => errno == rustix::io::Errno::PERM,
    }
}
