//! Shared moments on screen: both worlds (the partner's own words beside the
//! guesses, a pair at a time), sharing a finished attempt from the journal (`s`),
//! and bringing in a partner's file from the library (`i`).
//!
//! The seal: both worlds opens only on a finished entry, so the partner's words are
//! never on screen before the user has written and finished their own side. The
//! app asks for it; the outside checks again before reading the partner's side.

use std::path::PathBuf;

use super::{App, Effect, Overlay, Reading, Screen};
use crate::editor::Editor;
use crate::exchange::{BothRead, Closeness, Exchange, Feedback, SharedCard};
use crate::journal::{Listed, Status};
use crate::keymap::Command;

/// The partner's side, as both worlds shows it.
pub struct Both {
    /// The partner's name.
    pub name: String,
    /// Their own view, in their words.
    pub own: Editor,
    /// Their guess of the user.
    pub guess: Editor,
    pub mark_own: String,
    pub mark_guess: String,
    pub cards: Vec<SharedCard>,
    /// Which pair is shown: [`Pair::TheirWorld`] or [`Pair::Yours`].
    pub pair: Pair,
    /// Their answer to how close the user's guess came, when they gave one.
    pub feedback: Option<crate::exchange::Feedback>,
    /// The user's answer to how close their guess of the user came.
    pub mine: Option<Feedback>,
    /// The moment's id, to keep the user's answer with it.
    pub exchange: String,
}

/// The two pairs of both worlds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pair {
    /// The user's guess of the partner beside the partner's own view.
    TheirWorld,
    /// The partner's guess of the user beside the user's own view.
    Yours,
}

impl Both {
    pub fn new(theirs: &Exchange, mine: Option<Feedback>) -> Both {
        Both {
            mine,
            exchange: theirs.exchange.clone(),
            name: theirs.name.clone(),
            own: Editor::from_text(&theirs.side.own_view),
            guess: Editor::from_text(&theirs.side.partner_view),
            mark_own: theirs.side.mark_own.clone(),
            mark_guess: theirs.side.mark_partner.clone(),
            cards: theirs.side.cards.clone(),
            pair: Pair::TheirWorld,
            feedback: theirs.feedback.clone(),
        }
    }
}

/// A line typed in a window over the screen: the name to share under, or the path
/// of a file to bring in.
pub struct Prompt {
    pub kind: PromptKind,
    pub field: Editor,
    /// What the window says above the field, a line each.
    pub lines: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PromptKind {
    /// Share the entry at `path` under the name typed.
    Share { path: PathBuf },
    /// What the partner's guess missed (kept with the user's answer).
    Missed,
    /// The phrase the file at `path` is locked with (not shown as it is typed).
    Phrase { path: PathBuf },
    /// Bring in the exchange file whose path is typed.
    Import,
    /// The passphrase of the locked journal (not shown as it is typed).
    Unlock,
}

/// What the outside found for a share, before anything is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShareReady {
    pub path: PathBuf,
    /// The name remembered, or "" when none is.
    pub name: String,
    /// What the file carries and never carries, a line each.
    pub summary: Vec<String>,
}

impl App {
    /// `b`: both worlds of the selected entry (the journal, an entry being read) or
    /// of the attempt just finished.
    pub(super) fn open_both_worlds(&mut self) -> Vec<Effect> {
        let key = |app: &App| {
            app.keys
                .label_of(app.context(), Command::BothWorlds)
                .to_owned()
        };
        let (path, complete) = match self.screen {
            Screen::History | Screen::Reading => {
                match self.journal.entries.get(self.history.selected) {
                    Some(Listed::Entry(summary)) => {
                        (summary.path.clone(), summary.status == Status::Complete)
                    }
                    _ => return Vec::new(),
                }
            }
            _ => match self.attempt().and_then(|a| a.path.clone()) {
                Some(path) => (path, true),
                None => return Vec::new(),
            },
        };
        let Some(sharing) = self.journal.sharing.get(&path) else {
            // Not listed yet (an attempt just finished): the outside looks, and says.
            return if complete {
                vec![Effect::ReadBothWorlds(path)]
            } else {
                Vec::new()
            };
        };
        let sharing = Some(sharing);
        match sharing.and_then(|s| s.theirs.clone()) {
            None if sharing.is_some_and(|s| s.sent) => {
                self.flash = Some(format!(
                    "shared. Once your partner shares theirs back and you bring it in (i in the \
                     library), {} shows both worlds",
                    key(self)
                ));
                Vec::new()
            }
            None => {
                let share = self
                    .keys
                    .label_of(crate::keymap::Context::History, Command::Share);
                self.flash = Some(format!(
                    "not shared yet: {share} in your journal shares a finished attempt with your partner"
                ));
                Vec::new()
            }
            Some(name) if !complete => {
                self.flash = Some(format!(
                    "finish your side first: what {} wrote stays hidden until you have",
                    crate::safe::line(&name)
                ));
                Vec::new()
            }
            Some(_) => vec![Effect::ReadBothWorlds(path)],
        }
    }

