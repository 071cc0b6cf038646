//! Fixes of the per-document rules taken to the end within a round: a removal that leaves
//! two blank lines, or a repair that leaves a space at the end of a line, is fixed at once
//! in the document, not by another round over the whole corpus. The per-document rules
//! read nothing of other documents, so one document's text can be checked and fixed
//! again on its own until they find nothing to fix; the corpus rules then check the
//! settled texts in the next round.

use std::path::PathBuf;

use super::tagged::{Tagged, apply, edits_of};
use super::{Change, MAX_ROUNDS};
use crate::diagnostic::Rule;
use crate::diagnostic::edit::Applicability;
use crate::document::{DocId, Document};
use crate::engine::{check_document, document_checks};
use crate::rules::check::DocumentCheck;
use crate::settings::resolve::Resolved;

/// Checks and fixes of one document within a round, at most.
const MAX_STEPS: usize = 4;

/// The per-document rules whose fixes apply, and what they need.
pub(super) struct Settler<'a> {
    checks: Vec<DocumentCheck>,
    settings: &'a Resolved,
    threshold: Applicability,
}

impl<'a> Settler<'a> {
    /// For the fixable `rules` (those whose fixes apply at `threshold`).
    pub(super) fn new(
        rules: &[&'static Rule],
        settings: &'a Resolved,
        threshold: Applicability,
    ) -> Self {
        Self {
            checks: document_checks(rules),
            settings,
            threshold,
        }
    }

    /// The document `path` becomes with `text` once the per-document rules find nothing
    /// more to fix in it, and whether they found nothing (or still fixed something after
    /// `MAX_STEPS` checks: the round's analysis then runs them again). The changes made
    /// are added to `changes`, their findings told apart from those of every round's.
    pub(super) fn settle(
        &self,
        id: DocId,
        path: PathBuf,
        mut text: String,
        round: usize,
        changes: &mut Vec<Change>,
    ) -> (Document, bool) {
        for step in 0..MAX_STEPS {
            let doc = Document::from_bytes(path.clone(), text.into_bytes());
            let edits = self.edits(&doc, id, pass(round, step));
            if edits.is_empty() {
                return (doc, true);
            }
            let (fixed, made) = apply(&doc, edits);
            if fixed == doc.text {
                return (doc, true);
            }
            changes.extend(made);
            text = fixed;
        }
        (Document::from_bytes(path, text.into_bytes()), false)
    }

    /// The edits of the per-document rules' findings in `doc` that apply, tagged with
    /// `pass` and the finding's index.
    fn edits(&self, doc: &Document, id: DocId, pass: usize) -> Tagged {
        let found = check_document(doc, id, &self.checks, self.settings);
        found
            .iter()
            .enumerate()
            .flat_map(|(index, d)| edits_of(d, self.threshold, (pass, index)))
            .collect()
    }
}

/// The number of a step of settling in a round, for telling its findings apart: after
/// the rounds' own numbers (0 for the first analysis, then 1 to `MAX_ROUNDS`).
fn pass(round: usize, step: usize) -> usize {
    MAX_ROUNDS + 1 + round * MAX_STEPS + step
}

#[cfg(test)]
mod tests {
    use crate::corpus::Corpus;
    use crate::document::Document;
    use crate::fix::{FixOptions, fix_corpus};
    use crate::progress::NoProgress;
    use crate::settings::Settings;

    /// Pages whose skip link, on the line before a paragraph's first line, is site
    /// template: removing it and separating the two lines leaves two blank lines.
    fn pages() -> Corpus {
        let page = |i: usize| {
            format!(
                "Story number {i} tells of a town council that voted on a budget for the year, \
                 and of the people who came to speak at the meeting about roads.\n\nSkip to main \
                 content\nAnother line {i} of the article, with words enough to be prose in any \
                 reading of it at all, one hopes.\n\nA last paragraph {i} of the article, which \
                 ends the story with a few more words about the vote and the roads.\n"
            )
        };
        Corpus {
            documents: (0..12)
                .map(|i| Document::from_bytes(format!("site/{i}.txt").into(), page(i).into()))
                .collect(),
            auxiliary: Vec::new(),
            whole: None,
        }
    }

    fn fix(corpus: Corpus) -> crate::fix::FixOutcome {
        let checked = vec![true; corpus.len()];
        fix_corpus(
            corpus,
            checked,
            Vec::new(),
            &Settings::default(),
            FixOptions::default(),
            &NoProgress,
        )
        .expect("fix")
    }

    #[test]
    fn what_the_first_fixes_leave_to_the_document_rules_is_fixed_before_the_next_round() {
        let outcome = fix(pages());
        let text = &outcome.documents[0].text;
        assert!(!text.contains("Skip to main content"), "{text}");
        assert!(!text.contains("\n\n\n"), "{text}");
        let rules: Vec<&str> = outcome.documents[0]
            .changes
            .iter()
            .map(|c| c.rule.code)
            .collect();
        assert!(rules.contains(&"L001"), "{rules:?}");
        // One round checks the settled texts and finds nothing more to fix.
        let rounds: Vec<&str> = outcome
            .timings
            .iter()
            .map(|(name, _)| *name)
            .filter(|name| name.starts_with("round"))
            .collect();
        assert_eq!(rounds, ["round 1"]);
        let fixed = Corpus {
            documents: outcome
                .documents
                .iter()
                .enumerate()
                .map(|(i, d)| {
                    Document::from_bytes(format!("site/{i}.txt").into(), d.text.clone().into())
                })
                .collect(),
            auxiliary: Vec::new(),
            whole: None,
        };
        let again = fix(fixed);
        for (once, twice) in outcome.documents.iter().zip(&again.documents) {
            assert_eq!(once.text, twice.text);
        }
    }
}
