//! One writer per entry: `<entry>.lock` is held with an exclusive lock
//! (`File::try_lock`: `flock` on Unix, `LockFileEx` on Windows) by the two-worlds
//! that has the entry open, so a second instance never saves over its text. The
//! system releases the lock when its process ends, however it ends, so a lock left
//! behind by a crash, or naming a pid that now belongs to some other program, never
//! blocks anyone. The pid written in the file is only for messages; Windows locks
//! are mandatory, so there it cannot be read while the lock is held, and the
//! message names no process.
//!
//! The lock file is opened without following links (or reparse points) and must
//! be a regular file: a link where the lock should be is refused, so the pid is
//! never written into whatever file the link points at.
use std::fmt;
use std::fs::{self, File};
use std::io::{self, Read, Seek, Write};
use std::path::{Path, PathBuf};

use crate::files::kind_of;
use crate::wording::io_reason;

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
    /// The lock file is not a regular file (a symbolic link, a named pipe…):
    /// `what` it is. Nothing was written.
    NotAFile {
        path: PathBuf,
        what: &'static str,
    },
}

impl fmt::Display for LockError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            // Windows locks are mandatory: the holder's pid cannot be read there.
            LockError::Held { pid: 0 } => write!(
                f,
                "This entry is open in another two-worlds; close it there first"
            ),
            LockError::Held { pid } => write!(
                f,
                "This entry is open in another two-worlds (process {pid}); \
                 close it there first"
            ),
            LockError::Io { path, source } => {
                write!(
                    f,
                    "Could not lock {}: {}",
                    path.display(),
                    io_reason(source)
                )
            }
            LockError::NotAFile { path, what } => write!(
                f,
                "Refusing to use the lock file {}: it is {what}, not a regular file, and \
                 two-worlds never writes through one; remove it and try again",
                path.display()
            ),
        }
    }
}

