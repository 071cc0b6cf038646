use std::collections::HashMap;

use crate::data::glued_words::GluedWords;
use crate::data::stop_words::StopWords;
use crate::diagnostic::edit::{Edit, Fix};
use crate::diagnostic::{Family, Severity};
use crate::diagnostic::{FixAvailability, Rule};
use crate::rules::check::{Check, Lint, Reporter};
use crate::rules::document_context::DocumentContext;
use crate::text::span::Span;
use crate::text::{HIGH_BITS, bytes_within, char_after, char_before, find_byte, glued_boundary};

pub const RULE: Rule = Rule {
    code: "E012",
    name: "glued-words",
    family: Family::Encoding,
    severity: Severity::Warning,
    fix: FixAvailability::Unsafe,
    opt_in: false,
    summary: "Two words glued together where a separator was lost (`ChinaUS`, `EditionASIA`)",
    docs: r#"## What it does
Reports a word in which a run of two or more lower-case letters is directly followed by a
run of two or more upper-case letters: `ChinaUS` (from `China-US`), `EditionASIA` (from
`Edition | ASIA`). That shape is what HTML-to-text extraction leaves when it drops the
tag, hyphen or line break between two words.

Real names with mixed case are spared by the shape itself: `McDonald`, `iPhone`,
`YouTube`, `BioNTech` have single capitals inside. Names that do have the shape are
described in `rules/glued_words.toml`: whole words (`macOS`, `ChatGPT`), acronyms that
end product names (`CentOS`, `ReiserFS`, `OpenVPN`: `OS`, `FS`, `VPN`) and the formants
names begin with, followed by a capital (`OpenLDAP`, `WebDAV`, `NetBIOS`).
Words with digits or with `/ @ # _ = . : & \` inside (URLs, handles, identifiers) are
not looked at, and neither are words written as code (`isXXX()`, `(getCHARS):` in a
change log, `<cmdFPR>`), words whose case changes from lower to upper more than once
(identifiers such as `errSSLWouldBlock`, user names such as `DoomsdayBeamXD`: a lost
separator makes one change), words where the capitals open a longer word
(`BufferedIOBase`, `GetCPUInfo`: an identifier; but `demSELinux` after a function word
of the line's language is glued), and a glued-looking word found twice or more in a
document: a lost separator is an accident that seldom repeats word for word, a name
repeats. The shape alone is not enough either where names and identifiers are built
the same way: fewer than three letters before the capitals are a prefix (`reCAPTCHA`,
`mtDNA`, `toASCII`; but a function word at the end of a line is a headline cut before
the next block's label: `Makhno inVIDEO`), capitals that are a placeholder (`vtXXX`,
`compatNN`, `startXYZ`) are not a word, a word that opens with two capitals (`XOpenIM`)
is an identifier, and a line of five items or more between commas, four in five of one
word, lists user names or tags as their owners wrote them.

## Why it matters
A glued word is two words lost for search and tokenization, and a sign that the
extraction dropped structure around it.

## Example
`a core factor of ChinaUS diplomacy`

## Fix
Unsafe (the lost separator could have been a space, a hyphen or a slash): insert a space
between the two runs.

## Configuration
In `corpuslint.toml`, list real names under `[encoding]`:

```toml
[encoding]
glued_words_allow = ["GnuTLS", "CircleCI"]
glued_words_files = ["names.toml"]
```

`glued_words_allow` takes whole words; each file of `glued_words_files` (paths relative
to the configuration file) has the format of `rules/glued_words.toml`, with any of its
`allow`, `name_suffixes` and `name_prefixes` lists. A file that cannot be read or does
not parse is a configuration error. Silence with `--ignore E012`.
"#,
};

/// The rule with its check, as the registry lists it.
pub const LINT: Lint = Lint {
    rule: &RULE,
    check: Check::Document(check),
};

fn check(context: &DocumentContext, report: &mut Reporter) {
    let text = context.text();
    // Lines are found through the document's index: a document of one long line looks
    // for no newline again for each word.
    let lines = &context.doc.lines;
    let line_around = |at: usize| {
        let line = lines.line_of(at);
        &text[lines.line_start(line)..lines.line_end(line, text)]
    };
    let mut found = Vec::new();
    // A lost separator is an accident of extraction, which seldom repeats word for word;
    // the same glued-looking word twice in a document is a name (`GnuTLS`, `TinySCHEME`).
    let mut seen: HashMap<&str, usize> = HashMap::new();
    let mut checked_until = 0;
    for offset in upper_after_lower(text) {
        if offset >= checked_until {
            let word = word_around(text, offset);
            checked_until = word.end;
            let data = &context.data.glued_words;
            glued_in_word(text, word, data, &line_around, &mut seen, &mut found);
        }
    }
    // The line last looked at, and whether it lists names.
    let mut names_line: Option<(usize, bool)> = None;
    for (letters, boundary, run) in found {
        // Markdown code and HTML are written as they must be.
        if seen.get(run) != Some(&1) || context.doc.structure.is_verbatim(letters) {
            continue;
        }
        let line = lines.line_of(letters.start);
        let lists = match names_line {
            Some((last, lists)) if last == line => lists,
            _ => {
                let lists = lists_names(line_around(letters.start));
                names_line = Some((line, lists));
                lists
            }
        };
        if !lists {
            report_glued(text, letters, boundary, report);
        }
    }
}

/// A line lists names when it has this many items between commas or more...
const MIN_LIST_ITEMS: usize = 5;

/// ...four in five of one word: user names, tags and keywords, written as their
/// owners chose (`KuroKitsune, jennyjenka, ImaDMS, Sky_King`), not words a lost
/// separator glued.
fn lists_names(line: &str) -> bool {
    let (mut items, mut one_word) = (0, 0);
    for item in line
        .split([',', '，'])
        .map(str::trim)
        .filter(|i| !i.is_empty())
    {
        items += 1;
        one_word += usize::from(!item.contains(char::is_whitespace));
    }
    items >= MIN_LIST_ITEMS && one_word * 5 >= items * 4
}

/// Offsets of upper-case letters right after a lower-case letter, where a glued word can
/// start. Only upper-case ASCII letters and non-ASCII characters are looked at closely.
fn upper_after_lower(text: &str) -> impl Iterator<Item = usize> + '_ {
    let bytes = text.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
        while at < bytes.len() {
            let offset = find_byte(bytes, at, may_be_upper_or_non_ascii, |b| {
                b.is_ascii_uppercase() || !b.is_ascii()
            })?;
            // Every byte before it is ASCII: `offset` starts a character.
            let c = char_after(text, offset)?;
            at = offset + c.len_utf8();
            if c.is_uppercase() && char_before(text, offset).is_some_and(char::is_lowercase) {
                return Some(offset);
            }
        }
        None
    })
}

/// The top bit of each byte of `word` that may be an upper-case ASCII letter or not
/// ASCII (and of no other): the letters are looked for with the top bits cleared.
fn may_be_upper_or_non_ascii(word: u64) -> u64 {
    (word | bytes_within(word & !HIGH_BITS, b'A', b'Z')) & HIGH_BITS
}

fn report_glued(text: &str, run: Span, boundary: usize, report: &mut Reporter) {
    let word = &text[run.start..run.end];
    let (left, right) = (&text[run.start..boundary], &text[boundary..run.end]);
    report
        .report(
            &RULE,
            run,
            format!("`{word}` looks like two words glued together (`{left}` + `{right}`)"),
        )
        .with_label("separator lost here?")
        .with_help(format!(
            "restore the separator (`{left} {right}`, `{left}-{right}`...); if `{word}` is a real name, add it to `glued_words_allow` under `[encoding]` in corpuslint.toml"
        ))
        .with_fix(Fix::unsafe_(vec![Edit::insert(boundary, " ")]));
}

/// The whitespace-delimited word containing `offset`.
fn word_around(text: &str, offset: usize) -> Span {
    let start = text[..offset]
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace())
        .map_or(0, |(i, c)| i + c.len_utf8());
    let end = text[offset..]
        .char_indices()
        .find(|(_, c)| c.is_whitespace())
        .map_or(text.len(), |(i, _)| offset + i);
    Span::new(start, end)
}

/// Every glued place of the word, into `found`: the letters from the previous glued
/// place (or the start of their run), the offset where the next word starts, and the
/// whole run. All are found at once, so that one round of fixes separates them all. Each
/// run of the word that has the shape is counted in `seen`, glued or not.
fn glued_in_word<'t>(
    text: &'t str,
    word: Span,
    names: &GluedWords,
    line_around: &dyn Fn(usize) -> &'t str,
    seen: &mut HashMap<&'t str, usize>,
    found: &mut Vec<(Span, usize, &'t str)>,
) {
    let raw = &text[word.start..word.end];
    // Quotes and brackets around a word go; `#` and `@` stay, they mark tags and handles.
    let outer = |c: char| !c.is_alphanumeric() && c != '#' && c != '@';
    let trimmed = raw.trim_matches(outer);
    let trimmed_start = word.start + (raw.len() - raw.trim_start_matches(outer).len());
    let looks_like_code = trimmed.chars().any(|c| {
        c.is_ascii_digit() || matches!(c, '/' | '@' | '#' | '_' | '=' | '.' | ':' | '&' | '\\')
    });
    if looks_like_code || names_code(raw, trimmed) {
        return;
    }
    for run in trimmed.split(|c: char| !c.is_alphabetic()) {
        // The separators between runs can be of any length in bytes (U+FFFD is three).
        let start = trimmed_start + (run.as_ptr() as usize - trimmed.as_ptr() as usize);
        let run_span = Span::new(start, start + run.len());
        if run.is_empty() || names.is_name(run) || is_camel_case(run) {
            continue;
        }
        let mut rest = run_span;
        if glued_boundary(run).is_some() {
            *seen.entry(run).or_default() += 1;
        }
        while let Some(boundary) = glued_boundary(&text[rest.start..rest.end]) {
            let next = rest.start + boundary;
            let (left, right) = (&text[rest.start..next], &text[next..rest.end]);
            let place = Place {
                opens_run: rest.start == run_span.start,
                ends_line: ends_line(text, rest.end),
            };
            if is_glued(left, right, place, || {
                is_function_word(line_around(next), left)
            }) {
                found.push((rest, next, run));
            }
            rest.start = next;
        }
    }
}