    /// The outside read the entry and the partner's side.
    pub(super) fn both_worlds_read(&mut self, result: Result<Box<BothRead>, String>) {
        match result {
            Ok(read) => {
                let BothRead {
                    entry,
                    theirs,
                    mine,
                } = *read;
                let exercise = self.library.get(&entry.exercise_id).cloned();
                let serial = self.take_serial();
                let attempt = super::Attempt::from_entry(&entry, exercise.as_ref(), None, serial);
                let mut reading = Reading::new(attempt);
                reading.both = Some(Both::new(&theirs, mine));
                self.history.reading = Some(reading);
                self.screen = Screen::Reading;
            }
            Err(reason) => self.flash = Some(reason),
        }
    }

    /// `Ctrl+N` / `Ctrl+P` on both worlds: the other pair, from the top.
    pub(super) fn other_pair(&mut self) {
        if let Some(reading) = self.history.reading.as_mut()
            && let Some(both) = reading.both.as_mut()
        {
            both.pair = match both.pair {
                Pair::TheirWorld => Pair::Yours,
                Pair::Yours => Pair::TheirWorld,
            };
            reading.scroll = 0;
            reading.columns = super::ColumnScroll::default();
            reading.on_reflection = false;
        }
    }

    /// `s` in the journal: share the selected attempt, once finished.
    pub(super) fn share_selected(&mut self) -> Vec<Effect> {
        match self.journal.entries.get(self.history.selected) {
            Some(Listed::Entry(summary)) if summary.status == Status::Complete => {
                vec![Effect::PrepareShare(summary.path.clone())]
            }
            Some(Listed::Entry(_)) => {
                self.flash =
                    Some("only a finished attempt can be shared: finish this one first".to_owned());
                Vec::new()
            }
            _ => Vec::new(),
        }
    }

    /// The outside has what a share would carry: ask for the name, showing it.
    pub(super) fn share_ready(&mut self, result: Result<ShareReady, String>) {
        match result {
            Ok(ready) => {
                let mut lines = ready.summary;
                if self.journal_locked {
                    lines.push(String::new());
                    lines.push(
                        "Your journal is locked, but this file is not: anyone holding it can \
                         read it. To lock it with a phrase, share with `two-worlds share \
                         --encrypt`."
                            .to_owned(),
                    );
                }
                lines.push(String::new());
                lines.push("Your name, as your partner knows you:".to_owned());
                self.prompt = Some(Prompt {
                    kind: PromptKind::Share { path: ready.path },
                    field: Editor::from_text(&ready.name),
                    lines,
                });
                self.overlay = Some(Overlay::Prompt);
            }
            Err(reason) => self.flash = Some(format!("not shared: {reason}")),
        }
    }

    /// `i` in the library: ask for the file to bring in.
    pub(super) fn ask_import(&mut self) {
        self.prompt = Some(Prompt {
            kind: PromptKind::Import,
            field: Editor::new(),
            lines: vec![
                "Bring in the file your partner shared with you (a .twx file).".to_owned(),
                "Its path (~ for your home folder):".to_owned(),
            ],
        });
        self.overlay = Some(Overlay::Prompt);
    }

    /// `Enter` in the prompt: share under the name, or bring in the file.
    pub(super) fn answer_prompt(&mut self) -> Vec<Effect> {
        let Some(prompt) = self.prompt.take() else {
            return Vec::new();
        };
        let typed = prompt.field.text().trim().to_owned();
        match prompt.kind {
            PromptKind::Share { path } => {
                if let Err(why) = crate::exchange::check_share_name(&typed) {
                    self.flash = Some(why);
                    self.prompt = Some(Prompt {
                        kind: PromptKind::Share { path },
                        ..prompt
                    });
                    return Vec::new();
                }
                self.overlay = None;
                vec![Effect::Share { path, name: typed }]
            }
            PromptKind::Missed => {
                self.overlay = None;
                let Some(both) = self.both_mut() else {
                    return Vec::new();
                };
                // Asked only once how close it came is said.
                let Some(mut feedback) = both.mine.clone() else {
                    return Vec::new();
                };
                feedback.missed = typed;
                both.mine = Some(feedback.clone());
                vec![Effect::KeepFeedback {
                    exchange: both.exchange.clone(),
                    feedback,
                }]
            }
            PromptKind::Import => {
                self.overlay = None;
                if typed.is_empty() {
                    return Vec::new();
                }
                vec![Effect::Import {
                    path: PathBuf::from(typed),
                    phrase: None,
                }]
            }
            PromptKind::Unlock => self.knock(prompt.field.text()),
            PromptKind::Phrase { path } => {
                self.overlay = None;
                // The phrase as typed, spaces and all.
                let phrase = prompt.field.text();
                if phrase.is_empty() {
                    return Vec::new();
                }
                vec![Effect::Import {
                    path,
                    phrase: Some(crate::exchange::phrase::Phrase::new(phrase)),
                }]
            }
        }
    }

