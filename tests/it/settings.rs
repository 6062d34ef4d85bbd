//! The settings file's effect on the program, through `update` and the drawing:
//! themes (styles checked, not only text), plain screens, the hints default, the
//! calm threshold, the mouse, and a broken file shown with the other problems.

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use ratatui::style::{Color, Modifier};
use two_worlds::app::{App, Msg, Overlay, Screen, Step};
use two_worlds::config;
use two_worlds::keymap::Context;

use crate::common::app::{
    app_at, draw, drawn, press, press_ctrl, render, screen_and_cursor, to_own_view,
    to_side_by_side, type_text,
};
use crate::snapshots::snapshot_settings;

fn with(text: &str, app: App) -> App {
    let (settings, problems) =
        config::parse(text.as_bytes(), "/home/a/.config/two-worlds/config.toml");
    app.with_settings(settings, problems)
}

/// Every colour and modifier on screen, as `(fg, modifier)` pairs with where they first show.
fn styles(buffer: &Buffer) -> Vec<(Color, Modifier)> {
    let mut seen = Vec::new();
    for cell in buffer.content() {
        let style = (cell.fg, cell.modifier);
        if !seen.contains(&style) {
            seen.push(style);
        }
    }
    seen
}

/// The light theme: no yellow and nothing dimmed, on any screen a user meets first.
#[test]
fn the_light_theme_has_no_yellow_and_no_dim_text() {
    for setup in [
        (|_: &mut App| {}) as fn(&mut App),
        |app| {
            press(app, KeyCode::Enter);
        },
        |app| {
            to_own_view(app);
            type_text(app, "words");
        },
    ] {
        let mut app = with("theme = \"light\"", app_at(100, 30));
        setup(&mut app);
        for (fg, modifier) in styles(&draw(&app)) {
            assert!(
                !matches!(fg, Color::Yellow | Color::LightYellow),
                "yellow on a light background"
            );
            assert!(
                !modifier.contains(Modifier::DIM),
                "dim text on a light background"
            );
        }
    }
}

/// High contrast: no colour at all, and titles and selections carried by bold,
/// underline and reverse.
#[test]
fn the_high_contrast_theme_has_no_colour_and_marks_by_weight() {
    let app = with("theme = \"high-contrast\"", app_at(100, 30));
    let buffer = draw(&app);
    let styles = styles(&buffer);
    assert!(
        styles.iter().all(|(fg, _)| *fg == Color::Reset),
        "{styles:?}"
    );
    assert!(
        styles.iter().all(|(_, m)| !m.contains(Modifier::DIM)),
        "{styles:?}"
    );
    assert!(
        styles
            .iter()
            .any(|(_, m)| m.contains(Modifier::REVERSED | Modifier::BOLD)),
        "the selected row is bold and reversed: {styles:?}"
    );
}

/// Snapshots of the two themes made for readability, with the styles of every row
/// written beside its text.
#[test]
fn snapshots_of_the_light_and_high_contrast_themes_with_their_styles() {
    for theme in ["light", "high-contrast"] {
        let mut app = with(&format!("theme = \"{theme}\""), app_at(80, 24));
        press(&mut app, KeyCode::Down);
        let buffer = draw(&app);
        let mut text = String::new();
        for (row, line) in render(&app).lines().enumerate() {
            let mut marks = Vec::new();
            for x in 0..buffer.area.width {
                let cell = &buffer[(x, row as u16)];
                let mark = format!("{:?}/{:?}", cell.fg, cell.modifier);
                if (cell.fg != Color::Reset || !cell.modifier.is_empty())
                    && marks.last() != Some(&mark)
                {
                    marks.push(mark);
                }
            }
            text.push_str(line);
            if !marks.is_empty() {
                text.push_str(&format!("    ⟨{}⟩", marks.join(", ")));
            }
            text.push('\n');
        }
        snapshot_settings().bind(|| insta::assert_snapshot!(format!("theme_{theme}_80x24"), text));
    }
}

/// NO_COLOR wins over a theme's colours.
#[test]
fn no_color_wins_over_the_theme() {
    let app = with("theme = \"dark\"", app_at(100, 30)).with_color(false);
    assert!(
        styles(&draw(&app))
            .iter()
            .all(|(fg, _)| *fg == Color::Reset)
    );
}

/// Plain screens: no box drawing anywhere on the writing screen or the side by side,
/// the views one above the other with their headings.
#[test]
fn plain_screens_draw_no_lines_and_stack_the_views() {
    let mut app = with("plain = true", app_at(120, 40));
    to_own_view(&mut app);
    type_text(&mut app, "I asked gently.");
    let writing = render(&app);
    let lines = ['─', '│', '┌', '┐', '└', '┘'];
    assert!(!writing.contains(lines), "{writing}");
    assert!(
        writing.lines().any(|l| l.trim() == "You"),
        "the box keeps its heading: {writing}"
    );
    press_ctrl(&mut app, 'n');
    type_text(&mut app, "He needed a minute.");
    to_side_by_side(&mut app);
    let both = screen_and_cursor(&app);
    assert!(!both.contains(lines), "{both}");
    let you = both
        .lines()
        .position(|l| l.trim() == "You")
        .expect("the own heading");
    let partner = both
        .lines()
        .position(|l| l.trim() == "Karim — as you imagine it")
        .expect("the partner's heading");
    assert!(
        partner > you,
        "stacked: the partner's view comes after the own one\n{both}"
    );
    snapshot_settings().bind(|| insta::assert_snapshot!("plain_side_by_side_120x40", both));
}

