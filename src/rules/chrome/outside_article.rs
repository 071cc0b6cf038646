//! C005 `outside-article`: its docs, and its detector, which finds the article of a page
//! first and marks what stands before and after it.

use std::sync::OnceLock;

use regex::Regex;

use super::article::Article;
use crate::corpus::Corpus;
use crate::data::RuleData;
use crate::data::metadata::{Label, MetadataData};
use crate::diagnostic::{Family, Severity};
use crate::diagnostic::{FixAvailability, Rule};
use crate::provenance::byline;
use crate::provenance::names::{is_joiner, reads_as_names};
use crate::rules::check::Lint;
use crate::rules::chrome::Options;
use crate::rules::chrome::evidence::{Detail, Detector, Marker, Marks, Page};
use crate::rules::chrome::lines::Line;
use crate::rules::chrome::report::runs_lint;
use crate::text::memo::LineMemo;
use crate::text::{count, split_at_colon, word_count};

/// Lines right before the article that are not list items (a headline, a standfirst, a
/// byline, a caption) stay, up to this many...
const KEPT_BEFORE: usize = 4;
/// ...and right after it (a signature, an author's note).
const KEPT_AFTER: usize = 2;
/// The headline is one of the this many lines before the article, with at least this many
/// words.
const HEADLINE_WINDOW: usize = 16;
const MIN_HEADLINE_WORDS: usize = 4;
/// A byline stands at most this many lines under the headline (a standfirst, a kicker
/// between them).
const BYLINE_UNDER_HEADLINE: usize = 3;
/// A byline's names stand on at most this many lines of their own over its date.
const MAX_NAME_LINES: usize = 2;
/// A byline, a date or a figure this many lines after the article belongs to a teaser, a
/// comment or an archive list, not to the article; before it, one beyond the headline
/// window (`HEADLINE_WINDOW`) belongs to the page header.
const FAR_AFTER: usize = 8;
/// A list that a line with a colon introduces right before the article has at most this
/// many items.
const MAX_INTRODUCED_ITEMS: usize = 30;
/// A line with this share of digits is a figure or a table row.
const NUMERIC_SHARE: f32 = 0.3;

pub const RULE: Rule = Rule {
    code: "C005",
    name: "outside-article",
    family: Family::Chrome,
    severity: Severity::Warning,
    fix: FixAvailability::Sometimes,
    opt_in: false,
    summary: "Lines of a scraped page before or after its article: menus, teasers, comment and footer boxes",
    docs: r#"## What it does
Finds the article of a scraped page first, then reports what stands around it.

The article is the stretch of running prose: paragraphs of a sentence or more, dense in
the stop words of the page's language (`the`, `of`, `und`, `que`, `的`: the lists of the
stopwords-iso collection, 58 languages), as jusText measures it. Each paragraph scores
by its kind: prose scores its words, a short list item or label costs, code and figures
are neutral. The article is the stretch with the highest total, so a heading or a list
between two body paragraphs stays inside it, and a menu that outweighs the prose next to
it ends it. A paragraph of prose that stands alone between labels, where a page has
several (the blurbs of a teaser list: section, source, comment count, headline, blurb),
counts for little, unless prose follows it (a standfirst).

Consecutive lines outside it form one run, reported with how far it stands from the
article and named by what it holds: the kind that stronger evidence in it names, or
`navigation menu` (mostly list items, before the article), `link list` (after it),
`page header` or `footer`: `navigation menu (81 lines, 51 list items, 24 lines before
the article)`. Left alone:

- documents that are not scraped pages: Markdown, reStructuredText (named `.rst`, or
  with a `::` literal block or a `.. directive::`), hard-wrapped text (books, licences,
  RFCs), files that open with `Field: value` headers (mail, package metadata), Debian
  control files, programs (a third of their lines comments or
  statements), pages with fewer than three prose paragraphs or under 150 words of prose,
  such as a timetable or a roster with an intro line; a line laid out in columns is
  never prose;