    /// `Esc` in the prompt: nothing is written.
    pub(super) fn cancel_prompt(&mut self) {
        // The door stays shut: only the passphrase, or quitting, leaves it.
        if self.door_shut() {
            return;
        }
        self.prompt = None;
        self.overlay = None;
    }

    /// The share was written (or not).
    pub(super) fn shared(&mut self, result: Result<PathBuf, String>) -> Vec<Effect> {
        match result {
            Ok(file) => {
                self.flash = Some(format!(
                    "shared: {}; pass it to your partner however you like",
                    crate::wording::shown_path(&file)
                ));
                vec![Effect::ListJournal]
            }
            Err(reason) => {
                self.flash = Some(format!("not shared: {reason}"));
                Vec::new()
            }
        }
    }

    /// A file was brought in (or not): the library shows the moment.
    pub(super) fn imported(&mut self, result: Result<String, String>) -> Vec<Effect> {
        match result {
            Ok(said) => {
                let mut effects = vec![Effect::ListJournal];
                match &self.sources {
                    Some(sources) => {
                        self.after_reload = Some(said);
                        effects.push(Effect::ReloadLibrary(sources.clone()));
                    }
                    None => self.flash = Some(said),
                }
                effects
            }
            Err(reason) => {
                self.flash = Some(format!("not brought in: {reason}"));
                Vec::new()
            }
        }
    }

    fn both_mut(&mut self) -> Option<&mut Both> {
        self.history.reading.as_mut()?.both.as_mut()
    }

    /// `1`, `2`, `3` on both worlds: how close the partner's guess of the user came.
    /// On the user's own world, where that guess is shown; on the other pair the
    /// keys show it first.
    pub(super) fn set_closeness(&mut self, closeness: Closeness) -> Vec<Effect> {
        let Some(both) = self.both_mut() else {
            return Vec::new();
        };
        if both.pair != Pair::Yours {
            let name = crate::safe::line(&both.name).into_owned();
            self.other_pair();
            self.flash = Some(format!(
                "here is {name}'s guess of you: say whether it sounds like you when you have read it"
            ));
            return Vec::new();
        }
        let missed = both.mine.take().map(|m| m.missed).unwrap_or_default();
        let feedback = Feedback { closeness, missed };
        both.mine = Some(feedback.clone());
        vec![Effect::KeepFeedback {
            exchange: both.exchange.clone(),
            feedback,
        }]
    }

    /// `w` on both worlds: write what the partner's guess missed.
    pub(super) fn ask_what_missed(&mut self) {
        let Some(both) = self.history.reading.as_ref().and_then(|r| r.both.as_ref()) else {
            return;
        };
        let name = crate::safe::line(&both.name).into_owned();
        let Some(mine) = &both.mine else {
            self.flash = Some(format!(
                "first say whether {name}'s guess sounds like you: {}",
                self.closeness_keys()
            ));
            return;
        };
        let missed = mine.missed.clone();
        self.prompt = Some(Prompt {
            kind: PromptKind::Missed,
            field: Editor::from_text(&missed),
            lines: vec![
                format!(
                    "Is there something you'd add to {name}'s guess of you? In your own words, for {name}."
                ),
                format!("It goes to {name} with your next share of this moment."),
            ],
        });
        self.overlay = Some(Overlay::Prompt);
    }

    /// The answer was kept (or not).
    pub(super) fn feedback_kept(&mut self, result: Result<(), String>) {
        let name = self
            .history
            .reading
            .as_ref()
            .and_then(|r| r.both.as_ref())
            .map(|b| crate::safe::line(&b.name).into_owned())
            .unwrap_or_else(|| "your partner".to_owned());
        let share = self
            .keys
            .label_of(crate::keymap::Context::History, Command::Share)
            .to_owned();
        self.flash = Some(match result {
            Ok(()) => {
                format!("kept: it goes to {name} with your next share ({share} in your journal)")
            }
            Err(reason) => format!("not kept: {reason}"),
        });
    }

    /// "1 not really · 2 partly · 3 yes, that's me", from the key table.
    pub fn closeness_keys(&self) -> String {
        [Closeness::NotReally, Closeness::Partly, Closeness::Yes]
            .map(|c| {
                format!(
                    "{} {}",
                    self.keys
                        .label_of(crate::keymap::Context::BothWorlds, Command::Closeness(c)),
                    c.label()
                )
            })
            .join(" · ")
    }

    /// The file to bring in is locked: ask for its phrase, without showing it.
    pub(super) fn ask_phrase(&mut self, path: PathBuf) {
        self.prompt = Some(Prompt {
            kind: PromptKind::Phrase { path },
            field: Editor::new(),
            lines: vec![
                "This file is locked with a phrase, the one you and your partner agreed on."
                    .to_owned(),
                "The phrase (it is not shown as you type):".to_owned(),
            ],
        });
        self.overlay = Some(Overlay::Prompt);
    }
}
