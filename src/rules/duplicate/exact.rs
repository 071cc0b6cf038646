//! Exact duplicates: the index of normalized paragraph texts (where each occurs first, in
//! how many documents, and so which are site template), and the repeated blocks built on it.
//!
//! One pass over the paragraphs in corpus order with a map from fingerprint key (128-bit
//! hash of the normalized text) to first occurrence; a duplicate and the paragraphs after
//! it that repeat the paragraphs after its original form one repeated block.

use std::num::NonZeroU32;

use super::Options;
use crate::corpus::is_reported;
use crate::document::{DocId, Document};
use crate::text::hashing::KeyMap;
use crate::text::narrow::saturating_u32;

/// A paragraph of the corpus.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ParaRef {
    pub doc: DocId,
    pub para: usize,
}

/// A paragraph reference in 8 bytes, for the per-paragraph tables of the exact index and
/// of near-duplicate search.
#[derive(Clone, Copy)]
pub(super) struct ParaRef32 {
    /// The document's number plus one, so that a table slot that may hold no reference,
    /// one for every paragraph of the corpus, takes 8 bytes, not 12.
    doc: NonZeroU32,
    para: u32,
}

const _: () = assert!(std::mem::size_of::<Option<ParaRef32>>() == 8);

impl ParaRef32 {
    /// `at` in 32-bit numbers: past `u32::MAX - 1` documents or `u32::MAX` paragraphs
    /// (which no corpus held in memory reaches), the largest.
    pub(super) fn new(at: ParaRef) -> Self {
        Self {
            doc: NonZeroU32::MIN.saturating_add(saturating_u32(at.doc)),
            para: saturating_u32(at.para),
        }
    }

    pub(super) fn wide(self) -> ParaRef {
        ParaRef {
            doc: (self.doc.get() - 1) as usize,
            para: self.para as usize,
        }
    }
}

/// Paragraphs `first..=last` of `doc` repeat paragraphs `origin..` of `origin.doc`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub doc: DocId,
    pub first: usize,
    pub last: usize,
    pub origin: ParaRef,
}

impl Block {
    /// Number of paragraphs in the block (never zero).
    pub fn paragraph_count(&self) -> usize {
        self.last - self.first + 1
    }

    /// Whether the block repeats paragraphs of its own document.
    pub fn is_within_file(&self) -> bool {
        self.doc == self.origin.doc
    }
}

/// Whether a paragraph is long enough to be a finding on its own; Markdown code and
/// HTML blocks never are.
pub(super) fn counts(doc: &Document, para: usize, options: &Options) -> bool {
    let fp = doc.paragraphs[para].fingerprint;
    fp.chars as usize >= options.min_chars
        && fp.words as usize >= options.min_words
        && !doc.is_verbatim_paragraph(para)
}

/// Which texts are site template (chrome's business, not duplicates), by the documents of
/// the corpus holding them: the rule of the analysis, and of a run through the index that
/// chooses the documents it loads by it.
#[derive(Debug, Clone, Copy)]
pub struct Template {
    /// From this many documents on, a text is template.
    min_docs: usize,
    /// A line shorter than `line_chars` is template from `line_min_docs` documents on.
    line_min_docs: usize,
    line_chars: usize,
}

impl Template {
    /// The thresholds of `options` in a corpus of `documents` documents (a share of them
    /// makes a text template).
    pub fn of(options: &Options, documents: usize) -> Self {
        let share = (options.template_share * documents as f64).ceil() as usize;
        Self {
            min_docs: share.max(options.template_min_docs),
            line_min_docs: options.template_line_min_docs,
            line_chars: options.template_line_chars,
        }
    }

    /// Whether a text of `chars` characters held by `documents` documents is template.
    pub fn is(&self, documents: usize, chars: u32) -> bool {
        documents >= self.min_docs
            || (documents >= self.line_min_docs && (chars as usize) < self.line_chars)
    }

