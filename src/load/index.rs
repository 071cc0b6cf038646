//! The index in `ROOT/.corpuslint_cache/index.bin`: per file of the root, its size,
//! modification time and content key, and what the corpus-wide rules need of it without
//! its text: per paragraph, the key of its normalized text, its length, and its link keys
//! (band keys of its sketch, winnowed fingerprints; see `rules::duplicate::keys`).
//!
//! A run that checks a few files of a root against the rest (a pre-commit hook) reads the
//! named files and the index, not the corpus: files whose size and time match their entry
//! are taken from it, the others read and entered again (`context`).
//!
//! One file, written atomically, in one layout: a header (format, corpuslint version,
//! the settings the link keys depend on, when it was written), then flat arrays, then an
//! xxh3 of all before. An index that does not read back whole, or was written by another
//! version or with other settings, is ignored and rebuilt, never an error.

use std::io::Write;
use std::path::Path;
use std::time::SystemTime;

use xxhash_rust::xxh3::xxh3_64;

use super::cache::CACHE_DIR;
use super::framed::{self, Numbers};
use crate::atomic::Durability;
use crate::corpus::IndexedKeys;
use crate::document::Document;
use crate::rules::duplicate::Options;
use crate::rules::duplicate::keys::paragraph_links;

const INDEX_FILE: &str = "index.bin";
/// Changes whenever the layout of the file, or what it holds, changes.
const MAGIC: &[u8; 8] = b"CLINDX06";

/// Paragraph flags.
pub const EXACT: u8 = 1;
pub const ONE_LINE: u8 = 2;

/// When and how big a file was, as the index last saw it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    pub size: u64,
    /// Nanoseconds since the epoch.
    pub modified: u128,
}

impl Stamp {
    pub fn of(meta: &std::fs::Metadata) -> Option<Self> {
        let modified = meta.modified().ok()?;
        let modified = modified.duration_since(SystemTime::UNIX_EPOCH).ok()?;
        Some(Self {
            size: meta.len(),
            modified: modified.as_nanos(),
        })
    }
}

/// A file of the index: its path relative to the root, its stamp, the key of its bytes
/// and its paragraphs (a range of the table's paragraph arrays).
#[derive(Debug, Clone)]
pub struct Entry {
    pub path: String,
    pub stamp: Stamp,
    pub content: u128,
    pub first: u32,
    pub end: u32,
}

/// Files and their paragraphs, flat: paragraph `p` has key `keys[p]`, `chars[p]`
/// characters, `flags[p]`, bands `bands[band_at[p]..band_at[p + 1]]` and fingerprints
/// `fingerprints[fp_at[p]..fp_at[p + 1]]`.
#[derive(Debug, Clone)]
pub struct Table {
    pub entries: Vec<Entry>,
    pub keys: Vec<u128>,
    pub chars: Vec<u32>,
    pub flags: Vec<u8>,
    pub band_at: Vec<u32>,
    /// Band keys, cut to their low 32 bits: a key shared by chance only links one more
    /// document than needed.
    pub bands: Vec<u32>,
    pub fp_at: Vec<u32>,
    pub fingerprints: Vec<u32>,
}

impl Default for Table {
    fn default() -> Self {
        Self {
            entries: Vec::new(),
            keys: Vec::new(),
            chars: Vec::new(),
            flags: Vec::new(),
            band_at: vec![0],
            bands: Vec::new(),
            fp_at: vec![0],
            fingerprints: Vec::new(),
        }
    }
}

impl Table {
    /// Enters `document` (read from the file at `path`, relative to the root).
    pub fn push(
        &mut self,
        path: String,
        stamp: Stamp,
        content: u128,
        document: &Document,
        options: &Options,
    ) -> u32 {
        let first = self.keys.len() as u32;
        paragraph_links(document, options, |para, links| {
            let p = &document.paragraphs[para];
            let mut flags = 0;
            if links.exact {
                flags |= EXACT;
            }
            if p.first_line() == p.last_line() && p.fingerprint.chars > 0 {
                flags |= ONE_LINE;
            }
            self.keys.push(p.fingerprint.key());
            self.chars.push(p.fingerprint.chars);
            self.flags.push(flags);
            self.bands.extend(links.bands.iter().map(|&b| b as u32));
            self.band_at.push(self.bands.len() as u32);
            self.fingerprints.extend_from_slice(&links.fingerprints);
            self.fp_at.push(self.fingerprints.len() as u32);
        });
        self.entries.push(Entry {
            path,
            stamp,
            content,
            first,
            end: self.keys.len() as u32,
        });
        (self.entries.len() - 1) as u32
    }

