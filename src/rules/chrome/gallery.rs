//! C008 `gallery`: its docs, and its detector, which finds a picture gallery or slideshow
//! embedded in a page: its items counted `1/50`, `2/50`..., with their captions and
//! credits.

use crate::corpus::Corpus;
use crate::data::RuleData;
use crate::diagnostic::{Family, Severity};
use crate::diagnostic::{FixAvailability, Rule};
use crate::rules::check::Lint;
use crate::rules::chrome::Options;
use crate::rules::chrome::evidence::{Detail, Detector, Marker, Marks, Page};
use crate::rules::chrome::report::runs_lint;
use crate::text::{count, indent_width};

/// A gallery shows at least this many items, counted one after the other: a pair or three
/// counted lines can be an article's own numbering (`1/3` of a thread).
const MIN_ITEMS: usize = 4;
/// An item (its counted title, a caption, a credit) takes at most this many lines: further
/// apart, two counters are not of one gallery.
const MAX_ITEM_LINES: usize = 8;
/// A counter's numbers have at most this many digits.
const MAX_COUNTER_DIGITS: usize = 3;

pub const RULE: Rule = Rule {
    code: "C008",
    name: "gallery",
    family: Family::Chrome,
    severity: Severity::Warning,
    fix: FixAvailability::Sometimes,
    opt_in: false,
    summary: "A picture gallery or slideshow embedded in a page: items counted 1/50, 2/50...",
    docs: r#"## What it does
Reports the text a scraper keeps of a picture gallery or a slideshow embedded in a page:
its items, each opening with a counter of the form `k/N` (`3/50 City for sale`, or a
list item `* 3 / 50`), followed by the picture's caption and credit. On a page with an
article (see `outside-article`), it finds at least 4 items counted one after the other
(`1/50`, `2/50`, `3/50`, `4/50`: the same total, each count one more than the last, at
most 8 lines apart). The run goes from the first counter to the end of the last item,
which is as long as the longest item before it and, when the items are indented list
items, ends where the indentation does.

Counters that skip or go back, three items or fewer, pages without an article and
Markdown are left alone.

## Why it matters
A gallery's captions belong to other stories (a newspaper's "business news in pictures"
between two paragraphs of an article on hotels): kept, they mix unrelated text into the
article, and their credits (`Getty Images`) into its words.

## Example
In the middle of an article:

```text
  * 1/50 United goin down

    Manchester United's absence from the Champions League hurt the bottom line.

    GETTY IMAGES

  * 2/50 Star Wars boosts economy

    Production of the next Star Wars movie has brought an economic impact to Britain.
```

and so on to `50/50`: one run.

## Fix
Deletes the run. Unsafe: where the last item ends is a judgement.

## Configuration
None beyond rule selection. Silence with `--ignore C008`.
"#,
};

/// The rule with its check, as the registry lists it.
pub const LINT: Lint = runs_lint!(RULE);

/// Lines of a gallery; `numbers` are its items and the total its counters name.
pub const DETECTOR: Detector = Detector {
    rule: &RULE,
    max_words: |_| 0,
    prepare,
    describe: |detail, _| {
        format!(
            "in a gallery of {} items counted k/{}",
            detail.numbers[0], detail.numbers[1]
        )
    },
    kind: |_, _| Some("picture gallery"),
    note: |details| {
        let items = details.iter().map(|d| d.numbers[0]).max()?;
        Some(count(items as usize, "picture"))
    },
};

fn prepare<'a>(_: &'a Corpus, _: &'a RuleData, _: &'a Options) -> Marker<'a> {
    Box::new(mark)
}

/// `3/50 City for sale`, `* 3 / 50`, `- 12/12`: the count and the total of the counter
/// that opens the line, after a list marker if there is one.
fn counter(text: &str) -> Option<(u32, u32)> {
    let text = text.trim_start();
    let text = match text.strip_prefix(['*', '-', '•', '+', '–']) {
        Some(rest) if rest.starts_with(char::is_whitespace) => rest.trim_start(),
        Some(_) => return None,
        None => text,
    };
    let number = |s: &str| -> Option<(u32, usize)> {
        let digits = s.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 || digits > MAX_COUNTER_DIGITS {
            return None;
        }
        Some((s[..digits].parse().ok()?, digits))
    };
    let (count, digits) = number(text)?;
    let rest = text[digits..]
        .strip_prefix(" / ")
        .or_else(|| text[digits..].strip_prefix('/'))?;
    let (total, digits) = number(rest)?;
    let after = &rest[digits..];
    let ends = after.is_empty() || after.starts_with(char::is_whitespace);
    (ends && count >= 1 && count <= total).then_some((count, total))
}

