use crate::diagnostic::edit::{Edit, Fix};
use crate::diagnostic::{Diagnostic, Family, Related, Severity};
use crate::diagnostic::{FixAvailability, Rule};
use crate::rules::check::{Check, Lint, Reporter};
use crate::rules::context::CorpusContext;
use crate::rules::duplicate::analysis::Analysis;
use crate::text::span::Span;

pub const RULE: Rule = Rule {
    code: "D004",
    name: "duplicate-document",
    family: Family::Duplicate,
    severity: Severity::Warning,
    fix: FixAvailability::Unsafe,
    opt_in: false,
    summary: "A document whose paragraphs are (nearly) all in one other document",
    docs: r#"## What it does
Reports, once for the whole file, a document whose paragraphs are nearly all found, exactly
or as near-duplicates, in one document whose path sorts earlier: the same article saved
twice under two names, possibly with small edits. Its paragraphs are then not reported one
by one by `cross-file-duplicate` (D002) or `near-duplicate` (D003).

Only paragraphs long enough to be findings on their own count (see `min_chars` and
`min_words`), so a copy with different site chrome around it is still a copy.

## Why it matters
A document saved twice is counted twice by everything downstream; it is usually the
biggest single source of duplication in a scraped corpus.

## Example
`site-b/article.txt` holds the 12 paragraphs of `site-a/article.txt`, one of them with a
word changed.

## Fix
Unsafe (which copy to keep is an editorial choice): the later file goes as a whole.
`fix --unsafe-fixes --out DIR` leaves it out of the cleaned copies and records it in
`DIR/metadata.jsonl` with `duplicate_of` naming the kept file; `--in-place` deletes it and
records the same in its manifest. It is never written as an empty file.

## Configuration
`document_share` (default 0.9: nine paragraphs in ten found in the other document) in the
duplicate options. Silence with `--ignore D004`.
"#,
};

/// The rule with its check, as the registry lists it.
pub const LINT: Lint = Lint {
    rule: &RULE,
    check: Check::Corpus(check),
};

fn check(ctx: &CorpusContext, out: &mut Reporter) {
    let Some(analysis) = ctx.analysis::<Analysis>() else {
        return;
    };
    for copy in &analysis.copies {
        let doc = ctx.corpus.get(copy.doc);
        let original = ctx.corpus.get(copy.of);
        let (Some(first), Some(last)) = (doc.paragraphs.first(), doc.paragraphs.last()) else {
            continue;
        };
        let span = Span::new(first.span.start, last.span.end);
        let message = format!(
            "document duplicates {}: {} of its {} paragraphs are found there",
            original.display(),
            copy.found,
            copy.total
        );
        let original_span = match (original.paragraphs.first(), original.paragraphs.last()) {
            (Some(a), Some(b)) => Span::new(a.span.start, b.span.end),
            _ => Span::empty(0),
        };
        let mut diagnostic = Diagnostic::new(&RULE, copy.doc, span, message);
        diagnostic
            .with_label("a copy of another document")
            .with_help(format!(
                "keep one of the two; {} sorts first",
                original.display()
            ))
            .with_related(Related {
                doc: copy.of,
                span: original_span,
                message: "original document".to_string(),
            })
            .with_fix(Fix::unsafe_(vec![Edit::delete(Span::new(
                0,
                doc.text.len(),
            ))]));
        out.push(diagnostic);
    }
}
