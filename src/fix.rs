//! Edits and fixes that rules attach to their findings.

use serde::Serialize;

use crate::span::Span;

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
    pub replacement: String,
}

fn serialize_span<S: serde::Serializer>(span: &Span, serializer: S) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeMap;
    let mut map = serializer.serialize_map(Some(2))?;
    map.serialize_entry("byte_start", &span.start)?;
    map.serialize_entry("byte_end", &span.end)?;
    map.end()
}

impl Edit {
    pub fn replace(span: Span, replacement: impl Into<String>) -> Self {
        Self {
            span,
            replacement: replacement.into(),
        }
    }

    pub fn delete(span: Span) -> Self {
        Self::replace(span, String::new())
    }

    pub fn insert(at: usize, text: impl Into<String>) -> Self {
        Self::replace(Span::empty(at), text)
    }
}

/// A set of edits that together resolve one finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fix {
    pub applicability: Applicability,
    pub edits: Vec<Edit>,
}

impl Fix {
    pub fn safe(edits: Vec<Edit>) -> Self {
        Self {
            applicability: Applicability::Safe,
            edits,
        }
    }

    pub fn unsafe_(edits: Vec<Edit>) -> Self {
        Self {
            applicability: Applicability::Unsafe,
            edits,
        }
    }
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
    fn edit_serializes_with_byte_offsets() {
        let json = serde_json::to_string(&Edit::replace(Span::new(3, 5), " ")).unwrap();
        assert_eq!(json, r#"{"byte_start":3,"byte_end":5,"replacement":" "}"#);
    }
}
