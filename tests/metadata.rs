//! Provenance as `corpuslint meta` resolves it: the seeds table cell by cell, and the
//! priority of explicit sources over the text.

use assert_cmd::Command;
use serde_json::{Value, json};

fn meta_json(args: &[&str]) -> Value {
    let output = Command::cargo_bin("corpuslint")
        .expect("binary")
        .arg("meta")
        .args(args)
        .args(["--format", "json"])
        .output()
        .expect("run corpuslint meta");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("one JSON object")
}

/// The provenance `meta` gives the fixture at `tests/fixtures/{path}`, checked alone.
fn fixture_meta(path: &str) -> Value {
    let report = meta_json(&["--isolated", &format!("tests/fixtures/{path}")]);
    report["documents"][0].clone()
}

fn cell(doc: &Value, field: &str) -> Value {
    match &doc[field] {
        Value::Null => Value::Null,
        f => json!([f["value"], f["origin"], f["line"]]),
    }
}

#[test]
fn seeds_metadata_table() {
    let report = meta_json(&["seeds/"]);
    assert_eq!(report["version"], 1);
    let docs = report["documents"].as_array().expect("documents");
    assert_eq!(docs.len(), 5);
    let table = [
        (
            "seeds/000_d9ee4d4d624b5cba.txt",
            json!([
                "The UK’s political attack against China and Russia will only deteriorate global cyberspace",
                "text",
                1
            ]),
            Value::Null,
            json!(["2021-12-15", "text", 2]),
            Value::Null,
        ),
        (
            "seeds/001_1e278fe6e9cedae5.txt",
            Value::Null,
            Value::Null,
            Value::Null,
            Value::Null,
        ),
        (
            "seeds/002_192448865f446b16.txt",
            json!([
                "Cyberspace security a crucial aspect of China-US diplomacy",
                "text",
                6
            ]),
            json!(["Lu Zhongwei", "text", 8]),
            json!(["2016-12-05", "text", 8]),
            json!(["Chinese Social Sciences Today", "text", 8]),
        ),
        (
            "seeds/003_5643ba1dc797c082.txt",
            json!(["The De-ideologizing of Cyberspace Governance", "text", 32]),
            Value::Null,
            json!(["2013-06-25", "text", 31]),
            Value::Null,
        ),
        (
            "seeds/004_4b8399b3e61f290d.txt",
            json!(["Developing ICT key to securing cyberspace", "text", 5]),
            json!(["Lang Ping", "text", 7]),
            json!(["2019-04-22", "text", 7]),
            json!(["China Daily", "text", 7]),
        ),
    ];
    for (doc, (path, title, author, date, source)) in docs.iter().zip(table) {
        assert_eq!(doc["path"], path);
        assert_eq!(cell(doc, "title"), title, "{path} title");
        assert_eq!(cell(doc, "author"), author, "{path} author");
        assert_eq!(cell(doc, "date"), date, "{path} date");
        assert_eq!(cell(doc, "source"), source, "{path} source");
        let sha = doc["sha256"].as_str().expect("sha256");
        assert_eq!(sha.len(), 64);
    }
}

