//! Stop words (the function words of running text: `the`, `of`, `der`, `que`, `的`) in the
//! 58 languages of the stopwords-iso collection, as the `stop-words` crate ships it. The
//! share of them in a line tells running prose from menus, labels and titles whatever
//! the page's language, as jusText showed; the page's language is the one whose list
//! its words hit most.

use std::sync::OnceLock;

use rustc_hash::{FxHashMap, FxHashSet};

use crate::text::is_cjk;

/// A language of the collection, by its place in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Language(u8);

/// The languages of CJK scripts, written without spaces: their stop words are counted one
/// character at a time, from the single-character entries of their lists.
const CHARACTER_LANGUAGES: [&str; 2] = ["zh", "ja"];

/// Words read to guess a document's language: enough for any page, and the guess costs
/// the same for a long document as for a page.
const GUESS_WORDS: usize = 2000;
/// ...or until this many stop words were hit, which settles it.
const GUESS_HITS: usize = 50;
/// No stop word is longer than this many bytes: longer words are not looked up.
const MAX_STOP_WORD_BYTES: usize = 24;

/// The stop words of every language of the collection.
pub struct StopWords {
    codes: Vec<&'static str>,
    /// Each word, lowercased, with the set of languages (one bit each) that list it: for
    /// guessing the language.
    words: FxHashMap<&'static [u8], u64>,
    /// The words of each language, for counting: most are packed into a number, quicker to
    /// look up than a string.
    lists: Vec<List>,
    /// CJK characters that are stop words in Chinese or Japanese.
    characters: FxHashMap<char, ()>,
}

impl std::fmt::Debug for StopWords {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StopWords")
            .field("languages", &self.codes.len())
            .finish_non_exhaustive()
    }
}

impl StopWords {
    /// The lists, built on first use and shared.
    pub fn get() -> &'static Self {
        static LISTS: OnceLock<StopWords> = OnceLock::new();
        LISTS.get_or_init(Self::build)
    }

    fn build() -> Self {
        let mut codes = Vec::new();
        let mut words: FxHashMap<&'static [u8], u64> = FxHashMap::default();
        let mut lists = Vec::new();
        let mut characters = FxHashMap::default();
        // A bit per language: the collection has fewer than 64.
        for &code in stop_words::available_languages().iter().take(64) {
            let Some(list) = stop_words::lookup(code) else {
                continue;
            };
            if CHARACTER_LANGUAGES.contains(&code) {
                for word in list {
                    let mut chars = word.chars();
                    if let (Some(c), None) = (chars.next(), chars.next())
                        && is_cjk(c)
                    {
                        characters.insert(c, ());
                    }
                }
                continue;
            }
            let bit = 1u64 << codes.len();
            codes.push(code);
            for word in list {
                *words.entry(word.as_bytes()).or_insert(0) |= bit;
            }
            lists.push(List::new(list));
        }
        Self {
            codes,
            words,
            lists,
            characters,
        }
    }

    /// The ISO 639-1 code of `language` (`en`).
    pub fn code(&self, language: Language) -> &'static str {
        self.codes
            .get(usize::from(language.0))
            .copied()
            .unwrap_or("?")
    }

    /// The language whose stop words the words of `texts` hit most (the first few thousand
    /// words are read); `None` when none is hit.
    pub fn guess<'t>(&self, texts: impl IntoIterator<Item = &'t str>) -> Option<Language> {
        let mut hits = [0usize; 64];
        let (mut read, mut hit) = (0, 0);
        let mut buffer = String::new();
        for text in texts {
            for_each_word(text, &mut buffer, |word| {
                read += 1;
                if let Word::Latin(w) = word
                    && let Some(&mask) = self.words.get(w)
                {
                    hit += 1;
                    let mut mask = mask;
                    while mask != 0 {
                        hits[mask.trailing_zeros() as usize] += 1;
                        mask &= mask - 1;
                    }
                }
                read < GUESS_WORDS && hit < GUESS_HITS
            });
            if read >= GUESS_WORDS || hit >= GUESS_HITS {
                break;
            }
        }
        let (best, &count) = hits
            .iter()
            .enumerate()
            .max_by_key(|&(i, &n)| (n, usize::MAX - i))?;
        (count > 0).then(|| Language(u8::try_from(best).unwrap_or(0)))
    }

    /// Counts the first `max_words` words of `text` in `language`: words (a CJK character
    /// counts as one), CJK characters among them, and stop words among them (CJK ones
    /// whatever the language, as a page mixes scripts).
    pub fn count(&self, text: &str, language: Option<Language>, max_words: usize) -> WordCounts {
        let empty = List::default();
        let list = language
            .and_then(|l| self.lists.get(usize::from(l.0)))
            .unwrap_or(&empty);
        let mut counts = WordCounts::default();
        let mut buffer = String::new();
        for_each_word(text, &mut buffer, |word| {
            counts.words += 1;
            match word {
                Word::Latin(w) => {
                    if list.contains(w) {
                        counts.stop += 1;
                    }
                }
                Word::Character(c) => {
                    counts.cjk += 1;
                    if self.characters.contains_key(&c) {
                        counts.stop += 1;
                    }
                }
            }
            counts.words < max_words
        });
        counts
    }
}

/// The stop words of one language.
#[derive(Default)]
struct List {
    /// Words of up to 8 bytes, packed.
    short: FxHashSet<u64>,
    long: FxHashSet<&'static [u8]>,
}

