//! Words and runs between spaces, counted as every line of a corpus asks: ASCII text,
//! most of nearly any line, a word of bytes at a time.

use super::{LOW_BITS, ascii_space_mask, is_cjk, line_index, load_u64};

/// Whitespace as `char::is_whitespace` sees it, among ASCII bytes.
pub(crate) fn is_ascii_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t'..=b'\r')
}

/// Words of ASCII `bytes` that start after a space in them: pairs of a space and a
/// non-space. This counts the words of every line of a corpus: eight bytes at a time,
/// the spaces of each word of bytes in a mask.
fn ascii_word_starts(bytes: &[u8]) -> usize {
    let mut chunks = bytes.chunks_exact(8);
    let mut count = 0;
    // Whether the byte before the chunk is a space.
    let mut after_space = false;
    for chunk in &mut chunks {
        let spaces = ascii_space_mask(load_u64(chunk));
        let before = (spaces << 8) | (u64::from(after_space) << 7);
        count += (before & !spaces & (LOW_BITS << 7)).count_ones() as usize;
        after_space = spaces >> 63 != 0;
    }
    let mut before = after_space;
    for &b in chunks.remainder() {
        let space = is_ascii_space(b);
        count += usize::from(before & !space);
        before = space;
    }
    count
}

/// Words of a line, counting CJK text (written without spaces) as one word per 1.5
/// characters, about the length of a Chinese word.
pub fn word_count(text: &str) -> usize {
    let bytes = text.as_bytes();
    if text.is_ascii() {
        let first = bytes.first().is_some_and(|&b| !is_ascii_space(b));
        return usize::from(first) + ascii_word_starts(bytes);
    }
    // A run between spaces is a word when it holds a character other than CJK, and each
    // CJK character counts. Stretches of ASCII, most of nearly any line, are counted whole;
    // only the other characters are decoded.
    let (mut latin, mut cjk) = (0usize, 0usize);
    // Whether the run being read holds a character other than CJK.
    let mut other = false;
    let mut at = 0;
    while at < bytes.len() {
        let end = bytes[at..]
            .iter()
            .position(|b| !b.is_ascii())
            .map_or(bytes.len(), |n| at + n);
        let stretch = &bytes[at..end];
        let first_space = stretch.iter().position(|&b| is_ascii_space(b));
        let last_space = stretch.iter().rposition(|&b| is_ascii_space(b));
        if let (Some(first), Some(last)) = (first_space, last_space) {
            // The run going on into the stretch ends at its first space, the runs between
            // its first and last spaces are whole, and one starts after the last space
            // unless the stretch ends there.
            latin += usize::from(other || first > 0);
            latin += ascii_word_starts(&stretch[first..=last]);
            other = last + 1 < stretch.len();
        } else {
            other |= !stretch.is_empty();
        }
        at = end;
        let Some(c) = text[at..].chars().next() else {
            break;
        };
        at += c.len_utf8();
        if c.is_whitespace() {
            latin += usize::from(other);
            other = false;
        } else if is_cjk(c) {
            cjk += 1;
        } else {
            other = true;
        }
    }
    latin += usize::from(other);
    latin + (cjk * 2).div_ceil(3)
}

/// `word_count(text).min(cap)`, usually from a short prefix: the count of a prefix never
/// exceeds that of the whole text, so a prefix with `cap` words settles it. The prefix
/// doubles until it does: words of Cyrillic or Greek take twice the bytes of English
/// ones, and a long paragraph on one line is not counted whole for that.
pub fn word_count_capped(text: &str, cap: usize) -> usize {
    let mut length = cap.saturating_mul(8);
    loop {
        let cut = line_index::floor_char_boundary(text, length.min(text.len()));
        let head = word_count(&text[..cut]);
        if head >= cap || cut == text.len() {
            return head.min(cap);
        }
        length = length.saturating_mul(2).max(1);
    }
}

/// Whether `text` has more than `limit` runs between whitespace, as `split_whitespace`
/// counts them (a run of CJK is one), reading only as far as the run after the last
/// allowed: asked of every line of a corpus, most of which are long.
pub fn more_runs_than(text: &str, limit: usize) -> bool {
    let bytes = text.as_bytes();
    let (mut runs, mut in_run, mut at) = (0, false, 0);
    while let Some(&b) = bytes.get(at) {
        let (space, len) = if b.is_ascii() {
            (is_ascii_space(b), 1)
        } else {
            // `at` is always at the start of a character.
            text[at..]
                .chars()
                .next()
                .map_or((false, 1), |c| (c.is_whitespace(), c.len_utf8()))
        };
        if !space && !in_run {
            runs += 1;
            if runs > limit {
                return true;
            }
        }
        in_run = !space;
        at += len;
    }
    false
}

