//! The duplicate analysis, run once per check and shared by the family's rules.
//!
//! 1. Exact duplicates (`exact`): where each normalized paragraph text occurs first.
//! 2. Blocks (`exact`): runs of duplicates that repeat consecutive paragraphs.
//! 3. Near-duplicates (`near`): MinHash and LSH candidates, confirmed by a word diff.
//! 4. Copies (`copies`): documents whose paragraphs are nearly all in one earlier one.
//! 5. Reused text (`reuse`, with `fingerprint`): paragraphs mostly found, in order, in
//!    another document, compared over the pairs of documents that share specific text.
//!
//! Every step is linear in the number of paragraphs, or in the text of the documents that
//! share fingerprints; nothing compares all pairs.

pub use super::copies::Copy;
pub use super::exact::{Block, ParaRef};
pub use super::near::NearMatch;
pub use super::reuse::{Reuse, Source};

use super::Options;
use super::copies::find_copies;
use super::exact::{ExactIndex, find_blocks};
use super::fingerprint::{candidate_pairs, document_fingerprints};
use super::minhash::mix;
use super::near::find_near;
use super::report::is_item_or_heading;
use super::reuse::find_reuse;
use crate::corpus::Corpus;
use crate::document::{DocId, Document};
use crate::text::hashing::KeySet;

/// What the duplicate family reports on: repeated blocks, near-duplicates and copies.
#[derive(Debug, Default)]
pub struct Analysis {
    /// Repeated blocks, in corpus order.
    pub blocks: Vec<Block>,
    /// Near-duplicate paragraphs, in corpus order.
    pub near: Vec<NearMatch>,
    /// Documents that copy an earlier one, in corpus order.
    pub copies: Vec<Copy>,
    /// Paragraphs of reused text, in corpus order (when asked for).
    pub reuse: Vec<Reuse>,
}

impl Analysis {
    /// The analysis of the whole corpus, every document's findings reported.
    pub fn run(corpus: &Corpus, options: &Options) -> Self {
        Self::run_in_context(corpus, options, &vec![true; corpus.len()])
    }

    /// Like [`Analysis::run`], for a run that reports only the findings of the documents
    /// marked in `reported`: near-duplicates are confirmed only for their paragraphs.
    pub fn run_in_context(corpus: &Corpus, options: &Options, reported: &[bool]) -> Self {
        Self::run_selected(corpus, options, reported, true)
    }

    /// Like [`Analysis::run_in_context`], looking for reused text only when `with_reuse`.
    pub fn run_selected(
        corpus: &Corpus,
        options: &Options,
        reported: &[bool],
        with_reuse: bool,
    ) -> Self {
        let docs = &corpus.documents;
        let corpus_documents = corpus.whole.as_ref().map_or(docs.len(), |w| w.documents);
        let index = ExactIndex::build_in(docs, corpus_documents, options)
            .with_whole_counts(corpus.whole.clone());
        let blocks = find_blocks(docs, &index, options);
        let near = find_near(docs, &index, options, reported);
        let copies = find_copies(docs, &index, &near, options);
        let mut analysis = Self {
            blocks,
            near,
            copies,
            reuse: Vec::new(),
        };
        if with_reuse {
            analysis.reuse = analysis.find_reuse(docs, &index, options, reported);
        }
        analysis
    }

    /// Only the repeated blocks, for a run whose rules read nothing else (near-duplicate
    /// search, which copies and reused text build on, is most of the analysis).
    pub fn blocks_only(corpus: &Corpus, options: &Options) -> Self {
        let docs = &corpus.documents;
        let corpus_documents = corpus.whole.as_ref().map_or(docs.len(), |w| w.documents);
        let index = ExactIndex::build_in(docs, corpus_documents, options);
        Self {
            blocks: find_blocks(docs, &index, options),
            ..Self::default()
        }
    }

