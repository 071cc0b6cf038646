//! The cache in `ROOT/.corpuslint_cache/`: the paragraphs of each file already seen.
//!
//! Segmenting a file into paragraphs and fingerprinting them (normalizing every
//! paragraph) is most of the cost of loading a corpus. The corpus-wide rules still need
//! each file's text, so every file is read; a file whose bytes hash to a key in the cache
//! takes its paragraphs from there. Keying by content rather than by path and mtime
//! means a stale entry can never be used: the same bytes always give the same
//! paragraphs, so results are identical with and without the cache.
//!
//! The cache is one file, written atomically. Its header names the format and the
//! corpuslint version that wrote it; a cache from another version, or one that does not
//! read back whole, is ignored and rebuilt, never an error.

use std::borrow::Cow;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

use xxhash_rust::xxh3::{xxh3_128, xxh3_128_with_seed};

use super::framed::{self, Numbers};
use crate::atomic::Durability;
use crate::document::paragraphs::Paragraph;
use crate::document::structure::is_markdown_path;
use crate::text::normalize::Fingerprint;
use crate::text::span::Span;

/// The folder of the cache, under the corpus root.
pub const CACHE_DIR: &str = ".corpuslint_cache";
const CACHE_FILE: &str = "paragraphs.bin";
/// Changes whenever the layout of the file, or how paragraphs are made, changes.
const MAGIC: &[u8; 8] = b"CLPARA03";
/// Bytes per paragraph: span, lines (4 × u64), key (u128), chars and words (2 × u32).
const PARAGRAPH_LEN: usize = 4 * 8 + 16 + 2 * 4;

/// The key of a file's contents.
pub fn key(bytes: &[u8]) -> u128 {
    xxh3_128(bytes)
}

/// The key of the contents of the file at `path`: the same bytes make other paragraphs
/// in a Markdown file than in plain text.
pub fn key_of(path: &Path, bytes: &[u8]) -> u128 {
    if is_markdown_path(path) {
        xxh3_128_with_seed(bytes, MARKDOWN_SEED)
    } else {
        key(bytes)
    }
}

const MARKDOWN_SEED: u64 = 0x6d61_726b_646f_776e;

/// Paragraphs by content key, as read from the cache file.
#[derive(Debug, Default)]
pub struct Cache {
    dir: PathBuf,
    /// The encoded paragraphs of the entries kept, one after another, and where those of
    /// each key are (offset, count): they are decoded when asked for, as a run on a few
    /// files of a root asks for few.
    bytes: Vec<u8>,
    entries: HashMap<u128, (usize, usize)>,
    /// Only some entries of the file were kept ([`Cache::open_only`]): never written back.
    partial: bool,
}

impl Cache {
    /// The cache of `root`; empty when there is none or it cannot be used.
    pub fn open(root: &Path) -> Self {
        Self::read(root, &|_| true, false)
    }

    /// The entries of the cache of `root` whose keys are `wanted`, the others skipped as
    /// the file is read: a run that needs the paragraphs of a few files of a large root
    /// (a hook's) holds theirs, not the whole cache. Such a cache is never written back.
    pub fn open_only(root: &Path, wanted: &dyn Fn(u128) -> bool) -> Self {
        Self::read(root, wanted, true)
    }

    /// The `wanted` entries of the cache file of `root`, read as a stream: kept only if
    /// its frame checks out and its entries fill it exactly.
    fn read(root: &Path, wanted: &dyn Fn(u128) -> bool, partial: bool) -> Self {
        let dir = root.join(CACHE_DIR);
        let read = || {
            let file = std::fs::File::open(dir.join(CACHE_FILE)).ok()?;
            let size = usize::try_from(file.metadata().ok()?.len()).ok()?;
            let reader = std::io::BufReader::with_capacity(1 << 16, file);
            let mut stream = framed::Stream::open(reader, size, MAGIC)?;
            let (mut bytes, mut entries) = (Vec::new(), HashMap::new());
            for _ in 0..stream.u64()? {
                let key = stream.u128()?;
                let count = stream.u32()? as usize;
                let paragraphs = stream.take(count.checked_mul(PARAGRAPH_LEN)?)?;
                if wanted(key) {
                    entries.insert(key, (bytes.len(), count));
                    bytes.extend_from_slice(paragraphs);
                }
            }
            stream.close()?;
            Some((bytes, entries))
        };
        let (bytes, entries) = read().unwrap_or_default();
        Self {
            dir,
            bytes,
            entries,
            partial,
        }
    }

