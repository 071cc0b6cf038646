use super::*;
use crate::rules::chrome::analysis::found_lines;

fn found(text: &str) -> Vec<usize> {
    found_lines(text, &[&RULE])
}

use crate::rules::chrome::article::TEST_ARTICLE;

const BODY: &str = "The council voted on Tuesday to extend the library's opening hours through the winter months.\n";

#[test]
fn a_table_of_contents_is_the_documents_own_outline_when_it_names_its_sections() {
    let entries = "Contents\n  * 1 History\n  * 2 Harbour\n  * 3 Transport\n";
    // Entries that name nothing below: a page's box of links.
    assert_eq!(found(&format!("{entries}\n{BODY}")), [1]);
    let sections = format!("{entries}\nHistory\n\n{BODY}\nHarbour\n\n{BODY}");
    assert_eq!(found(&sections), [] as [usize; 0]);
    // An outline of one entry, over text whose wrapped lines are short.
    let short_lines =
        "This extension provides a number of new capabilities and controls for text\nkeyboards.\n";
    assert_eq!(
        found(&format!(
            "Table of Contents\n\nConventions\n\n{short_lines}\nConventions\n\n{BODY}"
        )),
        [] as [usize; 0]
    );
    // Underlined: a section heading of a plain-text document.
    assert_eq!(
        found(&format!(
            "Contents\n--------\n\n  harbourd   The scheduler daemon\n\n{BODY}"
        )),
        [] as [usize; 0]
    );
}

#[test]
fn a_phrase_matches_a_line_that_stands_alone() {
    assert_eq!(found(&format!("{BODY}\nRead more\n")), [3]);
    // The end of a wrapped sentence, and its start.
    assert_eq!(
        found("Readers who want the whole story can turn the page to read\nmore.\n"),
        [] as [usize; 0]
    );
    assert_eq!(
        found("It was shown in Paris and in\nEnglish.\n"),
        [] as [usize; 0]
    );
    assert_eq!(
        found(
            "We wrote this under licence, with the archives in the directory\narchives in directory macros/latex; either\nversion 1 of it.\n"
        ),
        [] as [usize; 0]
    );
    assert_eq!(
        found(
            "Copyright (C) 1989, 1991 Free Software Foundation, Inc.,\n51 Franklin Street, Boston\n"
        ),
        [] as [usize; 0]
    );
    // A line indented under a list item goes on with it.
    assert_eq!(
        found(&format!(
            "{BODY}\n  * Added the licence text.\n    Retrieved from https://example.org/licence.txt\n"
        )),
        [] as [usize; 0]
    );
    // A term over its indented description, a heading over its nested list.
    assert_eq!(
        found(
            "* Changed commands\n\nprint\n  Printing of floating-point values now shows the bytes\n  of the value.\n"
        ),
        [] as [usize; 0]
    );
    assert_eq!(
        found(&format!(
            "{BODY}\n* Language\n\n    * `for` loops now operate on the iterator trait, which removes\n      the need to call a method to iterate over collections, with some subtleties.\n"
        )),
        [] as [usize; 0]
    );
    // Changes of a line each, written as sentences (not teaser titles).
    assert_eq!(
        found(&format!(
            "{BODY}\n* Language\n    * A new process is now in place for changing the language.\n    * Patterns with pointers have been removed from the language.\n"
        )),
        [] as [usize; 0]
    );
    assert_eq!(
        found(
            "# Tool\n\nTable of contents:\n\n* [Usage](#usage)\n* [Licence](#licence)\n\n## Usage\n"
        ),
        [] as [usize; 0]
    );
    // A list item starts a unit of its own.
    assert_eq!(
        found("Readers who want the whole story can turn the page to find\n* reply\n\n* Share\n"),
        [2, 4]
    );
}

#[test]
fn phrases_that_need_context_are_chrome_beside_chrome_in_menus_and_footers() {
    // At the top of a licence, before its body: content.
    let licence = format!(
        "Copyright (C) 2007 Free Software Foundation, Inc.\n\n{BODY}\nTERMS AND CONDITIONS\n\n{BODY}"
    );
    assert_eq!(found(&licence), [] as [usize; 0]);
    // Beside an unambiguous phrase.
    assert_eq!(
        found(&format!("{BODY}\nFOLLOW US\n\nPrivacy Policy\n\n{BODY}")),
        [3, 5]
    );
    // In a menu of short labels.
    assert_eq!(found(&format!("Home\nWorld\nJobs\nHelp\n\n{BODY}")), [3, 4]);
    // A button repeated down the page.
    assert_eq!(
        found(&format!("{BODY}\nReply\n\n{BODY}\nReply\n\n{BODY}")),
        [3, 7]
    );
    // After the last body paragraph of a page; a note that ends a document that is no
    // page is its own.
    assert_eq!(
        found(&format!("{TEST_ARTICLE}\n© 2024 The Daily Ledger\n")),
        [13]
    );
    assert_eq!(
        found(&format!("{BODY}\n© 2024 The Daily Ledger\n")),
        [] as [usize; 0]
    );
    // Not a list of copyright holders, nor indented licence text.
    let holders = "Copyright 1987 Adobe Systems Inc.\nCopyright 1990, David Koblas\nCopyright 1994 Sun Microsystems, Inc.\n";
    assert_eq!(found(&format!("{BODY}\n{holders}")), [] as [usize; 0]);
    assert_eq!(
        found(&format!("{BODY}\n   All rights reserved.\n")),
        [] as [usize; 0]
    );
    // A field label is not a button, however often it comes.
    assert_eq!(
        found(&format!(
            "Comment:\n some text here\n\n{BODY}\nComment:\n more text\n\n{BODY}"
        )),
        [] as [usize; 0]
    );
}

