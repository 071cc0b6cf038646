use crate::diagnostic::edit::{Edit, Fix};
use crate::diagnostic::{Family, Related, Severity};
use crate::diagnostic::{FixAvailability, Rule};
use crate::document::{Document, InvalidSequence, TextEncoding};
use crate::rules::check::{Check, Lint, Reporter};
use crate::rules::document_context::DocumentContext;
use crate::text::span::Span;

pub const RULE: Rule = Rule {
    code: "E001",
    name: "invalid-utf8",
    family: Family::Encoding,
    severity: Severity::Error,
    fix: FixAvailability::Sometimes,
    opt_in: false,
    summary: "The file is not valid UTF-8 (bytes of another encoding, or UTF-16)",
    docs: r#"## What it does
Reports files whose bytes are not valid UTF-8: stray bytes of a legacy encoding
(windows-1252, latin-1, GBK, Shift_JIS...) or a whole file in UTF-16. The message gives
the byte offset of the first invalid sequence, how many there are, and the encoding the
bytes most likely are in (guessed with chardetng over the whole file). Other rules run on
a lossy decoding, where each invalid sequence stands as U+FFFD.

## Why it matters
Tools that read the corpus either fail on such a file or silently replace the bytes,
losing the characters for good. The mistake usually comes from concatenating files
saved in different encodings.

## Example
The bytes `caf\xe9` (windows-1252 for `café`) in an otherwise UTF-8 file:

    invalid UTF-8: byte 0xE9 at offset 3 (1 invalid sequence; the bytes look like windows-1252)

## Fix
Unsafe: re-decode the invalid bytes with the guessed encoding (`caf\xe9` → `café`). For a
single-byte guess each invalid sequence is decoded on its own, so valid UTF-8 around it
is untouched; for a multi-byte guess (GBK, Shift_JIS...) the whole file is re-decoded.
A UTF-16 file is reported without an edit: `corpuslint fix` always writes UTF-8.

## Configuration
None. Silence with `--ignore E001`.
"#,
};

/// The rule with its check, as the registry lists it.
pub const LINT: Lint = Lint {
    rule: &RULE,
    check: Check::Document(check),
};

/// At most this many further invalid sequences are shown as related locations.
const MAX_RELATED: usize = 9;

fn check(context: &DocumentContext, report: &mut Reporter) {
    let doc = context.doc;
    match &doc.encoding {
        TextEncoding::Utf8Lossy { invalid, guess } => report_invalid(doc, invalid, guess, report),
        TextEncoding::Utf16 { encoding, bom } => {
            let how = if *bom {
                "byte-order mark"
            } else {
                "pattern of NUL bytes"
            };
            let message = format!("file is {}, not UTF-8", encoding.name());
            report
                .report(&RULE, Span::empty(0), message)
                .with_label(format!("found by its {how}"))
                .with_help("`corpuslint fix` writes the file back as UTF-8");
        }
        TextEncoding::Utf8 | TextEncoding::Binary => {}
    }
}

fn report_invalid(
    doc: &Document,
    invalid: &[InvalidSequence],
    guess: &'static encoding_rs::Encoding,
    report: &mut Reporter,
) {
    let Some(first) = invalid.first() else { return };
    let count = invalid.len();
    let plural = if count == 1 { "" } else { "s" };
    let message = format!(
        "invalid UTF-8: {} at offset {} ({count} invalid sequence{plural}; the bytes look like {})",
        describe_bytes(&first.bytes),
        first.file_offset,
        guess.name(),
    );
    let fix = redecode(doc, invalid, guess);
    let doc_id = report.doc();
    let diagnostic = report
        .report(&RULE, first.text_span, message)
        .with_label(format!("{} is not UTF-8", describe_bytes(&first.bytes)));
    diagnostic.with_help(match &fix {
        Some(_) => format!(
            "convert the file to UTF-8; the unsafe fix re-decodes the invalid bytes as {}",
            guess.name()
        ),
        None => "convert the file to UTF-8 (the bytes could not be re-decoded with confidence)"
            .to_string(),
    });
    diagnostic.fix = fix;
    let shown = invalid.iter().skip(1).take(MAX_RELATED);
    let last = shown.len();
    let more = count.saturating_sub(MAX_RELATED + 1);
    let related: Vec<Related> = shown
        .enumerate()
        .map(|(i, seq)| {
            let mut message = format!(
                "{} at offset {}",
                describe_bytes(&seq.bytes),
                seq.file_offset
            );
            if i + 1 == last && more > 0 {
                message.push_str(&format!(" (and {more} more)"));
            }
            Related {
                doc: doc_id,
                span: seq.text_span,
                message,
            }
        })
        .collect();
    diagnostic.related = related.into_boxed_slice();
}

