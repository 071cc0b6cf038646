use super::*;
use crate::document::Document;
use crate::rules::chrome::analysis::{Enabled, run_on};

#[test]
fn entries_keep_their_key_and_sort_as_key_then_folder() {
    let keys = [
        0,
        1,
        u128::MAX,
        1 << 96,
        (1 << 64) + 7,
        0x0123_4567_89ab_cdef << 40,
    ];
    let mut pairs: Vec<(u128, usize)> = keys.iter().flat_map(|&key| [(key, 3), (key, 0)]).collect();
    let mut entries: Vec<Entry> = pairs.iter().map(|&(k, f)| Entry::new(k, f)).collect();
    pairs.sort_unstable();
    entries.sort_unstable();
    let back: Vec<(u128, usize)> = entries
        .iter()
        .map(|e| (e.key(), e.folder as usize))
        .collect();
    assert_eq!(back, pairs);
}

/// The lines of `shared` that are site template when four files hold them, each
/// after a body paragraph of its own.
fn template(shared: &str) -> Vec<String> {
    let body = |n: usize| {
        format!("Story {n} of the council, which voted on Tuesday to extend the opening hours.\n")
    };
    template_in("txt", body, shared)
        .into_iter()
        .map(|(line, _)| line)
        .collect()
}

/// The lines of the first of four files (`site/N.extension`, each `body(N)` then
/// `shared`) that are site template, and whether the safe fix deletes each.
fn template_in(
    extension: &str,
    body: impl Fn(usize) -> String,
    shared: &str,
) -> Vec<(String, bool)> {
    let documents = (0..4)
        .map(|n| {
            let text = format!("{}\n{shared}", body(n));
            Document::from_bytes(format!("site/{n}.{extension}").into(), text.into_bytes())
        })
        .collect();
    let (corpus, analysis) = run_on(documents, Enabled::of(&[&RULE]));
    let doc = &corpus.documents[0];
    analysis
        .runs
        .iter()
        .filter(|r| r.doc == 0)
        .flat_map(|r| &r.lines)
        .map(|l| (l.text(doc).trim().to_string(), l.strong))
        .collect()
}

#[test]
fn the_safe_fix_keeps_what_documents_written_by_hand_share() {
    let shared = "X Consortium Standard\n\nX Version 11, Release 7.7\n";
    // Pages, their paragraphs one per line: the safe fix deletes the template.
    let page = |n: usize| {
        format!(
            "Story {n} of the council, which voted on Tuesday to extend the opening hours of the library.\n"
        )
    };
    assert_eq!(
        template_in("txt", page, shared),
        [
            ("X Consortium Standard".to_string(), true),
            ("X Version 11, Release 7.7".to_string(), true)
        ]
    );
    // Specifications hard-wrapped by hand: reported, deleted by the unsafe fix only.
    let specification = |n: usize| {
        format!(
            "Extension {n} is designed to associate and access auxiliary rendering\n\
             buffers with an X drawable, and to let a client ask the server for the\n\
             buffers it has, the way the core protocol asks for its windows.\n"
        )
    };
    assert_eq!(
        template_in("txt", specification, shared),
        [
            ("X Consortium Standard".to_string(), false),
            ("X Version 11, Release 7.7".to_string(), false)
        ]
    );
    // Their sections are numbered alike: their own, on a page the site's.
    let sections = "1. Introduction\n\nA.4 Protocol Errors\n";
    assert!(template_in("txt", specification, sections).is_empty());
    assert_eq!(template_in("txt", page, sections).len(), 2);
}

#[test]
fn in_markdown_the_safe_fix_deletes_a_list_of_links_only_when_all_of_it_is_template() {
    let body = |n: usize| format!("# Command {n}\n\nRuns command {n} of the tool.\n");
    // A menu repeats whole.
    let menu = "* [Home](/)\n* [Docs](/docs)\n";
    assert!(
        template_in("md", body, menu)
            .iter()
            .all(|&(_, strong)| strong)
    );
    // Each page of a manual links to some pages of its own besides those others link to.
    let see_also = |n: usize| {
        format!(
            "# Command {n}\n\nRuns command {n} of the tool.\n\n## See also\n\n* [command {n}](/commands/{n})"
        )
    };
    let found = template_in("md", see_also, "* [config](/commands/config)\n");
    assert_eq!(found, [("* [config](/commands/config)".to_string(), false)]);
}

