use proptest::prelude::*;

use super::*;
use crate::journal::{Answer, FollowUp, Status};
use crate::translation::Card;

const SECRET_ANSWER: &str = "a reflection answer nobody else reads";
const TRY_NEXT: &str = "a line to try that stays mine";
const FOLLOW_UP: &str = "how last time went, which stays mine";

fn time(text: &str) -> Timestamp {
    text.parse().unwrap()
}

/// A finished attempt with everything filled in, the private parts too.
fn entry() -> Entry {
    let mut entry = Entry::new(
        "the-bench",
        "The bench",
        "Sam",
        "We sat on the bench. Sam looked at the phone.",
        time("2026-11-30T18:00:00Z"),
    );
    entry.status = Status::Complete;
    entry.own_view = "I wanted us to look at the river together.".to_owned();
    entry.partner_view = "I was waiting for news about my sister.".to_owned();
    entry.marks.own = "look at the river together".to_owned();
    entry.marks.partner = "news about my sister".to_owned();
    entry.cards.push(Card {
        by: Speaker::You,
        quote: "You are always on that thing.".to_owned(),
        given: false,
        meant: "I miss you.".to_owned(),
        heard: "You are failing me.".to_owned(),
    });
    entry.reflection.push(Answer {
        question: "Who do you want to be?".to_owned(),
        answer: SECRET_ANSWER.to_owned(),
    });
    entry.distress_before = Some(9);
    entry.distress_after = Some(3);
    entry.distress_breaks = vec![8];
    entry.try_next = TRY_NEXT.to_owned();
    entry.follow_up = Some(FollowUp {
        tried: "before".to_owned(),
        answer: FOLLOW_UP.to_owned(),
    });
    entry
}

fn ids() -> Ids {
    Ids {
        exchange: "0123456789abcdef0123456789abcdef".to_owned(),
        author: "fedcba9876543210fedcba9876543210".to_owned(),
        told_by: "fedcba9876543210fedcba9876543210".to_owned(),
    }
}

fn side() -> Exchange {
    Exchange::from_entry(&entry(), &ids(), "Robin", time("2026-12-01T10:00:00Z"))
}

#[test]
fn a_side_goes_out_and_comes_back_the_same() {
    let side = side();
    let text = side.to_toml();
    assert_eq!(parse(text.as_bytes()), Ok(side.clone()));
    assert!(!side.scenario.practice, "the-bench is no built-in");
    assert_eq!(side.side.cards.len(), 1);
}

#[test]
fn only_the_allow_list_goes_out() {
    let text = side().to_toml();
    for private in [SECRET_ANSWER, TRY_NEXT, FOLLOW_UP, "Who do you want to be?"] {
        assert!(!text.contains(private), "{private:?} went out:\n{text}");
    }
    for key in ["distress", "reflection", "try_next", "follow_up", "calm"] {
        assert!(!text.contains(key), "{key} went out:\n{text}");
    }
    let summary = side().summary().join("\n");
    assert!(summary.contains("for Sam"), "{summary}");
    assert!(
        summary.contains("never carries your reflection answers"),
        "{summary}"
    );
}

#[test]
fn a_builtin_scenario_is_marked_as_practice() {
    let builtin = crate::exercise::load(&crate::exercise::Sources {
        builtin: true,
        user_dir: None,
        extra: Vec::new(),
    });
    let id = &builtin.exercises[0].id;
    let mut entry = entry();
    entry.exercise_id = id.clone();
    let side = Exchange::from_entry(&entry, &ids(), "Robin", Timestamp::now());
    assert!(side.scenario.practice);
    assert!(side.summary().join("\n").contains("practice scenario"));
}

#[test]
fn an_unknown_key_is_refused_with_its_line_and_column() {
    let text = side()
        .to_toml()
        .replace("[side]\n", "[side]\nreflection = \"smuggled\"\n");
    let line = text
        .lines()
        .position(|l| l.starts_with("reflection"))
        .unwrap()
        + 1;
    let problem = parse(text.as_bytes()).unwrap_err();
    assert_eq!(problem.at, Some((line, 1)), "{problem:?}");
    assert!(problem.message.contains("reflection"), "{problem:?}");
    assert_eq!(
        problem.located(Path::new("from-sam.twx")),
        format!("from-sam.twx:{line}:1: {}", problem.message)
    );
}

