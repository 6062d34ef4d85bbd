//! Writing files so that a crash never tears them and nobody else can read them,
//! and reading files that anyone may have put in our folders without hanging on
//! a named pipe or filling memory from a device or a huge file.
//!
//! Errors name the file and give the reason in plain words (no "(os error N)").

use std::fmt;
use std::fs::{self, DirBuilder, File};
use std::io::{self, Read, Write};
#[cfg(unix)]
use std::os::unix::fs::{DirBuilderExt, FileTypeExt, PermissionsExt};
use std::path::Path;

use anyhow::Context;

use crate::wording::io_reason;

#[cfg(unix)]
const PRIVATE_FILE: u32 = 0o600;
#[cfg(unix)]
const PRIVATE_DIR: u32 = 0o700;

/// Creates `path`, which must not exist, readable by the user only (on Unix, mode
/// 0600; on Windows, the data folder under the user's own profile is what keeps
/// it private).
pub fn private_new_file(path: &Path) -> io::Result<File> {
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.mode(PRIVATE_FILE);
    }
    options.open(path)
}

/// Replaces `path` with `bytes` atomically: a crash at any instant leaves
/// either the old file or the new one. The new file is readable by the user only.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    write_atomic_with(path, |file| file.write_all(bytes))
}

/// [`write_atomic`] for content produced by `write`. If `write` fails, the
/// error is returned, the old file is untouched and the temporary file removed.
fn write_atomic_with(
    path: &Path,
    write: impl FnOnce(&mut File) -> io::Result<()>,
) -> anyhow::Result<()> {
    let temp = write_temp(path, write)?;
    persist_retrying(temp, path)
        .map_err(|err| plain(&err, format!("Could not save {}", path.display())))?;
    sync_dir(folder_of(path))
}

/// Renames the temporary file over `path`. On Windows a rename over a file that
/// antivirus or the search indexer holds open fails for a moment: it is tried
/// again for about half a second before the save is reported as failed.
fn persist_retrying(temp: tempfile::NamedTempFile, path: &Path) -> io::Result<()> {
    let mut temp = temp;
    let mut waits = if cfg!(windows) { 10 } else { 0 };
    loop {
        match temp.persist(path) {
            Ok(_) => return Ok(()),
            Err(err) if waits > 0 && err.error.kind() == io::ErrorKind::PermissionDenied => {
                waits -= 1;
                temp = err.file;
                std::thread::sleep(std::time::Duration::from_millis(50));
            }
            Err(err) => return Err(err.error),
        }
    }
}

/// Like [`write_atomic`], but never replaces an existing file: for exports,
/// which go to folders holding the user's other files.
pub fn write_new_file(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let temp = write_temp(path, |file| file.write_all(bytes))?;
    temp.persist_noclobber(path).map_err(|err| {
        if err.error.kind() == io::ErrorKind::AlreadyExists {
            anyhow::anyhow!("{} already exists; choose another name", path.display())
        } else {
            plain(&err.error, format!("Could not save {}", path.display()))
        }
    })?;
    sync_dir(folder_of(path))
}

/// The content, written and flushed to disk under a temporary name beside
/// `path`: never in /tmp, so the user's text stays in the folder they chose.
fn write_temp(
    path: &Path,
    write: impl FnOnce(&mut File) -> io::Result<()>,
) -> anyhow::Result<tempfile::NamedTempFile> {
    let folder = folder_of(path);
    let name = path
        .file_name()
        .with_context(|| format!("{} is not a file name", path.display()))?;
    // Hidden and ending in .tmp, so a listing never takes it for an entry.
    let mut prefix = std::ffi::OsString::from(".");
    prefix.push(name);
    prefix.push(".");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".tmp");
    #[cfg(unix)]
    builder.permissions(fs::Permissions::from_mode(PRIVATE_FILE));
    let mut temp = builder.tempfile_in(folder).map_err(|err| {
        plain(
            &err,
            format!("Could not create a file in {}", folder.display()),
        )
    })?;
    // On any error below, dropping `temp` removes the temporary file.
    write(temp.as_file_mut())
        .map_err(|err| plain(&err, format!("Could not write {}", path.display())))?;
    temp.as_file()
        .sync_all()
        .map_err(|err| plain(&err, format!("Could not flush {} to disk", path.display())))?;
    Ok(temp)
}

/// The folder `path` is in; `.` for a bare file name.
fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    }
}

/// Flushes a folder's list of names, so a rename or removal survives a crash.
#[cfg(not(unix))]
pub(crate) fn sync_dir(_dir: &Path) -> anyhow::Result<()> {
    // A folder cannot be opened to be synced on Windows: the rename is durable there
    // once the file itself was synced.
    Ok(())
}

#[cfg(unix)]
pub(crate) fn sync_dir(dir: &Path) -> anyhow::Result<()> {
    File::open(dir)
        .and_then(|folder| folder.sync_all())
        .map_err(|err| {
            plain(
                &err,
                format!("Could not flush folder {} to disk", dir.display()),
            )
        })
}

/// Creates `path` and any missing parents with mode 0700. Folders that exist
/// already are left as they are.
pub fn create_private_dir_all(path: &Path) -> anyhow::Result<()> {
    let mut builder = DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    builder.mode(PRIVATE_DIR);
    builder
        .create(path)
        .map_err(|err| plain(&err, format!("Could not create folder {}", path.display())))
}

/// `what: reason`, the reason in plain words. The I/O error is not kept as a
/// source: `{:#}` would print it again, with its "(os error N)".
pub(crate) fn plain(err: &io::Error, what: String) -> anyhow::Error {
    anyhow::anyhow!("{what}: {}", io_reason(err))
}

