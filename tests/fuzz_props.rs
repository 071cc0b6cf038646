//! A bounded fuzz run of the whole pipeline — bytes → decoding → paragraphs → every rule →
//! fixes — on arbitrary bytes and on text built from nasty pieces. Whatever the input:
//! no panic, every span within the text and on character boundaries, the fixes of a
//! document merge into edits that do not overlap, and fixing twice changes nothing more
//! than fixing once. Inputs that once broke a property are kept in
//! `tests/fuzz_regressions/` and replayed.

use corpuslint::corpus::Corpus;
use corpuslint::diagnostic::edit::{apply_edits, merge_edits};
use corpuslint::document::Document;
use corpuslint::fix::{FixOptions, fix_corpus};
use corpuslint::progress::NoProgress;
use corpuslint::settings::Settings;
use corpuslint::text::span::Span;
use proptest::prelude::*;

mod common;

fn corpus(documents: &[Vec<u8>]) -> Corpus {
    Corpus {
        documents: documents
            .iter()
            .enumerate()
            .map(|(i, bytes)| Document::from_bytes(format!("fuzz/{i}.txt").into(), bytes.clone()))
            .collect(),
        auxiliary: Vec::new(),
        whole: None,
    }
}

fn assert_span(doc: &Document, span: Span, what: &str) {
    assert!(
        span.start <= span.end && span.end <= doc.text.len(),
        "{what}: span {span:?} out of a text of {} bytes",
        doc.text.len()
    );
    assert!(
        doc.text.is_char_boundary(span.start) && doc.text.is_char_boundary(span.end),
        "{what}: span {span:?} not on character boundaries"
    );
}

/// Every property, on one corpus of documents given as bytes.
fn check_properties(documents: &[Vec<u8>]) {
    let settings = Settings::default();
    let outcome = corpuslint::check_corpus(corpus(documents), &settings).expect("check");
    let mut edits_per_doc = vec![Vec::new(); outcome.corpus.len()];
    for d in &outcome.diagnostics {
        let doc = outcome.corpus.get(d.doc);
        let what = format!("{} in {}", d.rule.code, doc.display());
        assert_span(doc, d.span, &what);
        for related in &d.related {
            assert_span(outcome.corpus.get(related.doc), related.span, &what);
        }
        for edit in d.fix.iter().flat_map(|f| &f.edits) {
            assert_span(doc, edit.span, &what);
            if let Some(edits) = edits_per_doc.get_mut(d.doc) {
                edits.push((edit.clone(), d.rule.code));
            }
        }
    }
    for (id, edits) in edits_per_doc.into_iter().enumerate() {
        let merged = merge_edits(edits);
        for pair in merged.windows(2) {
            let (a, b) = (&pair[0].0.span, &pair[1].0.span);
            assert!(a.end <= b.start, "merged edits overlap: {a:?} {b:?}");
        }
        let edits: Vec<_> = merged.into_iter().map(|(e, _)| e).collect();
        let _ = apply_edits(&outcome.corpus.get(id).text, &edits);
    }

    let options = FixOptions { unsafe_fixes: true };
    let once = fix_corpus(
        corpus(documents),
        vec![true; documents.len()],
        Vec::new(),
        &settings,
        options,
        &NoProgress,
    )
    .expect("fix");
    let fixed: Vec<Vec<u8>> = once
        .documents
        .iter()
        .map(|d| d.text.clone().into_bytes())
        .collect();
    let twice = fix_corpus(
        corpus(&fixed),
        vec![true; fixed.len()],
        Vec::new(),
        &settings,
        options,
        &NoProgress,
    )
    .expect("fix again");
    assert!(twice.refused.is_empty());
    for (first, second) in once.documents.iter().zip(&twice.documents) {
        assert_eq!(
            first.text, second.text,
            "fixing the fixed text changed it again: {:?}",
            second.changes
        );
    }
}

