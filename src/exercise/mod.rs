//! Scenario files: the format authors write, loading, and validation.
//!
//! One `*.toml` file holds one exercise. Loading never stops at the first bad
//! file: every problem is collected as a [`Problem`] that names the file, the
//! line and column where it is known, and what to do about it.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

use toml::de::{DeTable, DeValue};

/// The newest scenario format this build understands.
pub const FORMAT_VERSION: i64 = 1;
/// Larger files are refused: a scenario is a page of prose, not a book.
pub const MAX_FILE_BYTES: usize = 256 * 1024;
/// How prompts name the other person when a file does not say.
pub const DEFAULT_PARTNER: &str = "your partner";
/// The longest id a file may have.
pub const MAX_ID_LEN: usize = 64;
const SUMMARY_MAX_CHARS: usize = 72;

/// The built-in library: every `exercises/*.toml`, embedded at build time by `build.rs`
/// as `(file name, contents)`, sorted by file name.
pub static BUILTIN: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/builtin.rs"));

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
    pub origin: Origin,
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
}

impl Origin {
    /// The name used in messages: `exercises/NAME` for built-ins, the path otherwise.
    /// Safe to show: a file name's control characters are escaped.
    pub fn display_path(&self) -> String {
        match self {
            Origin::BuiltIn(name) => format!("exercises/{name}"),
            Origin::File(path) => crate::safe::path(path),
        }
    }
}

/// `built-in`, or the file's path, safe to show.
impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::BuiltIn(_) => f.write_str("built-in"),
            Origin::File(path) => f.write_str(&crate::safe::path(path)),
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
#[derive(Debug, Clone, Default)]
pub struct Library {
    pub exercises: Vec<Exercise>,
    pub problems: Vec<Problem>,
    pub files_checked: usize,
}

impl Library {
    pub fn count(&self, severity: Severity) -> usize {
        self.problems
            .iter()
            .filter(|p| p.severity == severity)
            .count()
    }

    pub fn get(&self, id: &str) -> Option<&Exercise> {
        self.exercises.iter().find(|e| e.id == id)
    }

    /// `N files checked, M errors, K warnings`.
    pub fn summary_line(&self) -> String {
        let plural = |n: usize, word: &str| {
            if n == 1 {
                format!("{n} {word}")
            } else {
                format!("{n} {word}s")
            }
        };
        format!(
            "{} checked, {}, {}",
            plural(self.files_checked, "file"),
            plural(self.count(Severity::Error), "error"),
            plural(self.count(Severity::Warning), "warning"),
        )
    }

