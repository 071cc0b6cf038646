//! What corpus rules see: the corpus, the family options, the rule data, the provenance
//! files, and the analyses that several rules share, computed once per run before the
//! corpus rules report (`rules::prepare`).

use std::any::Any;

use crate::corpus::Corpus;
use crate::data::RuleData;
use crate::diagnostic::Rule;
use crate::provenance::sources::Sources;
use crate::rules::options::RuleOptions;

/// The analyses several rules share, each kept under its own type: the family that
/// needs one computes it (`rules::prepare`) and reads it back by its type, so what rules
/// see depends on no family.
#[derive(Default)]
pub struct Analyses(Vec<Box<dyn Any + Send + Sync>>);

impl Analyses {
    pub fn insert<T: Any + Send + Sync>(&mut self, analysis: T) {
        self.0.push(Box::new(analysis));
    }

    /// The analysis of type `T`, when a selected rule needed it.
    pub fn get<T: Any>(&self) -> Option<&T> {
        self.0.iter().find_map(|analysis| analysis.downcast_ref())
    }

    /// Takes the analysis of type `T` out.
    pub fn take<T: Any>(&mut self) -> Option<T> {
        let at = self.0.iter().position(|analysis| analysis.is::<T>())?;
        self.0
            .swap_remove(at)
            .downcast()
            .ok()
            .map(|analysis| *analysis)
    }
}

impl std::fmt::Debug for Analyses {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Analyses({} kept)", self.0.len())
    }
}

/// What corpus rules see, and what the shared analyses run over (with no analyses yet).
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

    /// The shared analysis of type `T`, when a selected rule needed it.
    pub fn analysis<T: Any>(&self) -> Option<&T> {
        self.analyses.get()
    }
}
