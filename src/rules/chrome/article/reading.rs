//! How each paragraph of a page reads: running prose, a label or a menu entry, code or
//! figures. The article finder scores paragraphs by it.

use crate::data::stop_words::{Language, StopWords, WordCounts};
use crate::document::Document;
use crate::document::paragraphs::starts_with_list_marker;
use crate::rules::chrome::lines::ends_sentence;
use crate::text::line_index::floor_char_boundary;

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
const SHORT_COST: f32 = 3.0;
const OTHER_COST: f32 = 5.0;
/// Prose with this many short paragraphs (menu entries, labels) on both sides is alone...
const ISOLATION: usize = 3;
/// ...and, on a page with several such paragraphs, scores this share of its words.
const ISOLATED_SHARE: f32 = 0.25;
/// Three or more consecutive lines with this share of code symbols are a listing.
const CODE_SYMBOL_SHARE: f32 = 0.04;
const MIN_CODE_LINES: usize = 3;
/// A line with this share of digits is a table row or a figure.
const NUMERIC_SHARE: f32 = 0.2;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
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
pub(super) struct Unit {
    pub(super) first_line: usize,
    pub(super) last_line: usize,
    pub(super) kind: Kind,
    pub(super) words: usize,
    /// On one line: how a scraper lays out a paragraph.
    pub(super) page_line: bool,
    /// A line of source code: a comment (`// ...`) or a statement (`...;`, `{`). A
    /// document of which a third is code is a program, not a page.
    pub(super) code: bool,
    /// Prose standing alone among menus and labels: a teaser's blurb, not a paragraph of
    /// an article.
    pub(super) isolated: bool,
}

impl Unit {
    pub(super) fn score(&self) -> f32 {
        match self.kind {
            Kind::Prose if self.isolated => {
                (self.words as f32).min(MAX_PROSE_SCORE) * ISOLATED_SHARE
            }
            Kind::Prose => (self.words as f32).min(MAX_PROSE_SCORE),
            Kind::NearProse => self.words as f32 * 0.5,
            Kind::Neutral => 0.0,
            Kind::ShortItem => -LIST_ITEM_COST,
            Kind::Short => -SHORT_COST,
            Kind::Other | Kind::Comment => -OTHER_COST,
        }
    }
}

/// The paragraphs of the document after its front matter, each described, and the code
/// listings among them.
pub(super) fn units(
    document: &Document,
    stop_words: &StopWords,
) -> (Vec<Unit>, Vec<(usize, usize)>) {
    let skip = document.structure.front_matter_lines();
    let paragraphs: Vec<_> = document
        .paragraphs
        .iter()
        .filter(|p| p.first_line() >= skip)
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
                first_line: p.first_line(),
                last_line: p.last_line(),
                kind: kind(text, &counts),
                words: words(&counts),
                page_line: p.first_line() == p.last_line(),
                code: text.starts_with("//")
                    || text.starts_with("/*")
                    || text.ends_with([';', '{', '}']),
                isolated: false,
            }
        })
        .collect();
    let listings = mark_listings(document, &mut units);
    mark_isolated(&mut units);
    (units, listings)
}

/// The first `READ_BYTES` of `text`, or less, to the end of a character.
fn head(text: &str) -> &str {
    &text[..floor_char_boundary(text, READ_BYTES.min(text.len()))]
}

