//! Near-duplicates: paragraphs nearly equal to an earlier one, a few words changed.
//!
//! MinHash signatures over word shingles (see `minhash`), LSH bands as buckets, a bounded
//! number of earlier candidates per paragraph (the closest by signature), each confirmed
//! by a word diff after cheap upper bounds of the similarity have not ruled it out.

use rayon::prelude::*;
use similar::{Algorithm, capture_diff_slices};

use super::Options;
use super::candidates::{CandidateWords, rounds};
use super::exact::{ExactIndex, ParaRef, ParaRef32, counts};
use super::minhash::{self, BANDS, Signature};
use super::radix::sort_by_hash_key;
use super::words::words_into;
use crate::corpus::{each_in_slices, is_reported};
use crate::document::Document;

/// Earlier paragraphs compared with a paragraph per LSH bucket: bounds the work on
/// text that repeats a lot.
const MAX_CANDIDATES_PER_BUCKET: usize = 8;
/// Candidates whose signatures agree on fewer slots are not diffed.
const MIN_ESTIMATED_SIMILARITY: f64 = 0.3;
/// Candidates diffed per paragraph at most, those whose signatures agree most.
const MAX_CONFIRMED_PER_PARAGRAPH: usize = 16;
/// Documents sketched in one parallel pass before their sketches join the flat list.
const SKETCH_DOCUMENTS: usize = 1024;
/// Words of candidate paragraphs read for one round of confirmations at most (64 MB):
/// a paragraph that is a candidate in two rounds is read twice, so rounds are few.
const WORDS_PER_ROUND: usize = 16 * 1024 * 1024;

/// A paragraph nearly equal to an earlier one.
#[derive(Debug, Clone, PartialEq)]
pub struct NearMatch {
    pub para: ParaRef,
    pub origin: ParaRef,
    pub similarity: f64,
}

