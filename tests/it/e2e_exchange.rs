//! The whole round trip between two people, each with their own data folder, in
//! the real program: Ana shares, Camille brings the file in (`i`), writes her own
//! side and finishes, then sees both worlds and shares back (`s`); Ana brings that
//! in, sees both worlds and says how close Camille came; Camille gets that answer.
//! The seal is checked on every frame: nothing Ana wrote reaches Camille's
//! terminal before Camille has finished her side.

use std::fs;
use std::path::PathBuf;

use two_worlds::journal::Journal;

use crate::common::bicycle::{
    ask_to_finish, decline_friend_offer, skip_calm_check, skip_translation,
};
use crate::common::entries::{golden_entry, save_new};
use crate::common::pty::{self, Key, Term, has};
use crate::common::sandbox::Sandbox;

/// Words of Ana's own view and of her guess: on no screen of Camille's before
/// Camille finishes.
const ANA_OWN: &str = "épuisée";
const ANA_GUESS: &str = "疲れていた";
const CAMILLE_OWN: &str = "I came home late and saw the sink first";
const CAMILLE_GUESS: &str = "Ana wanted one evening without chores";

fn start(sandbox: &Sandbox) -> Term {
    let mut term = Term::start_in(sandbox, 120, 40, &[]);
    term.wait_for("the library", |s| has(s, "Library"));
    term
}

/// Everything the terminal has been sent so far, as text.
fn all_output(term: &Term) -> String {
    String::from_utf8_lossy(&term.raw()).into_owned()
}

#[test]
fn two_people_share_a_moment_and_see_both_worlds() {
    let (ana, camille) = (Sandbox::new(), Sandbox::new());
    // Ana's finished attempt, shared on the command line.
    let entry = save_new(&Journal::new(&ana.data_dir()), &golden_entry());
    let rel = ana.reference(&entry);
    let run = ana.run(&["share", &rel, "--name", "Ana"]);
    run.assert_code(0);
    let from_ana = PathBuf::from(run.stdout.trim());

    // Camille brings it in from the library.
    let mut term = start(&camille);
    term.press(Key::Char('i'));
    term.wait_for_text("Bring in a shared moment");
    term.type_text(from_ana.to_str().unwrap());
    term.press(Key::Enter);
    let screen = term.wait_for("the moment in the library", |s| {
        has(s, "from Ana") && has(s, "brought in")
    });
    assert!(has(&screen, "La vaisselle"), "{}", pty::dump(&screen));

    // Camille does it from her side.
    term.press(Key::Char('/'));
    term.type_text("vaisselle");
    term.wait_for("the moment alone", |s| has(s, "/ vaisselle"));
    term.press(Key::Enter);
    term.wait_for_text("Camille a laissé la vaisselle");
    skip_calm_check(&mut term);
    term.wait_for("the own view", |s| has(s, "Your view"));
    term.type_text(CAMILLE_OWN);
    term.wait_for_text(CAMILLE_OWN);
    term.press(Key::Ctrl('n'));
    term.wait_for("Ana's view, to imagine", |s| has(s, "Ana's view"));
    term.type_text(CAMILLE_GUESS);
    term.wait_for_text(CAMILLE_GUESS);
    term.press(Key::Ctrl('n'));
    decline_friend_offer(&mut term);
    term.press(Key::Ctrl('n'));
    skip_translation(&mut term);
    term.wait_for("the first question", |s| has(s, "question 1 of 3"));
    term.press(Key::Ctrl('n'));
    term.wait_for_text("question 2 of 3");
    term.press(Key::Ctrl('n'));
    term.wait_for_text("question 3 of 3");
    // The seal, on every frame so far: nothing of Ana's words was ever sent.
    let sent = all_output(&term);
    assert!(
        !sent.contains(ANA_OWN) && !sent.contains(ANA_GUESS),
        "the seal broke"
    );
    ask_to_finish(&mut term);
    term.wait_for_text("can no longer be changed");
    term.press(Key::Enter);
    term.wait_for_text("Finished: ");
    let sent = all_output(&term);
    assert!(
        !sent.contains(ANA_OWN) && !sent.contains(ANA_GUESS),
        "the seal broke"
    );

    // Finished: both worlds opens, with Ana's words.
    term.press(Key::Char('b'));
    let screen = term.wait_for("both worlds", |s| {
        has(s, "[Both worlds]") && has(s, "Ana, in their own words")
    });
    assert!(has(&screen, ANA_OWN), "{}", pty::dump(&screen));
    assert!(has(&screen, CAMILLE_GUESS), "{}", pty::dump(&screen));
    term.press(Key::Ctrl('n'));
    term.wait_for("Ana's guess of Camille", |s| {
        has(s, "Ana's guess of you") && has(s, ANA_GUESS) && has(s, CAMILLE_OWN)
    });

    // Camille shares back from her journal.
    term.press(Key::Esc);
    term.wait_for("the journal", |s| has(s, "Your journal"));
    term.press(Key::Char('s'));
    term.wait_for("what goes, and the name", |s| {
        has(s, "Share this moment") && has(s, "never carries")
    });
    term.type_text("Camille");
    term.press(Key::Enter);
    term.wait_for("shared", |s| pty::message_and_footer(s).contains("shared:"));
    term.press(Key::Ctrl('c'));
    term.wait_exit();
    let exports: Vec<PathBuf> = fs::read_dir(camille.data_dir().join("exports"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "twx"))
        .collect();
    assert_eq!(exports.len(), 1, "{exports:?}");
    crate::common::assert_mode(&exports[0], 0o600);

    // Ana brings it in, sees both worlds, and says how close Camille came.
    ana.run(&["import", exports[0].to_str().unwrap()])
        .assert_code(0);
    let mut term = start(&ana);
    term.press(Key::Char('h'));
    term.wait_for("the moment, marked", |s| has(s, "(both worlds)"));
    term.press(Key::Char('b'));
    term.wait_for("Camille's own words", |s| {
        has(s, "Camille, in their own words") && has(s, CAMILLE_OWN)
    });
    term.press(Key::Ctrl('n'));
    term.wait_for("How close", |s| {
        has(s, "Does Camille's guess sound like you?") && has(s, CAMILLE_GUESS)
    });
    term.press(Key::Char('3'));
    term.wait_for("the answer kept", |s| has(s, "You said: yes, that's me"));
    term.press(Key::Ctrl('c'));
    term.wait_exit();

    // Sharing again carries the answer; Camille reads it as Ana's words.
    let run = ana.run(&["share", &rel]);
    run.assert_code(0);
    assert!(
        run.stderr
            .contains("whether Camille's guess sounds like you: yes, that's me"),
        "{run:#?}"
    );
    camille.run(&["import", run.stdout.trim()]).assert_code(0);
    let hers = fs::read_dir(camille.entries_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("shared-")
        })
        .unwrap();
    let file = fs::read_dir(&hers).unwrap().next().unwrap().unwrap().path();
    let rel = camille.reference(&file);
    let run = camille.run(&["export", &rel]);
    assert!(
        run.stdout
            .contains("### Ana read my guess of them, and said\n\nyes, that's me"),
        "{}",
        run.stdout
    );
}
