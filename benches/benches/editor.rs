//! What a person waits for: a typed key and the redraw after it with a long draft in the
//! editor, and a large paste. Drawn at 100x40, a common terminal size. The editor is
//! driven as the app drives it: a typed character, or the edit a key means.
//!
//! `widget_baseline` measures ratatui-textarea's `TextArea` doing the same, which is why the
//! editor keeps its own text and wrap cache.

use std::hint::black_box;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget as _;
use ratatui_textarea::{CursorMove, TextArea, WrapMode};
use two_worlds::editor::{EditAction, Editor};
use two_worlds_benches::Sample;

const AREA: Rect = Rect::new(0, 0, 100, 40);

const SENTENCE: &str = "She said the dishes were never the point, and I heard it as blame \
    again; I wanted to explain the week I had had, the train, the late meeting. ";

/// About `bytes` of prose in paragraphs of four sentences.
fn prose(bytes: usize) -> String {
    Sample {
        sentences: &[SENTENCE],
        per_paragraph: Some(4),
        paragraph_break: "\n",
    }
    .prose(bytes)
}

/// About `bytes` of prose as one paragraph, the hardest case for wrapping.
fn one_paragraph(bytes: usize) -> String {
    Sample {
        sentences: &[SENTENCE],
        per_paragraph: None,
        paragraph_break: "",
    }
    .prose(bytes)
}

fn typing(c: &mut Criterion) {
    let mut group = c.benchmark_group("key_and_render");
    let cases = [
        ("100KB_at_end", prose(100_000), false),
        ("100KB_in_middle", prose(100_000), true),
        (
            "100KB_one_paragraph_in_middle",
            one_paragraph(100_000),
            true,
        ),
        ("1MiB_in_middle", prose(1 << 20), true),
    ];
    for (name, text, middle) in cases {
        let mut editor = Editor::from_text(&text);
        let mut buf = Buffer::empty(AREA);
        editor.render(AREA, &mut buf);
        if middle {
            // Half way through: page up from the end over half the rows.
            let rows = text.len() / 100 / 2;
            for _ in 0..rows / 39 {
                editor.apply(EditAction::PageUp, usize::from(AREA.height));
            }
            editor.render(AREA, &mut buf);
        }
        let mut n = 0u32;
        group.bench_function(name, |b| {
            b.iter(|| {
                // Type a word and a space, so the text neither only grows in one word nor
                // keeps one ever-longer undo step.
                n += 1;
                let c = if n.is_multiple_of(6) { ' ' } else { 'x' };
                editor.type_char(c);
                buf.reset();
                editor.render(AREA, &mut buf);
                black_box(&buf);
            });
        });
    }
    group.finish();
}

fn moving(c: &mut Criterion) {
    let mut editor = Editor::from_text(&prose(100_000));
    let mut buf = Buffer::empty(AREA);
    editor.render(AREA, &mut buf);
    let mut n = 0u32;
    c.bench_function("key_and_render/100KB_up_down", |b| {
        b.iter(|| {
            n += 1;
            let action = if n % 40 < 20 {
                EditAction::Up
            } else {
                EditAction::Down
            };
            editor.apply(action, usize::from(AREA.height));
            buf.reset();
            editor.render(AREA, &mut buf);
            black_box(&buf);
        });
    });
}

fn pasting(c: &mut Criterion) {
    let mut group = c.benchmark_group("paste_and_render");
    group.sample_size(20);
    for (name, text) in [
        ("100KiB", prose(100 << 10)),
        ("1MiB", prose(1 << 20)),
        ("1MiB_one_paragraph", one_paragraph(1 << 20)),
    ] {
        // A pasted text comes with Windows line endings as often as not.
        let text = text.replace('\n', "\r\n");
        group.bench_function(name, |b| {
            b.iter_batched(
                || {
                    let editor = Editor::from_text("My side of it: ");
                    editor.render(AREA, &mut Buffer::empty(AREA));
                    (editor, Buffer::empty(AREA))
                },
                |(mut editor, mut buf)| {
                    editor.paste(&text);
                    editor.render(AREA, &mut buf);
                    (editor, buf)
                },
                BatchSize::PerIteration,
            );
        });
    }
    group.finish();
}

fn widget_baseline(c: &mut Criterion) {
    let text = prose(100_000);
    let mut textarea = TextArea::from(text.lines());
    textarea.set_wrap_mode(WrapMode::WordOrGlyph);
    textarea.set_max_histories(10_000);
    let mut buf = Buffer::empty(AREA);
    (&textarea).render(AREA, &mut buf);
    textarea.move_cursor(CursorMove::Bottom);
    let mut group = c.benchmark_group("widget_baseline");
    group.sample_size(20);
    group.bench_function("textarea_100KB_key_and_render", |b| {
        b.iter(|| {
            textarea.insert_char('x');
            buf.reset();
            (&textarea).render(AREA, &mut buf);
            black_box(&buf);
        });
    });
    group.finish();
}

criterion_group!(benches, typing, moving, pasting, widget_baseline);
criterion_main!(benches);
