//! Reading a byline line: `By Lang Ping | China Daily | Updated: 2019-04-22 08:04`,
//! `Author : Lu Zhongwei Source : Chinese Social Sciences Today 2016-12-05`.

use crate::data::metadata::{FoundDate, Label, MetadataData};
use crate::provenance::cjk_byline::{self, Reporters};
use crate::provenance::labels::{Found, find_labels, is_separator};
use crate::provenance::names::{AFTER_NAMES, ends_names, names_end};
use crate::text::{is_cjk, more_words_than};
use name_first::name_first;
use name_last::name_last;
use name_role::{credited_names, name_then_role};

/// A field read from a byline: the label, and the value with its byte range in the line.
#[derive(Debug, Clone, PartialEq)]
pub struct BylineField {
    pub label: Label,
    /// Byte range of the label in the line.
    pub label_range: (usize, usize),
    /// The value; empty when the label has nothing after it (`By`, `Source of documents:`).
    pub value: String,
    pub value_range: (usize, usize),
}

/// What a byline line holds.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Byline {
    pub fields: Vec<BylineField>,
    /// Dates of the line, and the label each one came under (`None`: no label).
    pub dates: Vec<(FoundDate, Option<Label>)>,
}

impl Byline {
    /// Moves every range `by` bytes on: the byline was read from a line after its first
    /// `by` bytes.
    pub fn shift(&mut self, by: usize) {
        for field in &mut self.fields {
            field.label_range = (field.label_range.0 + by, field.label_range.1 + by);
            field.value_range = (field.value_range.0 + by, field.value_range.1 + by);
        }
        for (date, _) in &mut self.dates {
            (date.start, date.end) = (date.start + by, date.end + by);
        }
    }

    /// A byline that names its authors with no label before them: `Jane Doe, 2021-03-07`.
    fn unlabelled_author(
        value: String,
        range: (usize, usize),
        dates: Vec<(FoundDate, Option<Label>)>,
    ) -> Self {
        Self {
            fields: vec![BylineField {
                label: Label::Author,
                label_range: (range.0, range.0),
                value,
                value_range: range,
            }],
            dates,
        }
    }

    fn of_reporters(found: Reporters) -> Self {
        Self {
            fields: vec![BylineField {
                label: Label::Author,
                label_range: found.label_range,
                value: found.names,
                value_range: found.names_range,
            }],
            dates: Vec::new(),
        }
    }

    /// `Von`, `By` alone on its line: the author's name is on the next.
    pub fn is_lone_author_label(&self) -> bool {
        (self.fields.iter()).any(|f| f.label == Label::Author && f.value.is_empty())
    }

    pub fn value(&self, label: Label) -> Option<&BylineField> {
        self.fields
            .iter()
            .find(|f| f.label == label && !f.value.is_empty())
    }
}

/// Reads `line` as a byline, if it is one: a short line that starts with a field label,
/// or that is a date with little around it.
/// No-break spaces count as spaces; every range of the result is a byte range of `line`.
pub fn parse(line: &str, data: &MetadataData) -> Option<Byline> {
    if !line.contains('\u{a0}') {
        return parse_spaced(line, data);
    }
    let spaced = line.replace('\u{a0}', " ");
    let mut byline = parse_spaced(&spaced, data)?;
    // Where each no-break space stands in `spaced`; each is one byte longer in `line`.
    let replaced: Vec<usize> = line
        .match_indices('\u{a0}')
        .enumerate()
        .map(|(k, (at, _))| at - k)
        .collect();
    let original = |at: usize| at + replaced.partition_point(|&p| p < at);
    for field in &mut byline.fields {
        field.label_range = (original(field.label_range.0), original(field.label_range.1));
        field.value_range = (original(field.value_range.0), original(field.value_range.1));
    }
    for (date, _) in &mut byline.dates {
        (date.start, date.end) = (original(date.start), original(date.end));
    }
    Some(byline)
}

