//! Names alone on their lines as author candidates: `Jane Doe` over a date, a forum's
//! `heizungsfreund` by the date of its post, the name after a lone `By`, and, as a last
//! resort, a name between the headline and the article.

use super::{
    BYLINE_LABEL, Candidate, Found, LAST_RESORT, NAME_BESIDE_DATE, NAME_TO_DATE, NEXT_TO_DATE,
    UNDER_HEADLINE,
};
use crate::data::metadata::{Label, MetadataData};
use crate::document::Document;
use crate::provenance::byline::Byline;
use crate::provenance::name_lines::name_on_line;
use crate::provenance::names::{is_coined_user_name, is_user_name};
use crate::text::span::Span;
use rustc_hash::FxHashSet;

/// What the candidates of a page are read against.
pub(super) struct Page<'a> {
    pub doc: &'a Document,
    /// Content lines: (0-based line, span).
    pub lines: &'a [(usize, Span)],
    pub bylines: &'a [(usize, Span, Byline)],
    pub title: Option<&'a Found>,
    /// Indexes (among `lines`) of the lines with a date.
    pub dated_lines: &'a [usize],
    pub chrome: &'a FxHashSet<usize>,
}

/// The names alone on their lines of `page` that may be its author.
pub(super) fn candidates(page: &Page<'_>, data: &MetadataData) -> Vec<Candidate<Found>> {
    let Page {
        doc,
        lines,
        bylines,
        title,
        dated_lines,
        chrome,
    } = *page;
    let mut authors = Vec::new();
    for (index, &(line, span)) in lines.iter().enumerate() {
        let after_by = index
            .checked_sub(1)
            .and_then(|i| bylines.iter().find(|(l, _, _)| *l == lines[i].0))
            .is_some_and(|(_, _, b)| b.is_lone_author_label());
        // Where a name can be a byline (after a `By`, by a date, under the headline off the
        // chrome), asked first: reading a line as names costs more, and the menus and
        // footers of a page are lines of capitalised words.
        let may_be_byline = after_by
            || dated_lines
                .iter()
                .any(|&d| d.abs_diff(index) <= NAME_TO_DATE)
            || (title.is_some_and(|t| t.line < line) && !chrome.contains(&line));
        if !may_be_byline {
            continue;
        }
        let name = name_on_line(doc.slice(span), data);
        let trimmed = doc.slice(span).trim();
        // `Themenstarter` / `DieselDieter`: under a label alone, a forum's user name.
        let user = name.is_none() && is_user_name(trimmed);
        let Some(text) = name.or_else(|| user.then_some(trimmed)) else {
            continue;
        };
        if title.is_some_and(|t| t.line == line) || bylines.iter().any(|(l, _, _)| *l == line) {
            continue;
        }
        // `Alle Beiträge`, `Sabine Kraus`, `12. Apr. 2021`: of two names over a date, the
        // one next to it is the byline's.
        let next_to_date = dated_lines.iter().any(|&d| d.abs_diff(index) == 1);
        // `heizungsfreund` / `07.03.2021, 09:15`: right by a date that names nobody, a word
        // only a user would take for a name (`Politik` over the date is a section; `cheers`
        // over `Chris Waters, 8 Dec 2002` signs a letter).
        let bare_date_by = |i: usize| {
            dated_lines.contains(&i)
                && !bylines
                    .iter()
                    .any(|(l, _, b)| *l == lines[i].0 && b.value(Label::Author).is_some())
        };
        let lone_user = || {
            is_coined_user_name(trimmed)
                && (index.checked_sub(1).is_some_and(bare_date_by) || bare_date_by(index + 1))
                && !chrome.contains(&line)
                && data.months.month(trimmed).is_none()
                && data.label_of(trimmed).is_none()
                && !named_in_text(doc, lines, trimmed)
        };
        if user && !after_by && !lone_user() {
            continue;
        }
        // A name and a date make one byline when the headline does not stand between
        // them: a section's name over the headline (`Marketing Strategy`) is no byline of
        // the date under it.
        let title_between = |d: usize| {
            title.is_some_and(|t| {
                let (a, b) = (lines[d.min(index)].0, lines[d.max(index)].0);
                a < t.line && t.line < b
            })
        };
        let near_date = dated_lines
            .iter()
            .any(|&d| d.abs_diff(index) <= NAME_TO_DATE && !title_between(d));
        // With no date by it, a name alone under the headline (`Dave Steer` between a
        // standfirst and the text) is the last resort: taken only where the article starts
        // right under it and nothing else names anyone.
        let under_headline = !after_by
            && !near_date
            && title.is_some_and(|t| t.line < line)
            && !chrome.contains(&line);
        // A desk (`Redaktion`) or a role (`Transport Correspondent` under the name) is no
        // person.
        if (!after_by && !near_date && !under_headline)
            || data.is_desk_or_rank(text)
            || data.is_role(text)
        {
            continue;
        }
        // A page opens with the site's name (`Harbour Tools Blog`, then a section and the
        // date over the headline); a byline there stands right by its date.
        // Nor is the first line when the date and the headline follow it: a blog's name
        // over the date of its post (`Silicon Exposed`, `Sunday, May 8, 2016`, then the
        // headline).
        let date_over_title = || {
            title.is_some_and(|t| {
                dated_lines
                    .iter()
                    .any(|&d| d == index + 1 && lines.get(d + 1).is_some_and(|l| l.0 == t.line))
            })
        };
        if index == 0
            && !after_by
            && title.is_some_and(|t| t.line > line)
            && (!next_to_date || date_over_title())
        {
            continue;
        }
        let offset = doc.slice(span).find(text).unwrap_or(0);
        authors.push(Candidate {
            value: Found {
                value: text.split_whitespace().collect::<Vec<_>>().join(" "),
                line,
                span: Span::new(span.start + offset, span.start + offset + text.len()),
            },
            index,
            // Chrome finders see menus and buttons (`Share Tweet Share`, `Buy Now`) in
            // capitalised lines; a bare name is a byline only on a line they left.
            score: if after_by {
                3.5
            } else if under_headline {
                LAST_RESORT
            } else if chrome.contains(&line) {
                2.0
            } else {
                3.0
            } + if next_to_date { NEXT_TO_DATE } else { 0.0 },
            form: if after_by {
                BYLINE_LABEL
            } else if under_headline {
                UNDER_HEADLINE
            } else {
                NAME_BESIDE_DATE
            },
            beside_author: false,
            alone: true,
        });
    }
    authors
}

/// Whether the text writes `word` other than alone on a line: a product or a project
/// (`remoteStorage` over a date, then `Internet-Draft remoteStorage December 2014`) is
/// named in its text; a user's name stands alone over each of their posts.
fn named_in_text(doc: &Document, lines: &[(usize, Span)], word: &str) -> bool {
    lines.iter().any(|&(_, span)| {
        let text = doc.slice(span);
        text.trim() != word
            && text
                .split(|c: char| !(c.is_alphanumeric() || c == '_'))
                .any(|w| w == word)
    })
}
