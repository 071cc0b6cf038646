//! Bylines of many forms and languages, and lines that are not bylines.

use super::*;

#[test]
fn ranges_of_a_line_with_no_break_spaces_are_ranges_of_that_line() {
    let line = "\u{a0}\u{a0}By Jane\u{a0}Doe\u{a0}| Updated:\u{a0}2019-13-45";
    let byline = parse(line, MetadataData::for_tests()).expect("a byline");
    let author = byline.value(Label::Author).expect("an author");
    let (start, end) = author.value_range;
    assert_eq!(&line[start..end], "Jane\u{a0}Doe");
    let (start, end) = author.label_range;
    assert_eq!(line[start..end].trim_end(), "By");
    let (date, _) = &byline.dates[0];
    assert_eq!(&line[date.start..date.end], "2019-13-45");
}

pub(super) fn fields(line: &str) -> Option<Vec<(Label, String)>> {
    let data = MetadataData::for_tests();
    parse(line, data).map(|b| b.fields.into_iter().map(|f| (f.label, f.value)).collect())
}

pub(super) fn date(line: &str) -> Option<(String, Option<Label>)> {
    let data = MetadataData::for_tests();
    let byline = parse(line, data)?;
    let (d, label) = byline.dates.first()?;
    Some((d.value?.to_string(), *label))
}

#[test]
fn a_date_of_something_else_than_the_page_keeps_its_label() {
    for line in [
        "Registriert seit: 12.05.2010",
        "Mitglied seit 12.05.2010",
        "Joined: Mar 3, 2011",
    ] {
        assert_eq!(date(line).map(|d| d.1), Some(Some(Label::Other)), "{line}");
    }
    assert_eq!(
        date("Veröffentlicht: 12.05.2010").map(|d| d.1),
        Some(Some(Label::Date))
    );
}

#[test]
fn a_reading_time_ends_a_dateline_with_a_full_stop() {
    assert_eq!(
        date("14.09.2022 · Lesezeit: 4 Min.").map(|d| d.0),
        Some("2022-09-14".into())
    );
    assert_eq!(
        date("Am 14.09.2022 kam es zu einem Unfall mit 4 Verletzten."),
        None
    );
}

#[test]
fn reads_numeric_dates_with_spaces_after_the_dots() {
    assert_eq!(
        date("Jan Novák, 7. 3. 2021 09:15").map(|d| d.0),
        Some("2021-03-07".into())
    );
}

#[test]
fn reads_news_bylines() {
    assert_eq!(
        fields("By Lang Ping | China Daily | Updated: 2019-04-22 08:04"),
        Some(vec![
            (Label::Author, "Lang Ping".into()),
            (Label::Source, "China Daily".into()),
            (Label::Updated, "2019-04-22".into()),
        ])
    );
    assert_eq!(
        date("By Lang Ping | China Daily | Updated: 2019-04-22 08:04"),
        Some(("2019-04-22".into(), Some(Label::Updated)))
    );
    assert_eq!(
        fields(
            "Author  :  Lu Zhongwei     Source  :    Chinese Social Sciences Today     2016-12-05"
        ),
        Some(vec![
            (Label::Author, "Lu Zhongwei".into()),
            (Label::Source, "Chinese Social Sciences Today".into()),
        ])
    );
    assert_eq!(
        date("Author : Lu Zhongwei Source : Chinese Social Sciences Today 2016-12-05"),
        Some(("2016-12-05".into(), None))
    );
    assert_eq!(
        date("Published: Dec 15, 2021 10:27 PM"),
        Some(("2021-12-15".into(), Some(Label::Date)))
    );
    assert_eq!(date("Jun 25 2013"), Some(("2013-06-25".into(), None)));
    assert_eq!(
        fields("Posted by jdoe on March 3, 2022"),
        Some(vec![(Label::Author, "jdoe".into())])
    );
    assert_eq!(
        fields("来源：新华社 2021年12月15日 作者：张三"),
        Some(vec![
            (Label::Source, "新华社".into()),
            (Label::Author, "张三".into())
        ])
    );
    assert_eq!(
        fields("By Jane Doe and John Roe, Reuters"),
        Some(vec![(Label::Author, "Jane Doe and John Roe".into())])
    );
}

