//! Characters a text shows on purpose: documentation of a character set gives each one
//! beside its code point (`˛ 02DB OGONEK`, `אַ 0xfb2e alef+patah`, "the composing character
//! 0x0300"), and what the rules would call garbled or decomposed there is the subject.

/// Whether `line` gives the code point of `c`, a character beyond ASCII, in hexadecimal,
/// as a word of its own: with a prefix (`U+00AD`, `0xad`), or bare with four digits or
/// more, one of them a decimal digit (`02DB`; not `CAFE`, a word). An ASCII character's
/// code point is any small number.
pub fn names_code_point(line: &str, c: char) -> bool {
    if c.is_ascii() {
        return false;
    }
    line.split(|c: char| !c.is_ascii_alphanumeric() && c != '+')
        .filter_map(|token| {
            let prefixed = ["U+", "u+", "0x", "0X"]
                .iter()
                .find_map(|prefix| token.strip_prefix(prefix));
            match prefixed {
                Some(digits) => Some(digits),
                None => (token.len() >= MIN_BARE_DIGITS
                    && token.bytes().any(|b| b.is_ascii_digit()))
                .then_some(token),
            }
        })
        .any(|digits| {
            (MIN_DIGITS..=MAX_DIGITS).contains(&digits.len())
                && u32::from_str_radix(digits, 16).is_ok_and(|n| n == u32::from(c))
        })
}

/// A code point is written with two hexadecimal digits at least after a prefix (`0xad`)...
const MIN_DIGITS: usize = 2;
/// ...four without one...
const MIN_BARE_DIGITS: usize = 4;
/// ...and six at most.
const MAX_DIGITS: usize = 6;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_point_is_read_in_every_usual_notation() {
        for line in [
            "˛\t';\t02DB\t0731\tOGONEK",
            "U+02DB is the ogonek",
            "(u+02db)",
            "the ogonek, 0x02DB",
        ] {
            assert!(names_code_point(line, '\u{2db}'), "{line}");
        }
        assert!(names_code_point(
            "\u{ad}\t--\t0xad\t173\tSOFT HYPHEN",
            '\u{ad}'
        ));
    }

    #[test]
    fn other_numbers_are_no_code_point_of_the_character() {
        for line in [
            "˛ 02DC",
            "˛ 731",
            "˛ x02DB",
            "˛ 0x2",
            "˛ 1000002DB",
            "˛ at 12:02 DB",
            "˛ 2DB",
        ] {
            assert!(!names_code_point(line, '\u{2db}'), "{line}");
        }
        // Small numbers and words of hexadecimal letters are no code points.
        assert!(!names_code_point("31.000 paquetes", '1'));
        assert!(!names_code_point("FC Bayern", '\u{fc}'));
        assert!(names_code_point("U+FC", '\u{fc}'));
        assert!(!names_code_point("the cafe", '\u{cafe}'));
    }
}
