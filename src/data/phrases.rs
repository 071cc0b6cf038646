//! The chrome phrase data of `rules/chrome.toml`, compiled into matchers.

use std::borrow::Cow;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind, packed};
use regex::{Regex, RegexBuilder, RegexSet, RegexSetBuilder};
use rustc_hash::FxHashMap;
use serde::Deserialize;

use crate::text::chars::{invisible, is_unusual_space};
use crate::text::is_cjk;

mod lowercase;
mod tokens;
use lowercase::lowercase;
use tokens::for_each_token;

pub const CHROME_TOML: &str = include_str!("../../rules/chrome.toml");

const DEFAULT_MAX_WORDS: usize = 12;

/// A line that this many regular expressions at most could match is searched with each
/// of them rather than first with the set of all.
const FEW_REGEXES: usize = 12;

/// The prefix and contains patterns of a set this small are searched with a full table.
const MAX_DFA_PATTERNS: usize = 25;

/// One `[[phrase]]` entry as written in the data file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PhraseEntry {
    pub id: String,
    pub kind: String,
    pub description: String,
    #[serde(default)]
    pub exact: Vec<String>,
    #[serde(default)]
    pub prefix: Vec<String>,
    #[serde(default)]
    pub contains: Vec<String>,
    #[serde(default)]
    pub regex: Vec<String>,
    #[serde(default)]
    pub vocabulary: Vec<String>,
    /// Words allowed beside the vocabulary without counting as hits.
    #[serde(default)]
    pub filler: Vec<String>,
    #[serde(default = "one")]
    pub min_hits: usize,
    #[serde(default = "full")]
    pub min_share: f64,
    #[serde(default = "default_max_words")]
    pub max_words: usize,
    /// The line heads a list of links: the titles under it are chrome too.
    #[serde(default)]
    pub heading: bool,
    /// The line heads a table of contents: chrome on a page, but a document's own outline
    /// when its entries name the sections below it.
    #[serde(default)]
    pub outline: bool,
    /// The phrase is also ordinary text (a copyright line, `Terms and Conditions`,
    /// `Comment:`): a line it matches is chrome only beside other chrome, or in a group
    /// of such lines after the end of the body.
    #[serde(default)]
    pub needs_context: bool,
}

fn one() -> usize {
    1
}

fn full() -> f64 {
    1.0
}

