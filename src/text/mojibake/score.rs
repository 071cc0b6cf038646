//! How implausible a piece of text is as written. Mojibake turns one letter into two to
//! four characters of another kind: capitals inside lowercase words, symbols and box
//! drawing between letters, letters of two scripts glued together, control characters.
//! Correct text in any language has few of those, so a repair that removes them is
//! likely right, and one that adds them is likely wrong.

/// What a character is, as far as plausibility goes.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    Lower(Script),
    Upper(Script),
    /// A letter of a script without case (Arabic, Hebrew, CJK...).
    Caseless(Script),
    Mark,
    Digit,
    Space,
    /// Punctuation that real text puts next to letters: quotes, dashes, the ellipsis.
    Punct,
    /// Dashes and quotes that garbling often puts between two letters.
    Joiner,
    Symbol,
    /// Box drawing and blocks: DOS code pages turn UTF-8 lead bytes into these.
    Box,
    /// Controls, private use, unassigned and rare letters: nearly never in real text.
    Bad,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Script {
    Latin,
    Greek,
    Cyrillic,
    Armenian,
    Hebrew,
    Arabic,
    /// Han, kana and Hangul: mixed with Latin in real text all the time.
    Cjk,
    Other,
}

fn script(c: char) -> Script {
    match c as u32 {
        0..=0x24f | 0x1e00..=0x1eff => Script::Latin,
        0x370..=0x3ff | 0x1f00..=0x1fff => Script::Greek,
        0x400..=0x52f => Script::Cyrillic,
        0x530..=0x58f => Script::Armenian,
        0x590..=0x5ff | 0xfb1d..=0xfb4f => Script::Hebrew,
        0x600..=0x6ff | 0x750..=0x77f | 0xfb50..=0xfdff | 0xfe70..=0xfeff => Script::Arabic,
        0x2e80..=0x9fff | 0xac00..=0xd7af | 0xf900..=0xfaff | 0xff00..=0xffef => Script::Cjk,
        0x20000.. => Script::Cjk,
        _ => Script::Other,
    }
}

fn kind(c: char) -> Kind {
    let code = c as u32;
    if c.is_ascii() {
        return match c {
            'a'..='z' => Kind::Lower(Script::Latin),
            'A'..='Z' => Kind::Upper(Script::Latin),
            '0'..='9' => Kind::Digit,
            ' ' | '\t' | '\n' | '\r' => Kind::Space,
            '\0'..='\x1f' | '\x7f' => Kind::Bad,
            _ => Kind::Punct,
        };
    }
    match code {
        0x80..=0x9f | 0xe000..=0xf8ff | 0xfff0..=0xffff | 0xf0000.. => return Kind::Bad,
        // IPA, spacing modifiers, Armenian, Syriac and the scripts after it: letters that a
        // repair or a garbling produces by chance far more often than real text has them.
        0x250..=0x2ff | 0x530..=0x58f | 0x700..=0x8ff => return Kind::Bad,
        0x300..=0x36f | 0x483..=0x489 | 0x591..=0x5c7 | 0x610..=0x61a | 0x64b..=0x65f => {
            return Kind::Mark;
        }
        0x1ab0..=0x1aff | 0x1dc0..=0x1dff | 0x20d0..=0x20ff | 0xfe20..=0xfe2f => return Kind::Mark,
        0x2500..=0x259f | 0x2320..=0x2321 => return Kind::Box,
        0xad | 0x200b..=0x200f | 0x2028..=0x202e | 0x2060..=0x206f => return Kind::Bad,
        _ => {}
    }
    match c {
        '\u{a0}' | '\u{2000}'..='\u{200a}' | '\u{202f}' | '\u{3000}' => Kind::Space,
        '–' | '—' | '„' | '“' | '”' | '‚' | '‹' | '›' | '«' | '»' | '…' => {
            Kind::Joiner
        }
        '‘' | '’' | '·' | '•' | '¡' | '¿' | '‐' | '‑' | '′' | '″' => Kind::Punct,
        // Letters by category that read as symbols: ordinal indicators, micro, florin.
        'ª' | 'º' | 'µ' | 'ƒ' => Kind::Symbol,
        _ if c.is_alphabetic() => {
            let script = script(c);
            if c.is_lowercase() {
                Kind::Lower(script)
            } else if c.is_uppercase() {
                Kind::Upper(script)
            } else {
                Kind::Caseless(script)
            }
        }
        _ if c.is_whitespace() => Kind::Space,
        _ if c.is_control() => Kind::Bad,
        '\u{3000}'..='\u{303f}' | '\u{ff01}'..='\u{ff0f}' => Kind::Punct,
        _ => Kind::Symbol,
    }
}

fn letter_script(kind: Kind) -> Option<Script> {
    match kind {
        Kind::Lower(s) | Kind::Upper(s) | Kind::Caseless(s) => Some(s),
        _ => None,
    }
}

