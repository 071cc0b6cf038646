//! The provenance data of `rules/metadata.toml`: field labels and date patterns, with the
//! month names of `rules/dates.toml`.

use chrono::{Datelike, NaiveDate};
use regex::Regex;
use rustc_hash::FxHashMap;
use serde::Deserialize;

use super::dates::{self, Months, Order};
use people::MIN_ROLE_SUFFIX_CHARS;

pub const METADATA_TOML: &str = include_str!("../../rules/metadata.toml");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    max_byline_words: usize,
    max_dateline_words: usize,
    name_labels: Vec<String>,
    after_date_labels: Vec<String>,
    name_first_roles: Vec<String>,
    roles_before_names: Vec<String>,
    author_box: Vec<String>,
    comment_headings: Vec<String>,
    age_units: Vec<String>,
    desks: Vec<String>,
    ranks: Vec<String>,
    agency_joiners: Vec<String>,
    dateline: String,
    source_in_brackets: String,
    labels: Labels,
    date: Vec<DateEntry>,
}

/// A file of the user's beside `rules/metadata.toml` and `rules/dates.toml`: byline labels
/// and month names of their own.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UserFile {
    /// Labels added to those of `rules/metadata.toml`.
    #[serde(default)]
    pub labels: UserLabels,
    /// Labels that take a name after a space (`By`-like), added to `name_labels`.
    #[serde(default)]
    pub name_labels: Vec<String>,
    /// Words that take a name only after a date on its line, added to `after_date_labels`.
    #[serde(default)]
    pub after_date_labels: Vec<String>,
    /// Headings of an author box, added to `author_box`.
    #[serde(default)]
    pub author_box: Vec<String>,
    /// Headings of a comment section, added to `comment_headings`.
    #[serde(default)]
    pub comment_headings: Vec<String>,
    /// Units of an age beside a name, added to `age_units`.
    #[serde(default)]
    pub age_units: Vec<String>,
    /// Names of a newsroom's desks, added to `desks`.
    #[serde(default)]
    pub desks: Vec<String>,
    /// A forum member's ranks, added to `ranks`.
    #[serde(default)]
    pub ranks: Vec<String>,
    /// Words that join an agency to the author's name, added to `agency_joiners`.
    #[serde(default)]
    pub agency_joiners: Vec<String>,
    /// Month names and date orders, as in `rules/dates.toml`.
    #[serde(default)]
    pub language: Vec<dates::LanguageEntry>,
}

/// Labels of a user's file: every list may be left out.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct UserLabels {
    pub author: Vec<String>,
    pub date: Vec<String>,
    pub updated: Vec<String>,
    pub source: Vec<String>,
    pub other: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Labels {
    pub author: Vec<String>,
    pub date: Vec<String>,
    pub updated: Vec<String>,
    pub source: Vec<String>,
    pub other: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DateEntry {
    id: String,
    #[allow(dead_code)]
    description: String,
    regex: String,
    formats: Vec<String>,
}

/// What a label introduces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Label {
    Author,
    Date,
    Updated,
    Source,
    Other,
}

#[derive(Debug)]
pub struct DatePattern {
    pub id: String,
    pub regex: Regex,
    pub formats: Vec<String>,
}