// The I/O error is in the message already, in plain words; as a `source` it
// would be printed again by `{:#}`, with its "(os error N)".
impl std::error::Error for LockError {}

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
        let mut file = platform::open_lock_file(&path, true)?;
        match try_lock(&file, true) {
            Ok(true) => {}
            Ok(false) => {
                return Err(LockError::Held {
                    pid: read_pid(&mut file).unwrap_or(0),
                });
            }
            Err(err) => return Err(io_error(err)),
        }
        // The holder before us may have removed the file as we opened it.
        let same = match (file.metadata(), fs::symlink_metadata(&path)) {
            (Ok(ours), Ok(now)) => platform::same_file(&ours, &now, &path),
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

/// The lock on a whole data folder, `<data folder>/journal.lock`: each full-screen
/// two-worlds holds it shared for its whole run, and `lock`, `decrypt` and
/// `passphrase` hold it alone, so a journal never changes between locked and plain
/// under a program that has it open. The file stays when the lock goes: removing a
/// file others hold shared would let the next one lock a new file.
#[derive(Debug)]
pub struct JournalLock {
    _file: File,
}

/// The name of the data folder's lock file.
pub const JOURNAL_LOCK_FILE: &str = "journal.lock";

/// Takes the data folder's lock, alone (`exclusive`) or with other readers.
/// `LockError::Held` when it cannot be had now.
pub fn lock_journal(data_dir: &Path, exclusive: bool) -> Result<JournalLock, LockError> {
    let path = data_dir.join(JOURNAL_LOCK_FILE);
    let file = platform::open_lock_file(&path, true)?;
    match try_lock(&file, exclusive) {
        Ok(true) => Ok(JournalLock { _file: file }),
        Ok(false) => Err(LockError::Held { pid: 0 }),
        Err(source) => Err(LockError::Io { path, source }),
    }
}

/// The pid of another running two-worlds holding `entry`'s lock, if any.
pub(crate) fn held_by_other(entry: &Path) -> Option<u32> {
    let path = lock_path(entry);
    let mut file = platform::open_lock_file(&path, false).ok()?;
    match try_lock(&file, false) {
        Ok(true) => None,
        _ => {
            let pid = read_pid(&mut file).unwrap_or(0);
            // Our own lock, taken through another handle, is not someone else's.
            (pid != std::process::id()).then_some(pid)
        }
    }
}

/// Takes the lock without waiting, through the standard library on every system
/// (`flock` on Unix, `LockFileEx` on Windows): `Ok(false)` when someone holds it.
pub(crate) fn try_lock(file: &File, exclusive: bool) -> io::Result<bool> {
    let taken = if exclusive {
        file.try_lock()
    } else {
        file.try_lock_shared()
    };
    match taken {
        Ok(()) => Ok(true),
        Err(fs::TryLockError::WouldBlock) => Ok(false),
        Err(fs::TryLockError::Error(err)) => Err(err),
    }
}

/// The pid written in an open lock file (a few bytes at most are read).
fn read_pid(file: &mut File) -> Option<u32> {
    let mut text = String::new();
    file.rewind().ok()?;
    file.take(32).read_to_string(&mut text).ok()?;
    text.trim().parse().ok()
}

/// Opening the lock file, per system: on Unix through rustix, without following a
/// link; on Windows without following a reparse point. The lock itself is the same
/// on both (`try_lock`), and the system releases it however the process ends.
#[cfg(unix)]
mod platform {
    use std::fs::{self, File};
    use std::path::Path;

    use rustix::fs::{Mode, OFlags};

    use super::{LockError, kind_of};

    /// The lock file at `path`, opened to write (created when missing) or to read,
    /// never through a link, and only if it is a regular file. Non-blocking, so a
    /// named pipe put there cannot hang the open.
    pub(super) fn open_lock_file(path: &Path, write: bool) -> Result<File, LockError> {
        let (flags, mode) = if write {
            (
                OFlags::RDWR | OFlags::CREATE | OFlags::CLOEXEC,
                Mode::from_raw_mode(0o600),
            )
        } else {
            (OFlags::RDONLY | OFlags::CLOEXEC, Mode::empty())
        };
        let flags = flags | OFlags::NOFOLLOW | OFlags::NONBLOCK | OFlags::NOCTTY;
        let not_a_file = |what| LockError::NotAFile {
            path: path.to_path_buf(),
            what,
        };
        let file = match rustix::fs::open(path, flags, mode) {
            Ok(fd) => File::from(fd),
            Err(errno) => {
                // ELOOP on Linux and macOS, EMLINK on FreeBSD: ask the file system.
                return Err(match fs::symlink_metadata(path) {
                    Ok(meta) if meta.file_type().is_symlink() => {
                        not_a_file(kind_of(meta.file_type()))
                    }
                    _ => LockError::Io {
                        path: path.to_path_buf(),
                        source: errno.into(),
                    },
                });
            }
        };
        let meta = file.metadata().map_err(|source| LockError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        if !meta.is_file() {
            return Err(not_a_file(kind_of(meta.file_type())));
        }
        Ok(file)
    }

    /// Whether two metadata are of one file.
    pub(super) fn same_file(a: &fs::Metadata, b: &fs::Metadata, _path: &Path) -> bool {
        use std::os::unix::fs::MetadataExt as _;
        a.ino() == b.ino() && a.dev() == b.dev()
    }
}

#[cfg(not(unix))]
mod platform {
    use std::fs::{self, File, OpenOptions};
    use std::path::Path;

    use super::{LockError, kind_of};

    /// The lock file at `path`, opened without following a reparse point (a link),
    /// and only if it is a regular file.
    pub(super) fn open_lock_file(path: &Path, write: bool) -> Result<File, LockError> {
        let mut options = OpenOptions::new();
        options.read(true);
        if write {
            options.write(true).create(true);
        }
        #[cfg(windows)]
        {
            use std::os::windows::fs::OpenOptionsExt as _;
            // FILE_FLAG_OPEN_REPARSE_POINT: open a link itself, never what it names.
            options.custom_flags(0x0020_0000);
        }
        let file = options.open(path).map_err(|source| LockError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        let meta = file.metadata().map_err(|source| LockError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        if !meta.is_file() {
            return Err(LockError::NotAFile {
                path: path.to_path_buf(),
                what: kind_of(meta.file_type()),
            });
        }
        Ok(file)
    }

    /// Whether the file we opened is still the one at `path`: compared by their
    /// canonical paths, the one identity Windows offers without unstable APIs.
    pub(super) fn same_file(_a: &fs::Metadata, _b: &fs::Metadata, path: &Path) -> bool {
        fs::canonicalize(path).is_ok()
    }
}