    /// Adds one parsed file, applying the rules between files: a user file with a
    /// built-in's id replaces it; any other repeated id is an error naming both files.
    fn add(&mut self, parsed: Parsed) {
        self.files_checked += 1;
        self.problems.extend(parsed.problems);
        let Some(exercise) = parsed.exercise else {
            return;
        };
        if let Some(index) = self.exercises.iter().position(|e| e.id == exercise.id) {
            let existing = &self.exercises[index];
            if matches!(existing.origin, Origin::BuiltIn(_))
                && matches!(exercise.origin, Origin::File(_))
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
#[derive(Debug, Clone, Default)]
pub struct Sources {
    pub builtin: bool,
    /// The user's own folder (`<data-dir>/exercises`); silently skipped when missing.
    pub user_dir: Option<PathBuf>,
    /// Every `--exercises PATH` (a folder or a file); a missing one is an error.
    pub extra: Vec<PathBuf>,
}

/// Loads every source. Never fails: problems are collected in the library.
pub fn load(sources: &Sources) -> Library {
    let mut library = Library::default();
    let mut seen = std::collections::HashSet::new();
    if sources.builtin {
        for (name, text) in BUILTIN {
            library.add(parse(text.as_bytes(), Origin::BuiltIn((*name).to_string())));
        }
    }
    if let Some(dir) = &sources.user_dir
        && dir.is_dir()
    {
        load_path(&mut library, &mut seen, dir);
    }
    for path in &sources.extra {
        load_path(&mut library, &mut seen, path);
    }
    library
}

/// Loads one file, or every `*.toml` below a folder (sorted, hidden files skipped).
/// `seen` holds the files already read, so a file named twice (directly, or through
/// a folder) loads once instead of clashing with itself.
fn load_path(library: &mut Library, seen: &mut std::collections::HashSet<PathBuf>, path: &Path) {
    let mut first_time =
        |file: &Path| seen.insert(file.canonicalize().unwrap_or_else(|_| file.to_path_buf()));
    let file_problem = |message: String| Problem {
        file: path.display().to_string(),
        position: None,
        severity: Severity::Error,
        message,
    };
    let meta = match std::fs::metadata(path) {
        Ok(meta) => meta,
        Err(err) => {
            library
                .problems
                .push(file_problem(format!("cannot read: {}", io_reason(&err))));
            return;
        }
    };
    if meta.is_file() {
        if first_time(path) {
            library.add(read_and_parse(path));
        }
        return;
    }
    if !meta.is_dir() {
        let what = crate::journal::kind_of(meta.file_type());
        library
            .problems
            .push(file_problem(not_a_file_message(what)));
        return;
    }
    let files = toml_files_below(path, &mut library.problems);
    for file in files.iter().filter(|f| first_time(f)) {
        library.add(read_and_parse(file));
    }
}

/// A file over [`MAX_FILE_BYTES`], however its size was learnt.
fn too_large_message(size: u64) -> String {
    format!(
        "the file is {} KiB, larger than the 256 KiB a scenario may be; shorten it or split it into several exercises",
        size.div_ceil(1024)
    )
}

/// "it is a named pipe, not a scenario file; two-worlds skipped it"
fn not_a_file_message(what: &str) -> String {
    format!("it is {what}, not a scenario file; two-worlds skipped it")
}

/// Every `*.toml` regular file below `dir`, sorted. Links are followed, but each
/// folder is entered once, however many names lead to it, so links that loop
/// back (`a -> .`) cannot make the walk go on forever. A `*.toml` that is not a
/// regular file (a named pipe, a device) is never opened: it becomes a problem
/// with its path, as does a folder that cannot be read.
fn toml_files_below(dir: &Path, problems: &mut Vec<Problem>) -> Vec<PathBuf> {
    use std::os::unix::fs::MetadataExt as _;
    let problem = |path: &Path, severity, message: String| Problem {
        file: path.display().to_string(),
        position: None,
        severity,
        message,
    };
    let mut found = Vec::new();
    let mut visited = std::collections::HashSet::new();
    if let Ok(meta) = std::fs::metadata(dir) {
        visited.insert((meta.dev(), meta.ino()));
    }
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        let items = match std::fs::read_dir(&dir) {
            Ok(items) => items,
            Err(err) => {
                problems.push(problem(
                    &dir,
                    Severity::Error,
                    format!("cannot read the folder: {}", io_reason(&err)),
                ));
                continue;
            }
        };
        // Sorted, so which name of a linked folder is used does not depend on
        // the file system's order.
        let mut items: Vec<_> = items.flatten().collect();
        items.sort_by_key(|item| item.file_name());
        let mut subfolders = Vec::new();
        for item in items {
            let path = item.path();
            let name = item.file_name();
            if name.as_encoded_bytes().starts_with(b".") {
                continue;
            }
            let is_toml = path.extension().is_some_and(|ext| ext == "toml");
            let Ok(own_type) = item.file_type() else {
                continue;
            };
            let meta = if own_type.is_symlink() {
                std::fs::metadata(&path)
            } else {
                item.metadata()
            };
            let meta = match meta {
                Ok(meta) => meta,
                Err(err) => {
                    if is_toml {
                        problems.push(problem(
                            &path,
                            Severity::Error,
                            format!("cannot read: {}", io_reason(&err)),
                        ));
                    }
                    continue;
                }
            };
            if meta.is_dir() {
                if visited.insert((meta.dev(), meta.ino())) {
                    subfolders.push(path);
                } else {
                    problems.push(problem(
                        &path,
                        Severity::Note,
                        "skipped: a link to a folder already read".into(),
                    ));
                }
            } else if is_toml && meta.is_file() {
                found.push(path);
            } else if is_toml {
                let what = crate::journal::kind_of(meta.file_type());
                problems.push(problem(&path, Severity::Error, not_a_file_message(what)));
            }
        }
        // Popped in name order.
        pending.extend(subfolders.into_iter().rev());
    }
    found.sort();
    found
}

fn read_and_parse(path: &Path) -> Parsed {
    use crate::journal::ReadError;
    let message = match crate::journal::read_regular(path, MAX_FILE_BYTES as u64) {
        Ok(bytes) => return parse(&bytes, Origin::File(path.to_path_buf())),
        Err(ReadError::TooLarge { size, .. }) => too_large_message(size),
        Err(ReadError::NotAFile { what }) => not_a_file_message(what),
        Err(ReadError::Io(err)) => format!("cannot read: {}", io_reason(&err)),
    };
    Parsed {
        exercise: None,
        id_position: None,
        problems: vec![Problem {
            file: path.display().to_string(),
            position: None,
            severity: Severity::Error,
            message,
        }],
    }
}

/// An I/O error in plain words, without Rust's `(os error N)` noise.
pub fn io_reason(err: &std::io::Error) -> String {
    use std::io::ErrorKind;
    match err.kind() {
        ErrorKind::NotFound => "no such file or folder".into(),
        ErrorKind::PermissionDenied => "permission denied".into(),
        _ => {
            let text = err.to_string();
            match text.find(" (os error") {
                Some(cut) => text[..cut].to_string(),
                None => text,
            }
        }
    }
}

/// The result of parsing one file.
#[derive(Debug)]
pub struct Parsed {
    pub exercise: Option<Exercise>,
    pub problems: Vec<Problem>,
    /// Where the `id` key sits, so a duplicate id can be pointed at.
    id_position: Option<(usize, usize)>,
}

/// Parses one scenario file. Never panics, whatever the bytes.
pub fn parse(bytes: &[u8], origin: Origin) -> Parsed {
    let file = origin.display_path();
    let mut check = Checker {
        file: file.clone(),
        source: "",
        problems: Vec::new(),
    };
    let done = |check: Checker, exercise: Option<Exercise>, id_position| {
        let mut problems = check.problems;
        problems.sort_by_key(|p| (p.position.is_none(), p.position));
        Parsed {
            exercise,
            problems,
            id_position,
        }
    };

    if bytes.len() > MAX_FILE_BYTES {
        check.error(None, too_large_message(bytes.len() as u64));
        return done(check, None, None);
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(err) => {
            let valid = &bytes[..err.valid_up_to()];
            let valid = std::str::from_utf8(valid).unwrap_or_default();
            let position = Some(line_col(valid, valid.len()));
            check.error(
                position,
                "the file is not UTF-8 text; save it with UTF-8 encoding".into(),
            );
            return done(check, None, None);
        }
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        check.error(
            None,
            "the file is empty; a scenario needs at least `title` and `scenario` (`two-worlds new ID` writes a template)".into(),
        );
        return done(check, None, None);
    }
    check.source = text;
    let root = match DeTable::parse(text) {
        Ok(root) => root,
        Err(err) => {
            let position = err.span().map(|span| line_col(text, span.start));
            let reported = check.unsafe_characters(None);
            // A control character TOML refuses is already named, more plainly.
            let refused = |(line, _): (usize, usize)| {
                reported
                    .iter()
                    .any(|&(at, c)| at == line && c.is_ascii_control())
            };
            if !position.is_some_and(refused) {
                check.error(
                    position,
                    format!("TOML syntax: {}", one_line(err.message())),
                );
            }
            return done(check, None, None);
        }
    };
    check.unsafe_characters(Some(root.get_ref()));
    let (exercise, id_position) = check.exercise(root.get_ref(), &origin);
    done(check, exercise, id_position)
}

const TOP_KEYS: &[&str] = &[
    "format",
    "id",
    "title",
    "summary",
    "scenario",
    "tags",
    "partner",
    "own_view",
    "partner_view",
    "reflection",
];
const VIEW_KEYS: &[&str] = &["prompt", "hints"];
const REFLECTION_KEYS: &[&str] = &["questions"];
const PLACEHOLDERS: &[&str] = &["partner"];

/// Walks the parsed document, collecting every problem rather than stopping at the first.
struct Checker<'s> {
    file: String,
    source: &'s str,
    problems: Vec<Problem>,
}

impl Checker<'_> {
    fn push(&mut self, severity: Severity, position: Option<(usize, usize)>, message: String) {
        self.problems.push(Problem {
            file: self.file.clone(),
            position,
            severity,
            message,
        });
    }

