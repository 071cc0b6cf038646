use crate::diagnostic::edit::{Edit, Fix};
use crate::diagnostic::{Family, Severity};
use crate::diagnostic::{FixAvailability, Rule};
use crate::rules::check::{Check, Lint, Reporter};
use crate::rules::document_context::DocumentContext;
use crate::text::chars::{is_unusual_space, unusual_space_name};
use crate::text::mojibake;
use crate::text::span::Span;
use crate::text::{char_runs, codepoint, non_ascii_spans};

pub const RULE: Rule = Rule {
    code: "E005",
    name: "unusual-space",
    family: Family::Encoding,
    severity: Severity::Warning,
    fix: FixAvailability::Safe,
    opt_in: false,
    summary: "No-break spaces (U+00A0) and other unusual space characters",
    docs: r#"## What it does
Reports U+00A0 NO-BREAK SPACE and the other space characters that are not a plain space:
U+1680, U+2000–U+200A (en, em, thin, hair spaces...), U+202F NARROW NO-BREAK SPACE and
U+205F. A run of such spaces, together with plain spaces and tabs around it, is one
finding. U+3000 IDEOGRAPHIC SPACE is left alone: it is ordinary in CJK text. So are
Markdown code blocks and code spans, shown as written.

## Why it matters
HTML's `&nbsp;` survives scraping as U+00A0. It looks like a space but is not one for
`split()`, regular expressions, tokenizers and deduplication: `Reuters.\u00a0 The` and
`Reuters. The` are different strings, and `Editor:\u00a0Yu Hui` is one token.

## Example
`said, according to the Reuters.\u00a0 The UK said`

## Fix
Safe: a run inside a line becomes one plain space; a run at the start of a line becomes
as many plain spaces as it had characters; a run at the end of a line is deleted.

## Configuration
None. Silence with `--ignore E005`.
"#,
};

/// The rule with its check, as the registry lists it.
pub const LINT: Lint = Lint {
    rule: &RULE,
    check: Check::Document(check),
};

fn is_line_space(c: char) -> bool {
    c == ' ' || c == '\t' || is_unusual_space(c)
}

fn check(context: &DocumentContext, report: &mut Reporter) {
    let text = context.text();
    let has_unusual =
        non_ascii_spans(text).any(|span| text[span.start..span.end].contains(is_unusual_space));
    if !has_unusual {
        return;
    }
    for run in char_runs(text, |_, _, c| is_line_space(c)) {
        // Markdown shows code as written: what is in it is the code's business.
        if context.doc.structure.is_code(run) {
            continue;
        }
        // A no-break space inside mojibake (`Ð\u{a0}` for `Р`) is mojibake's finding.
        if mojibake::covers(context.mojibake(), run.start) {
            continue;
        }
        let content = &text[run.start..run.end];
        let unusual: Vec<char> = content
            .chars()
            .filter(|&c| unusual_space_name(c).is_some())
            .collect();
        let Some(&first) = unusual.first() else {
            continue;
        };
        let name = unusual_space_name(first).unwrap_or("SPACE");
        let kind = if unusual.iter().all(|&c| c == first) {
            format!("{} {name}", codepoint(first))
        } else {
            "unusual space characters".to_string()
        };
        let message = match unusual.len() {
            1 => format!("{kind} instead of a plain space"),
            n => format!("{n} × {kind} instead of a plain space"),
        };
        let at_line_start = run.start == 0 || text.as_bytes()[run.start - 1] == b'\n';
        let at_line_end = matches!(text.as_bytes().get(run.end), None | Some(b'\n' | b'\r'));
        let replacement = if at_line_end {
            String::new()
        } else if at_line_start {
            " ".repeat(content.chars().count())
        } else {
            " ".to_string()
        };
        let label = if at_line_end {
            "unusual space at the end of the line"
        } else {
            "looks like a space, is not one"
        };
        report
            .report(&RULE, run, message)
            .with_label(label)
            .with_help("replace it with a plain space (U+0020)")
            .with_fix(Fix::safe(vec![Edit::replace(
                Span::new(run.start, run.end),
                replacement,
            )]));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_support::{fixed, flagged};

    #[test]
    fn reports_runs_with_surrounding_spaces() {
        assert_eq!(flagged(&RULE, "Reuters.\u{a0} The UK\n"), ["\u{a0} "]);
        assert_eq!(
            flagged(&RULE, "Author \u{a0}:\u{a0}\u{a0}Lu\n"),
            [" \u{a0}", "\u{a0}\u{a0}"]
        );
        assert_eq!(flagged(&RULE, "10\u{202f}km and 5\u{2009}m\n").len(), 2);
    }

    #[test]
    fn fixes_to_plain_spaces() {
        assert_eq!(fixed(&RULE, "Reuters.\u{a0} The\n"), "Reuters. The\n");
        assert_eq!(
            fixed(&RULE, "dangerous.\u{a0}\nNext\n"),
            "dangerous.\nNext\n"
        );
        assert_eq!(fixed(&RULE, "\u{a0}\u{a0}indented\n"), "  indented\n");
        assert_eq!(fixed(&RULE, "Editor:\u{a0}Yu Hui"), "Editor: Yu Hui");
    }

    #[test]
    fn leaves_plain_and_ideographic_spaces_alone() {
        assert!(flagged(&RULE, "a  b\tc\n").is_empty());
        assert!(flagged(&RULE, "\u{3000}\u{3000}中文段落。\n").is_empty());
        assert!(flagged(&RULE, "clichés, Français, “quotes”\n").is_empty());
    }
}
