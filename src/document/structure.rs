//! The structure of a document as a reader sees it: what each line is (prose, heading,
//! list item, code...), which byte spans are verbatim, and where Markdown breaks a line
//! on purpose.
//!
//! Only Markdown files (`.md`, `.markdown`) are parsed as Markdown. Plain text keeps no
//! per-line data: its lines are prose, but for the front matter at the top, which is
//! all a plain-text structure records. A corpus holds many documents for the whole run,
//! and most of them are plain text.

use std::path::Path;

use crate::document::front_matter;
use crate::document::markdown;
use crate::text::line_index::LineIndex;
use crate::text::span::Span;

/// What a line of a document is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LineRole {
    /// An empty or whitespace-only line outside code.
    Blank,
    /// Text of a paragraph.
    Prose,
    /// An ATX heading, or a setext heading with its underline.
    Heading,
    /// A list item, its continuation lines and the paragraphs it holds.
    ListItem,
    /// A fenced code block with its fences, or an indented code block.
    Code,
    /// An HTML block.
    Html,
    /// A table, its delimiter row included.
    Table,
    /// A paragraph inside a block quote.
    Quote,
    /// A thematic break (`---`, `***`).
    ThematicBreak,
    /// The front matter block at the top, both fences included.
    FrontMatter,
}

impl LineRole {
    /// Lines whose text is not prose for a reader: code, HTML, tables, headings, breaks
    /// and front matter. Heuristics about prose (chrome, phrases) have nothing to say
    /// about them.
    pub fn is_prose(self) -> bool {
        matches!(self, LineRole::Prose | LineRole::ListItem | LineRole::Quote)
    }
}

/// What a verbatim span of Markdown is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VerbatimKind {
    /// A code block (fences included) or an inline code span (backticks included).
    Code,
    /// An HTML block or inline HTML.
    Html,
    /// An autolink, `<https://...>` or `<name@example.org>`.
    Autolink,
}

/// Text a Markdown renderer shows as written: rules that rewrite text leave it alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Verbatim {
    pub span: Span,
    pub kind: VerbatimKind,
}

/// The structure of a document: see the module documentation.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Structure {
    markdown: bool,
    /// Number of lines the front matter takes (0 without front matter).
    front_matter_lines: usize,
    /// One role per line, for Markdown documents only.
    roles: Box<[LineRole]>,
    /// Sorted, non-overlapping.
    verbatim: Box<[Verbatim]>,
    /// 0-based lines that end in a hard line break made of trailing spaces, sorted.
    hard_breaks: Box<[usize]>,
}

/// Whether a file of this path is read as Markdown.
pub fn is_markdown_path(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown"))
}

/// A structure and the lines that start a block (Markdown only): a paragraph, heading,
/// list item, code or HTML block, table, quote or break. Segmentation needs the starts
/// once, the document keeps the structure.
pub(crate) struct Built {
    pub structure: Structure,
    pub block_starts: Vec<bool>,
}

impl Structure {
    /// The structure of `text`, read as Markdown when `markdown` is true.
    pub(crate) fn build(text: &str, lines: &LineIndex, markdown: bool) -> Built {
        let front_matter_lines = match front_matter::parse(text) {
            Some(Ok(front)) => (front.last_line + 1).min(lines.line_count()),
            _ => 0,
        };
        if !markdown {
            return Built {
                structure: Structure {
                    front_matter_lines,
                    ..Structure::default()
                },
                block_starts: Vec::new(),
            };
        }
        let parsed = markdown::parse(text, lines, front_matter_lines);
        Built {
            structure: Structure {
                markdown: true,
                front_matter_lines,
                roles: parsed.roles.into_boxed_slice(),
                verbatim: parsed.verbatim.into_boxed_slice(),
                hard_breaks: parsed.hard_breaks.into_boxed_slice(),
            },
            block_starts: parsed.block_starts,
        }
    }

    /// Whether the document was read as Markdown.
    pub fn is_markdown(&self) -> bool {
        self.markdown
    }

    /// Number of lines the front matter at the top takes, fences included (0 without).
    pub fn front_matter_lines(&self) -> usize {
        self.front_matter_lines
    }

    /// The role of the 0-based `line`. In plain text every line after the front matter
    /// is `Prose`, blank or not: ask the text whether it is blank.
    pub fn role(&self, line: usize) -> LineRole {
        if line < self.front_matter_lines {
            return LineRole::FrontMatter;
        }
        self.roles.get(line).copied().unwrap_or(LineRole::Prose)
    }

    /// The verbatim spans of a Markdown document, sorted (none in plain text).
    pub fn verbatim_spans(&self) -> &[Verbatim] {
        &self.verbatim
    }

    /// The verbatim span that overlaps `span`, if any. An empty `span` overlaps a
    /// verbatim span that holds its offset.
    pub fn verbatim_at(&self, span: Span) -> Option<&Verbatim> {
        let after = self.verbatim.partition_point(|v| v.span.end <= span.start);
        self.verbatim
            .get(after)
            .filter(|v| v.span.start < span.end.max(span.start + 1))
    }

    /// Whether `span` overlaps text Markdown shows verbatim (code, HTML, autolinks).
    pub fn is_verbatim(&self, span: Span) -> bool {
        self.verbatim_at(span).is_some()
    }

    /// Whether `span` overlaps a code block or code span.
    pub fn is_code(&self, span: Span) -> bool {
        self.verbatim_at(span)
            .is_some_and(|v| v.kind == VerbatimKind::Code)
    }

    /// Whether the 0-based `line` ends in a Markdown hard line break of two or more
    /// trailing spaces (the next line belongs to the same paragraph).
    pub fn has_hard_break(&self, line: usize) -> bool {
        self.hard_breaks.binary_search(&line).is_ok()
    }
}
