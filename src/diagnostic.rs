//! Findings as plain data; rendering lives in `render`.

use std::fmt;

use serde::Serialize;

use crate::document::DocId;
use crate::fix::Fix;
use crate::rules::Rule;
use crate::span::Span;

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

/// The rule families; each rule belongs to exactly one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Family {
    Encoding,
    Duplicate,
    Chrome,
    Metadata,
}

impl Family {
    pub const ALL: [Family; 4] = [
        Family::Encoding,
        Family::Duplicate,
        Family::Chrome,
        Family::Metadata,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Family::Encoding => "encoding",
            Family::Duplicate => "duplicate",
            Family::Chrome => "chrome",
            Family::Metadata => "metadata",
        }
    }
}

impl fmt::Display for Family {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

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
    pub help: Option<String>,
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
            message: message.into(),
            label: None,
            help: None,
            related: Vec::new(),
            fix: None,
        }
    }

    pub fn with_label(&mut self, label: impl Into<String>) -> &mut Self {
        self.label = Some(label.into());
        self
    }

    pub fn with_help(&mut self, help: impl Into<String>) -> &mut Self {
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
