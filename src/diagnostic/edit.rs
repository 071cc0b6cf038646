//! Edits and fixes that rules attach to their findings.

use serde::Serialize;

use super::Words;
use crate::text::span::Span;

/// How sure a fix is to keep the meaning of the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Applicability {
    /// The fix may change meaning (a guess at a lost separator, a re-decoding); applied only on request.
    Unsafe,
    /// The fix keeps the text's meaning; applied by default.
    Safe,
}

/// Replace the bytes of `span` with `replacement` (empty replacement: deletion).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Edit {
    #[serde(flatten, serialize_with = "serialize_span")]
    pub span: Span,
    pub replacement: Words,
}

fn serialize_span<S: serde::Serializer>(span: &Span, serializer: S) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeMap;
    let mut map = serializer.serialize_map(Some(2))?;
    map.serialize_entry("byte_start", &span.start)?;
    map.serialize_entry("byte_end", &span.end)?;
    map.end()
}

impl Edit {
    pub fn replace(span: Span, replacement: impl Into<Words>) -> Self {
        Self {
            span,
            replacement: replacement.into(),
        }
    }

    pub fn delete(span: Span) -> Self {
        Self::replace(span, "")
    }

    pub fn insert(at: usize, text: impl Into<Words>) -> Self {
        Self::replace(Span::empty(at), text)
    }
}

/// A set of edits that together resolve one finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fix {
    pub applicability: Applicability,
    pub edits: Box<[Edit]>,
}

impl Fix {
    pub fn safe(edits: Vec<Edit>) -> Self {
        Self::new(Applicability::Safe, edits)
    }

    pub fn unsafe_(edits: Vec<Edit>) -> Self {
        Self::new(Applicability::Unsafe, edits)
    }

    /// Kept until the fixes are applied: without the room left by growing.
    fn new(applicability: Applicability, edits: Vec<Edit>) -> Self {
        Self {
            applicability,
            edits: edits.into_boxed_slice(),
        }
    }
}

/// Keeps the edits that can apply together, deterministically: sorted by position, and
/// where two overlap, the one that starts first (at the same start, the longer one) wins,
/// so a removal that contains another edit takes its place. Identical edits collapse.
///
/// Two removals that overlap both apply: the later one keeps only what lies past the
/// earlier one. Deleting their union is what both asked for, and dropping the later one
/// instead would leave a run of repeated paragraphs to shrink by one paragraph a round.
pub fn merge_edits<T>(mut edits: Vec<(Edit, T)>) -> Vec<(Edit, T)> {
    edits.sort_by(|(a, _), (b, _)| {
        (a.span.start, std::cmp::Reverse(a.span.end), &a.replacement).cmp(&(
            b.span.start,
            std::cmp::Reverse(b.span.end),
            &b.replacement,
        ))
    });
    let mut kept: Vec<(Edit, T)> = Vec::with_capacity(edits.len());
    for (mut edit, tag) in edits {
        if let Some((last, _)) = kept.last() {
            let both_removals = last.replacement.is_empty() && edit.replacement.is_empty();
            if both_removals && edit.span.start < last.span.end && edit.span.end > last.span.end {
                edit.span.start = last.span.end;
            }
            let same = *last == edit;
            let inside = edit.span.start < last.span.end
                || (edit.span.is_empty()
                    && last.span.is_empty()
                    && edit.span.start == last.span.start);
            if same || inside {
                continue;
            }
        }
        kept.push((edit, tag));
    }
    kept
}

/// Applies non-overlapping edits to `text`; edits are sorted here, and an edit
/// that overlaps one already taken is skipped (it is re-found on the next round).
pub fn apply_edits(text: &str, edits: &[Edit]) -> String {
    let mut sorted: Vec<&Edit> = edits.iter().collect();
    sorted.sort_by_key(|edit| (edit.span.start, edit.span.end));
    let mut out = String::with_capacity(text.len());
    let mut cursor = 0;
    for edit in sorted {
        if edit.span.start < cursor || edit.span.end > text.len() {
            continue;
        }
        out.push_str(&text[cursor..edit.span.start]);
        out.push_str(&edit.replacement);
        cursor = edit.span.end;
    }
    out.push_str(&text[cursor..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn applies_edits_in_order_and_skips_overlaps() {
        let edits = [
            Edit::replace(Span::new(6, 11), "there"),
            Edit::delete(Span::new(0, 1)),
            Edit::replace(Span::new(8, 9), "X"),
            Edit::insert(11, "!"),
        ];
        assert_eq!(apply_edits("hello world", &edits), "ello there!");
    }

    #[test]
    fn merging_lets_containing_removals_win() {
        let edits = vec![
            (Edit::replace(Span::new(5, 6), " "), "space"),
            (Edit::delete(Span::new(0, 10)), "chrome line"),
            (Edit::delete(Span::new(8, 12)), "trailing"),
            (Edit::insert(20, "\n"), "newline"),
            (Edit::insert(20, "\n"), "newline again"),
            (Edit::delete(Span::new(14, 16)), "other"),
        ];
        let kept: Vec<&str> = merge_edits(edits).into_iter().map(|(_, tag)| tag).collect();
        assert_eq!(kept, ["chrome line", "trailing", "other", "newline"]);
    }

    #[test]
    fn overlapping_removals_delete_their_union() {
        let text = "one\n\ntwo\n\nthree\n";
        let edits = vec![
            (Edit::delete(Span::new(5, 10)), "near duplicate"),
            (Edit::delete(Span::new(8, 16)), "repeated block"),
            (Edit::replace(Span::new(12, 13), "T"), "inside a removal"),
        ];
        let merged = merge_edits(edits);
        let spans: Vec<(usize, usize)> = merged
            .iter()
            .map(|(e, _)| (e.span.start, e.span.end))
            .collect();
        assert_eq!(spans, [(5, 10), (10, 16)]);
        let edits: Vec<Edit> = merged.into_iter().map(|(e, _)| e).collect();
        assert_eq!(apply_edits(text, &edits), "one\n\n");
    }

    #[test]
    fn edit_serializes_with_byte_offsets() {
        let json = serde_json::to_string(&Edit::replace(Span::new(3, 5), " ")).unwrap();
        assert_eq!(json, r#"{"byte_start":3,"byte_end":5,"replacement":" "}"#);
    }
}
