//! Small text scans shared by rules.

pub mod chars;
pub mod code;
pub mod code_points;
mod colon;
pub mod hashing;
pub mod line_endings;
pub mod line_index;
pub mod memo;
pub mod mojibake;
pub mod narrow;
mod nfc;
pub mod normalize;
pub mod restructured;
pub mod sentence;
pub mod span;
pub mod width;
mod words;

use std::sync::OnceLock;

use regex::Regex;

use crate::text::span::Span;

pub use colon::split_at_colon;
pub use nfc::{as_composed, is_nfc_quick_yes};
pub(crate) use words::is_ascii_space;
pub use words::{more_runs_than, more_words_than, word_count, word_count_capped};

/// Every Unicode scalar value `keep` keeps, in order: for tests that vouch for each
/// character of a class.
#[cfg(test)]
pub(crate) fn every_char_where(keep: impl Fn(char) -> bool) -> Vec<char> {
    (0..=0x10ffff)
        .filter_map(char::from_u32)
        .filter(|&c| keep(c))
        .collect()
}

/// Strings of up to `max_chars` characters drawn from `alphabet`, for property tests.
#[cfg(test)]
pub(crate) fn strings_of(
    alphabet: &[char],
    max_chars: usize,
) -> impl proptest::strategy::Strategy<Value = String> {
    use proptest::strategy::Strategy;
    proptest::collection::vec(proptest::sample::select(alphabet.to_vec()), 0..=max_chars)
        .prop_map(|chars| chars.into_iter().collect())
}

/// Maximal runs of consecutive characters for which `pred(text, offset, char)` holds.
pub fn char_runs<'a, P>(text: &'a str, mut pred: P) -> impl Iterator<Item = Span> + 'a
where
    P: FnMut(&str, usize, char) -> bool + 'a,
{
    let mut chars = text.char_indices().peekable();
    std::iter::from_fn(move || {
        let (start, c) = chars.by_ref().find(|&(i, c)| pred(text, i, c))?;
        let mut end = start + c.len_utf8();
        while let Some(&(i, c)) = chars.peek() {
            if i != end || !pred(text, i, c) {
                break;
            }
            end += c.len_utf8();
            chars.next();
        }
        Some(Span::new(start, end))
    })
}

/// `0x80` in every byte of a word read eight bytes at a time.
pub const HIGH_BITS: u64 = 0x8080_8080_8080_8080;
/// `0x01` in every byte.
pub const LOW_BITS: u64 = 0x0101_0101_0101_0101;

/// The first eight bytes of `bytes` (at least eight), as a little-endian word.
#[inline]
pub fn load_u64(bytes: &[u8]) -> u64 {
    let mut word = [0; 8];
    word.copy_from_slice(&bytes[..8]);
    u64::from_le_bytes(word)
}

/// The first four bytes of `bytes` (at least four), little-endian.
#[inline]
pub fn load_u32(bytes: &[u8]) -> u32 {
    let mut word = [0; 4];
    word.copy_from_slice(&bytes[..4]);
    u32::from_le_bytes(word)
}

/// The first byte from `from` on that `wanted` accepts, read eight bytes at a time:
/// `may_hold` sets the top bit of some byte of a little-endian word whenever one of its
/// bytes may be wanted, and only such words are looked at byte by byte.
pub fn find_byte(
    bytes: &[u8],
    from: usize,
    may_hold: impl Fn(u64) -> u64,
    wanted: impl Fn(u8) -> bool,
) -> Option<usize> {
    let mut at = from;
    while let Some(chunk) = bytes.get(at..at + 8) {
        if may_hold(load_u64(chunk)) & HIGH_BITS != 0
            && let Some(n) = chunk.iter().position(|&b| wanted(b))
        {
            return Some(at + n);
        }
        at += 8;
    }
    let n = bytes.get(at..)?.iter().position(|&b| wanted(b))?;
    Some(at + n)
}

/// Maximal spans of non-ASCII characters, found without decoding the ASCII between them.
pub fn non_ascii_spans(text: &str) -> impl Iterator<Item = Span> + '_ {
    let bytes = text.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
        let start = find_byte(bytes, at, |word| word, |b| !b.is_ascii())?;
        let end = bytes[start..]
            .iter()
            .position(u8::is_ascii)
            .map_or(bytes.len(), |n| start + n);
        at = end;
        Some(Span::new(start, end))
    })
}

/// [`char_runs`] for a predicate that no ASCII character satisfies: only the non-ASCII
/// characters are decoded and asked about.
pub fn non_ascii_char_runs<'a, P>(text: &'a str, mut pred: P) -> impl Iterator<Item = Span> + 'a
where
    P: FnMut(&str, usize, char) -> bool + 'a,
{
    non_ascii_spans(text).flat_map(move |span| {
        let runs: Vec<Span> = char_runs(&text[span.start..span.end], |_, offset, c| {
            pred(text, span.start + offset, c)
        })
        .map(|run| Span::new(span.start + run.start, span.start + run.end))
        .collect();
        runs
    })
}

