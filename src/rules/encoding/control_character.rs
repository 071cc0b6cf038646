use crate::diagnostic::edit::{Edit, Fix};
use crate::diagnostic::{Family, Severity};
use crate::diagnostic::{FixAvailability, Rule};
use crate::rules::check::{Check, Lint, Reporter};
use crate::rules::document_context::DocumentContext;
use crate::text::chars::{self, is_break, is_c1, is_reported_control as is_reported};
use crate::text::mojibake;
use crate::text::span::Span;
use crate::text::{LOW_BITS, char_runs, codepoint, find_byte};

pub const RULE: Rule = Rule {
    code: "E007",
    name: "control-character",
    family: Family::Encoding,
    severity: Severity::Warning,
    fix: FixAvailability::Sometimes,
    opt_in: false,
    summary: "Control characters other than tab and line breaks",
    docs: r#"## What it does
Reports C0 control characters other than tab, line feed and carriage return (NUL, BEL,
backspace, vertical tab, form feed, ESC...), DEL, C1 control characters
(U+0080–U+009F) and the Unicode line and paragraph separators U+2028/U+2029. A run of
control characters is one finding. Markdown code blocks and code spans, shown as
written, are left alone, and so is a form feed alone on its line: plain-text documents
(GNU NEWS files, licences, change logs) put one between their sections as a page break.
In a GNU Info manual, the controls Info readers find their way by are left alone too: the
`^_` that separates nodes, alone on its line; the DEL between a node's name and its offset
in the tag table; the NUL and backspace around an index entry's marker.

## Why it matters
Control characters are not text: they are terminal escapes, page breaks and debris from
binary formats or broken conversions. They break JSON export, confuse tokenizers, and
C1 controls usually mean the text was decoded with the wrong encoding (see `mojibake`).

## Example
`Breaking news\x07 today`, `page one\x0cpage two`

## Fix
Safe for C0 controls and DEL: delete them; vertical tab, form feed and U+2028/U+2029
become a line break. Unsafe in a string of signs between double quotes on a line, with
no letter, written with the control on purpose (`paragraph-separate: "[ \t\f]*$"`,
written with a real tab and form feed, among the Emacs local variables at the end of a
NEWS file). C1 controls get no fix here: they are usually part of mojibake,
which `mojibake` (E009) repairs.

## Configuration
None. Silence with `--ignore E007`.
"#,
};

/// The rule with its check, as the registry lists it.
pub const LINT: Lint = Lint {
    rule: &RULE,
    check: Check::Document(check),
};

fn describe(c: char) -> String {
    let name = chars::name(c).unwrap_or("control");
    format!("{} ({name})", codepoint(c))
}

/// A byte scan that rules out the common document with no control character at all:
/// C0 controls and DEL are single bytes, C1 controls start with 0xC2 0x80..=0x9F, and the
/// line and paragraph separators are 0xE2 0x80 0xA8/0xA9.
fn may_hold_control(bytes: &[u8]) -> bool {
    let control_at = |i: usize| match bytes[i] {
        b'\t' | b'\n' | b'\r' => false,
        0..=0x1f | 0x7f => true,
        0xc2 => matches!(bytes.get(i + 1), Some(0x80..=0x9f)),
        0xe2 => bytes.get(i + 1) == Some(&0x80) && matches!(bytes.get(i + 2), Some(0xa8 | 0xa9)),
        _ => false,
    };
    // Eight bytes at a time, looking closely only at words with a byte below 0x20, DEL or
    // a non-ASCII byte: most words of most texts have none.
    let may_hold = |word: u64| {
        let del = word ^ (LOW_BITS * 0x7f);
        word.wrapping_sub(LOW_BITS * 0x20) | word | (del.wrapping_sub(LOW_BITS) & !del)
    };
    let candidate = |b: u8| b < 0x20 || b == 0x7f || !b.is_ascii();
    let mut at = 0;
    while let Some(i) = find_byte(bytes, at, may_hold, candidate) {
        if control_at(i) {
            return true;
        }
        at = i + 1;
    }
    false
}