#[test]
fn menus_taglines_and_bullets_are_template() {
    assert_eq!(
        template("Valley Gazette, local news\n\n*\n"),
        ["Valley Gazette, local news", "*"]
    );
    assert_eq!(
        template("Log in\n\nTerms of Use\n"),
        ["Log in", "Terms of Use"]
    );
    // A menu flattened to a line, its entries a few spaces apart.
    assert_eq!(
        template("Home  Politics  Local\n\nNews   Sport   Weather\n"),
        ["Home  Politics  Local", "News   Sport   Weather"]
    );
    // Indented lines are template in a run of template lines, as a footer is.
    assert_eq!(
        template("  Valley Gazette\n  Contact the newsroom\n"),
        ["Valley Gazette", "Contact the newsroom"]
    );
    assert_eq!(
        template("© 2024 The Daily Ledger. All rights reserved.\n"),
        ["© 2024 The Daily Ledger. All rights reserved."]
    );
}

#[test]
fn sentences_code_headings_and_structure_are_not() {
    for shared in [
        "at your option.\n",
        "but WITHOUT ANY WARRANTY; without even the implied warranty of\n",
        "This program is distributed in the hope that it will be useful.\n",
        "Add this to your Cargo.toml file:\n",
        "```toml\n\n[dependencies]\n\nserde = \"1\"\n\n}\n\nOk(())\n",
        "## License\n",
        "Release highlights\n------------------\n",
        "1      CARD8      opcode\n\n24            unused\n",
        "License\n\nThis program is free software: you can redistribute it under the terms of the licence.\n",
        ".\n\n---\n",
        "Licensed under either of\n",
        "  * New upstream release.\n",
        "Files: *\n",
        "Copyright:\n 2020 Jane Doe\n",
        "   END OF TERMS AND CONDITIONS\n",
    ] {
        let found = template(shared);
        assert!(found.is_empty(), "{shared:?}: {found:?}");
    }
}

#[test]
fn a_label_a_document_written_by_hand_repeats_or_a_field_of_a_manual_is_its_own() {
    let body = |n: usize| {
        format!(
            "Extension {n} is designed to associate and access auxiliary rendering\n\
             buffers with an X drawable, and to let a client ask the server for the\n\
             buffers it has, the way the core protocol asks for its windows.\n"
        )
    };
    // `Contents` at the head of each chapter of every specification.
    let chapters = "Chapter 1\n\nContents\n\nChapter 2\n\nContents\n";
    let found: Vec<String> = template_in("txt", body, chapters)
        .into_iter()
        .map(|(line, _)| line)
        .collect();
    assert!(!found.contains(&"Contents".to_string()), "{found:?}");
    // Each page of a manual describes its options with the same fields.
    let page = |n: usize| format!("# Command {n}\n\nRuns command {n} of the tool.\n\n## Options\n");
    let fields = "* Default: false\n* Type: Boolean\n";
    assert_eq!(template_in("md", page, fields), []);
}

#[test]
fn the_section_heads_of_manual_pages_are_their_own() {
    let manual = |n: usize| {
        format!(
            "NAME\n       tool{n} - copy files and folders\n\n\
             DESCRIPTION\n       Tool {n} copies each file named on its command line to the\n       \
             folder named last, and folders with all their files when asked to.\n\n\
             SEE ALSO\n       tool{}(1)\n",
            n + 1
        )
    };
    let found = template_in("txt", manual, "\n");
    assert!(found.is_empty(), "{found:?}");
    // A page too short to show its prose hard-wrapped heads its sections alike.
    let short = |n: usize| {
        format!(
            "NAME\n       yes{n} - output a string repeatedly\n\nSYNOPSIS\n       yes{n} [STRING]\n"
        )
    };
    let found = template_in("txt", short, "\n");
    assert!(found.is_empty(), "{found:?}");
    // A heading over an indented list of links is a menu's, in such a document too.
    let found: Vec<String> = template_in("txt", manual, "Related\n   * Other tools\n")
        .into_iter()
        .map(|(line, _)| line)
        .collect();
    assert_eq!(found, ["Related", "* Other tools"]);
}
