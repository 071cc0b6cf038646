use crate::diagnostic::{Diagnostic, Family, Related, Severity};
use crate::diagnostic::{FixAvailability, Rule};
use crate::provenance::Origin;
use crate::provenance::resolve;
use crate::rules::check::{Check, Lint, Reporter};
use crate::rules::context::CorpusContext;

pub const RULE: Rule = Rule {
    code: "M007",
    name: "conflicting-metadata",
    family: Family::Metadata,
    severity: Severity::Warning,
    fix: FixAvailability::None,
    opt_in: false,
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
};

/// The rule with its check, as the registry lists it.
pub const LINT: Lint = Lint {
    rule: &RULE,
    check: Check::Corpus(check),
};

fn check(ctx: &CorpusContext, out: &mut Reporter) {
    let Some(analysis) = ctx.analysis::<resolve::Analysis>() else {
        return;
    };
    for doc_meta in &analysis.docs {
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
