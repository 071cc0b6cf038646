//! The words duplicate detection compares: the hashes of the words of a paragraph's
//! normalized form (see `text::normalize`), without their punctuation, so that a changed
//! comma does not make two paragraphs less similar.
//!
//! The words are read from the paragraph's own text in one pass, not from a normalized
//! copy of it: a word of lower-case ASCII letters and digits, most words of most
//! corpora, is hashed where it stands; a short ASCII word with capitals or with
//! punctuation at its ends is folded as one number; only the others are folded character
//! by character as normalizing would fold them.

use super::minhash::{short_word_hash, word_hash, word_hash_bytes};
use crate::document::Document;
use crate::text::chars::is_dropped_from_normalized;
use crate::text::normalize::fold;
use crate::text::{HIGH_BITS, LOW_BITS, as_composed, ascii_space_mask, bytes_within, load_u64};

/// What an ASCII byte is in a word that needs folding: itself when it is a lower-case
/// letter or a digit; the lower-case letter of an upper-case one; `DROPPED` for
/// punctuation and control characters. (Such a word holds no ASCII space, and its other
/// bytes are read as characters.)
const CLASS: [u8; 128] = {
    let mut class = [DROPPED; 128];
    let mut b = 0;
    while b < 128 {
        let byte = b as u8;
        class[b] = match byte {
            b'a'..=b'z' | b'0'..=b'9' => byte,
            b'A'..=b'Z' => byte.to_ascii_lowercase(),
            _ => DROPPED,
        };
        b += 1;
    }
    class
};
// A byte that UTF-8 never holds, so that no byte is taken for itself by mistake.
const DROPPED: u8 = 0xfe;

/// The word hashes of paragraph `para` of `doc`, in order, into `words` (cleared first);
/// `buffer` is scratch space.
pub(super) fn words_into(doc: &Document, para: usize, buffer: &mut String, words: &mut Vec<u32>) {
    let text = doc.slice(doc.paragraphs[para].span);
    text_words_into(text, doc.composed, buffer, words);
}

/// The word hashes of `text`, composed first as normalizing composes it, unless it is
/// `known_composed`.
fn text_words_into(text: &str, known_composed: bool, buffer: &mut String, words: &mut Vec<u32>) {
    words.clear();
    as_composed(text, known_composed, |text| {
        composed_words_into(text, buffer, words)
    });
}

/// The words of NFC text, read 64 bytes at a time: the bytes that end a word (ASCII
/// spaces) and those that do not stand for themselves in one (upper case, punctuation,
/// bytes beyond ASCII) are found for the whole block at once, as masks. A word none of
/// the second kind lies in is hashed where it stands; any other is folded.
fn composed_words_into(text: &str, buffer: &mut String, words: &mut Vec<u32>) {
    // Where the word being read starts, and whether it is plain so far.
    let (mut start, mut plain) = (0usize, true);
    for (block, chunk) in text.as_bytes().chunks(BLOCK).enumerate() {
        let base = block * BLOCK;
        let (mut spaces, others) = block_masks(chunk);
        while spaces != 0 {
            let at = spaces.trailing_zeros() as usize;
            let inside = below(at) & !below(start.saturating_sub(base));
            let whole = plain && others & inside == 0;
            piece_into(text, start, base + at, whole, buffer, words);
            (start, plain) = (base + at + 1, true);
            spaces &= spaces - 1;
        }
        plain &= others & !below(start.saturating_sub(base)) == 0;
    }
    piece_into(text, start, text.len(), plain, buffer, words);
}

/// Bytes whose classes are found at once, a bit each.
const BLOCK: usize = 64;

/// The bits below bit `n`.
fn below(n: usize) -> u64 {
    if n >= 64 { u64::MAX } else { (1 << n) - 1 }
}

/// For a block of at most 64 bytes, a bit per byte, byte `k`'s bit `k`: the ASCII spaces
/// (a space, a tab to a carriage return), and the bytes that are neither such a space nor
/// a lower-case ASCII letter or a digit.
fn block_masks(chunk: &[u8]) -> (u64, u64) {
    let (mut spaces, mut others) = (0, 0);
    let mut add = |k: usize, word: [u8; 8], len: usize| {
        let (space, plain) = byte_classes(u64::from_le_bytes(word));
        let present = below(len);
        spaces |= (gather(space) & present) << (8 * k);
        others |= (!gather(space | plain) & present) << (8 * k);
    };
    // Whole pieces of eight are read as they stand; only the last, shorter one is copied
    // (a copy of a length not known in advance is a call of its own).
    let mut pieces = chunk.chunks_exact(8);
    let mut k = 0;
    for piece in &mut pieces {
        if let Ok(word) = <[u8; 8]>::try_from(piece) {
            add(k, word, 8);
        }
        k += 1;
    }
    let rest = pieces.remainder();
    if !rest.is_empty() {
        let mut word = [0; 8];
        word[..rest.len()].copy_from_slice(rest);
        add(k, word, rest.len());
    }
    (spaces, others)
}

/// The top bit of each byte of `word` set where the byte is an ASCII space, and where it
/// is a lower-case ASCII letter or a digit.
fn byte_classes(word: u64) -> (u64, u64) {
    let ascii = !word & HIGH_BITS;
    let low = word & !HIGH_BITS;
    let plain = (bytes_within(low, b'a', b'z') | bytes_within(low, b'0', b'9')) & ascii;
    let space = ascii_space_mask(low) & ascii;
    (space, plain)
}

/// The top bits of the eight bytes of `flags` as eight bits, byte `k`'s as bit `k`: each
/// product lands on a bit of its own, so none carries.
fn gather(flags: u64) -> u64 {
    ((flags >> 7) & LOW_BITS).wrapping_mul(0x0102_0408_1020_4080) >> 56
}

