//! Turning a journal's files from plain to locked (`two-worlds lock`) and back
//! (`two-worlds decrypt`), one file at a time: the new copy is written under a new
//! name, synced, read back and compared before the old one is removed, so at every
//! instant each text is whole in at least one file. A run that stops half-way
//! (killed, a full disk) leaves the marker in its `locking` or `decrypting` phase;
//! running the same command again finds the files still to do and finishes, and a
//! copy an earlier run already wrote is recognised, not written twice.

use std::fs;
use std::path::{Path, PathBuf};

use age::x25519;
use anyhow::{Context as _, bail};

use super::{Lock, Phase, Seal, is_sealed, write_marker};
use crate::files::{create_private_dir_all, read_regular, sync_dir, write_new_file};
use crate::journal::{self, MAX_ENTRY_BYTES};

/// The kinds of files a journal encrypts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Entry,
    Scenario,
    Shared,
    Rescue,
}

/// A file to convert.
#[derive(Debug, Clone)]
pub struct Item {
    pub kind: Kind,
    pub path: PathBuf,
}

/// What a run did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Done {
    /// Files written in their new form.
    pub converted: usize,
    /// Files whose new form an earlier, interrupted run had written already.
    pub finished: usize,
}

/// Every file in the data folder the user wrote, in the form `sealed` says
/// (locked files when true, plain files when false). Only regular files in the
/// folders two-worlds makes; links are not followed, hidden files are skipped
/// except the working copies of scenarios being edited.
pub fn files(data_dir: &Path, sealed: bool) -> Vec<Item> {
    let wanted = |path: &Path| {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let shape = if sealed {
            name.ends_with(".toml.age")
        } else {
            name.ends_with(".toml")
        };
        shape && !name.starts_with(".") && regular(path)
    };
    let mut items = Vec::new();
    let mut push = |kind, path: PathBuf| {
        if wanted(&path) {
            items.push(Item { kind, path });
        }
    };
    for folder in subfolders(&data_dir.join("entries")) {
        for file in children(&folder) {
            push(Kind::Entry, file);
        }
    }
    for file in children(&data_dir.join(crate::paths::EXERCISES_DIR)) {
        push(Kind::Scenario, file);
    }
    for folder in subfolders(&data_dir.join("exchanges")) {
        for file in children(&folder) {
            push(Kind::Shared, file);
        }
    }
    for file in children(&data_dir.join("rescue")) {
        push(Kind::Rescue, file);
    }
    items.sort_by(|a, b| a.path.cmp(&b.path));
    items
}

/// Links among the files and folders `lock` converts: never followed, so what they
/// lead to stays as it is. Said to the user by `lock`.
pub fn links(data_dir: &Path) -> Vec<PathBuf> {
    let is_link =
        |path: &Path| fs::symlink_metadata(path).is_ok_and(|meta| meta.file_type().is_symlink());
    let mut found = Vec::new();
    for top in ["entries", "exchanges"] {
        for item in children(&data_dir.join(top)) {
            if is_link(&item) {
                found.push(item);
            } else {
                found.extend(children(&item).into_iter().filter(|p| is_link(p)));
            }
        }
    }
    for top in [crate::paths::EXERCISES_DIR, "rescue"] {
        found.extend(
            children(&data_dir.join(top))
                .into_iter()
                .filter(|p| is_link(p)),
        );
    }
    found
}

fn regular(path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok_and(|meta| meta.file_type().is_file())
}

fn children(dir: &Path) -> Vec<PathBuf> {
    let Ok(items) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut paths: Vec<PathBuf> = items.flatten().map(|item| item.path()).collect();
    paths.sort();
    paths
}

fn subfolders(dir: &Path) -> Vec<PathBuf> {
    children(dir)
        .into_iter()
        .filter(|path| fs::symlink_metadata(path).is_ok_and(|meta| meta.is_dir()))
        .collect()
}

/// Refuses while any entry is open in another two-worlds (an older one, which
/// does not take the journal's own lock, included).
pub fn check_no_entry_open(data_dir: &Path) -> anyhow::Result<()> {
    for item in files(data_dir, false)
        .into_iter()
        .chain(files(data_dir, true))
        .filter(|item| item.kind == Kind::Entry)
    {
        if journal::held_by_other(&item.path).is_some() {
            bail!(
                "an entry is open in another two-worlds ({}); close it there first",
                item.path.display()
            );
        }
    }
    Ok(())
}

/// Locks every plain file, reporting `(done, total)` as it goes; then the marker
/// says `locked`. `identity` is the journal's key, kept for this run so each copy
/// can be read back.
pub fn lock_all(
    data_dir: &Path,
    seal: &Seal,
    identity: x25519::Identity,
    progress: &mut dyn FnMut(usize, usize),
) -> anyhow::Result<Done> {
    super::keep(identity);
    let done = convert_each(data_dir, &files(data_dir, false), true, progress, |item| {
        let plain = read_plain(&item.path)?;
        let target = locked_place(data_dir, seal, item, &plain);
        Ok((target, seal.seal(&plain)?, plain))
    })?;
    let mut seal = seal.clone();
    seal.phase = Phase::Locked;
    write_marker(data_dir, &seal)?;
    Ok(done)
}

