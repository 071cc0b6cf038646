//! What stands around the names of a byline and is no part of them: roles before and
//! after them, agencies, places and times.

use super::tests::{author, fields};
use crate::data::metadata::Label;

#[test]
fn a_role_before_the_names_is_not_part_of_them() {
    for (line, name) in [
        ("Von Redakteurin Erika Musterfrau", "Erika Musterfrau"),
        (
            "Von FOCUS-online-Redakteur Max Mustermann",
            "Max Mustermann",
        ),
        ("Von Politikredakteur Max Mustermann", "Max Mustermann"),
        ("By Correspondent Jane Doe", "Jane Doe"),
        (
            "Von unserem Korrespondenten Max Mustermann",
            "Max Mustermann",
        ),
        ("By our correspondent Jane Doe", "Jane Doe"),
        ("Por nuestro corresponsal Juan Pérez", "Juan Pérez"),
    ] {
        assert_eq!(
            fields(line),
            Some(vec![(Label::Author, name.into())]),
            "{line}"
        );
    }
    // A determiner before anything but a role is prose.
    assert_eq!(fields("Von unserem Haus in Berlin aus"), None);
    // Only a first word is a role: a surname that is one stays.
    assert_eq!(
        fields("By Jane Reporter"),
        Some(vec![(Label::Author, "Jane Reporter".into())])
    );
}

#[test]
fn an_agency_or_a_place_after_the_names_is_not_part_of_them() {
    let author = |line: &str| {
        fields(line).and_then(|f| {
            f.into_iter()
                .find(|(label, _)| *label == Label::Author)
                .map(|(_, value)| value)
        })
    };
    assert_eq!(
        author("Par Jean Dupont avec AFP").as_deref(),
        Some("Jean Dupont")
    );
    assert_eq!(
        author("By Jane Doe with Reuters").as_deref(),
        Some("Jane Doe")
    );
    assert_eq!(
        author("Max Mustermann, Berlin, 07.03.2021").as_deref(),
        Some("Max Mustermann")
    );
    assert_eq!(
        author("Juan Pérez | Madrid | 07 de marzo de 2021").as_deref(),
        Some("Juan Pérez")
    );
    assert_eq!(
        author("Anna Nowak · Kraków · 7 marca 2021").as_deref(),
        Some("Anna Nowak")
    );
    assert_eq!(
        author("Jane Doe | 9:15 AM EST | March 7, 2021").as_deref(),
        Some("Jane Doe")
    );
    // A place that is a sentence is no place: `Max Mustermann, der in Berlin lebt, 2021`.
    assert_eq!(
        author("Max Mustermann, der in Berlin lebt, 07.03.2021"),
        None
    );
    assert_eq!(
        author("Max Mustermann | heute in Berlin | 07.03.2021"),
        None
    );
}

#[test]
fn a_role_after_the_names_is_not_part_of_them() {
    for (line, name) in [
        ("Lisa Brandt, Redakteurin", "Lisa Brandt"),
        ("Lisa Brandt, Politikredakteurin", "Lisa Brandt"),
        ("Jane Doe, Science Editor", "Jane Doe"),
        ("Jane Doe, transport correspondent", "Jane Doe"),
        ("Juan Pérez, corresponsal en Berlín", "Juan Pérez"),
    ] {
        assert_eq!(author(line).as_deref(), Some(name), "{line}");
    }
    // A clause after the comma is no role, however it names one.
    for line in [
        "Jane Doe, a reporter who covered the story for years, said so.",
        "Max Mustermann, der in Berlin lebt",
    ] {
        assert_eq!(author(line), None, "{line}");
    }
}

#[test]
fn roles_after_names_without_a_comma() {
    assert_eq!(
        author("Jane Doe Transport correspondent").as_deref(),
        Some("Jane Doe")
    );
    assert_eq!(
        author("Lisa Brandt (Text), Jonas Keller (Bilder)").as_deref(),
        Some("Lisa Brandt")
    );
    assert_eq!(author("Our correspondent reports from Kyiv"), None);
}
