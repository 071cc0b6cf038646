//! Authors named away from the bylines: in an author box after the article (`About the
//! author`, then `Jane Doe is a reporter …`), in a signature under its last paragraph, or
//! as the owner of a personal site, whose name heads the page and ends it in the copyright
//! line. Where these stand tells nothing: their words do.

use std::collections::HashSet;

use super::names::{leading_person, list_people, mixes_capitals, names_end, reads_as_names};
use crate::data::metadata::{Label, MetadataData};
use crate::document::Document;
use crate::text::span::Span;
use crate::text::word_count;

/// The evidence of an author named by an author box.
pub const AUTHOR_BOX: &str = "author box";
/// The evidence of an author who owns the site.
pub const SITE_OWNER: &str = "site owner";
/// The evidence of an author who signs the text.
pub const SIGNATURE: &str = "signature";
/// A line of prose has at least this many words.
const MIN_PROSE_WORDS: usize = 15;
/// An author box names its author within this many content lines under its heading.
const AUTHOR_BOX_LINES: usize = 3;
/// A site's name stands among this many content lines at the top.
const SITE_HEAD_LINES: usize = 3;

/// Where a name stands: the index of its line among the content lines, its 0-based line
/// and its span.
pub type NamePlace = (usize, usize, Span);

/// Where the author an author box names stands among the content `lines`:
/// under a heading of `author_box` in `rules/metadata.toml`, a sentence that opens with
/// the name, or the name alone on its line. The first box counts.
pub fn author_box(
    doc: &Document,
    lines: &[(usize, Span)],
    data: &MetadataData,
) -> Option<NamePlace> {
    let heading = lines
        .iter()
        .position(|&(_, span)| data.is_author_box_heading(doc.slice(span)))?;
    lines
        .iter()
        .enumerate()
        .skip(heading + 1)
        .take(AUTHOR_BOX_LINES)
        .find_map(|(index, &(line, span))| {
            let text = doc.slice(span);
            // `Follow Author`, `Autor folgen`: a button, not a name.
            let name = leading_person(text).filter(|name| {
                !name.split_whitespace().any(|word| {
                    let word = word.to_lowercase();
                    data.labels
                        .iter()
                        .any(|(label, kind)| *kind == Label::Author && *label == word)
                })
            })?;
            let start = span.start + (name.as_ptr() as usize - text.as_ptr() as usize);
            Some((index, line, Span::new(start, start + name.len())))
        })
}

/// The owner of a personal site, who writes its pages: the person a copyright line names
/// (`© Haki Benita 2016-2020`, `Copyright © 2021 Jane Doe. All rights reserved.`) when the
/// same name heads the page, as a blog's name. The last copyright line counts.
pub fn site_owner(doc: &Document, lines: &[(usize, Span)]) -> Option<NamePlace> {
    let (index, line, span, text) =
        lines.iter().enumerate().rev().find_map(|(i, &(l, span))| {
            let text = doc
                .slice(span)
                .trim_start_matches(['*', '-', '•', '|', ' ']);
            let lower = text.get(..9).unwrap_or(text).to_lowercase();
            (lower.starts_with('©') || lower.starts_with("copyright") || lower.starts_with("(c)"))
                .then_some((i, l, span, text))
        })?;
    // The holder follows the sign, the word and the years.
    let holder = text.split_whitespace().find(|word| {
        let lower = word.to_lowercase();
        !(matches!(lower.as_str(), "©" | "(c)" | "copyright" | "by" | "-" | "–")
            || word
                .chars()
                .all(|c| c.is_ascii_digit() || matches!(c, '-' | '–' | ',' | '©')))
    })?;
    let from = holder.as_ptr() as usize - text.as_ptr() as usize;
    let name = names_end(&text[from..], &|_| false)
        .map(|end| &text[from..from + end])
        .filter(|name| name.contains(' ') && list_people(name) == *name)?;
    let heads = lines
        .iter()
        .take(SITE_HEAD_LINES)
        .any(|&(_, span)| doc.slice(span).trim().eq_ignore_ascii_case(name));
    let start = span.start + (text.as_ptr() as usize - doc.slice(span).as_ptr() as usize) + from;
    heads.then(|| (index, line, Span::new(start, start + name.len())))
}

/// The name that signs the text: alone on the line under its last paragraph of prose
/// (`Marco Rossi`, `— Anna Schmidt`), as letters, columns and many local papers sign, with
/// nothing but site chrome after it: a heading (`Release Information`) has a section
/// after it.
pub fn signature(
    doc: &Document,
    lines: &[(usize, Span)],
    chrome: &HashSet<usize>,
) -> Option<NamePlace> {
    let last_prose = lines.iter().rposition(|&(_, span)| {
        let text = doc.slice(span).trim();
        word_count(text) >= MIN_PROSE_WORDS
            && text.ends_with(['.', '!', '?', '。', '"', '”', '»', '“'])
    })?;
    let index = last_prose + 1;
    let &(line, span) = lines.get(index)?;
    if lines[index + 1..].iter().any(|(l, _)| !chrome.contains(l)) {
        return None;
    }
    let text = doc.slice(span);
    let name = text.trim().trim_start_matches(['—', '–', '-', ' ']);
    let plain = name.split_whitespace().count() >= 2
        && reads_as_names(name)
        && list_people(name) == name
        && !mixes_capitals(name);
    let start = span.start + (name.as_ptr() as usize - text.as_ptr() as usize);
    plain.then(|| (index, line, Span::new(start, start + name.len())))
}
