//! C002 `navigation`: its docs, and its detector, which finds navigation by its shape:
//! lists of truncated titles, and menus flattened to one line.

use crate::corpus::Corpus;
use crate::data::RuleData;
use crate::diagnostic::{Family, Severity};
use crate::diagnostic::{FixAvailability, Rule};
use crate::rules::check::Lint;
use crate::rules::chrome::Options;
use crate::rules::chrome::evidence::{Detail, Detector, Marker, Marks, Page};
use crate::rules::chrome::lines::Line;
use crate::rules::chrome::report::runs_lint;
use crate::text::{is_cjk, word_count};

/// A run of navigation-list items this long or longer is a navigation list...
const MIN_LIST_ITEMS: usize = 3;
/// ...when items are short...
const MAX_LIST_ITEM_WORDS: usize = 20;
/// ...and this share of them is cut short (`Reconfiguring of International Orde...`).
const MIN_TRUNCATED_SHARE: f64 = 0.3;

pub const RULE: Rule = Rule {
    code: "C002",
    name: "navigation",
    family: Family::Chrome,
    severity: Severity::Warning,
    fix: FixAvailability::Sometimes,
    opt_in: false,
    summary: "Navigation lists of truncated titles and menus flattened to one line",
    docs: r#"## What it does
Reports navigation by its structure rather than its words:

- on a scraped page (one with an article, see C005), a navigation list: at least 3
  consecutive list items (`- `, `• `, `1. `) of at most 20 words, at least 30% of them cut
  short with `...` or `…` (`- Reconfiguring of International Orde...`), most of the
  others with no full stop: the titles of other articles, truncated by the site. A change
  log's list of bug titles (`- 681423 - introspection: assorted fixes...`) or of files
  (`* COPYING: Renamed, to...`) is its content;
- a menu flattened to one line: at least 3 entries of at most 4 words between `|`, `•`,
  `·` or `¦`, most of them capitalised (`Home | World | Business | Tech`), none with
  code punctuation (`{`, `_`, `=`: `Des{Small|Quick}{Fips|Core}`, `POINT_SIZE`). An
  indented line laid out in columns is a plain-text table, never a menu, and so is a
  line over one (the first row of a table or a diagram, whose cells may fill their
  column and leave one space before the next);
- on a scraped page (one with an article, see C005), a line of one symbol: a bullet with
  nothing after it (`*`, `+`, `•`, entries whose link was an image), a separator (`|`,
  `/`), a close button (`×`), an arrow or an icon font's glyph. Brackets, quotes, dashes
  and code punctuation are left alone, and so are code listings.

Lists that are content (steps of a recipe, recommendations) have whole sentences, not
truncated titles, and are left alone. Bylines (`By Lang Ping | China Daily | Updated:
2019-04-22`) are never menus.

## Why it matters
Navigation is the largest block of chrome on many pages; it is not the article.

## Example
Thirty lines of `- China’s Views and Practices: G20 & ...` above an article.

## Fix
Deletes the run. Safe for lists and menus, which heuristics and phrases agree on; unsafe
for lone symbols (a story may mark a break with `*`) and when the run also holds weaker,
context-only evidence.

## Configuration
None beyond rule selection. Silence with `--ignore C002`.
"#,
};

/// The rule with its check, as the registry lists it.
pub const LINT: Lint = runs_lint!(RULE);

/// The forms of navigation: `numbers` are the items and how many of them are truncated...
const LIST: u8 = 0;
/// ...or the entries of the menu.
const MENU: u8 = 1;
/// A line of one symbol on a page: an icon, a close button, an empty list entry.
const ICON: u8 = 2;

