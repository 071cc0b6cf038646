//! What the text itself says about its provenance: the title (the first content line that
//! reads as a headline) and the bylines (author, date, source), outside site chrome.

use std::collections::HashSet;

use chrono::NaiveDate;

use super::byline::{self, Byline};
use crate::data::metadata::{Label, MetadataData};
use crate::document::Document;
use crate::document::paragraphs::starts_with_list_marker;
use crate::text::span::Span;
use crate::text::{is_cjk, word_count};

/// A body line: a sentence of at least this many words.
const MIN_BODY_WORDS: usize = 15;
/// A headline has at most this many words.
const MAX_TITLE_WORDS: usize = 25;
/// The title is among this many content lines at the top.
const TITLE_WINDOW: usize = 4;
/// A dateline opens one of this many content lines at the top.
const DATELINE_WINDOW: usize = 8;

/// A value read from the text, and where.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    pub value: String,
    /// 0-based line.
    pub line: usize,
    pub span: Span,
}

/// A date read from a byline.
#[derive(Debug, Clone, PartialEq)]
pub struct FoundDate {
    pub date: Option<NaiveDate>,
    pub text: String,
    pub label: Option<Label>,
    pub line: usize,
    pub span: Span,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Inferred {
    pub title: Option<Found>,
    pub author: Option<Found>,
    pub source: Option<Found>,
    /// Every date of every byline, in order.
    pub dates: Vec<FoundDate>,
    /// Labels with nothing after them: (label, 0-based line, span of the line).
    pub empty: Vec<(Label, usize, Span)>,
    /// 0-based line of the first byline, where missing fields are looked for.
    pub first_byline: Option<usize>,
    /// The source named in a dateline (`LONDON (Reuters) — `), used when no byline names one.
    pub dateline_source: Option<Found>,
}

impl Inferred {
    /// The publication date: the first one labelled as such or unlabelled, else the first
    /// revision date.
    pub fn publication_date(&self) -> Option<&FoundDate> {
        let dated = |d: &&FoundDate| d.date.is_some();
        self.dates
            .iter()
            .filter(dated)
            .find(|d| d.label != Some(Label::Updated))
            .or_else(|| self.dates.iter().find(dated))
    }
}

/// Reads the provenance a document's text gives, skipping the lines in `skip` (site chrome,
/// front matter).
pub fn infer(doc: &Document, skip: &HashSet<usize>, data: &MetadataData) -> Inferred {
    let mut inferred = Inferred::default();
    let lines: Vec<(usize, Span)> = doc
        .line_spans()
        .enumerate()
        .filter(|(i, span)| !skip.contains(i) && !doc.slice(*span).trim().is_empty())
        .collect();
    let mut bylines: Vec<(usize, Span, Byline)> = Vec::new();
    for &(line, span) in &lines {
        if let Some(b) = byline::parse(doc.slice(span), data) {
            bylines.push((line, span, b));
        }
    }
    let is_byline = |line: usize| bylines.iter().any(|(l, _, _)| *l == line);

    // The title: one of the first content lines, before any body line, that reads as a
    // headline.
    for &(line, span) in lines.iter().take(TITLE_WINDOW) {
        let text = doc.slice(span).trim();
        let words = word_count(text);
        if words >= MIN_BODY_WORDS && text.ends_with(['.', '。']) {
            break;
        }
        if is_byline(line) {
            continue;
        }
        if reads_as_headline(text, words) {
            inferred.title = Some(Found {
                value: text.to_string(),
                line,
                span,
            });
            break;
        }
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
                Some((
                    line,
                    Span::new(span.start + m.start(), span.start + m.end()),
                    m.as_str().trim().to_string(),
                ))
            })
    {
        let _ = span;
        inferred.dateline_source = Some(Found {
            value: source,
            line,
            span,
        });
    }