    /// Reused text, but in paragraphs the exact and near rules report (either copy) and
    /// between a document and the one it is a copy of.
    fn find_reuse(
        &self,
        docs: &[Document],
        index: &ExactIndex,
        options: &Options,
        reported: &[bool],
    ) -> Vec<Reuse> {
        let mut taken: KeySet<u64> = KeySet::default();
        // The sets pass keys through as their hash: a (document, paragraph) pair is mixed
        // (one to one) so that its bits are spread.
        let key = |doc: DocId, para: usize| mix(((doc as u64) << 32) | para as u64);
        // The first copy that other rules of the family point at is kept by them; it may
        // still be reused text of a third document (two rewrites of one wire story), but
        // never of the documents whose copies point at it, or no copy would be left.
        let mut pointed_at: KeySet<u64> = KeySet::default();
        for block in &self.blocks {
            for offset in 0..block.paragraph_count() {
                taken.insert(key(block.doc, block.first + offset));
                let origin = key(block.origin.doc, block.origin.para + offset);
                pointed_at.insert(mix(origin ^ block.doc as u64));
            }
        }
        for m in &self.near {
            taken.insert(key(m.para.doc, m.para.para));
            pointed_at.insert(mix(key(m.origin.doc, m.origin.para) ^ m.para.doc as u64));
        }
        let template = |doc: DocId, para: usize| index.is_template(&docs[doc], para);
        let generic = |fp: u32| index.whole().is_some_and(|w| w.is_generic_fingerprint(fp));
        let fingerprints = document_fingerprints(docs, index, reported);
        let mut pairs = candidate_pairs(fingerprints, options, reported, &generic);
        let copies: KeySet<u64> = self
            .copies
            .iter()
            .map(|c| key(c.doc.min(c.of), c.doc.max(c.of)))
            .collect();
        pairs.retain(|&(a, b)| !copies.contains(&key(a, b)));
        // List items and headings are not prose: release notes repeat a backported
        // change's line in every branch's changelog by design.
        let mut reuse = find_reuse(docs, &pairs, options, reported, |doc, para| {
            !taken.contains(&key(doc, para))
                && !template(doc, para)
                && !is_item_or_heading(&docs[doc], para)
        });
        for r in &mut reuse {
            let here = key(r.para.doc, r.para.para);
            r.sources
                .retain(|s| !pointed_at.contains(&mix(here ^ s.doc as u64)));
        }
        reuse.retain(|r| !r.sources.is_empty());
        reuse
    }

