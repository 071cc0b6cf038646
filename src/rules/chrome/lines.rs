//! What the chrome detectors look at: the non-blank lines of a document and, in each,
//! length, punctuation, list markers, truncation, and whether it is a byline or a date
//! (metadata, never chrome by heuristics).

use std::sync::OnceLock;

use regex::Regex;

use crate::document::paragraphs::starts_with_list_marker;
use crate::document::structure::LineRole;
use crate::document::{Document, is_underline};
use crate::text::code::{code_spans, is_fence};
use crate::text::sentence::{CLOSERS, ends_with_full_stop};
use crate::text::span::Span;
use crate::text::{has_address, header_lines, indent_width, is_markup_line, word_count_capped};

/// Bylines and date lines are short: longer lines are body text.
pub(super) const MAX_METADATA_WORDS: usize = 30;

/// A non-blank line of a document and its features.
#[derive(Debug, Clone)]
pub struct Line<'a> {
    /// 0-based line number.
    pub index: usize,
    pub span: Span,
    pub text: &'a str,
    /// Words, counting CJK text as about one word per 1.5 characters.
    pub words: usize,
    pub ends_sentence: bool,
    /// Ends in `...` or `…` right after a letter: a title or blurb cut short.
    pub truncated: bool,
    pub list_item: bool,
    /// A byline or a date line: metadata, which heuristics never call chrome.
    pub metadata: bool,
}

impl<'a> Line<'a> {
    /// A line whose word count is counted up to `max_words` only: no decision about
    /// longer lines depends on how long they are.
    pub fn new(index: usize, span: Span, text: &'a str, max_words: usize) -> Self {
        let trimmed = text.trim();
        let words = word_count_capped(trimmed, max_words);
        Self {
            index,
            span,
            text,
            words,
            ends_sentence: ends_sentence(trimmed),
            truncated: is_truncated(trimmed),
            list_item: starts_with_list_marker(trimmed),
            metadata: words <= MAX_METADATA_WORDS && is_metadata(trimmed),
        }
    }
}

/// The non-blank lines of `document` that can be chrome, counted up to `max_words` words
/// each, none in reStructuredText, a package changelog, a Vim help file, a GNU Info
/// manual or an HTML page with its markup. Left out: the front matter and a mail or
/// package-metadata header (provenance, however many files share its lines), markup of
/// structured text (directives, rows of cells between bars), fenced code, the lines of a
/// paragraph wrapped over several lines (a piece of a sentence is not a page element),
/// lines that are no paragraph (the ` .` separators of Debian files), lines with code
/// between backticks, and in Markdown code, HTML, tables, headings, thematic breaks and
/// block quotes.
pub fn non_blank(document: &Document, max_words: usize) -> Vec<Line<'_>> {
    // reStructuredText, package changelogs, Vim help files and Info manuals are written by
    // hand, never left by a scraper: their headings, literal blocks, directives, list
    // items, menus and cross-references are no page's chrome. An HTML page kept with its
    // markup is no scraped text: its lines are markup.
    if document.is_restructured_text()
        || document.is_package_changelog()
        || document.is_vim_help()
        || document.is_info_file()
        || document.is_html_page()
    {
        return Vec::new();
    }
    let structure = &document.structure;
    let markdown = structure.is_markdown();
    // Paragraphs are in line order: one pass over both.
    let mut paragraphs = document.paragraphs.iter().peekable();
    let mut lines = Vec::new();
    // A mail or package-metadata header is provenance, like front matter.
    let skipped = structure
        .front_matter_lines()
        .max(header_lines(&document.text));
    // Code fenced with ``` or ~~~ is code in plain text too (a package's Markdown
    // description, a chat log pasted into a note).
    let mut fenced = false;
    for (index, span) in document.line_spans().enumerate().skip(skipped) {
        if is_fence(document.slice(span)) {
            fenced = !fenced;
            continue;
        }
        while paragraphs.next_if(|p| p.last_line() < index).is_some() {}
        let alone = paragraphs
            .peek()
            .is_some_and(|p| p.first_line() == index && p.last_line() == index);
        // A block quote in Markdown (`> Stability: 2 - Stable` atop each page of a manual)
        // is what the author chose to set apart, not the site's.
        let role = structure.role(index);
        if fenced || !alone || (markdown && (!role.is_prose() || role == LineRole::Quote)) {
            continue;
        }
        // A byte-order mark is no part of the first line's words.
        let bom = if span.start == 0 && document.text.starts_with('\u{feff}') {
            '\u{feff}'.len_utf8()
        } else {
            0
        };
        let span = Span::new(span.start + bom, span.end);
        let text = document.slice(span);
        // Code between backticks (`` * `data` {string|Buffer} ``) is a manual's, never a
        // menu's.
        let has_code = text.contains('`') && !code_spans(text).is_empty();
        if !text.trim().is_empty() && !is_markup_line(text) && !has_code {
            lines.push(Line::new(index, span, text, max_words));
        }
    }
    lines
}