fn default_max_words() -> usize {
    DEFAULT_MAX_WORDS
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PhraseFile {
    pub phrase: Vec<PhraseEntry>,
}

/// What went wrong loading phrase data, and in which file.
#[derive(Debug, thiserror::Error)]
pub enum DataError {
    #[error("{file}: {source}")]
    Toml {
        file: String,
        source: toml::de::Error,
    },
    #[error("{file}: phrase `{id}`: {source}")]
    Regex {
        file: String,
        id: String,
        source: regex::Error,
    },
    #[error("phrase patterns: {0}")]
    Automaton(#[from] aho_corasick::BuildError),
}

/// Compiled phrase data: every matcher of every entry, searchable in one pass per kind.
#[derive(Debug)]
pub struct Phrases {
    pub entries: Vec<PhraseEntry>,
    exact: FxHashMap<String, Vec<usize>>,
    /// Prefix and contains patterns, one set per `max_words` of the entries, by
    /// increasing `max_words`.
    patterns: Vec<PatternSet>,
    /// Regular expressions with their entries. Tried one by one, only on lines short enough
    /// for their entry: a set of them would run every pattern over every line.
    regexes: Vec<(Regex, usize)>,
    /// All of them at once: most lines match none, which one pass over the line tells
    /// (each search of one also takes a cache from a pool shared by the threads).
    any_regex: Option<RegexSet>,
    /// Vocabulary and filler words, with the entries they belong to and whether they
    /// are filler.
    vocabulary: FxHashMap<String, Vec<(usize, bool)>>,
    /// Longest CJK vocabulary word, in characters, for segmenting CJK runs.
    longest_cjk_word: usize,
    /// The largest `max_words` of all entries: longer lines are never chrome by phrase.
    max_words: usize,
    /// The largest `max_words` of the entries with a vocabulary: longer lines are not
    /// split into vocabulary tokens.
    vocabulary_max_words: usize,
}

/// The prefix and contains patterns of the entries whose `max_words` is at least
/// `min_words`: all that a line of `min_words` words, or of fewer than the next set's,
/// can match. A paragraph on one line is searched for the few entries that allow its
/// length only.
#[derive(Debug)]
struct PatternSet {
    min_words: usize,
    patterns: AhoCorasick,
    /// The same patterns in SIMD searchers of at most `PACKED_PATTERNS` each, when the
    /// machine has them: whether a line holds any pattern at all (most hold none) is told
    /// several times faster than by the overlapping search of the automaton.
    any: Option<Vec<packed::Searcher>>,
    /// The entry of each pattern, and whether the pattern is a prefix.
    owner: Vec<(usize, bool)>,
}

impl PatternSet {
    /// Whether `key` may hold one of the patterns: false only when it holds none.
    fn may_match(&self, key: &str) -> bool {
        key.len() < PACKED_MIN_BYTES
            || self
                .any
                .as_ref()
                .is_none_or(|any| any.iter().any(|searcher| searcher.find(key).is_some()))
    }
}

/// Patterns per SIMD searcher: more make each slower than the automaton.
const PACKED_PATTERNS: usize = 64;
/// Shorter lines are searched by the automaton alone: they cost it little, and the SIMD
/// searchers less than twice as little.
const PACKED_MIN_BYTES: usize = 64;

/// A phrase entry that matched a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PhraseMatch {
    pub entry: usize,
}

/// A line of this many words that ends with a full stop is a sentence, not a heading.
const MIN_SENTENCE_WORDS: usize = 4;

impl Phrases {
    pub fn builtin() -> Result<Self, DataError> {
        Self::from_files(&[("rules/chrome.toml", CHROME_TOML)])
    }

    /// Compiles the entries of several data files, given as (name, contents), the
    /// built-in one first.
    pub fn from_files(files: &[(&str, &str)]) -> Result<Self, DataError> {
        let mut entries = Vec::new();
        for (name, text) in files {
            let parsed: PhraseFile = toml::from_str(text).map_err(|source| DataError::Toml {
                file: name.to_string(),
                source,
            })?;
            // The built-in patterns are known to compile as written (a test compiles
            // them): only a user's are compiled twice, for errors to name their file.
            let builtin = *text == CHROME_TOML;
            for entry in parsed.phrase {
                for r in entry.regex.iter().filter(|_| !builtin) {
                    regex::Regex::new(r).map_err(|source| DataError::Regex {
                        file: name.to_string(),
                        id: entry.id.clone(),
                        source,
                    })?;
                }
                entries.push(entry);
            }
        }
        Self::compile(entries)
    }

    fn compile(entries: Vec<PhraseEntry>) -> Result<Self, DataError> {
        let mut exact: FxHashMap<String, Vec<usize>> = FxHashMap::default();
        let mut vocabulary: FxHashMap<String, Vec<(usize, bool)>> = FxHashMap::default();
        // (pattern, entry, is a prefix)
        let mut pattern_text: Vec<(String, usize, bool)> = Vec::new();
        let mut regexes = Vec::new();
        let mut regex_text = Vec::new();
        let mut longest_cjk_word = 0;
        for (i, entry) in entries.iter().enumerate() {
            for e in &entry.exact {
                exact.entry(e.to_lowercase()).or_default().push(i);
            }
            for p in &entry.prefix {
                pattern_text.push((p.to_lowercase(), i, true));
            }
            for c in &entry.contains {
                pattern_text.push((c.to_lowercase(), i, false));
            }
            for r in &entry.regex {
                // An ASCII word boundary lets the fast engines run on non-ASCII lines too
                // (curly quotes, CJK); phrase patterns need no more.
                let pattern = r.replace(r"\b", r"(?-u:\b)");
                let compiled = RegexBuilder::new(&pattern)
                    .case_insensitive(true)
                    .build()
                    .map_err(|source| DataError::Regex {
                        file: "phrase data".to_string(),
                        id: entry.id.clone(),
                        source,
                    })?;
                regexes.push((compiled, i));
                regex_text.push(pattern);
            }
            let words = entry.vocabulary.iter().map(|w| (w, false));
            for (w, filler) in words.chain(entry.filler.iter().map(|w| (w, true))) {
                let w = w.to_lowercase();
                if w.chars().all(is_cjk) {
                    longest_cjk_word = longest_cjk_word.max(w.chars().count());
                }
                vocabulary.entry(w).or_default().push((i, filler));
            }
        }
        let max_words = entries.iter().map(|e| e.max_words).max().unwrap_or(0);
        let vocabulary_max_words = entries
            .iter()
            .filter(|e| !e.vocabulary.is_empty() || !e.filler.is_empty())
            .map(|e| e.max_words)
            .max()
            .unwrap_or(0);
        // Without the set (past the size limits of the engine), each is tried on its own.
        let any_regex = RegexSetBuilder::new(&regex_text)
            .case_insensitive(true)
            .build()
            .ok();
        let mut limits: Vec<usize> = entries.iter().map(|e| e.max_words).collect();
        limits.sort_unstable();
        limits.dedup();
        let patterns = limits
            .into_iter()
            .map(|min_words| {
                let (text, owner): (Vec<&str>, Vec<(usize, bool)>) = pattern_text
                    .iter()
                    .filter(|(_, i, _)| entries[*i].max_words >= min_words)
                    .map(|(text, i, prefix)| (text.as_str(), (*i, *prefix)))
                    .unzip();
                // A contiguous automaton rather than the full table the crate would pick
                // for so few patterns: one set per line length makes many tables, whose
                // building took a tenth of a pre-commit run. Searching a line takes half
                // as long again, which a corpus of about 15 MB makes up. The sets of
                // longer lines hold few patterns, whose table is quick to build, and the
                // lines searched are mostly paragraphs on one line.
                let kind = if text.len() <= MAX_DFA_PATTERNS {
                    AhoCorasickKind::DFA
                } else {
                    AhoCorasickKind::ContiguousNFA
                };
                let patterns = AhoCorasick::builder()
                    .match_kind(MatchKind::Standard)
                    .kind(Some(kind))
                    .build(&text)?;
                let any = text
                    .chunks(PACKED_PATTERNS)
                    .map(|chunk| {
                        packed::Config::new()
                            .match_kind(packed::MatchKind::LeftmostFirst)
                            .builder()
                            .extend(chunk)
                            .build()
                    })
                    .collect();
                Ok(PatternSet {
                    min_words,
                    patterns,
                    any,
                    owner,
                })
            })
            .collect::<Result<_, DataError>>()?;
        Ok(Self {
            entries,
            exact,
            patterns,
            regexes,
            any_regex,
            max_words,
            vocabulary_max_words,
            vocabulary,
            longest_cjk_word,
        })
    }

    /// The largest `max_words` of all entries.
    pub fn max_words(&self) -> usize {
        self.max_words
    }

    /// The first entry (in file order, those that need no context first) that matches
    /// `line`, a line of `words` words.
    pub fn find(&self, line: &str, words: usize) -> Option<PhraseMatch> {
        if words > self.max_words {
            return None;
        }
        let plain = plain_spaces(line);
        let stripped = strip_markers(&plain);
        let key = lowercase(stripped);
        if key.is_empty() {
            return None;
        }
        let mut best = Best {
            entries: &self.entries,
            words,
            entry: None,
        };
        let exact_key = key
            .trim_end_matches([':', '：', '.', '!', '↑', '→', '»', '›'])
            .trim_end();
        for &i in self.exact.get(exact_key).into_iter().flatten() {
            best.offer(i);
        }
        // The entries of longer lines only: those of shorter ones would not be taken.
        let set = self
            .patterns
            .iter()
            .find(|set| set.min_words >= words)
            .filter(|set| set.may_match(&key));
        let matches = set.into_iter().flat_map(|set| {
            set.patterns
                .find_overlapping_iter(&key)
                .map(|m| (m, set.owner[m.pattern().as_usize()]))
        });
        for (m, (i, is_prefix)) in matches {
            if !is_prefix {
                best.offer(i);
                continue;
            }
            let pattern_is_cjk = key[m.start()..m.end()].chars().any(is_cjk);
            let boundary = key[m.end()..]
                .chars()
                .next()
                .is_none_or(|c| pattern_is_cjk || !c.is_alphanumeric());
            // Linked titles and headings end with no full stop: `See also: rename(2).` (a
            // label, then a sentence) and `Archives on AIX now work.` are sentences.
            let sentence = key.ends_with('.')
                && !key.ends_with("..")
                && (key[m.start()..m.end()].ends_with([':', '：'])
                    || (self.entries[i].heading && words >= MIN_SENTENCE_WORDS));
            if m.start() == 0 && boundary && !sentence {
                best.offer(i);
            }
        }
        self.regex_match(&key, &mut best);
        self.vocabulary_match(stripped, &mut best);
        best.entry.map(|entry| PhraseMatch { entry })
    }

    /// Entries with a regular expression that matches `key`, among those `best` would
    /// take: a long line fits few entries, whose patterns alone cost less than the set of
    /// all of them.
    fn regex_match(&self, key: &str, best: &mut Best) {
        let candidates = self.regexes.iter().filter(|(_, i)| best.would_take(*i));
        let few = candidates.take(FEW_REGEXES + 1).count() <= FEW_REGEXES;
        if !few
            && self
                .any_regex
                .as_ref()
                .is_some_and(|set| !set.is_match(key))
        {
            return;
        }
        for (regex, i) in &self.regexes {
            if best.would_take(*i) && regex.is_match(key) {
                best.offer(*i);
            }
        }
    }

    /// Entries whose vocabulary covers the line.
    fn vocabulary_match(&self, line: &str, best: &mut Best) {
        if self.vocabulary.is_empty() || best.words > self.vocabulary_max_words {
            return;
        }
        // Per entry: (entry, hits, covered tokens); a line meets few entries.
        let mut counts: Vec<(usize, usize, usize)> = Vec::new();
        let mut total = 0;
        for_each_token(line, &self.vocabulary, self.longest_cjk_word, |token| {
            total += 1;
            for &(i, filler) in self.vocabulary.get(token).into_iter().flatten() {
                match counts.iter_mut().find(|c| c.0 == i) {
                    Some(count) => {
                        count.1 += usize::from(!filler);
                        count.2 += 1;
                    }
                    None => counts.push((i, usize::from(!filler), 1)),
                }
            }
        });
        for (i, hits, covered) in counts {
            let entry = &self.entries[i];
            if hits >= entry.min_hits && covered as f64 >= entry.min_share * total as f64 {
                best.offer(i);
            }
        }
    }
}

/// The first entry (in file order) that matches, among those whose `max_words` the line
/// fits; an entry that needs no context comes before one that does, since it decides
/// alone.
struct Best<'a> {
    entries: &'a [PhraseEntry],
    words: usize,
    entry: Option<usize>,
}

