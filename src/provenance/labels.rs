//! Finding the field labels of a byline line (`By`, `Source:`, `Updated`, `作者`) and
//! where each one's value starts.

use crate::data::metadata::{Label, MetadataData};
use crate::text::is_cjk;

/// Labels that take a name after a space rather than a colon: `By Lang Ping`.
const NAME_LABELS: &[&str] = &[
    "by",
    "posted by",
    "written by",
    "story by",
    "words by",
    "last modified on",
    "originally published by",
    "published by",
    "via",
];
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
    /// A bare `By`, which needs names after it.
    pub bare_by: bool,
}

/// Characters that separate the fields of a byline: `By X | Source | Date`.
pub fn is_separator(c: char) -> bool {
    matches!(c, '|' | '·' | '•' | '¦' | ';' | '；' | '丨')
}

/// Labels of the line, in order: at the start of the line or after a separator or space,
/// followed by a colon (possibly after a short qualifier), or, for `By`-like labels, by a
/// capitalised name.
pub fn find_labels(line: &str, data: &MetadataData) -> Vec<Found> {
    let mut found = Vec::new();
    let mut i = 0;
    while i < line.len() {
        let at_boundary = line[..i].chars().next_back().is_none_or(|c| {
            c.is_whitespace() || is_separator(c) || matches!(c, '(' | '（' | ',' | '，' | '【')
        });
        if at_boundary && let Some(f) = label_at(line, i, data) {
            i = f.value_start.max(i + 1);
            found.push(f);
            continue;
        }
        i += line[i..].chars().next().map_or(1, char::len_utf8);
    }
    found
}

fn label_at(line: &str, at: usize, data: &MetadataData) -> Option<Found> {
    let rest = &line[at..];
    for (label, kind) in &data.labels {
        let Some(head) = rest.get(..label.len()) else {
            continue;
        };
        if !head.eq_ignore_ascii_case(label) {
            continue;
        }
        let after = &rest[label.len()..];
        let cjk_label = label.chars().any(is_cjk);
        if !cjk_label && after.chars().next().is_some_and(char::is_alphanumeric) {
            continue;
        }
        let start = at;
        let after_start = at + label.len();
        // `Label :`, `Label：`
        let spaces = after.len() - after.trim_start().len();
        let trimmed = after.trim_start();
        if let Some(colon) = trimmed.chars().next().filter(|c| matches!(c, ':' | '：')) {
            let value_start = after_start + spaces + colon.len_utf8();
            let empty = line[value_start..].trim().is_empty();
            return Some(Found {
                label: *kind,
                start,
                value_start,
                empty,
                bare_by: false,
            });
        }
        // `By Lang Ping`; `By` alone is an empty byline.
        if NAME_LABELS.contains(&label.as_str()) {
            if trimmed.is_empty() {
                return Some(Found {
                    label: *kind,
                    start,
                    value_start: after_start,
                    empty: true,
                    bare_by: label == "by",
                });
            }
            // A bare `By` needs a capitalised name (`By 2030`, `By contrast` are prose);
            // `Posted by` and `Written by` are explicit enough for user names.
            let name_start = trimmed.chars().next().is_some_and(|c| {
                c.is_uppercase() || is_cjk(c) || (label != "by" && c.is_alphabetic())
            });
            if spaces > 0 && name_start {
                return Some(Found {
                    label: *kind,
                    start,
                    value_start: after_start + spaces,
                    empty: false,
                    bare_by: label == "by",
                });
            }
            continue;
        }
        // `Published 3:04 PM EST, Mon January 3, 2022`: date labels need no colon when a
        // date follows.
        if matches!(kind, Label::Date | Label::Updated)
            && spaces > 0
            && !data.find_dates(trimmed).is_empty()
        {
            return Some(Found {
                label: *kind,
                start,
                value_start: after_start + spaces,
                empty: false,
                bare_by: label == "by",
            });
        }
        // `作者 张三`: CJK labels need no colon.
        if cjk_label && !trimmed.is_empty() {
            return Some(Found {
                label: *kind,
                start,
                value_start: after_start + spaces,
                empty: false,
                bare_by: label == "by",
            });
        }
        // `Source of documents:` with nothing after: an empty field.
        if spaces > 0 && at == line.len() - line.trim_start().len() {
            let qualifier = trimmed.trim_end();
            if let Some(words) = qualifier.strip_suffix([':', '：'])
                && words.split_whitespace().count() <= MAX_QUALIFIER_WORDS
            {
                return Some(Found {
                    label: *kind,
                    start,
                    value_start: line.len(),
                    empty: true,
                    bare_by: label == "by",
                });
            }
        }
    }
    None
}