fn check(context: &DocumentContext, report: &mut Reporter) {
    let text = context.text();
    if !may_hold_control(text.as_bytes()) {
        return;
    }
    // C1 controls inside mojibake (`â€\u{9d}` for `”`) are mojibake's finding, not ours.
    let mojibake = if text.chars().any(is_c1) {
        context.mojibake()
    } else {
        &[]
    };
    let reported = |_: &str, offset: usize, c: char| {
        is_reported(c) && !(is_c1(c) && mojibake::covers(mojibake, offset))
    };
    let doc = context.doc;
    let info = doc.is_info_file();
    for run in char_runs(text, reported) {
        // Markdown shows code as written: what is in it is the code's business. A form
        // feed alone on its line is a page break; inside a line it glues text.
        let line = doc.lines.line_of(run.start);
        let line_span = doc.lines_span(line, line);
        if doc.structure.is_code(run)
            || doc.is_page_break_line(line)
            || (info && is_info_mark(text, line_span, run))
        {
            continue;
        }
        let chars: Vec<char> = text[run.start..run.end].chars().collect();
        let message = match chars.len() {
            1 => format!("control character {}", describe(chars[0])),
            n => format!(
                "{n} control characters, starting with {}",
                describe(chars[0])
            ),
        };
        let diagnostic = report
            .report(&RULE, run, message)
            .with_label("control character");
        if chars.iter().copied().any(is_c1) {
            diagnostic
                .with_help("C1 controls usually mean the text was decoded with the wrong encoding");
            continue;
        }
        let replacement = if chars.iter().copied().any(is_break) {
            "\n"
        } else {
            ""
        };
        diagnostic.with_help(if replacement.is_empty() {
            "delete it"
        } else {
            "replace it with a line break"
        });
        let edits = vec![Edit::replace(run, replacement)];
        diagnostic.fix = Some(if is_quoted(text, line_span, run) {
            Fix::unsafe_(edits)
        } else {
            Fix::safe(edits)
        });
    }
}

/// Whether `run` stands in a string of signs between double quotes on its line, with no
/// letter: a regular expression or a list of separators written with it on purpose
/// (`paragraph-separate: "[ \t\f]*$"`, an Emacs local variable at the end of a NEWS
/// file). A quotation in prose holds words.
fn is_quoted(text: &str, line: Span, run: Span) -> bool {
    let (before, after) = around(text, line, run);
    // The quotes nearest the run, each side, with no letter between: looked for first, as
    // the first letter ends the look (a line of prose may be megabytes long); the quotes of
    // the whole line are counted only then, to tell an opening quote from a closing one.
    let quote_before = before
        .chars()
        .rev()
        .find(|&c| c == '"' || c.is_alphabetic());
    let quote_after = after.chars().find(|&c| c == '"' || c.is_alphabetic());
    quote_before == Some('"') && quote_after == Some('"') && before.matches('"').count() % 2 == 1
}

/// The text of `line` before `run` and after it.
fn around(text: &str, line: Span, run: Span) -> (&str, &str) {
    (
        &text[line.start..run.start],
        &text[run.end..line.end.max(run.end)],
    )
}

