//! Places in the text, the edits made to it, and the undo history that groups them.

use std::collections::VecDeque;

/// Undo steps kept; typing is grouped by word, so this is thousands of words.
const MAX_UNDO_STEPS: usize = 10_000;

/// A place in the text: a line (paragraph) and a byte offset into it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct Pos {
    pub line: usize,
    pub byte: usize,
}

/// Where text ends up after `text` is inserted at `at`.
pub(super) fn end_of(at: Pos, text: &str) -> Pos {
    match text.rfind('\n') {
        None => Pos {
            line: at.line,
            byte: at.byte + text.len(),
        },
        Some(last) => Pos {
            line: at.line + text.matches('\n').count(),
            byte: text.len() - last - 1,
        },
    }
}

/// How an edit may merge with the one before it into a single undo step.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Merge {
    /// Typed characters join while they continue one word and the spaces after it.
    Typing,
    /// Backspaces join the same way, backwards.
    Erasing,
    /// A step of its own (paste, word delete, ...).
    Never,
}

/// One undo step: `removed` was replaced by `inserted` at `at`.
#[derive(Debug)]
pub(super) struct Edit {
    pub at: Pos,
    pub removed: String,
    pub inserted: String,
    pub cursor_before: Pos,
    pub cursor_after: Pos,
    pub merge: Merge,
}

fn is_space(text: &str) -> bool {
    text.chars().all(char::is_whitespace)
}

impl Edit {
    /// Take `next` into this step if it continues it; says whether it did.
    fn absorb(&mut self, next: &Edit) -> bool {
        let single_line = |e: &Edit| !e.removed.contains('\n') && !e.inserted.contains('\n');
        if self.merge != next.merge || !single_line(self) || !single_line(next) {
            return false;
        }
        match self.merge {
            Merge::Typing => {
                let continues = self.removed.is_empty()
                    && next.removed.is_empty()
                    && next.at == end_of(self.at, &self.inserted);
                // A word and the spaces after it are one step; the next word starts another.
                let new_word =
                    self.inserted.ends_with(char::is_whitespace) && !is_space(&next.inserted);
                if !continues || new_word {
                    return false;
                }
                self.inserted.push_str(&next.inserted);
            }
            Merge::Erasing => {
                let continues = self.inserted.is_empty()
                    && next.inserted.is_empty()
                    && end_of(next.at, &next.removed) == self.at;
                let new_word =
                    self.removed.starts_with(char::is_whitespace) && !is_space(&next.removed);
                if !continues || new_word {
                    return false;
                }
                self.removed.insert_str(0, &next.removed);
                self.at = next.at;
            }
            Merge::Never => return false,
        }
        self.cursor_after = next.cursor_after;
        true
    }
}

/// The steps that can be undone, and those undone that can be redone.
#[derive(Debug, Default)]
pub(super) struct History {
    done: VecDeque<Edit>,
    undone: Vec<Edit>,
    /// The last step is closed: the next edit starts a new one.
    sealed: bool,
}

impl History {
    /// A new edit: it joins the last step if it continues it, and clears what could be
    /// redone.
    pub fn record(&mut self, edit: Edit) {
        self.undone.clear();
        if !self.sealed
            && let Some(last) = self.done.back_mut()
            && last.absorb(&edit)
        {
            return;
        }
        if self.done.len() == MAX_UNDO_STEPS {
            self.done.pop_front();
        }
        self.sealed = edit.merge == Merge::Never;
        self.done.push_back(edit);
    }

    /// Close the last step: the next edit starts a new one.
    pub fn seal(&mut self) {
        self.sealed = true;
    }

    pub fn steps(&self) -> usize {
        self.done.len()
    }

    /// The step to undo, taken off the history until [`History::undone`] gives it back.
    pub fn take_undo(&mut self) -> Option<Edit> {
        self.done.pop_back()
    }

    /// A step that was undone, kept for redo.
    pub fn undone(&mut self, edit: Edit) {
        self.undone.push(edit);
    }

    /// The step to redo, taken off until [`History::redone`] gives it back.
    pub fn take_redo(&mut self) -> Option<Edit> {
        self.undone.pop()
    }

    /// A step that was redone, undoable again.
    pub fn redone(&mut self, edit: Edit) {
        self.done.push_back(edit);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typing(at: usize, text: &str) -> Edit {
        let at = Pos { line: 0, byte: at };
        Edit {
            at,
            removed: String::new(),
            inserted: text.to_owned(),
            cursor_before: at,
            cursor_after: end_of(at, text),
            merge: Merge::Typing,
        }
    }

    #[test]
    fn a_word_and_the_spaces_after_it_are_one_step() {
        let mut history = History::default();
        for (at, text) in [(0, "a"), (1, "b"), (2, " "), (3, " "), (4, "c")] {
            history.record(typing(at, text));
        }
        assert_eq!(history.steps(), 2);
        assert_eq!(history.take_undo().unwrap().inserted, "c");
        assert_eq!(history.take_undo().unwrap().inserted, "ab  ");
    }

    #[test]
    fn a_sealed_step_is_not_joined() {
        let mut history = History::default();
        history.record(typing(0, "a"));
        history.seal();
        history.record(typing(1, "b"));
        assert_eq!(history.steps(), 2);
    }

    #[test]
    fn end_of_counts_lines_and_bytes() {
        let at = Pos { line: 2, byte: 5 };
        assert_eq!(end_of(at, "abc"), Pos { line: 2, byte: 8 });
        assert_eq!(end_of(at, "ab\ncd\né"), Pos { line: 4, byte: 2 });
    }
}
