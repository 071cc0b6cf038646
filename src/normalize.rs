//! The normalized form of a paragraph that duplicate detection compares: NFC, lower case,
//! whitespace collapsed (U+00A0 and other spaces included), invisible characters dropped,
//! and typographic variants folded (curly quotes to straight, dashes to `-`, `…` to `...`).

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};
use xxhash_rust::xxh3::xxh3_128;

/// A paragraph's normalized form in a few numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Fingerprint {
    /// 128-bit hash of the normalized text: equal keys mean equal normalized text.
    pub key: u128,
    /// Characters in the normalized text.
    pub chars: u32,
    /// Words in the normalized text.
    pub words: u32,
}

/// Writes the normalized form of `text` into `out` (cleared first).
pub fn normalize_into(text: &str, out: &mut String) {
    out.clear();
    if text.is_ascii() {
        normalize_ascii(text, out);
    } else {
        normalize_chars(text, out);
    }
}

/// The common case, most paragraphs of most corpora: words copied whole, then lower-cased
/// in place. Gives what `normalize_chars` gives for ASCII text.
fn normalize_ascii(text: &str, out: &mut String) {
    for word in text
        .split(|c: char| c.is_ascii_whitespace() || c == '\x0b')
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out.make_ascii_lowercase();
    if out.contains('`') {
        *out = out.replace('`', "'");
    }
}

fn normalize_chars(text: &str, out: &mut String) {
    let mut pending_space = false;
    let mut push = |c: char, out: &mut String| {
        if c.is_whitespace() {
            pending_space = !out.is_empty();
            return;
        }
        if is_invisible(c) {
            return;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        match fold(c) {
            Some(folded) => out.push_str(folded),
            None if c.is_ascii() => out.push(c.to_ascii_lowercase()),
            None => out.extend(c.to_lowercase()),
        }
    };
    if is_nfc_quick(text.chars()) == IsNormalized::Yes {
        text.chars().for_each(|c| push(c, out));
    } else {
        text.nfc().for_each(|c| push(c, out));
    }
}

/// The normalized form of `text`, as a new string.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    normalize_into(text, &mut out);
    out
}

/// The fingerprint of `text`, using `buffer` for the normalized form.
pub fn fingerprint(text: &str, buffer: &mut String) -> Fingerprint {
    normalize_into(text, buffer);
    Fingerprint {
        key: xxh3_128(buffer.as_bytes()),
        chars: buffer.chars().count().try_into().unwrap_or(u32::MAX),
        // The normalized form has single spaces between words and none at either end.
        words: if buffer.is_empty() {
            0
        } else {
            (memchr::memchr_iter(b' ', buffer.as_bytes()).count() + 1)
                .try_into()
                .unwrap_or(u32::MAX)
        },
    }
}

fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00ad}' | '\u{200b}'..='\u{200f}' | '\u{2060}' | '\u{feff}'
    )
}

fn fold(c: char) -> Option<&'static str> {
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

    #[test]
    fn the_ascii_path_agrees_with_the_general_one() {
        let samples = [
            "",
            "   ",
            "Plain words.",
            "  Leading and trailing  ",
            "Tabs\tand\r\nCRLF\x0bvertical\x0cfeed",
            "`Quoted` WITH Caps, 1,000 and x\x1fy",
            "a\x00b",
        ];
        for sample in samples {
            let (mut fast, mut general) = (String::new(), String::new());
            normalize_ascii(sample, &mut fast);
            normalize_chars(sample, &mut general);
            assert_eq!(fast, general, "{sample:?}");
        }
    }

    #[test]
    fn equal_normalized_text_gives_equal_keys() {
        let mut buffer = String::new();
        let a = fingerprint("It’s the same  paragraph.", &mut buffer);
        let b = fingerprint("it's the same\u{a0}paragraph.", &mut buffer);
        let c = fingerprint("It is another paragraph.", &mut buffer);
        assert_eq!(a.key, b.key);
        assert_ne!(a.key, c.key);
        assert_eq!((a.words, a.chars), (4, 24));
    }
}
