//! The metadata analysis, run once per check and shared by the family's rules: every
//! document's provenance resolved from front matter, sidecar, manifest and text, with the
//! problems found on the way.

use rustc_hash::FxHashSet;

use chrono::{Datelike, NaiveDate};
use rayon::prelude::*;
use regex::Regex;

use super::Options;
use crate::corpus::{Corpus, DOCUMENTS_PER_TASK};
use crate::data::metadata::{Label, MetadataData};
use crate::document::{DocId, Document};
use crate::provenance::byline::Byline;
use crate::provenance::candidates::PageLayout;
use crate::provenance::front_matter;
use crate::provenance::infer::{Evidence, FoundDate, Inferred, infer};
use crate::provenance::sources::{Fields, Sources};
use crate::provenance::{FieldName, Metadata, Origin, Value};
use crate::text::memo::LineMemo;
use crate::text::span::Span;

/// One document's provenance and what is wrong with it.
#[derive(Debug, Clone, Default)]
pub struct DocMetadata {
    pub metadata: Metadata,
    /// Byline labels with nothing after them: (label, 0-based line, span of the line).
    /// (The rest of what the text told is in `metadata` and `suggestions`: the inference
    /// itself is not kept, as every document's would be held until the rules report.)
    pub empty_labels: Vec<(Label, usize, Span)>,
    /// Whether the text has a byline (where `anchor` then is).
    pub has_byline: bool,
    /// Where missing fields are looked for: the first byline, else the title, else the
    /// first line.
    pub anchor: Span,
    /// Values the text suggests for missing fields.
    /// What the text suggests for a missing field, quoted and described for a help text.
    pub suggestions: Vec<(FieldName, String)>,
    /// An explicit value and the text's value that differ: (field, explicit, text).
    pub conflicts: Vec<(FieldName, Value, Value)>,
    /// Dates that do not parse or cannot be right: (doc, span, message).
    pub bad_dates: Vec<(DocId, Span, String)>,
    /// A front matter block that does not parse.
    pub front_matter_error: Option<String>,
}

#[derive(Debug)]
pub struct Analysis {
    pub docs: Vec<DocMetadata>,
}

impl Analysis {
    /// `chrome_lines` gives the lines of a document that are site chrome, and `layout`
    /// where its article and comments are (asked only for documents with bylines).
    /// Documents `wanted` leaves out get no provenance.
    #[allow(clippy::too_many_arguments)]
    pub fn run(
        corpus: &Corpus,
        sources: &Sources,
        chrome_lines: &(dyn Fn(DocId) -> FxHashSet<usize> + Sync),
        data: &MetadataData,
        options: &Options,
        today: NaiveDate,
        layout: &(dyn Fn(DocId, &Document) -> PageLayout + Sync),
        wanted: &(dyn Fn(DocId) -> bool + Sync),
    ) -> Self {
        // Bylines repeat on the pages of a site, and so do the lines around them.
        let bylines = LineMemo::default();
        let docs = corpus
            .documents
            .par_iter()
            .with_max_len(DOCUMENTS_PER_TASK)
            .enumerate()
            .map(|(id, doc)| {
                if !wanted(id) {
                    return DocMetadata::default();
                }
                resolve(
                    id,
                    doc,
                    corpus,
                    sources,
                    &chrome_lines(id),
                    data,
                    options,
                    today,
                    layout,
                    &bylines,
                )
            })
            .collect();
        Self { docs }
    }
}

