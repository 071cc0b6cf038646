//! Findings as plain data; rendering lives in `output`.

pub mod edit;
pub mod rule;

use std::sync::Arc;

use crate::document::DocId;
use crate::text::span::Span;
pub use edit::{Applicability, Edit, Fix};
pub use rule::{Family, FixAvailability, Rule, Severity};

/// A second location that explains a finding, possibly in another document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Related {
    pub doc: DocId,
    pub span: Span,
    pub message: String,
}

/// One finding of one rule in one document.
#[derive(Debug, Clone)]
pub struct Diagnostic {
    pub rule: &'static Rule,
    pub severity: Severity,
    pub doc: DocId,
    pub span: Span,
    pub message: String,
    /// Text shown under the underlined span; falls back to the message.
    pub label: Option<String>,
    /// Shared: findings of one kind often give the very same help (the evidence of a
    /// site's chrome, repeated on each of its pages), and a run holds every finding until
    /// it is printed.
    pub help: Option<Arc<str>>,
    pub related: Vec<Related>,
    pub fix: Option<Fix>,
}

impl Diagnostic {
    pub fn new(rule: &'static Rule, doc: DocId, span: Span, message: impl Into<String>) -> Self {
        Self {
            rule,
            severity: rule.severity,
            doc,
            span,
            message: exact(message.into()),
            label: None,
            help: None,
            related: Vec::new(),
            fix: None,
        }
    }

    pub fn with_label(&mut self, label: impl Into<String>) -> &mut Self {
        self.label = Some(exact(label.into()));
        self
    }

    pub fn with_help(&mut self, help: impl Into<Arc<str>>) -> &mut Self {
        self.help = Some(help.into());
        self
    }

    pub fn with_fix(&mut self, fix: Fix) -> &mut Self {
        self.fix = Some(fix);
        self
    }

    pub fn with_related(&mut self, related: Related) -> &mut Self {
        self.related.push(related);
        self
    }

    /// Deterministic report order: document, position, then code.
    pub fn sort_key(&self) -> (DocId, usize, usize, &'static str) {
        (self.doc, self.span.start, self.span.end, self.rule.code)
    }
}

/// `text` without the room `format!` left after it: a run holds the words of every
/// finding until they are printed.
fn exact(mut text: String) -> String {
    text.shrink_to_fit();
    text
}
