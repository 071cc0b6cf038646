//! Finding the article of a scraped page: the stretch of running prose that the chrome
//! around it (menus, teasers, comment boxes, footers) is not.
//!
//! Each paragraph is scored by what it looks like: running prose (a sentence of some
//! length, dense in the stop words of the page's language, as jusText measures it) scores
//! its words; menus, labels and link titles cost; code and numbers are neutral, as
//! articles hold listings and tables. The article is the stretch of paragraphs with the
//! highest total (the maximum-sum segment), so a heading or a list between two body
//! paragraphs stays inside it, while a run of menu items that outweighs the prose next to
//! it ends it.
//!
//! Only a page gets an article: a document laid out one paragraph per line, with several
//! prose paragraphs. Hard-wrapped text (books, licences, RFCs), Markdown, and pages whose
//! content is a table or a list have none, and page-position rules leave them alone.

mod comments;
mod reading;

use comments::comment_sections;
use reading::{Kind, Unit, units};

use crate::data::stop_words::StopWords;
use crate::document::Document;
use crate::text::header_lines;

/// A page has at least this many prose paragraphs...
const MIN_PROSE_PARAGRAPHS: usize = 3;
/// ...this many words of prose in its article...
const MIN_ARTICLE_WORDS: usize = 150;
/// ...and its prose is laid out one paragraph per line: prose on single lines has at least
/// this many times the words of prose wrapped over several.
const SINGLE_LINE_PROSE_RATIO: usize = 2;

/// Where the article of a page is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Article {
    /// Its first and last 0-based lines.
    pub first_line: usize,
    pub last_line: usize,
    /// Words of its prose paragraphs.
    pub prose_words: usize,
}

impl Article {
    pub fn contains(&self, line: usize) -> bool {
        self.first_line <= line && line <= self.last_line
    }

    /// Lines from `line` to the article, 0 inside it.
    pub fn distance(&self, line: usize) -> usize {
        if line < self.first_line {
            self.first_line - line
        } else {
            line.saturating_sub(self.last_line)
        }
    }
}

/// What a page is made of: its article, and the comment sections after it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Layout {
    /// None when the document is not a page with an article.
    pub article: Option<Article>,
    pub comments: Vec<CommentSection>,
    /// The first and last lines of code listings: content wherever they stand.
    pub listings: Vec<(usize, usize)>,
}

/// Comments under an article: a run of comment headers (a name with the time it was
/// posted) and what follows each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CommentSection {
    pub first_line: usize,
    pub last_line: usize,
    /// Comment headers in it.
    pub comments: usize,
}

/// The layout of `document`: empty unless it is a page with an article.
pub fn analyse(document: &Document, stop_words: &StopWords) -> Layout {
    // Markdown, reStructuredText, documents in underlined sections, files that open with
    // `Field: value` headers (mail, package metadata) and Debian control files (fields
    // whose long lines are separated by ` .` lines) are laid out by their own rules.
    if document.structure.is_markdown()
        || document.is_restructured_text()
        || document.has_underlined_sections()
        || header_lines(&document.text) > 0
        || memchr::memmem::find(document.text.as_bytes(), b"\n .\n").is_some()
    {
        return Layout::default();
    }
    let (mut units, listings) = units(document, stop_words);
    if units.iter().filter(|u| u.code).count() * 3 >= units.len() {
        return Layout::default();
    }
    let Some(first_reading) = article(&units) else {
        return Layout::default();
    };
    // Posts that come before any prose are the content of the page (a forum thread), not
    // comments on it.
    let sections: Vec<_> = comment_sections(document, &units)
        .into_iter()
        .filter(|&(first, _, _)| units[first].first_line > first_reading.first_line)
        .collect();
    for &(first, last, _) in &sections {
        for unit in &mut units[first..=last] {
            unit.kind = Kind::Comment;
        }
    }
    let Some(article) = article(&units) else {
        return Layout::default();
    };
    let comments = sections
        .iter()
        .map(|&(first, last, comments)| CommentSection {
            first_line: units[first].first_line,
            last_line: units[last].last_line,
            comments,
        })
        .collect();
    Layout {
        article: Some(article),
        comments,
        listings,
    }
}

/// The article made of `units`, if they make a page.
fn article(units: &[Unit]) -> Option<Article> {
    let prose = || units.iter().filter(|u| u.kind == Kind::Prose);
    if prose().count() < MIN_PROSE_PARAGRAPHS {
        return None;
    }
    let (single, wrapped) = prose().fold((0, 0), |(single, wrapped), u| {
        if u.page_line {
            (single + u.words, wrapped)
        } else {
            (single, wrapped + u.words)
        }
    });
    if single < SINGLE_LINE_PROSE_RATIO * wrapped {
        return None;
    }
    let (first, last) = best_segment(units)?;
    let prose_words = units[first..=last]
        .iter()
        .filter(|u| u.kind == Kind::Prose)
        .map(|u| u.words)
        .sum();
    (prose_words >= MIN_ARTICLE_WORDS).then(|| Article {
        first_line: units[first].first_line,
        last_line: units[last].last_line,
        prose_words,
    })
}