    /// The fewest documents that make any text template.
    fn fewest(&self) -> usize {
        self.min_docs.min(self.line_min_docs)
    }
}

/// Where each normalized paragraph text occurs first, and in how many documents.
pub(super) struct ExactIndex {
    /// For each paragraph, the earliest paragraph with the same normalized text: earlier
    /// in the same document if there is one, else the first occurrence in an earlier one.
    pub(super) origins: Vec<Vec<Option<ParaRef32>>>,
    /// Per normalized text: its first occurrence and the number of documents holding it.
    /// One map for both keeps the index at about 40 bytes per distinct paragraph.
    texts: KeyMap<u128, (ParaRef32, u32)>,
    template: Template,
    /// The documents holding each text in the whole corpus, when this is a part of it
    /// that does not hold every document sharing its texts.
    whole_counts: Option<std::sync::Arc<crate::corpus::Whole>>,
}

impl ExactIndex {
    #[cfg(test)]
    pub(super) fn build(docs: &[Document], options: &Options) -> Self {
        Self::build_in(docs, docs.len(), options)
    }

    /// The index of `docs`, part of a corpus of `corpus_documents` (the share from which
    /// a text is template is a share of the whole).
    pub(super) fn build_in(docs: &[Document], corpus_documents: usize, options: &Options) -> Self {
        // Grown as texts come, not sized for every paragraph: a corpus repeats its
        // paragraphs (half of them in the generated corpora), and a map sized for all of
        // them rounds up to twice the slots its distinct texts need.
        let mut texts: KeyMap<u128, (ParaRef32, u32)> = KeyMap::default();
        let mut local: KeyMap<u128, usize> = KeyMap::default();
        let mut origins = Vec::with_capacity(docs.len());
        for (doc, document) in docs.iter().enumerate() {
            local.clear();
            let mut own = Vec::with_capacity(document.paragraphs.len());
            for (para, p) in document.paragraphs.iter().enumerate() {
                let key = p.fingerprint.key();
                // Code shared by READMEs is not copied prose: it has no origin.
                if p.fingerprint.chars == 0 || document.is_verbatim_paragraph(para) {
                    own.push(None);
                    continue;
                }
                if let Some(&earlier) = local.get(&key) {
                    own.push(Some(ParaRef32::new(ParaRef { doc, para: earlier })));
                    continue;
                }
                local.insert(key, para);
                match texts.entry(key) {
                    std::collections::hash_map::Entry::Occupied(mut seen) => {
                        let (origin, documents) = seen.get_mut();
                        *documents += 1;
                        own.push(Some(*origin));
                    }
                    std::collections::hash_map::Entry::Vacant(slot) => {
                        slot.insert((ParaRef32::new(ParaRef { doc, para }), 1));
                        own.push(None);
                    }
                }
            }
            origins.push(own);
        }
        let template = Template::of(options, corpus_documents);
        // Once every origin is known, a text is looked up only for its count of documents,
        // and a count below both template thresholds reads as none. Most texts are in one
        // document: on a 200 MB generated corpus the map takes 35 MB with them, under 5 MB
        // without, for the rest of the analysis.
        let fewest = template.fewest();
        texts.retain(|_, &mut (_, documents)| documents as usize >= fewest);
        texts.shrink_to_fit();
        Self {
            origins,
            texts,
            template,
            whole_counts: None,
        }
    }

    /// Takes the number of documents holding a text from `whole` where it knows it.
    pub(super) fn with_whole_counts(
        mut self,
        whole: Option<std::sync::Arc<crate::corpus::Whole>>,
    ) -> Self {
        self.whole_counts = whole;
        self
    }

    /// The counts of the whole corpus this index was given.
    pub(super) fn whole(&self) -> Option<&crate::corpus::Whole> {
        self.whole_counts.as_deref()
    }

