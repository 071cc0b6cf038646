use crate::diagnostic::{Diagnostic, Family, Severity};
use crate::diagnostic::{FixAvailability, Rule};
use crate::provenance::resolve;
use crate::rules::check::{Check, Lint, Reporter};
use crate::rules::context::CorpusContext;
use crate::text::span::Span;

pub const RULE: Rule = Rule {
    code: "M011",
    name: "invalid-metadata-file",
    family: Family::Metadata,
    severity: Severity::Error,
    fix: FixAvailability::None,
    opt_in: false,
    summary: "Front matter, a sidecar or a manifest line that cannot be read",
    docs: r#"## What it does
Reports provenance that is there but cannot be read: front matter that is not valid TOML
(`+++`) or not `key: value` lines (`---`), or never closed; a sidecar that is not a TOML
table or a JSON object; a manifest line that is not a JSON object with a `file_name`.

## Why it matters
Metadata that cannot be parsed is metadata lost: every tool reading the corpus will
skip it, or fail.

## Example
A `metadata.jsonl` line `{"file_name": "a.txt", "author": }`.

## Configuration
None. Silence with `--ignore M011`.
"#,
};

/// The rule with its check, as the registry lists it.
pub const LINT: Lint = Lint {
    rule: &RULE,
    check: Check::Corpus(check),
};

fn check(ctx: &CorpusContext, out: &mut Reporter) {
    let mut report = |doc, span, message: String| {
        let mut diagnostic = Diagnostic::new(&RULE, doc, span, message);
        diagnostic
            .with_label("cannot be read")
            .with_help("fix the syntax so that the provenance can be read");
        out.push(diagnostic);
    };
    let Some(analysis) = ctx.analysis::<resolve::Analysis>() else {
        return;
    };
    for (id, doc_meta) in analysis.docs.iter().enumerate() {
        if let Some(err) = &doc_meta.front_matter_error {
            report(id, ctx.corpus.get(id).lines_span(0, 0), err.clone());
        }
    }
    for sidecar in &ctx.sources.sidecars {
        if let Some(err) = &sidecar.error {
            let doc = ctx.corpus.get(sidecar.doc);
            report(
                sidecar.doc,
                Span::new(0, doc.text.len().min(doc.lines_span(0, 0).end)),
                format!("sidecar: {err}"),
            );
        }
    }
    for manifest in &ctx.sources.manifests {
        let doc = ctx.corpus.get(manifest.doc);
        for (line, err) in &manifest.errors {
            report(
                manifest.doc,
                doc.lines_span(*line, *line),
                format!("manifest line: {err}"),
            );
        }
    }
}
