//! The structure of a document as a reader sees it: what each line is (prose, heading,
//! list item, code...), which byte spans are verbatim, and where Markdown breaks a line
//! on purpose.
//!
//! Markdown files (`.md`, `.markdown`) are parsed as Markdown, and so are text files
//! that are Markdown source (see [`reads_as_markdown`]). Plain text keeps no
//! per-line data: its lines are prose, but for the front matter at the top, which is
//! all a plain-text structure records. A corpus holds many documents for the whole run,
//! and most of them are plain text.

use std::path::Path;

use crate::text::span::Span;

/// What a line of a document is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LineRole {
    /// An empty or whitespace-only line outside code.
    Blank,
    /// Text of a paragraph.
    Prose,
    /// An ATX heading, or a setext heading with its underline.
    Heading,
    /// A list item, its continuation lines and the paragraphs it holds.
    ListItem,
    /// A fenced code block with its fences, or an indented code block.
    Code,
    /// An HTML block.
    Html,
    /// A table, its delimiter row included.
    Table,
    /// A paragraph inside a block quote.
    Quote,
    /// A thematic break (`---`, `***`).
    ThematicBreak,
    /// The front matter block at the top, both fences included.
    FrontMatter,
}

impl LineRole {
    /// Lines whose text is not prose for a reader: code, HTML, tables, headings, breaks
    /// and front matter. Heuristics about prose (chrome, phrases) have nothing to say
    /// about them.
    pub fn is_prose(self) -> bool {
        matches!(self, LineRole::Prose | LineRole::ListItem | LineRole::Quote)
    }
}

/// What a verbatim span of Markdown is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VerbatimKind {
    /// A code block (fences included) or an inline code span (backticks included).
    Code,
    /// An HTML block or inline HTML.
    Html,
    /// An autolink, `<https://...>` or `<name@example.org>`.
    Autolink,
}

/// Text a Markdown renderer shows as written: rules that rewrite text leave it alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Verbatim {
    pub span: Span,
    pub kind: VerbatimKind,
}

/// The structure of a document: see the module documentation.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Structure {
    /// Number of lines the front matter takes (0 without front matter).
    front_matter_lines: usize,
    /// What only Markdown documents have; plain text pays one pointer.
    markdown: Option<Box<MarkdownParts>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct MarkdownParts {
    /// One role per line.
    roles: Box<[LineRole]>,
    /// Sorted, non-overlapping.
    verbatim: Box<[Verbatim]>,
    /// 0-based lines that end in a hard line break made of trailing spaces, sorted.
    hard_breaks: Box<[usize]>,
}

/// Whether a file of this path is read as Markdown.
pub fn is_markdown_path(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown"))
}

/// A text file with at least this many ATX headings after a blank line and alone...
const MIN_MARKDOWN_HEADINGS: usize = 2;

/// ...and Markdown links or fenced code (or one heading and link definitions) is
/// Markdown source under another name: a
/// project's `CHANGELOG.txt`, documentation saved as `.txt`. Read as plain text, its
/// headings and link lists look like a page's menus. Comment lines of a configuration
/// file (`# Set the port`) come in runs, not set off, and hold no links.
pub fn reads_as_markdown(text: &str) -> bool {
    let bytes = text.as_bytes();
    // Most text has no line that starts with `#`: one search rules it out.
    if !bytes.starts_with(b"#") && memchr::memmem::find(bytes, b"\n#").is_none() {
        return false;
    }
    let (mut headings, mut fences, mut links, mut definitions) = (0, 0, 0, 0);
    let mut in_fence = false;
    let mut after_blank = true;
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.next() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            in_fence = !in_fence;
            fences += 1;
        } else if !in_fence {
            let hashes = trimmed.len() - trimmed.trim_start_matches('#').len();
            let heading = trimmed.len() == line.len()
                && (1..=6).contains(&hashes)
                && trimmed[hashes..].starts_with(' ')
                && !trimmed[hashes..].trim().is_empty();
            let alone = lines.peek().is_none_or(|next| !next.starts_with('#'));
            if heading && after_blank && alone {
                headings += 1;
            }
            if line.contains("](") {
                links += 1;
            }
            if is_link_definition(line) {
                definitions += 1;
            }
        }
        after_blank = line.trim().is_empty();
    }
    (headings >= MIN_MARKDOWN_HEADINGS && (fences >= 2 || links > 0))
        || (headings > 0 && definitions >= MIN_LINK_DEFINITIONS)
}

