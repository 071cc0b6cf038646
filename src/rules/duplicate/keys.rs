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
use super::words::words_into;
use crate::document::Document;

/// Two documents are compared for reused text when they share at least this many
/// fingerprints that are not generic.
pub use super::fingerprint::MIN_SHARED as MIN_SHARED_FINGERPRINTS;

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
        let key = p.fingerprint.key();
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

/// The link keys of one paragraph, as [`paragraph_links`] gives them.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ParagraphLinks {
    /// Whether the paragraph takes part in the exact index (it has text, and is not a
    /// verbatim block); the others have no keys at all.
    pub exact: bool,
    /// The band keys (mixed as [`link_keys`] mixes them) when it is long enough to be
    /// sketched; empty otherwise.
    pub bands: Vec<u64>,
    /// Its winnowed fingerprints, sorted, without repeats, when it is prose long enough.
    pub fingerprints: Vec<u32>,
}

/// The link keys of `document` paragraph by paragraph, handed to `each` in order: what
/// [`link_keys`] merges, kept apart so that a caller that knows which paragraphs are
/// site template can leave their keys out.
pub fn paragraph_links(
    document: &Document,
    options: &Options,
    mut each: impl FnMut(usize, &ParagraphLinks),
) {
    let mut buffer = String::new();
    let mut words = Vec::new();
    let mut hashes = Vec::new();
    let mut links = ParagraphLinks::default();
    for (para, p) in document.paragraphs.iter().enumerate() {
        links.bands.clear();
        links.fingerprints.clear();
        links.exact = p.fingerprint.chars > 0 && !document.is_verbatim_paragraph(para);
        if links.exact {
            let sketched = counts(document, para, options);
            let fingerprinted = p.fingerprint.words as usize >= K && is_prose(document, para);
            if sketched || fingerprinted {
                words_into(document, para, &mut buffer, &mut words);
            }
            if sketched {
                let signature = minhash::signature(&words);
                links.bands.extend((0..BANDS).map(|band| {
                    mix(BAND ^ band as u64 ^ mix(minhash::band_key(&signature, band)))
                }));
            }
            if fingerprinted {
                kgram_hashes(&words, K, &mut hashes);
                winnow(&hashes, &mut links.fingerprints);
                links.fingerprints.sort_unstable();
                links.fingerprints.dedup();
            }
        }
        each(para, &links);
    }
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

    #[test]
    fn paragraph_links_hold_the_keys_of_the_document() {
        let docs = corpus(&[&format!("{A}\n\n{C}\n\nShort line.\n")]).documents;
        let options = Options::default();
        let mut bands = Vec::new();
        let mut fingerprints = Vec::new();
        paragraph_links(&docs[0], &options, |_, links| {
            bands.extend(&links.bands);
            fingerprints.extend(
                links
                    .fingerprints
                    .iter()
                    .map(|&fp| mix(FINGERPRINT ^ u64::from(fp))),
            );
        });
        let all = link_keys(&docs[0], &options);
        assert!(!bands.is_empty() && !fingerprints.is_empty());
        assert!(
            bands
                .iter()
                .chain(&fingerprints)
                .all(|k| all.binary_search(k).is_ok())
        );
    }
}