/// Whether the controls at `run` are marks of the GNU Info format, which Info readers
/// find their way by: a node separator (`^_`, a form feed after it or not) alone on its
/// line; the DEL between a node's name and its byte offset on a line of the tag table
/// (`Node: Top^?2954`); the NUL and backspace that open and close an index entry's or a
/// picture's cookie (`^@^H[index^@^H]`).
fn is_info_mark(text: &str, line: Span, run: Span) -> bool {
    let (before, after) = around(text, line, run);
    let marks = &text[run.start..run.end];
    match marks {
        "\u{1f}" | "\u{1f}\u{c}" => before.is_empty() && after.trim_end_matches('\r').is_empty(),
        "\u{7f}" => {
            (before.starts_with("Node: ") || before.starts_with("Ref: "))
                && !after.is_empty()
                && after
                    .trim_end_matches('\r')
                    .bytes()
                    .all(|b| b.is_ascii_digit())
        }
        "\0\u{8}" => after.starts_with(['[', ']']),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The definition, byte by byte.
    fn holds_control(bytes: &[u8]) -> bool {
        String::from_utf8_lossy(bytes).chars().any(is_reported)
    }

    proptest::proptest! {
        #[test]
        fn the_byte_scan_finds_every_control(
            text in "([a-z \t\r\n]|\u{7f}|\u{1}|\u{85}|\u{a0}|\u{2028}|\u{2029}|\u{2027}|é|€){0,40}"
        ) {
            proptest::prop_assert_eq!(may_hold_control(text.as_bytes()), holds_control(text.as_bytes()));
        }
    }
    use crate::diagnostic::edit::Applicability;
    use crate::rules::test_support::{applicability, fixed, flagged, run};

    #[test]
    fn the_byte_scan_lets_every_reported_character_through() {
        for c in (0..=0x3000).filter_map(char::from_u32) {
            let mut buffer = [0; 4];
            let bytes = c.encode_utf8(&mut buffer).as_bytes();
            assert_eq!(may_hold_control(bytes), is_reported(c), "{c:?}");
        }
    }

    #[test]
    fn reports_c0_controls_and_del() {
        assert_eq!(
            flagged(&RULE, "news\u{7} today\u{1b}[0m"),
            ["\u{7}", "\u{1b}"]
        );
        assert_eq!(fixed(&RULE, "news\u{7} today\u{7f}"), "news today");
        assert_eq!(fixed(&RULE, "page one\u{c}page two"), "page one\npage two");
    }

    #[test]
    fn c1_controls_have_no_fix() {
        // C1 controls that no wrong decoding explains (beside characters no single-byte
        // codec has); the others are mojibake's findings.
        let (_, diagnostics) = run(&RULE, "中\u{85}文 and 中\u{92}文".as_bytes());
        assert_eq!(diagnostics.len(), 2);
        assert!(diagnostics.iter().all(|d| d.fix.is_none()));
    }

    #[test]
    fn c1_controls_inside_mojibake_are_left_to_mojibake() {
        // `”` as UTF-8 decoded as windows-1252: `â€` and U+009D.
        assert!(flagged(&RULE, "he said â€\u{9d} and left").is_empty());
        assert_eq!(flagged(&RULE, "a lone 中\u{9d}文 here"), ["\u{9d}"]);
        // windows-1252 text read as latin-1: the C1 controls are its quotes.
        assert!(flagged(&RULE, "he said \u{93}yes\u{94} and left").is_empty());
    }

    #[test]
    fn leaves_a_form_feed_alone_on_its_line() {
        let news =
            "* Noteworthy changes in release 4.4\n\n\u{c}\n* Noteworthy changes in release 4.3\n";
        assert!(flagged(&RULE, news).is_empty());
        assert!(flagged(&RULE, "end of section\r\n \u{c}\r\nnext").is_empty());
        assert!(flagged(&RULE, "\u{c}").is_empty());
        // Beside text, or beside another control character, it is no page break.
        assert_eq!(flagged(&RULE, "end\n\u{c}next page\n"), ["\u{c}"]);
        assert_eq!(flagged(&RULE, "end\n\u{c}\u{7}\n"), ["\u{c}\u{7}"]);
    }

    #[test]
    fn leaves_the_marks_of_an_info_manual_alone() {
        // Prose enough that the few controls do not make the text look binary.
        let prose = "This manual tells how to count the words of a text and why.\n".repeat(40);
        let manual = format!(
            "\u{1f}\nFile: x.info,  Node: Top,  Up: (dir)\n\n{prose}\n\0\u{8}[index\0\u{8}]\n* Menu:\n\n\u{1f}\u{c}\nTag Table:\nNode: Top\u{7f}0\n\u{1f}\nEnd Tag Table\n"
        );
        assert_eq!(flagged(&RULE, &format!("{manual}\u{7}")), ["\u{7}"]);
        assert!(flagged(&RULE, &manual).is_empty());
        assert!(flagged(&RULE, &manual.replace('\n', "\r\n")).is_empty());
        // Anywhere else in a manual, or in a text that is no manual, they are findings.
        let stray = format!("{manual}a stray\u{7f} and a \u{1f}glued separator\0\u{8}\n");
        assert_eq!(flagged(&RULE, &stray), ["\u{7f}", "\u{1f}", "\0\u{8}"]);
        let no_manual = manual
            .replace("File:", "Filed:")
            .replace("Tag Table", "Tags");
        assert_eq!(flagged(&RULE, &no_manual).len(), 6);
    }

    /// The definition of [`is_quoted`]: an odd number of quotes before the run, and no
    /// letter between the nearest quote before it and the nearest after it.
    fn quoted_by_definition(before: &str, after: &str) -> bool {
        let opened = before.rsplit('"').next().unwrap_or_default();
        before.matches('"').count() % 2 == 1
            && after.split_once('"').is_some_and(|(closed, _)| {
                !opened
                    .chars()
                    .chain(closed.chars())
                    .any(char::is_alphabetic)
            })
    }

    proptest::proptest! {
        #[test]
        fn quoted_runs_are_found_as_defined(
            before in "[\"a \\[*$é]{0,12}",
            after in "[\"a \\[*$é]{0,12}",
        ) {
            let text = format!("{before}\u{c}{after}");
            let line = Span::new(0, text.len());
            let run = Span::new(before.len(), before.len() + 1);
            proptest::prop_assert_eq!(
                is_quoted(&text, line, run),
                quoted_by_definition(&before, &after)
            );
        }
    }

    #[test]
    fn a_control_in_a_quoted_string_is_fixed_only_on_request() {
        let news = "Local Variables:\nparagraph-separate: \"[\t\u{c}]*$\"\nEnd:\n";
        assert_eq!(applicability(&RULE, news), [Applicability::Unsafe]);
        // Outside the quotes, in a quotation of words, or with no closing quote, it is
        // debris.
        let stray =
            "He said \"yes\" and left\u{7}.\nShe said \"not \u{7}now\".\nA \"[\u{7} left open.\n";
        assert_eq!(applicability(&RULE, stray), [Applicability::Safe; 3]);
    }

    #[test]
    fn leaves_tabs_and_line_breaks_alone() {
        assert!(flagged(&RULE, "a\tb\r\nc\nd").is_empty());
    }
}
