//! The gentle observations on the side by side: both views of about 100 KB read for
//! feelings, needs, absolutes and the voice, as the screen asks for them. One pass a
//! text; it must stay well under 5 ms.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use two_worlds::observe::{self, Lexicon};
use two_worlds_benches::Sample;

/// About `bytes` of a view, with feeling, need and absolute words among the rest.
fn view(sentences: &[&str], bytes: usize) -> String {
    Sample {
        sentences,
        per_paragraph: Some(5),
        paragraph_break: "\n\n",
    }
    .prose(bytes)
}

fn bench(c: &mut Criterion) {
    let lexicon = Lexicon::builtin();
    let own = view(
        &[
            "I came home tired and the sink was full again. ",
            "You always say you'll do it later, and I felt ignored, like nobody sees the work. ",
            "What I needed was some rest and to be heard, not a lecture about the budget. ",
            "The rest of the evening we barely spoke; I went to the hallway and sat there. ",
        ],
        100_000,
    );
    let theirs = view(
        &[
            "Sam walked in and he looked exhausted before he even put his bag down. ",
            "I'm scared that every time I try to help, she tells me I did it wrong. ",
            "I wanted closeness, a hug maybe, and time alone after the meeting. ",
            "They're right that the dishes sat there; I never meant it as a message. ",
        ],
        100_000,
    );
    c.bench_function("observe both views, 2×100 KB", |b| {
        b.iter(|| {
            black_box(observe::observe(
                black_box(&own),
                black_box(&theirs),
                "Sam",
                &lexicon,
            ))
        })
    });
    c.bench_function("find in one view, 100 KB", |b| {
        b.iter(|| black_box(observe::find(black_box(&own), &lexicon)))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
