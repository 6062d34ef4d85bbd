//! `history` and `export`: the journal's entries, listed and exported, each
//! named by the reference `history` shows.

use std::io::Write as _;
use std::path::{Component, Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, bail};

use super::table::table;
use super::{ExportFormat, note};
use crate::export;
use crate::journal::{self, Entry, Journal, Listed};
use crate::safe;
use crate::time::numeric_date_time;
use crate::wording::{plural, status_label};

const EMPTY_JOURNAL: &str = "Your journal is empty: entries appear here once you start an \
     exercise in the full-screen program (run `two-worlds`).";

/// Every entry, as [`Journal::list`] gives them; a long read (a locked journal
/// rebuilding its index) shows how far it has gone on the terminal.
pub(super) fn listing(journal: &Journal) -> Vec<Listed> {
    use std::io::IsTerminal as _;
    let shown = std::io::stderr().is_terminal();
    journal.list_with(&move |done, total| {
        if shown && total >= 500 {
            let mut err = std::io::stderr().lock();
            let _ = write!(
                err,
                "\rReading your locked journal: {done} of {total} entries"
            );
            if done == total {
                let _ = writeln!(err);
            }
        }
    })
}

/// `history`: every entry, newest first, as a table or JSON; the entries that
/// cannot be read are named on stderr with the reason.
pub(super) fn history(journal: &Journal, json: bool) -> anyhow::Result<ExitCode> {
    let listed = listing(journal);
    let entries_dir = journal.entries_dir();
    let zone = crate::time::local_zone();
    let mut out = std::io::stdout().lock();
    if json {
        let items: Vec<_> = listed
            .iter()
            .map(|item| match item {
                Listed::Entry(summary) => serde_json::json!({
                    "entry": reference(&entries_dir, &summary.path),
                    "exercise_id": summary.exercise_id,
                    "title": summary.exercise_title,
                    "started": summary.started.to_string(),
                    "status": summary.status,
                    "words": summary.words,
                    "distress_before": summary.distress_before,
                    "distress_after": summary.distress_after,
                }),
                Listed::Unreadable { path, reason } => serde_json::json!({
                    "entry": reference(&entries_dir, path),
                    "unreadable": true,
                    "reason": reason,
                }),
            })
            .collect();
        let text = serde_json::to_string_pretty(&items)?;
        writeln!(out, "{}", safe::json(&text))?;
    } else if !listed.is_empty() {
        let rows: Vec<[String; 5]> = listed
            .iter()
            .map(|item| match item {
                Listed::Entry(summary) => [
                    safe::one_line(&summary.exercise_title),
                    numeric_date_time(summary.started, &zone),
                    status_label(summary.status).to_owned(),
                    summary.words.to_string(),
                    safe::line(&reference(&entries_dir, &summary.path)).into_owned(),
                ],
                Listed::Unreadable { path, .. } => [
                    "-".to_owned(),
                    item.started()
                        .map_or("-".to_owned(), |t| numeric_date_time(t, &zone)),
                    "unreadable".to_owned(),
                    "-".to_owned(),
                    safe::line(&reference(&entries_dir, path)).into_owned(),
                ],
            })
            .collect();
        write!(
            out,
            "{}",
            table(&["TITLE", "STARTED", "STATUS", "WORDS", "ENTRY"], &rows)
        )?;
    }
    out.flush()?;
    drop(out);
    // The reasons come after the table, so they read as notes on its rows.
    for item in &listed {
        if let Listed::Unreadable { path, reason } = item {
            note(&format!(
                "{}: unreadable: {reason}",
                reference(&entries_dir, path)
            ));
        }
    }
    if listed.is_empty() {
        note(EMPTY_JOURNAL);
    }
    Ok(ExitCode::SUCCESS)
}