#[test]
fn missing_cells_are_reported_once_each_by_check() {
    let output = Command::cargo_bin("corpuslint")
        .expect("binary")
        .args([
            "check", "seeds/", "--format", "json", "--select", "metadata",
        ])
        .output()
        .expect("run");
    let report: Value = serde_json::from_slice(&output.stdout).expect("json");
    let mut found: Vec<(String, String, u64)> = report["diagnostics"]
        .as_array()
        .expect("array")
        .iter()
        .map(|d| {
            (
                d["path"].as_str().unwrap_or("")[6..9].to_string(),
                d["rule"].as_str().unwrap_or("").to_string(),
                d["line"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    found.sort();
    let want: Vec<(String, String, u64)> = [
        ("000", "missing-author", 2),
        ("000", "missing-source", 2),
        ("001", "missing-author", 1),
        ("001", "missing-date", 1),
        ("001", "missing-source", 1),
        ("001", "missing-title", 1),
        ("003", "empty-metadata-field", 33),
        ("003", "empty-metadata-field", 45),
        ("003", "missing-author", 31),
        ("003", "missing-source", 31),
    ]
    .iter()
    .map(|(f, r, l)| (f.to_string(), r.to_string(), *l))
    .collect();
    assert_eq!(found, want);
}

#[test]
fn explicit_metadata_wins_over_the_text_in_priority_order() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    let body = "Story title here\nBy Text Author | Text Source | Published: 2020-01-01\n\nA body paragraph that is long enough to read as body text, with a full stop.\n";
    std::fs::write(
        root.join("front.txt"),
        format!("---\nauthor: Front Author\n---\n{body}"),
    )
    .expect("write");
    std::fs::write(root.join("side.txt"), body).expect("write");
    std::fs::write(
        root.join("side.meta.toml"),
        "author = \"Sidecar Author\"\nsource = \"Sidecar Source\"\n",
    )
    .expect("write");
    std::fs::write(root.join("listed.txt"), body).expect("write");
    std::fs::write(root.join("plain.txt"), body).expect("write");
    std::fs::write(
        root.join("metadata.jsonl"),
        "{\"file_name\": \"listed.txt\", \"author\": \"Manifest Author\", \"date\": \"2019-05-06\"}\n{\"file_name\": \"side.txt\", \"author\": \"Manifest Author\"}\n",
    )
    .expect("write");
    let report = meta_json(&[root.to_str().expect("utf-8 path")]);
    let by_name = |name: &str| {
        report["documents"]
            .as_array()
            .expect("documents")
            .iter()
            .find(|d| d["path"].as_str().is_some_and(|p| p.ends_with(name)))
            .cloned()
            .expect("document")
    };
    let front = by_name("front.txt");
    assert_eq!(front["author"]["value"], "Front Author");
    assert_eq!(front["author"]["origin"], "front-matter");
    assert_eq!(front["source"]["value"], "Text Source");
    let side = by_name("side.txt");
    assert_eq!(side["author"]["value"], "Sidecar Author");
    assert_eq!(side["author"]["origin"], "sidecar");
    assert_eq!(side["source"]["origin"], "sidecar");
    let listed = by_name("listed.txt");
    assert_eq!(listed["author"]["origin"], "manifest");
    assert_eq!(listed["date"]["value"], "2019-05-06");
    assert_eq!(listed["source"]["origin"], "text");
    let plain = by_name("plain.txt");
    assert_eq!(plain["author"]["value"], "Text Author");
    assert_eq!(plain["date"]["value"], "2020-01-01");
}

#[test]
fn a_changed_file_with_a_stale_manifest_hash_fails_the_check() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    let text = "Story title here\nBy A Writer | A Paper | Published: 2020-01-01\n\nBody text that goes on long enough to be a paragraph of an article.\n";
    std::fs::write(root.join("a.txt"), text).expect("write");
    let sha = corpuslint::provenance::sha256_hex(text.as_bytes());
    std::fs::write(
        root.join("metadata.jsonl"),
        format!("{{\"file_name\": \"a.txt\", \"sha256\": \"{sha}\"}}\n"),
    )
    .expect("write");
    let check = |root: &std::path::Path| {
        Command::cargo_bin("corpuslint")
            .expect("binary")
            .args(["check", "--select", "M008", "--format", "short"])
            .arg(root)
            .output()
            .expect("run")
    };
    assert_eq!(check(root).status.code(), Some(0));
    std::fs::write(root.join("a.txt"), text.replace("Body", "Edited body")).expect("write");
    let output = check(root);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&output.stdout)
            .contains("M008 file changed since its manifest entry")
    );
}

