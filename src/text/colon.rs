//! The first colon of a line, searched by byte.

/// The full-width colon of CJK text, `：`.
const FULL_WIDTH_COLON: &str = "\u{ff1a}";

/// `text` split at its first colon, ASCII or full-width (`Autor: Max`, `来源：新华网`),
/// without the colon: as `text.split_once([':', '：'])`, but searched by byte, for the
/// many lines of prose read only to find that they hold none.
pub fn split_at_colon(text: &str) -> Option<(&str, &str)> {
    let bytes = text.as_bytes();
    let lead = FULL_WIDTH_COLON.as_bytes()[0];
    let mut from = 0;
    while let Some(at) = memchr::memchr2(b':', lead, &bytes[from..]).map(|i| from + i) {
        if bytes[at] == b':' {
            return Some((&text[..at], &text[at + 1..]));
        }
        if bytes[at..].starts_with(FULL_WIDTH_COLON.as_bytes()) {
            return Some((&text[..at], &text[at + FULL_WIDTH_COLON.len()..]));
        }
        from = at + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Searched by byte, the first colon is the one `split_once` finds.
        #[test]
        fn split_at_colon_is_split_once_at_either_colon(
            text in crate::text::strings_of(
                &['a', ' ', ':', '：', '\u{ff1b}', '\u{ef}', 'é', '新'],
                23,
            )
        ) {
            proptest::prop_assert_eq!(split_at_colon(&text), text.split_once([':', '：']));
        }
    }
}
