//! A document: a file's bytes decoded to text, with its line index, structure and
//! paragraphs.

pub mod front_matter;
mod kind;
pub use kind::is_underline;
pub mod markdown;
pub mod paragraphs;
pub mod structure;

use std::path::PathBuf;

use crate::document::paragraphs::{Paragraph, segment_structured};
use crate::document::structure::{Built, LineRole, Structure, is_markdown_path, reads_as_markdown};
use crate::text::chars::is_page_break;
use crate::text::is_nfc_quick_yes;
use crate::text::line_index::LineIndex;
use crate::text::span::Span;

/// Index of a document in its corpus (documents are sorted by path).
pub type DocId = usize;

/// How much of the start of a file is looked at to tell text from binary data.
const SNIFF_LEN: usize = 8 * 1024;

/// A run of bytes that is not valid UTF-8, and the U+FFFD that stands for it in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidSequence {
    /// Offset of the first invalid byte in the file.
    pub file_offset: usize,
    /// The invalid bytes, as found in the file.
    pub bytes: Vec<u8>,
    /// Where the replacement character stands in the decoded text.
    pub text_span: Span,
}

/// What the file's bytes turned out to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TextEncoding {
    /// Valid UTF-8 (possibly with a BOM, which is kept in the text): text and file bytes coincide.
    Utf8,
    /// UTF-8 with invalid sequences, decoded lossily; `guess` is the likelier real encoding.
    Utf8Lossy {
        invalid: Vec<InvalidSequence>,
        guess: &'static encoding_rs::Encoding,
    },
    /// UTF-16, found by its byte-order mark or by the pattern of its NUL bytes.
    Utf16 {
        encoding: &'static encoding_rs::Encoding,
        bom: bool,
    },
    /// NUL bytes that are not UTF-16: not text. The document's text is empty.
    Binary,
}

#[derive(Debug)]
pub struct Document {
    /// The path as discovered (relative paths stay relative).
    pub path: PathBuf,
    /// How the document is shown when not as its path (a record, a path not in UTF-8):
    /// a corpus holds every document while it is checked, each path once.
    shown: Option<Box<str>>,
    /// The decoded text; for valid UTF-8 it is the file's bytes.
    pub text: String,
    /// The file's bytes, kept only when they differ from `text`.
    raw: Option<Vec<u8>>,
    pub encoding: TextEncoding,
    /// Whether Unicode's quick check proves the whole text is in NFC: every part of it
    /// then is, and no paragraph is checked again.
    pub composed: bool,
    pub lines: LineIndex,
    /// What each line is; Markdown files are read as Markdown.
    pub structure: Structure,
    pub paragraphs: Vec<Paragraph>,
    /// Where the document came from when it is a record of a JSON Lines shard rather
    /// than a file of its own (boxed: most documents are files).
    pub record: Option<Box<Record>>,
}

/// A document read from one line of a JSON Lines shard.
///
/// Its `path` is the shard's path with the record's line number below it
/// (`data/part-0.jsonl/17`): no such file exists, but per-folder logic sees the records
/// of a shard as one folder, and nothing is ever read or written there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// The shard, as discovered (`-` for standard input).
    pub shard: PathBuf,
    /// 1-based line of the record in the shard.
    pub line: usize,
    /// The record's id field, else its line number.
    pub id: String,
    /// The record's other fields with a scalar value (strings, numbers, booleans), as
    /// text, in the record's order.
    pub fields: Vec<(String, String)>,
    /// The fields that are the record's provenance, under the names front matter uses
    /// (`title`, `author`, `date`, `source`): those `[jsonl]` names, when set.
    pub provenance: Vec<(String, String)>,
}

impl Document {
    pub fn from_bytes(path: PathBuf, bytes: Vec<u8>) -> Self {
        Self::build(path, bytes, None)
    }

    /// Like [`Document::from_bytes`], with the paragraphs of these same bytes known from
    /// an earlier run.
    pub fn with_paragraphs(path: PathBuf, bytes: Vec<u8>, paragraphs: Vec<Paragraph>) -> Self {
        Self::build(path, bytes, Some(paragraphs))
    }

