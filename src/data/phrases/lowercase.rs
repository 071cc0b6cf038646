//! Lines in lower case, as phrases are compared with them.

/// `text` in lower case, as `str::to_lowercase` gives it: most characters are ASCII,
/// whose lower case needs no case tables, even in a line with a curly quote.
pub(super) fn lowercase(text: &str) -> String {
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    // A final sigma lower-cases by its place in the word.
    if text.contains('Σ') {
        return text.to_lowercase();
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else {
            out.extend(c.to_lowercase());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Character by character, the lower case is the one the standard library gives
        /// the whole text.
        #[test]
        fn lowercase_is_the_standard_lower_case(
            text in crate::text::strings_of(&[
                'a', 'Z', ' ', '.', 'É', 'é', 'Σ', 'σ', 'Ω', 'İ', '\u{212a}', 'Ж', '中', '’',
            ], 29)
        ) {
            proptest::prop_assert_eq!(lowercase(&text), text.to_lowercase());
        }
    }
}
