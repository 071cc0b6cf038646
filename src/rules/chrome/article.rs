//! Finding the article of a scraped page: the stretch of running prose that the chrome
//! around it (menus, teasers, comment boxes, footers) is not.
//!
//! Each paragraph is scored by what it looks like: running prose (a sentence of some
//! length, dense in the stop words of the page's language, as jusText measures it) scores
//! its words; menus, labels and link titles cost; code and numbers are neutral, as
//! articles hold listings and tables. The article is the stretch of paragraphs with the
//! highest total (the maximum-sum segment), so a heading or a list between two body
//! paragraphs stays inside it, while a run of menu items that outweighs the prose next to
//! it ends it.
//!
//! Only a page gets an article: a document laid out one paragraph per line, with several
//! prose paragraphs. Hard-wrapped text (books, licences, RFCs), Markdown, and pages whose
//! content is a table or a list have none, and page-position rules leave them alone.

use std::sync::OnceLock;

use regex::Regex;

use super::lines::ends_sentence;
use crate::data::stop_words::{Language, StopWords, WordCounts};
use crate::document::Document;
use crate::document::paragraphs::starts_with_list_marker;

/// A prose paragraph has at least this many words...
const MIN_PROSE_WORDS: usize = 12;
/// ...and ends a sentence, unless it has this many.
const LONG_PROSE_WORDS: usize = 25;
/// Share of stop words in running text; lists, titles and menus have fewer.
const PROSE_DENSITY: f32 = 0.35;
/// The same for CJK text, counted per character, where a prose line has at least
/// `MIN_CJK_PROSE_CHARACTERS` characters and needs no full stop.
const CJK_PROSE_DENSITY: f32 = 0.15;
const MIN_CJK_PROSE_CHARACTERS: usize = 20;
/// A sentence of this many words, a little short of prose or of stop words, is near prose.
const MIN_NEAR_PROSE_WORDS: usize = 6;
/// A short paragraph: a label, a menu entry, a heading.
const MAX_SHORT_WORDS: usize = 5;
/// A prose paragraph counts its words up to this many: one long paragraph does not carry
/// the chrome next to it into the article.
const MAX_PROSE_SCORE: f32 = 60.0;
/// Bytes read of a paragraph, about 30 words: enough to tell prose, and a long paragraph
/// costs no more than a short one. Its words are estimated from its length.
const READ_BYTES: usize = 200;
/// Paragraphs shorter than this are not read to guess the language.
const GUESS_MIN_BYTES: usize = 60;
/// What a paragraph that is not prose costs: a short list item (a menu entry), another
/// short line (a heading, a label), anything else.
const LIST_ITEM_COST: f32 = 5.0;
const SHORT_COST: f32 = 2.0;
const OTHER_COST: f32 = 3.0;
/// A page has at least this many prose paragraphs...
const MIN_PROSE_PARAGRAPHS: usize = 3;
/// ...this many words of prose in its article...
const MIN_ARTICLE_WORDS: usize = 150;
/// ...and its prose is laid out one paragraph per line: prose on single lines has at least
/// this many times the words of prose wrapped over several.
const SINGLE_LINE_PROSE_RATIO: usize = 2;
/// Three or more consecutive lines with this share of code symbols are a listing.
const CODE_SYMBOL_SHARE: f32 = 0.04;
const MIN_CODE_LINES: usize = 3;
/// A line with this share of digits is a table row or a figure.
const NUMERIC_SHARE: f32 = 0.2;
/// A comment section has at least this many comment headers, each at most this many
/// paragraphs after the one before; a header has at most this many words.
const MIN_COMMENTS: usize = 3;
const MAX_COMMENT_UNITS: usize = 12;
const MAX_COMMENT_HEADER_WORDS: usize = 15;

/// Where the article of a page is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Article {
    /// Its first and last 0-based lines.
    pub first_line: usize,
    pub last_line: usize,
    /// Words of its prose paragraphs.
    pub prose_words: usize,
}

impl Article {
    pub fn contains(&self, line: usize) -> bool {
        self.first_line <= line && line <= self.last_line
    }