/// Compiled provenance data.
#[derive(Debug)]
pub struct MetadataData {
    pub max_byline_words: usize,
    /// A line with a date and at most this many words, not a sentence, is a dateline.
    pub max_dateline_words: usize,
    /// Roles that may follow a name at the start of a byline: `Jane Doe, Staff Writer`.
    pub name_first_roles: Vec<String>,
    /// The one-word roles of `name_first_roles` long enough to end a compound
    /// (`Politikredakteurin`).
    role_suffixes: Vec<String>,
    /// A newsroom's desks (`Redaktion`, `Redacción Bogotá`): no person.
    desks: Vec<String>,
    /// A forum member's ranks (`Erfahrener Benutzer`, `Senior Member`): no person.
    ranks: Vec<String>,
    /// Words that join an agency to the author's name: `Jean Dupont avec AFP`.
    agency_joiners: Vec<String>,
    /// Roles that may stand between a byline label and the names, alone or as the end of
    /// a compound: `Von Redakteurin Anna Schmidt`, `Von FOCUS-online-Autor Max Muster`.
    pub roles_before_names: Vec<String>,
    /// A dateline naming the source: `LONDON (Reuters) — `.
    pub dateline: Regex,
    /// A source alone in brackets on its line: `(Associated Press)`.
    pub source_in_brackets: Regex,
    /// (label in lower case, what it introduces), longest first so `posted by` wins over `posted`.
    pub labels: Vec<(String, Label)>,
    /// For the first two characters of a label, the indices of the labels they start, in
    /// the order of `labels`: a word of a line is compared with those only.
    pub labels_by_first: FxHashMap<(char, char), Vec<usize>>,
    /// Labels that take a name after a space: `By Lang Ping`, `Von Anna Schmidt`.
    pub name_labels: Vec<String>,
    /// Name labels that count only after a date on the line: `… 7 marzo 2021 da Mario Rossi`.
    pub after_date_labels: Vec<String>,
    /// Headings of an author box, in lower case: `about the author`, `über die autorin`.
    pub author_box: Vec<String>,
    /// Headings of a comment section, in lower case: `comments`, `leserkommentare`.
    pub comment_headings: Vec<String>,
    /// Units of an age beside a name, in lower case: `min`, `stunden`, `hodinami`.
    pub age_units: rustc_hash::FxHashSet<String>,
    pub dates: Vec<DatePattern>,
    /// The year the data was loaded in, which decides the century of `03/04/21`: read once,
    /// not at every date.
    this_year: i32,
    /// Month names and date orders of many languages.
    pub months: Months,
}

impl MetadataData {
    pub fn builtin() -> Result<Self, String> {
        Self::parse(METADATA_TOML)
    }

