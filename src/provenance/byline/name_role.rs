//! Bylines of names and what each did, with no label before them: `Jane Doe Transport
//! correspondent`, `Anna Schmidt Politikredakteurin`, `Lisa Brandt (Text), Jonas Keller
//! (Bilder)`.

use super::Byline;
use crate::data::metadata::{Label, MetadataData};
use crate::provenance::names::{mixes_capitals, reads_as_names};

/// A byline of names and a role has at most this many words.
const MAX_WORDS: usize = 8;

/// `Jane Doe Transport correspondent`: capitalised names, then a role of
/// `name_first_roles`. The role starts at its first role word, or at the capitalised word
/// before a role word in lower case (`Transport correspondent`, `Senior reporter`); the
/// names before it are two words or more.
pub(super) fn name_then_role(line: &str, data: &MetadataData) -> Option<Byline> {
    let words: Vec<(usize, &str)> = line
        .split_whitespace()
        .map(|w| (w.as_ptr() as usize - line.as_ptr() as usize, w))
        .collect();
    if words.len() < 3 || words.len() > MAX_WORDS {
        return None;
    }
    let first_role = (2..words.len()).find(|&i| data.is_role_word(words[i].1))?;
    let before = first_role - 1;
    // `Senior Reporter`: a role of several words, listed whole.
    let listed = {
        let phrase = line[words[before].0..].to_lowercase();
        data.name_first_roles
            .iter()
            .any(|r| r.contains(' ') && phrase.starts_with(r.as_str()))
    };
    let qualified = listed
        || (first_role >= 3
            && words[first_role].1.starts_with(char::is_lowercase)
            && words[before].1.starts_with(char::is_uppercase));
    // `Jan de Vries verslaggever`: the word before the role is a name's when the names
    // would not end without it.
    let starts = [qualified.then_some(before), Some(first_role)];
    let (start, _) = words[0];
    let names = starts.into_iter().flatten().find_map(|i| {
        let (role_at, _) = words[i];
        let names = line[start..role_at].trim_end();
        (reads_as_names(names) && !mixes_capitals(names) && data.is_role(&line[role_at..]))
            .then_some(names)
    })?;
    let value = names.split_whitespace().collect::<Vec<_>>().join(" ");
    Some(Byline::unlabelled_author(
        value,
        (start, start + names.len()),
        Vec::new(),
    ))
}

/// `Lisa Brandt (Text), Jonas Keller (Bilder)`: names, each with the label of its part in
/// brackets after it; those of the text (an author label: `Text`, `Texte`, `Autor`) are
/// the authors, those of the pictures (`Bilder`, `Fotos`) are not.
pub(super) fn credited_names(line: &str, data: &MetadataData) -> Option<Byline> {
    let mut authors: Vec<(usize, usize)> = Vec::new();
    let mut rest = line;
    while !rest.trim().is_empty() {
        let (credit, tail) = rest.split_once(')')?;
        let (name, label) = credit.split_once('(')?;
        let name = name
            .trim_start_matches(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '/' | '&'))
            .trim();
        let name = ["und ", "and ", "et ", "y ", "e "]
            .iter()
            .find_map(|joiner| name.strip_prefix(joiner))
            .unwrap_or(name);
        let kind = data.label_of(label)?;
        if !reads_as_names(name) || mixes_capitals(name) {
            return None;
        }
        match kind {
            Label::Author => {
                let at = name.as_ptr() as usize - line.as_ptr() as usize;
                authors.push((at, at + name.len()));
            }
            Label::Other => {}
            _ => return None,
        }
        rest = tail;
    }
    let (&(start, _), &(_, end)) = (authors.first()?, authors.last()?);
    let value = authors
        .iter()
        .map(|&(a, b)| line[a..b].split_whitespace().collect::<Vec<_>>().join(" "))
        .collect::<Vec<_>>()
        .join(", ");
    Some(Byline::unlabelled_author(value, (start, end), Vec::new()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn author(line: &str) -> Option<String> {
        let byline = name_then_role(line, MetadataData::for_tests())?;
        byline.value(Label::Author).map(|f| f.value.clone())
    }

    #[test]
    fn the_role_after_the_names_is_not_part_of_them() {
        assert_eq!(
            author("Jane Doe Transport correspondent").as_deref(),
            Some("Jane Doe")
        );
        assert_eq!(
            author("Mary Ann Smith Staff Writer").as_deref(),
            Some("Mary Ann Smith")
        );
        assert_eq!(
            author("Jane Doe Senior Reporter").as_deref(),
            Some("Jane Doe")
        );
        assert_eq!(
            author("Anna Schmidt Politikredakteurin").as_deref(),
            Some("Anna Schmidt")
        );
        assert_eq!(
            author("Jan de Vries verslaggever").as_deref(),
            Some("Jan de Vries")
        );
    }

    #[test]
    fn names_credited_with_the_text_are_the_authors() {
        let credited = |line: &str| {
            let byline = credited_names(line, MetadataData::for_tests())?;
            byline.value(Label::Author).map(|f| f.value.clone())
        };
        let both = "Lisa Brandt (Text), Jonas Keller (Bilder)";
        assert_eq!(credited(both).as_deref(), Some("Lisa Brandt"));
        let two = "Anna Schmidt (Text) und Jan Meyer (Text), Eva Roth (Fotos)";
        assert_eq!(credited(two).as_deref(), Some("Anna Schmidt, Jan Meyer"));
        // Pictures only, a bracket that is no credit, a sentence.
        assert_eq!(credited("Jonas Keller (Bilder)"), None);
        assert_eq!(credited("Anna Schmidt (dpa)"), None);
        assert_eq!(credited("The mayor (text) said no"), None);
    }

    #[test]
    fn names_need_a_role_after_them() {
        assert_eq!(author("Jane Doe Transport"), None);
        assert_eq!(author("Reporter Jane Doe"), None);
        assert_eq!(author("Apple hires a former Google engineer"), None);
        assert_eq!(author("Why every editor should read this"), None);
    }
}
