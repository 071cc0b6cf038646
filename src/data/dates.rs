//! Month names and date orders of `rules/dates.toml` (generated from CLDR), and the dates
//! written with a month name: `7. März 2021`, `1 de diciembre de 2017`, `March 7, 2021`,
//! `21.dez.2018`, `2021. március 7.`.

use rustc_hash::FxHashMap;
use serde::Deserialize;

pub const DATES_TOML: &str = include_str!("../../rules/dates.toml");

/// The order of day, month and year in a numeric date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Order {
    Dmy,
    Mdy,
    Ymd,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    language: Vec<LanguageEntry>,
}

/// A language's month names and date order, as `rules/dates.toml` and the user's files
/// give them.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LanguageEntry {
    /// ISO 639-1 code, as the stop word lists name languages.
    pub code: String,
    /// The order of its numeric dates; a user's entry for a known language may leave it out.
    #[serde(default)]
    pub order: Option<Order>,
    /// Twelve lists of spellings, January first.
    pub months: Vec<Vec<String>>,
}

/// Month names of every language, and each language's date order.
#[derive(Debug, Default)]
pub struct Months {
    /// Lower-case spelling (no final full stop) → month, 1 to 12.
    names: FxHashMap<String, u32>,
    /// ISO 639-1 code → order of its numeric dates.
    orders: FxHashMap<String, Order>,
    /// Bytes of the longest spelling: longer words are not looked up.
    longest: usize,
}

impl Months {
    pub fn parse(text: &str) -> Result<Self, String> {
        let file: File = toml::from_str(text).map_err(|e| e.to_string())?;
        let mut months = Months::default();
        for language in &file.language {
            if language.order.is_none() {
                return Err(format!("language `{}`: no order", language.code));
            }
            months.add(language)?;
        }
        Ok(months)
    }

    /// Adds a language's spellings, and its order when it gives one; the spellings of
    /// languages added before keep their month.
    pub fn add(&mut self, language: &LanguageEntry) -> Result<(), String> {
        if language.months.len() != 12 {
            return Err(format!("language `{}`: not 12 months", language.code));
        }
        for (i, spellings) in language.months.iter().enumerate() {
            for name in spellings {
                let name = name.to_lowercase();
                let name = name.strip_suffix('.').unwrap_or(&name);
                if name.is_empty() {
                    continue;
                }
                self.longest = self.longest.max(name.len());
                // The first language to spell a month so keeps it.
                self.names
                    .entry(name.to_string())
                    .or_insert(u32::try_from(i + 1).unwrap_or(1));
            }
        }
        if let Some(order) = language.order {
            self.orders.insert(language.code.clone(), order);
        }
        Ok(())
    }

    /// The month `word` names, in any case, with or without a final full stop.
    pub fn month(&self, word: &str) -> Option<u32> {
        let word = word.strip_suffix('.').unwrap_or(word);
        if word.is_empty() || word.len() > self.longest {
            return None;
        }
        if word.chars().all(|c| !c.is_uppercase()) {
            return self.names.get(word).copied();
        }
        self.names.get(&word.to_lowercase()).copied()
    }

    /// The numeric date order of the language with ISO 639-1 code `code`.
    pub fn order(&self, code: &str) -> Option<Order> {
        self.orders.get(code).copied()
    }
}

/// A token of a line: a run of letters, a run of digits, or one other character.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Token<'a> {
    Word(&'a str),
    Number(&'a str),
    Mark(char),
}

fn tokens(line: &str) -> Vec<(usize, usize, Token<'_>)> {
    let mut out = Vec::new();
    let mut chars = line.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if c.is_whitespace() {
            continue;
        }
        let digit = c.is_ascii_digit();
        let letter = c.is_alphabetic();
        if !digit && !letter {
            out.push((start, start + c.len_utf8(), Token::Mark(c)));
            continue;
        }
        let mut end = start + c.len_utf8();
        let mut previous = c;
        while let Some(&(at, next)) = chars.peek() {
            let same = if digit {
                next.is_ascii_digit()
            } else {
                // Scraped text glues inline elements: `FinanceOctober 13` is two words.
                next.is_alphabetic() && !(previous.is_lowercase() && next.is_uppercase())
            };
            if !same {
                break;
            }
            end = at + next.len_utf8();
            previous = next;
            chars.next();
        }
        let text = &line[start..end];
        out.push((
            start,
            end,
            if digit {
                Token::Number(text)
            } else {
                Token::Word(text)
            },
        ));
    }
    out
}