    fn build(path: PathBuf, bytes: Vec<u8>, paragraphs: Option<Vec<Paragraph>>) -> Self {
        let shown = path
            .to_str()
            .is_none()
            .then(|| path.to_string_lossy().into());
        let (text, raw, encoding) = decode(bytes);
        let composed = is_nfc_quick_yes(&text);
        let lines = LineIndex::new(&text);
        let built = structure_of(
            &text,
            &lines,
            is_markdown_path(&path) || reads_as_markdown(&text),
        );
        let paragraphs =
            paragraphs.unwrap_or_else(|| segment_structured(&text, &lines, &built, composed));
        Self {
            path,
            shown,
            text,
            raw,
            encoding,
            composed,
            lines,
            structure: built.structure,
            paragraphs,
            record: None,
        }
    }

    /// A copy of the document, when it is what [`Document::from_bytes`] makes of its own
    /// path and text: valid UTF-8 of a file, shown by its path. A fix that leaves such a
    /// document as it was takes it so, its text not segmented again.
    pub fn copy_as_rebuilt(&self) -> Option<Self> {
        let as_read = self.encoding == TextEncoding::Utf8
            && self.raw.is_none()
            && self.record.is_none()
            && self.display() == self.path.to_string_lossy();
        as_read.then(|| Self {
            path: self.path.clone(),
            shown: self.shown.clone(),
            text: self.text.clone(),
            raw: None,
            encoding: TextEncoding::Utf8,
            composed: self.composed,
            lines: self.lines.clone(),
            structure: self.structure.clone(),
            paragraphs: self.paragraphs.clone(),
            record: None,
        })
    }

    /// A record of a JSON Lines shard: its text is read as plain text, and it is shown as
    /// `SHARD#ID`.
    pub fn from_record(record: Record, text: String) -> Self {
        let path = record.shard.join(record.line.to_string());
        let mut doc = Self::from_bytes(path, text.into_bytes());
        doc.show_as(format!("{}#{}", record.shard.to_string_lossy(), record.id));
        doc.record = Some(Box::new(record));
        doc
    }

    /// The path as printed in diagnostics.
    pub fn display(&self) -> &str {
        // A path that is not UTF-8 has `shown` set.
        let shown = self.shown.as_deref();
        shown.or(self.path.to_str()).unwrap_or_default()
    }

    /// Shows the document as `name` instead of its path.
    pub fn show_as(&mut self, name: impl Into<Box<str>>) {
        self.shown = Some(name.into());
    }

    /// The file on disk the document was read from: the shard of a record, else `path`.
    pub fn file_path(&self) -> &std::path::Path {
        match &self.record {
            Some(record) => &record.shard,
            None => &self.path,
        }
    }

    /// The index of the paragraph that holds the 0-based `line`; none for a blank line
    /// between paragraphs.
    pub fn paragraph_of_line(&self, line: usize) -> Option<usize> {
        let at = self.paragraphs.partition_point(|p| p.last_line() < line);
        self.paragraphs
            .get(at)
            .filter(|p| p.first_line() <= line)
            .map(|_| at)
    }

    /// Whether the 0-based `line` is one of several lines of one paragraph: a piece of a
    /// hard-wrapped paragraph, of a Markdown paragraph or list item over several lines.
    pub fn wraps_line(&self, line: usize) -> bool {
        self.paragraph_of_line(line)
            .is_some_and(|p| self.paragraphs[p].first_line() != self.paragraphs[p].last_line())
    }

    /// Whether paragraph `para` is a Markdown code or HTML block: text shown as written,
    /// never a duplicate of prose.
    pub fn is_verbatim_paragraph(&self, para: usize) -> bool {
        self.paragraphs.get(para).is_some_and(|p| {
            matches!(
                self.structure.role(p.first_line()),
                LineRole::Code | LineRole::Html
            )
        })
    }

    /// The file's bytes as read from disk.
    pub fn raw_bytes(&self) -> &[u8] {
        self.raw.as_deref().unwrap_or(self.text.as_bytes())
    }

    pub fn is_text(&self) -> bool {
        self.encoding != TextEncoding::Binary
    }

    /// Invalid UTF-8 sequences of the file, empty when it decoded cleanly.
    pub fn invalid_sequences(&self) -> &[InvalidSequence] {
        match &self.encoding {
            TextEncoding::Utf8Lossy { invalid, .. } => invalid,
            _ => &[],
        }
    }

