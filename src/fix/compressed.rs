//! A cleaned shard written as it is made, compressed as the shard it comes from was:
//! byte for byte what [`Compression::compress`] makes of the whole, with one piece of the
//! shard in memory at a time.

use std::io::{self, BufWriter, Read, Write};
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::thread::JoinHandle;

use crate::load::jsonl::Compression;

/// Plain bytes handed to the zstd compressor at once, and how many of these may wait.
const ZSTD_PIECE: usize = 1 << 20;
const ZSTD_WAITING: usize = 4;

/// A writer of a shard's plain bytes that must be finished for the last of them to reach
/// the file.
pub trait ShardWrite: Write {
    fn finish(self: Box<Self>) -> io::Result<()>;
}

/// A writer of `file`'s plain bytes, compressed as `compression` says.
pub fn writer(compression: Compression, file: std::fs::File) -> io::Result<Box<dyn ShardWrite>> {
    let file = BufWriter::new(file);
    Ok(match compression {
        Compression::None => Box::new(file),
        Compression::Gzip => Box::new(flate2::write::GzEncoder::new(
            file,
            flate2::Compression::default(),
        )),
        Compression::Zstd => Box::new(ZstdWriter::new(file)?),
    })
}

impl ShardWrite for BufWriter<std::fs::File> {
    fn finish(mut self: Box<Self>) -> io::Result<()> {
        self.flush()
    }
}

impl ShardWrite for flate2::write::GzEncoder<BufWriter<std::fs::File>> {
    fn finish(self: Box<Self>) -> io::Result<()> {
        (*self).finish()?.flush()
    }
}

/// The zstd compressor reads its input rather than being written to: it runs beside the
/// writer, reading the pieces written.
struct ZstdWriter {
    piece: Vec<u8>,
    pieces: Option<SyncSender<Vec<u8>>>,
    compressor: Option<JoinHandle<io::Result<()>>>,
}

impl ZstdWriter {
    fn new(file: BufWriter<std::fs::File>) -> io::Result<Self> {
        let (pieces, received) = sync_channel(ZSTD_WAITING);
        let compressor = std::thread::Builder::new()
            .name("zstd".into())
            .spawn(move || compress(received, file))?;
        Ok(Self {
            piece: Vec::with_capacity(ZSTD_PIECE),
            pieces: Some(pieces),
            compressor: Some(compressor),
        })
    }

    fn send(&mut self) -> io::Result<()> {
        let piece = std::mem::replace(&mut self.piece, Vec::with_capacity(ZSTD_PIECE));
        let sent = self.pieces.as_ref().map(|pieces| pieces.send(piece));
        match sent {
            Some(Ok(())) => Ok(()),
            // The compressor stopped: its error is the one to tell.
            _ => Err(self.stop()),
        }
    }

    /// Waits for the compressor to end, and gives why it stopped early.
    fn stop(&mut self) -> io::Error {
        self.pieces = None;
        match self.compressor.take().map(JoinHandle::join) {
            Some(Ok(Err(err))) => err,
            _ => io::Error::other("the zstd compressor stopped"),
        }
    }
}

impl Write for ZstdWriter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.piece.extend_from_slice(buf);
        if self.piece.len() >= ZSTD_PIECE {
            self.send()?;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl ShardWrite for ZstdWriter {
    fn finish(mut self: Box<Self>) -> io::Result<()> {
        if !self.piece.is_empty() {
            self.send()?;
        }
        // The compressor reads to the end of its input once no piece can come.
        self.pieces = None;
        match self.compressor.take().map(JoinHandle::join) {
            Some(Ok(result)) => result,
            _ => Err(io::Error::other("the zstd compressor stopped")),
        }
    }
}

impl Drop for ZstdWriter {
    fn drop(&mut self) {
        // A writer given up on: the compressor ends with its input.
        self.pieces = None;
        if let Some(compressor) = self.compressor.take() {
            let _ = compressor.join();
        }
    }
}

/// Compresses the pieces received into `file`, as `Compression::compress` does.
fn compress(pieces: Receiver<Vec<u8>>, file: BufWriter<std::fs::File>) -> io::Result<()> {
    let mut drain = Kept { file, error: None };
    let mut compressor =
        ruzstd::encoding::FrameCompressor::new(ruzstd::encoding::CompressionLevel::Fastest);
    compressor.set_source(Pieces {
        pieces,
        piece: Vec::new(),
        at: 0,
    });
    compressor.set_drain(&mut drain);
    compressor.compress();
    drop(compressor);
    match drain.error {
        Some(err) => Err(err),
        None => drain.file.flush(),
    }
}

/// The pieces received, read one after the other.
struct Pieces {
    pieces: Receiver<Vec<u8>>,
    piece: Vec<u8>,
    at: usize,
}

impl Read for Pieces {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        while self.at == self.piece.len() {
            match self.pieces.recv() {
                Ok(piece) => {
                    self.piece = piece;
                    self.at = 0;
                }
                Err(_) => return Ok(0),
            }
        }
        let n = buf.len().min(self.piece.len() - self.at);
        buf[..n].copy_from_slice(&self.piece[self.at..self.at + n]);
        self.at += n;
        Ok(n)
    }
}

/// The compressor's output: the compressor cannot be told of a failed write, so the
/// first error is kept, and told once it is done.
struct Kept {
    file: BufWriter<std::fs::File>,
    error: Option<io::Error>,
}

impl Write for Kept {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.error.is_none()
            && let Err(err) = self.file.write_all(buf)
        {
            self.error = Some(err);
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}