    /// Enters entry `at` of `other` as it is.
    pub fn copy(&mut self, other: &Table, at: u32) -> u32 {
        let entry = &other.entries[at as usize];
        let first = self.keys.len() as u32;
        for p in entry.first..entry.end {
            let p = p as usize;
            self.keys.push(other.keys[p]);
            self.chars.push(other.chars[p]);
            self.flags.push(other.flags[p]);
            self.bands.extend_from_slice(other.bands_of(p));
            self.band_at.push(self.bands.len() as u32);
            self.fingerprints
                .extend_from_slice(other.fingerprints_of(p));
            self.fp_at.push(self.fingerprints.len() as u32);
        }
        self.entries.push(Entry {
            first,
            end: self.keys.len() as u32,
            ..entry.clone()
        });
        (self.entries.len() - 1) as u32
    }

    #[inline]
    pub fn paragraphs(&self, entry: u32) -> std::ops::Range<usize> {
        let entry = &self.entries[entry as usize];
        entry.first as usize..entry.end as usize
    }

    #[inline]
    pub fn bands_of(&self, p: usize) -> &[u32] {
        &self.bands[self.band_at[p] as usize..self.band_at[p + 1] as usize]
    }

    #[inline]
    pub fn fingerprints_of(&self, p: usize) -> &[u32] {
        &self.fingerprints[self.fp_at[p] as usize..self.fp_at[p + 1] as usize]
    }

    /// What the duplicate analysis takes of `entry` instead of hashing its words: its
    /// fingerprints, and which of its paragraphs have a band key that `pairs` holds.
    pub fn indexed_keys(&self, entry: u32, pairs: impl Fn(u32) -> bool) -> IndexedKeys {
        let paragraphs = self.paragraphs(entry);
        let mut keys = IndexedKeys {
            content: self.entries[entry as usize].content,
            may_pair: Vec::with_capacity(paragraphs.len()),
            fp_at: vec![0],
            fingerprints: Vec::new(),
        };
        for p in paragraphs {
            keys.may_pair
                .push(self.bands_of(p).iter().any(|&band| pairs(band)));
            keys.fingerprints.extend_from_slice(self.fingerprints_of(p));
            keys.fp_at.push(keys.fingerprints.len() as u32);
        }
        keys
    }

    /// The band keys of the paragraphs `range`, one after the other.
    #[inline]
    pub fn bands_in(&self, range: &std::ops::Range<usize>) -> &[u32] {
        &self.bands[self.band_at[range.start] as usize..self.band_at[range.end] as usize]
    }

    /// The fingerprints of the paragraphs `range`, one after the other.
    #[inline]
    pub fn fingerprints_in(&self, range: &std::ops::Range<usize>) -> &[u32] {
        &self.fingerprints[self.fp_at[range.start] as usize..self.fp_at[range.end] as usize]
    }
}

/// The index of a root as read, and when it was written (nanoseconds since the epoch).
#[derive(Debug, Default)]
pub struct Index {
    pub table: Table,
    pub written: u128,
}

/// The settings an index depends on, as a number its header keeps.
pub fn settings_key(options: &Options) -> u64 {
    xxh3_64(format!("{options:?}").as_bytes())
}

/// The index of `root` made with `options`; empty when there is none or it cannot be
/// used.
pub fn open(root: &Path, options: &Options) -> Index {
    let read = || {
        let file = std::fs::File::open(root.join(CACHE_DIR).join(INDEX_FILE)).ok()?;
        let size = usize::try_from(file.metadata().ok()?.len()).ok()?;
        // A buffer for the entries' small fields, smaller than the chunks the arrays are
        // read in, which then go around it.
        let reader = std::io::BufReader::with_capacity(1 << 13, file);
        decode(reader, size, settings_key(options))
    };
    read().unwrap_or_default()
}

/// Writes the index of `root` made of `entries`, each an entry of a table (the index read,
/// or the entries a run made), streamed to the file rather than gathered in one table; an
/// index that cannot be written is skipped silently (the next run reads the files again).
pub fn write(root: &Path, entries: &[(&Table, u32)], options: &Options) {
    let dir = root.join(CACHE_DIR);
    let written = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let _ = super::cache::ensure_dir(&dir).and_then(|()| {
        let settings = settings_key(options);
        crate::atomic::replace_with(&dir.join(INDEX_FILE), Durability::Renamed, |file| {
            encode(entries, settings, written, file).map(|_| ())
        })
    });
}

