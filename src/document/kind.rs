//! What kind of hand-written document a text is, as the rules that look for a scraped
//! page's chrome must know: reStructuredText, a package changelog, a Vim help file, an
//! HTML page kept with its markup, a document in underlined sections. No scraper writes
//! any of them.

use super::Document;
use crate::text::sentence::ends_with_full_stop;

/// An underline has at least this many `=` or `-`...
const MIN_UNDERLINE: usize = 3;
/// ...and a document with this many underlined headings is laid out in sections.
const MIN_UNDERLINED_SECTIONS: usize = 2;

/// Whether `line` underlines the heading above it: `=====` or `-----`, spaces around.
pub fn is_underline(line: &str) -> bool {
    let line = line.trim();
    line.len() >= MIN_UNDERLINE
        && (line.bytes().all(|b| b == b'=') || line.bytes().all(|b| b == b'-'))
}

/// The byte that separates the nodes of a GNU Info manual, alone on its line.
const INFO_SEPARATOR: u8 = 0x1f;
/// What the line under an Info node separator opens with: a node's header, the tag table,
/// the table of a split manual's parts, the end of the tag table.
const INFO_HEADERS: [&[u8]; 4] = [b"File: ", b"Tag Table:", b"Indirect:", b"End Tag Table"];

/// A paragraph of one line is prose from this many words on.
const MIN_PROSE_LINE_WORDS: usize = 10;

/// How a literal block opens: `::` ending a paragraph, a blank line, an indented line.
const LITERAL_BLOCK_INTROS: [&[u8]; 4] = [
    b"::\n\n    ",
    b"::\n\n\t",
    b"::\r\n\r\n    ",
    b"::\r\n\r\n\t",
];

/// Whether `text` holds a literal block (`::`, a blank line, an indented line), a
/// directive (`.. image:: ...`) or an interpreted text role (`:option:`--pass``). Literal
/// blocks and roles both start at a colon: one pass over the colons finds them, most
/// texts holding few.
fn has_restructured_markup(text: &str) -> bool {
    let bytes = text.as_bytes();
    let literal_block = |rest: &[u8]| {
        LITERAL_BLOCK_INTROS
            .iter()
            .any(|intro| rest.starts_with(intro))
    };
    let by_colons = memchr::memchr_iter(b':', bytes).any(|at| match bytes.get(at + 1) {
        Some(b':') => literal_block(&bytes[at..]),
        Some(b'`') => ends_role_name(&bytes[..at]),
        _ => false,
    });
    by_colons
        || (memchr::memmem::find(bytes, b"\n.. ").is_some()
            && text
                .lines()
                .any(|line| line.starts_with(".. ") && crate::text::is_markup_line(line)))
}

/// Whether `before` ends with a role's `:name` (lower-case letters and hyphens), the
/// colon after it and the backquote being next.
fn ends_role_name(before: &[u8]) -> bool {
    let name = before
        .iter()
        .rev()
        .take_while(|b| b.is_ascii_lowercase() || **b == b'-')
        .count();
    name > 0 && before.len() > name && before[before.len() - name - 1] == b':'
}

impl Document {
    /// Whether the document is reStructuredText: named `.rst` (or `.rst.txt`, as Sphinx
    /// publishes its sources), or holding a literal block (`::` at the end of a paragraph,
    /// an indented block after it, whatever the line endings), a directive (`.. image::
    /// ...`) or an interpreted text role (`:option:`--pass``). No scraped page writes any
    /// of them.
    pub fn is_restructured_text(&self) -> bool {
        let is_rst = |ext: &std::ffi::OsStr| {
            ext.eq_ignore_ascii_case("rst") || ext.eq_ignore_ascii_case("rest")
        };
        let named = self.path.extension().is_some_and(is_rst)
            || self.path.file_stem().is_some_and(|stem| {
                std::path::Path::new(stem).extension().is_some_and(is_rst)
                    && self
                        .path
                        .extension()
                        .is_some_and(|ext| ext.eq_ignore_ascii_case("txt"))
            });
        named || has_restructured_markup(&self.text)
    }

