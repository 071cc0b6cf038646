use crate::diagnostic::edit::{Edit, Fix};
use crate::diagnostic::{Family, Severity};
use crate::diagnostic::{FixAvailability, Rule};
use crate::rules::check::{Check, Lint, Reporter};
use crate::rules::document_context::DocumentContext;
use crate::text::chars::invisible;
use crate::text::code_points::names_code_point;
use crate::text::mojibake;
use crate::text::{char_after, char_before, codepoint, non_ascii_char_runs};

pub const RULE: Rule = Rule {
    code: "E006",
    name: "invisible-character",
    family: Family::Encoding,
    severity: Severity::Warning,
    fix: FixAvailability::Safe,
    opt_in: false,
    summary: "Zero-width and other invisible characters inside the text",
    docs: r#"## What it does
Reports characters that take no space on screen: U+200B ZERO WIDTH SPACE, U+2060 WORD
JOINER, U+00AD SOFT HYPHEN, U+FEFF inside the text (a byte-order mark that was glued on
by concatenation), U+180E, the invisible operators U+2061–U+2064, and bidirectional
controls (U+202A–U+202E, U+2066–U+2069). Characters that are meaningful in some scripts
are reported only between ASCII characters, where they cannot be doing their job:
U+200C ZERO WIDTH NON-JOINER (Persian, Indic scripts), U+200D ZERO WIDTH JOINER (emoji
sequences) and the marks U+200E/U+200F (Hebrew, Arabic). Markdown code blocks and code
spans, shown as written, are left alone.

## Why it matters
An invisible character splits a word in two for every tool while looking intact to a
reviewer: `cyber\u200bsecurity` matches neither `cybersecurity` nor a duplicate of its
paragraph.

## Example
`cyber\u200bsecurity`, `co\u00adoperation`

## Fix
Safe: delete the characters.

## Configuration
None. Silence with `--ignore E006`.
"#,
};

/// The rule with its check, as the registry lists it.
pub const LINT: Lint = Lint {
    rule: &RULE,
    check: Check::Document(check),
};

/// Whether the character `c` at `offset` is reported: a joiner or direction mark only
/// where no non-ASCII letter beside it can need it, U+FEFF not at the start of the file.
fn is_invisible(text: &str, offset: usize, c: char) -> bool {
    let Some((group, _)) = invisible(c) else {
        return false;
    };
    if c == '\u{feff}' && offset == 0 {
        return false;
    }
    if group.does_work_in_some_scripts() {
        let ascii_or_edge = |n: Option<char>| n.is_none_or(|n| n.is_ascii());
        return ascii_or_edge(char_before(text, offset))
            && ascii_or_edge(char_after(text, offset + c.len_utf8()));
    }
    true
}

fn check(context: &DocumentContext, report: &mut Reporter) {
    let text = context.text();
    if !context.has_non_ascii() {
        return;
    }
    // A soft hyphen inside mojibake (`Ã\u{ad}` for `í`) is mojibake's finding, not ours.
    let mojibake = if text.contains('\u{ad}') {
        context.mojibake()
    } else {
        &[]
    };
    let reported = |text: &str, offset: usize, c: char| {
        is_invisible(text, offset, c) && !mojibake::covers(mojibake, offset)
    };
    for run in non_ascii_char_runs(text, reported) {
        // Markdown shows code as written: what is in it is the code's business.
        if context.doc.structure.is_code(run) {
            continue;
        }
        let chars: Vec<char> = text[run.start..run.end].chars().collect();
        let first = chars[0];
        // A table of characters shows each beside its code point (`­ -- 0xad SOFT HYPHEN`).
        let line = context.doc.line_text(context.doc.lines.line_of(run.start));
        if chars.iter().all(|&c| names_code_point(line, c)) {
            continue;
        }
        let what = format!(
            "{} {}",
            codepoint(first),
            invisible(first).map_or("INVISIBLE CHARACTER", |(_, name)| name)
        );
        let message = match chars.len() {
            1 => format!("invisible character {what}"),
            n => format!("{n} invisible characters, starting with {what}"),
        };
        report
            .report(&RULE, run, message)
            .with_label("invisible here")
            .with_help("delete it: it splits the word for every tool while looking intact")
            .with_fix(Fix::safe(vec![Edit::delete(run)]));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_support::{fixed, flagged};

    #[test]
    fn reports_zero_width_and_soft_hyphen() {
        assert_eq!(flagged(&RULE, "cyber\u{200b}security"), ["\u{200b}"]);
        assert_eq!(
            fixed(&RULE, "co\u{ad}operation and cyber\u{200b}\u{2060}space"),
            "cooperation and cyberspace"
        );
        assert_eq!(flagged(&RULE, "a\u{feff}b"), ["\u{feff}"]);
        assert_eq!(flagged(&RULE, "ab\u{202e}cd").len(), 1);
    }

    #[test]
    fn joiners_between_ascii_are_junk() {
        assert_eq!(flagged(&RULE, "foo\u{200d}bar"), ["\u{200d}"]);
        assert_eq!(flagged(&RULE, "end\u{200e}"), ["\u{200e}"]);
    }

    #[test]
    fn soft_hyphens_inside_mojibake_are_left_to_mojibake() {
        // `í` as UTF-8 decoded as windows-1252: `Ã` and U+00AD.
        assert!(flagged(&RULE, "By Luc\u{c3}\u{ad}a Walker").is_empty());
    }

    #[test]
    fn a_character_beside_its_code_point_is_a_tables_entry() {
        assert!(flagged(&RULE, "\u{ad}\t--\t0xad\t173\tSOFT HYPHEN\n").is_empty());
        assert_eq!(flagged(&RULE, "soft\u{ad}ware 0x2d\n").len(), 1);
    }

    #[test]
    fn leaves_meaningful_uses_alone() {
        // A leading BOM is byte-order-mark's business.
        assert!(flagged(&RULE, "\u{feff}Title").is_empty());
        // Emoji ZWJ sequence: 👩‍💻.
        assert!(flagged(&RULE, "coder: \u{1f469}\u{200d}\u{1f4bb}").is_empty());
        // Persian uses ZWNJ inside words: می‌خواهم.
        assert!(
            flagged(
                &RULE,
                "\u{645}\u{6cc}\u{200c}\u{62e}\u{648}\u{627}\u{647}\u{645}"
            )
            .is_empty()
        );
        // Right-to-left mark after Hebrew text.
        assert!(flagged(&RULE, "\u{5e9}\u{5dc}\u{5d5}\u{5dd}\u{200f} world").is_empty());
    }
}
