//! How rules are run: a rule's check over one document or over the whole corpus, and
//! the one reporter both kinds report their findings to.

use crate::diagnostic::{Diagnostic, Rule, Words};
use crate::document::DocId;
use crate::rules::context::CorpusContext;
use crate::rules::document_context::DocumentContext;
use crate::text::span::Span;

/// A check over one document, run on every checked document in parallel; the rules run
/// on one document share its context.
pub type DocumentCheck = fn(&DocumentContext, &mut Reporter);

/// A check over the whole corpus, run once after the document checks.
pub type CorpusCheck = fn(&CorpusContext, &mut Reporter);

#[derive(Debug, Clone, Copy)]
pub enum Check {
    Document(DocumentCheck),
    Corpus(CorpusCheck),
}

/// A rule and its check: what a rule file registers.
#[derive(Debug, Clone, Copy)]
pub struct Lint {
    pub rule: &'static Rule,
    pub check: Check,
}

/// Collects the findings of rules: of the document rules run on one document, or of the
/// corpus rules, which name the document of each finding.
#[derive(Debug, Default)]
pub struct Reporter {
    doc: DocId,
    diagnostics: Vec<Diagnostic>,
}

impl Reporter {
    /// A reporter for the findings of the document rules in document `doc`.
    pub fn new(doc: DocId) -> Self {
        Self {
            doc,
            diagnostics: Vec::new(),
        }
    }

    /// Starts a finding of `rule` at `span` of this reporter's document; the returned
    /// diagnostic can be given help, a fix...
    pub fn report(
        &mut self,
        rule: &'static Rule,
        span: Span,
        message: impl Into<Words>,
    ) -> &mut Diagnostic {
        self.report_in(rule, self.doc, span, message)
    }

    /// Starts a finding of `rule` at `span` of document `doc`.
    pub fn report_in(
        &mut self,
        rule: &'static Rule,
        doc: DocId,
        span: Span,
        message: impl Into<Words>,
    ) -> &mut Diagnostic {
        self.push(Diagnostic::new(rule, doc, span, message));
        let last = self.diagnostics.len() - 1;
        &mut self.diagnostics[last]
    }

    /// Adds a finding built elsewhere.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    pub fn doc(&self) -> DocId {
        self.doc
    }

    pub fn into_diagnostics(self) -> Vec<Diagnostic> {
        self.diagnostics
    }
}
