//! The command line: arguments, and the commands that print instead of opening the
//! full-screen program.

use std::io::Write as _;
use std::os::unix::ffi::OsStrExt as _;
use std::path::{Component, Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, bail};
use clap::{ArgGroup, Parser, Subcommand, ValueEnum};
use jiff::tz::TimeZone;
use unicode_width::UnicodeWidthStr as _;

use crate::exercise::{self, Library, Severity, Sources};
use crate::export;
use crate::journal::{self, Entry, Journal, Listed, Status};
use crate::paths::Paths;
use crate::safe;

#[derive(Debug, Parser)]
#[command(
    name = "two-worlds",
    version,
    propagate_version = true,
    about = "Write one conflict from your side, then from your partner's, and see both side by side.",
    long_about = "Write one conflict from your side, then from your partner's, and see both side by side.\n\n\
        Run without a command to open the full-screen program on the built-in exercises and your own.\n\
        Everything you write stays on this computer, readable only by you.",
    after_help = "Exit codes: 0 success, 1 failure or errors found by check, 2 wrong usage."
)]
pub struct Cli {
    /// Where journal entries and your own scenarios live [default: $TWO_WORLDS_DATA_DIR, else $XDG_DATA_HOME/two-worlds]
    // TWO_WORLDS_DATA_DIR is read by `Paths::resolve`, not by clap: an empty
    // variable counts as unset, while an empty `--data-dir ""` is a mistake
    // clap reports as one (exit 2), and clap cannot tell the two apart.
    #[arg(
        long,
        global = true,
        value_name = "DIR",
        value_parser = clap::builder::TypedValueParser::try_map(
            clap::builder::OsStringValueParser::new(),
            non_empty_folder
        )
    )]
    pub data_dir: Option<PathBuf>,

    /// Also load scenarios from this file or folder (repeatable)
    #[arg(long = "exercises", global = true, value_name = "PATH")]
    pub exercises: Vec<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List every exercise: id, title, tags and where it came from
    List {
        /// Print JSON instead of a table
        #[arg(long)]
        json: bool,
    },
    /// Check scenario files and report every problem with its file and line
    Check {
        /// Files or folders to check [default: the built-in library, your folder and every --exercises]
        paths: Vec<PathBuf>,
    },
    /// Write a scenario template, ready to edit
    New {
        /// The new scenario's id: lowercase letters, digits and dashes
        id: String,
        /// Its title [default: made from the id]
        #[arg(long)]
        title: Option<String>,
        /// The folder to write it in [default: your exercises folder]
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
    },
    /// Show where two-worlds keeps your data and looks for scenarios
    Paths,
    /// List your journal entries, newest first, with the reference `export` takes
    History {
        /// Print JSON instead of a table
        #[arg(long)]
        json: bool,
    },
    /// Print or save journal entries as Markdown or JSON
    #[command(group(ArgGroup::new("which").required(true).args(["entry", "all"])))]
    Export {
        /// The entry, as `two-worlds history` shows it (e.g. can-we-talk/20261128T140211Z.toml);
        /// a unique beginning of it, or the entry file's full path, also works
        #[arg(value_name = "ENTRY")]
        entry: Option<PathBuf>,
        /// Every readable entry, newest first
        #[arg(long)]
        all: bool,
        /// Markdown to read, print or share; JSON for other programs
        #[arg(long, value_enum, default_value_t = Format::Markdown)]
        format: Format,
        /// Write to this new file, readable only by you, instead of printing
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
    },
}

/// What `export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    #[value(alias = "md")]
    Markdown,
    Json,
}

/// `--data-dir ""` names no folder: a usage error, not the default folder.
fn non_empty_folder(value: std::ffi::OsString) -> Result<PathBuf, String> {
    if value.is_empty() {
        Err("the data folder cannot be empty; name a folder, or leave --data-dir out".to_owned())
    } else {
        Ok(PathBuf::from(value))
    }
}

impl Cli {
    pub fn paths(&self) -> anyhow::Result<Paths> {
        Paths::resolve(self.data_dir.as_deref())
    }

