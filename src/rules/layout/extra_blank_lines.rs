//! L001 `extra-blank-lines`: paragraphs are separated by one blank line, and nothing
//! comes before the first line or after the last.

use crate::diagnostic::edit::{Edit, Fix};
use crate::diagnostic::{Family, Severity};
use crate::diagnostic::{FixAvailability, Rule};
use crate::document::Document;
use crate::document::structure::LineRole;
use crate::rules::check::{Check, Lint, Reporter};
use crate::rules::document_context::DocumentContext;
use crate::text::count;
use crate::text::span::Span;

pub const RULE: Rule = Rule {
    code: "L001",
    name: "extra-blank-lines",
    family: Family::Layout,
    severity: Severity::Warning,
    fix: FixAvailability::Sometimes,
    opt_in: false,
    summary: "Two or more blank lines in a row, or blank lines before the first line or after the last",
    docs: r#"## What it does
Reports a run of two or more blank lines (lines empty or made of whitespace) between two
lines of text, and blank lines at the start or at the end of a file. Left alone: blank
lines inside a Markdown code block, which are part of the code, and blank lines before a
heading (a Markdown heading, or in plain text a short line that does not end like a
sentence or is set in capitals, such as `CHAPTER I` or `CHAPTER II.`), and in a text
whose prose is hard-wrapped after one that stands alone between blank lines, which books
and licences use to mark sections. A form feed alone on its line is a page break between
sections, not a blank line.

## Why it matters
Scrapers leave blank lines where an element was dropped. Paragraphs are separated by one
blank line; extra ones carry nothing, vary between copies of the same page, and look like
structure to tools that split on them.

## Example
`...common responsibility of the international community.`, two blank lines, then
`This article was translated from Jiefang Daily.`

## Fix
Safe: keep one blank line between paragraphs; delete blank lines at the start and the end
of the file. Line breaks inside paragraphs and indentation are not touched. In a
plain-text document laid out by hand (its prose hard-wrapped, or its headings underlined:
a manual, a NEWS file, a book), blank lines between paragraphs may be the author's,
around an example or between sections: there the fix is unsafe. (Markdown shows any
number of blank lines as one.)

## Configuration
None. Silence with `--ignore L001`.
"#,
};

/// The rule with its check, as the registry lists it.
pub const LINT: Lint = Lint {
    rule: &RULE,
    check: Check::Document(check),
};

fn check(context: &DocumentContext, report: &mut Reporter) {
    let doc = context.doc;
    let line_count = doc.lines.line_count();
    // A page break (`^L` alone on its line) separates sections; it is no blank line.
    let is_blank = |line: usize| doc.is_blank_line(line) && !doc.is_page_break_line(line);
    // Asked once, of the few documents with runs of blank lines.
    let wrapped = std::cell::OnceCell::new();
    let has_wrapped_prose = || *wrapped.get_or_init(|| doc.has_wrapped_prose());
    let by_hand = std::cell::OnceCell::new();
    let laid_out_by_hand = || *by_hand.get_or_init(|| doc.is_laid_out_by_hand());
    let mut line = 0;
    while line < line_count {
        if !is_blank(line) {
            line += 1;
            continue;
        }
        let first = line;
        while line < line_count && is_blank(line) {
            line += 1;
        }
        let blanks = line - first;
        let (span, message) = if first == 0 {
            (
                Span::new(0, doc.lines.line_start(line)),
                format!("{} at the start of the file", count(blanks, "blank line")),
            )
        } else if line == line_count {
            (
                Span::new(doc.lines.line_start(first), doc.text.len()),
                format!("{} at the end of the file", count(blanks, "blank line")),
            )
        } else if blanks >= 2
            && doc.structure.role(first) != LineRole::Code
            && !is_heading(doc, line)
            && !heading_alone(doc, first - 1, &has_wrapped_prose)
        {
            (
                Span::new(doc.lines.line_start(first + 1), doc.lines.line_start(line)),
                format!("{blanks} blank lines in a row"),
            )
        } else {
            continue;
        };
        if span.is_empty() {
            continue;
        }
        let at_an_end = first == 0 || line == line_count;
        let label = if at_an_end {
            "delete these lines"
        } else {
            "one blank line is enough"
        };
        // Between the lines of a document laid out by hand (a manual, a NEWS file, a
        // book), the author may have set the blank lines on purpose, around an example
        // or between sections: their layout is theirs to change. Markdown shows any
        // number of blank lines as one.
        let edits = vec![Edit::delete(span)];
        let fix = if at_an_end || doc.structure.is_markdown() || !laid_out_by_hand() {
            Fix::safe(edits)
        } else {
            Fix::unsafe_(edits)
        };
        report
            .report(&RULE, span, message)
            .with_label(label)
            .with_help("separate paragraphs with one blank line")
            .with_fix(fix);
    }
}

