//! Reads a Markdown document with a CommonMark parser (GitHub tables included) and maps
//! its blocks and inline spans to lines and byte spans of the text.

use std::ops::Range;

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag};

use crate::document::structure::{LineRole, Verbatim, VerbatimKind};
use crate::text::line_index::LineIndex;
use crate::text::span::Span;

/// What the parse of a Markdown document yields: see `Structure` and `Built`.
pub(crate) struct Parsed {
    pub roles: Vec<LineRole>,
    pub verbatim: Vec<Verbatim>,
    pub hard_breaks: Vec<usize>,
    pub block_starts: Vec<bool>,
}

struct Marker<'a> {
    text: &'a str,
    lines: &'a LineIndex,
    roles: Vec<LineRole>,
    block_starts: Vec<bool>,
}

impl Marker<'_> {
    /// The 0-based lines `span` covers; a span that ends with a line break ends on the
    /// line the break closes.
    fn lines_of(&self, span: Span) -> Range<usize> {
        let last_line = self.roles.len().saturating_sub(1);
        let first = self.lines.line_of(span.start).min(last_line);
        let last = self
            .lines
            .line_of(span.end.saturating_sub(1).max(span.start))
            .min(last_line);
        first..last + 1
    }

    /// Gives `role` to the lines of `span` and marks the first as a block start. Code
    /// and HTML take their blank lines too: a blank line does not end them.
    fn block(&mut self, span: Span, role: LineRole) {
        let lines = self.lines_of(span);
        if let Some(start) = self.block_starts.get_mut(lines.start) {
            *start = true;
        }
        let with_blanks = matches!(role, LineRole::Code | LineRole::Html);
        for line in lines {
            let current = self.roles[line];
            if current == LineRole::Blank && !with_blanks {
                continue;
            }
            if role == LineRole::Quote && self.is_bare_quote_marker(line) {
                // `>` alone is the blank line between two quoted paragraphs.
                self.roles[line] = LineRole::Blank;
                continue;
            }
            self.roles[line] = role;
        }
    }

    fn is_bare_quote_marker(&self, line: usize) -> bool {
        let start = self.lines.line_start(line);
        let end = self.lines.line_end(line, self.text);
        self.text[start..end]
            .trim_matches(|c: char| c == '>' || c.is_whitespace())
            .is_empty()
    }
}

