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
    fix: FixAvailability::Safe,
    opt_in: false,
    summary: "UTF-8 text that was decoded as windows-1252 or latin-1 (`â€™`, `Ã©`)",
    docs: r#"## What it does
Finds mojibake: UTF-8 text that some tool decoded as windows-1252 or latin-1, so that each
non-ASCII character became two to four wrong ones (`’` → `â€™`, `é` → `Ã©`, `ü` → `Ã¼`,
`Привет` → `ÐŸÑ€Ð¸Ð²ÐµÑ‚`, `😀` → `ðŸ˜€`).

Like ftfy, it does not match a list of known garbage: it takes each run of characters
that windows-1252 (or latin-1) can encode, encodes it back to bytes, and checks that the
bytes are valid UTF-8 that decodes to a plausible character. Correct text does not pass
that test: `clichés`, `Français`, `naïve`, `Ångström` encode to bytes that are not UTF-8.
Where a two-byte sequence could also be real text (an accented capital followed by a
quote mark, `CAFÉ”`) or decodes to a right-to-left script, it needs a second mojibake
sequence beside it to count. Repeated mojibake (`Ã¢â‚¬â„¢`) is repaired in rounds.

## Why it matters
Mojibake is the most common damage in scraped text. It corrupts every word it touches
for search, tokenization and deduplication, and it is repairable without loss when caught.

## Example
`donâ€™t` → `don’t`, `cafÃ©` → `café`

## Fix
Safe: replace the run with its repaired text.

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
    for &(span, ref repaired) in context.mojibake() {
        let found = &text[span.start..span.end];
        let message = format!(
            "mojibake: `{}` is `{}` decoded with the wrong encoding",
            escape_invisible(&ellipsize(found, 40)),
            ellipsize(repaired, 40)
        );
        report
            .report(&RULE, span, message)
            .with_label(format!("should read `{}`", ellipsize(repaired, 40)))
            .with_help("this UTF-8 text was decoded as windows-1252/latin-1; repair it")
            .with_fix(Fix::safe(vec![Edit::replace(span, repaired.clone())]));
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
}
