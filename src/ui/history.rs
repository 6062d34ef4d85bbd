//! The journal: every entry, newest first.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::{Theme, draw_selectable};
use crate::app::App;
use crate::journal::Listed;
use crate::text::fit;
use crate::time::short_date_time;
use crate::wording::{status_label, words};

/// Draws the journal's entries; returns the rows the list shows.
pub fn draw(app: &App, frame: &mut Frame, area: Rect) -> usize {
    let theme = Theme::of(app);
    let mut lines = vec![Line::styled("Your journal", theme.title()), Line::raw("")];
    if app.journal.entries.is_empty() {
        lines.push(Line::styled(
            "Nothing here yet. Every exercise you write in is kept here, on this computer only.",
            theme.dim(),
        ));
        frame.render_widget(Paragraph::new(lines), area);
        return 0;
    }
    frame.render_widget(Paragraph::new(lines), Rect { height: 2, ..area });
    let list = Rect {
        y: area.y + 2,
        height: area.height.saturating_sub(2),
        ..area
    };
    let width = usize::from(list.width);
    let title_width = width.saturating_sub(2 + 16 + 10 + 12).max(10);
    let row = |item: &Listed| match item {
        Listed::Entry(summary) => format!(
            "{}{}{}{}",
            fit(&summary.exercise_title, title_width),
            fit(&short_date_time(summary.started, &app.zone), 16),
            fit(status_label(summary.status), 10),
            words(summary.words)
        ),
        Listed::Unreadable { path, reason } => {
            // `exercise-id/file`: which exercise it was, as far as the folder says.
            let name: Vec<String> = path
                .iter()
                .rev()
                .take(2)
                .map(|part| part.to_string_lossy().into_owned())
                .collect();
            let name = name.into_iter().rev().collect::<Vec<_>>().join("/");
            crate::safe::line(&format!("{name}  unreadable: {reason}")).into_owned()
        }
    };
    draw_selectable(
        frame,
        list,
        theme,
        &app.journal.entries,
        app.history.selected,
        row,
    );
    usize::from(list.height)
}
