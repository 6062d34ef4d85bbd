//! `App::update` and the journal: when saves are asked for, what a save's answer
//! does, resuming drafts, the history, deleting, and quitting with a failed save;
//! and the trust rules: an attempt not on disk is never replaced, dropped or
//! counted, finishing is deliberate, keys do nothing unseen, the quick hide, the
//! safety note.

use std::path::PathBuf;

use jiff::Timestamp;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use two_worlds::app::{App, Effect, Msg, Overlay, Question, SaveJob, Screen};
use two_worlds::journal::{Entry, Listed, Status, Step, Summary};
use two_worlds::keymap::{self, Context};

use crate::common::app::{
    app, ask_to_finish, drawn, partner_view_to_reflection, press, press_ctrl, press_next,
    save_count, scenario_to_own_view, to_own_view, type_text,
};

fn saves(effects: &[Effect]) -> Vec<&SaveJob> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::Save(job) => Some(job.as_ref()),
            _ => None,
        })
        .collect()
}

/// Answers every save in `effects` as the event loop would, with `result`.
fn answer(app: &mut App, effects: &[Effect], result: Result<PathBuf, String>) -> Vec<Effect> {
    let mut next = Vec::new();
    for job in saves(effects) {
        next.extend(app.update(Msg::Saved {
            id: job.id.clone(),
            revision: job.revision,
            result: result.clone(),
        }));
    }
    next
}

/// Writes the own view and steps through to the end; the effects of the last step.
fn write_and_finish(app: &mut App) -> Vec<Effect> {
    to_own_view(app);
    type_text(app, "mine");
    press_ctrl(app, 'n');
    partner_view_to_reflection(app);
    while app.screen == Screen::Exercise(Step::Reflection) && app.overlay.is_none() {
        press_ctrl(app, 'n');
    }
    // The calm check, skipped; then finishing asks once.
    press(app, KeyCode::Enter);
    assert_eq!(app.overlay, Some(Overlay::Ask(Question::Finish)));
    press(app, KeyCode::Enter)
}

#[test]
fn nothing_typed_nothing_saved() {
    let mut app = app();
    to_own_view(&mut app);
    assert!(saves(&press_ctrl(&mut app, 'n')).is_empty());
    assert!(saves(&app.update(Msg::AutosaveDue)).is_empty());
    assert!(saves(&press_ctrl(&mut app, 's')).is_empty());
    assert_eq!(press_ctrl(&mut app, 'c'), vec![Effect::Quit]);
}

#[test]
fn the_autosave_writes_what_is_unsaved_once() {
    let mut app = app();
    to_own_view(&mut app);
    type_text(&mut app, "mine");
    let effects = app.update(Msg::AutosaveDue);
    let jobs = saves(&effects);
    assert_eq!(jobs.len(), 1);
    let entry = &jobs[0].entry;
    assert_eq!(jobs[0].path, None, "a first save makes a new file");
    assert_eq!(entry.exercise_id, "can-we-talk");
    assert_eq!(entry.own_view, "mine");
    assert_eq!(entry.status, Status::Draft);
    assert_eq!(entry.step, Step::OwnView);
    assert_eq!(
        entry.reflection.len(),
        3,
        "every question is kept, answered or not"
    );
    answer(
        &mut app,
        &effects,
        Ok(PathBuf::from("/j/can-we-talk/a.toml")),
    );
    assert!(!app.has_unsaved());
    assert!(
        saves(&app.update(Msg::AutosaveDue)).is_empty(),
        "nothing new"
    );
    assert!(app.footer_message().unwrap().starts_with("saved "));
    type_text(&mut app, "!");
    let again = app.update(Msg::AutosaveDue);
    assert_eq!(
        saves(&again)[0].path,
        Some(PathBuf::from("/j/can-we-talk/a.toml"))
    );
}

#[test]
fn moving_between_steps_and_esc_save() {
    let mut app = app();
    to_own_view(&mut app);
    type_text(&mut app, "mine");
    assert_eq!(saves(&press_ctrl(&mut app, 'n')).len(), 1, "Ctrl+N saves");
    let mut app = self::app();
    to_own_view(&mut app);
    type_text(&mut app, "mine");
    assert_eq!(saves(&press(&mut app, KeyCode::Esc)).len(), 1, "Esc saves");
    assert_eq!(app.screen, Screen::Library);
}

