//! The command line: arguments, and the commands that print instead of opening the
//! full-screen program.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, bail};
use clap::{Parser, Subcommand};

use crate::exercise::{self, Library, Severity, Sources};
use crate::paths::Paths;

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
    /// Where journal entries and your own scenarios live [default: $XDG_DATA_HOME/two-worlds]
    #[arg(
        long,
        global = true,
        value_name = "DIR",
        env = "TWO_WORLDS_DATA_DIR",
        value_parser = clap::builder::TypedValueParser::map(
            clap::builder::OsStringValueParser::new(),
            PathBuf::from
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
            writeln!(std::io::stdout().lock(), "{}", path.display())?;
            if exercise::BUILTIN.iter().any(|(_, text)| {
                exercise::parse(text.as_bytes(), exercise::Origin::BuiltIn(String::new()))
                    .exercise
                    .is_some_and(|e| e.id == *id)
            }) {
                eprintln!(
                    "Note: `{id}` is the id of a built-in exercise; your file replaces it in the library."
                );
            }
            eprintln!(
                "Wrote a template. Edit it, then run: two-worlds check {}",
                path.display()
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Paths => {
            write!(std::io::stdout().lock(), "{}", describe_paths(cli, &paths))?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn list(library: &Library, json: bool) -> anyhow::Result<ExitCode> {
    for problem in &library.problems {
        eprintln!("{problem}");
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
                        exercise::Origin::File(path) => path.display().to_string(),
                    },
                })
            })
            .collect();
        writeln!(out, "{}", serde_json::to_string_pretty(&items)?)?;
    } else {
        let rows: Vec<[String; 4]> = library
            .exercises
            .iter()
            .map(|e| {
                [
                    e.id.clone(),
                    e.title.clone(),
                    e.tags.join(", "),
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
fn table<const N: usize>(header: &[&str; N], rows: &[[String; N]]) -> String {
    let mut widths = header.map(|h| h.chars().count());
    for row in rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let mut out = String::new();
    let header = header.map(str::to_string);
    for row in std::iter::once(&header).chain(rows) {
        let mut line = String::new();
        for (i, cell) in row.iter().enumerate() {
            line.push_str(cell);
            if i + 1 < N {
                let pad = widths[i] - cell.chars().count() + 2;
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
    let mut out = format!("data folder:  {}\n", paths.data_dir.display());
    out.push_str(&format!(
        "exercises:    built-in ({} files)\n",
        exercise::BUILTIN.len()
    ));
    out.push_str(&format!(
        "              {}{}\n",
        paths.exercises_dir().display(),
        if paths.exercises_dir().is_dir() {
            ""
        } else {
            " (not created yet)"
        }
    ));
    for extra in &cli.exercises {
        out.push_str(&format!("              {}\n", extra.display()));
    }
    out.push_str(&format!(
        "entries:      {}\n",
        paths.entries_dir().display()
    ));
    if let Some(warning) = crate::journal::loose_permissions(&paths.data_dir) {
        out.push_str(&format!("warning:      {warning}\n"));
    }
    out
}

/// Writes a commented template to `DIR/ID.toml`, refusing to overwrite.
pub fn new_scenario(dir: &Path, id: &str, title: Option<&str>) -> anyhow::Result<PathBuf> {
    if let Some(why) = exercise::id_problem(id) {
        bail!("the id \"{id}\" {why}; try \"{}\"", exercise::slug(id));
    }
    // A title is one line: newlines, tabs and other control characters become spaces.
    let title = title
        .map(|t| {
            t.chars()
                .map(|c| if c.is_control() { ' ' } else { c })
                .collect::<String>()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
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

fn title_from_id(id: &str) -> String {
    let words = id.replace('-', " ");
    let mut chars = words.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn template(id: &str, title: &str) -> String {
    let title = title.replace('\\', "\\\\").replace('"', "\\\"");
    format!(
        r#"# A two-worlds scenario. Lines starting with # are notes for you, the author;
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
Replace this with the moment itself. Where are you, what time is it, what
did you say, and what did {{partner}} say back?

Blank lines start new paragraphs.
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
