//! The shape of personal names in bylines: capitalised words or initials, with particles
//! (`von`, `van`, `de`), academic titles, and several people joined by `and`, `und`, `et`,
//! `y` or a comma.

use crate::data::stop_words::StopWords;

/// Words between the parts of a name, in lower case: `Michiel de Jong`, `Ursula von der
/// Leyen`.
const PARTICLES: &[&str] = &[
    "al", "bin", "da", "das", "de", "del", "della", "der", "di", "do", "dos", "du", "la", "le",
    "ten", "ter", "van", "von", "zu",
];
/// Words that join two people: `Jane Doe and John Roe`, `Anna Schmidt und Jan Meyer`.
const JOINERS: &[&str] = &[
    "&", "a", "and", "e", "en", "et", "i", "og", "och", "und", "y", "и", "та",
];
/// Whether `word` joins two people (`and`, `und`, `y`, `&`).
pub fn is_joiner(word: &str) -> bool {
    JOINERS.contains(&word.to_lowercase().as_str())
}
/// Titles before a name: `Dr. Anna Schmidt`, `Prof. Dr. Jan Meyer`.
const TITLES: &[&str] = &[
    "dr", "dr.", "ing.", "mag.", "mr", "mr.", "mrs.", "ms.", "prof", "prof.",
];
/// Articles, which start titles and names of things, never a person's name: `The OpenLDAP
/// Public License`, `Die Neue Zeit`.
const ARTICLES: &[&str] = &[
    "a", "an", "das", "der", "die", "een", "ein", "eine", "el", "het", "il", "la", "las", "le",
    "les", "lo", "los", "the", "un", "una", "une",
];
/// A person's name has at most this many capitalised words.
const MAX_NAME_WORDS: usize = 4;
/// A byline names at most this many people.
const MAX_PEOPLE: usize = 5;

/// Whether `word` is a capitalised part of a name: `Anna`, `O'Neil`, `Müller-Lüdenscheidt`,
/// `J.`, `JANE`.
fn name_word(word: &str) -> bool {
    let mut chars = word.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    if !first.is_uppercase() {
        return false;
    }
    let rest = chars.as_str();
    // `J.`, `J.R.R.`
    if word.contains('.') && word.split('.').all(|part| part.chars().count() <= 1) {
        return true;
    }
    rest.chars()
        .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’' | '.'))
        && !rest.ends_with(['-', '\''])
}

/// The end (a byte offset) of the names that `text` starts with: one or more people of two
/// to four capitalised words each (initials, particles and titles allowed), joined by
/// `and`-like words or commas. `None` when `text` does not start with a name.
pub fn names_end(text: &str, is_month: &dyn Fn(&str) -> bool) -> Option<usize> {
    let mut end = None;
    let mut previous_month = false;
    let mut person_words = 0;
    let mut person_particles = 0;
    let mut people = 0;
    let mut after_joiner = true;
    let mut person_style = Style::Initial;
    for (start, word) in words(text) {
        // Scraped text glues a name to what follows it: `Nolan22 Dec`, `Wilkinson@alissa`.
        let glued = word
            .char_indices()
            .skip(1)
            .find(|&(_, c)| c.is_ascii_digit() || c == '@')
            .map(|(at, _)| at);
        if let Some(at) = glued {
            let head = &word[..at];
            if person_words >= 1 && name_word(head) && !is_month(head) {
                return Some(start + at);
            }
            return end;
        }
        // `Erin Cunningham March 18 at 3:57 PM`: the month is not part of the name.
        if previous_month && word.starts_with(|c: char| c.is_ascii_digit()) {
            return end;
        }
        let bare = word.trim_end_matches(',');
        previous_month = is_month(bare);
        let lower = if bare.bytes().any(|b| b.is_ascii_uppercase()) || !bare.is_ascii() {
            bare.to_lowercase()
        } else {
            bare.to_string()
        };
        let comma = word.ends_with(',');
        if after_joiner && TITLES.contains(&lower.as_str()) {
            continue;
        }
        if person_words == 0 && ARTICLES.contains(&lower.as_str()) {
            return end;
        }
        if !after_joiner && JOINERS.contains(&lower.as_str()) && person_words >= 2 {
            people += 1;
            (person_words, person_particles, after_joiner) = (0, 0, true);
            if people >= MAX_PEOPLE {
                return end;
            }
            continue;
        }
        if name_word(bare) {
            // `JANE DOE Associated Press`: the outlet after a name is written in another
            // style than the name's last words (`Sophie MARTIN` is one name).
            let style = Style::of(bare);
            if person_words >= 2 && style.differs(person_style) {
                return end;
            }
            if person_words == 0 || style != Style::Initial {
                person_style = style;
            }
            person_words += 1;
            if person_words > MAX_NAME_WORDS {
                return end;
            }
            after_joiner = false;
        } else if PARTICLES.contains(&bare) && !after_joiner {
            person_particles += 1;
            if person_particles > 2 {
                return end;
            }
            continue;
        } else if !after_joiner && JOINERS.contains(&lower.as_str()) && person_words >= 2 {
            people += 1;
            (person_words, person_particles, after_joiner) = (0, 0, true);
            if people >= MAX_PEOPLE {
                return end;
            }
            continue;
        } else {
            return end;
        }
        // `Peter K.`, the way commenters sign, is not a byline's name.
        if person_words >= 2 && !previous_month && Style::of(bare) != Style::Initial {
            end = Some(start + bare.len());
        }
        if comma {
            if person_words < 2 {
                return end;
            }
            people += 1;
            (person_words, person_particles, after_joiner) = (0, 0, true);
            if people >= MAX_PEOPLE {
                return end;
            }
        }
    }
    end
}

