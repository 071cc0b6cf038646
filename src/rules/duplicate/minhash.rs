//! MinHash signatures over word shingles, and LSH band keys, to find near-duplicate
//! candidates without comparing all pairs.

use xxhash_rust::xxh3::xxh3_64;

/// Words per shingle.
const SHINGLE: usize = 3;
/// 16 bands of 2 rows: a pair at the similarity threshold (one word in ten changed, a
/// shingle-set Jaccard of about 0.54) shares a band with probability 0.996.
pub const HASHES: usize = 32;
pub const BANDS: usize = 16;
const ROWS: usize = HASHES / BANDS;

/// 32-bit slots: two unrelated shingle sets agree on a slot by chance once in 2³², and
/// a signature takes 128 bytes, the memory near-duplicate search keeps per paragraph.
pub type Signature = [u32; HASHES];

/// splitmix64's finalizer: a fast, well-mixing permutation of 64-bit values.
fn mix(mut x: u64) -> u64 {
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// Odd multipliers, one per signature slot, for the multiply-xor hash family.
const MULTIPLIERS: [u64; HASHES] = {
    let mut m = [0; HASHES];
    let mut i = 0;
    while i < HASHES {
        // splitmix64's sequence, forced odd.
        let mut z = (i as u64 + 1).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        m[i] = (z ^ (z >> 31)) | 1;
        i += 1;
    }
    m
};

/// The hash of a word, as signatures and similarity use it. 32 bits are plenty to tell
/// the words of a corpus apart for similarity, and halve the memory of word lists.
pub fn word_hash(word: &str) -> u32 {
    xxh3_64(word.as_bytes()) as u32
}

/// The MinHash signature of a paragraph's word hashes: one well-mixed hash per 3-word
/// shingle, then a cheap multiply-xor permutation per slot.
pub fn signature(words: &[u32]) -> Signature {
    let mut sig = [u32::MAX; HASHES];
    let window = SHINGLE.min(words.len()).max(1);
    for shingle in words.windows(window) {
        let h = shingle
            .iter()
            .fold(0x9e37_79b9_7f4a_7c15_u64, |acc, &w| mix(acc ^ u64::from(w)));
        for (slot, multiplier) in sig.iter_mut().zip(MULTIPLIERS) {
            let v = h.wrapping_mul(multiplier);
            let v = ((v ^ (v >> 29)) >> 32) as u32;
            if v < *slot {
                *slot = v;
            }
        }
    }
    sig
}

/// The key of one band: paragraphs that share a band key are near-duplicate candidates.
pub fn band_key(sig: &Signature, band: usize) -> u64 {
    sig[band * ROWS..(band + 1) * ROWS]
        .iter()
        .fold(mix(band as u64 + 1), |acc, &r| mix(acc ^ u64::from(r)))
}

#[cfg(test)]
fn band_keys(sig: &Signature) -> [u64; BANDS] {
    std::array::from_fn(|band| band_key(sig, band))
}

/// Share of equal slots: an estimate of the Jaccard similarity of the shingle sets.
pub fn estimated_similarity(a: &Signature, b: &Signature) -> f64 {
    let equal = a.iter().zip(b).filter(|(x, y)| x == y).count();
    equal as f64 / HASHES as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<u32> {
        s.split(' ').map(word_hash).collect()
    }

    #[test]
    fn similar_paragraphs_share_bands_and_different_ones_do_not() {
        let a = "the uk said it views china and russia as strategic rivals in the developments of some major technologies such as artificial intelligence quantum computing and microprocessor design";
        let b = "the uk said it views chinese and russia as strategic rivals in the developments of some major technologies such as artificial intelligence quantum computing and microprocessor design";
        let c = "hacking has become a global issue in cyberspace hacking is rampant because it is a cross-border activity and many attacks are launched from outside of the victim country";
        let (sa, sb, sc) = (
            signature(&words(a)),
            signature(&words(b)),
            signature(&words(c)),
        );
        assert!(estimated_similarity(&sa, &sb) > 0.6);
        assert!(estimated_similarity(&sa, &sc) < 0.2);
        let (ka, kb, kc) = (band_keys(&sa), band_keys(&sb), band_keys(&sc));
        assert!(ka.iter().zip(&kb).any(|(x, y)| x == y));
        assert!(ka.iter().zip(&kc).all(|(x, y)| x != y));
    }

    /// Recall of the banding at the near-duplicate threshold: paragraphs of 30–60 words
    /// with one word in ten (at most) replaced must share a band.
    #[test]
    fn lightly_edited_paragraphs_become_candidates() {
        let vocabulary: Vec<String> = (0..5000).map(|i| format!("w{i}")).collect();
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = |n: usize| {
            state = mix(state);
            (state % n as u64) as usize
        };
        let (mut trials, mut found) = (0, 0);
        for _ in 0..500 {
            let len = 30 + next(31);
            let original: Vec<u32> = (0..len)
                .map(|_| word_hash(&vocabulary[next(5000)]))
                .collect();
            let mut edited = original.clone();
            for _ in 0..len / 10 {
                let at = next(len);
                edited[at] = word_hash(&vocabulary[next(5000)]);
            }
            let (a, b) = (
                band_keys(&signature(&original)),
                band_keys(&signature(&edited)),
            );
            trials += 1;
            if a.iter().zip(&b).any(|(x, y)| x == y) {
                found += 1;
            }
        }
        assert!(found * 100 >= trials * 99, "{found} of {trials}");
    }

    #[test]
    fn short_inputs_have_signatures() {
        assert_ne!(
            signature(&[word_hash("one"), word_hash("two")]),
            [u32::MAX; HASHES]
        );
        assert_eq!(signature(&[]), [u32::MAX; HASHES]);
    }
}