/// Decrypts every locked file back to its plain name; then the key, the index and
/// the marker go. The key must be unlocked in this run.
pub fn decrypt_all(
    data_dir: &Path,
    seal: &Seal,
    progress: &mut dyn FnMut(usize, usize),
) -> anyhow::Result<Done> {
    let mut seal = seal.clone();
    if seal.phase != Phase::Decrypting {
        seal.phase = Phase::Decrypting;
        write_marker(data_dir, &seal)?;
    }
    let done = convert_each(data_dir, &files(data_dir, true), false, progress, |item| {
        let bytes = read_regular(&item.path, MAX_ENTRY_BYTES + 1024 * 1024)
            .map_err(|err| anyhow::anyhow!("Could not read {}: {err}", item.path.display()))?;
        let plain = super::open(&bytes)
            .map_err(|err| anyhow::anyhow!("Could not decrypt {}: {err}", item.path.display()))?;
        let target = plain_place(data_dir, item, &plain);
        Ok((target, plain.clone(), plain))
    })?;
    let _ = fs::remove_file(data_dir.join(super::INDEX_FILE));
    // The marker goes before the key: a journal with a key and no marker is plain,
    // while one with a marker and no key could not be read.
    fs::remove_file(data_dir.join(super::MARKER_FILE))
        .with_context(|| format!("Could not remove {}", super::MARKER_FILE))?;
    sync_dir(data_dir)?;
    let _ = fs::remove_file(data_dir.join(super::IDENTITY_FILE));
    sync_dir(data_dir)?;
    Ok(done)
}

/// Converts each item: `prepare` gives where it goes, the bytes to write there and
/// the plain text they must read back as; then the old file goes. Reports
/// `(done, total)` as it goes, and removes the folders left empty.
fn convert_each(
    data_dir: &Path,
    items: &[Item],
    sealed: bool,
    progress: &mut dyn FnMut(usize, usize),
    mut prepare: impl FnMut(&Item) -> anyhow::Result<(PathBuf, Vec<u8>, Vec<u8>)>,
) -> anyhow::Result<Done> {
    let mut done = Done::default();
    let total = items.len();
    for (n, item) in items.iter().enumerate() {
        progress(n, total);
        let _lock = lock_if_entry(item)?;
        let (target, bytes, plain) = prepare(item)?;
        let wrote = put(&target, &bytes, &plain, sealed)?;
        remove_old(&item.path)?;
        if wrote {
            done.converted += 1;
        } else {
            done.finished += 1;
        }
    }
    progress(total, total);
    remove_empty_folders(data_dir);
    Ok(done)
}

fn lock_if_entry(item: &Item) -> anyhow::Result<Option<journal::EntryLock>> {
    if item.kind != Kind::Entry {
        return Ok(None);
    }
    match journal::lock_entry(&item.path) {
        Ok(lock) => Ok(Some(lock)),
        Err(journal::LockError::Held { .. }) => bail!(
            "{} is open in another two-worlds; close it there and run this again \
             (what is done so far is kept)",
            item.path.display()
        ),
        Err(err) => Err(err.into()),
    }
}

fn read_plain(path: &Path) -> anyhow::Result<Vec<u8>> {
    read_regular(path, MAX_ENTRY_BYTES)
        .map_err(|err| anyhow::anyhow!("Could not read {}: {err}", path.display()))
}

/// Writes `bytes` at `target` or the next free name, and checks what is there
/// reads back as `plain`. A name that already holds `plain` (written by an
/// interrupted run) is used as it is. `true` when a file was written.
fn put(target: &Path, bytes: &[u8], plain: &[u8], sealed: bool) -> anyhow::Result<bool> {
    let dir = target.parent().context("a file always has a folder")?;
    create_private_dir_all(dir)?;
    let name = target
        .file_name()
        .and_then(|n| n.to_str())
        .context("names two-worlds makes are text")?;
    let ext = if sealed { ".toml.age" } else { ".toml" };
    let stem = name.strip_suffix(ext).unwrap_or(name);
    for n in 1u32..10_000 {
        let candidate = if n == 1 {
            target.to_path_buf()
        } else {
            dir.join(format!("{stem}-{n}{ext}"))
        };
        if fs::symlink_metadata(&candidate).is_ok() {
            if reads_as(&candidate, plain, sealed) {
                return Ok(false);
            }
            continue;
        }
        write_new_file(&candidate, bytes)?;
        if !reads_as(&candidate, plain, sealed) {
            let _ = fs::remove_file(&candidate);
            bail!(
                "{} did not read back as it was written; nothing was removed. Is the disk \
                 failing?",
                candidate.display()
            );
        }
        return Ok(true);
    }
    bail!("no free name in {}", dir.display())
}