/// How a word of a name is written.
#[derive(Clone, Copy, PartialEq)]
enum Style {
    /// `JANE`
    Capitals,
    /// `Jane`
    Capitalised,
    /// `J.`, `O`: either.
    Initial,
}

impl Style {
    fn of(word: &str) -> Self {
        let letters = word.chars().filter(|c| c.is_alphabetic()).count();
        // `J.`, `J.R.R.`; `Zakai.` ends a sentence.
        let dotted = word.contains('.') && word.split('.').all(|part| part.chars().count() <= 1);
        if letters <= 1 || dotted {
            Style::Initial
        } else if word.chars().any(char::is_lowercase) {
            Style::Capitalised
        } else {
            Style::Capitals
        }
    }

    fn differs(self, other: Style) -> bool {
        self != other && self != Style::Initial && other != Style::Initial
    }
}

/// Whether `text` mixes capitalised words with words in capitals (`Fix PR`, `Bump GCC`):
/// the subject of a change, not a name, which is written in one style (`Jane Doe`, `JANE
/// DOE`).
pub fn mixes_capitals(text: &str) -> bool {
    let caps = |w: &str| {
        w.chars().filter(|c| c.is_alphabetic()).count() >= 2 && w.chars().all(|c| !c.is_lowercase())
    };
    let words: Vec<&str> = text.split_whitespace().collect();
    words.iter().any(|w| caps(w))
        && words
            .iter()
            .any(|w| !caps(w) && w.chars().any(char::is_lowercase) && w.chars().count() >= 3)
}

/// Whether the whole of `text` is names.
pub fn reads_as_names(text: &str) -> bool {
    let text = text.trim().trim_end_matches([',', ';']);
    names_end(text, &|_| false).is_some_and(|end| end == text.len())
}

/// The person a sentence opens with, as an author box introduces its author: `Jane Doe is
/// a reporter …`, `Anna Schmidt ist Redakteurin …`, `Jane Doe, a reporter, …` give the
/// name; a name alone on its line is taken whole, and so is a word alone (`Sleyca`,
/// `jdoe`), which is how blogs sign.
pub fn leading_person(text: &str) -> Option<&str> {
    let text = text.trim();
    if !text.contains(char::is_whitespace)
        && (name_word(text) || is_handle(text))
        && text
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.'))
        && text.chars().filter(|c| c.is_alphabetic()).count() >= 2
    {
        return Some(text);
    }
    let end = names_end(text, &|_| false)?;
    let name = &text[..end];
    let rest = text[end..].trim_start_matches([',', ' ']);
    let one_person = list_people(name) == name;
    let then_sentence = rest.is_empty()
        || rest
            .chars()
            .next()
            .is_some_and(|c| c.is_alphabetic() && c.is_lowercase());
    (one_person && then_sentence).then_some(name)
}

/// Lower-case words that may follow the names of a byline: `By Jane Doe on March 3`,
/// `Von Anna Schmidt am 7. März`, `Par Jean Dupont le 3 mars`, `Eingestellt von Anna
/// Schmidt um 14:32`, `Par Jean Dupont avec AFP`.
pub const AFTER_NAMES: &[&str] = &[
    "alle", "am", "at", "avec", "com", "con", "den", "el", "em", "en", "il", "in", "le", "met",
    "mit", "on", "op", "om", "um", "updated", "with", "à", "às", "för",
];

