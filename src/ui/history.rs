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

/// The rows of the chart: a caption, the bars, the baseline and the legend.
const CHART_ROWS: u16 = 8;
/// Rows of bars: each holds eight steps of a block, so 0 to 10 is drawn in quarters.
const BAR_ROWS: usize = 5;
/// The calm column: "8 → 5".
const CALM_WIDTH: usize = 9;

/// The calm check of one attempt: before and after, either skipped.
pub type Ratings = (Option<u8>, Option<u8>);

/// The ratings of every entry that has one, oldest first.
pub fn ratings_oldest_first(entries: &[Listed]) -> Vec<Ratings> {
    let mut rated: Vec<(jiff::Timestamp, Ratings)> = entries
        .iter()
        .filter_map(|item| match item {
            Listed::Entry(s) if s.distress_before.is_some() || s.distress_after.is_some() => {
                Some((s.started, (s.distress_before, s.distress_after)))
            }
            _ => None,
        })
        .collect();
    rated.sort_by_key(|(started, _)| *started);
    rated.into_iter().map(|(_, ratings)| ratings).collect()
}

/// "8 → 5", "8 → ·" when a number was skipped, nothing when both were.
pub fn calm_cell(before: Option<u8>, after: Option<u8>) -> String {
    if before.is_none() && after.is_none() {
        return String::new();
    }
    let number = |n: Option<u8>| n.map_or("·".to_string(), |n| n.to_string());
    format!("{} → {}", number(before), number(after))
}

/// A bar chart of the calm check across attempts, oldest on the left, as many of
/// the newest as fit in `width`: for each attempt a pair of bars, before on the left
/// and after on the right, with a gap between pairs. Plain characters and a legend,
/// so it reads the same without colour. A skipped number is a `·` on the baseline.
pub fn chart(ratings: &[Ratings], width: usize) -> Vec<String> {
    const AXIS: usize = 4;
    let pairs = (width.saturating_sub(AXIS + 1) / 3).max(1);
    let shown = &ratings[ratings.len().saturating_sub(pairs)..];
    let eighths = |n: u8| usize::from(n) * BAR_ROWS * 8 / 10;
    let cell = |value: Option<u8>, row: usize| -> char {
        // `row` counts from the bottom; each row holds eight eighths.
        let Some(n) = value else {
            return if row == 0 { '·' } else { ' ' };
        };
        let filled = eighths(n).saturating_sub(row * 8).min(8);
        [' ', '▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'][filled]
    };
    let mut lines = vec!["How stirred up you were, before and after".to_string()];
    for row in (0..BAR_ROWS).rev() {
        let axis = match row {
            r if r == BAR_ROWS - 1 => "10 ┤",
            r if r == BAR_ROWS / 2 => " 5 ┤",
            _ => "   │",
        };
        let mut line = String::from(axis);
        for (before, after) in shown {
            line.push(cell(*before, row));
            line.push(cell(*after, row));
            line.push(' ');
        }
        lines.push(line.trim_end().to_string());
    }
    lines.push(format!(" 0 └{}", "─".repeat(shown.len() * 3)));
    lines.push(if shown.len() == ratings.len() {
        "     each pair: before, after · oldest on the left".to_string()
    } else {
        format!("     before, after · the {} newest", shown.len())
    });
    lines
        .into_iter()
        .map(|line| crate::text::fit(&line, width).trim_end().to_string())
        .collect()
}

/// Draws the journal's entries; returns the rows the list shows.
pub fn draw(app: &App, frame: &mut Frame, area: Rect) -> (usize, Option<Rect>) {
    let theme = Theme::of(app);
    let mut lines = vec![Line::styled("Your journal", theme.title()), Line::raw("")];
    if app.journal.entries.is_empty() {
        lines.push(Line::styled(
            "Nothing here yet. Every exercise you write in is kept here, on this computer only.",
            theme.dim(),
        ));
        frame.render_widget(Paragraph::new(lines), area);
        return (0, None);
    }
    let ratings = ratings_oldest_first(&app.journal.entries);
    // The chart, where there is room for it and the list below it.
    if !ratings.is_empty() && area.height >= CHART_ROWS + 2 + 5 {
        let chart_lines = chart(&ratings, usize::from(area.width));
        lines.extend(chart_lines.into_iter().map(Line::raw));
        lines.push(Line::raw(""));
    }
    let head = lines.len() as u16;
    frame.render_widget(
        Paragraph::new(lines),
        Rect {
            height: head,
            ..area
        },
    );
    let list = Rect {
        y: area.y + head,
        height: area.height.saturating_sub(head),
        ..area
    };
    let width = usize::from(list.width);
    // The calm column only when some attempt has a rating; on a narrow screen it
    // takes the place of the word count, so the titles keep their room.
    let calm_width = if ratings.is_empty() { 0 } else { CALM_WIDTH };
    let words_width = if calm_width > 0 && width < 80 { 0 } else { 12 };
    let title_width = width
        .saturating_sub(2 + 16 + 10 + words_width + calm_width)
        .max(10);
    let row = |item: &Listed| match item {
        Listed::Entry(summary) => format!(
            "{}{}{}{}{}",
            fit(&titled(app, summary), title_width),
            fit(&short_date_time(summary.started, &app.zone), 16),
            fit(status_label(summary.status), 10),
            fit(&words(summary.words), words_width),
            calm_cell(summary.distress_before, summary.distress_after),
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
    (usize::from(list.height), Some(list))
}

/// The entry's title, with where it stands in sharing: "(both worlds)" once the
/// partner's side has come and the user's is finished, "(from {name})" while the
/// user writes theirs, "(shared)" while the user waits for theirs.
fn titled(app: &App, summary: &crate::journal::Summary) -> String {
    let title = &summary.exercise_title;
    match app.journal.sharing.get(&summary.path) {
        Some(sharing) => match (&sharing.theirs, summary.status) {
            (Some(_), crate::journal::Status::Complete) => format!("{title} (both worlds)"),
            (Some(name), _) => format!("{title} (from {name})"),
            (None, _) if sharing.sent => format!("{title} (shared)"),
            (None, _) => title.clone(),
        },
        None => title.clone(),
    }
}
