//! C007 `graphic-text`: its docs, and its detector, which finds the text of a chart or an
//! infographic flattened one label per line: axis values, units, legend names.

use crate::corpus::Corpus;
use crate::data::RuleData;
use crate::diagnostic::{Family, Severity};
use crate::diagnostic::{FixAvailability, Rule};
use crate::rules::check::Lint;
use crate::rules::chrome::Options;
use crate::rules::chrome::evidence::{Detail, Detector, Marker, Marks, Page};
use crate::rules::chrome::lines::Line;
use crate::rules::chrome::report::runs_lint;
use crate::text::count;

/// A run of chart text has at least this many lines...
const MIN_LINES: usize = 10;
/// ...at least this share of them numbers (two in three): a list of years with events,
/// or of prices with their items, alternates numbers and labels, half and half.
const MIN_NUMBER_SHARE: (usize, usize) = (2, 3);
/// A label of a chart (a unit, a legend's name) is this short...
const MAX_LABEL_WORDS: usize = 3;
/// ...and its title no longer than this, standing between numbers.
const MAX_TITLE_WORDS: usize = 10;
/// A number on an axis is short: `$1,250.5`, `-13.0%`, `’17`.
const MAX_NUMBER_CHARS: usize = 12;

pub const RULE: Rule = Rule {
    code: "C007",
    name: "graphic-text",
    family: Family::Chrome,
    severity: Severity::Warning,
    fix: FixAvailability::Sometimes,
    opt_in: false,
    summary: "The text of a chart or infographic, flattened one label per line",
    docs: r#"## What it does
Reports the text a scraper keeps of a chart or an infographic embedded in a page: its
labels flattened one per line, each a paragraph of its own. On a page with an article
(see `outside-article`), it finds a run of at least 10 such lines, at least two in three
of them numbers alone (`600`, `$915`, `13.0%`, `’17`, `2019`), the others labels of at
most 3 words (units and legend names: `billion`, `%`, `Net interest`, `RECESSIONS`). A
chart's title (at most 10 words, no final punctuation) is part of the run when numbers
stand on both sides of it. The run starts and ends with a number: a label or a title
at either end may be the heading of what follows.

Lines wrapped into one paragraph, list items, sentences, bylines and dates, code
listings, tables (`| 2019 | 300 |`, columns on one line) and Markdown are never chart
text. A list of years with their events, or of items with their prices, alternates
numbers and labels and does not reach two numbers in three; a table flattened one cell
per line (`Jane Doe`, `63`, `16.6%`, `John Roe`, `56`, `14.7%`) repeats its rows, a
name at the same distance from the last, and is left alone too.

## Why it matters
Axis values and legend names are no text of the article: a corpus that keeps them
teaches a model streams of numbers without meaning.

## Example
After `Annual interest payments are expected to triple.`:

```text
$915

billion

600

300

0

’17

’18

’19
```

and so on to `’28`: one run.

## Fix
Deletes the run. Unsafe: where a chart ends is a judgement.

## Configuration
None beyond rule selection. Silence with `--ignore C007`.
"#,
};

/// The rule with its check, as the registry lists it.
pub const LINT: Lint = runs_lint!(RULE);

/// Lines of chart text; `numbers` are the run's lines and how many are numbers.
pub const DETECTOR: Detector = Detector {
    rule: &RULE,
    max_words: |_| MAX_TITLE_WORDS,
    prepare,
    describe: |detail, _| {
        format!(
            "in a run of {} chart labels, {} of them numbers",
            detail.numbers[0], detail.numbers[1]
        )
    },
    kind: |_, _| Some("chart text"),
    note: |details| {
        let numbers = details.iter().map(|d| d.numbers[1]).max()?;
        Some(count(numbers as usize, "number"))
    },
};

fn prepare<'a>(_: &'a Corpus, _: &'a RuleData, _: &'a Options) -> Marker<'a> {
    Box::new(mark)
}

/// What a line can be in a chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// A value alone: `600`, `$915`, `13.0%`, `’17`.
    Number,
    /// A unit or a legend's name: `billion`, `%`, `Net interest`.
    Label,
    /// A chart's title: `Interest payments on the national debt`.
    Title,
    /// Anything else: a sentence, a list item, a byline.
    Other,
}

fn shape(line: &Line) -> Shape {
    let text = line.text.trim();
    if line.list_item || line.metadata || line.ends_sentence || line.text.starts_with([' ', '\t']) {
        return Shape::Other;
    }
    if is_number(text) {
        return Shape::Number;
    }
    // A table's row, a field and its value, or a clause: no label of a chart.
    if text.contains(['|', ':', ',', ';', '(', '[', '{', '=', '/', '\\']) || text.ends_with('-') {
        return Shape::Other;
    }
    if line.words <= MAX_LABEL_WORDS {
        Shape::Label
    } else if line.words <= MAX_TITLE_WORDS && !text.ends_with(['!', '?', '.', '…']) {
        Shape::Title
    } else {
        Shape::Other
    }
}

