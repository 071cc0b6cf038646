//! A table of contents heads a page's box of links, or a document's own outline.

use std::collections::HashSet;

use crate::data::phrases::strip_markers;
use crate::document::is_underline;
use crate::rules::chrome::evidence::Page;
use crate::rules::chrome::lines::Line;
use crate::text::word_count;

/// Whether line `i`, a table of contents' heading, heads the document's own outline: it
/// is underlined as a plain-text document's section heading, or its entries name sections
/// below.
pub(super) fn own_outline(page: &Page, i: usize) -> bool {
    underlined(page, &page.lines[i])
        || heads_outline(page, &page.lines[i])
        || over_toc_macro(page, &page.lines[i])
        || over_columns(page, &page.lines[i])
}

/// Whether the first line under `line` is a row of a listing in columns, a name and what
/// it is a tab or two spaces apart (`README<tab>This file.`): a plain-text document's list
/// of its files or parts. A page's table of contents lists titles.
fn over_columns(page: &Page, line: &Line) -> bool {
    text_under(page, line).is_some_and(|row| {
        let Some((name, what)) = row.split_once('\t').or_else(|| row.split_once("  ")) else {
            return false;
        };
        name.chars().any(char::is_alphabetic) && what.trim().chars().any(char::is_alphabetic)
    })
}

/// The macros with which Markdown dialects write a document's table of contents: GitLab,
/// Python-Markdown, VuePress and kramdown.
const TOC_MACROS: &[&str] = &["[[_toc_]]", "[toc]", "[[toc]]", "{:toc}", "* toc"];

/// Whether the next non-blank line under `line` is a table-of-contents macro
/// (`Table of contents:` over `[[_TOC_]]`): the document's outline, made when it is
/// rendered.
fn over_toc_macro(page: &Page, line: &Line) -> bool {
    text_under(page, line).is_some_and(|text| TOC_MACROS.contains(&text.to_lowercase().as_str()))
}

/// The text of the first non-blank line under a heading, trimmed.
fn text_under<'p>(page: &'p Page, line: &Line) -> Option<&'p str> {
    let document = page.document;
    first_under(page, line).map(|l| document.line_text(l).trim())
}

/// The first non-blank line under a heading, one blank line between at most.
fn first_under(page: &Page, line: &Line) -> Option<usize> {
    let document = page.document;
    let count = document.lines.line_count();
    (line.index + 1..count.min(line.index + 3)).find(|&l| !document.is_blank_line(l))
}

/// Whether the line under `line` underlines it (`Contents` over `--------`): a section
/// heading of a plain-text document.
fn underlined(page: &Page, line: &Line) -> bool {
    let document = page.document;
    let next = line.index + 1;
    if next >= document.lines.line_count() {
        return false;
    }
    is_underline(document.line_text(next))
}

/// Entries of an outline compared with the lines below it...
const OUTLINE_ENTRIES: usize = 3;
/// ...of which at least this many name a line of their own further down.
const MIN_OUTLINE_SECTIONS: usize = 2;

/// Whether `line` heads an outline of the document: the entries under it (`1. History`)
/// name lines of their own further down, its sections (`History`). A page's related links
/// name other pages.
fn heads_outline(page: &Page, line: &Line) -> bool {
    let document = page.document;
    let count = document.lines.line_count();
    let text_of = |l: usize| document.line_text(l);
    let Some(first) = first_under(page, line) else {
        return false;
    };
    // The entries, a blank line between groups of them (DocBook renders a chapter's
    // sections so), up to the text the outline heads.
    let mut entries: Vec<String> = Vec::new();
    let mut last = first;
    for l in first..count {
        if document.is_blank_line(l) {
            if l > last + 1 {
                break;
            }
            continue;
        }
        let text = text_of(l);
        // A line of a paragraph wrapped over several is a piece of a sentence, however
        // short: the text the outline heads.
        if entries.len() == OUTLINE_ENTRIES || reads_as_prose(text) || document.wraps_line(l) {
            break;
        }
        last = l;
        let entry = outline_entry(text);
        if !entry.is_empty() {
            entries.push(entry);
        }
    }
    // A chapter's outline may list a single section.
    let needed = MIN_OUTLINE_SECTIONS.min(entries.len()).max(1);
    let below: HashSet<String> = (last + 1..count)
        .map(|l| outline_entry(without_part_label(text_of(l).trim())))
        .collect();
    entries.iter().filter(|e| below.contains(*e)).count() >= needed
}

/// Whether a line is prose rather than an entry of an outline: a long line, or a
/// sentence.
fn reads_as_prose(text: &str) -> bool {
    let words = word_count(text);
    words > MAX_ENTRY_WORDS || (words >= MIN_SENTENCE_WORDS && text.trim_end().ends_with('.'))
}

/// An entry of an outline has at most this many words.
const MAX_ENTRY_WORDS: usize = 12;
/// A line of this many words or more that ends with a full stop is a sentence.
const MIN_SENTENCE_WORDS: usize = 6;

/// A section's heading without the label of its part: `Chapter 1. Overview` and
/// `Appendix A: Symbols`, as DocBook and LaTeX render them, head the sections their
/// outlines list as `1. Overview` and `A. Symbols`.
fn without_part_label(text: &str) -> &str {
    let Some((label, rest)) = text.split_once(char::is_whitespace) else {
        return text;
    };
    let Some((number, name)) = rest.split_once(['.', ':']) else {
        return text;
    };
    let is_label = (2..=12).contains(&label.chars().count())
        && label.starts_with(char::is_uppercase)
        && label.chars().all(char::is_alphabetic);
    let is_number = !number.is_empty()
        && number.len() <= 5
        && (number.chars().all(|c| c.is_ascii_digit())
            || number.chars().all(|c| matches!(c, 'I' | 'V' | 'X'))
            || (number.len() == 1 && number.chars().all(|c| c.is_ascii_uppercase())));
    if is_label && is_number && name.starts_with(char::is_whitespace) {
        name.trim_start()
    } else {
        text
    }
}

/// The name of a section in an outline or at its heading: list marker, numbering, dot
/// leaders and page number left out, in lower case (`2.1 Usage ....... 7` is `usage`).
fn outline_entry(text: &str) -> String {
    strip_markers(text)
        .trim_start_matches(|c: char| c.is_ascii_digit() || c == '.')
        .trim_end_matches(|c: char| c.is_ascii_digit() || matches!(c, '.' | '…' | ' '))
        .trim()
        .to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::without_part_label;

    #[test]
    fn part_labels_are_left_out_of_headings() {
        assert_eq!(without_part_label("Chapter 1. Overview"), "Overview");
        assert_eq!(without_part_label("Appendix A: Symbols"), "Symbols");
        assert_eq!(without_part_label("Part IV. Reference"), "Reference");
        assert_eq!(without_part_label("Kapitel 12. Einleitung"), "Einleitung");
        // DocBook's text renderings put no-break spaces there.
        assert_eq!(
            without_part_label("Chapter\u{a0}1.\u{a0}Overview"),
            "Overview"
        );
        // A sentence, a version and a heading without a part's number keep their words.
        assert_eq!(
            without_part_label("Version 2.0 released"),
            "Version 2.0 released"
        );
        assert_eq!(without_part_label("see 3. below"), "see 3. below");
        assert_eq!(without_part_label("Overview"), "Overview");
        assert_eq!(without_part_label("Step one. Open it"), "Step one. Open it");
    }
}
