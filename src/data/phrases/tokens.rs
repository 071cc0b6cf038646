//! The words of a line as the vocabulary of phrase entries is matched against them.

use rustc_hash::FxHashMap;

use crate::text::{glued_boundary, is_cjk};

/// Lower-case words of a line for vocabulary matching: split at spaces and punctuation,
/// between CJK and other letters, and where words were glued together (`EditionASIA`, as
/// `glued-words` finds them); CJK runs split into vocabulary words where they can. Each
/// token is given to `visit` in turn.
pub(super) fn for_each_token<V>(
    line: &str,
    vocabulary: &FxHashMap<String, V>,
    longest: usize,
    mut visit: impl FnMut(&str),
) {
    let mut lower = String::new();
    let words = line.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '-'));
    for word in words.filter(|w| w.chars().any(char::is_alphanumeric)) {
        let mut rest = word;
        while !rest.is_empty() {
            let script_end = rest
                .char_indices()
                .skip(1)
                .find(|&(i, c)| is_cjk(c) != rest[..i].chars().next_back().is_some_and(is_cjk))
                .map_or(rest.len(), |(i, _)| i);
            let (piece, tail) = rest.split_at(script_end);
            if piece.chars().any(is_cjk) {
                for token in segment_cjk(piece, vocabulary, longest) {
                    visit(&token);
                }
            } else {
                let mut piece = piece;
                while let Some(at) = glued_boundary(piece) {
                    visit_lowercase(&piece[..at], &mut lower, &mut visit);
                    piece = &piece[at..];
                }
                visit_lowercase(piece, &mut lower, &mut visit);
            }
            rest = tail;
        }
    }
}

/// Gives `visit` the lower case of `piece`; most pieces are ASCII, lower-cased in the
/// reused `buffer`.
fn visit_lowercase(piece: &str, buffer: &mut String, visit: &mut impl FnMut(&str)) {
    if piece.is_ascii() {
        buffer.clear();
        buffer.push_str(piece);
        buffer.make_ascii_lowercase();
        visit(buffer);
    } else {
        visit(&piece.to_lowercase());
    }
}

/// Greedy longest-match segmentation of a CJK run into vocabulary words; what does not
/// split stays one token (and so counts against the vocabulary share).
fn segment_cjk<V>(run: &str, vocabulary: &FxHashMap<String, V>, longest: usize) -> Vec<String> {
    let chars: Vec<char> = run.chars().collect();
    let mut out = Vec::new();
    let mut rest = String::new();
    let mut i = 0;
    while i < chars.len() {
        let found = (1..=longest.min(chars.len() - i)).rev().find(|&len| {
            let word: String = chars[i..i + len].iter().collect();
            vocabulary.contains_key(&word)
        });
        match found {
            Some(len) => {
                if !rest.is_empty() {
                    out.push(std::mem::take(&mut rest));
                }
                out.push(chars[i..i + len].iter().collect());
                i += len;
            }
            None => {
                rest.push(chars[i]);
                i += 1;
            }
        }
    }
    if !rest.is_empty() {
        out.push(rest);
    }
    out
}