/// The author and the date each byline form of the fixtures gives, with their lines: the
/// publication date, not the revision date beside it; the person, not the outlet.
#[test]
fn byline_forms_give_their_values() {
    let cases = [
        (
            "missing-date/en_weekday_dotted_time_and_revision.txt",
            Value::Null,
            json!(["2021-03-05", "text", 5]),
        ),
        (
            "missing-date/fr_agency_date_and_update.txt",
            Value::Null,
            json!(["2019-03-12", "text", 3]),
        ),
        (
            "missing-date/en_byline_and_date_on_one_line.txt",
            json!(["Maria Lindqvist", "text", 23]),
            json!(["2018-06-04", "text", 23]),
        ),
        (
            "missing-date/pt_date_under_empty_list_items.txt",
            Value::Null,
            json!(["2020-05-14", "text", 12]),
        ),
        (
            "missing-date/event_date_in_the_text.txt",
            Value::Null,
            Value::Null,
        ),
        (
            "missing-author/cs_name_and_relative_age.txt",
            json!(["Petr Novák", "text", 3]),
            Value::Null,
        ),
        (
            "missing-author/en_name_over_outlet_and_date.txt",
            json!(["Maria Lindqvist", "text", 3]),
            json!(["2019-05-02", "text", 5]),
        ),
        (
            "missing-author/de_author_box_at_end.txt",
            json!(["Katrin Vogel", "text", 9]),
            Value::Null,
        ),
        (
            "missing-author/en_author_box_user_name.txt",
            json!(["Wrenfield", "text", 10]),
            Value::Null,
        ),
        (
            "missing-author/it_signature_under_last_paragraph.txt",
            json!(["Giulia Ferraresi", "text", 9]),
            json!(["2023-05-12", "text", 3]),
        ),
        (
            "missing-author/de_posting_note_under_post.txt",
            json!(["Lisa Brandt", "text", 9]),
            json!(["2022-10-14", "text", 9]),
        ),
        (
            "missing-author/en_posting_note_under_post.txt",
            json!(["wrenfield", "text", 9]),
            json!(["2019-03-03", "text", 9]),
        ),
        (
            "missing-author/de_author_box_on_one_line.txt",
            json!(["Katrin Vogel", "text", 9]),
            json!(["2022-10-14", "text", 3]),
        ),
        (
            "missing-author/de_signature_with_role.txt",
            json!(["Lisa Brandt", "text", 9]),
            json!(["2020-09-30", "text", 3]),
        ),
        (
            "missing-author/fr_forum_post_header.txt",
            json!(["pierrot59", "text", 3]),
            json!(["2020-09-08", "text", 3]),
        ),
        (
            "missing-author/fr_name_comma_role.txt",
            json!(["Jeanne Morel", "text", 3]),
            json!(["2021-03-07", "text", 5]),
        ),
        (
            "missing-author/de_von_names_on_lines.txt",
            json!(["Hanna Lindqvist, Moritz Adebayo", "text", 16]),
            json!(["2022-06-14", "text", 22]),
        ),
        (
            "missing-author/en_name_role_no_comma.txt",
            json!(["Aisha Okonkwo", "text", 14]),
            json!(["2022-06-14", "text", 16]),
        ),
        (
            "missing-author/de_text_bilder_credits.txt",
            json!(["Miriam Osterholt", "text", 13]),
            json!(["2022-06-14", "text", 15]),
        ),
        (
            "missing-author/de_forum_label_then_user.txt",
            json!(["KettenKalle77", "text", 13]),
            json!(["2022-05-03", "text", 15]),
        ),
        (
            "missing-author/de_commenters_only.txt",
            Value::Null,
            json!(["2022-04-05", "text", 12]),
        ),
        (
            "missing-author/en_name_under_standfirst.txt",
            json!(["Priya Natarajan", "text", 17]),
            json!(["2023-03-04", "text", 10]),
        ),
        (
            "missing-author/es_desk_not_author.txt",
            Value::Null,
            json!(["2021-01-14", "text", 5]),
        ),
        (
            "missing-author/pl_name_slash_outlet.txt",
            json!(["Marta Zielińska", "text", 3]),
            json!(["2023-02-17", "text", 5]),
        ),
        (
            "missing-author/de_name_next_to_date.txt",
            json!(["Sabine Kraus", "text", 10]),
            json!(["2021-04-12", "text", 12]),
        ),
        (
            "missing-author/es_name_bar_agency.txt",
            json!(["Lucía Ferrer", "text", 3]),
            json!(["2022-11-14", "text", 5]),
        ),
        (
            "missing-author/de_piece_label_report_by.txt",
            json!(["Lena Hoffmann", "text", 5]),
            json!(["2022-10-14", "text", 6]),
        ),
        (
            "missing-author/fr_propos_recueillis_par.txt",
            json!(["Claire Morel", "text", 5]),
            json!(["2023-02-09", "text", 6]),
        ),
        (
            "missing-author/en_byline_over_teaser_list.txt",
            json!(["Nora Whitfield", "text", 3]),
            json!(["2021-03-03", "text", 4]),
        ),
        (
            "missing-author/fr_teaser_list_bylines.txt",
            Value::Null,
            json!(["2019-06-12", "text", 3]),
        ),
        (
            "missing-author/zh_reporters_in_dateline_bracket.txt",
            json!(["张三, 李四", "text", 5]),
            json!(["2021-03-07", "text", 3]),
        ),
        (
            "missing-author/zh_newspaper_reporter_label.txt",
            json!(["王小明", "text", 3]),
            json!(["2020-03-25", "text", 4]),
        ),
        (
            "missing-author/ja_name_then_reporter.txt",
            json!(["山田太郎", "text", 4]),
            json!(["2021-03-07", "text", 3]),
        ),
        (
            "missing-author/de_headline_with_a_number.txt",
            Value::Null,
            json!(["2021-03-07", "text", 7]),
        ),
        (
            "missing-author/de_user_name_before_am.txt",
            json!(["kaffeejunkie", "text", 3]),
            json!(["2021-03-07", "text", 3]),
        ),
        (
            "missing-author/en_name_slash_role.txt",
            json!(["Jane Doe", "text", 3]),
            json!(["2021-03-07", "text", 4]),
        ),
        (
            "missing-date/de_date_over_reading_time_and_headline.txt",
            json!(["Lena Hoffmann", "text", 11]),
            json!(["2021-03-07", "text", 5]),
        ),
        (
            "missing-date/es_only_date_is_an_update_under_the_byline.txt",
            json!(["CARMEN RUIZ", "text", 3]),
            json!(["2021-03-07", "text", 7]),
        ),
        (
            "missing-author/pl_compiled_by_label.txt",
            json!(["Anna Nowak", "text", 3]),
            json!(["2021-03-07", "text", 5]),
        ),
        (
            "missing-date/de_date_time_name_in_columns.txt",
            json!(["Jonas Weber", "text", 3]),
            json!(["2021-03-07", "text", 3]),
        ),
        (
            "missing-author/en_commenter_under_heading.txt",
            Value::Null,
            Value::Null,
        ),
        (
            "missing-date/de_two_comments_under_heading.txt",
            json!(["Katrin Vogel", "text", 3]),
            Value::Null,
        ),
        (
            "missing-author/es_name_place_date_bars.txt",
            json!(["Carmen Ortega", "text", 8]),
            json!(["2022-05-14", "text", 8]),
        ),
        (
            "missing-author/fr_name_with_agency.txt",
            json!(["Camille Roussel", "text", 8]),
            json!(["2022-05-14", "text", 9]),
        ),
        (
            "missing-author/en_words_label.txt",
            json!(["Helen Marsh", "text", 7]),
            json!(["2019-09-12", "text", 9]),
        ),
        (
            "missing-author/de_artikel_von_colon.txt",
            json!(["Sabine Krüger", "text", 5]),
            json!(["2023-02-03", "text", 6]),
        ),
        (
            "missing-date/fr_first_of_the_month.txt",
            json!(["Claire Rousseau", "text", 7]),
            json!(["2022-06-01", "text", 7]),
        ),
        (
            "missing-date/de_created_after_updated.txt",
            json!(["Markus Lindner", "text", 8]),
            json!(["2021-07-15", "text", 7]),
        ),
        (
            "missing-author/de_our_correspondent.txt",
            json!(["Tomasz Berger", "text", 5]),
            json!(["2022-10-11", "text", 6]),
        ),
        (
            "missing-author/en_name_time_date_bars.txt",
            json!(["Dana Whitfield", "text", 5]),
            json!(["2023-02-03", "text", 5]),
        ),
        (
            "missing-author/de_date_and_reading_time.txt",
            json!(["Johanna Seidel", "text", 6]),
            json!(["2022-09-14", "text", 5]),
        ),
        (
            "missing-date/de_forum_member_since.txt",
            Value::Null,
            Value::Null,
        ),
        (
            "missing-author/de_forum_user_by_post_date.txt",
            json!(["gartenzwerg77", "text", 6]),
            json!(["2023-04-03", "text", 5]),
        ),
        (
            "missing-author/en_signoff_over_dated_names.txt",
            json!(["Chris Waters", "text", 11]),
            json!(["2008-06-26", "text", 11]),
        ),
        (
            "missing-author/de_byline_under_standfirst_and_caption.txt",
            json!(["Kathrin Vogt", "text", 19]),
            json!(["2022-11-22", "text", 20]),
        ),
        (
            "missing-date/en_cookie_notice_over_headline.txt",
            Value::Null,
            json!(["2023-06-14", "text", 15]),
        ),
        (
            "missing-author/de_name_with_agency_in_brackets.txt",
            json!(["Tobias Krämer", "text", 3]),
            json!(["2023-08-21", "text", 4]),
        ),
    ];
    for (path, author, date) in cases {
        let doc = &fixture_meta(&format!("metadata/{path}"));
        assert_eq!(cell(doc, "author"), author, "{path}");
        assert_eq!(cell(doc, "date"), date, "{path}");
    }
}

