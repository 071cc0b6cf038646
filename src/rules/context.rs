//! What corpus rules see: the corpus, the family options, the rule data, the provenance
//! files, and the analyses that several rules share, computed once per run before the
//! corpus rules report (`rules::prepare`).

use crate::corpus::Corpus;
use crate::data::RuleData;
use crate::diagnostic::Rule;
use crate::provenance::resolve;
use crate::provenance::sources::Sources;
use crate::rules::options::RuleOptions;
use crate::rules::{chrome, duplicate};

/// The shared analyses of a run; each is there when a selected rule needs it.
#[derive(Debug, Default)]
pub struct Analyses {
    pub duplicates: Option<duplicate::analysis::Analysis>,
    /// Chrome with the evidence of the selected chrome rules only.
    pub chrome: Option<chrome::runs::Analysis>,
    /// Chrome with every kind of evidence, for rules of other families that must skip
    /// chrome lines whichever chrome rules are selected; `None` when `chrome` has it all.
    pub chrome_all: Option<chrome::runs::Analysis>,
    pub metadata: Option<resolve::Analysis>,
}

pub struct CorpusContext<'a> {
    pub corpus: &'a Corpus,
    pub options: &'a RuleOptions,
    pub data: &'a RuleData,
    /// Provenance files beside the documents.
    pub sources: &'a Sources,
    /// The documents whose findings are reported; the others are context.
    pub reported: &'a [bool],
    /// The rules that run.
    pub enabled: &'a [&'static Rule],
    pub analyses: &'a Analyses,
}

impl CorpusContext<'_> {
    pub fn is_enabled(&self, rule: &Rule) -> bool {
        self.enabled.iter().any(|r| r.code == rule.code)
    }

    /// The duplicate analysis shared by the duplicate family.
    pub fn duplicates(&self) -> Option<&duplicate::analysis::Analysis> {
        self.analyses.duplicates.as_ref()
    }

    /// The chrome analysis shared by the chrome family.
    pub fn chrome(&self) -> Option<&chrome::runs::Analysis> {
        self.analyses.chrome.as_ref()
    }

    /// The resolved provenance shared by the metadata family.
    pub fn metadata(&self) -> Option<&resolve::Analysis> {
        self.analyses.metadata.as_ref()
    }
}