/// The fewest letters a glued word has before its capitals: the last word of a text
/// block is seldom shorter, the prefix of a name or an identifier often is (`reCAPTCHA`,
/// `mtDNA`, `toASCII`, `isTTY`).
const MIN_LETTERS_BEFORE: usize = 3;

/// Where a glued-looking place is in its word and line.
#[derive(Clone, Copy)]
struct Place {
    /// The letters before the capitals start the word's run of letters.
    opens_run: bool,
    /// Nothing but punctuation follows the capitals on their line.
    ends_line: bool,
}

/// Whether `left` + `right`, which have the shape of two glued words (lower case, then
/// capitals), are two words whose separator was lost rather than one name or identifier.
/// `after_function_word` tells whether `left` is a function word of its line's language.
fn is_glued(left: &str, right: &str, place: Place, after_function_word: impl Fn() -> bool) -> bool {
    if is_placeholder(right) {
        return false;
    }
    // A word that opens with two capitals is an identifier or a name all along
    // (`XOpenIM`, `CFWordBC`); a word left by extraction opens as words do.
    if place.opens_run && left.chars().take(2).all(char::is_uppercase) {
        return false;
    }
    // A short beginning is a prefix, unless a headline cut after a preposition got the
    // label of the next block at the end of its line (`Makhno inVIDEO`).
    if left.chars().nth(MIN_LETTERS_BEFORE - 1).is_none()
        && !(place.ends_line && after_function_word())
    {
        return false;
    }
    // After a function word, a name that opens with an acronym is glued all the same
    // (`demSELinux`).
    !acronym_opens_word(right) || after_function_word()
}

