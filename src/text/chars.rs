//! The one table of the characters that scraped text should not carry, or carries in a
//! form tools mistake: controls, breaks, unusual spaces and invisible characters, with
//! their names. The rules that report them, the normalized form that duplicate detection
//! compares and the escapes of messages all read it; where they treat characters
//! differently, the difference is a named class below.

use Invisible::*;
use Kind::{BreakControl, C1Control, CombiningMark, Control, Layout, Separator, UnusualSpace};

/// What a character of the table is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Tab, line feed and carriage return: the controls plain text is made of.
    Layout,
    /// Vertical tab and form feed: C0 controls that stand for a line or page break.
    BreakControl,
    /// U+2028 LINE SEPARATOR and U+2029 PARAGRAPH SEPARATOR: breaks, but not controls
    /// for Unicode.
    Separator,
    /// The other C0 controls, and DEL.
    Control,
    /// U+0080–U+009F, which text decoded with the wrong encoding is full of.
    C1Control,
    /// Space characters other than U+0020 that look like a space but are not one for
    /// tools. U+3000 IDEOGRAPHIC SPACE is not one: it is ordinary in CJK text.
    UnusualSpace,
    /// Characters that take no space on screen.
    Invisible(Invisible),
    /// U+0300–U+036F: combining accents, invisible as such only when shown on their own.
    CombiningMark,
}

/// The groups of invisible characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Invisible {
    /// U+00AD.
    SoftHyphen,
    /// U+180E.
    MongolianVowelSeparator,
    /// U+200B.
    ZeroWidthSpace,
    /// U+200C ZERO WIDTH NON-JOINER and U+200D ZERO WIDTH JOINER.
    Joiner,
    /// U+200E LEFT-TO-RIGHT MARK and U+200F RIGHT-TO-LEFT MARK.
    DirectionMark,
    /// U+202A–U+202E.
    BidiEmbedding,
    /// U+2060.
    WordJoiner,
    /// U+2061–U+2064.
    InvisibleOperator,
    /// U+2066–U+2069.
    BidiIsolate,
    /// U+FEFF: a byte-order mark at the start of a file, invisible junk anywhere else.
    ByteOrderMark,
}

impl Invisible {
    /// Joiners and direction marks do real work next to non-ASCII letters (Persian and
    /// Indic words, emoji sequences, Hebrew and Arabic text): they are junk only where
    /// context shows it.
    pub fn does_work_in_some_scripts(self) -> bool {
        matches!(self, Self::Joiner | Self::DirectionMark)
    }
}

/// One character, or a range of characters of one kind and name.
#[derive(Debug)]
pub struct Entry {
    /// The first character of the range.
    pub first: char,
    /// The last character of the range, `first` for one character.
    pub last: char,
    pub kind: Kind,
    /// The Unicode name, or the name of the range, as messages give it.
    pub name: &'static str,
}

const fn one(c: char, kind: Kind, name: &'static str) -> Entry {
    Entry {
        first: c,
        last: c,
        kind,
        name,
    }
}

const fn range(first: char, last: char, kind: Kind, name: &'static str) -> Entry {
    Entry {
        first,
        last,
        kind,
        name,
    }
}