/// A heading: a Markdown heading, a line underlined (`Release highlights` over `-----`,
/// in each release's notes), or a short line without final punctuation followed by a
/// paragraph of prose (`License`, then the licence's first sentence).
pub fn heads_section(document: &Document, line: &Line) -> bool {
    let text = line.text.trim();
    if text.starts_with('#') && text.trim_start_matches('#').starts_with(' ') {
        return true;
    }
    let next = line.index + 1;
    if next < document.line_count() && is_underline(document.line_text(next)) {
        return true;
    }
    if line.words > MAX_HEADING_WORDS || line.ends_sentence || line.list_item {
        return false;
    }
    let paragraphs = &document.paragraphs;
    paragraphs
        .get(paragraphs.partition_point(|p| p.first_line() <= line.index))
        .is_some_and(|p| {
            let next = document.slice(p.span).trim();
            !starts_with_list_marker(next)
                && ends_with_full_stop(next)
                && word_count_capped(next, MIN_SECTION_WORDS) >= MIN_SECTION_WORDS
        })
}

/// The line right under `line` when it is indented deeper: the first line of a block
/// that `line` heads (`NAME` over `       grep - print lines that match patterns` in a
/// manual page, `Help` over the entries of a program's menu in its README).
pub fn block_under<'d>(document: &'d Document, line: &Line) -> Option<&'d str> {
    let next = line.index + 1;
    (next < document.line_count() && !document.is_blank_line(next))
        .then(|| document.line_text(next))
        .filter(|under| indent_width(under) > indent_width(line.text))
}

/// A numbered section title: `1. Introduction`, `A.4 Protocol Errors`, `3.2.1 Opening
/// hours`, `Chapter 1. Overview`, `Appendix B. Symbols`. Its label is numbers or one
/// capital letter joined by dots, after a chapter's or appendix's name if any; its title a
/// few words that open with a capital and end with no sentence's mark.
pub fn is_numbered_title(text: &str) -> bool {
    let mut words = text.split_whitespace().peekable();
    // The chapter's name is no part of the label.
    words.next_if(|w| SECTION_NAMES.contains(&w.to_lowercase().as_str()));
    let Some(label) = words.next() else {
        return false;
    };
    // A capital is a label only with a dot (`A.4`, `B.`): alone it is a word (`X Window`).
    let dotted = label.contains('.');
    let numbered = label.trim_end_matches('.').split('.').all(|part| {
        (!part.is_empty() && part.len() <= 3 && part.bytes().all(|b| b.is_ascii_digit()))
            || (dotted && part.len() == 1 && part.bytes().all(|b| b.is_ascii_uppercase()))
    });
    let title: Vec<&str> = words.collect();
    let (Some(first), Some(last)) = (title.first(), title.last()) else {
        return false;
    };
    numbered
        && title.len() <= MAX_HEADING_WORDS
        && first.starts_with(char::is_uppercase)
        && !last.ends_with(['.', ',', ';', ':', '!', '?'])
}

/// Names a numbered title may open with.
const SECTION_NAMES: [&str; 4] = ["chapter", "part", "section", "appendix"];

/// A line that ends with a colon and introduces what follows (`Add this to your
/// Cargo.toml:`): labels are shorter (`Share:`, `Tags:`).
pub fn introduces(line: &Line) -> bool {
    line.words >= MIN_INTRO_WORDS && line.text.trim_end().ends_with([':', '：'])
}

/// A line that ends with a colon introduces what follows from this many words on.
const MIN_INTRO_WORDS: usize = 5;

/// A heading is short...
const MAX_HEADING_WORDS: usize = 8;
/// ...and followed by a paragraph of at least this many words that ends a sentence.
const MIN_SECTION_WORDS: usize = 15;

pub(super) fn ends_sentence(text: &str) -> bool {
    let text = text.trim_end_matches(CLOSERS);
    text.ends_with(['.', '!', '?', '。', '！', '？', ';', '；']) && !is_truncated(text)
}