#[test]
fn ctrl_s_saves_and_says_when() {
    let mut app = app();
    to_own_view(&mut app);
    type_text(&mut app, "mine");
    let effects = press_ctrl(&mut app, 's');
    assert_eq!(saves(&effects).len(), 1);
    answer(&mut app, &effects, Ok(PathBuf::from("/j/a.toml")));
    let message = app.footer_message().unwrap();
    assert!(message.starts_with("saved "), "{message}");
    type_text(&mut app, "x");
    assert_eq!(
        app.footer_message(),
        None,
        "a message lasts until the next key"
    );
}

#[test]
fn a_failed_save_stays_visible_and_quitting_asks() {
    let mut app = app();
    to_own_view(&mut app);
    type_text(&mut app, "precious");
    let effects = app.update(Msg::AutosaveDue);
    answer(&mut app, &effects, Err("no space left on device".into()));
    type_text(&mut app, " words");
    assert_eq!(
        app.footer_message().as_deref(),
        Some("not saved: no space left on device"),
        "the failure stays until a save works"
    );
    // Quitting tries once more; when that fails too, it asks instead of quitting.
    let effects = press_ctrl(&mut app, 'c');
    assert_eq!(saves(&effects).len(), 1);
    assert!(!effects.contains(&Effect::Quit));
    let after = answer(&mut app, &effects, Err("no space left on device".into()));
    assert_eq!(after, vec![]);
    assert!(matches!(
        app.overlay,
        Some(Overlay::Ask(Question::QuitAnyway { .. }))
    ));
    // Enter retries; this time it works and the program quits.
    let retry = press(&mut app, KeyCode::Enter);
    assert_eq!(saves(&retry).len(), 1);
    let after = answer(&mut app, &retry, Ok(PathBuf::from("/j/a.toml")));
    assert_eq!(after, vec![Effect::Quit]);
}

#[test]
fn quit_anyway_and_esc_keep_writing() {
    let mut app = app();
    to_own_view(&mut app);
    type_text(&mut app, "precious");
    let effects = press_ctrl(&mut app, 'c');
    answer(&mut app, &effects, Err("read-only".into()));
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.overlay, None, "Esc goes back to writing");
    assert_eq!(app.screen, Screen::Exercise(Step::OwnView));
    let effects = press_ctrl(&mut app, 'c');
    answer(&mut app, &effects, Err("read-only".into()));
    assert_eq!(press(&mut app, KeyCode::Char('n')), vec![Effect::Quit]);
}

#[test]
fn a_terminate_saves_everything_then_quits() {
    let mut app = app();
    to_own_view(&mut app);
    type_text(&mut app, "one");
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Down);
    to_own_view(&mut app);
    type_text(&mut app, "two");
    let effects = app.update(Msg::Terminate);
    assert_eq!(saves(&effects).len(), 2, "both attempts: {effects:?}");
    assert_eq!(effects.last(), Some(&Effect::Quit));
}

fn draft_summary(saved: &str) -> Listed {
    let saved: Timestamp = saved.parse().unwrap();
    Listed::Entry(Summary {
        path: PathBuf::from("/j/can-we-talk/draft.toml"),
        exercise_id: "can-we-talk".into(),
        exercise_title: "Can we talk about it?".into(),
        partner: "Karim".into(),
        started: saved,
        saved,
        status: Status::Draft,
        step: Step::PartnerView,
        words: 12,
        completed: None,
        distress_before: None,
        distress_after: None,
        try_next: String::new(),
    })
}

