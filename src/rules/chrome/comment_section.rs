//! C006 `comment-section`: its docs, and its detector, which marks the comments under
//! the article of a page.

use crate::corpus::Corpus;
use crate::data::RuleData;
use crate::diagnostic::{Family, Severity};
use crate::diagnostic::{FixAvailability, Rule};
use crate::rules::check::Lint;
use crate::rules::chrome::Options;
use crate::rules::chrome::evidence::{Detail, Detector, Marker};
use crate::rules::chrome::report::runs_lint;
use crate::text::count;

pub const RULE: Rule = Rule {
    code: "C006",
    name: "comment-section",
    family: Family::Chrome,
    severity: Severity::Warning,
    fix: FixAvailability::Sometimes,
    opt_in: false,
    summary: "Readers' comments under the article of a scraped page",
    docs: r#"## What it does
Reports the comment section of a scraped page: after the article, at least three
comment headers, each within twelve paragraphs of the one before. A comment header is a
line of at most 15 words with a time of day and a year, and a name beside them:

```text
Ann Baker · March 10, 2017 at 12:20 AM
#3 小鳳 於 2013/12/28 20:34
```

or up to four short lines together (at most five words each), as sites that sign a
comment under its text lay them out:

```text
  * reply
  * April 5, 2018
  * 6:32 PM
```

The section runs from the first header to the typical length of a comment after the
last one, and the comments' text goes with it, however well written.

Only pages with an article (see `outside-article`) are read, and only headers after the
start of the article count: on a forum thread, where the posts are the page, the first
post is the article and its header comes before it. A live blog's entries, headed by a
time without a date, are not comments.

## Why it matters
Comments are other people's words, under other licences, of another quality; a corpus
that keeps them attributes them to the article's author.

## Example
An article, then `There are 13 comments` and thirteen comments, each with its header
and a `Reply` link: the comments are one run.

## Fix
Deletes the section. Unsafe: where the comments end is a judgement.

## Configuration
None beyond rule selection. Silence with `--ignore C006`.
"#,
};

/// The rule with its check, as the registry lists it.
pub const LINT: Lint = runs_lint!(RULE);

/// Lines of comment sections; `numbers[0]` is the comments of the section.
pub const DETECTOR: Detector = Detector {
    rule: &RULE,
    max_words: |_| 0,
    prepare,
    describe: |detail, _| format!("in a section of {} comments", detail.numbers[0]),
    kind: |_, _| Some("comment section"),
    note: |details| {
        let comments = details.iter().map(|d| d.numbers[0]).max()?;
        Some(count(comments as usize, "comment"))
    },
};

fn prepare<'a>(_: &'a Corpus, _: &'a RuleData, _: &'a Options) -> Marker<'a> {
    Box::new(|page, marks| {
        for section in &page.layout().comments {
            let detail = Detail {
                numbers: [Detail::number(section.comments), 0, 0],
                ..Detail::default()
            };
            let first = page.lines.partition_point(|l| l.index < section.first_line);
            let end = page.lines.partition_point(|l| l.index <= section.last_line);
            for i in first..end {
                marks.mark(i, detail, false);
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::chrome::analysis::found_lines;
    use crate::rules::chrome::article::TEST_ARTICLE as ARTICLE;

    fn comments(text: &str) -> Vec<usize> {
        found_lines(text, &[&RULE])
    }

    const COMMENTS: &str = "\
Ann Baker · March 10, 2017 at 12:20 AM

About time too. I have been asking the council for later opening hours for years and nobody ever listened.

Reply

Tom · March 10, 2017 at 1:26 AM

Who is going to pay for the heating in the evenings, though? The grant will not last for ever.

Reply

Priya S. · March 11, 2017 at 8:41 PM

Great news for students who need a quiet place to revise before their exams in the summer.

Reply
";

    #[test]
    fn comments_after_the_article_are_one_section() {
        let text = format!("{ARTICLE}\n3 comments\n\n{COMMENTS}");
        let found = comments(&text);
        // From the first header to the last comment's `Reply`; the count above them is
        // left to the lines around the article.
        assert_eq!(found, [15, 17, 19, 21, 23, 25, 27, 29, 31]);
    }

    #[test]
    fn posts_before_any_prose_are_the_page() {
        let text = format!("{COMMENTS}\n{ARTICLE}");
        assert!(comments(&text).is_empty());
    }

    #[test]
    fn times_without_a_year_head_live_blog_entries() {
        let live = COMMENTS.replace(", 2017", "");
        let text = format!("{ARTICLE}\n{live}");
        assert!(comments(&text).is_empty());
    }

    #[test]
    fn comments_signed_under_their_text_are_one_section() {
        // The name above each comment, `reply`, the date and the time in a list under it.
        let comment = |name: &str, text: &str, day: u32| {
            format!("{name}\n\n{text}\n\n  * reply\n  * April {day}, 2018\n  * 6:32 PM\n\n")
        };
        let section: String = [
            comment(
                "Anonymous",
                "A fine idea, and long overdue for the readers here.",
                5,
            ),
            comment(
                "Lars",
                "Could the same be done with a filter on the router?",
                6,
            ),
            comment(
                "Ed B.",
                "It could, but the article explains why that is not enough.",
                7,
            ),
        ]
        .concat();
        let text = format!("{ARTICLE}\nView comments (3)\n\n{section}");
        let found = comments(&text);
        // From the first comment's signature on: the comments after it, with their names.
        let first = text.lines().position(|l| l == "  * reply").map(|i| i + 1);
        assert_eq!(found.first().copied(), first, "{found:?}");
        let lars = text.lines().position(|l| l == "Lars").map(|i| i + 1);
        assert!(lars.is_some_and(|l| found.contains(&l)), "{found:?}");
    }

    #[test]
    fn a_table_of_timestamps_is_no_comment_section() {
        let rows: String = (0..12)
            .map(|i| format!(" 400 │ 2020-08-01 18:{i:02}:00+00 │ 24 │ 6.82 │ t\n"))
            .collect();
        let text =
            format!("{ARTICLE}\nThe alerts of the day:\n\n{rows}\nAnd one more paragraph.\n");
        assert!(comments(&text).is_empty());
    }
}
