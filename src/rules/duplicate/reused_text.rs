use crate::diagnostic::edit::{Edit, Fix};
use crate::diagnostic::{Diagnostic, Family, Related, Severity};
use crate::diagnostic::{FixAvailability, Rule};
use crate::rules::check::{Check, Lint, Reporter};
use crate::rules::context::CorpusContext;
use crate::rules::duplicate::analysis::Analysis;
use crate::rules::duplicate::report::{describe_lines, paragraphs_span, removal_span};

pub const RULE: Rule = Rule {
    code: "D005",
    name: "reused-text",
    family: Family::Duplicate,
    severity: Severity::Warning,
    fix: FixAvailability::Unsafe,
    opt_in: false,
    summary: "A paragraph mostly found, in order, in another document: cut, re-split or edited",
    docs: r#"## What it does
Reports a paragraph whose words are mostly found, in the same order, in another document,
over one or several of its paragraphs: text taken from another file and then cut,
re-split into shorter paragraphs, merged, or lightly edited. The message gives the share
of the paragraph's words found there and where (`86% of this paragraph appears in order
in wire/0412.txt lines 12–15`); the source lines are related locations, so the link can
be followed from either file. Other documents that hold the text as well are named too.

Documents are compared only when they share specific text: each paragraph's word 5-grams
are hashed and winnowed (of every four hashes the smallest is kept, as MOSS does), so a
run of eight words or more shared by two documents gives them a common fingerprint. A
fingerprint found in more than `reuse_max_docs` documents is a generic phrase (a stock
sentence, a quotation every article repeats) and links nothing. Two documents that share
two specific fingerprints are compared paragraph by paragraph: the stretch of the other
document where the paragraph's words fall densest is aligned with it: the words they
share in runs of two words or more, in the same order in both and covering as many words
as can be, are the copied ones (text moved elsewhere is looked for in up to three
stretches).

Which copy is reported: shared text is reported once, in the document that took it —
of the two, the one more of whose text lies in reused paragraphs (a rewrite built from a
wire story, rather than the story it cut); on a tie, the one whose path sorts later, as
for the family's other rules. A paragraph reported by `duplicate-paragraph` (D001),
`cross-file-duplicate` (D002) or `near-duplicate` (D003) is left to them, and so is a
document that `duplicate-document` (D004) reports whole. The first copy they point at
may still be reused text of a third document (two rewrites of one wire story, one
copying the other), but never of the documents whose copies point at it: one copy is
always left.

## Why it matters
Rewritten copies are duplicates for every statistical purpose, and no paragraph-level
comparison sees them: a newspaper paragraph made of two sentences of an agency paragraph
of four, with a word changed, equals no paragraph of the agency story.

## Example
`paper/0613.txt` line 9 holds the first two sentences of `wire/0412.txt` line 12 and the
last one of line 14, with one word changed: `91% of this paragraph appears in order in
wire/0412.txt lines 12–14`.

## Fix
Unsafe: delete the paragraph (whether reused text stays is an editorial choice; a
quotation of a source is legitimate).

## Configuration
In the duplicate options: `reuse_share` (default 0.5: half of the paragraph's words
found in order in one document), `reuse_min_words` (default 8: a shorter paragraph, a
headline or a caption, is never reported) and `reuse_max_docs` (default 10: a
fingerprint in more documents is a generic phrase). Silence with `--ignore D005`.
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
    for reuse in &analysis.reuse {
        let Some(first) = reuse.sources.first() else {
            continue;
        };
        let doc = ctx.corpus.get(reuse.para.doc);
        let para = &doc.paragraphs[reuse.para.para];
        let source = ctx.corpus.get(first.doc);
        let lines = match (first.paragraphs.first(), first.paragraphs.last()) {
            (Some(a), Some(b)) => describe_lines(source, a.0, b.1),
            _ => continue,
        };
        let message = format!(
            "{:.0}% of this paragraph appears in order in {} {lines}",
            reuse.share() * 100.0,
            source.display()
        );
        let mut diagnostic = Diagnostic::new(&RULE, reuse.para.doc, para.span, message);
        diagnostic.with_label("reused text");
        let others: Vec<&str> = reuse.sources[1..]
            .iter()
            .map(|s| ctx.corpus.get(s.doc).display())
            .collect();
        diagnostic.with_help(if others.is_empty() {
            format!(
                "keep it if {} is quoted on purpose; else remove it",
                source.display()
            )
        } else {
            format!(
                "also found in {}; keep it if quoted on purpose; else remove it",
                others.join(", ")
            )
        });
        for s in &reuse.sources {
            let origin = ctx.corpus.get(s.doc);
            let share = s.copied as f64 / reuse.words.max(1) as f64;
            for &(a, b) in &s.paragraphs {
                diagnostic.with_related(Related {
                    doc: s.doc,
                    span: paragraphs_span(origin, a, b),
                    message: format!("{:.0}% of it is here", share * 100.0),
                });
            }
        }
        diagnostic.with_fix(Fix::unsafe_(vec![Edit::delete(removal_span(
            doc,
            reuse.para.para,
            reuse.para.para,
        ))]));
        out.push(diagnostic);
    }
}