/// The words of `text[start..end]`, a piece without ASCII whitespace that is `plain` when
/// it holds only lower-case ASCII letters and digits. A plain piece, or an ASCII one of up
/// to eight bytes with no punctuation between its letters (`The`, `said,`, `(AP)`), is
/// folded and hashed here, as a number; any other is read byte by byte.
#[inline(always)]
fn piece_into(
    text: &str,
    start: usize,
    end: usize,
    plain: bool,
    buffer: &mut String,
    words: &mut Vec<u32>,
) {
    let bytes = text.as_bytes();
    if plain {
        if end > start {
            words.push(word_hash_bytes(&bytes[start..end]));
        }
        return;
    }
    let len = end - start;
    // Eight bytes from where the piece starts, read whole: the piece and what follows it
    // (a piece that ends the text is read byte by byte).
    if len <= SHORT_PIECE
        && let Some(eight) = bytes.get(start..start + SHORT_PIECE)
        && let Some((folded, len)) = fold_short_ascii(load_u64(eight) & below(8 * len), len)
    {
        if len > 0 {
            words.push(short_word_hash(folded, len));
        }
        return;
    }
    word_into(&text[start..end], buffer, words);
}

/// The longest piece folded as a number.
const SHORT_PIECE: usize = 8;

/// A piece of ASCII bytes held in `x` (little-endian, its bytes past `len` zero), folded
/// as normalizing folds it: in lower case, without its punctuation. The word and its
/// length; `None` when a byte is not ASCII, or when punctuation stands between letters
/// (`don't`), where dropping it is more than a shift.
fn fold_short_ascii(x: u64, len: usize) -> Option<(u64, usize)> {
    if x & HIGH_BITS != 0 {
        return None;
    }
    // An upper-case letter's top bit, shifted down to 0x20, makes it lower case.
    let lowered = x | (bytes_within(x, b'A', b'Z') >> 2);
    let kept = (bytes_within(lowered, b'a', b'z') | bytes_within(lowered, b'0', b'9'))
        & HIGH_BITS
        & below(8 * len);
    if kept == 0 {
        return Some((0, 0));
    }
    let (first, count) = (
        kept.trailing_zeros() as usize / 8,
        kept.count_ones() as usize,
    );
    (kept >> (8 * first) == HIGH_BITS & below(8 * count))
        .then(|| ((lowered >> (8 * first)) & below(8 * count), count))
}

/// ASCII words up to this long are mapped on the stack.
const ASCII_WORD_BYTES: usize = 64;

/// The words of a piece of text without ASCII whitespace: one, or several when it holds
/// other spaces, or none when it holds no letter or digit.
fn word_into(piece: &str, buffer: &mut String, words: &mut Vec<u32>) {
    let bytes = piece.as_bytes();
    // Mostly a longer capitalised word, or one with punctuation inside (`Washington,`,
    // `don't`): its bytes are mapped and hashed with no character decoded.
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
        text_words_into(text, false, &mut String::new(), &mut words);
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
    fn short_ascii_pieces_are_folded_in_one_value() {
        let fold = |piece: &str| {
            let mut held = [0; 8];
            held[..piece.len()].copy_from_slice(piece.as_bytes());
            fold_short_ascii(u64::from_le_bytes(held), piece.len())
                .map(|(x, len)| String::from_utf8_lossy(&x.to_le_bytes()[..len]).into_owned())
        };
        assert_eq!(fold("The").as_deref(), Some("the"));
        assert_eq!(fold("(AP)").as_deref(), Some("ap"));
        assert_eq!(fold("\"Said,\"").as_deref(), Some("said"));
        assert_eq!(fold("MAY-2026").as_deref(), None);
        assert_eq!(fold("2026:").as_deref(), Some("2026"));
        assert_eq!(fold("...").as_deref(), Some(""));
        assert_eq!(fold("ZZZZZZZZ").as_deref(), Some("zzzzzzzz"));
        assert_eq!(fold("[@`{").as_deref(), Some(""));
        assert_eq!(fold("don't"), None);
        assert_eq!(fold("U.S."), None);
        assert_eq!(fold("Caf\u{e9}"), None);
    }

    #[test]
    fn block_masks_class_every_byte_at_every_place() {
        for b in 0..=255u8 {
            let space = matches!(b, b' ' | b'\t'..=b'\r');
            let plain = b.is_ascii_lowercase() || b.is_ascii_digit();
            for len in [1, 7, 8, 9, 63, 64] {
                for at in 0..len {
                    let mut bytes = vec![b'a'; len];
                    bytes[at] = b;
                    let (spaces, others) = block_masks(&bytes);
                    assert_eq!(spaces, u64::from(space) << at, "{b:#x} at {at} of {len}");
                    let other = !space && !plain;
                    assert_eq!(others, u64::from(other) << at, "{b:#x} at {at} of {len}");
                }
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn agrees_with_the_definition(
            text in "(\\PC|[ \t\r\n\x00\u{85}\u{a0}\u{200b}\u{301}`’ʼ,.A-Za-z0-9])*"
        ) {
            proptest::prop_assert_eq!(words(&text), reference(&text));
        }

        /// Texts of several blocks, whose words may run across the end of one.
        #[test]
        fn agrees_with_the_definition_across_blocks(
            pieces in proptest::collection::vec(r"([a-z0-9]{1,12} |[A-Za-z0-9 ,.\t\n]{1,9}|\PC{1,3})", 8..60)
        ) {
            let text = pieces.concat();
            proptest::prop_assert_eq!(words(&text), reference(&text));
        }
    }
}
