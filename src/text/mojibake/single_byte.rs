//! Text in one single-byte codec decoded with another: windows-1252 read as latin-1 leaves
//! C1 controls where its quotes were, windows-1251 read as windows-1252 turns Russian into
//! words made only of accented letters (`Ïðèâåò`), windows-1252 read as MacRoman puts
//! symbols inside words (`tilf¯je`). Each word that looks wrong is read back through the
//! pairs of codecs that such mix-ups come from, and the most plausible reading wins if it
//! is plausible enough.

use super::codecs::{self, Codec};
use super::score::{badness, has_latin_1_run};
use super::{Cause, Mojibake};
use crate::text::code_points::names_code_point;
use crate::text::non_ascii_spans;
use crate::text::span::Span;

/// (the text's codec, the codec it was read with), the common mix-ups first. KOI8-R and
/// windows-1251 mixed up turn Russian into other Russian letters with the case swapped,
/// which no character-class score can tell from real text: that pair is left out.
const PAIRS: [(usize, usize); 10] = [
    (codecs::WINDOWS_1252, codecs::LATIN_1),
    (codecs::WINDOWS_1252, codecs::MAC_ROMAN),
    (codecs::MAC_ROMAN, codecs::LATIN_1),
    (codecs::MAC_ROMAN, codecs::WINDOWS_1252),
    (codecs::WINDOWS_1251, codecs::WINDOWS_1252),
    (codecs::WINDOWS_1251, codecs::LATIN_1),
    (codecs::WINDOWS_1253, codecs::WINDOWS_1252),
    (codecs::ISO_8859_7, codecs::WINDOWS_1252),
    (codecs::WINDOWS_1250, codecs::WINDOWS_1252),
    (codecs::ISO_8859_2, codecs::LATIN_1),
];

/// How much more plausible a line must be once reread, and its best word at least.
const THRESHOLD: f32 = 1.5;

/// Adds the single-byte mix-ups of `text` that no UTF-8 finding in `found` covers. A tool
/// decodes a whole line with one codec, so a pair of codecs is judged on every non-ASCII
/// word of the line: it must fit them all and make the line as a whole read better. Words
/// holding one of the `examples` of garbling the text shows on purpose are left alone.
pub fn find(text: &str, found: &mut Vec<Mojibake>, examples: &[Span]) {
    let utf8_found = found.len();
    let mut done_to = 0;
    for run in non_ascii_spans(text) {
        if run.start < done_to || !suspicious(text, run) {
            continue;
        }
        let start = text[..run.start].rfind('\n').map_or(0, |i| i + 1);
        let end = text[run.end..]
            .find('\n')
            .map_or(text.len(), |i| run.end + i);
        done_to = end;
        let line = &text[start..end];
        let mut words = Vec::new();
        let mut at = start;
        for word in line.split(|c: char| c.is_whitespace()) {
            let span = Span::new(at, at + word.len());
            at += word.len() + text[span.end..].chars().next().map_or(0, char::len_utf8);
            let overlaps = found[..utf8_found]
                .iter()
                .map(|m| &m.span)
                .chain(examples)
                .any(|other| other.overlaps(span));
            if !word.is_ascii()
                && !overlaps
                && !is_markup_or_table(word)
                && !names_its_code_point(line, word)
                && !has_glued_brand_sign(word)
            {
                words.push((span, word, badness(word)));
            }
        }
        // Another script read as accented letters garbles each of its words: one word of
        // accented letters in a line, or a few among many words of a Latin script, list
        // letters (`áéíóú`, `æøå`).
        let loaded = words.iter().filter(|w| accent_load(w.1) > 0.0).count();
        let with_letters = line
            .split(char::is_whitespace)
            .filter(|w| w.chars().any(char::is_alphabetic))
            .count();
        if loaded >= MIN_LOADED_WORDS && loaded * LOADED_SHARE >= with_letters {
            for word in &mut words {
                word.2 += accent_load(word.1);
            }
        }
        if words.iter().any(|w| w.2 >= THRESHOLD) {
            found.extend(best_reading(&words));
        }
    }
}

/// Words of accented letters alone that a line needs before they read as another
/// script...
const MIN_LOADED_WORDS: usize = 2;
/// ...and at least one in this many of its words with letters.
const LOADED_SHARE: usize = 3;

/// Whether `word` is one character whose code point its `line` gives (`˛ 02DB OGONEK`):
/// a table of characters shows each as it is.
fn names_its_code_point(line: &str, word: &str) -> bool {
    let mut chars = word.chars();
    matches!((chars.next(), chars.next()), (Some(c), None) if names_code_point(line, c))
}

/// Whether the only characters beyond ASCII of `word` are trademark signs, each after a
/// name and before a capitalised word or the end: `W3C®Trademarks`, `Intel®Core™`, where
/// a page set the sign as a superscript and the space after it was lost. Read through
/// another code page, the sign becomes a letter (`®` in MacRoman is `Æ`) and the word reads
/// as one: the glued words are `glued-words`' finding, not a codec's.
fn has_glued_brand_sign(word: &str) -> bool {
    let chars: Vec<char> = word.chars().collect();
    let mut any = false;
    for (i, &c) in chars.iter().enumerate() {
        if c.is_ascii() {
            continue;
        }
        let after_name = i > 0 && chars[i - 1].is_ascii_alphanumeric();
        let before_word = match (chars.get(i + 1), chars.get(i + 2)) {
            (None, _) => true,
            (Some(next), after) => {
                !next.is_alphanumeric()
                    || (next.is_ascii_uppercase() && after.is_some_and(char::is_ascii_lowercase))
            }
        };
        if !(matches!(c, '®' | '™' | '℠') && after_name && before_word) {
            return false;
        }
        any = true;
    }
    any
}