    /// The built-in data, compiled once, for tests.
    #[cfg(test)]
    pub fn for_tests() -> &'static Self {
        static DATA: std::sync::OnceLock<MetadataData> = std::sync::OnceLock::new();
        DATA.get_or_init(|| Self::builtin().expect("rules/metadata.toml"))
    }

    pub fn parse(text: &str) -> Result<Self, String> {
        Self::with_user(text, &[])
    }

    /// The built-in data with the user's files (`(path, contents)`) added: their labels
    /// beside the built-in ones, their month names after those of `rules/dates.toml`.
    pub fn builtin_with(user: &[(&str, &str)]) -> Result<Self, String> {
        let files = user
            .iter()
            .map(|(path, text)| {
                toml::from_str::<UserFile>(text).map_err(|e| format!("{path}: {}", e.message()))
            })
            .collect::<Result<Vec<_>, _>>()?;
        Self::with_user(METADATA_TOML, &files)
    }

    fn with_user(text: &str, user: &[UserFile]) -> Result<Self, String> {
        let file: File = toml::from_str(text).map_err(|e| e.to_string())?;
        let mut labels = Vec::new();
        let groups = [
            (&file.labels.author, Label::Author),
            (&file.labels.date, Label::Date),
            (&file.labels.updated, Label::Updated),
            (&file.labels.source, Label::Source),
            (&file.labels.other, Label::Other),
        ];
        for (words, label) in groups {
            labels.extend(words.iter().map(|w| (w.to_lowercase(), label)));
        }
        let lower = |list: &[String]| list.iter().map(|l| l.to_lowercase()).collect::<Vec<_>>();
        let mut after_date_labels = lower(&file.after_date_labels);
        let mut name_labels = lower(&file.name_labels);
        let mut author_box = lower(&file.author_box);
        let mut comment_headings = lower(&file.comment_headings);
        let mut age_units = lower(&file.age_units);
        let mut desks = lower(&file.desks);
        let mut ranks = lower(&file.ranks);
        let mut agency_joiners = lower(&file.agency_joiners);
        let mut months =
            Months::parse(dates::DATES_TOML).map_err(|e| format!("rules/dates.toml: {e}"))?;
        for extra in user {
            let groups = [
                (&extra.labels.author, Label::Author),
                (&extra.labels.date, Label::Date),
                (&extra.labels.updated, Label::Updated),
                (&extra.labels.source, Label::Source),
                (&extra.labels.other, Label::Other),
            ];
            for (words, label) in groups {
                labels.extend(words.iter().map(|w| (w.to_lowercase(), label)));
            }
            name_labels.extend(lower(&extra.name_labels));
            after_date_labels.extend(lower(&extra.after_date_labels));
            author_box.extend(lower(&extra.author_box));
            comment_headings.extend(lower(&extra.comment_headings));
            age_units.extend(lower(&extra.age_units));
            desks.extend(lower(&extra.desks));
            ranks.extend(lower(&extra.ranks));
            agency_joiners.extend(lower(&extra.agency_joiners));
            for language in &extra.language {
                months.add(language)?;
            }
        }
        labels.extend(after_date_labels.iter().map(|l| (l.clone(), Label::Author)));
        name_labels.extend(after_date_labels.iter().cloned());
        labels.sort_by(|a, b| {
            b.0.chars()
                .count()
                .cmp(&a.0.chars().count())
                .then(a.0.cmp(&b.0))
        });
        labels.dedup();
        let mut labels_by_first: FxHashMap<(char, char), Vec<usize>> = FxHashMap::default();
        for (i, (label, _)) in labels.iter().enumerate() {
            let mut chars = label.chars();
            match (chars.next(), chars.next()) {
                (Some(a), Some(b)) => labels_by_first.entry((a, b)).or_default().push(i),
                _ => {
                    return Err(format!(
                        "label `{label}`: a label has two characters or more"
                    ));
                }
            }
        }
        let dates = file
            .date
            .into_iter()
            .map(|d| {
                let regex = Regex::new(&d.regex).map_err(|e| format!("date `{}`: {e}", d.id))?;
                Ok(DatePattern {
                    id: d.id,
                    regex,
                    formats: d.formats,
                })
            })
            .collect::<Result<_, String>>()?;
        let name_first_roles = lower(&file.name_first_roles);
        Ok(Self {
            max_byline_words: file.max_byline_words,
            max_dateline_words: file.max_dateline_words,
            role_suffixes: name_first_roles
                .iter()
                .filter(|r| r.chars().count() >= MIN_ROLE_SUFFIX_CHARS && !r.contains(' '))
                .cloned()
                .collect(),
            name_first_roles,
            roles_before_names: lower(&file.roles_before_names),
            desks,
            ranks,
            agency_joiners,
            dateline: Regex::new(&file.dateline).map_err(|e| format!("dateline: {e}"))?,
            source_in_brackets: Regex::new(&file.source_in_brackets)
                .map_err(|e| format!("source_in_brackets: {e}"))?,
            labels,
            labels_by_first,
            name_labels,
            after_date_labels,
            author_box,
            comment_headings,
            age_units: age_units.into_iter().collect(),
            dates,
            this_year: chrono::Local::now().year(),
            months,
        })
    }

    /// Whether `line` is the heading of an author box: `About the author`, `## Über die
    /// Autorin:`.
    pub fn is_author_box_heading(&self, line: &str) -> bool {
        let heading = line
            .trim()
            .trim_start_matches(['#', '*', '=', ' '])
            .trim_end_matches([':', '：', '*', '#', ' ']);
        is_listed(&self.author_box, heading)
    }

    /// Whether `word` (lower case) is a one-word label of the publication date:
    /// `posted`, `veröffentlicht`, `publié`.
    pub fn is_date_word(&self, word: &str) -> bool {
        self.labels
            .iter()
            .any(|(label, kind)| *kind == Label::Date && label == word)
    }

    /// What the label `text` introduces, matched whole and in any case: `Foto` gives
    /// [`Label::Other`], `Text` [`Label::Author`].
    pub fn label_of(&self, text: &str) -> Option<Label> {
        let lower = text.trim().to_lowercase();
        self.labels
            .iter()
            .find(|(l, _)| *l == lower)
            .map(|(_, kind)| *kind)
    }

    /// Whether `line` is the heading of a comment section: `Comments`, `3 Kommentare`,
    /// `Commentaires (12)`, `## Leave a Reply:`.
    pub fn is_comment_heading(&self, line: &str) -> bool {
        let counted = |c: char| c.is_ascii_digit() || c.is_whitespace() || "()[]".contains(c);
        // `## Comments`, `3 Kommentare`, `* Kommentare: 2`, `Comments (4)`.
        let heading = line
            .trim()
            .trim_start_matches(['#', '=', ' ', '*', '•'])
            .trim_matches(counted)
            .trim_end_matches([':', '：', '#', ' '])
            .trim_matches(counted);
        is_listed(&self.comment_headings, heading)
    }

    /// Every date in `line`: its byte range and, when it parses, its value. Numeric dates
    /// whose day and month could swap are read month first with slashes, day first with
    /// full stops, and keep the other reading.
    pub fn find_dates(&self, line: &str) -> Vec<FoundDate> {
        let mut found: Vec<FoundDate> = Vec::new();
        // Every date form has a digit: most lines of a corpus have none.
        if !line.bytes().any(|b| b.is_ascii_digit()) {
            return found;
        }
        for date in dates::named_dates(line, &self.months) {
            found.push(FoundDate {
                start: date.start,
                end: date.end,
                text: line[date.start..date.end].to_string(),
                value: NaiveDate::from_ymd_opt(date.year, date.month, date.day),
                alt: None,
            });
        }
        for pattern in &self.dates {
            for caps in pattern.regex.captures_iter(line) {
                let Some(m) = caps.name("date").or_else(|| caps.get(0)) else {
                    continue;
                };
                if found.iter().any(|f| f.start < m.end() && m.start() < f.end) {
                    continue;
                }
                let (value, alt) = if let (Some(a), Some(b), Some(year)) =
                    (caps.name("a"), caps.name("b"), caps.name("year"))
                {
                    // `1.2.10` of a version, `10.0.0.15` of an address, `1-2-10-4` of a
                    // part number: no date.
                    let before = line[..m.start()].chars().next_back();
                    let after = line[m.end()..].chars().take(2).collect::<String>();
                    let dashed = m.as_str().contains('-');
                    let joined = |c: char| matches!(c, '.' | '/') || (dashed && c == '-');
                    if before
                        .is_some_and(|c| c.is_ascii_digit() || c == '.' || (dashed && c == '-'))
                        || (after.starts_with(joined)
                            && after[1..].starts_with(|c: char| c.is_ascii_digit()))
                    {
                        continue;
                    }
                    let slash = caps.name("sep").is_some_and(|s| s.as_str() == "/");
                    let Some(readings) =
                        numeric(a.as_str(), b.as_str(), year.as_str(), self.this_year)
                    else {
                        continue;
                    };
                    let (day_first, month_first) = readings;
                    // `kernel 2.6.24`, `since 2.8.12-2`: with full stops and a two-digit
                    // year, a day and a month of one digit each are a version's numbers;
                    // dates pad them (`07.03.21`).
                    let dotted = caps
                        .name("sep")
                        .is_some_and(|s| s.as_str().starts_with('.'));
                    let short_year = year.as_str().len() == 2;
                    if short_year
                        && ((day_first.is_none() && month_first.is_none())
                            || (dotted && a.as_str().len() == 1 && b.as_str().len() == 1))
                    {
                        continue;
                    }
                    match (slash, day_first, month_first) {
                        (_, Some(d), Some(m)) if d != m => {
                            if slash {
                                (Some(m), Some(d))
                            } else {
                                (Some(d), Some(m))
                            }
                        }
                        (true, d, m) => (m.or(d), None),
                        (false, d, m) => (d.or(m), None),
                    }
                } else {
                    let text = normalise_date(m.as_str());
                    let value = pattern
                        .formats
                        .iter()
                        .find_map(|format| NaiveDate::parse_from_str(&text, format).ok());
                    (value, None)
                };
                found.push(FoundDate {
                    start: m.start(),
                    end: m.end(),
                    text: m.as_str().to_string(),
                    value,
                    alt,
                });
            }
        }
        found.sort_by_key(|f| f.start);
        found
    }

    /// The numeric date order of the language with ISO 639-1 code `code`.
    pub fn order(&self, code: &str) -> Option<Order> {
        self.months.order(code)
    }
}

