//! Mojibake made the way it happens: text encoded with one codec and decoded with another,
//! through encoding_rs and oem_cp directly, not through the tables under test.

use super::*;

/// `bytes` decoded with the codec called `name`; `None` if a byte is undefined in it.
fn decode_with(name: &str, bytes: &[u8]) -> Option<String> {
    use encoding_rs as e;
    let encoding = match name {
        "latin-1" => return Some(bytes.iter().map(|&b| char::from(b)).collect()),
        "cp437" => return Some(dos(bytes, &oem_cp::code_table::DECODING_TABLE_CP437)),
        "cp850" => return Some(dos(bytes, &oem_cp::code_table::DECODING_TABLE_CP850)),
        "windows-1252" => e::WINDOWS_1252,
        "MacRoman" => e::MACINTOSH,
        "windows-1250" => e::WINDOWS_1250,
        "windows-1251" => e::WINDOWS_1251,
        "windows-1253" => e::WINDOWS_1253,
        "windows-1254" => e::WINDOWS_1254,
        "windows-1257" => e::WINDOWS_1257,
        "ISO-8859-2" => e::ISO_8859_2,
        "ISO-8859-15" => e::ISO_8859_15,
        "KOI8-R" => e::KOI8_R,
        "KOI8-U" => e::KOI8_U,
        _ => panic!("no codec {name}"),
    };
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    (!had_errors).then(|| text.into_owned())
}

fn dos(bytes: &[u8], table: &[char; 128]) -> String {
    let byte = |b: u8| {
        if b < 0x80 {
            char::from(b)
        } else {
            table[usize::from(b - 0x80)]
        }
    };
    bytes.iter().map(|&b| byte(b)).collect()
}

/// `text` in `real` (its UTF-8 when `real` is "UTF-8") decoded with `read_as`.
fn misread(text: &str, real: &str, read_as: &str) -> Option<String> {
    let bytes = if real == "UTF-8" {
        text.as_bytes().to_vec()
    } else {
        let encoding = encoding_rs::Encoding::for_label(real.as_bytes())?;
        let (bytes, _, unmappable) = encoding.encode(text);
        if unmappable {
            return None;
        }
        bytes.into_owned()
    };
    decode_with(read_as, &bytes)
}

/// `text` with every finding replaced by its repair.
fn repair(text: &str) -> String {
    let mut out = String::new();
    let mut at = 0;
    for m in find(text) {
        out.push_str(&text[at..m.span.start]);
        out.push_str(&m.repaired);
        at = m.span.end;
    }
    out.push_str(&text[at..]);
    out
}

const UTF8_DECODERS: [&str; 14] = [
    "windows-1252",
    "latin-1",
    "MacRoman",
    "windows-1250",
    "windows-1251",
    "windows-1253",
    "windows-1254",
    "windows-1257",
    "ISO-8859-2",
    "ISO-8859-15",
    "KOI8-R",
    "KOI8-U",
    "cp437",
    "cp850",
];

/// Sentences in several scripts, each in otherwise plain ASCII context.
const SAMPLES: [&str; 10] = [
    "Le café où nous étions était fermé.",
    "Die Brücke über den Fluss ist schön.",
    "Příliš žluťoučký kůň úpěl ďábelské ódy.",
    "Привет, как дела? Всё хорошо.",
    "Καλημέρα σας, τι κάνετε;",
    "مرحبا بكم في الموقع",
    "שלום עולם",
    "中文双语新闻",
    "He said “don’t” — and left…",
    "Party time 😀 now",
];