fn is_truncated(text: &str) -> bool {
    let stem = if let Some(stem) = text.strip_suffix("...") {
        stem
    } else if let Some(stem) = text.strip_suffix('…') {
        stem
    } else {
        return false;
    };
    stem.trim_end()
        .chars()
        .next_back()
        .is_some_and(|c| c.is_alphanumeric())
}

/// Bylines (`By ...`, `Author: ...`, `作者：...`) and lines that are mostly a date.
pub fn is_metadata(text: &str) -> bool {
    static BYLINE: OnceLock<Regex> = OnceLock::new();
    static DATE: OnceLock<Regex> = OnceLock::new();
    let byline = BYLINE.get_or_init(|| {
        Regex::new(r"(?i)^(by(?-u:\b)|posted(?-u:\b)|written by(?-u:\b)|authors?\s*[:：]|published(?-u:\b)|updated(?-u:\b)|editor\s*[:：]|edited by(?-u:\b)|reporter\s*[:：]|作者|来源|记者|编辑|责任编辑|发布时间|更新时间|时间\s*[:：])")
            .expect("byline pattern")
    });
    let date = DATE.get_or_init(|| {
        Regex::new(r"(?i)((?-u:\b)\d{4}-\d{1,2}-\d{1,2}(?-u:\b)|(?-u:\b)\d{4}/\d{1,2}/\d{1,2}(?-u:\b)|\d{4}年\d{1,2}月\d{1,2}日|(?-u:\b)(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(st|nd|rd|th)?,?\s+\d{4}(?-u:\b)|(?-u:\b)\d{1,2}\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,?\s+\d{4}(?-u:\b))")
            .expect("date pattern")
    });
    if byline.is_match(text) {
        return true;
    }
    // A date with little else around it: `Jun 25 2013`, `2019-04-22 08:04`, `Tuesday 14
    // November 2023 07.15 GMT`; or with a name and an address, the head of a change log's
    // entry (`2018-01-06  Jane Doe  <jane@example.org>`).
    date.find(text).is_some_and(|m| {
        text.chars().count() <= m.as_str().chars().count() + 20
            || (text.split_whitespace().count() <= MAX_ENTRY_HEAD_WORDS && has_address(text))
    })
}

/// Whether `text` holds a year of this or the last century (`2021`, `1998`).
pub(super) fn has_year(text: &str) -> bool {
    static YEAR: OnceLock<Regex> = OnceLock::new();
    YEAR.get_or_init(|| Regex::new(r"(?-u:\b)(19|20)\d\d(?-u:\b)").expect("year pattern"))
        .is_match(text)
}

/// A change log's entry head names a date, up to three authors and their addresses.
const MAX_ENTRY_HEAD_WORDS: usize = 12;

#[cfg(test)]
mod tests {
    use super::*;

