//! Comment sections: runs of comment headers (a name and when it was posted) and the
//! comments under them.

use super::reading::Unit;
use crate::document::Document;
use crate::rules::chrome::lines::has_year;
use crate::text::has_time_of_day;

/// A comment section has at least this many comment headers, each at most this many
/// paragraphs after the one before; a header has at most this many words.
const MIN_COMMENTS: usize = 3;
const MAX_COMMENT_UNITS: usize = 12;
const MAX_COMMENT_HEADER_WORDS: usize = 15;
/// A header may be laid out over a few short lines: `Reply`, the date, the time.
const MAX_COMMENT_HEADER_LINES: usize = 4;
/// ...each of at most this many words, list markers and numbers included (rows of a
/// table of timestamps are longer).
const MAX_HEADER_ITEM_TOKENS: usize = 5;

/// Runs of at least `MIN_COMMENTS` comment headers, each within `MAX_COMMENT_UNITS`
/// paragraphs of the one before, as (first unit, last unit, headers). A section ends the
/// typical length of a comment after its last header.
pub(super) fn comment_sections(document: &Document, units: &[Unit]) -> Vec<(usize, usize, usize)> {
    let headers = comment_headers(document, units);
    let mut sections = Vec::new();
    let mut start = 0;
    while start < headers.len() {
        let mut end = start + 1;
        while end < headers.len() && headers[end] - headers[end - 1] <= MAX_COMMENT_UNITS {
            end += 1;
        }
        let run = &headers[start..end];
        if run.len() >= MIN_COMMENTS {
            let mut gaps: Vec<usize> = run.windows(2).map(|w| w[1] - w[0]).collect();
            gaps.sort_unstable();
            let typical = gaps[gaps.len() / 2];
            let last = (run[run.len() - 1] + typical - 1).min(units.len() - 1);
            sections.push((run[0], last, run.len()));
        }
        start = end;
    }
    sections
}

/// The units that start a comment header: one line, or a few short lines together (a list
/// of `Reply`, the date, the time, as some sites lay them out).
fn comment_headers(document: &Document, units: &[Unit]) -> Vec<usize> {
    let mut headers = Vec::new();
    let mut i = 0;
    // Only whether a unit is short matters: long paragraphs are not counted to the end.
    let tokens = |u: &Unit| {
        document
            .slice(document.lines_span(u.first_line, u.last_line))
            .split_whitespace()
            .take(MAX_HEADER_ITEM_TOKENS + 1)
            .count()
    };
    while i < units.len() {
        let first_line = units[i].first_line;
        // Counted only when a second unit is asked: most paragraphs are too long alone.
        let mut first_short = None;
        let mut words = 0;
        let mut found = None;
        for (j, unit) in units[i..].iter().enumerate() {
            words += unit.words;
            let mut short = || {
                *first_short.get_or_insert_with(|| tokens(&units[i]) <= MAX_HEADER_ITEM_TOKENS)
                    && tokens(unit) <= MAX_HEADER_ITEM_TOKENS
            };
            if unit.last_line - first_line >= MAX_COMMENT_HEADER_LINES
                || words > MAX_COMMENT_HEADER_WORDS
                || (j > 0 && !short())
            {
                break;
            }
            if is_comment_header(document.slice(document.lines_span(first_line, unit.last_line))) {
                found = Some(i + j);
                break;
            }
        }
        match found {
            Some(last) => {
                headers.push(i);
                i = last + 1;
            }
            None => i += 1,
        }
    }
    headers
}

/// A comment's header: a name and when it was posted, with a time of day and a year
/// (`Ann · March 10, 2017 at 12:20 AM`, `#3 小鳳 於 2013/12/28 20:34`). A time alone
/// heads the entries of a live blog, which are the article.
fn is_comment_header(line: &str) -> bool {
    // A name has two letters or more; a table row of timestamps has none, or a flag.
    has_time_of_day(line)
        && has_year(line)
        && line.chars().filter(|c| c.is_alphabetic()).count() >= 2
}
