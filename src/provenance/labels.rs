//! Finding the field labels of a byline line (`By`, `Source:`, `Updated`, `作者`) and
//! where each one's value starts.

use crate::data::metadata::{FoundDate, Label, MetadataData};
use crate::data::stop_words::StopWords;
use crate::provenance::names::{AFTER_NAMES, ends_names, is_handle, is_user_name};
use crate::text::{has_time_of_day, is_cjk};

/// Words of a qualifier allowed between a label and its colon: `Source of documents:`.
const MAX_QUALIFIER_WORDS: usize = 3;

/// A label found in the line.
pub struct Found {
    pub label: Label,
    pub start: usize,
    /// Where its value starts (after the colon, or after the space of `By`).
    pub value_start: usize,
    /// Whether only a qualifier and a colon follow, with nothing after them.
    pub empty: bool,
    /// A one-word name label (`By`, `Von`, `Par`), which needs names after it.
    pub bare_by: bool,
    /// The byte range of the user name a one-word label takes in a dated line (`par
    /// sophiem` of `Publié le 7 mars 2021 par sophiem`).
    pub handle: Option<(usize, usize)>,
}

/// Characters that separate the fields of a byline: `By X | Source | Date`.
pub fn is_separator(c: char) -> bool {
    matches!(c, '|' | '·' | '•' | '¦' | ';' | '；' | '丨')
}

/// Labels of the line, in order: at the start of the line or after a separator or space,
/// followed by a colon (possibly after a short qualifier), or, for `By`-like labels, by a
/// capitalised name. `dates` are the dates of the line.
pub fn find_labels(line: &str, data: &MetadataData, dates: &[FoundDate]) -> Vec<Found> {
    let mut found = Vec::new();
    // Where labels may start: the start of the line, and after a space, a separator or an
    // opening bracket; a label's value is not searched for more labels before it starts.
    let mut resume = 0;
    let mut previous: Option<char> = None;
    for (i, c) in line.char_indices() {
        let at_boundary = previous.is_none_or(|p| {
            p.is_whitespace() || is_separator(p) || matches!(p, '(' | '（' | ',' | '，' | '【')
        });
        previous = Some(c);
        if i < resume || !at_boundary || c.is_whitespace() {
            continue;
        }
        if let Some(f) = label_at(line, i, data, dates) {
            resume = f.value_start.max(i + 1);
            found.push(f);
        }
    }
    found
}

/// The byte length of the start of `text` that equals `label` (lower case) in any case.
fn starts_with_label(text: &str, label: &str) -> Option<usize> {
    let mut chars = text.char_indices();
    for expected in label.chars() {
        let (_, c) = chars.next()?;
        if c != expected && !c.to_lowercase().eq(std::iter::once(expected)) {
            return None;
        }
    }
    Some(chars.next().map_or(text.len(), |(at, _)| at))
}

/// Whether `gap`, the words between a date label with no colon and the date, leads to the
/// date: a time, a weekday, a preposition (`Published 3:04 PM EST, Mon January 3`, `Publié
/// le 7 mars`), not a clause of prose (`Handle date headers before 1 Jan 1970`, a change
/// log's entry).
fn leads_to_date(gap: &str) -> bool {
    gap.split_whitespace().all(|word| {
        let letters = word.chars().filter(|c| c.is_alphabetic());
        !(letters.clone().all(char::is_lowercase) && letters.count() > MAX_LEADING_WORD_CHARS)
    })
}

/// Longer words in lower case between a date label and its date are prose.
const MAX_LEADING_WORD_CHARS: usize = 4;