/// The stretch of units with the highest total score (Kadane's maximum-sum segment).
fn best_segment(units: &[Unit]) -> Option<(usize, usize)> {
    let mut best: Option<(f32, usize, usize)> = None;
    let (mut sum, mut start) = (0.0f32, 0);
    for (i, unit) in units.iter().enumerate() {
        if sum <= 0.0 {
            sum = 0.0;
            start = i;
        }
        sum += unit.score();
        if sum > 0.0 && best.is_none_or(|(b, _, _)| sum > b) {
            best = Some((sum, start, i));
        }
    }
    best.map(|(_, first, last)| (first, last))
}

/// The language a document's article finder would read it in.
#[cfg(test)]
fn language_of(document: &Document) -> Option<crate::data::stop_words::Language> {
    StopWords::get().guess(document.paragraphs.iter().map(|p| document.slice(p.span)))
}

/// Six paragraphs of a news story, one per line: an article, for tests.
#[cfg(test)]
pub(super) const TEST_ARTICLE: &str = "\
The council voted on Tuesday to keep the library open until nine in the evening, after a year in which the number of visitors had doubled.

Members of the public who spoke at the meeting said that the building was the only warm and quiet place in the town where they could work.

The extra hours will be paid for by a grant from the county, which has promised to review the decision at the end of the next financial year.

Staff at the library said they were pleased with the decision but that they would need more volunteers to run the evening sessions for children.

The library first opened in the old corn exchange in 1894, and it has moved twice since then, each time to a larger building closer to the station.

