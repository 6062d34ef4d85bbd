//! The translation step: one card at a time for a line where meaning got lost (what
//! was meant, what was heard), then the cycle both are caught in.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

use super::{PROSE_WIDTH, Theme, centred, draw_field, draw_top};
use crate::app::{App, Attempt, Field};
use crate::editor::Editor;
use crate::exercise::fill_partner;
use crate::prompts::{
    CARD_BY_PARTNER, CARD_BY_YOU, CARD_QUOTE_BY_PARTNER, CARD_QUOTE_BY_YOU, CYCLE_FIELDS,
    CYCLE_INTRO, TRANSLATION_INTRO,
};
use crate::safe;
use crate::text;
use crate::translation::Speaker;

/// The label of a card's side, with the partner's name in it: "What I meant",
/// "What Sam may have heard".
pub fn side_label(by: Speaker, field: Field, partner: &str) -> String {
    let (meant, heard) = match by {
        Speaker::You => (CARD_BY_YOU.0, CARD_BY_YOU.1),
        Speaker::Partner => (CARD_BY_PARTNER.1, CARD_BY_PARTNER.0),
    };
    let label = if matches!(field, Field::Meant(_)) {
        meant
    } else {
        heard
    };
    fill_partner(label, partner)
}

/// Who said the line, as a label: "Something Sam said or did".
pub fn quote_label(by: Speaker, partner: &str) -> String {
    fill_partner(
        match by {
            Speaker::You => CARD_QUOTE_BY_YOU,
            Speaker::Partner => CARD_QUOTE_BY_PARTNER,
        },
        partner,
    )
}

/// Draws the card or the cycle with the keyboard; returns the rows its field shows.
pub fn draw(app: &App, frame: &mut Frame, body: Rect) -> usize {
    let Some(attempt) = app.attempt() else {
        return 0;
    };
    let Some(field) = attempt.current_field() else {
        return 0;
    };
    let theme = Theme::of(app);
    let column = centred(body, PROSE_WIDTH + 4);
    let width = usize::from(column.width);
    let partner = safe::line(&attempt.exercise.partner).into_owned();
    let cards = attempt.cards.len();
    let (heading, intro) = match field.card() {
        Some(n) => (
            format!("Translation · line {} of {cards}", n + 1),
            TRANSLATION_INTRO.to_owned(),
        ),
        None => (
            "Translation · the cycle".to_owned(),
            fill_partner(CYCLE_INTRO, &partner),
        ),
    };
    let mut lines = vec![Line::styled(heading, theme.title()), Line::raw("")];
    lines.extend(text::wrap(&intro, width).into_iter().map(Line::raw));
    lines.push(Line::raw(""));

    // The boxes of this card (or of the cycle), each with its field.
    let mut boxes: Vec<(String, Field, &Editor)> = Vec::new();
    match field.card() {
        Some(n) => {
            let card = &attempt.cards[n];
            if card.given {
                let who = match card.by {
                    Speaker::You => "You said:".to_owned(),
                    Speaker::Partner => format!("{} said:", crate::wording::capitalised(&partner)),
                };
                lines.push(Line::styled(who, theme.dim()));
                let quote = format!("“{}”", safe::prose(&card.quote.text()));
                for row in text::wrap_hanging(&quote, width, "  ", "  ") {
                    lines.push(Line::styled(row, theme.key()));
                }
                lines.push(Line::raw(""));
            } else {
                boxes.push((quote_label(card.by, &partner), Field::Quote(n), &card.quote));
            }
            for side in attempt.fields() {
                if side.card() == Some(n)
                    && !matches!(side, Field::Quote(_))
                    && let Some(editor) = attempt.field_editor(side)
                {
                    boxes.push((side_label(card.by, side, &partner), side, editor));
                }
            }
        }
        None => {
            for (n, label) in CYCLE_FIELDS.iter().enumerate() {
                let label = crate::wording::capitalised(&fill_partner(label, &partner));
                boxes.push((label, Field::Cycle(n), &attempt.cycle[n]));
            }
            lines.push(Line::styled(cycle_sentence(attempt, &partner), theme.dim()));
        }
    }
    let box_min = 3 * boxes.len() as u16;
    let head_height = (lines.len() as u16).min(column.height.saturating_sub(box_min));
    let below = draw_top(frame.buffer_mut(), column, head_height, lines);
    // The boxes share the rest; a one-line blank of the cycle takes three rows.
    let room = below.height;
    let each = if field.card().is_some() {
        (room / boxes.len().max(1) as u16).max(3)
    } else {
        3
    };
    let mut y = below.y;
    let mut focused_rows = 0;
    for (label, box_field, editor) in boxes {
        let area = Rect {
            y,
            height: each.min(column.bottom().saturating_sub(y)),
            ..column
        };
        y += area.height;
        let focused = box_field == field;
        let rows = draw_field(app, frame, area, &label, editor, focused);
        if focused {
            focused_rows = rows;
        }
    }
    focused_rows
}