    /// Lines from `line` to the article, 0 inside it.
    pub fn distance(&self, line: usize) -> usize {
        if line < self.first_line {
            self.first_line - line
        } else {
            line.saturating_sub(self.last_line)
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Prose,
    NearProse,
    /// Code and figures: neutral, inside an article or out.
    Neutral,
    ShortItem,
    Short,
    Other,
    /// A paragraph of a comment section: chrome, however well written.
    Comment,
}

#[derive(Debug, Clone, Copy)]
struct Unit {
    first_line: usize,
    last_line: usize,
    kind: Kind,
    words: usize,
}

impl Unit {
    fn score(&self) -> f32 {
        match self.kind {
            Kind::Prose => (self.words as f32).min(MAX_PROSE_SCORE),
            Kind::NearProse => self.words as f32 * 0.5,
            Kind::Neutral => 0.0,
            Kind::ShortItem => -LIST_ITEM_COST,
            Kind::Short => -SHORT_COST,
            Kind::Other | Kind::Comment => -OTHER_COST,
        }
    }
}

/// What a page is made of: its article, and the comment sections after it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Layout {
    /// None when the document is not a page with an article.
    pub article: Option<Article>,
    pub comments: Vec<CommentSection>,
}

/// Comments under an article: a run of comment headers (a name with the time it was
/// posted) and what follows each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CommentSection {
    pub first_line: usize,
    pub last_line: usize,
    /// Comment headers in it.
    pub comments: usize,
}

/// The layout of `document`: empty unless it is a page with an article.
pub fn analyse(document: &Document, stop_words: &StopWords) -> Layout {
    if document.structure.is_markdown() {
        return Layout::default();
    }
    let mut units = units(document, stop_words);
    let Some(first_reading) = article(&units) else {
        return Layout::default();
    };
    // Posts that come before any prose are the content of the page (a forum thread), not
    // comments on it.
    let sections: Vec<_> = comment_sections(document, &units)
        .into_iter()
        .filter(|&(first, _, _)| units[first].first_line > first_reading.first_line)
        .collect();
    for &(first, last, _) in &sections {
        for unit in &mut units[first..=last] {
            unit.kind = Kind::Comment;
        }
    }
    let Some(article) = article(&units) else {
        return Layout::default();
    };
    let comments = sections
        .iter()
        .map(|&(first, last, comments)| CommentSection {
            first_line: units[first].first_line,
            last_line: units[last].last_line,
            comments,
        })
        .collect();
    Layout {
        article: Some(article),
        comments,
    }
}

/// The article made of `units`, if they make a page.
fn article(units: &[Unit]) -> Option<Article> {
    let prose = || units.iter().filter(|u| u.kind == Kind::Prose);
    if prose().count() < MIN_PROSE_PARAGRAPHS {
        return None;
    }
    let (single, wrapped) = prose().fold((0, 0), |(single, wrapped), u| {
        if u.first_line == u.last_line {
            (single + u.words, wrapped)
        } else {
            (single, wrapped + u.words)
        }
    });
    if single < SINGLE_LINE_PROSE_RATIO * wrapped {
        return None;
    }
    let (first, last) = best_segment(units)?;
    let prose_words = units[first..=last]
        .iter()
        .filter(|u| u.kind == Kind::Prose)
        .map(|u| u.words)
        .sum();
    (prose_words >= MIN_ARTICLE_WORDS).then(|| Article {
        first_line: units[first].first_line,
        last_line: units[last].last_line,
        prose_words,
    })
}

/// Runs of at least `MIN_COMMENTS` comment headers, each within `MAX_COMMENT_UNITS`
/// paragraphs of the one before, as (first unit, last unit, headers). A section ends the
/// typical length of a comment after its last header.
fn comment_sections(document: &Document, units: &[Unit]) -> Vec<(usize, usize, usize)> {
    let headers: Vec<usize> = units
        .iter()
        .enumerate()
        .filter(|(_, u)| {
            u.first_line == u.last_line
                && u.words <= MAX_COMMENT_HEADER_WORDS
                && is_comment_header(
                    document.slice(document.lines_span(u.first_line, u.first_line)),
                )
        })
        .map(|(i, _)| i)
        .collect();
    let mut sections = Vec::new();
    let mut start = 0;
    while start < headers.len() {
        let mut end = start + 1;
        while end < headers.len() && headers[end] - headers[end - 1] <= MAX_COMMENT_UNITS {
            end += 1;
        }
        let run = &headers[start..end];
        if run.len() >= MIN_COMMENTS {
            let mut gaps: Vec<usize> = run.windows(2).map(|w| w[1] - w[0]).collect();
            gaps.sort_unstable();
            let typical = gaps[gaps.len() / 2];
            let last = (run[run.len() - 1] + typical - 1).min(units.len() - 1);
            sections.push((run[0], last, run.len()));
        }
        start = end;
    }
    sections
}

/// A comment's header: a name and when it was posted, with a time of day and a year
/// (`Ann · March 10, 2017 at 12:20 AM`, `#3 小鳳 於 2013/12/28 20:34`). A time alone
/// heads the entries of a live blog, which are the article.
fn is_comment_header(line: &str) -> bool {
    static HEADER: OnceLock<(Regex, Regex)> = OnceLock::new();
    let (time, year) = HEADER.get_or_init(|| {
        (
            Regex::new(r"(?-u:\b)[012]?\d:[0-5]\d(?-u:\b)").expect("time pattern"),
            Regex::new(r"(?-u:\b)(19|20)\d\d(?-u:\b)").expect("year pattern"),
        )
    });
    // A name has two letters or more; a table row of timestamps has none, or a flag.
    line.contains(':')
        && time.is_match(line)
        && year.is_match(line)
        && line.chars().filter(|c| c.is_alphabetic()).count() >= 2
}

