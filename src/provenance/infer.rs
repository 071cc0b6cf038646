//! What the text itself says about its provenance: the title (the first content line that
//! reads as a headline) and the bylines (author, date, source), outside site chrome.

use std::collections::HashSet;

use super::author_notes;
use super::byline::{self, Byline};
use super::candidates::{self, PageLayout};
use super::names;
use crate::data::metadata::{Label, MetadataData};
use crate::document::Document;
use crate::document::paragraphs::starts_with_list_marker;
use crate::text::memo::LineMemo;
use crate::text::span::Span;
use crate::text::{has_address, has_time_of_day, is_cjk, is_field_line, word_count};

/// A body line: a sentence of at least this many words.
const MIN_BODY_WORDS: usize = 15;
/// A date with its weekday, time and zone has at most this many words.
const MAX_TIMED_DATE_WORDS: usize = 7;
/// A headline has at most this many words.
const MAX_TITLE_WORDS: usize = 25;
/// The title is among this many content lines at the top.
const TITLE_WINDOW: usize = 4;
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
    skip: &HashSet<usize>,
    front: &HashSet<usize>,
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
        // on the line before: a byline is no line inside a wrapped paragraph.
        if continues_paragraph(doc, line) {
            continue;
        }
        let text = doc.slice(span);
        let offset = marker_len(text, data);
        let rest = &text[offset..];
        if let Some(mut b) = known.get_or_compute(rest, || byline::parse(rest, data)) {
            b.shift(offset);
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

    // The title: one of the first content lines, before any body line, that reads as a
    // headline. Lines of one word (`Startseite`, `Sport`: a menu the chrome rules left)
    // do not count towards the window.
    // A site's name heads its pages (`Jane Doe`, then the menu, then the headline): it is
    // not the title.
    let site = author_notes::site_name(doc, &all_lines).map(|(_, _, span)| doc.slice(span));
    // `Von` / `Katrin Wessel`: the name under a label alone is the byline's.
    let lone_labels: Vec<usize> = bylines
        .iter()
        .filter(|(_, _, b)| b.is_lone_author_label())
        .map(|(line, _, _)| *line)
        .collect();
    let mut seen = 0;
    for &(line, span) in lines.iter().filter(|_| !record) {
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
        let entry = text.trim_start_matches(['*', '-', '•', '·']).trim_start();
        let menu_item = word_count(entry) == 1
            && entry.starts_with(char::is_uppercase)
            && entry.chars().all(char::is_alphabetic);
        // `Lesezeit: 3 min`, `Reading time: 5 minutes`: a field whose value is an age,
        // which does not count towards the window either.
        let timed_field = text.split_once([':', '：']).is_some_and(|(label, value)| {
            word_count(label) <= 2 && byline::is_timestamp(value, data)
        });
        seen += usize::from(!menu_item && !timed_field);
        if words >= MIN_BODY_WORDS && text.ends_with(['.', '。']) {
            break;
        }
        if is_byline(line)
            || under_label
            || timed_field
            || site.is_some_and(|name| text.eq_ignore_ascii_case(name))
        {
            continue;
        }
        // A line of a paragraph wrapped over several is a piece of a sentence.
        if reads_as_headline(text, words) && !doc.wraps_line(line) {
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

    for (line, span, b) in bylines.iter().filter(|(l, _, _)| !skip.contains(l)) {
        for field in &b.fields {
            if field.value.is_empty() {
                if field.label != Label::Other {
                    inferred.empty.push((field.label, *line, *span));
                }
                continue;
            }
            if field.label == Label::Source
                && inferred.source.is_none()
                && names::plausible_name(&field.value)
                && (!doc.slice(*span).trim_start().starts_with('(') || after_blank_line(doc, *line))
            {
                inferred.source = Some(Found {
                    value: field.value.clone(),
                    line: *line,
                    span: Span::new(
                        span.start + field.value_range.0,
                        span.start + field.value_range.1,
                    ),
                });
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
    if inferred.source.is_none() {
        inferred.source = inferred.dateline_source.clone();
    }
    inferred
}

/// Whether `line` is a line of a paragraph wrapped over several, other than its first.
fn continues_paragraph(doc: &Document, line: usize) -> bool {
    doc.paragraph_of_line(line)
        .is_some_and(|p| doc.paragraphs[p].first_line < line)
}

/// Whether `line` stands after a blank line (or first): `(Associated Press)` after an
/// article, not `(Identified and patched by Jane Doe)` closing an item of release notes.
fn after_blank_line(doc: &Document, line: usize) -> bool {
    line == 0 || doc.is_blank_line(line - 1)
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

#[cfg(test)]
mod tests {
    use super::*;

    fn infer_text(text: &str, skip: &[usize]) -> Inferred {
        let doc = Document::from_bytes("t.txt".into(), text.as_bytes().to_vec());
        let data = MetadataData::for_tests();
        let layout = PageLayout::default;
        infer(
            &doc,
            &skip.iter().copied().collect(),
            &HashSet::new(),
            data,
            &layout,
            &LineMemo::default(),
        )
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
    fn a_date_with_its_weekday_and_time_is_no_title() {
        // A headline may hold a date without a time.
        for (text, title) in [
            (
                "Sunday, Feb 1, 2015 11:57 AM UTC\n\nThe sharing economy and the truth about it\n\nThe city council approved new rules on Monday that affect many commuters.\n",
                "The sharing economy and the truth about it",
            ),
            (
                "The Licence, Version 2, 3 June 2015\n\nThe council approved new rules on Monday.\n",
                "The Licence, Version 2, 3 June 2015",
            ),
        ] {
            let found = infer_text(text, &[]).title.map(|t| t.value);
            assert_eq!(found.as_deref(), Some(title), "{text}");
        }
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
        let text =
            "A headline\n\nSAN JOSE, California (AP) - Officials said the bridge would reopen.\n";
        assert_eq!(
            infer_text(text, &[]).source.map(|s| s.value).as_deref(),
            Some("AP")
        );
        // Places in capitalised words, with a second place or a day; agencies' own forms.
        for (line, source) in [
            (
                "Berlin/Brüssel (dpa) – Die Minister einigten sich am Abend auf einen Kompromiss.",
                "dpa",
            ),
            (
                "Frankfurt/Main (dpa/lhe) - Der Flughafen meldete am Montag mehr Passagiere.",
                "dpa/lhe",
            ),
            (
                "Madrid, 7 mar (EFE).- El Gobierno aprobó este martes el nuevo plan de vivienda.",
                "EFE",
            ),
            (
                "Paris (AFP) - Le gouvernement a présenté mardi son plan pour le logement.",
                "AFP",
            ),
        ] {
            let text = format!("A headline\n\n{line}\n");
            assert_eq!(
                infer_text(&text, &[]).source.map(|s| s.value).as_deref(),
                Some(source),
                "{line}"
            );
        }
        // An item of a list in a README: no sentence after the dash.
        let text = "Supported platforms\n\nLinux (x86_64) - tested on every release\n";
        assert_eq!(infer_text(text, &[]).source, None);
        // A line of capitals longer than any place is a shouted sentence, not a dateline.
        let text = "A headline\n\nTHE COUNCIL WILL NOT REOPEN THE BRIDGE BEFORE THE SPRING FLOODS ARE OVER (AP) - It said so.\n";
        assert_eq!(infer_text(text, &[]).source, None);
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
    fn a_revision_date_away_from_the_author_is_no_publication_date() {
        let body = "The council presented a new plan on Wednesday to extend the network of cycle lanes across the city centre.\n";
        let alone = infer_text(
            &format!("Title of the piece\n\nLast updated: January 7, 2025\n\n{body}"),
            &[],
        );
        assert_eq!(alone.publication_date(), None);
        let in_byline = infer_text(
            &format!("Title of the piece\n\nBy Jane Doe\nUpdated: January 7, 2025\n\n{body}"),
            &[],
        );
        let date = in_byline.publication_date().and_then(|d| d.date);
        assert_eq!(date.map(|d| d.to_string()).as_deref(), Some("2025-01-07"));
    }

    #[test]
    fn a_headline_with_a_colon_over_fields_is_a_title() {
        let inferred = infer_text(
            "Radwege: Stadt legt neuen Ausbauplan vor\n\nFoto: Peter Müller\nDatum: 07.03.2021\n\nDie Stadtverwaltung hat am Mittwoch einen neuen Plan für den Ausbau der Radwege vorgestellt.\n",
            &[],
        );
        assert_eq!(
            inferred.title.as_ref().map(|t| t.value.as_str()),
            Some("Radwege: Stadt legt neuen Ausbauplan vor")
        );
        let date = inferred.publication_date().and_then(|d| d.date);
        assert_eq!(date.map(|d| d.to_string()).as_deref(), Some("2021-03-07"));
        let record = infer_text(
            "Format: https://example.org/copyright-format/1.0/\n\nFiles: *\nCopyright: 2004 Jane Doe\nLicense: BSD-2-clause\n",
            &[],
        );
        assert_eq!(record.title, None);
    }

    #[test]
    fn a_reading_time_is_no_title() {
        let inferred = infer_text(
            "7. März 2021, 14:32 Uhr\n\nLesezeit: 3 min\n\nRadwege: Stadt legt neuen Ausbauplan vor\n\nVon Anna Schmidt\n\nDie Stadtverwaltung hat am Mittwoch einen neuen Plan für den Ausbau der Radwege vorgestellt.\n",
            &[],
        );
        assert_eq!(
            inferred.title.as_ref().map(|t| t.value.as_str()),
            Some("Radwege: Stadt legt neuen Ausbauplan vor")
        );
    }

    #[test]
    fn dates_and_names_of_comments_are_not_the_articles() {
        let page = "Radwege: Stadt legt neuen Ausbauplan vor\n\nVon Anna Schmidt\n\nDie Stadtverwaltung hat am Mittwoch einen neuen Plan für den Ausbau der Radwege vorgestellt, teilte die Behörde mit.\n\nKritiker bemängeln, dass die Finanzierung noch nicht gesichert sei und der Rat erst im Herbst entscheidet.\n\nKommentare (2)\n\nPeter K. schrieb am 09.03.2021 um 11:02\nEndlich passiert etwas!\n\nMaria Lang - 10.03.2021 um 08:15\nDas wurde auch Zeit.\n";
        // Line 8, `Kommentare (2)`, is chrome.
        let inferred = infer_text(page, &[8]);
        assert_eq!(
            inferred.author.as_ref().map(|a| a.value.as_str()),
            Some("Anna Schmidt")
        );
        assert_eq!(inferred.publication_date(), None);
    }

    #[test]
    fn a_menu_of_single_words_does_not_hide_the_headline() {
        let inferred = infer_text(
            "Portada\nInternacional\nEspaña\nEconomía\n\nLa ciudad presenta un nuevo plan de carriles bici\n\nEl Ayuntamiento presentó el miércoles un nuevo plan para ampliar los carriles bici de la ciudad.\n",
            &[],
        );
        assert_eq!(
            inferred.title.as_ref().map(|t| t.value.as_str()),
            Some("La ciudad presenta un nuevo plan de carriles bici")
        );
        // Code and markup count: `{` or `::` is no menu.
        let code = infer_text("{\n[\n::\n}\n]\n\"Models\": [\n", &[]);
        assert_eq!(code.title, None);
    }

    #[test]
    fn a_numeric_date_is_no_list_marker() {
        let inferred = infer_text(
            "Město představilo nový plán\n\nJan Novák\n7. 3. 2021 9:15\n\nRadnice ve středu představila nový plán na rozšíření sítě cyklostezek ve městě.\n",
            &[],
        );
        let date = inferred.publication_date().and_then(|d| d.date);
        assert_eq!(date.map(|d| d.to_string()).as_deref(), Some("2021-03-07"));
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