    /// Whether the document is a Debian package changelog: entries headed `package
    /// (version) distribution; urgency=level` and signed ` -- Name <email>  date`. Its list
    /// items (`* Back to unstable`) are the maintainers' notes, never a page's links.
    pub fn is_package_changelog(&self) -> bool {
        let text = self.text.as_bytes();
        memchr::memmem::find(text, b"; urgency=").is_some()
            && memchr::memmem::find(text, b"\n -- ").is_some()
    }

    /// Whether the document is an HTML page, markup and all: it opens with `<!DOCTYPE
    /// html>` or `<html>`, after an XML declaration if there is one.
    pub fn is_html_page(&self) -> bool {
        let skip = ['\u{feff}', ' ', '\t', '\r', '\n'];
        let mut start = self.text.trim_start_matches(skip);
        if start.starts_with("<?xml")
            && let Some(end) = start.find("?>")
        {
            start = start[end + 2..].trim_start_matches(skip);
        }
        let head = start.get(..14).unwrap_or(start).to_ascii_lowercase();
        head.starts_with("<!doctype html") || head.starts_with("<html")
    }

    /// Whether the document is a Vim help file, as its modeline says (`vim:tw=78:ts=8:
    /// ft=help:norl:`): its `*tags*` and `|links|` are its own cross-references.
    pub fn is_vim_help(&self) -> bool {
        let text = self.text.as_bytes();
        memchr::memmem::find_iter(text, b"vim:").any(|at| {
            let modeline = &text[at..];
            let end = memchr::memchr(b'\n', modeline).unwrap_or(modeline.len());
            let modeline = &modeline[..end];
            memchr::memmem::find(modeline, b"ft=help").is_some()
                || memchr::memmem::find(modeline, b"filetype=help").is_some()
        })
    }

    /// Whether the document is a GNU Info manual (what `makeinfo` writes): its nodes open
    /// with a separator line, `^_` (U+001F), possibly followed by a form feed, over a
    /// header (`File: sed.info,  Node: Top,  Next: ...`); a manual split in parts opens
    /// with its `Indirect:` table. Its menus (`* Menu:`), cross-references and tag table
    /// are the format's navigation, read by Info readers, never a page's chrome.
    pub fn is_info_file(&self) -> bool {
        let text = self.text.as_bytes();
        memchr::memchr_iter(INFO_SEPARATOR, text).any(|at| {
            let rest = &text[at + 1..];
            let rest = rest.strip_prefix(b"\x0c").unwrap_or(rest);
            let rest = rest.strip_prefix(b"\r").unwrap_or(rest);
            let opens_line = at == 0 || text[at - 1] == b'\n';
            opens_line
                && rest.strip_prefix(b"\n").is_some_and(|header| {
                    INFO_HEADERS
                        .iter()
                        .any(|opening| header.starts_with(opening))
                })
        })
    }

    /// Whether the document is laid out as a person writes plain text, not as a scraper
    /// saves a page, one paragraph per line with headings on lines of their own: its prose
    /// is hard-wrapped, or its headings underlined.
    pub fn is_laid_out_by_hand(&self) -> bool {
        self.has_wrapped_prose() || self.has_underlined_sections()
    }

    /// Whether the prose of the document is mostly hard-wrapped, as a person wraps it: its
    /// paragraphs over several lines hold at least half as many words as its paragraphs
    /// of one line that are prose. A scraper sets a page's paragraphs one per line, each
    /// ending its last sentence; a line that stops mid-sentence is a wrapped line whose
    /// paragraph was not joined (under a key or a title that does not fill the width:
    /// `.gpg.keygen.name` over its help text), and tells nothing of the sort.
    pub fn has_wrapped_prose(&self) -> bool {
        let (mut single, mut wrapped) = (0, 0);
        for paragraph in &self.paragraphs {
            let words = paragraph.fingerprint.words as usize;
            if paragraph.first_line() != paragraph.last_line() {
                wrapped += words;
            } else if words >= MIN_PROSE_LINE_WORDS
                && ends_with_full_stop(self.slice(paragraph.span))
            {
                single += words;
            }
        }
        wrapped > 0 && single < 2 * wrapped
    }

