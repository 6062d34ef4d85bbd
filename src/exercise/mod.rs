//! Scenario files: the format authors write, loading, and validation.
//!
//! One `*.toml` file holds one exercise. Loading never stops at the first bad
//! file: every problem is collected as a [`Problem`] that names the file, the
//! line and column where it is known, and what to do about it.
//!
//! Here: the types and the rules for ids. `load` reads files and folders,
//! `parse` reads one file's TOML, `characters` finds the characters that
//! cannot be shown safely.

use std::fmt;
use std::path::PathBuf;

use crate::format::Format;
pub use crate::translation::{Lens, Moment, Speaker};
use crate::wording::{capitalised, plural};

pub mod authoring;
mod characters;
mod load;
mod moments;
pub mod own;
mod parse;

pub use load::{load, reload};
pub use parse::{Parsed, fill_partner, parse};
pub(crate) use parse::{a_type, nearest, quoted_list};

/// The scenario format this build understands. There is one version so far; when
/// there are more, the older ones are read where a file's fields are checked
/// (`Checker::exercise`).
pub const SCENARIO_FORMAT: Format = Format {
    oldest: 1,
    current: 2,
};
/// Larger files are refused: a scenario is a page of prose, not a book.
pub const MAX_FILE_BYTES: usize = 256 * 1024;
/// How prompts name the other person when a file does not say.
pub const DEFAULT_PARTNER: &str = "your partner";
/// The longest id a file may have.
pub const MAX_ID_LEN: usize = 64;

/// The built-in library: every `exercises/*.toml`, embedded at build time by `build.rs`
/// as `(file name, contents)`, sorted by file name.
pub static BUILTIN: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/builtin.rs"));

/// Whether `id` is the id of a built-in scenario (a practice one, not the user's own).
pub fn is_builtin_id(id: &str) -> bool {
    authoring::builtin_ids_now()
        .iter()
        .any(|builtin| builtin == id)
}

/// One exercise, ready to show: defaults filled in, `{partner}` replaced.
#[derive(Debug, Clone, PartialEq)]
pub struct Exercise {
    pub id: String,
    pub title: String,
    pub summary: String,
    pub scenario: String,
    pub tags: Vec<String>,
    pub partner: String,
    pub own_view: ViewPrompt,
    pub partner_view: ViewPrompt,
    pub reflection: Vec<String>,
    /// The lines where meaning got lost (`[[moments]]`), for the translation cards.
    pub moments: Vec<Moment>,
    /// Other ways of telling the moment the file asks for (`lenses`).
    pub lenses: Vec<Lens>,
    /// A note shown before the scenario, with a choice to go on or go back (`care`).
    pub care: Option<String>,
    /// The id of the same moment told from the other side (`mirror`).
    pub mirror: Option<String>,
    pub origin: Origin,
}

impl Exercise {
    /// The partner's name at the start of a title, safe to show: "Your partner's view".
    pub fn partner_title(&self) -> String {
        capitalised(&crate::safe::line(&self.partner))
    }
}

/// What the person is asked to write for one of the two views.
#[derive(Debug, Clone, PartialEq)]
pub struct ViewPrompt {
    pub prompt: String,
    pub hints: Vec<String>,
}

/// Where an exercise came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// Embedded in the binary; the name is the file in `exercises/`.
    BuiltIn(String),
    /// A file on disk.
    File(PathBuf),
    /// A file in the user's own exercises folder (`<data folder>/exercises`): a moment
    /// of their own, or a copy they made to change.
    Own(PathBuf),
    /// A moment a partner shared (`two-worlds import`): `from` is their name,
    /// `exchange` the moment's id.
    Shared { from: String, exchange: String },
}

impl Origin {
    /// The name used in messages: `exercises/NAME` for built-ins, the path otherwise.
    /// Safe to show: a file name's control characters are escaped.
    pub fn display_path(&self) -> String {
        match self {
            Origin::BuiltIn(name) => format!("exercises/{name}"),
            Origin::File(path) | Origin::Own(path) => crate::safe::path(path),
            Origin::Shared { from, .. } => format!("the moment {} shared", crate::safe::line(from)),
        }
    }
}

/// `built-in`, or the file's path, safe to show.
impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::BuiltIn(_) => f.write_str("built-in"),
            Origin::File(path) | Origin::Own(path) => f.write_str(&crate::safe::path(path)),
            Origin::Shared { from, .. } => write!(f, "shared by {}", crate::safe::line(from)),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
    Note,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        })
    }
}

/// Something wrong (or worth knowing) about one scenario file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub file: String,
    /// 1-based line and column (in characters), where known.
    pub position: Option<(usize, usize)>,
    pub severity: Severity,
    pub message: String,
}

