use super::*;
use crate::rules::duplicate::linking::PARTS;
use crate::rules::duplicate::test_support::corpus;

fn words(text: &str) -> Vec<u32> {
    text.split(' ')
        .map(super::super::minhash::word_hash)
        .collect()
}

fn fingerprints(text: &str) -> Vec<u32> {
    let mut hashes = Vec::new();
    kgram_hashes(&words(text), K, &mut hashes);
    let mut out = Vec::new();
    winnow(&hashes, &mut out);
    out.sort_unstable();
    out
}

/// The guarantee of winnowing: a shared run of `K + WINDOW - 1` words is seen in both
/// texts whatever stands around it.
#[test]
fn a_shared_run_of_eight_words_shares_a_fingerprint() {
    let run = "the committee postponed its vote on the harbour budget";
    for (before, after) in [
        ("", ""),
        ("yesterday in a short statement", "until the spring session"),
        (
            "officials said",
            "after objections from two members of the board",
        ),
    ] {
        let text = format!("{before} {run} {after}");
        let one = fingerprints(text.trim());
        let two = fingerprints(&format!("reporters were told that {run} again"));
        assert!(one.iter().any(|fp| two.contains(fp)), "{text}");
    }
    let unrelated = fingerprints("a quiet night on the northern line ended with a delay");
    assert!(!fingerprints(run).iter().any(|fp| unrelated.contains(fp)));
}

/// The definition: the rightmost smallest hash of every window, each kept once.
fn winnow_by_definition(hashes: &[u64]) -> Vec<u32> {
    let mut out = Vec::new();
    if hashes.is_empty() {
        return out;
    }
    let window = WINDOW.min(hashes.len());
    let mut last = None;
    for start in 0..=hashes.len() - window {
        let best = rightmost_min(hashes, start, start + window);
        if last != Some(best) {
            out.push((hashes[best] >> 32) as u32);
            last = Some(best);
        }
    }
    out
}

proptest::proptest! {
    #[test]
    fn winnowing_agrees_with_the_definition(
        // Few distinct values, so that ties are common.
        hashes in proptest::collection::vec(
            proptest::strategy::Strategy::prop_map(0_u64..6, |h| h << 32 | h),
            0..40,
        )
    ) {
        let mut out = Vec::new();
        winnow(&hashes, &mut out);
        proptest::prop_assert_eq!(out, winnow_by_definition(&hashes));
    }
}

#[test]
fn winnowing_keeps_about_two_in_five_kgrams() {
    let text: Vec<String> = (0..2000).map(|i| format!("w{}", i * 7919 % 1009)).collect();
    let mut hashes = Vec::new();
    kgram_hashes(&words(&text.join(" ")), K, &mut hashes);
    let mut out = Vec::new();
    winnow(&hashes, &mut out);
    let density = out.len() as f64 / hashes.len() as f64;
    assert!((0.3..0.5).contains(&density), "{density}");
}

#[test]
fn documents_are_paired_by_specific_shared_text_only() {
    let story = "The harbour authority said on Monday that the northern quay would close for repairs until the end of March, after divers found cracks in two of its pillars.";
    let stock = "Readers can send their questions about local transport to the newsroom by email at any time of the day.";
    let other = "A new bakery opened in the old station building, where the owners plan to sell bread baked in a wood oven every morning.";
    let texts: Vec<String> = (0..6)
        .map(|i| match i {
            0 => format!("{story}\n\n{stock}\n"),
            1 => format!("{other}\n\n{stock}\n\nIt was said that {story}\n"),
            _ => format!("Item {i} of the day.\n\n{stock}\n"),
        })
        .collect();
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    let docs = corpus(&refs).documents;
    let options = Options {
        reuse_max_docs: 3,
        ..Options::default()
    };
    let fingerprints = || {
        let index = ExactIndex::build(&docs, &options);
        document_fingerprints(&docs, &index, &[true; 6])
    };
    let pairs = candidate_pairs(fingerprints(), &options, &[true; 6], &|_| false);
    // The stock line is in all six documents: it pairs none of them.
    assert_eq!(pairs, [(0, 1)]);
    // Reporting one document pairs it as the full run does.
    for one in 0..6 {
        let mut reported = [false; 6];
        reported[one] = true;
        let expected: Vec<(DocId, DocId)> = pairs
            .iter()
            .copied()
            .filter(|&(a, b)| a == one || b == one)
            .collect();
        let found = candidate_pairs(fingerprints(), &options, &reported, &|_| false);
        assert_eq!(found, expected, "document {one} reported");
    }
    let context = candidate_pairs(fingerprints(), &options, &[false; 6], &|_| false);
    assert!(context.is_empty());
}