#[test]
fn repairs_utf8_read_with_every_codec() {
    let mut failures = Vec::new();
    for codec in UTF8_DECODERS {
        for original in SAMPLES {
            // `ž` is a byte of a CJK sequence in ISO-8859-15 and another in windows-1252,
            // and both sequences are valid: that one is ambiguous.
            if codec == "ISO-8859-15" && original.starts_with('中') {
                continue;
            }
            let Some(garbled) = misread(original, "UTF-8", codec) else {
                continue;
            };
            assert_ne!(garbled, original);
            let found = find(&garbled);
            // Codecs that share most of their characters (windows-1252 and windows-1254,
            // cp437 and cp850) cannot always be told apart: the repair is what counts.
            let utf8 = found
                .iter()
                .all(|m| matches!(&m.cause, Cause::Utf8(chain) if chain.len() == 1));
            if repair(&garbled) != original || !utf8 || found.is_empty() {
                failures.push(format!("{codec}: {garbled:?} → {:?}", repair(&garbled)));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn repairs_chains_of_wrong_decodings() {
    let chains: [&[&str]; 5] = [
        &["windows-1252", "windows-1252"],
        &["windows-1251", "windows-1252"],
        &["windows-1251", "windows-1251"],
        &["MacRoman", "MacRoman"],
        &["windows-1252", "windows-1252", "windows-1252"],
    ];
    for chain in chains {
        for original in [
            "Le café était fermé.",
            "Привет, мир",
            "don’t stop",
            "Ελληνικά",
        ] {
            let mut garbled = original.to_string();
            for codec in chain {
                garbled = misread(&garbled, "UTF-8", codec).unwrap_or_default();
            }
            if garbled.is_empty() {
                continue;
            }
            assert_eq!(repair(&garbled), original, "{chain:?}: {garbled}");
            let found = find(&garbled);
            // Latin-1 and windows-1252 differ only in the C1 controls the message names.
            let same = |a: &str, b: &str| a == b || (a == "latin-1" && b == "windows-1252");
            let named = |m: &Mojibake| match &m.cause {
                Cause::Utf8(found) => {
                    found.len() == chain.len() && found.iter().zip(chain).all(|(a, b)| same(a, b))
                }
                Cause::SingleByte(..) => false,
            };
            assert!(found.iter().all(named), "{chain:?} {found:?}");
        }
    }
}

#[test]
fn names_the_chain() {
    let cause = Cause::Utf8(vec!["windows-1251", "windows-1252"]);
    assert_eq!(
        cause.describe(),
        "UTF-8 read as windows-1251, then as windows-1252"
    );
    assert!(cause.is_exact());
    let cause = Cause::SingleByte("windows-1252", "MacRoman");
    assert_eq!(cause.describe(), "windows-1252 text read as MacRoman");
    assert!(!cause.is_exact());
}

#[test]
fn repairs_single_byte_mix_ups() {
    for (original, real, read_as) in [
        // (`…` would become U+0085, a line break to Unicode, left to control-character.)
        ("He said “yes” – then left", "windows-1252", "latin-1"),
        (
            "Привет, как дела у тебя сегодня",
            "windows-1251",
            "windows-1252",
        ),
        (
            "Kan ikke tilføje sektion “hoved”",
            "windows-1252",
            "MacRoman",
        ),
        ("Impossible de créer le répertoire", "macintosh", "latin-1"),
        ("Καλημέρα σας, τι κάνετε;", "windows-1253", "windows-1252"),
        (
            "Błąd podczas dopasowywania wyrażenia",
            "windows-1250",
            "windows-1252",
        ),
        ("Błąd odczytu pliku: żądanie", "ISO-8859-2", "latin-1"),
    ] {
        let garbled = misread(original, real, read_as).unwrap_or_default();
        assert_ne!(garbled, original);
        let found = find(&garbled);
        assert!(!found.is_empty(), "{garbled}");
        assert!(found.iter().all(|m| !m.cause.is_exact()), "{found:?}");
        assert_eq!(
            repair(&garbled),
            original,
            "{real} read as {read_as}: {garbled}"
        );
    }
}

#[test]
fn finds_one_garbled_word_among_correct_ones() {
    let garbled = misread("été", "UTF-8", "windows-1252").unwrap_or_default();
    let text = format!("Un café, un {garbled} à Montréal.");
    let found = find(&text);
    // `Ã©tÃ©`: two runs of mojibake with a `t` between them.
    assert_eq!(found.len(), 2, "{found:?}");
    assert_eq!(repair(&text), "Un café, un été à Montréal.");
}

#[test]
fn leaves_hard_correct_text_alone() {
    for text in [
        "SÃO PAULO, ÅLAND and CHÂTEAU",
        "ÅLAND\u{a0}ISLANDS, MÜNCHENÄ\u{a0}GmbH",
        "ACMEÃ™ widgets, BRANDÅ’S best, PLAZAÂ£5",
        "CAFÉ” said the sign. DÉJÀ VU’ and ÖL“",
        "clichés, Français, naïve, Ångström, Größe, crème brûlée",
        "Її, Він, Сімферополь, Её, ёлка",
        "ΚΑΛΗΜΈΡΑ, Άνοιξη, Ώρα",
        "┌──┐\n│ab│\n└──┘ ═╡ ─┤ ├─",
        "Ðe ðorn and Þe þorn in Old English ‘Æ’",
        "µm, ½ cup, £5, 20°C, ©2021, ×2, nº 5, 1ª",
        "10 m³ of water, x² + y³, H₂O, the 3ª edición, ¿Qué tal?",
        "un café\u{a0}“noir” et à\u{a0}« bientôt »",
        "中文双语Français 中国社会科学网(中文)",
        "An hÉireann, i nÍosa, ar an tAthair",
        "W3C®Trademarks and Generic Terms, the Intel®Core™ i7, ACME®, Widget™-based",
    ] {
        assert_eq!(find(text), [], "{text}");
    }
}

#[test]
fn leaves_markup_and_character_tables_alone() {
    for text in [
        // groff's point-size escape, with its sign.
        "\tUse explicit \\s±n after a variable string instead of \\s0\n",
        // The 8-bit letters of a code page, listed in order.
        "- Added alphas8bit with the characters ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖØ\n",
        "The Greek letters αβγδεζηθ are accepted in names.\n",
    ] {
        assert!(find(text).is_empty(), "{text}");
    }
    // Beside them, a word a codec mixed up is still found.
    let garbled =
        misread("Błąd odczytu pliku: żądanie", "ISO-8859-2", "latin-1").unwrap_or_default();
    assert!(!find(&format!("{garbled} \\s0\n")).is_empty());
}

#[test]
fn leaves_listed_letters_fillers_and_characters_named_by_code_point_alone() {
    for text in [
        // Letters listed, one word of them in a line of another language.
        "  grep is faster on brackets that match multibyte characters (such as '[áéíóú]').\n",
        "  [89] localedata: Locales nb_NO and nn_NO should transliterate æøå\n",
        "\tFOL  áëñ ~\n",
        // One letter repeated: filler, whatever the line.
        "\t$ yes áááááááááááááááááááá | head -n100000 > mbc.txt\n",
        "find: Failed to change directory: ÿÿÿÿ: Permission denied\n",
        // A table of characters, each beside its code point.
        "˛\t';\t02DB\t0731\tOGONEK\n",
        "\u{ad}\t--\t0xad\t173\tSOFT HYPHEN\n",
    ] {
        assert!(find(text).is_empty(), "{text}");
    }
    // Two words of accented letters read as another script are found, short as they are.
    let garbled = misread("Нет, мир", "windows-1251", "windows-1252").unwrap_or_default();
    assert_eq!(repair(&garbled), "Нет, мир");
    // A character beside a code point that is not its own is looked at.
    let garbled = misread("tilføje", "windows-1252", "MacRoman").unwrap_or_default();
    assert!(!find(&format!("{garbled} 0x41\n")).is_empty());
    // A sign inside a word in capitals is no trademark set after a name.
    let garbled = misread("TRÆER OG ÆBLER", "macintosh", "latin-1").unwrap_or_default();
    assert_eq!(repair(&garbled), "TRÆER OG ÆBLER");
}
