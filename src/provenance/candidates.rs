//! Choosing the author and the publication date among the candidates a page offers: each
//! is scored by how it is written (a byline label, a name beside a date, a bare name on
//! the line before a date) and where it stands (just under the headline, at the start of
//! the article, in the comments, in a teaser list), rather than taking the first match.

use rustc_hash::FxHashSet;

use chrono::NaiveDate;

use super::author_notes;
use super::byline::{Byline, is_timestamp};
use super::name_lines::co_authors;
use super::names::{list_people, plausible_name};
use super::teasers;
use crate::data::metadata::{self, Label, MetadataData, in_order};
use crate::data::stop_words::StopWords;
use crate::document::Document;
use crate::document::paragraphs::starts_with_list_marker;
use crate::text::span::Span;
use crate::text::word_count;

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
    /// The other reading of a numeric date whose day and month could swap.
    pub alt: Option<NaiveDate>,
}

impl FoundDate {
    /// `date`, found in the text that starts at byte `offset` of the document, on 0-based
    /// `line`, under `label`.
    pub fn read(
        date: &metadata::FoundDate,
        label: Option<Label>,
        line: usize,
        offset: usize,
    ) -> Self {
        Self {
            date: date.value,
            alt: date.alt,
            text: date.text.clone(),
            label,
            line,
            span: Span::new(offset + date.start, offset + date.end),
        }
    }
}

/// How sure the text is of a value, from the evidence around it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Confidence {
    #[default]
    Low,
    Medium,
    High,
}

/// A value the text gives, with the evidence for it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Evidence {
    pub confidence: Confidence,
    /// What the value was read from: `byline label`, `name beside a date`, ...
    pub form: &'static str,
}

/// Where the article of a page is, and its comment sections: 0-based (first, last) lines.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageLayout {
    pub article: Option<(usize, usize)>,
    pub comments: Vec<(usize, usize)>,
}

/// A value is taken from the text only with at least this score: a label, or a name and a
/// date together, near the headline. Weaker evidence gives no value.
const MIN_SCORE: f32 = 3.0;
/// The form of an author read after its label (`By`, `Author:`).
const BYLINE_LABEL: &str = "byline label";
/// A date needs more: dates are everywhere on a page.
const MIN_DATE_SCORE: f32 = 3.5;
/// Scores from which a value is of medium and of high confidence.
const MEDIUM: f32 = 4.0;
const HIGH: f32 = 5.0;
/// Bylines sit within this many content lines after the headline.
const NEAR_TITLE: usize = 6;
/// What a bare name right next to a date gains over one further from it.
const NEXT_TO_DATE: f32 = 0.25;
/// A line of prose has at least this many words.
const MIN_PROSE_WORDS: usize = 15;
/// Bylines sit within this many content lines before the article's first paragraph.
const BYLINE_ZONE: usize = 10;
/// The article found on a page may start at a standfirst or a photo caption above the
/// byline: bylines sit up to this many content lines into it.
const BYLINE_INSIDE: usize = 5;
/// A bare name is a byline when a date is within this many content lines of it.
const NAME_TO_DATE: usize = 2;
/// A name alone under the headline with no date by it: with the bonuses of standing near
/// the headline and at the start of the article, it just reaches [`MIN_SCORE`].
const LAST_RESORT: f32 = 1.0;
const UNDER_HEADLINE: &str = "name under the headline";
const NAME_BESIDE_DATE: &str = "name beside a date";

/// What [`choose`] found.
#[derive(Debug, Default)]
pub struct Chosen {
    pub author: Option<(Found, Evidence)>,
    pub date: Option<(FoundDate, Evidence)>,
    /// Dates of the bylines that scored as provenance.
    pub dates: Vec<FoundDate>,
    /// The line of the chosen author or date.
    pub first_line: Option<usize>,
}

struct Candidate<T> {
    value: T,
    /// Index of its line among the content lines.
    index: usize,
    score: f32,
    form: &'static str,
    /// A date on a line that names the author: a byline, not a sentence of the text.
    beside_author: bool,
    /// A name alone on its line.
    alone: bool,
}

