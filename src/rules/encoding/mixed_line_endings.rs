use crate::diagnostic::edit::Fix;
use crate::diagnostic::{Family, Severity};
use crate::diagnostic::{FixAvailability, Rule};
use crate::rules::check::{Check, Lint, Reporter};
use crate::rules::document_context::DocumentContext;
use crate::rules::encoding::line_endings::to_lf;
use crate::text::span::Span;

pub const RULE: Rule = Rule {
    code: "E004",
    name: "mixed-line-endings",
    family: Family::Encoding,
    severity: Severity::Warning,
    fix: FixAvailability::Safe,
    opt_in: false,
    summary: "The file mixes LF, CRLF or lone CR line endings",
    docs: r#"## What it does
Reports a file that mixes line terminators: `\n`, `\r\n`, and lone `\r` (classic Mac OS),
once per file, at the first terminator of the rarer kind.

## Why it matters
Mixed endings come from concatenating files from different systems. Lone `\r` is worse:
most tools do not see it as a line break at all, so two lines become one.

## Example
`First line.\r\nSecond line.\nThird line.\rFourth line.\n`

## Fix
Safe: turn every terminator into `\n`.

## Configuration
None. Silence with `--ignore E004`.
"#,
};

/// The rule with its check, as the registry lists it.
pub const LINT: Lint = Lint {
    rule: &RULE,
    check: Check::Document(check),
};

fn check(context: &DocumentContext, report: &mut Reporter) {
    let endings = context.line_endings();
    let kinds = [
        ("CRLF", endings.crlf.len(), endings.crlf.first().copied(), 2),
        ("LF", endings.lf, endings.first_lf, 1),
        ("CR", endings.cr.len(), endings.cr.first().copied(), 1),
    ];
    let present: Vec<_> = kinds.iter().filter(|kind| kind.1 > 0).collect();
    let only_lone_cr = present.len() == 1 && !endings.cr.is_empty();
    if present.len() < 2 && !only_lone_cr {
        return;
    }
    // Point at the first terminator of the rarest kind: that is where the file deviates.
    let Some(&&(name, _, Some(at), len)) = present.iter().min_by_key(|kind| (kind.1, kind.0))
    else {
        return;
    };
    let counts: Vec<String> = present
        .iter()
        .map(|(name, count, _, _)| format!("{count} {name}"))
        .collect();
    let message = if only_lone_cr {
        format!("lines end with a lone CR ({})", counts.join(", "))
    } else {
        format!("mixed line endings: {}", counts.join(", "))
    };
    report
        .report(&RULE, Span::new(at, at + len), message)
        .with_label(format!("first {name} line ending"))
        .with_help("use LF (`\\n`) line endings throughout")
        .with_fix(Fix::safe(to_lf(endings)));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_support::{fixed, flagged};

    #[test]
    fn reports_mixed_endings_at_the_rarer_kind() {
        assert_eq!(flagged(&RULE, "one\r\ntwo\r\nthree\nfour\r\n"), ["\n"]);
        assert_eq!(fixed(&RULE, "a\r\nb\nc\rd\n"), "a\nb\nc\nd\n");
    }

    #[test]
    fn reports_lone_cr_files() {
        assert_eq!(flagged(&RULE, "one\rtwo\r"), ["\r"]);
        assert_eq!(fixed(&RULE, "one\rtwo\r"), "one\ntwo\n");
    }

    #[test]
    fn ignores_uniform_endings() {
        assert!(flagged(&RULE, "one\ntwo\n").is_empty());
        assert!(flagged(&RULE, "one\r\ntwo\r\n").is_empty());
        assert!(flagged(&RULE, "no newline at all").is_empty());
    }
}
