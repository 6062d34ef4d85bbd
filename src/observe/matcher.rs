//! One pass over a text's words, looking each one up in an index of phrases.
//!
//! Words are found with the Unicode word boundaries (`unicode-segmentation`), so
//! "don't" is one word and "hallways" never holds "always". A phrase ("every time")
//! goes on only across spaces, line breaks and hyphens, and a match must also stand
//! apart from any letter or digit around it: where two scripts meet ("hurt日") the
//! boundary lies between letters, and nothing is found there.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation as _;

use super::lexicon::{self, Target, Voice};
use super::{Found, Lexicon, VoiceNote};
use crate::exercise::DEFAULT_PARTNER;

/// Phrases by their first word, the longest of each first word first.
#[derive(Debug, Clone)]
pub(super) struct PhraseIndex<T> {
    by_first: HashMap<String, Vec<Phrase<T>>, BuildHasherDefault<Fnv>>,
}

impl<T> Default for PhraseIndex<T> {
    fn default() -> Self {
        PhraseIndex {
            by_first: HashMap::default(),
        }
    }
}

/// FNV-1a: several times faster than the standard hasher on short words, which is
/// most of the time spent looking words up. Its keys are the lexicon's own words, so
/// there is no one to craft collisions against it.
#[derive(Debug, Clone, Copy)]
pub(super) struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for Fnv {
    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 = (self.0 ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

#[derive(Debug, Clone)]
struct Phrase<T> {
    /// The words after the first.
    rest: Box<[String]>,
    target: T,
}

impl<T: Copy> PhraseIndex<T> {
    /// Adds a phrase of lowercase words; a phrase already there keeps its target.
    pub(super) fn insert(&mut self, words: &[String], target: T) {
        let Some((first, rest)) = words.split_first() else {
            return;
        };
        let phrases = self.by_first.entry(first.clone()).or_default();
        if !phrases.iter().any(|p| *p.rest == *rest) {
            phrases.push(Phrase {
                rest: rest.into(),
                target,
            });
        }
    }

    /// Puts the longest phrases first, once every phrase is in.
    pub(super) fn finish(&mut self) {
        for phrases in self.by_first.values_mut() {
            phrases.sort_by_key(|p| std::cmp::Reverse(p.rest.len()));
        }
    }

    /// Whether a single word is in the index on its own.
    fn has_word(&self, word: &str) -> bool {
        self.by_first
            .get(word)
            .is_some_and(|phrases| phrases.iter().any(|p| p.rest.is_empty()))
    }
}

/// The words of one text, lowercased once.
pub(super) struct Words {
    /// Every word's lowercase, one after another.
    lower: String,
    words: Vec<Word>,
}

struct Word {
    range: Range<usize>,
    /// Where its lowercase is in `lower`.
    lower: Range<usize>,
    /// The part before an apostrophe that ends "'s", "'m", "'re", "'ve", "'ll" or
    /// "'d" ("I" of "I'm", "Sam" of "Sam's"): its end in the text, its lowercase.
    stem: Option<(usize, Range<usize>)>,
    /// Only spaces, line breaks or hyphens since the previous word: a phrase may go on.
    joined: bool,
    /// No letter or digit just before it / just after it.
    apart_before: bool,
    apart_after: bool,
}

/// What a contraction adds after its apostrophe, when the word before stands alone.
const CONTRACTION_ENDS: &[&str] = &["s", "m", "re", "ve", "ll", "d"];

impl Words {
    pub(super) fn new(text: &str) -> Words {
        let mut lower = String::with_capacity(text.len());
        let mut words = Vec::new();
        let mut previous_end = None;
        for_each_word(text, |start, piece| {
            let end = start + piece.len();
            let joined =
                previous_end.is_some_and(|from| lexicon::is_joining_gap(&text[from..start]));
            previous_end = Some(end);
            let apart_before = !text[..start]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric);
            let apart_after = !text[end..]
                .chars()
                .next()
                .is_some_and(char::is_alphanumeric);
            let lower_range = push_lowercase(&mut lower, piece);
            let stem = contraction_stem(piece).map(|stem| {
                let stem_lower = push_lowercase(&mut lower, stem);
                (start + stem.len(), stem_lower)
            });
            words.push(Word {
                range: start..end,
                lower: lower_range,
                stem,
                joined,
                apart_before,
                apart_after,
            });
        });
        Words { lower, words }
    }

    /// Every feeling, need and absolute, in order.
    pub(super) fn find(&self, lexicon: &Lexicon) -> Vec<Found> {
        let mut found = Vec::new();
        self.scan(lexicon.word_index(), |target, range| {
            if let Target::Word(kind, at) = target {
                found.push(Found {
                    kind,
                    range,
                    word: lexicon.shown(kind, at).to_string(),
                });
            }
        });
        found
    }

    /// How often the text speaks as "I" and about someone: the third-person words
    /// and `partner_name`, unless it is the default "your partner".
    pub(super) fn voice(&self, lexicon: &Lexicon, partner_name: &str) -> VoiceNote {
        let mut note = VoiceNote {
            about: 0,
            as_them: 0,
        };
        self.scan(lexicon.voice_index(), |voice, _| match voice {
            Voice::First => note.as_them += 1,
            Voice::Third => note.about += 1,
        });
        let name = partner_name.trim();
        if name.eq_ignore_ascii_case(DEFAULT_PARTNER) {
            return note;
        }
        let Some(name) = lexicon::EntryText::read(name).entry else {
            return note;
        };
        // A name that is also a pronoun ("I") is already counted as one.
        if let [word] = &name.words[..]
            && lexicon.voice_index().has_word(word)
        {
            return note;
        }
        let mut names = PhraseIndex::default();
        names.insert(&name.words, ());
        names.finish();
        self.scan(&names, |(), _| note.about += 1);
        note
    }

    /// Calls `hit` for each phrase of `index` in the text, left to right; where
    /// phrases overlap, the one that starts first, then the longest, wins.
    fn scan<T: Copy>(&self, index: &PhraseIndex<T>, mut hit: impl FnMut(T, Range<usize>)) {
        let mut at = 0;
        while at < self.words.len() {
            match self.phrase_at(at, index) {
                Some((target, taken, end)) => {
                    hit(target, self.words[at].range.start..end);
                    at += taken;
                }
                None => at += 1,
            }
        }
    }

    /// The longest phrase starting at word `at`: what it stands for, how many words
    /// it takes and where it ends.
    fn phrase_at<T: Copy>(&self, at: usize, index: &PhraseIndex<T>) -> Option<(T, usize, usize)> {
        let first = &self.words[at];
        if !first.apart_before {
            return None;
        }
        if let Some(phrases) = index.by_first.get(&self.lower[first.lower.clone()]) {
            for phrase in phrases {
                if let Some(end) = self.rest_at(at, &phrase.rest) {
                    return Some((phrase.target, 1 + phrase.rest.len(), end));
                }
            }
        }
        // "I'm", "Sam's": the word before the apostrophe, on its own.
        let (stem_end, stem) = first.stem.clone()?;
        let phrases = index.by_first.get(&self.lower[stem])?;
        let phrase = phrases.iter().find(|p| p.rest.is_empty())?;
        Some((phrase.target, 1, stem_end))
    }

    /// Where a phrase ends when its first word is word `at` and `rest` follows.
    fn rest_at(&self, at: usize, rest: &[String]) -> Option<usize> {
        let first = &self.words[at];
        let Some((last_wanted, middle)) = rest.split_last() else {
            return first.apart_after.then_some(first.range.end);
        };
        let following = self.words.get(at + 1..at + 1 + rest.len())?;
        if !following.iter().all(|w| w.joined) {
            return None;
        }
        let (last, between) = following.split_last()?;
        let same = |word: &Word, wanted: &String| self.lower[word.lower.clone()] == **wanted;
        if !between
            .iter()
            .zip(middle)
            .all(|(word, wanted)| same(word, wanted))
        {
            return None;
        }
        if same(last, last_wanted) && last.apart_after {
            return Some(last.range.end);
        }
        let (stem_end, stem) = last.stem.clone()?;
        (self.lower[stem] == **last_wanted).then_some(stem_end)
    }
}

/// Calls `word` with the start and the text of every word (a piece holding a letter or
/// a digit) that the Unicode word boundaries find, in order.
///
/// Words never go on across ASCII whitespace (a boundary stands on both sides of it),
/// so the text is read as runs between whitespace: runs of ASCII, most of an English
/// text, are split by [`ascii_words`], the others by `unicode-segmentation`.
fn for_each_word(text: &str, mut word: impl FnMut(usize, &str)) {
    let bytes = text.as_bytes();
    let space = |b: &u8| matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0b' | b'\x0c');
    let mut at = 0;
    while at < bytes.len() {
        if space(&bytes[at]) {
            at += 1;
            continue;
        }
        let end = bytes[at..]
            .iter()
            .position(space)
            .map_or(bytes.len(), |n| at + n);
        let run = &text[at..end];
        if run.is_ascii() {
            ascii_words(run, |start, piece| word(at + start, piece));
        } else {
            for (start, piece) in run.split_word_bound_indices() {
                if lexicon::is_word(piece) {
                    word(at + start, piece);
                }
            }
        }
        at = end;
    }
}

/// The words of an ASCII text as the Unicode word boundaries find them: letters,
/// digits and "_" go together, and so do two letters around ":", "." or "'" and two
/// digits around ",", ";", "." or "'" ("don't", "e.g", "1,000.5"); every other
/// character stands apart.
fn ascii_words(text: &str, mut word: impl FnMut(usize, &str)) {
    let bytes = text.as_bytes();
    let in_word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let joins = |before: u8, mid: u8, after: u8| {
        (before.is_ascii_alphabetic()
            && after.is_ascii_alphabetic()
            && matches!(mid, b':' | b'.' | b'\''))
            || (before.is_ascii_digit()
                && after.is_ascii_digit()
                && matches!(mid, b',' | b';' | b'.' | b'\''))
    };
    let mut at = 0;
    while at < bytes.len() {
        if !in_word(bytes[at]) {
            at += 1;
            continue;
        }
        let start = at;
        loop {
            while at < bytes.len() && in_word(bytes[at]) {
                at += 1;
            }
            match bytes.get(at..at + 2) {
                Some(&[mid, after]) if joins(bytes[at - 1], mid, after) => at += 1,
                _ => break,
            }
        }
        let piece = &text[start..at];
        if piece.bytes().any(|b| b.is_ascii_alphanumeric()) {
            word(start, piece);
        }
    }
}

/// Appends a word's lowercase and says where it went.
fn push_lowercase(lower: &mut String, word: &str) -> Range<usize> {
    let start = lower.len();
    if word.is_ascii() {
        lower.extend(word.bytes().map(|b| char::from(b.to_ascii_lowercase())));
    } else {
        lower.push_str(&word.to_lowercase());
    }
    start..lower.len()
}

/// "I" of "I'm", "Sam" of "Sam’s"; `None` for "don't" and words without an apostrophe.
fn contraction_stem(word: &str) -> Option<&str> {
    let apostrophe = word.rfind(['\'', '’'])?;
    let end = &word[apostrophe..];
    let end = &end[end.chars().next()?.len_utf8()..];
    let stem = &word[..apostrophe];
    let known = CONTRACTION_ENDS.iter().any(|e| end.eq_ignore_ascii_case(e));
    (known && lexicon::is_word(stem)).then_some(stem)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::observe::{WordKind, find, observe};

    fn found(text: &str) -> Vec<(&str, String)> {
        find(text, &Lexicon::builtin())
            .into_iter()
            .map(|f| (&text[f.range], f.word))
            .collect()
    }

    fn pairs(list: &[(&'static str, &str)]) -> Vec<(&'static str, String)> {
        list.iter().map(|&(a, b)| (a, b.to_string())).collect()
    }

    #[test]
    fn whole_words_only_whatever_the_case() {
        assert_eq!(found("The hallways, the saddle."), []);
        assert_eq!(
            found("I was SAD. Always sad!"),
            pairs(&[("SAD", "sad"), ("Always", "always"), ("sad", "sad")])
        );
        // Where two scripts meet there is a word boundary, but not a gap.
        assert_eq!(found("sad日 日sad"), []);
        assert_eq!(found("sad_face sad2"), []);
    }

    #[test]
    fn endings_are_found_as_their_base_word() {
        assert_eq!(
            found("It hurts. She was worrying, I felt nagged."),
            pairs(&[("hurts", "hurt"), ("nagged", "nagged")])
        );
        assert_eq!(found("Upsetting."), pairs(&[("Upsetting", "upset")]));
    }

    #[test]
    fn phrases_go_on_across_spaces_line_breaks_and_hyphens_only() {
        assert_eq!(
            found("Every\n  time, left-out, every. Time"),
            pairs(&[("Every\n  time", "every time"), ("left-out", "left out")])
        );
        assert_eq!(
            found("I just wanted to be heard."),
            pairs(&[("to be heard", "to be heard")])
        );
    }

    #[test]
    fn the_longest_phrase_wins_and_except_phrases_hide_their_words() {
        assert_eq!(
            found("Peace and quiet, then peace."),
            pairs(&[("Peace and quiet", "peace and quiet"), ("peace", "peace")])
        );
        assert_eq!(
            found("For the rest of the night I needed rest. Never mind."),
            pairs(&[("rest", "rest")])
        );
    }

    #[test]
    fn contractions_break_nothing() {
        assert_eq!(found("Don't. Won't. Can’t."), []);
        assert_eq!(
            found("I'm hurt's and don't-care"),
            pairs(&[("hurt", "hurt")])
        );
        let words = Words::new("I'm sure she's tired, they’re fine, Sam's too; don't");
        let stems: Vec<&str> = words
            .words
            .iter()
            .filter_map(|w| w.stem.as_ref())
            .map(|(_, lower)| &words.lower[lower.clone()])
            .collect();
        assert_eq!(stems, ["i", "she", "they", "sam"]);
    }

    /// The words `for_each_word` finds, with their starts.
    fn fast_words(text: &str) -> Vec<(usize, String)> {
        let mut words = Vec::new();
        for_each_word(text, |start, piece| words.push((start, piece.to_string())));
        words
    }

    /// The words `unicode-segmentation` alone finds, with their starts.
    fn unicode_words(text: &str) -> Vec<(usize, String)> {
        text.split_word_bound_indices()
            .filter(|(_, piece)| lexicon::is_word(piece))
            .map(|(start, piece)| (start, piece.to_string()))
            .collect()
    }

    proptest::proptest! {
        #[test]
        fn ascii_text_is_split_as_the_unicode_word_boundaries_split_it(
            text in proptest::string::string_regex("[aZ09_:.',;\"!\\- \t\n\r\x0b\x0c]{0,40}").unwrap()
        ) {
            proptest::prop_assert_eq!(fast_words(&text), unicode_words(&text));
        }
    }

    #[test]
    fn ascii_runs_and_other_runs_are_split_alike() {
        let text = "don't e.g. 1,000.5 3:30 a_b __ café’s x日本 it's";
        assert_eq!(fast_words(text), unicode_words(text));
        assert_eq!(
            fast_words("don't e.g. 3:30")[..2],
            [(0, "don't".into()), (6, "e.g".into())]
        );
    }

    #[test]
    fn found_words_carry_their_kind() {
        let kinds: Vec<WordKind> = find("lonely, respect, nobody", &Lexicon::builtin())
            .into_iter()
            .map(|f| f.kind)
            .collect();
        assert_eq!(kinds, WordKind::ALL);
    }

    #[test]
    fn the_voice_counts_i_against_pronouns_and_the_name() {
        let lexicon = Lexicon::builtin();
        let voice = |text: &str, name: &str| {
            let note = Words::new(text).voice(&lexicon, name);
            (note.about, note.as_them)
        };
        assert_eq!(voice("I'm tired and my back hurts.", "Sam"), (0, 2));
        assert_eq!(
            voice("Sam's tired. She said he never listens.", "Sam"),
            (3, 0)
        );
        assert_eq!(
            voice("Mary Ann came home; Mary was quiet.", "Mary Ann"),
            (1, 0)
        );
        // The default is not a name.
        assert_eq!(voice("Your partner was tired.", "your partner"), (0, 0));
        assert_eq!(voice("Your partner was tired.", "Your Partner"), (0, 0));
        // A name that is a pronoun counts once.
        assert_eq!(voice("I was tired.", "I"), (0, 1));
    }

    #[test]
    fn observe_keeps_each_word_once_in_order_and_asks_about_the_voice() {
        let lexicon = Lexicon::builtin();
        let seen = observe(
            "I was hurt and tired, so hurt. I needed rest.",
            "Sam came home. He felt lonely and he always does.",
            "Sam",
            &lexicon,
        );
        assert_eq!(seen.own.feelings, ["hurt", "tired"]);
        assert_eq!(seen.own.needs, ["rest"]);
        assert_eq!(seen.partner.feelings, ["lonely"]);
        assert_eq!(seen.partner.absolutes, ["always"]);
        assert_eq!(
            seen.voice,
            Some(VoiceNote {
                about: 3,
                as_them: 0
            })
        );
        let as_them = observe("", "I came home. He was there.", "Sam", &lexicon);
        assert_eq!(as_them.voice, None, "once as them, once about: no note");
        assert_eq!(observe("", "", "Sam", &lexicon), Default::default());
    }
}
