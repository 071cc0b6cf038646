//! UTF-8 decoded with a single-byte codec: each run of characters the codec can encode is
//! encoded back to bytes, and the valid multi-byte UTF-8 sequences among them are
//! candidates, repaired in as many rounds as the text was garbled.

use super::codecs::{self, Bytes};
use super::score::badness;
use crate::text::span::Span;

/// The codecs UTF-8 is wrongly decoded with, in the order ties are broken. Latin-1 is
/// covered by windows-1252, whose table reads C1 controls as latin-1 does.
const WRONG_DECODERS: [usize; 13] = [
    codecs::WINDOWS_1252,
    codecs::MAC_ROMAN,
    codecs::WINDOWS_1251,
    codecs::WINDOWS_1250,
    codecs::ISO_8859_2,
    codecs::ISO_8859_15,
    codecs::WINDOWS_1253,
    codecs::WINDOWS_1254,
    codecs::WINDOWS_1257,
    codecs::KOI8_R,
    codecs::KOI8_U,
    codecs::CP437,
    codecs::CP850,
];

/// How many layers of garbling are undone at most.
const MAX_LAYERS: usize = 3;

/// How much less plausible a span must be as written than repaired to count as mojibake.
const THRESHOLD: f32 = 2.0;
/// The same for the text a repair gave: that it was valid UTF-8 once already is evidence.
const INNER_THRESHOLD: f32 = 1.0;

/// A possible repair of `span`: the wrong decodings found, outermost first.
#[derive(Clone, Debug)]
pub struct Candidate {
    pub span: Span,
    pub repaired: String,
    pub layers: Vec<usize>,
    pub score: f32,
    /// Plausible but not proven on its own: counts only where the same codec garbled
    /// other runs of the text beyond doubt.
    pub weak: bool,
}

/// Adds the candidates of the non-ASCII run `span` of `text` to `out`.
pub fn candidates(text: &str, span: Span, depth: usize, out: &mut Vec<Candidate>) {
    let run = &text[span.start..span.end];
    let chars: Vec<(usize, char, Option<&Bytes>)> = run
        .char_indices()
        .map(|(offset, c)| (span.start + offset, c, codecs::bytes_of(c)))
        .collect();
    // The codecs in which some character could start a sequence that the next continues:
    // most runs of real text have none.
    let possible = chars
        .windows(2)
        .fold(0u16, |set, pair| match (pair[0].2, pair[1].2) {
            (Some(a), Some(b)) => set | (a.lead & b.continuation),
            _ => set,
        });
    if possible == 0 {
        return;
    }
    for codec in WRONG_DECODERS
        .into_iter()
        .filter(|&c| possible & (1 << c) != 0)
    {
        let byte = |i: usize| {
            chars
                .get(i)
                .and_then(|c| c.2)
                .map_or(0, |bytes| bytes.of[codec])
        };
        let mut i = 0;
        while i < chars.len() {
            let Some((len, decoded)) = sequence_at(&byte, i, chars.len()) else {
                i += 1;
                continue;
            };
            // Adjacent sequences are one cluster: one word, one finding.
            let start = i;
            let mut repaired = String::new();
            let mut evidence = 0.0;
            let mut at = i;
            let mut next = Some((len, decoded));
            while let Some((len, decoded)) = next {
                repaired.push(decoded);
                // A longer valid sequence is less likely by chance.
                evidence += 0.5 * (len - 1) as f32;
                at += len;
                next = sequence_at(&byte, at, chars.len());
            }
            i = at;
            let first = chars[start].0;
            let last = chars[at - 1];
            let span = Span::new(first, last.0 + last.1.len_utf8());
            // Windows-1252 reads C1 controls only by falling back to latin-1: where another
            // codec has them natively (ISO-8859-15), that one is the likelier.
            let fallback = codec == codecs::WINDOWS_1252
                && chars[start..at]
                    .iter()
                    .any(|c| ('\u{80}'..='\u{9f}').contains(&c.1));
            if fallback {
                evidence -= 0.25;
            }
            if let Some(candidate) = score(text, span, repaired, codec, evidence, depth) {
                out.push(candidate);
            }
        }
    }
}

/// The valid UTF-8 sequence of two bytes or more starting at char `i`, with its length in
/// characters and the character it encodes.
fn sequence_at(byte: &impl Fn(usize) -> u8, i: usize, n: usize) -> Option<(usize, char)> {
    let len = match byte(i) {
        0xc2..=0xdf => 2,
        0xe0..=0xef => 3,
        0xf0..=0xf4 => 4,
        _ => return None,
    };
    if i + len > n {
        return None;
    }
    let mut buf = [0u8; 4];
    for (k, slot) in buf.iter_mut().enumerate().take(len) {
        *slot = byte(i + k);
    }
    let decoded = std::str::from_utf8(&buf[..len]).ok()?.chars().next()?;
    // Private use is never what the text meant. C1 controls can be: as one layer of
    // several (`Ù\u{81}` is `ف` read as windows-1252); the score weighs them.
    if matches!(decoded as u32, 0xe000..=0xf8ff | 0xfffe..=0xffff | 0xf0000..) {
        return None;
    }
    Some((len, decoded))
}

fn score(
    text: &str,
    span: Span,
    once: String,
    codec: usize,
    evidence: f32,
    depth: usize,
) -> Option<Candidate> {
    let mut layers = vec![codec];
    let mut repaired = once;
    let before = text[..span.start].chars().next_back();
    let after = text[span.end..].chars().next();
    let with_context = |middle: &str| {
        let mut s = String::with_capacity(middle.len() + 8);
        s.extend(before);
        s.push_str(middle);
        s.extend(after);
        s
    };
    let lead = before.map_or(0, char::len_utf8);
    // Text garbled twice still reads as mojibake after one repair; the characters around
    // the span are part of the evidence for each layer too.
    while depth + layers.len() < MAX_LAYERS {
        let context = with_context(&repaired);
        let inner: Vec<Candidate> = super::find_candidates(&context, depth + layers.len())
            .into_iter()
            .filter(|c| c.span.start >= lead && c.span.end <= lead + repaired.len())
            .map(|mut c| {
                c.span = Span::new(c.span.start - lead, c.span.end - lead);
                c
            })
            .collect();
        let Some(first) = inner.first() else { break };
        layers.extend(first.layers.iter().copied());
        repaired = apply(&repaired, &inner);
    }
    let cleaner =
        badness(&with_context(&text[span.start..span.end])) - badness(&with_context(&repaired));
    let gain = cleaner + evidence.min(2.0);
    // Valid UTF-8 alone is no proof: the repair must also read better, unless the text
    // is itself the repair of an outer layer.
    let threshold = if depth == 0 {
        THRESHOLD
    } else {
        INNER_THRESHOLD
    };
    let strong = gain >= threshold && (depth > 0 || cleaner > 0.0);
    let weak = !strong && depth == 0 && cleaner >= 0.0;
    (strong || weak).then_some(Candidate {
        span,
        repaired,
        layers,
        score: gain,
        weak,
    })
}

/// `text` with the candidates (sorted, not overlapping) replaced by their repairs.
fn apply(text: &str, candidates: &[Candidate]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for candidate in candidates {
        out.push_str(&text[at..candidate.span.start]);
        out.push_str(&candidate.repaired);
        at = candidate.span.end;
    }
    out.push_str(&text[at..]);
    out
}