/// Writes the index of `entries` to `out`: header, entries, then the flat arrays, one
/// after another, each gathered from every entry in turn.
fn encode<W: Write>(
    entries: &[(&Table, u32)],
    settings: u64,
    written: u128,
    out: W,
) -> std::io::Result<W> {
    let mut out = framed::Sink::begin(out, MAGIC);
    out.put(&settings.to_le_bytes());
    out.put(&written.to_le_bytes());
    out.put(&(entries.len() as u64).to_le_bytes());
    for &(table, at) in entries {
        let entry = &table.entries[at as usize];
        out.put(&(entry.path.len() as u32).to_le_bytes());
        out.put(entry.path.as_bytes());
        out.put(&entry.stamp.size.to_le_bytes());
        out.put(&entry.stamp.modified.to_le_bytes());
        out.put(&entry.content.to_le_bytes());
        out.put(&(entry.end - entry.first).to_le_bytes());
    }
    let ranges = || {
        entries
            .iter()
            .map(|&(table, at)| (table, table.paragraphs(at)))
    };
    let bands: usize = ranges().map(|(t, r)| t.bands_in(&r).len()).sum();
    let fingerprints: usize = ranges().map(|(t, r)| t.fingerprints_in(&r).len()).sum();
    out.put(&(bands as u64).to_le_bytes());
    out.put(&(fingerprints as u64).to_le_bytes());
    for (table, range) in ranges() {
        for key in &table.keys[range] {
            out.put(&key.to_le_bytes());
        }
    }
    for (table, range) in ranges() {
        for n in &table.chars[range] {
            out.put(&n.to_le_bytes());
        }
    }
    for (table, range) in ranges() {
        out.put(&table.flags[range]);
    }
    // Offsets run on over the entries, as in one table.
    let band_at: fn(&Table) -> &[u32] = |t| &t.band_at;
    let fp_at: fn(&Table) -> &[u32] = |t| &t.fp_at;
    for offsets in [band_at, fp_at] {
        let mut base = 0;
        for (table, range) in ranges() {
            let at = &offsets(table)[range.start..=range.end];
            for &n in &at[1..] {
                out.put(&(base + n - at[0]).to_le_bytes());
            }
            base += at[at.len() - 1] - at[0];
        }
    }
    for (table, range) in ranges() {
        for key in table.bands_in(&range) {
            out.put(&key.to_le_bytes());
        }
    }
    for (table, range) in ranges() {
        for fp in table.fingerprints_in(&range) {
            out.put(&fp.to_le_bytes());
        }
    }
    out.seal()
}

