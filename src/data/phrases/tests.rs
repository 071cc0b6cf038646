//! The phrase data's matching, on lines of real pages and documents.

use super::*;
use crate::text::word_count;

fn id(phrases: &Phrases, line: &str) -> Option<String> {
    let words = word_count(line);
    phrases
        .find(line, words)
        .map(|m| phrases.entries[m.entry].id.clone())
}

#[test]
fn the_builtin_patterns_compile_as_written() {
    let parsed: PhraseFile = toml::from_str(CHROME_TOML).expect("built-in data parses");
    let patterns: Vec<&String> = parsed.phrase.iter().flat_map(|e| &e.regex).collect();
    assert!(!patterns.is_empty());
    for r in patterns {
        assert!(regex::Regex::new(r).is_ok(), "{r}");
    }
}

#[test]
fn builtin_data_compiles_and_is_sorted() {
    let phrases = Phrases::builtin().expect("rules/chrome.toml");
    let ids: Vec<&str> = phrases.entries.iter().map(|e| e.id.as_str()).collect();
    let mut sorted = ids.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(
        ids, sorted,
        "keep rules/chrome.toml sorted by id, ids unique"
    );
    for entry in &phrases.entries {
        assert!(
            !entry.description.is_empty() && !entry.kind.is_empty(),
            "{}",
            entry.id
        );
    }
}

#[test]
fn a_sentence_after_a_label_with_a_colon_is_no_link() {
    let p = Phrases::builtin().expect("data");
    assert_eq!(
        id(&p, "See also: Why the tram costs so much").as_deref(),
        Some("read-more")
    );
    assert_eq!(id(&p, "See also: rename(2)."), None);
    assert_eq!(id(&p, "* Archives on AIX now supposedly work."), None);
    assert_eq!(id(&p, "Archives").as_deref(), Some("most-viewed"));
    assert_eq!(
        id(&p, "Read more: the budget in full...").as_deref(),
        Some("read-more")
    );
}

#[test]
fn recognises_chrome_lines() {
    let p = Phrases::builtin().expect("data");
    assert_eq!(id(&p, "Share").as_deref(), Some("share-buttons"));
    // Spaces and invisible characters a scraper leaves do not hide a phrase.
    for noisy in ["Share\u{200b}", "Share\u{a0}", "\tShare  "] {
        assert_eq!(id(&p, noisy).as_deref(), Some("share-buttons"), "{noisy:?}");
    }
    assert_eq!(id(&p, "FOLLOW\u{a0}US"), id(&p, "FOLLOW US"));
    assert!(id(&p, "FOLLOW US").is_some());
    assert_eq!(id(&p, "Share - WeChat").as_deref(), Some("share-buttons"));
    assert_eq!(
        id(&p, "Facebook Twitter LinkedIn Email").as_deref(),
        Some("share-buttons")
    );
    assert_eq!(
        id(&p, "分享到：微信 微博").as_deref(),
        Some("share-buttons")
    );
    assert_eq!(id(&p, ">> View All").as_deref(), Some("read-more"));
    assert_eq!(id(&p, "FOLLOW US").as_deref(), Some("follow-us"));
    assert_eq!(
        id(&p, "Global EditionASIA 中文双语Français").as_deref(),
        Some("language-switcher")
    );
    assert_eq!(
        id(&p, "Home / Opinion / Op-Ed Contributors").as_deref(),
        Some("breadcrumb")
    );
    assert_eq!(
        id(&p, "当前位置：首页 > 新闻").as_deref(),
        Some("breadcrumb")
    );
    assert_eq!(
        id(&p, "Registration Number: 130349").as_deref(),
        Some("licence-registration")
    );
    assert_eq!(
        id(&p, "京ICP备12345678号").as_deref(),
        Some("licence-registration")
    );
    assert_eq!(
        id(&p, "Copyright © 2024 Example Media. All rights reserved.").as_deref(),
        Some("copyright")
    );
    assert_eq!(
        id(&p, "cyberspace Photo:VCG").as_deref(),
        Some("photo-credit")
    );
    assert_eq!(
        id(&p, "The minister at the summit. Photo: Reuters").as_deref(),
        Some("photo-credit")
    );
    assert_eq!(
        id(&p, "图为会议现场。新华社记者 张三 摄").as_deref(),
        Some("photo-credit")
    );
    assert_eq!(
        id(&p, "Most Viewed in 24 Hours").as_deref(),
        Some("most-viewed")
    );
    assert_eq!(id(&p, "BACK TO THE TOP").as_deref(), Some("back-to-top"));
    assert_eq!(id(&p, "English").as_deref(), Some("language-alone"));
}

#[test]
fn leaves_content_alone() {
    let p = Phrases::builtin().expect("data");
    for line in [
        "Share prices fell 3% on Monday.",
        "Follow-up tests confirmed the result.",
        "In rule-making, China should have greater say",
        "Copyright law has not kept pace with the internet, critics say.",
        "More than 200 people attended the meeting on Tuesday evening.",
        "更多的人选择在家工作，这改变了城市的交通状况。",
        "The author is a senior fellow of the Institute of World Economics.",
        "Editor: Yu Hui",
        "Source of documents:",
        "By Lang Ping | China Daily | Updated: 2019-04-22 08:04",
        "Important to develop core cybersecurity technology",
        "On it",
        "Page",
    ] {
        assert_eq!(id(&p, line), None, "{line}");
    }
}

#[test]
fn bad_regexes_are_errors_naming_the_entry() {
    let bad = "[[phrase]]\nid = \"x\"\nkind = \"k\"\ndescription = \"d\"\nregex = ['(']\n";
    let err = Phrases::from_files(&[("mine.toml", bad)]).expect_err("a bad regex");
    assert!(
        err.to_string().starts_with("mine.toml: phrase `x`"),
        "{err}"
    );
}

/// The SIMD searchers only rule out lines that hold no pattern: every prefix and contains
/// pattern of the data, at the start, middle or end of a line long enough for them to
/// be asked, lets the automaton of each set that holds it search the line.
#[test]
fn a_long_line_with_a_pattern_is_searched_by_the_automaton() {
    let phrases = Phrases::builtin().expect("rules/chrome.toml");
    let filler = "the council met again on tuesday to discuss the budget";
    for set in &phrases.patterns {
        assert!(
            set.any.is_some(),
            "SIMD searchers for {} words",
            set.min_words
        );
        let held = phrases
            .entries
            .iter()
            .filter(|entry| entry.max_words >= set.min_words)
            .flat_map(|entry| entry.prefix.iter().chain(&entry.contains));
        for pattern in held {
            let pattern = pattern.to_lowercase();
            for key in [
                format!("{pattern} {filler} {filler}"),
                format!("{filler} {pattern} {filler}"),
                format!("{filler} {filler} {pattern}"),
            ] {
                assert!(key.len() >= PACKED_MIN_BYTES);
                assert!(set.may_match(&key), "{key:?}");
            }
        }
        let plain = format!("{filler} {filler}");
        assert!(!set.may_match(&plain), "{plain:?}");
        assert!(set.patterns.find_overlapping_iter(&plain).next().is_none());
    }
}
