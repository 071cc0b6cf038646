//! What the text itself says about its provenance: the title (the first content line that
//! reads as a headline) and the bylines (author, date, source), outside site chrome.

use rustc_hash::FxHashSet;

use super::author_notes;
use super::byline::{self, Byline};
use super::candidates::{self, PageLayout};
use super::memo_header;
use super::names;
use crate::data::metadata::{Label, MetadataData};
use crate::document::Document;
use crate::document::paragraphs::starts_with_list_marker;
use crate::document::structure::LineRole;
use crate::text::code::is_fence;
use crate::text::memo::LineMemo;
use crate::text::span::Span;
use crate::text::{has_address, has_time_of_day, indent_width, is_cjk, is_field_line, word_count};

/// A date with its weekday, time and zone has at most this many words.
const MAX_TIMED_DATE_WORDS: usize = 7;
/// A headline has at most this many words.
const MAX_TITLE_WORDS: usize = 25;
/// A dateline opens one of this many content lines at the top.
const DATELINE_WINDOW: usize = 8;
/// A dateline's place (`LONDON`, `SAN JOSE, Calif.`) and the space before its bracket take
/// at most this many characters; `rules/metadata.toml` says so beside the pattern.
const MAX_DATELINE_PLACE_CHARS: usize = 54;
/// The sentence after a dateline has at least this many words on its line.
const MIN_DATELINE_SENTENCE_WORDS: usize = 5;

pub use super::candidates::{Confidence, Evidence, Found, FoundDate};

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Inferred {
    pub title: Option<Found>,
    pub author: Option<Found>,
    pub author_evidence: Evidence,
    pub source: Option<Found>,
    /// The dates of the bylines that tell the document's provenance, in order.
    pub dates: Vec<FoundDate>,
    /// The publication date, chosen among them, and the evidence for it.
    pub date: Option<FoundDate>,
    pub date_evidence: Evidence,
    /// Labels with nothing after them: (label, 0-based line, span of the line).
    pub empty: Vec<(Label, usize, Span)>,
    /// 0-based line of the first byline, where missing fields are looked for.
    pub first_byline: Option<usize>,
    /// The source named in a dateline (`LONDON (Reuters) — `), used when no byline names one.
    pub dateline_source: Option<Found>,
}

impl Inferred {
    /// The publication date: the best-placed date labelled as such or unlabelled, else a
    /// revision date.
    pub fn publication_date(&self) -> Option<&FoundDate> {
        self.date.as_ref().filter(|d| d.date.is_some())
    }
}