    /// Every source: built-ins, the user's folder, then each `--exercises`.
    pub fn sources(&self, paths: &Paths) -> Sources {
        Sources {
            builtin: true,
            user_dir: Some(paths.exercises_dir()),
            extra: self.exercises.clone(),
        }
    }
}

/// Runs a printing command. `Ok` carries the exit code; `Err` is reported by `main`.
pub fn run(cli: &Cli, command: &Command) -> anyhow::Result<ExitCode> {
    let paths = cli.paths()?;
    match command {
        Command::List { json } => list(&exercise::load(&cli.sources(&paths)), *json),
        Command::Check { paths: named } => {
            let sources = if named.is_empty() {
                cli.sources(&paths)
            } else {
                Sources {
                    builtin: false,
                    user_dir: None,
                    extra: named.clone(),
                }
            };
            check(&exercise::load(&sources))
        }
        Command::New { id, title, dir } => {
            let dir = dir.clone().unwrap_or_else(|| paths.exercises_dir());
            let path = new_scenario(&dir, id, title.as_deref())?;
            writeln!(std::io::stdout().lock(), "{}", safe::path(&path))?;
            if exercise::BUILTIN.iter().any(|(_, text)| {
                exercise::parse(text.as_bytes(), exercise::Origin::BuiltIn(String::new()))
                    .exercise
                    .is_some_and(|e| e.id == *id)
            }) {
                note(&format!(
                    "Note: `{id}` is the id of a built-in exercise; your file replaces it in the library."
                ));
            }
            note(&format!(
                "Wrote a template. Edit it, then run: two-worlds check {}",
                safe::path(&path)
            ));
            Ok(ExitCode::SUCCESS)
        }
        Command::Paths => {
            write!(std::io::stdout().lock(), "{}", describe_paths(cli, &paths))?;
            Ok(ExitCode::SUCCESS)
        }
        Command::History { json } => history(&Journal::new(&paths.data_dir), *json),
        Command::Export {
            entry,
            all,
            format,
            output,
        } => {
            let journal = Journal::new(&paths.data_dir);
            if let Some(file) = output {
                check_output(&journal, file)?;
            }
            let (document, left_out) = if *all {
                export_all(&journal, *format)?
            } else {
                let wanted = entry.as_deref().context("name an entry or pass --all")?;
                let path = find_entry(&journal, wanted)?;
                let entry = Journal::load(&path)?;
                let document = match format {
                    Format::Markdown => export::markdown(&entry),
                    Format::Json => export::json(&entry),
                };
                (document, Vec::new())
            };
            match output {
                None => write!(std::io::stdout().lock(), "{document}")?,
                Some(file) => {
                    export::write_file(file, &document)?;
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
                let count = match left_out.len() {
                    1 => "1 entry".to_owned(),
                    n => format!("{n} entries"),
                };
                note(&format!("{count} left out: {}", left_out.join(", ")));
                Ok(ExitCode::FAILURE)
            }
        }
    }
}

/// A line for the person at the terminal. Unlike `eprintln!`, it never panics
/// when stderr is closed or broken: the command's work matters more. The line
/// is made safe to show, whatever file names or reasons it holds.
fn note(line: &str) {
    let _ = writeln!(std::io::stderr().lock(), "{}", safe::line(line));
}

const EMPTY_JOURNAL: &str = "Your journal is empty: entries appear here once you start an \
     exercise in the full-screen program (run `two-worlds`).";

fn history(journal: &Journal, json: bool) -> anyhow::Result<ExitCode> {
    let listed = journal.list();
    let entries_dir = journal.entries_dir();
    let zone = crate::time::local_zone();
    let mut out = std::io::stdout().lock();
    if json {
        let items: Vec<_> = listed
            .iter()
            .map(|item| match item {
                Listed::Ok(summary) => serde_json::json!({
                    "entry": reference(&entries_dir, &summary.path),
                    "exercise_id": summary.exercise_id,
                    "title": summary.exercise_title,
                    "started": summary.started.to_string(),
                    "status": summary.status,
                    "words": summary.words,
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
                Listed::Ok(summary) => [
                    safe::one_line(&summary.exercise_title),
                    local_date_time(summary.started, &zone),
                    match summary.status {
                        Status::Draft => "draft",
                        Status::Complete => "done",
                    }
                    .to_owned(),
                    summary.words.to_string(),
                    safe::line(&reference(&entries_dir, &summary.path)).into_owned(),
                ],
                Listed::Unreadable { path, .. } => [
                    "-".to_owned(),
                    item.started()
                        .map_or("-".to_owned(), |t| local_date_time(t, &zone)),
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

/// Every readable entry, newest first, as one document, and the references of
/// the entries left out. Entries that cannot be read are named on stderr with
/// the reason.
fn export_all(journal: &Journal, format: Format) -> anyhow::Result<(String, Vec<String>)> {
    let entries_dir = journal.entries_dir();
    let listed = journal.list();
    let mut entries: Vec<Entry> = Vec::new();
    let mut left_out = Vec::new();
    for item in &listed {
        let result = match item {
            Listed::Ok(summary) => Journal::load(&summary.path).map_err(|err| format!("{err:#}")),
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
        Format::Markdown => entries
            .iter()
            .map(export::markdown)
            .collect::<Vec<_>>()
            .join("\n---\n\n"),
        Format::Json => {
            let stored: Vec<_> = entries.iter().map(journal::stored).collect();
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
fn find_entry(journal: &Journal, wanted: &Path) -> anyhow::Result<PathBuf> {
    let entries_dir = journal.entries_dir();
    let listed = journal.list();
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
    let prefix = relative.as_os_str().as_bytes();
    let matches: Vec<&Path> = paths
        .filter(|path| rel(path).is_some_and(|r| r.as_os_str().as_bytes().starts_with(prefix)))
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
fn check_output(journal: &Journal, file: &Path) -> anyhow::Result<()> {
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

/// "2026-11-28 14:02", in `zone`.
fn local_date_time(time: jiff::Timestamp, zone: &TimeZone) -> String {
    time.to_zoned_datetime(zone.clone())
        .strftime("%Y-%m-%d %H:%M")
        .to_string()
}

fn list(library: &Library, json: bool) -> anyhow::Result<ExitCode> {
    for problem in &library.problems {
        note(&problem.to_string());
    }
    let mut out = std::io::stdout().lock();
    if json {
        let items: Vec<_> = library
            .exercises
            .iter()
            .map(|e| {
                serde_json::json!({
                    "id": e.id,
                    "title": e.title,
                    "summary": e.summary,
                    "tags": e.tags,
                    "partner": e.partner,
                    "source": match &e.origin {
                        exercise::Origin::BuiltIn(_) => "built-in".to_string(),
                        exercise::Origin::File(path) => path.to_string_lossy().into_owned(),
                    },
                })
            })
            .collect();
        let text = serde_json::to_string_pretty(&items)?;
        writeln!(out, "{}", safe::json(&text))?;
    } else {
        let rows: Vec<[String; 4]> = library
            .exercises
            .iter()
            .map(|e| {
                [
                    safe::line(&e.id).into_owned(),
                    safe::line(&e.title).into_owned(),
                    e.tags
                        .iter()
                        .map(|tag| safe::line(tag))
                        .collect::<Vec<_>>()
                        .join(", "),
                    e.origin.to_string(),
                ]
            })
            .collect();
        write!(out, "{}", table(&["ID", "TITLE", "TAGS", "SOURCE"], &rows))?;
    }
    Ok(if library.exercises.is_empty() {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// Left-aligned columns, two spaces apart; the last column is not padded.
/// Widths are terminal columns, so titles in Japanese or with emoji line up.
fn table<const N: usize>(header: &[&str; N], rows: &[[String; N]]) -> String {
    let mut widths = header.map(|h| h.width());
    for row in rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.width());
        }
    }
    let mut out = String::new();
    let header = header.map(str::to_string);
    for row in std::iter::once(&header).chain(rows) {
        let mut line = String::new();
        for (i, cell) in row.iter().enumerate() {
            line.push_str(cell);
            if i + 1 < N {
                let pad = widths[i] - cell.width() + 2;
                line.extend(std::iter::repeat_n(' ', pad));
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

fn check(library: &Library) -> anyhow::Result<ExitCode> {
    let mut out = std::io::stdout().lock();
    for problem in &library.problems {
        writeln!(out, "{problem}")?;
    }
    writeln!(out, "{}", library.summary_line())?;
    Ok(if library.count(Severity::Error) > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

fn describe_paths(cli: &Cli, paths: &Paths) -> String {
    let mut out = format!("data folder:  {}\n", safe::path(&paths.data_dir));
    out.push_str(&format!(
        "exercises:    built-in ({} files)\n",
        exercise::BUILTIN.len()
    ));
    out.push_str(&format!(
        "              {}{}\n",
        safe::path(&paths.exercises_dir()),
        if paths.exercises_dir().is_dir() {
            ""
        } else {
            " (not created yet)"
        }
    ));
    for extra in &cli.exercises {
        out.push_str(&format!("              {}\n", safe::path(extra)));
    }
    out.push_str(&format!(
        "entries:      {}\n",
        safe::path(&paths.entries_dir())
    ));
    out.push_str(&format!(
        "exports:      {}\n",
        safe::path(&paths.data_dir.join("exports"))
    ));
    out.push_str(&format!(
        "rescue:       {}  (copies written when a save failed as two-worlds was stopped)\n",
        safe::path(&paths.data_dir.join("rescue"))
    ));
    out.push_str(&format!(
        "state:        {}\n",
        safe::path(&crate::state::state_path(&paths.data_dir))
    ));
    out.push_str(&format!("privacy:      {}\n", crate::care::WHO_CAN_READ));
    if let Some(warning) = crate::journal::loose_permissions(&paths.data_dir) {
        out.push_str(&format!("warning:      {}\n", safe::line(&warning)));
    }
    out
}

/// Writes a commented template to `DIR/ID.toml`, refusing to overwrite.
pub fn new_scenario(dir: &Path, id: &str, title: Option<&str>) -> anyhow::Result<PathBuf> {
    if let Some(why) = exercise::id_problem(id) {
        bail!("the id \"{id}\" {why}; try \"{}\"", exercise::slug(id));
    }
    let title = title
        .map(title_line)
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| title_from_id(id));
    crate::journal::create_private_dir_all(dir)?;
    let path = dir.join(format!("{id}.toml"));
    let text = template(id, &title);
    let mut file = {
        use std::os::unix::fs::OpenOptionsExt as _;
        std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&path)
    }
    .map_err(|err| match err.kind() {
        std::io::ErrorKind::AlreadyExists => anyhow::anyhow!(
            "{} already exists; choose another id or edit that file",
            path.display()
        ),
        _ => anyhow::anyhow!(
            "cannot write {}: {}",
            path.display(),
            exercise::io_reason(&err)
        ),
    })?;
    file.write_all(text.as_bytes())
        .and_then(|()| file.sync_all())
        .with_context(|| format!("cannot write {}", path.display()))?;
    Ok(path)
}

/// A title is one line: newlines, tabs and other control characters become
/// spaces, and text-direction controls go (as when typed in the editor), so
/// the template passes `check`.
fn title_line(text: &str) -> String {
    text.chars()
        .filter(|c| !matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'))
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn title_from_id(id: &str) -> String {
    crate::text::capitalised(&id.replace('-', " "))
}

/// The note on who two-worlds is for, as comments for the template: authors hand
/// these files to clients, and the note goes with them.
fn safety_comment() -> String {
    let mut out = format!(
        "# {}: who this exercise is for.\n#\n",
        crate::care::SAFETY_TITLE
    );
    let mut paragraph = |text: &str, lead: &str| {
        let indent = " ".repeat(lead.len());
        for (i, row) in crate::text::wrap(text, 76 - lead.len()).iter().enumerate() {
            let lead = if i == 0 { lead } else { &indent };
            out.push_str(format!("# {lead}{row}").trim_end());
            out.push('\n');
        }
    };
    for text in crate::care::SAFETY_NOTE {
        paragraph(text, "");
        paragraph("", "");
    }
    for line in crate::care::HELPLINES {
        paragraph(line, "- ");
    }
    out.push_str("#\n");
    out
}

fn template(id: &str, title: &str) -> String {
    let title = title.replace('\\', "\\\\").replace('"', "\\\"");
    let note = safety_comment();
    format!(
        r#"{note}# A two-worlds scenario. Lines starting with # are notes for you, the author;
# delete them when you like. Check the file at any time with:
#     two-worlds check {id}.toml
# The full reference is in two-worlds' README, "Writing your own scenario".

# The format version. Leave it at 1.
format = 1

# Lowercase letters, digits and dashes. Journal entries are filed under it,
# so keep it once the scenario is in use. Without it, the file name is used.
id = "{id}"

# Shown in the library. Required.
title = "{title}"

# One line for the library. Without it, the scenario's first sentence is used.
summary = "Replace this with one line that says what the moment is about."

# Words to find the scenario by when filtering the library.
tags = ["example"]

# How the prompts name the other person: a first name, or a word such as
# "your wife". Without it: "your partner". Write {{partner}} in any text
# below and it is replaced by this.
partner = "your partner"

# The moment of conflict, told to the reader as "you". Required.
# Make it concrete: a place, a time of day, the words each person said.
# Stop at the point where it hurts, before anything is resolved.
scenario = """
Replace this with the moment itself. Where are you, what time is it, what did you say, and what did {{partner}} say back?

Write each paragraph on one line; a blank line starts the next one.
"""

# The first writing step: the reader's own side of it.
[own_view]
prompt = "Tell what happened as you lived it. Write as \"I\"."
hints = [
    "What were you hoping for just before it went wrong?",
    "What did you need from {{partner}} in that moment?",
]

# The second step: the same moment, in {{partner}}'s voice.
[partner_view]
prompt = "Now tell the same moment as {{partner}} lived it, writing as \"I\"."
hints = [
    "What had {{partner}}'s day been like?",
    "What might {{partner}} have been afraid of?",
]

# Questions for after the two views are side by side.
[reflection]
questions = [
    "What did you see from {{partner}}'s side that you had not seen before?",
    "Who do you want to be the next time this happens?",
]
"#
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_comes_from_the_id() {
        assert_eq!(title_from_id("dishes-at-midnight"), "Dishes at midnight");
    }

    #[test]
    fn table_aligns_columns_and_leaves_no_trailing_space() {
        let out = table(
            &["ID", "TITLE"],
            &[["a".into(), "One".into()], ["long-id".into(), "Two".into()]],
        );
        assert_eq!(out, "ID       TITLE\na        One\nlong-id  Two\n");
    }

    #[test]
    fn the_template_and_paths_carry_the_safety_note_and_who_can_read() {
        let text = template("my-scene", "A talk");
        for helpline in crate::care::HELPLINES {
            let first_words: String = helpline.chars().take(30).collect();
            assert!(text.contains(&first_words), "{first_words}");
        }
        assert!(text.contains("1-800-799-7233") && text.contains("0808 2000 247"));
        let cli = Cli::parse_from(["two-worlds", "--data-dir", "/nowhere/x", "paths"]);
        let paths = describe_paths(&cli, &cli.paths().unwrap());
        assert!(paths.contains(crate::care::WHO_CAN_READ), "{paths}");
        assert!(paths.contains("/nowhere/x/rescue"), "{paths}");
    }

    #[test]
    fn template_parses_cleanly_with_quotes_in_the_title() {
        let text = template("my-scene", "The \"big\" talk");
        let parsed = exercise::parse(
            text.as_bytes(),
            exercise::Origin::File("my-scene.toml".into()),
        );
        assert_eq!(parsed.problems, vec![]);
        let exercise = parsed.exercise.unwrap();
        assert_eq!(exercise.title, "The \"big\" talk");
        assert_eq!(exercise.id, "my-scene");
    }
}
