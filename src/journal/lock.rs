//! One writer per entry: `<entry>.lock` is held with an exclusive `flock` by the
//! two-worlds that has the entry open, so a second instance never saves over its
//! text. The kernel releases a `flock` when its process ends, however it ends, so
//! a lock left behind by a crash, or naming a pid that now belongs to some other
//! program, never blocks anyone. The pid written in the file is only for messages.

use std::fmt;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Seek, Write};
use std::os::unix::fs::{MetadataExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

use rustix::fs::{FlockOperation, flock};

/// The right to write one entry, held while this value lives. Dropping it
/// removes the lock file and releases the lock.
#[derive(Debug)]
pub struct EntryLock {
    path: PathBuf,
    /// The open lock file; the `flock` on it is the lock itself.
    _file: File,
}

impl EntryLock {
    /// The lock file, `<entry>.lock`.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for EntryLock {
    fn drop(&mut self) {
        // Removed while still locked, so nobody can take a file that is going away
        // (a waiter checks, once locked, that the path is still its file).
        let _ = fs::remove_file(&self.path);
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
    // Each round either locks, finds a holder, or saw the file replaced under it.
    for _ in 0..5 {
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .mode(0o600)
            .open(&path)
            .map_err(io_error)?;
        match flock(&file, FlockOperation::NonBlockingLockExclusive) {
            Ok(()) => {}
            Err(errno) if errno == rustix::io::Errno::WOULDBLOCK => {
                return Err(LockError::Held {
                    pid: read_pid(&path).unwrap_or(0),
                });
            }
            Err(errno) => return Err(io_error(errno.into())),
        }
        // The holder before us may have removed the file as we opened it.
        let same = match (file.metadata(), fs::metadata(&path)) {
            (Ok(ours), Ok(now)) => ours.ino() == now.ino() && ours.dev() == now.dev(),
            _ => false,
        };
        if !same {
            continue;
        }
        file.set_len(0)
            .and_then(|()| file.rewind())
            .and_then(|()| writeln!(file, "{}", std::process::id()))
            .map_err(io_error)?;
        return Ok(EntryLock { path, _file: file });
    }
    Err(io_error(io::Error::other(
        "the lock file keeps being replaced; is something else writing there?",
    )))
}

/// The pid of another running two-worlds holding `entry`'s lock, if any.
pub(crate) fn held_by_other(entry: &Path) -> Option<u32> {
    let path = lock_path(entry);
    let file = File::open(&path).ok()?;
    match flock(&file, FlockOperation::NonBlockingLockShared) {
        Ok(()) => None,
        Err(_) => {
            let pid = read_pid(&path).unwrap_or(0);
            // Our own lock, taken through another handle, is not someone else's.
            (pid != std::process::id()).then_some(pid)
        }
    }
}

fn read_pid(lock: &Path) -> Option<u32> {
    let text = fs::read_to_string(lock).ok()?;
    text.trim().parse().ok()
}
