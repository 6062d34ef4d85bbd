//! Writing files so that a crash never tears them and nobody else can read them.

use std::fs::{self, DirBuilder, File, Permissions};
use std::io::{self, Write};
use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
use std::path::Path;

use anyhow::Context;

const PRIVATE_FILE: u32 = 0o600;
const PRIVATE_DIR: u32 = 0o700;

/// Replaces `path` with `bytes` atomically: a crash at any instant leaves
/// either the old file or the new one. The new file is readable by the user only.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    write_atomic_with(path, |file| file.write_all(bytes))
}

/// [`write_atomic`] for content produced by `write`. If `write` fails, the
/// error is returned, the old file is untouched and the temporary file removed.
pub fn write_atomic_with(
    path: &Path,
    write: impl FnOnce(&mut File) -> io::Result<()>,
) -> anyhow::Result<()> {
    let temp = write_temp(path, write)?;
    temp.persist(path)
        .map_err(|err| err.error)
        .with_context(|| format!("Could not save {}", path.display()))?;
    sync_dir(folder_of(path))
}

/// Like [`write_atomic`], but never replaces an existing file: for exports,
/// which go to folders holding the user's other files.
pub fn write_new_file(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let temp = write_temp(path, |file| file.write_all(bytes))?;
    temp.persist_noclobber(path)
        .map_err(|err| err.error)
        .with_context(|| {
            if path.exists() {
                format!("{} already exists; choose another name", path.display())
            } else {
                format!("Could not save {}", path.display())
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
    let mut temp = tempfile::Builder::new()
        .prefix(&prefix)
        .suffix(".tmp")
        .permissions(Permissions::from_mode(PRIVATE_FILE))
        .tempfile_in(folder)
        .with_context(|| format!("Could not create a file in {}", folder.display()))?;
    // On any error below, dropping `temp` removes the temporary file.
    write(temp.as_file_mut()).with_context(|| format!("Could not write {}", path.display()))?;
    temp.as_file()
        .sync_all()
        .with_context(|| format!("Could not flush {} to disk", path.display()))?;
    Ok(temp)
}

/// The folder `path` is in; `.` for a bare file name.
pub(crate) fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    }
}

/// Flushes a folder's list of names, so a rename or removal survives a crash.
pub(crate) fn sync_dir(dir: &Path) -> anyhow::Result<()> {
    File::open(dir)
        .and_then(|folder| folder.sync_all())
        .with_context(|| format!("Could not flush folder {} to disk", dir.display()))
}

/// Creates `path` and any missing parents with mode 0700. Folders that exist
/// already are left as they are.
pub fn create_private_dir_all(path: &Path) -> anyhow::Result<()> {
    DirBuilder::new()
        .recursive(true)
        .mode(PRIVATE_DIR)
        .create(path)
        .with_context(|| format!("Could not create folder {}", path.display()))
}

/// A one-line warning when the data folder can be read or changed by other
/// users of this computer. It only warns: the folder is the user's to change.
pub fn loose_permissions(data_dir: &Path) -> Option<String> {
    let mode = fs::metadata(data_dir).ok()?.permissions().mode();
    if mode & 0o066 == 0 {
        return None;
    }
    let shown = data_dir.display();
    Some(format!(
        "Your journal folder {shown} can be opened by other users of this computer \
         (permissions {:o}); `chmod 700 {shown}` makes it private.",
        mode & 0o777
    ))
}
