use crate::diagnostic::{Family, Severity};
use crate::diagnostic::{FixAvailability, Rule};
use crate::provenance::FieldName;
use crate::rules::check::{Check, Lint, Reporter};
use crate::rules::context::CorpusContext;
use crate::rules::metadata::missing_fields::{missing_field_docs, report_missing};

pub const RULE: Rule = Rule {
    code: "M004",
    name: "missing-title",
    family: Family::Metadata,
    severity: Severity::Info,
    fix: FixAvailability::None,
    opt_in: false,
    summary: "The document has no title, explicit or in its text",
    docs: missing_field_docs!(
        "title",
        "M004",
        "A title identifies the document in reports and indexes; it is recommended rather than required."
    ),
};

/// The rule with its check, as the registry lists it.
pub const LINT: Lint = Lint {
    rule: &RULE,
    check: Check::Corpus(check),
};

fn check(ctx: &CorpusContext, out: &mut Reporter) {
    report_missing(ctx, FieldName::Title, &RULE, out);
}
