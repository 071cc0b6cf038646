//! rustc-style reports with miette's graphical handler: file name, source lines, the
//! span underlined and labelled, the code and the help.

use std::fmt;
use std::io::{self, Write};

use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents,
    SourceCode, SourceSpan, SpanContents,
};

use crate::Outcome;
use crate::diagnostic::{Diagnostic, Severity};
use crate::document::Document;
use crate::span::Span;

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
    let mut buffer = String::new();
    for diagnostic in &outcome.diagnostics {
        buffer.clear();
        let report = Report::new(outcome, diagnostic);
        handler
            .render_report(&mut buffer, &report)
            .map_err(io::Error::other)?;
        out.write_all(buffer.as_bytes())?;
        writeln!(out)?;
    }
    Ok(())
}

/// A document's text under its path, as miette reads source code.
struct DocSource<'a> {
    doc: &'a Document,
}

impl SourceCode for DocSource<'_> {
    fn read_span<'b>(
        &'b self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'b> + 'b>, MietteError> {
        let contents = self
            .doc
            .text
            .read_span(span, context_lines_before, context_lines_after)?;
        // miette counts columns in bytes; corpuslint counts characters everywhere.
        let start = contents.span().offset();
        let line_start = self.doc.lines.line_start(self.doc.lines.line_of(start));
        let column = self.doc.text[line_start..start].chars().count();
        Ok(Box::new(MietteSpanContents::new_named(
            self.doc.display.clone(),
            contents.data(),
            *contents.span(),
            contents.line(),
            column,
            contents.line_count(),
        )))
    }
}

fn source_span(span: Span) -> SourceSpan {
    SourceSpan::new(span.start.into(), span.len())
}

/// One diagnostic as miette sees it; related locations in other documents become
/// related reports with their own source.
struct Report<'a> {
    message: &'a str,
    code: String,
    severity: Severity,
    help: Option<&'a str>,
    source: DocSource<'a>,
    labels: Vec<LabeledSpan>,
    related: Vec<Report<'a>>,
}

impl<'a> Report<'a> {
    fn new(outcome: &'a Outcome, diagnostic: &'a Diagnostic) -> Self {
        let label = diagnostic
            .label
            .clone()
            .unwrap_or_else(|| diagnostic.message.clone());
        let mut labels = vec![LabeledSpan::new_primary_with_span(
            Some(label),
            source_span(diagnostic.span),
        )];
        let mut related = Vec::new();
        for r in &diagnostic.related {
            if r.doc == diagnostic.doc {
                labels.push(LabeledSpan::new_with_span(
                    Some(r.message.clone()),
                    source_span(r.span),
                ));
            } else {
                related.push(Report {
                    message: &r.message,
                    code: String::new(),
                    severity: Severity::Info,
                    help: None,
                    source: DocSource {
                        doc: outcome.corpus.get(r.doc),
                    },
                    labels: vec![LabeledSpan::new_primary_with_span(
                        Some(r.message.clone()),
                        source_span(r.span),
                    )],
                    related: Vec::new(),
                });
            }
        }
        Self {
            message: &diagnostic.message,
            code: format!("{} {}", diagnostic.rule.code, diagnostic.rule.name),
            severity: diagnostic.severity,
            help: diagnostic.help.as_deref(),
            source: DocSource {
                doc: outcome.corpus.get(diagnostic.doc),
            },
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