    /// The keys an index holds of document `doc`, `document`, when it is a context
    /// document (not `reported`) and they were made of its paragraphs: its paragraphs need
    /// not be hashed again.
    pub(super) fn indexed_keys(
        &self,
        doc: DocId,
        document: &Document,
        reported: &[bool],
    ) -> Option<&crate::corpus::IndexedKeys> {
        self.whole()?
            .indexed_keys(doc)
            .filter(|k| !is_reported(reported, doc) && k.paragraphs() == document.paragraphs.len())
    }

    pub(super) fn is_template(&self, doc: &Document, para: usize) -> bool {
        let fingerprint = doc.paragraphs[para].fingerprint;
        let whole = self
            .whole_counts
            .as_ref()
            .and_then(|w| w.paragraph_documents(fingerprint.key()));
        let documents = match whole {
            Some(n) => n as usize,
            None => self
                .texts
                .get(&fingerprint.key())
                .map_or(0, |&(_, n)| n as usize),
        };
        self.template.is(documents, fingerprint.chars)
    }

    /// Long enough to be a finding on its own, and not site template.
    pub(super) fn counts(&self, doc: &Document, para: usize, options: &Options) -> bool {
        counts(doc, para, options) && !self.is_template(doc, para)
    }
}

fn key(docs: &[Document], at: ParaRef) -> Option<u128> {
    docs.get(at.doc)
        .and_then(|d| d.paragraphs.get(at.para))
        .map(|p| p.fingerprint.key())
}