fn parse_spaced(line: &str, data: &MetadataData) -> Option<Byline> {
    // `> On Tue, Aug 19, 2008 at 4:20 AM, Jane Doe wrote:`: a quoted mail's lines are
    // another writer's.
    if line.trim_start().starts_with('>') {
        return None;
    }
    if more_words_than(line, data.max_byline_words) {
        // `新华社北京3月7日电（记者张三）…` opens a paragraph of any length.
        return cjk_byline::in_dateline(line, data).map(Byline::of_reporters);
    }
    let dates = data.find_dates(line);
    // `On Tue, Aug 19, 2008 at 4:20 AM, Jane Doe wrote:` introduces a quotation: a dated
    // line that ends with a colon is no byline.
    if !dates.is_empty() && line.trim_end().ends_with([':', '：']) {
        return None;
    }
    let labels = find_labels(line, data, &dates);
    let lead = line.len() - line.trim_start().len();
    let starts_with_label = labels.first().is_some_and(|f| f.start == lead);
    // `2021年12月15日 10:27 来源：新华网`: a date first, then labels.
    let date_then_labels = !labels.is_empty() && dates.first().is_some_and(|d| d.start == lead);
    let date_only = (dates.len() == 1 && {
        let rest: usize = line.chars().count() - dates[0].text.chars().count();
        rest <= 16 && labels.is_empty()
    }) || (!dates.is_empty() && is_dateline(line, &dates, data));
    // `Le Monde | 04.05.2015 • Par Martin Dupont`: an author label after a separator.
    let author_after_separator = labels.iter().any(|f| {
        f.label == Label::Author
            && !f.empty
            && line[..f.start]
                .trim_end()
                .ends_with(|c: char| is_separator(c) || matches!(c, '—' | '–'))
    });
    let unlabelled = !starts_with_label && !date_then_labels && !author_after_separator;
    let posting = unlabelled && posting_note(line, &labels, &dates, data);
    if posting && let Some(end) = posting_note_end(line, &labels) {
        return parse_spaced(&line[..end], data);
    }
    if unlabelled && !posting {
        if let Some(reporters) = cjk_byline::reporters(line, data) {
            return Some(Byline::of_reporters(reporters));
        }
        // `Thomas Dubois, 2016-05-06` is a date with little around it, and a name first.
        // A name first needs a date, a time, a role after a comma or a handle after it.
        let may_be_name_first = !dates.is_empty()
            || line.contains(", ")
            || line.contains(" / ")
            || line.contains(" | ")
            || line.contains('@')
            || line.bytes().any(|b| b.is_ascii_digit());
        if may_be_name_first && let Some(byline) = name_first(line, data, dates.clone(), &labels) {
            return Some(byline);
        }
        if labels.is_empty()
            && let Some(byline) = name_last(line, &dates, data)
        {
            return Some(byline);
        }
        if dates.is_empty()
            && let Some(byline) = name_then_role(line, data).or_else(|| credited_names(line, data))
        {
            return Some(byline);
        }
        if !date_only {
            return source_in_brackets(line, data);
        }
    }
    let mut byline = Byline::default();
    for (i, found) in labels.iter().enumerate() {
        let end = labels.get(i + 1).map_or(line.len(), |next| next.start);
        let segment_end = segment_end(line, found.value_start, end);
        // A bare `By` must be followed by names: `By Quoting Out-of-context McNally Turns a`
        // is a headline.
        let names = (found.label == Label::Author && !found.empty)
            .then(|| names_at(line, found.value_start, segment_end, &dates, data))
            .flatten();
        if found.bare_by && !found.empty && names.is_none() && found.handle.is_none() {
            // A dated line keeps its date: `Beitrag von Gast » Mo 14. Feb 2022, 16:05`.
            if dates.is_empty() {
                return None;
            }
            continue;
        }
        let date_under = dates
            .iter()
            .find(|d| d.start >= found.value_start && d.start < end);
        let (value, range) = match (found.label, date_under) {
            (Label::Date | Label::Updated, Some(date)) => {
                (date.text.clone(), (date.start, date.end))
            }
            _ if found.empty => (String::new(), (found.value_start, found.value_start)),
            (Label::Author, _) if names.is_some() => names.unwrap_or_default(),
            (Label::Author, _) if let Some((start, end)) = found.handle => {
                (line[start..end].to_string(), (start, end))
            }
            _ => clean_value(line, found.value_start, segment_end, &dates),
        };
        byline.fields.push(BylineField {
            label: found.label,
            label_range: (found.start, found.value_start),
            value,
            value_range: range,
        });
        // An unlabelled segment right after the author is the outlet: `By X | China Daily |`.
        if found.label == Label::Author && segment_end < end {
            let next_start = skip_separators(line, segment_end);
            let next_end = segment_end_of(line, next_start, end);
            let (value, range) = clean_value(line, next_start, next_end, &dates);
            if !value.is_empty()
                && value
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_uppercase() || is_cjk(c))
            {
                byline.fields.push(BylineField {
                    label: Label::Source,
                    label_range: (next_start, next_start),
                    value,
                    value_range: range,
                });
            }
        }
    }
    for date in dates {
        let label = date_label(&labels, &date);
        byline.dates.push((date, label));
    }
    Some(byline)
}

