//! Journal entries for tests that work with the journal's own API: times, the entry
//! of the golden files, and saving an entry as the program does.

use std::path::PathBuf;

use jiff::Timestamp;
use two_worlds::journal::{Answer, Entry, Journal, Status, Step};

/// A time written as RFC 3339, such as `2025-03-01T20:15:07Z`.
pub fn time(text: &str) -> Timestamp {
    text.parse().unwrap()
}

/// The entry of `tests/golden/`: the exports `entry.md` and `entry.json`, and the
/// entry files `entry-format-*.toml`.
pub fn golden_entry() -> Entry {
    let mut entry = Entry::new(
        "the-dishes",
        "La vaisselle",
        "Camille",
        "Camille a laissé la vaisselle dans l'évier.\nEncore une fois.",
        time("2025-03-01T20:15:07Z"),
    );
    entry.saved = time("2025-03-01T20:51:30Z");
    entry.completed = Some(time("2025-03-01T20:51:30Z"));
    entry.status = Status::Complete;
    entry.step = Step::Finished;
    entry.own_view = "J'étais épuisée après la journée.\nJe voulais juste un évier vide.\n\n\
                      Alors j'ai dit « tu ne fais jamais rien ».\n"
        .to_owned();
    entry.partner_view = "Elle a travaillé tard, elle aussi.\n疲れていた。\n".to_owned();
    entry.reflection = vec![
        Answer {
            question: "What did you need?".to_owned(),
            answer: "Du repos, et qu'on me voie.".to_owned(),
        },
        Answer {
            question: "What might they have needed?".to_owned(),
            answer: "La même chose — 同じこと。".to_owned(),
        },
    ];
    entry
}

/// Saves `entry` as a new entry in `journal`'s data folder, as a run of the program
/// does: its first save gives it a fresh name, locked until the run ends (here, at
/// once). Returns its path.
pub fn save_new(journal: &Journal, entry: &Entry) -> PathBuf {
    let mut run = Journal::new(journal.data_dir());
    run.save_attempt(1, None, entry).unwrap()
}
