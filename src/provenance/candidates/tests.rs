//! Where a date stands against the article that the layout finds.

use super::*;
use crate::provenance::byline;

/// A document's content lines (0-based line, span), and those that parse as bylines.
type LinesAndBylines = (Vec<(usize, Span)>, Vec<(usize, Span, Byline)>);

/// The content lines of `doc`, and those of them that parse as bylines.
fn lines_and_bylines(doc: &Document, data: &MetadataData) -> LinesAndBylines {
    let lines = doc.content_lines(|_| false);
    let bylines = lines
        .iter()
        .filter_map(|&(line, span)| byline::parse(doc.slice(span), data).map(|b| (line, span, b)))
        .collect();
    (lines, bylines)
}

/// What [`choose`] takes from `text`, whose article the page's layout finds from 0-based
/// line `article_start` to its end, with its first line as headline when `headline`.
fn chosen(text: &str, article_start: usize, headline: bool) -> Chosen {
    let doc = Document::from_bytes("t.txt".into(), text.as_bytes().to_vec());
    let data = MetadataData::for_tests();
    let (lines, bylines) = lines_and_bylines(&doc, data);
    let last = lines.last().map_or(0, |&(line, _)| line);
    let layout = || PageLayout {
        article: Some((article_start, last)),
        comments: Vec::new(),
    };
    let title = headline.then(|| Found {
        value: doc.slice(lines[0].1).to_string(),
        line: lines[0].0,
        span: lines[0].1,
    });
    let chrome = FxHashSet::default();
    choose(
        &doc,
        &lines,
        &bylines,
        title.as_ref(),
        &chrome,
        data,
        &layout,
    )
}

fn chosen_date(text: &str, article_start: usize) -> Option<String> {
    let date = chosen(text, article_start, false).date;
    date.and_then(|(d, _)| d.date).map(|d| d.to_string())
}

fn chosen_author(text: &str, article_start: usize) -> Option<String> {
    chosen(text, article_start, true)
        .author
        .map(|(a, _)| a.value)
}

const SENTENCE: &str =
    "The council met on Thursday evening and agreed to rebuild the bridge over the river.";

/// A page whose article (as the layout finds it) starts at line 1, with the date alone
/// on line `at`, and another at its end (which makes the layout worth asking for).
fn page_with_date_at(at: usize) -> String {
    let mut lines = vec!["A headline for the story".to_string()];
    while lines.len() < 12 {
        if lines.len() == at {
            lines.push("3 March 2021".to_string());
        } else {
            lines.push(SENTENCE.to_string());
        }
    }
    lines.push("9 March 2021".to_string());
    lines.join("\n") + "\n"
}

#[test]
fn a_byline_up_to_five_lines_into_the_article_is_its_own() {
    // A standfirst or a caption may open the article found above the byline.
    for at in [2, 4, 1 + BYLINE_INSIDE] {
        assert_eq!(
            chosen_date(&page_with_date_at(at), 1).as_deref(),
            Some("2021-03-03"),
            "date on line {at}"
        );
    }
    // Further into the article, a date alone on its line is the text's.
    assert_eq!(chosen_date(&page_with_date_at(2 + BYLINE_INSIDE), 1), None);
    assert_eq!(chosen_date(&page_with_date_at(9), 1), None);
}

#[test]
fn a_name_alone_between_headline_and_article_is_the_last_resort() {
    let page = |name: &str, extra: &str| {
        format!("A headline for the story\n{name}\n{SENTENCE}\n{SENTENCE}\n{extra}\n{SENTENCE}\n")
    };
    assert_eq!(
        chosen_author(&page("Priya Natarajan", SENTENCE), 2).as_deref(),
        Some("Priya Natarajan")
    );
    // A byline anywhere near the article names the author instead.
    assert_eq!(
        chosen_author(&page("Priya Natarajan", "By Jane Roe"), 2).as_deref(),
        Some("Jane Roe")
    );
    // A heading whose words the text also writes in lower case is no name.
    let takeaways = "The three key takeaways of the meeting were short and clear.";
    assert_eq!(chosen_author(&page("Key Takeaways", takeaways), 2), None);
    // Far from the article's first paragraph, a name alone is not its byline.
    let far = format!(
        "A headline for the story\nPriya Natarajan\n{}",
        "Menu\n".repeat(12)
    );
    assert_eq!(
        chosen_author(&format!("{far}{SENTENCE}\n{SENTENCE}\n"), 14),
        None
    );
}

/// The author `choose` takes from `text` when the page's layout finds no article and no
/// line is chrome (a changelog, a manual) or, with `chrome_line`, one line is.
fn author_without_layout(text: &str, chrome_line: Option<usize>) -> Option<String> {
    let doc = Document::from_bytes("NEWS".into(), text.as_bytes().to_vec());
    let data = MetadataData::for_tests();
    let (lines, bylines) = lines_and_bylines(&doc, data);
    let chrome: FxHashSet<usize> = chrome_line.into_iter().collect();
    let chosen = choose(
        &doc,
        &lines,
        &bylines,
        None,
        &chrome,
        data,
        &PageLayout::default,
    );
    chosen.author.map(|(found, _)| found.value)
}

#[test]
fn a_name_deep_in_a_document_that_is_no_page_is_a_credit() {
    let mut text = String::from("Release notes\n\n");
    for n in 0..8 {
        text.push_str(&format!(
            "Version 2.{n} reads the older format of the timetables as well, which the offices still publish.\n\n"
        ));
    }
    text.push_str("By Jane Doe\n\nThe summer timetable is read too.\n");
    assert_eq!(author_without_layout(&text, None), None);
    // With chrome around, the document is a page whose layout was not found: the byline
    // stands.
    assert_eq!(
        author_without_layout(&text, Some(0)).as_deref(),
        Some("Jane Doe")
    );
}
