//! Bylines that blog, forum and CMS software writes: posting notes, post footers and
//! headers, labels of themes and credits.

use super::tests::{author, date, fields};
use crate::data::metadata::Label;

#[test]
fn user_names_in_dated_lines() {
    for (line, name) in [
        ("Publié le 7 mars 2021 par sophiem", "sophiem"),
        ("Publicado el 7 de marzo de 2021 por ana_g", "ana_g"),
        (
            "Veröffentlicht am 7. März 2021 von annaschmidt",
            "annaschmidt",
        ),
        ("Posted on March 7, 2021 by jdoe", "jdoe"),
        ("Beitrag von annas » So 7. Mär 2021, 09:15", "annas"),
        ("by jdoe » Sun Mar 07, 2021 9:15 am", "jdoe"),
    ] {
        assert_eq!(author(line).as_deref(), Some(name), "{line}");
    }
    // Without a date a one-word label still needs a capitalised name; a month is no user
    // name, and a lower-case word running on is prose.
    for line in [
        "von annas",
        "Updated by march 7, 2021",
        "7 mars 2021 par exemple la ville",
    ] {
        assert_eq!(author(line), None, "{line}");
    }
}

#[test]
fn reads_the_posting_note_of_a_blog_theme() {
    assert_eq!(
        fields(
            "This entry was posted in News on March 7, 2021 by Jane Doe. Bookmark the permalink."
        ),
        Some(vec![
            (Label::Date, "March 7, 2021".into()),
            (Label::Author, "Jane Doe".into())
        ])
    );
    assert_eq!(
        date(
            "Dieser Beitrag wurde am 7. März 2021 von Max Mustermann in Allgemein veröffentlicht."
        ),
        Some(("2021-03-07".into(), None))
    );
    assert_eq!(
        fields(
            "Dieser Beitrag wurde am 7. März 2021 von Max Mustermann in Allgemein veröffentlicht."
        ),
        Some(vec![(Label::Author, "Max Mustermann".into())])
    );
    // A date and `by` in a sentence of the text: no word of publishing.
    assert_eq!(
        fields("The ban was lifted on March 7, 2021 by Judge Jane Doe."),
        None
    );
}

#[test]
fn reads_the_post_footers_of_blog_platforms() {
    for (line, name) in [
        ("Eingestellt von Max Mustermann um 14:32", "Max Mustermann"),
        ("Posted by jdoe at 2:32 PM", "jdoe"),
        ("Publié par Jean Dupont à 14:32", "Jean Dupont"),
        ("Pubblicato da Mario Rossi alle 14:32", "Mario Rossi"),
        ("Geplaatst door Jan de Vries op 14:32", "Jan de Vries"),
    ] {
        let author = fields(line).and_then(|f| {
            f.into_iter()
                .find(|(label, _)| *label == Label::Author)
                .map(|(_, value)| value)
        });
        assert_eq!(author.as_deref(), Some(name), "{line}");
    }
}

#[test]
fn reads_the_post_headers_of_forums() {
    for (line, name, day) in [
        (
            "Message par pierrot59 » mar. 8 sept. 2020 16:05",
            Some("pierrot59"),
            "2020-09-08",
        ),
        (
            "Post autor: kierowca77 » 12 kwi 2021, 16:05",
            Some("kierowca77"),
            "2021-04-12",
        ),
        (
            "Messaggio da mario77 » 12 apr 2021, 16:05",
            Some("mario77"),
            "2021-04-12",
        ),
        (
            "Beitrag von Hardwarefan87 » Mo 14. Feb 2022, 16:05",
            Some("Hardwarefan87"),
            "2022-02-14",
        ),
        // A one-word label before no name keeps the line's date.
        ("von Gast » Mo 14. Feb 2022, 16:05", None, "2022-02-14"),
    ] {
        assert_eq!(author(line).as_deref(), name, "{line}");
        assert_eq!(date(line).map(|d| d.0).as_deref(), Some(day), "{line}");
    }
}

#[test]
fn user_names_of_letters_and_digits_need_no_date() {
    assert_eq!(
        author("Ersteller Hardwarefan87").as_deref(),
        Some("Hardwarefan87")
    );
    assert_eq!(author("Von Golfi_GTI").as_deref(), Some("Golfi_GTI"));
    // Words with digits that run into more words, or with no lower case, are no user
    // names.
    assert_eq!(author("By B2B Marketing"), None);
    assert_eq!(author("By COVID19"), None);
    assert_eq!(author("By 2030"), None);
}

#[test]
fn a_duration_run_on_after_a_label_is_no_byline() {
    // Reading times: the words before them are a label, not names.
    for line in [
        "Temps de Lecture 2 min.",
        "Temps de lecture : 2 min",
        "Lesezeit 3 min",
    ] {
        assert_eq!(author(line), None, "{line}");
    }
    // An age that says what it counts, or a duration after a separator, stands beside names.
    assert_eq!(
        author("Alex Perry 1 day ago").as_deref(),
        Some("Alex Perry")
    );
    assert_eq!(author("Jane Doe · 5 min read").as_deref(), Some("Jane Doe"));
}

#[test]
fn labels_of_credits_and_of_themes() {
    assert_eq!(
        author("A cura di Mario Rossi").as_deref(),
        Some("Mario Rossi")
    );
    assert_eq!(
        author("Article rédigé par Jeanne Morel - France Télévisions").as_deref(),
        Some("Jeanne Morel")
    );
    assert_eq!(
        author("Beitragsautor Von radlerin_lisa").as_deref(),
        Some("radlerin_lisa")
    );
    // A photographer is credited, not the author.
    assert_eq!(
        fields("Foto di Luca Verdi"),
        Some(vec![(Label::Other, "Luca Verdi".into())])
    );
}
