//! The library: every exercise, a filter, and a preview of the selected one.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::{Theme, draw_selectable};
use crate::app::{App, ExerciseStatus};
use crate::exercise::Origin;
use crate::journal::Status;
use crate::keymap::{Command, Context};
use crate::text::{self, fit};
use crate::time::short_date;
use crate::wording::{plural, status_label};

/// At this width and wider, the preview sits beside the list.
pub const SIDE_PREVIEW_WIDTH: u16 = 100;

/// Draws the library; returns the rows its list shows.
pub fn draw(app: &App, frame: &mut Frame, area: Rect) -> (usize, Option<Rect>) {
    let theme = Theme::of(app);
    let mut area = area;
    let problems = app
        .library
        .problems
        .iter()
        .filter(|p| p.severity != crate::exercise::Severity::Note)
        .count();
    if problems > 0 {
        let banner = Line::from(vec![
            Span::styled(
                format!(
                    "! {} in {}",
                    plural(problems, "problem", "problems"),
                    where_problems_are(app)
                ),
                theme.warning(),
            ),
            Span::raw(" — press "),
            Span::styled(
                app.keys.label_of(Context::Library, Command::ShowProblems),
                theme.key(),
            ),
            Span::raw(" to see them"),
        ]);
        frame.render_widget(banner, Rect { height: 1, ..area });
        area.y += 2;
        area.height = area.height.saturating_sub(2);
    }
    let (list_area, preview_area) = if area.width >= SIDE_PREVIEW_WIDTH {
        let [list, _, preview] = Layout::horizontal([
            Constraint::Percentage(55),
            Constraint::Length(2),
            Constraint::Min(20),
        ])
        .areas(area);
        (list, preview)
    } else {
        let [list, _, preview] = Layout::vertical([
            Constraint::Percentage(50),
            Constraint::Length(1),
            Constraint::Min(3),
        ])
        .areas(area);
        (list, preview)
    };
    let drawn = draw_list(app, frame, list_area, theme);
    draw_preview(app, frame, preview_area, theme);
    drawn
}

/// Draws the list (and the filter above it); returns the rows the list shows.
fn draw_list(app: &App, frame: &mut Frame, area: Rect, theme: Theme) -> (usize, Option<Rect>) {
    let mut area = area;
    if app.library_screen.filtering || !app.library_screen.filter.is_empty() {
        let line = Line::from(vec![
            Span::styled(
                format!("{} ", app.keys.label_of(Context::Library, Command::Filter)),
                theme.key(),
            ),
            Span::raw(app.library_screen.filter.as_str()),
        ]);
        // The terminal's own cursor after what is typed, as in any field.
        let end = area.x.saturating_add(line.width() as u16);
        frame.render_widget(line, Rect { height: 1, ..area });
        if app.library_screen.filtering && app.overlay.is_none() && end < area.right() {
            frame.set_cursor_position((end, area.y));
        }
        area.y += 1;
        area.height = area.height.saturating_sub(1);
    }
    let visible = app.visible();
    if visible.is_empty() {
        // The library's keys, also named while the filter is typed.
        let label = |command| app.keys.label_of(Context::Library, command);
        let message = if app.library.exercises.is_empty() {
            format!(
                "No exercises could be loaded. Press {} to see why.",
                label(Command::ShowProblems)
            )
        } else {
            format!(
                "Nothing matches the filter. {} clears it.",
                label(Command::ClearFilter)
            )
        };
        frame.render_widget(Paragraph::new(message).style(theme.dim()), area);
        return (usize::from(area.height), None);
    }
    let status_width = 16usize;
    // Tags get a third of a wide list, and nothing on a narrow one.
    let tags_width = if area.width >= 60 {
        (usize::from(area.width) / 3).clamp(22, 36)
    } else {
        0
    };
    let title_width = usize::from(area.width)
        .saturating_sub(2 + status_width + tags_width + 2)
        .max(8);
    let row = |&index: &usize| {
        let exercise = &app.library.exercises[index];
        // The user's own scenarios say so, in words (no colour needed).
        // The user's own scenarios, and moments a partner shared, say so in words.
        let marker = match &exercise.origin {
            Origin::Own(_) => Some("yours".to_owned()),
            Origin::Shared { from, .. } => Some(format!("from {from}")),
            _ => None,
        };
        let mut line = match &marker {
            Some(marker) if tags_width == 0 => {
                fit(&format!("{} ({marker})", exercise.title), title_width)
            }
            _ => fit(&exercise.title, title_width),
        };
        if tags_width > 0 {
            let tags = exercise.tags.join(", ");
            let tags = match (marker, tags.is_empty()) {
                (Some(marker), true) => marker,
                (Some(marker), false) => format!("{marker}, {tags}"),
                (None, _) => tags,
            };
            line.push_str(&fit(&tags, tags_width));
        }
        line.push_str(&fit(&status_text(app, &exercise.id), status_width));
        line
    };
    draw_selectable(
        frame,
        area,
        theme,
        &visible,
        app.library_screen.selected,
        row,
    );
    (usize::from(area.height), Some(area))
}