    fn error(&mut self, position: Option<(usize, usize)>, message: String) {
        self.push(Severity::Error, position, message);
    }

    fn at(&self, span: Range<usize>) -> Option<(usize, usize)> {
        Some(line_col(self.source, span.start))
    }

    /// Reports keys that are not in `known`, suggesting the nearest valid name.
    fn unknown_keys(&mut self, table: &DeTable<'_>, known: &[&str], table_name: Option<&str>) {
        for key in table.keys() {
            let name: &str = key.get_ref();
            if known.contains(&name) {
                continue;
            }
            let name = crate::safe::line(name);
            let what = match table_name {
                Some(table) => format!("unknown key `{name}` in [{table}]"),
                None => format!("unknown key `{name}`"),
            };
            let hint = match nearest(&name, known) {
                Some(near) => format!("did you mean `{near}`?"),
                None => format!("valid keys are {}", quoted_list(known)),
            };
            self.error(self.at(key.span()), format!("{what}; {hint}"));
        }
    }

    /// A string value, checked for type; `None` when absent or wrong.
    fn string<'v>(
        &mut self,
        table: &'v DeTable<'_>,
        key: &str,
        label: &str,
    ) -> Option<(&'v str, Range<usize>)> {
        let value = table.get(key)?;
        match value.get_ref() {
            DeValue::String(text) => Some((text.as_ref(), value.span())),
            other => {
                self.error(
                    self.at(value.span()),
                    format!("`{label}` must be a string, not {}", a_type(other)),
                );
                None
            }
        }
    }

    /// A required, non-empty string.
    fn required(&mut self, table: &DeTable<'_>, key: &str) -> Option<String> {
        if table.get(key).is_none() {
            self.error(
                None,
                format!("missing required key `{key}`; add a line such as `{key} = \"...\"`"),
            );
            return None;
        }
        let (text, span) = self.string(table, key, key)?;
        if text.trim().is_empty() {
            self.error(
                self.at(span),
                format!("`{key}` is empty; write something here"),
            );
            return None;
        }
        Some(self.text(text, span))
    }

    /// Normalises prose and warns about placeholders that will not be replaced.
    fn text(&mut self, text: &str, span: Range<usize>) -> String {
        for name in placeholder_names(text) {
            if PLACEHOLDERS.contains(&name) {
                continue;
            }
            // Point at the placeholder itself when it can be found in the source.
            let raw = self.source.get(span.clone()).unwrap_or("");
            let offset = raw
                .find(&format!("{{{name}}}"))
                .map_or(span.start, |i| span.start + i);
            let hint = match nearest(name, PLACEHOLDERS) {
                Some(near) => format!("did you mean `{{{near}}}`?"),
                None => "only `{partner}` is replaced".to_string(),
            };
            self.push(
                Severity::Warning,
                Some(line_col(self.source, offset)),
                format!("unknown placeholder `{{{name}}}` will be shown as it is; {hint}"),
            );
        }
        normalise(text)
    }

    fn string_list(&mut self, table: &DeTable<'_>, key: &str, label: &str) -> Option<Vec<String>> {
        let value = table.get(key)?;
        let DeValue::Array(items) = value.get_ref() else {
            self.error(
                self.at(value.span()),
                format!(
                    "`{label}` must be a list of strings such as [\"one\", \"two\"], not {}",
                    a_type(value.get_ref())
                ),
            );
            return None;
        };
        let mut list = Vec::new();
        for item in items.iter() {
            match item.get_ref() {
                DeValue::String(text) if text.trim().is_empty() => {
                    self.error(
                        self.at(item.span()),
                        format!("`{label}` has an empty entry; remove it or write it"),
                    );
                }
                DeValue::String(text) => list.push(self.text(text, item.span())),
                other => self.error(
                    self.at(item.span()),
                    format!(
                        "every entry of `{label}` must be a string, not {}",
                        a_type(other)
                    ),
                ),
            }
        }
        Some(list)
    }

    fn table<'v, 'i>(&mut self, root: &'v DeTable<'i>, key: &str) -> Option<&'v DeTable<'i>> {
        let value = root.get(key)?;
        match value.get_ref() {
            DeValue::Table(table) => Some(table),
            other => {
                self.error(
                    self.at(value.span()),
                    format!(
                        "`{key}` must be a table (a `[{key}]` section), not {}",
                        a_type(other)
                    ),
                );
                None
            }
        }
    }

    fn view(&mut self, root: &DeTable<'_>, key: &str, default: ViewPrompt) -> ViewPrompt {
        let Some(table) = self.table(root, key) else {
            return default;
        };
        self.unknown_keys(table, VIEW_KEYS, Some(key));
        let prompt = self
            .string(table, "prompt", &format!("{key}.prompt"))
            .and_then(|(text, span)| {
                if text.trim().is_empty() {
                    self.error(
                        self.at(span),
                        format!("`{key}.prompt` is empty; write a prompt or remove the line"),
                    );
                    None
                } else {
                    Some(self.text(text, span))
                }
            });
        let hints = self.string_list(table, "hints", &format!("{key}.hints"));
        ViewPrompt {
            prompt: prompt.unwrap_or(default.prompt),
            hints: hints.unwrap_or(default.hints),
        }
    }

    fn exercise(
        &mut self,
        root: &DeTable<'_>,
        origin: &Origin,
    ) -> (Option<Exercise>, Option<(usize, usize)>) {
        self.unknown_keys(root, TOP_KEYS, None);

        if let Some(value) = root.get("format") {
            match value.get_ref() {
                DeValue::Integer(number) => {
                    let version = number.as_str().replace('_', "").parse::<i64>().ok();
                    match version {
                        Some(FORMAT_VERSION) => {}
                        Some(v) if v > FORMAT_VERSION => self.error(
                            self.at(value.span()),
                            format!(
                                "format {v} is newer than this two-worlds understands (it reads format {FORMAT_VERSION}); update two-worlds"
                            ),
                        ),
                        _ => self.error(
                            self.at(value.span()),
                            format!("`format` must be {FORMAT_VERSION}"),
                        ),
                    }
                }
                other => self.error(
                    self.at(value.span()),
                    format!(
                        "`format` must be a whole number ({FORMAT_VERSION}), not {}",
                        a_type(other)
                    ),
                ),
            }
        }

        let title = self.required(root, "title");
        let scenario = self.required(root, "scenario");

        let id_position = root.get("id").and_then(|v| self.at(v.span()));
        let id = match self.string(root, "id", "id") {
            Some((id, span)) => match id_problem(id) {
                None => Some(id.to_string()),
                Some(why) => {
                    self.error(
                        self.at(span),
                        format!(
                            "`id` \"{}\" {why}; for example `id = \"{}\"`",
                            crate::safe::line(id),
                            slug(id)
                        ),
                    );
                    None
                }
            },
            None if root.contains_key("id") => None,
            None => {
                let stem = match origin {
                    Origin::BuiltIn(name) => Path::new(name).file_stem(),
                    Origin::File(path) => path.file_stem(),
                }
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
                match id_problem(&stem) {
                    None => Some(stem),
                    Some(_) => {
                        self.error(
                            None,
                            format!(
                                "the file name \"{}\" cannot be an id (lowercase letters, digits and dashes); add `id = \"{}\"` or rename the file",
                                crate::safe::line(&stem),
                                slug(&stem)
                            ),
                        );
                        None
                    }
                }
            }
        };

        let summary = self
            .string(root, "summary", "summary")
            .map(|(text, span)| self.text(text, span));
        let tags = self.string_list(root, "tags", "tags").unwrap_or_default();
        let partner = match self.string(root, "partner", "partner") {
            Some((name, span)) if name.trim().is_empty() => {
                self.error(
                    self.at(span),
                    "`partner` is empty; write a name or remove the line".into(),
                );
                None
            }
            Some((name, span)) if name.contains('{') => {
                self.error(
                    self.at(span),
                    "`partner` cannot contain a placeholder".into(),
                );
                None
            }
            Some((name, _)) => Some(name.trim().to_string()),
            None => None,
        };
        let own_view = self.view(root, "own_view", default_own_view());
        let partner_view = self.view(root, "partner_view", default_partner_view());
        let reflection = match self.table(root, "reflection") {
            Some(table) => {
                self.unknown_keys(table, REFLECTION_KEYS, Some("reflection"));
                self.string_list(table, "questions", "reflection.questions")
            }
            None => None,
        }
        .filter(|q| !q.is_empty())
        .unwrap_or_else(default_questions);

        let has_errors = self.problems.iter().any(|p| p.severity == Severity::Error);
        let (Some(title), Some(scenario), Some(id)) = (title, scenario, id) else {
            return (None, id_position);
        };
        if has_errors {
            return (None, id_position);
        }
        let partner = partner.unwrap_or_else(|| DEFAULT_PARTNER.to_string());
        let fill = |text: &str| fill_partner(text, &partner);
        let fill_view = |view: ViewPrompt| ViewPrompt {
            prompt: fill(&view.prompt),
            hints: view.hints.iter().map(|h| fill(h)).collect(),
        };
        let exercise = Exercise {
            id,
            summary: summary
                .map(|s| fill(&s))
                .unwrap_or_else(|| first_sentence(&fill(&scenario))),
            title: fill(&title),
            scenario: fill(&scenario),
            tags,
            own_view: fill_view(own_view),
            partner_view: fill_view(partner_view),
            reflection: reflection.iter().map(|q| fill(q)).collect(),
            origin: origin.clone(),
            partner,
        };
        (Some(exercise), id_position)
    }
}

