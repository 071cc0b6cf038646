use crate::diagnostic::{Family, Severity};
use crate::diagnostic::{FixAvailability, Rule};
use crate::document::TextEncoding;
use crate::rules::check::{Check, Lint, Reporter};
use crate::rules::document_context::DocumentContext;
use crate::text::span::Span;

pub const RULE: Rule = Rule {
    code: "E015",
    name: "not-text",
    family: Family::Encoding,
    severity: Severity::Warning,
    fix: FixAvailability::None,
    opt_in: false,
    summary: "The file is binary data, not text; it is skipped",
    docs: r#"## What it does
Reports a file whose first 8 KiB hold NUL bytes, are not UTF-16, and are more than 1%
control bytes: an image, an archive or another binary file with a text extension. No other
rule looks at it. A stray NUL in prose leaves the file text, and `control-character`
reports it.

## Why it matters
A binary file in a text corpus is a packaging mistake; linting it as text would report
thousands of meaningless findings.

## Example
A PNG image renamed `article.txt`.

## Fix
None: remove the file from the corpus or exclude it.

## Configuration
None. Silence with `--ignore E015`.
"#,
};

/// The rule with its check, as the registry lists it.
pub const LINT: Lint = Lint {
    rule: &RULE,
    check: Check::Document(check),
};

fn check(context: &DocumentContext, report: &mut Reporter) {
    let doc = context.doc;
    if doc.encoding != TextEncoding::Binary {
        return;
    }
    let first_nul = memchr::memchr(0, doc.raw_bytes()).unwrap_or(0);
    report
        .report(
            &RULE,
            Span::empty(0),
            format!("not a text file (NUL byte at offset {first_nul}); skipped"),
        )
        .with_help("remove the file from the corpus, or exclude it from the check");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_support::run;

    #[test]
    fn reports_binary_files() {
        let (_, diagnostics) = run(&RULE, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR");
        assert_eq!(diagnostics.len(), 1);
        assert!(diagnostics[0].message.contains("offset 8"));
    }

    #[test]
    fn text_is_not_binary() {
        assert!(run(&RULE, b"plain text\n").1.is_empty());
    }
}
