//! Gentle observations: what the words of the two views say, found with word lists.
//!
//! No screen here, only the engine the side by side draws: the feeling words and the
//! need words each view names, the absolutes ("always", "never") worth a question,
//! and whether the partner's view is told as them ("I") or about them. It never
//! scores, never compares the two texts in numbers: [`Observations::lines`] words
//! what was found as short sentences and questions.
//!
//! Here: the types, [`find`] and [`observe`]. `lexicon` holds the word lists and the
//! forms each word is found in, `load` reads the user's `lexicon.toml`, `matcher`
//! walks a text word by word, `wording` makes the sentences.

use std::ops::Range;

mod lexicon;
mod load;
mod matcher;
mod wording;

pub use lexicon::{LEXICON_FILE, LEXICON_FORMAT, Lexicon, MAX_LEXICON_BYTES, lexicon_path};

/// The kind of word a lexicon lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum WordKind {
    Feeling,
    Need,
    Absolute,
}

impl WordKind {
    pub const ALL: [WordKind; 3] = [WordKind::Feeling, WordKind::Need, WordKind::Absolute];

    /// The section of a lexicon file that lists this kind: `feelings`.
    pub fn section(self) -> &'static str {
        match self {
            WordKind::Feeling => "feelings",
            WordKind::Need => "needs",
            WordKind::Absolute => "absolutes",
        }
    }
}

/// One lexicon word found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub kind: WordKind,
    /// Where it stands: a byte range of the text, on character boundaries.
    pub range: Range<usize>,
    /// The lexicon's base form ("hurt" for "Hurting").
    pub word: String,
}

/// Every lexicon word in `text`, in order, by whole words only: "sad" is never found
/// in "saddle". Where two entries could start at the same word, the longer wins.
pub fn find(text: &str, lexicon: &Lexicon) -> Vec<Found> {
    matcher::Words::new(text).find(lexicon)
}

/// What one text names: distinct base words, in order of first appearance.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextNotes {
    pub feelings: Vec<String>,
    pub needs: Vec<String>,
    pub absolutes: Vec<String>,
}

impl TextNotes {
    fn from_found(found: Vec<Found>) -> TextNotes {
        let mut notes = TextNotes::default();
        for found in found {
            let list = match found.kind {
                WordKind::Feeling => &mut notes.feelings,
                WordKind::Need => &mut notes.needs,
                WordKind::Absolute => &mut notes.absolutes,
            };
            if !list.contains(&found.word) {
                list.push(found.word);
            }
        }
        notes
    }

    pub fn is_empty(&self) -> bool {
        self.feelings.is_empty() && self.needs.is_empty() && self.absolutes.is_empty()
    }
}

/// What the words of the two views say.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Observations {
    /// The user's own view.
    pub own: TextNotes,
    /// The partner's view, as the user imagined it.
    pub partner: TextNotes,
    /// Present only when the partner's view is told more about the partner ("he",
    /// "she", "they", their name) than as them ("I", "me", "my").
    pub voice: Option<VoiceNote>,
}

/// How often the partner's view speaks about them and as them. The counts only
/// decide whether to suggest writing as "I"; they are never shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VoiceNote {
    /// Words about the partner: third-person words and the partner's name.
    pub about: usize,
    /// Words as the partner: first-person words.
    pub as_them: usize,
}

/// What the words of the two views say. `partner_name` is the scenario's name for the
/// partner ("Sam"); the default "your partner" is not a name and is not looked for.
pub fn observe(
    own_view: &str,
    partner_view: &str,
    partner_name: &str,
    lexicon: &Lexicon,
) -> Observations {
    let own = TextNotes::from_found(find(own_view, lexicon));
    let words = matcher::Words::new(partner_view);
    let partner = TextNotes::from_found(words.find(lexicon));
    let voice = words.voice(lexicon, partner_name);
    Observations {
        own,
        partner,
        voice: (voice.about > voice.as_them).then_some(voice),
    }
}

impl Observations {
    /// The sentences to show, one a line: the feelings and the needs each view
    /// names, a question about absolutes, and the voice check; one plain line when
    /// nothing was found. `partner` is the name to use ("Sam", "your partner").
    pub fn lines(&self, partner: &str) -> Vec<String> {
        wording::lines(self, partner)
    }
}
