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

    /// Whether some language lists `word` (in lower case) as a stop word.
    pub fn is_stop_word(&self, word: &str) -> bool {
        self.words.contains_key(word.as_bytes())
    }

    /// Whether `language` lists `word` (in lower case) as a stop word.
    pub fn is_stop_word_in(&self, word: &str, language: Language) -> bool {
        let mask = self.words.get(word.as_bytes()).copied().unwrap_or(0);
        mask >> language.0 & 1 == 1
    }

    /// Whether some language lists both words (in lower case) as stop words: `by` and
    /// `the` in English; not `przez` and `annak`, a Polish one and a Hungarian one.
    pub fn in_one_list(&self, a: &str, b: &str) -> bool {
        let mask = |word: &str| self.words.get(word.as_bytes()).copied().unwrap_or(0);
        mask(a) & mask(b) != 0
    }

    /// The language whose stop words the words of `texts` hit most (the first few thousand
    /// words are read); `None` when none is hit.
    pub fn guess<'t>(&self, texts: impl IntoIterator<Item = &'t str>) -> Option<Language> {
        let mut hits = [0usize; 64];
        let (mut read, mut hit) = (0, 0);
        for text in texts {
            for_each_word(text, |word| {
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
        for_each_word(text, |word| {
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

/// Calls `f` on each word of `text` until it returns false: runs of letters, lowercased,
/// and CJK characters one by one. Digits and punctuation separate words. Words too long to
/// be stop words are passed as an empty `Latin` word, which no list holds.
///
/// One pass over the bytes, lowercasing on the stack: ASCII bytes, most of the text of
/// most corpora, are never decoded as characters.
fn for_each_word(text: &str, mut f: impl FnMut(Word) -> bool) {
    let bytes = text.as_bytes();
    let mut word = Buffer::default();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b.is_ascii_alphabetic() {
            // A run of ASCII letters is taken at once.
            let end = bytes[i..]
                .iter()
                .position(|b| !b.is_ascii_alphabetic())
                .map_or(bytes.len(), |n| i + n);
            word.extend_ascii_lowercase(&bytes[i..end]);
            i = end;
            continue;
        }
        if b.is_ascii() {
            if b == b'\'' && word.len > 0 && letter_at(text, i + 1) {
                word.push(b'\'');
            } else if !word.flush(&mut f) {
                return;
            }
            i += 1;
            continue;
        }
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        if is_cjk(c) {
            if !word.flush(&mut f) || !f(Word::Character(c)) {
                return;
            }
        } else if c.is_alphabetic() {
            for lower in c.to_lowercase() {
                word.extend(lower.encode_utf8(&mut [0; 4]).as_bytes());
            }
        } else if c == '’' && word.len > 0 && letter_at(text, i + c.len_utf8()) {
            // The lists write `don't` with a straight apostrophe.
            word.push(b'\'');
        } else if !word.flush(&mut f) {
            return;
        }
        i += c.len_utf8();
    }
    word.flush(&mut f);
}

/// Whether a letter of a word (not a CJK character) starts at byte `at` of `text`.
fn letter_at(text: &str, at: usize) -> bool {
    text.get(at..)
        .and_then(|rest| rest.chars().next())
        .is_some_and(|c| c.is_alphabetic() && !is_cjk(c))
}

/// The word being read: its bytes, up to the longest stop word, and its length.
#[derive(Default)]
struct Buffer {
    bytes: [u8; MAX_STOP_WORD_BYTES],
    len: usize,
}

impl Buffer {
    fn push(&mut self, byte: u8) {
        if let Some(slot) = self.bytes.get_mut(self.len) {
            *slot = byte;
        }
        self.len += 1;
    }

    fn extend_ascii_lowercase(&mut self, bytes: &[u8]) {
        if let Some(room) = self.bytes.get_mut(self.len..) {
            for (slot, b) in room.iter_mut().zip(bytes) {
                *slot = b.to_ascii_lowercase();
            }
        }
        self.len += bytes.len();
    }

    fn extend(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.push(b);
        }
    }

    /// Passes the word, if any, to `f`: false when `f` wants no more.
    fn flush(&mut self, f: &mut impl FnMut(Word) -> bool) -> bool {
        if self.len == 0 {
            return true;
        }
        let word: &[u8] = self.bytes.get(..self.len).unwrap_or(&[]);
        self.len = 0;
        f(Word::Latin(word))
    }
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

    #[test]
    fn words_are_letters_with_their_inner_apostrophes_in_any_script() {
        let mut words = Vec::new();
        for_each_word("L’été, n'est-ce pas? ÉTÉ 2024 日本", |word| {
            words.push(match word {
                Word::Latin(w) => String::from_utf8_lossy(w).into_owned(),
                Word::Character(c) => c.to_string(),
            });
            true
        });
        assert_eq!(words, ["l'été", "n'est", "ce", "pas", "été", "日", "本"]);
        let long = "a".repeat(MAX_STOP_WORD_BYTES + 1);
        let mut lengths = Vec::new();
        for_each_word(&format!("{long} of"), |word| {
            lengths.push(matches!(word, Word::Latin(w) if !w.is_empty()));
            true
        });
        assert_eq!(lengths, [false, true]);
    }
}