fn describe_bytes(bytes: &[u8]) -> String {
    let hex: Vec<String> = bytes.iter().take(4).map(|b| format!("0x{b:02X}")).collect();
    let ellipsis = if bytes.len() > 4 { " …" } else { "" };
    let noun = if bytes.len() == 1 { "byte" } else { "bytes" };
    format!("{noun} {}{ellipsis}", hex.join(" "))
}

/// The edits that re-decode the invalid bytes with `guess`, if it can decode them.
fn redecode(
    doc: &Document,
    invalid: &[InvalidSequence],
    guess: &'static encoding_rs::Encoding,
) -> Option<Fix> {
    if guess.is_single_byte() {
        let mut edits = Vec::with_capacity(invalid.len());
        for seq in invalid {
            let (decoded, had_errors) = guess.decode_without_bom_handling(&seq.bytes);
            if had_errors {
                return None;
            }
            edits.push(Edit::replace(seq.text_span, decoded.into_owned()));
        }
        return Some(Fix::unsafe_(edits));
    }
    let (decoded, had_errors) = guess.decode_without_bom_handling(doc.raw_bytes());
    if had_errors {
        return None;
    }
    Some(Fix::unsafe_(vec![Edit::replace(
        Span::new(0, doc.text.len()),
        decoded.into_owned(),
    )]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::edit::apply_edits;
    use crate::rules::test_support::run;

    #[test]
    fn reports_once_per_file_with_offset_and_guess() {
        let bytes = encoding_rs::WINDOWS_1252
            .encode("Le café où se déroulait la réunion était fermé.\n")
            .0;
        let (doc, diagnostics) = run(&RULE, &bytes);
        assert_eq!(diagnostics.len(), 1);
        let d = &diagnostics[0];
        assert!(d.message.contains("byte 0xE9 at offset 6"), "{}", d.message);
        assert!(d.message.contains("6 invalid sequences"), "{}", d.message);
        assert!(d.message.contains("windows-1252"), "{}", d.message);
        assert_eq!(d.related.len(), 5);
        let fix = d.fix.as_ref().expect("a fix");
        assert_eq!(
            apply_edits(&doc.text, &fix.edits),
            "Le café où se déroulait la réunion était fermé.\n"
        );
    }

    #[test]
    fn gbk_text_is_redecoded_whole() {
        let text = "中国社会科学网是一个学术网站，发表了很多关于网络安全和国际关系的文章。\n";
        let bytes = encoding_rs::GBK.encode(text).0;
        let (doc, diagnostics) = run(&RULE, &bytes);
        assert_eq!(diagnostics.len(), 1);
        assert!(
            diagnostics[0].message.contains("GBK"),
            "{}",
            diagnostics[0].message
        );
        let fix = diagnostics[0].fix.as_ref().expect("a fix");
        assert_eq!(apply_edits(&doc.text, &fix.edits), text);
    }

    #[test]
    fn reports_utf16() {
        let mut bytes = vec![0xfe, 0xff];
        for unit in "Hello\n".encode_utf16() {
            bytes.extend(unit.to_be_bytes());
        }
        let (_, diagnostics) = run(&RULE, &bytes);
        assert_eq!(diagnostics.len(), 1);
        assert_eq!(&*diagnostics[0].message, "file is UTF-16BE, not UTF-8");
    }

    #[test]
    fn the_last_related_place_counts_the_sequences_not_shown() {
        let mut bytes = Vec::new();
        for n in 0..MAX_RELATED + 4 {
            bytes.extend_from_slice(format!("line {n} \u{e9}t\u{e9}\n").as_bytes());
            bytes.extend_from_slice(b"caf\xe9 au lait\n");
        }
        let (_, diagnostics) = run(&RULE, &bytes);
        assert_eq!(diagnostics.len(), 1);
        let related = &diagnostics[0].related;
        assert_eq!(related.len(), MAX_RELATED);
        assert!(
            related[..MAX_RELATED - 1]
                .iter()
                .all(|r| !r.message.contains("more"))
        );
        assert!(
            related[MAX_RELATED - 1].message.ends_with(" (and 3 more)"),
            "{}",
            related[MAX_RELATED - 1].message
        );
    }

    #[test]
    fn valid_utf8_is_clean() {
        let (_, diagnostics) = run(&RULE, "clichés, Français, 中文, “quotes”\n".as_bytes());
        assert!(diagnostics.is_empty());
    }
}