/// Whether nothing but punctuation and spaces follows `at` on its line.
fn ends_line(text: &str, at: usize) -> bool {
    text[at..]
        .chars()
        .take_while(|&c| c != '\n')
        .all(|c| !c.is_alphanumeric())
}

/// Whether `word`, the letters before the capitals, is a function word in the language
/// of its `line` (in any language when the line does not tell): `dem` is one in German,
/// `bin` is not in an English change log (`binNMUed`).
fn is_function_word(line: &str, word: &str) -> bool {
    let stop_words = StopWords::get();
    match stop_words.guess([line]) {
        Some(language) => stop_words.is_stop_word_in(word, language),
        None => stop_words.is_stop_word(word),
    }
}

/// Whether the capitals that start `right` are a placeholder in a name (`vtXXX`,
/// `compatNN`, `startXYZ`): one letter repeated, or letters from the end of the alphabet.
fn is_placeholder(right: &str) -> bool {
    let mut capitals = right.chars().take_while(|c| c.is_uppercase()).peekable();
    let Some(&first) = capitals.peek() else {
        return false;
    };
    let (mut same, mut last_letters) = (true, true);
    for c in capitals {
        same &= c == first;
        last_letters &= matches!(c, 'X' | 'Y' | 'Z');
    }
    same || last_letters
}

