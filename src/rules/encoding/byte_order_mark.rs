use crate::diagnostic::edit::{Edit, Fix};
use crate::diagnostic::{Family, Severity};
use crate::diagnostic::{FixAvailability, Rule};
use crate::rules::check::{Check, Lint, Reporter};
use crate::rules::document_context::DocumentContext;
use crate::text::span::Span;

pub const RULE: Rule = Rule {
    code: "E002",
    name: "byte-order-mark",
    family: Family::Encoding,
    severity: Severity::Warning,
    fix: FixAvailability::Safe,
    opt_in: false,
    summary: "The file starts with a UTF-8 byte-order mark",
    docs: r#"## What it does
Reports a UTF-8 byte-order mark (the bytes `EF BB BF`, U+FEFF) at the start of a file.

## Why it matters
UTF-8 has no byte order; the mark is noise left by some Windows editors. Tools that do not
expect it glue it to the first word (`\ufeffTitle` is not `Title`), so the first line of
the document no longer matches anything: titles, front matter, duplicates.

## Example
A file whose first bytes are `EF BB BF 54 69 74 6C 65` (`\ufeffTitle`).

## Fix
Safe: delete the mark.

## Configuration
None. Silence with `--ignore E002`.
"#,
};

/// The rule with its check, as the registry lists it.
pub const LINT: Lint = Lint {
    rule: &RULE,
    check: Check::Document(check),
};

fn check(context: &DocumentContext, report: &mut Reporter) {
    if context.text().starts_with('\u{feff}') {
        let span = Span::new(0, '\u{feff}'.len_utf8());
        report
            .report(&RULE, span, "file starts with a UTF-8 byte-order mark")
            .with_label("U+FEFF byte-order mark")
            .with_help("UTF-8 needs no byte-order mark; remove it")
            .with_fix(Fix::safe(vec![Edit::delete(span)]));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_support::{fixed, flagged};

    #[test]
    fn reports_a_leading_bom() {
        assert_eq!(flagged(&RULE, "\u{feff}Title\n"), ["\u{feff}"]);
        assert_eq!(fixed(&RULE, "\u{feff}Title\n"), "Title\n");
    }

    #[test]
    fn ignores_text_without_bom_and_feff_inside_text() {
        assert!(flagged(&RULE, "Title\n").is_empty());
        assert!(flagged(&RULE, "Ti\u{feff}tle\n").is_empty());
    }
}
