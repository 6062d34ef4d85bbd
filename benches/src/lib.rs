//! The sample text every bench writes, reads or draws: prose made of sentences said in
//! turn, in paragraphs.

/// How a sample text is made.
pub struct Sample<'a> {
    /// Said in turn, over and over.
    pub sentences: &'a [&'a str],
    /// Sentences in a paragraph, or `None` for one paragraph, however long.
    pub per_paragraph: Option<usize>,
    /// What ends a paragraph: `"\n"`, or `"\n\n"` for a blank line between them.
    pub paragraph_break: &'a str,
}

impl Sample<'_> {
    /// At least `bytes` of prose, ending at the end of a paragraph.
    pub fn prose(&self, bytes: usize) -> String {
        let mut text = String::with_capacity(bytes + 1024);
        let mut said = 0;
        let in_paragraph = |said: usize| self.per_paragraph.map_or(0, |n| said % n);
        while text.len() < bytes || in_paragraph(said) != 0 {
            text.push_str(self.sentences[said % self.sentences.len()]);
            said += 1;
            if self.per_paragraph.is_some() && in_paragraph(said) == 0 {
                text.push_str(self.paragraph_break);
            }
        }
        text
    }
}

/// A journal of [`journal::ENTRIES`] entries of about 2 KB of prose each, as the
/// journal benches list it.
pub mod journal {
    use jiff::{SignedDuration, Timestamp};
    use two_worlds::journal::{Answer, Entry, Journal, Status, Step};

    use super::Sample;

    pub const ENTRIES: usize = 10_000;
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

    pub fn fill(journal: &mut Journal) {
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
}