/// A heading: in Markdown, as parsed; in plain text, a short line that does not end like
/// a sentence (`CHAPTER I`, `2. Definitions`) or is set in capitals (`CHAPTER II.`).
/// Blank lines around one mark a section, as books and licences lay them out on purpose.
fn is_heading(doc: &Document, line: usize) -> bool {
    if doc.structure.is_markdown() {
        return doc.structure.role(line) == LineRole::Heading;
    }
    let text = doc.line_text(line).trim();
    let in_capitals =
        text.chars().any(char::is_alphabetic) && !text.chars().any(char::is_lowercase);
    text.split_whitespace().count() <= MAX_HEADING_WORDS
        && (in_capitals || !text.ends_with(['.', '!', '?', ',', ';', ':', '。']))
}

/// A heading on a line of its own, a blank line (or the start) above it, in a document
/// whose prose is hard-wrapped: the title of a book's chapter (`THE ARRIVAL`). On a
/// scraped page, the line over a run of blank lines is a byline, a breadcrumb or a button
/// whose neighbour the scraper dropped.
fn heading_alone(doc: &Document, line: usize, has_wrapped_prose: &dyn Fn() -> bool) -> bool {
    is_heading(doc, line) && (line == 0 || doc.is_blank_line(line - 1)) && has_wrapped_prose()
}

/// A plain-text heading is at most this many words long.
const MAX_HEADING_WORDS: usize = 8;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_support::{fixed, flagged};

    #[test]
    fn a_page_break_is_no_blank_line() {
        let news = "* Release 2.1\n\n  Fixes.\n\n\u{c}\n* Release 2.0\n\n  Features.\n";
        assert!(flagged(&RULE, news).is_empty());
        // Blank lines beside it still count.
        assert_eq!(
            flagged(&RULE, "Fixes.\n\u{c}\n\n\nThe release adds features.\n").len(),
            1
        );
    }

    #[test]
    fn reports_runs_of_blank_lines() {
        assert_eq!(flagged(&RULE, "one\n\n\n\ntwo.\n"), ["\n\n"]);
        assert_eq!(fixed(&RULE, "one\n\n\n\ntwo.\n"), "one\n\ntwo.\n");
        assert_eq!(
            fixed(&RULE, "one\r\n  \r\n\r\ntwo.\r\n"),
            "one\r\n  \r\ntwo.\r\n"
        );
    }

    #[test]
    fn reports_blank_lines_at_both_ends() {
        assert_eq!(
            fixed(&RULE, "\n \nTitle\n\nBody.\n\n\n"),
            "Title\n\nBody.\n"
        );
        assert_eq!(fixed(&RULE, "Body.\n\n"), "Body.\n");
        assert_eq!(fixed(&RULE, "\n\n"), "");
    }

    #[test]
    fn leaves_single_separators_and_wrapped_lines_alone() {
        for text in [
            "",
            "one\n",
            "one\n\ntwo\n",
            "a wrapped\n  and indented\nparagraph\n\nnext\n",
            "no final newline",
            "The end of a chapter.\n\n\n\nCHAPTER II\n\nThe ferry left at six.\n",
        ] {
            assert!(flagged(&RULE, text).is_empty(), "{text:?}");
        }
    }

    #[test]
    fn blank_lines_set_by_hand_are_fixed_only_on_request() {
        use crate::diagnostic::edit::Applicability::{Safe, Unsafe};
        use crate::rules::test_support::{applicability, applicability_named};
        let wrapped = "The ferry left at six in the morning, and the crew\n\
                       said nothing until the harbour was out of sight.\n";
        // Two blank lines between the sections of a manual: the author's layout.
        let manual = format!("{wrapped}\n{wrapped}\n\n{wrapped}");
        assert_eq!(flagged(&RULE, &manual), ["\n"]);
        assert_eq!(applicability(&RULE, &manual), [Unsafe]);
        // A page of one paragraph per line: what a scraper left.
        let page = manual.replace("crew\nsaid", "crew said");
        assert_eq!(applicability(&RULE, &page), [Safe]);
        // Blank lines at the ends of a file are no one's layout.
        assert_eq!(
            applicability(&RULE, &format!("\n{manual}\n")),
            [Safe, Unsafe, Safe]
        );
        // Markdown shows the blank lines as one, whoever set them.
        assert_eq!(applicability_named(&RULE, "notes.md", &manual), [Safe]);
    }

    #[test]
    fn a_book_sets_blank_lines_around_its_chapter_titles() {
        let wrapped = "The ferry left at six in the morning, and the crew\n\
                       said nothing until the harbour was out of sight.\n";
        let book = format!("The end of a chapter.\n\n\nCHAPTER II.\n\nTHE STORM\n\n\n{wrapped}");
        assert!(flagged(&RULE, &book).is_empty());
        // On a page of one paragraph per line, a short line over blank lines is a byline,
        // a breadcrumb or a button, and the blank lines are what the scraper left.
        let page = "Home / World\n\nBy Ann Smith | 2013-07-12\n\n\nThe ferry left at six in the morning, and the crew said nothing.\n";
        assert_eq!(flagged(&RULE, page), ["\n"]);
        let unwrapped = book.replace("crew\nsaid", "crew said");
        assert_eq!(flagged(&RULE, &unwrapped), ["\n"]);
    }
}