/// A numeric date read day first and month first; a two-digit year is of this century
/// unless that puts it after `this_year`.
fn numeric(
    a: &str,
    b: &str,
    year: &str,
    this_year: i32,
) -> Option<(Option<NaiveDate>, Option<NaiveDate>)> {
    let (a, b): (u32, u32) = (a.parse().ok()?, b.parse().ok()?);
    let mut year: i32 = year.parse().ok()?;
    if year < 100 {
        year += if 2000 + year <= this_year { 2000 } else { 1900 };
    }
    Some((
        NaiveDate::from_ymd_opt(year, b, a),
        NaiveDate::from_ymd_opt(year, a, b),
    ))
}

/// A date written in a line.
#[derive(Debug, Clone, PartialEq)]
pub struct FoundDate {
    pub start: usize,
    pub end: usize,
    pub text: String,
    /// `None` when the text looks like a date and is not one (`2019-13-45`).
    pub value: Option<NaiveDate>,
    /// The other reading of a numeric date whose day and month could swap (`03/04/2021`).
    pub alt: Option<NaiveDate>,
}

impl FoundDate {
    /// The value in a document whose dates are written in `order`.
    pub fn in_order(&self, order: Option<Order>) -> Option<NaiveDate> {
        in_order(&self.text, self.value, self.alt, order)
    }
}

