//! Maps byte offsets to 1-based line and column numbers.

use memchr::memchr_iter;

/// Start offsets of every line of a text, found once with a byte scan.
///
/// Lines are separated by `\n`; a `\r` before it belongs to the line's content,
/// as `awk` and editors count lines.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
    len: usize,
    /// Points of lines longer than [`CHECKPOINT_BYTES`], every that many bytes, with the
    /// number of characters from the start of their line: a column on a line of megabytes
    /// is then counted from the nearest point, not from the line's start.
    checkpoints: Vec<(usize, usize)>,
}

/// Bytes between two checkpoints of a long line.
const CHECKPOINT_BYTES: usize = 4096;

/// A 1-based line and a 1-based column counted in characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineCol {
    pub line: usize,
    pub column: usize,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut starts = Vec::with_capacity(text.len() / 64 + 1);
        starts.push(0);
        starts.extend(memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        let mut checkpoints = Vec::new();
        let ends = starts.iter().skip(1).copied().chain([text.len()]);
        for (start, end) in starts.iter().copied().zip(ends) {
            if end - start <= CHECKPOINT_BYTES {
                continue;
            }
            let (mut at, mut chars) = (start, 0);
            loop {
                let next = floor_char_boundary(text, at + CHECKPOINT_BYTES);
                if next >= end {
                    break;
                }
                chars += text[at..next].chars().count();
                checkpoints.push((next, chars));
                at = next;
            }
        }
        // The guess above is for short lines; the index lives as long as its document.
        starts.shrink_to_fit();
        Self {
            starts,
            len: text.len(),
            checkpoints,
        }
    }

    /// Number of lines; a final newline does not open a new line.
    pub fn line_count(&self) -> usize {
        match self.starts.last() {
            Some(&last) if last == self.len && self.starts.len() > 1 => self.starts.len() - 1,
            _ => self.starts.len(),
        }
    }

    /// 0-based index of the line holding `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        }
    }

    /// Byte offset where the 0-based line `line` starts.
    pub fn line_start(&self, line: usize) -> usize {
        self.starts.get(line).copied().unwrap_or(self.len)
    }

    /// Byte offset of the end of the 0-based line `line`, without its `\n` (or `\r\n`).
    pub fn line_end(&self, line: usize, text: &str) -> usize {
        let next = self
            .starts
            .get(line + 1)
            .map_or(self.len, |&start| start - 1);
        if next > self.line_start(line) && text.as_bytes().get(next - 1) == Some(&b'\r') {
            next - 1
        } else {
            next
        }
    }

    /// Iterates over `(start, end)` byte ranges of all lines, line terminators excluded.
    pub fn lines<'a>(&'a self, text: &'a str) -> impl Iterator<Item = (usize, usize)> + 'a {
        (0..self.line_count()).map(move |i| (self.line_start(i), self.line_end(i, text)))
    }

    /// The 1-based line and character column of `offset` in `text`.
    pub fn line_col(&self, text: &str, offset: usize) -> LineCol {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line = self.line_of(offset);
        let start = self.line_start(line);
        let (from, before) = match self.checkpoints.partition_point(|&(at, _)| at <= offset) {
            0 => (start, 0),
            i => match self.checkpoints[i - 1] {
                (at, chars) if at > start => (at, chars),
                _ => (start, 0),
            },
        };
        LineCol {
            line: line + 1,
            column: before + text[from..offset].chars().count() + 1,
        }
    }
}

/// The largest offset at or before `offset` (at most `text.len()`) where a character of
/// `text` starts.
pub fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_lines_with_and_without_final_newline() {
        assert_eq!(LineIndex::new("a\nb").line_count(), 2);
        assert_eq!(LineIndex::new("a\nb\n").line_count(), 2);
        assert_eq!(LineIndex::new("").line_count(), 1);
        assert_eq!(LineIndex::new("\n\n").line_count(), 2);
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        let text = "ab\n中文x";
        let index = LineIndex::new(text);
        assert_eq!(index.line_col(text, 0), LineCol { line: 1, column: 1 });
        assert_eq!(index.line_col(text, 3), LineCol { line: 2, column: 1 });
        assert_eq!(index.line_col(text, 9), LineCol { line: 2, column: 3 });
        assert_eq!(
            index.line_col(text, text.len()),
            LineCol { line: 2, column: 4 }
        );
    }

    #[test]
    fn columns_on_long_lines_count_from_checkpoints() {
        let text = format!("short\n{}\nnext", "aé中".repeat(5_000));
        let index = LineIndex::new(&text);
        assert!(!index.checkpoints.is_empty());
        let long = &text[6..text.len() - 5];
        for (chars, (offset, _)) in long.char_indices().enumerate().step_by(997) {
            let expected = LineCol {
                line: 2,
                column: chars + 1,
            };
            assert_eq!(index.line_col(&text, 6 + offset), expected);
        }
        let end = text.len() - 5;
        assert_eq!(index.line_col(&text, end).column, 15_001);
        assert_eq!(
            index.line_col(&text, end + 1),
            LineCol { line: 3, column: 1 }
        );
        assert_eq!(index.line_col(&text, text.len()).column, 5);
    }

    #[test]
    fn line_end_excludes_crlf() {
        let text = "one\r\ntwo\n";
        let index = LineIndex::new(text);
        let lines: Vec<_> = index.lines(text).map(|(s, e)| &text[s..e]).collect();
        assert_eq!(lines, ["one", "two"]);
    }
}
