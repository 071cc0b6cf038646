//! The code of a reStructuredText document: literal blocks (the indented block after a
//! paragraph that ends with `::`), the bodies of code directives (`.. code-block:: python`)
//! and doctest blocks (an interactive session, from a `>>>` line to the next blank line).
//! Sphinx shows them as written: `b'&#223;'` in the output of an example is meant.

use super::span::Span;

/// Directives whose body is code, shown as written.
const CODE_DIRECTIVES: [&str; 8] = [
    "code",
    "code-block",
    "sourcecode",
    "doctest",
    "testcode",
    "testoutput",
    "parsed-literal",
    "highlight",
];

/// The byte ranges of `text`, read as reStructuredText, that are code, in order and
/// apart: each block's lines, from the first to the last non-blank one.
pub fn code_blocks(text: &str) -> Vec<Span> {
    let mut blocks = Vec::new();
    // The indentation a literal block or a directive's body must exceed, once its
    // opening line has been read.
    let mut opened_at: Option<usize> = None;
    // The block being read: where it starts and ends, and the indentation it must exceed
    // (`None` for a doctest block, which runs to a blank line).
    let mut block: Option<(usize, usize, Option<usize>)> = None;
    let mut previous_blank = true;
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let start = at;
        at += line.len();
        let content = line.trim_end();
        let blank = content.is_empty();
        let indent = content.len() - content.trim_start().len();
        if let Some((first, last, limit)) = block {
            let goes_on = match limit {
                Some(limit) => blank || indent > limit,
                None => !blank,
            };
            if goes_on {
                if !blank {
                    block = Some((first, start + content.len(), limit));
                }
                previous_blank = blank;
                continue;
            }
            blocks.push(Span::new(first, last));
            block = None;
        }
        if blank {
            previous_blank = true;
            continue;
        }
        if let Some(limit) = opened_at.take()
            && indent > limit
        {
            block = Some((start, start + content.len(), Some(limit)));
        } else if previous_blank && content.trim_start().starts_with(">>>") {
            block = Some((start, start + content.len(), None));
        }
        if block.is_none() && opens_code(content.trim_start()) {
            opened_at = Some(indent);
        }
        previous_blank = false;
    }
    if let Some((first, last, _)) = block {
        blocks.push(Span::new(first, last));
    }
    blocks
}

/// Whether a line (its indentation taken off) opens code under it: it ends with `::`
/// (`Example::`, or `::` alone), or it is a code directive (`.. code-block:: python`).
fn opens_code(line: &str) -> bool {
    if let Some(directive) = line.strip_prefix(".. ")
        && let Some((name, _)) = directive.split_once("::")
    {
        return CODE_DIRECTIVES.contains(&name.trim());
    }
    line.ends_with("::")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(text: &str) -> Vec<&str> {
        code_blocks(text)
            .into_iter()
            .map(|s| &text[s.start..s.end])
            .collect()
    }

    #[test]
    fn literal_blocks_run_while_indented() {
        let text =
            "The call returns::\n\n    >>> f('&#62;')\n\n    b'&#62;'\n\nThen prose &amp; more.\n";
        assert_eq!(code(text), ["    >>> f('&#62;')\n\n    b'&#62;'"]);
        // Under an indented paragraph, the block is indented further still.
        let nested = "   Example::\n\n      x = 1\n\n   Back to the item.\n";
        assert_eq!(code(nested), ["      x = 1"]);
        // A colon alone opens nothing; nor does `::` inside a line.
        assert!(code("Note:\n\n    indented quote\n").is_empty());
        assert!(code("Use a::b here.\n\n    quoted\n").is_empty());
    }

    #[test]
    fn doctest_blocks_run_to_a_blank_line() {
        let text = "Encoding it:\n\n>>> 'ß'.encode('ascii', 'xmlcharrefreplace')\nb'&#223;'\n\nAnd prose.\n";
        assert_eq!(
            code(text),
            [">>> 'ß'.encode('ascii', 'xmlcharrefreplace')\nb'&#223;'"]
        );
        // A `>>>` inside a paragraph is no session.
        assert!(code("He wrote\n>>> quoted mail\n").is_empty());
    }

    #[test]
    fn code_directives_hold_code_and_other_directives_do_not() {
        let text = ".. code-block:: html\n   :linenos:\n\n   <p>&copy;</p>\n\nText.\n\n.. note::\n\n   A note &amp; prose.\n";
        assert_eq!(code(text), ["   :linenos:\n\n   <p>&copy;</p>"]);
    }

    #[test]
    fn a_block_left_open_runs_to_the_end() {
        assert_eq!(
            code("Run::\n\n    make &amp;&amp; make install"),
            ["    make &amp;&amp; make install"]
        );
        assert_eq!(code("::\n\n\tx\n"), ["\tx"]);
    }
}
