use crate::diagnostic::{Diagnostic, Family, Related, Severity};
use crate::metadata::Origin;
use crate::rules::{Check, CorpusContext, FixAvailability, Rule};

pub const RULE: Rule = Rule {
    code: "M007",
    name: "conflicting-metadata",
    family: Family::Metadata,
    severity: Severity::Warning,
    fix: FixAvailability::None,
    summary: "Two sources of provenance disagree (front matter and byline, two dates)",
    docs: r#"## What it does
Reports a field whose explicit value (front matter, sidecar, manifest) differs from what
the text's byline says (another author, another date, another source), and a document
whose bylines give two different publication dates. Revision dates (`Updated:`) never
conflict with publication dates; names that contain one another (`Lang Ping` and
`By Lang Ping, China Daily`) agree.

## Why it matters
When two records disagree, at least one is wrong, and which one is used depends on the
tool that reads them.

## Example
Front matter `author: Jane Doe` above the byline `By John Roe`.

## Configuration
None. Silence with `--ignore M007`.
"#,
    check: Check::Corpus(check),
};

fn check(ctx: &CorpusContext, out: &mut Vec<Diagnostic>) {
    for doc_meta in &ctx.metadata().docs {
        for (field, first, second) in &doc_meta.conflicts {
            let name = field.as_str();
            let message = if first.origin == Origin::Text {
                format!(
                    "two different {name}s in the text: `{}` and `{}`",
                    first.value, second.value
                )
            } else {
                format!(
                    "{name} is `{}` in the {} but `{}` in the text",
                    first.value,
                    first.origin.as_str().replace('-', " "),
                    second.value
                )
            };
            let mut diagnostic = Diagnostic::new(&RULE, second.doc, second.span, message);
            diagnostic
                .with_label(format!("this {name}"))
                .with_help("decide which is right and correct the other")
                .with_related(Related {
                    doc: first.doc,
                    span: first.span,
                    message: format!("the other {name}"),
                });
            out.push(diagnostic);
        }
    }
}
