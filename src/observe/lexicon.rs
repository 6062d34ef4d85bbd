//! The word lists, and every form each of their words is found as.
//!
//! A lexicon is read once (the built-in one when first used, the user's with
//! [`Lexicon::load`]) and turned into an index from a word's lowercase form to the
//! entries that start with it, so matching a text is one pass over its words with
//! one lookup each.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::{Arc, LazyLock};

use unicode_segmentation::UnicodeSegmentation as _;

use super::WordKind;
use super::matcher::PhraseIndex;
use crate::exercise::Problem;
use crate::format::Format;

/// The name of the user's own lexicon in the data folder.
pub const LEXICON_FILE: &str = "lexicon.toml";
/// The lexicon format this build reads.
pub const LEXICON_FORMAT: Format = Format {
    oldest: 1,
    current: 1,
};
/// Larger lexicon files are refused: a few thousand words fit in far less.
pub const MAX_LEXICON_BYTES: u64 = 64 * 1024;
/// The most words one entry may have: a word or a short phrase.
pub(super) const MAX_ENTRY_WORDS: usize = 6;

/// The shipped English lexicon, as its file is named in messages.
pub(super) const BUILTIN_NAME: &str = "lexicon/en.toml";
const BUILTIN_TEXT: &str = include_str!("../../lexicon/en.toml");

/// Where the user's own lexicon is: `<data_dir>/lexicon.toml`.
pub fn lexicon_path(data_dir: &Path) -> PathBuf {
    data_dir.join(LEXICON_FILE)
}

/// Word lists ready for matching. Cloning is cheap: the lists are shared.
#[derive(Clone)]
pub struct Lexicon {
    inner: Arc<Inner>,
}

struct Inner {
    language: String,
    lists: Lists,
    /// Feelings, needs and absolutes in every form, and the [except] phrases.
    words: PhraseIndex<Target>,
    /// The first- and third-person words.
    voice: PhraseIndex<Voice>,
}

/// What an entry of the word index stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Target {
    /// The entry at this place in the list of this kind.
    Word(WordKind, usize),
    /// An [except] phrase: found, and so hiding the words inside it, but never shown.
    Except,
}

/// Whose voice a word is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Voice {
    First,
    Third,
}

/// One entry of a list: how it is shown, and the lowercase words it is made of.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Entry {
    /// Lowercase, spaces as one: "left out", "self-conscious".
    pub(super) shown: String,
    pub(super) words: Vec<String>,
}

/// An entry's text read the way a text is read.
pub(super) struct EntryText {
    pub(super) entry: Option<Entry>,
    /// Punctuation that is not part of any word and not a space or hyphen between
    /// two of them: it is left out of matching.
    pub(super) stray_punctuation: bool,
}

impl EntryText {
    pub(super) fn read(text: &str) -> EntryText {
        let mut words = Vec::new();
        let mut stray_punctuation = false;
        let mut between = "";
        for piece in text.trim().split_word_bounds() {
            if is_word(piece) {
                stray_punctuation |= !words.is_empty() && !is_joining_gap(between);
                words.push(lowercase(piece));
                between = "";
            } else if words.is_empty() {
                stray_punctuation = true;
            } else {
                // Only what ends up between two words can join them.
                between = piece;
                stray_punctuation |= !is_joining_gap(piece);
            }
        }
        stray_punctuation |= !between.is_empty();
        let entry = (!words.is_empty()).then(|| Entry {
            shown: if stray_punctuation {
                words.join(" ")
            } else {
                text.split_whitespace()
                    .map(lowercase)
                    .collect::<Vec<_>>()
                    .join(" ")
            },
            words,
        });
        EntryText {
            entry,
            stray_punctuation,
        }
    }
}

/// A piece of text from the word segmenter that is a word: it holds a letter or digit.
pub(super) fn is_word(piece: &str) -> bool {
    piece.chars().any(char::is_alphanumeric)
}

