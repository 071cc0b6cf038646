//! Counting line terminators, shared by `crlf-line-endings` and `mixed-line-endings`.

use memchr::memchr_iter;

use crate::diagnostic::edit::Edit;
use crate::text::span::Span;

/// The line terminators of a text, by kind.
#[derive(Debug, Default)]
pub struct LineEndings {
    /// Offsets of the `\r` of each `\r\n`.
    pub crlf: Vec<usize>,
    /// Offsets of each lone `\r` (classic Mac OS).
    pub cr: Vec<usize>,
    /// Number of `\n` without a `\r` before it.
    pub lf: usize,
    /// Offset of the first `\n` without a `\r` before it.
    pub first_lf: Option<usize>,
}

impl LineEndings {
    pub fn scan(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut endings = Self::default();
        for cr in memchr_iter(b'\r', bytes) {
            if bytes.get(cr + 1) == Some(&b'\n') {
                endings.crlf.push(cr);
            } else {
                endings.cr.push(cr);
            }
        }
        let newlines = memchr_iter(b'\n', bytes).count();
        endings.lf = newlines - endings.crlf.len();
        if endings.lf > 0 {
            endings.first_lf = memchr_iter(b'\n', bytes).find(|&i| i == 0 || bytes[i - 1] != b'\r');
        }
        endings
    }

    /// Edits that turn every terminator into `\n`.
    pub fn to_lf(&self) -> Vec<Edit> {
        let mut edits: Vec<Edit> = self
            .crlf
            .iter()
            .map(|&at| Edit::delete(Span::new(at, at + 1)))
            .chain(
                self.cr
                    .iter()
                    .map(|&at| Edit::replace(Span::new(at, at + 1), "\n")),
            )
            .collect();
        edits.sort_by_key(|edit| edit.span.start);
        edits
    }
}