/// The stretch of units with the highest total score (Kadane's maximum-sum segment).
fn best_segment(units: &[Unit]) -> Option<(usize, usize)> {
    let mut best: Option<(f32, usize, usize)> = None;
    let (mut sum, mut start) = (0.0f32, 0);
    for (i, unit) in units.iter().enumerate() {
        if sum <= 0.0 {
            sum = 0.0;
            start = i;
        }
        sum += unit.score();
        if sum > 0.0 && best.is_none_or(|(b, _, _)| sum > b) {
            best = Some((sum, start, i));
        }
    }
    best.map(|(_, first, last)| (first, last))
}

/// The paragraphs of the document after its front matter, each described.
fn units(document: &Document, stop_words: &StopWords) -> Vec<Unit> {
    let skip = document.structure.front_matter_lines();
    let paragraphs: Vec<_> = document
        .paragraphs
        .iter()
        .filter(|p| p.first_line >= skip)
        .collect();
    // Menus and labels say little of the language, and the prose settles it sooner.
    let language = stop_words.guess(
        paragraphs
            .iter()
            .map(|p| document.slice(p.span))
            .filter(|text| text.len() >= GUESS_MIN_BYTES),
    );
    let mut units: Vec<Unit> = paragraphs
        .iter()
        .map(|p| {
            let text = document.slice(p.span).trim();
            let counts = read(stop_words, text, language);
            Unit {
                first_line: p.first_line,
                last_line: p.last_line,
                kind: kind(text, &counts),
                words: words(&counts),
            }
        })
        .collect();
    mark_listings(document, &mut units);
    units
}

/// The words of the first `READ_BYTES` of `text`, scaled to its length.
fn read(stop_words: &StopWords, text: &str, language: Option<Language>) -> WordCounts {
    let mut end = READ_BYTES.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let counts = stop_words.count(&text[..end], language, usize::MAX);
    if end == text.len() || end == 0 {
        return counts;
    }
    let scale = |n: usize| n * text.len() / end;
    WordCounts {
        words: scale(counts.words),
        cjk: scale(counts.cjk),
        stop: scale(counts.stop),
    }
}

/// Words as a reader counts them: a CJK word is about two characters.
fn words(counts: &WordCounts) -> usize {
    counts.words - counts.cjk + counts.cjk / 2
}

fn kind(text: &str, counts: &WordCounts) -> Kind {
    let words = words(counts);
    let density = counts.density();
    let sentence = ends_sentence(text);
    let needed = if counts.is_cjk() {
        // CJK prose lines often end without a full stop; their function characters say
        // enough.
        if counts.cjk >= MIN_CJK_PROSE_CHARACTERS && density >= CJK_PROSE_DENSITY {
            return Kind::Prose;
        }
        CJK_PROSE_DENSITY
    } else {
        PROSE_DENSITY
    };
    if words >= MIN_PROSE_WORDS && density >= needed && (sentence || words >= LONG_PROSE_WORDS) {
        Kind::Prose
    } else if words >= MIN_NEAR_PROSE_WORDS && density >= needed * 0.7 && sentence {
        Kind::NearProse
    } else if is_numeric(text) {
        Kind::Neutral
    } else if words <= MAX_SHORT_WORDS {
        if starts_with_list_marker(text) {
            Kind::ShortItem
        } else {
            Kind::Short
        }
    } else {
        Kind::Other
    }
}

/// Whether `text` is mostly digits, judged on its first `READ_BYTES`.
fn is_numeric(text: &str) -> bool {
    let (mut digits, mut chars) = (0, 0);
    for (_, c) in text.char_indices().take_while(|&(at, _)| at < READ_BYTES) {
        chars += 1;
        digits += usize::from(c.is_ascii_digit());
    }
    digits > 0 && digits as f32 >= NUMERIC_SHARE * chars as f32
}

/// Marks as neutral the lines of code listings: runs of consecutive single lines, none a
/// list item, dense in code symbols. (SQL and shell sessions are part of the article
/// around them.)
fn mark_listings(document: &Document, units: &mut [Unit]) {
    let mut start = 0;
    while start < units.len() {
        let mut end = start + 1;
        while end < units.len() && units[end].first_line == units[end - 1].last_line + 1 {
            end += 1;
        }
        let block = &units[start..end];
        if block.len() >= MIN_CODE_LINES && block.iter().all(|u| u.first_line == u.last_line) {
            let text = document
                .slice(document.lines_span(block[0].first_line, block[block.len() - 1].last_line));
            let items = text.lines().any(starts_with_list_marker);
            let chars = text.chars().filter(|c| !c.is_whitespace()).count().max(1);
            let symbols = text.chars().filter(|c| is_code_symbol(*c)).count();
            if !items && symbols as f32 >= CODE_SYMBOL_SHARE * chars as f32 {
                for unit in &mut units[start..end] {
                    unit.kind = Kind::Neutral;
                }
            }
        }
        start = end;
    }
}

