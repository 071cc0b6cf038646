//! Text in one single-byte codec decoded with another: windows-1252 read as latin-1 leaves
//! C1 controls where its quotes were, windows-1251 read as windows-1252 turns Russian into
//! words made only of accented letters (`Ïðèâåò`), windows-1252 read as MacRoman puts
//! symbols inside words (`tilf¯je`). Each word that looks wrong is read back through the
//! pairs of codecs that such mix-ups come from, and the most plausible reading wins if it
//! is plausible enough.

use super::codecs::{self, Codec};
use super::score::badness;
use super::{Cause, Mojibake};
use crate::text::span::Span;

/// (the text's codec, the codec it was read with), the common mix-ups first.
const PAIRS: [(usize, usize); 12] = [
    (codecs::WINDOWS_1252, codecs::LATIN_1),
    (codecs::MAC_ROMAN, codecs::LATIN_1),
    (codecs::WINDOWS_1252, codecs::MAC_ROMAN),
    (codecs::MAC_ROMAN, codecs::WINDOWS_1252),
    (codecs::WINDOWS_1251, codecs::WINDOWS_1252),
    (codecs::WINDOWS_1251, codecs::LATIN_1),
    (codecs::WINDOWS_1250, codecs::WINDOWS_1252),
    (codecs::WINDOWS_1253, codecs::WINDOWS_1252),
    (codecs::ISO_8859_7, codecs::WINDOWS_1252),
    (codecs::KOI8_R, codecs::WINDOWS_1251),
    (codecs::WINDOWS_1251, codecs::KOI8_R),
    (codecs::CP866, codecs::WINDOWS_1251),
];

/// How much more plausible the repaired word must be.
const THRESHOLD: f32 = 1.5;

/// Adds the single-byte mix-ups of `text` that no UTF-8 finding in `found` covers.
pub fn find(text: &str, found: &mut Vec<Mojibake>) {
    let utf8_found = found.len();
    let mut at = 0;
    for word in text.split(|c: char| c.is_whitespace()) {
        let start = at;
        at += word.len()
            + text[at + word.len()..]
                .chars()
                .next()
                .map_or(0, char::len_utf8);
        if word.is_ascii() {
            continue;
        }
        let span = Span::new(start, start + word.len());
        let overlaps = found[..utf8_found]
            .iter()
            .any(|m| m.span.start < span.end && span.start < m.span.end);
        if overlaps {
            continue;
        }
        let before = badness(word) + accent_load(word);
        if before < THRESHOLD {
            continue;
        }
        if let Some(mojibake) = best_reading(word, span, before) {
            found.push(mojibake);
        }
    }
}

fn best_reading(word: &str, span: Span, before: f32) -> Option<Mojibake> {
    let all = codecs::codecs();
    let mut best: Option<(f32, String, usize, usize)> = None;
    for (real, read_as) in PAIRS {
        let Some(repaired) = reread(word, read_as, &all[real]) else {
            continue;
        };
        let after = badness(&repaired) + accent_load(&repaired);
        let gain = before - after;
        if gain >= THRESHOLD && after < 1.0 && best.as_ref().is_none_or(|b| gain > b.0) {
            best = Some((gain, repaired, real, read_as));
        }
    }
    let (_, repaired, real, read_as) = best?;
    // Report only the changed part of the word: a reread maps one character to one.
    let old: Vec<(usize, char)> = word.char_indices().collect();
    let new: Vec<char> = repaired.chars().collect();
    let first = (0..old.len()).find(|&i| old[i].1 != new[i])?;
    let last = (0..old.len()).rev().find(|&i| old[i].1 != new[i])?;
    let start = old[first].0;
    let end = old[last].0 + old[last].1.len_utf8();
    let replacement: String = new[first..=last].iter().collect();
    Some(Mojibake {
        span: Span::new(span.start + start, span.start + end),
        repaired: replacement,
        cause: Cause::SingleByte(all[real].name, all[read_as].name),
    })
}

/// `word` encoded with the codec it was read with and decoded with `real`; `None` when a
/// character has no byte in one of them.
fn reread(word: &str, read_as: usize, real: &Codec) -> Option<String> {
    let mut out = String::with_capacity(word.len());
    let mut changed = false;
    for c in word.chars() {
        if c.is_ascii() {
            out.push(c);
            continue;
        }
        let byte = codecs::bytes_of(c)?[read_as];
        let decoded = real.decode(byte).filter(|_| byte != 0)?;
        changed |= decoded != c;
        out.push(decoded);
    }
    changed.then_some(out)
}

/// A Latin word of three letters or more nearly all accented is no word of any language
/// written in Latin letters: it is another script read with the wrong code page.
fn accent_load(word: &str) -> f32 {
    let (mut letters, mut accented, mut latin_accented) = (0, 0, 0);
    for c in word.chars().filter(|c| c.is_alphabetic()) {
        letters += 1;
        if !c.is_ascii() {
            accented += 1;
            if (c as u32) < 0x250 {
                latin_accented += 1;
            }
        }
    }
    if letters >= 3 && latin_accented == accented && accented * 3 >= letters * 2 {
        (accented - 1) as f32
    } else {
        0.0
    }
}
