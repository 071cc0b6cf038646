use crate::diagnostic::{Diagnostic, Family, Severity};
use crate::diagnostic::{FixAvailability, Rule};
use crate::rules::check::{Check, Lint, Reporter};
use crate::rules::context::CorpusContext;

pub const RULE: Rule = Rule {
    code: "M009",
    name: "missing-from-manifest",
    family: Family::Metadata,
    severity: Severity::Warning,
    fix: FixAvailability::None,
    opt_in: false,
    summary: "A document under a metadata.jsonl that has no entry in it",
    docs: r#"## What it does
Reports a document that lies under a corpus manifest (`metadata.jsonl` in its folder or an
ancestor) but has no entry with its `file_name` there.

## Why it matters
A manifest is a promise that every file of the corpus has a provenance record; a file
added without one breaks it silently.

## Example
`new-article.txt` committed beside a `metadata.jsonl` that does not list it.

## Configuration
None. Silence with `--ignore M009`.
"#,
};

/// The rule with its check, as the registry lists it.
pub const LINT: Lint = Lint {
    rule: &RULE,
    check: Check::Corpus(check),
};

fn check(ctx: &CorpusContext, out: &mut Reporter) {
    for (&id, &(m, entry)) in &ctx.sources.manifest_of {
        if entry.is_some() {
            continue;
        }
        let manifest = ctx.corpus.get(ctx.sources.manifests[m].doc);
        let doc = ctx.corpus.get(id);
        let mut diagnostic = Diagnostic::new(
            &RULE,
            id,
            doc.lines_span(0, 0),
            format!("document has no entry in {}", manifest.display()),
        );
        diagnostic
            .with_label("not in the manifest")
            .with_help("add an entry with its `file_name` and `sha256` to the manifest");
        out.push(diagnostic);
    }
}
