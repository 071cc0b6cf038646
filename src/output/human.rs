//! rustc-style reports with miette's graphical handler: file name, source lines, the
//! span underlined and labelled, the code and the help.

use std::fmt;
use std::io::{self, Write};

use rayon::prelude::*;

use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents,
    SourceCode, SourceSpan, SpanContents,
};

use crate::diagnostic::{Diagnostic, Severity};
use crate::document::Document;
use crate::engine::Outcome;
use crate::text::line_index::floor_char_boundary;
use crate::text::span::Span;

#[derive(Debug, Clone, Copy)]
pub struct HumanOptions {
    pub color: bool,
    /// Width that messages and help are wrapped to.
    pub width: usize,
}

pub fn render(outcome: &Outcome, options: HumanOptions, out: &mut impl Write) -> io::Result<()> {
    let theme = if options.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(options.width)
        .with_links(false);
    // Reports are rendered a batch at a time on every core, then written in order: a
    // corpus can have hundreds of thousands of findings, and a batch bounds the memory
    // their text takes.
    for batch in outcome.diagnostics.chunks(RENDER_BATCH) {
        let rendered: Vec<String> = batch
            .par_chunks(RENDER_CHUNK)
            .map(|chunk| {
                let mut buffer = String::new();
                for diagnostic in chunk {
                    let report = Report::new(outcome, diagnostic);
                    handler
                        .render_report(&mut buffer, &report)
                        .map_err(io::Error::other)?;
                    buffer.push('\n');
                }
                Ok(buffer)
            })
            .collect::<io::Result<_>>()?;
        for text in rendered {
            out.write_all(text.as_bytes())?;
        }
    }
    Ok(())
}

/// Findings rendered before their text is written.
const RENDER_BATCH: usize = 8192;
/// Findings one thread renders into one string.
const RENDER_CHUNK: usize = 256;

/// Lines longer than this many characters are shown as a window around the spans on them:
/// miette prints whole source lines, and a scraped file can be one line of megabytes.
const MAX_LINE_CHARS: usize = 400;
/// Characters shown before the first span point of a windowed line.
const WINDOW_BEFORE: usize = 80;
/// Characters of a windowed line without a span point on it (a context line).
const WINDOW_CONTEXT: usize = 80;
const ELLIPSIS: &str = "…";

/// The lines of a document that a report shows, from the line before its first span to
/// the line after its last, with long lines cut to a window around the spans. miette
/// reads this instead of the document: its offsets are the document's, mapped with
/// [`Excerpt::map`].
struct Excerpt<'a> {
    doc: &'a Document,
    /// The text miette sees.
    text: String,
    /// 0-based line of the document where `text` starts.
    first_line: usize,
    lines: Vec<ExcerptLine>,
}

/// Where one line of the document stands in the excerpt; `shown` is the part of the
/// line that is kept (all of it for a short line).
struct ExcerptLine {
    shown: Span,
    /// Offset of `shown.start` in the excerpt.
    at: usize,
}

impl<'a> Excerpt<'a> {
    fn new(doc: &'a Document, spans: &[Span]) -> Self {
        let text = &doc.text;
        let clamp = |offset: usize| floor_char_boundary(text, offset.min(text.len()));
        let first = spans
            .iter()
            .map(|s| doc.lines.line_of(clamp(s.start)))
            .min()
            .unwrap_or(0);
        let last = spans
            .iter()
            .map(|s| doc.lines.line_of(clamp(s.end.max(s.start))))
            .max()
            .unwrap_or(0);
        let first_line = first.saturating_sub(1);
        let last_line = (last + 1).min(doc.lines.line_count().saturating_sub(1));
        let mut excerpt = Self {
            doc,
            text: String::new(),
            first_line,
            lines: Vec::new(),
        };
        for line in first_line..=last_line.max(first_line) {
            let start = doc.lines.line_start(line);
            let end = doc.lines.line_end(line, text);
            let next = doc.lines.line_start(line + 1).max(end);
            let points: Vec<usize> = spans
                .iter()
                .flat_map(|s| [clamp(s.start), clamp(s.end)])
                .filter(|&p| start <= p && p <= end)
                .collect();
            let shown = window(text, Span::new(start, end), &points);
            if shown.start > start {
                excerpt.text.push_str(ELLIPSIS);
            }
            excerpt.lines.push(ExcerptLine {
                shown,
                at: excerpt.text.len(),
            });
            excerpt.text.push_str(&text[shown.start..shown.end]);
            if shown.end < end {
                excerpt.text.push_str(ELLIPSIS);
            }
            excerpt.text.push_str(&text[end..next]);
        }
        excerpt
    }

    /// The excerpt offset of a document offset: a point cut from its line goes to the
    /// nearest end of the part shown.
    fn map(&self, offset: usize) -> usize {
        let text = &self.doc.text;
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line = self.doc.lines.line_of(offset);
        let Some(shown) = line
            .checked_sub(self.first_line)
            .and_then(|i| self.lines.get(i))
        else {
            return if line < self.first_line {
                0
            } else {
                self.text.len()
            };
        };
        let end = self.doc.lines.line_end(line, text);
        if offset > end {
            // In the line's terminator, which follows what is shown of it.
            let cut = if shown.shown.end < end {
                ELLIPSIS.len()
            } else {
                0
            };
            return shown.at + shown.shown.len() + cut + (offset - end);
        }
        shown.at + offset.clamp(shown.shown.start, shown.shown.end) - shown.shown.start
    }

