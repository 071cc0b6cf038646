//! The frame of the files in the cache folder: an 8-byte magic naming the format, the
//! corpuslint version that wrote it, the body, then an xxh3 of all before. A file whose
//! frame does not check out (cut short, damaged, of another format or version) is not
//! read, and is rebuilt by its writer.

use xxhash_rust::xxh3::xxh3_64;

fn version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}

/// A buffer holding the header of a `magic` file, with room for `capacity` more bytes.
pub(super) fn begin(magic: &[u8; 8], capacity: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(magic.len() + 4 + version().len() + capacity + 8);
    out.extend_from_slice(magic);
    out.extend_from_slice(&(version().len() as u32).to_le_bytes());
    out.extend_from_slice(version().as_bytes());
    out
}

/// `out` with its checksum appended.
pub(super) fn seal(mut out: Vec<u8>) -> Vec<u8> {
    let check = xxh3_64(&out);
    out.extend_from_slice(&check.to_le_bytes());
    out
}

/// The body of a `magic` file written by this version, if its frame checks out.
pub(super) fn open<'a>(bytes: &'a [u8], magic: &[u8; 8]) -> Option<Reader<'a>> {
    let (body, check) = bytes.split_at_checked(bytes.len().checked_sub(8)?)?;
    if xxh3_64(body) != u64::from_le_bytes(check.try_into().ok()?) {
        return None;
    }
    let mut reader = Reader(body);
    if reader.take(magic.len())? != magic {
        return None;
    }
    let version_len = reader.u32()? as usize;
    (reader.take(version_len)? == version().as_bytes()).then_some(reader)
}

/// Little-endian numbers and byte runs read off the front of a body.
pub(super) struct Reader<'a>(pub(super) &'a [u8]);

impl<'a> Reader<'a> {
    pub(super) fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let (head, rest) = self.0.split_at_checked(n)?;
        self.0 = rest;
        Some(head)
    }

    pub(super) fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }

    pub(super) fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }

    pub(super) fn u128(&mut self) -> Option<u128> {
        Some(u128::from_le_bytes(self.take(16)?.try_into().ok()?))
    }
}