/// The value of the date written `text`, read `value` (month first with slashes, day first
/// otherwise) or `alt`, in a document whose dates are written in `order`.
pub fn in_order(
    text: &str,
    value: Option<NaiveDate>,
    alt: Option<NaiveDate>,
    order: Option<Order>,
) -> Option<NaiveDate> {
    let Some(alt) = alt else {
        return value;
    };
    match (order, text.contains('/')) {
        (Some(Order::Mdy), false) | (Some(Order::Dmy | Order::Ymd), true) => Some(alt),
        _ => value,
    }
}

/// `Wed Nov. 13th, 2013` → `Nov 13 2013`: month names cut to three letters, ordinals,
/// full stops and commas gone, so one format parses every spelling.
fn normalise_date(text: &str) -> String {
    let mut words = Vec::new();
    for word in text.split(|c: char| c.is_whitespace() || c == ',') {
        let word = word.trim_end_matches('.');
        if word.is_empty() {
            continue;
        }
        if word.chars().all(|c| c.is_ascii_alphabetic()) {
            words.push(word.chars().take(3).collect());
        } else if let Some(digits) = word
            .strip_suffix("st")
            .or_else(|| word.strip_suffix("nd"))
            .or_else(|| word.strip_suffix("rd"))
            .or_else(|| word.strip_suffix("th"))
            .filter(|d| d.chars().all(|c| c.is_ascii_digit()))
        {
            words.push(digits.to_string());
        } else {
            words.push(word.to_string());
        }
    }
    words.join(" ")
}

/// Whether `heading`, a line without its marks, is one of the headings of `list` (in lower
/// case): a heading is short, and a longer line is a sentence that begins like one.
fn is_listed(list: &[String], heading: &str) -> bool {
    if heading.len() > 64 {
        return false;
    }
    // Asked of most short lines of a corpus: an ASCII one is lowered a byte at a time as
    // it is compared, into no new string.
    if heading.is_ascii() {
        return list.iter().any(|entry| {
            entry.len() == heading.len()
                && entry
                    .bytes()
                    .zip(heading.bytes())
                    .all(|(a, b)| a == b.to_ascii_lowercase())
        });
    }
    list.contains(&heading.to_lowercase())
}

mod people;
#[cfg(test)]
mod tests;
