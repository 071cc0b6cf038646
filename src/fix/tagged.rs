//! Edits with the finding they come from: gathered per document from a round's findings,
//! and applied, each change kept with its rule and finding for the report of what was
//! fixed.

use super::Change;
use crate::diagnostic::edit::{Applicability, Edit, apply_edits, merge_edits};
use crate::diagnostic::{Diagnostic, Rule};
use crate::document::Document;

/// Edits with the rule and the finding they come from.
pub(super) type Tagged = Vec<(Edit, (&'static Rule, Finding))>;

/// A finding of one pass of checks: the round (0 for the first analysis), or a step of
/// settling numbered after the rounds, and its index among the findings of that pass.
pub type Finding = (usize, usize);

/// Per document (of `documents`), the edits of the findings of pass `round` whose fixes
/// apply at `threshold`.
pub(super) fn edits_per_document(
    diagnostics: &[Diagnostic],
    documents: usize,
    threshold: Applicability,
    round: usize,
) -> Vec<Tagged> {
    let mut per_doc: Vec<Tagged> = vec![Vec::new(); documents];
    for (index, d) in diagnostics.iter().enumerate() {
        if d.doc < documents {
            per_doc[d.doc].extend(edits_of(d, threshold, (round, index)));
        }
    }
    per_doc
}

/// The edits of finding `d` when its fix applies at `threshold`, tagged with the rule and
/// `finding`.
pub(super) fn edits_of(
    d: &Diagnostic,
    threshold: Applicability,
    finding: Finding,
) -> impl Iterator<Item = (Edit, (&'static Rule, Finding))> + '_ {
    d.fix
        .iter()
        .filter(move |fix| fix.applicability >= threshold)
        .flat_map(move |fix| {
            fix.edits
                .iter()
                .map(move |e| (e.clone(), (d.rule, finding)))
        })
}

/// Applies the merged edits of one document.
pub(super) fn apply(doc: &Document, edits: Tagged) -> (String, Vec<Change>) {
    let merged = merge_edits(edits);
    let changes = merged
        .iter()
        .map(|(edit, (rule, finding))| Change {
            rule,
            finding: *finding,
            before: doc.slice(edit.span).to_string(),
            after: edit.replacement.to_string(),
            line: doc.lines.line_of(edit.span.start) + 1,
        })
        .collect();
    let edits: Vec<Edit> = merged.into_iter().map(|(e, _)| e).collect();
    (apply_edits(&doc.text, &edits), changes)
}