    /// Byte ranges of every line, terminators excluded.
    pub fn line_spans(&self) -> impl Iterator<Item = Span> + '_ {
        self.lines
            .lines(&self.text)
            .map(|(start, end)| Span::new(start, end))
    }

    /// The lines that hold more than white space, as (0-based line, span), but those
    /// `left_out` names.
    pub fn content_lines(&self, left_out: impl Fn(usize) -> bool) -> Vec<(usize, Span)> {
        self.line_spans()
            .enumerate()
            .filter(|&(i, span)| !left_out(i) && !self.slice(span).trim().is_empty())
            .collect()
    }

    pub fn slice(&self, span: Span) -> &str {
        &self.text[span.start..span.end]
    }

    /// The span of the whole 0-based lines `first..=last`, without the last line break.
    pub fn lines_span(&self, first: usize, last: usize) -> Span {
        Span::new(
            self.lines.line_start(first),
            self.lines.line_end(last, &self.text),
        )
    }

    /// The text of the 0-based `line`, without its line break.
    pub fn line_text(&self, line: usize) -> &str {
        self.slice(self.lines_span(line, line))
    }

    /// Whether a line follows the 0-based `line` and opens with a lower-case letter (its
    /// indent aside): where a sentence cut by hard wrapping goes on.
    pub fn next_line_goes_on_in_lower_case(&self, line: usize) -> bool {
        line + 1 < self.line_count()
            && self
                .line_text(line + 1)
                .trim_start()
                .starts_with(char::is_lowercase)
    }

    /// Number of lines of the text.
    pub fn line_count(&self) -> usize {
        self.lines.line_count()
    }

    /// Whether the 0-based `line` is empty or holds only whitespace.
    pub fn is_blank_line(&self, line: usize) -> bool {
        self.line_text(line).trim().is_empty()
    }

    /// Whether the 0-based `line` is a page break: a form feed alone on it (see
    /// [`is_page_break`]).
    pub fn is_page_break_line(&self, line: usize) -> bool {
        is_page_break(self.line_text(line))
    }

    /// Whether only blank lines lie between the 0-based lines `a` and `b` (`a < b`).
    pub fn only_blank_between(&self, a: usize, b: usize) -> bool {
        (a + 1..b).all(|line| self.is_blank_line(line))
    }

    /// What to delete to remove the 0-based lines `first..=last` and leave the layout
    /// around them as it was: a block of lines that stood on its own goes with the blank
    /// lines after it; lines inside a block go alone, so the block keeps its separator;
    /// lines at the end go with the blank lines before them, and the text keeps its final
    /// line break if it had one.
    pub fn removal_span(&self, first: usize, last: usize) -> Span {
        let count = self.lines.line_count();
        let next = (last + 1..count).find(|&line| !self.is_blank_line(line));
        let stands_alone = first == 0 || self.is_blank_line(first - 1);
        match next {
            Some(next) if stands_alone => {
                Span::new(self.lines.line_start(first), self.lines.line_start(next))
            }
            Some(_) => Span::new(
                self.lines.line_start(first),
                self.lines.line_start(last + 1),
            ),
            None => match (0..first).rev().find(|&line| !self.is_blank_line(line)) {
                Some(previous) => {
                    let end = self.text.len();
                    let ending = if self.text.ends_with("\r\n") {
                        2
                    } else {
                        usize::from(self.text.ends_with(['\n', '\r']))
                    };
                    let start = self.lines.line_end(previous, &self.text);
                    Span::new(start, (end - ending).max(start))
                }
                None => Span::new(0, self.text.len()),
            },
        }
    }
}

/// The structure of `text`, read as Markdown when `markdown` is true.
fn structure_of(text: &str, lines: &LineIndex, markdown: bool) -> Built {
    let front_matter_lines = match front_matter::parse(text) {
        Some(Ok(front)) => (front.last_line + 1).min(lines.line_count()),
        _ => 0,
    };
    if !markdown {
        return Built {
            structure: Structure::plain(front_matter_lines),
            block_starts: Vec::new(),
        };
    }
    let parsed = markdown::parse(text, lines, front_matter_lines);
    Built {
        structure: Structure::markdown(
            front_matter_lines,
            parsed.roles,
            parsed.verbatim,
            parsed.hard_breaks,
        ),
        block_starts: parsed.block_starts,
    }
}