/// `This entry was posted in News on March 7, 2021 by Jane Doe.`, `Dieser Beitrag wurde am
/// 7. März 2021 von Max Mustermann in Allgemein veröffentlicht.`: the note a blog theme
/// writes under a post, a word of publishing (a date label) with a date and the author
/// named right after the date. A sentence with a date and `by` is not enough: `The ban
/// was lifted on March 7 by the court`.
fn posting_note(line: &str, labels: &[Found], dates: &[FoundDate], data: &MetadataData) -> bool {
    let author_after_date = labels.iter().any(|f| {
        f.label == Label::Author
            && !f.empty
            && dates.iter().any(|d| {
                d.end <= f.start && line[d.end..f.start].trim_matches([' ', ',']).is_empty()
            })
    });
    author_after_date
        && line
            .split(|c: char| !c.is_alphabetic())
            .filter(|w| !w.is_empty())
            .any(|w| data.is_date_word(&w.to_lowercase()))
}

/// Where the sentence of a posting note that names the author ends, when more follows
/// it (`... by Jane Doe. Bookmark the permalink.`): the full stop after a word that is no
/// initial.
fn posting_note_end(line: &str, labels: &[Found]) -> Option<usize> {
    let from = labels
        .iter()
        .find(|f| f.label == Label::Author)?
        .value_start;
    line[from..]
        .match_indices('.')
        .map(|(at, _)| from + at)
        .find(|&at| {
            let word = line[..at].rsplit(' ').next().unwrap_or("");
            word.chars().count() > 1
                && line[at + 1..]
                    .chars()
                    .next()
                    .is_none_or(char::is_whitespace)
        })
}

/// The label of `date`: the date or revision label right before it, with no other label
/// between (`Laatste update: 08-03-21`), or the label of a date that is none of the
/// page's (`Registriert seit: 01.01.2010`, [`Label::Other`]).
fn date_label(labels: &[Found], date: &FoundDate) -> Option<Label> {
    labels
        .iter()
        .rev()
        .find(|f| {
            f.start <= date.start && matches!(f.label, Label::Date | Label::Updated | Label::Other)
        })
        .filter(|f| {
            !labels
                .iter()
                .any(|g| g.start > f.start && g.start <= date.start)
        })
        .map(|f| f.label)
}

/// Where the names of `line[start..end]` end: before a role after a comma (`Ingrid
/// Jackson, Staff Writer`, `JANE DOE, Staff Writer`), which is not a name.
fn before_role(line: &str, start: usize, end: usize, data: &MetadataData) -> usize {
    line[start..end]
        .match_indices(", ")
        .map(|(at, _)| start + at)
        .find(|&at| {
            let after = &line[at + 2..end];
            data.is_role(after.split(", ").next().unwrap_or(after))
        })
        .unwrap_or(end)
}