/// A text file with one heading is Markdown source when it defines this many links.
const MIN_LINK_DEFINITIONS: usize = 2;

/// `[Node.js website]: https://nodejs.org/`: a Markdown link reference definition.
fn is_link_definition(line: &str) -> bool {
    line.strip_prefix('[')
        .and_then(|rest| rest.split_once("]: "))
        .is_some_and(|(label, target)| {
            !label.is_empty() && !target.is_empty() && !target.contains(char::is_whitespace)
        })
}

/// A structure and the lines that start a block (Markdown only): a paragraph, heading,
/// list item, code or HTML block, table, quote or break. Segmentation needs the starts
/// once, the document keeps the structure.
pub(crate) struct Built {
    pub structure: Structure,
    pub block_starts: Vec<bool>,
}

impl Structure {
    /// The structure of a plain-text document.
    pub(crate) fn plain(front_matter_lines: usize) -> Self {
        Self {
            front_matter_lines,
            markdown: None,
        }
    }

    /// The structure of a Markdown document: one role per line, the verbatim spans
    /// sorted and apart, the lines with a hard break sorted.
    pub(crate) fn markdown(
        front_matter_lines: usize,
        roles: Vec<LineRole>,
        verbatim: Vec<Verbatim>,
        hard_breaks: Vec<usize>,
    ) -> Self {
        Self {
            front_matter_lines,
            markdown: Some(Box::new(MarkdownParts {
                roles: roles.into_boxed_slice(),
                verbatim: verbatim.into_boxed_slice(),
                hard_breaks: hard_breaks.into_boxed_slice(),
            })),
        }
    }

    /// Whether the document was read as Markdown.
    pub fn is_markdown(&self) -> bool {
        self.markdown.is_some()
    }

    /// Number of lines the front matter at the top takes, fences included (0 without).
    pub fn front_matter_lines(&self) -> usize {
        self.front_matter_lines
    }

    /// The role of the 0-based `line`. In plain text every line after the front matter
    /// is `Prose`, blank or not: ask the text whether it is blank.
    pub fn role(&self, line: usize) -> LineRole {
        if line < self.front_matter_lines {
            return LineRole::FrontMatter;
        }
        self.markdown
            .as_ref()
            .and_then(|md| md.roles.get(line).copied())
            .unwrap_or(LineRole::Prose)
    }

    /// The verbatim spans of a Markdown document, sorted (none in plain text).
    pub fn verbatim_spans(&self) -> &[Verbatim] {
        self.markdown.as_ref().map_or(&[], |md| &md.verbatim)
    }

    /// The verbatim span that overlaps `span`, if any. An empty `span` overlaps a
    /// verbatim span that holds its offset.
    pub fn verbatim_at(&self, span: Span) -> Option<&Verbatim> {
        let verbatim = self.verbatim_spans();
        let after = verbatim.partition_point(|v| v.span.end <= span.start);
        verbatim
            .get(after)
            .filter(|v| v.span.start < span.end.max(span.start + 1))
    }

    /// Whether `span` overlaps text Markdown shows verbatim (code, HTML, autolinks).
    pub fn is_verbatim(&self, span: Span) -> bool {
        self.verbatim_at(span).is_some()
    }

    /// Whether `span` overlaps a code block or code span.
    pub fn is_code(&self, span: Span) -> bool {
        self.verbatim_at(span)
            .is_some_and(|v| v.kind == VerbatimKind::Code)
    }

