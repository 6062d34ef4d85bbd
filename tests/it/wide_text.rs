//! Wide characters (CJK, emoji) take two cells: the header and the footer measure
//! them in cells, so a wide title or message is laid out as it is drawn.

use std::path::PathBuf;

use two_worlds::app::{App, Msg, Screen, Step};
use two_worlds::exercise::{Exercise, Library, Origin, ViewPrompt};

use crate::common::app::{app_with, press_ctrl, render, to_own_view, to_side_by_side};

/// Twenty-three characters, forty-six cells.
const TITLE: &str = "真夜中の台所で皿洗いのことで言い合いになった夜";
/// Three characters, six cells.
const PARTNER: &str = "さくら";

fn wide_app(width: u16, height: u16) -> App {
    let prompt = || ViewPrompt {
        prompt: "Write.".into(),
        hints: Vec::new(),
    };
    let exercise = Exercise {
        id: "wide".into(),
        title: TITLE.into(),
        summary: "A summary.".into(),
        scenario: "A scenario.".into(),
        tags: Vec::new(),
        partner: PARTNER.into(),
        own_view: prompt(),
        partner_view: prompt(),
        reflection: vec!["A question?".into()],
        moments: Vec::new(),
        lenses: Vec::new(),
        care: None,
        mirror: None,
        origin: Origin::File(PathBuf::from("/x/wide.toml")),
    };
    let library = Library {
        exercises: vec![exercise],
        problems: Vec::new(),
        files_checked: 1,
        ..Library::default()
    };
    app_with(library, width, height)
}

fn row(screen: &str, n: usize) -> &str {
    screen.lines().nth(n).unwrap()
}

#[test]
fn the_header_shows_the_whole_trail_of_steps_or_none_of_it() {
    // At 120 columns the trail fits beside a title of 23 narrow characters, but not
    // beside 23 wide ones.
    let mut app = wide_app(120, 40);
    to_own_view(&mut app);
    let screen = render(&app);
    let header = row(&screen, 0);
    assert!(header.contains(TITLE), "{header}");
    assert!(
        !header.contains("Scenario") || header.ends_with("Reflection"),
        "a cut trail: {header}"
    );
}

#[test]
fn a_wide_footer_message_is_shown_whole_at_80_columns() {
    // Thirty-four characters, sixty-eight cells: more than half the row.
    let message = "保存できませんでした。ディスクがいっぱいです。空きを作ってください。";
    let mut app = wide_app(80, 24);
    to_own_view(&mut app);
    app.update(Msg::Notice(message.into()));
    let screen = render(&app);
    // Too long to share the footer with the keys: it has its own row above them,
    // and the keys stay.
    let above = row(&screen, 22);
    assert!(above.contains(message), "{screen}");
    assert!(row(&screen, 23).contains("help"), "{screen}");
}

#[test]
fn a_wide_partner_name_is_shown_whole_at_80_columns() {
    let mut app = wide_app(80, 24);
    to_own_view(&mut app);
    press_ctrl(&mut app, 'n');
    assert_eq!(app.screen, Screen::Exercise(Step::PartnerView));
    let writing = render(&app);
    assert!(writing.contains(&format!("{PARTNER}'s view")), "{writing}");
    to_side_by_side(&mut app);
    let side_by_side = render(&app);
    assert!(
        side_by_side.contains(&format!("{PARTNER} — as you imagine it")),
        "{side_by_side}"
    );
    // The translation's first card: a line of theirs, what I heard, what they meant.
    press_ctrl(&mut app, 'n');
    assert_eq!(app.screen, Screen::Exercise(Step::Translation));
    let card = render(&app);
    for label in [
        format!("Something {PARTNER} said or did"),
        format!("What {PARTNER} may have meant"),
    ] {
        assert!(card.contains(&label), "{label}:\n{card}");
    }
}