#[test]
fn a_newer_format_or_none_is_refused_plainly() {
    let text = side().to_toml().replace("format = 1", "format = 2");
    let problem = parse(text.as_bytes()).unwrap_err();
    assert!(problem.message.contains("newer two-worlds"), "{problem:?}");
    let text = side().to_toml().replace("format = 1\n", "");
    let problem = parse(text.as_bytes()).unwrap_err();
    assert!(
        problem
            .message
            .contains("doesn't look like a file shared from two-worlds"),
        "{problem:?}"
    );
}

#[test]
fn ids_names_and_times_are_checked() {
    let good = side().to_toml();
    for (from, to) in [
        (ids().exchange, "../../entries/x".to_owned()),
        (
            ids().exchange,
            "0123456789ABCDEF0123456789ABCDEF".to_owned(),
        ),
        (ids().author, "short".to_owned()),
        (
            "name = \"Robin\"".to_owned(),
            "name = \"Ro\\nbin\"".to_owned(),
        ),
        ("name = \"Robin\"".to_owned(), "name = \" \"".to_owned()),
        (
            "name = \"Robin\"".to_owned(),
            format!("name = \"{}\"", "R".repeat(61)),
        ),
        (
            "name = \"Robin\"".to_owned(),
            "name = \"Ro\u{1b}[2Jbin\"".to_owned(),
        ),
        (
            "sent = \"2026-12-01T10:00:00Z\"".to_owned(),
            "sent = \"yesterday\"".to_owned(),
        ),
    ] {
        let text = good.replace(&from, &to);
        assert_ne!(text, good, "{from} not in the file");
        assert!(parse(text.as_bytes()).is_err(), "{to} was accepted");
    }
}

#[test]
fn too_large_locked_or_not_text_is_refused_unread() {
    let big = vec![b'#'; MAX_EXCHANGE_BYTES as usize + 1];
    assert!(parse(&big).unwrap_err().message.contains("larger than"));
    let locked = b"age-encryption.org/v1\n-> scrypt abc 10\n";
    assert!(
        parse(locked)
            .unwrap_err()
            .message
            .contains("locked with a phrase")
    );
    let problem = parse(b"format = 1\n\xff\xfe").unwrap_err();
    assert_eq!(problem.at, Some((2, 1)));
}

#[test]
fn importing_keeps_one_side_per_author_and_only_newer_revisions() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path());
    let first = side();
    assert_eq!(store.import(&first).unwrap(), Imported::New);
    assert_eq!(store.import(&first).unwrap(), Imported::Unchanged, "twice");
    let mut older = first.clone();
    older.sent = "2026-11-01T10:00:00Z".to_owned();
    older.side.own_view = "an older telling".to_owned();
    assert_eq!(store.import(&older).unwrap(), Imported::Unchanged);
    let mut newer = first.clone();
    newer.sent = "2026-12-02T10:00:00Z".to_owned();
    newer.feedback = Some(Feedback {
        closeness: Closeness::Partly,
        missed: "the sister".to_owned(),
    });
    assert_eq!(store.import(&newer).unwrap(), Imported::Updated);
    assert_eq!(store.sides(&first.exchange), vec![newer.clone()]);
    // Another moment is another folder; this one is untouched by it.
    let mut other = first.clone();
    other.exchange = "11111111111111111111111111111111".to_owned();
    assert_eq!(store.import(&other).unwrap(), Imported::New);
    assert_eq!(store.sides(&first.exchange), vec![newer]);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let path = store.side_path(&first.exchange, &first.author);
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
        let folder = std::fs::metadata(path.parent().unwrap()).unwrap();
        assert_eq!(folder.permissions().mode() & 0o777, 0o700);
    }
}

#[test]
fn sharing_the_same_entry_again_is_the_same_moment() {
    let author = ids().author;
    assert_eq!(
        exchange_id_for(&author, &entry()),
        exchange_id_for(&author, &entry())
    );
    assert!(is_id(&exchange_id_for(&author, &entry())));
    let mut later = entry();
    later.started = time("2026-12-01T18:00:00Z");
    assert_ne!(
        exchange_id_for(&author, &entry()),
        exchange_id_for(&author, &later)
    );
    let (a, b) = (new_id(), new_id());
    assert!(is_id(&a) && is_id(&b) && a != b);
}

