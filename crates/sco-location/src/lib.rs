//! Where in a text file something is: the 1-based line (and column) of a byte offset.
//!
//! Why a crate of its own: every reader in the workspace (the ledger's TOML, the decision lab's
//! cases and CSV profiles, the simulator's scenario files, the datasets) reports bad input as
//! "file, line, what is wrong", and each had written its own offset-to-line helper. This is the
//! one helper they share; it knows nothing of the files' formats, so generic engines and SCO
//! crates alike can depend on it.

/// Line numbers of byte offsets in a text, each found in O(log lines) after one pass.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineIndex {
    /// Byte offset of the start of each line; the first is 0.
    starts: Vec<usize>,
}

impl LineIndex {
    /// Indexes the line starts of `text`.
    pub fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(
            text.bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'\n')
                .map(|(i, _)| i + 1),
        );
        LineIndex { starts }
    }

    /// The 1-based line of byte `offset` (offsets past the end fall on the last line).
    pub fn line(&self, offset: usize) -> usize {
        self.starts.partition_point(|&start| start <= offset).max(1)
    }

    /// How many lines the text has (a final line without a newline counts).
    pub fn lines(&self) -> usize {
        self.starts.len()
    }
}

/// The 1-based line of byte `offset` in `text`, for a single look-up (use [`LineIndex`] for
/// many).
pub fn line_of(text: &str, offset: usize) -> usize {
    let before = &text.as_bytes()[..offset.min(text.len())];
    before.iter().filter(|&&b| b == b'\n').count() + 1
}

/// The 1-based line and column of byte `offset` in `text`; the column counts characters, not
/// bytes, so that it matches what an editor shows for non-ASCII text.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
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
    fn lines_and_columns_of_offsets() {
        let text = "ab\nсд\n\nx";
        let index = LineIndex::new(text);
        assert_eq!(index.lines(), 4);
        for (offset, line) in [(0, 1), (2, 1), (3, 2), (7, 2), (8, 3), (9, 4), (99, 4)] {
            assert_eq!(index.line(offset), line, "offset {offset}");
            assert_eq!(line_of(text, offset), line, "offset {offset}");
        }
        // "с" and "д" are two bytes each: the column counts characters.
        assert_eq!(line_column(text, 5), (2, 2));
        assert_eq!(line_column(text, 7), (2, 3));
        // An offset inside a character falls back to its start.
        assert_eq!(line_column(text, 4), (2, 1));
        assert_eq!(line_column("", 5), (1, 1));
    }
}