/// In the preview of a scenario with a care note, in place of its text.
const CARE_FIRST: &str = "This one touches something tender. A short note comes first, \
    and you can go back from there; the scenario shows after it.";

fn draw_preview(app: &App, frame: &mut Frame, area: Rect, theme: Theme) {
    let Some(exercise) = app.selected_exercise() else {
        return;
    };
    let block = Block::new()
        .borders(Borders::TOP)
        .border_set(theme.border())
        .title(Span::styled(" Preview ", theme.dim()));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = usize::from(inner.width);
    let mut lines = vec![Line::styled(
        crate::safe::line(&exercise.title).into_owned(),
        theme.title(),
    )];
    let mut with = format!("with {}", crate::safe::line(&exercise.partner));
    if matches!(exercise.origin, Origin::Own(_)) {
        let edit = app.keys.label_of(Context::Library, Command::EditScenario);
        with.push_str(&format!("  ·  your own ({edit} edits it)"));
    }

    let tags = if exercise.tags.is_empty() {
        String::new()
    } else {
        format!("  ·  {}", crate::safe::line(&exercise.tags.join(", ")))
    };
    lines.push(Line::styled(format!("{with}{tags}"), theme.dim()));
    if let Origin::Shared { from, .. } = &exercise.origin {
        let note = format!(
            "The moment, as {0} described it. {0}'s own view and their guess of you stay \
             hidden until you have written and finished yours, so neither guess is shaped by \
             the other's words.",
            crate::safe::line(from)
        );
        lines.extend(
            text::wrap(&note, width)
                .into_iter()
                .map(|row| Line::styled(row, theme.dim())),
        );
    }
    lines.push(Line::raw(""));
    for row in text::wrap(&exercise.summary, width) {
        lines.push(Line::styled(row, theme.key()));
    }
    if let Some(mirror) = exercise
        .mirror
        .as_deref()
        .and_then(|id| app.library.get(id))
    {
        let other = format!(
            "Also told from the other side: “{}”",
            crate::safe::line(&mirror.title)
        );
        lines.extend(
            text::wrap(&other, width)
                .into_iter()
                .map(|row| Line::styled(row, theme.dim())),
        );
    }
    lines.push(Line::raw(""));
    if exercise.care.is_some() {
        // A scenario with a care note is not shown before the note has been read.
        lines.extend(
            text::wrap(CARE_FIRST, width)
                .into_iter()
                .map(|row| Line::styled(row, theme.dim())),
        );
    } else {
        lines.extend(
            text::wrap(&exercise.scenario, width)
                .into_iter()
                .map(Line::raw),
        );
    }
    lines.truncate(usize::from(inner.height));
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The status column of an exercise: new, not saved, draft, or done ×N with the date
/// of the last time, in the user's time zone.
pub fn status_text(app: &App, id: &str) -> String {
    match app.exercise_status(id) {
        ExerciseStatus::New => "new".to_string(),
        ExerciseStatus::NotSaved => "not saved".to_string(),
        ExerciseStatus::Draft => status_label(Status::Draft).to_string(),
        ExerciseStatus::Done { times, last } => {
            let done = status_label(Status::Complete);
            match last {
                Some(time) => format!("{done} ×{times} {}", short_date(time, &app.zone)),
                None => format!("{done} ×{times}"),
            }
        }
    }
}

/// Where the problems listed were found, in words.
pub fn where_problems_are(app: &App) -> &'static str {
    let settings = app.settings_problems().len();
    match (settings, app.library.problems.len() > settings) {
        (0, _) => "scenario files",
        (_, true) => "scenario files and settings",
        (_, false) => "your settings",
    }
}
