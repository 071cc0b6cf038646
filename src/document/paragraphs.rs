//! Splits a text into paragraphs as a reader sees them.
//!
//! A Markdown document's paragraphs are its blocks, as its parser reads them. In plain
//! text, two layouts are common in corpora: paragraphs separated by blank lines, and one
//! paragraph per line (as many scrapers write). Inside a block of consecutive lines,
//! each line is its own paragraph unless the block reads as hard-wrapped prose
//! (lines of about the same width that break mid-sentence, as in plain-text books),
//! in which case wrapped lines are joined into one paragraph.

use crate::document::structure::{Built, LineRole};
use crate::text::is_cjk;
use crate::text::line_index::LineIndex;
use crate::text::narrow::saturating_u32;
use crate::text::normalize::{Fingerprint, Fingerprinter};
use crate::text::span::Span;
use crate::text::width::{display_width, width_up_to};

/// A paragraph: a byte span, the 0-based lines it covers, and its normalized fingerprint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paragraph {
    pub span: Span,
    first_line: u32,
    last_line: u32,
    pub fingerprint: Fingerprint,
}

// A corpus holds one for every paragraph: kept at 48 bytes, the line numbers in 32 bits.
#[cfg(target_pointer_width = "64")]
const _: () = assert!(std::mem::size_of::<Paragraph>() == 48);

impl Paragraph {
    /// The paragraph of lines `first_line..=last_line` at `span`. A line number takes 32
    /// bits: past 4,294,967,295 (a text of more than 4 GiB of line breaks) it is kept as
    /// that number.
    pub fn new(span: Span, first_line: usize, last_line: usize, fingerprint: Fingerprint) -> Self {
        Self {
            span,
            first_line: saturating_u32(first_line),
            last_line: saturating_u32(last_line),
            fingerprint,
        }
    }

    /// The 0-based first line.
    pub fn first_line(&self) -> usize {
        self.first_line as usize
    }

    /// The 0-based last line.
    pub fn last_line(&self) -> usize {
        self.last_line as usize
    }
}

/// Hard-wrapped text is wrapped somewhere between these widths (in display columns:
/// a CJK character takes two).
const MIN_WRAP_WIDTH: usize = 40;
const MAX_WRAP_WIDTH: usize = 100;
/// A line shorter than this share of the wrap width ends its paragraph.
const FULL_LINE_SHARE: f32 = 0.6;

struct Line {
    index: usize,
    span: Span,
    /// Columns, up to `MAX_WRAP_WIDTH + 1` for any wider line.
    width: usize,
    indent: usize,
}

/// The paragraphs of `text` read as plain text, front matter included.
pub fn segment(text: &str, lines: &LineIndex) -> Vec<Paragraph> {
    segment_plain(text, lines, 0, Fingerprinter::new(false))
}

/// The paragraphs of a document of this structure: Markdown ones from its blocks,
/// plain-text ones from its layout. Front matter is one paragraph. `composed`: whether
/// the NFC quick check proved `text` composed.
pub(crate) fn segment_structured(
    text: &str,
    lines: &LineIndex,
    built: &Built,
    composed: bool,
) -> Vec<Paragraph> {
    let fingerprinter = Fingerprinter::new(composed);
    let mut paragraphs = if built.structure.is_markdown() {
        segment_markdown(text, lines, built, fingerprinter)
    } else {
        segment_plain(
            text,
            lines,
            built.structure.front_matter_lines(),
            fingerprinter,
        )
    };
    // Kept as long as the document: without growth slack.
    paragraphs.shrink_to_fit();
    paragraphs
}