/// A site's name over its menu, which the copyright line repeats, is neither the title of
/// its page nor its author: the headline under them is the title.
#[test]
fn the_sites_name_is_no_title_and_no_author() {
    for (path, title) in [
        (
            "missing-author/en_personal_site_copyright.txt",
            "What a year of code review taught me",
        ),
        (
            "missing-author/en_copyright_of_an_outlet.txt",
            "Harbour bridge to close for repairs in spring",
        ),
    ] {
        let doc = &fixture_meta(&format!("metadata/{path}"));
        assert_eq!(cell(doc, "title"), json!([title, "text", 5]), "{path}");
        assert_eq!(cell(doc, "author"), Value::Null, "{path}");
    }
}

/// Capitalised words and a number (`Tesla Model 3 vorgestellt`) make a headline, not a name
/// beside an age; a reading time (`Lesezeit: 3 Min.`) is no headline, and neither it nor
/// the menu's one-word entries keep the headline under them from being found.
#[test]
fn headlines_among_numbers_menus_and_reading_times_are_titles() {
    for (path, title, line) in [
        (
            "missing-author/de_headline_with_a_number.txt",
            "Tesla Model 3 vorgestellt",
            5,
        ),
        (
            "missing-date/de_date_over_reading_time_and_headline.txt",
            "Klimaschutz: Regierung beschließt neues Gesetz",
            9,
        ),
        (
            "missing-date/de_latest_articles_box_over_headline.txt",
            "Neue Verkehrsregeln beschlossen",
            7,
        ),
    ] {
        let doc = &fixture_meta(&format!("metadata/{path}"));
        assert_eq!(cell(doc, "title"), json!([title, "text", line]), "{path}");
    }
}