/// Reads the provenance a document's text gives: the title and source outside the lines in
/// `skip` (site chrome, front matter), the author and date outside `front` (front matter):
/// chrome finders take bylines for chrome, and where a candidate stands decides instead.
/// `layout` tells, when asked, where the article and its comments are.
pub fn infer(
    doc: &Document,
    skip: &FxHashSet<usize>,
    front: &FxHashSet<usize>,
    data: &MetadataData,
    layout: &dyn Fn() -> PageLayout,
    known: &LineMemo<Option<Byline>>,
) -> Inferred {
    let mut inferred = Inferred::default();
    let lines = doc.content_lines(|i| skip.contains(&i));
    let all_lines = doc.content_lines(|i| front.contains(&i));
    let mut bylines: Vec<(usize, Span, Byline)> = Vec::new();
    for &(line, span) in &all_lines {
        // `by Cygnus Solutions.  The simulator supports...` goes on with a sentence begun
        // on the line before, and `- a "0" will be treated as a date of Jan 1, 1970` with
        // its sentence on the next: a byline is no line inside a wrapped paragraph.
        // A Markdown heading heads a section (`## [2.3.3] - 2021-09-12` in a changelog).
        if continues_paragraph(doc, line)
            || sentence_goes_on(doc, line)
            || doc.structure.role(line) == LineRole::Heading
        {
            continue;
        }
        let text = doc.slice(span);
        let offset = marker_len(text, data);
        let rest = &text[offset..];
        if let Some(mut b) = known.get_or_compute(rest, || byline::parse(rest, data)) {
            b.shift(offset);
            // A date written as code (`0000-10-01` between backticks) is an example's.
            let dated = b.dates.len();
            b.dates.retain(|(d, _)| {
                !doc.structure
                    .is_code(Span::new(span.start + d.start, span.start + d.end))
            });
            if b.dates.len() < dated && b.dates.is_empty() && b.fields.is_empty() {
                continue;
            }
            bylines.push((line, span, b));
        }
    }
    // A headline may hold a date (`The Licence, Version 2, 3 June 2015`): only lines with
    // byline fields are not titles.
    let is_byline = |line: usize| {
        bylines.iter().any(|(l, span, b)| {
            let text = doc.slice(*span).trim();
            // `Sun, 13 Oct 2002 15:01:50 -0400`: a line that is mostly a date; `Sunday, Feb
            // 1, 2015 11:57 AM UTC`: a date with its weekday and time.
            let dated: usize = b.dates.iter().map(|(d, _)| d.text.len()).sum();
            *l == line
                && (!b.fields.is_empty()
                    || (!b.dates.is_empty() && word_count(text) <= 4)
                    || dated * 2 >= text.len()
                    || (!b.dates.is_empty()
                        && word_count(text) <= MAX_TIMED_DATE_WORDS
                        && has_time_of_day(text)))
        })
    };
    // A document that opens with two `Field: value` lines (a Debian copyright file, mail
    // headers) is a record, with no headline. A headline with a colon (`Radwege: Stadt legt
    // Plan vor`) stands apart, a blank line under it.
    let record = lines.len() >= 2
        && (lines[1].0 == lines[0].0 + 1 || {
            let first = doc.slice(lines[0].1).trim();
            !reads_as_headline(first, word_count(first))
        })
        && lines[..2]
            .iter()
            .all(|&(_, span)| is_field_line(doc.slice(span)));

    // The title: a Markdown heading, a memo's, an HTML page's `<title>`, or the headline.
    // A site's name heads its pages (`Jane Doe`, then the menu, then the headline): it is
    // not the title.
    let site = author_notes::site_name(doc, &all_lines).map(|(_, _, span)| doc.slice(span));
    // `Von` / `Katrin Wessel`: the name under a label alone is the byline's.
    let lone_labels: Vec<usize> = bylines
        .iter()
        .filter(|(_, _, b)| b.is_lone_author_label())
        .map(|(line, _, _)| *line)
        .collect();
    // A memo's header in columns (an RFC's) says its authors, date and title where a page
    // would not put them.
    let memo = memo_header::read(doc, &all_lines, data);
    inferred.title = title::heading_title(doc, &lines).or_else(|| memo.as_ref()?.title.clone());
    // An HTML page kept with its markup is titled by its `<title>`, and by no line of
    // markup.
    let html = doc.is_html_page();
    if html {
        inferred.title = title::html_title(doc);
    }
    if !record && !html && inferred.title.is_none() {
        inferred.title = title::headline(&title::Top {
            doc,
            lines: &lines,
            all_lines: &all_lines,
            page: skip.iter().any(|line| !front.contains(line)),
            site,
            lone_labels: &lone_labels,
            is_byline: &is_byline,
            data,
        });
    }

    // A dateline at the start of one of the first paragraphs: `LONDON (Reuters) — `.
    if let Some((line, span, source)) =
        lines
            .iter()
            .take(DATELINE_WINDOW)
            .find_map(|&(line, span)| {
                let text = doc.slice(span);
                let caps = data.dateline.captures(text)?;
                let m = caps.name("source")?;
                let place = text[..m.start()].trim_end_matches('(');
                // `Linux (x86_64) - supported` in a list of a README is no dateline: after
                // a place not written in capitals, a sentence follows one.
                let sentence = &text[caps.name("sentence")?.start()..];
                let opens_sentence = sentence
                    .chars()
                    .find(|c| c.is_alphanumeric())
                    .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
                    && word_count(sentence) >= MIN_DATELINE_SENTENCE_WORDS;
                let in_capitals = !place.chars().any(char::is_lowercase);
                if !(in_capitals || opens_sentence)
                    || place.chars().count() > MAX_DATELINE_PLACE_CHARS
                {
                    return None;
                }
                Some((
                    line,
                    Span::new(span.start + m.start(), span.start + m.end()),
                    m.as_str().trim().to_string(),
                ))
            })
    {
        // `dpa/lhe`: an agency and its regional service.
        let plausible = source.split('/').all(names::plausible_name);
        inferred.dateline_source = plausible.then(|| Found {
            value: source.clone(),
            line,
            span,
        });
    }

    let mut sources: Vec<(SourceForm, Found)> = Vec::new();
    for (line, span, b) in bylines.iter().filter(|(l, _, _)| !skip.contains(l)) {
        for field in &b.fields {
            if field.value.is_empty() {
                let byline_at = |l: usize| bylines.iter().any(|(b, _, _)| *b == l);
                if field.label != Label::Other && !value_on_next_line(doc, *line, *span, byline_at)
                {
                    inferred.empty.push((field.label, *line, *span));
                }
                continue;
            }
            // Beside an e-mail address, a name is a person's or a mailing list's: the
            // header of a change log's entry (`Jane Doe via Tools-devel <tools@...>`).
            if field.label == Label::Source
                && names::plausible_name(&field.value)
                && !reads_as_sentence(&field.value)
                && !has_address(doc.slice(*span))
            {
                let form = if field.label_range.0 != field.label_range.1 {
                    SourceForm::Labelled
                } else if doc.slice(*span).trim_start().starts_with('(') {
                    SourceForm::InBrackets
                } else {
                    SourceForm::BesideAuthor
                };
                let found = Found {
                    value: field.value.clone(),
                    line: *line,
                    span: Span::new(
                        span.start + field.value_range.0,
                        span.start + field.value_range.1,
                    ),
                };
                sources.push((form, found));
            }
        }
    }
    let chosen = candidates::choose(
        doc,
        &all_lines,
        &bylines,
        inferred.title.as_ref(),
        skip,
        data,
        layout,
    );
    inferred.first_byline = chosen.first_line;
    inferred.author = chosen.author.map(|(found, evidence)| {
        inferred.author_evidence = evidence;
        found
    });
    inferred.date = chosen.date.map(|(found, evidence)| {
        inferred.date_evidence = evidence;
        found
    });
    inferred.dates = chosen.dates;
    if let Some(memo) = memo {
        let memo_evidence = Evidence {
            confidence: Confidence::Medium,
            form: "memo header",
        };
        if let Some(first) = memo.authors.first() {
            let names: Vec<&str> = memo.authors.iter().map(|a| a.value.as_str()).collect();
            inferred.author = Some(Found {
                value: names.join(", "),
                ..first.clone()
            });
            inferred.author_evidence = memo_evidence.clone();
        }
        if let Some(date) = memo.date {
            inferred.first_byline = Some(date.line);
            inferred.dates = vec![date.clone()];
            inferred.date = Some(date);
            inferred.date_evidence = memo_evidence;
        }
    }
    inferred.source = choose_source(&all_lines, sources, &inferred, !skip.is_empty())
        .or_else(|| inferred.dateline_source.clone());
    inferred
}

