//! The frame of the files in the cache folder: an 8-byte magic naming the format, the
//! corpuslint version that wrote it, the body, then an xxh3 of all before. A file whose
//! frame does not check out (cut short, damaged, of another format or version) is not
//! read, and is rebuilt by its writer.

use std::io::{self, Read, Write};

use xxhash_rust::xxh3::Xxh3;

fn version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}

/// A `magic` file written as a stream and hashed as it goes: a big file (the index of a
/// large root is a hundred megabytes) is never built whole in memory before it is
/// written. Bytes are gathered in a buffer and hashed and written a chunk at a time, as
/// the hasher costs much more per call than per byte.
pub(super) struct Sink<W: Write> {
    inner: W,
    hasher: Xxh3,
    buf: Vec<u8>,
    /// The first write that failed: told by [`Sink::seal`], and no more written after it.
    failed: Option<io::Error>,
}

impl<W: Write> Sink<W> {
    /// A sink that has written the header of a `magic` file of this version.
    pub(super) fn begin(inner: W, magic: &[u8; 8]) -> Self {
        let mut sink = Self {
            inner,
            hasher: Xxh3::new(),
            buf: Vec::with_capacity(2 * CHUNK),
            failed: None,
        };
        sink.put(magic);
        sink.put(&(version().len() as u32).to_le_bytes());
        sink.put(version().as_bytes());
        sink
    }

    /// Appends `bytes` to the file.
    pub(super) fn put(&mut self, bytes: &[u8]) {
        self.buf.extend_from_slice(bytes);
        if self.buf.len() >= CHUNK {
            self.hasher.update(&self.buf);
            if self.failed.is_none()
                && let Err(err) = self.inner.write_all(&self.buf)
            {
                self.failed = Some(err);
            }
            self.buf.clear();
        }
    }

    /// Writes the checksum of all before and gives back the writer, or the first error.
    pub(super) fn seal(mut self) -> io::Result<W> {
        if let Some(err) = self.failed {
            return Err(err);
        }
        self.hasher.update(&self.buf);
        let check = self.hasher.digest();
        self.buf.extend_from_slice(&check.to_le_bytes());
        self.inner.write_all(&self.buf)?;
        Ok(self.inner)
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    const MAGIC: &[u8; 8] = b"TESTFILE";

    /// A file of many small writes, more than a chunk and not a multiple of it.
    fn written(numbers: u32) -> Vec<u8> {
        let mut sink = Sink::begin(Vec::new(), MAGIC);
        for n in 0..numbers {
            sink.put(&n.to_le_bytes());
        }
        sink.seal().expect("written to memory")
    }

    /// The numbers of a file `written` with `numbers`, if it reads back whole and checked.
    fn read(bytes: &[u8], numbers: u32) -> Option<Vec<u32>> {
        let mut stream = Stream::open(bytes, bytes.len(), MAGIC)?;
        let mut read = Vec::new();
        stream.numbers(numbers as usize, &mut read, u32::from_le_bytes)?;
        stream.close()?;
        Some(read)
    }

    #[test]
    fn a_streamed_file_reads_back_whole_and_checked() {
        let numbers = (3 * CHUNK / 4 + 5) as u32;
        let bytes = written(numbers);
        assert_eq!(read(&bytes, numbers), Some((0..numbers).collect()));
        let mut damaged = bytes.clone();
        damaged[CHUNK + 3] ^= 1;
        assert_eq!(
            read(&damaged, numbers),
            None,
            "the checksum is that of all before"
        );
        assert_eq!(read(&bytes[..bytes.len() - 1], numbers), None);
    }

    #[test]
    fn a_failed_write_is_told_when_the_file_is_sealed() {
        struct Full;
        impl Write for Full {
            fn write(&mut self, _: &[u8]) -> io::Result<usize> {
                Err(io::Error::other("disk full"))
            }
            fn flush(&mut self) -> io::Result<()> {
                Ok(())
            }
        }
        let mut sink = Sink::begin(Full, MAGIC);
        sink.put(&[0; 2 * CHUNK]);
        assert_eq!(
            sink.seal().err().map(|e| e.to_string()),
            Some("disk full".into())
        );
    }
}
