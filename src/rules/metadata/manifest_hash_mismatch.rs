use crate::corpus::is_reported;
use crate::diagnostic::{Diagnostic, Family, Related, Severity};
use crate::diagnostic::{FixAvailability, Rule};
use crate::provenance::{resolve, sha256_hex};
use crate::rules::check::{Check, Lint, Reporter};
use crate::rules::context::CorpusContext;

pub const RULE: Rule = Rule {
    code: "M008",
    name: "manifest-hash-mismatch",
    family: Family::Metadata,
    severity: Severity::Error,
    fix: FixAvailability::None,
    opt_in: false,
    summary: "The file's sha256 differs from the one recorded in metadata.jsonl",
    docs: r#"## What it does
Compares the sha256 of each document's bytes with the `sha256` of its entry in the
corpus manifest (`metadata.jsonl` in its folder or an ancestor) and reports a difference.

## Why it matters
The text changed but its provenance record did not: the record now describes a file that
no longer exists, and nothing downstream can tell. Update the record when the change is
intended (`corpuslint fix` writes a fresh manifest), or restore the file.

## Example
An entry `{"file_name": "a.txt", "sha256": "9f86d0..."}` for an `a.txt` that was edited.

## Configuration
None. Silence with `--ignore M008`.
"#,
};

/// The rule with its check, as the registry lists it.
pub const LINT: Lint = Lint {
    rule: &RULE,
    check: Check::Corpus(check),
};

fn check(ctx: &CorpusContext, out: &mut Reporter) {
    let sources = ctx.sources;
    let Some(analysis) = ctx.analysis::<resolve::Analysis>() else {
        return;
    };
    for id in 0..analysis.docs.len() {
        // A document that is only context: its provenance is not checked.
        if !is_reported(ctx.reported, id) {
            continue;
        }
        let Some(&(m, Some(e))) = sources.manifest_of.get(&id) else {
            continue;
        };
        let manifest = &sources.manifests[m];
        let entry = &manifest.entries[e];
        let Some(recorded) = &entry.sha256 else {
            continue;
        };
        // Hashed here, for the few documents a manifest records a hash of.
        let doc = ctx.corpus.get(id);
        let actual = &sha256_hex(doc.raw_bytes());
        if recorded == actual {
            continue;
        }
        let manifest_doc = ctx.corpus.get(manifest.doc);
        let mut diagnostic = Diagnostic::new(
            &RULE,
            id,
            doc.lines_span(0, 0),
            format!(
                "file changed since its manifest entry: sha256 is {}…, {} records {}…",
                actual.get(..12).unwrap_or(actual),
                manifest_doc.display(),
                recorded.get(..12).unwrap_or(recorded)
            ),
        );
        diagnostic
            .with_label("content no longer matches its provenance record")
            .with_help("if the change is intended, update the entry's sha256 (or regenerate the manifest); otherwise restore the file")
            .with_related(Related {
                doc: manifest.doc,
                span: manifest_doc.lines_span(entry.line, entry.line),
                message: "recorded here".to_string(),
            });
        out.push(diagnostic);
    }
}
