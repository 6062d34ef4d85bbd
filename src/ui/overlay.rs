//! Windows over a screen: help, problems in scenario files, a peek at your own view.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use unicode_width::UnicodeWidthStr as _;

use super::{Theme, inside};
use crate::app::{App, Overlay, Question, Screen, Step};
use crate::keymap::{Command, Context};
use crate::text;

fn area_of(body: Rect) -> Rect {
    let width = body.width.min(90);
    let height = body.height;
    area_sized(body, width, height)
}

fn area_sized(body: Rect, width: u16, height: u16) -> Rect {
    Rect {
        x: body.x + (body.width - width) / 2,
        y: body.y,
        width,
        height,
    }
}

/// The most rows of text a question's box shows above its answers.
const MAX_QUESTION_ROWS: usize = 8;

/// The overlay's content as plain rows plus a title.
fn content(app: &App, width: usize) -> (String, Vec<Line<'static>>) {
    let theme = Theme::of(app);
    match &app.overlay {
        Some(Overlay::Help) | None => {
            let mut lines = Vec::new();
            let rows = app.keys.help_rows(app.context_under_overlay());
            // The editor's keys, apart from the screen's.
            let editing = if app.focused_editor().is_some() {
                app.keys.editing_help_rows(app.context_under_overlay())
            } else {
                Vec::new()
            };
            // One column for the keys, as wide as most of them need.
            let key_width = rows
                .iter()
                .chain(&editing)
                .map(|(key, _)| key.width())
                .max()
                .unwrap_or(0)
                .min(18);
            let row = |key: &str, help: &str| {
                let pad = " ".repeat(key_width.saturating_sub(key.width()));
                Line::from(vec![
                    Span::styled(format!(" {key}{pad}  "), theme.key()),
                    Span::raw(help.to_string()),
                ])
            };
            for (key, help) in &rows {
                lines.push(row(key, help));
            }
            if !editing.is_empty() {
                lines.push(Line::raw(""));
                lines.push(Line::styled(" While writing", theme.title()));
                for (key, help) in &editing {
                    lines.push(row(key, help));
                }
            }
            lines.push(Line::raw(""));
            // The key that leaves a writing screen.
            let leave = app.keys.label_of(Context::OWN_VIEW, Command::Back);
            lines.push(Line::styled(
                format!("Your text stays on this computer. {leave} never deletes it."),
                theme.dim(),
            ));
            lines.push(Line::raw(""));
            lines.push(Line::styled(" Who two-worlds is for", theme.title()));
            lines.extend(safety_note_lines(app, width, theme));
            ("Keys".to_string(), lines)
        }
        // Drawn by `ui::calm`, not as a window of text.
        Some(Overlay::Calm(_) | Overlay::CalmNote(_) | Overlay::Break(_)) => {
            (String::new(), Vec::new())
        }
        Some(Overlay::SafetyNote) => (
            crate::care::SAFETY_TITLE.to_string(),
            safety_note_lines(app, width, theme),
        ),
        Some(Overlay::Problems) => {
            let mut lines = Vec::new();
            for problem in &app.library.problems {
                for row in text::wrap(&problem.to_string(), width) {
                    lines.push(Line::raw(row));
                }
                lines.push(Line::raw(""));
            }
            let check = if app.settings_problems().len() < app.library.problems.len() {
                format!("`{}`", app.check_command())
            } else {
                String::new()
            };
            let config = if app.settings_problems().is_empty() {
                ""
            } else if check.is_empty() {
                "`two-worlds config`"
            } else {
                " and `two-worlds config`"
            };
            lines.push(Line::styled(
                format!("Fix the files, then run {check}{config} to confirm."),
                theme.dim(),
            ));
            let title = super::library::where_problems_are(app);
            (format!("Problems in {title}"), lines)
        }
        Some(Overlay::Ask(question)) => {
            let key = |command| app.keys.label_of(Context::Question, command);
            let (yes, no, cancel) = (key(Command::Yes), key(Command::No), key(Command::Cancel));
            let (title, text, choices) = match question {
                Question::Resume { saved, .. } => (
                    "Continue?",
                    format!("You have a draft of this exercise from {saved}."),
                    format!(
                        "{yes} continue the draft  ·  {no} start fresh (the draft stays in your journal)  ·  {cancel} cancel"
                    ),
                ),
                Question::Care { note, .. } => (
                    "Before this scenario",
                    note.clone(),
                    format!("{yes} go on  ·  {no} or {cancel} go back to the library"),
                ),
                Question::Delete { name, .. } => (
                    "Delete?",
                    format!(
                        "Delete the entry “{name}” for good? The journal cannot bring it back. \
                         If two-worlds exported it, you are asked about those copies next."
                    ),
                    format!("{yes} delete  ·  {no} or {cancel} keep it"),
                ),
                Question::ExportPlain { .. } => (
                    "Export as plain text?",
                    "Your journal is locked, but an export is not: it is plain text in your \
                     exports folder, and anyone who can open that file can read it. Delete it \
                     when you no longer need it."
                        .to_owned(),
                    format!("{yes} export  ·  {no} or {cancel} do not export"),
                ),
                Question::DeleteExports { files } => (
                    "Its exports too?",
                    format!(
                        "The entry is deleted. two-worlds also wrote {} of it into your exports \
                         folder ({}). Delete {} as well? Files you exported elsewhere are yours \
                         and are not touched.",
                        crate::wording::plural(files.len(), "export", "exports"),
                        files
                            .iter()
                            .filter_map(|f| f.file_name())
                            .map(|n| crate::safe::line(&n.to_string_lossy()).into_owned())
                            .collect::<Vec<_>>()
                            .join(", "),
                        if files.len() == 1 { "it" } else { "them" }
                    ),
                    format!("{yes} delete  ·  {no} or {cancel} keep"),
                ),
                Question::Finish => (
                    "Finish?",
                    "A finished entry is kept in your journal as it is, and can no longer be changed. \
                     Doing the exercise again starts a new one."
                        .to_string(),
                    format!("{yes} finish  ·  {cancel} keep writing"),
                ),
                Question::CopyBuiltin { title, .. } => (
                    "Edit a copy?",
                    format!(
                        "“{}” is built in. Editing it makes a copy in your own exercises \
                         folder, under a new id, and opens the copy in your editor. The \
                         built-in stays as it is, so later improvements to it still reach you.",
                        crate::safe::line(title)
                    ),
                    format!("{yes} make a copy and edit it  ·  {no} or {cancel} cancel"),
                ),
                Question::QuitAnyway { error } => (
                    "Not saved",
                    format!("The last save failed: {error}. Your text is still here, in memory."),
                    format!(
                        "{yes} try again  ·  {no} quit anyway (unsaved text is lost)  ·  {cancel} keep writing"
                    ),
                ),
            };
            let mut rows = text::wrap(&text, width);
            // A question box does not scroll: a long text (a care note from a file)
            // gives way, so its answers always show.
            if rows.len() > MAX_QUESTION_ROWS {
                rows.truncate(MAX_QUESTION_ROWS);
                if let Some(last) = rows.last_mut() {
                    last.push_str(" …");
                }
            }
            let mut lines: Vec<Line> = rows.into_iter().map(Line::raw).collect();
            lines.push(Line::raw(""));
            lines.extend(
                text::wrap(&choices, width)
                    .into_iter()
                    .map(|r| Line::styled(r, theme.key())),
            );
            (title.to_string(), lines)
        }
        Some(Overlay::Prompt) => {
            let Some(prompt) = app.prompt.as_ref() else {
                return (String::new(), Vec::new());
            };
            let title = match prompt.kind {
                crate::app::PromptKind::Share { .. } => "Share this moment",
                crate::app::PromptKind::Import => "Bring in a shared moment",
                crate::app::PromptKind::Missed => "What you'd add",
                crate::app::PromptKind::Phrase { .. } => "A locked file",
                crate::app::PromptKind::Unlock => "Your journal is locked",
            };
            let lines = prompt
                .lines
                .iter()
                .flat_map(|line| {
                    if line.is_empty() {
                        vec![String::new()]
                    } else {
                        text::wrap(line, width)
                    }
                })
                .map(Line::raw)
                .collect();
            (title.to_string(), lines)
        }
        Some(Overlay::Peek) => {
            let Some(attempt) = app.attempt() else {
                return (String::new(), Vec::new());
            };
            if app.screen == Screen::Exercise(Step::PartnerView) {
                let lines = text_lines(
                    &attempt.own_view,
                    "(you have not written your view yet)",
                    width,
                    theme,
                );
                return ("Your view (read only)".to_string(), lines);
            }
            // Both views (and the friend's), one after the other.
            let partner = attempt.exercise.partner_title();
            let mut sections = vec![
                ("Your view".to_string(), &attempt.own_view),
                (
                    format!("{partner}'s view, as you imagine it"),
                    &attempt.partner_view,
                ),
            ];
            if attempt.has_observer() {
                sections.push((
                    crate::prompts::OBSERVER_TITLE.to_string(),
                    &attempt.observer_view,
                ));
            }
            let mut lines = Vec::new();
            for (i, (heading, editor)) in sections.into_iter().enumerate() {
                if i > 0 {
                    lines.push(Line::raw(""));
                }
                lines.push(Line::styled(heading, theme.key()));
                lines.extend(text_lines(editor, "(nothing written)", width, theme));
            }
            ("Both views (read only)".to_string(), lines)
        }
        Some(Overlay::Friend) => {
            let lines = app.attempt().map_or_else(Vec::new, |attempt| {
                text_lines(
                    &attempt.observer_view,
                    "(nothing written yet)",
                    width,
                    theme,
                )
            });
            (
                format!("{} (read only)", crate::prompts::OBSERVER_TITLE),
                lines,
            )
        }
    }
}

