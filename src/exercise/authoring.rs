//! What helps authors beyond the keys themselves: `care` and `mirror` (scenario
//! format 2), the links between mirrors across the library, the template's example
//! text left in a file, and a `"""` that is never closed, named where it opens.

use toml::de::{DeTable, DeValue};

use super::parse::Checker;
use super::{Exercise, Library, Origin, Problem, Severity, id_problem, slug};

/// How the template's example texts begin: a file that still holds one was not
/// finished (`check` warns). `new` writes them with these words.
pub const TEMPLATE_MARK: &str = "Replace this with";

/// The longest `care` note without a warning, in words.
const CARE_WORDS: usize = 90;

impl Checker<'_> {
    /// `care = "…"`: a note shown before the scenario. Empty is an error.
    pub(super) fn care(&mut self, root: &DeTable<'_>) -> Option<String> {
        let (text, span) = self.string(root, "care", "care")?;
        if text.trim().is_empty() {
            self.error(
                self.at(span),
                "`care` is empty; write a short note for the reader, or remove the line".into(),
            );
            return None;
        }
        let words = text.split_whitespace().count();
        if words > CARE_WORDS {
            self.push(
                Severity::Warning,
                self.at(span.clone()),
                format!(
                    "`care` has {words} words; a note read before the scenario works best short (at most {CARE_WORDS}), and a longer one is cut on small screens"
                ),
            );
        }
        Some(self.text(text, span))
    }

    /// `mirror = "id"`: the id of the same moment told from the other side, and
    /// where the key is.
    pub(super) fn mirror(&mut self, root: &DeTable<'_>) -> Option<(String, (usize, usize))> {
        let (id, span) = self.string(root, "mirror", "mirror")?;
        let at = self.at(span.clone())?;
        match id_problem(id) {
            None => Some((id.to_string(), at)),
            Some(why) => {
                self.error(
                    Some(at),
                    format!(
                        "`mirror` \"{}\" {why}; it names another scenario's id, for example `mirror = \"{}\"`",
                        crate::safe::line(id),
                        slug(id)
                    ),
                );
                None
            }
        }
    }

    /// Warns at every string still holding the template's example text.
    pub(super) fn template_text(&mut self, root: &DeTable<'_>) {
        // One look at the whole file first: almost no file has it.
        if !self.source.contains(TEMPLATE_MARK) {
            return;
        }
        let mut found = Vec::new();
        collect_template_text(root, &mut found);
        for start in found {
            self.push(
                Severity::Warning,
                Some(crate::text_position::line_col(self.source, start)),
                "this still holds the template's example text; replace it with your own".into(),
            );
        }
    }

    /// After a TOML syntax error: a `"""` or `'''` that is never closed, reported
    /// where it opens (TOML's own message points at the end of the file). `true`
    /// when one was found and reported.
    pub(super) fn unclosed_text(&mut self) -> bool {
        let Some((start, quotes)) = unclosed_multiline(self.source) else {
            return false;
        };
        let at = crate::text_position::line_col(self.source, start);
        self.error(
            Some(at),
            format!(
                "this {quotes} is never closed; end the text with {quotes} on a line of its own"
            ),
        );
        true
    }
}

fn collect_template_text(table: &DeTable<'_>, found: &mut Vec<usize>) {
    for (_, value) in table.iter() {
        collect_in_value(value.get_ref(), value.span().start, found);
    }
}

fn collect_in_value(value: &DeValue<'_>, start: usize, found: &mut Vec<usize>) {
    match value {
        DeValue::String(text) if text.contains(TEMPLATE_MARK) => found.push(start),
        DeValue::Table(table) => collect_template_text(table, found),
        DeValue::Array(items) => {
            for item in items.iter() {
                collect_in_value(item.get_ref(), item.span().start, found);
            }
        }
        _ => {}
    }
}

/// Where a multi-line string opens that never closes, and its quotes; `None` when
/// every one is closed. Comments and one-line strings are skipped, so a `"""`
/// inside them does not count.
pub(super) fn unclosed_multiline(source: &str) -> Option<(usize, &'static str)> {
    let bytes = source.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let rest = &bytes[i..];
        if rest.starts_with(b"\"\"\"") || rest.starts_with(b"'''") {
            let (quote, literal) = if rest[0] == b'"' {
                ("\"\"\"", false)
            } else {
                ("'''", true)
            };
            let start = i;
            i += 3;
            loop {
                if i >= bytes.len() {
                    return Some((start, quote));
                }
                if !literal && bytes[i] == b'\\' {
                    i += 2;
                    continue;
                }
                if bytes[i..].starts_with(quote.as_bytes()) {
                    i += 3;
                    // Up to two more quotes belong to the text before the end.
                    while i < bytes.len() && bytes[i] == quote.as_bytes()[0] {
                        i += 1;
                    }
                    break;
                }
                i += 1;
            }
            continue;
        }
        match bytes[i] {
            b'#' => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
            }
            quote @ (b'"' | b'\'') => {
                i += 1;
                while i < bytes.len() && bytes[i] != quote && bytes[i] != b'\n' {
                    if quote == b'"' && bytes[i] == b'\\' {
                        i += 1;
                    }
                    i += 1;
                }
                i += 1;
            }
            _ => i += 1,
        }
    }
    None
}

/// Checks the `mirror` links across the library: each must name a scenario that
/// exists, other than itself, and that names it back. `mirror_at` says where each
/// file's `mirror` key is, by exercise id. A built-in named by a user's file counts
/// as existing even when it was not loaded (as with `check FILE`), and is not asked
/// to link back: the user cannot change it.
pub(super) fn check_mirrors(library: &mut Library) {
    // Read only when a link points outside what was loaded.
    let builtin_ids = std::cell::OnceCell::new();
    let mirror_at = &library.mirror_lines;
    let mut problems = Vec::new();
    for exercise in &library.exercises {
        let Some(target) = exercise.mirror.as_deref() else {
            continue;
        };
        let problem = |message: String| Problem {
            file: exercise.origin.display_path(),
            position: mirror_at.get(&exercise.id).copied(),
            severity: Severity::Warning,
            message,
        };
        if target == exercise.id {
            problems.push(problem(format!(
                "`mirror = \"{target}\"` names this scenario itself; name the scenario that tells the same moment from the other side"
            )));
            continue;
        }
        match library.get(target) {
            Some(other) if other.mirror.as_deref() == Some(exercise.id.as_str()) => {}
            Some(other) if matches!(other.origin, Origin::BuiltIn(_)) => {}
            Some(other) => problems.push(problem(format!(
                "`mirror = \"{target}\"`: {} does not name this scenario back; add `mirror = \"{}\"` to it",
                other.origin.display_path(),
                exercise.id
            ))),
            None if builtin_ids.get_or_init(builtin_ids_now).iter().any(|id| id == target) => {}
            None => problems.push(problem(format!(
                "`mirror = \"{target}\"`: no scenario has the id \"{target}\"; check the spelling, or remove the line"
            ))),
        }
    }
    library.problems.extend(problems);
}

/// The ids of the built-in scenarios.
pub(super) fn builtin_ids_now() -> Vec<String> {
    super::BUILTIN
        .iter()
        .filter_map(|(name, text)| {
            super::parse(text.as_bytes(), Origin::BuiltIn((*name).to_string()))
                .exercise
                .map(|e: Exercise| e.id)
        })
        .collect()
}
