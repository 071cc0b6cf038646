//! Rules: each lives in its own file, holding its documentation, its check and its fix.

pub mod chrome;
pub mod duplicate;
pub mod encoding;
pub mod metadata;

use std::sync::OnceLock;

use crate::corpus::Corpus;
use crate::diagnostic::{Diagnostic, Family, Severity};
use crate::document::{DocId, Document};
use crate::settings::Settings;
use crate::span::Span;

/// Whether a rule's findings carry a fix, and how safe it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FixAvailability {
    None,
    /// Some findings have a fix, some don't (or the applicability varies).
    Sometimes,
    Safe,
    Unsafe,
}

impl FixAvailability {
    pub fn as_str(self) -> &'static str {
        match self {
            FixAvailability::None => "none",
            FixAvailability::Sometimes => "sometimes",
            FixAvailability::Safe => "safe",
            FixAvailability::Unsafe => "unsafe",
        }
    }
}

/// A check over one document, run on every document in parallel.
pub type DocumentCheck = fn(&Document, &mut Reporter);

/// A check over the whole corpus, run once after the document checks.
pub type CorpusCheck = fn(&CorpusContext, &mut Vec<Diagnostic>);

#[derive(Debug, Clone, Copy)]
pub enum Check {
    Document(DocumentCheck),
    Corpus(CorpusCheck),
}

/// What a rule is, what it checks, and the documentation `corpuslint explain` prints.
#[derive(Debug)]
pub struct Rule {
    /// Stable code, e.g. `E005`.
    pub code: &'static str,
    /// Stable kebab-case name, e.g. `unusual-space`.
    pub name: &'static str,
    pub family: Family,
    pub severity: Severity,
    pub fix: FixAvailability,
    /// One line: what the rule catches.
    pub summary: &'static str,
    /// Markdown with the headings What it does / Why it matters / Example / Configuration.
    pub docs: &'static str,
    pub check: Check,
}

/// Collects the findings of the rules run on one document.
pub struct Reporter {
    doc: DocId,
    diagnostics: Vec<Diagnostic>,
}

impl Reporter {
    pub fn new(doc: DocId) -> Self {
        Self {
            doc,
            diagnostics: Vec::new(),
        }
    }

    /// Starts a finding of `rule` at `span`; the returned diagnostic can be given help, a fix...
    pub fn report(
        &mut self,
        rule: &'static Rule,
        span: Span,
        message: impl Into<String>,
    ) -> &mut Diagnostic {
        self.diagnostics
            .push(Diagnostic::new(rule, self.doc, span, message));
        let last = self.diagnostics.len() - 1;
        &mut self.diagnostics[last]
    }

    pub fn doc(&self) -> DocId {
        self.doc
    }

    pub fn into_diagnostics(self) -> Vec<Diagnostic> {
        self.diagnostics
    }
}

/// Compiled rule data: the built-in files of `rules/` and the user's.
pub struct RuleData {
    pub phrases: chrome::data::Phrases,
    pub metadata: crate::metadata::data::MetadataData,
}

/// What corpus checks see: the corpus, the settings, which rules run, and analyses that
/// several rules share, computed once on first use.
pub struct CorpusContext<'a> {
    pub corpus: &'a Corpus,
    pub settings: &'a Settings,
    enabled: &'a [&'static Rule],
    duplicates: OnceLock<duplicate::analysis::Analysis>,
    chrome: OnceLock<chrome::analysis::Analysis>,
    /// Chrome with every kind of evidence, for rules of other families that must skip
    /// chrome lines whichever chrome rules are selected.
    chrome_all: OnceLock<chrome::analysis::Analysis>,
    metadata: OnceLock<metadata::analysis::Analysis>,
    /// The chrome phrase data, compiled.
    pub phrases: &'a chrome::data::Phrases,
    /// The provenance data, compiled.
    pub metadata_data: &'a crate::metadata::data::MetadataData,
    /// Provenance files beside the documents.
    pub sources: &'a crate::metadata::sources::Sources,
    /// The documents whose findings are reported; the others are context.
    pub reported: &'a [bool],
}