#[test]
fn a_draft_on_disk_is_offered_and_continued() {
    let mut app = app();
    app.update(Msg::Journal(vec![draft_summary("2026-11-27T20:00:00Z")]));
    assert_eq!(
        two_worlds::ui::library::status_text(&app, "can-we-talk"),
        "draft"
    );
    press(&mut app, KeyCode::Enter);
    let Some(Overlay::Ask(Question::Resume { path, .. })) = app.overlay.clone() else {
        panic!("expected the resume question, got {:?}", app.overlay);
    };
    let effects = press(&mut app, KeyCode::Enter);
    assert_eq!(
        effects,
        vec![Effect::LoadDraft {
            id: "can-we-talk".into(),
            path: path.clone()
        }]
    );
    let mut entry = Entry::new(
        "can-we-talk",
        "Can we talk about it?",
        "Karim",
        "…",
        app.now,
    );
    entry.own_view = "before".into();
    entry.partner_view = "his side".into();
    entry.step = Step::PartnerView;
    app.update(Msg::DraftLoaded {
        id: "can-we-talk".into(),
        result: Ok((path.clone(), entry)),
    });
    assert_eq!(
        app.screen,
        Screen::Exercise(Step::PartnerView),
        "back at the step reached"
    );
    let attempt = app.attempt().unwrap();
    assert_eq!(attempt.own_view.text(), "before");
    assert_eq!(attempt.partner_view.text(), "his side");
    assert!(!app.has_unsaved(), "a loaded draft is not a change");
    type_text(&mut app, "!");
    let effects = app.update(Msg::AutosaveDue);
    assert_eq!(
        saves(&effects)[0].path,
        Some(path),
        "saved into the same file"
    );
}

#[test]
fn n_starts_fresh_and_the_draft_stays() {
    let mut app = app();
    app.update(Msg::Journal(vec![draft_summary("2026-11-27T20:00:00Z")]));
    press(&mut app, KeyCode::Enter);
    assert_eq!(press(&mut app, KeyCode::Char('n')), vec![]);
    assert_eq!(app.screen, Screen::Exercise(Step::Scenario));
    assert!(app.attempt().unwrap().own_view.is_empty());
    scenario_to_own_view(&mut app);
    type_text(&mut app, "fresh");
    let effects = app.update(Msg::AutosaveDue);
    assert_eq!(saves(&effects)[0].path, None, "a new file, not the draft's");
}

#[test]
fn a_draft_open_elsewhere_becomes_a_fresh_entry_with_a_word_why() {
    let mut app = app();
    app.update(Msg::Journal(vec![draft_summary("2026-11-27T20:00:00Z")]));
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Enter);
    app.update(Msg::DraftLoaded {
        id: "can-we-talk".into(),
        result: Err("That draft is open in another two-worlds (process 7).".into()),
    });
    assert_eq!(app.screen, Screen::Exercise(Step::Scenario));
    assert!(app.footer_message().unwrap().contains("another two-worlds"));
}

#[test]
fn finishing_marks_the_entry_complete() {
    let mut app = app();
    let last = write_and_finish(&mut app);
    let jobs = saves(&last);
    assert_eq!(jobs.len(), 1);
    assert_eq!(jobs[0].entry.status, Status::Complete);
    assert_eq!(jobs[0].entry.step, Step::Finished);
    assert_eq!(jobs[0].entry.completed, Some(app.now));
}

#[test]
fn history_lists_reads_exports_and_asks_before_deleting() {
    let mut app = app();
    assert_eq!(
        press(&mut app, KeyCode::Char('h')),
        vec![Effect::ListJournal]
    );
    assert_eq!(app.screen, Screen::History);
    app.update(Msg::Journal(vec![draft_summary("2026-11-27T20:00:00Z")]));
    let path = PathBuf::from("/j/can-we-talk/draft.toml");
    assert_eq!(
        press(&mut app, KeyCode::Char('x')),
        vec![Effect::Export(path.clone())]
    );
    assert_eq!(
        press(&mut app, KeyCode::Enter),
        vec![Effect::ReadEntry(path.clone())]
    );
    let entry = Entry::new(
        "can-we-talk",
        "Can we talk about it?",
        "Karim",
        "…",
        app.now,
    );
    app.update(Msg::EntryRead(Ok(entry)));
    assert_eq!(app.screen, Screen::Reading);
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.screen, Screen::History);
    assert_eq!(press(&mut app, KeyCode::Char('d')), vec![]);
    let Some(Overlay::Ask(Question::Delete { name, .. })) = app.overlay.clone() else {
        panic!("delete asks first");
    };
    assert!(name.starts_with("Can we talk about it?"), "{name}");
    assert_eq!(
        press(&mut app, KeyCode::Enter),
        vec![Effect::Delete(path.clone())]
    );
    assert_eq!(
        app.update(Msg::Deleted(Ok((path, Vec::new())))),
        vec![Effect::ListJournal]
    );
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.screen, Screen::Library);
}

