//! Names away from the bylines: the author in an author box after the article (`About
//! the author`, then `Jane Doe is a reporter …`) or in a signature under its last
//! paragraph, where standing after the article tells nothing; and the site's own name,
//! which heads its pages and ends them in the copyright line, and is no title.

use rustc_hash::FxHashSet;

use super::names::{leading_person, list_people, mixes_capitals, reads_as_names};
use crate::data::metadata::{Label, MetadataData};
use crate::document::Document;
use crate::text::span::Span;
use crate::text::{split_at_colon, word_count};

/// The evidence of an author named by an author box.
pub const AUTHOR_BOX: &str = "author box";
/// The evidence of an author who signs the text.
pub const SIGNATURE: &str = "signature";

/// Whether `form` is the evidence of a note about the author away from the bylines (an
/// author box, a signature), whose place says nothing of the article.
pub fn is_note(form: &str) -> bool {
    form == AUTHOR_BOX || form == SIGNATURE
}
/// A line of prose has at least this many words.
const MIN_PROSE_WORDS: usize = 15;
/// An author box names its author within this many content lines under its heading.
const AUTHOR_BOX_LINES: usize = 3;
/// A site's name stands among this many content lines at the top.
const SITE_HEAD_LINES: usize = 3;
/// A site's name has at most this many words.
const MAX_SITE_NAME_WORDS: usize = 6;

/// Where a name stands: the index of its line among the content lines, its 0-based line
/// and its span.
pub type NamePlace = (usize, usize, Span);

/// Where the author an author box names stands among the content `lines`:
/// under a heading of `author_box` in `rules/metadata.toml`, a sentence that opens with
/// the name, or the name alone on its line; or after the heading and a colon on its line
/// (`Über den Autor: Max Mustermann ist freier Journalist`). The first box counts.
pub fn author_box(
    doc: &Document,
    lines: &[(usize, Span)],
    data: &MetadataData,
) -> Option<NamePlace> {
    let place = |index: usize, line: usize, span: Span, name: &str| {
        let text = doc.slice(span);
        let start = span.start + (name.as_ptr() as usize - text.as_ptr() as usize);
        (index, line, Span::new(start, start + name.len()))
    };
    for (heading, &(line, span)) in lines.iter().enumerate() {
        let text = doc.slice(span);
        if data.is_author_box_heading(text) {
            return lines
                .iter()
                .enumerate()
                .skip(heading + 1)
                .take(AUTHOR_BOX_LINES)
                .find_map(|(index, &(line, span))| {
                    let name = boxed_person(doc.slice(span), data)?;
                    Some(place(index, line, span, name))
                });
        }
        if let Some((head, note)) = split_at_colon(text)
            && data.is_author_box_heading(head)
            && let Some(name) = boxed_person(note.trim_start(), data)
        {
            return Some(place(heading, line, span, name));
        }
    }
    None
}

/// The person an author box's line opens with. `Follow Author`, `Autor folgen`: a button,
/// not a name.
fn boxed_person<'t>(text: &'t str, data: &MetadataData) -> Option<&'t str> {
    leading_person(text).filter(|name| {
        !name.split_whitespace().any(|word| {
            let word = word.to_lowercase();
            data.labels
                .iter()
                .any(|(label, kind)| *kind == Label::Author && *label == word)
        })
    })
}

/// Whether `text` opens with a copyright notice: `Copyright 2004 Canonical Ltd.`,
/// `© 2000 Compaq`, `(C) 1998 Jane Doe`. Read for every line of a document without one:
/// no allocation.
pub fn opens_with_copyright(text: &str) -> bool {
    let starts_with = |word: &str| {
        text.get(..word.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(word))
    };
    text.starts_with('©') || starts_with("copyright") || starts_with("(c)")
}

/// The site's name where it heads the page (`Jane Doe`, `Kestrel Times`, over the menu
/// and the headline): the holder a copyright line names (`© Jane Doe 2016-2020`,
/// `Copyright © 2021 Kestrel Times. All rights reserved.`) when the same name stands alone
/// on one of the first lines. The last copyright line counts. A personal site bears its
/// owner's name, but so may a paper: the name tells who runs the site, not who wrote the
/// page.
pub fn site_name(doc: &Document, lines: &[(usize, Span)]) -> Option<NamePlace> {
    let (index, line, span, text) =
        lines.iter().enumerate().rev().find_map(|(i, &(l, span))| {
            let text = doc
                .slice(span)
                .trim_start_matches(['*', '-', '•', '|', ' ']);
            opens_with_copyright(text).then_some((i, l, span, text))
        })?;
    // The holder follows the sign, the word and the years.
    let holder = text.split_whitespace().find(|word| {
        let lower = word.to_lowercase();
        !(matches!(lower.as_str(), "©" | "(c)" | "copyright" | "by" | "-" | "–")
            || word
                .chars()
                .all(|c| c.is_ascii_digit() || matches!(c, '-' | '–' | ',' | '©')))
    })?;
    let from = holder.as_ptr() as usize - text.as_ptr() as usize;
    let held = &text[from..];
    // The site's name stands alone on one of the first lines.
    let name = lines.iter().take(SITE_HEAD_LINES).find_map(|&(_, span)| {
        let name = doc.slice(span).trim();
        let held_name = name.split_whitespace().count() <= MAX_SITE_NAME_WORDS
            && name.starts_with(char::is_alphanumeric)
            && held
                .get(..name.len())
                .is_some_and(|h| h.eq_ignore_ascii_case(name))
            && ends_name(&held[name.len()..]);
        held_name.then_some(name)
    })?;
    let start = span.start + (text.as_ptr() as usize - doc.slice(span).as_ptr() as usize) + from;
    Some((index, line, Span::new(start, start + name.len())))
}

