use memchr::memchr_iter;

use crate::diagnostic::edit::{Edit, Fix};
use crate::diagnostic::{Family, Severity};
use crate::diagnostic::{FixAvailability, Rule};
use crate::rules::check::{Check, Lint, Reporter};
use crate::rules::document_context::DocumentContext;
use crate::text::chars::{is_control, is_unusual_space};
use crate::text::escape_invisible;
use crate::text::span::Span;

pub const RULE: Rule = Rule {
    code: "E011",
    name: "html-entity",
    family: Family::Encoding,
    severity: Severity::Warning,
    fix: FixAvailability::Sometimes,
    opt_in: false,
    summary: "HTML character references left in the text (`&amp;`, `&nbsp;`, `&#8217;`)",
    docs: r#"## What it does
Reports HTML character references that a scraper failed to decode: named ones
(`&amp;`, `&nbsp;`, `&rsquo;`, any of the HTML5 names) and numeric ones (`&#8217;`,
`&#x2019;`). Only complete references ending in `;` that decode to something are
reported, so `AT&T` and `R&D;` are left alone. Markdown files are not checked:
Markdown renders character references, so there they are markup, not residue; nor are
HTML pages kept as text (opening with `<!DOCTYPE html>` or `<html>`). Nor is
code written into plain text, in a fenced block (```` ``` ````), between backticks or,
in reStructuredText, in a literal, doctest or code block: `` `&lt;script&gt;` `` in an
example is meant; nor is a text that writes about
references, quoting one outside code (`"&lt;"`, `'&amp;'`), as the change log of an HTML
tool does: its other references are meant too (`escapes these as &lt;, &gt; and
&amp;`).

## Why it matters
`Johnson &amp; Johnson` is not `Johnson & Johnson` for search, deduplication or a
language model; `&#8217;` in the middle of a word splits it in three tokens.

## Example
`Johnson &amp; Johnson`, `Beijing&#8217;s`, `10&nbsp;km`

## Fix
Safe: replace the reference with the character it stands for; a reference to a space
character (`&nbsp;`, `&thinsp;`) becomes a plain space, one to a control character is
deleted. Unsafe where the text may write about the reference rather than leave it
over: on a line with HTML tags (`fallback="false">&#xd7;</span>`), as a word of its
own standing for a space (`Convert SP to &#32;.`), or anywhere in a plain-text document
laid out by hand, its prose hard-wrapped or its headings underlined (a change log, a
NEWS file: `Convert -> to &rarr;`). A scraper leaves references in pages it sets one
paragraph per line; a person writing a change log writes them on purpose.

## Configuration
None. Silence with `--ignore E011`; a corpus about HTML itself may want that.
"#,
};

/// The rule with its check, as the registry lists it.
pub const LINT: Lint = Lint {
    rule: &RULE,
    check: Check::Document(check),
};

/// The longest HTML5 entity name (`&CounterClockwiseContourIntegral;`) is 33 bytes.
const MAX_REFERENCE_LEN: usize = 34;

fn check(context: &DocumentContext, report: &mut Reporter) {
    // Markdown renders character references: in Markdown they are markup, not residue;
    // so does an HTML page kept as text.
    let text = context.text();
    if context.doc.structure.is_markdown() || context.doc.is_html_page() {
        return;
    }
    // Whether the line last looked at holds a tag, tested once per line.
    let mut tagged: Option<(usize, bool)> = None;
    // Asked of the few documents with a reference that decodes.
    let mut about_references: Option<bool> = None;
    let mut by_hand: Option<bool> = None;
    for start in memchr_iter(b'&', text.as_bytes()) {
        let Some(len) = reference_len(&text[start..]) else {
            continue;
        };
        // An example written as code shows the reference on purpose.
        if context.in_code(start) {
            continue;
        }
        let span = Span::new(start, start + len);
        let reference = &text[span.start..span.end];
        let decoded = html_escape::decode_html_entities(reference);
        if decoded == reference {
            continue;
        }
        if *about_references.get_or_insert_with(|| writes_about_references(context)) {
            return;
        }
        let replacement = plain(&decoded);
        // A reference the text writes about (`Convert SP to &#32;`, `"&minus;"`, beside
        // the tags it is written with) is reported, but decoded only on request.
        let doc = context.doc;
        let line = doc.lines.line_of(span.start);
        let line_span = doc.lines_span(line, line);
        let on_tagged_line = match tagged {
            Some((l, tag)) if l == line => tag,
            _ => {
                let tag = has_tag(doc.slice(line_span));
                tagged = Some((line, tag));
                tag
            }
        };
        let fix = if on_tagged_line
            || mentioned(text, line_span, span, &decoded)
            || *by_hand.get_or_insert_with(|| doc.is_laid_out_by_hand())
        {
            Fix::unsafe_(vec![Edit::replace(span, replacement.clone())])
        } else {
            Fix::safe(vec![Edit::replace(span, replacement.clone())])
        };
        report
            .report(
                &RULE,
                span,
                format!(
                    "HTML character reference `{reference}` left in the text (`{}`)",
                    escape_invisible(&decoded)
                ),
            )
            .with_label(format!("should be `{}`", escape_invisible(&replacement)))
            .with_help("the text was not fully decoded from HTML; decode the reference")
            .with_fix(fix);
    }
}

/// Whether the text writes about character references: it quotes one outside code
/// (`"&lt;"`, `'&amp;'`), as the change log of an HTML tool or a page about HTML does.
/// Its other references are meant too (`now maps &quot; to "`, `escapes these as &lt;,
/// &gt; and &amp;`); a scraper's residue stands where the character should, never
/// between quotes of its own.
fn writes_about_references(context: &DocumentContext) -> bool {
    let text = context.text();
    memchr_iter(b'&', text.as_bytes()).any(|start| {
        reference_len(&text[start..]).is_some_and(|len| {
            quoted(text, Span::new(start, start + len)) && !context.in_code(start)
        })
    })
}

/// Whether the text at `span` stands between two of the same quote marks.
fn quoted(text: &str, span: Span) -> bool {
    let before = text[..span.start].chars().next_back();
    let after = text[span.end..].chars().next();
    before.is_some_and(|b| matches!(b, '"' | '\'' | '`')) && before == after
}

/// Whether the reference at `span`, on the line `line`, is written about rather than left
/// over (as is one on a line with HTML tags, `fallback="false">&#xd7;</span>`): a word of
/// its own that stands for a space or a control character (`Convert SP to &#32;.`), which
/// decoding would turn into a gap.
fn mentioned(text: &str, line: Span, span: Span, decoded: &str) -> bool {
    let before = text[line.start..span.start].chars().next_back();
    let after = text[span.end..line.end].chars().next();
    let alone = before.is_none_or(char::is_whitespace)
        && after.is_none_or(|a| a.is_whitespace() || a.is_ascii_punctuation());
    let blank = decoded.chars().all(|c| c.is_whitespace() || is_control(c));
    alone && blank
}

/// Whether `line` holds an HTML tag: `<` and a letter, `/` or `!`, then `>`.
fn has_tag(line: &str) -> bool {
    line.match_indices('<').any(|(i, _)| {
        let rest = &line[i + 1..];
        rest.starts_with(|c: char| c.is_ascii_alphabetic() || c == '/' || c == '!')
            && rest.contains('>')
    })
}

/// The length of the reference at the start of `s` (`&name;`, `&#123;`, `&#x1F;`), if any.
fn reference_len(s: &str) -> Option<usize> {
    let bytes = s.as_bytes();
    let body_ok: fn(u8) -> bool;
    let body_start;
    match bytes.get(1)? {
        b'#' => match bytes.get(2)? {
            b'x' | b'X' => {
                body_start = 3;
                body_ok = |b| b.is_ascii_hexdigit();
            }
            _ => {
                body_start = 2;
                body_ok = |b| b.is_ascii_digit();
            }
        },
        b if b.is_ascii_alphabetic() => {
            body_start = 1;
            body_ok = |b| b.is_ascii_alphanumeric();
        }
        _ => return None,
    }
    let limit = bytes.len().min(MAX_REFERENCE_LEN);
    let body_len = bytes[body_start..limit]
        .iter()
        .take_while(|&&b| body_ok(b))
        .count();
    let semicolon = body_start + body_len;
    (body_len > 0 && bytes.get(semicolon) == Some(&b';')).then_some(semicolon + 1)
}

fn plain(decoded: &str) -> String {
    decoded
        .chars()
        .filter(|&c| !is_control(c) || c == '\n' || c == '\t')
        .map(|c| if is_unusual_space(c) { ' ' } else { c })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::edit::Applicability;
    use crate::rules::test_support::{fixed, flagged, flagged_named};

    #[test]
    fn reports_named_and_numeric_references() {
        assert_eq!(
            flagged(
                &RULE,
                "Johnson &amp; Johnson, Beijing&#8217;s, it&#x2019;s, &rsquo;"
            ),
            ["&amp;", "&#8217;", "&#x2019;", "&rsquo;"]
        );
    }

    #[test]
    fn decodes_references() {
        assert_eq!(
            fixed(&RULE, "A &amp; B &lt;tag&gt; it&#8217;s"),
            "A & B <tag> it’s"
        );
        assert_eq!(fixed(&RULE, "10&nbsp;km"), "10 km");
        assert_eq!(fixed(&RULE, "&#x41;&#66;C"), "ABC");
    }

    #[test]
    fn leaves_ampersands_alone() {
        for text in [
            "AT&T",
            "R&D; and more",
            "Q&A",
            "a & b",
            "&;",
            "&#;",
            "&#xZZ;",
            "&notanentity;",
        ] {
            assert!(flagged(&RULE, text).is_empty(), "{text}");
        }
    }

    #[test]
    fn leaves_html_pages_alone() {
        for text in [
            "<!DOCTYPE html>\n<html lang=\"en\">\n<p>json-c <i>&lt;at&gt;</i> example</p>\n",
            "\u{feff}\n  <HTML>\n<title>Changes &mdash; GCC</title>\n",
            "<?xml version=\"1.0\"?>\n<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0//EN\">\n<p>&lt;at&gt;</p>\n",
        ] {
            assert!(flagged(&RULE, text).is_empty(), "{text}");
        }
        // A page's text that mentions HTML is still checked.
        assert_eq!(
            flagged(&RULE, "The <html> tag &amp; its friends.\n").len(),
            1
        );
    }

    fn applicability(text: &str) -> Vec<Applicability> {
        crate::rules::test_support::applicability(&RULE, text)
    }

    #[test]
    fn references_written_about_are_decoded_only_on_request() {
        for text in [
            "(html_quote_string): Convert SP to &#32;.\n",
            "fallback=\"false\">&#xd7;</span>' --font=Wingdings\n",
        ] {
            assert_eq!(applicability(text), [Applicability::Unsafe], "{text}");
        }
        // Residue of a scraped page is decoded safely, standing alone or not.
        assert_eq!(
            applicability("The city &mdash; and its port &amp; docks, 10&nbsp;km away.\n"),
            [Applicability::Safe; 3]
        );
    }

    #[test]
    fn a_text_that_quotes_a_reference_writes_about_them() {
        let text = "- Added an expression for entities such as \"&lt;\" and \"&amp;\".\n\n\
                    - Fixed a bug in asXML(): the XML now escapes these as &lt;, &gt; and\n  &amp;.\n";
        assert_eq!(flagged(&RULE, text), [] as [&str; 0]);
        let text = "EntityArrays typo: {\"\\u2122\", '&minus;'}, // minus sign\n";
        assert_eq!(flagged(&RULE, text), [] as [&str; 0]);
        // Residue between the quotes of a quotation is not quoted itself.
        let text = "He said: \"&quot;Hello&quot;, it&#8217;s me.\"\n";
        assert_eq!(flagged(&RULE, text), ["&quot;", "&quot;", "&#8217;"]);
    }

    #[test]
    fn leaves_code_alone() {
        let text = "Escaped: `&lt;b&gt;`.\n\n```pycon\n>>> escape('<')\nMarkup('&lt;')\n```\n\nBut Johnson &amp; Johnson.\n";
        let found = flagged(&RULE, text);
        assert_eq!(found.len(), 1, "{found:?}");
    }

    #[test]
    fn references_in_text_laid_out_by_hand_are_decoded_only_on_request() {
        let log = "2011-03-02  Jane Doe\n\n\t* specs/protocol.xml: Convert the arrows to &rarr; and the\n\tquotes to typographic ones, and check the whole file once more.\n\n\t* specs/intro.xml: Fix the links of the introduction, which\n\tpointed at the old location of the specification on the site.\n";
        assert_eq!(applicability(log), [Applicability::Unsafe]);
        let page = "Johnson &amp; Johnson said on Monday that it would sell its consumer health unit this year.\nThe company did not say how much it expected to raise from the sale of the unit.\n";
        assert_eq!(applicability(page), [Applicability::Safe]);
    }

    #[test]
    fn leaves_the_examples_of_restructured_text_alone() {
        let text = "Escaping\n========\n\n>>> html.escape('x > 2 && y')\n'x &gt; 2 &amp;&amp; y'\n\nThe output::\n\n    b'German &#223;'\n\nBut Johnson &amp; Johnson.\n";
        assert_eq!(flagged_named(&RULE, "howto.rst", text), ["&amp;"]);
        // In plain text, a `>>>` line is no session: it may quote mail.
        assert_eq!(flagged(&RULE, &text.replace("::", ":")).len(), 5);
    }
}