#[test]
fn a_button_alone_in_a_list_of_names_is_chrome_only_in_a_page() {
    // Alone among short lines that no phrase matches, a button's name is one name of a
    // list (sponsors in a THANKS file), unless the document is a page.
    let sponsors = "Cryptotronix\nFacebook\nFSF France\nMaidSafe\n";
    assert_eq!(found(&format!("{BODY}\n{sponsors}")), [] as [usize; 0]);
    assert_eq!(found(&format!("{sponsors}\n{TEST_ARTICLE}")), [2]);
    // Beside other buttons it is one of them; in a list, an entry of a menu.
    let buttons = "Cryptotronix\nFacebook\nTwitter\nMaidSafe\n";
    assert_eq!(found(&format!("{BODY}\n{buttons}")), [4, 5]);
    let menu = "* Projects\n* Colophon\n* Twitter\n* Sponsorship\n";
    assert_eq!(found(&format!("{BODY}\n{menu}")), [5]);
    // The heading of a list of links heads titles that no phrase matches.
    let teasers = "Most read\nThe council votes\nA new library\nWinter hours\n";
    assert_eq!(found(&format!("{BODY}\n{teasers}")), [3]);
}

#[test]
fn a_lower_case_name_over_its_entries_is_a_label_but_in_a_page() {
    // Release notes group their changes by command: `login:` heads the changes to
    // `login`, not a sign-in link.
    let notes = format!("{BODY}\nlogin:\n   - fix the lastlog update\nmount:\n   - add a flag\n");
    assert_eq!(found(&notes), [] as [usize; 0]);
    assert_eq!(found(&format!("{BODY}\nLogin:\n")), [3]);
    assert_eq!(found(&format!("login:\n\n{TEST_ARTICLE}")), [1]);
    // A list of a tool's command names, one a line, is no menu of buttons.
    let commands = "get-logs\ngit-helper\nhelp\nimport\ninfo\n";
    assert_eq!(found(commands), [] as [usize; 0]);
    assert_eq!(found(&format!("{commands}\n{TEST_ARTICLE}")), [3]);
}

/// Prose hard-wrapped, as a person writes it.
const WRAPPED: &str = "The proxy saves the data it is sent the first time, so that later requests\n\
                       can send only the tag that refers to that same data, and the server keeps\n\
                       track of which tags are known to the proxy at any time.\n";

#[test]
fn a_document_laid_out_by_hand_heads_its_sections_in_its_own_words() {
    // `Tags` over prose: a page's box of links on a page, a heading in wrapped text.
    let page = format!("{BODY}\nTags\n\n{BODY}");
    assert_eq!(found(&page), [3]);
    assert_eq!(
        found(&format!("{WRAPPED}\nTags\n\n{WRAPPED}")),
        [] as [usize; 0]
    );
    // A sentence that introduces an example.
    let example =
        format!("{WRAPPED}\nTags or revisions can be installed like so:\n\n    pip install .\n");
    assert_eq!(found(&example), [] as [usize; 0]);
    // A line over lines indented under it: a program's menu, a NEWS file's section.
    let menu = format!(
        "{WRAPPED}\nHelp\n  About IDLE       # help_about\n  Python Docs      # python_docs\n"
    );
    assert_eq!(found(&menu), [] as [usize; 0]);
    let news = "Overview of changes in 3.24\n===========================\n\n* Accessibility\n - Make entry icons accessible\n\nOverview of changes in 3.22\n===========================\n\n* Accessibility\n - Label the buttons\n";
    assert_eq!(found(news), [] as [usize; 0]);
    // Short lines over a copyright line, in a file of licences: no page's footer menu,
    // which holds chrome of other words too.
    let notice = "= github.com/example/validator =\n\nThe MIT License (MIT)\n\nCopyright (c) 2014 Ann Smith\n\n\
                  Permission is hereby granted, free of charge, to any person obtaining a copy\n\
                  of this software, to deal in the Software subject to the following conditions:\n";
    assert_eq!(
        found(&format!("{WRAPPED}\n{notice}\n{WRAPPED}")),
        [] as [usize; 0]
    );
    let notice = notice.replace("copy\nof", "copy of");
    assert_eq!(found(&format!("{BODY}\n{notice}\n{BODY}")), [7]);
    let footer = "Contact\n\nPrivacy Policy\n\nCopyright (c) 2014 Example Media\n";
    assert_eq!(found(&format!("{WRAPPED}\n{footer}")), [7, 9]);
}
