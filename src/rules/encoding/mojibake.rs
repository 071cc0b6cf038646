use crate::diagnostic::edit::{Edit, Fix};
use crate::diagnostic::{Family, Severity};
use crate::diagnostic::{FixAvailability, Rule};
use crate::rules::check::{Check, Lint, Reporter};
use crate::rules::document_context::DocumentContext;
use crate::text::{ellipsize, escape_invisible};

pub const RULE: Rule = Rule {
    code: "E009",
    name: "mojibake",
    family: Family::Encoding,
    severity: Severity::Error,
    fix: FixAvailability::Sometimes,
    opt_in: false,
    summary: "text decoded with the wrong codec, once or more (`â€™`, `Ã©`, `Ð¿Ñ€`, `√©`, `├í`)",
    docs: r#"## What it does
Finds mojibake: text that some tool decoded with the wrong codec, so that each non-ASCII
character became one to four wrong ones, and repairs it. Two kinds are found:

- UTF-8 decoded with a single-byte codec: windows-1252 or latin-1 (`’` → `â€™`, `é` →
  `Ã©`), MacRoman (`é` → `√©`), windows-1250 / ISO-8859-2 (`é` → `Ă©`), windows-1251
  (`’` → `вЂ™`, `Привет` → `РџСЂРёРІРµС‚`), windows-1253, windows-1254, windows-1257,
  ISO-8859-15, KOI8-R and KOI8-U, and the DOS code pages cp437, cp850 and cp866
  (`á` → `├í`); also chains of two or three such decodings (`â€™` read again as
  windows-1252 gives `Ã¢â‚¬â„¢`);
- text in one single-byte codec decoded with another: windows-1252 read as latin-1 (C1
  controls where quotes were), windows-1251 read as windows-1252 (`Ïðèâåò`), windows-1252
  read as MacRoman (`tilf¯je`), windows-1250 read as windows-1252 and ISO-8859-2 read as
  latin-1 (`B³¹d`), MacRoman read as latin-1. (KOI8-R and windows-1251 mixed up swap one
  Cyrillic word for another, which no score tells from real text: not found.)

It does not match a list of known garbage, and no character pair is enough on its own.
Each run of characters that a codec can encode is encoded back to bytes; where the bytes
are valid multi-byte UTF-8 (or, for single-byte mix-ups, where a word reads better in
another codec), the repair is scored: how much less plausible the text is as written than
repaired, counting capitals inside lowercase words, symbols and box drawing between
letters, letters of two scripts glued together, lone accented capitals and control
characters. Only a clear gain counts, so correct text stays clean: `clichés`, `Ångström`,
`SÃO PAULO`, `ÅLAND`, an all-caps word ending in `Ä` before a no-break space, `CAFÉ”`,
a product name with `™`, a trademark sign glued to the next word (`W3C®Trademarks`).
Words made only of accented letters read as another script when their line has two or
more, a third of its words at least: one alone, or two in a sentence of English, list
letters (`áéíóú`, `æøå`), and one letter repeated (`ÿÿÿÿ`) is filler. Character tables
are left alone: letters in code point order (`ÀÁÂÃÄ`), and a character standing beside
its own code point (`˛ 02DB OGONEK`). Text written as code (a fenced block, a span
between backticks, a literal, doctest or code block of reStructuredText) is left as it
is: an example there shows the garbling on purpose. So is garbling quoted as a word of
its own (`accents show as “Ã©”`), and a word of its own or a quoted word on a line that
names an encoding (`UTF-8 read as ISO-8859-1 shows Ã¨`), unless the text is garbled
elsewhere too: a tool garbles a whole text, not only the lines that explain garbling.

## Why it matters
Mojibake is the most common damage in scraped text. It corrupts every word it touches
for search, tokenization and deduplication, and it is repairable without loss when caught.

## Example
`donâ€™t` → `don’t`, `cafÃ©` → `café`, `kl├ívesu` → `klávesu`,
`Ã¢â‚¬â„¢` → `’` (UTF-8 read as windows-1252, then as windows-1252 again)

## Fix
Safe for UTF-8 mojibake: the bytes are recovered exactly, through every layer. Unsafe for
a single-byte mix-up, where the repair is the most plausible of several codecs.

## Configuration
None. Silence with `--ignore E009`.
"#,
};