/// Navigation lists and one-line menus; the evidence names the counts.
pub const DETECTOR: Detector = Detector {
    rule: &RULE,
    max_words: |_| MAX_LIST_ITEM_WORDS,
    prepare,
    describe: |detail, _| match detail.form {
        LIST => format!(
            "navigation list of {} items, {} of them truncated",
            detail.numbers[0], detail.numbers[1]
        ),
        ICON => "a lone symbol: an icon, a button or an empty entry".to_string(),
        _ => format!("menu of {} entries on one line", detail.numbers[0]),
    },
    kind: |detail, _| match detail.form {
        LIST => Some("navigation list"),
        ICON => Some("icons"),
        _ => Some("navigation menu"),
    },
    note: |_| None,
};

fn prepare<'a>(_: &'a Corpus, _: &'a RuleData, _: &'a Options) -> Marker<'a> {
    Box::new(mark)
}

/// Menus first, then lists: a list item that is a menu too is a menu.
fn mark(page: &Page, marks: &mut Marks) {
    for (i, line) in page.lines.iter().enumerate() {
        // An indented line laid out in columns is a table or justified text of a
        // plain-text document (`   Property        Type    Description`), not a menu.
        if marks.is_marked(i) || line.metadata || line.text.starts_with(char::is_whitespace) {
            continue;
        }
        // Most lines are no menu, which is asked first.
        let Some(entries) = menu_entries(line.text) else {
            continue;
        };
        // A heading row over a rule or over rows in the same columns is a table's, and
        // so is the first row of a diagram over indented rows in columns. A row of spaces
        // alone is the table's too: an empty row, padded to the table's width (and
        // empty once its trailing spaces are trimmed).
        let document = page.document;
        let mut below = (line.index + 1..document.lines.line_count())
            .map(|below| document.line_text(below))
            .skip_while(|below| is_padded_empty_row(below));
        let next = below.next();
        let under_empty_row = next
            .is_some_and(str::is_empty)
            .then(|| below.next())
            .flatten();
        if next.is_some_and(|next| {
            is_rule(next) || shares_columns(line.text, next) || indented_columns(next)
        }) || under_empty_row.is_some_and(is_rule)
        {
            continue;
        }
        let detail = Detail {
            form: MENU,
            numbers: [Detail::number(entries), 0, 0],
            ..Detail::default()
        };
        marks.mark(i, detail, true);
    }
    mark_lists(page, marks);
    mark_icons(page, marks);
}

/// Marks the lines of one symbol on a page with an article, outside its code listings.
fn mark_icons(page: &Page, marks: &mut Marks) {
    // Most pages have none: the layout is asked for only when there are some.
    let icons: Vec<usize> = (0..page.lines.len())
        .filter(|&i| !marks.is_marked(i) && is_icon(page.lines[i].text))
        .collect();
    if icons.is_empty() {
        return;
    }
    let layout = page.layout();
    if layout.article.is_none() {
        return;
    }
    for i in icons {
        let line = page.lines[i].index;
        if !layout.listings.iter().any(|&(a, b)| a <= line && line <= b) {
            let detail = Detail {
                form: ICON,
                ..Detail::default()
            };
            marks.mark(i, detail, false);
        }
    }
}

/// Whether `text` is one symbol: a bullet with nothing after it (`*`, `+`, `•`), a
/// separator (`|`, `/`), a close button (`×`, `✕`), an arrow or an icon font's glyph.
/// Brackets, quotes, dashes and code punctuation are left alone: they close a listing,
/// mark an empty table cell or a quotation.
fn is_icon(text: &str) -> bool {
    let mut chars = text.trim().chars();
    let (Some(c), None) = (chars.next(), chars.next()) else {
        return false;
    };
    !c.is_alphanumeric() && !c.is_whitespace() && !"{}()[]<>;:,\"'`=#$\\&!?-–—“”‘’«»".contains(c)
}