/// The table, sorted by character.
pub const TABLE: &[Entry] = &[
    one('\u{0}', Control, "NUL"),
    one('\u{1}', Control, "SOH"),
    one('\u{2}', Control, "STX"),
    one('\u{3}', Control, "ETX"),
    one('\u{4}', Control, "EOT"),
    one('\u{5}', Control, "ENQ"),
    one('\u{6}', Control, "ACK"),
    one('\u{7}', Control, "BEL"),
    one('\u{8}', Control, "BS"),
    one('\t', Layout, "TAB"),
    one('\n', Layout, "LF"),
    one('\u{b}', BreakControl, "VT"),
    one('\u{c}', BreakControl, "FF"),
    one('\r', Layout, "CR"),
    one('\u{e}', Control, "SO"),
    one('\u{f}', Control, "SI"),
    one('\u{10}', Control, "DLE"),
    one('\u{11}', Control, "DC1"),
    one('\u{12}', Control, "DC2"),
    one('\u{13}', Control, "DC3"),
    one('\u{14}', Control, "DC4"),
    one('\u{15}', Control, "NAK"),
    one('\u{16}', Control, "SYN"),
    one('\u{17}', Control, "ETB"),
    one('\u{18}', Control, "CAN"),
    one('\u{19}', Control, "EM"),
    one('\u{1a}', Control, "SUB"),
    one('\u{1b}', Control, "ESC"),
    one('\u{1c}', Control, "FS"),
    one('\u{1d}', Control, "GS"),
    one('\u{1e}', Control, "RS"),
    one('\u{1f}', Control, "US"),
    one('\u{7f}', Control, "DEL"),
    range('\u{80}', '\u{9f}', C1Control, "C1 control"),
    one('\u{a0}', UnusualSpace, "NO-BREAK SPACE"),
    one('\u{ad}', Kind::Invisible(SoftHyphen), "SOFT HYPHEN"),
    range('\u{300}', '\u{36f}', CombiningMark, "COMBINING MARK"),
    one('\u{1680}', UnusualSpace, "OGHAM SPACE MARK"),
    one(
        '\u{180e}',
        Kind::Invisible(MongolianVowelSeparator),
        "MONGOLIAN VOWEL SEPARATOR",
    ),
    one('\u{2000}', UnusualSpace, "EN QUAD"),
    one('\u{2001}', UnusualSpace, "EM QUAD"),
    one('\u{2002}', UnusualSpace, "EN SPACE"),
    one('\u{2003}', UnusualSpace, "EM SPACE"),
    one('\u{2004}', UnusualSpace, "THREE-PER-EM SPACE"),
    one('\u{2005}', UnusualSpace, "FOUR-PER-EM SPACE"),
    one('\u{2006}', UnusualSpace, "SIX-PER-EM SPACE"),
    one('\u{2007}', UnusualSpace, "FIGURE SPACE"),
    one('\u{2008}', UnusualSpace, "PUNCTUATION SPACE"),
    one('\u{2009}', UnusualSpace, "THIN SPACE"),
    one('\u{200a}', UnusualSpace, "HAIR SPACE"),
    one(
        '\u{200b}',
        Kind::Invisible(ZeroWidthSpace),
        "ZERO WIDTH SPACE",
    ),
    one('\u{200c}', Kind::Invisible(Joiner), "ZERO WIDTH NON-JOINER"),
    one('\u{200d}', Kind::Invisible(Joiner), "ZERO WIDTH JOINER"),
    one(
        '\u{200e}',
        Kind::Invisible(DirectionMark),
        "LEFT-TO-RIGHT MARK",
    ),
    one(
        '\u{200f}',
        Kind::Invisible(DirectionMark),
        "RIGHT-TO-LEFT MARK",
    ),
    one('\u{2028}', Separator, "LINE SEPARATOR"),
    one('\u{2029}', Separator, "PARAGRAPH SEPARATOR"),
    range(
        '\u{202a}',
        '\u{202e}',
        Kind::Invisible(BidiEmbedding),
        "BIDIRECTIONAL EMBEDDING OR OVERRIDE",
    ),
    one('\u{202f}', UnusualSpace, "NARROW NO-BREAK SPACE"),
    one('\u{205f}', UnusualSpace, "MEDIUM MATHEMATICAL SPACE"),
    one('\u{2060}', Kind::Invisible(WordJoiner), "WORD JOINER"),
    range(
        '\u{2061}',
        '\u{2064}',
        Kind::Invisible(InvisibleOperator),
        "INVISIBLE OPERATOR",
    ),
    range(
        '\u{2066}',
        '\u{2069}',
        Kind::Invisible(BidiIsolate),
        "BIDIRECTIONAL ISOLATE",
    ),
    one(
        '\u{feff}',
        Kind::Invisible(ByteOrderMark),
        "ZERO WIDTH NO-BREAK SPACE",
    ),
];

/// No entry, in the index below.
const NONE: u8 = u8::MAX;