fn decode(bytes: Vec<u8>) -> (String, Option<Vec<u8>>, TextEncoding) {
    if let Some((encoding, bom_len)) = encoding_rs::Encoding::for_bom(&bytes)
        && encoding != encoding_rs::UTF_8
    {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        let text = text.into_owned();
        return (
            text,
            Some(bytes),
            TextEncoding::Utf16 {
                encoding,
                bom: true,
            },
        );
    }
    let head = &bytes[..bytes.len().min(SNIFF_LEN)];
    if memchr::memchr(0, head).is_some()
        && (utf16_without_bom(head).is_some() || looks_binary(head))
    {
        return match utf16_without_bom(head) {
            Some(encoding) => {
                let (text, _) = encoding.decode_without_bom_handling(&bytes);
                (
                    text.into_owned(),
                    Some(bytes),
                    TextEncoding::Utf16 {
                        encoding,
                        bom: false,
                    },
                )
            }
            None => (String::new(), Some(bytes), TextEncoding::Binary),
        };
    }
    match String::from_utf8(bytes) {
        Ok(text) => (text, None, TextEncoding::Utf8),
        Err(err) => {
            let bytes = err.into_bytes();
            let (text, invalid) = decode_lossy(&bytes);
            let guess = guess_legacy_encoding(&bytes, &invalid);
            (
                text,
                Some(bytes),
                TextEncoding::Utf8Lossy { invalid, guess },
            )
        }
    }
}

/// Decodes like `String::from_utf8_lossy`, remembering where each replacement came from.
fn decode_lossy(bytes: &[u8]) -> (String, Vec<InvalidSequence>) {
    let mut text = String::with_capacity(bytes.len() + 16);
    let mut invalid = Vec::new();
    for chunk in bytes.utf8_chunks() {
        text.push_str(chunk.valid());
        let bad = chunk.invalid();
        if !bad.is_empty() {
            let file_offset = bad.as_ptr() as usize - bytes.as_ptr() as usize;
            let start = text.len();
            text.push(char::REPLACEMENT_CHARACTER);
            invalid.push(InvalidSequence {
                file_offset,
                bytes: bad.to_vec(),
                text_span: Span::new(start, text.len()),
            });
        }
    }
    (text, invalid)
}

/// Below this many invalid bytes there is too little evidence to tell single-byte
/// encodings apart, and windows-1252, the most common of them, is the better guess.
const MIN_EVIDENCE_BYTES: usize = 8;

/// The legacy encoding the invalid bytes most likely are in.
fn guess_legacy_encoding(
    bytes: &[u8],
    invalid: &[InvalidSequence],
) -> &'static encoding_rs::Encoding {
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let guess = detector.guess(None, chardetng::Utf8Detection::Deny);
    let evidence: usize = invalid.iter().map(|seq| seq.bytes.len()).sum();
    if guess.is_single_byte() && evidence < MIN_EVIDENCE_BYTES {
        encoding_rs::WINDOWS_1252
    } else {
        guess
    }
}

/// Binary data (images, archives, compiled files) is dense in control bytes: about one byte
/// in eight of compressed data. Text with a stray NUL or two is text with control
/// characters, which `control-character` reports.
fn looks_binary(head: &[u8]) -> bool {
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c | 0x1b))
        .count();
    controls * 100 > head.len()
}

