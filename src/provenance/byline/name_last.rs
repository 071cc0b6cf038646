//! Bylines that open with a date and end with the author's names: `7.3.2021, 9:15 Uhr,
//! Moritz Tremmel`, `March 9, 2017 | Sarah Gooding | 12 comments`.

use super::{Byline, is_timestamp};
use crate::data::metadata::{FoundDate, MetadataData};
use crate::provenance::labels::is_separator;
use crate::provenance::names::{mixes_capitals, reads_as_names};

/// `7.3.2021, 9:15 Uhr, Moritz Tremmel`, `March 9, 2017 | Sarah Gooding`: a line that
/// opens with a date and ends with names, after a time or after a bar.
pub(super) fn name_last(line: &str, dates: &[FoundDate], data: &MetadataData) -> Option<Byline> {
    let lead = line.len() - line.trim_start().len();
    let (first, last) = (dates.first()?, dates.last()?);
    if first.start != lead {
        return None;
    }
    let is_piece_end = |c: char| c == ',' || is_separator(c) || matches!(c, '—' | '–');
    let rest = &line[last.end..];
    // The names stand after a separator, not glued to the date: `2021-03-07 Jane Doe` may
    // be a heading. A hyphen separates with spaces around it only: `Müller-Lüdenscheidt`.
    let after_mark = rest
        .char_indices()
        .rfind(|&(_, c)| is_piece_end(c))
        .map(|(at, c)| at + c.len_utf8());
    let after_hyphen = rest.rfind(" - ").map(|at| at + 3);
    // Fields laid out in columns: `07.03.2021 14:32 Uhr     Max Mustermann`.
    let columns = rest.trim_end();
    let after_spaces = columns
        .rfind("  ")
        .map(|at| at + 2)
        .max(columns.rfind('\t').map(|at| at + 1));
    let names_start = after_mark
        .max(after_hyphen)
        .max(after_spaces)
        .or_else(|| after_clock(rest))?;
    let names_start = names_before_tail(rest, names_start, &is_piece_end).unwrap_or(names_start);
    let names = names_of_piece(rest, names_start, &is_piece_end);
    let pieces: Vec<&str> = rest[..names_start]
        .split(is_piece_end)
        .flat_map(|piece| piece.split(" - "))
        .filter(|piece| !piece.trim().is_empty())
        .collect();
    if !pieces.iter().all(|piece| is_timestamp(piece, data)) {
        return None;
    }
    // After a comma or a dash, a place may stand (`7 March 2021, New York`); after a time,
    // or after a bar that separates the fields of a byline, names are the author.
    let mark = rest[..names_start]
        .trim_end_matches(' ')
        .chars()
        .next_back();
    if pieces.is_empty() && !mark.is_some_and(is_separator) && after_spaces.is_none() {
        return None;
    }
    let trimmed = names.trim();
    if !reads_as_names(trimmed) || mixes_capitals(trimmed) {
        return None;
    }
    let start = last.end + names_start + (names.len() - names.trim_start().len());
    let value = trimmed.split_whitespace().collect::<Vec<_>>().join(" ");
    let dates = dates.iter().map(|d| (d.clone(), None)).collect();
    Some(Byline::unlabelled_author(
        value,
        (start, start + trimmed.len()),
        dates,
    ))
}

/// Where the names start when they follow the time with no mark between: `07.03.2021
/// 09:15 Uhr Max Mustermann`, as a page's date and author columns come out of extraction.
/// After the time, one short word may stand (`Uhr`, `h`, `pm`, `MEZ`); the names are
/// two words or more, so that a section (`09:15 Uhr Politik`) is not taken for them.
fn after_clock(rest: &str) -> Option<usize> {
    let words: Vec<(usize, &str)> = rest
        .split_whitespace()
        .map(|word| (word.as_ptr() as usize - rest.as_ptr() as usize, word))
        .collect();
    let (_, time) = words.first()?;
    let is_clock = |w: &str| {
        let (hours, minutes) = w.split_once([':', '.'])?;
        (matches!(hours.len(), 1 | 2)
            && minutes.len() == 2
            && hours
                .bytes()
                .chain(minutes.bytes())
                .all(|b| b.is_ascii_digit()))
        .then_some(())
    };
    is_clock(time)?;
    let unit = words.get(1).is_some_and(|(_, w)| {
        w.chars().count() <= 4 && w.chars().all(|c| c.is_alphabetic() || c == '.')
    });
    let names = &words[1 + usize::from(unit)..];
    (names.len() >= 2).then(|| names[0].0)
}

/// Where the names start when the last pieces of `rest` are a byline's tail, not names:
/// `07.03.2021 um 14:32 Uhr - Max Mustermann - in Politik - 3 Kommentare`, `7. März 2021
/// | Max Mustermann | Allgemein | 2 Kommentare`. A tail piece starts in lower case (the
/// section) or with a number (the comments); the names are the piece before the first of
/// them.
fn names_before_tail(
    rest: &str,
    last_start: usize,
    is_piece_end: &dyn Fn(char) -> bool,
) -> Option<usize> {
    let starts_tail = |piece: &str| {
        piece
            .trim_start()
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_digit() || c.is_lowercase())
    };
    if !starts_tail(&rest[last_start..]) {
        return None;
    }
    let mut starts = piece_starts(rest, is_piece_end);
    starts.retain(|&at| at < last_start);
    // From the last piece back, over the tail, to the names before it. A section may be
    // capitalised (`Allgemein`, `News`): one word after names of two or more.
    let words = |at: usize| {
        names_of_piece(rest, at, is_piece_end)
            .split_whitespace()
            .count()
    };
    let mut tail_from = last_start;
    while let Some(&at) = starts.last() {
        let piece = names_of_piece(rest, at, is_piece_end);
        let section = words(at) == 1 && starts.len() >= 2 && words(starts[starts.len() - 2]) >= 2;
        if starts_tail(piece) || section {
            tail_from = at;
            starts.pop();
            continue;
        }
        return (at < tail_from).then_some(at);
    }
    None
}

/// The starts of the pieces of `rest`, after each mark that ends one (` - ` too).
fn piece_starts(rest: &str, is_piece_end: &dyn Fn(char) -> bool) -> Vec<usize> {
    let mut starts: Vec<usize> = rest
        .char_indices()
        .filter(|&(_, c)| is_piece_end(c))
        .map(|(at, c)| at + c.len_utf8())
        .chain(rest.match_indices(" - ").map(|(at, _)| at + 3))
        .collect();
    starts.sort_unstable();
    starts
}

/// The piece of `rest` that starts at `start`, up to the next mark that ends one.
fn names_of_piece<'a>(rest: &'a str, start: usize, is_piece_end: &dyn Fn(char) -> bool) -> &'a str {
    let piece = &rest[start..];
    let end = piece
        .char_indices()
        .find(|&(_, c)| is_piece_end(c))
        .map(|(at, _)| at)
        .into_iter()
        .chain(piece.find(" - "))
        .min()
        .unwrap_or(piece.len());
    &piece[..end]
}
