//! Reading the built-in library, which happens before the first frame: every
//! scenario parsed and checked (syntax, characters, placeholders, moments, mirrors).

use criterion::{Criterion, criterion_group, criterion_main};
use two_worlds::exercise::{self, Sources};

fn bench(c: &mut Criterion) {
    let sources = Sources {
        builtin: true,
        ..Sources::default()
    };
    c.bench_function("load the built-in library", |b| {
        b.iter(|| std::hint::black_box(exercise::load(&sources)));
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
