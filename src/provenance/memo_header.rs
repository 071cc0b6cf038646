//! The header in two columns that IETF RFCs and Internet-Drafts (and many technical
//! reports after them) open with: series, number and status on the left; authors, their
//! organisations and the date on the right; the title centred under it.
//!
//! ```text
//! Network Working Group                                          J. Postel
//! Request for Comments: 821                                            ISI
//!                                                              August 1982
//!
//!                        SIMPLE MAIL TRANSFER PROTOCOL
//! ```
//!
//! Read as a page, its first line is a "headline" and its authors lone names: the header
//! is read as the columns it is laid out in instead.

use super::candidates::{Found, FoundDate};
use super::names::reads_as_names;
use crate::data::metadata::MetadataData;
use crate::document::Document;
use crate::text::indent_width;
use crate::text::span::Span;

/// Spaces that part the two columns.
const COLUMN_GAP: &str = "   ";
/// The right column ends at this character or further: it is aligned on the right margin
/// of a page of 72 characters.
const MIN_RIGHT_END: usize = 60;
/// An entry of the right column (a name, an organisation, a date) is this short.
const MAX_RIGHT_CHARS: usize = 40;
/// A header has at least this many lines with a right column...
const MIN_COLUMN_LINES: usize = 2;
/// ...and starts among this many content lines at the top (a scraped copy may keep a
/// site's links above it).
const HEADER_WINDOW: usize = 12;
/// The title is centred: indented by at least this many spaces.
const MIN_TITLE_INDENT: usize = 4;
/// The title is set in at most this many lines.
const MAX_TITLE_LINES: usize = 3;

/// What a memo's header says.
#[derive(Debug, Default, PartialEq)]
pub struct MemoHeader {
    pub title: Option<Found>,
    /// The authors, in the order of the header.
    pub authors: Vec<Found>,
    pub date: Option<FoundDate>,
}

/// The right column of a line of the header, with its byte offset in the line.
fn right_column(text: &str) -> Option<(usize, &str)> {
    let text = text.trim_end();
    if text.chars().count() < MIN_RIGHT_END {
        return None;
    }
    let gap = text.rfind(COLUMN_GAP)?;
    let right = text[gap..].trim_start();
    let start = text.len() - right.len();
    (right.chars().count() <= MAX_RIGHT_CHARS).then_some((start, right))
}

/// A line of the left column alone (`Obsoletes: 5785`, `ISSN: 2070-1721`): not indented,
/// and short of the right margin.
fn left_only(text: &str) -> bool {
    !text.starts_with(char::is_whitespace) && text.trim_end().chars().count() < MIN_RIGHT_END
}

/// An author as a memo names one: initials and a surname (`J. Postel`, `T. Berners-Lee`,
/// `Michiel B. de Jong`). Without an initial, a name is not told from an organisation
/// (`Day Software`), and is not taken.
fn is_author(entry: &str) -> bool {
    let initial = entry.split_whitespace().any(|word| {
        let mut chars = word.chars();
        chars.next().is_some_and(char::is_uppercase) && chars.as_str() == "."
    });
    initial && reads_as_names(entry)
}

/// Reads the header of a memo at the top of `doc`, among its content `lines`.
pub fn read(doc: &Document, lines: &[(usize, Span)], data: &MetadataData) -> Option<MemoHeader> {
    let first = lines
        .iter()
        .take(HEADER_WINDOW)
        .position(|&(_, span)| right_column(doc.slice(span)).is_some())?;
    let mut header = MemoHeader::default();
    let mut columns = 0;
    let mut end = first;
    while end < lines.len() && (end == first || lines[end].0 == lines[end - 1].0 + 1) {
        let (line, span) = lines[end];
        let text = doc.slice(span);
        if let Some((at, entry)) = right_column(text) {
            columns += 1;
            let entry_span = Span::new(span.start + at, span.start + at + entry.len());
            if is_author(entry) {
                header.authors.push(Found {
                    value: entry.to_string(),
                    line,
                    span: entry_span,
                });
            } else if let Some(date) = data.find_dates(entry).into_iter().next()
                && date.value.is_some()
                && date.end - date.start == entry.len()
            {
                header.date = Some(FoundDate::read(&date, None, line, entry_span.start));
            }
        } else if !left_only(text) {
            break;
        }
        end += 1;
    }
    if columns < MIN_COLUMN_LINES || (header.authors.is_empty() && header.date.is_none()) {
        return None;
    }
    header.title = title_under(doc, &lines[end..]);
    Some(header)
}

