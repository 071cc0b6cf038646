use crate::diagnostic::edit::{Edit, Fix};
use crate::diagnostic::{Family, Severity};
use crate::diagnostic::{FixAvailability, Rule};
use crate::rules::check::{Check, Lint, Reporter};
use crate::rules::document_context::DocumentContext;
use crate::text::chars::is_page_break;
use crate::text::span::Span;

pub const RULE: Rule = Rule {
    code: "E013",
    name: "trailing-whitespace",
    family: Family::Encoding,
    severity: Severity::Warning,
    fix: FixAvailability::Safe,
    opt_in: false,
    summary: "Whitespace at the end of a line",
    docs: r#"## What it does
Reports spaces, tabs and other whitespace characters (U+00A0 included) at the end of a
line, and lines made of whitespace only. In Markdown, two or more spaces that end a
line inside a paragraph are a hard line break, written on purpose: they are left alone,
and so is a form feed alone on its line, the page break between the sections of GNU NEWS
files, licences and change logs.

## Why it matters
Trailing whitespace is invisible, differs between copies of the same paragraph, and makes
a line that looks blank not blank for tools that split paragraphs on empty lines.

## Example
`the only way is cooperation.   ` (three spaces after the full stop)

## Fix
Safe: delete the trailing whitespace.

## Configuration
None. Silence with `--ignore E013`.
"#,
};

/// The rule with its check, as the registry lists it.
pub const LINT: Lint = Lint {
    rule: &RULE,
    check: Check::Document(check),
};

fn check(context: &DocumentContext, report: &mut Reporter) {
    let doc = context.doc;
    for (index, line) in doc.line_spans().enumerate() {
        let content = doc.slice(line);
        let kept = content.trim_end_matches(char::is_whitespace).len();
        if kept == content.len() || is_page_break(content) {
            continue;
        }
        // Two spaces or more before a line break inside a Markdown paragraph are a hard
        // line break, written on purpose.
        let spaces_only = content[kept..].bytes().all(|b| b == b' ');
        if spaces_only && doc.structure.has_hard_break(index) {
            continue;
        }
        let span = Span::new(line.start + kept, line.end);
        let message = if kept == 0 {
            "line holds only whitespace"
        } else {
            "trailing whitespace"
        };
        report
            .report(&RULE, span, message)
            .with_label("whitespace here")
            .with_help("delete it")
            .with_fix(Fix::safe(vec![Edit::delete(span)]));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_support::{fixed, flagged};

    #[test]
    fn leaves_a_page_break_alone() {
        assert!(flagged(&RULE, "Fixes.\n\u{c}\n* Release 2.0\n").is_empty());
        assert!(flagged(&RULE, "Fixes.\r\n\u{c}\r\nFeatures.\r\n").is_empty());
        // Whitespace after text is trailing whitespace, form feed or not.
        assert_eq!(flagged(&RULE, "Fixes. \u{c}\n"), [" \u{c}"]);
    }

    #[test]
    fn reports_trailing_whitespace() {
        assert_eq!(flagged(&RULE, "end.  \nnext\t\nok\n"), ["  ", "\t"]);
        assert_eq!(flagged(&RULE, "dangerous.\u{a0}"), ["\u{a0}"]);
        assert_eq!(flagged(&RULE, "a\n   \nb\n"), ["   "]);
        assert_eq!(fixed(&RULE, "end.  \r\nnext \n"), "end.\r\nnext\n");
    }

    #[test]
    fn leaves_clean_lines_alone() {
        assert!(flagged(&RULE, "one\n\n  indented\r\n").is_empty());
    }
}