/// Runs of at least three list items, short, a good share of them cut short, on a page
/// with an article: a change log's or a README's lists of bug titles
/// (`- 681423 - introspection: assorted fixes...`) are its content.
fn mark_lists(page: &Page, marks: &mut Marks) {
    let lines = &page.lines;
    // Most pages have no such run: the layout is asked for only when there is one.
    let mut is_page: Option<bool> = None;
    let is_item = |l: &Line| l.list_item && l.words <= MAX_LIST_ITEM_WORDS && !l.metadata;
    let mut start = 0;
    while start < lines.len() {
        if !is_item(&lines[start]) {
            start += 1;
            continue;
        }
        let end = (start + 1..lines.len())
            .find(|&i| !is_item(&lines[i]) || lines[i].index != lines[i - 1].index + 1)
            .unwrap_or(lines.len());
        let items = end - start;
        let truncated = lines[start..end].iter().filter(|l| l.truncated).count();
        // `* src/util.c (parse_args): Move to ...`: a change log's entries name files and
        // functions, and are cut with `...` on purpose; titles of articles name neither.
        let code = lines[start..end]
            .iter()
            .filter(|l| names_code(l.text))
            .count();
        // `* COPYINGv2: New file, GPLv2.` beside `* COPYING: Renamed, to...`: entries
        // that end a sentence are notes; titles end with no full stop.
        let sentences = lines[start..end]
            .iter()
            .filter(|l| {
                let text = l.text.trim_end();
                text.ends_with('.') && !text.ends_with("..") && !l.truncated
            })
            .count();
        if items >= MIN_LIST_ITEMS
            && truncated as f64 >= MIN_TRUNCATED_SHARE * items as f64
            && code * 2 <= items
            && sentences * 2 < items - truncated
            && *is_page.get_or_insert_with(|| page.layout().article.is_some())
        {
            let detail = Detail {
                form: LIST,
                numbers: [Detail::number(items), Detail::number(truncated), 0],
                ..Detail::default()
            };
            for i in start..end {
                marks.mark(i, detail, true);
            }
        }
        start = end;
    }
}

/// Whether a line names a file or an identifier: a word with `_` or `/` inside
/// (`parse_args`, `src/util.c`), or a file name before a colon (`Makefile.am:`).
fn names_code(text: &str) -> bool {
    text.split_whitespace().any(|word| {
        let word = word.trim_matches(|c: char| matches!(c, '(' | ')' | ',' | '*' | '+'));
        let inner = |c: char| {
            word.trim_end_matches(':')
                .split(c)
                .filter(|part| !part.is_empty())
                .count()
                > 1
        };
        let file_name = word.ends_with(':')
            && word
                .trim_end_matches(':')
                .rsplit_once('.')
                .is_some_and(|(stem, ext)| {
                    !stem.is_empty()
                        && !ext.is_empty()
                        && ext.chars().all(|c| c.is_ascii_lowercase())
                });
        !word.contains("://") && (inner('_') || inner('/') || file_name)
    })
}

/// A line of spaces alone, not empty: an empty row of a table, padded to its width.
fn is_padded_empty_row(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| b == b' ')
}

/// A line of `-`, `=` or `+` (and spaces): a rule under a table's heading row.
fn is_rule(text: &str) -> bool {
    let text = text.trim();
    text.len() >= 3
        && text
            .chars()
            .all(|c| matches!(c, '-' | '=' | '+' | '|' | ' '))
}

/// An indented line laid out in columns (runs of spaces or tabs between its words): a row
/// of a plain-text table or diagram.
fn indented_columns(text: &str) -> bool {
    let trimmed = text.trim();
    text.starts_with(char::is_whitespace) && (trimmed.contains("  ") || trimmed.contains('\t'))
}

/// Whether at least two columns of `a`, laid out with runs of spaces, start where words of
/// `b` do: rows of a plain-text table. A cell that fills its column is followed by one
/// space only (`CUT_BUFFER0 PRIMARY` under `CURSOR      POINT_SIZE`).
fn shares_columns(a: &str, b: &str) -> bool {
    // Where words start after `gap` spaces or more, counted in characters.
    let starts = |text: &str, gap: usize| -> Vec<usize> {
        let mut starts = Vec::new();
        let mut spaces = 0;
        for (column, c) in text.chars().enumerate() {
            if c == ' ' {
                spaces += 1;
            } else {
                if spaces >= gap {
                    starts.push(column);
                }
                spaces = 0;
            }
        }
        starts
    };
    let b = starts(b, 1);
    starts(a, 2).iter().filter(|s| b.contains(s)).count() >= 2
}