#[allow(clippy::too_many_arguments)]
fn resolve(
    id: DocId,
    doc: &Document,
    corpus: &Corpus,
    sources: &Sources,
    chrome: &FxHashSet<usize>,
    data: &MetadataData,
    options: &Options,
    today: NaiveDate,
    layout: &(dyn Fn(DocId, &Document) -> PageLayout + Sync),
    bylines: &LineMemo<Option<Byline>>,
) -> DocMetadata {
    let mut out = DocMetadata::default();
    let mut skip = chrome.clone();
    let mut front = FxHashSet::default();

    // Explicit sources, highest priority first.
    let mut explicit: Vec<(Origin, DocId, Fields)> = Vec::new();
    match front_matter::parse(&doc.text) {
        Some(Ok(fm)) => {
            skip.extend(0..=fm.last_line);
            front.extend(0..=fm.last_line);
            let fields = fm
                .fields
                .into_iter()
                .map(|(k, v)| (k, (v.value, v.line)))
                .collect();
            explicit.push((Origin::FrontMatter, id, fields));
        }
        Some(Err(err)) => out.front_matter_error = Some(err),
        None => {}
    }
    if let Some(record) = &doc.record {
        // Fields under the names front matter uses count too (`headline`, `publisher`);
        // the configured ones first. A record's fields have no line in its text.
        let mut fields: Fields = record
            .fields
            .iter()
            .map(|(k, v)| (k.clone(), (v.clone(), 0)))
            .collect();
        fields.extend(
            record
                .provenance
                .iter()
                .map(|(k, v)| (k.clone(), (v.clone(), 0))),
        );
        explicit.push((Origin::Record, id, fields));
    }
    if let Some(&i) = sources.sidecar_of.get(&id) {
        let sidecar = &sources.sidecars[i];
        explicit.push((Origin::Sidecar, sidecar.doc, sidecar.fields.clone()));
    }
    if let Some(&(m, Some(e))) = sources.manifest_of.get(&id) {
        let manifest = &sources.manifests[m];
        explicit.push((
            Origin::Manifest,
            manifest.doc,
            manifest.entries[e].fields.clone(),
        ));
    }
    for field in FieldName::ALL {
        for (origin, source_doc, fields) in &explicit {
            let Some((value, line)) = field.keys().iter().find_map(|k| fields.get(*k)) else {
                continue;
            };
            if value.trim().is_empty() {
                continue;
            }
            let source = corpus.get(*source_doc);
            let span = source.lines_span(*line, *line);
            *out.metadata.slot(field) = Some(Value {
                value: value.trim().to_string(),
                origin: *origin,
                doc: *source_doc,
                span,
                line: line + 1,
                evidence: None,
            });
            break;
        }
    }

    // The text, where explicit sources are silent.
    let inferred = infer(doc, &skip, &front, data, &|| layout(id, doc), bylines);
    let text_value = |found: &Option<crate::provenance::infer::Found>,
                      evidence: Option<Evidence>| {
        found.as_ref().map(|f| Value {
            value: f.value.clone(),
            origin: Origin::Text,
            doc: id,
            span: f.span,
            line: f.line + 1,
            evidence,
        })
    };
    // A date the text gives without a label (`removed in patch 8.1.0932`, `set to
    // 1970-01-01`) that cannot be right is no date of the document, and no error in it:
    // a labelled one (`Published: 2031-02-30`) is.
    let can_be_right = |d: &&FoundDate| {
        d.label.is_some() || date_problem(d.date, &d.text, options, today).is_none()
    };
    let dates: Vec<_> = inferred.dates.iter().filter(can_be_right).collect();
    let publication = inferred
        .publication_date()
        .filter(can_be_right)
        .map(|d| Value {
            value: d
                .date
                .map_or_else(|| d.text.clone(), |date| date.to_string()),
            origin: Origin::Text,
            doc: id,
            span: d.span,
            line: d.line + 1,
            evidence: Some(inferred.date_evidence.clone()),
        });
    let from_text = [
        (FieldName::Title, text_value(&inferred.title, None)),
        (
            FieldName::Author,
            text_value(&inferred.author, Some(inferred.author_evidence.clone())),
        ),
        (FieldName::Date, publication),
        (FieldName::Source, text_value(&inferred.source, None)),
    ];
    for (field, text) in from_text {
        let Some(text) = text else { continue };
        match out.metadata.slot(field) {
            slot @ None => *slot = Some(text),
            Some(explicit)
                if field != FieldName::Title
                    && !agrees(field, &explicit.value, &text.value, data) =>
            {
                out.conflicts.push((field, explicit.clone(), text));
            }
            Some(_) => {}
        }
    }

    // Two different publication dates in the bylines.
    let publication_dates: Vec<_> = dates
        .iter()
        .filter(|d| d.label != Some(Label::Updated) && d.date.is_some())
        .collect();
    if let (Some(first), Some(other)) = (
        publication_dates.first(),
        publication_dates
            .iter()
            .find(|d| d.date != publication_dates[0].date),
    ) {
        let as_value = |d: &FoundDate| Value {
            value: d.date.map(|x| x.to_string()).unwrap_or_default(),
            origin: Origin::Text,
            doc: id,
            span: d.span,
            line: d.line + 1,
            evidence: None,
        };
        out.conflicts
            .push((FieldName::Date, as_value(first), as_value(other)));
    }

    // Dates that cannot be right.
    for d in &dates {
        if let Some(message) = date_problem(d.date, &d.text, options, today) {
            out.bad_dates.push((id, d.span, message));
        }
    }
    if let Some(date) = &out.metadata.date
        && date.origin != Origin::Text
    {
        let parsed = parse_date(&date.value, data);
        if let Some(message) = date_problem(parsed, &date.value, options, today) {
            out.bad_dates.push((date.doc, date.span, message));
        }
    }

    out.anchor = inferred
        .first_byline
        .or(inferred.title.as_ref().map(|t| t.line))
        .map_or_else(|| first_line_span(doc), |line| doc.lines_span(line, line));
    out.suggestions = suggestions(doc, chrome, &out.metadata, &inferred);
    out.has_byline = inferred.first_byline.is_some();
    out.empty_labels = inferred.empty;
    out
}