fn label_at(line: &str, at: usize, data: &MetadataData, dates: &[FoundDate]) -> Option<Found> {
    let rest = &line[at..];
    let mut chars = rest.chars();
    let lower = |c: char| c.to_lowercase().next().unwrap_or(c);
    let key = (lower(chars.next()?), lower(chars.next()?));
    let candidates = data.labels_by_first.get(&key)?;
    for &index in candidates {
        let (label, kind) = &data.labels[index];
        let Some(length) = starts_with_label(rest, label) else {
            continue;
        };
        if data.after_date_labels.contains(label) && !dates.iter().any(|d| d.end <= at) {
            continue;
        }
        let after = &rest[length..];
        let cjk_label = label.chars().any(is_cjk);
        if !cjk_label && after.chars().next().is_some_and(char::is_alphanumeric) {
            continue;
        }
        let start = at;
        let after_start = at + length;
        // `Label :`, `Label：`
        let spaces = after.len() - after.trim_start().len();
        let trimmed = after.trim_start();
        // `* Text colors::`, an Info menu's entry; `Example::` in reStructuredText, over a
        // literal block: a double colon ends no label.
        if trimmed.starts_with("::") {
            continue;
        }
        if let Some(colon) = trimmed.chars().next().filter(|c| matches!(c, ':' | '：')) {
            let value_start = after_start + spaces + colon.len_utf8();
            let empty = line[value_start..].trim().is_empty();
            return Some(Found {
                label: *kind,
                start,
                value_start,
                empty,
                bare_by: false,
                handle: None,
            });
        }
        // `By Lang Ping`; `By` alone is an empty byline.
        let one_word = !label.contains(" ") && !cjk_label && *kind == Label::Author;
        if data.name_labels.contains(label) {
            if trimmed.is_empty() {
                return Some(Found {
                    label: *kind,
                    start,
                    value_start: after_start,
                    empty: true,
                    bare_by: one_word,
                    handle: None,
                });
            }
            // A bare `By` needs a capitalised name (`By 2030`, `By contrast` are prose);
            // `Posted by` and `Written by` are explicit enough for user names.
            // `Von unserem Korrespondenten Max Mustermann`: a role before the name.
            let name_start =
                trimmed.chars().next().is_some_and(|c| {
                    c.is_uppercase() || is_cjk(c) || (!one_word && c.is_alphabetic())
                }) || data.role_before_names(trimmed).is_some();
            if spaces > 0 && name_start {
                let value_start = after_start + spaces;
                // `Posted by jdoe at 2:32 PM`: a user name, with the time after it left
                // out. `Written by the Plain Licences Group`, `written by the` wrapped
                // before the rest, are prose: a date or a time follows a user name.
                // `Ersteller Hardwarefan87`: a word of letters and digits is a user name,
                // capitalised or not, with no date needed to tell it from prose.
                let coined = handle_end(line, value_start, label, data, true);
                let handle = trimmed
                    .starts_with(char::is_lowercase)
                    .then(|| handle_end(line, value_start, label, data, false))
                    .flatten()
                    .filter(|&end| {
                        let after = &line[end..];
                        let first = after.split_whitespace().next().unwrap_or("");
                        let dated = dates.iter().any(|d| d.start >= end) || has_time_of_day(after);
                        dated
                            && (!first.starts_with(char::is_alphabetic)
                                || AFTER_NAMES.contains(&first.to_lowercase().as_str()))
                    })
                    .or(coined)
                    .map(|end| (value_start, end));
                return Some(Found {
                    label: *kind,
                    start,
                    value_start,
                    empty: false,
                    bare_by: one_word,
                    handle,
                });
            }
            // `Publié le 7 mars 2021 par sophiem`, `Beitrag von annas » So 7. Mär 2021`: in a
            // dated line, a user name too.
            let value_start = after_start + spaces;
            if spaces > 0
                && one_word
                && !dates.is_empty()
                && let Some(end) = handle_end(line, value_start, label, data, false)
            {
                return Some(Found {
                    label: *kind,
                    start,
                    value_start,
                    empty: false,
                    bare_by: one_word,
                    handle: Some((value_start, end)),
                });
            }
            continue;
        }
        // `Published 3:04 PM EST, Mon January 3, 2022`: date labels need no colon when a
        // date follows, and neither do the longer labels of other dates (`Mitglied seit
        // 01.01.2010`).
        if (matches!(kind, Label::Date | Label::Updated)
            || (*kind == Label::Other && label.contains(' ')))
            && spaces > 0
            && data
                .find_dates(trimmed)
                .first()
                .is_some_and(|date| leads_to_date(&trimmed[..date.start]))
        {
            return Some(Found {
                label: *kind,
                start,
                value_start: after_start + spaces,
                empty: false,
                bare_by: false,
                handle: None,
            });
        }
        // `作者 张三`: CJK labels need no colon.
        if cjk_label && !trimmed.is_empty() {
            return Some(Found {
                label: *kind,
                start,
                value_start: after_start + spaces,
                empty: false,
                bare_by: false,
                handle: None,
            });
        }
        // `Source of documents:` with nothing after: an empty field.
        if spaces > 0 && at == line.len() - line.trim_start().len() {
            let qualifier = trimmed.trim_end();
            if let Some(words) = qualifier.strip_suffix([':', '：'])
                && !words.ends_with(':')
                && words.split_whitespace().count() <= MAX_QUALIFIER_WORDS
            {
                return Some(Found {
                    label: *kind,
                    start,
                    value_start: line.len(),
                    empty: true,
                    bare_by: false,
                    handle: None,
                });
            }
        }
    }
    None
}

/// The end of the user name that starts at `from`, when a name ends there: what follows is
/// nothing, punctuation, a date or a word that leads to one. A month (`by march 7`) is no
/// user name. A user name is in lower case (`jdoe`), or `coined`: letters with digits or
/// an underscore (`Hardwarefan87`, `Golfi_GTI`). `label` is the byline label before it.
fn handle_end(
    line: &str,
    from: usize,
    label: &str,
    data: &MetadataData,
    coined: bool,
) -> Option<usize> {
    let rest = &line[from..];
    let word_len = rest
        .find(|c: char| c.is_whitespace() || (is_separator(c) || matches!(c, ',' | '»' | '(')))
        .unwrap_or(rest.len());
    let word = &rest[..word_len];
    let after = &rest[word_len..];
    let user_name = if coined {
        // `By B2B Marketing`, `By COVID19 rules` are not.
        let next = after.split_whitespace().next().unwrap_or("");
        is_user_name(word)
            && word.contains(|c: char| c.is_ascii_digit() || c == '_')
            && word.contains(char::is_lowercase)
            && (!next.starts_with(char::is_alphabetic)
                || AFTER_NAMES.contains(&next.to_lowercase().as_str()))
    } else {
        // `generated by the` wrapped before its object: a function word of the label's
        // language is no user name.
        word.starts_with(char::is_lowercase)
            && is_handle(word)
            && !label
                .split_whitespace()
                .next_back()
                .is_some_and(|last| StopWords::get().in_one_list(&last.to_lowercase(), word))
    } && data.months.month(word).is_none();
    (user_name && ends_names(after)).then_some(from + word_len)
}
