use crate::diagnostic::{Diagnostic, Family, Severity};
use crate::metadata::FieldName;
use crate::rules::metadata::missing_fields::{missing_field_docs, report_missing};
use crate::rules::{Check, CorpusContext, FixAvailability, Rule};

pub const RULE: Rule = Rule {
    code: "M003",
    name: "missing-source",
    family: Family::Metadata,
    severity: Severity::Warning,
    fix: FixAvailability::None,
    summary: "The document has no source, explicit or in its text",
    docs: missing_field_docs!(
        "source",
        "M003",
        "The source (publisher, outlet, agency) is how a document is traced back and how its licence is known."
    ),
    check: Check::Corpus(check),
};

fn check(ctx: &CorpusContext, out: &mut Vec<Diagnostic>) {
    report_missing(ctx, FieldName::Source, &RULE, out);
}
