//! Reading a lexicon file, the built-in one or the user's `lexicon.toml`, with every
//! problem named by its file, line and column and what to do about it. A problem
//! never stops the program: with any error, the built-in lexicon is used alone.

use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;

use toml::de::{DeTable, DeValue};

use super::WordKind;
use super::lexicon::{
    Entry, EntryText, LEXICON_FORMAT, Lexicon, Lists, MAX_ENTRY_WORDS, MAX_LEXICON_BYTES, forms_of,
    primary_language,
};
use crate::exercise::{Problem, Severity, a_type, nearest, quoted_list};
use crate::files::{ReadError, read_regular};
use crate::format::{Version, whole_number};
use crate::text_position::line_col;

const TOP_KEYS: &[&str] = &[
    "format",
    "language",
    "mode",
    "feelings",
    "needs",
    "absolutes",
    "except",
    "voice",
];
const LIST_KEYS: &[&str] = &["words"];
const VOICE_KEYS: &[&str] = &["first_person", "third_person"];
const MODES: &[&str] = &["extend", "replace"];
const USING_BUILTIN: &str =
    "two-worlds uses its built-in word lists alone until the errors here are fixed";

/// What reading one lexicon file gave.
pub(super) struct Read {
    /// `None` when the file has an error.
    pub(super) lexicon: Option<Lexicon>,
    pub(super) problems: Vec<Problem>,
}

/// The lexicon for the user's file at `path`: see [`Lexicon::load`].
pub(super) fn load(path: &Path) -> (Lexicon, Vec<Problem>) {
    let file = path.display().to_string();
    let read = match read_regular(path, MAX_LEXICON_BYTES) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => return user_file(&text, &file),
            Err(err) => {
                let valid = &err.as_bytes()[..err.utf8_error().valid_up_to()];
                let valid = std::str::from_utf8(valid).unwrap_or_default();
                let position = line_col(valid, valid.len());
                failed(
                    &file,
                    Some(position),
                    "the file is not UTF-8 text; save it with UTF-8 encoding",
                )
            }
        },
        Err(ReadError::Io(err))
            if matches!(
                err.kind(),
                std::io::ErrorKind::NotFound | std::io::ErrorKind::NotADirectory
            ) =>
        {
            return (Lexicon::builtin(), Vec::new());
        }
        Err(err) => failed(&file, None, &err.to_string()),
    };
    or_builtin(read, file)
}

/// The text of a user's lexicon file: see [`Lexicon::read`].
pub(super) fn user_file(text: &str, file: &str) -> (Lexicon, Vec<Problem>) {
    or_builtin(
        read(text, file, Some(&Lexicon::builtin())),
        file.to_string(),
    )
}

/// The lexicon read, or with an error the built-in, and a note that says so.
fn or_builtin(read: Read, file: String) -> (Lexicon, Vec<Problem>) {
    let mut problems = read.problems;
    match read.lexicon {
        Some(lexicon) => (lexicon, problems),
        None => {
            problems.push(Problem {
                file,
                position: None,
                severity: Severity::Note,
                message: USING_BUILTIN.into(),
            });
            (Lexicon::builtin(), problems)
        }
    }
}

fn failed(file: &str, position: Option<(usize, usize)>, message: &str) -> Read {
    let problem = Problem {
        file: file.to_string(),
        position,
        severity: Severity::Error,
        message: message.to_string(),
    };
    Read {
        lexicon: None,
        problems: vec![problem],
    }
}

/// Reads a lexicon file's text. With `base`, a file in `extend` mode adds to it.
pub(super) fn read(text: &str, file: &str, base: Option<&Lexicon>) -> Read {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = Reader {
        file: file.to_string(),
        source: text,
        problems: Vec::new(),
        seen: HashMap::new(),
    };
    let lexicon = match DeTable::parse(text) {
        Ok(root) => reader.lexicon(root.get_ref(), base),
        Err(err) => {
            let message = format!("TOML syntax: {}", crate::safe::one_line(err.message()));
            reader.report(Severity::Error, err.span().as_ref(), message);
            None
        }
    };
    let mut problems = reader.problems;
    problems.sort_by_key(|p| (p.position.is_none(), p.position));
    let has_error = problems.iter().any(|p| p.severity == Severity::Error);
    Read {
        lexicon: lexicon.filter(|_| !has_error),
        problems,
    }
}