#[test]
fn hints_can_start_hidden_and_ctrl_t_shows_them_for_that_exercise() {
    let mut app = with("hints = \"hidden\"", app_at(120, 40));
    to_own_view(&mut app);
    assert!(!app.show_hints());
    press_ctrl(&mut app, 't');
    assert!(app.show_hints());
    let mut fresh = with("", app_at(120, 40));
    to_own_view(&mut fresh);
    assert!(fresh.show_hints(), "the default shows them");
}

#[test]
fn a_broken_settings_file_is_listed_with_the_problems_and_the_rest_applies() {
    let mut app = with("theme = \"light\"\nmouse = \"yes\"\n", app_at(120, 40));
    assert_eq!(app.settings.theme, config::ThemeName::Light);
    assert!(!app.settings.mouse);
    press(&mut app, KeyCode::Char('!'));
    assert_eq!(app.overlay, Some(Overlay::Problems));
    let screen = render(&app);
    assert!(
        screen.contains("config.toml:2:9") && screen.contains("`mouse` must be true or false"),
        "{screen}"
    );
    // Reading the library again keeps the settings' problems listed.
    press(&mut app, KeyCode::Esc);
    let library = two_worlds::exercise::load(&two_worlds::exercise::Sources {
        builtin: true,
        user_dir: None,
        extra: Vec::new(),
    });
    app.update(Msg::LibraryReloaded(library));
    assert!(
        app.library
            .problems
            .iter()
            .any(|p| p.file.ends_with("config.toml"))
    );
}

fn mouse(kind: MouseEventKind, column: u16, row: u16) -> Msg {
    Msg::Mouse(MouseEvent {
        kind,
        column,
        row,
        modifiers: KeyModifiers::NONE,
    })
}

#[test]
fn the_wheel_moves_through_the_list_and_a_click_picks_and_opens_a_row() {
    let mut app = with("mouse = true", app_at(120, 40));
    drawn(&mut app);
    app.update(mouse(MouseEventKind::ScrollDown, 10, 10));
    assert_eq!(app.library_screen.selected, 3, "three rows a notch");
    app.update(mouse(MouseEventKind::ScrollUp, 10, 10));
    assert_eq!(app.library_screen.selected, 0);
    drawn(&mut app);
    let list = app.viewport.list.expect("the library's list is measured");
    app.update(mouse(
        MouseEventKind::Down(MouseButton::Left),
        list.x + 3,
        list.y + 4,
    ));
    assert_eq!(app.library_screen.selected, 4, "a click picks the row");
    assert_eq!(app.screen, Screen::Library);
    app.update(mouse(
        MouseEventKind::Down(MouseButton::Left),
        list.x + 3,
        list.y + 4,
    ));
    assert_eq!(
        app.screen,
        Screen::Exercise(Step::Scenario),
        "a second click opens it"
    );
    // Below the last row, or outside the list, a click does nothing.
    let mut app = with("mouse = true", app_at(120, 40));
    drawn(&mut app);
    app.update(mouse(
        MouseEventKind::Down(MouseButton::Left),
        list.x + 3,
        list.bottom() + 1,
    ));
    assert_eq!(app.library_screen.selected, 0);
}

#[test]
fn the_wheel_while_writing_moves_through_the_text() {
    let mut app = with("mouse = true", app_at(120, 40));
    to_own_view(&mut app);
    type_text(&mut app, "one");
    for _ in 0..5 {
        press(&mut app, KeyCode::Enter);
    }
    type_text(&mut app, "six");
    app.update(mouse(MouseEventKind::ScrollUp, 40, 20));
    type_text(&mut app, "X");
    let text = app.attempt().unwrap().own_view.text();
    assert_eq!(text.lines().nth(2), Some("X"), "{text:?}");
}

#[test]
fn the_calm_threshold_setting_decides_when_a_break_is_offered() {
    for (setting, rating, offered) in [
        ("calm_threshold = 4", '5', true),
        ("", '5', false),
        ("calm_threshold = 9", '8', false),
    ] {
        let mut app = with(setting, app_at(120, 40));
        press(&mut app, KeyCode::Enter);
        press(&mut app, KeyCode::Enter);
        assert_eq!(app.context(), Context::Calm, "{setting}");
        press(&mut app, KeyCode::Char(rating));
        press(&mut app, KeyCode::Enter);
        assert_eq!(
            app.context() == Context::CalmNote,
            offered,
            "{setting}: {rating}"
        );
    }
}

#[test]
fn a_click_on_a_column_of_the_side_by_side_scrolls_it_alone_and_again_together() {
    use two_worlds::app::Scrolling;
    let mut app = with("mouse = true", app_at(120, 40));
    to_own_view(&mut app);
    type_text(&mut app, "mine");
    press_ctrl(&mut app, 'n');
    type_text(&mut app, "theirs");
    to_side_by_side(&mut app);
    drawn(&mut app);
    let [left, right, third] = app.viewport.column_areas;
    assert!(!left.is_empty() && !right.is_empty() && third.is_empty());
    let click = |area: ratatui::layout::Rect| {
        mouse(
            MouseEventKind::Down(MouseButton::Left),
            area.x + 2,
            area.y + 2,
        )
    };
    app.update(click(right));
    assert_eq!(app.exercise.columns.scrolling, Scrolling::Right);
    app.update(click(left));
    assert_eq!(app.exercise.columns.scrolling, Scrolling::Left);
    app.update(click(left));
    assert_eq!(app.exercise.columns.scrolling, Scrolling::Together);
}
