//! What the family's rules need to report a finding: the spans of paragraphs (to show and
//! to delete), line numbers in words, and the words two paragraphs differ by.

use similar::{Algorithm, capture_diff_slices};

use crate::document::Document;
use crate::document::paragraphs::starts_with_list_marker;
use crate::document::structure::LineRole;
use crate::text::span::Span;

/// The byte span of paragraphs `first..=last` of `doc`.
pub(super) fn paragraphs_span(doc: &Document, first: usize, last: usize) -> Span {
    Span::new(
        doc.paragraphs[first].span.start,
        doc.paragraphs[last].span.end,
    )
}

/// What to delete to remove paragraphs `first..=last` of `doc` with their blank lines.
pub(super) fn removal_span(doc: &Document, first: usize, last: usize) -> Span {
    doc.removal_span(
        doc.paragraphs[first].first_line(),
        doc.paragraphs[last].last_line(),
    )
}

/// `line 3` or `lines 3–26` (1-based) for paragraphs `first..=last` of `doc`.
pub(super) fn describe_lines(doc: &Document, first: usize, last: usize) -> String {
    let (from, to) = (
        doc.paragraphs[first].first_line() + 1,
        doc.paragraphs[last].last_line() + 1,
    );
    if from == to {
        format!("line {from}")
    } else {
        format!("lines {from}–{to}")
    }
}

/// The words that differ between two paragraphs, as `- old + new` groups.
pub(super) fn word_changes(original: &str, copy: &str, max_groups: usize) -> String {
    let a: Vec<&str> = original.split_whitespace().collect();
    let b: Vec<&str> = copy.split_whitespace().collect();
    let ops = capture_diff_slices(Algorithm::Myers, &a, &b);
    let mut groups = Vec::new();
    for op in &ops {
        let (tag, old, new) = op.as_tag_tuple();
        if tag == similar::DiffTag::Equal {
            continue;
        }
        let mut group = Vec::new();
        if !old.is_empty() {
            group.push(format!("- {}", a[old].join(" ")));
        }
        if !new.is_empty() {
            group.push(format!("+ {}", b[new].join(" ")));
        }
        groups.push(group.join("   "));
    }
    let more = groups.len().saturating_sub(max_groups);
    groups.truncate(max_groups);
    let mut text = groups.join("  |  ");
    if more > 0 {
        text.push_str(&format!("  |  and {more} more"));
    }
    text
}

/// A list item, a heading or a rule between sections: a unit that lists and outlines,
/// not a paragraph of text.
pub(super) fn is_item_or_heading(doc: &Document, para: usize) -> bool {
    let paragraph = &doc.paragraphs[para];
    starts_with_list_marker(doc.slice(paragraph.span))
        || matches!(
            doc.structure.role(paragraph.first_line()),
            LineRole::ListItem | LineRole::Heading | LineRole::ThematicBreak
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removal_and_description_go_by_paragraph() {
        let doc = Document::from_bytes("t.txt".into(), b"one\n\ntwo\n\nthree\n".to_vec());
        assert_eq!(doc.slice(removal_span(&doc, 1, 1)), "two\n\n");
        assert_eq!(describe_lines(&doc, 1, 2), "lines 3–5");
    }

    #[test]
    fn word_changes_show_what_differs() {
        assert_eq!(
            word_changes(
                "China's foreign ministry said",
                "Chinese foreign ministry said",
                3
            ),
            "- China's   + Chinese"
        );
    }
}