#[test]
fn an_unreadable_entry_cannot_be_opened_or_deleted_but_says_why() {
    let mut app = app();
    press(&mut app, KeyCode::Char('h'));
    app.update(Msg::Journal(vec![Listed::Unreadable {
        path: PathBuf::from("/j/x/1.toml"),
        reason: "line 3: the file ends too soon".into(),
    }]));
    assert_eq!(press(&mut app, KeyCode::Enter), vec![]);
    assert!(
        app.footer_message()
            .unwrap()
            .contains("the file ends too soon")
    );
    assert_eq!(press(&mut app, KeyCode::Char('d')), vec![]);
    assert_eq!(app.overlay, None);
}

#[test]
fn the_status_column_counts_done_entries() {
    let mut app = app();
    let done = |day: &str| {
        let Listed::Entry(mut summary) = draft_summary(day) else {
            unreachable!()
        };
        summary.status = Status::Complete;
        Listed::Entry(summary)
    };
    app.update(Msg::Journal(vec![
        done("2026-11-20T12:00:00Z"),
        done("2026-11-10T12:00:00Z"),
    ]));
    let label = two_worlds::ui::library::status_text(&app, "can-we-talk");
    assert!(label.starts_with("done ×2 Nov 20"), "{label}");
    assert_eq!(
        two_worlds::ui::library::status_text(&app, "the-offer"),
        "new"
    );
}

#[test]
fn an_entry_being_read_scrolls_and_exports() {
    let mut app = app();
    press(&mut app, KeyCode::Char('h'));
    app.update(Msg::Journal(vec![draft_summary("2026-11-27T20:00:00Z")]));
    let mut entry = Entry::new(
        "can-we-talk",
        "Can we talk about it?",
        "Karim",
        "…",
        app.now,
    );
    entry.reflection = (0..40)
        .map(|i| two_worlds::journal::Answer {
            question: format!("Question {i}?"),
            answer: "An answer.".into(),
        })
        .collect();
    app.update(Msg::EntryRead(Ok(entry)));
    assert_eq!(app.screen, Screen::Reading);
    // Both columns, one, the other, then the reflection.
    for _ in 0..3 {
        press(&mut app, KeyCode::Tab);
    }
    drawn(&mut app);
    let scroll = |app: &App| app.history.reading.as_ref().unwrap().scroll;
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Char('j'));
    assert_eq!(scroll(&app), 2, "the reflection scrolls");
    press(&mut app, KeyCode::End);
    let end = scroll(&app);
    assert!(end > 2);
    press(&mut app, KeyCode::Down);
    assert_eq!(
        scroll(&app),
        end,
        "the end of the reflection is as far as it goes"
    );
    assert_eq!(app.viewport.text, end);
    assert_eq!(
        press(&mut app, KeyCode::Char('x')),
        vec![Effect::Export(PathBuf::from("/j/can-we-talk/draft.toml"))]
    );
    press(&mut app, KeyCode::Char('?'));
    assert_eq!(app.overlay, Some(Overlay::Help));
}

#[test]
fn a_finished_attempt_counts_once_after_the_journal_is_read_again() {
    let mut app = app();
    let last = write_and_finish(&mut app);
    let path = PathBuf::from("/j/can-we-talk/done.toml");
    answer(&mut app, &last, Ok(path.clone()));
    press(&mut app, KeyCode::Enter);
    assert!(
        two_worlds::ui::library::status_text(&app, "can-we-talk").starts_with("done ×1 Nov 28")
    );
    let Listed::Entry(mut summary) = draft_summary("2026-11-28T14:02:11Z") else {
        unreachable!()
    };
    summary.path = path;
    summary.status = Status::Complete;
    app.update(Msg::Journal(vec![Listed::Entry(summary)]));
    let label = two_worlds::ui::library::status_text(&app, "can-we-talk");
    assert!(label.starts_with("done ×1 Nov 28"), "{label}");
}

