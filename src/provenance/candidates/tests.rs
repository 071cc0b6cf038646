//! Where a date stands against the article that the layout finds.

use super::*;
use crate::provenance::byline;

/// The date [`choose`] takes from `text`, whose article the page's layout finds from
/// 0-based line `article_start` to its end.
fn chosen_date(text: &str, article_start: usize) -> Option<String> {
    let doc = Document::from_bytes("t.txt".into(), text.as_bytes().to_vec());
    let data = MetadataData::for_tests();
    let lines = doc.content_lines(|_| false);
    let bylines: Vec<_> = lines
        .iter()
        .filter_map(|&(line, span)| byline::parse(doc.slice(span), data).map(|b| (line, span, b)))
        .collect();
    let last = lines.last().map_or(0, |&(line, _)| line);
    let layout = || PageLayout {
        article: Some((article_start, last)),
        comments: Vec::new(),
    };
    let chosen = choose(&doc, &lines, &bylines, None, &HashSet::new(), data, &layout);
    chosen.date.and_then(|(d, _)| d.date).map(|d| d.to_string())
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
