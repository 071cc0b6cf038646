use crate::diagnostic::{Diagnostic, Family, Severity};
use crate::diagnostic::{FixAvailability, Rule};
use crate::provenance::resolve;
use crate::rules::check::{Check, Lint, Reporter};
use crate::rules::context::CorpusContext;

pub const RULE: Rule = Rule {
    code: "M006",
    name: "invalid-date",
    family: Family::Metadata,
    severity: Severity::Warning,
    fix: FixAvailability::None,
    opt_in: false,
    summary: "A date that does not parse, is in the future, or is implausibly old",
    docs: r#"## What it does
Reports a date in a byline or in explicit metadata that looks like a date and is not one
(`2019-13-45`), that lies in the future, or that is older than `min_year` (1990 by
default: the web is younger). A date the text gives without a label that cannot be
right (`removed in patch 8.1.0932`, read as the year 932) is a version or a number, not
the document's date: it is neither taken nor reported, and neither is a date that
Markdown sets as code (between backticks, in a code block): an example's.

## Why it matters
A wrong date is worse than none: it silently puts a document in the wrong period for
every temporal split and freshness filter.

## Example
`Published: 2031-02-30`

## Configuration
`min_year` (default 1990) in the metadata options. Month names of your own (a language
`rules/dates.toml` lacks, or spellings it misses): `data_files` in the metadata options
names TOML files with `[[language]]` entries as in `rules/dates.toml` (`code`, `months`:
twelve lists of spellings, `order`: `dmy`, `mdy` or `ymd`, optional for a known language).
Silence with `--ignore M006`.
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
        for (doc, span, message) in &doc_meta.bad_dates {
            let mut diagnostic = Diagnostic::new(&RULE, *doc, *span, message.clone());
            diagnostic
                .with_label("invalid date")
                .with_help("correct the date, or remove it if it is not the publication date");
            out.push(diagnostic);
        }
    }
}