/// What may stand between two words of a phrase: spaces, line breaks, hyphens.
pub(super) fn is_joining_gap(gap: &str) -> bool {
    !gap.is_empty()
        && gap
            .chars()
            .all(|c| c.is_whitespace() || matches!(c, '-' | '\u{2010}' | '\u{2011}'))
}

/// Lowercase as matching compares words: Unicode lowercase, with a fast path for ASCII.
pub(super) fn lowercase(word: &str) -> String {
    if word.is_ascii() {
        word.to_ascii_lowercase()
    } else {
        word.to_lowercase()
    }
}

/// The entries of a lexicon, as listed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Lists {
    pub(super) feelings: Vec<Entry>,
    pub(super) needs: Vec<Entry>,
    pub(super) absolutes: Vec<Entry>,
    pub(super) except: Vec<Entry>,
    pub(super) first_person: Vec<Entry>,
    pub(super) third_person: Vec<Entry>,
}

impl Lists {
    pub(super) fn of_kind(&self, kind: WordKind) -> &Vec<Entry> {
        match kind {
            WordKind::Feeling => &self.feelings,
            WordKind::Need => &self.needs,
            WordKind::Absolute => &self.absolutes,
        }
    }
}

static BUILTIN: LazyLock<Lexicon> = LazyLock::new(|| {
    let read = super::load::read(BUILTIN_TEXT, BUILTIN_NAME, None);
    debug_assert!(read.problems.is_empty(), "{:#?}", read.problems);
    read.lexicon
        .unwrap_or_else(|| Lexicon::new("en".into(), Lists::default()))
});

impl Lexicon {
    /// The shipped English lexicon (read once, then shared).
    pub fn builtin() -> Lexicon {
        BUILTIN.clone()
    }

    /// The built-in lexicon, extended or replaced by `<data_dir>/lexicon.toml` when
    /// that file exists. Never fails: a problem in the file is returned with its file,
    /// line and column, and any error means the built-in is used alone. Only a regular
    /// file is read, and at most [`MAX_LEXICON_BYTES`] of it.
    pub fn load(data_dir: &Path) -> (Lexicon, Vec<Problem>) {
        super::load::load(&lexicon_path(data_dir))
    }

    /// The text of a lexicon file read as [`Lexicon::load`] reads the user's: it extends
    /// or replaces the built-in, and any error means the built-in alone. `file` is the
    /// name problems give.
    pub fn read(text: &str, file: &str) -> (Lexicon, Vec<Problem>) {
        super::load::user_file(text, file)
    }

    pub(super) fn new(language: String, lists: Lists) -> Lexicon {
        let english = is_english(&language);
        let mut words = PhraseIndex::default();
        // [except] first: a phrase listed there and as a word stays hidden.
        for entry in &lists.except {
            words.insert(&entry.words, Target::Except);
        }
        for kind in WordKind::ALL {
            for (at, entry) in lists.of_kind(kind).iter().enumerate() {
                for form in forms_of(&entry.words, english) {
                    words.insert(&form, Target::Word(kind, at));
                }
            }
        }
        words.finish();
        let mut voice = PhraseIndex::default();
        for (list, whose) in [
            (&lists.first_person, Voice::First),
            (&lists.third_person, Voice::Third),
        ] {
            for entry in list {
                voice.insert(&entry.words, whose);
            }
        }
        voice.finish();
        Lexicon {
            inner: Arc::new(Inner {
                language,
                lists,
                words,
                voice,
            }),
        }
    }

    /// The language the words are in, as the file names it: "en".
    pub fn language(&self) -> &str {
        &self.inner.language
    }

    /// The base words of one kind, as listed (lowercase).
    pub fn words(&self, kind: WordKind) -> impl Iterator<Item = &str> {
        self.inner
            .lists
            .of_kind(kind)
            .iter()
            .map(|e| e.shown.as_str())
    }

    /// Every form an entry is found as, each as lowercase words joined by one space:
    /// for English, "hurt" gives "hurt", "hurts", "hurted", "hurting"; a phrase
    /// gives itself. Empty when the entry holds no word.
    pub fn forms(&self, entry: &str) -> Vec<String> {
        let Some(entry) = EntryText::read(entry).entry else {
            return Vec::new();
        };
        forms_of(&entry.words, is_english(self.language()))
            .into_iter()
            .map(|words| words.join(" "))
            .collect()
    }

