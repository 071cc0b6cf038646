use super::*;

#[test]
fn a_clause_label_is_three_characters_at_most_before_its_bracket() {
    assert_eq!(item_column("(a) Every copy"), Some(4));
    assert_eq!(item_column("  iv) The text"), Some(6));
    assert_eq!(item_column("(xiv) The text"), Some(6));
    assert_eq!(item_column("(abcd) Too long a label"), None);
    assert_eq!(item_column("Note (see below) for more"), None);
    assert_eq!(item_column("ab (c) d"), None);
    assert_eq!(item_column("(é) Not a label"), None);
    assert_eq!(item_column("() Empty"), None);
}

fn paragraphs(text: &str) -> Vec<&str> {
    segment(text, &LineIndex::new(text))
        .into_iter()
        .map(|p| &text[p.span.start..p.span.end])
        .collect()
}

#[test]
fn blank_lines_separate_paragraphs() {
    assert_eq!(
        paragraphs("One.\n\nTwo.\n\n\nThree.\n"),
        ["One.", "Two.", "Three."]
    );
}

#[test]
fn one_paragraph_per_line() {
    let text = "A long first paragraph that goes on and on, well past any wrap width a book would use, and ends here.\nA second paragraph of the same kind, also far longer than a hard-wrapped line ever is in a text.\n";
    assert_eq!(paragraphs(text).len(), 2);
}

#[test]
fn hard_wrapped_lines_join_into_one_paragraph() {
    let text = "It was the best of times, it was the worst of times, it was the age\n\
                of wisdom, it was the age of foolishness, it was the epoch of belief,\n\
                it was the epoch of incredulity.\n\
                \n\
                There were a king with a large jaw and a queen with a plain face, on\n\
                the throne of England.\n";
    assert_eq!(paragraphs(text).len(), 2);
    assert!(paragraphs(text)[0].ends_with("incredulity."));
}

#[test]
fn indentation_starts_a_new_paragraph_in_wrapped_text() {
    let text = "    It was the best of times, it was the worst of times, it was the age\n\
                of wisdom, it was the age of foolishness, it was the epoch of belief.\n\
                \x20   There were a king with a large jaw and a queen with a plain face,\n\
                on the throne of England; there were a king with a large jaw.\n";
    assert_eq!(paragraphs(text).len(), 2);
}

#[test]
fn hard_wrapped_capitals_join_into_one_paragraph() {
    let text = "THE SOFTWARE IS PROVIDED \"AS IS\", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR\n\
                IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,\n\
                FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE\n\
                AUTHORS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN\n\
                ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION\n\
                WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.\n";
    assert_eq!(paragraphs(text).len(), 1);
    // Titles in capitals, one under the other, stay apart.
    let titles = "CHAPTER ONE\nTHE RIVER AND THE ROAD\nA STORY IN TWO PARTS\n";
    assert_eq!(paragraphs(titles).len(), 3);
}

#[test]
fn a_title_and_its_byline_stay_separate() {
    let text = "Cyberspace security a crucial aspect of China-US diplomacy\nBy Lu Zhongwei\n";
    assert_eq!(paragraphs(text).len(), 2);
}

#[test]
fn hard_wrapped_chinese_joins() {
    let text = "网络空间安全不能仅仅从信息技术和网络安全的角度来狭义\n地定义，而应该提升到战略高度来考虑，作为国家安全的问\n题，而不仅仅是技术问题。\n";
    assert_eq!(paragraphs(text).len(), 1);
}

#[test]
fn short_lines_stay_separate() {
    let text = "By Jane Doe | The Daily | Updated: 2019-04-22 08:04\nShare\nShare - WeChat\n";
    assert_eq!(paragraphs(text).len(), 3);
    let nav = "- Home\n- World news and more\n- Business\n";
    assert_eq!(paragraphs(nav).len(), 3);
}

#[test]
fn list_items_in_wrapped_text_start_paragraphs() {
    let text = "- the first item of a list that is long enough to wrap onto the\n  next line of the text file\n- the second item of a list that is long enough to wrap onto the\n  next line as well\n";
    assert_eq!(paragraphs(text).len(), 2);
}