/// For each block of 256 characters of the Basic Multilingual Plane, where the table
/// has characters, its page of `PAGES`.
const PAGE_OF_BLOCK: [u8; 256] = {
    let mut page_of = [NONE; 256];
    let mut pages = 0;
    let mut i = 0;
    while i < TABLE.len() {
        assert!(TABLE[i].last as u32 <= 0xffff && TABLE.len() < NONE as usize);
        let mut block = TABLE[i].first as usize >> 8;
        while block <= TABLE[i].last as usize >> 8 {
            if page_of[block] == NONE {
                page_of[block] = pages;
                pages += 1;
            }
            block += 1;
        }
        i += 1;
    }
    page_of
};

const PAGE_COUNT: usize = {
    let mut count = 0;
    let mut block = 0;
    while block < PAGE_OF_BLOCK.len() {
        if PAGE_OF_BLOCK[block] != NONE {
            count += 1;
        }
        block += 1;
    }
    count
};

/// The index in `TABLE` of each character of the blocks that have some: the lookup
/// runs for most characters of a text (every character, for some callers), so it is
/// two array reads, built from the table when compiling.
const PAGES: [[u8; 256]; PAGE_COUNT] = {
    let mut pages = [[NONE; 256]; PAGE_COUNT];
    let mut i = 0;
    while i < TABLE.len() {
        let mut c = TABLE[i].first as usize;
        while c <= TABLE[i].last as usize {
            pages[PAGE_OF_BLOCK[c >> 8] as usize][c & 0xff] = i as u8;
            c += 1;
        }
        i += 1;
    }
    pages
};

/// The entry of `c`, if the table has one.
#[inline]
pub fn lookup(c: char) -> Option<&'static Entry> {
    let code = c as usize;
    let page = *PAGE_OF_BLOCK.get(code >> 8)?;
    // A block without characters has page `NONE`, past the last page.
    let at = *PAGES.get(usize::from(page))?.get(code & 0xff)?;
    TABLE.get(usize::from(at))
}

/// The kind of `c`, if the table has it.
#[inline]
pub fn kind(c: char) -> Option<Kind> {
    lookup(c).map(|entry| entry.kind)
}

/// The name of `c` in the table.
pub fn name(c: char) -> Option<&'static str> {
    lookup(c).map(|entry| entry.name)
}

/// Unicode's control characters (category Cc), as `char::is_control` has them.
pub fn is_control(c: char) -> bool {
    matches!(kind(c), Some(Layout | BreakControl | Control | C1Control))
}

/// Control characters reported as such: all but the layout ones, with the Unicode line
/// and paragraph separators.
pub fn is_reported_control(c: char) -> bool {
    matches!(
        kind(c),
        Some(BreakControl | Separator | Control | C1Control)
    )
}

/// Controls that stand for a line or page break, and become a line break when cleaned.
pub fn is_break(c: char) -> bool {
    matches!(kind(c), Some(BreakControl | Separator))
}

/// The form feed, `^L`.
pub const FORM_FEED: char = '\u{c}';

/// Whether `line` (without its line break) is a page break: a form feed alone on its line,
/// spaces and tabs aside, as GNU NEWS files, licences and change logs put one between
/// their sections on purpose. Not a blank line, and no whitespace to trim.
pub fn is_page_break(line: &str) -> bool {
    // The first other character ends the look: `control-character` asks this of the line
    // of each control it finds, and a line of text may be megabytes long.
    line.bytes()
        .all(|b| matches!(b, 0x0c | b' ' | b'\t' | b'\r'))
        && line.contains(FORM_FEED)
}

/// A C1 control (U+0080–U+009F).
pub fn is_c1(c: char) -> bool {
    kind(c) == Some(C1Control)
}

/// The name of `c` if it is an unusual space.
pub fn unusual_space_name(c: char) -> Option<&'static str> {
    lookup(c)
        .filter(|entry| entry.kind == UnusualSpace)
        .map(|entry| entry.name)
}

/// Whether `c` is an unusual space.
pub fn is_unusual_space(c: char) -> bool {
    kind(c) == Some(UnusualSpace)
}

/// The group and name of `c` if it is invisible.
pub fn invisible(c: char) -> Option<(Invisible, &'static str)> {
    lookup(c).and_then(|entry| match entry.kind {
        Kind::Invisible(group) => Some((group, entry.name)),
        _ => None,
    })
}

