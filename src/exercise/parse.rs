//! One scenario file's TOML read into an [`Exercise`], with every problem
//! found on the way.

use std::ops::Range;
use std::path::Path;

use toml::de::{DeTable, DeValue};

use super::load::too_large_message;
use super::{
    DEFAULT_PARTNER, Exercise, MAX_FILE_BYTES, Moment, Origin, Problem, SCENARIO_FORMAT, Severity,
    ViewPrompt, id_problem, slug,
};
use crate::format::{Version, whole_number};
use crate::text::join_paragraphs;
use crate::text_position::line_col;
use crate::wording::capitalised;

/// The longest summary `first_sentence` makes, in characters.
const SUMMARY_MAX_CHARS: usize = 72;

/// The result of parsing one file.
#[derive(Debug, Clone, PartialEq)]
pub struct Parsed {
    pub exercise: Option<Exercise>,
    pub problems: Vec<Problem>,
    /// Where the `id` key sits, so a duplicate id can be pointed at.
    pub(super) id_position: Option<(usize, usize)>,
    /// Where the `mirror` key sits, for the problems about links between mirrors.
    pub(super) mirror_position: Option<(usize, usize)>,
}

/// Parses one scenario file. Never panics, whatever the bytes.
pub fn parse(bytes: &[u8], origin: Origin) -> Parsed {
    let file = origin.display_path();
    let mut check = Checker {
        file: file.clone(),
        source: "",
        problems: Vec::new(),
        mirror_at: None,
    };
    let done = |check: Checker, exercise: Option<Exercise>, id_position| {
        let mut problems = check.problems;
        problems.sort_by_key(|p| (p.position.is_none(), p.position));
        Parsed {
            exercise,
            problems,
            id_position,
            mirror_position: check.mirror_at,
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
            if !position.is_some_and(refused) && !check.unclosed_text() {
                check.error(
                    position,
                    format!("TOML syntax: {}", crate::safe::one_line(err.message())),
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
    "moments",
    "lenses",
    "care",
    "mirror",
];
/// Keys that came with format 2; a format 1 file that uses them gets a note.
const FORMAT_2_KEYS: &[&str] = &["moments", "lenses", "care", "mirror"];
const VIEW_KEYS: &[&str] = &["prompt", "hints"];
const REFLECTION_KEYS: &[&str] = &["questions"];
const PLACEHOLDERS: &[&str] = &["partner"];

/// Walks the parsed document, collecting every problem rather than stopping at the first.
pub(super) struct Checker<'s> {
    file: String,
    pub(super) source: &'s str,
    problems: Vec<Problem>,
    /// Where the `mirror` key is, once read.
    mirror_at: Option<(usize, usize)>,
}

impl Checker<'_> {
    pub(super) fn push(
        &mut self,
        severity: Severity,
        position: Option<(usize, usize)>,
        message: String,
    ) {
        self.problems.push(Problem {
            file: self.file.clone(),
            position,
            severity,
            message,
        });
    }

    pub(super) fn error(&mut self, position: Option<(usize, usize)>, message: String) {
        self.push(Severity::Error, position, message);
    }

    pub(super) fn at(&self, span: Range<usize>) -> Option<(usize, usize)> {
        Some(line_col(self.source, span.start))
    }

    /// Reports keys that are not in `known`, suggesting the nearest valid name.
    pub(super) fn unknown_keys(
        &mut self,
        table: &DeTable<'_>,
        known: &[&str],
        table_name: Option<&str>,
    ) {
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
    pub(super) fn string<'v>(
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

    /// Tidies prose ([`tidy_prose`]) and warns about placeholders that will not be replaced.
    pub(super) fn text(&mut self, text: &str, span: Range<usize>) -> String {
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
        tidy_prose(text)
    }

    pub(super) fn string_list(
        &mut self,
        table: &DeTable<'_>,
        key: &str,
        label: &str,
    ) -> Option<Vec<String>> {
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
        let mut newer = false;
        let mut version = None;
        if let Some(value) = root.get("format") {
            let current = SCENARIO_FORMAT.current;
            match value.get_ref() {
                DeValue::Integer(number) => match SCENARIO_FORMAT.check(whole_number(number)) {
                    Version::Readable(v) => version = Some(v),
                    Version::Newer(v) => {
                        newer = true;
                        self.error(
                            self.at(value.span()),
                            format!(
                                "format {v} needs a newer two-worlds (this one reads {}); update two-worlds",
                                SCENARIO_FORMAT.readable()
                            ),
                        );
                    }
                    Version::Invalid => {
                        self.error(self.at(value.span()), format!("`format` must be {current}"))
                    }
                },
                other => self.error(
                    self.at(value.span()),
                    format!(
                        "`format` must be a whole number ({current}), not {}",
                        a_type(other)
                    ),
                ),
            }
        }

        // Keys this version does not know may be a newer version's: the format's
        // own message says what to do, not one "unknown key" each.
        if !newer {
            self.unknown_keys(root, TOP_KEYS, None);
        }
        if version == Some(1) {
            for key in FORMAT_2_KEYS.iter().filter(|k| root.contains_key(**k)) {
                self.push(
                    Severity::Note,
                    root.get(*key).and_then(|v| self.at(v.span())),
                    format!("`{key}` came with format 2; write `format = 2` at the top"),
                );
            }
        }
        let title = self.required(root, "title");
        let scenario = self.required(root, "scenario");
        let moments = self.moments(root);
        let lenses = self.lenses(root);
        let care = self.care(root);
        let mirror = self.mirror(root).map(|(id, at)| {
            self.mirror_at = Some(at);
            id
        });
        self.template_text(root);

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
                    Origin::File(path) | Origin::Own(path) => path.file_stem(),
                    Origin::Shared { .. } => None,
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
            // Lines wrapped by an editor are joined; a blank line starts a paragraph.
            scenario: join_paragraphs(&fill(&scenario)),
            tags,
            own_view: fill_view(own_view),
            partner_view: fill_view(partner_view),
            reflection: reflection.iter().map(|q| fill(q)).collect(),
            moments: moments
                .iter()
                .map(|m| Moment {
                    quote: fill(&m.quote),
                    by: m.by,
                })
                .collect(),
            lenses,
            care: care.map(|note| join_paragraphs(&fill(&note))),
            mirror,
            origin: origin.clone(),
            partner,
        };
        let quotes: Vec<_> = exercise
            .moments
            .iter()
            .zip(&moments)
            .map(|(m, raw)| (m.quote.clone(), raw.span.clone()))
            .collect();
        self.quotes_in_scenario(&quotes, &exercise.scenario);
        (Some(exercise), id_position)
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

/// The questions of a file without any: what the other side showed, both people's
/// part in it, and what each could bring next time, not only what the reader changes.
pub(super) fn default_questions() -> Vec<String> {
    vec![
        "What surprised you when you wrote {partner}'s side?".into(),
        "What was your part in how this went, and what was not yours to carry?".into(),
        "Name one thing you could do differently next time, and one thing you would like to ask of {partner}.".into(),
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
            out.push_str(&capitalised(partner));
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
fn tidy_prose(text: &str) -> String {
    // Most texts need nothing but their blank lines at either end taken off.
    let tidy = !text.contains(['\r', '\t'])
        && text
            .split('\n')
            .all(|line| line.trim_end().len() == line.len());
    if tidy {
        return text.trim_matches('\n').to_string();
    }
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

pub(crate) fn a_type(value: &DeValue<'_>) -> &'static str {
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

pub(crate) fn quoted_list(names: &[&str]) -> String {
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The known name closest to a misspelt one, if it is close enough to be a typo.
pub(crate) fn nearest<'k>(name: &str, known: &[&'k str]) -> Option<&'k str> {
    let name = name.to_lowercase();
    known
        .iter()
        .map(|k| (strsim::levenshtein(&name, k), *k))
        .filter(|&(d, k)| d <= 2.max(k.len() / 3))
        .min_by_key(|&(d, _)| d)
        .map(|(_, k)| k)
}
