//! The frame of the files in the cache folder: an 8-byte magic naming the format, the
//! corpuslint version that wrote it, the body, then an xxh3 of all before. A file whose
//! frame does not check out (cut short, damaged, of another format or version) is not
//! read, and is rebuilt by its writer.

use std::io::Read;

use xxhash_rust::xxh3::{Xxh3, xxh3_64};

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
}

/// Little-endian numbers read from a source of bytes, a slice or a stream alike.
pub(super) trait Numbers {
    fn bytes(&mut self, n: usize) -> Option<&[u8]>;

    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.bytes(4)?.try_into().ok()?))
    }

    fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.bytes(8)?.try_into().ok()?))
    }

    fn u128(&mut self) -> Option<u128> {
        Some(u128::from_le_bytes(self.bytes(16)?.try_into().ok()?))
    }
}

impl Numbers for Reader<'_> {
    fn bytes(&mut self, n: usize) -> Option<&[u8]> {
        self.take(n)
    }
}

/// A `magic` file read as a stream and hashed as it goes, for a big file decoded into
/// arrays of its own: the file is never held whole in memory beside them. Its body must
/// say where it ends; [`Stream::close`] then checks the checksum and that nothing follows.
pub(super) struct Stream<R> {
    inner: R,
    hasher: Xxh3,
    buf: Vec<u8>,
    /// Bytes of the file not read yet.
    left: usize,
}

/// Bytes read at a time into an array.
const CHUNK: usize = 1 << 16;

impl<R: Read> Stream<R> {
    /// The stream after the header of a `magic` file of `size` bytes written by this
    /// version.
    pub(super) fn open(inner: R, size: usize, magic: &[u8; 8]) -> Option<Self> {
        let mut stream = Self {
            inner,
            hasher: Xxh3::new(),
            buf: Vec::new(),
            left: size,
        };
        if stream.take(magic.len())? != magic {
            return None;
        }
        let version_len = stream.u32()? as usize;
        (stream.take(version_len)? == version().as_bytes()).then_some(stream)
    }

    /// The next `n` bytes.
    pub(super) fn take(&mut self, n: usize) -> Option<&[u8]> {
        // A damaged length asks for no more memory than the file has.
        self.left = self.left.checked_sub(n)?;
        self.buf.resize(n, 0);
        self.inner.read_exact(&mut self.buf).ok()?;
        self.hasher.update(&self.buf);
        Some(&self.buf)
    }

    /// The next `count` little-endian numbers of `N` bytes each, appended to `out`.
    pub(super) fn numbers<T, const N: usize>(
        &mut self,
        count: usize,
        out: &mut Vec<T>,
        read: impl Fn([u8; N]) -> T,
    ) -> Option<()> {
        let per_chunk = CHUNK / N;
        let mut left = count;
        while left > 0 {
            let n = left.min(per_chunk);
            let bytes = self.take(n * N)?;
            out.extend(bytes.chunks_exact(N).map(|chunk| {
                let mut raw = [0; N];
                raw.copy_from_slice(chunk);
                read(raw)
            }));
            left -= n;
        }
        Some(())
    }

    /// Whether the checksum that ends the file is that of all read, and ends it.
    pub(super) fn close(mut self) -> Option<()> {
        let body = self.hasher.digest();
        let mut check = [0; 8];
        self.inner.read_exact(&mut check).ok()?;
        let mut more = [0; 1];
        (u64::from_le_bytes(check) == body && self.inner.read(&mut more).ok()? == 0).then_some(())
    }
}

impl<R: Read> Numbers for Stream<R> {
    fn bytes(&mut self, n: usize) -> Option<&[u8]> {
        self.take(n)
    }
}
