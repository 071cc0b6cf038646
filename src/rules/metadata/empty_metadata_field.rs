use crate::data::metadata::Label;
use crate::diagnostic::{Diagnostic, Family, Severity};
use crate::diagnostic::{FixAvailability, Rule};
use crate::provenance::resolve;
use crate::rules::check::{Check, Lint, Reporter};
use crate::rules::context::CorpusContext;

pub const RULE: Rule = Rule {
    code: "M005",
    name: "empty-metadata-field",
    family: Family::Metadata,
    severity: Severity::Warning,
    fix: FixAvailability::None,
    opt_in: false,
    summary: "A byline label with nothing after it (`By`, `Source of documents:`)",
    docs: r#"## What it does
Reports a byline label that introduces nothing: `By` alone on its line, `Author:`,
`Source of documents:` with no source after it. The template of the page printed the
label; the scraper did not find the value.

A label whose value is under it is not empty: `By` over a name, a label with a colon over
what follows it (`Authors:` over a list of names, `Source:` over an indented value), a
sentence wrapped after `by`, `BY` over a name a blank line below (a book's title page).
`By` over the article's first paragraph, or over a blank line and then anything but
names, is.

## Why it matters
An empty label is a field that was there and got lost: the value can often be recovered
from the original page, and until it is, the document is missing that field (the
missing-field rules report it too).

## Example
`By` on the line under the title.

## Configuration
None. Silence with `--ignore M005`.
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
    for (id, doc_meta) in analysis.docs.iter().enumerate() {
        for (label, _, span) in &doc_meta.empty_labels {
            let field = match label {
                Label::Author => "author",
                Label::Source => "source",
                Label::Date | Label::Updated => "date",
                Label::Other => continue,
            };
            let text = ctx.corpus.get(id).slice(*span).trim().to_string();
            let mut diagnostic =
                Diagnostic::new(&RULE, id, *span, format!("`{text}` names no {field}"));
            diagnostic
                .with_label(format!("empty {field} field"))
                .with_help(format!("recover the {field} from the original page, or give it in the document's metadata"));
            out.push(diagnostic);
        }
    }
}
