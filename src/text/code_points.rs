//! Characters a text shows on purpose: documentation of a character set gives each one
//! beside its code point (`˛ 02DB OGONEK`, `אַ 0xfb2e alef+patah`, "the composing character
//! 0x0300"), and what the rules would call garbled or decomposed there is the subject.

/// Whether `line` gives the code point of `c` in hexadecimal, as a word of its own with or
/// without a prefix: `U+00AD`, `0xad`, `02DB`.
pub fn names_code_point(line: &str, c: char) -> bool {
    line.split(|c: char| !c.is_ascii_alphanumeric() && c != '+')
        .map(|token| {
            ["U+", "u+", "0x", "0X"]
                .iter()
                .find_map(|prefix| token.strip_prefix(prefix))
                .unwrap_or(token)
        })
        .any(|digits| {
            (MIN_DIGITS..=MAX_DIGITS).contains(&digits.len())
                && u32::from_str_radix(digits, 16).is_ok_and(|n| n == u32::from(c))
        })
}

/// A code point is written with two hexadecimal digits at least (`0xad`)...
const MIN_DIGITS: usize = 2;
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
        ] {
            assert!(!names_code_point(line, '\u{2db}'), "{line}");
        }
    }
}
