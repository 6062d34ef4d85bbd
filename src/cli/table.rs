//! The tables `list` and `history` print.

use unicode_width::UnicodeWidthStr as _;

/// Left-aligned columns, two spaces apart; the last column is not padded.
/// Widths are terminal columns, so titles in Japanese or with emoji line up.
pub(super) fn table<const N: usize>(header: &[&str; N], rows: &[[String; N]]) -> String {
    let mut widths = header.map(|h| h.width());
    for row in rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.width());
        }
    }
    let mut out = String::new();
    let header = header.map(str::to_string);
    for row in std::iter::once(&header).chain(rows) {
        let mut line = String::new();
        for (i, cell) in row.iter().enumerate() {
            line.push_str(cell);
            if i + 1 < N {
                let pad = widths[i] - cell.width() + 2;
                line.extend(std::iter::repeat_n(' ', pad));
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_aligns_columns_and_leaves_no_trailing_space() {
        let out = table(
            &["ID", "TITLE"],
            &[["a".into(), "One".into()], ["long-id".into(), "Two".into()]],
        );
        assert_eq!(out, "ID       TITLE\na        One\nlong-id  Two\n");
    }
}