/// Word-level similarity of two paragraphs: 2 × matching words / all words.
fn similarity(a: &[u32], b: &[u32]) -> f64 {
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

/// What near-duplicate search keeps of a paragraph: where it is, whether its matches are
/// looked for, and its signature: 76 bytes.
struct Sketch {
    at: ParaRef32,
    /// Whether matches of the paragraph are looked for: it is long enough and its
    /// findings are reported. (Any paragraph can be the earlier one of a match.)
    wanted: bool,
    signature: Signature,
}

const _: () = assert!(std::mem::size_of::<Sketch>() == 76);

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

/// Near-duplicate paragraphs, in corpus order: for each paragraph that counts (not an exact
/// duplicate, long enough, not site template) of a document marked in `reported`, its
/// most similar earlier paragraph at `near_threshold` or above.
pub(super) fn find_near(
    docs: &[Document],
    index: &ExactIndex,
    options: &Options,
    reported: &[bool],
) -> Vec<NearMatch> {
    find_near_in_rounds(docs, index, options, reported, WORDS_PER_ROUND)
}

/// [`find_near`], the candidates' words read about `words_per_round` at a time.
fn find_near_in_rounds(
    docs: &[Document],
    index: &ExactIndex,
    options: &Options,
    reported: &[bool],
    words_per_round: usize,
) -> Vec<NearMatch> {
    // Sketches of the paragraphs that can be near-duplicates, in corpus order. The words
    // themselves are not kept: few paragraphs become candidates, and theirs are hashed
    // again below.
    let sketch = |(buffer, words): &mut (String, Vec<u32>), doc: usize, document: &Document| {
        let mut sketches = Vec::new();
        // A context document whose keys an index holds: only the paragraphs that may pair
        // with a reported one are sketched (the others could only be candidates of
        // paragraphs not looked at).
        let indexed = index.indexed_keys(doc, document, reported);
        for para in 0..document.paragraphs.len() {
            let sketched = index.origins[doc][para].is_none()
                && counts(document, para, options)
                && indexed.is_none_or(|k| k.may_pair[para])
                && !index.is_template(document, para);
            if !sketched {
                continue;
            }
            words_into(document, para, buffer, words);
            let long_enough =
                document.paragraphs[para].fingerprint.words as usize >= options.near_min_words;
            sketches.push(Sketch {
                at: ParaRef32::new(ParaRef { doc, para }),
                wanted: long_enough && is_reported(reported, doc),
                signature: minhash::signature(words),
            });
        }
        sketches
    };
    // Gathered a slice of documents at a time: the sketches of the whole corpus are never
    // held twice, once per document and once flat.
    let mut sketches = Vec::new();
    each_in_slices(docs, SKETCH_DOCUMENTS, sketch, |own: Vec<Sketch>| {
        sketches.extend(own);
    });
    // Grown by doubling, the list may hold room for nearly as many sketches again (425
    // thousand sketches in room for 721 thousand, 22 MB, on a 200 MB corpus) for the
    // whole search; a large allocation shrinks where it stands.
    sketches.shrink_to_fit();
    // Pairs whose later paragraph is long enough and one whose findings are reported, and
    // whose signatures agree enough to be diffed; at most the closest few per paragraph.
    let estimate = |(a, b): (u32, u32)| {
        minhash::estimated_similarity(
            &sketches[a as usize].signature,
            &sketches[b as usize].signature,
        )
    };
    let pairs = candidate_pairs(&sketches, |pair| estimate(pair) >= MIN_ESTIMATED_SIMILARITY);
    let pairs = closest_per_paragraph(pairs, estimate);
    // From here on only where each sketched paragraph is counts: the signatures (a third
    // of the search's memory) are freed before the candidates' words are read.
    let at: Vec<ParaRef32> = sketches.iter().map(|s| s.at).collect();
    drop(sketches);
    // The words of the candidates are read a round of pairs at a time: in a corpus that
    // repeats much of its text, those of every candidate at once take the most memory of
    // the whole check (86 MB for a 200 MB corpus of scraped news).
    let words_in = |sketch: u32| {
        let at = at[sketch as usize].wide();
        docs[at.doc].paragraphs[at.para].fingerprint.words as usize
    };
    let mut found = Vec::new();
    for round in rounds(&pairs, words_in, words_per_round) {
        let candidates = CandidateWords::of(round, &at, docs);
        found.extend(confirm(round, &candidates, &at, options));
    }
    found
}

/// The best earlier match of each later paragraph of `pairs`, confirmed with a word diff,
/// in parallel. Lengths, then sorted copies of the word lists, give cheap upper bounds
/// first.
fn confirm(
    pairs: &[(u32, u32)],
    candidates: &CandidateWords,
    at: &[ParaRef32],
    options: &Options,
) -> Vec<NearMatch> {
    let words_of = |i: u32| candidates.get(i);
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
                            para: at[later as usize].wide(),
                            origin: at[earlier as usize].wide(),
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

/// Pairs (later, earlier) of sketch indices that share an LSH band, the later one wanted,
/// and that `keep` keeps, sorted: for each band, sketches are sorted by band key, and each
/// is paired with at most `MAX_CANDIDATES_PER_BUCKET` earlier sketches of its bucket, the
/// nearest first. Sorting one band at a time, by the top half of each key, keeps memory at
/// 8 bytes per paragraph (and as much again for the sort); the few runs of equal halves
/// that are not one bucket are split by the whole keys, read again from the signatures.
fn candidate_pairs<F>(sketches: &[Sketch], keep: F) -> Vec<(u32, u32)>
where
    F: Fn((u32, u32)) -> bool + Sync,
{
    let mut pairs: Vec<(u32, u32)> = (0..BANDS)
        .into_par_iter()
        .flat_map_iter(|band| {
            let key = |i: u32| minhash::band_key(&sketches[i as usize].signature, band);
            let mut keyed: Vec<(u32, u32)> = (0..sketches.len() as u32)
                .map(|i| ((key(i) >> 32) as u32, i))
                .collect();
            // Sketches are numbered in order: a stable sort by key leaves each bucket's
            // earlier sketches first.
            sort_by_hash_key(&mut keyed, |&(half, _)| half);
            let mut found = Vec::new();
            let mut whole = Vec::new();
            for run in keyed
                .chunk_by(|a, b| a.0 == b.0)
                .filter(|run| run.len() > 1)
            {
                whole.clear();
                whole.extend(run.iter().map(|&(_, i)| (key(i), i)));
                // Stable: each bucket's sketches stay in order.
                whole.sort_by_key(|&(key, _)| key);
                for bucket in whole.chunk_by(|a, b| a.0 == b.0) {
                    pair_in_bucket(bucket, sketches, &keep, &mut found);
                }
            }
            found
        })
        .collect();
    pairs.par_sort_unstable();
    pairs.dedup();
    pairs
}

/// Pairs (later, earlier) of one bucket's sketches, given in order with their key: each
/// wanted one with at most `MAX_CANDIDATES_PER_BUCKET` earlier ones, the nearest first,
/// that `keep` keeps.
fn pair_in_bucket(
    bucket: &[(u64, u32)],
    sketches: &[Sketch],
    keep: &impl Fn((u32, u32)) -> bool,
    found: &mut Vec<(u32, u32)>,
) {
    for (pos, &(_, later)) in bucket.iter().enumerate() {
        if !sketches[later as usize].wanted {
            continue;
        }
        let nearest = &bucket[pos.saturating_sub(MAX_CANDIDATES_PER_BUCKET)..pos];
        found.extend(
            nearest
                .iter()
                .map(|&(_, earlier)| (later, earlier))
                .filter(|&pair| keep(pair)),
        );
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn band_keys_with_the_same_top_half_are_still_different_buckets() {
        // Two first bands whose keys agree in their top 32 bits, found by trying values.
        let top = |sig: &Signature| (minhash::band_key(sig, 0) >> 32) as u32;
        let with_band = |first: u32, rest: u16| {
            let mut sig = [rest; minhash::HASHES];
            sig[0] = first as u16;
            sig[1] = (first >> 16) as u16;
            sig
        };
        let mut seen = std::collections::HashMap::new();
        let (a, b) = (0u32..)
            .find_map(|first| {
                let half = top(&with_band(first, 0));
                seen.insert(half, first).map(|earlier| (earlier, first))
            })
            .expect("32-bit halves collide long before the values run out");
        let sketch = |signature| Sketch {
            at: ParaRef32::new(ParaRef { doc: 0, para: 0 }),
            wanted: true,
            signature,
        };
        let (sig_a, sig_b) = (with_band(a, 1), with_band(b, 2));
        assert_ne!(minhash::band_key(&sig_a, 0), minhash::band_key(&sig_b, 0));
        assert_eq!(top(&sig_a), top(&sig_b));
        // The third sketch shares every band with the first, none with the second.
        let sketches = [sketch(sig_a), sketch(sig_b), sketch(sig_a)];
        assert_eq!(candidate_pairs(&sketches, |_| true), vec![(2, 0)]);
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
    fn the_matches_are_the_same_however_many_rounds_read_the_words() {
        use crate::rules::duplicate::test_support::{self, A, B, C};
        // Each document changes one word of each paragraph, its own.
        let edited = |text: &str, d: usize| {
            let mut words: Vec<String> = text.split(' ').map(str::to_owned).collect();
            let at = d % words.len();
            words[at] = format!("word{d}");
            words.join(" ")
        };
        let texts: Vec<String> = (0..12)
            .map(|d| {
                [A, B, C]
                    .iter()
                    .map(|t| edited(t, d))
                    .collect::<Vec<_>>()
                    .join("\n\n")
            })
            .collect();
        let corpus = test_support::corpus(&texts.iter().map(String::as_str).collect::<Vec<_>>());
        let options = Options {
            near_threshold: 0.8,
            ..test_support::short_paragraphs()
        };
        let index = ExactIndex::build(&corpus.documents, &options);
        let reported = vec![true; corpus.documents.len()];
        let search = |words_per_round| {
            find_near_in_rounds(
                &corpus.documents,
                &index,
                &options,
                &reported,
                words_per_round,
            )
        };
        let whole = search(usize::MAX);
        assert!(!whole.is_empty());
        for words_per_round in [0, 1, 20, 100] {
            assert_eq!(
                search(words_per_round),
                whole,
                "{words_per_round} words a round"
            );
        }
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
}