    pub(super) fn lists(&self) -> &Lists {
        &self.inner.lists
    }

    pub(super) fn word_index(&self) -> &PhraseIndex<Target> {
        &self.inner.words
    }

    pub(super) fn voice_index(&self) -> &PhraseIndex<Voice> {
        &self.inner.voice
    }

    /// The base form of a listed word.
    pub(super) fn shown(&self, kind: WordKind, at: usize) -> &str {
        &self.inner.lists.of_kind(kind)[at].shown
    }
}

/// Sizes only: the index is thousands of forms.
/// Two lexicons are equal when they are the same lists (one read, shared).
impl PartialEq for Lexicon {
    fn eq(&self, other: &Lexicon) -> bool {
        Arc::ptr_eq(&self.inner, &other.inner)
    }
}

impl fmt::Debug for Lexicon {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let lists = self.lists();
        f.debug_struct("Lexicon")
            .field("language", &self.language())
            .field("feelings", &lists.feelings.len())
            .field("needs", &lists.needs.len())
            .field("absolutes", &lists.absolutes.len())
            .field("except", &lists.except.len())
            .finish_non_exhaustive()
    }
}

/// English, and so given English endings: "en", "EN", "en-GB".
fn is_english(language: &str) -> bool {
    primary_language(language) == "en"
}

/// The language without its region or script: "pt" for "pt-BR".
pub(super) fn primary_language(language: &str) -> String {
    language
        .split(['-', '_'])
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase()
}

/// The word sequences an entry is found as: a phrase as it is, a single English word
/// also with its simple endings.
pub(super) fn forms_of(words: &[String], english: bool) -> Vec<Vec<String>> {
    match words {
        [word] if english => english_forms(word)
            .into_iter()
            .map(|form| vec![form])
            .collect(),
        _ => vec![words.to_vec()],
    }
}

