//! The keys of scenario format 2: `[[moments]]`, the lines where meaning got lost
//! (each becomes a translation card), and `lenses`, other ways of telling the moment
//! the file asks for.

use std::ops::Range;

use toml::de::{DeTable, DeValue};

use super::Severity;
use super::parse::{Checker, a_type, quoted_list};
use crate::text_position::line_col;
use crate::translation::{Lens, Speaker};

const MOMENT_KEYS: &[&str] = &["quote", "by"];
const SPEAKERS: &[&str] = &["you", "partner"];
const LENSES: &[&str] = &["observer"];
/// More moments than this make the translation step long; the file still loads.
const MANY_MOMENTS: usize = 8;

/// One moment as the file has it: its quote (not yet filled with the partner's name),
/// who said it, and where the quote is.
pub(super) struct RawMoment {
    pub quote: String,
    pub by: Speaker,
    pub span: Range<usize>,
}

impl Checker<'_> {
    /// `[[moments]]`: every problem reported, the good moments kept.
    pub(super) fn moments(&mut self, root: &DeTable<'_>) -> Vec<RawMoment> {
        let Some(value) = root.get("moments") else {
            return Vec::new();
        };
        let DeValue::Array(items) = value.get_ref() else {
            self.error(
                self.at(value.span()),
                format!(
                    "`moments` must be a list of `[[moments]]` tables, each with `quote` and `by`, not {}",
                    a_type(value.get_ref())
                ),
            );
            return Vec::new();
        };
        if items.len() > MANY_MOMENTS {
            self.push(
                Severity::Warning,
                self.at(value.span()),
                format!(
                    "{} moments make a long translation step; two or three are usually enough",
                    items.len()
                ),
            );
        }
        let mut moments = Vec::new();
        for item in items.iter() {
            let DeValue::Table(table) = item.get_ref() else {
                self.error(
                    self.at(item.span()),
                    format!(
                        "every moment must be a table with `quote` and `by` (written `[[moments]]`), not {}",
                        a_type(item.get_ref())
                    ),
                );
                continue;
            };
            self.unknown_keys(table, MOMENT_KEYS, Some("[moments]"));
            let quote = match self.string(table, "quote", "moments.quote") {
                Some((text, span)) if text.trim().is_empty() => {
                    self.error(
                        self.at(span),
                        "`quote` is empty; copy the line from the scenario".into(),
                    );
                    None
                }
                Some((text, span)) => Some((self.text(text, span.clone()), span)),
                None if table.contains_key("quote") => None,
                None => {
                    self.error(
                        self.at(item.span()),
                        "a moment needs `quote = \"...\"`: the line from the scenario where meaning got lost".into(),
                    );
                    None
                }
            };
            let by = match self.string(table, "by", "moments.by") {
                Some(("you", _)) => Some(Speaker::You),
                Some(("partner", _)) => Some(Speaker::Partner),
                Some((other, span)) => {
                    self.error(
                        self.at(span),
                        format!(
                            "`by` is \"{}\"; it must be {} (who said the line)",
                            crate::safe::line(other),
                            quoted_list(SPEAKERS)
                        ),
                    );
                    None
                }
                None if table.contains_key("by") => None,
                None => {
                    self.error(
                        self.at(item.span()),
                        "a moment needs `by = \"you\"` or `by = \"partner\"`: who said the line"
                            .into(),
                    );
                    None
                }
            };
            if let (Some((quote, span)), Some(by)) = (quote, by) {
                moments.push(RawMoment { quote, by, span });
            }
        }
        moments
    }

    /// `lenses = ["observer"]`.
    pub(super) fn lenses(&mut self, root: &DeTable<'_>) -> Vec<Lens> {
        let Some(value) = root.get("lenses") else {
            return Vec::new();
        };
        // Wrong types and empty entries are reported here; the names are read below.
        if self.string_list(root, "lenses", "lenses").is_none() {
            return Vec::new();
        }
        let DeValue::Array(items) = value.get_ref() else {
            return Vec::new();
        };
        let mut lenses = Vec::new();
        for item in items.iter() {
            let DeValue::String(name) = item.get_ref() else {
                continue;
            };
            match name.trim() {
                "" => {}
                "observer" => {
                    if !lenses.contains(&Lens::Observer) {
                        lenses.push(Lens::Observer);
                    }
                }
                other => self.error(
                    self.at(item.span()),
                    format!(
                        "unknown lens \"{}\"; the lenses are {}",
                        crate::safe::line(other),
                        quoted_list(LENSES)
                    ),
                ),
            }
        }
        lenses
    }

    /// A warning for each moment whose quote is not in the scenario text (both with
    /// the partner's name filled in): the card would show a line the reader never saw.
    pub(super) fn quotes_in_scenario(
        &mut self,
        moments: &[(String, Range<usize>)],
        scenario: &str,
    ) {
        // Most quotes are exact copies: the loose comparison is only for the rest.
        let mut loose_scenario = None;
        for (quote, span) in moments {
            if scenario.contains(quote.as_str()) {
                continue;
            }
            let scenario = loose_scenario.get_or_insert_with(|| loose(scenario));
            if !scenario.contains(&loose(quote)) {
                self.push(
                    Severity::Warning,
                    Some(line_col(self.source, span.start)),
                    "this quote is not in the scenario text; copy the line exactly as the scenario says it".into(),
                );
            }
        }
    }
}

/// Text compared loosely: lowercase, runs of whitespace as one space, curly quotes
/// and apostrophes as straight ones.
fn loose(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    // A space is written only before the next word: none leads or trails.
    let mut space = false;
    let word = |out: &mut String, space: &mut bool| {
        if *space {
            out.push(' ');
            *space = false;
        }
    };
    for c in text.chars() {
        if c.is_ascii() {
            if c.is_ascii_whitespace() {
                space = !out.is_empty();
            } else {
                word(&mut out, &mut space);
                out.push(c.to_ascii_lowercase());
            }
            continue;
        }
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        word(&mut out, &mut space);
        match c {
            '“' | '”' | '„' | '«' | '»' => out.push('"'),
            '‘' | '’' | '‚' => out.push('\''),
            c => out.extend(c.to_lowercase()),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::loose;

    #[test]
    fn quotes_compare_loosely() {
        assert_eq!(
            loose("  “You  always”\n NEED a minute’s "),
            "\"you always\" need a minute's"
        );
    }
}