/// Which entries may not repeat one another: a feeling may not also be a need, but an
/// [except] phrase or a voice word lives apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Space {
    Words,
    Except,
    Voice,
}

/// Where a form was first listed.
struct Earlier {
    section: &'static str,
    shown: String,
    built_in: bool,
}

/// One list of a lexicon file, and how its entries are read.
#[derive(Debug, Clone, Copy)]
struct List {
    section: &'static str,
    key: &'static str,
    space: Space,
    /// Single words are also found with English endings.
    english: bool,
}

impl List {
    /// The `words` of [feelings], [needs], [absolutes] or [except]; only the first
    /// three get English endings.
    fn words(section: &'static str, space: Space, english: bool) -> List {
        List {
            section,
            key: "words",
            space,
            english: english && space == Space::Words,
        }
    }

    /// `first_person` or `third_person` in [voice].
    fn voice(key: &'static str) -> List {
        List {
            section: "voice",
            key,
            space: Space::Voice,
            english: false,
        }
    }

    /// How messages name it: `feelings.words`, `voice.first_person`.
    fn label(&self) -> String {
        format!("{}.{}", self.section, self.key)
    }
}

struct Reader<'s> {
    file: String,
    source: &'s str,
    problems: Vec<Problem>,
    /// Every form listed so far, for the warnings about repeated words.
    seen: HashMap<(Space, String), Earlier>,
}