/// The index read from `reader`, a file of `size` bytes, if it is whole and was made with
/// `settings`. Read as a stream: the arrays are decoded as the bytes come, never held
/// twice.
fn decode(reader: impl std::io::Read, size: usize, settings: u64) -> Option<Index> {
    let mut stream = framed::Stream::open(reader, size, MAGIC)?;
    if stream.u64()? != settings {
        return None;
    }
    let written = stream.u128()?;
    let count = usize::try_from(stream.u64()?).ok()?;
    let mut table = Table::default();
    // Every entry takes at least this many bytes: no count can ask for more.
    table.entries.reserve(count.min(size / 48));
    let mut paragraphs = 0u32;
    for _ in 0..count {
        let len = stream.u32()? as usize;
        let path = std::str::from_utf8(stream.take(len)?).ok()?.to_string();
        let stamp = Stamp {
            size: stream.u64()?,
            modified: stream.u128()?,
        };
        let content = stream.u128()?;
        let first = paragraphs;
        paragraphs = paragraphs.checked_add(stream.u32()?)?;
        table.entries.push(Entry {
            path,
            stamp,
            content,
            first,
            end: paragraphs,
        });
    }
    let n = paragraphs as usize;
    let bands = usize::try_from(stream.u64()?).ok()?;
    let fingerprints = usize::try_from(stream.u64()?).ok()?;
    // Arrays are reserved only as far as the file could hold them.
    let room = |count: usize, width: usize| count.min(size / width);
    table.keys.reserve(room(n, 16));
    stream.numbers(n, &mut table.keys, u128::from_le_bytes)?;
    table.chars.reserve(room(n, 4));
    stream.numbers(n, &mut table.chars, u32::from_le_bytes)?;
    table.flags = stream.take(n)?.to_vec();
    table.band_at.reserve(room(n, 4));
    stream.numbers(n, &mut table.band_at, u32::from_le_bytes)?;
    table.fp_at.reserve(room(n, 4));
    stream.numbers(n, &mut table.fp_at, u32::from_le_bytes)?;
    table.bands.reserve(room(bands, 4));
    stream.numbers(bands, &mut table.bands, u32::from_le_bytes)?;
    table.fingerprints.reserve(room(fingerprints, 4));
    stream.numbers(fingerprints, &mut table.fingerprints, u32::from_le_bytes)?;
    stream.close()?;
    // The offsets must rise and stay within their arrays, for slicing never to fail.
    let fits = |at: &[u32], len: usize| {
        at.windows(2).all(|w| w[0] <= w[1]) && at.last().is_some_and(|&l| l as usize == len)
    };
    (fits(&table.band_at, bands) && fits(&table.fp_at, fingerprints))
        .then_some(Index { table, written })
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "A first paragraph, long enough to be sketched and fingerprinted by the duplicate analysis of the corpus.\n\nShort line.\n";

    fn table() -> Table {
        let doc = Document::from_bytes("a.txt".into(), TEXT.as_bytes().to_vec());
        let mut table = Table::default();
        let stamp = Stamp {
            size: 7,
            modified: 42,
        };
        table.push("a.txt".into(), stamp, 9, &doc, &Options::default());
        table
    }

    fn bytes(table: &Table, settings: u64, written: u128) -> Vec<u8> {
        let entries: Vec<(&Table, u32)> = (0..table.entries.len() as u32)
            .map(|at| (table, at))
            .collect();
        encode(&entries, settings, written, Vec::new()).expect("written to memory")
    }

    #[test]
    fn an_index_reads_back_as_written() {
        let table = table();
        assert!(!table.bands.is_empty() && !table.fingerprints.is_empty());
        let bytes = bytes(&table, 5, 77);
        let index = decode(&bytes[..], bytes.len(), 5).expect("decodes");
        assert_eq!(index.written, 77);
        assert_eq!(index.table.keys, table.keys);
        assert_eq!(index.table.flags, table.flags);
        assert_eq!(index.table.bands, table.bands);
        assert_eq!(index.table.fp_at, table.fp_at);
        assert_eq!(index.table.entries[0].path, "a.txt");
        assert_eq!(index.table.entries[0].stamp.modified, 42);
    }

    #[test]
    fn entries_of_several_tables_are_written_as_one_table_holding_them() {
        let first = table();
        let other = Document::from_bytes(
            "b.txt".into(),
            format!("{TEXT}\nA third paragraph, which the second file adds to the first file's two and which is long enough.\n").into_bytes(),
        );
        let mut second = Table::default();
        let stamp = Stamp {
            size: 9,
            modified: 43,
        };
        second.push("b.txt".into(), stamp, 10, &other, &Options::default());
        second.push("c.txt".into(), stamp, 11, &other, &Options::default());
        let mut merged = Table::default();
        merged.copy(&second, 1);
        merged.copy(&first, 0);
        merged.copy(&second, 0);
        let parts = [(&second, 1), (&first, 0), (&second, 0)];
        let written = encode(&parts, 5, 77, Vec::new()).expect("written to memory");
        assert_eq!(written, bytes(&merged, 5, 77));
        let index = decode(&written[..], written.len(), 5).expect("decodes");
        assert_eq!(index.table.fp_at, merged.fp_at);
        assert_eq!(index.table.band_at, merged.band_at);
        assert_eq!(index.table.fingerprints, merged.fingerprints);
    }

    #[test]
    fn a_damaged_or_foreign_index_is_refused() {
        let bytes = bytes(&table(), 5, 77);
        let decode = |bytes: &[u8], settings| decode(bytes, bytes.len(), settings);
        assert!(decode(&bytes, 6).is_none(), "other settings");
        assert!(decode(&bytes[..bytes.len() / 2], 5).is_none());
        assert!(decode(&bytes[..bytes.len() - 1], 5).is_none());
        assert!(decode(&[], 5).is_none());
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(decode(&longer, 5).is_none(), "bytes after the checksum");
        // Every byte is checked, the last array's and the checksum's alike.
        for at in [30, bytes.len() - 12, bytes.len() - 1] {
            let mut flipped = bytes.clone();
            flipped[at] ^= 0xff;
            assert!(decode(&flipped, 5).is_none(), "byte {at} changed");
        }
    }
}