    pub fn get(&self, key: u128) -> Option<Vec<Paragraph>> {
        let &(at, count) = self.entries.get(&key)?;
        decode_paragraphs(&self.bytes[at..at + count * PARAGRAPH_LEN])
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Records the paragraphs of the files of this run (`used`: hits and new entries).
    /// With `prune`, the entries of files not in the run are dropped (the run saw the
    /// whole root); otherwise they are kept, and new entries written only when they are
    /// many enough ([`worth_rewriting`]). Writes only when something changed, and never a
    /// cache opened with [`Cache::open_only`]; a cache that cannot be written is skipped
    /// silently, as the next run only loses time. The paragraphs are borrowed where the
    /// documents still hold them: a run whose cache is up to date copies none.
    pub fn update(mut self, used: Vec<(u128, Cow<'_, [Paragraph]>)>, prune: bool) {
        if self.partial {
            return;
        }
        let mut new = 0;
        let mut kept: HashMap<u128, Cow<'_, [Paragraph]>> = HashMap::with_capacity(used.len());
        for (key, paragraphs) in used {
            if self.entries.remove(&key).is_none() {
                new += 1;
            }
            kept.insert(key, paragraphs);
        }
        let changed = if prune {
            new > 0 || !self.entries.is_empty()
        } else {
            worth_rewriting(new, kept.len() + self.entries.len())
        };
        if changed && !prune {
            for (key, (at, count)) in std::mem::take(&mut self.entries) {
                if let Some(paragraphs) =
                    decode_paragraphs(&self.bytes[at..at + count * PARAGRAPH_LEN])
                {
                    kept.insert(key, Cow::Owned(paragraphs));
                }
            }
        }
        if changed {
            let _ = write(&self.dir, &kept);
        }
    }
}

/// Whether `new` entries of `total` are worth writing a cache or an index again, all of
/// it, after a run over a part of the root: a run that reads a few files the index or the
/// cache lacks (a pre-commit hook's, whose files are new each time) costs less than the
/// rewrite, until they are many.
pub fn worth_rewriting(new: usize, total: usize) -> bool {
    new > 0 && new.saturating_mul(REWRITE_SHARE) >= total
}

/// A part of the root's entries, one in this many, new since the cache or the index was
/// written, has it written again.
const REWRITE_SHARE: usize = 512;

fn write(dir: &Path, entries: &HashMap<u128, Cow<'_, [Paragraph]>>) -> std::io::Result<()> {
    ensure_dir(dir)?;
    crate::atomic::replace_with(&dir.join(CACHE_FILE), Durability::Renamed, |file| {
        encode(entries, file).map(|_| ())
    })
}

/// Makes the cache folder, with the `.gitignore` that keeps it out of version control.
pub fn ensure_dir(dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let ignore = dir.join(".gitignore");
    if !ignore.exists() {
        crate::atomic::write_atomic(&ignore, b"# Automatically created by corpuslint.\n*\n")?;
    }
    Ok(())
}

/// `MAGIC`, version length and version, entry count, entries, then an xxh3 of all before,
/// written to `out` as they are encoded.
fn encode<W: std::io::Write>(
    entries: &HashMap<u128, Cow<'_, [Paragraph]>>,
    out: W,
) -> std::io::Result<W> {
    let mut out = framed::Sink::begin(out, MAGIC);
    out.put(&(entries.len() as u64).to_le_bytes());
    let mut keys: Vec<&u128> = entries.keys().collect();
    keys.sort();
    for key in keys {
        let list = &entries[key];
        out.put(&key.to_le_bytes());
        out.put(&(list.len() as u32).to_le_bytes());
        for p in list.iter() {
            for n in [p.span.start, p.span.end, p.first_line(), p.last_line()] {
                out.put(&(n as u64).to_le_bytes());
            }
            out.put(&p.fingerprint.key().to_le_bytes());
            out.put(&p.fingerprint.chars.to_le_bytes());
            out.put(&p.fingerprint.words.to_le_bytes());
        }
    }
    out.seal()
}

/// The paragraphs of one entry: `PARAGRAPH_LEN` bytes each.
fn decode_paragraphs(bytes: &[u8]) -> Option<Vec<Paragraph>> {
    let mut reader = framed::Reader(bytes);
    let mut list = Vec::with_capacity(bytes.len() / PARAGRAPH_LEN);
    while !reader.0.is_empty() {
        let mut number = || reader.u64().and_then(|n| usize::try_from(n).ok());
        let span = Span::new(number()?, number()?);
        let (first_line, last_line) = (number()?, number()?);
        let fingerprint = Fingerprint::new(reader.u128()?, reader.u32()?, reader.u32()?);
        list.push(Paragraph::new(span, first_line, last_line, fingerprint));
    }
    Some(list)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Document;
    use xxhash_rust::xxh3::xxh3_64;

    /// A cache entry of `text`: its key and its paragraphs.
    fn entry(text: &str) -> (u128, Cow<'static, [Paragraph]>) {
        (key(text.as_bytes()), Cow::Owned(paragraphs(text)))
    }

    fn paragraphs(text: &str) -> Vec<Paragraph> {
        Document::from_bytes("t.txt".into(), text.as_bytes().to_vec()).paragraphs
    }

    #[test]
    fn entries_read_back_as_written() {
        let dir = tempfile::tempdir().expect("tempdir");
        let text = "One paragraph here.\n\nAnd a second one, longer than the first.\n";
        let cache = Cache::open(dir.path());
        assert!(cache.is_empty());
        cache.update(vec![entry(text)], true);
        let cache = Cache::open(dir.path());
        assert_eq!(cache.len(), 1);
        assert_eq!(cache.get(key(text.as_bytes())), Some(paragraphs(text)));
        let ignore = std::fs::read_to_string(dir.path().join(CACHE_DIR).join(".gitignore"))
            .expect("gitignore written");
        assert!(ignore.lines().any(|l| l == "*"));
    }

    #[test]
    fn a_damaged_or_foreign_cache_is_ignored() {
        let dir = tempfile::tempdir().expect("tempdir");
        let text = "Some text.\n";
        Cache::open(dir.path()).update(vec![entry(text)], true);
        let file = dir.path().join(CACHE_DIR).join(CACHE_FILE);
        let good = std::fs::read(&file).expect("cache written");
        for bad in [
            good[..good.len() / 2].to_vec(),
            Vec::new(),
            b"not a cache at all".to_vec(),
            {
                let mut flipped = good.clone();
                flipped[20] ^= 0xff;
                flipped
            },
        ] {
            std::fs::write(&file, &bad).expect("write");
            assert!(Cache::open(dir.path()).is_empty());
        }
        let mut other_version = good.clone();
        let at = MAGIC.len() + 4;
        other_version[at] = b'X';
        let body = other_version.len() - 8;
        let check = xxh3_64(&other_version[..body]).to_le_bytes();
        other_version[body..].copy_from_slice(&check);
        std::fs::write(&file, &other_version).expect("write");
        assert!(Cache::open(dir.path()).is_empty());
    }

    #[test]
    fn a_cache_opened_for_some_keys_holds_theirs_and_is_never_written() {
        let dir = tempfile::tempdir().expect("tempdir");
        let texts = [
            "First file.\n",
            "Second file,\n\ntwo paragraphs.\n",
            "Third.\n",
        ];
        let used = texts.iter().copied().map(entry).collect();
        Cache::open(dir.path()).update(used, true);
        let file = dir.path().join(CACHE_DIR).join(CACHE_FILE);
        let written = std::fs::read(&file).expect("cache written");
        let wanted = key(texts[1].as_bytes());
        let some = Cache::open_only(dir.path(), &|k| k == wanted);
        assert_eq!(some.len(), 1);
        assert_eq!(some.get(wanted), Some(paragraphs(texts[1])));
        assert_eq!(some.get(key(texts[0].as_bytes())), None);
        let fourth = "Fourth.\n";
        some.update(vec![entry(fourth)], true);
        assert_eq!(std::fs::read(&file).expect("cache kept"), written);
        // A damaged file gives nothing, as when it is opened whole.
        let mut damaged = written.clone();
        let at = damaged.len() - 20;
        damaged[at] ^= 0xff;
        std::fs::write(&file, &damaged).expect("write");
        assert!(Cache::open_only(dir.path(), &|_| true).is_empty());
        std::fs::write(&file, &written[..written.len() - 1]).expect("write");
        assert!(Cache::open_only(dir.path(), &|_| true).is_empty());
    }

    #[test]
    fn runs_on_part_of_the_root_keep_the_other_entries() {
        let dir = tempfile::tempdir().expect("tempdir");
        let (a, b) = ("First file.\n", "Second file.\n");
        Cache::open(dir.path()).update(vec![entry(a)], true);
        Cache::open(dir.path()).update(vec![entry(b)], false);
        assert_eq!(Cache::open(dir.path()).len(), 2);
        Cache::open(dir.path()).update(vec![entry(b)], true);
        let cache = Cache::open(dir.path());
        assert_eq!(cache.len(), 1);
        assert!(cache.get(key(a.as_bytes())).is_none());
    }
}