/// Where the names of `line[start..limit]` start: after a role that stands before them
/// (`Redakteurin Anna Schmidt`, `unserem Korrespondenten Max Mustermann`), which is not a
/// name.
fn after_role(line: &str, start: usize, limit: usize, data: &MetadataData) -> usize {
    start + data.role_before_names(&line[start..limit]).unwrap_or(0)
}

/// The names that the value starting at `from` begins with, when they end where the value
/// does or before a handle, a bracket or a date: `Ahiza Garcia` of `by Ahiza Garcia
/// @ahiza_garcia February 1, 2016`.
fn names_at(
    line: &str,
    from: usize,
    limit: usize,
    dates: &[FoundDate],
    data: &MetadataData,
) -> Option<(String, (usize, usize))> {
    let (value, (start, _)) = clean_value(line, from, limit, dates);
    let start = after_role(line, start, limit, data);
    let is_month = |w: &str| data.months.month(w).is_some();
    let end = before_role(
        line,
        start,
        start + names_end(&line[start..limit], &is_month)?,
        data,
    ) - start;
    let rest = &line[start + end..limit];
    if !ends_names(rest) || value.is_empty() {
        return None;
    }
    // In a line in capitals, a capital says nothing: names followed by more words
    // (`BY EXERCISING ANY RIGHTS TO THE WORK`) are a sentence.
    if !line.chars().any(char::is_lowercase)
        && rest
            .split_whitespace()
            .next()
            .is_some_and(|w| w.chars().all(char::is_alphabetic))
    {
        return None;
    }
    let text = &line[start..start + end];
    Some((
        text.split_whitespace().collect::<Vec<_>>().join(" "),
        (start, start + end),
    ))
}

/// A short line with a date that is not a sentence: `AFP 30 avril 2015 à 07:19 (Mis à
/// jour : 30 avril 2015 à 07:38)`.
/// The words of the dates do not count: a line with a publication and a revision date
/// (`Thu 3 Jan 2019 02.00 EST Last modified on Wed 16 Jan 2019 06.16 EST`) is no longer a
/// sentence than one with a date.
fn is_dateline(line: &str, dates: &[FoundDate], data: &MetadataData) -> bool {
    let trimmed = line.trim();
    // `07.03.2021 · Lesezeit: 3 Min.`: a unit's full stop ends no sentence.
    let last_field = trimmed
        .rsplit(|c: char| c == ':' || c == ',' || is_separator(c))
        .next()
        .unwrap_or(trimmed);
    if trimmed.ends_with(['.', '?', '!', '。'])
        && !(trimmed.ends_with('.') && is_timestamp(last_field, data))
    {
        return false;
    }
    let mut words = 0;
    let mut from = 0;
    for date in dates {
        words += line[from..date.start.max(from)].split_whitespace().count();
        from = date.end.max(from);
    }
    words += line[from..].split_whitespace().count();
    words <= data.max_dateline_words
}

/// A time or an age with little else: `1:39 PM ET`, `8h`, `14 min read`, `1 day ago`,
/// `před 2 hodinami`; what stands beside a name where a date would.
pub fn is_timestamp(text: &str, data: &MetadataData) -> bool {
    let text = text.trim();
    if text.len() > 48 {
        return false;
    }
    let words = text.split_whitespace().count();
    if words == 0 || words > 5 || !text.bytes().any(|b| b.is_ascii_digit()) {
        return false;
    }
    let time = text
        .as_bytes()
        .windows(3)
        .any(|w| w[0].is_ascii_digit() && w[1] == b':' && w[2].is_ascii_digit());
    // `8h`, `14 min`, `2 hodinami`: a number and a unit, and at most two more words.
    let words: Vec<&str> = text.split_whitespace().collect();
    // `Std.`, `min,`: a unit as the data lists it.
    let is_unit = |w: &str| {
        let w = w.trim_end_matches(['.', ',']);
        w.len() <= 16 && data.age_units.contains(&w.to_lowercase())
    };
    let age = words.iter().enumerate().any(|(i, w)| {
        let unit = w.trim_start_matches(|c: char| c.is_ascii_digit());
        // An age is counted in few digits: `29263 for` is an issue number.
        let number = unit.len() < w.len() && w.len() - unit.len() <= 3;
        // Units glued to their number are written in lower case (`8h`, `3d`, `5min`);
        // `2U`, `4K` and `3D` are names of things.
        let glued = !unit.is_empty() && unit.chars().all(char::is_lowercase) && is_unit(unit);
        let spaced = unit.is_empty() && words.get(i + 1).is_some_and(|next| is_unit(next));
        number && (glued || spaced)
    }) && (words.len() <= 2
        // `5 hours ago`, but not `11 for most builds`.
        || (words.len() <= 3 && words[0].starts_with(|c: char| c.is_ascii_digit()))
        // `před 2 hodinami`, `vor 3 Stunden`: lower-case words, the number, and its unit
        // last.
        || (words.len() >= 3
            && words[words.len() - 2].bytes().all(|b| b.is_ascii_digit())
            && words[..words.len() - 2]
                .iter()
                .all(|w| w.chars().all(char::is_lowercase))));
    time || age
}