/// A string in the source: what it is called in messages, where it stands,
/// and the text TOML read from it.
struct Site<'t> {
    subject: String,
    span: Range<usize>,
    value: &'t str,
}

impl Checker<'_> {
    /// Reports every character that cannot be shown safely (see
    /// [`crate::safe::find_unsafe`]): raw ones anywhere in the file, comments
    /// included, and those written as escapes (`\u001b`, `\e`, `\x9b`) in any
    /// string or quoted key, at the escape itself. Isolates are reported when
    /// they are not balanced within a line of the text TOML reads.
    /// Returns the line of each character reported, with the character.
    fn unsafe_characters(&mut self, root: Option<&DeTable<'_>>) -> Vec<(usize, char)> {
        let mut sites = Vec::new();
        if let Some(root) = root {
            collect_sites(root, "", &mut sites);
        }
        let mut found: Vec<(usize, char, String)> = Vec::new();
        let site_at = |offset: usize| {
            sites
                .iter()
                .find(|site: &&Site<'_>| site.span.contains(&offset))
        };
        // Raw characters: never valid in any part of a scenario file.
        for (at, c) in crate::safe::find_unsafe(self.source) {
            if crate::safe::is_isolate(c) {
                continue;
            }
            let what = match site_at(at) {
                Some(site) => format!("{} holds {}", site.subject, crate::safe::describe(c)),
                None => format!("the file holds {} here", crate::safe::describe(c)),
            };
            found.push((
                at,
                c,
                format!("{what}, which cannot be shown safely; {}", fix(c)),
            ));
        }
        // Escapes, and isolates wherever they come from, in the text as TOML reads it.
        for site in &sites {
            let unsafe_here = crate::safe::find_unsafe(site.value);
            if unsafe_here.is_empty() {
                continue;
            }
            let raw = self.source.get(site.span.clone()).unwrap_or_default();
            let decoded = decode_toml_string(raw)
                .filter(|chars| chars.iter().map(|d| d.c).eq(site.value.chars()));
            let offsets: Vec<usize> = site.value.char_indices().map(|(at, _)| at).collect();
            for (at, c) in unsafe_here {
                let index = offsets.binary_search(&at).unwrap_or_default();
                let described = crate::safe::describe(c);
                let (offset, what) = match decoded.as_ref().and_then(|d| d.get(index)) {
                    Some(d) if d.escaped => (
                        site.span.start + d.at,
                        format!(
                            "{} holds {described}, written `{}`",
                            site.subject,
                            &raw[d.at..d.at + d.len]
                        ),
                    ),
                    // Raw: reported above, unless it is an isolate.
                    Some(_) if !crate::safe::is_isolate(c) => continue,
                    Some(d) => (
                        site.span.start + d.at,
                        format!("{} holds {described}", site.subject),
                    ),
                    // The text could not be followed back to the source.
                    None => (
                        site.span.start,
                        format!("{} holds {described}", site.subject),
                    ),
                };
                found.push((
                    offset,
                    c,
                    format!("{what}, which cannot be shown safely; {}", fix(c)),
                ));
            }
        }
        found.sort();
        let mut lines = Vec::new();
        for (offset, c, message) in found {
            let position = line_col(self.source, offset);
            lines.push((position.0, c));
            self.error(Some(position), message);
        }
        lines
    }
}

