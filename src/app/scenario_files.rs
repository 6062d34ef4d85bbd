//! Scenario files from the library: `e` opens the selected one in the user's editor
//! (a built-in is first copied into the user's folder under a new id, so the
//! built-in itself stays as it is), then checks it and reloads it.

use super::{App, Effect, Overlay, Question};
use crate::exercise::{Origin, Parsed, Severity};
use crate::wording::plural;

impl App {
    /// `e` in the library: the user's own file opens in their editor; a built-in is
    /// offered as a copy first.
    pub(super) fn edit_selected_scenario(&mut self) -> Vec<Effect> {
        let Some(exercise) = self.selected_exercise() else {
            return Vec::new();
        };
        match &exercise.origin {
            Origin::Own(path) | Origin::File(path) => vec![Effect::EditScenario {
                origin: exercise.origin.clone(),
                path: path.clone(),
            }],
            Origin::BuiltIn(name) => {
                self.overlay = Some(Overlay::Ask(Question::CopyBuiltin {
                    id: exercise.id.clone(),
                    file: name.clone(),
                    title: exercise.title.clone(),
                }));
                Vec::new()
            }
            // A shared moment is the partner's telling: it is theirs to change.
            Origin::Shared { from, .. } => {
                self.flash = Some(format!(
                    "This moment is {}'s telling; it is theirs to change",
                    crate::safe::line(from)
                ));
                Vec::new()
            }
        }
    }

    /// The answer to "edit a copy of this built-in?".
    pub(super) fn copy_builtin(&mut self, id: String, file: String) -> Vec<Effect> {
        let taken = self
            .library
            .exercises
            .iter()
            .map(|e| e.id.clone())
            .collect();
        vec![Effect::CopyBuiltin { id, file, taken }]
    }

    /// `r`: the library read again. The row under the cursor stays on the same
    /// scenario; attempts in progress keep the exercise they began with.
    pub(super) fn library_reloaded(&mut self, mut library: crate::exercise::Library) {
        library
            .problems
            .extend(self.settings_problems().iter().cloned());
        let selected = self.selected_exercise().map(|e| e.id.clone());
        let problems = library.problems.len();
        let summary = library.summary_line();
        self.library = library;
        self.library_screen.selected = selected
            .and_then(|id| {
                self.visible()
                    .iter()
                    .position(|&i| self.library.exercises[i].id == id)
            })
            .unwrap_or(0);
        // Read again for a moment just brought in: that is the news.
        if let Some(said) = self.after_reload.take() {
            self.flash = Some(said);
            return;
        }
        self.flash = Some(if problems == 0 {
            format!("read again: {summary}")
        } else {
            let show = self.keys.label_of(
                crate::keymap::Context::Library,
                crate::keymap::Command::ShowProblems,
            );
            format!("read again: {summary}; {show} shows them")
        });
    }

    /// The editor returned (or could not run): the file was read and checked again.
    pub(super) fn scenario_edited(
        &mut self,
        origin: Origin,
        editor: Result<(), String>,
        parsed: Option<Parsed>,
    ) {
        // The whole path, with `~` for the home folder, as every message says paths.
        let name = match &origin {
            crate::exercise::Origin::File(path) | crate::exercise::Origin::Own(path) => {
                crate::wording::shown_path(path)
            }
            crate::exercise::Origin::BuiltIn(_) | crate::exercise::Origin::Shared { .. } => {
                origin.display_path()
            }
        };
        let Some(parsed) = parsed else {
            // Nothing was read: the editor never ran, or the copy was not made.
            self.flash = Some(match editor {
                Err(reason) => format!("not edited: {reason}"),
                Ok(()) => format!("{name} could not be read"),
            });
            return;
        };
        let id = parsed.exercise.as_ref().map(|e| e.id.clone());
        let problems = self.library.reload_file(&origin, parsed);
        // The list keeps the scenario under the cursor.
        if let Some(id) = id
            && let Some(row) = self
                .visible()
                .iter()
                .position(|&i| self.library.exercises[i].id == id)
        {
            self.library_screen.selected = row;
        }
        let errors = problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
            .count();
        let said = match editor {
            Err(reason) => format!("the editor reported a problem ({reason}); "),
            Ok(()) => String::new(),
        };
        self.flash = Some(if problems.is_empty() {
            format!("{said}{name} checked and reloaded: no problems")
        } else {
            // What is wrong is shown at once, file, line and fix.
            self.overlay = Some(Overlay::Problems);
            self.overlay_scroll = 0;
            let what = if errors > 0 {
                "it is left out of the library until the file is fixed"
            } else {
                "reloaded"
            };
            format!(
                "{said}{name}: {}; {what}",
                plural(problems.len(), "problem", "problems")
            )
        });
    }
}