    /// Whether the document marks its sections as plain-text documents do, with at least
    /// two headings underlined by a line of `=` or `-` about as long as they are
    /// (`Changelog` over `=========`). A scraper renders a page's headings as lines of
    /// their own, never underlined.
    pub fn has_underlined_sections(&self) -> bool {
        // An underline holds a run of `MIN_UNDERLINE` of its byte: only the lines where
        // such a run stands are looked at, and each once.
        let text = self.text.as_bytes();
        let mut found = 0;
        for run in [[b'='; MIN_UNDERLINE], [b'-'; MIN_UNDERLINE]] {
            let mut from = 0;
            while let Some(at) = memchr::memmem::find(&text[from..], &run).map(|at| from + at) {
                let start = memchr::memrchr(b'\n', &text[..at]).map_or(0, |nl| nl + 1);
                let end = memchr::memchr(b'\n', &text[at..]).map_or(text.len(), |nl| at + nl);
                from = end;
                // A line of the other byte holds no run of this one: each is found once.
                let under = self.text[start..end].trim();
                if !is_underline(under) || start == 0 {
                    continue;
                }
                let above = memchr::memrchr(b'\n', &text[..start - 1]).map_or(0, |nl| nl + 1);
                let title = self.text[above..start - 1].trim_end();
                if !title.is_empty()
                    && !title.starts_with(char::is_whitespace)
                    && !title.bytes().all(|b| matches!(b, b'=' | b'-'))
                {
                    let (title, under) = (title.chars().count(), under.len());
                    if title.abs_diff(under) <= (title / 3).max(3) {
                        found += 1;
                        if found == MIN_UNDERLINED_SECTIONS {
                            return true;
                        }
                    }
                }
            }
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(path: &str, text: &str) -> Document {
        Document::from_bytes(path.into(), text.as_bytes().to_vec())
    }

    #[test]
    fn wrapped_lines_under_keys_are_wrapped_prose_and_a_page_of_paragraphs_is_not() {
        // Each entry's key stands over its text with no blank line between: the short
        // key keeps the lines under it from reading as one wrapped paragraph, but they
        // stop mid-sentence, as no paragraph of a page does.
        let entry = |key: &str| {
            format!(
                ".help.{key}\nChoose the kind of key to make here; the value you choose is kept\nwith the key and is never sent to anyone else.  We need it to decide\nhow far to trust the signatures made with it.\n.\n\n"
            )
        };
        let mut help = String::from(
            "This file holds the help texts of the program, one entry for each question\nit asks, in the order the questions come.\n\n",
        );
        for key in ["trust", "size", "expiry", "name", "email", "comment"] {
            help.push_str(&entry(key));
        }
        assert!(doc("help.txt", &help).has_wrapped_prose());
        let page = "Harbour crews asked for firm dates before the winter storms close the river mouth.\nThe board said the dredging of the northern channel would start in the spring.\nShip owners welcomed the plan but asked who would pay for the extra pilots.\n\nThe board will meet again next month to set the budget for the work.\n";
        assert!(!doc("page.txt", page).has_wrapped_prose());
    }

    #[test]
    fn an_info_manual_is_known_by_its_node_separators() {
        let manual = "This is x.info, produced by makeinfo.\n\n\u{1f}\nFile: x.info,  Node: Top,  Up: (dir)\n\nText.\n";
        assert!(doc("x.info", manual).is_info_file());
        assert!(doc("x.info", &manual.replace('\n', "\r\n")).is_info_file());
        assert!(doc("x.info", "\u{1f}\u{c}\nFile: x.info,  Node: Top\n").is_info_file());
        assert!(doc("x.info", "\u{1f}\nIndirect:\nx.info-1: 105\n").is_info_file());
        // The separator stands alone on its line, over a header.
        assert!(!doc("a.txt", "Notes\n\nText \u{1f}\nFile: x.info\n").is_info_file());
        assert!(!doc("a.txt", "\u{1f}\nFiled under: news\n").is_info_file());
        assert!(!doc("a.txt", "File: x.info,  Node: Top\n").is_info_file());
    }

    #[test]
    fn restructured_text_is_known_by_its_literal_blocks_whatever_the_line_endings() {
        let lf = "The command creates a log. ::\n\n    aws logs create\n\nDone.\n";
        assert!(doc("a.txt", lf).is_restructured_text());
        assert!(doc("a.txt", &lf.replace('\n', "\r\n")).is_restructured_text());
        let page = "Read more:: the story\n\nShare this article\n";
        assert!(!doc("a.txt", page).is_restructured_text());
        assert!(!doc("a.txt", &page.replace('\n', "\r\n")).is_restructured_text());
    }

    /// The markup as first defined: each form looked for over the whole text, one search
    /// each.
    fn markup_by_definition(text: &str) -> bool {
        let bytes = text.as_bytes();
        let literal_block = LITERAL_BLOCK_INTROS
            .iter()
            .any(|intro| memchr::memmem::find(bytes, intro).is_some());
        let directive = memchr::memmem::find(bytes, b"\n.. ").is_some()
            && text
                .lines()
                .any(|line| line.starts_with(".. ") && crate::text::is_markup_line(line));
        let role = memchr::memmem::find_iter(bytes, b":`").any(|at| ends_role_name(&bytes[..at]));
        literal_block || directive || role
    }

    proptest::proptest! {
        /// Texts made of the pieces the forms are written with, and of pieces of them.
        #[test]
        fn markup_is_found_as_defined(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec![
                    "::", ":", "`", "\n", "\r\n", "\n\n    ", "\n\n\t", "\r\n\r\n    ",
                    "\r\n\r\n\t", "  ", "\t", ".. ", ".. image:: x.png", "a", "-", "é", "role",
                ]),
                0..16,
            )
        ) {
            let text = pieces.concat();
            proptest::prop_assert_eq!(has_restructured_markup(&text), markup_by_definition(&text));
        }
    }

