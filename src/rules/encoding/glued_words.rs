use std::collections::{HashMap, HashSet};

use crate::data::glued_words::GluedWords;
use crate::data::stop_words::StopWords;
use crate::diagnostic::edit::{Edit, Fix};
use crate::diagnostic::{Family, Severity};
use crate::diagnostic::{FixAvailability, Rule};
use crate::rules::check::{Check, Lint, Reporter};
use crate::rules::document_context::DocumentContext;
use crate::text::mojibake;
use crate::text::span::Span;
use crate::text::{
    HIGH_BITS, bytes_within, char_after, char_before, char_runs, find_byte, glued_boundary, is_cjk,
};

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
described in `rules/glued_words.toml`: whole words (`macOS`, `ChatGPT`, and their
plurals: `binNMUs`), acronyms that end product names (`CentOS`, `ReiserFS`, `OpenVPN`:
`OS`, `FS`, `VPN`) and the formants names begin with, followed by a capital
(`OpenLDAP`, `WebDAV`, `NetBIOS`).
Words with digits or with `/ @ # _ = . : & \` inside (URLs, handles, identifiers) are
not looked at, nor words that open with `+` or end with `=` (the last line of base64
data, `+efcMQ==`), and neither are words written as code (`isXXX()`, `(getCHARS):` in a
change log, `<cmdFPR>`), words whose case changes from lower to upper more than once
(identifiers such as `errSSLWouldBlock`, user names such as `DoomsdayBeamXD`: a lost
separator makes one change), words where the capitals open a longer word
(`BufferedIOBase`, `GetCPUInfo`: an identifier; but `demSELinux` after a function word
of the line's language is glued), and a glued-looking word found twice or more in a
document: a lost separator is an accident that seldom repeats word for word, a name
repeats. The shape alone is not enough either where names and identifiers are built
the same way: fewer than three letters before the capitals are a prefix (`reCAPTCHA`,
`mtDNA`, `toASCII`; but a function word at the end of a line is a headline cut before
the next block's label: `Makhno inVIDEO`), capitals that are a placeholder or a number
(`vtXXX`, `compatNN`, `startXYZ`, `uniFEFF`: four or more of A to F) are not a word, a
word that opens with two capitals (`XOpenIM`) is an identifier, and a line of five items
or more between commas, four in five of one word, lists user names or tags as their
owners wrote them. A document that writes three or more different identifiers as code is
about code, and its glued-looking words are names too (`setTTL`, `TigerVNC`, `GnomeVFS`
in a change log). Identifiers written as code are names in lower camel case between
backticks, in a fenced block or called (`` `setBroadcast` ``, `readFile(`), and names
in snake case (`sshd_config`) outside addresses, tags and handles. Letters of mojibake
(`installÔÇØ`) are left to `mojibake`, and a Latin word ends where a script written
without spaces starts (`PostgreSQLの`).

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
    // Asked of the few documents with a glued-looking word that opens in lower case.
    let mut about_code: Option<bool> = None;
    for (letters, boundary, run) in found {
        // Markdown code and HTML are written as they must be.
        if seen.get(run) != Some(&1) || context.doc.structure.is_verbatim(letters) {
            continue;
        }
        // Letters of mojibake (`installÔÇØ`, `nemГЎ`) are the mojibake rule's finding:
        // repaired, they glue nothing.
        if !run.is_ascii() && mojibake::overlaps(context.mojibake(), letters) {
            continue;
        }
        if *about_code.get_or_insert_with(|| writes_identifiers(context)) {
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

/// A document that writes this many different identifiers as code is about code...
const MIN_IDENTIFIERS: usize = 3;

/// ...and in it, a glued-looking word is one more name (`setTTL` beside `setBroadcast()`
/// in a change log, `TigerVNC` and `GnomeVFS` in a package's history), not two words a
/// lost separator glued. Identifiers written as code are names in lower camel case
/// between backticks, in a fenced block or called (`readFile(`), and names in snake case
/// (`sshd_config`, `gcry_md_hd_t`) outside addresses, tags and handles. Names in lower
/// camel case written bare do not tell: a page whose extraction lost its separators
/// glues words so too (`bulliesReuters`); nor do names called with no argument
/// (`join()`), which prose about a language's library writes as often as a change log.
fn writes_identifiers(context: &DocumentContext) -> bool {
    let text = context.text();
    let mut names: HashSet<&str> = HashSet::new();
    let mut checked_until = 0;
    let camel = upper_after_lower(text).any(|offset| {
        if offset < checked_until {
            return false;
        }
        let word = word_around(text, offset);
        checked_until = word.end;
        let runs = char_runs(&text[word.start..word.end], |_, _, c| c.is_alphabetic());
        runs.map(|run| Span::new(word.start + run.start, word.start + run.end))
            .any(|run| {
                let name = &text[run.start..run.end];
                is_lower_camel_case(name)
                    && (context.in_code(run.start) || text[run.end..].starts_with('('))
                    && names.insert(name)
                    && names.len() >= MIN_IDENTIFIERS
            })
    });
    camel
        || snake_case_names(text).any(|name| {
            names.insert(name);
            names.len() >= MIN_IDENTIFIERS
        })
}

/// Names in snake case (`sshd_config`, `gcry_md_hd_t`), in order; those in addresses,
/// paths, tags and handles (`https://a.org/x_y`, `@some_user`, `#a_tag`) are no
/// identifiers of the document's own.
fn snake_case_names(text: &str) -> impl Iterator<Item = &str> + '_ {
    let bytes = text.as_bytes();
    let is_name_byte = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    // Each name and each word is read once, however many underscores it holds.
    let mut name_end = 0;
    let mut word: Option<(Span, bool)> = None;
    memchr::memchr_iter(b'_', bytes).filter_map(move |found| {
        if found < name_end {
            return None;
        }
        let start = bytes[..found]
            .iter()
            .rposition(|&b| !is_name_byte(b))
            .map_or(0, |i| i + 1);
        name_end = bytes[found..]
            .iter()
            .position(|&b| !is_name_byte(b))
            .map_or(bytes.len(), |i| found + i);
        let name = &text[start..name_end];
        let elsewhere = match word {
            Some((span, elsewhere)) if span.end > found => elsewhere,
            _ => {
                let span = word_around(text, found);
                let elsewhere = text[span.start..span.end].contains(['/', '@', '#', ':', '\\']);
                word = Some((span, elsewhere));
                elsewhere
            }
        };
        (!elsewhere && joins_letters(name)).then_some(name)
    })
}

/// Whether an underscore of `name` has an ASCII letter on each side (`sshd_config`):
/// snake case, not a number (`IMG_1234`) or a marker of emphasis (`_word_`).
fn joins_letters(name: &str) -> bool {
    name.as_bytes()
        .windows(3)
        .any(|w| w[1] == b'_' && w[0].is_ascii_alphabetic() && w[2].is_ascii_alphabetic())
}

/// `setBroadcast`: at least `MIN_LETTERS_BEFORE` lower-case letters, then a capital that
/// opens a word in lower case.
fn is_lower_camel_case(run: &str) -> bool {
    let Some(capital) = run.find(char::is_uppercase) else {
        return false;
    };
    let (head, tail) = run.split_at(capital);
    head.chars().count() >= MIN_LETTERS_BEFORE
        && head.chars().all(char::is_lowercase)
        && tail.chars().nth(1).is_some_and(char::is_lowercase)
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
    // Base64 data (a certificate in PEM) pads its last line with `=`; its other lines
    // have digits, `+` or `/` somewhere.
    let base64_end = raw.ends_with('=') || raw.starts_with('+');
    if looks_like_code || base64_end || names_code(raw, trimmed) {
        return;
    }
    // Scripts written without spaces end a word where they start or stop: `PostgreSQLの`
    // is `PostgreSQL` before a particle.
    for run in trimmed.split(|c: char| !c.is_alphabetic() || is_cjk(c)) {
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

/// Whether the capitals that start `right` are a placeholder or a number in a name
/// (`vtXXX`, `compatNN`, `startXYZ`, `uniFEFF`): one letter repeated, letters from the end
/// of the alphabet, or hexadecimal digits enough for a code point.
fn is_placeholder(right: &str) -> bool {
    let mut capitals = right.chars().take_while(|c| c.is_uppercase()).peekable();
    let Some(&first) = capitals.peek() else {
        return false;
    };
    let (mut same, mut last_letters, mut hex_digits) = (true, true, Some(0));
    for c in capitals {
        same &= c == first;
        last_letters &= matches!(c, 'X' | 'Y' | 'Z');
        hex_digits = hex_digits.filter(|_| matches!(c, 'A'..='F')).map(|n| n + 1);
    }
    same || last_letters || hex_digits.is_some_and(|n| n >= MIN_HEX_DIGITS)
}

/// Four capitals from A to F are a hexadecimal number (a glyph named by its code point,
/// `uniFBAD`); fewer may be an acronym (`saysABC`).
const MIN_HEX_DIGITS: usize = 4;

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
mod tests;
