//! How long the library waits for its list when the journal is locked: 10,000
//! encrypted entries of about 2 KB of prose each, listed once the journal is
//! unlocked. With the index warm the target is under 300 ms; the index rebuilt
//! from every file (after it was deleted) is measured too, for the note.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use two_worlds::exchange::phrase::Phrase;
use two_worlds::journal::{Journal, Listed};
use two_worlds::vault;
use two_worlds_benches::journal::{ENTRIES, fill};

fn list_locked(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let passphrase = Phrase::new("a kettle by the window".into()).secret();
    // Locked before the first entry, so every entry is saved encrypted, as the
    // program saves them (a cheap scrypt: unlocking is not what is measured).
    let started = vault::start_lock(dir.path(), &passphrase, 2).unwrap();
    vault::convert::lock_all(dir.path(), &started.seal, started.identity, &mut |_, _| {}).unwrap();
    let mut journal = Journal::new(dir.path());
    fill(&mut journal);
    assert!(vault::is_unlocked(dir.path()));
    let listed = journal.list();
    assert_eq!(listed.len(), ENTRIES);
    assert!(listed.iter().all(|item| matches!(item, Listed::Entry(_))));
    assert!(
        listed
            .iter()
            .all(|item| item.path().to_string_lossy().ends_with(".toml.age"))
    );
    let index = dir.path().join(vault::INDEX_FILE);
    assert!(index.is_file());

    let mut group = c.benchmark_group("locked journal");
    group.sample_size(20);
    group.bench_function("list 10,000 encrypted entries, index warm", |b| {
        b.iter(|| black_box(journal.list()))
    });
    group.sample_size(10);
    group.bench_function("list 10,000 encrypted entries, index rebuilt", |b| {
        b.iter(|| {
            std::fs::remove_file(&index).unwrap();
            black_box(journal.list())
        })
    });
    group.finish();
}

criterion_group!(benches, list_locked);
criterion_main!(benches);
