//! Names alone on their lines, as bylines set them: `Jane Doe` over a date, and the
//! co-authors on the lines under the first name (`Von` / `Julia Berndt` / `und` / `Anton
//! Wegscheid`).

use super::names::{is_joiner, mixes_capitals, reads_as_names};
use crate::data::metadata::{Label, MetadataData};
use crate::document::Document;
use crate::text::more_runs_than;
use crate::text::span::Span;

/// A name line has at most this many words.
const MAX_NAME_LINE_WORDS: usize = 8;
/// A byline names at most this many people on lines of their own.
const MAX_PEOPLE: usize = 5;
/// An agency after a name has at most this many words.
const MAX_AGENCY_WORDS: usize = 3;

/// The name `line` gives when it is nothing else, list bullets and an agency after it
/// aside: `Anna Schmidt (dpa)`, `Juan Pérez | EFE`, `Marta Zielińska / polsatnews.pl`. A
/// name credited with the pictures (`Jonas Keller (Foto)`) is none.
pub fn name_on_line<'a>(line: &'a str, data: &MetadataData) -> Option<&'a str> {
    let text = line
        .trim()
        .trim_start_matches(['*', '-', '•', '·', '+'])
        .trim_start_matches(|c: char| c.is_ascii_digit() || c == '.')
        .trim();
    // The name opens the line and an agency after it has three words at most: a line of
    // prose is none, whatever its end (read for every content line of every document).
    if !text.starts_with(char::is_uppercase)
        || more_runs_than(text, MAX_NAME_LINE_WORDS + MAX_AGENCY_WORDS + 1)
    {
        return None;
    }
    let agency = text
        .strip_suffix(')')
        .and_then(|t| t.rsplit_once('('))
        .or_else(|| text.rsplit_once(" | "))
        .or_else(|| text.rsplit_once(" / "))
        .or_else(|| joined_agency(text, data))
        .filter(|(_, agency)| agency.split_whitespace().count() <= MAX_AGENCY_WORDS);
    if agency.is_some_and(|(_, credit)| data.label_of(credit) == Some(Label::Other)) {
        return None;
    }
    let text = agency.map_or(text, |(name, _)| name.trim_end());
    let names = text.len() <= 120
        && text.starts_with(char::is_uppercase)
        && text.split_whitespace().count() <= MAX_NAME_LINE_WORDS
        && reads_as_names(text)
        && !text.ends_with('.')
        && !mixes_capitals(text);
    names.then_some(text)
}

/// `Jean Dupont avec AFP`, `Max Mustermann mit dpa`: the name, and the agency joined to
/// it. An agency is an acronym (`AFP`, `EFE`, `ČTK`), or three lower-case letters at most
/// (`dpa`); `Jane Doe with Friends` joins no agency.
fn joined_agency<'a>(text: &'a str, data: &MetadataData) -> Option<(&'a str, &'a str)> {
    let (rest, agency) = text.rsplit_once(' ')?;
    let (name, joiner) = rest.rsplit_once(' ')?;
    let letters = agency.chars().count();
    let acronym = (2..=6).contains(&letters) && agency.chars().all(char::is_uppercase);
    let lower_case = letters <= 3 && agency.chars().all(char::is_lowercase);
    (data.is_agency_joiner(joiner) && (acronym || lower_case)).then_some((name, agency))
}

/// The people named on the lines under the content line `index`, a byline's first name:
/// each alone on its line after a line with only `und`, `and`, `y` (`Von` / `Julia
/// Berndt` / `und` / `Anton Wegscheid`), of two words or more, not a desk or a role. A name
/// straight under another may be a place (`Jane Doe` / `New York`): it is not taken.
pub fn co_authors(
    doc: &Document,
    lines: &[(usize, Span)],
    index: usize,
    data: &MetadataData,
) -> Vec<String> {
    let mut people = Vec::new();
    let mut joined = false;
    for &(_, span) in lines.iter().skip(index + 1) {
        let text = doc.slice(span).trim();
        if !joined && is_joiner(text) {
            joined = true;
            continue;
        }
        let Some(name) = name_on_line(text, data) else {
            break;
        };
        if !joined
            || name.split_whitespace().count() < 2
            || data.is_desk_or_rank(name)
            || data.is_role(name)
            || people.len() + 1 >= MAX_PEOPLE
        {
            break;
        }
        people.push(name.split_whitespace().collect::<Vec<_>>().join(" "));
        joined = false;
    }
    people
}

#[cfg(test)]
mod tests {
    use super::*;

    fn co_authors_of(text: &str) -> Vec<String> {
        let doc = Document::from_bytes("t.txt".into(), text.as_bytes().to_vec());
        let lines = doc.content_lines(|_| false);
        co_authors(&doc, &lines, 0, MetadataData::for_tests())
    }

    #[test]
    fn co_authors_stand_on_the_lines_under_the_first_name() {
        let berndt = "Julia Berndt\n\nund\n\nAnton Wegscheid\n\n09.03.2023, 12:34 Uhr\n";
        assert_eq!(co_authors_of(berndt), ["Anton Wegscheid"]);
        let three = "Laura Martín\ny\nCarlos Ruiz\ny\nAna Gil\n14/01/2021 - 05:00\n";
        assert_eq!(co_authors_of(three), ["Carlos Ruiz", "Ana Gil"]);
    }

    #[test]
    fn a_name_without_a_joiner_is_not_a_co_author() {
        // A place under the name, a role, a single word, a joiner with nothing after it.
        assert!(co_authors_of("Jane Doe\nNew York\nMarch 3, 2021\n").is_empty());
        assert!(co_authors_of("Jane Doe\nand\nTransport Correspondent\n").is_empty());
        assert!(co_authors_of("Jane Doe\nand\nReuters\n").is_empty());
        assert!(co_authors_of("Jane Doe\nand\n\nThe council met on Monday.\n").is_empty());
    }

    #[test]
    fn name_lines_drop_bullets_and_agencies() {
        let name = |line| name_on_line(line, MetadataData::for_tests());
        assert_eq!(name("  * Anna Schmidt (dpa)"), Some("Anna Schmidt"));
        assert_eq!(name("Juan Pérez | EFE"), Some("Juan Pérez"));
        assert_eq!(name("Jean Dupont avec AFP"), Some("Jean Dupont"));
        assert_eq!(name("Max Mustermann mit dpa"), Some("Max Mustermann"));
        // No agency after the joiner: the line is not a name.
        assert_eq!(name("Jane Doe with Friends"), None);
        assert_eq!(name("Jonas Keller (Foto)"), None);
        assert_eq!(name("The council met on Monday."), None);
        assert_eq!(name("iPhone Deals"), None);
    }
}