#[test]
fn a_continued_draft_keeps_its_own_questions_scenario_and_answers() {
    // The scenario file changed since the draft was begun: nothing written is lost.
    let mut app = app();
    app.update(Msg::Journal(vec![draft_summary("2026-11-27T20:00:00Z")]));
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Enter);
    let mut entry = Entry::new(
        "can-we-talk",
        "An older title",
        "Karim",
        "The scenario as it was then.",
        app.now,
    );
    entry.step = Step::Reflection;
    entry.reflection = vec![two_worlds::journal::Answer {
        question: "A question the file no longer has?".into(),
        answer: "Une réponse précieuse".into(),
    }];
    app.update(Msg::DraftLoaded {
        id: "can-we-talk".into(),
        result: Ok((PathBuf::from("/j/can-we-talk/draft.toml"), entry)),
    });
    assert_eq!(app.screen, Screen::Exercise(Step::Reflection));
    type_text(&mut app, "!");
    let effects = app.update(Msg::AutosaveDue);
    let saved = &saves(&effects)[0].entry;
    assert_eq!(saved.exercise_title, "An older title");
    assert_eq!(saved.scenario, "The scenario as it was then.");
    assert_eq!(saved.reflection.len(), 1);
    assert_eq!(
        saved.reflection[0].question,
        "A question the file no longer has?"
    );
    assert_eq!(saved.reflection[0].answer, "Une réponse précieuse!");
}

#[test]
fn an_untouched_fresh_start_offers_the_draft_again() {
    let mut app = app();
    app.update(Msg::Journal(vec![draft_summary("2026-11-27T20:00:00Z")]));
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('n'));
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Enter);
    assert!(matches!(
        app.overlay,
        Some(Overlay::Ask(Question::Resume { .. }))
    ));
}

#[test]
fn deleting_the_draft_open_in_this_run_forgets_it_so_it_is_not_written_back() {
    let mut app = app();
    to_own_view(&mut app);
    type_text(&mut app, "mine");
    let path = PathBuf::from("/j/can-we-talk/draft.toml");
    let effects = press(&mut app, KeyCode::Esc);
    answer(&mut app, &effects, Ok(path.clone()));
    press(&mut app, KeyCode::Char('h'));
    let Listed::Entry(summary) = draft_summary("2026-11-28T14:02:11Z") else {
        unreachable!()
    };
    app.update(Msg::Journal(vec![Listed::Entry(summary)]));
    press(&mut app, KeyCode::Char('d'));
    assert_eq!(press(&mut app, KeyCode::Enter), vec![Effect::Delete(path)]);
    assert!(!app.has_unsaved());
    assert!(
        saves(&app.update(Msg::Terminate)).is_empty(),
        "nothing to write back"
    );
}

#[test]
fn a_notice_about_the_data_folder_shows_once_until_a_key() {
    let mut app = app();
    app.update(Msg::Notice(
        "Your journal folder /x can be opened by other users".into(),
    ));
    assert_eq!(app.footer_message(), app.notice.clone());
    press(&mut app, KeyCode::Down);
    assert_eq!(app.footer_message(), None);
}

// ------------------------------------------------------------------ trust rules
// An attempt that is not on disk is never replaced, dropped or counted; finishing is
// deliberate; keys do nothing unseen; the quick hide; the safety note.

const FULL: &str = "cannot write entries/can-we-talk: no space left on device";

/// Opens the first exercise, writes the own view, and steps to the last question.
fn to_last_question(app: &mut App, text: &str) {
    to_own_view(app);
    type_text(app, text);
    // Each step saves; the journal takes it.
    let mut steps = 0;
    while !app.on_last_question() {
        let effects = press_next(app);
        answer(app, &effects, Ok("/j/can-we-talk/a.toml".into()));
        steps += 1;
        assert!(steps < 20, "never reached the last question");
    }
}