/// Chooses the author and the publication date among the bylines of the content `lines`
/// (0-based line, span), with the title as anchor.
pub fn choose(
    doc: &Document,
    lines: &[(usize, Span)],
    bylines: &[(usize, Span, Byline)],
    title: Option<&Found>,
    chrome: &FxHashSet<usize>,
    data: &MetadataData,
    layout: &dyn Fn() -> PageLayout,
) -> Chosen {
    let index_of = |line: usize| lines.partition_point(|(l, _)| *l < line);
    let mut authors: Vec<Candidate<Found>> = Vec::new();
    let mut dates: Vec<Candidate<FoundDate>> = Vec::new();
    let mut dated_lines: Vec<usize> = Vec::new();
    for (line, span, b) in bylines {
        let index = index_of(*line);
        let has_author = b.value(Label::Author).is_some();
        // `Registriert seit: 01.01.2010`: a date of something else than the page.
        let own_dates = || {
            b.dates
                .iter()
                .filter(|(_, label)| *label != Some(Label::Other))
        };
        let has_date = own_dates().any(|(d, _)| d.value.is_some());
        if has_date {
            dated_lines.push(index);
        }
        if let Some(field) = b
            .value(Label::Author)
            .filter(|f| plausible_name(&f.value) && !data.is_desk_or_rank(&f.value))
        {
            let name_first = field.label_range.0 == field.label_range.1;
            let (score, form) = if name_first {
                (3.5, NAME_BESIDE_DATE)
            } else {
                (3.5, BYLINE_LABEL)
            };
            authors.push(Candidate {
                value: Found {
                    value: field.value.clone(),
                    line: *line,
                    span: Span::new(
                        span.start + field.value_range.0,
                        span.start + field.value_range.1,
                    ),
                },
                index,
                score: score + if has_date { 0.5 } else { 0.0 },
                form,
                beside_author: false,
                alone: false,
            });
        }
        // `3 Jan 2019 02.00 EST Last modified on 16 Jan 2019`: the date before a revision
        // date on its line is the publication date.
        let revised_at = b
            .dates
            .iter()
            .find(|(_, label)| *label == Some(Label::Updated))
            .map(|(d, _)| d.start);
        for (date, label) in own_dates() {
            let before_revision = label.is_none() && revised_at.is_some_and(|at| date.start < at);
            let (score, form) = match label {
                Some(Label::Date) => (3.5, "date label"),
                Some(Label::Updated) => (1.5, "revision date"),
                _ if has_author => (3.5, "date in a byline"),
                _ if before_revision => (3.5, "date before a revision date"),
                _ => (2.5, "dateline"),
            };
            // The day of the crawl, in the site's header, is chrome.
            let score = if label.is_none() && !before_revision && chrome.contains(line) {
                score - 1.0
            } else {
                score
            };
            dates.push(Candidate {
                value: FoundDate::read(date, *label, *line, span.start),
                index,
                score,
                form,
                beside_author: has_author,
                alone: false,
            });
        }
    }
    for (index, &(_, span)) in lines.iter().enumerate() {
        if is_timestamp(doc.slice(span), data) {
            dated_lines.push(index);
        }
    }
    // A name alone on its line, with a date just before or after it; or after a `By` with
    // nothing on its line.
    authors.extend(lone_names::candidates(
        &lone_names::Page {
            doc,
            lines,
            bylines,
            title,
            dated_lines: &dated_lines,
            chrome,
        },
        data,
    ));
    // Notes about the author away from the bylines, wherever they stand.
    let notes = author_notes::author_box(doc, lines, data)
        .map(|place| (place, 3.5, author_notes::AUTHOR_BOX))
        .into_iter()
        .chain(
            author_notes::signature(doc, lines, chrome, data)
                .map(|place| (place, 3.0, author_notes::SIGNATURE)),
        );
    for ((index, line, span), score, form) in notes {
        authors.push(Candidate {
            value: Found {
                value: doc.slice(span).to_string(),
                line,
                span,
            },
            index,
            score,
            form,
            beside_author: false,
            alone: false,
        });
    }
    // `Jane Doe` over `Daily Planet March 3, 2021`: a name alone on its line just above a
    // name beside a date is the person; the name beside the date is the outlet's.
    let outlets: Vec<usize> = authors
        .iter()
        .filter(|c| !c.alone && c.form == NAME_BESIDE_DATE)
        .map(|c| c.index)
        .filter(|&i| {
            authors.iter().any(|a| {
                a.alone && a.form != UNDER_HEADLINE && a.index < i && a.index + NAME_TO_DATE >= i
            })
        })
        .collect();
    for c in &mut authors {
        if !c.alone && outlets.contains(&c.index) {
            c.score = f32::MIN;
        } else if c.alone
            && outlets
                .iter()
                .any(|&i| c.index < i && c.index + NAME_TO_DATE >= i)
        {
            c.score += 1.0;
        }
    }
    if authors.is_empty() && dates.is_empty() {
        return Chosen::default();
    }

    // Where each candidate stands: near the headline, or the article's start, is where
    // bylines are; comments, teaser lists and the text of the article hold other dates.
    let anchor = title.map(|t| index_of(t.line));
    // Finding the article costs: a page whose candidates stand on one line has nothing
    // to choose between, unless it is a name that only the article's start can confirm.
    let mut candidate_lines: Vec<usize> = authors
        .iter()
        .map(|c| c.index)
        .chain(dates.iter().map(|c| c.index))
        .collect();
    candidate_lines.sort_unstable();
    candidate_lines.dedup();
    let layout = if candidate_lines.len() > 1 || authors.iter().any(|c| c.form == UNDER_HEADLINE) {
        layout()
    } else {
        PageLayout::default()
    };
    // Without a layout (a short page, a plain document), the article starts at its first
    // line of prose.
    let is_prose = |&(_, span): &(usize, Span)| {
        let text = doc.slice(span).trim();
        word_count(text) >= MIN_PROSE_WORDS && text.ends_with(['.', '!', '?', '。'])
    };
    // A cookie notice over the headline is prose, but the site's.
    let first_prose = || {
        lines.iter().enumerate().position(|(i, l)| {
            is_prose(l) && !(anchor.is_some_and(|a| i < a) && chrome.contains(&l.0))
        })
    };
    let found_article = layout.article.is_some();
    // An article the layout starts at chrome over the headline (a cookie notice) starts at
    // the first paragraph under it.
    let under_anchor = |(first, last): (usize, usize)| match anchor {
        Some(a) if first < a && chrome.contains(&lines[first].0) => (a + 1..=last)
            .find(|&i| !chrome.contains(&lines[i].0) && is_prose(&lines[i]))
            .map_or((first, last), |first| (first, last)),
        _ => (first, last),
    };
    // Without a layout the article runs from its first line of prose under the headline
    // to the chrome after it (`Kommentare (2)`, `Read more`), where comments and teasers
    // begin. A line of prose above the headline is the site's, and tells nothing.
    let article = layout
        .article
        .map(|(first, last)| under_anchor((index_of(first), index_of(last))))
        .or_else(|| {
            first_prose().map(|first| {
                let under_headline = anchor.is_some_and(|a| a < first);
                let last = (first..lines.len())
                    .find(|&i| under_headline && chrome.contains(&lines[i].0))
                    .map_or(lines.len(), |i| i.saturating_sub(1));
                (first, last)
            })
        });
    let named: Vec<usize> = authors
        .iter()
        .filter(|c| !author_notes::is_note(c.form))
        .map(|c| c.index)
        .collect();
    let teasers = teasers::teaser_items(doc, lines, &named);
    // A comment section under its heading (`3 Kommentare`), however few comments it has.
    let comments_from = article.and_then(|(first, _)| {
        (first + 1..lines.len()).find(|&i| data.is_comment_heading(doc.slice(lines[i].1)))
    });
    let set_aside = |index: usize| {
        let line = lines[index].0;
        comments_from.is_some_and(|from| index > from)
            || layout
                .comments
                .iter()
                .chain(&teasers)
                .any(|&(a, b)| a <= line && line <= b)
    };
    // Lines are counted from the headline by their words: empty list items (`*`) and
    // bare separators between them do not push a byline away from it.
    let mut wordy = Vec::with_capacity(lines.len() + 1);
    let mut count = 0;
    wordy.push(0);
    for &(_, span) in lines {
        count += usize::from(doc.slice(span).chars().any(char::is_alphanumeric));
        wordy.push(count);
    }
    let no_page = !found_article && chrome.is_empty();
    // There, a byline that comes back with other names is each entry's.
    if no_page {
        records::set_aside(doc, &mut authors);
    }
    let place = |index: usize, is_date: bool| -> Option<f32> {
        if set_aside(index) {
            return None;
        }
        let mut score = 0.0;
        // Right above the headline counts too, chrome (`Lesezeit: 3 min`) aside.
        let above = |anchor: usize| {
            index < anchor
                && !chrome.contains(&lines[index].0)
                && (index + 1..anchor).all(|i| chrome.contains(&lines[i].0))
        };
        let near_title = anchor.is_some_and(|anchor| {
            (index >= anchor || above(anchor))
                && wordy[index].saturating_sub(wordy[anchor]) <= NEAR_TITLE
        });
        if near_title {
            score += 1.0;
        }
        // A document with nothing of a page (a change log, a licence, a manual) names its
        // author at its top; further down, a name is an entry's or a part's (`Author:`
        // over each commit of a log, each file of a copyright file).
        if no_page && !near_title && wordy[index] > BYLINE_ZONE {
            return Some(-2.0);
        }
        if let Some((first, last)) = article {
            let before_far = index + 2 * BYLINE_ZONE < first;
            // The headline, a standfirst, a photo's caption and credit and the share
            // buttons, then the byline: on a page, no paragraph but the first before it.
            let under_standfirst = found_article
                && anchor.is_some_and(|a| a < first)
                && index > first
                && index <= last
                && index <= first + BYLINE_ZONE
                && lines[first + 1..index].iter().all(|l| !is_prose(l));
            if index + BYLINE_ZONE >= first
                && (index <= (first + BYLINE_INSIDE).min(last + 1) || under_standfirst)
            {
                if found_article {
                    score += 1.0;
                }
            } else if index > last + 1 {
                // An author box at the end may name the author; dates there are the
                // comments' or the teasers'.
                score -= if is_date { 2.0 } else { 1.0 };
            } else if index > first + BYLINE_INSIDE && index <= last {
                // A date in the text is an event's; in a document with nothing of a page
                // (no article, no chrome: a changelog, a manual), a name deep in the text
                // is an entry's or a credit's, not the byline of the whole.
                score -= if is_date || no_page { 1.5 } else { 0.5 };
            } else if before_far {
                score -= 0.5;
            }
        }
        Some(score)
    };
    let mut best_author: Option<&Candidate<Found>> = None;
    for c in &mut authors {
        match place(c.index, false) {
            // A bare name is a byline where a headline or an article stands by it: in a
            // document with neither (a changelog, a licence), a name beside a date is an
            // entry of a list.
            Some(bonus) if c.alone && bonus <= 0.0 && article.is_none() => {
                c.score += bonus - 0.5;
            }
            // Where an author box or a signature stands tells nothing more than its words
            // do.
            Some(_) if author_notes::is_note(c.form) => {}
            // Without a label, a name and a date after the article are a teaser's or a
            // comment's (`Weitere Meldungen` over a teaser's date).
            Some(bonus)
                if c.form == NAME_BESIDE_DATE
                    && article.is_some_and(|(_, last)| c.index > last + 1) =>
            {
                c.score += bonus - 0.5;
            }
            Some(bonus) => c.score += bonus,
            None => c.score = f32::MIN,
        }
    }
    let best_of = |last_resort: bool| {
        authors
            .iter()
            .filter(|c| c.score >= MIN_SCORE && (c.form == UNDER_HEADLINE) == last_resort)
            .max_by(|a, b| a.score.total_cmp(&b.score).then(b.index.cmp(&a.index)))
    };
    // `Key Takeaways`, `Getty Images`: a heading or a credit reads as a name too, but its
    // words are nouns the text also writes in lower case; a person's name is not. A
    // heading has a list under it (`Quick Facts`, then `* Length: 12 km`), and the name
    // of the article's subject or place (`Bad Homburg`) comes back in its text; the
    // writer's name does not.
    let last_resort_holds = |c: &&Candidate<Found>| {
        let nouns = c.value.value.split_whitespace().any(|word| {
            let lower = word.to_lowercase();
            lower != word
                && lines.iter().any(|&(_, span)| {
                    doc.slice(span)
                        .split(|c: char| !c.is_alphanumeric())
                        .any(|w| w == lower)
                })
        });
        let over_list = lines
            .get(c.index + 1)
            .is_some_and(|&(_, span)| starts_with_list_marker(doc.slice(span).trim_start()));
        let named_again = lines.iter().enumerate().any(|(i, &(_, span))| {
            i != c.index && doc.slice(span).contains(c.value.value.as_str())
        });
        !nouns && !over_list && !named_again
    };
    if let Some(a) = best_of(false).or_else(|| best_of(true).filter(last_resort_holds)) {
        best_author = Some(a);
    }
    // An author box or a signature after the article dates nothing near it: the dates
    // there are a revision's or the comments'.
    let in_byline = best_author.filter(|a| !author_notes::is_note(a.form));
    for c in &mut dates {
        match place(c.index, !c.beside_author) {
            Some(bonus) => c.score += bonus,
            None => c.score = f32::MIN,
        }
        // A date beside the chosen author, or on the line after it, is the byline's.
        if let Some(a) = in_byline
            && c.index + 1 >= a.index
            && c.index <= a.index + NAME_TO_DATE
        {
            let next_to_author = c.index <= a.index + 1;
            c.score += if next_to_author { 1.5 } else { 1.0 };
            c.beside_author |= next_to_author;
        }
        if c.value.date.is_none() {
            c.score -= 1.0;
        }
    }
    // A revision date away from the author (`Last Updated: January 7, 2025` at the foot of
    // a page) is not the publication date, which may be years before it; `M002` suggests
    // it instead. In the author's byline (`By Lang Ping | China Daily | Updated:
    // 2019-04-22`, or on the lines under the name) it is the date the article gives itself.
    // `JUAN PÉREZ`, `Madrid`, `Actualizado Domingo, 7 marzo 2021`: a byline over a few
    // lines, whose only date is a revision's.
    let under_author = |index: usize| {
        in_byline.is_some_and(|a| a.index < index && index <= a.index + NAME_TO_DATE)
    };
    let best_date = dates
        .iter()
        .filter(|c| {
            c.score >= MIN_DATE_SCORE
                && c.value.date.is_some()
                && (c.value.label != Some(Label::Updated)
                    || c.beside_author
                    || under_author(c.index))
        })
        .max_by(|a, b| a.score.total_cmp(&b.score).then(b.index.cmp(&a.index)));

    // Day and month of a numeric date that could swap are read in the order of the
    // document's language; guessing the language costs, so it is guessed only then.
    let order = std::cell::OnceCell::new();
    let reread = |d: &FoundDate| -> FoundDate {
        let mut d = d.clone();
        if let Some(alt) = d.alt {
            let order = *order.get_or_init(|| {
                let texts = lines.iter().map(|&(_, span)| doc.slice(span));
                let stop_words = StopWords::get();
                stop_words
                    .guess(texts)
                    .and_then(|language| data.order(stop_words.code(language)))
            });
            d.date = in_order(&d.text, d.date, Some(alt), order);
        }
        d
    };
    let evidence = |score: f32, form: &'static str| Evidence {
        confidence: if score >= HIGH {
            Confidence::High
        } else if score >= MEDIUM {
            Confidence::Medium
        } else {
            Confidence::Low
        },
        form,
    };
    Chosen {
        author: best_author.map(|c| {
            let mut found = c.value.clone();
            found.value = list_people(&found.value);
            if c.alone {
                for name in co_authors(doc, lines, c.index, data) {
                    found.value = format!("{}, {name}", found.value);
                }
            }
            (found, evidence(c.score, c.form))
        }),
        date: best_date.map(|c| (reread(&c.value), evidence(c.score, c.form))),
        dates: dates
            .iter()
            .filter(|c| {
                (c.value.label.is_some() && c.score > f32::MIN)
                    || best_date.is_some_and(|b| std::ptr::eq(b, *c))
            })
            .map(|c| reread(&c.value))
            .collect(),
        first_line: best_author
            .map(|c| c.value.line)
            .into_iter()
            .chain(best_date.map(|c| c.value.line))
            .min(),
    }
}

mod lone_names;
mod records;
#[cfg(test)]
mod tests;