/// How a byline names a source.
#[derive(Debug, Clone, Copy, PartialEq)]
enum SourceForm {
    /// After a label: `Source: Xinhua`, `Quelle: dpa`, `via Reuters`.
    Labelled,
    /// Alone in brackets on its line: `(Associated Press)`.
    InBrackets,
    /// Unlabelled, after the author on the byline's line: `By X | China Daily |`.
    BesideAuthor,
}

/// A source in brackets stands on one of this many content lines under the headline, the
/// author or the date.
const BRACKETS_UNDER_BYLINE: usize = 1;

/// The first source that stands where a page's source does: a labelled one on a page (a
/// document with site chrome or a byline) or at the top of a document, one in brackets
/// just under the headline or the byline, one beside the author on the chosen author's
/// line. Elsewhere, a change log's `(Jane Doe)` credits an entry, `Nicolas Fella via
/// Gnupg-devel` names the list a patch came by, and a manual's `(Example by Jane Doe)` a
/// part: none is the document's source.
fn choose_source(
    lines: &[(usize, Span)],
    sources: Vec<(SourceForm, Found)>,
    inferred: &Inferred,
    has_chrome: bool,
) -> Option<Found> {
    let author_line = inferred.author.as_ref().map(|a| a.line);
    let date_line = inferred.date.as_ref().map(|d| d.line);
    let has_byline = author_line.is_some() || date_line.is_some();
    let index_of = |line: usize| lines.partition_point(|&(l, _)| l < line);
    let anchors: Vec<usize> = [
        inferred.title.as_ref().map(|t| t.line),
        author_line,
        date_line,
    ]
    .into_iter()
    .flatten()
    .map(index_of)
    .collect();
    sources
        .into_iter()
        .find(|(form, found)| match form {
            // The top is where a dateline may stand.
            SourceForm::Labelled => {
                has_chrome || has_byline || index_of(found.line) < DATELINE_WINDOW
            }
            SourceForm::InBrackets => {
                let index = index_of(found.line);
                anchors
                    .iter()
                    .any(|&a| index > a && index <= a + BRACKETS_UNDER_BYLINE)
            }
            SourceForm::BesideAuthor => author_line == Some(found.line),
        })
        .map(|(_, found)| found)
}