- documents that show no other sign of a page: no line found chrome by a stronger rule
  (C001, C002, C003, C006, C007, C008, when selected) and no menu (two list items in a
  row) outside the stretch of prose. Titles and notices stand around the prose of a
  licence or a book, requests around the text of a manual page's roff source, comments
  around the data of a test file, where a page's header and footer would;
- the four lines right before the article that are not list items (headline, standfirst,
  byline, caption), the two right after it, and the article's head: its headline, a line
  of four words or more, with no full stop, no breadcrumb separator and no short `Label:
  value`, among the sixteen lines before the article; when a byline (an author or a
  publication date, in the forms `corpuslint meta` reads) stands there, the headline is
  the nearest such line within three lines over the last byline, and the lines between
  them (a standfirst) stay too; otherwise it is the first such line (a forum post or a
  shop's product puts its user's or price's lines between the title and the text). A
  page's header may hold a line that reads as a headline (`Sign up or log in to join the
  discussion!`); the byline under the real one tells them apart;
- a list right above those lines that a line ending with a colon introduces (`What
  You'll Need:` over a how-to's items, `Zutaten:` over a recipe's), up to 30 items: the
  article's own;
- bylines, dates and figures (lines that are mostly digits) near the article: within the
  sixteen lines before it or the eight after it (further away, they date a teaser, a
  comment or an archive list, not the article);
- lines with a citation mark (`[12]`), footnotes (`17. ^`), numbered section titles
  (`3.2 History`), code listings, and the rest of a sentence that the page broke at a
  link (`. Retrieved 6 May 2014.`).

## Why it matters
Most of the chrome of a scraped page (mega-menus, "Most read" lists, comment threads,
newsletter and cookie boxes, footer link columns) is made of ordinary words no phrase list
can know; where it stands is what gives it away.

## Example
Sixty menu items, the article, then `Most read` and eight headlines: the menu and the
list are reported, the article and its headline stay.

## Fix
Deletes the run. Unsafe: the article's edges are a judgement; safe only when strong
evidence (a phrase, a line repeated across the site) stands at both ends of the run, which
is then reported by that rule.

## Configuration
None beyond rule selection. Silence with `--ignore C005`.
"#,
};

/// The rule with its check, as the registry lists it.
pub const LINT: Lint = runs_lint!(RULE);

/// The forms of evidence: a line before the article, `numbers[0]` lines before it...
pub(super) const BEFORE: u8 = 0;
/// ...or after it.
pub(super) const AFTER: u8 = 1;

/// Lines outside the article of a page.
pub const DETECTOR: Detector = Detector {
    rule: &RULE,
    max_words: |_| 0,
    prepare,
    describe: |detail, _| {
        let side = if detail.form == BEFORE {
            "before"
        } else {
            "after"
        };
        format!(
            "{} {side} the article",
            count(detail.numbers[0] as usize, "line")
        )
    },
    kind: |_, _| None,
    note: |details| {
        // Where the run stands: the distance of its line nearest to the article.
        let nearest = details.iter().min_by_key(|d| d.numbers[0])?;
        let side = if nearest.form == BEFORE {
            "before"
        } else {
            "after"
        };
        Some(format!(
            "{} {side} the article",
            count(nearest.numbers[0] as usize, "line")
        ))
    },
};

fn prepare<'a>(_: &'a Corpus, data: &'a RuleData, _: &'a Options) -> Marker<'a> {
    let bylines = Bylines::new(&data.metadata);
    Box::new(move |page, marks| {
        let layout = page.layout();
        if let Some(article) = &layout.article {
            mark(page, article, &layout.listings, &bylines, marks);
        }
    })
}

