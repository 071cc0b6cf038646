//! The duplicate analysis, run once per check and shared by the family's rules.
//!
//! 1. Exact duplicates: one pass over the paragraphs in corpus order with a map from
//!    fingerprint key (128-bit hash of the normalized text) to first occurrence.
//! 2. Blocks: a duplicate and the paragraphs after it that repeat the paragraphs after its
//!    original form one repeated block.
//! 3. Near-duplicates: MinHash signatures over word shingles, LSH bands as buckets, a
//!    bounded number of earlier candidates per paragraph, each confirmed by a word diff.
//! 4. Copies: a document whose paragraphs are nearly all found in one earlier document.
//!
//! Every step is linear in the number of paragraphs; nothing compares all pairs.

use std::collections::HashMap;

use rayon::prelude::*;
use similar::{Algorithm, capture_diff_slices};

use super::Options;
use super::minhash::{self, BANDS, Signature};
use crate::corpus::Corpus;
use crate::document::{DocId, Document};
use crate::text::hashing::{KeyMap, KeySet};
use crate::text::normalize::normalize_into;
use crate::text::span::Span;

/// Earlier paragraphs compared with a paragraph per LSH bucket: bounds the work on
/// text that repeats a lot.
const MAX_CANDIDATES_PER_BUCKET: usize = 8;
/// Candidates whose signatures agree on fewer slots are not diffed.
const MIN_ESTIMATED_SIMILARITY: f64 = 0.3;
/// Candidates diffed per paragraph at most, those whose signatures agree most.
const MAX_CONFIRMED_PER_PARAGRAPH: usize = 16;

/// A paragraph of the corpus.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ParaRef {
    pub doc: DocId,
    pub para: usize,
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

    pub fn is_within_file(&self) -> bool {
        self.doc == self.origin.doc
    }
}

/// A paragraph nearly equal to an earlier one.
#[derive(Debug, Clone, PartialEq)]
pub struct NearMatch {
    pub para: ParaRef,
    pub origin: ParaRef,
    pub similarity: f64,
}

/// A document whose paragraphs are nearly all in one earlier document.
#[derive(Debug, Clone, PartialEq)]
pub struct Copy {
    pub doc: DocId,
    pub of: DocId,
    /// Paragraphs (long enough to count) found in `of`, and all of them.
    pub found: usize,
    pub total: usize,
}

#[derive(Debug, Default)]
pub struct Analysis {
    /// Repeated blocks, in corpus order.
    pub blocks: Vec<Block>,
    /// Near-duplicate paragraphs, in corpus order.
    pub near: Vec<NearMatch>,
    /// Documents that copy an earlier one, in corpus order.
    pub copies: Vec<Copy>,
}

impl Analysis {
    pub fn run(corpus: &Corpus, options: &Options) -> Self {
        Self::run_in_context(corpus, options, &vec![true; corpus.len()])
    }

    /// Like [`Analysis::run`], for a run that reports only the findings of the documents
    /// marked in `reported`: near-duplicates are confirmed only for their paragraphs.
    pub fn run_in_context(corpus: &Corpus, options: &Options, reported: &[bool]) -> Self {
        let docs = &corpus.documents;
        let index = ExactIndex::build(docs, options);
        let blocks = find_blocks(docs, &index, options);
        let near = find_near(docs, &index, options, reported);
        let copies = find_copies(docs, &index, &near, options);
        Self {
            blocks,
            near,
            copies,
        }
    }

    pub fn copy_of(&self, doc: DocId) -> Option<&Copy> {
        self.copies.iter().find(|c| c.doc == doc)
    }
}

/// Whether a paragraph is long enough to be a finding on its own.
pub fn counts(doc: &Document, para: usize, options: &Options) -> bool {
    let fp = doc.paragraphs[para].fingerprint;
    fp.chars as usize >= options.min_chars && fp.words as usize >= options.min_words
}

