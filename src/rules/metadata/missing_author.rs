use crate::diagnostic::{Family, Severity};
use crate::diagnostic::{FixAvailability, Rule};
use crate::provenance::FieldName;
use crate::rules::check::{Check, Lint, Reporter};
use crate::rules::context::CorpusContext;
use crate::rules::metadata::missing_fields::{missing_field_docs, report_missing};

pub const RULE: Rule = Rule {
    code: "M001",
    name: "missing-author",
    family: Family::Metadata,
    severity: Severity::Warning,
    fix: FixAvailability::None,
    opt_in: false,
    summary: "The document has no author, explicit or in its text",
    docs: missing_field_docs!(
        "author",
        "M001",
        "A document without an author cannot be attributed, cited or checked for licence; for a research corpus, provenance is what makes it usable."
    ),
};

/// The rule with its check, as the registry lists it.
pub const LINT: Lint = Lint {
    rule: &RULE,
    check: Check::Corpus(check),
};

fn check(ctx: &CorpusContext, out: &mut Reporter) {
    report_missing(ctx, FieldName::Author, &RULE, out);
}
