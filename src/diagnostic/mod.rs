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
    /// A run holds every finding until it is printed: its words and lists are boxed
    /// slices, which keep no room to grow nor a count of it.
    pub message: Box<str>,
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
    pub fn new(rule: &'static Rule, doc: DocId, span: Span, message: impl Into<String>) -> Self {
        Self {
            rule,
            severity: rule.severity,
            doc,
            span,
            message: message.into().into_boxed_str(),
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

/// Words that many findings may show or their fixes insert: a rule's own words, kept where
/// they are, or words made once and shared, never copied per finding. Compared as the
/// words they are.
#[derive(Debug, Clone)]
pub enum Words {
    /// A rule's own words.
    Fixed(&'static str),
    /// Words made once, for one finding or for many.
    Shared(Arc<str>),
}

impl std::ops::Deref for Words {
    type Target = str;

    fn deref(&self) -> &str {
        match self {
            Words::Fixed(words) => words,
            Words::Shared(words) => words,
        }
    }
}

impl PartialEq for Words {
    fn eq(&self, other: &Self) -> bool {
        **self == **other
    }
}

impl Eq for Words {}

impl PartialOrd for Words {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Words {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        (**self).cmp(&**other)
    }
}

impl serde::Serialize for Words {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self)
    }
}

impl std::fmt::Display for Words {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self)
    }
}

impl From<&'static str> for Words {
    fn from(words: &'static str) -> Self {
        Words::Fixed(words)
    }
}

impl From<String> for Words {
    fn from(words: String) -> Self {
        Words::Shared(words.into())
    }
}

impl From<Arc<str>> for Words {
    fn from(words: Arc<str>) -> Self {
        Words::Shared(words)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A large corpus has findings by the hundred thousand, all held until printed.
    #[test]
    #[cfg(target_pointer_width = "64")]
    fn a_finding_is_held_in_144_bytes_at_most() {
        assert!(std::mem::size_of::<Diagnostic>() <= 144);
    }
}
