//! `App::update` through the translation step: its cards (a line, what was meant,
//! what was heard), then the cycle's three blanks, without a terminal.

use ratatui::crossterm::event::KeyCode;
use two_worlds::app::{App, Field, Msg, Prefs, Screen, Step};
use two_worlds::translation::{Moment, Speaker};

use crate::common::app::{
    app, app_on_builtin, press, press_ctrl, save_count, skip_translation, to_own_view,
    to_side_by_side, type_text,
};

/// The first built-in without its `[[moments]]`: the user names the lines.
fn without_moments() -> App {
    app_on_builtin("can-we-talk", |e| e.moments.clear())
}

/// From the library: the first exercise, on the translation's first field.
fn on_the_translation(app: &mut App) {
    to_own_view(app);
    press_ctrl(app, 'n');
    to_side_by_side(app);
    press_ctrl(app, 'n');
    assert_eq!(app.screen, Screen::Exercise(Step::Translation));
    assert_eq!(app.attempt().unwrap().field, 0);
}

/// A line from a scenario file's `[[moments]]`.
fn moment(by: Speaker, quote: &str) -> Moment {
    Moment {
        quote: quote.into(),
        by,
    }
}

fn current_field(app: &App) -> Option<Field> {
    app.attempt().unwrap().current_field()
}

// ------------------------------------------------------------ the translation

#[test]
fn each_card_asks_in_the_order_of_who_said_the_line() {
    // Without moments in the file: a line of the partner's, then one of the user's,
    // each written by the user first.
    let mut app = without_moments();
    on_the_translation(&mut app);
    let attempt = app.attempt().unwrap();
    assert_eq!(
        attempt.cards.iter().map(|c| c.by).collect::<Vec<_>>(),
        [Speaker::Partner, Speaker::You]
    );
    assert_eq!(
        attempt.fields(),
        [
            Field::Quote(0),
            Field::Heard(0),
            Field::Meant(0),
            Field::Quote(1),
            Field::Meant(1),
            Field::Heard(1),
            Field::Cycle(0),
            Field::Cycle(1),
            Field::Cycle(2),
        ]
    );
    // With moments in the file: their lines are given, in the file's order.
    let mut app = app_on_builtin("can-we-talk", |e| {
        e.moments = vec![
            moment(Speaker::Partner, "I need a minute."),
            moment(Speaker::You, "Can we talk?"),
        ]
    });
    on_the_translation(&mut app);
    let attempt = app.attempt().unwrap();
    assert!(attempt.cards.iter().all(|c| c.given));
    assert_eq!(attempt.cards[1].quote.text(), "Can we talk?");
    assert_eq!(
        attempt.fields(),
        [
            Field::Heard(0),
            Field::Meant(0),
            Field::Meant(1),
            Field::Heard(1),
            Field::Cycle(0),
            Field::Cycle(1),
            Field::Cycle(2),
        ]
    );
}

#[test]
fn text_typed_in_each_field_lands_in_its_place_and_in_the_entry() {
    let mut app = without_moments();
    on_the_translation(&mut app);
    let fields = app.attempt().unwrap().fields();
    for (n, field) in fields.iter().enumerate() {
        assert_eq!(current_field(&app), Some(*field));
        type_text(&mut app, &format!("{field:?}"));
        press_ctrl(&mut app, 'n');
        if n + 1 < fields.len() {
            assert_eq!(app.screen, Screen::Exercise(Step::Translation));
        }
    }
    assert_eq!(app.screen, Screen::Exercise(Step::Reflection));
    let attempt = app.attempt().unwrap();
    for field in fields {
        assert_eq!(
            attempt.field_editor(field).unwrap().text(),
            format!("{field:?}")
        );
    }
    let entry = attempt.to_entry(app.now);
    let card = |n: usize| {
        let c = &entry.cards[n];
        (
            c.by,
            c.quote.as_str(),
            c.given,
            c.meant.as_str(),
            c.heard.as_str(),
        )
    };
    assert_eq!(
        card(0),
        (Speaker::Partner, "Quote(0)", false, "Meant(0)", "Heard(0)")
    );
    assert_eq!(
        card(1),
        (Speaker::You, "Quote(1)", false, "Meant(1)", "Heard(1)")
    );
    assert_eq!(
        (
            entry.cycle.when_i.as_str(),
            entry.cycle.partner.as_str(),
            entry.cycle.then_i.as_str()
        ),
        ("Cycle(0)", "Cycle(1)", "Cycle(2)")
    );
    assert!(entry.texts().any(|t| t == "Heard(1)"));
}

