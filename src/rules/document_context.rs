//! What document rules see: the document, the rule data, the family options, and the
//! scans that several rules share, each run at most once per document and only when a
//! rule asks for it.

use std::cell::OnceCell;

use crate::data::RuleData;
use crate::document::Document;
use crate::rules::options::RuleOptions;
use crate::text::code::{code_spans, merged, within};
use crate::text::has_non_ascii;
use crate::text::line_endings::LineEndings;
use crate::text::mojibake;
use crate::text::restructured;
use crate::text::span::Span;

/// One document as the document rules see it; made for one document on one thread.
pub struct DocumentContext<'a> {
    pub doc: &'a Document,
    pub data: &'a RuleData,
    pub options: &'a RuleOptions,
    non_ascii: OnceCell<bool>,
    mojibake: OnceCell<Vec<mojibake::Mojibake>>,
    line_endings: OnceCell<LineEndings>,
    code: OnceCell<Vec<Span>>,
}

impl<'a> DocumentContext<'a> {
    pub fn new(doc: &'a Document, data: &'a RuleData, options: &'a RuleOptions) -> Self {
        Self {
            doc,
            data,
            options,
            non_ascii: OnceCell::new(),
            mojibake: OnceCell::new(),
            line_endings: OnceCell::new(),
            code: OnceCell::new(),
        }
    }

    /// The document's decoded text.
    pub fn text(&self) -> &'a str {
        &self.doc.text
    }

    /// Whether the text has a non-ASCII character: the rules about non-ASCII characters
    /// have nothing to look at in most documents of many corpora.
    pub fn has_non_ascii(&self) -> bool {
        *self.non_ascii.get_or_init(|| has_non_ascii(self.text()))
    }

    /// The runs of mojibake, sorted, with their repaired text: the mojibake rule reports
    /// them, and the rules whose characters mojibake is made of leave them alone.
    pub fn mojibake(&self) -> &[mojibake::Mojibake] {
        self.mojibake.get_or_init(|| {
            if self.has_non_ascii() {
                mojibake::find(self.text())
            } else {
                Vec::new()
            }
        })
    }

    /// The line terminators, by kind.
    pub fn line_endings(&self) -> &LineEndings {
        self.line_endings
            .get_or_init(|| LineEndings::scan(self.text()))
    }

    /// Whether byte `at` of the text is written as code (a fenced block, a span between
    /// backticks, a literal, doctest or code block of reStructuredText): an example there
    /// shows its characters on purpose, whatever they are.
    pub fn in_code(&self, at: usize) -> bool {
        within(
            self.code.get_or_init(|| {
                let spans = code_spans(self.text());
                if self.doc.is_restructured_text() {
                    merged(spans, restructured::code_blocks(self.text()))
                } else {
                    spans
                }
            }),
            at,
        )
    }
}