/// The rule with its check, as the registry lists it.
pub const LINT: Lint = Lint {
    rule: &RULE,
    check: Check::Document(check),
};

fn check(context: &DocumentContext, report: &mut Reporter) {
    let text = context.text();
    for found in context.mojibake() {
        let span = found.span;
        // An example written as code (`// Prints: this is a tÃ©st`) shows the garbling on
        // purpose.
        if context.in_code(span.start) {
            continue;
        }
        let garbled = &text[span.start..span.end];
        let repaired = &found.repaired;
        let cause = found.cause.describe();
        let message = format!(
            "mojibake: `{}` is `{}`, {cause}",
            escape_invisible(&ellipsize(garbled, 40)),
            escape_invisible(&ellipsize(repaired, 40))
        );
        let edits = vec![Edit::replace(span, repaired.clone())];
        let fix = if found.cause.is_exact() {
            Fix::safe(edits)
        } else {
            Fix::unsafe_(edits)
        };
        report
            .report(&RULE, span, message)
            .with_label(format!("should read `{}`", ellipsize(repaired, 40)))
            .with_help(format!("this text is {cause}; repair it"))
            .with_fix(fix);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_support::{fixed, flagged};

    /// Mojibake made the way it happens: UTF-8 bytes decoded as windows-1252.
    fn garble(text: &str) -> String {
        encoding_rs::WINDOWS_1252
            .decode(text.as_bytes())
            .0
            .into_owned()
    }

    /// UTF-8 bytes decoded as latin-1 (C1 controls instead of windows-1252 punctuation).
    fn garble_latin1(text: &str) -> String {
        text.bytes().map(char::from).collect()
    }

    #[test]
    fn repairs_real_world_mojibake() {
        for original in [
            "don’t",
            "“quoted”",
            "café au lait",
            "Über die Brücke",
            "El Niño — señor",
            "Привет, мир",
            "Łódź and Kraków",
            "emoji 😀 here",
            "Γειά σου",
            "中文双语",
            "naïve façade",
        ] {
            let garbled = garble(original);
            assert_ne!(garbled, original);
            assert_eq!(fixed(&RULE, &garbled), original, "{garbled}");
            let garbled = garble_latin1(original);
            assert_eq!(fixed(&RULE, &garbled), original, "{garbled:?}");
        }
    }

    #[test]
    fn repairs_double_mojibake() {
        let twice = garble(&garble("it’s"));
        assert_eq!(fixed(&RULE, &twice), "it’s");
    }

    #[test]
    fn one_finding_per_run() {
        assert_eq!(flagged(&RULE, &garble("“quoted” and café")).len(), 3);
        assert_eq!(flagged(&RULE, &garble("Привет")).len(), 1);
    }

    #[test]
    fn leaves_correct_text_alone() {
        for text in [
            "clichés, Français, naïve, Ångström, Größe, crème brûlée",
            "The UK’s “political” attack — and more… «oui»",
            "CAFÉ” said the sign. DÉJÀ VU’ and ÖL“",
            "SÃO PAULO and CHÂTEAU, Æther, ½ cup, £5, 20°C, µm, ©2021, ×2",
            "中文双语Français 中国社会科学网(中文)",
            "Ø’s and Ü” and Ä…",
            "Le café où se déroulait la réunion était fermé à 18h.",
            "¿Qué? ¡Olé! «Ça va?» — Señor Muñoz",
            "un café\u{a0}“noir” et à\u{a0}« bientôt »",
        ] {
            assert!(flagged(&RULE, text).is_empty(), "{text}");
        }
    }

    #[test]
    fn leaves_examples_written_as_code() {
        let garbled = garble("this is a tést");
        let text = format!(
            "Read as latin1:\n\n```js\nconsole.log(buf);\n// Prints: {garbled}\n```\n\nIt prints `{garbled}` and then {garbled}.\n"
        );
        // Only the last one, in prose, is reported.
        let found = flagged(&RULE, &text);
        assert_eq!(found.len(), 1);
        assert!(fixed(&RULE, &text).ends_with("and then this is a tést.\n"));
    }
}
