//! How long the library screen waits for its list: `Journal::list` over
//! 10,000 entries of about 2 KB of prose each. The target is under 200 ms.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use jiff::{SignedDuration, Timestamp};
use two_worlds::journal::{Answer, Entry, Journal, Listed, Status, Step};
use two_worlds_benches::Sample;

const ENTRIES: usize = 10_000;
const EXERCISES: &[(&str, &str)] = &[
    ("dishes", "The dishes"),
    ("late-again", "Late again"),
    ("birthday", "The forgotten birthday"),
    ("money", "Money talk"),
    ("in-laws", "Sunday with the in-laws"),
    ("phone", "Phone at dinner"),
];
const SENTENCES: &[&str] = &[
    "I felt tired when you said that, and then we both knew. ",
    "It was not about the dishes, really, but about being seen. ",
    "Après tout, déjà vu: 心 ",
    "Maybe she thought I didn't care. ",
    "Because I was late again and did not call. ",
    "We both wanted the evening back. ",
    "I kept talking about the plates. ",
];

/// About `bytes` of prose, in paragraphs of two sentences; `variant` picks the first
/// sentence, so entries differ.
fn prose(variant: usize, bytes: usize) -> String {
    let sentences: Vec<&str> = SENTENCES
        .iter()
        .cycle()
        .skip(variant % SENTENCES.len())
        .take(SENTENCES.len())
        .copied()
        .collect();
    Sample {
        sentences: &sentences,
        per_paragraph: Some(2),
        paragraph_break: "\n",
    }
    .prose(bytes)
}

fn fill(journal: &mut Journal) {
    let first: Timestamp = "2023-01-01T08:00:00Z".parse().unwrap();
    for i in 0..ENTRIES {
        let (id, title) = EXERCISES[i % EXERCISES.len()];
        let started = first + SignedDuration::from_mins(97 * i as i64);
        let mut entry = Entry::new(id, title, "Sam", &prose(i, 400), started);
        entry.own_view = prose(i + 1, 800);
        entry.partner_view = prose(i + 2, 800);
        entry.reflection = (1..=3)
            .map(|n| Answer {
                question: format!("What would you say to them now? ({n})"),
                answer: prose(i + 2 + n, 150),
            })
            .collect();
        if i % 3 != 0 {
            entry.status = Status::Complete;
            entry.step = Step::Finished;
            entry.completed = Some(started + SignedDuration::from_mins(40));
        }
        entry.saved = started + SignedDuration::from_mins(40);
        journal.save_attempt(i as u64, None, &entry).unwrap();
        // As a run of the program that ends: no lock file stays among the entries.
        journal.release_locks();
    }
}

fn list(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let mut journal = Journal::new(dir.path());
    fill(&mut journal);
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