/// Pieces that have broken text tools before.
const PIECES: &[&str] = &[
    "\r\n",
    "\r",
    "\n",
    "\n\n",
    "\u{feff}",
    "\u{a0}",
    "\u{3000}",
    "\u{200b}",
    "\u{200d}",
    "👨\u{200d}👩\u{200d}👧",
    "e\u{301}",
    "\u{301}",
    "\u{85}",
    "\u{2028}",
    "\u{fffd}",
    "\t",
    " ",
    "  ",
    "北京",
    "上海市",
    "东京は",
    "café",
    "Ã©",
    "â€™",
    "&amp;",
    "&nbsp;",
    "ChinaUS",
    "---\n",
    "+++\n",
    "title: A title\n",
    "author = \"Jane Doe\"\n",
    "date: 2021-13-45\n",
    "By Jane Doe | Example Times | Updated: 2019-04-22 08:04\n",
    "Share",
    "Facebook Twitter LinkedIn Email\n",
    "Copyright © 2024 Example Media. All rights reserved.\n",
    "Photo: VCG\n",
    "The council approved the budget for the new bridge over the river. ",
    "Residents said the harbour market would reopen in winter. ",
    "word ",
    ".",
    "\u{1}",
    "\u{7f}",
];

/// Invalid UTF-8 and NUL bytes, spliced between pieces.
const BAD_BYTES: &[&[u8]] = &[
    b"\xff",
    b"\xc3",
    b"\xe9",
    b"\xe4\xb8",
    b"\xed\xa0\x80",
    b"\x00",
];

fn piece() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        8 => prop::sample::select(PIECES).prop_map(|p| p.as_bytes().to_vec()),
        1 => prop::sample::select(BAD_BYTES).prop_map(<[u8]>::to_vec),
        1 => (prop::sample::select(PIECES), 50..2_000usize)
            .prop_map(|(p, n)| p.repeat(n.min(3_000 / p.len().max(1))).into_bytes()),
    ]
}

/// A document built from pieces, possibly with one of its paragraphs repeated.
fn nasty_document() -> impl Strategy<Value = Vec<u8>> {
    (prop::collection::vec(piece(), 0..40), any::<bool>()).prop_map(|(pieces, repeat)| {
        let mut bytes: Vec<u8> = pieces.concat();
        if repeat && !bytes.is_empty() {
            let copy = bytes.clone();
            bytes.extend_from_slice(b"\n\n");
            bytes.extend(copy);
        }
        bytes
    })
}

proptest! {
    #![proptest_config(common::proptest_config(64))]

    #[test]
    fn arbitrary_bytes(documents in prop::collection::vec(prop::collection::vec(any::<u8>(), 0..600), 1..3)) {
        check_properties(&documents);
    }

    #[test]
    fn nasty_text(documents in prop::collection::vec(nasty_document(), 1..4)) {
        check_properties(&documents);
    }
}

/// Each file of `tests/fuzz_regressions/` is a document that once broke a property;
/// files of one folder there make one corpus.
#[test]
fn fuzz_regressions_stay_fixed() {
    let root = std::path::Path::new("tests/fuzz_regressions");
    let mut entries: Vec<_> = std::fs::read_dir(root)
        .expect("tests/fuzz_regressions")
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .collect();
    entries.sort();
    assert!(!entries.is_empty());
    for path in entries {
        let documents: Vec<Vec<u8>> = if path.is_dir() {
            let mut files: Vec<_> = std::fs::read_dir(&path)
                .expect("folder")
                .filter_map(|e| e.ok())
                .map(|e| e.path())
                .collect();
            files.sort();
            files
                .iter()
                .map(|f| std::fs::read(f).expect("read"))
                .collect()
        } else {
            vec![std::fs::read(&path).expect("read")]
        };
        let run = std::panic::catch_unwind(|| check_properties(&documents));
        assert!(run.is_ok(), "{} breaks a property again", path.display());
    }
}