/// `(Associated Press)`: a source alone in brackets.
fn source_in_brackets(line: &str, data: &MetadataData) -> Option<Byline> {
    let caps = data.source_in_brackets.captures(line.trim())?;
    let source = caps.name("source")?;
    let offset = line.len() - line.trim_start().len();
    Some(Byline {
        fields: vec![BylineField {
            label: Label::Source,
            label_range: (offset, offset),
            value: source.as_str().trim().to_string(),
            value_range: (offset + source.start(), offset + source.end()),
        }],
        dates: Vec::new(),
    })
}

/// The end of the value that starts at `from`: the next separator, or a run of two or
/// more spaces, before `limit`.
fn segment_end(line: &str, from: usize, limit: usize) -> usize {
    segment_end_of(line, from, limit)
}

fn segment_end_of(line: &str, from: usize, limit: usize) -> usize {
    let text = &line[from..limit];
    let mut seen_text = false;
    let mut previous_space = false;
    for (i, c) in text.char_indices() {
        // `pierrot59 » mar. 8 sept. 2020`: a forum's post header.
        let guillemet = c == '»' && previous_space;
        if (is_separator(c) || guillemet) && seen_text {
            return from + i;
        }
        let space = c.is_whitespace();
        if space && previous_space && seen_text {
            return from + i - 1;
        }
        previous_space = space;
        seen_text |= !space && !is_separator(c);
    }
    limit
}

fn skip_separators(line: &str, from: usize) -> usize {
    from + line[from..].len()
        - line[from..]
            .trim_start_matches(|c: char| c.is_whitespace() || is_separator(c))
            .len()
}

/// The value between `start` and `end` without dates, separators, and connector words
/// left at its end (`jdoe on` of `Posted by jdoe on March 3, 2022`).
fn clean_value(
    line: &str,
    start: usize,
    end: usize,
    dates: &[FoundDate],
) -> (String, (usize, usize)) {
    let mut end = end;
    for date in dates {
        if date.start >= start && date.start < end {
            end = date.start;
        }
    }
    let raw = &line[start..end];
    let trim = |c: char| {
        c.is_whitespace() || is_separator(c) || matches!(c, ',' | ':' | '：' | '-' | '–' | '—')
    };
    let mut value = raw.trim_matches(trim);
    // `jdoe am` of `Geschrieben von jdoe am 7. März 2021`: a user name is not capitalised,
    // so the names do not end before the word that leads to the date.
    for connector in AFTER_NAMES.iter().chain(&["from", "and"]) {
        if let Some(stripped) = value.strip_suffix(connector)
            && stripped.ends_with(' ')
        {
            value = stripped.trim_end_matches(trim);
        }
    }
    let offset = start + raw.find(value).unwrap_or(0);
    let collapsed = value.split_whitespace().collect::<Vec<_>>().join(" ");
    (collapsed, (offset, offset + value.len()))
}

mod name_first;
mod name_last;
mod name_role;
#[cfg(test)]
mod platform_tests;
#[cfg(test)]
mod role_tests;
#[cfg(test)]
mod tests;