#[test]
fn an_attempt_whose_save_failed_is_never_counted_replaced_or_dropped() {
    let mut app = app();
    to_last_question(&mut app, "mine");
    ask_to_finish(&mut app);
    let effects = press(&mut app, KeyCode::Enter);
    assert_eq!(app.screen, Screen::Exercise(Step::Finished));
    assert_eq!(save_count(&effects), 1, "finishing saves");
    answer(&mut app, &effects, Err(FULL.into()));
    assert!(app.footer_message().unwrap().starts_with("not saved: "));

    // Back in the library the save is tried again, and fails again.
    let effects = press(&mut app, KeyCode::Enter);
    assert_eq!(app.screen, Screen::Library);
    answer(&mut app, &effects, Err(FULL.into()));
    assert_eq!(
        two_worlds::ui::library::status_text(&app, "can-we-talk"),
        "not saved",
        "nothing is in the journal: no `done ×1`"
    );

    // Opening the exercise again continues it: the finished text is still there.
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.screen, Screen::Exercise(Step::Finished));
    assert_eq!(app.attempt().unwrap().own_view.text(), "mine");
    assert!(app.footer_message().unwrap().contains("not saved"));

    // Quitting asks while it is not on disk.
    let effects = press(&mut app, KeyCode::Enter);
    let effects = answer(&mut app, &effects, Err(FULL.into()));
    assert!(effects.is_empty());
    let effects = press(&mut app, KeyCode::Char('q'));
    assert_eq!(save_count(&effects), 1, "quitting tries once more");
    let after = answer(&mut app, &effects, Err(FULL.into()));
    assert!(!after.contains(&Effect::Quit));
    assert!(matches!(
        app.overlay,
        Some(Overlay::Ask(Question::QuitAnyway { .. }))
    ));

    // Once a save works, it counts, and a new attempt can start.
    let effects = press(&mut app, KeyCode::Enter);
    let after = answer(&mut app, &effects, Ok("/j/can-we-talk/a.toml".into()));
    assert_eq!(after, vec![Effect::Quit]);
    assert!(two_worlds::ui::library::status_text(&app, "can-we-talk").starts_with("done ×1 "));
}

#[test]
fn quitting_asks_while_any_attempt_is_unsaved_even_after_another_saved() {
    let mut app = app();
    to_own_view(&mut app);
    type_text(&mut app, "first");
    let effects = press(&mut app, KeyCode::Esc);
    answer(&mut app, &effects, Err(FULL.into()));
    // A second exercise saves fine afterwards.
    press(&mut app, KeyCode::Down);
    to_own_view(&mut app);
    type_text(&mut app, "second");
    let effects = press(&mut app, KeyCode::Esc);
    answer(&mut app, &effects, Ok("/j/five/a.toml".into()));
    let effects = press(&mut app, KeyCode::Char('q'));
    let after = answer(&mut app, &effects, Err(FULL.into()));
    assert!(!after.contains(&Effect::Quit), "{after:?}");
    assert!(matches!(
        app.overlay,
        Some(Overlay::Ask(Question::QuitAnyway { .. }))
    ));
}

#[test]
fn stepping_through_with_nothing_typed_keeps_nothing_and_counts_nothing() {
    let mut app = app();
    press(&mut app, KeyCode::Enter);
    let mut effects = Vec::new();
    let mut steps = 0;
    while app.screen != Screen::Library {
        effects.extend(press_next(&mut app));
        steps += 1;
        assert!(steps < 30, "never left: {:?}", app.screen);
    }
    assert_eq!(app.screen, Screen::Library, "finishing an empty attempt");
    assert_eq!(save_count(&effects), 0);
    assert_eq!(
        app.footer_message().as_deref(),
        Some("Nothing was written in this exercise, so nothing was kept.")
    );
    assert_eq!(
        two_worlds::ui::library::status_text(&app, "can-we-talk"),
        "new"
    );
}

#[test]
fn an_attempt_emptied_again_is_not_finished_and_its_file_goes() {
    let mut app = app();
    to_last_question(&mut app, "x");
    // Its file exists; then everything typed is deleted again.
    app.exercise.attempts.get_mut("can-we-talk").unwrap().path =
        Some("/j/can-we-talk/a.toml".into());
    app.exercise
        .attempts
        .get_mut("can-we-talk")
        .unwrap()
        .own_view = two_worlds::editor::Editor::new();
    let effects = press_ctrl(&mut app, 'n');
    assert_eq!(
        effects,
        vec![Effect::Discard("/j/can-we-talk/a.toml".into())]
    );
    assert_eq!(app.screen, Screen::Library);
}

