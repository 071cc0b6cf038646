use super::title::is_breadcrumb;
use super::*;

fn infer_text(text: &str, skip: &[usize]) -> Inferred {
    infer_named("t.txt", text, skip)
}

fn infer_named(name: &str, text: &str, skip: &[usize]) -> Inferred {
    let doc = Document::from_bytes(name.into(), text.as_bytes().to_vec());
    let data = MetadataData::for_tests();
    let layout = PageLayout::default;
    infer(
        &doc,
        &skip.iter().copied().collect(),
        &FxHashSet::default(),
        data,
        &layout,
        &LineMemo::default(),
    )
}

#[test]
fn reads_title_and_byline() {
    let text = "Menu\nDeveloping ICT key to securing cyberspace\n\nBy Lang Ping | China Daily | Updated: 2019-04-22 08:04\n\nChina's national security authorities recently exposed three cyber espionage cases in the past year.\n";
    let inferred = infer_text(text, &[0]);
    assert_eq!(
        inferred.title.as_ref().map(|t| t.value.as_str()),
        Some("Developing ICT key to securing cyberspace")
    );
    assert_eq!(
        inferred.author.as_ref().map(|t| t.value.as_str()),
        Some("Lang Ping")
    );
    assert_eq!(
        inferred.source.as_ref().map(|t| t.value.as_str()),
        Some("China Daily")
    );
    let date = inferred
        .publication_date()
        .and_then(|d| d.date)
        .map(|d| d.to_string());
    assert_eq!(date.as_deref(), Some("2019-04-22"));
    assert_eq!(inferred.first_byline, Some(3));
}

#[test]
fn a_date_with_its_weekday_and_time_is_no_title() {
    // A headline may hold a date without a time.
    for (text, title) in [
        (
            "Sunday, Feb 1, 2015 11:57 AM UTC\n\nThe sharing economy and the truth about it\n\nThe city council approved new rules on Monday that affect many commuters.\n",
            "The sharing economy and the truth about it",
        ),
        (
            "The Licence, Version 2, 3 June 2015\n\nThe council approved new rules on Monday.\n",
            "The Licence, Version 2, 3 June 2015",
        ),
    ] {
        let found = infer_text(text, &[]).title.map(|t| t.value);
        assert_eq!(found.as_deref(), Some(title), "{text}");
    }
}

#[test]
fn body_text_is_no_title() {
    let text = "China firmly opposed the UK's irresponsible and groundless smear that the Chinese government is sponsoring hackers, a spokesperson said.\nMore text here.\n";
    assert_eq!(infer_text(text, &[]).title, None);
}

#[test]
fn datelines_name_the_source() {
    let text = "A headline for the story\nBy Jane Doe\n\nLONDON (Reuters) — The government said on Monday that it would act.\n";
    let inferred = infer_text(text, &[]);
    assert_eq!(inferred.source.map(|s| s.value).as_deref(), Some("Reuters"));
    let text = "A headline\n\nKRAKÓW (AP) - Officials said the bridge would reopen soon.\n";
    assert_eq!(
        infer_text(text, &[]).source.map(|s| s.value).as_deref(),
        Some("AP")
    );
    let text =
        "A headline\n\nSAN JOSE, California (AP) - Officials said the bridge would reopen.\n";
    assert_eq!(
        infer_text(text, &[]).source.map(|s| s.value).as_deref(),
        Some("AP")
    );
    // Places in capitalised words, with a second place or a day; agencies' own forms.
    for (line, source) in [
        (
            "Berlin/Brüssel (dpa) – Die Minister einigten sich am Abend auf einen Kompromiss.",
            "dpa",
        ),
        (
            "Frankfurt/Main (dpa/lhe) - Der Flughafen meldete am Montag mehr Passagiere.",
            "dpa/lhe",
        ),
        (
            "Madrid, 7 mar (EFE).- El Gobierno aprobó este martes el nuevo plan de vivienda.",
            "EFE",
        ),
        (
            "Paris (AFP) - Le gouvernement a présenté mardi son plan pour le logement.",
            "AFP",
        ),
    ] {
        let text = format!("A headline\n\n{line}\n");
        assert_eq!(
            infer_text(&text, &[]).source.map(|s| s.value).as_deref(),
            Some(source),
            "{line}"
        );
    }
    // An item of a list in a README: no sentence after the dash.
    let text = "Supported platforms\n\nLinux (x86_64) - tested on every release\n";
    assert_eq!(infer_text(text, &[]).source, None);
    // A line of capitals longer than any place is a shouted sentence, not a dateline.
    let text = "A headline\n\nTHE COUNCIL WILL NOT REOPEN THE BRIDGE BEFORE THE SPRING FLOODS ARE OVER (AP) - It said so.\n";
    assert_eq!(infer_text(text, &[]).source, None);
}