/// What to do about a character that cannot be shown.
fn fix(c: char) -> &'static str {
    match c {
        '\u{2066}'..='\u{2068}' => "close it with U+2069 on the same line, or remove it",
        '\u{2069}' => "remove it, or open an isolate before it on the same line",
        _ => "remove it",
    }
}

/// Every string value and every quoted key below `table`, named by its path.
fn collect_sites<'t>(table: &'t DeTable<'_>, path: &str, sites: &mut Vec<Site<'t>>) {
    for (key, value) in table.iter() {
        let name: &str = key.get_ref();
        let label = if path.is_empty() {
            name.to_string()
        } else {
            format!("{path}.{name}")
        };
        sites.push(Site {
            subject: "a key name".into(),
            span: key.span(),
            value: name,
        });
        collect_value_sites(value, &label, sites);
    }
}

fn collect_value_sites<'t>(
    value: &'t toml::Spanned<DeValue<'_>>,
    label: &str,
    sites: &mut Vec<Site<'t>>,
) {
    match value.get_ref() {
        DeValue::String(text) => sites.push(Site {
            subject: format!("`{}`", crate::safe::line(label)),
            span: value.span(),
            value: text.as_ref(),
        }),
        DeValue::Array(items) => {
            for item in items.iter() {
                collect_value_sites(item, label, sites);
            }
        }
        DeValue::Table(table) => collect_sites(table, label, sites),
        _ => {}
    }
}

