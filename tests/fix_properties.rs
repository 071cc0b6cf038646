//! Property tests of `fix` on generated documents, Markdown or plain text: body
//! paragraphs, one line each or hard-wrapped with indentation, headings, nested lists and
//! fenced code, surrounded by chrome, repeated, and spoiled with no-break spaces,
//! zero-width spaces, CRLF, BOMs and stray blank lines. Whatever the input, the fix
//! changes only what findings report, round after round (see `common/invariant.rs`),
//! fixing again changes nothing, no body paragraph loses a word, and the characters that
//! are findings with safe fixes are gone. The same holds for the pages of a site, which
//! share a template: there a round takes over the chrome of the pages it did not change,
//! which the invariant's rounds find afresh.

use proptest::prelude::*;
use unicode_normalization::{IsNormalized, is_nfc_quick};

mod common;
#[path = "common/invariant.rs"]
mod invariant;

use invariant::check_fix;

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
    /// A paragraph of body text; its words must survive.
    Body(String),
    /// A body paragraph hard-wrapped at `width` columns, each line indented by `indent`
    /// spaces (the first by `first` more: a first-line indent).
    Wrapped {
        text: String,
        width: usize,
        indent: usize,
        first: usize,
    },
    /// A Markdown heading (ATX or setext).
    Heading {
        text: String,
        setext: bool,
    },
    /// A Markdown list: (depth, marker, text) per item.
    List(Vec<(usize, &'static str, String)>),
    /// A fenced code block.
    Code(Vec<&'static str>),
    Chrome(&'static str),
}

impl Block {
    /// The words a reader must still find after the fix, if any.
    fn body(&self) -> Option<&str> {
        match self {
            Block::Body(text) | Block::Wrapped { text, .. } => Some(text),
            _ => None,
        }
    }
}

const CODE: &[&str] = &[
    "[dependencies]",
    "serde = \"1\"",
    "fn main() {",
    "    let x = 1;",
    "}",
    "    }",
    "for item in list:",
    "        print(item)",
];

fn paragraph(index: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(WORDS), 10..30).prop_map(move |words| {
        // A unique word keeps generated body paragraphs distinct from each other.
        format!("Paragraph{index} {}.", words.join(" "))
    })
}

fn long_paragraph(index: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(WORDS), 25..70)
        .prop_map(move |words| format!("Wrapped{index} {}.", words.join(" ")))
}

fn heading(index: usize) -> impl Strategy<Value = Block> {
    (
        prop::collection::vec(prop::sample::select(WORDS), 1..5),
        any::<bool>(),
    )
        .prop_map(move |(words, setext)| Block::Heading {
            text: format!("Part{index} {}", words.join(" ")),
            setext,
        })
}

fn list(index: usize) -> impl Strategy<Value = Block> {
    let item = (
        0usize..3,
        prop::sample::select(&["-", "*", "1."][..]),
        prop::collection::vec(prop::sample::select(WORDS), 1..6),
    );
    prop::collection::vec(item, 1..6).prop_map(move |items| {
        let mut depth = 0;
        let items = items
            .into_iter()
            .enumerate()
            .map(|(n, (d, marker, words))| {
                // A list nests one level at a time.
                depth = d.min(depth + 1);
                (
                    depth,
                    marker,
                    format!("item{index}x{n} {}", words.join(" ")),
                )
            })
            .collect();
        Block::List(items)
    })
}

/// One block of a document: mostly body text, in the layouts of real documents.
fn block(index: usize) -> impl Strategy<Value = Block> {
    prop_oneof![
        3 => paragraph(index).prop_map(Block::Body),
        // Four spaces before its first line would make a Markdown paragraph code.
        3 => (long_paragraph(index), 60usize..79, 0usize..4, 0usize..4).prop_map(
            |(text, width, indent, first)| Block::Wrapped {
                text,
                width,
                indent,
                first: first.min(3 - indent),
            }
        ),
        1 => heading(index),
        1 => list(index),
        1 => prop::collection::vec(prop::sample::select(CODE), 1..5).prop_map(Block::Code),
    ]
}

fn document() -> impl Strategy<Value = (Vec<Block>, String)> {
    let blocks = (1usize..7).prop_flat_map(|n| (0..n).map(block).collect::<Vec<_>>());
    (
        blocks,
        prop::collection::vec(prop::sample::select(CHROME), 0..4),
        prop::collection::vec(prop::sample::select(CHROME), 0..4),
        any::<bool>(), // repeat the first body paragraph at the end
        0u8..4,        // separator style
        any::<u64>(),  // noise seed
    )
        .prop_map(|(middle, top, bottom, repeat, style, seed)| {
            let mut blocks: Vec<Block> = top.into_iter().map(Block::Chrome).collect();
            let first = middle.iter().find(|b| matches!(b, Block::Body(_))).cloned();
            blocks.extend(middle);
            if let Some(first) = first
                && repeat
            {
                blocks.push(first);
            }
            blocks.extend(bottom.into_iter().map(Block::Chrome));
            let text = render(&blocks, style, seed);
            (blocks, text)
        })
}

/// Wraps `text` at `width` columns.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = vec![String::new()];
    for word in text.split(' ') {
        let line = lines.last_mut().expect("one line at least");
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(word.to_string());
        } else {
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
    }
    lines
}