/// The words of the `head` of `text`, scaled to its length.
fn read(stop_words: &StopWords, text: &str, language: Option<Language>) -> WordCounts {
    let head = head(text);
    let counts = stop_words.count(head, language, usize::MAX);
    let end = head.len();
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
    // A table row is never prose, however many words its cells hold; its columns show
    // in its first cells.
    let columns = || in_columns(head(text));
    let needed = if counts.is_cjk() {
        // CJK prose lines often end without a full stop; their function characters say
        // enough, unless the line is a list item: a link's title.
        if counts.cjk >= MIN_CJK_PROSE_CHARACTERS
            && density >= CJK_PROSE_DENSITY
            && (sentence || !starts_with_list_marker(text))
            && !columns()
        {
            return Kind::Prose;
        }
        CJK_PROSE_DENSITY
    } else {
        PROSE_DENSITY
    };
    if words >= MIN_PROSE_WORDS
        && density >= needed
        && (sentence || words >= LONG_PROSE_WORDS)
        && !columns()
    {
        Kind::Prose
    } else if words >= MIN_NEAR_PROSE_WORDS && density >= needed * 0.7 && sentence && !columns() {
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

/// Whether `text` is mostly digits, judged on its `head`.
fn is_numeric(text: &str) -> bool {
    let head = head(text);
    let digits = head.bytes().filter(u8::is_ascii_digit).count();
    digits > 0 && digits as f32 >= NUMERIC_SHARE * head.chars().count() as f32
}

/// Marks as neutral the lines of code listings: runs of consecutive single lines, none a
/// list item, dense in code symbols. (SQL and shell sessions are part of the article
/// around them.)
fn mark_listings(document: &Document, units: &mut [Unit]) -> Vec<(usize, usize)> {
    let mut listings = Vec::new();
    let mut start = 0;
    while start < units.len() {
        let mut end = start + 1;
        while end < units.len() && units[end].first_line == units[end - 1].last_line + 1 {
            end += 1;
        }
        let block = &units[start..end];
        // A listing holds no prose: a page laid out one paragraph per line, with no blank
        // line between, is not read as code.
        if block.len() >= MIN_CODE_LINES
            && block
                .iter()
                .all(|u| u.first_line == u.last_line && u.kind != Kind::Prose)
        {
            let text = document
                .slice(document.lines_span(block[0].first_line, block[block.len() - 1].last_line));
            let items = text.lines().any(starts_with_list_marker);
            let chars = text.chars().filter(|c| !c.is_whitespace()).count().max(1);
            let symbols = text.chars().filter(|c| is_code_symbol(*c)).count();
            if !items && symbols as f32 >= CODE_SYMBOL_SHARE * chars as f32 {
                // Menus with `|` and `/` between entries are dense in symbols too: only
                // lines of statements (`};`, `x = 1`) make a listing that is content
                // wherever it stands.
                let statements = text
                    .lines()
                    .filter(|l| l.contains(['{', '}', ';', '=']))
                    .count();
                if statements * 10 >= block.len() * 3 {
                    listings.push((units[start].first_line, units[end - 1].last_line));
                }
                for unit in &mut units[start..end] {
                    unit.kind = Kind::Neutral;
                }
            }
        }
        start = end;
    }
    listings
}

/// Marks the blurbs of teaser lists: prose paragraphs with at least `ISOLATION` short
/// paragraphs (menu entries, labels) on both sides before the nearest prose or near-prose,
/// on a page with more than one. Code, figures and longer lines between do not count: a
/// tutorial's paragraphs stand between listings, and a step-by-step guide's between
/// captions. One right before a stretch of prose is the standfirst of an article, between
/// its headline and share buttons.
fn mark_isolated(units: &mut [Unit]) {
    // Each prose or near-prose paragraph, with the short ones before it.
    let mut anchors: Vec<(usize, usize)> = Vec::new();
    let mut shorts = ISOLATION;
    for (i, unit) in units.iter().enumerate() {
        match unit.kind {
            Kind::Prose | Kind::NearProse => {
                anchors.push((i, shorts));
                shorts = 0;
            }
            Kind::Short | Kind::ShortItem => shorts += 1,
            _ => {}
        }
    }
    let alone = |n: usize| {
        let after = anchors.get(n + 1).map_or(ISOLATION, |&(_, shorts)| shorts);
        units[anchors[n].0].kind == Kind::Prose && anchors[n].1 >= ISOLATION && after >= ISOLATION
    };
    let alone: Vec<bool> = (0..anchors.len()).map(alone).collect();
    if alone.iter().filter(|&&a| a).count() < 2 {
        return;
    }
    // Prose that starts a stretch of it: the article, with its standfirst before it.
    let starts_prose = |n: usize| {
        anchors.get(n..n + 2).is_some_and(|next| {
            next.iter()
                .zip(&alone[n..])
                .all(|(&(i, _), &alone)| units[i].kind == Kind::Prose && !alone)
        })
    };
    let isolated: Vec<bool> = (0..anchors.len())
        .map(|n| alone[n] && !starts_prose(n + 1))
        .collect();
    for (&(i, _), isolated) in anchors.iter().zip(isolated) {
        units[i].isolated = isolated;
    }
}

/// Whether `text` is laid out in columns (`grp:caps_switch      Caps Lock`): a table row,
/// not prose. Two spaces after a full stop are an old typist's habit, not a column, and
/// the indentation of a wrapped line is none either.
fn in_columns(text: &str) -> bool {
    // The same non-overlapping matches as `match_indices`, found by a vectorised search.
    memchr::memmem::find_iter(text.as_bytes(), b"  ").any(|at| {
        !text[..at].ends_with(['.', '!', '?', ':', ';', ' ', '\n'])
            && text[at..].trim_start().chars().next().is_some()
    })
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_no_prose() {
        assert!(in_columns(
            "grp:caps_switch      Caps Lock (while pressed), Alt+Caps Lock for the original"
        ));
        assert!(!in_columns(
            "It ended.  Then the council met again, and the vote was held."
        ));
        assert!(!in_columns("It ended. "));
    }
}
