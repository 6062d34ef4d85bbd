//! The locked journal's door: before the library when the journal is locked, and
//! again after a quick hide, the screen shows nothing but a field for the
//! passphrase. Three wrong tries and the program leaves (saving everything first:
//! saving needs no passphrase).

use super::{App, Effect, Overlay, Prompt, PromptKind};
use crate::editor::Editor;

/// How the door was opened, in the app's words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UnlockResult {
    Opened,
    WrongPassphrase,
    /// The key file is missing or damaged: said as it is.
    Failed(String),
}

impl App {
    /// The journal is locked: the passphrase is asked before the library.
    pub fn with_locked_journal(mut self) -> Self {
        self.journal_locked = true;
        self.shut_door();
        self
    }

    /// Whether the screen shows only the door.
    pub fn door_shut(&self) -> bool {
        self.door.is_some()
    }

    /// Shows the door: whatever overlay was open waits behind it (the safety note
    /// on a first run, a question).
    pub(super) fn shut_door(&mut self) {
        if self.door.is_none() {
            self.door = Some(Door {
                tries: 0,
                behind: self.overlay.take(),
                behind_prompt: self.prompt.take(),
            });
        }
        self.overlay = Some(Overlay::Prompt);
        self.prompt = Some(Prompt {
            kind: PromptKind::Unlock,
            field: Editor::new(),
            lines: door_lines(None),
        });
    }

    /// `Enter` at the door.
    pub(super) fn knock(&mut self, typed: String) -> Vec<Effect> {
        if typed.is_empty() {
            self.shut_door();
            return Vec::new();
        }
        self.unlocking = true;
        self.shut_door();
        if let Some(prompt) = &mut self.prompt {
            prompt.lines = vec!["Opening your journal…".to_owned()];
        }
        vec![Effect::Unlock(crate::exchange::phrase::Phrase::new(typed))]
    }

    /// What the outside found when it tried the passphrase.
    pub(super) fn unlocked(&mut self, result: UnlockResult) -> Vec<Effect> {
        self.unlocking = false;
        let Some(door) = &mut self.door else {
            return Vec::new();
        };
        match result {
            UnlockResult::Opened => {
                let door = self.door.take().expect("the door is there");
                self.overlay = door.behind;
                self.prompt = door.behind_prompt;
                let mut effects = Vec::new();
                if let Some(sources) = &self.sources {
                    effects.push(Effect::ReloadLibrary(sources.clone()));
                }
                effects.push(Effect::ListJournal);
                effects
            }
            UnlockResult::WrongPassphrase => {
                door.tries += 1;
                let left = crate::vault::TRIES.saturating_sub(door.tries);
                if left == 0 {
                    self.leaving_locked = true;
                    return self.quit();
                }
                self.shut_door();
                if let Some(prompt) = &mut self.prompt {
                    let left = if left == 1 {
                        "one more try"
                    } else {
                        "two more tries"
                    };
                    prompt.lines = door_lines(Some(&format!(
                        "That passphrase does not open your journal; {left} before two-worlds closes."
                    )));
                }
                Vec::new()
            }
            UnlockResult::Failed(why) => {
                self.shut_door();
                if let Some(prompt) = &mut self.prompt {
                    prompt.lines = door_lines(Some(&why));
                }
                Vec::new()
            }
        }
    }
}

/// The door and what waits behind it.
pub struct Door {
    /// Wrong passphrases so far.
    pub tries: u32,
    behind: Option<Overlay>,
    behind_prompt: Option<Prompt>,
}

impl std::fmt::Debug for Door {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Door").field("tries", &self.tries).finish()
    }
}

fn door_lines(problem: Option<&str>) -> Vec<String> {
    let mut lines = vec![
        "Type its passphrase to open it. It stays open until you quit or hide the screen."
            .to_owned(),
    ];
    if let Some(problem) = problem {
        lines.push(String::new());
        lines.push(problem.to_owned());
    }
    lines.push(String::new());
    lines.push("Passphrase (it is not shown as you type):".to_owned());
    lines
}