impl Best<'_> {
    fn would_take(&self, i: usize) -> bool {
        let rank = |i: usize| (self.entries[i].needs_context, i);
        self.words <= self.entries[i].max_words && self.entry.is_none_or(|b| rank(i) < rank(b))
    }

    fn offer(&mut self, i: usize) {
        if self.would_take(i) {
            self.entry = Some(i);
        }
    }
}

/// The line without surrounding space and without list markers or arrows in front.
/// `line` with the spaces a scraper leaves (no-break and other unusual spaces, tabs, runs
/// of spaces) as one plain space and invisible characters dropped: `FOLLOW\u{a0}US` and
/// `Share\u{200b}` are the phrases they show.
fn plain_spaces(line: &str) -> Cow<'_, str> {
    if line.is_ascii() && !line.contains('\t') && !line.contains("  ") {
        return Cow::Borrowed(line);
    }
    let mut out = String::with_capacity(line.len());
    for c in line.chars() {
        if c == '\t' || is_unusual_space(c) || c == ' ' {
            if !out.ends_with(' ') {
                out.push(' ');
            }
        } else if invisible(c).is_none() {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

pub fn strip_markers(line: &str) -> &str {
    line.trim()
        .trim_start_matches(|c: char| {
            c.is_whitespace()
                || matches!(
                    c,
                    '-' | '*' | '•' | '·' | '–' | '>' | '»' | '›' | '→' | '|' | '+'
                )
        })
        .trim_end()
}

#[cfg(test)]
mod tests;