/// Whether `text` has more than `limit` words, as [`word_count`] counts them.
pub fn more_words_than(text: &str, limit: usize) -> bool {
    word_count_capped(text, limit.saturating_add(1)) > limit
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::strings_of;

    proptest::proptest! {
        /// The count read by stretches of ASCII is the count of the runs between spaces.
        #[test]
        fn word_count_counts_runs_between_spaces(
            text in strings_of(&[
                ' ', '\t', '\n', 'a', 'Z', '7', '.', '\u{a0}', '\u{3000}', '中', 'é', '’',
            ], 39)
        ) {
            let (mut latin, mut cjk) = (0, 0);
            for run in text.split_whitespace() {
                let han = run.chars().filter(|&c| is_cjk(c)).count();
                cjk += han;
                latin += usize::from(han < run.chars().count());
            }
            proptest::prop_assert_eq!(word_count(&text), latin + (cjk * 2).div_ceil(3));
        }
    }

    #[test]
    fn counts_words_in_latin_and_cjk_text() {
        assert_eq!(word_count("Share - WeChat"), 3);
        assert_eq!(word_count(" two\x0bwords\t"), 2);
        assert_eq!(word_count("   "), 0);
        assert_eq!(word_count("网络空间安全"), 4);
        assert_eq!(word_count("中文 Français"), 3);
    }

    #[test]
    fn word_starts_are_counted_as_pairs_of_a_space_and_a_non_space() {
        let alphabet = b" \t\n\x0b\x0c\r\x08\x0e\x1f!ax~\x7f";
        // Every length up to three words of eight bytes, from a pseudo-random walk.
        let mut state: u64 = 7;
        for length in 0..30 {
            for _ in 0..200 {
                let bytes: Vec<u8> = (0..length)
                    .map(|_| {
                        state = state
                            .wrapping_mul(6_364_136_223_846_793_005)
                            .wrapping_add(1);
                        alphabet[(state >> 33) as usize % alphabet.len()]
                    })
                    .collect();
                let pairs = bytes
                    .windows(2)
                    .filter(|p| is_ascii_space(p[0]) && !is_ascii_space(p[1]))
                    .count();
                assert_eq!(ascii_word_starts(&bytes), pairs, "{bytes:?}");
            }
        }
    }

    #[test]
    fn more_words_than_agrees_with_word_count() {
        // Longer than the prefix first counted, with fewer words in it than asked for.
        let cyrillic = "Прежде всего необходимо рассмотреть ".repeat(12);
        let mixed = format!("{}{}", "Αθήνα ".repeat(40), "中文 ".repeat(30));
        let texts: [&str; 9] = [
            "",
            "one",
            "a b c d e f g h i j k l m n o p q r s t u v w x y z",
            "supercalifragilisticexpialidocious antidisestablishmentarianism words",
            "网络空间安全网络空间安全网络空间安全 and some Latin words after it",
            "中文abc 中文abc 中文abc 中文abc 中文abc 中文abc 中文abc 中文abc",
            "  spaced   out\twords\nacross lines  ",
            &cyrillic,
            &mixed,
        ];
        for text in texts {
            for limit in 0..30 {
                assert_eq!(
                    more_words_than(text, limit),
                    word_count(text) > limit,
                    "{text:?} {limit}"
                );
                assert_eq!(
                    word_count_capped(text, limit),
                    word_count(text).min(limit),
                    "{text:?} {limit}"
                );
            }
        }
    }

    proptest::proptest! {
        /// Read as far as it needs, the count is that of `split_whitespace`.
        #[test]
        fn more_runs_than_counts_as_split_whitespace_does(
            text in strings_of(&[' ', '\t', '\n', '\u{b}', 'a', '.', '\u{a0}', '\u{3000}', '中', 'é'], 30),
            limit in 0usize..12,
        ) {
            proptest::prop_assert_eq!(
                more_runs_than(&text, limit),
                text.split_whitespace().nth(limit).is_some()
            );
        }
    }
}
