use crate::diagnostic::{Family, Severity};
use crate::diagnostic::{FixAvailability, Rule};
use crate::provenance::FieldName;
use crate::rules::check::{Check, Lint, Reporter};
use crate::rules::context::CorpusContext;
use crate::rules::metadata::missing_fields::{missing_field_docs, report_missing};

pub const RULE: Rule = Rule {
    code: "M002",
    name: "missing-date",
    family: Family::Metadata,
    severity: Severity::Warning,
    fix: FixAvailability::None,
    opt_in: false,
    summary: "The document has no date, explicit or in its text",
    docs: missing_field_docs!(
        "date",
        "M002",
        "Without a publication date a document cannot be placed in time: temporal splits, freshness filters and deduplication by version all need it."
    ),
};

/// The rule with its check, as the registry lists it.
pub const LINT: Lint = Lint {
    rule: &RULE,
    check: Check::Corpus(check),
};

fn check(ctx: &CorpusContext, out: &mut Reporter) {
    report_missing(ctx, FieldName::Date, &RULE, out);
}
