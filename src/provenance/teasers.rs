//! Teaser lists: the links to other articles that a page lists around its own (`Related`,
//! `Sur le même sujet`, a section front), each item with the headline, standfirst and
//! byline of another article. Their names and dates are not the page's.
//!
//! A list is a teaser list when at least two of its items carry a byline of their own; a
//! page whose header is a list (`* By Jane Doe`, `* March 3, 2021`) has one item with a
//! name, and is left alone.

use std::collections::HashMap;

use crate::document::Document;
use crate::text::indent_width;
use crate::text::span::Span;

/// How far above a line its list item's marker is looked for, in content lines.
const ITEM_REACH: usize = 12;

/// The 0-based (first, last) lines of the items of teaser lists among the content `lines`
/// (0-based line, span), given the indices among them of the lines that name an author.
pub fn teaser_items(
    doc: &Document,
    lines: &[(usize, Span)],
    named: &[usize],
) -> Vec<(usize, usize)> {
    if named.len() < 2 {
        return Vec::new();
    }
    let indent = |i: usize| indent_width(doc.slice(lines[i].1));
    let marker = |i: usize| list_marker(doc.slice(lines[i].1).trim_start());
    let is_marker = |i: usize| marker(i).is_some();
    // Numbered items align on their text (` 9. `, `10. `): items are of one list when
    // their text starts in the same column.
    let column = |i: usize| indent(i) + marker(i).unwrap_or(0);
    // The item a line stands in: the nearest line above it that is indented less, if that
    // opens one.
    let enclosing = |i: usize| -> Option<usize> {
        let own = indent(i);
        (i.saturating_sub(ITEM_REACH)..i)
            .rev()
            .find(|&j| indent(j) < own)
            .filter(|&j| is_marker(j))
    };
    // The list an item belongs to, named by its first item: items whose text starts in
    // the same column, with only their own lines and deeper ones between them. Each item
    // is walked back to the one before it once, so a long list costs its length.
    let mut first_of: HashMap<usize, usize> = HashMap::new();
    let mut list_of = |item: usize| -> usize {
        let own = column(item);
        let mut walked = vec![item];
        let mut current = item;
        let first = loop {
            if let Some(&first) = first_of.get(&current) {
                break first;
            }
            let previous = (0..current)
                .rev()
                .find(|&j| (is_marker(j) && column(j) == own) || indent(j) < own)
                .filter(|&j| is_marker(j) && column(j) == own);
            match previous {
                Some(previous) => {
                    walked.push(previous);
                    current = previous;
                }
                None => break current,
            }
        };
        for item in walked {
            first_of.insert(item, first);
        }
        first
    };
    // A name counts for its item, and for every item that item is nested in.
    let mut items: Vec<(usize, usize)> = Vec::new();
    for &i in named {
        let mut item = if is_marker(i) { Some(i) } else { enclosing(i) };
        while let Some(it) = item {
            items.push((list_of(it), it));
            item = enclosing(it);
        }
    }
    items.sort_unstable();
    items.dedup();
    let mut teasers = Vec::new();
    for group in items.chunk_by(|a, b| a.0 == b.0) {
        if group.len() < 2 {
            continue;
        }
        for &(_, item) in group {
            let own = indent(item);
            let last = (item + 1..lines.len())
                .find(|&j| indent(j) <= own)
                .map_or(lines.len() - 1, |next| next - 1);
            teasers.push((lines[item].0, lines[last].0));
        }
    }
    teasers
}

/// The width of the marker that opens a list item, with the spaces after it, if the line
/// (without its indentation) opens one: `* `, `- `, `+ `, `• `, `1. `, `2) `, or a marker
/// alone on its line (an item whose content is a nested list).
fn list_marker(text: &str) -> Option<usize> {
    let digits = text.len() - text.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let rest = if digits > 0 {
        text[digits..].strip_prefix(['.', ')'])?
    } else {
        text.strip_prefix(['*', '-', '+', '•'])?
    };
    let content = rest.trim_start();
    if content.is_empty() {
        // As if a space followed it, as it does in the items around it.
        return Some(text.len() - rest.len() + 1);
    }
    (content.len() < rest.len()).then_some(text.len() - content.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(text: &str, named: &[&str]) -> Vec<(usize, usize)> {
        let doc = Document::from_bytes("t.txt".into(), text.as_bytes().to_vec());
        let lines = doc.content_lines(|_| false);
        let named: Vec<usize> = lines
            .iter()
            .enumerate()
            .filter(|(_, (_, span))| named.iter().any(|n| doc.slice(*span).contains(n)))
            .map(|(i, _)| i)
            .collect();
        teaser_items(&doc, &lines, &named)
    }

    #[test]
    fn items_with_bylines_of_their_own_are_teasers() {
        let text = "Related\n\n  * Reportage\n\n    A story\n\n    Par Jean Dupont\n  * Interview\n\n    Another story\n\n    Par Marie Curie\n\nThe article goes on.\n";
        assert_eq!(items(text, &["Par "]), vec![(2, 6), (7, 11)]);
    }

    #[test]
    fn numbered_items_are_teasers_too() {
        let text = " 1. Photo\n\n    Headline one\n\n    By Jane Roe\n\n 2. Photo\n\n    Headline two\n\n    By John Doe\n";
        assert_eq!(items(text, &["By "]), vec![(0, 4), (6, 10)]);
    }

    #[test]
    fn every_item_of_a_long_list_is_found() {
        let text: String = (1..=30)
            .map(|i| format!("  * Story {i}\n\n    By Reporter Number\n"))
            .collect();
        let found = items(&text, &["By "]);
        assert_eq!(found.len(), 30);
        assert_eq!(found[0], (0, 2));
        assert_eq!(found[29], (87, 89));
    }

    #[test]
    fn numbers_of_two_digits_align_on_their_text() {
        let text = " 9. One\n\n    By Jane Roe\n\n10. Two\n\n    By John Doe\n";
        assert_eq!(items(text, &["By "]), vec![(0, 2), (4, 6)]);
    }

    #[test]
    fn a_name_in_a_nested_list_counts_for_the_outer_item() {
        let text = " 1. Photo\n\n    By Jane Roe\n\n 2.\n\n     1. Photo\n\n        By John Doe\n";
        assert_eq!(items(text, &["By "]), vec![(0, 2), (4, 8)]);
    }

    #[test]
    fn a_header_list_with_one_name_is_not() {
        let text = "Headline\n\n  * By Jane Roe\n  * March 3, 2021\n  * 4 comments\n\nProse.\n\nBy Jane Roe\n";
        assert!(items(text, &["By "]).is_empty());
    }

    #[test]
    fn names_in_two_lists_are_not_one_teaser_list() {
        let text =
            "  * By Jane Roe\n  * March 3, 2021\n\nThe article, in prose.\n\n  * By John Doe\n";
        assert!(items(text, &["By "]).is_empty());
    }

    #[test]
    fn markers_need_a_space() {
        assert_eq!(list_marker("* a"), Some(2));
        assert_eq!(list_marker("12.  a"), Some(5));
        assert_eq!(list_marker("3) a"), Some(3));
        assert_eq!(list_marker("4."), Some(3));
        assert_eq!(list_marker("*a"), None);
        assert_eq!(list_marker("Jan. 3"), None);
        assert_eq!(list_marker("1.5 a"), None);
        assert_eq!(list_marker("-- a"), None);
    }
}