/// A text wrapped to `width`, or a quiet note when it is empty.
fn text_lines(
    editor: &crate::editor::Editor,
    empty: &'static str,
    width: usize,
    theme: Theme,
) -> Vec<Line<'static>> {
    if editor.is_empty() {
        return vec![Line::styled(empty, theme.dim())];
    }
    text::wrap(&editor.text(), width)
        .into_iter()
        .map(Line::raw)
        .collect()
}

/// Who this exercise is for, with helplines and the quick hide, wrapped to `width`
/// with a one-column margin, as the help rows have.
pub fn safety_note_lines(app: &App, width: usize, theme: Theme) -> Vec<Line<'static>> {
    let width = width.saturating_sub(2);
    let mut lines = Vec::new();
    // Wrapped lines hang under the first, so each item reads as one.
    let mut add = |text: &str, lead: &str, style| {
        let indent = " ".repeat(lead.width());
        for row in text::wrap_hanging(text, width, lead, &indent) {
            lines.push(Line::styled(format!(" {row}"), style));
        }
    };
    for paragraph in crate::care::SAFETY_NOTE {
        add(paragraph, "", Style::new());
        add("", "", Style::new());
    }
    for helpline in crate::care::HELPLINES {
        add(helpline, "• ", Style::new());
    }
    add("", "", Style::new());
    let hide = app.keys.label_of(Context::Note, Command::Hide);
    let back = if app.journal_locked {
        "any key brings back the passphrase, and then the screen"
    } else {
        "any key brings it back"
    };
    add(
        &format!("{hide} hides the screen at once, wherever you are; {back}."),
        "",
        theme.key(),
    );
    lines
}

