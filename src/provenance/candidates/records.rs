//! Bylines that are records: in a document with nothing of a page (a log, a change log),
//! a byline that comes back with other names is each entry's, not the whole document's.

use std::collections::{HashMap, HashSet};

use super::{Candidate, Found};
use crate::document::Document;
use crate::text::span::Span;

/// A byline found this many times, with different names, is each record's.
const MIN_RECORDS: usize = 3;

/// Sets aside the author candidates that are records: the `Author:` of each commit of a
/// log, the `2019-05-12  Jane Doe` over each entry of a change log. Records are written
/// alike: the same form and the same words before the name on each line, dates and
/// numbers aside; a help file's `Author:` at its top and the `by` of its credits are not.
pub(super) fn set_aside(doc: &Document, authors: &mut [Candidate<Found>]) {
    let lead = |c: &Candidate<Found>| {
        let line = doc.lines_span(c.value.line, c.value.line);
        let before = doc.slice(Span::new(line.start, c.value.span.start.max(line.start)));
        let lead: String = before
            .chars()
            .filter(|c| c.is_alphabetic())
            .flat_map(char::to_lowercase)
            .collect();
        (c.form, lead)
    };
    let keys: Vec<(&str, String)> = authors.iter().map(lead).collect();
    let mut records: HashMap<&(&str, String), (usize, HashSet<&str>)> = HashMap::new();
    for (key, c) in keys.iter().zip(authors.iter()) {
        let (count, names) = records.entry(key).or_default();
        *count += 1;
        names.insert(c.value.value.as_str());
    }
    let is_record: Vec<bool> = keys
        .iter()
        .map(|key| {
            let (count, names) = &records[key];
            *count >= MIN_RECORDS && names.len() >= 2
        })
        .collect();
    for (c, is_record) in authors.iter_mut().zip(is_record) {
        if is_record {
            c.score = f32::MIN;
        }
    }
}