impl Reader<'_> {
    /// A problem at the start of `span` in the file (`None`: the whole file).
    fn report(&mut self, severity: Severity, span: Option<&Range<usize>>, message: String) {
        let position = span.map(|span| line_col(self.source, span.start));
        self.problems.push(Problem {
            file: self.file.clone(),
            position,
            severity,
            message,
        });
    }

    fn error(&mut self, span: Range<usize>, message: String) {
        self.report(Severity::Error, Some(&span), message);
    }

    fn lexicon(&mut self, root: &DeTable<'_>, base: Option<&Lexicon>) -> Option<Lexicon> {
        self.unknown_keys(root, TOP_KEYS, None);
        self.format(root);
        let language = self.language(root);
        let extend = self.mode(root) && base.is_some();
        let base = base.filter(|_| extend);
        if let (Some(base), Some((language, span))) = (base, &language)
            && primary_language(language) != primary_language(base.language())
        {
            self.error(
                span.clone(),
                format!(
                    "`language` is \"{language}\", but the built-in word lists it would extend are \"{}\"; add `mode = \"replace\"` to use only this file's lists",
                    base.language()
                ),
            );
        }
        let english = language
            .as_ref()
            .is_none_or(|(language, _)| primary_language(language) == "en");
        let mut lists = match base {
            Some(base) => {
                self.remember(base.lists(), english);
                base.lists().clone()
            }
            None => Lists::default(),
        };
        let left_out = self.sections(root, &mut lists, english);
        if base.is_none() && !left_out.is_empty() {
            let sections: Vec<String> = left_out.iter().map(|s| format!("[{s}]")).collect();
            self.report(
                Severity::Note,
                None,
                format!(
                    "with `mode = \"replace\"`, what this file leaves out stays empty: {}",
                    sections.join(", ")
                ),
            );
        }
        let (language, _) = language?;
        Some(Lexicon::new(language, lists))
    }

    /// Adds the entries of every list in the file to `lists`; says which of the lists
    /// that matter (all but [except]) the file leaves out.
    fn sections(
        &mut self,
        root: &DeTable<'_>,
        lists: &mut Lists,
        english: bool,
    ) -> Vec<&'static str> {
        let mut left_out = Vec::new();
        for (section, space) in [
            ("feelings", Space::Words),
            ("needs", Space::Words),
            ("absolutes", Space::Words),
            ("except", Space::Except),
        ] {
            let Some(table) = self.table(root, section) else {
                if space == Space::Words {
                    left_out.push(section);
                }
                continue;
            };
            self.unknown_keys(table, LIST_KEYS, Some(section));
            let entries = self.entries(table, List::words(section, space, english));
            let list = match section {
                "feelings" => &mut lists.feelings,
                "needs" => &mut lists.needs,
                "absolutes" => &mut lists.absolutes,
                _ => &mut lists.except,
            };
            list.extend(entries);
        }
        match self.table(root, "voice") {
            Some(table) => {
                self.unknown_keys(table, VOICE_KEYS, Some("voice"));
                let first = self.entries(table, List::voice("first_person"));
                lists.first_person.extend(first);
                let third = self.entries(table, List::voice("third_person"));
                lists.third_person.extend(third);
            }
            None => left_out.push("voice"),
        }
        left_out
    }

    /// Reports keys that are not in `known`, suggesting the nearest valid name.
    fn unknown_keys(&mut self, table: &DeTable<'_>, known: &[&str], section: Option<&str>) {
        for key in table.keys() {
            let name: &str = key.get_ref();
            if known.contains(&name) {
                continue;
            }
            let what = match section {
                Some(section) => format!("unknown key `{name}` in [{section}]"),
                None => format!("unknown key `{name}`"),
            };
            let hint = match nearest(name, known) {
                Some(near) => format!("did you mean `{near}`?"),
                None => format!("valid keys are {}", quoted_list(known)),
            };
            self.error(key.span(), format!("{what}; {hint}"));
        }
    }

    /// `format`, when given, must be one this two-worlds reads.
    fn format(&mut self, root: &DeTable<'_>) {
        let Some(value) = root.get("format") else {
            return;
        };
        let current = LEXICON_FORMAT.current;
        let number = value.get_ref().as_integer().map(whole_number);
        let message = match number.map(|n| LEXICON_FORMAT.check(n)) {
            Some(Version::Readable(_)) => return,
            Some(Version::Newer(v)) => format!(
                "format {v} needs a newer two-worlds (this one reads {}); update two-worlds to use this file",
                LEXICON_FORMAT.readable()
            ),
            Some(Version::Invalid) => format!("`format` must be {current}"),
            None => format!(
                "`format` must be a whole number ({current}), not {}",
                a_type(value.get_ref())
            ),
        };
        self.error(value.span(), message);
    }

    /// The required `language`, such as "en" or "pt-BR", and where it is.
    fn language(&mut self, root: &DeTable<'_>) -> Option<(String, Range<usize>)> {
        let Some(value) = root.get("language") else {
            self.report(
                Severity::Error,
                None,
                "missing required key `language`; add a line such as `language = \"en\"` at the top".into(),
            );
            return None;
        };
        let valid = |tag: &str| {
            (1..=35).contains(&tag.len())
                && tag.starts_with(|c: char| c.is_ascii_alphabetic())
                && tag.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        };
        match value.get_ref() {
            DeValue::String(tag) if valid(tag) => Some((tag.to_string(), value.span())),
            DeValue::String(tag) => {
                self.error(
                    value.span(),
                    format!(
                        "`language` must name a language such as \"en\" or \"pt-BR\", not \"{tag}\""
                    ),
                );
                None
            }
            other => {
                self.error(
                    value.span(),
                    format!(
                        "`language` must be a string such as \"en\", not {}",
                        a_type(other)
                    ),
                );
                None
            }
        }
    }

    /// Whether the file extends the built-in lists (the default) rather than replacing them.
    fn mode(&mut self, root: &DeTable<'_>) -> bool {
        let Some(value) = root.get("mode") else {
            return true;
        };
        let mode = value.get_ref().as_str();
        match mode {
            Some("extend") => return true,
            Some("replace") => return false,
            _ => {}
        }
        let what = match mode {
            Some(mode) => format!("not \"{mode}\""),
            None => format!("not {}", a_type(value.get_ref())),
        };
        let hint = match mode.and_then(|mode| nearest(mode, MODES)) {
            Some(near) => format!("; did you mean \"{near}\"?"),
            None => String::new(),
        };
        self.error(
            value.span(),
            format!(
                "`mode` must be \"extend\" (add to the built-in lists) or \"replace\" (use only this file's lists), {what}{hint}"
            ),
        );
        true
    }

    fn table<'v, 'i>(&mut self, root: &'v DeTable<'i>, key: &str) -> Option<&'v DeTable<'i>> {
        let value = root.get(key)?;
        match value.get_ref() {
            DeValue::Table(table) => Some(table),
            other => {
                let message = format!(
                    "`{key}` must be a table (a `[{key}]` section), not {}",
                    a_type(other)
                );
                self.error(value.span(), message);
                None
            }
        }
    }

    /// The entries of one list, each checked; entries that cannot be used are left out
    /// with a problem that says why.
    fn entries(&mut self, table: &DeTable<'_>, list: List) -> Vec<Entry> {
        let label = list.label();
        let Some(value) = table.get(list.key) else {
            return Vec::new();
        };
        let DeValue::Array(items) = value.get_ref() else {
            let message = format!(
                "`{label}` must be a list of words such as [\"tired\", \"left out\"], not {}",
                a_type(value.get_ref())
            );
            self.error(value.span(), message);
            return Vec::new();
        };
        let mut entries = Vec::new();
        for item in items.iter() {
            match item.get_ref() {
                DeValue::String(text) => entries.extend(self.entry(text, item.span(), list)),
                other => {
                    let message = format!(
                        "every entry of `{label}` must be a string, not {}",
                        a_type(other)
                    );
                    self.error(item.span(), message);
                }
            }
        }
        entries
    }

    /// One entry, checked: `None` (with a problem) when it cannot be used.
    fn entry(&mut self, text: &str, span: Range<usize>, list: List) -> Option<Entry> {
        let label = list.label();
        if text.trim().is_empty() {
            self.error(
                span,
                format!("`{label}` has an empty entry; remove it or write a word"),
            );
            return None;
        }
        if let Some(c) = text
            .chars()
            .find(|&c| !crate::safe::can_be_typed(c) || crate::safe::is_isolate(c))
        {
            let what = if crate::safe::is_isolate(c) {
                format!("U+{:04X} (a text-direction isolate)", u32::from(c))
            } else {
                crate::safe::describe(c)
            };
            self.error(
                span,
                format!("an entry of `{label}` holds {what}; remove that character"),
            );
            return None;
        }
        let read = EntryText::read(text);
        let Some(entry) = read.entry else {
            self.report(
                Severity::Warning,
                Some(&span),
                format!("`{text}` in `{label}` has no letter or digit, so it can never be found; remove it"),
            );
            return None;
        };
        if entry.words.len() > MAX_ENTRY_WORDS {
            self.report(
                Severity::Warning,
                Some(&span),
                format!("`{text}` in `{label}` is longer than {MAX_ENTRY_WORDS} words and is left out; an entry is a word or a short phrase"),
            );
            return None;
        }
        if read.stray_punctuation {
            self.report(
                Severity::Warning,
                Some(&span),
                format!(
                    "the punctuation in `{text}` is not part of a word and is left out: it is found as `{}`",
                    entry.shown
                ),
            );
        }
        let key = (list.space, entry.words.join(" "));
        if let Some(earlier) = self.seen.get(&key) {
            let whose = if earlier.built_in {
                "the built-in "
            } else {
                ""
            };
            let message = if earlier.shown != entry.shown {
                format!(
                    "`{}` is already found as a form of `{}` in {whose}[{}]; remove it here",
                    entry.shown, earlier.shown, earlier.section
                )
            } else if earlier.section == list.section && !earlier.built_in {
                format!(
                    "`{}` is listed twice in [{}]; remove one",
                    entry.shown, list.section
                )
            } else {
                format!(
                    "`{}` is already in {whose}[{}]; remove it here",
                    entry.shown, earlier.section
                )
            };
            self.report(Severity::Warning, Some(&span), message);
            return None;
        }
        self.note_forms(&entry, list, false);
        Some(entry)
    }

    /// Remembers every form of `entry`, so that a later entry repeating one is named.
    fn note_forms(&mut self, entry: &Entry, list: List, built_in: bool) {
        for form in forms_of(&entry.words, list.english) {
            self.seen
                .entry((list.space, form.join(" ")))
                .or_insert_with(|| Earlier {
                    section: list.section,
                    shown: entry.shown.clone(),
                    built_in,
                });
        }
    }

    /// Remembers every form of the built-in lists a file extends.
    fn remember(&mut self, lists: &Lists, english: bool) {
        for kind in WordKind::ALL {
            let list = List::words(kind.section(), Space::Words, english);
            for entry in lists.of_kind(kind) {
                self.note_forms(entry, list, true);
            }
        }
        for entry in &lists.except {
            self.note_forms(entry, List::words("except", Space::Except, false), true);
        }
        for entry in lists.first_person.iter().chain(&lists.third_person) {
            self.note_forms(entry, List::voice("first_person"), true);
        }
    }
}
