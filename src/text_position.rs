//! Where a byte offset stands in a text, as people count: the one place that
//! turns an offset from a parser into the line and column a message names.

/// 1-based line and column (in characters) of a byte offset. An offset past
/// the end counts as the end; one inside a character counts as that
/// character's start.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_columns_count_from_one_and_columns_count_characters() {
        let text = "ab\nçé\n";
        assert_eq!(line_col(text, 0), (1, 1));
        assert_eq!(line_col(text, 2), (1, 3));
        assert_eq!(line_col(text, 3), (2, 1));
        // After "ç" (two bytes): the second character.
        assert_eq!(line_col(text, 5), (2, 2));
        // Inside "é": its start.
        assert_eq!(line_col(text, 6), (2, 2));
        assert_eq!(line_col(text, 100), (3, 1));
    }
}
