use crate::diagnostic::edit::{Edit, Fix};
use crate::diagnostic::{Diagnostic, Family, Related, Severity};
use crate::diagnostic::{FixAvailability, Rule};
use crate::rules::check::{Check, Lint, Reporter};
use crate::rules::context::CorpusContext;
use crate::rules::duplicate::analysis::Analysis;
use crate::rules::duplicate::duplicate_document;
use crate::rules::duplicate::report::{describe_lines, removal_span, word_changes};

pub const RULE: Rule = Rule {
    code: "D003",
    name: "near-duplicate",
    family: Family::Duplicate,
    severity: Severity::Warning,
    fix: FixAvailability::Unsafe,
    opt_in: false,
    summary: "A paragraph nearly equal to an earlier one (a few words changed)",
    docs: r#"## What it does
Reports a paragraph whose words are nearly those of an earlier paragraph, in the same file
or in a file that sorts earlier: a word or three changed, punctuation changed, spacing
changed. The help shows what differs, word by word (`- China's   + Chinese`).

Candidates are found without comparing all pairs: each paragraph gets a MinHash signature
over its word 3-grams, and paragraphs that share one of 16 LSH bands are compared, a
bounded number per paragraph. Each candidate is confirmed with a word-level diff; the similarity
is 2 × matching words / all words of both paragraphs.

## Why it matters
Lightly edited copies (a syndicated story with a changed headline word, an article saved
twice before and after a correction) are duplicates for every statistical purpose, and
exact comparison misses them.

## Example
`The UK said it views China and Russia as strategic rivals...` and, later,
`The UK said it views Chinese and Russia as strategic rivals...`.

## Fix
Unsafe: delete the later paragraph (the two are not identical, so a person should choose).

## Configuration
`near_threshold` (default 0.9: one word changed in ten) and `near_min_words` (default
15: in a shorter paragraph, a headline or a caption, one changed word makes a different
text) in the duplicate options. Silence with `--ignore D003`.
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
    for m in &analysis.near {
        if copies_reported
            && analysis
                .copy_of(m.para.doc)
                .is_some_and(|c| c.of == m.origin.doc)
        {
            continue;
        }
        let doc = ctx.corpus.get(m.para.doc);
        let original = ctx.corpus.get(m.origin.doc);
        let para = &doc.paragraphs[m.para.para];
        let origin = &original.paragraphs[m.origin.para];
        let where_ = if m.para.doc == m.origin.doc {
            describe_lines(original, m.origin.para, m.origin.para)
        } else {
            format!(
                "{} {}",
                original.display(),
                describe_lines(original, m.origin.para, m.origin.para)
            )
        };
        let message = format!(
            "paragraph nearly repeats {where_} ({:.0}% similar)",
            m.similarity * 100.0
        );
        let changes = word_changes(original.slice(origin.span), doc.slice(para.span), 4);
        let mut diagnostic = Diagnostic::new(&RULE, m.para.doc, para.span, message);
        diagnostic
            .with_label("near-duplicate")
            .with_help(format!("differs by: {changes}"))
            .with_related(Related {
                doc: m.origin.doc,
                span: origin.span,
                message: "earlier version".to_string(),
            })
            .with_fix(Fix::unsafe_(vec![Edit::delete(removal_span(
                doc,
                m.para.para,
                m.para.para,
            ))]));
        out.push(diagnostic);
    }
}
