//! The normalized form of a paragraph that duplicate detection compares: NFC, lower case,
//! whitespace collapsed (U+00A0 and other spaces included), invisible characters dropped,
//! and typographic variants folded (curly quotes to straight, dashes to `-`, `…` to `...`).

use crate::text::chars::is_dropped_from_normalized;
use crate::text::{LOW_BITS, as_composed, find_byte, is_ascii_space};
use xxhash_rust::xxh3::xxh3_128;

/// A paragraph's normalized form in a few numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Fingerprint {
    /// The 128-bit hash of the normalized text, as two halves: a `u128` field would align
    /// the fingerprint, and every paragraph of the corpus, to 16 bytes (64 bytes a
    /// paragraph instead of 56).
    key: [u64; 2],
    /// Characters in the normalized text.
    pub chars: u32,
    /// Words in the normalized text.
    pub words: u32,
}

impl Fingerprint {
    pub fn new(key: u128, chars: u32, words: u32) -> Self {
        Self {
            key: [key as u64, (key >> 64) as u64],
            chars,
            words,
        }
    }

    /// 128-bit hash of the normalized text: equal keys mean equal normalized text.
    pub fn key(&self) -> u128 {
        u128::from(self.key[0]) | u128::from(self.key[1]) << 64
    }
}

/// Writes the normalized form of `text` into `out` (cleared first); with no NFC check of
/// its own when `text` is `known_composed` (a part of a text the quick check proved so).
pub fn normalize_into(text: &str, known_composed: bool, out: &mut String) {
    out.clear();
    as_composed(text, known_composed, |text| fold_into(text, out));
}

/// Folds composed text. Runs of ASCII words with single spaces, most of any corpus, are
/// copied whole and lower-cased once at the end; other characters are folded one by one.
fn fold_into(text: &str, out: &mut String) {
    let bytes = text.as_bytes();
    let mut pending_space = false;
    let mut at = 0;
    while at < bytes.len() {
        let b = bytes[at];
        if is_ascii_space(b) {
            pending_space = !out.is_empty();
            at += 1;
            continue;
        }
        let (piece, next) = if b.is_ascii() {
            let end = ascii_run_end(bytes, at);
            (Piece::Ascii(&text[at..end]), end)
        } else {
            let Some(c) = text[at..].chars().next() else {
                break;
            };
            (Piece::Char(c), at + c.len_utf8())
        };
        at = next;
        if let Piece::Char(c) = piece {
            if c.is_whitespace() {
                pending_space = !out.is_empty();
                continue;
            }
            if is_dropped_from_normalized(c) {
                continue;
            }
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        match piece {
            Piece::Ascii(run) => out.push_str(run),
            Piece::Char(c) => match fold(c) {
                Some(folded) => out.push_str(folded),
                None => out.extend(c.to_lowercase()),
            },
        }
    }
    // Lower-casing a non-ASCII character never gives an upper-case ASCII one, so this
    // only reaches the copied runs.
    out.make_ascii_lowercase();
    if out.contains('`') {
        *out = out.replace('`', "'");
    }
}

/// The end of the run of ASCII text starting at `at` (a byte that is not whitespace)
/// that is already in normal form but for case: words with single spaces between them.
fn ascii_run_end(bytes: &[u8], at: usize) -> usize {
    let plain_end = first_control_or_non_ascii(bytes, at + 1);
    let mut end = memchr::memmem::find(&bytes[at..plain_end], b"  ").map_or(plain_end, |n| at + n);
    // Spaces before what ends the run are left to the caller, which collapses them.
    while bytes[end - 1] == b' ' {
        end -= 1;
    }
    end
}

/// The first byte from `from` on that is an ASCII control character (tabs and line
/// breaks among them) or not ASCII.
fn first_control_or_non_ascii(bytes: &[u8], from: usize) -> usize {
    // A byte below 0x20 borrows and sets its top bit; a byte from 0x80 has it set.
    let may_hold = |word: u64| word.wrapping_sub(LOW_BITS * 0x20) | word;
    find_byte(bytes, from, may_hold, |b| b < 0x20 || !b.is_ascii()).unwrap_or(bytes.len())
}

enum Piece<'a> {
    Ascii(&'a str),
    Char(char),
}

/// The normalized form of `text`, as a new string.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    normalize_into(text, false, &mut out);
    out
}

/// Fingerprints the paragraphs of one text, with a buffer for their normalized forms.
pub struct Fingerprinter {
    buffer: String,
    /// Whether the NFC quick check proved the whole text composed: its paragraphs, parts
    /// of it, then are, and are folded with no check of their own.
    composed: bool,
}

impl Fingerprinter {
    pub fn new(composed: bool) -> Self {
        Self {
            buffer: String::new(),
            composed,
        }
    }

