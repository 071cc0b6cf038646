//! The title a document's text gives: a Markdown heading, an HTML page's `<title>`, or
//! the headline among the first content lines.

use super::reads_as_headline;
use crate::data::metadata::MetadataData;
use crate::document::Document;
use crate::document::markdown;
use crate::document::structure::LineRole;
use crate::provenance::byline;
use crate::provenance::candidates::Found;
use crate::provenance::name_lines::name_on_line;
use crate::text::line_index::floor_char_boundary;
use crate::text::span::Span;
use crate::text::{split_at_colon, word_count};

/// A body line: a sentence of at least this many words.
const MIN_BODY_WORDS: usize = 15;
/// A line of at most this many words standing apart over a longer headline is a label.
const MAX_HEADLINE_LABEL_WORDS: usize = 3;
/// The title is among this many content lines at the top.
const TITLE_WINDOW: usize = 4;

/// The top of a document, where its headline is looked for.
pub(super) struct Top<'a> {
    pub doc: &'a Document,
    /// Content lines, chrome left out: (0-based line, span).
    pub lines: &'a [(usize, Span)],
    /// Content lines, chrome kept.
    pub all_lines: &'a [(usize, Span)],
    /// Whether the document is a page: some of its lines are chrome.
    pub page: bool,
    /// The site's name, which heads its pages (`Jane Doe`, then the menu): not the title.
    pub site: Option<&'a str>,
    /// Lines with a byline label alone (`Von`), over the name.
    pub lone_labels: &'a [usize],
    /// Whether a line holds byline fields.
    pub is_byline: &'a dyn Fn(usize) -> bool,
    pub data: &'a MetadataData,
}

/// The headline: one of the first content lines, before any body line, that reads as a
/// headline. Lines of one word (`Startseite`, `Sport`: a menu the chrome rules left) do
/// not count towards the window.
pub(super) fn headline(top: &Top) -> Option<Found> {
    let &Top {
        doc,
        lines,
        all_lines,
        page,
        site,
        lone_labels,
        is_byline,
        data,
    } = top;
    let mut seen = 0;
    // On a page (some of its lines chrome), a headline stands apart, between blank lines;
    // a line that reads as one in a block of short lines (`US & Canada is sponsored by`,
    // `Skip to content`) is the site's. A plain document may set its title over a line
    // that belongs to it (`Apache License` over `Version 2.0, January 2004`).
    let mut first_headline = None;
    // A short line standing apart over the headline (`Supported by`, `653,817 VIEWS`, a
    // blog's name) is a label: the longer headline right under it, or under the date
    // under it, is the title.
    let mut short_label: Option<(Found, usize)> = None;
    let mut date_under_label = false;
    for &(line, span) in lines {
        if let Some((label, label_words)) = short_label.take() {
            // The site's menu may stand between its name and the headline.
            if is_menu_item(doc.slice(span)) || (is_byline(line) && !date_under_label) {
                date_under_label |= is_byline(line);
                short_label = Some((label, label_words));
                continue;
            }
            let text = doc.slice(span).trim();
            let words = word_count(text);
            let headline = words > label_words
                && !is_byline(line)
                && reads_as_headline(text, words)
                && !doc.wraps_line(line)
                && stands_apart(doc, line, is_byline, data);
            return Some(if headline {
                Found {
                    value: text.to_string(),
                    line,
                    span,
                }
            } else {
                label
            });
        }
        if seen == TITLE_WINDOW {
            break;
        }
        // The label may be chrome to the chrome rules, which skip it.
        let under_label = all_lines
            .partition_point(|&(l, _)| l < line)
            .checked_sub(1)
            .is_some_and(|i| lone_labels.contains(&all_lines[i].0));
        let text = doc.slice(span).trim();
        let words = word_count(text);
        let menu_item = is_menu_item(text);
        // `Lesezeit: 3 min`, `Reading time: 5 minutes`: a field whose value is an age,
        // which does not count towards the window either.
        let timed_field = split_at_colon(text).is_some_and(|(label, value)| {
            word_count(label) <= 2 && byline::is_timestamp(value, data)
        });
        seen += usize::from(!menu_item && !timed_field);
        if words >= MIN_BODY_WORDS && text.ends_with(['.', '。']) {
            break;
        }
        if is_byline(line)
            || under_label
            || timed_field
            || is_breadcrumb(text)
            || site.is_some_and(|name| text.eq_ignore_ascii_case(name))
        {
            continue;
        }
        // A line of a paragraph wrapped over several is a piece of a sentence.
        if reads_as_headline(text, words) && !doc.wraps_line(line) {
            let found = Found {
                value: text.to_string(),
                line,
                span,
            };
            if !page {
                return Some(found);
            }
            if stands_apart(doc, line, is_byline, data) {
                if words <= MAX_HEADLINE_LABEL_WORDS {
                    short_label = Some((found, words));
                    continue;
                }
                return Some(found);
            }
            first_headline.get_or_insert(found);
        }
    }
    short_label.map(|(label, _)| label).or(first_headline)
}

