use crate::diagnostic::edit::{Edit, Fix};
use crate::diagnostic::{Family, Severity};
use crate::diagnostic::{FixAvailability, Rule};
use crate::rules::check::{Check, Lint, Reporter};
use crate::rules::document_context::DocumentContext;
use crate::text::span::Span;

pub const RULE: Rule = Rule {
    code: "E014",
    name: "missing-final-newline",
    family: Family::Encoding,
    severity: Severity::Warning,
    fix: FixAvailability::Safe,
    opt_in: false,
    summary: "The last line does not end with a newline",
    docs: r#"## What it does
Reports a non-empty file whose last line has no line terminator.

## Why it matters
POSIX text files end with a newline. Without it, `cat a.txt b.txt` glues the last line
of one document to the first of the next, `wc -l` undercounts, and every later append
produces a diff on the previous last line.

## Example
A file whose last bytes are `...Zhejiang University.` with no `\n` after them.

## Fix
Safe: append a newline.

## Configuration
None. Silence with `--ignore E014`.
"#,
};

/// The rule with its check, as the registry lists it.
pub const LINT: Lint = Lint {
    rule: &RULE,
    check: Check::Document(check),
};

fn check(context: &DocumentContext, report: &mut Reporter) {
    let text = context.text();
    let Some(last) = text.chars().next_back() else {
        return;
    };
    if last == '\n' || last == '\r' {
        return;
    }
    let end = text.len();
    report
        .report(
            &RULE,
            Span::new(end - last.len_utf8(), end),
            "no newline at the end of the file",
        )
        .with_label("the file ends here")
        .with_help("end the last line with a newline")
        .with_fix(Fix::safe(vec![Edit::insert(end, "\n")]));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_support::{fixed, flagged};

    #[test]
    fn reports_a_missing_final_newline() {
        assert_eq!(flagged(&RULE, "one\ntwo."), ["."]);
        assert_eq!(fixed(&RULE, "one\ntwo."), "one\ntwo.\n");
        assert_eq!(flagged(&RULE, "中文"), ["文"]);
    }

    #[test]
    fn leaves_terminated_and_empty_files_alone() {
        assert!(flagged(&RULE, "one\n").is_empty());
        assert!(flagged(&RULE, "one\r\n").is_empty());
        assert!(flagged(&RULE, "").is_empty());
    }
}
