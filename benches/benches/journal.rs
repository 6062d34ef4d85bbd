//! How long the library screen waits for its list: `Journal::list` over
//! 10,000 entries of about 2 KB of prose each. The target is under 200 ms.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use two_worlds::journal::{Journal, Listed};
use two_worlds_benches::journal::fill;

const ENTRIES: usize = two_worlds_benches::journal::ENTRIES;

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