/// Groups duplicates into blocks that repeat consecutive paragraphs of their origin.
pub(super) fn find_blocks(docs: &[Document], index: &ExactIndex, options: &Options) -> Vec<Block> {
    let mut blocks = Vec::new();
    for (doc, document) in docs.iter().enumerate() {
        let own = &index.origins[doc];
        let mut i = 0;
        while i < own.len() {
            let Some(origin) = own[i].map(ParaRef32::wide) else {
                i += 1;
                continue;
            };
            let mut len = 1;
            while i + len < own.len() && own[i + len].is_some() {
                let next_origin = ParaRef {
                    doc: origin.doc,
                    para: origin.para + len,
                };
                if key(docs, next_origin) != key(docs, ParaRef { doc, para: i + len }) {
                    break;
                }
                len += 1;
            }
            let block = Block {
                doc,
                first: i,
                last: i + len - 1,
                origin,
            };
            // A block of short lines (`Share`, `Top`) and site template only is chrome's.
            let counts = (block.first..=block.last).any(|p| index.counts(document, p, options));
            let words: usize = (block.first..=block.last)
                .map(|p| document.paragraphs[p].fingerprint.words as usize)
                .sum();
            if counts && (block.is_within_file() || words >= options.cross_file_min_words) {
                blocks.push(block);
            }
            i += len;
        }
    }
    blocks
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Document;
    use crate::rules::duplicate::test_support::{A, B, C, corpus};

    fn blocks(texts: &[&str]) -> Vec<Block> {
        let docs = corpus(texts).documents;
        let options = Options::default();
        find_blocks(&docs, &ExactIndex::build(&docs, &options), &options)
    }

    #[test]
    fn consecutive_duplicates_form_one_block() {
        let text =
            format!("Title\n\n{A}\n\n{B}\n\n{C}\n\nAuthor note here.\n\n{A}\n\n{B}\n\n{C}\n");
        assert_eq!(
            blocks(&[&text]),
            [Block {
                doc: 0,
                first: 5,
                last: 7,
                origin: ParaRef { doc: 0, para: 1 }
            }]
        );
    }

    #[test]
    fn markdown_code_and_html_shared_by_readmes_are_not_duplicates() {
        let readme = |name: &str| {
            format!(
                "# {name}\n\n{A}\n\n```toml\n[dependencies]\n{name} = \"1\"\nserde = {{ version = \"1.0\", features = [\"derive\"] }}\nanyhow = \"1.0\"\n```\n\n<p align=\"center\"><img src=\"logo.png\" alt=\"The logo of the project, drawn by hand\"></p>\n"
            )
        };
        let code_only = |name: &str| readme(name).replace(A, &format!("About {name}."));
        let docs: Vec<Document> = ["one", "two"]
            .iter()
            .map(|name| {
                Document::from_bytes(
                    format!("{name}/README.md").into(),
                    code_only(name).into_bytes(),
                )
            })
            .collect();
        let options = Options::default();
        let index = ExactIndex::build(&docs, &options);
        assert!(find_blocks(&docs, &index, &options).is_empty());
        // The same files as plain text share their HTML line.
        let plain: Vec<Document> = ["one", "two"]
            .iter()
            .map(|name| {
                Document::from_bytes(format!("{name}.txt").into(), code_only(name).into_bytes())
            })
            .collect();
        let index = ExactIndex::build(&plain, &options);
        assert!(!find_blocks(&plain, &index, &options).is_empty());
    }

    #[test]
    fn a_repeated_line_of_wrapped_paragraphs_is_not_a_duplicate() {
        let line = "the secretary of the committee said on Tuesday that the vote had been";
        let one = format!(
            "When the meeting opened in the morning, after a long night of talks,\n{line}\nput off until the spring, when the new members would take their seats.\n"
        );
        let two = format!(
            "Nobody in the hall expected an answer before the end of the week, but\n{line}\nmoved to the first day of the session, and the doors were closed again.\n"
        );
        assert!(blocks(&[&one, &two]).is_empty());
        let docs = corpus(&[&one]).documents;
        assert_eq!(docs[0].paragraphs.len(), 1);
        assert!(docs[0].wraps_line(1));
    }

    #[test]
    fn template_is_told_by_the_documents_holding_a_text_whatever_the_thresholds() {
        let short = "Sign up for our newsletter";
        // A paragraph of `A` and the short line in the first `n` of twelve documents each.
        let texts: Vec<String> = (0..12)
            .map(|i| {
                let mut text = format!("Story number {i} of the day.\n\n");
                for (n, part) in [(1, A), (2, B), (3, C), (10, A), (1, short), (3, short)] {
                    if i < n {
                        text.push_str(&format!("{part} ({n})\n\n"));
                    }
                }
                text
            })
            .collect();
        let docs = corpus(&texts.iter().map(String::as_str).collect::<Vec<_>>()).documents;
        let documents_holding = |para: usize| {
            let key = docs[0].paragraphs[para].fingerprint.key();
            docs.iter()
                .filter(|d| d.paragraphs.iter().any(|p| p.fingerprint.key() == key))
                .count()
        };
        for (template_min_docs, template_line_min_docs) in [(10, 3), (3, 10), (2, 1), (1, 2)] {
            let options = Options {
                template_min_docs,
                template_line_min_docs,
                ..Options::default()
            };
            let index = ExactIndex::build(&docs, &options);
            for para in 0..docs[0].paragraphs.len() {
                let fingerprint = docs[0].paragraphs[para].fingerprint;
                let n = documents_holding(para);
                let expected = n >= template_min_docs
                    || (n >= template_line_min_docs
                        && (fingerprint.chars as usize) < options.template_line_chars);
                assert_eq!(
                    index.is_template(&docs[0], para),
                    expected,
                    "paragraph {para} in {n} documents, thresholds {template_min_docs} and \
                     {template_line_min_docs}"
                );
            }
        }
    }

    #[test]
    fn short_repeats_alone_are_not_blocks_but_count_inside_one() {
        let text = format!("Share\n\n{A}\n\nShare\n\nPhoto: VCG\n\n{B}\n\nPhoto: VCG\n\n{B}\n");
        let blocks = blocks(&[&text]);
        assert_eq!(blocks.len(), 1);
        let block = &blocks[0];
        assert_eq!((block.first, block.last), (5, 6));
        assert_eq!(block.origin, ParaRef { doc: 0, para: 3 });
    }
}
