//! L002 `unseparated-paragraphs`: a file written one paragraph per line, with no blank
//! line between paragraphs.

use std::ops::Range;

use crate::diagnostic::edit::{Edit, Fix};
use crate::diagnostic::{Family, Severity};
use crate::diagnostic::{FixAvailability, Rule, Words};
use crate::document::Document;
use crate::document::paragraphs::starts_with_list_marker;
use crate::rules::check::{Check, Lint, Reporter};
use crate::rules::document_context::DocumentContext;
use crate::text::more_runs_than;
use crate::text::span::Span;
use crate::text::width::width_up_to;

pub const RULE: Rule = Rule {
    code: "L002",
    name: "unseparated-paragraphs",
    family: Family::Layout,
    severity: Severity::Warning,
    fix: FixAvailability::Safe,
    opt_in: false,
    summary: "Paragraphs of prose one per line, with no blank line between them",
    docs: r#"## What it does
Reports lines of a plain-text file that are paragraphs of their own but have no blank
line between them, in a file laid out one paragraph per line, as many scrapers write
pages: most of its lines are whole paragraphs of prose (wider than any hard-wrapped text,
ending like a sentence), so each line break is a paragraph break. Such files come with no
blank lines at all, or with blank lines between most paragraphs and a title and its
byline on consecutive lines. A page whose menus and footer outnumber its paragraphs is
laid out so too when its body is: a run of lines with no blank line between them, most
of them whole paragraphs of prose, is reported wherever it stands.

Files that are not laid out that way are left alone: Markdown, files with a hard-wrapped
paragraph or an indented line, and files where whole paragraphs of prose are the majority
neither of the lines nor of any run of lines (lists, tables, code, stanzas of fields).
Front matter is not counted. Lines with list markers are never separated, nor a run of
lines most of which are labels of a few words that end no sentence (a menu, a footer's
links, the lines of a poem or of a recipe's list), however much prose is around it.

## Why it matters
Tools that split paragraphs on blank lines (Markdown renderers, most corpus loaders,
`fold`, `fmt`) read such a file as one enormous paragraph.

## Example
A page saved as a title line, a date line and ten lines of 300 characters each; or the
same ten lines between forty lines of menu above them and a footer below.

## Fix
Safe: insert a blank line between consecutive lines that are not list items.

## Configuration
None. Silence with `--ignore L002`.
"#,
};

/// The rule with its check, as the registry lists it.
pub const LINT: Lint = Lint {
    rule: &RULE,
    check: Check::Document(check),
};

/// A line wider than this is no hard-wrapped line: a whole paragraph.
const PARAGRAPH_WIDTH: usize = 100;

fn check(context: &DocumentContext, report: &mut Reporter) {
    let doc = context.doc;
    if doc.structure.is_markdown() {
        return;
    }
    let Some(layout) = Layout::of(doc) else {
        return;
    };
    let lines = &layout.lines;
    for (range, counted) in layout.blocks {
        // A menu or a list of labels in a page of paragraphs is no run of paragraphs: its
        // entries are one per line by design, and so are a poem's lines or a recipe's.
        if counted.is_list_of_labels() || !(layout.whole.mostly_prose() || counted.mostly_prose()) {
            continue;
        }
        let first = range.start;
        let block = &lines[range];
        let mut edits = Vec::new();
        for (i, pair) in block.windows(2).enumerate() {
            let (this, next) = (doc.slice(pair[0]), doc.slice(pair[1]));
            if starts_with_list_marker(this) || starts_with_list_marker(next) {
                continue;
            }
            let next_start = doc.lines.line_start(first + i + 1);
            // The file's line break: a literal, not a copy in each edit.
            let terminator: Words = match &doc.text[pair[0].end..next_start] {
                "\n" => "\n".into(),
                "\r\n" => "\r\n".into(),
                other => other.to_string().into(),
            };
            edits.push(Edit::insert(next_start, terminator));
        }
        if edits.is_empty() {
            continue;
        }
        let span = Span::new(block[0].start, block[block.len() - 1].end);
        report
            .report(
                &RULE,
                span,
                format!(
                    "{} paragraphs on consecutive lines, with no blank line between them",
                    edits.len() + 1
                ),
            )
            .with_label("one paragraph per line")
            .with_help("separate paragraphs with a blank line")
            .with_fix(Fix::safe(edits));
    }
}

/// The lines of a document, or of one block of it, that are not list items: whole
/// paragraphs of prose, and the others, of which labels (a menu entry, `Terms of use`).
#[derive(Debug, Default, Clone, Copy)]
struct Counted {
    prose: usize,
    others: usize,
    labels: usize,
}

/// A label has at most this many words, and is no wider than this...
const MAX_LABEL_WORDS: usize = 4;
const MAX_LABEL_WIDTH: usize = 40;
/// ...and a block with this many of them, the most of its lines, is a list of labels.
const MIN_LABELS: usize = 3;

impl Counted {
    fn add(&mut self, text: &str) {
        if starts_with_list_marker(text) {
            return;
        }
        if ends_sentence(text) && wider_than(text, PARAGRAPH_WIDTH) {
            self.prose += 1;
        } else {
            self.others += 1;
            if is_label(text) {
                self.labels += 1;
            }
        }
    }

    /// Whether most of these lines are whole paragraphs of prose.
    fn mostly_prose(self) -> bool {
        self.prose >= 2 && self.prose >= self.others
    }

    /// Whether most of these lines are labels, three at least: a menu, a footer's links.
    fn is_list_of_labels(self) -> bool {
        self.labels >= MIN_LABELS && 2 * self.labels > self.prose + self.others
    }
}

/// A few words that end no sentence: a menu entry, a heading, a caption's credit.
fn is_label(text: &str) -> bool {
    !ends_sentence(text)
        && !wider_than(text, MAX_LABEL_WIDTH)
        && !more_runs_than(text, MAX_LABEL_WORDS)
}

/// A document whose line breaks may be paragraph breaks: the spans of its lines, its
/// blocks (runs of non-blank lines, by line numbers), each with its lines counted, and the
/// lines of the whole.
struct Layout {
    lines: Vec<Span>,
    blocks: Vec<(Range<usize>, Counted)>,
    whole: Counted,
}

impl Layout {
    /// `None` when a paragraph spans lines (the text is hard-wrapped) or a line is
    /// indented (laid out by hand): there, a line break is no paragraph break. Front
    /// matter is no part of the text.
    fn of(doc: &Document) -> Option<Self> {
        let skip = doc.structure.front_matter_lines();
        if doc
            .paragraphs
            .iter()
            .any(|p| p.first_line() >= skip && p.first_line() != p.last_line())
        {
            return None;
        }
        let lines: Vec<Span> = doc.line_spans().collect();
        let mut blocks = Vec::new();
        let mut whole = Counted::default();
        let mut open: Option<(usize, Counted)> = None;
        for (line, &span) in lines.iter().enumerate().skip(skip) {
            let text = doc.slice(span);
            if text.trim().is_empty() {
                if let Some((first, counted)) = open.take() {
                    blocks.push((first..line, counted));
                }
                continue;
            }
            if text.starts_with(char::is_whitespace) {
                return None;
            }
            open.get_or_insert((line, Counted::default())).1.add(text);
            whole.add(text);
        }
        if let Some((first, counted)) = open {
            blocks.push((first..lines.len(), counted));
        }
        Some(Self {
            lines,
            blocks,
            whole,
        })
    }
}

/// Whether `text` is wider than `limit` columns: a shorter text is not, as no character
/// is wider than its bytes are many.
fn wider_than(text: &str, limit: usize) -> bool {
    text.len() > limit && width_up_to(text, limit) > limit
}

fn ends_sentence(line: &str) -> bool {
    line.trim_end().ends_with([
        '.', '!', '?', '"', '”', '’', '»', ')', '。', '！', '？', '」', '』', '）',
    ])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_support::{fixed, flagged};

    fn paragraph(words: &str) -> String {
        format!("{} ends here.", [words; 25].join(" "))
    }

    #[test]
    fn separates_one_paragraph_per_line() {
        let text = format!(
            "A title\n{}\n{}\n{}",
            paragraph("first"),
            paragraph("second"),
            paragraph("third")
        );
        assert_eq!(flagged(&RULE, &text).len(), 1);
        assert_eq!(
            fixed(&RULE, &text),
            format!(
                "A title\n\n{}\n\n{}\n\n{}",
                paragraph("first"),
                paragraph("second"),
                paragraph("third")
            )
        );
        let crlf = text.replace('\n', "\r\n");
        assert_eq!(fixed(&RULE, &crlf).matches("\r\n\r\n").count(), 3);
    }

    #[test]
    fn separates_a_title_from_its_byline_between_blank_separated_paragraphs() {
        let text = format!(
            "A title\nBy Jane Doe\n\n{}\n\n{}\n",
            paragraph("first"),
            paragraph("second")
        );
        assert_eq!(flagged(&RULE, &text), ["A title\nBy Jane Doe"]);
        assert!(fixed(&RULE, &text).starts_with("A title\n\nBy Jane Doe\n\n"));
        let stanzas =
            "Files: *\nCopyright: 2020 Jane Doe\nLicense: MIT\n\nFiles: a/*\nLicense: MIT\n";
        assert!(flagged(&RULE, stanzas).is_empty());
    }

    #[test]
    fn separates_a_body_laid_out_one_paragraph_per_line_between_menus_and_footer() {
        let menu = "Home\nWorld\nBusiness\nSport\nCulture\nWeather";
        let footer = "About us\nContact\nPrivacy\nTerms of use\nCookie settings";
        let body = [paragraph("first"), paragraph("second"), paragraph("third")].join("\n");
        let text = format!("{menu}\n\nA title\n\n{body}\n\n{footer}\n");
        assert_eq!(flagged(&RULE, &text), [body.as_str()]);
        assert_eq!(
            fixed(&RULE, &text),
            text.replace(&body, &body.replace('\n', "\n\n"))
        );
        // A block of menu entries stays as it is, and so does a lone paragraph among them.
        let lone = format!("{menu}\n\n{}\n\n{footer}\n", paragraph("only"));
        assert!(flagged(&RULE, &lone).is_empty());
    }

    #[test]
    fn a_menu_among_paragraphs_one_per_line_stays_as_it_is() {
        // Prose is the most of the page's lines: each run of lines is asked.
        let body: Vec<String> = (0..12).map(|n| paragraph(&format!("word{n}"))).collect();
        let menu = "Home\nWorld\nBusiness\nSport";
        let footer =
            "Corrections\nCareers\nPrivacy policy\nTerms of use\n© 2024 The Daily Example.";
        let text = format!("{menu}\n\nA title\n{}\n\n{footer}\n", body.join("\n"));
        let title_and_body = format!("A title\n{}", body.join("\n"));
        assert_eq!(flagged(&RULE, &text), [title_and_body.as_str()]);
        // Two labels beside a title and a date are a headline's block, separated.
        let head = "A title of several words here\nPublished: 3 May 2024\nPhoto: Agency";
        let text = format!("{head}\n\n{}\n", body.join("\n\n"));
        assert_eq!(flagged(&RULE, &text), [head]);
    }

    #[test]
    fn front_matter_is_no_part_of_the_layout() {
        let body = [paragraph("first"), paragraph("second")].join("\n");
        let text = format!("---\ntitle: A title\nauthor: Jane Doe\n---\n\n{body}\n");
        assert_eq!(flagged(&RULE, &text), [body.as_str()]);
    }

    #[test]
    fn list_items_stay_together() {
        let text = format!(
            "- Home\n- World\n{}\n{}\n",
            paragraph("first"),
            paragraph("second")
        );
        assert_eq!(
            fixed(&RULE, &text),
            format!(
                "- Home\n- World\n{}\n\n{}\n",
                paragraph("first"),
                paragraph("second")
            )
        );
    }

    #[test]
    fn leaves_other_layouts_alone() {
        let wrapped = "It was the best of times, it was the worst of times, it was the age\n\
                       of wisdom, it was the age of foolishness, it was the epoch of belief.\n";
        let indented = format!(
            "{}\n  {}\n{}\n",
            paragraph("alpha"),
            paragraph("beta"),
            paragraph("gamma")
        );
        let words = "apple\nbanana\ncherry\n";
        let table = format!("{}\n{}\n", "a,b,c,".repeat(30), "d,e,f,".repeat(30));
        for text in [wrapped, &indented, words, &table] {
            assert!(flagged(&RULE, text).is_empty(), "{text:?}");
        }
    }
}
