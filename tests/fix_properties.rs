//! Property tests of `fix` on generated documents: body paragraphs surrounded by chrome,
//! repeated, and spoiled with no-break spaces, zero-width spaces, CRLF, BOMs and stray
//! blank lines. Whatever the input, the output is canonical, fixing it again changes
//! nothing, and no body paragraph is lost.

use corpuslint::fix::{FixOptions, fix};
use corpuslint::settings::Settings;
use proptest::prelude::*;

mod common;
use unicode_normalization::{IsNormalized, is_nfc_quick};

const WORDS: &[&str] = &[
    "council",
    "river",
    "bridge",
    "budget",
    "school",
    "winter",
    "harbour",
    "market",
    "station",
    "report",
    "village",
    "library",
    "festival",
    "museum",
    "railway",
    "garden",
    "hospital",
    "minister",
    "résumé",
    "café",
    "naïve",
    "“quoted”",
    "it’s",
    "北京",
    "上海",
    "年",
    "the",
    "a",
    "of",
    "and",
    "in",
    "to",
    "with",
    "for",
    "on",
    "said",
    "would",
    "could",
    "new",
    "old",
];

const CHROME: &[&str] = &[
    "Share",
    "FOLLOW US",
    "Back to top",
    ">> View All",
    "Facebook Twitter LinkedIn Email",
    "Copyright © 2024 Example Media. All rights reserved.",
    "Sign up for our newsletter",
];

#[derive(Debug, Clone)]
enum Block {
    Body(String),
    Chrome(&'static str),
}

fn paragraph(index: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(WORDS), 10..30).prop_map(move |words| {
        // A unique word keeps generated body paragraphs distinct from each other.
        format!("Paragraph{index} {}.", words.join(" "))
    })
}

fn document() -> impl Strategy<Value = (Vec<Block>, String)> {
    let bodies = (1usize..6).prop_flat_map(|n| (0..n).map(paragraph).collect::<Vec<_>>());
    (
        bodies,
        prop::collection::vec(prop::sample::select(CHROME), 0..4),
        prop::collection::vec(prop::sample::select(CHROME), 0..4),
        any::<bool>(), // repeat the first paragraph at the end
        0u8..4,        // separator style
        any::<u64>(),  // noise seed
    )
        .prop_map(|(bodies, top, bottom, repeat, style, seed)| {
            let mut blocks: Vec<Block> = top.into_iter().map(Block::Chrome).collect();
            blocks.extend(bodies.iter().cloned().map(Block::Body));
            if repeat && bodies[0].split_whitespace().count() >= 5 {
                blocks.push(Block::Body(bodies[0].clone()));
            }
            blocks.extend(bottom.into_iter().map(Block::Chrome));
            let text = render(&blocks, style, seed);
            (blocks, text)
        })
}

/// Writes the blocks with the layout and the noise of a scraper.
fn render(blocks: &[Block], style: u8, mut seed: u64) -> String {
    let mut next = || {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        seed >> 33
    };
    let newline = if style == 3 { "\r\n" } else { "\n" };
    let separator = match style {
        0 => newline.to_string(),
        1 => format!("{newline}{newline}"),
        _ => format!("{newline}{newline}{newline}"),
    };
    let mut out = String::new();
    if next() % 4 == 0 {
        out.push('\u{feff}');
    }
    for (i, block) in blocks.iter().enumerate() {
        let text = match block {
            Block::Body(text) => text.clone(),
            Block::Chrome(text) => text.to_string(),
        };
        let mut noisy = String::new();
        for word in text.split(' ') {
            if !noisy.is_empty() {
                noisy.push_str(match next() % 10 {
                    0 => "\u{a0}",
                    1 => "  ",
                    2 => " \u{200b}",
                    _ => " ",
                });
            }
            noisy.push_str(word);
        }
        if next() % 3 == 0 {
            noisy.push_str("  ");
        }
        if i > 0 {
            out.push_str(&separator);
        }
        out.push_str(&noisy);
    }
    if next() % 2 == 0 {
        out.push_str(newline);
    }
    out
}

fn fix_text(dir: &std::path::Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write");
    let settings = Settings {
        paths: vec![path],
        ..Settings::default()
    };
    let outcome = fix(&settings, FixOptions::default()).expect("fix");
    assert!(outcome.refused.is_empty() && outcome.errors.is_empty());
    outcome.documents[0].text.clone()
}

fn words(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

proptest! {
    #![proptest_config(common::proptest_config(128))]

    #[test]
    fn fix_is_canonical_idempotent_and_keeps_the_body((blocks, text) in document()) {
        let dir = tempfile::tempdir().expect("tempdir");
        let fixed = fix_text(dir.path(), "page.txt", &text);

        prop_assert!(!fixed.contains(['\r', '\u{a0}', '\u{200b}', '\u{feff}']), "{fixed:?}");
        prop_assert_eq!(is_nfc_quick(fixed.chars()), IsNormalized::Yes);
        prop_assert!(!fixed.contains("\n\n\n"));
        prop_assert!(fixed.is_empty() || (fixed.ends_with('\n') && !fixed.ends_with("\n\n")));
        for line in fixed.lines() {
            prop_assert_eq!(line, line.trim());
        }

        let again = fix_text(dir.path(), "again.txt", &fixed);
        prop_assert_eq!(&again, &fixed, "fix is not idempotent");

        // Each generated paragraph is one line; spaces inside a line are the writer's,
        // so only words are compared.
        let paragraphs: Vec<String> = fixed.lines().map(words).collect();
        for block in &blocks {
            if let Block::Body(body) = block {
                let body = words(&body.replace('\u{200b}', ""));
                prop_assert!(paragraphs.contains(&body), "lost `{}` from {:?}", body, fixed);
            }
        }
    }
}
