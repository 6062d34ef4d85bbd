//! How long the library screen waits for its list: `Journal::list` over
//! 10,000 entries of about 2 KB of prose each. The target is under 200 ms.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use jiff::{SignedDuration, Timestamp};
use two_worlds::journal::{Answer, Entry, Journal, Listed, Status, Step};

const ENTRIES: usize = 10_000;
const EXERCISES: &[(&str, &str)] = &[
    ("dishes", "The dishes"),
    ("late-again", "Late again"),
    ("birthday", "The forgotten birthday"),
    ("money", "Money talk"),
    ("in-laws", "Sunday with the in-laws"),
    ("phone", "Phone at dinner"),
];
const WORDS: &[&str] = &[
    "I", "felt", "tired", "when", "you", "said", "that", "and", "then", "we", "both", "knew", "it",
    "was", "not", "about", "the", "dishes", "really", "but", "about", "being", "seen", "après",
    "tout", "déjà", "心", "because", "maybe", "she", "thought", "I", "didn't", "care",
];

/// Deterministic prose of about `bytes` bytes, in lines and paragraphs.
fn prose(seed: &mut u64, bytes: usize) -> String {
    let mut text = String::with_capacity(bytes + 16);
    while text.len() < bytes {
        // xorshift: cheap, repeatable, good enough to vary the words.
        *seed ^= *seed << 13;
        *seed ^= *seed >> 7;
        *seed ^= *seed << 17;
        text.push_str(WORDS[(*seed % WORDS.len() as u64) as usize]);
        text.push(match *seed % 23 {
            0 => '\n',
            1 => '.',
            _ => ' ',
        });
    }
    text
}

fn fill(journal: &Journal) {
    let first: Timestamp = "2023-01-01T08:00:00Z".parse().unwrap();
    let mut seed = 0x2545_f491_4f6c_dd1d_u64;
    for i in 0..ENTRIES {
        let (id, title) = EXERCISES[i % EXERCISES.len()];
        let started = first + SignedDuration::from_mins(97 * i as i64);
        let mut entry = Entry::new(id, title, "Sam", &prose(&mut seed, 400), started);
        entry.own_view = prose(&mut seed, 800);
        entry.partner_view = prose(&mut seed, 800);
        entry.reflection = (1..=3)
            .map(|n| Answer {
                question: format!("What would you say to them now? ({n})"),
                answer: prose(&mut seed, 150),
            })
            .collect();
        if i % 3 != 0 {
            entry.status = Status::Complete;
            entry.step = Step::Finished;
            entry.completed = Some(started + SignedDuration::from_mins(40));
        }
        entry.saved = started + SignedDuration::from_mins(40);
        let (path, _lock) = journal.create_entry(id, started).unwrap();
        journal.save(&path, &entry).unwrap();
    }
}

fn list(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let journal = Journal::new(dir.path());
    fill(&journal);
    let listed = journal.list();
    assert_eq!(listed.len(), ENTRIES);
    assert!(listed.iter().all(|item| matches!(item, Listed::Entry(_))));

    let mut group = c.benchmark_group("journal");
    group.sample_size(20);
    group.bench_function("list 10,000 entries", |b| {
        b.iter(|| black_box(journal.list()))
    });
    // For comparison: parsing every file in full, which `list` avoids.
    let paths: Vec<_> = listed
        .iter()
        .map(|item| item.path().to_path_buf())
        .collect();
    group.bench_function("load 10,000 entries in full", |b| {
        b.iter(|| {
            for path in &paths {
                black_box(Journal::load(path).unwrap());
            }
        })
    });
    group.finish();
}

criterion_group!(benches, list);
criterion_main!(benches);
