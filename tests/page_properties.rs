//! Property tests of the chrome family on generated scraped pages, laid out as a scraper
//! saves them: a menu of list items, a headline and a byline, an article of prose
//! paragraphs with subheadings, then a list of related titles and a footer.
//!
//! Whatever the page, `fix --unsafe-fixes` keeps every article paragraph and subheading,
//! the headline and the byline, word for word; the safe fixes change only what findings report and
//! are stable (see `common/invariant.rs`); and the menu is gone once the article is long
//! enough to be found.

use proptest::prelude::*;

mod common;
#[path = "common/invariant.rs"]
mod invariant;

use corpuslint::fix::{FixOptions, fix};
use invariant::{check_fix, settings};

/// Words of running prose: function words enough that a sentence reads as prose.
const PROSE: &[&str] = &[
    "the",
    "council",
    "said",
    "that",
    "it",
    "would",
    "keep",
    "library",
    "open",
    "in",
    "the",
    "evening",
    "and",
    "of",
    "a",
    "bridge",
    "was",
    "closed",
    "for",
    "repairs",
    "after",
    "winter",
    "storm",
    "residents",
    "who",
    "live",
    "near",
    "river",
    "have",
    "asked",
    "to",
    "be",
    "told",
    "when",
    "work",
    "will",
    "start",
    "on",
    "new",
    "station",
    "by",
    "their",
];

const MENU: &[&str] = &[
    "News", "Sport", "Weather", "Business", "Culture", "Travel", "Opinion", "Video", "Podcasts",
    "Science", "Health", "Money", "Local", "World", "Politics",
];

const TITLE: &[&str] = &[
    "Storm",
    "closes",
    "bridge",
    "Bakery",
    "changes",
    "hands",
    "Nurses",
    "win",
    "pay",
    "rise",
    "Ferry",
    "timetable",
    "Rowing",
    "club",
    "opens",
    "boathouse",
];

#[derive(Debug, Clone)]
struct Page {
    menu: Vec<String>,
    headline: String,
    paragraphs: Vec<String>,
    /// A subheading before the paragraph of the same index, if any.
    subheadings: Vec<Option<String>>,
    related: Vec<String>,
    footer: Vec<String>,
}

fn sentence() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PROSE), 12..24).prop_map(|words| {
        let mut text = words.join(" ");
        if let Some(first) = text.get(..1) {
            text = first.to_uppercase() + &text[1..];
        }
        text + "."
    })
}

fn paragraph() -> impl Strategy<Value = String> {
    prop::collection::vec(sentence(), 1..4).prop_map(|s| s.join(" "))
}

fn title(words: std::ops::Range<usize>) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(TITLE), words).prop_map(|w| w.join(" "))
}

fn page() -> impl Strategy<Value = Page> {
    (
        prop::collection::vec(prop::sample::select(MENU), 4..16),
        title(4..9),
        prop::collection::vec(
            (paragraph(), prop::option::weighted(0.2, title(2..5))),
            4..9,
        ),
        prop::collection::vec(title(3..8), 0..6),
        prop::collection::vec(prop::sample::select(MENU), 0..5),
    )
        .prop_map(|(menu, headline, body, related, footer)| {
            let (paragraphs, subheadings) = body.into_iter().unzip();
            Page {
                menu: menu.into_iter().map(String::from).collect(),
                headline,
                paragraphs,
                subheadings,
                related,
                footer: footer.into_iter().map(String::from).collect(),
            }
        })
}

const BYLINE: &str = "By Ann Smith";

/// `items` as a scraper renders a list: one `  * item` line each.
fn list(items: &[String]) -> String {
    items
        .iter()
        .map(|item| format!("  * {item}"))
        .collect::<Vec<_>>()
        .join("\n")
}

fn render(page: &Page) -> String {
    let mut blocks: Vec<String> = Vec::new();
    blocks.push(list(&page.menu));
    blocks.push(page.headline.clone());
    blocks.push(BYLINE.to_string());
    for (paragraph, subheading) in page.paragraphs.iter().zip(&page.subheadings) {
        blocks.extend(subheading.clone());
        blocks.push(paragraph.clone());
    }
    if !page.related.is_empty() {
        blocks.push("More from Local".to_string());
        blocks.push(list(&page.related));
    }
    blocks.extend(page.footer.iter().cloned());
    blocks.join("\n\n") + "\n"
}

proptest! {
    #![proptest_config(common::proptest_config(32))]

    #[test]
    fn the_article_survives_and_the_menu_goes(page in page()) {
        let text = render(&page);
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(dir.path().join("page.txt"), &text).expect("write");

        let (_, problems) = check_fix(dir.path());
        prop_assert!(problems.is_empty(), "{}\nin {:?}", problems.join("\n"), text);

        let outcome = fix(&settings(dir.path()), FixOptions { unsafe_fixes: true })
            .expect("fix runs");
        let fixed = &outcome.documents[0].text;
        let lines: Vec<&str> = fixed.lines().map(str::trim).collect();
        let byline = BYLINE.to_string();
        let subheadings = page.subheadings.iter().flatten();
        for kept in page.paragraphs.iter().chain(subheadings).chain([&page.headline, &byline]) {
            prop_assert!(lines.contains(&kept.as_str()), "lost {:?} from {:?}", kept, fixed);
        }
        let prose_words: usize = page.paragraphs.iter().map(|p| p.split(' ').count()).sum();
        if prose_words >= 200 {
            prop_assert!(
                !fixed.contains("  * "),
                "the menu or the related list stayed in {:?}",
                fixed
            );
        }
    }
}