/// What separates the entries of a menu flattened to one line.
const MENU_SEPARATORS: [char; 4] = ['|', '•', '·', '¦'];

/// Whether `text` holds one of `MENU_SEPARATORS`: asked of every line, most of them
/// prose, where searching bytes costs far less than decoding characters. The last byte
/// of `•`, `·` or `¦` is theirs only after their first ones (`â` ends in the byte of `•`).
pub(super) fn has_menu_separator(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr(b'|', bytes).is_some()
        || memchr::memchr3_iter(0xA2, 0xA6, 0xB7, bytes).any(|at| {
            let lead: &[u8] = if bytes[at] == 0xA2 {
                &[0xE2, 0x80]
            } else {
                &[0xC2]
            };
            bytes[..at].ends_with(lead)
        })
}

/// A menu flattened to one line: at least three short labels between `|`, `•`, `·`, `¦`
/// or runs of spaces, most of them capitalised (or CJK). Labels have no colon and no
/// digits: `Prep time: 15 minutes · Serves 6` is not a menu.
fn menu_entries(text: &str) -> Option<usize> {
    let separators = MENU_SEPARATORS;
    // Without a separator, a run of spaces or a `▾` (read as a space), there is none.
    if !has_menu_separator(text) && !text.contains("  ") && !text.contains('▾') {
        return None;
    }
    let text = text.trim().replace('▾', " ");
    let entries: Vec<&str> = if text.contains(separators) {
        text.split(separators)
            .map(str::trim)
            .filter(|e| !e.is_empty())
            .collect()
    } else if text.contains("  ") {
        text.split("  ")
            .map(str::trim)
            .filter(|e| !e.is_empty())
            .collect()
    } else {
        return None;
    };
    if entries.len() < 3 {
        return None;
    }
    // Code punctuation (`Des{Small|Quick}{Fips|Core}`, `POINT_SIZE`) labels no menu.
    let labels = entries.iter().all(|e| {
        word_count(e) <= 4
            && !e.contains([':', '：', '{', '}', '_', '='])
            && !e.chars().any(|c| c.is_ascii_digit())
    });
    let capitalised = entries
        .iter()
        .filter(|e| {
            e.chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || is_cjk(c))
        })
        .count();
    (labels && capitalised * 10 >= entries.len() * 7).then_some(entries.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_menu_separator_is_found_by_its_bytes_in_any_text() {
        for text in [
            "Home | World",
            "Home • World",
            "Home · World",
            "Home ¦ World",
        ] {
            assert!(has_menu_separator(text), "{text}");
        }
        // Letters whose last byte is a separator's last byte.
        for text in ["Château â æ ķ ₢ Ȧ", "plain text"] {
            assert!(!has_menu_separator(text), "{text}");
        }
    }

    #[test]
    fn menus_are_short_capitalised_labels() {
        assert_eq!(menu_entries("Home | World | Business | Tech"), Some(4));
        assert_eq!(menu_entries("首页  新闻  体育"), Some(3));
        assert_eq!(
            menu_entries("Prep time: 15 minutes · Serves 6 · Easy"),
            None
        );
        assert_eq!(menu_entries("Home | World"), None);
        assert_eq!(menu_entries("it was | not what | we wanted"), None);
    }

    #[test]
    fn change_log_entries_name_code_titles_do_not() {
        for entry in [
            "\t* src/util.c (parse_args): Move to ...",
            "* Makefile.am: Update accordingly.",
            "* tests/run.scm: ... here.",
        ] {
            assert!(names_code(entry), "{entry}");
        }
        for title in [
            "- China's Perspective on Global Gover...",
            "* Read https://example.com/a_b for more",
            "* U.S. and E.U. agree on: trade...",
            "* Founder Found Dead Under …",
        ] {
            assert!(!names_code(title), "{title}");
        }
        let log = "2021-01-01  A. Developer\n\n\t* src/util.c (parse_args): Move to ...\n\t* src/args.c (parse_args): ... here.\n\t* Makefile.am: Update accordingly...\n";
        assert!(crate::rules::chrome::analysis::found_lines(log, &[&RULE]).is_empty());
        // Files without an extension, and entries that end a sentence.
        let log = "2013-01-01  A. Developer\n\n\t* COPYING.LIB: Renamed, to...\n\t* COPYING.LESSERv3: ... new name.\n\t* COPYING: Renamed, to...\n\t* COPYINGv3: ... new name.\n\t* COPYINGv2: New file, GPLv2.\n";
        assert!(crate::rules::chrome::analysis::found_lines(log, &[&RULE]).is_empty());
        // Bug titles cut short by a release's notes: no page, no article.
        let news = "Overview of changes in 1.31.0\n\n- 681423 - introspection: assorted fixes...\n- 680965 - missing language strings for ...\n- 679654 - Crash when listing the font families\n";
        assert!(crate::rules::chrome::analysis::found_lines(news, &[&RULE]).is_empty());
    }

    #[test]
    fn a_table_heading_row_is_no_menu() {
        let table = "Language       Compiler     Library        Manual\n\
                     ----------------------------------------------\n\
                     Ada            gnat         libgnat        gnat-doc\n";
        assert!(crate::rules::chrome::analysis::found_lines(table, &[&RULE]).is_empty());
        // An empty row between the heading row and its rule, padded with spaces or not.
        for row in ["                              ", ""] {
            let padded = table.replacen('\n', &format!("\n{row}\n"), 1);
            assert!(crate::rules::chrome::analysis::found_lines(&padded, &[&RULE]).is_empty());
        }
        let rows = "Language       Compiler     Library        Manual\n\
                    Fortran        gfortran     libgfortran    gfortran-doc\n";
        assert!(crate::rules::chrome::analysis::found_lines(rows, &[&RULE]).is_empty());
        // A cell that fills its column leaves one space before the next.
        let full_cells = "Event Type               Legal Details     Type\n\
                          XkbNewKeyboardNotify     KB_NKNDETAILSMASK CARD16\n";
        assert!(crate::rules::chrome::analysis::found_lines(full_cells, &[&RULE]).is_empty());
        // Names of code are no menu's labels.
        for code in [
            "Des{Small|Quick}{Fips|Core}{Encrypt|Decrypt}(d, m, s)\n",
            "CURSOR      POINT_SIZE        VISUALID\n",
        ] {
            assert!(crate::rules::chrome::analysis::found_lines(code, &[&RULE]).is_empty());
        }
        let menu = "Home    World    Business    Tech\n\nThe council voted.\n";
        assert_eq!(
            crate::rules::chrome::analysis::found_lines(menu, &[&RULE]),
            [1]
        );
    }

    #[test]
    fn lone_symbols_on_a_page_are_icons() {
        for icon in ["*", "  +", "•", "|", "×", "✕", "›", "\u{e80a}"] {
            assert!(is_icon(icon), "{icon}");
        }
        for text in ["}", ");", "—", "-", "”", "a", "7", "* *", ""] {
            assert!(!is_icon(text), "{text}");
        }
        let article = crate::rules::chrome::article::TEST_ARTICLE;
        let page = format!("Library to stay open late\n\n×\n\n{article}\n  *\n");
        let found = crate::rules::chrome::analysis::found_lines(&page, &[&RULE]);
        assert_eq!(found, [3, 17], "{page}");
        // A document that is not a page keeps them: a story's break, a list's bullet.
        let story = format!(
            "{}\n\n*\n\n{}\n",
            article.lines().next().unwrap_or(""),
            "The end."
        );
        assert!(crate::rules::chrome::analysis::found_lines(&story, &[&RULE]).is_empty());
    }
}