#[test]
fn published_dates_win_over_updated_ones() {
    let inferred = infer_text(
        "Title of the piece\nUpdated: 2020-02-02\nPublished: 2020-01-01\n",
        &[],
    );
    let date = inferred
        .publication_date()
        .and_then(|d| d.date)
        .map(|d| d.to_string());
    assert_eq!(date.as_deref(), Some("2020-01-01"));
}

#[test]
fn a_date_written_as_code_is_the_examples() {
    let text = "# Shrinking\n\nAt last the run ends on the date `0000-10-01`, which the parser reads\n\nPublished: `2020-01-01`\n";
    let dates = |name| -> Vec<String> {
        infer_named(name, text, &[])
            .dates
            .iter()
            .map(|d| d.text.clone())
            .collect()
    };
    assert_eq!(dates("notes.md"), [] as [String; 0]);
    // In plain text, a backtick is a character like another.
    assert_eq!(dates("notes.txt"), ["0000-10-01", "2020-01-01"]);
}

#[test]
fn a_date_in_a_sentence_wrapped_onto_the_next_line_is_prose() {
    let line =
        "Changes\n\n- a \"0\" in the expiry field will be treated as a date of Jan 1, 1970\n";
    let dates = |text: &str| -> Vec<String> {
        infer_text(text, &[])
            .dates
            .iter()
            .map(|d| d.text.clone())
            .collect()
    };
    assert_eq!(dates(line), ["Jan 1, 1970"]);
    let wrapped =
        format!("{line}  instead of a value that never expires, so these users cannot log in.\n");
    assert_eq!(dates(&wrapped), [] as [String; 0]);
    // A byline over a line of its own stays one.
    let byline = format!("{line}  Instead of a value that never expires, it is the first day.\n");
    assert_eq!(dates(&byline), ["Jan 1, 1970"]);
}

#[test]
fn a_revision_date_away_from_the_author_is_no_publication_date() {
    let body = "The council presented a new plan on Wednesday to extend the network of cycle lanes across the city centre.\n";
    let alone = infer_text(
        &format!("Title of the piece\n\nLast updated: January 7, 2025\n\n{body}"),
        &[],
    );
    assert_eq!(alone.publication_date(), None);
    let in_byline = infer_text(
        &format!("Title of the piece\n\nBy Jane Doe\nUpdated: January 7, 2025\n\n{body}"),
        &[],
    );
    let date = in_byline.publication_date().and_then(|d| d.date);
    assert_eq!(date.map(|d| d.to_string()).as_deref(), Some("2025-01-07"));
}

#[test]
fn a_headline_with_a_colon_over_fields_is_a_title() {
    let inferred = infer_text(
        "Radwege: Stadt legt neuen Ausbauplan vor\n\nFoto: Peter Müller\nDatum: 07.03.2021\n\nDie Stadtverwaltung hat am Mittwoch einen neuen Plan für den Ausbau der Radwege vorgestellt.\n",
        &[],
    );
    assert_eq!(
        inferred.title.as_ref().map(|t| t.value.as_str()),
        Some("Radwege: Stadt legt neuen Ausbauplan vor")
    );
    let date = inferred.publication_date().and_then(|d| d.date);
    assert_eq!(date.map(|d| d.to_string()).as_deref(), Some("2021-03-07"));
    let record = infer_text(
        "Format: https://example.org/copyright-format/1.0/\n\nFiles: *\nCopyright: 2004 Jane Doe\nLicense: BSD-2-clause\n",
        &[],
    );
    assert_eq!(record.title, None);
}

#[test]
fn a_reading_time_is_no_title() {
    let inferred = infer_text(
        "7. März 2021, 14:32 Uhr\n\nLesezeit: 3 min\n\nRadwege: Stadt legt neuen Ausbauplan vor\n\nVon Anna Schmidt\n\nDie Stadtverwaltung hat am Mittwoch einen neuen Plan für den Ausbau der Radwege vorgestellt.\n",
        &[],
    );
    assert_eq!(
        inferred.title.as_ref().map(|t| t.value.as_str()),
        Some("Radwege: Stadt legt neuen Ausbauplan vor")
    );
}