/// Byline styles of news sites, English and Chinese.
#[test]
fn reads_many_byline_styles() {
    let author = |line: &str| {
        let data = MetadataData::for_tests();
        parse(line, data).and_then(|b| b.value(Label::Author).map(|f| f.value.clone()))
    };
    let source = |line: &str| {
        let data = MetadataData::for_tests();
        parse(line, data).and_then(|b| b.value(Label::Source).map(|f| f.value.clone()))
    };
    assert_eq!(
        author("By Jane Doe | June 3, 2022").as_deref(),
        Some("Jane Doe")
    );
    assert_eq!(author("Written by Sarah Lee").as_deref(), Some("Sarah Lee"));
    // A role after a comma is no part of the name, however it is written.
    for line in ["By Jane Doe, Staff Writer", "By JANE DOE, staff writer"] {
        let name = author(line).expect("an author").to_lowercase();
        assert_eq!(name, "jane doe", "{line}");
    }
    // A role after a slash or a bar, too; a user name before the word that leads to the
    // date.
    assert_eq!(
        author("Jane Doe / Staff Writer").as_deref(),
        Some("Jane Doe")
    );
    assert_eq!(
        author("Geschrieben von kaffeejunkie am 7. März 2021").as_deref(),
        Some("kaffeejunkie")
    );
    // Names in a column of their own after the date and time.
    assert_eq!(
        author("07.03.2021 14:32 Uhr     Max Mustermann").as_deref(),
        Some("Max Mustermann")
    );
    // A label of several words, capitalised nouns and all, is no part of the name.
    assert_eq!(
        author("Ein Artikel von Anna Schmidt").as_deref(),
        Some("Anna Schmidt")
    );
    assert_eq!(
        author("Un article de Jean Dupont").as_deref(),
        Some("Jean Dupont")
    );
    // A name does not run into a word, only into a date glued on by extraction.
    assert_eq!(author("Make IPv6 work again").as_deref(), None);
    assert_eq!(
        author("Yahoo FinanceOctober 13, 2016").as_deref(),
        Some("Yahoo Finance")
    );
    assert_eq!(author("Reporter: Li Na").as_deref(), Some("Li Na"));
    assert_eq!(
        author("作者：张三\u{3000}来源：人民日报\u{3000}2021-12-15").as_deref(),
        Some("张三")
    );
    assert_eq!(
        source("作者：张三\u{3000}来源：人民日报\u{3000}2021-12-15").as_deref(),
        Some("人民日报")
    );
    assert_eq!(
        source("2021年12月15日 10:27 来源：新华网").as_deref(),
        Some("新华网")
    );
    assert_eq!(
        source("Source: Xinhua | Editor: Wang Wu").as_deref(),
        Some("Xinhua")
    );
    assert_eq!(
        author("By JANE DOE | Associated Press").as_deref(),
        Some("JANE DOE")
    );
    assert_eq!(
        source("By JANE DOE | Associated Press").as_deref(),
        Some("Associated Press")
    );
    assert_eq!(
        date("Published 3:04 PM EST, Mon January 3, 2022"),
        Some(("2022-01-03".into(), Some(Label::Date)))
    );
    assert_eq!(
        date("Updated 10:27 AM ET, Tue December 15, 2021"),
        Some(("2021-12-15".into(), Some(Label::Updated)))
    );
    assert_eq!(
        date("Posted on March 3, 2022 by admin"),
        Some(("2022-03-03".into(), Some(Label::Date)))
    );
    assert_eq!(
        date("发布时间：2021-12-15 10:27"),
        Some(("2021-12-15".into(), Some(Label::Date)))
    );
    assert_eq!(
        date("Publié le 7 mars 2021"),
        Some(("2021-03-07".into(), Some(Label::Date)))
    );
    // A change log's entry that speaks of dates is no label over its date.
    assert_eq!(
        date(" + 4107 Handle date headers sent before 1 Jan 1970").map(|(_, label)| label),
        Some(None)
    );
}

