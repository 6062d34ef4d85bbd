//! Scrolling: how far each text on screen can move, from what the last frame measured
//! ([`Viewport`]), and the keys that move it.

use ratatui::crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::Position;

use super::{App, ColumnScroll, Effect, Overlay, Screen, Scrolling, Step, Viewport};
use crate::keymap::{Command, EditAction};

impl App {
    /// Rows on screen of what the page keys move through, as the last frame showed
    /// them; before a frame has shown this view, half the terminal.
    pub(super) fn page_rows(&self) -> usize {
        match self.limits() {
            Some(limits) if limits.page_rows > 0 => limits.page_rows,
            _ => usize::from(self.height / 2),
        }
    }

    /// Rows a page key moves: a screenful less one row kept for context, never less
    /// than one (as the editor's page keys do).
    pub(super) fn page(&self) -> usize {
        self.page_rows().saturating_sub(1).max(1)
    }

    /// Whether scrolling now would move without limits: no frame has measured what is on
    /// screen yet (a screen, an overlay or an exercise just opened). The loop draws one
    /// before passing on a key typed ahead. Nothing is measured while the screen is
    /// hidden or too small, and no key scrolls there.
    pub fn limits_unknown(&self) -> bool {
        !self.hidden && !self.too_small() && self.limits().is_none()
    }

    /// The limits of the last frame, if it showed what is on screen now.
    pub(super) fn limits(&self) -> Option<&Viewport> {
        (self.viewport.view.as_ref() == Some(&self.view())).then_some(&self.viewport)
    }

    /// Moves the selection or scrolls, whichever the screen has; `isize::MIN`/`MAX`
    /// go to the top/bottom. Scrolling stops at the limits of the last frame; when
    /// it showed something else, the next frame's limits bring it back.
    pub(super) fn move_by(&mut self, delta: isize) {
        let step = |value: usize, max: usize| -> usize {
            match delta {
                isize::MIN => 0,
                isize::MAX => max,
                d => value.saturating_add_signed(d).min(max),
            }
        };
        let limits = self.limits().copied().unwrap_or(Viewport {
            view: None,
            text: usize::MAX,
            columns: (usize::MAX, usize::MAX),
            third: usize::MAX,
            overlay: usize::MAX,
            page_rows: 0,
            list: None,
            column_areas: Default::default(),
        });
        if self.overlay.is_some() {
            self.overlay_scroll = step(self.overlay_scroll, limits.overlay);
            return;
        }
        if self.exercise.marking.is_some() && self.screen == Screen::Exercise(Step::SideBySide) {
            self.move_marking(delta);
            return;
        }
        match self.screen {
            Screen::Library => {
                let last = self.visible().len().saturating_sub(1);
                self.library_screen.selected = step(self.library_screen.selected, last);
            }
            Screen::History => {
                let last = self.journal.entries.len().saturating_sub(1);
                self.history.selected = step(self.history.selected, last);
            }
            Screen::Reading => {
                if let Some(reading) = &mut self.history.reading {
                    if reading.on_reflection {
                        reading.scroll = step(reading.scroll, limits.text);
                    } else {
                        scroll_columns(&mut reading.columns, &limits, step);
                    }
                }
            }
            Screen::Exercise(Step::Scenario | Step::Finished) => {
                self.exercise.scroll = step(self.exercise.scroll, limits.text);
            }
            Screen::Exercise(Step::SideBySide) => {
                scroll_columns(&mut self.exercise.columns, &limits, step);
            }
            Screen::Exercise(_) => {}
        }
    }

    /// Brings every scroll position on screen within the limits just measured.
    pub(super) fn clamp_scrolls(&mut self) {
        let Some(limits) = self.limits().copied() else {
            return;
        };
        if self.overlay.is_some() {
            self.overlay_scroll = self.overlay_scroll.min(limits.overlay);
        }
        match self.screen {
            Screen::Reading => {
                if let Some(reading) = &mut self.history.reading {
                    reading.scroll = reading.scroll.min(limits.text);
                    clamp_columns(&mut reading.columns, &limits);
                }
            }
            Screen::Exercise(Step::Scenario | Step::Finished) => {
                self.exercise.scroll = self.exercise.scroll.min(limits.text);
            }
            Screen::Exercise(Step::SideBySide) => {
                clamp_columns(&mut self.exercise.columns, &limits)
            }
            _ => {}
        }
    }
}