fn mark(
    page: &Page,
    article: &Article,
    listings: &[(usize, usize)],
    bylines: &Bylines,
    marks: &mut Marks,
) {
    let lines = &page.lines;
    if !shows_itself_a_page(lines, article, marks) {
        return;
    }
    let kept = kept_around(lines, article, bylines, marks);
    let in_listing = |line: usize| listings.iter().any(|&(a, b)| a <= line && line <= b);
    for (i, line) in lines.iter().enumerate() {
        if article.contains(line.index)
            || kept.contains(&i)
            || in_listing(line.index)
            || !may_be_chrome(line, far_from(article, line.index))
        {
            continue;
        }
        let form = if line.index < article.first_line {
            BEFORE
        } else {
            AFTER
        };
        let detail = Detail {
            form,
            numbers: [Detail::number(article.distance(line.index)), 0, 0],
            ..Detail::default()
        };
        marks.mark(i, detail, false);
    }
}

/// A menu outside the article has at least this many list items in a row.
const MIN_MENU_ITEMS: usize = 2;

/// Whether the document shows itself a scraped page beyond the stretch of prose found in
/// it: a line that stronger evidence found chrome (a phrase, a template line, a menu, a
/// comment section), or a menu outside the article (list items in a row). Titles and
/// notices around a licence's or a book's prose, the requests of a manual page's source,
/// the comments of a data file stand where a page's header and footer would; only a page
/// has chrome of another kind too.
fn shows_itself_a_page(lines: &[Line], article: &Article, marks: &Marks) -> bool {
    let mut in_row = 0;
    let mut previous: Option<usize> = None;
    for (i, line) in lines.iter().enumerate() {
        if marks.is_marked(i) {
            return true;
        }
        let item = line.list_item && !article.contains(line.index);
        let joined = previous.is_some_and(|p| line.index <= p + 2);
        in_row = match (item, joined) {
            (false, _) => 0,
            (true, true) => in_row + 1,
            (true, false) => 1,
        };
        if in_row >= MIN_MENU_ITEMS {
            return true;
        }
        previous = item.then_some(line.index);
    }
    false
}

/// The lines kept next to the article: up to `KEPT_BEFORE` before it and `KEPT_AFTER`
/// after it, stopping at the first list item, and its head: the headline and, when a
/// byline stands under it, what lies between them (a standfirst).
fn kept_around(lines: &[Line], article: &Article, bylines: &Bylines, marks: &Marks) -> Vec<usize> {
    let first = lines.partition_point(|l| l.index < article.first_line);
    let after = lines.partition_point(|l| l.index <= article.last_line);
    let before: Vec<usize> = (0..first)
        .rev()
        .take_while(|&i| !lines[i].list_item)
        .take(KEPT_BEFORE)
        .collect();
    let above = before.last().copied().unwrap_or(first);
    let after = (after..lines.len())
        .take_while(|&i| !lines[i].list_item)
        .take(KEPT_AFTER);
    let introduced = if before.len() < KEPT_BEFORE {
        introduced_list(lines, above, marks)
    } else {
        Vec::new()
    };
    before
        .into_iter()
        .chain(after)
        .chain(introduced)
        .chain(head(lines, article, bylines, marks).map_or(0..0, |head| head.lines()))
        .collect()
}

/// The list items right above line `above` and the line that introduces them with a colon
/// (`What You'll Need:` over the things a how-to needs, `Zutaten:` over a recipe's): the
/// article's own list, which its first paragraph follows, not a menu. A menu is no
/// sentence's end: its heading is a phrase of the chrome data, marked already.
fn introduced_list(lines: &[Line], above: usize, marks: &Marks) -> Vec<usize> {
    let mut items = Vec::new();
    let mut i = above;
    while i > 0
        && lines[i - 1].list_item
        && lines[i - 1].index + 2 >= lines[i].index
        && items.len() <= MAX_INTRODUCED_ITEMS
    {
        i -= 1;
        items.push(i);
    }
    let Some(intro) = i.checked_sub(1) else {
        return Vec::new();
    };
    let line = &lines[intro];
    let introduces = !items.is_empty()
        && items.len() <= MAX_INTRODUCED_ITEMS
        && line.index + 1 == lines[i].index
        && line.words >= 2
        && line.text.trim_end().ends_with([':', '：'])
        && !marks.is_marked(intro);
    if introduces {
        items.push(intro);
        items
    } else {
        Vec::new()
    }
}