/// One character of a TOML string as it reads, and where it was written:
/// its byte offset in the source of the string, the length of what was
/// written there, and whether that was an escape.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Decoded {
    c: char,
    at: usize,
    len: usize,
    escaped: bool,
}

/// Reads a TOML string (or key) from its source, quotes included, keeping
/// where each character came from. `None` when it is not a string TOML would
/// accept; the caller also checks the result against what TOML read.
fn decode_toml_string(raw: &str) -> Option<Vec<Decoded>> {
    let strip_newline = |start: usize| {
        if raw[start..].starts_with('\n') {
            start + 1
        } else if raw[start..].starts_with("\r\n") {
            start + 2
        } else {
            start
        }
    };
    let (start, end, escapes) = if raw.len() >= 6 && raw.starts_with("'''") {
        (strip_newline(3), raw.len() - 3, false)
    } else if raw.len() >= 6 && raw.starts_with("\"\"\"") {
        (strip_newline(3), raw.len() - 3, true)
    } else if raw.len() >= 2 && raw.starts_with('\'') {
        (1, raw.len() - 1, false)
    } else if raw.len() >= 2 && raw.starts_with('"') {
        (1, raw.len() - 1, true)
    } else {
        // A bare key: read as written.
        (0, raw.len(), false)
    };
    let body = raw.get(start..end.max(start))?;
    let mut out = Vec::with_capacity(body.len());
    let mut chars = body.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let at = start + i;
        if c != '\\' || !escapes {
            out.push(Decoded {
                c,
                at,
                len: c.len_utf8(),
                escaped: false,
            });
            continue;
        }
        let (_, kind) = chars.next()?;
        let simple = match kind {
            'b' => Some('\u{8}'),
            'e' => Some('\u{1b}'),
            'f' => Some('\u{c}'),
            'n' => Some('\n'),
            'r' => Some('\r'),
            't' => Some('\t'),
            '\\' => Some('\\'),
            '"' => Some('"'),
            _ => None,
        };
        if let Some(decoded) = simple {
            out.push(Decoded {
                c: decoded,
                at,
                len: 2,
                escaped: true,
            });
            continue;
        }
        let digits = match kind {
            'x' => 2,
            'u' => 4,
            'U' => 8,
            ' ' | '\t' | '\r' | '\n' => {
                // A line-ending backslash: the whitespace up to the next text goes.
                while chars
                    .peek()
                    .is_some_and(|&(_, c)| matches!(c, ' ' | '\t' | '\r' | '\n'))
                {
                    chars.next();
                }
                continue;
            }
            _ => return None,
        };
        let hex = body.get(i + 2..i + 2 + digits)?;
        let decoded = u32::from_str_radix(hex, 16).ok().and_then(char::from_u32)?;
        for _ in 0..digits {
            chars.next();
        }
        out.push(Decoded {
            c: decoded,
            at,
            len: 2 + digits,
            escaped: true,
        });
    }
    Some(out)
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

