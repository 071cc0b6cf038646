//! Finding mojibake: UTF-8 text that was decoded as windows-1252 or latin-1. Each run of
//! characters that windows-1252 (or latin-1) can encode is encoded back to bytes, and the
//! valid UTF-8 sequences among them that decode to a plausible character are mojibake.

use crate::text::non_ascii_spans;
use crate::text::span::Span;

/// How many rounds of repair are tried for text that was mis-decoded more than once.
const MAX_ROUNDS: usize = 3;

/// Whether `offset` falls inside one of the mojibake runs `found` (sorted, as `find` gives them).
pub fn covers(found: &[(Span, String)], offset: usize) -> bool {
    let after = found.partition_point(|(span, _)| span.end <= offset);
    found
        .get(after)
        .is_some_and(|(span, _)| span.start <= offset)
}

/// Every run of mojibake in `text`, with its repaired form.
pub fn find(text: &str) -> Vec<(Span, String)> {
    let mut found = Vec::new();
    let mut run: Vec<(usize, char)> = Vec::new();
    // Mojibake is non-ASCII characters only, at least two of them: four bytes or more.
    for span in non_ascii_spans(text).filter(|span| span.end - span.start >= 4) {
        for (offset, c) in text[span.start..span.end].char_indices() {
            if sloppy_byte(c).is_some() {
                run.push((span.start + offset, c));
                continue;
            }
            find_in_run(&run, &mut found);
            run.clear();
        }
        find_in_run(&run, &mut found);
        run.clear();
    }
    found
}

/// Finds the mojibake sequences of one run of windows-1252-encodable characters,
/// merging adjacent ones into one finding.
fn find_in_run(run: &[(usize, char)], found: &mut Vec<(Span, String)>) {
    if run.len() < 2 {
        return;
    }
    let bytes: Vec<u8> = run.iter().filter_map(|&(_, c)| sloppy_byte(c)).collect();
    let sequences = utf8_sequences(&bytes);
    let plausible: Vec<&Sequence> = sequences
        .iter()
        .enumerate()
        .filter(|&(i, seq)| {
            // Sequences are in order: a neighbour is the one just before or just after.
            let touches = |j: Option<usize>| {
                j.and_then(|j| sequences.get(j))
                    .is_some_and(|other| other.end == seq.start || other.start == seq.end)
            };
            let has_neighbour = touches(i.checked_sub(1)) || touches(Some(i + 1));
            seq.plausible(has_neighbour, run)
        })
        .map(|(_, seq)| seq)
        .collect();
    let mut i = 0;
    while i < plausible.len() {
        let mut j = i;
        while j + 1 < plausible.len() && plausible[j + 1].start == plausible[j].end {
            j += 1;
        }
        let (first, last) = (plausible[i], plausible[j]);
        let start = run[first.start].0;
        let end = run[last.end - 1].0 + run[last.end - 1].1.len_utf8();
        let once: String = plausible[i..=j].iter().map(|seq| seq.decoded).collect();
        found.push((Span::new(start, end), repair_rounds(once)));
        i = j + 1;
    }
}

/// Text mis-decoded twice still reads as mojibake after one repair: repeat while it does.
fn repair_rounds(mut text: String) -> String {
    for _ in 1..MAX_ROUNDS {
        match find(&text).as_slice() {
            [(span, repaired)] if span.start == 0 && span.end == text.len() => {
                text = repaired.clone();
            }
            _ => break,
        }
    }
    text
}

/// A valid multi-byte UTF-8 sequence found at `start..end` in a run's bytes.
struct Sequence {
    start: usize,
    end: usize,
    decoded: char,
}