/// Whether the capitals that start `rest` are an acronym at the head of a longer word
/// (`SSLCerts`, `CPUInfo`, `DHParam`): the way identifiers are written
/// (`CloneSSLCerts`, `GetCPUInfo`). A lost separator leaves the capitals at the end of the
/// word (`ChinaUS`) or before a plural `s` (`theGPUs`).
fn acronym_opens_word(rest: &str) -> bool {
    let tail = rest.trim_start_matches(char::is_uppercase);
    tail.chars()
        .take_while(|c| c.is_lowercase())
        .nth(1)
        .is_some()
}

/// Whether the word is written as code names a function or a symbol: `isXXX()`,
/// `(getCHARS):` in a change log, `<cmdFPR>`.
fn names_code(raw: &str, trimmed: &str) -> bool {
    let Some(at) = raw.find(trimmed) else {
        return false;
    };
    let (before, after) = (&raw[..at], &raw[at + trimmed.len()..]);
    after.starts_with('(')
        || (before.ends_with('(') && after.starts_with("):"))
        || (before.ends_with('<') && after.starts_with('>'))
}

/// Whether a run of letters changes from lower to upper case more than once:
/// identifiers (`oPrintPKARecords`, `errSSLWouldBlock`) and user names
/// (`DoomsdayBeamXD`) are written so; a lost separator glues two words, one change.
fn is_camel_case(run: &str) -> bool {
    let mut changes = 0;
    let mut lower = false;
    for c in run.chars() {
        if lower && c.is_uppercase() {
            changes += 1;
        }
        lower = c.is_lowercase();
    }
    changes > 1
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The definition: every character, with the one before it.
    fn upper_after_lower_by_chars(text: &str) -> Vec<usize> {
        let mut prev = ' ';
        let mut found = Vec::new();
        for (offset, c) in text.char_indices() {
            if prev.is_lowercase() && c.is_uppercase() {
                found.push(offset);
            }
            prev = c;
        }
        found
    }

    #[test]
    fn case_changes_are_found_as_a_char_by_char_scan_finds_them() {
        for text in [
            "",
            "plain lower case",
            "ChinaUS and iPhone, macOS",
            "écoleÉcole straßeSTRASSE ǅǆ",
            "日本Japan 中文China",
            "ΑθήναΑθήνα cafeÉ",
            "\u{301}A aÀ a\u{0130}",
        ] {
            assert_eq!(
                upper_after_lower(text).collect::<Vec<_>>(),
                upper_after_lower_by_chars(text),
                "{text:?}"
            );
        }
    }

    #[test]
    fn a_word_flags_exactly_its_upper_case_and_non_ascii_bytes() {
        for b in 0..=u8::MAX {
            for at in 0..8 {
                for filler in [b'a', b'Z', 0xff, 0x00] {
                    let mut bytes = [filler; 8];
                    bytes[at] = b;
                    let flags = may_be_upper_or_non_ascii(u64::from_le_bytes(bytes));
                    let flagged = flags >> (8 * at + 7) & 1 == 1;
                    assert_eq!(
                        flagged,
                        b.is_ascii_uppercase() || !b.is_ascii(),
                        "{b:#x} at {at}"
                    );
                }
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn case_changes_agree_with_the_definition(text in "[a-zA-Zé É ß中Ǆǅǆ\u{301}]{0,40}") {
            proptest::prop_assert_eq!(
                upper_after_lower(&text).collect::<Vec<_>>(),
                upper_after_lower_by_chars(&text)
            );
        }
    }
    use crate::rules::test_support::{fixed, flagged};

    #[test]
    fn reports_glued_words() {
        assert_eq!(
            flagged(&RULE, "a core factor of ChinaUS diplomacy"),
            ["ChinaUS"]
        );
        assert_eq!(
            flagged(&RULE, "Global EditionASIA 中文双语Français"),
            ["EditionASIA"]
        );
        assert_eq!(flagged(&RULE, "(ChinaUS)."), ["ChinaUS"]);
        // Capitals that open a longer word are written so in identifiers, and spared even
        // where a page glued three words: `BufferedIOBase` is far more common.
        assert_eq!(flagged(&RULE, "the EditionASIAPacific"), [] as [&str; 0]);
        assert_eq!(flagged(&RULE, "the BufferedIOBase class"), [] as [&str; 0]);
        assert_eq!(flagged(&RULE, "theGPUs queue"), ["theGPUs"]);
        assert_eq!(
            fixed(&RULE, "of ChinaUS diplomacy"),
            "of China US diplomacy"
        );
        // After a separator of several bytes, the run is found where it is.
        assert_eq!(flagged(&RULE, "x\u{2014}ChinaUS"), ["ChinaUS"]);
        assert_eq!(flagged(&RULE, "A\u{fffd}aaaBC"), ["aaaBC"]);
        // Every glued place of a word at once: one round of fixes separates them all.
        assert_eq!(
            flagged(&RULE, "EditionASIA-ChinaUS"),
            ["EditionASIA", "ChinaUS"]
        );
        assert_eq!(
            fixed(&RULE, "EditionASIA-ChinaUS fooBAR-bazQUX"),
            "Edition ASIA-China US foo BAR-baz QUX"
        );
    }

    #[test]
    fn spares_real_names() {
        for text in [
            "McDonald iPhone YouTube BioNTech eBay PhDs iOS JavaScript PowerPoint LaTeX",
            "macOS ChatGPT OpenAI PostgreSQL WebGL CentOS ReiserFS OpenVPN BackupPC GnuPG",
            "MinGW WinCE openSUSE UltraSPARC StrongARM microMIPS psABI binNMU",
            "the US and China, ASIA, NATO's, U.S.-China",
            "mRNA kWh dBm GmbH NaOH",
            "https://example.com/fooBAR user@exampleCOM #tagBAR id_fooBAR abc123DEF",
            "中文双语Français",
        ] {
            assert!(flagged(&RULE, text).is_empty(), "{text}");
        }
    }

    #[test]
    fn spares_prefixes_placeholders_and_words_opening_with_capitals() {
        for text in [
            // Two letters before the capitals: a prefix.
            "reCAPTCHA, mtDNA, toASCII and isTTY calls",
            // Placeholders: one letter repeated, or the end of the alphabet.
            "the vtXXX sequences, compatNN, startXYZ, macII, the USA saysXXX",
            // A word that opens with two capitals is a name or an identifier.
            "XOpenIM and CFWordBC",
            // Name formants followed by a capital.
            "WebDAV, NetBIOS, GnuSASL, SoftHSM, MicroOLED",
        ] {
            assert!(flagged(&RULE, text).is_empty(), "{text}");
        }
        // Glued where a word ended, they are reported; so is a label glued to the
        // preposition that ends a cut headline.
        assert_eq!(flagged(&RULE, "Attacking Makhno inVIDEO\n"), ["inVIDEO"]);
        assert_eq!(
            flagged(&RULE, "Attacking Makhno inVIDEO today\n"),
            [] as [&str; 0]
        );
        assert_eq!(flagged(&RULE, "top analyst saysCNBC"), ["saysCNBC"]);
        assert_eq!(flagged(&RULE, "Stream TypeLIVE"), ["TypeLIVE"]);
        // A formant must be followed by a capital: `Network` glued to one is looked at.
        assert_eq!(flagged(&RULE, "a NetworkCNN show"), ["NetworkCNN"]);
    }

    #[test]
    fn spares_lists_of_names() {
        let kudos = "Left kudos: KuroKitsune, jennyjenka, ImaDMS, Sky_King, Sayriel, RinnyEC\n";
        assert_eq!(flagged(&RULE, kudos), [] as [&str; 0]);
        // A sentence with commas is no list of names.
        let prose = "The talks, held in Geneva, covered ChinaUS trade, tariffs, and visas.\n";
        assert_eq!(flagged(&RULE, prose), ["ChinaUS"]);
    }

    #[test]
    fn a_function_word_counts_in_the_language_of_its_line() {
        // `dem` is German; `bin` is German too, but not in an English line.
        assert_eq!(
            flagged(&RULE, "Es liegt an demSELinux Modul."),
            ["demSELinux"]
        );
        assert_eq!(
            flagged(&RULE, "The package was binNMUed for the new library."),
            [] as [&str; 0]
        );
    }

    #[test]
    fn spares_identifiers_and_user_names() {
        for text in [
            "* sysdump.c (getCHARS): Check for an out of bounds read.",
            "the <ctype.h> isXXX() functions; <cmdFPR>: print subkeys",
            "Rename aPrintPKARecords to oPrintPKARecords; errSSLWouldBlock",
            "posted by DoomsdayBeamXD and writingforFUNandbecauseBoredom",
        ] {
            assert!(flagged(&RULE, text).is_empty(), "{text}");
        }
    }
}

#[cfg(test)]
mod repeated_tests {
    use super::*;
    use crate::rules::test_support::flagged;

    #[test]
    fn a_glued_word_found_twice_is_a_name() {
        assert_eq!(
            flagged(&RULE, "TinySCHEME runs; TinySCHEME is small."),
            [] as [&str; 0]
        );
        assert_eq!(
            flagged(&RULE, "ChinaUS and ChinaEU"),
            ["ChinaUS", "ChinaEU"]
        );
        assert_eq!(
            flagged(&RULE, "libSM CommonJS CircleCI GnuTLS"),
            [] as [&str; 0]
        );
        // Twice with the shape is a name, even where only one of the two would be
        // reported (`line` is a function word in English, not in German).
        assert_eq!(
            flagged(
                &RULE,
                "The hashtable lineLABCPtr is freed.\nDie Tabelle lineLABCPtr wird frei."
            ),
            [] as [&str; 0]
        );
    }
}
