//! Temporary stand-in for the prose editor (replaced by the real one).

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::{Position, Rect};
use ratatui::widgets::{Paragraph, Widget, Wrap};

#[derive(Default)]
pub struct Editor {
    text: String,
    revision: u64,
}

impl Editor {
    pub fn new() -> Self {
        Self::default()
    }
    pub fn from_text(text: &str) -> Self {
        Editor {
            text: text.into(),
            revision: 0,
        }
    }
    pub fn text(&self) -> String {
        self.text.clone()
    }
    pub fn is_empty(&self) -> bool {
        self.text.trim().is_empty()
    }
    pub fn word_count(&self) -> usize {
        self.text.split_whitespace().count()
    }
    pub fn revision(&self) -> u64 {
        self.revision
    }
    pub fn handle_key(&mut self, key: KeyEvent) -> bool {
        match key.code {
            KeyCode::Char(c) => self.text.push(c),
            KeyCode::Enter => self.text.push('\n'),
            KeyCode::Backspace => {
                self.text.pop();
            }
            _ => return false,
        }
        self.revision += 1;
        true
    }
    pub fn paste(&mut self, text: &str) {
        self.text.push_str(text);
        self.revision += 1;
    }
    pub fn render(&self, area: Rect, buf: &mut Buffer, _focused: bool) {
        Paragraph::new(self.text.as_str())
            .wrap(Wrap { trim: false })
            .render(area, buf);
    }
    pub fn cursor_position(&self, area: Rect) -> Option<Position> {
        Some(area.as_position())
    }
}

pub fn bindings() -> Vec<(&'static str, &'static str)> {
    vec![("Ctrl+Z", "undo")]
}