/// Whether `text` is one capitalised word, a list marker before it or not: an entry of a
/// menu the chrome rules left (`Startseite`, `* Sport`).
fn is_menu_item(text: &str) -> bool {
    let entry = text
        .trim()
        .trim_start_matches(['*', '-', '•', '·'])
        .trim_start();
    word_count(entry) == 1
        && entry.starts_with(char::is_uppercase)
        && entry.chars().all(char::is_alphabetic)
}

/// Whether the 0-based `line` stands apart as a headline does: a blank line, the start or
/// a breadcrumb (`Home >> News >> Article`) before it; a blank line, the end, a Setext
/// underline or the byline (`By Jane Doe`, `Herman Melville`) after it.
fn stands_apart(
    doc: &Document,
    line: usize,
    is_byline: &dyn Fn(usize) -> bool,
    data: &MetadataData,
) -> bool {
    let before =
        line == 0 || doc.is_blank_line(line - 1) || is_breadcrumb(doc.line_text(line - 1).trim());
    let next = line + 1;
    let after = next >= doc.line_count()
        || doc.is_blank_line(next)
        || doc.structure.role(line) == LineRole::Heading
        || is_byline(next)
        || name_on_line(doc.line_text(next), data).is_some();
    before && after
}

/// The text of the `<title>` element of an HTML page kept with its markup, its character
/// references decoded and its spaces collapsed.
pub(super) fn html_title(doc: &Document) -> Option<Found> {
    let text = doc.text.as_str();
    let head = &text[..floor_char_boundary(text, text.len().min(MAX_HTML_HEAD_BYTES))];
    let lower = head.to_ascii_lowercase();
    let open = lower.find("<title")?;
    let start = open + lower[open..].find('>')? + 1;
    let end = start + lower[start..].find("</title")?;
    let decoded = html_escape::decode_html_entities(&text[start..end]);
    let value = decoded.split_whitespace().collect::<Vec<_>>().join(" ");
    if value.is_empty() {
        return None;
    }
    Some(Found {
        value,
        line: doc.lines.line_of(start),
        span: Span::new(start, end),
    })
}

/// A page's `<title>` stands in its head, within this many bytes of its start.
const MAX_HTML_HEAD_BYTES: usize = 16 * 1024;

/// The title of a Markdown document that opens with a heading: `# Node.js`, or `Node.js`
/// over its `=======` underline.
pub(super) fn heading_title(doc: &Document, lines: &[(usize, Span)]) -> Option<Found> {
    let &(line, span) = lines.first()?;
    if !doc.structure.is_markdown() || doc.structure.role(line) != LineRole::Heading {
        return None;
    }
    let text = doc.slice(span);
    let title = text.trim().trim_matches('#').trim();
    let value = markdown::inline_text(title);
    if value.is_empty() || value.chars().all(|c| matches!(c, '=' | '-')) {
        return None;
    }
    let start = span.start + (title.as_ptr() as usize - text.as_ptr() as usize);
    Some(Found {
        value,
        line,
        span: Span::new(start, start + title.len()),
    })
}

/// Whether `text` is a breadcrumb, the path of sections down to the page: `Forum > Haus
/// und Garten > Rasen`, `Home › News › Local`. It names sections, not the article.
pub(super) fn is_breadcrumb(text: &str) -> bool {
    [" > ", " › ", " » ", " >> "].iter().any(|mark| {
        let pieces: Vec<&str> = text.split(mark).collect();
        pieces.len() >= 2
            && pieces
                .iter()
                .all(|piece| (1..=4).contains(&word_count(piece)) && !piece.trim().ends_with('.'))
    })
}
