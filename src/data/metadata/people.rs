//! What names a person in a byline and what does not: roles before and after the names
//! (`Von unserem Korrespondenten`, `Jane Doe, Staff Writer`), a newsroom's desks and a
//! forum member's ranks.

use super::{MetadataData, is_listed};

/// A role after a name has at most this many words (`correspondante à Lyon`).
const MAX_ROLE_WORDS: usize = 4;
/// A role ends a compound word when it has at least this many letters
/// (`Politikredakteurin`; not `Staff` in `Bestaff`).
pub(super) const MIN_ROLE_SUFFIX_CHARS: usize = 6;

impl MetadataData {
    /// Whether `phrase`, after a name and a comma, is the person's role: `Staff Writer`,
    /// `transport correspondent`, `Korrespondentin in Paris`, `Politikredakteurin`. A role
    /// is short, and names itself in its first three words.
    pub fn is_role(&self, phrase: &str) -> bool {
        let words = phrase.split_whitespace().count();
        if words == 0 || words > MAX_ROLE_WORDS || phrase.bytes().any(|b| b.is_ascii_digit()) {
            return false;
        }
        let lower = phrase.trim().to_lowercase();
        let roles = &self.name_first_roles;
        roles.iter().any(|r| {
            lower == *r
                || lower
                    .strip_prefix(r.as_str())
                    .is_some_and(|rest| rest.starts_with(' '))
        }) || lower
            .split_whitespace()
            .take(3)
            .any(|word| self.is_role_word(word))
    }

    /// Where the names of a byline's value start when a role stands before them:
    /// `Redakteurin Anna Schmidt`, `FOCUS-online-Autor Max Muster`, `unserem
    /// Korrespondenten Max Mustermann`, `our correspondent Jane Doe`. `None` when no role
    /// does, or no capitalised name follows it.
    pub fn role_before_names(&self, value: &str) -> Option<usize> {
        let (first, after_first) = split_word(value)?;
        // A determiner may stand before the role: `unserem`, `our`, `notre`, `nuestro`.
        let (word, rest) = match split_word(after_first) {
            Some(next) if first.chars().all(char::is_lowercase) => next,
            _ => (first, after_first),
        };
        let lower = word.to_lowercase();
        // The role declined: `Korrespondenten`, `Redakteurs`.
        let stems = [
            Some(lower.as_str()),
            lower.strip_suffix("en"),
            lower.strip_suffix('s'),
        ];
        let is_role = stems.into_iter().flatten().any(|stem| {
            self.roles_before_names.iter().any(|role| {
                stem.strip_suffix(role.as_str())
                    .is_some_and(|head| head.is_empty() || head.ends_with('-') || head.len() >= 3)
            })
        });
        (is_role && rest.starts_with(char::is_uppercase)).then(|| value.len() - rest.len())
    }

    /// Whether `word` names a role of `name_first_roles` (`correspondent`, `Staff`), or
    /// ends with one of six letters or more (`Politikredakteurin`).
    pub fn is_role_word(&self, word: &str) -> bool {
        let word = word
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        self.name_first_roles.contains(&word)
            || self
                .role_suffixes
                .iter()
                .any(|r| word.ends_with(r.as_str()))
    }

    /// Whether `word` joins an agency to the author's name (`avec` in `Jean Dupont avec
    /// AFP`, `mit` in `Max Mustermann mit dpa`).
    pub fn is_agency_joiner(&self, word: &str) -> bool {
        is_listed(&self.agency_joiners, word)
    }

    /// Whether `value`, taken for an author, names a newsroom's desk (`Redaktion`,
    /// `Redacción Bogotá`, `Rédaction Société`) or a forum member's rank (`Erfahrener
    /// Benutzer`, `Senior Member`, `Membre actif`): no person.
    pub fn is_desk_or_rank(&self, value: &str) -> bool {
        let mut words = value.split_whitespace();
        let first = words.next();
        let last = words.next_back().or(first);
        first.is_some_and(|first| is_listed(&self.desks, first) || is_listed(&self.ranks, first))
            || last.is_some_and(|last| is_listed(&self.ranks, last))
    }
}

/// The first word of `text` and what follows it, without the spaces around them.
fn split_word(text: &str) -> Option<(&str, &str)> {
    let text = text.trim_start();
    let word = text.split_whitespace().next()?;
    Some((word, text[word.len()..].trim_start()))
}