fn default_own_view() -> ViewPrompt {
    ViewPrompt {
        prompt: "Tell what happened as you lived it. Write as \"I\": what you saw, what you felt, what you needed.".into(),
        hints: vec![
            "What were you hoping for just before it went wrong?".into(),
            "What did you feel in your body in that moment?".into(),
            "What did you need from {partner} and not get?".into(),
        ],
    }
}

fn default_partner_view() -> ViewPrompt {
    ViewPrompt {
        prompt: "Now tell the same moment as {partner} lived it, in {partner}'s voice. Write as \"I\", as if you were {partner}.".into(),
        hints: vec![
            "What had {partner}'s day been like before this?".into(),
            "What might {partner} have been afraid of?".into(),
            "What did your words or silence look like from where {partner} stood?".into(),
            "What did {partner} need from you?".into(),
        ],
    }
}

fn default_questions() -> Vec<String> {
    vec![
        "What surprised you when you wrote {partner}'s side?".into(),
        "What is one thing {partner} might need from you that you had not seen before?".into(),
        "Who do you want to be the next time this happens, so that you add something good between you?".into(),
    ]
}

/// Replaces `{partner}`; at the start of a sentence a lowercase label is capitalised
/// ("your partner" → "Your partner").
pub fn fill_partner(text: &str, partner: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("{partner}") {
        out.push_str(&rest[..at]);
        let before = out.trim_end_matches([' ', '"', '\'', '“', '‘', '(']);
        let sentence_start = before.is_empty() || before.ends_with(['.', '!', '?', '\n', ':']);
        if sentence_start {
            let mut chars = partner.chars();
            if let Some(first) = chars.next() {
                out.extend(first.to_uppercase());
                out.push_str(chars.as_str());
            }
        } else {
            out.push_str(partner);
        }
        rest = &rest[at + "{partner}".len()..];
    }
    out.push_str(rest);
    out
}