/// Draws the overlay; returns how far it can scroll, and the rows it shows.
pub fn draw(app: &App, frame: &mut Frame, body: Rect) -> (usize, usize) {
    if app.overlay == Some(Overlay::Prompt) {
        draw_prompt(app, frame, body);
        return (0, 0);
    }
    let theme = Theme::of(app);
    let mut area = area_of(body);
    if matches!(app.overlay, Some(Overlay::Ask(_))) {
        // A question is a small box in the middle, not a whole page.
        let (_, lines) = content(app, usize::from(inside(area).width));
        let height = (lines.len() as u16 + 2).min(body.height);
        area = Rect {
            y: body.y + (body.height - height) / 3,
            height,
            ..area
        };
    }
    let inner = inside(area);
    let (title, lines) = content(app, usize::from(inner.width));
    let mut block = Block::new()
        .borders(Borders::ALL)
        .border_set(theme.border())
        .title(Span::styled(format!(" {title} "), theme.title()));
    if !matches!(app.overlay, Some(Overlay::Ask(_))) {
        let close = app.keys.label_of(Context::Overlay, Command::CloseOverlay);
        block = block.title_bottom(Line::from(format!(" {close} close ")).right_aligned());
    }
    let max_scroll = lines.len().saturating_sub(usize::from(inner.height));
    let scroll = app.overlay_scroll.min(max_scroll);
    let hidden_below = lines.len() > scroll + usize::from(inner.height);
    if hidden_below {
        let key = |command| app.keys.label_of(Context::Overlay, command);
        let more = format!(" {} {} more ", key(Command::Down), key(Command::PageDown));
        block = block.title_bottom(Line::styled(more, theme.key()));
    }
    frame.render_widget(Clear, area);
    frame.render_widget(block, area);
    let shown: Vec<Line> = lines
        .into_iter()
        .skip(scroll)
        .take(usize::from(inner.height))
        .collect();
    frame.render_widget(Paragraph::new(shown), inner);
    (max_scroll, usize::from(inner.height))
}

