use crate::diagnostic::{Family, Severity};
use crate::diagnostic::{FixAvailability, Rule};
use crate::provenance::FieldName;
use crate::rules::check::{Check, Lint, Reporter};
use crate::rules::context::CorpusContext;
use crate::rules::metadata::missing_fields::{missing_field_docs, report_missing};

pub const RULE: Rule = Rule {
    code: "M003",
    name: "missing-source",
    family: Family::Metadata,
    severity: Severity::Warning,
    fix: FixAvailability::None,
    opt_in: false,
    summary: "The document has no source, explicit or in its text",
    docs: missing_field_docs!(
        "source",
        "M003",
        "The source (publisher, outlet, agency) is how a document is traced back and how its licence is known."
    ),
};

/// The rule with its check, as the registry lists it.
pub const LINT: Lint = Lint {
    rule: &RULE,
    check: Check::Corpus(check),
};

fn check(ctx: &CorpusContext, out: &mut Reporter) {
    report_missing(ctx, FieldName::Source, &RULE, out);
}