/// Whether what follows a name in a copyright line ends it: punctuation, years, the end
/// (`Jane Doe. All rights reserved.`, `Jane Doe 2016-2021`), not more of a name (`Jane
/// Doesburg`, `Jane Doe Media Group`).
fn ends_name(rest: &str) -> bool {
    let glued = rest.starts_with(char::is_alphanumeric);
    let next = rest.trim_start().chars().next();
    !glued && !next.is_some_and(char::is_uppercase)
}

/// The name that signs the text: alone on the line under its last paragraph of prose
/// (`Marco Rossi`, `— Anna Schmidt`), as letters, columns and many local papers sign, with
/// nothing but site chrome after it, or the signer's role (`Redakteurin Lokalredaktion`):
/// a heading (`Release Information`) has a section after it.
pub fn signature(
    doc: &Document,
    lines: &[(usize, Span)],
    chrome: &FxHashSet<usize>,
    data: &MetadataData,
) -> Option<NamePlace> {
    let last_prose = lines.iter().rposition(|&(_, span)| {
        let text = doc.slice(span).trim();
        word_count(text) >= MIN_PROSE_WORDS
            && text.ends_with(['.', '!', '?', '。', '"', '”', '»', '“'])
    })?;
    let index = last_prose + 1;
    let &(line, span) = lines.get(index)?;
    // `Related Topics` over the topics: a chrome heading, however it reads.
    if chrome.contains(&line) {
        return None;
    }
    let role = lines
        .get(index + 1)
        .is_some_and(|&(_, span)| data.is_role(doc.slice(span)));
    let after = index + 1 + usize::from(role);
    if lines[after..].iter().any(|(l, _)| !chrome.contains(l)) {
        return None;
    }
    let text = doc.slice(span);
    let name = text.trim().trim_start_matches(['—', '–', '-', ' ']);
    // `(Max Mustermann)`: German papers sign in brackets.
    let name = name
        .strip_prefix('(')
        .and_then(|n| n.strip_suffix(')'))
        .unwrap_or(name);
    let plain = name.split_whitespace().count() >= 2
        && reads_as_names(name)
        && list_people(name) == name
        && !mixes_capitals(name);
    let start = span.start + (name.as_ptr() as usize - text.as_ptr() as usize);
    plain.then(|| (index, line, Span::new(start, start + name.len())))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn owner(text: &str) -> Option<String> {
        let doc = Document::from_bytes("t.txt".into(), text.as_bytes().to_vec());
        let lines = doc.content_lines(|_| false);
        site_name(&doc, &lines).map(|(_, _, span)| doc.slice(span).to_string())
    }

    #[test]
    fn the_copyright_holder_who_heads_the_page_names_the_site() {
        let page =
            |footer: &str| format!("Jane Doe\n\nHome | About\n\nA headline\n\nText.\n\n{footer}\n");
        for footer in [
            "© Jane Doe 2016-2021",
            "© 2021 Jane Doe",
            "Copyright © 2016-2021 Jane Doe. All rights reserved.",
            "(c) 2021 by Jane Doe",
        ] {
            assert_eq!(
                owner(&page(footer)).as_deref(),
                Some("Jane Doe"),
                "{footer}"
            );
        }
        // Another holder, or the name going on into a longer one.
        for footer in [
            "© 2021 The Daily Meridian",
            "© 2021 Jane Doe Media Group",
            "© 2021 Jane Doesburg",
        ] {
            assert_eq!(owner(&page(footer)), None, "{footer}");
        }
        // A name that does not head the page.
        assert_eq!(owner("A headline\n\nText.\n\n© 2021 Jane Doe\n"), None);
        // A paper's name.
        let paper =
            "Kestrel Times\n\nA headline\n\nText.\n\n© 2021 Kestrel Times. All rights reserved.\n";
        assert_eq!(owner(paper).as_deref(), Some("Kestrel Times"));
    }

    fn signer(text: &str) -> Option<String> {
        let doc = Document::from_bytes("t.txt".into(), text.as_bytes().to_vec());
        let lines = doc.content_lines(|_| false);
        let data = MetadataData::for_tests();
        signature(&doc, &lines, &FxHashSet::default(), data)
            .map(|(_, _, span)| doc.slice(span).into())
    }

    #[test]
    fn a_name_under_the_last_paragraph_signs_the_article() {
        let text = "Die Stadt hat am Montag neue Regeln für den Verkehr beschlossen, die ab dem \
                    kommenden Monat gelten sollen.";
        for (sign, name) in [
            ("Max Mustermann", Some("Max Mustermann")),
            ("— Max Mustermann", Some("Max Mustermann")),
            ("(Max Mustermann)", Some("Max Mustermann")),
            ("(dpa)", None),
            ("(Max", None),
        ] {
            let page = format!("Ein Titel\n\n{text}\n\n{sign}\n");
            assert_eq!(signer(&page).as_deref(), name, "{sign}");
        }
    }
}