    fn line(text: &str) -> Line<'_> {
        Line::new(0, Span::new(0, text.len()), text, usize::MAX)
    }

    #[test]
    fn numbered_section_titles() {
        for title in [
            "1. Introduction",
            "A.4 Protocol Errors",
            "3.2.1 Opening hours",
            "Chapter 1. Overview",
            "APPENDIX B. Symbols",
        ] {
            assert!(is_numbered_title(title), "{title}");
        }
        for text in [
            "1. The council voted on Tuesday.",
            "12 people attended the meeting",
            "2024 Annual Report",
            "Chapter",
            "1.",
            "i. a lower-case title",
            "X Consortium Standard",
        ] {
            assert!(!is_numbered_title(text), "{text}");
        }
    }

    #[test]
    fn change_log_entry_heads_are_metadata() {
        assert!(is_metadata("2018-01-06  Jane Doe  <jane@example.org>"));
        assert!(is_metadata("Jane Doe (24 Oct 2022)"));
        assert!(!is_metadata(
            "2018-01-06 was the day the council met to decide on the library hours"
        ));
        assert!(!is_metadata("Write to <jane@example.org> with questions"));
    }

    #[test]
    fn features() {
        assert!(line("- China’s Perspective on Global Gover...").truncated);
        assert!(line("- China’s Perspective on Global Gover...").list_item);
        assert!(line("university’s Ce...").truncated);
        assert!(line("a new stage on the quay and a ...").truncated);
        assert!(!line("It ended.").truncated);
        assert!(!line("Wait . . .").truncated);
        assert!(line("It ended.").ends_sentence);
        assert!(line("“It ended,” she said.”").ends_sentence);
        assert!(!line("In rule-making, China should have greater say").ends_sentence);
    }

    fn chrome_candidates(path: &str, text: &str) -> Vec<String> {
        let doc = Document::from_bytes(path.into(), text.as_bytes().to_vec());
        non_blank(&doc, usize::MAX)
            .iter()
            .map(|line| line.text.to_string())
            .collect()
    }

    #[test]
    fn structure_that_is_never_chrome_is_left_out() {
        let markdown = "---\ntitle: T\n---\n## License\n\nShare\n\n```\n}\n```\n\n| a | b |\n|---|---|\n\n<br>\n\nA paragraph whose sentence\ngoes on over two lines.\n";
        assert_eq!(chrome_candidates("README.md", markdown), ["Share"]);
        let wrapped = "Home\nWorld\n\nThe report was published on Monday by the committee, which said\nmore.\n";
        assert_eq!(chrome_candidates("page.txt", wrapped), ["Home", "World"]);
        let copyright = "License: X\n This is free software; you may share and change it under\n the terms of the licence.\n .\n More text of the licence, wrapped at the same width as\n the text before.\n";
        assert_eq!(chrome_candidates("copyright", copyright), ["License: X"]);
    }

    #[test]
    fn headers_markup_and_code_of_plain_text_are_left_out() {
        let metadata = "Metadata-Version: 2.1\nName: tool\nClassifier: Topic :: Text\n  Processing\nDescription-Content-Type: text/markdown\n\nShare\n\n```yaml\nTags:\n  - Key: created-by\n```\n";
        assert_eq!(chrome_candidates("METADATA", metadata), ["Share"]);
        let badges = "|PyPI| |CI| |Docs|\n\n| Package | Size |\n\nShare\n";
        assert_eq!(chrome_candidates("README.txt", badges), ["Share"]);
        let restructured = "Usage\n=====\n\n.. image:: logo.png\n\nShare\n";
        assert!(chrome_candidates("README.txt", restructured).is_empty());
        assert!(chrome_candidates("guide.rst", "Share\n").is_empty());
        let role = "Version 2.4\n===========\n\nPause jobs with :option:`--pause`.\n\nShare\n";
        assert!(chrome_candidates("NOTES.txt", role).is_empty());
        // A colon before a code span in prose is no role.
        let prose = "Run it as follows: `harbour --check`.\n\nShare\n";
        assert_eq!(chrome_candidates("NOTES.txt", prose), ["Share"]);
    }

    #[test]
    fn package_changelogs_vim_help_and_html_source_are_left_out() {
        let changelog = "harbour (2.1-1) unstable; urgency=medium\n\n  * Back to unstable\n\n -- Jane Doe <jane@example.org>  Sun, 07 Mar 2021 09:15:00 +0100\n";
        assert!(chrome_candidates("changelog", changelog).is_empty());
        let help = "*harbour.txt*\tFor Vim version 9.0\n\nShare\t\t|harbour-share|\n\n vim:tw=78:ts=8:noet:ft=help:norl:\n";
        assert!(chrome_candidates("harbour.txt", help).is_empty());
        let html = "<?xml version=\"1.0\"?>\n<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0//EN\">\n<html>\n<li><a href=\"/\">Home</a>\n</html>\n";
        assert!(chrome_candidates("index.txt", html).is_empty());
        // A page that mentions them is still a page.
        let page = "Share\n\nThe vim: modeline sets ft=markdown; urgency is high.\n";
        assert_eq!(chrome_candidates("page.txt", page)[..1], ["Share"]);
    }

    #[test]
    fn bylines_and_dates_are_metadata() {
        for text in [
            "By Lang Ping | China Daily | Updated: 2019-04-22 08:04",
            "By",
            "Published: Dec 15, 2021 10:27 PM",
            "Jun 25 2013",
            "Author  :  Lu Zhongwei     Source  :    Chinese Social Sciences Today     2016-12-05",
            "Editor: Yu Hui",
            "来源：新华社 2021年12月15日",
            "Posted by jdoe on March 3, 2022",
            "Tuesday 14 November 2023 07.15 GMT",
        ] {
            assert!(is_metadata(text), "{text}");
        }
        for text in ["Opinion", "China Views", "Most Viewed in 24 Hours", "Share"] {
            assert!(!is_metadata(text), "{text}");
        }
    }
}