/// Why [`read_regular`] read nothing.
#[derive(Debug)]
pub(crate) enum ReadError {
    Io(io::Error),
    /// Something other than a regular file: `what` it is, such as "a named pipe".
    NotAFile {
        what: &'static str,
    },
    /// Larger than the limit: `size` as the file system gives it (at least limit + 1).
    TooLarge {
        size: u64,
        limit: u64,
    },
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::Io(err) => f.write_str(&io_reason(err)),
            ReadError::NotAFile { what } => write!(f, "it is {what}, not a regular file"),
            ReadError::TooLarge { size, limit } => write!(
                f,
                "the file is {}, larger than the {} two-worlds reads",
                human_size(*size),
                human_size(*limit)
            ),
        }
    }
}

impl std::error::Error for ReadError {}

/// What a file that is not a regular file is, in words, for messages.
pub(crate) fn kind_of(file_type: fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        if file_type.is_fifo() {
            return "a named pipe";
        } else if file_type.is_char_device() || file_type.is_block_device() {
            return "a device";
        } else if file_type.is_socket() {
            return "a socket";
        }
    }
    if file_type.is_dir() {
        "a folder"
    } else if file_type.is_symlink() {
        "a symbolic link"
    } else if file_type.is_file() {
        "a regular file"
    } else {
        "something other than a file"
    }
}

/// What tells one file or folder from another, links and other names aside: on Unix
/// its device and inode; elsewhere its canonical path.
#[cfg(unix)]
pub(crate) type Identity = (u64, u64);
#[cfg(not(unix))]
pub(crate) type Identity = std::path::PathBuf;

/// The [`Identity`] of `path`, whose metadata is `meta`.
#[cfg(unix)]
pub(crate) fn identity(_path: &Path, meta: &fs::Metadata) -> Option<Identity> {
    use std::os::unix::fs::MetadataExt as _;
    Some((meta.dev(), meta.ino()))
}

#[cfg(not(unix))]
pub(crate) fn identity(path: &Path, _meta: &fs::Metadata) -> Option<Identity> {
    fs::canonicalize(path).ok()
}

/// Opens `path` to read it without blocking on a named pipe or taking a terminal.
#[cfg(unix)]
fn open_for_reading(path: &Path) -> io::Result<File> {
    use rustix::fs::{Mode, OFlags};
    let flags = OFlags::RDONLY | OFlags::NONBLOCK | OFlags::NOCTTY | OFlags::CLOEXEC;
    Ok(File::from(rustix::fs::open(path, flags, Mode::empty())?))
}

/// Opens `path` to read it (Windows has no named pipes in the file system to block on).
#[cfg(not(unix))]
fn open_for_reading(path: &Path) -> io::Result<File> {
    File::open(path)
}

/// The bytes of the regular file at `path` (links are followed), at most
/// `limit` of them. Anything else is refused without reading: a named pipe
/// would block forever, a device such as `/dev/zero` would never end. The file
/// is opened non-blocking, so even a pipe put there between a listing and this
/// call does not hang us, and read through `take(limit + 1)`, so a file that
/// grows or lies about its size is still cut off.
pub(crate) fn read_regular(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let file = open_for_reading(path).map_err(ReadError::Io)?;
    let meta = file.metadata().map_err(ReadError::Io)?;
    if !meta.is_file() {
        return Err(ReadError::NotAFile {
            what: kind_of(meta.file_type()),
        });
    }
    if meta.len() > limit {
        return Err(ReadError::TooLarge {
            size: meta.len(),
            limit,
        });
    }
    // The size is a hint only: one more byte than the limit says "too large".
    let mut bytes = Vec::with_capacity(meta.len() as usize + 1);
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge {
            size: bytes.len() as u64,
            limit,
        });
    }
    Ok(bytes)
}

/// "256 KiB", "32 MiB", "1.5 GiB", "300 bytes".
pub(crate) fn human_size(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["KiB", "MiB", "GiB", "TiB"];
    if bytes < 1024 {
        return format!("{bytes} bytes");
    }
    let mut value = bytes as f64 / 1024.0;
    let mut unit = 0;
    while value >= 1024.0 && unit + 1 < UNITS.len() {
        value /= 1024.0;
        unit += 1;
    }
    if value.fract() == 0.0 || value >= 100.0 {
        format!("{value:.0} {}", UNITS[unit])
    } else {
        format!("{value:.1} {}", UNITS[unit])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names_in(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn a_failed_write_keeps_the_previous_file_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("entry.toml");
        fs::write(&path, "the previous text\n").unwrap();

        // The disk fills up half-way through writing the new text.
        let result = write_atomic_with(&path, |file| {
            file.write_all(b"the new te")?;
            Err(io::Error::other("no space left on device"))
        });
        let error = format!("{:#}", result.unwrap_err());
        assert!(error.contains("entry.toml"), "{error}");
        assert!(error.contains("no space left"), "{error}");
        assert_eq!(fs::read_to_string(&path).unwrap(), "the previous text\n");
        assert_eq!(names_in(dir.path()), ["entry.toml"]);
    }

    #[test]
    fn temporary_files_stay_beside_the_entry() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("entry.toml");
        write_atomic_with(&path, |file| {
            // While writing, the only new file is a hidden one in the same folder.
            let names = names_in(dir.path());
            assert_eq!(names.len(), 1, "{names:?}");
            assert!(names[0].starts_with(".entry.toml."), "{names:?}");
            assert!(names[0].ends_with(".tmp"), "{names:?}");
            #[cfg(unix)]
            {
                let mode = fs::metadata(dir.path().join(&names[0]))
                    .unwrap()
                    .permissions()
                    .mode();
                assert_eq!(mode & 0o777, 0o600);
            }
            file.write_all(b"text")
        })
        .unwrap();
        assert_eq!(names_in(dir.path()), ["entry.toml"]);
    }
}