/// Words that lead from a name to the date of its byline: `Max Mustermann am 7. März
/// 2021`, `Jane Doe on March 7, 2021`, `Jean Dupont le 7 mars 2021`.
pub const BEFORE_DATE: &[&str] = &[
    "am", "den", "dne", "dnia", "el", "em", "il", "le", "on", "op",
];

/// Whether what follows the names of a byline ends them: nothing, punctuation, a number,
/// a handle or an address, a capitalised word, or a word that leads to a date.
pub fn ends_names(rest: &str) -> bool {
    let Some(word) = rest.split_whitespace().next() else {
        return true;
    };
    let first = word.chars().next().unwrap_or(' ');
    !first.is_alphabetic()
        || first.is_uppercase()
        || word.contains('@')
        || AFTER_NAMES.contains(&word.to_lowercase().as_str())
}

/// The names of `text`, one person each, when it names several people: `Jane Doe and John
/// Roe` gives `Jane Doe, John Roe`, the form a list of authors takes. Other text is kept.
pub fn list_people(text: &str) -> String {
    if !reads_as_names(text) {
        return text.to_string();
    }
    let mut people: Vec<Vec<&str>> = vec![Vec::new()];
    for word in text.split_whitespace() {
        let bare = word.trim_end_matches(',');
        if JOINERS.contains(&bare.to_lowercase().as_str()) {
            people.push(Vec::new());
            continue;
        }
        if let Some(last) = people.last_mut() {
            last.push(bare);
        }
        if word.ends_with(',') {
            people.push(Vec::new());
        }
    }
    people
        .iter()
        .filter(|p| !p.is_empty())
        .map(|p| p.join(" "))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The words of `text` with their byte offsets.
fn words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split_whitespace().map(move |w| {
        let offset = w.as_ptr() as usize - text.as_ptr() as usize;
        (offset, w)
    })
}

/// Whether `value` can name an author or a source: names, a user handle, or a short name
/// of an organisation; not a sentence (`SUCH DAMAGE.`, `the Free Software Foundation. If`),
/// a reference (`Closes: #579107`, `CVE-2023-2610`) or an address.
pub fn plausible_name(value: &str) -> bool {
    let value = value.trim();
    if reads_as_names(value) || is_handle(value) {
        return true;
    }
    let starts_well = value
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || crate::text::is_cjk(c) || c.is_ascii_digit());
    starts_well
        && value.split_whitespace().count() <= 6
        && !value.ends_with(['.', ':', ';'])
        && !value.contains("://")
        && !value.contains('#')
        && !value.contains(". ")
        && !value.contains("CVE-")
}

/// Whether `word` is a user handle: `@jdoe`, `jdoe42`, `mama_robotnik`.
pub fn is_handle(word: &str) -> bool {
    let at = word.starts_with('@');
    let word = word.strip_prefix('@').unwrap_or(word);
    (at || !word.chars().any(char::is_uppercase))
        && (2..=30).contains(&word.chars().count())
        && word
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.'))
        && word.chars().next().is_some_and(char::is_alphabetic)
}

/// Whether `text` is one word a forum or a blog could take for a user name:
/// `DieselDieter`, `Golfi_GTI`, `kaffeejunkie`, `user1987`.
pub fn is_user_name(text: &str) -> bool {
    (2..=30).contains(&text.chars().count())
        && text.starts_with(char::is_alphabetic)
        && text
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.'))
        && text.chars().filter(|c| c.is_alphabetic()).count() >= 2
}

