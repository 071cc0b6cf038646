//! MinHash signatures over word shingles, and LSH band keys, to find near-duplicate
//! candidates without comparing all pairs.

use xxhash_rust::xxh3::xxh3_64;

use crate::text::{load_u32, load_u64};

/// Words per shingle.
const SHINGLE: usize = 3;
/// 16 bands of 2 rows: a pair at the similarity threshold (one word in ten changed, a
/// shingle-set Jaccard of about 0.54) shares a band with probability 0.996.
pub const HASHES: usize = 32;
pub const BANDS: usize = 16;
const ROWS: usize = HASHES / BANDS;

/// 16-bit slots (b-bit MinHash, Li and König, WWW 2010): two unrelated shingle sets
/// agree on a slot by chance once in 65,536, which moves an estimate by 0.00002, and a
/// signature takes 64 bytes, the memory near-duplicate search keeps per paragraph.
pub type Signature = [u16; HASHES];

/// splitmix64's finalizer: a fast, well-mixing permutation of 64-bit values.
pub(super) fn mix(mut x: u64) -> u64 {
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// Odd multipliers, one per place of a word in a run of words: splitmix64's, murmur3's
/// and the golden ratio's constants.
const PLACE_MULTIPLIERS: [u64; 5] = [
    0x9e37_79b9_7f4a_7c15,
    0xbf58_476d_1ce4_e5b9,
    0x94d0_49bb_1331_11eb,
    0xff51_afd7_ed55_8ccd,
    0xc4ce_b9fe_1a85_ec53,
];

/// The longest run of words [`gram_hash`] takes.
pub(super) const MAX_GRAM: usize = PLACE_MULTIPLIERS.len();

/// The hash of a run of at most `MAX_GRAM` word hashes: each word times the multiplier
/// of its place, added to `seed`, then mixed once. The products do not wait on each other,
/// where mixing after each word chained every word's multiplications to the one before.
/// Two runs of random word hashes sum alike by chance once in 2^64.
pub(super) fn gram_hash(seed: u64, gram: &[u32]) -> u64 {
    debug_assert!(gram.len() <= MAX_GRAM, "a run of {} words", gram.len());
    let sum = gram
        .iter()
        .zip(PLACE_MULTIPLIERS)
        .fold(seed, |acc, (&w, m)| {
            acc.wrapping_add(u64::from(w).wrapping_mul(m))
        });
    mix(sum)
}

/// The hash of a word, as signatures and similarity use it. 32 bits are plenty to tell
/// the words of a corpus apart for similarity, and halve the memory of word lists.
pub fn word_hash(word: &str) -> u32 {
    word_hash_bytes(word.as_bytes())
}

/// [`word_hash`] of a word's bytes.
///
/// A word of up to 16 bytes, nearly every word of prose, is read as two 64-bit values
/// that together hold each of its bytes (the first and last eight bytes, or four, or the
/// first, middle and last byte), with its length: a word is never cut or padded, so two
/// words read alike only when they are the same. The two values are multiplied into 128
/// bits and folded (wyhash's small-input step): a few instructions where a general hash
/// of a byte string spends tens on choosing its path by length. Longer words take xxh3.
#[inline(always)]
pub fn word_hash_bytes(word: &[u8]) -> u32 {
    let len = word.len();
    match len {
        0 => folded_product(0, 0, 0),
        1..=3 => folded_product(
            u64::from(word[0]) | u64::from(word[len / 2]) << 8 | u64::from(word[len - 1]) << 16,
            0,
            len,
        ),
        4..=8 => folded_product(
            u64::from(load_u32(word)),
            u64::from(load_u32(&word[len - 4..])),
            len,
        ),
        9..=16 => folded_product(load_u64(word), load_u64(&word[len - 8..]), len),
        _ => xxh3_64(word) as u32,
    }
}

/// [`word_hash_bytes`] of a word of at most eight bytes held in `x`, little-endian: its
/// first `len` bytes (the others are not read).
#[inline]
pub(super) fn short_word_hash(x: u64, len: usize) -> u32 {
    debug_assert!(len <= 8, "a word of {len} bytes");
    let byte = |k: usize| (x >> (8 * k)) & 0xff;
    match len {
        0 => folded_product(0, 0, 0),
        1..=3 => folded_product(byte(0) | byte(len / 2) << 8 | byte(len - 1) << 16, 0, len),
        _ => folded_product(x & 0xffff_ffff, (x >> (8 * (len - 4))) & 0xffff_ffff, len),
    }
}

/// The hash of a short word read as `a` and `b`, of `len` bytes.
#[inline]
fn folded_product(a: u64, b: u64, len: usize) -> u32 {
    // The length is spread over all bits: XORed as it is, `w1220` and `w12220` (`1` ^ 5
    // = `2` ^ 6) read alike.
    let len = (len as u64).wrapping_mul(LENGTH_MULTIPLIER);
    let product = u128::from(a ^ WORD_SEEDS[0]) * u128::from(b ^ WORD_SEEDS[1] ^ len);
    let folded = (product as u64) ^ ((product >> 64) as u64);
    (folded ^ (folded >> 32)) as u32
}

/// wyhash's secrets. No word zeroes a factor, which would give many words one hash: read
/// as bytes, the first secret, and the second with any length from 9 to 16 mixed in, are
/// no UTF-8; a shorter word's values have high bytes of zero, which these have not.
const WORD_SEEDS: [u64; 2] = [0xa076_1d64_78bd_642f, 0xe703_7ed1_a0b4_28db];
const LENGTH_MULTIPLIER: u64 = 0x9e37_79b9_7f4a_7c15;

/// The MinHash signature of a paragraph's word hashes, by one-permutation hashing: one
/// well-mixed hash per 3-word shingle picks a slot with its top bits and competes for
/// that slot's minimum with its low bits. One hash per shingle instead of one per slot
/// and shingle; slots no shingle reached are filled by optimal densification
/// (Shrivastava, ICML 2017), which keeps the chance that two signatures agree on a slot
/// equal to the Jaccard similarity of their shingle sets.
pub fn signature(words: &[u32]) -> Signature {
    let mut sig = [u16::MAX; HASHES];
    let mut filled: u32 = 0;
    let window = SHINGLE.min(words.len()).max(1);
    for shingle in words.windows(window) {
        let h = gram_hash(SHINGLE_SEED, shingle);
        let slot = (h >> (64 - SLOT_BITS)) as usize;
        let value = h as u16;
        filled |= 1 << slot;
        if value < sig[slot] {
            sig[slot] = value;
        }
    }
    if filled != 0 && filled != u32::MAX {
        densify(&mut sig, filled);
    }
    sig
}

/// Shingles and reused-text k-grams are hashed apart, from seeds of their own.
const SHINGLE_SEED: u64 = 0x9e37_79b9_7f4a_7c15;
const _: () = assert!(SHINGLE <= MAX_GRAM);

const SLOT_BITS: u32 = HASHES.trailing_zeros();
const _: () = assert!(HASHES == 32, "`filled` is a 32-bit mask of slots");

/// Fills each empty slot with the value of the first filled slot of a probe sequence
/// fixed by the empty slot's number, the same for every paragraph.
fn densify(sig: &mut Signature, filled: u32) {
    let original = *sig;
    for (slot, value) in sig.iter_mut().enumerate() {
        if filled & (1 << slot) != 0 {
            continue;
        }
        let probed = (1..=MAX_PROBES)
            .map(|attempt| (mix(((slot as u64) << 32) | attempt) >> (64 - SLOT_BITS)) as usize)
            .find(|&probe| filled & (1 << probe) != 0);
        // 64 probes all miss only when nearly every slot is empty, one time in millions.
        let source = probed.unwrap_or(filled.trailing_zeros() as usize);
        *value = original[source];
    }
}

const MAX_PROBES: u64 = 64;

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
    fn a_word_hash_depends_on_each_byte_and_the_length() {
        let base = b"abcdefghijklmnopqrstuvwx";
        for len in 1..=base.len() {
            let word = &base[..len];
            let hash = word_hash_bytes(word);
            assert_ne!(hash, word_hash_bytes(&base[..len - 1]), "{len}");
            for at in 0..len {
                for other in [b'z', b'A', b'0', 0xc3] {
                    let mut changed = word.to_vec();
                    changed[at] = other;
                    assert_ne!(hash, word_hash_bytes(&changed), "{len} bytes, byte {at}");
                }
            }
        }
    }

    #[test]
    fn a_short_word_held_in_a_number_hashes_as_its_bytes() {
        let bytes = *b"Ab9;x\xc3\xa9Z";
        for len in 0..=8 {
            // Bytes past the word are not read.
            let junk = if len < 8 { u64::MAX << (8 * len) } else { 0 };
            let held = u64::from_le_bytes(bytes) | junk;
            assert_eq!(
                short_word_hash(held, len),
                word_hash_bytes(&bytes[..len]),
                "{len}"
            );
        }
    }

    /// Distinct words collide about as often as random 32-bit values would: n²/2³³ pairs,
    /// about 9 for the 280,000 words here.
    #[test]
    fn distinct_words_seldom_share_a_hash() {
        let mut words: Vec<Vec<u8>> = (0..150_000u64)
            .map(|n| format!("w{n}").into_bytes())
            .collect();
        words.extend((0..150_000u64).map(|n| {
            let random = mix(n);
            let len = 1 + (random % 16) as usize;
            (0..len)
                .map(|k| b'a' + (mix(random ^ k as u64) % 26) as u8)
                .collect()
        }));
        words.sort_unstable();
        words.dedup();
        let mut hashes: Vec<u32> = words.iter().map(|w| word_hash_bytes(w)).collect();
        hashes.sort_unstable();
        let repeats = hashes.windows(2).filter(|w| w[0] == w[1]).count();
        assert!(words.len() > 270_000, "{}", words.len());
        assert!(repeats <= 40, "{repeats} repeated hashes");
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

    /// Densified slots must not bias the estimate, least of all for short paragraphs,
    /// where most slots are filled by densification.
    #[test]
    fn agreement_estimates_jaccard_similarity() {
        let mut state = 0x9e37_79b9_u64;
        let mut next = || {
            state = mix(state);
            state as u32
        };
        for (shared, own) in [(4, 4), (10, 10), (30, 10), (60, 60)] {
            let trials = 400;
            let mut total = 0.0;
            for _ in 0..trials {
                // Shingles are 3-word windows; words spaced by unique fillers keep each
                // shingle distinct, so set sizes are the word counts less two.
                let common: Vec<u32> = (0..shared).map(|_| next()).collect();
                let a: Vec<u32> = common
                    .iter()
                    .copied()
                    .chain((0..own).map(|_| next()))
                    .collect();
                let b: Vec<u32> = common
                    .iter()
                    .copied()
                    .chain((0..own).map(|_| next()))
                    .collect();
                total += estimated_similarity(&signature(&a), &signature(&b));
            }
            let shingles_shared = (shared - 2) as f64;
            let union = 2.0 * (shared + own - 2) as f64 - shingles_shared;
            let jaccard = shingles_shared / union;
            let mean = total / f64::from(trials);
            assert!(
                (mean - jaccard).abs() < 0.05,
                "{shared} shared, {own} own words: mean estimate {mean:.3}, Jaccard {jaccard:.3}"
            );
        }
    }

    #[test]
    fn short_inputs_have_signatures() {
        assert_ne!(
            signature(&[word_hash("one"), word_hash("two")]),
            [u16::MAX; HASHES]
        );
        assert_eq!(signature(&[]), [u16::MAX; HASHES]);
    }

    /// A run's hash changes with any one of its words, and with their order: runs of the
    /// same words in another order are other text.
    #[test]
    fn a_run_hash_depends_on_each_word_and_its_place() {
        let words: Vec<u32> = "the cat sat on a mat".split(' ').map(word_hash).collect();
        let run = &words[..MAX_GRAM];
        let mut seen = std::collections::HashSet::new();
        assert!(seen.insert(gram_hash(SHINGLE_SEED, run)));
        for place in 0..run.len() {
            let mut changed = run.to_vec();
            changed[place] = words[MAX_GRAM];
            assert!(
                seen.insert(gram_hash(SHINGLE_SEED, &changed)),
                "word {place}"
            );
            for other in place + 1..run.len() {
                let mut swapped = run.to_vec();
                swapped.swap(place, other);
                assert!(
                    seen.insert(gram_hash(SHINGLE_SEED, &swapped)),
                    "{place}, {other}"
                );
            }
        }
        assert_ne!(
            gram_hash(SHINGLE_SEED, run),
            gram_hash(SHINGLE_SEED + 1, run)
        );
        assert_ne!(
            gram_hash(SHINGLE_SEED, &run[..2]),
            gram_hash(SHINGLE_SEED, &run[..3])
        );
    }
}