    /// The fingerprint of `text`, a part of the text.
    pub fn of(&mut self, text: &str) -> Fingerprint {
        normalize_into(text, self.composed, &mut self.buffer);
        fingerprint_of_normalized(&self.buffer)
    }
}

fn fingerprint_of_normalized(buffer: &str) -> Fingerprint {
    Fingerprint::new(
        xxh3_128(buffer.as_bytes()),
        buffer.chars().count().try_into().unwrap_or(u32::MAX),
        // The normalized form has single spaces between words and none at either end.
        if buffer.is_empty() {
            0
        } else {
            (memchr::memchr_iter(b' ', buffer.as_bytes()).count() + 1)
                .try_into()
                .unwrap_or(u32::MAX)
        },
    )
}

/// The ASCII punctuation a typographic variant (a curly quote, a dash, `…`) folds to in
/// the normalized form; `None` for other characters.
pub fn fold(c: char) -> Option<&'static str> {
    Some(match c {
        '‘' | '’' | '‚' | '‛' | '′' | 'ʼ' | '`' | '´' => "'",
        '“' | '”' | '„' | '‟' | '″' | '«' | '»' => "\"",
        '‐' | '‑' | '‒' | '–' | '—' | '―' | '−' => "-",
        '…' => "...",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::UnicodeNormalization;

    #[test]
    fn folds_case_space_quotes_and_dashes() {
        assert_eq!(
            normalize("  The UK’s  “political”\u{a0}attack — Done…\n"),
            "the uk's \"political\" attack - done..."
        );
        assert_eq!(normalize("cafe\u{301}"), normalize("café"));
        assert_eq!(normalize("cyber\u{200b}security"), "cybersecurity");
        assert_eq!(normalize("ÉCOLE"), "école");
    }

    /// The definition, one character at a time; `normalize_into` must agree with it.
    fn reference(text: &str) -> String {
        let mut out = String::new();
        let mut pending_space = false;
        for c in text.nfc() {
            if c.is_whitespace() {
                pending_space = !out.is_empty();
                continue;
            }
            if is_dropped_from_normalized(c) {
                continue;
            }
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            match fold(c) {
                Some(folded) => out.push_str(folded),
                None => out.extend(c.to_lowercase()),
            }
        }
        out
    }

    #[test]
    fn agrees_with_the_definition_on_awkward_text() {
        let samples = [
            "",
            "   ",
            "Plain words.",
            "  Leading and trailing  ",
            "Tabs\tand\r\nCRLF\x0bvertical\x0cfeed",
            "`Quoted` WITH Caps, 1,000 and x\x1fy",
            "a\x00b",
            "Ünïcödé\u{a0}and\u{2003}spaces\u{3000}東京",
            "İstanbul KELVIN \u{212a} ǅ ß",
            "e\u{301}\u{301} \u{301}start",
            "zero\u{200b}width\u{feff} soft\u{ad}hyphen",
            "“curly” ‘quotes’ — dashes… `tick´",
            "👨\u{200d}👩\u{200d}👧 emoji\u{85}next\u{2028}line",
        ];
        for sample in samples {
            assert_eq!(normalize(sample), reference(sample), "{sample:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn finds_the_first_control_or_non_ascii_byte(
            bytes in proptest::collection::vec(proptest::prop_oneof![0x20_u8..0x7f, proptest::num::u8::ANY], 0..40),
            from in 0_usize..40,
        ) {
            let from = from.min(bytes.len());
            let naive = bytes[from..]
                .iter()
                .position(|&b| !(0x20..0x80).contains(&b))
                .map_or(bytes.len(), |n| from + n);
            proptest::prop_assert_eq!(first_control_or_non_ascii(&bytes, from), naive);
        }

        #[test]
        fn agrees_with_the_definition(text in "(\\PC|[ \t\r\n\u{a0}\u{200b}\u{301}`’A-Z])*") {
            proptest::prop_assert_eq!(normalize(&text), reference(&text));
        }
    }

    #[test]
    fn equal_normalized_text_gives_equal_keys() {
        for composed in [false, true] {
            let mut fingerprinter = Fingerprinter::new(composed);
            let a = fingerprinter.of("It’s the same  paragraph.");
            let b = fingerprinter.of("it's the same\u{a0}paragraph.");
            let c = fingerprinter.of("It is another paragraph.");
            assert_eq!(a.key(), b.key());
            assert_ne!(a.key(), c.key());
            assert_eq!((a.words, a.chars), (4, 24));
        }
    }

    #[test]
    fn a_fingerprint_gives_back_its_whole_key() {
        for key in [
            0,
            1 << 64,
            u128::MAX,
            0x0123_4567_89ab_cdef_fedc_ba98_7654_3210,
        ] {
            assert_eq!(Fingerprint::new(key, 3, 1).key(), key);
        }
    }
}