/// Whether `text` is one value of an axis or a legend: digits with an optional sign,
/// currency and percent sign, decimal and thousands separators (`-1,250.5`, `$915`,
/// `13.0%`, `€4.5`), or a year cut to two digits after an apostrophe (`’17`). A version
/// (`1.2.3`), a list number (`1.`) and a time (`12:01`) are not.
fn is_number(text: &str) -> bool {
    // Asked of every line: most are prose, turned away by their bytes before their
    // characters are counted.
    if text.len() > MAX_NUMBER_CHARS * 4 || text.chars().count() > MAX_NUMBER_CHARS {
        return false;
    }
    if let Some(year) = text.strip_prefix(['’', '\'', '‘']).filter(|y| y.len() == 2) {
        return year.bytes().all(|b| b.is_ascii_digit());
    }
    let text = text.strip_prefix(['+', '-', '−', '–']).unwrap_or(text);
    let text = text.strip_prefix(['$', '€', '£', '¥', '₹']).unwrap_or(text);
    let text = text.strip_suffix('%').unwrap_or(text).trim_end();
    let starts_and_ends_with_digit = text.starts_with(|c: char| c.is_ascii_digit())
        && text.ends_with(|c: char| c.is_ascii_digit());
    starts_and_ends_with_digit
        && text.bytes().filter(|&b| b == b'.').count() <= 1
        && text
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b'.' || b == b',')
}

/// Marks the runs of chart text of a page with an article.
fn mark(page: &Page, marks: &mut Marks) {
    let lines = &page.lines;
    // Most pages have too few numbers alone on a line for a chart: the lines' shapes,
    // the blank lines between them and the layout are asked for only when there are
    // enough.
    let numbers = lines
        .iter()
        .filter(|l| l.words <= 2 && is_number(l.text.trim()))
        .count();
    if numbers * MIN_NUMBER_SHARE.1 < MIN_LINES * MIN_NUMBER_SHARE.0 {
        return;
    }
    let shapes: Vec<Shape> = lines.iter().map(shape).collect();
    let mut runs = Vec::new();
    let mut start = 0;
    while start < lines.len() {
        let mut end = start;
        while end < lines.len()
            && shapes[end] != Shape::Other
            && (end == start
                || page
                    .document
                    .only_blank_between(lines[end - 1].index, lines[end].index))
        {
            end += 1;
        }
        if end == start {
            start += 1;
            continue;
        }
        split_at_titles(&shapes, start, end, &mut runs);
        start = end;
    }
    runs.retain(|&(a, b)| is_chart(&shapes[a..b]));
    if runs.is_empty() {
        return;
    }
    let layout = page.layout();
    if layout.article.is_none() {
        return;
    }
    for (a, b) in runs {
        let in_listing = |i: usize| {
            let line = lines[i].index;
            layout.listings.iter().any(|&(s, e)| s <= line && line <= e)
        };
        if (a..b).any(in_listing) {
            continue;
        }
        let numbers = shapes[a..b].iter().filter(|&&s| s == Shape::Number).count();
        let detail = Detail {
            numbers: [Detail::number(b - a), Detail::number(numbers), 0],
            ..Detail::default()
        };
        for i in a..b {
            marks.mark(i, detail, false);
        }
    }
}

/// Pushes the runs of `start..end` (lines that are no `Other`) that a title does not
/// end, and that are no flattened table: a title stays in a run only with numbers before
/// and after it. Each run starts
/// and ends with a number: a label or a title at an end may head what follows.
fn split_at_titles(shapes: &[Shape], start: usize, end: usize, runs: &mut Vec<(usize, usize)>) {
    let mut a = start;
    for i in start..=end {
        let boundary = i == end
            || (shapes[i] == Shape::Title
                && !(shapes[a..i].contains(&Shape::Number)
                    && shapes[i + 1..end].contains(&Shape::Number)));
        // A table's first row starts with a label: its rows are counted before the run
        // is cut to its numbers.
        if !boundary || is_flattened_table(&shapes[a..i]) {
            if boundary {
                a = i + 1;
            }
            continue;
        }
        let mut first = a;
        let mut last = i;
        while first < last && shapes[first] != Shape::Number {
            first += 1;
        }
        while last > first && shapes[last - 1] != Shape::Number {
            last -= 1;
        }
        if first < last {
            runs.push((first, last));
        }
        a = i + 1;
    }
}

/// Whether a run of lines is long enough and numbers enough to be a chart's.
fn is_chart(shapes: &[Shape]) -> bool {
    let numbers = shapes.iter().filter(|&&s| s == Shape::Number).count();
    shapes.len() >= MIN_LINES && numbers * MIN_NUMBER_SHARE.1 >= shapes.len() * MIN_NUMBER_SHARE.0
}

/// Rows of a table flattened one cell per line repeat: a name, then its numbers
/// (`Jane Doe`, `63`, `16.6%`), the names at equal distances. A chart's labels stand
/// where its axes and legend put them.
const MIN_TABLE_ROWS: usize = 4;