    /// The copy that `doc` is of an earlier document, if it is one.
    pub fn copy_of(&self, doc: DocId) -> Option<&Copy> {
        self.copies.iter().find(|c| c.doc == doc)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::duplicate::test_support::{A, B, C, corpus, short_paragraphs};

    #[test]
    fn cross_file_copies_point_at_the_first_file() {
        let analysis = Analysis::run(
            &corpus(&[&format!("{A}\n{B}\n"), &format!("{C}\n{A}\n{B}\n")]),
            &Options::default(),
        );
        assert_eq!(analysis.blocks.len(), 1);
        assert_eq!(analysis.blocks[0].origin, ParaRef { doc: 0, para: 0 });
        assert_eq!((analysis.blocks[0].first, analysis.blocks[0].last), (1, 2));
        assert!(analysis.copies.is_empty());
    }

    #[test]
    fn short_paragraphs_are_no_near_duplicates_and_short_runs_no_cross_file_copies() {
        let headline = "Council Votes to Extend the Night Bus Network to the Northern Suburbs";
        let edited = "Council Votes to Extend the Night Tram Network to the Northern Suburbs";
        let corpus = corpus(&[
            &format!("{headline}\n\n{A}\n"),
            &format!("{headline}\n\n{C}\n\n{edited}\n"),
        ]);
        let analysis = Analysis::run(&corpus, &Options::default());
        assert!(analysis.near.is_empty(), "{:?}", analysis.near);
        assert!(analysis.blocks.is_empty(), "{:?}", analysis.blocks);
        let loose = Options {
            near_min_words: 5,
            cross_file_min_words: 5,
            ..Options::default()
        };
        let analysis = Analysis::run(&corpus, &loose);
        assert_eq!(analysis.near.len(), 1);
        assert_eq!(analysis.blocks.len(), 1);
    }

    /// Keys as an index holds them, for the documents not `reported`.
    fn indexed_keys(corpus: &mut Corpus, reported: &[bool], options: &Options) -> usize {
        use crate::corpus::{IndexedKeys, Whole};
        use crate::rules::duplicate::keys::paragraph_links;
        let mut named = KeySet::default();
        for (doc, document) in corpus.documents.iter().enumerate() {
            if reported[doc] {
                paragraph_links(document, options, |_, links| {
                    named.extend(links.bands.iter().map(|&b| b as u32));
                });
            }
        }
        let mut skipped = 0;
        let keys = corpus
            .documents
            .iter()
            .enumerate()
            .map(|(doc, document)| {
                let mut keys = IndexedKeys {
                    fp_at: vec![0],
                    ..IndexedKeys::default()
                };
                paragraph_links(document, options, |_, links| {
                    let pairs = links.bands.iter().any(|&b| named.contains(&(b as u32)));
                    skipped += usize::from(!pairs && !links.bands.is_empty());
                    keys.may_pair.push(pairs);
                    keys.fingerprints.extend_from_slice(&links.fingerprints);
                    keys.fp_at.push(keys.fingerprints.len() as u32);
                });
                (!reported[doc]).then_some(keys)
            })
            .collect();
        let mut whole = Whole::default();
        whole.documents = corpus.len();
        whole.set_indexed_keys(keys);
        corpus.whole = Some(std::sync::Arc::new(whole));
        skipped
    }

    #[test]
    fn keys_an_index_holds_of_context_documents_change_no_finding() {
        let texts = [
            "The council met on Tuesday evening to discuss the budget for the new library and the repairs to the roof of the old town hall.\n\nThe harbour authority has published new tide tables for the winter season, with changes to the times of the evening ferries.\n",
            "Members argued for three hours about the cost of the roof, and in the end the plan was approved by a narrow margin of two votes.\n\nWork on the library will begin in the spring, the mayor said, and the building should open to readers before the end of next year.\n",
            "The regional orchestra will play three concerts in the cathedral this summer, with works by local composers and a choir of children.\n",
            "The council met on Monday evening to discuss the budget for the new library and the repairs to the roof of the old town hall.\n\nMembers argued for three hours about the cost of the roof, and in the end work on the library will begin in the spring, the mayor said, and the building should open to readers before the end of next year.\n",
        ];
        let options = short_paragraphs();
        let reported = [false, false, false, true];
        let mut plain = corpus(&texts);
        let mut whole = crate::corpus::Whole::default();
        whole.documents = texts.len();
        plain.whole = Some(std::sync::Arc::new(whole));
        let expected = Analysis::run_in_context(&plain, &options, &reported);
        assert!(!expected.near.is_empty(), "{expected:?}");
        let mut indexed = corpus(&texts);
        assert!(indexed_keys(&mut indexed, &reported, &options) > 0);
        let found = Analysis::run_in_context(&indexed, &options, &reported);
        assert_eq!(format!("{found:?}"), format!("{expected:?}"));
    }

    #[test]
    fn context_runs_confirm_near_duplicates_of_reported_files_only() {
        let one = format!("{A}\n\n{C}\n");
        let two = format!("{}\n", B.replace("groundless", "baseless"));
        let three = format!("{}\n", A.replace("major", "key"));
        let corpus = corpus(&[&one, &format!("{B}\n"), &two, &three]);
        let all = Analysis::run(&corpus, &short_paragraphs());
        let near_in = |analysis: &Analysis| -> Vec<DocId> {
            analysis.near.iter().map(|m| m.para.doc).collect()
        };
        assert_eq!(near_in(&all), [2, 3]);
        let context =
            Analysis::run_in_context(&corpus, &short_paragraphs(), &[false, false, false, true]);
        assert_eq!(near_in(&context), [3]);
        assert_eq!(context.near[0].origin, ParaRef { doc: 0, para: 0 });
    }
}
