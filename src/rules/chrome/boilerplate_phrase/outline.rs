//! A table of contents heads a page's box of links, or a document's own outline.

use std::collections::HashSet;

use crate::data::phrases::strip_markers;
use crate::document::is_underline;
use crate::rules::chrome::evidence::Page;
use crate::rules::chrome::lines::Line;

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
    first_under(page, line).map(|l| document.slice(document.lines_span(l, l)).trim())
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
    is_underline(document.slice(document.lines_span(next, next)))
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
    let text_of = |l: usize| document.slice(document.lines_span(l, l));
    let Some(first) = first_under(page, line) else {
        return false;
    };
    let entries: Vec<String> = (first..count)
        .take_while(|&l| !document.is_blank_line(l))
        .take(OUTLINE_ENTRIES)
        .map(|l| outline_entry(text_of(l)))
        .filter(|e| !e.is_empty())
        .collect();
    if entries.len() < MIN_OUTLINE_SECTIONS {
        return false;
    }
    let below: HashSet<String> = (first + entries.len()..count)
        .map(|l| outline_entry(text_of(l)))
        .collect();
    entries.iter().filter(|e| below.contains(*e)).count() >= MIN_OUTLINE_SECTIONS
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