    /// Whether the 0-based `line` ends in a Markdown hard line break of two or more
    /// trailing spaces (the next line belongs to the same paragraph).
    pub fn has_hard_break(&self, line: usize) -> bool {
        self.markdown
            .as_ref()
            .is_some_and(|md| md.hard_breaks.binary_search(&line).is_ok())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Document;

    fn markdown(text: &str) -> Document {
        Document::from_bytes("README.md".into(), text.as_bytes().to_vec())
    }

    fn roles(doc: &Document) -> Vec<LineRole> {
        (0..doc.lines.line_count())
            .map(|line| doc.structure.role(line))
            .collect()
    }

    /// The text of each paragraph, and whether it is verbatim.
    fn paragraphs(doc: &Document) -> Vec<(&str, bool)> {
        (0..doc.paragraphs.len())
            .map(|p| {
                (
                    doc.slice(doc.paragraphs[p].span),
                    doc.is_verbatim_paragraph(p),
                )
            })
            .collect()
    }

    use LineRole::*;

    #[test]
    fn only_markdown_files_are_read_as_markdown() {
        assert!(is_markdown_path(Path::new("docs/README.md")));
        assert!(is_markdown_path(Path::new("notes.MARKDOWN")));
        assert!(!is_markdown_path(Path::new("README")));
        assert!(!is_markdown_path(Path::new("page.txt")));
        let plain =
            Document::from_bytes("a.txt".into(), b"# Not a heading\n\n    code?\n".to_vec());
        assert!(!plain.structure.is_markdown());
        assert_eq!(roles(&plain), [Prose, Prose, Prose]);
        assert!(plain.structure.verbatim_spans().is_empty());
    }

    #[test]
    fn text_files_that_are_markdown_source_are_read_as_markdown() {
        let changelog = "# Harbour 2 ChangeLog\n\n* [2.1.0](#2.1.0)\n* [2.0.0](#2.0.0)\n\n## 2024-03-02, Version 2.1.0\n\n* Faster start.\n";
        assert!(reads_as_markdown(changelog));
        let doc = Document::from_bytes("CHANGES.txt".into(), changelog.as_bytes().to_vec());
        assert!(doc.structure.is_markdown());
        assert_eq!(roles(&doc)[..3], [Heading, Blank, ListItem]);
        let fenced = "# Usage\n\nRun it:\n\n```\nharbour --check\n```\n\n# Licence\n\nMIT.\n";
        assert!(reads_as_markdown(fenced));
        let glossary = "# Glossary\n\n* **ABI**: [Application Binary Interface][]\n* **CLI**: [Command Line Interface][]\n\n[Application Binary Interface]: https://example.org/abi\n[Command Line Interface]: https://example.org/cli\n";
        assert!(reads_as_markdown(glossary));
        // One heading; comment lines of a configuration file; headings without links or code.
        assert!(!reads_as_markdown(
            "# Title\n\nSee [the site](https://example.org).\n"
        ));
        assert!(!reads_as_markdown(
            "# Port to listen on\n# (see [network] below)\nport = 80\n\n# Hosts\n# allowed](x)\nhosts = a\n"
        ));
        assert!(!reads_as_markdown(
            "# Part one\n\nText.\n\n# Part two\n\nMore text.\n"
        ));
    }

    #[test]
    fn a_byte_order_mark_does_not_hide_a_code_fence() {
        let doc = markdown("\u{feff}```\n[dependencies]\n```\n\nText.\n");
        assert_eq!(roles(&doc), [Code, Code, Code, Blank, Prose]);
    }

    #[test]
    fn atx_and_setext_headings() {
        let doc = markdown("# Title\n\nSub title\n---------\n\nText.\n\nOther\n=====\n");
        assert_eq!(
            roles(&doc),
            [
                Heading, Blank, Heading, Heading, Blank, Prose, Blank, Heading, Heading
            ]
        );
        assert_eq!(
            paragraphs(&doc),
            [
                ("# Title", false),
                ("Sub title\n---------", false),
                ("Text.", false),
                ("Other\n=====", false)
            ]
        );
    }

    #[test]
    fn nested_lists_are_one_paragraph_per_item() {
        let doc = markdown(
            "- the first item, whose text\n  goes on here\n  - a nested item\n    - deeper still\n- the second item\n\n1. one\n2. two\n",
        );
        assert_eq!(roles(&doc)[..5], [ListItem; 5]);
        let texts: Vec<&str> = paragraphs(&doc).into_iter().map(|(t, _)| t).collect();
        assert_eq!(
            texts,
            [
                "- the first item, whose text\n  goes on here",
                "  - a nested item",
                "    - deeper still",
                "- the second item",
                "1. one",
                "2. two"
            ]
        );
        assert!(doc.wraps_line(1));
        assert!(!doc.wraps_line(2));
    }

    #[test]
    fn fenced_code_is_verbatim_blank_lines_and_all() {
        let text = "Add this:\n\n```toml\n[dependencies]\nserde = \"1\"\n\n}\n```\n\nDone.\n";
        let doc = markdown(text);
        assert_eq!(
            roles(&doc),
            [
                Prose, Blank, Code, Code, Code, Code, Code, Code, Blank, Prose
            ]
        );
        assert_eq!(
            paragraphs(&doc),
            [
                ("Add this:", false),
                ("```toml\n[dependencies]\nserde = \"1\"\n\n}\n```", true),
                ("Done.", false)
            ]
        );
        let code = text.find("[dependencies]").expect("in the text");
        assert!(doc.structure.is_code(Span::new(code, code + 1)));
        assert!(!doc.structure.is_verbatim(Span::new(0, 4)));
    }

    #[test]
    fn indented_code_tables_and_html_blocks() {
        let doc = markdown(
            "Text before.\n\n    let x = 1;\n    let y = 2;\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n<div align=\"center\">\n  <img src=\"logo.png\">\n</div>\n",
        );
        assert_eq!(
            roles(&doc),
            [
                Prose, Blank, Code, Code, Blank, Table, Table, Table, Blank, Html, Html, Html
            ]
        );
        let units = paragraphs(&doc);
        assert_eq!(units.len(), 4);
        assert_eq!(units[1], ("    let x = 1;\n    let y = 2;", true));
        assert_eq!(units[2], ("| a | b |\n|---|---|\n| 1 | 2 |", false));
        assert!(units[3].1);
        let kinds: Vec<VerbatimKind> = doc
            .structure
            .verbatim_spans()
            .iter()
            .map(|v| v.kind)
            .collect();
        assert_eq!(kinds, [VerbatimKind::Code, VerbatimKind::Html]);
    }

    #[test]
    fn inline_code_html_and_autolinks_are_verbatim() {
        let text = "Run `cargo add foo` or see <https://example.org>, <b>now</b> &amp; then.\n";
        let doc = markdown(text);
        let spans: Vec<(&str, VerbatimKind)> = doc
            .structure
            .verbatim_spans()
            .iter()
            .map(|v| (doc.slice(v.span), v.kind))
            .collect();
        assert_eq!(
            spans,
            [
                ("`cargo add foo`", VerbatimKind::Code),
                ("<https://example.org>", VerbatimKind::Autolink),
                ("<b>", VerbatimKind::Html),
                ("</b>", VerbatimKind::Html)
            ]
        );
        let amp = text.find("&amp;").expect("in the text");
        assert!(!doc.structure.is_verbatim(Span::new(amp, amp + 5)));
    }

    #[test]
    fn front_matter_then_a_nested_list() {
        let doc = markdown("---\ntitle: A page\nauthor: Jane Doe\n---\n- one\n  - two\n");
        assert_eq!(doc.structure.front_matter_lines(), 4);
        assert_eq!(
            roles(&doc),
            [
                FrontMatter,
                FrontMatter,
                FrontMatter,
                FrontMatter,
                ListItem,
                ListItem
            ]
        );
        let texts: Vec<&str> = paragraphs(&doc).into_iter().map(|(t, _)| t).collect();
        assert_eq!(
            texts,
            [
                "---\ntitle: A page\nauthor: Jane Doe\n---",
                "- one",
                "  - two"
            ]
        );
        let plain = Document::from_bytes("a.txt".into(), b"---\ntitle: A\n---\nBody.\n".to_vec());
        assert_eq!(plain.structure.front_matter_lines(), 3);
        assert_eq!(plain.structure.role(1), FrontMatter);
        assert_eq!(plain.structure.role(3), Prose);
        assert_eq!(plain.paragraphs.len(), 2);
    }

    #[test]
    fn hard_line_breaks_are_trailing_spaces_inside_a_paragraph() {
        let doc = markdown(
            "Roses are red,  \nviolets are blue.\\\nSo it goes.\n\nLast line of a paragraph  \n\n> quoted  \n> on\n",
        );
        assert!(doc.structure.has_hard_break(0));
        // A backslash break has no trailing whitespace to keep.
        assert!(!doc.structure.has_hard_break(1));
        // Two spaces at the end of a paragraph break nothing.
        assert!(!doc.structure.has_hard_break(4));
        assert!(doc.structure.has_hard_break(6));
        assert_eq!(doc.structure.role(6), Quote);
    }

    #[test]
    fn quoted_paragraphs_are_separate() {
        let doc = markdown("> one line\n> and its wrap\n>\n> a second paragraph\n\n***\n");
        assert_eq!(
            roles(&doc),
            [Quote, Quote, Blank, Quote, Blank, ThematicBreak]
        );
        assert_eq!(doc.paragraphs.len(), 3);
    }
}
