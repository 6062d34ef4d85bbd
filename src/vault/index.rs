//! The locked journal's index: what the list shows of each entry, kept in one
//! encrypted file (`index.age`) so a journal of thousands of entries lists without
//! decrypting each. It is only a cache: a row counts only while the entry file
//! still has the size and modification time it had when the row was made, rows
//! of files that are gone are dropped, a missing or unreadable index is rebuilt
//! from the files, and the files are always what an entry is read from.

use std::collections::HashMap;
use std::path::Path;
use std::time::UNIX_EPOCH;

use serde::{Deserialize, Serialize};

use super::Seal;
use crate::journal::Summary;

const FORMAT: u32 = 1;
/// The largest index read: 10,000 entries take about 3 MiB.
const MAX_INDEX_BYTES: u64 = 256 * 1024 * 1024;

/// What says a file is unchanged since its row was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    pub size: u64,
    /// Nanoseconds since 1970, as the file system gives them.
    pub modified: u128,
}

impl Stamp {
    pub fn of(meta: &std::fs::Metadata) -> Option<Stamp> {
        let modified = meta.modified().ok()?.duration_since(UNIX_EPOCH).ok()?;
        Some(Stamp {
            size: meta.len(),
            modified: modified.as_nanos(),
        })
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Row {
    /// The file's path inside the entries folder, with `/` between its parts.
    file: String,
    stamp: Stamp,
    summary: Summary,
}

#[derive(Debug, Serialize, Deserialize)]
struct IndexFile {
    format: u32,
    rows: Vec<Row>,
}

/// The index of one journal, as read at the start of a listing.
#[derive(Debug, Default)]
pub struct Index {
    rows: HashMap<String, (Stamp, Summary)>,
    /// Whether it differs from the file on disk.
    changed: bool,
}

impl Index {
    /// The index in `data_dir`, or an empty one when it is missing, cannot be
    /// opened (the journal not unlocked) or is damaged.
    pub fn load(data_dir: &Path) -> Index {
        let path = data_dir.join(super::INDEX_FILE);
        let Ok(bytes) = super::read(&path, MAX_INDEX_BYTES) else {
            return Index {
                changed: true,
                ..Index::default()
            };
        };
        match serde_json::from_slice::<IndexFile>(&bytes) {
            Ok(file) if file.format == FORMAT => Index {
                rows: file
                    .rows
                    .into_iter()
                    .map(|row| (row.file, (row.stamp, row.summary)))
                    .collect(),
                changed: false,
            },
            _ => Index {
                changed: true,
                ..Index::default()
            },
        }
    }

    /// The summary kept for `file`, if the file is as it was then.
    pub fn get(&self, file: &str, stamp: Stamp) -> Option<&Summary> {
        self.rows
            .get(file)
            .filter(|(kept, _)| *kept == stamp)
            .map(|(_, summary)| summary)
    }

    pub fn put(&mut self, file: String, stamp: Stamp, summary: Summary) {
        self.rows.insert(file, (stamp, summary));
        self.changed = true;
    }

    /// Keeps only the rows of `files`.
    pub fn keep_only(&mut self, files: &std::collections::HashSet<String>) {
        let before = self.rows.len();
        self.rows.retain(|file, _| files.contains(file));
        self.changed |= self.rows.len() != before;
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Writes the index, encrypted, when it changed. A failure only costs the next
    /// listing time, so it is returned for the caller to ignore or report.
    pub fn save(&mut self, data_dir: &Path, seal: &Seal) -> anyhow::Result<()> {
        if !self.changed {
            return Ok(());
        }
        let mut rows: Vec<Row> = self
            .rows
            .iter()
            .map(|(file, (stamp, summary))| Row {
                file: file.clone(),
                stamp: *stamp,
                summary: summary.clone(),
            })
            .collect();
        rows.sort_by(|a, b| a.file.cmp(&b.file));
        let plain = serde_json::to_vec(&IndexFile {
            format: FORMAT,
            rows,
        })?;
        let sealed = seal.seal(&plain)?;
        crate::files::write_atomic(&data_dir.join(super::INDEX_FILE), &sealed)?;
        self.changed = false;
        Ok(())
    }
}
