//! Maps byte offsets to 1-based line and column numbers.

use memchr::memchr_iter;

/// Start offsets of every line of a text, found once with a byte scan.
///
/// Lines are separated by `\n`; a `\r` before it belongs to the line's content,
/// as `awk` and editors count lines.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Starts,
    len: usize,
    /// Points of lines longer than [`CHECKPOINT_BYTES`], every that many bytes, with the
    /// number of characters from the start of their line: a column on a line of megabytes
    /// is then counted from the nearest point, not from the line's start.
    checkpoints: Vec<(usize, usize)>,
}

/// The start offset of each line: 32 bits each in a text shorter than 4 GiB (every text
/// but a rare huge one), as a corpus holds the index of every document while it is checked.
#[derive(Debug, Clone)]
enum Starts {
    Narrow(Vec<u32>),
    Wide(Vec<usize>),
}

impl Starts {
    /// The starts of the lines of `text`, narrow when `narrow` (every start fits).
    fn of(text: &str, narrow: bool) -> Self {
        let starts = std::iter::once(0).chain(memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        // The guess of the room is for short lines; the index lives as long as its
        // document, and keeps none left over.
        let room = text.len() / 64 + 1;
        if narrow {
            Self::Narrow(collect_exact(room, starts.map(|start| start as u32)))
        } else {
            Self::Wide(collect_exact(room, starts))
        }
    }

    fn len(&self) -> usize {
        match self {
            Self::Narrow(starts) => starts.len(),
            Self::Wide(starts) => starts.len(),
        }
    }

    fn get(&self, line: usize) -> Option<usize> {
        match self {
            Self::Narrow(starts) => starts.get(line).map(|&start| start as usize),
            Self::Wide(starts) => starts.get(line).copied(),
        }
    }

    /// The number of lines starting at `offset` or before.
    fn at_or_before(&self, offset: usize) -> usize {
        match self {
            Self::Narrow(starts) => starts.partition_point(|&start| start as usize <= offset),
            Self::Wide(starts) => starts.partition_point(|&start| start <= offset),
        }
    }

    fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.len()).filter_map(|line| self.get(line))
    }
}

/// `items` in a list made with `room` first and left with none over.
fn collect_exact<T>(room: usize, items: impl Iterator<Item = T>) -> Vec<T> {
    let mut list = Vec::with_capacity(room);
    list.extend(items);
    list.shrink_to_fit();
    list
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
        Self::with_starts(text, Starts::of(text, u32::try_from(text.len()).is_ok()))
    }

    fn with_starts(text: &str, starts: Starts) -> Self {
        let mut checkpoints = Vec::new();
        let ends = starts.iter().skip(1).chain([text.len()]);
        for (start, end) in starts.iter().zip(ends) {
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
        Self {
            starts,
            len: text.len(),
            checkpoints,
        }
    }

    /// Number of lines; a final newline does not open a new line.
    pub fn line_count(&self) -> usize {
        // The first line's start is always there.
        let lines = self.starts.len();
        match self.starts.get(lines - 1) {
            Some(last) if last == self.len && lines > 1 => lines - 1,
            _ => lines,
        }
    }

    /// 0-based index of the line holding `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        // The first line starts at 0, at or before any offset.
        self.starts.at_or_before(offset).saturating_sub(1)
    }

    /// Byte offset where the 0-based line `line` starts.
    pub fn line_start(&self, line: usize) -> usize {
        self.starts.get(line).unwrap_or(self.len)
    }

    /// Byte offset of the end of the 0-based line `line`, without its `\n` (or `\r\n`).
    pub fn line_end(&self, line: usize, text: &str) -> usize {
        let next = self
            .starts
            .get(line + 1)
            .map_or(self.len, |start| start - 1);
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
    fn narrow_and_wide_starts_answer_alike() {
        let long = "aé中".repeat(2_000);
        let texts = [
            String::new(),
            "\n\n".to_string(),
            "one\r\ntwo\nthree".to_string(),
            format!("short\n{long}\n\nnext\n"),
        ];
        for text in &texts {
            let narrow = LineIndex::with_starts(text, Starts::of(text, true));
            let wide = LineIndex::with_starts(text, Starts::of(text, false));
            assert!(matches!(narrow.starts, Starts::Narrow(_)));
            assert!(matches!(wide.starts, Starts::Wide(_)));
            assert_eq!(narrow.line_count(), wide.line_count());
            assert_eq!(narrow.checkpoints, wide.checkpoints);
            for line in 0..=narrow.line_count() {
                assert_eq!(narrow.line_start(line), wide.line_start(line));
                if line < narrow.line_count() {
                    assert_eq!(narrow.line_end(line, text), wide.line_end(line, text));
                }
            }
            for offset in (0..=text.len()).filter(|&o| text.is_char_boundary(o)) {
                assert_eq!(narrow.line_of(offset), wide.line_of(offset), "{offset}");
                assert_eq!(narrow.line_col(text, offset), wide.line_col(text, offset));
            }
        }
        // Both as the definition has them: a line starts after each newline.
        let text = &texts[2];
        let index = LineIndex::new(text);
        assert_eq!(
            (0..3).map(|l| index.line_start(l)).collect::<Vec<_>>(),
            [0, 5, 9]
        );
        assert_eq!(
            [0, 4, 5, 8, 9, 14].map(|o| index.line_of(o)),
            [0, 0, 1, 1, 2, 2]
        );
    }

    #[test]
    fn line_end_excludes_crlf() {
        let text = "one\r\ntwo\n";
        let index = LineIndex::new(text);
        let lines: Vec<_> = index.lines(text).map(|(s, e)| &text[s..e]).collect();
        assert_eq!(lines, ["one", "two"]);
    }
}