/// Single letters that stand as words in some language, so are no sign of garbling alone.
fn single_letter_word(c: char) -> bool {
    c.is_ascii() || matches!(c, 'À' | 'É' | 'Ó' | 'Á' | 'Ò' | 'Ú' | 'Ö' | 'Ü') || !c.is_uppercase()
}

/// How implausible `text` is, in penalty points; compare two versions of the same span
/// with the same characters around them.
pub fn badness(text: &str) -> f32 {
    let mut chars = text.chars().map(|c| (c, kind(c)));
    let mut bad = 0.0;
    let mut prev: Option<(char, Kind)> = None;
    let mut current = chars.next();
    while let Some((c, k)) = current {
        let next = chars.next();
        if k == Kind::Bad {
            bad += 3.0;
        }
        if k == Kind::Mark && prev.is_none_or(|(_, p)| letter_script(p).is_none()) {
            bad += 1.0;
        }
        let is_letter = letter_script(k).is_some();
        let prev_letter = prev.is_some_and(|(_, p)| letter_script(p).is_some());
        let next_letter = next.is_some_and(|(_, n)| letter_script(n).is_some());
        // A lone accented capital, set off by spaces or symbols (`Â»`, `Â `).
        // A letter in quotes (`‘Æ’`) is a letter being named.
        let quote = |n: Option<(char, Kind)>| {
            n.is_some_and(|(_, k)| matches!(k, Kind::Punct | Kind::Joiner))
        };
        let quoted = quote(prev) && quote(next);
        // `Ä…` is a stutter.
        let trailing_off = next.is_some_and(|(n, _)| n == '…');
        if is_letter
            && !c.is_ascii()
            && !prev_letter
            && !next_letter
            && !quoted
            && !trailing_off
            && !single_letter_word(c)
        {
            bad += 1.0;
        }
        if k == Kind::Joiner && prev_letter && next_letter {
            bad += 1.0;
        }
        if let Some((p, pk)) = prev {
            bad += pair_of(p, pk, c, k);
        }
        prev = current;
        current = next;
    }
    bad
}

fn pair_of(p: char, pk: Kind, c: char, k: Kind) -> f32 {
    if p.is_ascii() && c.is_ascii() {
        return 0.0;
    }
    // Diagrams put box drawing next to ASCII punctuation and digits.
    let ascii_beside_box = (pk == Kind::Box && c.is_ascii() && !c.is_ascii_alphabetic())
        || (k == Kind::Box && p.is_ascii() && !p.is_ascii_alphabetic());
    if ascii_beside_box {
        return 0.0;
    }
    pair(pk, k, p.is_ascii() || c.is_ascii())
}

/// Whether a word of `line` has three latin-1 letters in a row (`Ïðèâåò`), which
/// [`badness`] does not count by itself.
pub fn has_latin_1_run(line: &str) -> bool {
    let mut run = 0;
    for c in line.chars() {
        if ('\u{c0}'..='\u{ff}').contains(&c) && c != '×' && c != '÷' {
            run += 1;
            if run >= 3 {
                return true;
            }
        } else {
            run = 0;
        }
    }
    false
}

fn pair(a: Kind, b: Kind, some_ascii: bool) -> f32 {
    use Kind::*;
    match (a, b) {
        (Lower(_), Upper(_)) => 1.5,
        // An accented capital glued to a quote or symbol (`Â«`); `CAFÉ”` gets only this.
        (Upper(Script::Latin), Joiner | Punct | Space) if !some_ascii => 0.5,
        (x, y) if letter_script(x).is_some() && letter_script(y).is_some() => {
            let (s, t) = (letter_script(x), letter_script(y));
            // Chinese and Japanese text mixes in Latin words all the time, not other scripts.
            let latin_cjk = matches!(
                (s, t),
                (Some(Script::Latin), Some(Script::Cjk)) | (Some(Script::Cjk), Some(Script::Latin))
            );
            if s != t && !latin_cjk { 1.0 } else { 0.0 }
        }
        // Box drawing beside box drawing is a diagram; beside a letter it is garbling.
        (Box, Box) | (Box, Space | Digit | Bad) | (Space | Digit | Bad, Box) => 0.0,
        (Box, _) | (_, Box) => 1.5,
        (Symbol, Symbol) => 0.5,
        (Symbol, Digit) | (Digit, Symbol) => 0.0,
        (Symbol, x) | (x, Symbol) if letter_script(x).is_some() => 1.0,
        _ => 0.0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn correct_text_scores_nothing() {
        for text in [
            "café au lait",
            "Über die Brücke",
            "Привет, мир",
            "Γειά σου",
            "中文Français",
            "don’t «oui» — 20 °, ½ cup",
            "À bientôt",
        ] {
            assert_eq!(badness(text), 0.0, "{text}");
        }
    }

    #[test]
    fn mojibake_scores_high() {
        for text in [
            "cafÃ©",
            "ÐŸÑ€Ð¸",
            "kl├ívesu",
            "caf√©",
            "don\u{e2}\u{80}\u{99}t",
        ] {
            assert!(badness(text) >= 1.5, "{text}: {}", badness(text));
        }
    }
}