/// Whether `value` reads as a sentence rather than a name: of three words or more, most
/// begin in lower case (`It was downloaded from now non-existing`, `Continuing
/// slow-motion replay`); a name's words are capitalised but for a particle or two.
fn reads_as_sentence(value: &str) -> bool {
    let words: Vec<&str> = value.split_whitespace().collect();
    let lower = words
        .iter()
        .filter(|w| w.starts_with(char::is_lowercase))
        .count();
    words.len() >= 3 && lower * 2 > words.len()
}

/// Whether `line` opens a paragraph wrapped over several lines whose next line goes on
/// with a lower-case word: its sentence is cut by the wrapping.
fn sentence_goes_on(doc: &Document, line: usize) -> bool {
    doc.paragraph_of_line(line)
        .is_some_and(|p| doc.paragraphs[p].last_line() > line)
        && doc.next_line_goes_on_in_lower_case(line)
}

/// Whether `line` is a line of a paragraph wrapped over several, other than its first.
fn continues_paragraph(doc: &Document, line: usize) -> bool {
    doc.paragraph_of_line(line)
        .is_some_and(|p| doc.paragraphs[p].first_line() < line)
}

/// A sentence over this many words is prose, not the value of the label above it.
const MAX_VALUE_LINE_WORDS: usize = 6;
/// A line of more words than this that ends with a label is a sentence that goes on.
const MAX_LABEL_WORDS: usize = 3;

