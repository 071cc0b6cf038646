//! What an index holds of a context document (one loaded only for the checked files of a
//! part to be compared with), handed to the duplicate analysis so that it need not hash
//! again the words of paragraphs whose keys it already has.

/// The keys an index holds of one document, paragraph by paragraph, made from the same
/// bytes: the fingerprints of each paragraph, and whether one of its band keys is also a
/// band key of a checked document (a paragraph without one can be no candidate of a
/// checked paragraph's near-duplicates).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IndexedKeys {
    /// The key of the document's bytes, for the analysis to take the keys only for the
    /// very bytes they were made of.
    pub content: u128,
    pub may_pair: Vec<bool>,
    /// Paragraph `p`'s fingerprints are `fingerprints[fp_at[p]..fp_at[p + 1]]`.
    pub fp_at: Vec<u32>,
    pub fingerprints: Vec<u32>,
}

impl IndexedKeys {
    pub fn paragraphs(&self) -> usize {
        self.may_pair.len()
    }

    pub fn fingerprints_of(&self, para: usize) -> &[u32] {
        &self.fingerprints[self.fp_at[para] as usize..self.fp_at[para + 1] as usize]
    }
}