/// Whether `text`, alone on its line, can only be a user name: letters with digits or an
/// underscore (`Max123`, `Golfi_GTI`), a capital inside a word (`DieselDieter`), or a word
/// in lower case that no language lists as a function word (`heizungsfreund`, `johndoe`).
/// A capitalised word (`Politik`, `Sport`) may be a section's name.
pub fn is_coined_user_name(text: &str) -> bool {
    if !is_user_name(text) || text.chars().filter(|c| c.is_alphabetic()).count() < 3 {
        return false;
    }
    let marked = text.contains(|c: char| c.is_ascii_digit() || c == '_')
        && text.contains(char::is_lowercase);
    let camel = text
        .chars()
        .zip(text.chars().skip(1))
        .any(|(a, b)| a.is_lowercase() && b.is_uppercase());
    let lower = text.chars().all(|c| c.is_lowercase())
        && text.chars().count() >= 4
        && !StopWords::get().is_stop_word(text);
    marked || camel || lower
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn coined_user_names_are_no_words_of_a_language() {
        for name in [
            "gartenzwerg77",
            "Golfi_GTI",
            "DieselDieter",
            "heizungsfreund",
        ] {
            assert!(is_coined_user_name(name), "{name}");
        }
        for word in ["Politik", "Sport", "über", "this", "und", "ab"] {
            assert!(!is_coined_user_name(word), "{word}");
        }
    }

    #[test]
    fn user_names_are_single_words() {
        for name in ["DieselDieter", "Golfi_GTI", "kaffeejunkie", "user1987"] {
            assert!(is_user_name(name), "{name}");
        }
        for text in ["Jane Doe", "1987", "x", "Gruß,", "@ana"] {
            assert!(!is_user_name(text), "{text}");
        }
    }

    #[test]
    fn the_person_a_sentence_opens_with() {
        for (text, name) in [
            (
                "Jane Doe is a reporter for the Daily Meridian.",
                Some("Jane Doe"),
            ),
            (
                "Anna Schmidt ist Redakteurin im Lokalressort.",
                Some("Anna Schmidt"),
            ),
            ("Jane Doe, a reporter, covers transport.", Some("Jane Doe")),
            ("Michiel de Jong", Some("Michiel de Jong")),
            ("jdoe", Some("jdoe")),
            ("Wrenfield", Some("Wrenfield")),
            // Several people, a sentence about something else, a count.
            ("Jane Doe and John Roe write about cities.", None),
            ("The newsroom is based in Leeds.", None),
            ("12 Stories 40 Posts", None),
            ("X", None),
        ] {
            assert_eq!(leading_person(text), name, "{text}");
        }
    }

    #[test]
    fn names_in_many_shapes() {
        for name in [
            "Jane Doe",
            "JANE DOE",
            "John C. Welch",
            "Michiel de Jong",
            "Ursula von der Leyen",
            "Dr. Anna Schmidt",
            "Prof. Dr. Jan Meyer-Lüdenscheidt",
            "Aleš Vávra",
            "Seán O'Neil",
            "J. R. R. Tolkien",
            "Alexandre Hervaud et Jérémy Piette",
            "Steven Lee Myers, Keith Bradsher y Tariq Panja",
            "Anna Schmidt und Jan Meyer",
        ] {
            assert!(reads_as_names(name), "{name}");
        }
        for text in [
            "Jane",
            "By contrast",
            "Berlin nach München",
            "Quoting Out-of-context McNally Turns a",
            "The 2030 Plan",
            "de Jong",
        ] {
            assert!(!reads_as_names(text), "{text}");
        }
    }

    #[test]
    fn names_end_where_the_name_does() {
        let no_month = |_: &str| false;
        let text = "Ahiza Garcia @ahiza_garcia";
        assert_eq!(
            names_end(text, &no_month).map(|e| &text[..e]),
            Some("Ahiza Garcia")
        );
        let text = "Eleanor Ainge Roy (reporting) and Adrian Malloch";
        assert_eq!(
            names_end(text, &no_month).map(|e| &text[..e]),
            Some("Eleanor Ainge Roy")
        );
        let text = "Erin Cunningham March 18 at 3:57 PM";
        let march = |w: &str| w == "March";
        assert_eq!(
            names_end(text, &march).map(|e| &text[..e]),
            Some("Erin Cunningham")
        );
        assert!(ends_names(" on March 3") && ends_names(" | Reuters") && !ends_names(" a"));
        assert!(ends_names(" jane.doe@example.com"));
    }

    #[test]
    fn a_commenters_signature_is_no_name() {
        assert_eq!(names_end("Peter K. schrieb am", &|_| false), None);
        assert_eq!(names_end("Jean D. - 08/03/2021", &|_| false), None);
    }

    #[test]
    fn a_name_keeps_one_style() {
        let no_month = |_: &str| false;
        for (text, name) in [
            ("JANE DOE Associated Press", "JANE DOE"),
            ("Anna Schmidt ARD Hauptstadtstudio", "Anna Schmidt"),
            ("Sophie MARTIN DUPONT", "Sophie MARTIN DUPONT"),
            ("J. R. R. Tolkien", "J. R. R. Tolkien"),
            ("JOHN C. WELCH", "JOHN C. WELCH"),
            ("Alon Zakai.", "Alon Zakai."),
        ] {
            assert_eq!(
                names_end(text, &no_month).map(|e| &text[..e]),
                Some(name),
                "{text}"
            );
        }
        assert!(is_handle("@jdoe") && is_handle("mama_robotnik") && !is_handle("2021"));
    }
}