/// Whether the label that ends the 0-based `line` (of `span`) has its value under it: a
/// colon introduces what follows (`Authors:` over a list of names, Debian's `Source:` over
/// an indented value, a changelog's `* Updated translations:` over its list), a sentence
/// goes on on the next line (`...taken from a package by` / `Matthew Garrett`), and `By`
/// stands over a name, a blank line between them or not (`BY` over `ANN EXAMPLE` on a
/// book's title page). `By` over the article's first paragraph, or over a blank line and
/// then anything but names, has lost its value; so has a label at the end of the text,
/// and one over a byline of its own (`Author:` over `23 July 2012`).
fn value_on_next_line(
    doc: &Document,
    line: usize,
    span: Span,
    byline_at: impl Fn(usize) -> bool,
) -> bool {
    let label_line = doc.slice(span);
    let introduces = label_line.trim_end().ends_with([':', '：']);
    let Some(next) = (line + 1..doc.lines.line_count()).find(|&l| !doc.is_blank_line(l)) else {
        return false;
    };
    if byline_at(next) {
        return false;
    }
    let under = doc.line_text(next);
    // A block under the label, set off by its indent or list markers, or fenced as code
    // (`Source dictionary:` over the example).
    let block = indent_width(under) > indent_width(label_line)
        || starts_with_list_marker(under)
        || is_fence(under)
        || doc.structure.role(next) == LineRole::Code;
    if next > line + 1 {
        // A title page sets `BY` and the name a blank line apart, both centred.
        return (introduces && block) || names::reads_as_names(under);
    }
    let name_like = word_count(under) <= MAX_VALUE_LINE_WORDS
        && !under.trim_end().ends_with(['.', '!', '?', '。']);
    let sentence_goes_on = !introduces && word_count(label_line) > MAX_LABEL_WORDS;
    introduces || block || name_like || sentence_goes_on
}

/// Bytes of the list marker a line starts with (`  * `, `1. `), which is not part of a
/// byline; a numbered marker that is the day of a date (`7. März 2021`) is kept.
fn marker_len(text: &str, data: &MetadataData) -> usize {
    if !starts_with_list_marker(text) {
        // `// By Jane Doe`, `> Jane Doe`: a run of symbols before the byline.
        let trimmed = text.trim_start();
        let symbols = trimmed.trim_start_matches(['/', '|', '>', '—', '–', '-', '·', '•', '*']);
        if symbols.len() < trimmed.len() && symbols.starts_with(char::is_whitespace) {
            return text.len() - symbols.trim_start().len();
        }
        return 0;
    }
    let trimmed = text.trim_start();
    let Some((marker, rest)) = trimmed.split_once(char::is_whitespace) else {
        return 0;
    };
    let rest = rest.trim_start();
    // `7. März 2021`, `7. 3. 2021`: the marker is the day of a date.
    if marker.starts_with(|c: char| c.is_ascii_digit())
        && (rest
            .split_whitespace()
            .next()
            .is_some_and(|w| data.months.month(w).is_some())
            || data
                .find_dates(trimmed)
                .first()
                .is_some_and(|d| d.start == 0))
    {
        return 0;
    }
    text.len() - rest.len()
}

/// `Upstream-Name: dbus`, `Content-Type: text/plain`: a field of a structured file, named
/// by capitalised words joined with hyphens.
fn is_hyphenated_field(text: &str) -> bool {
    text.split_once(':').is_some_and(|(name, _)| {
        name.contains('-')
            && name.split('-').all(|part| {
                part.starts_with(|c: char| c.is_ascii_uppercase())
                    && part.chars().all(|c| c.is_ascii_alphanumeric())
            })
    })
}

fn reads_as_headline(text: &str, words: usize) -> bool {
    let first = text.chars().next();
    let lower = text.to_lowercase();
    (2..=MAX_TITLE_WORDS).contains(&words)
        && !lower.starts_with("copyright")
        && !lower.starts_with(['©', '('])
        && !text.ends_with(['.', ',', ';', ':', '。', '，'])
        // `-0800.  The package is co-maintained by the`: two spaces after a full stop
        // part the sentences of typed text, which a headline is not.
        && !text.contains(".  ")
        && !starts_with_list_marker(text)
        // `Format: https://...` heads a Debian copyright file, `This package was
        // debianized by Jane Doe <jane@example.org> on` begins a sentence: headlines
        // hold no addresses.
        && !text.contains("://")
        && !lower.contains("www.")
        && !has_address(text)
        && !is_hyphenated_field(text)
        && first.is_some_and(|c| {
            c.is_uppercase()
                || c.is_ascii_digit()
                || is_cjk(c)
                || matches!(c, '"' | '“' | '‘' | '\'')
        })
}

mod title;

#[cfg(test)]
mod tests;
