//! The words duplicate detection compares: the hashes of the words of a paragraph's
//! normalized form (see `text::normalize`), without their punctuation, so that a changed
//! comma does not make two paragraphs less similar.
//!
//! The words are read from the paragraph's own text in one pass, not from a normalized
//! copy of it: a word of lower-case ASCII letters and digits, most words of most
//! corpora, is hashed where it stands, and only the others are folded character by
//! character as normalizing would fold them.

use unicode_normalization::UnicodeNormalization;

use super::minhash::{word_hash, word_hash_bytes};
use crate::document::Document;
use crate::text::chars::is_dropped_from_normalized;
use crate::text::is_nfc_quick_yes;
use crate::text::normalize::fold;

/// What an ASCII byte is in a word: itself when it is a lower-case letter or a digit,
/// which needs no folding; the lower-case letter of an upper-case one; `SPACE` between
/// words; `DROPPED` for punctuation and control characters; and `OTHER` for the bytes of
/// characters beyond ASCII.
const CLASS: [u8; 256] = {
    let mut class = [DROPPED; 256];
    let mut b = 0;
    while b < 256 {
        let byte = b as u8;
        class[b] = match byte {
            b' ' | b'\t'..=b'\r' => SPACE,
            b'a'..=b'z' | b'0'..=b'9' => byte,
            b'A'..=b'Z' => byte.to_ascii_lowercase(),
            0x80.. => OTHER,
            _ => DROPPED,
        };
        b += 1;
    }
    class
};
// Bytes that UTF-8 never holds, so that no byte is taken for itself by mistake.
const SPACE: u8 = 0xff;
const DROPPED: u8 = 0xfe;
const OTHER: u8 = 0xfd;

/// The word hashes of paragraph `para` of `doc`, in order, into `words` (cleared first);
/// `buffer` is scratch space.
pub(super) fn words_into(doc: &Document, para: usize, buffer: &mut String, words: &mut Vec<u32>) {
    text_words_into(doc.slice(doc.paragraphs[para].span), buffer, words);
}

fn text_words_into(text: &str, buffer: &mut String, words: &mut Vec<u32>) {
    words.clear();
    if !is_nfc_quick_yes(text) {
        // Rare: decomposed letters are composed first, as normalizing does.
        let composed: String = text.nfc().collect();
        return composed_words_into(&composed, buffer, words);
    }
    composed_words_into(text, buffer, words);
}

/// The words of NFC text. A byte that stands for itself continues a plain word; any
/// other ends the text's plain stretch: at a space the word is done, elsewhere the word
/// is folded when it ends. Plain stretches are skipped eight bytes at a time.
fn composed_words_into(text: &str, buffer: &mut String, words: &mut Vec<u32>) {
    let bytes = text.as_bytes();
    let (mut start, mut plain) = (0, true);
    let mut at = 0;
    while at < bytes.len() {
        if plain {
            at += plain_bytes(&bytes[at..]);
        }
        let Some(&b) = bytes.get(at) else { break };
        let class = CLASS[usize::from(b)];
        if class == SPACE {
            word_into(&text[start..at], plain, buffer, words);
            (start, plain) = (at + 1, true);
        } else if class != b {
            plain = false;
        }
        at += 1;
    }
    word_into(&text[start..], plain, buffer, words);
}

/// How many bytes `bytes` opens with that stand for themselves in a word (lower-case
/// ASCII letters and digits), read eight at a time.
fn plain_bytes(bytes: &[u8]) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // The high bit of each byte of a word of bytes below 0x80 that lies in `lo..=hi`:
    // adding never carries from one byte into the next.
    let within = |low: u64, lo: u8, hi: u8| {
        (low + u64::from(0x80 - lo) * ONES) & !(low + u64::from(0x7f - hi) * ONES) & HIGH
    };
    let mut n = 0;
    while let Some(chunk) = bytes.get(n..n + 8) {
        let Ok(chunk) = <[u8; 8]>::try_from(chunk) else {
            break;
        };
        let word = u64::from_le_bytes(chunk);
        let low = word & !HIGH;
        let plain = (within(low, b'a', b'z') | within(low, b'0', b'9')) & !word;
        let other = !plain & HIGH;
        if other != 0 {
            return n + (other.trailing_zeros() / 8) as usize;
        }
        n += 8;
    }
    n + bytes[n..]
        .iter()
        .take_while(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        .count()
}

/// ASCII words up to this long are mapped on the stack.
const ASCII_WORD_BYTES: usize = 64;

