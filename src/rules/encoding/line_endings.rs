//! The fix shared by `crlf-line-endings` and `mixed-line-endings`.

use crate::diagnostic::edit::Edit;
use crate::text::line_endings::LineEndings;
use crate::text::span::Span;

/// Edits that turn every terminator into `\n`.
pub fn to_lf(endings: &LineEndings) -> Vec<Edit> {
    let mut edits: Vec<Edit> = endings
        .crlf
        .iter()
        .map(|&at| Edit::delete(Span::new(at, at + 1)))
        .chain(
            endings
                .cr
                .iter()
                .map(|&at| Edit::replace(Span::new(at, at + 1), "\n")),
        )
        .collect();
    edits.sort_by_key(|edit| edit.span.start);
    edits
}