/// Bylines without a label, or with the name first, and sources outside bylines.
#[test]
fn reads_unlabelled_bylines() {
    let author = |line: &str| {
        parse(line, MetadataData::for_tests())
            .and_then(|b| b.value(Label::Author).map(|f| f.value.clone()))
    };
    let source = |line: &str| {
        parse(line, MetadataData::for_tests())
            .and_then(|b| b.value(Label::Source).map(|f| f.value.clone()))
    };
    assert_eq!(
        author("Ana Thompson, 2015-11-24").as_deref(),
        Some("Ana Thompson")
    );
    assert_eq!(
        author("Joseph King, 11/15/2015").as_deref(),
        Some("Joseph King")
    );
    assert_eq!(
        author("Ingrid Jackson, Staff Writer").as_deref(),
        Some("Ingrid Jackson")
    );
    assert_eq!(
        author("Patricia Williams and Ingrid Miller, Sep 27, 2022 7:24 p.m. ET").as_deref(),
        Some("Patricia Williams and Ingrid Miller")
    );
    assert_eq!(author("Story by Liam Smith").as_deref(), Some("Liam Smith"));
    assert_eq!(
        author("By JAMES M. MOORE AND RAHUL THOMPSON").as_deref(),
        Some("JAMES M. MOORE AND RAHUL THOMPSON")
    );
    assert_eq!(
        author("By Jane Doe and John Roe, Reuters").as_deref(),
        Some("Jane Doe and John Roe")
    );
    assert_eq!(author("By Quoting Out-of-context McNally Turns a"), None);
    assert_eq!(
        author("BY EXERCISING ANY RIGHTS TO THE WORK PROVIDED HERE, YOU ACCEPT"),
        None
    );
    assert_eq!(author("Fix PR 29263 for the parser"), None);
    assert_eq!(
        author("New York, a city of eight million, woke up late."),
        None
    );
    assert_eq!(
        author("Hong Kong, Macau and Taiwan were not included in the figures."),
        None
    );
    assert_eq!(source("Originally published by AP").as_deref(), Some("AP"));
    assert_eq!(source("via dpa").as_deref(), Some("dpa"));
    assert_eq!(
        source("(Associated Press)").as_deref(),
        Some("Associated Press")
    );
    assert_eq!(source("(see the chart below)"), None);
    assert_eq!(
        date("Last modified on 3 March 2020"),
        Some(("2020-03-03".into(), Some(Label::Updated)))
    );
}

#[test]
fn ages_and_dated_lines() {
    let data = MetadataData::for_tests();
    assert!(is_timestamp("14 min read", data));
    assert!(is_timestamp("vor 3 Std.", data));
    assert!(is_timestamp("il y a 2 heures", data));
    assert!(is_timestamp("3 godziny temu", data));
    assert!(is_timestamp("2 godz. temu", data));
    assert!(is_timestamp("před 2 hod.", data));
    assert!(is_timestamp("2 ч. назад", data));
    // A number and a word that is no unit of time: a headline's.
    assert!(!is_timestamp("7 beschlossen", data));
    assert!(!is_timestamp("3 kommt", data));
    assert!(is_timestamp("před 3 hodinami", data));
    assert!(is_timestamp("vor 2 Stunden", data));
    assert!(is_timestamp("5 hours ago", data));
    assert!(!is_timestamp("in the 21st C...", data));
    assert!(!is_timestamp("Chapter 2 Summary", data));
    assert!(is_timestamp("8h", data));
    assert!(!is_timestamp("Happy Days 2U", data));
    assert!(!is_timestamp("Xbox 4K", data));
    assert!(!is_timestamp("11 for most builds", data));
    // Two dates do not make a dateline too long to be one.
    assert_eq!(
        date("Fri 5 Mar 2021 09.30 GMT Last modified on Mon 8 Mar 2021 11.02 GMT"),
        Some(("2021-03-05".into(), None))
    );
    let byline = parse(
        "APN 12 mars 2019 à 08:15 (Mis à jour : 12 mars 2019 à 09:40)",
        MetadataData::for_tests(),
    )
    .expect("a dateline");
    let labels: Vec<_> = byline.dates.iter().map(|(_, label)| *label).collect();
    assert_eq!(labels, [None, Some(Label::Updated)]);
}