#[test]
fn indented_licence_clauses_join_their_wrapped_lines() {
    let text = "   TERMS OF USE\n\
                \n\
                \x20  1. Permission. Subject to the conditions below, the holder grants\n\
                \x20     each recipient a lasting, free licence to copy and change the\n\
                \x20     software, as set out in this document.\n\
                \n\
                \x20     (a) Every copy must carry this notice, unchanged, together\n\
                \x20         with the list of conditions; and\n\
                \n\
                \x20     b) Changed files must say that they were changed, and by\n\
                \x20     whom, in a comment near the top of the file or in section\n\
                \x20     7.  The section applies to every later version as well.\n";
    assert_eq!(
        paragraphs(text),
        [
            "   TERMS OF USE",
            "   1. Permission. Subject to the conditions below, the holder grants\n      each recipient a lasting, free licence to copy and change the\n      software, as set out in this document.",
            "      (a) Every copy must carry this notice, unchanged, together\n          with the list of conditions; and",
            "      b) Changed files must say that they were changed, and by\n      whom, in a comment near the top of the file or in section\n      7.  The section applies to every later version as well.",
        ]
    );
}

#[test]
fn debian_copyright_fields_and_separators() {
    let text = "Files: *\n\
                Copyright: 2001-2020 A. Maintainer\n\
                License: Example-1+\n\
                \n\
                License: Example-1+\n\
                \x20This package is free to use; you may pass it on and change it\n\
                \x20under the terms of the example licence, either version one or\n\
                \x20any later one.\n\
                \x20.\n\
                \x20It comes with no warranty of any kind, not even the implied\n\
                \x20warranty of fitness for a purpose.\n\
                Comment:\n\
                \x20The full text of the licence is in the file named after it,\n\
                \x20in the common licences folder of the system.\n";
    assert_eq!(
        paragraphs(text),
        [
            "Files: *",
            "Copyright: 2001-2020 A. Maintainer",
            "License: Example-1+",
            "License: Example-1+",
            " This package is free to use; you may pass it on and change it\n under the terms of the example licence, either version one or\n any later one.",
            " It comes with no warranty of any kind, not even the implied\n warranty of fitness for a purpose.",
            "Comment:",
            " The full text of the licence is in the file named after it,\n in the common licences folder of the system.",
        ]
    );
}

#[test]
fn changelog_entries_join_their_wrapped_lines() {
    let text = "tool (2.1-1) unstable; urgency=medium\n\
                \n\
                \x20 * New upstream release.\n\
                \x20 * Bump the standards version and drop the old build dependency\n\
                \x20   on the legacy helper (Closes: #123456).\n\
                \x20   - Rebuild the manual pages with the new generator, which now\n\
                \x20     writes them in UTF-8.\n\
                \x20 * Fix a typo.\n\
                \n\
                \x20-- A. Maintainer <a@example.org>  Mon, 02 Jan 2023 10:00:00 +0100\n";
    let found = paragraphs(text);
    assert_eq!(found.len(), 6);
    assert_eq!(found[1], "  * New upstream release.");
    assert!(found[2].ends_with("(Closes: #123456)."));
    assert!(found[3].ends_with("writes them in UTF-8."));
    assert_eq!(found[4], "  * Fix a typo.");
}

#[test]
fn a_second_field_under_a_list_item_is_not_its_wrap() {
    // A scraped list of stories: the line under each item is when it was posted.
    let text = "A paragraph of the story, on one line, long enough to set the width of the text here.\n\
                \n\
                \x20 * The leader urges the country to stay in the union\n\
                \x20   4 hours ago\n\
                \x20 * An interview at a glance\n\
                \x20   24 July 2015\n";
    assert_eq!(paragraphs(text).len(), 5);
}

#[test]
fn recognises_list_markers() {
    assert!(starts_with_list_marker(
        "- Reconfiguring of International Orde..."
    ));
    assert!(starts_with_list_marker("12. Item"));
    assert!(!starts_with_list_marker("-5 degrees"));
    assert!(!starts_with_list_marker("2019. A year"));
}