/// One paragraph per Markdown block: a paragraph, a heading, a list item's own text, a
/// code or HTML block, a table, a quoted paragraph.
fn segment_markdown(
    text: &str,
    lines: &LineIndex,
    built: &Built,
    mut fingerprinter: Fingerprinter,
) -> Vec<Paragraph> {
    let mut paragraphs = Vec::new();
    let mut open: Option<(usize, LineRole)> = None;
    let mut close = |first: usize, last: usize, out: &mut Vec<Paragraph>| {
        let span = Span::new(lines.line_start(first), lines.line_end(last, text));
        let fingerprint = fingerprinter.of(&text[span.start..span.end]);
        out.push(Paragraph::new(span, first, last, fingerprint));
    };
    for line in 0..lines.line_count() {
        let role = built.structure.role(line);
        let starts = built.block_starts.get(line).copied().unwrap_or(false);
        match open {
            _ if role == LineRole::Blank => {
                if let Some((first, _)) = open.take() {
                    close(first, line - 1, &mut paragraphs);
                }
            }
            Some((_, current)) if current == role && !starts => {}
            _ => {
                if let Some((first, _)) = open.take() {
                    close(first, line - 1, &mut paragraphs);
                }
                open = Some((line, role));
            }
        }
    }
    if let Some((first, _)) = open {
        close(first, lines.line_count() - 1, &mut paragraphs);
    }
    paragraphs
}

fn segment_plain(
    text: &str,
    lines: &LineIndex,
    front_matter_lines: usize,
    mut fingerprinter: Fingerprinter,
) -> Vec<Paragraph> {
    let mut paragraphs = Vec::new();
    if front_matter_lines > 0 {
        let span = Span::new(0, lines.line_end(front_matter_lines - 1, text));
        let fingerprint = fingerprinter.of(&text[span.start..span.end]);
        paragraphs.push(Paragraph::new(span, 0, front_matter_lines - 1, fingerprint));
    }
    // The non-blank lines, and where each block of them ends.
    let mut all: Vec<Line> = Vec::with_capacity(lines.line_count());
    let mut block_ends: Vec<usize> = Vec::new();
    for (index, (start, end)) in lines.lines(text).enumerate().skip(front_matter_lines) {
        let content = &text[start..end];
        if content.trim().is_empty() {
            if block_ends.last() != Some(&all.len()) && !all.is_empty() {
                block_ends.push(all.len());
            }
            continue;
        }
        all.push(Line {
            index,
            span: Span::new(start, end),
            width: width_up_to(content.trim_end(), MAX_WRAP_WIDTH),
            indent: content.len() - content.trim_start().len(),
        });
    }
    block_ends.push(all.len());
    // The width the text is wrapped at, if it is: its widest line that a wrap could
    // have made. A long URL or a one-line paragraph does not count.
    let wrap_width = all
        .iter()
        .map(|l| l.width)
        .filter(|&w| w <= MAX_WRAP_WIDTH)
        .max()
        .unwrap_or(0);
    let mut segmenter = Segmenter {
        text,
        fingerprinter,
        out: paragraphs,
        wrap_width,
    };
    let mut start = 0;
    for end in block_ends {
        segmenter.block(&all[start..end]);
        start = end;
    }
    segmenter.out
}

struct Segmenter<'a> {
    text: &'a str,
    fingerprinter: Fingerprinter,
    out: Vec<Paragraph>,
    wrap_width: usize,
}