/// Marks the galleries of a page with an article.
fn mark(page: &Page, marks: &mut Marks) {
    let lines = &page.lines;
    let counters: Vec<(usize, (u32, u32))> = lines
        .iter()
        .enumerate()
        .filter_map(|(i, line)| Some((i, counter(line.text)?)))
        .collect();
    if counters.len() < MIN_ITEMS {
        return;
    }
    let mut galleries = Vec::new();
    let mut start = 0;
    for end in 1..=counters.len() {
        let follows = end < counters.len() && {
            let ((a, (count_a, total_a)), (b, (count_b, total_b))) =
                (counters[end - 1], counters[end]);
            total_a == total_b && count_b == count_a + 1 && b - a <= MAX_ITEM_LINES
        };
        if !follows {
            if end - start >= MIN_ITEMS {
                galleries.push(&counters[start..end]);
            }
            start = end;
        }
    }
    if galleries.is_empty() || page.layout().article.is_none() {
        return;
    }
    for items in galleries {
        let (first, _) = items[0];
        let (last, (_, total)) = items[items.len() - 1];
        let longest = items.windows(2).map(|w| w[1].0 - w[0].0).max().unwrap_or(1);
        let nested = lines[last].list_item || indent_width(lines[last].text) > 0;
        let mut end = last + 1;
        while end < lines.len()
            && end < last + longest
            && counter(lines[end].text).is_none()
            && (!nested || indent_width(lines[end].text) > indent_width(lines[last].text))
        {
            end += 1;
        }
        let detail = Detail {
            numbers: [Detail::number(items.len()), total, 0],
            ..Detail::default()
        };
        for i in first..end {
            marks.mark(i, detail, false);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::chrome::analysis::found_lines;
    use crate::rules::chrome::article::TEST_ARTICLE as ARTICLE;

    #[test]
    fn counters_open_the_line() {
        assert_eq!(counter("3/50 City for sale"), Some((3, 50)));
        assert_eq!(counter("  * 3/50 City for sale"), Some((3, 50)));
        assert_eq!(counter("- 3 / 50"), Some((3, 50)));
        assert_eq!(counter("12/12"), Some((12, 12)));
        for text in [
            "3/50s fashion",
            "51/50 City",
            "0/5 stars",
            "City 3/50",
            "2021/03/07",
            "*3/50",
            "24/7 news",
        ] {
            assert_eq!(counter(text), None, "{text}");
        }
    }

    /// A gallery of `n` items, indented under list markers, between two halves of an
    /// article.
    fn page_with_gallery(n: u32, total: u32) -> String {
        let mut items = Vec::new();
        for k in 1..=n {
            items.push(format!(
                "  * {k}/{total} Picture number {k}\n\n    A caption that tells what the picture {k} shows, in a sentence.\n\n    Getty Images"
            ));
        }
        format!("{ARTICLE}\n{}\n\n{ARTICLE}", items.join("\n\n"))
    }

    #[test]
    fn a_gallery_runs_from_its_first_counter_to_the_end_of_its_last_item() {
        let text = page_with_gallery(5, 50);
        let found = found_lines(&text, &[&RULE]);
        let line_of = |needle: &str| text.lines().position(|l| l.contains(needle)).map(|i| i + 1);
        assert_eq!(found.first().copied(), line_of("1/50"), "{found:?}");
        let last_credit = text
            .lines()
            .enumerate()
            .filter(|(_, l)| l.contains("Getty Images"))
            .map(|(i, _)| i + 1)
            .last();
        assert_eq!(found.last().copied(), last_credit, "{found:?}");
        assert_eq!(found.len(), 15);
    }

    #[test]
    fn few_items_counters_that_skip_and_pages_without_an_article_are_no_gallery() {
        assert!(found_lines(&page_with_gallery(3, 50), &[&RULE]).is_empty());
        let skipping = page_with_gallery(6, 50).replace("3/50", "7/50");
        assert!(found_lines(&skipping, &[&RULE]).is_empty());
        let items: Vec<String> = (1..=6)
            .map(|k| format!("{k}/6 Picture number {k}"))
            .collect();
        assert!(found_lines(&items.join("\n\n"), &[&RULE]).is_empty());
    }
}
