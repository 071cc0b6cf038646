use crate::diagnostic::{Diagnostic, Family, Severity};
use crate::metadata::FieldName;
use crate::rules::metadata::missing_fields::{missing_field_docs, report_missing};
use crate::rules::{Check, CorpusContext, FixAvailability, Rule};

pub const RULE: Rule = Rule {
    code: "M004",
    name: "missing-title",
    family: Family::Metadata,
    severity: Severity::Info,
    fix: FixAvailability::None,
    summary: "The document has no title, explicit or in its text",
    docs: missing_field_docs!(
        "title",
        "M004",
        "A title identifies the document in reports and indexes; it is recommended rather than required."
    ),
    check: Check::Corpus(check),
};

fn check(ctx: &CorpusContext, out: &mut Vec<Diagnostic>) {
    report_missing(ctx, FieldName::Title, &RULE, out);
}