/// A date written with a month name: its byte range in the line and its year, month, day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NamedDate {
    pub start: usize,
    pub end: usize,
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

/// Words that may stand between the parts of a date: `1 de diciembre de 2017`, `the 3rd of
/// March 2020`, `7 marzo del 2021`.
const CONNECTORS: &[&str] = &["de", "del", "of"];
/// Ordinal endings after a day: `March 3rd, 2022`, `1er mars 2021`, `1º de março de 2021`.
const ORDINALS: &[&str] = &["st", "nd", "rd", "th", "er", "º"];

/// Every date with a month name in `line`.
pub fn named_dates(line: &str, months: &Months) -> Vec<NamedDate> {
    let tokens = tokens(line);
    let mut found: Vec<NamedDate> = Vec::new();
    for (i, &(_, _, token)) in tokens.iter().enumerate() {
        let Token::Word(word) = token else { continue };
        let Some(month) = months.month(word) else {
            continue;
        };
        let date = day_first(&tokens, i, month)
            .or_else(|| month_first(&tokens, i, month))
            .or_else(|| year_first(&tokens, i, month));
        if let Some(date) = date
            && found.last().is_none_or(|last| last.end <= date.start)
        {
            found.push(date);
        }
    }
    found
}

fn number(
    token: Option<&(usize, usize, Token<'_>)>,
    digits: std::ops::RangeInclusive<usize>,
) -> Option<u32> {
    match token {
        Some((_, _, Token::Number(n))) if digits.contains(&n.len()) => n.parse().ok(),
        _ => None,
    }
}

fn is_mark(token: Option<&(usize, usize, Token<'_>)>, marks: &[char]) -> bool {
    matches!(token, Some((_, _, Token::Mark(c))) if marks.contains(c))
}

fn is_word(token: Option<&(usize, usize, Token<'_>)>, words: &[&str]) -> bool {
    matches!(token, Some((_, _, Token::Word(w))) if words.iter().any(|x| w.eq_ignore_ascii_case(x)))
}

/// Index of the year after the month at `i`: past a full stop, comma or connector.
fn year_after(tokens: &[(usize, usize, Token<'_>)], mut j: usize) -> Option<(usize, i32)> {
    if is_mark(tokens.get(j), &['.', ',']) {
        j += 1;
    }
    if is_word(tokens.get(j), CONNECTORS) {
        j += 1;
    }
    let year = number(tokens.get(j), 4..=4)?;
    Some((j, i32::try_from(year).ok()?))
}

/// `7. März 2021`, `1 de diciembre de 2017`, `21.dez.2018`, `15 December 2021`.
fn day_first(tokens: &[(usize, usize, Token<'_>)], i: usize, month: u32) -> Option<NamedDate> {
    let mut j = i.checked_sub(1)?;
    if is_word(tokens.get(j), CONNECTORS) {
        j = j.checked_sub(1)?;
    }
    if is_word(tokens.get(j), ORDINALS) {
        j = j.checked_sub(1)?;
    }
    if is_mark(tokens.get(j), &['.']) {
        j = j.checked_sub(1)?;
    }
    let day = number(tokens.get(j), 1..=2)?;
    // `1.2.` of a version number is not a day; `mar. 8 sept. 2020` (a weekday shortened
    // before it) has one.
    if j > 1
        && is_mark(tokens.get(j - 1), &['.', '/'])
        && matches!(tokens.get(j - 2), Some((_, _, Token::Number(_))))
    {
        return None;
    }
    let (y, year) = year_after(tokens, i + 1)?;
    Some(NamedDate {
        start: tokens[j].0,
        end: tokens[y].1,
        year,
        month,
        day,
    })
}

/// `March 7, 2021`, `Wed Nov. 13th, 2013`.
fn month_first(tokens: &[(usize, usize, Token<'_>)], i: usize, month: u32) -> Option<NamedDate> {
    let mut j = i + 1;
    if is_mark(tokens.get(j), &['.']) {
        j += 1;
    }
    let day = number(tokens.get(j), 1..=2)?;
    let mut k = j + 1;
    if is_word(tokens.get(k), ORDINALS) {
        k += 1;
    }
    let (y, year) = year_after(tokens, k)?;
    Some(NamedDate {
        start: tokens[i].0,
        end: tokens[y].1,
        year,
        month,
        day,
    })
}

/// `2021. március 7.`
fn year_first(tokens: &[(usize, usize, Token<'_>)], i: usize, month: u32) -> Option<NamedDate> {
    let mut j = i.checked_sub(1)?;
    if is_mark(tokens.get(j), &['.']) {
        j = j.checked_sub(1)?;
    }
    let year = i32::try_from(number(tokens.get(j), 4..=4)?).ok()?;
    let mut k = i + 1;
    if is_mark(tokens.get(k), &['.']) {
        k += 1;
    }
    let day = number(tokens.get(k), 1..=2)?;
    Some(NamedDate {
        start: tokens[j].0,
        end: tokens[k].1,
        year,
        month,
        day,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn months() -> Months {
        Months::parse(DATES_TOML).expect("rules/dates.toml")
    }

    fn dates(line: &str) -> Vec<(i32, u32, u32, &str)> {
        named_dates(line, &months())
            .into_iter()
            .map(|d| (d.year, d.month, d.day, &line[d.start..d.end]))
            .collect()
    }

    #[test]
    fn reads_month_names_of_many_languages() {
        assert_eq!(
            dates("Veröffentlicht am 7. März 2021 um 09:15 Uhr"),
            [(2021, 3, 7, "7. März 2021")]
        );
        assert_eq!(dates("1 de diciembre de 2017 3:00 AM")[0].0, 2017);
        assert_eq!(dates("le 24 novembre 2017 à 18:42")[0].1, 11);
        assert_eq!(dates("21.dez.2018 às 12h55")[0].2, 21);
        assert_eq!(dates("7 marca 2021")[0].1, 3);
        assert_eq!(dates("7. března 2021")[0].1, 3);
        assert_eq!(dates("7 марта 2021 г.")[0].1, 3);
        assert_eq!(
            dates("Wed Nov. 13th, 2013"),
            [(2013, 11, 13, "Nov. 13th, 2013")]
        );
        assert_eq!(dates("Yahoo FinanceOctober 13, 2016")[0].1, 10);
        assert_eq!(dates("2021. március 7.")[0].2, 7);
        assert_eq!(dates("22 Dec, 2016")[0].2, 22);
        assert_eq!(
            dates("Par Jean Dupont le 1er mars 2021 à 09h15"),
            [(2021, 3, 1, "1er mars 2021")]
        );
        assert_eq!(dates("1º de março de 2021")[0].2, 1);
    }

    #[test]
    fn a_month_alone_is_no_date() {
        assert!(dates("In March 2021 the council met.").is_empty());
        assert!(dates("May we go? 3 of them did, 2021 people came").is_empty());
        assert!(dates("version 1.2.3 march 2021").is_empty());
    }

    #[test]
    fn orders_come_from_the_language() {
        let months = months();
        assert_eq!(months.order("en"), Some(Order::Mdy));
        assert_eq!(months.order("de"), Some(Order::Dmy));
    }
}