/// On a page, the headline stands apart (between blank lines, under a breadcrumb, over
/// the byline); a line stuck to the menu that reads as a headline, a section's name or a
/// short kicker over the headline, a blog's name over the date and the headline, are the
/// site's.
#[test]
fn the_headline_of_a_page_stands_apart() {
    for (path, title, line, author) in [
        (
            "missing-title/en_headline_under_a_promotion.txt",
            "Council approves the new river crossing after years of debate",
            9,
            json!(["Martha Quinn", "text", 11]),
        ),
        (
            "missing-title/en_section_name_over_headline.txt",
            "Council approves the new river crossing after years of debate",
            9,
            Value::Null,
        ),
        (
            "missing-title/en_headline_over_author_under_breadcrumb.txt",
            "Council approves the new river crossing after years of debate",
            4,
            json!(["Martha Quinn", "text", 5]),
        ),
        (
            "missing-title/en_kicker_over_headline.txt",
            "Teenager rescued after two days lost in the mountains",
            9,
            Value::Null,
        ),
        (
            "missing-title/en_blog_name_over_date_and_headline.txt",
            "A new open toolchain for small programmable logic chips",
            5,
            json!(["Nora Lindqvist", "text", 13]),
        ),
        (
            // The site's name over its menu over the headline.
            "../chrome/boilerplate-phrase/de_text_and_photo_byline.txt",
            "Straßenbahn soll bis ins neue Wohngebiet fahren",
            8,
            json!(["Anna Schmidt", "text", 10]),
        ),
    ] {
        let doc = &fixture_meta(&format!("metadata/{path}"));
        assert_eq!(cell(doc, "title"), json!([title, "text", line]), "{path}");
        assert_eq!(cell(doc, "author"), author, "{path}");
    }
}

/// A Markdown document is titled by the heading it opens with, read as shown, and its
/// section headings date nothing: a changelog's latest release is not its date, even in a
/// `.txt` file that is Markdown source.
#[test]
fn markdown_and_html_documents_are_titled_by_their_markup() {
    for (path, title, date) in [
        (
            "metadata/missing-title/markdown_heading_with_badges.md",
            json!(["harbourctl", "text", 1]),
            Value::Null,
        ),
        (
            "chrome/outside-article/markdown_changelog.txt",
            json!(["Harbour 3 ChangeLog", "text", 1]),
            Value::Null,
        ),
        // An HTML page kept with its markup, by its `<title>`.
        (
            "metadata/missing-title/html_page_with_markup.txt",
            json!(["Harbourctl — Frequently Asked Questions", "text", 6]),
            Value::Null,
        ),
    ] {
        let doc = &fixture_meta(path);
        assert_eq!(cell(doc, "title"), title, "{path}");
        assert_eq!(cell(doc, "date"), date, "{path}");
    }
}