fn first_line_span(doc: &Document) -> Span {
    (0..doc.lines.line_count())
        .map(|line| doc.lines_span(line, line))
        .find(|span| !doc.slice(*span).trim().is_empty())
        .unwrap_or(Span::empty(0))
}

/// A date in a value: `2021-12-15`, `2021-12-15T10:27:00Z`, `Dec 15, 2021`.
pub fn parse_date(value: &str, data: &MetadataData) -> Option<NaiveDate> {
    data.find_dates(value).first().and_then(|d| d.value)
}

fn date_problem(
    date: Option<NaiveDate>,
    text: &str,
    options: &Options,
    today: NaiveDate,
) -> Option<String> {
    match date {
        None => Some(format!("`{text}` is not a date")),
        Some(d) if d > today => Some(format!("date {d} is in the future")),
        Some(d) if d.year() < options.min_year => Some(format!(
            "date {d} is before {}, implausible for web text",
            options.min_year
        )),
        Some(_) => None,
    }
}

fn agrees(field: FieldName, explicit: &str, text: &str, data: &MetadataData) -> bool {
    if field == FieldName::Date {
        return match (parse_date(explicit, data), parse_date(text, data)) {
            (Some(a), Some(b)) => a == b,
            _ => true,
        };
    }
    let norm = |s: &str| {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    let (a, b) = (norm(explicit), norm(text));
    a == b || a.contains(&b) || b.contains(&a)
}

/// Whether `text` has what the copyright pattern starts with: a cheap test that spares
/// the pattern's capture search (costly on long lines) on every other chrome line.
fn names_copyright(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    lower.contains('©') || lower.contains("(c)") || lower.contains("copyright")
}

/// An organisation named in a copyright line has at most this many characters.
const MAX_ORGANISATION_CHARS: usize = 61;

/// Values the text suggests for missing fields: an outlet named in a copyright line, an
/// author named in a closing author note (`Lu Zhongwei is former president of ...`), a
/// revision date where no publication date is given.
fn suggestions(
    doc: &Document,
    chrome: &FxHashSet<usize>,
    metadata: &Metadata,
    inferred: &Inferred,
) -> Vec<(FieldName, String)> {
    static COPYRIGHT: std::sync::OnceLock<Regex> = std::sync::OnceLock::new();
    static AUTHOR_NOTE: std::sync::OnceLock<Regex> = std::sync::OnceLock::new();
    // Compiled when first needed: most documents have no use for them.
    let copyright = || {
        COPYRIGHT.get_or_init(|| {
            // The organisation's name is bounded below, not here: a bounded repeat of `\w`
            // costs more to compile than the whole run of a small check.
            Regex::new(r"(?i)(?:©|\(c\)|copyright)\s*(?:©\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*)?(?P<org>[A-Z][\w&'’. ]+?)(?:\.|,|\s+all rights|$)")
                .expect("copyright pattern")
        })
    };
    let author_note = || {
        AUTHOR_NOTE.get_or_init(|| {
            Regex::new(
                r"^(?P<name>[A-Z][a-z]+(?: [A-Z][a-z]+){1,2}) is (?:a|an|the|former|currently)\b",
            )
            .expect("author note pattern")
        })
    };
    let mut out = Vec::new();
    let lines: Vec<(usize, &str)> = doc
        .line_spans()
        .enumerate()
        .map(|(i, span)| (i, doc.slice(span).trim()))
        .filter(|(_, text)| !text.is_empty())
        .collect();
    if metadata.source.is_none()
        && let Some(org) = lines
            .iter()
            .filter(|(i, text)| chrome.contains(i) && names_copyright(text))
            .find_map(|(_, text)| {
                copyright()
                    .captures(text)
                    .and_then(|c| c.name("org"))
                    .filter(|org| org.as_str().chars().count() <= MAX_ORGANISATION_CHARS)
            })
    {
        out.push((FieldName::Source, format!("`{}`", org.as_str().trim())));
    }
    if metadata.author.is_none()
        && let Some(name) = lines
            .iter()
            .rev()
            .take(6)
            .filter(|(i, _)| !chrome.contains(i))
            .find_map(|(_, text)| author_note().captures(text).and_then(|c| c.name("name")))
    {
        out.push((FieldName::Author, format!("`{}`", name.as_str())));
    }
    // A revision date is not the publication date, which is often months before it; it is
    // what the text can suggest.
    if metadata.date.is_none()
        && let Some(revised) = inferred
            .dates
            .iter()
            .filter(|d| d.label == Some(Label::Updated))
            .find_map(|d| d.date)
    {
        out.push((FieldName::Date, format!("`{revised}`, a revision date")));
    }
    out
}