impl List {
    fn new(words: &[&'static str]) -> Self {
        let mut list = Self::default();
        for word in words {
            match pack(word.as_bytes()) {
                Some(packed) => list.short.insert(packed),
                None => list.long.insert(word.as_bytes()),
            };
        }
        list
    }

    fn contains(&self, word: &[u8]) -> bool {
        match pack(word) {
            Some(packed) => self.short.contains(&packed),
            None => self.long.contains(word),
        }
    }
}

/// A word of 1 to 8 bytes as a number, its bytes in order.
fn pack(word: &[u8]) -> Option<u64> {
    if word.is_empty() || word.len() > 8 {
        return None;
    }
    let mut bytes = [0u8; 8];
    bytes[..word.len()].copy_from_slice(word);
    Some(u64::from_le_bytes(bytes))
}

/// How many words a text has, and of what kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WordCounts {
    /// Words, each CJK character counted as one.
    pub words: usize,
    /// CJK characters.
    pub cjk: usize,
    /// Stop words among the words.
    pub stop: usize,
}

impl WordCounts {
    /// The share of stop words.
    pub fn density(&self) -> f32 {
        if self.words == 0 {
            0.0
        } else {
            self.stop as f32 / self.words as f32
        }
    }

    /// Whether most of the text is CJK.
    pub fn is_cjk(&self) -> bool {
        self.cjk * 2 >= self.words && self.cjk > 0
    }
}

enum Word<'b> {
    /// A word of letters (apostrophes inside it kept), lowercased, as UTF-8.
    Latin(&'b [u8]),
    Character(char),
}

/// Calls `f` on each word of `text` until it returns false: runs of letters, lowercased
/// into `buffer`, and CJK characters one by one. Digits and punctuation separate words.
/// Words too long to be stop words are passed as an empty `Latin` word, which no list
/// holds.
fn for_each_word(text: &str, buffer: &mut String, mut f: impl FnMut(Word) -> bool) {
    if text.is_ascii() {
        return for_each_ascii_word(text.as_bytes(), &mut f);
    }
    buffer.clear();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if is_cjk(c) {
            if !flush(buffer, &mut f) || !f(Word::Character(c)) {
                return;
            }
        } else if c.is_alphabetic() {
            if c.is_ascii() {
                buffer.push(c.to_ascii_lowercase());
            } else {
                buffer.extend(c.to_lowercase());
            }
        } else if (c == '\'' || c == '’')
            && !buffer.is_empty()
            && chars
                .peek()
                .is_some_and(|n| n.is_alphabetic() && !is_cjk(*n))
        {
            // The lists write `don't` with a straight apostrophe.
            buffer.push('\'');
        } else if !flush(buffer, &mut f) {
            return;
        }
    }
    flush(buffer, &mut f);
}

/// `for_each_word` for ASCII text, most text of most corpora, lowercasing on the stack.
fn for_each_ascii_word(bytes: &[u8], f: &mut impl FnMut(Word) -> bool) {
    let mut word = [0u8; MAX_STOP_WORD_BYTES];
    let mut len = 0;
    let mut i = 0;
    while i <= bytes.len() {
        let b = bytes.get(i).copied().unwrap_or(b' ');
        let inner_apostrophe =
            b == b'\'' && len > 0 && bytes.get(i + 1).is_some_and(u8::is_ascii_alphabetic);
        if b.is_ascii_alphabetic() || inner_apostrophe {
            if len < MAX_STOP_WORD_BYTES {
                word[len] = b.to_ascii_lowercase();
            }
            len += 1;
        } else if len > 0 {
            let text: &[u8] = if len <= MAX_STOP_WORD_BYTES {
                &word[..len]
            } else {
                &[]
            };
            if !f(Word::Latin(text)) {
                return;
            }
            len = 0;
        }
        i += 1;
    }
}

/// Passes the word in `buffer`, if any, to `f`: false when `f` wants no more.
fn flush(buffer: &mut String, f: &mut impl FnMut(Word) -> bool) -> bool {
    if buffer.is_empty() {
        return true;
    }
    let go_on = f(Word::Latin(buffer.as_bytes()));
    buffer.clear();
    go_on
}

#[cfg(test)]
mod tests {
    use super::*;

    fn guess(text: &str) -> &'static str {
        let lists = StopWords::get();
        lists.guess([text]).map_or("none", |l| lists.code(l))
    }

    #[test]
    fn the_language_is_the_one_whose_stop_words_are_hit_most() {
        assert_eq!(
            guess("The council said that it would not extend the opening hours of the library."),
            "en"
        );
        assert_eq!(
            guess("Der Rat hat am Dienstag beschlossen, dass die Bibliothek länger geöffnet wird."),
            "de"
        );
        assert_eq!(
            guess("Le conseil a décidé mardi que la bibliothèque resterait ouverte plus tard."),
            "fr"
        );
        assert_eq!(guess("12 345 678"), "none");
    }

    #[test]
    fn prose_is_dense_in_stop_words_and_menus_are_not() {
        let lists = StopWords::get();
        let en = lists.guess(["the of and"]);
        let prose = lists.count(
            "The council said on Tuesday that it would keep the library open until nine.",
            en,
            usize::MAX,
        );
        let menu = lists.count("Sport Weather Business Technology Podcasts", en, usize::MAX);
        assert!(prose.density() > 0.35, "{prose:?}");
        assert!(menu.density() < 0.2, "{menu:?}");
        assert_eq!(prose.words, 14);
    }

    #[test]
    fn cjk_characters_are_words_and_function_characters_stop_words() {
        let lists = StopWords::get();
        let counts = lists.count("我们在这里的时候，他们已经走了。", None, usize::MAX);
        assert!(counts.is_cjk());
        assert_eq!(counts.words, 14);
        assert!(counts.density() > 0.3, "{counts:?}");
        assert_eq!(
            lists.count("don't", lists.guess(["the"]), usize::MAX).stop,
            1
        );
        assert_eq!(lists.count("one two three four", None, 2).words, 2);
    }
}
