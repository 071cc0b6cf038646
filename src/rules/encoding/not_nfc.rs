use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

use crate::diagnostic::edit::{Edit, Fix};
use crate::diagnostic::{Family, Severity};
use crate::diagnostic::{FixAvailability, Rule};
use crate::rules::check::{Check, Lint, Reporter};
use crate::rules::document_context::DocumentContext;
use crate::text::code_points::names_code_point;
use crate::text::span::Span;
use crate::text::{ellipsize, escape_invisible};

pub const RULE: Rule = Rule {
    code: "E010",
    name: "not-nfc",
    family: Family::Encoding,
    severity: Severity::Warning,
    fix: FixAvailability::Safe,
    opt_in: false,
    summary: "Text not in Unicode normalization form C (decomposed accents)",
    docs: r#"## What it does
Reports text that is not in Unicode Normalization Form C, typically accents stored as a
base letter plus a combining mark (`e` + U+0301) instead of one precomposed character
(`é`), as macOS file names and some PDF extractors produce. One finding per line, covering
the part of the line that changes under NFC.

Text written as code (a fenced block, a span between backticks, a literal, doctest or
code block of reStructuredText) is left alone: a string literal written decomposed in a
README of a Unicode library is the example it gives. So
is a line that gives the code point of a character it shows (`a` with "the composing
character 0x0300", a table's `אַ 0xfb2e alef+patah`): the character is its subject.

## Why it matters
`café` in NFC and `café` in NFD look the same and compare different: searches miss,
duplicates are not found, token counts differ.

## Example
`cafe\u0301` (5 characters) instead of `café` (4).

## Fix
Safe: replace the text with its NFC form.

## Configuration
None. Silence with `--ignore E010`.
"#,
};

/// The rule with its check, as the registry lists it.
pub const LINT: Lint = Lint {
    rule: &RULE,
    check: Check::Document(check),
};

fn check(context: &DocumentContext, report: &mut Reporter) {
    let doc = context.doc;
    if doc.composed {
        return;
    }
    let text = &doc.text;
    for line in doc.line_spans() {
        let content = &text[line.start..line.end];
        if is_nfc_quick(content.chars()) == IsNormalized::Yes {
            continue;
        }
        let normalized: String = content.nfc().collect();
        if normalized == content {
            continue;
        }
        let (prefix, suffix) = common_affixes(content, &normalized);
        let span = Span::new(line.start + prefix, line.end - suffix);
        // An example written as code shows the decomposed text on purpose, and so does a
        // line that gives the code point of a character it shows.
        let found = &text[span.start..span.end];
        if context.in_code(span.start) || found.chars().any(|c| names_code_point(content, c)) {
            continue;
        }
        let replacement = normalized[prefix..normalized.len() - suffix].to_string();
        let message = format!(
            "text not in NFC: `{}` normalizes to `{}`",
            escape_invisible(&ellipsize(found, 30)),
            ellipsize(&replacement, 30)
        );
        report
            .report(&RULE, span, message)
            .with_label("decomposed characters")
            .with_help("normalize the text to Unicode NFC")
            .with_fix(Fix::safe(vec![Edit::replace(span, replacement)]));
    }
}

/// Byte lengths of the longest common prefix and suffix of `a` and `b`, on character
/// boundaries, not overlapping.
fn common_affixes(a: &str, b: &str) -> (usize, usize) {
    let prefix: usize = a
        .chars()
        .zip(b.chars())
        .take_while(|(x, y)| x == y)
        .map(|(x, _)| x.len_utf8())
        .sum();
    let suffix: usize = a[prefix..]
        .chars()
        .rev()
        .zip(b[prefix..].chars().rev())
        .take_while(|(x, y)| x == y)
        .map(|(x, _)| x.len_utf8())
        .sum();
    let max_suffix = (a.len() - prefix).min(b.len() - prefix);
    (prefix, suffix.min(max_suffix))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_support::{fixed, flagged};

    #[test]
    fn reports_decomposed_text_per_line() {
        let nfd: String = "Le café où l’on crée.\nSecond line.\nNaïve.\n"
            .nfd()
            .collect();
        let found = flagged(&RULE, &nfd);
        assert_eq!(found.len(), 2);
        assert_eq!(
            fixed(&RULE, &nfd),
            "Le café où l’on crée.\nSecond line.\nNaïve.\n"
        );
    }

    #[test]
    fn span_covers_only_what_changes() {
        assert_eq!(flagged(&RULE, "cafe\u{301} ok"), ["e\u{301}"]);
        // Hangul jamo compose into syllables.
        assert_eq!(fixed(&RULE, "\u{1100}\u{1161}"), "\u{ac00}");
    }

    #[test]
    fn leaves_nfc_text_alone() {
        assert!(flagged(&RULE, "clichés, Français, 中文, Ångström, 한국어\n").is_empty());
    }
}
