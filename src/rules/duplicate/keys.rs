//! The keys that tie a document to the others the duplicate analysis may relate it to:
//! the normalized text of each paragraph (exact duplicates, blocks, copies), the LSH band
//! keys of each paragraph long enough to be sketched (near-duplicates), and the winnowed
//! fingerprints of its prose (reused text).
//!
//! Two documents that share no key have no finding of the family together, so a corpus
//! can be cut into groups of documents that share keys, and each group analysed alone
//! (`shard`). The keys are made by the functions the analysis itself uses; they err on
//! the side of linking (every sketched or fingerprinted paragraph, template or not).

use super::Options;
use super::exact::counts;
use super::fingerprint::{K, is_prose, kgram_hashes, winnow};
use super::minhash::{self, BANDS, mix};
use super::near::words_into;
use crate::document::Document;

/// Kinds of key, mixed into each one so that a band key never meets a fingerprint.
const EXACT: u64 = 0x9e37_79b9_7f4a_7c15;
const BAND: u64 = 0xc2b2_ae3d_27d4_eb4f;
const FINGERPRINT: u64 = 0x1656_67b1_9e37_79f9;

/// The link keys of `document`, sorted, without repeats.
pub fn link_keys(document: &Document, options: &Options) -> Vec<u64> {
    let mut keys = Vec::new();
    let mut buffer = String::new();
    let mut words = Vec::new();
    let (mut hashes, mut fingerprints) = (Vec::new(), Vec::new());
    for (para, p) in document.paragraphs.iter().enumerate() {
        if p.fingerprint.chars == 0 || document.is_verbatim_paragraph(para) {
            continue;
        }
        let key = p.fingerprint.key;
        keys.push(mix(EXACT ^ (key as u64) ^ mix((key >> 64) as u64)));
        let sketched = counts(document, para, options);
        let fingerprinted = p.fingerprint.words as usize >= K && is_prose(document, para);
        if !sketched && !fingerprinted {
            continue;
        }
        words_into(document, para, &mut buffer, &mut words);
        if sketched {
            let signature = minhash::signature(&words);
            for band in 0..BANDS {
                let band_key = minhash::band_key(&signature, band);
                keys.push(mix(BAND ^ band as u64 ^ mix(band_key)));
            }
        }
        if fingerprinted {
            kgram_hashes(&words, K, &mut hashes);
            winnow(&hashes, &mut fingerprints);
        }
    }
    keys.extend(
        fingerprints
            .into_iter()
            .map(|fp| mix(FINGERPRINT ^ u64::from(fp))),
    );
    keys.sort_unstable();
    keys.dedup();
    keys
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::duplicate::test_support::{A, B, C, corpus};

    fn shared(a: &str, b: &str) -> usize {
        let docs = corpus(&[a, b]).documents;
        let options = Options::default();
        let (x, y) = (link_keys(&docs[0], &options), link_keys(&docs[1], &options));
        x.iter().filter(|k| y.binary_search(k).is_ok()).count()
    }

    #[test]
    fn documents_that_share_a_paragraph_or_an_edited_one_share_keys() {
        assert!(shared(&format!("{A}\n\n{C}\n"), &format!("{B}\n\n{A}\n")) > 0);
        let edited = A.replace("major", "key");
        assert!(shared(&format!("{A}\n"), &format!("{edited}\n")) > 0);
        assert_eq!(shared(&format!("{A}\n"), &format!("{C}\n")), 0);
    }
}
