//! The line terminators of a text, by kind.

use memchr::memchr_iter;

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
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_each_kind() {
        let endings = LineEndings::scan("a\r\nb\nc\rd\r\n\n");
        assert_eq!(endings.crlf, [1, 8]);
        assert_eq!(endings.cr, [6]);
        assert_eq!(endings.lf, 2);
        assert_eq!(endings.first_lf, Some(4));
    }
}