/// The centred lines after the header, up to the first line that is not: the title, set
/// in one line or a few.
fn title_under(doc: &Document, lines: &[(usize, Span)]) -> Option<Found> {
    let centred = |span: Span| {
        let text = doc.slice(span);
        indent_width(text) >= MIN_TITLE_INDENT
    };
    let &(line, first) = lines.first().filter(|&&(_, span)| centred(span))?;
    let mut span = first;
    for (i, &(next, next_span)) in lines.iter().enumerate().skip(1).take(MAX_TITLE_LINES - 1) {
        if next != line + i || !centred(next_span) {
            break;
        }
        span = Span::new(span.start, next_span.end);
    }
    let value = doc
        .slice(span)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let start = span.start + indent_width(doc.slice(span));
    Some(Found {
        value,
        line,
        span: Span::new(start, span.end),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(text: &str) -> Option<MemoHeader> {
        let doc = Document::from_bytes("memo.txt".into(), text.as_bytes().to_vec());
        let lines = doc.content_lines(|_| false);
        read(&doc, &lines, MetadataData::for_tests())
    }

    const RFC: &str = "\
Network Working Group                                        T. Berners-Lee
Request for Comments: 3986                                       W3C/MIT
STD: 66                                                      R. Fielding
Updates: 1738                                               Day Software
Obsoletes: 2732, 2396, 1808                                  L. Masinter
Category: Standards Track                                  Adobe Systems
                                                            January 2005


              Uniform Resource Identifier (URI): Generic Syntax

Abstract

   A Uniform Resource Identifier (URI) is a compact sequence of
   characters that identifies an abstract or physical resource.
";

    #[test]
    fn authors_with_initials_and_the_centred_title() {
        let found = header(RFC).expect("a header");
        let authors: Vec<&str> = found.authors.iter().map(|a| a.value.as_str()).collect();
        assert_eq!(authors, ["T. Berners-Lee", "R. Fielding", "L. Masinter"]);
        assert_eq!(
            found.title.map(|t| t.value).as_deref(),
            Some("Uniform Resource Identifier (URI): Generic Syntax")
        );
    }

    #[test]
    fn a_draft_under_a_site_s_links_with_its_date() {
        let draft = "\
[Docs] [txt|pdf] [Tracker] [Email] [Diff1] [Diff2] [Nits]

Versions: 00 01 02 03 04

INTERNET DRAFT                                      Michiel B. de Jong
Document: draft-dejong-remotestorage-04                   IndieHosters
                                                             F. Kooman
Intended Status: Proposed Standard                       (independent)
Expires: 18 June 2015                                 15 December 2014

                            remoteStorage

Abstract
";
        let found = header(draft).expect("a header");
        assert_eq!(found.authors[0].value, "Michiel B. de Jong");
        assert_eq!(found.authors.len(), 2);
        assert_eq!(
            found
                .date
                .and_then(|d| d.date)
                .map(|d| d.to_string())
                .as_deref(),
            Some("2014-12-15")
        );
        assert_eq!(
            found.title.map(|t| t.value).as_deref(),
            Some("remoteStorage")
        );
    }

    #[test]
    fn columns_of_numbers_or_organisations_are_no_header() {
        let contents = "\
Contents

1. Introduction                                                        3
2. Terminology                                                         4
3. The protocol                                                        7
";
        assert_eq!(header(contents), None);
        let man = "\
LS(1)                         User Commands                        LS(1)

NAME
       ls - list directory contents
";
        assert_eq!(header(man), None);
    }
}