/// `export`: one entry, or every readable one with `all`, printed or written
/// to `output`.
pub(super) fn export(
    journal: &Journal,
    entry: Option<&Path>,
    all: bool,
    format: ExportFormat,
    output: Option<&Path>,
) -> anyhow::Result<ExitCode> {
    if let Some(file) = output {
        check_output(journal, file)?;
    }
    let (document, left_out) = if all {
        export_all(journal, format)?
    } else {
        let wanted = entry.context("name an entry or pass --all")?;
        let path = find_entry(journal, wanted)?;
        let entry = Journal::load(&path)?;
        let shared = crate::exchange::shared_with(journal.data_dir(), &entry);
        let shared = shared.as_ref().map(|s| s.borrowed());
        let document = match format {
            ExportFormat::Markdown => export::markdown_with(&entry, shared.as_ref()),
            ExportFormat::Json => export::json_with(&entry, shared.as_ref()),
        };
        (document, Vec::new())
    };
    match output {
        None => write!(std::io::stdout().lock(), "{document}")?,
        Some(file) => {
            crate::files::write_new_file(file, document.as_bytes())?;
            note(&format!(
                "Exported to {} (readable only by you)",
                safe::path(file)
            ));
        }
    }
    // Last, so a backup script's log ends with it; and exit 1, so the
    // script can tell.
    if left_out.is_empty() {
        Ok(ExitCode::SUCCESS)
    } else {
        let count = plural(left_out.len(), "entry", "entries");
        note(&format!("{count} left out: {}", left_out.join(", ")));
        Ok(ExitCode::FAILURE)
    }
}

/// Every readable entry, newest first, as one document, and the references of
/// the entries left out. Entries that cannot be read are named on stderr with
/// the reason.
fn export_all(journal: &Journal, format: ExportFormat) -> anyhow::Result<(String, Vec<String>)> {
    let entries_dir = journal.entries_dir();
    let listed = listing(journal);
    let mut entries: Vec<Entry> = Vec::new();
    let mut left_out = Vec::new();
    for item in &listed {
        let result = match item {
            Listed::Entry(summary) => {
                Journal::load(&summary.path).map_err(|err| format!("{err:#}"))
            }
            Listed::Unreadable { reason, .. } => Err(reason.clone()),
        };
        match result {
            Ok(entry) => entries.push(entry),
            Err(reason) => {
                let reference = reference(&entries_dir, item.path());
                note(&format!(
                    "{reference}: unreadable, left out of the export: {reason}"
                ));
                left_out.push(reference);
            }
        }
    }
    if listed.is_empty() {
        note(EMPTY_JOURNAL);
    }
    let document = match format {
        // A blank line before the rule, or Markdown reads `---` as a heading underline.
        ExportFormat::Markdown => entries
            .iter()
            .map(|entry| {
                let shared = crate::exchange::shared_with(journal.data_dir(), entry);
                export::markdown_with(entry, shared.as_ref().map(|s| s.borrowed()).as_ref())
            })
            .collect::<Vec<_>>()
            .join("\n---\n\n"),
        ExportFormat::Json => {
            let stored: Vec<serde_json::Value> = entries
                .iter()
                .map(|entry| {
                    let shared = crate::exchange::shared_with(journal.data_dir(), entry);
                    export::json_value_with(entry, shared.as_ref().map(|s| s.borrowed()).as_ref())
                })
                .collect();
            let mut text = safe::json(&serde_json::to_string_pretty(&stored)?).into_owned();
            text.push('\n');
            text
        }
    };
    Ok((document, left_out))
}

/// How `history` names an entry and `export` takes it back: its path inside
/// the entries folder, such as `can-we-talk/20261128T140211Z.toml`.
fn reference(entries_dir: &Path, path: &Path) -> String {
    match path.strip_prefix(entries_dir) {
        Ok(rel) if !rel.as_os_str().is_empty() => rel.display().to_string(),
        _ => path.display().to_string(),
    }
}

/// The entry file `wanted` names: a reference from `history`, its beginning
/// when only one entry starts that way, or the file's full path. Only files
/// the journal lists can be named, so nothing outside the entries folder is read.
pub(super) fn find_entry(journal: &Journal, wanted: &Path) -> anyhow::Result<PathBuf> {
    let entries_dir = journal.entries_dir();
    let listed = listing(journal);
    let unknown = || {
        anyhow::anyhow!(
            "there is no entry \"{}\" in your journal; `two-worlds history` lists every entry with its reference",
            wanted.display()
        )
    };
    let paths = listed.iter().map(Listed::path);
    if wanted.is_absolute() {
        let canonical = |p: &Path| p.canonicalize().ok();
        return paths
            .into_iter()
            .find(|path| {
                *path == wanted || canonical(path).is_some_and(|p| Some(p) == canonical(wanted))
            })
            .map(Path::to_path_buf)
            .ok_or_else(unknown);
    }
    let relative: PathBuf = wanted
        .components()
        .filter(|c| *c != Component::CurDir)
        .collect();
    if relative.as_os_str().is_empty() {
        return Err(unknown());
    }
    let mut with_extension = relative.clone().into_os_string();
    with_extension.push(".toml");
    let rel = |path: &Path| path.strip_prefix(&entries_dir).ok().map(Path::to_path_buf);
    if let Some(exact) = paths
        .clone()
        .find(|path| rel(path).is_some_and(|r| r == relative || r.as_os_str() == with_extension))
    {
        return Ok(exact.to_path_buf());
    }
    // The platform's own bytes for a name (on Unix, the name's bytes), so a name that
    // is not valid Unicode is still matched by its beginning.
    let prefix = relative.as_os_str().as_encoded_bytes();
    let matches: Vec<&Path> = paths
        .filter(|path| {
            rel(path).is_some_and(|r| r.as_os_str().as_encoded_bytes().starts_with(prefix))
        })
        .collect();
    match matches.as_slice() {
        [] => Err(unknown()),
        [one] => Ok(one.to_path_buf()),
        many => {
            let shown: Vec<String> = many
                .iter()
                .take(3)
                .map(|path| reference(&entries_dir, path))
                .collect();
            bail!(
                "\"{}\" could be any of {} entries ({}{}); give more of the reference, as `two-worlds history` shows it",
                wanted.display(),
                many.len(),
                shown.join(", "),
                if many.len() > 3 { ", …" } else { "" }
            )
        }
    }
}

