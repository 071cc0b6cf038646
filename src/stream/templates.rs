//! What a shard's records need of the whole corpus to be read a batch at a time as they
//! are all at once. Site template (and so the chrome that provenance reads past) is told
//! by how many documents of a folder hold a one-line paragraph, and a shard's records are
//! one folder: the shard is read once for those counts before its batches go through.

use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::corpus::Whole;
use crate::error::FileError;
use crate::load::jsonl;
use crate::rules::chrome::site_template::one_line_keys;
use crate::settings::resolve::Resolved;
use crate::text::narrow::saturating_u32;

/// A shard as its first reading found it.
#[derive(Debug)]
pub struct ShardCounts {
    /// The counts of its folder, for the batches' corpora.
    pub whole: Arc<Whole>,
    /// The records read.
    pub documents: usize,
    /// Why the shard could not be read to its end (it cannot be opened, or its compressed
    /// data breaks off): such a shard gives that one error and no record, as a shard read
    /// whole does.
    pub broken: Option<FileError>,
}

/// Reads `shard` a batch at a time for the counts of its one-line paragraphs; only those
/// held by enough records to be template are kept.
pub fn of_shard(
    settings: &Resolved,
    shard: &Path,
    batch_size: (usize, usize),
) -> io::Result<ShardCounts> {
    let mut documents = 0;
    let mut folder: Option<PathBuf> = None;
    let mut keys: Vec<u128> = Vec::new();
    let mut broken = None;
    jsonl::read_lines_in_batches(shard, &settings.files.jsonl, batch_size, &mut |batch| {
        documents += batch.documents.len();
        if folder.is_none() {
            folder = batch
                .documents
                .first()
                .and_then(|doc| doc.path.parent())
                .map(Path::to_path_buf);
        }
        keys.par_extend(batch.documents.par_iter().flat_map_iter(one_line_keys));
        if batch.ended.is_some() {
            broken = batch.ended;
        }
        Ok(())
    })?;
    keys.par_sort_unstable();
    let min_docs = settings.options.chrome.template_min_docs.max(1);
    let mut whole = Whole::default();
    if let Some(folder) = folder {
        let template = keys
            .chunk_by(|a, b| a == b)
            .map(|same| (same[0], saturating_u32(same.len())))
            .filter(|&(_, held)| held as usize >= min_docs);
        whole.add_counts(&folder, documents, template);
    }
    Ok(ShardCounts {
        whole: Arc::new(whole),
        documents,
        broken,
    })
}