/// Offsets of non-ASCII bytes are rare in most corpora: rules that only look at
/// non-ASCII characters skip a document when this is false.
pub fn has_non_ascii(text: &str) -> bool {
    !text.is_ascii()
}

/// `1 file`, `2 files`: a count and its noun, in the plural when it is not one.
pub fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// The character before `offset`, if any.
pub fn char_before(text: &str, offset: usize) -> Option<char> {
    text[..offset].chars().next_back()
}

/// The character starting at `offset`, if any.
pub fn char_after(text: &str, offset: usize) -> Option<char> {
    text[offset..].chars().next()
}

/// Han ideographs, kana and Hangul: scripts written without spaces between words.
pub fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30ff}' | '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{ac00}'..='\u{d7af}' | '\u{f900}'..='\u{faff}')
}

/// The top bit of each byte of `word` (ASCII bytes, so that no sum carries into the next
/// byte) set when the byte is whitespace: a space, or a tab to a carriage return (9 to 13).
pub(crate) fn ascii_space_mask(word: u64) -> u64 {
    let low7 = LOW_BITS * 0x7f;
    let x = word ^ (LOW_BITS * 0x20);
    let is_space = !(((x & low7) + low7) | x) & HIGH_BITS;
    is_space | bytes_within(word, b'\t', b'\r')
}

/// The top bit of each byte of `word` (bytes below 0x80) that lies in `lo..=hi`: adding
/// never carries from one byte into the next.
pub(crate) fn bytes_within(word: u64, lo: u8, hi: u8) -> u64 {
    (word + LOW_BITS * u64::from(0x80 - lo)) & !(word + LOW_BITS * u64::from(0x7f - hi)) & HIGH_BITS
}

/// The width in bytes of the whitespace `text` opens with: its indentation.
pub fn indent_width(text: &str) -> usize {
    text.len() - text.trim_start().len()
}

/// `U+00A0` style notation.
pub fn codepoint(c: char) -> String {
    format!("U+{:04X}", c as u32)
}

/// Shortens `s` to at most `max` characters for messages, marking the cut with `…`.
pub fn ellipsize(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((cut, _)) => format!("{}…", &s[..cut]),
        None => s.to_string(),
    }
}

/// `s` with invisible and non-ASCII space characters written as escapes, for messages.
pub fn escape_invisible(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c == ' '
                || (!c.is_whitespace()
                    && !chars::is_control(c)
                    && !chars::is_escaped_in_messages(c))
            {
                c.to_string()
            } else {
                format!("\\u{{{:x}}}", c as u32)
            }
        })
        .collect()
}

/// Byte offset in `word` where ≥ 2 lower-case letters meet ≥ 2 upper-case letters. An
/// upper-case run followed by lower case gives its last letter to the next word
/// (`BioNTech` is `Bio` + `N` + `Tech`, not glued).
pub fn glued_boundary(word: &str) -> Option<usize> {
    // Most words are ASCII: read as bytes, where the byte offset is the character's.
    if word.is_ascii() {
        let bytes = word.as_bytes();
        return boundary_in(bytes.len(), |i| char::from(bytes[i]), |i| i);
    }
    let chars: Vec<(usize, char)> = word.char_indices().collect();
    boundary_in(chars.len(), |i| chars[i].1, |i| chars[i].0)
}

/// [`glued_boundary`] in a word of `len` characters, the `i`-th of which is
/// `char_at(i)` and starts at byte `offset(i)`.
fn boundary_in(
    len: usize,
    char_at: impl Fn(usize) -> char,
    offset: impl Fn(usize) -> usize,
) -> Option<usize> {
    let mut i = 2;
    while i < len {
        let lower_before = char_at(i - 1).is_lowercase() && char_at(i - 2).is_lowercase();
        if lower_before && char_at(i).is_uppercase() {
            let upper_len = (i..len).take_while(|&j| char_at(j).is_uppercase()).count();
            let followed_by_lower = i + upper_len < len && char_at(i + upper_len).is_lowercase();
            let own = if followed_by_lower {
                upper_len - 1
            } else {
                upper_len
            };
            if own >= 2 {
                return Some(offset(i));
            }
            i += upper_len;
        } else {
            i += 1;
        }
    }
    None
}

/// Whether `text` holds a time of day: `14:32`, `2:32 PM`, `9:05`.
pub fn has_time_of_day(text: &str) -> bool {
    static TIME: OnceLock<Regex> = OnceLock::new();
    // Cheap before the pattern: most text has no colon between digits.
    text.contains(':')
        && TIME
            .get_or_init(|| Regex::new(r"(?-u:\b)[012]?\d:[0-5]\d(?-u:\b)").expect("time pattern"))
            .is_match(text)
}

/// Whether `text` holds an e-mail address in angle brackets: `<jane@example.org>`.
pub fn has_address(text: &str) -> bool {
    text.split('<').skip(1).any(|rest| {
        rest.split_once('>').is_some_and(|(inside, _)| {
            inside.contains('@') && !inside.contains(char::is_whitespace)
        })
    })
}

