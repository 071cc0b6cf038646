//! L003 `hard-wrapped-paragraph` (opt-in): a paragraph of prose broken over several lines.

use crate::diagnostic::edit::{Edit, Fix};
use crate::diagnostic::{Family, Severity};
use crate::diagnostic::{FixAvailability, Rule};
use crate::rules::check::{Check, Lint, Reporter};
use crate::rules::document_context::DocumentContext;
use crate::text::is_cjk;
use crate::text::span::Span;

pub const RULE: Rule = Rule {
    code: "L003",
    name: "hard-wrapped-paragraph",
    family: Family::Layout,
    severity: Severity::Info,
    fix: FixAvailability::Safe,
    opt_in: true,
    summary: "A paragraph hard-wrapped over several lines (opt-in: select L003)",
    docs: r#"## What it does
Reports a paragraph of plain text broken over several lines at a fixed width, as books,
licences and e-mails are written: lines of about the same width, broken inside
sentences. Markdown files are left alone: their line breaks are soft already. corpuslint reads such a paragraph as one unit whether or not this rule runs.

This rule is opt-in: `ALL`, `L` and `layout` do not turn it on; select it by its
code or name (`--select L003`, `select = ["ALL", "hard-wrapped-paragraph"]`). Hard
wrapping is a layout many corpora keep on purpose.

## Why it matters
Some pipelines want one paragraph per line: a tokenizer or a sentence splitter fed
wrapped text sees a line break in the middle of every other sentence.

## Example
```text
It was the best of times, it was the worst of times, it was the age
of wisdom, it was the age of foolishness...
```

## Fix
Safe (it runs only when selected): join the lines of the paragraph with one space, or
with nothing between two CJK characters, and drop the indentation of the joined lines.

## Configuration
None: select it to use it.
"#,
};

/// The rule with its check, as the registry lists it.
pub const LINT: Lint = Lint {
    rule: &RULE,
    check: Check::Document(check),
};

fn check(context: &DocumentContext, report: &mut Reporter) {
    let doc = context.doc;
    for (index, paragraph) in doc.paragraphs.iter().enumerate() {
        // In Markdown, line breaks inside a paragraph are soft: rendering joins them.
        if paragraph.first_line() == paragraph.last_line()
            || doc.structure.is_markdown()
            || doc.is_verbatim_paragraph(index)
        {
            continue;
        }
        let mut edits = Vec::new();
        for line in paragraph.first_line()..paragraph.last_line() {
            let end = doc.lines.line_end(line, &doc.text);
            let kept = doc.text[..end].trim_end().len();
            let next = doc.lines_span(line + 1, line + 1);
            let next_text = doc.slice(next);
            let start = next.start + (next_text.len() - next_text.trim_start().len());
            let glue = match (
                doc.text[..kept].chars().next_back(),
                doc.text[start..].chars().next(),
            ) {
                (Some(a), Some(b)) if is_cjk(a) && is_cjk(b) => "",
                _ => " ",
            };
            edits.push(Edit::replace(Span::new(kept, start), glue));
        }
        let lines = paragraph.last_line() - paragraph.first_line() + 1;
        report
            .report(
                &RULE,
                paragraph.span,
                format!("paragraph hard-wrapped over {lines} lines"),
            )
            .with_label("one paragraph")
            .with_help("join its lines into one")
            .with_fix(Fix::safe(edits));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_support::{fixed, flagged};

    const WRAPPED: &str = "It was the best of times, it was the worst of times, it was the age\n\
                           of wisdom, it was the age of foolishness, it was the epoch of belief,\n\
                           it was the epoch of incredulity.\n\
                           \n\
                           Short line.\n";

    #[test]
    fn joins_the_lines_of_a_wrapped_paragraph() {
        assert_eq!(flagged(&RULE, WRAPPED).len(), 1);
        assert_eq!(
            fixed(&RULE, WRAPPED),
            "It was the best of times, it was the worst of times, it was the age of wisdom, it was the age of foolishness, it was the epoch of belief, it was the epoch of incredulity.\n\nShort line.\n"
        );
        let cjk = "网络空间安全不能仅仅从信息技术和网络安全的角度来狭义\n地定义，而应该提升到战略高度来考虑，作为国家安全的问\n题，而不仅仅是技术问题。\n";
        assert_eq!(
            fixed(&RULE, cjk),
            "网络空间安全不能仅仅从信息技术和网络安全的角度来狭义地定义，而应该提升到战略高度来考虑，作为国家安全的问题，而不仅仅是技术问题。\n"
        );
    }

    #[test]
    fn is_opt_in_and_leaves_one_line_paragraphs_alone() {
        let selected = |select: &[&str]| {
            let settings = crate::settings::Settings {
                select: select.iter().map(|s| s.to_string()).collect(),
                ..Default::default()
            };
            let rules = settings.rules().expect("valid selectors");
            rules.iter().any(|rule| rule.code == RULE.code)
        };
        assert!(!selected(&["ALL"]) && !selected(&["L"]) && !selected(&["layout"]));
        assert!(selected(&["ALL", "L003"]) && selected(&["hard-wrapped-paragraph"]));
        assert!(flagged(&RULE, "One line.\n\nAnother line.\n").is_empty());
    }
}
