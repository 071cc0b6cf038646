//! The columns a line of text takes on a terminal, as Unicode's widths count them, with
//! no table looked up for the characters most lines are made of.

use unicode_width::UnicodeWidthStr;

use crate::text::line_index::floor_char_boundary;
use crate::text::non_ascii_spans;

/// Columns a line takes; printable ASCII, most lines, takes one column a byte.
pub fn display_width(line: &str) -> usize {
    let bytes = line.as_bytes();
    // Every byte is tested, with no early exit: the test then runs over many at a time.
    let no_control = bytes
        .iter()
        .fold(true, |plain, &b| plain & (b >= 0x20 && b != 0x7f));
    if !no_control {
        return line.width();
    }
    if bytes.is_ascii() {
        return bytes.len();
    }
    // Most other lines hold letters with accents and typographic quotes and dashes: a
    // column a character, looked up in no table.
    let vouched =
        non_ascii_spans(line).all(|span| line[span.start..span.end].chars().all(one_column));
    if !vouched {
        return line.width();
    }
    let continuations = bytes.iter().filter(|&&b| b & 0xc0 == 0x80).count();
    bytes.len() - continuations
}

/// The columns `line` takes, or `cap + 1` when it takes more: a long line's head alone is
/// measured when it is wider than `cap` already, since no character is wider than its
/// bytes are many.
pub fn width_up_to(line: &str, cap: usize) -> usize {
    if line.len() <= cap {
        return display_width(line);
    }
    let head = floor_char_boundary(line, (4 * cap).min(line.len()));
    if display_width(&line[..head]) > cap {
        return cap + 1;
    }
    display_width(line).min(cap + 1)
}

/// Characters that take one column whatever stands beside them: printable ASCII, the
/// Latin letters and signs up to the spacing modifiers (but for the soft hyphen), and the
/// general punctuation from the hyphen to the hyphenation point and from the per mille
/// sign to the four-dot mark, none of which joins a ligature, an emoji or a cluster.
fn one_column(c: char) -> bool {
    matches!(c, ' '..='~' | '\u{a0}'..='\u{ac}' | '\u{ae}'..='\u{24f}' | '\u{2010}'..='\u{2027}' | '\u{2030}'..='\u{205e}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_width_of_ascii_is_its_length_as_unicode_width_says() {
        for line in [
            "",
            "plain words",
            "tab\there",
            "bell\x07",
            "del\x7f",
            "~!@#$%^&*()",
        ] {
            assert_eq!(display_width(line), line.width(), "{line:?}");
        }
        assert_eq!(display_width("网络 cafe\u{301}"), 9);
    }

    /// Every character taken as one column is one, alone and beside any other such
    /// character: no pair of them forms a cluster Unicode's widths count otherwise.
    #[test]
    fn one_column_characters_take_one_column_alone_and_in_pairs() {
        let one = crate::text::every_char_where(one_column);
        assert_eq!(one.len(), 95 + 0x1af + 0x18 + 0x2f);
        let mut pair = String::new();
        for &a in &one {
            assert_eq!(a.to_string().width(), 1, "{a:?}");
            for &b in &one {
                pair.clear();
                pair.push(a);
                pair.push(b);
                assert_eq!(pair.width(), 2, "{pair:?}");
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn display_width_is_unicode_width(
            line in crate::text::strings_of(&[
                'a', ' ', '\t', 'é', '’', '—', '\u{ad}', '\u{301}', '\u{200d}', '\u{fe0f}',
                '网', '\u{2028}', '\u{2060}', 'ل', 'ا', '\u{1f44d}', '\u{1f3fd}', '\r', '\n',
            ], 16)
        ) {
            proptest::prop_assert_eq!(display_width(&line), line.width());
        }

        #[test]
        fn width_up_to_a_cap_is_the_width_capped(
            line in crate::text::strings_of(&[
                'a', ' ', '\t', 'é', '’', '—', '\u{ad}', '\u{301}', '\u{200d}', '\u{fe0f}',
                '网', '\u{2028}', '\u{2060}', 'ل', 'ا', '\u{1f44d}', '\u{1f3fd}', '\r', '\n',
            ], 64),
            cap in 0usize..24,
        ) {
            proptest::prop_assert_eq!(width_up_to(&line, cap), line.width().min(cap + 1));
        }
    }
}