/// Invisible characters the normalized form of duplicate detection leaves out: those
/// that sit inside words (`cyber\u{200b}security` is `cybersecurity`). The bidirectional
/// controls, the invisible operators and U+180E are kept, so that the normalized form,
/// and the duplicates found with it, stay as they have been.
pub fn is_dropped_from_normalized(c: char) -> bool {
    invisible(c).is_some_and(|(group, _)| {
        matches!(
            group,
            SoftHyphen | ZeroWidthSpace | Joiner | DirectionMark | WordJoiner | ByteOrderMark
        )
    })
}

/// Characters written as escapes in messages besides whitespace and controls: the
/// invisible ones but U+180E (which messages have always shown as it is), and combining
/// marks, which shown on their own would sit on the quote before them.
pub fn is_escaped_in_messages(c: char) -> bool {
    match kind(c) {
        Some(Kind::Invisible(group)) => group != MongolianVowelSeparator,
        Some(CombiningMark) => true,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all_chars() -> impl Iterator<Item = char> {
        (0..=u32::from(char::MAX)).filter_map(char::from_u32)
    }

    #[test]
    fn the_table_is_sorted_and_the_index_finds_every_entry() {
        for pair in TABLE.windows(2) {
            assert!(pair[0].first <= pair[0].last && pair[0].last < pair[1].first);
        }
        for c in all_chars() {
            let linear = TABLE.iter().find(|e| e.first <= c && c <= e.last);
            assert_eq!(lookup(c).map(|e| e.name), linear.map(|e| e.name), "{c:?}");
        }
    }

    #[test]
    fn controls_are_unicode_controls() {
        for c in all_chars() {
            assert_eq!(is_control(c), c.is_control(), "{c:?}");
        }
    }

    #[test]
    fn classes_hold_what_their_users_expect() {
        let set = |pred: fn(char) -> bool| all_chars().filter(|&c| pred(c)).collect::<Vec<_>>();
        let chars = |ranges: &[(char, char)]| {
            ranges
                .iter()
                .flat_map(|&(a, b)| a..=b)
                .collect::<Vec<char>>()
        };
        assert_eq!(
            set(is_reported_control),
            chars(&[
                ('\u{0}', '\u{8}'),
                ('\u{b}', '\u{c}'),
                ('\u{e}', '\u{1f}'),
                ('\u{7f}', '\u{9f}'),
                ('\u{2028}', '\u{2029}'),
            ])
        );
        assert_eq!(set(is_break), ['\u{b}', '\u{c}', '\u{2028}', '\u{2029}']);
        assert_eq!(set(is_unusual_space).len(), 15);
        assert!(
            all_chars()
                .filter(|&c| is_unusual_space(c))
                .all(char::is_whitespace)
        );
        assert_eq!(
            set(is_dropped_from_normalized),
            chars(&[
                ('\u{ad}', '\u{ad}'),
                ('\u{200b}', '\u{200f}'),
                ('\u{2060}', '\u{2060}'),
                ('\u{feff}', '\u{feff}'),
            ])
        );
        assert_eq!(
            set(is_escaped_in_messages),
            chars(&[
                ('\u{ad}', '\u{ad}'),
                ('\u{300}', '\u{36f}'),
                ('\u{200b}', '\u{200f}'),
                ('\u{202a}', '\u{202e}'),
                ('\u{2060}', '\u{2064}'),
                ('\u{2066}', '\u{2069}'),
                ('\u{feff}', '\u{feff}'),
            ])
        );
    }

    #[test]
    fn names_characters() {
        assert_eq!(name('\u{7}'), Some("BEL"));
        assert_eq!(name('\u{85}'), Some("C1 control"));
        assert_eq!(
            unusual_space_name('\u{202f}'),
            Some("NARROW NO-BREAK SPACE")
        );
        assert_eq!(unusual_space_name('\u{200b}'), None);
        assert_eq!(unusual_space_name('\u{3000}'), None);
        assert_eq!(
            invisible('\u{2063}'),
            Some((InvisibleOperator, "INVISIBLE OPERATOR"))
        );
        assert_eq!(invisible('a'), None);
    }
}