#[test]
fn empty_fields() {
    assert_eq!(fields("By"), Some(vec![(Label::Author, String::new())]));
    assert_eq!(
        fields("Source of documents:"),
        Some(vec![(Label::Source, String::new())])
    );
    assert_eq!(
        fields("Author:"),
        Some(vec![(Label::Author, String::new())])
    );
    // A double colon ends an Info menu's entry, or a line over a literal block: no label.
    for line in ["* Source Code Encoding::", "* AUTHOR::", "Source::"] {
        assert!(fields(line).is_none_or(|f| f.is_empty()), "{line}");
    }
}

#[test]
fn body_sentences_are_not_bylines() {
    for line in [
        "By 2030, the network will cover every county.",
        "By contrast, the old system was slow.",
        "Sources said the deal was close.",
        "Published reports suggest the deal is close.",
        "Updated guidance is expected next week from the ministry.",
        "(see the chart below)",
        "The author is a senior fellow of the institute.",
        "Cyberspace security a crucial aspect of China-US diplomacy",
        "> On Tue, Aug 19, 2008 at 4:20 AM, Jane Doe wrote:",
        "On Tue, Aug 19, 2008 at 4:20 AM, Jane Doe wrote:",
        "Am 07.03.2021 um 14:32 schrieb Max Mustermann:",
        "  >> Published: March 7, 2021 by Jane Doe",
    ] {
        assert_eq!(fields(line), None, "{line}");
    }
    assert_eq!(
        fields("Editor: Yu Hui"),
        Some(vec![(Label::Other, "Yu Hui".into())])
    );
}

pub(super) fn author(line: &str) -> Option<String> {
    let data = MetadataData::for_tests();
    parse(line, data)?
        .value(Label::Author)
        .map(|field| field.value.clone())
}

#[test]
fn prepositions_label_the_author_after_a_date_only() {
    assert_eq!(
        author("Pubblicato il 7 marzo 2021 da Mario Rossi").as_deref(),
        Some("Mario Rossi")
    );
    assert_eq!(
        author("Opublikowano 7 marca 2021 przez annak").as_deref(),
        Some("annak")
    );
    assert_eq!(author("Da Mario Rossi a Giulia Bianchi"), None);
    assert_eq!(author("Przez Annę Nowak"), None);
}

#[test]
fn names_after_a_date_and_a_time() {
    for (line, name) in [
        ("7.3.2021, 9:15 Uhr, Moritz Tremmel", "Moritz Tremmel"),
        ("March 9, 2017 | Sarah Gooding", "Sarah Gooding"),
        ("07.03.2021 09:15 - Jane Doe", "Jane Doe"),
        // Columns run together by extraction: the names right after the time.
        ("07.03.2021 09:15 Uhr Max Mustermann", "Max Mustermann"),
        ("March 9, 2017 4:30 pm Sarah Gooding", "Sarah Gooding"),
        (
            "7. März 2021, 9:15 Uhr, Hans Müller-Lüdenscheidt",
            "Hans Müller-Lüdenscheidt",
        ),
        // The section and the count of comments after the names.
        (
            "07.03.2021 um 14:32 Uhr - Max Mustermann - in Überwachung - 3 Ergänzungen",
            "Max Mustermann",
        ),
        (
            "March 9, 2017 | Sarah Gooding | 12 comments",
            "Sarah Gooding",
        ),
        // A capitalised section between them.
        (
            "7. März 2021 | Max Mustermann | Allgemein | 2 Kommentare",
            "Max Mustermann",
        ),
    ] {
        assert_eq!(author(line).as_deref(), Some(name), "{line}");
    }
    // A place after a comma or a dash; a heading run on from a date; a tail with nothing
    // but a place or a date before it.
    for line in [
        "7 March 2021, New York",
        "2021-03-07 - Jane Doe and the Other Story Here",
        "2021-03-07 Release Notes",
        "7 March 2021, New York - in brief",
        "07.03.2021 14:32 Uhr - 3 Kommentare",
        "07.03.2021 09:15 Uhr Politik",
        "07.03.2021 09:15 Uhr Ein Bericht aus Berlin",
    ] {
        assert_eq!(author(line), None, "{line}");
    }
}

