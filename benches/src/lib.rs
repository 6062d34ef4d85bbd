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
