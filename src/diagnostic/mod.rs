//! Findings as plain data; rendering lives in `output`.

pub mod edit;
pub mod rule;
mod words;

use crate::document::DocId;
use crate::text::span::Span;
pub use edit::{Applicability, Edit, Fix};
pub use rule::{Family, FixAvailability, Rule, Severity};
pub use words::{SharedWords, Words};

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
    /// A run holds every finding until it is printed: its words and lists are boxed
    /// slices, which keep no room to grow nor a count of it.
    pub message: Words,
    /// Text shown under the underlined span; falls back to the message.
    pub label: Option<Words>,
    /// Findings of one kind often give the very same help (a rule's own words, or the
    /// evidence of a site's chrome, repeated on each of its pages), and a run holds every
    /// finding until it is printed: one copy serves them all.
    pub help: Option<Words>,
    pub related: Box<[Related]>,
    pub fix: Option<Fix>,
}

impl Diagnostic {
    pub fn new(rule: &'static Rule, doc: DocId, span: Span, message: impl Into<Words>) -> Self {
        Self {
            rule,
            severity: rule.severity,
            doc,
            span,
            message: message.into(),
            label: None,
            help: None,
            related: Box::default(),
            fix: None,
        }
    }

    pub fn with_label(&mut self, label: impl Into<Words>) -> &mut Self {
        self.label = Some(label.into());
        self
    }

    pub fn with_help(&mut self, help: impl Into<Words>) -> &mut Self {
        self.help = Some(help.into());
        self
    }

    pub fn with_fix(&mut self, fix: Fix) -> &mut Self {
        self.fix = Some(fix);
        self
    }

    /// A finding points at one related place or two: the list is made anew each time.
    pub fn with_related(&mut self, related: Related) -> &mut Self {
        let mut all = std::mem::take(&mut self.related).into_vec();
        all.push(related);
        self.related = all.into_boxed_slice();
        self
    }

    /// Deterministic report order: document, position, then code.
    pub fn sort_key(&self) -> (DocId, usize, usize, &'static str) {
        (self.doc, self.span.start, self.span.end, self.rule.code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A large corpus has findings by the hundred thousand, all held until printed.
    #[test]
    #[cfg(target_pointer_width = "64")]
    fn a_finding_is_held_in_128_bytes_at_most() {
        assert!(std::mem::size_of::<Diagnostic>() <= 128);
    }
}