#[test]
fn revision_dates_in_italian() {
    let data = MetadataData::for_tests();
    let byline =
        parse("07 marzo 2021 (modifica il 08 marzo 2021 | 10:03)", data).expect("a dateline");
    let labels: Vec<Option<Label>> = byline.dates.iter().map(|(_, label)| *label).collect();
    assert_eq!(labels, vec![None, Some(Label::Updated)]);
}

#[test]
fn a_revision_label_after_a_name_first_byline_labels_its_date() {
    let data = MetadataData::for_tests();
    let byline = parse(
        "Jan de Vries 07-03-21, 14:32 Laatste update: 08-03-21, 09:15",
        data,
    )
    .expect("a byline");
    let labels: Vec<Option<Label>> = byline.dates.iter().map(|(_, label)| *label).collect();
    assert_eq!(labels, vec![None, Some(Label::Updated)]);
    assert_eq!(
        byline.value(Label::Author).map(|f| f.value.as_str()),
        Some("Jan de Vries")
    );
}

#[test]
fn japanese_text_credit() {
    assert_eq!(author("文・山田太郎").as_deref(), Some("山田太郎"));
}

#[test]
fn labels_that_name_the_kind_of_piece() {
    for line in [
        "Kommentar von Anna Schmidt",
        "Eine Reportage von Anna Schmidt",
        "A column by Jane Doe",
        "Une chronique de Sophie Martin",
    ] {
        assert_eq!(
            author(line).as_deref().map(|a| a.split(' ').next_back()),
            Some(line.split(' ').next_back()),
            "{line}"
        );
    }
    // A credit of a change names no author of the text.
    assert_eq!(author("Reported by Jane Doe"), None);
}

#[test]
fn reads_month_spellings_that_cldr_lacks() {
    for line in [
        "von Max Mustermann am 7. Mrz. 2021",
        "Veröffentlicht am 7. Maerz 2021",
    ] {
        assert_eq!(date(line).map(|d| d.0), Some("2021-03-07".into()), "{line}");
    }
    assert_eq!(
        date("Publié le 7 fevrier 2021").map(|d| d.0),
        Some("2021-02-07".into())
    );
}

#[test]
fn a_lower_case_word_before_capitalised_ones_is_no_user_name() {
    let author = fields("Written by the Plain Licences Group and put into the public domain.")
        .into_iter()
        .flatten()
        .find(|(label, _)| *label == Label::Author);
    assert_ne!(author, Some((Label::Author, "the".into())));
}

#[test]
fn a_word_at_the_end_of_a_wrapped_line_is_no_user_name() {
    assert_eq!(fields("output is written by the"), None);
}

#[test]
fn a_word_of_time_leads_from_the_names_to_the_date() {
    for (line, name) in [
        ("Max Mustermann am 7. März 2021", "Max Mustermann"),
        ("Jane Doe on March 7, 2021 at 9:15 am", "Jane Doe"),
        ("Mario Rossi il 7 marzo 2021", "Mario Rossi"),
        ("Jan Kowalski dnia 7 marca 2021", "Jan Kowalski"),
    ] {
        assert_eq!(author(line).as_deref(), Some(name), "{line}");
        assert_eq!(
            date(line).map(|d| d.0).as_deref(),
            Some("2021-03-07"),
            "{line}"
        );
    }
    // The date must end the line, but for its time: then the line is a sentence.
    assert_eq!(author("Biden on March 7, 2021 signed the bill"), None);
}