#[test]
fn fingerprints_of_every_part_link_documents() {
    let shift = 32 - PARTS.trailing_zeros();
    for part in 0..PARTS {
        let (a, b) = ((part << shift) | 5, (part << shift) | 9);
        // Two documents sharing two fingerprints of this part and nothing else, beside
        // a third holding fingerprints of the other parts.
        let others: Vec<u32> = (0..PARTS)
            .filter(|&p| p != part)
            .map(|p| (p << shift) | 7)
            .collect();
        let pairs = candidate_pairs(
            vec![vec![a, b], others, vec![a, b]].into(),
            &Options::default(),
            &[true; 3],
            &|_| false,
        );
        assert_eq!(pairs, [(0, 2)], "part {part}");
    }
}

/// The pairs as defined: every two documents compared, one of them reported.
fn pairs_by_definition(
    per_doc: &[Vec<u32>],
    options: &Options,
    reported: &[bool],
    generic: u32,
) -> Vec<(DocId, DocId)> {
    let holders = |fp: u32| per_doc.iter().filter(|fps| fps.contains(&fp)).count();
    let linking = |fp: u32| fp != generic && holders(fp) <= options.reuse_max_docs.max(2);
    let mut pairs = Vec::new();
    for a in 0..per_doc.len() {
        for b in a + 1..per_doc.len() {
            let shared = per_doc[a]
                .iter()
                .filter(|&&fp| per_doc[b].contains(&fp) && linking(fp))
                .count();
            let smaller = per_doc[a].len().min(per_doc[b].len());
            if (reported[a] || reported[b])
                && shared as u32 >= MIN_SHARED
                && shared as f64 >= options.reuse_min_overlap * smaller as f64
            {
                pairs.push((a, b));
            }
        }
    }
    pairs
}

#[test]
fn a_tally_counts_each_document_named_and_starts_over() {
    let mut tally = Tally::new(8);
    let taken = |tally: &mut Tally| {
        let mut counted = Vec::new();
        tally.take(|doc, n| counted.push((doc, n)));
        counted.sort_unstable();
        counted
    };
    tally.add(&[3, 5, 3]);
    tally.add(&[7, 3]);
    assert_eq!(taken(&mut tally), [(3, 3), (5, 1), (7, 1)]);
    assert_eq!(taken(&mut tally), []);
    tally.add(&[5]);
    assert_eq!(taken(&mut tally), [(5, 1)]);
}

proptest::proptest! {
    /// Documents that draw their fingerprints from a few dozen share many, a few
    /// documents or most of them: the pairs are those of the definition.
    #[test]
    fn documents_are_paired_as_defined(
        sets in proptest::collection::vec(
            proptest::collection::btree_set(0u32..40, 0..12),
            0..14,
        ),
        reported in proptest::collection::vec(proptest::prelude::any::<bool>(), 14),
        max_docs in 2usize..7,
        overlap in 0.0f64..0.7,
        generic in 0u32..40,
    ) {
        // Spread over the parts: multiplying by an odd number maps values one to one.
        let spread = |v: u32| v.wrapping_mul(0x9e37_79b9);
        let per_doc: Vec<Vec<u32>> = sets
            .iter()
            .map(|set| {
                let mut fps: Vec<u32> = set.iter().map(|&v| spread(v)).collect();
                fps.sort_unstable();
                fps
            })
            .collect();
        let reported = &reported[..per_doc.len()];
        let options = Options {
            reuse_max_docs: max_docs,
            reuse_min_overlap: overlap,
            ..Options::default()
        };
        let generic = spread(generic);
        let pairs = candidate_pairs(
            per_doc.clone().into(),
            &options,
            reported,
            &|fp| fp == generic,
        );
        proptest::prop_assert_eq!(
            pairs,
            pairs_by_definition(&per_doc, &options, reported, generic)
        );
    }
}