/// One line, safe to show: the file name and the message go through
/// [`crate::safe::line`], so nothing in them reaches a terminal raw.
impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let file = crate::safe::line(&self.file);
        let message = crate::safe::line(&self.message);
        match self.position {
            Some((line, col)) => write!(f, "{file}:{line}:{col}: {}: {message}", self.severity),
            None => write!(f, "{file}: {}: {message}", self.severity),
        }
    }
}

/// Everything loaded from every source, and every problem met on the way.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Library {
    pub exercises: Vec<Exercise>,
    pub problems: Vec<Problem>,
    pub files_checked: usize,
    /// Where each file's `mirror` key is, by exercise id, for the problems about
    /// links between mirrors.
    pub mirror_lines: std::collections::HashMap<String, (usize, usize)>,
}

impl Library {
    pub fn count(&self, severity: Severity) -> usize {
        self.problems
            .iter()
            .filter(|p| p.severity == severity)
            .count()
    }

    /// Adds the moments partners shared with the user of `data_dir` (see
    /// [`crate::exchange::Store::moments`]), after the scenario files.
    pub fn add_shared(&mut self, data_dir: &std::path::Path) {
        let me = crate::state::load(data_dir).author();
        for parsed in crate::exchange::Store::new(data_dir).moments(me.as_deref()) {
            self.add(parsed);
        }
    }

    pub fn get(&self, id: &str) -> Option<&Exercise> {
        self.exercises.iter().find(|e| e.id == id)
    }

    /// `N files checked, M errors, K warnings`.
    pub fn summary_line(&self) -> String {
        format!(
            "{} checked, {}, {}",
            plural(self.files_checked, "file", "files"),
            plural(self.count(Severity::Error), "error", "errors"),
            plural(self.count(Severity::Warning), "warning", "warnings"),
        )
    }

    /// Puts a file read again (after the user edited it) in place of what it gave
    /// before: its exercise and its problems, with the rules between files. Returns
    /// the problems it has now.
    pub fn reload_file(&mut self, origin: &Origin, parsed: Parsed) -> Vec<Problem> {
        let file = origin.display_path();
        self.problems.retain(|p| p.file != file);
        self.exercises.retain(|e| e.origin != *origin);
        self.files_checked = self.files_checked.saturating_sub(1);
        let problems_before = self.problems.len();
        self.add(parsed);
        self.problems[problems_before..].to_vec()
    }

    /// Adds one parsed file, applying the rules between files: a user file with a
    /// built-in's id replaces it; any other repeated id is an error naming both files.
    fn add(&mut self, parsed: Parsed) {
        self.files_checked += 1;
        self.problems.extend(parsed.problems);
        let Some(exercise) = parsed.exercise else {
            return;
        };
        if let Some(at) = parsed.mirror_position {
            self.mirror_lines.insert(exercise.id.clone(), at);
        }
        if let Some(index) = self.exercises.iter().position(|e| e.id == exercise.id) {
            let existing = &self.exercises[index];
            if matches!(existing.origin, Origin::BuiltIn(_))
                && matches!(exercise.origin, Origin::File(_) | Origin::Own(_))
            {
                self.problems.push(Problem {
                    file: exercise.origin.display_path(),
                    position: None,
                    severity: Severity::Note,
                    message: format!("replaces the built-in exercise `{}`", exercise.id),
                });
                self.exercises[index] = exercise;
            } else {
                self.problems.push(Problem {
                    file: exercise.origin.display_path(),
                    position: parsed.id_position,
                    severity: Severity::Error,
                    message: format!(
                        "id `{}` is already used by {}; give one of the two files another `id`",
                        exercise.id,
                        existing.origin.display_path()
                    ),
                });
            }
        } else {
            self.exercises.push(exercise);
        }
    }
}

/// Where to look for exercises, in this order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sources {
    pub builtin: bool,
    /// The user's own folder (`<data-dir>/exercises`); silently skipped when missing.
    pub user_dir: Option<PathBuf>,
    /// Every `--exercises PATH` (a folder or a file); a missing one is an error.
    pub extra: Vec<PathBuf>,
}

/// Why an id is not valid, or `None` when it is.
pub fn id_problem(id: &str) -> Option<&'static str> {
    let valid = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit();
    if id.is_empty() {
        Some("is empty")
    } else if !id.chars().all(|c| valid(c) || c == '-') {
        Some("may hold only lowercase letters, digits and dashes")
    } else if !id.starts_with(valid) {
        Some("must start with a lowercase letter or a digit")
    } else if id.len() > MAX_ID_LEN {
        Some("is longer than 64 characters")
    } else {
        None
    }
}

/// A valid id made from any text, for suggestions.
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let out: String = out.trim_end_matches('-').chars().take(MAX_ID_LEN).collect();
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() {
        "my-scenario".into()
    } else {
        out
    }
}