/// The cycle as one sentence, with blanks where nothing is written yet.
pub fn cycle_sentence(attempt: &Attempt, partner: &str) -> String {
    let blank = |editor: &Editor| {
        let text = editor.text();
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if text.is_empty() {
            "___".to_owned()
        } else {
            safe::line(&text).into_owned()
        }
    };
    format!(
        "When I {}, {partner} {}, and then I {}.",
        blank(&attempt.cycle[0]),
        blank(&attempt.cycle[1]),
        blank(&attempt.cycle[2])
    )
}

/// What the user found in the translation, for the finished screen and the reading
/// view: the marked passages, the cards with something in them, and the cycle. Empty
/// when there is none of it.
pub fn summary_lines(attempt: &Attempt, width: usize, theme: Theme) -> Vec<Line<'static>> {
    let partner = safe::line(&attempt.exercise.partner).into_owned();
    let mut lines: Vec<Line<'static>> = Vec::new();
    let section = |lines: &mut Vec<Line<'static>>, heading: String| {
        if !lines.is_empty() {
            lines.push(Line::raw(""));
        }
        lines.push(Line::styled(heading, theme.key()));
    };
    let quoted = |text: &str| {
        text::wrap_hanging(&format!("“{}”", text.trim()), width, "  ", "  ")
            .into_iter()
            .map(Line::raw)
    };
    let marks = &attempt.marks;
    if !marks.own.is_empty() {
        section(
            &mut lines,
            format!("What {partner} most needs to hear from you"),
        );
        lines.extend(quoted(&marks.own));
    }
    if !marks.partner.is_empty() {
        section(
            &mut lines,
            format!("What you most need to understand about {partner}"),
        );
        lines.extend(quoted(&marks.partner));
    }
    for (n, card) in attempt.cards.iter().enumerate() {
        if card.meant.is_empty() && card.heard.is_empty() {
            continue;
        }
        let who = match card.by {
            Speaker::You => "you".to_owned(),
            Speaker::Partner => partner.clone(),
        };
        section(
            &mut lines,
            format!("Translation {}, a line of {who}'s", n + 1),
        );
        let quote = card.quote.text();
        if !quote.trim().is_empty() {
            lines.extend(quoted(&safe::prose(&quote)));
        }
        for field in attempt.fields() {
            if field.card() != Some(n) || matches!(field, Field::Quote(_)) {
                continue;
            }
            let Some(editor) = attempt.field_editor(field) else {
                continue;
            };
            let label = side_label(card.by, field, &partner);
            let answer = if editor.is_empty() {
                "—".to_owned()
            } else {
                editor.text()
            };
            lines.extend(
                text::wrap_hanging(&format!("{label}: {answer}"), width, "  ", "    ")
                    .into_iter()
                    .map(Line::raw),
            );
        }
    }
    if attempt.cycle.iter().any(|e| !e.is_empty()) {
        section(&mut lines, "The cycle".to_owned());
        lines.extend(
            text::wrap_hanging(&cycle_sentence(attempt, &partner), width, "  ", "  ")
                .into_iter()
                .map(Line::raw),
        );
    }
    lines
}
