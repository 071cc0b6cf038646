//! The canonical form of a cleaned document: UTF-8 without BOM, LF, NFC, plain spaces,
//! no invisible or control characters, no trailing whitespace, each paragraph on one line,
//! paragraphs separated by exactly one blank line, exactly one final newline. Curly
//! quotes, CJK text and accents stay as they are.

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

use crate::document::paragraphs::segment;
use crate::text::chars::{is_break, is_control, is_dropped_from_canonical, is_unusual_space};
use crate::text::is_cjk;
use crate::text::line_index::LineIndex;

/// The canonical form of `text`.
pub fn canonical(text: &str) -> String {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let nfc: String = if is_nfc_quick(text.chars()) == IsNormalized::Yes {
        text.to_string()
    } else {
        text.nfc().collect()
    };
    // Characters first: line breaks to `\n`, spaces to ` `, invisible and control
    // characters out.
    let mut cleaned = String::with_capacity(nfc.len());
    let mut chars = nfc.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    cleaned.push('\n');
                }
            }
            '\n' => cleaned.push('\n'),
            '\t' => cleaned.push(' '),
            c if is_break(c) => cleaned.push('\n'),
            c if is_unusual_space(c) => cleaned.push(' '),
            c if is_control(c) || is_dropped_from_canonical(c) => {}
            c => cleaned.push(c),
        }
    }
    // Then paragraphs: each on one line, its words separated by single spaces.
    let lines = LineIndex::new(&cleaned);
    let mut out = String::with_capacity(cleaned.len());
    for paragraph in segment(&cleaned, &lines) {
        let mut line = String::new();
        for source_line in cleaned[paragraph.span.start..paragraph.span.end].split('\n') {
            let words = source_line.split(' ').filter(|w| !w.is_empty());
            let collapsed = words.collect::<Vec<_>>().join(" ");
            if collapsed.is_empty() {
                continue;
            }
            let glue = match (line.chars().next_back(), collapsed.chars().next()) {
                (None, _) => "",
                // Hard-wrapped CJK text joins without a space.
                (Some(a), Some(b)) if is_cjk(a) && is_cjk(b) => "",
                _ => " ",
            };
            line.push_str(glue);
            line.push_str(&collapsed);
        }
        if line.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(&line);
    }
    if !out.is_empty() {
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes_characters_and_layout() {
        let text = "\u{feff}Title\r\nBy\u{a0} Jane  Doe \r\n\r\n\r\nFirst\u{200b} paragraph.\tDone.\nSecond line per paragraph.";
        assert_eq!(
            canonical(text),
            "Title\n\nBy Jane Doe\n\nFirst paragraph. Done.\n\nSecond line per paragraph.\n"
        );
    }

    #[test]
    fn joins_hard_wrapped_lines_and_keeps_characters() {
        let text = "It was the best of times, it was the worst of times, it was the age\nof wisdom, it was the age of foolishness, it was the epoch of “belief”,\nit was the epoch of incredulity — clichés, Français.\n";
        assert_eq!(
            canonical(text),
            "It was the best of times, it was the worst of times, it was the age of wisdom, it was the age of foolishness, it was the epoch of “belief”, it was the epoch of incredulity — clichés, Français.\n"
        );
        let nfd: String = "café".nfd().collect();
        assert_eq!(canonical(&nfd), "café\n");
        // Spaces between CJK words on a line stay; a hard wrap between CJK lines goes.
        assert_eq!(canonical("上海 北京  and 上海"), "上海 北京 and 上海\n");
        let wrapped = "网络空间安全不能仅仅从信息技术和网络安全的角度来狭义\n地定义，而应该提升到战略高度来考虑，作为国家安全的问\n题，而不仅仅是技术问题。\n";
        assert_eq!(
            canonical(wrapped),
            "网络空间安全不能仅仅从信息技术和网络安全的角度来狭义地定义，而应该提升到战略高度来考虑，作为国家安全的问题，而不仅仅是技术问题。\n"
        );
    }

    #[test]
    fn is_idempotent() {
        for text in [
            "",
            "\n\n",
            "a",
            "a\nb\n\n\nc",
            "网络空间安全不能仅仅从信息技术和网络安全的角度来狭义\n地定义，而应该提升到战略高度来考虑，作为国家安全的问\n题，而不仅仅是技术问题。\n",
        ] {
            let once = canonical(text);
            assert_eq!(canonical(&once), once, "{text:?}");
        }
        assert_eq!(canonical(""), "");
    }
}
