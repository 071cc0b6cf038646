use crate::diagnostic::{Diagnostic, Family, Severity};
use crate::metadata::FieldName;
use crate::rules::metadata::missing_fields::report_missing;
use crate::rules::{Check, CorpusContext, FixAvailability, Rule};

pub const RULE: Rule = Rule {
    code: "M001",
    name: "missing-author",
    family: Family::Metadata,
    severity: Severity::Warning,
    fix: FixAvailability::None,
    summary: "The document has no author, explicit or in its text",
    docs: r#"## What it does
Reports a document whose author is given nowhere: not in front matter, not in a sidecar
`NAME.meta.toml` / `NAME.meta.json`, not in its entry of `metadata.jsonl`, and not in
its text (a byline such as `By Lang Ping | China Daily | Updated: 2019-04-22`, or, for the
title, a first content line that reads as a headline). Lines of site chrome do not count:
the date in `CONTACT US Wed Nov. 13, 2013` is the day the page was crawled.

The finding points where the field was looked for (the first byline, else the title,
else the first line); its help says where to add it and, when the text suggests a value
(an outlet in a copyright line, a name in a closing author note), which one.

## Why it matters
A document without an author cannot be attributed, cited or checked for licence; for a research corpus, provenance is what makes it usable.

## Example
An article whose only byline is `Published: Dec 15, 2021 10:27 PM`: it has a date but no
author and no source.

## Configuration
`required` (default: author, date, source; a missing field is a warning) and
`recommended` (default: title; reported as info) in the metadata options. A field in
neither list is not reported. Silence with `--ignore M001`.
"#,
    check: Check::Corpus(check),
};

fn check(ctx: &CorpusContext, out: &mut Vec<Diagnostic>) {
    report_missing(ctx, FieldName::Author, &RULE, out);
}
