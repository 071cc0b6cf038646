//! MinHash signatures over word shingles, and LSH band keys, to find near-duplicate
//! candidates without comparing all pairs.

use xxhash_rust::xxh3::xxh3_64;

/// Words per shingle.
const SHINGLE: usize = 3;
pub const HASHES: usize = 32;
pub const BANDS: usize = 8;
const ROWS: usize = HASHES / BANDS;

pub type Signature = [u64; HASHES];

/// splitmix64's finalizer: a fast, well-mixing permutation of 64-bit values.
fn mix(mut x: u64) -> u64 {
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// The MinHash signature of a paragraph's normalized words.
pub fn signature(words: &[&str]) -> Signature {
    let mut sig = [u64::MAX; HASHES];
    let hashes: Vec<u64> = words.iter().map(|w| xxh3_64(w.as_bytes())).collect();
    let window = SHINGLE.min(hashes.len()).max(1);
    for shingle in hashes.windows(window) {
        let h = shingle
            .iter()
            .fold(0x9e37_79b9_7f4a_7c15_u64, |acc, &w| mix(acc ^ w));
        for (i, slot) in sig.iter_mut().enumerate() {
            let v = mix(h ^ (i as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15));
            if v < *slot {
                *slot = v;
            }
        }
    }
    sig
}

/// One key per band: paragraphs that share a band key are near-duplicate candidates.
pub fn band_keys(sig: &Signature) -> [u64; BANDS] {
    let mut keys = [0; BANDS];
    for (band, key) in keys.iter_mut().enumerate() {
        let rows = &sig[band * ROWS..(band + 1) * ROWS];
        *key = rows
            .iter()
            .fold(mix(band as u64 + 1), |acc, &r| mix(acc ^ r));
    }
    keys
}

/// Share of equal slots: an estimate of the Jaccard similarity of the shingle sets.
pub fn estimated_similarity(a: &Signature, b: &Signature) -> f64 {
    let equal = a.iter().zip(b).filter(|(x, y)| x == y).count();
    equal as f64 / HASHES as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<&str> {
        s.split(' ').collect()
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

    #[test]
    fn short_inputs_have_signatures() {
        assert_ne!(signature(&["one", "two"]), [u64::MAX; HASHES]);
        assert_eq!(signature(&[]), [u64::MAX; HASHES]);
    }
}
