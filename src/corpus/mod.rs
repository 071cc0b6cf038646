//! The documents of a run: the data every rule reads.

use rayon::prelude::*;

use crate::document::{DocId, Document};

pub mod indexed;
pub mod whole;

pub use indexed::IndexedKeys;
pub use whole::Whole;

/// Documents one parallel task takes at most. Rayon cuts a loop into a few large pieces up
/// front and splits a piece again only when another thread steals it before it starts:
/// a thread that is done early (its other work over) then finds nothing left to steal
/// while the last piece, thousands of documents, runs on one core. Pieces of a few
/// documents keep every core busy to the end, at no measurable cost per piece.
pub const DOCUMENTS_PER_TASK: usize = 8;

/// Whether document `doc`'s findings are reported, by `reported`, a flag per document: a
/// document it has no flag for is (no flags at all: every document is).
pub fn is_reported(reported: &[bool], doc: DocId) -> bool {
    reported.get(doc).copied().unwrap_or(true)
}

/// What `each` makes of every document, in parallel, handed to `take` in corpus order a
/// slice of `slice` documents at a time: what is made per document is never held for the
/// whole corpus beside what `take` gathers. `each` is given scratch room of its thread.
pub fn each_in_slices<S, T>(
    docs: &[Document],
    slice: usize,
    each: impl Fn(&mut S, DocId, &Document) -> T + Sync,
    mut take: impl FnMut(T),
) where
    S: Default + Send,
    T: Send,
{
    let slice = slice.max(1);
    for (part, chunk) in docs.chunks(slice).enumerate() {
        let first = part * slice;
        let made: Vec<T> = chunk
            .par_iter()
            .with_max_len(DOCUMENTS_PER_TASK)
            .enumerate()
            .map_init(S::default, |scratch, (i, document)| {
                each(scratch, first + i, document)
            })
            .collect();
        made.into_iter().for_each(&mut take);
    }
}

/// The documents of a run, sorted by path; a document's index is its `DocId`.
///
/// Auxiliary documents (provenance files: sidecars, manifests) follow them: they are not
/// checked, but findings can point into them. Their ids start at `documents.len()`.
#[derive(Debug, Default)]
pub struct Corpus {
    pub documents: Vec<Document>,
    pub auxiliary: Vec<Document>,
    /// When these documents are a part of a larger corpus checked in parts: the counts of
    /// the whole, which corpus-wide thresholds are taken from.
    pub whole: Option<std::sync::Arc<Whole>>,
}

impl Corpus {
    pub fn get(&self, id: DocId) -> &Document {
        match id.checked_sub(self.documents.len()) {
            Some(aux) => &self.auxiliary[aux],
            None => &self.documents[id],
        }
    }

    /// Adds an auxiliary document and returns its id.
    pub fn add_auxiliary(&mut self, doc: Document) -> DocId {
        self.auxiliary.push(doc);
        self.documents.len() + self.auxiliary.len() - 1
    }

    pub fn len(&self) -> usize {
        self.documents.len()
    }

    pub fn is_empty(&self) -> bool {
        self.documents.is_empty()
    }
}
