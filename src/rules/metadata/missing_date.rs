use crate::diagnostic::{Diagnostic, Family, Severity};
use crate::metadata::FieldName;
use crate::rules::metadata::missing_fields::{missing_field_docs, report_missing};
use crate::rules::{Check, CorpusContext, FixAvailability, Rule};

pub const RULE: Rule = Rule {
    code: "M002",
    name: "missing-date",
    family: Family::Metadata,
    severity: Severity::Warning,
    fix: FixAvailability::None,
    summary: "The document has no date, explicit or in its text",
    docs: missing_field_docs!(
        "date",
        "M002",
        "Without a publication date a document cannot be placed in time: temporal splits, freshness filters and deduplication by version all need it."
    ),
    check: Check::Corpus(check),
};

fn check(ctx: &CorpusContext, out: &mut Vec<Diagnostic>) {
    report_missing(ctx, FieldName::Date, &RULE, out);
}
