//! Finding mojibake: text that was decoded with the wrong codec, once or several times.
//! Two kinds are found:
//! - UTF-8 decoded with a single-byte codec (windows-1252, latin-1, MacRoman, windows-125x,
//!   ISO-8859-x, KOI8, DOS code pages), possibly in layers: runs of characters that encode
//!   back to valid multi-byte UTF-8 ([`utf8`]);
//! - text in one single-byte codec decoded with another: C1 controls, or words whose
//!   letters make sense only in the other codec ([`single_byte`]).
//!
//! Neither kind is found by a character pair alone: each candidate repair must make its
//! span more plausible by a margin ([`score`]), so all-caps text and product names with
//! an accented capital beside a symbol stay clean. Garbling that a text shows on purpose,
//! to explain it, is no mojibake of the text ([`shown`]).

pub mod codecs;
mod score;
mod shown;
mod single_byte;
mod utf8;

#[cfg(test)]
mod tests;

use crate::text::non_ascii_spans;
use crate::text::span::Span;
use shown::Shown;

/// One run of mojibake and its repair.
#[derive(Clone, Debug, PartialEq)]
pub struct Mojibake {
    pub span: Span,
    pub repaired: String,
    pub cause: Cause,
}

/// How the text was garbled.
#[derive(Clone, Debug, PartialEq)]
pub enum Cause {
    /// UTF-8 decoded with these codecs, the first decoding first.
    Utf8(Vec<&'static str>),
    /// Text in the first codec decoded with the second.
    SingleByte(&'static str, &'static str),
}

impl Cause {
    /// How the text was garbled, for a message: `UTF-8 read as windows-1251, then as
    /// windows-1252`.
    pub fn describe(&self) -> String {
        match self {
            Cause::Utf8(chain) => format!("UTF-8 read as {}", chain.join(", then as ")),
            Cause::SingleByte(real, read_as) => format!("{real} text read as {read_as}"),
        }
    }

    /// Whether the repair can be applied without review: a UTF-8 repair is exact, a
    /// single-byte one is a guess between codecs.
    pub fn is_exact(&self) -> bool {
        matches!(self, Cause::Utf8(_))
    }
}

/// Whether `offset` falls inside one of the mojibake runs `found` (sorted, as `find` gives them).
pub fn covers(found: &[Mojibake], offset: usize) -> bool {
    overlaps(found, Span::new(offset, offset + 1))
}

/// Whether one of the mojibake runs `found` (sorted, as `find` gives them) shares a byte
/// with `span`.
pub fn overlaps(found: &[Mojibake], span: Span) -> bool {
    let after = found.partition_point(|m| m.span.end <= span.start);
    found.get(after).is_some_and(|m| m.span.start < span.end)
}

/// Every run of mojibake in `text`, sorted, with its repaired form.
pub fn find(text: &str) -> Vec<Mojibake> {
    let all = codecs::codecs();
    let mut runs = candidate_runs(text, 0);
    let examples = drop_examples(text, &mut runs);
    let mut found: Vec<Mojibake> = choose(runs)
        .into_iter()
        .map(|candidate| {
            let mut chain: Vec<&'static str> = candidate
                .layers
                .iter()
                .rev()
                .map(|&c| all[c].name)
                .collect();
            // Windows-1252 and latin-1 differ only where latin-1 has C1 controls.
            let text_c1 = text[candidate.span.start..candidate.span.end]
                .chars()
                .any(|c| ('\u{80}'..='\u{9f}').contains(&c));
            if text_c1
                && chain.last() == Some(&all[codecs::WINDOWS_1252].name)
                && let Some(last) = chain.last_mut()
            {
                *last = all[codecs::LATIN_1].name;
            }
            Mojibake {
                span: candidate.span,
                repaired: candidate.repaired,
                cause: Cause::Utf8(chain),
            }
        })
        .collect();
    single_byte::find(text, &mut found, &examples);
    found.sort_by_key(|m| m.span.start);
    found
}

/// Leaves out of `per_run` the runs that `text` shows on purpose, and gives their spans:
/// an example is no mojibake of the text, nor evidence that the text around it is
/// garbled. (Deeper layers are read from a repair, where nothing is shown on purpose.)
fn drop_examples(text: &str, per_run: &mut Vec<Vec<utf8::Candidate>>) -> Vec<Span> {
    let shown: Vec<Vec<Option<Shown>>> = per_run
        .iter()
        .map(|run| run.iter().map(|c| shown::shown(text, c.span)).collect())
        .collect();
    let garbled_elsewhere = per_run
        .iter()
        .flatten()
        .zip(shown.iter().flatten())
        .any(|(c, shown)| !c.weak && shown.is_none());
    let mut examples = Vec::new();
    for (run, shown) in per_run.iter_mut().zip(shown) {
        let mut shown = shown.into_iter();
        run.retain(|candidate| {
            let example = match shown.next().flatten() {
                Some(Shown::Quoted) => true,
                Some(Shown::BesideAnEncoding) => !garbled_elsewhere,
                None => false,
            };
            if example {
                examples.push(candidate.span);
            }
            !example
        });
    }
    per_run.retain(|run| !run.is_empty());
    examples
}

/// The best non-overlapping UTF-8 repairs of `text`, sorted; `depth` is how many layers
/// were already undone to get `text`.
fn find_candidates(text: &str, depth: usize) -> Vec<utf8::Candidate> {
    choose(candidate_runs(text, depth))
}

/// The possible UTF-8 repairs of each run of non-ASCII characters of `text` that has some.
fn candidate_runs(text: &str, depth: usize) -> Vec<Vec<utf8::Candidate>> {
    let mut per_run: Vec<Vec<utf8::Candidate>> = Vec::new();
    // Mojibake is non-ASCII characters only, at least two of them: four bytes or more.
    for span in non_ascii_spans(text).filter(|span| span.end - span.start >= 4) {
        let mut candidates = Vec::new();
        utf8::candidates(text, span, depth, &mut candidates);
        if !candidates.is_empty() {
            per_run.push(candidates);
        }
    }
    per_run
}

/// The best of the candidates of each run, not overlapping, sorted.
fn choose(per_run: Vec<Vec<utf8::Candidate>>) -> Vec<utf8::Candidate> {
    // A text was garbled by one tool: where codecs disagree on a run, the codec that
    // explains the most of the text wins.
    let mut totals = [0.0f32; codecs::COUNT];
    let mut strong = [0usize; codecs::COUNT];
    for candidate in per_run.iter().flatten().filter(|c| !c.weak) {
        totals[candidate.layers[0]] += candidate.score;
        strong[candidate.layers[0]] += 1;
    }
    let dominant =
        (0..codecs::COUNT).fold(0, |best, c| if totals[c] > totals[best] { c } else { best });
    let weight = |c: &utf8::Candidate| c.score + if c.layers[0] == dominant { 1.0 } else { 0.0 };
    let mut chosen = Vec::new();
    for mut candidates in per_run {
        // Best first; the codec order breaks ties (the sort is stable).
        candidates.sort_by(|a, b| weight(b).total_cmp(&weight(a)));
        let first = chosen.len();
        for candidate in candidates {
            // A weak run needs a sure one of its codec elsewhere in the text.
            if candidate.weak && strong[candidate.layers[0]] == 0 {
                continue;
            }
            let overlaps = chosen[first..].iter().any(|c: &utf8::Candidate| {
                c.span.start < candidate.span.end && candidate.span.start < c.span.end
            });
            if !overlaps {
                chosen.push(candidate);
            }
        }
        chosen[first..].sort_by_key(|c| c.span.start);
    }
    chosen
}