    /// The definition of [`Document::has_underlined_sections`], line by line.
    fn underlined_by_definition(text: &str) -> bool {
        let mut found = 0;
        let mut previous: Option<&str> = None;
        for line in text.lines() {
            let under = line.trim();
            if is_underline(under)
                && let Some(title) = previous.map(str::trim_end)
                && !title.is_empty()
                && !title.starts_with(char::is_whitespace)
                && !title.bytes().all(|b| matches!(b, b'=' | b'-'))
                && title.chars().count().abs_diff(under.len()) <= (title.chars().count() / 3).max(3)
            {
                found += 1;
            }
            previous = Some(line);
        }
        found >= MIN_UNDERLINED_SECTIONS
    }

    proptest::proptest! {
        /// Texts of headings, underlines of several lengths and kinds, and what stands
        /// around them.
        #[test]
        fn underlined_sections_are_found_as_defined(
            lines in proptest::collection::vec(
                (
                    proptest::sample::select(vec![
                        "Title", "A", "Changelog", "Über die Sache", "  Indented", "", "a-b c",
                        "-- x", "===", "====", "=====", "======", "=========", "==============",
                        "---", "----", "-------", "  -----  ", "-----------------", "-=-", "——",
                        "--", "x ---",
                    ]),
                    proptest::sample::select(vec!["\n", "\r\n", "\n\n"]),
                ),
                0..12,
            ),
            last_newline in proptest::bool::ANY,
        ) {
            let mut text: String = lines.iter().map(|(line, end)| format!("{line}{end}")).collect();
            if !last_newline {
                text.truncate(text.trim_end_matches(['\r', '\n']).len());
            }
            proptest::prop_assert_eq!(
                doc("notes.txt", &text).has_underlined_sections(),
                underlined_by_definition(&text)
            );
        }
    }

    #[test]
    fn restructured_text_is_known_by_its_name() {
        let text = "Usage\n\nRun the tool.\n";
        assert!(doc("guide.rst", text).is_restructured_text());
        assert!(doc("_sources/guide.rst.txt", text).is_restructured_text());
        assert!(!doc("guide.txt", text).is_restructured_text());
        assert!(!doc("rst.txt", text).is_restructured_text());
    }
}