fn utf8_sequences(bytes: &[u8]) -> Vec<Sequence> {
    let mut sequences = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let len = match bytes[i] {
            0xc2..=0xdf => 2,
            0xe0..=0xef => 3,
            0xf0..=0xf4 => 4,
            _ => {
                i += 1;
                continue;
            }
        };
        let decoded = bytes
            .get(i..i + len)
            .and_then(|seq| std::str::from_utf8(seq).ok())
            .and_then(|s| s.chars().next());
        match decoded {
            Some(decoded) => {
                sequences.push(Sequence {
                    start: i,
                    end: i + len,
                    decoded,
                });
                i += len;
            }
            None => i += 1,
        }
    }
    sequences
}

impl Sequence {
    /// Whether the sequence is mojibake rather than real text; some sequences count only
    /// beside another one (`has_neighbour`).
    fn plausible(&self, has_neighbour: bool, run: &[(usize, char)]) -> bool {
        let d = self.decoded as u32;
        if self.end - self.start > 2 {
            if matches!(d, 0x80..=0x9f | 0xe000..=0xf8ff | 0xfffe..=0xffff | 0xf0000..) {
                return false;
            }
            // `â€™` and its kind (general punctuation behind a lead `â`) are the common
            // case; a lone CJK-looking sequence can be real text (`é`, a no-break space and
            // `“` in French typography), so it needs a neighbour.
            return run[self.start].1 == 'â' || self.end - self.start == 4 || has_neighbour;
        }
        if matches!(d, 0x80..=0x9f | 0x250..=0x36f) {
            return false;
        }
        let lead = run[self.start].1;
        let follower = run[self.start + 1].1;
        if matches!(lead, 'Â' | 'Ã') && d <= 0xff {
            return true;
        }
        let rtl_or_rare = (0x590..=0x7ff).contains(&d);
        let real_text_pair = matches!(
            follower,
            '‘' | '’' | '“' | '”' | '…' | '–' | '—' | '•' | '«' | '»' | '·' | '°'
        );
        if rtl_or_rare || real_text_pair {
            return has_neighbour;
        }
        true
    }
}

/// The byte a character stands for when UTF-8 was decoded as windows-1252, falling
/// back to latin-1 for the five bytes windows-1252 leaves undefined.
pub fn sloppy_byte(c: char) -> Option<u8> {
    let code = c as u32;
    if (0x80..=0xff).contains(&code) {
        return Some(code as u8);
    }
    Some(match c {
        '€' => 0x80,
        '‚' => 0x82,
        'ƒ' => 0x83,
        '„' => 0x84,
        '…' => 0x85,
        '†' => 0x86,
        '‡' => 0x87,
        'ˆ' => 0x88,
        '‰' => 0x89,
        'Š' => 0x8a,
        '‹' => 0x8b,
        'Œ' => 0x8c,
        'Ž' => 0x8e,
        '‘' => 0x91,
        '’' => 0x92,
        '“' => 0x93,
        '”' => 0x94,
        '•' => 0x95,
        '–' => 0x96,
        '—' => 0x97,
        '˜' => 0x98,
        '™' => 0x99,
        'š' => 0x9a,
        '›' => 0x9b,
        'œ' => 0x9c,
        'ž' => 0x9e,
        'Ÿ' => 0x9f,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_which_offsets_are_mojibake() {
        // `a “b” c` as UTF-8 decoded as windows-1252.
        let garbled = encoding_rs::WINDOWS_1252.decode("a “b” c".as_bytes()).0;
        let text: &str = &garbled;
        let found = find(text);
        let repaired: Vec<&str> = found.iter().map(|(_, r)| r.as_str()).collect();
        assert_eq!(repaired, ["“", "”"]);
        assert!(covers(&found, 2));
        assert!(!covers(&found, 0));
        assert!(!covers(&found, text.len() - 1));
    }

    #[test]
    fn encodes_back_sloppily() {
        assert_eq!(sloppy_byte('€'), Some(0x80));
        assert_eq!(sloppy_byte('\u{81}'), Some(0x81));
        assert_eq!(sloppy_byte('é'), Some(0xe9));
        assert_eq!(sloppy_byte('a'), None);
        assert_eq!(sloppy_byte('中'), None);
    }
}
