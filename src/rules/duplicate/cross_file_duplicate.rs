use crate::diagnostic::edit::{Edit, Fix};
use crate::diagnostic::{Diagnostic, Family, Related, Severity};
use crate::diagnostic::{FixAvailability, Rule};
use crate::rules::check::{Check, Lint, Reporter};
use crate::rules::context::CorpusContext;
use crate::rules::duplicate::analysis::Analysis;
use crate::rules::duplicate::duplicate_document;
use crate::rules::duplicate::report::{describe_lines, paragraphs_span, removal_span};

pub const RULE: Rule = Rule {
    code: "D002",
    name: "cross-file-duplicate",
    family: Family::Duplicate,
    severity: Severity::Warning,
    fix: FixAvailability::Unsafe,
    opt_in: false,
    summary: "A paragraph, or a run of paragraphs, already in another file of the corpus",
    docs: r#"## What it does
Reports paragraphs that repeat a paragraph of another file. The copy in the file whose
path sorts first is the original; the others are duplicates and point at it as a related
location. Comparison and blocks work as in `duplicate-paragraph` (D001): consecutive
repeated paragraphs are one finding. When nearly all of a file is in one other file,
`duplicate-document` (D004) reports the file once instead.

## Why it matters
The same wire story syndicated by several sites, or the same boilerplate paragraph in
every article of a site, skews a corpus: its text is counted once per copy.

## Example
`b.txt` lines 5–9 repeat `a.txt` lines 3–7.

## Fix
Unsafe (which copy to keep is an editorial choice): delete the copy in the later file.

## Configuration
`cross_file_min_words` (default 15) in the duplicate options: a shorter run, such as a
headline or a one-line quotation that two articles share, is not reported; `min_chars`
(default 30) and `min_words` (default 5) as for D001. Silence with `--ignore D002`.
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
    let copies_reported = ctx.is_enabled(&duplicate_document::RULE);
    for block in analysis.blocks.iter().filter(|b| !b.is_within_file()) {
        if copies_reported
            && analysis
                .copy_of(block.doc)
                .is_some_and(|c| c.of == block.origin.doc)
        {
            continue;
        }
        let doc = ctx.corpus.get(block.doc);
        let original = ctx.corpus.get(block.origin.doc);
        let origin_last = block.origin.para + block.paragraph_count() - 1;
        let here = describe_lines(doc, block.first, block.last);
        let there = describe_lines(original, block.origin.para, origin_last);
        let message = if block.paragraph_count() == 1 {
            format!("paragraph at {here} repeats {} {there}", original.display())
        } else {
            format!(
                "{} paragraphs at {here} repeat {} {there}",
                block.paragraph_count(),
                original.display()
            )
        };
        let span = paragraphs_span(doc, block.first, block.last);
        let mut diagnostic = Diagnostic::new(&RULE, block.doc, span, message);
        diagnostic
            .with_label("already in another file")
            .with_help(format!(
                "keep one copy; {} sorts first and holds the original",
                original.display()
            ))
            .with_related(Related {
                doc: block.origin.doc,
                span: paragraphs_span(original, block.origin.para, origin_last),
                message: "original".to_string(),
            })
            .with_fix(Fix::unsafe_(vec![Edit::delete(removal_span(
                doc,
                block.first,
                block.last,
            ))]));
        out.push(diagnostic);
    }
}