/// A memo's header in columns gives its authors, date and centred title, not its first
/// line as a headline.
#[test]
fn a_memo_header_in_columns_gives_authors_date_and_title() {
    let doc = &fixture_meta("metadata/missing-author/memo_header_in_columns.txt");
    assert_eq!(
        cell(doc, "author"),
        json!(["A. Lindqvist, J. R. Okafor", "text", 1])
    );
    assert_eq!(cell(doc, "date"), json!(["2021-03-07", "text", 4]));
    assert_eq!(
        cell(doc, "title"),
        json!(["Ferry Timetables in Plain Text Files", "text", 7])
    );
}

/// Byline labels and month names of the user's, in a file the configuration names, are
/// read beside the built-in ones.
#[test]
fn user_files_add_byline_labels_and_month_names() {
    let dir = tempfile::tempdir().expect("tempdir");
    let page = "Sekolah baru dibuka di desa\n\nOleh Siti Rahma\nDiterbitkan 7 Maret 2021\n\nSekolah baru itu dibuka pada hari Senin dan menerima dua ratus murid dari desa-desa di sekitarnya, kata kepala sekolah kepada wartawan.\n";
    std::fs::write(dir.path().join("page.txt"), page).expect("write page");
    let page = dir.path().join("page.txt");
    let page = page.to_str().expect("utf-8 path");
    let before = meta_json(&["--isolated", page]);
    assert_eq!(cell(&before["documents"][0], "author"), Value::Null);
    assert_eq!(cell(&before["documents"][0], "date"), Value::Null);

    // `Oleh` takes a name after a space, as `By` does; `Diterbitkan` labels the date.
    let data = r#"
name_labels = ["oleh"]

[labels]
author = ["oleh"]
date = ["diterbitkan"]

[[language]]
code = "id"
order = "dmy"
months = [
    ["jan", "januari"], ["feb", "februari"], ["mar", "maret"], ["apr", "april"],
    ["mei"], ["jun", "juni"], ["jul", "juli"], ["agu", "agustus"],
    ["sep", "september"], ["okt", "oktober"], ["nov", "november"], ["des", "desember"],
]
"#;
    std::fs::write(dir.path().join("bylines.toml"), data).expect("write data");
    std::fs::write(
        dir.path().join("corpuslint.toml"),
        "[metadata]\ndata_files = [\"bylines.toml\"]\n",
    )
    .expect("write config");
    let config = dir.path().join("corpuslint.toml");
    let after = meta_json(&["--config", config.to_str().expect("utf-8 path"), page]);
    let doc = &after["documents"][0];
    assert_eq!(cell(doc, "author"), json!(["Siti Rahma", "text", 3]));
    assert_eq!(cell(doc, "date"), json!(["2021-03-07", "text", 4]));
}

/// A data file whose language does not list twelve months is a configuration error that
/// points into it.
#[test]
fn a_data_file_with_eleven_months_is_a_configuration_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("bylines.toml"),
        "[[language]]\ncode = \"xx\"\nmonths = [[\"a\"], [\"b\"]]\n",
    )
    .expect("write data");
    std::fs::write(
        dir.path().join("corpuslint.toml"),
        "[metadata]\ndata_files = [\"bylines.toml\"]\n",
    )
    .expect("write config");
    std::fs::write(dir.path().join("page.txt"), "Some text.\n").expect("write page");
    let output = Command::cargo_bin("corpuslint")
        .expect("binary")
        .current_dir(dir.path())
        .args(["meta", "page.txt"])
        .output()
        .expect("run corpuslint meta");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("bylines.toml"), "{stderr}");
    assert!(stderr.contains("12 months"), "{stderr}");
}

/// In a document with nothing of a page, the `Author:` of each commit of a log is a
/// record's, and a name far down a copyright file a part's; a help file's author at its
/// top stays its author, whatever names its history credits.
#[test]
fn records_and_parts_name_no_author_of_the_whole() {
    for path in [
        "metadata/missing-author/git_log_of_commits.txt",
        "metadata/missing-author/copyright_file_part_authors.txt",
    ] {
        assert_eq!(cell(&fixture_meta(path), "author"), Value::Null, "{path}");
    }
    let help = fixture_meta("metadata/missing-author/help_file_author_then_credits.txt");
    assert_eq!(cell(&help, "author"), json!(["Rosa Lindgren", "text", 5]));
}