/// Parses the text after the `front_matter_lines` first lines as Markdown.
pub(crate) fn parse(text: &str, lines: &LineIndex, front_matter_lines: usize) -> Parsed {
    let roles: Vec<LineRole> = lines
        .lines(text)
        .enumerate()
        .map(|(line, (start, end))| {
            if line < front_matter_lines {
                LineRole::FrontMatter
            } else if text[start..end].trim().is_empty() {
                LineRole::Blank
            } else {
                LineRole::Prose
            }
        })
        .collect();
    let block_starts = vec![false; roles.len()];
    let mut marker = Marker {
        text,
        lines,
        roles,
        block_starts,
    };
    let mut verbatim = Vec::new();
    let mut hard_breaks = Vec::new();
    let mut base = lines.line_start(front_matter_lines).min(text.len());
    // A byte-order mark is no part of the first block: `\u{feff}```` opens a fence.
    if base == 0 && text.starts_with('\u{feff}') {
        base = '\u{feff}'.len_utf8();
    }
    let body = &text[base..];
    let mut verbatim_span = |span: Span, kind| verbatim.push(Verbatim { span, kind });
    for (event, range) in Parser::new_ext(body, Options::ENABLE_TABLES).into_offset_iter() {
        let span = Span::new(base + range.start, base + range.end);
        match event {
            Event::Start(tag) => match tag {
                Tag::Paragraph => {
                    let first = marker.lines_of(span).start;
                    if let Some(start) = marker.block_starts.get_mut(first) {
                        *start = true;
                    }
                }
                Tag::Heading { .. } => marker.block(span, LineRole::Heading),
                Tag::CodeBlock(_) => {
                    marker.block(span, LineRole::Code);
                    verbatim_span(span, VerbatimKind::Code);
                }
                Tag::HtmlBlock => {
                    marker.block(span, LineRole::Html);
                    verbatim_span(span, VerbatimKind::Html);
                }
                Tag::Table(_) => marker.block(span, LineRole::Table),
                Tag::Item => marker.block(span, LineRole::ListItem),
                Tag::BlockQuote(_) => marker.block(span, LineRole::Quote),
                Tag::Link {
                    link_type: LinkType::Autolink | LinkType::Email,
                    ..
                } => verbatim_span(span, VerbatimKind::Autolink),
                _ => {}
            },
            Event::Code(_) => verbatim_span(span, VerbatimKind::Code),
            Event::InlineHtml(_) => verbatim_span(span, VerbatimKind::Html),
            Event::HardBreak if text[span.start..span.end].starts_with(' ') => {
                hard_breaks.push(lines.line_of(span.start));
            }
            Event::Rule => marker.block(span, LineRole::ThematicBreak),
            _ => {}
        }
    }
    // Events come in text order; sorting and merging keeps lookups right whatever the
    // parser nests.
    verbatim.sort_by_key(|v| (v.span.start, std::cmp::Reverse(v.span.end)));
    verbatim.dedup_by(|next, kept| {
        let inside = next.span.start < kept.span.end;
        if inside {
            kept.span.end = kept.span.end.max(next.span.end);
        }
        inside
    });
    hard_breaks.dedup();
    Parsed {
        roles: marker.roles,
        verbatim,
        hard_breaks,
        block_starts: marker.block_starts,
    }
}

/// The words a reader sees in a line of Markdown inline text: link texts and code spans
/// as written, images and HTML tags left out (`crc32fast [![Build Status](...)](...)`
/// reads `crc32fast`).
pub fn inline_text(line: &str) -> String {
    let mut words = String::new();
    let mut in_image = 0usize;
    // A reference defined elsewhere in the document (`[![Build Status]][actions]`) is a
    // link all the same.
    let mut any_reference = |_: pulldown_cmark::BrokenLink<'_>| Some(("".into(), "".into()));
    // Read as a heading's text: `[x]: y` alone would define a link, not show words.
    let heading = format!("# {}", line.trim_start_matches('#'));
    let parser =
        Parser::new_with_broken_link_callback(&heading, Options::empty(), Some(&mut any_reference));
    for event in parser {
        match event {
            Event::Start(Tag::Image { .. }) => in_image += 1,
            Event::End(pulldown_cmark::TagEnd::Image) => in_image = in_image.saturating_sub(1),
            Event::Text(text) | Event::Code(text) if in_image == 0 => {
                words.push_str(&text);
            }
            Event::SoftBreak | Event::HardBreak => words.push(' '),
            _ => {}
        }
    }
    words.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::inline_text;

    #[test]
    fn inline_text_keeps_what_a_reader_sees() {
        assert_eq!(
            inline_text(
                "crc32fast [![Build Status][build-img]][build] [![Docs](https://docs.rs/b.svg)](https://docs.rs)"
            ),
            "crc32fast"
        );
        assert_eq!(
            inline_text("Serde [![Build Status]][actions] [![Latest Version]][crates.io]"),
            "Serde"
        );
        assert_eq!(
            inline_text("[RustCrypto]: CPU Feature Detection"),
            "RustCrypto: CPU Feature Detection"
        );
        assert_eq!(inline_text("[RustCrypto]: Block"), "RustCrypto: Block");
        assert_eq!(inline_text("`console`"), "console");
        assert_eq!(
            inline_text(r#"<img src="logo.svg" height="100"> Colors"#),
            "Colors"
        );
        assert_eq!(
            inline_text("Similar: A [Diffing](https://x.org) Library"),
            "Similar: A Diffing Library"
        );
        assert_eq!(inline_text("![Jansi](https://example.org/logo.png)"), "");
    }
}
