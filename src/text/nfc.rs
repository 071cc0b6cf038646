//! Whether a text is in Unicode's NFC, proved by the quick check without asking the
//! tables about the characters most texts are made of.

use unicode_normalization::UnicodeNormalization;

use super::non_ascii_spans;

/// What `read` makes of `text` in NFC: of `text` as it stands when it is `known_composed`
/// (a part of a text the quick check proved composed) or the quick check proves it so,
/// else of a composed copy (rare: decomposed letters).
pub fn as_composed<R>(text: &str, known_composed: bool, read: impl FnOnce(&str) -> R) -> R {
    if known_composed || is_nfc_quick_yes(text) {
        read(text)
    } else {
        read(&text.nfc().collect::<String>())
    }
}

/// Whether Unicode's quick check proves `text` is in NFC. Only non-ASCII characters can
/// break NFC, and an ASCII character between them resets the check, so only the spans of
/// non-ASCII characters are checked, and of those only the ones holding a character that
/// [`always_composed`] does not vouch for.
pub fn is_nfc_quick_yes(text: &str) -> bool {
    non_ascii_spans(text).all(|span| {
        let span = &text[span.start..span.end];
        span.chars().all(always_composed)
            || unicode_normalization::is_nfc_quick(span.chars())
                == unicode_normalization::IsNormalized::Yes
    })
}

/// Characters that are in NFC wherever they stand and combine with nothing before them
/// (NFC_Quick_Check Yes, canonical combining class 0): every character below the
/// combining diacritical marks (Latin letters with their accents), and the general
/// punctuation a page's quotes and dashes come from, but for the two quads, which NFC
/// maps to spaces. The Unicode tables are asked only of spans holding other characters.
fn always_composed(c: char) -> bool {
    matches!(c, '\0'..='\u{2ff}' | '\u{2002}'..='\u{206f}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_nfc_quick_check_by_spans_agrees_with_the_whole_text() {
        use unicode_normalization::{IsNormalized, is_nfc_quick};
        for text in [
            "",
            "ascii",
            "café",
            "cafe\u{301}",
            "a\u{301}\u{300} b\u{327}",
            "\u{301}starts with a mark",
            "e\u{323}\u{302} and é",
            "한국어 텍스트 and 日本語",
            "\u{1100}\u{1161} jamo",
        ] {
            assert_eq!(
                is_nfc_quick_yes(text),
                is_nfc_quick(text.chars()) == IsNormalized::Yes,
                "{text:?}"
            );
        }
    }

    #[test]
    fn characters_vouched_for_are_composed_and_combine_with_nothing() {
        use unicode_normalization::char::canonical_combining_class;
        use unicode_normalization::{IsNormalized, is_nfc_quick};
        let vouched = crate::text::every_char_where(always_composed);
        assert_eq!(vouched.len(), 0x300 + 0x6e);
        for c in vouched {
            assert_eq!(is_nfc_quick(std::iter::once(c)), IsNormalized::Yes, "{c:?}");
            assert_eq!(canonical_combining_class(c), 0, "{c:?}");
        }
    }

    proptest::proptest! {
        /// Spans of characters vouched for are taken as composed, the others asked of
        /// the Unicode tables: the answer is the tables' for the whole text.
        #[test]
        fn the_quick_check_answers_as_the_tables_do(
            text in crate::text::strings_of(&[
                'a', ' ', 'é', 'e', '\u{301}', '\u{327}', '’', '“', '\u{2000}', '\u{2001}',
                '\u{2002}', '\u{2ff}', '\u{300}', '\u{340}', '한', '\u{1100}', '\u{1161}',
                '\u{212b}', 'Å',
            ], 24)
        ) {
            proptest::prop_assert_eq!(
                is_nfc_quick_yes(&text),
                unicode_normalization::is_nfc_quick(text.chars())
                    == unicode_normalization::IsNormalized::Yes
            );
        }

        /// A text the quick check proves composed holds only composed parts: a document
        /// that passes is not checked again paragraph by paragraph.
        #[test]
        fn every_part_of_a_composed_text_is_composed(
            text in crate::text::strings_of(&[
                'a', ' ', 'é', 'e', '\u{301}', '\u{323}', '\u{302}', '\u{327}', '’', '\u{2001}',
                '한', '\u{1100}', '\u{1161}', '\u{11a8}', 'Å', '\u{212b}', '\n',
            ], 24)
        ) {
            if is_nfc_quick_yes(&text) {
                let cuts: Vec<usize> = text.char_indices().map(|(at, _)| at).chain([text.len()]).collect();
                for (i, &start) in cuts.iter().enumerate() {
                    for &end in &cuts[i..] {
                        proptest::prop_assert!(is_nfc_quick_yes(&text[start..end]), "{:?}", &text[start..end]);
                    }
                }
            }
        }
    }
}