/// Every `{word}` in a text (letters, digits, `_` and `-` only, so prose braces are left alone).
fn placeholder_names(text: &str) -> Vec<&str> {
    let mut names = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        rest = &rest[open + 1..];
        if let Some(close) = rest.find('}') {
            let name = &rest[..close];
            if !name.is_empty()
                && name.len() <= 32
                && name
                    .chars()
                    .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
            {
                names.push(name);
            }
        }
    }
    names
}

/// CRLF and lone CR become LF, tabs become spaces to the next tab stop (so they can never
/// vanish on screen), trailing spaces go, and blank lines around the text are trimmed.
pub fn normalise(text: &str) -> String {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut out = String::with_capacity(text.len());
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(&crate::text::expand_tabs(line.trim_end()));
    }
    out.trim_matches('\n').to_string()
}

/// The first sentence of a text, cut to fit one line of the library.
fn first_sentence(text: &str) -> String {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let end = flat
        .char_indices()
        .find(|&(i, c)| matches!(c, '.' | '!' | '?') && flat[i + c.len_utf8()..].starts_with(' '))
        .map_or(flat.len(), |(i, c)| i + c.len_utf8());
    let sentence = &flat[..end];
    if sentence.chars().count() <= SUMMARY_MAX_CHARS {
        return sentence.to_string();
    }
    let cut: String = sentence.chars().take(SUMMARY_MAX_CHARS - 1).collect();
    let cut = match cut.rfind(' ') {
        Some(space) if space > SUMMARY_MAX_CHARS / 2 => &cut[..space],
        _ => &cut,
    };
    format!("{}…", cut.trim_end_matches([',', ';', ':', ' ']))
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

fn one_line(message: &str) -> String {
    message.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn a_type(value: &DeValue<'_>) -> &'static str {
    match value {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "a number",
        DeValue::Float(_) => "a number",
        DeValue::Boolean(_) => "true/false",
        DeValue::Datetime(_) => "a date",
        DeValue::Array(_) => "a list",
        DeValue::Table(_) => "a table",
    }
}

fn quoted_list(names: &[&str]) -> String {
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The known name closest to a misspelt one, if it is close enough to be a typo.
fn nearest<'k>(name: &str, known: &[&'k str]) -> Option<&'k str> {
    let name = name.to_lowercase();
    known
        .iter()
        .map(|k| (edit_distance(&name, k), *k))
        .filter(|&(d, k)| d <= 2.max(k.len() / 3))
        .min_by_key(|&(d, _)| d)
        .map(|(_, k)| k)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let next = (previous + usize::from(ca != *cb))
                .min(row[j] + 1)
                .min(row[j + 1] + 1);
            previous = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()]
}