impl Segmenter<'_> {
    fn line_text(&self, line: &Line) -> &str {
        &self.text[line.span.start..line.span.end]
    }

    /// A paragraph of the lines `first..=last` of a block.
    fn push(&mut self, first: &Line, last: &Line) {
        let span = Span::new(first.span.start, last.span.end);
        let fingerprint = self.fingerprinter.of(&self.text[span.start..span.end]);
        self.out
            .push(Paragraph::new(span, first.index, last.index, fingerprint));
    }

    /// Splits a block of consecutive lines into runs that cannot share a paragraph: a
    /// line of its own `.` (the paragraph separator of Debian files) separates them; a
    /// line indented deeper than the one before starts a run unless it is nested under a
    /// list item (`License: GPL-2+` over its one-space-indented text, a book's indented
    /// first lines); so does a line indented less than the one before after a run's
    /// first line, outside lists (`Comment:` after an indented field).
    fn block(&mut self, block: &[Line]) {
        let Some(first) = block.first() else { return };
        if block.len() == 1 {
            return self.run(block);
        }
        let mut start = 0;
        let mut item_indent = item_column(self.line_text(first)).map(|_| first.indent);
        for i in 1..block.len() {
            let (prev, next) = (&block[i - 1], &block[i]);
            let next_item = item_column(self.line_text(next)).is_some();
            let nested = item_indent.is_some_and(|indent| next.indent > indent);
            // Only the first line of a run of prose may stand out further than the lines
            // after it; a list goes back to its own margin after a nested item.
            let outdented = next.indent < prev.indent && i - 1 > start && item_indent.is_none();
            let boundary = is_separator(self.line_text(prev))
                || is_separator(self.line_text(next))
                || (next.indent > prev.indent && !nested && !next_item)
                || outdented;
            if boundary {
                self.run(&block[start..i]);
                start = i;
                item_indent = None;
            }
            if next_item {
                item_indent = Some(next.indent);
            }
        }
        self.run(&block[start..]);
    }

    /// Joins the lines of a run that continue one paragraph: wrapped prose when the run
    /// reads as hard-wrapped, and the lines aligned under the text of a list item that
    /// a wrap carried over (changelog entries, numbered licence clauses).
    fn run(&mut self, run: &[Line]) {
        let Some(first) = run.first() else { return };
        // A separator stands for a blank line: it is no paragraph.
        if run.len() == 1 && is_separator(self.line_text(first)) {
            return;
        }
        let width = run.iter().map(|l| l.width).max().unwrap_or(0);
        let wrapped = is_hard_wrapped(self.text, run, width);
        let full = (width as f32 * FULL_LINE_SHARE) as usize;
        let mut start = first;
        let mut item = item_column(self.line_text(first));
        for pair in run.windows(2) {
            let (prev, next) = (&pair[0], &pair[1]);
            let (prev_text, next_text) = (self.line_text(prev), self.line_text(next));
            let next_item =
                item_column(next_text).filter(|_| !is_wrapped_number(prev_text, next_text));
            let long = (MIN_WRAP_WIDTH..=MAX_WRAP_WIDTH).contains(&prev.width);
            // A wrap carries a word over when it does not fit: a line under an item
            // whose first word would have fitted is a second field (`4 hours ago`).
            let next_word = next_text.split_whitespace().next().unwrap_or("");
            let carried = prev.width + 1 + display_width(next_word) > self.wrap_width;
            let under_item = next_item.is_none() && long && carried && item == Some(next.indent);
            // The first line of a paragraph may be indented deeper than the others; after
            // it, a line indented less than the one before starts another paragraph.
            let aligned = item.is_some()
                || next.indent == prev.indent
                || (next.indent < prev.indent && std::ptr::eq(start, prev));
            let prose = wrapped && prev.width >= full && next_item.is_none() && aligned;
            if !(under_item || prose) {
                self.push(start, prev);
                start = next;
                item = next_item;
            }
        }
        if let Some(last) = run.last() {
            self.push(start, last);
        }
    }
}

/// `section\n7.  This requirement`: a number that a wrap carried to the start of a line,
/// after a line that stops mid-sentence, does not open a list item.
fn is_wrapped_number(prev: &str, next: &str) -> bool {
    next.trim_start().starts_with(|c: char| c.is_ascii_digit())
        && prev
            .trim_end()
            .ends_with(|c: char| c.is_lowercase() || c == ',')
}

/// A line of its own `.`: an empty line inside a field of a Debian control or copyright
/// file.
fn is_separator(line: &str) -> bool {
    line.trim() == "."
}