#[test]
fn finishing_asks_once_and_esc_keeps_writing() {
    let mut app = app();
    to_last_question(&mut app, "mine");
    assert_eq!(app.context(), Context::LastQuestion);
    assert!(
        keymap::Keymap::default()
            .footer_for(Context::LastQuestion)
            .contains(&("Ctrl+N", "finish"))
    );
    assert!(
        keymap::Keymap::default()
            .footer_for(Context::ANSWERING)
            .contains(&("Ctrl+N", "next"))
    );
    let effects = ask_to_finish(&mut app);
    assert!(effects.is_empty(), "nothing is finished before the answer");
    assert_eq!(app.overlay, Some(Overlay::Ask(Question::Finish)));
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.screen, Screen::Exercise(Step::Reflection));
    assert!(!app.attempt().unwrap().complete);
    type_text(&mut app, "still writing");
    press_ctrl(&mut app, 'n');
    let effects = press(&mut app, KeyCode::Enter);
    assert_eq!(app.screen, Screen::Exercise(Step::Finished));
    assert!(app.attempt().unwrap().complete);
    assert_eq!(save_count(&effects), 1);
}

fn journal_entry() -> Listed {
    let started = "2026-11-20T20:30:00Z".parse().unwrap();
    Listed::Entry(Summary {
        path: "/j/can-we-talk/20261120T203000Z.toml".into(),
        exercise_id: "can-we-talk".into(),
        exercise_title: "Can we talk about it?".into(),
        partner: "Karim".into(),
        started,
        saved: started,
        status: Status::Complete,
        step: Step::Finished,
        words: 12,
        completed: None,
        distress_before: None,
        distress_after: None,
        try_next: String::new(),
    })
}

#[test]
fn keys_and_pastes_do_nothing_on_the_too_small_screen() {
    let mut app = app();
    to_own_view(&mut app);
    type_text(&mut app, "kept");
    app.update(Msg::Resize(30, 10));
    assert!(app.too_small());
    type_text(&mut app, "unseen");
    app.update(Msg::Paste("pasted unseen".into()));
    press_ctrl(&mut app, 'z');
    press_ctrl(&mut app, 'w');
    assert!(press_ctrl(&mut app, 'n').is_empty());
    assert!(press(&mut app, KeyCode::Esc).is_empty());
    app.update(Msg::Resize(120, 40));
    assert_eq!(app.screen, Screen::Exercise(Step::OwnView));
    assert_eq!(app.attempt().unwrap().own_view.text(), "kept");

    // In the history, `d` then Enter would delete an entry for good, unseen.
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('h'));
    app.update(Msg::Journal(vec![journal_entry()]));
    app.update(Msg::Resize(30, 10));
    press(&mut app, KeyCode::Char('d'));
    let effects = press(&mut app, KeyCode::Enter);
    assert!(effects.is_empty(), "{effects:?}");
    assert_eq!(app.overlay, None);
    assert_eq!(app.screen, Screen::History);

    // Ctrl+G hides and Ctrl+C saves and quits, even here.
    press_ctrl(&mut app, 'g');
    assert!(app.hidden);
    press(&mut app, KeyCode::Char('x'));
    assert!(!app.hidden);
    let effects = press_ctrl(&mut app, 'c');
    assert!(
        save_count(&effects) == 1 || effects.contains(&Effect::Quit),
        "{effects:?}"
    );
}