/// A prompt: what it is about, the line being typed (with the terminal's cursor in
/// it), and its keys.
pub(super) fn draw_prompt(app: &App, frame: &mut Frame, body: Rect) {
    let theme = Theme::of(app);
    let Some(prompt) = app.prompt.as_ref() else {
        return;
    };
    let mut area = area_of(body);
    let width = usize::from(inside(area).width);
    let (title, mut lines) = content(app, width);
    let key = |command| app.keys.label_of(Context::Prompt, command);
    let keys = if prompt.kind == crate::app::PromptKind::Unlock {
        format!(
            "{} open  ·  {} quit",
            key(Command::Yes),
            app.keys.label_of(Context::Prompt, Command::ForceQuit)
        )
    } else {
        format!(
            "{} done  ·  {} cancel (nothing is written)",
            key(Command::Yes),
            key(Command::Cancel)
        )
    };
    let field_rows: u16 = if prompt.kind == crate::app::PromptKind::Missed {
        3
    } else {
        1
    };
    // Room for the text, the field, a blank row and the keys; the text gives way.
    let room = usize::from(body.height.saturating_sub(2 + field_rows + 2));
    if lines.len() > room {
        lines.drain(..lines.len() - room);
    }
    let height = (lines.len() as u16 + field_rows + 2 + 2).min(body.height);
    area = Rect {
        y: body.y + (body.height - height) / 3,
        height,
        ..area
    };
    let block = Block::new()
        .borders(Borders::ALL)
        .border_set(theme.border())
        .title(Span::styled(format!(" {title} "), theme.title()));
    let inner = inside(area);
    frame.render_widget(Clear, area);
    frame.render_widget(block, area);
    let text_rows = lines.len() as u16;
    frame.render_widget(Paragraph::new(lines), inner);
    let field = Rect {
        y: inner.y + text_rows.min(inner.height.saturating_sub(1)),
        height: field_rows.min(inner.height.saturating_sub(text_rows).max(1)),
        ..inner
    };
    if matches!(
        prompt.kind,
        crate::app::PromptKind::Phrase { .. } | crate::app::PromptKind::Unlock
    ) {
        // Never shown: a dot for each character typed.
        let dots = "•".repeat(
            prompt
                .field
                .text()
                .chars()
                .count()
                .min(usize::from(field.width.saturating_sub(1))),
        );
        let width = dots.chars().count() as u16;
        frame.render_widget(Paragraph::new(dots), field);
        frame.set_cursor_position((field.x + width, field.y));
    } else if let Some(cursor) = prompt.field.render(field, frame.buffer_mut()) {
        frame.set_cursor_position(cursor);
    }
    let keys_row = Rect {
        y: (field.y + field.height + 1).min(inner.y + inner.height.saturating_sub(1)),
        height: 1,
        ..inner
    };
    frame.render_widget(Paragraph::new(Line::styled(keys, theme.key())), keys_row);
}