fn is_code_symbol(c: char) -> bool {
    matches!(
        c,
        '{' | '}'
            | '('
            | ')'
            | ';'
            | '='
            | '<'
            | '>'
            | '['
            | ']'
            | '|'
            | '\\'
            | '$'
            | '#'
            | '@'
            | '_'
            | '/'
            | '│'
            | '┼'
            | '─'
    )
}

/// The language a document's article finder would read it in.
#[cfg(test)]
fn language_of(document: &Document) -> Option<Language> {
    StopWords::get().guess(document.paragraphs.iter().map(|p| document.slice(p.span)))
}

/// Six paragraphs of a news story, one per line: an article, for tests.
#[cfg(test)]
pub(super) const TEST_ARTICLE: &str = "\
The council voted on Tuesday to keep the library open until nine in the evening, after a year in which the number of visitors had doubled.

Members of the public who spoke at the meeting said that the building was the only warm and quiet place in the town where they could work.

The extra hours will be paid for by a grant from the county, which has promised to review the decision at the end of the next financial year.

Staff at the library said they were pleased with the decision but that they would need more volunteers to run the evening sessions for children.

The library first opened in the old corn exchange in 1894, and it has moved twice since then, each time to a larger building closer to the station.

A decision on the future of the mobile library, which serves the villages to the north of the town, is expected when the council meets in the spring.
";

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(path: &str, text: &str) -> Document {
        Document::from_bytes(path.into(), text.as_bytes().to_vec())
    }

    fn prose() -> Vec<&'static str> {
        TEST_ARTICLE.trim_end().split("\n\n").collect()
    }

    fn page(before: &[&str], after: &[&str]) -> String {
        let mut lines: Vec<&str> = before.to_vec();
        lines.push("Library to stay open late");
        lines.extend(prose());
        lines.extend(after);
        lines.join("\n\n") + "\n"
    }

    #[test]
    fn the_article_is_the_prose_between_the_menus() {
        let menu = [
            "  * News",
            "  * Sport",
            "  * Weather",
            "  * Business",
            "  * Culture",
        ];
        let text = format!(
            "{}\n\n{}",
            menu.join("\n"),
            page(
                &[],
                &[
                    "Most read",
                    "  * Pay rise for nurses",
                    "  * Storm closes bridge",
                    "  * Contact us"
                ]
            )
        );
        let document = doc("page.txt", &text);
        let article = analyse(&document, StopWords::get())
            .article
            .expect("an article");
        let line = |needle: &str| {
            text.lines()
                .position(|l| l.contains(needle))
                .unwrap_or(usize::MAX)
        };
        assert_eq!(article.first_line, line("The council voted"));
        assert_eq!(article.last_line, line("A decision on the future"));
        assert_eq!(
            language_of(&document).map(|l| StopWords::get().code(l)),
            Some("en")
        );
    }

    #[test]
    fn a_heading_between_paragraphs_stays_inside() {
        let prose = prose();
        let mut lines: Vec<&str> = prose[..2].to_vec();
        lines.push("What happens next");
        lines.extend(&prose[2..]);
        let text = lines.join("\n\n") + "\n";
        let article = analyse(&doc("page.txt", &text), StopWords::get())
            .article
            .expect("an article");
        assert_eq!((article.first_line, article.last_line), (0, 12));
    }

    #[test]
    fn documents_that_are_not_pages_have_no_article() {
        let wrapped = prose()
            .iter()
            .map(|p| textwrap(p))
            .collect::<Vec<_>>()
            .join("\n\n");
        assert_eq!(
            analyse(&doc("book.txt", &wrapped), StopWords::get()),
            Layout::default()
        );
        let markdown = page(&[], &[]);
        assert_eq!(
            analyse(&doc("README.md", &markdown), StopWords::get()),
            Layout::default()
        );
        let short = prose()[..2].join("\n\n");
        assert_eq!(
            analyse(&doc("note.txt", &short), StopWords::get()),
            Layout::default()
        );
    }

    /// `text` wrapped at about 60 columns.
    fn textwrap(text: &str) -> String {
        let mut out = String::new();
        let mut width = 0;
        for word in text.split(' ') {
            if width + word.len() > 60 {
                out.push('\n');
                width = 0;
            } else if width > 0 {
                out.push(' ');
                width += 1;
            }
            out.push_str(word);
            width += word.len();
        }
        out
    }
}