/// A word and its simple English endings, each once: -s or -es, -d or -ed, -ing,
/// y→ies/ied, and a doubled last consonant ("nag" → "nagged", "nagging"). Forms that
/// are not English words ("sads") do no harm: no text holds them.
pub(super) fn english_forms(word: &str) -> Vec<String> {
    let mut forms = vec![word.to_string()];
    let letters: Vec<char> = word.chars().collect();
    let [.., before, last] = letters[..] else {
        return forms;
    };
    if !last.is_ascii_lowercase() {
        return forms;
    }
    let vowel = |c: char| matches!(c, 'a' | 'e' | 'i' | 'o' | 'u');
    let consonant = |c: char| c.is_ascii_lowercase() && !vowel(c);
    let stem = |cut: usize| &word[..word.len() - cut];
    let y_after_consonant = last == 'y' && consonant(before);
    if ["s", "x", "z", "ch", "sh"]
        .iter()
        .any(|end| word.ends_with(end))
    {
        forms.push(format!("{word}es"));
    } else if y_after_consonant {
        forms.push(format!("{}ies", stem(1)));
    } else {
        forms.push(format!("{word}s"));
    }
    if last == 'e' {
        forms.push(format!("{word}d"));
    } else if y_after_consonant {
        forms.push(format!("{}ied", stem(1)));
    } else {
        forms.push(format!("{word}ed"));
    }
    if word.ends_with("ie") {
        forms.push(format!("{}ying", stem(2)));
    } else if last == 'e' && before != 'e' {
        forms.push(format!("{}ing", stem(1)));
    } else {
        forms.push(format!("{word}ing"));
    }
    // Consonant, vowel, consonant at the end ("stop", "upset"): the last one doubles.
    if let [.., third_last, _, _] = letters[..]
        && consonant(third_last)
        && vowel(before)
        && consonant(last)
        && !matches!(last, 'w' | 'x' | 'y')
    {
        forms.push(format!("{word}{last}ed"));
        forms.push(format!("{word}{last}ing"));
    }
    forms.dedup();
    forms
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_lexicon_reads_without_a_single_problem() {
        let read = super::super::load::read(BUILTIN_TEXT, BUILTIN_NAME, None);
        assert_eq!(read.problems, []);
        let lexicon = read.lexicon.expect("the built-in lexicon");
        assert_eq!(lexicon.language(), "en");
        let lists = lexicon.lists();
        assert!(lists.feelings.len() >= 120, "{}", lists.feelings.len());
        assert!(lists.needs.len() >= 60, "{}", lists.needs.len());
        assert!(lists.absolutes.len() >= 20, "{}", lists.absolutes.len());
        assert!(!lists.first_person.is_empty() && !lists.third_person.is_empty());
        assert_eq!(
            Lexicon::builtin().words(WordKind::Feeling).count(),
            lists.feelings.len()
        );
    }

    /// One form, one word: "rested" as a feeling would also be a form of the need
    /// "rest", and only one of them could ever be found.
    #[test]
    fn no_form_of_a_builtin_word_is_another_builtin_word() {
        let lexicon = Lexicon::builtin();
        let mut seen = std::collections::HashMap::new();
        for kind in WordKind::ALL {
            for word in lexicon.words(kind) {
                for form in lexicon.forms(word) {
                    if let Some(earlier) = seen.insert(form.clone(), word.to_string()) {
                        panic!("`{form}` is a form of both `{earlier}` and `{word}`");
                    }
                }
            }
        }
    }

    #[test]
    fn english_words_get_their_simple_endings() {
        let forms = |word: &str| english_forms(word).join(" ");
        assert_eq!(forms("hurt"), "hurt hurts hurted hurting");
        assert_eq!(forms("worry"), "worry worries worried worrying");
        assert_eq!(forms("stay"), "stay stays stayed staying");
        assert_eq!(forms("care"), "care cares cared caring");
        assert_eq!(forms("rush"), "rush rushes rushed rushing");
        assert_eq!(forms("tie"), "tie ties tied tying");
        assert_eq!(forms("free"), "free frees freed freeing");
        assert_eq!(forms("nag"), "nag nags naged naging nagged nagging");
        assert_eq!(
            forms("upset"),
            "upset upsets upseted upseting upsetted upsetting"
        );
        // Two vowels before the last consonant: no doubling.
        assert_eq!(forms("need"), "need needs needed needing");
        // Not ending in a letter a to z: the word alone.
        assert_eq!(forms("café"), "café");
        assert_eq!(forms("a"), "a");
    }

    #[test]
    fn only_english_gets_english_endings_and_phrases_stay_as_written() {
        let words = |text: &str| EntryText::read(text).entry.unwrap().words;
        assert_eq!(forms_of(&words("Hurt"), true).len(), 4);
        assert_eq!(forms_of(&words("hurt"), false), [["hurt"]]);
        assert_eq!(forms_of(&words("Left  OUT"), true), [["left", "out"]]);
        assert!(is_english("en-GB") && is_english("EN") && !is_english("eno"));
    }

    #[test]
    fn entries_are_read_as_words_are_read_in_a_text() {
        let read = |text: &str| {
            let read = EntryText::read(text);
            let entry = read.entry.map(|e| (e.shown, e.words.join("|")));
            (entry, read.stray_punctuation)
        };
        let entry = |shown: &str, words: &str| Some((shown.to_string(), words.to_string()));
        assert_eq!(read(" Left  Out "), (entry("left out", "left|out"), false));
        assert_eq!(
            read("self-conscious"),
            (entry("self-conscious", "self|conscious"), false)
        );
        assert_eq!(
            read("don't care"),
            (entry("don't care", "don't|care"), false)
        );
        assert_eq!(read("hurt!"), (entry("hurt", "hurt"), true));
        assert_eq!(read("hurt, sad"), (entry("hurt sad", "hurt|sad"), true));
        assert_eq!(read("(sad"), (entry("sad", "sad"), true));
        assert_eq!(read("?!"), (None, true));
        assert_eq!(read(""), (None, false));
    }
}