/// The head of an article: its headline, and the byline under it if there is one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Head {
    /// Indexes into the page's lines.
    pub headline: usize,
    pub byline: Option<usize>,
    /// A date or a byline right above the headline (`Sunday, Feb 1, 2015 11:57 AM UTC`).
    pub dated_above: bool,
}

impl Head {
    /// The headline, the byline and the lines between them, and a byline above it.
    fn lines(self) -> std::ops::Range<usize> {
        self.headline - usize::from(self.dated_above)..self.byline.unwrap_or(self.headline) + 1
    }
}

/// The head of `article`. Its headline is a page line of at least `MIN_HEADLINE_WORDS`
/// words, no stronger evidence marked, no list item, ending with no full stop (a headline
/// may ask a question), with no separator of a breadcrumb, in the `HEADLINE_WINDOW` lines
/// before the article: the nearest such line over the last byline there (a standfirst
/// between them ends a sentence), else the first such line. Posts on a forum and products
/// in a shop put a user's or a price's lines between the title and the text; a page's
/// header may hold lines that read as a headline, which a byline under the real one
/// tells apart.
pub(super) fn head(
    lines: &[Line],
    article: &Article,
    bylines: &Bylines,
    marks: &Marks,
) -> Option<Head> {
    let first = lines.partition_point(|l| l.index < article.first_line);
    let start = first.saturating_sub(HEADLINE_WINDOW);
    let is_headline = |i: usize| {
        let line = &lines[i];
        line.words >= MIN_HEADLINE_WORDS
            && !line.list_item
            && !line.metadata
            && !marks.is_marked(i)
            && !line.text.trim_end().ends_with(['.', '。'])
            // A breadcrumb (`Forums › Brewing`) names the section, not the article.
            && !line.text.contains(['›', '»', '>', '/', '|'])
            // `Join Date: Sep 2020` over a post's date: a field, not a title.
            && !is_short_field(line.text)
            && bylines.reading(line.text) == Reading::Text
    };
    let over_byline = (start..first)
        .rev()
        .find(|&i| bylines.is_byline(&lines[i]))
        .and_then(|byline| {
            // `Kerstin Albers, Moritz Feld` over `17.08.2018 - 16:45 Uhr`: the names are
            // the byline's, on a line of their own, or on lines of their own with `und`
            // between (`Julia Berndt` / `und` / `Anton Wegscheid`).
            let names = (start..byline)
                .rev()
                .take_while(|&i| {
                    let text = lines[i].text.trim();
                    reads_as_names(text) || is_joiner(text)
                })
                .take(2 * MAX_NAME_LINES - 1)
                .last()
                .unwrap_or(byline);
            (names.saturating_sub(BYLINE_UNDER_HEADLINE).max(start)..names)
                .rev()
                .find(|&i| is_headline(i))
                .map(|headline| (headline, Some(byline)))
        });
    let (headline, byline) =
        over_byline.or_else(|| (start..first).find(|&i| is_headline(i)).map(|h| (h, None)))?;
    Some(Head {
        headline,
        byline,
        dated_above: headline > 0 && bylines.is_byline(&lines[headline - 1]),
    })
}

/// `Join Date: Sep 2020`, `Posts: 38`: a label and a short value.
fn is_short_field(text: &str) -> bool {
    split_at_colon(text)
        .is_some_and(|(label, value)| word_count(label) <= 2 && word_count(value) <= 2)
}

/// How a line reads as provenance, as `corpuslint meta` reads bylines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Reading {
    Text,
    /// A field of a byline that neither names an author nor dates the article.
    Field,
    /// A byline that names an author or dates the article: `Dan Goodin - Apr 16, 2015
    /// 8:02 pm UTC`, `Von Lisa Brandt`, `Publié le 7 mars 2021`.
    Byline,
}

