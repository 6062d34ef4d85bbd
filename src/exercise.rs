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
    pub fn display_path(&self) -> String {
        match self {
            Origin::BuiltIn(name) => format!("exercises/{name}"),
            Origin::File(path) => path.display().to_string(),
        }
    }
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::BuiltIn(_) => f.write_str("built-in"),
            Origin::File(path) => write!(f, "{}", path.display()),
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

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.position {
            Some((line, col)) => write!(
                f,
                "{}:{line}:{col}: {}: {}",
                self.file, self.severity, self.message
            ),
            None => write!(f, "{}: {}: {}", self.file, self.severity, self.message),
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
        Err(ReadError::TooLarge { size, .. }) => format!(
            "the file is {} KiB, larger than the 256 KiB a scenario may be; shorten it or split it into several exercises",
            size.div_ceil(1024)
        ),
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
        check.error(
            None,
            format!(
                "the file is {} KiB, larger than the 256 KiB a scenario may be; shorten it or split it into several exercises",
                bytes.len().div_ceil(1024)
            ),
        );
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
            check.error(
                position,
                format!("TOML syntax: {}", one_line(err.message())),
            );
            return done(check, None, None);
        }
    };
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
            let what = match table_name {
                Some(table) => format!("unknown key `{name}` in [{table}]"),
                None => format!("unknown key `{name}`"),
            };
            let hint = match nearest(name, known) {
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
                        format!("`id` \"{id}\" {why}; for example `id = \"{}\"`", slug(id)),
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
                                "the file name \"{stem}\" cannot be an id (lowercase letters, digits and dashes); add `id = \"{}\"` or rename the file",
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