#[test]
fn the_quick_hide_saves_hides_and_any_key_only_brings_the_screen_back() {
    let mut app = app();
    to_own_view(&mut app);
    type_text(&mut app, "private");
    let effects = press_ctrl(&mut app, 'g');
    assert!(app.hidden);
    assert_eq!(save_count(&effects), 1, "hiding saves");
    answer(&mut app, &effects, Ok("/j/can-we-talk/a.toml".into()));
    assert!(app.hidden, "a save's answer does not bring the screen back");
    app.update(Msg::Paste("pasted while hidden".into()));
    let effects = press(&mut app, KeyCode::Char('x'));
    assert!(effects.is_empty());
    assert!(!app.hidden);
    assert_eq!(app.attempt().unwrap().own_view.text(), "private");

    // Inside a question, the question is still there afterwards.
    while !app.on_last_question() {
        press_next(&mut app);
    }
    ask_to_finish(&mut app);
    assert_eq!(app.overlay, Some(Overlay::Ask(Question::Finish)));
    press_ctrl(&mut app, 'g');
    assert!(app.hidden);
    press(&mut app, KeyCode::Enter);
    assert!(!app.hidden);
    assert_eq!(app.overlay, Some(Overlay::Ask(Question::Finish)));
    assert_eq!(
        app.screen,
        Screen::Exercise(Step::Reflection),
        "Enter only came back"
    );

    // The same key everywhere, shown in help.
    for context in [
        Context::Library,
        Context::Filtering,
        Context::SCENARIO,
        Context::OWN_VIEW,
        Context::PARTNER_VIEW,
        Context::ANSWERING,
        Context::LastQuestion,
        Context::SIDE_BY_SIDE,
        Context::FINISHED,
        Context::History,
        Context::Reading,
        Context::Overlay,
        Context::Question,
        Context::Note,
    ] {
        let g = KeyEvent::new(KeyCode::Char('g'), KeyModifiers::CONTROL);
        assert_eq!(
            keymap::Keymap::default().command_for(context, &g),
            Some(keymap::Command::Hide),
            "{context:?}"
        );
        assert!(
            keymap::Keymap::default()
                .help_rows(context)
                .iter()
                .any(|(keys, _)| keys == "Ctrl+G"),
            "{context:?}"
        );
    }
}

#[test]
fn the_safety_note_comes_first_and_any_key_remembers_it() {
    let mut app = app();
    app.overlay = Some(Overlay::SafetyNote);
    assert_eq!(app.context(), Context::Note);
    let effects = press(&mut app, KeyCode::Char('j'));
    assert_eq!(effects, vec![Effect::RememberNoteSeen]);
    assert_eq!(app.overlay, None);
    assert_eq!(app.screen, Screen::Library);
    assert_eq!(app.library_screen.selected, 0, "the key only continued");

    // Ctrl+C leaves without remembering: the note shows again next time.
    let mut app = self::app();
    app.overlay = Some(Overlay::SafetyNote);
    assert_eq!(press_ctrl(&mut app, 'c'), vec![Effect::Quit]);
    // Ctrl+G hides it like anything else.
    let mut app = self::app();
    app.overlay = Some(Overlay::SafetyNote);
    press_ctrl(&mut app, 'g');
    assert!(app.hidden);
    press(&mut app, KeyCode::Char('x'));
    assert_eq!(app.overlay, Some(Overlay::SafetyNote));
}

#[test]
fn no_letter_says_yes_to_finishing_or_deleting() {
    let mut app = app();
    to_last_question(&mut app, "mine");
    ask_to_finish(&mut app);
    assert_eq!(app.overlay, Some(Overlay::Ask(Question::Finish)));
    for c in ['y', 'Y', 'j', 'o'] {
        assert!(press(&mut app, KeyCode::Char(c)).is_empty());
        assert_eq!(app.overlay, Some(Overlay::Ask(Question::Finish)), "{c}");
    }
    assert!(!app.attempt().unwrap().complete);
    // The history's delete question, the same.
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('h'));
    app.update(Msg::Journal(vec![journal_entry()]));
    press(&mut app, KeyCode::Char('d'));
    assert!(press(&mut app, KeyCode::Char('y')).is_empty());
    assert!(matches!(
        app.overlay,
        Some(Overlay::Ask(Question::Delete { .. }))
    ));
}

#[test]
fn the_data_folder_notice_outlives_the_key_that_leaves_the_safety_note() {
    let mut app = app();
    app.overlay = Some(Overlay::SafetyNote);
    app.update(Msg::Notice("/tmp/x is not a folder".into()));
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.overlay, None);
    assert_eq!(
        app.footer_message().as_deref(),
        Some("/tmp/x is not a folder")
    );
    press(&mut app, KeyCode::Down);
    assert_eq!(
        app.footer_message(),
        None,
        "seen, it goes with the next key"
    );
}