fn reads_as(path: &Path, plain: &[u8], sealed: bool) -> bool {
    let Ok(bytes) = read_regular(path, MAX_ENTRY_BYTES + 1024 * 1024) else {
        return false;
    };
    if sealed {
        super::open(&bytes).is_ok_and(|opened| opened == plain)
    } else {
        bytes == plain
    }
}

/// Removes a converted file and its entry lock file, and makes that stick.
fn remove_old(path: &Path) -> anyhow::Result<()> {
    fs::remove_file(path).with_context(|| format!("Could not remove {}", path.display()))?;
    let mut lock = path.as_os_str().to_owned();
    lock.push(".lock");
    let _ = fs::remove_file(PathBuf::from(lock));
    if let Some(dir) = path.parent() {
        sync_dir(dir)?;
    }
    Ok(())
}

/// Folders left empty by the move (entries' folders named after exercises,
/// shared moments'): removed, so no name of a title stays behind.
fn remove_empty_folders(data_dir: &Path) {
    for top in ["entries", "exchanges"] {
        let top = data_dir.join(top);
        for folder in subfolders(&top) {
            // Lock files nobody holds are all that may be left.
            for file in children(&folder) {
                let name = file.file_name().and_then(|n| n.to_str()).unwrap_or("");
                if name.ends_with(".lock") && journal::held_by_other(&file).is_none() {
                    let stem = PathBuf::from(file.to_string_lossy().trim_end_matches(".lock"));
                    if fs::symlink_metadata(&stem).is_err() {
                        let _ = fs::remove_file(&file);
                    }
                }
            }
            let _ = fs::remove_dir(&folder);
        }
        let _ = sync_dir(&top);
    }
}

/// Where a plain file goes once locked: a name that says nothing of its title.
fn locked_place(data_dir: &Path, seal: &Seal, item: &Item, plain: &[u8]) -> PathBuf {
    let file_name = item
        .path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("entry.toml");
    let stem = file_name.strip_suffix(".toml").unwrap_or(file_name);
    match item.kind {
        Kind::Entry => {
            let id = journal::exercise_id_of(plain).unwrap_or_else(|| folder_name(&item.path));
            data_dir
                .join("entries")
                .join(seal.opaque(&id))
                .join(format!("{stem}.toml.age"))
        }
        Kind::Scenario => data_dir.join(crate::paths::EXERCISES_DIR).join(format!(
            "{}.toml.age",
            seal.opaque(&format!("scenario {stem}"))
        )),
        Kind::Shared => super::sealed_path(&item.path),
        Kind::Rescue => data_dir.join("rescue").join(format!(
            "{}.toml.age",
            seal.opaque(&format!("rescue {stem}"))
        )),
    }
}

/// Where a locked file goes once decrypted: the name it would have had if the
/// journal had never been locked.
fn plain_place(data_dir: &Path, item: &Item, plain: &[u8]) -> PathBuf {
    let file_name = item
        .path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("entry.toml.age");
    let stem = file_name.strip_suffix(".toml.age").unwrap_or(file_name);
    match item.kind {
        Kind::Entry => {
            let folder = journal::exercise_id_of(plain)
                .filter(|id| journal::usable_folder_name(id))
                .unwrap_or_else(|| folder_name(&item.path));
            data_dir
                .join("entries")
                .join(folder)
                .join(format!("{stem}.toml"))
        }
        Kind::Scenario => {
            let id = scenario_id_of(plain)
                .filter(|id| journal::usable_folder_name(id))
                .unwrap_or_else(|| stem.to_owned());
            data_dir
                .join(crate::paths::EXERCISES_DIR)
                .join(format!("{id}.toml"))
        }
        Kind::Shared => item.path.with_extension(""),
        Kind::Rescue => {
            let name = journal::rescue_stem_of(plain).unwrap_or_else(|| stem.to_owned());
            data_dir.join("rescue").join(format!("{name}.toml"))
        }
    }
}

fn folder_name(path: &Path) -> String {
    path.parent()
        .and_then(Path::file_name)
        .and_then(|n| n.to_str())
        .unwrap_or("entry")
        .to_owned()
}

/// The `id` of a scenario file, if it has a plain one.
fn scenario_id_of(plain: &[u8]) -> Option<String> {
    let text = std::str::from_utf8(plain).ok()?;
    let table: toml::Table = toml::from_str(text).ok()?;
    table.get("id")?.as_str().map(str::to_owned)
}

/// Whether anything is in the middle of changing: the state `paths` reports.
pub fn describe(lock: &Lock) -> &'static str {
    match lock {
        Lock::Open => "not locked",
        Lock::Sealed(seal) => match seal.phase {
            Phase::Locked => "locked",
            Phase::Locking => "being locked (a `lock` was interrupted; run it again to finish)",
            Phase::Decrypting => {
                "being decrypted (a `decrypt` was interrupted; run it again to finish)"
            }
        },
        Lock::Broken(_) => "locked, but its marker is damaged",
    }
}

/// Whether the path is one of a locked journal's files (used by tests and `paths`).
pub fn is_locked_file(path: &Path) -> bool {
    is_sealed(path)
}