/// The bylines of pages, read once per line: a site's header lines stand on every page.
pub(super) struct Bylines<'a> {
    data: &'a MetadataData,
    known: LineMemo<Reading>,
}

impl<'a> Bylines<'a> {
    pub(super) fn new(data: &'a MetadataData) -> Self {
        Self {
            data,
            known: LineMemo::default(),
        }
    }

    fn reading(&self, text: &str) -> Reading {
        let text = text.trim();
        self.known
            .get_or_compute(text, || match byline::parse(text, self.data) {
                None => Reading::Text,
                Some(byline)
                    if byline.value(Label::Author).is_some()
                        || byline
                            .dates
                            .iter()
                            .any(|(_, label)| *label != Some(Label::Updated)) =>
                {
                    Reading::Byline
                }
                Some(_) => Reading::Field,
            })
    }

    fn is_byline(&self, line: &Line) -> bool {
        !line.list_item && self.reading(line.text) == Reading::Byline
    }
}

/// Whether `line` stands too far from `article` for its provenance to be the article's.
fn far_from(article: &Article, line: usize) -> bool {
    if line < article.first_line {
        article.first_line - line > HEADLINE_WINDOW
    } else {
        line - article.last_line > FAR_AFTER
    }
}

/// Whether a line outside the article may be chrome: not a part of the document's own
/// apparatus (a cited source, a footnote, a numbered section title), nor the rest of a
/// sentence that the page broke at a link (`. Retrieved 6 May 2014.`), nor, unless it is
/// `far` from the article, its provenance or a figure.
fn may_be_chrome(line: &Line, far: bool) -> bool {
    static APPARATUS: OnceLock<Regex> = OnceLock::new();
    let apparatus = APPARATUS.get_or_init(|| {
        Regex::new(
            r"\[(\d+|[a-z] ?\d+)\]|^\s*(?:[*+•o-]\s+)?(\d+(\.\d+)+\.?|\d+\.\s+[\^↑])\s|^\s*[.,;)]",
        )
        .expect("apparatus pattern")
    });
    let text = line.text.trim();
    let digits = text.chars().filter(char::is_ascii_digit).count();
    !apparatus.is_match(text)
        && (far || !line.metadata && (digits as f32) < NUMERIC_SHARE * text.chars().count() as f32)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::chrome::analysis::found_lines;
    use crate::rules::chrome::article::TEST_ARTICLE as ARTICLE;

    fn outside(text: &str) -> Vec<usize> {
        found_lines(text, &[&RULE])
    }

    #[test]
    fn menus_before_and_lists_after_the_article_are_outside_it() {
        let text = format!(
            "  * News\n  * Sport\n  * Weather\n  * Business\n\nLibrary to stay open late\n\nBy Ann Smith\n\n{ARTICLE}\nMost read\n\n  * Storm closes the bridge\n  * Pay rise for nurses\n\nContact us\n\nAbout us\n\nJobs\n"
        );
        // The headline and byline stay, and the line right after the article (as a
        // signature would) up to the first list item.
        assert_eq!(outside(&text), [1, 2, 3, 4, 24, 25, 27, 29, 31]);
    }

    #[test]
    fn a_list_a_line_introduces_right_before_the_article_is_its_own() {
        let text = format!(
            "  * News\n  * Sport\n  * Weather\n  * Business\n\nLibrary to stay open late\n\nWhat the evenings offer:\n  * Homework club\n  * Chess for beginners\n  * Reading hour\n\n{ARTICLE}"
        );
        // The menu is outside the article; the list that `What the evenings offer:`
        // introduces is the article's.
        assert_eq!(outside(&text), [1, 2, 3, 4]);
        // Without the colon the list is a menu of its own.
        let text = text.replace("offer:", "offer");
        assert_eq!(outside(&text), [1, 2, 3, 4, 8, 9, 10, 11]);
    }

    #[test]
    fn the_head_over_a_byline_stays_whatever_the_header_holds() {
        // A header line that reads as a headline, then the kicker, the headline, the
        // standfirst and the byline, then the story's widgets right before the article.
        let text = format!(
            "  * News\n  * Sport\n\nSign in to join the discussion today\n\nCouncil —\n\nLibrary to stay open late\n\nThe evening hours start next month.\n\nJane Doe - Mar 7, 2021 8:02 pm UTC\n\nreader comments\n\n  * Share\n  * Tweet\n\n{ARTICLE}"
        );
        let found = outside(&text);
        for kept in [8, 10, 12] {
            assert!(!found.contains(&kept), "line {kept}: {found:?}");
        }
        assert!(found.contains(&4) && found.contains(&14), "{found:?}");
        // In German, with the date on a line of its own.
        let text = text
            .replace(
                "Jane Doe - Mar 7, 2021 8:02 pm UTC",
                "Von Lisa Brandt | 07.03.2021",
            )
            .replace("The evening hours", "Die Abendstunden");
        assert!(!outside(&text).contains(&12), "{text}");
        // The names on a line of their own over the date.
        let text = text.replace(
            "Von Lisa Brandt | 07.03.2021",
            "Lisa Brandt, Jonas Keller\n\n07.03.2021 - 16:45 Uhr",
        );
        let found = outside(&text);
        assert!(
            ![8, 10, 12, 14].iter().any(|l| found.contains(l)),
            "{found:?}"
        );
    }

    #[test]
    fn a_date_right_above_the_headline_stays() {
        let text = format!(
            "  * Log out\n  * Sign in\n\nSunday, Feb 1, 2015 11:57 AM UTC\n\nLibrary to stay open late\n\n{ARTICLE}"
        );
        assert_eq!(outside(&text), [1, 2]);
    }

    #[test]
    fn sources_figures_and_numbered_sections_stay() {
        let text = format!(
            "{ARTICLE}\nSee also\n\nNotes\n\n  * Smith, A. (2019). Libraries. p. 4.[3]\n  * 4.2 Opening hours\n  * 1894 1921 1968 2004\n  * Back to top\n"
        );
        assert_eq!(outside(&text), [20]);
    }

    #[test]
    fn dates_and_bylines_far_from_the_article_are_not_its_own() {
        let mut text =
            format!("  * News\n  * Sport\n\nBy Ann Smith\n\n12 March 2024\n\n{ARTICLE}\n");
        for n in 0..6 {
            text.push_str(&format!("Council news, part {n}\n\n"));
        }
        text.push_str("By Bo Li\n\n11 March 2024\n");
        let found = outside(&text);
        // The article's own byline and date stay; the teaser's, far below, do not.
        assert!(!found.contains(&4) && !found.contains(&6), "{found:?}");
        assert!(found.contains(&32) && found.contains(&34), "{found:?}");
    }

    #[test]
    fn prose_with_titles_and_notices_around_it_is_a_page_only_with_chrome_of_another_kind() {
        // A licence: its title and version over the prose, its notice under it.
        let licence = format!(
            "Mozilla Public License\n\nVersion 2.0\n\nDefinitions of the terms used\n\n{ARTICLE}\nExhibit A - Source Code Form License Notice\n\nEnd of the terms\n\nThis notice applies to every file\n"
        );
        assert!(outside(&licence).is_empty(), "{:?}", outside(&licence));
        // A menu of list items outside the prose shows a page.
        let page = format!("  * News\n  * Sport\n\n{licence}");
        assert_eq!(outside(&page), [1, 2, 26]);
        // So does a line that a phrase of the chrome data finds, when its rule runs too.
        let page = format!("{licence}\nShare this article\n");
        let found = found_lines(&page, &[&RULE, &super::super::boilerplate_phrase::RULE]);
        assert_eq!(found, [23, 25]);
    }

    #[test]
    fn documents_without_an_article_get_nothing() {
        let roster = "  * Home\n  * Team\n\nOur team\n\n  * Ann Smith, chair\n  * Bo Li, treasurer\n\nWe meet on Tuesdays.\n";
        assert!(outside(roster).is_empty());
    }
}
