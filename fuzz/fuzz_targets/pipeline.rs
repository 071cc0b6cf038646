//! Bytes → decoding → paragraphs → every rule → fixes. The input is split on the byte 0xF8 (never in UTF-8)
//! into up to four documents, so that the rules across files run too. Panics, spans out
//! of the text or off character boundaries, overlapping merged edits and a fix that is
//! not idempotent are failures.

#![no_main]

use corpuslint::corpus::Corpus;
use corpuslint::document::Document;
use corpuslint::diagnostic::edit::merge_edits;
use corpuslint::fix::{FixOptions, fix_corpus};
use corpuslint::progress::NoProgress;
use corpuslint::settings::Settings;
use libfuzzer_sys::fuzz_target;

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

fuzz_target!(|data: &[u8]| {
    let documents: Vec<Vec<u8>> = data
        .split(|&b| b == 0xf8)
        .take(4)
        .map(<[u8]>::to_vec)
        .collect();
    let settings = Settings::default();
    let outcome = corpuslint::check_corpus(corpus(&documents), &settings).expect("check");
    let mut edits = vec![Vec::new(); outcome.corpus.len()];
    for d in &outcome.diagnostics {
        let doc = outcome.corpus.get(d.doc);
        let spans = std::iter::once(d.span)
            .chain(d.fix.iter().flat_map(|f| f.edits.iter().map(|e| e.span)));
        for span in spans {
            assert!(span.start <= span.end && span.end <= doc.text.len());
            assert!(doc.text.is_char_boundary(span.start) && doc.text.is_char_boundary(span.end));
        }
        for r in &d.related {
            let other = outcome.corpus.get(r.doc);
            assert!(r.span.end <= other.text.len() && other.text.is_char_boundary(r.span.start));
        }
        if let (Some(fix), Some(list)) = (&d.fix, edits.get_mut(d.doc)) {
            list.extend(fix.edits.iter().map(|e| (e.clone(), ())));
        }
    }
    for list in edits {
        let merged = merge_edits(list);
        assert!(merged.windows(2).all(|p| p[0].0.span.end <= p[1].0.span.start));
    }
    let options = FixOptions { unsafe_fixes: true };
    let once = fix_corpus(corpus(&documents), vec![true; documents.len()], Vec::new(), &settings, options, &NoProgress).expect("fix");
    let fixed: Vec<Vec<u8>> = once.documents.iter().map(|d| d.text.clone().into_bytes()).collect();
    let twice = fix_corpus(corpus(&fixed), vec![true; fixed.len()], Vec::new(), &settings, options, &NoProgress).expect("fix again");
    for (a, b) in once.documents.iter().zip(&twice.documents) {
        assert_eq!(a.text, b.text, "fix is not idempotent");
    }
});