/// Whether `line` is a `Field: value` line of a structured file (mail and HTTP headers,
/// Debian control and copyright files, Python package metadata): `License: MIT`,
/// `Upstream-Name: dbus`.
pub fn is_field_line(line: &str) -> bool {
    line.split_once(": ").is_some_and(|(name, value)| {
        !value.trim().is_empty()
            && name.starts_with(|c: char| c.is_ascii_uppercase())
            && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
    })
}

/// The number of lines of the header block `text` opens with: two or more `Field: value`
/// lines (mail, Python package metadata), with their indented continuations, up to the
/// first blank line. 0 when it opens otherwise.
pub fn header_lines(text: &str) -> usize {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text.lines();
    if !(lines.next().is_some_and(is_field_line) && lines.next().is_some_and(is_field_line)) {
        return 0;
    }
    text.lines()
        .take_while(|line| is_field_line(line) || line.starts_with([' ', '\t']))
        .count()
}

/// Whether `line` is markup of a structured text, never a line of a page: a
/// reStructuredText directive or comment (`.. image:: logo.png`, `.. _anchor:`), or a row
/// of cells between bars (`| Name | Size |`, the badge row `|PyPI| |CI|`).
pub fn is_markup_line(line: &str) -> bool {
    let line = line.trim();
    if let Some(rest) = line.strip_prefix(".. ") {
        return rest.split_once("::").is_some_and(|(name, _)| {
            !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        }) || (rest.starts_with('_') && rest.ends_with(':'));
    }
    line.len() > 2 && line.starts_with('|') && line.ends_with('|')
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// An ASCII word read as bytes has the boundary it has read as characters.
        #[test]
        fn glued_boundary_of_ascii_reads_bytes_as_characters(word in "[a-zA-Z0-9'-]{0,12}") {
            let chars: Vec<(usize, char)> = word.char_indices().collect();
            let as_chars = boundary_in(chars.len(), |i| chars[i].1, |i| chars[i].0);
            proptest::prop_assert_eq!(glued_boundary(&word), as_chars);
        }
    }

    #[test]
    fn finds_maximal_runs() {
        let text = "a  b   c";
        let runs: Vec<_> = char_runs(text, |_, _, c| c == ' ').collect();
        assert_eq!(runs, [Span::new(1, 3), Span::new(4, 7)]);
    }

    #[test]
    fn finds_header_blocks_and_markup() {
        assert_eq!(
            header_lines("Name: a\nVersion: 1\n  more\n\nBody: text\n"),
            3
        );
        assert_eq!(header_lines("Name: a\nThe body.\n"), 0);
        assert_eq!(header_lines("The body.\nName: a\nVersion: 1\n"), 0);
        for line in [
            ".. image:: logo.png",
            ".. _usage:",
            "|PyPI| |CI|",
            "| a | b |",
        ] {
            assert!(is_markup_line(line), "{line}");
        }
        for line in ["Home | News | Sport", ".. and so on", "|", "Note: text"] {
            assert!(!is_markup_line(line), "{line}");
        }
    }

    #[test]
    fn non_ascii_runs_are_char_runs_of_a_non_ascii_predicate() {
        let is_odd = |_: &str, _: usize, c: char| !c.is_ascii() && (c as u32) % 2 == 1;
        for text in [
            "",
            "ascii only",
            "é",
            "aéb",
            "ééé ñ ü",
            "日本語のテキスト and 中文",
            "\u{a0}\u{a0}x\u{200b}\u{200d}👨\u{200d}👩",
        ] {
            assert_eq!(
                non_ascii_char_runs(text, is_odd).collect::<Vec<_>>(),
                char_runs(text, is_odd).collect::<Vec<_>>(),
                "{text:?}"
            );
            let spans: Vec<&str> = non_ascii_spans(text)
                .map(|s| &text[s.start..s.end])
                .collect();
            assert!(
                spans
                    .iter()
                    .all(|s| !s.is_empty() && !s.contains(|c: char| c.is_ascii()))
            );
            assert_eq!(
                spans.concat().chars().count(),
                text.chars().filter(|c| !c.is_ascii()).count()
            );
        }
    }

    #[test]
    fn find_byte_finds_the_first_wanted_byte() {
        let bytes = b"plain ascii text, then \xc3\xa9 and more plain text \xe2\x80\x99.";
        for from in 0..=bytes.len() {
            let naive = bytes[from..]
                .iter()
                .position(|b| !b.is_ascii())
                .map(|n| from + n);
            assert_eq!(
                find_byte(bytes, from, |w| w, |b| !b.is_ascii()),
                naive,
                "{from}"
            );
        }
        assert_eq!(find_byte(b"", 0, |w| w, |_| true), None);
        assert_eq!(find_byte(b"abc", 5, |w| w, |_| true), None);
    }

    #[test]
    fn escapes_what_cannot_be_seen() {
        assert_eq!(escape_invisible("a\u{a0}b\u{200b}é"), "a\\u{a0}b\\u{200b}é");
        assert_eq!(ellipsize("abcdef", 3), "abc…");
        assert_eq!(ellipsize("abc", 3), "abc");
    }
}
