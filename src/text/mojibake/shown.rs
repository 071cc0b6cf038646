//! Mojibake shown on purpose: a text about encodings quotes the garbling it explains (“if
//! accented letters appear as “Ã©” or “Ã¨”, the UTF-8 file was read as ISO-8859-1”).
//! Repairing such an example would make the text say the opposite of what it means.
//!
//! A run is shown, not suffered, when it is a word of its own between quotes; or when it
//! is a word of its own or a quoted word on a line that names a character encoding, and
//! nothing else in the text is garbled. Garbling in running text sits inside words
//! (`cafÃ©`, `donâ€™t`) and is seldom quoted alone, and a tool garbles a whole text, not
//! only the lines that name an encoding.

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;

use crate::text::line_index::floor_char_boundary;
use crate::text::span::Span;

/// How texts name the encodings that garbling comes from (matched without case): the
/// codecs of [`super::codecs`] as people write them, and the word for the damage itself.
const ENCODING_NAMES: [&str; 19] = [
    "utf-8",
    "utf8",
    "latin-1",
    "latin1",
    "iso-8859",
    "iso8859",
    "iso 8859",
    "windows-125",
    "cp125",
    "cp437",
    "cp850",
    "cp866",
    "macroman",
    "mac roman",
    "mac_roman",
    "koi8",
    "code page",
    "codepage",
    "mojibake",
];

/// Characters that open a quotation, and those that close one.
const OPENING: [char; 10] = ['"', '\'', '`', '“', '‘', '«', '„', '‚', '‹', '('];
const CLOSING: [char; 10] = ['"', '\'', '`', '”', '’', '»', '“', '‘', '›', ')'];

static NAMES: LazyLock<Option<AhoCorasick>> = LazyLock::new(|| {
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(ENCODING_NAMES)
        .ok()
});

/// How a run of mojibake may be an example shown on purpose.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shown {
    /// A word of its own between quotes (`“Ã©”`): an example wherever it stands.
    Quoted,
    /// A word of its own, or a quoted word, on a line that names an encoding: an example
    /// unless the text is garbled elsewhere too.
    BesideAnEncoding,
}

/// Whether the run of mojibake at `span` of `text` may be an example shown on purpose.
pub fn shown(text: &str, span: Span) -> Option<Shown> {
    let before = text[..span.start].chars().next_back();
    let after = text[span.end..].chars().next();
    let alone =
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric);
    let quoted =
        before.is_some_and(|c| OPENING.contains(&c)) && after.is_some_and(|c| CLOSING.contains(&c));
    if alone && quoted {
        Some(Shown::Quoted)
    } else if (alone || word_is_quoted(text, span)) && line_names_an_encoding(text, span) {
        Some(Shown::BesideAnEncoding)
    } else {
        None
    }
}

/// Whether the word the run is part of stands between quotes (`"cafÃ©"`). A word is read
/// this many characters on each side at most: a longer one is no quoted example, and a
/// run of text without spaces costs no more than a word.
const MAX_WORD_CHARS: usize = 40;

fn word_is_quoted(text: &str, span: Span) -> bool {
    let in_word = |c: char| !c.is_whitespace() && !OPENING.contains(&c) && !CLOSING.contains(&c);
    let before: Vec<(usize, char)> = text[..span.start]
        .char_indices()
        .rev()
        .take(MAX_WORD_CHARS + 1)
        .take_while(|&(_, c)| in_word(c))
        .collect();
    let after: Vec<(usize, char)> = text[span.end..]
        .char_indices()
        .take(MAX_WORD_CHARS + 1)
        .take_while(|&(_, c)| in_word(c))
        .collect();
    if before.len() > MAX_WORD_CHARS || after.len() > MAX_WORD_CHARS {
        return false;
    }
    let start = before.last().map_or(span.start, |&(at, _)| at);
    let end = after
        .last()
        .map_or(span.end, |&(at, c)| span.end + at + c.len_utf8());
    let opened = text[..start]
        .chars()
        .next_back()
        .is_some_and(|c| OPENING.contains(&c));
    let closed = text[end..]
        .chars()
        .next()
        .is_some_and(|c| CLOSING.contains(&c));
    opened && closed
}

/// Bytes read of the line on each side of a run: a text names the encoding beside its
/// example, and a line of megabytes costs no more than a sentence.
const LINE_WINDOW: usize = 300;

fn line_names_an_encoding(text: &str, span: Span) -> bool {
    let low = floor_char_boundary(text, span.start.saturating_sub(LINE_WINDOW));
    let high = floor_char_boundary(text, (span.end + LINE_WINDOW).min(text.len()));
    let start = text[low..span.start]
        .rfind('\n')
        .map_or(low, |at| low + at + 1);
    let end = text[span.end..high]
        .find('\n')
        .map_or(high, |at| span.end + at);
    NAMES
        .as_ref()
        .is_some_and(|names| names.is_match(&text[start..end]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown_as(line: &str, garbled: &str) -> Option<Shown> {
        let start = line.find(garbled).expect("the garbled run is in the line");
        shown(line, Span::new(start, start + garbled.len()))
    }

    #[test]
    fn an_example_quoted_alone_is_shown() {
        let quoted = Some(Shown::Quoted);
        assert_eq!(shown_as("accents read as “Ã©” here", "Ã©"), quoted);
        assert_eq!(shown_as("it printed \"Ã¨\" instead", "Ã¨"), quoted);
        assert_eq!(shown_as("the `â€™` sequence", "â€™"), quoted);
    }

    #[test]
    fn a_word_of_its_own_or_a_quoted_word_is_shown_where_the_line_names_an_encoding() {
        let beside = Some(Shown::BesideAnEncoding);
        let line = "letters like “Ã©” or Ã¨” mean UTF-8 read as ISO-8859-1";
        assert_eq!(shown_as(line, "Ã¨"), beside);
        let line = "a UTF-8 file read as Latin-1 shows \"cafÃ©\"";
        assert_eq!(shown_as(line, "Ã©"), beside);
        assert_eq!(
            shown_as("In Windows-1252, the dash â€” reads so", "â€"),
            beside
        );
    }

    #[test]
    fn garbling_inside_running_words_is_not_shown() {
        assert_eq!(shown_as("the cafÃ© was closed", "Ã©"), None);
        assert_eq!(shown_as("we donâ€™t know", "â€™"), None);
        // Alone but unquoted, on a line that names no encoding: a garbled dash.
        assert_eq!(shown_as("he said â€” and left", "â€"), None);
        // Inside a word, on a line that names an encoding: still garbled text.
        assert_eq!(shown_as("Die UTF-8-Datei ist ungÃ¼ltig", "Ã¼"), None);
        // Quoted, but glued to the quote inside a longer phrase.
        assert_eq!(shown_as("“Ã©tÃ© chaud” was the headline", "Ã©"), None);
    }

    #[test]
    fn a_long_run_without_spaces_is_read_a_word_and_a_sentence_at_most() {
        // The encoding named far away on one long line, and a "word" of thousands of
        // characters between quotes: neither makes an example.
        let far = format!("UTF-8 {} Ã© {}", "x ".repeat(400), "y ".repeat(400));
        assert_eq!(shown_as(&far, "Ã©"), None);
        let long = format!("UTF-8 \"{}Ã©{}\"", "x".repeat(5000), "y".repeat(5000));
        assert_eq!(shown_as(&long, "Ã©"), None);
        let near = format!("{} UTF-8 shows \"cafÃ©\"", "x ".repeat(5000));
        assert_eq!(shown_as(&near, "Ã©"), Some(Shown::BesideAnEncoding));
    }
}