/// A run of at least this many characters in code point order is a character table.
const MIN_TABLE_CHARS: usize = 6;

/// Whether `word` is not text a codec could have mixed up: markup with a backslash
/// (groff's `\s±n`, TeX's `\'e`, a regular expression), or a character table, the
/// letters of a code page in order (`ÀÁÂÃÄÅÆÇ`, `αβγδεζ`) as documentation lists them.
fn is_markup_or_table(word: &str) -> bool {
    if word.contains('\\') {
        return true;
    }
    let mut run = 1;
    let mut previous: Option<char> = None;
    for c in word.chars() {
        let next_of_previous = previous.and_then(|p| char::from_u32(u32::from(p) + 1));
        run = if next_of_previous == Some(c) {
            run + 1
        } else {
            1
        };
        if run >= MIN_TABLE_CHARS {
            return true;
        }
        previous = Some(c);
    }
    false
}

/// Whether the non-ASCII run `run` looks wrong with a character on each side: the cheap
/// test that keeps nearly all lines from being looked at closer.
fn suspicious(text: &str, run: Span) -> bool {
    let start = text[..run.start]
        .chars()
        .next_back()
        .map_or(run.start, |c| run.start - c.len_utf8());
    let end = text[run.end..]
        .chars()
        .next()
        .map_or(run.end, |c| run.end + c.len_utf8());
    let window = &text[start..end];
    has_latin_1_run(window) || badness(window) >= THRESHOLD
}

type Word<'t> = (Span, &'t str, f32);
type Reading = (f32, Vec<(usize, String)>, usize, usize);

fn best_reading(words: &[Word]) -> Vec<Mojibake> {
    let all = codecs::codecs();
    // (total gain, the words changed, the text's codec, the codec it was read with)
    let mut best: Option<Reading> = None;
    'pairs: for (real, read_as) in PAIRS {
        let (mut total, mut best_word) = (0.0f32, 0.0f32);
        let mut changed = Vec::new();
        for (i, &(_, word, before)) in words.iter().enumerate() {
            // A word with a character the codec cannot have produced was not read with it;
            // the line may still mix such words with garbled ones.
            let Some(repaired) = reread(word, read_as, &all[real]) else {
                continue;
            };
            if repaired == word {
                continue;
            }
            let gain = before - badness(&repaired) - accent_load(&repaired);
            if gain < 0.0 {
                // A word the pair makes worse: the line was not read with it.
                continue 'pairs;
            }
            total += gain;
            best_word = best_word.max(gain);
            changed.push((i, repaired));
        }
        if total >= THRESHOLD && best_word >= THRESHOLD && best.as_ref().is_none_or(|b| total > b.0)
        {
            best = Some((total, changed, real, read_as));
        }
    }
    let Some((_, changed, real, read_as)) = best else {
        return Vec::new();
    };
    changed
        .into_iter()
        .filter_map(|(i, repaired)| {
            let (span, word, _) = words[i];
            changed_part(word, &repaired).map(|(start, end, replacement)| Mojibake {
                span: Span::new(span.start + start, span.start + end),
                repaired: replacement,
                cause: Cause::SingleByte(all[real].name, all[read_as].name),
            })
        })
        .collect()
}

/// The part of `word` a reread changed, as (start, end, replacement): a reread maps one
/// character to one.
fn changed_part(word: &str, repaired: &str) -> Option<(usize, usize, String)> {
    let old: Vec<(usize, char)> = word.char_indices().collect();
    let new: Vec<char> = repaired.chars().collect();
    let first = (0..old.len()).find(|&i| old[i].1 != new[i])?;
    let last = (0..old.len()).rev().find(|&i| old[i].1 != new[i])?;
    let end = old[last].0 + old[last].1.len_utf8();
    Some((old[first].0, end, new[first..=last].iter().collect()))
}

/// `word` encoded with the codec it was read with and decoded with `real`; `None` when a
/// character has no byte in one of them.
fn reread(word: &str, read_as: usize, real: &Codec) -> Option<String> {
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        if c.is_ascii() {
            out.push(c);
            continue;
        }
        let byte = codecs::bytes_of(c)?.of[read_as];
        let decoded = real.decode(byte).filter(|_| byte != 0)?;
        out.push(decoded);
    }
    Some(out)
}

/// A word of three letters or more, all of them accented latin-1 letters, is no word of
/// any language written in Latin letters: it is another script read with the wrong code
/// page.
fn accent_load(word: &str) -> f32 {
    let (mut letters, mut accented, mut first, mut one_letter) = (0, 0, None, true);
    for c in word.chars().filter(|c| c.is_alphabetic()) {
        letters += 1;
        if ('\u{c0}'..='\u{ff}').contains(&c) {
            accented += 1;
        }
        one_letter &= *first.get_or_insert(c) == c;
    }
    // One letter repeated (`ÿÿÿÿ`, `áááá` in a test) is filler, not a word of any script.
    if letters >= 3 && accented == letters && !one_letter {
        (accented - 1) as f32
    } else {
        0.0
    }
}