    /// The document offset of an excerpt offset; one in an ellipsis goes to the nearest
    /// character shown.
    fn unmap(&self, offset: usize) -> usize {
        let i = self
            .lines
            .partition_point(|l| l.at <= offset)
            .saturating_sub(1);
        match self.lines.get(i) {
            Some(line) => (line.shown.start + offset.saturating_sub(line.at)).min(line.shown.end),
            None => 0,
        }
    }

    fn span(&self, span: Span) -> SourceSpan {
        let start = self.map(span.start);
        let end = self.map(span.end).max(start);
        SourceSpan::new(start.into(), end - start)
    }
}

/// The part of the line `line` to show: all of it when it is short, else a window
/// that starts a little before the first of `points` (span starts and ends on the line).
fn window(text: &str, line: Span, points: &[usize]) -> Span {
    let content = &text[line.start..line.end];
    if content.len() <= MAX_LINE_CHARS || content.chars().nth(MAX_LINE_CHARS).is_none() {
        return line;
    }
    let (start, budget) = match points.iter().min() {
        Some(&first) => (back(text, line.start, first, WINDOW_BEFORE), MAX_LINE_CHARS),
        None => (line.start, WINDOW_CONTEXT),
    };
    Span::new(start, forward(text, start, line.end, budget))
}

/// The offset `chars` characters before `from`, not before `limit`.
fn back(text: &str, limit: usize, from: usize, chars: usize) -> usize {
    text[limit..from]
        .char_indices()
        .rev()
        .take(chars)
        .last()
        .map_or(from, |(i, _)| limit + i)
}

/// The offset `chars` characters after `from`, not after `limit`.
fn forward(text: &str, from: usize, limit: usize, chars: usize) -> usize {
    text[from..limit]
        .char_indices()
        .nth(chars)
        .map_or(limit, |(i, _)| from + i)
}

impl SourceCode for Excerpt<'_> {
    fn read_span<'b>(
        &'b self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'b> + 'b>, MietteError> {
        let contents =
            self.text
                .as_str()
                .read_span(span, context_lines_before, context_lines_after)?;
        // Lines are the document's; columns count the document's characters (miette
        // counts bytes).
        let start = self.unmap(contents.span().offset());
        let column = self.doc.lines.line_col(&self.doc.text, start).column - 1;
        Ok(Box::new(MietteSpanContents::new_named(
            self.doc.display().to_owned(),
            contents.data(),
            *contents.span(),
            self.first_line + contents.line(),
            column,
            contents.line_count(),
        )))
    }
}

/// One diagnostic as miette sees it; related locations in other documents become
/// related reports with their own source.
struct Report<'a> {
    message: &'a str,
    code: String,
    severity: Severity,
    help: Option<&'a str>,
    source: Excerpt<'a>,
    labels: Vec<LabeledSpan>,
    related: Vec<Report<'a>>,
}

impl<'a> Report<'a> {
    fn new(outcome: &'a Outcome, diagnostic: &'a Diagnostic) -> Self {
        let doc = outcome.corpus.get(diagnostic.doc);
        let label = diagnostic
            .label
            .as_deref()
            .unwrap_or(&diagnostic.message)
            .to_string();
        let here: Vec<_> = diagnostic
            .related
            .iter()
            .filter(|r| r.doc == diagnostic.doc)
            .collect();
        let spans: Vec<Span> = std::iter::once(diagnostic.span)
            .chain(here.iter().map(|r| r.span))
            .collect();
        let source = Excerpt::new(doc, &spans);
        let mut labels = vec![LabeledSpan::new_primary_with_span(
            Some(label),
            source.span(diagnostic.span),
        )];
        labels.extend(
            here.iter()
                .map(|r| LabeledSpan::new_with_span(Some(r.message.clone()), source.span(r.span))),
        );
        let related = diagnostic
            .related
            .iter()
            .filter(|r| r.doc != diagnostic.doc)
            .map(|r| {
                let source = Excerpt::new(outcome.corpus.get(r.doc), &[r.span]);
                Report {
                    message: &r.message,
                    code: String::new(),
                    severity: Severity::Info,
                    help: None,
                    labels: vec![LabeledSpan::new_primary_with_span(
                        Some(r.message.clone()),
                        source.span(r.span),
                    )],
                    source,
                    related: Vec::new(),
                }
            })
            .collect();
        Self {
            message: &diagnostic.message,
            code: format!("{} {}", diagnostic.rule.code, diagnostic.rule.name),
            severity: diagnostic.severity,
            help: diagnostic.help.as_deref(),
            source,
            labels,
            related,
        }
    }
}

impl fmt::Debug for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message)
    }
}

impl fmt::Display for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message)
    }
}

impl std::error::Error for Report<'_> {}

impl miette::Diagnostic for Report<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        (!self.code.is_empty()).then(|| Box::new(&self.code) as Box<dyn fmt::Display>)
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.help.map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        Some(Box::new(self.labels.iter().cloned()))
    }

    fn related<'b>(&'b self) -> Option<Box<dyn Iterator<Item = &'b dyn miette::Diagnostic> + 'b>> {
        if self.related.is_empty() {
            return None;
        }
        Some(Box::new(
            self.related.iter().map(|r| r as &dyn miette::Diagnostic),
        ))
    }
}