/// The column where the text of a list item starts, if `line` opens one: the markers
/// of [`starts_with_list_marker`], and the `(a)`, `a)`, `(iv)` of licence clauses.
fn item_column(line: &str) -> Option<usize> {
    let indent = line.len() - line.trim_start().len();
    let body = &line[indent..];
    let marker_len = if starts_with_list_marker(body) {
        body.find(char::is_whitespace)?
    } else {
        let inner = body.strip_prefix('(').unwrap_or(body);
        // A label is at most three characters: the rest of a long line is not searched.
        let label = inner.bytes().take(4).position(|b| b == b')')?;
        if label == 0 || !inner[..label].chars().all(|c| c.is_ascii_alphanumeric()) {
            return None;
        }
        body.len() - inner.len() + label + 1
    };
    let rest = &body[marker_len..];
    let spaces = rest.len() - rest.trim_start().len();
    (spaces > 0 && !rest.trim_start().is_empty()).then_some(indent + marker_len + spaces)
}

/// A block is hard-wrapped when its width is a plausible wrap width, nearly every line
/// but the last fills it, and most line breaks fall inside a sentence.
fn is_hard_wrapped(text: &str, block: &[Line], width: usize) -> bool {
    if block.len() < 2 || !(MIN_WRAP_WIDTH..=MAX_WRAP_WIDTH).contains(&width) {
        return false;
    }
    let full = (width as f32 * FULL_LINE_SHARE) as usize;
    // A line before a list item may end short: the item starts a paragraph anyway.
    let joins: Vec<(&str, &str, usize)> = block
        .windows(2)
        .map(|pair| {
            let prev = text[pair[0].span.start..pair[0].span.end].trim_end();
            let next = text[pair[1].span.start..pair[1].span.end].trim_start();
            (prev, next, pair[0].width)
        })
        .filter(|(prev, next, _)| item_column(next).is_none() || is_wrapped_number(prev, next))
        .collect();
    if joins.is_empty() {
        return false;
    }
    let full_lines = joins.iter().filter(|(_, _, w)| *w >= full).count();
    let signals: Vec<Continuation> = joins
        .iter()
        .map(|(prev, next, _)| continuation(prev, next))
        .collect();
    let strong = signals
        .iter()
        .filter(|s| **s == Continuation::Strong)
        .count();
    let any = signals.iter().filter(|s| **s != Continuation::None).count();
    full_lines * 5 >= joins.len() * 4 && strong >= 1 && any * 2 >= joins.len()
}

/// How clearly a line break falls inside a sentence.
#[derive(Debug, PartialEq, Eq)]
enum Continuation {
    /// The next line starts in lower case, or the line ends on a comma or hyphen.
    Strong,
    /// The line ends on a letter: a sentence, or a title, goes on.
    Weak,
    None,
}

fn continuation(prev: &str, next: &str) -> Continuation {
    let first = next.chars().next();
    let last = prev.chars().next_back();
    let strong = first.is_some_and(char::is_lowercase)
        || last.is_some_and(|c| matches!(c, ',' | ';' | '-' | '–' | '(' | '、' | '，'))
        || (last.is_some_and(is_cjk) && first.is_some_and(is_cjk));
    // A sentence set in capitals (a licence's disclaimer of warranty) ends its lines on
    // capitals where sentences in lower case end them on small letters.
    let in_capitals = || !prev.chars().any(char::is_lowercase);
    if strong {
        Continuation::Strong
    } else if last.is_some_and(|c| c.is_lowercase() || (c.is_uppercase() && in_capitals())) {
        Continuation::Weak
    } else {
        Continuation::None
    }
}

/// `- item`, `* item`, `• item`, `1. item`, `2) item`.
pub fn starts_with_list_marker(line: &str) -> bool {
    let line = line.trim_start();
    let mut chars = line.chars();
    match chars.next() {
        Some('-' | '*' | '•' | '·' | '–' | '+') => {
            chars.next().is_some_and(char::is_whitespace)
        }
        Some(c) if c.is_ascii_digit() => {
            // `2019. A year` is not an item: items are numbered with at most three digits.
            let rest = line.trim_start_matches(|c: char| c.is_ascii_digit());
            if line.len() - rest.len() > 3 {
                return false;
            }
            let mut rest = rest.chars();
            matches!(rest.next(), Some('.' | ')')) && rest.next().is_some_and(char::is_whitespace)
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests;