/// Whether the labels of a run include [`MIN_TABLE_ROWS`] at equal distances of two
/// lines or more, one after the other: the rows of a table.
fn is_flattened_table(shapes: &[Shape]) -> bool {
    let labels: Vec<usize> = (0..shapes.len())
        .filter(|&i| shapes[i] != Shape::Number)
        .collect();
    let gaps: Vec<usize> = labels.windows(2).map(|w| w[1] - w[0]).collect();
    gaps.windows(MIN_TABLE_ROWS - 1)
        .any(|w| w[0] >= 2 && w.iter().all(|&g| g == w[0]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::chrome::analysis::found_lines;
    use crate::rules::chrome::article::TEST_ARTICLE as ARTICLE;
    use crate::text::span::Span;

    fn shape_of(text: &str) -> Shape {
        shape(&Line::new(0, Span::new(0, text.len()), text, usize::MAX))
    }

    #[test]
    fn values_of_an_axis_are_numbers() {
        for text in [
            "600", "0", "$915", "13.0%", "’17", "'08", "2019", "-1,250.5", "€4.50", "40 %",
        ] {
            assert_eq!(shape_of(text), Shape::Number, "{text}");
        }
    }

    #[test]
    fn versions_list_numbers_times_and_dates_are_no_numbers() {
        for text in [
            "1.2.3",
            "1.",
            "12:01",
            "3)",
            "’2017",
            "1,000,000,000,000",
            "v2",
        ] {
            assert_ne!(shape_of(text), Shape::Number, "{text}");
        }
        assert_eq!(shape_of("July 30, 2018"), Shape::Other);
    }

    #[test]
    fn units_and_legends_are_labels_titles_are_longer() {
        for text in ["billion", "%", "Net interest", "RECESSIONS"] {
            assert_eq!(shape_of(text), Shape::Label, "{text}");
        }
        assert_eq!(
            shape_of("Interest payments on the national debt"),
            Shape::Title
        );
        for text in [
            "The debt rose again.",
            "- 2019",
            "| 2019 | 300 |",
            "Size: 10",
            "The council voted on Tuesday to extend the library's opening hours in winter",
        ] {
            assert_eq!(shape_of(text), Shape::Other, "{text}");
        }
    }

    /// The lines of `items`, a paragraph each, in the middle of an article.
    fn in_article(items: &[&str]) -> String {
        format!("{ARTICLE}\n{}\n\n{ARTICLE}", items.join("\n\n"))
    }

    const AXES: [&str; 14] = [
        "Loans a year",
        "300",
        "200",
        "100",
        "0",
        "’14",
        "’15",
        "’16",
        "’17",
        "’18",
        "’19",
        "’20",
        "’21",
        "’22",
    ];

    #[test]
    fn a_chart_in_an_article_is_found_from_its_first_number_to_its_last() {
        let text = in_article(&AXES);
        let found = found_lines(&text, &[&RULE]);
        let first = text.lines().position(|l| l == "300").map(|i| i + 1);
        let last = text.lines().position(|l| l == "’22").map(|i| i + 1);
        assert_eq!(found.first().copied(), first, "{found:?}");
        assert_eq!(found.last().copied(), last, "{found:?}");
        assert_eq!(found.len(), 13);
    }

    #[test]
    fn a_title_stays_in_a_run_only_between_numbers() {
        let mut items = AXES.to_vec();
        items.insert(5, "Loans of the library each year");
        let text = in_article(&items);
        assert_eq!(found_lines(&text, &[&RULE]).len(), 14);
        // Before the first number, a title may head the chart or the article's next part.
        items[0] = "Loans of the library each year";
        let text = in_article(&items);
        let first = text.lines().position(|l| l == "300").map(|i| i + 1);
        let found = found_lines(&text, &[&RULE]);
        assert_eq!(found.first().copied(), first, "{found:?}");
        assert_eq!(found.len(), 14);
    }

    #[test]
    fn numbers_without_an_article_or_alternating_with_labels_are_no_chart() {
        assert!(found_lines(&AXES.join("\n\n"), &[&RULE]).is_empty());
        let mut years = Vec::new();
        for year in ["1998", "2003", "2007", "2011", "2016", "2019"] {
            years.extend([year, "New branch opened"]);
        }
        assert!(found_lines(&in_article(&years), &[&RULE]).is_empty());
    }

    #[test]
    fn rows_of_a_flattened_table_are_no_chart() {
        let rows = [
            "Ann", "63", "16.6%", "Bob", "56", "14.7%", "Cy", "46", "12.1%", "Di", "33", "8.7%",
        ];
        assert!(is_flattened_table(&rows.map(shape_of)));
        assert!(found_lines(&in_article(&rows), &[&RULE]).is_empty());
        assert!(!is_flattened_table(&AXES.map(shape_of)));
    }
}