/// Writes the blocks with the layout of the document they come from, and the noise of
/// a scraper: no-break and zero-width spaces inside text, trailing spaces, BOM, CRLF,
/// stray blank lines.
fn render(blocks: &[Block], style: u8, mut seed: u64) -> String {
    let mut next = || {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        seed >> 33
    };
    let newline = if style == 3 { "\r\n" } else { "\n" };
    let separator = match style {
        0 | 3 => format!("{newline}{newline}"),
        1 => format!("{newline}{newline}{newline}"),
        _ => format!("{newline}{newline}{newline}{newline}"),
    };
    let mut out = String::new();
    if next() % 4 == 0 {
        out.push('\u{feff}');
    }
    let mut noise = |text: &str| {
        let mut noisy = String::new();
        for word in text.split(' ') {
            if !noisy.is_empty() {
                noisy.push_str(match next() % 12 {
                    0 => "\u{a0}",
                    1 => " \u{200b}",
                    _ => " ",
                });
            }
            noisy.push_str(word);
        }
        if next() % 4 == 0 {
            noisy.push_str("  ");
        }
        noisy
    };
    for (i, block) in blocks.iter().enumerate() {
        let lines: Vec<String> = match block {
            Block::Body(text) => vec![noise(text)],
            Block::Chrome(text) => vec![noise(text)],
            Block::Wrapped {
                text,
                width,
                indent,
                first,
            } => wrap(text, *width)
                .iter()
                .enumerate()
                .map(|(n, line)| {
                    let pad = indent + if n == 0 { *first } else { 0 };
                    format!("{}{}", " ".repeat(pad), noise(line))
                })
                .collect(),
            Block::Heading { text, setext } => {
                if *setext {
                    vec![text.clone(), "-".repeat(text.chars().count())]
                } else {
                    vec![format!("## {text}")]
                }
            }
            Block::List(items) => items
                .iter()
                .map(|(depth, marker, text)| format!("{}{marker} {text}", "  ".repeat(*depth * 2)))
                .collect(),
            Block::Code(lines) => std::iter::once("```".to_string())
                .chain(lines.iter().map(|l| l.to_string()))
                .chain(std::iter::once("```".to_string()))
                .collect(),
        };
        if i > 0 {
            out.push_str(&separator);
        }
        out.push_str(&lines.join(newline));
    }
    if next() % 2 == 0 {
        out.push_str(newline);
    }
    out
}

fn words(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

proptest! {
    #![proptest_config(common::proptest_config(48))]

    #[test]
    fn fix_changes_only_findings_and_keeps_the_body(
        (blocks, text) in document(),
        name in prop::sample::select(&["page.md", "page.txt"][..]),
    ) {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(dir.path().join(name), &text).expect("write");
        let (files, problems) = check_fix(dir.path());
        prop_assert!(problems.is_empty(), "{}\nin {:?}", problems.join("\n"), text);
        let fixed = &files[0].output;

        // No-break and zero-width spaces, BOM and CRLF are findings with safe fixes.
        prop_assert!(!fixed.contains(['\r', '\u{a0}', '\u{200b}', '\u{feff}']), "{fixed:?}");
        prop_assert_eq!(is_nfc_quick(fixed.chars()), IsNormalized::Yes);

        // Every body paragraph keeps its words, in order, whatever its layout.
        let all = words(&fixed.replace('\u{200b}', ""));
        for body in blocks.iter().filter_map(Block::body) {
            let body = words(&body.replace('\u{200b}', ""));
            prop_assert!(all.contains(body.as_str()), "lost `{}` from {:?}", body, fixed);
        }
    }

}

proptest! {
    // Each case checks and fixes a folder of pages round after round: fewer of them.
    #![proptest_config(common::proptest_config(16))]

    #[test]
    fn fix_of_the_pages_of_a_site_changes_only_findings_and_keeps_the_bodies(
        pages in prop::collection::vec(document(), 2..6),
        top in prop::collection::vec(prop::sample::select(CHROME), 1..4),
        bottom in prop::collection::vec(prop::sample::select(CHROME), 0..3),
    ) {
        let dir = tempfile::tempdir().expect("tempdir");
        let site = dir.path().join("site");
        std::fs::create_dir(&site).expect("mkdir");
        for (n, (_, text)) in pages.iter().enumerate() {
            let page = format!("{}\n\n{text}\n\n{}\n", top.join("\n"), bottom.join("\n"));
            std::fs::write(site.join(format!("page{n}.txt")), page).expect("write");
        }
        let (files, problems) = check_fix(dir.path());
        prop_assert!(problems.is_empty(), "{}", problems.join("\n"));
        for (n, (blocks, _)) in pages.iter().enumerate() {
            let name = format!("page{n}.txt");
            let fixed = &files
                .iter()
                .find(|f| f.path.ends_with(&name))
                .expect("every page is fixed")
                .output;
            let all = words(&fixed.replace('\u{200b}', ""));
            for body in blocks.iter().filter_map(Block::body) {
                let body = words(&body.replace('\u{200b}', ""));
                prop_assert!(all.contains(body.as_str()), "{name} lost `{}`: {:?}", body, fixed);
            }
        }
    }
}