/// Moves the columns that scroll now (all, or the one alone) with `step`, within
/// the limits measured.
fn scroll_columns(
    columns: &mut ColumnScroll,
    limits: &Viewport,
    step: impl Fn(usize, usize) -> usize,
) {
    let (left_max, right_max) = limits.columns;
    match columns.scrolling {
        Scrolling::Together => {
            columns.left = step(columns.left, left_max);
            columns.right = step(columns.right, right_max);
            columns.third = step(columns.third, limits.third);
        }
        Scrolling::Left => columns.left = step(columns.left, left_max),
        Scrolling::Right => columns.right = step(columns.right, right_max),
        Scrolling::Third => columns.third = step(columns.third, limits.third),
    }
}

fn clamp_columns(columns: &mut ColumnScroll, limits: &Viewport) {
    columns.left = columns.left.min(limits.columns.0);
    columns.right = columns.right.min(limits.columns.1);
    columns.third = columns.third.min(limits.third);
}

impl App {
    /// The mouse (only when the settings turn it on). The wheel does what the
    /// commands for up and down do where it is, three rows a notch; a click on a
    /// row of a list selects it, and a click on the selected row opens it. Nothing
    /// happens while the screen shows nothing to act on (hidden, too small, a break,
    /// the safety note).
    pub(super) fn mouse(&mut self, mouse: MouseEvent) -> Vec<Effect> {
        if self.hidden
            || self.too_small()
            || matches!(self.overlay, Some(Overlay::Break(_) | Overlay::SafetyNote))
        {
            return Vec::new();
        }
        let context = self.context();
        let here = |app: &App, command: Command| {
            app.keys
                .bindings()
                .iter()
                .any(|b| b.command() == command && b.contexts().contains(&context))
        };
        match mouse.kind {
            MouseEventKind::ScrollUp | MouseEventKind::ScrollDown => {
                let up = mouse.kind == MouseEventKind::ScrollUp;
                let command = [
                    (Command::Up, Command::Down),
                    (
                        Command::Edit(EditAction::Up),
                        Command::Edit(EditAction::Down),
                    ),
                ]
                .into_iter()
                .map(|(u, d)| if up { u } else { d })
                .find(|command| here(self, *command));
                let Some(command) = command else {
                    return Vec::new();
                };
                self.flash = None;
                (0..3).flat_map(|_| self.run(command)).collect()
            }
            MouseEventKind::Down(MouseButton::Left) if self.overlay.is_none() => {
                let at = Position::new(mouse.column, mouse.row);
                if let Some(column) = self
                    .viewport
                    .column_areas
                    .iter()
                    .position(|area| area.contains(at))
                {
                    self.focus_column(column);
                    return Vec::new();
                }
                let Some(list) = self.viewport.list else {
                    return Vec::new();
                };
                if !list.contains(Position::new(mouse.column, mouse.row)) {
                    return Vec::new();
                }
                let (selected, count) = match self.screen {
                    Screen::Library => (self.library_screen.selected, self.visible().len()),
                    Screen::History => (self.history.selected, self.journal.entries.len()),
                    _ => return Vec::new(),
                };
                let index =
                    crate::ui::first_row(selected, list.height) + usize::from(mouse.row - list.y);
                if index >= count {
                    return Vec::new();
                }
                self.flash = None;
                if index == selected {
                    return if here(self, Command::Open) {
                        self.run(Command::Open)
                    } else {
                        Vec::new()
                    };
                }
                match self.screen {
                    Screen::Library => self.library_screen.selected = index,
                    _ => self.history.selected = index,
                }
                Vec::new()
            }
            _ => Vec::new(),
        }
    }
}

impl App {
    /// A click on a column of the side by side or the reading view: that column
    /// scrolls alone, as `Tab` would make it; a click on the column already alone
    /// brings the columns together again. Nothing while marking.
    fn focus_column(&mut self, index: usize) {
        let clicked = [Scrolling::Left, Scrolling::Right, Scrolling::Third][index];
        let columns = match self.screen {
            Screen::Exercise(Step::SideBySide) if self.exercise.marking.is_none() => {
                &mut self.exercise.columns
            }
            Screen::Reading => match self.history.reading.as_mut() {
                Some(reading) => {
                    reading.on_reflection = false;
                    &mut reading.columns
                }
                None => return,
            },
            _ => return,
        };
        self.flash = None;
        if columns.scrolling == clicked {
            columns.scrolling = Scrolling::Together;
            columns.right = columns.left;
            columns.third = columns.left;
        } else {
            columns.scrolling = clicked;
        }
    }
}
