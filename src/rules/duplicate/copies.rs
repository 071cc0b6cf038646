//! Copies: documents saved twice, whose paragraphs are nearly all found, exactly or as
//! near-duplicates, in one earlier document.

use std::collections::HashMap;

use rayon::prelude::*;

use super::Options;
use super::exact::{ExactIndex, ParaRef, ParaRef32};
use super::near::NearMatch;
use crate::corpus::DOCUMENTS_PER_TASK;
use crate::document::{DocId, Document};
use crate::text::hashing::KeySet;

/// A document whose paragraphs are nearly all in one earlier document.
#[derive(Debug, Clone, PartialEq)]
pub struct Copy {
    pub doc: DocId,
    pub of: DocId,
    /// Paragraphs (long enough to count) found in `of`, and all of them.
    pub found: usize,
    pub total: usize,
}

/// Documents whose text (in characters, site template and short lines left out) is
/// nearly all found in one earlier document: a changed headline or byline does not hide a
/// copy, because it weighs little beside the body. Each document is looked at on its own,
/// on the threads of the pool.
pub(super) fn find_copies(
    docs: &[Document],
    index: &ExactIndex,
    near: &[NearMatch],
    options: &Options,
) -> Vec<Copy> {
    let mut near_origin: HashMap<ParaRef, DocId> = HashMap::with_capacity(near.len());
    for m in near {
        near_origin.insert(m.para, m.origin.doc);
    }
    let copy_of = |doc: DocId, document: &Document| {
        let mut total = 0;
        let mut total_chars = 0;
        let mut found_in: HashMap<DocId, (usize, usize)> = HashMap::new();
        for (para, origin) in index.origins[doc].iter().enumerate() {
            let origin = origin.map(ParaRef32::wide);
            if !index.counts(document, para, options) {
                continue;
            }
            let chars = document.paragraphs[para].fingerprint.chars as usize;
            total += 1;
            total_chars += chars;
            let here = ParaRef { doc, para };
            let source = origin
                .map(|o| o.doc)
                .or_else(|| near_origin.get(&here).copied());
            if let Some(source) = source.filter(|&s| s != doc) {
                let entry = found_in.entry(source).or_default();
                entry.0 += 1;
                entry.1 += chars;
            }
        }
        let (of, (_, first_found_chars)) = found_in
            .into_iter()
            .max_by_key(|&(source, (_, chars))| (chars, std::cmp::Reverse(source)))?;
        // First occurrences can lie in a third document that shares a paragraph with both:
        // count again against everything the best candidate holds.
        if total < 2 || (first_found_chars as f64) < 0.5 * total_chars as f64 {
            return None;
        }
        let theirs: KeySet<u128> = docs[of]
            .paragraphs
            .iter()
            .map(|p| p.fingerprint.key())
            .collect();
        let (mut found, mut found_chars) = (0, 0);
        for (para, p) in document.paragraphs.iter().enumerate() {
            if !index.counts(document, para, options) {
                continue;
            }
            let here = ParaRef { doc, para };
            if theirs.contains(&p.fingerprint.key()) || near_origin.get(&here) == Some(&of) {
                found += 1;
                found_chars += p.fingerprint.chars as usize;
            }
        }
        let copy = found >= 2 && found_chars as f64 >= options.document_share * total_chars as f64;
        copy.then_some(Copy {
            doc,
            of,
            found,
            total,
        })
    };
    docs.par_iter()
        .with_max_len(DOCUMENTS_PER_TASK)
        .enumerate()
        .filter_map(|(doc, document)| copy_of(doc, document))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::duplicate::near::find_near;
    use crate::rules::duplicate::test_support::{A, B, C, corpus, short_paragraphs};

    #[test]
    fn a_document_saved_twice_is_a_copy() {
        let one = format!("{A}\n\n{B}\n\n{C}\n");
        let two = format!("{A}\n\n{}\n\n{C}\n", B.replace("groundless", "baseless"));
        let docs = corpus(&[&one, &two]).documents;
        let options = short_paragraphs();
        let index = ExactIndex::build(&docs, &options);
        let near = find_near(&docs, &index, &options, &[true, true]);
        assert_eq!(
            find_copies(&docs, &index, &near, &options),
            [Copy {
                doc: 1,
                of: 0,
                found: 3,
                total: 3
            }]
        );
    }
}