impl<'a> CorpusContext<'a> {
    pub fn new(
        corpus: &'a Corpus,
        settings: &'a Settings,
        enabled: &'a [&'static Rule],
        data: &'a RuleData,
        sources: &'a crate::metadata::sources::Sources,
        reported: &'a [bool],
    ) -> Self {
        Self {
            reported,
            corpus,
            settings,
            enabled,
            duplicates: OnceLock::new(),
            chrome: OnceLock::new(),
            chrome_all: OnceLock::new(),
            metadata: OnceLock::new(),
            phrases: &data.phrases,
            metadata_data: &data.metadata,
            sources,
        }
    }

    fn chrome_enabled(&self) -> chrome::analysis::Enabled {
        chrome::analysis::Enabled {
            phrases: self.is_enabled(&chrome::boilerplate_phrase::RULE),
            templates: self.is_enabled(&chrome::site_template::RULE),
            navigation: self.is_enabled(&chrome::navigation::RULE),
            context: self.is_enabled(&chrome::chrome_context::RULE),
        }
    }

    /// Chrome lines found with every kind of evidence, whichever chrome rules run.
    pub fn chrome_all(&self) -> &chrome::analysis::Analysis {
        let all = chrome::analysis::Enabled {
            phrases: true,
            templates: true,
            navigation: true,
            context: true,
        };
        if self.chrome_enabled() == all {
            return self.chrome();
        }
        self.chrome_all.get_or_init(|| {
            chrome::analysis::Analysis::run(self.corpus, self.phrases, &self.settings.chrome, all)
        })
    }

    /// The metadata analysis shared by the metadata family.
    pub fn metadata(&self) -> &metadata::analysis::Analysis {
        self.metadata.get_or_init(|| {
            let mut chrome_lines =
                vec![std::collections::HashSet::new(); self.corpus.documents.len()];
            for run in &self.chrome_all().runs {
                chrome_lines[run.doc].extend(run.lines.iter().map(|l| l.line));
            }
            metadata::analysis::Analysis::run(
                self.corpus,
                self.sources,
                &chrome_lines,
                self.metadata_data,
                &self.settings.metadata,
                chrono::Local::now().date_naive(),
            )
        })
    }

    /// Runs the analyses the enabled rules will ask for, the duplicate one beside the chrome
    /// and metadata ones: each has sequential steps that leave a core idle.
    pub fn prepare(&self) {
        let wants = |family: Family| self.enabled.iter().any(|r| r.family == family);
        rayon::join(
            || {
                if wants(Family::Duplicate) {
                    self.duplicates();
                }
            },
            || {
                if wants(Family::Chrome) {
                    self.chrome();
                }
                if wants(Family::Metadata) {
                    self.metadata();
                }
            },
        );
    }

    pub fn is_enabled(&self, rule: &Rule) -> bool {
        self.enabled.iter().any(|r| r.code == rule.code)
    }

    /// The chrome analysis shared by the chrome family, with the evidence of the selected
    /// chrome rules only.
    pub fn chrome(&self) -> &chrome::analysis::Analysis {
        self.chrome.get_or_init(|| {
            chrome::analysis::Analysis::run(
                self.corpus,
                self.phrases,
                &self.settings.chrome,
                self.chrome_enabled(),
            )
        })
    }

    /// The duplicate analysis shared by the duplicate family.
    pub fn duplicates(&self) -> &duplicate::analysis::Analysis {
        self.duplicates.get_or_init(|| {
            duplicate::analysis::Analysis::run_in_context(
                self.corpus,
                &self.settings.duplicates,
                self.reported,
            )
        })
    }
}

#[cfg(test)]
pub(crate) mod test_support {
    use super::*;
    use crate::document::Document;
    use crate::fix::apply_edits;

    /// Runs one rule on `bytes` loaded as a document named `test.txt`.
    pub fn run(rule: &'static Rule, bytes: &[u8]) -> (Document, Vec<Diagnostic>) {
        let doc = Document::from_bytes("test.txt".into(), bytes.to_vec());
        let mut reporter = Reporter::new(0);
        match rule.check {
            Check::Document(check) => check(&doc, &mut reporter),
            Check::Corpus(_) => panic!("{} is a corpus rule", rule.code),
        }
        (doc, reporter.into_diagnostics())
    }

    /// The text under each finding's span.
    pub fn flagged(rule: &'static Rule, text: &str) -> Vec<String> {
        let (doc, diagnostics) = run(rule, text.as_bytes());
        diagnostics
            .iter()
            .map(|d| doc.text[d.span.start..d.span.end].to_string())
            .collect()
    }

    /// The text after applying every fix of the rule's findings.
    pub fn fixed(rule: &'static Rule, text: &str) -> String {
        let (doc, diagnostics) = run(rule, text.as_bytes());
        let edits: Vec<_> = diagnostics
            .into_iter()
            .filter_map(|d| d.fix)
            .flat_map(|f| f.edits)
            .collect();
        apply_edits(&doc.text, &edits)
    }
}