    for (line, span, b) in &bylines {
        inferred.first_byline.get_or_insert(*line);
        for field in &b.fields {
            if field.value.is_empty() {
                if field.label != Label::Other {
                    inferred.empty.push((field.label, *line, *span));
                }
                continue;
            }
            let value_span = Span::new(
                span.start + field.value_range.0,
                span.start + field.value_range.1,
            );
            let found = || Found {
                value: field.value.clone(),
                line: *line,
                span: value_span,
            };
            match field.label {
                Label::Author if inferred.author.is_none() => inferred.author = Some(found()),
                Label::Source if inferred.source.is_none() => inferred.source = Some(found()),
                _ => {}
            }
        }
        for (date, label) in &b.dates {
            inferred.dates.push(FoundDate {
                date: date.value,
                text: date.text.clone(),
                label: *label,
                line: *line,
                span: Span::new(span.start + date.start, span.start + date.end),
            });
        }
    }
    if inferred.source.is_none() {
        inferred.source = inferred.dateline_source.clone();
    }
    inferred
}

fn reads_as_headline(text: &str, words: usize) -> bool {
    let first = text.chars().next();
    (2..=MAX_TITLE_WORDS).contains(&words)
        && !text.ends_with(['.', ',', ';', ':', '。', '，'])
        && !starts_with_list_marker(text)
        && first.is_some_and(|c| {
            c.is_uppercase()
                || c.is_ascii_digit()
                || is_cjk(c)
                || matches!(c, '"' | '“' | '‘' | '\'')
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn infer_text(text: &str, skip: &[usize]) -> Inferred {
        let doc = Document::from_bytes("t.txt".into(), text.as_bytes().to_vec());
        let data = MetadataData::for_tests();
        infer(&doc, &skip.iter().copied().collect(), data)
    }

    #[test]
    fn reads_title_and_byline() {
        let text = "Menu\nDeveloping ICT key to securing cyberspace\n\nBy Lang Ping | China Daily | Updated: 2019-04-22 08:04\n\nChina's national security authorities recently exposed three cyber espionage cases in the past year.\n";
        let inferred = infer_text(text, &[0]);
        assert_eq!(
            inferred.title.as_ref().map(|t| t.value.as_str()),
            Some("Developing ICT key to securing cyberspace")
        );
        assert_eq!(
            inferred.author.as_ref().map(|t| t.value.as_str()),
            Some("Lang Ping")
        );
        assert_eq!(
            inferred.source.as_ref().map(|t| t.value.as_str()),
            Some("China Daily")
        );
        let date = inferred
            .publication_date()
            .and_then(|d| d.date)
            .map(|d| d.to_string());
        assert_eq!(date.as_deref(), Some("2019-04-22"));
        assert_eq!(inferred.first_byline, Some(3));
    }

    #[test]
    fn body_text_is_no_title() {
        let text = "China firmly opposed the UK's irresponsible and groundless smear that the Chinese government is sponsoring hackers, a spokesperson said.\nMore text here.\n";
        assert_eq!(infer_text(text, &[]).title, None);
    }

    #[test]
    fn datelines_name_the_source() {
        let text = "A headline for the story\nBy Jane Doe\n\nLONDON (Reuters) — The government said on Monday that it would act.\n";
        let inferred = infer_text(text, &[]);
        assert_eq!(inferred.source.map(|s| s.value).as_deref(), Some("Reuters"));
        let text = "A headline\n\nKRAKÓW (AP) - Officials said the bridge would reopen soon.\n";
        assert_eq!(
            infer_text(text, &[]).source.map(|s| s.value).as_deref(),
            Some("AP")
        );
    }

    #[test]
    fn published_dates_win_over_updated_ones() {
        let inferred = infer_text(
            "Title of the piece\nUpdated: 2020-02-02\nPublished: 2020-01-01\n",
            &[],
        );
        let date = inferred
            .publication_date()
            .and_then(|d| d.date)
            .map(|d| d.to_string());
        assert_eq!(date.as_deref(), Some("2020-01-01"));
    }

    #[test]
    fn empty_labels_are_collected() {
        let inferred = infer_text(
            "A title here\nBy\nSome body text that goes on for a while and ends.\nSource of documents:\n",
            &[],
        );
        let labels: Vec<_> = inferred
            .empty
            .iter()
            .map(|(l, line, _)| (*l, *line))
            .collect();
        assert_eq!(labels, [(Label::Author, 1), (Label::Source, 3)]);
    }
}