#[test]
fn a_breadcrumb_is_no_title() {
    let inferred = infer_text(
        "Forum > Haus und Garten > Rasen\n\nMoos im Rasen nach dem nassen Winter\n\n03.04.2023, 18:12\ngartenzwerg77\n\nNach dem nassen Winter ist mein Rasen an den schattigen Stellen fast komplett vom Moos überwuchert.\n",
        &[],
    );
    assert_eq!(
        inferred.title.as_ref().map(|t| t.value.as_str()),
        Some("Moos im Rasen nach dem nassen Winter")
    );
    assert!(!is_breadcrumb(
        "Ergebnis > Erwartung: Umsatz steigt um 8 Prozent"
    ));
    assert!(is_breadcrumb("Home › News › Local"));
}

#[test]
fn dates_and_names_of_comments_are_not_the_articles() {
    let page = "Radwege: Stadt legt neuen Ausbauplan vor\n\nVon Anna Schmidt\n\nDie Stadtverwaltung hat am Mittwoch einen neuen Plan für den Ausbau der Radwege vorgestellt, teilte die Behörde mit.\n\nKritiker bemängeln, dass die Finanzierung noch nicht gesichert sei und der Rat erst im Herbst entscheidet.\n\nKommentare (2)\n\nPeter K. schrieb am 09.03.2021 um 11:02\nEndlich passiert etwas!\n\nMaria Lang - 10.03.2021 um 08:15\nDas wurde auch Zeit.\n";
    // Line 8, `Kommentare (2)`, is chrome.
    let inferred = infer_text(page, &[8]);
    assert_eq!(
        inferred.author.as_ref().map(|a| a.value.as_str()),
        Some("Anna Schmidt")
    );
    assert_eq!(inferred.publication_date(), None);
}

#[test]
fn a_menu_of_single_words_does_not_hide_the_headline() {
    let inferred = infer_text(
        "Portada\nInternacional\nEspaña\nEconomía\n\nLa ciudad presenta un nuevo plan de carriles bici\n\nEl Ayuntamiento presentó el miércoles un nuevo plan para ampliar los carriles bici de la ciudad.\n",
        &[],
    );
    assert_eq!(
        inferred.title.as_ref().map(|t| t.value.as_str()),
        Some("La ciudad presenta un nuevo plan de carriles bici")
    );
    // Code and markup count: `{` or `::` is no menu.
    let code = infer_text("{\n[\n::\n}\n]\n\"Models\": [\n", &[]);
    assert_eq!(code.title, None);
}

#[test]
fn a_numeric_date_is_no_list_marker() {
    let inferred = infer_text(
        "Město představilo nový plán\n\nJan Novák\n7. 3. 2021 9:15\n\nRadnice ve středu představila nový plán na rozšíření sítě cyklostezek ve městě.\n",
        &[],
    );
    let date = inferred.publication_date().and_then(|d| d.date);
    assert_eq!(date.map(|d| d.to_string()).as_deref(), Some("2021-03-07"));
}

#[test]
fn empty_labels_are_collected() {
    let inferred = infer_text(
        "A title here\nBy\nSome body text that goes on for a while and ends.\nSource of documents:\n",
        &[],
    );
    let labels: Vec<_> = inferred
        .empty
        .iter()
        .map(|(l, line, _)| (*l, *line))
        .collect();
    assert_eq!(labels, [(Label::Author, 1), (Label::Source, 3)]);
}

#[test]
fn a_name_a_blank_line_under_by_is_its_value_and_anything_else_is_not() {
    let empty = |text: &str| infer_text(text, &[]).empty.len();
    let title_page = "                THE HARBOUR TOWN\n\n                       BY\n\n                  ANN EXAMPLE\n\n\
                      It was late in the autumn when the coach came down the hill into the town.\n";
    assert_eq!(empty(title_page), 0);
    let lost = "Library to stay open late\n\nBy\n\nThe council voted on Tuesday to keep the library open until nine.\n";
    assert_eq!(empty(lost), 1);
}

#[test]
fn a_label_over_code_introduces_the_code() {
    let empty = |name, text| infer_named(name, text, &[]).empty.len();
    let manual =
        "# Merging\n\nSource of the example:\n\n```\n{ 'include_dirs': ['include'] }\n```\n";
    assert_eq!(empty("merging.md", manual), 0);
    let lost = "# Merging\n\nSource of the example:\n\nThe council voted on Tuesday to keep the library open until nine.\n";
    assert_eq!(empty("merging.md", lost), 1);
}