/// Says what is wrong with `-o FILE` before any entry is read. Writing still
/// refuses to replace a file that appears meanwhile.
pub(super) fn check_output(journal: &Journal, file: &Path) -> anyhow::Result<()> {
    if file.is_dir() {
        bail!(
            "{} is a folder; name a new file in it, such as {}",
            file.display(),
            file.join("journal.md").display()
        );
    }
    if file.symlink_metadata().is_ok() {
        bail!(
            "{} already exists; two-worlds never replaces a file, so choose another name",
            file.display()
        );
    }
    // An export written among the entries would be taken for a damaged entry.
    let folder = match file.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let (Ok(folder), Ok(entries)) = (folder.canonicalize(), journal.entries_dir().canonicalize())
    else {
        return Ok(());
    };
    if folder.starts_with(&entries) {
        bail!(
            "{} is inside your journal's entries folder; save the export somewhere else",
            file.display()
        );
    }
    Ok(())
}

/// The largest backup `restore` reads: far more than any journal, small enough to
/// hold in memory.
const MAX_BACKUP_BYTES: u64 = 256 * 1024 * 1024;

/// `restore FILE`: every entry of a JSON export brought back into the journal, one
/// line for each (restored, already there, or refused and why), then a summary.
/// Exit 1 when something was refused or the file could not be read.
pub(super) fn restore(journal: &Journal, file: &Path) -> anyhow::Result<ExitCode> {
    let shown = safe::path(file);
    let bytes = crate::files::read_regular(file, MAX_BACKUP_BYTES)
        .map_err(|err| anyhow::anyhow!("cannot read the backup {shown}: {err}"))?;
    let values: Vec<serde_json::Value> = serde_json::from_slice(&bytes).map_err(|err| {
        anyhow::anyhow!(
            "{shown} is not a backup written by `two-worlds export --all --format json` \
             (line {}, column {}: {})",
            err.line(),
            err.column(),
            match err.classify() {
                serde_json::error::Category::Io | serde_json::error::Category::Eof =>
                    "the file ends too soon",
                serde_json::error::Category::Syntax => "not JSON",
                serde_json::error::Category::Data => "not a list of entries",
            }
        )
    })?;
    let entries_dir = journal.entries_dir();
    let mut out = std::io::stdout().lock();
    let (mut restored, mut there, mut refused) = (0, 0, 0);
    for (index, value) in values.iter().enumerate() {
        let result = journal::entry_from_json(value)
            .and_then(|entry| journal.restore(&entry).map_err(|err| format!("{err:#}")));
        match result {
            Ok(journal::Restored::Written(path)) => {
                restored += 1;
                writeln!(
                    out,
                    "restored  {}",
                    safe::line(&reference(&entries_dir, &path))
                )?;
            }
            Ok(journal::Restored::AlreadyThere(path)) => {
                there += 1;
                writeln!(
                    out,
                    "skipped   {} (already in your journal)",
                    safe::line(&reference(&entries_dir, &path))
                )?;
            }
            Err(reason) => {
                refused += 1;
                writeln!(
                    out,
                    "refused   entry {} of the backup: {}",
                    index + 1,
                    safe::line(&reason)
                )?;
            }
        }
    }
    writeln!(
        out,
        "{restored} restored, {there} already in your journal, {refused} refused"
    )?;
    Ok(if refused == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
