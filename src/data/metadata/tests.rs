//! The byline data: date patterns and what they read, users' files, labels longest first.

use super::*;

fn date(line: &str) -> Option<String> {
    let data = MetadataData::for_tests();
    data.find_dates(line)
        .first()
        .and_then(|d| d.value)
        .map(|d| d.to_string())
}

#[test]
fn parses_the_common_formats() {
    assert_eq!(
        date("Published: Dec 15, 2021 10:27 PM").as_deref(),
        Some("2021-12-15")
    );
    assert_eq!(date("Jun 25 2013").as_deref(), Some("2013-06-25"));
    assert_eq!(
        date("Updated: 2019-04-22 08:04").as_deref(),
        Some("2019-04-22")
    );
    assert_eq!(date("15 December 2021").as_deref(), Some("2021-12-15"));
    assert_eq!(
        date("来源：新华社 2021年12月15日").as_deref(),
        Some("2021-12-15")
    );
    assert_eq!(
        date("CONTACT US Wed Nov. 13, 2013").as_deref(),
        Some("2013-11-13")
    );
    assert_eq!(date("September 3rd, 2022").as_deref(), Some("2022-09-03"));
    assert_eq!(date("2020/03/01").as_deref(), Some("2020-03-01"));
    assert_eq!(date("2021.03.07 09:15").as_deref(), Some("2021-03-07"));
    // A version with more parts is no date.
    assert_eq!(date("release 2021.03.07.1").as_deref(), None);
    assert_eq!(
        date("By Mateo Wilson | 12/15/2020").as_deref(),
        Some("2020-12-15")
    );
    assert_eq!(date("18/07/2024").as_deref(), Some("2024-07-18"));
    assert_eq!(
        date("Door Bram Dekker | 27-03-2016").as_deref(),
        Some("2016-03-27")
    );
    assert_eq!(
        date("Bijgewerkt: 7-3-21, 14:32").as_deref(),
        Some("2021-03-07")
    );
    assert_eq!(
        date("Aktualisiert am 07.03.2021-15:32").as_deref(),
        Some("2021-03-07")
    );
    // A part number or a code with more parts is no date.
    assert_eq!(date("part 12-03-2021-7").as_deref(), None);
    // Nor is a version of three short numbers; a date with a two-digit year pads them.
    assert_eq!(
        date("Make sure you have kernel 2.6.24 or newer").as_deref(),
        None
    );
    assert_eq!(date("since 2.8.12-2, a package").as_deref(), None);
    assert_eq!(date("Stand: 07.03.21").as_deref(), Some("2021-03-07"));
    assert_eq!(date("Stand: 7.3.2021").as_deref(), Some("2021-03-07"));
}

#[test]
fn impossible_dates_are_found_but_have_no_value() {
    let data = MetadataData::for_tests();
    let found = data.find_dates("Published: 2019-13-45");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].value, None);
    assert!(
        data.find_dates("no date in this line, just 2019 and 45")
            .is_empty()
    );
}

#[test]
fn user_files_add_labels_and_month_names() {
    let user = r#"
name_labels = ["oleh"]
after_date_labels = ["dari"]
author_box = ["Tentang penulis"]
comment_headings = ["Komentar"]
age_units = ["jam"]
desks = ["redaksi"]
ranks = ["anggota"]
agency_joiners = ["dengan"]
[labels]
author = ["oleh"]
[[language]]
code = "id"
months = [["jan"], ["feb"], ["maret"], ["apr"], ["mei"], ["jun"], ["jul"], ["agu"], ["sep"], ["okt"], ["nov"], ["des"]]
"#;
    let data = MetadataData::builtin_with(&[("mine.toml", user)]).expect("compiles");
    let dates = data.find_dates("7 Maret 2021");
    assert_eq!(
        dates.first().and_then(|d| d.value).map(|d| d.to_string()),
        Some("2021-03-07".into())
    );
    assert!(
        data.labels
            .iter()
            .any(|(l, k)| l == "oleh" && *k == Label::Author)
    );
    assert!(data.name_labels.iter().any(|l| l == "oleh"));
    assert!(data.after_date_labels.iter().any(|l| l == "dari"));
    assert!(data.is_author_box_heading("## Tentang Penulis:"));
    assert!(data.is_agency_joiner("Dengan"));
    assert!(data.is_agency_joiner("avec"));
    assert!(data.is_desk_or_rank("Redaksi Jakarta"));
    assert!(!data.is_desk_or_rank("Jakarta Redaksi"));
    assert!(data.is_desk_or_rank("Anggota Senior"));
    assert!(data.is_desk_or_rank("Erfahrener Benutzer"));
    assert!(data.is_desk_or_rank("Senior Member"));
    assert!(!data.is_desk_or_rank("Max Mustermann"));
    assert!(data.is_author_box_heading("About the author"));
    assert!(!data.is_author_box_heading("About the author of this book, see below"));
    assert!(data.is_comment_heading("12 Komentar"));
    assert!(data.age_units.contains("jam"));
    assert!(data.is_comment_heading("Kommentare (3)"));
    assert!(data.is_comment_heading("  * Kommentare: 2"));
    assert!(data.is_comment_heading("## Leave a Reply:"));
    assert!(!data.is_comment_heading("Comments on the draft were sent in 2021"));
    // A language without an order has none; the built-in ones keep theirs.
    assert_eq!(data.order("id"), None);
    assert_eq!(data.order("de"), Some(Order::Dmy));
    let eleven = user.replace(r#"["des"]"#, "").replace(", ]", "]");
    assert!(MetadataData::builtin_with(&[("mine.toml", &eleven)]).is_err());
    assert!(MetadataData::builtin_with(&[("mine.toml", "unknown = 1")]).is_err());
}

#[test]
fn labels_are_sorted_longest_first() {
    let data = MetadataData::for_tests();
    let posted_by = data.labels.iter().position(|(l, _)| l == "posted by");
    let posted = data.labels.iter().position(|(l, _)| l == "posted");
    assert!(posted_by < posted);
}

#[test]
fn a_listed_heading_is_matched_in_any_case() {
    let list = ["about the author".to_string(), "über den autor".to_string()];
    for heading in [
        "about the author",
        "About The Author",
        "ÜBER DEN AUTOR",
        "Über den Autor",
    ] {
        assert!(is_listed(&list, heading), "{heading}");
    }
    for heading in ["about the authors", "about the", "Über den Autoren", ""] {
        assert!(!is_listed(&list, heading), "{heading}");
    }
}