#[test]
fn an_empty_card_takes_one_ctrl_n_and_an_empty_cycle_is_left_from_its_first_blank() {
    let mut app = without_moments();
    on_the_translation(&mut app);
    press_ctrl(&mut app, 'n');
    assert_eq!(current_field(&app), Some(Field::Quote(1)));
    press_ctrl(&mut app, 'n');
    assert_eq!(current_field(&app), Some(Field::Cycle(0)));
    press_ctrl(&mut app, 'n');
    assert_eq!(app.screen, Screen::Exercise(Step::Reflection));
    assert_eq!(app.attempt().unwrap().question, 0);

    // A card with only its line written is not empty: its sides follow.
    let mut app = without_moments();
    on_the_translation(&mut app);
    type_text(&mut app, "You never listen.");
    press_ctrl(&mut app, 'n');
    assert_eq!(current_field(&app), Some(Field::Heard(0)));
    press_ctrl(&mut app, 'n');
    assert_eq!(current_field(&app), Some(Field::Meant(0)));
    press_ctrl(&mut app, 'n');
    assert_eq!(current_field(&app), Some(Field::Quote(1)));
    // A cycle with a later blank written is not left from its first.
    press_ctrl(&mut app, 'n');
    assert_eq!(current_field(&app), Some(Field::Cycle(0)));
    app.exercise.attempts.get_mut("can-we-talk").unwrap().cycle[2].type_char('x');
    press_ctrl(&mut app, 'n');
    assert_eq!(current_field(&app), Some(Field::Cycle(1)));

    // A card whose line came with the scenario is empty until a side is written.
    let mut app = app_on_builtin("can-we-talk", |e| {
        e.moments = vec![moment(Speaker::Partner, "I need a minute.")]
    });
    on_the_translation(&mut app);
    assert_eq!(current_field(&app), Some(Field::Heard(0)));
    press_ctrl(&mut app, 'n');
    assert_eq!(current_field(&app), Some(Field::Cycle(0)));
}

#[test]
fn back_goes_field_by_field_and_the_first_question_comes_back_to_the_cycles_last_blank() {
    let mut app = without_moments();
    on_the_translation(&mut app);
    skip_translation(&mut app);
    press_ctrl(&mut app, 'p');
    assert_eq!(app.screen, Screen::Exercise(Step::Translation));
    assert_eq!(current_field(&app), Some(Field::Cycle(2)));
    let fields = app.attempt().unwrap().fields();
    for field in fields.iter().rev().skip(1) {
        press_ctrl(&mut app, 'p');
        assert_eq!(current_field(&app), Some(*field));
    }
    assert_eq!(app.attempt().unwrap().field, 0);
    press_ctrl(&mut app, 'p');
    assert_eq!(app.screen, Screen::Exercise(Step::SideBySide));
    // On again: the translation starts at its first field.
    press_ctrl(&mut app, 'n');
    assert_eq!(current_field(&app), Some(Field::Quote(0)));
}

#[test]
fn enter_on_a_blank_of_the_cycle_moves_on_and_on_a_card_starts_a_line() {
    let mut app = without_moments();
    on_the_translation(&mut app);
    type_text(&mut app, "one");
    press(&mut app, KeyCode::Enter);
    type_text(&mut app, "two");
    assert_eq!(current_field(&app), Some(Field::Quote(0)));
    assert_eq!(app.attempt().unwrap().cards[0].quote.text(), "one\ntwo");
    // Its sides, then the next card, empty: one press.
    for _ in 0..4 {
        press_ctrl(&mut app, 'n');
    }
    assert_eq!(current_field(&app), Some(Field::Cycle(0)));
    type_text(&mut app, "ask");
    press(&mut app, KeyCode::Enter);
    assert_eq!(current_field(&app), Some(Field::Cycle(1)));
    type_text(&mut app, "goes quiet");
    press(&mut app, KeyCode::Enter);
    assert_eq!(current_field(&app), Some(Field::Cycle(2)));
    type_text(&mut app, "push");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.screen, Screen::Exercise(Step::Reflection));
    let cycle = &app.attempt().unwrap().cycle;
    assert_eq!(
        cycle.each_ref().map(|e| e.text()),
        ["ask", "goes quiet", "push"],
        "no line break in a blank"
    );
}

// ------------------------------------------------------------ what counts as written

#[test]
fn a_given_line_and_the_offered_name_are_not_writing() {
    // A card's line from the scenario.
    let mut app = app_on_builtin("can-we-talk", |e| {
        e.moments = vec![moment(Speaker::Partner, "I need a minute.")]
    });
    on_the_translation(&mut app);
    assert!(!app.attempt().unwrap().has_text());
    type_text(&mut app, "x");
    assert!(app.attempt().unwrap().has_text());

    // A line the user writes counts.
    let mut app = without_moments();
    on_the_translation(&mut app);
    type_text(&mut app, "x");
    assert!(app.attempt().unwrap().has_text());

    // The form with only the name it offered: nothing to keep, so nothing saved.
    let mut app = self::app().with_prefs(Prefs {
        partner_name: "Sam".into(),
        ..Prefs::default()
    });
    press(&mut app, KeyCode::Char('n'));
    assert!(!app.attempt().unwrap().has_text());
    assert_eq!(save_count(&app.update(Msg::AutosaveDue)), 0);
    assert_eq!(save_count(&press(&mut app, KeyCode::Esc)), 0);
    // A title is writing.
    press(&mut app, KeyCode::Char('n'));
    press_ctrl(&mut app, 'n');
    type_text(&mut app, "T");
    assert!(app.attempt().unwrap().has_text());
    assert_eq!(save_count(&press(&mut app, KeyCode::Esc)), 1);
}
