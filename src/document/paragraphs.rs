//! Splits a text into paragraphs.
//!
//! Two layouts are common in corpora: paragraphs separated by blank lines, and one
//! paragraph per line (as many scrapers write). Inside a block of consecutive lines,
//! each line is its own paragraph unless the block reads as hard-wrapped prose
//! (lines of about the same width that break mid-sentence, as in plain-text books),
//! in which case wrapped lines are joined into one paragraph.

use unicode_width::UnicodeWidthStr;

use crate::text::is_cjk;
use crate::text::line_index::LineIndex;
use crate::text::normalize::{Fingerprint, fingerprint};
use crate::text::span::Span;

/// A paragraph: a byte span, the 0-based lines it covers, and its normalized fingerprint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paragraph {
    pub span: Span,
    pub first_line: usize,
    pub last_line: usize,
    pub fingerprint: Fingerprint,
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
    width: usize,
    indent: usize,
}

pub fn segment(text: &str, lines: &LineIndex) -> Vec<Paragraph> {
    let mut paragraphs = Vec::new();
    let mut buffer = String::new();
    let mut block: Vec<Line> = Vec::new();
    for (index, (start, end)) in lines.lines(text).enumerate() {
        let content = &text[start..end];
        if content.trim().is_empty() {
            segment_block(text, &block, &mut buffer, &mut paragraphs);
            block.clear();
            continue;
        }
        block.push(Line {
            index,
            span: Span::new(start, end),
            width: display_width(content.trim_end()),
            indent: content.len() - content.trim_start().len(),
        });
    }
    segment_block(text, &block, &mut buffer, &mut paragraphs);
    // Kept as long as the document: without growth slack.
    paragraphs.shrink_to_fit();
    paragraphs
}

/// A paragraph of the lines `first..=last` of a block.
fn paragraph(text: &str, first: &Line, last: &Line, buffer: &mut String) -> Paragraph {
    let span = Span::new(first.span.start, last.span.end);
    Paragraph {
        span,
        first_line: first.index,
        last_line: last.index,
        fingerprint: fingerprint(&text[span.start..span.end], buffer),
    }
}

fn segment_block(text: &str, block: &[Line], buffer: &mut String, out: &mut Vec<Paragraph>) {
    let Some(first) = block.first() else { return };
    let width = block.iter().map(|l| l.width).max().unwrap_or(0);
    if !is_hard_wrapped(text, block, width) {
        out.extend(block.iter().map(|line| paragraph(text, line, line, buffer)));
        return;
    }
    let full = (width as f32 * FULL_LINE_SHARE) as usize;
    let mut start = first;
    let mut opened_with_marker = starts_with_list_marker(&text[first.span.start..first.span.end]);
    for pair in block.windows(2) {
        let (prev, next) = (&pair[0], &pair[1]);
        let next_text = &text[next.span.start..next.span.end];
        let next_is_item = starts_with_list_marker(next_text);
        let breaks =
            prev.width < full || next_is_item || (next.indent > prev.indent && !opened_with_marker);
        if breaks {
            out.push(paragraph(text, start, prev, buffer));
            start = next;
            opened_with_marker = next_is_item;
        }
    }
    if let Some(last) = block.last() {
        out.push(paragraph(text, start, last, buffer));
    }
}

/// Columns a line takes; printable ASCII, most lines, takes one column a byte.
fn display_width(line: &str) -> usize {
    if line.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        line.len()
    } else {
        line.width()
    }
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
        .filter(|(_, next, _)| !starts_with_list_marker(next))
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
    if strong {
        Continuation::Strong
    } else if last.is_some_and(char::is_lowercase) {
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
mod tests {
    use super::*;

    #[test]
    fn display_width_of_ascii_is_its_length_as_unicode_width_says() {
        for line in [
            "",
            "plain words",
            "tab\there",
            "bell\x07",
            "del\x7f",
            "~!@#$%^&*()",
        ] {
            assert_eq!(display_width(line), line.width(), "{line:?}");
        }
        assert_eq!(display_width("网络 cafe\u{301}"), 9);
    }

    fn paragraphs(text: &str) -> Vec<&str> {
        segment(text, &LineIndex::new(text))
            .into_iter()
            .map(|p| &text[p.span.start..p.span.end])
            .collect()
    }

    #[test]
    fn blank_lines_separate_paragraphs() {
        assert_eq!(
            paragraphs("One.\n\nTwo.\n\n\nThree.\n"),
            ["One.", "Two.", "Three."]
        );
    }

    #[test]
    fn one_paragraph_per_line() {
        let text = "A long first paragraph that goes on and on, well past any wrap width a book would use, and ends here.\nA second paragraph of the same kind, also far longer than a hard-wrapped line ever is in a text.\n";
        assert_eq!(paragraphs(text).len(), 2);
    }

    #[test]
    fn hard_wrapped_lines_join_into_one_paragraph() {
        let text = "It was the best of times, it was the worst of times, it was the age\n\
                    of wisdom, it was the age of foolishness, it was the epoch of belief,\n\
                    it was the epoch of incredulity.\n\
                    \n\
                    There were a king with a large jaw and a queen with a plain face, on\n\
                    the throne of England.\n";
        assert_eq!(paragraphs(text).len(), 2);
        assert!(paragraphs(text)[0].ends_with("incredulity."));
    }

    #[test]
    fn indentation_starts_a_new_paragraph_in_wrapped_text() {
        let text = "    It was the best of times, it was the worst of times, it was the age\n\
                    of wisdom, it was the age of foolishness, it was the epoch of belief.\n\
                    \x20   There were a king with a large jaw and a queen with a plain face,\n\
                    on the throne of England; there were a king with a large jaw.\n";
        assert_eq!(paragraphs(text).len(), 2);
    }

    #[test]
    fn a_title_and_its_byline_stay_separate() {
        let text = "Cyberspace security a crucial aspect of China-US diplomacy\nBy Lu Zhongwei\n";
        assert_eq!(paragraphs(text).len(), 2);
    }

    #[test]
    fn hard_wrapped_chinese_joins() {
        let text = "网络空间安全不能仅仅从信息技术和网络安全的角度来狭义\n地定义，而应该提升到战略高度来考虑，作为国家安全的问\n题，而不仅仅是技术问题。\n";
        assert_eq!(paragraphs(text).len(), 1);
    }

    #[test]
    fn short_lines_stay_separate() {
        let text = "By Jane Doe | The Daily | Updated: 2019-04-22 08:04\nShare\nShare - WeChat\n";
        assert_eq!(paragraphs(text).len(), 3);
        let nav = "- Home\n- World news and more\n- Business\n";
        assert_eq!(paragraphs(nav).len(), 3);
    }

    #[test]
    fn list_items_in_wrapped_text_start_paragraphs() {
        let text = "- the first item of a list that is long enough to wrap onto the\n  next line of the text file\n- the second item of a list that is long enough to wrap onto the\n  next line as well\n";
        assert_eq!(paragraphs(text).len(), 2);
    }

    #[test]
    fn recognises_list_markers() {
        assert!(starts_with_list_marker(
            "- Reconfiguring of International Orde..."
        ));
        assert!(starts_with_list_marker("12. Item"));
        assert!(!starts_with_list_marker("-5 degrees"));
        assert!(!starts_with_list_marker("2019. A year"));
    }
}
