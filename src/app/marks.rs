//! Marking one passage in each column of the side by side: in the user's own view,
//! what the partner most needs to hear from them; in the partner's, what the user
//! most needs to understand about them. A passage is a sentence; `Enter` on the
//! marked one takes the mark away.

use super::{App, Effect, Screen, Scrolling, Step};
use crate::safe;
use crate::text::sentences;
use crate::translation::Speaker;

/// Marking in progress: the column (not chosen yet while both scroll together) and
/// the sentence under the cursor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Marking {
    pub side: Option<Speaker>,
    pub sentence: usize,
}

impl App {
    /// The sentences of one column, as shown (made safe): what a mark holds.
    pub fn column_sentences(&self, side: Speaker) -> Vec<String> {
        let Some(attempt) = self.attempt() else {
            return Vec::new();
        };
        let editor = match side {
            Speaker::You => &attempt.own_view,
            Speaker::Partner => &attempt.partner_view,
        };
        let text = safe::prose(&editor.text()).into_owned();
        sentences(&text)
            .into_iter()
            .map(|range| text[range].to_owned())
            .collect()
    }

    /// The mark of one column.
    pub fn mark_of(&self, side: Speaker) -> Option<&str> {
        let marks = &self.attempt()?.marks;
        let mark = match side {
            Speaker::You => &marks.own,
            Speaker::Partner => &marks.partner,
        };
        (!mark.is_empty()).then_some(mark.as_str())
    }

    /// `m` on the side by side: marking starts in the column scrolling alone, or asks
    /// which one while both scroll together.
    pub(super) fn start_marking(&mut self) {
        if self.screen != Screen::Exercise(Step::SideBySide) {
            return;
        }
        let side = match self.exercise.columns.scrolling {
            Scrolling::Left => Some(Speaker::You),
            Scrolling::Right => Some(Speaker::Partner),
            Scrolling::Together | Scrolling::Third => None,
        };
        self.exercise.marking = Some(Marking { side, sentence: 0 });
        if let Some(side) = side {
            self.mark_in(side);
        }
    }

    /// Marking moves to one column, at its marked sentence if it has one.
    pub(super) fn mark_in(&mut self, side: Speaker) {
        let sentences = self.column_sentences(side);
        if sentences.is_empty() {
            self.flash = Some("There is nothing written in that column to mark.".into());
            return;
        }
        let sentence = self
            .mark_of(side)
            .and_then(|mark| sentences.iter().position(|s| s == mark))
            .unwrap_or(0);
        self.exercise.marking = Some(Marking {
            side: Some(side),
            sentence,
        });
    }

    /// Moves the marking cursor by `delta` sentences (`isize::MIN`/`MAX`: first/last).
    pub(super) fn move_marking(&mut self, delta: isize) {
        let Some(Marking {
            side: Some(side),
            sentence,
        }) = self.exercise.marking
        else {
            return;
        };
        let last = self.column_sentences(side).len().saturating_sub(1);
        let sentence = match delta {
            isize::MIN => 0,
            isize::MAX => last,
            d => sentence.saturating_add_signed(d).min(last),
        };
        self.exercise.marking = Some(Marking {
            side: Some(side),
            sentence,
        });
    }

    /// `Enter` while marking: the sentence under the cursor becomes the column's mark
    /// (or stops being it), and marking ends.
    pub(super) fn choose_mark(&mut self) -> Vec<Effect> {
        let Some(Marking {
            side: Some(side),
            sentence,
        }) = self.exercise.marking
        else {
            return Vec::new();
        };
        let Some(chosen) = self.column_sentences(side).get(sentence).cloned() else {
            return Vec::new();
        };
        let partner = self
            .attempt()
            .map(|a| safe::line(&a.exercise.partner).into_owned())
            .unwrap_or_default();
        let Some(attempt) = self.attempt_mut() else {
            return Vec::new();
        };
        let mark = match side {
            Speaker::You => &mut attempt.marks.own,
            Speaker::Partner => &mut attempt.marks.partner,
        };
        let meaning = match side {
            Speaker::You => format!("what {partner} most needs to hear from you"),
            Speaker::Partner => format!("what you most need to understand about {partner}"),
        };
        let said = if *mark == chosen {
            mark.clear();
            "Mark taken away.".to_owned()
        } else {
            *mark = chosen;
            format!("Marked as {meaning}.")
        };
        attempt.mark_changes += 1;
        self.flash = Some(said);
        self.exercise.marking = None;
        self.save_current()
    }
}