/// The words of a piece of text without ASCII whitespace: one, or several when it holds
/// other spaces, or none when it holds no letter or digit.
fn word_into(piece: &str, plain: bool, buffer: &mut String, words: &mut Vec<u32>) {
    if plain {
        if !piece.is_empty() {
            words.push(word_hash(piece));
        }
        return;
    }
    let bytes = piece.as_bytes();
    // Mostly a capitalised word or one with punctuation (`The`, `said,`): its bytes are
    // mapped and hashed with no character decoded.
    if bytes.is_ascii() {
        let mut word = [0u8; ASCII_WORD_BYTES];
        if let Some(word) = word.get_mut(..bytes.len()) {
            let mut len = 0;
            for &b in bytes {
                let class = CLASS[usize::from(b)];
                word[len] = class;
                len += usize::from(class != DROPPED);
            }
            if len > 0 {
                words.push(word_hash_bytes(&word[..len]));
            }
            return;
        }
    }
    buffer.clear();
    let mut at = 0;
    while let Some(&b) = bytes.get(at) {
        if b.is_ascii() {
            let class = CLASS[usize::from(b)];
            if class != DROPPED {
                buffer.push(char::from(class));
            }
            at += 1;
            continue;
        }
        let Some(c) = piece[at..].chars().next() else {
            break;
        };
        at += c.len_utf8();
        if c.is_whitespace() {
            if !buffer.is_empty() {
                words.push(word_hash(buffer));
                buffer.clear();
            }
        } else if !is_dropped_from_normalized(c) && fold(c).is_none() {
            // Folded characters are punctuation, dropped from words.
            buffer.extend(c.to_lowercase().filter(|l| l.is_alphanumeric()));
        }
    }
    if !buffer.is_empty() {
        words.push(word_hash(buffer));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::normalize::normalize;

    /// The definition: the words of the whole normalized text, each without the
    /// characters that are not letters or digits, empty ones left out.
    fn reference(text: &str) -> Vec<u32> {
        normalize(text)
            .split(' ')
            .map(|w| {
                w.chars()
                    .filter(|c| c.is_alphanumeric())
                    .collect::<String>()
            })
            .filter(|w| !w.is_empty())
            .map(|w| word_hash(&w))
            .collect()
    }

    fn words(text: &str) -> Vec<u32> {
        let mut words = Vec::new();
        text_words_into(text, &mut String::new(), &mut words);
        words
    }

    #[test]
    fn agrees_with_the_definition_on_awkward_text() {
        let samples = [
            "",
            "  \t ",
            "The UK’s  “political”\u{a0}attack — Done…\n",
            "`Quoted` WITH Caps, 1,000 and x\x1fy a\x00b",
            "cafe\u{301} café, ÉCOLE e\u{301}\u{301} \u{301}start",
            "zero\u{200b}width\u{feff} soft\u{ad}hyphen \u{200b} alone",
            "Ünïcödé\u{a0}and\u{2003}spaces\u{3000}東京 İstanbul KELVIN \u{212a}",
            "emoji\u{85}next\u{2028}line, don't-stop: https://example.org/A?b=1",
            "itʼs €5, ‘Ça va’ x\u{80}y NUL\x00",
            "Https://example.org/a-path-longer-than-sixty-four-bytes/Of/Mixed-Case/With?Query=1&x=2 Done.",
        ];
        for sample in samples {
            assert_eq!(words(sample), reference(sample), "{sample:?}");
        }
        assert_eq!(words("Don't STOP, now."), words("dont stop now"));
        assert_eq!(words("Don't STOP, now.").len(), 3);
    }

    #[test]
    fn plain_bytes_are_lower_case_letters_and_digits_only() {
        for b in 0..=255u8 {
            let plain = b.is_ascii_lowercase() || b.is_ascii_digit();
            for at in 0..9 {
                let mut bytes = vec![b'a'; 12];
                bytes[at] = b;
                let expected = if plain { 12 } else { at };
                assert_eq!(plain_bytes(&bytes), expected, "{b:#x} at {at}");
            }
        }
        assert_eq!(plain_bytes(b""), 0);
        assert_eq!(plain_bytes(b"abc9"), 4);
    }

    proptest::proptest! {
        #[test]
        fn agrees_with_the_definition(
            text in "(\\PC|[ \t\r\n\x00\u{85}\u{a0}\u{200b}\u{301}`’ʼ,.A-Za-z0-9])*"
        ) {
            proptest::prop_assert_eq!(words(&text), reference(&text));
        }
    }
}