/// UTF-16 text without a BOM has a NUL in nearly every other byte when it is mostly ASCII.
fn utf16_without_bom(head: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let pairs = head.len() / 2;
    if pairs < 2 {
        return None;
    }
    let zero_at = |parity: usize| {
        head.chunks_exact(2)
            .filter(|pair| pair[parity] == 0 && pair[1 - parity] != 0)
            .count()
    };
    let threshold = pairs * 7 / 10;
    if zero_at(1) >= threshold {
        Some(encoding_rs::UTF_16LE)
    } else if zero_at(0) >= threshold {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(bytes: &[u8]) -> Document {
        Document::from_bytes("t.txt".into(), bytes.to_vec())
    }

    #[test]
    fn a_copy_as_rebuilt_is_the_document_its_text_makes() {
        for text in [
            "héllo\n\nA second paragraph.\n",
            "\u{feff}# Title\n\n* item\n",
        ] {
            for name in ["t.txt", "t.md"] {
                let read = Document::from_bytes(name.into(), text.as_bytes().to_vec());
                let rebuilt = Document::from_bytes(name.into(), read.text.clone().into_bytes());
                let copy = read.copy_as_rebuilt().expect("valid UTF-8 of a file");
                assert_eq!(format!("{copy:?}"), format!("{rebuilt:?}"));
            }
        }
        // Its text would be read otherwise: not copied.
        assert!(load(b"caf\xe9\n").copy_as_rebuilt().is_none());
        assert!(load(b"\xff\xfeh\x00i\x00").copy_as_rebuilt().is_none());
        let record = Record {
            shard: "part.jsonl".into(),
            line: 1,
            id: "1".into(),
            fields: Vec::new(),
            provenance: Vec::new(),
        };
        let record = Document::from_record(record, "Text.\n".into());
        assert!(record.copy_as_rebuilt().is_none());
    }

    #[test]
    fn valid_utf8_keeps_no_copy_of_the_bytes() {
        let doc = load("héllo\n".as_bytes());
        assert_eq!(doc.encoding, TextEncoding::Utf8);
        assert_eq!(doc.raw_bytes(), "héllo\n".as_bytes());
        assert!(doc.raw.is_none());
    }

    #[test]
    fn invalid_utf8_is_decoded_lossily_with_file_offsets() {
        let doc = load(b"caf\xe9 cr\xe8me br\xfbl\xe9e, na\xefve fa\xe7ade\n");
        assert_eq!(
            doc.text,
            "caf\u{fffd} cr\u{fffd}me br\u{fffd}l\u{fffd}e, na\u{fffd}ve fa\u{fffd}ade\n"
        );
        let invalid = doc.invalid_sequences();
        assert_eq!(invalid.len(), 6);
        assert_eq!(invalid[0].file_offset, 3);
        assert_eq!(invalid[0].bytes, vec![0xe9]);
        assert_eq!(doc.slice(invalid[0].text_span), "\u{fffd}");
        match doc.encoding {
            TextEncoding::Utf8Lossy { guess, .. } => assert_eq!(guess.name(), "windows-1252"),
            ref other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn utf16_is_found_with_and_without_bom() {
        let mut le = vec![0xff, 0xfe];
        for unit in "hi there".encode_utf16() {
            le.extend(unit.to_le_bytes());
        }
        let doc = load(&le);
        assert_eq!(doc.text, "hi there");
        assert!(matches!(
            doc.encoding,
            TextEncoding::Utf16 { bom: true, .. }
        ));

        let doc = load(&le[2..]);
        assert_eq!(doc.text, "hi there");
        assert!(matches!(
            doc.encoding,
            TextEncoding::Utf16 { bom: false, .. }
        ));
    }

    #[test]
    fn removal_takes_the_blank_lines_with_it() {
        let doc = load(b"one\n\ntwo\n\nthree\n");
        assert_eq!(doc.slice(doc.removal_span(2, 2)), "two\n\n");
        assert_eq!(doc.slice(doc.removal_span(4, 4)), "\n\nthree");
        assert_eq!(doc.slice(doc.removal_span(0, 0)), "one\n\n");
        // Inside a block, the lines go alone and the block keeps its blank line.
        let block = load(b"title\ncaption\n\nbody\n");
        assert_eq!(block.slice(block.removal_span(1, 1)), "caption\n");
        let unterminated = load(b"body\n\nfooter");
        assert_eq!(
            unterminated.slice(unterminated.removal_span(2, 2)),
            "\n\nfooter"
        );
        assert_eq!(doc.slice(doc.lines_span(0, 2)), "one\n\ntwo");
        let only = load(b"only line");
        assert_eq!(only.slice(only.removal_span(0, 0)), "only line");
    }

    #[test]
    fn nul_bytes_that_are_not_utf16_are_binary() {
        let doc = load(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00");
        assert_eq!(doc.encoding, TextEncoding::Binary);
        assert_eq!(doc.text, "");
    }

    #[test]
    fn a_stray_nul_in_prose_leaves_it_text() {
        let mut bytes = "A sentence of ordinary prose, long enough to read as text. ".repeat(4);
        bytes.insert(40, '\0');
        let doc = load(bytes.as_bytes());
        assert_eq!(doc.encoding, TextEncoding::Utf8);
        assert!(doc.text.contains('\0'));
        let zeros = load(&[0; 64]);
        assert_eq!(zeros.encoding, TextEncoding::Binary);
    }
}
