//! The single-byte codecs that real mis-decodings come from, as byte → character tables
//! taken from maintained crates (encoding_rs for the WHATWG and ISO codecs, oem_cp for the
//! DOS code pages), and one reverse table for all of them.

use std::sync::LazyLock;

use rustc_hash::FxHashMap;

/// How many codecs there are; a character's bytes in all of them fit one array.
pub const COUNT: usize = 16;

/// One codec: its name as messages print it and what each byte from 0x80 up decodes to
/// (`None` where the codec leaves the byte undefined).
pub struct Codec {
    pub name: &'static str,
    decode: [Option<char>; 128],
}

impl Codec {
    /// What `byte` decodes to; ASCII is ASCII in every codec here.
    pub fn decode(&self, byte: u8) -> Option<char> {
        match byte {
            0..=0x7f => Some(char::from(byte)),
            _ => self.decode[usize::from(byte - 0x80)],
        }
    }
}

/// Indexes into [`codecs`], in the order ties are broken: the most common wrong decodings
/// first.
pub const WINDOWS_1252: usize = 0;
pub const MAC_ROMAN: usize = 1;
pub const WINDOWS_1251: usize = 2;
pub const WINDOWS_1250: usize = 3;
pub const ISO_8859_2: usize = 4;
pub const ISO_8859_15: usize = 5;
pub const WINDOWS_1253: usize = 6;
pub const WINDOWS_1254: usize = 7;
pub const WINDOWS_1257: usize = 8;
pub const KOI8_R: usize = 9;
pub const KOI8_U: usize = 10;
pub const CP437: usize = 11;
pub const CP850: usize = 12;
pub const CP866: usize = 13;
pub const ISO_8859_7: usize = 14;
/// Latin-1 is windows-1252 with C1 controls where windows-1252 has punctuation; it is kept
/// apart for the single-byte mix-ups, where that difference is the whole finding.
pub const LATIN_1: usize = 15;

struct Tables {
    codecs: Vec<Codec>,
    /// Each character some codec can produce from a byte ≥ 0x80.
    bytes: FxHashMap<char, Bytes>,
}

/// A character's byte in each codec (0: the codec has no byte for it), and as bit sets
/// over the codecs, where that byte can start a multi-byte UTF-8 sequence and where it
/// can continue one.
#[derive(Clone, Copy, Default)]
pub struct Bytes {
    pub of: [u8; COUNT],
    pub lead: u16,
    pub continuation: u16,
}

static TABLES: LazyLock<Tables> = LazyLock::new(build);

/// All codecs, indexed by the constants above.
pub fn codecs() -> &'static [Codec] {
    &TABLES.codecs
}

/// The byte of `c` in each codec, 0 where a codec cannot encode it; `None` for ASCII and
/// for characters no codec has.
pub fn bytes_of(c: char) -> Option<&'static Bytes> {
    if c.is_ascii() {
        return None;
    }
    TABLES.bytes.get(&c)
}

fn from_encoding_rs(name: &'static str, encoding: &'static encoding_rs::Encoding) -> Codec {
    let mut decode = [None; 128];
    for (i, slot) in decode.iter_mut().enumerate() {
        let byte = [0x80 + i as u8];
        let (text, had_errors) = encoding.decode_without_bom_handling(&byte);
        if !had_errors {
            *slot = text.chars().next();
        }
    }
    Codec { name, decode }
}

fn from_oem(name: &'static str, table: &[char; 128]) -> Codec {
    Codec {
        name,
        decode: table.map(Some),
    }
}

fn build() -> Tables {
    use encoding_rs as e;
    let latin_1 = Codec {
        name: "latin-1",
        decode: std::array::from_fn(|i| char::from_u32(0x80 + i as u32)),
    };
    let codecs = vec![
        from_encoding_rs("windows-1252", e::WINDOWS_1252),
        from_encoding_rs("MacRoman", e::MACINTOSH),
        from_encoding_rs("windows-1251", e::WINDOWS_1251),
        from_encoding_rs("windows-1250", e::WINDOWS_1250),
        from_encoding_rs("ISO-8859-2", e::ISO_8859_2),
        from_encoding_rs("ISO-8859-15", e::ISO_8859_15),
        from_encoding_rs("windows-1253", e::WINDOWS_1253),
        from_encoding_rs("windows-1254", e::WINDOWS_1254),
        from_encoding_rs("windows-1257", e::WINDOWS_1257),
        from_encoding_rs("KOI8-R", e::KOI8_R),
        from_encoding_rs("KOI8-U", e::KOI8_U),
        from_oem("cp437", &oem_cp::code_table::DECODING_TABLE_CP437),
        from_oem("cp850", &oem_cp::code_table::DECODING_TABLE_CP850),
        from_encoding_rs("cp866", e::IBM866),
        from_encoding_rs("ISO-8859-7", e::ISO_8859_7),
        latin_1,
    ];
    let mut bytes: FxHashMap<char, Bytes> = FxHashMap::default();
    for (index, codec) in codecs.iter().enumerate() {
        for byte in 0x80..=0xffu8 {
            if let Some(c) = codec.decode(byte) {
                let slot = &mut bytes.entry(c).or_default().of[index];
                if *slot == 0 {
                    *slot = byte;
                }
            }
        }
    }
    // Tools that decode as windows-1252 fall back to latin-1 for the bytes it leaves
    // undefined, and older MacRoman tables have the currency sign where newer ones have €.
    for code in 0x80..=0x9fu32 {
        if let Some(c) = char::from_u32(code) {
            let slot = &mut bytes.entry(c).or_default().of[WINDOWS_1252];
            if *slot == 0 {
                *slot = code as u8;
            }
        }
    }
    let euro_byte = bytes.get(&'€').map_or(0, |b| b.of[MAC_ROMAN]);
    bytes.entry('¤').or_default().of[MAC_ROMAN] = euro_byte;
    for entry in bytes.values_mut() {
        for (index, &byte) in entry.of.iter().enumerate() {
            if (0xc2..=0xf4).contains(&byte) {
                entry.lead |= 1 << index;
            }
            if (0x80..=0xbf).contains(&byte) {
                entry.continuation |= 1 << index;
            }
        }
    }
    Tables { codecs, bytes }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_match_the_codecs() {
        let all = codecs();
        assert_eq!(all.len(), COUNT);
        assert_eq!(all[WINDOWS_1252].decode(0x92), Some('’'));
        assert_eq!(all[LATIN_1].decode(0x92), Some('\u{92}'));
        assert_eq!(all[MAC_ROMAN].decode(0x8e), Some('é'));
        assert_eq!(all[WINDOWS_1251].decode(0xd0), Some('Р'));
        assert_eq!(all[KOI8_R].decode(0xc1), Some('а'));
        assert_eq!(all[CP437].decode(0xc3), Some('├'));
        assert_eq!(all[CP850].decode(0xcf), Some('¤'));
        assert_eq!(all[WINDOWS_1253].decode(0xe1), Some('α'));
        assert_eq!(bytes_of('’').map(|b| b.of[WINDOWS_1252]), Some(0x92));
        assert_eq!(bytes_of('\u{9d}').map(|b| b.of[WINDOWS_1252]), Some(0x9d));
        assert!(bytes_of('a').is_none());
        assert!(bytes_of('中').is_none());
    }
}
