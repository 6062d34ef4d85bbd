//! Drawing cost of the heaviest screen: side by side with two 50 KB texts at 200×60,
//! and a typed key with the frame after it, as the event loop does them.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use jiff::Timestamp;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use two_worlds::app::{App, Effect, Msg, Screen, Step};
use two_worlds::exercise::{self, Sources};
use two_worlds_benches::Sample;

/// About `bytes` of one sentence, begun with `seed`, in paragraphs of six.
fn prose(seed: &str, bytes: usize) -> String {
    let sentence = format!("{seed} she said, and for a moment neither of us moved. ");
    Sample {
        sentences: &[&sentence],
        per_paragraph: Some(6),
        paragraph_break: "\n\n",
    }
    .prose(bytes)
}

/// One message, with the time it happens at first, as the event loop's `tell` passes it.
fn tell(app: &mut App, msg: Msg) -> Vec<Effect> {
    app.update(Msg::Clock(Timestamp::now()));
    app.update(msg)
}

/// Draws a frame and, when what it had room for changed, tells the app, as the event
/// loop's `redraw` does: scrolling stops at the limits of the last frame.
fn redraw(app: &mut App, terminal: &mut Terminal<TestBackend>) {
    let mut viewport = None;
    terminal
        .draw(|frame| viewport = Some(two_worlds::ui::draw(app, frame)))
        .unwrap();
    if let Some(viewport) = viewport.filter(|v| *v != app.viewport) {
        tell(app, Msg::Viewport(viewport));
    }
}

fn side_by_side(width: u16, height: u16) -> App {
    let library = exercise::load(&Sources {
        builtin: true,
        ..Sources::default()
    });
    let mut app = App::new(library, width, height);
    let ctrl_n = Msg::Key(KeyEvent::new(KeyCode::Char('n'), KeyModifiers::CONTROL));
    let enter = Msg::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    app.update(enter.clone());
    app.update(ctrl_n.clone());
    // The calm check: `Enter` with nothing chosen skips it.
    app.update(enter);
    assert_eq!(app.screen, Screen::Exercise(Step::OwnView));
    app.update(Msg::Paste(prose("It was late,", 50_000)));
    app.update(ctrl_n.clone());
    app.update(Msg::Paste(prose("I was tired,", 50_000)));
    app.update(ctrl_n);
    // The friend's view is offered; `n` goes on without it.
    app.update(Msg::Key(KeyEvent::new(
        KeyCode::Char('n'),
        KeyModifiers::NONE,
    )));
    assert_eq!(app.screen, Screen::Exercise(Step::SideBySide));
    app
}

fn bench(c: &mut Criterion) {
    let app = side_by_side(200, 60);
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).unwrap();
    c.bench_function("draw side by side, 2×50 KB, 200×60", |b| {
        b.iter(|| {
            terminal
                .draw(|frame| {
                    two_worlds::ui::draw(&app, frame);
                })
                .unwrap();
        })
    });
    let mut app = side_by_side(200, 60);
    let down = Msg::Key(KeyEvent::new(KeyCode::Down, KeyModifiers::NONE));
    let home = Msg::Key(KeyEvent::new(KeyCode::Home, KeyModifiers::NONE));
    c.bench_function("scroll + draw side by side, 2×50 KB, 200×60", |b| {
        b.iter(|| {
            if app.exercise.columns.left > 500 {
                tell(&mut app, home.clone());
            }
            tell(&mut app, down.clone());
            redraw(&mut app, &mut terminal);
        })
    });
}

/// One typed key and the frame after it, on the own-view screen at 120×40, with a
/// short text and with 100 KB of text in the editor: what the event loop does for a
/// key (the time, then the key; the two questions it asks to time the autosave; the
/// frame, and what the frame had room for when that changed).
fn typing(c: &mut Criterion) {
    for (label, size) in [("short text", 200), ("100 KB", 100_000)] {
        let library = exercise::load(&Sources {
            builtin: true,
            ..Sources::default()
        });
        let mut app = App::new(library, 120, 40);
        // Open, begin, and skip the calm check (`Enter` with nothing chosen).
        for _ in 0..3 {
            app.update(Msg::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)));
        }
        assert_eq!(app.screen, Screen::Exercise(Step::OwnView));
        app.update(Msg::Paste(prose("It was late,", size)));
        assert!(app.attempt().is_some_and(|a| !a.own_view.is_empty()));
        let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
        let keys = [KeyCode::Char('a'), KeyCode::Backspace];
        let mut i = 0;
        c.bench_function(&format!("key + draw own view, {label}, 120×40"), |b| {
            b.iter(|| {
                i += 1;
                let key = Msg::Key(KeyEvent::new(keys[i % 2], KeyModifiers::NONE));
                black_box(tell(&mut app, key));
                black_box((app.revision(), app.has_unsaved()));
                redraw(&mut app, &mut terminal);
            })
        });
    }
}

criterion_group!(benches, bench, typing);
criterion_main!(benches);
