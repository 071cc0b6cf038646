use crate::diagnostic::{Diagnostic, Family, Severity};
use crate::diagnostic::{FixAvailability, Rule};
use crate::rules::check::{Check, Lint, Reporter};
use crate::rules::context::CorpusContext;

pub const RULE: Rule = Rule {
    code: "M010",
    name: "manifest-entry-orphaned",
    family: Family::Metadata,
    severity: Severity::Warning,
    fix: FixAvailability::None,
    opt_in: false,
    summary: "A metadata.jsonl entry whose file does not exist",
    docs: r#"## What it does
Reports an entry of a corpus manifest (`metadata.jsonl`) whose `file_name` names a file
that does not exist beside the manifest.

## Why it matters
The file was deleted or renamed and its provenance record was left behind: the manifest
now describes a corpus that is not there.

## Example
`{"file_name": "old-name.txt", ...}` after `old-name.txt` was renamed.

## Configuration
None. Silence with `--ignore M010`.
"#,
};

/// The rule with its check, as the registry lists it.
pub const LINT: Lint = Lint {
    rule: &RULE,
    check: Check::Corpus(check),
};

fn check(ctx: &CorpusContext, out: &mut Reporter) {
    for manifest in &ctx.sources.manifests {
        let doc = ctx.corpus.get(manifest.doc);
        for entry in &manifest.entries {
            // `fix` records the duplicates it left out or deleted under the kept file.
            if manifest.dir.join(&entry.file_name).exists()
                || entry.fields.contains_key("duplicate_of")
            {
                continue;
            }
            let mut diagnostic = Diagnostic::new(
                &RULE,
                manifest.doc,
                doc.lines_span(entry.line, entry.line),
                format!(
                    "manifest entry for `{}`, which does not exist",
                    entry.file_name
                ),
            );
            diagnostic
                .with_label("no such file")
                .with_help("remove the entry, or correct its `file_name` if the file was renamed");
            out.push(diagnostic);
        }
    }
}
