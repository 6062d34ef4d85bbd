//! The form of a moment of one's own: the partner's name, a title, and what happened
//! as a camera would have seen it. One field has the keyboard at a time.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

use super::{PROSE_WIDTH, Theme, centred, draw_field, draw_top};
use crate::app::App;
use crate::keymap::Command;
use crate::prompts::MOMENT_FIELDS;
use crate::text;

/// Draws the form; returns the rows the focused field shows.
pub fn draw(app: &App, frame: &mut Frame, body: Rect) -> usize {
    let Some(form) = app.attempt().and_then(|a| a.form.as_ref()) else {
        return 0;
    };
    let theme = Theme::of(app);
    let column = centred(body, PROSE_WIDTH + 4);
    let width = usize::from(column.width);
    let keys = |command| app.keys.label_of(app.context_under_overlay(), command);
    let mut lines = vec![
        Line::styled("A moment of your own", theme.title()),
        Line::raw(""),
    ];
    // The field's hint comes first: where room is short, the general words give way.
    let (_, hint) = MOMENT_FIELDS[form.field.min(MOMENT_FIELDS.len() - 1)];
    if app.show_hints() {
        for row in text::wrap_hanging(hint, width, "· ", "  ") {
            lines.push(Line::styled(row, theme.dim()));
        }
    } else {
        lines.push(Line::styled(
            format!("(hints hidden — {} shows them)", keys(Command::ToggleHints)),
            theme.dim(),
        ));
    }
    lines.push(Line::raw(""));
    let intro = format!(
        "Describe a real moment in three short fields ({} for the next, {} to go back). \
         Then you write it from both sides, as with any scenario.",
        keys(Command::Next),
        keys(Command::Previous)
    );
    lines.extend(text::wrap(&intro, width).into_iter().map(Line::raw));
    // The two one-line fields take three rows each; what happened takes the rest,
    // at least four; the words above give way first.
    let fields_min = 3 + 3 + 4;
    let head_height = (lines.len() as u16 + 1).min(column.height.saturating_sub(fields_min));
    let fields = draw_top(frame.buffer_mut(), column, head_height, lines);
    let mut y = fields.y;
    let bottom = fields.bottom();
    let mut focused_rows = 0;
    for (index, (editor, (label, _))) in form.editors().into_iter().zip(MOMENT_FIELDS).enumerate() {
        let height = if index < 2 {
            3
        } else {
            bottom.saturating_sub(y)
        };
        let area = Rect {
            y,
            height: height.min(bottom.saturating_sub(y)),
            ..column
        };
        y += area.height;
        let focused = index == form.field;
        let rows = draw_field(app, frame, area, label, editor, focused);
        if focused {
            focused_rows = rows;
        }
    }
    focused_rows
}
