use crate::diagnostic::{Family, Severity};
use crate::diagnostic::{FixAvailability, Rule};
use crate::rules::check::{Check, Lint, Reporter};
use crate::rules::document_context::DocumentContext;
use crate::text::non_ascii_char_runs;

pub const RULE: Rule = Rule {
    code: "E008",
    name: "replacement-character",
    family: Family::Encoding,
    severity: Severity::Warning,
    fix: FixAvailability::None,
    opt_in: false,
    summary: "U+FFFD replacement characters: text lost in an earlier conversion",
    docs: r#"## What it does
Reports U+FFFD REPLACEMENT CHARACTER (`�`) stored in the file. A run of them is one
finding. Replacement characters that corpuslint itself shows for invalid UTF-8 bytes are
`invalid-utf8`'s business (E001) and are not reported here.

## Why it matters
`�` is what a decoder writes when it meets bytes it cannot decode. Stored in a file, it
means some earlier tool already lost the original characters: the text is damaged and
the damage cannot be undone from this file.

## Example
`Beijing�s response`

## Fix
None: the original characters are gone. Recover the text from its source.

## Configuration
None. Silence with `--ignore E008`.
"#,
};

/// The rule with its check, as the registry lists it.
pub const LINT: Lint = Lint {
    rule: &RULE,
    check: Check::Document(check),
};

fn check(context: &DocumentContext, report: &mut Reporter) {
    let doc = context.doc;
    let text = &doc.text;
    let invalid = doc.invalid_sequences();
    // Replacements standing for invalid bytes are sorted by offset: look them up.
    let decoded_here = |offset: usize| {
        invalid
            .binary_search_by_key(&offset, |seq| seq.text_span.start)
            .is_ok()
    };
    let spans: Vec<_> = non_ascii_char_runs(text, |_, offset, c| {
        c == char::REPLACEMENT_CHARACTER && !decoded_here(offset)
    })
    .collect();
    for run in spans {
        let count = text[run.start..run.end].chars().count();
        let message = match count {
            1 => "replacement character U+FFFD: the original character was lost".to_string(),
            n => format!("{n} replacement characters U+FFFD: the original characters were lost"),
        };
        report
            .report(&RULE, run, message)
            .with_label("lost text")
            .with_help("recover this passage from the original source");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_support::{flagged, run};

    #[test]
    fn reports_stored_replacement_characters() {
        assert_eq!(flagged(&RULE, "Beijing\u{fffd}s response"), ["\u{fffd}"]);
        assert_eq!(flagged(&RULE, "\u{fffd}\u{fffd} and \u{fffd}").len(), 2);
    }

    #[test]
    fn ignores_replacements_of_invalid_bytes() {
        let (_, diagnostics) = run(&RULE, b"caf\xe9 and stored \xef\xbf\xbd here");
        assert_eq!(diagnostics.len(), 1);
        assert_eq!(diagnostics[0].span.start, "caf\u{fffd} and stored ".len());
    }
}