A decision on the future of the mobile library, which serves the villages to the north of the town, is expected when the council meets in the spring.
";

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(path: &str, text: &str) -> Document {
        Document::from_bytes(path.into(), text.as_bytes().to_vec())
    }

    fn prose() -> Vec<&'static str> {
        TEST_ARTICLE.trim_end().split("\n\n").collect()
    }

    fn page(before: &[&str], after: &[&str]) -> String {
        let mut lines: Vec<&str> = before.to_vec();
        lines.push("Library to stay open late");
        lines.extend(prose());
        lines.extend(after);
        lines.join("\n\n") + "\n"
    }

    #[test]
    fn the_article_is_the_prose_between_the_menus() {
        let menu = [
            "  * News",
            "  * Sport",
            "  * Weather",
            "  * Business",
            "  * Culture",
        ];
        let text = format!(
            "{}\n\n{}",
            menu.join("\n"),
            page(
                &[],
                &[
                    "Most read",
                    "  * Pay rise for nurses",
                    "  * Storm closes bridge",
                    "  * Contact us"
                ]
            )
        );
        let document = doc("page.txt", &text);
        let article = analyse(&document, StopWords::get())
            .article
            .expect("an article");
        let line = |needle: &str| {
            text.lines()
                .position(|l| l.contains(needle))
                .unwrap_or(usize::MAX)
        };
        assert_eq!(article.first_line, line("The council voted"));
        assert_eq!(article.last_line, line("A decision on the future"));
        assert_eq!(
            language_of(&document).map(|l| StopWords::get().code(l)),
            Some("en")
        );
    }

    #[test]
    fn a_heading_between_paragraphs_stays_inside() {
        let prose = prose();
        let mut lines: Vec<&str> = prose[..2].to_vec();
        lines.push("What happens next");
        lines.extend(&prose[2..]);
        let text = lines.join("\n\n") + "\n";
        let article = analyse(&doc("page.txt", &text), StopWords::get())
            .article
            .expect("an article");
        assert_eq!((article.first_line, article.last_line), (0, 12));
    }

    #[test]
    fn a_document_in_underlined_sections_has_no_article() {
        let prose = prose();
        let text = format!(
            "History\n=======\n\n{}\n\nThe library today\n-----------------\n\n{}\n",
            prose[..3].join("\n\n"),
            prose[3..].join("\n\n")
        );
        assert!(doc("notes.txt", &text).has_underlined_sections());
        let layout = analyse(&doc("notes.txt", &text), StopWords::get());
        assert_eq!(layout.article, None);
        // One underlined heading is a title, and the prose under it reads as an article.
        let text = format!("History\n=======\n\n{}\n", prose.join("\n\n"));
        assert!(!doc("notes.txt", &text).has_underlined_sections());
        assert!(
            analyse(&doc("notes.txt", &text), StopWords::get())
                .article
                .is_some()
        );
    }

    /// A teaser: a section label, a source, a comment count, a headline and its blurb.
    fn teaser(headline: &str, blurb: &'static str) -> Vec<String> {
        ["World", "Wire service", "12 comments", headline, blurb]
            .iter()
            .map(|s| s.to_string())
            .collect()
    }

    #[test]
    fn the_blurbs_of_a_teaser_list_stay_outside() {
        let prose = prose();
        let mut lines: Vec<String> = page(&[], &[]).lines().map(String::from).collect();
        for (n, blurb) in prose[..4].iter().enumerate() {
            lines.push(String::new());
            for line in teaser(&format!("Other story number {n} of the day"), blurb) {
                lines.push(line);
                lines.push(String::new());
            }
        }
        let text = lines.join(
            "
",
        ) + "
";
        let article = analyse(&doc("page.txt", &text), StopWords::get())
            .article
            .expect("an article");
        // Each blurb is as well written as the article, but stands alone among labels.
        assert_eq!((article.first_line, article.last_line), (2, 12), "{text}");
    }

    #[test]
    fn a_standfirst_before_share_buttons_stays_with_the_article() {
        let standfirst = "Readers in the north of the town will be able to borrow books until late in the evening from next month, the council said.";
        let before = [
            "  * News",
            "  * Sport",
            "  * Weather",
            "Library to stay open late",
            standfirst,
            "  * Share",
            "  * Tweet",
            "  * Email",
        ];
        let mut lines = before.to_vec();
        lines.extend(prose());
        // Teasers elsewhere on the page make a lone paragraph suspect; the standfirst is
        // not one of them.
        let teasers: Vec<String> = [prose()[0], prose()[1]]
            .iter()
            .enumerate()
            .flat_map(|(n, blurb)| teaser(&format!("Other story number {n}"), blurb))
            .collect();
        lines.extend(teasers.iter().map(String::as_str));
        let text = lines.join(
            "

",
        ) + "
";
        let article = analyse(&doc("page.txt", &text), StopWords::get())
            .article
            .expect("an article");
        assert_eq!(article.first_line, 8, "{text}");
    }

    #[test]
    fn documents_that_are_not_pages_have_no_article() {
        let wrapped = prose()
            .iter()
            .map(|p| textwrap(p))
            .collect::<Vec<_>>()
            .join("\n\n");
        assert_eq!(
            analyse(&doc("book.txt", &wrapped), StopWords::get()),
            Layout::default()
        );
        let markdown = page(&[], &[]);
        assert_eq!(
            analyse(&doc("README.md", &markdown), StopWords::get()),
            Layout::default()
        );
        // The same text is a page when plain; reStructuredText is not.
        assert_ne!(
            analyse(&doc("page.txt", &markdown), StopWords::get()),
            Layout::default()
        );
        assert_eq!(
            analyse(&doc("example.rst", &markdown), StopWords::get()),
            Layout::default()
        );
        // Headers first (mail, package metadata): not a page.
        let headed = format!("Metadata-Version: 2.4\nName: example\n\n{markdown}");
        assert_eq!(
            analyse(&doc("METADATA.txt", &headed), StopWords::get()),
            Layout::default()
        );
        for markup in [
            "The following example lists the snapshots. ::\n\n    aws ec2 describe-snapshots\n",
            ".. image:: diagram.png\n",
        ] {
            let text = format!("{markdown}\n\n{markup}");
            assert_eq!(
                analyse(&doc("example.txt", &text), StopWords::get()),
                Layout::default(),
                "{markup}"
            );
        }
        let debian = format!(
            "Files: *\nLicense: X\n{}\n",
            prose()
                .iter()
                .map(|p| format!(" {p}"))
                .collect::<Vec<_>>()
                .join("\n .\n")
        );
        assert_eq!(
            analyse(&doc("copyright", &debian), StopWords::get()),
            Layout::default()
        );
        let program = format!(
            "{}\nint main(void) {{\n    return 0;\n}}\n",
            prose()
                .iter()
                .map(|p| format!("// {p}\n"))
                .collect::<String>()
        );
        assert_eq!(
            analyse(&doc("main.c", &program), StopWords::get()),
            Layout::default()
        );
        let short = prose()[..2].join("\n\n");
        assert_eq!(
            analyse(&doc("note.txt", &short), StopWords::get()),
            Layout::default()
        );
    }

    /// `text` wrapped at about 60 columns.
    fn textwrap(text: &str) -> String {
        let mut out = String::new();
        let mut width = 0;
        for word in text.split(' ') {
            if width + word.len() > 60 {
                out.push('\n');
                width = 0;
            } else if width > 0 {
                out.push(' ');
                width += 1;
            }
            out.push_str(word);
            width += word.len();
        }
        out
    }
}