/// Every file under `dir`, with its bytes.
fn files_under(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        for item in std::fs::read_dir(&folder).into_iter().flatten().flatten() {
            let path = item.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                found.push((path.clone(), std::fs::read(&path).unwrap()));
            }
        }
    }
    found.sort();
    found
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Whatever the bytes: no panic, and the journal is as it was.
    #[test]
    fn importing_any_bytes_never_panics_nor_touches_the_journal(
        bytes in prop::collection::vec(any::<u8>(), 0..2048),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let entries = dir.path().join("entries/the-bench");
        std::fs::create_dir_all(&entries).unwrap();
        std::fs::write(entries.join("20261130T180000Z.toml"), "kept = true\n").unwrap();
        let before = files_under(&dir.path().join("entries"));
        if let Ok(side) = parse(&bytes) {
            Store::new(dir.path()).import(&side).unwrap();
        }
        prop_assert_eq!(files_under(&dir.path().join("entries")), before);
    }

    /// A real file with a piece of it changed: no panic, and a file that still
    /// reads goes only into its own moment's folder.
    #[test]
    fn a_changed_file_reads_or_is_refused_and_stays_in_the_store(
        at in 0usize..1000,
        cut in 0usize..40,
        insert in "[\\PC\\n\"\\[\\]=.]{0,12}",
    ) {
        let text = side().to_toml();
        let at = text.floor_char_boundary(at.min(text.len()));
        let end = text.floor_char_boundary((at + cut).min(text.len()));
        let changed = format!("{}{}{}", &text[..at], insert, &text[end..]);
        let dir = tempfile::tempdir().unwrap();
        if let Ok(side) = parse(changed.as_bytes()) {
            let store = Store::new(dir.path());
            store.import(&side).unwrap();
            for (path, _) in files_under(dir.path()) {
                prop_assert!(path.starts_with(store.dir().join(&side.exchange)), "{}", path.display());
            }
        }
    }
}

#[test]
fn the_partners_texts_reach_an_export_without_a_raw_control_character() {
    let mut theirs = side();
    theirs.side.own_view = "\u{1b}]0;pwned\u{7} \u{202e} evil\n\u{9b}31m".to_owned();
    theirs.side.cards[0].meant = "\u{1b}[2J".to_owned();
    let shared = crate::export::Shared {
        theirs: &theirs,
        mine: None,
    };
    let doc = crate::export::markdown_with(&entry(), Some(&shared));
    assert!(doc.contains("evil"), "{doc}");
    assert!(
        !doc.chars()
            .any(|c| c == '\u{1b}' || c == '\u{9b}' || c == '\u{202e}' || c == '\u{7}'),
        "{doc:?}"
    );
    let json = crate::export::json_with(&entry(), Some(&shared));
    assert!(
        !json.chars().any(|c| c.is_control() && c != '\n'),
        "{json:?}"
    );
}

#[cfg(unix)]
#[test]
fn a_link_in_place_of_the_store_is_never_written_through() {
    let dir = tempfile::tempdir().unwrap();
    let entries = dir.path().join("entries");
    std::fs::create_dir(&entries).unwrap();
    std::os::unix::fs::symlink(&entries, dir.path().join("exchanges")).unwrap();
    let err = Store::new(dir.path()).import(&side()).unwrap_err();
    assert!(
        format!("{err:#}").contains("not a folder two-worlds made"),
        "{err:#}"
    );
    assert_eq!(std::fs::read_dir(&entries).unwrap().count(), 0);
    std::fs::remove_file(dir.path().join("exchanges")).unwrap();
    std::fs::create_dir(dir.path().join("exchanges")).unwrap();
    std::os::unix::fs::symlink(
        &entries,
        dir.path().join("exchanges").join(&side().exchange),
    )
    .unwrap();
    assert!(Store::new(dir.path()).import(&side()).is_err());
    assert_eq!(std::fs::read_dir(&entries).unwrap().count(), 0);
}