/// Where each normalized paragraph text occurs first, and in how many documents.
struct ExactIndex {
    /// For each paragraph, the earliest paragraph with the same normalized text: earlier
    /// in the same document if there is one, else the first occurrence in an earlier one.
    origins: Vec<Vec<Option<ParaRef32>>>,
    /// Per normalized text: its first occurrence and the number of documents holding it.
    /// One map for both keeps the index at about 40 bytes per distinct paragraph.
    texts: KeyMap<u128, (ParaRef32, u32)>,
    /// From this many documents on, a text is site template (chrome), not a duplicate.
    template_min_docs: usize,
    template_line_chars: usize,
    template_line_min_docs: usize,
}

impl ExactIndex {
    fn build(docs: &[Document], options: &Options) -> Self {
        let total: usize = docs.iter().map(|d| d.paragraphs.len()).sum();
        let mut texts: KeyMap<u128, (ParaRef32, u32)> =
            KeyMap::with_capacity_and_hasher(total, Default::default());
        let mut local: KeyMap<u128, usize> = KeyMap::default();
        let mut origins = Vec::with_capacity(docs.len());
        for (doc, document) in docs.iter().enumerate() {
            local.clear();
            let mut own = Vec::with_capacity(document.paragraphs.len());
            for (para, p) in document.paragraphs.iter().enumerate() {
                let key = p.fingerprint.key;
                if p.fingerprint.chars == 0 {
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
        let share = (options.template_share * docs.len() as f64).ceil() as usize;
        Self {
            origins,
            texts,
            template_min_docs: share.max(options.template_min_docs),
            template_line_chars: options.template_line_chars,
            template_line_min_docs: options.template_line_min_docs,
        }
    }

    fn is_template(&self, doc: &Document, para: usize) -> bool {
        let fingerprint = doc.paragraphs[para].fingerprint;
        let documents = self
            .texts
            .get(&fingerprint.key)
            .map_or(0, |&(_, n)| n as usize);
        documents >= self.template_min_docs
            || (documents >= self.template_line_min_docs
                && (fingerprint.chars as usize) < self.template_line_chars)
    }

    /// Long enough to be a finding on its own, and not site template.
    fn counts(&self, doc: &Document, para: usize, options: &Options) -> bool {
        counts(doc, para, options) && !self.is_template(doc, para)
    }
}

fn key(docs: &[Document], at: ParaRef) -> Option<u128> {
    docs.get(at.doc)
        .and_then(|d| d.paragraphs.get(at.para))
        .map(|p| p.fingerprint.key)
}

/// Groups duplicates into blocks that repeat consecutive paragraphs of their origin.
fn find_blocks(docs: &[Document], index: &ExactIndex, options: &Options) -> Vec<Block> {
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

/// Hashes of the normalized words of a paragraph, without their punctuation: a changed
/// comma does not make two paragraphs less similar.
fn words_into(doc: &Document, para: usize, buffer: &mut String, words: &mut Vec<u32>) {
    normalize_into(doc.slice(doc.paragraphs[para].span), buffer);
    words.clear();
    let mut word = String::new();
    // The normalized form has single spaces between words.
    let mut start = 0;
    let ends = memchr::memchr_iter(b' ', buffer.as_bytes()).chain([buffer.len()]);
    for end in ends {
        let w = &buffer[start..end];
        start = end + 1;
        if w.bytes().all(|b| b.is_ascii_alphanumeric()) {
            if !w.is_empty() {
                words.push(minhash::word_hash(w));
            }
            continue;
        }
        word.clear();
        word.extend(w.chars().filter(|c| c.is_alphanumeric()));
        if !word.is_empty() {
            words.push(minhash::word_hash(&word));
        }
    }
}

/// Word-level similarity of two paragraphs: 2 × matching words / all words.
pub fn similarity(a: &[u32], b: &[u32]) -> f64 {
    let total = a.len() + b.len();
    if total == 0 {
        return 1.0;
    }
    let matching: usize = capture_diff_slices(Algorithm::Myers, a, b)
        .iter()
        .map(|op| match *op {
            similar::DiffOp::Equal { len, .. } => len,
            _ => 0,
        })
        .sum();
    2.0 * matching as f64 / total as f64
}

/// What near-duplicate search keeps of a paragraph: where it is, its signature, and where
/// its word hashes lie in its document's word arena: 152 bytes, and 4 per word.
struct Sketch {
    at: ParaRef32,
    words: std::ops::Range<usize>,
    signature: Signature,
}

/// A paragraph reference in 8 bytes, for the per-paragraph tables of near-duplicate search.
#[derive(Clone, Copy)]
struct ParaRef32 {
    doc: u32,
    para: u32,
}

impl ParaRef32 {
    fn new(at: ParaRef) -> Self {
        let narrow = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        Self {
            doc: narrow(at.doc),
            para: narrow(at.para),
        }
    }

    fn wide(self) -> ParaRef {
        ParaRef {
            doc: self.doc as usize,
            para: self.para as usize,
        }
    }
}

/// An upper bound of `similarity(a, b)` from the words alone, order ignored: a diff cannot
/// match more words than the two paragraphs have in common.
fn similarity_bound(a_sorted: &[u32], b_sorted: &[u32]) -> f64 {
    let (mut i, mut j, mut common) = (0, 0, 0);
    while i < a_sorted.len() && j < b_sorted.len() {
        match a_sorted[i].cmp(&b_sorted[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    let total = a_sorted.len() + b_sorted.len();
    if total == 0 {
        1.0
    } else {
        2.0 * common as f64 / total as f64
    }
}

fn find_near(
    docs: &[Document],
    index: &ExactIndex,
    options: &Options,
    reported: &[bool],
) -> Vec<NearMatch> {
    // Sketches of the paragraphs that can be near-duplicates, in corpus order, and their
    // word hashes, one arena per document: the words are hashed once, here.
    let (sketches, arenas): (Vec<Vec<Sketch>>, Vec<Vec<u32>>) = docs
        .par_iter()
        .enumerate()
        .map(|(doc, document)| {
            let mut buffer = String::new();
            let mut words = Vec::new();
            let mut arena = Vec::new();
            let mut sketches = Vec::new();
            for para in 0..document.paragraphs.len() {
                if index.origins[doc][para].is_some() || !index.counts(document, para, options) {
                    continue;
                }
                words_into(document, para, &mut buffer, &mut words);
                let start = arena.len();
                arena.extend_from_slice(&words);
                sketches.push(Sketch {
                    at: ParaRef32::new(ParaRef { doc, para }),
                    words: start..arena.len(),
                    signature: minhash::signature(&words),
                });
            }
            // Both are kept until the end of the search: without their growth slack.
            arena.shrink_to_fit();
            sketches.shrink_to_fit();
            (sketches, arena)
        })
        .unzip();
    let mut flat = Vec::with_capacity(sketches.iter().map(Vec::len).sum());
    for own in sketches {
        flat.extend(own);
    }
    let sketches = flat;
    let words_of = |i: u32| {
        let sketch = &sketches[i as usize];
        &arenas[sketch.at.wide().doc][sketch.words.clone()]
    };
    // Pairs whose later paragraph is long enough and one whose findings are reported, and
    // whose signatures agree enough to be diffed; at most the closest few per paragraph.
    let wanted = |later: u32| {
        let at = sketches[later as usize].at.wide();
        let words = docs[at.doc].paragraphs[at.para].fingerprint.words as usize;
        words >= options.near_min_words && reported.get(at.doc).copied().unwrap_or(true)
    };
    let estimate = |(a, b): (u32, u32)| {
        minhash::estimated_similarity(
            &sketches[a as usize].signature,
            &sketches[b as usize].signature,
        )
    };
    let pairs = candidate_pairs(&sketches, |pair| {
        wanted(pair.0) && estimate(pair) >= MIN_ESTIMATED_SIMILARITY
    });
    let pairs = closest_per_paragraph(pairs, estimate);

    // Confirmation with a word diff, in parallel: the best earlier match per paragraph.
    // Lengths, then sorted copies of the word lists, give cheap upper bounds first.
    pairs
        .par_chunk_by(|a, b| a.0 == b.0)
        .map_init(
            || (Vec::new(), Vec::new()),
            |(own_sorted, their_sorted), group| {
                let later = group[0].0;
                let own = words_of(later);
                sorted_into(own, own_sorted);
                let mut best: Option<NearMatch> = None;
                for &(_, earlier) in group {
                    let theirs = words_of(earlier);
                    if length_bound(own.len(), theirs.len()) < options.near_threshold {
                        continue;
                    }
                    sorted_into(theirs, their_sorted);
                    if similarity_bound(own_sorted, their_sorted) < options.near_threshold {
                        continue;
                    }
                    let score = similarity(own, theirs);
                    if score >= options.near_threshold
                        && best.as_ref().is_none_or(|b| score > b.similarity)
                    {
                        best = Some(NearMatch {
                            para: sketches[later as usize].at.wide(),
                            origin: sketches[earlier as usize].at.wide(),
                            similarity: score,
                        });
                    }
                }
                best
            },
        )
        .flatten()
        .collect()
}

/// An upper bound of `similarity` from the lengths alone: at best the shorter paragraph
/// is all in the longer one.
fn length_bound(a: usize, b: usize) -> f64 {
    if a + b == 0 {
        1.0
    } else {
        2.0 * a.min(b) as f64 / (a + b) as f64
    }
}

fn sorted_into(words: &[u32], out: &mut Vec<u32>) {
    out.clear();
    out.extend_from_slice(words);
    out.sort_unstable();
}

/// Pairs (later, earlier) of sketch indices that share an LSH band and that `keep` keeps,
/// sorted: for each band, sketches are sorted by band key, and each is paired with at
/// most `MAX_CANDIDATES_PER_BUCKET` earlier sketches of its bucket, the nearest first.
/// Sorting one band at a time keeps memory at 16 bytes per paragraph.
fn candidate_pairs<F>(sketches: &[Sketch], keep: F) -> Vec<(u32, u32)>
where
    F: Fn((u32, u32)) -> bool + Sync,
{
    let mut pairs: Vec<(u32, u32)> = (0..BANDS)
        .into_par_iter()
        .flat_map_iter(|band| {
            let mut keyed: Vec<(u64, u32)> = sketches
                .iter()
                .enumerate()
                .map(|(i, s)| (minhash::band_key(&s.signature, band), i as u32))
                .collect();
            keyed.sort_unstable();
            let mut found = Vec::new();
            for bucket in keyed.chunk_by(|a, b| a.0 == b.0) {
                for (pos, &(_, later)) in bucket.iter().enumerate() {
                    let nearest = &bucket[pos.saturating_sub(MAX_CANDIDATES_PER_BUCKET)..pos];
                    found.extend(
                        nearest
                            .iter()
                            .map(|&(_, earlier)| (later, earlier))
                            .filter(|&pair| keep(pair)),
                    );
                }
            }
            found
        })
        .collect();
    pairs.par_sort_unstable();
    pairs.dedup();
    pairs
}

/// Of sorted pairs (later, earlier), the `MAX_CONFIRMED_PER_PARAGRAPH` with the highest
/// estimate for each later paragraph (the earliest first among equals), still sorted:
/// text that repeats a lot costs a bounded number of diffs per paragraph.
fn closest_per_paragraph<E>(pairs: Vec<(u32, u32)>, estimate: E) -> Vec<(u32, u32)>
where
    E: Fn((u32, u32)) -> f64,
{
    if !pairs
        .chunk_by(|a, b| a.0 == b.0)
        .any(|group| group.len() > MAX_CONFIRMED_PER_PARAGRAPH)
    {
        return pairs;
    }
    let mut kept = Vec::with_capacity(pairs.len());
    for group in pairs.chunk_by(|a, b| a.0 == b.0) {
        if group.len() <= MAX_CONFIRMED_PER_PARAGRAPH {
            kept.extend_from_slice(group);
            continue;
        }
        let mut ranked: Vec<(f64, (u32, u32))> = group.iter().map(|&p| (estimate(p), p)).collect();
        ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        let mut closest: Vec<(u32, u32)> = ranked
            .into_iter()
            .take(MAX_CONFIRMED_PER_PARAGRAPH)
            .map(|(_, p)| p)
            .collect();
        closest.sort_unstable();
        kept.extend(closest);
    }
    kept
}

/// Documents whose text (in characters, site template and short lines left out) is
/// nearly all found in one earlier document: a changed headline or byline does not hide a
/// copy, because it weighs little beside the body.
fn find_copies(
    docs: &[Document],
    index: &ExactIndex,
    near: &[NearMatch],
    options: &Options,
) -> Vec<Copy> {
    let mut near_origin: HashMap<ParaRef, DocId> = HashMap::with_capacity(near.len());
    for m in near {
        near_origin.insert(m.para, m.origin.doc);
    }
    let mut copies = Vec::new();
    for (doc, document) in docs.iter().enumerate() {
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
        let Some((of, (_, first_found_chars))) = found_in
            .into_iter()
            .max_by_key(|&(source, (_, chars))| (chars, std::cmp::Reverse(source)))
        else {
            continue;
        };
        // First occurrences can lie in a third document that shares a paragraph with both:
        // count again against everything the best candidate holds.
        if total < 2 || (first_found_chars as f64) < 0.5 * total_chars as f64 {
            continue;
        }
        let theirs: KeySet<u128> = docs[of]
            .paragraphs
            .iter()
            .map(|p| p.fingerprint.key)
            .collect();
        let (mut found, mut found_chars) = (0, 0);
        for (para, p) in document.paragraphs.iter().enumerate() {
            if !index.counts(document, para, options) {
                continue;
            }
            let here = ParaRef { doc, para };
            if theirs.contains(&p.fingerprint.key) || near_origin.get(&here) == Some(&of) {
                found += 1;
                found_chars += p.fingerprint.chars as usize;
            }
        }
        if found >= 2 && found_chars as f64 >= options.document_share * total_chars as f64 {
            copies.push(Copy {
                doc,
                of,
                found,
                total,
            });
        }
    }
    copies
}

/// The byte span of paragraphs `first..=last` of `doc`.
pub fn paragraphs_span(doc: &Document, first: usize, last: usize) -> Span {
    Span::new(
        doc.paragraphs[first].span.start,
        doc.paragraphs[last].span.end,
    )
}

/// What to delete to remove paragraphs `first..=last` of `doc` with their blank lines.
pub fn removal_span(doc: &Document, first: usize, last: usize) -> Span {
    doc.removal_span(
        doc.paragraphs[first].first_line,
        doc.paragraphs[last].last_line,
    )
}

/// `line 3` or `lines 3–26` (1-based) for paragraphs `first..=last` of `doc`.
pub fn describe_lines(doc: &Document, first: usize, last: usize) -> String {
    let (from, to) = (
        doc.paragraphs[first].first_line + 1,
        doc.paragraphs[last].last_line + 1,
    );
    if from == to {
        format!("line {from}")
    } else {
        format!("lines {from}–{to}")
    }
}

/// The words that differ between two paragraphs, as `- old + new` groups.
pub fn word_changes(original: &str, copy: &str, max_groups: usize) -> String {
    let a: Vec<&str> = original.split_whitespace().collect();
    let b: Vec<&str> = copy.split_whitespace().collect();
    let ops = capture_diff_slices(Algorithm::Myers, &a, &b);
    let mut groups = Vec::new();
    for op in &ops {
        let (tag, old, new) = op.as_tag_tuple();
        if tag == similar::DiffTag::Equal {
            continue;
        }
        let mut group = Vec::new();
        if !old.is_empty() {
            group.push(format!("- {}", a[old].join(" ")));
        }
        if !new.is_empty() {
            group.push(format!("+ {}", b[new].join(" ")));
        }
        groups.push(group.join("   "));
    }
    let more = groups.len().saturating_sub(max_groups);
    groups.truncate(max_groups);
    let mut text = groups.join("  |  ");
    if more > 0 {
        text.push_str(&format!("  |  and {more} more"));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn corpus(texts: &[&str]) -> Corpus {
        Corpus {
            documents: texts
                .iter()
                .enumerate()
                .map(|(i, t)| {
                    Document::from_bytes(format!("{i}.txt").into(), t.as_bytes().to_vec())
                })
                .collect(),
            auxiliary: Vec::new(),
        }
    }

    const A: &str =
        "The UK said it views China and Russia as strategic rivals in some major technologies.";
    const B: &str =
        "It is not surprising that the UK launched groundless attacks on China and Russia.";
    const C: &str = "Debates over the rules governing cyberspace will increasingly become a site of competition.";

    #[test]
    fn consecutive_duplicates_form_one_block() {
        let text =
            format!("Title\n\n{A}\n\n{B}\n\n{C}\n\nAuthor note here.\n\n{A}\n\n{B}\n\n{C}\n");
        let analysis = Analysis::run(&corpus(&[&text]), &Options::default());
        assert_eq!(
            analysis.blocks,
            [Block {
                doc: 0,
                first: 5,
                last: 7,
                origin: ParaRef { doc: 0, para: 1 }
            }]
        );
    }

    #[test]
    fn short_repeats_alone_are_not_blocks_but_count_inside_one() {
        let text = format!("Share\n\n{A}\n\nShare\n\nPhoto: VCG\n\n{B}\n\nPhoto: VCG\n\n{B}\n");
        let analysis = Analysis::run(&corpus(&[&text]), &Options::default());
        assert_eq!(analysis.blocks.len(), 1);
        let block = &analysis.blocks[0];
        assert_eq!((block.first, block.last), (5, 6));
        assert_eq!(block.origin, ParaRef { doc: 0, para: 3 });
    }

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
    fn a_document_saved_twice_is_a_copy() {
        let one = format!("{A}\n\n{B}\n\n{C}\n");
        let two = format!("{A}\n\n{}\n\n{C}\n", B.replace("groundless", "baseless"));
        let analysis = Analysis::run(&corpus(&[&one, &two]), &short_paragraphs());
        assert_eq!(
            analysis.copies,
            [Copy {
                doc: 1,
                of: 0,
                found: 3,
                total: 3
            }]
        );
    }

    /// The test paragraphs are short: options that let them be near-duplicates.
    fn short_paragraphs() -> Options {
        Options {
            near_min_words: 5,
            ..Options::default()
        }
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

    #[test]
    fn only_the_closest_candidates_of_a_paragraph_are_diffed() {
        let many = MAX_CONFIRMED_PER_PARAGRAPH as u32 + 4;
        let mut pairs: Vec<(u32, u32)> = (0..many).map(|earlier| (100, earlier)).collect();
        pairs.extend([(101, 3), (101, 7)]);
        // Earlier paragraphs with a higher number agree more, but for 0, which agrees most.
        let estimate = |(_, earlier): (u32, u32)| {
            if earlier == 0 {
                1.0
            } else {
                f64::from(earlier) / 100.0
            }
        };
        let kept = closest_per_paragraph(pairs, estimate);
        let of_100: Vec<u32> = kept.iter().filter(|p| p.0 == 100).map(|p| p.1).collect();
        let mut expected: Vec<u32> = vec![0];
        expected.extend(many - MAX_CONFIRMED_PER_PARAGRAPH as u32 + 1..many);
        assert_eq!(of_100, expected);
        assert!(kept.ends_with(&[(101, 3), (101, 7)]));
    }

    #[test]
    fn removal_and_description_go_by_paragraph() {
        let doc = Document::from_bytes("t.txt".into(), b"one\n\ntwo\n\nthree\n".to_vec());
        assert_eq!(doc.slice(removal_span(&doc, 1, 1)), "two\n\n");
        assert_eq!(describe_lines(&doc, 1, 2), "lines 3–5");
    }

    /// Why 0.9 is the default `near_threshold`: a news paragraph of 25–60 words with one to
    /// three words or punctuation marks changed stays above it, and two different
    /// paragraphs that quote the same long sentence, or a paragraph rewritten by half,
    /// fall well below it.
    #[test]
    fn the_default_threshold_separates_edits_from_different_paragraphs() {
        let threshold = Options::default().near_threshold;
        let split = |s: &str| -> Vec<u32> {
            let doc = Document::from_bytes("t.txt".into(), s.as_bytes().to_vec());
            let mut words = Vec::new();
            words_into(&doc, 0, &mut String::new(), &mut words);
            words
        };
        let base = "The city council voted on Tuesday to extend the night bus network to the northern suburbs, a decision that transport campaigners had sought for almost a decade, and officials said the first routes would open next spring.";
        let edits = [
            base.replace("Tuesday", "Monday"),
            base.replace("Tuesday", "Monday")
                .replace("northern", "southern")
                .replace("decade", "generation"),
            base.replace(", a decision", "; a decision")
                .replace("decade,", "decade;"),
            base.replace("  ", " ").replace(' ', "\u{a0}"),
        ];
        for edit in &edits {
            let score = similarity(&split(base), &split(edit));
            assert!(score >= threshold, "{score} for {edit}");
        }
        let quote = "\"We cannot keep asking nurses to walk home through empty streets at three in the morning,\" the union representative said.";
        let different = [
            format!(
                "Speaking at the council meeting, where the motion passed by a wide margin, {quote}"
            ),
            format!(
                "Her words were repeated on Friday by the director, who wrote to the minister that {quote}"
            ),
        ];
        let score = similarity(&split(&different[0]), &split(&different[1]));
        assert!(score < threshold - 0.2, "{score}");
        let rewritten = "The city council voted on Wednesday against the plan to extend bus services, a setback that campaigners blamed on the cost of a new depot in the north.";
        let score = similarity(&split(base), &split(rewritten));
        assert!(score < threshold - 0.2, "{score}");
    }

    #[test]
    fn the_bound_is_never_below_the_similarity() {
        let pairs: [(&[u32], &[u32]); 4] = [
            (&[1, 2, 3, 4], &[4, 3, 2, 1]),
            (&[1, 2, 3, 4], &[1, 2, 5, 4]),
            (&[1, 1, 2], &[1, 2, 2]),
            (&[], &[7]),
        ];
        for (a, b) in pairs {
            let (mut sa, mut sb) = (Vec::new(), Vec::new());
            sorted_into(a, &mut sa);
            sorted_into(b, &mut sb);
            assert!(
                similarity_bound(&sa, &sb) >= similarity(a, b),
                "{a:?} {b:?}"
            );
        }
        assert_eq!(similarity_bound(&[1, 2, 3, 4], &[1, 2, 3, 4]), 1.0);
    }

    #[test]
    fn word_changes_show_what_differs() {
        assert_eq!(
            word_changes(
                "China's foreign ministry said",
                "Chinese foreign ministry said",
                3
            ),
            "- China's   + Chinese"
        );
    }
}
