use crate::diagnostic::edit::Fix;
use crate::diagnostic::{Family, Severity};
use crate::diagnostic::{FixAvailability, Rule};
use crate::rules::check::{Check, Lint, Reporter};
use crate::rules::document_context::DocumentContext;
use crate::rules::encoding::line_endings::to_lf;
use crate::text::span::Span;

pub const RULE: Rule = Rule {
    code: "E003",
    name: "crlf-line-endings",
    family: Family::Encoding,
    severity: Severity::Warning,
    fix: FixAvailability::Safe,
    opt_in: false,
    summary: "The file ends its lines with CRLF instead of LF",
    docs: r#"## What it does
Reports a file whose lines all end with `\r\n` (Windows style), once per file, at the
first line ending. Files that mix `\r\n` with `\n` are `mixed-line-endings` (E004).

## Why it matters
A corpus with CRLF in some files and LF in others hashes, diffs and deduplicates badly:
the same paragraph is two different byte strings, and `\r` sticks to the last word of
each line for tools that split on `\n`.

## Example
`First line.\r\nSecond line.\r\n`

## Fix
Safe: delete the `\r` of every `\r\n`.

## Configuration
None. Silence with `--ignore E003`.
"#,
};

/// The rule with its check, as the registry lists it.
pub const LINT: Lint = Lint {
    rule: &RULE,
    check: Check::Document(check),
};

fn check(context: &DocumentContext, report: &mut Reporter) {
    let endings = context.line_endings();
    let Some(&first) = endings.crlf.first() else {
        return;
    };
    if endings.lf > 0 || !endings.cr.is_empty() {
        return;
    }
    let count = endings.crlf.len();
    let plural = if count == 1 { "" } else { "s" };
    report
        .report(
            &RULE,
            Span::new(first, first + 2),
            format!("file uses CRLF line endings ({count} line{plural})"),
        )
        .with_label("first CRLF line ending")
        .with_help("use LF (`\\n`) line endings")
        .with_fix(Fix::safe(to_lf(endings)));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_support::{fixed, flagged};

    #[test]
    fn reports_crlf_files_once() {
        assert_eq!(flagged(&RULE, "one\r\ntwo\r\nthree\r\n"), ["\r\n"]);
        assert_eq!(fixed(&RULE, "one\r\ntwo\r\n"), "one\ntwo\n");
    }

    #[test]
    fn ignores_lf_and_mixed_files() {
        assert!(flagged(&RULE, "one\ntwo\n").is_empty());
        assert!(flagged(&RULE, "one\r\ntwo\n").is_empty());
    }
}
