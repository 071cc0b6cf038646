use crate::diagnostic::{Diagnostic, Family, Severity};
use crate::metadata::FieldName;
use crate::rules::metadata::missing_fields::{missing_field_docs, report_missing};
use crate::rules::{Check, CorpusContext, FixAvailability, Rule};

pub const RULE: Rule = Rule {
    code: "M001",
    name: "missing-author",
    family: Family::Metadata,
    severity: Severity::Warning,
    fix: FixAvailability::None,
    summary: "The document has no author, explicit or in its text",
    docs: missing_field_docs!(
        "author",
        "M001",
        "A document without an author cannot be attributed, cited or checked for licence; for a research corpus, provenance is what makes it usable."
    ),
    check: Check::Corpus(check),
};

fn check(ctx: &CorpusContext, out: &mut Vec<Diagnostic>) {
    report_missing(ctx, FieldName::Author, &RULE, out);
}
