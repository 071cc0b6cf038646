//! Bylines that open with the author's names: `Ana Thompson, 2015-11-24`, `Ingrid
//! Jackson, Staff Writer`, `Juan Pérez | Madrid | 07 de marzo de 2021`.

use super::{Byline, before_role, date_label, is_timestamp};
use crate::data::metadata::{FoundDate, MetadataData};
use crate::provenance::labels::{Found, is_separator};
use crate::provenance::names::{BEFORE_DATE, is_handle, mixes_capitals, names_end};
use crate::text::has_time_of_day;

/// `Ana Thompson, 2015-11-24`, `Ingrid Jackson, Staff Writer`, `Nicolas Perriault —
/// 2013-09-29`, `Sarah Gooding March 9, 2017`: capitalised names, then a date or a role,
/// after a comma, a dash, a bar or a space.
pub(super) fn name_first(
    line: &str,
    data: &MetadataData,
    dates: Vec<FoundDate>,
    labels: &[Found],
) -> Option<Byline> {
    let lead = line.len() - line.trim_start().len();
    let is_month = |w: &str| data.months.month(w).is_some();
    // `Yahoo FinanceOctober 13, 2016`: the names end where a date starts.
    let limit = dates.first().map_or(line.len(), |d| d.start).max(lead);
    let end = lead + names_end(&line[lead..limit], &is_month)?;
    let end = before_role(line, lead, end, data);
    let names = &line[lead..end];
    // `Make IPv6 work again`: a name does not run into what follows, but for a date
    // glued on by extraction.
    let glued = line[end..].starts_with(char::is_alphanumeric)
        && dates.first().is_none_or(|d| d.start != end);
    if mixes_capitals(names) || glued {
        return None;
    }
    let rest = line[end..].trim_start_matches(|c: char| {
        c.is_whitespace() || is_separator(c) || matches!(c, ',' | '-' | '–' | '—' | '/')
    });
    let rest_start = line.len() - rest.len();
    let rest = rest.trim();
    // `Max Mustermann, Berlin, 07.03.2021`, `Juan Pérez | Madrid | 07 de marzo de 2021`,
    // `Jane Doe | 9:15 AM EST | March 7, 2021`: the place or the time of the report may
    // stand between the names and the date.
    let after_fields = dates
        .first()
        .filter(|d| d.start > rest_start)
        .is_some_and(|d| fields_before_date(&line[rest_start..d.start], data));
    // `Temps de lecture : 2 min`: a field's label, not names.
    let between = line[end..rest_start].trim();
    if between.contains([':', '：']) {
        return None;
    }
    // A time or an age stands apart from the names (`Jane Doe · 5 min read`, `Jane Doe,
    // 1:39 PM`) or says what it counts (`Alex Perry 1 day ago`); a bare duration run on is
    // a field's value (`Temps de lecture 2 min`).
    let apart = !between.is_empty() || has_time_of_day(rest) || rest.split_whitespace().count() > 2;
    // `Max Mustermann am 7. März 2021`: a word of time before a date that ends the line,
    // but for its time.
    let on_date = |d: &FoundDate| {
        let tail = line[d.end..].trim();
        rest.split_once(' ').is_some_and(|(word, _)| {
            BEFORE_DATE.contains(&word.to_lowercase().as_str())
                && line[rest_start + word.len()..d.start].trim().is_empty()
        }) && (tail.is_empty() || is_timestamp(tail, data))
    };
    let dated = dates
        .first()
        .is_some_and(|d| d.start == rest_start || on_date(d))
        || after_fields
        || (apart && is_timestamp(rest, data));
    let role = data.is_role(rest);
    // `Devindra Hardawar, @devindra`
    let handle = rest.starts_with('@') && rest.split_whitespace().count() == 1 && is_handle(rest);
    if !dated && !role && !handle {
        return None;
    }
    let dates = dates
        .into_iter()
        .map(|d| {
            let label = date_label(labels, &d);
            (d, label)
        })
        .collect();
    let value = names.split_whitespace().collect::<Vec<_>>().join(" ");
    Some(Byline::unlabelled_author(value, (lead, end), dates))
}

/// Whether `text`, which stands between a byline's names and its date, is one or more
/// fields of the byline, each ended by a separator: a place (`Madrid | `, `Berlin, `) or a
/// time (`9:15 AM EST | `). A sentence is none: `der in Berlin lebt, `.
fn fields_before_date(text: &str, data: &MetadataData) -> bool {
    const MARKS: [&str; 8] = [", ", " | ", " · ", " • ", " - ", " – ", " — ", " / "];
    let mut rest = text;
    let mut fields = 0;
    while !rest.is_empty() {
        let Some((at, mark)) = MARKS
            .iter()
            .filter_map(|mark| rest.find(mark).map(|at| (at, mark.len())))
            .min()
        else {
            return false;
        };
        let field = rest[..at].trim();
        let place = field.starts_with(char::is_uppercase)
            && field.split_whitespace().count() <= 2
            && !field.contains(|c: char| c.is_ascii_digit());
        if !place && !is_timestamp(field, data) {
            return false;
        }
        fields += 1;
        rest = rest[at + mark..].trim_start();
    }
    fields > 0
}
