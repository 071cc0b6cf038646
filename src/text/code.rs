//! Code written into plain text: fenced blocks (```` ``` ```` or `~~~` lines, as in a
//! package's Markdown description kept as `.txt`) and inline spans between backticks.
//! What is written as code keeps its characters: `&lt;` in an example is meant.

use super::span::Span;

/// Whether `line` opens or closes a fenced code block.
pub fn is_fence(line: &str) -> bool {
    let line = line.trim_start_matches(['\u{feff}', ' ']);
    line.starts_with("```") || line.starts_with("~~~")
}

/// The byte ranges of `text` written as code, in order: the lines of fenced blocks,
/// fences included (a block left open runs to the end), and inline spans between runs of
/// backticks of one length on one line, backticks included.
pub fn code_spans(text: &str) -> Vec<Span> {
    scan(text, true)
}

/// The fenced blocks of `text` alone, fences included, in order.
pub fn fenced_blocks(text: &str) -> Vec<Span> {
    scan(text, false)
}

fn scan(text: &str, inline: bool) -> Vec<Span> {
    let mut spans = Vec::new();
    let mut fence_start: Option<usize> = None;
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let end = at + line.len();
        if is_fence(line) {
            match fence_start.take() {
                Some(start) => spans.push(Span::new(start, end)),
                None => fence_start = Some(at),
            }
        } else if inline && fence_start.is_none() {
            inline_spans(line, at, &mut spans);
        }
        at = end;
    }
    if let Some(start) = fence_start {
        spans.push(Span::new(start, text.len()));
    }
    spans
}

/// Adds the spans between backtick runs of `line` (at byte `offset` of its text).
fn inline_spans(line: &str, offset: usize, spans: &mut Vec<Span>) {
    let bytes = line.as_bytes();
    let mut i = 0;
    while let Some(open) = memchr::memchr(b'`', &bytes[i..]).map(|p| p + i) {
        let run = bytes[open..].iter().take_while(|&&b| b == b'`').count();
        let mut j = open + run;
        let mut closed = None;
        while let Some(close) = memchr::memchr(b'`', &bytes[j..]).map(|p| p + j) {
            let close_run = bytes[close..].iter().take_while(|&&b| b == b'`').count();
            if close_run == run {
                closed = Some(close + close_run);
                break;
            }
            j = close + close_run;
        }
        match closed {
            Some(end) => {
                spans.push(Span::new(offset + open, offset + end));
                i = end;
            }
            None => i = open + run,
        }
    }
}

/// The spans of `a` and `b` (each sorted) as one sorted list, those that overlap joined:
/// what [`within`] reads.
pub fn merged(a: Vec<Span>, b: Vec<Span>) -> Vec<Span> {
    let mut all = a;
    all.extend(b);
    all.sort_unstable_by_key(|s| (s.start, s.end));
    let mut joined: Vec<Span> = Vec::with_capacity(all.len());
    for span in all {
        match joined.last_mut() {
            Some(last) if span.start < last.end => last.end = last.end.max(span.end),
            _ => joined.push(span),
        }
    }
    joined
}

/// Whether `at` lies in one of `spans` (sorted, apart).
pub fn within(spans: &[Span], at: usize) -> bool {
    let i = spans.partition_point(|s| s.end <= at);
    spans.get(i).is_some_and(|s| s.start <= at)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(text: &str) -> Vec<&str> {
        code_spans(text)
            .iter()
            .map(|s| &text[s.start..s.end])
            .collect()
    }

    #[test]
    fn merged_spans_are_sorted_and_apart() {
        let spans = |list: &[(usize, usize)]| -> Vec<Span> {
            list.iter().map(|&(a, b)| Span::new(a, b)).collect()
        };
        let joined = merged(
            spans(&[(2, 4), (10, 12)]),
            spans(&[(0, 3), (6, 8), (11, 20)]),
        );
        assert_eq!(joined, spans(&[(0, 4), (6, 8), (10, 20)]));
        assert!(within(&joined, 15) && !within(&joined, 5));
    }

    #[test]
    fn finds_fenced_blocks_and_inline_spans() {
        let text = "Use `a &lt; b` here.\n```py\n>>> x &amp; y\n```\nThen ``x ` y`` and `open\n";
        assert_eq!(
            code(text),
            ["`a &lt; b`", "```py\n>>> x &amp; y\n```\n", "``x ` y``"]
        );
        assert_eq!(code("~~~\nleft open\n"), ["~~~\nleft open\n"]);
        let spans = code_spans(text);
        assert!(within(&spans, text.find("&lt;").expect("in")));
        assert!(!within(&spans, text.find("here").expect("in")));
    }
}
